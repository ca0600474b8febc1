//! Indicators and grades: indicator cells must be numbers or milestones; a grade derived from
//! an indicator's achievement (進捗状況) must agree with it, by the spec's bands.

use super::{show, SheetReporter};
use crate::extract::{Direction, FormSheet, Indicator, MeasureCell};
use crate::finding::Severity;
use crate::i18n::Msg;
use crate::normalise::{FiscalYear, NumberValue};
use crate::spec::{FormSpec, GradeBand};

pub fn check(spec: &FormSpec, sheet: &FormSheet, out: &mut SheetReporter) {
    for (id, table) in &sheet.indicators {
        for ind in &table.indicators {
            for (kind, cells) in [("plan", &ind.plan), ("actual", &ind.actual)] {
                for c in cells {
                    // Text is a milestone (`検討`, `策定`) and is allowed; errors and dates are not.
                    let code = match &c.value {
                        NumberValue::CellError(_) => "cell-error",
                        NumberValue::Date(_) => "date-in-number-cell",
                        NumberValue::TooPrecise(_) => "too-precise",
                        _ => continue,
                    };
                    let label = format!("{} {}", ind.name, kind);
                    let year = out.year_text(c.year);
                    let msg = match &c.value {
                        NumberValue::CellError(t) => Msg::CellError {
                            label,
                            year,
                            text: t.clone(),
                        },
                        NumberValue::TooPrecise(t) => Msg::TooPrecise {
                            label,
                            year,
                            text: t.clone(),
                        },
                        _ => Msg::DateInNumberCell { label, year },
                    };
                    let f = out.push(Severity::Error, code, c.pos, msg);
                    f.field = Some(format!("{id}.{}.{kind}", ind.n));
                    f.fiscal_year = Some(c.year.0);
                    f.actual = Some(c.raw.clone());
                }
            }
        }
    }
    let Some(eval) = sheet.eval_year(spec).map(|y| y.year) else {
        return;
    };
    for g in &spec.grade_checks {
        let Some(field) = spec.field(&g.field) else {
            continue;
        };
        let Some(v) = sheet.fields.get(&g.field).filter(|v| v.present) else {
            continue;
        };
        let Some(ind) = sheet
            .indicators
            .get(&g.table)
            .and_then(|t| t.indicators.iter().find(|i| i.n == g.indicator))
        else {
            continue;
        };
        // A percentage that lost its % (0.26 beside 26%) makes the achievement meaningless.
        if let Some(bare) = mixed_percent_scale(ind, eval) {
            let label = field.label_in(out.lang).to_string();
            let year = out.year_text(eval);
            let f = out.push(
                Severity::Warning,
                "percent-scale",
                bare.pos,
                Msg::PercentScale {
                    label,
                    year,
                    text: bare.raw.clone(),
                },
            );
            f.field = Some(format!("{}.{}", g.table, ind.n));
            f.fiscal_year = Some(eval.0);
            f.actual = Some(bare.raw.clone());
            continue;
        }
        let Some(achievement) = achievement(ind, eval) else {
            continue;
        };
        let expected = grade_for(&g.bands, achievement);
        let got = super::fields::fold_identifier(&v.raw);
        if !field
            .spec
            .choices
            .iter()
            .any(|c| super::fields::fold_identifier(c) == got)
        {
            continue; // reported as choice-invalid
        }
        if got != expected {
            let pct = format!("{}%", show((achievement * 1000.0).round() / 10.0));
            let f = out.push(
                Severity::Error,
                "grade-mismatch",
                v.value_pos,
                Msg::GradeMismatch {
                    label: field.label_in(out.lang).to_string(),
                    grade: got.clone(),
                    achievement: pct,
                    expected: expected.to_string(),
                },
            );
            f.field = Some(g.field.clone());
            f.fiscal_year = Some(eval.0);
            f.expected = Some(expected.to_string());
            f.actual = Some(got);
        }
    }
}

/// For an indicator in %, the cell of the evaluation year written as a fraction (`0.26`, a
/// number at most 1 without a unit) when the other is written as a percentage (`26%`, `26`).
fn mixed_percent_scale(ind: &Indicator, year: FiscalYear) -> Option<&MeasureCell> {
    let (plan, actual) = (
        ind.plan.iter().find(|c| c.year == year)?,
        ind.actual.iter().find(|c| c.year == year)?,
    );
    let percent = |c: &MeasureCell| matches!(&c.value, NumberValue::Number(q) if q.unit.as_deref() == Some("%"));
    let in_percent =
        ind.unit.as_deref().is_some_and(|u| u.contains('%')) || percent(plan) || percent(actual);
    if !in_percent {
        return None;
    }
    let fraction = |c: &MeasureCell| !percent(c) && c.number().is_some_and(|v| v.abs() <= 1.0);
    let whole = |c: &MeasureCell| c.number().is_some_and(|v| v.abs() > 1.0);
    if fraction(plan) && whole(actual) {
        Some(plan)
    } else if fraction(actual) && whole(plan) {
        Some(actual)
    } else {
        None
    }
}

/// 実績 ÷ 目標 when higher is better, 目標 ÷ 実績 when lower is better; None without both.
pub fn achievement(ind: &Indicator, year: FiscalYear) -> Option<f64> {
    let plan = ind.plan.iter().find(|c| c.year == year)?.number()?;
    let actual = ind.actual.iter().find(|c| c.year == year)?.number()?;
    let (num, den) = match ind.direction {
        Direction::Increase => (actual, plan),
        Direction::Decrease => (plan, actual),
    };
    (den != 0.0).then(|| num / den)
}

pub fn grade_for(bands: &[GradeBand], achievement: f64) -> &str {
    bands
        .iter()
        .find(|b| b.min.is_none_or(|m| achievement + 1e-9 >= m))
        .map(|b| b.grade.as_str())
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn bands_from_the_top() {
        let bands = vec![
            GradeBand {
                grade: "A".into(),
                min: Some(1.0),
            },
            GradeBand {
                grade: "B".into(),
                min: Some(0.7),
            },
            GradeBand {
                grade: "C".into(),
                min: None,
            },
        ];
        assert_eq!(grade_for(&bands, 1.0), "A");
        assert_eq!(grade_for(&bands, 7.0 / 10.0), "B");
        assert_eq!(grade_for(&bands, 23.3 / 33.0), "B");
        assert_eq!(grade_for(&bands, 0.69), "C");
    }
}
