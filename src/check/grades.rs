//! Grades derived from an indicator's achievement (進捗状況 from the first 成果指標) must agree
//! with it, by the spec's bands: 実績 ÷ 目標 when higher is better, 目標 ÷ 実績 when lower is.

use super::rule::{Code, SheetReporter, SheetRule, SheetUnderCheck};
use crate::extract::{Observation, Phase, RecordRead};
use crate::finding::Severity::{Error, Warning};
use crate::form::{GradeAt, GradeBand, GradeCheck, GradeYear};
use crate::i18n::Arg;
use crate::i18n::{Message, Text};
use crate::normalise::{plain_number, FiscalYear};

pub static GRADE_MISMATCH: Code = Code {
    id: "grade-mismatch",
    severity: Error,
    summary: Text {
        ja: "評価が指標の達成率と合わない（様式の判定基準による）",
        en: "a grade that does not match the indicator's achievement (the form's bands)",
    },
    message: Text {
        ja: "{label} {grade} は達成率 {achievement} と合いません（{expected} のはずです）",
        en: "{label} {grade} does not match the achievement of {achievement} (expected {expected})",
    },
};
pub static PERCENT_SCALE: Code = Code {
    id: "percent-scale",
    severity: Warning,
    summary: Text { ja: "% の指標で一方が割合（0.23 と 26%）のため評価を判定しない", en: "an indicator in % with one value as a fraction (0.23 beside 26%): the grade is not judged" },
    message: Text { ja: "{year}の指標の「{text}」は割合（0〜1）で、もう一方は % で書かれているため、{label}の達成率を判定できません。% に揃えてください", en: "the indicator value \"{text}\" for {year} is a fraction (0–1) while the other is a percentage, so {label} cannot be checked; write both in %" },
};

pub static GRADE_NOT_CHECKED: Code = Code {
    id: "grade-not-checked",
    severity: crate::finding::Severity::Info,
    summary: Text {
        ja: "評価を判定する指標の表が見つからず、評価は点検していない",
        en: "the indicator a grade is judged by is not found: the grade was not checked",
    },
    message: Text {
        ja: "{label} {grade} は{table}の第{indicator}指標で判定しますが、その指標が読めないため点検していません",
        en: "{label} {grade} is judged by indicator {indicator} of {table}, which could not be read: not checked",
    },
};

pub static CODES: &[&Code] = &[&GRADE_MISMATCH, &PERCENT_SCALE, &GRADE_NOT_CHECKED];

pub struct Grades;

impl SheetRule for Grades {
    fn codes(&self) -> &'static [&'static Code] {
        CODES
    }
    fn check(&self, sheet: &SheetUnderCheck, out: &mut SheetReporter) {
        let (spec, read) = (sheet.spec, sheet.read);
        let eval = read.eval_year(spec).map(|y| y.year);
        for g in &spec.grade_checks {
            // A grade written whose indicator was not read is said, not passed in silence.
            if let GradeAt::Field { key, indicator } = &g.grade {
                let read_one = read
                    .block(&g.block)
                    .any(|b| b.record(&indicator.to_string()).is_some());
                let written = read.fields.get(key).filter(|v| v.present);
                if let (false, Some(v), Some(field), Some(block)) =
                    (read_one, written, spec.field(key), spec.block(&g.block))
                {
                    let m = Message::new(&GRADE_NOT_CHECKED.message)
                        .arg("label", field.words())
                        .arg("grade", v.raw.clone())
                        .arg("table", block.words())
                        .arg("indicator", *indicator as f64);
                    out.push(&GRADE_NOT_CHECKED, v.value_pos, m).field = Some(key.clone());
                }
            }
            for b in read.block(&g.block) {
                let records: Vec<&RecordRead> = match &g.grade {
                    GradeAt::Field { indicator, .. } => {
                        b.record(&indicator.to_string()).into_iter().collect()
                    }
                    GradeAt::Column(_) => b.records.iter().collect(),
                };
                for record in records {
                    judge(sheet, g, b.instance, record, eval, out);
                }
            }
        }
    }
}

/// Where a grade is written: its text, its cell, its label and the words it may be.
struct GradeCell<'a> {
    text: &'a str,
    pos: (u32, u32),
    label: Arg,
    choices: &'a [String],
    field: String,
}

fn grade_cell<'a>(
    sheet: &'a SheetUnderCheck,
    g: &'a GradeCheck,
    record: &'a RecordRead,
) -> Option<GradeCell<'a>> {
    match &g.grade {
        GradeAt::Field { key, .. } => {
            let field = sheet.spec.field(key)?;
            let v = sheet.read.fields.get(key).filter(|v| v.present)?;
            Some(GradeCell {
                text: &v.raw,
                pos: v.value_pos,
                label: field.words(),
                choices: &field.spec.choices,
                field: key.clone(),
            })
        }
        GradeAt::Column(c) => {
            let column = sheet
                .spec
                .block(&g.block)?
                .layout
                .columns()
                .iter()
                .find(|x| &x.key == c)?;
            let text = record.attrs.get(c)?;
            let pos = *record.attr_pos.get(c)?;
            let label = Arg::Words {
                ja: format!("{}の{}", record.name, column.label),
                en: format!("{} of \"{}\"", column.label_en, record.name),
            };
            Some(GradeCell {
                text,
                pos,
                label,
                choices: &column.choices,
                field: format!("{}.{}.{c}", g.block, record.key),
            })
        }
    }
}

fn judge(
    sheet: &SheetUnderCheck,
    g: &GradeCheck,
    instance: u32,
    record: &RecordRead,
    eval: Option<FiscalYear>,
    out: &mut SheetReporter,
) {
    let Some(cell) = grade_cell(sheet, g, record) else {
        return;
    };
    let values: Vec<&Observation> = sheet
        .read
        .in_block(&g.block, instance)
        .filter(|o| o.record.as_deref() == Some(record.key.as_str()))
        .collect();
    let find = |year: FiscalYear, target: bool| {
        values.iter().copied().find(|o| {
            o.fiscal_year() == Some(year)
                && o.phase.is_some()
                && matches!(o.phase, Some(Phase::Target | Phase::Plan)) == target
        })
    };
    let both = |y: FiscalYear| {
        find(y, true).is_some_and(|o| o.number().is_some())
            && find(y, false).is_some_and(|o| o.number().is_some())
    };
    let year = match g.year {
        GradeYear::Evaluation => eval,
        GradeYear::Latest => values
            .iter()
            .filter_map(|o| o.fiscal_year())
            .filter(|y| both(*y))
            .max(),
    };
    let Some(year) = year else {
        return;
    };
    let (Some(plan), Some(actual)) = (find(year, true), find(year, false)) else {
        return;
    };
    // A percentage that lost its % (0.26 beside 26%) makes the achievement meaningless.
    if let Some(bare) = mixed_percent_scale(record, plan, actual) {
        let m = Message::new(&PERCENT_SCALE.message)
            .arg("label", cell.label.clone())
            .arg("year", year)
            .arg("text", bare.raw.clone());
        let f = out.push(&PERCENT_SCALE, bare.pos, m);
        f.field = Some(format!("{}.{}", g.block, record.key));
        f.fiscal_year = Some(year.0);
        f.actual = Some(bare.raw.clone());
        return;
    }
    let Some(achievement) = achievement(record, plan, actual) else {
        return;
    };
    let expected = grade_for(&g.bands, achievement);
    // A grade outside its words is reported as choice-invalid.
    let Some(got) = super::fields::choice_of(cell.text, cell.choices) else {
        return;
    };
    if got != expected {
        let pct = format!("{}%", plain_number((achievement * 1000.0).round() / 10.0));
        let m = Message::new(&GRADE_MISMATCH.message)
            .arg("label", cell.label.clone())
            .arg("grade", got.to_string())
            .arg("achievement", pct)
            .arg("expected", expected);
        let f = out.push(&GRADE_MISMATCH, cell.pos, m);
        f.field = Some(cell.field.clone());
        f.fiscal_year = Some(year.0);
        f.expected = Some(expected.to_string());
        f.actual = Some(got.to_string());
    }
}

/// For an indicator in %, the value of the year written as a fraction (`0.26`, a number at
/// most 1 without a unit) when the other is written as a percentage (`26%`, `26`).
fn mixed_percent_scale<'o>(
    record: &RecordRead,
    plan: &'o Observation,
    actual: &'o Observation,
) -> Option<&'o Observation> {
    let percent = |o: &Observation| o.number().is_some() && o.cell_unit.as_deref() == Some("%");
    let in_percent = record.attrs.get("unit").is_some_and(|u| u.contains('%'))
        || percent(plan)
        || percent(actual);
    if !in_percent {
        return None;
    }
    let fraction = |o: &Observation| !percent(o) && o.number().is_some_and(|v| v.abs() <= 1.0);
    let whole = |o: &Observation| o.number().is_some_and(|v| v.abs() > 1.0);
    if fraction(plan) && whole(actual) {
        Some(plan)
    } else if fraction(actual) && whole(plan) {
        Some(actual)
    } else {
        None
    }
}

/// 実績 ÷ 目標 when higher is better, 目標 ÷ 実績 when lower is better; None without both.
pub fn achievement(record: &RecordRead, plan: &Observation, actual: &Observation) -> Option<f64> {
    let (p, a) = (plan.number()?, actual.number()?);
    let lower_is_better = record.attrs.get("direction").map(String::as_str) == Some("decrease");
    let (num, den) = if lower_is_better { (p, a) } else { (a, p) };
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
