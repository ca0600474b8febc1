//! Form specs: a form is a TOML file under `templates/`. The spec names the labels (with the
//! variants departments write), header fields, tables, identities, grades and thresholds.
//! Loading checks the spec itself and names the spec line of any mistake.

pub mod expr;

use expr::{parse_comparison, parse_expr, Comparison, Expr};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use toml::Spanned;

use crate::normalise::label_key;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpec {
    form: FormInfo,
    #[serde(default)]
    field: Vec<FieldSpec>,
    #[serde(default)]
    table: Vec<RawTable>,
    #[serde(default)]
    grade_check: Vec<RawGradeCheck>,
    #[serde(default)]
    template: TemplateSpec,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormInfo {
    pub id: String,
    pub name: String,
    pub name_en: String,
    /// A sheet is this form when a cell's folded text contains one of these.
    pub title: Vec<String>,
    #[serde(default = "one")]
    pub tolerance: f64,
    /// Field keys with a role in reports and consolidation.
    pub department_field: String,
    pub project_id_field: String,
    pub project_name_field: String,
    pub eval_year_field: String,
    #[serde(default)]
    pub remarks_field: Option<String>,
    /// Labels of this form that are not fields: a value search stops at them.
    #[serde(default)]
    pub other_labels: Vec<String>,
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
#[serde(deny_unknown_fields)]
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
    pub pattern: Option<Spanned<String>>,
    #[serde(default)]
    pub choices: Vec<String>,
    /// `header` or `evaluation`: where the template places it.
    #[serde(default = "header_section")]
    pub section: String,
    /// For a fiscal-year field: a field it may not come after.
    #[serde(default)]
    pub not_after: Option<String>,
    /// Checked against the department list when one is given.
    #[serde(default)]
    pub department: bool,
    /// Wide free-text cell in the template.
    #[serde(default)]
    pub wide: bool,
}

fn header_section() -> String {
    "header".into()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TableKind {
    /// Rows are measures, columns are fiscal years (the cost table).
    MeasuresByYear,
    /// Pairs of 目標/実績 rows per indicator, columns are fiscal years.
    Indicators,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    id: String,
    kind: TableKind,
    label: String,
    label_en: String,
    header: String,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default = "one_u")]
    years_before: u32,
    #[serde(default)]
    years_after: u32,
    #[serde(default)]
    phases: Vec<String>,
    #[serde(default)]
    eval_phases: Vec<String>,
    #[serde(default)]
    row: Vec<RawRow>,
    #[serde(default)]
    check: Vec<RawCheck>,
    #[serde(default)]
    columns: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    plan: Vec<String>,
    #[serde(default)]
    actual: Vec<String>,
    #[serde(default)]
    increase: Vec<String>,
    #[serde(default)]
    decrease: Vec<String>,
    #[serde(default)]
    template_indicators: Option<u32>,
}

fn one_u() -> u32 {
    1
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRow {
    key: String,
    label: String,
    label_en: String,
    #[serde(default)]
    variants: Vec<String>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    min: Option<f64>,
    #[serde(default)]
    formula: Option<Spanned<String>>,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    round: Option<u32>,
    #[serde(default)]
    tolerance: Option<Spanned<String>>,
    #[serde(default)]
    negative_needs_remarks: bool,
    #[serde(default)]
    allow_blank: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    code: String,
    check: Spanned<String>,
    at: String,
    #[serde(default)]
    when: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGradeCheck {
    field: String,
    table: String,
    #[serde(default = "one_u")]
    indicator: u32,
    bands: Spanned<Vec<GradeBand>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeBand {
    pub grade: String,
    /// Lowest achievement (1.0 = 100 %) for this grade; the last band has none.
    #[serde(default)]
    pub min: Option<f64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateSpec {
    #[serde(default)]
    pub sheet_name: Option<String>,
    #[serde(default)]
    pub instructions: Vec<String>,
}

/// A loaded, checked form spec.
#[derive(Debug, Clone)]
pub struct FormSpec {
    pub form: FormInfo,
    pub fields: Vec<Field>,
    pub tables: Vec<Table>,
    pub grade_checks: Vec<GradeCheck>,
    pub template: TemplateSpec,
    /// Folded labels of every field, row and other label (value searches stop at them).
    pub all_label_keys: Vec<String>,
    pub title_keys: Vec<String>,
    pub source: PathBuf,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub spec: FieldSpec,
    pub variant_keys: Vec<String>,
    pub pattern: Option<regex::Regex>,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub id: String,
    pub kind: TableKind,
    pub label: String,
    pub label_en: String,
    pub header: String,
    pub header_key: String,
    pub unit: Option<String>,
    pub years_before: u32,
    pub years_after: u32,
    pub phases: Vec<String>,
    /// Words the evaluation year's column may be marked with (`実績`); a column of the
    /// evaluation year marked `予算` is a sheet copied from last year.
    pub eval_phases: Vec<String>,
    pub rows: Vec<Row>,
    pub checks: Vec<Check>,
    pub columns: BTreeMap<String, Vec<String>>,
    /// 目標 / 実績 words as written (the template uses the first of each).
    pub plan: Vec<String>,
    pub actual: Vec<String>,
    pub increase: Vec<String>,
    pub decrease: Vec<String>,
    pub plan_keys: Vec<String>,
    pub actual_keys: Vec<String>,
    pub increase_keys: Vec<String>,
    pub decrease_keys: Vec<String>,
    pub template_indicators: u32,
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
    pub round: Option<u32>,
    pub tolerance: Option<Expr>,
    pub negative_needs_remarks: bool,
    pub allow_blank: bool,
}

#[derive(Debug, Clone)]
pub struct Check {
    pub code: String,
    pub check: Comparison,
    pub text: String,
    pub at: String,
    pub when: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct GradeCheck {
    pub field: String,
    pub table: String,
    pub indicator: u32,
    pub bands: Vec<GradeBand>,
}

impl FormSpec {
    /// The fields the template places in a section (`header`, `evaluation`), in spec order.
    pub fn fields_in<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a Field> + 'a {
        self.fields
            .iter()
            .filter(move |f| f.spec.section == section)
    }

    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.spec.key == key)
    }
    pub fn table(&self, id: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }
    pub fn measures_table(&self) -> Option<&Table> {
        self.tables
            .iter()
            .find(|t| t.kind == TableKind::MeasuresByYear)
    }
}

impl Table {
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key)
    }
}

impl Row {
    pub fn label_in(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Ja => &self.label,
            crate::i18n::Lang::En => &self.label_en,
        }
    }
}

impl Field {
    pub fn label_in(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Ja => &self.spec.label,
            crate::i18n::Lang::En => &self.spec.label_en,
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

impl std::error::Error for SpecError {}

fn keys_of(label: &str, variants: &[String]) -> Vec<String> {
    let mut v: Vec<String> = variants.iter().map(|s| label_key(s)).collect();
    if v.is_empty() {
        v.push(label_key(label));
    }
    v
}

/// Parses and checks a spec from its text. `file` names it in errors.
pub fn parse_spec(text: &str, file: &str) -> Result<FormSpec, SpecError> {
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    let err = |line: Option<usize>, message: String| SpecError {
        file: file.to_string(),
        line,
        message,
    };
    let raw: RawSpec = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(s.start));
        err(line, e.message().to_string())
    })?;

    let mut seen = BTreeSet::new();
    let mut fields = Vec::new();
    for f in raw.field {
        if !seen.insert(f.key.clone()) {
            return Err(err(None, format!("field key '{}' is used twice", f.key)));
        }
        let pattern = match &f.pattern {
            Some(p) => Some(regex::Regex::new(p.get_ref()).map_err(|e| {
                err(
                    Some(line_of(p.span().start)),
                    format!("bad pattern for '{}': {e}", f.key),
                )
            })?),
            None => None,
        };
        if f.kind == FieldType::Choice && f.choices.is_empty() {
            return Err(err(
                None,
                format!("choice field '{}' lists no choices", f.key),
            ));
        }
        fields.push(Field {
            variant_keys: keys_of(&f.label, &f.variants),
            pattern,
            spec: f,
        });
    }
    for f in &fields {
        if let Some(other) = &f.spec.not_after {
            if !fields.iter().any(|g| &g.spec.key == other) {
                return Err(err(
                    None,
                    format!(
                        "field '{}': not_after names unknown field '{other}'",
                        f.spec.key
                    ),
                ));
            }
        }
    }
    let role_fields = [
        &raw.form.department_field,
        &raw.form.project_id_field,
        &raw.form.project_name_field,
        &raw.form.eval_year_field,
    ];
    for k in role_fields.into_iter().chain(raw.form.remarks_field.iter()) {
        if !fields.iter().any(|f| &f.spec.key == k) {
            return Err(err(
                None,
                format!("[form] names field '{k}', which is not defined"),
            ));
        }
    }

    let mut tables = Vec::new();
    for t in raw.table {
        let mut rows = Vec::new();
        let mut row_keys = BTreeSet::new();
        for r in &t.row {
            if !row_keys.insert(r.key.clone()) || seen.contains(&r.key) {
                return Err(err(
                    None,
                    format!("table '{}': key '{}' is used twice", t.id, r.key),
                ));
            }
        }
        for r in t.row {
            let parse_in_table = |s: &Spanned<String>, what: &str| -> Result<Expr, SpecError> {
                let e = parse_expr(s.get_ref()).map_err(|m| {
                    err(
                        Some(line_of(s.span().start)),
                        format!("{what} of '{}': {m}", r.key),
                    )
                })?;
                let mut ks = BTreeSet::new();
                e.keys(&mut ks);
                if let Some(unknown) = ks.iter().find(|k| !row_keys.contains(*k)) {
                    return Err(err(
                        Some(line_of(s.span().start)),
                        format!("{what} of '{}' names unknown row '{unknown}'", r.key),
                    ));
                }
                Ok(e)
            };
            let formula = r
                .formula
                .as_ref()
                .map(|f| parse_in_table(f, "formula"))
                .transpose()?;
            if let Some(f) = &formula {
                let mut ks = BTreeSet::new();
                f.keys(&mut ks);
                if ks.contains(&r.key) {
                    return Err(err(
                        None,
                        format!("formula of '{}' refers to itself", r.key),
                    ));
                }
            }
            let tolerance = r
                .tolerance
                .as_ref()
                .map(|f| parse_in_table(f, "tolerance"))
                .transpose()?;
            rows.push(Row {
                variant_keys: keys_of(&r.label, &r.variants),
                key: r.key,
                label: r.label,
                label_en: r.label_en,
                unit: r.unit.or_else(|| t.unit.clone()),
                min: r.min,
                formula,
                code: r.code.unwrap_or_else(|| "identity".into()),
                round: r.round,
                tolerance,
                negative_needs_remarks: r.negative_needs_remarks,
                allow_blank: r.allow_blank,
            });
        }
        let mut checks = Vec::new();
        for c in t.check {
            let line = Some(line_of(c.check.span().start));
            let cmp = parse_comparison(c.check.get_ref())
                .map_err(|m| err(line, format!("check '{}': {m}", c.code)))?;
            let mut ks = BTreeSet::new();
            cmp.left.keys(&mut ks);
            cmp.right.keys(&mut ks);
            ks.insert(c.at.clone());
            ks.extend(c.when.iter().cloned());
            if let Some(unknown) = ks.iter().find(|k| !row_keys.contains(*k)) {
                return Err(err(
                    line,
                    format!("check '{}' names unknown row '{unknown}'", c.code),
                ));
            }
            checks.push(Check {
                code: c.code,
                text: c.check.get_ref().clone(),
                check: cmp,
                at: c.at,
                when: c.when,
            });
        }
        if t.kind == TableKind::Indicators && (t.plan.is_empty() || t.actual.is_empty()) {
            return Err(err(
                None,
                format!("indicator table '{}' needs plan and actual words", t.id),
            ));
        }
        let fold_all = |v: &[String]| v.iter().map(|s| label_key(s)).collect::<Vec<_>>();
        tables.push(Table {
            header_key: label_key(&t.header),
            plan_keys: fold_all(&t.plan),
            actual_keys: fold_all(&t.actual),
            increase_keys: fold_all(&t.increase),
            decrease_keys: fold_all(&t.decrease),
            plan: t.plan,
            actual: t.actual,
            increase: t.increase,
            decrease: t.decrease,
            id: t.id,
            kind: t.kind,
            label: t.label,
            label_en: t.label_en,
            header: t.header,
            unit: t.unit,
            years_before: t.years_before,
            years_after: t.years_after,
            phases: t.phases,
            eval_phases: t.eval_phases,
            rows,
            checks,
            columns: t.columns,
            template_indicators: t.template_indicators.unwrap_or(2),
        });
    }
    if tables
        .iter()
        .filter(|t| t.kind == TableKind::MeasuresByYear)
        .count()
        > 1
    {
        return Err(err(
            None,
            "only one measures-by-year table per form is supported".into(),
        ));
    }

    let mut grade_checks = Vec::new();
    for g in raw.grade_check {
        let line = Some(line_of(g.bands.span().start));
        let Some(field) = fields.iter().find(|f| f.spec.key == g.field) else {
            return Err(err(
                line,
                format!("grade_check names unknown field '{}'", g.field),
            ));
        };
        if !tables
            .iter()
            .any(|t| t.id == g.table && t.kind == TableKind::Indicators)
        {
            return Err(err(
                line,
                format!("grade_check names unknown indicator table '{}'", g.table),
            ));
        }
        let bands = g.bands.into_inner();
        let mins: Vec<Option<f64>> = bands.iter().map(|b| b.min).collect();
        let ordered = mins.windows(2).all(|w| match (w[0], w[1]) {
            (Some(a), Some(b)) => a > b,
            (Some(_), None) => true,
            _ => false,
        });
        if bands.is_empty() || !ordered || mins.last().copied().flatten().is_some() {
            return Err(err(
                line,
                "grade bands must go from the highest min down, the last without min".into(),
            ));
        }
        for b in &bands {
            if !field.spec.choices.is_empty() && !field.spec.choices.contains(&b.grade) {
                return Err(err(
                    line,
                    format!("grade '{}' is not a choice of '{}'", b.grade, g.field),
                ));
            }
        }
        grade_checks.push(GradeCheck {
            field: g.field,
            table: g.table,
            indicator: g.indicator,
            bands,
        });
    }

    let mut all_label_keys: Vec<String> =
        fields.iter().flat_map(|f| f.variant_keys.clone()).collect();
    all_label_keys.extend(raw.form.other_labels.iter().map(|s| label_key(s)));
    for t in &tables {
        all_label_keys.push(t.header_key.clone());
        all_label_keys.push(label_key(&t.label));
        for r in &t.rows {
            all_label_keys.extend(r.variant_keys.iter().cloned());
        }
    }
    let title_keys = raw.form.title.iter().map(|s| label_key(s)).collect();
    Ok(FormSpec {
        form: raw.form,
        fields,
        tables,
        grade_checks,
        template: raw.template,
        all_label_keys,
        title_keys,
        source: PathBuf::from(file),
    })
}

/// The forms built into the binary, used when no `templates/` folder is found.
pub const BUILT_IN: &[(&str, &str)] = &[(
    "jimu-jigyo.toml",
    include_str!("../../templates/jimu-jigyo.toml"),
)];

/// Loads every `*.toml` of a folder, sorted by name, or the built-in forms when `dir` is None.
pub fn load_forms(dir: Option<&Path>) -> Result<Vec<FormSpec>, SpecError> {
    let mut forms = Vec::new();
    match dir {
        Some(d) => {
            let mut paths: Vec<PathBuf> = std::fs::read_dir(d)
                .map_err(|e| SpecError {
                    file: d.display().to_string(),
                    line: None,
                    message: e.to_string(),
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            paths.sort();
            for p in paths {
                let text = std::fs::read_to_string(&p).map_err(|e| SpecError {
                    file: p.display().to_string(),
                    line: None,
                    message: e.to_string(),
                })?;
                forms.push(parse_spec(&text, &p.display().to_string())?);
            }
        }
        None => {
            for (name, text) in BUILT_IN {
                forms.push(parse_spec(text, &format!("templates/{name}"))?);
            }
        }
    }
    let mut ids = BTreeSet::new();
    for f in &forms {
        if !ids.insert(f.form.id.clone()) {
            return Err(SpecError {
                file: f.source.display().to_string(),
                line: None,
                message: format!("form id '{}' is defined twice", f.form.id),
            });
        }
    }
    Ok(forms)
}
