//! `hyoka validate` and `hyoka consolidate`.

use super::args::{Consolidation, RunArgs, EXIT_CLEAN, EXIT_FINDINGS};
use super::progress::Progress;
use super::setup::parse_year;
use crate::check::{CheckConfig, DepartmentList};
use crate::i18n::{Lang, Ui};
use crate::pipeline::{collect_inputs, Order, Ran, RunOptions};
use crate::write::csv::LongCsv;
use crate::write::parquet::LongParquet;
use crate::write::print::{RunContext, Stamp};
use crate::write::unified::UnifiedBook;
use crate::write::{feedback::write_feedback, report_book::write_reports, AtomicFile};
use std::time::Instant;

static CP932_MISSING: crate::i18n::Text = crate::i18n::Text {
    ja: "consolidated.csv: cp932 で表せない文字を 〓 に置き換えました（{chars}）。すべての文字を残すには --csv-encoding utf8 を使ってください",
    en: "consolidated.csv: characters cp932 cannot hold were written as 〓 ({chars}); use --csv-encoding utf8 to keep every character",
};

static NO_SUCH_INPUT: crate::i18n::Text = crate::i18n::Text {
    ja: "{path}: ファイルまたはフォルダがありません",
    en: "{path}: no such file or folder",
};
static OUT_DIR_UNUSABLE: crate::i18n::Text = crate::i18n::Text {
    ja: "出力フォルダ「{path}」に書き込めません（{reason}）。--out に書き込めるフォルダを指定してください",
    en: "cannot write to the output folder \"{path}\" ({reason}); give --out a folder you can write to",
};

/// Every input named on the command line is there: a typo stops the run before any reading.
pub(crate) fn inputs_exist(inputs: &[std::path::PathBuf], lang: Lang) -> anyhow::Result<()> {
    for input in inputs {
        if std::fs::symlink_metadata(input).is_err() {
            anyhow::bail!(crate::i18n::Message::new(&NO_SUCH_INPUT)
                .arg("path", input.display().to_string())
                .render(lang));
        }
    }
    Ok(())
}

/// The output folder exists (it is made if need be) and takes a file, checked before any
/// input is read: a run does not end in an OS error after minutes of work.
pub(super) fn usable_out_dir(out: &std::path::Path, lang: crate::i18n::Lang) -> anyhow::Result<()> {
    let probe = out.join(format!(".hyoka-probe.{}", std::process::id()));
    let result = std::fs::create_dir_all(out)
        .and_then(|_| std::fs::write(&probe, b""))
        .and_then(|_| std::fs::remove_file(&probe));
    let Err(e) = result else {
        return Ok(());
    };
    use std::io::ErrorKind as K;
    let words = match e.kind() {
        K::PermissionDenied => Some(("書き込む権限がありません", "permission denied")),
        K::NotADirectory | K::AlreadyExists => Some((
            "同じ名前のファイルがあり、フォルダではありません",
            "a file of that name is in the way; it is not a folder",
        )),
        K::NotFound => Some(("フォルダを作れません", "the folder cannot be made")),
        K::StorageFull => Some(("ディスクがいっぱいです", "the disk is full")),
        _ => None,
    };
    let reason = match words {
        Some((ja, en)) => crate::i18n::Arg::words(ja, en),
        None => crate::i18n::Arg::Text(e.to_string()),
    };
    anyhow::bail!(crate::i18n::Message::new(&OUT_DIR_UNUSABLE)
        .arg("path", out.display().to_string())
        .arg("reason", reason)
        .render(lang))
}

static NOT_ANNOTATED: crate::i18n::Text = crate::i18n::Text {
    ja: "{file}: 注記付きの写しは xlsx と xlsm だけです。フィードバックのブックをご覧ください",
    en: "{file}: only xlsx and xlsm get an annotated copy; see the feedback workbook",
};
static NOT_ANNOTATED_REFUSED: crate::i18n::Text = crate::i18n::Text {
    ja: "{file}: 注記付きの写しは作りません: {why}",
    en: "{file}: no annotated copy is made: {why}",
};
static PARQUET_WRITTEN: crate::i18n::Text = crate::i18n::Text {
    ja: "Parquet: {rows} 行を {files} ファイルに書きました（{dir}）",
    en: "Parquet: {rows} rows in {files} files ({dir})",
};

pub fn run(args: &RunArgs, consolidate: Option<Consolidation>) -> anyhow::Result<u8> {
    run_with(args, consolidate, &|_, _| {})
}

/// As `run`, calling `on_file` with (files done, files in all) as files finish (the page's
/// consolidate follows a run with it).
pub fn run_with(
    args: &RunArgs,
    consolidate: Option<Consolidation>,
    on_file: &(dyn Fn(usize, usize) + Sync),
) -> anyhow::Result<u8> {
    let started = Instant::now();
    let lang = args.common.lang;
    let Prepared {
        forms,
        settings,
        config,
        accepted,
        limits,
    } = prepare(args)?;
    let file_config = settings.as_ref().map(|(c, _)| c);
    inputs_exist(&args.inputs, lang)?;
    usable_out_dir(&args.out, lang)?;
    let inputs = collect_inputs(&args.inputs, Some(&args.out));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()?;
    let progress = Progress::new(args.progress, inputs.len(), lang);
    // consolidate spills each project's long-table rows as its file finishes.
    let spill = match consolidate {
        Some(_) => Some(
            crate::consolidate::spill::Spill::create(&args.out)
                .map_err(|e| anyhow::anyhow!("{}: {e}", args.out.display()))?,
        ),
        None => None,
    };
    let opts = RunOptions {
        forms: &forms,
        config: &config,
        limits: &limits,
        spill: spill.as_ref(),
        // validate's outputs read no observation after the checks across files.
        trim: true,
        across_files: true,
    };
    let total = inputs.len();
    on_file(0, total);
    let ran = pool.install(|| {
        crate::pipeline::run(&inputs, &opts, &accepted, Order::Parallel, &|done| {
            progress.tick(done);
            on_file(done, total);
        })
    });
    progress.finish();
    for a in &ran.stale {
        eprintln!("{}", a.stale_line(lang));
    }
    let Ran {
        outcomes,
        stale,
        totals: t,
    } = ran;
    // The year the books print: the run's, else the one most sheets give.
    let year = config
        .submission_year
        .or_else(|| crate::consolidate::most_common_year(&outcomes, &forms));
    let ctx = RunContext {
        stamp: Stamp::now(year),
        inputs: args.inputs.clone(),
        departments: config.departments.as_ref(),
        forms: &forms,
        lang,
        resend_by: file_config.and_then(|c| c.resend_by.clone()),
    };

    // The reports and the unified outputs do not depend on each other: written side by side.
    let reports = || -> anyhow::Result<usize> {
        let (r, f) = rayon::join(
            || write_reports(&args.out, &outcomes, &t, &stale, &ctx),
            || write_feedback(&args.out, &outcomes, &ctx),
        );
        r?;
        Ok(f?.len())
    };
    let unified = || -> anyhow::Result<()> {
        let Some(c) = &consolidate else {
            return Ok(());
        };
        // One pass over the long table feeds the book, the CSV and the Parquet parts, a
        // project at a time: the table is never whole in memory.
        let book_path = args.out.join("consolidated.xlsx");
        let csv_path = args.out.join("consolidated.csv");
        let at = |p: &std::path::Path| {
            let p = p.display().to_string();
            move |e: std::io::Error| anyhow::anyhow!("{p}: {e}")
        };
        let mut book = UnifiedBook::start(&outcomes, &ctx, &book_path)?;
        let mut csv_file = AtomicFile::create(&csv_path).map_err(at(&csv_path))?;
        let mut csv = LongCsv::new(
            csv_file.writer(),
            c.csv_encoding,
            crate::write::Labels::new(&forms, lang),
        )
        .map_err(at(&csv_path))?;
        let municipality = c
            .municipality
            .clone()
            .or_else(|| file_config.and_then(|f| f.municipality.clone()));
        let mut parquet = c
            .parquet
            .as_ref()
            .map(|dir| LongParquet::new(dir, municipality.as_deref()));
        let spill_path = args.out.clone();
        for project in crate::consolidate::projects(&outcomes) {
            let rows = crate::consolidate::spill::long_rows_of(project, &forms, spill.as_ref())
                .map_err(at(&spill_path))?;
            for row in &rows {
                book.push(row)?;
                csv.push(row).map_err(at(&csv_path))?;
                if let Some(p) = &mut parquet {
                    p.push(row)?;
                }
            }
        }
        if let Some(notice) = book.finish(&book_path)?.notice(lang) {
            eprintln!("{notice}");
        }
        let (_, missing) = csv.finish().map_err(at(&csv_path))?;
        csv_file.commit().map_err(at(&csv_path))?;
        if let Some(p) = parquet {
            let written = p.finish()?;
            eprintln!(
                "{}",
                crate::i18n::Message::new(&PARQUET_WRITTEN)
                    .arg("rows", crate::i18n::Arg::Number(written.rows as f64))
                    .arg(
                        "files",
                        crate::i18n::Arg::Number(written.files.len() as f64)
                    )
                    .arg("dir", written.municipality_dir.display().to_string())
                    .render(lang)
            );
        }
        if !missing.is_empty() {
            let chars: String = missing.iter().take(10).collect();
            eprintln!(
                "{}",
                crate::i18n::Message::new(&CP932_MISSING)
                    .arg("chars", chars)
                    .render(lang)
            );
        }
        Ok(())
    };
    let (r, u) = pool.install(|| rayon::join(reports, unified));
    let feedback_count = r?;
    u?;
    if let Some(dir) = &args.annotate {
        use crate::write::annotated::{annotate_all, Annotated};
        for (file, done) in annotate_all(dir, &outcomes, lang, &limits)? {
            match done {
                Annotated::NotXlsx => eprintln!(
                    "{}",
                    crate::i18n::Message::new(&NOT_ANNOTATED)
                        .arg("file", file)
                        .render(lang)
                ),
                Annotated::RefusedByLimits(r) => {
                    let (_, why) = crate::check::files::rejection(&r);
                    eprintln!(
                        "{}",
                        crate::i18n::Message::new(&NOT_ANNOTATED_REFUSED)
                            .arg("file", file)
                            .arg("why", crate::i18n::Arg::Message(Box::new(why)))
                            .render(lang)
                    )
                }
                _ => {}
            }
        }
    }
    eprintln!(
        "{}",
        summary_line(
            &t,
            &outcomes,
            &forms,
            &args.out,
            started.elapsed().as_secs_f64(),
            lang
        )
    );
    eprintln!(
        "{}",
        closing_lines(
            &args.out,
            feedback_count,
            consolidate.is_some(),
            args.annotate.as_deref(),
            t.errors,
            lang
        )
    );
    Ok(if t.errors > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// What a run holds before it reads a file: the forms, hyoka.toml, the checks' settings
/// (year, 課 list), the office's acknowledgements and the reader's limits.
pub(crate) struct Prepared {
    pub forms: Vec<crate::form::FormSpec>,
    pub settings: Option<(crate::config::Config, std::path::PathBuf)>,
    pub config: CheckConfig,
    pub accepted: Vec<crate::check::accepted::Acceptance>,
    pub limits: crate::read::Limits,
}

/// Loads what a run of these arguments holds (the command line wins over hyoka.toml); the
/// Python package prepares its runs here too.
pub(crate) fn prepare(args: &RunArgs) -> anyhow::Result<Prepared> {
    let lang = args.common.lang;
    let (forms, settings) = super::setup::forms_and_settings(&args.common, args.config.as_deref())?;
    let file_config = settings.as_ref().map(|(c, _)| c);
    let year_text = args
        .year
        .clone()
        .or_else(|| file_config.and_then(|c| c.fiscal_year.clone()));
    let submission_year = year_text
        .as_deref()
        .map(|t| parse_year(t, lang))
        .transpose()?;
    let departments = match &args.departments {
        Some(p) => Some(DepartmentList::parse(
            &std::fs::read_to_string(p).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?,
        )),
        None => file_config.and_then(|c| c.department_list()),
    };
    let accepted = crate::check::accepted::load(settings.as_ref(), &args.inputs)?;
    Ok(Prepared {
        forms,
        config: CheckConfig {
            submission_year,
            departments,
        },
        accepted: accepted.unwrap_or_default(),
        limits: args.limits.limits(),
        settings,
    })
}

/// What was written, and what the office does next with it.
fn closing_lines(
    out: &std::path::Path,
    feedback: usize,
    consolidated: bool,
    annotated: Option<&std::path::Path>,
    errors: usize,
    lang: Lang,
) -> String {
    let at = |name: &str| out.join(name).display().to_string();
    let mut written = vec![
        match lang {
            Lang::Ja => format!("{}（概要・指摘・ファイル）", at("report.xlsx")),
            Lang::En => format!("{} (overview, findings, files)", at("report.xlsx")),
        },
        at("report.json"),
        match lang {
            Lang::Ja => format!("{}（{feedback} 課分）", at("feedback")),
            Lang::En => format!("{} ({feedback} departments)", at("feedback")),
        },
    ];
    if consolidated {
        written.push(match lang {
            Lang::Ja => format!(
                "{}（部課別集計・事業一覧・提出状況・明細）",
                at("consolidated.xlsx")
            ),
            Lang::En => format!(
                "{} (by department, projects, submissions, observations)",
                at("consolidated.xlsx")
            ),
        });
        written.push(at("consolidated.csv"));
    }
    if let Some(dir) = annotated {
        written.push(dir.display().to_string());
    }
    let next = match (lang, errors > 0) {
        (Lang::Ja, true) => "次に: report.xlsx の「概要」で課ごとの状況を確かめ、feedback/ の各課のブックを課に送ってください（エラーのある課には直して再提出するよう、表紙に書いてあります）。",
        (Lang::Ja, false) => "次に: エラーはありません。report.xlsx の「概要」で未提出の課がないか確かめてください。",
        (Lang::En, true) => "Next: check each department's state on report.xlsx's overview, and send each department its workbook from feedback/ (its cover asks those with errors to correct and resend).",
        (Lang::En, false) => "Next: there are no errors; check report.xlsx's overview for departments that have not sent.",
    };
    let head = match lang {
        Lang::Ja => "書き出したもの:",
        Lang::En => "written:",
    };
    format!("{head}\n  {}\n{next}", written.join("\n  "))
}

/// The closing line: files by what happened to them, findings by severity and the most
/// frequent codes, where the outputs went, and the time.
fn summary_line(
    t: &crate::outcome::Totals,
    outcomes: &[crate::outcome::FileOutcome],
    forms: &[crate::form::FormSpec],
    out_dir: &std::path::Path,
    secs: f64,
    lang: Lang,
) -> String {
    let u = |k: Ui| k.text(lang);
    let (sep, open, close) = match lang {
        Lang::Ja => ("、", "（", "）"),
        Lang::En => (", ", " (", ")"),
    };
    let (no_form, unreadable) = match lang {
        Lang::Ja => ("様式なし", "読めず"),
        Lang::En => ("no form sheet", "unreadable"),
    };
    let mut files = vec![
        format!("{} {}", u(Ui::Clean), t.clean),
        format!("{} {}", u(Ui::WithErrors), t.with_errors),
    ];
    if t.no_form_sheet > 0 {
        files.push(format!("{no_form} {}", t.no_form_sheet));
    }
    files.push(format!("{unreadable} {}", t.rejected - t.no_form_sheet));
    if t.ignored > 0 {
        files.push(match lang {
            Lang::Ja => format!("対象外 {}", t.ignored),
            Lang::En => format!("ignored {}", t.ignored),
        });
    }
    // The three codes found most (errors and warnings), most first, then by code.
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for f in outcomes.iter().flat_map(|o| &o.findings) {
        if f.severity != crate::finding::Severity::Info {
            *counts.entry(f.code.as_str()).or_default() += 1;
        }
    }
    let mut top: Vec<(&str, usize)> = counts.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    // Each by what it means (a code a person would have to look up is no summary).
    let top: Vec<String> = top
        .iter()
        .take(3)
        .map(|(c, n)| {
            let words = crate::check::registry::explain(c, forms, lang);
            let words = if words.is_empty() {
                c.to_string()
            } else {
                words
            };
            format!("{words} {n}")
        })
        .collect();
    let most = match (top.is_empty(), lang) {
        (true, _) => String::new(),
        (false, Lang::Ja) => format!(" / 多い指摘: {}", top.join(sep)),
        (false, Lang::En) => format!(" / most found: {}", top.join(sep)),
    };
    let written = match lang {
        Lang::Ja => format!("出力先 {}", out_dir.display()),
        Lang::En => format!("written to {}", out_dir.display()),
    };
    format!(
        "{} {}{open}{}{close} / {} {}{sep}{} {}{sep}{} {}{most} / {written} / {} {:.2}s",
        u(Ui::Files),
        t.files,
        files.join(sep),
        u(Ui::Errors),
        t.errors,
        u(Ui::Warnings),
        t.warnings,
        u(Ui::Infos),
        t.infos,
        u(Ui::Time),
        secs
    )
}
