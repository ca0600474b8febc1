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
        ];
        out.push_str(&cols.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Encodes the CSV. For cp932, characters it cannot hold are reported, not dropped silently:
/// the error lists the first of them.
pub fn encode(text: &str, enc: CsvEncoding) -> Result<Vec<u8>, String> {
    match enc {
        CsvEncoding::Utf8 => {
            let mut b = vec![0xEF, 0xBB, 0xBF];
            b.extend_from_slice(text.as_bytes());
            Ok(b)
        }
        CsvEncoding::Cp932 => {
            let (bytes, _, had_errors) = encoding_rs::SHIFT_JIS.encode(text);
            if had_errors {
                let bad: String = text
                    .chars()
                    .filter(|c| encoding_rs::SHIFT_JIS.encode(&c.to_string()).2)
                    .take(5)
                    .collect();
                return Err(format!(
                    "cp932 cannot hold these characters: {bad} (use --csv-encoding utf8)"
                ));
            }
            Ok(bytes.into_owned())
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
        let b = encode("課", CsvEncoding::Utf8).unwrap();
        assert_eq!(&b[..3], &[0xEF, 0xBB, 0xBF]);
        assert_eq!(encode("課", CsvEncoding::Cp932).unwrap(), vec![0x89, 0xDB]);
        assert!(encode("😀", CsvEncoding::Cp932).is_err());
    }
}
