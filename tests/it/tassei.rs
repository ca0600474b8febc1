//! 達成目標 (templates/tassei.toml) with seed 003's own figures (吉岡町, 紡ぐ 6): three tables on
//! one sheet, each under its heading, one row per indicator with 実績 and 目標 as columns.

use crate::common::*;
use crate::xml_book::{num, s, xlsx, SheetXml, C};
use hyoka::normalise::FiscalYear;
use hyoka::write::form_sheet::{
    form_workbook, CellInput, FormData, Guide, RecordInput, TemplateLayout,
};
use std::collections::BTreeMap;

use crate::seed_figures::TARGETS as TABLES;

fn base(v: &str) -> C {
    v.parse::<f64>().map(num).unwrap_or_else(|_| s(v))
}

/// The seed's own layout: each table under its heading and a 達成目標 caption, the text of
/// the plan between them; the office's 担当課 and 評価年度 at the top.
pub(crate) fn seed_sheet(edit: impl Fn(usize, usize, &mut Vec<Option<C>>)) -> SheetXml {
    let mut sh = SheetXml::new("紡ぐ6")
        .cell("A1", s("紡ぐ 6 将来を見据えた行財政運営の推進"))
        .row(
            "A2",
            vec![
                Some(s("担当課")),
                Some(s("企画政策課")),
                Some(s("評価年度")),
                Some(s("令和6年度")),
            ],
        );
    let mut r = 4;
    for (ti, (heading, rows)) in TABLES.iter().enumerate() {
        sh = sh
            .cell(&format!("A{r}"), s(heading))
            .cell(&format!("A{}", r + 1), s("現況と課題"))
            .cell(
                &format!("A{}", r + 2),
                s("- 自治会相互の連携と親睦を図り、共通の問題を協議していきます。"),
            )
            .cell(&format!("A{}", r + 4), s("達成目標"))
            .row(
                &format!("A{}", r + 5),
                vec![
                    Some(s("指標名")),
                    Some(s("単位")),
                    Some(s("令和2年度 (実績)")),
                    Some(s("令和8年度 (目標)")),
                    Some(s("目標指標の測定\nあるいは取得の方法")),
                ],
            );
        r += 6;
        for (ri, (name, unit, b, target, how)) in rows.iter().enumerate() {
            let mut cells = vec![
                Some(s(name)),
                Some(s(unit)),
                Some(base(b)),
                Some(num(*target)),
                Some(s(how)),
            ];
            edit(ti, ri, &mut cells);
            sh = sh.row(&format!("A{r}"), cells);
            r += 1;
        }
        sh = sh.row(
            &format!("A{}", r + 1),
            vec![
                Some(s("関連する個別計画")),
                Some(s("第2期吉岡町まち・ひと・しごと創生総合戦略")),
            ],
        );
        r += 4;
    }
    sh
}

fn check_bytes(bytes: &[u8]) -> hyoka::outcome::FileOutcome {
    check_built_in(bytes, "達成目標.xlsx")
}

/// (heading, record, year, phase) → number.
fn values(o: &hyoka::outcome::FileOutcome) -> BTreeMap<(String, String, i32, String), f64> {
    let data = &o.projects[0].data;
    data.observations
        .iter()
        .filter_map(|x| {
            let heading = data
                .block(&x.block)
                .find(|b| b.instance == x.instance)?
                .heading
                .clone()
                .unwrap_or_default();
            Some((
                (
                    heading,
                    x.record.clone()?,
                    x.fiscal_year()?.0,
                    x.phase?.as_str().to_string(),
                ),
                x.number()?,
            ))
        })
        .collect()
}

#[test]
fn the_seed_layout_reads_every_table_under_its_heading() {
    let o = check_bytes(&xlsx(&[seed_sheet(|_, _, _| {})], true));
    assert_eq!(o.projects[0].form_id, "tassei");
    assert_eq!(found(&o), vec![]);
    let data = &o.projects[0].data;
    let tables: Vec<_> = data.block("goal").collect();
    assert_eq!(tables.len(), 3);
    assert_eq!(
        tables.iter().map(|t| t.records.len()).collect::<Vec<_>>(),
        vec![6, 4, 6]
    );
    assert_eq!(
        tables[1].heading.as_deref(),
        Some("紡ぐ6 ▶ ②健全な行財政の推進")
    );
    let v = values(&o);
    let key = |t: usize, r: &str, y: i32, p: &str| {
        (TABLES[t].0.to_string(), r.to_string(), y, p.to_string())
    };
    assert_eq!(
        v[&key(0, "② ボランティア活動の従事人数", 2020, "actual")],
        462.0
    );
    assert_eq!(
        v[&key(0, "② ボランティア活動の従事人数", 2026, "target")],
        550.0
    );
    assert_eq!(
        v[&key(2, "② 町ホームページの閲覧数", 2020, "actual")],
        887_129.0
    );
    // 未整備 is a placeholder: no number, no finding.
    assert!(!v.contains_key(&key(1, "② テレワーク利用者数", 2020, "actual")));
    assert_eq!(tables[0].records[2].attrs["unit"], "件/5年");
    assert_eq!(v.len(), 16 * 2 - 2);
}

#[test]
fn the_template_filled_with_a_table_reads_the_same_values() {
    let spec = hyoka::spec::built_in_forms()
        .unwrap()
        .into_iter()
        .find(|f| f.form.id == "tassei")
        .unwrap();
    let mut d = FormData::default();
    d.fields
        .insert("ka".into(), CellInput::Text("企画政策課".into()));
    d.fields
        .insert("eval_year".into(), CellInput::Text("令和6年度".into()));
    let records = TABLES[0]
        .1
        .iter()
        .map(|(name, unit, b, target, how)| RecordInput {
            key: name.to_string(),
            attrs: [
                ("unit".to_string(), unit.to_string()),
                ("method".to_string(), how.to_string()),
            ]
            .into(),
            values: [(
                "value".to_string(),
                vec![
                    b.parse::<f64>()
                        .ok()
                        .map(CellInput::Number)
                        .or_else(|| t(b)),
                    n(*target),
                ],
            )]
            .into(),
            ..Default::default()
        })
        .collect();
    d.records.insert("goal".into(), records);
    let layout = TemplateLayout::canonical(&spec, FiscalYear(2024));
    let mut wb = form_workbook(&spec, &layout, Some(&d), None, Guide::None).unwrap();
    let o = check_bytes(&hyoka::write::workbook_bytes(&mut wb).unwrap());
    assert_eq!(found(&o), vec![]);
    let seed = values(&check_bytes(&xlsx(&[seed_sheet(|_, _, _| {})], false)));
    let from_template = values(&o);
    assert_eq!(from_template.len(), 12);
    for ((_, record, year, phase), v) in &from_template {
        assert_eq!(
            seed[&(
                TABLES[0].0.to_string(),
                record.clone(),
                *year,
                phase.clone()
            )],
            *v,
            "{record} {year}"
        );
    }
}

#[test]
fn a_unit_outside_the_list_and_a_missing_target_are_found_at_their_cells() {
    let bytes = xlsx(
        &[seed_sheet(|t, r, cells| {
            if (t, r) == (0, 1) {
                cells[1] = Some(s("人数"));
            }
            if (t, r) == (2, 0) {
                cells[3] = None;
            }
            // 未整備 stands for a base year's result, not for a target.
            if (t, r) == (2, 1) {
                cells[3] = Some(s("未整備"));
            }
        })],
        true,
    );
    let o = check_bytes(&bytes);
    // Table 1 row 2 is sheet row 11; table 3 row 1 is row 40.
    assert_eq!(
        found(&o),
        vec![
            pair("choice-invalid", "B11"),
            pair("value-missing", "D40"),
            pair("not-a-number", "D41")
        ]
    );
}

#[test]
fn a_share_in_percent_beyond_100_is_found_at_its_cell() {
    // ④ 附属機関等の女性委員の割合 (table 1, row 5: sheet row 14), its target typed 300.
    let o = check_bytes(&xlsx(
        &[seed_sheet(|t, r, cells| {
            if (t, r) == (0, 4) {
                cells[3] = Some(num(300.0));
            }
        })],
        true,
    ));
    assert_eq!(found(&o), vec![pair("percent-out-of-range", "D14")]);
    // 300 of a unit that is not % is no share.
    let o = check_bytes(&xlsx(
        &[seed_sheet(|t, r, cells| {
            if (t, r) == (0, 5) {
                cells[3] = Some(num(300.0));
            }
        })],
        true,
    ));
    assert_eq!(found(&o), vec![]);
}
