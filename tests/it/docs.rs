//! docs/spec.md: every example in it is a complete spec that loads, writes its template, and
//! reads that template back as its form.

use crate::common::*;
use hyoka::spec::parse_spec;
use hyoka::write::form_sheet::{form_workbook, Guide, TemplateLayout};

fn examples() -> Vec<String> {
    let doc = std::fs::read_to_string(repo().join("docs/spec.md")).unwrap();
    let mut out = Vec::new();
    let mut rest = doc.as_str();
    while let Some(start) = rest.find("```toml\n") {
        let body = &rest[start + "```toml\n".len()..];
        let end = body.find("```").unwrap();
        out.push(body[..end].to_string());
        rest = &body[end + 3..];
    }
    out
}

#[test]
fn every_example_of_the_spec_documentation_runs() {
    let examples = examples();
    assert!(examples.len() >= 5, "{} examples", examples.len());
    for (i, text) in examples.iter().enumerate() {
        let name = format!("docs/spec.md example {}", i + 1);
        let spec = parse_spec(text, &name).unwrap_or_else(|e| panic!("{e}"));
        let layout = TemplateLayout::canonical(&spec, hyoka::normalise::FiscalYear(2024));
        let mut wb = form_workbook(&spec, &layout, None, None, Guide::Last).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.xlsx");
        std::fs::write(&p, hyoka::write::workbook_bytes(&mut wb).unwrap()).unwrap();
        let export = spec.form.kind == hyoka::form::FormKind::Export;
        let o = check_forms(&p, &[spec]);
        // An export's template is its header: found, with no project rows under it yet.
        if export {
            let codes: Vec<String> = found(&o).into_iter().map(|(c, _)| c).collect();
            assert_eq!(codes, vec!["export-without-rows"], "{name}");
            continue;
        }
        assert_eq!(o.projects.len(), 1, "{name}: {:?}", found(&o));
        // A blank template lacks only what a department fills in: fields, values, and the
        // rows of a table without blank rows of its own.
        for (code, cell) in found(&o) {
            assert!(
                code == "required-missing" || code == "value-missing" || code == "block-unread",
                "{name}: {code} at {cell}"
            );
        }
    }
}
