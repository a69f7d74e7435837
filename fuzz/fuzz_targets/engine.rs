//! Fuzzes the cleaning core with the built-in rules: any bytes, decoded lossily as `clean --lossy`
//! does, must clean without a panic into text laid out as promised (LF line ends, one final
//! newline, no blank line at either end, no run of blank lines).

#![no_main]

use std::sync::OnceLock;

use clean::RuleSet;
use libfuzzer_sys::fuzz_target;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(RuleSet::builtin)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let cleaned = rules().clean_at(&text, Some("site/page.txt"));
    let t = &cleaned.text;
    assert!(t.is_empty() || (t.ends_with('\n') && !t.ends_with("\n\n")));
    assert!(!t.starts_with('\n') && !t.contains("\n\n\n") && !t.contains('\r'));
    assert!(cleaned.removals.windows(2).all(|w| w[0].line < w[1].line));
});
