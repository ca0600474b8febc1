//! `hyoka audit`: two years of one office, the second derived from the first, with planted
//! contradictions. The audit must find exactly the planted ones, at this year's cells, and
//! nothing on a pair that agrees.

use crate::common::*;
use hyoka::normalise::FiscalYear;
use hyoka::write::form_sheet::{FormData, IndicatorInput, TemplateLayout};
use std::collections::BTreeSet;
use std::path::Path;

/// What a project planted differs in.
#[derive(Clone, Copy, PartialEq)]
enum Plant {
    None,
    /// This year's sheet gives another 事業費 for 令和5年度 than last year's report.
    PriorFigure,
    /// The indicator's target for 令和5年度 was rewritten.
    PastTarget,
    /// This year's cost is three times last year's.
    CostJump,
    /// The same achievement as last year, a lower grade.
    GradeOnly,
    /// This year's sheet is last year's with the year labels moved.
    Copied,
}

/// One project's sheet for an evaluation year: figures that grow by year, so a consistent
/// pair agrees on the years both report and differs everywhere else.
fn project(id: &str, name: &str, eval: i32, plant: Plant, direction: &str) -> FormData {
    let mut d = clean();
    d.fields.insert(
        "id".into(),
        hyoka::write::form_sheet::CellInput::Text(id.into()),
    );
    d.fields.insert(
        "name".into(),
        hyoka::write::form_sheet::CellInput::Text(name.into()),
    );
    d.fields.insert(
        "eval_year".into(),
        hyoka::write::form_sheet::CellInput::Text(FiscalYear(eval).japanese()),
    );
    d.fields.insert(
        "direction".into(),
        hyoka::write::form_sheet::CellInput::Text(direction.into()),
    );
    // Columns: the year before, the evaluation year (results), the year after (budget).
    let years = [eval - 1, eval, eval + 1];
    let jump = |y: i32| {
        if plant == Plant::CostJump && y >= 2024 {
            3.0
        } else {
            1.0
        }
    };
    let a = |y: i32, col: usize| {
        let base = 1_000.0 + 100.0 * (y - 2022) as f64;
        let budget = if col == 2 { 50.0 } else { 0.0 };
        let prior = if plant == Plant::PriorFigure && eval == 2024 && y == 2023 {
            70.0
        } else {
            0.0
        };
        (base + budget + prior) * jump(y)
    };
    let row = |f: &dyn Fn(i32, usize) -> f64| {
        years
            .iter()
            .enumerate()
            .map(|(c, y)| n(f(*y, c)))
            .collect::<Vec<_>>()
    };
    d.measures.insert("a".into(), row(&|y, c| a(y, c)));
    d.measures.insert("r1".into(), row(&|y, _| 300.0 * jump(y)));
    d.measures.insert("r3".into(), row(&|y, _| 200.0 * jump(y)));
    // The target of a year is 1 more each year, the result 1.5 times it (grade A).
    let plan = |y: i32| {
        let t = (y - 2020) as f64;
        if plant == Plant::PastTarget && eval == 2024 && y == 2023 {
            t + 1.0
        } else {
            t
        }
    };
    let actual = |y: i32| {
        if plant == Plant::GradeOnly && eval == 2024 && y == 2024 {
            // The same 150 % as last year's evaluation year.
            1.5 * plan(y)
        } else {
            1.5 * (y - 2020) as f64
        }
    };
    d.indicators = vec![IndicatorInput {
        name: "協定団体数".into(),
        unit: "団体".into(),
        direction: "増加".into(),
        baseline: n(1.0),
        plan: years.iter().map(|y| n(plan(*y))).collect(),
        actual: vec![n(actual(eval - 1)), n(actual(eval)), None],
        ..Default::default()
    }];
    if plant == Plant::GradeOnly && eval == 2024 {
        d.fields.insert(
            "progress".into(),
            hyoka::write::form_sheet::CellInput::Text("B".into()),
        );
    }
    d
}

struct Pair {
    dir: tempfile::TempDir,
}

impl Pair {
    fn previous(&self) -> std::path::PathBuf {
        self.dir.path().join("r5")
    }
    fn current(&self) -> std::path::PathBuf {
        self.dir.path().join("r6")
    }
}

/// Writes both years. `planted`: whether the contradictions go in.
fn two_years(planted: bool) -> Pair {
    let dir = tempfile::tempdir().unwrap();
    let pair = Pair { dir };
    let (prev, cur) = (pair.previous(), pair.current());
    std::fs::create_dir_all(&prev).unwrap();
    std::fs::create_dir_all(&cur).unwrap();
    let write = |dir: &Path, eval: i32, id: &str, name: &str, plant: Plant, direction: &str| {
        let d = if plant == Plant::Copied && eval == 2024 {
            // Last year's figures under this year's labels.
            let mut d = project(id, name, 2023, Plant::None, direction);
            d.fields.insert(
                "eval_year".into(),
                hyoka::write::form_sheet::CellInput::Text("令和6年度".into()),
            );
            d
        } else {
            project(id, name, eval, plant, direction)
        };
        let layout = TemplateLayout::canonical(&spec(), FiscalYear(eval));
        write_book(dir, &format!("経営企画課_{name}.xlsx"), &d, &layout);
    };
    let plant = |p: Plant| if planted { p } else { Plant::None };
    let both = [
        ("40-101", "変わらない事業", Plant::None),
        (
            "40-102",
            "前年度の数値が変わった事業",
            plant(Plant::PriorFigure),
        ),
        ("40-103", "目標を書き換えた事業", plant(Plant::PastTarget)),
        ("40-104", "費用が増えた事業", plant(Plant::CostJump)),
        ("40-110", "写した事業", plant(Plant::Copied)),
    ];
    for (id, name, p) in both {
        write(&prev, 2023, id, name, p, "継続");
        write(&cur, 2024, id, name, p, "継続");
    }
    if planted {
        // Gone without a word; gone as 休止・廃止; new without a word; new and said so.
        write(&prev, 2023, "40-106", "消えた事業", Plant::None, "継続");
        write(
            &prev,
            2023,
            "40-107",
            "廃止した事業",
            Plant::None,
            "休止・廃止",
        );
        write(&cur, 2024, "40-108", "現れた事業", Plant::None, "継続");
        let mut d = project("40-109", "新しい事業", 2024, Plant::None, "継続");
        d.fields.insert(
            "remarks".into(),
            hyoka::write::form_sheet::CellInput::Text("令和6年度からの新規事業".into()),
        );
        write_book(
            &cur,
            "経営企画課_新しい事業.xlsx",
            &d,
            &TemplateLayout::canonical(&spec(), FiscalYear(2024)),
        );
        // Renumbered, declared in hyoka.toml.
        write(
            &prev,
            2023,
            "40-111",
            "番号を変えた事業",
            Plant::None,
            "継続",
        );
        write(
            &cur,
            2024,
            "40-211",
            "番号を変えた事業（新）",
            Plant::None,
            "継続",
        );
    }
    std::fs::write(
        pair.dir.path().join("hyoka.toml"),
        "[audit]\nrenamed = { \"40-111\" = \"40-211\" }\n",
    )
    .unwrap();
    pair
}

fn run_audit(pair: &Pair) -> (std::process::Output, serde_json::Value) {
    let out = pair.dir.path().join("out");
    let o = hyoka(
        &[
            "audit",
            "--previous",
            pair.previous().to_str().unwrap(),
            "--current",
            pair.current().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        pair.dir.path(),
    );
    let json = serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    (o, json)
}

/// The file names (without folders) of the findings `keep` takes, in report order.
fn files_where(json: &serde_json::Value, keep: impl Fn(&serde_json::Value) -> bool) -> Vec<String> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| keep(f))
        .map(|f| {
            let file = f["file"].as_str().unwrap();
            file.rsplit('/').next().unwrap().to_string()
        })
        .collect()
}

/// The audit with its default settings, over outcomes checked here.
pub fn audit_of(
    previous: &[hyoka::outcome::FileOutcome],
    current: &[hyoka::outcome::FileOutcome],
) -> (
    Vec<hyoka::finding::Finding>,
    Vec<hyoka::check::audit::Match>,
) {
    let forms = hyoka::spec::built_in_forms().unwrap();
    let settings = hyoka::check::audit::AuditSettings::default();
    hyoka::check::audit::audit(previous, current, &forms, &settings)
}

/// (code, file name, cell, field) of every finding.
fn found(json: &serde_json::Value) -> BTreeSet<(String, String, String, String)> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap();
            (
                f["code"].as_str().unwrap().to_string(),
                file.rsplit('/').next().unwrap().to_string(),
                f["cell"].as_str().unwrap_or("").to_string(),
                f["field"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// The cell a key's value for a year has in a sheet of this evaluation year, as read.
fn cell_of(path: &Path, key: &str, year: i32) -> String {
    let o = check_with(
        path,
        &hyoka::check::CheckConfig::default(),
        hyoka::i18n::Lang::Ja,
    );
    let obs = o.projects[0]
        .data
        .observations
        .iter()
        .find(|x| x.key() == key && x.fiscal_year() == Some(FiscalYear(year)))
        .unwrap_or_else(|| panic!("{key} {year} in {}", path.display()));
    hyoka::finding::a1(obs.pos.0, obs.pos.1)
}

#[test]
fn the_audit_finds_exactly_what_was_planted() {
    let pair = two_years(true);
    let (o, json) = run_audit(&pair);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let cur = pair.current();
    let file = |name: &str| format!("経営企画課_{name}.xlsx");
    let at = |name: &str, key: &str, year: i32| cell_of(&cur.join(file(name)), key, year);
    let want: BTreeSet<(String, String, String, String)> = [
        (
            "prior-figure-changed",
            file("前年度の数値が変わった事業"),
            at("前年度の数値が変わった事業", "a", 2023),
            "a",
        ),
        (
            "target-changed",
            file("目標を書き換えた事業"),
            at("目標を書き換えた事業", "kpi.1.plan", 2023),
            "kpi.1.plan",
        ),
        (
            "cost-jump",
            file("費用が増えた事業"),
            at("費用が増えた事業", "total", 2024),
            "total",
        ),
        ("copied-sheet", file("写した事業"), "D5".to_string(), ""),
        ("project-vanished", file("消えた事業"), "D4".to_string(), ""),
        ("project-appeared", file("現れた事業"), "D4".to_string(), ""),
        // Marked 廃止 and 新規: listed too, as information.
        (
            "project-vanished",
            file("廃止した事業"),
            "D4".to_string(),
            "",
        ),
        ("project-appeared", file("新しい事業"), "D4".to_string(), ""),
    ]
    .into_iter()
    .map(|(a, b, c, d)| (a.to_string(), b, c, d.to_string()))
    .collect();
    let got = found(&json);
    // The id and eval-year cells depend on the template; compare them by code and file.
    let loose = |s: &BTreeSet<(String, String, String, String)>| -> BTreeSet<(String, String)> {
        s.iter()
            .map(|(c, f, _, _)| (c.clone(), f.clone()))
            .collect()
    };
    assert_eq!(loose(&got), loose(&want), "{got:#?}");
    let info: BTreeSet<String> = files_where(&json, |f| f["severity"] == "info")
        .into_iter()
        .collect();
    assert_eq!(info, [file("廃止した事業"), file("新しい事業")].into());
    for w in &want {
        if !["copied-sheet", "project-vanished", "project-appeared"].contains(&w.0.as_str()) {
            assert!(got.contains(w), "{w:?} not in {got:#?}");
        }
    }
    // Last year's source and both values travel with the finding.
    let f = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "prior-figure-changed")
        .unwrap();
    assert_eq!(f["expected"], "1100");
    assert_eq!(f["actual"], "1170");
    assert!(f["previous"]["file"].as_str().unwrap().contains("r5/"));
    assert!(!f["previous"]["cell"].as_str().unwrap().is_empty());
    // The renumbered project was matched through the declared rename.
    let m = json["matches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "40-211")
        .unwrap();
    assert_eq!(m["by"], "renamed");
    // The workbook holds the same findings, with links to both years.
    let book = pair.dir.path().join("out/audit.xlsx");
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&book).unwrap();
    use calamine::Reader;
    let r = wb.worksheet_range("照合結果").unwrap();
    assert_eq!(r.height(), got.len() + 1);
    let links = wb.hyperlinks_by_sheet_name("照合結果").unwrap();
    assert!(format!("{links:?}").contains("r5/"), "{links:?}");
}

#[test]
fn files_valid_on_their_own_still_contradict_each_other() {
    let pair = two_years(true);
    for dir in [pair.previous(), pair.current()] {
        let out = pair.dir.path().join("v");
        let o = hyoka(
            &[
                "validate",
                dir.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ],
            pair.dir.path(),
        );
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
        assert_eq!(o.status.code(), Some(0), "{:#}", json["findings"]);
    }
    let (_, json) = run_audit(&pair);
    assert!(json["totals"]["errors"].as_u64().unwrap() >= 1);
}

#[test]
fn an_agreeing_pair_gives_nothing() {
    let pair = two_years(false);
    let (o, json) = run_audit(&pair);
    assert_eq!(o.status.code(), Some(0), "{:#}", json["findings"]);
    assert_eq!(found(&json), BTreeSet::new());
    assert_eq!(json["totals"]["matched"], 5);
}

#[test]
fn a_grade_changed_on_the_same_achievement() {
    let dir = tempfile::tempdir().unwrap();
    let (prev, cur) = (dir.path().join("r5"), dir.path().join("r6"));
    for (d, eval) in [(&prev, 2023), (&cur, 2024)] {
        std::fs::create_dir_all(d).unwrap();
        let data = project(
            "40-105",
            "評価だけ変えた事業",
            eval,
            Plant::GradeOnly,
            "継続",
        );
        write_book(
            d,
            "経営企画課_評価.xlsx",
            &data,
            &TemplateLayout::canonical(&spec(), FiscalYear(eval)),
        );
    }
    let out = dir.path().join("out");
    hyoka(
        &[
            "audit",
            "--previous",
            prev.to_str().unwrap(),
            "--current",
            cur.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    let codes: Vec<(String, String)> = found(&json).into_iter().map(|f| (f.0, f.3)).collect();
    assert_eq!(
        codes,
        [(
            "grade-changed-figures-same".to_string(),
            "progress".to_string()
        )]
    );
}

#[test]
fn the_same_file_under_two_names_and_a_department_off_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let src = repo().join("samples/職員課_職員育成推進事業.xlsx");
    let inputs = dir.path().join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::copy(&src, inputs.join("職員課_職員育成推進事業.xlsx")).unwrap();
    std::fs::copy(&src, inputs.join("職員課_職員育成推進事業（再送）.xlsx")).unwrap();
    std::fs::copy(
        repo().join("samples/広報課_広報活動事業.xlsx"),
        inputs.join("広報課.xlsx"),
    )
    .unwrap();
    // The round's department list comes from hyoka.toml; 広報課 is not on it.
    std::fs::write(
        dir.path().join("hyoka.toml"),
        "[departments]\nnames = [\"職員課\", \"企画政策課\"]\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    hyoka(
        &[
            "validate",
            inputs.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    let of = |code: &str| -> Vec<String> { files_where(&json, |f| f["code"] == code) };
    assert_eq!(
        of("duplicate-file"),
        [
            "職員課_職員育成推進事業.xlsx",
            "職員課_職員育成推進事業（再送）.xlsx"
        ]
    );
    assert_eq!(of("unknown-department"), ["広報課.xlsx"]);
}

#[test]
fn last_year_can_be_its_unified_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let run = |previous: &str, out: &Path| {
        hyoka(
            &[
                "audit",
                "--previous",
                previous,
                "--current",
                "samples",
                "--config",
                "samples-previous/hyoka.toml",
                "--out",
                out.to_str().unwrap(),
            ],
            &repo(),
        );
        read_json(out.join("report.json"))
    };
    // Last year's council book, made from last year's files.
    let book = dir.path().join("r5");
    hyoka(
        &[
            "consolidate",
            "samples-previous",
            "--out",
            book.to_str().unwrap(),
        ],
        &repo(),
    );
    let from_files = run("samples-previous", &dir.path().join("a"));
    let from_book = run(
        book.join("consolidated.xlsx").to_str().unwrap(),
        &dir.path().join("b"),
    );
    let key = |j: &serde_json::Value| -> Vec<(String, String, String)> {
        j["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let code = f["code"].as_str().unwrap().to_string();
                // A vanished project has no cell of this year; the book keeps no field cells.
                let cell = if code == "project-vanished" {
                    String::new()
                } else {
                    f["cell"].as_str().unwrap_or("").to_string()
                };
                (code, f["file"].as_str().unwrap().to_string(), cell)
            })
            .collect()
    };
    assert_eq!(key(&from_book), key(&from_files));
    assert_eq!(
        from_book["totals"]["matched"],
        from_files["totals"]["matched"]
    );
}

/// Checks one year's books (named `<課>_<name>.xlsx`) as the audit reads them.
fn year_of(
    dir: &Path,
    books: &[(&str, &str, &str, FormData)],
    eval: i32,
) -> Vec<hyoka::outcome::FileOutcome> {
    std::fs::create_dir_all(dir).unwrap();
    books
        .iter()
        .map(|(ka, id, name, d)| {
            let mut d = d.clone();
            for (k, v) in [("ka", *ka), ("id", *id), ("name", *name)] {
                d.fields.insert(
                    k.into(),
                    hyoka::write::form_sheet::CellInput::Text(v.into()),
                );
            }
            let layout = TemplateLayout::canonical(&spec(), FiscalYear(eval));
            let p = write_book(dir, &format!("{ka}_{name}.xlsx"), &d, &layout);
            check(&p)
        })
        .collect()
}

#[test]
fn projects_of_one_name_in_two_departments_do_not_hide_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let same = "庁舎管理事業";
    let p = |eval| project("", same, eval, Plant::None, "継続");
    // Last year 総務課 and 財政課 each had a 庁舎管理事業; this year 財政課's is gone and
    // 企画政策課 has a new one of the same name, under a number last year did not have.
    let previous = year_of(
        &dir.path().join("r5"),
        &[
            ("総務課", "10-001", same, p(2023)),
            ("財政課", "20-001", same, p(2023)),
        ],
        2023,
    );
    let current = year_of(
        &dir.path().join("r6"),
        &[
            ("総務課", "10-001", same, p(2024)),
            ("企画政策課", "30-001", same, p(2024)),
        ],
        2024,
    );
    let (findings, matches) = audit_of(&previous, &current);
    let said: BTreeSet<(String, String)> = findings
        .iter()
        .map(|f| {
            (
                f.code.clone(),
                f.file.rsplit('/').next().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        said,
        [
            (
                "project-vanished".to_string(),
                format!("財政課_{same}.xlsx")
            ),
            (
                "project-appeared".to_string(),
                format!("企画政策課_{same}.xlsx")
            ),
        ]
        .into()
    );
    assert!(findings
        .iter()
        .all(|f| f.severity == hyoka::finding::Severity::Warning));
    let by: Vec<(&str, &str)> = matches.iter().map(|m| (m.id.as_str(), m.by)).collect();
    assert_eq!(
        by,
        vec![("10-001", "number"), ("30-001", "none"), ("20-001", "none")]
    );
}

#[test]
fn the_target_of_the_year_after_last_years_report_is_not_rewritten() {
    // Last year's sheet (令和5年度) set 令和6年度's target to 4; this year's says 3.
    let dir = tempfile::tempdir().unwrap();
    let previous = year_of(
        &dir.path().join("r5"),
        &[(
            "経営企画課",
            "40-101",
            "連携推進事業",
            project("", "", 2023, Plant::None, "継続"),
        )],
        2023,
    );
    let mut d = project("", "", 2024, Plant::None, "継続");
    d.indicators[0].plan[1] = n(3.0);
    let current = year_of(
        &dir.path().join("r6"),
        &[("経営企画課", "40-101", "連携推進事業", d)],
        2024,
    );
    let (findings, _) = audit_of(&previous, &current);
    let said: Vec<(
        String,
        Option<String>,
        Option<i32>,
        Option<String>,
        Option<String>,
    )> = findings
        .iter()
        .map(|f| {
            (
                f.code.clone(),
                f.field.clone(),
                f.fiscal_year,
                f.expected.clone(),
                f.actual.clone(),
            )
        })
        .collect();
    assert_eq!(
        said,
        vec![(
            "target-changed".to_string(),
            Some("kpi.1.plan".to_string()),
            Some(2024),
            Some("4".to_string()),
            Some("3".to_string())
        )]
    );
}
