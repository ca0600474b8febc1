//! What a layout writes its block of a template with: the figures a filled template holds,
//! where the form's columns are, the cell formats, and the sheet being written. Plain data and
//! cell writers; the form sheet around the blocks is `form_sheet`'s.

use crate::normalise::FiscalYear;
use rust_xlsxwriter::{Color, Format, FormatBorder, Formula, Worksheet, XlsxError};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
pub enum CellInput {
    Number(f64),
    Text(String),
    /// A formula with the result a spreadsheet program cached for it.
    Formula {
        formula: String,
        result: String,
    },
}

/// Figures to fill a form with. Measures hold one entry per year column, `None` for blank.
#[derive(Debug, Clone, Default)]
pub struct FormData {
    pub fields: BTreeMap<String, CellInput>,
    /// Rows of the blocks whose rows are measures, by row key.
    pub measures: BTreeMap<String, Vec<Option<CellInput>>>,
    /// Derived cells written as typed constants instead of formulas: (key, year index).
    pub typed_over: BTreeMap<(String, usize), CellInput>,
    /// The indicators of the form's indicator-pairs block.
    pub indicators: Vec<IndicatorInput>,
    /// Records of record-rows blocks, by block id; an entry whose key is a closing row's
    /// fills that row (typed over its formula, if it has one).
    pub records: BTreeMap<String, Vec<RecordInput>>,
}

#[derive(Debug, Clone, Default)]
pub struct RecordInput {
    pub key: String,
    pub name: String,
    pub attrs: BTreeMap<String, String>,
    /// Per value key, one entry per year column.
    pub values: BTreeMap<String, Vec<Option<CellInput>>>,
}

#[derive(Debug, Clone, Default)]
pub struct IndicatorInput {
    pub name: String,
    pub unit: String,
    pub direction: String,
    pub baseline: Option<CellInput>,
    pub plan: Vec<Option<CellInput>>,
    pub actual: Vec<Option<CellInput>>,
    /// Attribute columns right of the years (達成状況), by column key.
    pub attrs: BTreeMap<String, String>,
}

/// The value a spreadsheet program would cache for a cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cached {
    Number(f64),
    Blank,
    Error,
}

impl Cached {
    pub fn of(v: Option<&CellInput>) -> Cached {
        match v {
            Some(CellInput::Number(n)) => Cached::Number(*n),
            Some(CellInput::Text(_)) => Cached::Error,
            Some(CellInput::Formula { result, .. }) => match result.parse::<f64>() {
                Ok(n) => Cached::Number(n),
                Err(_) if result.starts_with('#') => Cached::Error,
                Err(_) => Cached::Blank,
            },
            None => Cached::Blank,
        }
    }
}

/// Where and how the blocks are laid out.
#[derive(Debug, Clone)]
pub struct TemplateLayout {
    /// Row of the title (0-based); blocks follow below it.
    pub row0: u32,
    /// Column of the labels (0-based; the canonical form uses B).
    pub col0: u16,
    pub eval_year: FiscalYear,
    /// Years of the blocks that have the form's first year window (the cost table); blocks
    /// with another window get theirs around the evaluation year.
    pub years: Vec<FiscalYear>,
    /// The words under those years (`実績`, `予算`).
    pub phases: Vec<String>,
    /// The first block's window: years before and after the evaluation year.
    pub window: (u32, u32),
    /// Phase words in a row of their own under the years; otherwise appended (`令和4年度実績`).
    pub phase_row: bool,
    /// Labels merged over two columns.
    pub merged_labels: bool,
    /// Header fields written as a row of labels with the values in the row below.
    pub values_below: bool,
    /// A blank row inserted after this measure row (a department's edit).
    pub blank_row_after: Option<String>,
    pub title: String,
}

pub(crate) fn window_years(eval_year: FiscalYear, (before, after): (u32, u32)) -> Vec<FiscalYear> {
    (-(before as i32)..=after as i32)
        .map(|d| FiscalYear(eval_year.0 + d))
        .collect()
}

pub struct Formats {
    pub title: Format,
    pub label: Format,
    /// A label that wraps within its column (long headers), its row made tall enough.
    pub label_wrap: Format,
    pub caption: Format,
    pub input: Format,
    pub input_money: Format,
    pub derived_money: Format,
    pub input_text_wide: Format,
}

pub(crate) fn formats() -> Formats {
    let border = |f: Format| f.set_border(FormatBorder::Thin);
    let input = border(
        Format::new()
            .set_unlocked()
            .set_background_color(Color::RGB(0xFFF2CC)),
    );
    let label = border(Format::new().set_background_color(Color::RGB(0xDDEBF7)));
    Formats {
        title: Format::new().set_bold().set_font_size(14),
        label_wrap: label
            .clone()
            .set_text_wrap()
            .set_align(rust_xlsxwriter::FormatAlign::VerticalCenter),
        label,
        caption: Format::new().set_bold(),
        input_money: input.clone().set_num_format("#,##0;△#,##0"),
        input_text_wide: input.clone().set_text_wrap(),
        input,
        derived_money: border(
            Format::new()
                .set_background_color(Color::RGB(0xE7E6E6))
                .set_num_format("#,##0;△#,##0"),
        ),
    }
}

pub fn write_input(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    v: Option<&CellInput>,
    fmt: &Format,
) -> Result<(), XlsxError> {
    match v {
        Some(CellInput::Number(n)) => ws.write_number_with_format(r, c, *n, fmt)?,
        Some(CellInput::Text(t)) => ws.write_string_with_format(r, c, t, fmt)?,
        Some(CellInput::Formula { formula, result }) => {
            ws.write_formula_with_format(r, c, Formula::new(formula).set_result(result), fmt)?
        }
        None => ws.write_blank(r, c, fmt)?,
    };
    Ok(())
}

pub fn write_label(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    width: u16,
    text: &str,
    f: &Formats,
) -> Result<(), XlsxError> {
    if width > 1 {
        ws.merge_range(r, c, r, c + width - 1, text, &f.label)?;
    } else {
        ws.write_string_with_format(r, c, text, &f.label)?;
    }
    Ok(())
}

pub fn merge_input(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    width: u16,
    v: Option<&CellInput>,
    fmt: &Format,
) -> Result<(), XlsxError> {
    if width > 1 {
        ws.merge_range(r, c, r, c + width - 1, "", fmt)?;
    }
    write_input(ws, r, c, v, fmt)
}

/// The height (points) a wrapped text needs in a column `width` characters wide: a CJK
/// character takes two of them, a line 15 points; at least `min_lines`.
pub fn text_height(text: &str, width: f64, min_lines: u32) -> f64 {
    let per_line = (width - 1.0).max(1.0);
    let lines: f64 = text
        .split('\n')
        .map(|l| {
            let units: f64 = l
                .chars()
                .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
                .sum();
            (units / per_line).ceil().max(1.0)
        })
        .sum();
    15.0 * lines.max(min_lines as f64) + 3.0
}

/// Width (characters) of an export's value columns: a sum in 千円 up to 9,999,999.
pub const EXPORT_VALUE_WIDTH: f64 = 10.0;

pub fn col_name(c: u16) -> String {
    crate::finding::column_letters(c as u32)
}

/// The sheet being written and where its columns are: labels at `label_col` (`label_width`
/// wide), values from `value_col`. Each block (here, or its layout's `write`) takes the row to start at and returns the
/// next free row.
pub struct FormWriter<'a> {
    pub ws: &'a mut Worksheet,
    pub layout: &'a TemplateLayout,
    pub data: Option<&'a FormData>,
    pub formats: Formats,
    /// Columns a label spans (1, or 2 when labels are merged).
    pub label_width: u16,
    /// The labels' first column and the values' first column.
    pub label_col: u16,
    pub value_col: u16,
    /// The rightmost column written so far: the print area's last.
    pub right: u16,
}

impl<'a> FormWriter<'a> {
    /// Notes that the form reaches column `c` (each block says how far right it wrote).
    pub fn reach(&mut self, c: u16) {
        self.right = self.right.max(c);
    }

    /// The records the figures give a block (none for a blank template).
    pub fn records_of(&self, block: &str) -> &'a [RecordInput] {
        self.data
            .and_then(|d| d.records.get(block))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}
