//! One feedback workbook per department, to send back (差し戻し) as it is: a cover (宛先,
//! counts, what to do, by when to resend), its own findings each with its kind in words, its
//! files, and the kinds explained with their codes. File names are made safe from the
//! department name.

use super::print::{page_furniture, RunContext};
use super::report::{
    files_sheet, findings_sheet, header_format, header_row, print_layout, severity_format,
    status_word, wrap_format, LinkBase, Readers,
};
use super::{safe_file_stem, save_workbook};
use crate::finding::{Finding, Severity};
use crate::i18n::{Lang, Ui};
use crate::outcome::FileOutcome;
use rayon::prelude::*;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The feedback's title on its pages (the year stands beside it).
fn page_title(lang: Lang) -> &'static str {
    lang.pick(
        "評価シート 点検結果のお知らせ",
        "Evaluation workbooks: what the check found",
    )
}

/// The feedback's title on its cover.
fn feedback_title(ctx: &RunContext) -> String {
    let what = page_title(ctx.lang);
    match ctx.stamp.year_text(ctx.lang) {
        Some(y) => format!("{y} {what}"),
        None => what.to_string(),
    }
}

/// What the 課 is asked to do, from the worst of its findings.
fn what_to_do(errors: usize, warnings: usize, lang: Lang) -> &'static str {
    match (errors > 0, warnings > 0) {
        (true, _) => lang.pick("「指摘」シートのエラーをすべて直し、直したブックを期限までに再提出してください。警告は内容を確かめ、誤りなら直してください（正しい場合は理由を備考に書いてください）。",
            "Correct every error of the sheet of findings and send the corrected workbook again by the date below. Check each warning and correct it if it is a mistake (if the figure is right, say why in 備考).",
        ),
        (false, true) => lang.pick("エラーはありません。警告の内容を確かめ、誤りなら直して再提出してください。正しい場合は再提出は要りません。",
            "There are no errors. Check each warning; send the workbook again only if you correct something.",
        ),
        (false, false) => lang.pick("指摘はありません。このまま受け付けます。",
            "Nothing was found; the workbooks are taken as they are.",
        ),
    }
}

/// The cover: to whom, the counts, what to do and by when, then the files with their state.
fn cover_sheet(
    ws: &mut Worksheet,
    department: &str,
    files: &[&FileOutcome],
    findings: &[&Finding],
    ctx: &RunContext,
) -> Result<(), XlsxError> {
    let lang = ctx.lang;
    let title = feedback_title(ctx);
    let bold = Format::new().set_bold();
    let label = Format::new()
        .set_bold()
        .set_background_color(rust_xlsxwriter::Color::RGB(0xF2F2F2))
        .set_align(FormatAlign::Top);
    let wrap = wrap_format();
    ws.write_string_with_format(0, 0, &title, &bold.clone().set_font_size(16))?;
    ws.set_row_height(0, 26)?;
    let to = match lang {
        Lang::Ja => format!("{department} 御中"),
        Lang::En => format!("To: {department}"),
    };
    ws.write_string_with_format(2, 0, &to, &bold.clone().set_font_size(13))?;
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let resend_by = ctx.resend_by.clone().unwrap_or_else(|| {
        lang.pick("　　　　年　　月　　日", "____ / __ / __")
            .to_string()
    });
    let counts = match lang {
        Lang::Ja => format!(
            "ファイル {}、エラー {errors} 件、警告 {warnings} 件",
            files.len()
        ),
        Lang::En => format!(
            "{} file{}, {errors} error{}, {warnings} warning{}",
            files.len(),
            if files.len() == 1 { "" } else { "s" },
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        ),
    };
    let facts: Vec<(&str, String)> = vec![
        (lang.pick("作成日", "made"), ctx.stamp.date_text(lang)),
        (lang.pick("点検の結果", "found"), counts),
        (
            lang.pick("お願い", "what to do"),
            what_to_do(errors, warnings, lang).to_string(),
        ),
        (lang.pick("再提出の期限", "send again by"), resend_by),
        (
            lang.pick("再提出のしかた", "how to resend"),
            lang.pick("直したブックだけを、ファイル名を変えずに送ってください。各指摘の「開く」から該当のセルへ移れます（このブックを元のブックと同じフォルダに置いたとき）。",
                "Send only the corrected workbooks, under their names. Each finding's link opens its cell when this workbook sits beside the original ones.",
            )
            .to_string(),
        ),
    ];
    let mut r = 4u32;
    for (k, v) in &facts {
        ws.write_string_with_format(r, 0, *k, &label)?;
        ws.merge_range(r, 1, r, 4, v, &wrap)?;
        let h = super::form_sheet::text_height(v, 70.0, 1);
        ws.set_row_height(r, h.max(18.0))?;
        r += 1;
    }
    r += 1;
    let hf = header_format();
    let headers = [
        Ui::File.text(lang),
        Ui::Status.text(lang),
        Ui::Errors.text(lang),
        Ui::Warnings.text(lang),
    ];
    for (c, h) in headers.iter().enumerate() {
        let c = if c == 0 { 0 } else { c as u16 + 1 };
        ws.write_string_with_format(r, c, *h, &hf)?;
    }
    ws.merge_range(r, 0, r, 1, Ui::File.text(lang), &hf)?;
    r += 1;
    let top = Format::new().set_align(FormatAlign::Top);
    for o in files {
        ws.merge_range(r, 0, r, 1, ctx.shown_path(&o.path), &wrap)?;
        let fmt = match (o.errors, o.warnings) {
            (0, 0) => top.clone(),
            (0, _) => severity_format(Severity::Warning),
            _ => severity_format(Severity::Error),
        };
        ws.write_string_with_format(r, 2, status_word(o, lang), &fmt)?;
        ws.write_number_with_format(r, 3, o.errors as f64, &top)?;
        ws.write_number_with_format(r, 4, o.warnings as f64, &top)?;
        let h = super::form_sheet::text_height(ctx.shown_path(&o.path), 40.0, 1);
        ws.set_row_height(r, h.max(18.0))?;
        r += 1;
    }
    for (c, w) in [18.0, 24.0, 12.0, 9.0, 9.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_paper_size(9);
    ws.set_portrait();
    ws.set_margins(0.7, 0.7, 0.8, 0.8, 0.3, 0.3);
    ws.set_print_fit_to_pages(1, 0);
    page_furniture(ws, page_title(lang), &ctx.stamp, lang)
}

/// Each kind of finding in words with how often it occurs and its code, for a call to the
/// office about it.
fn explanations_sheet(
    ws: &mut Worksheet,
    findings: &[&Finding],
    ctx: &RunContext,
) -> Result<(), XlsxError> {
    let lang = ctx.lang;
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in findings {
        *counts.entry(f.code.as_str()).or_default() += 1;
    }
    let headers = [
        Ui::Kind.text(lang),
        lang.pick("件数", "count"),
        Ui::Code.text(lang),
    ];
    header_row(ws, &headers, counts.len() as u32)?;
    let widths = [70.0, 8.0, 24.0];
    let wrap = wrap_format();
    for (i, (code, n)) in counts.iter().enumerate() {
        let r = i as u32 + 1;
        let text = crate::check::registry::explain(code, ctx.forms, lang);
        ws.write_string_with_format(r, 0, &text, &wrap)?;
        ws.write_number(r, 1, *n as f64)?;
        ws.write_string_with_format(r, 2, *code, &wrap)?;
        ws.set_row_height(r, super::form_sheet::text_height(&text, widths[0], 1))?;
    }
    print_layout(ws, &widths, widths.len(), 0)
}

/// Writes `feedback/<課名>.xlsx` for every department with files; returns the department and
/// the path of each, in department order.
pub fn write_feedback(
    out_dir: &Path,
    outcomes: &[FileOutcome],
    ctx: &RunContext,
) -> anyhow::Result<Vec<(String, PathBuf)>> {
    let lang = ctx.lang;
    let unknown = Ui::UnknownDepartment.text(lang).to_string();
    let mut by_dept: BTreeMap<String, Vec<&FileOutcome>> = BTreeMap::new();
    for o in outcomes
        .iter()
        .filter(|o| o.status != crate::outcome::Status::Ignored)
    {
        let d = o
            .department
            .clone()
            .filter(|d| !d.trim().is_empty())
            .unwrap_or_else(|| unknown.clone());
        by_dept.entry(d).or_default().push(o);
    }
    let dir = out_dir.join("feedback");
    // Made before any workbook, so every link inside them is worked out from the real folder.
    std::fs::create_dir_all(&dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
    // Names are settled first (in department order, so collisions resolve the same way every
    // run); the workbooks are then written in parallel.
    let mut used = BTreeSet::new();
    let mut jobs = Vec::new();
    for (dept, files) in by_dept {
        let stem = safe_file_stem(&dept, &unknown);
        let mut name = stem.clone();
        let mut n = 2;
        while !used.insert(name.clone()) {
            name = format!("{stem}_{n}");
            n += 1;
        }
        jobs.push((dept, dir.join(format!("{name}.xlsx")), files));
    }
    jobs.par_iter()
        .map(|(dept, path, files)| -> anyhow::Result<(String, PathBuf)> {
            let findings: Vec<&Finding> = files.iter().flat_map(|o| o.findings.iter()).collect();
            let title = page_title(lang);
            let mut wb = Workbook::new();
            let ws = wb.add_worksheet();
            ws.set_name(lang.pick("表紙", "cover"))?;
            cover_sheet(ws, dept, files, &findings, ctx)?;
            let ws = wb.add_worksheet();
            ws.set_name(Ui::Findings.text(lang))?;
            // The feedback travels by mail to the 課, who keep it beside their own workbook.
            findings_sheet(
                ws,
                &findings,
                outcomes,
                LinkBase::Beside,
                Readers::Department,
                ctx,
            )?;
            page_furniture(ws, title, &ctx.stamp, lang)?;
            let ws = wb.add_worksheet();
            ws.set_name(Ui::Files.text(lang))?;
            files_sheet(ws, files, false, ctx)?;
            page_furniture(ws, title, &ctx.stamp, lang)?;
            let ws = wb.add_worksheet();
            ws.set_name(Ui::Explanations.text(lang))?;
            explanations_sheet(ws, &findings, ctx)?;
            page_furniture(ws, title, &ctx.stamp, lang)?;
            save_workbook(&mut wb, path)?;
            Ok((dept.clone(), path.clone()))
        })
        .collect()
}
