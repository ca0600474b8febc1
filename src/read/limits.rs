//! Limits checked before and while reading, so that one hostile file cannot take the memory
//! of a whole batch or abort the process. Each limit names the option that raises it.
//!
//! calamine allocates up front in places a file controls: `uniqueCount` of xlsx shared
//! strings, and whole dense ranges for xls sheets (sized by the corners of the cells and by the
//! stored DIMENSIONS record). Those are checked here, from the raw bytes, before calamine runs.

pub use super::rejection::Limit;
use super::rejection::Rejection;
use calamine::Data;
use std::io::{Cursor, Read};

#[derive(Debug, Clone)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_cells: usize,
    /// Rows × columns of the range calamine would allocate for an xls sheet.
    pub max_sheet_area: u64,
    pub max_string_chars: usize,
    pub max_zip_entries: usize,
    pub max_uncompressed_bytes: u64,
    pub max_compression_ratio: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: 100 * 1024 * 1024,
            max_cells: 2_000_000,
            max_sheet_area: 4_000_000,
            max_string_chars: 1_000_000,
            max_zip_entries: 10_000,
            max_uncompressed_bytes: 256 * 1024 * 1024,
            max_compression_ratio: 200,
        }
    }
}

fn too_large(limit: Limit, found: u64, max: u64) -> Rejection {
    Rejection::TooLarge { limit, found, max }
}

pub fn too_large_file(len: u64, limits: &Limits) -> Rejection {
    too_large(Limit::FileSize, len, limits.max_file_bytes)
}

impl Limits {
    pub fn check_cell_count(&self, cells: usize) -> Result<(), Rejection> {
        if cells >= self.max_cells {
            return Err(too_large(
                Limit::Cells,
                cells as u64 + 1,
                self.max_cells as u64,
            ));
        }
        Ok(())
    }

    pub fn check_string(&self, value: &Data) -> Result<(), Rejection> {
        if let Data::String(s) = value {
            // Byte length bounds the character count from above; count only when it matters.
            if s.len() > self.max_string_chars {
                let n = s.chars().count();
                if n > self.max_string_chars {
                    return Err(too_large(
                        Limit::StringChars,
                        n as u64,
                        self.max_string_chars as u64,
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Looks at the zip directory before any part is inflated: entry count, declared sizes and
/// compression ratio; then at the declared count of shared strings.
pub fn check_zip(bytes: &[u8], limits: &Limits) -> Result<(), Rejection> {
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => return Err(Rejection::Unreadable(e.to_string())),
    };
    if archive.len() > limits.max_zip_entries {
        return Err(too_large(
            Limit::ZipEntries,
            archive.len() as u64,
            limits.max_zip_entries as u64,
        ));
    }
    let mut total: u64 = 0;
    let mut strings_part = None;
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index_raw(i) else {
            continue;
        };
        let size = entry.size();
        let packed = entry.compressed_size().max(1);
        total = total.saturating_add(size);
        // Small parts compress well legitimately; the ratio matters where the size does.
        if size > 10 * 1024 * 1024 && size / packed > limits.max_compression_ratio {
            return Err(too_large(
                Limit::CompressionRatio,
                size / packed,
                limits.max_compression_ratio,
            ));
        }
        if entry
            .name()
            .is_ok_and(|n| n.eq_ignore_ascii_case("xl/sharedStrings.xml"))
        {
            strings_part = Some((i, size));
        }
    }
    if total > limits.max_uncompressed_bytes {
        return Err(too_large(
            Limit::Uncompressed,
            total,
            limits.max_uncompressed_bytes,
        ));
    }
    if let Some((i, size)) = strings_part {
        check_shared_string_count(&mut archive, i, size)?;
    }
    Ok(())
}

/// Inflates every part once, into nothing, counting: a part that inflates past the size its
/// header declares, or a package past the total limit, is refused. For the readers that do
/// not stop at the declared size themselves (umya-spreadsheet reads the whole package into
/// memory); the bytes in flight stay one buffer.
pub fn check_inflated(bytes: &[u8], limits: &Limits) -> Result<(), Rejection> {
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => return Err(Rejection::Unreadable(e.to_string())),
    };
    let mut total: u64 = 0;
    let mut buffer = vec![0u8; 64 * 1024];
    for i in 0..archive.len() {
        // The raw stream, inflated here: what it really gives, whatever its header says.
        let raw = match archive.by_index_raw(i) {
            Ok(e) => e,
            Err(e) => return Err(Rejection::Unreadable(e.to_string())),
        };
        let declared = raw.size();
        let mut part: Box<dyn Read> = match raw.compression() {
            zip::CompressionMethod::Stored => Box::new(raw),
            zip::CompressionMethod::Deflated => Box::new(flate2::read::DeflateDecoder::new(raw)),
            other => return Err(Rejection::Unreadable(format!("compression {other:?}"))),
        };
        let mut inflated: u64 = 0;
        loop {
            let n = match part.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => n as u64,
                Err(e) => return Err(Rejection::Unreadable(e.to_string())),
            };
            inflated += n;
            if inflated > declared {
                return Err(too_large(Limit::DeclaredSize, inflated, declared));
            }
            if total + inflated > limits.max_uncompressed_bytes {
                return Err(too_large(
                    Limit::Uncompressed,
                    total + inflated,
                    limits.max_uncompressed_bytes,
                ));
            }
        }
        total += inflated;
    }
    Ok(())
}

/// calamine reserves room for `uniqueCount` strings before reading one. A string takes at
/// least `<si><t/></si>` (12 bytes), so a count above size ÷ 12 is a lie.
fn check_shared_string_count(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    index: usize,
    size: u64,
) -> Result<(), Rejection> {
    let Ok(mut entry) = archive.by_index(index) else {
        return Ok(());
    };
    // Only the `<sst …>` start tag is needed: read until it closes (64 KiB at most), not the
    // strings after it.
    let mut head = Vec::new();
    let mut chunk = [0u8; 1024];
    while head.len() < 64 * 1024 {
        match entry.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => head.extend_from_slice(&chunk[..n]),
            Err(_) => return Ok(()), // calamine reports the damage
        }
        let sst = head.windows(4).position(|w| w == b"<sst");
        if sst.is_some_and(|at| head[at..].contains(&b'>')) {
            break;
        }
    }
    let text = String::from_utf8_lossy(&head);
    let Some(at) = text.find("uniqueCount=") else {
        return Ok(());
    };
    let digits: String = text[at + 12..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let declared: u128 = digits.parse().unwrap_or(0);
    let plausible = size as u128 / 12 + 16;
    if declared > plausible {
        return Err(too_large(
            Limit::StringCount,
            declared.min(u64::MAX as u128) as u64,
            plausible as u64,
        ));
    }
    Ok(())
}

/// For xls: walks the BIFF records of every worksheet and works out the range calamine would
/// allocate (the corners of the cells it keeps, and the stored DIMENSIONS), before it does.
pub fn check_xls(bytes: &[u8], limits: &Limits) -> Result<(), Rejection> {
    // calamine's own compound-file reader follows sector chains without a bound: a chain that
    // loops makes it allocate until the process dies (found by fuzzing). The cfb crate checks
    // chains when it opens a file, so a file it refuses is not handed to calamine.
    let mut cf = match cfb::CompoundFile::open(Cursor::new(bytes)) {
        Ok(cf) => cf,
        Err(e) => return Err(Rejection::Unreadable(format!("compound file: {e}"))),
    };
    let mut stream = Vec::new();
    let opened = ["/Workbook", "/Book", "/WORKBOOK", "/BOOK"]
        .iter()
        .find_map(|p| cf.open_stream(p).ok());
    let Some(s) = opened else { return Ok(()) };
    if s.take(bytes.len() as u64 * 2)
        .read_to_end(&mut stream)
        .is_err()
    {
        return Ok(());
    }
    let Scan { area, encrypted } = scan_biff(&stream);
    if encrypted {
        return Err(Rejection::Encrypted);
    }
    if area > limits.max_sheet_area {
        return Err(too_large(Limit::SheetArea, area, limits.max_sheet_area));
    }
    Ok(())
}

/// What the record walk found.
#[derive(Debug, PartialEq)]
struct Scan {
    /// The largest rows × columns over the worksheet substreams.
    area: u64,
    /// A FILEPASS record: the workbook is password-protected.
    encrypted: bool,
}

fn scan_biff(stream: &[u8]) -> Scan {
    let u16_at = |d: &[u8], i: usize| {
        d.get(i..i + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]) as u64)
    };
    let u32_at = |d: &[u8], i: usize| {
        d.get(i..i + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64)
    };
    let mut worst = 0u64;
    let mut corners: Option<(u64, u64, u64, u64)> = None;
    let mut pos = 0usize;
    let close = |corners: &mut Option<(u64, u64, u64, u64)>, worst: &mut u64| {
        if let Some((r0, c0, r1, c1)) = corners.take() {
            *worst = (*worst).max((r1 - r0 + 1) * (c1 - c0 + 1));
        }
    };
    while pos + 4 <= stream.len() {
        let typ = u16::from_le_bytes([stream[pos], stream[pos + 1]]);
        let len = u16::from_le_bytes([stream[pos + 2], stream[pos + 3]]) as usize;
        let data = &stream[pos + 4..(pos + 4 + len).min(stream.len())];
        pos += 4 + len;
        let mut mark = |row: u64, col_first: u64, col_last: u64| {
            let c = corners.get_or_insert((row, col_first, row, col_last));
            c.0 = c.0.min(row);
            c.1 = c.1.min(col_first);
            c.2 = c.2.max(row);
            c.3 = c.3.max(col_last);
        };
        match typ {
            0x0809 | 0x000A => close(&mut corners, &mut worst),
            // DIMENSIONS: calamine reserves rows × columns from it, in u32 arithmetic that wraps
            // when the last row is before the first (a reservation that would abort).
            0x0200 => {
                let (rf, rl, cf, cl) = match data.len() {
                    10 => (
                        u16_at(data, 0),
                        u16_at(data, 2),
                        u16_at(data, 4),
                        u16_at(data, 6),
                    ),
                    14 | 16 => (
                        u32_at(data, 0),
                        u32_at(data, 4),
                        u16_at(data, 8),
                        u16_at(data, 10),
                    ),
                    _ => (None, None, None, None),
                };
                if let (Some(rf), Some(rl), Some(cf), Some(cl)) = (rf, rl, cf, cl) {
                    let (rf, rl, cl) = (rf as u32, rl as u32, cl as u32);
                    let cf = if cf > 0xFF || cl < cf as u32 {
                        0
                    } else {
                        cf as u32
                    };
                    let (end_r, end_c) = if rl >= 1 && cl >= 1 {
                        (rl - 1, cl - 1)
                    } else {
                        (rf, cf)
                    };
                    let rows = end_r.wrapping_sub(rf).wrapping_add(1) as u64;
                    let cols = end_c.wrapping_sub(cf).wrapping_add(1) as u64;
                    worst = worst.max(rows.saturating_mul(cols));
                }
            }
            // FILEPASS: the rest of the stream is encrypted or obfuscated.
            0x002F => {
                return Scan {
                    area: worst,
                    encrypted: true,
                }
            }
            // Cells calamine keeps: NUMBER, LABEL, RSTRING, BOOLERR, RK, LABELSST, FORMULA.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                if let (Some(r), Some(c)) = (u16_at(data, 0), u16_at(data, 2)) {
                    mark(r, c, c);
                }
            }
            // MULRK: row, first column, …, last column.
            0x00BD => {
                if let (Some(r), Some(c0), Some(c1)) = (
                    u16_at(data, 0),
                    u16_at(data, 2),
                    data.len().checked_sub(2).and_then(|i| u16_at(data, i)),
                ) {
                    mark(r, c0, c1.max(c0));
                }
            }
            _ => {}
        }
    }
    close(&mut corners, &mut worst);
    Scan {
        area: worst,
        encrypted: false,
    }
}

/// For ods: calamine expands repeated rows and columns into a range from column A to the last
/// filled column over the filled rows. That area is worked out from content.xml as a stream,
/// before calamine reads it.
pub fn check_ods(bytes: &[u8], limits: &Limits) -> Result<(), Rejection> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let Ok(content) = archive.by_name("content.xml") else {
        return Ok(());
    };
    let area = ods_area(std::io::BufReader::new(content));
    if area > limits.max_sheet_area {
        return Err(too_large(Limit::SheetArea, area, limits.max_sheet_area));
    }
    Ok(())
}

/// The largest (filled rows, first to last, counting repeats) × (last filled column + 1) over
/// the tables of an ods content.xml. Stops quietly at malformed XML: calamine reports it.
fn ods_area(content: impl std::io::BufRead) -> u64 {
    use quick_xml::events::{BytesStart, Event};
    let repeat = |e: &BytesStart, name: &str| -> u64 {
        e.try_get_attribute(name)
            .ok()
            .flatten()
            .and_then(|a| a.value.parse().ok())
            .unwrap_or(1)
    };
    let mut xml = quick_xml::Reader::from_reader(content);
    let mut buf = Vec::new();
    let mut worst = 0u64;
    // Per table: next row index, filled rows span, last filled column.
    let (mut row, mut rows, mut last_col) = (0u64, None::<(u64, u64)>, None::<u64>);
    // Per row: its repeat count, next column index, last filled column in it.
    let (mut row_repeat, mut col, mut row_last) = (1u64, 0u64, None::<u64>);
    let finish_table =
        |rows: &mut Option<(u64, u64)>, last_col: &mut Option<u64>, worst: &mut u64| {
            if let (Some((r0, r1)), Some(c)) = (rows.take(), last_col.take()) {
                *worst = (*worst).max((r1 - r0 + 1).saturating_mul(c + 1));
            }
        };
    loop {
        buf.clear();
        let (event, empty) = match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                match e.name().as_ref() {
                    "table:table-row" => {
                        if let Some(c) = row_last.take() {
                            let span = rows.get_or_insert((row, row));
                            span.1 = row.saturating_add(row_repeat - 1);
                            last_col = Some(last_col.map_or(c, |l| l.max(c)));
                        }
                        row = row.saturating_add(row_repeat);
                    }
                    "table:table" => {
                        finish_table(&mut rows, &mut last_col, &mut worst);
                        row = 0;
                    }
                    _ => {}
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        match event.name().as_ref() {
            "table:table-row" => {
                let n = repeat(&event, "table:number-rows-repeated").max(1);
                if empty {
                    row = row.saturating_add(n);
                } else {
                    (row_repeat, col, row_last) = (n, 0, None);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let n = repeat(&event, "table:number-columns-repeated").max(1);
                // A cell with content (a value, a formula, or children) is kept by calamine.
                let filled = !empty
                    || event
                        .try_get_attribute("office:value-type")
                        .ok()
                        .flatten()
                        .is_some()
                    || event
                        .try_get_attribute("table:formula")
                        .ok()
                        .flatten()
                        .is_some();
                if filled {
                    row_last = Some(col.saturating_add(n - 1));
                }
                col = col.saturating_add(n);
            }
            _ => {}
        }
    }
    finish_table(&mut rows, &mut last_col, &mut worst);
    worst
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn area_from_cell_corners_and_dimensions() {
        let mut s = record(0x0809, &[0; 16]);
        s.extend(number(0, 0));
        s.extend(number(65_535, 255));
        s.extend(record(0x000A, &[]));
        assert_eq!(scan_biff(&s).area, 65_536 * 256);
        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend(1_000_000u32.to_le_bytes());
        dims.extend(0u16.to_le_bytes());
        dims.extend(256u16.to_le_bytes());
        dims.extend(0u16.to_le_bytes());
        let s = [
            record(0x0809, &[0; 16]),
            record(0x0200, &dims),
            record(0x000A, &[]),
        ]
        .concat();
        assert_eq!(scan_biff(&s).area, 1_000_000 * 256);
        let s = [
            record(0x0809, &[0; 16]),
            number(3, 2),
            number(10, 5),
            record(0x000A, &[]),
        ]
        .concat();
        assert_eq!(scan_biff(&s).area, 8 * 4);
        // Truncated records do not panic.
        assert_eq!(scan_biff(&[0x03, 0x02, 0xFF]).area, 0);
        // A last row before the first wraps around in calamine's arithmetic.
        let mut dims = 10u32.to_le_bytes().to_vec();
        dims.extend(5u32.to_le_bytes());
        dims.extend([0, 0, 2, 0, 0, 0]);
        let s = [record(0x0809, &[0; 16]), record(0x0200, &dims)].concat();
        assert!(scan_biff(&s).area > 4_000_000_000);
        // FILEPASS marks an encrypted workbook.
    }

    #[test]
    fn ods_area_counts_repeats_up_to_the_last_filled_cell() {
        let table =
            |rows: &str| format!("<office:body><table:table>{rows}</table:table></office:body>");
        let filled = r#"<table:table-cell office:value-type="float" office:value="1"/>"#;
        // Trailing empty cells and rows cost nothing.
        let xml = table(&format!(
            r#"<table:table-row>{filled}<table:table-cell table:number-columns-repeated="16000"/></table:table-row><table:table-row table:number-rows-repeated="1048000"><table:table-cell/></table:table-row>"#
        ));
        assert_eq!(ods_area(xml.as_bytes()), 1);
        // A filled cell repeated across the row, on a row repeated a million times.
        let xml = table(
            r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1"/></table:table-row>"#,
        );
        assert_eq!(ods_area(xml.as_bytes()), 1_000_000_000);
        // Empty rows between filled ones count.
        let xml = table(&format!(
            r#"<table:table-row>{filled}</table:table-row><table:table-row table:number-rows-repeated="9998"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="9"/>{filled}</table:table-row>"#
        ));
        assert_eq!(ods_area(xml.as_bytes()), 10_000 * 10);
        assert!(scan_biff(&[record(0x0809, &[0; 16]), record(0x002F, &[1, 0])].concat()).encrypted);
    }
}
