//! 取り組み推進項目調書 (templates/gyokaku.toml) with seed 001's own items (二宮町, 令和4年度):
//! items under 基本方針 / 個別項目, targets and results per year with milestones, units and
//! ranges, a 再掲 item, calendar years (`元年分`), 全課 and lists of 課.

use crate::common::*;
use crate::seed_figures::{item_data, item_seed_cells, Item, ITEMS};
use crate::xml_book::xlsx;
use hyoka::check::{CheckConfig, DepartmentList};
use hyoka::extract::{Period, Value};
use hyoka::normalise::FiscalYear;
use hyoka::write::form_sheet::{CellInput, FormData};
use std::collections::BTreeMap;

fn spec() -> hyoka::form::FormSpec {
    built_in("gyokaku")
}

fn items(numbers: &[&str]) -> Vec<&'static Item> {
    numbers
        .iter()
        .map(|n| ITEMS.iter().find(|i| i.number == *n).unwrap())
        .collect()
}

fn template(d: &FormData) -> Vec<u8> {
    template_bytes("gyokaku", 2022, d)
}

/// The seed's layout written by another program: numbers as numbers, text as shared strings.
fn seed_bytes(
    items: &[&Item],
    calendar: &[&str],
    edit: impl Fn(&mut Vec<(u32, u32, String)>),
) -> Vec<u8> {
    let mut cells = item_seed_cells(items, calendar);
    edit(&mut cells);
    let sh = crate::xml_book::cells_sheet("調書", &cells);
    xlsx(&[sh], true)
}

fn check_bytes(bytes: &[u8]) -> hyoka::outcome::FileOutcome {
    check_built_in(bytes, "取り組み推進項目調書.xlsx")
}

/// (record, period, phase) → value as read.
fn values(o: &hyoka::outcome::FileOutcome) -> BTreeMap<(String, Period, String), Value> {
    o.projects[0]
        .data
        .observations
        .iter()
        .map(|x| {
            (
                (
                    x.record.clone().unwrap(),
                    x.period.unwrap(),
                    x.phase.unwrap().as_str().to_string(),
                ),
                x.value.clone(),
            )
        })
        .collect()
}

const CLEAN: &[&str] = &["1", "2", "4", "5", "8", "11"];

#[test]
fn the_template_filled_with_the_seed_items_validates_clean() {
    let o = check_bytes(&template(&item_data("企画政策課", &items(CLEAN))));
    assert_eq!(o.projects.len(), 1);
    assert_eq!(o.projects[0].form_id, "gyokaku");
    assert_eq!(found(&o), vec![]);
    let data = &o.projects[0].data;
    let blocks: Vec<_> = data.block("item").collect();
    assert_eq!(blocks.len(), CLEAN.len());
    assert_eq!(
        blocks[2].heading.as_deref(),
        Some("1 組織体制の強化 / (2) 組織の適正化")
    );
    // Item 4 has two indicators, each with its own result row.
    assert_eq!(
        blocks[2]
            .records
            .iter()
            .map(|r| r.key.as_str())
            .collect::<Vec<_>>(),
        vec!["4", "4-2"]
    );
    assert_eq!(blocks[2].records[1].attrs["label"], "消防職（時間）");
    let v = values(&o);
    let at = |r: &str, y: i32, p: &str| {
        v[&(r.to_string(), Period::Fiscal(FiscalYear(y)), p.to_string())].clone()
    };
    assert_eq!(at("4-2", 2022, "actual"), Value::Number(11.2));
    assert_eq!(at("1", 2019, "target"), Value::Text("見直し・改定".into()));
    assert_eq!(at("5", 2021, "actual"), Value::Number(57.0));
    assert_eq!(v.len(), 7 * 8);
}

#[test]
fn one_changed_figure_gives_one_finding_at_its_cell() {
    let mut d = item_data("企画政策課", &items(CLEAN));
    let recs = d.records.get_mut("item").unwrap();
    // Item 11 (the last), 令和2年度 実績: a word that is not a milestone of the form.
    let last = recs.len() - 1;
    recs[last].values.get_mut("actual").unwrap()[1] = Some(CellInput::Text("多数".into()));
    let o = check_bytes(&template(&d));
    let f = found(&o);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "not-a-number");
    let cell = &f[0].1;
    let obs = o.projects[0]
        .data
        .observations
        .iter()
        .find(|x| x.raw == "多数")
        .unwrap();
    assert_eq!(*cell, hyoka::finding::a1(obs.pos.0, obs.pos.1));
    // A result left blank up to the report year is missing; a target may be blank.
    let mut d = item_data("企画政策課", &items(&["11"]));
    let recs = d.records.get_mut("item").unwrap();
    recs[0].values.get_mut("actual").unwrap()[3] = None;
    recs[0].values.get_mut("target").unwrap()[3] = None;
    let f = found(&check_bytes(&template(&d)));
    assert_eq!(
        f.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
        vec!["value-missing"]
    );
}

#[test]
fn the_seed_layout_reads_the_same_values_as_the_template() {
    let seed = check_bytes(&seed_bytes(&items(CLEAN), &[], |_| {}));
    assert_eq!(seed.projects[0].form_id, "gyokaku");
    assert_eq!(found(&seed), vec![]);
    // 令和4年度 取り組み実績 names the report year; the first item's 主体課 the department.
    let data = &seed.projects[0].data;
    assert_eq!(
        data.fields["eval_year"].year.as_ref().unwrap().year,
        FiscalYear(2022)
    );
    assert_eq!(data.field_text("ka"), Some("企画政策課"));
    let template = check_bytes(&template(&item_data("企画政策課", &items(CLEAN))));
    assert_eq!(values(&seed), values(&template));
}

#[test]
fn calendar_years_are_kept_apart_from_fiscal_years() {
    let o = check_bytes(&seed_bytes(&items(&["6"]), &["6"], |_| {}));
    assert_eq!(found(&o), vec![]);
    let v = values(&o);
    assert_eq!(
        v[&(
            "6".to_string(),
            Period::Calendar(2019),
            "target".to_string()
        )],
        Value::Number(7.8)
    );
    assert!(v.keys().all(|(_, p, _)| matches!(p, Period::Calendar(_))));
}

#[test]
fn a_range_target_reads_as_a_range_and_a_result_without_its_unit_is_a_warning() {
    let o = check_bytes(&seed_bytes(&items(&["10"]), &[], |_| {}));
    let v = values(&o);
    assert_eq!(
        v[&(
            "10".to_string(),
            Period::Fiscal(FiscalYear(2019)),
            "target".to_string()
        )],
        Value::Range {
            low: 0.0,
            high: 0.5
        }
    );
    // As published: 0.22% | -0.30% | -0.04% | 0.26.
    assert_eq!(found(&o), vec![pair("unit-inconsistent", "F14")]);
    // Written with its unit, the row is consistent.
    let o = check_bytes(&seed_bytes(&items(&["10"]), &[], |cells| {
        for c in cells.iter_mut().filter(|c| c.2 == "0.26") {
            c.2 = "0.26%".into();
        }
    }));
    assert_eq!(found(&o), vec![]);
}

#[test]
fn a_repeat_must_equal_its_original_in_every_cell() {
    let set = items(&["1", "2", "9"]);
    assert_eq!(found(&check_bytes(&seed_bytes(&set, &[], |_| {}))), vec![]);
    let mut d = item_data("企画政策課", &set);
    d.records.get_mut("item").unwrap()[2]
        .values
        .get_mut("target")
        .unwrap()[3] = Some(CellInput::Number(7.0));
    let o = check_bytes(&template(&d));
    let f = found(&o);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "repeat-differs");
    let bad = o.projects[0]
        .data
        .observations
        .iter()
        .find(|x| x.record.as_deref() == Some("9") && x.raw == "7")
        .unwrap();
    assert_eq!(f[0].1, hyoka::finding::a1(bad.pos.0, bad.pos.1));
    // A field edited in one place only.
    let mut d = item_data("企画政策課", &set);
    d.records.get_mut("item").unwrap()[2]
        .attrs
        .insert("content".into(), "・行政評価システムを見直す。".into());
    let f = found(&check_bytes(&template(&d)));
    assert_eq!(
        f.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
        vec!["repeat-differs"]
    );
}

#[test]
fn a_row_shifted_into_its_label_is_said_at_the_cell_not_read() {
    // Seed 001's item 13 as its text shows it: `目 標 | 検討 | 策定 | - | -`, the first
    // target where the row's label belongs.
    let o = check_bytes(&seed_bytes(&items(&["8"]), &[], |cells| {
        let row = cells.iter().find(|c| c.2 == "事業数 (単年)").unwrap().0;
        cells.retain(|c| !(c.0 == row));
        for (c, t) in [(0, "目 標"), (1, "検討"), (2, "1"), (3, "1"), (4, "1")] {
            cells.push((row, c, t.to_string()));
        }
    }));
    let f = found(&o);
    assert_eq!(f, vec![pair("layout-mismatch", "B13")]);
    assert!(o.projects[0]
        .data
        .observations
        .iter()
        .all(|x| x.phase != Some(hyoka::extract::Phase::Target)));
}

#[test]
fn lead_and_related_departments_are_checked_against_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("調書.xlsx");
    std::fs::write(&p, seed_bytes(&items(&["4", "10"]), &[], |_| {})).unwrap();
    // Everyone the two items name but 下水道課.
    let list = DepartmentList::parse(
        "企画政策課\n総務課\n戸籍税務課\n福祉保険課\n高齢介護課\n子育て・健康課\n",
    );
    let config = CheckConfig {
        departments: Some(list),
        ..Default::default()
    };
    let o = check_forms_with(&p, &[spec()], &config);
    let f: Vec<_> = o
        .findings
        .iter()
        .filter(|f| f.code == "unknown-department")
        .map(|f| f.actual.clone().unwrap_or_default())
        .collect();
    assert_eq!(f, vec!["福祉保険課、高齢介護課、子育て・健康課、下水道課"]);
}
