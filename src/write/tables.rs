//! A run as Arrow tables, for programs that take Arrow (the Python package hands them to
//! pyarrow without a copy; Spark writes them as Parquet): the findings, the long table of
//! observations, the files, the facts the checks across files read, the forms and the codes.
//!
//! The observations have the columns of `consolidated.csv` and of the Parquet dataset
//! (`write::parquet`), with the dataset's two partition columns as columns: `municipality`
//! and `fiscal_year`. Every table starts with `municipality`, so tables of many runs (or of
//! many Spark partitions) stack and partition alike.

use crate::check::cross_file::{Fact, FactKind};
use crate::consolidate::{LongRow, LONG_COLUMNS};
use crate::finding::Finding;
use crate::form::FormSpec;
use crate::i18n::Lang;
use crate::outcome::FileOutcome;
use arrow_array::builder::{
    Float64Builder, Int32Builder, Int64Builder, ListBuilder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use std::sync::Arc;

/// How a column is typed.
#[derive(Clone, Copy)]
pub enum Kind {
    Text,
    OptText,
    Int32,
    OptInt32,
    Int64,
    OptInt64,
    Float,
    OptFloat,
    TextList,
}

fn field(name: &str, kind: Kind) -> Field {
    let (t, nullable) = match kind {
        Kind::Text => (DataType::Utf8, false),
        Kind::OptText => (DataType::Utf8, true),
        Kind::Int32 => (DataType::Int32, false),
        Kind::OptInt32 => (DataType::Int32, true),
        Kind::Int64 => (DataType::Int64, false),
        Kind::OptInt64 => (DataType::Int64, true),
        Kind::Float => (DataType::Float64, false),
        Kind::OptFloat => (DataType::Float64, true),
        Kind::TextList => (
            DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
            false,
        ),
    };
    Field::new(name, t, nullable)
}

fn schema_of(columns: &[(&str, Kind)]) -> SchemaRef {
    Arc::new(Schema::new(
        columns
            .iter()
            .map(|(n, k)| field(n, *k))
            .collect::<Vec<_>>(),
    ))
}

/// One builder per column; rows are pushed a value at a time, in column order.
struct Columns {
    schema: SchemaRef,
    builders: Vec<Builder>,
}

enum Builder {
    Text(StringBuilder),
    Int32(Int32Builder),
    Int64(Int64Builder),
    Float(Float64Builder),
    TextList(ListBuilder<StringBuilder>),
}

impl Columns {
    fn new(columns: &[(&str, Kind)]) -> Columns {
        Columns {
            schema: schema_of(columns),
            builders: columns
                .iter()
                .map(|(_, k)| match k {
                    Kind::Text | Kind::OptText => Builder::Text(StringBuilder::new()),
                    Kind::Int32 | Kind::OptInt32 => Builder::Int32(Int32Builder::new()),
                    Kind::Int64 | Kind::OptInt64 => Builder::Int64(Int64Builder::new()),
                    Kind::Float | Kind::OptFloat => Builder::Float(Float64Builder::new()),
                    Kind::TextList => Builder::TextList(ListBuilder::new(StringBuilder::new())),
                })
                .collect(),
        }
    }
    fn text(&mut self, i: usize, v: Option<&str>) {
        match &mut self.builders[i] {
            Builder::Text(b) => b.append_option(v),
            _ => unreachable!("column {i} is text"),
        }
    }
    fn int32(&mut self, i: usize, v: Option<i32>) {
        match &mut self.builders[i] {
            Builder::Int32(b) => b.append_option(v),
            _ => unreachable!("column {i} is int32"),
        }
    }
    fn int64(&mut self, i: usize, v: Option<i64>) {
        match &mut self.builders[i] {
            Builder::Int64(b) => b.append_option(v),
            _ => unreachable!("column {i} is int64"),
        }
    }
    fn float(&mut self, i: usize, v: Option<f64>) {
        match &mut self.builders[i] {
            Builder::Float(b) => b.append_option(v),
            _ => unreachable!("column {i} is float"),
        }
    }
    fn texts(&mut self, i: usize, v: &[&str]) {
        match &mut self.builders[i] {
            Builder::TextList(b) => {
                for t in v {
                    b.values().append_value(t);
                }
                b.append(true);
            }
            _ => unreachable!("column {i} is a list"),
        }
    }
    fn finish(self) -> Result<RecordBatch, ArrowError> {
        let arrays: Vec<ArrayRef> = self
            .builders
            .into_iter()
            .map(|b| -> ArrayRef {
                match b {
                    Builder::Text(mut b) => Arc::new(b.finish()),
                    Builder::Int32(mut b) => Arc::new(b.finish()),
                    Builder::Int64(mut b) => Arc::new(b.finish()),
                    Builder::Float(mut b) => Arc::new(b.finish()),
                    Builder::TextList(mut b) => Arc::new(b.finish()),
                }
            })
            .collect();
        RecordBatch::try_new(self.schema, arrays)
    }
}

pub const FINDING_COLUMNS: &[(&str, Kind)] = &[
    ("municipality", Kind::OptText),
    ("severity", Kind::Text),
    ("code", Kind::Text),
    ("file", Kind::Text),
    ("sheet", Kind::OptText),
    ("cell", Kind::OptText),
    ("field", Kind::OptText),
    ("field_label", Kind::OptText),
    ("fiscal_year", Kind::OptInt32),
    ("expected", Kind::OptText),
    ("actual", Kind::OptText),
    ("message", Kind::Text),
    ("hint", Kind::OptText),
    ("remarks", Kind::OptText),
    ("accepted", Kind::OptText),
    ("cells", Kind::TextList),
];

/// Every finding of the run, in report order (file, then sheet and cell).
pub fn findings<'a>(
    findings: impl Iterator<Item = &'a Finding>,
    municipality: Option<&str>,
    lang: Lang,
) -> Result<RecordBatch, ArrowError> {
    let mut c = Columns::new(FINDING_COLUMNS);
    for f in findings {
        c.text(0, municipality);
        c.text(1, Some(f.severity.as_str()));
        c.text(2, Some(&f.code));
        c.text(3, Some(&f.file));
        c.text(4, f.sheet.as_deref());
        c.text(5, f.cell.as_deref());
        c.text(6, f.field.as_deref());
        c.text(7, f.field_label.as_ref().map(|a| a.render(lang)).as_deref());
        c.int32(8, f.fiscal_year);
        c.text(9, f.expected.as_deref());
        c.text(10, f.actual.as_deref());
        c.text(11, Some(&f.text(lang)));
        c.text(12, f.hint_text(lang).as_deref());
        c.text(13, f.remarks.as_deref());
        c.text(14, f.accepted.as_deref());
        let cells: Vec<&str> = match f.cells.is_empty() {
            true => Vec::new(),
            false => f.cell.iter().chain(&f.cells).map(String::as_str).collect(),
        };
        c.texts(15, &cells);
    }
    c.finish()
}

pub const FILE_COLUMNS: &[(&str, Kind)] = &[
    ("municipality", Kind::OptText),
    ("path", Kind::Text),
    ("status", Kind::Text),
    ("reason", Kind::OptText),
    ("reason_message", Kind::OptText),
    ("format", Kind::OptText),
    ("form", Kind::OptText),
    ("department", Kind::OptText),
    ("fiscal_year", Kind::OptInt32),
    ("sheets", Kind::Int64),
    ("errors", Kind::Int64),
    ("warnings", Kind::Int64),
    ("infos", Kind::Int64),
    ("size", Kind::OptInt64),
    ("sha256", Kind::OptText),
];

/// Every input with what became of it. `fiscal_year` is the year most of its sheets are
/// evaluated for (the earliest of equals), empty for a file without form sheets.
pub fn files(
    outcomes: &[FileOutcome],
    forms: &[FormSpec],
    municipality: Option<&str>,
    lang: Lang,
) -> Result<RecordBatch, ArrowError> {
    let mut c = Columns::new(FILE_COLUMNS);
    for o in outcomes {
        c.text(0, municipality);
        c.text(1, Some(&o.path));
        c.text(2, Some(o.status.as_str()));
        c.text(3, o.reason.as_deref());
        c.text(
            4,
            o.reason_message.as_ref().map(|m| m.render(lang)).as_deref(),
        );
        c.text(5, o.format.as_deref());
        c.text(6, o.form.as_deref());
        c.text(7, o.department.as_deref());
        c.int32(8, year_of(o, forms));
        c.int64(9, Some(o.sheets as i64));
        c.int64(10, Some(o.errors as i64));
        c.int64(11, Some(o.warnings as i64));
        c.int64(12, Some(o.infos as i64));
        c.int64(13, o.content_id.map(|id| id.size as i64));
        c.text(14, o.content_id.map(|id| id.hex()).as_deref());
    }
    c.finish()
}

fn year_of(o: &FileOutcome, forms: &[FormSpec]) -> Option<i32> {
    let mut counts: std::collections::BTreeMap<i32, usize> = Default::default();
    for p in &o.projects {
        let Some(spec) = forms.iter().find(|f| f.form.id == p.form_id) else {
            continue;
        };
        if let Some(y) = p.data.eval_year(spec) {
            *counts.entry(y.year.0).or_default() += 1;
        }
    }
    let most = counts.values().copied().max()?;
    counts.into_iter().find(|(_, n)| *n == most).map(|(y, _)| y)
}

/// The long table's columns: `municipality`, then `consolidated.csv`'s.
pub fn observation_columns() -> Vec<(&'static str, Kind)> {
    let mut v = vec![("municipality", Kind::OptText)];
    v.extend(LONG_COLUMNS.iter().map(|&n| match n {
        "fiscal_year" => (n, Kind::Int32),
        "value" => (n, Kind::Float),
        _ => (n, Kind::Text),
    }));
    v
}

/// The long table: one row per figure read, as `consolidated.csv` and the Parquet dataset
/// hold it.
pub fn observations<'a>(
    rows: impl Iterator<Item = &'a LongRow>,
    municipality: Option<&str>,
) -> Result<RecordBatch, ArrowError> {
    let mut c = Columns::new(&observation_columns());
    for r in rows {
        c.text(0, municipality);
        let mut texts = r.texts().into_iter();
        for (i, name) in LONG_COLUMNS.iter().enumerate() {
            match *name {
                "fiscal_year" => c.int32(i + 1, Some(r.fiscal_year)),
                "value" => c.float(i + 1, Some(r.value)),
                _ => c.text(i + 1, texts.next()),
            }
        }
    }
    c.finish()
}

pub const FACT_COLUMNS: &[(&str, Kind)] = &[
    ("municipality", Kind::OptText),
    ("kind", Kind::Text),
    ("file", Kind::Text),
    ("sheet", Kind::Text),
    ("sheet_index", Kind::Int32),
    ("form", Kind::Text),
    ("target", Kind::Text),
    ("link", Kind::Int32),
    ("instance", Kind::Int32),
    ("record", Kind::Text),
    ("key", Kind::Text),
    ("name", Kind::Text),
    ("fiscal_year", Kind::OptInt32),
    ("value", Kind::OptFloat),
    ("row", Kind::Int32),
    ("col", Kind::Int32),
    ("size", Kind::Int64),
];

/// The facts the checks across files read (`check::cross_file::facts`).
pub fn facts(facts: &[Fact], municipality: Option<&str>) -> Result<RecordBatch, ArrowError> {
    let mut c = Columns::new(FACT_COLUMNS);
    for f in facts {
        c.text(0, municipality);
        c.text(1, Some(f.kind.as_str()));
        c.text(2, Some(&f.file));
        c.text(3, Some(&f.sheet));
        c.int32(4, Some(f.sheet_index as i32));
        c.text(5, Some(&f.form));
        c.text(6, Some(&f.target));
        c.int32(7, Some(f.link as i32));
        c.int32(8, Some(f.instance as i32));
        c.text(9, Some(&f.record));
        c.text(10, Some(&f.key));
        c.text(11, Some(&f.name));
        c.int32(12, f.fiscal_year);
        c.float(13, f.value);
        c.int32(14, Some(f.row as i32));
        c.int32(15, Some(f.col as i32));
        c.int64(16, Some(f.size as i64));
    }
    c.finish()
}

/// Facts read back from a table of `FACT_COLUMNS` (made by `facts`, then joined elsewhere).
/// A column missing or of another type, or a kind not known, is an error naming it.
pub fn facts_from(batch: &RecordBatch) -> Result<Vec<Fact>, String> {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Float64Type, Int32Type, Int64Type};
    use arrow_array::Array;
    let col = |name: &str| {
        batch
            .column_by_name(name)
            .ok_or_else(|| format!("the facts table has no column \"{name}\""))
    };
    let text = |name: &str| -> Result<Vec<Option<String>>, String> {
        let a = col(name)?;
        let a = texts_of(a).ok_or_else(|| format!("column \"{name}\" is not text"))?;
        Ok(a)
    };
    let int32 = |name: &str| -> Result<Vec<Option<i32>>, String> {
        let a = col(name)?;
        let a = a
            .as_primitive_opt::<Int32Type>()
            .ok_or_else(|| format!("column \"{name}\" is not int32"))?;
        Ok((0..a.len())
            .map(|i| a.is_valid(i).then(|| a.value(i)))
            .collect())
    };
    let kind = text("kind")?;
    let file = text("file")?;
    let sheet = text("sheet")?;
    let sheet_index = int32("sheet_index")?;
    let form = text("form")?;
    let target = text("target")?;
    let link = int32("link")?;
    let instance = int32("instance")?;
    let record = text("record")?;
    let key = text("key")?;
    let name = text("name")?;
    let year = int32("fiscal_year")?;
    let value = col("value")?
        .as_primitive_opt::<Float64Type>()
        .ok_or("column \"value\" is not float64")?
        .clone();
    let row = int32("row")?;
    let column = int32("col")?;
    let size = col("size")?
        .as_primitive_opt::<Int64Type>()
        .ok_or("column \"size\" is not int64")?
        .clone();
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    let n = |v: Option<i32>| v.unwrap_or(0).max(0) as u32;
    (0..batch.num_rows())
        .map(|i| {
            let k = s(&kind[i]);
            Ok(Fact {
                kind: FactKind::parse(&k).ok_or_else(|| format!("unknown fact kind \"{k}\""))?,
                file: s(&file[i]),
                sheet: s(&sheet[i]),
                sheet_index: n(sheet_index[i]),
                form: s(&form[i]),
                target: s(&target[i]),
                link: n(link[i]),
                instance: n(instance[i]),
                record: s(&record[i]),
                key: s(&key[i]),
                name: s(&name[i]),
                fiscal_year: year[i],
                value: value.is_valid(i).then(|| value.value(i)),
                row: n(row[i]),
                col: n(column[i]),
                size: size
                    .is_valid(i)
                    .then(|| size.value(i).max(0) as u64)
                    .unwrap_or(0),
            })
        })
        .collect()
}

/// Text of a Utf8 or LargeUtf8 column (Spark hands over either).
fn texts_of(a: &ArrayRef) -> Option<Vec<Option<String>>> {
    use arrow_array::cast::AsArray;
    match a.data_type() {
        DataType::Utf8 => Some(
            a.as_string::<i32>()
                .iter()
                .map(|v| v.map(str::to_string))
                .collect(),
        ),
        DataType::LargeUtf8 => Some(
            a.as_string::<i64>()
                .iter()
                .map(|v| v.map(str::to_string))
                .collect(),
        ),
        DataType::Utf8View => Some(
            a.as_string_view()
                .iter()
                .map(|v| v.map(str::to_string))
                .collect(),
        ),
        _ => None,
    }
}

pub const FORM_COLUMNS: &[(&str, Kind)] = &[
    ("form", Kind::Text),
    ("name", Kind::Text),
    ("spec", Kind::Text),
    ("blocks", Kind::TextList),
    ("layouts", Kind::TextList),
];

/// The forms in use: id, name in the language asked for, spec file, blocks and their layouts.
pub fn forms(forms: &[FormSpec], lang: Lang) -> Result<RecordBatch, ArrowError> {
    let mut c = Columns::new(FORM_COLUMNS);
    for f in forms {
        c.text(0, Some(&f.form.id));
        c.text(
            1,
            Some(match lang {
                Lang::Ja => &f.form.name,
                Lang::En => &f.form.name_en,
            }),
        );
        c.text(2, Some(&f.source.display().to_string()));
        let blocks: Vec<&str> = f.blocks.iter().map(|b| b.id.as_str()).collect();
        c.texts(3, &blocks);
        let layouts: Vec<&str> = f.blocks.iter().map(|b| b.layout.name()).collect();
        c.texts(4, &layouts);
    }
    c.finish()
}

pub const RULE_COLUMNS: &[(&str, Kind)] = &[
    ("code", Kind::Text),
    ("severity", Kind::Text),
    ("summary", Kind::Text),
    ("form", Kind::OptText),
    ("spec", Kind::OptText),
];

/// Every finding code, as `hyoka rules` lists them.
pub fn rules(forms: &[FormSpec], lang: Lang) -> Result<RecordBatch, ArrowError> {
    let mut c = Columns::new(RULE_COLUMNS);
    for l in crate::check::registry::listing(forms, lang) {
        c.text(0, Some(&l.code));
        c.text(1, Some(l.severity.as_str()));
        c.text(2, Some(&l.what));
        c.text(3, l.form.as_deref());
        c.text(4, l.spec.as_deref());
    }
    c.finish()
}
