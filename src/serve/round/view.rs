//! A round's status, worked out from its files as a run checks them (with every accepted
//! finding applied), cached until a file changes.

use super::status::{DepartmentStatus, DepartmentView, FileView, RoundView};
use super::store::{LogEntry, Round};
use crate::check::accepted::{self, Acceptance};
use crate::outcome::{FileOutcome, Status};
use crate::serve::selfcheck::CheckSettings;
use std::path::Path;

impl Round {
    /// The round's files as they are now: each with its size and time, to tell whether the
    /// status worked out last is still right.
    fn fingerprint(
        &self,
        inputs: &[crate::outcome::Input],
    ) -> Vec<(String, u64, std::time::SystemTime)> {
        let reasons = accepted::round_file(&self.dir);
        let (pending, returned) = (self.pending_file(), self.returned_file());
        inputs
            .iter()
            .map(|i| &i.path)
            .chain([&reasons, &pending, &returned])
            .map(|p| {
                let m = std::fs::metadata(&p).ok();
                (
                    p.display().to_string(),
                    m.as_ref().map(|m| m.len()).unwrap_or(0),
                    m.and_then(|m| m.modified().ok())
                        .unwrap_or(std::time::UNIX_EPOCH),
                )
            })
            .collect()
    }

    /// Every department of the list (and every other folder of the round) with its status,
    /// worked out by checking the round as `consolidate` would: its files together, with
    /// hyoka.toml's and the round's accepted findings.
    pub fn view(&self, settings: &CheckSettings) -> anyhow::Result<std::sync::Arc<RoundView>> {
        let inputs = self.inputs();
        let print = self.fingerprint(&inputs);
        if let Some((p, v)) = &*self.cached.lock().unwrap_or_else(|e| e.into_inner()) {
            if *p == print {
                return Ok(v.clone());
            }
        }
        let outcomes = self.check_inputs(&inputs, settings)?;
        let view = std::sync::Arc::new(self.view_of(&inputs, &outcomes, settings));
        *self.cached.lock().unwrap_or_else(|e| e.into_inner()) = Some((print, view.clone()));
        Ok(view)
    }

    /// The round's files, as a run over the round finds them.
    fn inputs(&self) -> Vec<crate::outcome::Input> {
        crate::pipeline::collect_inputs(&[self.dir.clone()], None)
    }

    /// The round's files, checked together with every accepted finding applied (hyoka.toml's
    /// and the round's).
    pub fn check(
        &self,
        settings: &CheckSettings,
    ) -> anyhow::Result<(Vec<crate::outcome::Input>, Vec<FileOutcome>)> {
        let inputs = self.inputs();
        let outcomes = self.check_inputs(&inputs, settings)?;
        Ok((inputs, outcomes))
    }

    fn check_inputs(
        &self,
        inputs: &[crate::outcome::Input],
        settings: &CheckSettings,
    ) -> anyhow::Result<Vec<FileOutcome>> {
        let opts = crate::pipeline::RunOptions {
            forms: &settings.forms,
            config: &settings.config,
            limits: &settings.limits,
            spill: None,
            trim: true,
            across_files: true,
        };
        let mut list = settings.accepted.clone();
        if let Some(round) = accepted::load(None, &[self.dir.clone()])? {
            list.extend(round);
        }
        let order = crate::pipeline::Order::Parallel;
        Ok(crate::pipeline::run(inputs, &opts, &list, order, &|_| {}).outcomes)
    }

    /// The department a file of the round belongs to: its folder under the round.
    pub fn department_of(&self, path: &Path) -> Option<String> {
        let rel = path.strip_prefix(&self.dir).ok()?;
        let mut parts = rel.components();
        let first = parts.next()?.as_os_str().to_string_lossy().to_string();
        parts.next().map(|_| first)
    }

    fn view_of(
        &self,
        inputs: &[crate::outcome::Input],
        outcomes: &[FileOutcome],
        settings: &CheckSettings,
    ) -> RoundView {
        let listed: Vec<String> = settings
            .config
            .departments
            .as_ref()
            .map(|d| d.names.clone())
            .unwrap_or_default();
        let log = self.submissions();
        let pending = self.pending().unwrap_or_default();
        let returned = self.returned();
        let mut departments: Vec<DepartmentView> = listed
            .iter()
            .map(|n| DepartmentView::nothing_yet(n, true))
            .collect();
        for (input, o) in inputs.iter().zip(outcomes) {
            if o.status == Status::Ignored {
                continue;
            }
            // A file outside any department's folder is shown under an empty name.
            let dept = self.department_of(&input.path).unwrap_or_default();
            let name = input
                .path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let sent: Vec<&LogEntry> = log
                .iter()
                .filter(|e| e.department == dept && e.file == name)
                .collect();
            let accepted = o.findings.iter().filter(|f| f.accepted.is_some()).count();
            let mut reasons: Vec<String> = Vec::new();
            for r in o.findings.iter().filter_map(|f| f.accepted.clone()) {
                if !reasons.contains(&r) {
                    reasons.push(r);
                }
            }
            let inside = format!("{dept}/{name}");
            let waiting: Vec<&Acceptance> = pending
                .iter()
                .filter(|a| a.file.as_deref() == Some(inside.as_str()))
                .collect();
            let mut pending_reasons: Vec<String> = Vec::new();
            for a in &waiting {
                let r = format!("{}（{}、{}）", a.reason, a.by, a.date);
                if !pending_reasons.contains(&r) {
                    pending_reasons.push(r);
                }
            }
            let file = FileView {
                inside: inside.clone(),
                pending: pending_reasons,
                pending_errors: waiting.len(),
                returned: returned
                    .iter()
                    .find(|r| r.file == inside)
                    .map(|r| r.note.clone()),
                readable: o.status != Status::Rejected,
                errors: o.errors,
                warnings: o.warnings,
                accepted,
                at: sent.last().map(|e| e.at.clone()),
                by: sent.last().map(|e| e.by.clone()),
                versions: sent.len().max(1),
                reasons,
                name,
            };
            let i = match departments.iter().position(|d| d.name == dept) {
                Some(i) => i,
                None => {
                    departments.push(DepartmentView::nothing_yet(&dept, false));
                    departments.len() - 1
                }
            };
            let d = &mut departments[i];
            d.errors += file.errors;
            d.warnings += file.warnings;
            d.accepted += file.accepted;
            if file.at > d.last {
                d.last = file.at.clone();
                d.by = file.by.clone();
            }
            d.files.push(file);
        }
        for d in &mut departments {
            // Errors all covered by reasons the office has not answered yet: 承認待ち.
            let waiting: usize = d.files.iter().map(|f| f.pending_errors).sum();
            d.status = match (d.files.is_empty(), d.errors > 0) {
                (true, _) => DepartmentStatus::Missing,
                (false, true) if waiting >= d.errors => DepartmentStatus::Pending,
                (false, true) => DepartmentStatus::Errors,
                (false, false) => DepartmentStatus::Submitted,
            };
        }
        let count = |s| departments.iter().filter(|d| d.status == s).count();
        RoundView {
            missing: count(DepartmentStatus::Missing),
            with_errors: count(DepartmentStatus::Errors),
            pending: count(DepartmentStatus::Pending),
            submitted: count(DepartmentStatus::Submitted),
            departments,
        }
    }
}
