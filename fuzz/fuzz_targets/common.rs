//! Shared by the workbook targets: the whole per-file pipeline on bytes.
use hyoka::check::{check_sheet, CheckConfig, SheetReporter};
use hyoka::extract::{extract, find_title};
use hyoka::i18n::Lang;
use hyoka::read::{read_bytes, Limits};
use std::sync::OnceLock;

fn forms() -> &'static Vec<hyoka::form::FormSpec> {
    static FORMS: OnceLock<Vec<hyoka::form::FormSpec>> = OnceLock::new();
    FORMS.get_or_init(|| {
        // Panics inside the reader are caught and reported by hyoka; let them unwind to that
        // guard instead of aborting here. A panic anywhere else still ends the run.
        let _ = std::panic::take_hook();
        hyoka::spec::load_forms(None).unwrap()
    })
}

pub fn run(data: &[u8]) {
    let forms = forms();
    let Ok(wb) = read_bytes(data, &Limits::default()) else { return };
    for (i, sheet) in wb.sheets.iter().enumerate() {
        for spec in forms {
            if let Some(title) = find_title(&sheet.grid, spec) {
                let sheet_data = extract(&sheet.grid, spec, title);
                let mut out = SheetReporter { file: "f", sheet: &sheet.name, sheet_index: i, lang: Lang::Ja, findings: Vec::new() };
                check_sheet(spec, &sheet_data, &CheckConfig::default(), &mut out);
            }
        }
    }
}
