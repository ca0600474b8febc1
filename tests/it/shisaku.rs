//! 施策評価シート (templates/shisaku.toml) with seed 000's own figures (二宮町, 施策 1-4): its
//! template filled with them validates clean, one changed figure is one error at its cell,
//! and the seed's own layout, written cell by cell by another writer, reads the same values.

use crate::common::*;
use crate::xml_book::{num, s, xlsx, SheetXml};
use hyoka::form::FormSpec;
use hyoka::normalise::FiscalYear;
use hyoka::write::form_sheet::{
    form_workbook, CellInput, FormData, Guide, IndicatorInput, RecordInput, TemplateLayout,
};
use std::collections::BTreeMap;

fn shisaku() -> FormSpec {
    hyoka::spec::built_in_forms()
        .unwrap()
        .into_iter()
        .find(|f| f.form.id == "shisaku")
        .unwrap()
}

use crate::seed_figures::{BUDGET, KPI, OTHER, TOTAL};

fn opt(v: Option<f64>) -> Option<CellInput> {
    v.map(CellInput::Number)
}

/// The seed's figures as the template's data.
fn seed_data() -> FormData {
    let mut d = FormData::default();
    for (k, v) in [
        ("id", "1-4"),
        ("name", "デジタル技術による行政サービスの向上"),
        ("ka", "企画政策課"),
        ("eval_year", "令和6年度"),
        ("policy", "新しい時代に向けて、しなやかに対応するまちづくり"),
        ("internal", "B：一定の成果があった"),
        ("external", "A：十分な成果があった"),
        ("final", "継続推進"),
    ] {
        d.fields.insert(k.into(), CellInput::Text(v.into()));
    }
    let mut records: Vec<RecordInput> = BUDGET
        .iter()
        .map(|(no, name, strategy, r5, r6, e5, e6)| RecordInput {
            key: no.to_string(),
            name: name.to_string(),
            attrs: if *strategy {
                [("strategy".to_string(), "○".to_string())].into()
            } else {
                BTreeMap::new()
            },
            values: [
                ("cost".to_string(), vec![n(*r5), n(*r6), None, None]),
                ("evaluation".to_string(), vec![t(e5), t(e6), None, None]),
            ]
            .into(),
        })
        .collect();
    records.push(RecordInput {
        key: "other".into(),
        values: [("cost".to_string(), vec![n(OTHER.0), n(OTHER.1), None, None])].into(),
        ..Default::default()
    });
    d.records.insert("budget".into(), records);
    d.indicators = KPI
        .iter()
        .map(|(name, base, plan, actual, status)| IndicatorInput {
            name: name.to_string(),
            baseline: base
                .parse::<f64>()
                .ok()
                .map(CellInput::Number)
                .or_else(|| t(base)),
            plan: plan.iter().map(|v| opt(*v)).collect(),
            actual: actual.iter().map(|v| opt(*v)).chain([None, None]).collect(),
            attrs: [("status".to_string(), status.to_string())].into(),
            ..Default::default()
        })
        .collect();
    d
}

fn template_book(d: &FormData) -> Vec<u8> {
    let spec = shisaku();
    let layout = TemplateLayout::canonical(&spec, FiscalYear(2024));
    let mut wb = form_workbook(&spec, &layout, Some(d), None, Guide::Last).unwrap();
    hyoka::write::workbook_bytes(&mut wb).unwrap()
}

fn check_bytes(bytes: &[u8]) -> hyoka::outcome::FileOutcome {
    check_built_in(bytes, "企画政策課_施策1-4.xlsx")
}

/// The numbers read, by key and year: what both layouts must agree on.
fn values(o: &hyoka::outcome::FileOutcome) -> BTreeMap<(String, i32), f64> {
    o.projects[0]
        .data
        .observations
        .iter()
        .filter_map(|x| Some(((x.key(), x.fiscal_year()?.0), x.number()?)))
        .collect()
}

#[test]
fn the_template_filled_with_the_seed_validates_clean() {
    let o = check_bytes(&template_book(&seed_data()));
    assert_eq!(found(&o), vec![]);
    assert_eq!(o.projects[0].form_id, "shisaku");
    let v = values(&o);
    // 合計 is the template's formula; its result is the seed's.
    assert_eq!(v[&("budget.sum.cost".into(), 2023)], TOTAL.0);
    assert_eq!(v[&("budget.sum.cost".into(), 2024)], TOTAL.1);
    assert_eq!(v[&("kpi.3.actual".into(), 2024)], 23.3);
    let kpi = o.projects[0].data.block("kpi").next().unwrap();
    assert_eq!(kpi.records[5].name, "行政手続きのオンライン化(件)");
    assert_eq!(kpi.records[5].attrs["tags"], "総合戦略");
}

#[test]
fn one_changed_figure_is_one_error_at_its_cell() {
    // 達成状況 of 地域活動に参加している人の割合 written A: R6 23.3 ÷ 33.0 = 70.6 % is B.
    let mut d = seed_data();
    d.indicators[2].attrs.insert("status".into(), "A".into());
    assert_eq!(
        found(&check_bytes(&template_book(&d))),
        vec![pair("grade-mismatch", "I27")]
    );
    // A cost typed over 合計's formula, off by one.
    let mut d = seed_data();
    let records = d.records.get_mut("budget").unwrap();
    records.push(RecordInput {
        key: "sum".into(),
        values: [("cost".to_string(), vec![n(TOTAL.0 + 1.0), None, None, None])].into(),
        ..Default::default()
    });
    let o = check_bytes(&template_book(&d));
    assert_eq!(found(&o), vec![pair("derived-overwritten", "E19")]);
    // A cross-reference to any policy stands where a number would; other text does not.
    let mut d = seed_data();
    d.indicators[3].plan[3] = t("施策12にて評価");
    d.indicators[4].plan[3] = t("未定");
    assert_eq!(
        found(&check_bytes(&template_book(&d))),
        vec![pair("not-a-number", "H31")]
    );
    // One evaluation missing in a year with a cost.
    let mut d = seed_data();
    d.records.get_mut("budget").unwrap()[1]
        .values
        .get_mut("evaluation")
        .unwrap()[1] = None;
    assert_eq!(
        found(&check_bytes(&template_book(&d))),
        vec![pair("value-missing", "J11")]
    );
}

/// Seed 000 as published, cell by cell: no title (the labels 総合計画 and 重要業績評価指標
/// mark it), header values under their labels, the budget table's two-row header with
/// captions merged over their years, the KPI table without a 区分 label, 計画 and 実績 rows
/// with the name only on the first.
pub(crate) fn seed_sheet(total_r5: f64) -> SheetXml {
    let mut sh = SheetXml::new("施策1-4")
        .cell("A1", s("【総合計画】"))
        .row(
            "A3",
            vec![
                Some(s("重点的方針")),
                Some(s("新しい時代に向けて、しなやかに対応するまちづくり")),
            ],
        )
        .cell("A5", s("【総合戦略】"))
        .cell("A6", s("関連する総合戦略に位置付けた施策"))
        .row("A7", vec![Some(s("施策番号")), Some(s("施策名"))])
        .row(
            "A8",
            vec![
                Some(s("施策 1 - 4")),
                Some(s("デジタル技術による行政サービスの向上")),
            ],
        )
        .row(
            "A10",
            vec![
                Some(s("No.")),
                Some(s("関連する主な予算等事業")),
                Some(s("戦略該当")),
                Some(s("トータルコスト（千円）")),
                None,
                None,
                None,
                Some(s("庁内評価（2次評価）")),
            ],
        )
        .merge("D10:G10")
        .merge("H10:K10")
        .row(
            "D11",
            ["R5", "R6", "R7", "R8", "R5", "R6", "R7", "R8"]
                .iter()
                .map(|y| Some(s(y)))
                .collect(),
        );
    let mut r = 12;
    for (no, name, strategy, r5, r6, e5, e6) in BUDGET {
        let mark = strategy.then(|| s("○"));
        sh = sh.row(
            &format!("A{r}"),
            vec![
                Some(s(no)),
                Some(s(name)),
                mark,
                Some(num(*r5)),
                Some(num(*r6)),
                None,
                None,
                Some(s(e5)),
                Some(s(e6)),
            ],
        );
        r += 1;
    }
    sh = sh
        .row(
            &format!("A{r}"),
            vec![
                Some(s("-")),
                Some(s("その他")),
                None,
                Some(num(OTHER.0)),
                Some(num(OTHER.1)),
            ],
        )
        .row(
            &format!("A{}", r + 1),
            vec![
                Some(s("合計")),
                None,
                None,
                Some(num(total_r5)),
                Some(num(TOTAL.1)),
                Some(num(0.0)),
                Some(num(0.0)),
            ],
        );
    let k0 = r + 3;
    sh = sh
        .cell(&format!("A{k0}"), s("※達成状況：A 達成（100%以上）、B 概ね達成（70%以上）、C 充分とは言えない（50%以上）、D 未達成（50%未満）"))
        .cell(&format!("A{}", k0 + 1), s("関係する主な重要業績評価指標（KPI）"))
        .row(&format!("A{}", k0 + 2), vec![Some(s("指標名")), None, Some(s("基準値")), Some(s("R5")), Some(s("R6")), Some(s("R7")), Some(s("R8")), Some(s("達成状況"))]);
    let mut r = k0 + 3;
    for (name, base, plan, actual, status) in KPI {
        let base = base.parse::<f64>().map(num).unwrap_or_else(|_| s(base));
        let mut plan_row = vec![Some(s(name)), Some(s("計画")), Some(base)];
        plan_row.extend(plan.iter().map(|v| v.map(num)));
        plan_row.push(Some(s(status)));
        sh = sh
            .row(&format!("A{r}"), plan_row)
            .merge(&format!("A{r}:A{}", r + 1));
        let mut actual_row = vec![None, Some(s("実績")), None];
        actual_row.extend(actual.iter().map(|v| v.map(num)));
        sh = sh.row(&format!("A{}", r + 1), actual_row);
        r += 2;
    }
    sh.row(
        &format!("A{}", r + 1),
        vec![Some(s("内部評価（評価・理由等）"))],
    )
    .row(
        &format!("A{}", r + 2),
        vec![
            Some(s("B：一定の成果があった")),
            Some(s("・地域の負担軽減などについては…")),
        ],
    )
    .row(
        &format!("A{}", r + 3),
        vec![Some(s("外部評価（評価・主な意見等）"))],
    )
    .row(
        &format!("A{}", r + 4),
        vec![
            Some(s("A：十分な成果があった")),
            Some(s("・行政手続きのオンライン化については…")),
        ],
    )
    .row(
        &format!("A{}", r + 5),
        vec![Some(s("町の最終方針（今後の方向性）"))],
    )
    .row(
        &format!("A{}", r + 6),
        vec![Some(s("継続推進")), Some(s("地域組織等の支援"))],
    )
}

#[test]
fn the_seed_layout_reads_the_same_values_as_the_template() {
    let seed = check_bytes(&xlsx(&[seed_sheet(TOTAL.0)], true));
    assert_eq!(seed.projects.len(), 1, "{:?}", seed.findings);
    assert_eq!(seed.projects[0].form_id, "shisaku");
    let from_template = check_bytes(&template_book(&seed_data()));
    let (a, b) = (values(&seed), values(&from_template));
    // The template holds every year of the plan period; the seed leaves R7 and R8 blank
    // except 合計's 0.
    let common: Vec<_> = b.keys().filter(|k| a.contains_key(*k)).collect();
    assert!(common.len() >= 40, "{} values in common", common.len());
    for k in &common {
        assert_eq!(a[*k], b[*k], "{k:?}");
    }
    for k in a.keys() {
        assert!(b.contains_key(k) || a[k] == 0.0, "{k:?} only in the seed");
    }
    // The seed has neither 担当課 nor 評価年度: the file name gives the one, the latest year
    // the sheet reports results for (R6) the other, each said as information, and nothing
    // else is reported.
    assert_eq!(found(&seed), vec![], "{:?}", found(&seed));
    let said: Vec<(String, Option<String>, String)> = seed
        .findings
        .iter()
        .map(|f| {
            (
                f.code.clone(),
                f.field.clone(),
                f.text(hyoka::i18n::Lang::Ja),
            )
        })
        .collect();
    assert_eq!(
        said,
        vec![
            (
                "field-from-context".to_string(),
                Some("ka".to_string()),
                "担当課はシートにないため、ファイル名から「企画政策課」としました".to_string()
            ),
            (
                "field-from-context".to_string(),
                Some("eval_year".to_string()),
                "評価年度はシートにないため、シートの実績の最新年度から「令和6年度」としました"
                    .to_string()
            ),
        ]
    );
    assert_eq!(seed.projects[0].data.field_text("ka"), Some("企画政策課"));
    assert_eq!(seed.projects[0].department.as_deref(), Some("企画政策課"));
    let eval = seed.projects[0].data.fields["eval_year"].clone();
    assert_eq!(eval.year.map(|y| y.year.0), Some(2024));
    assert_eq!(eval.source, hyoka::form::FieldSource::LatestReported);
    assert_eq!(seed.projects[0].data.field_text("id"), Some("施策 1 - 4"));
    // The seed's `施策 1 - 4` and the template's `1-4` are one id in the exports.
    let spec = hyoka::spec::built_in_forms()
        .unwrap()
        .into_iter()
        .find(|f| f.form.id == "shisaku")
        .unwrap();
    assert_eq!(
        spec.project_id(&seed.projects[0].data).as_deref(),
        Some("1-4")
    );
    assert_eq!(
        spec.project_id(&from_template.projects[0].data).as_deref(),
        Some("1-4")
    );
}

#[test]
fn a_seed_layout_named_by_no_department_lacks_only_its_department() {
    // No 課 in the file name and no folder of one: 担当課 has no source left.
    let o = check_built_in(&xlsx(&[seed_sheet(TOTAL.0)], true), "施策1-4.xlsx");
    let errors: Vec<_> = o
        .findings
        .iter()
        .filter(|f| f.severity == hyoka::finding::Severity::Error)
        .map(|f| (f.code.clone(), f.field.clone()))
        .collect();
    assert_eq!(
        errors,
        vec![("required-missing".to_string(), Some("ka".to_string()))]
    );
    // In a round, the folder names it.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("総務課")).unwrap();
    let p = dir.path().join("総務課").join("施策1-4.xlsx");
    std::fs::write(&p, xlsx(&[seed_sheet(TOTAL.0)], true)).unwrap();
    let o = check_forms(&p, &hyoka::spec::built_in_forms().unwrap());
    assert_eq!(o.errors, 0, "{:?}", found(&o));
    assert_eq!(o.department.as_deref(), Some("総務課"));
}

#[test]
fn the_seed_check_holds_on_the_seed_layout() {
    // 合計 R5 changed to 1,379,424: exactly one error, at its cell.
    let o = check_bytes(&xlsx(&[seed_sheet(1_379_424.0)], true));
    let errors: Vec<_> = found(&o).into_iter().collect();
    assert_eq!(errors, vec![pair("budget-total", "D21")]);
}

#[test]
fn a_template_of_the_form_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = hyoka(
        &[
            "template",
            "shisaku",
            "--year",
            "令和6年度",
            "--out",
            "施策.xlsx",
        ],
        dir.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The blank template is recognised, and its only findings are the fields left to fill.
    let o = check_bytes(&std::fs::read(dir.path().join("施策.xlsx")).unwrap());
    assert_eq!(o.projects[0].form_id, "shisaku");
    assert!(
        found(&o).iter().all(|(c, _)| c == "required-missing"),
        "{:?}",
        found(&o)
    );
}

#[test]
fn a_listed_project_without_its_sheet_is_a_warning_when_project_sheets_are_submitted() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    // The policy lists 行政改革推進事業 and 職員育成推進事業; only the first has its sheet.
    let mut d = seed_data();
    d.records
        .get_mut("budget")
        .unwrap()
        .retain(|r| ["1", "5", "other"].contains(&r.key.as_str()));
    std::fs::write(input.join("施策.xlsx"), template_book(&d)).unwrap();
    let mut project = clean();
    project
        .fields
        .insert("name".into(), CellInput::Text("行政改革推進事業".into()));
    write_book(&input, "事業.xlsx", &project, &layout());
    let report = run_in(dir.path(), "validate", "in", 0);
    let cross: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"].as_str().unwrap().starts_with("cross-form"))
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["cell"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // 行政改革推進事業: 798 / 1,023 here, 1,818 in its sheet (令和6年度; its 令和5年度 too);
    // 職員育成推進事業 has no sheet.
    assert_eq!(
        cross,
        vec![
            pair("cross-form-mismatch", "E10"),
            pair("cross-form-mismatch", "F10"),
            pair("cross-form-unmatched", "C11"),
        ]
    );
}
