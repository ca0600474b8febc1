//! `hyoka template` as an office prints it: every sheet on A4 with its print area, the form's
//! name and year above and `page x / y` below; the 記入要領 wrapped in rows tall enough for
//! every line; long headers wrapped; the export's groups each under its year, one to a page.
//! The written XML is read directly, as Excel or LibreOffice will see it.

use crate::common::*;
use calamine::{open_workbook, Reader, Xlsx};
use std::io::Read;
use std::path::{Path, PathBuf};

const FORMS: [(&str, &str); 6] = [
    ("jimu-jigyo", "事務事業評価シート"),
    ("shisaku", "施策評価シート"),
    ("tassei", "達成目標"),
    ("gyokaku", "取り組み推進項目調書"),
    ("keikaku", "行動計画 実施状況"),
    ("export", "評価システム出力"),
];

/// `hyoka template FORM --year 令和6年度` into `dir`, with the clock at `epoch`.
fn template_at(dir: &Path, form: &str, epoch: &str) -> PathBuf {
    let out = dir.join(format!("{form}-{epoch}.xlsx"));
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_hyoka"))
        .args(["template", form, "--year", "令和6年度", "--out"])
        .arg(&out)
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

fn template(dir: &Path, form: &str) -> PathBuf {
    template_at(dir, form, FIXED_EPOCH)
}

fn part(xlsx: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn sheet_names(xlsx: &Path) -> Vec<String> {
    let wb: Xlsx<_> = open_workbook(xlsx).unwrap();
    wb.sheet_names().to_vec()
}

/// An attribute's value in an XML start tag (`ht` of `<row r="3" ht="33" …>`).
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[at..at + tag[at..].find('"')?])
}

/// The start tag of row `r` (1-based) of a sheet's XML.
fn row_tag(sheet: &str, r: u32) -> &str {
    let at = sheet
        .find(&format!("<row r=\"{r}\""))
        .unwrap_or_else(|| panic!("no row {r}"));
    &sheet[at..at + sheet[at..].find('>').unwrap()]
}

/// The style index of a cell (`B7`).
fn style_of(sheet: &str, cell: &str) -> usize {
    let at = sheet
        .find(&format!("<c r=\"{cell}\""))
        .unwrap_or_else(|| panic!("no cell {cell}"));
    let tag = &sheet[at..at + sheet[at..].find('>').unwrap()];
    attr(tag, "s").unwrap_or("0").parse().unwrap()
}

/// Whether the cell format `s` wraps its text.
fn wraps(styles: &str, s: usize) -> bool {
    let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
    let xf = xfs.split("<xf ").nth(s + 1).unwrap();
    xf.contains("wrapText=\"1\"")
}

/// The width of column `c` (1-based) from `<cols>`.
fn col_width(sheet: &str, c: u32) -> f64 {
    sheet
        .split("<col ")
        .skip(1)
        .map(|t| format!(" {t}"))
        .find(|t| {
            let min: u32 = attr(t, "min").unwrap().parse().unwrap();
            let max: u32 = attr(t, "max").unwrap().parse().unwrap();
            (min..=max).contains(&c)
        })
        .and_then(|t| attr(&t, "width").map(|w| w.parse().unwrap()))
        .unwrap_or(8.43)
}

/// Lines a text takes in a column `width` characters of Calibri 11 wide, counting a CJK
/// character as Excel draws it, a little over two digits (15 px against 7).
fn lines_needed(text: &str, width: f64) -> f64 {
    let units: f64 = text
        .chars()
        .map(|c| if c.is_ascii() { 1.0 } else { 15.0 / 7.0 })
        .sum();
    (units / (width - 1.0)).ceil().max(1.0)
}

/// A row's height in points (15 when not set).
fn row_height(sheet: &str, r: u32) -> f64 {
    attr(row_tag(sheet, r), "ht").map_or(15.0, |h| h.parse().unwrap())
}

#[test]
fn every_template_sheet_prints_on_a4_with_its_name_year_and_pages() {
    let dir = tempfile::tempdir().unwrap();
    for (form, name) in FORMS {
        let x = template(dir.path(), form);
        let names = sheet_names(&x);
        let wb = part(&x, "xl/workbook.xml");
        for (i, sheet) in names.iter().enumerate() {
            let s = part(&x, &format!("xl/worksheets/sheet{}.xml", i + 1));
            assert!(s.contains("paperSize=\"9\""), "{form} {sheet}: not A4");
            assert!(
                wb.contains(&format!(
                    "<definedName name=\"_xlnm.Print_Area\" localSheetId=\"{i}\">{sheet}!$"
                )),
                "{form} {sheet}: no print area: {wb}"
            );
            // The form's name and the year; no 作成日: a blank form's bytes do not depend
            // on the day.
            let title = if sheet == "記入要領" {
                format!("{name} 記入要領")
            } else {
                name.to_string()
            };
            let header = format!("<oddHeader>&amp;L&amp;9{title}&amp;C&amp;9令和6年度</oddHeader>");
            assert!(s.contains(&header), "{form} {sheet}: {s:.4000}");
            assert!(
                s.contains("<oddFooter>&amp;C&amp;9&amp;P / &amp;N ページ</oddFooter>"),
                "{form} {sheet}"
            );
        }
        assert_eq!(
            names.len(),
            if form == "export" { 1 } else { 2 },
            "{form}: {names:?}"
        );
    }
}

#[test]
fn a_template_does_not_depend_on_the_day_it_is_written() {
    let dir = tempfile::tempdir().unwrap();
    for (form, _) in FORMS {
        let a = std::fs::read(template_at(dir.path(), form, "1743465600")).unwrap();
        let b = std::fs::read(template_at(dir.path(), form, "1780000000")).unwrap();
        assert!(a == b, "{form}: two days, two templates");
    }
}

#[test]
fn every_instruction_wraps_in_a_row_tall_enough_within_the_page() {
    let dir = tempfile::tempdir().unwrap();
    for (form, _) in FORMS.iter().filter(|(f, _)| *f != "export") {
        let x = template(dir.path(), form);
        let s = part(&x, "xl/worksheets/sheet2.xml");
        let styles = part(&x, "xl/styles.xml");
        let spec = built_in(form);
        // One column, inside a portrait A4 page (6.9 in between the margins at 96 dpi) even
        // with a third to spare for a wider substitute font.
        let width = col_width(&s, 1);
        assert!(
            (width * 7.0 + 5.0) * 1.35 <= 6.9 * 96.0,
            "{form}: a guide column {width} wide runs off the page"
        );
        assert!(s.contains("orientation=\"portrait\"") && s.contains("fitToPage=\"1\""));
        for (i, line) in spec.template.instructions.iter().enumerate() {
            let r = i as u32 + 3;
            assert!(
                wraps(&styles, style_of(&s, &format!("A{r}"))),
                "{form}: instruction {} does not wrap",
                i + 1
            );
            let text = format!("{}. {line}", i + 1);
            let need = 15.0 * lines_needed(&text, width);
            assert!(
                row_height(&s, r) >= need,
                "{form}: instruction {} is {} pt tall, its lines need {need}",
                i + 1,
                row_height(&s, r)
            );
        }
    }
}

#[test]
fn the_tassei_header_wraps_in_a_row_tall_enough() {
    let dir = tempfile::tempdir().unwrap();
    let x = template(dir.path(), "tassei");
    let s = part(&x, "xl/worksheets/sheet1.xml");
    let styles = part(&x, "xl/styles.xml");
    let r: calamine::Range<calamine::Data> = open_workbook::<Xlsx<_>, _>(&x)
        .unwrap()
        .worksheet_range("達成目標")
        .unwrap();
    let label = "目標指標の測定あるいは取得の方法";
    let (r0, c0) = r.start().unwrap();
    let (row, col) = r
        .cells()
        .find(|(_, _, d)| d.to_string() == label)
        .map(|(row, col, _)| (r0 + row as u32, c0 + col as u32))
        .expect("no method header");
    let cell = format!("{}{}", hyoka::finding::column_letters(col), row + 1);
    assert!(wraps(&styles, style_of(&s, &cell)), "{cell} does not wrap");
    let width = col_width(&s, col + 1);
    let need = 15.0 * lines_needed(label, width);
    assert!(
        row_height(&s, row + 1) >= need,
        "{cell}: {} pt for {need}",
        row_height(&s, row + 1)
    );
}

#[test]
fn the_export_prints_each_year_group_under_its_year_one_to_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let x = template(dir.path(), "export");
    let r: calamine::Range<calamine::Data> = open_workbook::<Xlsx<_>, _>(&x)
        .unwrap()
        .worksheet_range("評価システム出力")
        .unwrap();
    let at = |row: u32, col: u32| {
        r.get_value((row, col))
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    // Four fields, then six groups of nine measures, 令和元年度 … 令和6年度.
    let years = [
        "令和元年度",
        "令和2年度",
        "令和3年度",
        "令和4年度",
        "令和5年度",
        "令和6年度",
    ];
    for (g, year) in years.iter().enumerate() {
        let c = 4 + g as u32 * 9;
        assert_eq!(at(0, c), *year, "group {g}");
        assert_eq!(at(1, c), "国庫支出金", "group {g}");
    }
    let s = part(&x, "xl/worksheets/sheet1.xml");
    assert!(s.contains("orientation=\"landscape\""));
    // A break before each group but the first; the groups' year over each stays merged.
    assert!(s.contains("<colBreaks count=\"5\""), "{s:.4000}");
    for g in 0..6u32 {
        let first = hyoka::finding::column_letters(4 + g * 9);
        let last = hyoka::finding::column_letters(12 + g * 9);
        assert!(s.contains(&format!("<mergeCell ref=\"{first}1:{last}1\"/>")));
    }
    let wb = part(&x, "xl/workbook.xml");
    assert!(
        wb.contains("評価システム出力!$A:$D,評価システム出力!$1:$2"),
        "no print titles: {wb}"
    );
    assert!(wb.contains("評価システム出力!$A:$BF"), "{wb}");
    // Still the export the spec reads: its header found, with no project rows yet.
    let o = check_built_in(&std::fs::read(&x).unwrap(), "export.xlsx");
    let codes: Vec<String> = found(&o).into_iter().map(|(c, _)| c).collect();
    assert_eq!(codes, vec!["export-without-rows"]);
}
