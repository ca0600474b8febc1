//! What a command loads before it reads a file: the forms, hyoka.toml, the year typed.

use super::args::CommonArgs;
use crate::i18n::Lang;
use std::path::PathBuf;

/// The spec files to use: `--spec FILE`s and `--templates DIR`; with neither, `./templates`
/// when present, else `templates` beside the program (an office runs `hyoka.exe` from the
/// folder it unzipped, or from anywhere with that folder on its PATH). None means the
/// built-in forms.
pub fn spec_files(common: &CommonArgs) -> anyhow::Result<Option<Vec<PathBuf>>> {
    let beside_program = || {
        let exe = std::env::current_exe().ok()?;
        let d = exe.parent()?.join("templates");
        d.is_dir().then_some(d)
    };
    let dir = common.templates.clone().or_else(|| {
        if !common.specs.is_empty() {
            return None;
        }
        let d = PathBuf::from("templates");
        if d.is_dir() {
            Some(d)
        } else {
            beside_program()
        }
    });
    let mut files = Vec::new();
    if let Some(d) = &dir {
        files.extend(crate::spec::spec_files_in(d)?);
        if files.is_empty() {
            anyhow::bail!("no form specs (*.toml) found in {}", d.display());
        }
    }
    files.extend(common.specs.iter().cloned());
    Ok((!files.is_empty()).then_some(files))
}

/// The forms to use (see `spec_files`).
pub fn load_forms(common: &CommonArgs) -> anyhow::Result<Vec<crate::form::FormSpec>> {
    Ok(match spec_files(common)? {
        Some(files) => crate::spec::load_spec_files(&files)?,
        None => crate::spec::built_in_forms()?,
    })
}

/// The forms and hyoka.toml a command runs with, the config's grade bands put into the forms.
pub fn forms_and_settings(
    common: &CommonArgs,
    config: Option<&std::path::Path>,
) -> anyhow::Result<(
    Vec<crate::form::FormSpec>,
    Option<(crate::config::Config, PathBuf)>,
)> {
    let mut forms = load_forms(common)?;
    let settings = crate::config::load(config)?;
    if let Some((c, _)) = &settings {
        c.apply_to_forms(&mut forms)?;
    }
    Ok((forms, settings))
}

static YEAR_UNREADABLE: crate::i18n::Text = crate::i18n::Text {
    ja: "「{text}」を年度として読めません（例: 令和6年度、令和6、R6、2024）",
    en: "cannot read \"{text}\" as a fiscal year (e.g. 令和6年度, 令和6, R6, 2024)",
};

/// A fiscal year as typed on the command line: `令和6年度`, `令和6` (the 年度 may be left off),
/// `R6`, `2024`.
pub fn parse_year(text: &str, lang: Lang) -> anyhow::Result<crate::normalise::FiscalYear> {
    let read = |t: &str| {
        crate::normalise::parse_fiscal_year(t, Some(crate::normalise::Era::Reiwa))
            .filter(|p| p.rest.trim().is_empty())
            .map(|p| p.year)
    };
    read(text)
        .or_else(|| read(&format!("{}年度", text.trim())))
        .ok_or_else(|| {
            anyhow::anyhow!(crate::i18n::Message::new(&YEAR_UNREADABLE)
                .arg("text", text.to_string())
                .render(lang))
        })
}
