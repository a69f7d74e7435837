//! Cleans the seeds over and over, for profilers (`perf record`, `valgrind --tool=callgrind`):
//! `cargo build --release --example profile_engine && perf record target/release/examples/profile_engine`.

fn main() {
    let rules = clean::RuleSet::builtin();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut docs: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    docs.sort();
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let mut out = 0usize;
    for _ in 0..rounds {
        for d in &docs {
            out += rules.clean(d).text.len();
        }
    }
    println!("{out}");
}
