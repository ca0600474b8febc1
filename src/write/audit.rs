//! The audit's outputs: `report.json` (both years' files, the matches, the findings) and
//! `audit.xlsx`, each finding with this year's cell and last year's, a link to both.

use super::report::{
    files_sheet, header_row, print_layout, severity_format, wrap_format, DECIMAL_FORMAT,
    NUMBER_FORMAT,
};
use super::{relative_link, save_workbook, write_atomic};
use crate::check::years::Match;
use crate::finding::{Finding, Severity};
use crate::i18n::Lang;
use crate::pipeline::FileOutcome;
use rust_xlsxwriter::{Format, FormatAlign, Url, Workbook};
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
    lang: Lang,
) -> anyhow::Result<()> {
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
    let wrap = wrap_format();
    let top = Format::new().set_align(FormatAlign::Top);
    let int = top.clone().set_num_format(NUMBER_FORMAT);
    let dec = top.clone().set_num_format(DECIMAL_FORMAT);
    let link = |abs: &Path, sheet: &str, cell: &str| {
        format!(
            "file:///{}#'{}'!{cell}",
            relative_link(&base, abs),
            sheet.replace('\'', "''")
        )
    };
    for (i, f) in findings.iter().enumerate() {
        let r = i as u32 + 1;
        let word = match (f.severity, lang) {
            (Severity::Error, Lang::Ja) => "エラー",
            (Severity::Warning, Lang::Ja) => "警告",
            (Severity::Info, Lang::Ja) => "情報",
            (s, Lang::En) => s.as_str(),
        };
        ws.write_string_with_format(
            r,
            0,
            word,
            &severity_format(f.severity).set_align(FormatAlign::Top),
        )?;
        let label = f
            .field_label
            .as_ref()
            .map(|l| l.render(lang))
            .or_else(|| f.field.clone());
        let year = f
            .fiscal_year
            .map(|y| crate::i18n::Arg::Year(crate::normalise::FiscalYear(y)).render(lang));
        let message = f.text(lang);
        let prev = f.previous.as_deref();
        let texts = [
            (1u16, Some(f.file.clone())),
            (2, f.sheet.clone()),
            (3, f.cell.clone()),
            (4, label),
            (5, year),
            (8, Some(message)),
            (9, prev.map(|p| format!("{} / {}", p.file, p.sheet))),
            (10, prev.map(|p| p.cell.clone())),
            (11, Some(f.code.clone())),
        ];
        let mut height: f64 = 18.0;
        for (c, text) in &texts {
            ws.write_string_with_format(r, *c, text.as_deref().unwrap_or(""), &wrap)?;
            if let Some(text) = text {
                height = height.max(super::form_sheet::text_height(text, widths[*c as usize], 1));
            }
        }
        ws.set_row_height(r, height.min(400.0))?;
        for (c, v) in [(6u16, &f.expected), (7, &f.actual)] {
            match v.as_deref().map(str::parse::<f64>) {
                Some(Ok(n)) if n.is_finite() => {
                    let fmt = if (n - n.round()).abs() < 1e-9 {
                        &int
                    } else {
                        &dec
                    };
                    ws.write_number_with_format(r, c, n, fmt)?;
                }
                Some(_) => {
                    ws.write_string_with_format(r, c, v.as_deref().unwrap_or(""), &wrap)?;
                }
                None => {
                    ws.write_blank(r, c, &top)?;
                }
            }
        }
        let here = current
            .iter()
            .find(|o| o.path == f.file)
            .map(|o| o.abs_path.as_path())
            .or(prev.map(|p| p.abs_path.as_path()));
        if let (Some(abs), Some(sheet), Some(cell)) = (here, &f.sheet, &f.cell) {
            let _ = ws.write_url(
                r,
                12,
                Url::new(link(abs, sheet, cell)).set_text(t("開く", "open")),
            );
        }
        if let Some(p) = prev {
            let _ = ws.write_url(
                r,
                13,
                Url::new(link(&p.abs_path, &p.sheet, &p.cell)).set_text(t("開く", "open")),
            );
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
            ws.write_string_with_format(r, c, text, &wrap)?;
        }
    }
    print_layout(ws, &[12.0, 10.0, 30.0, 36.0, 36.0, 10.0], 6, 0)?;

    for (name, files) in [
        (t("今年度のファイル", "this year's files"), current),
        (t("前年度のファイル", "last year's files"), previous),
    ] {
        let ws = wb.add_worksheet();
        ws.set_name(name)?;
        files_sheet(ws, &files.iter().collect::<Vec<_>>(), true, lang)?;
    }
    save_workbook(&mut wb, &out.join("audit.xlsx"))
}
