//! Copies for timing runs: the other forms' samples as bytes, each copy made distinct.

use crate::{gyokaku::*, keikaku::*, shisaku::*, tassei::*};
use hyoka::form::FormSpec;

/// The bundled samples of the forms other than 事務事業 (the export aside), as file name and
/// bytes: written once into a temporary folder and read back.
pub(crate) fn other_form_samples(forms: &[FormSpec]) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let dir = std::env::temp_dir().join(format!("hyoka-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let form = |id: &str| {
        forms
            .iter()
            .find(|f| f.form.id == id)
            .expect("built-in form")
    };
    write_policies(form("shisaku"), &dir)?;
    write_targets(&dir)?;
    write_reform(form("gyokaku"), &dir)?;
    write_plans(form("keikaku"), &dir)?;
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok())
        .map(|e| -> anyhow::Result<_> {
            Ok((
                e.file_name().to_string_lossy().to_string(),
                std::fs::read(e.path())?,
            ))
        })
        .collect::<anyhow::Result<_>>()?;
    files.sort();
    std::fs::remove_dir_all(&dir)?;
    Ok(files)
}

/// The same workbook with a zip comment of its own: equal content, different bytes, so the
/// copies are not reported as one file sent twice.
pub(crate) fn with_zip_comment(bytes: &[u8], comment: &str) -> anyhow::Result<Vec<u8>> {
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(bytes))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..src.len() {
        out.raw_copy_file(src.by_index_raw(i)?)?;
    }
    out.set_comment(comment)?;
    Ok(out.finish()?.into_inner())
}
