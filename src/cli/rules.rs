//! `hyoka rules`: every finding code, its default severity and what it means; then the codes
//! the forms in use define (their identities and conditions), with the spec that defines them.

use super::args::{RulesArgs, EXIT_CLEAN, EXIT_FATAL};
use super::setup::load_forms;
use crate::check::identities::{condition_severity, formula_severity};
use crate::check::registry;
use crate::i18n::Lang;

pub fn run(args: &RulesArgs) -> anyhow::Result<u8> {
    let lang = args.common.lang;
    if args.markdown {
        print!("{}", markdown_table(lang));
        return Ok(EXIT_CLEAN);
    }
    if let Some(code) = &args.code {
        let forms = load_forms(&args.common)?;
        return match explain(code, &forms, lang) {
            Some(text) => {
                print!("{text}");
                Ok(EXIT_CLEAN)
            }
            None => {
                eprintln!(
                    "{}",
                    match lang {
                        Lang::Ja =>
                            format!("「{code}」という指摘コードはありません（一覧は hyoka rules）"),
                        Lang::En => format!("no finding code \"{code}\" (hyoka rules lists them)"),
                    }
                );
                Ok(EXIT_FATAL)
            }
        };
    }
    let forms = load_forms(&args.common)?;
    for l in registry::listing(&forms, lang) {
        match &l.spec {
            None => println!("{}\t{}\t{}", l.code, l.severity.as_str(), l.what),
            Some(spec) => println!("{}\t{}\t{}\t{}", l.code, l.severity.as_str(), l.what, spec),
        }
    }
    Ok(EXIT_CLEAN)
}

/// The README's table of codes: generated here, and a test holds the README to it.
pub fn markdown_table(lang: Lang) -> String {
    let mut out = String::from("| code | severity | what |\n|---|---|---|\n");
    for c in registry::all() {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            c.id,
            c.severity.as_str(),
            c.summary.get(lang)
        ));
    }
    out
}

/// `hyoka rules CODE`: a built-in code with its explanation, or a code a form spec defines
/// with the rule the spec gives; `None` for a code nothing defines.
pub fn explain(code: &str, forms: &[crate::form::FormSpec], lang: Lang) -> Option<String> {
    let heads = |l: Lang| match l {
        Lang::Ja => [
            "点検すること",
            "なぜ",
            "誤りの例",
            "直し方",
            "重さ",
            "変える設定",
            "なし",
        ],
        Lang::En => [
            "What it checks",
            "Why",
            "Example",
            "Fix",
            "Severity",
            "Changed by",
            "none",
        ],
    };
    let h = heads(lang);
    if let Some(c) = registry::find(code) {
        let e = registry::explanation(code)?;
        let keys = if e.keys.is_empty() {
            h[6].to_string()
        } else {
            e.keys.join(", ")
        };
        return Some(format!(
            "{code} — {}\n\n{}: {}\n\n{}: {}\n\n{}: {}\n\n{}: {}\n\n{}: {}\n{}: {}\n",
            c.summary.get(lang),
            h[0],
            e.checks.get(lang),
            h[1],
            e.why.get(lang),
            h[2],
            e.mistake.get(lang),
            h[3],
            e.fix.get(lang),
            h[4],
            severity_words(c.severity, lang),
            h[5],
            keys
        ));
    }
    // A code of a form's spec: its formula or condition, where it is defined.
    for f in forms {
        for b in &f.blocks {
            let row = b
                .rows
                .iter()
                .find(|r| r.code == code && r.formula.is_some());
            let check = b.checks.iter().find(|c| c.code == code);
            let (rule, severity) = match (row, check) {
                (Some(r), _) => (
                    format!(
                        "{} = {}",
                        r.label_in(lang),
                        in_words(b, &r.formula.as_ref().unwrap().to_string(), lang)
                    ),
                    formula_severity(f, r),
                ),
                (None, Some(c)) => (in_words(b, &c.text, lang), condition_severity(f, c)),
                (None, None) => continue,
            };
            let generic = registry::explanation(if row.is_some() {
                "identity"
            } else {
                "condition"
            })?;
            let (form, defined) = match lang {
                Lang::Ja => (&f.form.name, "定義"),
                Lang::En => (&f.form.name_en, "Defined in"),
            };
            return Some(format!(
                "{code} — {form}: {rule}\n\n{}: {}\n\n{}: {}\n\n{}: {}\n{}: {}\n{defined}: {} ({})\n",
                h[1],
                generic.why.get(lang),
                h[3],
                generic.fix.get(lang),
                h[4],
                severity_words(severity, lang),
                h[5],
                generic.keys.join(", "),
                f.source.display(),
                b.label_in(lang),
            ));
        }
    }
    None
}

/// A severity as the reports word it.
fn severity_words(s: crate::finding::Severity, lang: Lang) -> &'static str {
    use crate::finding::Severity::*;
    match s {
        Error => lang.pick("エラー", "error"),
        Warning => lang.pick("警告", "warning"),
        Info => lang.pick("情報", "info"),
    }
}

/// A formula or condition of a block with its row keys replaced by the rows' labels
/// (`a - r1` → `事業費合計 - 国庫支出金`).
fn in_words(b: &crate::form::Block, text: &str, lang: Lang) -> String {
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        match b.row(word) {
            Some(r) => out.push_str(r.label_in(lang)),
            None => out.push_str(word),
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}
