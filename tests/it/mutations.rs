//! Property tests over the reader: mutated workbooks (bytes flipped, cut short, cell XML
//! scrambled) are read or rejected, and whatever is read goes through extraction and checks
//! without a panic. The long runs are `cargo fuzz` (fuzz/); each crasher it found is rebuilt
//! as a named test in hostile.rs.

use crate::common::*;
use hyoka::check::{check_sheet, CheckConfig, SheetReporter};
use hyoka::extract::{extract, find_title};
use hyoka::read::{read_bytes, Limits};
use proptest::prelude::*;

/// The per-file pipeline on bytes, as the batch runs it (without the batch's own guard, so
/// a panic in extraction or checks fails the test).
fn run(bytes: &[u8]) {
    let forms = vec![spec()];
    let Ok(wb) = read_bytes(bytes, &Limits::default()) else {
        return;
    };
    for (i, sheet) in wb.sheets.iter().enumerate() {
        for spec in &forms {
            if let Some(title) = find_title(&sheet.grid, spec) {
                let data = extract(&sheet.grid, spec, title, &Default::default());
                let mut out = SheetReporter {
                    file: "f",
                    sheet: &sheet.name,
                    sheet_index: i,
                    spec: Some(spec),
                    findings: Vec::new(),
                };
                check_sheet(spec, &data, &CheckConfig::default(), &mut out);
            }
        }
    }
}

fn sample() -> Vec<u8> {
    std::fs::read(repo().join("samples/協働推進課_町民活動推進事業.xlsx")).unwrap()
}

fn with_sheet_xml(xlsx: &[u8], edit: impl Fn(&str) -> String) -> Vec<u8> {
    rewrite_part(
        xlsx,
        "xl/worksheets/sheet1.xml",
        zip::CompressionMethod::Stored,
        |t| edit(&t),
    )
}

/// Pieces that make cell XML interesting: numbers in every notation, years, huge references.
const PIECES: &[&str] = &[
    "△1,234",
    "－",
    "令和元年度",
    "R7",
    "平成32年度",
    "1e308",
    "-0",
    "NaN",
    "#DIV/0!",
    "<c r=\"XFD1048576\"><v>1</v></c>",
    "<c r=\"A1\" t=\"s\"><v>999999</v></c>",
    "<c r=\"B2\" t=\"e\"><v>#REF!</v></c>",
    "<f>1/0</f>",
    "</row>",
    "<row r=\"0\">",
    "事業費合計",
    "一般財源",
    "指標名",
    "目標",
    "実績",
    "&amp;",
    "\u{0}",
    "<mergeCell ref=\"A1:XFD1048576\"/>",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn flipped_and_truncated_bytes(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8), cut in any::<prop::sample::Index>(), truncate in any::<bool>()) {
        let mut b = sample();
        for (at, v) in flips {
            let i = at.index(b.len());
            b[i] = v;
        }
        if truncate {
            let n = cut.index(b.len());
            b.truncate(n);
        }
        run(&b);
    }

    #[test]
    fn scrambled_cell_xml(edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), 0usize..40), 1..6)) {
        let b = with_sheet_xml(&sample(), |xml| {
            let mut s: Vec<char> = xml.chars().collect();
            for (at, piece, drop) in &edits {
                let i = at.index(s.len().max(1)).min(s.len());
                let end = (i + drop).min(s.len());
                let insert: Vec<char> = PIECES[piece.index(PIECES.len())].chars().collect();
                s.splice(i..end, insert);
            }
            s.into_iter().collect()
        });
        run(&b);
    }
}
