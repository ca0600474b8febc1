//! `record-rows`: one row per record (a project of a 施策評価シート's budget table, an
//! indicator), fiscal years as columns grouped under a caption (`トータルコスト（千円）` over
//! `R5 R6 R7 R8`), and closing rows (`その他`, `合計`) whose formulas may sum the records
//! (`sum(items)`).
//!
//! The header is one row (years beside the key column's label) or two (captions above, years
//! below, captions merged over their years).

use super::locate::{cell_value, header_years, observation, push_block};
use crate::extract::derived::excel_formula;
use crate::extract::observation::{
    BlockRead, Misfit, Observation, PeriodColumn, RecordRead, SheetRead,
};
use crate::form::expr::Ref;
use crate::form::{Block, Column, RawCheck, RawColumn, RawRow, Row};
use crate::form::{BlockLayout, ReadContext};
use crate::i18n::Message;
use crate::normalise::{label_key, label_matches};
use crate::read::grid::{data_text, Grid};
use crate::spec::lines::KeyPath;
use crate::spec::source::SpecSource;
use crate::spec::source::{keys_of, LayoutKind, LayoutParts};
use crate::write::block_writer::{
    col_name, text_height, write_input, write_label, Cached, CellInput, FormWriter,
};
use calamine::Data;
use rust_xlsxwriter::{DataValidation, Formula, XlsxError};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

pub const KIND: LayoutKind = LayoutKind {
    name: "record-rows",
    summary: "one row per record, fiscal years as columns under captions, closing その他/合計 rows",
    parse,
    keys: keys_of::<Raw>,
};

/// Blank rows a table may have between its records and its closing rows (unused template
/// rows); more end it.
const MAX_BLANK_ROWS: u32 = 20;

/// The group every record that is not a closing row belongs to, for `sum(items)`.
const ITEMS: &str = "items";

#[derive(Debug, Deserialize)]
struct Raw {
    /// The label of the key column (`No.`), which marks the header row.
    header: String,
    /// The label of the name column (`関連する主な予算等事業`).
    #[serde(default)]
    name: Option<String>,
    /// Text columns read as attributes of each record (戦略該当).
    #[serde(default)]
    column: Vec<RawColumn>,
    /// The measures held in year columns, each under its caption.
    value: Vec<RawRow>,
    /// Closing rows below the records (`その他`, `合計`), in order.
    #[serde(default)]
    row: Vec<RawRow>,
    #[serde(default)]
    check: Vec<RawCheck>,
    /// How many blank records the template offers.
    #[serde(default = "five")]
    template_records: u32,
    /// The template's years as written (`令和2年度`, `令和8年度`: a plan's base and target
    /// years, which do not move with the evaluation year) instead of the window …
    #[serde(default)]
    template_years: Vec<String>,
    /// … each written with its phase (`令和2年度 (実績)`).
    #[serde(default)]
    year_phases: Vec<String>,
}

fn five() -> u32 {
    5
}

#[derive(Debug)]
pub struct RecordRows {
    header: String,
    header_key: String,
    name: Option<String>,
    name_key: Option<String>,
    columns: Vec<Column>,
    /// The measures as rows for the cell rules (unit, minimum, blanks).
    values: Vec<Row>,
    template_records: u32,
    template_years: Vec<crate::normalise::FiscalYear>,
    year_phases: Vec<String>,
}

fn parse(src: &mut SpecSource, at: &KeyPath) -> Option<LayoutParts> {
    let raw: Raw = src.read(at)?;
    if raw.value.is_empty() {
        src.error(
            &at.key("header"),
            "a record-rows block needs at least one value ([[block.value]])".into(),
        );
    }
    for (j, v) in raw.value.iter().enumerate() {
        let vat = at.key("value").index(j);
        super::locate::check_value_keys(
            src,
            &vat,
            v,
            "belongs to a row ([[block.row]]), not a value",
        );
        if let Some(k) = &v.required_when {
            if !raw.value.iter().any(|w| &w.key == k) {
                src.error(
                    &vat.key("required_when"),
                    format!("value '{}': required_when names unknown value '{k}'", v.key),
                );
            }
        }
    }
    let values: Vec<Row> = raw.value.iter().map(Row::plain).collect();
    for (j, v) in values.iter().enumerate() {
        if values[..j].iter().any(|w| w.key == v.key) {
            src.error(
                &at.key("value").index(j).key("key"),
                format!("value key '{}' is used twice", v.key),
            );
        }
    }
    // Closing rows take their cell rules from the values; what would be a row's own is refused.
    for (j, r) in raw.row.iter().enumerate() {
        for (key, set) in [
            ("unit", r.unit.is_some()),
            ("min", r.min.is_some()),
            ("allow_blank", !r.allow_blank),
            ("negative_needs_remarks", r.negative_needs_remarks),
            ("placeholders", !r.placeholders.is_empty()),
            ("placeholder_phases", !r.placeholder_phases.is_empty()),
            ("choices", !r.choices.is_empty()),
            ("required_when", r.required_when.is_some()),
            ("required_through_eval_year", r.required_through_eval_year),
            ("ranges", r.ranges),
            ("percent_max", r.percent_max.is_some()),
            ("cumulative_units", !r.cumulative_units.is_empty()),
        ] {
            if set {
                src.error(
                    &at.key("row").index(j).key(key),
                    format!(
                        "closing row '{}': {key} belongs to the values ([[block.value]])",
                        r.key
                    ),
                );
            }
        }
    }
    if !raw.year_phases.is_empty() && raw.year_phases.len() != raw.template_years.len() {
        src.error(
            &at.key("year_phases"),
            "year_phases gives one phase per year of template_years".into(),
        );
    }
    let mut template_years = Vec::new();
    for (j, y) in raw.template_years.iter().enumerate() {
        match crate::normalise::parse_fiscal_year(y, Some(crate::normalise::Era::Reiwa)) {
            Some(p) => template_years.push(p.year),
            None => src.error(
                &at.key("template_years").index(j),
                format!("'{y}' is not a fiscal year (令和2年度, R2, 2020)"),
            ),
        }
    }
    if raw.template_records == 0 {
        src.error(
            &at.key("template_records"),
            "template_records must be at least 1".into(),
        );
    }
    Some(LayoutParts {
        layout: Arc::new(RecordRows {
            header_key: label_key(&raw.header),
            header: raw.header,
            name_key: raw.name.as_deref().map(label_key),
            name: raw.name,
            columns: raw.column.into_iter().map(Column::from_raw).collect(),
            values,
            template_records: raw.template_records,
            template_years,
            year_phases: raw.year_phases,
        }),
        rows: raw.row,
        checks: raw.check,
        groups: &[ITEMS],
        rows_are_measures: false,
    })
}

impl RecordRows {
    /// Which value a year column holds: the caption nearest at or left of it in the caption
    /// row (another caption, such as 庁内評価, holds none of ours), or the only value when
    /// there is no caption row.
    fn value_of(
        &self,
        grid: &Grid,
        caption_row: Option<u32>,
        col: u32,
        first_col: u32,
    ) -> Option<&Row> {
        let Some(row) = caption_row else {
            return (self.values.len() == 1).then(|| &self.values[0]);
        };
        let (_, caption) = grid
            .row_from(row, first_col)
            .take_while(|((_, c), _)| *c <= col)
            .filter(|(_, cell)| !data_text(&cell.value).trim().is_empty())
            .last()?;
        let k = caption.key();
        self.values
            .iter()
            .find(|v| label_matches(k, &v.variant_keys))
    }
}

impl BlockLayout for RecordRows {
    fn name(&self) -> &'static str {
        KIND.name
    }

    fn label_keys(&self) -> Vec<String> {
        let mut v = vec![self.header_key.clone()];
        v.extend(self.name_key.clone());
        v
    }

    fn columns(&self) -> &[Column] {
        &self.columns
    }

    fn values(&self) -> &[Row] {
        &self.values
    }

    /// Every cell of a value, closing rows included, follows the value's rules (unit,
    /// minimum, blanks, words).
    fn cell_row<'s>(&'s self, _block: &'s Block, obs: &Observation) -> Option<&'s Row> {
        self.values.iter().find(|v| v.key == obs.measure)
    }

    fn repeats(&self) -> bool {
        true
    }

    /// Every occurrence of the key column's label (`No.`, `指標名`) starts an occurrence of the
    /// block when it repeats; the first does otherwise.
    fn read(&self, block: &Block, grid: &Grid, ctx: &ReadContext, out: &mut SheetRead) {
        let header_variants = vec![self.header_key.clone()];
        let headers: Vec<(u32, u32)> = grid
            .iter()
            .filter_map(|(pos, c)| match &c.value {
                Data::String(_)
                    if c.key() == self.header_key
                        || label_matches(c.key(), &header_variants)
                            && c.key().len() <= self.header_key.len() + 2 =>
                {
                    Some(*pos)
                }
                _ => None,
            })
            .take(if block.repeat { usize::MAX } else { 1 })
            .collect();
        for (instance, pos) in headers.into_iter().enumerate() {
            self.read_at(block, grid, ctx, pos, instance as u32, out);
        }
    }

    fn write(&self, block: &Block, w: &mut FormWriter, r: u32) -> Result<u32, XlsxError> {
        self.write_block(block, w, r)
    }
}

impl RecordRows {
    /// One occurrence, its header at `header_pos`.
    fn read_at(
        &self,
        block: &Block,
        grid: &Grid,
        ctx: &ReadContext,
        header_pos: (u32, u32),
        instance: u32,
        out: &mut SheetRead,
    ) {
        let (hr, key_col) = header_pos;
        let find_in_header =
            |variants: &[String]| super::locate::header_column(grid, header_pos, variants);
        let name_col = self
            .name_key
            .as_ref()
            .and_then(|k| find_in_header(std::slice::from_ref(k)));
        let attr_cols: Vec<(&str, u32)> = self
            .columns
            .iter()
            .filter_map(|col| find_in_header(&col.variant_keys).map(|c| (col.key.as_str(), c)))
            .collect();
        let era = ctx.eval_year.and_then(|y| y.era);
        // Years anywhere right of the name; attribute columns may stand on either side of them
        // (目標指標の測定の方法 comes after the years).
        let after = name_col.unwrap_or(key_col);
        // Years beside the key label (one header row), or in the row under it (two).
        let (years, caption_row, first_row) = {
            let one = header_years(grid, hr, after, era);
            if !one.is_empty() {
                let captions = (hr > 0).then(|| hr - 1);
                (
                    one,
                    captions.filter(|r| has_caption(grid, *r, &self.values)),
                    hr + 1,
                )
            } else {
                (header_years(grid, hr + 1, after, era), Some(hr), hr + 2)
            }
        };
        let mut read = BlockRead::new(&block.id, instance, header_pos);
        read.heading = super::locate::heading_above(grid, header_pos, &block.heading_keys);
        if years.is_empty() {
            push_block(out, read, Vec::new());
            return;
        }
        let columns: Vec<(&PeriodColumn, &Row)> = years
            .iter()
            .filter_map(|y| Some((y, self.value_of(grid, caption_row, y.col, key_col)?)))
            .collect();
        let text = |r: u32, c: u32| -> String {
            grid.text(r, c)
                .map(|t| t.trim().to_string())
                .unwrap_or_default()
        };
        let first_value_col = years.iter().map(|y| y.col).min().unwrap_or(u32::MAX);
        let mut observations = Vec::new();
        let mut closing_seen = 0;
        let mut blank_run = 0;
        let mut r = first_row;
        loop {
            // Everything left of the values: key, name and attribute cells.
            let left: Vec<((u32, u32), String)> = grid
                .row_from(r, key_col)
                .take_while(|((_, c), _)| *c < first_value_col)
                .map(|(p, cell)| (*p, data_text(&cell.value).trim().to_string()))
                .filter(|(_, t)| !t.is_empty())
                .collect();
            let filled = |r: u32| years.iter().any(|y| grid.get(r, y.col).is_some());
            let any_value = filled(r);
            if left.is_empty() && !any_value {
                // The template's blank records before その他/合計; a longer gap ends the table.
                // A table without closing rows goes on past a blank row only where the next
                // row is a record (a name and values), not a heading or a note.
                blank_run += 1;
                let record_next =
                    grid.row_from(r + 1, key_col)
                        .next()
                        .is_some_and(|((_, c), cell)| {
                            *c < first_value_col
                                && !crate::extract::is_known_label(ctx.spec, cell.key())
                        })
                        && filled(r + 1);
                if blank_run > MAX_BLANK_ROWS || (block.rows.is_empty() && !record_next) {
                    break;
                }
                r += 1;
                continue;
            }
            blank_run = 0;
            // The next occurrence's header ends this one.
            if left.iter().any(|(_, t)| label_key(t) == self.header_key) {
                break;
            }
            // A closing row is named exactly (`合計`), not by a prefix: 合計特殊出生率 is a record.
            let names_row = |t: &str, row: &Row| row.variant_keys.contains(&label_key(t));
            let closing = block
                .rows
                .iter()
                .find(|row| left.iter().any(|(_, t)| names_row(t, row)));
            let (key, name, pos) = match closing {
                Some(row) => {
                    closing_seen += 1;
                    let pos = left
                        .iter()
                        .find(|(_, t)| names_row(t, row))
                        .map(|(p, _)| *p)
                        .unwrap_or((r, key_col));
                    (row.key.clone(), row.label.clone(), pos)
                }
                None if closing_seen > 0 => {
                    // A record below a closing row: the layout cannot place it.
                    let (pos, t) = left
                        .first()
                        .cloned()
                        .unwrap_or(((r, key_col), String::new()));
                    read.misfits.push((
                        pos,
                        Misfit::new(Message::new(&super::locate::UNEXPECTED_ROW).arg("text", t)),
                    ));
                    break;
                }
                None => {
                    let k = text(r, key_col);
                    let key = record_key(&k, read.records.len() + 1);
                    let name = name_col.map(|c| text(r, c)).unwrap_or_else(|| k.clone());
                    (key, name, (r, name_col.unwrap_or(key_col)))
                }
            };
            let (name, tags) = super::locate::split_tags(&name);
            let mut rec = RecordRead {
                key: key.clone(),
                name,
                pos,
                attrs: Default::default(),
                attr_pos: Default::default(),
            };
            if !tags.is_empty() {
                rec.attrs.insert("tags".into(), tags.join("・"));
            }
            for (role, c) in &attr_cols {
                let t = text(r, *c);
                rec.attr_pos.insert(role.to_string(), (r, *c));
                if !t.is_empty() {
                    rec.attrs.insert(role.to_string(), t);
                }
            }
            read.records.push(rec);
            for (y, value) in &columns {
                let pos = (r, y.col);
                let mut o = observation(
                    block,
                    instance,
                    &value.key,
                    pos,
                    cell_value(grid, pos, value.unit.as_deref()),
                );
                o.record = Some(key.clone());
                o.period = Some(y.period());
                o.phase = y.phase();
                observations.push(o);
            }
            // The last closing row (合計) ends the table, whether or not the others (その他)
            // were there: a missing one is row-missing, and nothing below is read as a record.
            let last = block.rows.last().map(|r| r.key.as_str());
            if closing_seen > 0 && (closing_seen == block.rows.len() || Some(key.as_str()) == last)
            {
                break;
            }
            r += 1;
        }
        for row in &block.rows {
            if let Some(rec) = read.records.iter().find(|x| x.key == row.key) {
                read.rows.insert(row.key.clone(), rec.pos);
            }
        }
        // The years of the first value: a second caption repeats them (R5 R6 | R5 R6).
        let first = columns.first().map(|(_, v)| v.key.clone());
        read.periods = columns
            .iter()
            .filter(|(_, v)| Some(&v.key) == first.as_ref())
            .map(|(y, _)| (*y).clone())
            .collect();
        push_block(out, read, observations);
    }

    /// Header (captions over years when there is more than one value), blank records, then the
    /// closing rows with their formulas over the records above.
    fn write_block(&self, block: &Block, w: &mut FormWriter, mut r: u32) -> Result<u32, XlsxError> {
        let (c0, data) = (w.label_col, w.data);
        let years = if self.template_years.is_empty() {
            w.layout.years_of(block)
        } else {
            self.template_years.clone()
        };
        let year_text = |i: usize, y: &crate::normalise::FiscalYear| match self.year_phases.get(i) {
            Some(p) => format!("{} ({p})", y.japanese()),
            None => y.japanese(),
        };
        let name_c = c0 + 1;
        let mut c = name_c + u16::from(self.name.is_some());
        let attr_c = c;
        c += self.columns.len() as u16;
        let value_c = c;
        let two_rows = self.values.len() > 1;
        let n = years.len() as u16;
        w.reach(value_c + (self.values.len() as u16 * n).max(1) - 1);
        let (ws, f) = (&mut *w.ws, &w.formats);
        ws.write_string_with_format(r, c0, &block.label, &f.caption)?;
        r += 1;
        if self.name.is_some() {
            // Project names are long.
            ws.set_column_width(name_c, NAME_WIDTH)?;
        }
        // Free text (how an indicator is measured) is written at length: a wide column.
        for (i, col) in self.columns.iter().enumerate() {
            if col.choices.is_empty() {
                ws.set_column_width(attr_c + i as u16, TEXT_WIDTH)?;
            }
        }
        let width_of = |c: u16| {
            if c == c0 {
                24.0
            } else if self.name.is_some() && c == name_c {
                NAME_WIDTH
            } else if c >= attr_c && c < value_c {
                let col = &self.columns[usize::from(c - attr_c)];
                if col.choices.is_empty() {
                    TEXT_WIDTH
                } else {
                    13.0
                }
            } else {
                13.0
            }
        };
        let header_r = r;
        let year_r = if two_rows { r + 1 } else { r };
        // Header labels wrap within their columns, the row as tall as the longest needs.
        let mut header_height = [0.0f64; 2];
        let mut header = |ws: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, text: &str| {
            let h = &mut header_height[usize::from(r != header_r)];
            *h = h.max(text_height(text, width_of(c), 1));
            ws.write_string_with_format(r, c, text, &f.label_wrap)
                .map(|_| ())
        };
        header(ws, header_r, c0, &self.header)?;
        if let Some(name) = &self.name {
            header(ws, header_r, name_c, name)?;
        }
        for (i, col) in self.columns.iter().enumerate() {
            header(ws, header_r, attr_c + i as u16, &col.label)?;
            if !col.choices.is_empty() {
                let rows = first_data_row(header_r, two_rows);
                let last = rows + self.template_rows(data, block) as u32;
                let dv = DataValidation::new().allow_list_strings(&col.choices)?;
                ws.add_data_validation(rows, attr_c + i as u16, last, attr_c + i as u16, &dv)?;
            }
        }
        for (gi, v) in self.values.iter().enumerate() {
            let gc = value_c + gi as u16 * n;
            if two_rows {
                write_label(ws, header_r, gc, n, &v.label, f)?;
            }
            for (i, y) in years.iter().enumerate() {
                header(ws, year_r, gc + i as u16, &year_text(i, y))?;
            }
        }
        if two_rows {
            for c in c0..value_c {
                write_label(ws, year_r, c, 1, "", f)?;
            }
        }
        // Only where a label needs more than one line: other rows keep the sheet's height.
        for (row, h) in [header_r, year_r].into_iter().zip(header_height) {
            if h > text_height("", 1.0, 1) {
                ws.set_row_height(row, h)?;
            }
        }
        r = year_r + 1;
        let empty = Vec::new();
        let given = data
            .and_then(|d| d.records.get(&block.id))
            .unwrap_or(&empty);
        let items: Vec<_> = given
            .iter()
            .filter(|x| block.row(&x.key).is_none())
            .collect();
        let count = self.template_rows(data, block);
        let first_item = r;
        // What a spreadsheet would cache: per value column, the sum of the records, then each
        // closing row in order.
        let mut item_sums: BTreeMap<u16, f64> = BTreeMap::new();
        let mut closing_vals: BTreeMap<(String, u16), f64> = BTreeMap::new();
        for k in 0..count {
            let rec = items.get(k);
            let key = rec.map(|x| CellInput::Text(x.key.clone()));
            write_input(ws, r, c0, key.as_ref(), &f.input)?;
            if self.name.is_some() {
                let name = rec.map(|x| CellInput::Text(x.name.clone()));
                write_input(ws, r, name_c, name.as_ref(), &f.input)?;
            }
            let mut height = text_height("", 1.0, 1);
            for (i, col) in self.columns.iter().enumerate() {
                let v = rec
                    .and_then(|x| x.attrs.get(&col.key))
                    .map(|t| CellInput::Text(t.clone()));
                let fmt = if col.choices.is_empty() {
                    if let Some(CellInput::Text(t)) = &v {
                        height = height.max(text_height(t, TEXT_WIDTH, 1));
                    }
                    &f.input_text_wide
                } else {
                    &f.input
                };
                write_input(ws, r, attr_c + i as u16, v.as_ref(), fmt)?;
            }
            if height > text_height("", 1.0, 1) {
                ws.set_row_height(r, height)?;
            }
            for (gi, v) in self.values.iter().enumerate() {
                for i in 0..years.len() {
                    let cell = rec
                        .and_then(|x| x.values.get(&v.key))
                        .and_then(|vs| vs.get(i))
                        .cloned()
                        .flatten();
                    let c = value_c + gi as u16 * n + i as u16;
                    if let Cached::Number(x) = Cached::of(cell.as_ref()) {
                        *item_sums.entry(c).or_default() += x;
                    }
                    write_input(ws, r, c, cell.as_ref(), &f.input_money)?;
                }
            }
            r += 1;
        }
        let last_item = r.saturating_sub(1).max(first_item);
        let mut row_of = BTreeMap::new();
        for (j, row) in block.rows.iter().enumerate() {
            row_of.insert(row.key.clone(), r + j as u32);
        }
        for row in &block.rows {
            let rr = row_of[&row.key];
            write_label(ws, rr, c0, 1, "", f)?;
            write_label(ws, rr, name_c.min(value_c - 1), 1, &row.label, f)?;
            let given_row = given.iter().find(|x| x.key == row.key);
            for (gi, v) in self.values.iter().enumerate() {
                for i in 0..years.len() {
                    let c = value_c + gi as u16 * n + i as u16;
                    let typed = given_row
                        .and_then(|x| x.values.get(&v.key))
                        .and_then(|vs| vs.get(i))
                        .cloned()
                        .flatten();
                    // A closing row sums numbers; a value of words (庁内評価) has no total.
                    let formula = row.formula.as_ref().filter(|_| v.choices.is_empty());
                    match (formula, typed) {
                        (Some(expr), None) => {
                            let col = col_name(c);
                            let excel = excel_formula(expr, row.round, &|k| match k {
                                Ref::Key(k) => {
                                    format!("{col}{}", row_of.get(k).map(|x| x + 1).unwrap_or(0))
                                }
                                Ref::Sum(_) => {
                                    format!("SUM({col}{}:{col}{})", first_item + 1, last_item + 1)
                                }
                            });
                            let result = expr
                                .eval(&|k| match k {
                                    Ref::Key(k) => Some(
                                        closing_vals
                                            .get(&(k.to_string(), c))
                                            .copied()
                                            .unwrap_or(0.0),
                                    ),
                                    Ref::Sum(_) => Some(item_sums.get(&c).copied().unwrap_or(0.0)),
                                })
                                .unwrap_or(0.0);
                            closing_vals.insert((row.key.clone(), c), result);
                            ws.write_formula_with_format(
                                rr,
                                c,
                                Formula::new(format!("={excel}"))
                                    .set_result(crate::read::grid::format_number(result)),
                                &f.derived_money,
                            )?;
                        }
                        (_, v) => {
                            if let Cached::Number(x) = Cached::of(v.as_ref()) {
                                closing_vals.insert((row.key.clone(), c), x);
                            }
                            let fmt = if row.formula.is_some() {
                                &f.derived_money
                            } else {
                                &f.input_money
                            };
                            write_input(ws, rr, c, v.as_ref(), fmt)?;
                        }
                    }
                }
            }
        }
        Ok(r + block.rows.len() as u32 + 1)
    }
}

/// Widths (characters) of the template's name column and of its free-text columns.
const NAME_WIDTH: f64 = 28.0;
const TEXT_WIDTH: f64 = 24.0;

/// The first row of records under a header written by the template.
fn first_data_row(header_r: u32, two_rows: bool) -> u32 {
    header_r + if two_rows { 2 } else { 1 }
}

impl RecordRows {
    /// How many records the template writes: the data's, or the blank rows it offers.
    fn template_rows(
        &self,
        data: Option<&crate::write::block_writer::FormData>,
        block: &Block,
    ) -> usize {
        let n = data
            .and_then(|d| d.records.get(&block.id))
            .map(|v| v.iter().filter(|x| block.row(&x.key).is_none()).count())
            .unwrap_or(0);
        if n == 0 {
            self.template_records as usize
        } else {
            n
        }
    }
}

/// A record's key: its number folded (`１` is `1`), other text as written (`② ボランティア…`
/// keeps its circled number), or its position when the key cell is blank.
fn record_key(text: &str, position: usize) -> String {
    let folded = crate::normalise::fold(text);
    if text.trim().is_empty() {
        position.to_string()
    } else if folded
        .chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == '.')
    {
        folded
    } else {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// True when the row holds the caption of a value (`トータルコスト（千円）`).
fn has_caption(grid: &Grid, row: u32, values: &[Row]) -> bool {
    grid.row_from(row, 0).any(|(_, c)| match &c.value {
        Data::String(_) => {
            let k = c.key();
            values.iter().any(|v| label_matches(k, &v.variant_keys))
        }
        _ => false,
    })
}
