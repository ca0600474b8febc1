//! The annotated copy (`validate --annotate DIR`): the department's own workbook with each
//! cell a finding names filled (red for an error, yellow for a warning) and a note holding
//! the message and the hint, everything else as it was. Read and written with
//! umya-spreadsheet, which keeps values, formulas, styles, merged ranges, validations and
//! protection (a test compares before and after). Only xlsx and xlsm can be annotated; for
//! other formats the feedback workbook is what there is.

use crate::finding::{Finding, Severity};
use crate::i18n::Lang;
use crate::outcome::FileOutcome;
use std::path::{Path, PathBuf};

const ERROR_FILL: &str = "FFFFC7CE";
const WARNING_FILL: &str = "FFFFEB9C";

/// What became of one file's findings.
#[derive(Debug, PartialEq)]
pub enum Annotated {
    Written(PathBuf),
    /// The source is not xlsx/xlsm.
    NotXlsx,
    /// No finding names a cell of a sheet.
    NothingToMark,
    /// The check rejected the file (or its bytes fail the limits now): nothing is read.
    Rejected,
    /// The file passed the check but a part inflates past its declared size or the limit.
    RefusedByLimits(crate::read::Rejection),
}

/// The note on a cell: each finding's message and hint, one after the other.
fn note(findings: &[&Finding], lang: Lang) -> String {
    findings
        .iter()
        .map(|f| {
            let head = format!("[{}] {}", f.severity.as_str(), f.shown_message(lang));
            match f.hint_text(lang) {
                Some(h) => format!("{head}\n{h}"),
                None => head,
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Writes the annotated copy of `o`'s source as `out`. Only a file the check read (not one
/// it rejected) is annotated, and only after its bytes pass the reader limits once more with
/// every part inflated and counted: umya-spreadsheet reads the whole package into memory.
pub fn annotate(
    o: &FileOutcome,
    out: &Path,
    lang: Lang,
    limits: &crate::read::Limits,
) -> anyhow::Result<Annotated> {
    if o.status == crate::outcome::Status::Rejected {
        return Ok(Annotated::Rejected);
    }
    if !matches!(o.format.as_deref(), Some("xlsx" | "xlsm")) {
        return Ok(Annotated::NotXlsx);
    }
    // Errors and warnings at a cell, grouped by sheet and cell in the findings' order.
    let mut marks: Vec<((String, String), Vec<&Finding>)> = Vec::new();
    for f in o.findings.iter().filter(|f| f.severity != Severity::Info) {
        let (Some(sheet), Some(cell)) = (&f.sheet, &f.cell) else {
            continue;
        };
        // A finding reported once for many export rows marks each of its cells.
        for cell in std::iter::once(cell).chain(&f.cells) {
            let key = (sheet.clone(), cell.clone());
            match marks.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) => list.push(f),
                None => marks.push((key, vec![f])),
            }
        }
    }
    if marks.is_empty() {
        return Ok(Annotated::NothingToMark);
    }
    let bytes = match crate::read::admit_path(&o.abs_path, limits) {
        Ok((bytes, _)) => bytes,
        Err(r) => return Ok(Annotated::RefusedByLimits(r)),
    };
    let mut book = umya_spreadsheet::reader::xlsx::read_reader(std::io::Cursor::new(bytes), true)
        .map_err(|e| anyhow::anyhow!("{}: {e}", o.path))?;
    for ((sheet, cell), found) in &marks {
        let Ok(ws) = book.sheet_by_name_mut(sheet) else {
            continue;
        };
        let worst = found
            .iter()
            .map(|f| f.severity)
            .min()
            .unwrap_or(Severity::Warning);
        let fill = if worst == Severity::Error {
            ERROR_FILL
        } else {
            WARNING_FILL
        };
        ws.style_mut(cell.as_str()).set_background_color(fill);
        let mut comment = umya_spreadsheet::Comment::default();
        comment.new_comment(cell.as_str());
        comment.set_author("hyoka");
        comment.set_text_string(note(found, lang));
        ws.add_comments(comment);
    }
    let mut file =
        super::AtomicFile::create(out).map_err(|e| anyhow::anyhow!("{}: {e}", out.display()))?;
    umya_spreadsheet::writer::xlsx::write_writer(&book, file.writer())
        .map_err(|e| anyhow::anyhow!("{}: {e}", out.display()))?;
    file.commit()
        .map_err(|e| anyhow::anyhow!("{}: {e}", out.display()))?;
    Ok(Annotated::Written(out.to_path_buf()))
}

/// The annotated copies of every file with findings, in `dir`, under the sources' own names
/// (`_2`, `_3` … when two sources share one).
pub fn annotate_all(
    dir: &Path,
    outcomes: &[FileOutcome],
    lang: Lang,
    limits: &crate::read::Limits,
) -> anyhow::Result<Vec<(String, Annotated)>> {
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
    let mut used = std::collections::BTreeSet::new();
    let mut done = Vec::new();
    use crate::outcome::Status;
    // A rejected file has no sheet to mark; its reason is in the report.
    for o in outcomes
        .iter()
        .filter(|o| matches!(o.status, Status::Clean | Status::WithErrors))
        .filter(|o| !o.findings.is_empty())
    {
        let name = o
            .abs_path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "workbook.xlsx".into());
        let (stem, ext) = match name.rsplit_once('.') {
            Some((s, e)) => (s.to_string(), format!(".{e}")),
            None => (name.clone(), String::new()),
        };
        let mut chosen = name.clone();
        let mut n = 2;
        while !used.insert(chosen.clone()) {
            chosen = format!("{stem}_{n}{ext}");
            n += 1;
        }
        done.push((
            o.path.clone(),
            annotate(o, &dir.join(&chosen), lang, limits)?,
        ));
    }
    Ok(done)
}
