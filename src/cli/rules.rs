//! `hyoka rules`: every finding code, its default severity and what it means; then the codes
//! the forms in use define (their identities and conditions), with the spec that defines them.

use super::args::{RulesArgs, EXIT_CLEAN};
use super::setup::load_forms;
use crate::check::identities::{CONDITION, IDENTITY};
use crate::check::registry;
use crate::i18n::Lang;

pub fn run(args: &RulesArgs) -> anyhow::Result<u8> {
    let lang = args.common.lang;
    if args.markdown {
        print!("{}", markdown_table(lang));
        return Ok(EXIT_CLEAN);
    }
    for c in registry::all() {
        println!("{}\t{}\t{}", c.id, c.severity.as_str(), c.summary.get(lang));
    }
    let forms = load_forms(&args.common)?;
    for f in &forms {
        for b in &f.blocks {
            for r in b.rows.iter().filter(|r| r.formula.is_some()) {
                let sev = r
                    .severity
                    .unwrap_or(f.severity_of(&r.code, IDENTITY.severity));
                let what = match lang {
                    Lang::Ja => format!("{}の計算（{}）", r.label, f.form.name),
                    Lang::En => format!("{} arithmetic ({})", r.label_en, f.form.name_en),
                };
                println!(
                    "{}\t{}\t{}\t{}",
                    r.code,
                    sev.as_str(),
                    what,
                    f.source.display()
                );
            }
            for c in &b.checks {
                let sev = c
                    .severity
                    .unwrap_or(f.severity_of(&c.code, CONDITION.severity));
                println!(
                    "{}\t{}\t{}\t{}",
                    c.code,
                    sev.as_str(),
                    c.text,
                    f.source.display()
                );
            }
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
