//! The long table as Parquet for DuckDB and Spark: a Hive-partitioned dataset,
//! `municipality=…/fiscal_year=…/part-0.parquet`, so the runs of many municipalities (or
//! rounds) written into one folder read as one table. The partition columns live in the
//! folder names, as both engines expect; the files hold the other columns of
//! `consolidated.csv`, with `value` as a double.
//!
//! A run owns its municipality's folder: it replaces the parts it writes and removes the
//! parts of fiscal years it no longer has, so running a round again never counts it twice.

use crate::consolidate::{LongRow, LONG_COLUMNS};
use arrow_array::builder::{Float64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The partition value Hive, Spark and DuckDB read as null: a run that names no municipality.
pub const NO_MUNICIPALITY: &str = "__HIVE_DEFAULT_PARTITION__";

/// The file each partition holds.
const PART: &str = "part-0.parquet";

/// Rows gathered before they are handed to the writer as one batch.
const BATCH_ROWS: usize = 8192;

/// Rows per row group: enough for the engines to skip by statistics, few enough that a
/// writer holds little while it fills one.
const ROW_GROUP_ROWS: usize = 128 * 1024;

/// The file's columns: the CSV's, but `fiscal_year`, which is the partition.
fn columns() -> impl Iterator<Item = &'static str> {
    LONG_COLUMNS.iter().copied().filter(|c| *c != "fiscal_year")
}

/// How many text columns (all but `value`).
const TEXT_COLUMNS: usize = 13;

fn schema() -> SchemaRef {
    let fields: Vec<Field> = columns()
        .map(|n| match n {
            "value" => Field::new(n, DataType::Float64, false),
            _ => Field::new(n, DataType::Utf8, false),
        })
        .collect();
    Arc::new(Schema::new(fields))
}

/// A partition value as a folder name: characters a path or the `key=value` form cannot
/// hold are written `%XX`, as Hive does; Japanese stays as it is.
pub fn partition_value(s: &str) -> String {
    let s = s.trim();
    if s.is_empty() {
        return NO_MUNICIPALITY.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '/' | '\\' | '=' | '%' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '#' | '{' | '}'
            | '[' | ']' | '^' | '\'' => {
                for b in c.to_string().as_bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c if c.is_control() => out.push_str(&format!("%{:02X}", c as u32 & 0xFF)),
            c => out.push(c),
        }
    }
    if out.starts_with('.') {
        out.replace_range(0..1, "%2E");
    }
    out
}

/// One fiscal year's file, written under a temporary name until the run finishes.
struct Part {
    tmp: PathBuf,
    path: PathBuf,
    writer: ArrowWriter<std::io::BufWriter<std::fs::File>>,
    text: Vec<StringBuilder>,
    value: Float64Builder,
    /// Rows gathered for the next batch, and rows in the file.
    rows: usize,
    written: u64,
}

impl Part {
    fn flush_batch(&mut self, schema: &SchemaRef) -> anyhow::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let mut text = self.text.iter_mut();
        let columns: Vec<ArrayRef> = columns()
            .map(|c| -> ArrayRef {
                match c {
                    "value" => Arc::new(self.value.finish()),
                    _ => Arc::new(text.next().expect("one builder per text column").finish()),
                }
            })
            .collect();
        let batch = RecordBatch::try_new(schema.clone(), columns)?;
        self.writer.write(&batch)?;
        self.written += self.rows as u64;
        self.rows = 0;
        Ok(())
    }
}

/// The Parquet sink of the long table, fed a row at a time.
pub struct LongParquet {
    root: PathBuf,
    municipality: String,
    schema: SchemaRef,
    parts: BTreeMap<i32, Part>,
}

/// What a run wrote: the dataset folder, its own partition, the files and the rows.
#[derive(Debug, Clone, PartialEq)]
pub struct ParquetWritten {
    pub root: PathBuf,
    pub municipality_dir: PathBuf,
    pub files: Vec<PathBuf>,
    pub rows: u64,
}

impl LongParquet {
    /// A dataset at `root` (created if need be); `municipality` names this run's partition.
    pub fn new(root: &Path, municipality: Option<&str>) -> LongParquet {
        LongParquet {
            root: root.to_path_buf(),
            municipality: partition_value(municipality.unwrap_or("")),
            schema: schema(),
            parts: BTreeMap::new(),
        }
    }

    fn municipality_dir(&self) -> PathBuf {
        self.root
            .join(format!("municipality={}", self.municipality))
    }

    fn part(&mut self, year: i32) -> anyhow::Result<&mut Part> {
        if !self.parts.contains_key(&year) {
            let dir = self.municipality_dir().join(format!("fiscal_year={year}"));
            std::fs::create_dir_all(&dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
            let path = dir.join(PART);
            let tmp = dir.join(format!(".{PART}.{}.tmp", std::process::id()));
            let file = std::fs::File::create(&tmp)
                .map_err(|e| anyhow::anyhow!("{}: {e}", tmp.display()))?;
            let props = WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
                .build();
            let writer = ArrowWriter::try_new(
                std::io::BufWriter::new(file),
                self.schema.clone(),
                Some(props),
            )?;
            let text = (0..TEXT_COLUMNS).map(|_| StringBuilder::new()).collect();
            self.parts.insert(
                year,
                Part {
                    tmp,
                    path,
                    writer,
                    text,
                    value: Float64Builder::new(),
                    rows: 0,
                    written: 0,
                },
            );
        }
        Ok(self.parts.get_mut(&year).expect("inserted above"))
    }

    pub fn push(&mut self, r: &LongRow) -> anyhow::Result<()> {
        let schema = self.schema.clone();
        let part = self.part(r.fiscal_year)?;
        for (b, t) in part.text.iter_mut().zip(r.texts()) {
            b.append_value(t);
        }
        part.value.append_value(r.value);
        part.rows += 1;
        if part.rows == BATCH_ROWS {
            part.flush_batch(&schema)?;
        }
        Ok(())
    }

    /// Closes every part, renames it into place and removes this municipality's parts of
    /// years the run did not write.
    pub fn finish(mut self) -> anyhow::Result<ParquetWritten> {
        let schema = self.schema.clone();
        let mut files = Vec::new();
        let mut rows = 0u64;
        let dir = self.municipality_dir();
        for (_, mut part) in std::mem::take(&mut self.parts) {
            part.flush_batch(&schema)?;
            rows += part.written;
            let file = part.writer.into_inner()?;
            let file = file.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()?;
            std::fs::rename(&part.tmp, &part.path)
                .map_err(|e| anyhow::anyhow!("{}: {e}", part.path.display()))?;
            files.push(part.path);
        }
        if let Ok(years) = std::fs::read_dir(&dir) {
            for y in years.flatten() {
                let old = y.path().join(PART);
                if old.exists() && !files.contains(&old) {
                    std::fs::remove_file(&old)
                        .map_err(|e| anyhow::anyhow!("{}: {e}", old.display()))?;
                    let _ = std::fs::remove_dir(y.path());
                }
            }
        }
        Ok(ParquetWritten {
            root: self.root.clone(),
            municipality_dir: dir,
            files,
            rows,
        })
    }
}

impl Drop for LongParquet {
    /// Parts left unfinished (an error on the way) leave no temporary files behind.
    fn drop(&mut self) {
        for part in self.parts.values() {
            let _ = std::fs::remove_file(&part.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partition_values_are_folder_names() {
        assert_eq!(partition_value("二宮町"), "二宮町");
        assert_eq!(partition_value("a/b=c"), "a%2Fb%3Dc");
        assert_eq!(partition_value(".."), "%2E.");
        assert_eq!(partition_value("  "), NO_MUNICIPALITY);
    }
}
