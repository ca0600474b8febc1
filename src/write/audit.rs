//! The audit's outputs: `report.json` (both years' files, the matches, the findings) and
//! `audit.xlsx`, each finding with this year's cell and last year's, a link to both.

use super::print::{page_furniture, RunContext};
use super::report::{
    cell_link, files_sheet, header_row, print_layout, write_severity, write_texts, write_value,
    RowFormats,
};
use super::{relative_link, save_workbook, write_atomic};
use crate::check::audit::Match;
use crate::finding::{Finding, Severity};
use crate::i18n::Lang;
use crate::outcome::FileOutcome;
use rust_xlsxwriter::{Url, Workbook};
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
struct AuditJson<'a> {
    tool: &'static str,
    version: &'static str,
    lang: Lang,
    totals: AuditTotals,
    previous_files: &'a [FileOutcome],
    current_files: &'a [FileOutcome],
    matches: &'a [Match],
    findings: Vec<crate::finding::FindingJson<'a>>,
}

#[derive(Serialize)]
struct AuditTotals {
    errors: usize,
    warnings: usize,
    infos: usize,
    matched: usize,
    only_previous: usize,
    only_current: usize,
}

pub fn write_audit(
    out: &Path,
    previous: &[FileOutcome],
    current: &[FileOutcome],
    findings: &[Finding],
    matches: &[Match],
    ctx: &RunContext,
) -> anyhow::Result<()> {
    let lang = ctx.lang;
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let report = AuditJson {
        tool: "hyoka",
        version: env!("CARGO_PKG_VERSION"),
        lang,
        totals: AuditTotals {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            matched: matches
                .iter()
                .filter(|m| m.current.is_some() && m.previous.is_some())
                .count(),
            only_previous: matches.iter().filter(|m| m.current.is_none()).count(),
            only_current: matches.iter().filter(|m| m.previous.is_none()).count(),
        },
        previous_files: previous,
        current_files: current,
        matches,
        findings: findings.iter().map(|f| f.json(lang)).collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&report)?;
    bytes.push(b'\n');
    write_atomic(&out.join("report.json"), &bytes)?;

    let t = |ja: &'static str, en: &'static str| match lang {
        Lang::Ja => ja,
        Lang::En => en,
    };
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(t("照合結果", "findings"))?;
    let headers = [
        t("重要度", "severity"),
        t("ファイル", "file"),
        t("シート", "sheet"),
        t("セル", "cell"),
        t("項目", "field"),
        t("年度", "fiscal year"),
        t("前年度の値", "last year"),
        t("今年度の値", "this year"),
        t("内容", "message"),
        t("前年度のファイル", "last year's file"),
        t("前年度のセル", "last year's cell"),
        t("コード", "code"),
        t("開く（今年度）", "open (this year)"),
        t("開く（前年度）", "open (last year)"),
    ];
    // The first eleven print one landscape page wide at 9 pt or more.
    let widths = [
        6.0, 14.0, 9.0, 5.0, 12.0, 9.0, 9.0, 9.0, 30.0, 14.0, 8.0, 18.0, 9.0, 9.0,
    ];
    header_row(ws, &headers, findings.len() as u32)?;
    let base = std::fs::canonicalize(out).unwrap_or_else(|_| out.to_path_buf());
    let formats = RowFormats::new();
    let link = |abs: &Path, sheet: &str, cell: &str| {
        let target = cell_link(&relative_link(&base, abs), Some(sheet), Some(cell));
        Url::new(target).set_text(t("開く", "open"))
    };
    for (i, f) in findings.iter().enumerate() {
        let r = i as u32 + 1;
        write_severity(ws, (r, 0), f.severity, lang)?;
        let (label, year, message) = (f.field_text(lang), f.year_text(lang), f.shown_message(lang));
        let prev = f.previous.as_deref();
        let prev_file = prev.map(|p| format!("{} / {}", p.file, p.sheet));
        let texts = [
            (1u16, Some(f.file.as_str())),
            (2, f.sheet.as_deref()),
            (3, f.cell.as_deref()),
            (4, label.as_deref()),
            (5, year.as_deref()),
            (8, Some(message.as_str())),
            (9, prev_file.as_deref()),
            (10, prev.map(|p| p.cell.as_str())),
            (11, Some(f.code.as_str())),
        ];
        write_texts(ws, r, &texts, &widths, |_| true, &formats.wrap)?;
        for (c, v) in [(6u16, &f.expected), (7, &f.actual)] {
            write_value(ws, (r, c), v.as_deref(), lang, &formats)?;
        }
        let here = current
            .iter()
            .find(|o| o.path == f.file)
            .map(|o| o.abs_path.as_path())
            .or(prev.map(|p| p.abs_path.as_path()));
        if let (Some(abs), Some(sheet), Some(cell)) = (here, &f.sheet, &f.cell) {
            let _ = ws.write_url(r, 12, link(abs, sheet, cell));
        }
        if let Some(p) = prev {
            let _ = ws.write_url(r, 13, link(&p.abs_path, &p.sheet, &p.cell));
        }
    }
    print_layout(ws, &widths, 11, 0)?;

    let ws = wb.add_worksheet();
    ws.set_name(t("対応表", "matches"))?;
    let headers = [
        t("様式", "form"),
        t("番号", "number"),
        t("名称", "name"),
        t("今年度", "this year"),
        t("前年度", "last year"),
        t("対応", "matched by"),
    ];
    header_row(ws, &headers, matches.len() as u32)?;
    for (i, m) in matches.iter().enumerate() {
        let r = i as u32 + 1;
        let by = match (m.by, lang) {
            ("number", Lang::Ja) => "番号",
            ("name", Lang::Ja) => "名称",
            ("renamed", Lang::Ja) => "変更の届出",
            ("sheet", Lang::Ja) => "課・シート",
            (_, Lang::Ja) => "なし",
            (by, Lang::En) => by,
        };
        for (c, text) in [
            (0u16, m.form.as_str()),
            (1, m.id.as_str()),
            (2, m.name.as_str()),
            (3, m.current.as_deref().unwrap_or("")),
            (4, m.previous.as_deref().unwrap_or("")),
            (5, by),
        ] {
            ws.write_string_with_format(r, c, text, &formats.wrap)?;
        }
    }
    print_layout(ws, &[12.0, 10.0, 30.0, 36.0, 36.0, 10.0], 6, 0)?;

    for (name, files) in [
        (t("今年度のファイル", "this year's files"), current),
        (t("前年度のファイル", "last year's files"), previous),
    ] {
        let ws = wb.add_worksheet();
        ws.set_name(name)?;
        files_sheet(ws, &files.iter().collect::<Vec<_>>(), true, ctx)?;
    }
    let title = t("前年度との照合", "Audit against last year");
    for ws in wb.worksheets_mut() {
        page_furniture(ws, title, &ctx.stamp, lang)?;
    }
    save_workbook(&mut wb, &out.join("audit.xlsx"))
}
