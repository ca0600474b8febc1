//! report.xlsx put together: 概要 first, then the findings by 課 and every file; and
//! report.json beside it.

use super::print::{page_furniture, RunContext};
use super::report::{files_sheet, findings_sheet, json_bytes, report_title, LinkBase, Readers};
use super::save_workbook;
use crate::finding::Finding;
use crate::i18n::Ui;
use crate::outcome::{FileOutcome, Totals};
use rust_xlsxwriter::Workbook;
use std::path::Path;

/// report.json, and report.xlsx: 概要 first, then the findings by 課 and every file.
pub fn write_reports(
    out_dir: &Path,
    outcomes: &[FileOutcome],
    totals: &Totals,
    stale_accepted: &[crate::check::accepted::Acceptance],
    ctx: &RunContext,
) -> anyhow::Result<()> {
    let lang = ctx.lang;
    super::write_atomic(
        &out_dir.join("report.json"),
        &json_bytes(outcomes, totals, stale_accepted, lang),
    )?;
    let mut wb = Workbook::new();
    let title = report_title(lang);
    let ws = wb.add_worksheet();
    ws.set_name(Ui::Overview.text(lang))?;
    super::overview::overview_sheet(ws, outcomes, totals, ctx)?;
    // By 課 (the list's order, then by name), each 課's findings in the order of its files.
    let rank: std::collections::HashMap<&str, usize> = ctx
        .departments
        .map(|l| {
            l.names
                .iter()
                .enumerate()
                .map(|(i, n)| (n.as_str(), i))
                .collect()
        })
        .unwrap_or_default();
    let mut by_file: Vec<&FileOutcome> = outcomes.iter().collect();
    by_file.sort_by_key(|o| {
        let d = o.department.as_deref();
        (
            d.is_none(),
            d.and_then(|d| rank.get(d)).copied().unwrap_or(usize::MAX),
            d.unwrap_or(""),
        )
    });
    let findings: Vec<&Finding> = by_file.iter().flat_map(|o| o.findings.iter()).collect();
    let ws = wb.add_worksheet();
    ws.set_name(Ui::Findings.text(lang))?;
    findings_sheet(
        ws,
        &findings,
        outcomes,
        LinkBase::Folder(out_dir),
        Readers::Office,
        ctx,
    )?;
    page_furniture(ws, title, &ctx.stamp, lang)?;
    let ws = wb.add_worksheet();
    ws.set_name(Ui::Files.text(lang))?;
    files_sheet(ws, &outcomes.iter().collect::<Vec<_>>(), false, ctx)?;
    page_furniture(ws, title, &ctx.stamp, lang)?;
    save_workbook(&mut wb, &out_dir.join("report.xlsx"))
}
