//! Consolidate: the checked projects of all files as tables for the unified workbook and the
//! CSV: a project list, a long table (project × measure × fiscal year) and per-department sums.

pub mod reread;
pub mod spill;

use crate::extract::derived::usable;
use crate::finding::a1;
use crate::form::FormSpec;
use crate::normalise::FiscalYear;
use crate::outcome::{FileOutcome, Project};
use std::collections::{BTreeMap, BTreeSet};

/// One row of the long table and of `consolidated.csv`: one observation with its project.
#[derive(Debug, Clone, PartialEq)]
pub struct LongRow {
    pub department: String,
    pub project_id: String,
    pub form: String,
    pub block: String,
    /// The heading of the block's occurrence (`紡ぐ 6 ▶ ①協働のまちづくりの推進`), for blocks that
    /// repeat on a sheet.
    pub heading: String,
    pub record: String,
    /// The observation's key: the spec's row key (`gen`), or `block.record.measure`.
    pub measure: String,
    pub fiscal_year: i32,
    pub phase: String,
    pub value: f64,
    pub unit: String,
    pub source_file: String,
    pub source_sheet: String,
    pub source_cell: String,
    /// Whether the project's sheet had errors or warnings (`ok`, `warnings`, `errors`).
    pub status: crate::outcome::ProjectStatus,
}

impl LongRow {
    /// The text columns in `LONG_COLUMNS` order, without `fiscal_year` and `value`.
    pub fn texts(&self) -> [&str; 13] {
        [
            &self.department,
            &self.project_id,
            &self.form,
            &self.block,
            &self.heading,
            &self.record,
            &self.measure,
            &self.phase,
            &self.unit,
            &self.source_file,
            &self.source_sheet,
            &self.source_cell,
            self.status.as_str(),
        ]
    }
}

pub const LONG_COLUMNS: &[&str] = &[
    "department",
    "project_id",
    "form",
    "block",
    "heading",
    "record",
    "measure",
    "fiscal_year",
    "phase",
    "value",
    "unit",
    "source_file",
    "source_sheet",
    "source_cell",
    "status",
];

/// One project of the project list.
#[derive(Debug, Clone)]
pub struct ProjectRow<'a> {
    pub project: &'a Project,
    pub department: String,
    pub fields: Vec<(String, String)>,
    /// The total measure per fiscal year, with its cell.
    pub totals: BTreeMap<FiscalYear, (f64, String)>,
    /// The unit the totals are written in (`千円`), as their cells or the form give it.
    pub unit: Option<String>,
    /// The 部 the sheet names (the form's `bureau_field`), if it has one.
    pub bureau: Option<String>,
    pub cell: String,
}

fn spec_of<'a>(forms: &'a [FormSpec], id: &str) -> Option<&'a FormSpec> {
    forms.iter().find(|f| f.form.id == id)
}

/// Projects of every accepted or partly wrong file, in file and sheet order.
pub fn projects(outcomes: &[FileOutcome]) -> impl Iterator<Item = &Project> {
    outcomes.iter().flat_map(|o| o.projects.iter())
}

/// The observations that hold numbers, with their project: a projection of what was read,
/// in file, sheet and reading order. Units were converted once, when the sheet was read.
pub fn long_table(outcomes: &[FileOutcome], forms: &[FormSpec]) -> Vec<LongRow> {
    long_rows(outcomes, forms).collect()
}

/// The long table as a stream, one project's rows at a time, so the book, the CSV and the
/// Parquet files are written without the whole table in memory.
pub fn long_rows<'a>(
    outcomes: &'a [FileOutcome],
    forms: &'a [FormSpec],
) -> impl Iterator<Item = LongRow> + 'a {
    projects(outcomes).flat_map(move |p| project_long_rows(p, forms))
}

/// One project's rows of the long table.
pub fn project_long_rows(p: &Project, forms: &[FormSpec]) -> Vec<LongRow> {
    let Some(spec) = spec_of(forms, &p.form_id) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    let department = p.department.clone().unwrap_or_default();
    let project_id = spec.project_id(&p.data).unwrap_or_default();
    for o in &p.data.observations {
        // A number whose unit did not convert is not mixed into its measure.
        let row = spec.block(&o.block).and_then(|b| b.layout.cell_row(b, o));
        let (Some(value), Some(year)) = (usable(row, o), o.fiscal_year()) else {
            continue;
        };
        rows.push(LongRow {
            department: department.clone(),
            project_id: project_id.clone(),
            form: p.form_id.clone(),
            block: o.block.clone(),
            heading: p
                .data
                .block(&o.block)
                .find(|b| b.instance == o.instance)
                .and_then(|b| b.heading.clone())
                .unwrap_or_default(),
            record: o.record.clone().unwrap_or_default(),
            measure: o.key(),
            fiscal_year: year.0,
            phase: o
                .phase
                .map(|ph| ph.as_str().to_string())
                .unwrap_or_default(),
            value,
            unit: o.unit.clone().unwrap_or_default(),
            source_file: p.file.clone(),
            source_sheet: p.sheet.clone(),
            source_cell: a1(o.pos.0, o.pos.1),
            status: p.status,
        });
    }
    rows
}

pub fn project_rows<'a>(outcomes: &'a [FileOutcome], forms: &[FormSpec]) -> Vec<ProjectRow<'a>> {
    let mut out = Vec::new();
    for p in projects(outcomes) {
        let Some(spec) = spec_of(forms, &p.form_id) else {
            continue;
        };
        // Values as normalised: 事業番号 folded to ASCII, years as 令和n年度.
        let fields = spec
            .fields
            .iter()
            .filter(|f| !f.spec.wide)
            .map(|f| {
                let key = f.spec.key.clone();
                let text = match p.data.fields.get(&key).and_then(|v| v.year.as_ref()) {
                    Some(y) => y.year.japanese(),
                    None if key == spec.form.project_id_field => {
                        spec.project_id(&p.data).unwrap_or_default()
                    }
                    None => p.data.field_text(&key).unwrap_or("").trim().to_string(),
                };
                (key, text)
            })
            .collect();
        let mut totals = BTreeMap::new();
        let mut unit = None;
        if let Some((row, key)) = spec.total_row() {
            unit = row.unit.clone().filter(|u| !u.is_empty());
            for o in &p.data.observations {
                if o.key() != key {
                    continue;
                }
                if let (Some(v), Some(y)) = (usable(Some(row), o), o.fiscal_year()) {
                    totals.insert(y, (v, a1(o.pos.0, o.pos.1)));
                    if unit.is_none() {
                        unit = o.unit.clone().filter(|u| !u.is_empty());
                    }
                }
            }
        }
        let bureau = spec
            .form
            .bureau_field
            .as_ref()
            .and_then(|k| p.data.field_text(k))
            .map(crate::normalise::fold)
            .filter(|b| !b.trim().is_empty());
        let cell = p
            .data
            .fields
            .get(&spec.form.project_id_field)
            .map(|f| a1(f.value_pos.0, f.value_pos.1))
            .unwrap_or_else(|| a1(p.data.title_pos.0, p.data.title_pos.1));
        out.push(ProjectRow {
            project: p,
            department: p.department.clone().unwrap_or_default(),
            fields,
            totals,
            unit,
            bureau,
            cell,
        });
    }
    out
}

/// Every fiscal year any project reports a total for, in order.
pub fn total_years(rows: &[ProjectRow]) -> Vec<FiscalYear> {
    let set: BTreeSet<FiscalYear> = rows.iter().flat_map(|r| r.totals.keys().copied()).collect();
    set.into_iter().collect()
}

/// The 評価年度 most sheets give (the later one on a tie), for books of a run that was not
/// told its year.
pub fn most_common_year(outcomes: &[FileOutcome], forms: &[FormSpec]) -> Option<FiscalYear> {
    let mut counts: BTreeMap<FiscalYear, usize> = BTreeMap::new();
    for p in projects(outcomes) {
        let Some(spec) = spec_of(forms, &p.form_id) else {
            continue;
        };
        let year = p
            .data
            .fields
            .get(&spec.form.eval_year_field)
            .and_then(|v| v.year.as_ref())
            .map(|y| y.year);
        if let Some(y) = year {
            *counts.entry(y).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|(y, n)| (*n, *y))
        .map(|(y, _)| y)
}
