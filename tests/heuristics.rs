//! The heuristic stage on small synthetic documents: page chrome around an article goes, the
//! article (with its short sub-headings) stays, a page without chrome comes back unchanged, rule
//! files switch the stage off, and a bad `[heuristics]` table is reported with its place.

use clean::builtin;
use clean::{Cleaned, RuleSet, RuleSource, Zone};

const P1: &str = "The city council voted on Tuesday to extend the night bus service to the \
                  northern districts, after a year in which the number of passengers on the \
                  late routes grew by more than a third.";
const P2: &str = "Members of the transport committee said that the extension would be paid for \
                  by the savings from the new ticket system, and that the first routes could be \
                  running before the end of the summer.";
const P3: &str = "Residents of the northern districts have asked for the service for years. Many \
                  of them work in hospitals and hotels, where shifts end long after the last bus \
                  has left the centre of the city.";
const P4: &str = "The council will publish the new timetable in the spring, and it has promised \
                  to review the routes again after six months to see whether they are used as \
                  much as the planners expect.";

fn page(lines: &[&str]) -> String {
    lines.join("\n") + "\n"
}

/// The article's four paragraphs with `middle` between the second and the third.
fn around<'a>(middle: &[&'a str]) -> Vec<&'a str> {
    [&[P1, "", P2, ""][..], middle, &["", P3, "", P4]].concat()
}

/// A page: a menu, [`around`]`(middle)`, and a footer of share links and a copyright line.
fn framed(middle: &[&str]) -> String {
    let chrome = ["* Home", "* Recipes", "© 2024 Example Media Group", ""];
    let footer = ["", "* Facebook", "* Twitter", "© 2024 Example Media Group"];
    page(&[&chrome[..], &around(middle), &footer].concat())
}

fn names(rules: &RuleSet, cleaned: &Cleaned) -> Vec<(usize, Zone, String)> {
    cleaned
        .removals
        .iter()
        .map(|r| (r.line, r.zone, rules.rule(r.rule).name.clone()))
        .collect()
}

/// The shipped heuristics alone (no rule packs, so every removal is the heuristics' own), plus `extra`.
fn shipped_heuristics_with(extra: &str) -> RuleSet {
    let mut sources: Vec<RuleSource> = builtin::sources()
        .into_iter()
        .filter(|s| s.name.ends_with("/heuristics.toml"))
        .collect();
    assert_eq!(sources.len(), 1, "the shipped heuristics file");
    sources.push(RuleSource::new("extra.toml", extra));
    RuleSet::from_sources(&sources).expect("rules compile")
}

/// A news page as a scraper dumps it: a menu, the article, then teasers, links and a copyright.
fn chrome_page() -> String {
    page(&[
        "* Home",
        "* World",
        "* Business",
        "* Sport",
        "Subscribe",
        "* Culture",
        "* Travel",
        "Sign in",
        "",
        "Council extends night buses to the north",
        "",
        P1,
        "",
        P2,
        "",
        "What the money pays for",
        "",
        P3,
        "",
        P4,
        "",
        "Share this article",
        "* Facebook",
        "* Twitter",
        "* Email",
        "More from Local news",
        "* Why the ferry to the islands keeps running late",
        "* Ten parks to visit before the end of the summer",
        "* New cycle lanes open in the old town next week",
        "Privacy policy | Terms of use | Contact us",
        "© 2024 Example Media Group. All rights reserved.",
    ])
}

#[test]
fn chrome_goes_and_the_article_stays() {
    let rules = shipped_heuristics_with("");
    let cleaned = rules.clean(&chrome_page());
    // The headline after the menu stays: a line of a few words right before the lead.
    let expected = format!(
        "Council extends night buses to the north\n\n\
         {P1}\n\n{P2}\n\nWhat the money pays for\n\n{P3}\n\n{P4}\n",
        P1 = P1,
        P2 = P2,
        P3 = P3,
        P4 = P4
    );
    assert_eq!(cleaned.text, expected);
    let removed = names(&rules, &cleaned);
    assert!(removed
        .iter()
        .all(|(_, _, name)| name.starts_with("heuristic.")));
    // The menu stands before the main block, the teasers and links after it.
    assert!(removed.contains(&(1, Zone::Header, "heuristic.outside-main-block".into())));
    assert!(removed.contains(&(31, Zone::Footer, "heuristic.copyright".into())));
    assert!(removed
        .iter()
        .any(|(line, zone, _)| *line == 27 && *zone == Zone::Footer));
}

#[test]
fn short_sub_heading_between_paragraphs_is_kept() {
    let rules = shipped_heuristics_with("");
    let text = page(&[P1, "", "A long wait", "", P2, "", P3]);
    assert_eq!(rules.clean(&text).text, text);
}

#[test]
fn short_line_between_menu_lines_is_dropped() {
    let rules = shipped_heuristics_with("");
    let text = page(&[
        P1,
        "",
        P2,
        "",
        P3,
        "",
        "* Weather",
        "* Traffic",
        "Latest news",
        "* Events",
        "* Jobs",
    ]);
    let cleaned = rules.clean(&text);
    assert_eq!(cleaned.text, page(&[P1, "", P2, "", P3]));
    let latest = names(&rules, &cleaned)
        .into_iter()
        .find(|(line, _, _)| *line == 9)
        .expect("the short line is removed");
    assert_eq!(latest.1, Zone::Footer);
    assert!(latest.2.starts_with("heuristic."));
}

#[test]
fn a_short_line_inside_a_list_in_the_body_goes_with_its_context() {
    let rules = shipped_heuristics_with("");
    // Two runs of prose with a link bar between them, inside the main block: the line without
    // words is boilerplate, and the short labels next to it go with it.
    let text = page(&[
        P1,
        P2,
        "Read more",
        "Follow us on social media",
        "!!!",
        P3,
        P4,
    ]);
    let cleaned = rules.clean(&text);
    assert!(cleaned.text.contains(P1) && cleaned.text.contains(P4));
    assert!(!cleaned.text.contains("!!!"));
    let short = "heuristic.short-in-boilerplate".to_string();
    assert_eq!(
        names(&rules, &cleaned),
        vec![
            (3, Zone::Sidebar, short.clone()),
            (4, Zone::Sidebar, short),
            (5, Zone::Sidebar, "heuristic.no-words".to_string()),
        ]
    );
}

#[test]
fn document_without_boilerplate_is_unchanged() {
    let rules = shipped_heuristics_with("");
    let text = page(&[
        "Council extends night buses to the north",
        "",
        P1,
        "",
        P2,
        "",
        P3,
    ]);
    let cleaned = rules.clean(&text);
    assert_eq!(cleaned.text, text);
    assert!(cleaned.removals.is_empty());
}

#[test]
fn document_in_another_language_uses_its_stopwords() {
    let rules = shipped_heuristics_with("");
    let p = "Hội đồng thành phố đã quyết định mở rộng tuyến xe buýt đêm tới các quận phía bắc, \
             sau một năm mà số hành khách trên các tuyến muộn tăng hơn một phần ba.";
    let q = "Các thành viên của ủy ban giao thông cho biết việc mở rộng sẽ được chi trả bằng \
             khoản tiết kiệm từ hệ thống vé mới, và những tuyến đầu tiên có thể chạy trước mùa hè.";
    let text = page(&["* Trang chủ", "* Thời sự", "* Thể thao", "", p, "", q]);
    assert_eq!(rules.clean(&text).text, page(&[p, "", q]));
}

#[test]
fn a_sentence_too_short_to_show_missing_stopwords_stays() {
    // Korean writes most function words as endings and particles of other words, so its list
    // matches few of a sentence's words: the third paragraph matches none, which proves nothing
    // at this page's density. Judged by its stopwords anyway, it would go.
    let body = [
        "시의회는 화요일 심야 버스 노선을 북부 지역까지 연장하기로 결정했다. 지난 한 해 동안 \
         늦은 시간 승객 수가 크게 늘었고, 그리고 이용자 만족도 또한 높아졌다.",
        "교통위원회 위원들은 새 교통카드 시스템에서 절감한 비용으로 연장 운행 비용을 충당할 수 \
         있다고 밝혔다. 첫 노선은 여름이 끝나기 전에 운행을 시작할 수 있다.",
        "북부 지역 주민들은 오래전부터 심야 버스를 요구해 왔다. 병원과 호텔에서 일하는 주민들은 \
         마지막 버스가 떠난 뒤에야 근무를 마친다.",
        "시는 봄에 새 시간표를 발표하고, 6개월 뒤 노선 이용 실적을 다시 검토할 예정이며 그 결과에 \
         따라 배차 간격도 조정할 수 있다.",
    ];
    let text = page(&[&["* 홈", "* 뉴스", "* 스포츠", "로그인", ""][..], &body].concat());
    assert_eq!(shipped_heuristics_with("").clean(&text).text, page(&body));
    let strict = shipped_heuristics_with("[heuristics]\nstopword_evidence = 0\n");
    assert!(!strict.clean(&text).text.contains("오래전부터"));
}

#[test]
fn a_dutch_or_turkish_page_is_read_with_its_own_stopwords() {
    // Read with another language's list (English shares a few words with Dutch), the short
    // last sentence would have too few stopwords and go. Each page: menu, article, links.
    let rules = shipped_heuristics_with("");
    let pages: [[&[&str]; 3]; 2] = [
        [
            &["Home", "Nieuws", "Sport", "Inloggen"],
            &[
                "Gemeente verlengt nachtbussen naar het noorden",
                "De gemeenteraad heeft dinsdag besloten om de nachtbussen door te laten rijden \
                 naar de noordelijke wijken, nadat het aantal reizigers op de late lijnen met meer \
                 dan een derde was gegroeid.",
                "Leden van de vervoerscommissie zeiden dat de uitbreiding wordt betaald uit de \
                 besparingen van het nieuwe kaartsysteem, en dat de eerste lijnen voor het einde \
                 van de zomer kunnen rijden.",
                "Bewoners van de noordelijke wijken vragen al jaren om de dienst. Velen van hen \
                 werken in ziekenhuizen en hotels, waar diensten pas eindigen als de laatste bus \
                 al is vertrokken.",
                "Het aantal reizigers steeg vorig jaar met een derde.",
            ],
            &[
                "Meest gelezen",
                "Veerpont vaart weer met vertraging",
                "Nieuwe fietspaden in het centrum open",
                "Colofon   Contact   Adverteren   Privacy",
            ],
        ],
        [
            &["Ana Sayfa", "Gündem", "Spor", "Giriş Yap"],
            &[
                "Belediye gece otobüslerini kuzey ilçelerine uzatıyor",
                "Belediye meclisi salı günü yaptığı toplantıda gece otobüs seferlerinin kuzey \
                 ilçelerine kadar uzatılmasına karar verdi.",
                "Ulaşım komisyonu üyeleri, yeni seferlerin bilet sistemindeki tasarruflarla \
                 karşılanacağını ve ilk hatların yaz sonundan önce hizmete girebileceğini söyledi.",
                "Kuzey ilçelerinde yaşayanlar bu hizmeti yıllardır talep ediyordu, çünkü birçoğu \
                 son otobüs kalktıktan sonra biten vardiyalarda çalışıyor.",
                "Yolcu sayısı geçen yıl üçte birden fazla arttı.",
            ],
            &[
                "İlgili Haberler",
                "Metro hattı için ihale tarihi belli oldu",
                "Köprü geçiş ücretlerine yeni düzenleme",
                "Künye   İletişim   Reklam   Gizlilik Politikası",
            ],
        ],
    ];
    for [menu, body, links] in pages {
        let text = page(&[menu, body, links].concat());
        assert_eq!(rules.clean(&text).text, page(body), "{}", body[0]);
    }
}

#[test]
fn a_hungarian_or_greek_page_is_read_with_its_own_stopwords() {
    // Between two paragraphs, a teaser with no stopword at all goes. Greek shares no word with
    // another list: without its own, the page would have no language, and the teaser, as long
    // as a paragraph, would stay.
    let rules = shipped_heuristics_with("");
    let pages: [[&[&str]; 4]; 2] = [
        [
            &["Címlap", "Belföld", "Sport", "Bejelentkezés"],
            &[
                "Meghosszabbítják az éjszakai buszjáratokat az északi kerületekig",
                "A városi közgyűlés kedden úgy döntött, hogy az éjszakai buszok ezentúl az északi \
                 kerületekig is eljutnak, mivel az utasok száma az elmúlt évben több mint \
                 egyharmadával nőtt.",
                "A közlekedési bizottság tagjai szerint a bővítést az új jegyrendszer \
                 megtakarításaiból fizetik, és az első járatok még a nyár vége előtt \
                 elindulhatnak.",
            ],
            &[
                "Az északi kerületek lakói évek óta kérik a szolgáltatást, mert sokan közülük \
                 kórházakban és szállodákban dolgoznak, ahol a műszak csak az utolsó busz után ér \
                 véget.",
                "Az utasok száma tavaly egyharmaddal nőtt, és a járatok is zsúfoltak.",
            ],
            &[
                "Budapesti Közlekedési Központ: Menetrendváltozás Hétfőtől, Villamospótló Buszok \
                 Óbudán, Csepelen, Újpesten",
                "Legolvasottabb",
                "Újra késik a komp",
                "Impresszum   Kapcsolat   Hirdetés   Adatvédelem",
            ],
        ],
        [
            &["Αρχική", "Ειδήσεις", "Αθλητισμός", "Σύνδεση"],
            &[
                "Ο δήμος επεκτείνει τα νυχτερινά λεωφορεία στις βόρειες συνοικίες",
                "Το δημοτικό συμβούλιο αποφάσισε την Τρίτη να επεκτείνει τη νυχτερινή γραμμή \
                 λεωφορείων στις βόρειες συνοικίες, μετά από μια χρονιά κατά την οποία ο αριθμός \
                 των επιβατών αυξήθηκε κατά περισσότερο από ένα τρίτο.",
                "Τα μέλη της επιτροπής συγκοινωνιών είπαν ότι η επέκταση θα πληρωθεί από τις \
                 εξοικονομήσεις του νέου συστήματος εισιτηρίων και ότι οι πρώτες γραμμές θα \
                 μπορούσαν να λειτουργούν πριν από το τέλος του καλοκαιριού.",
            ],
            &[
                "Οι κάτοικοι των βόρειων συνοικιών ζητούν την υπηρεσία εδώ και χρόνια, γιατί \
                 πολλοί από αυτούς εργάζονται σε νοσοκομεία και ξενοδοχεία, όπου οι βάρδιες \
                 τελειώνουν αφού έχει φύγει το τελευταίο λεωφορείο.",
                "Ο αριθμός των επιβατών αυξήθηκε πέρσι κατά ένα τρίτο.",
            ],
            &[
                "Δημοτική Συγκοινωνία Αθηνών: Νέα Δρομολόγια, Νέες Γραμμές, Νέες Στάσεις Από \
                 Δευτέρα Παντού",
                "Δημοφιλή",
                "Καθυστερήσεις ξανά στο πορθμείο",
                "Ταυτότητα   Επικοινωνία   Διαφήμιση   Απόρρητο",
            ],
        ],
    ];
    for [menu, first, rest, after] in pages {
        let (teaser, links) = after.split_first().expect("a teaser");
        let text = page(&[menu, first, &[teaser], rest, links].concat());
        let kept = page(&[first, rest].concat());
        assert_eq!(rules.clean(&text).text, kept, "{}", first[0]);
    }
}

#[test]
fn a_rule_file_switches_the_heuristics_off() {
    let text = chrome_page();
    let off = shipped_heuristics_with("[heuristics]\nenabled = false\n");
    let cleaned = off.clean(&text);
    assert_eq!(cleaned.text, text);
    assert!(cleaned.removals.is_empty());
}

#[test]
fn replacing_the_rules_runs_no_heuristics_unless_asked() {
    let text = chrome_page();
    let own = "[[header]]\nname = \"x.menu\"\npattern = '^\\* '\n";
    let plain = RuleSet::from_sources(&[RuleSource::new("own.toml", own)]).unwrap();
    assert!(plain.clean(&text).text.contains("Share this article"));

    let with = format!("{own}\n[heuristics]\n");
    let on = RuleSet::from_sources(&[RuleSource::new("own.toml", with)]).unwrap();
    let cleaned = on.clean(&text);
    assert!(!cleaned.text.contains("Share this article"));
    assert!(cleaned.text.contains(P4));
    // The menu goes to the header rule, which runs first.
    assert_eq!(on.rule(cleaned.removals[0].rule).name, "x.menu");
}

#[test]
fn a_file_with_only_heuristics_is_a_rule_set() {
    let set = RuleSet::from_sources(&[RuleSource::new("h.toml", "[heuristics]\n")]).unwrap();
    assert!(!set.clean(&chrome_page()).text.contains("Sign in"));
}

#[test]
fn the_last_table_admitting_the_document_decides() {
    let text = chrome_page();
    // Off only for documents that mention ferries: this page does.
    let scoped =
        shipped_heuristics_with("[scope]\ntext = 'ferry'\n\n[heuristics]\nenabled = false\n");
    assert_eq!(scoped.clean(&text).text, text);
    let elsewhere =
        shipped_heuristics_with("[scope]\ntext = 'tram'\n\n[heuristics]\nenabled = false\n");
    assert_ne!(elsewhere.clean(&text).text, text);
}

#[test]
fn tuning_changes_the_judgement() {
    let text = page(&[P1, "", "A long wait", "", P2]);
    // With a huge length bound every line is short and nothing is prose.
    let strict = shipped_heuristics_with("[heuristics]\nlen_low = 1000\nlen_high = 1000\n");
    assert_eq!(strict.clean(&text).text, "");
}

fn error_of(text: &str) -> String {
    RuleSet::from_sources(&[RuleSource::new("h.toml", text)])
        .unwrap_err()
        .to_string()
}

#[test]
fn bad_heuristics_keys_are_reported_with_their_place() {
    assert_eq!(
        error_of("[heuristics]\nenabled = true\nblock_cots = 40\n")
            .split(',')
            .next()
            .unwrap(),
        "h.toml:3:1: unknown field `block_cots`"
    );
    assert_eq!(
        error_of("[heuristics]\nstopword_ratio = 1.5\n"),
        "h.toml:2:18: stopword_ratio must lie between 0 and 1"
    );
    assert_eq!(
        error_of("[heuristics]\nstopword_evidence = -1.0\n"),
        "h.toml:2:21: stopword_evidence must be 0 or more"
    );
    assert!(error_of("[heuristics]\nlanguages = [\"en\", \"xx\"]\n")
        .starts_with("h.toml:2:20: no built-in stopword list `xx`"));
    assert!(error_of("[heuristics]\nlen_high = \"long\"\n").starts_with("h.toml:2:12: "));
    assert!(error_of("[heuristics]\nlen_low = 200\nlen_high = 100\n")
        .starts_with("h.toml:2:11: len_low must not exceed len_high"));
    let missing = error_of("[heuristics.stopwords]\nxx = \"missing.txt\"\n");
    assert!(
        missing.starts_with("h.toml:2:6: cannot read stopword list"),
        "{missing}"
    );
    assert!(
        error_of("[[header]]\nname = \"heuristic.x\"\npattern = 'x'\n")
            .starts_with("h.toml:2:8: rule names starting with `heuristic.` are reserved")
    );
}

#[test]
fn own_stopword_list_is_read_beside_the_rule_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("xx.txt"), "the\nof\n").unwrap();
    let file = dir.path().join("h.toml");
    let text = "[heuristics]\nlanguages = []\n[heuristics.stopwords]\nxx = \"xx.txt\"\n";
    std::fs::write(&file, text).unwrap();
    let sources = RuleSet::read_sources(&file).unwrap();
    let set = RuleSet::from_sources(&sources).unwrap();
    let cleaned = set.clean(&chrome_page());
    assert!(cleaned.text.contains(P1));
    assert!(!cleaned.text.contains("Sign in"));
}

#[test]
fn a_table_between_paragraphs_is_kept_and_one_among_menus_goes() {
    let rules = shipped_heuristics_with("");
    // Rows as text dumps of HTML tables lay them out: cells set apart by runs of spaces, or, as
    // some converters write them, by " | " (with bars at the ends or not). Their few stopwords
    // would make each row bad on its own, and their length would weigh against the paragraph
    // after them in the search for the main block.
    let spaced = [
        "Pos  Player          Plays  %     Stats",
        "LB   Joe Schobert    74     100%  7 tackles, 3 assists (10 combined). 1 sack, 2 TFL.",
        "LB   Mack Wilson     74     100%  1 tackle, 4 assists (5 combined). 1 pass defended.",
        "LB   Sione Takitaki  6      8%    No stats registered.",
    ];
    let barred = [
        "Display | 6.7-inch OLED, 3120 x 1440, 120Hz",
        "Battery | 5,500mAh, 80W wired, 50W wireless charging",
        "Cameras | 50MP main, 48MP ultrawide, 12MP telephoto",
        "Weight | 221g",
    ];
    let framed: Vec<String> = barred.iter().map(|row| format!("| {row} |")).collect();
    let framed: Vec<&str> = framed.iter().map(String::as_str).collect();
    for table in [&spaced[..], &barred, &framed] {
        let mut lines = vec!["* Home", "* Sport", "* Teams", "", P1, "", P2, ""];
        lines.extend(table);
        lines.extend(["", P3, "", "© 2024 Example Media Group"]);
        let cleaned = rules.clean(&page(&lines));
        assert_eq!(
            cleaned.text,
            page(&lines[4..lines.len() - 2]),
            "{}",
            table[0]
        );

        // The same rows among menu lines take the menu's side.
        let mut lines = vec![P1, "", P2, "", P3, "", "* Scores", "* Standings"];
        lines.extend(table);
        lines.extend(["* Schedule", "* Tickets"]);
        let cleaned = rules.clean(&page(&lines));
        assert_eq!(cleaned.text, page(&[P1, "", P2, "", P3]), "{}", table[0]);
    }
}

#[test]
fn bars_of_links_set_apart_by_wide_gaps_are_no_table() {
    let rules = shipped_heuristics_with("");
    // A consent notice and bars of links and buttons, each on one line with its entries set apart
    // by runs of spaces, as a dump of a page's header lays them out: rows, but none next to a
    // row of about as many cells, so no table, and chrome that the article does not grow over.
    let header = [
        "We and our partners use cookies to store and access information on your device, to measure and improve our service.",
        "Accept all   Reject   Settings",
        "Today's edition   Subscribe   Sign in",
        "News  Politics  Business  World  Culture  Sport  Opinion  Podcasts  Local",
        "",
    ];
    let article = [
        "Council extends night buses to the north",
        "",
        P1,
        "",
        P2,
        "",
        P3,
    ];
    let text = page(&[&header[..], &article].concat());
    assert_eq!(rules.clean(&text).text, page(&article));
}

#[test]
fn prose_with_two_spaces_after_each_sentence_is_no_table() {
    let rules = shipped_heuristics_with("");
    // Lines of two-space-separated sentences would be "rows" if a gap after a full stop parted
    // cells: all undecided, with nothing decided around them, the article would be lost.
    let q1 = format!("{P3}  {P1}  {P2}").replace(". ", ".  ");
    let q2 = format!("{P4}  {P2}  {P1}");
    let text = page(&[&q1, "", &q2]);
    assert!(q1.matches(".  ").count() >= 3);
    assert_eq!(rules.clean(&text).text, text);
}

/// Headlines of other articles, as a "more stories" block lists them: near-good lines on their
/// own (long enough, prose-like stopwords), but none ends like a sentence.
const TEASERS: [&str; 3] = [
    "Why the ferry to the islands keeps running late in the winter months",
    "Ten parks in the city that are worth a visit before the end of the summer",
    "The new cycle lanes in the old town will open to riders early next week",
];

#[test]
fn a_run_of_headlines_after_the_article_goes() {
    let mut lines = vec![P1, "", P2, "", P3, ""];
    lines.extend(TEASERS);
    let text = page(&lines);
    let cleaned = shipped_heuristics_with("").clean(&text);
    assert_eq!(cleaned.text, page(&[P1, "", P2, "", P3]));

    // Switched off, the same lines are near-good next to the article, and stay.
    let off = shipped_heuristics_with("[heuristics]\ntitle_run = 0\n");
    assert_eq!(off.clean(&text).text, text);
}

#[test]
fn sub_headings_between_paragraphs_are_no_run_of_headlines() {
    let rules = shipped_heuristics_with("");
    let [a, b, c] = TEASERS;
    let text = page(&[P1, "", a, "", P2, "", b, "", P3, "", c, "", P4]);
    assert_eq!(rules.clean(&text).text, text);
}

#[test]
fn a_headline_apart_from_the_lead_by_a_byline_and_a_label_stays_alone() {
    let headline = "Council extends night buses to the north";
    let body = [P1, "", P2, "", P3];
    let under = |between: &[&str]| page(&[&[headline], between, &body].concat());
    let text = under(&["Jane Smith", "Listen", "Text size"]);
    let rules = shipped_heuristics_with("");
    assert_eq!(rules.clean(&text).text, under(&[]));

    // A line of more words between them is no byline or label: the headline is not taken.
    let other = under(&["Share this story with your friends:"]);
    assert_eq!(rules.clean(&other).text, page(&body));

    // Switched off, the headline goes with the lines under it.
    let off = shipped_heuristics_with("[heuristics]\nhead_gap = 0\n");
    assert_eq!(off.clean(&text).text, page(&body));
}

#[test]
fn a_headline_after_the_menu_stays_and_metadata_in_its_place_goes() {
    let menu = [
        "* Home",
        "* World",
        "* Business",
        "Sign in",
        "Local > Transport",
        "Buses",
    ];
    let body = [P1, "", P2, "", P3];
    let text = |before: &[&str]| page(&[&menu[..], before, &body].concat());
    let rules = shipped_heuristics_with("");
    let headline = "Council extends night buses to the north";
    assert_eq!(
        rules.clean(&text(&[headline])).text,
        page(&[&[headline], &body[..]].concat())
    );
    // A label of a few words may stand between it and the lead.
    assert_eq!(
        rules.clean(&text(&[headline, "Transport news"])).text,
        page(&[&[headline], &body[..]].concat())
    );
    // Credits, datelines, labels and enumerations in the same place are no headline.
    for line in [
        "Jane Smith | Example Photo Agency | Archive",
        "March 12, 2025 / 2:37 PM / Example News",
        "Updated 12/03/2025 by the city desk",
        "Estimated reading time: four minutes",
        "Ana Lima, Jon Berg, Eva Noor, Tom Reed and Li Wei",
    ] {
        assert_eq!(rules.clean(&text(&[line])).text, page(&body), "{line}");
    }
    // Nor is the last of a run of such lines (teasers).
    let teasers = ["Ferry to the islands keeps running late", headline];
    assert_eq!(rules.clean(&text(&teasers)).text, page(&body));
    // A standfirst under the headline, a longer phrase of prose, stays with it, above a byline.
    let standfirst = "Why the buses stop at the city limits, and what the new routes will change for the people who work at night";
    assert_eq!(
        rules
            .clean(&text(&[headline, standfirst, "Jane Smith"]))
            .text,
        page(&[&[headline, standfirst], &body[..]].concat())
    );
    // A kicker above the headline goes: a few words, or a label and its topic.
    let long_headline = "Council votes to extend the night bus service to the northern districts";
    for kicker in [
        "Transport in the city",
        "City transport: the night buses of the north",
    ] {
        assert_eq!(
            rules
                .clean(&text(&[kicker, long_headline, "Jane Smith"]))
                .text,
            page(&[&[long_headline], &body[..]].concat()),
            "{kicker}"
        );
    }
    // Without head lines, no headline is taken.
    let off = shipped_heuristics_with("[heuristics]\nhead_lines = 0\n");
    assert_eq!(off.clean(&text(&[headline])).text, page(&body));
}

/// A lead made mostly of names: long, but its stopword density falls just under the page's
/// threshold, so on its own it is short (undecided), not bad.
const NAMES_LEAD: &str =
    "BUFFALO, N.Y. — Zach Parise, Bruce Boudreau, Ryan Suter, Jason Zucker and \
                          Matt Dumba of the Minnesota Wild met Jack Eichel, Casey Mittelstadt and \
                          Rasmus Dahlin of the Buffalo Sabres on Tuesday night.";

#[test]
fn prose_full_of_names_next_to_the_article_stays() {
    let (body, notice) = ([P1, "", P2, "", P3], "© 2024 Example Media Group");
    let chrome = ["* Home", "* Sport", notice, ""];
    let text = page(&[&chrome[..], &[NAMES_LEAD, ""], &body, &["", notice]].concat());
    let article = page(&[&[NAMES_LEAD, ""], &body[..]].concat());
    assert_eq!(shipped_heuristics_with("").clean(&text).text, article);
    let off = shipped_heuristics_with("[heuristics]\nweak_prose = false\n");
    assert_eq!(off.clean(&text).text, page(&body));
}

#[test]
fn a_sentence_full_of_names_next_to_the_article_stays_and_a_line_of_names_goes() {
    // Under len_high, but ending like a sentence: prose, however few its stopwords.
    let names = "Zach Parise, Ryan Suter, Jason Zucker and Matt Dumba of the Minnesota Wild met \
                 Rasmus Dahlin on Tuesday";
    let sentence = format!("{names}.");
    let body = [P1, "", P2, "", P3];
    let chrome = ["* Home", "* Sport", "© 2024 Example Media Group", ""];
    let rules = shipped_heuristics_with("");
    // Before the article the sentence is its lead.
    let text = page(&[&chrome[..], &[sentence.as_str(), ""], &body].concat());
    let article = page(&[&[sentence.as_str(), ""], &body[..]].concat());
    assert_eq!(rules.clean(&text).text, article);
    // After it, the sentence ends it and the line of names goes with the chrome under it.
    for (last, kept) in [(sentence.as_str(), true), (names, false)] {
        let text = page(&[&chrome[..], &body, &["", last, ""], &chrome[..2]].concat());
        let article = if kept {
            page(&[&body[..], &["", last]].concat())
        } else {
            page(&body)
        };
        assert_eq!(rules.clean(&text).text, article, "{last}");
    }
    let off = shipped_heuristics_with("[heuristics]\nweak_prose = false\n");
    let text = page(&[&chrome[..], &[sentence.as_str(), ""], &body].concat());
    assert_eq!(off.clean(&text).text, page(&body));
}

#[test]
fn a_list_the_article_announces_does_not_split_it() {
    let items = [
        "- Free cloth bags at every market in June",
        "- Baskets woven by local craftspeople",
        "- Lower stall fees for traders who stop",
        "- Paper bags sold at cost",
        "- Deposits on reusable boxes",
        "- A hotline for complaints",
    ];
    let article = [&[P1, "", P2, "", ANNOUNCING][..], &items, &["", P3, "", P4]].concat();
    let chrome = ["* Home", "* Sport", "© 2024 Example Media Group", ""];
    let footer = ["", "* Facebook", "* Twitter", "© 2024 Example Media Group"];
    let text = page(&[&chrome[..], &article, &footer].concat());
    assert_eq!(
        shipped_heuristics_with("").clean(&text).text,
        page(&article)
    );
    // Not announced (the line before ends like a sentence), the list weighs against the block
    // like a menu, and only the longer part is taken for the article.
    let plain = format!("{}.", ANNOUNCING.trim_end_matches(':'));
    let unannounced = [&[P1, "", P2, "", &plain][..], &items, &["", P3, "", P4]].concat();
    let text = page(&[&chrome[..], &unannounced, &footer].concat());
    assert_eq!(
        shipped_heuristics_with("").clean(&text).text,
        page(&[P1, "", P2, "", &plain])
    );
    // A short line that introduces the list announces it too, when it is a phrase and not a
    // label of a word or two.
    for (intro, announces) in [("The new routes at a glance:", true), ("Routes:", false)] {
        let article = [&[P1, "", P2, "", intro][..], &items, &["", P3, "", P4]].concat();
        let text = page(&[&chrome[..], &article, &footer].concat());
        let kept = if announces {
            page(&article)
        } else {
            page(&[P1, "", P2])
        };
        assert_eq!(
            shipped_heuristics_with("").clean(&text).text,
            kept,
            "{intro}"
        );
    }
    let off = shipped_heuristics_with("[heuristics]\nannounced_lists = false\n");
    let text = page(&[&chrome[..], &article, &footer].concat());
    assert_eq!(off.clean(&text).text, page(&[P1, "", P2, "", ANNOUNCING]));
}

#[test]
fn a_list_of_points_in_prose_does_not_split_the_article_and_a_list_of_headlines_does() {
    // Points of the article under a heading without a colon: long, and full of stopwords.
    let points = [
        "- Why the night buses stopped at the city limits for so many years, and who decided it",
        "- How the new ticket system pays for the extra drivers without raising the fare",
        "- What the residents of the northern districts told the committee at the hearing",
        "- when the first of the new routes will run;",
    ];
    let article = [
        &[P1, "", P2, "", "In this report"][..],
        &points,
        &["", P3, "", P4],
    ]
    .concat();
    let chrome = ["* Home", "* Sport", "© 2024 Example Media Group", ""];
    let footer = ["", "* Facebook", "* Twitter", "© 2024 Example Media Group"];
    let rules = shipped_heuristics_with("");
    let text = page(&[&chrome[..], &article, &footer].concat());
    assert_eq!(rules.clean(&text).text, page(&article));
    // Links to other pages read as headlines: short, ending in no stop or comma.
    let headlines = [
        "- Why the ferry to the island keeps running late",
        "- How the market hall will look after the repairs",
        "- What the new cycle lanes mean for the centre",
        "- When the schools in the north will reopen",
    ];
    let teasers = [
        &[P1, "", P2, "", "In this report"][..],
        &headlines,
        &["", P3, "", P4],
    ]
    .concat();
    let text = page(&[&chrome[..], &teasers, &footer].concat());
    assert_eq!(rules.clean(&text).text, page(&[P1, "", P2]));
}

#[test]
fn a_code_block_the_article_announces_does_not_split_it() {
    // A tutorial: a line ending in a colon, a code block under a button the rules remove, and
    // the explanation after it.
    let rule = "[[sidebar]]\nname = \"site.copy\"\npattern = '^Copy code$'\n";
    let code = [
        "#!/bin/sh",
        "SRC=\"$HOME/\"",
        "DEST=/mnt/backup",
        "LOG=\"$HOME/backup.log\"",
        "rsync -a \"$SRC\" \"$DEST\"",
        "date >> \"$LOG\"",
        "echo done >> \"$LOG\"",
        "exit 0",
    ];
    let intro = "Open a new file in a text editor and paste the following lines into it:";
    let chrome = ["* Home", "* Tutorials", "© 2024 Example Media Group", ""];
    let footer = ["", "* Facebook", "* Twitter", "© 2024 Example Media Group"];
    let text = page(
        &[
            &chrome[..],
            &[P1, "", intro, "", "Copy code"],
            &code,
            &["", P3],
            &footer,
        ]
        .concat(),
    );
    let article = page(&[&[P1, "", intro, ""][..], &code, &["", P3]].concat());
    assert_eq!(shipped_heuristics_with(rule).clean(&text).text, article);
    // Switched off, the code weighs against the block like a menu and cuts the rest off.
    let off = shipped_heuristics_with(&format!("{rule}[heuristics]\nannounced_lists = false\n"));
    assert_eq!(off.clean(&text).text, page(&[P1, "", intro]));
}

#[test]
fn the_steps_of_a_recipe_hold_it_together_across_its_card() {
    // Between the story and the method stands the recipe card, lines of labels and buttons
    // that would cut the method off were its steps, each a sentence, to weigh nothing like the
    // points of a list. (The page is packed, one block a line with no blank lines between.)
    let story = [P1, P2, P3];
    let card = [
        "Print Recipe | Pin Recipe | Rate This Recipe | Save Recipe",
        "Course: Soup | Cuisine: Middle Eastern | Keyword: Lentil Soup",
        "Prep Time: 10 minutes | Cook Time: 30 minutes | Servings: 4",
        "Author: Maura Kinsella | Calories: 320 kcal per serving",
    ];
    let method = [
        "Method",
        "* Heat the oil in a large pot and cook the onion with a pinch of salt until it is soft.",
        "* Stir in the garlic and the spices, and cook them for a minute until they smell sweet.",
        "* Add the lentils and the stock, bring it to the boil and let it simmer for twenty minutes.",
        "* Season the soup with salt and pepper, and loosen it with a little water if it is thick.",
        P4,
    ];
    let chrome = ["* Home", "* Recipes", "© 2024 Example Media Group"];
    let footer = ["* Facebook", "* Twitter", "© 2024 Example Media Group"];
    let text = page(&[&chrome[..], &story, &card, &method, &footer].concat());
    let kept = shipped_heuristics_with("").clean(&text).text;
    // (The heading, a short line between the card and the steps, is judged by its neighbours
    // alone, and goes with the card.)
    assert_eq!(kept, page(&[&story[..], &method[1..]].concat()));
    // Without their full stops the steps read like the headlines of links, and weigh nothing.
    let links = text.replace(". ", " ").replace(".\n", "\n");
    assert!(!shipped_heuristics_with("")
        .clean(&links)
        .text
        .contains("Stir in"));
}

#[test]
fn a_schedule_does_not_split_the_article_and_a_ticker_still_does() {
    let schedule = [
        "Programme",
        "* 10:00 – Doors open, repair tables start",
        "* 10:30 – Kids' corner opens in the small hall",
        "* 12:30 – Soup and bread lunch",
        "* 12:30 – Choir in the garden",
        "* 2pm – Talk: why don't things last",
        "* 16:00 – Close, then thank-you drinks",
    ];
    let text = framed(&schedule);
    let rules = shipped_heuristics_with("");
    assert_eq!(rules.clean(&text).text, page(&around(&schedule)));
    // Switched off, the schedule weighs against the block like a menu and cuts it in two.
    let off = shipped_heuristics_with("[heuristics]\nschedule_lists = false\n");
    assert_eq!(off.clean(&text).text, page(&[P1, "", P2]));
    // The latest headlines, newest first: their times go back, so they are no schedule.
    let ticker = [
        "Latest",
        "* 14:48 Ferry keeps running late",
        "* 14:34 Ten parks to visit this spring",
        "* 14:32 Cycle lanes open soon",
        "* 14:12 Market hall to close",
        "* 14:08 Night buses for the north",
    ];
    assert_eq!(rules.clean(&framed(&ticker)).text, page(&[P1, "", P2]));
}

#[test]
fn a_recipe_card_keeps_its_ingredients_under_its_line_of_times() {
    let card = [
        "Prep Time: 10 mins | Cook Time: 30 mins | Total Time: 40 mins",
        "Ingredients",
        "2 tbsp olive oil",
        "1 large onion, finely chopped",
        "3 garlic cloves, crushed",
        "250 g red lentils, rinsed",
        "Salt and black pepper",
        "Instructions",
    ];
    let text = framed(&card);
    let kept = shipped_heuristics_with("").clean(&text).text;
    // The line of times, with few stopwords, goes; the list under it stays with the article.
    assert_eq!(kept, page(&around(&card[1..])));
    // Without the quantities, the list is judged by its neighbours, and the line above is bad.
    let off = shipped_heuristics_with("[heuristics]\nquantity_lists = false\n");
    assert!(!off.clean(&text).text.contains("olive oil"));
}

#[test]
fn a_list_of_ingredients_does_not_split_the_recipe() {
    let ingredients = [
        "Ingredients",
        "250 g red lentils, rinsed",
        "2 tbsp olive oil",
        "1 large onion, finely chopped",
        "3 garlic cloves, crushed",
        "1.2 litres vegetable stock",
        "Salt and black pepper",
        "½ tsp ground cumin",
        "400 g tin chopped tomatoes",
        "Method",
    ];
    let text = framed(&ingredients);
    let rules = shipped_heuristics_with("");
    assert_eq!(rules.clean(&text).text, page(&around(&ingredients)));
    // Switched off, the list weighs against the block like a menu and cuts it in two.
    let off = shipped_heuristics_with("[heuristics]\nquantity_lists = false\n");
    assert_eq!(off.clean(&text).text, page(&[P1, "", P2]));
    // Numbered 1, 2, 3, ... in order, short lines are a ranking (most read), not quantities.
    let ranking = [
        "Most read",
        "1 Ferry keeps running late",
        "2 Ten parks to visit",
        "3 Cycle lanes open soon",
        "4 Market hall to close",
        "5 Night buses for the north",
        "6 New bridge approved",
        "7 Rents rise again",
        "8 School repairs begin",
    ];
    assert_eq!(rules.clean(&framed(&ranking)).text, page(&[P1, "", P2]));
}

/// A page's menu, its headline and the standfirst under it.
const HEAD: [&str; 6] = [
    "* Home",
    "* News",
    "* Sport",
    "",
    "Council extends night buses",
    STANDFIRST,
];

/// A standfirst: a longer phrase of prose under the headline.
const STANDFIRST: &str = "Passengers in the northern districts have waited years for a late \
                          service, and the council now says that the first routes could run \
                          before the summer.";

#[test]
fn a_standfirst_above_its_byline_and_date_stays_with_the_article_and_they_go() {
    let meta = [
        "By Jane Smith",
        "Transport correspondent",
        "12 March 2024, 18:42",
        "4 min read",
        "Share",
    ];
    let text = page(&[&HEAD[..], &meta, &["", P1, "", P2, "", P3]].concat());
    let kept = page(&[&HEAD[4..], &["", P1, "", P2, "", P3]].concat());
    assert_eq!(shipped_heuristics_with("").clean(&text).text, kept);
}

#[test]
fn a_box_the_rules_removed_between_lead_and_body_does_not_cut_the_lead_off() {
    let rule = "[[sidebar]]\nname = \"site.related\"\npattern = '^Related:$'\nlist_after = true\n";
    let boxed = [
        "Related:",
        "* Night buses to run on three new routes from March",
        "* Council publishes its plan for the northern districts",
        "* Ticket machines to be replaced across the network",
    ];
    let chrome = ["* Home", "* Sport", "© 2024 Example Media Group", ""];
    let body = [P2, "", P3, "", P4];
    let text = page(&[&chrome[..], &[P1, ""], &boxed, &[""], &body].concat());
    let cleaned = shipped_heuristics_with(rule).clean(&text);
    assert!(cleaned.text.starts_with(P1), "{}", cleaned.text);
    assert!(cleaned.text.contains(P4), "{}", cleaned.text);
    assert!(!cleaned.text.contains("Related"), "{}", cleaned.text);
    // The same lines left to the heuristics weigh against the block, and the lead goes.
    let cleaned = shipped_heuristics_with("").clean(&text);
    assert_eq!(cleaned.text, page(&body));
    // So with a box before the last paragraph.
    let text = page(&[&chrome[..], &[P1, "", P2, "", P3, ""], &boxed, &["", P4]].concat());
    let cleaned = shipped_heuristics_with(rule).clean(&text);
    assert!(cleaned.text.starts_with(P1) && cleaned.text.ends_with(&format!("{P4}\n")));
}

/// The article's last paragraph announces a list, and the list follows, numbered in order, each
/// item with a link under it.
const ANNOUNCING: &str = "From March the night buses will run every half hour on three routes, \
                          and the council has published where each of them starts and ends:";
const ROUTES: [&str; 6] = [
    "1) Line N12 Central Station – Northgate",
    "https://example.com/n12",
    "2) Line N14 Harbour – Hill Park",
    "https://example.com/n14",
    "3) Line N17 Old Town – Airport",
    "https://example.com/n17",
];

#[test]
fn a_numbered_list_the_article_announces_stays() {
    fn article<'a>(last: &'a str, routes: &[&'a str]) -> Vec<&'a str> {
        [&[P1, "", P2, "", last], routes].concat()
    }
    let footer = [
        "Share this article",
        "* Facebook",
        "* Twitter",
        "© 2024 Example Media",
    ];
    let with_footer = |lines: Vec<&str>| page(&[&lines[..], &footer[..]].concat());
    let rules = shipped_heuristics_with("");
    let text = with_footer(article(ANNOUNCING, &ROUTES));
    assert_eq!(rules.clean(&text).text, page(&article(ANNOUNCING, &ROUTES)));

    // Not announced, the same list is links after the article.
    let unannounced = ANNOUNCING.replace(':', ".");
    let text = with_footer(article(&unannounced, &ROUTES));
    assert_eq!(rules.clean(&text).text, page(&article(&unannounced, &[])));

    // Numbered out of order, it is no list of the article's.
    let mut shuffled = ROUTES;
    shuffled.swap(2, 4);
    let text = with_footer(article(ANNOUNCING, &shuffled));
    assert_eq!(rules.clean(&text).text, page(&article(ANNOUNCING, &[])));

    // When the items are not followed by the same number of lines, none are kept after the last.
    let uneven = [ROUTES[0], ROUTES[1], ROUTES[2], ROUTES[4], ROUTES[5]];
    let text = with_footer(article(ANNOUNCING, &uneven));
    assert_eq!(
        rules.clean(&text).text,
        page(&article(ANNOUNCING, &uneven[..4]))
    );

    // Switched off, the list goes.
    let off = shipped_heuristics_with("[heuristics]\nannounced_lists = false\n");
    let text = with_footer(article(ANNOUNCING, &ROUTES));
    assert_eq!(off.clean(&text).text, page(&article(ANNOUNCING, &[])));
}

#[test]
fn an_interview_goes_on_in_its_speakers_labels_after_the_long_answers() {
    let q1 = "Q: What did the council promise the residents of the northern districts when the \
              night buses were first proposed three years ago?";
    let a1 = "A: It promised a service that runs every half hour until two in the morning, paid \
              for by the savings from the new ticket system, and a review of the routes after \
              the first six months.";
    let q2 = "Q: And has the review shown that people use the late routes as much as the \
              planners expected when they drew up the timetable?";
    let a2 = "A: More than that. The number of passengers on the late routes grew by more than a \
              third, most of them nurses and hotel staff whose shifts end after midnight.";
    let quick = [
        "Q: Favourite route?",
        "A: The 42 along the river",
        "Q: Best stop?",
        "A: Market Square",
    ];
    let interview = [P1, "", q1, "", a1, "", q2, "", a2, ""];
    let footer = [
        "",
        "Share this article",
        "* Facebook",
        "* Twitter",
        "© 2024 Example Media",
    ];
    let text = page(&[&interview[..], &quick, &footer].concat());
    let kept = page(&[&interview[..9], &[""], &quick].concat());
    assert_eq!(shipped_heuristics_with("").clean(&text).text, kept);
    // Switched off, the quick questions look like a menu and go.
    let off = shipped_heuristics_with("[heuristics]\nexchanges = false\n");
    assert_eq!(off.clean(&text).text, page(&interview[..9]));
    // Labels the article does not use twice do not carry it on: comments under an article.
    let comments = ["Jane: Great news for us", "Tom: About time", "Jane: Agreed"];
    let article = [P1, "", P2, "", P3, ""];
    let text = page(&[&article[..], &comments, &footer].concat());
    assert_eq!(
        shipped_heuristics_with("").clean(&text).text,
        page(&article[..5])
    );
}

#[test]
fn a_long_line_full_of_names_inside_the_article_does_not_split_it() {
    // Longer than the paragraphs after it: weighed as chrome, it would cut them off.
    let names = [NAMES_LEAD; 3].join(" ");
    let chrome = ["* Home", "* Sport", "© 2024 Example Media Group", ""];
    let article = [P1, "", P2, "", &names, "", P3, "", P4];
    let text = page(&[&chrome[..], &article, &["", "* Facebook", "* Twitter"]].concat());
    assert_eq!(
        shipped_heuristics_with("").clean(&text).text,
        page(&article)
    );
    let off = shipped_heuristics_with("[heuristics]\nweak_prose = false\n");
    assert_eq!(off.clean(&text).text, page(&[P1, "", P2]));
}

#[test]
fn a_question_asked_of_each_guest_stays_and_a_repeated_link_line_goes() {
    // The same words twice make a line bad unless it ends like a sentence; then it takes the
    // class of its neighbours.
    let question = "What made you start cooking for other people in the first place?";
    let link = "Read the latest stories from the city desk and the sports desk";
    let mut article = vec![P1];
    for answer in [P2, P3, P4] {
        article.extend(["", question, "", answer]);
    }
    let chrome = ["* Home", "* Sport", link, ""];
    let text = page(&[&chrome[..], &article, &["", link, "* Facebook"]].concat());
    let rules = shipped_heuristics_with("");
    let cleaned = rules.clean(&text);
    assert_eq!(cleaned.text, page(&article));
    let removed = names(&rules, &cleaned);
    let line = chrome.len() + article.len() + 2;
    assert!(
        removed.contains(&(line, Zone::Footer, "heuristic.repeated-line".to_string())),
        "{removed:?}"
    );
    let off = shipped_heuristics_with("[heuristics]\nrepeated_lines = false\n");
    assert!(!names(&off, &off.clean(&text))
        .iter()
        .any(|(_, _, name)| name == "heuristic.repeated-line"));
}

/// Teasers with their summaries: sentences as long and as full of stopwords as the article's.
const SUMMARIES: [&str; 4] = [
    "Ferry fares rise again as the city looks for money to repair the old pier, and the operator says that the timetable will not change before the summer.",
    "New cycle lanes open in the old town next week, after a year of work that closed two of the busiest streets to cars and angered some of the shop owners.",
    "The hospital on the hill will open a new wing for children in the spring, and the health board says that it will need forty more nurses to run it.",
    "Schools in the northern districts will get new buses from the autumn, which the parents have asked for since the old routes were cut three years ago.",
];

#[test]
fn a_packed_run_of_teasers_under_a_spaced_article_goes() {
    let article = [P1, "", P2, "", P3, "", P4];
    let text = page(&[&article[..], &["", "Other stories"], &SUMMARIES].concat());
    let rules = shipped_heuristics_with("");
    assert_eq!(rules.clean(&text).text, page(&article));
    // Switched off, the teasers read as more of the article.
    let off = shipped_heuristics_with("[heuristics]\npacked_run = 0\n");
    assert_eq!(off.clean(&text).text, text);

    // Between two paragraphs of the article, the same run is a list in it, and stays.
    let inside = page(&[&[P1, "", P2, ""][..], &SUMMARIES, &["", P3, "", P4]].concat());
    assert_eq!(rules.clean(&inside).text, inside);

    // A page whose paragraphs are all packed, one line after another, is not judged by layout.
    let packed = page(&[&[P1, P2, P3, P4][..], &SUMMARIES].concat());
    assert_eq!(rules.clean(&packed).text, off.clean(&packed).text);
}

#[test]
fn an_interview_set_as_dialogue_stays_and_a_dashed_menu_goes() {
    // Questions and answers behind a dash, each under `len_high`: list items, unless they are
    // sentences, which makes them dialogue.
    let dialogue = [
        "- Why did the council wait so long to extend the night buses?",
        "",
        "- The money was not there until the new ticket system began to save us more than we had hoped.",
        "",
        "- Will the northern districts get a bus every half hour?",
        "",
        "- On the busiest routes they will, and we will look at the others again once the spring is over.",
        "",
        "- What do you say to the drivers who worry about the late shifts?",
        "",
        "- That they will be paid more for them, and that no one will be asked to work two in a row.",
    ];
    let menu = ["- Home", "- Transport", "- Council", ""];
    let article = [&[P1, ""][..], &dialogue[..]].concat();
    let text = page(&[&menu[..], &article, &["", "- Contact us", "- Jobs"]].concat());
    let rules = shipped_heuristics_with("");
    assert_eq!(rules.clean(&text).text, page(&article));
    // As list items too, the questions and answers are sentences of prose and stay; the menus
    // go.
    let as_items = text.replace("- ", "* ");
    assert_eq!(
        rules.clean(&as_items).text,
        page(&article).replace("- ", "* ")
    );
}

#[test]
fn an_embedded_post_and_its_credit_line_stay_inside_the_article() {
    // The credit line of an embedded post has few stopwords, but the article quotes the post.
    let post = "Night buses to the north at last! Thank you to everyone who signed the petition.";
    let credit = "— Northern Residents Group (@northres) November 18, 2019";
    let article = [P1, "", post, "", credit, "", P2, "", P3];
    let chrome = ["* Home", "* Transport", ""];
    let text = page(&[&chrome[..], &article, &["", "* Contact us", "* Jobs"]].concat());
    let rules = shipped_heuristics_with("");
    assert_eq!(rules.clean(&text).text, page(&article));
}

#[test]
fn a_fact_box_of_fields_does_not_cut_off_the_verdict() {
    // A review's fact box between the story and the verdict: short lines of a label, a colon
    // and a value, with few stopwords, that would weigh against the main block like a menu.
    let facts = [
        "The N12 at a glance",
        "* Route: Central Station to Northgate",
        "* Hours: 00:30 to 05:30, every night",
        "* Frequency: every 20 minutes",
        "* Fare: £1.75, day tickets valid",
        "* Vehicles: 12 electric double-deckers",
        "* Operator: Example City Buses",
        "Our verdict",
    ];
    let story = [P1, "", P2, ""];
    let verdict = ["", P3, "", P4];
    let chrome = ["* Home", "* Transport", "© 2024 Example Media Group", ""];
    let footer = ["", "* Facebook", "* Twitter", "© 2024 Example Media Group"];
    let text = page(&[&chrome[..], &story, &facts, &verdict, &footer].concat());
    let kept = shipped_heuristics_with("").clean(&text).text;
    assert!(
        kept.starts_with(P1) && kept.ends_with(&format!("{P4}\n")),
        "{kept}"
    );
    assert!(kept.contains("* Fare: £1.75, day tickets valid"), "{kept}");
    // Switched off, the fields weigh like a menu and cut the verdict off.
    let off = shipped_heuristics_with("[heuristics]\nfield_lists = false\n");
    assert_eq!(off.clean(&text).text, page(&[P1, "", P2]));
    // A menu's links are no fields, however many: the same page with the box's values taken out
    // keeps only the story.
    let menu = text.replace(": ", " ");
    assert_eq!(
        shipped_heuristics_with("").clean(&menu).text,
        page(&[P1, "", P2])
    );
}

#[test]
fn a_standfirst_joins_the_article_across_its_byline_even_above_lines_that_weigh_nothing() {
    // The article opens with lines that weigh nothing (here a table, too long to pass for a
    // byline) right under the byline: the standfirst above them still joins it.
    let meta = ["By Jane Smith", "Transport correspondent", "Share"];
    let facts = [
        "Route | From | To | First bus | Last bus",
        "N12 | Central Station | Northgate | 00:30 | 05:30",
        "N14 | Central Station | Mill Lane | 00:45 | 05:15",
    ];
    let text = page(&[&HEAD[..], &meta, &facts, &["", P1, "", P2, "", P3]].concat());
    let kept = shipped_heuristics_with("").clean(&text).text;
    assert!(
        kept.starts_with(&format!("Council extends night buses\n{STANDFIRST}\n")),
        "{kept}"
    );
    assert!(
        !kept.contains("Jane Smith") && kept.ends_with(&format!("{P3}\n")),
        "{kept}"
    );
}

#[test]
fn a_list_under_its_heading_joins_the_article_across_an_advertisement() {
    // A paragraph, a heading and its list (a section of the article), then an advertisement the
    // rules removed, then the rest of the article: the section stays with it.
    let rule = "[[sidebar]]\nname = \"site.ad\"\npattern = '^Advertisement$'\n";
    let intro = format!("{P1} {P4}");
    let section = [
        intro.as_str(),
        "",
        "What you will need",
        "* A valid travel card",
        "* A charged phone for the app",
        "* Warm clothes for the wait",
        "* The number of your stop",
        "",
    ];
    let body = [P2, "", P3];
    let menu = ["* Home", "* Sport", "* Travel", "Sign in", ""];
    let text = page(&[&menu[..], &section, &["Advertisement", ""], &body].concat());
    let cleaned = shipped_heuristics_with(rule).clean(&text);
    assert_eq!(
        cleaned.text,
        page(&[&section[..section.len() - 1], &[""], &body].concat()),
        "{:?}",
        names(&shipped_heuristics_with(rule), &cleaned)
    );
    // Without the paragraph above it, the list is a menu like the one above it, and goes.
    let text = page(&[&menu[..], &section[2..], &["Advertisement", ""], &body].concat());
    assert_eq!(shipped_heuristics_with(rule).clean(&text).text, page(&body));
}
