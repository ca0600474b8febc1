//! System exports (templates/export.toml, `kind = "export"`): one row per project, each fiscal
//! year a repeated group of columns, written here as another program writes them, with what
//! real exports do: a note row above the header, labels with line breaks, double spaces and
//! half-width brackets, IDs with leading zeros, `-` for an empty source, indicator columns
//! after the costs, blank rows at the end.

use crate::common::*;
use crate::xml_book::{letters, num, s, xlsx, SheetXml, C};
use hyoka::normalise::FiscalYear;

/// One group's figures: 国庫, 都道府県, 地方債, その他, 一般財源, 事業費計, 延べ業務時間, 人件費計,
/// トータルコスト, 活動指標.
fn group(p: usize, y: usize) -> [f64; 10] {
    let (national, general) = (100.0 * (p + 1) as f64, 300.0 + 10.0 * y as f64);
    let other = if y % 2 == 0 { 50.0 } else { 0.0 };
    let a = national + other + general;
    let hours = 10.0 * (p + y + 1) as f64;
    [
        national,
        0.0,
        0.0,
        other,
        general,
        a,
        hours,
        hours * 4.0,
        a + hours * 4.0,
        7.0,
    ]
}

const LABELS: [&str; 10] = [
    "国庫支出金",
    "都道府県支出金",
    "地方債",
    "その他",
    "一般財源",
    "事業費計  （A）",
    "延べ業務\n時間",
    "人件費計  (B)",
    "トータルコスト(A)＋(B)",
    "活動指標",
];

/// An export of `projects` rows and six year groups; with `years_above`, a year label over
/// each group (令和元年度 …) instead of the note row. `edit` may change any cell.
pub(crate) fn export(
    projects: usize,
    years_above: bool,
    edit: impl Fn(&mut Vec<(String, C)>),
) -> Vec<u8> {
    let mut cells: Vec<(String, C)> = Vec::new();
    let width = 4 + 6 * LABELS.len();
    for c in 0..width {
        if !years_above {
            cells.push((format!("{}1", letters(c as u32)), s("調整用")));
        }
    }
    for (c, h) in ["年度", "事業番号", "事業名", "担当課"].iter().enumerate() {
        cells.push((format!("{}2", letters(c as u32)), s(h)));
    }
    for y in 0..6 {
        let c0 = 4 + y * LABELS.len();
        if years_above {
            let label = FiscalYear(2019 + y as i32).japanese();
            cells.push((format!("{}1", letters(c0 as u32)), s(&label)));
        }
        for (i, h) in LABELS.iter().enumerate() {
            cells.push((format!("{}2", letters((c0 + i) as u32)), s(h)));
        }
    }
    for p in 0..projects {
        let r = 3 + p;
        let at = |c: usize| format!("{}{r}", letters(c as u32));
        cells.push((at(0), s("令和6年度")));
        cells.push((at(1), s(&format!("{:04}", 86 + p))));
        cells.push((at(2), s(&format!("事業{p}"))));
        cells.push((at(3), s("企画政策課")));
        for y in 0..6 {
            let c0 = 4 + y * LABELS.len();
            for (i, v) in group(p, y).iter().enumerate() {
                let cell = if *v == 0.0 && i < 5 { s("-") } else { num(*v) };
                cells.push((at(c0 + i), cell));
            }
        }
    }
    // Blank rows at the end: cells with empty text.
    for c in 0..4 {
        cells.push((format!("{}{}", letters(c), 3 + projects + 1), s("")));
    }
    edit(&mut cells);
    let mut sh = SheetXml::new("出力");
    sh.cells = cells;
    xlsx(&[sh], true)
}

/// The export spec with its groups' years read from labels above them.
fn years_above_spec() -> hyoka::form::FormSpec {
    let text = std::fs::read_to_string(repo().join("templates/export.toml"))
        .unwrap()
        .replace(
            "years = \"offset\"\noffsets = [-5, -4, -3, -2, -1, 0]",
            "years = \"above\"",
        );
    assert!(text.contains("years = \"above\""));
    hyoka::spec::parse_spec(&text, "export-above.toml").unwrap()
}

fn check_export(bytes: &[u8], forms: &[hyoka::form::FormSpec]) -> hyoka::outcome::FileOutcome {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("出力.xlsx");
    std::fs::write(&p, bytes).unwrap();
    check_forms(&p, forms)
}

#[test]
fn every_row_is_a_project_and_every_group_a_year() {
    let o = check_export(
        &export(4, false, |_| {}),
        &hyoka::spec::built_in_forms().unwrap(),
    );
    assert_eq!(found(&o), vec![]);
    assert_eq!(o.projects.len(), 4);
    let p = &o.projects[1];
    assert_eq!(p.form_id, "export");
    // Leading zeros kept: the ID is text.
    assert_eq!(p.data.field_text("id"), Some("0087"));
    assert_eq!(p.department.as_deref(), Some("企画政策課"));
    // Years by offset from 年度 (令和6年度): the first group is 令和元年度.
    let v = |m: &str, y: i32| {
        p.data
            .value(m, FiscalYear(y))
            .and_then(|o| o.number())
            .unwrap_or(f64::NAN)
    };
    let g = group(1, 0);
    assert_eq!(v("national", 2019), g[0]);
    assert_eq!(v("total", 2019), g[8]);
    assert_eq!(v("staff_cost", 2024), group(1, 5)[7]);
    // `-` is an empty source, not a mistake; the indicator column is left alone.
    assert_eq!(
        p.data.value("prefectural", FiscalYear(2020)).unwrap().value,
        hyoka::extract::Value::Blank
    );
    assert_eq!(p.data.observations.len(), 6 * 9);
}

#[test]
fn one_changed_figure_gives_one_finding_at_its_cell() {
    // Project 3 (row 5), 令和3年度 (the third group): 事業費計 typed 10 more.
    let c0 = 4 + 2 * LABELS.len();
    let at = format!("{}5", letters((c0 + 5) as u32));
    let want = group(2, 2)[5];
    let bytes = export(4, false, |cells| {
        for (a, c) in cells.iter_mut() {
            if *a == at {
                *c = num(want + 10.0);
            }
        }
    });
    let o = check_export(&bytes, &hyoka::spec::built_in_forms().unwrap());
    // The typed 事業費計 no longer sums its sources, and the total no longer sums A + B.
    let f = found(&o);
    assert_eq!(f[0], pair("project-cost", &at), "{f:?}");
    assert_eq!(f.len(), 2, "{f:?}");
    // The staff cost is 延べ業務時間 × 4.0 千円, the spec's own rule.
    let at = format!("{}4", letters((4 + 7) as u32));
    let bytes = export(4, false, |cells| {
        for (a, c) in cells.iter_mut() {
            if *a == at {
                *c = num(group(1, 0)[6] * 3.5);
            }
        }
    });
    let o = check_export(&bytes, &hyoka::spec::built_in_forms().unwrap());
    let f = found(&o);
    assert!(f.contains(&pair("staff-cost", &at)), "{f:?}");
}

#[test]
fn years_written_above_the_groups_read_the_same() {
    let by_offset = check_export(
        &export(3, false, |_| {}),
        &hyoka::spec::built_in_forms().unwrap(),
    );
    let above = check_export(&export(3, true, |_| {}), &[years_above_spec()]);
    assert_eq!(found(&above), vec![]);
    let values =
        |o: &hyoka::outcome::FileOutcome| -> Vec<(String, String, Option<i32>, Option<f64>)> {
            o.projects
                .iter()
                .flat_map(|p| {
                    p.data.observations.iter().map(|x| {
                        (
                            p.data.field_text("id").unwrap().to_string(),
                            x.measure.clone(),
                            x.fiscal_year().map(|y| y.0),
                            x.number(),
                        )
                    })
                })
                .collect()
        };
    assert_eq!(values(&above), values(&by_offset));
    assert_eq!(values(&above).len(), 3 * 6 * 9);
}

#[test]
fn a_row_without_its_year_is_said_at_the_cell_and_not_read() {
    // Drop the 年度 of one row: its groups have no year, which is said at its 年度 cell.
    let bytes = export(2, false, |cells| {
        cells.retain(|(a, _)| a != "A4");
    });
    let o = check_export(&bytes, &hyoka::spec::built_in_forms().unwrap());
    let f = found(&o);
    assert_eq!(f, vec![pair("required-missing", "A4")], "{f:?}");
    assert!(o.projects[1].data.observations.is_empty());
}

#[test]
fn column_groups_belong_to_export_specs_only() {
    let text = std::fs::read_to_string(repo().join("templates/export.toml"))
        .unwrap()
        .replace("kind = \"export\"\n", "");
    let err = hyoka::spec::parse_spec(&text, "x.toml")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("column-groups is for specs with [form] kind = \"export\""),
        "{err}"
    );
}

#[test]
fn a_group_more_than_the_offsets_name_is_said_at_the_header() {
    // A seventh group of labels after the six the spec counts years for.
    let bytes = export(2, false, |cells| {
        let c0 = 4 + 6 * LABELS.len();
        for (i, h) in LABELS.iter().enumerate() {
            cells.push((format!("{}2", letters((c0 + i) as u32)), s(h)));
        }
    });
    let o = check_export(&bytes, &hyoka::spec::built_in_forms().unwrap());
    let f = found(&o);
    // One cause, one column: said once, the rows counted in its hint.
    assert_eq!(f, vec![pair("layout-mismatch", "E2")], "{f:?}");
    let hint = o.findings[0]
        .hint
        .as_ref()
        .unwrap()
        .render(hyoka::i18n::Lang::Ja);
    assert!(hint.contains("2 行"), "{hint}");
    assert!(o.projects.iter().all(|p| p.data.observations.is_empty()));
}

#[test]
fn one_cause_in_many_rows_of_an_export_is_one_finding_with_every_cell() {
    // The samples' export against a list without 企画政策課: its rows of that 課 share one
    // cause, so one finding per column and name, the rows counted, every cell in report.json.
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("課.txt");
    let mut names: Vec<&str> = vec![
        "総務課",
        "財務課",
        "税務課",
        "協働推進課",
        "職員課",
        "デジタル推進室",
        "経営企画課",
        "広報課",
        "情報政策課",
        "財政課",
        "戸籍税務課",
    ];
    names.sort();
    std::fs::write(&list, names.join("\n")).unwrap();
    let out = dir.path().join("out");
    let export = repo().join("samples/評価システム出力_令和6年度.xlsx");
    let o = hyoka(
        &[
            "validate",
            export.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--departments",
            list.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let json = read_json(out.join("report.json"));
    let off_list: Vec<&serde_json::Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "unknown-department")
        .collect();
    assert_eq!(off_list.len(), 1, "{off_list:#?}");
    let f = off_list[0];
    assert!(f["message"].as_str().unwrap().contains("企画政策課"));
    let cells: Vec<&str> = f["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    // The sample's 300 rows cycle through ten 課: every tenth row is 企画政策課's.
    assert_eq!(cells.len(), 30, "{cells:?}");
    assert_eq!(cells[0], f["cell"].as_str().unwrap());
    assert!(cells.iter().all(|c| c.starts_with('D')), "{cells:?}");
    let hint = f["hint"].as_str().unwrap();
    assert!(hint.contains("30 行") && hint.contains(cells[1]), "{hint}");
    // Without the list the export has its planted errors alone: the list adds this one.
    let plain = dir.path().join("plain");
    hyoka(
        &[
            "validate",
            export.to_str().unwrap(),
            "--out",
            plain.to_str().unwrap(),
        ],
        dir.path(),
    );
    let before = read_json(plain.join("report.json"))["totals"]["errors"]
        .as_u64()
        .unwrap();
    assert_eq!(json["totals"]["errors"].as_u64().unwrap(), before + 1);
}
