//! Check: every rule of the form, each finding at a cell. One module per rule family behind
//! `rule::SheetRule` (fields, structure, cells, columns, identities, grades, repeats,
//! schedule), listed here in the order they run; files, sheets, the checks across files and the
//! audit across years have their modules too. Each module owns its codes: id, default
//! severity, a one-line summary and the message, in Japanese and English side by side.
//! `registry` lists them all for `hyoka rules` and the README; `explanations.toml` says why
//! each exists, for `hyoka rules CODE`.
//!
//! Rules read the observations of a sheet (`extract::SheetRead`), never the grid.

pub mod accepted;
pub mod audit;
pub mod cells;
pub mod columns;
pub mod cross_file;
pub mod departments;
pub mod fields;
pub mod files;
pub mod grades;
mod hints;
pub mod identities;
pub mod registry;
pub mod repeats;
pub mod rule;
pub mod schedule;
pub mod sheets;
pub mod structure;

pub use departments::{ends_like_a_department, CheckConfig, DepartmentList};
pub use rule::{
    label_of_key, period_arg, year_arg, Code, SheetReporter, SheetRule, SheetUnderCheck,
};

use crate::extract::SheetRead;
use crate::form::FormSpec;

/// Every sheet rule, in the order they run.
pub static SHEET_RULES: &[&dyn SheetRule] = &[
    &fields::Fields,
    &structure::Structure,
    &cells::Cells,
    &columns::Columns,
    &identities::Identities,
    &grades::Grades,
    &repeats::Repeats,
    &schedule::Schedule,
];

/// Runs every rule of the form on one sheet as read.
pub fn check_sheet(
    spec: &FormSpec,
    read: &SheetRead,
    config: &CheckConfig,
    out: &mut SheetReporter,
) {
    let sheet = SheetUnderCheck { spec, read, config };
    for rule in SHEET_RULES {
        rule.check(&sheet, out);
    }
    if let Some(r) = sheet.remarks() {
        for f in &mut out.findings {
            f.remarks = Some(r.to_string());
        }
    }
}
