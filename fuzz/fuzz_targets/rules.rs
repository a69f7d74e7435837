//! Fuzzes the rule-file parser and compiler: any bytes given as a rule file must either compile or
//! give an error whose place, when it has one, lies inside the file; a rule set that compiles must
//! clean a real page and the rule file's own text without a panic.

#![no_main]

use clean::{RuleSet, RuleSource};
use libfuzzer_sys::fuzz_target;

const PAGE: &str = include_str!("../../seeds/000_201d12b6cdebc585.txt");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match RuleSet::from_sources(&[RuleSource::new("fuzz.toml", text)]) {
        Ok(rules) => {
            rules.clean(PAGE);
            rules.clean_at(text, Some("a/b.txt"));
        }
        Err(e) => {
            assert!(!e.message.is_empty());
            if let Some((line, col)) = e.place {
                let lines = text.split('\n').count();
                assert!(line >= 1 && line <= lines, "line {line} of {lines}: {e}");
                assert!(col >= 1, "{e}");
            }
        }
    }
});
