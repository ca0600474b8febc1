//! `consolidated.csv`: the long table, UTF-8 with a byte-order mark so Japanese Excel opens it
//! without mojibake, or cp932 for older tools. Rows are written as a stream with the `csv`
//! crate, through the encoding, into a file renamed into place when complete.

use super::looks_like_formula;
use crate::consolidate::{LongRow, LONG_COLUMNS};
use crate::read::grid::format_number;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CsvEncoding {
    #[value(name = "utf8")]
    Utf8,
    #[value(name = "cp932")]
    Cp932,
}

/// A text cell that a spreadsheet would run as a formula gets a leading apostrophe; quoting
/// is the csv crate's.
fn guarded(s: &str) -> std::borrow::Cow<'_, str> {
    if looks_like_formula(s) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// Encodes UTF-8 into cp932 as it passes. A character cp932 cannot hold (`▶`, emoji) is
/// written as 〓, the mark Japanese printing uses for a missing glyph, and remembered so the
/// caller can name it rather than drop it silently. Bytes of a character split across two
/// writes wait for the rest.
struct Cp932<W: Write> {
    inner: W,
    pending: Vec<u8>,
    missing: Vec<char>,
}

impl<W: Write> Cp932<W> {
    fn encode(&mut self, text: &str) -> std::io::Result<()> {
        let mut held = String::with_capacity(text.len());
        for c in text.chars() {
            let fits = c.is_ascii() || !encoding_rs::SHIFT_JIS.encode(c.encode_utf8(&mut [0; 4])).2;
            if fits {
                held.push(c);
            } else {
                if !self.missing.contains(&c) {
                    self.missing.push(c);
                }
                held.push('〓');
            }
        }
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&held);
        self.inner.write_all(&bytes)
    }
}

impl<W: Write> Write for Cp932<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(e) => {
                return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, e));
            }
        };
        let done: Vec<u8> = self.pending.drain(..valid).collect();
        self.encode(std::str::from_utf8(&done).expect("checked above"))?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The CSV of the long table, fed a row at a time: the header first, with a byte-order mark
/// for UTF-8, or through the cp932 encoder.
pub struct LongCsv<'a, W: Write> {
    sink: Sink<W>,
    labels: super::Labels<'a>,
}

/// The CSV's columns: the long table's, each key (`form`, `block`, `measure`) followed by its
/// words (`form_label`, …) for people; programs keep reading the keys.
pub fn csv_columns() -> Vec<&'static str> {
    let mut out = Vec::new();
    for c in LONG_COLUMNS {
        out.push(*c);
        match *c {
            "form" => out.push("form_label"),
            "block" => out.push("block_label"),
            "measure" => out.push("measure_label"),
            _ => {}
        }
    }
    out
}

enum Sink<W: Write> {
    Utf8(csv::Writer<W>),
    Cp932(csv::Writer<Cp932<W>>),
}

impl<'a, W: Write> LongCsv<'a, W> {
    pub fn new(
        mut out: W,
        enc: CsvEncoding,
        labels: super::Labels<'a>,
    ) -> std::io::Result<LongCsv<'a, W>> {
        let mut b = csv::WriterBuilder::new();
        b.terminator(csv::Terminator::CRLF);
        let mut sink = match enc {
            CsvEncoding::Utf8 => {
                out.write_all(&[0xEF, 0xBB, 0xBF])?;
                Sink::Utf8(b.from_writer(out))
            }
            CsvEncoding::Cp932 => Sink::Cp932(b.from_writer(Cp932 {
                inner: out,
                pending: Vec::new(),
                missing: Vec::new(),
            })),
        };
        let columns = csv_columns();
        match &mut sink {
            Sink::Utf8(w) => w.write_record(&columns)?,
            Sink::Cp932(w) => w.write_record(&columns)?,
        }
        Ok(LongCsv { sink, labels })
    }

    pub fn push(&mut self, r: &LongRow) -> std::io::Result<()> {
        let year = r.fiscal_year.to_string();
        let value = format_number(r.value);
        let words = self.labels.of(r).clone();
        let record = [
            guarded(&r.department),
            guarded(&r.project_id),
            guarded(&r.form),
            guarded(&words.form),
            guarded(&r.block),
            guarded(&words.table),
            guarded(&r.heading),
            guarded(&r.record),
            guarded(&r.measure),
            guarded(&words.measure),
            year.as_str().into(),
            guarded(&r.phase),
            value.as_str().into(),
            guarded(&r.unit),
            guarded(&r.source_file),
            guarded(&r.source_sheet),
            guarded(&r.source_cell),
            r.status.as_str().into(),
        ];
        let fields = record.iter().map(|c| c.as_bytes());
        match &mut self.sink {
            Sink::Utf8(w) => w.write_record(fields)?,
            Sink::Cp932(w) => w.write_record(fields)?,
        }
        Ok(())
    }

    /// Flushes; returns the writer and the characters cp932 could not hold.
    pub fn finish(self) -> std::io::Result<(W, Vec<char>)> {
        match self.sink {
            Sink::Utf8(w) => Ok((w.into_inner().map_err(|e| e.into_error())?, Vec::new())),
            Sink::Cp932(w) => {
                let inner = w.into_inner().map_err(|e| e.into_error())?;
                Ok((inner.inner, inner.missing))
            }
        }
    }
}

/// Writes the rows as CSV into `out`, labelled from `forms`; returns the characters cp932
/// could not hold.
pub fn write_long_table<W: Write>(
    rows: &[LongRow],
    enc: CsvEncoding,
    out: W,
    labels: super::Labels,
) -> std::io::Result<Vec<char>> {
    let mut csv = LongCsv::new(out, enc, labels)?;
    for r in rows {
        csv.push(r)?;
    }
    Ok(csv.finish()?.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv_of(rows: &[LongRow], enc: CsvEncoding) -> (Vec<u8>, Vec<char>) {
        let mut out = Vec::new();
        let labels = crate::write::Labels::new(&[], crate::i18n::Lang::Ja);
        let missing = write_long_table(rows, enc, &mut out, labels).unwrap();
        (out, missing)
    }

    fn row(department: &str, heading: &str) -> LongRow {
        LongRow {
            department: department.into(),
            project_id: "-1".into(),
            form: "jimu-jigyo".into(),
            block: "cost".into(),
            heading: heading.into(),
            record: String::new(),
            measure: "a".into(),
            fiscal_year: 2024,
            phase: "actual".into(),
            value: 1234.5,
            unit: "千円".into(),
            source_file: "a,b.xlsx".into(),
            source_sheet: "=HYPERLINK(\"x\")".into(),
            source_cell: "D10".into(),
            status: crate::outcome::ProjectStatus::Ok,
        }
    }

    #[test]
    fn escaping_and_encodings() {
        let (b, missing) = csv_of(&[row("課", "")], CsvEncoding::Utf8);
        assert!(missing.is_empty());
        assert_eq!(&b[..3], &[0xEF, 0xBB, 0xBF]);
        let text = String::from_utf8(b[3..].to_vec()).unwrap();
        let line = text.lines().nth(1).unwrap();
        assert!(line.starts_with("課,'-1,jimu-jigyo,"), "{line}");
        assert!(line.contains(",\"a,b.xlsx\","), "{line}");
        assert!(line.contains(",\"'=HYPERLINK(\"\"x\"\")\","), "{line}");
        assert!(text.ends_with("\r\n"));
        let (bytes, missing) = csv_of(&[row("課", "紡ぐ6 ▶ ②")], CsvEncoding::Cp932);
        assert_eq!(missing, vec!['▶']);
        let (back, _, _) = encoding_rs::SHIFT_JIS.decode(&bytes);
        assert!(back.contains("紡ぐ6 〓 ②"), "{back}");
        assert!(back.starts_with("department,"));
    }

    #[test]
    fn a_character_split_between_writes_is_encoded_whole() {
        let mut out = Vec::new();
        let mut w = Cp932 {
            inner: &mut out,
            pending: Vec::new(),
            missing: Vec::new(),
        };
        let bytes = "課名".as_bytes();
        w.write_all(&bytes[..2]).unwrap();
        w.write_all(&bytes[2..]).unwrap();
        assert_eq!(encoding_rs::SHIFT_JIS.decode(&out).0, "課名");
    }
}
