//! One fixture per built-in finding code: the smallest input that makes `hyoka` report it,
//! run through the command line in Japanese and in English, and the findings of that code
//! snapshotted (severity, file, sheet, cell, the message and hint in both languages) with
//! `insta` in `tests/it/snapshots/`. Every code `hyoka rules` lists as built-in has a fixture
//! here, or is named in `UNREACHABLE` with the reason it cannot be reported.
//!
//! Workbooks are written cell by cell by `xml_book` (not by hyoka's own template writer), laid
//! out as the form's template or published seed lays it out; file-level codes get other bytes
//! (a lock file, an empty file, a folder, a compound file …). Update the snapshots with
//! `INSTA_UPDATE=always cargo test --release --test it code_fixtures`, then read every changed
//! one; `CODE_FIXTURES_KEEP=DIR` keeps each fixture's files and both reports in `DIR/<code>`.

use crate::common::{hyoka, read_json, rewrite_part};
use crate::seed_figures::{item_seed_cells, plan_seed_cells, ITEMS, PLAN_ITEMS, TOTAL};
use crate::xml_book::{cells_sheet, num, s, xlsx, SheetXml, C};
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

// ---- what a fixture runs ---------------------------------------------------------------------

/// The command a fixture runs, without `--out`, `--lang` and `--progress` (the harness adds
/// them, once per language).
struct Run {
    args: Vec<String>,
}

impl Run {
    /// `hyoka validate <inputs>`.
    fn validate(inputs: &[&str]) -> Run {
        let mut args = vec!["validate".to_string()];
        args.extend(inputs.iter().map(|s| s.to_string()));
        Run { args }
    }
    /// `hyoka audit --previous <previous> --current <current>`.
    fn audit(previous: &str, current: &str) -> Run {
        Run {
            args: ["audit", "--previous", previous, "--current", current]
                .map(String::from)
                .to_vec(),
        }
    }
    /// Further arguments (`--year 令和7年度`).
    fn with(mut self, extra: &[&str]) -> Run {
        self.args.extend(extra.iter().map(|s| s.to_string()));
        self
    }
    fn takes_progress(&self) -> bool {
        self.args[0] == "validate" || self.args[0] == "consolidate"
    }
}

type Fixture = fn(&Path) -> Run;

/// Every built-in code and the fixture that makes hyoka report it.
const FIXTURES: &[(&str, Fixture)] = &[
    // files
    ("lock-file", lock_file),
    ("empty-file", empty_file),
    ("not-a-file", not_a_file),
    ("not-a-workbook", not_a_workbook),
    ("encrypted", encrypted),
    ("unreadable", unreadable),
    ("reader-panic", reader_panic),
    ("too-large", too_large),
    ("not-a-workbook-name", not_a_workbook_name),
    // sheets
    ("sheet-skipped", sheet_skipped),
    ("hidden-sheet", hidden_sheet),
    ("sheet-unreadable", sheet_unreadable),
    ("no-form-sheet", no_form_sheet),
    ("export-without-rows", export_without_rows),
    // fields
    ("field-from-context", field_from_context),
    ("required-missing", required_missing),
    ("pattern-mismatch", pattern_mismatch),
    ("choice-invalid", choice_invalid),
    ("year-unreadable", year_unreadable),
    ("nonexistent-year", nonexistent_year),
    ("calendar-year", calendar_year),
    ("start-after-eval", start_after_eval),
    ("unknown-department", unknown_department),
    (
        "eval-year-not-submission-year",
        eval_year_not_submission_year,
    ),
    // structure
    ("table-missing", table_missing),
    ("row-missing", row_missing),
    ("layout-mismatch", layout_mismatch),
    ("fiscal-year-order", fiscal_year_order),
    ("fiscal-year-duplicate", fiscal_year_duplicate),
    ("fiscal-year-outside-window", fiscal_year_outside_window),
    ("fiscal-year-era-mixed", fiscal_year_era_mixed),
    ("eval-year-not-in-header", eval_year_not_in_header),
    ("eval-year-phase", eval_year_phase),
    ("block-unread", block_unread),
    // cells
    ("not-a-number", not_a_number),
    ("too-precise", too_precise),
    ("cell-error", cell_error),
    ("date-in-number-cell", date_in_number_cell),
    ("unit-mismatch", unit_mismatch),
    ("negative", negative),
    ("negative-without-remarks", negative_without_remarks),
    ("value-missing", value_missing),
    ("unit-inconsistent", unit_inconsistent),
    ("percent-out-of-range", percent_out_of_range),
    ("cumulative-decreasing", cumulative_decreasing),
    ("formula-not-computed", formula_not_computed),
    // identities
    ("identity", identity),
    ("condition", condition),
    ("derived-overwritten", derived_overwritten),
    ("stale-cached-value", stale_cached_value),
    // grades
    ("grade-mismatch", grade_mismatch),
    ("percent-scale", percent_scale),
    ("grade-not-checked", grade_not_checked),
    // repeats
    ("repeat-differs", repeat_differs),
    ("repeat-original-missing", repeat_original_missing),
    // schedule
    ("numbering-gap", numbering_gap),
    ("plan-years-differ", plan_years_differ),
    ("step-not-listed", step_not_listed),
    ("arrow-without-step", arrow_without_step),
    ("schedule-text", schedule_text),
    // across files
    ("duplicate-project", duplicate_project),
    ("duplicate-file", duplicate_file),
    ("cross-form-mismatch", cross_form_mismatch),
    ("cross-form-unmatched", cross_form_unmatched),
    // across years (audit)
    ("prior-figure-changed", prior_figure_changed),
    ("target-changed", target_changed),
    ("cost-jump", cost_jump),
    ("project-vanished", project_vanished),
    ("project-appeared", project_appeared),
    ("grade-changed-figures-same", grade_changed_figures_same),
    ("figures-changed-grade-same", figures_changed_grade_same),
    ("copied-sheet", copied_sheet),
];

/// Built-in codes no input can make hyoka report, and why.
const UNREACHABLE: &[(&str, &str)] = &[];

// ---- workbooks ---------------------------------------------------------------------------------

/// Cell edits on a sheet written by `xml_book`.
trait Edit: Sized {
    fn put(self, at: &str, c: C) -> Self;
    fn clear(self, at: &str) -> Self;
    /// Removes every cell and merged range of the rows (1-based).
    fn clear_rows(self, rows: std::ops::RangeInclusive<u32>) -> Self;
}

impl Edit for SheetXml {
    fn put(mut self, at: &str, c: C) -> Self {
        self.cells.retain(|(a, _)| a != at);
        self.cells.push((at.to_string(), c));
        self
    }
    fn clear(mut self, at: &str) -> Self {
        let before = self.cells.len();
        self.cells.retain(|(a, _)| a != at);
        assert!(self.cells.len() < before, "no cell {at} to clear");
        self
    }
    fn clear_rows(mut self, rows: std::ops::RangeInclusive<u32>) -> Self {
        let row = |a: &str| crate::xml_book::split(a).1;
        self.cells.retain(|(a, _)| !rows.contains(&row(a)));
        self.merges
            .retain(|m| !rows.contains(&row(m.split(':').next().unwrap())));
        self
    }
}

fn write(path: &Path, bytes: &[u8]) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
}

/// The sheets as an xlsx with shared strings, written to `dir/name`.
fn book(dir: &Path, name: &str, sheets: &[SheetXml]) {
    write(&dir.join(name), &xlsx(sheets, true));
}

fn fiscal(year: i32) -> String {
    hyoka::normalise::FiscalYear(year).japanese()
}

/// Figures that grow by year, so that two years' sheets agree where both report a year and
/// differ everywhere else. 事業費 1,000 in 令和5年度, 100 more each year; 国県支出金 300, その他特定財源
/// 200, 正規職員 0.1 人 and 818 千円, 対象数 100. The indicator's 目標 is 2 a year more (令和6年度: 8),
/// its 実績 1.5 times that (12: 150 %, grade A).
fn figures(key: &str, y: i32) -> Option<f64> {
    Some(match key {
        "a" => 1_000.0 + 100.0 * (y - 2023) as f64,
        "r1" => 300.0,
        "r2" => 0.0,
        "r3" => 200.0,
        "staff" => 0.1,
        "staff_cost" => 818.0,
        "other_cost" => 0.0,
        "target_count" => 100.0,
        "plan" => 2.0 * (y - 2020) as f64,
        "actual" => 3.0 * (y - 2020) as f64,
        _ => return None,
    })
}

/// The 事務事業評価シート as its template lays it out (`hyoka template jimu-jigyo`): title in B1,
/// header fields with their values to the right (C3 事業名, G3 事業番号, C4 部名, G4 課名, C5 評価年度,
/// G5 事業開始年度), the cost table under 区分 (years in C8:E8, 実績 / 実績 / 予算 in row 9, rows 10–21
/// by their labels in column B, 一般財源, 人件費合計, トータルコスト and 単位当たりコスト as formulas with
/// their results), the indicators under 指標名 (row 24; 目標 row 25, 実績 row 26, years in G:I,
/// a second indicator's rows left blank) and the grades in row 31. `eval` is the 評価年度;
/// `figures` gives every figure by measure and year.
fn jimu_sheet(eval: i32, figures: &dyn Fn(&str, i32) -> Option<f64>) -> SheetXml {
    let years = [eval - 1, eval, eval + 1];
    let cols = ["C", "D", "E"];
    let mut sh = SheetXml::new("事務事業評価シート")
        .cell("B1", s("事務事業評価シート"))
        .merge("B1:G1");
    for (at, text) in [
        ("B3", "事業名"),
        ("C3", "協働推進事業"),
        ("F3", "事業番号"),
        ("G3", "40-106"),
        ("B4", "部名"),
        ("C4", "企画部"),
        ("F4", "課名"),
        ("G4", "経営企画課"),
        ("B5", "評価年度"),
        ("F5", "事業開始年度"),
        ("G5", "令和元年度"),
        ("B7", "コスト（単位：千円）"),
        ("B8", "区分"),
    ] {
        sh = sh.cell(at, s(text));
    }
    sh = sh.cell("C5", s(&fiscal(eval)));
    for m in ["C3:E3", "G3:H3", "C4:E4", "G4:H4", "C5:E5", "G5:H5"] {
        sh = sh.merge(m);
    }
    for (i, y) in years.iter().enumerate() {
        sh = sh.cell(&format!("{}8", cols[i]), s(&fiscal(*y))).cell(
            &format!("{}9", cols[i]),
            s(if *y <= eval { "実績" } else { "予算" }),
        );
    }
    let rows: [(u32, &str, &str); 12] = [
        (10, "a", "事業費合計 (a)"),
        (11, "r1", "国県支出金 ①"),
        (12, "r2", "地方債 ②"),
        (13, "r3", "その他特定財源 ③"),
        (14, "gen", "一般財源 (a)-①-②-③"),
        (15, "staff", "正規職員数（人）"),
        (16, "staff_cost", "正規職員人件費"),
        (17, "other_cost", "その他職員人件費"),
        (18, "b", "人件費合計 (b)"),
        (19, "total", "トータルコスト (a)+(b)"),
        (20, "target_count", "対象数"),
        (21, "unit_cost", "単位当たりコスト（円）"),
    ];
    for (r, _, label) in rows {
        sh = sh.cell(&format!("B{r}"), s(label));
    }
    for (i, y) in years.iter().enumerate() {
        let c = cols[i];
        let f = |k: &str| figures(k, *y).unwrap_or(0.0);
        for (r, key, _) in rows {
            if let Some(v) = figures(key, *y) {
                sh = sh.cell(&format!("{c}{r}"), num(v));
            }
        }
        let gen = f("a") - f("r1") - f("r2") - f("r3");
        let b = f("staff_cost") + f("other_cost");
        let total = f("a") + b;
        let unit = (total * 1000.0 / f("target_count")).round();
        for (r, formula, v) in [
            (14, format!("{c}10-{c}11-{c}12-{c}13"), gen),
            (18, format!("{c}16+{c}17"), b),
            (19, format!("{c}10+{c}18"), total),
            (21, format!("IFERROR(ROUND({c}19*1000/{c}20,0),\"\")"), unit),
        ] {
            sh = sh.cell(&format!("{c}{r}"), C::F(formula, Some(v)));
        }
    }
    for (at, text) in [
        ("B23", "成果指標"),
        ("B24", "指標名"),
        ("C24", "単位"),
        ("D24", "方向"),
        ("E24", "基準値"),
        ("F24", "区分"),
        ("B25", "協定団体数"),
        ("C25", "団体"),
        ("D25", "増加"),
        ("F25", "目標"),
        ("F26", "実績"),
        ("F27", "目標"),
        ("F28", "実績"),
        ("B30", "評価"),
        ("B31", "進捗状況"),
        ("C31", "A"),
        ("D31", "有効性"),
        ("E31", "B"),
        ("F31", "効率性"),
        ("G31", "A"),
        ("B32", "今後の方向性"),
        ("C32", "継続"),
        ("B33", "備考"),
    ] {
        sh = sh.cell(at, s(text));
    }
    sh = sh.cell("E25", num(2.0));
    for (i, y) in years.iter().enumerate() {
        let c = ["G", "H", "I"][i];
        sh = sh.cell(&format!("{c}24"), s(&fiscal(*y)));
        if let Some(v) = figures("plan", *y) {
            sh = sh.cell(&format!("{c}25"), num(v));
        }
        if *y <= eval {
            if let Some(v) = figures("actual", *y) {
                sh = sh.cell(&format!("{c}26"), num(v));
            }
        }
    }
    for m in [
        "B25:B26", "C25:C26", "D25:D26", "E25:E26", "B27:B28", "C27:C28", "D27:D28", "E27:E28",
        "C32:D32", "C33:H33",
    ] {
        sh = sh.merge(m);
    }
    sh
}

/// The clean 事務事業評価シート of 令和6年度 (years 令和5–7).
fn jimu() -> SheetXml {
    jimu_sheet(2024, &figures)
}

/// `in/事業.xlsx` holding the sheet; validates `in`.
fn jimu_run(dir: &Path, sheet: SheetXml) -> Run {
    book(dir, "in/事業.xlsx", &[sheet]);
    Run::validate(&["in"])
}

/// A sheet of notes a department adds beside the form.
fn memo() -> SheetXml {
    SheetXml::new("メモ").cell("A1", s("連絡事項"))
}

/// Seed 000 (施策 1-4) as published, in a file whose name gives its 課.
fn shisaku_seed() -> SheetXml {
    crate::shisaku::seed_sheet(TOTAL.0)
}
const SHISAKU_FILE: &str = "in/企画政策課_施策1-4.xlsx";

/// Seed 001 (取り組み推進項目調書) with the items of these numbers, after `edit`.
fn gyokaku_seed(numbers: &[&str], edit: impl Fn(&mut Vec<(u32, u32, String)>)) -> SheetXml {
    let items: Vec<_> = numbers
        .iter()
        .map(|n| ITEMS.iter().find(|i| i.number == *n).unwrap())
        .collect();
    let mut cells = item_seed_cells(&items, &[]);
    edit(&mut cells);
    cells_sheet("調書", &cells)
}

/// Seed 002 (行動計画 実施状況) with every item, tables split before the numbers in `splits`,
/// after `edit`.
fn keikaku_seed(splits: &[&str], edit: impl Fn(&mut Vec<(u32, u32, String)>)) -> SheetXml {
    let items: Vec<_> = PLAN_ITEMS.iter().collect();
    let mut cells = plan_seed_cells(&items, splits);
    edit(&mut cells);
    cells_sheet("実施状況", &cells)
}

/// The row (zero-based) of plan item `number` under the `nth` heading (0 = the first) in
/// seed 002's cells.
fn plan_row(cells: &[(u32, u32, String)], nth: usize, number: &str) -> u32 {
    cells
        .iter()
        .filter(|c| c.1 == 0 && c.2 == number)
        .nth(nth)
        .unwrap()
        .0
}

/// Replaces the text of the cell at (row, column), zero-based, or adds it.
fn set_cell(cells: &mut Vec<(u32, u32, String)>, r: u32, c: u32, text: &str) {
    cells.retain(|x| !(x.0 == r && x.1 == c));
    cells.push((r, c, text.to_string()));
}

// ---- files -------------------------------------------------------------------------------------

fn lock_file(dir: &Path) -> Run {
    // What Excel leaves beside an open workbook: a few bytes named `~$` + the name.
    write(&dir.join("in/~$事業.xlsx"), &[6, 0, 0, 0]);
    Run::validate(&["in"])
}

fn empty_file(dir: &Path) -> Run {
    write(&dir.join("in/事業.xlsx"), b"");
    Run::validate(&["in"])
}

fn not_a_file(dir: &Path) -> Run {
    // A folder named like a workbook inside the folder read.
    std::fs::create_dir_all(dir.join("in/事業.xlsx")).unwrap();
    Run::validate(&["in"])
}

fn not_a_workbook(dir: &Path) -> Run {
    // A web page saved as .xls, as some systems export.
    write(
        &dir.join("in/事業.xls"),
        "<html><body><table><tr><td>事業名</td></tr></table></body></html>".as_bytes(),
    );
    // A zip holding no workbook (a folder of documents zipped and named .xlsx).
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        z.start_file("説明.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all("事業の説明".as_bytes()).unwrap();
        z.finish().unwrap();
    }
    write(&dir.join("in/資料.xlsx"), &buf.into_inner());
    Run::validate(&["in"])
}

fn encrypted(dir: &Path) -> Run {
    // A password-protected xlsx: a compound file holding EncryptionInfo and EncryptedPackage.
    let mut cf = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    {
        let mut info = cf.create_stream("/EncryptionInfo").unwrap();
        info.write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0]).unwrap();
    }
    {
        let mut package = cf.create_stream("/EncryptedPackage").unwrap();
        package.write_all(&[0x5A; 4096]).unwrap();
    }
    cf.flush().unwrap();
    write(&dir.join("in/事業.xlsx"), &cf.into_inner().into_inner());
    Run::validate(&["in"])
}

fn unreadable(dir: &Path) -> Run {
    let good = xlsx(&[jimu()], true);
    // A copy cut short (its zip directory is gone) …
    write(&dir.join("in/途中.xlsx"), &good[..good.len() / 2]);
    // … and a whole zip whose workbook part is not XML.
    let broken = rewrite_part(
        &good,
        "xl/workbook.xml",
        zip::CompressionMethod::Deflated,
        |_| "<workbook".to_string(),
    );
    write(&dir.join("in/破損.xlsx"), &broken);
    Run::validate(&["in"])
}

fn reader_panic(dir: &Path) -> Run {
    // An xlsb that makes calamine panic: the panic is this file's finding.
    write(&dir.join("in/事業.xlsb"), &crate::hostile::panicking_xlsb());
    Run::validate(&["in"])
}

fn too_large(dir: &Path) -> Run {
    // A good workbook over a lowered cell limit.
    jimu_run(dir, jimu()).with(&["--max-cells", "50"])
}

fn not_a_workbook_name(dir: &Path) -> Run {
    // A note beside the workbooks: listed, not read.
    book(dir, "in/事業.xlsx", &[jimu()]);
    write(&dir.join("in/メモ.txt"), "提出は7月末まで".as_bytes());
    Run::validate(&["in"])
}

// ---- sheets ------------------------------------------------------------------------------------

fn sheet_skipped(dir: &Path) -> Run {
    book(dir, "in/事業.xlsx", &[jimu(), memo()]);
    Run::validate(&["in"])
}

fn hidden_sheet(dir: &Path) -> Run {
    let bytes = rewrite_part(
        &xlsx(&[jimu(), memo()], true),
        "xl/workbook.xml",
        zip::CompressionMethod::Deflated,
        |x| {
            let hidden = x.replacen(r#"sheetId="1""#, r#"sheetId="1" state="hidden""#, 1);
            assert_ne!(hidden, x);
            hidden
        },
    );
    write(&dir.join("in/事業.xlsx"), &bytes);
    Run::validate(&["in"])
}

fn sheet_unreadable(dir: &Path) -> Run {
    // The notes sheet names a shared string the table does not hold.
    let bytes = rewrite_part(
        &xlsx(&[jimu(), memo()], true),
        "xl/worksheets/sheet2.xml",
        zip::CompressionMethod::Deflated,
        |x| {
            let re = regex::Regex::new(r#"(<c r="A1" t="s"><v>)\d+(</v>)"#).unwrap();
            assert!(re.is_match(&x), "{x}");
            re.replace(&x, "${1}9999${2}").into_owned()
        },
    );
    write(&dir.join("in/事業.xlsx"), &bytes);
    Run::validate(&["in"])
}

fn no_form_sheet(dir: &Path) -> Run {
    book(dir, "in/事業.xlsx", &[memo()]);
    Run::validate(&["in"])
}

fn export_without_rows(dir: &Path) -> Run {
    // A system export's header with no project under it.
    write(
        &dir.join("in/出力.xlsx"),
        &crate::export::export(0, false, |_| {}),
    );
    Run::validate(&["in"])
}

// ---- fields ------------------------------------------------------------------------------------

fn field_from_context(dir: &Path) -> Run {
    // Seed 000 has neither 担当課 nor 評価年度: the file name gives the one, the latest year with
    // results the other.
    book(dir, SHISAKU_FILE, &[shisaku_seed()]);
    Run::validate(&["in"])
}

fn required_missing(dir: &Path) -> Run {
    jimu_run(dir, jimu().clear("C3"))
}

fn pattern_mismatch(dir: &Path) -> Run {
    // The letter O typed for a zero.
    jimu_run(dir, jimu().put("G3", s("40-1O6")))
}

fn choice_invalid(dir: &Path) -> Run {
    jimu_run(dir, jimu().put("E31", s("S")).put("C32", s("続ける")))
}

fn year_unreadable(dir: &Path) -> Run {
    jimu_run(dir, jimu().put("G5", s("昔から")))
}

fn nonexistent_year(dir: &Path) -> Run {
    jimu_run(dir, jimu().put("G5", s("平成32年度")))
}

fn calendar_year(dir: &Path) -> Run {
    jimu_run(dir, jimu().put("G5", s("元年分")))
}

fn start_after_eval(dir: &Path) -> Run {
    jimu_run(dir, jimu().put("G5", s("令和7年度")))
}

fn unknown_department(dir: &Path) -> Run {
    write(&dir.join("departments.txt"), "総務課\n財政課\n".as_bytes());
    jimu_run(dir, jimu()).with(&["--departments", "departments.txt"])
}

fn eval_year_not_submission_year(dir: &Path) -> Run {
    jimu_run(dir, jimu()).with(&["--year", "令和7年度"])
}

// ---- structure ---------------------------------------------------------------------------------

fn table_missing(dir: &Path) -> Run {
    // The cost table deleted, caption and all.
    jimu_run(dir, jimu().clear_rows(7..=21))
}

fn row_missing(dir: &Path) -> Run {
    // The 対象数 row deleted.
    jimu_run(dir, jimu().clear_rows(20..=20))
}

fn layout_mismatch(dir: &Path) -> Run {
    // Seed 001's item 13 as its text shows it: `目 標 | 検討 | …`, the first target where the
    // row's label belongs.
    let sheet = gyokaku_seed(&["8"], |cells| {
        let row = cells.iter().find(|c| c.2 == "事業数 (単年)").unwrap().0;
        cells.retain(|c| c.0 != row);
        for (c, t) in [(0, "目 標"), (1, "検討"), (2, "1"), (3, "1"), (4, "1")] {
            cells.push((row, c, t.to_string()));
        }
    });
    book(dir, "in/取り組み推進項目調書.xlsx", &[sheet]);
    Run::validate(&["in"])
}

fn fiscal_year_order(dir: &Path) -> Run {
    // 令和8年度 where 令和7年度 belongs.
    jimu_run(dir, jimu().put("E8", s("令和8年度")))
}

fn fiscal_year_duplicate(dir: &Path) -> Run {
    jimu_run(dir, jimu().put("E8", s("令和6年度")))
}

fn fiscal_year_outside_window(dir: &Path) -> Run {
    // 令和4・5・6年度 under 評価年度 令和6年度, without the phase row: the first lies two years back.
    let sh = jimu()
        .put("C8", s("令和4年度"))
        .put("D8", s("令和5年度"))
        .put("E8", s("令和6年度"))
        .clear_rows(9..=9);
    jimu_run(dir, sh)
}

fn fiscal_year_era_mixed(dir: &Path) -> Run {
    jimu_run(dir, jimu().put("D8", s("2024年度")))
}

fn eval_year_not_in_header(dir: &Path) -> Run {
    // The sheet of two years ago (令和3–5年度) sent with this year's 評価年度 typed over it.
    let sh = jimu_sheet(2022, &figures).put("C5", s("令和6年度"));
    jimu_run(dir, sh)
}

fn eval_year_phase(dir: &Path) -> Run {
    // The evaluation year's column still marked 予算, as in last year's sheet.
    jimu_run(dir, jimu().put("D9", s("予算")))
}

fn block_unread(dir: &Path) -> Run {
    // The indicator table's header left, its indicators deleted (an optional table: a warning) …
    book(dir, "in/事業.xlsx", &[jimu().clear_rows(25..=28)]);
    // … and seed 003's second table with its header and no indicator.
    let sheet = crate::tassei::seed_sheet(|t, _, cells| {
        if t == 1 {
            cells.iter_mut().for_each(|c| *c = None);
        }
    });
    book(dir, "in/達成目標.xlsx", &[sheet]);
    Run::validate(&["in"])
}

// ---- cells -------------------------------------------------------------------------------------

fn not_a_number(dir: &Path) -> Run {
    jimu_run(dir, jimu().put("D10", s("未定")))
}

fn too_precise(dir: &Path) -> Run {
    jimu_run(dir, jimu().put("D12", s("12345678901234567")))
}

/// The sheet's XML with one cell rewritten: `<c r="D11">…</c>` becomes `cell`.
fn with_raw_cell(sheet: SheetXml, at: &str, cell: &str) -> Vec<u8> {
    let bytes = xlsx(&[sheet], true);
    rewrite_part(
        &bytes,
        "xl/worksheets/sheet1.xml",
        zip::CompressionMethod::Deflated,
        |x| {
            let re = regex::Regex::new(&format!(r#"<c r="{at}"[^>]*>.*?</c>"#)).unwrap();
            assert!(re.is_match(&x), "{at}");
            re.replace(&x, cell).into_owned()
        },
    )
}

fn cell_error(dir: &Path) -> Run {
    // 国県支出金 令和6年度 a formula whose saved result is #DIV/0!.
    let bytes = with_raw_cell(
        jimu(),
        "D11",
        r#"<c r="D11" t="e"><f>300/0</f><v>#DIV/0!</v></c>"#,
    );
    write(&dir.join("in/事業.xlsx"), &bytes);
    Run::validate(&["in"])
}

fn date_in_number_cell(dir: &Path) -> Run {
    // 国県支出金 令和6年度 holding a date (the cell typed as 4/1).
    let bytes = with_raw_cell(
        jimu(),
        "D11",
        r#"<c r="D11" t="d"><v>2024-04-01T00:00:00</v></c>"#,
    );
    write(&dir.join("in/事業.xlsx"), &bytes);
    Run::validate(&["in"])
}

fn unit_mismatch(dir: &Path) -> Run {
    // 正規職員人件費 令和6年度 written in 円 in a 千円 table.
    jimu_run(dir, jimu().put("D16", s("818,000円")))
}

fn negative(dir: &Path) -> Run {
    jimu_run(
        dir,
        jimu_sheet(2024, &|k, y| match (k, y) {
            ("r3", 2024) => Some(-200.0),
            _ => figures(k, y),
        }),
    )
}

fn negative_without_remarks(dir: &Path) -> Run {
    // その他特定財源 900 beside 国県支出金 300 of 事業費 1,100: 一般財源 −100, with 備考 blank.
    jimu_run(
        dir,
        jimu_sheet(2024, &|k, y| match (k, y) {
            ("r3", 2024) => Some(900.0),
            _ => figures(k, y),
        }),
    )
}

fn value_missing(dir: &Path) -> Run {
    // Seed 000: 施設再編推進事業 keeps its 令和6年度 cost and loses its 庁内評価 …
    book(dir, SHISAKU_FILE, &[shisaku_seed().clear("I14")]);
    // … and seed 001's item 11 leaves its result of the report year (4年度) blank.
    let sheet = gyokaku_seed(&["11"], |cells| {
        let row = cells.iter().find(|c| c.2 == "実績数").unwrap().0;
        cells.retain(|c| !(c.0 == row && c.1 == 5));
    });
    book(dir, "in/取り組み推進項目調書.xlsx", &[sheet]);
    Run::validate(&["in"])
}

fn unit_inconsistent(dir: &Path) -> Run {
    // Seed 001's item 10 as published: 0.22% | -0.30% | -0.04% | 0.26.
    book(
        dir,
        "in/取り組み推進項目調書.xlsx",
        &[gyokaku_seed(&["10"], |_| {})],
    );
    Run::validate(&["in"])
}

fn percent_out_of_range(dir: &Path) -> Run {
    // Seed 003: ④ 附属機関等の女性委員の割合 (%), its target typed 300.
    let sheet = crate::tassei::seed_sheet(|t, r, cells| {
        if (t, r) == (0, 4) {
            cells[3] = Some(num(300.0));
        }
    });
    book(dir, "in/達成目標.xlsx", &[sheet]);
    Run::validate(&["in"])
}

fn cumulative_decreasing(dir: &Path) -> Run {
    // Seed 003: ③ パブリックコメント実施数 counts in 件/5年 (a total over the plan); its target
    // typed 5, below the base year's 7.
    let sheet = crate::tassei::seed_sheet(|t, r, cells| {
        if (t, r) == (0, 2) {
            cells[3] = Some(num(5.0));
        }
    });
    book(dir, "in/達成目標.xlsx", &[sheet]);
    Run::validate(&["in"])
}

fn formula_not_computed(dir: &Path) -> Run {
    // 地方債 a formula in every year, saved by a program that does not calculate (no result).
    let mut sh = jimu();
    for c in ["C", "D", "E"] {
        sh = sh.put(&format!("{c}12"), C::F("0*1".into(), None));
    }
    jimu_run(dir, sh)
}

// ---- identities --------------------------------------------------------------------------------

fn identity(dir: &Path) -> Run {
    // A derived row of a form's spec without a code of its own reports `identity`: here an
    // office's copy of the export spec whose 事業費計 (A) names no code, and an export whose
    // first project's 事業費計 of its first year group is 10 more than its sources.
    let spec = std::fs::read_to_string(crate::common::repo().join("templates/export.toml"))
        .unwrap()
        .replace("code = \"project-cost\"\n", "");
    assert!(!spec.contains("project-cost"));
    write(&dir.join("spec/export.toml"), spec.as_bytes());
    let bytes = crate::export::export(1, false, |cells| {
        // … and its トータルコスト (M3) worked out by the system from that wrong sum.
        for at in ["J3", "M3"] {
            let i = cells.iter().position(|(a, _)| a == at).unwrap();
            if let C::N(v) = cells[i].1 {
                cells[i].1 = num(v + 10.0);
            }
        }
    });
    write(&dir.join("in/出力.xlsx"), &bytes);
    Run::validate(&["in"]).with(&["--spec", "spec/export.toml"])
}

fn condition(dir: &Path) -> Run {
    // A condition of a form's spec without a code of its own reports `condition`: an office's
    // copy of the 事務事業評価シート whose "対象数 > 0" names no code, and 対象数 令和6年度 typed
    // -5 (the unit cost's formula saved with the result it gives from that).
    let spec = std::fs::read_to_string(crate::common::repo().join("templates/jimu-jigyo.toml"))
        .unwrap()
        .replace("code = \"target-count-positive\"\n", "");
    assert!(!spec.contains("target-count-positive"));
    write(&dir.join("spec/jimu-jigyo.toml"), spec.as_bytes());
    let sh = jimu().put("D20", num(-5.0)).put(
        "D21",
        C::F(
            "IFERROR(ROUND(D19*1000/D20,0),\"\")".into(),
            Some(-383_600.0),
        ),
    );
    jimu_run(dir, sh).with(&["--spec", "spec/jimu-jigyo.toml"])
}

fn derived_overwritten(dir: &Path) -> Run {
    // トータルコスト 令和6年度 typed over its formula as 1,981 (1,100 + 818 = 1,918), and the unit
    // cost's formula saved with the result it gives from that.
    let sh = jimu().put("D19", num(1_981.0)).put(
        "D21",
        C::F("IFERROR(ROUND(D19*1000/D20,0),\"\")".into(), Some(19_810.0)),
    );
    jimu_run(dir, sh)
}

fn stale_cached_value(dir: &Path) -> Run {
    // 事業費合計 令和6年度 changed to 1,200 by a program that does not recalculate: 一般財源 and
    // トータルコスト keep their old results.
    jimu_run(dir, jimu().put("D10", num(1_200.0)))
}

// ---- grades ------------------------------------------------------------------------------------

fn grade_mismatch(dir: &Path) -> Run {
    // 進捗状況 B where 実績 12 of 目標 8 (150 %) is A.
    jimu_run(dir, jimu().put("C31", s("B")))
}

fn percent_scale(dir: &Path) -> Run {
    // The indicator in %: 目標 26%, 実績 typed 0.23.
    let sh = jimu()
        .put("C25", s("%"))
        .put("H25", s("26%"))
        .put("H26", num(0.23));
    jimu_run(dir, sh)
}

fn grade_not_checked(dir: &Path) -> Run {
    // The indicator table deleted; 進捗状況 still written.
    jimu_run(dir, jimu().clear_rows(23..=28))
}

// ---- repeats -----------------------------------------------------------------------------------

fn repeat_differs(dir: &Path) -> Run {
    // Item 9 repeats item 1 (再掲); its 4年度 target edited on its own page only.
    let sheet = gyokaku_seed(&["1", "2", "9"], |cells| {
        let row = cells
            .iter()
            .filter(|c| c.2 == "事業数 (単年)")
            .map(|c| c.0)
            .max()
            .unwrap();
        set_cell(cells, row, 5, "7");
    });
    book(dir, "in/取り組み推進項目調書.xlsx", &[sheet]);
    Run::validate(&["in"])
}

fn repeat_original_missing(dir: &Path) -> Run {
    // Item 9 repeats item 1, which this sheet does not hold.
    book(
        dir,
        "in/取り組み推進項目調書.xlsx",
        &[gyokaku_seed(&["2", "9"], |_| {})],
    );
    Run::validate(&["in"])
}

// ---- schedule ----------------------------------------------------------------------------------

fn numbering_gap(dir: &Path) -> Run {
    // The first heading's table split before No. 4, whose second part restarts at 1.
    let sheet = keikaku_seed(&["4"], |cells| {
        let r = plan_row(cells, 0, "4");
        set_cell(cells, r, 0, "1");
    });
    book(dir, "in/実施状況.xlsx", &[sheet]);
    Run::validate(&["in"])
}

fn plan_years_differ(dir: &Path) -> Run {
    // The second heading's table a year ahead (R4 … R8).
    let sheet = keikaku_seed(&[], |cells| {
        let headers: Vec<u32> = cells.iter().filter(|c| c.2 == "No.").map(|c| c.0).collect();
        let years = headers[1] + 1;
        for c in cells
            .iter_mut()
            .filter(|c| c.0 == years && c.2.starts_with('R'))
        {
            let n: u32 = c.2[1..].parse().unwrap();
            c.2 = format!("R{}", n + 1);
        }
    });
    book(dir, "in/実施状況.xlsx", &[sheet]);
    Run::validate(&["in"])
}

fn step_not_listed(dir: &Path) -> Run {
    // 押印の見直し lists ① and ②; its second mark row says ③ in R5.
    let sheet = keikaku_seed(&[], |cells| {
        let r = plan_row(cells, 0, "2") + 2;
        set_cell(cells, r, 5, "③");
    });
    book(dir, "in/実施状況.xlsx", &[sheet]);
    Run::validate(&["in"])
}

fn arrow_without_step(dir: &Path) -> Run {
    // キャッシュレス決済の導入: an arrow in R3, before its ① of R5.
    let sheet = keikaku_seed(&[], |cells| {
        let r = plan_row(cells, 0, "3") + 1;
        set_cell(cells, r, 3, "→");
    });
    book(dir, "in/実施状況.xlsx", &[sheet]);
    Run::validate(&["in"])
}

fn schedule_text(dir: &Path) -> Run {
    // マイナンバーカードの普及促進: a word among its marks (R6 of its third step).
    let sheet = keikaku_seed(&[], |cells| {
        let r = plan_row(cells, 0, "5") + 3;
        set_cell(cells, r, 6, "検討");
    });
    book(dir, "in/実施状況.xlsx", &[sheet]);
    Run::validate(&["in"])
}

// ---- across files ------------------------------------------------------------------------------

fn duplicate_project(dir: &Path) -> Run {
    // Two versions of one project's sheet, the second with a remark added.
    book(dir, "in/事業.xlsx", &[jimu()]);
    book(
        dir,
        "in/事業（修正）.xlsx",
        &[jimu().put("C33", s("人件費を修正"))],
    );
    Run::validate(&["in"])
}

fn duplicate_file(dir: &Path) -> Run {
    let bytes = xlsx(&[jimu()], true);
    write(&dir.join("in/事業.xlsx"), &bytes);
    write(&dir.join("in/事業 - コピー.xlsx"), &bytes);
    Run::validate(&["in"])
}

/// 行政改革推進事業's own sheet (企画政策課), its トータルコスト 798 and 1,023 + `extra` 千円 in
/// 令和5 and 6年度, as the policy lists it.
fn reform_project(extra: f64) -> SheetXml {
    let sh = jimu_sheet(2024, &move |k, y| match (k, y) {
        ("a", 2023) => Some(598.0),
        ("a", 2024) => Some(823.0 + extra),
        ("staff_cost", _) => Some(200.0),
        _ => figures(k, y),
    });
    sh.put("C3", s("行政改革推進事業"))
        .put("G4", s("企画政策課"))
}

fn cross_form_mismatch(dir: &Path) -> Run {
    // The policy gives 行政改革推進事業 1,023 in 令和6年度; the project's sheet 1,123.
    book(dir, SHISAKU_FILE, &[shisaku_seed()]);
    book(
        dir,
        "in/企画政策課_行政改革推進事業.xlsx",
        &[reform_project(100.0)],
    );
    Run::validate(&["in"])
}

fn cross_form_unmatched(dir: &Path) -> Run {
    // One project's sheet sent with the policy; its seven other projects have none.
    book(dir, SHISAKU_FILE, &[shisaku_seed()]);
    book(
        dir,
        "in/企画政策課_行政改革推進事業.xlsx",
        &[reform_project(0.0)],
    );
    Run::validate(&["in"])
}

// ---- across years (audit) ----------------------------------------------------------------------

/// Last year's sheet (評価年度 令和5年度) in `r5/`, this year's (`current`) in `r6/`; audits them.
fn two_years(dir: &Path, current: SheetXml) -> Run {
    book(dir, "r5/事業.xlsx", &[jimu_sheet(2023, &figures)]);
    book(dir, "r6/事業.xlsx", &[current]);
    Run::audit("r5", "r6")
}

fn prior_figure_changed(dir: &Path) -> Run {
    // 事業費合計 of 令和5年度: 1,000 in last year's report, 1,070 now.
    two_years(
        dir,
        jimu_sheet(2024, &|k, y| match (k, y) {
            ("a", 2023) => Some(1_070.0),
            _ => figures(k, y),
        }),
    )
}

fn target_changed(dir: &Path) -> Run {
    // The indicator's 目標 of 令和5年度: 6 last year, 5 now.
    two_years(
        dir,
        jimu_sheet(2024, &|k, y| match (k, y) {
            ("plan", 2023) => Some(5.0),
            _ => figures(k, y),
        }),
    )
}

fn cost_jump(dir: &Path) -> Run {
    // 事業費合計 of 令和6年度 3,300 (トータルコスト 4,118 against last year's 1,818).
    two_years(
        dir,
        jimu_sheet(2024, &|k, y| match (k, y) {
            ("a", 2024) => Some(3_300.0),
            _ => figures(k, y),
        }),
    )
}

fn project_vanished(dir: &Path) -> Run {
    // Last year's second project (40-107) is not sent this year, and nothing says it ended.
    let other = jimu_sheet(2023, &figures)
        .put("C3", s("地域交流事業"))
        .put("G3", s("40-107"));
    book(dir, "r5/交流.xlsx", &[other]);
    two_years(dir, jimu())
}

fn project_appeared(dir: &Path) -> Run {
    // This year's second project (40-107) was not in last year's submission, nor is it marked
    // 新規.
    let other = jimu().put("C3", s("地域交流事業")).put("G3", s("40-107"));
    book(dir, "r6/交流.xlsx", &[other]);
    two_years(dir, jimu())
}

fn grade_changed_figures_same(dir: &Path) -> Run {
    // 150 % in both years; 進捗状況 A last year, B now.
    two_years(dir, jimu().put("C31", s("B")))
}

fn figures_changed_grade_same(dir: &Path) -> Run {
    // 実績 of 令和6年度 6 of 目標 8 (75 %, band B), 進捗状況 still A as last year (150 %).
    two_years(
        dir,
        jimu_sheet(2024, &|k, y| match (k, y) {
            ("actual", 2024) => Some(6.0),
            _ => figures(k, y),
        }),
    )
}

fn copied_sheet(dir: &Path) -> Run {
    // Last year's figures under this year's labels.
    two_years(dir, jimu_sheet(2024, &|k, y| figures(k, y - 1)))
}

// ---- the harness -------------------------------------------------------------------------------

/// A finding (or, for a file listed but not read, the file's reason) as both runs report it.
struct Said {
    severity: String,
    file: String,
    sheet: String,
    cell: String,
    message: String,
    hint: Option<String>,
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or("-").to_string()
}

/// What a report says with `code`: its findings of that code, and the files whose reason is
/// the code without a finding of their own (a file in a folder, listed and not read).
fn said(report: &Value, code: &str, severity_of: &str) -> Vec<Said> {
    let findings = report["findings"].as_array().unwrap();
    let mut out: Vec<Said> = findings
        .iter()
        .filter(|f| f["code"] == code)
        .map(|f| Said {
            severity: text(&f["severity"]),
            file: text(&f["file"]),
            sheet: text(&f["sheet"]),
            cell: text(&f["cell"]),
            message: text(&f["message"]),
            hint: f["hint"].as_str().map(String::from),
        })
        .collect();
    // validate lists `files`; the audit `previous_files` and `current_files`.
    let files = ["files", "previous_files", "current_files"]
        .iter()
        .filter_map(|k| report[*k].as_array())
        .flatten();
    for file in files {
        let path = text(&file["path"]);
        if file["reason"] == code && !out.iter().any(|s| s.file == path) {
            out.push(Said {
                severity: format!(
                    "{severity_of} (the file's reason; status {})",
                    text(&file["status"])
                ),
                file: path,
                sheet: "-".into(),
                cell: "-".into(),
                message: text(&file["reason_message"]),
                hint: None,
            });
        }
    }
    out
}

/// The built-in codes as `hyoka rules --lang en` lists them (lines without a spec file), with
/// their severities.
fn built_in_codes() -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let out = hyoka(&["rules", "--lang", "en"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|cols| cols.len() == 3)
        .map(|cols| (cols[0].to_string(), cols[1].to_string()))
        .collect()
}

/// Where a fixture runs: a temporary folder, or one kept to look at.
enum Kept {
    Temp(tempfile::TempDir),
    Path(std::path::PathBuf),
}

impl Kept {
    fn path(&self) -> &Path {
        match self {
            Kept::Temp(t) => t.path(),
            Kept::Path(p) => p,
        }
    }
}

/// Runs a fixture in both languages and returns the text to snapshot, or what went wrong.
fn run_fixture(code: &str, severity: &str, fixture: Fixture) -> Result<String, String> {
    let dir = tempfile::tempdir().unwrap();
    // `CODE_FIXTURES_KEEP=DIR` keeps each fixture's files and outputs in DIR/<code> to look at.
    let dir = match std::env::var_os("CODE_FIXTURES_KEEP") {
        Some(keep) => {
            let d = Path::new(&keep).join(code);
            let _ = std::fs::remove_dir_all(&d);
            std::fs::create_dir_all(&d).unwrap();
            Kept::Path(d)
        }
        None => Kept::Temp(dir),
    };
    let run = fixture(dir.path());
    let mut reports = Vec::new();
    for lang in ["ja", "en"] {
        let out = format!("out-{lang}");
        let mut args: Vec<&str> = run.args.iter().map(String::as_str).collect();
        args.extend(["--out", &out, "--lang", lang]);
        if run.takes_progress() {
            args.extend(["--progress", "never"]);
        }
        let o = hyoka(&args, dir.path());
        if !matches!(o.status.code(), Some(0 | 1)) {
            return Err(format!(
                "hyoka {} exited {:?}: {}",
                args.join(" "),
                o.status.code(),
                String::from_utf8_lossy(&o.stderr)
            ));
        }
        reports.push(said(
            &read_json(dir.path().join(&out).join("report.json")),
            code,
            severity,
        ));
    }
    let (ja, en) = (&reports[0], &reports[1]);
    if ja.is_empty() {
        return Err("not reported".into());
    }
    if ja.len() != en.len() {
        return Err(format!(
            "{} findings in Japanese, {} in English",
            ja.len(),
            en.len()
        ));
    }
    let mut t = format!("run: hyoka {}\n", run.args.join(" "));
    for (i, (j, e)) in ja.iter().zip(en).enumerate() {
        let place = |s: &Said| {
            (
                s.severity.clone(),
                s.file.clone(),
                s.sheet.clone(),
                s.cell.clone(),
            )
        };
        if place(j) != place(e) {
            return Err(format!(
                "finding {} differs by language: {:?} / {:?}",
                i + 1,
                place(j),
                place(e)
            ));
        }
        t.push_str(&format!("\n[{}]\n", i + 1));
        t.push_str(&format!("severity: {}\n", j.severity));
        t.push_str(&format!("file: {}\n", j.file));
        t.push_str(&format!("sheet: {}\n", j.sheet));
        t.push_str(&format!("cell: {}\n", j.cell));
        t.push_str(&format!("ja: {}\n", j.message));
        t.push_str(&format!("en: {}\n", e.message));
        if j.hint.is_some() || e.hint.is_some() {
            t.push_str(&format!("hint ja: {}\n", j.hint.as_deref().unwrap_or("-")));
            t.push_str(&format!("hint en: {}\n", e.hint.as_deref().unwrap_or("-")));
        }
    }
    // No absolute path of this machine in a snapshot.
    for p in [
        dir.path().to_path_buf(),
        std::fs::canonicalize(dir.path()).unwrap(),
    ] {
        let p = p.to_string_lossy().to_string();
        if t.contains(&p) {
            return Err(format!("the temporary folder's path in the text:\n{t}"));
        }
    }
    Ok(t)
}

#[test]
fn every_registered_code_has_a_fixture() {
    let listed = built_in_codes();
    let codes: BTreeSet<String> = listed.iter().map(|(c, _)| c.clone()).collect();
    // The command line lists what the library registers.
    let registered: BTreeSet<String> = hyoka::check::registry::all()
        .iter()
        .map(|c| c.id.to_string())
        .collect();
    assert_eq!(codes, registered);
    assert_eq!(codes.len(), listed.len(), "a code listed twice");
    let mut problems = Vec::new();
    let mut covered = BTreeSet::new();
    for (code, _) in FIXTURES {
        if !codes.contains(*code) {
            problems.push(format!("fixture for unknown code {code}"));
        }
        if !covered.insert(code.to_string()) {
            problems.push(format!("two fixtures for {code}"));
        }
    }
    for (code, why) in UNREACHABLE {
        if !codes.contains(*code) {
            problems.push(format!("unknown code {code} said unreachable"));
        }
        if why.trim().is_empty() {
            problems.push(format!("{code} said unreachable without a reason"));
        }
        if !covered.insert(code.to_string()) {
            problems.push(format!("{code} has a fixture and is said unreachable"));
        }
    }
    for code in codes.difference(&covered) {
        problems.push(format!("no fixture for {code}"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_fixture_reports_its_code_in_both_languages() {
    let severities: std::collections::BTreeMap<String, String> =
        built_in_codes().into_iter().collect();
    let mut failures = Vec::new();
    for (code, fixture) in FIXTURES {
        let severity = severities.get(*code).map(String::as_str).unwrap_or("?");
        match run_fixture(code, severity, *fixture) {
            Err(why) => failures.push(format!("{code}: {why}")),
            Ok(text) => {
                // A message whose argument was not given would show `{name}` as it is.
                if let Some(hole) = unfilled_placeholder(&text) {
                    failures.push(format!("{code}: a message leaves {hole} unfilled"));
                }
                let snapshot = std::panic::catch_unwind(|| {
                    insta::assert_snapshot!(*code, text);
                });
                if snapshot.is_err() {
                    failures.push(format!("{code}: the snapshot differs"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n{}",
        failures.len(),
        FIXTURES.len(),
        failures.join("\n")
    );
}

/// The first `{name}` left in a rendered text, if any.
fn unfilled_placeholder(text: &str) -> Option<&str> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        if let Some(close) = after.find('}') {
            let name = &after[..close];
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                return Some(&rest[open..open + close + 2]);
            }
        }
        rest = after;
    }
    None
}

#[test]
fn an_unfilled_placeholder_is_found() {
    assert_eq!(
        unfilled_placeholder("「{label}」が空欄です"),
        Some("{label}")
    );
    assert_eq!(unfilled_placeholder("差 {10} と {}"), None);
}
