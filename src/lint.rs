//! `clean rules --lint`: warnings about rules that compile but are probably wrong. A rule that
//! never fires on a corpus is dead weight or shadowed by an earlier rule; a pattern that can match
//! an empty line matches far more than its author meant; two rules with one name make removals
//! impossible to trace (the compiler refuses them, but stops at the first; the lint lists all); a
//! class of capital or small letters under `(?i)` takes every letter, whatever its author meant.
//! Findings are data with their place; the binary prints them.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use rayon::prelude::*;
use regex_syntax::ast::{self, Ast, ClassSet, ClassSetItem, ClassUnicodeKind, Flag, GroupKind};
use serde::Deserialize;
use toml::Spanned;

use crate::corpus::{self, Options};
use crate::error::Error;
use crate::rules::{line_col, FooterAction, Rule, RuleOptions, RuleSet, RuleSource};

/// What a rule does, for listings: its zone, with a footer rule's action (`footer cut`,
/// `footer trailing`).
pub fn rule_kind(rule: &Rule) -> &'static str {
    match rule.options {
        RuleOptions::Header => "header",
        RuleOptions::Footer {
            action: FooterAction::Cut,
            ..
        } => "footer cut",
        RuleOptions::Footer {
            action: FooterAction::Trailing,
            ..
        } => "footer trailing",
        RuleOptions::Sidebar { .. } => "sidebar",
        RuleOptions::Inline { .. } => "inline",
        RuleOptions::Heuristic(_) => "heuristic",
    }
}

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    /// Two rules share a name.
    DuplicateName,
    /// The pattern matches the empty string, so it can match an empty line (and, unanchored,
    /// every line).
    MatchesEmptyLine,
    /// The pattern is the same as an earlier rule's of the same zone, which takes its lines.
    SamePattern,
    /// The rule removed and edited nothing in any document of the corpus.
    NeverFires,
    /// A class of capital or small letters (`\p{Lu}`, `\p{Ll}`) stands where the pattern is
    /// case-insensitive, so it takes any letter: a leading `(?i)` reaches every alternative.
    CaseClassFolded,
}

/// One warning about one rule, with the place of the rule's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    pub file: String,
    pub line: usize,
    pub rule: String,
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: rule `{}`: {}",
            self.file, self.line, self.rule, self.message
        )
    }
}

/// Only the rule names of a rule file, with their places; every other key is ignored, so that
/// names can be checked before (and whether or not) the whole set compiles.
#[derive(Deserialize)]
struct NamesToml {
    #[serde(default)]
    header: Vec<NamedToml>,
    #[serde(default)]
    footer: Vec<NamedToml>,
    #[serde(default)]
    sidebar: Vec<NamedToml>,
    #[serde(default)]
    inline: Vec<NamedToml>,
}

#[derive(Deserialize)]
struct NamedToml {
    name: Spanned<String>,
}

/// Every rule name defined more than once across `sources`, one finding per repeat, pointing at
/// the repeat and naming the first definition. Files that do not parse are passed over (compiling
/// them reports why).
pub fn duplicate_names(sources: &[RuleSource]) -> Vec<Finding> {
    let mut first: HashMap<String, (String, usize)> = HashMap::new();
    let mut findings = Vec::new();
    for source in sources {
        let Ok(file) = toml::from_str::<NamesToml>(&source.text) else {
            continue;
        };
        let mut names: Vec<&Spanned<String>> = file
            .header
            .iter()
            .chain(&file.footer)
            .chain(&file.sidebar)
            .chain(&file.inline)
            .map(|n| &n.name)
            .collect();
        names.sort_by_key(|n| n.span().start);
        for name in names {
            let line = line_col(&source.text, name.span().start).0;
            match first.get(name.get_ref()) {
                Some((file, at)) => findings.push(Finding {
                    kind: FindingKind::DuplicateName,
                    file: source.name.clone(),
                    line,
                    rule: name.get_ref().clone(),
                    message: format!("duplicate name, first defined at {file}:{at}"),
                }),
                None => {
                    first.insert(name.get_ref().clone(), (source.name.clone(), line));
                }
            }
        }
    }
    findings
}

/// Findings about the patterns of a compiled rule set, with no corpus: patterns that match an
/// empty line, and patterns repeated within a zone.
pub fn check_patterns(rules: &RuleSet) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut seen: HashMap<(crate::Zone, &str), &str> = HashMap::new();
    // Heuristic pseudo-rules have no pattern to check.
    let patterned = rules
        .rules()
        .iter()
        .filter(|r| !matches!(r.options, RuleOptions::Heuristic(_)));
    for rule in patterned {
        let finding = |kind, message: String| Finding {
            kind,
            file: rule.file.clone(),
            line: rule.line,
            rule: rule.name.clone(),
            message,
        };
        if rule.regex.is_match("") {
            findings.push(finding(
                FindingKind::MatchesEmptyLine,
                "pattern can match an empty line; anchor it and require at least one character"
                    .into(),
            ));
        }
        for class in folded_case_classes(&rule.pattern) {
            findings.push(finding(
                FindingKind::CaseClassFolded,
                format!(
                    "`{class}` is case-insensitive here, so it takes any letter; keep `(?i)` to \
                     the words that need it, as in `(?i:word)`, or write `(?-i:{class})`"
                ),
            ));
        }
        match seen.get(&(rule.zone, rule.pattern.as_str())) {
            Some(earlier) => findings.push(finding(
                FindingKind::SamePattern,
                format!(
                    "same pattern as `{earlier}` in the {} zone, which takes its lines",
                    rule.zone
                ),
            )),
            None => {
                seen.insert((rule.zone, rule.pattern.as_str()), rule.name.as_str());
            }
        }
    }
    findings
}

/// The classes of `pattern` that name capital, small or title-case letters where the pattern is
/// case-insensitive, as written. Under `(?i)` such a class is closed over case and takes every
/// cased letter, which is never what a class of capitals was written for. A flag set by `(?i)`
/// lasts to the end of its group, across `|`, as the regex crate reads it.
fn folded_case_classes(pattern: &str) -> Vec<String> {
    fn walk(node: &Ast, insensitive: &mut bool, pattern: &str, found: &mut Vec<String>) {
        match node {
            Ast::Flags(set) => {
                if let Some(on) = set.flags.flag_state(Flag::CaseInsensitive) {
                    *insensitive = on;
                }
            }
            Ast::Group(group) => {
                let mut inner = *insensitive;
                if let GroupKind::NonCapturing(flags) = &group.kind {
                    if let Some(on) = flags.flag_state(Flag::CaseInsensitive) {
                        inner = on;
                    }
                }
                walk(&group.ast, &mut inner, pattern, found);
            }
            Ast::Alternation(alternation) => {
                for branch in &alternation.asts {
                    walk(branch, insensitive, pattern, found);
                }
            }
            Ast::Concat(concat) => {
                for item in &concat.asts {
                    walk(item, insensitive, pattern, found);
                }
            }
            Ast::Repetition(repetition) => walk(&repetition.ast, insensitive, pattern, found),
            Ast::ClassUnicode(class) if *insensitive && names_case(class) => {
                found.push(written(pattern, &class.span));
            }
            Ast::ClassBracketed(class) if *insensitive && set_names_case(&class.kind) => {
                found.push(written(pattern, &class.span));
            }
            _ => {}
        }
    }
    fn written(pattern: &str, span: &ast::Span) -> String {
        pattern[span.start.offset..span.end.offset].to_string()
    }
    fn names_case(class: &ast::ClassUnicode) -> bool {
        let norm = |name: &str| {
            name.chars()
                .filter(|c| !matches!(c, '_' | '-' | ' '))
                .flat_map(char::to_lowercase)
                .collect::<String>()
        };
        let value = match &class.kind {
            ClassUnicodeKind::OneLetter(_) => return false,
            ClassUnicodeKind::Named(name) => norm(name),
            ClassUnicodeKind::NamedValue { name, value, .. } => {
                if !matches!(norm(name).as_str(), "gc" | "generalcategory") {
                    return false;
                }
                norm(value)
            }
        };
        matches!(
            value.as_str(),
            "lu" | "ll"
                | "lt"
                | "uppercaseletter"
                | "lowercaseletter"
                | "titlecaseletter"
                | "uppercase"
                | "lowercase"
        )
    }
    fn set_names_case(set: &ClassSet) -> bool {
        fn item_names_case(item: &ClassSetItem) -> bool {
            match item {
                ClassSetItem::Unicode(class) => names_case(class),
                ClassSetItem::Bracketed(inner) => set_names_case(&inner.kind),
                ClassSetItem::Union(union) => union.items.iter().any(item_names_case),
                _ => false,
            }
        }
        match set {
            ClassSet::Item(item) => item_names_case(item),
            ClassSet::BinaryOp(op) => set_names_case(&op.lhs) || set_names_case(&op.rhs),
        }
    }
    let Ok(tree) = ast::parse::Parser::new().parse(pattern) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    walk(&tree, &mut false, pattern, &mut found);
    found
}

/// How often each rule fired over a corpus.
#[derive(Debug, Clone, Default)]
pub struct Firing {
    /// Documents cleaned.
    pub documents: usize,
    /// Per rule (indexed like [`RuleSet::rules`]): documents in which it removed or edited a line.
    pub hits: Vec<usize>,
    /// Documents that could not be read or decoded, with the reason; they count for nothing.
    pub unreadable: Vec<String>,
}

/// Cleans every document under `corpus` (a folder or one file; hidden files only with
/// `opts.hidden`) in memory and counts, per rule, the documents it fired in.
pub fn firing(rules: &RuleSet, corpus: &Path, opts: &Options) -> Result<Firing, Error> {
    let meta = std::fs::metadata(corpus)
        .map_err(|e| Error::Usage(format!("{}: cannot read corpus: {}", corpus.display(), e)))?;
    let docs: Vec<(std::path::PathBuf, String)> = if meta.is_dir() {
        crate::check::files_under(corpus, opts.hidden)
            .into_iter()
            .map(|rel| (corpus.join(&rel), rel))
            .collect()
    } else {
        let name = corpus
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        vec![(corpus.to_path_buf(), name)]
    };
    let per_doc: Vec<Result<Vec<bool>, String>> = docs
        .par_iter()
        .map(|(path, rel)| {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e).to_string())?;
            let text = corpus::decode(&bytes, path, opts.lossy).map_err(|e| e.to_string())?;
            let cleaned = rules.clean_at(&text, Some(rel));
            let mut fired = vec![false; rules.rules().len()];
            for id in cleaned
                .removals
                .iter()
                .map(|r| r.rule)
                .chain(cleaned.edits.iter().map(|e| e.rule))
            {
                fired[id.0 as usize] = true;
            }
            Ok(fired)
        })
        .collect();
    let mut out = Firing {
        hits: vec![0; rules.rules().len()],
        ..Firing::default()
    };
    for r in per_doc {
        match r {
            Ok(fired) => {
                out.documents += 1;
                for (hit, f) in out.hits.iter_mut().zip(fired) {
                    *hit += f as usize;
                }
            }
            Err(msg) => out.unreadable.push(msg),
        }
    }
    Ok(out)
}

/// A finding for every rule that fired in no document of `firing`.
pub fn never_fired(rules: &RuleSet, firing: &Firing) -> Vec<Finding> {
    rules
        .rules()
        .iter()
        .zip(&firing.hits)
        .filter(|(_, &hits)| hits == 0)
        .map(|(rule, _)| Finding {
            kind: FindingKind::NeverFires,
            file: rule.file.clone(),
            line: rule.line,
            rule: rule.name.clone(),
            message: format!(
                "never fires on the {} documents of the corpus",
                firing.documents
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_duplicates_across_and_within_files() {
        let a = RuleSource::new("a.toml", "[[header]]\nname = \"x\"\npattern = 'a'\n");
        let b = RuleSource::new(
            "b.toml",
            "[[sidebar]]\nname = \"y\"\npattern = 'b'\n[[inline]]\nname = \"x\"\npattern = 'c'\n\
             [[footer]]\nname = \"y\"\npattern = 'd'\n",
        );
        let found = duplicate_names(&[a, b]);
        let shown: Vec<String> = found.iter().map(|f| f.to_string()).collect();
        assert_eq!(
            shown,
            [
                "b.toml:5: rule `x`: duplicate name, first defined at a.toml:2",
                "b.toml:8: rule `y`: duplicate name, first defined at b.toml:2",
            ]
        );
    }

    #[test]
    fn finds_classes_of_capitals_under_case_insensitive_matching() {
        // A leading (?i) reaches the second alternative.
        assert_eq!(
            folded_case_classes(r"(?i)^ads$|^\p{Lu}\w+ @\w+$"),
            [r"\p{Lu}"]
        );
        assert_eq!(
            folded_case_classes(r"(?i)^[\p{Ll}\d]+ x \p{gc=Uppercase_Letter}$"),
            [r"[\p{Ll}\d]", r"\p{gc=Uppercase_Letter}"]
        );
        // Scoped flags, a flag turned off, and classes that case does not change are fine.
        for fine in [
            r"^(?i:ads|banner)\s+\p{Lu}\p{Ll}+$",
            r"(?i)^ads\s+(?-i:\p{Lu}[\p{Ll}.]+)$",
            r"(?i)^(?-i)\p{Lu}$",
            r"(?i)^\p{L}+\s\w+$",
            r"^\p{Lu}(?i)x$",
        ] {
            assert!(folded_case_classes(fine).is_empty(), "{fine}");
        }
        let rules = RuleSet::from_sources(&[RuleSource::new(
            "t.toml",
            "[[sidebar]]\nname = \"t.handle\"\npattern = '(?i)^x:\\s+@\\w+$|^\\p{Lu}\\w* @\\w+$'\n",
        )])
        .unwrap();
        let shown: Vec<String> = check_patterns(&rules)
            .iter()
            .map(|f| f.to_string())
            .collect();
        assert_eq!(
            shown,
            [
                "t.toml:2: rule `t.handle`: `\\p{Lu}` is case-insensitive here, so it takes any \
              letter; keep `(?i)` to the words that need it, as in `(?i:word)`, or write \
              `(?-i:\\p{Lu})`"
            ]
        );
    }

    #[test]
    fn finds_empty_matches_and_repeated_patterns() {
        let rules = RuleSet::from_sources(&[RuleSource::new(
            "t.toml",
            "[[sidebar]]\nname = \"t.maybe\"\npattern = '^(?:ads)?$'\n\
             [[sidebar]]\nname = \"t.ads\"\npattern = '^ads$'\n\
             [[sidebar]]\nname = \"t.ads2\"\npattern = '^ads$'\n\
             [[header]]\nname = \"t.ads3\"\npattern = '^ads$'\n",
        )])
        .unwrap();
        let found = check_patterns(&rules);
        let kinds: Vec<_> = found.iter().map(|f| (f.kind, f.rule.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (FindingKind::MatchesEmptyLine, "t.maybe"),
                (FindingKind::SamePattern, "t.ads2"),
            ]
        );
    }
}
