//! The rule files of the project's `rules/` folder, embedded in the binary at build time so that
//! `clean IN OUT` works from any folder with no files beside it.

use crate::rules::RuleSource;

/// (file name, contents) of every shipped rule file, in load order.
pub const FILES: &[(&str, &str)] = &[
    ("common.toml", include_str!("../rules/common.toml")),
    ("heuristics.toml", include_str!("../rules/heuristics.toml")),
    ("vi-news.toml", include_str!("../rules/vi-news.toml")),
];

/// The embedded rule files as sources, named `<builtin>/FILE` in messages.
pub fn sources() -> Vec<RuleSource> {
    FILES
        .iter()
        .map(|(name, text)| RuleSource::new(format!("<builtin>/{name}"), *text))
        .collect()
}
