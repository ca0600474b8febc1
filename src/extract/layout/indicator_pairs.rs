//! `indicator-pairs`: one 目標 row and one 実績 row per indicator, fiscal years as columns (成果指標
//! of the 事務事業評価シート). The name may be merged over both rows or written on the first only;
//! a 区分 column names the row's role, or the rows alternate.
//!
//! A sheet whose indicators take one row each, with the role in the year header
//! (`令和2年度 (実績) | 令和8年度 (目標)`), does not fit: that is said at the header cell rather
//! than read as pairs, which would shift every value.

use super::locate::{cell_value, header_years, observation, push_block};
use crate::extract::observation::{BlockRead, Misfit, Phase, RecordRead, SheetRead};
use crate::form::{Block, Column, RawColumn, RawRow, Row};
use crate::form::{BlockLayout, ReadContext};
use crate::i18n::{Message, Text};
use crate::normalise::{label_key, label_matches};
use crate::read::grid::Grid;
use crate::spec::lines::KeyPath;
use crate::spec::source::SpecSource;
use crate::spec::source::{keys_of, LayoutKind, LayoutParts};
use crate::write::block_writer::{write_input, write_label, CellInput, FormWriter, IndicatorInput};
use calamine::Data;
use rust_xlsxwriter::{DataValidation, XlsxError};
use serde::Deserialize;
use std::sync::Arc;

// What does not fit this layout, as the finding says it.
static PHASE_IN_HEADER: Text = Text {
    ja: "年度の見出し「{text}」に区分があります（指標ごとに1行で、実績・目標を列で示す様式です）",
    en: "the year header \"{text}\" carries the phase (one row per indicator, 実績 and 目標 as columns)",
};
static RECORD_WITHOUT_PAIR: Text = Text {
    ja: "「{name}」の行が前の指標の実績行の位置にあります（目標・実績の2行になっていません）",
    en: "the row \"{name}\" stands where the previous indicator's 実績 row belongs (not a 目標/実績 pair)",
};

pub const KIND: LayoutKind = LayoutKind {
    name: "indicator-pairs",
    summary: "a 目標 row and a 実績 row per indicator, fiscal years as columns",
    parse,
    keys: keys_of::<Raw>,
};

#[derive(Debug, Deserialize)]
struct Raw {
    /// The label of the name column (`指標名`), which also marks the header row.
    header: String,
    /// Words of the target row (`目標`, `計画`) and of the result row (`実績`).
    plan: Vec<String>,
    actual: Vec<String>,
    /// Words of the direction column: higher is better, or lower is better.
    #[serde(default)]
    increase: Vec<String>,
    #[serde(default)]
    decrease: Vec<String>,
    #[serde(default)]
    columns: Columns,
    /// Other text columns read as attributes of each indicator (達成状況).
    #[serde(default)]
    column: Vec<RawColumn>,
    /// Text the values may hold instead of a number; none listed, any text is a milestone.
    #[serde(default)]
    placeholders: Vec<String>,
    /// How many blank indicators the template offers.
    #[serde(default = "two")]
    template_indicators: u32,
}

fn two() -> u32 {
    2
}

/// Header words of the columns between the name and the years; each is optional.
#[derive(Debug, Default, Deserialize)]
struct Columns {
    #[serde(default)]
    unit: Vec<String>,
    #[serde(default)]
    direction: Vec<String>,
    #[serde(default)]
    baseline: Vec<String>,
    #[serde(default)]
    kind: Vec<String>,
}

#[derive(Debug)]
pub struct IndicatorPairs {
    header: String,
    header_key: String,
    plan: Vec<String>,
    actual: Vec<String>,
    increase: Vec<String>,
    decrease: Vec<String>,
    plan_keys: Vec<String>,
    actual_keys: Vec<String>,
    decrease_keys: Vec<String>,
    /// (column role, words as written), in template order.
    columns: Vec<(&'static str, Vec<String>)>,
    /// Attribute columns right of the years.
    extra: Vec<Column>,
    /// The cell rules of the target and the result values (placeholders, or any text when
    /// none are listed), labelled with the words of their rows.
    values: [Row; 2],
    template_indicators: u32,
}

fn fold_all(v: &[String]) -> Vec<String> {
    v.iter().map(|s| label_key(s)).collect()
}

fn parse(src: &mut SpecSource, at: &KeyPath) -> Option<LayoutParts> {
    let raw: Raw = src.read(at)?;
    if raw.plan.is_empty() || raw.actual.is_empty() {
        src.error(
            &at.key("plan"),
            "an indicator-pairs block needs plan and actual words".into(),
        );
    }
    let c = raw.columns;
    let plan_word = raw.plan.first().cloned().unwrap_or_default();
    let actual_word = raw.actual.first().cloned().unwrap_or_default();
    Some(LayoutParts {
        layout: Arc::new(IndicatorPairs {
            header_key: label_key(&raw.header),
            header: raw.header,
            plan_keys: fold_all(&raw.plan),
            actual_keys: fold_all(&raw.actual),
            decrease_keys: fold_all(&raw.decrease),
            plan: raw.plan,
            actual: raw.actual,
            increase: raw.increase,
            decrease: raw.decrease,
            columns: vec![
                ("unit", c.unit),
                ("direction", c.direction),
                ("baseline", c.baseline),
                ("kind", c.kind),
            ],
            extra: raw.column.into_iter().map(Column::from_raw).collect(),
            values: [
                ("plan", &plan_word, "target"),
                ("actual", &actual_word, "result"),
            ]
            .map(|(key, label, label_en)| {
                let mut row = Row::plain(&RawRow {
                    key: key.into(),
                    label: label.clone(),
                    label_en: label_en.into(),
                    variants: Vec::new(),
                    unit: None,
                    min: None,
                    formula: None,
                    code: None,
                    severity: None,
                    round: None,
                    tolerance: None,
                    negative_needs_remarks: false,
                    allow_blank: true,
                    placeholders: raw.placeholders.clone(),
                    placeholder_phases: Vec::new(),
                    choices: Vec::new(),
                    required_when: None,
                    required_through_eval_year: false,
                    ranges: false,
                    percent_max: None,
                    cumulative_units: Vec::new(),
                });
                row.any_text = raw.placeholders.is_empty();
                row
            }),
            template_indicators: raw.template_indicators,
        }),
        rows: Vec::new(),
        checks: Vec::new(),
        groups: &[],
        rows_are_measures: false,
    })
}

#[derive(PartialEq)]
enum RowKind {
    Plan,
    Actual,
    Other,
}

impl IndicatorPairs {
    fn words(&self, role: &str) -> &[String] {
        self.columns
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, w)| w.as_slice())
            .unwrap_or(&[])
    }
}

impl BlockLayout for IndicatorPairs {
    fn name(&self) -> &'static str {
        KIND.name
    }

    fn label_keys(&self) -> Vec<String> {
        vec![self.header_key.clone()]
    }

    fn columns(&self) -> &[Column] {
        &self.extra
    }

    fn values(&self) -> &[Row] {
        &self.values
    }

    fn cell_row<'s>(
        &'s self,
        _block: &'s Block,
        obs: &crate::extract::Observation,
    ) -> Option<&'s Row> {
        self.values.iter().find(|r| r.key == obs.measure)
    }

    fn read(&self, block: &Block, grid: &Grid, ctx: &ReadContext, out: &mut SheetRead) {
        let header_variants = vec![self.header_key.clone()];
        let Some(header_pos) = grid.iter().find_map(|(pos, c)| match &c.value {
            Data::String(_) if label_matches(c.key(), &header_variants) => Some(*pos),
            _ => None,
        }) else {
            return;
        };
        let (hr, name_col) = header_pos;
        let column = |role: &str| -> Option<u32> {
            let variants = fold_all(self.words(role));
            grid.row_from(hr, name_col + 1)
                .find_map(|(&(_, c), cell)| match &cell.value {
                    Data::String(_) if label_matches(cell.key(), &variants) => Some(c),
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
        let years = header_years(grid, hr, after, ctx.eval_year.and_then(|y| y.era));
        if years.is_empty() {
            return;
        }
        let extra_cols: Vec<(&Column, u32)> = self
            .extra
            .iter()
            .filter_map(|col| {
                grid.row_from(hr, name_col + 1)
                    .find_map(|(&(_, c), cell)| match &cell.value {
                        Data::String(_) if label_matches(cell.key(), &col.variant_keys) => {
                            Some((col, c))
                        }
                        _ => None,
                    })
            })
            .collect();
        let mut read = BlockRead::new(&block.id, 0, header_pos);
        // The role of a value comes from its row here; a header that gives it instead is
        // another layout, and reading it as pairs would shift every value.
        if let Some(y) = years
            .iter()
            .filter(|_| kind_col.is_none())
            .find(|y| !y.parsed.rest.is_empty() && Phase::from_word(&y.parsed.rest).is_some())
        {
            read.misfits.push((
                y.header_pos,
                Misfit::new(Message::new(&PHASE_IN_HEADER).arg("text", y.raw.clone())),
            ));
            read.periods = years;
            push_block(out, read, Vec::new());
            return;
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
                    if label_matches(&t, &self.plan_keys) {
                        RowKind::Plan
                    } else if label_matches(&t, &self.actual_keys) {
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
        let mut r = hr + 1;
        // Skip a row of phase words under the header.
        if row_kind(r, false) == RowKind::Other && text(r, Some(name_col)).is_empty() {
            r += 1;
        }
        let mut observations = Vec::new();
        // Values keep the unit they are written in; a bare number takes the indicator's.
        let mut values = |r: u32, n: u32, measure: &str, phase: Phase, unit: Option<&String>| {
            for y in &years {
                let pos = (r, y.col);
                let mut o = observation(block, 0, measure, pos, cell_value(grid, pos, None));
                if o.unit.is_none() {
                    o.unit = unit.cloned();
                }
                o.record = Some(n.to_string());
                o.period = Some(y.period());
                o.phase = Some(phase);
                observations.push(o);
            }
        };
        let mut pending_actual = false;
        loop {
            let name = text(r, Some(name_col));
            let kind = row_kind(r, pending_actual && kind_col.is_none());
            match kind {
                RowKind::Plan if kind_col.is_some() || !name.is_empty() => {
                    let direction_text = label_key(&text(r, direction_col));
                    let direction = if label_matches(&direction_text, &self.decrease_keys) {
                        "decrease"
                    } else {
                        "increase"
                    };
                    let n = read.records.len() as u32 + 1;
                    let (name, tags) = super::locate::split_tags(&name);
                    let mut rec = RecordRead {
                        key: n.to_string(),
                        name,
                        pos: (r, name_col),
                        attrs: Default::default(),
                        attr_pos: Default::default(),
                    };
                    if !tags.is_empty() {
                        rec.attrs.insert("tags".into(), tags.join("・"));
                    }
                    for (col, c) in &extra_cols {
                        rec.attr_pos.insert(col.key.clone(), (r, *c));
                        let t = text(r, Some(*c));
                        if !t.is_empty() {
                            rec.attrs.insert(col.key.clone(), t);
                        }
                    }
                    rec.attrs.insert("direction".into(), direction.into());
                    for (attr, col) in [("unit", unit_col), ("baseline", baseline_col)] {
                        let t = text(r, col);
                        if !t.is_empty() {
                            rec.attrs.insert(attr.into(), t);
                        }
                    }
                    // The target row: 計画 when it says so, 目標 otherwise (予算 or 当初 as a
                    // target word still marks the target). Without a 区分 column the spec's
                    // first target word says which, so both layouts export the same phase.
                    let written = label_key(&text(r, kind_col));
                    let word = if written.is_empty() {
                        self.plan_keys.first().cloned().unwrap_or_default()
                    } else {
                        written
                    };
                    let phase = match Phase::from_word(&word) {
                        Some(Phase::Plan) => Phase::Plan,
                        _ => Phase::Target,
                    };
                    values(r, n, "plan", phase, rec.attrs.get("unit"));
                    read.records.push(rec);
                    pending_actual = true;
                }
                RowKind::Actual if !read.records.is_empty() && pending_actual => {
                    // Without a 区分 column, a second row that names an indicator of its own
                    // is not this indicator's 実績.
                    let plan_name = &read.records.last().expect("a plan row came first").name;
                    let repeated = super::locate::split_tags(&name).0 == *plan_name;
                    if kind_col.is_none() && !name.is_empty() && !repeated {
                        read.misfits.push((
                            (r, name_col),
                            Misfit::new(Message::new(&RECORD_WITHOUT_PAIR).arg("name", name)),
                        ));
                        break;
                    }
                    let rec = read.records.last().expect("a plan row came first");
                    values(
                        r,
                        read.records.len() as u32,
                        "actual",
                        Phase::Actual,
                        rec.attrs.get("unit"),
                    );
                    pending_actual = false;
                }
                _ => break,
            }
            r += 1;
        }
        if !read.misfits.is_empty() {
            observations.clear();
        }
        read.periods = years;
        push_block(out, read, observations);
    }

    /// Name, the columns the spec names (unit, direction, baseline, 区分), then 目標 and 実績
    /// rows per year, then the attribute columns (達成状況).
    fn write(&self, block: &Block, w: &mut FormWriter, mut r: u32) -> Result<u32, XlsxError> {
        let (c0, lw, data) = (w.label_col, w.label_width, w.data);
        let years = w.layout.years_of(block);
        let c1 = c0 + lw;
        let named = self.columns.iter().filter(|(_, w)| !w.is_empty()).count();
        w.reach(c1 + (named + years.len() + self.extra.len()).max(1) as u16 - 1);
        let (ws, f) = (&mut *w.ws, &w.formats);
        ws.write_string_with_format(r, c0, &block.label, &f.caption)?;
        r += 1;
        write_label(ws, r, c0, lw, &self.header, f)?;
        let roles: Vec<(&str, &str)> = self
            .columns
            .iter()
            .filter_map(|(role, words)| words.first().map(|w| (*role, w.as_str())))
            .collect();
        let col_of = |role: &str| {
            roles
                .iter()
                .position(|(r, _)| *r == role)
                .map(|i| c1 + i as u16)
        };
        for (i, (_, word)) in roles.iter().enumerate() {
            ws.write_string_with_format(r, c1 + i as u16, *word, &f.label)?;
        }
        let yc = c1 + roles.len() as u16;
        for (i, y) in years.iter().enumerate() {
            ws.write_string_with_format(r, yc + i as u16, y.japanese(), &f.label)?;
        }
        let xc = yc + years.len() as u16;
        for (i, col) in self.extra.iter().enumerate() {
            ws.write_string_with_format(r, xc + i as u16, &col.label, &f.label)?;
        }
        r += 1;
        let blank = IndicatorInput::default();
        let n = data
            .map(|d| d.indicators.len())
            .filter(|n| *n > 0)
            .unwrap_or(self.template_indicators as usize);
        let direction_list: Vec<String> = self
            .increase
            .iter()
            .take(1)
            .chain(self.decrease.iter().take(1))
            .cloned()
            .collect();
        // A cell over both rows of an indicator (name, unit, direction, baseline, grade).
        let both_rows =
            |ws: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, v: Option<CellInput>| {
                ws.merge_range(r, c, r + 1, c, "", &f.input)?;
                write_input(ws, r, c, v.as_ref(), &f.input)
            };
        let text = |t: &str| Some(CellInput::Text(t.to_string())).filter(|_| !t.is_empty());
        for k in 0..n {
            let ind = data.and_then(|d| d.indicators.get(k)).unwrap_or(&blank);
            // Names are long: wrapped over the two rows of the indicator.
            ws.merge_range(r, c0, r + 1, c0 + lw - 1, "", &f.input_text_wide)?;
            write_input(ws, r, c0, text(&ind.name).as_ref(), &f.input_text_wide)?;
            if let Some(c) = col_of("unit") {
                both_rows(ws, r, c, text(&ind.unit))?;
            }
            if let Some(c) = col_of("direction") {
                both_rows(ws, r, c, text(&ind.direction))?;
                if !direction_list.is_empty() {
                    let dv = DataValidation::new().allow_list_strings(&direction_list)?;
                    ws.add_data_validation(r, c, r, c, &dv)?;
                }
            }
            if let Some(c) = col_of("baseline") {
                both_rows(ws, r, c, ind.baseline.clone())?;
            }
            // Without a 区分 column the rows alternate; with one, it names them.
            if let Some(c) = col_of("kind") {
                let (plan, actual) = (self.plan.first(), self.actual.first());
                ws.write_string_with_format(r, c, plan.cloned().unwrap_or_default(), &f.label)?;
                ws.write_string_with_format(
                    r + 1,
                    c,
                    actual.cloned().unwrap_or_default(),
                    &f.label,
                )?;
            }
            for i in 0..years.len() {
                let c = yc + i as u16;
                write_input(
                    ws,
                    r,
                    c,
                    ind.plan.get(i).cloned().flatten().as_ref(),
                    &f.input,
                )?;
                write_input(
                    ws,
                    r + 1,
                    c,
                    ind.actual.get(i).cloned().flatten().as_ref(),
                    &f.input,
                )?;
            }
            for (i, col) in self.extra.iter().enumerate() {
                let c = xc + i as u16;
                both_rows(ws, r, c, ind.attrs.get(&col.key).and_then(|t| text(t)))?;
                if !col.choices.is_empty() {
                    let dv = DataValidation::new().allow_list_strings(&col.choices)?;
                    ws.add_data_validation(r, c, r, c, &dv)?;
                }
            }
            r += 2;
        }
        Ok(r + 1)
    }
}
