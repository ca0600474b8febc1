//! 施策評価シート (seed 000): the policies, and one sheet as the seed lays it out.

use crate::common::*;
use crate::seed_figures::{BUDGET, KPI, OTHER, TOTAL};
use hyoka::form::FormSpec;
use hyoka::normalise::FiscalYear;
use hyoka::write::form_sheet::{
    form_workbook, CellInput, FormData, Guide, IndicatorInput, RecordInput, TemplateLayout,
};
use hyoka::write::{workbook_bytes, write_atomic};
use std::path::Path;

/// One 施策's sheet: which of the seed's budget projects and indicators it holds.
pub(crate) struct Policy {
    pub(crate) file: &'static str,
    pub(crate) ka: &'static str,
    pub(crate) id: &'static str,
    pub(crate) name: &'static str,
    pub(crate) budget: &'static [usize],
    pub(crate) other: (f64, f64),
    pub(crate) kpi: &'static [usize],
    pub(crate) grades: [&'static str; 3],
}

pub(crate) const POLICIES: &[Policy] = &[
    Policy {
        file: "企画政策課_施策1-4_デジタル技術による行政サービスの向上.xlsx",
        ka: "企画政策課",
        id: "1-4",
        name: "デジタル技術による行政サービスの向上",
        budget: &[0, 1, 2, 3, 4, 5, 6, 7],
        other: OTHER,
        kpi: &[0, 1, 2, 3, 4, 5, 6, 7],
        grades: ["B：一定の成果があった", "A：十分な成果があった", "継続推進"],
    },
    Policy {
        file: "総務課_施策1-3_職員の育成と組織力の強化.xlsx",
        ka: "総務課",
        id: "1-3",
        name: "職員の育成と組織力の強化",
        budget: &[0, 4],
        other: (1_000.0, 1_200.0),
        kpi: &[2, 4],
        grades: ["B：一定の成果があった", "B：一定の成果があった", "一部改善"],
    },
    Policy {
        file: "財務課_施策2-1_公共施設の再編と財政基盤の強化.xlsx",
        ka: "財務課",
        id: "2-1",
        name: "公共施設の再編と財政基盤の強化",
        budget: &[2, 3, 5],
        other: (5_000.0, 6_000.0),
        kpi: &[0, 3, 7],
        grades: ["A：十分な成果があった", "A：十分な成果があった", "継続推進"],
    },
];

pub(crate) fn policy_data(p: &Policy) -> FormData {
    let mut d = FormData::default();
    for (k, v) in [
        ("id", p.id),
        ("name", p.name),
        ("ka", p.ka),
        ("eval_year", "令和6年度"),
        ("policy", "新しい時代に向けて、しなやかに対応するまちづくり"),
        ("internal", p.grades[0]),
        ("external", p.grades[1]),
        ("final", p.grades[2]),
    ] {
        d.fields.insert(k.into(), CellInput::Text(v.into()));
    }
    let mut records: Vec<RecordInput> = p
        .budget
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            let (_, name, strategy, r5, r6, e5, e6) = BUDGET[b];
            let mut attrs = std::collections::BTreeMap::new();
            if strategy {
                attrs.insert("strategy".to_string(), "○".to_string());
            }
            RecordInput {
                key: (i + 1).to_string(),
                name: name.into(),
                attrs,
                values: [
                    ("cost".to_string(), vec![n(r5), n(r6), None, None]),
                    ("evaluation".to_string(), vec![t(e5), t(e6), None, None]),
                ]
                .into(),
            }
        })
        .collect();
    records.push(RecordInput {
        key: "other".into(),
        values: [(
            "cost".to_string(),
            vec![n(p.other.0), n(p.other.1), None, None],
        )]
        .into(),
        ..Default::default()
    });
    d.records.insert("budget".into(), records);
    d.indicators = p
        .kpi
        .iter()
        .map(|&k| {
            let (name, base, plan, actual, status) = KPI[k];
            IndicatorInput {
                name: name.into(),
                baseline: base
                    .parse::<f64>()
                    .ok()
                    .map(CellInput::Number)
                    .or_else(|| t(base)),
                plan: plan.iter().map(|v| v.map(CellInput::Number)).collect(),
                actual: actual
                    .iter()
                    .map(|v| v.map(CellInput::Number))
                    .chain([None, None])
                    .collect(),
                attrs: [("status".to_string(), status.to_string())].into(),
                ..Default::default()
            }
        })
        .collect();
    d
}

/// The 施策評価シート samples: the seed's policy as published in the template, and two more
/// 課 built from its rows, one with planted mistakes and one in the seed's own layout.
pub(crate) fn write_policies(spec: &FormSpec, out: &Path) -> anyhow::Result<usize> {
    // The seed's own arithmetic: its projects and その他 sum to its 合計.
    let sum = |pick: fn(&crate::seed_figures::Budget) -> f64| BUDGET.iter().map(pick).sum::<f64>();
    let sums = (sum(|b| b.3) + OTHER.0, sum(|b| b.4) + OTHER.1);
    anyhow::ensure!(
        sums == TOTAL,
        "seed 000's rows sum to {sums:?}, not {TOTAL:?}"
    );
    let layout = TemplateLayout::canonical(spec, FiscalYear(2024));
    for (i, p) in POLICIES.iter().enumerate() {
        let mut d = policy_data(p);
        let path = out.join(p.file);
        match i {
            // Planted: 達成状況 A where R6 reached 23.3 ÷ 33.0 = 70.6 % (B); a year with a cost
            // and no 庁内評価.
            1 => {
                d.indicators[0].attrs.insert("status".into(), "A".into());
                d.records.get_mut("budget").unwrap()[1]
                    .values
                    .get_mut("evaluation")
                    .unwrap()[1] = None;
            }
            // The seed's own layout, written cell by cell; planted: 合計 R5 off by one.
            2 => {
                write_atomic(&path, &seed_layout(p, &d, 1.0)?)?;
                continue;
            }
            _ => {}
        }
        let mut wb = form_workbook(spec, &layout, Some(&d), None, Guide::None)?;
        write_atomic(&path, &workbook_bytes(&mut wb)?)?;
    }
    Ok(POLICIES.len())
}

/// A 施策 as the seed publishes it: no title (総合計画 and 重要業績評価指標 mark the form), the
/// header values under their labels, the budget table's captions merged over their years,
/// KPI rows without a 区分 label. `off` is added to 合計 R5.
pub(crate) fn seed_layout(p: &Policy, d: &FormData, off: f64) -> anyhow::Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(format!("施策{}", p.id))?;
    let merge = Format::new();
    let text = |d: &FormData, k: &str| match d.fields.get(k) {
        Some(CellInput::Text(t)) => t.clone(),
        _ => String::new(),
    };
    ws.write_string(0, 0, "【総合計画】")?;
    ws.write_string(2, 0, "重点的方針")?;
    ws.write_string(2, 1, text(d, "policy"))?;
    ws.write_string(3, 0, "担当課")?;
    ws.write_string(3, 1, p.ka)?;
    ws.write_string(3, 2, "評価年度")?;
    ws.write_string(3, 3, "令和6年度")?;
    ws.write_string(5, 0, "施策番号")?;
    ws.write_string(5, 1, "施策名")?;
    ws.write_string(6, 0, format!("施策 {}", p.id.replace('-', " - ")))?;
    ws.write_string(6, 1, p.name)?;
    let hr = 8;
    for (c, h) in ["No.", "関連する主な予算等事業", "戦略該当"]
        .iter()
        .enumerate()
    {
        ws.write_string(hr, c as u16, *h)?;
    }
    ws.merge_range(hr, 3, hr, 6, "トータルコスト（千円）", &merge)?;
    ws.merge_range(hr, 7, hr, 10, "庁内評価（2次評価）", &merge)?;
    for (i, y) in ["R5", "R6", "R7", "R8", "R5", "R6", "R7", "R8"]
        .iter()
        .enumerate()
    {
        ws.write_string(hr + 1, 3 + i as u16, *y)?;
    }
    let mut r = hr + 2;
    let (mut t5, mut t6) = (p.other.0, p.other.1);
    for (i, &b) in p.budget.iter().enumerate() {
        let (_, name, strategy, r5, r6, e5, e6) = BUDGET[b];
        ws.write_string(r, 0, (i + 1).to_string())?;
        ws.write_string(r, 1, name)?;
        if strategy {
            ws.write_string(r, 2, "○")?;
        }
        ws.write_number(r, 3, r5)?;
        ws.write_number(r, 4, r6)?;
        ws.write_string(r, 7, e5)?;
        ws.write_string(r, 8, e6)?;
        (t5, t6) = (t5 + r5, t6 + r6);
        r += 1;
    }
    ws.write_string(r, 0, "-")?;
    ws.write_string(r, 1, "その他")?;
    ws.write_number(r, 3, p.other.0)?;
    ws.write_number(r, 4, p.other.1)?;
    ws.write_string(r + 1, 0, "合計")?;
    ws.write_number(r + 1, 3, t5 + off)?;
    ws.write_number(r + 1, 4, t6)?;
    ws.write_number(r + 1, 5, 0.0)?;
    ws.write_number(r + 1, 6, 0.0)?;
    let mut r = r + 3;
    ws.write_string(r, 0, "関係する主な重要業績評価指標（KPI）")?;
    r += 1;
    for (c, h) in ["指標名", "", "基準値", "R5", "R6", "R7", "R8", "達成状況"]
        .iter()
        .enumerate()
    {
        if !h.is_empty() {
            ws.write_string(r, c as u16, *h)?;
        }
    }
    r += 1;
    for ind in &d.indicators {
        ws.merge_range(r, 0, r + 1, 0, &ind.name, &merge)?;
        ws.write_string(r, 1, "計画")?;
        ws.write_string(r + 1, 1, "実績")?;
        match &ind.baseline {
            Some(CellInput::Number(v)) => ws.write_number(r, 2, *v)?,
            Some(CellInput::Text(t)) => ws.write_string(r, 2, t)?,
            _ => ws,
        };
        for (row, values) in [(r, &ind.plan), (r + 1, &ind.actual)] {
            for (i, v) in values.iter().enumerate() {
                if let Some(CellInput::Number(x)) = v {
                    ws.write_number(row, 3 + i as u16, *x)?;
                }
            }
        }
        ws.write_string(
            r,
            7,
            ind.attrs.get("status").map(String::as_str).unwrap_or(""),
        )?;
        r += 2;
    }
    r += 1;
    for (label, k) in [
        ("内部評価（評価・理由等）", "internal"),
        ("外部評価（評価・主な意見等）", "external"),
        ("町の最終方針（今後の方向性）", "final"),
    ] {
        ws.write_string(r, 0, label)?;
        ws.write_string(r + 1, 0, text(d, k))?;
        r += 2;
    }
    Ok(workbook_bytes(&mut wb)?)
}

// ---- 達成目標 (seed 003, 吉岡町 紡ぐ 6) -------------------------------------------------------
