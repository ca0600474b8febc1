//! hyoka.toml and the accepted-findings file, through the command line.

use crate::common::*;

#[test]
fn init_writes_a_config_that_loads_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let o = hyoka(&["init"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("hyoka.toml"));
    let text = std::fs::read_to_string(dir.path().join("hyoka.toml")).unwrap();
    hyoka::config::parse(&text, "hyoka.toml").unwrap();
    let again = hyoka(&["init"], dir.path());
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("上書きしません"));
    // The example is found in the working folder and used: its year is not the samples'
    // for every sheet, so validate reports the sheets of other years.
    let out = dir.path().join("out");
    let samples = repo().join("samples/職員課_職員育成推進事業.xlsx");
    let o = hyoka(
        &[
            "validate",
            samples.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn a_config_mistake_stops_the_run_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("hyoka.toml"),
        "fiscal_year = \"R6\"\nfiscal_yaer = \"R6\"\n[audit]\ncost_jump_ratio = 0.9\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = hyoka(
        &[
            "validate",
            repo().join("samples").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("hyoka.toml:2:") && err.contains("fiscal_yaer"),
        "{err}"
    );
    assert!(
        err.contains("hyoka.toml:4:") && err.contains("cost_jump_ratio"),
        "{err}"
    );
    assert!(!out.join("report.json").exists());
}

fn write_accepted(dir: &std::path::Path, entries: &str) -> std::path::PathBuf {
    std::fs::write(dir.join("accepted.toml"), entries).unwrap();
    let config = dir.join("hyoka.toml");
    std::fs::write(&config, "accepted = \"accepted.toml\"\n").unwrap();
    config
}

#[test]
fn accepted_findings_turn_into_info_everywhere_and_stale_ones_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_accepted(
        dir.path(),
        r#"
[[accepted]]
code = "derived-overwritten"
file = "職員課_職員育成推進事業.xlsx"
cell = "D19"
reason = "決算額で確定（研修費の追加分）"
by = "財政課 山田"
date = "2026-11-20"

[[accepted]]
code = "negative"
project = "99-999"
reason = "もう無い事業"
by = "財政課 山田"
date = "2026-11-20"
"#,
    );
    let out = dir.path().join("out");
    let o = consolidate_samples(&out, &["--config", config.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("99-999") || err.contains("negative"), "{err}");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    let f = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            f["code"] == "derived-overwritten" && f["file"].as_str().unwrap().contains("職員課_")
        })
        .unwrap();
    assert_eq!(f["severity"], "info");
    assert!(f["accepted"].as_str().unwrap().contains("研修費"));
    assert_eq!(json["stale_accepted"].as_array().unwrap().len(), 1);
    assert_eq!(json["stale_accepted"][0]["code"], "negative");
    // The council book takes the accepted figure: 職員課's project is no longer excluded.
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(out.join("consolidated.xlsx")).unwrap();
    use calamine::Reader;
    let projects = wb.worksheet_range("事業一覧").unwrap();
    let row = projects
        .rows()
        .find(|r| r.iter().any(|c| c.to_string() == "職員育成推進事業"))
        .unwrap();
    assert_ne!(row[2].to_string(), "エラーあり");
    // The report shows the reason beside the message.
    let r = wb_range(&out.join("report.xlsx"), "指摘");
    assert!(r
        .rows()
        .any(|row| row[9].to_string().contains("承認済み: 決算額で確定")));
}

fn wb_range(path: &std::path::Path, sheet: &str) -> calamine::Range<calamine::Data> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    wb.worksheet_range(sheet).unwrap()
}

#[test]
fn an_acceptance_without_a_reason_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_accepted(
        dir.path(),
        "[[accepted]]\ncode = \"negative\"\nfile = \"税務課_キャッシュレス決済導入事業.xlsx\"\nreason = \"\"\nby = \"山田\"\ndate = \"2026-11-20\"\n",
    );
    let out = dir.path().join("out");
    let o = consolidate_samples(&out, &["--config", config.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("accepted.toml:4:") && err.contains("理由"),
        "{err}"
    );
}

#[test]
fn grade_bands_and_the_audit_tolerance_take_effect() {
    let dir = tempfile::tempdir().unwrap();
    let sample = repo().join("samples/企画政策課_行政改革推進事業.xlsx");
    let run = |config: &str| {
        std::fs::write(dir.path().join("hyoka.toml"), config).unwrap();
        let out = dir.path().join("out");
        hyoka(
            &[
                "validate",
                sample.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ],
            dir.path(),
        );
        count_of(&out, "grade-mismatch")
    };
    let plain = run("");
    // An A that needs 1,000 % achievement: the sheet's A no longer fits its band.
    let strict =
        run("[grade_bands.jimu-jigyo]\nbands = [[\"A\", 1000], [\"B\", 500], [\"C\", 0]]\n");
    assert_eq!(plain, 0);
    assert!(strict >= 1, "grade bands from hyoka.toml not used");
    let unknown = {
        std::fs::write(
            dir.path().join("hyoka.toml"),
            "[grade_bands.no-such-form]\nbands = [[\"A\", 100], [\"B\", 0]]\n",
        )
        .unwrap();
        hyoka(
            &[
                "validate",
                sample.to_str().unwrap(),
                "--out",
                dir.path().join("o").to_str().unwrap(),
            ],
            dir.path(),
        )
    };
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no-such-form"));

    // The audit's tolerance: a difference of 500 is let through at 500, reported below it.
    let audit = |tolerance: &str| {
        std::fs::write(
            dir.path().join("hyoka.toml"),
            format!("tolerance = {tolerance}\n[audit]\nrenamed = {{ \"20-001\" = \"20-101\" }}\n"),
        )
        .unwrap();
        let out = dir.path().join("audit");
        hyoka(
            &[
                "audit",
                "--previous",
                repo().join("samples-previous").to_str().unwrap(),
                "--current",
                repo().join("samples").to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ],
            dir.path(),
        );
        count_of(&out, "prior-figure-changed")
    };
    assert_eq!(audit("0"), 1);
    assert_eq!(audit("500"), 0);
}

/// How many findings of a code the report in `out` holds.
fn count_of(out: &std::path::Path, code: &str) -> usize {
    read_json(out.join("report.json"))["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code)
        .count()
}
