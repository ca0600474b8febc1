//! One feedback workbook per department: its own findings and files only, to send back
//! (差し戻し). File names are made safe from the department name.

use super::report::{files_sheet, findings_sheet, header_row, print_layout, wrap_format, LinkBase};
use super::{safe_file_stem, save_workbook};
use crate::finding::Finding;
use crate::i18n::{Lang, Ui};
use crate::pipeline::FileOutcome;
use rayon::prelude::*;
use rust_xlsxwriter::Workbook;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What each code among the findings means, with how often it occurs: a department reads
/// the feedback without the tool's documentation at hand.
fn explanations_sheet(
    ws: &mut rust_xlsxwriter::Worksheet,
    findings: &[&Finding],
    forms: &[crate::spec::FormSpec],
    lang: Lang,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in findings {
        *counts.entry(f.code.as_str()).or_default() += 1;
    }
    let count = match lang {
        Lang::Ja => "件数",
        Lang::En => "count",
    };
    let headers = [Ui::Code.text(lang), Ui::Summary.text(lang), count];
    header_row(ws, &headers, counts.len() as u32)?;
    let widths = [22.0, 80.0, 8.0];
    let wrap = wrap_format();
    for (i, (code, n)) in counts.iter().enumerate() {
        let r = i as u32 + 1;
        let text = explanation(code, forms, lang);
        ws.write_string_with_format(r, 0, *code, &wrap)?;
        ws.write_string_with_format(r, 1, &text, &wrap)?;
        ws.write_number(r, 2, *n as f64)?;
        ws.set_row_height(r, super::form_sheet::text_height(&text, widths[1], 1))?;
    }
    print_layout(ws, &widths, widths.len(), 0)
}

/// A code's one-line summary; a code a form spec defines is explained by its own rule.
pub fn explanation(code: &str, forms: &[crate::spec::FormSpec], lang: Lang) -> String {
    if let Some(c) = crate::check::registry::find(code) {
        return c.summary.get(lang).to_string();
    }
    let blocks = || forms.iter().flat_map(|f| f.blocks.iter());
    if let Some(c) = blocks()
        .flat_map(|b| b.checks.iter())
        .find(|c| c.code == code)
    {
        return match lang {
            Lang::Ja => format!("様式の計算式「{}」と合いません。", c.text),
            Lang::En => format!("The form's rule \"{}\" does not hold.", c.text),
        };
    }
    // A derived row's own code (`staff-cost`): the row does not match its formula.
    match blocks()
        .flat_map(|b| b.rows.iter())
        .find(|r| r.code == code)
    {
        Some(r) => match lang {
            Lang::Ja => format!("「{}」が様式の計算式と合いません。", r.label),
            Lang::En => format!("{} does not match the form's formula.", r.label_en),
        },
        None => String::new(),
    }
}

/// Writes `feedback/<課名>.xlsx` for every department with files; returns the paths written.
pub fn write_feedback(
    out_dir: &Path,
    outcomes: &[FileOutcome],
    forms: &[crate::spec::FormSpec],
    lang: Lang,
) -> anyhow::Result<Vec<PathBuf>> {
    let unknown = Ui::UnknownDepartment.text(lang).to_string();
    let mut by_dept: BTreeMap<String, Vec<&FileOutcome>> = BTreeMap::new();
    for o in outcomes
        .iter()
        .filter(|o| o.status != crate::pipeline::Status::Ignored)
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
        jobs.push((dir.join(format!("{name}.xlsx")), files));
    }
    jobs.par_iter()
        .map(|(path, files)| -> anyhow::Result<PathBuf> {
            let findings: Vec<&Finding> = files.iter().flat_map(|o| o.findings.iter()).collect();
            let mut wb = Workbook::new();
            let ws = wb.add_worksheet();
            ws.set_name(Ui::Findings.text(lang))?;
            // The feedback travels by mail to the 課, who keep it beside their own workbook.
            findings_sheet(ws, &findings, outcomes, LinkBase::Beside, lang)?;
            let ws = wb.add_worksheet();
            ws.set_name(Ui::Files.text(lang))?;
            files_sheet(ws, files, false, lang)?;
            let ws = wb.add_worksheet();
            ws.set_name(Ui::Explanations.text(lang))?;
            explanations_sheet(ws, &findings, forms, lang)?;
            save_workbook(&mut wb, path)?;
            Ok(path.clone())
        })
        .collect()
}
