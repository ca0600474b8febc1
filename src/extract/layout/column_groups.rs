//! `column-groups`: a system export's row per project, each fiscal year a group of columns
//! repeating the same labels (`国庫支出金 … 事業費計（A） … トータルコスト(A)＋(B)`), a group's
//! year written above it or counted from the row's 年度 column (`offsets`). Only in specs of
//! `kind = "export"`, whose every data row is read as one project.
//!
//! The header is mapped once per sheet: each occurrence of the group's first label starts a
//! group, which runs to the next; within it each measure's column is found by its label
//! (folded: line breaks, double spaces and full-width brackets do not matter). Columns a
//! group holds beyond the measures (活動指標 …) are left alone.

use super::locate::{cell_value, observation};
use crate::extract::observation::{BlockRead, Misfit, PeriodColumn, Phase, SheetRead};
use crate::form::{Block, RawCheck, RawRow};
use crate::form::{BlockLayout, ReadContext};
use crate::i18n::{Message, Text};
use crate::normalise::{label_key, FiscalYear, ParsedYear};
use crate::read::grid::Grid;
use crate::spec::lines::KeyPath;
use crate::spec::source::SpecSource;
use crate::spec::source::{keys_of, LayoutKind, LayoutParts};
use crate::write::block_writer::FormWriter;
use calamine::Data;
use rust_xlsxwriter::XlsxError;
use serde::Deserialize;
use std::sync::Arc;

// What does not fit this layout, as the finding says it.
static GROUP_COUNT: Text = Text {
    ja: "年度ごとの列のまとまりが {found} 組あります（仕様の offsets は {expected} 年度分）",
    en: "the header has {found} year groups; the spec's offsets name {expected} years",
};
static YEARS_UNKNOWN: Text = Text {
    ja: "年度が読めないため、年度ごとの列のまとまりがどの年度か決まりません（値は読んでいません）",
    en:
        "the row's fiscal year cannot be read, so the year groups have no years (no value was read)",
};

pub const KIND: LayoutKind = LayoutKind {
    name: "column-groups",
    summary: "an export's row per project, each fiscal year a group of columns (export specs)",
    parse,
    keys: keys_of::<Raw>,
};

#[derive(Debug, Deserialize)]
struct Raw {
    /// The label of each group's first column (`国庫支出金`).
    group_start: String,
    /// Where a group's year is: `above` (a year label over the group) or `offset` (the
    /// row's evaluation-year field plus `offsets[i]` for the i-th group).
    years: String,
    #[serde(default)]
    offsets: Vec<i32>,
    /// The phase every value reports (`決算`, `実績`), if the export says.
    #[serde(default)]
    phase: Option<String>,
    #[serde(default)]
    unit: Option<String>,
    row: Vec<RawRow>,
    #[serde(default)]
    check: Vec<RawCheck>,
}

#[derive(Debug, PartialEq)]
enum GroupYears {
    Above,
    Offset(Vec<i32>),
}

#[derive(Debug)]
pub struct ColumnGroups {
    group_key: String,
    years: GroupYears,
    phase: Option<Phase>,
}

fn parse(src: &mut SpecSource, at: &KeyPath) -> Option<LayoutParts> {
    let raw: Raw = src.read(at)?;
    let years = match raw.years.as_str() {
        "above" => {
            if !raw.offsets.is_empty() {
                src.error(
                    &at.key("offsets"),
                    "offsets are read with years = \"offset\"".into(),
                );
            }
            GroupYears::Above
        }
        "offset" => {
            if raw.offsets.is_empty() {
                src.error(
                    &at.key("offsets"),
                    "years = \"offset\" needs offsets, one per group (-5, -4 … 0)".into(),
                );
            }
            GroupYears::Offset(raw.offsets.clone())
        }
        other => {
            src.error(
                &at.key("years"),
                format!("years is \"above\" or \"offset\", not \"{other}\""),
            );
            GroupYears::Above
        }
    };
    let phase = raw.phase.as_deref().and_then(|p| {
        let ph = Phase::from_word(&label_key(p));
        if ph.is_none() {
            src.error(
                &at.key("phase"),
                format!("'{p}' is not a phase (実績, 決算, 予算, 計画, 目標)"),
            );
        }
        ph
    });
    let rows = super::locate::measure_rows(src, at, raw.row, raw.unit.as_deref(), KIND.name);
    Some(LayoutParts {
        layout: Arc::new(ColumnGroups {
            group_key: label_key(&raw.group_start),
            years,
            phase,
        }),
        rows,
        checks: raw.check,
        groups: &[],
        rows_are_measures: true,
    })
}

/// One group of the header: its year (when written above it) and each measure's column.
#[derive(Debug)]
struct Group {
    first_col: u32,
    year_above: Option<(ParsedYear, (u32, u32), String)>,
    /// (row key, column), in the spec's row order.
    columns: Vec<(String, u32)>,
}

/// The header of an export as the layout maps it, once per sheet.
#[derive(Debug)]
pub struct HeaderMap {
    groups: Vec<Group>,
    header_row: u32,
}

impl ColumnGroups {
    fn map_header(
        &self,
        block: &Block,
        grid: &Grid,
        header_row: u32,
        era: Option<crate::normalise::Era>,
    ) -> HeaderMap {
        let cells: Vec<(u32, String)> = grid
            .row_from(header_row, 0)
            .map(|(&(_, c), cell)| (c, cell.key().to_string()))
            .filter(|(_, k)| !k.is_empty())
            .collect();
        let starts: Vec<u32> = cells
            .iter()
            .filter(|(_, k)| *k == self.group_key)
            .map(|(c, _)| *c)
            .collect();
        let groups = starts
            .iter()
            .enumerate()
            .map(|(i, &first)| {
                let end = starts.get(i + 1).copied().unwrap_or(u32::MAX);
                let in_group: Vec<&(u32, String)> = cells
                    .iter()
                    .filter(|(c, _)| *c >= first && *c < end)
                    .collect();
                let columns = block
                    .rows
                    .iter()
                    .filter_map(|row| {
                        // An exact label first; else the first that starts with it.
                        let exact = in_group.iter().find(|(_, k)| row.variant_keys.contains(k));
                        let prefix = || {
                            in_group.iter().find(|(_, k)| {
                                crate::normalise::label_matches(k, &row.variant_keys)
                            })
                        };
                        exact.or_else(prefix).map(|(c, _)| (row.key.clone(), *c))
                    })
                    .collect();
                let year_above = (self.years == GroupYears::Above && header_row > 0)
                    .then(|| {
                        let pos = year_cell_above(grid, header_row - 1, first)?;
                        let p = crate::extract::read_year_cell(grid, pos, era)?;
                        Some((p, pos, grid.text(pos.0, pos.1).unwrap_or_default()))
                    })
                    .flatten();
                Group {
                    first_col: first,
                    year_above,
                    columns,
                }
            })
            .collect();
        HeaderMap { groups, header_row }
    }
}

/// The year label over a group: in its first column, or the merged cell covering it.
fn year_cell_above(grid: &Grid, row: u32, col: u32) -> Option<(u32, u32)> {
    if grid
        .get(row, col)
        .is_some_and(|c| !matches!(c.value, Data::Empty))
    {
        return Some((row, col));
    }
    grid.merged_at(row, col).map(|m| (m.first_row, m.first_col))
}

impl BlockLayout for ColumnGroups {
    fn name(&self) -> &'static str {
        KIND.name
    }

    fn label_keys(&self) -> Vec<String> {
        vec![self.group_key.clone()]
    }

    /// A sheet of a form is not an export: this layout reads only export rows.
    fn read(&self, _block: &Block, _grid: &Grid, _ctx: &ReadContext, _out: &mut SheetRead) {}

    fn read_export_rows(
        &self,
        block: &Block,
        grid: &Grid,
        header_row: u32,
        outs: &mut [(u32, SheetRead)],
        eval_years: &[Option<ParsedYear>],
    ) {
        let era = eval_years.iter().flatten().find_map(|y| y.era);
        let map = self.map_header(block, grid, header_row, era);
        for ((row, out), eval) in outs.iter_mut().zip(eval_years) {
            self.read_row(block, grid, &map, *row, eval.as_ref(), out);
        }
    }

    /// The template of an export is its header: a year label over each group, the measures'
    /// labels under it, wrapped in a row tall enough for the longest. Years by offset are
    /// read from the row's 年度, not from the label: it is there for the printed page.
    fn write(&self, block: &Block, w: &mut FormWriter, r: u32) -> Result<u32, XlsxError> {
        use crate::write::block_writer::{text_height, EXPORT_VALUE_WIDTH};
        let years = w.layout.years_of(block);
        let c0 = w.label_col;
        let width = block.rows.len() as u16;
        if width == 0 || years.is_empty() {
            return Ok(r + 2);
        }
        w.reach(c0 + years.len() as u16 * width - 1);
        let f = &w.formats;
        let caption = f
            .label
            .clone()
            .set_bold()
            .set_align(rust_xlsxwriter::FormatAlign::Center);
        let mut height = 0.0f64;
        for (g, y) in years.iter().enumerate() {
            let gc = c0 + g as u16 * width;
            if width > 1 {
                w.ws.merge_range(r, gc, r, gc + width - 1, &y.japanese(), &caption)?;
            } else {
                w.ws.write_string_with_format(r, gc, y.japanese(), &caption)?;
            }
            for (i, row) in block.rows.iter().enumerate() {
                let c = gc + i as u16;
                w.ws.set_column_width(c, EXPORT_VALUE_WIDTH)?;
                w.ws.write_string_with_format(r + 1, c, &row.label, &f.label_wrap)?;
                height = height.max(text_height(&row.label, EXPORT_VALUE_WIDTH, 1));
            }
        }
        w.ws.set_row_height(r + 1, height)?;
        Ok(r + 2)
    }
}

impl ColumnGroups {
    fn read_row(
        &self,
        block: &Block,
        grid: &Grid,
        map: &HeaderMap,
        row: u32,
        eval: Option<&ParsedYear>,
        out: &mut SheetRead,
    ) {
        let anchor = (
            map.header_row,
            map.groups.first().map(|g| g.first_col).unwrap_or(0),
        );
        let mut read = BlockRead::new(&block.id, 0, anchor);
        let mut observations = Vec::new();
        // The measures the header holds, found once whatever the row's years.
        for g in &map.groups {
            for (key, col) in &g.columns {
                read.rows
                    .entry(key.clone())
                    .or_insert((map.header_row, *col));
            }
        }
        if let GroupYears::Offset(offsets) = &self.years {
            // Groups the offsets do not count: their years are unknown, so nothing is read
            // rather than values given the wrong years.
            if offsets.len() != map.groups.len() {
                read.misfits.push((
                    anchor,
                    Misfit::new(
                        Message::new(&GROUP_COUNT)
                            .arg("found", map.groups.len() as f64)
                            .arg("expected", offsets.len() as f64),
                    ),
                ));
                super::locate::push_block(out, read, observations);
                return;
            }
            // Without the row's 年度 no group has a year: said at the header, not read.
            if eval.is_none() {
                read.misfits.push((
                    anchor,
                    Misfit {
                        what: Message::new(&YEARS_UNKNOWN),
                        for_want_of_a_year: true,
                    },
                ));
                super::locate::push_block(out, read, observations);
                return;
            }
        }
        for (i, g) in map.groups.iter().enumerate() {
            let (year, header_pos, raw) = match (&self.years, &g.year_above) {
                (GroupYears::Above, Some((p, pos, raw))) => (Some(p.year), *pos, raw.clone()),
                (GroupYears::Offset(offsets), _) => (
                    eval.zip(offsets.get(i))
                        .map(|(e, o)| FiscalYear(e.year.0 + o)),
                    (map.header_row, g.first_col),
                    String::new(),
                ),
                _ => (None, (map.header_row, g.first_col), String::new()),
            };
            let Some(year) = year else {
                continue;
            };
            {
                read.periods.push(PeriodColumn {
                    year,
                    parsed: ParsedYear {
                        year,
                        era: eval.and_then(|e| e.era),
                        nonexistent: false,
                        calendar: false,
                        rest: String::new(),
                    },
                    header_pos,
                    raw: if raw.is_empty() { year.japanese() } else { raw },
                    col: g.first_col,
                    phase_text: None,
                    calendar: false,
                });
            }
            for (key, col) in &g.columns {
                let Some(spec_row) = block.row(key) else {
                    continue;
                };
                let pos = (row, *col);
                let mut o = observation(
                    block,
                    0,
                    key,
                    pos,
                    cell_value(grid, pos, spec_row.unit.as_deref()),
                );
                o.period = Some(crate::extract::Period::Fiscal(year));
                o.phase = self.phase;
                observations.push(o);
            }
        }
        super::locate::push_block(out, read, observations);
    }
}
