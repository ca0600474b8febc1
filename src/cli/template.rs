//! `hyoka template`: the blank form for departments.

use super::{load_forms, parse_year, TemplateArgs, EXIT_CLEAN};
use crate::write::form_sheet::{form_workbook, Guide, Layout};
use crate::write::save_workbook;

static WRITTEN: crate::i18n::Text = crate::i18n::Text {
    ja: "{form}（{year}）のテンプレートを書き出しました: {path}",
    en: "wrote the {form} template for {year}: {path}",
};

pub fn run(args: &TemplateArgs) -> anyhow::Result<u8> {
    let forms = load_forms(&args.common)?;
    let spec = forms
        .iter()
        .find(|f| f.form.id == args.form)
        .ok_or_else(|| {
            let ids: Vec<&str> = forms.iter().map(|f| f.form.id.as_str()).collect();
            anyhow::anyhow!("unknown form '{}' (known: {})", args.form, ids.join(", "))
        })?;
    let year = parse_year(&args.year)?;
    let layout = Layout::canonical(spec, year);
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
