//! The one list of codes: `hyoka rules` prints it, the README's table is it, and every code a
//! run reports is in it (or defined by the form's spec).

use crate::common::*;

#[test]
fn the_readme_table_is_the_registry() {
    let out = hyoka(&["rules", "--markdown", "--lang", "en"], &repo());
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8(out.stdout).unwrap();
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let start = readme.find("<!-- rules:start -->\n").unwrap() + "<!-- rules:start -->\n".len();
    let end = readme.find("<!-- rules:end -->").unwrap();
    assert_eq!(
        &readme[start..end],
        table,
        "README's table differs: paste `hyoka rules --markdown --lang en`"
    );
}

#[test]
fn rules_lists_the_codes_the_forms_define() {
    let out = hyoka(&["rules"], &repo());
    let text = String::from_utf8(out.stdout).unwrap();
    for code in [
        "grade-mismatch\terror",
        "general-revenue\terror",
        "target-count-positive\terror",
    ] {
        assert!(text.contains(code), "{code} in\n{text}");
    }
    let en = String::from_utf8(hyoka(&["rules", "--lang", "en"], &repo()).stdout).unwrap();
    assert!(en.contains("stale-cached-value\twarning\ta formula's saved result"));
}

#[test]
fn every_code_a_run_reports_is_registered() {
    let dir = tempfile::tempdir().unwrap();
    let samples = repo().join("samples");
    let out = hyoka(
        &[
            "validate",
            samples.to_str().unwrap(),
            "--out",
            "out",
            "--progress",
            "never",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let report = read_json(dir.path().join("out/report.json"));
    let forms = hyoka::spec::built_in_forms().unwrap();
    let spec_codes: Vec<String> = forms
        .iter()
        .flat_map(|f| f.blocks.iter())
        .flat_map(|b| {
            b.rows
                .iter()
                .map(|r| r.code.clone())
                .chain(b.checks.iter().map(|c| c.code.clone()))
        })
        .collect();
    let findings = report["findings"].as_array().unwrap();
    assert!(findings.len() >= 9);
    for f in findings {
        let code = f["code"].as_str().unwrap();
        assert!(
            hyoka::check::registry::find(code).is_some() || spec_codes.iter().any(|c| c == code),
            "{code} is not registered"
        );
    }
}

#[test]
fn rules_code_explains_every_built_in_code_in_both_languages() {
    let codes = String::from_utf8(hyoka(&["rules", "--lang", "en"], &repo()).stdout).unwrap();
    let built_in: Vec<&str> = codes
        .lines()
        .filter(|l| l.split('\t').count() == 3)
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert!(built_in.len() > 60, "{built_in:?}");
    for code in &built_in {
        for (lang, heads) in [
            ("ja", ["点検すること", "なぜ", "誤りの例", "直し方", "重さ"]),
            (
                "en",
                ["What it checks", "Why", "Example", "Fix", "Severity"],
            ),
        ] {
            let out = hyoka(&["rules", code, "--lang", lang], &repo());
            assert_eq!(out.status.code(), Some(0), "{code} {lang}");
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(text.starts_with(&format!("{code} — ")), "{text}");
            for h in heads {
                assert!(
                    text.contains(&format!("\n{h}: ")),
                    "{code} {lang}: {h} in\n{text}"
                );
            }
        }
    }
    // A code a form's spec defines is explained by its own rule and spec file.
    let out = hyoka(&["rules", "general-revenue"], &repo());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("jimu-jigyo.toml") && text.contains("一般財源"),
        "{text}"
    );
    // An unknown code is said to be unknown, in the language asked for.
    let out = hyoka(&["rules", "no-such-code", "--lang", "en"], &repo());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("no finding code \"no-such-code\""));
}
