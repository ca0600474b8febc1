//! Form specs: checked when loaded (errors name the spec line), and a new form needs no Rust.

use crate::common::*;
use hyoka::spec::parse_spec;

const BUILT_IN: &str = include_str!("../../templates/jimu-jigyo.toml");

fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

#[test]
fn unknown_keys_name_the_line() {
    let text = BUILT_IN.replace("min = 0\n", "min = 0\nmaximum = 5\n");
    let e = parse_spec(&text, "x.toml").unwrap_err();
    assert_eq!(e.first().line, Some(line_of(&text, "maximum = 5")), "{e}");
    assert!(e.to_string().starts_with("x.toml:"));
}

#[test]
fn formulas_must_name_rows_of_the_table() {
    let text = BUILT_IN.replace(r#"formula = "a + b""#, r#"formula = "a + bb""#);
    let e = parse_spec(&text, "x.toml").unwrap_err();
    assert_eq!(
        e.first().line,
        Some(line_of(&text, r#"formula = "a + bb""#))
    );
    assert!(e.first().message.contains("bb"));
    let text = BUILT_IN.replace(r#"formula = "a + b""#, r#"formula = "a + * b""#);
    assert!(parse_spec(&text, "x.toml").is_err());
}

#[test]
fn patterns_and_bands_are_checked() {
    let text = BUILT_IN.replace(r"pattern = '^\d{2}-\d{3}$'", "pattern = '^(\\d'");
    let e = parse_spec(&text, "x.toml").unwrap_err();
    assert_eq!(e.first().line, Some(line_of(&text, "pattern = '^(")));
    let text = BUILT_IN.replace(
        r#"{ grade = "A", min = 1.0 }, { grade = "B", min = 0.7 }"#,
        r#"{ grade = "B", min = 0.7 }, { grade = "A", min = 1.0 }"#,
    );
    assert!(parse_spec(&text, "x.toml").is_err());
}

#[test]
fn the_built_in_form_loads() {
    let s = spec();
    assert_eq!(s.form.id, "jimu-jigyo");
    assert_eq!(s.block("cost").unwrap().rows.len(), 12);
}

/// A central office adds a form as a spec file only: a small 補助金 sheet with its own title,
/// rows and identity. hyoka writes it, reads it and checks it without any Rust change.
#[test]
fn a_new_form_is_a_spec_file() {
    let text = r#"
[form]
id = "hojokin"
name = "補助金交付実績シート"
name_en = "subsidy sheet"
title = ["補助金交付実績シート"]
department_field = "ka"
project_id_field = "id"
project_name_field = "name"
eval_year_field = "year"

[[field]]
key = "name"
label = "補助金名"
label_en = "subsidy"
type = "text"
required = true

[[field]]
key = "id"
label = "番号"
label_en = "number"
type = "text"

[[field]]
key = "ka"
label = "担当課"
label_en = "department"
type = "text"

[[field]]
key = "year"
label = "年度"
label_en = "year"
type = "fiscal-year"

[[block]]
id = "money"
layout = "rows-by-year"
label = "交付額（千円）"
label_en = "amounts"
header = "区分"
unit = "千円"
years_before = 1

[[block.row]]
key = "granted"
label = "交付決定額"
label_en = "granted"
min = 0

[[block.row]]
key = "returned"
label = "返還額"
label_en = "returned"
min = 0

[[block.row]]
key = "net"
label = "差引交付額"
label_en = "net"
formula = "granted - returned"
code = "net-grant"
"#;
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(templates.join("hojokin.toml"), text).unwrap();
    let spec = parse_spec(text, "hojokin.toml").unwrap();
    use hyoka::write::form_sheet::{form_workbook, CellInput, FormData, Guide, TemplateLayout};
    let mut d = FormData::default();
    d.fields
        .insert("name".into(), CellInput::Text("子育て支援補助金".into()));
    d.fields
        .insert("year".into(), CellInput::Text("令和6年度".into()));
    d.fields
        .insert("ka".into(), CellInput::Text("子育て支援課".into()));
    d.measures
        .insert("granted".into(), vec![n(5_000.0), n(6_000.0)]);
    d.measures.insert("returned".into(), vec![n(100.0), n(0.0)]);
    // Without formulas (a sheet typed by hand), with a wrong 差引 for 令和6年度.
    d.typed_over
        .insert(("net".into(), 0), CellInput::Number(4_900.0));
    d.typed_over
        .insert(("net".into(), 1), CellInput::Number(6_600.0));
    let layout = TemplateLayout::canonical(&spec, hyoka::normalise::FiscalYear(2024));
    let mut wb = form_workbook(&spec, &layout, Some(&d), None, Guide::None).unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    hyoka::write::write_atomic(
        &inputs.join("h.xlsx"),
        &hyoka::write::workbook_bytes(&mut wb).unwrap(),
    )
    .unwrap();
    let report = run_in(dir.path(), "validate", "in", 1);
    let f = &report["findings"][0];
    assert_eq!(f["code"], "net-grant");
    assert_eq!(f["cell"], "D11");
    assert_eq!(f["expected"], "6000");
    assert_eq!(report["files"][0]["form"], "hojokin");
}

/// An office runs `hyoka.exe` from anywhere: without `./templates`, the forms are the
/// `templates` folder beside the program, before the built-in ones; `./templates` still wins.
#[test]
fn the_templates_beside_the_program_are_used_when_the_folder_has_none() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("アプリ");
    std::fs::create_dir_all(app.join("templates")).unwrap();
    let program = app.join("hyoka");
    std::fs::copy(env!("CARGO_BIN_EXE_hyoka"), &program).unwrap();
    let own = std::fs::read_to_string(repo().join("templates/export.toml"))
        .unwrap()
        .replace("id = \"export\"", "id = \"own-export\"")
        .replace("name = \"評価システム出力\"", "name = \"独自の出力\"");
    std::fs::write(app.join("templates/own-export.toml"), own).unwrap();
    let list = |cwd: &std::path::Path| {
        let out = std::process::Command::new(&program)
            .args(["spec", "list"])
            .current_dir(cwd)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let elsewhere = dir.path().join("作業");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let forms = list(&elsewhere);
    assert!(forms.contains("own-export\t独自の出力"), "{forms}");
    assert!(
        !forms.contains("jimu-jigyo"),
        "only the folder's forms: {forms}"
    );
    // A folder with its own templates keeps them.
    let forms = list(&repo());
    assert!(
        forms.contains("jimu-jigyo") && !forms.contains("own-export"),
        "{forms}"
    );
}
