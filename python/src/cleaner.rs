//! `Cleaner`: one compiled rule set held by Python. Rules are loaded exactly as the CLI loads them
//! (`--rules`, `--add-rules`), compiled once, and applied by the library's pure core; batches are
//! cleaned on rayon threads with the GIL released, so a Python worker uses its cores the way the
//! binary does and other Python threads keep running meanwhile.

use std::path::PathBuf;

use clean::{RuleSet, RuleSource};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple, PyType};
use rayon::prelude::*;

use crate::errors;

/// Rule files as Python names them: one path (a `.toml` file or a folder of them) or a list.
#[derive(FromPyObject)]
enum RulePaths {
    One(PathBuf),
    Many(Vec<PathBuf>),
}

impl RulePaths {
    fn into_vec(self) -> Vec<PathBuf> {
        match self {
            RulePaths::One(p) => vec![p],
            RulePaths::Many(v) => v,
        }
    }
}

/// Cleans documents with the rules of `clean`.
///
/// `Cleaner()` uses the rules built into the package (the same as the CLI's); `rules=` replaces
/// them and `add_rules=` adds to them, each a path to a `.toml` file or a folder of them, or a
/// list of such paths, just like `--rules` and `--add-rules`. `threads=N` cleans batches on a
/// pool of its own with N threads (default: the shared pool, one thread per core). Raises
/// `RuleError` for unusable rules and `OSError` for unreadable rule files.
#[pyclass(frozen, module = "clean_rules._core")]
pub struct Cleaner {
    rules: RuleSet,
    /// The rule files the set was compiled from, kept so that a pickled cleaner can be rebuilt.
    sources: Vec<RuleSource>,
    threads: Option<usize>,
    /// A dedicated pool when `threads` is given; rayon's global pool otherwise.
    pool: Option<rayon::ThreadPool>,
}

impl Cleaner {
    fn build(py: Python<'_>, sources: Vec<RuleSource>, threads: Option<usize>) -> PyResult<Self> {
        let rules = RuleSet::from_sources(&sources).map_err(|e| errors::rule_error(py, &e))?;
        let pool = match threads {
            None => None,
            Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
            Some(n) => Some(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .map_err(|e| PyValueError::new_err(format!("cannot start {n} threads: {e}")))?,
            ),
        };
        Ok(Cleaner {
            rules,
            sources,
            threads,
            pool,
        })
    }

    /// Runs `work` on this cleaner's pool (or the global one) with the GIL released.
    fn run_detached<T: Send>(&self, py: Python<'_>, work: impl FnOnce() -> T + Send) -> T {
        py.detach(|| match &self.pool {
            Some(pool) => pool.install(work),
            None => work(),
        })
    }
}

#[pymethods]
impl Cleaner {
    #[new]
    #[pyo3(signature = (rules=None, *, add_rules=None, threads=None))]
    fn new(
        py: Python<'_>,
        rules: Option<RulePaths>,
        add_rules: Option<RulePaths>,
        threads: Option<usize>,
    ) -> PyResult<Self> {
        let replace = rules.map(RulePaths::into_vec);
        let add = add_rules.map(RulePaths::into_vec).unwrap_or_default();
        let mut sources = match &replace {
            None => clean::builtin::sources(),
            Some(_) => Vec::new(),
        };
        for path in replace.iter().flatten().chain(&add) {
            sources.extend(RuleSet::read_sources(path).map_err(|e| errors::to_py(py, e))?);
        }
        Cleaner::build(py, sources, threads)
    }

    /// Rebuilds a cleaner from rule file names and texts (what pickling stores).
    #[classmethod]
    #[pyo3(signature = (sources, threads=None))]
    fn _from_sources(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        sources: Vec<(String, String)>,
        threads: Option<usize>,
    ) -> PyResult<Self> {
        let sources = sources
            .into_iter()
            .map(|(name, text)| RuleSource::new(name, text))
            .collect();
        Cleaner::build(py, sources, threads)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let this = slf.get();
        let sources: Vec<(String, String)> = this
            .sources
            .iter()
            .map(|s| (s.name.clone(), s.text.clone()))
            .collect();
        let rebuild = slf.get_type().getattr("_from_sources")?;
        (rebuild, (sources, this.threads)).into_pyobject(py)
    }

    /// The cleaned text of one document. `path` (relative, `/`-separated) lets rule files scoped
    /// by a path glob apply, as they do for the CLI's relative paths.
    #[pyo3(signature = (text, path=None))]
    fn clean(&self, py: Python<'_>, text: String, path: Option<String>) -> String {
        py.detach(|| self.rules.clean_at(&text, path.as_deref()).text)
    }

    /// The cleaned texts of a list of documents, in order, cleaned in parallel with the GIL
    /// released. A None stays None (a null in a column). `paths`, when given, is one relative
    /// path (or None) per document.
    #[pyo3(signature = (texts, paths=None))]
    fn clean_batch(
        &self,
        py: Python<'_>,
        texts: Vec<Option<String>>,
        paths: Option<Vec<Option<String>>>,
    ) -> PyResult<Vec<Option<String>>> {
        let paths = match paths {
            Some(p) if p.len() != texts.len() => {
                return Err(PyValueError::new_err(format!(
                    "paths has {} entries for {} texts",
                    p.len(),
                    texts.len()
                )))
            }
            Some(p) => p,
            None => vec![None; texts.len()],
        };
        Ok(self.run_detached(py, || {
            texts
                .par_iter()
                .zip(paths.par_iter())
                .map(|(text, path)| {
                    text.as_deref()
                        .map(|t| self.rules.clean_at(t, path.as_deref()).text)
                })
                .collect()
        }))
    }

    /// What cleaning one document does, rule by rule: a dict with `text` (the cleaned text),
    /// `removals` (one dict per dropped non-blank line: `line`, 1-based after line ends are
    /// normalized, `zone`, `rule`, `text` as normalized) and `edits` (one dict per inline edit of a
    /// kept line: `line`, `rule`, `before`, `after`).
    #[pyo3(signature = (text, path=None))]
    fn explain<'py>(
        &self,
        py: Python<'py>,
        text: String,
        path: Option<String>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let (cleaned, normalized) = py.detach(|| {
            let cleaned = self.rules.clean_at(&text, path.as_deref());
            (cleaned, clean::normalize::normalize(&text).into_owned())
        });
        let lines: Vec<&str> = normalized.split('\n').collect();
        let removals = PyList::empty(py);
        for r in &cleaned.removals {
            let d = PyDict::new(py);
            d.set_item("line", r.line)?;
            d.set_item("zone", r.zone.as_str())?;
            d.set_item("rule", &self.rules.rule(r.rule).name)?;
            d.set_item("text", lines.get(r.line - 1).copied().unwrap_or(""))?;
            removals.append(d)?;
        }
        let edits = PyList::empty(py);
        for e in &cleaned.edits {
            let d = PyDict::new(py);
            d.set_item("line", e.line)?;
            d.set_item("rule", &self.rules.rule(e.rule).name)?;
            d.set_item("before", &e.before)?;
            d.set_item("after", &e.after)?;
            edits.append(d)?;
        }
        let out = PyDict::new(py);
        out.set_item("text", cleaned.text)?;
        out.set_item("removals", removals)?;
        out.set_item("edits", edits)?;
        Ok(out)
    }

    /// The names of the rules, in load order.
    #[getter]
    fn rule_names(&self) -> Vec<String> {
        self.rules.rules().iter().map(|r| r.name.clone()).collect()
    }

    /// The rule files the rules come from, in load order (`<builtin>/...` for embedded ones).
    #[getter]
    fn files(&self) -> Vec<String> {
        self.rules.files().to_vec()
    }

    fn __repr__(&self) -> String {
        format!(
            "Cleaner({} rules from {})",
            self.rules.rules().len(),
            self.rules.files().join(", ")
        )
    }
}
