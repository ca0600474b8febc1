//! The command line: every command's arguments (`args`), what each loads first (`setup`),
//! and one module per command. `main` parses once, in the language asked for, and hands the
//! command to its module.

mod args;
mod audit;
pub mod help;
mod progress;
mod rules;
pub(crate) mod run;
pub(crate) mod serve;
mod setup;
mod spec;
mod template;

pub use args::*;
pub use serve::round_consolidate;
pub use setup::{load_forms, parse_year, spec_files};

use crate::i18n::Lang;
use std::process::ExitCode;

pub fn main() -> ExitCode {
    use clap::FromArgMatches;
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = help::requested_lang(&args);
    let parsed = help::command(lang)
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                EXIT_FATAL
            } else {
                EXIT_CLEAN
            };
            match (lang, help::error_ja(&e)) {
                (Lang::Ja, Some(text)) => eprintln!("{text}"),
                _ => {
                    let _ = e.print();
                }
            }
            return ExitCode::from(code);
        }
    };
    // Panics are caught per file and reported as findings; the default hook would also
    // print them over the progress bar.
    std::panic::set_hook(Box::new(|_| {}));
    let result = match &cli.command {
        Command::Template(a) => template::run(a),
        Command::Validate(a) => run::run(a, None),
        Command::Consolidate(a) => run_consolidate(a),
        Command::Spec(a) => spec::run(a),
        Command::Rules(a) => rules::run(a),
        Command::Audit(a) => audit::run(a),
        Command::Init(a) => init(a),
        Command::Serve(a) => serve::run(a),
        Command::HashPassword(a) => serve::hash_password(a),
        Command::Round(a) => serve::round_links(a),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::from(EXIT_CLEAN);
            }
            eprintln!("hyoka: {e:#}");
            ExitCode::from(EXIT_FATAL)
        }
    }
}

/// `hyoka consolidate`.
pub fn run_consolidate(a: &ConsolidateArgs) -> anyhow::Result<u8> {
    run::run(
        &a.run,
        Some(Consolidation {
            csv_encoding: a.csv_encoding,
            parquet: a
                .parquet_dir
                .clone()
                .or_else(|| a.parquet.then(|| a.run.out.join("parquet"))),
            municipality: a.municipality.clone(),
        }),
    )
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// `hyoka init`: writes the commented example config; an existing file is never replaced.
fn init(a: &InitArgs) -> anyhow::Result<u8> {
    let lang = a.common.lang;
    if a.out.exists() {
        anyhow::bail!(match lang {
            Lang::Ja => format!("{} はすでにあります。上書きしません", a.out.display()),
            Lang::En => format!("{} already exists; it is left as it is", a.out.display()),
        });
    }
    crate::write::write_atomic(&a.out, crate::config::EXAMPLE.as_bytes())
        .map_err(|e| anyhow::anyhow!("{}: {e}", a.out.display()))?;
    println!(
        "{}",
        match lang {
            Lang::Ja => format!("設定ファイルの雛形を書き出しました: {}", a.out.display()),
            Lang::En => format!("wrote an example config: {}", a.out.display()),
        }
    );
    Ok(EXIT_CLEAN)
}
