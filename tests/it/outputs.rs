//! What hyoka writes, read back and compared: reports, feedback, the unified workbook, the
//! CSV, the template; determinism; exit codes; languages.

use crate::common::*;
use calamine::{open_workbook, Data, Reader, Xlsx};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn sheet(path: &Path, name: &str) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    wb.worksheet_range(name).unwrap()
}

fn text(r: &calamine::Range<Data>, row: usize, col: usize) -> String {
    r.get_value((row as u32, col as u32))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

#[test]
fn same_inputs_give_byte_identical_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    consolidate_samples(&a, &[]);
    consolidate_samples(&b, &["--jobs", "1"]);
    let mut n = 0;
    for entry in walk(&a) {
        let rel = entry.strip_prefix(&a).unwrap();
        assert!(
            std::fs::read(&entry).unwrap() == std::fs::read(b.join(rel)).unwrap(),
            "{}",
            rel.display()
        );
        n += 1;
    }
    assert!(n >= 15, "{n} files compared");
}

fn walk(d: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(d).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn report_workbook_matches_the_json() {
    let dir = tempfile::tempdir().unwrap();
    consolidate_samples(dir.path(), &[]);
    let json: serde_json::Value = read_json(dir.path().join("report.json"));
    let findings = json["findings"].as_array().unwrap();
    let r = sheet(&dir.path().join("report.xlsx"), "指摘");
    assert_eq!(r.height(), findings.len() + 1);
    assert_eq!(text(&r, 0, 0), "重要度");
    // The same findings, ordered by 課 (paths shown from the folder read, `samples/` off).
    let files: Vec<(String, String)> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["department"].as_str().unwrap_or("部署不明").to_string(),
            )
        })
        .collect();
    let mut rows: Vec<Vec<String>> = (1..r.height())
        .map(|i| (0..13).map(|c| text(&r, i, c)).collect())
        .collect();
    let mut last_department = String::new();
    let mut seen = std::collections::BTreeSet::new();
    for row in &rows {
        if row[1] != last_department {
            assert!(seen.insert(row[1].clone()), "{} comes twice", row[1]);
            last_department = row[1].clone();
        }
    }
    let mut expected: Vec<Vec<String>> = findings
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap();
            let department = files.iter().find(|(p, _)| p == file).unwrap().1.clone();
            vec![
                department,
                file.strip_prefix("samples/").unwrap().to_string(),
                f["cell"].as_str().unwrap_or("").to_string(),
                f["field_label"].as_str().unwrap_or("").to_string(),
                f["message"].as_str().unwrap().to_string(),
                f["code"].as_str().unwrap().to_string(),
            ]
        })
        .collect();
    let mut shown: Vec<Vec<String>> = rows
        .drain(..)
        .map(|row| {
            vec![
                row[1].clone(),
                row[2].clone(),
                row[4].clone(),
                row[5].clone(),
                row[9].clone(),
                row[11].clone(),
            ]
        })
        .collect();
    // 項目 is the label the form prints, never the spec's key; nothing is lost or added.
    expected.sort();
    shown.sort();
    assert_eq!(shown, expected);
    // 24 inputs and samples/README.md, listed as ignored.
    let files = sheet(&dir.path().join("report.xlsx"), "ファイル");
    assert_eq!(files.height(), 26);
    // Links open the source workbook at the cell.
    let mut wb: Xlsx<_> = open_workbook(dir.path().join("report.xlsx")).unwrap();
    let links = wb.hyperlinks_by_sheet_name("指摘").unwrap();
    assert!(
        links
            .iter()
            .any(|l| format!("{l:?}").contains("職員課_職員育成推進事業.xlsx")),
        "{links:?}"
    );
    // The lock file's row (`~$広報課_…`, however the link encodes `$`) has nothing to open.
    assert!(
        !links.iter().any(|l| format!("{l:?}").contains('~')),
        "{links:?}"
    );
}

#[test]
fn feedback_holds_one_department_only() {
    let dir = tempfile::tempdir().unwrap();
    consolidate_samples(dir.path(), &[]);
    let r = sheet(&dir.path().join("feedback/職員課.xlsx"), "指摘");
    assert_eq!(r.height(), 2);
    assert_eq!(text(&r, 1, 11), "derived-overwritten");
    assert!(text(&r, 1, 1).contains("職員課_"));
    // The lock file has no 課 cell: its name's prefix (`~$広報課_…`) says whose it is.
    let r = sheet(&dir.path().join("feedback/広報課.xlsx"), "指摘");
    assert!(
        (1..r.height()).any(|row| text(&r, row, 11) == "lock-file"),
        "lock-file not in 広報課's feedback"
    );
    assert!(!dir.path().join("feedback/部署不明.xlsx").exists());
    assert_eq!(names_in(&dir.path().join("feedback")).len(), 12);
}

#[test]
fn unified_workbook_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    consolidate_samples(dir.path(), &[]);
    let book = dir.path().join("consolidated.xlsx");
    // The council book is in Japanese: 明細's headers too (the CSV keeps its English names).
    let long = sheet(&book, "明細");
    assert_eq!(text(&long, 0, 0), "課名");
    assert_eq!(text(&long, 0, 14), "状態");
    let status = sheet(&book, "提出状況");
    assert_eq!(status.height(), 26);
    let projects = sheet(&book, "事業一覧");
    assert_eq!(projects.height(), 323);
    let header: Vec<String> = (0..projects.width())
        .map(|c| text(&projects, 0, c))
        .collect();
    let col = |h: &str| header.iter().position(|x| x == h).unwrap();
    let row = (1..projects.height())
        .find(|&r| text(&projects, r, col("名称")) == "行政改革推進事業")
        .unwrap();
    assert_eq!(
        projects.get_value((row as u32, col("令和6年度 トータルコスト") as u32)),
        Some(&Data::Float(1_023.0))
    );
    assert_eq!(text(&projects, row, col("セル")), "G3");
    // Normalised values: full-width 事業番号 and `R6` are exported folded.
    let row = (1..projects.height())
        .find(|&r| text(&projects, r, col("名称")) == "情報システム運用事業")
        .unwrap();
    assert_eq!(text(&projects, row, col("番号")), "10-105");
    assert_eq!(text(&projects, row, col("評価年度")), "令和6年度");

    // The CSV: BOM, the contract's columns, one row per project × measure × year.
    let bytes = std::fs::read(dir.path().join("consolidated.csv")).unwrap();
    assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF]);
    let csv = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next().unwrap(), "department,project_id,form,form_label,block,block_label,heading,record,measure,measure_label,fiscal_year,phase,value,unit,source_file,source_sheet,source_cell,status");
    // Each key with its words beside it.
    assert!(csv.contains("経営企画課,40-106,jimu-jigyo,事務事業評価シート,cost,コスト（単位：千円）,,,staff_cost,"), "{csv:.3000}");
    let csv = csv_keys(&dir.path().join("consolidated.csv"));
    assert!(csv.contains("経営企画課,40-106,jimu-jigyo,cost,,,staff_cost,2021,actual,818,千円,samples/経営企画課_様々な主体との連携推進事業.xlsx,事務事業評価シート,C16,ok"));
    // 職員課's sheet has an error (its typed-over トータルコスト): every row of it says so.
    assert!(csv
        .lines()
        .filter(|l| l.contains("職員課_職員育成推進事業"))
        .all(|l| l.ends_with(",errors")));
    assert!(csv.contains("経営企画課,40-106,jimu-jigyo,kpi,,1,kpi.1.actual,2022,actual,4,団体,"));

    // The per-department sums equal the CSV's totals of projects without errors, and are live
    // formulas; a year none of them reports is blank, not 0; a year only projects with errors
    // report reads 除外. Each form's total: トータルコスト of a project, 合計 of a 施策's budget
    // projects. (CSV columns as the keys alone: department 0, form 2, measure 6, year 7,
    // value 9, file 11, sheet 12, status 14.)
    let mut sums: BTreeMap<(String, String, i32), f64> = BTreeMap::new();
    let mut left_out: BTreeSet<(String, String, i32)> = BTreeSet::new();
    let mut excluded: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    let mut departments: BTreeSet<String> = BTreeSet::new();
    for l in csv.lines().skip(1) {
        let c: Vec<&str> = l.split(',').collect();
        let department = if c[0].is_empty() {
            "部署不明"
        } else {
            c[0]
        };
        departments.insert(department.to_string());
        let total = c[6] == "total" || c[6] == "budget.sum.cost";
        let key = (
            department.to_string(),
            c[2].to_string(),
            c[7].parse().unwrap(),
        );
        if c[14] == "errors" {
            excluded
                .entry((department.to_string(), c[2].to_string()))
                .or_default()
                .insert(format!("{}{}", c[11], c[12]));
            if total {
                left_out.insert(key);
            }
            continue;
        }
        if total {
            *sums.entry(key).or_default() += c[9].parse::<f64>().unwrap();
        }
    }
    let forms = hyoka::spec::load_forms(None).unwrap();
    let summary = sheet(&book, "部課別集計");
    let mut wb: Xlsx<_> = open_workbook(&book).unwrap();
    let formulas = wb.worksheet_formula("部課別集計").unwrap();
    let mut checked = 0;
    let (mut form, mut years): (String, Vec<i32>) = (String::new(), Vec::new());
    let mut departments_seen = BTreeSet::new();
    for r in 0..summary.height() {
        let first = text(&summary, r, 0);
        // A form's table: its heading names the form, its header row the years.
        if let Some(f) = forms
            .iter()
            .find(|f| first.starts_with("部課別集計") && first.contains(&f.form.name))
        {
            form = f.form.id.clone();
            continue;
        }
        if first == "部・課" {
            assert_eq!(text(&summary, r, 1), "除外");
            years = (2..summary.width())
                .map_while(|c| hyoka::normalise::parse_fiscal_year(&text(&summary, r, c), None))
                .map(|p| p.year.0)
                .collect();
            continue;
        }
        if first.ends_with("（グラフの元）") {
            // The chart's data repeats the lines above: not checked twice.
            years.clear();
            continue;
        }
        if years.is_empty() || !departments.contains(&first) {
            continue;
        }
        departments_seen.insert((first.clone(), form.clone()));
        for (i, y) in years.iter().enumerate() {
            let got = summary.get_value((r as u32, i as u32 + 2));
            let key = (first.clone(), form.clone(), *y);
            match sums.get(&key) {
                Some(want) => assert_eq!(got, Some(&Data::Float(*want)), "{first} {y}"),
                None if left_out.contains(&key) => assert_eq!(
                    got,
                    Some(&Data::String("除外".into())),
                    "{first} {form} {y}"
                ),
                None => assert!(
                    matches!(got, None | Some(Data::Empty))
                        || got == Some(&Data::String(String::new())),
                    "{first} {form} {y}: {got:?}"
                ),
            }
            checked += 1;
        }
        // Beside the name, how many projects with errors were left out (a project with no
        // numbers in the CSV still counts, so at least those seen).
        let n = excluded
            .get(&(first.clone(), form.clone()))
            .map_or(0, |s| s.len());
        let shown = match summary.get_value((r as u32, 1)) {
            Some(Data::Float(v)) => *v as usize,
            other => panic!("{first} {form}: {other:?}"),
        };
        assert!(shown >= n, "{first} {form}: {shown} < {n}");
        if n > 0 {
            let note = text(&summary, r, 2 + years.len());
            assert!(note.contains("除外"), "{first} {form}: no note of why");
        }
    }
    assert!(checked > 20, "{checked}");
    assert!(departments_seen.contains(&("職員課".to_string(), "jimu-jigyo".to_string())));
    assert!(departments_seen.contains(&("部署不明".to_string(), "export".to_string())));
    assert!(formulas.used_cells().all(|(_, _, f)| f.starts_with("IF(")
        || f.starts_with("COUNTIFS(")
        || f.starts_with("SUM(")));
    // Blank years are found with ISNUMBER: LibreOffice counts empty cells as COUNTIFS "<>".
    assert!(formulas
        .used_cells()
        .any(|(_, _, f)| f.contains("ISNUMBER(")));
    assert!(formulas.used_cells().count() >= checked);
    // 部 from the sheets' 部名 (事務事業評価シート): each with its subtotal row above its 課.
    let bureau = (0..summary.height())
        .find(|&r| text(&summary, r, 0) == "総務部")
        .expect("総務部 subtotal");
    assert!(formulas
        .get_value((bureau as u32, 2))
        .is_some_and(|f| f.starts_with("IF(COUNT(")));
}

#[test]
fn cp932_csv_for_older_tools() {
    let dir = tempfile::tempdir().unwrap();
    let out = consolidate_samples(dir.path(), &["--csv-encoding", "cp932"]);
    assert_eq!(out.status.code(), Some(1));
    let bytes = std::fs::read(dir.path().join("consolidated.csv")).unwrap();
    let (text, _, errors) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(!errors);
    assert!(text.contains("経営企画課,40-106"));
    // 達成目標's headings hold ▶, which cp932 lacks: written as 〓, and said.
    assert!(text.contains("紡ぐ6 〓 ②健全な行財政の推進"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("〓 に置き換えました（▶）"));
}

#[test]
fn english_messages() {
    let dir = tempfile::tempdir().unwrap();
    let out = consolidate_samples(dir.path(), &["--lang", "en"]);
    let json: serde_json::Value = read_json(dir.path().join("report.json"));
    for f in json["findings"].as_array().unwrap() {
        let m = f["message"].as_str().unwrap();
        assert!(m.is_ascii() || m.contains('"') || m.contains("FY"), "{m}");
    }
    assert!(String::from_utf8_lossy(&out.stderr).contains("files 25"));
    let fb = dir.path().join("feedback/広報課.xlsx");
    let wb: Xlsx<_> = open_workbook(&fb).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["cover", "findings", "files", "codes explained"]
    );
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = clean();
    d.fields.insert(
        "name".into(),
        hyoka::write::form_sheet::CellInput::Text("=HYPERLINK(\"http://x\",\"y\")".into()),
    );
    d.fields.insert(
        "ka".into(),
        hyoka::write::form_sheet::CellInput::Text("-経営企画課".into()),
    );
    std::fs::create_dir(dir.path().join("in")).unwrap();
    write_book(&dir.path().join("in"), "f.xlsx", &d, &layout());
    run_in(dir.path(), "consolidate", "in", 0);
    let book = dir.path().join("out/consolidated.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&book).unwrap();
    let formulas = wb.worksheet_formula("事業一覧").unwrap();
    assert_eq!(
        formulas.used_cells().count(),
        0,
        "no formula in the project list"
    );
    let projects = sheet(&book, "事業一覧");
    assert!((0..projects.width()).any(|c| text(&projects, 1, c).starts_with("=HYPERLINK")));
    let csv = std::fs::read_to_string(dir.path().join("out/consolidated.csv")).unwrap();
    assert!(csv.contains("\n'-経営企画課,"), "{csv}");
    assert!(dir.path().join("out/feedback/-経営企画課.xlsx").is_file());
}

#[test]
fn template_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let out = hyoka(
        &[
            "template",
            "jimu-jigyo",
            "--year",
            "令和5年度",
            "--out",
            "t.xlsx",
        ],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let t = dir.path().join("t.xlsx");
    let r = sheet(&t, "事務事業評価シート");
    assert_eq!(text(&r, 0, 1), "事務事業評価シート");
    assert_eq!(
        (text(&r, 7, 2), text(&r, 7, 3), text(&r, 7, 4)),
        ("令和4年度".into(), "令和5年度".into(), "令和6年度".into())
    );
    assert_eq!(text(&r, 4, 2), "令和5年度");
    let mut wb: Xlsx<_> = open_workbook(&t).unwrap();
    let f = wb.worksheet_formula("事務事業評価シート").unwrap();
    assert_eq!(
        f.get_value((13, 3)).map(String::as_str),
        Some("D10-D11-D12-D13")
    );
    assert!(wb.sheet_names().contains(&"記入要領".to_string()));
    // The blank template: only the required header fields are reported.
    let o = check(&t);
    let codes: Vec<(String, String)> = found(&o);
    assert_eq!(
        codes,
        vec![
            pair("required-missing", "C3"),
            pair("required-missing", "G3"),
            pair("required-missing", "C4"),
            pair("required-missing", "G4")
        ]
    );
    // Filled by a test with the same layout: clean.
    let filled = write_book(dir.path(), "filled.xlsx", &clean(), &layout());
    assert_eq!(found(&check(&filled)), vec![]);
}

#[test]
fn exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    write_book(dir.path(), "good.xlsx", &clean(), &layout());
    assert_eq!(
        hyoka(&["validate", "good.xlsx", "--out", "o"], dir.path())
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        hyoka(&["validate", "missing.xlsx", "--out", "o"], dir.path())
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        hyoka(&["validate", "--bogus"], dir.path()).status.code(),
        Some(2)
    );
    assert_eq!(
        hyoka(
            &["template", "nope", "--year", "R5", "--out", "x.xlsx"],
            dir.path()
        )
        .status
        .code(),
        Some(2)
    );
    // An output folder that cannot be made (a file stands there).
    std::fs::write(dir.path().join("taken"), "x").unwrap();
    let out = hyoka(&["validate", "good.xlsx", "--out", "taken"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("taken"));
    let bad = dir.path().join("templates");
    std::fs::create_dir(&bad).unwrap();
    std::fs::write(bad.join("broken.toml"), "[form]\nid = 1\n").unwrap();
    let out = hyoka(&["validate", "good.xlsx", "--out", "o"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken.toml:"));
}

#[test]
fn an_unusable_output_folder_is_named_in_the_runs_language() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out");
    std::fs::write(&file, b"").unwrap();
    for (lang, words) in [
        ("ja", "出力フォルダ"),
        ("en", "cannot write to the output folder"),
    ] {
        let out = hyoka(
            &[
                "validate",
                "samples",
                "--out",
                file.to_str().unwrap(),
                "--lang",
                lang,
            ],
            &repo(),
        );
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(words) && err.contains(file.to_str().unwrap()),
            "{err}"
        );
        assert!(!err.contains("os error"), "{err}");
    }
}

#[test]
fn progress_always_draws_the_bar_when_piped_and_auto_prints_lines() {
    let dir = tempfile::tempdir().unwrap();
    let one = "samples/税務課_キャッシュレス決済導入事業.xlsx";
    let run = |mode: &str| {
        let out = hyoka(
            &[
                "validate",
                one,
                "--out",
                dir.path().to_str().unwrap(),
                "--progress",
                mode,
            ],
            &repo(),
        );
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    let always = run("always");
    assert!(always.contains('█') && always.contains("1/1"), "{always}");
    let auto = run("auto");
    assert!(auto.contains("hyoka: 1/1") && !auto.contains('█'), "{auto}");
    assert!(!run("never").contains("1/1"));
}

#[test]
fn a_template_written_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("調書.xlsx");
    let out = hyoka(
        &[
            "template",
            "gyokaku",
            "--year",
            "令和4年度",
            "--out",
            path.to_str().unwrap(),
        ],
        &repo(),
    );
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("取り組み推進項目調書（令和4年度）のテンプレートを書き出しました")
            && err.contains(path.to_str().unwrap()),
        "{err}"
    );
}

#[test]
fn a_workbook_without_a_form_sheet_is_called_so_not_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    let memo = crate::xml_book::SheetXml::new("メモ").cell("A1", crate::xml_book::s("連絡事項"));
    std::fs::write(
        inputs.join("メモ.xlsx"),
        crate::xml_book::xlsx(&[memo], true),
    )
    .unwrap();
    std::fs::write(inputs.join("壊れた.xlsx"), b"PK\x03\x04 not really").unwrap();
    let out_dir = dir.path().join("out");
    let out = hyoka(
        &[
            "validate",
            inputs.to_str().unwrap(),
            "--out",
            out_dir.to_str().unwrap(),
            "--progress",
            "never",
        ],
        &repo(),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    // One separator throughout, each kind counted apart, and where the outputs went.
    assert!(
        err.contains("（受理 0、エラーあり 0、様式なし 1、読めず 1）"),
        "{err}"
    );
    assert!(
        err.contains(&format!("出力先 {}", out_dir.display())),
        "{err}"
    );
    assert!(err.contains("多い指摘: "), "{err}");
    let report = read_json(out_dir.join("report.json"));
    assert_eq!(report["totals"]["no_form_sheet"], 1);
    let files = sheet(&out_dir.join("report.xlsx"), "ファイル");
    let words: Vec<String> = (1..files.height()).map(|r| text(&files, r, 3)).collect();
    assert!(words.contains(&"様式なし".to_string()), "{words:?}");
    assert!(words.contains(&"読めず".to_string()), "{words:?}");
}

#[test]
fn the_command_line_speaks_japanese_unless_asked_for_english() {
    let dir = tempfile::tempdir().unwrap();
    let o = hyoka(&["--help"], dir.path());
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(
        help.contains("使い方: hyoka <コマンド>") && help.contains("コマンド:"),
        "{help}"
    );
    assert!(
        help.contains("このヘルプを表示する") && !help.contains("Print help"),
        "{help}"
    );
    let o = hyoka(&["consolidate", "--help"], dir.path());
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(
        help.contains("提出年度") && help.contains("［既定: utf8］"),
        "{help}"
    );
    let o = hyoka(&["--help", "--lang", "en"], dir.path());
    assert!(String::from_utf8_lossy(&o.stdout).contains("Usage: hyoka <COMMAND>"));
    // An English locale asks for English too.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_hyoka"))
        .arg("--help")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains("Usage:"));
    // Argument errors: Japanese, with the likely meant option, exit 2.
    let o = hyoka(&["validate", "x", "--out", "o", "--jbos", "2"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("「--jbos」というオプションはありません（もしかして「--jobs」）"),
        "{err}"
    );
    let o = hyoka(
        &["validate", "x", "--out", "o", "--jbos", "2", "--lang", "en"],
        dir.path(),
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("unexpected argument"));
}

#[test]
fn years_and_forms_as_people_write_them() {
    let dir = tempfile::tempdir().unwrap();
    // 令和6 without 年度, R6 and 2024 all name the samples' year: no sheet is off it but the
    // planted ones, so the same counts each way.
    let mut counts = Vec::new();
    for year in ["令和6年度", "令和6", "R6", "2024"] {
        let out = dir.path().join(format!("out-{year}"));
        let o = consolidate_samples(&out, &["--year", year]);
        assert_eq!(o.status.code(), Some(1), "{year}");
        counts.push(read_json(out.join("report.json"))["totals"]["errors"].clone());
    }
    assert!(counts.windows(2).all(|w| w[0] == w[1]), "{counts:?}");
    let o = hyoka(
        &["validate", "x", "--out", "o", "--year", "来年"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("「来年」を年度として読めません"));
    // The form by its Japanese name, with or without シート.
    for name in ["事務事業評価シート", "事務事業評価", "jimu-jigyo"] {
        let out = dir.path().join(format!("{name}.xlsx"));
        let o = hyoka(
            &[
                "template",
                name,
                "--year",
                "令和6",
                "--out",
                out.to_str().unwrap(),
            ],
            dir.path(),
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(out.is_file());
    }
    let o = hyoka(
        &["template", "予算書", "--year", "令和6", "--out", "x.xlsx"],
        dir.path(),
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("「予算書」という様式はありません")
            && err.contains("jimu-jigyo（事務事業評価シート）"),
        "{err}"
    );
}

#[test]
fn the_closing_summary_says_what_was_found_written_and_what_next() {
    let dir = tempfile::tempdir().unwrap();
    let o = consolidate_samples(dir.path(), &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    // Findings by what they mean, not by code.
    assert!(err.contains("多い指摘: 施策の事業の値が"), "{err}");
    assert!(!err.contains("cross-form-mismatch"), "{err}");
    assert!(
        err.contains("書き出したもの:") && err.contains("consolidated.xlsx（部課別集計"),
        "{err}"
    );
    assert!(
        err.contains("feedback（12 課分）") && err.contains("次に:"),
        "{err}"
    );
}
