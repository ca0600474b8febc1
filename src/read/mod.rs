//! Read: bytes → sniffed format → calamine → a sparse grid per sheet, with formulas next to
//! their cached values and merged regions where the format has them.
//!
//! A file that cannot be read becomes a `Rejection`; the caller turns it into a finding and
//! the batch goes on. Panics inside the reader are caught here.

pub mod grid;
pub mod limits;
pub mod rejection;
pub mod sniff;

pub use grid::{Cell, Grid, Region};
pub use limits::Limits;
pub use rejection::Rejection;
pub use sniff::Format;

use calamine::{Data, Dimensions, Reader, SheetType, SheetVisible};
use sniff::Sniffed;
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

#[derive(Debug, Clone)]
pub struct Workbook {
    pub format: Format,
    pub sheets: Vec<Sheet>,
}

#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    pub visible: bool,
    pub grid: Grid,
    /// Set when this sheet alone could not be read.
    pub error: Option<String>,
}

/// Reads a workbook file. Never panics: a panic inside a dependency becomes a rejection.
pub fn read_path(path: &Path, limits: &Limits) -> Result<Workbook, Rejection> {
    let bytes = file_bytes(path, limits)?;
    read_bytes(&bytes, limits)
}

/// The one way in for readers other than hyoka's own (the annotated copy's umya-spreadsheet,
/// the audit's reading of last year's unified book): the file's bytes, once they passed every
/// limit a check applies, and every part inflated once and counted (a part whose header
/// understates its size is refused, whatever it declares). Never panics.
pub fn admit_path(path: &Path, limits: &Limits) -> Result<(Vec<u8>, Format), Rejection> {
    let bytes = file_bytes(path, limits)?;
    let format = guarded(|| {
        let format = prechecked(&bytes, limits)?;
        if format != Format::Xls {
            limits::check_inflated(&bytes, limits)?;
        }
        Ok(format)
    })?;
    Ok((bytes, format))
}

/// A file's bytes, refused before they are read when the file cannot be a workbook to read.
pub fn file_bytes(path: &Path, limits: &Limits) -> Result<Vec<u8>, Rejection> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    if is_lock_file_name(&name) {
        return Err(Rejection::LockFile);
    }
    let meta = std::fs::metadata(path).map_err(|_| Rejection::NotAFile)?;
    if !meta.is_file() {
        return Err(Rejection::NotAFile);
    }
    if meta.len() == 0 {
        return Err(Rejection::Empty);
    }
    if meta.len() > limits.max_file_bytes {
        return Err(limits::too_large_file(meta.len(), limits));
    }
    std::fs::read(path).map_err(|e| match e.raw_os_error() {
        // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: Excel has the workbook open.
        Some(32 | 33) if cfg!(windows) => Rejection::InUse,
        _ => Rejection::Unreadable(e.to_string()),
    })
}

/// Excel's owner file beside an open workbook (`~$予算.xlsx`): a few bytes, never a submission.
fn is_lock_file_name(name: &str) -> bool {
    name.starts_with("~$")
}

/// The door for a workbook already in memory (the Python package's `validate_bytes`, what
/// Spark's binaryFile source hands over): the same refusals as `file_bytes` before a byte is
/// parsed. `name` is the name it was sent under; only its last part counts.
pub fn admit_bytes(name: &str, bytes: &[u8], limits: &Limits) -> Result<(), Rejection> {
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
    if is_lock_file_name(last) {
        return Err(Rejection::LockFile);
    }
    if bytes.is_empty() {
        return Err(Rejection::Empty);
    }
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(limits::too_large_file(bytes.len() as u64, limits));
    }
    Ok(())
}

/// Reads a workbook held in memory (the fuzz target and tests use this directly).
pub fn read_bytes(bytes: &[u8], limits: &Limits) -> Result<Workbook, Rejection> {
    if bytes.is_empty() {
        return Err(Rejection::Empty);
    }
    // Sniffing and the pre-checks parse hostile bytes too (zip directory, compound file):
    // everything runs inside the guard.
    guarded(|| {
        let format = prechecked(bytes, limits)?;
        read_format(bytes, format, limits)
    })
}

/// The format of bytes that pass every limit checked before a parser reads them (the zip
/// directory's entries, sizes and ratio, an ods's sheets, an xls's ranges).
fn prechecked(bytes: &[u8], limits: &Limits) -> Result<Format, Rejection> {
    let format = match sniff::sniff(bytes) {
        Sniffed::Workbook(f) => f,
        Sniffed::EncryptedOoxml => return Err(Rejection::Encrypted),
        Sniffed::DamagedZip => return Err(Rejection::Truncated),
        Sniffed::Other(what) => return Err(Rejection::NotAWorkbook(what.to_string())),
    };
    match format {
        Format::Xlsx | Format::Xlsm | Format::Xlsb => limits::check_zip(bytes, limits)?,
        Format::Ods => {
            limits::check_zip(bytes, limits)?;
            limits::check_ods(bytes, limits)?
        }
        Format::Xls => limits::check_xls(bytes, limits)?,
    }
    Ok(format)
}

/// Runs `work` inside the reader guard: a panic in it becomes the file's `reader-panic`.
fn guarded<T>(work: impl FnOnce() -> Result<T, Rejection>) -> Result<T, Rejection> {
    GUARDED.with(|g| g.set(g.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(work));
    GUARDED.with(|g| g.set(g.get() - 1));
    match result {
        Ok(r) => r,
        Err(payload) => Err(Rejection::ReaderPanic(panic_text(&payload))),
    }
}

thread_local! {
    /// How deep this thread is inside a guarded read: a panic there is caught and reported as
    /// the file's `reader-panic`, so it is not also printed.
    static GUARDED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Installs a panic hook that stays quiet for panics inside a guarded read (they become the
/// file's `reader-panic`) and prints every other panic as before. For programs and tests
/// that keep the default hook for their own panics.
pub fn quiet_reader_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARDED.with(|g| g.get()) == 0 {
                previous(info);
            }
        }));
    });
}

pub fn panic_text(payload: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

fn read_format(bytes: &[u8], format: Format, limits: &Limits) -> Result<Workbook, Rejection> {
    let cursor = Cursor::new(bytes);
    let sheets = match format {
        Format::Xlsx | Format::Xlsm => {
            let mut wb: calamine::Xlsx<_> =
                calamine::open_workbook_from_rs(cursor).map_err(open_error)?;
            if wb.sheets_metadata().len() >= PARALLEL_SHEETS && rayon::current_num_threads() > 1 {
                read_xlsx_parallel(bytes, wb.sheets_metadata().to_vec(), limits)?
            } else {
                read_xlsx(&mut wb, limits)?
            }
        }
        Format::Xlsb => {
            let mut wb: calamine::Xlsb<_> =
                calamine::open_workbook_from_rs(cursor).map_err(open_error)?;
            read_xlsb(&mut wb, limits)?
        }
        Format::Xls => {
            let mut wb: calamine::Xls<_> =
                calamine::open_workbook_from_rs(cursor).map_err(open_error)?;
            let merges = |wb: &calamine::Xls<_>, name: &str| {
                wb.merge_cells_by_sheet_name(name).unwrap_or_default()
            };
            read_dense(&mut wb, limits, merges)?
        }
        Format::Ods => {
            let mut wb: calamine::Ods<_> =
                calamine::open_workbook_from_rs(cursor).map_err(open_error)?;
            read_dense(&mut wb, limits, |_, _| Vec::new())?
        }
    };
    Ok(Workbook { format, sheets })
}

fn open_error<E: std::fmt::Display>(e: E) -> Rejection {
    let text = e.to_string();
    if text.to_ascii_lowercase().contains("password") {
        Rejection::Encrypted
    } else {
        Rejection::Unreadable(text)
    }
}

fn visible(v: SheetVisible) -> bool {
    matches!(v, SheetVisible::Visible)
}

fn region(d: &Dimensions) -> Region {
    Region {
        first_row: d.start.0,
        first_col: d.start.1,
        last_row: d.end.0,
        last_col: d.end.1,
    }
}

/// Creates one `Sheet` per sheet of the workbook and fills the worksheets with `fill`; chart
/// and macro sheets stay empty (they are listed, then skipped as not the form).
fn read_sheets(
    metas: Vec<calamine::Sheet>,
    mut fill: impl FnMut(&str, &mut Sheet) -> Result<(), Rejection>,
) -> Result<Vec<Sheet>, Rejection> {
    let mut sheets = Vec::with_capacity(metas.len());
    for meta in metas {
        let mut sheet = Sheet {
            name: meta.name.clone(),
            visible: visible(meta.visible),
            grid: Grid::new(),
            error: None,
        };
        if meta.typ == SheetType::WorkSheet {
            fill(&meta.name, &mut sheet)?;
        }
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// Keeps one cell, within the cell and string caps.
fn keep(
    sheet: &mut Sheet,
    limits: &Limits,
    (r, c): (u32, u32),
    value: Data,
    formula: Option<String>,
) -> Result<(), Rejection> {
    limits.check_cell_count(sheet.grid.len())?;
    limits.check_string(&value)?;
    sheet.grid.insert(r, c, value, formula);
    Ok(())
}

/// A workbook with this many sheets is read by every thread at once, each with its own
/// reader over the same bytes and its own run of sheets.
const PARALLEL_SHEETS: usize = 16;

/// xlsx: one stream of cells with their formulas; no range is ever allocated.
fn read_xlsx<RS: std::io::Read + std::io::Seek>(
    wb: &mut calamine::Xlsx<RS>,
    limits: &Limits,
) -> Result<Vec<Sheet>, Rejection> {
    let metas = wb.sheets_metadata().to_vec();
    read_sheets(metas, |name, sheet| fill_xlsx(wb, limits, name, sheet))
}

/// xlsx of many sheets: the sheets in one contiguous run per thread, kept in order.
fn read_xlsx_parallel(
    bytes: &[u8],
    metas: Vec<calamine::Sheet>,
    limits: &Limits,
) -> Result<Vec<Sheet>, Rejection> {
    use rayon::prelude::*;
    let per_run = metas.len().div_ceil(rayon::current_num_threads());
    let runs: Vec<Vec<Sheet>> = metas
        .par_chunks(per_run)
        .map(|run| {
            let mut wb: calamine::Xlsx<_> =
                calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(open_error)?;
            read_sheets(run.to_vec(), |name, sheet| {
                fill_xlsx(&mut wb, limits, name, sheet)
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(runs.into_iter().flatten().collect())
}

/// One xlsx worksheet's cells, formulas and merged regions.
fn fill_xlsx<RS: std::io::Read + std::io::Seek>(
    wb: &mut calamine::Xlsx<RS>,
    limits: &Limits,
    name: &str,
    sheet: &mut Sheet,
) -> Result<(), Rejection> {
    {
        match wb.worksheet_cells_reader(name) {
            Ok(mut reader) => loop {
                match reader.next_cell_with_formula() {
                    Ok(Some(c)) => keep(sheet, limits, c.pos, Data::from(c.value), c.formula)?,
                    Ok(None) => break,
                    Err(e) => {
                        sheet.error = Some(e.to_string());
                        break;
                    }
                }
            },
            Err(e) => sheet.error = Some(e.to_string()),
        }
        if let Ok(merged) = wb.merge_cells_by_sheet_name(name) {
            for d in &merged {
                sheet.grid.add_merged(region(d));
            }
        }
        Ok(())
    }
}

/// xlsb: cells, then formulas, each as a stream.
fn read_xlsb<RS: std::io::Read + std::io::Seek>(
    wb: &mut calamine::Xlsb<RS>,
    limits: &Limits,
) -> Result<Vec<Sheet>, Rejection> {
    let metas = wb.sheets_metadata().to_vec();
    read_sheets(metas, |name, sheet| {
        match wb.worksheet_cells_reader(name) {
            Ok(mut reader) => loop {
                match reader.next_cell() {
                    Ok(Some(c)) => keep(
                        sheet,
                        limits,
                        c.get_position(),
                        Data::from(c.get_value().clone()),
                        None,
                    )?,
                    Ok(None) => break,
                    Err(e) => {
                        sheet.error = Some(e.to_string());
                        break;
                    }
                }
            },
            Err(e) => sheet.error = Some(e.to_string()),
        }
        if sheet.error.is_none() {
            if let Ok(mut reader) = wb.worksheet_cells_reader(name) {
                while let Ok(Some(f)) = reader.next_formula() {
                    let (r, col) = f.get_position();
                    sheet.grid.set_formula(r, col, f.get_value().clone());
                }
            }
        }
        Ok(())
    })
}

/// Formats calamine reads as whole ranges (xls, ods): converted to the sparse grid at once.
/// For xls the range's size was checked before calamine opened the file.
fn read_dense<R, RS>(
    wb: &mut R,
    limits: &Limits,
    merges: impl Fn(&R, &str) -> Vec<Dimensions>,
) -> Result<Vec<Sheet>, Rejection>
where
    R: Reader<RS>,
    R::Error: std::fmt::Display,
    RS: std::io::Read + std::io::Seek,
{
    let metas = wb.sheets_metadata().to_vec();
    read_sheets(metas, |name, sheet| {
        match wb.worksheet_range(name) {
            Ok(range) => {
                let (r0, c0) = range.start().unwrap_or((0, 0));
                for (r, c, v) in range.used_cells() {
                    keep(
                        sheet,
                        limits,
                        (r0 + r as u32, c0 + c as u32),
                        v.clone(),
                        None,
                    )?;
                }
            }
            Err(e) => sheet.error = Some(e.to_string()),
        }
        if sheet.error.is_none() {
            if let Ok(formulas) = wb.worksheet_formula(name) {
                let (r0, c0) = formulas.start().unwrap_or((0, 0));
                for (r, c, f) in formulas.used_cells() {
                    sheet
                        .grid
                        .set_formula(r0 + r as u32, c0 + c as u32, f.clone());
                }
            }
            for d in merges(wb, name) {
                sheet.grid.add_merged(region(&d));
            }
        }
        Ok(())
    })
}
