//! A finding: one thing wrong (or worth knowing) about one cell of one file.

use crate::i18n::{Lang, Message};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    /// Stable code, e.g. `sum-mismatch`; rules from a form spec carry the spec's code.
    pub code: String,
    pub file: String,
    pub sheet: Option<String>,
    /// A1 reference of the cell.
    pub cell: Option<String>,
    /// The spec's key of the field or measure (`gen`, `kpi.1.actual`).
    pub field: Option<String>,
    /// The label of `field` as the form prints it (`人件費`, `成果指標 1 実績`).
    pub field_label: Option<crate::i18n::Arg>,
    /// Western year the 年度 starts in.
    pub fiscal_year: Option<i32>,
    pub expected: Option<String>,
    pub actual: Option<String>,
    /// What is wrong, rendered by the writers in the output's language.
    pub message: Message,
    pub hint: Option<Message>,
    /// The sheet's 備考 text, shown beside its findings.
    pub remarks: Option<String>,
    /// Zero-based (row, column) of `cell`, for ordering; not exported.
    pub position: Option<(u32, u32)>,
    /// Sheet order in the workbook, for ordering; not exported.
    pub sheet_index: usize,
    /// Last year's cell a finding of the audit compares with.
    pub previous: Option<Box<PriorCell>>,
    /// The office's acknowledgement that turned this finding into 情報.
    pub accepted: Option<String>,
    /// Further cells with the same finding, when the rows of an export that share one cause
    /// are reported once (`cell` is the first).
    pub cells: Vec<String>,
}

/// Where a figure stood in last year's submission.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PriorCell {
    pub file: String,
    pub sheet: String,
    pub cell: String,
    pub value: Option<String>,
    #[serde(skip)]
    pub abs_path: std::path::PathBuf,
}

impl Finding {
    pub fn new(severity: Severity, code: &str, file: &str, message: Message) -> Finding {
        Finding {
            severity,
            code: code.to_string(),
            file: file.to_string(),
            sheet: None,
            cell: None,
            field: None,
            field_label: None,
            fiscal_year: None,
            expected: None,
            actual: None,
            message,
            hint: None,
            remarks: None,
            position: None,
            sheet_index: 0,
            previous: None,
            accepted: None,
            cells: Vec::new(),
        }
    }
}

impl Finding {
    pub fn text(&self, lang: Lang) -> String {
        self.message.render(lang)
    }
    /// The message as the workbooks show it: with the office's acceptance when there is one.
    pub fn shown_message(&self, lang: Lang) -> String {
        let mut m = self.text(lang);
        if let Some(a) = &self.accepted {
            m.push_str(match lang {
                Lang::Ja => "\n承認済み: ",
                Lang::En => "\naccepted: ",
            });
            m.push_str(a);
        }
        m
    }
    /// The field as the form prints it, or its key when the form has no label for it.
    pub fn field_text(&self, lang: Lang) -> Option<String> {
        self.field_label
            .as_ref()
            .map(|l| l.render(lang))
            .or_else(|| self.field.clone())
    }
    /// `令和6年度` / `FY2024`.
    pub fn year_text(&self, lang: Lang) -> Option<String> {
        self.fiscal_year
            .map(|y| crate::i18n::Arg::Year(crate::normalise::FiscalYear(y)).render(lang))
    }
    pub fn hint_text(&self, lang: Lang) -> Option<String> {
        self.hint.as_ref().map(|h| h.render(lang))
    }
}

/// A finding as report.json writes it: the message rendered in the report's language.
#[derive(Serialize)]
pub struct FindingJson<'a> {
    pub severity: Severity,
    pub code: &'a str,
    pub file: &'a str,
    pub sheet: &'a Option<String>,
    pub cell: &'a Option<String>,
    pub field: &'a Option<String>,
    pub field_label: Option<String>,
    pub fiscal_year: Option<i32>,
    pub expected: &'a Option<String>,
    pub actual: &'a Option<String>,
    pub message: String,
    pub hint: Option<String>,
    pub remarks: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<&'a PriorCell>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted: &'a Option<String>,
    /// Every cell of a finding reported once for many rows, the first included.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<&'a str>,
}

impl Finding {
    pub fn json(&self, lang: Lang) -> FindingJson<'_> {
        FindingJson {
            severity: self.severity,
            code: &self.code,
            file: &self.file,
            sheet: &self.sheet,
            cell: &self.cell,
            field: &self.field,
            field_label: self.field_label.as_ref().map(|a| a.render(lang)),
            fiscal_year: self.fiscal_year,
            expected: &self.expected,
            actual: &self.actual,
            message: self.text(lang),
            hint: self.hint_text(lang),
            remarks: &self.remarks,
            previous: self.previous.as_deref(),
            accepted: &self.accepted,
            cells: match self.cells.is_empty() {
                true => Vec::new(),
                false => self
                    .cell
                    .iter()
                    .chain(&self.cells)
                    .map(String::as_str)
                    .collect(),
            },
        }
    }
}

/// `(0, 0)` → `A1`.
pub fn a1(row: u32, col: u32) -> String {
    format!("{}{}", column_letters(col), row + 1)
}

pub fn column_letters(col: u32) -> String {
    let mut n = col + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push((b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Sorts findings into the order people read them: by file, sheet, row, column, then code.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (
            &a.file,
            a.sheet_index,
            a.position.map(|p| (p.0, p.1)),
            &a.code,
            &a.field,
            a.fiscal_year,
        )
            .cmp(&(
                &b.file,
                b.sheet_index,
                b.position.map(|p| (p.0, p.1)),
                &b.code,
                &b.field,
                b.fiscal_year,
            ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn a1_references() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(9, 3), "D10");
        assert_eq!(a1(0, 25), "Z1");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(1_048_575, 16_383), "XFD1048576");
    }
}
