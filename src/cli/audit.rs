//! `hyoka audit`: last year's submission against this year's. Both are read and checked as
//! `validate` reads them; the outputs hold what the years say of each other.

use super::args::{AuditArgs, EXIT_CLEAN, EXIT_FINDINGS};
use super::run::{inputs_exist, usable_out_dir};
use crate::check::audit::{audit, AuditSettings};
use crate::check::CheckConfig;
use crate::finding::Severity;
use crate::i18n::Lang;
use crate::pipeline::{self, collect_inputs, Order, RunOptions};
use std::time::Instant;

pub fn run(a: &AuditArgs) -> anyhow::Result<u8> {
    let started = Instant::now();
    let lang = a.common.lang;
    let (forms, settings) = super::setup::forms_and_settings(&a.common, a.config.as_deref())?;
    let mut audit_settings = AuditSettings::default();
    let mut config = CheckConfig::default();
    if let Some((c, _)) = &settings {
        config.departments = c.department_list();
        if let Some(t) = c.tolerance {
            audit_settings.tolerance = t;
        }
        if let Some(au) = &c.audit {
            if let Some(r) = au.cost_jump_ratio {
                audit_settings.cost_jump_ratio = r;
            }
            audit_settings.renamed = au.renamed.clone();
            if let Some(w) = &au.ended_words {
                audit_settings.ended_words = w.clone();
            }
            if let Some(w) = &au.new_words {
                audit_settings.new_words = w.clone();
            }
        }
    }
    inputs_exist(&a.previous, lang)?;
    inputs_exist(&a.current, lang)?;
    usable_out_dir(&a.out, lang)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.jobs.unwrap_or(0))
        .build()?;
    let limits = a.limits.limits();
    let opts = RunOptions {
        forms: &forms,
        config: &config,
        limits: &limits,
        spill: None,
        trim: false,
        across_files: true,
    };
    // A year is its workbooks, or the unified workbook made of them.
    let read = |paths: &[std::path::PathBuf]| -> anyhow::Result<Vec<crate::outcome::FileOutcome>> {
        if let [one] = paths {
            if one.is_file() {
                if let Some(book) = crate::consolidate::reread::read_unified(one, &forms, &limits)?
                {
                    return Ok(book);
                }
            }
        }
        let inputs = collect_inputs(paths, Some(&a.out));
        // The office's acknowledgements apply to the audit's own findings, below.
        let ran = pool.install(|| pipeline::run(&inputs, &opts, &[], Order::Parallel, &|_| {}));
        Ok(ran.outcomes)
    };
    let previous = read(&a.previous)?;
    let current = read(&a.current)?;
    let (mut findings, matches) =
        pool.install(|| audit(&previous, &current, &forms, &audit_settings));
    // Accepted findings of the audit (a figure corrected on purpose) are 情報 here too.
    if let Some(list) = crate::check::accepted::load(settings.as_ref(), &[])? {
        let mut used = vec![false; list.len()];
        crate::check::accepted::accept(&mut findings, &list, &mut used, |_| None);
        for a in crate::check::accepted::stale(&list, &used) {
            eprintln!("{}", a.stale_line(lang));
        }
    }
    crate::finding::sort_findings(&mut findings);
    let year = crate::consolidate::most_common_year(&current, &forms);
    let mut inputs = a.current.clone();
    inputs.extend(a.previous.iter().cloned());
    let ctx = crate::write::print::RunContext {
        stamp: crate::write::print::Stamp::now(year),
        inputs,
        departments: config.departments.as_ref(),
        forms: &forms,
        lang,
        resend_by: None,
    };
    crate::write::audit::write_audit(&a.out, &previous, &current, &findings, &matches, &ctx)?;
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let (e, w, i) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let matched = matches
        .iter()
        .filter(|m| m.current.is_some() && m.previous.is_some())
        .count();
    eprintln!(
        "{}",
        match lang {
            Lang::Ja => format!(
                "前年度 {} ファイル・今年度 {} ファイル / 対応 {matched} 事業 / エラー {e}、警告 {w}、情報 {i} / 出力先 {} / 時間 {:.2}s",
                previous.len(),
                current.len(),
                a.out.display(),
                started.elapsed().as_secs_f64()
            ),
            Lang::En => format!(
                "last year {} files, this year {} files / {matched} projects matched / errors {e}, warnings {w}, info {i} / written to {} / time {:.2}s",
                previous.len(),
                current.len(),
                a.out.display(),
                started.elapsed().as_secs_f64()
            ),
        }
    );
    Ok(if e > 0 { EXIT_FINDINGS } else { EXIT_CLEAN })
}
