//! `hyoka validate` and `hyoka consolidate`.

use super::progress::Progress;
use super::{load_forms, parse_year, RunArgs, EXIT_CLEAN, EXIT_FINDINGS};
use crate::check::{CheckConfig, DepartmentList};
use crate::i18n::{Lang, Ui};
use crate::pipeline::{collect_inputs, run_batch, totals, RunOptions};
use crate::read::Limits;
use crate::write::csv::{write_csv_file, CsvEncoding};
use crate::write::{feedback::write_feedback, report::write_reports, unified::write_unified};
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
pub(super) fn inputs_exist(inputs: &[std::path::PathBuf], lang: Lang) -> anyhow::Result<()> {
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

pub fn run(args: &RunArgs, consolidate: Option<CsvEncoding>) -> anyhow::Result<u8> {
    let started = Instant::now();
    let lang = args.common.lang;
    let mut forms = load_forms(&args.common)?;
    let settings = crate::config::load(args.config.as_deref())?;
    let file_config = settings.as_ref().map(|(c, _)| c);
    if let Some(c) = file_config {
        c.apply_to_forms(&mut forms)?;
    }
    // The command line wins over hyoka.toml.
    let year_text = args
        .year
        .clone()
        .or_else(|| file_config.and_then(|c| c.fiscal_year.clone()));
    let submission_year = year_text.as_deref().map(parse_year).transpose()?;
    let departments = match &args.departments {
        Some(p) => Some(DepartmentList::parse(
            &std::fs::read_to_string(p).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?,
        )),
        None => file_config.and_then(|c| c.department_list()),
    };
    let accepted = crate::check::accepted::load(settings.as_ref())?;
    let config = CheckConfig {
        submission_year,
        departments,
    };
    let limits = Limits {
        max_file_bytes: args.max_file_mb.saturating_mul(1024 * 1024),
        max_cells: args.max_cells,
        max_sheet_area: args.max_sheet_area,
        max_string_chars: args.max_string_chars,
        max_zip_entries: args.max_zip_entries,
        max_uncompressed_bytes: args.max_uncompressed_mb.saturating_mul(1024 * 1024),
        max_compression_ratio: args.max_compression_ratio,
    };
    inputs_exist(&args.inputs, lang)?;
    usable_out_dir(&args.out, lang)?;
    let inputs = collect_inputs(&args.inputs, Some(&args.out));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()?;
    let progress = Progress::new(args.progress, inputs.len(), lang);
    let opts = RunOptions {
        forms: &forms,
        config: &config,
        limits: &limits,
    };
    let mut outcomes = pool.install(|| run_batch(&inputs, &opts, &|done| progress.tick(done)));
    crate::pipeline::cross_file_checks(&mut outcomes, &forms);
    let stale = match &accepted {
        Some(list) => crate::check::accepted::apply(&mut outcomes, &forms, list),
        None => Vec::new(),
    };
    progress.finish();
    for a in &stale {
        eprintln!("{}", a.stale_line(lang));
    }
    let t = totals(&outcomes);

    // The reports and the unified outputs do not depend on each other: written side by side.
    let reports = || -> anyhow::Result<()> {
        write_reports(&args.out, &outcomes, &t, &stale, lang)?;
        write_feedback(&args.out, &outcomes, &forms, lang)?;
        Ok(())
    };
    let unified = || -> anyhow::Result<()> {
        let Some(enc) = consolidate else {
            return Ok(());
        };
        let long = crate::consolidate::long_table(&outcomes, &forms);
        write_unified(
            &args.out.join("consolidated.xlsx"),
            &outcomes,
            &forms,
            &long,
            lang,
        )?;
        let missing = write_csv_file(&args.out.join("consolidated.csv"), &long, enc)?;
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
    r?;
    u?;
    eprintln!(
        "{}",
        summary_line(
            &t,
            &outcomes,
            &args.out,
            started.elapsed().as_secs_f64(),
            lang
        )
    );
    Ok(if t.errors > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// The closing line: files by what happened to them, findings by severity and the most
/// frequent codes, where the outputs went, and the time.
fn summary_line(
    t: &crate::pipeline::Totals,
    outcomes: &[crate::pipeline::FileOutcome],
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
        format!("{} {}", u(Ui::Accepted), t.accepted),
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
    let top: Vec<String> = top
        .iter()
        .take(3)
        .map(|(c, n)| format!("{c} {n}"))
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
