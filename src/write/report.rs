//! `report.json` and `report.xlsx`: every finding with its cell, and every input file with
//! its status.

use super::{relative_link, save_workbook};
use crate::finding::{Finding, Severity};
use crate::i18n::{Lang, Ui};
use crate::pipeline::{FileOutcome, Totals};
use rust_xlsxwriter::{Color, Format, Url, Workbook, Worksheet, XlsxError};
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
struct ReportJson<'a> {
    tool: &'static str,
    version: &'static str,
    lang: Lang,
    totals: &'a Totals,
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

pub fn json_bytes(outcomes: &[FileOutcome], totals: &Totals, lang: Lang) -> Vec<u8> {
    let report = ReportJson {
        tool: "hyoka",
        version: env!("CARGO_PKG_VERSION"),
        lang,
        totals,
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

pub fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9D9D9))
}

/// Writes a header row, freezes it and puts a filter on it; prints landscape, one page wide,
/// with the header on every page.
pub fn header_row(ws: &mut Worksheet, headers: &[&str], rows: u32) -> Result<(), XlsxError> {
    let hf = header_format();
    for (i, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, *h, &hf)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, rows.max(1), headers.len() as u16 - 1)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

fn severity_word(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::Ja) => "エラー",
        (Severity::Warning, Lang::Ja) => "警告",
        (Severity::Info, Lang::Ja) => "情報",
        (s, Lang::En) => s.as_str(),
    }
}

/// The findings sheet, shared by the report and the feedback workbooks.
pub fn findings_sheet(
    ws: &mut Worksheet,
    findings: &[&Finding],
    outcomes: &[FileOutcome],
    out_dir: &Path,
    lang: Lang,
) -> Result<(), XlsxError> {
    let keys = [
        Ui::Severity,
        Ui::Code,
        Ui::File,
        Ui::Sheet,
        Ui::Cell,
        Ui::Field,
        Ui::FiscalYear,
        Ui::Expected,
        Ui::Actual,
        Ui::Message,
        Ui::Hint,
        Ui::Remarks,
        Ui::Link,
    ];
    let headers: Vec<&str> = keys.iter().map(|k| k.text(lang)).collect();
    header_row(ws, &headers, findings.len() as u32)?;
    // One relative link per source file with findings, worked out once rather than per finding.
    let base = std::fs::canonicalize(out_dir).unwrap_or_else(|_| out_dir.to_path_buf());
    let by_path: std::collections::HashMap<&str, &FileOutcome> =
        outcomes.iter().map(|o| (o.path.as_str(), o)).collect();
    let mut links: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    // Nothing to open behind a lock file or a path that is not a file (a dangling link).
    let openable =
        |o: &FileOutcome| !matches!(o.reason.as_deref(), Some("lock-file") | Some("not-a-file"));
    for f in findings {
        if let Some(o) = by_path.get(f.file.as_str()).filter(|o| openable(o)) {
            links
                .entry(f.file.as_str())
                .or_insert_with(|| relative_link(&base, &o.abs_path));
        }
    }
    for (i, f) in findings.iter().enumerate() {
        let r = i as u32 + 1;
        let sev = severity_format(f.severity);
        ws.write_string_with_format(r, 0, severity_word(f.severity, lang), &sev)?;
        let texts = [
            Some(f.code.clone()),
            Some(f.file.clone()),
            f.sheet.clone(),
            f.cell.clone(),
            f.field.clone(),
        ];
        for (c, t) in texts.iter().enumerate() {
            if let Some(t) = t {
                ws.write_string(r, c as u16 + 1, t)?;
            }
        }
        if let Some(y) = f.fiscal_year {
            ws.write_number(r, 6, y as f64)?;
        }
        for (c, t) in [
            (7u16, &f.expected),
            (8, &f.actual),
            (9, &Some(f.text(lang))),
            (10, &f.hint_text(lang)),
            (11, &f.remarks),
        ] {
            if let Some(t) = t {
                ws.write_string(r, c, t)?;
            }
        }
        if let Some(link) = links.get(f.file.as_str()) {
            let mut target = format!("file:///{link}");
            if let (Some(s), Some(c)) = (&f.sheet, &f.cell) {
                target.push_str(&format!("#'{}'!{c}", s.replace('\'', "''")));
            }
            // A link Excel refuses (too long) is written as plain text instead.
            if ws
                .write_url(r, 12, Url::new(&target).set_text(Ui::Open.text(lang)))
                .is_err()
            {
                ws.write_string(r, 12, &target)?;
            }
        }
    }
    for (c, w) in [
        (0u16, 8.0),
        (1, 22.0),
        (2, 34.0),
        (3, 18.0),
        (4, 7.0),
        (5, 12.0),
        (6, 8.0),
        (7, 12.0),
        (8, 12.0),
        (9, 70.0),
        (10, 40.0),
        (11, 30.0),
        (12, 8.0),
    ] {
        ws.set_column_width(c, w)?;
    }
    Ok(())
}

/// The files sheet: every input file with its status and reason.
pub fn files_sheet(
    ws: &mut Worksheet,
    outcomes: &[&FileOutcome],
    lang: Lang,
) -> Result<(), XlsxError> {
    let keys = [
        Ui::File,
        Ui::Department,
        Ui::Form,
        Ui::Status,
        Ui::Reason,
        Ui::Errors,
        Ui::Warnings,
        Ui::Infos,
    ];
    let headers: Vec<&str> = keys.iter().map(|k| k.text(lang)).collect();
    header_row(ws, &headers, outcomes.len() as u32)?;
    for (i, o) in outcomes.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, &o.path)?;
        if let Some(d) = &o.department {
            ws.write_string(r, 1, d)?;
        }
        if let Some(f) = &o.form {
            ws.write_string(r, 2, f)?;
        }
        let status = status_word(o, lang);
        let fmt = match o.status {
            crate::pipeline::Status::Accepted => {
                Format::new().set_background_color(Color::RGB(0xE2EFDA))
            }
            crate::pipeline::Status::WithErrors => severity_format(Severity::Warning),
            crate::pipeline::Status::Rejected => severity_format(Severity::Error),
            crate::pipeline::Status::Ignored => severity_format(Severity::Info),
        };
        ws.write_string_with_format(r, 3, status, &fmt)?;
        if let Some(m) = &o.reason_message {
            ws.write_string(r, 4, m.render(lang))?;
        }
        ws.write_number(r, 5, o.errors as f64)?;
        ws.write_number(r, 6, o.warnings as f64)?;
        ws.write_number(r, 7, o.infos as f64)?;
    }
    for (c, w) in [(0u16, 40.0), (1, 16.0), (2, 12.0), (3, 12.0), (4, 50.0)] {
        ws.set_column_width(c, w)?;
    }
    Ok(())
}

pub fn status_word(o: &FileOutcome, lang: Lang) -> &'static str {
    use crate::pipeline::Status::*;
    match (o.status, lang) {
        (Accepted, _) => Ui::Accepted.text(lang),
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

pub fn write_reports(
    out_dir: &Path,
    outcomes: &[FileOutcome],
    totals: &Totals,
    lang: Lang,
) -> anyhow::Result<()> {
    super::write_atomic(
        &out_dir.join("report.json"),
        &json_bytes(outcomes, totals, lang),
    )?;
    let mut wb = Workbook::new();
    let findings: Vec<&Finding> = outcomes.iter().flat_map(|o| o.findings.iter()).collect();
    let ws = wb.add_worksheet();
    ws.set_name(Ui::Findings.text(lang))?;
    findings_sheet(ws, &findings, outcomes, out_dir, lang)?;
    let ws = wb.add_worksheet();
    ws.set_name(Ui::Files.text(lang))?;
    files_sheet(ws, &outcomes.iter().collect::<Vec<_>>(), lang)?;
    save_workbook(&mut wb, &out_dir.join("report.xlsx"))
}
