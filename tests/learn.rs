//! `clean learn` on a generated corpus of pages from one synthetic site: the same header lines on
//! every page, footer lines whose dates and counters change, and bodies assembled from varied
//! sentences. The proposals must cover the header and footer, take nothing from the bodies, load
//! as a rule file that cleans the pages back to their bodies, and not depend on the thread count.

use clean::learn::{learn, to_toml, LearnOptions, Position};
use clean::{RuleSet, RuleSource};

/// A small deterministic generator (64-bit LCG), so the corpus is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

const SUBJECTS: &[&str] = &[
    "Ủy ban nhân dân thành phố",
    "Bộ Tài chính",
    "Các doanh nghiệp xuất khẩu",
    "Người nông dân ở Đồng Tháp",
    "Ngân hàng Nhà nước",
    "Nhiều trường đại học",
    "Sở Giao thông vận tải",
    "Các chuyên gia kinh tế",
    "Hội Nông dân tỉnh",
    "Công ty điện lực miền Bắc",
];
const VERBS: &[&str] = &[
    "vừa công bố kế hoạch",
    "đang xem xét đề xuất",
    "đã hoàn thành báo cáo về",
    "kiến nghị điều chỉnh",
    "cho biết sẽ đẩy mạnh",
    "dự kiến triển khai",
    "lên tiếng phản đối",
    "thống nhất phương án",
];
const OBJECTS: &[&str] = &[
    "giảm thuế cho hộ kinh doanh nhỏ",
    "mở rộng tuyến buýt điện nội đô",
    "hỗ trợ giá phân bón vụ đông xuân",
    "nâng cấp hệ thống thủy lợi",
    "tuyển sinh theo phương thức mới",
    "ổn định giá điện trong mùa khô",
    "xây dựng thêm ba cây cầu vượt",
    "số hóa thủ tục hành chính",
    "tăng lương tối thiểu vùng",
];
const TAILS: &[&str] = &[
    "trong năm tới",
    "từ quý sau",
    "sau nhiều tháng chuẩn bị",
    "theo lộ trình đã được phê duyệt",
    "nhằm giảm chi phí cho người dân",
    "trước áp lực lạm phát",
];

fn sentence(rng: &mut Lcg) -> String {
    format!(
        "{} {} {} {}.",
        SUBJECTS[rng.next(SUBJECTS.len())],
        VERBS[rng.next(VERBS.len())],
        OBJECTS[rng.next(OBJECTS.len())],
        TAILS[rng.next(TAILS.len())]
    )
}

struct Page {
    path: String,
    text: String,
    body: String,
}

const HEADER: &[&str] = &[
    "Báo Tin Mới",
    "Trang chủ | Thời sự | Kinh doanh | Giáo dục | Thể thao",
];
const FOOTER_START: &str = "Chia sẻ bài viết:";

/// Thirty pages of the one site. The update line and the footer carry numbers that change.
fn site_pages() -> Vec<Page> {
    let mut rng = Lcg(2024);
    (0..30)
        .map(|i| {
            let title = format!(
                "{} {}",
                SUBJECTS[rng.next(SUBJECTS.len())],
                OBJECTS[rng.next(OBJECTS.len())]
            );
            let mut body = title.clone();
            for _ in 0..3 + rng.next(3) {
                body.push_str("\n\n");
                let n = 2 + rng.next(3);
                let para: Vec<String> = (0..n).map(|_| sentence(&mut rng)).collect();
                body.push_str(&para.join(" "));
            }
            let text = format!(
                "{}\n{}\nCập nhật: {:02}:{:02} | {:02}/{:02}/2023\n\n{}\n\n{}\nLượt xem: {}\n\
                 © 2023 Báo Tin Mới. Giấy phép số {}/GP-BTTTT.\nĐường dây nóng: 0{} {} {}\n",
                HEADER[0],
                HEADER[1],
                rng.next(24),
                rng.next(60),
                1 + rng.next(28),
                1 + rng.next(12),
                body,
                FOOTER_START,
                100 + rng.next(90000),
                100 + rng.next(800),
                900 + rng.next(99),
                100 + rng.next(900),
                1000 + rng.next(9000),
            );
            Page {
                path: format!("tin-moi/{i:03}.txt"),
                text,
                body: format!("{body}\n"),
            }
        })
        .collect()
}

fn documents(pages: &[Page]) -> Vec<(String, String)> {
    pages
        .iter()
        .map(|p| (p.path.clone(), p.text.clone()))
        .collect()
}

fn learn_with_threads(docs: &[(String, String)], threads: usize) -> String {
    let opts = LearnOptions::default();
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool")
        .install(|| to_toml(&learn(docs, &opts), docs.len(), &opts))
}

#[test]
fn proposes_the_header_and_footer_and_nothing_from_the_bodies() {
    let pages = site_pages();
    let findings = learn(&documents(&pages), &LearnOptions::default());
    let regexes: Vec<(regex::Regex, Position)> = findings
        .iter()
        .map(|f| (regex::Regex::new(&f.pattern).expect("valid"), f.position))
        .collect();
    let proposed_at = |line: &str| -> Vec<Position> {
        regexes
            .iter()
            .filter(|(re, _)| re.is_match(line))
            .map(|(_, p)| *p)
            .collect()
    };

    for page in &pages {
        let lines: Vec<&str> = page.text.lines().filter(|l| !l.is_empty()).collect();
        // The three header lines (two fixed, one with a changing time) are proposed as top lines,
        // the four footer lines (counters, licence numbers, phone numbers change) as bottom lines.
        for line in &lines[..3] {
            assert_eq!(proposed_at(line), [Position::Top], "header line {line:?}");
        }
        for line in &lines[lines.len() - 4..] {
            assert_eq!(
                proposed_at(line),
                [Position::Bottom],
                "footer line {line:?}"
            );
        }
        for line in page.body.lines().filter(|l| !l.is_empty()) {
            assert!(
                proposed_at(line).is_empty(),
                "a body line was proposed: {line:?}"
            );
        }
    }
    assert_eq!(findings.len(), 7, "{findings:#?}");
    assert!(findings.iter().all(|f| f.documents == 30));
}

#[test]
fn the_learned_file_loads_and_cleans_the_pages_back_to_their_bodies() {
    let pages = site_pages();
    let toml = learn_with_threads(&documents(&pages), 2);
    let rules = RuleSet::from_sources(&[RuleSource::new("learned.toml", toml.clone())])
        .unwrap_or_else(|e| panic!("learned rules do not load: {e}\n{toml}"));
    for page in &pages {
        assert_eq!(rules.clean(&page.text).text, page.body, "{}", page.path);
    }
    // Every rule says what it found, for the reviewer.
    assert_eq!(
        toml.matches("\n# 30 documents (100%), ").count(),
        7,
        "{toml}"
    );
    assert!(toml.contains("e.g. Trang chủ | Thời sự | Kinh doanh | Giáo dục | Thể thao"));
}

#[test]
fn the_result_is_the_same_for_any_thread_count() {
    let docs = documents(&site_pages());
    assert_eq!(learn_with_threads(&docs, 1), learn_with_threads(&docs, 2));
}

#[test]
fn a_corpus_without_repeats_proposes_nothing() {
    let pages = site_pages();
    let bodies: Vec<(String, String)> = pages
        .iter()
        .map(|p| (p.path.clone(), p.body.clone()))
        .collect();
    assert!(learn(&bodies, &LearnOptions::default()).is_empty());
}

#[test]
fn cli_writes_a_rule_file_that_loads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("site");
    for page in site_pages() {
        let path = corpus.join(&page.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &page.text).unwrap();
    }
    let out = dir.path().join("rules").join("learned.toml");
    assert_cmd::Command::cargo_bin("clean")
        .unwrap()
        .arg("learn")
        .arg(&corpus)
        .arg("-o")
        .arg(&out)
        .args(["--jobs", "2"])
        .assert()
        .success()
        .stderr(predicates::str::contains("30 documents, 7 rules proposed"));
    let sources = RuleSet::read_sources(&out).expect("written");
    RuleSet::from_sources(&sources).expect("loads");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        learn_with_threads(&documents(&site_pages()), 1)
    );
}
