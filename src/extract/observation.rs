//! The model every later stage reads: a sheet turned into located observations, one value per
//! row, one variable per column (tidy data), each with the cell it came from. Checks,
//! consolidation, the CSV and the exports read this and nothing shaped like one form.

use crate::i18n::Message;
use crate::normalise::{FiscalYear, ParsedYear};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The year a value belongs to: a 年度 (April–March) or a calendar year (`元年分`), kept apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Fiscal(FiscalYear),
    Calendar(i32),
}

impl Period {
    pub fn fiscal(self) -> Option<FiscalYear> {
        match self {
            Period::Fiscal(y) => Some(y),
            Period::Calendar(_) => None,
        }
    }
}

/// What a value reports: results, a budget, a plan or a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// 実績
    Actual,
    /// 決算
    Settled,
    /// 予算 (当初, 補正)
    Budget,
    /// 計画, 見込
    Plan,
    /// 目標
    Target,
}

impl Phase {
    /// Reads the word a header or a 区分 cell uses (folded text that starts with it).
    pub fn from_word(folded: &str) -> Option<Phase> {
        const WORDS: &[(&str, Phase)] = &[
            ("実績", Phase::Actual),
            ("決算", Phase::Settled),
            ("予算", Phase::Budget),
            ("当初", Phase::Budget),
            ("補正", Phase::Budget),
            ("計画", Phase::Plan),
            ("見込", Phase::Plan),
            ("目標", Phase::Target),
        ];
        let word = folded.trim_start_matches(['(', '（', '[', '【', '〔']);
        WORDS
            .iter()
            .find(|(w, _)| word.starts_with(w))
            .map(|(_, p)| *p)
    }

    /// The stable name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Actual => "actual",
            Phase::Settled => "settled",
            Phase::Budget => "budget",
            Phase::Plan => "plan",
            Phase::Target => "target",
        }
    }
}

/// What a cell means once read for its measure.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A number, in `Observation::unit`.
    Number(f64),
    /// Text where a number may stand: a milestone (`検討`), a cross-reference, or a mistake;
    /// the rules of the measure decide which.
    Text(String),
    /// Empty, or a mark meaning none (`－`, `該当なし`).
    Blank,
    /// `…`: not known.
    Unknown,
    /// A formula whose result the saving program did not compute (and the spec cannot).
    NotComputed,
    /// A spreadsheet error value (`#VALUE!`).
    CellError(String),
    /// A date or time where a number belongs.
    Date(String),
    /// Digits that a double cannot hold exactly.
    TooPrecise(String),
    /// A range where a target is written as one (`0.0%～0.5%向上`), in the cell's unit.
    Range { low: f64, high: f64 },
}

impl Value {
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number(v) => Some(*v),
            _ => None,
        }
    }
}

/// Where a value came from: typed, cached by the program that saved the formula, or worked
/// out here from the spec's arithmetic because the formula had no cached result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Constant,
    Formula,
    Computed,
}

/// One value of a sheet, located.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// The spec's block id (`cost`, `kpi`, `budget`).
    pub block: String,
    /// Which occurrence of the block on the sheet (0 for a block that occurs once).
    pub instance: u32,
    /// The record within the block (indicator `1`, budget row `3`, closing row `total`);
    /// `None` in a block whose rows are measures.
    pub record: Option<String>,
    /// The spec's key of the row or column (`gen`, `plan`, `cost`).
    pub measure: String,
    pub period: Option<Period>,
    pub phase: Option<Phase>,
    pub value: Value,
    /// The unit of `value`: the measure's unit, or the cell's own when it does not convert.
    pub unit: Option<String>,
    /// The unit written inside the cell (`4,081,000円`), if any.
    pub cell_unit: Option<String>,
    /// The cell's text as a person reads it.
    pub raw: String,
    pub pos: (u32, u32),
    /// Formula text without `=`, when the cell holds one.
    pub formula: Option<String>,
    /// True when the number was stored as text (`"1,023"`): spreadsheet arithmetic fails on it.
    pub from_text: bool,
    pub origin: Origin,
}

impl Observation {
    /// The key that names this value in findings and exports: the measure for a block whose
    /// rows are measures (`gen`), `block.record.measure` otherwise (`kpi.1.plan`).
    pub fn key(&self) -> String {
        match &self.record {
            Some(r) => format!("{}.{}.{}", self.block, r, self.measure),
            None => self.measure.clone(),
        }
    }
    pub fn fiscal_year(&self) -> Option<FiscalYear> {
        self.period.and_then(Period::fiscal)
    }
    pub fn number(&self) -> Option<f64> {
        self.value.number()
    }
}

/// A header or evaluation field as found on the sheet.
#[derive(Debug, Clone)]
pub struct FieldValue {
    pub label_pos: (u32, u32),
    /// Where the value is, or where it was expected when missing.
    pub value_pos: (u32, u32),
    /// The cell's text as written; empty when missing.
    pub raw: String,
    pub present: bool,
    /// For fiscal-year fields, the year read (None when unreadable).
    pub year: Option<ParsedYear>,
    /// Where the value came from: the sheet, or (for a layout without the field) its context.
    pub source: FieldSource,
}

/// A year column of a block's header.
#[derive(Debug, Clone)]
pub struct PeriodColumn {
    pub year: FiscalYear,
    pub parsed: ParsedYear,
    pub header_pos: (u32, u32),
    pub raw: String,
    /// The column the values of this year sit in.
    pub col: u32,
    /// The phase word (`実績`, `予算` …) from the header cell or the row under it, folded.
    pub phase_text: Option<String>,
    /// A calendar year (`元年分`: January–December), kept apart from fiscal years; `year`
    /// then holds its number.
    pub calendar: bool,
}

impl PeriodColumn {
    pub fn period(&self) -> Period {
        if self.calendar {
            Period::Calendar(self.year.0)
        } else {
            Period::Fiscal(self.year)
        }
    }
    pub fn phase(&self) -> Option<Phase> {
        self.phase_text.as_deref().and_then(Phase::from_word)
    }
}

/// A record of a block (an indicator, a budget row), with its name and attributes.
#[derive(Debug, Clone)]
pub struct RecordRead {
    pub key: String,
    pub name: String,
    pub pos: (u32, u32),
    /// Attributes read beside the values (`unit`, `direction`, `baseline`), normalised by the
    /// layout (`direction` is `increase` or `decrease`; `tags` from `【…】` after the name).
    pub attrs: BTreeMap<String, String>,
    /// The cell each attribute was read from.
    pub attr_pos: BTreeMap<String, (u32, u32)>,
}

/// Something about a block that does not fit its layout, at the cell that shows it, in the
/// words of the layout that found it (each layout declares its own texts).
#[derive(Debug, Clone, PartialEq)]
pub struct Misfit {
    pub what: Message,
    /// The misfit is only that the row's 年度 could not be read: already said at that cell
    /// when the form has a 年度 field.
    pub for_want_of_a_year: bool,
}

impl Misfit {
    pub fn new(what: Message) -> Misfit {
        Misfit {
            what,
            for_want_of_a_year: false,
        }
    }
}

/// One occurrence of a block on a sheet, as its layout found it.
#[derive(Debug, Clone)]
pub struct BlockRead {
    pub block: String,
    pub instance: u32,
    /// The heading the occurrence sits under, for repeated blocks.
    pub heading: Option<String>,
    /// The cell to point at for block-wide findings.
    pub anchor: (u32, u32),
    pub periods: Vec<PeriodColumn>,
    /// Rows of the spec found, with their label cells.
    pub rows: BTreeMap<String, (u32, u32)>,
    pub records: Vec<RecordRead>,
    pub misfits: Vec<((u32, u32), Misfit)>,
}

impl BlockRead {
    pub fn new(block: &str, instance: u32, anchor: (u32, u32)) -> BlockRead {
        BlockRead {
            block: block.to_string(),
            instance,
            heading: None,
            anchor,
            periods: Vec::new(),
            rows: BTreeMap::new(),
            records: Vec::new(),
            misfits: Vec::new(),
        }
    }
    pub fn record(&self, key: &str) -> Option<&RecordRead> {
        self.records.iter().find(|r| r.key == key)
    }
}

/// One sheet of a form, read.
#[derive(Debug, Clone)]
pub struct SheetRead {
    pub form_id: String,
    /// The spec file the sheet was read with.
    pub spec_file: String,
    pub title_pos: (u32, u32),
    /// Fields found by their label; a field whose label is absent is not in the map.
    pub fields: BTreeMap<String, FieldValue>,
    pub blocks: Vec<BlockRead>,
    pub observations: Vec<Observation>,
}

impl SheetRead {
    pub fn field_text(&self, key: &str) -> Option<&str> {
        self.fields
            .get(key)
            .filter(|f| f.present)
            .map(|f| f.raw.as_str())
    }
    pub fn block<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a BlockRead> + 'a {
        self.blocks.iter().filter(move |b| b.block == id)
    }
    /// Observations of one block occurrence.
    pub fn in_block<'a>(
        &'a self,
        id: &'a str,
        instance: u32,
    ) -> impl Iterator<Item = &'a Observation> + 'a {
        self.observations
            .iter()
            .filter(move |o| o.block == id && o.instance == instance)
    }
    /// The value of a measure in a fiscal year, in a block whose rows are measures.
    pub fn value(&self, measure: &str, year: FiscalYear) -> Option<&Observation> {
        self.observations
            .iter()
            .find(|o| o.record.is_none() && o.measure == measure && o.fiscal_year() == Some(year))
    }
}
/// Where a field's value may come from besides its cell on the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldSource {
    /// Its labelled cell on the sheet.
    Sheet,
    /// The folder the file was sent in (`<round>/<課>/…`), when it names a 課.
    RoundFolder,
    /// The file name's prefix before `_` (`職員課_….xlsx`), when it names a 課.
    FileName,
    /// The run's submission year (`--year`, `fiscal_year` in hyoka.toml).
    SubmissionYear,
    /// The latest fiscal year the sheet itself reports results (実績) for.
    LatestReported,
}

impl FieldSource {
    /// Sources that name a 課, and sources that give a year.
    pub fn gives_department(self) -> bool {
        matches!(self, FieldSource::RoundFolder | FieldSource::FileName)
    }
    pub fn gives_year(self) -> bool {
        matches!(
            self,
            FieldSource::SubmissionYear | FieldSource::LatestReported
        )
    }
    /// The stable word of report.json.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldSource::Sheet => "sheet",
            FieldSource::RoundFolder => "round-folder",
            FieldSource::FileName => "file-name",
            FieldSource::SubmissionYear => "submission-year",
            FieldSource::LatestReported => "latest-reported",
        }
    }
    /// What a person reads for it.
    pub fn words(self) -> crate::i18n::Arg {
        let (ja, en) = match self {
            FieldSource::Sheet => ("シート", "the sheet"),
            FieldSource::RoundFolder => ("提出フォルダ名", "the submission folder's name"),
            FieldSource::FileName => ("ファイル名", "the file name"),
            FieldSource::SubmissionYear => ("今回の提出年度", "this submission's year"),
            FieldSource::LatestReported => (
                "シートの実績の最新年度",
                "the latest year the sheet reports results for",
            ),
        };
        crate::i18n::Arg::words(ja, en)
    }
}
