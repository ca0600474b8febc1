//! A round's storage: each submission put in place with its earlier version kept, the log of
//! who sent what, the reasons given for errors and the office's answers to them.

use super::names::{department_folder, stored_name};
use super::status::RoundView;
use crate::check::accepted::{self, Acceptance};
use crate::finding::Severity;
use crate::i18n::Lang;
use crate::outcome::{FileOutcome, Status, ROUND_STATE_DIR};
use crate::serve::clock::now;
use crate::serve::refusal::{not_the_links, Refusal};
use crate::serve::selfcheck::{check_uploads_as, CheckSettings, Upload};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A round folder and what the server keeps of it.
pub struct Round {
    pub dir: PathBuf,
    /// One submission is stored at a time: versions, the log and the accepted file agree.
    pub(super) store: Mutex<()>,
    /// The last status worked out, with the state of the files it was worked out from.
    pub(super) cached: Mutex<
        Option<(
            Vec<(String, u64, std::time::SystemTime)>,
            std::sync::Arc<RoundView>,
        )>,
    >,
}

/// A workbook put in place, and the version it replaced, kept.
struct StoredFile {
    target: PathBuf,
    kept: Option<PathBuf>,
}

impl StoredFile {
    pub(super) fn kept_in_round(&self, round: &Path) -> Option<String> {
        self.kept.as_ref().and_then(|k| {
            k.strip_prefix(round)
                .ok()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
        })
    }

    /// Puts back what was there before.
    pub(super) fn undo(&self) {
        let _ = match &self.kept {
            Some(k) => std::fs::rename(k, &self.target),
            None => std::fs::remove_file(&self.target),
        };
    }
}

/// What a department sends with 提出.
pub struct Submission {
    pub department: String,
    pub by: String,
    pub reason: String,
    pub file: Upload,
    /// The token of the 課's 提出 link the page was opened through, if any.
    pub key: Option<String>,
}

/// What 提出 did.
#[derive(Debug, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Submitted {
    Stored(Receipt),
    /// Refused: the message says why, in the page's language.
    Refused {
        message: String,
        needs_reason: bool,
    },
}

#[derive(Debug, Serialize)]
pub struct Receipt {
    /// `<課>/<file>` inside the round.
    pub stored: String,
    pub at: String,
    /// Where the version it replaced was kept, if there was one.
    pub kept: Option<String>,
    pub errors: usize,
    pub warnings: usize,
    /// Errors that went in with the reason, waiting for the office's approval.
    pub pending: usize,
    pub message: String,
}

/// One line of `submissions.jsonl`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LogEntry {
    pub department: String,
    pub file: String,
    pub by: String,
    pub at: String,
    pub bytes: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Errors accepted at once (rounds before approval existed); 0 now.
    #[serde(default)]
    pub accepted: usize,
    /// Errors whose reason waits for the office's approval.
    #[serde(default)]
    pub pending: usize,
    pub reason: Option<String>,
    pub kept: Option<String>,
}

/// The office's answer to a reason: approved (its errors become accepted findings), or
/// returned with a note the department reads on its page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Returned {
    pub file: String,
    pub note: String,
    pub at: String,
}

/// The entries of a file of reasons (accepted.toml's format), none when there is no text.
fn parse_reasons(text: Option<&str>, path: &Path) -> anyhow::Result<Vec<Acceptance>> {
    match text {
        Some(t) => accepted::parse(t, &path.display().to_string())
            .map_err(|e| anyhow::anyhow!(e.join("\n"))),
        None => Ok(Vec::new()),
    }
}

/// A file's text, or None when it is not there.
fn read_if_there(path: &Path) -> anyhow::Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => anyhow::bail!("{}: {e}", path.display()),
    }
}

impl Round {
    pub fn open(dir: PathBuf) -> std::io::Result<Round> {
        std::fs::create_dir_all(dir.join(ROUND_STATE_DIR))?;
        Ok(Round {
            dir,
            store: Mutex::new(()),
            cached: Mutex::new(None),
        })
    }

    pub(super) fn state(&self) -> PathBuf {
        self.dir.join(ROUND_STATE_DIR)
    }

    /// Where the office's consolidate writes.
    pub fn out_dir(&self) -> PathBuf {
        self.state().join("out")
    }

    /// Checks the submission as the page did, then stores it, unless it cannot be read, or
    /// has errors and no reason. Its errors go into the round's accepted file with the
    /// reason, who and when.
    pub fn submit(
        &self,
        s: Submission,
        settings: &CheckSettings,
        work: &Path,
        lang: Lang,
    ) -> anyhow::Result<Submitted> {
        let refused = |r: Refusal| {
            Ok(Submitted::Refused {
                message: r.message(lang),
                needs_reason: matches!(r, Refusal::NeedsReason(_)),
            })
        };
        let list = settings
            .config
            .departments
            .as_ref()
            .map(|d| d.names.clone());
        // Once the office issued links, the link says who submits: the page's choice does not.
        let links = crate::serve::links::Links::of_round(&self.dir);
        let linked = match s.key.as_deref().and_then(|k| links.department_of(k)) {
            Some(d) => Some(d),
            None => return refused(Refusal::NoLink),
        };
        let chosen = linked.as_deref().unwrap_or(&s.department);
        let dept = match department_folder(chosen, list.as_deref()) {
            Ok(d) => d,
            Err(r) => return refused(r),
        };
        let by: String = crate::normalise::visible_text(&s.by, false)
            .chars()
            .take(60)
            .collect();
        let by = by.trim().to_string();
        if by.is_empty() {
            return refused(Refusal::NoName);
        }
        let name = match stored_name(&s.file.name) {
            Ok(n) => n,
            Err(r) => return refused(r),
        };
        let inside = format!("{dept}/{name}");
        let (outcomes, _) =
            check_uploads_as(work, std::slice::from_ref(&s.file), settings, &inside)?;
        let o = &outcomes[0];
        if o.status == Status::Rejected {
            let why = o
                .reason_message
                .as_ref()
                .map(|m| m.render(lang))
                .unwrap_or_default();
            return refused(Refusal::Unreadable(why));
        }
        // A workbook of another listed 課 sent under this one is a slip, of the choice or of
        // the file; a name the list does not know is left to the department check.
        if let (Some(book), Some(list)) = (o.department.as_deref().map(str::trim), &list) {
            if book != dept && list.iter().any(|n| n == book) {
                return refused(Refusal::OtherDepartment {
                    chosen: dept,
                    book: book.to_string(),
                });
            }
        }
        if linked.is_some() {
            if let Some(r) = not_the_links(&dept, o.department.as_deref()) {
                return refused(r);
            }
        }
        // A reason is prose: line breaks kept, other control characters dropped, and long
        // enough for a paragraph.
        let reason: String = crate::normalise::visible_text(&s.reason, true)
            .chars()
            .take(2000)
            .collect();
        let reason = reason.trim().to_string();
        if o.errors > 0 && reason.is_empty() {
            return refused(Refusal::NeedsReason(o.errors));
        }

        let _one_at_a_time = self.store.lock().unwrap_or_else(|e| e.into_inner());
        let (at, stamp) = now();
        // What can fail on its own (the accepted file unreadable after a hand edit) is
        // settled before the workbook is replaced; a write that fails after it puts the
        // round back as it was.
        let reasons_path = accepted::round_file(&self.dir);
        let pending_path = self.pending_file();
        let before = read_if_there(&reasons_path)?;
        let before_pending = read_if_there(&pending_path)?;
        // The reasons approved for the file's earlier version do not hold for this one; its
        // own reasons wait for the office.
        let reasons = self
            .reasons_with(before.as_deref(), &reasons_path, o, &inside, None)?
            .0;
        let (pending, waiting) = self.reasons_with(
            before_pending.as_deref(),
            &pending_path,
            o,
            &inside,
            Some((&reason, &by, &at)),
        )?;
        let stored = self.store_file(&dept, &name, &s.file.path, &stamp)?;
        let kept = stored.kept_in_round(&self.dir);
        let entry = LogEntry {
            department: dept.clone(),
            file: name.clone(),
            by,
            at: at.clone(),
            bytes: std::fs::metadata(&stored.target)
                .map(|m| m.len() as usize)
                .unwrap_or(0),
            errors: o.errors,
            warnings: o.warnings,
            accepted: 0,
            pending: waiting,
            reason: (!reason.is_empty()).then_some(reason),
            kept: kept.clone(),
        };
        let write = |path: &Path, text: &str| {
            crate::write::write_atomic(path, text.as_bytes())
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
        };
        let recorded = write(&reasons_path, &reasons)
            .and_then(|_| write(&pending_path, &pending))
            .and_then(|_| self.log(&entry));
        if let Err(e) = recorded {
            stored.undo();
            for (path, was) in [(&reasons_path, &before), (&pending_path, &before_pending)] {
                let _ = match was {
                    Some(text) => crate::write::write_atomic(path, text.as_bytes()),
                    None => std::fs::remove_file(path),
                };
            }
            return Err(e);
        }
        // A new version answers the office's note on the old one.
        let _ = self.set_returned(&inside, None);
        let message = match lang {
            Lang::Ja => format!("{inside} を提出しました（{at}）"),
            Lang::En => format!("submitted {inside} ({at})"),
        };
        Ok(Submitted::Stored(Receipt {
            stored: inside,
            at,
            kept,
            errors: o.errors,
            warnings: o.warnings,
            pending: waiting,
            message,
        }))
    }

    /// Writes the file into its department's folder in one step (a temporary file renamed
    /// over it), after the version it replaces was kept under `versions/`.
    fn store_file(
        &self,
        dept: &str,
        name: &str,
        source: &Path,
        stamp: &str,
    ) -> anyhow::Result<StoredFile> {
        let folder = self.dir.join(dept);
        let target = folder.join(name);
        let tmp_dir = self.state().join("tmp");
        for d in [&folder, &tmp_dir] {
            std::fs::create_dir_all(d).map_err(|e| anyhow::anyhow!("{}: {e}", d.display()))?;
        }
        let tmp = tmp_dir.join(format!("{}-{stamp}.part", std::process::id()));
        std::fs::copy(source, &tmp)?;
        std::fs::File::open(&tmp)?.sync_all()?;
        let mut kept = None;
        if target.exists() {
            let versions = self.state().join("versions").join(dept);
            std::fs::create_dir_all(&versions)?;
            let mut n = 1;
            let mut keep = versions.join(format!("{stamp}_{name}"));
            while keep.exists() {
                n += 1;
                keep = versions.join(format!("{stamp}-{n}_{name}"));
            }
            // A link keeps the old version with no moment where the department has no file;
            // a copy where links are not possible.
            if std::fs::hard_link(&target, &keep).is_err() {
                std::fs::copy(&target, &keep)?;
            }
            kept = Some(keep);
        }
        if let Err(e) = std::fs::rename(&tmp, &target) {
            let _ = std::fs::remove_file(&tmp);
            if let Some(k) = &kept {
                let _ = std::fs::remove_file(k);
            }
            anyhow::bail!("{}: {e}", target.display());
        }
        Ok(StoredFile { target, kept })
    }

    /// A file of reasons (accepted or pending) with the entries of this file's earlier version
    /// replaced by `new` (one per error, at its sheet and cell), or only removed; and how many.
    pub(super) fn reasons_with(
        &self,
        before: Option<&str>,
        path: &Path,
        o: &FileOutcome,
        inside: &str,
        new: Option<(&str, &str, &str)>,
    ) -> anyhow::Result<(String, usize)> {
        let mut list = parse_reasons(before, path)?;
        list.retain(|a| a.file.as_deref() != Some(inside));
        let mut added = 0;
        if let Some((reason, by, at)) = new {
            for f in o.findings.iter().filter(|f| f.severity == Severity::Error) {
                list.push(Acceptance {
                    code: f.code.clone(),
                    file: Some(inside.to_string()),
                    project: None,
                    sheet: f.sheet.clone(),
                    cell: f.cell.clone(),
                    reason: reason.to_string(),
                    by: by.to_string(),
                    date: at.to_string(),
                    line: 0,
                });
                added += 1;
            }
        }
        Ok((accepted::to_toml(&list), added))
    }

    /// Where the reasons waiting for the office are kept (accepted.toml's format).
    pub fn pending_file(&self) -> PathBuf {
        self.state().join("pending.toml")
    }

    /// The reasons waiting for the office.
    pub fn pending(&self) -> anyhow::Result<Vec<Acceptance>> {
        let path = self.pending_file();
        parse_reasons(read_if_there(&path)?.as_deref(), &path)
    }

    pub(super) fn returned_file(&self) -> PathBuf {
        self.state().join("returned.json")
    }

    /// The reasons the office returned, with its notes.
    pub fn returned(&self) -> Vec<Returned> {
        std::fs::read_to_string(self.returned_file())
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    pub(super) fn set_returned(&self, inside: &str, note: Option<Returned>) -> anyhow::Result<()> {
        let mut all = self.returned();
        if note.is_none() && !all.iter().any(|r| r.file == inside) {
            return Ok(());
        }
        all.retain(|r| r.file != inside);
        all.extend(note);
        let path = self.returned_file();
        crate::write::write_atomic(&path, serde_json::to_string_pretty(&all)?.as_bytes())
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
    }

    /// The office approves a file's waiting reasons: they become its accepted findings.
    /// How many.
    pub fn approve(&self, inside: &str) -> anyhow::Result<usize> {
        let _one_at_a_time = self.store.lock().unwrap_or_else(|e| e.into_inner());
        let accepted_path = accepted::round_file(&self.dir);
        let mut accepted =
            parse_reasons(read_if_there(&accepted_path)?.as_deref(), &accepted_path)?;
        let (moving, staying): (Vec<_>, Vec<_>) = self
            .pending()?
            .into_iter()
            .partition(|a| a.file.as_deref() == Some(inside));
        let n = moving.len();
        if n == 0 {
            return Ok(0);
        }
        accepted.retain(|a| a.file.as_deref() != Some(inside));
        accepted.extend(moving);
        crate::write::write_atomic(&accepted_path, accepted::to_toml(&accepted).as_bytes())?;
        crate::write::write_atomic(&self.pending_file(), accepted::to_toml(&staying).as_bytes())?;
        self.set_returned(inside, None)?;
        Ok(n)
    }

    /// The office returns a file's waiting reasons with a note: its errors stay errors, and
    /// the department reads the note on its page. How many reasons were returned.
    pub fn give_back(&self, inside: &str, note: &str) -> anyhow::Result<usize> {
        let _one_at_a_time = self.store.lock().unwrap_or_else(|e| e.into_inner());
        let mut pending = self.pending()?;
        let before = pending.len();
        pending.retain(|a| a.file.as_deref() != Some(inside));
        let n = before - pending.len();
        if n == 0 {
            return Ok(0);
        }
        crate::write::write_atomic(&self.pending_file(), accepted::to_toml(&pending).as_bytes())?;
        let note: String = crate::normalise::visible_text(note, true)
            .chars()
            .take(2000)
            .collect();
        self.set_returned(
            inside,
            Some(Returned {
                file: inside.to_string(),
                note: note.trim().to_string(),
                at: now().0,
            }),
        )?;
        Ok(n)
    }

    pub(super) fn log(&self, entry: &LogEntry) -> anyhow::Result<()> {
        use std::io::Write;
        let path = self.state().join("submissions.jsonl");
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let mut line = serde_json::to_vec(entry)?;
        line.push(b'\n');
        // One write per line: an append of a line is not interleaved with another.
        f.write_all(&line)?;
        f.sync_data()?;
        Ok(())
    }

    /// Every submission so far, oldest first.
    pub fn submissions(&self) -> Vec<LogEntry> {
        let path = self.state().join("submissions.jsonl");
        std::fs::read_to_string(path)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::round::names::fits_windows;

    #[test]
    pub(super) fn the_english_refusal_counts_one_error_as_one() {
        let one = Refusal::NeedsReason(1).message(Lang::En);
        assert!(one.contains("has 1 error:"), "{one}");
        let two = Refusal::NeedsReason(2).message(Lang::En);
        assert!(two.contains("has 2 errors:"), "{two}");
    }

    #[test]
    pub(super) fn names_stay_inside_the_round_on_every_system() {
        assert!(department_folder("職員課", None).is_ok());
        for bad in [
            "../職員課",
            "a/b",
            "a\\b",
            ".hyoka",
            "CON",
            "nul",
            "com1",
            "Lpt9.txt",
            "財政課.",
            "x.xlsx",
            "a:b",
        ] {
            assert!(department_folder(bad, None).is_err(), "{bad}");
        }
        // Spaces around a name are not part of it.
        assert_eq!(department_folder(" 財政課 ", None).unwrap(), "財政課");
        let list = vec!["職員課".to_string()];
        assert_eq!(
            department_folder("総務課", Some(&list)),
            Err(Refusal::UnknownDepartment("総務課".into()))
        );
        assert_eq!(stored_name("..\\..\\押印.xlsx").unwrap(), "押印.xlsx");
        assert_eq!(stored_name("a?b.xlsm").unwrap(), "a_b.xlsm");
        assert_eq!(stored_name(".hidden.xlsx").unwrap(), "hidden.xlsx");
        assert!(matches!(
            stored_name("CON.xlsx"),
            Err(Refusal::BadFileName(_))
        ));
        assert!(matches!(
            stored_name("notes.txt"),
            Err(Refusal::NotAWorkbook(_))
        ));
        assert!(matches!(
            stored_name(".xlsx"),
            Err(Refusal::NotAWorkbook(_))
        ));
        // COM10 and CONSOLE are ordinary names.
        assert!(fits_windows("COM10.xlsx") && fits_windows("CONSOLE.xlsx"));
    }
}
