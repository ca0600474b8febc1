//! The form model: what a form is once its spec is loaded (header fields, blocks with their
//! rows and checks, grade checks, links, the template's settings) and the `BlockLayout` a block
//! is read and written by. Plain data and the small accessors rules need; loading a spec file
//! into this model is `spec`'s job.

pub mod expr;

pub use crate::extract::observation::FieldSource;
use crate::extract::observation::{Observation, Phase, SheetRead};
use crate::finding::Severity;
use crate::i18n::Lang;
use crate::normalise::{label_key, ParsedYear};
use crate::read::grid::Grid;
use crate::write::block_writer::FormWriter;
use expr::{Comparison, Expr};
use rust_xlsxwriter::XlsxError;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Deserialize)]
pub struct RawSpec {
    pub(crate) form: FormInfo,
    #[serde(default)]
    pub(crate) field: Vec<FieldSpec>,
    #[serde(default)]
    pub(crate) block: Vec<RawBlock>,
    #[serde(default)]
    pub(crate) grade_check: Vec<RawGradeCheck>,
    /// Records that stand for projects of another form submitted in the same run.
    #[serde(default)]
    pub(crate) link: Vec<RawLink>,
    #[serde(default)]
    pub(crate) template: TemplateSpec,
    /// Severity of built-in rules for this form: `derived-overwritten = "warning"`.
    #[serde(default)]
    pub(crate) severity: BTreeMap<String, Severity>,
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
pub struct RawBlock {
    pub(crate) id: String,
    pub(crate) layout: String,
    pub(crate) label: String,
    pub(crate) label_en: String,
    #[serde(default)]
    pub(crate) required: bool,
    #[serde(default = "one_u")]
    pub(crate) years_before: u32,
    #[serde(default)]
    pub(crate) years_after: u32,
    #[serde(default)]
    pub(crate) check_years: bool,
    /// Every header year lies inside the window of `years_before` and `years_after` around
    /// the evaluation year (a form whose years move with it; a plan's years stay put).
    #[serde(default)]
    pub(crate) check_window: bool,
    /// Years the header may also hold before the window, when it holds the whole window (the
    /// standard's four-year variant: two results years, the evaluation year, the budget year).
    #[serde(default)]
    pub(crate) extra_years_before: u32,
    #[serde(default)]
    pub(crate) eval_phases: Vec<String>,
    /// The block stands any number of times on a sheet (one table per 施策 under its heading).
    #[serde(default)]
    pub(crate) repeat: bool,
    /// Words a heading starts with (`紡ぐ`, `(1)`): the nearest such cell above an occurrence
    /// names it.
    #[serde(default)]
    pub(crate) heading: Vec<String>,
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
    /// The finding's code; a check without one reports `condition`.
    #[serde(default = "condition_code")]
    pub code: String,
    pub check: String,
    pub at: String,
    #[serde(default)]
    pub when: Vec<String>,
    #[serde(default)]
    pub severity: Option<Severity>,
}

fn condition_code() -> String {
    "condition".into()
}

#[derive(Debug, Deserialize)]
pub struct RawGradeCheck {
    /// A field holding the grade of one indicator (進捗状況) …
    #[serde(default)]
    pub(crate) field: Option<String>,
    /// … or a column of the block holding each indicator's grade (達成状況).
    #[serde(default)]
    pub(crate) column: Option<String>,
    pub(crate) block: String,
    /// With `field`: which indicator (1 = the first).
    #[serde(default)]
    pub(crate) indicator: Option<u32>,
    #[serde(default)]
    pub(crate) year: GradeYear,
    pub(crate) bands: Vec<GradeBand>,
}

#[derive(Debug, Deserialize)]
pub struct RawLink {
    /// A block whose records name projects (施策's budget projects) …
    pub(crate) block: String,
    /// … with this value per year (トータルコスト) …
    pub(crate) value: String,
    /// … which must be the project's total in that form (`jimu-jigyo`), matched by name.
    pub(crate) form: String,
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
    pub placeholder_phases: Vec<Phase>,
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
                .filter_map(|w| Phase::from_word(&label_key(w)))
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
    pub fn project_id(&self, sheet: &SheetRead) -> Option<String> {
        let folded =
            crate::normalise::fold_identifier(sheet.field_text(&self.form.project_id_field)?);
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

/// What a layout may know while reading: the form, and the evaluation year read from the
/// header fields (its era reads `元年度` and bare numbers).
pub struct ReadContext<'a> {
    pub spec: &'a FormSpec,
    pub eval_year: Option<&'a ParsedYear>,
}

pub trait BlockLayout: std::fmt::Debug + Send + Sync {
    fn name(&self) -> &'static str;

    /// Folded words of the block's header (value searches for fields stop at them).
    fn label_keys(&self) -> Vec<String>;

    /// Finds the block's occurrences on the sheet and adds them, with their observations.
    fn read(&self, block: &Block, grid: &Grid, ctx: &ReadContext, out: &mut SheetRead);

    /// Reads the block from each data row of an export (`kind = "export"`): `outs` holds the
    /// rows with what was read of them so far, `eval_years` each row's evaluation year.
    /// Layouts of form sheets read nothing here.
    fn read_export_rows(
        &self,
        _block: &Block,
        _grid: &Grid,
        _header_row: u32,
        _outs: &mut [(u32, SheetRead)],
        _eval_years: &[Option<crate::normalise::ParsedYear>],
    ) {
    }

    /// Writes the block into a form sheet from row `r`; returns the next free row.
    fn write(&self, block: &Block, w: &mut FormWriter, r: u32) -> Result<u32, XlsxError>;

    /// The words the template writes under the years (`実績`, `予算`), if the layout has any.
    fn template_phases(&self) -> &[String] {
        &[]
    }

    /// True when the layout reads every occurrence of its block (`repeat = true`).
    fn repeats(&self) -> bool {
        false
    }

    /// The values a record holds per year (record rows: トータルコスト, 庁内評価).
    fn values(&self) -> &[Row] {
        &[]
    }

    /// The text columns the layout reads as attributes of each record.
    fn columns(&self) -> &[Column] {
        &[]
    }

    /// The label of the column that names each record, where every record must have a name
    /// (`改革項目`).
    fn required_name(&self) -> Option<&str> {
        None
    }

    /// The spec row whose cell rules (unit, minimum, blanks) apply to the observation.
    fn cell_row<'s>(&'s self, block: &'s Block, obs: &Observation) -> Option<&'s Row> {
        block.row(&obs.measure)
    }
}

// Sheet data does not know the form; the form says which field holds the evaluation year.
impl SheetRead {
    pub fn eval_year(&self, spec: &FormSpec) -> Option<&crate::normalise::ParsedYear> {
        self.fields
            .get(&spec.form.eval_year_field)
            .and_then(|f| f.year.as_ref())
    }
}

/// The folded keys a label is found by: its variants, or the label itself.
pub(crate) fn keys_of(label: &str, variants: &[String]) -> Vec<String> {
    let mut v: Vec<String> = variants.iter().map(|s| label_key(s)).collect();
    if v.is_empty() {
        v.push(label_key(label));
    }
    v
}
