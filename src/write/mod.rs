//! Write: every output goes to a temporary file beside its final name and is renamed into
//! place, so an interrupted run never leaves a half-written file under the final name.
//! Outputs are deterministic: the same inputs give byte-identical files.

pub mod annotated;
pub mod audit;
pub mod block_writer;
pub mod council;
pub mod csv;
pub mod feedback;
pub mod form_sheet;
pub mod overview;
pub mod parquet;
pub mod print;
pub mod report;
pub mod report_book;
pub mod tables;
pub mod unified;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

/// The words of a long-table row's form, table and measure (`事務事業評価シート`, `コスト`,
/// `人件費 (B)`), as a person reads them beside the keys programs use; looked up once per
/// form, table and measure, not per row.
pub struct Labels<'a> {
    forms: &'a [crate::form::FormSpec],
    lang: crate::i18n::Lang,
    cache: HashMap<(String, String, String), RowLabels>,
}

/// A row's form, table and measure in words.
#[derive(Debug, Clone, PartialEq)]
pub struct RowLabels {
    pub form: String,
    pub table: String,
    pub measure: String,
}

impl<'a> Labels<'a> {
    pub fn new(forms: &'a [crate::form::FormSpec], lang: crate::i18n::Lang) -> Labels<'a> {
        Labels {
            forms,
            lang,
            cache: HashMap::new(),
        }
    }

    /// The words for a row; a key no form explains stands for itself.
    pub fn of(&mut self, l: &crate::consolidate::LongRow) -> &RowLabels {
        let (forms, lang) = (self.forms, self.lang);
        self.cache
            .entry((l.form.clone(), l.block.clone(), l.measure.clone()))
            .or_insert_with(|| {
                let spec = forms.iter().find(|f| f.form.id == l.form);
                let form = spec
                    .map(|s| match lang {
                        crate::i18n::Lang::Ja => s.form.name.clone(),
                        crate::i18n::Lang::En => s.form.name_en.clone(),
                    })
                    .unwrap_or_else(|| l.form.clone());
                let table = spec
                    .and_then(|s| s.block(&l.block))
                    .map(|b| b.label_in(lang).to_string())
                    .unwrap_or_else(|| l.block.clone());
                let measure = spec
                    .and_then(|s| crate::check::label_of_key(s, &l.measure))
                    .map(|a| a.render(lang))
                    .unwrap_or_else(|| l.measure.clone());
                RowLabels {
                    form,
                    table,
                    measure,
                }
            })
    }
}

/// Writes `bytes` to `path` atomically: temporary file, flush to disk, rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Writes a file atomically from a writer, for outputs written as a stream (the CSV): a
/// temporary file, buffered, flushed to disk, renamed into place when `body` succeeds.
pub fn write_atomic_with<T>(
    path: &Path,
    body: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<T>,
) -> std::io::Result<T> {
    let mut file = AtomicFile::create(path)?;
    let value = body(file.writer())?;
    file.commit()?;
    Ok(value)
}

/// A file written under a temporary name beside its final one and renamed into place by
/// `commit`; dropped uncommitted (an error on the way), it is removed. For outputs fed a row
/// at a time from several places (the long table's CSV and Parquet parts).
pub struct AtomicFile {
    tmp: std::path::PathBuf,
    path: std::path::PathBuf,
    w: Option<std::io::BufWriter<std::fs::File>>,
}

impl AtomicFile {
    pub fn create(path: &Path) -> std::io::Result<AtomicFile> {
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let w = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        Ok(AtomicFile {
            tmp,
            path: path.to_path_buf(),
            w: Some(w),
        })
    }

    pub fn writer(&mut self) -> &mut std::io::BufWriter<std::fs::File> {
        self.w.as_mut().expect("not yet committed")
    }

    /// Flushes to disk and renames into place.
    pub fn commit(mut self) -> std::io::Result<()> {
        let w = self.w.take().expect("committed once");
        let f = w.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()?;
        std::fs::rename(&self.tmp, &self.path)
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.w.take().is_some() || self.tmp.exists() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Saves a workbook with fixed document dates, so the bytes depend on the content alone.
pub fn save_workbook(wb: &mut Workbook, path: &Path) -> anyhow::Result<()> {
    let bytes = workbook_bytes(wb)?;
    write_atomic(path, &bytes).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

pub fn workbook_bytes(wb: &mut Workbook) -> Result<Vec<u8>, XlsxError> {
    fixed_properties(wb)?;
    wb.save_to_buffer()
}

fn fixed_properties(wb: &mut Workbook) -> Result<(), XlsxError> {
    let date = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&date)
            .set_author("hyoka"),
    );
    Ok(())
}

/// Saves a large workbook straight into its file (never whole in memory), atomically.
pub fn save_streamed(wb: &mut Workbook, path: &Path) -> anyhow::Result<()> {
    let context = |e: &dyn std::fmt::Display| anyhow::anyhow!("{}: {e}", path.display());
    fixed_properties(wb)?;
    let mut file = AtomicFile::create(path).map_err(|e| context(&e))?;
    wb.save_to_writer(file.writer()).map_err(|e| context(&e))?;
    file.commit().map_err(|e| context(&e))
}

/// A file name made from a department name: no path separators, no characters Windows
/// refuses, no leading dots, not empty, not too long. It never leaves the output folder.
pub fn safe_file_stem(name: &str, fallback: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let trimmed = cleaned
        .trim()
        .trim_start_matches('.')
        .trim_end_matches(['.', ' '])
        .to_string();
    let mut out: String = trimmed.chars().take(60).collect();
    const RESERVED: &[&str] = &[
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "LPT1", "LPT2", "LPT3",
    ];
    if out.is_empty()
        || out.chars().all(|c| c == '_')
        || RESERVED.contains(&out.to_ascii_uppercase().as_str())
    {
        out = format!(
            "{fallback}{}",
            if out.is_empty() {
                String::new()
            } else {
                format!("_{out}")
            }
        );
    }
    out
}

/// Text that a spreadsheet would take as a formula (`=`, `+`, `-`, `@`, tab, CR): CSV gets it
/// with a leading apostrophe; workbooks always get it through `write_string`.
pub fn looks_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Relative path from a folder (already canonical) to a file, with `/`, for hyperlinks.
pub fn relative_link(from_dir: &Path, to: &Path) -> String {
    let from: Vec<_> = from_dir.components().collect();
    let to_c: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to_c).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> =
        std::iter::repeat_n("..".to_string(), from.len() - common).collect();
    parts.extend(
        to_c[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().to_string()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn department_names_never_escape_the_folder() {
        assert_eq!(safe_file_stem("../../etc/passwd", "x"), "_.._etc_passwd");
        assert_eq!(safe_file_stem("..", "部署不明"), "部署不明");
        assert_eq!(safe_file_stem("", "部署不明"), "部署不明");
        assert_eq!(safe_file_stem("健康づくり課", "x"), "健康づくり課");
        assert_eq!(safe_file_stem("a/b\\c:d", "x"), "a_b_c_d");
        assert_eq!(safe_file_stem("CON", "x"), "x_CON");
        assert!(!safe_file_stem("/abs", "x").contains('/'));
    }

    #[test]
    fn formula_like_text() {
        for s in ["=1+1", "+81", "-2", "@SUM(A1)"] {
            assert!(looks_like_formula(s));
        }
        assert!(!looks_like_formula("経営企画課"));
    }

    #[test]
    fn atomic_write_leaves_no_temporary_file() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("out.json");
        write_atomic(&p, b"{}").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"{}");
        let names: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1);
    }
}
