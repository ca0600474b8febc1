//! Every finding code hyoka can report, listed once: `hyoka rules` prints it and a test holds
//! the README's table to it. Codes a form spec defines (its identities and conditions) are
//! listed with the spec that defines them.

use super::rule::Code;
use super::{audit, cross_file, files, sheets, SHEET_RULES};

/// All built-in codes: files, sheets, each sheet rule's, cross-file; in that order.
pub fn all() -> Vec<&'static Code> {
    let mut v: Vec<&'static Code> = files::CODES.to_vec();
    v.extend(sheets::CODES.iter().copied());
    for rule in SHEET_RULES {
        for c in rule.codes() {
            if !v.iter().any(|x| x.id == c.id) {
                v.push(c);
            }
        }
    }
    v.extend(cross_file::CODES.iter().copied());
    v.extend(audit::CODES.iter().copied());
    v
}

/// The codes a form's `[severity]` may change: those of its sheets' rules and of the checks
/// across files (file-level codes come before any form is known).
pub fn overridable() -> Vec<&'static Code> {
    let mut v: Vec<&'static Code> = vec![&sheets::HIDDEN_SHEET];
    for rule in SHEET_RULES {
        v.extend(
            rule.codes()
                .iter()
                .copied()
                .filter(|c| !["identity", "condition"].contains(&c.id)),
        );
    }
    v.extend(cross_file::CODES.iter().copied());
    v
}

pub fn find(id: &str) -> Option<&'static Code> {
    all().into_iter().find(|c| c.id == id)
}

/// A code's one-line summary; a code a form spec defines is explained by its own rule.
pub fn explain(code: &str, forms: &[crate::form::FormSpec], lang: crate::i18n::Lang) -> String {
    use crate::i18n::Lang;
    if let Some(c) = find(code) {
        return c.summary.get(lang).to_string();
    }
    let blocks = || forms.iter().flat_map(|f| f.blocks.iter());
    if let Some(c) = blocks()
        .flat_map(|b| b.checks.iter())
        .find(|c| c.code == code)
    {
        return match lang {
            Lang::Ja => format!("様式の計算式「{}」と合いません。", c.text),
            Lang::En => format!("The form's rule \"{}\" does not hold.", c.text),
        };
    }
    // A derived row's own code (`staff-cost`): the row does not match its formula.
    match blocks()
        .flat_map(|b| b.rows.iter())
        .find(|r| r.code == code)
    {
        Some(r) => match lang {
            Lang::Ja => format!("「{}」が様式の計算式と合いません。", r.label),
            Lang::En => format!("{} does not match the form's formula.", r.label_en),
        },
        None => String::new(),
    }
}

/// A text in both languages, as the explanations file writes it.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Both {
    pub ja: String,
    pub en: String,
}

impl Both {
    pub fn get(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Ja => &self.ja,
            crate::i18n::Lang::En => &self.en,
        }
    }
}

/// Why a built-in code exists and what fixes it: `hyoka rules CODE` prints it. The texts are
/// data (`explanations.toml`), one entry per code; a test holds the two lists equal.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Explanation {
    pub code: String,
    pub checks: Both,
    pub why: Both,
    pub mistake: Both,
    pub fix: Both,
    /// Spec keys, hyoka.toml keys and options that change whether or how it fires.
    pub keys: Vec<String>,
}

#[derive(serde::Deserialize)]
struct Explanations {
    rule: Vec<Explanation>,
}

/// Every explanation, in the registry's order.
pub fn explanations() -> &'static [Explanation] {
    static ALL: std::sync::OnceLock<Vec<Explanation>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let file: Explanations = toml::from_str(include_str!("explanations.toml"))
            .expect("explanations.toml is checked by the tests");
        file.rule
    })
}

/// The explanation of a built-in code.
pub fn explanation(code: &str) -> Option<&'static Explanation> {
    explanations().iter().find(|e| e.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::placeholders;

    #[test]
    fn codes_are_unique_and_both_languages_name_the_same_arguments() {
        let codes = all();
        for (i, c) in codes.iter().enumerate() {
            assert!(codes[..i].iter().all(|x| x.id != c.id), "{} twice", c.id);
            let (mut ja, mut en) = (placeholders(c.message.ja), placeholders(c.message.en));
            ja.sort();
            en.sort();
            assert_eq!(ja, en, "{}", c.id);
            assert!(!c.summary.ja.is_empty() && !c.summary.en.is_empty());
        }
    }

    #[test]
    fn every_built_in_code_is_explained_once_in_the_registry_order() {
        let codes: Vec<&str> = all().iter().map(|c| c.id).collect();
        let explained: Vec<&str> = explanations().iter().map(|e| e.code.as_str()).collect();
        assert_eq!(explained, codes);
        for e in explanations() {
            for (what, t) in [
                ("checks", &e.checks),
                ("why", &e.why),
                ("mistake", &e.mistake),
                ("fix", &e.fix),
            ] {
                assert!(
                    !t.ja.trim().is_empty() && !t.en.trim().is_empty(),
                    "{} {what}",
                    e.code
                );
            }
        }
    }
}

/// One line of the list of codes (`hyoka rules`, the Python package's `rules()`): a built-in
/// code, or one a form spec defines, with the form and the spec file that define it.
pub struct Listed {
    pub code: String,
    pub severity: crate::finding::Severity,
    pub what: String,
    pub form: Option<String>,
    pub spec: Option<String>,
}

/// Every code: the built-in ones, then each form's identities and conditions.
pub fn listing(forms: &[crate::form::FormSpec], lang: crate::i18n::Lang) -> Vec<Listed> {
    use super::identities::{condition_severity, formula_severity};
    use crate::i18n::Lang;
    let mut out: Vec<Listed> = all()
        .into_iter()
        .map(|c| Listed {
            code: c.id.to_string(),
            severity: c.severity,
            what: c.summary.get(lang).to_string(),
            form: None,
            spec: None,
        })
        .collect();
    for f in forms {
        let of_form = |code: &str, severity, what: String| Listed {
            code: code.to_string(),
            severity,
            what,
            form: Some(f.form.id.clone()),
            spec: Some(f.source.display().to_string()),
        };
        for b in &f.blocks {
            for r in b.rows.iter().filter(|r| r.formula.is_some()) {
                let what = match lang {
                    Lang::Ja => format!("{}の計算（{}）", r.label, f.form.name),
                    Lang::En => format!("{} arithmetic ({})", r.label_en, f.form.name_en),
                };
                out.push(of_form(&r.code, formula_severity(f, r), what));
            }
            for c in &b.checks {
                out.push(of_form(&c.code, condition_severity(f, c), c.text.clone()));
            }
        }
    }
    out
}
