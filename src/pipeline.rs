//! The run: find the input files, then `run` them: read → extract → check each one (in
//! parallel), the checks across files, the office's acknowledgements, the totals. Every caller
//! (validate, consolidate, audit, the page, the round) goes through `run`. One bad file never
//! stops the batch: whatever happens to a file ends as its `FileOutcome` (`outcome.rs`).

use crate::check::{check_sheet, files, sheets, CheckConfig, Code, SheetReporter};
use crate::extract::{extract, find_title, SheetRead};
use crate::finding::Finding;
use crate::form::FormSpec;
use crate::i18n::Message;
pub use crate::outcome::{
    FieldFromContext, FileOutcome, Input, Project, ProjectStatus, SheetSpec, Status, Totals,
    ROUND_STATE_DIR,
};
use crate::read::{self, Limits};
use rayon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

// Templates (xltx, xltm, xlt) are workbooks too: a department may send one by mistake.
const WORKBOOK_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods", "xltx", "xltm", "xlt"];

pub fn named_like_workbook(p: &Path) -> bool {
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
            out.push(Input::file(a.clone(), a.display().to_string(), false));
        }
    }
    out.sort_by(|x, y| x.display.cmp(&y.display));
    out.dedup_by(|x, y| x.display == y.display);
    out
}

/// The folder a submission round keeps hyoka's own files in (earlier versions, who sent
/// what, the reasons given for errors, the office's outputs): never read as submissions.
fn walk(dir: &Path, skip: Option<&Path>, out: &mut Vec<Input>) {
    if skip.is_some_and(|s| std::fs::canonicalize(dir).is_ok_and(|d| d == s)) {
        return;
    }
    if dir.file_name().is_some_and(|n| n == ROUND_STATE_DIR) {
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir) else {
        out.push(Input::file(
            dir.to_path_buf(),
            dir.display().to_string(),
            false,
        ));
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
        let ignored = !named_like_workbook(&p);
        out.push(Input::file(p.clone(), p.display().to_string(), ignored));
    }
}

pub struct RunOptions<'a> {
    pub forms: &'a [FormSpec],
    pub config: &'a CheckConfig,
    pub limits: &'a Limits,
    /// Set by consolidate: each project's long-table rows leave memory as its file finishes.
    pub spill: Option<&'a crate::consolidate::spill::Spill>,
    /// Without a spill: keep of each project only the observations the checks across files
    /// read (validate; audit and the library keep everything).
    pub trim: bool,
    /// Run the checks across files. Off where the files of one run are checked in parts on
    /// many machines (Spark): the parts' facts are joined and checked afterwards.
    pub across_files: bool,
}

/// How the files of a run are read: side by side on the current rayon pool (a batch), or
/// one after another (a request of the page, which already holds a check slot of its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Parallel,
    OneAfterAnother,
}

/// What a run made of its inputs: each file's outcome, the acknowledgements that matched
/// nothing, and the totals.
pub struct Ran {
    pub outcomes: Vec<FileOutcome>,
    pub stale: Vec<crate::check::accepted::Acceptance>,
    pub totals: Totals,
}

/// The run, the same for every caller (validate, consolidate, each year of the audit, the
/// page's check, the round's status): every file read and checked, then the checks across
/// files, then the office's acknowledgements (`accepted`, empty for none), then the totals.
/// `tick` is called once per finished file.
pub fn run(
    inputs: &[Input],
    opts: &RunOptions,
    accepted: &[crate::check::accepted::Acceptance],
    order: Order,
    tick: &(dyn Fn(usize) + Sync),
) -> Ran {
    let mut outcomes = match order {
        Order::Parallel => run_batch(inputs, opts, tick),
        Order::OneAfterAnother => inputs
            .iter()
            .enumerate()
            .map(|(i, input)| {
                let outcome = process_input(input, opts);
                tick(i + 1);
                outcome
            })
            .collect(),
    };
    if opts.across_files {
        crate::check::cross_file::check(&mut outcomes, opts.forms);
    }
    name_fields(&mut outcomes, opts.forms);
    let stale = crate::check::accepted::apply(&mut outcomes, opts.forms, accepted);
    let totals = totals(&outcomes);
    Ran {
        outcomes,
        stale,
        totals,
    }
}

/// Processes every input in parallel; `tick` is called once per finished file.
fn run_batch(
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
    let mut outcome = FileOutcome::new(
        &input.display,
        std::fs::canonicalize(&input.path).unwrap_or_else(|_| input.path.clone()),
    );
    if input.ignored {
        outcome.status = Status::Ignored;
        outcome.reason = Some(files::NOT_A_WORKBOOK_NAME.id.into());
        outcome.reason_message = Some(Message::new(&files::NOT_A_WORKBOOK_NAME.message));
        return outcome;
    }
    // Our own code is guarded too: a bug on one file must not stop the batch.
    let result = catch_unwind(AssertUnwindSafe(|| {
        check_file(input, opts, &mut outcome.content_id)
    }));
    match result {
        Ok(Ok(checked)) => {
            outcome.format = Some(checked.format.as_str().to_string());
            outcome.sheets = checked.projects.len();
            outcome.findings = checked.findings;
            outcome.projects = checked.projects;
        }
        Ok(Err(rejection)) => {
            let (code, message) = files::rejection(&rejection);
            reject(&mut outcome, code, message)
        }
        Err(_) => {
            let m = Message::new(&files::READER_PANIC.message);
            reject(&mut outcome, &files::READER_PANIC, m);
        }
    }
    let empty_export = outcome
        .findings
        .iter()
        .any(|f| f.code == sheets::EXPORT_WITHOUT_ROWS.id);
    if outcome.status != Status::Rejected && outcome.projects.is_empty() && !empty_export {
        let m = Message::new(&sheets::NO_FORM_SHEET.message);
        reject(&mut outcome, &sheets::NO_FORM_SHEET, m);
    }
    outcome.read_with = outcome
        .projects
        .iter()
        .map(|p| SheetSpec {
            sheet: p.sheet.clone(),
            form: p.form_id.clone(),
            spec: p.data.spec_file.clone(),
            fields_from_context: p
                .data
                .fields
                .iter()
                .filter(|(_, v)| v.present && v.source != crate::form::FieldSource::Sheet)
                .map(|(k, v)| {
                    let from = FieldFromContext {
                        value: v.raw.clone(),
                        source: v.source,
                    };
                    (k.clone(), from)
                })
                .collect(),
        })
        .collect();
    outcome.form = outcome.projects.first().map(|p| p.form_id.clone());
    // A file with no 課 cell of its own (a lock file, a form without the field) counts under
    // the 課 its folder or its name's prefix gives, so its feedback goes to that 課.
    outcome.department = outcome
        .projects
        .iter()
        .find_map(|p| p.department.clone())
        .or_else(|| {
            let c = sheet_context(&input.path, opts.config);
            c.round_folder.or(c.file_name)
        });
    outcome.sort_and_count();
    if let Some(spill) = opts.spill {
        for p in &mut outcome.projects {
            crate::consolidate::spill::spill_project(spill, p, opts.forms);
        }
    } else if opts.trim {
        for p in &mut outcome.projects {
            crate::consolidate::spill::trim_project(p, opts.forms);
        }
    }
    outcome
}

/// Gives every finding with a key the label its form prints for it, once all rules have run.
fn name_fields(outcomes: &mut [FileOutcome], forms: &[FormSpec]) {
    for o in outcomes {
        for f in o.findings.iter_mut().filter(|f| f.field_label.is_none()) {
            let Some(key) = &f.field else { continue };
            let form = o
                .read_with
                .iter()
                .find(|s| Some(&s.sheet) == f.sheet.as_ref())
                .map(|s| s.form.as_str())
                .or(o.form.as_deref());
            if let Some(spec) = forms.iter().find(|s| Some(s.form.id.as_str()) == form) {
                f.field_label = crate::check::label_of_key(spec, key);
            }
        }
    }
}

/// A workbook read and checked: its format, its findings and its projects in sheet order.
struct CheckedFile {
    format: read::Format,
    findings: Vec<Finding>,
    projects: Vec<Project>,
}

/// `content_id` is set as soon as the bytes are in hand, so a file refused later still counts
/// for the same file sent twice.
fn check_file(
    input: &Input,
    opts: &RunOptions,
    content_id: &mut Option<crate::outcome::ContentId>,
) -> Result<CheckedFile, read::Rejection> {
    // The bytes are dropped once parsed: the sheets are checked from the grids alone.
    let wb = match &input.content {
        Some(bytes) => {
            read::admit_bytes(&input.display, bytes, opts.limits)?;
            *content_id = Some(crate::outcome::ContentId::of(bytes));
            read::read_bytes(bytes, opts.limits)?
        }
        None => {
            let bytes = read::file_bytes(&input.path, opts.limits)?;
            *content_id = Some(crate::outcome::ContentId::of(&bytes));
            read::read_bytes(&bytes, opts.limits)?
        }
    };
    // Sheets are checked in parallel too (a workbook of hundreds of 事業 sheets is common),
    // and their findings and projects kept in sheet order.
    let per_sheet: Vec<(Vec<Finding>, Vec<Project>)> = wb
        .sheets
        .par_iter()
        .enumerate()
        .map(|(index, sheet)| check_sheet_of(input, opts, index, sheet))
        .collect();
    let mut findings = Vec::new();
    let mut projects = Vec::new();
    for (f, p) in per_sheet {
        findings.extend(f);
        projects.extend(p);
    }
    Ok(CheckedFile {
        format: wb.format,
        findings,
        projects,
    })
}

/// One sheet: recognised as a form (or skipped, saying so), read and checked.
fn check_sheet_of(
    input: &Input,
    opts: &RunOptions,
    index: usize,
    sheet: &read::Sheet,
) -> (Vec<Finding>, Vec<Project>) {
    let mut findings = Vec::new();
    let mut projects = Vec::new();
    let mut out = SheetReporter {
        file: &input.display,
        sheet: &sheet.name,
        sheet_index: index,
        spec: None,
        findings: Vec::new(),
    };
    if let Some(err) = &sheet.error {
        let m = Message::new(&sheets::SHEET_UNREADABLE.message).arg("detail", err.clone());
        out.push(&sheets::SHEET_UNREADABLE, (0, 0), m);
        findings.extend(out.findings);
        return (findings, projects);
    }
    // Titles first, for every form; label sets only for a sheet no title names.
    let recognised = opts
        .forms
        .iter()
        .find_map(|spec| find_title(&sheet.grid, spec).map(|pos| (spec, pos)))
        .or_else(|| {
            opts.forms
                .iter()
                .find_map(|spec| crate::extract::detected(&sheet.grid, spec).map(|pos| (spec, pos)))
        });
    let Some((spec, title_pos)) = recognised else {
        // The 記入要領 a template carries is part of the form, not a sheet to report.
        let own_guide = opts.forms.iter().any(|f| {
            sheet.name == f.template.guide_name
                && sheet.grid.text(0, 0).as_deref() == Some(f.template.guide_name.as_str())
        });
        if own_guide {
            return (findings, projects);
        }
        let m = Message::new(&sheets::SHEET_SKIPPED.message);
        out.push(&sheets::SHEET_SKIPPED, (0, 0), m);
        findings.extend(out.findings);
        return (findings, projects);
    };
    out.spec = Some(spec);
    if !sheet.visible {
        let m = Message::new(&sheets::HIDDEN_SHEET.message);
        out.push(&sheets::HIDDEN_SHEET, title_pos, m);
    }
    // An export's every data row is a project; a form's sheet is one.
    let context = sheet_context(&input.path, opts.config);
    let reads = match spec.form.kind {
        crate::form::FormKind::Export => {
            crate::extract::extract_export(&sheet.grid, spec, &context)
        }
        crate::form::FormKind::Sheet => vec![extract(&sheet.grid, spec, title_pos, &context)],
    };
    if reads.is_empty() {
        let form = crate::i18n::Arg::words(&spec.form.name, &spec.form.name_en);
        let m = Message::new(&sheets::EXPORT_WITHOUT_ROWS.message).arg("form", form);
        out.push(&sheets::EXPORT_WITHOUT_ROWS, title_pos, m);
    }
    // The rows of a large export are checked in parallel, and kept in their order.
    let checked: Vec<(SheetRead, Vec<Finding>)> = reads
        .into_par_iter()
        .map(|data| {
            let mut own = SheetReporter {
                file: &input.display,
                sheet: &sheet.name,
                sheet_index: index,
                spec: Some(spec),
                findings: Vec::new(),
            };
            check_sheet(spec, &data, opts.config, &mut own);
            (data, own.findings)
        })
        .collect();
    // Each row's status is its own, before a cause shared by a whole column of an export is
    // reported once.
    let statuses: Vec<ProjectStatus> = checked.iter().map(|(_, f)| ProjectStatus::of(f)).collect();
    let mut checked = checked;
    if spec.form.kind == crate::form::FormKind::Export {
        crate::check::sheets::one_per_column(&mut checked);
    }
    for ((data, found), status) in checked.into_iter().zip(statuses) {
        out.findings.extend(found);
        // The department a sheet counts under: its (first) 課, by its current name.
        let department = data.field_text(&spec.form.department_field).map(|d| {
            let folded = crate::normalise::fold(d);
            match &opts.config.departments {
                Some(l) => {
                    let first = l.names_in(&folded).into_iter().next().unwrap_or(folded);
                    l.resolve(&first).unwrap_or(first)
                }
                None => folded,
            }
        });
        projects.push(Project {
            status,
            file: input.display.clone(),
            sheet: sheet.name.clone(),
            sheet_index: index,
            form_id: spec.form.id.clone(),
            department,
            data,
            spilled: None,
        });
    }
    findings.extend(out.findings);
    (findings, projects)
}

/// What the file's place says about the role fields a sheet may lack: the 課 its folder
/// (`<round>/<課>/…`) and its name's prefix (`職員課_….xlsx`) name, and the run's year. A name
/// counts only when the department list knows it, or, without a list, when it ends like a 課
/// (so a folder called `samples` names none).
pub fn sheet_context(path: &Path, config: &CheckConfig) -> crate::extract::SheetContext {
    let department = |name: &str| -> Option<String> {
        let folded = crate::normalise::fold(name);
        let n = folded.trim();
        if n.is_empty() {
            return None;
        }
        match &config.departments {
            Some(list) => list.resolve(n),
            None => crate::check::ends_like_a_department(n).then(|| n.to_string()),
        }
    };
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .trim_start_matches("~$");
    let file_name = stem
        .split_once(['_', '＿'])
        .and_then(|(prefix, _)| department(prefix));
    let round_folder = path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .and_then(department);
    crate::extract::SheetContext {
        round_folder,
        file_name,
        submission_year: config.submission_year,
    }
}

/// Marks the file rejected, with its reason as a file-level error finding.
fn reject(outcome: &mut FileOutcome, code: &'static Code, message: Message) {
    outcome.status = Status::Rejected;
    outcome.reason = Some(code.id.to_string());
    outcome.reason_message = Some(message.clone());
    outcome
        .findings
        .push(Finding::new(code.severity, code.id, &outcome.path, message));
}

/// Totals for the summary line and the report.
pub fn totals(outcomes: &[FileOutcome]) -> Totals {
    let mut t = Totals::default();
    for o in outcomes {
        t.files += 1;
        match o.status {
            Status::Clean => t.clean += 1,
            Status::WithErrors => t.with_errors += 1,
            Status::Rejected => t.rejected += 1,
            Status::Ignored => t.ignored += 1,
        }
        if o.reason.as_deref() == Some(sheets::NO_FORM_SHEET.id) {
            t.no_form_sheet += 1;
        }
        t.projects += o.projects.len();
        t.errors += o.errors;
        t.warnings += o.warnings;
        t.infos += o.infos;
    }
    t
}
