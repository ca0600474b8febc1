//! Loading form specs: a form is a TOML file under `templates/`, loaded here into the model of
//! `form`. The spec names the labels (with the variants departments write), header fields,
//! blocks of declared layouts, identities, grades and thresholds. Loading checks the spec
//! itself and names the line of every mistake: a key that is accepted takes effect, any other
//! is an error.
//!
//! Each block is read in two passes: the keys every block has, then the keys of its layout
//! (read `layout` first, then that layout's table: serde's tagged enums lose the spans).

pub mod lines;
pub mod source;

pub use source::{SpecError, SpecErrors};

use crate::extract::layout::LAYOUTS;
use crate::form::expr::{parse_comparison, parse_expr, Expr};
use crate::form::*;
use crate::normalise::label_key;
use lines::{line_of, KeyPath};
use source::{check_phase_words, SpecSource};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use toml::de::DeTable;

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
            if !["identity", "condition"].contains(&code.as_str())
                && crate::check::registry::find(code).is_some()
            {
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
