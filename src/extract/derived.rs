//! Derived rows: the observations a block's formulas relate, grouped into slices, and the
//! values of formula cells that the saving program did not compute (openpyxl, system
//! exports), worked out from the spec's arithmetic so they are neither blanks nor wrong totals.

use super::observation::{Observation, Origin, Period, SheetRead, Value};
use crate::spec::expr::Ref;
use crate::spec::{Block, FormSpec, Row};
use std::collections::BTreeMap;

/// The observations one formula relates: one block occurrence, one year, and one record (a
/// block whose rows are measures) or one measure (a block whose rows are records).
#[derive(Debug)]
pub struct Slice<'a> {
    pub block: &'a Block,
    pub instance: u32,
    pub period: Option<Period>,
    /// Observation index by the key formulas name it by.
    pub by_key: BTreeMap<String, usize>,
    /// Indices of the records that are not rows of the block (`sum(items)`).
    pub items: Vec<usize>,
}

/// The key a formula names an observation by.
pub fn formula_key<'o>(block: &Block, o: &'o Observation) -> Option<&'o str> {
    if block.rows_are_measures {
        Some(o.measure.as_str())
    } else {
        o.record.as_deref()
    }
}

/// Groups a sheet's observations into slices, in block order, then by occurrence and year.
pub fn slices<'a>(spec: &'a FormSpec, observations: &[Observation]) -> Vec<Slice<'a>> {
    type Id = (usize, u32, Option<String>, Option<Period>);
    let mut by: BTreeMap<Id, Slice<'a>> = BTreeMap::new();
    for (i, o) in observations.iter().enumerate() {
        let Some((bi, block)) = spec
            .blocks
            .iter()
            .enumerate()
            .find(|(_, b)| b.id == o.block)
        else {
            continue;
        };
        if block.rows.iter().all(|r| r.formula.is_none()) {
            continue;
        }
        let other = if block.rows_are_measures {
            o.record.clone()
        } else {
            Some(o.measure.clone())
        };
        let s = by
            .entry((bi, o.instance, other, o.period))
            .or_insert_with(|| Slice {
                block,
                instance: o.instance,
                period: o.period,
                by_key: BTreeMap::new(),
                items: Vec::new(),
            });
        let Some(key) = formula_key(block, o) else {
            continue;
        };
        if block.row(key).is_some() {
            s.by_key.insert(key.to_string(), i);
        } else {
            s.items.push(i);
        }
    }
    by.into_values().collect()
}

/// A number that may take part in the block's arithmetic: a number in the row's unit.
pub fn usable(row: Option<&Row>, o: &Observation) -> Option<f64> {
    let v = o.number()?;
    let wanted = row
        .and_then(|r| r.unit.as_deref())
        .filter(|u| !u.is_empty());
    match (wanted, o.unit.as_deref()) {
        (Some(w), Some(u)) if w != u => None,
        _ => Some(v),
    }
}

/// What spreadsheet arithmetic would make of an input: a number (a blank is 0), or nothing
/// when the input is text, an error or itself not computed.
fn arithmetic_input(row: Option<&Row>, o: &Observation) -> Result<f64, ()> {
    match &o.value {
        Value::Blank | Value::Unknown => Ok(0.0),
        Value::Number(_) => usable(row, o).ok_or(()),
        _ => Err(()),
    }
}

/// Works out formula cells without a cached result from the spec's arithmetic. A formula the
/// spec does not know stays `NotComputed` (the checks report it once per sheet).
pub fn compute(spec: &FormSpec, sheet: &mut SheetRead) {
    // Later rows may use earlier derived rows (the total uses 人件費合計): a few passes.
    for _ in 0..4 {
        let mut updates: Vec<(usize, Value)> = Vec::new();
        for s in slices(spec, &sheet.observations) {
            for row in &s.block.rows {
                let (Some(expr), Some(&i)) = (&row.formula, s.by_key.get(&row.key)) else {
                    continue;
                };
                if sheet.observations[i].value != Value::NotComputed {
                    continue;
                }
                let obs = &sheet.observations;
                let mut pending = false;
                let mut broken = false;
                let value = |r: Ref| -> Option<f64> {
                    match r {
                        Ref::Key(k) => {
                            let o = &obs[*s.by_key.get(k)?];
                            Some(arithmetic_input(s.block.row(k), o).unwrap_or(f64::NAN))
                        }
                        Ref::Sum(_) => Some(
                            s.items
                                .iter()
                                .map(|&j| {
                                    let o = &obs[j];
                                    let rule = s.block.layout.cell_row(s.block, o);
                                    arithmetic_input(rule, o).unwrap_or(f64::NAN)
                                })
                                .sum(),
                        ),
                    }
                };
                let mut keys = std::collections::BTreeSet::new();
                expr.keys(&mut keys);
                for k in &keys {
                    if let Some(&j) = s.by_key.get(k) {
                        match &obs[j].value {
                            Value::NotComputed => pending = true,
                            v if arithmetic_input(s.block.row(k), &obs[j]).is_err()
                                && !matches!(v, Value::NotComputed) =>
                            {
                                broken = true
                            }
                            _ => {}
                        }
                    }
                }
                if pending {
                    continue;
                }
                let result = expr.eval(&value).filter(|v| v.is_finite());
                let v = match (broken, result) {
                    (true, _) => Value::CellError("#VALUE!".into()),
                    (false, Some(mut v)) => {
                        if let Some(d) = row.round {
                            let p = 10f64.powi(d as i32);
                            v = (v * p).round() / p;
                        }
                        Value::Number(v)
                    }
                    // A division by a blank: the template's IFERROR shows blank.
                    (false, None) => Value::Blank,
                };
                updates.push((i, v));
            }
        }
        if updates.is_empty() {
            break;
        }
        for (i, v) in updates {
            let o = &mut sheet.observations[i];
            o.value = v;
            o.origin = Origin::Computed;
        }
    }
}
