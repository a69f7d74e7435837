//! Each kind of rule on small documents of its own, with the traps the reference calls out:
//! content lines that begin with "Theo ...", a sub-heading without a period, a marker early in an
//! article or inside a sentence, and a document with no boilerplate that must come out unchanged.

use clean::{RuleSet, RuleSource, Zone};

fn rules(toml: &str) -> RuleSet {
    RuleSet::from_sources(&[RuleSource::new("test.toml", toml)]).expect("test rules compile")
}

fn names(set: &RuleSet, cleaned: &clean::Cleaned) -> Vec<(usize, Zone, String)> {
    cleaned
        .removals
        .iter()
        .map(|r| (r.line, r.zone, set.rule(r.rule).name.clone()))
        .collect()
}

const BODY: &str =
    "Đây là đoạn mở đầu của bài báo, đủ dài để được xem là nội dung chính của bài viết này.\n\
Đoạn thứ hai tiếp tục câu chuyện với nhiều chi tiết hơn về sự kiện đã xảy ra trong tuần.\n\
Đoạn thứ ba kết thúc bài báo bằng nhận định của các chuyên gia trong ngành về tương lai.\n";

/// A second part of an article, different from [`BODY`] (real articles do not repeat paragraphs,
/// and the heuristics treat a repeated line as boilerplate).
const BODY2: &str =
    "Sau cuộc họp, lãnh đạo thành phố cho biết sẽ công bố kế hoạch chi tiết trong tháng tới.\n\
Người dân trong khu vực đã được thông báo về những thay đổi và thời gian thực hiện dự kiến.\n";

#[test]
fn header_lines_go_while_they_match_and_the_header_ends_at_the_first_other_line() {
    let set = rules("[[header]]\nname = \"h.kicker\"\npattern = '^(?:Thời sự|Xã hội)$'\n");
    let doc = format!("Thời sự\n\nXã hội\nTiêu đề bài báo\nThời sự\n{BODY}");
    let out = set.clean(&doc);
    assert_eq!(
        out.text,
        format!("Tiêu đề bài báo\nThời sự\n{BODY}"),
        "a match after the header stays"
    );
    assert_eq!(
        names(&set, &out),
        [
            (1, Zone::Header, "h.kicker".into()),
            (3, Zone::Header, "h.kicker".into())
        ]
    );
}

#[test]
fn footer_marker_drops_the_rest_but_not_early_or_inside_a_sentence() {
    let set = rules("[[footer]]\nname = \"f.related\"\npattern = '(?i)^tin liên quan:?$'\n");
    let tail = "Tin liên quan:\nBài một\nBài hai\n";
    let out = set.clean(&format!("{BODY}{tail}"));
    assert_eq!(out.text, BODY);
    assert_eq!(out.removals.len(), 3);
    assert!(out.removals.iter().all(|r| r.zone == Zone::Footer));

    // A marker as the second line of a long article is not trusted: nothing goes.
    let early = format!("Tiêu đề\nTin liên quan:\n{BODY}{BODY}{BODY}");
    assert_eq!(set.clean(&early).text, early);
    // Inside a sentence it is not a marker at all.
    let inside = format!("{BODY}Độc giả có thể xem tin liên quan: giá xăng tăng.\nĐoạn cuối.\n");
    assert_eq!(set.clean(&inside).text, inside);
}

#[test]
fn trailing_lines_go_only_at_the_end() {
    let set = RuleSet::builtin();
    // "Theo ..." sentences inside and at the start of an article are content.
    let doc = format!(
        "Theo Chủ tịch Hiệp hội, thị trường sẽ phục hồi vào cuối năm nay.\n{BODY}\
         Theo trang SCMP, tuần trước, các hãng công nghệ đã họp bàn về kế hoạch mới.\n{BODY2}\
         Theo Minh Anh (Vnexpress.net)\n"
    );
    let out = set.clean(&doc);
    assert!(out.text.starts_with("Theo Chủ tịch Hiệp hội"));
    assert!(out.text.contains("Theo trang SCMP, tuần trước"));
    assert!(!out.text.contains("Minh Anh"));
    assert_eq!(names(&set, &out).last().unwrap().2, "vi.source-attribution");
}

#[test]
fn sidebar_blocks_need_their_run_and_take_their_neighbours() {
    let set = rules(
        "[[sidebar]]\nname = \"s.dash\"\npattern = '^-$'\nafter = 1\nmin_run = 3\n\
         [[sidebar]]\nname = \"s.teaser\"\npattern = '^\\d+ giờ trước$'\nbefore = 2\n",
    );
    let list = "-\nTin một\n-\nTin hai\n-\nTin ba\n";
    let out = set.clean(&format!("{list}{BODY}"));
    assert_eq!(out.text, BODY);
    // Two pairs are not a list: a stray dash stays.
    let stray = format!("{BODY}-\nMột dòng\n-\nDòng khác\n");
    assert_eq!(set.clean(&stray).text, stray);
    // A teaser: headline, summary, relative time.
    let teaser = format!("{BODY}\nTiêu đề tin khác\n\nTóm tắt tin khác....\n3 giờ trước\n");
    let out = set.clean(&teaser);
    assert_eq!(out.text, BODY);
    assert_eq!(out.removals.len(), 3);
}

#[test]
fn a_list_after_a_label_goes_with_it_and_so_does_one_headline_under_a_label_alone() {
    let set = rules(
        "[[sidebar]]\nname = \"s.related\"\npattern = '^(?:Tin liên quan|Đọc thêm):?(?:\\s.*)?$'\n\
         list_after = true\n",
    );
    // The items under the label, up to the first line that is no item.
    let list = "Tin liên quan\n* Tin một về giá vàng\n* Tin hai về giá xăng\n";
    assert_eq!(
        set.clean(&format!("{BODY}{list}{BODY2}")).text,
        format!("{BODY}{BODY2}")
    );
    // No list: the one headline (no final stop) right under a label alone goes too.
    let lone = "Tin liên quan:\nGiá vàng hôm nay tăng mạnh ở hai đầu đất nước\n";
    let out = set.clean(&format!("{BODY}{lone}{BODY2}"));
    assert_eq!(out.text, format!("{BODY}{BODY2}"));
    assert_eq!(out.removals.len(), 2);
    // Not a sentence under the label, nor the line under a label that brings its own title.
    for kept in [
        "Tin liên quan\nGiá vàng hôm nay tăng mạnh ở hai đầu đất nước.\n",
        "Đọc thêm: Giá vàng tăng\nNhững điều cần biết về thị trường vàng năm nay\n",
    ] {
        let out = set.clean(&format!("{BODY}{kept}{BODY2}"));
        assert_eq!(out.removals.len(), 1, "{kept}");
    }
}

#[test]
fn inline_rules_cut_a_prefix_only_in_the_lead() {
    let set = RuleSet::builtin();
    let doc = format!("Giá vàng hôm nay tăng mạnh sau tin lãi suất\nTTO - {BODY}HÀ NỘI - Dòng này ở giữa bài thì giữ nguyên.\n");
    let out = set.clean(&doc);
    assert!(
        out.text
            .starts_with("Giá vàng hôm nay tăng mạnh sau tin lãi suất\nĐây là đoạn mở đầu"),
        "{}",
        out.text
    );
    assert!(out.text.contains("HÀ NỘI - Dòng này"));
    assert_eq!(out.edits.len(), 1);
    assert_eq!(set.rule(out.edits[0].rule).name, "vi.dateline-prefix");
}

#[test]
fn a_sub_heading_without_a_period_stays() {
    let set = RuleSet::builtin();
    let doc = format!(
        "Thị trường\nTiêu đề chính của bài\n{BODY}Sao chép đã giỏi, cải tiến còn giỏi hơn\n{BODY2}"
    );
    let out = set.clean(&doc);
    assert_eq!(
        out.text,
        format!("Tiêu đề chính của bài\n{BODY}Sao chép đã giỏi, cải tiến còn giỏi hơn\n{BODY2}")
    );
}

#[test]
fn a_document_without_boilerplate_comes_out_unchanged() {
    let set = RuleSet::builtin();
    let doc = format!("{BODY}\n{BODY2}");
    let out = set.clean(&doc);
    assert_eq!(out.text, doc);
    assert!(out.removals.is_empty() && out.edits.is_empty());
}

#[test]
fn scopes_limit_a_rule_file_to_matching_documents() {
    let by_path = rules(
        "[scope]\npath = \"site-a/**\"\n[[header]]\nname = \"a.label\"\npattern = '^Label$'\n",
    );
    let doc = format!("Label\n{BODY}");
    assert_eq!(by_path.clean_at(&doc, Some("site-a/x/1.txt")).text, BODY);
    assert_eq!(by_path.clean_at(&doc, Some("site-b/1.txt")).text, doc);
    assert_eq!(by_path.clean(&doc).text, doc, "no path, no match");

    let by_text = rules(
        "[scope]\ntext = 'site-a\\.vn'\n[[header]]\nname = \"a.label\"\npattern = '^Label$'\n",
    );
    assert_eq!(
        by_text.clean(&format!("{doc}site-a.vn\n")).text,
        format!("{BODY}site-a.vn\n")
    );
    assert_eq!(by_text.clean(&doc).text, doc);

    // Files with the same scope, and a file with another one between them, each as scoped.
    let scoped = |scope: &str, name: &str, label: &str| {
        format!(
            "[scope]\ntext = '{scope}'\n[[sidebar]]\nname = \"{name}\"\npattern = '^{label}$'\n"
        )
    };
    let set = RuleSet::from_sources(&[
        RuleSource::new("a.toml", scoped("site-a", "a.one", "One")),
        RuleSource::new("b.toml", scoped("site-b", "b.two", "Two")),
        RuleSource::new("c.toml", scoped("site-a", "c.three", "Three")),
    ])
    .expect("rules compile");
    let doc = format!("One\nTwo\nThree\n{BODY}");
    assert_eq!(
        set.clean(&format!("{doc}site-a\n")).text,
        format!("Two\n{BODY}site-a\n")
    );
    assert_eq!(
        set.clean(&format!("{doc}site-b\n")).text,
        format!("One\nThree\n{BODY}site-b\n")
    );
}

#[test]
fn decomposed_and_crlf_input_matches_rules_written_in_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let set = RuleSet::builtin();
    let doc = format!(
        "\u{FEFF}Thời sự, Xã hội  \r\nTiêu đề của một bài báo dài\r\n{}",
        BODY.replace('\n', "\r\n")
    );
    let nfd: String = doc.nfd().collect();
    assert_eq!(
        set.clean(&nfd).text,
        format!("Tiêu đề của một bài báo dài\n{BODY}")
    );
}
