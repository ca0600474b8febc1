//! `hyoka._hyoka`: the Rust side of the Python package. Each function takes the command
//! line's options, releases the GIL, runs `hyoka::library` (the same run as the command line,
//! rayon inside) and hands its Arrow tables to pyarrow through the C stream interface, so the
//! columns are never copied into Python objects. The friendly signatures are in
//! `hyoka/__init__.py`.

use arrow_array::ffi_stream::RecordBatchStreamReader;
use arrow_array::{RecordBatch, RecordBatchReader};
use arrow_pyarrow::{IntoPyArrow, Table};
use hyoka::i18n::Lang;
use hyoka::library::{self, Inputs, Options};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedBytes;
use std::path::PathBuf;
use std::sync::Arc;

create_exception!(
    _hyoka,
    HyokaError,
    PyException,
    "A run that could not start: a form spec, hyoka.toml, the year or a path. Its text is in the language asked for. A workbook that cannot be read is never this: it is a row of `files`."
);

fn lang_of(lang: &str) -> PyResult<Lang> {
    match lang {
        "ja" => Ok(Lang::Ja),
        "en" => Ok(Lang::En),
        other => Err(PyValueError::new_err(format!(
            "lang は \"ja\" か \"en\" です / lang is \"ja\" or \"en\", not {other:?}"
        ))),
    }
}

fn error(e: anyhow::Error) -> PyErr {
    HyokaError::new_err(format!("{e:#}"))
}

fn table(py: Python<'_>, batch: RecordBatch) -> PyResult<Py<PyAny>> {
    let schema = batch.schema();
    let t =
        Table::try_new(vec![batch], schema).map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok(t.into_pyarrow(py)?.unbind())
}

/// The options every function takes, as the command line names them.
#[allow(clippy::too_many_arguments)]
fn options(
    spec: Vec<PathBuf>,
    templates: Option<PathBuf>,
    year: Option<String>,
    departments: Option<PathBuf>,
    config: Option<PathBuf>,
    lang: &str,
    municipality: Option<String>,
    across_files: bool,
    jobs: Option<usize>,
) -> PyResult<Options> {
    if jobs == Some(0) {
        return Err(PyValueError::new_err("jobs ≥ 1"));
    }
    Ok(Options {
        specs: spec,
        templates,
        year,
        departments,
        config,
        jobs,
        municipality,
        across_files,
        lang: lang_of(lang)?,
    })
}

type Four = (Py<PyAny>, Py<PyAny>, Py<PyAny>, Py<PyAny>);

fn tables(py: Python<'_>, inputs: Inputs, o: Options) -> PyResult<Four> {
    let t = py
        .detach(move || library::validate(inputs, &o))
        .map_err(error)?;
    Ok((
        table(py, t.findings)?,
        table(py, t.observations)?,
        table(py, t.files)?,
        table(py, t.facts)?,
    ))
}

/// validate(paths, spec, templates, year, departments, config, lang, municipality,
/// across_files, jobs) -> (findings, observations, files, facts)
#[pyfunction]
#[pyo3(signature = (paths, spec, templates, year, departments, config, lang, municipality, across_files, jobs))]
#[allow(clippy::too_many_arguments)]
fn validate(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    spec: Vec<PathBuf>,
    templates: Option<PathBuf>,
    year: Option<String>,
    departments: Option<PathBuf>,
    config: Option<PathBuf>,
    lang: &str,
    municipality: Option<String>,
    across_files: bool,
    jobs: Option<usize>,
) -> PyResult<Four> {
    let o = options(
        spec,
        templates,
        year,
        departments,
        config,
        lang,
        municipality,
        across_files,
        jobs,
    )?;
    tables(py, Inputs::Paths(paths), o)
}

/// validate_bytes(items, …) with items a list of (name, bytes): workbooks in memory.
#[pyfunction]
#[pyo3(signature = (items, spec, templates, year, departments, config, lang, municipality, across_files, jobs))]
#[allow(clippy::too_many_arguments)]
fn validate_bytes(
    py: Python<'_>,
    items: Vec<(String, PyBackedBytes)>,
    spec: Vec<PathBuf>,
    templates: Option<PathBuf>,
    year: Option<String>,
    departments: Option<PathBuf>,
    config: Option<PathBuf>,
    lang: &str,
    municipality: Option<String>,
    across_files: bool,
    jobs: Option<usize>,
) -> PyResult<Four> {
    let o = options(
        spec,
        templates,
        year,
        departments,
        config,
        lang,
        municipality,
        across_files,
        jobs,
    )?;
    let items: Vec<(String, Arc<[u8]>)> = items
        .into_iter()
        .map(|(name, bytes)| (name, Arc::from(&*bytes)))
        .collect();
    tables(py, Inputs::Bytes(items), o)
}

/// findings_across(facts, spec, templates, config, lang) -> findings: the checks across
/// files over a facts table (what Spark joined), any object with `__arrow_c_stream__`.
#[pyfunction]
#[pyo3(signature = (facts, spec, templates, config, lang))]
fn findings_across(
    py: Python<'_>,
    facts: arrow_pyarrow::PyArrowType<RecordBatchStreamReader>,
    spec: Vec<PathBuf>,
    templates: Option<PathBuf>,
    config: Option<PathBuf>,
    lang: &str,
) -> PyResult<Py<PyAny>> {
    let o = options(spec, templates, None, None, config, lang, None, true, None)?;
    let reader = facts.0;
    let schema = reader.schema();
    let batches = reader
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    let found = py
        .detach(move || {
            let facts = arrow_select::concat::concat_batches(&schema, &batches)?;
            library::findings_across(&facts, &o)
        })
        .map_err(error)?;
    table(py, found)
}

/// consolidate(paths, out, extra, spec, templates, year, departments, config, lang,
/// municipality, jobs) -> exit code, as `hyoka consolidate`.
#[pyfunction]
#[pyo3(signature = (paths, out, extra, spec, templates, year, departments, config, lang, municipality, jobs))]
#[allow(clippy::too_many_arguments)]
fn consolidate(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    out: PathBuf,
    extra: Vec<String>,
    spec: Vec<PathBuf>,
    templates: Option<PathBuf>,
    year: Option<String>,
    departments: Option<PathBuf>,
    config: Option<PathBuf>,
    lang: &str,
    municipality: Option<String>,
    jobs: Option<usize>,
) -> PyResult<u8> {
    let o = options(
        spec,
        templates,
        year,
        departments,
        config,
        lang,
        municipality,
        true,
        jobs,
    )?;
    let extra: Vec<std::ffi::OsString> = extra.into_iter().map(Into::into).collect();
    py.detach(move || library::consolidate(&paths, &out, &extra, &o))
        .map_err(error)
}

/// A table about the forms in use (`forms`, `rules`).
fn about_forms(
    py: Python<'_>,
    make: fn(&Options) -> anyhow::Result<RecordBatch>,
    spec: Vec<PathBuf>,
    templates: Option<PathBuf>,
    config: Option<PathBuf>,
    lang: &str,
) -> PyResult<Py<PyAny>> {
    let o = options(spec, templates, None, None, config, lang, None, true, None)?;
    let t = py.detach(move || make(&o)).map_err(error)?;
    table(py, t)
}

/// forms(spec, templates, config, lang) -> table
#[pyfunction]
#[pyo3(signature = (spec, templates, config, lang))]
fn forms(
    py: Python<'_>,
    spec: Vec<PathBuf>,
    templates: Option<PathBuf>,
    config: Option<PathBuf>,
    lang: &str,
) -> PyResult<Py<PyAny>> {
    about_forms(py, library::forms, spec, templates, config, lang)
}

/// rules(spec, templates, config, lang) -> table
#[pyfunction]
#[pyo3(signature = (spec, templates, config, lang))]
fn rules(
    py: Python<'_>,
    spec: Vec<PathBuf>,
    templates: Option<PathBuf>,
    config: Option<PathBuf>,
    lang: &str,
) -> PyResult<Py<PyAny>> {
    about_forms(py, library::rules, spec, templates, config, lang)
}

#[pymodule]
fn _hyoka(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // A reader's panic on a hostile workbook is that file's `reader-panic` row, not a
    // message on the notebook's stderr.
    hyoka::read::quiet_reader_panics();
    m.add("HyokaError", m.py().get_type::<HyokaError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(validate_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(findings_across, m)?)?;
    m.add_function(wrap_pyfunction!(consolidate, m)?)?;
    m.add_function(wrap_pyfunction!(forms, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    Ok(())
}
