//! Writes a form sheet from its spec: the blank template `hyoka template` hands to
//! departments, or the same layout filled with figures (samples, round-trip tests). Layout
//! options produce the variants the form standard says departments make.

use crate::normalise::FiscalYear;
use crate::spec::{Block, FieldType, FormSpec, Section};
use rust_xlsxwriter::{
    Color, DataValidation, Format, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};
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
pub struct Layout {
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

impl Layout {
    /// The canonical layout of the form standard for an evaluation year.
    pub fn canonical(spec: &FormSpec, eval_year: FiscalYear) -> Layout {
        let first = spec.blocks.first();
        let window = first
            .map(|b| (b.years_before, b.years_after))
            .unwrap_or((1, 0));
        let years = window_years(eval_year, window);
        let phases = first
            .map(|b| b.layout.template_phases().to_vec())
            .filter(|p| p.len() == years.len())
            .unwrap_or_else(|| vec![String::new(); years.len()]);
        Layout {
            row0: 0,
            col0: 1,
            eval_year,
            years,
            phases,
            window,
            phase_row: true,
            merged_labels: false,
            values_below: false,
            blank_row_after: None,
            title: spec.form.name.clone(),
        }
    }

    /// The years a block's header shows.
    pub fn years_of(&self, block: &Block) -> Vec<FiscalYear> {
        if (block.years_before, block.years_after) == self.window {
            self.years.clone()
        } else {
            window_years(self.eval_year, (block.years_before, block.years_after))
        }
    }

    /// The words under a block's years: this layout's, the spec's, or none.
    pub fn phases_of(&self, block: &Block, spec_phases: &[String], n: usize) -> Vec<String> {
        if (block.years_before, block.years_after) == self.window && self.phases.len() == n {
            self.phases.clone()
        } else if spec_phases.len() == n {
            spec_phases.to_vec()
        } else {
            vec![String::new(); n]
        }
    }
}

fn window_years(eval_year: FiscalYear, (before, after): (u32, u32)) -> Vec<FiscalYear> {
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

fn formats() -> Formats {
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

/// An export's field column: as wide as what it holds.
fn export_field_width(spec: &FormSpec, f: &crate::spec::Field) -> f64 {
    let key = f.spec.key.as_str();
    if key == spec.form.project_name_field {
        24.0
    } else if f.spec.kind == FieldType::FiscalYear {
        8.0
    } else {
        12.0
    }
}

/// The print scale (%) at which columns of these widths fit across a landscape A4 page
/// (10.9 in between 0.4 in margins): a character of Calibri 11 is 7 px (96 dpi) and a column
/// 5 px more; a fourth to spare for a wider substitute font (LibreOffice without Calibri).
fn export_scale(widths: &[f64]) -> u16 {
    let px: f64 = widths.iter().map(|w| w * 7.0 + 5.0).sum();
    let page = (11.69 - 0.8) * 96.0;
    ((page / (px * 1.35) * 100.0).floor() as u16).clamp(10, 100)
}

pub fn col_name(c: u16) -> String {
    crate::finding::column_letters(c as u32)
}

/// Writes the form on a worksheet: input cells unlocked and shaded, derived rows as formulas
/// with cached results, dropdown lists for choices, the sheet protected. Blocks follow each
/// other down the sheet in the order of the form standard.
pub fn write_form_sheet(
    ws: &mut Worksheet,
    spec: &FormSpec,
    layout: &Layout,
    data: Option<&FormData>,
) -> Result<(), XlsxError> {
    let lw: u16 = if layout.merged_labels { 2 } else { 1 };
    let mut w = FormWriter {
        ws,
        spec,
        layout,
        data,
        f: formats(),
        lw,
        c0: layout.col0,
        vc: layout.col0 + lw,
        right: layout.col0,
    };
    if spec.form.kind == crate::spec::FormKind::Export {
        return w.export_header();
    }
    let mut r = w.title()?;
    r = w.header_fields(r)?;
    for block in &spec.blocks {
        r = block.layout.write(block, &mut w, r)?;
    }
    let end = w.evaluation(r)?;
    // Printed on A4, one page wide, as the office files it: the form and nothing around it,
    // its name and year on every page.
    let (c0, right) = (w.c0, w.right);
    let ws = w.ws;
    ws.set_paper_size(9);
    if spec.template.landscape {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_area(layout.row0, c0, end.max(layout.row0 + 1) - 1, right)?;
    ws.set_print_center_horizontally(true);
    crate::write::print::header_footer(
        ws,
        &layout.title,
        &layout.eval_year.japanese(),
        None,
        crate::i18n::Lang::Ja,
    )?;
    // Inputs stay the only editable cells, but an office may add rows (a fourth item) and
    // make rows taller for long text.
    let options = rust_xlsxwriter::ProtectionOptions {
        format_rows: true,
        insert_rows: true,
        ..Default::default()
    };
    ws.protect_with_options(&options);
    Ok(())
}

/// The sheet being written and where its columns are: labels at `c0` (`lw` wide), values from
/// `vc`. Each block (here, or its layout's `write`) takes the row to start at and returns the
/// next free row.
pub struct FormWriter<'a> {
    pub ws: &'a mut Worksheet,
    pub spec: &'a FormSpec,
    pub layout: &'a Layout,
    pub data: Option<&'a FormData>,
    pub f: Formats,
    pub lw: u16,
    pub c0: u16,
    pub vc: u16,
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

    /// An export's template is its header row: the fields' labels, then each block's groups
    /// with their year over each (read back from there when the spec says so). Printed
    /// landscape, one year group a page beside the fields, the header rows and the fields'
    /// columns on every page.
    fn export_header(&mut self) -> Result<(), XlsxError> {
        let spec = self.spec;
        let mut widths = Vec::new();
        for (i, f) in spec.fields.iter().enumerate() {
            self.ws
                .write_string_with_format(1, i as u16, &f.spec.label, &self.f.label_wrap)?;
            let width = export_field_width(spec, f);
            self.ws.set_column_width(i as u16, width)?;
            widths.push(width);
        }
        let fields = spec.fields.len() as u16;
        self.c0 = fields;
        self.right = fields.saturating_sub(1);
        for block in &spec.blocks {
            block.layout.write(block, self, 0)?;
        }
        self.ws.set_freeze_panes(2, fields)?;
        // One page per year group: a break before each group but the first.
        let starts: Vec<u16> = spec
            .blocks
            .iter()
            .flat_map(|b| {
                let years = self.layout.years_of(b).len() as u16;
                let width = b.rows.len() as u16;
                (0..years).map(move |g| g * width)
            })
            .scan(fields, |at, offset| Some(*at + offset))
            .collect();
        let group = spec
            .blocks
            .first()
            .map(|b| b.rows.len())
            .unwrap_or(0)
            .max(1);
        widths.extend(std::iter::repeat_n(EXPORT_VALUE_WIDTH, group));
        let breaks: Vec<u32> = starts.iter().skip(1).map(|c| u32::from(*c)).collect();
        let ws = &mut *self.ws;
        ws.set_paper_size(9);
        ws.set_landscape();
        ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
        ws.set_print_scale(export_scale(&widths));
        if !breaks.is_empty() {
            ws.set_vertical_page_breaks(&breaks)?;
        }
        ws.set_repeat_rows(0, 1)?;
        if fields > 0 {
            ws.set_repeat_columns(0, fields - 1)?;
        }
        // Whole columns: the rows a system writes under the header print too.
        ws.set_print_area(0, 0, 1_048_575, self.right)?;
        crate::write::print::header_footer(
            ws,
            &spec.form.name,
            &self.layout.eval_year.japanese(),
            None,
            crate::i18n::Lang::Ja,
        )?;
        Ok(())
    }

    fn field_value(&self, key: &str) -> Option<&CellInput> {
        self.data.and_then(|d| d.fields.get(key))
    }

    fn title(&mut self) -> Result<u32, XlsxError> {
        let (r, c0, vc) = (self.layout.row0, self.c0, self.vc);
        // A derived cell whose formula has no result yet (a division by a blank) caches ""
        // rather than 0, as Excel would show it.
        self.ws.set_formula_result_default("");
        self.ws.set_column_width(c0, 24)?;
        for c in vc..vc + 8 {
            self.ws.set_column_width(c, 13)?;
        }
        self.ws
            .merge_range(r, c0, r, vc + 4, &self.layout.title, &self.f.title)?;
        self.reach(vc + 4);
        Ok(r + 2)
    }

    /// Header fields, two to a row (or a row of labels with the values under them).
    fn header_fields(&mut self, mut r: u32) -> Result<u32, XlsxError> {
        let (c0, vc, lw) = (self.c0, self.vc, self.lw);
        let header: Vec<_> = self.spec.fields_in(Section::Header).collect();
        for pair in header.chunks(2) {
            let slots = [(c0, vc, 3u16), (vc + 3, vc + 3 + lw, 2u16)];
            for (field, (lc, vcol, vw)) in pair.iter().zip(slots) {
                let v = self.field_value(&field.spec.key).cloned().or_else(|| {
                    (field.spec.kind == FieldType::FiscalYear
                        && field.spec.key == self.spec.form.eval_year_field)
                        .then(|| CellInput::Text(self.layout.eval_year.japanese()))
                });
                write_label(self.ws, r, lc, lw, &field.spec.label, &self.f)?;
                if self.layout.values_below {
                    merge_input(self.ws, r + 1, lc, lw, v.as_ref(), &self.f.input)?;
                    self.reach(lc + lw - 1);
                } else {
                    merge_input(self.ws, r, vcol, vw, v.as_ref(), &self.f.input)?;
                    self.reach(vcol + vw - 1);
                }
            }
            r += if self.layout.values_below { 2 } else { 1 };
        }
        Ok(r + 1)
    }

    /// Evaluation fields: short choices (grades) three to a row, then the others one a row.
    fn evaluation(&mut self, mut r: u32) -> Result<u32, XlsxError> {
        let (c0, vc, lw) = (self.c0, self.vc, self.lw);
        let eval: Vec<_> = self.spec.fields_in(Section::Evaluation).collect();
        let (grades, others): (Vec<&&crate::spec::Field>, Vec<_>) = eval
            .iter()
            .partition(|x| x.spec.kind == FieldType::Choice && x.spec.choices.len() <= 4);
        if !eval.is_empty() {
            self.ws.write_string_with_format(
                r,
                c0,
                &self.spec.template.evaluation_caption,
                &self.f.caption,
            )?;
            r += 1;
        }
        for chunk in grades.chunks(3) {
            let mut c = c0;
            for field in chunk {
                write_label(self.ws, r, c, lw, &field.spec.label, &self.f)?;
                let vcol = c + lw;
                write_input(
                    self.ws,
                    r,
                    vcol,
                    self.data.and_then(|d| d.fields.get(&field.spec.key)),
                    &self.f.input,
                )?;
                let dv = DataValidation::new().allow_list_strings(&field.spec.choices)?;
                self.ws.add_data_validation(r, vcol, r, vcol, &dv)?;
                self.reach(vcol);
                c = vcol + 1;
            }
            r += 1;
        }
        for field in others {
            write_label(self.ws, r, c0, lw, &field.spec.label, &self.f)?;
            let (width, fmt) = if field.spec.wide {
                (6u16, &self.f.input_text_wide)
            } else {
                (2u16, &self.f.input)
            };
            merge_input(
                self.ws,
                r,
                vc,
                width,
                self.data.and_then(|d| d.fields.get(&field.spec.key)),
                fmt,
            )?;
            self.reach(vc + width - 1);
            if field.spec.kind == FieldType::Choice {
                let dv = DataValidation::new().allow_list_strings(&field.spec.choices)?;
                self.ws.add_data_validation(r, vc, r, vc, &dv)?;
            }
            if field.spec.wide {
                self.ws.set_row_height(r, 45)?;
            }
            r += 1;
        }
        Ok(r)
    }
}

/// Where the 記入要領 (instructions) sheet goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guide {
    None,
    First,
    Last,
}

/// Width (characters of Calibri 11) of the 記入要領 column: well inside a portrait A4 page
/// (6.9 in between the margins) even in a wider substitute font, as LibreOffice renders it.
const GUIDE_WIDTH: f64 = 64.0;

/// The 記入要領: one numbered instruction a row, wrapped in the column, each row as tall as
/// its lines; printed portrait, one page wide, with the form's name and year.
fn write_guide_sheet(
    ws: &mut Worksheet,
    spec: &FormSpec,
    layout: &Layout,
) -> Result<(), XlsxError> {
    ws.set_column_width(0, GUIDE_WIDTH)?;
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    ws.write_string_with_format(0, 0, &spec.template.guide_name, &Format::new().set_bold())?;
    let mut last = 0;
    for (i, line) in spec.template.instructions.iter().enumerate() {
        let text = format!("{}. {line}", i + 1);
        last = i as u32 + 2;
        ws.write_string_with_format(last, 0, &text, &wrap)?;
        // A CJK character runs a little wider than two digits: lines counted against a
        // narrower column, so the last of them is never cut.
        ws.set_row_height(last, text_height(&text, GUIDE_WIDTH - 5.0, 1))?;
    }
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_area(0, 0, last, 0)?;
    crate::write::print::header_footer(
        ws,
        &format!("{} {}", layout.title, spec.template.guide_name),
        &layout.eval_year.japanese(),
        None,
        crate::i18n::Lang::Ja,
    )
}

/// A workbook with the form sheet and, if asked, its 記入要領 sheet.
pub fn form_workbook(
    spec: &FormSpec,
    layout: &Layout,
    data: Option<&FormData>,
    sheet_name: Option<&str>,
    guide: Guide,
) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let name = sheet_name
        .map(str::to_string)
        .or_else(|| spec.template.sheet_name.clone())
        .unwrap_or_else(|| spec.form.name.clone());
    let write_guide = |wb: &mut Workbook| -> Result<(), XlsxError> {
        if spec.template.instructions.is_empty() {
            return Ok(());
        }
        let ws = wb.add_worksheet();
        ws.set_name(&spec.template.guide_name)?;
        write_guide_sheet(ws, spec, layout)
    };
    if guide == Guide::First {
        write_guide(&mut wb)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name(&name)?;
    write_form_sheet(ws, spec, layout, data)?;
    if guide == Guide::Last {
        write_guide(&mut wb)?;
    }
    Ok(wb)
}
