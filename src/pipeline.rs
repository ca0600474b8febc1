//! The run: find the input files, then read → extract → check each one in parallel. One bad
//! file never stops the batch: whatever happens to a file ends as its `FileOutcome`.

use crate::check::{check_sheet, CheckConfig, SheetReporter};
use crate::extract::{extract, find_title, FormSheet};
use crate::finding::{sort_findings, Finding, Severity};
use crate::i18n::{Lang, Msg};
use crate::read::{self, Limits};
use crate::spec::FormSpec;
use rayon::prelude::*;
use serde::Serialize;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Accepted,
    WithErrors,
    Rejected,
    /// Found in a folder but not named like a workbook: listed, not read.
    Ignored,
}

/// One project sheet, read and checked, for consolidation.
#[derive(Debug, Clone)]
pub struct Project {
    pub file: String,
    pub sheet: String,
    pub sheet_index: usize,
    pub form_id: String,
    pub department: Option<String>,
    pub data: FormSheet,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileOutcome {
    pub path: String,
    pub status: Status,
    /// Code of the reason a file was rejected or ignored.
    pub reason: Option<String>,
    pub reason_message: Option<String>,
    pub format: Option<String>,
    pub form: Option<String>,
    pub department: Option<String>,
    pub sheets: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    #[serde(skip)]
    pub findings: Vec<Finding>,
    #[serde(skip)]
    pub projects: Vec<Project>,
    #[serde(skip)]
    pub abs_path: PathBuf,
}

/// An input named on the command line or found in a folder.
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    pub display: String,
    /// Found in a folder but not named like a workbook.
    pub ignored: bool,
}

// Templates (xltx, xltm, xlt) are workbooks too: a department may send one by mistake.
const WORKBOOK_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods", "xltx", "xltm", "xlt"];

fn named_like_workbook(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| WORKBOOK_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Expands folders (recursively, sorted) into inputs. A path named on the command line is
/// always read; inside folders, files not named like workbooks are listed as ignored.
///
/// `skip` is a folder not to enter (the output folder, when it sits inside an input folder:
/// a second run must not read the first run's reports as submissions).
pub fn collect_inputs(args: &[PathBuf], skip: Option<&Path>) -> Vec<Input> {
    let skip = skip.and_then(|p| std::fs::canonicalize(p).ok());
    let mut out = Vec::new();
    for a in args {
        let is_dir = std::fs::metadata(a).map(|m| m.is_dir()).unwrap_or(false);
        if is_dir && !named_like_workbook(a) {
            walk(a, skip.as_deref(), &mut out);
        } else {
            out.push(Input {
                path: a.clone(),
                display: a.display().to_string(),
                ignored: false,
            });
        }
    }
    out.sort_by(|x, y| x.display.cmp(&y.display));
    out.dedup_by(|x, y| x.display == y.display);
    out
}

fn walk(dir: &Path, skip: Option<&Path>, out: &mut Vec<Input>) {
    if skip.is_some_and(|s| std::fs::canonicalize(dir).is_ok_and(|d| d == s)) {
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir) else {
        out.push(Input {
            path: dir.to_path_buf(),
            display: dir.display().to_string(),
            ignored: false,
        });
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let is_dir = std::fs::metadata(&p).map(|m| m.is_dir()).unwrap_or(false);
        let is_link = std::fs::symlink_metadata(&p)
            .map(|m| m.file_type().is_symlink())
            .unwrap_or(false);
        if is_dir && !named_like_workbook(&p) {
            // Links to folders are not followed: they could loop.
            if !is_link {
                walk(&p, skip, out);
            }
            continue;
        }
        out.push(Input {
            display: p.display().to_string(),
            ignored: !named_like_workbook(&p),
            path: p,
        });
    }
}

pub struct RunOptions<'a> {
    pub forms: &'a [FormSpec],
    pub config: &'a CheckConfig,
    pub limits: &'a Limits,
    pub lang: Lang,
}

/// Processes every input in parallel; `tick` is called once per finished file.
pub fn run_batch(
    inputs: &[Input],
    opts: &RunOptions,
    tick: &(dyn Fn(usize) + Sync),
) -> Vec<FileOutcome> {
    let done = AtomicUsize::new(0);
    inputs
        .par_iter()
        .map(|input| {
            let outcome = process_input(input, opts);
            tick(done.fetch_add(1, Ordering::Relaxed) + 1);
            outcome
        })
        .collect()
}

pub fn process_input(input: &Input, opts: &RunOptions) -> FileOutcome {
    let mut outcome = FileOutcome {
        path: input.display.clone(),
        status: Status::Accepted,
        reason: None,
        reason_message: None,
        format: None,
        form: None,
        department: None,
        sheets: 0,
        errors: 0,
        warnings: 0,
        infos: 0,
        findings: Vec::new(),
        projects: Vec::new(),
        abs_path: std::fs::canonicalize(&input.path).unwrap_or_else(|_| input.path.clone()),
    };
    if input.ignored {
        outcome.status = Status::Ignored;
        outcome.reason = Some("not-a-workbook-name".into());
        outcome.reason_message = Some(match opts.lang {
            Lang::Ja => "ブックの拡張子ではないため読んでいません".into(),
            Lang::En => "not named like a workbook; not read".into(),
        });
        return outcome;
    }
    // Our own code is guarded too: a bug on one file must not stop the batch.
    let result = catch_unwind(AssertUnwindSafe(|| check_file(input, opts)));
    match result {
        Ok(Ok((format, findings, projects, sheets))) => {
            outcome.format = Some(format.as_str().to_string());
            outcome.findings = findings;
            outcome.projects = projects;
            outcome.sheets = sheets;
        }
        Ok(Err(rejection)) => {
            outcome.reject(rejection.code(), rejection.message().render(opts.lang))
        }
        Err(payload) => {
            let detail = read::panic_text(&payload);
            outcome.reject(
                "reader-panic",
                Msg::ReaderPanic { detail }.render(opts.lang),
            );
        }
    }
    if outcome.status != Status::Rejected && outcome.projects.is_empty() {
        outcome.reject("no-form-sheet", Msg::NoFormSheet.render(opts.lang));
    }
    outcome.form = outcome.projects.first().map(|p| p.form_id.clone());
    outcome.department = outcome.projects.iter().find_map(|p| p.department.clone());
    outcome.settle();
    outcome
}

impl FileOutcome {
    /// Marks the file rejected, with its reason as a file-level error finding.
    fn reject(&mut self, code: &str, message: String) {
        self.status = Status::Rejected;
        self.reason = Some(code.to_string());
        self.reason_message = Some(message.clone());
        self.findings
            .push(Finding::new(Severity::Error, code, &self.path, message));
    }

    /// Sorts the findings and derives the counts and the status from them.
    pub fn settle(&mut self) {
        sort_findings(&mut self.findings);
        let count = |s: Severity| self.findings.iter().filter(|f| f.severity == s).count();
        (self.errors, self.warnings, self.infos) = (
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info),
        );
        if self.status == Status::Accepted && self.errors > 0 {
            self.status = Status::WithErrors;
        }
    }
}

/// Checks across files, after the batch: the same 事業番号 for the same year in two sheets
/// (a department sent two versions, or two departments used one number) is a warning on each.
pub fn cross_file_checks(outcomes: &mut [FileOutcome], forms: &[FormSpec], lang: Lang) {
    use std::collections::BTreeMap;
    let mut seen: BTreeMap<(String, String, i32), Vec<(usize, usize)>> = BTreeMap::new();
    for (fi, o) in outcomes.iter().enumerate() {
        for (pi, p) in o.projects.iter().enumerate() {
            let Some(spec) = forms.iter().find(|f| f.form.id == p.form_id) else {
                continue;
            };
            let Some(id) = p
                .data
                .field_text(&spec.form.project_id_field)
                .map(crate::check::fold_identifier)
            else {
                continue;
            };
            let year = p.data.eval_year(spec).map(|y| y.year.0).unwrap_or(0);
            seen.entry((p.form_id.clone(), id, year))
                .or_default()
                .push((fi, pi));
        }
    }
    let mut new = Vec::new();
    for ((form, id, year), places) in seen.into_iter().filter(|(_, v)| v.len() > 1) {
        let spec = forms
            .iter()
            .find(|f| f.form.id == form)
            .expect("form of a project");
        let describe = |&(fi, pi): &(usize, usize)| {
            format!(
                "{} / {}",
                outcomes[fi].projects[pi].file, outcomes[fi].projects[pi].sheet
            )
        };
        let all: Vec<String> = places.iter().map(describe).collect();
        for &(fi, pi) in &places {
            let here = describe(&(fi, pi));
            // A few places are named; the rest are counted (a copied id can repeat hundreds of times).
            let rest: Vec<&String> = all.iter().filter(|d| **d != here).collect();
            let mut others = rest
                .iter()
                .take(3)
                .map(|d| d.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            if rest.len() > 3 {
                others.push_str(&format!(" … +{}", rest.len() - 3));
            }
            let p = &outcomes[fi].projects[pi];
            let pos = p
                .data
                .fields
                .get(&spec.form.project_id_field)
                .map(|f| f.value_pos)
                .unwrap_or(p.data.title_pos);
            let msg = Msg::DuplicateProject {
                id: id.clone(),
                others,
            }
            .render(lang);
            let mut f = Finding::new(Severity::Warning, "duplicate-project", &p.file, msg);
            f.sheet = Some(p.sheet.clone());
            f.cell = Some(crate::finding::a1(pos.0, pos.1));
            f.position = Some(pos);
            f.sheet_index = p.sheet_index;
            f.field = Some(spec.form.project_id_field.clone());
            f.fiscal_year = (year != 0).then_some(year);
            f.actual = Some(id.clone());
            new.push((fi, f));
        }
    }
    // Only the files that gained a finding are sorted and counted again.
    let mut touched = std::collections::BTreeSet::new();
    for (fi, f) in new {
        outcomes[fi].findings.push(f);
        touched.insert(fi);
    }
    for fi in touched {
        outcomes[fi].settle();
    }
}

type Checked = (read::Format, Vec<Finding>, Vec<Project>, usize);

fn check_file(input: &Input, opts: &RunOptions) -> Result<Checked, read::Rejection> {
    let wb = read::read_path(&input.path, opts.limits)?;
    let mut findings = Vec::new();
    let mut projects = Vec::new();
    for (index, sheet) in wb.sheets.iter().enumerate() {
        let mut out = SheetReporter {
            file: &input.display,
            sheet: &sheet.name,
            sheet_index: index,
            lang: opts.lang,
            findings: Vec::new(),
        };
        if let Some(err) = &sheet.error {
            out.push(
                Severity::Error,
                "sheet-unreadable",
                (0, 0),
                Msg::SheetUnreadable {
                    detail: err.clone(),
                },
            );
            findings.extend(out.findings);
            continue;
        }
        let recognised = opts
            .forms
            .iter()
            .find_map(|spec| find_title(&sheet.grid, spec).map(|pos| (spec, pos)));
        let Some((spec, title_pos)) = recognised else {
            out.push(Severity::Info, "sheet-skipped", (0, 0), Msg::SheetSkipped);
            findings.extend(out.findings);
            continue;
        };
        if !sheet.visible {
            out.push(
                Severity::Warning,
                "hidden-sheet",
                title_pos,
                Msg::HiddenSheet,
            );
        }
        let data = extract(&sheet.grid, spec, title_pos);
        check_sheet(spec, &data, opts.config, &mut out);
        let department = data.field_text(&spec.form.department_field).map(|d| {
            let folded = crate::normalise::fold(d);
            opts.config
                .departments
                .as_ref()
                .and_then(|l| l.resolve(&folded))
                .unwrap_or(folded)
        });
        findings.extend(out.findings);
        projects.push(Project {
            file: input.display.clone(),
            sheet: sheet.name.clone(),
            sheet_index: index,
            form_id: spec.form.id.clone(),
            department,
            data,
        });
    }
    let n = projects.len();
    Ok((wb.format, findings, projects, n))
}

/// Totals for the summary line and the report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub files: usize,
    pub accepted: usize,
    pub with_errors: usize,
    pub rejected: usize,
    pub ignored: usize,
    pub projects: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

pub fn totals(outcomes: &[FileOutcome]) -> Totals {
    let mut t = Totals::default();
    for o in outcomes {
        t.files += 1;
        match o.status {
            Status::Accepted => t.accepted += 1,
            Status::WithErrors => t.with_errors += 1,
            Status::Rejected => t.rejected += 1,
            Status::Ignored => t.ignored += 1,
        }
        t.projects += o.projects.len();
        t.errors += o.errors;
        t.warnings += o.warnings;
        t.infos += o.infos;
    }
    t
}
