//! The command line in the user's language: help and argument errors in Japanese by default,
//! in English with `--lang en` or an English locale (`LANG=en_US.UTF-8`). The arguments are
//! declared once (the derive in `cli/mod.rs`, whose doc comments are the English help); the
//! Japanese words are put over them here, by command and argument name.

use crate::i18n::Lang;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory};
use std::ffi::OsString;

/// The language asked for before the arguments are parsed: `--lang en` / `--lang=en`, else an
/// English locale in LC_ALL, LC_MESSAGES or LANG; Japanese otherwise.
pub fn requested_lang(args: &[OsString]) -> Lang {
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        let value = match a.strip_prefix("--lang") {
            Some("") => it.next().map(|v| v.to_string()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        match value.as_deref() {
            Some("en") => return Lang::En,
            Some("ja") => return Lang::Ja,
            _ => {}
        }
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()));
    match locale {
        Some(l) if l.starts_with("en") => Lang::En,
        _ => Lang::Ja,
    }
}

/// What each command is for, in Japanese, by its path (`round links`).
const ABOUT: &[(&str, &str)] = &[
    ("", "評価シートの点検と集約。各課のブックを読み、年度・合計・評定を点検して、セルを指す指摘の一覧、課ごとのフィードバック、統合ブックを書き出します"),
    ("template", "各課に配る空の様式を書き出す"),
    ("validate", "ブックを点検し、report.json・report.xlsx・feedback/ を書き出す"),
    ("consolidate", "点検に加えて、統合ブック（consolidated.xlsx）と consolidated.csv を書き出す"),
    ("spec", "様式定義（templates/*.toml）の点検と一覧"),
    ("spec check", "様式定義を点検し、問題をファイルと行で示す（問題があれば終了コード 2）"),
    ("spec list", "使う様式、その定義ファイルと表、定義に書けるレイアウトの一覧"),
    ("rules", "指摘の種類（コード）ごとの重要度と意味の一覧"),
    ("audit", "前年度と今年度を照合する（数値・事業・目標・評定）"),
    ("init", "設定ファイル hyoka.toml の雛形（説明つき）を書き出す"),
    ("serve", "各課が提出前にブックを点検するページを開く（--round で提出と事務局画面も）"),
    ("hash-password", "標準入力のパスワードをハッシュにして表示する（hyoka.toml の [serve] office_password_hash 用）"),
    ("round", "提出の回の操作（提出用リンク）"),
    ("round links", "課ごとの提出用リンクを発行し（以前のリンクは無効）、課と URL を 1 行ずつ表示する"),
    ("round revoke", "指定した課のリンクを取り消す"),
];

/// Each argument's help in Japanese, by command path and argument id; an id listed for `*`
/// means the same in every command.
const ARGS: &[(&str, &str, &str)] = &[
    ("*", "inputs", "点検するブックまたはフォルダ（フォルダは下の階層まで探します）"),
    ("*", "year", "提出年度: どのシートの評価年度もこれでなければなりません（例: 令和6年度、令和6、R6、2024）"),
    ("*", "departments", "課の一覧ファイル: 1 行に 1 課。「旧名 => 新名」で名称変更、「[総務部]」の行でその下の課の部"),
    ("*", "config", "設定ファイル（既定: このフォルダに hyoka.toml があればそれ）。--year と --departments が優先します"),
    ("*", "progress", "進み具合の表示: 端末なら棒、それ以外は行（auto）、いつも棒（always）、なし（never）"),
    ("*", "jobs", "同時に使うスレッド数（既定: コアの数）"),
    ("*", "max_file_mb", "読むファイルの上限（MiB）"),
    ("*", "max_cells", "1 シートから読むセル数の上限"),
    ("*", "max_sheet_area", "xls の 1 シートの行 × 列の上限（範囲をまとめて確保するため）"),
    ("*", "max_string_chars", "1 セルの文字数の上限"),
    ("*", "max_zip_entries", "xlsx・ods の zip の部品数の上限"),
    ("*", "max_uncompressed_mb", "1 ブックの展開後サイズの上限（MiB）"),
    ("*", "max_compression_ratio", "大きな部品の圧縮率の上限"),
    ("*", "annotate", "点検した xlsx・xlsm を DIR にもう一度書き出し、指摘のあるセルに色とメモを付ける"),
    ("*", "templates", "様式定義（*.toml）のフォルダ（既定: ./templates があればそれ、なければ組み込みの様式）"),
    ("*", "specs", "使う様式定義ファイル（何度でも）。--templates と両方使えます"),
    ("*", "lang", "メッセージの言語"),
    ("*", "help", "このヘルプを表示する"),
    ("*", "version", "版を表示する"),
    ("*", "round", "提出の回のフォルダ"),
    ("consolidate", "out", "出力先のフォルダ"),
    ("validate", "out", "出力先のフォルダ"),
    ("consolidate", "csv_encoding", "consolidated.csv の文字コード（utf8 は BOM つき、cp932 は古いツール向け）"),
    ("consolidate", "parquet", "明細を Parquet でも書き出す（municipality=…/fiscal_year=… に分けて OUT/parquet へ。DuckDB・Spark 用）"),
    ("consolidate", "parquet_dir", "Parquet の置き場所（何回分もの実行で共有するフォルダ。--parquet を含む）"),
    ("consolidate", "municipality", "この実行の市町村名（Parquet の区分。hyoka.toml の municipality でも可）"),
    ("template", "form", "様式: ID（jimu-jigyo）か名前（事務事業評価シート）"),
    ("template", "year", "評価年度（例: 令和6年度、令和6、R6、2024）"),
    ("template", "out", "書き出すブック（.xlsx）"),
    ("spec check", "files", "様式定義ファイル（*.toml）またはそのフォルダ"),
    ("rules", "code", "説明するコード: 点検すること、理由、誤りの例、直し方、重さ、変える設定"),
    ("rules", "markdown", "組み込みのコードを README の Markdown の表で出す"),
    ("audit", "previous", "前年度のブック（フォルダかファイル）、またはそれから作った consolidated.xlsx"),
    ("audit", "current", "今年度のブック（フォルダかファイル）"),
    ("audit", "out", "report.json と audit.xlsx の出力先フォルダ"),
    ("init", "out", "書き出すファイル"),
    ("serve", "addr", "待ち受けるアドレス（庁内全体なら 0.0.0.0:8080）"),
    ("serve", "max_upload_mb", "1 回の送信で受け取る上限（MB、全ファイル合計）"),
    ("serve", "max_checks", "同時に行う点検の数（ほかの送信は順番を待ちます）"),
    ("serve", "round", "提出の回のフォルダ: 提出された各課のブックをここに保存し、事務局画面（/office）がこれを見ます"),
    ("serve", "hosts", "ページに届く名前（hyoka.city.local など。何度でも）。IP アドレスと localhost はいつでも使え、ほかの名前は断ります"),
    ("serve", "tls_cert", "この証明書で HTTPS を使う（PEM。庁内の認証局が発行したチェーン）"),
    ("serve", "tls_key", "証明書の秘密鍵（PEM）"),
    ("round links", "url", "各課から見たページのアドレス"),
    ("round links", "departments", "この課だけ（既定: 一覧のすべての課）"),
    ("round revoke", "departments", "リンクを取り消す課"),
];

fn about_ja(path: &str) -> Option<&'static str> {
    ABOUT.iter().find(|(p, _)| *p == path).map(|(_, a)| *a)
}

fn arg_ja(path: &str, id: &str) -> Option<&'static str> {
    ARGS.iter()
        .find(|(p, i, _)| *p == path && *i == id)
        .or_else(|| ARGS.iter().find(|(p, i, _)| *p == "*" && *i == id))
        .map(|(_, _, h)| *h)
}

const TEMPLATE_JA: &str = "{about-with-newline}\n使い方: {usage}\n\n{all-args}{after-help}";

/// The command line's arguments, with their help in `lang`.
pub fn command(lang: Lang) -> Command {
    let cmd = super::args::Cli::command();
    match lang {
        Lang::En => cmd,
        Lang::Ja => japanese(cmd, ""),
    }
}

/// Puts the Japanese words over a command and its subcommands.
fn japanese(mut cmd: Command, path: &str) -> Command {
    if let Some(a) = about_ja(path) {
        cmd = cmd.about(a).long_about(None);
    }
    // clap's own -h / -V, replaced by the same flags with Japanese help.
    cmd = cmd.disable_help_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help),
    );
    if path.is_empty() {
        cmd = cmd
            .disable_version_flag(true)
            .disable_help_subcommand(true)
            .arg(
                Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version),
            );
    }
    cmd = cmd
        .help_template(TEMPLATE_JA)
        .subcommand_help_heading("コマンド")
        .subcommand_value_name("コマンド")
        .mut_args(|a| {
            let id = a.get_id().as_str().to_string();
            let mut help = arg_ja(path, &id)
                .map(str::to_string)
                .or_else(|| a.get_help().map(|h| h.to_string()))
                .unwrap_or_default();
            // Defaults and choices in the help's own words, not clap's English brackets.
            let defaults: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().to_string())
                .collect();
            if !defaults.is_empty() && a.get_action().takes_values() {
                help.push_str(&format!("［既定: {}］", defaults.join(", ")));
            }
            let values: Vec<String> = a
                .get_possible_values()
                .iter()
                .map(|v| v.get_name().to_string())
                .collect();
            if !values.is_empty() && a.get_action().takes_values() {
                help.push_str(&format!("［値: {}］", values.join(", ")));
            }
            let heading = if a.is_positional() {
                "引数"
            } else {
                "オプション"
            };
            a.help(help)
                .hide_default_value(true)
                .hide_possible_values(true)
                .help_heading(heading)
        });
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for n in names {
        let sub_path = if path.is_empty() {
            n.clone()
        } else {
            format!("{path} {n}")
        };
        cmd = cmd.mut_subcommand(n, |s| japanese(s, &sub_path));
    }
    cmd
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join("、"),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// An argument error in Japanese, with what to try; None for a kind worded by clap itself
/// (help and version, which are not errors).
pub fn error_ja(e: &clap::Error) -> Option<String> {
    let arg = || context(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = || context(e, ContextKind::InvalidValue).unwrap_or_default();
    let suggestion = || {
        context(e, ContextKind::SuggestedArg)
            .or_else(|| context(e, ContextKind::SuggestedSubcommand))
            .or_else(|| context(e, ContextKind::SuggestedValue))
            .map(|s| format!("（もしかして「{s}」）"))
            .unwrap_or_default()
    };
    let what = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => return None,
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            "コマンドを指定してください".to_string()
        }
        ErrorKind::InvalidSubcommand => format!(
            "「{}」というコマンドはありません{}",
            context(e, ContextKind::InvalidSubcommand).unwrap_or_default(),
            suggestion()
        ),
        ErrorKind::UnknownArgument => {
            format!("「{}」というオプションはありません{}", arg(), suggestion())
        }
        ErrorKind::InvalidValue => {
            let valid = context(e, ContextKind::ValidValue)
                .map(|v| format!("。使える値: {v}"))
                .unwrap_or_default();
            match value().is_empty() {
                true => format!("{} に値がありません{valid}", arg()),
                false => format!(
                    "{} に「{}」は使えません{valid}{}",
                    arg(),
                    value(),
                    suggestion()
                ),
            }
        }
        ErrorKind::ValueValidation => format!("{} の値「{}」を読めません", arg(), value()),
        ErrorKind::MissingRequiredArgument => {
            format!("次の指定が必要です: {}", arg())
        }
        ErrorKind::ArgumentConflict => format!(
            "{} と {} は一緒に使えません",
            arg(),
            context(e, ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("{} の値の数が合いません", arg())
        }
        ErrorKind::NoEquals => format!("{} には = で値を付けてください", arg()),
        _ => return None,
    };
    let usage = context(e, ContextKind::Usage)
        .map(|u| u.replace("Usage:", "使い方:"))
        .unwrap_or_default();
    Some(format!(
        "エラー: {what}\n\n{}\n\n詳しくは --help をご覧ください。",
        usage.trim()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_asked_for_by_flag_before_the_locale() {
        assert_eq!(
            requested_lang(&os(&["hyoka", "validate", "--lang", "en"])),
            Lang::En
        );
        assert_eq!(requested_lang(&os(&["hyoka", "--lang=en"])), Lang::En);
        assert_eq!(requested_lang(&os(&["hyoka", "--lang", "ja"])), Lang::Ja);
    }

    #[test]
    fn every_argument_and_command_has_japanese_help() {
        fn walk(cmd: &Command, path: &str, missing: &mut Vec<String>) {
            if about_ja(path).is_none() {
                missing.push(format!("about of '{path}'"));
            }
            for a in cmd.get_arguments() {
                let id = a.get_id().as_str();
                if arg_ja(path, id).is_none() {
                    missing.push(format!("{path} --{id}"));
                }
            }
            for s in cmd.get_subcommands() {
                let p = match path {
                    "" => s.get_name().to_string(),
                    _ => format!("{path} {}", s.get_name()),
                };
                walk(s, &p, missing);
            }
        }
        let mut missing = Vec::new();
        let mut cmd = command(Lang::Ja);
        cmd.build();
        walk(&cmd, "", &mut missing);
        assert!(missing.is_empty(), "no Japanese help for: {missing:?}");
    }

    #[test]
    fn argument_errors_in_japanese() {
        let e = command(Lang::Ja)
            .try_get_matches_from(["hyoka", "validate", "x", "--out", "o", "--jbos", "2"])
            .unwrap_err();
        let m = error_ja(&e).unwrap();
        assert!(m.contains("「--jbos」というオプションはありません"), "{m}");
        assert!(m.contains("もしかして「--jobs」"), "{m}");
        let e = command(Lang::Ja)
            .try_get_matches_from(["hyoka", "valdate"])
            .unwrap_err();
        assert!(error_ja(&e)
            .unwrap()
            .contains("「valdate」というコマンドはありません"));
        let e = command(Lang::Ja)
            .try_get_matches_from(["hyoka", "validate", "x"])
            .unwrap_err();
        assert!(
            error_ja(&e).unwrap().contains("次の指定が必要です: --out"),
            "{e}"
        );
    }
}
