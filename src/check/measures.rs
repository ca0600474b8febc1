//! The measures-by-year table: the year header, each cell's type and unit, minimums, and the
//! identities of derived rows, per fiscal-year column.

use super::{hints, show, SheetReporter};
use crate::extract::{FormSheet, MeasureCell, MeasuresTable};
use crate::finding::Severity;
use crate::i18n::{Lang, Msg};
use crate::normalise::{FiscalYear, NumberValue};
use crate::spec::{FormSpec, Row, Table};
use std::collections::BTreeMap;

pub fn check(spec: &FormSpec, sheet: &FormSheet, out: &mut SheetReporter) {
    let Some(table) = spec.measures_table() else {
        return;
    };
    let table_label = match out.lang {
        Lang::Ja => table.label.clone(),
        Lang::En => table.label_en.clone(),
    };
    let Some(m) = &sheet.measures else {
        out.push(
            Severity::Error,
            "table-missing",
            sheet.title_pos,
            Msg::TableMissing { table: table_label },
        );
        return;
    };
    check_years(spec, table, sheet, m, out);
    for row in &table.rows {
        if !m.rows.contains_key(&row.key) {
            let label = row.label_in(out.lang).to_string();
            out.push(
                Severity::Error,
                "row-missing",
                m.anchor,
                Msg::RowMissing { label },
            )
            .field = Some(row.key.clone());
        }
    }
    let remarks_given = spec
        .form
        .remarks_field
        .as_ref()
        .and_then(|k| sheet.field_text(k))
        .is_some_and(|t| !t.trim().is_empty());
    // Values usable in identities, per year: numbers in the row's unit.
    let mut values: BTreeMap<(FiscalYear, String), f64> = BTreeMap::new();
    for row in &table.rows {
        let Some(mr) = m.rows.get(&row.key) else {
            continue;
        };
        for c in &mr.cells {
            // A derived cell showing an error because an input is text or an error: the input
            // is the finding, not this cell.
            if matches!(c.value, NumberValue::CellError(_)) && inputs_broken(row, m, c.year) {
                continue;
            }
            if let Some(v) = check_cell(row, c, remarks_given, out) {
                values.insert((c.year, row.key.clone()), v);
            }
        }
    }
    // A table whose derived cells hold formulas came from the template: typed numbers in its
    // derived cells are then reported.
    let from_template = table
        .rows
        .iter()
        .filter(|r| r.formula.is_some())
        .filter_map(|r| m.rows.get(&r.key))
        .flat_map(|r| r.cells.iter())
        .any(|c| c.formula.is_some());
    for y in &m.years {
        check_identities(
            table,
            m,
            y.year,
            &values,
            from_template,
            spec.form.tolerance,
            out,
        );
        check_conditions(table, m, y.year, &values, out);
    }
}

fn check_years(
    spec: &FormSpec,
    table: &Table,
    sheet: &FormSheet,
    m: &MeasuresTable,
    out: &mut SheetReporter,
) {
    let header: Vec<String> = m.years.iter().map(|y| y.raw.trim().to_string()).collect();
    let header_text = header.join(" | ");
    for y in &m.years {
        if y.parsed.nonexistent {
            let year = out.year_text(y.year);
            out.push(
                Severity::Warning,
                "nonexistent-year",
                y.header_pos,
                Msg::NonexistentYear {
                    text: y.raw.clone(),
                    year,
                },
            )
            .fiscal_year = Some(y.year.0);
        }
    }
    let consecutive = m.years.windows(2).all(|w| w[1].year.0 == w[0].year.0 + 1);
    if !consecutive {
        out.push(
            Severity::Error,
            "fiscal-year-order",
            m.years[0].header_pos,
            Msg::HeaderYearsNotConsecutive {
                header: header_text.clone(),
            },
        );
    }
    let Some(eval) = sheet.eval_year(spec).map(|p| p.year) else {
        return;
    };
    if let Some(col) = m.years.iter().find(|y| y.year == eval) {
        let allowed = &table.eval_phases;
        if let Some(phase) = col.phase.as_deref().filter(|_| !allowed.is_empty()) {
            if !allowed.iter().any(|w| phase.starts_with(w.as_str())) {
                let (e, hint) = (
                    out.year_text(eval),
                    Msg::HintCopiedLastYear.render(out.lang),
                );
                let f = out.push(
                    Severity::Error,
                    "eval-year-phase",
                    col.header_pos,
                    Msg::EvalYearPhase {
                        eval_year: e,
                        phase: phase.to_string(),
                    },
                );
                f.field = Some(spec.form.eval_year_field.clone());
                f.fiscal_year = Some(eval.0);
                f.expected = Some(allowed.join(" / "));
                f.actual = Some(phase.to_string());
                f.hint = Some(hint);
            }
        }
    }
    if !m.years.iter().any(|y| y.year == eval) {
        let e = out.year_text(eval);
        let hint = Msg::HintCopiedLastYear.render(out.lang);
        let f = out.push(
            Severity::Error,
            "eval-year-not-in-header",
            m.years[0].header_pos,
            Msg::EvalYearNotInHeader {
                eval_year: e,
                header: header_text.clone(),
            },
        );
        f.field = Some(spec.form.eval_year_field.clone());
        f.fiscal_year = Some(eval.0);
        f.expected = Some(eval.0.to_string());
        f.actual = Some(header_text);
        f.hint = Some(hint);
    }
}

/// True when an input of a derived row, in that year, is something spreadsheet arithmetic
/// fails on: text (even text that reads as a number here) or an error value.
fn inputs_broken(row: &Row, m: &MeasuresTable, year: FiscalYear) -> bool {
    let Some(formula) = &row.formula else {
        return false;
    };
    let mut keys = std::collections::BTreeSet::new();
    formula.keys(&mut keys);
    keys.iter().any(|k| {
        m.cell(k, year).is_some_and(|c| match &c.value {
            NumberValue::Number(q) => q.from_text,
            NumberValue::Blank | NumberValue::Unknown => false,
            _ => true,
        })
    })
}

/// Reports what is wrong with one cell; returns its value for the identities.
fn check_cell(
    row: &Row,
    c: &MeasureCell,
    remarks_given: bool,
    out: &mut SheetReporter,
) -> Option<f64> {
    let label = row.label_in(out.lang).to_string();
    let year = out.year_text(c.year);
    let at = |out: &mut SheetReporter, sev, code: &str, msg| {
        let f = out.push(sev, code, c.pos, msg);
        f.field = Some(row.key.clone());
        f.fiscal_year = Some(c.year.0);
        f.actual = Some(c.raw.clone());
    };
    let q = match &c.value {
        NumberValue::Blank | NumberValue::Unknown => return None,
        NumberValue::Text(t) => {
            at(
                out,
                Severity::Error,
                "not-a-number",
                Msg::NotANumber {
                    label,
                    year,
                    text: t.clone(),
                },
            );
            return None;
        }
        NumberValue::TooPrecise(t) => {
            at(
                out,
                Severity::Error,
                "too-precise",
                Msg::TooPrecise {
                    label,
                    year,
                    text: t.clone(),
                },
            );
            return None;
        }
        NumberValue::CellError(t) => {
            at(
                out,
                Severity::Error,
                "cell-error",
                Msg::CellError {
                    label,
                    year,
                    text: t.clone(),
                },
            );
            return None;
        }
        NumberValue::Date(_) => {
            at(
                out,
                Severity::Error,
                "date-in-number-cell",
                Msg::DateInNumberCell { label, year },
            );
            return None;
        }
        NumberValue::Number(q) => q,
    };
    let mut value = q.value;
    let wanted = row.unit.as_deref().filter(|u| !u.is_empty());
    if let (Some(found), Some(wanted)) = (q.unit.as_deref(), wanted) {
        if found != wanted {
            let factor = crate::normalise::number::unit_factor(found, wanted);
            let hint = (factor == Some(0.001)).then(|| Msg::HintUnit.render(out.lang));
            at(
                out,
                Severity::Error,
                "unit-mismatch",
                Msg::UnitMismatch {
                    label: label.clone(),
                    year: year.clone(),
                    found: found.to_string(),
                    wanted: wanted.to_string(),
                },
            );
            let f = out.findings.last_mut().unwrap();
            f.hint = hint;
            f.expected = Some(wanted.to_string());
            // Converted, the value still takes part in the identities; otherwise it cannot.
            value *= factor?;
        }
    }
    if let Some(min) = row.min {
        if value < min {
            at(
                out,
                Severity::Error,
                "negative",
                Msg::Negative {
                    label: label.clone(),
                    year: year.clone(),
                },
            );
            out.findings.last_mut().unwrap().expected = Some(format!(">= {}", show(min)));
        }
    }
    if row.negative_needs_remarks && value < 0.0 && !remarks_given {
        at(
            out,
            Severity::Error,
            "negative-without-remarks",
            Msg::NegativeWithoutRemarks { label, year },
        );
    }
    Some(value)
}

fn check_identities(
    table: &Table,
    m: &MeasuresTable,
    year: FiscalYear,
    values: &BTreeMap<(FiscalYear, String), f64>,
    from_template: bool,
    form_tolerance: f64,
    out: &mut SheetReporter,
) {
    let get = |k: &str| values.get(&(year, k.to_string())).copied();
    for row in &table.rows {
        let Some(formula) = &row.formula else {
            continue;
        };
        let Some(cell) = m.cell(&row.key, year) else {
            continue;
        };
        let mut keys = std::collections::BTreeSet::new();
        formula.keys(&mut keys);
        // Inputs that are present but not numbers were reported already; skip the identity.
        let unreadable = keys.iter().any(|k| {
            m.cell(k, year)
                .is_some_and(|c| !matches!(c.value, NumberValue::Number(_) | NumberValue::Blank))
        }) || !matches!(cell.value, NumberValue::Number(_) | NumberValue::Blank);
        let any_input = keys.iter().any(|k| get(k).is_some());
        if unreadable || !any_input {
            continue;
        }
        // A blank input counts as zero; a division by a blank or zero is not checked here.
        let zero_blank = |k: &str| {
            if m.cell(k, year).is_some() {
                Some(get(k).unwrap_or(0.0))
            } else {
                None
            }
        };
        let Some(mut expected) = formula.eval(&zero_blank) else {
            continue;
        };
        if let Some(digits) = row.round {
            let p = 10f64.powi(digits as i32);
            expected = (expected * p).round() / p;
        }
        let actual = get(&row.key);
        let tolerance = match &row.tolerance {
            Some(t) => t.eval(&zero_blank).unwrap_or(form_tolerance).max(0.0),
            None => form_tolerance,
        };
        let rule = formula.render(&|k| {
            table
                .row(k)
                .map(|r| r.label_in(out.lang).to_string())
                .unwrap_or_else(|| k.to_string())
        });
        let label = row.label_in(out.lang).to_string();
        let year_text = out.year_text(year);
        let typed = cell.formula.is_none() && from_template;
        let holds = actual.is_some_and(|a| (a - expected).abs() <= tolerance + 1e-9);
        let items: Vec<(String, f64)> = keys
            .iter()
            .filter_map(|k| Some((table.row(k)?.label_in(out.lang).to_string(), get(k)?)))
            .collect();
        if holds {
            if typed {
                let f = out.push(
                    Severity::Warning,
                    "derived-overwritten",
                    cell.pos,
                    Msg::DerivedOverwrittenAgrees {
                        label,
                        year: year_text,
                    },
                );
                f.field = Some(row.key.clone());
                f.fiscal_year = Some(year.0);
                f.actual = Some(cell.raw.clone());
            }
            continue;
        }
        let a = actual.unwrap_or(0.0);
        let hint = hints::hint(expected, a, &items).map(|h| h.render(out.lang));
        let (code, msg) = if typed {
            (
                "derived-overwritten",
                Msg::DerivedOverwrittenDiffers {
                    label,
                    year: year_text,
                    rule,
                },
            )
        } else {
            (
                row.code.as_str(),
                Msg::RuleFailed {
                    label,
                    year: year_text,
                    rule,
                    difference: show(a - expected),
                },
            )
        };
        let f = out.push(Severity::Error, code, cell.pos, msg);
        f.field = Some(row.key.clone());
        f.fiscal_year = Some(year.0);
        f.expected = Some(show(expected));
        f.actual = Some(if actual.is_some() {
            show(a)
        } else {
            String::new()
        });
        f.hint = hint;
    }
}

fn check_conditions(
    table: &Table,
    m: &MeasuresTable,
    year: FiscalYear,
    values: &BTreeMap<(FiscalYear, String), f64>,
    out: &mut SheetReporter,
) {
    let get = |k: &str| values.get(&(year, k.to_string())).copied();
    for c in &table.checks {
        if c.when.iter().any(|k| get(k).is_none()) {
            continue;
        }
        let Some(cell) = m.cell(&c.at, year) else {
            continue;
        };
        if !matches!(cell.value, NumberValue::Number(_) | NumberValue::Blank) {
            continue;
        }
        let zero_blank = |k: &str| Some(get(k).unwrap_or(0.0));
        let (Some(l), Some(r)) = (
            c.check.left.eval(&zero_blank),
            c.check.right.eval(&zero_blank),
        ) else {
            continue;
        };
        if c.check.cmp.holds(l, r, 0.0) {
            continue;
        }
        let row = table.row(&c.at);
        let label = row
            .map(|r| r.label_in(out.lang).to_string())
            .unwrap_or_else(|| c.at.clone());
        let rule = format!(
            "{} {} {}",
            c.check.left.render(&|k| table
                .row(k)
                .map(|r| r.label_in(out.lang).to_string())
                .unwrap_or_default()),
            c.check.cmp.symbol(),
            c.check.right
        );
        let year_text = out.year_text(year);
        let f = out.push(
            Severity::Error,
            &c.code,
            cell.pos,
            Msg::ConditionFailed {
                label,
                year: year_text,
                rule,
            },
        );
        f.field = Some(c.at.clone());
        f.fiscal_year = Some(year.0);
        f.actual = Some(cell.raw.clone());
    }
}
