//! 行動計画 実施状況 (templates/keikaku.toml) with seed 002's own items (二本松市, 令和5年度):
//! numbered items under 重点項目 / (n) headings, steps (①②③) marked per plan year and
//! continued by arrows, tables split over two pages, 【継続項目】 tags.

use crate::common::*;
use crate::seed_figures::{plan_data, plan_seed_cells, PlanItem, PLAN_ITEMS};
use crate::xml_book::xlsx;
use hyoka::extract::Value;
use hyoka::normalise::FiscalYear;
use hyoka::write::form_sheet::FormData;
use std::collections::BTreeMap;

fn all() -> Vec<&'static PlanItem> {
    PLAN_ITEMS.iter().collect()
}

fn template(d: &FormData) -> Vec<u8> {
    template_bytes("keikaku", 2023, d)
}

/// The seed's layout written by another program, after `edit` on its cells.
fn seed_bytes(splits: &[&str], edit: impl Fn(&mut Vec<(u32, u32, String)>)) -> Vec<u8> {
    let mut cells = plan_seed_cells(&all(), splits);
    edit(&mut cells);
    let sh = crate::xml_book::cells_sheet("実施状況", &cells);
    xlsx(&[sh], true)
}

fn check_bytes(bytes: &[u8]) -> hyoka::outcome::FileOutcome {
    check_built_in(bytes, "実施状況.xlsx")
}

/// (heading, No., measure, year) → the values read there, top row first (① ② ③ in R5).
fn marks(o: &hyoka::outcome::FileOutcome) -> BTreeMap<(String, String, String, i32), Vec<Value>> {
    let data = &o.projects[0].data;
    let mut out: BTreeMap<_, Vec<Value>> = BTreeMap::new();
    for (k, v) in data.observations.iter().map(|x| {
        let heading = data
            .block(&x.block)
            .find(|b| b.instance == x.instance)
            .and_then(|b| b.heading.clone())
            .unwrap_or_default();
        (
            (
                heading,
                x.record.clone().unwrap(),
                x.measure.clone(),
                x.fiscal_year().unwrap().0,
            ),
            x.value.clone(),
        )
    }) {
        out.entry(k).or_default().push(v);
    }
    out
}

/// The cell (A1) of the first mark of an item in a year.
fn cell_of(
    o: &hyoka::outcome::FileOutcome,
    heading: &str,
    no: &str,
    year: i32,
    raw: &str,
) -> String {
    let data = &o.projects[0].data;
    let x = data
        .observations
        .iter()
        .find(|x| {
            x.record.as_deref() == Some(no)
                && x.fiscal_year() == Some(FiscalYear(year))
                && x.raw.trim() == raw
                && data
                    .block(&x.block)
                    .find(|b| b.instance == x.instance)
                    .and_then(|b| b.heading.as_deref())
                    .is_some_and(|h| h.starts_with(heading))
        })
        .unwrap();
    hyoka::finding::a1(x.pos.0, x.pos.1)
}

#[test]
fn the_template_filled_with_the_seed_items_validates_clean() {
    let o = check_bytes(&template(&plan_data("企画政策課", &all())));
    assert_eq!(o.projects.len(), 1);
    assert_eq!(o.projects[0].form_id, "keikaku");
    assert_eq!(found(&o), vec![]);
    let data = &o.projects[0].data;
    let tables: Vec<_> = data.block("plan").collect();
    assert_eq!(tables.len(), 2);
    assert_eq!(
        tables[1].heading.as_deref(),
        Some("重点項目2 健全な財政運営の推進 / (1) 事業効果の検証、事業の選択と集中")
    );
    // 【継続項目】 is a tag, not part of the name.
    let item = tables[0].record("4").unwrap();
    assert_eq!(item.name, "電子入札制度の導入");
    assert_eq!(item.attrs["tags"], "継続項目");
    let m = marks(&o);
    let h1 = tables[0].heading.clone().unwrap();
    let at =
        |no: &str, measure: &str, y: i32| m[&(h1.clone(), no.into(), measure.into(), y)].clone();
    // 押印の見直し: ① from R3, ② from R5, each continued to R7.
    assert_eq!(at("2", "step", 2021), vec![Value::Number(1.0)]);
    assert_eq!(
        at("2", "continued", 2025),
        vec![Value::Number(1.0), Value::Number(2.0)]
    );
    let n = |v: f64| Value::Number(v);
    assert_eq!(at("5", "step", 2023), vec![n(1.0), n(2.0), n(3.0)]);
    let marks_written: usize = PLAN_ITEMS
        .iter()
        .map(|i| i.marks.iter().flatten().filter(|s| !s.is_empty()).count())
        .sum();
    // Rows of one item repeat years (① and ② both in R5): count observations, not keys.
    assert_eq!(data.observations.len(), marks_written);
}

#[test]
fn the_seed_layout_reads_the_same_marks_as_the_template() {
    let seed = check_bytes(&seed_bytes(&["2"], |_| {}));
    assert_eq!(seed.projects[0].form_id, "keikaku");
    // The title names the report year.
    let data = &seed.projects[0].data;
    assert_eq!(
        data.fields["eval_year"].year.as_ref().unwrap().year,
        FiscalYear(2023)
    );
    // Each heading's table split before its No. 2: four tables, two under each heading.
    assert_eq!(data.block("plan").count(), 4);
    assert_eq!(found(&seed), vec![]);
    let template = check_bytes(&template(&plan_data("企画政策課", &all())));
    let (a, b) = (marks(&seed), marks(&template));
    assert_eq!(a.len(), b.len());
    assert_eq!(a, b);
}

#[test]
fn a_mark_that_names_no_listed_step_is_found_at_its_cell() {
    let mut d = plan_data("企画政策課", &all());
    // 押印の見直し lists ① and ②; mark ③ in its second row's R6.
    let rec = &mut d.records.get_mut("plan").unwrap()[1];
    rec.attrs
        .insert("marks".into(), "①|→|→|→|→\n||②|③|→".into());
    let o = check_bytes(&template(&d));
    let f = found(&o);
    assert_eq!(
        f,
        vec![pair(
            "step-not-listed",
            &cell_of(&o, "重点項目1", "2", 2024, "③")
        )]
    );
}

#[test]
fn an_arrow_with_no_mark_before_it_and_text_among_the_marks_are_found() {
    let mut d = plan_data("企画政策課", &all());
    let recs = d.records.get_mut("plan").unwrap();
    // キャッシュレス決済 has numbered steps: an arrow must continue one of them.
    recs[2]
        .attrs
        .insert("marks".into(), "→|→|①|→|→\n||②|→|→".into());
    // マイナンバーカード: a word where a mark belongs.
    recs[4]
        .attrs
        .insert("marks".into(), "||①|→|→\n||②|→|→\n||③|検討|→".into());
    let o = check_bytes(&template(&d));
    let f = found(&o);
    let codes: Vec<&str> = f.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(
        codes,
        vec!["arrow-without-step", "arrow-without-step", "schedule-text"],
        "{f:?}"
    );
    assert_eq!(f[0].1, cell_of(&o, "重点項目1", "3", 2021, "→"));
    assert_eq!(f[2].1, cell_of(&o, "重点項目1", "5", 2024, "検討"));
}

#[test]
fn numbers_run_on_across_a_split_table_and_a_restart_is_found() {
    // Split before No. 4: the second part goes on with 4.
    assert_eq!(found(&check_bytes(&seed_bytes(&["4"], |_| {}))), vec![]);
    // The second part restarting at 1.
    let o = check_bytes(&seed_bytes(&["4"], |cells| {
        let first = cells.iter().position(|c| c.1 == 0 && c.2 == "4").unwrap();
        cells[first].2 = "1".into();
    }));
    let f = found(&o);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "numbering-gap");
}

#[test]
fn a_table_with_other_plan_years_is_found_at_its_header() {
    let o = check_bytes(&seed_bytes(&[], |cells| {
        // The second heading's table shifted a year (R4 … R8).
        let header_rows: Vec<u32> = cells.iter().filter(|c| c.2 == "No.").map(|c| c.0).collect();
        let second = header_rows[1] + 1;
        for c in cells
            .iter_mut()
            .filter(|c| c.0 == second && c.2.starts_with('R'))
        {
            let n: u32 = c.2[1..].parse().unwrap();
            c.2 = format!("R{}", n + 1);
        }
    }));
    let codes: Vec<String> = found(&o).into_iter().map(|x| x.0).collect();
    assert!(
        codes.contains(&"plan-years-differ".to_string()),
        "{codes:?}"
    );
}

#[test]
fn every_item_needs_what_was_done() {
    let mut d = plan_data("企画政策課", &all());
    d.records.get_mut("plan").unwrap()[5].attrs.remove("result");
    let f = found(&check_bytes(&template(&d)));
    assert_eq!(
        f.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
        vec!["required-missing"]
    );
}

#[test]
fn mark_rows_left_empty_do_not_end_the_table() {
    let mut d = plan_data("企画政策課", &all());
    // 押印の見直し with two empty mark rows after its own (the template offers three).
    d.records.get_mut("plan").unwrap()[1]
        .attrs
        .insert("marks".into(), "①|→|→|→|→\n||②|→|→\n||||\n||||".into());
    let o = check_bytes(&template(&d));
    assert_eq!(found(&o), vec![]);
    let read: usize = o.projects[0]
        .data
        .block("plan")
        .map(|t| t.records.len())
        .sum();
    assert_eq!(read, PLAN_ITEMS.len());
}
