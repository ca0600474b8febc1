//! What a run makes of its inputs: each file's outcome (status, counts, findings, the
//! projects read from it) and the run's totals. Plain data every stage after reading shares;
//! the pipeline fills it, the checks across files and the writers read it.

use crate::extract::SheetRead;
use crate::finding::{sort_findings, Finding, Severity};
use crate::i18n::Message;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A file's status in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 受理: read and checked, no error (warnings may remain). Not "approved": approving a
    /// finding is `check::accepted`'s job, and turns it into 情報.
    #[serde(rename = "accepted")]
    Clean,
    WithErrors,
    Rejected,
    /// Found in a folder but not named like a workbook: listed, not read.
    Ignored,
}

impl Status {
    /// The word report.json gives (its serde name) and the tables' `status` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Clean => "accepted",
            Status::WithErrors => "with_errors",
            Status::Rejected => "rejected",
            Status::Ignored => "ignored",
        }
    }
}

/// How a project's figures may be used in the council book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ProjectStatus {
    Ok,
    Warnings,
    Errors,
}

impl ProjectStatus {
    pub fn of(findings: &[Finding]) -> ProjectStatus {
        ProjectStatus::worst(findings.iter())
    }
    /// The worst of these findings.
    pub fn worst<'f>(findings: impl Iterator<Item = &'f Finding>) -> ProjectStatus {
        findings
            .map(|f| match f.severity {
                Severity::Error => ProjectStatus::Errors,
                Severity::Warning => ProjectStatus::Warnings,
                Severity::Info => ProjectStatus::Ok,
            })
            .max()
            .unwrap_or(ProjectStatus::Ok)
    }
    /// The stable word of exports (CSV, Parquet).
    pub fn as_str(self) -> &'static str {
        match self {
            ProjectStatus::Ok => "ok",
            ProjectStatus::Warnings => "warnings",
            ProjectStatus::Errors => "errors",
        }
    }
    /// The word of the council book: the same three as a file's (受理 / 警告あり / エラーあり).
    pub fn words(self) -> crate::i18n::Arg {
        match self {
            ProjectStatus::Ok => crate::i18n::Arg::words("受理", "accepted"),
            ProjectStatus::Warnings => crate::i18n::Arg::words("警告あり", "warnings"),
            ProjectStatus::Errors => crate::i18n::Arg::words("エラーあり", "errors"),
        }
    }
}

/// One project sheet, read and checked, for consolidation.
#[derive(Debug, Clone)]
pub struct Project {
    /// The worst finding of its own sheet (or export row) when it was checked: a figure from a
    /// project with errors is not presented as if it were right.
    pub status: ProjectStatus,
    pub file: String,
    pub sheet: String,
    pub sheet_index: usize,
    pub form_id: String,
    pub department: Option<String>,
    pub data: SheetRead,
    /// Where its long-table rows went when the run spills them (`consolidate::spill`).
    pub spilled: Option<Spilled>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileOutcome {
    pub path: String,
    pub status: Status,
    /// Code of the reason a file was rejected or ignored.
    pub reason: Option<String>,
    #[serde(skip)]
    pub reason_message: Option<Message>,
    pub format: Option<String>,
    pub form: Option<String>,
    pub department: Option<String>,
    pub sheets: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Each form sheet with the form and the spec file it was read with.
    pub read_with: Vec<SheetSpec>,
    #[serde(skip)]
    pub findings: Vec<Finding>,
    #[serde(skip)]
    pub projects: Vec<Project>,
    #[serde(skip)]
    pub abs_path: PathBuf,
    /// Set when its bytes were read (not for lock files, empty or oversized files).
    #[serde(skip)]
    pub content_id: Option<ContentId>,
}

/// Which spec a sheet was read with.
#[derive(Debug, Clone, Serialize)]
pub struct SheetSpec {
    pub sheet: String,
    pub form: String,
    pub spec: String,
    /// Fields the sheet lacks, taken from its context: key → value and source.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub fields_from_context: BTreeMap<String, FieldFromContext>,
}

/// A field's value that did not come from the sheet, and where it came from.
#[derive(Debug, Clone, Serialize)]
pub struct FieldFromContext {
    pub value: String,
    pub source: crate::form::FieldSource,
}

/// An input named on the command line or found in a folder, or handed over in memory.
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    pub display: String,
    /// Found in a folder but not named like a workbook.
    pub ignored: bool,
    /// The workbook's bytes when a caller holds them already (the Python package, Spark):
    /// read from here instead of `path`, through the same limits.
    pub content: Option<std::sync::Arc<[u8]>>,
}

impl Input {
    /// A file on disk.
    pub fn file(path: PathBuf, display: String, ignored: bool) -> Input {
        Input {
            path,
            display,
            ignored,
            content: None,
        }
    }
    /// A workbook in memory, known by `name` (its folders give the 課 as a file's would).
    pub fn in_memory(name: &str, bytes: std::sync::Arc<[u8]>) -> Input {
        Input {
            path: PathBuf::from(name),
            display: name.to_string(),
            ignored: false,
            content: Some(bytes),
        }
    }
}

/// What a file's bytes are, for finding the same file sent twice under two names: its size
/// and SHA-256, worked out from the bytes the reader was given (never a second read).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ContentId {
    pub size: u64,
    pub sha256: [u8; 32],
}

impl ContentId {
    pub fn of(bytes: &[u8]) -> ContentId {
        use sha2::Digest;
        ContentId {
            size: bytes.len() as u64,
            sha256: sha2::Sha256::digest(bytes).into(),
        }
    }
    pub fn hex(&self) -> String {
        self.sha256.iter().map(|b| format!("{b:02x}")).collect()
    }
}

pub const ROUND_STATE_DIR: &str = ".hyoka";

impl FileOutcome {
    /// A file taken, with nothing found in it yet.
    pub fn new(path: &str, abs_path: PathBuf) -> FileOutcome {
        FileOutcome {
            path: path.to_string(),
            status: Status::Clean,
            reason: None,
            reason_message: None,
            format: None,
            form: None,
            department: None,
            sheets: 0,
            errors: 0,
            warnings: 0,
            infos: 0,
            read_with: Vec::new(),
            findings: Vec::new(),
            projects: Vec::new(),
            abs_path,
            content_id: None,
        }
    }

    /// Sorts the findings and derives the counts and the status from them.
    pub fn sort_and_count(&mut self) {
        sort_findings(&mut self.findings);
        let count = |s: Severity| self.findings.iter().filter(|f| f.severity == s).count();
        (self.errors, self.warnings, self.infos) = (
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info),
        );
        // Settled again after accepted findings: a file whose errors were all accepted is
        // taken as it is.
        match (self.status, self.errors > 0) {
            (Status::Clean, true) => self.status = Status::WithErrors,
            (Status::WithErrors, false) => self.status = Status::Clean,
            _ => {}
        }
    }
}

/// Where one project's rows are in the spill file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spilled {
    pub(crate) offset: u64,
    pub(crate) len: u64,
    pub(crate) rows: u32,
}

/// Totals for the summary line and the report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub files: usize,
    /// Files received clean (受理); the report's word is `accepted`.
    #[serde(rename = "accepted")]
    pub clean: usize,
    pub with_errors: usize,
    pub rejected: usize,
    /// Of the rejected: read, but no sheet is a form (様式なし, not 読めず).
    pub no_form_sheet: usize,
    pub ignored: usize,
    pub projects: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}
