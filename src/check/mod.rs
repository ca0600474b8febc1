//! Check: every rule of the form, each finding at a cell. One module per rule family behind
//! `SheetRule` (fields, structure, cells, identities, grades); files, sheets and cross-file
//! checks have their modules too. Each module owns its codes: id, default severity, a
//! one-line summary and the message, in Japanese and English side by side. `registry` lists
//! them all for `hyoka rules` and the README.
//!
//! Rules read the observations of a sheet (`extract::SheetRead`), never the grid.

pub mod accepted;
pub mod cells;
pub mod columns;
pub mod cross_file;
pub mod fields;
pub mod files;
pub mod grades;
mod hints;
pub mod identities;
pub mod registry;
pub mod repeats;
pub mod schedule;
pub mod sheets;
pub mod structure;
pub mod years;


use crate::extract::SheetRead;
use crate::finding::{a1, Finding, Severity};
use crate::i18n::{Message, Text};
use crate::normalise::FiscalYear;
use crate::form::FormSpec;
use std::collections::BTreeMap;

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
    fn check(&self, sheet: &Sheet, out: &mut SheetReporter);
}

/// What a rule may read: the form, the sheet as read, and the run's configuration.
pub struct Sheet<'a> {
    pub spec: &'a FormSpec,
    pub read: &'a SheetRead,
    pub config: &'a CheckConfig,
}

impl Sheet<'_> {
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
    /// The 部 each 課 belongs to, where the list says (the council table groups by it).
    pub bureaus: BTreeMap<String, String>,
}

impl DepartmentList {
    #[cfg(test)]
    fn of(names: &[&str]) -> DepartmentList {
        DepartmentList::parse(&names.join("\n"))
    }

    /// One name per line; `旧名 => 新名` maps an old name to its successor; `#` starts a comment;
    /// a line `[総務部]` puts the 課 under it in that 部.
    pub fn parse(text: &str) -> DepartmentList {
        let mut list = DepartmentList::default();
        let mut bureau: Option<String> = None;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let heading = line
                .strip_prefix(['[', '［'])
                .and_then(|l| l.strip_suffix([']', '］']));
            if let Some(b) = heading {
                bureau = Some(crate::normalise::fold(b)).filter(|b| !b.is_empty());
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
                if let Some(b) = &bureau {
                    list.bureaus.insert(n.clone(), b.clone());
                }
                if !list.names.contains(&n) {
                    list.names.push(n);
                }
            }
        }
        list
    }

    /// The 部 of a 課, when the list gives one.
    pub fn bureau_of(&self, department: &str) -> Option<&str> {
        self.bureaus.get(department).map(String::as_str)
    }

    /// The departments a cell names: `全課` none in particular; one name; or a list split at
    /// `・` and `、` where every part is a known 課 or ends like one (課, 室, 局, 所, センター), so
    /// that `子育て・健康課` stays one 課.
    pub fn names_in(&self, text: &str) -> Vec<String> {
        let whole = crate::normalise::fold(text);
        if whole == "全課" || whole.is_empty() {
            return Vec::new();
        }
        if self.resolve(&whole).is_some() {
            return vec![whole];
        }
        let like_a_department = |p: &String| self.resolve(p).is_some() || ends_like_a_department(p);
        // `、` and `,` always separate; `・` only where every piece is a 課 of its own.
        let parts: Vec<String> = whole
            .split(['、', ','])
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .flat_map(|p| {
                let pieces: Vec<String> = p.split('・').map(|q| q.trim().to_string()).collect();
                if self.resolve(&p).is_none()
                    && pieces.len() > 1
                    && pieces.iter().all(|q| !q.is_empty() && like_a_department(q))
                {
                    pieces
                } else {
                    vec![p]
                }
            })
            .collect();
        if parts.len() > 1 && parts.iter().all(like_a_department) {
            parts
        } else {
            vec![whole]
        }
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

/// A name that ends as names of 課 do (課, 室, 局, 所, センター).
pub fn ends_like_a_department(name: &str) -> bool {
    ["課", "室", "局", "所", "センター"]
        .iter()
        .any(|s| name.ends_with(s))
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

/// Runs every rule of the form on one sheet as read.
pub fn check_sheet(
    spec: &FormSpec,
    read: &SheetRead,
    config: &CheckConfig,
    out: &mut SheetReporter,
) {
    let sheet = Sheet { spec, read, config };
    for rule in SHEET_RULES {
        rule.check(&sheet, out);
    }
    if let Some(r) = sheet.remarks() {
        for f in &mut out.findings {
            f.remarks = Some(r.to_string());
        }
    }
}

/// The label a person reads for a key of findings and exports: a field's label (`評価年度`),
/// a row's (`人件費`), or the block's label with the record and the value's label
/// (`kpi.1.actual` → `成果指標 1 実績`). `None` for a key the spec does not know.
pub fn key_words(spec: &FormSpec, key: &str) -> Option<crate::i18n::Arg> {
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

#[cfg(test)]
mod tests {
    use super::DepartmentList;

    #[test]
    fn lists_of_departments() {
        let list = DepartmentList::of(&["企画政策課", "総務課", "子育て・健康課"]);
        assert_eq!(
            list.names_in("企画政策課・総務課"),
            vec!["企画政策課", "総務課"]
        );
        assert_eq!(list.names_in("子育て・健康課"), vec!["子育て・健康課"]);
        assert!(list.names_in("全課").is_empty());
        // An unknown part that ends like a 課 is named on its own; other text stays whole.
        assert_eq!(
            list.names_in("企画政策課、財務課"),
            vec!["企画政策課", "財務課"]
        );
        assert_eq!(list.names_in("企画・政策"), vec!["企画・政策"]);
        // `、` separates even where one of the names holds a `・` of its own.
        assert_eq!(
            list.names_in("福祉保険課、子育て・健康課、下水道課"),
            vec!["福祉保険課", "子育て・健康課", "下水道課"]
        );
    }

    #[test]
    fn a_bracketed_line_names_the_bureau_of_the_names_under_it() {
        let list = DepartmentList::parse(
            "広報課\n[総務部]\n総務課\n職員課 # 人事\n［企画部］\n企画政策課\n",
        );
        assert_eq!(list.names, ["広報課", "総務課", "職員課", "企画政策課"]);
        assert_eq!(list.bureau_of("職員課"), Some("総務部"));
        assert_eq!(list.bureau_of("企画政策課"), Some("企画部"));
        assert_eq!(list.bureau_of("広報課"), None);
    }
}
