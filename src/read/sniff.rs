//! Knows a workbook by its bytes, never by its extension: departments rename files, save
//! HTML as `.xls`, and send Excel's `~$` lock files.

use std::io::Cursor;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Xlsx,
    Xlsm,
    Xlsb,
    Xls,
    Ods,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xlsm => "xlsm",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
        }
    }
}

/// What the bytes are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sniffed {
    Workbook(Format),
    /// An OOXML workbook wrapped in an encrypted compound file.
    EncryptedOoxml,
    /// A zip whose directory cannot be read: truncated or corrupt.
    DamagedZip,
    /// Something else, described briefly (`HTML`, `CSV or text`, `zip without a workbook`).
    Other(&'static str),
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(b"PK\x05\x06") {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(CFB_MAGIC) {
        // An encrypted xlsx is a compound file holding an `EncryptedPackage` stream; its name
        // is stored in UTF-16 in the directory.
        let needle: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        if bytes.windows(needle.len()).any(|w| w == needle.as_slice()) {
            return Sniffed::EncryptedOoxml;
        }
        return Sniffed::Workbook(Format::Xls);
    }
    let head: Vec<u8> = bytes
        .iter()
        .take(512)
        .skip_while(|b| b.is_ascii_whitespace() || **b == 0xEF || **b == 0xBB || **b == 0xBF)
        .copied()
        .collect();
    let lower = String::from_utf8_lossy(&head).to_ascii_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") || lower.contains("<table")
    {
        return Sniffed::Other("HTML");
    }
    if lower.starts_with("<?xml") {
        return Sniffed::Other("XML");
    }
    if bytes.starts_with(b"%PDF") {
        return Sniffed::Other("PDF");
    }
    if std::str::from_utf8(&bytes[..bytes.len().min(4096)]).is_ok() {
        return Sniffed::Other("CSV / text");
    }
    Sniffed::Other("unknown bytes")
}

fn sniff_zip(bytes: &[u8]) -> Sniffed {
    let Ok(archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Sniffed::DamagedZip;
    };
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|n| n.ok())
        .map(|n| n.to_string())
        .collect();
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    if has("xl/workbook.bin") {
        Sniffed::Workbook(Format::Xlsb)
    } else if has("xl/workbook.xml")
        || names
            .iter()
            .any(|n| n.starts_with("xl/") && n.ends_with("workbook.xml"))
    {
        if has("xl/vbaProject.bin") {
            Sniffed::Workbook(Format::Xlsm)
        } else {
            Sniffed::Workbook(Format::Xlsx)
        }
    } else if has("content.xml") && (has("mimetype") || has("META-INF/manifest.xml")) {
        Sniffed::Workbook(Format::Ods)
    } else if has("[Content_Types].xml") || has("_rels/.rels") {
        // Some producers name the workbook part differently; let the reader decide.
        Sniffed::Workbook(Format::Xlsx)
    } else {
        Sniffed::Other("zip without a workbook")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn text_and_html_are_not_workbooks() {
        assert_eq!(
            sniff(b"<html><table></table></html>"),
            Sniffed::Other("HTML")
        );
        assert_eq!(
            sniff("事業名,事業番号\n".as_bytes()),
            Sniffed::Other("CSV / text")
        );
        assert_eq!(sniff(b"PK\x03\x04garbage"), Sniffed::DamagedZip);
        assert_eq!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]),
            Sniffed::Workbook(Format::Xls)
        );
    }
}
