//! Self-check: the workbooks a department drops on the page, checked as a run checks them
//! and answered as findings per sheet, errors first, each with the cells around it. Uploads
//! live in a temporary folder of their own under names made here (an upload's name is shown,
//! never used as a path), and the folder is gone when the answer is.

use crate::check::CheckConfig;
use crate::finding::{column_letters, Finding, Severity};
use crate::form::FormSpec;
use crate::i18n::Lang;
use crate::outcome::{FileOutcome, Input, Status};
use crate::pipeline::{run, Order, RunOptions};
use crate::read::{Grid, Limits};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// One uploaded file: the name it was sent under, and where its bytes were written as they
/// arrived (in its request's upload folder, removed with the last file of the request).
#[derive(Clone)]
pub struct Upload {
    pub name: String,
    pub path: PathBuf,
    pub folder: std::sync::Arc<UploadDir>,
}

/// What the page is told about one file.
#[derive(Debug, Serialize)]
pub struct FileAnswer {
    pub name: String,
    pub status: String,
    pub status_text: String,
    pub reason: Option<String>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// The 課 the workbook names, to offer it on the page.
    pub department: Option<String>,
    /// On a page opened through a 課's link: why this file is not that 課's to submit.
    pub wrong_department: Option<String>,
    pub sheets: Vec<SheetAnswer>,
}

#[derive(Debug, Serialize)]
pub struct SheetAnswer {
    /// Empty for findings about the whole file.
    pub sheet: String,
    pub findings: Vec<FindingAnswer>,
}

#[derive(Debug, Serialize)]
pub struct FindingAnswer {
    pub severity: Severity,
    pub code: String,
    pub cell: Option<String>,
    pub field: Option<String>,
    pub year: Option<String>,
    pub expected: Option<String>,
    pub actual: Option<String>,
    pub message: String,
    pub hint: Option<String>,
    pub grid: Option<Picture>,
}

/// The cells around a finding as a small grid: column letters, row numbers, the texts, and
/// which one is the finding's.
#[derive(Debug, Serialize, PartialEq)]
pub struct Picture {
    pub columns: Vec<String>,
    pub rows: Vec<u32>,
    pub cells: Vec<Vec<String>>,
    pub mark: (usize, usize),
}

/// Rows and columns shown on each side of the finding's cell.
const AROUND: u32 = 2;
/// Longest text sent for a cell of the picture: a label whole (the page wraps it and shows
/// it on hover), while a cell of a whole paragraph does not swell the answer.
const CELL_CHARS: usize = 200;

/// The picture of the cells around (row, col), zero-based.
pub fn picture(grid: &Grid, (row, col): (u32, u32)) -> Picture {
    let (r0, c0) = (row.saturating_sub(AROUND), col.saturating_sub(AROUND));
    let (r1, c1) = (row + AROUND, col + AROUND);
    let cells = (r0..=r1)
        .map(|r| {
            (c0..=c1)
                .map(|c| {
                    let t = grid.text(r, c).unwrap_or_default();
                    let t = t.trim().replace(['\n', '\r'], " ");
                    match t.chars().count() > CELL_CHARS {
                        true => format!("{}…", t.chars().take(CELL_CHARS - 1).collect::<String>()),
                        false => t,
                    }
                })
                .collect()
        })
        .collect();
    Picture {
        columns: (c0..=c1).map(column_letters).collect(),
        rows: (r0..=r1).map(|r| r + 1).collect(),
        cells,
        mark: ((row - r0) as usize, (col - c0) as usize),
    }
}

/// The name an upload is shown under: its last path part, without control characters, not
/// too long.
pub fn shown_name(sent: &str) -> String {
    let last = sent.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = crate::normalise::visible_text(last, false)
        .chars()
        .take(120)
        .collect();
    match clean.trim() {
        "" => "workbook".to_string(),
        t => t.to_string(),
    }
}

/// A folder of one request's uploads, removed when dropped.
pub struct UploadDir {
    pub path: PathBuf,
}

impl UploadDir {
    pub fn create(root: &Path) -> std::io::Result<UploadDir> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = root.join(format!("hyoka-upload-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&path)?;
        Ok(UploadDir { path })
    }
}

impl Drop for UploadDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// The settings a check runs with.
pub struct CheckSettings {
    pub forms: Vec<FormSpec>,
    pub config: CheckConfig,
    pub limits: Limits,
    /// The office's accepted findings (hyoka.toml's `accepted`): 情報 on the page too.
    pub accepted: Vec<crate::check::accepted::Acceptance>,
}

/// The extensions an upload keeps (and a submission must have): the workbook formats read.
pub const WORKBOOK_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// Writes the uploads into `dir` under names of its own and checks them as one batch (the
/// checks across files see the department's own set).
pub fn check_uploads(
    dir: &Path,
    uploads: &[Upload],
    settings: &CheckSettings,
) -> std::io::Result<(Vec<FileOutcome>, Vec<PathBuf>)> {
    check_uploads_as(dir, uploads, settings, "")
}

/// As `check_uploads`, each file shown as `display` when it is given (a submission is checked
/// under the name it will have in the round, so accepted findings meet it there).
pub fn check_uploads_as(
    dir: &Path,
    uploads: &[Upload],
    settings: &CheckSettings,
    display: &str,
) -> std::io::Result<(Vec<FileOutcome>, Vec<PathBuf>)> {
    let mut inputs = Vec::new();
    for (i, u) in uploads.iter().enumerate() {
        let name = shown_name(&u.name);
        // The extension is kept only when it is a workbook's; sniffing decides the format.
        let ext = Path::new(&name)
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .filter(|e| WORKBOOK_EXTENSIONS.contains(&e.as_str()))
            .unwrap_or_else(|| "bin".into());
        let path = dir.join(format!("{i}.{ext}"));
        // A link to the received file where the disk allows it; never a copy in memory.
        if std::fs::hard_link(&u.path, &path).is_err() {
            std::fs::copy(&u.path, &path)?;
        }
        let display = match display {
            "" => name,
            d => d.to_string(),
        };
        inputs.push(Input::file(path, display, false));
    }
    let opts = RunOptions {
        forms: &settings.forms,
        config: &settings.config,
        limits: &settings.limits,
        spill: None,
        trim: false,
        across_files: true,
    };
    // A request holds one check slot: its files are read one after another.
    let ran = run(
        &inputs,
        &opts,
        &settings.accepted,
        Order::OneAfterAnother,
        &|_| {},
    );
    Ok((ran.outcomes, inputs.into_iter().map(|i| i.path).collect()))
}

/// The answer for each checked file: findings grouped by sheet in sheet order, errors first
/// within a sheet, each error and warning at a cell with its picture. `paths` are the files
/// as written in the upload folder (read again for the pictures). `linked` is the 課 of the
/// 提出 link the page was opened through.
pub fn answers(
    outcomes: &[FileOutcome],
    paths: &[PathBuf],
    settings: &CheckSettings,
    lang: Lang,
    linked: Option<&str>,
) -> Vec<FileAnswer> {
    outcomes
        .iter()
        .zip(paths)
        .map(|(o, path)| {
            let book = crate::read::read_path(path, &settings.limits).ok();
            let grid_of = |sheet: &str| -> Option<&Grid> {
                book.as_ref()?
                    .sheets
                    .iter()
                    .find(|s| s.name == sheet)
                    .map(|s| &s.grid)
            };
            let mut order: Vec<String> = Vec::new();
            for f in &o.findings {
                let s = f.sheet.clone().unwrap_or_default();
                if !order.contains(&s) {
                    order.push(s);
                }
            }
            // The whole file first, then the sheets as the workbook orders them.
            order.sort_by_key(|s| {
                let index = o
                    .findings
                    .iter()
                    .find(|f| f.sheet.as_deref().unwrap_or("") == s)
                    .map(|f| f.sheet_index)
                    .unwrap_or(0);
                (!s.is_empty(), index)
            });
            let sheets = order
                .into_iter()
                .map(|sheet| {
                    let mut found: Vec<&Finding> = o
                        .findings
                        .iter()
                        .filter(|f| f.sheet.as_deref().unwrap_or("") == sheet)
                        .collect();
                    found.sort_by_key(|f| (f.severity, f.position));
                    let findings = found
                        .into_iter()
                        .map(|f| FindingAnswer {
                            severity: f.severity,
                            code: f.code.clone(),
                            cell: f.cell.clone(),
                            field: f.field_text(lang),
                            year: f.year_text(lang),
                            expected: f.expected.clone(),
                            actual: f.actual.clone(),
                            message: f.shown_message(lang),
                            hint: f.hint_text(lang),
                            grid: match (f.severity, f.position) {
                                (Severity::Info, _) | (_, None) => None,
                                (_, Some(pos)) => grid_of(&sheet).map(|g| picture(g, pos)),
                            },
                        })
                        .collect();
                    SheetAnswer { sheet, findings }
                })
                .collect();
            FileAnswer {
                name: o.path.clone(),
                status: serde_json::to_value(o.status)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default(),
                status_text: crate::write::report::status_word(o, lang).to_string(),
                reason: o.reason_message.as_ref().map(|m| m.render(lang)),
                errors: o.errors,
                warnings: o.warnings,
                infos: o.infos,
                department: o.department.clone(),
                // An unreadable or ignored file has its own reason, and no 課 to compare.
                wrong_department: match (linked, o.status) {
                    (_, Status::Rejected | Status::Ignored) | (None, _) => None,
                    (Some(d), _) => {
                        super::refusal::not_the_links(d.trim(), o.department.as_deref())
                            .map(|r| r.message(lang))
                    }
                },
                sheets,
            }
        })
        .collect()
}

/// The feedback download of the checked files: one 課's workbook as it is, or every 課's
/// workbook in one zip (write_feedback writes one workbook per 課, and a sender who dropped
/// the files of several 課 needs all of them).
pub enum Feedback {
    Workbook(String, Vec<u8>),
    Zip(String, Vec<u8>),
}

pub fn feedback_bytes(
    dir: &Path,
    outcomes: &[FileOutcome],
    settings: &CheckSettings,
    lang: Lang,
) -> anyhow::Result<Feedback> {
    let out = dir.join("out");
    let ctx = crate::write::print::RunContext {
        stamp: crate::write::print::Stamp::now(settings.config.submission_year),
        inputs: Vec::new(),
        departments: settings.config.departments.as_ref(),
        forms: &settings.forms,
        lang,
        resend_by: None,
    };
    let written: Vec<std::path::PathBuf> =
        crate::write::feedback::write_feedback(&out, outcomes, &ctx)?
            .into_iter()
            .map(|(_, path)| path)
            .collect();
    let name_of = |path: &Path| {
        path.file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "feedback.xlsx".into())
    };
    match written.as_slice() {
        [] => Err(anyhow::anyhow!("no feedback was written")),
        [one] => Ok(Feedback::Workbook(name_of(one), std::fs::read(one)?)),
        several => {
            let books = several
                .iter()
                .map(|p| Ok((name_of(p), std::fs::read(p)?)))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let name = match lang {
                Lang::Ja => "フィードバック.zip",
                Lang::En => "feedback.zip",
            };
            Ok(Feedback::Zip(name.into(), zip_of(&books)?))
        }
    }
}

/// The workbooks as one zip, in the order given (write_feedback's: by 課), each entry with
/// the same fixed time and mode so the same findings always give the same bytes.
fn zip_of(books: &[(String, Vec<u8>)]) -> anyhow::Result<Vec<u8>> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let when = zip::DateTime::from_date_and_time(2000, 1, 1, 0, 0, 0)
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    // Stored: an xlsx is already deflated, and the workbooks open straight from the zip.
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(when)
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in books {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// What the page can give of one file as its annotated copy.
pub enum AnnotatedCopy {
    /// The copy's name and bytes.
    Copy(String, Vec<u8>),
    /// Not xlsx/xlsm: only the feedback workbook is available.
    NotXlsx,
    /// The file was rejected, or fails the limits: the reason, worded.
    Refused(String),
}

/// The annotated copy of the first checked file.
pub fn annotated_bytes(
    dir: &Path,
    outcomes: &[FileOutcome],
    settings: &CheckSettings,
    lang: Lang,
) -> anyhow::Result<AnnotatedCopy> {
    use crate::write::annotated::{annotate, Annotated};
    let Some(o) = outcomes.first() else {
        return Ok(AnnotatedCopy::NotXlsx);
    };
    let out = dir.join("annotated.xlsx");
    let refused = |r: &crate::read::Rejection| {
        let (_, m) = crate::check::files::rejection(r);
        AnnotatedCopy::Refused(m.render(lang))
    };
    Ok(match annotate(o, &out, lang, &settings.limits)? {
        Annotated::Written(p) => AnnotatedCopy::Copy(o.path.clone(), std::fs::read(p)?),
        // A clean workbook is its own annotated copy.
        Annotated::NothingToMark => {
            AnnotatedCopy::Copy(o.path.clone(), std::fs::read(&o.abs_path)?)
        }
        Annotated::NotXlsx => AnnotatedCopy::NotXlsx,
        Annotated::RefusedByLimits(r) => refused(&r),
        Annotated::Rejected => match o.reason_message.as_ref() {
            Some(m) => AnnotatedCopy::Refused(m.render(lang)),
            None => AnnotatedCopy::NotXlsx,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::Data;

    #[test]
    fn names_are_shown_never_followed() {
        assert_eq!(shown_name("../../etc/passwd"), "passwd");
        assert_eq!(shown_name("C:\\Users\\課\\事業.xlsx"), "事業.xlsx");
        assert_eq!(shown_name("a\u{0}b.xlsx"), "ab.xlsx");
        assert_eq!(shown_name(""), "workbook");
    }

    #[test]
    fn the_picture_marks_the_cell_and_stops_at_the_sheet_edge() {
        let mut g = Grid::new();
        g.insert(0, 0, Data::String("事業名".into()), None);
        g.insert(1, 1, Data::Float(1234.0), None);
        let p = picture(&g, (1, 1));
        assert_eq!(p.columns, vec!["A", "B", "C", "D"]);
        assert_eq!(p.rows, vec![1, 2, 3, 4]);
        assert_eq!(p.mark, (1, 1));
        assert_eq!(p.cells[1][1], "1234");
        assert_eq!(p.cells[0][0], "事業名");
    }

    #[test]
    fn a_long_label_is_sent_whole_and_a_paragraph_cut() {
        let label = "人件費合計（正規職員・会計年度任用職員を含む）（千円）";
        let mut g = Grid::new();
        g.insert(0, 0, Data::String(label.into()), None);
        g.insert(0, 1, Data::String("あ".repeat(1000)), None);
        let p = picture(&g, (0, 0));
        assert_eq!(p.cells[0][0], label);
        let cut = &p.cells[0][1];
        assert_eq!(cut.chars().count(), CELL_CHARS);
        assert!(cut.ends_with('…'), "{cut}");
    }
}
