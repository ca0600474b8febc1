//! Derived rows: the observations a block's formulas relate, grouped into slices, and the
//! values of formula cells that the saving program did not compute (openpyxl, system
//! exports), worked out from the spec's arithmetic so they are neither blanks nor wrong totals.

use super::observation::{Observation, Origin, Period, SheetRead, Value};
use crate::form::expr::Ref;
use crate::form::{Block, FormSpec, Row};
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
        if block.rows.iter().all(|r| r.formula.is_none()) && block.checks.is_empty() {
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

/// What spreadsheet arithmetic makes of an input: a number (a blank is 0), or nothing when
/// the input is text, `…`, an error, a unit that does not convert or a formula not computed.
pub fn arithmetic(block: &Block, o: &Observation) -> Option<f64> {
    match &o.value {
        Value::Blank => Some(0.0),
        Value::Number(_) => usable(block.layout.cell_row(block, o), o),
        _ => None,
    }
}

impl Slice<'_> {
    /// The observation a formula key names, if the slice has it.
    pub fn get<'o>(&self, obs: &'o [Observation], key: &str) -> Option<&'o Observation> {
        self.by_key.get(key).map(|&i| &obs[i])
    }

    /// The Excel text the template writes for a derived row in this slice (without `=`):
    /// the arithmetic over this sheet's cells, `sum(items)` as a SUM over the records.
    pub fn template_formula(&self, obs: &[Observation], row: &Row) -> Option<String> {
        let expr = row.formula.as_ref()?;
        let mut keys = std::collections::BTreeSet::new();
        expr.keys(&mut keys);
        if keys.iter().any(|k| !self.by_key.contains_key(k)) {
            return None;
        }
        let items: Vec<(u32, u32)> = self.items.iter().map(|&i| obs[i].pos).collect();
        let sum = match (
            items.iter().map(|p| p.0).min(),
            items.iter().map(|p| p.0).max(),
        ) {
            (Some(first), Some(last)) => {
                let col = crate::finding::column_letters(items[0].1);
                format!("SUM({col}{}:{col}{})", first + 1, last + 1)
            }
            _ => "0".to_string(),
        };
        Some(excel_formula(expr, row.round, &|r| match r {
            Ref::Key(k) => {
                let p = self.by_key.get(k).map(|&i| obs[i].pos).unwrap_or((0, 0));
                crate::finding::a1(p.0, p.1)
            }
            Ref::Sum(_) => sum.clone(),
        }))
    }

    /// True when a cell's formula is the one the template writes for the row here (`$`,
    /// spaces and case aside). A SUM over the records may reach further than the records
    /// filled in (the template's blank rows), as long as it covers them all.
    pub fn is_template_formula(&self, obs: &[Observation], row: &Row, formula: &str) -> bool {
        let Some(expected) = self.template_formula(obs, row) else {
            return false;
        };
        let fold = |t: &str| -> String {
            t.trim_start_matches('=')
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '$')
                .collect::<String>()
                .to_ascii_uppercase()
        };
        let (got, want) = (fold(formula), fold(&expected));
        if got == want {
            return true;
        }
        // SUM(E14:E21) stands for any range of that column that holds every record.
        let Some(start) = want.find("SUM(") else {
            return false;
        };
        let end = want[start..]
            .find(')')
            .map(|e| start + e + 1)
            .unwrap_or(want.len());
        let pattern = format!(
            "^{}SUM\\(([A-Z]+)(\\d+):([A-Z]+)(\\d+)\\){}$",
            regex::escape(&want[..start]),
            regex::escape(&want[end..])
        );
        let Ok(re) = regex::Regex::new(&pattern) else {
            return false;
        };
        let Some(c) = re.captures(&got) else {
            return false;
        };
        let rows: Vec<u32> = self.items.iter().map(|&i| obs[i].pos.0 + 1).collect();
        let col = self
            .items
            .first()
            .map(|&i| crate::finding::column_letters(obs[i].pos.1));
        let (from, to): (u32, u32) = (c[2].parse().unwrap_or(0), c[4].parse().unwrap_or(0));
        col.as_deref() == Some(&c[1])
            && col.as_deref() == Some(&c[3])
            && rows.iter().all(|r| (from..=to).contains(r))
    }
}

/// The Excel text of a derived row's formula (without `=`), as the templates write it: the
/// arithmetic over cell references, rounded when the spec rounds, and a division by a blank
/// showing blank rather than `#DIV/0!`.
pub fn excel_formula(
    expr: &crate::form::expr::Expr,
    round: Option<u32>,
    cell_of: &dyn Fn(Ref) -> String,
) -> String {
    let mut excel = expr.render(cell_of);
    if let Some(d) = round {
        excel = format!("ROUND({excel},{d})");
    }
    if expr.has_division() {
        excel = format!("IFERROR({excel},\"\")");
    }
    excel
}

/// Works out formula cells without a cached result whose formula is the template's, from
/// the spec's arithmetic. Any other formula stays `NotComputed` (the checks report it once
/// per sheet): what it computes is not known here.
pub fn compute(spec: &FormSpec, sheet: &mut SheetRead) {
    // Later rows may use earlier derived rows (the total uses 人件費合計): a few passes.
    for _ in 0..4 {
        let mut updates: Vec<(usize, Value)> = Vec::new();
        for s in slices(spec, &sheet.observations) {
            let obs = &sheet.observations;
            for row in &s.block.rows {
                let (Some(expr), Some(&i)) = (&row.formula, s.by_key.get(&row.key)) else {
                    continue;
                };
                let cell = &obs[i];
                let template = cell
                    .formula
                    .as_deref()
                    .is_some_and(|f| s.is_template_formula(obs, row, f));
                if cell.value != Value::NotComputed || !template {
                    continue;
                }
                let mut keys = std::collections::BTreeSet::new();
                expr.keys(&mut keys);
                let inputs: Vec<&Observation> = keys.iter().filter_map(|k| s.get(obs, k)).collect();
                let mut groups = std::collections::BTreeSet::new();
                expr.groups(&mut groups);
                let items: Vec<&Observation> = if groups.is_empty() {
                    Vec::new()
                } else {
                    s.items.iter().map(|&j| &obs[j]).collect()
                };
                let pending = inputs
                    .iter()
                    .chain(&items)
                    .any(|o| o.value == Value::NotComputed);
                if pending {
                    continue;
                }
                // Arithmetic on text shows #VALUE!; SUM passes over text, as Excel's does.
                let broken = inputs.iter().any(|o| arithmetic(s.block, o).is_none());
                let result = expr
                    .eval(&|r| match r {
                        Ref::Key(k) => s.get(obs, k).and_then(|o| arithmetic(s.block, o)),
                        Ref::Sum(_) => {
                            Some(items.iter().filter_map(|o| arithmetic(s.block, o)).sum())
                        }
                    })
                    .filter(|v| v.is_finite());
                let v = match (broken, result) {
                    (true, _) => Value::CellError("#VALUE!".into()),
                    (false, Some(v)) => Value::Number(row.rounded(v)),
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
