//! `schedule-grid`: a plan's items, one numbered row each (`No. | 改革項目 | 推進内容 | 主な取組・
//! 実施時期 | 実施内容と今後の実施予定`), the plan years under the schedule caption in a second
//! header row (`R3 R4 R5 R6 R7`). The item row's first schedule cell lists the steps
//! (`①押印の省略、廃止の検討・実施 ②…`); the rows under it mark, per year, the step planned or
//! done (`①`) and its continuation (`→`) — 行動計画 実施状況.
//!
//! A mark is read as the step it names: `①` is step 1 (`step`), an arrow is the step of the
//! nearest mark to its left in the same row (`continued`); so a mark exports as a number, with
//! its year. An arrow with no mark to its left, in an item whose steps are numbered, keeps its
//! text for the schedule rules to name.

use super::locate::{cell_value, header_years, observation, push_block};
use crate::extract::observation::{BlockRead, Observation, Phase, RecordRead, SheetRead, Value};
use crate::form::{Block, Column, RawColumn, Row};
use crate::form::{BlockLayout, ReadContext};
use crate::normalise::label_key;
use crate::read::grid::{data_text, Grid};
use crate::spec::lines::KeyPath;
use crate::spec::source::SpecSource;
use crate::spec::source::{keys_of, LayoutKind, LayoutParts};
use crate::write::block_writer::{
    merge_input, text_height, write_input, write_label, CellInput, FormWriter, RecordInput,
};
use rust_xlsxwriter::{FormatAlign, Worksheet, XlsxError};
use serde::Deserialize;
use std::sync::Arc;

pub const KIND: LayoutKind = LayoutKind {
    name: "schedule-grid",
    summary: "numbered items, plan years under a caption, step marks (①②③) and arrows (→) per year",
    parse,
    keys: keys_of::<Raw>,
};

/// The measure of a mark (`①`: the step it names) and of an arrow (the step it continues).
pub const STEP: &str = "step";
pub const CONTINUED: &str = "continued";

/// The marks steps are numbered with, in order.
pub const STEP_MARKS: &str = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
/// Arrows that continue a step.
pub const ARROWS: &[&str] = &["→", "⇒", "➡", "―→", "-->", "->"];

/// The step a mark names (`②` is 2).
pub fn step_number(mark: char) -> Option<u32> {
    STEP_MARKS
        .chars()
        .position(|c| c == mark)
        .map(|i| i as u32 + 1)
}

/// The steps an item's step text lists (`①押印の省略 ②署名の代替` lists 1 and 2).
pub fn listed_steps(text: &str) -> Vec<u32> {
    let mut v: Vec<u32> = text.chars().filter_map(step_number).collect();
    v.sort();
    v.dedup();
    v
}

#[derive(Debug, Deserialize)]
struct Raw {
    /// The label of the number column (`No.`), which marks the header row.
    header: String,
    /// The label of the name column (`改革項目`).
    name: String,
    /// The caption over the plan years (`主な取組・実施時期`).
    schedule: String,
    /// Text columns read as attributes of each item (推進内容, 実施内容と今後の実施予定).
    #[serde(default)]
    column: Vec<RawColumn>,
    /// How many blank items the template offers …
    #[serde(default = "four")]
    template_items: u32,
    /// … each with this many rows for its marks.
    #[serde(default = "three")]
    template_mark_rows: u32,
}

fn four() -> u32 {
    4
}
fn three() -> u32 {
    3
}

#[derive(Debug)]
pub struct ScheduleGrid {
    header: String,
    header_key: String,
    name: String,
    name_key: String,
    schedule: String,
    schedule_key: String,
    columns: Vec<Column>,
    template_items: u32,
    template_mark_rows: u32,
}

fn parse(src: &mut SpecSource, at: &KeyPath) -> Option<LayoutParts> {
    let raw: Raw = src.read(at)?;
    for (key, n) in [
        ("template_items", raw.template_items),
        ("template_mark_rows", raw.template_mark_rows),
    ] {
        if n == 0 {
            src.error(&at.key(key), format!("{key} must be at least 1"));
        }
    }
    Some(LayoutParts {
        layout: Arc::new(ScheduleGrid {
            header_key: label_key(&raw.header),
            header: raw.header,
            name_key: label_key(&raw.name),
            name: raw.name,
            schedule_key: label_key(&raw.schedule),
            schedule: raw.schedule,
            columns: raw.column.into_iter().map(Column::from_raw).collect(),
            template_items: raw.template_items,
            template_mark_rows: raw.template_mark_rows,
        }),
        rows: Vec::new(),
        checks: Vec::new(),
        groups: &[],
        rows_are_measures: false,
    })
}

/// What a schedule cell holds.
enum Mark {
    Step(u32),
    Arrow,
    Other(String),
}

fn mark_of(text: &str) -> Mark {
    let t = text.trim();
    let mut chars = t.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if step_number(c).is_some() => Mark::Step(step_number(c).unwrap()),
        _ if ARROWS.contains(&t) => Mark::Arrow,
        _ => Mark::Other(t.to_string()),
    }
}

impl BlockLayout for ScheduleGrid {
    fn name(&self) -> &'static str {
        KIND.name
    }

    fn label_keys(&self) -> Vec<String> {
        let mut v = vec![
            self.header_key.clone(),
            self.name_key.clone(),
            self.schedule_key.clone(),
        ];
        v.extend(self.columns.iter().flat_map(|c| c.variant_keys.clone()));
        v
    }

    fn required_name(&self) -> Option<&str> {
        Some(&self.name)
    }

    fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// Marks are numbers of steps, not values with cell rules of their own.
    fn cell_row<'s>(&'s self, _block: &'s Block, _obs: &Observation) -> Option<&'s Row> {
        None
    }

    fn repeats(&self) -> bool {
        true
    }

    fn read(&self, block: &Block, grid: &Grid, ctx: &ReadContext, out: &mut SheetRead) {
        let headers = super::locate::occurrences(grid, &self.header_key, block.repeat);
        for (instance, pos) in headers.into_iter().enumerate() {
            self.read_table(block, grid, ctx, pos, instance as u32, out);
        }
    }

    fn write(&self, block: &Block, w: &mut FormWriter, r: u32) -> Result<u32, XlsxError> {
        self.write_tables(block, w, r)
    }
}

impl ScheduleGrid {
    fn read_table(
        &self,
        block: &Block,
        grid: &Grid,
        ctx: &ReadContext,
        header_pos: (u32, u32),
        instance: u32,
        out: &mut SheetRead,
    ) {
        let (hr, key_col) = header_pos;
        let find = |variants: &[String]| super::locate::header_column(grid, header_pos, variants);
        let name_col = find(std::slice::from_ref(&self.name_key));
        let schedule_col = find(std::slice::from_ref(&self.schedule_key)).unwrap_or(key_col);
        let attr_cols: Vec<(&Column, u32)> = self
            .columns
            .iter()
            .filter_map(|col| find(&col.variant_keys).map(|c| (col, c)))
            .collect();
        let era = ctx.eval_year.and_then(|y| y.era);
        // The plan years under the caption (two header rows), or beside it (one).
        let (years, first_row) = {
            let below = header_years(grid, hr + 1, schedule_col.saturating_sub(1), era);
            if below.is_empty() {
                (
                    header_years(grid, hr, schedule_col.saturating_sub(1), era),
                    hr + 1,
                )
            } else {
                (below, hr + 2)
            }
        };
        let years: Vec<_> = years
            .into_iter()
            .filter(|y| y.col >= schedule_col)
            .collect();
        let mut read = BlockRead::new(&block.id, instance, header_pos);
        read.heading = super::locate::heading_above(grid, header_pos, &block.heading_keys);
        let text = |r: u32, c: u32| {
            grid.text(r, c)
                .map(|t| t.trim().to_string())
                .unwrap_or_default()
        };
        let first_year = years.first().map(|y| y.col);
        let mut observations = Vec::new();
        let mut r = first_row;
        let mut blank_run = 0;
        loop {
            let key_text = text(r, key_col);
            let any = grid
                .row_from(r, 0)
                .any(|(_, c)| !data_text(&c.value).trim().is_empty());
            // Mark rows left empty (the template offers three per item) do not end the table;
            // a longer gap does.
            if !any {
                blank_run += 1;
                if blank_run > MAX_BLANK_ROWS {
                    break;
                }
                r += 1;
                continue;
            }
            blank_run = 0;
            let folded = crate::normalise::fold(&key_text);
            let numbered = !folded.is_empty() && folded.chars().all(|c| c.is_ascii_digit());
            if numbered {
                let (name, tags) =
                    super::locate::split_tags(&name_col.map(|c| text(r, c)).unwrap_or_default());
                let mut rec = RecordRead {
                    key: folded.clone(),
                    name,
                    pos: (r, key_col),
                    attrs: Default::default(),
                    attr_pos: Default::default(),
                };
                if !tags.is_empty() {
                    rec.attrs.insert("tags".into(), tags.join("・"));
                }
                if let Some(c) = name_col {
                    rec.attr_pos.insert("name".into(), (r, c));
                }
                for (col, c) in &attr_cols {
                    rec.attr_pos.insert(col.key.clone(), (r, *c));
                    let t = text(r, *c);
                    if !t.is_empty() {
                        rec.attrs.insert(col.key.clone(), t);
                    }
                }
                // The steps' text, in the first schedule cell when it is not a mark itself.
                if let Some(c) = first_year {
                    let t = text(r, c);
                    if matches!(mark_of(&t), Mark::Other(_)) && !t.is_empty() {
                        rec.attrs.insert("steps".into(), t);
                        rec.attr_pos.insert("steps".into(), (r, c));
                    }
                }
                read.records.push(rec);
            } else if !key_text.is_empty() || read.records.is_empty() {
                // A heading or text under the table: the table ended.
                break;
            }
            let Some(rec) = read.records.last() else {
                break;
            };
            let steps_cell = rec.attr_pos.get("steps").copied();
            let numbered_steps = rec
                .attrs
                .get("steps")
                .is_some_and(|t| !listed_steps(t).is_empty());
            let key = rec.key.clone();
            // The marks of this row, left to right; an arrow continues the mark before it.
            let mut last_step: Option<u32> = None;
            for y in &years {
                let pos = (r, y.col);
                if Some(pos) == steps_cell {
                    continue;
                }
                let t = text(r, y.col);
                if t.is_empty() {
                    continue;
                }
                let (measure, value) = match mark_of(&t) {
                    Mark::Step(n) => {
                        last_step = Some(n);
                        (STEP, Value::Number(n as f64))
                    }
                    Mark::Arrow => match last_step {
                        Some(n) => (CONTINUED, Value::Number(n as f64)),
                        // One unnumbered step continues through the plan.
                        None if !numbered_steps => (CONTINUED, Value::Number(1.0)),
                        None => (CONTINUED, Value::Text(t.clone())),
                    },
                    Mark::Other(s) => (STEP, Value::Text(s)),
                };
                let mut o = observation(block, instance, measure, pos, cell_value(grid, pos, None));
                o.value = value;
                o.record = Some(key.clone());
                o.period = Some(y.period());
                o.phase = Some(Phase::Plan);
                observations.push(o);
            }
            r += 1;
        }
        read.periods = years;
        push_block(out, read, observations);
    }

    /// Per heading its rows and the table's two header rows, then per item its row and its
    /// mark rows; the item's number, name and text columns merged down over its mark rows and
    /// wrapped, so a long 推進内容 or 実施内容 prints whole.
    fn write_tables(
        &self,
        block: &Block,
        w: &mut FormWriter,
        mut r: u32,
    ) -> Result<u32, XlsxError> {
        let c0 = w.label_col;
        let years = w.layout.years_of(block);
        let n = years.len().max(1) as u16;
        let given = w.records_of(&block.id);
        let blank = RecordInput::default();
        let items: Vec<&RecordInput> = if given.is_empty() {
            (0..self.template_items).map(|_| &blank).collect()
        } else {
            given.iter().collect()
        };
        // The last column follows the years (実施内容と今後の実施予定); the others precede them.
        let k = self.columns.len().saturating_sub(1);
        let (before, after) = (&self.columns[..k], &self.columns[k..]);
        let name_c = c0 + 1;
        let year_c = name_c + 1 + before.len() as u16;
        let after_c = year_c + n;
        let last_c = after_c + after.len().max(1) as u16 - 1;
        // (column, width) of each text column, for wrapping and row heights.
        let mut text_cols: Vec<(u16, f64)> = vec![(name_c, NAME_WIDTH)];
        text_cols.extend((0..before.len() as u16).map(|i| (name_c + 1 + i, TEXT_WIDTH)));
        text_cols.extend((0..after.len() as u16).map(|i| (after_c + i, RESULT_WIDTH)));
        w.reach(last_c);
        let (ws, f) = (&mut *w.ws, &w.formats);
        ws.set_column_width(c0, 9)?;
        for (c, width) in &text_cols {
            ws.set_column_width(*c, *width)?;
        }
        for i in 0..n {
            ws.set_column_width(year_c + i, 7)?;
        }
        let wrap = f.input_text_wide.clone().set_align(FormatAlign::Top);
        let label_wrap = f
            .label
            .clone()
            .set_text_wrap()
            .set_align(FormatAlign::Center);
        let header = |ws: &mut Worksheet, r: u32| -> Result<u32, XlsxError> {
            let down = |ws: &mut Worksheet, c: u16, text: &str| {
                ws.merge_range(r, c, r + 1, c, text, &label_wrap)
                    .map(|_| ())
            };
            down(ws, c0, &self.header)?;
            down(ws, name_c, &self.name)?;
            for (i, col) in before.iter().enumerate() {
                down(ws, name_c + 1 + i as u16, &col.label)?;
            }
            for (i, col) in after.iter().enumerate() {
                down(ws, after_c + i as u16, &col.label)?;
            }
            write_label(ws, r, year_c, n, &self.schedule, f)?;
            for (i, y) in years.iter().enumerate() {
                let era_year = format!("R{}", y.0 - 2018);
                ws.write_string_with_format(r + 1, year_c + i as u16, era_year, &label_wrap)?;
            }
            Ok(r + 2)
        };
        let mut heading_shown: Option<String> = None;
        for (i, rec) in items.iter().enumerate() {
            let heading = rec.attrs.get("heading").cloned().unwrap_or_default();
            if i == 0 || heading_shown.as_ref() != Some(&heading) {
                if i > 0 {
                    r += 1;
                }
                // One row per heading word (`重点項目1 …`, `(1)…`), across the table; a blank
                // template labels the first and leaves the cells to fill.
                for (j, word) in block.heading.iter().enumerate() {
                    let text = heading.split(" / ").nth(j).filter(|t| !t.is_empty());
                    match text {
                        Some(t) => merge_input(
                            ws,
                            r,
                            c0,
                            last_c - c0 + 1,
                            Some(&CellInput::Text(t.into())),
                            &f.input,
                        )?,
                        None if j == 0 => {
                            write_label(ws, r, c0, 2, word, f)?;
                            merge_input(ws, r, c0 + 2, last_c - c0 - 1, None, &f.input)?;
                        }
                        None => merge_input(ws, r, c0, last_c - c0 + 1, None, &f.input)?,
                    }
                    r += 1;
                }
                r = header(ws, r)?;
                heading_shown = Some(heading);
            }
            // Marks: `marks` holds one line per mark row, `|` between years.
            let lines: Vec<Vec<String>> = rec
                .attrs
                .get("marks")
                .map(|m| {
                    m.lines()
                        .map(|l| l.split('|').map(|s| s.trim().to_string()).collect())
                        .collect()
                })
                .unwrap_or_default();
            let mark_rows = if lines.is_empty() {
                self.template_mark_rows
            } else {
                lines.len() as u32
            };
            let last_r = r + mark_rows;
            let name = (!rec.name.is_empty()).then(|| match rec.attrs.get("tags") {
                Some(tags) => format!("{} 【{tags}】", rec.name),
                None => rec.name.clone(),
            });
            let mut texts: Vec<(u16, Option<String>)> = vec![(name_c, name)];
            texts.extend(
                before
                    .iter()
                    .enumerate()
                    .map(|(j, col)| (name_c + 1 + j as u16, rec.attrs.get(&col.key).cloned())),
            );
            texts.extend(
                after
                    .iter()
                    .enumerate()
                    .map(|(j, col)| (after_c + j as u16, rec.attrs.get(&col.key).cloned())),
            );
            let no_format = f.input.clone().set_align(FormatAlign::Top);
            ws.merge_range(r, c0, last_r, c0, "", &no_format)?;
            if let Ok(no) = rec.key.parse::<f64>() {
                ws.write_number_with_format(r, c0, no, &no_format)?;
            }
            // The tallest text sets the height its rows share.
            let mut need = 0.0f64;
            for (c, text) in &texts {
                ws.merge_range(r, *c, last_r, *c, text.as_deref().unwrap_or(""), &wrap)?;
                let width = text_cols
                    .iter()
                    .find(|(x, _)| x == c)
                    .map(|(_, w)| *w)
                    .unwrap_or(TEXT_WIDTH);
                need = need.max(text_height(text.as_deref().unwrap_or(""), width, 1));
            }
            let steps = rec.attrs.get("steps").map(|t| CellInput::Text(t.clone()));
            merge_input(ws, r, year_c, n, steps.as_ref(), &wrap)?;
            let steps_height = text_height(
                rec.attrs.get("steps").map_or("", |s| s),
                7.0 * f64::from(n),
                1,
            );
            let mark_height = 18.0;
            let rest = (need - steps_height).max(mark_height * mark_rows as f64);
            ws.set_row_height(r, steps_height)?;
            for k in 0..mark_rows {
                let rr = r + 1 + k;
                ws.set_row_height(rr, rest / mark_rows as f64)?;
                for j in 0..n {
                    let v = lines
                        .get(k as usize)
                        .and_then(|l| l.get(j as usize))
                        .filter(|s| !s.is_empty())
                        .map(|s| CellInput::Text(s.clone()));
                    write_input(ws, rr, year_c + j, v.as_ref(), &f.input)?;
                }
            }
            r = last_r + 1;
        }
        Ok(r + 1)
    }
}

/// Empty rows a table may hold between its items.
const MAX_BLANK_ROWS: u32 = 10;

/// Widths (characters) of the template's text columns.
const NAME_WIDTH: f64 = 22.0;
const TEXT_WIDTH: f64 = 30.0;
const RESULT_WIDTH: f64 = 44.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_listed_from_their_text() {
        assert_eq!(
            listed_steps("①押印の省略、廃止の検討・実施 ②署名の代替手段の検討・実施"),
            vec![1, 2]
        );
        assert!(listed_steps("電子入札、電子契約等の検討").is_empty());
        assert!(matches!(mark_of("③"), Mark::Step(3)));
        assert!(matches!(mark_of(" → "), Mark::Arrow));
        assert!(matches!(mark_of("検討"), Mark::Other(_)));
    }
}
