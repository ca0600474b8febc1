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

/// docs/spec.md's table "Keys by place": each place with the keys it names (parenthesised
/// notes and the values they list left out; `[[block.row]]` is the key `row`).
fn keys_by_place() -> Vec<(String, std::collections::BTreeSet<String>)> {
    let doc = std::fs::read_to_string(repo().join("docs/spec.md")).unwrap();
    let table = &doc[doc.find("## Keys by place").expect("the table's heading")..];
    let mut out = Vec::new();
    for line in table.lines().skip_while(|l| !l.starts_with("|---")).skip(1) {
        if !line.starts_with('|') {
            break;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        // Notes in parentheses (nested ones too) are not keys.
        let mut plain = String::new();
        let mut depth = 0;
        for c in cells[1].chars() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ if depth == 0 => plain.push(c),
                _ => {}
            }
        }
        let keys = plain
            .split('`')
            .skip(1)
            .step_by(2)
            .map(|k| {
                k.trim_matches(|c| c == '[' || c == ']')
                    .trim_start_matches("block.")
                    .to_string()
            })
            .collect();
        out.push((cells[0].to_string(), keys));
    }
    out
}

#[test]
fn the_key_table_names_every_key_the_loader_takes_and_no_other() {
    use hyoka::spec::source::keys_of;
    let table = keys_by_place();
    let keys = |place: &str| -> std::collections::BTreeSet<String> {
        table
            .iter()
            .find(|(p, _)| p.starts_with(place))
            .unwrap_or_else(|| panic!("no row for {place} in docs/spec.md's key table"))
            .1
            .clone()
    };
    let set = |k: &[&str]| -> std::collections::BTreeSet<String> {
        k.iter().map(|s| s.to_string()).collect()
    };
    let mut differ = Vec::new();
    let mut compare = |place: &str, taken: std::collections::BTreeSet<String>| {
        let written = keys(place);
        if written != taken {
            differ.push(format!(
                "{place}: the table lacks {:?}; names keys nothing takes {:?}",
                taken.difference(&written).collect::<Vec<_>>(),
                written.difference(&taken).collect::<Vec<_>>()
            ));
        }
    };
    use hyoka::form::*;
    compare("`[form]`", set(keys_of::<FormInfo>()));
    compare("`[[field]]`", set(keys_of::<FieldSpec>()));
    compare("`[[block]]`, every layout", set(keys_of::<RawBlock>()));
    compare("`[[block.row]]`", set(keys_of::<RawRow>()));
    compare("`[[block.column]]`", set(keys_of::<RawColumn>()));
    compare("`[[block.check]]`", set(keys_of::<RawCheck>()));
    compare("`[[grade_check]]`", set(keys_of::<RawGradeCheck>()));
    compare("`[[link]]`", set(keys_of::<RawLink>()));
    compare("`[template]`", set(keys_of::<TemplateSpec>()));
    // Each layout's row: the keys the layout itself reads.
    for kind in hyoka::extract::layout::LAYOUTS {
        compare(&format!("`{}`", kind.name), set((kind.keys)()));
    }
    // And the spec's own top level.
    let top: std::collections::BTreeSet<String> = set(keys_of::<RawSpec>());
    for place in &top {
        if !table
            .iter()
            .any(|(p, _)| p.contains(&format!("[{place}]")) || p.contains(&format!("[[{place}]]")))
        {
            differ.push(format!("no row for the top-level table [{place}]"));
        }
    }
    assert!(
        differ.is_empty(),
        "docs/spec.md's key table:\n{}",
        differ.join("\n")
    );
}
