//! How cleaning one big document scales: documents of growing size (many short lines, and one
//! single line) are cleaned with the built-in rules, and the time per MB and the peak memory are
//! printed for each size. Time per MB and memory per MB that stay flat as the size grows show
//! the cost is linear in the document's size.
//!
//!     cargo bench --bench big_document              # 16, 64 and 256 MB
//!     cargo bench --bench big_document -- 100 1000  # sizes in MB of your choice

use std::time::Instant;

use clean::RuleSet;

const PARAGRAPH: &str = "Người dân Hà Nội đã đến xem triển lãm về lịch sử của thành phố trong \
                         nhiều ngày liền, và các nhà tổ chức cho biết số khách năm nay đông hơn.";

/// A document of about `bytes` bytes: breadcrumb, paragraphs, a related list, a source line.
fn many_lines(bytes: usize) -> String {
    let mut doc = String::with_capacity(bytes + 256);
    doc.push_str("Thời sự\n");
    while doc.len() < bytes {
        doc.push_str(PARAGRAPH);
        doc.push_str("\n\n");
    }
    doc.push_str("Tin liên quan\n- Một tin khác\n- Tin nữa\nTheo VnExpress (vnexpress.net)\n");
    doc
}

/// One line of about `bytes` bytes.
fn one_line(bytes: usize) -> String {
    let mut doc = PARAGRAPH.repeat(bytes / PARAGRAPH.len() + 1);
    doc.push('\n');
    doc
}

/// Peak resident memory of this process so far, in MB (Linux only; 0 elsewhere).
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![16, 64, 256]
    } else {
        sizes
    };
    let rules = RuleSet::builtin();
    println!(
        "{:<11} {:>8} {:>10} {:>10} {:>14}",
        "shape", "MB", "seconds", "s/MB", "peak RSS MB"
    );
    for &mb in &sizes {
        for (shape, make) in [
            ("many-lines", many_lines as fn(usize) -> String),
            ("one-line", one_line),
        ] {
            let doc = make(mb << 20);
            let start = Instant::now();
            let cleaned = rules.clean(&doc);
            let secs = start.elapsed().as_secs_f64();
            assert!(!cleaned.text.is_empty());
            let size = doc.len() as f64 / (1 << 20) as f64;
            println!(
                "{shape:<11} {size:>8.0} {secs:>10.2} {:>10.4} {:>14.0}",
                secs / size,
                peak_rss_mb()
            );
        }
    }
}
