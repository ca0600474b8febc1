//! `item-blocks`: items one under another, each opened by a label (`取り組み事項 | 1 行政評価に
//! よる事業の再編・整理`), with labelled fields (主体課, 関連課, 取り組み内容) and a small year table
//! of target and result rows (行革の取り組み推進項目調書). Pages repeat the title and headings
//! (基本方針 / 個別項目) between items.
//!
//! In the year table a row is a target unless its label is a result word (`実績数`) or repeats
//! an earlier target's label (`一般職（時間）` under `令和4年度 取り組み実績`): then it is that
//! target's result. A result row without a target, a target without its result, or a value
//! where the label belongs (a row shifted left) is said at the cell instead of read.

use super::locate::{cell_value, observation, push_block};
use crate::extract::observation::{BlockRead, Misfit, Observation, Phase, RecordRead, SheetRead};
use crate::extract::PeriodColumn;
use crate::form::{Block, Column, RawColumn, RawRow, Row};
use crate::form::{BlockLayout, ReadContext};
use crate::i18n::{Message, Text};
use crate::normalise::{fold, label_key};
use crate::read::grid::{data_text, Grid};
use crate::spec::lines::KeyPath;
use crate::spec::source::SpecSource;
use crate::spec::source::{keys_of, LayoutKind, LayoutParts};
use crate::write::block_writer::{
    merge_input, text_height, write_input, write_label, CellInput, FormWriter, RecordInput,
};
use calamine::Data;
use rust_xlsxwriter::{DataValidation, XlsxError};
use serde::Deserialize;
use std::sync::Arc;

// What does not fit this layout, as the finding says it.
static NO_ACTUAL_ROW: Text = Text {
    ja: "目標の行「{name}」の下に実績の行がありません",
    en: "the target row \"{name}\" has no result (実績) row under it",
};
static VALUE_IN_LABEL: Text = Text {
    ja: "行の見出しの位置に値「{text}」があります（行がずれています）",
    en: "the value \"{text}\" stands where the row's label belongs (the row is shifted)",
};

pub const KIND: LayoutKind = LayoutKind {
    name: "item-blocks",
    summary:
        "items opened by a label, with labelled fields and a year table of target and result rows",
    parse,
    keys: keys_of::<Raw>,
};

/// Width of a year column in the template (characters).
const VALUE_WIDTH: f64 = 14.0;

/// How far right of its label a field's value may sit.
const VALUE_SEARCH_COLUMNS: u32 = 8;

#[derive(Debug, Deserialize)]
struct Raw {
    /// The label that opens each item (`取り組み事項`); its value is `<n> <name>`.
    anchor: String,
    /// The label of the year row of the item's table (`年度`).
    years: String,
    /// Labels of result rows (`実績数`); a row whose label contains one is a result.
    actual: Vec<String>,
    /// Labels that end the year table (`内容`, `備考`).
    #[serde(default)]
    end: Vec<String>,
    /// The word in a name that marks a repeat of another item (`（再掲「取り組み事項1」）`).
    #[serde(default = "repeat_word")]
    repeat_word: String,
    /// Labelled fields of each item, read as attributes.
    #[serde(default)]
    column: Vec<RawColumn>,
    /// The year table written after this field in the template (fields after it go below).
    #[serde(default)]
    table_after: Option<String>,
    /// The target value, then the result value, each with its cell rules.
    value: Vec<RawRow>,
    /// The label the template writes on a target row (`目標`).
    #[serde(default = "target_label")]
    target_label: String,
    /// How many blank items the template offers.
    #[serde(default = "three")]
    template_items: u32,
}

fn repeat_word() -> String {
    "再掲".into()
}
fn target_label() -> String {
    "目標".into()
}
fn three() -> u32 {
    3
}

#[derive(Debug)]
pub struct ItemBlocks {
    anchor: String,
    anchor_key: String,
    years: String,
    years_key: String,
    actual: Vec<String>,
    actual_keys: Vec<String>,
    end_keys: Vec<String>,
    repeat_word: String,
    columns: Vec<Column>,
    table_after: Option<String>,
    /// [target, result].
    values: Vec<Row>,
    target_label: String,
    template_items: u32,
}

fn parse(src: &mut SpecSource, at: &KeyPath) -> Option<LayoutParts> {
    let raw: Raw = src.read(at)?;
    if raw.value.len() != 2 {
        src.error(
            &at.key("value"),
            "an item-blocks block has two values: the target, then the result".into(),
        );
    }
    if raw.actual.is_empty() {
        src.error(
            &at.key("actual"),
            "an item-blocks block needs the label of its result rows (actual)".into(),
        );
    }
    for (j, v) in raw.value.iter().enumerate() {
        let vat = at.key("value").index(j);
        super::locate::check_value_keys(src, &vat, v, "is not read by item-blocks");
        if v.required_when.is_some() {
            src.error(
                &vat.key("required_when"),
                format!(
                    "value '{}': required_when is not read by item-blocks",
                    v.key
                ),
            );
        }
    }
    if let Some(t) = &raw.table_after {
        if !raw.column.iter().any(|c| &c.key == t) {
            src.error(
                &at.key("table_after"),
                format!("table_after names unknown column '{t}'"),
            );
        }
    }
    if raw.template_items == 0 {
        src.error(
            &at.key("template_items"),
            "template_items must be at least 1".into(),
        );
    }
    Some(LayoutParts {
        layout: Arc::new(ItemBlocks {
            anchor_key: label_key(&raw.anchor),
            anchor: raw.anchor,
            years_key: label_key(&raw.years),
            years: raw.years,
            actual_keys: raw.actual.iter().map(|s| label_key(s)).collect(),
            actual: raw.actual,
            end_keys: raw.end.iter().map(|s| label_key(s)).collect(),
            repeat_word: raw.repeat_word,
            columns: raw.column.into_iter().map(Column::from_raw).collect(),
            table_after: raw.table_after,
            values: raw.value.iter().map(Row::plain).collect(),
            target_label: raw.target_label,
            template_items: raw.template_items,
        }),
        rows: Vec::new(),
        checks: Vec::new(),
        groups: &[],
        rows_are_measures: false,
    })
}

/// An item's title split: its number, its name, the item it repeats, and its tags.
#[derive(Debug, PartialEq)]
struct Title {
    number: Option<String>,
    name: String,
    repeat_of: Option<String>,
    tags: Vec<String>,
}

fn split_title(text: &str, repeat_word: &str) -> Title {
    let folded = fold(text);
    let t = folded.trim();
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = t[digits.len()..]
        .trim_start_matches(['.', ' ', '　'])
        .trim();
    let (mut name, mut repeat_of) = (rest.to_string(), None);
    if let Some(at) = rest.find(repeat_word).filter(|_| !repeat_word.is_empty()) {
        // The mark starts at the bracket before the word: `…整理（再掲「取り組み事項1」）`.
        let open = rest[..at].rfind(['(', '（', '【', '[']).unwrap_or(at);
        let mark = &rest[open..];
        let n: String = mark
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(|c| c.is_ascii_digit())
            .collect();
        repeat_of = (!n.is_empty()).then_some(n);
        name = rest[..open].trim().to_string();
    }
    let (name, tags) = super::locate::split_tags(&name);
    Title {
        number: (!digits.is_empty()).then_some(digits),
        name,
        repeat_of,
        tags,
    }
}

impl ItemBlocks {
    fn is_own_label(&self, key: &str) -> bool {
        key == self.anchor_key
            || key == self.years_key
            || self.end_keys.iter().any(|k| k == key)
            || self
                .columns
                .iter()
                .any(|c| c.variant_keys.iter().any(|v| v == key))
    }

    /// The first cell right of a label (past its merge) that holds something, unless that is
    /// another label of the item.
    fn value_right(&self, grid: &Grid, (r, c): (u32, u32)) -> Option<(u32, u32)> {
        let last = grid.merged_at(r, c).map(|m| m.last_col).unwrap_or(c);
        let (&pos, cell) = grid
            .row_from(r, last + 1)
            .find(|(_, v)| !data_text(&v.value).trim().is_empty())?;
        if pos.1 > last + VALUE_SEARCH_COLUMNS {
            return None;
        }
        match &cell.value {
            Data::String(_) if self.is_own_label(cell.key()) => None,
            _ => Some(pos),
        }
    }

    fn is_placeholder(&self, text: &str) -> bool {
        self.values.iter().any(|v| {
            v.placeholders
                .iter()
                .any(|p| crate::normalise::placeholder_matches(p, text))
        })
    }
}

/// A row of the year table, as the layout sorted it.
struct TableRow {
    label: String,
    label_pos: (u32, u32),
    row: u32,
}

impl BlockLayout for ItemBlocks {
    fn name(&self) -> &'static str {
        KIND.name
    }

    fn label_keys(&self) -> Vec<String> {
        let mut v = vec![self.anchor_key.clone(), self.years_key.clone()];
        v.extend(self.end_keys.iter().cloned());
        v.extend(self.columns.iter().flat_map(|c| c.variant_keys.clone()));
        v
    }

    fn columns(&self) -> &[Column] {
        &self.columns
    }

    fn values(&self) -> &[Row] {
        &self.values
    }

    fn cell_row<'s>(&'s self, _block: &'s Block, obs: &Observation) -> Option<&'s Row> {
        self.values.iter().find(|v| v.key == obs.measure)
    }

    fn repeats(&self) -> bool {
        true
    }

    fn read(&self, block: &Block, grid: &Grid, ctx: &ReadContext, out: &mut SheetRead) {
        let anchors = super::locate::occurrences(grid, &self.anchor_key, block.repeat);
        for (i, &pos) in anchors.iter().enumerate() {
            let end_row = anchors.get(i + 1).map(|p| p.0).unwrap_or(u32::MAX);
            self.read_item(block, grid, ctx, pos, end_row, i as u32, out);
        }
    }

    fn write(&self, block: &Block, w: &mut FormWriter, r: u32) -> Result<u32, XlsxError> {
        self.write_items(block, w, r)
    }
}

impl ItemBlocks {
    #[allow(clippy::too_many_arguments)]
    fn read_item(
        &self,
        block: &Block,
        grid: &Grid,
        ctx: &ReadContext,
        anchor: (u32, u32),
        end_row: u32,
        instance: u32,
        out: &mut SheetRead,
    ) {
        let mut read = BlockRead::new(&block.id, instance, anchor);
        read.heading = super::locate::heading_above(grid, anchor, &block.heading_keys);
        let in_item = |r: u32| r >= anchor.0 && r < end_row;
        let text = |(r, c): (u32, u32)| {
            grid.text(r, c)
                .map(|t| t.trim().to_string())
                .unwrap_or_default()
        };
        let title_pos = self
            .value_right(grid, anchor)
            .unwrap_or((anchor.0, anchor.1 + 1));
        let title = split_title(&text(title_pos), &self.repeat_word);
        let number = title
            .number
            .clone()
            .unwrap_or_else(|| (instance + 1).to_string());
        // Fields: the first label of each within the item.
        let labels: Vec<((u32, u32), String)> = grid
            .iter()
            .skip_while(|((r, _), _)| *r < anchor.0)
            .take_while(|((r, _), _)| in_item(*r))
            .filter_map(|(p, c)| match &c.value {
                Data::String(_) => Some((*p, c.key().to_string())),
                _ => None,
            })
            .collect();
        let mut attrs = std::collections::BTreeMap::new();
        let mut attr_pos = std::collections::BTreeMap::new();
        for col in &self.columns {
            let Some((lp, _)) = labels
                .iter()
                .find(|(_, k)| col.variant_keys.iter().any(|v| v == k))
            else {
                continue;
            };
            let vp = self.value_right(grid, *lp).unwrap_or((lp.0, lp.1 + 1));
            attr_pos.insert(col.key.clone(), vp);
            let t = text(vp);
            if !t.is_empty() && self.value_right(grid, *lp).is_some() {
                attrs.insert(col.key.clone(), t);
            }
        }
        if !title.tags.is_empty() {
            attrs.insert("tags".into(), title.tags.join("・"));
        }
        if let Some(n) = &title.repeat_of {
            attrs.insert("repeat_of".into(), n.clone());
        }
        // An item without a year table (or without rows in it) is one record of its fields.
        let item_only = RecordRead {
            key: number.clone(),
            name: title.name.clone(),
            pos: title_pos,
            attrs: attrs.clone(),
            attr_pos: attr_pos.clone(),
        };
        let Some((yp, _)) = labels.iter().find(|(_, k)| *k == self.years_key) else {
            read.records.push(item_only);
            push_block(out, read, Vec::new());
            return;
        };
        let era = ctx.eval_year.and_then(|y| y.era);
        let years: Vec<PeriodColumn> = super::locate::header_years(grid, yp.0, yp.1, era);
        let first_year_col = years.iter().map(|y| y.col).min().unwrap_or(u32::MAX);
        let mut targets: Vec<(TableRow, Option<TableRow>)> = Vec::new();
        let mut r = yp.0 + 1;
        while in_item(r) {
            let left: Vec<((u32, u32), String)> = grid
                .row_from(r, 0)
                .take_while(|((_, c), _)| *c < first_year_col)
                .map(|(p, cell)| (*p, data_text(&cell.value).trim().to_string()))
                .filter(|(_, t)| !t.is_empty())
                .collect();
            let any_value = years.iter().any(|y| !text((r, y.col)).is_empty());
            if left.iter().any(|(_, t)| {
                let k = label_key(t);
                self.end_keys.contains(&k) || k == self.anchor_key
            }) {
                break;
            }
            if left.is_empty() && !any_value {
                r += 1;
                continue;
            }
            let (label_pos, label) = left
                .last()
                .cloned()
                .unwrap_or(((r, first_year_col.saturating_sub(1)), String::new()));
            // The template's `目標：事業数 (単年)` names the row `事業数 (単年)`.
            let label = label
                .strip_prefix(self.target_label.as_str())
                .and_then(|rest| rest.strip_prefix(['：', ':']))
                .map(|rest| rest.trim().to_string())
                .unwrap_or(label);
            if self.is_placeholder(&label) {
                read.misfits.push((
                    label_pos,
                    Misfit::new(Message::new(&VALUE_IN_LABEL).arg("text", label)),
                ));
                break;
            }
            let key = label_key(&label);
            let row = TableRow {
                label: label.clone(),
                label_pos,
                row: r,
            };
            let is_actual_word = self.actual_keys.iter().any(|a| key.contains(a.as_str()));
            let repeats_target = targets
                .iter()
                .position(|(t, a)| a.is_none() && !key.is_empty() && label_key(&t.label) == key);
            if let Some(i) = repeats_target {
                targets[i].1 = Some(row);
            } else if is_actual_word {
                // The result of the last target still waiting for one.
                match targets.iter_mut().rev().find(|(_, a)| a.is_none()) {
                    Some(t) => t.1 = Some(row),
                    None => {
                        read.misfits.push((
                            label_pos,
                            Misfit::new(
                                Message::new(&super::locate::UNEXPECTED_ROW).arg("text", label),
                            ),
                        ));
                        break;
                    }
                }
            } else {
                targets.push((row, None));
            }
            r += 1;
        }
        let mut observations = Vec::new();
        for (k, (target, actual)) in targets.iter().enumerate() {
            let key = if k == 0 {
                number.clone()
            } else {
                format!("{number}-{}", k + 1)
            };
            let mut rec_attrs = attrs.clone();
            if !target.label.is_empty() {
                rec_attrs.insert("label".into(), target.label.clone());
            }
            let mut rec_pos = attr_pos.clone();
            rec_pos.insert("label".into(), target.label_pos);
            read.records.push(RecordRead {
                key: key.clone(),
                name: title.name.clone(),
                pos: title_pos,
                attrs: rec_attrs,
                attr_pos: rec_pos,
            });
            if actual.is_none() {
                let name = if target.label.is_empty() {
                    title.name.clone()
                } else {
                    target.label.clone()
                };
                read.misfits.push((
                    target.label_pos,
                    Misfit::new(Message::new(&NO_ACTUAL_ROW).arg("name", name)),
                ));
            }
            let rows = [
                (Some(target), Phase::Target),
                (actual.as_ref(), Phase::Actual),
            ];
            for ((row, phase), value) in rows.into_iter().zip(&self.values) {
                let Some(row) = row else { continue };
                for y in &years {
                    let pos = (row.row, y.col);
                    let mut o = observation(
                        block,
                        instance,
                        &value.key,
                        pos,
                        cell_value(grid, pos, value.unit.as_deref()),
                    );
                    o.record = Some(key.clone());
                    o.period = Some(y.period());
                    o.phase = Some(phase);
                    observations.push(o);
                }
            }
        }
        if targets.is_empty() {
            read.records.push(item_only);
        }
        read.periods = years;
        push_block(out, read, observations);
    }

    /// Per item: headings when they change, the title, the fields, the year table with a
    /// target and a result row per indicator, then the fields after the table.
    fn write_items(&self, block: &Block, w: &mut FormWriter, mut r: u32) -> Result<u32, XlsxError> {
        let (c0, vc) = (w.label_col, w.value_col);
        let years = w.layout.years_of(block);
        let n = years.len().max(1) as u16;
        let given = w.records_of(&block.id);
        // Indicators of one item share its number (`4`, `4-2`).
        let mut items: Vec<Vec<&RecordInput>> = Vec::new();
        for rec in given {
            let item = rec.key.split('-').next().unwrap_or_default();
            match items.last_mut() {
                Some(last) if last[0].key == item => last.push(rec),
                _ => items.push(vec![rec]),
            }
        }
        let blank = RecordInput::default();
        if items.is_empty() {
            items = (0..self.template_items).map(|_| vec![&blank]).collect();
        }
        let (before, after): (Vec<&Column>, Vec<&Column>) = match &self.table_after {
            Some(t) => {
                let at = self.columns.iter().position(|c| &c.key == t).unwrap_or(0) + 1;
                (
                    self.columns[..at].iter().collect(),
                    self.columns[at..].iter().collect(),
                )
            }
            None => (self.columns.iter().collect(), Vec::new()),
        };
        w.reach(vc + n - 1);
        let (ws, f) = (&mut *w.ws, &w.formats);
        ws.set_column_width(c0, 18)?;
        for i in 0..n {
            ws.set_column_width(vc + i, VALUE_WIDTH)?;
        }
        let mut heading_shown: Option<String> = None;
        for (i, item) in items.iter().enumerate() {
            let first = item[0];
            let heading = first.attrs.get("heading").cloned().unwrap_or_default();
            if !block.heading.is_empty() && (i == 0 || heading_shown.as_ref() != Some(&heading)) {
                let parts: Vec<&str> = heading.split(" / ").collect();
                for (j, word) in block.heading.iter().enumerate() {
                    write_label(ws, r, c0, 1, word, f)?;
                    let v = parts
                        .get(j)
                        .filter(|t| !t.is_empty())
                        .map(|t| CellInput::Text(t.to_string()));
                    merge_input(ws, r, vc, n, v.as_ref(), &f.input)?;
                    r += 1;
                }
                r += 1;
                heading_shown = Some(heading);
            }
            write_label(ws, r, c0, 1, &self.anchor, f)?;
            let title = (!first.key.is_empty()).then(|| {
                let mut t = format!("{} {}", first.key, first.name);
                if let Some(k) = first.attrs.get("repeat_of") {
                    t.push_str(&format!("（{}「{}{k}」）", self.repeat_word, self.anchor));
                }
                CellInput::Text(t)
            });
            merge_input(ws, r, vc, n, title.as_ref(), &f.input)?;
            r += 1;
            r = self.write_fields(ws, f, r, c0, vc, n, &before, first, items.len())?;
            write_label(ws, r, c0, 1, &self.years, f)?;
            for (j, y) in years.iter().enumerate() {
                ws.write_string_with_format(r, vc + j as u16, y.japanese(), &f.label)?;
            }
            r += 1;
            for rec in item {
                // `目標：事業数 (単年)`: the row's role stays in view beside its own label.
                let label = match rec.attrs.get("label") {
                    Some(l) => format!("{}：{l}", self.target_label),
                    None => self.target_label.clone(),
                };
                let actual = self.actual.first().cloned().unwrap_or_default();
                for (value, label) in self.values.iter().zip([label, actual]) {
                    write_label(ws, r, c0, 1, &label, f)?;
                    for j in 0..years.len() {
                        let cell = rec
                            .values
                            .get(&value.key)
                            .and_then(|v| v.get(j))
                            .cloned()
                            .flatten();
                        write_input(ws, r, vc + j as u16, cell.as_ref(), &f.input)?;
                    }
                    r += 1;
                }
            }
            r = self.write_fields(ws, f, r, c0, vc, n, &after, first, items.len())?;
            r += 1;
        }
        Ok(r)
    }

    #[allow(clippy::too_many_arguments)]
    fn write_fields(
        &self,
        ws: &mut rust_xlsxwriter::Worksheet,
        f: &crate::write::block_writer::Formats,
        mut r: u32,
        c0: u16,
        vc: u16,
        n: u16,
        columns: &[&Column],
        rec: &RecordInput,
        items: usize,
    ) -> Result<u32, XlsxError> {
        for col in columns {
            write_label(ws, r, c0, 1, &col.label, f)?;
            let text = rec.attrs.get(&col.key);
            let v = text.map(|t| CellInput::Text(t.clone()));
            merge_input(ws, r, vc, n, v.as_ref(), &f.input_text_wide)?;
            // Long text wraps in a row as tall as it needs; a blank one offers two lines.
            let height = match text {
                Some(t) => text_height(t, f64::from(n) * VALUE_WIDTH, 1),
                None => text_height("", 1.0, 2),
            };
            ws.set_row_height(r, height)?;
            if !col.choices.is_empty() && items > 0 {
                let dv = DataValidation::new().allow_list_strings(&col.choices)?;
                ws.add_data_validation(r, vc, r, vc, &dv)?;
            }
            r += 1;
        }
        Ok(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_split_number_name_and_repeat() {
        let t = split_title(
            "9 行政評価による事業の再編・整理（再掲「取り組み事項1」）",
            "再掲",
        );
        assert_eq!(t.number.as_deref(), Some("9"));
        assert_eq!(t.name, "行政評価による事業の再編・整理");
        assert_eq!(t.repeat_of.as_deref(), Some("1"));
        let t = split_title("１０ 収納の強化【行革】", "再掲");
        assert_eq!(t.number.as_deref(), Some("10"));
        assert_eq!(t.name, "収納の強化");
        assert_eq!(t.tags, vec!["行革"]);
        assert_eq!(t.repeat_of, None);
    }
}
