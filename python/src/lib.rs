//! The native half of the `clean_rules` Python package (`clean_rules._core`). It exists so that
//! cluster engines driven from Python (Ray Data, Spark) run the very same compiled rules and pure
//! cleaning core as the `clean` binary, with the same results and the same error messages, instead
//! of a second implementation. Everything here is a thin translation between Python objects and
//! the `clean` library; no cleaning logic lives in this crate.

use pyo3::prelude::*;

mod cleaner;
mod errors;

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<cleaner::Cleaner>()?;
    m.add("RuleError", m.py().get_type::<errors::RuleError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
