//! Real spreadsheets nobody here wrote (../shared/corpora, when it is beside the checkout):
//! every file is read or rejected with a reason, none crashes or hangs, and the formats read
//! the same.

use crate::common::*;
use hyoka::check::CheckConfig;
use hyoka::outcome::Status;
use hyoka::pipeline::{collect_inputs, process_input, RunOptions};
use hyoka::read::{read_path, Limits};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn corpora(test: &str) -> Option<PathBuf> {
    let p = repo().join("../shared/corpora");
    if p.is_dir() {
        Some(p)
    } else {
        skip(test, "../shared/corpora is not beside the checkout");
        None
    }
}

/// Generous: a file that takes longer is hanging, not slow.
const BUDGET_PER_FILE: Duration = Duration::from_secs(30);

#[test]
fn corpus_sweep_every_file_accounted_for() {
    let Some(dir) = corpora("corpus::corpus_sweep_every_file_accounted_for") else {
        return;
    };
    // POI's Simple.xlsb makes the reader panic: its finding, not a backtrace in the test log.
    hyoka::read::quiet_reader_panics();
    let inputs = collect_inputs(std::slice::from_ref(&dir), None);
    assert!(inputs.len() > 900, "{} files", inputs.len());
    let forms = vec![spec()];
    let limits = Limits::default();
    let config = CheckConfig::default();
    let opts = RunOptions {
        forms: &forms,
        config: &config,
        limits: &limits,
        spill: None,
        trim: false,
        across_files: true,
    };
    let results: Vec<(String, Status, String, Duration)> = inputs
        .par_iter()
        .map(|i| {
            let t = Instant::now();
            let o = process_input(i, &opts);
            (o.path, o.status, o.reason.unwrap_or_default(), t.elapsed())
        })
        .collect();
    let mut by_reason: BTreeMap<String, usize> = BTreeMap::new();
    for (path, status, reason, took) in &results {
        assert!(*took < BUDGET_PER_FILE, "{path} took {took:?}");
        if *status == Status::Rejected || *status == Status::Ignored {
            assert!(!reason.is_empty(), "{path} rejected without a reason");
        }
        *by_reason.entry(format!("{status:?} {reason}")).or_default() += 1;
    }
    let slowest = results.iter().max_by_key(|r| r.3).unwrap();
    eprintln!(
        "corpus: {} files, {by_reason:?}; slowest {} in {:?}",
        results.len(),
        slowest.0,
        slowest.3
    );

    // The command line over the same folder: exit 0 or 1, every file in the report.
    let out_dir = tempfile::tempdir().unwrap();
    let out = hyoka(
        &[
            "validate",
            dir.to_str().unwrap(),
            "--out",
            out_dir.path().to_str().unwrap(),
            "--progress",
            "never",
        ],
        &repo(),
    );
    assert!(
        matches!(out.status.code(), Some(0) | Some(1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = read_json(out_dir.path().join("report.json"));
    assert_eq!(report["files"].as_array().unwrap().len(), inputs.len());
    assert_eq!(report["totals"]["files"], inputs.len());
}

#[test]
fn the_formats_read_the_same() {
    let Some(dir) = corpora("corpus::the_formats_read_the_same") else {
        return;
    };
    let files = dir.join("calamine/files");
    let read = |name: &str| {
        let wb = read_path(&files.join(name), &Limits::default())
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        wb.sheets
            .iter()
            .map(|s| {
                let cells: Vec<((u32, u32), String)> = s
                    .grid
                    .iter()
                    .map(|(p, c)| (*p, hyoka::read::grid::data_text(&c.value)))
                    .collect();
                (s.name.clone(), s.visible, cells)
            })
            .collect::<Vec<_>>()
    };
    let xlsx = read("any_sheets.xlsx");
    assert!(xlsx.iter().any(|s| !s.2.is_empty()));
    for other in ["any_sheets.xls", "any_sheets.xlsb", "any_sheets.ods"] {
        assert_eq!(read(other), xlsx, "{other}");
    }
    // Merged regions, where the format records them.
    let merged = |name: &str| {
        let wb = read_path(&files.join(name), &Limits::default()).unwrap();
        wb.sheets[0].grid.merged().to_vec()
    };
    assert!(!merged("merge_cells.xlsx").is_empty());
    assert_eq!(merged("merge_cells.xls"), merged("merge_cells.xlsx"));
}

#[test]
fn japanese_department_workbooks_read() {
    let Some(dir) = corpora("corpus::japanese_department_workbooks_read") else {
        return;
    };
    let inputs = collect_inputs(&[dir.join("jp-sabae")], None);
    let mut read = 0;
    for i in inputs.iter().filter(|i| !i.ignored) {
        let wb = read_path(&i.path, &Limits::default())
            .unwrap_or_else(|e| panic!("{}: {e:?}", i.display));
        assert!(
            wb.sheets.iter().any(|s| !s.grid.is_empty()),
            "{}",
            i.display
        );
        read += 1;
    }
    assert!(read >= 50, "{read}");
}
