//! `validate --annotate`: the department's own workbook with the bad cell filled and noted,
//! and everything else as it was: every value and formula, merged ranges, the validation and
//! the sheet protection, compared before and after.

use crate::common::{clean, hyoka, layout, repo, spec};
use calamine::{open_workbook, Data, Reader, Xlsx};
use hyoka::write::form_sheet::{write_form_sheet, CellInput};
use std::io::Read;
use std::path::Path;

fn part(path: &Path, prefix: &str) -> Vec<(String, String)> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let names: Vec<String> = (0..z.len())
        .filter_map(|i| {
            z.by_index_raw(i)
                .ok()
                .and_then(|e| e.name().ok().map(|n| n.to_string()))
        })
        .filter(|n| n.starts_with(prefix))
        .collect();
    names
        .into_iter()
        .map(|n| {
            let mut s = String::new();
            z.by_name(&n).unwrap().read_to_string(&mut s).unwrap();
            (n, s)
        })
        .collect()
}

type Cells = Vec<((u32, u32), Data, String)>;

fn cells(path: &Path, sheet: &str) -> (Cells, Vec<calamine::Dimensions>) {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let values = wb.worksheet_range(sheet).unwrap();
    let formulas = wb.worksheet_formula(sheet).unwrap();
    let mut out: Cells = values
        .cells()
        .filter(|(_, _, v)| **v != Data::Empty)
        .map(|(r, c, v)| {
            let (r, c) = (
                r as u32 + values.start().unwrap().0,
                c as u32 + values.start().unwrap().1,
            );
            let f = formulas.get_value((r, c)).cloned().unwrap_or_default();
            ((r, c), v.clone(), f)
        })
        .collect();
    out.sort_by_key(|x| x.0);
    let mut merged = wb.merge_cells_by_sheet_name(sheet).unwrap();
    merged.sort_by_key(|d| (d.start, d.end));
    (out, merged)
}

#[test]
fn the_annotated_copy_marks_the_cell_and_keeps_everything_else() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("in");
    std::fs::create_dir_all(&src).unwrap();
    let mut d = clean();
    // Planted: 国県支出金 of 令和6年度 written as text (`3,00`).
    d.measures.get_mut("r1").unwrap()[1] = Some(CellInput::Text("3,00".into()));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("事務事業評価シート").unwrap();
    write_form_sheet(ws, &spec(), &layout(), Some(&d)).unwrap();
    let v = rust_xlsxwriter::DataValidation::new()
        .allow_list_strings(&["A", "B", "C"])
        .unwrap();
    ws.add_data_validation(40, 10, 40, 10, &v).unwrap();
    ws.protect();
    let path = src.join("経営企画課_テスト事業.xlsx");
    hyoka::write::write_atomic(&path, &hyoka::write::workbook_bytes(&mut wb).unwrap()).unwrap();

    let out = dir.path().join("out");
    let ann = dir.path().join("annotated");
    let o = hyoka(
        &[
            "validate",
            src.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--annotate",
            ann.to_str().unwrap(),
            "--progress",
            "never",
        ],
        &repo(),
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let report = crate::common::read_json(out.join("report.json"));
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["severity"] == "error" && f["cell"].is_string())
        .expect("an error at a cell")
        .clone();
    let cell = finding["cell"].as_str().unwrap().to_string();
    let copy = ann.join("経営企画課_テスト事業.xlsx");
    assert!(copy.exists());

    // Everything the sheet held is still there.
    let sheet = "事務事業評価シート";
    let (before, merged_before) = cells(&path, sheet);
    let (after, merged_after) = cells(&copy, sheet);
    assert!(before.len() > 50);
    assert_eq!(before, after, "values or formulas changed");
    assert_eq!(merged_before, merged_after, "merged ranges changed");
    let xml = &part(&copy, "xl/worksheets/sheet")[0].1;
    assert!(xml.contains("<dataValidation"), "the validation was lost");
    assert!(xml.contains("<sheetProtection"), "the protection was lost");

    // The bad cell is filled and carries the message.
    let comments: String = part(&copy, "xl/comments")
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    assert!(
        comments.contains(&format!("ref=\"{cell}\"")),
        "no note at {cell}"
    );
    let message = finding["message"].as_str().unwrap();
    let head: String = message.chars().take(12).collect();
    assert!(
        comments.contains(&head),
        "the note lacks the message: {head}"
    );
    let styles = &part(&copy, "xl/styles.xml")[0].1;
    assert!(styles.contains("FFFFC7CE"), "no error fill in the styles");
    // The source itself is untouched.
    assert!(part(&path, "xl/comments").is_empty());
}

#[test]
fn a_workbook_that_is_not_xlsx_gets_only_the_feedback() {
    use hyoka::finding::{Finding, Severity};
    use hyoka::write::annotated::{annotate, Annotated};
    let dir = tempfile::tempdir().unwrap();
    let mut o = hyoka::outcome::FileOutcome::new("課_事業.ods", dir.path().join("課_事業.ods"));
    o.format = Some("ods".into());
    let mut f = Finding::new(
        Severity::Error,
        "derived-overwritten",
        "課_事業.ods",
        hyoka::i18n::Message::new(&hyoka::check::files::NOT_A_WORKBOOK_NAME.message),
    );
    f.sheet = Some("シート1".into());
    f.cell = Some("D19".into());
    o.findings.push(f);
    let out = dir.path().join("copy.ods");
    assert_eq!(
        annotate(
            &o,
            &out,
            hyoka::i18n::Lang::Ja,
            &hyoka::read::Limits::default()
        )
        .unwrap(),
        Annotated::NotXlsx
    );
    assert!(!out.exists());
}
