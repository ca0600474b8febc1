//! What the office view shows of a round: each department with its status and files.

use serde::Serialize;

/// The status the office view shows for each department.
#[derive(Debug, Clone, Serialize)]
pub struct RoundView {
    pub departments: Vec<DepartmentView>,
    pub missing: usize,
    pub with_errors: usize,
    pub pending: usize,
    pub submitted: usize,
}

/// Where a department stands in the round; the page reads the lowercase word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DepartmentStatus {
    /// 未提出: nothing received.
    Missing,
    /// 承認待ち: every error has a reason that waits for the office.
    Pending,
    /// エラーあり.
    Errors,
    /// 提出済.
    Submitted,
}

#[derive(Debug, Clone, Serialize)]
pub struct DepartmentView {
    pub name: String,
    pub status: DepartmentStatus,
    /// In the department list of hyoka.toml (a folder of another name is shown too).
    pub listed: bool,
    pub files: Vec<FileView>,
    pub errors: usize,
    pub warnings: usize,
    pub accepted: usize,
    pub last: Option<String>,
    pub by: Option<String>,
}

impl DepartmentView {
    pub(super) fn nothing_yet(name: &str, listed: bool) -> DepartmentView {
        DepartmentView {
            name: name.to_string(),
            status: DepartmentStatus::Missing,
            listed,
            files: Vec::new(),
            errors: 0,
            warnings: 0,
            accepted: 0,
            last: None,
            by: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FileView {
    pub name: String,
    pub readable: bool,
    pub errors: usize,
    pub warnings: usize,
    pub accepted: usize,
    pub at: Option<String>,
    pub by: Option<String>,
    pub versions: usize,
    /// The reasons its accepted findings carry (with who and when), each once.
    pub reasons: Vec<String>,
    /// `<課>/<file>` inside the round, as approvals name it.
    pub inside: String,
    /// Reasons waiting for the office's approval, each once, and how many errors they cover.
    pub pending: Vec<String>,
    pub pending_errors: usize,
    /// The office's note when it returned the file's reason.
    pub returned: Option<String>,
}
