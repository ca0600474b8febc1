//! Every form as its seed publishes it, written by another program (openpyxl, from
//! `tests/seed_layout/write_fixtures.py`), without the fields the seed lacks: the clean copy of
//! each gives no error, and each planted mistake of the standards is found with its code at one
//! of its cells, with no other error beside it.

use crate::common::*;
use hyoka::check::{CheckConfig, DepartmentList};
use hyoka::finding::Severity;
use hyoka::normalise::parse_fiscal_year;
use hyoka::outcome::{FileOutcome, Status};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

/// Writes the fixtures into `dir`; None (said as a skip) without openpyxl.
fn write_fixtures(dir: &Path, test: &str) -> Option<Value> {
    let script = repo().join("tests/seed_layout/write_fixtures.py");
    let out = std::process::Command::new("python3")
        .arg(&script)
        .arg(dir)
        .output();
    match out {
        Ok(o) if o.status.success() => Some(read_json(dir.join("manifest.json"))),
        Ok(o) if String::from_utf8_lossy(&o.stderr).contains("No module named 'openpyxl'") => {
            skip(test, "openpyxl is not installed (pip install openpyxl)");
            None
        }
        Ok(o) => panic!(
            "write_fixtures.py failed: {}",
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(e) => {
            skip(test, &format!("python3 cannot be run: {e}"));
            None
        }
    }
}

/// (code, sheet, cell) of a finding.
fn at(f: &hyoka::finding::Finding) -> (String, String, String) {
    (
        f.code.clone(),
        f.sheet.clone().unwrap_or_default(),
        f.cell.clone().unwrap_or_default(),
    )
}

/// Whether a finding is one of the manifest's expectations (`codes`, `sheet`, `cells`).
fn listed(f: &hyoka::finding::Finding, expectations: &Value) -> bool {
    let (code, sheet, cell) = at(f);
    expectations.as_array().into_iter().flatten().any(|x| {
        x["codes"].as_array().unwrap().iter().any(|c| c == &code)
            && x["sheet"] == sheet.as_str()
            && x["cells"].as_array().unwrap().iter().any(|c| c == &cell)
    })
}

fn strings(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(String::from))
        .collect()
}

fn check_entry(dir: &Path, entry: &Value, departments: &DepartmentList) -> FileOutcome {
    let config = CheckConfig {
        submission_year: entry["year"]
            .as_str()
            .map(|y| parse_fiscal_year(y, None).unwrap().year),
        departments: Some(departments.clone()),
    };
    let forms = hyoka::spec::built_in_forms().unwrap();
    check_forms_with(&dir.join(entry["file"].as_str().unwrap()), &forms, &config)
}

#[test]
fn every_form_as_published_gives_its_planted_mistakes_and_no_false_alarm() {
    let dir = tempfile::tempdir().unwrap();
    let Some(manifest) = write_fixtures(dir.path(), "seed_layout::every_form_as_published") else {
        return;
    };
    let departments = DepartmentList::parse(
        &std::fs::read_to_string(dir.path().join("departments.txt")).unwrap(),
    );
    let entries = manifest["files"].as_array().unwrap();
    let mut problems = Vec::new();
    let (mut files, mut findings, mut planted) = (0, 0, 0);
    let mut forms = BTreeSet::new();
    for entry in entries {
        let file = entry["file"].as_str().unwrap();
        let o = check_entry(dir.path(), entry, &departments);
        files += 1;
        findings += o.errors + o.warnings;
        forms.insert(entry["form"].as_str().unwrap().to_string());
        // Read with its form, every sheet of it.
        assert_eq!(
            o.form.as_deref(),
            entry["form"].as_str(),
            "{file}: read as {:?}",
            o.form
        );
        for x in entry["expect"].as_array().unwrap() {
            planted += 1;
            let hit = o
                .findings
                .iter()
                .filter(|f| f.severity != Severity::Info)
                .any(|f| listed(f, &Value::Array(vec![x.clone()])));
            if !hit {
                problems.push(format!("{file}: missed {x}"));
            }
        }
        let allowed = strings(&entry["allow"]);
        for f in o.findings.iter().filter(|f| f.severity != Severity::Info) {
            let expected = listed(f, &entry["expect"]) || allowed.contains(&f.code);
            let published = f.severity == Severity::Warning && listed(f, &entry["published"]);
            // An error must be the planted mistake (or follow from it); a warning too, or be
            // one the seed carries as published.
            if !(expected || published) {
                problems.push(format!(
                    "{file}: false {} {:?}: {}",
                    f.severity.as_str(),
                    at(f),
                    f.text(hyoka::i18n::Lang::Ja)
                ));
            }
        }
        if entry["expect"].as_array().unwrap().is_empty() && o.errors > 0 {
            problems.push(format!("{file}: a clean copy with {} errors", o.errors));
        }
        if let Some(limits) = entry["max_count"].as_object() {
            for (code, n) in limits {
                let count = o.findings.iter().filter(|f| &f.code == code).count() as u64;
                if count > n.as_u64().unwrap() {
                    problems.push(format!("{file}: {code} reported {count} times"));
                }
            }
        }
        if entry["not_accepted"] == true && o.status == Status::Clean {
            problems.push(format!("{file}: marked 受理"));
        }
    }
    println!(
        "seed layouts: {files} files of {} forms, {planted} planted mistakes, {findings} errors and warnings, {} problems",
        forms.len(),
        problems.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Every form of the standards is among them.
    assert_eq!(
        forms,
        [
            "export",
            "gyokaku",
            "jimu-jigyo",
            "keikaku",
            "shisaku",
            "tassei"
        ]
        .map(String::from)
        .into()
    );
}

#[test]
fn an_export_whose_year_column_holds_bare_numbers_is_dated_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let Some(manifest) = write_fixtures(dir.path(), "seed_layout::an_export_whose_year") else {
        return;
    };
    let entry = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["form"] == "export" && e["expect"].as_array().unwrap().is_empty())
        .unwrap()
        .clone();
    let path = dir.path().join(entry["file"].as_str().unwrap());
    let forms = hyoka::spec::built_in_forms().unwrap();
    let o = check_forms(&path, &forms);
    // `6` under the era the spec declares: 令和6年度, every group dated from it.
    assert_eq!(o.errors, 0, "{:?}", found(&o));
    let p = &o.projects[0];
    assert_eq!(p.data.fields["year"].raw, "6");
    assert_eq!(p.data.fields["year"].year.as_ref().unwrap().year.0, 2024);
    let years: BTreeSet<i32> = p
        .data
        .observations
        .iter()
        .filter_map(|x| x.fiscal_year().map(|y| y.0))
        .collect();
    assert_eq!(years, (2019..=2024).collect());

    // The same export read by a spec that declares 年度 as text cannot date its groups: that
    // is said once at the header, and the file is not 受理.
    let text = std::fs::read_to_string(repo().join("templates/export.toml"))
        .unwrap()
        .replace(
            "type = \"fiscal-year\"\nrequired = true\nera = \"令和\"",
            "type = \"text\"\nrequired = true",
        );
    let undated = hyoka::spec::parse_spec(&text, "export.toml").unwrap();
    let o = check_forms(&path, &[undated]);
    assert_eq!(o.status, Status::WithErrors);
    let said: Vec<_> = o.findings.iter().map(at).collect();
    assert_eq!(
        said,
        vec![(
            "layout-mismatch".to_string(),
            o.findings[0].sheet.clone().unwrap(),
            o.findings[0].cell.clone().unwrap()
        )],
        "{said:?}"
    );
    let message = o.findings[0].text(hyoka::i18n::Lang::Ja);
    assert!(message.contains("年度が読めない"), "{message}");
    let hint = o.findings[0]
        .hint
        .as_ref()
        .unwrap()
        .render(hyoka::i18n::Lang::Ja);
    assert!(hint.contains(&format!("{} 行", o.projects.len())), "{hint}");
}

#[test]
fn the_audit_compares_a_plans_targets_between_two_reports() {
    // Two reports of 達成目標 as published: they name no year, and a target of the plan was
    // changed in the second (女性委員の割合 30.0 → 130.0).
    let dir = tempfile::tempdir().unwrap();
    let Some(manifest) = write_fixtures(dir.path(), "seed_layout::the_audit_compares") else {
        return;
    };
    let files = manifest["files"].as_array().unwrap();
    let of = |mistake: Option<&str>| {
        files
            .iter()
            .find(|e| {
                e["form"] == "tassei"
                    && match mistake {
                        None => e["mistake"].is_null(),
                        Some(m) => e["mistake"].as_str().is_some_and(|t| t.contains(m)),
                    }
            })
            .unwrap()
            .clone()
    };
    let (before, after) = (of(None), of(Some("130")));
    let departments = DepartmentList::default();
    let previous = vec![check_entry(dir.path(), &before, &departments)];
    let current = vec![check_entry(dir.path(), &after, &departments)];
    let (findings, _) = crate::audit::audit_of(&previous, &current);
    let said: Vec<_> = findings.iter().map(at).collect();
    let planted = &after["expect"][0];
    assert_eq!(said.len(), 1, "{said:?}");
    assert_eq!(said[0].0, "target-changed");
    assert_eq!(Value::from(said[0].2.clone()), planted["cells"][0]);
    assert_eq!(findings[0].expected.as_deref(), Some("30"));
}

#[test]
fn a_grade_whose_indicator_cannot_be_read_is_said_not_passed() {
    // Seed 004 lays its targets and results out by year down the page, which no layout of the
    // bundled spec reads: its 進捗状況 is not judged, and the report says so at the grade.
    let dir = tempfile::tempdir().unwrap();
    let Some(manifest) = write_fixtures(dir.path(), "seed_layout::a_grade_whose") else {
        return;
    };
    let entry = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["form"] == "jimu-jigyo" && e["expect"].as_array().unwrap().is_empty())
        .unwrap()
        .clone();
    let o = check_entry(dir.path(), &entry, &DepartmentList::default());
    let said: Vec<(String, Option<String>)> = o
        .findings
        .iter()
        .filter(|f| f.code == "grade-not-checked")
        .map(|f| (f.code.clone(), f.field.clone()))
        .collect();
    assert_eq!(
        said,
        vec![(
            "grade-not-checked".to_string(),
            Some("progress".to_string())
        )]
    );
}
