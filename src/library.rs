//! hyoka called from another program (the Python package in `python/`): the run the command
//! line makes, from the same arguments, answered as Arrow tables instead of files.
//!
//! Nothing here checks anything: the arguments are the command line's (parsed by its own
//! parser, so a year or a path is refused with the same message), the run is
//! `pipeline::run`, and the tables are `write::tables`.

use crate::cli::{Cli, Command, RunArgs};
use crate::i18n::Lang;
use crate::outcome::Input;
use crate::pipeline::{Order, RunOptions};
use arrow_array::RecordBatch;
use clap::Parser;
use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Arc;

/// The options of a run, as the command line names them.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--spec FILE`, repeatable.
    pub specs: Vec<PathBuf>,
    /// `--templates DIR`.
    pub templates: Option<PathBuf>,
    /// `--year`.
    pub year: Option<String>,
    /// `--departments FILE`.
    pub departments: Option<PathBuf>,
    /// `--config hyoka.toml`.
    pub config: Option<PathBuf>,
    /// `--jobs`: threads for this call; none for every core.
    pub jobs: Option<usize>,
    /// The `municipality` column of every table (`--municipality` of consolidate).
    pub municipality: Option<String>,
    /// Run the checks across files (off when Spark runs them over many calls' facts).
    pub across_files: bool,
    pub lang: Lang,
}

/// What to check: files and folders, or workbooks in memory with the names they go by.
pub enum Inputs {
    Paths(Vec<PathBuf>),
    Bytes(Vec<(String, Arc<[u8]>)>),
}

/// A run's tables.
pub struct Tables {
    pub findings: RecordBatch,
    pub observations: RecordBatch,
    pub files: RecordBatch,
    /// What the checks across files read, for joining the facts of many runs (Spark).
    pub facts: RecordBatch,
}

/// `hyoka validate`'s own arguments, from the command line's parser.
fn run_args(
    command: &str,
    paths: &[PathBuf],
    extra: &[OsString],
    o: &Options,
) -> anyhow::Result<Cli> {
    let mut argv: Vec<OsString> = vec!["hyoka".into(), command.into()];
    let mut opt = |k: &str, v: OsString| {
        argv.push(k.into());
        argv.push(v);
    };
    for s in &o.specs {
        opt("--spec", s.clone().into());
    }
    if let Some(t) = &o.templates {
        opt("--templates", t.clone().into());
    }
    if let Some(y) = &o.year {
        opt("--year", y.into());
    }
    if let Some(d) = &o.departments {
        opt("--departments", d.clone().into());
    }
    if let Some(c) = &o.config {
        opt("--config", c.clone().into());
    }
    if let Some(j) = o.jobs {
        opt("--jobs", j.to_string().into());
    }
    opt(
        "--lang",
        match o.lang {
            Lang::Ja => "ja".into(),
            Lang::En => "en".into(),
        },
    );
    argv.extend(extra.iter().cloned());
    // Paths after `--`: a file named like an option is still a file.
    argv.push("--".into());
    argv.extend(paths.iter().map(|p| p.clone().into_os_string()));
    Cli::try_parse_from(argv).map_err(|e| anyhow::anyhow!("{}", e.to_string().trim()))
}

/// validate's arguments; nothing is written, so `--out` is a placeholder, as is the input
/// of a run over workbooks in memory (dropped after parsing: no folder of it is looked at).
fn validate_args(paths: &[PathBuf], o: &Options) -> anyhow::Result<RunArgs> {
    let placeholder = [PathBuf::from(".")];
    let given = if paths.is_empty() {
        &placeholder[..]
    } else {
        paths
    };
    let out = ["--out".into(), ".".into()];
    match run_args("validate", given, &out, o)?.command {
        Command::Validate(mut a) => {
            a.inputs = paths.to_vec();
            Ok(a)
        }
        _ => unreachable!("parsed as validate"),
    }
}

/// What a run with these options holds (its forms, hyoka.toml, …), without inputs.
fn prepared(o: &Options) -> anyhow::Result<crate::cli::run::Prepared> {
    crate::cli::run::prepare(&validate_args(&[], o)?)
}

/// Checks the inputs as `hyoka validate` does and answers with the tables. An input that
/// cannot be read is a row of `files`, never an error; an error is a problem with the run
/// itself (a form spec, hyoka.toml, the year, a path that is not there), in `o.lang`.
pub fn validate(inputs: Inputs, o: &Options) -> anyhow::Result<Tables> {
    let paths = match &inputs {
        Inputs::Paths(p) => p.clone(),
        Inputs::Bytes(_) => Vec::new(),
    };
    let args = validate_args(&paths, o)?;
    let p = crate::cli::run::prepare(&args)?;
    let inputs = match inputs {
        Inputs::Paths(paths) => {
            crate::cli::run::inputs_exist(&paths, o.lang)?;
            crate::pipeline::collect_inputs(&paths, None)
        }
        Inputs::Bytes(items) => {
            let mut v: Vec<Input> = items
                .into_iter()
                .map(|(name, bytes)| {
                    let mut input =
                        Input::in_memory(&crate::normalise::visible_text(&name, false), bytes);
                    // As a file found in a folder: listed, not read, unless named like a workbook.
                    input.ignored = !crate::pipeline::named_like_workbook(&input.path);
                    input
                })
                .collect();
            // Sorted as files of a folder are, so the order and the checks across files
            // come out as a run over the same files on disk.
            v.sort_by(|a, b| a.display.cmp(&b.display));
            v
        }
    };
    let opts = RunOptions {
        forms: &p.forms,
        config: &p.config,
        limits: &p.limits,
        spill: None,
        trim: false,
        across_files: o.across_files,
    };
    let run = || crate::pipeline::run(&inputs, &opts, &p.accepted, Order::Parallel, &|_| {});
    let ran = match o.jobs {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()?
            .install(run),
        None => run(),
    };
    let municipality = o.municipality.as_deref();
    use crate::write::tables;
    let findings = tables::findings(
        ran.outcomes.iter().flat_map(|f| f.findings.iter()),
        municipality,
        o.lang,
    )?;
    let files = tables::files(&ran.outcomes, &p.forms, municipality, o.lang)?;
    let rows: Vec<crate::consolidate::LongRow> = crate::consolidate::projects(&ran.outcomes)
        .flat_map(|pr| crate::consolidate::project_long_rows(pr, &p.forms))
        .collect();
    let observations = tables::observations(rows.iter(), municipality)?;
    let facts = crate::check::cross_file::gather(&ran.outcomes, &p.forms);
    let facts = tables::facts(&facts, municipality)?;
    Ok(Tables {
        findings,
        observations,
        files,
        facts,
    })
}

/// The findings across files of a facts table (the facts of many `validate` calls, joined):
/// what `validate` adds across its files, for files checked apart.
pub fn findings_across(facts: &RecordBatch, o: &Options) -> anyhow::Result<RecordBatch> {
    let p = prepared(o)?;
    let read = crate::write::tables::facts_from(facts).map_err(|e| anyhow::anyhow!(e))?;
    let mut found = crate::check::cross_file::findings(&read, &p.forms);
    crate::finding::sort_findings(&mut found);
    // The municipality of the facts, when they are one's.
    let municipality = facts
        .column_by_name("municipality")
        .and_then(|c| {
            use arrow_array::cast::AsArray;
            c.as_string_opt::<i32>()
                .and_then(|a| a.iter().flatten().next().map(str::to_string))
        })
        .or_else(|| o.municipality.clone());
    Ok(crate::write::tables::findings(
        found.iter(),
        municipality.as_deref(),
        o.lang,
    )?)
}

/// `hyoka consolidate PATHS --out OUT`, with `extra` its further options as typed; the exit
/// code as the command line's.
pub fn consolidate(
    paths: &[PathBuf],
    out: &std::path::Path,
    extra: &[OsString],
    o: &Options,
) -> anyhow::Result<u8> {
    let mut more: Vec<OsString> = vec![
        "--out".into(),
        out.as_os_str().to_owned(),
        "--progress".into(),
        "never".into(),
    ];
    more.extend(extra.iter().cloned());
    if let Some(m) = &o.municipality {
        more.push("--municipality".into());
        more.push(m.into());
    }
    let cli = run_args("consolidate", paths, &more, o)?;
    let Command::Consolidate(a) = &cli.command else {
        unreachable!("parsed as consolidate")
    };
    crate::cli::run_consolidate(a)
}

/// The forms a run with these options reads with, as a table.
pub fn forms(o: &Options) -> anyhow::Result<RecordBatch> {
    Ok(crate::write::tables::forms(&prepared(o)?.forms, o.lang)?)
}

/// Every finding code, as `hyoka rules` lists them, as a table.
pub fn rules(o: &Options) -> anyhow::Result<RecordBatch> {
    Ok(crate::write::tables::rules(&prepared(o)?.forms, o.lang)?)
}
