//! hyoka (評価): reads, checks and consolidates Japanese municipal evaluation workbooks.
//!
//! The modules follow the pipeline: `read` → `normalise` → `extract` → `check` →
//! `consolidate` → `write`. A form is data: a spec file under `templates/`, loaded by `spec` into the model of `form`. `serve`
//! is the page departments check their workbooks on; `library` is hyoka called from another
//! program (the Python package).

pub mod check;
pub mod cli;
pub mod config;
pub mod consolidate;
pub mod extract;
pub mod finding;
pub mod form;
pub mod i18n;
pub mod library;
pub mod normalise;
pub mod outcome;
pub mod pipeline;
pub mod read;
pub mod serve;
pub mod spec;
pub mod write;
