//! Extract: find the form's fields and blocks on a sheet by their labels (never by fixed
//! addresses), so inserted rows, moved blocks, merged labels and extra year columns all read
//! the same; each block is read by its layout into located observations.

pub mod derived;
pub mod layout;
pub mod observation;

pub use observation::{
    BlockRead, FieldValue, Misfit, Observation, Origin, Period, PeriodColumn, Phase, RecordRead,
    SheetRead, Value,
};

use crate::form::{FieldSource, FieldType, FormSpec};
use crate::normalise::label_key;
use crate::normalise::{fiscal_year, parse_fiscal_year, Era, FiscalYear, ParsedYear};
use crate::read::grid::{data_text, Grid};
use calamine::Data;
use std::collections::BTreeMap;

/// The first cell whose folded text contains a title of the form, if this sheet is the form.
/// A title is a short cell (`令和5年度 事務事業評価シート`); a sentence that mentions the form
/// (in instructions) is not one.
pub fn find_title(grid: &Grid, spec: &FormSpec) -> Option<(u32, u32)> {
    let titled = grid.iter().find_map(|(pos, c)| match &c.value {
        Data::String(_) => {
            let k = c.key();
            let n = k.chars().count();
            spec.title_keys
                .iter()
                .any(|t| k.contains(t.as_str()) && n <= t.chars().count() + TITLE_EXTRA_CHARS)
                .then_some(*pos)
        }
        _ => None,
    });
    titled
}

/// A sheet without the title that holds every label of one of the form's detect sets: the
/// first of those cells.
pub fn detected(grid: &Grid, spec: &FormSpec) -> Option<(u32, u32)> {
    spec.detect_keys.iter().find_map(|set| {
        let cells: Vec<(u32, u32)> = set
            .iter()
            .map(|label| {
                grid.iter().find_map(|(pos, c)| match &c.value {
                    Data::String(_) if c.key().contains(label.as_str()) => Some(*pos),
                    _ => None,
                })
            })
            .collect::<Option<_>>()?;
        cells.into_iter().min()
    })
}

/// Characters a title cell may hold besides the title (a year, a plan name).
const TITLE_EXTRA_CHARS: usize = 24;

/// What a sheet's surroundings say about the role fields a published layout may lack: the
/// 課 its folder and its file name name (already checked against the department list, so a
/// folder called `samples` names none), and the run's submission year.
#[derive(Debug, Clone, Default)]
pub struct SheetContext {
    pub round_folder: Option<String>,
    pub file_name: Option<String>,
    pub submission_year: Option<FiscalYear>,
}

/// Reads the fields and every block of the form from the sheet; formula cells the saving
/// program left without results are worked out from the spec's arithmetic. A field the sheet
/// does not give is taken from the sources its spec lists, in their order.
pub fn extract(
    grid: &Grid,
    spec: &FormSpec,
    title_pos: (u32, u32),
    context: &SheetContext,
) -> SheetRead {
    let mut fields = BTreeMap::new();
    for f in &spec.fields {
        if !f.spec.from.contains(&FieldSource::Sheet) {
            continue;
        }
        let found = find_field(grid, spec, &f.variant_keys).or_else(|| {
            (f.spec.kind == FieldType::FiscalYear)
                .then(|| year_before_label(grid, &f.variant_keys))
                .flatten()
        });
        if let Some(v) = found {
            fields.insert(f.spec.key.clone(), v);
        }
    }
    // Years are read after the fields so that `元年度` and bare numbers take the era of the
    // evaluation year (or the era the spec declares for the field).
    let eval_era = spec
        .field(&spec.form.eval_year_field)
        .and_then(|ef| {
            let v = fields.get(&spec.form.eval_year_field)?;
            field_year(grid, v, ef.era)
        })
        .and_then(|p| p.era);
    for f in &spec.fields {
        if f.spec.kind == FieldType::FiscalYear {
            if let Some(v) = fields.get_mut(&f.spec.key) {
                if v.present {
                    v.year = field_year(grid, v, f.era.or(eval_era));
                }
            }
        }
    }
    fill_from_context(spec, &mut fields, title_pos, context);
    let eval_year = fields
        .get(&spec.form.eval_year_field)
        .and_then(|f| f.year.clone());
    let mut out = SheetRead {
        form_id: spec.form.id.clone(),
        spec_file: spec.source.display().to_string(),
        title_pos,
        fields,
        blocks: Vec::new(),
        observations: Vec::new(),
    };
    let ctx = crate::form::ReadContext {
        spec,
        eval_year: eval_year.as_ref(),
    };
    for block in &spec.blocks {
        block.layout.read(block, grid, &ctx, &mut out);
    }
    derived::compute(spec, &mut out);
    fill_latest_reported(spec, &mut out);
    out
}

/// Fields whose label the sheet does not have, from the first context source that gives
/// them; the value points at the sheet's title. A label with a blank cell is the sheet's own
/// blank (`required-missing` where required), never filled from elsewhere.
fn fill_from_context(
    spec: &FormSpec,
    fields: &mut BTreeMap<String, FieldValue>,
    title_pos: (u32, u32),
    context: &SheetContext,
) {
    for f in &spec.fields {
        if fields.contains_key(&f.spec.key) {
            continue;
        }
        let given = f.spec.from.iter().find_map(|&source| {
            let raw = match source {
                FieldSource::RoundFolder => context.round_folder.clone()?,
                FieldSource::FileName => context.file_name.clone()?,
                FieldSource::SubmissionYear => context.submission_year?.japanese(),
                FieldSource::Sheet | FieldSource::LatestReported => return None,
            };
            Some((source, raw))
        });
        let Some((source, raw)) = given else { continue };
        let (label_pos, value_pos) = (title_pos, title_pos);
        let year = (f.spec.kind == FieldType::FiscalYear)
            .then(|| parse_fiscal_year(&raw, None))
            .flatten();
        fields.insert(
            f.spec.key.clone(),
            FieldValue {
                label_pos,
                value_pos,
                raw,
                present: true,
                year,
                source,
            },
        );
    }
}

/// A year field the sheet and its context leave empty, and whose spec allows it: the latest
/// fiscal year the sheet reports results (実績, 決算) for, at the cell of that result.
fn fill_latest_reported(spec: &FormSpec, out: &mut SheetRead) {
    for f in &spec.fields {
        if !f.spec.from.contains(&FieldSource::LatestReported)
            || out.fields.contains_key(&f.spec.key)
        {
            continue;
        }
        // A result is a number: a placeholder (`施策1にて評価`) reports nothing of its year.
        let latest = out
            .observations
            .iter()
            .filter(|o| matches!(o.phase, Some(Phase::Actual | Phase::Settled)))
            .filter(|o| matches!(o.value, Value::Number(_)))
            .filter_map(|o| o.fiscal_year().map(|y| (y, o.pos)))
            .max_by_key(|(y, pos)| (*y, std::cmp::Reverse(*pos)));
        let Some((year, pos)) = latest else { continue };
        let raw = year.japanese();
        out.fields.insert(
            f.spec.key.clone(),
            FieldValue {
                label_pos: pos,
                value_pos: pos,
                year: parse_fiscal_year(&raw, None),
                raw,
                present: true,
                source: FieldSource::LatestReported,
            },
        );
    }
}

/// Reads an export sheet (`kind = "export"`): the header is the row holding the project
/// number's label; every data row under it that holds anything is one project, its fields the
/// row's cells under their labels, its blocks read by their layouts from the row.
pub fn extract_export(grid: &Grid, spec: &FormSpec, context: &SheetContext) -> Vec<SheetRead> {
    let Some(id_field) = spec.field(&spec.form.project_id_field) else {
        return Vec::new();
    };
    let Some(header_row) = grid.iter().find_map(|(&(r, _), c)| match &c.value {
        Data::String(_) if field_label_matches(c.key(), &id_field.variant_keys).is_some() => {
            Some(r)
        }
        _ => None,
    }) else {
        return Vec::new();
    };
    let field_cols: Vec<(&crate::form::Field, u32)> = spec
        .fields
        .iter()
        .filter_map(|f| {
            grid.row_from(header_row, 0)
                .find_map(|(&(_, c), cell)| match &cell.value {
                    Data::String(_)
                        if field_label_matches(cell.key(), &f.variant_keys).is_some() =>
                    {
                        Some((f, c))
                    }
                    _ => None,
                })
        })
        .collect();
    let mut rows: Vec<u32> = grid
        .iter()
        .filter(|((r, _), c)| *r > header_row && !data_text(&c.value).trim().is_empty())
        .map(|((r, _), _)| *r)
        .collect();
    rows.dedup();
    let mut outs: Vec<(u32, SheetRead)> = rows
        .iter()
        .map(|&r| {
            let id_col = field_cols
                .iter()
                .find(|(f, _)| f.spec.key == spec.form.project_id_field)
                .map(|(_, c)| *c)
                .unwrap_or(0);
            let mut fields: BTreeMap<String, FieldValue> = field_cols
                .iter()
                .map(|(f, c)| {
                    let raw = grid.text(r, *c).unwrap_or_default().trim().to_string();
                    // A bare number (`7`) reads in the era the spec declares, else in the
                    // submission year's era.
                    let era = f.era.or(context.submission_year.map(Era::of_year));
                    let year = (f.spec.kind == FieldType::FiscalYear)
                        .then(|| read_year_cell(grid, (r, *c), era))
                        .flatten();
                    let v = FieldValue {
                        label_pos: (header_row, *c),
                        value_pos: (r, *c),
                        present: !raw.is_empty(),
                        raw,
                        year,
                        source: FieldSource::Sheet,
                    };
                    (f.spec.key.clone(), v)
                })
                .collect();
            fill_from_context(spec, &mut fields, (r, id_col), context);
            let read = SheetRead {
                form_id: spec.form.id.clone(),
                spec_file: spec.source.display().to_string(),
                title_pos: (r, id_col),
                fields,
                blocks: Vec::new(),
                observations: Vec::new(),
            };
            (r, read)
        })
        .collect();
    let eval_years: Vec<Option<ParsedYear>> = outs
        .iter()
        .map(|(_, o)| o.eval_year(spec).cloned())
        .collect();
    for block in &spec.blocks {
        block
            .layout
            .read_export_rows(block, grid, header_row, &mut outs, &eval_years);
    }
    outs.into_iter()
        .map(|(_, mut o)| {
            derived::compute(spec, &mut o);
            o
        })
        .collect()
}

/// A label matches a field when its folded text is the variant, or the variant followed by
/// something that is not more of a word (`課名(係名)` yes, `事業名称` no).
fn field_label_matches(cell_key: &str, variants: &[String]) -> Option<usize> {
    variants.iter().filter(|v| !v.is_empty()).find_map(|v| {
        let rest = cell_key.strip_prefix(v.as_str())?;
        match rest.chars().next() {
            None => Some(v.len()),
            Some(c) if is_word_char(c) => None,
            Some(_) => Some(v.len()),
        }
    })
}

fn is_word_char(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF)
}

/// A cell that is itself a label of the form (equal to one, or one followed by a marker).
pub(crate) fn is_known_label(spec: &FormSpec, key: &str) -> bool {
    field_label_matches(key, &spec.all_label_keys).is_some()
}

fn find_field(grid: &Grid, spec: &FormSpec, variants: &[String]) -> Option<FieldValue> {
    for (&(r, c), cell) in grid.iter() {
        let Data::String(s) = &cell.value else {
            continue;
        };
        // `効率性 [選択・記入]`: an instruction in brackets after the label is not part of it.
        let matches = field_label_matches(cell.key(), variants).is_some()
            || (s.contains(['[', '［', '〔'])
                && field_label_matches(&label_key(&without_instructions(s)), variants).is_some());
        if !matches {
            continue;
        }
        // `事業名：〇〇` holds its value in the label cell.
        if let Some((_, after)) = crate::normalise::fold(s).split_once(['：', ':']) {
            let after = after.trim();
            if !after.is_empty() {
                return Some(FieldValue {
                    label_pos: (r, c),
                    value_pos: (r, c),
                    raw: after.to_string(),
                    present: true,
                    year: None,
                    source: FieldSource::Sheet,
                });
            }
        }
        let (last_row, last_col) = grid
            .merged_at(r, c)
            .map(|m| (m.last_row, m.last_col))
            .unwrap_or((r, c));
        let found = value_right(grid, spec, cell.key(), r, last_col)
            .or_else(|| value_below(grid, spec, last_row, c, last_col));
        return Some(match found {
            Some(pos) => FieldValue {
                label_pos: (r, c),
                value_pos: pos,
                raw: grid
                    .text(pos.0, pos.1)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
                present: true,
                year: None,
                source: FieldSource::Sheet,
            },
            None => FieldValue {
                label_pos: (r, c),
                value_pos: (r, last_col + 1),
                raw: String::new(),
                present: false,
                year: None,
                source: FieldSource::Sheet,
            },
        });
    }
    None
}

/// The text without its bracketed instructions (`[選択・記入]`, `〔選択〕`).
fn without_instructions(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0u32;
    for c in s.chars() {
        match c {
            '[' | '［' | '〔' => depth += 1,
            ']' | '］' | '〕' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A line of printed radio buttons (`● 高い (A) ○ 普通 (B) ○ 低い (C)`), as published sheets
/// show a choice beside the cell that holds it.
fn is_radio_line(s: &str) -> bool {
    s.contains('●') && s.contains('○')
}

/// A year written before its label in one cell (`令和4年度 取り組み実績`, `令和5年度…行動計画
/// 実施状況について`): the cell is both.
fn year_before_label(grid: &Grid, variants: &[String]) -> Option<FieldValue> {
    grid.iter().find_map(|(&pos, cell)| {
        let Data::String(s) = &cell.value else {
            return None;
        };
        let key = cell.key();
        let head = variants
            .iter()
            .filter(|v| !v.is_empty())
            .find_map(|v| key.find(v.as_str()).map(|i| &key[..i]))?;
        let folded = crate::normalise::fold(s);
        let raw = folded.trim();
        // The year as written: up to its `年度`, or the shortest start that reads as a year.
        let year_text = match raw.find("年度") {
            Some(i) => raw[..i + "年度".len()].trim(),
            None => raw
                .char_indices()
                .map(|(i, _)| raw[..i].trim())
                .find(|t| !t.is_empty() && parse_fiscal_year(t, None).is_some())?,
        };
        parse_fiscal_year(year_text, None)?;
        (!head.is_empty()).then(|| FieldValue {
            label_pos: pos,
            value_pos: pos,
            raw: year_text.to_string(),
            present: true,
            year: None,
            source: FieldSource::Sheet,
        })
    })
}

/// How far to the right a value may sit from its label (merged blocks of a few columns).
const VALUE_SEARCH_COLUMNS: u32 = 8;

/// The first filled cell right of a label, not itself a label. A sub-label that repeats the
/// end of the field's own label (`事業開始年度 | 開始年度 | 昭和44年度`, seed 004) is passed over.
fn value_right(
    grid: &Grid,
    spec: &FormSpec,
    label: &str,
    row: u32,
    last_col: u32,
) -> Option<(u32, u32)> {
    let mut filled = grid
        .row_from(row, last_col + 1)
        .filter(|(_, c)| !data_text(&c.value).trim().is_empty());
    let (mut pos, mut cell) = filled.next()?;
    if matches!(cell.value, Data::String(_)) && cell.key() != label && label.ends_with(cell.key()) {
        (pos, cell) = filled.next()?;
    }
    // The printed options, then the cell with the choice: the choice is the value (the
    // options alone are read as the one marked ●).
    if matches!(&cell.value, Data::String(s) if is_radio_line(s)) {
        if let Some(next) = filled
            .next()
            .filter(|(p, _)| p.1 <= last_col + VALUE_SEARCH_COLUMNS)
        {
            (pos, cell) = next;
        }
    }
    if pos.1 > last_col + VALUE_SEARCH_COLUMNS {
        return None;
    }
    if matches!(cell.value, Data::String(_)) && is_known_label(spec, cell.key()) {
        return None;
    }
    Some(*pos)
}

fn value_below(
    grid: &Grid,
    spec: &FormSpec,
    last_row: u32,
    first_col: u32,
    last_col: u32,
) -> Option<(u32, u32)> {
    let row = last_row + 1;
    let (&pos, cell) = grid
        .row_from(row, first_col)
        .take_while(|((_, c), _)| *c <= last_col)
        .find(|(_, c)| !data_text(&c.value).trim().is_empty())?;
    if matches!(cell.value, Data::String(_)) && is_known_label(spec, cell.key()) {
        return None;
    }
    Some(pos)
}

/// The year of a field: its cell, or the text after the colon of `評価年度：令和5年度`.
fn field_year(grid: &Grid, v: &FieldValue, context: Option<Era>) -> Option<ParsedYear> {
    if v.value_pos == v.label_pos {
        parse_fiscal_year(&v.raw, context)
    } else {
        read_year_cell(grid, v.value_pos, context)
    }
}

/// Reads a fiscal year from a cell of any type.
pub fn read_year_cell(grid: &Grid, pos: (u32, u32), context: Option<Era>) -> Option<ParsedYear> {
    let cell = grid.get(pos.0, pos.1)?;
    match &cell.value {
        Data::String(s) => parse_fiscal_year(s, context),
        Data::Int(i) => fiscal_year::from_number(*i as f64, context),
        Data::Float(f) => fiscal_year::from_number(*f, context),
        Data::DateTime(dt) => {
            let (y, ..) = dt.to_ymd_hms_milli();
            fiscal_year::from_calendar_year(y as i32)
        }
        _ => None,
    }
}
