//! Hostile files the tests build themselves, so they pass without ../shared: declared counts
//! that would make calamine reserve terabytes, sheets whose range spans the whole grid, long
//! strings, and output names from hostile department names.

use crate::common::*;
use hyoka::read::{read_bytes, Limits, Rejection};
use std::io::{Cursor, Write};

fn edit_part(xlsx: &[u8], part: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    rewrite_part(xlsx, part, zip::CompressionMethod::Deflated, edit)
}

fn small_xlsx() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "事務事業評価シート").unwrap();
    ws.write_string(1, 0, "事業名").unwrap();
    wb.save_to_buffer().unwrap()
}

fn too_large(r: Result<hyoka::read::Workbook, Rejection>) -> hyoka::read::limits::Limit {
    match r {
        Err(Rejection::TooLarge { limit, .. }) => limit,
        other => panic!(
            "expected too-large, got {:?}",
            other.map(|w| w.sheets.len())
        ),
    }
}

#[test]
fn shared_string_count_of_ten_to_the_fourteenth() {
    let bomb = edit_part(&small_xlsx(), "xl/sharedStrings.xml", |t| {
        let at = t.find("uniqueCount=\"").unwrap() + 13;
        let end = at + t[at..].find('"').unwrap();
        format!("{}100000000000000{}", &t[..at], &t[end..])
    });
    assert_eq!(
        too_large(read_bytes(&bomb, &Limits::default())),
        hyoka::read::limits::Limit::StringCount
    );
    // The same workbook with an honest count reads.
    assert!(read_bytes(
        &edit_part(&small_xlsx(), "xl/sharedStrings.xml", |t| t),
        &Limits::default()
    )
    .is_ok());
}

#[test]
fn an_xlsx_with_cells_at_both_corners_is_read_sparsely() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "A1").unwrap();
    ws.write_string(1_048_575, 16_383, "XFD1048576").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let book = read_bytes(&bytes, &Limits::default()).unwrap();
    assert_eq!(book.sheets[0].grid.len(), 2);
    assert_eq!(
        book.sheets[0].grid.text(1_048_575, 16_383).as_deref(),
        Some("XFD1048576")
    );
}

#[test]
fn a_wrong_stored_dimension_hides_no_cell() {
    let bytes = edit_part(&small_xlsx(), "xl/worksheets/sheet1.xml", |t| {
        let at = t.find("<dimension ref=\"").unwrap() + 16;
        let end = at + t[at..].find('"').unwrap();
        format!("{}A1{}", &t[..at], &t[end..])
    });
    let book = read_bytes(&bytes, &Limits::default()).unwrap();
    assert_eq!(book.sheets[0].grid.text(1, 0).as_deref(), Some("事業名"));
}

#[test]
fn a_string_longer_than_the_limit() {
    let long = "あ".repeat(1_200_000);
    let bytes = edit_part(&small_xlsx(), "xl/sharedStrings.xml", |t| {
        t.replace("事業名", &long)
    });
    assert_eq!(
        too_large(read_bytes(&bytes, &Limits::default())),
        hyoka::read::limits::Limit::StringChars
    );
    let raised = Limits {
        max_string_chars: 2_000_000,
        ..Limits::default()
    };
    assert!(read_bytes(&bytes, &raised).is_ok());
}

/// A BIFF8 record.
fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut v = typ.to_le_bytes().to_vec();
    v.extend((data.len() as u16).to_le_bytes());
    v.extend(data);
    v
}

fn number(row: u16, col: u16) -> Vec<u8> {
    let mut d = row.to_le_bytes().to_vec();
    d.extend(col.to_le_bytes());
    d.extend([0u8; 10]);
    record(0x0203, &d)
}

/// An xls compound file whose Workbook stream holds `records`.
fn xls(records: &[Vec<u8>]) -> Vec<u8> {
    let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    {
        let mut s = cf.create_stream("/Workbook").unwrap();
        s.write_all(&records.concat()).unwrap();
    }
    cf.flush().unwrap();
    cf.into_inner().into_inner()
}

#[test]
fn an_xls_sheet_spanning_the_whole_grid() {
    let bof = record(0x0809, &[0, 6, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    let bytes = xls(&[
        bof.clone(),
        number(0, 0),
        number(65_535, 255),
        record(0x000A, &[]),
    ]);
    assert_eq!(
        too_large(read_bytes(&bytes, &Limits::default())),
        hyoka::read::limits::Limit::SheetArea
    );
    // A stored DIMENSIONS whose last row is before its first would make calamine reserve
    // billions of cells.
    let mut dims = 10u32.to_le_bytes().to_vec();
    dims.extend(5u32.to_le_bytes());
    dims.extend([0, 0, 2, 0, 0, 0]);
    let bytes = xls(&[bof.clone(), record(0x0200, &dims), record(0x000A, &[])]);
    assert_eq!(
        too_large(read_bytes(&bytes, &Limits::default())),
        hyoka::read::limits::Limit::SheetArea
    );
    // FILEPASS: a password-protected xls.
    let bytes = xls(&[bof, record(0x002F, &[1, 0, 1, 0]), record(0x000A, &[])]);
    assert!(matches!(
        read_bytes(&bytes, &Limits::default()),
        Err(Rejection::Encrypted)
    ));
}

#[test]
fn hostile_department_names_stay_inside_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("in");
    std::fs::create_dir(&inbox).unwrap();
    for (i, name) in ["../../evil", "/etc/passwd", "..", "CON", "a\\b:c"]
        .iter()
        .enumerate()
    {
        let mut d = clean();
        d.fields.insert(
            "ka".into(),
            hyoka::write::form_sheet::CellInput::Text(name.to_string()),
        );
        write_book(&inbox, &format!("{i}.xlsx"), &d, &layout());
    }
    run_in(dir.path(), "validate", "in", 0);
    let feedback = dir.path().join("out/feedback");
    let names = names_in(&feedback);
    assert_eq!(names.len(), 5, "{names:?}");
    for n in &names {
        assert!(
            !n.contains('/') && !n.contains('\\') && !n.starts_with('.'),
            "{n}"
        );
    }
    // Nothing was written outside the output folder, and no temporary file was left behind.
    assert_eq!(names_in(dir.path()), vec!["in", "out"]);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .collect();
    assert!(leftovers.is_empty());
}

/// An xlsb whose sheet list names a relationship that does not exist: calamine indexes a map
/// with it and panics (as POI's Simple.xlsb makes it do). The panic is this file's finding.
#[test]
fn a_panic_inside_the_reader_is_a_finding_for_that_file() {
    // The caught panic is this file's finding, not a backtrace in the test log.
    hyoka::read::quiet_reader_panics();
    let bytes = panicking_xlsb();
    assert!(matches!(
        read_bytes(&bytes, &Limits::default()),
        Err(Rejection::ReaderPanic(_))
    ));
    // Through the command line, beside a good file: reported, and the batch goes on.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("panics.xlsb"), &bytes).unwrap();
    write_book(dir.path(), "good.xlsx", &clean(), &layout());
    let out = hyoka(
        &[
            "validate",
            "panics.xlsb",
            "good.xlsx",
            "--out",
            "out",
            "--progress",
            "never",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let report = read_json(dir.path().join("out/report.json"));
    let status: Vec<(&str, &str)> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap(), f["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        status,
        vec![("good.xlsx", "accepted"), ("panics.xlsb", "rejected")]
    );
    assert_eq!(report["files"][1]["reason"], "reader-panic");
    // The reader's own panic text stays out of what the office reads.
    let message = report["files"][1]["reason_message"].as_str().unwrap();
    assert!(message.contains("Excel で開いて"), "{message}");
    assert!(
        !message.contains(':') && !message.contains("key"),
        "{message}"
    );
}

/// Regression for a crasher cargo fuzz found (`read_workbook`): a compound file whose sector
/// chain loops made calamine's own reader grow one buffer without end (past 20 GB in a
/// minute). Rebuilt here from a compound file of our own, with the directory's chain pointing
/// at itself. It must be rejected at once as unreadable.
#[test]
fn a_compound_file_whose_sector_chain_loops() {
    let bof = record(0x0809, &[0, 6, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    let mut bytes = xls(&[bof, number(0, 0), record(0x000A, &[])]);
    let u32_at =
        |b: &[u8], i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
    let sector_size = 1usize << u16::from_le_bytes([bytes[0x1E], bytes[0x1F]]);
    let first_dir_sector = u32_at(&bytes, 0x30);
    let first_fat_sector = u32_at(&bytes, 0x4C);
    let fat_entry = sector_size + first_fat_sector * sector_size + first_dir_sector * 4;
    bytes[fat_entry..fat_entry + 4].copy_from_slice(&(first_dir_sector as u32).to_le_bytes());
    let started = std::time::Instant::now();
    assert!(matches!(
        read_bytes(&bytes, &Limits::default()),
        Err(Rejection::Unreadable(_))
    ));
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

/// An xlsb whose sheet list names a relationship that does not exist: calamine indexes a map
/// with it and panics (as POI's Simple.xlsb makes it do).
pub fn panicking_xlsb() -> Vec<u8> {
    let utf16 = |s: &str| -> Vec<u8> {
        let mut v = (s.encode_utf16().count() as u32).to_le_bytes().to_vec();
        v.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        v
    };
    // BrtBundleSh: state, tab id, relationship id, name.
    let mut body = 0u32.to_le_bytes().to_vec();
    body.extend(1u32.to_le_bytes());
    body.extend(utf16("rId9"));
    body.extend(utf16("Sheet1"));
    let mut workbook_bin = vec![0x9C, 0x01, body.len() as u8];
    workbook_bin.extend(&body);
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/></Relationships>"#;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        for (name, data) in [
            ("xl/workbook.bin", workbook_bin.as_slice()),
            ("xl/_rels/workbook.bin.rels", rels.as_bytes()),
        ] {
            z.start_file(name, opts).unwrap();
            z.write_all(data).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}
