//! One feedback workbook per department: its own findings and files only, to send back
//! (差し戻し). File names are made safe from the department name.

use super::report::{files_sheet, findings_sheet};
use super::{safe_file_stem, save_workbook};
use crate::finding::Finding;
use crate::i18n::{Lang, Ui};
use crate::pipeline::FileOutcome;
use rayon::prelude::*;
use rust_xlsxwriter::Workbook;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Writes `feedback/<課名>.xlsx` for every department with files; returns the paths written.
pub fn write_feedback(
    out_dir: &Path,
    outcomes: &[FileOutcome],
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
            findings_sheet(ws, &findings, outcomes, &dir, lang)?;
            let ws = wb.add_worksheet();
            ws.set_name(Ui::Files.text(lang))?;
            files_sheet(ws, files, lang)?;
            save_workbook(&mut wb, path)?;
            Ok(path.clone())
        })
        .collect()
}
