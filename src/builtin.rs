//! The rule files of the project's `rules/` folder, embedded in the binary at build time so that
//! `clean IN OUT` works from any folder with no files beside it.

use crate::rules::RuleSource;

/// (file name, contents) of every shipped rule file, in load order.
pub const FILES: &[(&str, &str)] = &[
    ("common.toml", include_str!("../rules/common.toml")),
    ("heuristics.toml", include_str!("../rules/heuristics.toml")),
    ("vi-news.toml", include_str!("../rules/vi-news.toml")),
    ("vi-legal.toml", include_str!("../rules/vi-legal.toml")),
    ("en-news.toml", include_str!("../rules/en-news.toml")),
];

/// The embedded rule files as sources, named `<builtin>/FILE` in messages.
pub fn sources() -> Vec<RuleSource> {
    FILES
        .iter()
        .map(|(name, text)| RuleSource::new(format!("<builtin>/{name}"), *text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::FILES;

    /// Guards against a rule file added to `rules/` but never embedded: it would silently not ship.
    #[test]
    fn every_rule_file_in_the_rules_folder_is_embedded_verbatim() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let mut on_disk: Vec<(String, String)> = std::fs::read_dir(&dir)
            .expect("rules/ exists")
            .map(|e| e.expect("readable entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (
                    name,
                    std::fs::read_to_string(&p).expect("rule file is UTF-8"),
                )
            })
            .collect();
        on_disk.sort();
        let mut embedded: Vec<(String, String)> = FILES
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        embedded.sort();
        assert_eq!(
            on_disk.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            embedded.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            "every rules/*.toml must be listed in builtin::FILES"
        );
        assert_eq!(on_disk, embedded);
    }

    #[test]
    fn the_embedded_rules_compile() {
        crate::RuleSet::from_sources(&super::sources()).expect("embedded rules compile");
    }
}
