//! The long table's rows of each project, spilled to a temporary file as soon as its file is
//! checked, so that a run of ten thousand files holds in memory only what the checks across
//! files still need (`keep_after_spill`). The rows are read back, project by project and in
//! file order, when the outputs are written; their status is the project's by then (checks
//! across files and accepted findings may have changed it).

use super::LongRow;
use crate::extract::Observation;
use crate::form::FormSpec;
use crate::outcome::{Project, ProjectStatus, Spilled};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A temporary file beside the outputs, removed when the run ends.
pub struct Spill {
    path: PathBuf,
    file: Mutex<(std::fs::File, u64)>,
}

impl Spill {
    pub fn create(dir: &Path) -> std::io::Result<Spill> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join(format!(".hyoka-spill.{}.tmp", std::process::id()));
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)?;
        Ok(Spill {
            path,
            file: Mutex::new((file, 0)),
        })
    }

    /// Appends rows (from any thread) and says where they went.
    pub fn put(&self, rows: &[LongRow]) -> std::io::Result<Spilled> {
        let mut buf = Vec::with_capacity(rows.len() * 96);
        for r in rows {
            encode(r, &mut buf);
        }
        let mut guard = self.file.lock().unwrap_or_else(|e| e.into_inner());
        let (file, end) = &mut *guard;
        file.seek(SeekFrom::Start(*end))?;
        file.write_all(&buf)?;
        let at = Spilled {
            offset: *end,
            len: buf.len() as u64,
            rows: rows.len() as u32,
        };
        *end += buf.len() as u64;
        Ok(at)
    }

    /// A project's rows, with its status as it stands now.
    pub fn get(&self, at: &Spilled, status: ProjectStatus) -> std::io::Result<Vec<LongRow>> {
        let mut buf = vec![0u8; at.len as usize];
        {
            let mut guard = self.file.lock().unwrap_or_else(|e| e.into_inner());
            let (file, _) = &mut *guard;
            file.seek(SeekFrom::Start(at.offset))?;
            file.read_exact(&mut buf)?;
        }
        let mut rows = Vec::with_capacity(at.rows as usize);
        let mut input = buf.as_slice();
        for _ in 0..at.rows {
            rows.push(decode(&mut input, status)?);
        }
        Ok(rows)
    }
}

impl Drop for Spill {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn put_text(s: &str, out: &mut Vec<u8>) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// The row's texts but its status (the project's, given back when read), its year, its value.
fn encode(r: &LongRow, out: &mut Vec<u8>) {
    let texts = r.texts();
    for s in &texts[..texts.len() - 1] {
        put_text(s, out);
    }
    out.extend_from_slice(&r.fiscal_year.to_le_bytes());
    out.extend_from_slice(&r.value.to_le_bytes());
}

fn broken() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, "spill file damaged")
}

fn take<'a>(input: &mut &'a [u8], n: usize) -> std::io::Result<&'a [u8]> {
    if input.len() < n {
        return Err(broken());
    }
    let (head, rest) = input.split_at(n);
    *input = rest;
    Ok(head)
}

fn get_text(input: &mut &[u8]) -> std::io::Result<String> {
    let n = u32::from_le_bytes(take(input, 4)?.try_into().expect("4 bytes")) as usize;
    String::from_utf8(take(input, n)?.to_vec()).map_err(|_| broken())
}

fn decode(input: &mut &[u8], status: ProjectStatus) -> std::io::Result<LongRow> {
    let mut t = [(); 12].map(|_| String::new());
    for s in t.iter_mut() {
        *s = get_text(input)?;
    }
    let [department, project_id, form, block, heading, record, measure, phase, unit, source_file, source_sheet, source_cell] =
        t;
    let fiscal_year = i32::from_le_bytes(take(input, 4)?.try_into().expect("4 bytes"));
    let value = f64::from_le_bytes(take(input, 8)?.try_into().expect("8 bytes"));
    Ok(LongRow {
        department,
        project_id,
        form,
        block,
        heading,
        record,
        measure,
        fiscal_year,
        phase,
        value,
        unit,
        source_file,
        source_sheet,
        source_cell,
        status,
    })
}

/// What the checks across files read of a project's observations once its rows are spilled:
/// its form's total (project list, `[[link]]` totals) and the blocks its own links compare.
/// Exports restate accepted findings by the rows of their fields, which stay.
pub fn keep_after_spill(spec: &FormSpec, o: &Observation) -> bool {
    spec.total_row().is_some_and(|(_, key)| o.key() == key)
        || spec.links.iter().any(|l| l.block == o.block)
}

/// Spills a checked project's rows and keeps only what later checks read. When the spill
/// cannot be written (a full disk), the project keeps everything and the rows are made from
/// it at the end, as without a spill.
pub fn spill_project(spill: &Spill, p: &mut Project, forms: &[FormSpec]) {
    let rows = super::project_long_rows(p, forms);
    let Ok(at) = spill.put(&rows) else {
        return;
    };
    p.spilled = Some(at);
    trim_project(p, forms);
}

/// Keeps of a checked project only the observations later checks read.
pub fn trim_project(p: &mut Project, forms: &[FormSpec]) {
    if let Some(spec) = forms.iter().find(|f| f.form.id == p.form_id) {
        p.data.observations.retain(|o| keep_after_spill(spec, o));
        p.data.observations.shrink_to_fit();
    }
}

/// A project's rows of the long table: read back from the spill, or made from what it holds.
pub fn long_rows_of(
    p: &Project,
    forms: &[FormSpec],
    spill: Option<&Spill>,
) -> std::io::Result<Vec<LongRow>> {
    match (&p.spilled, spill) {
        (Some(at), Some(spill)) => spill.get(at, p.status),
        // Its observations were trimmed: without the spill its rows are gone.
        (Some(_), None) => Err(std::io::Error::other(
            "a spilled project read without its spill",
        )),
        (None, _) => Ok(super::project_long_rows(p, forms)),
    }
}
