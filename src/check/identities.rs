//! The arithmetic of each block: every derived row equals its formula (一般財源 = (a)−①−②−③,
//! 合計 = the records above it + その他) within the tolerance, per slice; conditions hold
//! (対象数 > 0 where a unit cost is given); a typed number over a template formula is told
//! apart, and so is a cached result the saving program did not recalculate.
//!
//! Codes of identities and conditions come from the spec (`general-revenue`); the messages
//! and the other codes are here.

use super::hints;
use super::rule::{year_arg, Code, SheetReporter, SheetRule, SheetUnderCheck};
use crate::extract::derived::{arithmetic, slices, usable, Slice};
use crate::extract::{Observation, Origin, Value};
use crate::finding::Severity::{self, Error, Warning};
use crate::form::expr::Ref;
use crate::form::{Check, FormSpec, Row};
use crate::i18n::{Arg, Message, Text};
use crate::normalise::plain_number;

/// The message of every identity a spec defines; the code is the spec's.
pub static IDENTITY: Code = Code {
    id: "identity",
    severity: Error,
    summary: Text {
        ja: "計算の合わない行（コードは様式が定める: general-revenue など）",
        en:
            "a derived row that does not match its formula (codes from the spec: general-revenue …)",
    },
    message: Text {
        ja: "{year}の{label}が計算（{rule}）と合いません（差 {difference}）",
        en: "{label} for {year} does not match {rule} (difference {difference})",
    },
};
/// The message of every condition a spec defines; the code is the spec's.
pub static CONDITION: Code = Code {
    id: "condition",
    severity: Error,
    summary: Text {
        ja: "様式が定める条件を満たさない（コードは様式が定める: target-count-positive など）",
        en: "a condition of the spec fails (codes from the spec: target-count-positive …)",
    },
    message: Text {
        ja: "{year}の{label}が条件（{rule}）を満たしていません",
        en: "{label} for {year} does not satisfy {rule}",
    },
};
pub static DERIVED_OVERWRITTEN: Code = Code {
    id: "derived-overwritten",
    severity: Error,
    summary: Text { ja: "様式の数式が数値で上書きされている（値が合えば警告）", en: "a template formula typed over with a number (a warning when it agrees)" },
    message: Text { ja: "{year}の{label}は数式が数値で上書きされ、計算（{rule}）とも合いません", en: "{label} for {year}: the formula was replaced by a typed number that does not match {rule}" },
};
static DERIVED_OVERWRITTEN_AGREES: Text = Text {
    ja: "{year}の{label}は数式の代わりに数値が入力されています（値は一致）",
    en: "{label} for {year}: the formula was replaced by a typed number (the value agrees)",
};
pub static STALE_CACHED_VALUE: Code = Code {
    id: "stale-cached-value",
    severity: Warning,
    summary: Text { ja: "数式の保存された結果が再計算と違う（再計算されていない）", en: "a formula's saved result differs from the recomputed one (not recalculated)" },
    message: Text { ja: "{year}の{label}の数式の保存された結果 {cached} が、今の値での計算 {computed} と違います。Excel で開いて保存し、再計算してください", en: "{label} for {year}: the formula's saved result {cached} differs from {computed} computed from the current values; open and save in Excel to recalculate" },
};

pub static CODES: &[&Code] = &[
    &IDENTITY,
    &CONDITION,
    &DERIVED_OVERWRITTEN,
    &STALE_CACHED_VALUE,
];

/// The severity of a derived row's finding: the row's own, else the form's `[severity]` for
/// its code, else `identity`'s.
pub fn formula_severity(spec: &FormSpec, row: &Row) -> Severity {
    row.severity
        .unwrap_or_else(|| spec.severity_of(&row.code, IDENTITY.severity))
}

/// The severity of a failed condition: the check's own, else the form's `[severity]` for its
/// code, else `condition`'s.
pub fn condition_severity(spec: &FormSpec, check: &Check) -> Severity {
    check
        .severity
        .unwrap_or_else(|| spec.severity_of(&check.code, CONDITION.severity))
}

pub struct Identities;

impl SheetRule for Identities {
    fn codes(&self) -> &'static [&'static Code] {
        CODES
    }
    fn check(&self, sheet: &SheetUnderCheck, out: &mut SheetReporter) {
        let obs = &sheet.read.observations;
        let all = slices(sheet.spec, obs);
        for s in &all {
            // A block whose derived cells hold formulas came from the template: typed numbers
            // in its derived cells are then reported.
            let from_template = all
                .iter()
                .filter(|t| t.block.id == s.block.id && t.instance == s.instance)
                .flat_map(|t| t.by_key.iter())
                .any(|(k, &i)| {
                    s.block.row(k).is_some_and(|r| r.formula.is_some()) && obs[i].formula.is_some()
                });
            for row in &s.block.rows {
                identity(sheet, s, row, from_template, out);
            }
            conditions(sheet, s, out);
        }
    }
}

fn label_words(s: &Slice, k: &str) -> Arg {
    s.block
        .row(k)
        .map(|r| r.words())
        .unwrap_or_else(|| Arg::Text(k.to_string()))
}

/// The rule as people read it, in both languages: `事業費合計 (a)-国県支出金 ①…`.
fn rule_words(s: &Slice, expr: &crate::form::expr::Expr) -> Arg {
    let render = |lang: crate::i18n::Lang| {
        expr.render(&|r| match r {
            Ref::Key(k) => label_words(s, k).render(lang),
            Ref::Sum(_) => match lang {
                crate::i18n::Lang::Ja => "各行の合計".to_string(),
                crate::i18n::Lang::En => "the sum of the rows".to_string(),
            },
        })
    };
    Arg::Words {
        ja: render(crate::i18n::Lang::Ja),
        en: render(crate::i18n::Lang::En),
    }
}

fn identity(
    sheet: &SheetUnderCheck,
    s: &Slice,
    row: &Row,
    from_template: bool,
    out: &mut SheetReporter,
) {
    let obs = &sheet.read.observations;
    let (Some(expr), Some(&ci)) = (&row.formula, s.by_key.get(&row.key)) else {
        return;
    };
    let cell = &obs[ci];
    // A value worked out here from the same arithmetic agrees by construction.
    if cell.origin == Origin::Computed {
        return;
    }
    let mut keys = std::collections::BTreeSet::new();
    expr.keys(&mut keys);
    let mut groups = std::collections::BTreeSet::new();
    expr.groups(&mut groups);
    let inputs: Vec<(Option<&str>, &Observation)> = keys
        .iter()
        .filter_map(|k| s.by_key.get(k).map(|&i| (Some(k.as_str()), &obs[i])))
        .chain(if groups.is_empty() {
            Vec::new()
        } else {
            s.items.iter().map(|&i| (None, &obs[i])).collect()
        })
        .collect();
    // Inputs that are present but not numbers were reported already; skip the identity.
    let unreadable = inputs.iter().any(|(_, o)| arithmetic(s.block, o).is_none())
        || !matches!(cell.value, Value::Number(_) | Value::Blank);
    let any_input = inputs.iter().any(|(_, o)| o.number().is_some());
    if unreadable || !any_input {
        return;
    }
    let value = |r: Ref| -> Option<f64> {
        let num = |o: &Observation| arithmetic(s.block, o).unwrap_or(0.0);
        match r {
            Ref::Key(k) => s.get(obs, k).map(num),
            Ref::Sum(_) => Some(s.items.iter().map(|&i| num(&obs[i])).sum()),
        }
    };
    // A division by a blank or zero is not checked here.
    let Some(expected) = expr.eval(&value).map(|v| row.rounded(v)) else {
        return;
    };
    let actual = usable(s.block.layout.cell_row(s.block, cell), cell);
    let form_tolerance = sheet.spec.form.tolerance;
    let tolerance = match &row.tolerance {
        Some(t) => t.eval(&value).unwrap_or(form_tolerance).max(0.0),
        None => form_tolerance,
    };
    let typed = cell.formula.is_none() && from_template;
    let holds = actual.is_some_and(|a| (a - expected).abs() <= tolerance + 1e-9);
    let label = row.words();
    let set = |f: &mut crate::finding::Finding| {
        f.field = Some(cell.key());
        f.fiscal_year = cell.fiscal_year().map(|y| y.0);
    };
    if holds {
        if typed {
            let m = Message::new(&DERIVED_OVERWRITTEN_AGREES)
                .arg("label", label)
                .arg("year", year_arg(s.period.and_then(|p| p.fiscal())));
            let f = out.push_as(DERIVED_OVERWRITTEN.id, Warning, cell.pos, m);
            set(f);
            f.actual = Some(cell.raw.clone());
        }
        return;
    }
    let a = actual.unwrap_or(0.0);
    // The template's own formula with a result that is not what it computes now: the saving
    // program did not recalculate. Not a wrong total.
    if let Some(f) = cell.formula.as_deref() {
        if s.is_template_formula(obs, row, f) {
            let m = Message::new(&STALE_CACHED_VALUE.message)
                .arg("label", label)
                .arg("year", year_arg(s.period.and_then(|p| p.fiscal())))
                .arg("cached", plain_number(a))
                .arg("computed", plain_number(expected));
            let f = out.push(&STALE_CACHED_VALUE, cell.pos, m);
            set(f);
            f.expected = Some(plain_number(expected));
            f.actual = Some(plain_number(a));
            return;
        }
    }
    let items: Vec<(Arg, f64)> = keys
        .iter()
        .filter_map(|k| {
            let o = s.get(obs, k)?;
            Some((
                label_words(s, k),
                usable(s.block.layout.cell_row(s.block, o), o)?,
            ))
        })
        .collect();
    let hint = hints::hint(expected, a, &items);
    let rule = rule_words(s, expr);
    let f = if typed {
        let m = Message::new(&DERIVED_OVERWRITTEN.message)
            .arg("label", label)
            .arg("year", year_arg(s.period.and_then(|p| p.fiscal())))
            .arg("rule", rule);
        out.push(&DERIVED_OVERWRITTEN, cell.pos, m)
    } else {
        let m = Message::new(&IDENTITY.message)
            .arg("label", label)
            .arg("year", year_arg(s.period.and_then(|p| p.fiscal())))
            .arg("rule", rule)
            .arg("difference", plain_number(a - expected));
        let sev = formula_severity(sheet.spec, row);
        out.push_as(&row.code, sev, cell.pos, m)
    };
    set(f);
    f.expected = Some(plain_number(expected));
    f.actual = Some(if actual.is_some() {
        plain_number(a)
    } else {
        String::new()
    });
    f.hint = hint;
}

fn conditions(sheet: &SheetUnderCheck, s: &Slice, out: &mut SheetReporter) {
    let obs = &sheet.read.observations;
    let get = |k: &str| -> Option<f64> {
        s.get(obs, k)
            .and_then(|o| usable(s.block.layout.cell_row(s.block, o), o))
    };
    for c in &s.block.checks {
        if c.when.iter().any(|k| get(k).is_none()) {
            continue;
        }
        let Some(&ci) = s.by_key.get(&c.at) else {
            continue;
        };
        let cell = &obs[ci];
        if !matches!(cell.value, Value::Number(_) | Value::Blank) {
            continue;
        }
        let zero_blank = |r: Ref| match r {
            Ref::Key(k) => Some(get(k).unwrap_or(0.0)),
            Ref::Sum(_) => None,
        };
        let (Some(l), Some(r)) = (
            c.check.left.eval(&zero_blank),
            c.check.right.eval(&zero_blank),
        ) else {
            continue;
        };
        if c.check.cmp.holds(l, r, 0.0) {
            continue;
        }
        let left = rule_words(s, &c.check.left);
        let sym = c.check.cmp.symbol();
        let right = c.check.right.to_string();
        let rule = match left {
            Arg::Words { ja, en } => Arg::Words {
                ja: format!("{ja} {sym} {right}"),
                en: format!("{en} {sym} {right}"),
            },
            other => other,
        };
        let m = Message::new(&CONDITION.message)
            .arg("label", label_words(s, &c.at))
            .arg("year", year_arg(s.period.and_then(|p| p.fiscal())))
            .arg("rule", rule);
        let sev = condition_severity(sheet.spec, c);
        let f = out.push_as(&c.code, sev, cell.pos, m);
        f.field = Some(cell.key());
        f.fiscal_year = cell.fiscal_year().map(|y| y.0);
        f.actual = Some(cell.raw.clone());
    }
}
