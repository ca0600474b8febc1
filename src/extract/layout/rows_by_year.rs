//! `rows-by-year`: measures as rows found by their labels, fiscal years as columns (the cost
//! table of the 事務事業評価シート). The year header sits a few rows above the first measure
//! row; its phase (`実績`, `予算`) is in the year cell or the row under it.

use super::locate::{cell_value, header_years, observation, push_block};
use crate::extract::derived::excel_formula;
use crate::extract::observation::{BlockRead, PeriodColumn, SheetRead};
use crate::form::expr::Ref;
use crate::form::{Block, RawCheck, RawRow};
use crate::form::{BlockLayout, ReadContext};
use crate::normalise::{label_key, label_matches};
use crate::read::grid::Grid;
use crate::spec::lines::KeyPath;
use crate::spec::source::SpecSource;
use crate::spec::source::{keys_of, LayoutKind, LayoutParts};
use crate::write::block_writer::{col_name, write_input, write_label, Cached, FormWriter};
use calamine::Data;
use rust_xlsxwriter::{Formula, XlsxError};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

pub const KIND: LayoutKind = LayoutKind {
    name: "rows-by-year",
    summary: "measures as rows found by their labels, fiscal years as columns",
    parse,
    keys: keys_of::<Raw>,
};

#[derive(Debug, Deserialize)]
struct Raw {
    /// The label left of the year header (`区分`).
    header: String,
    /// Unit of every row that names none.
    #[serde(default)]
    unit: Option<String>,
    /// Words the template writes under the years (`実績`, `実績`, `予算`).
    #[serde(default)]
    phases: Vec<String>,
    #[serde(default)]
    row: Vec<RawRow>,
    #[serde(default)]
    check: Vec<RawCheck>,
}

#[derive(Debug)]
pub struct RowsByYear {
    pub header: String,
    pub header_key: String,
    pub phases: Vec<String>,
}

fn parse(src: &mut SpecSource, at: &KeyPath) -> Option<LayoutParts> {
    let raw: Raw = src.read(at)?;
    let rows = super::locate::measure_rows(src, at, raw.row, raw.unit.as_deref(), KIND.name);
    Some(LayoutParts {
        layout: Arc::new(RowsByYear {
            header_key: label_key(&raw.header),
            header: raw.header,
            phases: raw.phases,
        }),
        rows,
        checks: raw.check,
        groups: &[],
        rows_are_measures: true,
    })
}

/// Each row of the block with the cells that may be its label, each with what is known of
/// it (the length of the variant it matches; whether this row alone claims it).
type RowLabels<'s, T> = Vec<(&'s crate::form::Row, Vec<((u32, u32), T)>)>;

/// How far above the first measure row the year header may sit.
const HEADER_SEARCH_ROWS: u32 = 6;

/// Cells whose folded text starts with one of the variants, in reading order, with the
/// length of the longest variant each starts with.
fn label_cells(grid: &Grid, variants: &[String]) -> Vec<((u32, u32), usize)> {
    grid.iter()
        .filter_map(|(pos, c)| match &c.value {
            Data::String(_) if label_matches(c.key(), variants) => {
                let len = variants
                    .iter()
                    .filter(|v| !v.is_empty() && c.key().starts_with(v.as_str()))
                    .map(|v| v.len())
                    .max()?;
                Some((*pos, len))
            }
            _ => None,
        })
        .collect()
}

/// The value column of a year in a given row: the year's column, or a filled cell of the
/// header's merged span (a value written one cell to the right of a merged header). Where the
/// span holds several values each followed by its unit (`0.1 | 人 | 818 | 千円`, as seed 004
/// writes its staff rows), the one in the row's unit.
fn value_col(grid: &Grid, row: u32, y: &PeriodColumn, unit: Option<&str>) -> u32 {
    let Some(m) = grid.merged_at(y.header_pos.0, y.header_pos.1) else {
        return y.col;
    };
    let filled: Vec<u32> = (m.first_col..=m.last_col)
        .filter(|&c| {
            grid.get(row, c)
                .is_some_and(|x| !matches!(x.value, Data::Empty))
        })
        .collect();
    // The unit of a value: in its own cell (`818千円`) or in the cell after it (`818 | 千円`).
    let unit_after = |c: u32| -> Option<String> {
        if let Some(Data::String(s)) = grid.get(row, c).map(|x| &x.value) {
            if let crate::normalise::NumberValue::Number(q) = crate::normalise::parse_number_text(s)
            {
                return q.unit;
            }
        }
        let next = filled.iter().find(|&&n| n > c)?;
        let cell = grid.get(row, *next)?;
        match &cell.value {
            Data::String(s) if crate::normalise::number::is_unit_word(s.trim()) => {
                Some(crate::normalise::fold(s))
            }
            _ => None,
        }
    };
    if let Some(unit) = unit.filter(|u| !u.is_empty()) {
        if let Some(&c) = filled
            .iter()
            .find(|&&c| unit_after(c).as_deref() == Some(unit))
        {
            return c;
        }
    }
    filled.first().copied().unwrap_or(y.col)
}

impl BlockLayout for RowsByYear {
    fn name(&self) -> &'static str {
        KIND.name
    }

    fn label_keys(&self) -> Vec<String> {
        vec![self.header_key.clone()]
    }

    fn template_phases(&self) -> &[String] {
        &self.phases
    }

    fn read(&self, block: &Block, grid: &Grid, ctx: &ReadContext, out: &mut SheetRead) {
        // The block's own caption (`事業費（千円）`) is not its 事業費 row.
        let caption = label_key(&block.label);
        let matched: RowLabels<usize> = block
            .rows
            .iter()
            .map(|r| {
                let mut cells = label_cells(grid, &r.variant_keys);
                cells.retain(|(p, _)| grid.get(p.0, p.1).is_none_or(|c| c.key() != caption));
                (r, cells)
            })
            .collect();
        // A label cell belongs to the rows whose variant it matches longest: `正規職員人件費`
        // is the staff cost's, a bare `正規職員` both the count's and the cost's (told apart
        // by their units).
        let longest = |pos: (u32, u32)| {
            matched
                .iter()
                .flat_map(|(_, cells)| cells.iter())
                .filter(|(p, _)| *p == pos)
                .map(|(_, n)| *n)
                .max()
                .unwrap_or(0)
        };
        // How many rows claim a cell at its longest match: a cell one row alone claims is that
        // row's before a shared one (`正規職員人件費` before `正規職員（人）` for the cost).
        let claims = |pos: (u32, u32)| {
            matched
                .iter()
                .filter(|(_, cells)| cells.iter().any(|(p, n)| *p == pos && *n == longest(pos)))
                .count()
        };
        let candidates: RowLabels<bool> = matched
            .iter()
            .map(|(r, cells)| {
                let own = cells
                    .iter()
                    .filter(|(p, n)| *n == longest(*p))
                    .map(|(p, _)| (*p, claims(*p) == 1))
                    .collect();
                (*r, own)
            })
            .collect();
        // Anchor on the first row of the block that is found at all.
        let Some(anchor) = candidates
            .iter()
            .find_map(|(_, c)| c.first().map(|(p, _)| *p))
        else {
            return;
        };
        let context = ctx.eval_year.and_then(|y| y.era);
        let header = (1..=HEADER_SEARCH_ROWS.min(anchor.0)).find_map(|up| {
            let years = header_years(grid, anchor.0 - up, anchor.1, context);
            (!years.is_empty()).then_some((anchor.0 - up, years))
        });
        let Some((header_row, years)) = header else {
            return;
        };
        let first_year_col = years.iter().map(|y| y.col).min().unwrap_or(u32::MAX);
        let anchor_cell = grid
            .row_from(header_row, 0)
            .find(|(_, c)| matches!(&c.value, Data::String(_) if c.key() == self.header_key))
            .map(|(p, _)| *p)
            .unwrap_or(years[0].header_pos);
        let mut read = BlockRead::new(&block.id, 0, anchor_cell);
        let mut observations = Vec::new();
        let numbers_in = |r: u32, unit: Option<&str>| {
            years
                .iter()
                .filter(|y| {
                    let pos = (r, value_col(grid, r, y, unit));
                    cell_value(grid, pos, unit).value.number().is_some()
                })
                .count()
        };
        for (row, cells) in candidates {
            // Of several cells with the row's label (`対象数` over its 定義 and its count): a
            // label this row alone claims, then the row that holds numbers; the first of equals.
            let unit = row.unit.as_deref();
            let Some((label_pos, _)) = cells
                .iter()
                .filter(|(p, _)| p.0 > header_row && p.1 < first_year_col)
                .copied()
                .rev()
                .max_by_key(|(p, alone)| (*alone, numbers_in(p.0, unit)))
            else {
                continue;
            };
            read.rows.insert(row.key.clone(), label_pos);
            for y in &years {
                let pos = (label_pos.0, value_col(grid, label_pos.0, y, unit));
                let mut o = observation(
                    block,
                    0,
                    &row.key,
                    pos,
                    cell_value(grid, pos, row.unit.as_deref()),
                );
                o.period = Some(y.period());
                o.phase = y.phase();
                observations.push(o);
            }
        }
        read.periods = years;
        push_block(out, read, observations);
    }

    /// Year header, phase row, then one row per measure with the derived rows as formulas.
    fn write(&self, block: &Block, w: &mut FormWriter, mut r: u32) -> Result<u32, XlsxError> {
        let (c0, vc, lw, data) = (w.label_col, w.value_col, w.label_width, w.data);
        let years = w.layout.years_of(block);
        let phases = w.layout.phases_of(block, &self.phases, years.len());
        let phase_row = w.layout.phase_row;
        let blank_row_after = w.layout.blank_row_after.clone();
        w.reach(vc + years.len().max(1) as u16 - 1);
        let (ws, f) = (&mut *w.ws, &w.formats);
        ws.write_string_with_format(r, c0, &block.label, &f.caption)?;
        r += 1;
        write_label(ws, r, c0, lw, &self.header, f)?;
        for (i, y) in years.iter().enumerate() {
            let text = if phase_row {
                y.japanese()
            } else {
                format!(
                    "{}{}",
                    y.japanese(),
                    phases.get(i).cloned().unwrap_or_default()
                )
            };
            ws.write_string_with_format(r, vc + i as u16, &text, &f.label)?;
        }
        r += 1;
        if phase_row {
            write_label(ws, r, c0, lw, "", f)?;
            for (i, p) in phases.iter().enumerate() {
                ws.write_string_with_format(r, vc + i as u16, p, &f.label)?;
            }
            r += 1;
        }
        // Rows first, so formulas can refer to rows below them.
        let mut row_of = BTreeMap::new();
        let mut rr = r;
        for row in &block.rows {
            row_of.insert(row.key.clone(), rr);
            rr += 1;
            if blank_row_after.as_deref() == Some(row.key.as_str()) {
                rr += 1;
            }
        }
        // What Excel would cache for each cell, computed in row order so that later formulas
        // see earlier ones. Text in an input makes the arithmetic that uses it `#VALUE!`.
        let mut computed: BTreeMap<(String, usize), Cached> = BTreeMap::new();
        for row in &block.rows {
            let rrow = row_of[&row.key];
            write_label(ws, rrow, c0, lw, &row.label, f)?;
            let money = row.unit.as_deref().is_some_and(|u| u.contains('円'));
            for i in 0..years.len() {
                let c = vc + i as u16;
                let typed = data.and_then(|d| d.typed_over.get(&(row.key.clone(), i)));
                let Some(expr) = row.formula.as_ref().filter(|_| typed.is_none()) else {
                    let v = typed.cloned().or_else(|| {
                        data.and_then(|d| d.measures.get(&row.key))
                            .and_then(|v| v.get(i))
                            .cloned()
                            .flatten()
                    });
                    let fmt = if row.formula.is_some() {
                        &f.derived_money
                    } else if money {
                        &f.input_money
                    } else {
                        &f.input
                    };
                    write_input(ws, rrow, c, v.as_ref(), fmt)?;
                    computed.insert((row.key.clone(), i), Cached::of(v.as_ref()));
                    continue;
                };
                let mut keys = std::collections::BTreeSet::new();
                expr.keys(&mut keys);
                let any_error = keys
                    .iter()
                    .any(|k| computed.get(&(k.clone(), i)) == Some(&Cached::Error));
                let lookup = |k: Ref| match k {
                    Ref::Key(k) => match computed.get(&(k.to_string(), i)) {
                        Some(Cached::Number(n)) => Some(*n),
                        _ => Some(0.0),
                    },
                    Ref::Sum(_) => None,
                };
                let result = if any_error { None } else { expr.eval(&lookup) };
                let result = result.map(|v| row.rounded(v));
                let excel = excel_formula(expr, row.round, &|r| match r {
                    Ref::Key(k) => {
                        format!(
                            "{}{}",
                            col_name(c),
                            row_of.get(k).map(|x| x + 1).unwrap_or(0)
                        )
                    }
                    Ref::Sum(_) => "0".into(),
                });
                let (cached_text, cached) = match result {
                    Some(v) => (crate::read::grid::format_number(v), Cached::Number(v)),
                    None if expr.has_division() => (String::new(), Cached::Blank),
                    None => ("#VALUE!".to_string(), Cached::Error),
                };
                ws.write_formula_with_format(
                    rrow,
                    c,
                    Formula::new(format!("={excel}")).set_result(cached_text),
                    &f.derived_money,
                )?;
                computed.insert((row.key.clone(), i), cached);
            }
        }
        Ok(rr + 1)
    }
}
