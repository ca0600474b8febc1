//! Each rule: one failing and one passing case, on the canonical layout
//! (values in C/D/E = 令和5/6/7年度; a=10, r1=11, r2=12, r3=13, gen=14, staff_cost=16,
//! b=18, total=19, target_count=20, unit_cost=21; grades on row 29).

use crate::common::*;
use hyoka::check::{CheckConfig, DepartmentList};
use hyoka::i18n::Lang;
use hyoka::normalise::FiscalYear;
use hyoka::write::form_sheet::{CellInput, FormData};

fn set(d: &mut FormData, key: &str, year: usize, v: Option<CellInput>) {
    d.measures.get_mut(key).unwrap()[year] = v;
}
fn field(d: &mut FormData, key: &str, v: &str) {
    d.fields.insert(key.into(), CellInput::Text(v.into()));
}

/// Every derived cell typed with its correct value: a workbook not made from the template.
fn without_formulas() -> FormData {
    let mut d = clean();
    for y in 0..3 {
        for (k, v) in [
            ("gen", 500.0),
            ("b", 818.0),
            ("total", 1_818.0),
            ("unit_cost", 18_180.0),
        ] {
            d.typed_over.insert((k.into(), y), CellInput::Number(v));
        }
    }
    d
}

#[test]
fn clean_project_has_no_findings() {
    assert_eq!(findings_for(&clean(), &layout()), vec![]);
    assert_eq!(findings_for(&without_formulas(), &layout()), vec![]);
}

#[test]
fn required_fields() {
    let mut d = clean();
    d.fields.remove("name");
    assert_eq!(
        findings_for(&d, &layout()),
        vec![pair("required-missing", "C3")]
    );
}

#[test]
fn project_number_pattern() {
    let mut d = clean();
    field(&mut d, "id", "40-1O6");
    assert_eq!(
        findings_for(&d, &layout()),
        vec![pair("pattern-mismatch", "G3")]
    );
    field(&mut d, "id", "４０－１０６");
    assert_eq!(findings_for(&d, &layout()), vec![]);
}

#[test]
fn choices_and_grades_in_their_sets() {
    let mut d = clean();
    field(&mut d, "effectiveness", "S");
    field(&mut d, "direction", "続ける");
    assert_eq!(
        findings_for(&d, &layout()),
        vec![pair("choice-invalid", "E29"), pair("choice-invalid", "C30")]
    );
    field(&mut d, "effectiveness", "Ｂ");
    field(&mut d, "direction", "休止・廃止");
    assert_eq!(findings_for(&d, &layout()), vec![]);
}

#[test]
fn years_in_header_fields() {
    let mut d = clean();
    field(&mut d, "eval_year", "来年度");
    assert!(findings_for(&d, &layout()).contains(&pair("year-unreadable", "C5")));
    let mut d = clean();
    field(&mut d, "start_year", "平成32年度");
    assert_eq!(
        findings_for(&d, &layout()),
        vec![pair("nonexistent-year", "G5")]
    );
    field(&mut d, "start_year", "元年分");
    assert_eq!(
        findings_for(&d, &layout()),
        vec![pair("calendar-year", "G5")]
    );
    field(&mut d, "start_year", "令和7年度");
    assert_eq!(
        findings_for(&d, &layout()),
        vec![pair("start-after-eval", "G5")]
    );
    field(&mut d, "start_year", "平成31年度");
    assert_eq!(findings_for(&d, &layout()), vec![]);
}

#[test]
fn submission_year_and_department_list() {
    let dir = tempfile::tempdir().unwrap();
    let p = write_book(dir.path(), "b.xlsx", &clean(), &layout());
    let config = CheckConfig {
        submission_year: Some(FiscalYear(2025)),
        departments: Some(DepartmentList::parse("財政課\n総務課\n")),
    };
    let o = check_with(&p, &config, Lang::Ja);
    assert_eq!(
        found(&o),
        vec![
            pair("unknown-department", "G4"),
            pair("eval-year-not-submission-year", "C5")
        ]
    );
    let config = CheckConfig {
        submission_year: Some(FiscalYear(2024)),
        departments: Some(DepartmentList::parse(
            "# 課の一覧\n経営企画部 => 経営企画課\n",
        )),
    };
    let o = check_with(&p, &config, Lang::Ja);
    assert_eq!(found(&o), vec![]);
    // An old name maps to the new one for consolidation.
    let list = DepartmentList::parse("政策総務部 => 政策部\n");
    assert_eq!(list.resolve("政策総務部").as_deref(), Some("政策部"));
}

#[test]
fn evaluation_year_must_be_in_the_cost_header() {
    let mut d = clean();
    field(&mut d, "eval_year", "令和8年度");
    assert_eq!(
        findings_for(&d, &layout()),
        vec![pair("eval-year-not-in-header", "C8")]
    );
}

#[test]
fn evaluation_year_column_marked_budget_is_a_copied_sheet() {
    let mut l = layout();
    l.phases = vec!["実績".into(), "予算".into(), "予算".into()];
    assert_eq!(
        findings_for(&clean(), &l),
        vec![pair("eval-year-phase", "D8")]
    );
}

#[test]
fn header_years_must_be_consecutive() {
    let mut l = layout();
    l.years = vec![FiscalYear(2023), FiscalYear(2024), FiscalYear(2026)];
    // At the year that breaks the run, which also lies past the budget year.
    assert_eq!(
        findings_for(&clean(), &l),
        vec![
            pair("fiscal-year-order", "E8"),
            pair("fiscal-year-outside-window", "E8")
        ]
    );
}

#[test]
fn header_years_must_not_repeat() {
    let mut l = layout();
    l.years = vec![FiscalYear(2023), FiscalYear(2024), FiscalYear(2024)];
    // The repeat is said at its cell (the cost table's and the indicators', which the layout
    // writes with the same years) and not read: no identity is checked under a wrong year.
    assert_eq!(
        findings_for(&clean(), &l),
        vec![
            pair("fiscal-year-duplicate", "E8"),
            pair("fiscal-year-duplicate", "I24")
        ]
    );
}

#[test]
fn header_years_inside_the_window_of_the_evaluation_year() {
    // 令和4 令和5 令和6 under 評価年度 令和6年度 with no phase row: the first is two years back.
    let mut l = layout();
    l.years = vec![FiscalYear(2022), FiscalYear(2023), FiscalYear(2024)];
    l.phases = vec![String::new(); 3];
    l.phase_row = false;
    assert_eq!(
        findings_for(&clean(), &l),
        vec![pair("fiscal-year-outside-window", "C8")]
    );
    // With the budget year as well, the fourth column is the standard's four-year variant.
    l.years.push(FiscalYear(2025));
    l.phases.push(String::new());
    assert_eq!(findings_for(&clean(), &l), vec![]);
}

#[test]
fn text_where_a_number_belongs() {
    let mut d = clean();
    set(&mut d, "a", 1, t("未定"));
    // Only the cause is reported; the formulas that show #VALUE! because of it are not.
    assert_eq!(
        findings_for(&d, &layout()),
        vec![pair("not-a-number", "D10")]
    );
    set(&mut d, "a", 1, t("１，０００"));
    set(&mut d, "r1", 1, t("△0"));
    set(&mut d, "r3", 1, t("－"));
    assert!(findings_for(&d, &layout())
        .iter()
        .all(|(c, _)| c != "not-a-number"));
}

#[test]
fn too_many_digits() {
    let mut d = clean();
    set(&mut d, "r2", 1, t("12345678901234567"));
    assert_eq!(
        findings_for(&d, &layout()),
        vec![pair("too-precise", "D12")]
    );
}

#[test]
fn error_values() {
    let mut d = clean();
    set(
        &mut d,
        "r1",
        1,
        Some(CellInput::Formula {
            formula: "=1/0".into(),
            result: "#DIV/0!".into(),
        }),
    );
    assert_eq!(findings_for(&d, &layout()), vec![pair("cell-error", "D11")]);
    set(
        &mut d,
        "r1",
        1,
        Some(CellInput::Formula {
            formula: "=100*3".into(),
            result: "300".into(),
        }),
    );
    assert_eq!(findings_for(&d, &layout()), vec![]);
}

#[test]
fn units_written_in_cells() {
    let mut d = clean();
    set(&mut d, "staff_cost", 1, t("818,000円"));
    let dir = tempfile::tempdir().unwrap();
    let o = check(&write_book(dir.path(), "u.xlsx", &d, &layout()));
    assert_eq!(found(&o), vec![pair("unit-mismatch", "D16")]);
    assert!(o.findings[0].hint_text(Lang::Ja).unwrap().contains("千円"));
    set(&mut d, "staff_cost", 1, t("818千円"));
    assert_eq!(findings_for(&d, &layout()), vec![]);
}

#[test]
fn negatives_in_positive_only_rows() {
    let mut d = clean();
    set(&mut d, "r3", 1, n(-200.0));
    assert_eq!(findings_for(&d, &layout()), vec![pair("negative", "D13")]);
}

#[test]
fn negative_general_revenue_needs_remarks() {
    let mut d = clean();
    set(&mut d, "r3", 1, n(800.0));
    assert_eq!(
        findings_for(&d, &layout()),
        vec![pair("negative-without-remarks", "D14")]
    );
    field(&mut d, "remarks", "精算返還金を計上したため");
    assert_eq!(findings_for(&d, &layout()), vec![]);
}

#[test]
fn identities_per_fiscal_year() {
    for (key, wrong, code, cell) in [
        ("gen", 600.0, "general-revenue", "D14"),
        ("unit_cost", 19_000.0, "unit-cost", "D21"),
    ] {
        let mut d = without_formulas();
        d.typed_over
            .insert((key.into(), 1), CellInput::Number(wrong));
        assert_eq!(findings_for(&d, &layout()), vec![pair(code, cell)], "{key}");
    }
    // A wrong トータルコスト no longer matches the unit cost typed from the right one.
    let mut d = without_formulas();
    d.typed_over
        .insert(("total".into(), 1), CellInput::Number(1_900.0));
    assert_eq!(
        findings_for(&d, &layout()),
        vec![pair("total-cost", "D19"), pair("unit-cost", "D21")]
    );
    // A wrong 人件費合計 also breaks the トータルコスト typed from the right one.
    let mut d = without_formulas();
    d.typed_over
        .insert(("b".into(), 1), CellInput::Number(900.0));
    assert_eq!(
        findings_for(&d, &layout()),
        vec![pair("personnel-total", "D18"), pair("total-cost", "D19")]
    );
    // The last year column is checked too.
    let mut d = without_formulas();
    d.typed_over
        .insert(("gen".into(), 2), CellInput::Number(400.0));
    assert_eq!(
        findings_for(&d, &layout()),
        vec![pair("general-revenue", "E14")]
    );
}

#[test]
fn within_tolerance_is_not_a_finding() {
    let mut d = without_formulas();
    d.typed_over
        .insert(("total".into(), 1), CellInput::Number(1_819.0));
    // 1,819 千円 ÷ 100 is 18,190 円; the unit cost may follow the rounded total.
    d.typed_over
        .insert(("unit_cost".into(), 1), CellInput::Number(18_195.0));
    assert_eq!(findings_for(&d, &layout()), vec![]);
    d.typed_over
        .insert(("total".into(), 1), CellInput::Number(1_820.0));
    assert_eq!(findings_for(&d, &layout()), vec![pair("total-cost", "D19")]);
}

#[test]
fn target_count_must_be_positive_where_a_unit_cost_is_given() {
    let mut d = without_formulas();
    set(&mut d, "target_count", 1, n(0.0));
    assert_eq!(
        findings_for(&d, &layout()),
        vec![pair("target-count-positive", "D20")]
    );
    // No unit cost, no target needed.
    d.typed_over
        .insert(("unit_cost".into(), 1), CellInput::Text("－".into()));
    set(&mut d, "target_count", 1, None);
    assert_eq!(findings_for(&d, &layout()), vec![]);
}

#[test]
fn formulas_typed_over() {
    let mut d = clean();
    d.typed_over
        .insert(("b".into(), 1), CellInput::Number(818.0));
    assert_eq!(
        findings_for(&d, &layout()),
        vec![pair("derived-overwritten", "D18")]
    );
    let dir = tempfile::tempdir().unwrap();
    let o = check(&write_book(dir.path(), "w.xlsx", &d, &layout()));
    assert_eq!(o.findings[0].severity, hyoka::finding::Severity::Warning);

    d.typed_over
        .insert(("total".into(), 1), CellInput::Number(1_881.0));
    let o = check(&write_book(dir.path(), "e.xlsx", &d, &layout()));
    let e = o
        .findings
        .iter()
        .find(|f| f.cell.as_deref() == Some("D19"))
        .unwrap();
    assert_eq!(
        (e.severity, e.code.as_str()),
        (hyoka::finding::Severity::Error, "derived-overwritten")
    );
    assert_eq!(
        (e.expected.as_deref(), e.actual.as_deref()),
        (Some("1818"), Some("1881"))
    );
    assert!(
        e.hint_text(Lang::Ja).unwrap().contains("9"),
        "transposed-digits hint"
    );
}

#[test]
fn hints_name_the_likely_mistake() {
    // 人件費合計 typed as 818 + 0 but その他職員人件費 is △100: twice the item.
    let mut d = without_formulas();
    set(&mut d, "other_cost", 1, n(100.0));
    d.typed_over
        .insert(("b".into(), 1), CellInput::Number(718.0));
    d.typed_over
        .insert(("total".into(), 1), CellInput::Number(1_718.0));
    d.typed_over
        .insert(("unit_cost".into(), 1), CellInput::Number(17_180.0));
    let dir = tempfile::tempdir().unwrap();
    let o = check_with(
        &write_book(dir.path(), "h.xlsx", &d, &layout()),
        &CheckConfig::default(),
        Lang::En,
    );
    assert_eq!(found(&o), vec![pair("personnel-total", "D18")]);
    assert!(
        o.findings[0].hint_text(Lang::En).unwrap().contains("twice"),
        "{:?}",
        o.findings[0].hint
    );
    assert!(o.findings[0].text(Lang::En).contains("does not match"));
}

#[test]
fn progress_grade_follows_the_first_indicator() {
    let mut d = clean();
    field(&mut d, "progress", "B");
    assert_eq!(
        findings_for(&d, &layout()),
        vec![pair("grade-mismatch", "C29")]
    );
    // Lower is better: 目標 3 ÷ 実績 4 = 75 % → B.
    d.indicators[0].direction = "減少".into();
    assert_eq!(findings_for(&d, &layout()), vec![]);
    field(&mut d, "progress", "A");
    assert_eq!(
        findings_for(&d, &layout()),
        vec![pair("grade-mismatch", "C29")]
    );
    // A milestone instead of a number: no grade to compare.
    d.indicators[0].plan[1] = t("策定");
    assert_eq!(findings_for(&d, &layout()), vec![]);
}

#[test]
fn a_percentage_that_lost_its_percent_sign() {
    let mut d = clean();
    d.indicators[0].unit = "%".into();
    d.indicators[0].plan[1] = t("26%");
    d.indicators[0].actual[1] = n(0.23);
    // 0.23 beside 26%: the grade cannot be judged, and that is said once, at the bare cell.
    assert_eq!(
        findings_for(&d, &layout()),
        vec![pair("percent-scale", "H26")]
    );
    d.indicators[0].actual[1] = t("23%");
    // 23 ÷ 26 = 88 % → B, not the A written.
    assert_eq!(
        findings_for(&d, &layout()),
        vec![pair("grade-mismatch", "C29")]
    );
}

#[test]
fn hidden_and_skipped_sheets() {
    use hyoka::write::form_sheet::{form_workbook, Guide};
    let dir = tempfile::tempdir().unwrap();
    let mut wb = form_workbook(&spec(), &layout(), Some(&clean()), None, Guide::First).unwrap();
    wb.worksheet_from_index(1).unwrap().set_hidden(true);
    // A sheet the department added is skipped and listed; the 記入要領 the template carries is
    // part of the form and not reported.
    let memo = wb.add_worksheet();
    memo.set_name("メモ").unwrap();
    memo.write_string(0, 0, "連絡事項").unwrap();
    let p = dir.path().join("hidden.xlsx");
    hyoka::write::write_atomic(&p, &hyoka::write::workbook_bytes(&mut wb).unwrap()).unwrap();
    let o = check(&p);
    let codes: Vec<(&str, &str)> = o
        .findings
        .iter()
        .map(|f| (f.severity.as_str(), f.code.as_str()))
        .collect();
    assert_eq!(
        codes,
        vec![("warning", "hidden-sheet"), ("info", "sheet-skipped")]
    );
    assert_eq!(o.findings[1].sheet.as_deref(), Some("メモ"));
}

#[test]
fn a_blank_evaluation_year_is_reported_not_taken_from_elsewhere() {
    // The label is on the sheet and its cell is blank: the department's own blank, even where
    // the spec could take the year from the sheet's results.
    let mut d = clean();
    d.fields.insert(
        "eval_year".into(),
        hyoka::write::form_sheet::CellInput::Text(String::new()),
    );
    let codes: Vec<(String, String)> = findings_for(&d, &layout())
        .into_iter()
        .filter(|(c, _)| c == "required-missing")
        .collect();
    assert_eq!(codes, vec![pair("required-missing", "C5")]);
}
