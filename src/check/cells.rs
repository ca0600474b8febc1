//! Each value cell on its own: a number where a number belongs, in the row's unit, not
//! negative where the spec forbids it, filled in where blanks are not allowed, and a formula
//! whose result the saving program did not compute.

use super::fields::{choice_of, CHOICE_INVALID};
use super::hints;
use super::rule::{period_arg, Code, SheetReporter, SheetRule, SheetUnderCheck};
use crate::extract::derived::formula_key;
use crate::extract::{Observation, Origin, Value};
use crate::finding::Severity::{Error, Warning};
use crate::form::{Block, Row};
use crate::i18n::{Arg, Message, Text};
use crate::normalise::{placeholder_matches, plain_number};
use std::collections::BTreeMap;

pub static NOT_A_NUMBER: Code = Code {
    id: "not-a-number",
    severity: Error,
    summary: Text {
        ja: "数値の欄に数値でない文字",
        en: "text where a number belongs",
    },
    message: Text {
        ja: "{year}の{label}「{text}」は数値ではありません",
        en: "{label} for {year}: \"{text}\" is not a number",
    },
};
pub static TOO_PRECISE: Code = Code {
    id: "too-precise",
    severity: Error,
    summary: Text {
        ja: "桁数が多すぎて正確に扱えない数値",
        en: "a number with more digits than can be held exactly",
    },
    message: Text {
        ja: "{year}の{label}「{text}」は桁数が多すぎて正確に扱えません",
        en: "{label} for {year}: \"{text}\" has too many digits to be held exactly",
    },
};
pub static CELL_ERROR: Code = Code {
    id: "cell-error",
    severity: Error,
    summary: Text {
        ja: "エラー値（#DIV/0! など）",
        en: "a spreadsheet error value (#DIV/0! …)",
    },
    message: Text {
        ja: "{year}の{label}がエラー値 {text} です",
        en: "{label} for {year} is the error value {text}",
    },
};
pub static DATE_IN_NUMBER_CELL: Code = Code {
    id: "date-in-number-cell",
    severity: Error,
    summary: Text {
        ja: "数値の欄に日付",
        en: "a date where a number belongs",
    },
    message: Text {
        ja: "{year}の{label}に日付が入っています",
        en: "{label} for {year} holds a date",
    },
};
pub static UNIT_MISMATCH: Code = Code {
    id: "unit-mismatch",
    severity: Error,
    summary: Text {
        ja: "行の単位と違う単位（千円の行に円など）",
        en: "a unit other than the row's (円 in a 千円 row …)",
    },
    message: Text {
        ja: "{year}の{label}の単位が「{found}」です（この行は{wanted}）",
        en: "{label} for {year} is written in {found}; this row is in {wanted}",
    },
};
pub static NEGATIVE: Code = Code {
    id: "negative",
    severity: Error,
    summary: Text {
        ja: "負にならない欄が負の値",
        en: "a negative value where none is allowed",
    },
    message: Text {
        ja: "{year}の{label}が負の値です",
        en: "{label} for {year} is negative",
    },
};
pub static NEGATIVE_WITHOUT_REMARKS: Code = Code {
    id: "negative-without-remarks",
    severity: Error,
    summary: Text {
        ja: "負の値に備考の説明がない",
        en: "a negative value the remarks do not explain",
    },
    message: Text {
        ja: "{year}の{label}が負の値ですが、備考に説明がありません",
        en: "{label} for {year} is negative and the remarks (備考) do not explain it",
    },
};
pub static VALUE_MISSING: Code = Code {
    id: "value-missing",
    severity: Error,
    summary: Text {
        ja: "空欄にできない欄が空欄（allow_blank = false）",
        en: "a blank where the spec allows none (allow_blank = false)",
    },
    message: Text {
        ja: "{year}の{label}が空欄です",
        en: "{label} for {year} is blank",
    },
};
pub static UNIT_INCONSISTENT: Code = Code {
    id: "unit-inconsistent",
    severity: Warning,
    summary: Text {
        ja: "同じ行で単位の書き方が違う（0.22% の隣に 0.26）",
        en: "one row written with and without its unit (0.26 beside 0.22%)",
    },
    message: Text {
        ja: "{year}の{label}「{text}」に単位がありません（同じ行の他の年度は「{unit}」付き）",
        en: "{label} for {year} (\"{text}\") has no unit; the row's other years are written in {unit}",
    },
};
pub static CUMULATIVE_DECREASING: Code = Code {
    id: "cumulative-decreasing",
    severity: Error,
    summary: Text {
        ja: "累計の値（件/5年など）が前の年度より減っている",
        en: "a cumulative value (件/5年 …) is lower than the year before",
    },
    message: Text {
        ja: "{year}の{label}「{text}」が、{previous_year}の「{previous}」より少なくなっています（{unit} は累計です）",
        en: "{label} for {year} (\"{text}\") is lower than {previous_year}'s \"{previous}\" ({unit} counts cumulatively)",
    },
};
pub static PERCENT_OUT_OF_RANGE: Code = Code {
    id: "percent-out-of-range",
    severity: Error,
    summary: Text {
        ja: "% の値が 0〜上限（percent_max）の外",
        en: "a value in % outside 0 and the spec's percent_max",
    },
    message: Text {
        ja: "{year}の{label}「{text}」は % の値として範囲（0〜{max}）の外です",
        en: "{label} for {year} (\"{text}\") is outside 0–{max} for a value in %",
    },
};
pub static FORMULA_NOT_COMPUTED: Code = Code {
    id: "formula-not-computed",
    severity: Warning,
    summary: Text { ja: "計算されていない数式（Excel で開いて保存すると再計算されます）", en: "formulas without computed results (open and save in Excel to recalculate)" },
    message: Text { ja: "数式の計算結果が保存されていないセルが {count} 個あります（最初は {label}）。Excel で開いて保存し、再計算してください", en: "{count} formula cells have no computed result (first: {label}); open and save the workbook in Excel to recalculate" },
};

pub static CODES: &[&Code] = &[
    &NOT_A_NUMBER,
    &TOO_PRECISE,
    &CELL_ERROR,
    &DATE_IN_NUMBER_CELL,
    &UNIT_MISMATCH,
    &NEGATIVE,
    &NEGATIVE_WITHOUT_REMARKS,
    &VALUE_MISSING,
    &UNIT_INCONSISTENT,
    &PERCENT_OUT_OF_RANGE,
    &CUMULATIVE_DECREASING,
    &FORMULA_NOT_COMPUTED,
];

pub struct Cells;

impl SheetRule for Cells {
    fn codes(&self) -> &'static [&'static Code] {
        CODES
    }
    fn check(&self, sheet: &SheetUnderCheck, out: &mut SheetReporter) {
        let remarks_given = sheet.remarks().is_some();
        let eval = sheet.read.eval_year(sheet.spec).map(|p| p.year);
        let mut not_computed: Vec<(&Observation, Arg)> = Vec::new();
        for o in &sheet.read.observations {
            let Some(block) = sheet.spec.block(&o.block) else {
                continue;
            };
            let label = label_of(sheet, block, o);
            if o.value == Value::NotComputed {
                not_computed.push((o, label));
                continue;
            }
            match block.layout.cell_row(block, o) {
                Some(row) => {
                    // A derived cell showing an error because an input is text or an error:
                    // the input is the finding, not this cell.
                    if matches!(o.value, Value::CellError(_)) && inputs_broken(sheet, block, row, o)
                    {
                        continue;
                    }
                    if let Some(max) = row.percent_max {
                        percent_within(sheet, block, row, o, max, &label, out);
                    }
                    check_value(row, o, label, remarks_given, eval, out)
                }
                // Values of records (indicators): text is a milestone (`検討`) and allowed;
                // errors and dates are not.
                None => check_record_value(o, label, out),
            }
        }
        required_with(sheet, out);
        units_within_rows(sheet, out);
        cumulative_not_decreasing(sheet, out);
        if let Some((first, label)) = not_computed.first() {
            let m = Message::new(&FORMULA_NOT_COMPUTED.message)
                .arg("count", not_computed.len() as u64)
                .arg("label", label.clone());
            let f = out.push(&FORMULA_NOT_COMPUTED, first.pos, m);
            f.field = Some(first.key());
            f.fiscal_year = first.fiscal_year().map(|y| y.0);
        }
    }
}

/// A row (one record's measure over its years) whose numbers are written with a unit in some
/// cells and without one in others: `0.26` beside `0.22%` may be 26 % or 0.26 %. Rows whose
/// spec names the unit are left to unit-mismatch.
fn units_within_rows(sheet: &SheetUnderCheck, out: &mut SheetReporter) {
    let rows = rows_of(sheet, |o| {
        matches!(o.value, Value::Number(_) | Value::Range { .. })
    });
    for cells in rows.values() {
        let Some(unit) = cells.iter().find_map(|o| o.cell_unit.as_deref()) else {
            continue;
        };
        let Some(block) = sheet.spec.block(&cells[0].block) else {
            continue;
        };
        // A unit the spec's row or the record's 単位 column names makes bare numbers clear.
        let declared = block
            .layout
            .cell_row(block, cells[0])
            .is_some_and(|r| r.unit.as_deref().is_some_and(|u| !u.is_empty()));
        let record_unit = record_unit(sheet, block, cells[0]).is_some_and(|u| !u.is_empty());
        // A declared unit is the money rules' and the 単位 column's concern (unit-mismatch).
        if declared || record_unit {
            continue;
        }
        // Another unit in the same row (`90件` beside `92人`), one that does not convert into
        // the first (円 and 千円 do, and are the money rules' concern).
        for o in cells.iter() {
            let Some(other) = o.cell_unit.as_deref() else {
                continue;
            };
            if other == unit || crate::normalise::number::unit_factor(other, unit).is_some() {
                continue;
            }
            let said = unit_inconsistent(sheet, block, o, &UNITS_DIFFER, unit, out);
            said.expected = Some(unit.to_string());
        }
        for o in cells.iter().filter(|o| o.cell_unit.is_none()) {
            let said = unit_inconsistent(sheet, block, o, &UNIT_INCONSISTENT.message, unit, out);
            said.expected = Some(format!("{}{unit}", o.raw));
        }
    }
}

/// `unit-inconsistent` at a cell of a row written in `unit`, worded by `text`.
fn unit_inconsistent<'o>(
    sheet: &SheetUnderCheck,
    block: &Block,
    o: &Observation,
    text: &'static Text,
    unit: &str,
    out: &'o mut SheetReporter,
) -> &'o mut crate::finding::Finding {
    let m = Message::new(text)
        .arg("label", label_of(sheet, block, o))
        .arg("year", period_arg(o.period))
        .arg("text", o.raw.clone())
        .arg("unit", unit.to_string());
    let f = out.push(&UNIT_INCONSISTENT, o.pos, m);
    f.field = Some(o.key());
    f.fiscal_year = o.fiscal_year().map(|y| y.0);
    f.actual = Some(o.raw.clone());
    f
}

/// A row of a sheet: one record's measure in one occurrence of a block.
type RowKey<'s> = (&'s str, u32, Option<&'s str>, &'s str);

/// The sheet's observations that `keep` takes, by row, in sheet order within each.
fn rows_of<'s>(
    sheet: &'s SheetUnderCheck,
    keep: impl Fn(&Observation) -> bool,
) -> BTreeMap<RowKey<'s>, Vec<&'s Observation>> {
    let mut rows: BTreeMap<RowKey, Vec<&Observation>> = BTreeMap::new();
    for o in sheet.read.observations.iter().filter(|o| keep(o)) {
        let key = (
            o.block.as_str(),
            o.instance,
            o.record.as_deref(),
            o.measure.as_str(),
        );
        rows.entry(key).or_default().push(o);
    }
    rows
}

/// The 単位 written in the record's own column (達成目標's `件/5年`), if any.
fn record_unit<'s>(
    sheet: &'s SheetUnderCheck,
    block: &'s Block,
    o: &'s Observation,
) -> Option<&'s String> {
    let k = o.record.as_deref()?;
    sheet
        .read
        .block(&block.id)
        .find(|b| b.instance == o.instance)
        .and_then(|b| b.record(k))
        .and_then(|r| r.attrs.get("unit"))
}

/// The unit a record's values are in: the row's, the record's 単位, or the cell's own.
fn unit_of(sheet: &SheetUnderCheck, block: &Block, row: &Row, o: &Observation) -> Option<String> {
    [
        row.unit.as_deref(),
        record_unit(sheet, block, o).map(String::as_str),
        o.cell_unit.as_deref(),
    ]
    .into_iter()
    .flatten()
    .find(|u| !u.is_empty())
    .map(crate::normalise::fold)
}

/// A record in a cumulative unit (`件/5年`: a count that adds up over the plan) never goes
/// down from one year to the next; the later cell is the finding.
fn cumulative_not_decreasing(sheet: &SheetUnderCheck, out: &mut SheetReporter) {
    let mut series = rows_of(sheet, |o| o.number().is_some() && o.fiscal_year().is_some());
    for cells in series.values_mut() {
        let Some(block) = sheet.spec.block(&cells[0].block) else {
            continue;
        };
        let Some(row) = block.layout.cell_row(block, cells[0]) else {
            continue;
        };
        if row.cumulative_units.is_empty() {
            continue;
        }
        let Some(unit) = unit_of(sheet, block, row, cells[0]) else {
            continue;
        };
        if !row.cumulative_units.contains(&unit) {
            continue;
        }
        cells.sort_by_key(|o| o.fiscal_year());
        for w in cells.windows(2) {
            let (before, after) = (w[0], w[1]);
            let (Some(a), Some(b)) = (before.number(), after.number()) else {
                continue;
            };
            if b < a {
                let m = Message::new(&CUMULATIVE_DECREASING.message)
                    .arg("label", label_of(sheet, block, after))
                    .arg("year", period_arg(after.period))
                    .arg("text", after.raw.clone())
                    .arg("previous_year", period_arg(before.period))
                    .arg("previous", before.raw.clone())
                    .arg("unit", unit.clone());
                let f = out.push(&CUMULATIVE_DECREASING, after.pos, m);
                f.field = Some(after.key());
                f.fiscal_year = after.fiscal_year().map(|y| y.0);
                f.actual = Some(after.raw.clone());
                f.expected = Some(format!("≥ {}", before.raw));
            }
        }
    }
}

static UNITS_DIFFER: Text = Text {
    ja: "{year}の{label}「{text}」の単位が、同じ行の「{unit}」と異なります",
    en: "{label} for {year} (\"{text}\") is in another unit than the row's {unit}",
};

static REQUIRED_WITH: Text = Text {
    ja: "{year}の{label}が空欄です（{other}がある年度は記入が必要です）",
    en: "{label} for {year} is blank; it is required where {other} is given",
};

/// A value that must be filled where another measure of the same record and year has a number
/// (`required_when`): a year with a cost needs its evaluation.
fn required_with(sheet: &SheetUnderCheck, out: &mut SheetReporter) {
    let obs = &sheet.read.observations;
    for o in obs.iter().filter(|o| o.value == Value::Blank) {
        let Some(block) = sheet.spec.block(&o.block) else {
            continue;
        };
        let Some(row) = block.layout.cell_row(block, o) else {
            continue;
        };
        let Some(other) = &row.required_when else {
            continue;
        };
        // Closing rows (その他, 合計) sum the records; they hold no evaluation of their own.
        if o.record.as_deref().is_some_and(|r| block.row(r).is_some()) {
            continue;
        }
        let given = obs.iter().any(|x| {
            x.block == o.block
                && x.instance == o.instance
                && x.record == o.record
                && x.period == o.period
                && &x.measure == other
                && x.number().is_some_and(|v| v != 0.0)
        });
        if !given {
            continue;
        }
        let other_label = block
            .layout
            .cell_row(
                block,
                &Observation {
                    measure: other.clone(),
                    ..o.clone()
                },
            )
            .map(|r| r.words())
            .unwrap_or_else(|| Arg::Text(other.clone()));
        let m = Message::new(&REQUIRED_WITH)
            .arg("label", label_of(sheet, block, o))
            .arg("year", period_arg(o.period))
            .arg("other", other_label);
        let f = out.push(&VALUE_MISSING, o.pos, m);
        f.field = Some(o.key());
        f.fiscal_year = o.fiscal_year().map(|y| y.0);
    }
}

/// The label a message names a value by: the row's, or the record's name and measure.
pub fn label_of(sheet: &SheetUnderCheck, block: &Block, o: &Observation) -> Arg {
    if let Some(row) = formula_key(block, o).and_then(|k| block.row(k)) {
        return row.words();
    }
    let row = block.layout.cell_row(block, o);
    let name = sheet
        .read
        .block(&block.id)
        .find(|b| b.instance == o.instance)
        .and_then(|b| o.record.as_deref().and_then(|r| b.record(r)))
        .map(|r| r.name.clone())
        .filter(|n| !n.is_empty());
    match (row, name) {
        (Some(row), None) => row.words(),
        // A record's value: `行政改革推進事業のトータルコスト`, `協定団体数の目標`.
        (Some(row), Some(name)) => Arg::Words {
            ja: format!("{name}の{}", row.label),
            en: format!("{} of \"{name}\"", row.label_en),
        },
        (None, name) => Arg::Text(name.unwrap_or_else(|| o.key())),
    }
}

/// True when an input of a derived row, in that slice, is something spreadsheet arithmetic
/// fails on: text (even text that reads as a number here) or an error value.
fn inputs_broken(sheet: &SheetUnderCheck, block: &Block, row: &Row, o: &Observation) -> bool {
    let Some(formula) = &row.formula else {
        return false;
    };
    let mut keys = std::collections::BTreeSet::new();
    formula.keys(&mut keys);
    sheet.read.observations.iter().any(|x| {
        x.block == o.block
            && x.instance == o.instance
            && x.period == o.period
            && (if block.rows_are_measures {
                x.record == o.record
            } else {
                x.measure == o.measure
            })
            && formula_key(block, x).is_some_and(|k| keys.contains(k))
            && match &x.value {
                Value::Number(_) => x.from_text,
                Value::Blank | Value::Unknown => false,
                _ => true,
            }
    })
}

/// A value in `%` (the row's unit, the record's 単位 or the cell's own `%`) within 0 and `max`.
fn percent_within(
    sheet: &SheetUnderCheck,
    block: &Block,
    row: &Row,
    o: &Observation,
    max: f64,
    label: &Arg,
    out: &mut SheetReporter,
) {
    let Value::Number(v) = o.value else {
        return;
    };
    let in_percent = [
        row.unit.as_deref(),
        record_unit(sheet, block, o).map(String::as_str),
        o.cell_unit.as_deref(),
    ]
    .iter()
    .any(|u| u.is_some_and(|u| crate::normalise::fold(u) == "%"));
    if in_percent && !(0.0..=max).contains(&v) {
        let m = Message::new(&PERCENT_OUT_OF_RANGE.message)
            .arg("label", label.clone())
            .arg("year", period_arg(o.period))
            .arg("text", o.raw.clone())
            .arg("max", max);
        let f = out.push(&PERCENT_OUT_OF_RANGE, o.pos, m);
        f.field = Some(o.key());
        f.fiscal_year = o.fiscal_year().map(|y| y.0);
        f.actual = Some(o.raw.clone());
        f.expected = Some(format!("0–{}", plain_number(max)));
    }
}

fn check_value(
    row: &Row,
    o: &Observation,
    label: Arg,
    remarks_given: bool,
    eval: Option<crate::normalise::FiscalYear>,
    out: &mut SheetReporter,
) {
    let at = |out: &mut SheetReporter, code: &'static Code, m: Message| {
        let f = out.push(code, o.pos, m);
        f.field = Some(o.key());
        f.fiscal_year = o.fiscal_year().map(|y| y.0);
        f.actual = Some(o.raw.clone());
    };
    let msg = |code: &'static Code| {
        Message::new(&code.message)
            .arg("label", label.clone())
            .arg("year", period_arg(o.period))
    };
    let value = match &o.value {
        Value::Blank => {
            // A calendar year counts up to the evaluation year's number (4年分 in 令和4年度).
            let year = o.period.map(|p| match p {
                crate::extract::Period::Fiscal(y) => y.0,
                crate::extract::Period::Calendar(y) => y,
            });
            let due = row.required_through_eval_year
                && matches!((year, eval), (Some(y), Some(e)) if y <= e.0);
            if (!row.allow_blank || due) && o.origin != Origin::Computed {
                at(out, &VALUE_MISSING, msg(&VALUE_MISSING));
            }
            return;
        }
        Value::Unknown | Value::NotComputed => return,
        Value::Text(t) if !row.choices.is_empty() => {
            if choice_of(t, &row.choices).is_none() {
                let m = Message::new(&CHOICE_INVALID.message)
                    .arg("label", label.clone())
                    .arg("allowed", row.choices.join(" / "));
                at(out, &CHOICE_INVALID, m);
            }
            return;
        }
        Value::Text(t) => {
            let in_phase = row.placeholder_phases.is_empty()
                || o.phase.is_some_and(|p| row.placeholder_phases.contains(&p));
            let listed = in_phase && row.placeholders.iter().any(|p| placeholder_matches(p, t));
            if row.any_text || listed {
                return;
            }
            return at(
                out,
                &NOT_A_NUMBER,
                msg(&NOT_A_NUMBER).arg("text", t.clone()),
            );
        }
        Value::TooPrecise(t) => {
            return at(out, &TOO_PRECISE, msg(&TOO_PRECISE).arg("text", t.clone()))
        }
        Value::CellError(t) => {
            return at(out, &CELL_ERROR, msg(&CELL_ERROR).arg("text", t.clone()))
        }
        Value::Date(_) => return at(out, &DATE_IN_NUMBER_CELL, msg(&DATE_IN_NUMBER_CELL)),
        Value::Range { .. } if row.ranges => return,
        Value::Range { .. } => {
            return at(
                out,
                &NOT_A_NUMBER,
                msg(&NOT_A_NUMBER).arg("text", o.raw.clone()),
            )
        }
        Value::Number(_) if !row.choices.is_empty() => {
            let m = Message::new(&CHOICE_INVALID.message)
                .arg("label", label.clone())
                .arg("allowed", row.choices.join(" / "));
            return at(out, &CHOICE_INVALID, m);
        }
        Value::Number(v) => *v,
    };
    let wanted = row.unit.as_deref().filter(|u| !u.is_empty());
    if let (Some(found), Some(wanted)) = (o.cell_unit.as_deref(), wanted) {
        if found != wanted {
            let m = msg(&UNIT_MISMATCH)
                .arg("found", found)
                .arg("wanted", wanted);
            at(out, &UNIT_MISMATCH, m);
            let converted = o.unit.as_deref() == Some(wanted);
            let f = out.findings.last_mut().unwrap();
            f.expected = Some(wanted.to_string());
            if converted && crate::normalise::number::unit_factor(found, wanted) == Some(0.001) {
                f.hint = Some(Message::new(&hints::HINT_UNIT));
            }
            // Not convertible, the value takes part in nothing else.
            if !converted {
                return;
            }
        }
    }
    if let Some(min) = row.min {
        if value < min {
            at(out, &NEGATIVE, msg(&NEGATIVE));
            out.findings.last_mut().unwrap().expected = Some(format!(">= {}", plain_number(min)));
        }
    }
    if row.negative_needs_remarks && value < 0.0 && !remarks_given {
        at(
            out,
            &NEGATIVE_WITHOUT_REMARKS,
            msg(&NEGATIVE_WITHOUT_REMARKS),
        );
    }
}

fn check_record_value(o: &Observation, label: Arg, out: &mut SheetReporter) {
    let (code, text) = match &o.value {
        Value::CellError(t) => (&CELL_ERROR, Some(t.clone())),
        Value::Date(_) => (&DATE_IN_NUMBER_CELL, None),
        Value::TooPrecise(t) => (&TOO_PRECISE, Some(t.clone())),
        _ => return,
    };
    let mut m = Message::new(&code.message)
        .arg("label", label)
        .arg("year", period_arg(o.period));
    if let Some(t) = text {
        m = m.arg("text", t);
    }
    let f = out.push(code, o.pos, m);
    f.field = Some(o.key());
    f.fiscal_year = o.fiscal_year().map(|y| y.0);
    f.actual = Some(o.raw.clone());
}

#[cfg(test)]
mod tests {
    use crate::normalise::placeholder_matches;
    #[test]
    fn placeholders_with_a_wildcard() {
        assert!(placeholder_matches("施策*にて評価", "施策12にて評価"));
        assert!(placeholder_matches("施策*にて評価", "施策１にて評価"));
        assert!(!placeholder_matches("施策*にて評価", "施策にて評価"));
        assert!(placeholder_matches("未整備", "未整備"));
        assert!(!placeholder_matches("未整備", "整備"));
    }
}
