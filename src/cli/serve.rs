//! `hyoka serve`: the round's settings, then the page (`crate::serve`); `hyoka hash-password`
//! for the office view's password.

use super::args::{HashPasswordArgs, ServeArgs};
use super::setup::parse_year;
use crate::check::CheckConfig;
use crate::i18n::Lang;
use crate::read::Limits;
use crate::serve::selfcheck::CheckSettings;
use crate::serve::ServeState;

pub fn run(args: &ServeArgs) -> anyhow::Result<u8> {
    let lang = args.common.lang;
    let (forms, settings) = super::setup::forms_and_settings(&args.common, args.config.as_deref())?;
    let file_config = settings.as_ref().map(|(c, _)| c);
    let config = CheckConfig {
        submission_year: file_config
            .and_then(|c| c.fiscal_year.as_deref())
            .map(|t| parse_year(t, lang))
            .transpose()?,
        departments: file_config.and_then(|c| c.department_list()),
    };
    let accepted = crate::check::accepted::load(settings.as_ref(), &[])?.unwrap_or_default();
    let mut state = ServeState::new(
        CheckSettings {
            forms,
            config,
            limits: Limits::default(),
            accepted,
        },
        std::env::temp_dir(),
        lang,
        args.max_checks,
    )
    .with_hosts(args.hosts.clone());
    if let Some(dir) = &args.round {
        let round = crate::serve::round::Round::open(dir.clone())
            .map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
        if crate::serve::links::Links::of_round(dir)
            .issued()?
            .is_empty()
        {
            eprintln!(
                "{}",
                match lang {
                    Lang::Ja => format!("hyoka serve: 提出用リンクがまだありません。hyoka round links --round {} で課ごとのリンクを発行し、各課に送ってください（それまではどの課も点検だけができます）", dir.display()),
                    Lang::En => format!("hyoka serve: no submission links yet: issue one per department with hyoka round links --round {} and send them (until then departments can only check)", dir.display()),
                }
            );
        }
        let hash = file_config
            .and_then(|c| c.serve.as_ref())
            .and_then(|s| s.office_password_hash.clone());
        if hash.is_none() {
            eprintln!(
                "{}",
                match lang {
                    Lang::Ja => "hyoka serve: hyoka.toml に [serve] office_password_hash がないため、事務局の画面（/office）は閉じています。hyoka hash-password で作れます",
                    Lang::En => "hyoka serve: the office view (/office) is closed: hyoka.toml has no [serve] office_password_hash (make one with hyoka hash-password)",
                }
            );
        }
        state = state.with_round(
            round,
            hash,
            consolidate_with(args.config.clone(), args.common.clone()),
        );
    }
    let tls = match (&args.tls_cert, &args.tls_key) {
        (Some(cert), Some(key)) => Some(crate::serve::Tls {
            cert: cert.clone(),
            key: key.clone(),
        }),
        _ => None,
    };
    crate::serve::run(
        args.addr,
        state,
        args.max_upload_mb.saturating_mul(1024 * 1024),
        tls,
    )?;
    Ok(super::args::EXIT_CLEAN)
}

/// The office's consolidate: the command line's own `consolidate`, with the server's
/// settings, the round as input and its output folder.
pub fn consolidate_with(
    config: Option<std::path::PathBuf>,
    common: super::args::CommonArgs,
) -> crate::serve::session::Consolidate {
    Box::new(move |round, out, on_file| {
        let mut argv: Vec<std::ffi::OsString> = vec![
            "hyoka".into(),
            "consolidate".into(),
            round.into(),
            "--out".into(),
            out.into(),
            "--progress".into(),
            "never".into(),
            "--lang".into(),
            match common.lang {
                Lang::Ja => "ja",
                Lang::En => "en",
            }
            .into(),
        ];
        if let Some(c) = &config {
            argv.extend(["--config".into(), c.into()]);
        }
        if let Some(t) = &common.templates {
            argv.extend(["--templates".into(), t.into()]);
        }
        for s in &common.specs {
            argv.extend(["--spec".into(), s.into()]);
        }
        let cli = <super::args::Cli as clap::Parser>::try_parse_from(argv)?;
        let super::args::Command::Consolidate(a) = cli.command else {
            anyhow::bail!("consolidate");
        };
        super::run::run_with(
            &a.run,
            Some(super::args::Consolidation {
                csv_encoding: a.csv_encoding,
                parquet: None,
                municipality: None,
            }),
            on_file,
        )
    })
}

/// Reads the password (one line) from standard input and prints the line for hyoka.toml.
pub fn hash_password(args: &HashPasswordArgs) -> anyhow::Result<u8> {
    let lang = args.common.lang;
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        eprintln!(
            "{}",
            match lang {
                Lang::Ja => "事務局画面のパスワードを入力して Enter を押してください:",
                Lang::En => "type the office view's password and press Enter:",
            }
        );
    }
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    let password = line.trim_end_matches(['\r', '\n']);
    if password.chars().count() < 8 {
        anyhow::bail!(match lang {
            Lang::Ja => "パスワードは 8 文字以上にしてください",
            Lang::En => "the password needs at least 8 characters",
        });
    }
    let hash = crate::serve::session::hash_password(password)?;
    // A blank line first: appended to hyoka.toml, the table stands apart from the one before.
    println!("\n[serve]\noffice_password_hash = \"{hash}\"");
    Ok(super::args::EXIT_CLEAN)
}

/// `hyoka round links` and `hyoka round revoke`.
pub fn round_links(args: &super::args::RoundArgs) -> anyhow::Result<u8> {
    use crate::serve::links::Links;
    match &args.command {
        super::args::RoundCommand::Links {
            round,
            url,
            config,
            departments,
            common,
        } => {
            let (_, settings) = super::setup::forms_and_settings(common, config.as_deref())?;
            let listed: Vec<String> = settings
                .as_ref()
                .and_then(|(c, _)| c.department_list())
                .map(|l| l.names)
                .unwrap_or_default();
            let wanted: Vec<String> = if departments.is_empty() {
                listed.clone()
            } else {
                departments
                    .iter()
                    .map(|d| crate::normalise::fold(d))
                    .collect()
            };
            if wanted.is_empty() {
                anyhow::bail!(match common.lang {
                    Lang::Ja => "課がありません: hyoka.toml の [departments] names に課を書くか、課を指定してください",
                    Lang::En => "no department: list them in hyoka.toml's [departments] names, or name them",
                });
            }
            for d in &wanted {
                if !listed.is_empty() && !listed.contains(d) {
                    anyhow::bail!(match common.lang {
                        Lang::Ja => format!("「{d}」は課の一覧にありません"),
                        Lang::En => format!("\"{d}\" is not in the department list"),
                    });
                }
                crate::serve::round::department_folder(d, None)
                    .map_err(|r| anyhow::anyhow!("{}", r.message(common.lang)))?;
            }
            std::fs::create_dir_all(round)
                .map_err(|e| anyhow::anyhow!("{}: {e}", round.display()))?;
            let links = Links::of_round(round);
            let base = if url.ends_with('/') {
                url.clone()
            } else {
                format!("{url}/")
            };
            for d in &wanted {
                let token = links.issue(d)?;
                println!("{d}\t{base}?k={token}");
            }
            Ok(super::args::EXIT_CLEAN)
        }
        super::args::RoundCommand::Revoke {
            round,
            departments,
            common,
        } => {
            let links = Links::of_round(round);
            for d in departments {
                let d = crate::normalise::fold(d);
                let done = links.revoke(&d)?;
                eprintln!(
                    "{}",
                    match (common.lang, done) {
                        (Lang::Ja, true) => format!("{d}: リンクを取り消しました"),
                        (Lang::Ja, false) => format!("{d}: リンクはありません"),
                        (Lang::En, true) => format!("{d}: link revoked"),
                        (Lang::En, false) => format!("{d}: no link"),
                    }
                );
            }
            Ok(super::args::EXIT_CLEAN)
        }
    }
}

/// The office view's consolidate, as `hyoka serve --round` runs it: `hyoka consolidate` on
/// the round with these settings.
pub fn round_consolidate(
    config: Option<std::path::PathBuf>,
    common: super::args::CommonArgs,
) -> crate::serve::session::Consolidate {
    consolidate_with(config, common)
}
