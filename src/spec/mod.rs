//! Form specs: a form is a TOML file under `templates/`. The spec names the labels (with the
//! variants departments write), header fields, blocks of declared layouts, identities, grades
//! and thresholds. Loading checks the spec itself and names the line of every mistake: a key
//! that is accepted takes effect, any other is an error.
//!
//! Each block is read in two passes: the keys every block has, then the keys of its layout
//! (read `layout` first, then that layout's table: serde's tagged enums lose the spans).

pub mod expr;
pub mod lines;

use crate::extract::layout::{BlockLayout, LAYOUTS};
use crate::finding::Severity;
use crate::i18n::Lang;
use expr::{parse_comparison, parse_expr, Comparison, Expr};
use lines::{line_of, span_of, KeyPath};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::Spanned;

use crate::normalise::label_key;

#[derive(Debug, Deserialize)]
struct RawSpec {
    form: FormInfo,
    #[serde(default)]
    field: Vec<FieldSpec>,
    #[serde(default)]
    block: Vec<RawBlock>,
    #[serde(default)]
    grade_check: Vec<RawGradeCheck>,
    /// Records that stand for projects of another form submitted in the same run.
    #[serde(default)]
    link: Vec<RawLink>,
    #[serde(default)]
    template: TemplateSpec,
    /// Severity of built-in rules for this form: `derived-overwritten = "warning"`.
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FormInfo {
    /// `sheet` (a sheet is one project: the forms) or `export` (a system's export: every data
    /// row under the header is one project).
    #[serde(default)]
    pub kind: FormKind,
    pub id: String,
    pub name: String,
    pub name_en: String,
    /// A sheet is this form when a cell's folded text contains one of these …
    #[serde(default)]
    pub title: Vec<String>,
    /// … or, for sheets without the title, when cells hold every label of one of these sets
    /// (`["総合計画", "重要業績評価指標"]`).
    #[serde(default)]
    pub detect: Vec<Vec<String>>,
    #[serde(default = "one")]
    pub tolerance: f64,
    /// Field keys with a role in reports and consolidation.
    pub department_field: String,
    pub project_id_field: String,
    pub project_name_field: String,
    pub eval_year_field: String,
    #[serde(default)]
    pub remarks_field: Option<String>,
    /// The field naming the 部 a project's 課 belongs to (`部名`): the council table groups
    /// its 課 under it when the department list does not say.
    #[serde(default)]
    pub bureau_field: Option<String>,
    /// Labels of this form that are not fields: a value search stops at them.
    #[serde(default)]
    pub other_labels: Vec<String>,
    /// The measure that stands for a project's total per year in the project list.
    #[serde(default)]
    pub total: Option<TotalSpec>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FormKind {
    #[default]
    Sheet,
    Export,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TotalSpec {
    /// The key of the observation: a row of a block whose rows are measures (`total`), or
    /// `block.record.value` (`budget.sum.cost`).
    pub measure: String,
    /// Column caption of the project list (`トータルコスト`).
    pub caption: String,
    pub caption_en: String,
}

fn one() -> f64 {
    1.0
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldType {
    Text,
    FiscalYear,
    Choice,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FieldSpec {
    pub key: String,
    pub label: String,
    pub label_en: String,
    #[serde(default)]
    pub variants: Vec<String>,
    #[serde(rename = "type")]
    pub kind: FieldType,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default)]
    pub choices: Vec<String>,
    /// Where the template places it.
    #[serde(default)]
    pub section: Section,
    /// For a fiscal-year field: a field it may not come after.
    #[serde(default)]
    pub not_after: Option<String>,
    /// Checked against the department list when one is given.
    #[serde(default)]
    pub department: bool,
    /// Wide free-text cell in the template; left out of the project list.
    #[serde(default)]
    pub wide: bool,
    /// Where the value may come from, tried in this order (`["sheet", "file-name"]`): a
    /// published layout without the field still gives it from its context.
    #[serde(default = "sheet_only")]
    pub from: Vec<FieldSource>,
    /// For a fiscal-year field: the era a bare number (`7`) is read in (`令和`, `R`).
    #[serde(default)]
    pub era: Option<String>,
}

/// Where a field's value may come from besides its cell on the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldSource {
    /// Its labelled cell on the sheet.
    Sheet,
    /// The folder the file was sent in (`<round>/<課>/…`), when it names a 課.
    RoundFolder,
    /// The file name's prefix before `_` (`職員課_….xlsx`), when it names a 課.
    FileName,
    /// The run's submission year (`--year`, `fiscal_year` in hyoka.toml).
    SubmissionYear,
    /// The latest fiscal year the sheet itself reports results (実績) for.
    LatestReported,
}

impl FieldSource {
    /// Sources that name a 課, and sources that give a year.
    pub fn gives_department(self) -> bool {
        matches!(self, FieldSource::RoundFolder | FieldSource::FileName)
    }
    pub fn gives_year(self) -> bool {
        matches!(
            self,
            FieldSource::SubmissionYear | FieldSource::LatestReported
        )
    }
    /// The stable word of report.json.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldSource::Sheet => "sheet",
            FieldSource::RoundFolder => "round-folder",
            FieldSource::FileName => "file-name",
            FieldSource::SubmissionYear => "submission-year",
            FieldSource::LatestReported => "latest-reported",
        }
    }
    /// What a person reads for it.
    pub fn words(self) -> crate::i18n::Arg {
        let (ja, en) = match self {
            FieldSource::Sheet => ("シート", "the sheet"),
            FieldSource::RoundFolder => ("提出フォルダ名", "the submission folder's name"),
            FieldSource::FileName => ("ファイル名", "the file name"),
            FieldSource::SubmissionYear => ("今回の提出年度", "this submission's year"),
            FieldSource::LatestReported => (
                "シートの実績の最新年度",
                "the latest year the sheet reports results for",
            ),
        };
        crate::i18n::Arg::words(ja, en)
    }
}

fn sheet_only() -> Vec<FieldSource> {
    vec![FieldSource::Sheet]
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    #[default]
    Header,
    Evaluation,
}

/// The keys every block has; the rest belong to its layout.
#[derive(Debug, Deserialize)]
struct RawBlock {
    id: String,
    layout: String,
    label: String,
    label_en: String,
    #[serde(default)]
    required: bool,
    #[serde(default = "one_u")]
    years_before: u32,
    #[serde(default)]
    years_after: u32,
    #[serde(default)]
    check_years: bool,
    /// Every header year lies inside the window of `years_before` and `years_after` around
    /// the evaluation year (a form whose years move with it; a plan's years stay put).
    #[serde(default)]
    check_window: bool,
    /// Years the header may also hold before the window, when it holds the whole window (the
    /// standard's four-year variant: two results years, the evaluation year, the budget year).
    #[serde(default)]
    extra_years_before: u32,
    #[serde(default)]
    eval_phases: Vec<String>,
    /// The block stands any number of times on a sheet (one table per 施策 under its heading).
    #[serde(default)]
    repeat: bool,
    /// Words a heading starts with (`紡ぐ`, `(1)`): the nearest such cell above an occurrence
    /// names it.
    #[serde(default)]
    heading: Vec<String>,
}

fn one_u() -> u32 {
    1
}

/// A row of a block as the spec writes it: a measure (rows by year) or a closing row (record
/// rows); a formula makes it derived.
#[derive(Debug, Clone, Deserialize)]
pub struct RawRow {
    pub key: String,
    pub label: String,
    pub label_en: String,
    #[serde(default)]
    pub variants: Vec<String>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub formula: Option<String>,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub severity: Option<Severity>,
    #[serde(default)]
    pub round: Option<u32>,
    #[serde(default)]
    pub tolerance: Option<String>,
    #[serde(default)]
    pub negative_needs_remarks: bool,
    #[serde(default = "yes")]
    pub allow_blank: bool,
    /// Text the cells may hold instead of a number (`施策1にて評価`, `未整備`, `検討`) …
    #[serde(default)]
    pub placeholders: Vec<String>,
    /// … only in columns of these phases (`["実績"]`: a base year may be 未整備, a target not).
    #[serde(default)]
    pub placeholder_phases: Vec<String>,
    /// The cells hold one of these words rather than numbers (`良好・維持`, `改善`).
    #[serde(default)]
    pub choices: Vec<String>,
    /// Must be filled where this other measure of the same record and year has a number
    /// (a year with a cost needs its evaluation).
    #[serde(default)]
    pub required_when: Option<String>,
    /// Must be filled in every year up to the evaluation year (実績 of each year reported).
    #[serde(default)]
    pub required_through_eval_year: bool,
    /// The cells may hold a range (`0.0%～0.5%向上`), as targets are sometimes written.
    #[serde(default)]
    pub ranges: bool,
    /// Values in `%` (the row's unit, or the record's 単位) lie within 0 and this.
    #[serde(default)]
    pub percent_max: Option<f64>,
    /// Units that count cumulatively (`件/5年`): a record in one of them never goes down from
    /// one year to the next.
    #[serde(default)]
    pub cumulative_units: Vec<String>,
}

pub(crate) fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
pub struct RawCheck {
    pub code: String,
    pub check: String,
    pub at: String,
    #[serde(default)]
    pub when: Vec<String>,
    #[serde(default)]
    pub severity: Option<Severity>,
}

#[derive(Debug, Deserialize)]
struct RawGradeCheck {
    /// A field holding the grade of one indicator (進捗状況) …
    #[serde(default)]
    field: Option<String>,
    /// … or a column of the block holding each indicator's grade (達成状況).
    #[serde(default)]
    column: Option<String>,
    block: String,
    /// With `field`: which indicator (1 = the first).
    #[serde(default)]
    indicator: Option<u32>,
    #[serde(default)]
    year: GradeYear,
    bands: Vec<GradeBand>,
}

#[derive(Debug, Deserialize)]
struct RawLink {
    /// A block whose records name projects (施策's budget projects) …
    block: String,
    /// … with this value per year (トータルコスト) …
    value: String,
    /// … which must be the project's total in that form (`jimu-jigyo`), matched by name.
    form: String,
}

/// A block's records are projects of another form: names match its project names, and the
/// value per year equals that form's total.
#[derive(Debug, Clone)]
pub struct Link {
    pub block: String,
    pub value: String,
    pub form: String,
}

/// The year whose achievement a grade is judged by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GradeYear {
    /// The sheet's evaluation year.
    #[default]
    Evaluation,
    /// The latest year that has both a target and a result.
    Latest,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GradeBand {
    pub grade: String,
    /// Lowest achievement (1.0 = 100 %) for this grade; the last band has none.
    #[serde(default)]
    pub min: Option<f64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TemplateSpec {
    /// The form sheet's name (default: the form's name).
    #[serde(default)]
    pub sheet_name: Option<String>,
    /// Lines of the instructions sheet; none, no sheet.
    #[serde(default)]
    pub instructions: Vec<String>,
    /// Name and title of the instructions sheet.
    #[serde(default = "guide_name")]
    pub guide_name: String,
    /// Caption over the evaluation fields.
    #[serde(default = "evaluation_caption")]
    pub evaluation_caption: String,
    /// Print the form sheet landscape (forms wider than a portrait A4 page).
    #[serde(default)]
    pub landscape: bool,
}

impl Default for TemplateSpec {
    fn default() -> TemplateSpec {
        TemplateSpec {
            sheet_name: None,
            instructions: Vec::new(),
            guide_name: guide_name(),
            evaluation_caption: evaluation_caption(),
            landscape: false,
        }
    }
}

fn guide_name() -> String {
    "記入要領".into()
}
fn evaluation_caption() -> String {
    "評価".into()
}

/// A loaded, checked form spec.
#[derive(Debug, Clone)]
pub struct FormSpec {
    pub form: FormInfo,
    pub fields: Vec<Field>,
    pub blocks: Vec<Block>,
    pub grade_checks: Vec<GradeCheck>,
    pub links: Vec<Link>,
    pub template: TemplateSpec,
    pub severity: BTreeMap<String, Severity>,
    /// Folded labels of every field, row and other label (value searches stop at them).
    pub all_label_keys: Vec<String>,
    pub title_keys: Vec<String>,
    /// Folded label sets that recognise a sheet without its title.
    pub detect_keys: Vec<Vec<String>>,
    pub source: PathBuf,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub spec: FieldSpec,
    pub variant_keys: Vec<String>,
    pub pattern: Option<regex::Regex>,
    /// The era bare numbers are read in (`era = "令和"`).
    pub era: Option<crate::normalise::Era>,
}

/// A block of the form: its common keys, its rows and checks, and its layout.
#[derive(Debug, Clone)]
pub struct Block {
    pub id: String,
    pub label: String,
    pub label_en: String,
    /// A sheet without it gets `table-missing`.
    pub required: bool,
    pub years_before: u32,
    pub years_after: u32,
    /// The year header is checked: consecutive, real years, holding the evaluation year.
    pub check_years: bool,
    pub check_window: bool,
    pub extra_years_before: u32,
    /// Words the evaluation year's column may be marked with (`実績`); a column of the
    /// evaluation year marked `予算` is a sheet copied from last year.
    pub eval_phases: Vec<String>,
    pub rows: Vec<Row>,
    pub checks: Vec<Check>,
    /// Row keys name measures (rows by year) rather than records (record rows): formulas
    /// relate the measures of one record and year, or the records of one measure and year.
    pub rows_are_measures: bool,
    /// Every occurrence on a sheet is read, not only the first.
    pub repeat: bool,
    /// Words a heading cell starts with (`基本方針`, `個別項目`), as written and folded.
    pub heading: Vec<String>,
    pub heading_keys: Vec<String>,
    pub layout: Arc<dyn BlockLayout>,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub key: String,
    pub label: String,
    pub label_en: String,
    pub variant_keys: Vec<String>,
    pub unit: Option<String>,
    pub min: Option<f64>,
    /// Derived rows: the template writes this as a formula; the check compares with it.
    pub formula: Option<Expr>,
    pub code: String,
    pub severity: Option<Severity>,
    pub round: Option<u32>,
    pub tolerance: Option<Expr>,
    pub negative_needs_remarks: bool,
    pub allow_blank: bool,
    pub placeholders: Vec<String>,
    /// The phases whose columns accept the placeholders; empty, every column.
    pub placeholder_phases: Vec<crate::extract::Phase>,
    /// Any text is accepted (indicator values: milestones such as `検討`).
    pub any_text: bool,
    pub choices: Vec<String>,
    pub required_when: Option<String>,
    pub required_through_eval_year: bool,
    pub ranges: bool,
    pub percent_max: Option<f64>,
    pub cumulative_units: Vec<String>,
}

impl Row {
    /// A value rounded as the row's formula rounds (`round = 0`: whole yen).
    pub fn rounded(&self, v: f64) -> f64 {
        match self.round {
            Some(d) => {
                let p = 10f64.powi(d as i32);
                (v * p).round() / p
            }
            None => v,
        }
    }

    /// A row with no formula: a measure's cell rules, as a layout's values declare them.
    pub fn plain(r: &RawRow) -> Row {
        Row {
            variant_keys: keys_of(&r.label, &r.variants),
            key: r.key.clone(),
            label: r.label.clone(),
            label_en: r.label_en.clone(),
            unit: r.unit.clone(),
            min: r.min,
            formula: None,
            code: "identity".into(),
            severity: None,
            round: None,
            tolerance: None,
            negative_needs_remarks: r.negative_needs_remarks,
            allow_blank: r.allow_blank,
            placeholders: r.placeholders.clone(),
            placeholder_phases: r
                .placeholder_phases
                .iter()
                .filter_map(|w| crate::extract::Phase::from_word(&label_key(w)))
                .collect(),
            any_text: false,
            choices: r.choices.clone(),
            required_when: r.required_when.clone(),
            required_through_eval_year: r.required_through_eval_year,
            ranges: r.ranges,
            percent_max: r.percent_max,
            cumulative_units: r
                .cumulative_units
                .iter()
                .map(|u| crate::normalise::fold(u))
                .collect(),
        }
    }
}

/// A text column read as an attribute of each record (単位, 戦略該当, 達成状況).
#[derive(Debug, Clone, Deserialize)]
pub struct RawColumn {
    pub key: String,
    pub label: String,
    pub label_en: String,
    #[serde(default)]
    pub variants: Vec<String>,
    /// The words the column may hold; blank is allowed unless `required`.
    #[serde(default)]
    pub choices: Vec<String>,
    #[serde(default)]
    pub required: bool,
    /// The column names 課 (主体課, 関連課): each must be in the department list; `全課` and
    /// lists of 課 (`企画政策課・総務課`) are read as such.
    #[serde(default)]
    pub department: bool,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub key: String,
    pub label: String,
    pub label_en: String,
    pub variant_keys: Vec<String>,
    pub choices: Vec<String>,
    pub required: bool,
    pub department: bool,
}

impl Column {
    pub fn from_raw(r: RawColumn) -> Column {
        Column {
            variant_keys: keys_of(&r.label, &r.variants),
            key: r.key,
            label: r.label,
            label_en: r.label_en,
            choices: r.choices,
            required: r.required,
            department: r.department,
        }
    }
    pub fn words(&self) -> crate::i18n::Arg {
        crate::i18n::Arg::words(&self.label, &self.label_en)
    }
}

#[derive(Debug, Clone)]
pub struct Check {
    pub code: String,
    pub check: Comparison,
    pub text: String,
    pub at: String,
    pub when: Vec<String>,
    pub severity: Option<Severity>,
}

#[derive(Debug, Clone)]
pub struct GradeCheck {
    pub grade: GradeAt,
    pub block: String,
    pub year: GradeYear,
    pub bands: Vec<GradeBand>,
}

/// Where a grade is written.
#[derive(Debug, Clone, PartialEq)]
pub enum GradeAt {
    /// A field, judged by one indicator (1 = the first).
    Field { key: String, indicator: u32 },
    /// A column of the block: each record's own grade.
    Column(String),
}

impl FormSpec {
    /// The fields the template places in a section, in spec order.
    pub fn fields_in(&self, section: Section) -> impl Iterator<Item = &Field> + '_ {
        self.fields
            .iter()
            .filter(move |f| f.spec.section == section)
    }
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.spec.key == key)
    }
    pub fn block(&self, id: &str) -> Option<&Block> {
        self.blocks.iter().find(|b| b.id == id)
    }
    /// A sheet's project id as exports and cross-file checks compare it: folded (`４０－１０６`
    /// is `40-106`), and the pattern's group named `id` when it has one (`施策 1 - 4` is `1-4`
    /// with `^(施策)?(?P<id>\d+-\d+)$`).
    pub fn project_id(&self, sheet: &crate::extract::SheetRead) -> Option<String> {
        let folded = crate::check::fold_identifier(sheet.field_text(&self.form.project_id_field)?);
        let id = self
            .field(&self.form.project_id_field)
            .and_then(|f| f.pattern.as_ref())
            .and_then(|re| Some(re.captures(&folded)?.name("id")?.as_str().to_string()));
        Some(id.unwrap_or(folded))
    }

    /// The row whose values stand for a project's total, and the observation key they have.
    pub fn total_row(&self) -> Option<(&Row, &str)> {
        let key = self.form.total.as_ref()?.measure.as_str();
        let row = match key.split('.').collect::<Vec<_>>().as_slice() {
            [measure] => self
                .blocks
                .iter()
                .filter(|b| b.rows_are_measures)
                .find_map(|b| b.row(measure)),
            [block, record, _value] => self.block(block)?.row(record),
            _ => None,
        }?;
        Some((row, key))
    }
    /// The severity a rule has for this form: the spec's override or the rule's own.
    pub fn severity_of(&self, code: &str, default: Severity) -> Severity {
        self.severity.get(code).copied().unwrap_or(default)
    }
}

impl Block {
    /// The label in both languages, for messages.
    pub fn words(&self) -> crate::i18n::Arg {
        crate::i18n::Arg::words(&self.label, &self.label_en)
    }
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key)
    }
    pub fn label_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.label,
            Lang::En => &self.label_en,
        }
    }
}

impl Row {
    /// The label in both languages, for messages.
    pub fn words(&self) -> crate::i18n::Arg {
        crate::i18n::Arg::words(&self.label, &self.label_en)
    }
    pub fn label_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.label,
            Lang::En => &self.label_en,
        }
    }
}

impl Field {
    /// The label in both languages, for messages.
    pub fn words(&self) -> crate::i18n::Arg {
        crate::i18n::Arg::words(&self.spec.label, &self.spec.label_en)
    }
    pub fn label_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.spec.label,
            Lang::En => &self.spec.label_en,
        }
    }
}

/// A spec mistake, with the spec file and line.
#[derive(Debug, Clone, PartialEq)]
pub struct SpecError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for SpecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Every mistake found in a spec (or in a set of specs), in line order.
#[derive(Debug, Clone, PartialEq)]
pub struct SpecErrors(pub Vec<SpecError>);

impl SpecErrors {
    pub fn first(&self) -> &SpecError {
        &self.0[0]
    }
}

impl std::fmt::Display for SpecErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lines: Vec<String> = self.0.iter().map(|e| e.to_string()).collect();
        write!(f, "{}", lines.join("\n"))
    }
}

impl std::error::Error for SpecErrors {}

fn keys_of(label: &str, variants: &[String]) -> Vec<String> {
    let mut v: Vec<String> = variants.iter().map(|s| label_key(s)).collect();
    if v.is_empty() {
        v.push(label_key(label));
    }
    v
}

/// The document being loaded, and what is wrong with it so far.
pub struct SpecSource<'t> {
    text: &'t str,
    file: String,
    doc: Spanned<DeTable<'t>>,
    errors: Vec<SpecError>,
    /// Keys a pass skipped: unknown unless another pass over the same table used them.
    ignored: Vec<KeyPath>,
}

impl<'t> SpecSource<'t> {
    /// Records a problem at a path of the document.
    pub fn error(&mut self, at: &KeyPath, message: String) {
        let line = line_of(self.text, span_of(&self.doc, at).start);
        self.errors.push(SpecError {
            file: self.file.clone(),
            line: Some(line),
            message,
        });
    }

    fn value_at(&self, at: &KeyPath) -> Option<Spanned<DeValue<'t>>> {
        if at.0.is_empty() {
            let root = DeValue::Table(self.doc.get_ref().clone());
            return Some(Spanned::new(self.doc.span(), root));
        }
        let mut v: Option<&Spanned<DeValue<'t>>> = None;
        for seg in &at.0 {
            v = match seg {
                lines::Seg::Key(k) => {
                    let table = match v {
                        None => self.doc.get_ref(),
                        Some(v) => v.get_ref().as_table()?,
                    };
                    table
                        .iter()
                        .find(|(key, _)| key.get_ref() == k)
                        .map(|e| e.1)
                }
                lines::Seg::Index(i) => v?.get_ref().as_array()?.get(*i),
            };
        }
        v.cloned()
    }

    /// Deserializes the table at `at` into `T`, remembering the keys `T` does not take.
    pub fn read<T: DeserializeOwned>(&mut self, at: &KeyPath) -> Option<T> {
        let value = self.value_at(at)?;
        let mut skipped = Vec::new();
        let result: Result<T, toml::de::Error> =
            serde_ignored::deserialize(ValueDeserializer::from(value), |p| {
                skipped.push(KeyPath::from_ignored(&p))
            });
        self.ignored
            .extend(skipped.into_iter().map(|p| at.join(&p)));
        match result {
            Ok(t) => Some(t),
            Err(e) => {
                let line = e.span().map(|s| line_of(self.text, s.start));
                self.errors.push(SpecError {
                    file: self.file.clone(),
                    line,
                    message: format!("{}: {}", at, e.message()),
                });
                None
            }
        }
    }
}

/// Parses and checks a spec from its text. `file` names it in errors.
pub fn parse_spec(text: &str, file: &str) -> Result<FormSpec, SpecErrors> {
    let doc = DeTable::parse(text).map_err(|e| {
        SpecErrors(vec![SpecError {
            file: file.to_string(),
            line: e.span().map(|s| line_of(text, s.start)),
            message: e.message().to_string(),
        }])
    })?;
    let mut src = SpecSource {
        text,
        file: file.to_string(),
        doc,
        errors: Vec::new(),
        ignored: Vec::new(),
    };
    let spec = build(&mut src);
    // A key is unknown when no pass over its table used it.
    let mut counts: BTreeMap<KeyPath, usize> = BTreeMap::new();
    for p in &src.ignored {
        *counts.entry(p.clone()).or_default() += 1;
    }
    let passes_over = |p: &KeyPath| -> usize {
        // Block tables are read twice (common keys, then the layout's); others once.
        match p.0.as_slice() {
            [lines::Seg::Key(b), lines::Seg::Index(_), _] if b == "block" => 2,
            _ => 1,
        }
    };
    for (p, n) in counts {
        if n >= passes_over(&p) {
            let key = p.last_key().unwrap_or("").to_string();
            src.error(&p, format!("unknown key '{key}' ({p})"));
        }
    }
    if src.errors.is_empty() {
        if let Some(s) = spec {
            return Ok(s);
        }
        src.errors.push(SpecError {
            file: file.to_string(),
            line: None,
            message: "the spec could not be read".into(),
        });
    }
    let mut errors = src.errors;
    errors.sort_by_key(|e| e.line);
    errors.dedup();
    Err(SpecErrors(errors))
}

fn build(src: &mut SpecSource) -> Option<FormSpec> {
    let root = KeyPath::default();
    let raw: RawSpec = src.read(&root)?;

    let mut seen = BTreeSet::new();
    let mut fields = Vec::new();
    for (i, f) in raw.field.into_iter().enumerate() {
        let at = root.key("field").index(i);
        if !seen.insert(f.key.clone()) {
            src.error(
                &at.key("key"),
                format!("field key '{}' is used twice", f.key),
            );
        }
        let pattern = match &f.pattern {
            Some(p) => match regex::Regex::new(p) {
                Ok(re) => Some(re),
                Err(e) => {
                    src.error(
                        &at.key("pattern"),
                        format!("bad pattern for '{}': {e}", f.key),
                    );
                    None
                }
            },
            None => None,
        };
        if f.kind == FieldType::Choice && f.choices.is_empty() {
            src.error(
                &at.key("type"),
                format!("choice field '{}' lists no choices", f.key),
            );
        }
        if f.kind != FieldType::Choice && !f.choices.is_empty() {
            src.error(
                &at.key("choices"),
                format!("field '{}': choices need type = \"choice\"", f.key),
            );
        }
        if f.kind != FieldType::FiscalYear && f.not_after.is_some() {
            src.error(
                &at.key("not_after"),
                format!("field '{}': not_after needs type = \"fiscal-year\"", f.key),
            );
        }
        for s in &f.from {
            if s.gives_year() && f.kind != FieldType::FiscalYear {
                src.error(
                    &at.key("from"),
                    format!(
                        "field '{}': from = \"{}\" gives a year: it needs type = \"fiscal-year\"",
                        f.key,
                        s.as_str()
                    ),
                );
            }
            if s.gives_department() && !f.department {
                src.error(
                    &at.key("from"),
                    format!(
                        "field '{}': from = \"{}\" gives a 課: it needs department = true",
                        f.key,
                        s.as_str()
                    ),
                );
            }
        }
        if f.from.is_empty() {
            src.error(
                &at.key("from"),
                format!("field '{}': from lists no source", f.key),
            );
        }
        let era = match &f.era {
            Some(e) if f.kind != FieldType::FiscalYear => {
                src.error(
                    &at.key("era"),
                    format!("field '{}': era needs type = \"fiscal-year\" (it reads bare numbers such as 7 as years)", f.key),
                );
                let _ = e;
                None
            }
            Some(e) => match crate::normalise::Era::from_name(e) {
                Some(era) => Some(era),
                None => {
                    src.error(
                        &at.key("era"),
                        format!("field '{}': era '{e}' is not an era (令和, 平成, 昭和, 大正 or R, H, S, T)", f.key),
                    );
                    None
                }
            },
            None => None,
        };
        fields.push((
            at,
            Field {
                variant_keys: keys_of(&f.label, &f.variants),
                pattern,
                era,
                spec: f,
            },
        ));
    }
    for (at, f) in &fields {
        if let Some(other) = &f.spec.not_after {
            if !fields.iter().any(|(_, g)| &g.spec.key == other) {
                src.error(
                    &at.key("not_after"),
                    format!(
                        "field '{}': not_after names unknown field '{other}'",
                        f.spec.key
                    ),
                );
            }
        }
    }
    let fields: Vec<Field> = fields.into_iter().map(|(_, f)| f).collect();
    let form_at = root.key("form");
    let roles = [
        ("department_field", &raw.form.department_field),
        ("project_id_field", &raw.form.project_id_field),
        ("project_name_field", &raw.form.project_name_field),
        ("eval_year_field", &raw.form.eval_year_field),
    ];
    for (role, k) in roles
        .into_iter()
        .chain(raw.form.remarks_field.iter().map(|k| ("remarks_field", k)))
        .chain(raw.form.bureau_field.iter().map(|k| ("bureau_field", k)))
    {
        if !fields.iter().any(|f| &f.spec.key == k) {
            src.error(
                &form_at.key(role),
                format!("[form] {role} names field '{k}', which is not defined"),
            );
        }
    }

    let mut blocks = Vec::new();
    let mut measure_keys: BTreeSet<String> = BTreeSet::new();
    let mut block_ids = BTreeSet::new();
    for (i, b) in raw.block.into_iter().enumerate() {
        let at = root.key("block").index(i);
        if !block_ids.insert(b.id.clone()) {
            src.error(&at.key("id"), format!("block id '{}' is used twice", b.id));
        }
        let Some(kind) = LAYOUTS.iter().find(|k| k.name == b.layout) else {
            let known: Vec<&str> = LAYOUTS.iter().map(|k| k.name).collect();
            src.error(
                &at.key("layout"),
                format!(
                    "block '{}': unknown layout '{}' (known: {})",
                    b.id,
                    b.layout,
                    known.join(", ")
                ),
            );
            continue;
        };
        let Some(parts) = (kind.parse)(src, &at) else {
            continue;
        };
        // An export's rows are projects, read only by column groups; a form's sheets never are.
        let export_layout = kind.name == crate::extract::layout::column_groups::KIND.name;
        if export_layout != (raw.form.kind == FormKind::Export) {
            src.error(
                &at.key("layout"),
                if export_layout {
                    format!("block '{}': column-groups is for specs with [form] kind = \"export\"", b.id)
                } else {
                    format!("block '{}': a spec of kind = \"export\" reads its blocks with column-groups", b.id)
                },
            );
        }
        let rows = build_rows(src, &at, &b.id, &parts.rows, parts.groups, &seen);
        for r in &rows {
            if parts.rows_are_measures && !measure_keys.insert(r.key.clone()) {
                src.error(
                    &at.key("row"),
                    format!("row key '{}' is used in two blocks", r.key),
                );
            }
        }
        let checks = build_checks(src, &at, &parts.checks, &rows);
        if b.repeat && !parts.layout.repeats() {
            src.error(
                &at.key("repeat"),
                format!(
                    "layout '{}' reads one occurrence per sheet; repeat is for record-rows and item-blocks",
                    b.layout
                ),
            );
        }
        if b.heading.iter().any(|h| label_key(h).is_empty()) {
            src.error(
                &at.key("heading"),
                "an empty heading word would match every cell".into(),
            );
        }
        if !b.heading.is_empty() && !b.repeat {
            src.error(
                &at.key("heading"),
                "heading names the occurrences of a block with repeat = true".into(),
            );
        }
        if b.check_window && !b.check_years {
            src.error(
                &at.key("check_window"),
                "check_window is checked with the years: set check_years = true".into(),
            );
        }
        if b.extra_years_before > 0 && !b.check_window {
            src.error(
                &at.key("extra_years_before"),
                "extra_years_before widens the window the years are checked against: set check_window = true".into(),
            );
        }
        if !b.eval_phases.is_empty() && !b.check_years {
            src.error(
                &at.key("eval_phases"),
                "eval_phases is checked with the years: set check_years = true".into(),
            );
        }
        let window = (b.years_before + b.years_after + 1) as usize;
        let phases = parts.layout.template_phases().len();
        if phases != 0 && phases != window {
            src.error(
                &at.key("phases"),
                format!("{phases} phases for a window of {window} years (years_before + 1 + years_after)"),
            );
        }
        blocks.push(Block {
            id: b.id,
            label: b.label,
            label_en: b.label_en,
            required: b.required,
            years_before: b.years_before,
            years_after: b.years_after,
            check_years: b.check_years,
            check_window: b.check_window,
            extra_years_before: b.extra_years_before,
            eval_phases: b.eval_phases,
            rows,
            checks,
            rows_are_measures: parts.rows_are_measures,
            repeat: b.repeat,
            heading: b.heading.clone(),
            heading_keys: b.heading.iter().map(|h| label_key(h)).collect(),
            layout: parts.layout,
        });
    }

    if let Some(t) = &raw.form.total {
        let found = match t.measure.split('.').collect::<Vec<_>>().as_slice() {
            [m] => blocks
                .iter()
                .any(|b| b.rows_are_measures && b.row(m).is_some()),
            [b, r, _] => blocks.iter().any(|x| &x.id == b && x.row(r).is_some()),
            _ => false,
        };
        if !found {
            src.error(
                &form_at.key("total").key("measure"),
                format!(
                    "[form.total] names '{}', which is neither a row of a rows-by-year block nor block.row.value",
                    t.measure
                ),
            );
        }
    }

    let mut grade_checks = Vec::new();
    for (i, g) in raw.grade_check.into_iter().enumerate() {
        let at = root.key("grade_check").index(i);
        let Some(block) = blocks.iter().find(|b| b.id == g.block) else {
            src.error(
                &at.key("block"),
                format!("grade_check names unknown block '{}'", g.block),
            );
            continue;
        };
        let (grade, choices) = match (&g.field, &g.column) {
            (Some(f), None) => {
                let Some(field) = fields.iter().find(|x| &x.spec.key == f) else {
                    src.error(
                        &at.key("field"),
                        format!("grade_check names unknown field '{f}'"),
                    );
                    continue;
                };
                let key = f.clone();
                if g.indicator == Some(0) {
                    src.error(&at.key("indicator"), "indicators count from 1".into());
                }
                (
                    GradeAt::Field {
                        key,
                        indicator: g.indicator.unwrap_or(1),
                    },
                    field.spec.choices.clone(),
                )
            }
            (None, Some(c)) => {
                let Some(column) = block.layout.columns().iter().find(|x| &x.key == c) else {
                    src.error(
                        &at.key("column"),
                        format!(
                            "grade_check names column '{c}', which block '{}' does not have",
                            g.block
                        ),
                    );
                    continue;
                };
                if g.indicator.is_some() {
                    src.error(
                        &at.key("indicator"),
                        "indicator goes with field; a column grades every record".into(),
                    );
                }
                (GradeAt::Column(c.clone()), column.choices.clone())
            }
            _ => {
                src.error(
                    &at.key("block"),
                    "a grade_check names either field or column".into(),
                );
                continue;
            }
        };
        let mins: Vec<Option<f64>> = g.bands.iter().map(|b| b.min).collect();
        let ordered = mins.windows(2).all(|w| match (w[0], w[1]) {
            (Some(a), Some(b)) => a > b,
            (Some(_), None) => true,
            _ => false,
        });
        if g.bands.is_empty() || !ordered || mins.last().copied().flatten().is_some() {
            src.error(
                &at.key("bands"),
                "grade bands must go from the highest min down, the last without min".into(),
            );
        }
        for b in &g.bands {
            if !choices.is_empty() && !choices.contains(&b.grade) {
                src.error(
                    &at.key("bands"),
                    format!(
                        "grade '{}' is not one of the choices ({})",
                        b.grade,
                        choices.join(", ")
                    ),
                );
            }
        }
        grade_checks.push(GradeCheck {
            grade,
            block: g.block,
            year: g.year,
            bands: g.bands,
        });
    }

    let mut links = Vec::new();
    for (i, l) in raw.link.into_iter().enumerate() {
        let at = root.key("link").index(i);
        match blocks.iter().find(|b| b.id == l.block) {
            None => src.error(
                &at.key("block"),
                format!("link names unknown block '{}'", l.block),
            ),
            Some(b) if !b.layout.values().iter().any(|v| v.key == l.value) => src.error(
                &at.key("value"),
                format!(
                    "link names value '{}', which block '{}' does not have",
                    l.value, l.block
                ),
            ),
            Some(_) => links.push(Link {
                block: l.block,
                value: l.value,
                form: l.form,
            }),
        }
    }

    let spec_codes: BTreeSet<String> = blocks
        .iter()
        .flat_map(|b| {
            b.rows
                .iter()
                .map(|r| r.code.clone())
                .chain(b.checks.iter().map(|c| c.code.clone()))
        })
        .collect();
    // A form's own codes may not take a built-in code's name: one [severity] line would
    // change both.
    for (i, b) in blocks.iter().enumerate() {
        for code in b
            .rows
            .iter()
            .map(|r| &r.code)
            .chain(b.checks.iter().map(|c| &c.code))
        {
            if code != "identity" && crate::check::registry::find(code).is_some() {
                src.error(
                    &root.key("block").index(i).key("id"),
                    format!(
                        "block '{}': code '{code}' is a built-in code; name it differently",
                        b.id
                    ),
                );
            }
        }
    }
    let overridable = crate::check::registry::overridable();
    for code in raw.severity.keys() {
        let known = overridable.iter().any(|c| c.id == code) || spec_codes.contains(code);
        if !known {
            src.error(
                &root.key("severity").key(code),
                format!(
                    "[severity] names '{code}', which is not a rule of a form's sheets (see `hyoka rules`; file-level codes have no form)"
                ),
            );
        }
    }

    let mut all_label_keys: Vec<String> =
        fields.iter().flat_map(|f| f.variant_keys.clone()).collect();
    all_label_keys.extend(raw.form.other_labels.iter().map(|s| label_key(s)));
    for b in &blocks {
        all_label_keys.push(label_key(&b.label));
        all_label_keys.extend(b.layout.label_keys());
        for r in &b.rows {
            all_label_keys.extend(r.variant_keys.iter().cloned());
        }
    }
    let title_keys = raw.form.title.iter().map(|s| label_key(s)).collect();
    for (i, set) in raw.form.detect.iter().enumerate() {
        if set.is_empty() || set.iter().any(|l| label_key(l).is_empty()) {
            src.error(
                &form_at.key("detect").index(i),
                "a detect set needs labels, none of them empty".into(),
            );
        }
    }
    let detect_keys = raw
        .form
        .detect
        .iter()
        .map(|set| set.iter().map(|s| label_key(s)).collect())
        .collect();
    Some(FormSpec {
        form: raw.form,
        fields,
        blocks,
        grade_checks,
        links,
        template: raw.template,
        severity: raw.severity,
        all_label_keys,
        title_keys,
        detect_keys,
        source: PathBuf::from(&src.file),
    })
}

/// Checks a block's rows: keys unique, formulas and tolerances parse and name rows (or
/// groups) of the block, no formula names its own row.
fn build_rows(
    src: &mut SpecSource,
    at: &KeyPath,
    block: &str,
    raw: &[RawRow],
    groups: &[&str],
    field_keys: &BTreeSet<String>,
) -> Vec<Row> {
    let mut row_keys = BTreeSet::new();
    for (j, r) in raw.iter().enumerate() {
        if !row_keys.insert(r.key.clone()) || field_keys.contains(&r.key) {
            src.error(
                &at.key("row").index(j).key("key"),
                format!("block '{block}': key '{}' is used twice", r.key),
            );
        }
    }
    let mut rows = Vec::new();
    for (j, r) in raw.iter().enumerate() {
        let rat = at.key("row").index(j);
        let mut parse = |s: &str, what: &str| -> Option<Expr> {
            let e = match parse_expr(s) {
                Ok(e) => e,
                Err(m) => {
                    src.error(&rat.key(what), format!("{what} of '{}': {m}", r.key));
                    return None;
                }
            };
            let mut ks = BTreeSet::new();
            e.keys(&mut ks);
            if let Some(unknown) = ks.iter().find(|k| !row_keys.contains(*k)) {
                src.error(
                    &rat.key(what),
                    format!("{what} of '{}' names unknown row '{unknown}'", r.key),
                );
                return None;
            }
            let mut gs = BTreeSet::new();
            e.groups(&mut gs);
            if let Some(g) = gs.iter().find(|g| !groups.contains(&g.as_str())) {
                let known = if groups.is_empty() {
                    "this layout has none".to_string()
                } else {
                    groups.join(", ")
                };
                src.error(
                    &rat.key(what),
                    format!("{what} of '{}' sums unknown group '{g}' ({known})", r.key),
                );
                return None;
            }
            if what == "formula" && ks.contains(&r.key) {
                src.error(
                    &rat.key(what),
                    format!("formula of '{}' refers to itself", r.key),
                );
                return None;
            }
            Some(e)
        };
        let formula = r.formula.as_deref().and_then(|f| parse(f, "formula"));
        let tolerance = r.tolerance.as_deref().and_then(|f| parse(f, "tolerance"));
        if r.formula.is_none() {
            for (key, set) in [
                ("code", r.code.is_some()),
                ("round", r.round.is_some()),
                ("tolerance", r.tolerance.is_some()),
                ("severity", r.severity.is_some()),
            ] {
                if set {
                    src.error(
                        &rat.key(key),
                        format!(
                            "row '{}': {key} applies to a formula, and it has none",
                            r.key
                        ),
                    );
                }
            }
        }
        rows.push(Row {
            formula,
            code: r.code.clone().unwrap_or_else(|| "identity".into()),
            severity: r.severity,
            round: r.round,
            tolerance,
            ..Row::plain(r)
        });
    }
    for (j, r) in raw.iter().enumerate() {
        check_phase_words(src, &at.key("row").index(j), &r.placeholder_phases);
        if let Some(k) = &r.required_when {
            if !row_keys.contains(k) {
                src.error(
                    &at.key("row").index(j).key("required_when"),
                    format!("row '{}': required_when names unknown row '{k}'", r.key),
                );
            }
        }
    }
    rows
}

/// Words of `placeholder_phases` must name phases (実績, 目標, 計画, 予算, 決算).
pub fn check_phase_words(src: &mut SpecSource, at: &KeyPath, words: &[String]) {
    for (i, w) in words.iter().enumerate() {
        if crate::extract::Phase::from_word(&label_key(w)).is_none() {
            src.error(
                &at.key("placeholder_phases").index(i),
                format!("'{w}' is not a phase (実績, 決算, 予算, 計画, 目標)"),
            );
        }
    }
}

fn build_checks(src: &mut SpecSource, at: &KeyPath, raw: &[RawCheck], rows: &[Row]) -> Vec<Check> {
    let mut checks = Vec::new();
    for (j, c) in raw.iter().enumerate() {
        let cat = at.key("check").index(j);
        let cmp = match parse_comparison(&c.check) {
            Ok(cmp) => cmp,
            Err(m) => {
                src.error(&cat.key("check"), format!("check '{}': {m}", c.code));
                continue;
            }
        };
        let mut gs = BTreeSet::new();
        cmp.left.groups(&mut gs);
        cmp.right.groups(&mut gs);
        if !gs.is_empty() {
            src.error(
                &cat.key("check"),
                format!(
                    "check '{}': sum() belongs in a row's formula, not a check",
                    c.code
                ),
            );
            continue;
        }
        let mut ks = BTreeSet::new();
        cmp.left.keys(&mut ks);
        cmp.right.keys(&mut ks);
        ks.insert(c.at.clone());
        ks.extend(c.when.iter().cloned());
        if let Some(unknown) = ks.iter().find(|k| !rows.iter().any(|r| &r.key == *k)) {
            src.error(
                &cat.key("check"),
                format!("check '{}' names unknown row '{unknown}'", c.code),
            );
            continue;
        }
        checks.push(Check {
            code: c.code.clone(),
            text: c.check.clone(),
            check: cmp,
            at: c.at.clone(),
            when: c.when.clone(),
            severity: c.severity,
        });
    }
    checks
}

/// The forms built into the binary, used when no spec is named and no `templates/` is found.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "jimu-jigyo.toml",
        include_str!("../../templates/jimu-jigyo.toml"),
    ),
    ("shisaku.toml", include_str!("../../templates/shisaku.toml")),
    ("tassei.toml", include_str!("../../templates/tassei.toml")),
    ("gyokaku.toml", include_str!("../../templates/gyokaku.toml")),
    ("keikaku.toml", include_str!("../../templates/keikaku.toml")),
    ("export.toml", include_str!("../../templates/export.toml")),
];

fn read_spec_file(p: &Path) -> Result<FormSpec, SpecErrors> {
    let text = std::fs::read_to_string(p).map_err(|e| {
        SpecErrors(vec![SpecError {
            file: p.display().to_string(),
            line: None,
            message: e.to_string(),
        }])
    })?;
    parse_spec(&text, &p.display().to_string())
}

/// The spec files of a folder: every `*.toml`, sorted by name.
pub fn spec_files_in(dir: &Path) -> Result<Vec<PathBuf>, SpecErrors> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| {
            SpecErrors(vec![SpecError {
                file: dir.display().to_string(),
                line: None,
                message: e.to_string(),
            }])
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    Ok(paths)
}

/// Loads spec files; every problem of every file is reported, and two specs may not share a
/// form id.
pub fn load_spec_files(paths: &[PathBuf]) -> Result<Vec<FormSpec>, SpecErrors> {
    let mut forms = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        match read_spec_file(p) {
            Ok(f) => forms.push(f),
            Err(e) => errors.extend(e.0),
        }
    }
    unique_ids(&forms, &mut errors);
    if errors.is_empty() {
        Ok(forms)
    } else {
        Err(SpecErrors(errors))
    }
}

/// The built-in forms.
pub fn built_in_forms() -> Result<Vec<FormSpec>, SpecErrors> {
    let mut forms = Vec::new();
    for (name, text) in BUILT_IN {
        forms.push(parse_spec(text, &format!("templates/{name}"))?);
    }
    Ok(forms)
}

fn unique_ids(forms: &[FormSpec], errors: &mut Vec<SpecError>) {
    let mut ids = BTreeSet::new();
    for f in forms {
        if !ids.insert(f.form.id.clone()) {
            errors.push(SpecError {
                file: f.source.display().to_string(),
                line: None,
                message: format!("form id '{}' is defined twice", f.form.id),
            });
        }
    }
}

/// Loads every `*.toml` of a folder, sorted by name, or the built-in forms when `dir` is None.
pub fn load_forms(dir: Option<&Path>) -> Result<Vec<FormSpec>, SpecErrors> {
    match dir {
        Some(d) => load_spec_files(&spec_files_in(d)?),
        None => built_in_forms(),
    }
}
