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
/// How many columns a sheet's print area spans (`指摘!$A:$K` is 11), from workbook.xml.
fn sheet_print_columns(xlsx: &Path, sheet: &str) -> usize {
    let wb = part(xlsx, "xl/workbook.xml");
    let at = wb
        .find(&format!("{sheet}!$A:$"))
        .unwrap_or_else(|| panic!("no print area for {sheet}: {wb}"));
    let last = wb[at + sheet.len() + 5..]
        .chars()
        .take_while(|c| c.is_ascii_uppercase())
        .fold(0usize, |n, c| n * 26 + (c as usize - 'A' as usize + 1));
    last
}

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
            "課名",
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
    // 課名 first: the report is read 課 by 課.
    let row = finding_row(&r, "職員課_", "derived-overwritten", "D19");
    assert_eq!(row[1].to_string(), "職員課");
    assert_eq!(row[5].to_string(), "トータルコスト (a)+(b)");
    assert_eq!(row[6].to_string(), "令和6年度");
    assert!(
        matches!(row[7], Data::Float(v) if *v == 2429.0),
        "{:?}",
        row[7]
    );
    assert!(
        matches!(row[8], Data::Float(v) if *v == 2492.0),
        "{:?}",
        row[8]
    );
    // A negative amount is a number (△5,000 on screen); its bound reads as words.
    let row = finding_row(&r, "税務課_", "negative", "D12");
    assert!(
        matches!(row[8], Data::Float(v) if *v == -5000.0),
        "{:?}",
        row[8]
    );
    assert_eq!(row[7].to_string(), "0以上");
    // A key inside a record is named by its block, record and value.
    let row = finding_row(&r, "施策1-4", "cross-form-mismatch", "F14");
    assert!(
        row[5].to_string().contains("トータルコスト"),
        "{:?}",
        row[5]
    );
    assert!(!row[5].to_string().contains("budget."), "{:?}", row[5]);
    // No 項目 is a bare spec key.
    for row in r.rows().skip(1) {
        let f = row[5].to_string();
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
    // 概要 first, on portrait A4, one page wide.
    assert_eq!(sheet_names(&report), ["概要", "指摘", "ファイル"]);
    let s = part(&report, "xl/worksheets/sheet1.xml");
    assert!(s.contains("fitToPage=\"1\"") && s.contains("orientation=\"portrait\""));
    let s = part(&report, "xl/worksheets/sheet2.xml");
    assert!(
        s.contains("fitToPage=\"1\""),
        "findings not fitted to width"
    );
    assert!(s.contains("orientation=\"landscape\""));
    assert!(s.contains("paperSize=\"9\""));
    let wb = part(&report, "xl/workbook.xml");
    assert!(wb.contains("_xlnm.Print_Area"), "{wb}");
    assert!(wb.contains("指摘!$A:$K"), "{wb}");
    assert!(wb.contains("指摘!$1:$1"), "header not repeated: {wb}");
    assert!(part(&report, "xl/styles.xml").contains("wrapText=\"1\""));
    // Every sheet of every book carries the title, 年度 and 作成日 above, page x / y below.
    let fb = dir.path().join("feedback/職員課.xlsx");
    let book = dir.path().join("consolidated.xlsx");
    for (path, sheets, title) in [
        (&report, 3, "評価シート 点検結果"),
        (&fb, 4, "評価シート 点検結果のお知らせ"),
        (&book, 4, "評価シート 集計"),
    ] {
        for n in 1..=sheets {
            let s = part(path, &format!("xl/worksheets/sheet{n}.xml"));
            let header = format!("<oddHeader>&amp;L&amp;9{title}&amp;C&amp;9令和6年度&amp;R&amp;9作成日 2025年4月1日</oddHeader>");
            assert!(
                s.contains(&header),
                "{} sheet {n}: {s:.3000}",
                path.display()
            );
            assert!(
                s.contains("<oddFooter>&amp;C&amp;9&amp;P / &amp;N ページ</oddFooter>"),
                "{} sheet {n}",
                path.display()
            );
        }
    }
    // The council book opens on 部課別集計 with its chart; 明細 is in the book for pivots but
    // hidden, so it is not printed.
    assert_eq!(
        sheet_names(&book),
        ["部課別集計", "事業一覧", "提出状況", "明細"]
    );
    let wb = part(&book, "xl/workbook.xml");
    assert!(
        wb.contains("<sheet name=\"明細\" sheetId=\"4\" state=\"hidden\""),
        "{wb}"
    );
    let s = part(&book, "xl/worksheets/sheet1.xml");
    assert!(s.contains("<drawing r:id="), "no chart on 部課別集計");
    assert!(s.contains("orientation=\"landscape\"") && s.contains("fitToPage=\"1\""));
    let chart = part(&book, "xl/charts/chart1.xml");
    assert!(
        chart.contains("<c:barChart>") && chart.contains("部課別集計"),
        "{chart:.2000}"
    );
    // 明細 is too wide for one page at a readable size: printed (when unhidden) at full
    // size across pages, its header row and first columns repeated.
    let s = part(&book, "xl/worksheets/sheet4.xml");
    assert!(
        !s.contains("fitToPage=\"1\""),
        "明細 shrunk to one page wide"
    );
    assert!(wb.contains("明細!$A:$B,明細!$1:$1"), "{wb}");
}

#[test]
fn the_readable_width_is_worked_out_not_assumed() {
    use hyoka::write::report::fits_one_page_wide;
    assert!(fits_one_page_wide(&[20.0; 6]));
    assert!(!fits_one_page_wide(&[20.0; 8]));
    // The findings sheet's printed columns, as written, fit.
    assert!(fits_one_page_wide(&[
        5.0, 12.0, 13.0, 8.0, 5.0, 10.0, 8.0, 8.0, 8.0, 28.0, 21.0
    ]));
    // The feedback's, with the kind of each finding in words.
    assert!(fits_one_page_wide(&[
        5.0, 13.0, 8.0, 5.0, 10.0, 8.0, 8.0, 8.0, 16.0, 26.0, 20.0
    ]));
}

#[test]
fn feedback_stands_on_its_own() {
    let dir = tempfile::tempdir().unwrap();
    consolidate(dir.path(), &[]);
    let fb = dir.path().join("feedback/職員課.xlsx");
    assert_eq!(sheet_names(&fb), ["表紙", "指摘", "ファイル", "指摘の説明"]);
    // The cover: to whom, what was found, what to do, by when.
    let cover = range(&fb, "表紙");
    let texts: Vec<String> = cover.cells().map(|(_, _, d)| d.to_string()).collect();
    assert!(texts.contains(&"職員課 御中".to_string()), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("エラー 1 件")), "{texts:?}");
    assert!(
        texts.iter().any(|t| t.contains("再提出してください")),
        "{texts:?}"
    );
    assert!(texts.contains(&"再提出の期限".to_string()), "{texts:?}");
    // Each finding's kind is printed beside it, in words, not as a code.
    let r = range(&fb, "指摘");
    let headers = header_texts(&r);
    let kind = headers.iter().position(|h| h == "種類").unwrap();
    let printed = sheet_print_columns(&fb, "指摘");
    assert!(kind < printed, "種類 not printed");
    let row = finding_row(&r, "職員課_", "derived-overwritten", "D19");
    assert!(row[kind].to_string().chars().count() > 5, "{:?}", row[kind]);
    // The link names the department's own file alone: it opens when the feedback is saved
    // beside that file, wherever the 課 keeps it.
    let rels = part(&fb, "xl/worksheets/_rels/sheet2.xml.rels");
    assert!(
        rels.contains("Target=\"職員課_職員育成推進事業.xlsx\""),
        "{rels}"
    );
    assert!(!rels.contains("samples/") && !rels.contains(".."), "{rels}");
    let s = part(&fb, "xl/worksheets/sheet2.xml");
    assert!(
        s.contains("location=\"'事務事業評価シート'!D19\""),
        "link to the cell"
    );
    // Every kind found is explained, with its count and its code.
    let r = range(&fb, "指摘の説明");
    assert_eq!(
        r.get_value((1, 2)).unwrap().to_string(),
        "derived-overwritten"
    );
    assert!(r.get_value((1, 0)).unwrap().to_string().chars().count() > 5);
    assert_eq!(r.get_value((1, 1)), Some(&Data::Float(1.0)));
    // A code a form defines (staff-cost) is explained by its own row.
    let r = range(&dir.path().join("feedback/企画政策課.xlsx"), "指摘の説明");
    let row = r
        .rows()
        .find(|row| row[2].to_string() == "staff-cost")
        .expect("staff-cost explained");
    assert!(row[0].to_string().contains("人件費"), "{:?}", row[0]);
    for row in r.rows().skip(1) {
        assert!(!row[0].to_string().is_empty(), "{} unexplained", row[2]);
    }
    // The office's own report links into the input folder, relative to itself.
    let rels = part(
        &dir.path().join("report.xlsx"),
        "xl/worksheets/_rels/sheet2.xml.rels",
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
        ["By department", "Projects", "Submissions", "Observations"]
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
    let s = part(&en, "xl/worksheets/sheet1.xml");
    assert!(
        s.contains("'Projects'!") && s.contains("&lt;&gt;errors"),
        "formulas"
    );
    let (a, b) = (range(&ja, "部課別集計"), range(&en, "By department"));
    // A project without a 課名 (an export row) is summed under 部署不明, not an empty line.
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
    // The CSV keeps keys, each with its label beside it; 明細 shows the same labels, row for
    // row.
    let mut lines = csv.lines();
    let header = csv_fields(lines.next().unwrap().trim_start_matches('\u{feff}'));
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (key_at, label_at) = (at("measure"), at("measure_label"));
    assert_eq!(label_at, key_at + 1);
    assert_eq!(header[at("form") + 1], "form_label");
    let keys: Vec<Vec<String>> = lines.map(csv_fields).collect();
    assert_eq!(keys.len() + 1, long.height());
    let mut seen_kpi = false;
    for (k, row) in keys.iter().zip(long.rows().skip(1)) {
        let (key, label) = (&k[key_at], row[6].to_string());
        assert_ne!(key, &label, "{key} not labelled");
        assert_eq!(k[label_at], label);
        assert_eq!(k[at("form_label")], row[2].to_string());
        if key == "kpi.1.actual" {
            seen_kpi = true;
            assert!(label.ends_with("実績"), "{label}");
        }
        assert!(row[7].to_string().ends_with("年度"), "{:?}", row[7]);
    }
    assert!(seen_kpi);
}

#[test]
fn the_report_opens_on_an_overview_of_every_department_of_the_list() {
    let dir = tempfile::tempdir().unwrap();
    // Every 課 of the samples, one that sent nothing, and 部 for some of them.
    let list = dir.path().join("課.txt");
    std::fs::write(
        &list,
        "[企画部]\n企画政策課\n広報課\nデジタル推進室\n情報政策課\n経営企画課\n\
         [総務部]\n総務課\n職員課\n財務課\n財政課\n税務課\n戸籍税務課\n\
         [市民部]\n協働推進課\n市民課\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    consolidate(
        &out,
        &["--departments", list.to_str().unwrap(), "--year", "令和6"],
    );
    let report = out.join("report.xlsx");
    assert_eq!(sheet_names(&report)[0], "概要");
    let r = range(&report, "概要");
    let rows: Vec<Vec<String>> = r
        .rows()
        .map(|row| row.iter().map(|d| d.to_string()).collect())
        .collect();
    assert_eq!(rows[0][0], "令和6年度 評価シート 点検結果");
    let fact = |k: &str| rows.iter().find(|r| r[0] == k).map(|r| r[1].clone());
    assert_eq!(fact("対象年度").as_deref(), Some("令和6年度"));
    assert_eq!(fact("作成日時").as_deref(), Some("2025年4月1日 00:00"));
    assert_eq!(fact("課の一覧").as_deref(), Some("13 課"));
    // The 課 table: the list's order, 未提出 for the one that sent nothing.
    let state = |d: &str| {
        rows.iter()
            .find(|r| r[0] == d)
            .map(|r| r[1].clone())
            .unwrap_or_else(|| panic!("{d} not in 概要"))
    };
    assert_eq!(state("市民課"), "未提出");
    assert_eq!(state("職員課"), "エラーあり");
    assert_eq!(state("情報政策課"), "提出済");
    let at = |d: &str| rows.iter().position(|r| r[0] == d).unwrap();
    assert!(at("企画政策課") < at("総務課") && at("総務課") < at("市民課"));
    assert!(rows
        .iter()
        .any(|r| r[0].starts_with("計: ") && r[0].contains("未提出 1")));
    // The council table takes the list's 部: 協働推進課 under 市民部.
    let council = range(&out.join("consolidated.xlsx"), "部課別集計");
    let names: Vec<String> = council.rows().map(|r| r[0].to_string()).collect();
    let (bureau, member) = (
        names.iter().position(|n| n == "市民部").expect("市民部"),
        names.iter().position(|n| n == "協働推進課").unwrap(),
    );
    assert!(bureau < member);
}
