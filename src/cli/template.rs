//! `hyoka template`: the blank form for departments.

use super::args::{TemplateArgs, EXIT_CLEAN};
use super::setup::{load_forms, parse_year};
use crate::write::form_sheet::{form_workbook, Guide, TemplateLayout};
use crate::write::save_workbook;

static WRITTEN: crate::i18n::Text = crate::i18n::Text {
    ja: "{form}（{year}）のテンプレートを書き出しました: {path}",
    en: "wrote the {form} template for {year}: {path}",
};

static UNKNOWN_FORM: crate::i18n::Text = crate::i18n::Text {
    ja: "「{form}」という様式はありません。使える様式: {known}",
    en: "no form \"{form}\"; the forms are: {known}",
};

pub fn run(args: &TemplateArgs) -> anyhow::Result<u8> {
    let lang = args.common.lang;
    let forms = load_forms(&args.common)?;
    // The form by its id (`jimu-jigyo`) or its name as people say it (`事務事業評価シート`,
    // `事務事業評価`), in either language.
    let wanted = crate::normalise::fold(args.form.trim()).to_lowercase();
    let named = |f: &crate::form::FormSpec| {
        [&f.form.id, &f.form.name, &f.form.name_en].iter().any(|n| {
            let n = crate::normalise::fold(n).to_lowercase();
            n == wanted || n.strip_suffix("シート") == Some(wanted.as_str())
        })
    };
    let spec = forms.iter().find(|f| named(f)).ok_or_else(|| {
        let known: Vec<String> = forms
            .iter()
            .map(|f| format!("{}（{}）", f.form.id, f.form.name))
            .collect();
        anyhow::anyhow!(crate::i18n::Message::new(&UNKNOWN_FORM)
            .arg("form", args.form.clone())
            .arg("known", known.join("、"))
            .render(lang))
    })?;
    let year = parse_year(&args.year, lang)?;
    let layout = TemplateLayout::canonical(spec, year);
    let mut wb = form_workbook(spec, &layout, None, None, Guide::Last)?;
    save_workbook(&mut wb, &args.out)?;
    let m = crate::i18n::Message::new(&WRITTEN)
        .arg(
            "form",
            crate::i18n::Arg::words(&spec.form.name, &spec.form.name_en),
        )
        .arg("year", year)
        .arg("path", args.out.display().to_string());
    eprintln!("{}", m.render(args.common.lang));
    Ok(EXIT_CLEAN)
}
