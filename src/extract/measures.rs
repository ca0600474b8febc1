//! The cost table: measures as rows, fiscal years as columns.

use super::read_year_cell;
use crate::normalise::{
    label_key, label_matches, number, Era, FiscalYear, NumberValue, ParsedYear,
};
use crate::read::grid::{data_text, Grid};
use crate::spec::Table;
use calamine::Data;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub struct YearColumn {
    pub year: FiscalYear,
    pub parsed: ParsedYear,
    pub header_pos: (u32, u32),
    pub raw: String,
    /// The column the values of this year sit in.
    pub col: u32,
    /// `実績`, `予算` … from the header cell or the row under it.
    pub phase: Option<String>,
}

#[derive(Debug, Clone)]
pub struct MeasureCell {
    pub year: FiscalYear,
    pub pos: (u32, u32),
    pub raw: String,
    pub value: NumberValue,
    pub formula: Option<String>,
}

impl MeasureCell {
    pub fn number(&self) -> Option<f64> {
        self.value.number()
    }
}

#[derive(Debug, Clone)]
pub struct MeasureRow {
    pub key: String,
    pub label_pos: (u32, u32),
    pub cells: Vec<MeasureCell>,
}

#[derive(Debug, Clone)]
pub struct MeasuresTable {
    pub header_row: u32,
    /// The cell to point at for table-wide findings (the header label or the first year).
    pub anchor: (u32, u32),
    pub years: Vec<YearColumn>,
    pub rows: BTreeMap<String, MeasureRow>,
}

impl MeasuresTable {
    pub fn cell(&self, key: &str, year: FiscalYear) -> Option<&MeasureCell> {
        self.rows.get(key)?.cells.iter().find(|c| c.year == year)
    }
}

const PHASE_WORDS: &[&str] = &["実績", "予算", "計画", "見込", "決算", "当初", "補正"];

/// Reads a cell as a number, whatever type it is stored as.
pub fn read_number(grid: &Grid, pos: (u32, u32)) -> (String, NumberValue, Option<String>) {
    match grid.get(pos.0, pos.1) {
        None => (String::new(), NumberValue::Blank, None),
        Some(cell) => {
            let raw = data_text(&cell.value);
            let v = match &cell.value {
                Data::Empty => NumberValue::Blank,
                Data::Int(i) => number::from_int(*i),
                Data::Float(f) => number::from_float(*f),
                Data::String(s) => number::parse_number_text(s),
                Data::Bool(_) => NumberValue::Text(raw.clone()),
                Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
                    NumberValue::Date(raw.clone())
                }
                Data::Error(e) => NumberValue::CellError(e.to_string()),
            };
            (raw, v, cell.formula.clone())
        }
    }
}

/// Finds the cells labelled like a row, in reading order.
fn label_cells(grid: &Grid, variants: &[String]) -> Vec<(u32, u32)> {
    grid.iter()
        .filter_map(|(pos, c)| match &c.value {
            Data::String(s) if label_matches(&label_key(s), variants) => Some(*pos),
            _ => None,
        })
        .collect()
}

/// Reads the fiscal years of a header row right of `after_col`; the era carries along the row.
pub fn header_years(
    grid: &Grid,
    row: u32,
    after_col: u32,
    context: Option<Era>,
) -> Vec<YearColumn> {
    let mut era = context;
    let mut years = Vec::new();
    let mut any_era_named = false;
    for (&(r, c), cell) in grid.row_from(row, after_col + 1) {
        let bare_number = matches!(cell.value, Data::Int(_) | Data::Float(_));
        // A bare number counts as a year only in a row that already named an era or a year.
        if bare_number && !any_era_named {
            continue;
        }
        if let Some(p) = read_year_cell(grid, (r, c), era) {
            if p.era.is_some() {
                era = p.era;
            }
            any_era_named = true;
            let raw = data_text(&cell.value);
            let phase = (!p.rest.is_empty())
                .then(|| p.rest.clone())
                .or_else(|| phase_below(grid, r, c));
            years.push(YearColumn {
                year: p.year,
                parsed: p,
                header_pos: (r, c),
                raw,
                col: c,
                phase,
            });
        }
    }
    years
}

fn phase_below(grid: &Grid, row: u32, col: u32) -> Option<String> {
    let t = grid.text(row + 1, col)?;
    let k = label_key(&t);
    PHASE_WORDS.iter().any(|w| k.starts_with(w)).then_some(k)
}

/// How far above the first measure row the year header may sit.
const HEADER_SEARCH_ROWS: u32 = 6;

pub fn extract(
    grid: &Grid,
    table: &Table,
    eval_year: Option<&ParsedYear>,
) -> Option<MeasuresTable> {
    let candidates: Vec<(String, Vec<(u32, u32)>)> = table
        .rows
        .iter()
        .map(|r| (r.key.clone(), label_cells(grid, &r.variant_keys)))
        .collect();
    // Anchor on the first row of the table that is found at all.
    let anchor = candidates.iter().find_map(|(_, c)| c.first().copied())?;
    let context = eval_year.and_then(|y| y.era);
    let mut header = None;
    for up in 1..=HEADER_SEARCH_ROWS.min(anchor.0) {
        let years = header_years(grid, anchor.0 - up, anchor.1, context);
        if !years.is_empty() {
            header = Some((anchor.0 - up, years));
            break;
        }
    }
    let (header_row, years) = header?;
    let first_year_col = years.iter().map(|y| y.col).min().unwrap_or(u32::MAX);
    let mut rows = BTreeMap::new();
    for (key, cells) in candidates {
        let Some(&label_pos) = cells
            .iter()
            .find(|p| p.0 > header_row && p.1 < first_year_col)
        else {
            continue;
        };
        let row_cells = years
            .iter()
            .map(|y| {
                let pos = (label_pos.0, value_col(grid, label_pos.0, y));
                let (raw, value, formula) = read_number(grid, pos);
                MeasureCell {
                    year: y.year,
                    pos,
                    raw,
                    value,
                    formula,
                }
            })
            .collect();
        rows.insert(
            key.clone(),
            MeasureRow {
                key,
                label_pos,
                cells: row_cells,
            },
        );
    }
    let anchor_cell = grid
        .row_from(header_row, 0)
        .find(|(_, c)| matches!(&c.value, Data::String(s) if label_key(s) == table.header_key))
        .map(|(p, _)| *p)
        .unwrap_or(years[0].header_pos);
    Some(MeasuresTable {
        header_row,
        anchor: anchor_cell,
        years,
        rows,
    })
}

/// The value column of a year in a given row: the year's column, or the first filled cell of
/// the header's merged span (a value written one cell to the right of a merged header).
fn value_col(grid: &Grid, row: u32, y: &YearColumn) -> u32 {
    if grid.get(row, y.col).is_some() {
        return y.col;
    }
    if let Some(m) = grid.merged_at(y.header_pos.0, y.header_pos.1) {
        for c in m.first_col..=m.last_col {
            if grid.get(row, c).is_some() {
                return c;
            }
        }
    }
    y.col
}
