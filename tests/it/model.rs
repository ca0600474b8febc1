//! The model between extraction and checks: forms written only as TOML with blocks of
//! different layouts on one sheet, sheets written by other programs (worksheet XML written
//! here, formulas without cached results), layouts that do not fit said at the cell, and
//! specs whose every key takes effect.

use crate::common::*;
use crate::xml_book::{num, s, xlsx, SheetXml, C};
use hyoka::spec::parse_spec;

/// A small policy sheet: a cost table by year (rows-by-year) and, below it, a budget table
/// with one row per project, その他 and 合計 (record-rows).
const YOSAN: &str = r#"
[form]
id = "yosan"
name = "施策予算シート"
name_en = "policy budget sheet"
title = ["施策予算シート"]
department_field = "ka"
project_id_field = "id"
project_name_field = "name"
eval_year_field = "year"
total = { measure = "total", caption = "総事業費", caption_en = "total" }

[[field]]
key = "name"
label = "施策名"
label_en = "policy"
type = "text"
required = true

[[field]]
key = "id"
label = "施策番号"
label_en = "policy number"
type = "text"
required = true

[[field]]
key = "ka"
label = "担当課"
label_en = "department"
type = "text"

[[field]]
key = "year"
label = "評価年度"
label_en = "evaluation year"
type = "fiscal-year"
required = true

[[block]]
id = "cost"
layout = "rows-by-year"
label = "事業費（千円）"
label_en = "costs"
required = true
header = "区分"
unit = "千円"
years_before = 1

[[block.row]]
key = "a"
label = "事業費"
label_en = "project cost"
min = 0

[[block.row]]
key = "b"
label = "人件費"
label_en = "staff cost"
min = 0

[[block.row]]
key = "total"
label = "総事業費"
label_en = "total"
formula = "a + b"
code = "cost-total"

[[block]]
id = "budget"
layout = "record-rows"
label = "関連する主な予算等事業"
label_en = "budget projects"
header = "No."
name = "関連する主な予算等事業"
years_before = 1

[[block.column]]
key = "strategy"
label = "戦略該当"
label_en = "strategy"
choices = ["○"]

[[block.value]]
key = "cost"
label = "トータルコスト（千円）"
label_en = "total cost"
variants = ["トータルコスト"]
unit = "千円"
min = 0

[[block.row]]
key = "other"
label = "その他"
label_en = "other"

[[block.row]]
key = "sum"
label = "合計"
label_en = "total"
formula = "sum(items) + other"
code = "budget-total"
tolerance = "0"                    # the rows are whole 千円 already: a sum has no rounding
"#;

/// Seed 000's budget rows (二宮町, R5 and R6), その他 and 合計.
const BUDGET: &[(&str, &str, f64, f64)] = &[
    ("1", "行政改革推進事業", 798.0, 1_023.0),
    ("2", "産学連携", 395.0, 345.0),
    ("3", "施設再編推進事業", 201_124.0, 76_433.0),
    ("4", "町民活動推進事業", 24_386.0, 23_421.0),
    ("5", "職員育成推進事業", 2_279.0, 2_429.0),
    ("6", "デジタル推進事業", 64_495.0, 64_461.0),
    ("7", "広報活動事業", 12_678.0, 13_538.0),
    ("8", "情報システム運用事業", 40_648.0, 48_396.0),
];

/// The sheet as a city's own workbook holds it, written cell by cell (not by hyoka): the
/// budget table's header takes two rows, its caption merged over the years.
fn yosan_sheet(total_r5: f64) -> SheetXml {
    let mut sh = SheetXml::new("施策1-4")
        .cell("B1", s("令和6年度 施策予算シート"))
        .row(
            "B3",
            vec![
                Some(s("施策名")),
                Some(s("行政改革の推進")),
                None,
                Some(s("施策番号")),
                Some(s("1 - 4")),
            ],
        )
        .row(
            "B4",
            vec![
                Some(s("担当課")),
                Some(s("企画政策課")),
                None,
                Some(s("評価年度")),
                Some(s("令和6年度")),
            ],
        )
        .cell("B6", s("事業費（千円）"))
        .row(
            "B7",
            vec![Some(s("区分")), Some(s("令和5年度")), Some(s("令和6年度"))],
        )
        .row(
            "B8",
            vec![Some(s("事業費")), Some(num(1_000.0)), Some(num(1_200.0))],
        )
        .row(
            "B9",
            vec![Some(s("人件費")), Some(num(300.0)), Some(num(310.0))],
        )
        .row(
            "B10",
            vec![
                Some(s("総事業費")),
                Some(C::F("C8+C9".into(), Some(1_300.0))),
                Some(C::F("D8+D9".into(), Some(1_510.0))),
            ],
        )
        .row(
            "B12",
            vec![
                Some(s("No.")),
                Some(s("関連する主な予算等事業")),
                Some(s("戦略該当")),
                Some(s("トータルコスト（千円）")),
            ],
        )
        .merge("E12:F12")
        .row("E13", vec![Some(s("R5")), Some(s("R6"))]);
    let mut r = 14;
    for (no, name, r5, r6) in BUDGET {
        let strategy = (*no == "7" || *no == "8").then(|| s("○"));
        sh = sh.row(
            &format!("B{r}"),
            vec![
                Some(s(no)),
                Some(s(name)),
                strategy,
                Some(num(*r5)),
                Some(num(*r6)),
            ],
        );
        r += 1;
    }
    sh.row(
        &format!("B{r}"),
        vec![
            Some(s("-")),
            Some(s("その他")),
            None,
            Some(num(1_032_620.0)),
            Some(num(1_394_401.0)),
        ],
    )
    .row(
        &format!("B{}", r + 1),
        vec![
            Some(s("合計")),
            None,
            None,
            Some(num(total_r5)),
            Some(num(1_624_447.0)),
        ],
    )
}

fn yosan_dir(total_r5: f64) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::write(dir.path().join("yosan.toml"), YOSAN).unwrap();
    std::fs::write(
        dir.path().join("in/施策1-4.xlsx"),
        xlsx(&[yosan_sheet(total_r5)], true),
    )
    .unwrap();
    dir
}

fn errors_and_warnings(report: &serde_json::Value) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] != "info")
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["cell"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn run_with_spec(dir: &std::path::Path, command: &str, code: i32) -> serde_json::Value {
    run_in_with(dir, command, "in", &["--spec", "yosan.toml"], code)
}

#[test]
fn a_form_of_two_layouts_on_one_sheet_validates_and_consolidates() {
    let dir = yosan_dir(1_379_423.0);
    let report = run_with_spec(dir.path(), "consolidate", 0);
    assert_eq!(errors_and_warnings(&report), vec![]);
    assert_eq!(report["files"][0]["form"], "yosan");
    assert_eq!(report["files"][0]["read_with"][0]["spec"], "yosan.toml");
    let csv = csv_keys(&dir.path().join("out/consolidated.csv"));
    // Both blocks in one long table: the cost rows, each budget record and the closing rows.
    assert!(
        csv.contains(",yosan,cost,,,total,2024,,1510,千円,"),
        "{csv}"
    );
    assert!(
        csv.contains(",yosan,budget,,3,budget.3.cost,2023,,201124,千円,"),
        "{csv}"
    );
    assert!(
        csv.contains(",yosan,budget,,sum,budget.sum.cost,2024,,1624447,千円,"),
        "{csv}"
    );
    assert_eq!(csv.matches(",budget,,").count(), 2 * (BUDGET.len() + 2));
}

#[test]
fn a_wrong_closing_total_is_one_error_at_its_cell() {
    // The seed's check: 合計 R5 changed to 1,379,424.
    let dir = yosan_dir(1_379_424.0);
    let report = run_with_spec(dir.path(), "validate", 1);
    assert_eq!(
        errors_and_warnings(&report),
        vec![pair("budget-total", "E23")]
    );
    let f = &report["findings"][0];
    assert_eq!(f["expected"], "1379423");
    assert_eq!(f["field"], "budget.sum.cost");
    assert_eq!(f["fiscal_year"], 2023);
}

#[test]
fn a_template_of_the_form_round_trips() {
    use hyoka::write::form_sheet::{
        form_workbook, CellInput, FormData, Guide, RecordInput, TemplateLayout,
    };
    let spec = parse_spec(YOSAN, "yosan.toml").unwrap();
    let mut d = FormData::default();
    for (k, v) in [
        ("name", "行政改革の推進"),
        ("id", "1-4"),
        ("ka", "企画政策課"),
        ("year", "令和6年度"),
    ] {
        d.fields.insert(k.into(), CellInput::Text(v.into()));
    }
    d.measures.insert("a".into(), vec![n(1_000.0), n(1_200.0)]);
    d.measures.insert("b".into(), vec![n(300.0), n(310.0)]);
    let mut records: Vec<RecordInput> = BUDGET
        .iter()
        .map(|(no, name, r5, r6)| RecordInput {
            key: no.to_string(),
            name: name.to_string(),
            values: [("cost".to_string(), vec![n(*r5), n(*r6)])].into(),
            ..Default::default()
        })
        .collect();
    records.push(RecordInput {
        key: "other".into(),
        values: [("cost".to_string(), vec![n(1_032_620.0), n(1_394_401.0)])].into(),
        ..Default::default()
    });
    d.records.insert("budget".into(), records);
    let layout = TemplateLayout::canonical(&spec, hyoka::normalise::FiscalYear(2024));
    let mut wb = form_workbook(&spec, &layout, Some(&d), None, Guide::None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::write(dir.path().join("yosan.toml"), YOSAN).unwrap();
    hyoka::write::write_atomic(
        &dir.path().join("in/t.xlsx"),
        &hyoka::write::workbook_bytes(&mut wb).unwrap(),
    )
    .unwrap();
    let report = run_with_spec(dir.path(), "consolidate", 0);
    assert_eq!(errors_and_warnings(&report), vec![]);
    let csv = csv_keys(&dir.path().join("out/consolidated.csv"));
    // The template's 合計 is a formula over the records; its cached result is their sum.
    assert!(
        csv.contains(",budget,,sum,budget.sum.cost,2023,,1379423,千円,"),
        "{csv}"
    );
}

/// Seed 003's own layout: one row per indicator, 実績 and 目標 as columns of the header.
fn tassei_sheet() -> SheetXml {
    let rows: &[(&str, &str, C, f64, &str)] = &[
        (
            "① 自治会連合会に係る研修会又は講演会",
            "回",
            num(1.0),
            2.0,
            "年間開催数",
        ),
        (
            "② ボランティア活動の従事人数",
            "人",
            num(462.0),
            550.0,
            "ボランティア保険加入者数",
        ),
        (
            "③ パブリックコメント実施数",
            "件/5年",
            num(7.0),
            25.0,
            "実施累計数",
        ),
        (
            "④ 附属機関等の公募委員の割合",
            "%",
            num(2.0),
            5.0,
            "庁内調査",
        ),
        (
            "④ 附属機関等の女性委員の割合",
            "%",
            num(24.5),
            30.0,
            "庁内調査",
        ),
        ("⑤ 包括連携協定の締結数", "件", num(3.0), 10.0, "締結累計数"),
    ];
    let mut sh = SheetXml::new("紡ぐ6")
        .cell("B1", s("紡ぐ 6 ▶ ①協働のまちづくりの推進"))
        .cell("B2", s("達成目標"))
        .row(
            "B3",
            vec![
                Some(s("指標名")),
                Some(s("単位")),
                Some(s("令和2年度 (実績)")),
                Some(s("令和8年度 (目標)")),
                Some(s("目標指標の測定\nあるいは取得の方法")),
            ],
        );
    for (i, (name, unit, base, goal, how)) in rows.iter().enumerate() {
        sh = sh.row(
            &format!("B{}", 4 + i),
            vec![
                Some(s(name)),
                Some(s(unit)),
                Some(base.clone()),
                Some(num(*goal)),
                Some(s(how)),
            ],
        );
    }
    sh
}

const TASSEI_HEAD: &str = r#"
[form]
id = "tassei"
name = "達成目標"
name_en = "plan targets"
title = ["達成目標"]
department_field = "ka"
project_id_field = "id"
project_name_field = "name"
eval_year_field = "year"

[[field]]
key = "name"
label = "施策名"
label_en = "policy"
type = "text"

[[field]]
key = "id"
label = "施策番号"
label_en = "number"
type = "text"

[[field]]
key = "ka"
label = "担当課"
label_en = "department"
type = "text"

[[field]]
key = "year"
label = "評価年度"
label_en = "year"
type = "fiscal-year"
"#;

fn read_tassei(block: &str) -> hyoka::outcome::FileOutcome {
    let spec = parse_spec(&format!("{TASSEI_HEAD}{block}"), "tassei.toml").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("tassei.xlsx");
    std::fs::write(&p, xlsx(&[tassei_sheet()], false)).unwrap();
    check_forms(&p, &[spec])
}

#[test]
fn indicators_one_row_each_do_not_read_as_pairs() {
    // The spec says 目標/実績 row pairs; the sheet has one row per indicator with the role in
    // the header. Reading it as pairs would make four indicators of six and put 462 人 in a
    // 実績 row: the mismatch is said at the header cell, and nothing is read shifted.
    let o = read_tassei(
        r#"
[[block]]
id = "goal"
layout = "indicator-pairs"
label = "達成目標"
label_en = "targets"
header = "指標名"
plan = ["目標"]
actual = ["実績"]

[block.columns]
unit = ["単位"]
"#,
    );
    assert_eq!(found(&o), vec![pair("layout-mismatch", "D3")]);
    assert!(o.findings[0]
        .text(hyoka::i18n::Lang::Ja)
        .contains("令和2年度 (実績)"));
    assert!(o.projects[0].data.observations.is_empty());
}

#[test]
fn the_same_sheet_read_as_record_rows_keeps_every_value_in_place() {
    let o = read_tassei(
        r#"
[[block]]
id = "goal"
layout = "record-rows"
label = "達成目標"
label_en = "targets"
header = "指標名"
years_before = 6
years_after = 0

[[block.column]]
key = "unit"
label = "単位"
label_en = "unit"

[[block.value]]
key = "value"
label = "値"
label_en = "value"
"#,
    );
    assert_eq!(found(&o), vec![]);
    let data = &o.projects[0].data;
    let b = data.block("goal").next().unwrap();
    assert_eq!(b.records.len(), 6);
    let v = data.observations.iter().find(|x| x.raw == "462").unwrap();
    assert_eq!(v.record.as_deref(), Some("② ボランティア活動の従事人数"));
    assert_eq!(v.phase, Some(hyoka::extract::Phase::Actual));
    assert_eq!(v.fiscal_year(), Some(hyoka::normalise::FiscalYear(2020)));
    let g = data.observations.iter().find(|x| x.raw == "550").unwrap();
    assert_eq!(g.phase, Some(hyoka::extract::Phase::Target));
    assert_eq!(g.fiscal_year(), Some(hyoka::normalise::FiscalYear(2026)));
}

/// Removes the cached result of every formula cell: what openpyxl and many system exports
/// write (`<f>` without `<v>`).
fn without_cached_results(xlsx_bytes: &[u8]) -> Vec<u8> {
    let re = regex::Regex::new(r"(<f>[^<]*</f>)<v>[^<]*</v>").unwrap();
    let bare = regex::Regex::new(r#"(<c [^>]*?) t="str"([^>]*><f>)"#).unwrap();
    rewrite_part(
        xlsx_bytes,
        "xl/worksheets/sheet1.xml",
        zip::CompressionMethod::Deflated,
        |x| {
            let x = bare.replace_all(&x, "$1$2").into_owned();
            re.replace_all(&x, "$1").into_owned()
        },
    )
}

fn template_bytes(data: &hyoka::write::form_sheet::FormData) -> Vec<u8> {
    let mut wb = hyoka::write::form_sheet::form_workbook(
        &spec(),
        &layout(),
        Some(data),
        None,
        hyoka::write::form_sheet::Guide::None,
    )
    .unwrap();
    hyoka::write::workbook_bytes(&mut wb).unwrap()
}

#[test]
fn a_template_saved_without_calculating_has_no_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("openpyxl.xlsx");
    let bytes = without_cached_results(&template_bytes(&clean()));
    assert!(!String::from_utf8_lossy(&bytes).is_empty());
    std::fs::write(&p, &bytes).unwrap();
    let o = check(&p);
    assert_eq!(found(&o), vec![]);
    // The derived rows are worked out from the spec: 一般財源 500, トータルコスト 1,818.
    let data = &o.projects[0].data;
    let y = hyoka::normalise::FiscalYear(2024);
    assert_eq!(data.value("gen", y).unwrap().number(), Some(500.0));
    assert_eq!(data.value("total", y).unwrap().number(), Some(1_818.0));
    assert_eq!(data.value("unit_cost", y).unwrap().number(), Some(18_180.0));
    assert_eq!(
        data.value("total", y).unwrap().origin,
        hyoka::extract::Origin::Computed
    );
}

#[test]
fn a_formula_the_spec_does_not_know_is_reported_once() {
    let mut d = clean();
    for y in 0..3 {
        d.measures.get_mut("r2").unwrap()[y] = Some(hyoka::write::form_sheet::CellInput::Formula {
            formula: "=0*1".into(),
            result: "0".into(),
        });
    }
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("f.xlsx");
    std::fs::write(&p, without_cached_results(&template_bytes(&d))).unwrap();
    let o = check(&p);
    // One warning at the first cell; the totals that use them are not judged wrong.
    assert_eq!(found(&o), vec![pair("formula-not-computed", "C12")]);
    // r2 in three years, and 一般財源, which uses it, in three.
    assert!(o.findings[0]
        .text(hyoka::i18n::Lang::En)
        .starts_with("6 formula cells"));
}

#[test]
fn a_cached_result_not_recalculated_is_stale_not_a_wrong_total() {
    // 事業費合計 令和6年度 changed from 1,000 to 1,100 by a program that does not recalculate:
    // the template's formulas keep their old results.
    let bytes = template_bytes(&clean());
    let edited = rewrite_part(
        &bytes,
        "xl/worksheets/sheet1.xml",
        zip::CompressionMethod::Deflated,
        |x| {
            let re = regex::Regex::new(r#"(<c r="D10"[^>]*>)<v>1000</v>"#).unwrap();
            assert!(re.is_match(&x));
            re.replace(&x, "${1}<v>1100</v>").into_owned()
        },
    );
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("stale.xlsx");
    std::fs::write(&p, edited).unwrap();
    let o = check(&p);
    assert_eq!(
        found(&o),
        vec![
            pair("stale-cached-value", "D14"),
            pair("stale-cached-value", "D19")
        ]
    );
    assert!(o
        .findings
        .iter()
        .all(|f| f.severity == hyoka::finding::Severity::Warning));
}

#[test]
fn allow_blank_false_makes_a_blank_a_finding() {
    let text = include_str!("../../templates/jimu-jigyo.toml").replace(
        "label = \"正規職員数（人）\"",
        "label = \"正規職員数（人）\"\nallow_blank = false",
    );
    let strict = parse_spec(&text, "strict.toml").unwrap();
    let mut d = clean();
    d.measures.get_mut("staff").unwrap()[2] = None;
    let dir = tempfile::tempdir().unwrap();
    let p = write_book(dir.path(), "b.xlsx", &d, &layout());
    let run = |forms: Vec<hyoka::form::FormSpec>| found(&check_forms(&p, &forms));
    assert_eq!(run(vec![strict]), vec![pair("value-missing", "E15")]);
    assert_eq!(run(vec![spec()]), vec![]);
}

fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap_or_else(|| panic!("{needle}"))]
        .matches('\n')
        .count()
        + 1
}

#[test]
fn spec_check_names_every_unknown_key_with_its_line() {
    let built_in = include_str!("../../templates/jimu-jigyo.toml");
    let text = built_in
        .replace("tolerance = 1 ", "tolerance = 1\ncolour = \"red\" ")
        .replace("label = \"地方債 ②\"", "label = \"地方債 ②\"\nmaximum = 5")
        .replace("kind = [\"区分\"]", "kind = [\"区分\"]\ngrade = [\"A\"]")
        .replace(
            "template_indicators = 2\n",
            "template_indicators = 2\n\n[[block.row]]\nkey = \"x\"\nlabel = \"x\"\nlabel_en = \"x\"\n",
        );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.toml"), &text).unwrap();
    let out = hyoka(&["spec", "check", "x.toml"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    for (needle, key) in [
        ("colour", "colour"),
        ("maximum = 5", "maximum"),
        ("grade = [", "grade"),
        ("[[block.row]]\nkey = \"x\"", "row"),
    ] {
        let expected = format!("x.toml:{}: unknown key '{key}'", line_of(&text, needle));
        assert!(stdout.contains(&expected), "{expected} in\n{stdout}");
    }
    assert_eq!(stdout.lines().count(), 4, "{stdout}");
    // The bundled spec passes.
    let out = hyoka(&["spec", "check", "templates"], &repo());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_key_of_another_layout_is_unknown_here() {
    // `phases` belongs to rows-by-year; `value` to record-rows.
    let built_in = include_str!("../../templates/jimu-jigyo.toml");
    let text = built_in.replace(
        "template_indicators = 2\n",
        "template_indicators = 2\nphases = [\"実績\"]\n",
    );
    let e = parse_spec(&text, "x.toml").unwrap_err();
    assert_eq!(e.first().line, Some(line_of(&text, "phases = [\"実績\"]")));
    assert!(e.first().message.contains("'phases'"));
}

/// Fills the template hyoka writes with openpyxl, which keeps formulas but writes no results,
/// as a department's script or another office suite would.
const OPENPYXL_FILL: &str = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["事務事業評価シート"]
for ref, v in {"C3": "テスト事業", "G3": "40-106", "C4": "企画部", "G4": "経営企画課",
               "G5": "令和元年度", "C31": "A", "E31": "B", "G31": "A", "C32": "継続"}.items():
    ws[ref] = v
for col in "CDE":
    for row, v in {10: 1000, 11: 300, 12: 0, 13: 200, 15: 0.1, 16: 818, 17: 0, 20: 100}.items():
        ws[f"{col}{row}"] = v
for ref, v in {"B25": "協定団体数", "C25": "団体", "D25": "増加", "E25": 2,
               "G25": 2, "H25": 3, "I25": 4, "G26": 3, "H26": 4}.items():
    ws[ref] = v
wb.save(sys.argv[2])
"#;

#[test]
fn the_template_filled_by_openpyxl_validates_clean() {
    let has_openpyxl = std::process::Command::new("python3")
        .args(["-c", "import openpyxl"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_openpyxl {
        skip(
            "model::the_template_filled_by_openpyxl_validates_clean",
            "python3 with openpyxl is not installed (pip install openpyxl)",
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = hyoka(
        &[
            "template",
            "jimu-jigyo",
            "--year",
            "令和6年度",
            "--out",
            "t.xlsx",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    std::fs::write(dir.path().join("fill.py"), OPENPYXL_FILL).unwrap();
    let st = std::process::Command::new("python3")
        .args(["fill.py", "t.xlsx", "filled.xlsx"])
        .current_dir(dir.path())
        .status()
        .unwrap();
    assert!(st.success());
    // openpyxl kept the formulas and dropped their results.
    let wb = hyoka::read::read_path(&dir.path().join("filled.xlsx"), &Default::default()).unwrap();
    let g = &wb.sheets[0].grid;
    assert_eq!(
        g.get(13, 3).unwrap().formula.as_deref(),
        Some("D10-D11-D12-D13")
    );
    assert_eq!(g.get(13, 3).unwrap().value, calamine::Data::Empty);
    let o = check(&dir.path().join("filled.xlsx"));
    assert_eq!(found(&o), vec![]);
    let y = hyoka::normalise::FiscalYear(2024);
    assert_eq!(
        o.projects[0].data.value("total", y).unwrap().number(),
        Some(1_818.0)
    );
}

#[test]
fn keys_that_would_do_nothing_are_refused() {
    let built_in = include_str!("../../templates/jimu-jigyo.toml");
    let cases = [
        // A file-level code has no form to take a severity from.
        (
            built_in.replace(
                "[template]",
                "[severity]\nlock-file = \"warning\"\n\n[template]",
            ),
            "lock-file",
        ),
        // A form's code may not shadow a built-in one.
        (
            built_in.replace("code = \"total-cost\"", "code = \"negative\""),
            "built-in code",
        ),
        // Phases are checked with the years only.
        (
            built_in.replace("check_years = true", "check_years = false"),
            "check_years",
        ),
        // The template writes one phase per year.
        (
            built_in.replace(
                "phases = [\"実績\", \"実績\", \"予算\"]",
                "phases = [\"実績\", \"予算\"]",
            ),
            "phases",
        ),
        (
            built_in.replace(
                "key = \"name\"\nlabel = \"事業名\"",
                "key = \"name\"\nlabel = \"事業名\"\nchoices = [\"a\"]",
            ),
            "choices",
        ),
    ];
    for (text, needle) in cases {
        let e = parse_spec(&text, "x.toml").unwrap_err();
        assert!(e.to_string().contains(needle), "{needle}: {e}");
        assert!(e.first().line.is_some(), "{e}");
    }
    // A severity for a sheet rule is taken, and takes effect.
    let text = built_in.replace(
        "[template]",
        "[severity]\nderived-overwritten = \"warning\"\n\n[template]",
    );
    assert_eq!(
        parse_spec(&text, "x.toml")
            .unwrap()
            .severity_of("derived-overwritten", hyoka::finding::Severity::Error),
        hyoka::finding::Severity::Warning
    );
}
