//! Helpers: a clean project to mutate, writing it as a workbook, running the pipeline.

use hyoka::check::CheckConfig;
use hyoka::form::FormSpec;
use hyoka::i18n::Lang;
use hyoka::normalise::FiscalYear;
use hyoka::outcome::{FileOutcome, Input};
use hyoka::pipeline::{process_input, RunOptions};
use hyoka::read::Limits;
use hyoka::spec::load_forms;
use hyoka::write::form_sheet::{
    form_workbook, CellInput, FormData, Guide, IndicatorInput, TemplateLayout,
};
use hyoka::write::{workbook_bytes, write_atomic};
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn spec() -> FormSpec {
    load_forms(None)
        .unwrap()
        .into_iter()
        .find(|f| f.form.id == "jimu-jigyo")
        .unwrap()
}

pub fn n(v: f64) -> Option<CellInput> {
    Some(CellInput::Number(v))
}
pub fn t(s: &str) -> Option<CellInput> {
    Some(CellInput::Text(s.to_string()))
}

/// A clean project: evaluation year 令和6年度, columns 令和5・6・7年度. 事業費 1,000 = 300 + 0 +
/// 200 + 500; 人件費 818 + 0; total 1,818; 対象数 100 → 18,180 円.
pub fn clean() -> FormData {
    let mut d = FormData::default();
    for (k, v) in [
        ("name", "テスト事業"),
        ("id", "40-106"),
        ("bu", "企画部"),
        ("ka", "経営企画課"),
        ("eval_year", "令和6年度"),
        ("start_year", "令和元年度"),
        ("progress", "A"),
        ("effectiveness", "B"),
        ("efficiency", "A"),
        ("direction", "継続"),
    ] {
        d.fields.insert(k.into(), CellInput::Text(v.into()));
    }
    let row = |v: f64| vec![n(v), n(v), n(v)];
    d.measures.insert("a".into(), row(1_000.0));
    d.measures.insert("r1".into(), row(300.0));
    d.measures.insert("r2".into(), row(0.0));
    d.measures.insert("r3".into(), row(200.0));
    d.measures.insert("staff".into(), row(0.1));
    d.measures.insert("staff_cost".into(), row(818.0));
    d.measures.insert("other_cost".into(), row(0.0));
    d.measures.insert("target_count".into(), row(100.0));
    d.indicators.push(IndicatorInput {
        name: "協定団体数".into(),
        unit: "団体".into(),
        direction: "増加".into(),
        baseline: n(2.0),
        plan: vec![n(2.0), n(3.0), n(4.0)],
        actual: vec![n(3.0), n(4.0), None],
        ..Default::default()
    });
    d
}

pub fn layout() -> TemplateLayout {
    TemplateLayout::canonical(&spec(), FiscalYear(2024))
}

pub fn write_book(dir: &Path, name: &str, data: &FormData, layout: &TemplateLayout) -> PathBuf {
    let path = dir.join(name);
    let mut wb = form_workbook(&spec(), layout, Some(data), None, Guide::None).unwrap();
    write_atomic(&path, &workbook_bytes(&mut wb).unwrap()).unwrap();
    path
}

pub fn check_with(path: &Path, config: &CheckConfig, lang: Lang) -> FileOutcome {
    let forms = vec![spec()];
    let limits = Limits::default();
    let opts = RunOptions {
        forms: &forms,
        config,
        limits: &limits,
        spill: None,
        trim: false,
        across_files: true,
    };
    let _ = lang; // messages are rendered by the writers, in the output's language
    let input = Input::file(
        path.to_path_buf(),
        path.file_name().unwrap().to_string_lossy().to_string(),
        false,
    );
    process_input(&input, &opts)
}

pub fn check(path: &Path) -> FileOutcome {
    check_with(path, &CheckConfig::default(), Lang::Ja)
}

/// (code, cell) of every error and warning, in report order.
pub fn found(o: &FileOutcome) -> Vec<(String, String)> {
    o.findings
        .iter()
        .filter(|f| f.severity != hyoka::finding::Severity::Info)
        .map(|f| (f.code.clone(), f.cell.clone().unwrap_or_default()))
        .collect()
}

/// Writes the project, checks it and returns its errors and warnings.
pub fn findings_for(data: &FormData, layout: &TemplateLayout) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let p = write_book(dir.path(), "book.xlsx", data, layout);
    found(&check(&p))
}

pub fn pair(code: &str, cell: &str) -> (String, String) {
    (code.to_string(), cell.to_string())
}

/// Runs the hyoka binary.
/// 2025-04-01 00:00 UTC, the day the tests' books say they were made.
pub const FIXED_EPOCH: &str = "1743465600";

pub fn hyoka(args: &[&str], cwd: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_hyoka"))
        .args(args)
        .current_dir(cwd)
        // The books print the day they were made: fixed, so two runs give the same bytes.
        .env("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        .env("TZ", "UTC")
        .output()
        .unwrap()
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Reads a JSON output (report.json).
pub fn read_json(path: impl AsRef<Path>) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// Rewrites one part of an xlsx (a zip), every part stored with `method`.
pub fn rewrite_part(
    xlsx: &[u8],
    part: &str,
    method: zip::CompressionMethod,
    edit: impl Fn(String) -> String,
) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default().compression_method(method);
        for i in 0..src.len() {
            let mut f = src.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut body = Vec::new();
            f.read_to_end(&mut body).unwrap();
            if name == part {
                body = edit(String::from_utf8_lossy(&body).into_owned()).into_bytes();
            }
            z.start_file(name, opts).unwrap();
            z.write_all(&body).unwrap();
        }
        z.finish().unwrap();
    }
    out.into_inner()
}

/// File names in a folder, sorted.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    v.sort();
    v
}

/// Runs `hyoka <command> <input> --out out` in `dir`, checks the exit code, and returns the
/// report it wrote.
pub fn run_in(dir: &Path, command: &str, input: &str, code: i32) -> serde_json::Value {
    run_in_with(dir, command, input, &[], code)
}

/// `run_in` with further arguments (`--spec my.toml`).
pub fn run_in_with(
    dir: &Path,
    command: &str,
    input: &str,
    extra: &[&str],
    code: i32,
) -> serde_json::Value {
    let mut args = vec![command, input, "--out", "out", "--progress", "never"];
    args.extend_from_slice(extra);
    let out = hyoka(&args, dir);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    read_json(dir.join("out/report.json"))
}

/// Says that a test skips, and why, where the test output shows it: straight to the process's
/// stderr, which the test harness does not capture (it captures `eprintln!`).
pub fn skip(test: &str, why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
}

/// Reads and checks one file with the given forms, as a run does.
pub fn check_forms(path: &Path, forms: &[FormSpec]) -> FileOutcome {
    check_forms_with(path, forms, &CheckConfig::default())
}

/// Reads and checks one file with the given forms and run settings (a department list).
pub fn check_forms_with(path: &Path, forms: &[FormSpec], config: &CheckConfig) -> FileOutcome {
    let limits = Limits::default();
    let opts = RunOptions {
        forms,
        config,
        limits: &limits,
        spill: None,
        trim: false,
        across_files: true,
    };
    let input = Input::file(
        path.to_path_buf(),
        path.file_name().unwrap().to_string_lossy().to_string(),
        false,
    );
    process_input(&input, &opts)
}

/// Writes the bytes as a workbook named `name` and checks it with every built-in form.
pub fn check_built_in(bytes: &[u8], name: &str) -> FileOutcome {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    check_forms(&p, &hyoka::spec::built_in_forms().unwrap())
}

/// A built-in form by id.
pub fn built_in(id: &str) -> FormSpec {
    hyoka::spec::built_in_forms()
        .unwrap()
        .into_iter()
        .find(|f| f.form.id == id)
        .unwrap()
}

/// A form's template for an evaluation year, filled with the figures, as workbook bytes.
pub fn template_bytes(id: &str, year: i32, data: &FormData) -> Vec<u8> {
    use hyoka::write::form_sheet::{form_workbook, Guide};
    let spec = built_in(id);
    let layout = TemplateLayout::canonical(&spec, hyoka::normalise::FiscalYear(year));
    let mut wb = form_workbook(&spec, &layout, Some(data), None, Guide::None).unwrap();
    hyoka::write::workbook_bytes(&mut wb).unwrap()
}

/// Runs `consolidate` on the bundled samples into `out`, with further arguments.
pub fn consolidate_samples(out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "consolidate",
        "samples",
        "--out",
        out.to_str().unwrap(),
        "--progress",
        "never",
    ];
    args.extend_from_slice(extra);
    hyoka(&args, &repo())
}

/// What a run's books are told of it, for tests that write them directly: no year, no list,
/// the time fixed.
pub fn run_context(
    forms: &[hyoka::form::FormSpec],
    lang: hyoka::i18n::Lang,
) -> hyoka::write::print::RunContext<'_> {
    hyoka::write::print::RunContext {
        stamp: hyoka::write::print::Stamp {
            fiscal_year: None,
            made: jiff::civil::date(2025, 4, 1).at(9, 0, 0, 0),
        },
        inputs: Vec::new(),
        departments: None,
        forms,
        lang,
        resend_by: None,
    }
}

/// consolidated.csv as the keys alone, the label columns beside them left out: what tests of
/// the figures compare (the labels have tests of their own).
pub fn csv_keys(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let keep: Vec<usize> = rows[0]
        .iter()
        .enumerate()
        .filter(|(_, h)| !h.ends_with("_label"))
        .map(|(i, _)| i)
        .collect();
    let mut out = String::new();
    for row in &rows {
        let cells: Vec<&str> = keep.iter().map(|&i| &row[i]).collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// A clean 事務事業評価シート with its 課名 left blank, as bytes.
pub fn workbook_without_department() -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let mut data = clean();
    data.fields.insert(
        "ka".into(),
        hyoka::write::form_sheet::CellInput::Text(String::new()),
    );
    std::fs::read(write_book(dir.path(), "事業.xlsx", &data, &layout())).unwrap()
}
