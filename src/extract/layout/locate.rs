//! Finding a block on a grid and reading its cells: labels and their occurrences, headings
//! above a table, year headers with their phase words, a cell as a value in a unit. Every
//! layout reads with these.

use crate::extract::observation::{BlockRead, Observation, Origin, SheetRead, Value};
use crate::form::Block;
use crate::form::RawRow;
use crate::i18n::Text;
use crate::normalise::{number, NumberValue};
use crate::read::grid::{data_text, Grid};
use crate::spec::lines::KeyPath;
use crate::spec::source::SpecSource;
use calamine::Data;

// What does not fit this layout, as the finding says it.
pub static UNEXPECTED_ROW: Text = Text {
    ja: "締めの行（合計など）の後に行「{text}」があります",
    en: "a row \"{text}\" follows the closing rows (合計 …)",
};

/// The cell read as a value of a measure in `unit`: numbers in another money unit are
/// converted here, once; text stays text; a formula without a cached result is marked.
pub struct CellValue {
    pub value: Value,
    pub unit: Option<String>,
    pub cell_unit: Option<String>,
    pub raw: String,
    pub formula: Option<String>,
    pub from_text: bool,
    pub origin: Origin,
}

pub fn cell_value(grid: &Grid, pos: (u32, u32), unit: Option<&str>) -> CellValue {
    let unit = unit.filter(|u| !u.is_empty());
    let Some(cell) = grid.get(pos.0, pos.1) else {
        return CellValue {
            value: Value::Blank,
            unit: unit.map(str::to_string),
            cell_unit: None,
            raw: String::new(),
            formula: None,
            from_text: false,
            origin: Origin::Constant,
        };
    };
    let raw = data_text(&cell.value);
    let origin = if cell.formula.is_some() {
        Origin::Formula
    } else {
        Origin::Constant
    };
    let no_cache = matches!(&cell.value, Data::Empty)
        || matches!(&cell.value, Data::String(s) if s.is_empty());
    let read = match &cell.value {
        _ if cell.formula.is_some() && no_cache => None,
        Data::Empty => Some(NumberValue::Blank),
        Data::Int(i) => Some(number::from_int(*i)),
        Data::Float(f) => Some(number::from_float(*f)),
        Data::String(s) => Some(number::parse_number_text(s)),
        Data::Bool(_) => Some(NumberValue::Text(raw.clone())),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
            Some(NumberValue::Date(raw.clone()))
        }
        Data::Error(e) => Some(NumberValue::CellError(e.to_string())),
    };
    let mut out = CellValue {
        value: Value::NotComputed,
        unit: unit.map(str::to_string),
        cell_unit: None,
        raw,
        formula: cell.formula.clone(),
        from_text: false,
        origin,
    };
    out.value = match read {
        None => Value::NotComputed,
        Some(NumberValue::Blank) => Value::Blank,
        Some(NumberValue::Unknown) => Value::Unknown,
        Some(NumberValue::Text(t)) => match number::parse_range(&t) {
            Some((low, high, u)) => {
                out.cell_unit = u;
                Value::Range { low, high }
            }
            None => Value::Text(t),
        },
        Some(NumberValue::TooPrecise(t)) => Value::TooPrecise(t),
        Some(NumberValue::CellError(t)) => Value::CellError(t),
        Some(NumberValue::Date(t)) => Value::Date(t),
        Some(NumberValue::Number(q)) => {
            out.from_text = q.from_text;
            out.cell_unit = q.unit.clone();
            match (q.unit.as_deref(), unit) {
                (Some(found), Some(wanted)) if found != wanted => {
                    match number::unit_factor(found, wanted) {
                        Some(f) => Value::Number(q.value * f),
                        None => {
                            // Not convertible: the value keeps the cell's unit and takes no
                            // part in the block's arithmetic.
                            out.unit = Some(found.to_string());
                            Value::Number(q.value)
                        }
                    }
                }
                (Some(found), None) => {
                    out.unit = Some(found.to_string());
                    Value::Number(q.value)
                }
                _ => Value::Number(q.value),
            }
        }
    };
    out
}

/// The blank observation of a block: fills the common parts; the layout sets the rest.
pub fn observation(
    block: &Block,
    instance: u32,
    measure: &str,
    pos: (u32, u32),
    cell: CellValue,
) -> Observation {
    Observation {
        block: block.id.clone(),
        instance,
        record: None,
        measure: measure.to_string(),
        period: None,
        phase: None,
        value: cell.value,
        unit: cell.unit,
        cell_unit: cell.cell_unit,
        raw: cell.raw,
        pos,
        formula: cell.formula,
        from_text: cell.from_text,
        origin: cell.origin,
    }
}

/// Splits tags written after a name (`行政手続きのオンライン化(件)【総合戦略】`) from it: the
/// name, and the tags (`総合戦略`), kept as an attribute rather than as part of the name.
pub fn split_tags(name: &str) -> (String, Vec<String>) {
    let mut rest = name.trim().to_string();
    let mut tags = Vec::new();
    while let Some(open) = rest.rfind('【') {
        let Some(close) = rest[open..].find('】') else {
            break;
        };
        if open + close + '】'.len_utf8() != rest.len() {
            break;
        }
        tags.insert(0, rest[open + '【'.len_utf8()..open + close].to_string());
        rest = rest[..open].trim_end().to_string();
    }
    (rest, tags)
}

/// The heading an occurrence sits under: per heading word, the nearest cell above it (any
/// column) whose folded text starts with the word, as written; a cell that is only the word
/// (`基本方針`) is read with the text right of it (`1 組織体制の強化`). Several words give
/// their headings outermost first, joined by ` / `.
pub fn heading_above(grid: &Grid, pos: (u32, u32), words: &[String]) -> Option<String> {
    let mut found: Vec<((u32, u32), String)> = Vec::new();
    for w in words {
        let nearest = grid
            .iter()
            .take_while(|((r, _), _)| *r < pos.0)
            .filter_map(|(&(r, c), cell)| match &cell.value {
                Data::String(s) if cell.key().starts_with(w.as_str()) => {
                    let mut text = s.trim().to_string();
                    if cell.key() == *w {
                        if let Some((_, v)) = grid
                            .row_from(r, c + 1)
                            .find(|(_, v)| !data_text(&v.value).trim().is_empty())
                        {
                            text = data_text(&v.value).trim().to_string();
                        }
                    }
                    Some(((r, c), text))
                }
                _ => None,
            })
            .last();
        found.extend(nearest);
    }
    if found.is_empty() {
        return None;
    }
    found.sort();
    Some(
        found
            .into_iter()
            .map(|(_, t)| t)
            .collect::<Vec<_>>()
            .join(" / "),
    )
}

/// A layout's value (`[[block.value]]`) holds cell rules only: the keys of a derived row
/// (formula, code, round, tolerance, severity) are refused, saying why; its phase words are
/// checked.
pub fn check_value_keys(src: &mut SpecSource, at: &KeyPath, v: &RawRow, why: &str) {
    crate::spec::source::check_phase_words(src, at, &v.placeholder_phases);
    for (key, set) in [
        ("formula", v.formula.is_some()),
        ("code", v.code.is_some()),
        ("round", v.round.is_some()),
        ("tolerance", v.tolerance.is_some()),
        ("severity", v.severity.is_some()),
    ] {
        if set {
            src.error(&at.key(key), format!("value '{}': {key} {why}", v.key));
        }
    }
}

/// The column of the header row, right of the key column at `header_pos`, whose label
/// names one of the variants.
pub fn header_column(grid: &Grid, (row, key_col): (u32, u32), variants: &[String]) -> Option<u32> {
    grid.row_from(row, key_col + 1)
        .find_map(|(&(_, c), cell)| match &cell.value {
            Data::String(_) if crate::normalise::label_matches(cell.key(), variants) => Some(c),
            _ => None,
        })
}

/// The cells that open a block's occurrences: those whose folded text is the label; only the
/// first unless the block repeats.
pub fn occurrences(grid: &Grid, label_key: &str, repeat: bool) -> Vec<(u32, u32)> {
    grid.iter()
        .filter_map(|(pos, c)| match &c.value {
            Data::String(_) if c.key() == label_key => Some(*pos),
            _ => None,
        })
        .take(if repeat { usize::MAX } else { 1 })
        .collect()
}

/// A block's measure rows, each in the block's unit unless it names its own; a block of
/// measures needs at least one.
pub fn measure_rows(
    src: &mut SpecSource,
    at: &KeyPath,
    rows: Vec<RawRow>,
    unit: Option<&str>,
    layout: &str,
) -> Vec<RawRow> {
    if rows.is_empty() {
        src.error(
            &at.key("row"),
            format!("a {layout} block needs rows ([[block.row]])"),
        );
    }
    rows.into_iter()
        .map(|mut r| {
            if r.unit.is_none() {
                r.unit = unit.map(str::to_string);
            }
            r
        })
        .collect()
}

/// Adds a block occurrence that was found, with its observations.
///
/// A year header that repeats a year (`R5 R5 R7 R8`) gives two cells the same record, measure
/// and year: only the first is read, so that no sum takes a column under the wrong year; the
/// repeat itself is `fiscal-year-duplicate` at its header cell.
pub fn push_block(out: &mut SheetRead, read: BlockRead, mut observations: Vec<Observation>) {
    // Marks in several rows of one item share a year (① and ② both continued in R7): only a
    // second column of the same year is the repeat.
    let mut column_of = std::collections::BTreeMap::new();
    observations.retain(|o| {
        let Some(period) = o.period else {
            return true;
        };
        let key = (o.record.clone(), o.measure.clone(), period, o.phase);
        *column_of.entry(key).or_insert(o.pos.1) == o.pos.1
    });
    out.blocks.push(read);
    out.observations.extend(observations);
}

/// Reads the fiscal years of a header row right of `after_col`; the era carries along the row.
/// A bare number counts as a year only in a row that already named an era or a year.
pub fn header_years(
    grid: &Grid,
    row: u32,
    after_col: u32,
    context: Option<crate::normalise::Era>,
) -> Vec<crate::extract::PeriodColumn> {
    let mut era = context;
    let mut years = Vec::new();
    let mut any_era_named = false;
    for (&(r, c), cell) in grid.row_from(row, after_col + 1) {
        let bare_number = matches!(cell.value, Data::Int(_) | Data::Float(_));
        if bare_number && !any_era_named {
            continue;
        }
        if let Some(p) = crate::extract::read_year_cell(grid, (r, c), era) {
            if p.era.is_some() {
                era = p.era;
            }
            any_era_named = true;
            let raw = data_text(&cell.value);
            let phase_text = (!p.rest.is_empty())
                .then(|| p.rest.clone())
                .or_else(|| phase_below(grid, r, c));
            let calendar = p.calendar;
            years.push(crate::extract::PeriodColumn {
                year: p.year,
                parsed: p,
                header_pos: (r, c),
                raw,
                col: c,
                phase_text,
                // `元年分`: a calendar year (a January–December count), kept apart.
                calendar,
            });
        }
    }
    years
}

/// A phase word in the cell under a year (`実績` under `令和5年度`), folded.
fn phase_below(grid: &Grid, row: u32, col: u32) -> Option<String> {
    let t = grid.text(row + 1, col)?;
    let k = crate::normalise::label_key(&t);
    crate::extract::Phase::from_word(&k).map(|_| k)
}

#[cfg(test)]
mod tests {
    use super::split_tags;
    #[test]
    fn tags_come_off_names() {
        assert_eq!(
            split_tags("行政手続きのオンライン化(件)【総合戦略】"),
            (
                "行政手続きのオンライン化(件)".to_string(),
                vec!["総合戦略".to_string()]
            )
        );
        assert_eq!(
            split_tags("電子入札制度の導入 【継続項目】").1,
            vec!["継続項目"]
        );
        assert_eq!(split_tags("【行革】連携事業数").0, "【行革】連携事業数");
        assert!(split_tags("協定団体数").1.is_empty());
    }
}
