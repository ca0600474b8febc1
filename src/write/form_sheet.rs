//! Writes a form sheet from its spec: the blank template `hyoka template` hands to
//! departments, or the same layout filled with figures (samples, round-trip tests). TemplateLayout
//! options produce the variants the form standard says departments make.

pub use super::block_writer::{
    col_name, merge_input, text_height, write_input, write_label, Cached, CellInput, FormData,
    FormWriter, Formats, IndicatorInput, RecordInput, TemplateLayout, EXPORT_VALUE_WIDTH,
};
use super::block_writer::{formats, window_years};
use crate::form::{Block, FieldType, FormSpec, Section};
use crate::normalise::FiscalYear;
use rust_xlsxwriter::{DataValidation, Format, Workbook, Worksheet, XlsxError};

impl TemplateLayout {
    /// The canonical layout of the form standard for an evaluation year.
    pub fn canonical(spec: &FormSpec, eval_year: FiscalYear) -> TemplateLayout {
        let first = spec.blocks.first();
        let window = first
            .map(|b| (b.years_before, b.years_after))
            .unwrap_or((1, 0));
        let years = window_years(eval_year, window);
        let phases = first
            .map(|b| b.layout.template_phases().to_vec())
            .filter(|p| p.len() == years.len())
            .unwrap_or_else(|| vec![String::new(); years.len()]);
        TemplateLayout {
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

/// An export's field column: as wide as what it holds.
fn export_field_width(spec: &FormSpec, f: &crate::form::Field) -> f64 {
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

/// Writes the form on a worksheet: input cells unlocked and shaded, derived rows as formulas
/// with cached results, dropdown lists for choices, the sheet protected. Blocks follow each
/// other down the sheet in the order of the form standard.
pub fn write_form_sheet(
    ws: &mut Worksheet,
    spec: &FormSpec,
    layout: &TemplateLayout,
    data: Option<&FormData>,
) -> Result<(), XlsxError> {
    let lw: u16 = if layout.merged_labels { 2 } else { 1 };
    let mut w = FormWriter {
        ws,
        layout,
        data,
        formats: formats(),
        label_width: lw,
        label_col: layout.col0,
        value_col: layout.col0 + lw,
        right: layout.col0,
    };
    if spec.form.kind == crate::form::FormKind::Export {
        return w.export_header(spec);
    }
    let mut r = w.title()?;
    r = w.header_fields(spec, r)?;
    for block in &spec.blocks {
        r = block.layout.write(block, &mut w, r)?;
    }
    let end = w.evaluation(spec, r)?;
    // Printed on A4, one page wide, as the office files it: the form and nothing around it,
    // its name and year on every page.
    let (c0, right) = (w.label_col, w.right);
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

impl<'a> FormWriter<'a> {
    /// An export's template is its header row: the fields' labels, then each block's groups
    /// with their year over each (read back from there when the spec says so). Printed
    /// landscape, one year group a page beside the fields, the header rows and the fields'
    /// columns on every page.
    fn export_header(&mut self, spec: &FormSpec) -> Result<(), XlsxError> {
        let mut widths = Vec::new();
        for (i, f) in spec.fields.iter().enumerate() {
            self.ws.write_string_with_format(
                1,
                i as u16,
                &f.spec.label,
                &self.formats.label_wrap,
            )?;
            let width = export_field_width(spec, f);
            self.ws.set_column_width(i as u16, width)?;
            widths.push(width);
        }
        let fields = spec.fields.len() as u16;
        self.label_col = fields;
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
        let (r, c0, vc) = (self.layout.row0, self.label_col, self.value_col);
        // A derived cell whose formula has no result yet (a division by a blank) caches ""
        // rather than 0, as Excel would show it.
        self.ws.set_formula_result_default("");
        self.ws.set_column_width(c0, 24)?;
        for c in vc..vc + 8 {
            self.ws.set_column_width(c, 13)?;
        }
        self.ws
            .merge_range(r, c0, r, vc + 4, &self.layout.title, &self.formats.title)?;
        self.reach(vc + 4);
        Ok(r + 2)
    }

    /// Header fields, two to a row (or a row of labels with the values under them).
    fn header_fields(&mut self, spec: &FormSpec, mut r: u32) -> Result<u32, XlsxError> {
        let (c0, vc, lw) = (self.label_col, self.value_col, self.label_width);
        let header: Vec<_> = spec.fields_in(Section::Header).collect();
        for pair in header.chunks(2) {
            let slots = [(c0, vc, 3u16), (vc + 3, vc + 3 + lw, 2u16)];
            for (field, (lc, vcol, vw)) in pair.iter().zip(slots) {
                let v = self.field_value(&field.spec.key).cloned().or_else(|| {
                    (field.spec.kind == FieldType::FiscalYear
                        && field.spec.key == spec.form.eval_year_field)
                        .then(|| CellInput::Text(self.layout.eval_year.japanese()))
                });
                write_label(self.ws, r, lc, lw, &field.spec.label, &self.formats)?;
                if self.layout.values_below {
                    merge_input(self.ws, r + 1, lc, lw, v.as_ref(), &self.formats.input)?;
                    self.reach(lc + lw - 1);
                } else {
                    merge_input(self.ws, r, vcol, vw, v.as_ref(), &self.formats.input)?;
                    self.reach(vcol + vw - 1);
                }
            }
            r += if self.layout.values_below { 2 } else { 1 };
        }
        Ok(r + 1)
    }

    /// Evaluation fields: short choices (grades) three to a row, then the others one a row.
    fn evaluation(&mut self, spec: &FormSpec, mut r: u32) -> Result<u32, XlsxError> {
        let (c0, vc, lw) = (self.label_col, self.value_col, self.label_width);
        let eval: Vec<_> = spec.fields_in(Section::Evaluation).collect();
        let (grades, others): (Vec<&&crate::form::Field>, Vec<_>) = eval
            .iter()
            .partition(|x| x.spec.kind == FieldType::Choice && x.spec.choices.len() <= 4);
        if !eval.is_empty() {
            self.ws.write_string_with_format(
                r,
                c0,
                &spec.template.evaluation_caption,
                &self.formats.caption,
            )?;
            r += 1;
        }
        for chunk in grades.chunks(3) {
            let mut c = c0;
            for field in chunk {
                write_label(self.ws, r, c, lw, &field.spec.label, &self.formats)?;
                let vcol = c + lw;
                write_input(
                    self.ws,
                    r,
                    vcol,
                    self.data.and_then(|d| d.fields.get(&field.spec.key)),
                    &self.formats.input,
                )?;
                let dv = DataValidation::new().allow_list_strings(&field.spec.choices)?;
                self.ws.add_data_validation(r, vcol, r, vcol, &dv)?;
                self.reach(vcol);
                c = vcol + 1;
            }
            r += 1;
        }
        for field in others {
            write_label(self.ws, r, c0, lw, &field.spec.label, &self.formats)?;
            let (width, fmt) = if field.spec.wide {
                (6u16, &self.formats.input_text_wide)
            } else {
                (2u16, &self.formats.input)
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
    layout: &TemplateLayout,
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
    layout: &TemplateLayout,
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
