//! `consolidated.csv`: the long table, UTF-8 with a byte-order mark so Japanese Excel opens it
//! without mojibake, or cp932 for older tools.

use super::looks_like_formula;
use crate::consolidate::{LongRow, LONG_COLUMNS};
use crate::read::grid::format_number;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CsvEncoding {
    #[value(name = "utf8")]
    Utf8,
    #[value(name = "cp932")]
    Cp932,
}

fn field(s: &str) -> String {
    // A text cell that a spreadsheet would run as a formula gets a leading apostrophe.
    let s = if looks_like_formula(s) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

pub fn long_table_text(rows: &[LongRow]) -> String {
    let mut out = String::new();
    out.push_str(&LONG_COLUMNS.join(","));
    out.push_str("\r\n");
    for r in rows {
        let cols = [
            field(&r.department),
            field(&r.project_id),
            field(&r.form),
            field(&r.block),
            field(&r.heading),
            field(&r.record),
            field(&r.measure),
            r.fiscal_year.to_string(),
            field(&r.phase),
            format_number(r.value),
            field(&r.unit),
            field(&r.source_file),
            field(&r.source_sheet),
            field(&r.source_cell),
            r.status.as_str().to_string(),
        ];
        out.push_str(&cols.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The CSV's bytes, and the characters cp932 cannot hold (`▶`, emoji): each written as 〓,
/// the mark Japanese printing uses for a missing glyph, and named by the caller rather than
/// dropped silently.
pub fn encode(text: &str, enc: CsvEncoding) -> (Vec<u8>, Vec<char>) {
    match enc {
        CsvEncoding::Utf8 => {
            let mut b = vec![0xEF, 0xBB, 0xBF];
            b.extend_from_slice(text.as_bytes());
            (b, Vec::new())
        }
        CsvEncoding::Cp932 => {
            let fits = |c: char| !encoding_rs::SHIFT_JIS.encode(c.encode_utf8(&mut [0; 4])).2;
            let mut missing: Vec<char> = Vec::new();
            let held: String = text
                .chars()
                .map(|c| {
                    if c.is_ascii() || fits(c) {
                        c
                    } else {
                        if !missing.contains(&c) {
                            missing.push(c);
                        }
                        '〓'
                    }
                })
                .collect();
            let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&held);
            (bytes.into_owned(), missing)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn escaping_and_encodings() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("-1"), "'-1");
        let (b, _) = encode("課", CsvEncoding::Utf8);
        assert_eq!(&b[..3], &[0xEF, 0xBB, 0xBF]);
        assert_eq!(encode("課", CsvEncoding::Cp932), (vec![0x89, 0xDB], vec![]));
        let (bytes, missing) = encode("紡ぐ6 ▶ ②", CsvEncoding::Cp932);
        assert_eq!(missing, vec!['▶']);
        let (back, _, _) = encoding_rs::SHIFT_JIS.decode(&bytes);
        assert_eq!(back, "紡ぐ6 〓 ②");
    }
}
