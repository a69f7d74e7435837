//! Rule files: the TOML format users write, and its compilation into one immutable [`RuleSet`].
//!
//! Rule files are parsed with serde while keeping the span of every name and pattern, so that any
//! problem (a syntax error, an unknown key, a bad regex, a duplicate name) is reported as
//! `file:line:col: reason`. All patterns are compiled once, here; a `RuleSet` is `Send + Sync` and
//! shared by reference by every thread that cleans documents.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use globset::{Glob, GlobMatcher};
use regex::{Regex, RegexBuilder};
use regex_syntax::hir::Hir;
use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, RuleError};
use crate::gate::Gate;
use crate::heuristics::{self, Heuristics, HeuristicsToml, Reason};
use crate::matcher::{self, LineMatcher};
use crate::zone_set::ZoneSet;

/// Upper bound on the compiled size of one pattern (and of each zone's combined set).
pub const REGEX_SIZE_LIMIT: usize = 10 * (1 << 20);

/// Where in a document a rule acts. The zone is reported with every removal.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Zone {
    /// Lines at the start of a document, removed while they match.
    Header,
    /// A marker line from which the rest is dropped, or trailing lines dropped from the end.
    Footer,
    /// Lines or blocks anywhere in the document.
    Sidebar,
    /// A pattern cut out of a line that is otherwise kept.
    Inline,
}

impl Zone {
    pub fn as_str(self) -> &'static str {
        match self {
            Zone::Header => "header",
            Zone::Footer => "footer",
            Zone::Sidebar => "sidebar",
            Zone::Inline => "inline",
        }
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a footer rule does with the line it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FooterAction {
    /// The line is a marker ("Tin liên quan"): it and everything after it are dropped.
    Cut,
    /// The line is dropped only where it stands at the end of the document (after other trailing
    /// lines), like a source attribution.
    Trailing,
}

/// The index of a rule in its [`RuleSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleId(pub u32);

/// One compiled rule with the place it was defined.
#[derive(Debug, Clone)]
pub struct Rule {
    pub name: String,
    pub zone: Zone,
    pub pattern: String,
    /// The rule file it comes from, as named to the user.
    pub file: String,
    /// 1-based line of the rule's name in its file.
    pub line: usize,
    pub(crate) group: usize,
    /// Whether a line matches; see [`crate::matcher`]. It holds the pattern's syntax tree, parsed
    /// once for the matcher, the gate and the zone's prefilters ([`Rule::hir`]).
    pub(crate) regex: LineMatcher,
    /// For inline rules, the regex that finds the text to cut and fills in `replace`.
    pub(crate) replacer: Option<Regex>,
    /// Rules out, cheaply, lines the pattern cannot match (see [`crate::gate`]).
    pub(crate) gate: Gate,
    pub(crate) options: RuleOptions,
}

impl Rule {
    /// The pattern's syntax tree.
    pub(crate) fn hir(&self) -> &Hir {
        &self.regex.patterns()[0]
    }
}

/// Zone-specific settings of a rule.
#[derive(Debug, Clone)]
pub enum RuleOptions {
    Header,
    Footer {
        action: FooterAction,
        /// A cut marker counts only at or past this share (0..1) of the document's non-blank lines.
        min_position: f64,
        /// A cut marker counts only when at least this many words of kept text stand before it.
        min_words_before: usize,
        /// A cut marker inside the article, with a few link lines under it and then the
        /// article's prose going on, drops only itself and those links (see
        /// [`crate::engine`]).
        unless_article_resumes: bool,
    },
    Sidebar {
        /// Non-blank lines before a matching line that go with it (a teaser's headline and summary).
        before: usize,
        /// Non-blank lines after a matching line that go with it (the headline after a "-" bullet).
        after: usize,
        /// The rule fires only where this many matches stand together as a list.
        min_run: usize,
        /// The run of list items right after a matching line goes with it (the links under a
        /// "Related stories" heading); with no list, the one headline right under a label
        /// alone ("Read also", then a title on a line of its own).
        list_after: bool,
    },
    Inline {
        replace: String,
        /// When set, the rule applies only to the first `lead` kept non-blank lines.
        lead: Option<usize>,
    },
    /// A pseudo-rule standing for one [`Reason`] of the heuristics (`heuristic.*`); it has no
    /// pattern, and its file and line are those of the `[heuristics]` table that enabled it.
    Heuristic(Reason),
}

/// Which documents a rule file applies to.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scope {
    path: Option<GlobMatcher>,
    text: Option<Regex>,
}

impl Scope {
    /// True when the document matches every signature the scope declares (always, without any).
    fn admits(&self, text: &str, path: Option<&str>) -> bool {
        if let Some(glob) = &self.path {
            match path {
                Some(p) if glob.is_match(p) => {}
                _ => return false,
            }
        }
        self.text.as_ref().is_none_or(|re| re.is_match(text))
    }

    /// True when `other` declares the same signatures, so admits the same documents.
    fn same_as(&self, other: &Scope) -> bool {
        self.path.as_ref().map(GlobMatcher::glob) == other.path.as_ref().map(GlobMatcher::glob)
            && self.text.as_ref().map(Regex::as_str) == other.text.as_ref().map(Regex::as_str)
    }
}

/// A rule file's source text and the name to show for it in messages.
#[derive(Debug, Clone)]
pub struct RuleSource {
    pub name: String,
    pub text: String,
}

impl RuleSource {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        RuleSource {
            name: name.into(),
            text: text.into(),
        }
    }
}

/// All rules of a run, compiled. Build it once, share it by reference.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub(crate) rules: Vec<Rule>,
    scopes: Vec<Scope>,
    /// For each rule file, the first file whose scope is the same as its own (itself when none
    /// before it is): a scope that several files share is read once per document.
    scope_owner: Vec<usize>,
    /// The rule files, in load order.
    files: Vec<String>,
    pub(crate) header: ZoneSet,
    pub(crate) sidebar: ZoneSet,
    pub(crate) footer_cut: ZoneSet,
    pub(crate) footer_trailing: ZoneSet,
    pub(crate) inline: Vec<RuleId>,
    /// The `[heuristics]` tables by rule file (group), in load order; `None` when it disables them.
    heuristics: Vec<(usize, Option<Heuristics>)>,
    /// The pseudo-rules of the heuristics, indexed like [`Reason::ALL`]; empty when no file
    /// enables them.
    heuristic_rules: Vec<RuleId>,
}

impl RuleSet {
    /// Compiles the given rule files, in order. Fails on the first problem found, with its place.
    pub fn from_sources(sources: &[RuleSource]) -> Result<RuleSet, RuleError> {
        let mut rules = Vec::new();
        let mut scopes = Vec::new();
        let mut names: HashMap<String, (String, usize)> = HashMap::new();
        let mut heuristics = Vec::new();
        let mut heuristics_at = None;
        for (group, source) in sources.iter().enumerate() {
            let parsed = parse_file(source)?;
            scopes.push(parsed.scope);
            if let Some((line, h)) = parsed.heuristics {
                if h.is_some() {
                    heuristics_at = Some((group, source.name.clone(), line));
                }
                heuristics.push((group, h));
            }
            for rule in parsed.rules {
                if let Some((file, line)) = names.get(&rule.name) {
                    return Err(RuleError::new(
                        &source.name,
                        Some((rule.line, rule_name_col(source, rule.line))),
                        format!(
                            "duplicate rule name `{}` (first defined at {}:{})",
                            rule.name, file, line
                        ),
                    ));
                }
                names.insert(rule.name.clone(), (source.name.clone(), rule.line));
                rules.push(Rule { group, ..rule });
            }
        }
        if rules.is_empty() && heuristics_at.is_none() {
            let file = sources
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let file = if file.is_empty() {
                "<rules>".to_string()
            } else {
                file
            };
            return Err(RuleError::new(
                &file,
                None,
                "no rules defined: a rule set needs at least one rule",
            ));
        }
        let header = ZoneSet::build(&rules, |r| r.zone == Zone::Header)
            .map_err(|e| combine_error(&rules, Zone::Header, e))?;
        let sidebar = ZoneSet::build(&rules, |r| r.zone == Zone::Sidebar)
            .map_err(|e| combine_error(&rules, Zone::Sidebar, e))?;
        let footer_cut = ZoneSet::build(&rules, |r| {
            matches!(
                r.options,
                RuleOptions::Footer {
                    action: FooterAction::Cut,
                    ..
                }
            )
        })
        .map_err(|e| combine_error(&rules, Zone::Footer, e))?;
        let footer_trailing = ZoneSet::build(&rules, |r| {
            matches!(
                r.options,
                RuleOptions::Footer {
                    action: FooterAction::Trailing,
                    ..
                }
            )
        })
        .map_err(|e| combine_error(&rules, Zone::Footer, e))?;
        let inline = (0..rules.len())
            .filter(|&i| rules[i].zone == Zone::Inline)
            .map(|i| RuleId(i as u32))
            .collect();
        let mut heuristic_rules = Vec::new();
        if let Some((group, file, line)) = heuristics_at {
            // The pseudo-rules match nothing: their tree is the pattern that fails everywhere.
            let never = LineMatcher::any_of(vec![Hir::fail()], REGEX_SIZE_LIMIT, None)
                .expect("the empty language compiles");
            for reason in Reason::ALL {
                heuristic_rules.push(RuleId(rules.len() as u32));
                rules.push(Rule {
                    name: reason.rule_name().to_string(),
                    zone: Zone::Sidebar,
                    pattern: String::new(),
                    file: file.clone(),
                    line,
                    group,
                    regex: never.clone(),
                    replacer: None,
                    gate: Gate::default(),
                    options: RuleOptions::Heuristic(reason),
                });
            }
        }
        let scope_owner = (0..scopes.len())
            .map(|i| (0..i).find(|&j| scopes[j].same_as(&scopes[i])).unwrap_or(i))
            .collect();
        Ok(RuleSet {
            rules,
            scopes,
            scope_owner,
            files: sources.iter().map(|s| s.name.clone()).collect(),
            header,
            sidebar,
            footer_cut,
            footer_trailing,
            inline,
            heuristics,
            heuristic_rules,
        })
    }

    /// The rule files shipped inside the binary (the `rules/` folder of the project).
    pub fn builtin() -> RuleSet {
        RuleSet::from_sources(&crate::builtin::sources()).expect("the embedded rules compile")
    }

    /// Reads rule files from a path: one `.toml` file, or every `.toml` file in a folder (sorted by
    /// name, not recursive).
    pub fn read_sources(path: &Path) -> Result<Vec<RuleSource>, Error> {
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        let mut files = Vec::new();
        if meta.is_dir() {
            for entry in std::fs::read_dir(path).map_err(|e| Error::io(path, e))? {
                let entry = entry.map_err(|e| Error::io(path, e))?;
                let p = entry.path();
                if p.extension().is_some_and(|x| x == "toml") && p.is_file() {
                    files.push(p);
                }
            }
            files.sort();
            if files.is_empty() {
                return Err(Error::Usage(format!(
                    "{}: folder holds no .toml rule files",
                    path.display()
                )));
            }
        } else {
            files.push(path.to_path_buf());
        }
        files
            .into_iter()
            .map(|p| {
                let bytes = std::fs::read(&p).map_err(|e| Error::io(&p, e))?;
                let text = String::from_utf8(bytes).map_err(|e| {
                    let valid = std::str::from_utf8(&e.as_bytes()[..e.utf8_error().valid_up_to()])
                        .unwrap_or_default();
                    let name = p.display().to_string();
                    let place = line_col(valid, valid.len());
                    RuleError::new(
                        &name,
                        Some(place),
                        "not valid UTF-8: rule files are UTF-8 text",
                    )
                })?;
                Ok(RuleSource::new(p.display().to_string(), text))
            })
            .collect()
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn rule(&self, id: RuleId) -> &Rule {
        &self.rules[id.0 as usize]
    }

    /// The rule files this set was built from, in load order.
    pub fn files(&self) -> &[String] {
        &self.files
    }

    /// The heuristics that apply to a document: those of the last rule file admitting it that has
    /// a `[heuristics]` table, unless that table disables them.
    pub(crate) fn heuristics_for(&self, active: &[bool]) -> Option<&Heuristics> {
        self.heuristics
            .iter()
            .rev()
            .find(|(group, _)| active[*group])
            .and_then(|(_, h)| h.as_ref())
    }

    /// The pseudo-rule that heuristic removals for `reason` are credited to (present whenever
    /// some loaded file enables the heuristics).
    pub fn heuristic_rule(&self, reason: Reason) -> Option<RuleId> {
        self.heuristic_rules.get(reason.index()).copied()
    }

    /// For each rule file, whether its scope admits this document. A scope that repeats an
    /// earlier file's (the Vietnamese packs share theirs) is not read again: a text signature
    /// that admits nothing reads the whole document.
    pub(crate) fn active_groups(&self, text: &str, path: Option<&str>) -> Vec<bool> {
        let mut active: Vec<bool> = Vec::with_capacity(self.scopes.len());
        for (i, scope) in self.scopes.iter().enumerate() {
            let owner = self.scope_owner[i];
            active.push(match owner < i {
                true => active[owner],
                false => scope.admits(text, path),
            });
        }
        active
    }
}

// ---- The TOML schema -------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileToml {
    scope: Option<ScopeToml>,
    #[serde(default)]
    header: Vec<HeaderToml>,
    #[serde(default)]
    footer: Vec<FooterToml>,
    #[serde(default)]
    sidebar: Vec<SidebarToml>,
    #[serde(default)]
    inline: Vec<InlineToml>,
    heuristics: Option<HeuristicsToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScopeToml {
    path: Option<Spanned<String>>,
    text: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HeaderToml {
    name: Spanned<String>,
    pattern: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FooterToml {
    name: Spanned<String>,
    pattern: Spanned<String>,
    #[serde(default)]
    action: Option<FooterAction>,
    min_position: Option<Spanned<f64>>,
    min_words_before: Option<usize>,
    #[serde(default)]
    unless_article_resumes: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SidebarToml {
    name: Spanned<String>,
    pattern: Spanned<String>,
    #[serde(default)]
    before: usize,
    #[serde(default)]
    after: usize,
    min_run: Option<Spanned<usize>>,
    #[serde(default)]
    list_after: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InlineToml {
    name: Spanned<String>,
    pattern: Spanned<String>,
    #[serde(default)]
    replace: String,
    lead: Option<Spanned<usize>>,
}

/// Defaults of the footer guard: a cut marker in the first fifth of a document, or with fewer than
/// 20 words of article before it, is not trusted.
pub const DEFAULT_MIN_POSITION: f64 = 0.2;
pub const DEFAULT_MIN_WORDS_BEFORE: usize = 20;

struct ParsedFile {
    scope: Scope,
    rules: Vec<Rule>,
    /// The line of the `[heuristics]` table and what it compiles to (`None`: disabled).
    heuristics: Option<(usize, Option<Heuristics>)>,
}

/// 1-based (line, column) of a byte offset; the column counts characters.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn rule_name_col(source: &RuleSource, line: usize) -> usize {
    source
        .text
        .lines()
        .nth(line - 1)
        .map_or(1, |l| l.len() - l.trim_start().len() + 1)
}

fn parse_file(source: &RuleSource) -> Result<ParsedFile, RuleError> {
    let file = source.name.as_str();
    let at = |span: std::ops::Range<usize>| Some(line_col(&source.text, span.start));
    let parsed: FileToml = toml::from_str(&source.text).map_err(|e| {
        let place = e.span().and_then(&at);
        let mut message = e.message().trim_end().replace('\n', " ");
        if message.is_empty() {
            // The TOML parser gives no words for some characters (a lone carriage return).
            let found = e
                .span()
                .and_then(|s| source.text.get(s.start..)?.chars().next());
            message = match found {
                Some(c) => format!("not valid TOML: unexpected character {c:?}"),
                None => "not valid TOML".to_string(),
            };
        }
        RuleError::new(file, place, message)
    })?;

    // Both kinds of compiled pattern fail the same ways and report them alike.
    let not_empty = |pattern: &Spanned<String>| -> Result<(), RuleError> {
        match pattern.get_ref().is_empty() {
            true => Err(RuleError::new(
                file,
                at(pattern.span()),
                "empty pattern: it would match every line",
            )),
            false => Ok(()),
        }
    };
    let pattern_error = |pattern: &Spanned<String>, e: regex::Error| -> RuleError {
        let e_text = e.to_string();
        let reason = match e {
            regex::Error::CompiledTooBig(limit) => {
                format!("pattern too large: compiles to more than the limit of {limit} bytes")
            }
            other => format!("bad pattern: {}", regex_reason(&other.to_string())),
        };
        RuleError::new(file, Some(regex_place(source, pattern, &e_text)), reason)
    };
    let compile = |pattern: &Spanned<String>| -> Result<Regex, RuleError> {
        not_empty(pattern)?;
        RegexBuilder::new(pattern.get_ref())
            .size_limit(REGEX_SIZE_LIMIT)
            .build()
            .map_err(|e| pattern_error(pattern, e))
    };
    // The matcher, and the gate from the same syntax tree.
    let compile_matcher = |pattern: &Spanned<String>| -> Result<(LineMatcher, Gate), RuleError> {
        not_empty(pattern)?;
        let hir = matcher::parse(pattern.get_ref()).map_err(|e| pattern_error(pattern, e))?;
        let matcher = LineMatcher::any_of(vec![hir], REGEX_SIZE_LIMIT, None)
            .map_err(|e| pattern_error(pattern, e))?;
        let gate = Gate::from_hir(&matcher.patterns()[0]);
        Ok((matcher, gate))
    };
    let check_name = |name: &Spanned<String>| -> Result<(String, usize), RuleError> {
        let n = name.get_ref();
        if n.is_empty() || n.chars().any(char::is_whitespace) {
            return Err(RuleError::new(
                file,
                at(name.span()),
                "a rule name must be non-empty, without spaces",
            ));
        }
        if n.starts_with("heuristic.") {
            return Err(RuleError::new(
                file,
                at(name.span()),
                "rule names starting with `heuristic.` are reserved for the heuristics",
            ));
        }
        Ok((n.clone(), line_col(&source.text, name.span().start).0))
    };

    let mut scope = Scope::default();
    if let Some(s) = &parsed.scope {
        if let Some(glob) = &s.path {
            let g = Glob::new(glob.get_ref()).map_err(|e| {
                RuleError::new(file, at(glob.span()), format!("bad glob: {}", e.kind()))
            })?;
            scope.path = Some(g.compile_matcher());
        }
        if let Some(text) = &s.text {
            scope.text = Some(compile(text)?);
        }
    }

    let mut rules = Vec::new();
    let mut push =
        |name: &Spanned<String>, pattern: &Spanned<String>, zone: Zone, options: RuleOptions| {
            let (name, line) = check_name(name)?;
            let (regex, gate) = compile_matcher(pattern)?;
            let replacer = match zone {
                Zone::Inline => Some(compile(pattern)?),
                _ => None,
            };
            rules.push(Rule {
                name,
                zone,
                pattern: pattern.get_ref().clone(),
                file: file.to_string(),
                line,
                group: 0,
                regex,
                replacer,
                gate,
                options,
            });
            Ok::<(), RuleError>(())
        };
    for h in &parsed.header {
        push(&h.name, &h.pattern, Zone::Header, RuleOptions::Header)?;
    }
    for f in &parsed.footer {
        let min_position = match &f.min_position {
            Some(p) if !(0.0..=1.0).contains(p.get_ref()) => {
                return Err(RuleError::new(
                    file,
                    at(p.span()),
                    "min_position must lie between 0 and 1",
                ))
            }
            Some(p) => *p.get_ref(),
            None => DEFAULT_MIN_POSITION,
        };
        let options = RuleOptions::Footer {
            action: f.action.unwrap_or(FooterAction::Cut),
            min_position,
            min_words_before: f.min_words_before.unwrap_or(DEFAULT_MIN_WORDS_BEFORE),
            unless_article_resumes: f.unless_article_resumes,
        };
        push(&f.name, &f.pattern, Zone::Footer, options)?;
    }
    for s in &parsed.sidebar {
        let min_run = match &s.min_run {
            Some(m) if *m.get_ref() == 0 => {
                return Err(RuleError::new(
                    file,
                    at(m.span()),
                    "min_run must be at least 1",
                ))
            }
            Some(m) => *m.get_ref(),
            None => 1,
        };
        let options = RuleOptions::Sidebar {
            before: s.before,
            after: s.after,
            min_run,
            list_after: s.list_after,
        };
        push(&s.name, &s.pattern, Zone::Sidebar, options)?;
    }
    for i in &parsed.inline {
        let lead = match &i.lead {
            Some(l) if *l.get_ref() == 0 => {
                return Err(RuleError::new(
                    file,
                    at(l.span()),
                    "lead must be at least 1 (or left out)",
                ))
            }
            other => other.as_ref().map(|l| *l.get_ref()),
        };
        push(
            &i.name,
            &i.pattern,
            Zone::Inline,
            RuleOptions::Inline {
                replace: i.replace.clone(),
                lead,
            },
        )?;
    }
    // Rules keep the order they have in the file, whatever their zone: the first match wins.
    rules.sort_by_key(|r| r.line);
    let heuristics = match &parsed.heuristics {
        Some(table) => Some((
            heuristics::table_line(&source.text),
            heuristics::compile(table, source)?,
        )),
        None => None,
    };
    Ok(ParsedFile {
        scope,
        rules,
        heuristics,
    })
}

/// The error for a zone whose patterns, each within the limit, are too large together; it names
/// the rule files holding that zone's rules, since the problem has no single place.
fn combine_error(rules: &[Rule], zone: Zone, error: String) -> RuleError {
    let mut files: Vec<&str> = Vec::new();
    for r in rules.iter().filter(|r| r.zone == zone) {
        if !files.contains(&r.file.as_str()) {
            files.push(&r.file);
        }
    }
    let reason = if error.contains("size limit") {
        format!(
            "the {zone} patterns together compile to more than the limit of {} bytes; \
             simplify them or make them fewer",
            REGEX_SIZE_LIMIT * 4
        )
    } else {
        format!("cannot combine the {zone} patterns: {error}")
    };
    RuleError::new(&files.join(", "), None, reason)
}

/// The last line of a regex parse error ("unclosed group"), without the pattern echo.
fn regex_reason(text: &str) -> String {
    let last = text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(text)
        .trim();
    last.strip_prefix("error: ").unwrap_or(last).to_string()
}

/// The place of a regex error: the pattern's own place, moved to the character the regex parser
/// points at when the pattern is a one-line literal string (`'...'`, where no escapes shift it).
fn regex_place(source: &RuleSource, pattern: &Spanned<String>, error: &str) -> (usize, usize) {
    let (line, col) = line_col(&source.text, pattern.span().start);
    let literal =
        source.text[pattern.span()].starts_with('\'') && !pattern.get_ref().contains('\n');
    let mut lines = error.lines();
    let (Some(_), Some(echo), Some(carets)) = (lines.next(), lines.next(), lines.next()) else {
        return (line, col);
    };
    match (
        literal,
        echo.strip_prefix("    ") == Some(pattern.get_ref().as_str()),
        carets.find('^'),
    ) {
        (true, true, Some(k)) if k >= 4 => (line, col + 1 + carets[4..k].chars().count()),
        _ => (line, col),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(text: &str) -> Result<RuleSet, RuleError> {
        RuleSet::from_sources(&[RuleSource::new("t.toml", text)])
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\nđức x", 9), (2, 4));
    }

    #[test]
    fn bad_regex_points_at_the_pattern() {
        let err = compile("[[header]]\nname = \"h\"\npattern = '(unclosed'\n").unwrap_err();
        assert_eq!(err.place, Some((3, 12)), "points at the open parenthesis");
        assert!(err.message.starts_with("bad pattern:"), "{}", err.message);
    }

    #[test]
    fn a_pattern_too_large_is_refused_when_the_file_is_loaded() {
        // Far past the limit, and close to it: automata are built on first use only when they
        // are sure to fit, so the limit is still enforced at load.
        for pattern in [r"\w{2000}", r"[\p{L}\d ]{1200}"] {
            let text = format!("[[sidebar]]\nname = \"s\"\npattern = '{pattern}'\n");
            let err = compile(&text).unwrap_err();
            assert!(
                err.message.starts_with("pattern too large"),
                "{}",
                err.message
            );
            assert_eq!(err.place.map(|p| p.0), Some(3));
        }
        assert!(compile("[[sidebar]]\nname = \"s\"\npattern = '[\\p{L}\\d ]{40}'\n").is_ok());
    }

    #[test]
    fn unknown_key_points_at_the_key() {
        let err = compile("[[header]]\nname = \"h\"\npatern = 'x'\n").unwrap_err();
        assert_eq!(err.place.map(|p| p.0), Some(3));
        assert!(
            err.message.contains("unknown field `patern`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn duplicate_names_are_refused() {
        let err = compile(
            "[[header]]\nname = \"a\"\npattern = 'x'\n[[sidebar]]\nname = \"a\"\npattern = 'y'\n",
        )
        .unwrap_err();
        assert_eq!(err.place, Some((5, 1)));
        assert!(err.message.contains("duplicate rule name `a`"));
    }

    /// Found by the `rules` fuzz target: the TOML parser's message for this is empty.
    #[test]
    fn a_lone_carriage_return_gets_a_message() {
        let err = compile("\r(").unwrap_err();
        assert_eq!(err.place, Some((1, 1)));
        assert_eq!(err.message, "not valid TOML: unexpected character '\\r'");
    }

    #[test]
    fn empty_rule_set_is_refused() {
        let err = compile("# nothing\n").unwrap_err();
        assert!(err.message.contains("no rules"));
    }
}
