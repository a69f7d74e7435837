//! The built-in rule packs on small synthetic pages: for each kind of boilerplate, a page where it
//! must be removed (checked against the exact expected text and the rule credited), and traps where
//! article text that merely looks like it must stay.

use clean::RuleSet;

/// Cleans `doc` with the built-in rules and returns the text and the (line, rule name) removals.
fn clean(doc: &str) -> (String, Vec<(String, String)>) {
    let rules = RuleSet::builtin();
    let cleaned = rules.clean(doc);
    let lines: Vec<&str> = doc.lines().collect();
    let removed = cleaned
        .removals
        .iter()
        .map(|r| {
            (
                lines[r.line - 1].trim().to_string(),
                rules.rule(r.rule).name.clone(),
            )
        })
        .collect();
    (cleaned.text, removed)
}

/// Asserts that `line` was removed by the rule named `rule`.
fn assert_removed_by(removed: &[(String, String)], line: &str, rule: &str) {
    assert!(
        removed.iter().any(|(l, r)| l == line && r == rule),
        "expected {line:?} removed by {rule}; removals: {removed:#?}"
    );
}

/// Asserts that the rule named `rule` removed none of the lines.
fn assert_not_removed_by(removed: &[(String, String)], rule: &str) {
    assert!(
        !removed.iter().any(|(_, r)| r == rule),
        "expected nothing removed by {rule}; removals: {removed:#?}"
    );
}

/// Asserts that `doc` comes out as `kept` and that `line` was removed by the rule named `rule`.
fn assert_cleaned_to(doc: &str, kept: &str, line: &str, rule: &str) {
    let (text, removed) = clean(doc);
    assert_eq!(text, kept, "{line:?}");
    assert_removed_by(&removed, line, rule);
}

/// Asserts that no rule (the heuristics aside) removed `line` from `doc`.
fn assert_no_rule_removed(doc: &str, line: &str) {
    let (_, removed) = clean(doc);
    assert!(
        !removed
            .iter()
            .any(|(l, rule)| l == line && !rule.starts_with("heuristic.")),
        "{line:?} removed by a rule: {removed:#?}"
    );
}

/// Asserts that the document comes out exactly as it went in (plus the final newline).
fn assert_unchanged(doc: &str) {
    let (text, removed) = clean(doc);
    assert_eq!(
        text,
        format!("{}\n", doc.trim_end()),
        "removals: {removed:#?}"
    );
}

// ---- Vietnamese news -----------------------------------------------------------------------------

const VI_BODY_1: &str = "Theo Sở Giao thông vận tải, tuyến đường dài 12 km được thông xe sau hai năm thi công, giúp giảm ùn tắc cho cửa ngõ phía tây thành phố vào giờ cao điểm.";
const VI_BODY_2: &str = "Ông Trần Văn Bình, Giám đốc Ban quản lý dự án, cho biết nhà thầu đã hoàn thành các hạng mục chính trước thời hạn ba tháng.";
const VI_BODY_3: &str = "Người dân sống dọc tuyến đường bày tỏ phấn khởi vì quãng đường đi làm mỗi ngày được rút ngắn gần một nửa.";

#[test]
fn vi_news_page_keeps_headline_lead_and_body() {
    let doc = format!(
        "Thời sự > Giao thông\n\
         Thứ hai, 20/11/2023, 08:15 (GMT+7)\n\
         Thông xe tuyến đường nối cửa ngõ phía tây Hà Nội\n\
         (Dân trí) - Sáng 20/11, tuyến đường nối cửa ngõ phía tây Hà Nội chính thức thông xe sau hai năm thi công, sớm hơn kế hoạch ba tháng.\n\
         \n\
         {VI_BODY_1}\n\
         \n\
         Xem thêm: Giá xăng dầu hôm nay đồng loạt giảm mạnh\n\
         \n\
         {VI_BODY_2}\n\
         Ảnh: Hoàng Hà\n\
         {VI_BODY_3}\n\
         \n\
         Minh Anh\n\
         Tin liên quan\n\
         Hà Nội mở thêm hai tuyến buýt điện\n\
         Cầu Vĩnh Tuy 2 về đích sớm\n"
    );
    let (text, removed) = clean(&doc);
    assert_eq!(
        text,
        format!(
            "Thông xe tuyến đường nối cửa ngõ phía tây Hà Nội\n\
             Sáng 20/11, tuyến đường nối cửa ngõ phía tây Hà Nội chính thức thông xe sau hai năm thi công, sớm hơn kế hoạch ba tháng.\n\
             \n\
             {VI_BODY_1}\n\
             \n\
             {VI_BODY_2}\n\
             {VI_BODY_3}\n"
        )
    );
    assert_removed_by(&removed, "Thời sự > Giao thông", "vi.breadcrumb");
    assert_removed_by(
        &removed,
        "Xem thêm: Giá xăng dầu hôm nay đồng loạt giảm mạnh",
        "vi.read-more-link",
    );
    assert_removed_by(&removed, "Ảnh: Hoàng Hà", "vi.media-credit");
    assert_removed_by(&removed, "Minh Anh", "vi.closing-byline");
}

#[test]
fn vi_update_lines_and_worded_dates_go() {
    let doc = format!(
        "Giá lúa gạo tăng nhẹ tại Đồng bằng sông Cửu Long\n\
         Cập nhật: 14:35 | 28/10/2023\n\
         Ngày đăng: 05/01/2024 08:00\n\
         Thứ hai, ngày 20 tháng 11 năm 2023\n\
         Chủ nhật, 19/11/2023 08:00 (GMT+07:00)\n\
         Hôm nay: Thứ Hai, 20/11/2023\n\
         PV | 14:30 20/11/2023\n\
         {VI_BODY_1}\n\
         2 giờ trước\n\
         {VI_BODY_2}\n"
    );
    let (text, removed) = clean(&doc);
    assert_eq!(
        text,
        format!("Giá lúa gạo tăng nhẹ tại Đồng bằng sông Cửu Long\n{VI_BODY_1}\n{VI_BODY_2}\n")
    );
    assert_removed_by(&removed, "Cập nhật: 14:35 | 28/10/2023", "vi.updated-line");
    assert_removed_by(&removed, "Ngày đăng: 05/01/2024 08:00", "vi.updated-line");
    assert_removed_by(
        &removed,
        "Thứ hai, ngày 20 tháng 11 năm 2023",
        "vi.worded-date",
    );
    assert_removed_by(&removed, "2 giờ trước", "vi.relative-time-line");
    assert_removed_by(
        &removed,
        "Chủ nhật, 19/11/2023 08:00 (GMT+07:00)",
        "vi.weekday-date",
    );
    assert_removed_by(&removed, "Hôm nay: Thứ Hai, 20/11/2023", "vi.weekday-date");
    assert_removed_by(&removed, "PV | 14:30 20/11/2023", "vi.byline-date");
}

#[test]
fn vi_datelines_are_cut_from_the_lead_but_not_from_a_headline() {
    let doc = "Việt Nam - Thái Lan: trận chung kết được chờ đợi nhất năm\n\
               TTO - Tối nay, đội tuyển Việt Nam bước vào trận chung kết lượt về trên sân Mỹ Đình trước sự cổ vũ của hơn bốn vạn khán giả.\n";
    let (text, _) = clean(doc);
    assert_eq!(
        text,
        "Việt Nam - Thái Lan: trận chung kết được chờ đợi nhất năm\n\
         Tối nay, đội tuyển Việt Nam bước vào trận chung kết lượt về trên sân Mỹ Đình trước sự cổ vũ của hơn bốn vạn khán giả.\n"
    );

    let doc = "Hà Nội khởi công cầu Trần Hưng Đạo\n\
               Hà Nội - Sáng nay, thành phố khởi công cây cầu thứ bảy bắc qua sông Hồng, dự kiến hoàn thành trong 36 tháng với tổng vốn hơn 8.000 tỷ đồng.\n";
    let (text, removed) = clean(doc);
    assert_eq!(
        text,
        "Hà Nội khởi công cầu Trần Hưng Đạo\n\
         Sáng nay, thành phố khởi công cây cầu thứ bảy bắc qua sông Hồng, dự kiến hoàn thành trong 36 tháng với tổng vốn hơn 8.000 tỷ đồng.\n",
        "{removed:?}"
    );

    // A person set off by dashes is no place, whatever the line's length.
    for lead in [
        "Ông Nick Clegg - Chủ tịch phụ trách các vấn đề toàn cầu của Meta - cho biết: “Chúng tôi tin rằng AI nên được phát triển mở”.",
        "Bà Minh Thu - Phó Giám đốc Sở Y tế - cho biết thành phố đã chuẩn bị đủ vắc xin cho đợt tiêm chủng mở rộng năm nay.",
    ] {
        assert_unchanged(&format!("Hà Nội khởi công cầu Trần Hưng Đạo\n{lead}\n"));
    }
}

#[test]
fn vi_widgets_tags_and_follow_calls_go() {
    let doc = format!(
        "Chia sẻ\n\
         Nhiều trường đại học công bố điểm chuẩn\n\
         {VI_BODY_1}\n\
         Bình luận (12)\n\
         {VI_BODY_2}\n\
         Theo dõi Báo Tin Mới trên Google News\n\
         Từ khóa: điểm chuẩn, tuyển sinh, đại học\n\
         Facebook Zalo\n"
    );
    let (text, removed) = clean(&doc);
    assert_eq!(
        text,
        format!("Nhiều trường đại học công bố điểm chuẩn\n{VI_BODY_1}\n{VI_BODY_2}\n")
    );
    assert_removed_by(&removed, "Bình luận (12)", "vi.widget-label");
    assert_removed_by(
        &removed,
        "Theo dõi Báo Tin Mới trên Google News",
        "vi.follow-us",
    );
    assert_removed_by(
        &removed,
        "Từ khóa: điểm chuẩn, tuyển sinh, đại học",
        "vi.tag-line",
    );
    // The call without the site's name, or cut short where the network's icon was.
    assert_goes_from_under_the_headline(
        &["Theo dõi trên Google News", "Theo dõi Báo Tin Mới trên"],
        "vi.follow-us",
    );
}

#[test]
fn vi_more_news_and_comment_markers_cut_the_rest() {
    let doc = format!(
        "Nhiều trường đại học công bố điểm chuẩn\n\
         {VI_BODY_1}\n\
         {VI_BODY_2}\n\
         Tin nóng\n\
         Bão số 5 đổ bộ miền Trung\n\
         Ý kiến bạn đọc\n\
         Rất hữu ích, cảm ơn tòa soạn!\n"
    );
    let (text, removed) = clean(&doc);
    assert_eq!(
        text,
        format!("Nhiều trường đại học công bố điểm chuẩn\n{VI_BODY_1}\n{VI_BODY_2}\n")
    );
    assert_removed_by(&removed, "Tin nóng", "vi.related-marker");
}

#[test]
fn vi_more_widget_labels_markers_and_attributions_go() {
    let headline = "Nhiều trường đại học công bố điểm chuẩn";
    let kept = format!("{headline}\n{VI_BODY_1}\n{VI_BODY_2}\n");
    // Widget labels inside the article: only the label goes.
    for label in [
        "Ý kiến (3)",
        "Nội dung tài trợ",
        "Về đầu trang",
        "Trở về đầu trang",
        "Trở lại đầu trang",
        "Đọc tiếp",
        "Đăng ký nhận bản tin",
        "Tải ứng dụng",
        "Đánh giá bài viết",
        "Giọng nữ miền Bắc",
        "Tốc độ đọc: 1x",
        "Chia sẻ bài viết lên Facebook",
        "Báo lỗi",
        "Gửi góp ý",
        "Lấy link",
        "Đóng",
        "Xem chi tiết",
        "Bấm để xem ảnh lớn",
        "Trang trước",
        "Trang 1 2 3 Tiếp",
        "Bình chọn",
        "12 bình luận",
        "Tải app ngay",
        "Quét mã QR để tải ứng dụng",
        "Tham gia bình luận",
        "Xem thêm bình luận",
        "Mời bạn đọc gửi bình luận",
        "Gửi phản hồi",
        "Phản hồi",
        "In",
        "Gửi bài viết qua email",
        "Thích và chia sẻ bài viết",
        "Trở lại",
        "Mở rộng",
        "Thu gọn",
        "Xem video",
        "Gợi ý cho bạn",
        "Nhận tin mới nhất",
        "Tải ứng dụng Báo Tin Mới",
        "Bài viết này có hữu ích với bạn không?",
        "Bạn thấy bài viết thế nào?",
        "Bài viết được tài trợ",
        "Tiếp tục đọc bài viết dưới quảng cáo",
        "Cuộn xuống để tiếp tục đọc",
        "Nhấn để phóng to ảnh",
        "Trang 2/5",
    ] {
        let doc = format!("{headline}\n{VI_BODY_1}\n{label}\n{VI_BODY_2}\n");
        assert_cleaned_to(&doc, &kept, label, "vi.widget-label");
    }
    // Notices of the site, as whole lines (under the article, where sites put them).
    for (notice, rule) in [
        (
            "Thông tin chỉ mang tính chất tham khảo.",
            "vi.reference-notice",
        ),
        (
            "(*) Bài viết chỉ mang tính tham khảo, không thay thế chẩn đoán của bác sĩ.",
            "vi.reference-notice",
        ),
        (
            "Bạn đang đọc bài viết Thông xe tuyến đường tại chuyên mục Thời sự của Báo X. Mọi \
             thông tin góp ý xin liên hệ email: toasoan@example.vn",
            "vi.reading-notice",
        ),
        ("Về chúng tôi", "vi.site-links"),
        ("Điều khoản sử dụng | Chính sách bảo mật", "vi.site-links"),
        ("* Kết nối với chúng tôi", "vi.site-links"),
        ("Vui lòng nhập nội dung bình luận", "vi.comment-form"),
        ("Bạn cần đăng nhập để gửi bình luận.", "vi.comment-form"),
    ] {
        assert_cleaned_to(&format!("{kept}{notice}\n"), &kept, notice, rule);
    }
    // Sentences that only start like them stay.
    assert_unchanged(&format!(
        "{headline}\n{VI_BODY_1}\n\
         Gửi đơn tới Sở Giao thông vận tải, người dân đề nghị sớm lắp thêm đèn tín hiệu.\n\
         Theo ông Bình, các số liệu về lưu lượng xe hiện chỉ mang tính chất tham khảo.\n\
         Bình chọn của người dân sẽ quyết định tên gọi chính thức của con đường.\n\
         Chính sách bảo mật dữ liệu mới của Bộ có hiệu lực từ tháng 7.\n\
         Phản hồi của Sở được gửi tới cử tri ngay trong tuần.\n\
         Mở rộng tuyến đường là ưu tiên hàng đầu của thành phố trong năm nay.\n\
         Xem video ghi lại cảnh thông xe, nhiều người dân không giấu được niềm vui.\n\
         Theo dõi diễn biến trên công trường, kỹ sư cho biết tiến độ vượt kế hoạch.\n\
         {VI_BODY_2}\n"
    ));
    // Markers after the article: they and the links under them go.
    for (marker, rule) in [
        ("Các tin khác", "vi.related-marker"),
        ("Xem thêm các bài viết liên quan", "vi.related-marker"),
        ("Video đang được xem nhiều", "vi.more-news-marker"),
        ("Các bài đã đăng", "vi.more-news-marker"),
        ("Bạn đọc bình luận", "vi.comments-marker"),
        ("Cùng chủ đề", "vi.more-news-marker"),
        (">> Xem thêm:", "vi.read-more-marker"),
        ("Tin cùng sự kiện", "vi.related-marker"),
        ("Tin liên quan khác", "vi.related-marker"),
        ("Tin tức cùng chuyên mục", "vi.related-marker"),
        ("Bài nên đọc", "vi.related-marker"),
        ("Tin hay", "vi.related-marker"),
        ("Có thể bạn muốn xem", "vi.more-news-marker"),
        ("Xem thêm video", "vi.more-news-marker"),
        ("Video đang xem nhiều", "vi.more-news-marker"),
    ] {
        let doc = format!("{kept}{marker}\nBão số 5 đổ bộ miền Trung gây mưa lớn\n");
        assert_cleaned_to(&doc, &kept, marker, rule);
    }
    // Attributions closing the article.
    // In brackets, alone on its line, anywhere.
    assert_cleaned_to(
        &format!("{kept}(Theo Reuters)\n"),
        &kept,
        "(Theo Reuters)",
        "vi.source-line",
    );
    for source in [
        "Theo Reuters, Bloomberg",
        "Theo AFP / Reuters",
        "Theo TTXVN/Vietnam+",
    ] {
        assert_cleaned_to(
            &format!("{kept}{source}\n"),
            &kept,
            source,
            "vi.source-name",
        );
    }
    for credit in ["Hoài Thu thực hiện", "Minh Anh (biên dịch)"] {
        assert_cleaned_to(
            &format!("{kept}{credit}\n"),
            &kept,
            credit,
            "vi.compiled-by",
        );
    }
    // A sentence that ends so is no credit (whatever else may drop it as the page's last line).
    let (_, removed) = clean(&format!("{kept}Dự án đang được thực hiện\n"));
    assert_not_removed_by(&removed, "vi.compiled-by");
}

#[test]
fn vi_caption_credit_is_cut_and_the_caption_kept() {
    let doc = format!(
        "Hội nghị tổng kết ngành nông nghiệp năm 2023\n\
         {VI_BODY_1}\n\
         Bộ trưởng phát biểu tại hội nghị. Ảnh: Hoàng Hà\n\
         {VI_BODY_2}\n"
    );
    let (text, _) = clean(&doc);
    assert_eq!(
        text,
        format!(
            "Hội nghị tổng kết ngành nông nghiệp năm 2023\n{VI_BODY_1}\n\
             Bộ trưởng phát biểu tại hội nghị.\n{VI_BODY_2}\n"
        )
    );
}

#[test]
fn vi_source_closing_a_paragraph_is_cut_and_the_paragraph_kept() {
    let headline = "Hội nghị tổng kết ngành nông nghiệp năm 2023";
    for (closing, cut) in [
        (" (Theo VnExpress)", true),
        (" (Nguồn: Bộ Y tế)", true),
        (" Nguồn: Báo Chính phủ", true),
        (" (TTXVN)", true),
        (" (PV)", true),
        // Not after a sentence's end: the paragraph's own words.
        (" theo nguồn tin của phóng viên", false),
    ] {
        let last = VI_BODY_2.trim_end_matches('.');
        let (written, want) = match cut {
            true => (format!("{VI_BODY_2}{closing}"), VI_BODY_2.to_string()),
            false => (format!("{last}{closing}."), format!("{last}{closing}.")),
        };
        let doc = format!("{headline}\n{VI_BODY_1}\n{written}\n{VI_BODY_3}\n");
        let (text, _) = clean(&doc);
        assert_eq!(
            text,
            format!("{headline}\n{VI_BODY_1}\n{want}\n{VI_BODY_3}\n"),
            "{closing:?}"
        );
    }
    // A source named at the start of a sentence stays.
    assert_unchanged(&format!(
        "{headline}\n{VI_BODY_1}\nTheo Bộ Y tế, số ca mắc giảm 20% so với cùng kỳ năm ngoái (TTXVN đưa tin).\n{VI_BODY_2}\n"
    ));
}

#[test]
fn vi_legal_footer_goes() {
    let doc = format!(
        "Nhiều trường đại học công bố điểm chuẩn\n\
         {VI_BODY_1}\n\
         {VI_BODY_2}\n\
         Cơ quan chủ quản: Hội Nhà báo Việt Nam\n\
         Tổng biên tập: Nguyễn Văn An\n\
         Giấy phép số 548/GP-BTTTT ngày 24/08/2021\n\
         Địa chỉ: 71 Nguyễn Du, Hai Bà Trưng, Hà Nội\n\
         Điện thoại: 024 3941 2345\n\
         Email: toasoan@tinmoi.example.vn\n\
         © 2023 Báo điện tử Tin Mới. Ghi rõ nguồn khi phát hành lại thông tin từ website này.\n"
    );
    let (text, removed) = clean(&doc);
    assert_eq!(
        text,
        format!("Nhiều trường đại học công bố điểm chuẩn\n{VI_BODY_1}\n{VI_BODY_2}\n")
    );
    assert_removed_by(
        &removed,
        "Giấy phép số 548/GP-BTTTT ngày 24/08/2021",
        "vi.legal-licence",
    );
    assert_removed_by(
        &removed,
        "Tổng biên tập: Nguyễn Văn An",
        "vi.legal-masthead",
    );
    assert_removed_by(&removed, "Điện thoại: 024 3941 2345", "vi.legal-contact");
}

#[test]
fn vi_article_without_boilerplate_is_unchanged() {
    // A real dash list, sentences opening with "Theo", a sub-heading without a final period, one
    // address quoted by the article, and a closing sentence.
    assert_unchanged(
        "Những điều cần biết khi làm căn cước công dân cho trẻ em\n\
         Theo Bộ Công an, từ ngày 1/7, trẻ em dưới 14 tuổi được cấp thẻ căn cước theo nhu cầu của cha mẹ hoặc người giám hộ.\n\
         \n\
         Hồ sơ cần chuẩn bị\n\
         \n\
         Cha mẹ cần mang theo các giấy tờ sau:\n\
         - Giấy khai sinh bản chính của trẻ;\n\
         - Căn cước của cha hoặc mẹ;\n\
         - Sổ hộ khẩu hoặc giấy xác nhận cư trú.\n\
         \n\
         Theo trang thông tin của Cục Cảnh sát quản lý hành chính, thời gian cấp thẻ không quá bảy ngày làm việc.\n\
         Địa chỉ: Công an phường Bến Nghé, 55 Lý Tự Trọng, Quận 1, TP.HCM.\n\
         Người dân có thể tra cứu tình trạng hồ sơ trên Cổng dịch vụ công quốc gia.\n",
    );
}

#[test]
fn vi_rules_stay_out_of_pages_in_other_languages() {
    // Portuguese and French write â, ê and ô too, and an English article may name a Vietnamese
    // person: only text with several letters that Vietnamese alone uses (ơ, ư, and the letters
    // with a tone mark) is Vietnamese.
    let pages = [
        "Mercado Hoje\nFinanças\n\nStartup mineira capta R$ 180 milhões e mira o Nordeste\n\n\
         A empresa, que você talvez conheça pelos furgões elétricos, abre três centros até dezembro.\n\
         Segundo o fundador, o mercado do Nordeste cresce mais rápido do que o do Sudeste.\n",
        "Wayfarer Journal\nTrip ideas\n\nFour days on São Miguel\n\n\
         The guide Nguyễn Văn An, who moved to the island from Hà Nội, meets us at the harbour.\n\
         We walk to the crater lakes before the tour buses arrive, and swim in the hot springs.\n",
    ];
    for page in pages {
        let (_, removed) = clean(page);
        assert!(
            removed.iter().all(|(_, rule)| !rule.starts_with("vi.")),
            "{removed:#?}"
        );
    }
}

#[test]
fn vi_breadcrumb_after_you_are_here_goes() {
    let doc = format!("Bạn đang ở: Trang chủ > Giao thông\n{VI_BODY_1}\n{VI_BODY_2}\n");
    assert_cleaned_to(
        &doc,
        &format!("{VI_BODY_1}\n{VI_BODY_2}\n"),
        "Bạn đang ở: Trang chủ > Giao thông",
        "vi.home-breadcrumb",
    );
}

#[test]
fn vi_related_box_inside_the_article_takes_only_its_links() {
    let headline = "Metro Nhổn - ga Hà Nội chạy thử toàn tuyến";
    let p1 = "Đoàn tàu đầu tiên của tuyến metro đã chạy thử trên toàn bộ đoạn trên cao dài 8,5 km, chuẩn bị cho việc vận hành thương mại vào năm sau.";
    let p2 = "Ông Lê Trung Hiếu, Phó trưởng ban, cho biết mỗi đoàn tàu gồm bốn toa, có thể chở gần 950 hành khách mỗi chuyến vào giờ cao điểm.";
    let p3 = "Theo kế hoạch, sau khi hoàn thành chạy thử, tư vấn độc lập sẽ đánh giá an toàn hệ thống trong khoảng ba tháng trước khi cấp chứng nhận.";
    let links =
        "Hà Nội đề xuất xây thêm ba tuyến metro\nGiá vé metro Cát Linh - Hà Đông tăng từ năm sau";
    for (marker, rule) in [
        ("TIN LIÊN QUAN", "vi.related-marker"),
        ("Đọc thêm", "vi.read-more-marker"),
        ("Có thể bạn quan tâm", "vi.more-news-marker"),
    ] {
        // Between two paragraphs, the box goes and the article after it stays.
        let doc = format!(
            "{headline}\n{p1}\n{VI_BODY_1}\n\n{marker}\n{links}\n\n{p2}\n\n{p3}\n\n{VI_BODY_2}\n"
        );
        let (text, removed) = clean(&doc);
        assert_eq!(
            text,
            format!("{headline}\n{p1}\n{VI_BODY_1}\n\n{p2}\n\n{p3}\n\n{VI_BODY_2}\n"),
            "{marker}"
        );
        assert_removed_by(&removed, marker, rule);
        assert_removed_by(&removed, "Hà Nội đề xuất xây thêm ba tuyến metro", rule);
        // The article goes on after the box even when a sub-heading or a list announced by a
        // colon follows its first paragraph.
        let heading = "Ba tháng đánh giá an toàn";
        let intro = "Theo kế hoạch, sau khi hoàn thành chạy thử, tư vấn độc lập sẽ đánh giá an toàn hệ thống qua các bước sau:";
        let list = "- Kiểm tra hệ thống tín hiệu\n- Diễn tập sự cố trên cao";
        for article in [
            format!("{p2}\n\n{heading}\n\n{p3}\n\n{VI_BODY_2}\n"),
            format!("{p2}\n\n{intro}\n{list}\n\n{p3}\n\n{VI_BODY_2}\n"),
        ] {
            let doc = format!("{headline}\n{p1}\n{VI_BODY_1}\n\n{marker}\n{links}\n\n{article}");
            let (text, _) = clean(&doc);
            assert_eq!(
                text,
                format!("{headline}\n{p1}\n{VI_BODY_1}\n\n{article}"),
                "{marker}"
            );
        }
        // After the article, teasers that alternate headline and summary, summaries cut short,
        // or long items right under the marker are no article: the marker cuts them all.
        let before = format!("{headline}\n{p1}\n{VI_BODY_1}\n{VI_BODY_2}\n");
        for after in [
            format!("{links}\n{p2}\nĐường Vành đai 4 khởi công\n{p3}\n"),
            format!(
                "{links}\n{}..\n\n{}...\n",
                &p2[..p2.len() - 1],
                &p3[..p3.len() - 1]
            ),
            format!("{p2}\n\n{p3}\n"),
        ] {
            let doc = format!("{before}{marker}\n{after}");
            let (text, _) = clean(&doc);
            assert_eq!(text, before, "{marker} / {after}");
        }
    }
}

#[test]
fn vi_comment_notices_bylines_and_gallery_labels_go_from_inside_the_article() {
    let headline = "Nhiều trường đại học công bố điểm chuẩn";
    let kept = format!("{headline}\n{VI_BODY_1}\n{VI_BODY_2}\n");
    for (line, rule) in [
        (
            "Bình luận của bạn sẽ được biên tập trước khi đăng",
            "vi.comment-form",
        ),
        ("Ý kiến của bạn đang chờ duyệt.", "vi.comment-form"),
        ("Người đăng: Minh Anh", "vi.labelled-byline"),
        ("Đăng bởi Minh Anh", "vi.labelled-byline"),
        ("PV Minh Anh", "vi.labelled-byline"),
        ("Ảnh 1/10", "vi.widget-label"),
        ("Đã sao chép liên kết", "vi.widget-label"),
        ("Thời gian đọc: 5 phút", "vi.widget-label"),
        ("5 phút đọc", "vi.widget-label"),
        ("Ấn Like để theo dõi", "vi.follow-us"),
        (
            "® Ghi rõ nguồn \"Báo X\" khi phát hành lại thông tin từ website này.",
            "vi.legal-reuse",
        ),
    ] {
        let doc = format!("{headline}\n{VI_BODY_1}\n{line}\n{VI_BODY_2}\n");
        assert_cleaned_to(&doc, &kept, line, rule);
    }
    // Sentences that only start like them stay.
    assert_unchanged(&format!(
        "{headline}\n\
         {VI_BODY_1}\n\
         Bình luận của bạn đọc về tuyến đường mới phần lớn đều tích cực, theo khảo sát của Sở.\n\
         Đăng bởi một người dân sống gần công trường, đoạn video đã thu hút hàng nghìn lượt chia sẻ.\n\
         Ảnh chụp từ trên cao cho thấy tuyến đường uốn lượn qua ba quận phía tây thành phố.\n\
         {VI_BODY_2}\n"
    ));
}

#[test]
fn vi_source_links_dates_ratings_and_bracketed_sources_go_from_inside_the_article() {
    let headline = "Nhiều trường đại học công bố điểm chuẩn";
    let kept = format!("{headline}\n{VI_BODY_1}\n{VI_BODY_2}\n");
    for (line, rule) in [
        (
            "Nguồn: https://example.vn/diem-chuan-2024-123456.html",
            "common.source-url",
        ),
        (
            "Link bài gốc: https://example.vn/diem-chuan",
            "common.source-url",
        ),
        ("Source: https://example.com/story", "common.source-url"),
        ("Chia sẻ bài viết qua: Facebook Zalo", "vi.widget-label"),
        ("Xem bản in", "vi.widget-label"),
        ("(5 đánh giá)", "vi.widget-label"),
        ("Hôm qua 14:30", "vi.relative-time-line"),
        ("Vừa xong", "vi.relative-time-line"),
        ("20 Tháng 11, 2023", "vi.worded-date"),
        ("Tháng 11 20, 2023", "vi.worded-date"),
        ("T2, 20/11/2023 14:30", "vi.weekday-date"),
        ("Minh Anh • 20/11/2023", "vi.byline-date"),
        ("(Theo Tiền Phong)", "vi.source-line"),
        ("Trình bày: Minh Anh", "vi.media-credit"),
        ("Số lượt xem: 1.234", "common.view-count"),
    ] {
        let doc = format!("{headline}\n{VI_BODY_1}\n{line}\n{VI_BODY_2}\n");
        assert_cleaned_to(&doc, &kept, line, rule);
    }
    // A review's verdict, a cited law, a link the reader is sent to and a sentence about
    // opinions on a draft are no rule's (the heuristics may still judge such short lines).
    for line in [
        "Đánh giá: 8/10",
        "(Theo Nghị định 100/2019/NĐ-CP)",
        "Xem chi tiết tại: https://thisinh.thitotnghiepthpt.edu.vn",
        "Ý kiến của bạn sẽ được duyệt trong vòng 30 ngày kể từ ngày nhận hồ sơ.",
    ] {
        let doc = format!("{headline}\n{VI_BODY_1}\n{line}\n{VI_BODY_2}\n{VI_BODY_3}\n");
        assert_no_rule_removed(&doc, line);
    }
    let source = "Theo báo Tiền Phong";
    assert_cleaned_to(
        &format!("{kept}{source}\n"),
        &kept,
        source,
        "vi.source-name",
    );
    // A bare address, and sentences that only start like them, stay.
    assert_unchanged(&format!(
        "{headline}\n\
         {VI_BODY_1}\n\
         https://thisinh.thitotnghiepthpt.edu.vn\n\
         Theo báo cáo của Bộ Giáo dục, điểm chuẩn năm nay tăng nhẹ ở hầu hết các ngành.\n\
         Hôm qua, 14:30 là thời điểm cuối cùng để thí sinh điều chỉnh nguyện vọng.\n\
         Đánh giá của các chuyên gia cho thấy đề thi năm nay vừa sức với thí sinh.\n\
         {VI_BODY_2}\n"
    ));
}

#[test]
fn vi_inline_read_more_mid_article_goes_and_the_rest_stays() {
    let doc = format!(
        "Giá vàng miếng lập đỉnh mới\n\
         {VI_BODY_1}\n\
         >> Đọc thêm: Giá vàng hôm nay tăng vọt, người dân xếp hàng mua\n\
         {VI_BODY_2}\n\
         {VI_BODY_3}\n"
    );
    let (text, _) = clean(&doc);
    assert_eq!(
        text,
        format!("Giá vàng miếng lập đỉnh mới\n{VI_BODY_1}\n{VI_BODY_2}\n{VI_BODY_3}\n")
    );
}

// ---- English news --------------------------------------------------------------------------------

const EN_BODY_1: &str = "City officials approved the new bridge on Tuesday after three years of debate over its cost and route.";
const EN_BODY_2: &str = "The project will cost about $1.2 billion and is expected to open to traffic in the spring of 2027.";
const EN_BODY_3: &str =
    "Residents on both banks of the river said the crossing would cut their daily commute by half.";

/// Asserts, for each (line, rule) of `cases`, that the line, set into an article (a headline and
/// `bodies`) before the article's line `at` (0 is the headline; the article's length puts it
/// under the article), is removed by the rule named `rule` and the article stays whole.
fn assert_each_removed_at(at: usize, bodies: &[&str], cases: &[(&str, &str)]) {
    let mut article = vec!["River bridge approved"];
    article.extend_from_slice(bodies);
    let kept: String = article.iter().map(|l| format!("{l}\n")).collect();
    for &(line, rule) in cases {
        let mut lines = article.clone();
        lines.insert(at, line);
        let doc: String = lines.iter().map(|l| format!("{l}\n")).collect();
        assert_cleaned_to(&doc, &kept, line, rule);
    }
}

/// Asserts that `traps`, English sentences that only look like chrome, stay when they stand
/// between two paragraphs of an article under its headline.
fn assert_traps_stay(traps: &[&str]) {
    assert_unchanged(&format!(
        "River bridge approved\n{EN_BODY_1}\n{}\n{EN_BODY_2}\n",
        traps.join("\n")
    ));
}

#[test]
fn en_news_page_keeps_headline_and_body() {
    let doc = format!(
        "Skip to main content\n\
         SubscribeSign In\n\
         * Facebook\n\
         * Twitter\n\
         * Email\n\
         City approves $1.2 billion river bridge\n\
         By Jane Smith and Tom Brown, Associated Press\n\
         Published 11:34 PM EST Nov 19, 2019\n\
         Updated: 18 Nov 2019 9:38 pm\n\
         {EN_BODY_1}\n\
         Advertisement - Continue Reading Below\n\
         {EN_BODY_2}\n\
         Read more: Council delays vote on transit budget\n\
         {EN_BODY_3}\n\
         Share this:\n\
         Related Articles\n\
         3 hours ago\n\
         © 2019 Example Media, LLC. All Rights Reserved.\n\
         * Privacy Policy\n\
         * Terms of Use\n\
         We use cookies to understand how you use our site and to improve your experience.\n"
    );
    let (text, removed) = clean(&doc);
    assert_eq!(
        text,
        format!("City approves $1.2 billion river bridge\n{EN_BODY_1}\n{EN_BODY_2}\n{EN_BODY_3}\n"),
        "{removed:#?}"
    );
    assert_removed_by(&removed, "Skip to main content", "en.skip-link");
    assert_removed_by(&removed, "SubscribeSign In", "en.account-widget");
    for button in ["Like", "Bookmark", "Tweet"] {
        let doc = format!("{EN_BODY_1}\n{button}\n{EN_BODY_2}\n");
        assert_cleaned_to(
            &doc,
            &format!("{EN_BODY_1}\n{EN_BODY_2}\n"),
            button,
            "en.share-widget",
        );
    }
    assert_removed_by(&removed, "* Twitter", "en.share-widget");
    assert_removed_by(
        &removed,
        "By Jane Smith and Tom Brown, Associated Press",
        "en.byline",
    );
    assert_removed_by(
        &removed,
        "Published 11:34 PM EST Nov 19, 2019",
        "en.published-line",
    );
    assert_removed_by(
        &removed,
        "Advertisement - Continue Reading Below",
        "en.advertisement",
    );
    assert_removed_by(
        &removed,
        "Read more: Council delays vote on transit budget",
        "en.read-more-link",
    );
    assert_removed_by(&removed, "Related Articles", "en.related-heading");
    assert_removed_by(
        &removed,
        "© 2019 Example Media, LLC. All Rights Reserved.",
        "en.copyright",
    );
    assert_removed_by(&removed, "* Privacy Policy", "en.policy-links");
}

#[test]
fn en_date_lines_and_teaser_times_go() {
    let doc = format!(
        "River bridge approved\n\
         Wednesday, November 20, 2019 10:30 AM\n\
         {EN_BODY_1}\n\
         10H ago\n\
         Nov 18\n\
         {EN_BODY_2}\n"
    );
    let (text, removed) = clean(&doc);
    assert_eq!(
        text,
        format!("River bridge approved\n{EN_BODY_1}\n{EN_BODY_2}\n")
    );
    assert_removed_by(&removed, "10H ago", "en.relative-time");
    assert_removed_by(&removed, "Nov 18", "en.date-line");
}

#[test]
fn en_article_that_only_sounds_like_boilerplate_is_unchanged() {
    // Sentences opening with "By", "Share", "Copyright", "Updated", "Related", a date in a sentence,
    // a sub-heading without a period, and a real bulleted list.
    assert_unchanged(
        "How the bridge deal came together\n\
         By Monday, the council had lost patience with the delays and asked for a final plan.\n\
         Share prices of the two construction firms rose sharply after the announcement.\n\
         Copyright law, the mayor noted, played no part in the dispute over the design.\n\
         Updated figures released on November 18, 2019 put the cost at $1.2 billion.\n\
         Related projects in other cities took twice as long to approve.\n\
         \n\
         The road ahead\n\
         \n\
         The plan sets out three stages:\n\
         * Clearing the riverbank and moving utility lines by the end of 2020.\n\
         * Building the two main piers and the deck.\n\
         * Opening the bridge to traffic in the spring of 2027.\n\
         Published reports had put the start of work a year later.\n",
    );
}

/// Six paragraphs of one article, 170 words: enough text before a comment-section heading.
const EN_ARTICLE: [&str; 6] = [
    "City officials approved the new bridge on Tuesday after three years of debate over its cost and route, ending one of the longest planning fights the region has seen.",
    "The project will cost about $1.2 billion and is expected to open to traffic in the spring of 2027, according to the transport department.",
    "Residents on both banks of the river said the crossing would cut their daily commute by half, and several shop owners hoped for new customers.",
    "Opponents had argued that the money would be better spent on buses and on repairing the roads that the city already has, many of which are in poor shape.",
    "The council answered that the old ferry can no longer carry the number of people who cross every morning, and that its pier is close to the end of its life.",
    "Work on the foundations is planned to begin next year, once the contracts have been signed and the river authority has approved the final design of the piers.",
];

#[test]
fn en_comment_section_is_cut_from_its_heading_on() {
    let article = EN_ARTICLE.join("\n");
    let doc = format!(
        "River bridge approved\n\
         {article}\n\
         3 thoughts on “River bridge approved”\n\
         I have waited for this bridge for twenty years and I am glad it is finally coming.\n\
         Rating: 12 Votes\n\
         The cost seems far too high for what the city will get out of it in the end.\n"
    );
    let (text, removed) = clean(&doc);
    assert_eq!(
        text,
        format!("River bridge approved\n{article}\n"),
        "{removed:#?}"
    );
    assert_removed_by(
        &removed,
        "3 thoughts on “River bridge approved”",
        "en.comments-marker",
    );
    assert_removed_by(
        &removed,
        "The cost seems far too high for what the city will get out of it in the end.",
        "en.comments-marker",
    );
    for heading in [
        "Comments",
        "[ 167 comments ]",
        "Top Rated Comments",
        "Leave a Reply",
        "Join the discussion",
        "Loading comments...",
        "blog comments powered by Disqus",
    ] {
        // The comment after the heading goes with it. (A heading that en.comment-widget also
        // matches is credited to it: sidebar rules are tried first.)
        let comment = "I have waited for this bridge for twenty years and I am glad.";
        let doc = format!("{article}\n{heading}\n{comment}\n");
        let kept = format!("{article}\n");
        assert_cleaned_to(&doc, &kept, comment, "en.comments-marker");
    }
}

#[test]
fn en_comment_count_under_the_headline_or_in_a_menu_cuts_nothing() {
    // Before the article has had room to start, a comment count is a widget, not the comments;
    // a menu item linking to the comments is no heading either.
    let [first, rest @ ..] = EN_ARTICLE;
    let rest = rest.join("\n");
    let doc = format!("River bridge approved\n{first}\n12 Comments\n{rest}\n");
    let (text, removed) = clean(&doc);
    assert_eq!(text, format!("River bridge approved\n{first}\n{rest}\n"));
    assert_removed_by(&removed, "12 Comments", "en.comment-widget");
    let article = EN_ARTICLE.join("\n");
    let doc = format!("{article}\n* Comments\n{EN_BODY_3}\n");
    let (text, _) = clean(&doc);
    assert!(text.ends_with(&format!("{EN_BODY_3}\n")), "{text}");
}

#[test]
fn en_tags_credits_forms_and_script_notices_go() {
    assert_each_removed_at(
        3,
        &[EN_BODY_1, EN_BODY_2],
        &[
            ("Tags: bridge, city council, transport", "en.tag-line"),
            ("Filed under:", "en.tag-line"),
            ("Posted in News, Politics", "en.tag-line"),
            ("Photo: Getty Images", "en.media-credit"),
            ("Photo by Kirk Irwin/Getty Images", "en.media-credit"),
            ("(AP Photo/John Smith)", "en.media-credit"),
            ("Join our mailing list", "en.signup-form"),
            ("Enter your email address", "en.signup-form"),
            ("Thanks for signing up!", "en.signup-form"),
            (
                "(Reporting by Jane Smith; Editing by Tom Brown)",
                "en.reporting-credit",
            ),
            (
                "Please enable JavaScript to view the comments powered by Disqus.",
                "en.noscript",
            ),
            ("Continue reading below", "en.ui-control"),
            ("Click here to subscribe", "en.ui-control"),
            ("Promoted Stories", "en.advertisement"),
        ],
    );
}

#[test]
fn en_comment_notices_republish_notes_and_stock_credits_go_from_inside_the_article() {
    let kept = format!("River bridge approved\n{EN_BODY_1}\n{EN_BODY_2}\n{EN_BODY_3}\n");
    assert_each_removed_at(
        2,
        &[EN_BODY_1, EN_BODY_2, EN_BODY_3],
        &[
            ("Your comment is awaiting moderation.", "en.comment-widget"),
            (
                "Comments are moderated and may take time to appear.",
                "en.comment-widget",
            ),
            ("Log in to comment", "en.comment-widget"),
            ("Load more comments", "en.comment-widget"),
            ("1 of 10", "en.ui-control"),
            ("Link copied!", "en.ui-control"),
            ("Listen", "en.ui-control"),
            ("Getty Images", "en.media-credit"),
            ("AP Photo/Jane Smith", "en.media-credit"),
            ("Sakib Ali/Hindustan Times/Getty Images", "en.media-credit"),
            ("J. Scott Applewhite / AP file", "en.media-credit"),
            ("Michael Conroy, AP", "en.media-credit"),
            ("Jason Cipriani/ZDNet", "en.media-credit"),
            ("Doug Mills/The New York Times", "en.media-credit"),
            ("Contact Us/FAQ | Terms of Use", "en.policy-links"),
            ("Please keep comments civil.", "en.comment-widget"),
            (
                "Contact the author at jane@example.com",
                "en.author-contact",
            ),
        ],
    );
    // Notes that the story ran elsewhere first, under it.
    for note in [
        "This article was originally published on The Conversation.",
        "A version of this article appears in print on Nov. 20, 2023, Section B, Page 1.",
    ] {
        assert_cleaned_to(
            &format!("{kept}{note}\n"),
            &kept,
            note,
            "en.republish-notice",
        );
    }
    // The author's biography goes from the end of the page only.
    let bio = "Jane Smith is a staff writer at Example News. She covers transport.";
    assert_cleaned_to(&format!("{kept}{bio}\n"), &kept, bio, "en.author-bio");
    // Also when the page goes on below it with links the heuristics drop: the article ends there.
    let links = "Council delays vote on transit budget\nMayor names new head of parks department\n\
                 Ferry service to end after 80 years\n";
    assert_cleaned_to(
        &format!("{kept}{bio}\n{links}"),
        &kept,
        bio,
        "en.author-bio",
    );
    // Nor is a sentence about a country or a pronoun's subject a bio, even as the last line.
    for last in [
        "Vietnam is the second-largest producer of coffee in the world, after Brazil.",
        "She is a former journalist who now runs a bakery in Hanoi with her two sons.",
    ] {
        let (_, removed) = clean(&format!("{kept}{last}\n"));
        assert_not_removed_by(&removed, "en.author-bio");
    }
    // Inside the article, a sentence about a reporter is the story's.
    let (_, removed) = clean(&format!(
        "{kept}John Brown is a reporter for the Gazette who first wrote about the bridge plan in \
         2015.\nHe said the city had waited far too long for a second crossing over the river.\n"
    ));
    assert_not_removed_by(&removed, "en.author-bio");
    // Sentences that only start like them stay.
    assert_traps_stay(&[
        "Comments from residents were mostly in favour, according to the council's own survey.",
        "This story first became public when a council member posted the drawings online.",
        "Listen to the engineers and the bridge will last a century, the mayor said.",
        "Michael Conroy, a photographer for AP, took the first pictures of the bridge deck.",
        "Jane Smith/Reuters reported the deal first, citing two people close to the council.",
    ]);
}

#[test]
fn en_reader_calls_series_notes_disclaimers_and_closed_comments_go() {
    let kept = format!("River bridge approved\n{EN_BODY_1}\n{EN_BODY_2}\n{EN_BODY_3}\n");
    // Under the article: the author's bio, then a call for letters or the series it belongs to;
    // each goes, and the bio with it, as the article ends above them.
    let bio = "Jane Smith is The Example Review's environment correspondent.";
    for (call, rule) in [
        (
            "Do you have an opinion on the issues raised in this article? If you would like to \
             submit a response of up to 300 words, email it to us.",
            "en.reader-call",
        ),
        (
            "We want to hear from you. Submit a letter to the editor of no more than 250 words.",
            "en.reader-call",
        ),
        (
            "This article is part of Living With Less, a year-long series on how towns adapt.",
            "en.reader-call",
        ),
    ] {
        let (text, removed) = clean(&format!("{kept}{bio}\n{call}\n"));
        assert_eq!(text, kept, "{call}");
        assert_removed_by(&removed, call, rule);
        assert_removed_by(&removed, bio, "en.author-bio");
    }
    // An opinion piece's disclaimer goes above or under it; so do notices that comments are
    // closed.
    for (line, rule) in [
        (
            "The views expressed in this column are the author's own.",
            "en.opinion-disclaimer",
        ),
        (
            "The views and opinions expressed here are those of the author and do not necessarily \
             reflect the position of this publication.",
            "en.opinion-disclaimer",
        ),
        (
            "This piece expresses the views of its author, separate from those of this publication.",
            "en.opinion-disclaimer",
        ),
        (
            "Comments have been disabled on this article for legal reasons.",
            "en.comment-widget",
        ),
        ("Comments are open until 11pm on Monday", "en.comment-widget"),
    ] {
        assert_cleaned_to(&format!("{line}\n{kept}"), &kept, line, rule);
        assert_cleaned_to(&format!("{kept}{line}\n"), &kept, line, rule);
    }
    // Inside the article, the same openings are the story's.
    let story = format!(
        "River bridge approved\n{EN_BODY_1}\nThis story is part of a series of reports on the \
         city's river crossings, which the council has funded since 2019.\n{EN_BODY_2}\n{EN_BODY_3}\n"
    );
    let (_, removed) = clean(&story);
    assert_not_removed_by(&removed, "en.reader-call");
    assert_traps_stay(&[
        "The views expressed by residents at the meeting were mixed, the council's report said.",
        "Comments are closed to the public until the inquiry ends, a spokesman said on Friday.",
    ]);
}

#[test]
fn en_company_boilerplate_closing_a_press_release_goes() {
    let kept = format!("River bridge approved\n{EN_BODY_1}\n{EN_BODY_2}\n{EN_BODY_3}\n");
    let about = [
        "Kestrel Grid Systems is a leading supplier of battery storage for rural electricity \
         networks in Europe.",
        "Example Corp. (NASDAQ: EXMP) is a global developer of software for hospitals.",
        "Kestrel is headquartered in Bristol, England, and employs around 300 people.",
    ];
    let (text, removed) = clean(&format!("{kept}{}\n", about.join("\n")));
    assert_eq!(text, kept);
    for line in about {
        assert_removed_by(&removed, line, "en.company-boilerplate");
    }
    // Inside the article, the same sentence about a company is the story's.
    let (_, removed) = clean(&format!(
        "River bridge approved\n{EN_BODY_1}\nHarbour Steel is a leading supplier of the \
         bridge's girders, and its plant will run two shifts.\n{EN_BODY_2}\n{EN_BODY_3}\n"
    ));
    assert_not_removed_by(&removed, "en.company-boilerplate");
    // Nor is a last sentence about a person or a city.
    for last in [
        "The city is the largest in the region and the seat of the county council.",
        "Mayor Ann Lee is a former engineer who worked on the old ferry for ten years.",
    ] {
        let (_, removed) = clean(&format!("{kept}{last}\n"));
        assert_not_removed_by(&removed, "en.company-boilerplate");
    }
}

#[test]
fn en_consent_notices_and_their_buttons_go() {
    let kept = format!("River bridge approved\n{EN_BODY_1}\n{EN_BODY_2}\n{EN_BODY_3}\n");
    let banner = [
        "We value your privacy",
        "We and our 142 partners store and/or access information on a device, such as cookies.",
        "We use cookies to give you the best experience on our website.",
        "Accept all",
        "Reject all",
        "Customise",
        "Manage preferences",
    ];
    let (text, removed) = clean(&format!("{}\n{kept}", banner.join("\n")));
    assert_eq!(text, kept);
    for line in banner {
        assert_removed_by(&removed, line, "en.cookie-notice");
    }
    assert_traps_stay(&[
        "We value your privacy, the company said in a statement after the data breach.",
        "Manage preferences for each of the council's services from one account, the city said.",
    ]);
}

#[test]
fn en_blog_engine_chrome_credits_and_widget_errors_go() {
    // Between two paragraphs.
    assert_each_removed_at(
        2,
        &[EN_BODY_1, EN_BODY_2, EN_BODY_3],
        &[
            (
                "Click to share on Twitter (Opens in new window)",
                "en.share-widget",
            ),
            ("Print Friendly, PDF & Email", "en.share-widget"),
            ("Like Loading...", "en.share-widget"),
            ("Copy code", "en.share-widget"),
            ("Copied!", "en.share-widget"),
            ("Cancel reply", "en.comment-widget"),
            ("Posted on November 20, 2023 by admin", "en.byline"),
            ("« Previous", "en.ui-control"),
            ("Next »", "en.ui-control"),
            ("Primary Menu", "en.ui-control"),
            ("Search for:", "en.ui-control"),
            ("Expand image", "en.ui-control"),
            ("GET THE NEWS ON THE GO BY CLICKING HERE", "en.ui-control"),
            ("Recent Posts", "en.related-heading"),
            ("Partner Content", "en.advertisement"),
            ("Recommended by Outbrain", "en.advertisement"),
            ("Your Privacy Choices", "en.policy-links"),
            ("Twitter: @jsmith", "en.handle-byline"),
            ("(Image credit: Getty Images)", "en.media-credit"),
            ("Photo illustration by Jane Smith", "en.media-credit"),
            ("Unsubscribe at any time.", "en.signup-form"),
            ("Proudly powered by WordPress", "en.site-credit"),
            ("Theme by Example Themes", "en.site-credit"),
            (
                "Something went wrong. Please try again later.",
                "en.noscript",
            ),
        ],
    );
    // Under the article.
    assert_each_removed_at(
        4,
        &[EN_BODY_1, EN_BODY_2, EN_BODY_3],
        &[
            (
                "Your email address will not be published. Required fields are marked *",
                "en.comment-widget",
            ),
            (
                "Save my name, email, and website in this browser for the next time I comment.",
                "en.comment-widget",
            ),
            (
                "Notify me of follow-up comments by email.",
                "en.comment-widget",
            ),
            (
                "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
                "en.comment-widget",
            ),
            (
                "The Associated Press contributed to this report.",
                "en.reporting-credit",
            ),
            (
                "CNN's Jane Smith contributed reporting.",
                "en.reporting-credit",
            ),
            ("—With reporting by Jane Smith", "en.reporting-credit"),
            (
                "Data is delayed at least 15 minutes. Global Business and Financial News.",
                "en.legal-disclaimer",
            ),
            ("Quotes are delayed by 20 min", "en.legal-disclaimer"),
            ("AAPL 189.98 -1.23 (-0.64%)", "common.stock-quote"),
            ("268.40 GBX ▲ 14.60 (+5.75%)", "common.stock-quote"),
            ("Check price at REI", "en.shop-button"),
            ("$79.95 at Amazon", "en.shop-button"),
            ("See at Best Buy", "en.shop-button"),
            ("Today's best deals", "en.deals-widget"),
            ("Today's best Pixel 8 Pro deals", "en.deals-widget"),
            ("View all 6 prices", "en.deals-widget"),
            ("* View Deal", "en.deals-widget"),
            (
                "This issue is brought to you by Example Pay, the invoicing app. Readers get three months free.",
                "en.advertisement",
            ),
            (
                "The Example Letter is for general information only and is not financial advice.",
                "en.legal-disclaimer",
            ),
            (
                "Thanks for reading Example Letter! Subscribe for free to receive new posts.",
                "en.signup-form",
            ),
            (
                "NRVF  Norvale Foods Inc  $58.41  +2.87 (+5.17%)",
                "common.stock-quote",
            ),
            (
                "Write to Jane Smith at jane.smith@example.com",
                "en.author-contact",
            ),
            (
                "Have a news tip? Email us at tips@example.com.",
                "en.author-contact",
            ),
            (
                "Read the original article on Business Insider",
                "en.republish-notice",
            ),
            (
                "As you comment, please be respectful of other commenters and other viewpoints.",
                "en.comment-widget",
            ),
        ],
    );
    // Sentences that only start like them stay.
    assert_traps_stay(&[
        "Rising steel prices contributed to this report of a budget overrun, the auditor said.",
        "Something went wrong with the first pour of concrete, so the crew started again in May.",
        "Previous plans for a ferry terminal were dropped after the flood of 2016.",
        "Image is everything for a city that wants to draw tourists, the mayor told reporters.",
        "Residents can comment on the plans by clicking here on the council's website.",
        "Powered by AI-generated voices, the city's new audio guide has been downloaded 10,000 times.",
        "Comments are moderated by a team of volunteers from the residents' association.",
        "By signing up for the app, you agree to share your location with the transport authority.",
        "This story first appeared on a local forum in 2016 and has since been shared thousands of times.",
        "Write to Transport for London at help@example.com or call the helpline.",
        "Today's best deals on the market are in the bakery aisle, shoppers say.",
        "See all prices rise by 3% from April, the regulator warned.",
        "Reuters contributed reporting to the investigation, which won a prize in 2019.",
        "Data provided by the ministry show a rise of 4 percent in river traffic since 2019.",
        "The builder's shares closed at 5,447.87 +0.16 (+0.16%)",
        "See you at Wembley on Saturday, the mayor told the crowd.",
        "Thanks for reading the plans so carefully, the mayor told the committee.",
    ]);
}

#[test]
fn en_sentences_that_start_like_labels_and_credits_stay() {
    assert_traps_stay(&[
        "Tags are fixed to each pier so that inspectors can track the concrete as it cures.",
        "Posted in 2019, the first design video has been watched three million times.",
        "Source: the city's own traffic counts show a rise of 12% since the ferry slowed down.",
        "Editing by hand took the planners three weeks, the engineer said of the drawings.",
        "Watch the river rise from the new viewpoint, the mayor told the crowd on Tuesday.",
    ]);
}

#[test]
fn en_promos_captions_and_contact_lines_go() {
    assert_each_removed_at(3, &[EN_BODY_1, EN_BODY_2], &[
        (
            "Subscribe to Example Weekly and never miss a story.",
            "en.subscribe-promo",
        ),
        (
            "Get our best stories delivered straight to your inbox.",
            "en.subscribe-promo",
        ),
        (
            "No spam. You can unsubscribe at any time.",
            "en.subscribe-promo",
        ),
        (
            "Stay up to date with Example Bank. Subscribe to our newsletter.",
            "en.subscribe-promo",
        ),
        (
            "Get Example Monthly delivered through your letterbox every month. 12 issues for \
             £11.99. Click here for more information.",
            "en.subscribe-promo",
        ),
        (
            "Get access to Example Pro for as little as Rs 599 for the first year. Use the code \
             \"NEWPRO\".",
            "en.subscribe-promo",
        ),
        (
            "There's plenty more where that came from. Sign up for Example Daily today to get the \
             free newsletter delivered to your inbox daily.",
            "en.subscribe-promo",
        ),
        (
            "We may earn a commission when you buy through links on our site.",
            "en.affiliate-disclosure",
        ),
        (
            "This post contains affiliate links.",
            "en.affiliate-disclosure",
        ),
        (
            "As an Amazon Associate I earn from qualifying purchases.",
            "en.affiliate-disclosure",
        ),
        (
            "Got a tip? John Doe may be contacted at jdoe@example.com",
            "en.author-contact",
        ),
        ("Follow us on Twitter and Facebook.", "en.follow-line"),
        (
            "Follow the Example Times sports desk on Facebook, Twitter (@example) and Instagram.",
            "en.follow-line",
        ),
        (
            "Jane Smith can be reached at jsmith@example.com.",
            "en.author-contact",
        ),
        ("Jane Smith @janesmith / 2 days", "en.handle-byline"),
        ("Image copyright Getty Images", "en.photo-caption"),
        ("Image caption The old ferry pier", "en.photo-caption"),
        (
            "FILE PHOTO: Cars cross the old bridge in the city, November 18, 2019. REUTERS/Jane Smith",
            "en.photo-caption",
        ),
        (
            "Also on example.com Council approves a second river crossing",
            "en.read-more-link",
        ),
        ("More on example.org: Bridge plans approved", "en.read-more-link"),
        ("More in Politics", "en.related-heading"),
        ("Popular on Example News", "en.related-heading"),
        ("Next Up In Science", "en.related-heading"),
        ("More:", "en.related-heading"),
        ("You might have missed", "en.related-heading"),
        ("In case you missed it", "en.related-heading"),
        (
            "Keep reading: How the ferry came back to the old pier",
            "en.read-more-link",
        ),
        ("SEE MORE: Bridge plans approved", "en.read-more-link"),
        ("Also: See our coverage of the vote", "en.read-more-link"),
        ("JavaScript is required to view comments.", "en.noscript"),
        ("Please turn on JavaScript to use this feature", "en.noscript"),
        ("Medically reviewed by Dr. Jane Smith, MD", "en.byline"),
        ("Fact checked by John Doe", "en.byline"),
        (
            "Sometimes we include links to online retail stores. If you click on one and make a \
             purchase we may receive a small commission.",
            "en.affiliate-disclosure",
        ),
        (
            "If you buy something through our links, we may earn a commission.",
            "en.affiliate-disclosure",
        ),
        (
            "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of \
             Service apply.",
            "en.signup-form",
        ),
        ("Save for later", "en.ui-control"),
        ("Gift this article", "en.ui-control"),
        ("Reprints & Permissions", "en.ui-control"),
        ("Get the app", "en.ui-control"),
        ("Read full article", "en.ui-control"),
        ("View gallery", "en.ui-control"),
        ("Image 1 of 12", "en.ui-control"),
        ("1 / 12", "en.ui-control"),
        ("Hide caption", "en.ui-control"),
        ("Page 1 of 3", "en.ui-control"),
        ("5 min read", "en.ui-control"),
        ("Audio is not supported on your browser.", "en.ui-control"),
        ("Already have an account? Log in", "en.account-widget"),
        (
            "*These statements have not been evaluated by the Food and Drug Administration. This \
             product is not intended to diagnose, treat, cure, or prevent any disease.",
            "en.legal-disclaimer",
        ),
        (
            "The information on this site is provided for informational purposes only and is not \
             medical advice.",
            "en.legal-disclaimer",
        ),
        (
            "This article is for general informational purposes only.",
            "en.legal-disclaimer",
        ),
        (
            "Consult your physician before beginning any exercise program or using any supplement.",
            "en.legal-disclaimer",
        ),
        (
            "All other trademarks are the property of their respective owners.",
            "en.legal-disclaimer",
        ),
        ("Presented by Example Bank", "en.advertisement"),
    ]);
}

#[test]
fn en_ad_breaks_players_paywalls_and_story_labels_go_from_inside_the_article() {
    let kept = format!("River bridge approved\n{EN_BODY_1}\n{EN_BODY_2}\n");
    assert_each_removed_at(
        2,
        &[EN_BODY_1, EN_BODY_2],
        &[
            ("Article continues below", "en.advertisement"),
            ("Scroll to continue with content", "en.advertisement"),
            ("Report this ad", "en.advertisement"),
            ("Ad Feedback", "en.advertisement"),
            ("Keep reading", "en.ui-control"),
            ("Show full article", "en.ui-control"),
            ("Tap to unmute", "en.ui-control"),
            ("Play Video", "en.ui-control"),
            ("Now playing", "en.ui-control"),
            ("Autoplay", "en.ui-control"),
            ("Today's Paper", "en.ui-control"),
            ("Subscribe for $1", "en.account-widget"),
            ("Unlock this article", "en.account-widget"),
            ("Sign in to continue reading", "en.account-widget"),
            ("Create a free account", "en.account-widget"),
            ("Subscriber exclusive", "en.account-widget"),
            ("Exclusive", "en.story-label"),
            ("LIVE", "en.story-label"),
            ("Breaking news", "en.story-label"),
            ("Jane Smith, Staff Writer", "en.staff-byline"),
            (
                "Tom Brown | Senior Political Correspondent",
                "en.staff-byline",
            ),
            ("Jane Smith | Reuters", "en.staff-byline"),
        ],
    );
    // The headings of a related list, with the links under them.
    for heading in ["Editors' picks", "Around the web"] {
        let doc = format!("{kept}{heading}\n* Council delays vote on transit budget\n");
        assert_cleaned_to(&doc, &kept, heading, "en.related-heading");
    }
    // Sentences that only start like them stay.
    assert_traps_stay(&[
        "Breaking news of the vote spread quickly through the neighbourhoods on both banks.",
        "Play resumed at the stadium by the river once the fireworks for the vote had ended.",
        "Jane Smith, a staff writer at the paper for thirty years, first reported the plan.",
        "Exclusive access to the bridge deck will be given to cyclists on the first weekend.",
    ]);
}

#[test]
fn en_breadcrumbs_above_the_headline_go() {
    let kept = format!("River bridge approved\n{EN_BODY_1}\n{EN_BODY_2}\n");
    for crumb in [
        "Home / News / Local",
        "You are here: Home > News",
        "News | Politics",
        "Sports > College Football",
    ] {
        assert_cleaned_to(&format!("{crumb}\n{kept}"), &kept, crumb, "en.breadcrumb");
    }
    // A headline with a kicker is no breadcrumb.
    assert_unchanged(&format!(
        "Opinion | Why the river bridge is worth its cost\n{EN_BODY_1}\n{EN_BODY_2}\n"
    ));
}

#[test]
fn en_sentences_about_subscribers_follow_ups_and_photos_stay() {
    assert_traps_stay(&[
        "Subscribers to the city's newsletter were told about the vote a day before the press.",
        "Residents can subscribe to text alerts about road closures, the transport department said.",
        "Follow-up talks with the river authority are planned for the spring, officials said.",
        "The builder may earn a commission on each extra pier, the contract shows.",
        "If you buy a yearly pass, the city may earn enough to pay for the lights, officials said.",
        "We include links to the council's documents at the end of this article.",
        "Save the date: the bridge opens to walkers a week before the cars.",
        "Presented by the mayor on Monday, the plan won the support of the council.",
        "Reading time for children in the city's libraries doubled last year.",
        "More than 2,000 people cross the river by ferry every morning.",
        "Photographers from Reuters and AP lined the riverbank as the mayor spoke.",
        "Image copyright rules kept the city from publishing the first drawings of the bridge.",
        "The council stopped printing its bulletin. Residents were told to sign up for a newsletter.",
        "The bank warned its customers on Monday. Fake notices were sent to your inbox.",
        "If a notice like this is delivered to your inbox, delete it, the bank said.",
        "Residents get access to the new bridge for just $2 a day, the council said.",
        "Get access to the river path from the north bank, where the old ferry used to land.",
        "Results vary widely between hospitals, the study of 40 wards found.",
        "Consult your doctor before taking the new drug, the health agency told patients.",
        "The information on this page was gathered by the council over three years, officials said.",
        "Also on Monday, the council voted to rename the old bridge after its first engineer.",
        "Also on example.com, readers asked why the old bridge would close for a whole year.",
        "File photos of the old bridge show how little the river bank has changed since 1950.",
    ]);
}

#[test]
fn captions_that_end_in_their_photo_credit_go_from_under_the_headline() {
    let kept = format!("River bridge approved\n{EN_BODY_1}\n{EN_BODY_2}\n{EN_BODY_3}\n");
    for line in [
        "Traders work on the floor of the exchange in New York. (AP Photo/Jane Smith, File)",
        "Protesters march to the square (Image: GETTY )",
        "The old ferry pier at dawn, seen from the east bank. (Photo Credit : PTI File Photo )",
        "An artist's drawing of the new bridge over the river. (Image credit: City of Example)",
        "Жители города встречают праздник на набережной (Фото: ТАСС)",
        "Moradores atravessam a ponte nova (Foto: Divulgação)",
        "A woman crosses the old bridge on her way to work. Getty Images",
        "States where the tolls have been raised since 2020. Statista",
        "Jane Doe speaks at the Capitol on July 25, 2019. J. Scott Applewhite / AP file",
        "The house where the mayor was born. Leonhard Foeger / Reuters",
        "Der Bürgermeister eröffnet die neue Brücke. Foto: Anna Berger / dpa",
        "Vista del puerto desde el faro. Foto: Archivo",
        "Le pont au lever du jour. Photo : Jean Martin",
        "Een fietser op de nieuwe brug. Foto: ANP",
        "Moradores atravessam a ponte nova — Foto: Getty Images",
        "Fans cross the old bridge after the match. Photograph: Jane Smith/Example Ledger",
    ] {
        // Where the lead picture's caption stands.
        let doc = format!("River bridge approved\n{line}\n{EN_BODY_1}\n{EN_BODY_2}\n{EN_BODY_3}\n");
        assert_cleaned_to(&doc, &kept, line, "common.captioned-credit");
    }
}

#[test]
fn sentences_that_mention_photos_agencies_or_brackets_stay() {
    assert_traps_stay(&[
        "Police released a photo of the driver (Photo: Metro Police).",
        "The picture (Image: city archive) shows the old ferry pier before the fire.",
        "She spent a decade as a photographer for Reuters/AP.",
        "The mayor's office shared the first pictures of the bridge with AP",
        "The deal was first reported by Reuters. Officials confirmed it on Monday.",
        "Engineers tested the sensors on the deck (TCP/IP over fibre)",
        "Police also released a second photo: it shows the van outside the bank.",
        "The council shared one photo: the bridge at dawn, seen from the east bank.",
    ]);
    // Vietnamese captions keep their text; only the credit is cut.
    let doc = format!(
        "Hội nghị tổng kết ngành nông nghiệp năm 2023\n{VI_BODY_1}\n\
         Bộ trưởng phát biểu tại hội nghị. (Ảnh: TTXVN)\n{VI_BODY_2}\n"
    );
    let (text, _) = clean(&doc);
    assert!(text.contains("Bộ trưởng phát biểu tại hội nghị."), "{text}");
}

/// Asserts that each of `lines`, standing between a headline and the lead, is removed by the rule
/// named `rule` and that the headline stays.
fn assert_goes_from_under_the_headline(lines: &[&str], rule: &str) {
    let headline = "Nhiều trường đại học công bố điểm chuẩn";
    let kept = format!("{headline}\n{VI_BODY_1}\n{VI_BODY_2}\n");
    for line in lines {
        let doc = format!("{headline}\n{line}\n{VI_BODY_1}\n{VI_BODY_2}\n");
        assert_cleaned_to(&doc, &kept, line, rule);
    }
}

#[test]
fn view_counters_go_and_the_headline_above_them_stays() {
    assert_goes_from_under_the_headline(
        &[
            "1.234 lượt xem",
            "Lượt xem: 5.678",
            "12K views",
            "Views: 1,024",
        ],
        "common.view-count",
    );
    // A sentence that gives a number of views is no counter.
    assert_unchanged(&format!(
        "{VI_BODY_1}\nVideo ghi lại cảnh tuyển sinh đã có 1.234 lượt xem chỉ sau một giờ đăng tải.\n{VI_BODY_2}\n"
    ));
}

#[test]
fn player_and_text_size_controls_go() {
    assert_goes_from_under_the_headline(
        &[
            "00:00 / 03:45",
            "1:02:10 / 1:15:00",
            "Cỡ chữ",
            "A A A",
            "A- A+",
            "00:00",
            "Chọn cỡ chữ: A- A A+",
        ],
        "common.player-control",
    );
}

#[test]
fn weather_widgets_go_and_sentences_about_the_weather_stay() {
    assert_goes_from_under_the_headline(
        &["Hà Nội 25°C", "London: 12°C", "Hà Nội 22°C - 28°C", "18°"],
        "common.weather-widget",
    );
    assert_unchanged(&format!(
        "{VI_BODY_1}\nTrưa nay, nhiệt độ ở Hà Nội lên tới 35°C, cao nhất từ đầu mùa hè.\n{VI_BODY_2}\n"
    ));
}

#[test]
fn en_related_heading_takes_the_list_under_it_and_no_more() {
    let (before, after) = (EN_ARTICLE[..3].join("\n"), EN_ARTICLE[3..].join("\n"));
    let kept = format!("River bridge approved\n{before}\n{after}\n");
    let doc = format!(
        "River bridge approved\n{before}\nRelated Stories\n\n* Ferry fares rise again\n\n* New cycle lanes open\n{after}\n"
    );
    // The blank lines around the list leave one paragraph break behind.
    let parted = format!("River bridge approved\n{before}\n\n{after}\n");
    assert_cleaned_to(
        &doc,
        &parted,
        "* New cycle lanes open",
        "en.related-heading",
    );
    let doc = format!("{kept}Most Read\n1. Ferry fares rise again\n2. New cycle lanes open\n");
    assert_cleaned_to(&doc, &kept, "2. New cycle lanes open", "en.related-heading");
    let doc = format!(
        "{kept}Don't miss these stories from Example News:\n* Ferry fares rise again\n* New cycle lanes open\n"
    );
    assert_cleaned_to(&doc, &kept, "* New cycle lanes open", "en.related-heading");
    // A list in the article, under no such heading, stays.
    assert_unchanged(&format!(
        "River bridge approved\n{before}\nThe plan has three stages:\n* Clearing the riverbank\n* Building the piers\n* Opening the bridge\n{after}\n"
    ));
}

#[test]
fn author_box_is_cut_from_its_heading_on_in_several_languages() {
    let article = EN_ARTICLE.join("\n");
    let bio = "Jane Smith has covered transport and city politics for the paper since 2015.";
    for heading in [
        "About the author",
        "About Jane Smith",
        "Sobre o autor",
        "Sobre Ana Souza",
        "Acerca del autor",
        "Über den Autor",
        "Über Max Muster",
        "À propos de l’auteur",
        "Tentang penulis",
        "Về tác giả",
    ] {
        let doc = format!("{article}\n{heading}\n{bio}\n");
        assert_cleaned_to(&doc, &format!("{article}\n"), bio, "common.author-box");
    }
    // Sentences that start with "About" are no heading, and a name heading under the headline
    // is no author box.
    assert_unchanged(&format!(
        "{article}\nAbout seventy people came to the meeting on Tuesday evening.\n{EN_BODY_3}\n"
    ));
    let doc = format!("River bridge approved\nAbout Jane Smith\n{article}\n");
    let (text, _) = clean(&doc);
    assert!(text.ends_with(&format!("{article}\n")), "{text}");
}

#[test]
fn placeholder_labels_go_above_the_headline_and_between_paragraphs() {
    let kept = format!("Nhiều trường đại học công bố điểm chuẩn\n{VI_BODY_1}\n{VI_BODY_2}\n");
    for label in ["banner", "Quảng cáo", "ADVERTISEMENT"] {
        let top = format!("{label}\n{kept}");
        assert_cleaned_to(&top, &kept, label, "common.placeholder-label");
        let between =
            format!("Nhiều trường đại học công bố điểm chuẩn\n{VI_BODY_1}\n{label}\n{VI_BODY_2}\n");
        assert_cleaned_to(&between, &kept, label, "common.placeholder-label");
    }
}

#[test]
fn a_table_of_contents_goes_with_its_links() {
    let headline = "Nhiều trường đại học công bố điểm chuẩn";
    let kept = format!("{headline}\n{VI_BODY_1}\n{VI_BODY_2}\n");
    let doc =
        format!("{headline}\nMục lục\n* Điểm chuẩn tăng\n* Ngành hot\n{VI_BODY_1}\n{VI_BODY_2}\n");
    assert_cleaned_to(&doc, &kept, "* Ngành hot", "common.toc-heading");
    let article = EN_ARTICLE.join("\n");
    let doc = format!("In this article:\n* The cost\n* The route\n{article}\n");
    assert_cleaned_to(
        &doc,
        &format!("{article}\n"),
        "In this article:",
        "common.toc-heading",
    );
    // A numbered list ends where the numbers start again: the article's first section heading
    // right under its table of contents is no link of it.
    let doc = format!(
        "{headline}\n{VI_BODY_1}\nMục lục\n1. Điểm chuẩn tăng\n2. Ngành hot\n\n1. Điểm chuẩn tăng\n{VI_BODY_2}\n"
    );
    let (_, removed) = clean(&doc);
    let by_toc = |line: &str| {
        removed
            .iter()
            .filter(|(l, r)| l == line && r == "common.toc-heading")
            .count()
    };
    assert_eq!(
        (by_toc("2. Ngành hot"), by_toc("1. Điểm chuẩn tăng")),
        (1, 1),
        "{removed:#?}"
    );
    // A sentence that starts with the words stays.
    assert_no_rule_removed(
        &format!("{article}\nIn this article, we look at what the bridge will cost each household.\n{EN_BODY_3}\n"),
        "In this article, we look at what the bridge will cost each household.",
    );
}

#[test]
fn widget_labels_bylines_and_dated_labels_in_other_languages_go() {
    let article = EN_ARTICLE.join("\n");
    for (line, rule) in [
        ("Zum Inhalt springen", "common.widget-label"),
        ("Saltar al contenido principal", "common.widget-label"),
        ("Lompat ke konten", "common.widget-label"),
        ("Alle akzeptieren", "common.widget-label"),
        ("Nur notwendige Cookies", "common.widget-label"),
        ("Tout refuser", "common.widget-label"),
        ("Teilen auf Facebook", "common.widget-label"),
        ("Per WhatsApp teilen", "common.widget-label"),
        ("Compartir en Bluesky", "common.widget-label"),
        ("Copiar enlace", "common.widget-label"),
        ("Partager sur LinkedIn", "common.widget-label"),
        ("Bagikan:", "common.widget-label"),
        ("Salin Link", "common.widget-label"),
        ("Ir a los comentarios", "common.widget-label"),
        ("Lesezeit: 4 Min.", "common.widget-label"),
        ("5 min de lectura", "common.widget-label"),
        ("Temps de lecture : 3 min", "common.widget-label"),
        ("Waktu baca 2 menit", "common.widget-label"),
        ("Tempo de leitura: 1 minuto", "common.widget-label"),
        ("1 Minute Lesezeit", "common.widget-label"),
        ("Iniciar sesión", "common.widget-label"),
        ("Anmelden", "common.widget-label"),
        ("Anzeige", "common.placeholder-label"),
        ("Publicidad", "common.placeholder-label"),
        ("Stand: 12.03.2025, 14:37 Uhr", "common.date-label"),
        (
            "Actualizado el 12 de marzo de 2025 a las 10:30",
            "common.date-label",
        ),
        ("Publié le 12/03/2025 à 14h37", "common.date-label"),
        ("Diperbarui: 15 Mei 2025, 10:45 WIB", "common.date-label"),
        ("Von Katrin Albers", "common.byline"),
        ("Por María José Herrera", "common.byline"),
        ("Oleh Rizki Pratama", "common.byline"),
        ("Más información", "common.read-also"),
        ("También te puede interesar", "common.read-also"),
        ("Suscríbete a nuestro boletín", "common.newsletter"),
        ("Abonnez-vous à notre newsletter", "common.newsletter"),
        ("Iscriviti alla newsletter", "common.newsletter"),
        ("Assine a nossa newsletter", "common.newsletter"),
        ("Berlangganan newsletter kami", "common.newsletter"),
        ("Vous aimerez aussi", "common.read-also"),
    ] {
        let doc = format!("{article}\n{line}\n{EN_BODY_3}\n");
        assert_cleaned_to(&doc, &format!("{article}\n{EN_BODY_3}\n"), line, rule);
    }
    // Consent notices, above the article as banners stand.
    for line in [
        "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten.",
        "Ce site utilise des cookies pour mesurer son audience.",
        "Utilizamos cookies propias y de terceros para mejorar nuestros servicios.",
        "Questo sito utilizza i cookie per migliorare la tua esperienza.",
        "Wij gebruiken cookies om de website goed te laten werken.",
        "Bu web sitesi çerezleri kullanır. Devam ederek kabul etmiş olursunuz.",
        "Vi använder kakor (cookies) för att webbplatsen ska fungera på ett bra sätt.",
        "Мы используем файлы cookie, чтобы сайт работал лучше.",
        "当サイトではクッキーを使用しています。",
    ] {
        let doc = format!("{line}\n{article}\n");
        assert_cleaned_to(&doc, &format!("{article}\n"), line, "common.cookie-notice");
    }
    // Sentences that start with the same words stay.
    for line in [
        "Teilen Sie Ihre Meinung mit uns in den Kommentaren unter diesem Artikel.",
        "Compartir en familia es lo que más echan de menos los vecinos del barrio.",
        "Publicado en 2019, el libro vendió más de tres millones de copias en España.",
        "Stand: Die Stadt hat noch nicht entschieden, wann die Bauarbeiten beginnen.",
        "Von Anfang an war klar, dass der Rat knapp entscheiden würde.",
        "Por Qué",
        "Más información sobre los turnos de riego llegará la próxima semana.",
        "Das könnte Sie auch interessieren, sagte die Ministerin den Landwirten am Montag.",
        "Der Newsletter der Stadt erscheint jeden Montag und kostet die Leser nichts.",
        "Abonnieren Sie den Podcast.",
        "Die Behörde prüft, ob Online-Händler Cookies ohne Zustimmung setzen.",
        "Nous utilisons des données publiques pour suivre la qualité de l'air.",
    ] {
        assert_no_rule_removed(&format!("{article}\n{line}\n{EN_BODY_3}\n"), line);
    }
}

#[test]
fn single_lines_of_chrome_between_paragraphs_go() {
    for (line, rule) in [
        // A sharing plugin's row: each button's text and its network's name, the last "More".
        (
            "Share to Facebook Facebook Share to Email Email Share to More More",
            "en.share-widget",
        ),
        (
            "Das könnte Sie auch interessieren: Heizkosten verstehen – so lesen Sie die Abrechnung",
            "common.read-also",
        ),
        // A teaser of its own, then the call.
        (
            "Sie möchten nichts aus der Region verpassen? Abonnieren Sie unseren kostenlosen Newsletter.",
            "common.newsletter",
        ),
    ] {
        let (head, tail) = EN_ARTICLE.split_at(3);
        let doc = [head, &[line], tail].concat().join("\n") + "\n";
        let kept = EN_ARTICLE.join("\n") + "\n";
        assert_cleaned_to(&doc, &kept, line, rule);
    }
}

#[test]
fn photo_credits_in_other_languages_go() {
    let article = EN_ARTICLE.join("\n");
    for line in [
        "Фото:личный архив Андрея Рудькова",
        "Foto: Reuters",
        "Bild: dpa",
        "Imagem: Divulgação",
        "Crédit photo : AFP",
        "Sumber foto: Antara",
        "[사진=연합뉴스]",
        "写真：共同通信",
    ] {
        let doc = format!("{article}\n{line}\n{EN_BODY_3}\n");
        assert_cleaned_to(
            &doc,
            &format!("{article}\n{EN_BODY_3}\n"),
            line,
            "common.media-credit",
        );
    }
    // A sentence that starts with the word is no credit.
    assert_no_rule_removed(
        &format!("{article}\nFoto: so sah die Brücke vor dem Umbau aus. Die Stadt zeigt sie im Rathaus.\n{EN_BODY_3}\n"),
        "Foto: so sah die Brücke vor dem Umbau aus. Die Stadt zeigt sie im Rathaus.",
    );
}

#[test]
fn read_also_links_in_other_languages_go_with_the_list_under_them() {
    let article = EN_ARTICLE.join("\n");
    for line in [
        "Lesen Sie auch: Neue Brücke über den Fluss genehmigt",
        "Lire aussi : Le pont sera ouvert au printemps",
        "Leia também: Ponte aprovada pela câmara",
        "Читайте также: Мост откроют весной",
        "Baca juga: Jembatan baru disetujui",
        "Saiba mais",
        "Mirá también",
        "Potrebbe interessarti anche: Borse da bici",
        "Das könnte dich auch interessieren: Anhänger im Test",
        "あわせて読みたい：昼寝",
        "Lire aussi | Le pont sera ouvert",
    ] {
        let doc = format!("{article}\n{line}\n{EN_BODY_3}\n");
        assert_cleaned_to(
            &doc,
            &format!("{article}\n{EN_BODY_3}\n"),
            line,
            "common.read-also",
        );
    }
    let doc = format!("{article}\nMehr zum Thema\n* Brücke genehmigt\n* Fähre teurer\n");
    assert_cleaned_to(
        &doc,
        &format!("{article}\n"),
        "* Fähre teurer",
        "common.read-also",
    );
    // A sentence that starts with the words is no link (the heuristics judge it, in this English
    // page, but the rule leaves it alone).
    let (_, removed) = clean(&format!(
        "{article}\nSaiba mais sobre o projeto no site da prefeitura, disse o prefeito.\n"
    ));
    assert!(
        removed.iter().all(|(_, rule)| rule != "common.read-also"),
        "{removed:?}"
    );
}

#[test]
fn common_rules_cover_dutch_polish_turkish_czech_and_swedish() {
    // Between two paragraphs of the article.
    assert_each_removed_at(
        2,
        &EN_ARTICLE,
        &[
            ("Advertentie", "common.placeholder-label"),
            ("REKLAMA", "common.placeholder-label"),
            ("Reklam", "common.placeholder-label"),
            ("Inzerce", "common.placeholder-label"),
            ("Annons", "common.placeholder-label"),
            ("Ga naar de inhoud", "common.widget-label"),
            ("Przejdź do treści", "common.widget-label"),
            ("İçeriğe geç", "common.widget-label"),
            ("Přejít k obsahu", "common.widget-label"),
            ("Hoppa till innehållet", "common.widget-label"),
            ("Alles accepteren", "common.widget-label"),
            ("Akkoord", "common.widget-label"),
            ("Akceptuję", "common.widget-label"),
            ("Odrzuć wszystkie", "common.widget-label"),
            ("Tümünü kabul et", "common.widget-label"),
            ("Přijmout vše", "common.widget-label"),
            ("Souhlasím", "common.widget-label"),
            ("Godkänn alla", "common.widget-label"),
            ("Endast nödvändiga cookies", "common.widget-label"),
            ("Deel dit artikel", "common.widget-label"),
            ("Delen via WhatsApp", "common.widget-label"),
            ("Link kopiëren", "common.widget-label"),
            ("Udostępnij na Facebooku", "common.widget-label"),
            ("Kopiuj link", "common.widget-label"),
            ("Paylaş", "common.widget-label"),
            ("Facebook'ta paylaş", "common.widget-label"),
            ("Sdílet na Facebooku", "common.widget-label"),
            ("Kopírovat odkaz", "common.widget-label"),
            ("Dela på Facebook", "common.widget-label"),
            ("Kopiera länk", "common.widget-label"),
            ("Naar de reacties", "common.widget-label"),
            ("Przejdź do komentarzy", "common.widget-label"),
            ("Yorumlara git", "common.widget-label"),
            ("Přejít do diskuse", "common.widget-label"),
            ("Leestijd: 4 minuten", "common.widget-label"),
            ("4 min czytania", "common.widget-label"),
            ("Okuma süresi: 3 dk", "common.widget-label"),
            ("Doba čtení: 4 minuty", "common.widget-label"),
            ("4 minuters läsning", "common.widget-label"),
            ("Inloggen", "common.widget-label"),
            ("Zaloguj się", "common.widget-label"),
            ("Giriş yap", "common.widget-label"),
            ("Přihlásit se", "common.widget-label"),
            ("Logga in", "common.widget-label"),
            ("Beeld: ANP", "common.media-credit"),
            ("Zdjęcie: PAP", "common.media-credit"),
            ("Fot. PAP/Leszek Szymański", "common.media-credit"),
            ("Fotoğraf: AA", "common.media-credit"),
            ("Ilustrační foto: ČTK", "common.media-credit"),
            ("Fotograf: Anna Svensson", "common.media-credit"),
            (
                "Gepubliceerd op 12 maart 2025 om 14:37 uur",
                "common.date-label",
            ),
            (
                "Opublikowano: 12 października 2025, o godz. 14:37",
                "common.date-label",
            ),
            ("Yayınlanma: 12.03.2025 - 14:37", "common.date-label"),
            (
                "Güncelleme Tarihi: 12 Mart 2025 Çarşamba 14:37",
                "common.date-label",
            ),
            ("Publikováno: 12. 3. 2025 14:37", "common.date-label"),
            ("Aktualizováno 12. března 2025 v 14:37", "common.date-label"),
            ("Publicerad 2025-03-12 kl. 14.37", "common.date-label"),
            ("Door Jan de Vries", "common.byline"),
            ("Door Jan van der Berg", "common.byline"),
            ("Autor: Jan Kowalski", "common.byline"),
            ("Yazar: Ahmet Yılmaz", "common.byline"),
            ("Autorka: Jana Nováková", "common.byline"),
            ("Av Anna Svensson", "common.byline"),
            (
                "Lees ook: Nieuwe brug over de rivier goedgekeurd",
                "common.read-also",
            ),
            ("Czytaj też: Nowy most zatwierdzony", "common.read-also"),
            ("Ayrıca okuyun: Yeni köprü onaylandı", "common.read-also"),
            ("Přečtěte si také: Nový most schválen", "common.read-also"),
            ("Läs också: Ny bro godkänd", "common.read-also"),
        ],
    );
    // Right under the headline, above the lead.
    assert_goes_from_under_the_headline(
        &["Door Sanne de Boer", "Av Erik Berg", "Yazar: Ayşe Demir"],
        "common.byline",
    );
    assert_goes_from_under_the_headline(
        &["Bijgewerkt: 12-03-25, 14:37", "Uppdaterad den 12 mars 2025"],
        "common.date-label",
    );
    // A "read also" label takes the list under it.
    let article = EN_ARTICLE.join("\n");
    for label in [
        "İlgili haberler",
        "Související články",
        "Lees meer:",
        "Zobacz też:",
    ] {
        let doc = format!("{article}\n{label}\n* Brug goedgekeurd\n* Veerpont duurder\n");
        assert_cleaned_to(
            &doc,
            &format!("{article}\n"),
            "* Veerpont duurder",
            "common.read-also",
        );
    }
    // An author box is cut from its heading on.
    let bio = "Jan de Vries schrijft sinds 2015 over verkeer en stadspolitiek voor de krant.";
    for heading in [
        "Over de auteur",
        "O autorze",
        "Yazar hakkında",
        "O autorovi",
        "Om författaren",
    ] {
        let doc = format!("{article}\n{heading}\n{bio}\n");
        assert_cleaned_to(&doc, &format!("{article}\n"), bio, "common.author-box");
    }
    // Article sentences that only start like chrome stay.
    for line in [
        "Door de regen liep de wedstrijd in Rotterdam meer dan een uur vertraging op.",
        "Door Amsterdam rijdt sinds maandag een nieuwe tram.",
        "Av Sveriges 290 kommuner har hittills 40 infört avgiften.",
        "Autor: jak sam mówi, nie spodziewał się takiej reakcji.",
        "Lees ook wat de minister over de brug zei.",
        "Czytaj także o tym, jak miasto zbierało pieniądze na most.",
        "İlgili haberler yalanlandı, dedi bakan.",
        "Přečtěte si také rozhovor s primátorem o mostě.",
        "Läs mer om planerna på kommunens webbplats.",
        "Delen van de stad blijven zonder stroom tot maandag.",
        "Dela på två och få hälften var, sa ministern.",
        "Akkoord over de brug is bereikt na drie jaar onderhandelen.",
        "Souhlasím s tím, řekl primátor novinářům.",
        "Reklama mostu w telewizji kosztowała miasto milion złotych.",
        "Fotoğraf: köprünün yıkılmadan önceki hali. Belediye onu müzede sergiliyor.",
        "Gepubliceerd op de site van de gemeente staat het volledige plan.",
        "Publicerad i tidningen den 12 mars 2025 var artikeln om bron.",
        "Aktualizacja oprogramowania zajęła 12 minut, powiedział rzecznik.",
        "Meld je aan voor de marathon over de nieuwe brug.",
        "De nieuwsbrief van de gemeente verschijnt elke maandag.",
        "Bültenimize abone olan okur sayısı 10 bini geçti.",
        "Över 300 personer prenumererar på vårt nyhetsbrev, sa chefen.",
        "Yazar hakkında soruşturma başlatıldı.",
        "O autorovi návrhu se ví málo.",
    ] {
        assert_no_rule_removed(&format!("{article}\n{line}\n{EN_BODY_3}\n"), line);
    }
}

#[test]
fn en_a_press_release_ends_where_its_notes_for_journalists_begin() {
    let release = format!(
        "River bridge approved\n{EN_BODY_1}\n{EN_BODY_2}\n{EN_BODY_3}\n\
         The council will hold two public meetings in March to show residents the final design of \
         the crossing and the new cycle lanes that will run along both of its sides.\n\
         Work on the foundations is due to start in the autumn, once the river authority has \
         agreed a timetable that keeps the channel open to boats during the summer season.\n"
    );
    let notes = "Example City Council serves 300,000 residents across twelve wards.\n\
                 Media contact: press@example.gov\n";
    for marker in [
        "Ends",
        "-ENDS-",
        "- 30 -",
        "Notes to editors",
        "Notes for editors:",
    ] {
        let (text, removed) = clean(&format!("{release}{marker}\n{notes}"));
        assert_eq!(text, release, "{marker}");
        assert_removed_by(&removed, marker, "en.press-release-end");
    }
    // Near the top, or inside a sentence, the words are the story's.
    let (_, removed) = clean(&format!("Ends\n{release}"));
    assert_not_removed_by(&removed, "en.press-release-end");
    assert_traps_stay(&["The consultation ends on Friday, and notes to editors follow."]);
}

#[test]
fn en_recipe_card_controls_and_star_ratings_go() {
    let kept = format!("River bridge approved\n{EN_BODY_1}\n{EN_BODY_2}\n{EN_BODY_3}\n");
    for (line, rule) in [
        ("Jump to Recipe", "en.recipe-control"),
        ("Print Recipe", "en.recipe-control"),
        ("Pin this recipe for later!", "en.recipe-control"),
        ("Rate this Recipe", "en.recipe-control"),
        ("Recipe card", "en.recipe-control"),
        ("★★★★★ 4.9 from 212 votes", "common.star-rating"),
        ("★★★★☆ 4,6 (312 voti)", "common.star-rating"),
        ("★★★★★ (4,8 su 5 – 132 voti)", "common.star-rating"),
        ("Notre avis : ★★★★☆", "common.star-rating"),
    ] {
        assert_cleaned_to(&format!("{line}\n{kept}"), &kept, line, rule);
    }
    assert_traps_stay(&[
        "Print the recipe card and keep it on the fridge door, the council's leaflet advises.",
        "Reviewers gave the bridge design ★★★★ in the city's annual architecture guide.",
    ]);
}

#[test]
fn common_rules_cover_romanian() {
    // Between two paragraphs of the article.
    assert_each_removed_at(
        2,
        &EN_ARTICLE,
        &[
            ("Publicitate", "common.placeholder-label"),
            ("Sari la conținut", "common.widget-label"),
            ("Setări cookie-uri", "common.widget-label"),
            ("Distribuie pe Facebook", "common.widget-label"),
            ("Copiază link", "common.widget-label"),
            ("Acceptă toate", "common.widget-label"),
            ("Sari la continut", "common.widget-label"),
            ("Caută", "common.widget-label"),
            ("Continua após a publicidade", "common.placeholder-label"),
            ("La suite après cette publicité", "common.placeholder-label"),
            ("Artikel geht weiter nach der Anzeige", "common.placeholder-label"),
            ("Haberin devamı reklamdan sonra", "common.placeholder-label"),
            (
                "Publié le 13 février 2024 à 06h30, modifié à 11h12",
                "common.date-label",
            ),
            (
                "Publicado: 05 de junio de 2024 - 20:14 hrs | Actualizado: 05 de junio de 2024 - 22:40 hrs",
                "common.date-label",
            ),
            ("Jetzt anmelden", "common.widget-label"),
            ("Je m'abonne", "common.widget-label"),
            ("Subscrever", "common.widget-label"),
            (
                "Acest site folosește cookie-uri pentru a-ți oferi o experiență mai bună.",
                "common.cookie-notice",
            ),
            (
                "Citește și: Un pod nou peste râu a fost aprobat",
                "common.read-also",
            ),
            ("Citeşte şi: Podul a fost aprobat", "common.read-also"),
            ("Citeste si: Podul a fost aprobat", "common.read-also"),
        ],
    );
    // A sentence that opens with the same words is the article's.
    assert_traps_stay(&[
        "Citește și raportul complet al comisiei, publicat marți pe site.",
        "La suite après cette publicité a fait scandale, selon le ministre.",
    ]);
}

#[test]
fn common_rules_cover_japanese_korean_and_chinese_chrome_and_share_bars() {
    // Between two paragraphs of the article.
    assert_each_removed_at(
        2,
        &EN_ARTICLE,
        &[
            ("ログイン", "common.cjk-widget-label"),
            ("会員登録（無料）", "common.cjk-widget-label"),
            ("この記事をシェアする", "common.cjk-widget-label"),
            ("LINEで送る", "common.cjk-widget-label"),
            ("この記事は約4分で読めます", "common.cjk-widget-label"),
            ("회원가입", "common.cjk-widget-label"),
            ("기사 공유하기", "common.cjk-widget-label"),
            ("링크 복사", "common.cjk-widget-label"),
            ("글자 크기 설정", "common.cjk-widget-label"),
            ("댓글 12", "common.cjk-widget-label"),
            ("分享到微信", "common.cjk-widget-label"),
            ("입력 2024.06.03 15:21", "common.cjk-date-line"),
            ("2024.05.10", "common.cjk-date-line"),
            ("2024年2月21日 19時05分", "common.cjk-date-line"),
            ("公開日：2024年5月10日", "common.cjk-date-line"),
            ("发布时间：2024-05-10 10:30", "common.cjk-date-line"),
            ("김소연 기자", "common.cjk-byline"),
            ("박지훈 기자 pjh@example.kr", "common.cjk-byline"),
            ("文・写真：森川ゆかり", "common.cjk-byline"),
        ],
    );
    // A bar of share buttons on one line, in any language.
    assert_each_removed_at(
        2,
        &EN_ARTICLE,
        &[
            ("Facebook Twitter LinkedIn", "common.share-bar"),
            ("Email • Twitter", "common.share-bar"),
            ("Paylaş:  Facebook  Twitter  WhatsApp", "common.share-bar"),
            (
                "Compartir en Facebook   X   WhatsApp   Copiar enlace",
                "common.share-bar",
            ),
        ],
    );
    assert_traps_stay(&["Facebook and X removed the posts after the council complained."]);
    // A related box in brackets takes the links under it, arrows for bullets.
    let article = EN_ARTICLE.join("\n");
    let doc = format!("{article}\n[관련기사]\n▶ 새 다리 승인\n▶ 여객선 요금 인상\n");
    assert_cleaned_to(
        &doc,
        &format!("{article}\n"),
        "▶ 여객선 요금 인상",
        "common.read-also",
    );
    // Sentences that hold the words are no widgets (the heuristics judge them, in this English
    // page, but the rules leave them alone).
    let (_, removed) = clean(&format!(
        "{article}\n{}\n",
        [
            "ログインしなくても記事の一部は読めるが、全文は会員だけが読める。",
            "김소연 기자는 이날 현장에서 주민들의 이야기를 들었다.",
            "2024年2月21日、市は路線バスの減便を発表した。",
            "입력된 자료는 2024.06.03 이후 공개된다.",
        ]
        .join("\n")
    ));
    assert!(
        removed.iter().all(|(_, rule)| !rule.starts_with("common.")),
        "{removed:?}"
    );
}
