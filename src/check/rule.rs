//! What a sheet rule is: its codes, what it may read (the form, the sheet as read, the run's
//! settings) and the reporter it writes findings to, with the arguments messages share.

use super::departments::CheckConfig;
use crate::extract::SheetRead;
use crate::finding::{a1, Finding, Severity};
use crate::form::FormSpec;
use crate::i18n::{Message, Text};
use crate::normalise::FiscalYear;

/// A finding code: its id, default severity, what it means, and its message.
#[derive(Debug)]
pub struct Code {
    pub id: &'static str,
    pub severity: Severity,
    /// One line for `hyoka rules` and the feedback's explanations.
    pub summary: Text,
    pub message: Text,
}

/// A family of sheet rules. `codes` lists every code `check` may report.
pub trait SheetRule: Sync {
    fn codes(&self) -> &'static [&'static Code];
    fn check(&self, sheet: &SheetUnderCheck, out: &mut SheetReporter);
}

/// What a rule may read: the form, the sheet as read, and the run's configuration.
pub struct SheetUnderCheck<'a> {
    pub spec: &'a FormSpec,
    pub read: &'a SheetRead,
    pub config: &'a CheckConfig,
}

impl SheetUnderCheck<'_> {
    /// The sheet's 備考, when the form has one and it is filled in.
    pub fn remarks(&self) -> Option<&str> {
        self.spec
            .form
            .remarks_field
            .as_ref()
            .and_then(|k| self.read.field_text(k))
            .filter(|t| !t.trim().is_empty())
    }
}

/// Collects the findings of one sheet, filling in file, sheet, cell and the severity the
/// form gives the code.
pub struct SheetReporter<'a> {
    pub file: &'a str,
    pub sheet: &'a str,
    pub sheet_index: usize,
    pub spec: Option<&'a FormSpec>,
    pub findings: Vec<Finding>,
}

impl SheetReporter<'_> {
    /// A finding of a registered code, with the severity the form gives it.
    pub fn push(&mut self, code: &'static Code, pos: (u32, u32), message: Message) -> &mut Finding {
        let severity = self
            .spec
            .map(|s| s.severity_of(code.id, code.severity))
            .unwrap_or(code.severity);
        self.push_as(code.id, severity, pos, message)
    }

    /// A finding of a code the form itself defines (an identity's `general-revenue`).
    pub fn push_as(
        &mut self,
        code: &str,
        severity: Severity,
        pos: (u32, u32),
        message: Message,
    ) -> &mut Finding {
        let mut f = Finding::new(severity, code, self.file, message);
        f.sheet = Some(self.sheet.to_string());
        f.cell = Some(a1(pos.0, pos.1));
        f.position = Some(pos);
        f.sheet_index = self.sheet_index;
        self.findings.push(f);
        self.findings.last_mut().unwrap()
    }
}

/// The label a person reads for a key of findings and exports: a field's label (`評価年度`),
/// a row's (`人件費`), or the block's label with the record and the value's label
/// (`kpi.1.actual` → `成果指標 1 実績`). `None` for a key the spec does not know.
pub fn label_of_key(spec: &FormSpec, key: &str) -> Option<crate::i18n::Arg> {
    use crate::i18n::Arg;
    if let Some(f) = spec.field(key) {
        return Some(f.words());
    }
    let Some((head, measure)) = key.rsplit_once('.') else {
        return spec
            .blocks
            .iter()
            .filter(|b| b.rows_are_measures)
            .find_map(|b| b.row(key))
            .map(|r| r.words());
    };
    let (block_id, record) = head.split_once('.')?;
    let block = spec.block(block_id)?;
    let (ja, en) = if let Some(r) = block
        .layout
        .values()
        .iter()
        .chain(block.rows.iter())
        .find(|r| r.key == measure)
    {
        (r.label.clone(), r.label_en.clone())
    } else if let Some(c) = block.layout.columns().iter().find(|c| c.key == measure) {
        (c.label.clone(), c.label_en.clone())
    } else {
        (measure.to_string(), measure.to_string())
    };
    // A record that is a row of the block (a 予算 row `5`) is named by its label.
    let (rja, ren) = match block.row(record) {
        Some(r) if !block.rows_are_measures => (r.label.clone(), r.label_en.clone()),
        _ => (record.to_string(), record.to_string()),
    };
    Some(Arg::Words {
        ja: format!("{} {rja} {ja}", block.label),
        en: format!("{} {ren} {en}", block.label_en),
    })
}

/// A year for a message: `令和6年度` / `FY2024`, or nothing when the value has none.
pub fn year_arg(year: Option<FiscalYear>) -> crate::i18n::Arg {
    match year {
        Some(y) => crate::i18n::Arg::Year(y),
        None => crate::i18n::Arg::Text(String::new()),
    }
}

/// The year of a value for a message: a fiscal year as `year_arg`, a calendar year as
/// `令和4年分` / `calendar 2022`.
pub fn period_arg(period: Option<crate::extract::Period>) -> crate::i18n::Arg {
    match period {
        Some(crate::extract::Period::Calendar(y)) => {
            let fy = FiscalYear(y).japanese();
            crate::i18n::Arg::Words {
                ja: format!("{}年分", fy.trim_end_matches("年度")),
                en: format!("calendar {y}"),
            }
        }
        p => year_arg(p.and_then(crate::extract::Period::fiscal)),
    }
}
