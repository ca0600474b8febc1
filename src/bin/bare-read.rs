//! The bench's floor: what reading the same files costs with calamine and nothing else. One
//! thread opens each workbook, reads every cell of every sheet, and keeps only a count, so
//! `hyoka validate` can be measured against the bare read of its own inputs.
//!
//! `bare-read DIR_OR_FILES...` prints files, sheets, cells and the time taken.

use calamine::{open_workbook_auto, Data, Reader};
use std::path::{Path, PathBuf};

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        entries.sort();
        for e in entries {
            collect(&e, out);
        }
    } else if matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("xlsx" | "xlsm" | "xlsb" | "xls" | "ods")
    ) && !path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with("~$"))
    {
        out.push(path.to_path_buf());
    }
}

fn main() {
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        collect(Path::new(&arg), &mut files);
    }
    let started = std::time::Instant::now();
    let (mut sheets, mut cells, mut failed) = (0usize, 0usize, 0usize);
    for file in &files {
        let Ok(mut wb) = open_workbook_auto(file) else {
            failed += 1;
            continue;
        };
        for name in wb.sheet_names() {
            let Ok(range) = wb.worksheet_range(&name) else {
                continue;
            };
            sheets += 1;
            cells += range
                .used_cells()
                .filter(|(_, _, v)| **v != Data::Empty)
                .count();
        }
    }
    println!(
        "{} files ({failed} unreadable), {sheets} sheets, {cells} cells in {:.3} s",
        files.len(),
        started.elapsed().as_secs_f64()
    );
}
