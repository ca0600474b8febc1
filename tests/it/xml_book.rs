//! Workbooks written here, cell by cell, as another program writes them: worksheet XML with
//! shared or inline strings, formulas with or without a cached result, merged ranges. No
//! part of hyoka's writer is used, so what the reader gets from these is not agreement by
//! construction.

use std::io::Write;

/// A cell as another writer stores it.
#[derive(Debug, Clone)]
pub enum C {
    /// Text (a shared string, or an inline string when the book says so).
    S(String),
    N(f64),
    /// A formula (without `=`) with the result the writer cached, or none (openpyxl).
    F(String, Option<f64>),
}

pub fn s(t: &str) -> C {
    C::S(t.to_string())
}
pub fn num(v: f64) -> C {
    C::N(v)
}

#[derive(Debug, Clone, Default)]
pub struct SheetXml {
    pub name: String,
    /// (A1 reference, cell), any order.
    pub cells: Vec<(String, C)>,
    pub merges: Vec<String>,
}

impl SheetXml {
    pub fn new(name: &str) -> SheetXml {
        SheetXml {
            name: name.to_string(),
            ..Default::default()
        }
    }
    pub fn cell(mut self, at: &str, c: C) -> SheetXml {
        self.cells.push((at.to_string(), c));
        self
    }
    /// A row of cells from `at` to the right; `None` leaves a cell out.
    pub fn row(mut self, at: &str, cells: Vec<Option<C>>) -> SheetXml {
        let (col, row) = split(at);
        for (i, c) in cells.into_iter().enumerate() {
            if let Some(c) = c {
                self.cells
                    .push((format!("{}{row}", letters(col + i as u32)), c));
            }
        }
        self
    }
    pub fn merge(mut self, range: &str) -> SheetXml {
        self.merges.push(range.to_string());
        self
    }
}

/// (zero-based column, 1-based row) of an A1 reference.
pub fn split(a1: &str) -> (u32, u32) {
    let letters_part: String = a1.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let row: u32 = a1[letters_part.len()..].parse().unwrap();
    let col = letters_part
        .chars()
        .fold(0u32, |n, c| n * 26 + (c as u32 - 'A' as u32 + 1))
        - 1;
    (col, row)
}

pub fn letters(col: u32) -> String {
    let mut n = col + 1;
    let mut v = Vec::new();
    while n > 0 {
        v.push((b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    v.iter().rev().collect()
}

fn esc(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The xlsx bytes of the sheets: shared strings when `shared`, inline strings otherwise.
pub fn xlsx(sheets: &[SheetXml], shared: bool) -> Vec<u8> {
    let mut strings: Vec<String> = Vec::new();
    let mut parts: Vec<(String, String)> = Vec::new();
    for (i, sh) in sheets.iter().enumerate() {
        let mut cells: Vec<((u32, u32), &C)> =
            sh.cells.iter().map(|(a, c)| (split(a), c)).collect();
        cells.sort_by_key(|((c, r), _)| (*r, *c));
        let mut xml = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
        );
        let mut current = 0;
        for ((c, r), cell) in cells {
            if r != current {
                if current != 0 {
                    xml.push_str("</row>");
                }
                xml.push_str(&format!(r#"<row r="{r}">"#));
                current = r;
            }
            let at = format!("{}{r}", letters(c));
            match cell {
                C::S(t) if shared => {
                    let idx = strings.iter().position(|x| x == t).unwrap_or_else(|| {
                        strings.push(t.clone());
                        strings.len() - 1
                    });
                    xml.push_str(&format!(r#"<c r="{at}" t="s"><v>{idx}</v></c>"#));
                }
                C::S(t) => xml.push_str(&format!(
                    r#"<c r="{at}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                    esc(t)
                )),
                C::N(v) => xml.push_str(&format!(r#"<c r="{at}"><v>{v}</v></c>"#)),
                C::F(f, Some(v)) => {
                    xml.push_str(&format!(r#"<c r="{at}"><f>{}</f><v>{v}</v></c>"#, esc(f)))
                }
                C::F(f, None) => xml.push_str(&format!(r#"<c r="{at}"><f>{}</f></c>"#, esc(f))),
            }
        }
        if current != 0 {
            xml.push_str("</row>");
        }
        xml.push_str("</sheetData>");
        if !sh.merges.is_empty() {
            xml.push_str(&format!(r#"<mergeCells count="{}">"#, sh.merges.len()));
            for m in &sh.merges {
                xml.push_str(&format!(r#"<mergeCell ref="{m}"/>"#));
            }
            xml.push_str("</mergeCells>");
        }
        xml.push_str("</worksheet>");
        parts.push((format!("xl/worksheets/sheet{}.xml", i + 1), xml));
    }
    let mut ct = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    );
    let mut wb = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (i, sh) in sheets.iter().enumerate() {
        let n = i + 1;
        ct.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        wb.push_str(&format!(
            r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#,
            esc(&sh.name)
        ));
        rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
    }
    if shared {
        ct.push_str(r#"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#);
        rels.push_str(&format!(r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#, sheets.len() + 1));
        let mut sst = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{0}" uniqueCount="{0}">"#,
            strings.len()
        );
        for t in &strings {
            sst.push_str(&format!(
                r#"<si><t xml:space="preserve">{}</t></si>"#,
                esc(t)
            ));
        }
        sst.push_str("</sst>");
        parts.push(("xl/sharedStrings.xml".into(), sst));
    }
    ct.push_str("</Types>");
    wb.push_str("</sheets></workbook>");
    rels.push_str("</Relationships>");
    let root = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    parts.insert(0, ("[Content_Types].xml".into(), ct));
    parts.insert(1, ("_rels/.rels".into(), root.into()));
    parts.insert(2, ("xl/workbook.xml".into(), wb));
    parts.insert(3, ("xl/_rels/workbook.xml.rels".into(), rels));
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, body) in parts {
            z.start_file(name, opts).unwrap();
            z.write_all(body.as_bytes()).unwrap();
        }
        z.finish().unwrap();
    }
    out.into_inner()
}

#[test]
fn the_reader_reads_what_this_writer_wrote() {
    let sheet = SheetXml::new("S")
        .cell("B2", s("事業名"))
        .cell("C2", num(1.5))
        .cell("D2", C::F("C2*2".into(), None))
        .merge("B2:B3");
    for shared in [true, false] {
        let wb =
            hyoka::read::read_bytes(&xlsx(&[sheet.clone()], shared), &Default::default()).unwrap();
        let g = &wb.sheets[0].grid;
        assert_eq!(g.text(1, 1).as_deref(), Some("事業名"));
        assert_eq!(g.text(1, 2).as_deref(), Some("1.5"));
        assert_eq!(g.get(1, 3).unwrap().formula.as_deref(), Some("C2*2"));
        assert_eq!(g.merged().len(), 1);
    }
}

/// A sheet of seed-shaped cells (row, column, text), zero-based: numbers as numbers, other
/// text as strings.
pub fn cells_sheet(name: &str, cells: &[(u32, u32, String)]) -> SheetXml {
    let mut sh = SheetXml::new(name);
    for (r, c, text) in cells {
        let at = format!("{}{}", letters(*c), r + 1);
        let cell: C = text.parse::<f64>().map(num).unwrap_or_else(|_| s(text));
        sh = sh.cell(&at, cell);
    }
    sh
}
