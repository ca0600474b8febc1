//! The bundled samples: `consolidate samples/` reports exactly the planted mistakes
//! (samples/README.md), and the generator reproduces the committed files byte for byte.

use crate::common::*;

#[test]
fn consolidate_samples_reports_exactly_the_planted_mistakes() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let out = hyoka(
        &[
            "consolidate",
            "samples",
            "--out",
            out_dir.to_str().unwrap(),
            "--progress",
            "never",
        ],
        &repo(),
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = read_json(out_dir.join("report.json"));
    let got: Vec<(String, String, String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or("").to_string();
            (
                s("severity"),
                s("code"),
                s("file").trim_start_matches("samples/").to_string(),
                s("cell"),
            )
        })
        .collect();
    let want: Vec<(String, String, String, String)> = [
        ("error", "lock-file", "~$広報課_広報活動事業.xlsx", ""),
        (
            "error",
            "unit-mismatch",
            "デジタル推進室_デジタル推進事業.xlsx",
            "D16",
        ),
        (
            "error",
            "repeat-differs",
            "企画政策課_取り組み推進項目調書.xlsx",
            "D39",
        ),
        (
            "warning",
            "cross-form-mismatch",
            "企画政策課_施策1-4_デジタル技術による行政サービスの向上.xlsx",
            "F14",
        ),
        (
            "warning",
            "cross-form-mismatch",
            "企画政策課_施策1-4_デジタル技術による行政サービスの向上.xlsx",
            "E16",
        ),
        (
            "warning",
            "cross-form-mismatch",
            "企画政策課_施策1-4_デジタル技術による行政サービスの向上.xlsx",
            "F16",
        ),
        (
            "error",
            "numbering-gap",
            "企画政策課_行動計画実施状況.xlsx",
            "B20",
        ),
        (
            "error",
            "choice-invalid",
            "企画政策課_達成目標_紡ぐ6.xlsx",
            "B23",
        ),
        (
            "error",
            "grade-mismatch",
            "協働推進課_町民活動推進事業.xlsx",
            "C33",
        ),
        ("error", "eval-year-phase", "広報課_広報活動事業.xlsx", "E8"),
        (
            "warning",
            "unit-inconsistent",
            "戸籍税務課_取り組み推進項目調書.xlsx",
            "F14",
        ),
        (
            "error",
            "negative",
            "税務課_キャッシュレス決済導入事業.xlsx",
            "D12",
        ),
        (
            "error",
            "value-missing",
            "総務課_取り組み推進項目調書.xlsx",
            "F31",
        ),
        (
            "warning",
            "derived-overwritten",
            "総務課_押印の見直し事業.xlsx",
            "D18",
        ),
        (
            "warning",
            "derived-overwritten",
            "総務課_押印の見直し事業.xlsx",
            "D19",
        ),
        (
            "warning",
            "cross-form-mismatch",
            "総務課_施策1-3_職員の育成と組織力の強化.xlsx",
            "F11",
        ),
        (
            "error",
            "value-missing",
            "総務課_施策1-3_職員の育成と組織力の強化.xlsx",
            "J11",
        ),
        (
            "error",
            "grade-mismatch",
            "総務課_施策1-3_職員の育成と組織力の強化.xlsx",
            "I17",
        ),
        (
            "error",
            "derived-overwritten",
            "職員課_職員育成推進事業.xlsx",
            "D19",
        ),
        (
            "error",
            "project-cost",
            "評価システム出力_令和6年度.xlsx",
            "AQ44",
        ),
        (
            "error",
            "staff-cost",
            "評価システム出力_令和6年度.xlsx",
            "BO152",
        ),
        (
            "error",
            "required-missing",
            "評価システム出力_令和6年度.xlsx",
            "D279",
        ),
        (
            "error",
            "budget-total",
            "財務課_施策2-1_公共施設の再編と財政基盤の強化.xlsx",
            "D15",
        ),
        (
            "error",
            "step-not-listed",
            "財政課_行動計画実施状況.xlsx",
            "G20",
        ),
    ]
    .iter()
    .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
    .collect();
    assert_eq!(got, want);
    // 12 事務事業評価シート, 3 施策評価シート, 1 達成目標, 4 取り組み推進項目調書 and 2 実施状況
    // workbooks, one system export of 300 projects, the lock file, and samples/README.md
    // listed as ignored.
    assert_eq!(report["totals"]["files"], 25);
    assert_eq!(report["totals"]["ignored"], 1);
    assert_eq!(report["totals"]["projects"], 322);
    let forms: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["form"].as_str())
        .collect();
    assert_eq!(forms.iter().filter(|f| **f == "shisaku").count(), 3);
    assert_eq!(forms.iter().filter(|f| **f == "gyokaku").count(), 4);
    assert_eq!(forms.iter().filter(|f| **f == "keikaku").count(), 2);
    for name in [
        "report.json",
        "report.xlsx",
        "consolidated.xlsx",
        "consolidated.csv",
        "feedback/職員課.xlsx",
    ] {
        assert!(out_dir.join(name).is_file(), "{name}");
    }
}

#[test]
fn samples_are_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_make-samples"))
        .args(["--out", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(status.status.success());
    let mut names: Vec<_> = std::fs::read_dir(repo().join("samples"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n != "README.md")
        .collect();
    names.sort();
    assert_eq!(names.len(), 24);
    for n in names {
        let committed = std::fs::read(repo().join("samples").join(&n)).unwrap();
        let fresh = std::fs::read(dir.path().join(&n)).unwrap();
        assert!(
            committed == fresh,
            "samples/{n} differs from what make-samples writes now"
        );
    }
}

#[test]
fn last_years_samples_are_reproducible_and_the_audit_finds_what_was_planted() {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_make-samples"))
        .args(["--previous", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(status.status.success());
    let mut names: Vec<_> = std::fs::read_dir(repo().join("samples-previous"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n != "README.md")
        .collect();
    names.sort();
    assert_eq!(names.len(), 14);
    for n in &names {
        let committed = std::fs::read(repo().join("samples-previous").join(n)).unwrap();
        let fresh = std::fs::read(dir.path().join(n)).unwrap();
        assert!(
            committed == fresh,
            "samples-previous/{n} differs from make-samples"
        );
    }
    // The README's audit example.
    let out = dir.path().join("audit");
    let o = hyoka(
        &[
            "audit",
            "--previous",
            "samples-previous",
            "--current",
            "samples",
            "--config",
            "samples-previous/hyoka.toml",
            "--out",
            out.to_str().unwrap(),
        ],
        &repo(),
    );
    assert_eq!(o.status.code(), Some(1));
    let json = read_json(out.join("report.json"));
    let found: Vec<(String, String, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["cell"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        (
            "project-vanished",
            "samples-previous/企画政策課_窓口サービス改善事業.xlsx",
            "G3",
        ),
        // Marked 廃止 last year: listed, as information.
        (
            "project-vanished",
            "samples-previous/総務課_旧庁舎管理事業.xlsx",
            "G3",
        ),
        ("project-appeared", "samples/企画政策課_産学連携.xlsx", "J5"),
        (
            "prior-figure-changed",
            "samples/協働推進課_町民活動推進事業.xlsx",
            "D12",
        ),
        (
            "target-changed",
            "samples/情報政策課_情報システム運用事業.xlsx",
            "G25",
        ),
        (
            "figures-changed-grade-same",
            "samples/総務課_押印の見直し事業.xlsx",
            "C29",
        ),
        ("cost-jump", "samples/財政課_施設再編推進事業.xlsx", "D20"),
    ]
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()));
    assert_eq!(found, want);
    let info: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "info")
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    // The project that ended, and the grade kept while the achievement moved band.
    assert_eq!(
        info,
        vec![
            "samples-previous/総務課_旧庁舎管理事業.xlsx",
            "samples/総務課_押印の見直し事業.xlsx"
        ]
    );
    // The renumbered 施設再編推進事業 was matched through hyoka.toml.
    assert!(json["matches"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["id"] == "20-101" && m["by"] == "renamed"));
}
