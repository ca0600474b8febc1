//! hyoka (評価): reads, checks and consolidates Japanese municipal evaluation workbooks.
//!
//! The modules follow the pipeline: `read` → `normalise` → `extract` → `check` →
//! `consolidate` → `write`. A form is data: a spec file under `templates/` (`spec`). `serve`
//! is the page departments check their workbooks on.

pub mod check;
pub mod cli;
pub mod config;
pub mod consolidate;
pub mod extract;
pub mod finding;
pub mod i18n;
pub mod normalise;
pub mod pipeline;
pub mod read;
pub mod serve;
pub mod spec;
pub mod write;
