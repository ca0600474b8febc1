//! Check: every rule of the form, per fiscal-year column, each finding at a cell. One module
//! per rule family (fields, measures, grades); all produce the same `Finding`.

mod fields;
mod grades;
mod hints;
mod measures;

pub use fields::fold_identifier;

use crate::extract::FormSheet;
use crate::finding::{a1, Finding, Severity};
use crate::i18n::{Lang, Msg};
use crate::normalise::FiscalYear;
use crate::spec::FormSpec;
use std::collections::BTreeMap;

/// What the central office configures for a run.
#[derive(Debug, Clone, Default)]
pub struct CheckConfig {
    /// The year being submitted (`--year`): every sheet's 評価年度 must be it.
    pub submission_year: Option<FiscalYear>,
    pub departments: Option<DepartmentList>,
}

/// The department list: current names, and old names mapped to new ones.
#[derive(Debug, Clone, Default)]
pub struct DepartmentList {
    pub names: Vec<String>,
    pub renamed: BTreeMap<String, String>,
}

impl DepartmentList {
    /// One name per line; `旧名 => 新名` maps an old name to its successor; `#` starts a comment.
    pub fn parse(text: &str) -> DepartmentList {
        let mut list = DepartmentList::default();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some((old, new)) = line.split_once("=>") {
                let (old, new) = (crate::normalise::fold(old), crate::normalise::fold(new));
                list.renamed.insert(old, new.clone());
                if !list.names.contains(&new) {
                    list.names.push(new);
                }
            } else {
                let n = crate::normalise::fold(line);
                if !list.names.contains(&n) {
                    list.names.push(n);
                }
            }
        }
        list
    }

    /// The current name for a department, if known.
    pub fn resolve(&self, name: &str) -> Option<String> {
        let n = crate::normalise::fold(name);
        if self.names.contains(&n) {
            Some(n)
        } else {
            self.renamed.get(&n).cloned()
        }
    }
}

/// Collects the findings of one sheet, filling in file, sheet and cell.
pub struct SheetReporter<'a> {
    pub file: &'a str,
    pub sheet: &'a str,
    pub sheet_index: usize,
    pub lang: Lang,
    pub findings: Vec<Finding>,
}

impl SheetReporter<'_> {
    pub fn push(
        &mut self,
        severity: Severity,
        code: &str,
        pos: (u32, u32),
        msg: Msg,
    ) -> &mut Finding {
        let mut f = Finding::new(severity, code, self.file, msg.render(self.lang));
        f.sheet = Some(self.sheet.to_string());
        f.cell = Some(a1(pos.0, pos.1));
        f.position = Some(pos);
        f.sheet_index = self.sheet_index;
        self.findings.push(f);
        self.findings.last_mut().unwrap()
    }

    pub fn year_text(&self, y: FiscalYear) -> String {
        match self.lang {
            Lang::Ja => y.japanese(),
            Lang::En => format!("FY{}", y.0),
        }
    }
}

/// Runs every rule of the form on one extracted sheet.
pub fn check_sheet(
    spec: &FormSpec,
    sheet: &FormSheet,
    config: &CheckConfig,
    out: &mut SheetReporter,
) {
    fields::check(spec, sheet, config, out);
    measures::check(spec, sheet, out);
    grades::check(spec, sheet, out);
    let remarks = spec
        .form
        .remarks_field
        .as_ref()
        .and_then(|k| sheet.field_text(k))
        .filter(|t| !t.trim().is_empty())
        .map(str::to_string);
    if let Some(r) = remarks {
        for f in &mut out.findings {
            f.remarks = Some(r.clone());
        }
    }
}

/// Formats a number for `expected`/`actual`: integers without decimals, others trimmed.
pub fn show(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}
