//! Writes a form sheet from its spec: the blank template `hyoka template` hands to
//! departments, or the same layout filled with figures (samples, round-trip tests). Layout
//! options produce the variants the form standard says departments make.

use crate::normalise::FiscalYear;
use crate::spec::{FieldType, FormSpec, Table, TableKind};
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
    pub measures: BTreeMap<String, Vec<Option<CellInput>>>,
    /// Derived cells written as typed constants instead of formulas: (key, year index).
    pub typed_over: BTreeMap<(String, usize), CellInput>,
    pub indicators: Vec<IndicatorInput>,
}

#[derive(Debug, Clone, Default)]
pub struct IndicatorInput {
    pub name: String,
    pub unit: String,
    pub direction: String,
    pub baseline: Option<CellInput>,
    pub plan: Vec<Option<CellInput>>,
    pub actual: Vec<Option<CellInput>>,
}

/// The value a spreadsheet program would cache for a cell.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cached {
    Number(f64),
    Blank,
    Error,
}

impl Cached {
    fn of(v: Option<&CellInput>) -> Cached {
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
    pub years: Vec<FiscalYear>,
    pub phases: Vec<String>,
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
        let table = spec.measures_table();
        let before = table.map(|t| t.years_before).unwrap_or(1) as i32;
        let after = table.map(|t| t.years_after).unwrap_or(0) as i32;
        let years: Vec<FiscalYear> = (-before..=after)
            .map(|d| FiscalYear(eval_year.0 + d))
            .collect();
        let phases = table
            .map(|t| t.phases.clone())
            .filter(|p| p.len() == years.len())
            .unwrap_or_else(|| vec![String::new(); years.len()]);
        Layout {
            row0: 0,
            col0: 1,
            eval_year,
            years,
            phases,
            phase_row: true,
            merged_labels: false,
            values_below: false,
            blank_row_after: None,
            title: spec.form.name.clone(),
        }
    }
}

struct Formats {
    title: Format,
    label: Format,
    caption: Format,
    input: Format,
    input_money: Format,
    derived_money: Format,
    input_text_wide: Format,
}

fn formats() -> Formats {
    let border = |f: Format| f.set_border(FormatBorder::Thin);
    let input = border(
        Format::new()
            .set_unlocked()
            .set_background_color(Color::RGB(0xFFF2CC)),
    );
    Formats {
        title: Format::new().set_bold().set_font_size(14),
        label: border(Format::new().set_background_color(Color::RGB(0xDDEBF7))),
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

fn write_input(
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

fn write_label(
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

fn merge_input(
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

fn col_name(c: u16) -> String {
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
    };
    let mut r = w.title()?;
    r = w.header_fields(r)?;
    if let Some(table) = spec.measures_table() {
        r = w.measures(table, r)?;
    }
    for table in spec
        .tables
        .iter()
        .filter(|t| t.kind == TableKind::Indicators)
    {
        r = w.indicators(table, r)?;
    }
    w.evaluation(r)?;
    // Printed on A4, one page wide, as the office files it.
    w.ws.set_paper_size(9);
    w.ws.set_print_fit_to_pages(1, 0);
    w.ws.protect();
    Ok(())
}

/// The sheet being written and where its columns are: labels at `c0` (`lw` wide), values from
/// `vc`. Each block method takes the row to start at and returns the next free row.
struct FormWriter<'a> {
    ws: &'a mut Worksheet,
    spec: &'a FormSpec,
    layout: &'a Layout,
    data: Option<&'a FormData>,
    f: Formats,
    lw: u16,
    c0: u16,
    vc: u16,
}

impl FormWriter<'_> {
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
        Ok(r + 2)
    }

    /// Header fields, two to a row (or a row of labels with the values under them).
    fn header_fields(&mut self, mut r: u32) -> Result<u32, XlsxError> {
        let (c0, vc, lw) = (self.c0, self.vc, self.lw);
        let header: Vec<_> = self.spec.fields_in("header").collect();
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
                } else {
                    merge_input(self.ws, r, vcol, vw, v.as_ref(), &self.f.input)?;
                }
            }
            r += if self.layout.values_below { 2 } else { 1 };
        }
        Ok(r + 1)
    }

    /// The measures-by-year table: year header, phase row, then one row per measure with the
    /// derived rows as formulas.
    fn measures(&mut self, table: &Table, mut r: u32) -> Result<u32, XlsxError> {
        let (c0, vc, lw, layout, data) = (self.c0, self.vc, self.lw, self.layout, self.data);
        let (ws, f) = (&mut *self.ws, &self.f);
        ws.write_string_with_format(r, c0, &table.label, &f.caption)?;
        r += 1;
        write_label(ws, r, c0, lw, &table.header, f)?;
        for (i, y) in layout.years.iter().enumerate() {
            let text = if layout.phase_row {
                y.japanese()
            } else {
                format!(
                    "{}{}",
                    y.japanese(),
                    layout.phases.get(i).cloned().unwrap_or_default()
                )
            };
            ws.write_string_with_format(r, vc + i as u16, &text, &f.label)?;
        }
        r += 1;
        if layout.phase_row {
            write_label(ws, r, c0, lw, "", f)?;
            for (i, p) in layout.phases.iter().enumerate() {
                ws.write_string_with_format(r, vc + i as u16, p, &f.label)?;
            }
            r += 1;
        }
        // Rows first, so formulas can refer to rows below them.
        let mut row_of = BTreeMap::new();
        let mut rr = r;
        for row in &table.rows {
            row_of.insert(row.key.clone(), rr);
            rr += 1;
            if layout.blank_row_after.as_deref() == Some(row.key.as_str()) {
                rr += 1;
            }
        }
        // What Excel would cache for each cell, computed in row order so that later formulas
        // see earlier ones. Text in an input makes the arithmetic that uses it `#VALUE!`.
        let mut computed: BTreeMap<(String, usize), Cached> = BTreeMap::new();
        for row in &table.rows {
            let rrow = row_of[&row.key];
            write_label(ws, rrow, c0, lw, &row.label, f)?;
            let money = row.unit.as_deref().is_some_and(|u| u.contains('円'));
            for i in 0..layout.years.len() {
                let c = vc + i as u16;
                let typed = data.and_then(|d| d.typed_over.get(&(row.key.clone(), i)));
                let Some(expr) = row.formula.as_ref().filter(|_| typed.is_none()) else {
                    let v = typed.cloned().or_else(|| {
                        data.and_then(|d| d.measures.get(&row.key))
                            .and_then(|v| v.get(i))
                            .cloned()
                            .flatten()
                    });
                    let fmt = if row.formula.is_some() {
                        &f.derived_money
                    } else if money {
                        &f.input_money
                    } else {
                        &f.input
                    };
                    write_input(ws, rrow, c, v.as_ref(), fmt)?;
                    computed.insert((row.key.clone(), i), Cached::of(v.as_ref()));
                    continue;
                };
                let mut keys = std::collections::BTreeSet::new();
                expr.keys(&mut keys);
                let any_error = keys
                    .iter()
                    .any(|k| computed.get(&(k.clone(), i)) == Some(&Cached::Error));
                let lookup = |k: &str| match computed.get(&(k.to_string(), i)) {
                    Some(Cached::Number(n)) => Some(*n),
                    _ => Some(0.0),
                };
                let mut result = if any_error { None } else { expr.eval(&lookup) };
                if let (Some(d), Some(v)) = (row.round, result) {
                    let p = 10f64.powi(d as i32);
                    result = Some((v * p).round() / p);
                }
                let mut excel = expr.render(&|k| {
                    format!(
                        "{}{}",
                        col_name(c),
                        row_of.get(k).map(|x| x + 1).unwrap_or(0)
                    )
                });
                if let Some(d) = row.round {
                    excel = format!("ROUND({excel},{d})");
                }
                // A division by a blank shows blank, not #DIV/0!.
                let guarded = expr.has_division();
                if guarded {
                    excel = format!("IFERROR({excel},\"\")");
                }
                let (cached_text, cached) = match result {
                    Some(v) => (crate::read::grid::format_number(v), Cached::Number(v)),
                    None if guarded => (String::new(), Cached::Blank),
                    None => ("#VALUE!".to_string(), Cached::Error),
                };
                ws.write_formula_with_format(
                    rrow,
                    c,
                    Formula::new(format!("={excel}")).set_result(cached_text),
                    &f.derived_money,
                )?;
                computed.insert((row.key.clone(), i), cached);
            }
        }
        Ok(rr + 1)
    }

    /// An indicator table: name, unit, direction, baseline, then 目標 and 実績 rows per year.
    fn indicators(&mut self, table: &Table, mut r: u32) -> Result<u32, XlsxError> {
        let (c0, lw, layout, data) = (self.c0, self.lw, self.layout, self.data);
        let (ws, f) = (&mut *self.ws, &self.f);
        ws.write_string_with_format(r, c0, &table.label, &f.caption)?;
        r += 1;
        let col = |name: &str| {
            table
                .columns
                .get(name)
                .and_then(|v| v.first())
                .cloned()
                .unwrap_or_default()
        };
        let c1 = c0 + lw;
        write_label(ws, r, c0, lw, &table.header, f)?;
        for (i, name) in ["unit", "direction", "baseline", "kind"].iter().enumerate() {
            ws.write_string_with_format(r, c1 + i as u16, col(name), &f.label)?;
        }
        let yc = c1 + 4;
        for (i, y) in layout.years.iter().enumerate() {
            ws.write_string_with_format(r, yc + i as u16, y.japanese(), &f.label)?;
        }
        r += 1;
        let blank = IndicatorInput::default();
        let n = data
            .map(|d| d.indicators.len())
            .filter(|n| *n > 0)
            .unwrap_or(table.template_indicators as usize);
        let direction_list: Vec<String> = table
            .increase
            .iter()
            .take(1)
            .chain(table.decrease.iter().take(1))
            .cloned()
            .collect();
        for k in 0..n {
            let ind = data.and_then(|d| d.indicators.get(k)).unwrap_or(&blank);
            ws.merge_range(r, c0, r + 1, c0 + lw - 1, "", &f.input)?;
            write_input(
                ws,
                r,
                c0,
                Some(&CellInput::Text(ind.name.clone())).filter(|_| !ind.name.is_empty()),
                &f.input,
            )?;
            for (dc, text) in [(0u16, &ind.unit), (1, &ind.direction)] {
                ws.merge_range(r, c1 + dc, r + 1, c1 + dc, "", &f.input)?;
                write_input(
                    ws,
                    r,
                    c1 + dc,
                    Some(&CellInput::Text(text.clone())).filter(|_| !text.is_empty()),
                    &f.input,
                )?;
            }
            ws.merge_range(r, c1 + 2, r + 1, c1 + 2, "", &f.input)?;
            write_input(ws, r, c1 + 2, ind.baseline.as_ref(), &f.input)?;
            ws.write_string_with_format(
                r,
                c1 + 3,
                table.plan.first().cloned().unwrap_or_default(),
                &f.label,
            )?;
            ws.write_string_with_format(
                r + 1,
                c1 + 3,
                table.actual.first().cloned().unwrap_or_default(),
                &f.label,
            )?;
            for i in 0..layout.years.len() {
                write_input(
                    ws,
                    r,
                    yc + i as u16,
                    ind.plan.get(i).cloned().flatten().as_ref(),
                    &f.input,
                )?;
                write_input(
                    ws,
                    r + 1,
                    yc + i as u16,
                    ind.actual.get(i).cloned().flatten().as_ref(),
                    &f.input,
                )?;
            }
            if !direction_list.is_empty() {
                let dv = DataValidation::new().allow_list_strings(&direction_list)?;
                ws.add_data_validation(r, c1 + 1, r, c1 + 1, &dv)?;
            }
            r += 2;
        }
        Ok(r + 1)
    }

    /// Evaluation fields: short choices (grades) three to a row, then the others one a row.
    fn evaluation(&mut self, mut r: u32) -> Result<u32, XlsxError> {
        let (c0, vc, lw) = (self.c0, self.vc, self.lw);
        let eval: Vec<_> = self.spec.fields_in("evaluation").collect();
        let (grades, others): (Vec<&&crate::spec::Field>, Vec<_>) = eval
            .iter()
            .partition(|x| x.spec.kind == FieldType::Choice && x.spec.choices.len() <= 4);
        if !eval.is_empty() {
            self.ws
                .write_string_with_format(r, c0, "評価", &self.f.caption)?;
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
        ws.set_name("記入要領")?;
        ws.set_column_width(0, 110)?;
        ws.write_string_with_format(0, 0, "記入要領", &Format::new().set_bold())?;
        for (i, line) in spec.template.instructions.iter().enumerate() {
            ws.write_string(i as u32 + 2, 0, format!("{}. {line}", i + 1))?;
        }
        Ok(())
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
