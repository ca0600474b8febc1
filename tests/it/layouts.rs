//! Every layout variant of the form standard reads the same: the clean project gives no
//! finding, and its figures come out of the right cells.

use crate::common::*;
use hyoka::normalise::FiscalYear;
use hyoka::write::form_sheet::{form_workbook, Guide, IndicatorInput, TemplateLayout};

fn read_clean(
    layout: &TemplateLayout,
    data: &hyoka::write::form_sheet::FormData,
) -> hyoka::outcome::FileOutcome {
    let dir = tempfile::tempdir().unwrap();
    let o = check(&write_book(dir.path(), "v.xlsx", data, layout));
    assert_eq!(found(&o), vec![], "{layout:?}");
    assert_eq!(o.projects.len(), 1);
    o
}

fn value(o: &hyoka::outcome::FileOutcome, key: &str, year: i32) -> Option<f64> {
    o.projects[0]
        .data
        .value(key, FiscalYear(year))
        .and_then(|c| c.number())
}

#[test]
fn moved_and_merged_labels() {
    let mut l = layout();
    l.row0 = 4;
    l.col0 = 3;
    l.merged_labels = true;
    let o = read_clean(&l, &clean());
    assert_eq!(value(&o, "gen", 2024), Some(500.0));
    assert_eq!(o.projects[0].data.field_text("id"), Some("40-106"));
}

#[test]
fn values_below_their_labels() {
    let mut l = layout();
    l.values_below = true;
    let o = read_clean(&l, &clean());
    assert_eq!(o.projects[0].data.field_text("ka"), Some("経営企画課"));
    assert_eq!(value(&o, "total", 2025), Some(1_818.0));
}

#[test]
fn phase_inside_the_year_cell() {
    let mut l = layout();
    l.phase_row = false;
    let o = read_clean(&l, &clean());
    let years = &o.projects[0].data.block("cost").next().unwrap().periods;
    assert_eq!(
        years
            .iter()
            .map(|y| y.phase_text.clone().unwrap())
            .collect::<Vec<_>>(),
        vec!["実績", "実績", "予算"]
    );
}

#[test]
fn four_years_or_one() {
    let mut l = layout();
    l.years = (2022..=2025).map(FiscalYear).collect();
    l.phases = vec!["実績".into(), "実績".into(), "実績".into(), "予算".into()];
    let mut d = clean();
    for v in d.measures.values_mut() {
        v.insert(0, v[0].clone());
    }
    for i in &mut d.indicators {
        i.plan.insert(0, None);
        i.actual.insert(0, None);
    }
    let o = read_clean(&l, &d);
    assert_eq!(value(&o, "unit_cost", 2022), Some(18_180.0));

    let mut l = layout();
    l.years = vec![FiscalYear(2024)];
    l.phases = vec!["実績".into()];
    let mut d = clean();
    for v in d.measures.values_mut() {
        v.truncate(1);
        v[0] = v[0].clone();
    }
    for i in &mut d.indicators {
        i.plan = vec![i.plan[1].clone()];
        i.actual = vec![i.actual[1].clone()];
    }
    let o = read_clean(&l, &d);
    assert_eq!(value(&o, "a", 2024), Some(1_000.0));
}

#[test]
fn any_number_of_indicators() {
    let mut d = clean();
    for k in 0..4 {
        d.indicators.push(IndicatorInput {
            name: format!("指標{k}"),
            unit: "件".into(),
            direction: "増加".into(),
            baseline: None,
            plan: vec![n(1.0), n(2.0), n(3.0)],
            actual: vec![n(1.0), t("検討"), None],
            ..Default::default()
        });
    }
    let o = read_clean(&layout(), &d);
    let data = &o.projects[0].data;
    let it = data.block("kpi").next().unwrap();
    assert_eq!(it.records.len(), 5);
    assert_eq!(it.records[4].name, "指標3");
    let plan: Vec<_> = data
        .in_block("kpi", 0)
        .filter(|o| o.record.as_deref() == Some("5") && o.measure == "plan")
        .collect();
    assert_eq!(plan[2].number(), Some(3.0));
}

#[test]
fn rows_inserted_inside_the_table() {
    let mut l = layout();
    l.blank_row_after = Some("gen".into());
    let o = read_clean(&l, &clean());
    assert_eq!(value(&o, "staff_cost", 2023), Some(818.0));
}

#[test]
fn renamed_sheet_after_other_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = form_workbook(
        &spec(),
        &layout(),
        Some(&clean()),
        Some("R6 企画"),
        Guide::First,
    )
    .unwrap();
    let p = dir.path().join("s.xlsx");
    hyoka::write::write_atomic(&p, &hyoka::write::workbook_bytes(&mut wb).unwrap()).unwrap();
    let o = check(&p);
    assert_eq!(found(&o), vec![]);
    assert_eq!(o.projects[0].sheet, "R6 企画");
}

#[test]
fn label_spelling_variants() {
    // Departments retype labels: spacing, full-width brackets, upper-case markers.
    let mut written = spec();
    let table = written.blocks.iter_mut().find(|t| t.id == "cost").unwrap();
    for (key, label) in [
        ("a", "事 業 費 合 計（ａ）"),
        ("gen", "一般財源（a）－①－②－③"),
        ("b", "人件費合計(B)"),
        ("r3", "その他特財 ③"),
    ] {
        table.rows.iter_mut().find(|r| r.key == key).unwrap().label = label.into();
    }
    let dir = tempfile::tempdir().unwrap();
    let mut wb = form_workbook(&written, &layout(), Some(&clean()), None, Guide::None).unwrap();
    let p = dir.path().join("labels.xlsx");
    hyoka::write::write_atomic(&p, &hyoka::write::workbook_bytes(&mut wb).unwrap()).unwrap();
    let o = check(&p);
    assert_eq!(found(&o), vec![]);
    assert_eq!(value(&o, "a", 2024), Some(1_000.0));
    assert_eq!(value(&o, "r3", 2024), Some(200.0));
}
