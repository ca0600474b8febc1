//! `report.json` and `report.xlsx`: every finding with its cell, and every input file with
//! its status.

use super::print::RunContext;
use super::relative_link;
use crate::finding::{Finding, Severity};
use crate::i18n::{Lang, Ui};
use crate::outcome::{FileOutcome, Totals};
use rust_xlsxwriter::{Color, Format, FormatAlign, Url, Worksheet, XlsxError};
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
struct ReportJson<'a> {
    tool: &'static str,
    version: &'static str,
    lang: Lang,
    totals: &'a Totals,
    /// Acknowledgements of the accepted-findings file that matched no finding.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    stale_accepted: &'a [crate::check::accepted::Acceptance],
    files: Vec<FileJson<'a>>,
    findings: Vec<crate::finding::FindingJson<'a>>,
}

/// A file as report.json lists it, its reason rendered in the report's language.
#[derive(Serialize)]
struct FileJson<'a> {
    #[serde(flatten)]
    outcome: &'a FileOutcome,
    reason_message: Option<String>,
}

pub fn json_bytes(
    outcomes: &[FileOutcome],
    totals: &Totals,
    stale_accepted: &[crate::check::accepted::Acceptance],
    lang: Lang,
) -> Vec<u8> {
    let report = ReportJson {
        tool: "hyoka",
        version: env!("CARGO_PKG_VERSION"),
        lang,
        totals,
        stale_accepted,
        files: outcomes
            .iter()
            .map(|o| FileJson {
                outcome: o,
                reason_message: o.reason_message.as_ref().map(|m| m.render(lang)),
            })
            .collect(),
        findings: outcomes
            .iter()
            .flat_map(|o| o.findings.iter())
            .map(|f| f.json(lang))
            .collect(),
    };
    let mut s = serde_json::to_vec_pretty(&report).expect("report serialises");
    s.push(b'\n');
    s
}

pub fn severity_format(s: Severity) -> Format {
    let color = match s {
        Severity::Error => 0xF8CBAD,
        Severity::Warning => 0xFFE699,
        Severity::Info => 0xDDEBF7,
    };
    Format::new().set_background_color(Color::RGB(color))
}

/// Headers are centred, so they sit evenly over left-aligned text and right-aligned counts.
pub fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
        .set_background_color(Color::RGB(0xD9D9D9))
}

/// Money and counts as the offices write them: `12,345`, `△5,000`.
pub const NUMBER_FORMAT: &str = "#,##0;△#,##0";
/// A number with decimals (`0.26`), negatives with △ as well.
pub const DECIMAL_FORMAT: &str = "#,##0.0###;△#,##0.0###";

/// Wrapped text from the top of its cell.
pub fn wrap_format() -> Format {
    Format::new().set_text_wrap().set_align(FormatAlign::Top)
}

/// Writes a header row, freezes it and puts a filter on it, the header printed on every page.
pub fn header_row(ws: &mut Worksheet, headers: &[&str], rows: u32) -> Result<(), XlsxError> {
    let hf = header_format();
    for (i, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, *h, &hf)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, rows.max(1), headers.len() as u16 - 1)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

/// The smallest print scale at which 11-point text still reads as 9 points or more.
const MIN_PRINT_SCALE: f64 = 9.0 / 11.0;
/// The printable width of landscape A4 with 0.4-inch side margins, in pixels at 96 dpi.
const A4_LANDSCAPE_PX: f64 = (297.0 / 25.4 - 0.8) * 96.0;
/// Pixels per character of column width. Excel draws a column of width w as 7w + 5 pixels
/// in Calibri; a program that substitutes a wider font (LibreOffice without Carlito draws
/// about 9.4) scales the page down further, so the estimate leaves room for it.
const PX_PER_CHAR: f64 = 9.5;

/// True when columns of these widths (characters), printed one page wide on landscape A4,
/// keep text at 9 points or more.
pub fn fits_one_page_wide(widths: &[f64]) -> bool {
    let px: f64 = widths.iter().map(|w| PX_PER_CHAR * w + 5.0).sum();
    A4_LANDSCAPE_PX / px >= MIN_PRINT_SCALE
}

/// Sets the column widths and the print layout: landscape A4, one page wide when the text
/// stays readable (≥ 9 pt); otherwise at full size across pages, the header row and the
/// first `key_columns` repeated on each. The first `printed` columns are printed (codes and
/// links are for the screen).
pub fn print_layout(
    ws: &mut Worksheet,
    widths: &[f64],
    printed: usize,
    key_columns: u16,
) -> Result<(), XlsxError> {
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    let printed = printed.clamp(1, widths.len().max(1));
    if fits_one_page_wide(&widths[..printed.min(widths.len())]) {
        ws.set_print_fit_to_pages(1, 0);
    } else if key_columns > 0 {
        ws.set_repeat_columns(0, key_columns - 1)?;
    }
    if printed < widths.len() {
        ws.set_print_area(0, 0, 1_048_575, printed as u16 - 1)?;
    }
    Ok(())
}

/// The formats a row of findings is written in: wrapped text, top-aligned cells, numbers.
pub struct RowFormats {
    pub wrap: Format,
    pub top: Format,
    int: Format,
    dec: Format,
}

impl RowFormats {
    pub fn new() -> RowFormats {
        let top = Format::new().set_align(FormatAlign::Top);
        RowFormats {
            wrap: wrap_format(),
            int: top.clone().set_num_format(NUMBER_FORMAT),
            dec: top.clone().set_num_format(DECIMAL_FORMAT),
            top,
        }
    }
}

/// A value for the expected and actual columns: a number where the text is one, so it is
/// shown with separators (`2,429`, `△5,000`); `>= 0` as words; other text as it is; nothing
/// as a blank top-aligned cell.
pub fn write_value(
    ws: &mut Worksheet,
    (r, c): (u32, u16),
    text: Option<&str>,
    lang: Lang,
    f: &RowFormats,
) -> Result<(), XlsxError> {
    let Some(text) = text else {
        ws.write_blank(r, c, &f.top)?;
        return Ok(());
    };
    let plain = text.trim();
    if let Ok(v) = plain.parse::<f64>() {
        if v.is_finite() && !plain.starts_with('+') {
            let fmt = if (v - v.round()).abs() < 1e-9 {
                &f.int
            } else {
                &f.dec
            };
            ws.write_number_with_format(r, c, v, fmt)?;
            return Ok(());
        }
    }
    let words = match (plain.strip_prefix(">="), lang) {
        (Some(min), Lang::Ja) => format!("{}以上", min.trim()),
        (Some(min), Lang::En) => format!("at least {}", min.trim()),
        (None, _) => text.to_string(),
    };
    ws.write_string_with_format(r, c, words, &f.wrap)?;
    Ok(())
}

/// Writes wrapped texts into a row and makes the row as tall as the tallest of those that
/// count (`measured`), at most 400 points, the tallest row Excel allows.
pub fn write_texts(
    ws: &mut Worksheet,
    r: u32,
    texts: &[(u16, Option<&str>)],
    widths: &[f64],
    measured: impl Fn(u16) -> bool,
    wrap: &Format,
) -> Result<(), XlsxError> {
    let mut height: f64 = 18.0;
    for &(c, t) in texts {
        ws.write_string_with_format(r, c, t.unwrap_or(""), wrap)?;
        if let Some(t) = t.filter(|_| measured(c)) {
            height = height.max(super::form_sheet::text_height(t, widths[c as usize], 1));
        }
    }
    ws.set_row_height(r, height.min(400.0))?;
    Ok(())
}

/// The severity of a finding, coloured, at the top of its cell.
pub fn write_severity(
    ws: &mut Worksheet,
    (r, c): (u32, u16),
    s: Severity,
    lang: Lang,
) -> Result<(), XlsxError> {
    let word = match (s, lang) {
        (Severity::Error, Lang::Ja) => "エラー",
        (Severity::Warning, Lang::Ja) => "警告",
        (Severity::Info, Lang::Ja) => "情報",
        (s, Lang::En) => s.as_str(),
    };
    let fmt = severity_format(s).set_align(FormatAlign::Top);
    ws.write_string_with_format(r, c, word, &fmt)?;
    Ok(())
}

/// A link into a workbook at a cell: `path` relative to the linking workbook, `/`-separated.
pub fn cell_link(path: &str, sheet: Option<&str>, cell: Option<&str>) -> String {
    let mut target = format!("file:///{path}");
    if let (Some(s), Some(c)) = (sheet, cell) {
        target.push_str(&format!("#'{}'!{c}", s.replace('\'', "''")));
    }
    target
}

/// Where the links of a findings sheet point: each source file from the sheet's folder (the
/// office's report), or the file's own name (feedback, read beside the department's copy).
#[derive(Clone, Copy)]
pub enum LinkBase<'a> {
    Folder(&'a Path),
    Beside,
}

/// A column of the findings sheet.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    Severity,
    Department,
    File,
    Sheet,
    Cell,
    Field,
    Year,
    Expected,
    Actual,
    Kind,
    Message,
    Hint,
    Code,
    Remarks,
    Link,
}

impl Column {
    fn caption(self, lang: Lang) -> &'static str {
        let ui = match self {
            Column::Severity => Ui::Severity,
            Column::Department => Ui::Department,
            Column::File => Ui::File,
            Column::Sheet => Ui::Sheet,
            Column::Cell => Ui::Cell,
            Column::Field => Ui::Field,
            Column::Year => Ui::FiscalYear,
            Column::Expected => Ui::Expected,
            Column::Actual => Ui::Actual,
            Column::Kind => Ui::Kind,
            Column::Message => Ui::Message,
            Column::Hint => Ui::Hint,
            Column::Code => Ui::Code,
            Column::Remarks => Ui::Remarks,
            Column::Link => Ui::Link,
        };
        ui.text(lang)
    }
}

/// Who reads a findings sheet: the office (every 課, a 課名 column) or one 課 (the kind of
/// each finding printed beside it, since the codes are not).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Readers {
    Office,
    Department,
}

/// The columns in order with their widths (characters), and how many are printed: what a
/// person reads first, then the code, the sheet's 備考 and the link, which are left off
/// paper. The printed ones fit one landscape A4 page at a readable size.
fn finding_columns(readers: Readers) -> (Vec<(Column, f64)>, usize) {
    use Column::*;
    let mut v = vec![(Severity, 5.0)];
    match readers {
        Readers::Office => v.push((Department, 12.0)),
        Readers::Department => {}
    }
    v.extend([
        (File, 13.0),
        (Sheet, 8.0),
        (Cell, 5.0),
        (Field, 10.0),
        (Year, 8.0),
        (Expected, 8.0),
        (Actual, 8.0),
    ]);
    match readers {
        Readers::Office => v.extend([(Message, 28.0), (Hint, 21.0)]),
        Readers::Department => v.extend([(Kind, 16.0), (Message, 26.0), (Hint, 20.0)]),
    }
    let printed = v.len();
    v.extend([(Code, 18.0), (Remarks, 30.0), (Link, 6.0)]);
    (v, printed)
}

/// The findings sheet, shared by the report and the feedback workbooks.
pub fn findings_sheet(
    ws: &mut Worksheet,
    findings: &[&Finding],
    outcomes: &[FileOutcome],
    links_from: LinkBase,
    readers: Readers,
    ctx: &RunContext,
) -> Result<(), XlsxError> {
    let lang = ctx.lang;
    let (columns, printed) = finding_columns(readers);
    let widths: Vec<f64> = columns.iter().map(|c| c.1).collect();
    let at = |k: Column| columns.iter().position(|c| c.0 == k).map(|i| i as u16);
    let headers: Vec<&str> = columns.iter().map(|c| c.0.caption(lang)).collect();
    header_row(ws, &headers, findings.len() as u32)?;
    // One link per source file with findings, worked out once rather than per finding.
    let by_path: std::collections::HashMap<&str, &FileOutcome> =
        outcomes.iter().map(|o| (o.path.as_str(), o)).collect();
    let mut links: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    // Nothing to open behind a lock file or a path that is not a file (a dangling link).
    let openable =
        |o: &FileOutcome| !matches!(o.reason.as_deref(), Some("lock-file") | Some("not-a-file"));
    let base = match links_from {
        LinkBase::Folder(d) => Some(std::fs::canonicalize(d).unwrap_or_else(|_| d.to_path_buf())),
        LinkBase::Beside => None,
    };
    for f in findings {
        if let Some(o) = by_path.get(f.file.as_str()).filter(|o| openable(o)) {
            links.entry(f.file.as_str()).or_insert_with(|| match &base {
                Some(base) => relative_link(base, &o.abs_path),
                None => o
                    .abs_path
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default(),
            });
        }
    }
    let formats = RowFormats::new();
    // Each code's kind in words, looked up once per code rather than per finding.
    let mut kinds: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    let link_col = at(Column::Link).expect("always a link column");
    let department_of = |f: &Finding| {
        by_path
            .get(f.file.as_str())
            .and_then(|o| o.department.as_deref())
            .unwrap_or(Ui::UnknownDepartment.text(lang))
    };
    for (i, f) in findings.iter().enumerate() {
        let r = i as u32 + 1;
        write_severity(ws, (r, 0), f.severity, lang)?;
        let (field, year) = (f.field_text(lang), f.year_text(lang));
        let (message, hint) = (f.shown_message(lang), f.hint_text(lang));
        let kind = kinds
            .entry(f.code.as_str())
            .or_insert_with(|| crate::check::registry::explain(&f.code, ctx.forms, lang))
            .clone();
        let texts: Vec<(u16, Option<&str>)> = [
            (Column::Department, Some(department_of(f))),
            (Column::File, Some(ctx.shown_path(&f.file))),
            (Column::Sheet, f.sheet.as_deref()),
            (Column::Cell, f.cell.as_deref()),
            (Column::Field, field.as_deref()),
            (Column::Year, year.as_deref()),
            (Column::Kind, Some(kind.as_str())),
            (Column::Message, Some(message.as_str())),
            (Column::Hint, hint.as_deref()),
            (Column::Code, Some(f.code.as_str())),
            (Column::Remarks, f.remarks.as_deref()),
        ]
        .into_iter()
        .filter_map(|(k, t)| at(k).map(|c| (c, t)))
        .collect();
        // 備考 repeats the sheet's text beside each finding: it does not set the height.
        let remarks = at(Column::Remarks);
        write_texts(
            ws,
            r,
            &texts,
            &widths,
            |c| Some(c) != remarks,
            &formats.wrap,
        )?;
        for (k, t) in [(Column::Expected, &f.expected), (Column::Actual, &f.actual)] {
            if let Some(c) = at(k) {
                write_value(ws, (r, c), t.as_deref(), lang, &formats)?;
            }
        }
        if let Some(link) = links.get(f.file.as_str()) {
            // Relative to this workbook's folder; for feedback a bare name, the file beside it.
            let target = cell_link(link, f.sheet.as_deref(), f.cell.as_deref());
            // A link Excel refuses (too long) is written as plain text instead.
            if ws
                .write_url(r, link_col, Url::new(&target).set_text(Ui::Open.text(lang)))
                .is_err()
            {
                ws.write_string(r, link_col, &target)?;
            }
        }
    }
    print_layout(ws, &widths, printed, 0)
}

/// The files sheet: every input file with its status and reason (the council book's
/// 提出状況 adds how many form sheets each held).
pub fn files_sheet(
    ws: &mut Worksheet,
    outcomes: &[&FileOutcome],
    sheet_counts: bool,
    ctx: &RunContext,
) -> Result<(), XlsxError> {
    let lang = ctx.lang;
    let mut keys = vec![Ui::File, Ui::Department, Ui::Form, Ui::Status, Ui::Reason];
    if sheet_counts {
        keys.push(Ui::Sheets);
    }
    keys.extend([Ui::Errors, Ui::Warnings, Ui::Infos]);
    let mut widths = vec![28.0, 12.0, 14.0, 10.0, 32.0];
    widths.extend(std::iter::repeat_n(7.0, keys.len() - widths.len()));
    let headers: Vec<&str> = keys.iter().map(|k| k.text(lang)).collect();
    header_row(ws, &headers, outcomes.len() as u32)?;
    let wrap = wrap_format();
    let top = Format::new().set_align(FormatAlign::Top);
    for (i, o) in outcomes.iter().enumerate() {
        let r = i as u32 + 1;
        let reason = o.reason_message.as_ref().map(|m| m.render(lang));
        let texts = [
            (0u16, Some(ctx.shown_path(&o.path))),
            (1, o.department.as_deref()),
            (2, o.form.as_deref().map(|f| ctx.form_name(f))),
            (4, reason.as_deref()),
        ];
        let mut height: f64 = 18.0;
        for (c, t) in texts {
            ws.write_string_with_format(r, c, t.unwrap_or(""), &wrap)?;
            if let Some(t) = t {
                height = height.max(super::form_sheet::text_height(t, widths[c as usize], 1));
            }
        }
        ws.set_row_height(r, height.min(400.0))?;
        let fmt = match (o.status, o.warnings) {
            (crate::outcome::Status::Clean, 0) => {
                Format::new().set_background_color(Color::RGB(0xE2EFDA))
            }
            (crate::outcome::Status::Clean, _) => severity_format(Severity::Warning),
            (crate::outcome::Status::WithErrors, _) | (crate::outcome::Status::Rejected, _) => {
                severity_format(Severity::Error)
            }
            (crate::outcome::Status::Ignored, _) => severity_format(Severity::Info),
        };
        let fmt = fmt.set_align(FormatAlign::Top);
        ws.write_string_with_format(r, 3, status_word(o, lang), &fmt)?;
        let mut counts = vec![o.errors, o.warnings, o.infos];
        if sheet_counts {
            counts.insert(0, o.sheets);
        }
        for (j, n) in counts.into_iter().enumerate() {
            ws.write_number_with_format(r, 5 + j as u16, n as f64, &top)?;
        }
    }
    print_layout(ws, &widths, widths.len(), 1)
}

/// A file's state in the words every book uses: 受理 / 警告あり / エラーあり, or why it was not
/// read.
pub fn status_word(o: &FileOutcome, lang: Lang) -> &'static str {
    use crate::outcome::Status::*;
    match (o.status, lang) {
        (Clean, _) if o.warnings > 0 => Ui::WithWarnings.text(lang),
        (Clean, _) => Ui::Clean.text(lang),
        (WithErrors, _) => Ui::WithErrors.text(lang),
        // What happened, not only that the file was not taken.
        (Rejected, _) => match (o.reason.as_deref().unwrap_or(""), lang) {
            ("no-form-sheet", Lang::Ja) => "様式なし",
            ("no-form-sheet", Lang::En) => "no form sheet",
            ("encrypted", Lang::Ja) => "暗号化",
            ("encrypted", Lang::En) => "encrypted",
            ("lock-file", Lang::Ja) => "ロックファイル",
            ("lock-file", Lang::En) => "lock file",
            ("too-large", Lang::Ja) => "大きすぎ",
            ("too-large", Lang::En) => "too large",
            ("empty-file", Lang::Ja) => "空のファイル",
            ("empty-file", Lang::En) => "empty file",
            _ => Ui::Rejected.text(lang),
        },
        (Ignored, Lang::Ja) => "対象外",
        (Ignored, Lang::En) => "ignored",
    }
}

/// The report's title on its pages.
pub fn report_title(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "評価シート 点検結果",
        Lang::En => "Evaluation workbooks: check report",
    }
}
