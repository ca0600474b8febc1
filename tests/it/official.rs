//! The outputs as an official reads and prints them: labels instead of keys, years as 令和n年度,
//! numbers as numbers, readable pages, feedback that stands on its own, and the council book
//! in English when asked. Each workbook is opened as a zip and its XML read directly, so what
//! is checked is what Excel or LibreOffice will see.

use crate::common::*;
use calamine::{open_workbook, Data, Reader, Xlsx};
use std::io::Read;
use std::path::Path;

/// Consolidates the samples (which hold errors: exit 1).
fn consolidate(out: &Path, extra: &[&str]) {
    let o = consolidate_samples(out, extra);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn header_texts(r: &calamine::Range<Data>) -> Vec<String> {
    r.rows()
        .next()
        .unwrap()
        .iter()
        .map(|d| d.to_string())
        .collect()
}

/// One part of an xlsx as text.
fn part(xlsx: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// Sheet names in order, from workbook.xml.
fn sheet_names(xlsx: &Path) -> Vec<String> {
    let wb = part(xlsx, "xl/workbook.xml");
    wb.split("<sheet name=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .collect()
}

fn range(xlsx: &Path, sheet: &str) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = open_workbook(xlsx).unwrap();
    wb.worksheet_range(sheet).unwrap()
}

/// The row of the findings sheet with this code and cell in a file whose name holds `file`,
/// by the sheet's own headers.
fn finding_row<'r>(
    r: &'r calamine::Range<Data>,
    file: &str,
    code: &str,
    cell: &str,
) -> Vec<&'r Data> {
    let col = |h: &str| {
        (0..r.width())
            .find(|&c| r.get_value((0, c as u32)).map(|d| d.to_string()) == Some(h.to_string()))
            .unwrap_or_else(|| panic!("no column {h}"))
    };
    let (cc, cl, cf) = (col("コード"), col("セル"), col("ファイル"));
    r.rows()
        .find(|row| {
            row[cc].to_string() == code
                && row[cl].to_string() == cell
                && row[cf].to_string().contains(file)
        })
        .unwrap_or_else(|| panic!("no {code} at {cell}"))
        .iter()
        .collect()
}

#[test]
fn findings_show_labels_japanese_years_and_numbers() {
    let dir = tempfile::tempdir().unwrap();
    consolidate(dir.path(), &[]);
    let xlsx = dir.path().join("report.xlsx");
    let r = range(&xlsx, "指摘");
    let headers = header_texts(&r);
    assert_eq!(
        headers,
        [
            "重要度",
            "ファイル",
            "シート",
            "セル",
            "項目",
            "年度",
            "期待値",
            "実際の値",
            "内容",
            "ヒント",
            "コード",
            "備考",
            "リンク"
        ]
    );
    // 職員課's typed-over total: labelled as the form prints it, the year in 令和, both
    // values numbers (shown as 2,429 and 2,492 by the cell format).
    let row = finding_row(&r, "職員課_", "derived-overwritten", "D19");
    assert_eq!(row[4].to_string(), "トータルコスト (a)+(b)");
    assert_eq!(row[5].to_string(), "令和6年度");
    assert!(
        matches!(row[6], Data::Float(v) if *v == 2429.0),
        "{:?}",
        row[6]
    );
    assert!(
        matches!(row[7], Data::Float(v) if *v == 2492.0),
        "{:?}",
        row[7]
    );
    // A negative amount is a number (△5,000 on screen); its bound reads as words.
    let row = finding_row(&r, "税務課_", "negative", "D12");
    assert!(
        matches!(row[7], Data::Float(v) if *v == -5000.0),
        "{:?}",
        row[7]
    );
    assert_eq!(row[6].to_string(), "0以上");
    // A key inside a record is named by its block, record and value.
    let row = finding_row(&r, "施策1-4", "cross-form-mismatch", "F14");
    assert!(
        row[4].to_string().contains("トータルコスト"),
        "{:?}",
        row[4]
    );
    assert!(!row[4].to_string().contains("budget."), "{:?}", row[4]);
    // No 項目 is a bare spec key.
    for row in r.rows().skip(1) {
        let f = row[4].to_string();
        assert!(
            !f.contains('.') || f.contains(' '),
            "key shown as label: {f}"
        );
        assert!(
            !["staff_cost", "r2", "b", "total", "gen"].contains(&f.as_str()),
            "{f}"
        );
    }
    let styles = part(&xlsx, "xl/styles.xml");
    assert!(styles.contains("#,##0;△#,##0"), "number format missing");
}

#[test]
fn printed_pages_stay_readable() {
    let dir = tempfile::tempdir().unwrap();
    consolidate(dir.path(), &[]);
    let report = dir.path().join("report.xlsx");
    // The findings print one landscape A4 page wide (their printed columns fit at ≥ 9 pt),
    // without the code, 備考 and link columns, the header on every page; text wraps.
    let s = part(&report, "xl/worksheets/sheet1.xml");
    assert!(
        s.contains("fitToPage=\"1\""),
        "findings not fitted to width"
    );
    assert!(s.contains("orientation=\"landscape\""));
    assert!(s.contains("paperSize=\"9\""));
    let wb = part(&report, "xl/workbook.xml");
    assert!(wb.contains("_xlnm.Print_Area"), "{wb}");
    assert!(wb.contains("指摘!$A:$J"), "{wb}");
    assert!(wb.contains("指摘!$1:$1"), "header not repeated: {wb}");
    assert!(part(&report, "xl/styles.xml").contains("wrapText=\"1\""));
    // 明細 is too wide for one page at a readable size: printed at full size across pages,
    // its header row and first columns repeated.
    let book = dir.path().join("consolidated.xlsx");
    let s = part(&book, "xl/worksheets/sheet3.xml");
    assert!(
        !s.contains("fitToPage=\"1\""),
        "明細 shrunk to one page wide"
    );
    let wb = part(&book, "xl/workbook.xml");
    assert!(wb.contains("明細!$A:$B,明細!$1:$1"), "{wb}");
}

#[test]
fn the_readable_width_is_worked_out_not_assumed() {
    use hyoka::write::report::fits_one_page_wide;
    assert!(fits_one_page_wide(&[20.0; 6]));
    assert!(!fits_one_page_wide(&[20.0; 8]));
    // The findings sheet's printed columns, as written, fit.
    assert!(fits_one_page_wide(&[
        6.0, 15.0, 9.0, 5.0, 11.0, 9.0, 9.0, 9.0, 32.0, 24.0
    ]));
}

#[test]
fn feedback_stands_on_its_own() {
    let dir = tempfile::tempdir().unwrap();
    consolidate(dir.path(), &[]);
    let fb = dir.path().join("feedback/職員課.xlsx");
    assert_eq!(sheet_names(&fb), ["指摘", "ファイル", "指摘の説明"]);
    // The link names the department's own file alone: it opens when the feedback is saved
    // beside that file, wherever the 課 keeps it.
    let rels = part(&fb, "xl/worksheets/_rels/sheet1.xml.rels");
    assert!(
        rels.contains("Target=\"職員課_職員育成推進事業.xlsx\""),
        "{rels}"
    );
    assert!(!rels.contains("samples/") && !rels.contains(".."), "{rels}");
    let s = part(&fb, "xl/worksheets/sheet1.xml");
    assert!(
        s.contains("location=\"'事務事業評価シート'!D19\""),
        "link to the cell"
    );
    // Every code found is explained, with its count.
    let r = range(&fb, "指摘の説明");
    assert_eq!(
        r.get_value((1, 0)).unwrap().to_string(),
        "derived-overwritten"
    );
    assert!(r.get_value((1, 1)).unwrap().to_string().chars().count() > 5);
    assert_eq!(r.get_value((1, 2)), Some(&Data::Float(1.0)));
    // A code a form defines (staff-cost) is explained by its own row.
    let r = range(&dir.path().join("feedback/企画政策課.xlsx"), "指摘の説明");
    let row = r
        .rows()
        .find(|row| row[0].to_string() == "staff-cost")
        .expect("staff-cost explained");
    assert!(row[1].to_string().contains("人件費"), "{:?}", row[1]);
    for row in r.rows().skip(1) {
        assert!(!row[1].to_string().is_empty(), "{} unexplained", row[0]);
    }
    // The office's own report links into the input folder, relative to itself.
    let rels = part(
        &dir.path().join("report.xlsx"),
        "xl/worksheets/_rels/sheet1.xml.rels",
    );
    assert!(rels.contains("職員課_職員育成推進事業.xlsx"), "{rels}");
}

#[test]
fn council_book_in_english_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let (ja, en) = (dir.path().join("ja"), dir.path().join("en"));
    consolidate(&ja, &[]);
    consolidate(&en, &["--lang", "en"]);
    let (ja, en) = (ja.join("consolidated.xlsx"), en.join("consolidated.xlsx"));
    assert_eq!(
        sheet_names(&en),
        ["Submissions", "Projects", "Observations", "By department"]
    );
    let status = range(&en, "Submissions");
    assert_eq!(status.get_value((0, 0)).unwrap().to_string(), "file");
    // Headers and reasons in one language: no Japanese header over English text.
    for c in 0..status.width() {
        let h = status.get_value((0, c as u32)).unwrap().to_string();
        assert!(h.is_ascii(), "header {h}");
    }
    let long = range(&en, "Observations");
    assert!(long
        .rows()
        .next()
        .unwrap()
        .iter()
        .all(|d| d.to_string().is_ascii()));
    // The summary's formulas name the English sheet and status word, and give the same
    // cached totals as the Japanese book.
    let s = part(&en, "xl/worksheets/sheet4.xml");
    assert!(
        s.contains("'Projects'!") && s.contains("&lt;&gt;errors"),
        "formulas"
    );
    let (a, b) = (range(&ja, "部課別集計"), range(&en, "By department"));
    // A project without a 課名 (an export row) is summed under 部署不明, not an empty line.
    assert!(a.rows().skip(1).all(|r| !r[0].to_string().is_empty()));
    assert!(a.rows().any(|r| r[0].to_string() == "部署不明"));
    assert_eq!(a.height(), b.height());
    for (ra, rb) in a.rows().zip(b.rows()).skip(1) {
        for (x, y) in ra.iter().zip(rb).skip(2) {
            if let (Data::Float(x), Data::Float(y)) = (x, y) {
                assert_eq!(x, y);
            }
        }
    }
}

/// The fields of one CSV line (quoted fields may hold commas and doubled quotes).
fn csv_fields(line: &str) -> Vec<String> {
    let (mut out, mut cur, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cur)),
            (c, _) => cur.push(c),
        }
    }
    out.push(cur);
    out
}

#[test]
fn long_table_reads_in_the_forms_words() {
    let dir = tempfile::tempdir().unwrap();
    consolidate(dir.path(), &[]);
    let csv = std::fs::read_to_string(dir.path().join("consolidated.csv")).unwrap();
    let long = range(&dir.path().join("consolidated.xlsx"), "明細");
    let head = header_texts(&long);
    assert_eq!(head[6], "指標");
    // The CSV keeps keys; 明細 shows each key's label, row for row.
    let keys: Vec<Vec<String>> = csv.lines().skip(1).map(csv_fields).collect();
    assert_eq!(keys.len() + 1, long.height());
    let mut seen_kpi = false;
    for (k, row) in keys.iter().zip(long.rows().skip(1)) {
        let (key, label) = (&k[6], row[6].to_string());
        assert_ne!(key, &label, "{key} not labelled");
        if key == "kpi.1.actual" {
            seen_kpi = true;
            assert!(label.ends_with("実績"), "{label}");
        }
        assert!(row[7].to_string().ends_with("年度"), "{:?}", row[7]);
    }
    assert!(seen_kpi);
}
