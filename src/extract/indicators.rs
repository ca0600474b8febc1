//! The indicator table (成果指標): one 目標 row and one 実績 row per indicator, fiscal years as
//! columns; the name may be merged over both rows or written on the first only.

use super::measures::{header_years, read_number, MeasureCell, YearColumn};
use crate::normalise::{label_key, label_matches, ParsedYear};
use crate::read::grid::Grid;
use crate::spec::Table;
use calamine::Data;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Increase,
    Decrease,
}

#[derive(Debug, Clone)]
pub struct Indicator {
    /// 1, 2, … in sheet order.
    pub n: u32,
    pub name: String,
    pub name_pos: (u32, u32),
    pub unit: Option<String>,
    pub direction: Direction,
    pub baseline: Option<String>,
    pub plan: Vec<MeasureCell>,
    pub actual: Vec<MeasureCell>,
}

#[derive(Debug, Clone)]
pub struct IndicatorTable {
    pub header_pos: (u32, u32),
    pub years: Vec<YearColumn>,
    pub indicators: Vec<Indicator>,
}

#[derive(PartialEq)]
enum RowKind {
    Plan,
    Actual,
    Other,
}

pub fn extract(
    grid: &Grid,
    table: &Table,
    eval_year: Option<&ParsedYear>,
) -> Option<IndicatorTable> {
    let header_variants = vec![table.header_key.clone()];
    let header_pos = grid.iter().find_map(|(pos, c)| match &c.value {
        Data::String(s) if label_matches(&label_key(s), &header_variants) => Some(*pos),
        _ => None,
    })?;
    let (hr, name_col) = header_pos;
    let column = |name: &str| -> Option<u32> {
        let variants: Vec<String> = table
            .columns
            .get(name)?
            .iter()
            .map(|s| label_key(s))
            .collect();
        grid.row_from(hr, name_col + 1)
            .find_map(|(&(_, c), cell)| match &cell.value {
                Data::String(s) if label_matches(&label_key(s), &variants) => Some(c),
                _ => None,
            })
    };
    let kind_col = column("kind");
    let unit_col = column("unit");
    let direction_col = column("direction");
    let baseline_col = column("baseline");
    let after = [kind_col, unit_col, direction_col, baseline_col]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(name_col);
    let years = header_years(grid, hr, after, eval_year.and_then(|y| y.era));
    if years.is_empty() {
        return None;
    }
    let text = |r: u32, c: Option<u32>| -> String {
        c.and_then(|c| grid.text(r, c))
            .map(|t| t.trim().to_string())
            .unwrap_or_default()
    };
    let row_kind = |r: u32, seen_plan: bool| -> RowKind {
        match kind_col {
            Some(k) => {
                let t = label_key(&text(r, Some(k)));
                if label_matches(&t, &table.plan_keys) {
                    RowKind::Plan
                } else if label_matches(&t, &table.actual_keys) {
                    RowKind::Actual
                } else {
                    RowKind::Other
                }
            }
            // Without a 区分 column the rows alternate: 目標, then 実績.
            None if seen_plan => RowKind::Actual,
            None => RowKind::Plan,
        }
    };
    let mut indicators: Vec<Indicator> = Vec::new();
    let mut r = hr + 1;
    // Skip a row of phase words under the header.
    if row_kind(r, false) == RowKind::Other && text(r, Some(name_col)).is_empty() {
        r += 1;
    }
    let cells_of = |r: u32| -> Vec<MeasureCell> {
        years
            .iter()
            .map(|y| {
                let (raw, value, formula) = read_number(grid, (r, y.col));
                MeasureCell {
                    year: y.year,
                    pos: (r, y.col),
                    raw,
                    value,
                    formula,
                }
            })
            .collect()
    };
    let mut pending_actual = false;
    loop {
        let name = text(r, Some(name_col));
        let kind = row_kind(r, pending_actual && kind_col.is_none());
        match kind {
            RowKind::Plan if kind_col.is_some() || !name.is_empty() => {
                let direction_text = label_key(&text(r, direction_col));
                let direction = if label_matches(&direction_text, &table.decrease_keys) {
                    Direction::Decrease
                } else {
                    Direction::Increase
                };
                indicators.push(Indicator {
                    n: indicators.len() as u32 + 1,
                    name,
                    name_pos: (r, name_col),
                    unit: Some(text(r, unit_col)).filter(|t| !t.is_empty()),
                    direction,
                    baseline: Some(text(r, baseline_col)).filter(|t| !t.is_empty()),
                    plan: cells_of(r),
                    actual: Vec::new(),
                });
                pending_actual = true;
            }
            RowKind::Actual if !indicators.is_empty() && pending_actual => {
                indicators.last_mut().unwrap().actual = cells_of(r);
                pending_actual = false;
            }
            _ => break,
        }
        r += 1;
    }
    Some(IndicatorTable {
        header_pos,
        years,
        indicators,
    })
}
