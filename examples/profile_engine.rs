//! Cleans a set of documents over and over, for profilers (`perf record`, `valgrind
//! --tool=callgrind`) and quick throughput checks:
//! `cargo build --release --example profile_engine && perf record target/release/examples/profile_engine [ROUNDS] [DIR] [MAX_MB]`.
//! DIR defaults to the seeds; every file under it is read (up to MAX_MB, default 32) and cleaned
//! ROUNDS times (default 200); the engine's throughput is printed on stderr. With
//! `CLEAN_PROFILE_RULES=PATH` the rules are read from that file or folder instead of the built-in
//! ones: what one rule costs is the difference between two runs, one without it.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let dir = args.next().map_or_else(
        || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"),
        std::path::PathBuf::from,
    );
    let max_bytes = args
        .next()
        .and_then(|a| a.parse::<usize>().ok())
        .unwrap_or(32)
        << 20;
    let start = Instant::now();
    let rules = match std::env::var_os("CLEAN_PROFILE_RULES") {
        Some(path) => clean::RuleSet::read_sources(std::path::Path::new(&path))
            .map_err(|e| e.to_string())
            .and_then(|sources| clean::RuleSet::from_sources(&sources).map_err(|e| e.to_string()))
            .unwrap_or_else(|e| {
                eprintln!("profile_engine: {e}");
                std::process::exit(2)
            }),
        None => clean::RuleSet::builtin(),
    };
    eprintln!("rules compiled in {:?}", start.elapsed());
    let mut paths: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    paths.sort();
    let mut docs = Vec::new();
    let mut bytes = 0;
    for p in paths {
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        if bytes + text.len() > max_bytes {
            continue;
        }
        bytes += text.len();
        docs.push(text);
    }
    let start = Instant::now();
    let cpu_start = cpu_seconds();
    let mut out = 0usize;
    for _ in 0..rounds {
        for d in &docs {
            out += rules.clean(d).text.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu_start).map(|(end, start)| end - start);
    eprintln!(
        "{} documents, {:.1} MB x {rounds}: {:.2} s, {:.1} MB/s{}",
        docs.len(),
        bytes as f64 / 1e6,
        secs,
        (bytes * rounds) as f64 / 1e6 / secs,
        cpu.map_or(String::new(), |cpu| format!(
            "; CPU {cpu:.2} s, {:.1} MB/s of CPU",
            (bytes * rounds) as f64 / 1e6 / cpu
        ))
    );
    println!("{out}");
}

/// User plus system CPU time of this process so far, from /proc (Linux); `None` elsewhere. CPU
/// time, unlike wall time, does not grow when other processes share the cores.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
