//! 事務事業評価シート: the projects (seeds 004 and 000), each with its planted mistake, and last year's versions for the audit.

use crate::common::*;
use hyoka::form::FormSpec;
use hyoka::normalise::FiscalYear;
use hyoka::write::form_sheet::{
    form_workbook, CellInput, FormData, Guide, IndicatorInput, TemplateLayout,
};
use hyoka::write::{workbook_bytes, write_atomic};
use std::path::Path;

/// One project's sheet: header, cost rows per year, indicators, evaluation.
#[derive(Clone)]
pub(crate) struct Project {
    pub(crate) file: &'static str,
    pub(crate) bu: &'static str,
    pub(crate) ka: &'static str,
    pub(crate) name: &'static str,
    pub(crate) id: &'static str,
    pub(crate) eval: i32,
    /// Years of the cost table, oldest first.
    pub(crate) years: Vec<i32>,
    pub(crate) a: Vec<f64>,
    pub(crate) r1: Vec<f64>,
    pub(crate) r2: Vec<f64>,
    pub(crate) r3: Vec<f64>,
    pub(crate) staff: Vec<f64>,
    pub(crate) staff_cost: Vec<f64>,
    pub(crate) other_cost: Vec<f64>,
    pub(crate) target: Vec<Option<f64>>,
    pub(crate) indicators: Vec<IndicatorInput>,
    pub(crate) grades: [&'static str; 3],
    pub(crate) direction: &'static str,
    pub(crate) remarks: &'static str,
    pub(crate) start: &'static str,
}

pub(crate) fn kpi(
    name: &str,
    unit: &str,
    base: Option<CellInput>,
    plan: Vec<Option<CellInput>>,
    actual: Vec<Option<CellInput>>,
) -> IndicatorInput {
    IndicatorInput {
        name: name.into(),
        unit: unit.into(),
        direction: "増加".into(),
        baseline: base,
        plan,
        actual,
        ..Default::default()
    }
}

impl Project {
    pub(crate) fn data(&self) -> FormData {
        let mut d = FormData::default();
        let fields = [
            ("name", t(self.name)),
            ("id", t(self.id)),
            ("bu", t(self.bu)),
            ("ka", t(self.ka)),
            ("eval_year", t(&FiscalYear(self.eval).japanese())),
            ("start_year", t(self.start)),
            ("progress", t(self.grades[0])),
            ("effectiveness", t(self.grades[1])),
            ("efficiency", t(self.grades[2])),
            ("direction", t(self.direction)),
            (
                "remarks",
                Some(self.remarks).filter(|r| !r.is_empty()).and_then(t),
            ),
        ];
        for (k, v) in fields {
            if let Some(v) = v {
                d.fields.insert(k.to_string(), v);
            }
        }
        let nums = |v: &Vec<f64>| v.iter().map(|x| n(*x)).collect::<Vec<_>>();
        for (k, v) in [
            ("a", &self.a),
            ("r1", &self.r1),
            ("r2", &self.r2),
            ("r3", &self.r3),
            ("staff", &self.staff),
            ("staff_cost", &self.staff_cost),
            ("other_cost", &self.other_cost),
        ] {
            d.measures.insert(k.to_string(), nums(v));
        }
        d.measures.insert(
            "target_count".into(),
            self.target.iter().map(|x| x.and_then(n)).collect(),
        );
        d.indicators = self.indicators.clone();
        d
    }

    pub(crate) fn layout(&self, spec: &FormSpec) -> TemplateLayout {
        let mut l = TemplateLayout::canonical(spec, FiscalYear(self.eval));
        l.years = self.years.iter().map(|y| FiscalYear(*y)).collect();
        l.phases = self
            .years
            .iter()
            .map(|y| {
                if *y <= self.eval {
                    "実績".to_string()
                } else {
                    "予算".to_string()
                }
            })
            .collect();
        l
    }
}

/// Splits a seed's トータルコスト into 事業費 and 人件費 (the personnel figures are this
/// generator's; the totals are the seed's).
pub(crate) fn split(total: &[f64], personnel: &[f64]) -> Vec<f64> {
    total.iter().zip(personnel).map(|(t, p)| t - p).collect()
}

/// A department's edit of the layout, or a planted mistake.
pub(crate) type Tweak = Box<dyn Fn(&mut FormData, &mut TemplateLayout)>;

pub(crate) fn projects() -> Vec<(Project, Tweak)> {
    let none = || -> Tweak { Box::new(|_, _| {}) };
    let r6 = vec![2023, 2024, 2025];
    let zeros = vec![0.0, 0.0, 0.0];
    let mut v: Vec<(Project, Tweak)> = Vec::new();

    // Seed 004 (伊勢原市): the evaluation of 令和4年度 with two years, as published.
    v.push((
        Project {
            file: "経営企画課_様々な主体との連携推進事業.xlsx",
            bu: "企画部",
            ka: "経営企画課",
            name: "様々な主体との連携推進事業",
            id: "40-106",
            eval: 2022,
            years: vec![2021, 2022],
            a: vec![0.0, 0.0],
            r1: vec![0.0, 0.0],
            r2: vec![0.0, 0.0],
            r3: vec![0.0, 0.0],
            staff: vec![0.1, 0.1],
            staff_cost: vec![818.0, 857.0],
            other_cost: vec![0.0, 0.0],
            target: vec![Some(101_381.0), Some(101_119.0)],
            indicators: vec![kpi(
                "大学及び企業等との協定団体数(累計)",
                "団体",
                n(2.0),
                vec![n(2.0), n(3.0)],
                vec![n(3.0), n(4.0)],
            )],
            grades: ["A", "A", "A"],
            direction: "継続",
            remarks: "",
            start: "昭和44年度",
        },
        none(),
    ));
    // Seed 000 (二宮町) budget rows: トータルコスト R5, R6 as published; R7 is a budget.
    let p_gyokaku = [798.0, 1_023.0, 1_050.0];
    v.push((
        Project {
            file: "企画政策課_行政改革推進事業.xlsx",
            bu: "企画部",
            ka: "企画政策課",
            name: "行政改革推進事業",
            id: "10-101",
            eval: 2024,
            years: r6.clone(),
            a: split(&p_gyokaku, &[740.0, 780.0, 780.0]),
            r1: zeros.clone(),
            r2: zeros.clone(),
            r3: zeros.clone(),
            staff: vec![0.1, 0.1, 0.1],
            staff_cost: vec![740.0, 780.0, 780.0],
            other_cost: zeros.clone(),
            target: vec![Some(26_000.0), Some(26_000.0), Some(26_000.0)],
            indicators: vec![kpi(
                "連携事業数(広域連携・産官学連携)",
                "事業",
                n(14.0),
                vec![n(15.0), n(16.0), n(17.0)],
                vec![n(18.0), n(19.0), None],
            )],
            grades: ["A", "B", "A"],
            direction: "継続",
            remarks: "",
            start: "平成17年度",
        },
        none(),
    ));
    let p_sangaku = [395.0, 345.0, 350.0];
    v.push((
        Project {
            file: "企画政策課_産学連携.xlsx",
            bu: "企画部",
            ka: "企画政策課",
            name: "産学連携",
            id: "10-102",
            eval: 2024,
            years: r6.clone(),
            a: split(&p_sangaku, &[300.0, 300.0, 300.0]),
            r1: zeros.clone(),
            r2: zeros.clone(),
            r3: vec![50.0, 0.0, 0.0],
            staff: vec![0.05, 0.05, 0.05],
            staff_cost: vec![300.0, 300.0, 300.0],
            other_cost: zeros.clone(),
            target: vec![None, None, None],
            indicators: vec![kpi(
                "包括連携協定による連携事業数",
                "件",
                n(3.0),
                vec![n(4.0), n(5.0), n(6.0)],
                vec![n(5.0), n(5.0), None],
            )],
            grades: ["A", "B", "A"],
            direction: "改善",
            remarks: "",
            start: "令和元年度",
        },
        // Variant: labels merged over two columns; the whole form moved down and right.
        Box::new(|_, l| {
            l.merged_labels = true;
            l.row0 = 2;
            l.col0 = 2;
        }),
    ));
    let p_shisetsu = [201_124.0, 76_433.0, 80_000.0];
    let b_shisetsu = [9_300.0, 9_450.0, 9_450.0];
    v.push((
        Project {
            file: "財政課_施設再編推進事業.xlsx",
            bu: "総務部",
            ka: "財政課",
            name: "施設再編推進事業",
            id: "20-101",
            eval: 2024,
            years: r6.clone(),
            a: split(&p_shisetsu, &b_shisetsu),
            r1: vec![32_000.0, 0.0, 0.0],
            r2: vec![120_000.0, 48_239.0, 50_000.0],
            r3: zeros.clone(),
            staff: vec![1.0, 1.0, 1.0],
            staff_cost: vec![8_100.0, 8_200.0, 8_200.0],
            other_cost: vec![1_200.0, 1_250.0, 1_250.0],
            target: vec![Some(42.0), Some(42.0), Some(42.0)],
            indicators: vec![
                kpi(
                    "公共施設の総延床面積(m²)",
                    "m²",
                    t("施策1にて評価"),
                    vec![t("施策1にて評価"), t("施策1にて評価"), None],
                    vec![t("施策1にて評価"), t("施策1にて評価"), None],
                ),
                kpi(
                    "1地区1地域集会施設化(施設)",
                    "施設",
                    t("施策1にて評価"),
                    vec![t("施策1にて評価"), t("施策1にて評価"), None],
                    vec![t("施策1にて評価"), t("施策1にて評価"), None],
                ),
            ],
            grades: ["A", "A", "B"],
            direction: "継続",
            remarks: "",
            start: "令和2年度",
        },
        // Variant: a blank row inserted inside the cost table (the guide sheet first and the
        // form sheet renamed are set in main).
        Box::new(|_, l| {
            l.blank_row_after = Some("r3".into());
        }),
    ));
    let p_chomin = [23_900.0, 24_386.0, 23_421.0, 24_000.0];
    let b_chomin = [15_000.0, 15_000.0, 15_000.0, 15_000.0];
    v.push((
        Project {
            file: "協働推進課_町民活動推進事業.xlsx",
            bu: "市民部",
            ka: "協働推進課",
            name: "町民活動推進事業",
            id: "30-101",
            eval: 2024,
            years: vec![2022, 2023, 2024, 2025],
            a: split(&p_chomin, &b_chomin),
            r1: vec![0.0; 4],
            r2: vec![0.0; 4],
            r3: vec![0.0; 4],
            staff: vec![1.5; 4],
            staff_cost: vec![12_000.0; 4],
            other_cost: vec![3_000.0; 4],
            target: vec![
                Some(26_100.0),
                Some(26_050.0),
                Some(26_000.0),
                Some(26_000.0),
            ],
            indicators: vec![
                kpi(
                    "地域活動に参加している人の割合(%)",
                    "%",
                    n(32.0),
                    vec![None, n(32.5), n(33.0), n(33.5)],
                    vec![None, n(25.9), n(23.3), None],
                ),
                kpi(
                    "町民活動推進補助金活用団体数(団体)",
                    "団体",
                    n(4.0),
                    vec![n(4.0), n(4.0), n(4.0), n(4.0)],
                    vec![n(4.0), n(4.0), n(4.0), None],
                ),
            ],
            // Planted: 進捗状況 A, but the first indicator reached 23.3 / 33.0 = 70.6 % (B).
            grades: ["A", "B", "B"],
            direction: "改善",
            remarks: "",
            start: "平成24年度",
        },
        // Variant: header values under their labels, years with their phase in one cell
        // (令和6年度実績), four year columns.
        Box::new(|_, l| {
            l.values_below = true;
            l.phase_row = false;
        }),
    ));
    let p_ikusei = [2_279.0, 2_429.0, 2_500.0];
    v.push((
        Project {
            file: "職員課_職員育成推進事業.xlsx",
            bu: "総務部",
            ka: "職員課",
            name: "職員育成推進事業",
            id: "20-102",
            eval: 2024,
            years: r6.clone(),
            a: split(&p_ikusei, &[1_500.0, 1_550.0, 1_550.0]),
            r1: zeros.clone(),
            r2: zeros.clone(),
            r3: vec![100.0, 100.0, 100.0],
            staff: vec![0.2, 0.2, 0.2],
            staff_cost: vec![1_500.0, 1_550.0, 1_550.0],
            other_cost: zeros.clone(),
            target: vec![Some(520.0), Some(520.0), Some(520.0)],
            indicators: vec![kpi(
                "職員の研修等の延べ参加人数(人)",
                "人",
                n(520.0),
                vec![n(520.0), n(520.0), n(520.0)],
                vec![n(686.0), n(623.0), None],
            )],
            grades: ["A", "A", "A"],
            direction: "継続",
            remarks: "",
            start: "平成元年度",
        },
        // Planted: トータルコスト 令和6年度 typed over its formula as 2,492 (2,429 transposed).
        Box::new(|d, _| {
            d.typed_over
                .insert(("total".into(), 1), CellInput::Number(2_492.0));
        }),
    ));
    let p_digital = [64_495.0, 64_461.0, 65_000.0];
    v.push((
        Project {
            file: "デジタル推進室_デジタル推進事業.xlsx",
            bu: "企画部",
            ka: "デジタル推進室",
            name: "デジタル推進事業",
            id: "10-103",
            eval: 2024,
            years: r6.clone(),
            a: split(&p_digital, &[4_081.0, 4_081.0, 4_100.0]),
            r1: vec![20_000.0, 15_000.0, 0.0],
            r2: zeros.clone(),
            r3: zeros.clone(),
            staff: vec![1.0, 1.0, 1.0],
            staff_cost: vec![4_081.0, 4_081.0, 4_100.0],
            other_cost: zeros.clone(),
            target: vec![Some(26_000.0), Some(26_000.0), Some(26_000.0)],
            indicators: vec![
                kpi(
                    "行政手続きのオンライン化(件)【総合戦略】",
                    "件",
                    n(11.0),
                    vec![n(30.0), n(60.0), n(100.0)],
                    vec![n(59.0), n(82.0), None],
                ),
                kpi(
                    "住民票等の証明書のコンビニ交付件数(件)【総合戦略】",
                    "件",
                    n(718.0),
                    vec![n(3_000.0), n(3_500.0), n(4_000.0)],
                    vec![n(3_352.0), n(3_908.0), None],
                ),
            ],
            grades: ["A", "A", "B"],
            direction: "拡充",
            remarks: "",
            start: "令和3年度",
        },
        // Planted: 正規職員人件費 令和6年度 written in 円 with its unit: "4,081,000円".
        Box::new(|d, _| {
            d.measures.get_mut("staff_cost").unwrap()[1] = t("4,081,000円");
        }),
    ));
    let p_koho = [12_678.0, 13_538.0, 13_600.0];
    v.push((
        Project {
            file: "広報課_広報活動事業.xlsx",
            bu: "企画部",
            ka: "広報課",
            name: "広報活動事業",
            id: "10-104",
            eval: 2024,
            years: vec![2022, 2023, 2024],
            a: split(&p_koho, &[5_000.0, 5_100.0, 5_100.0]),
            r1: zeros.clone(),
            r2: zeros.clone(),
            r3: vec![1_200.0, 1_200.0, 1_200.0],
            staff: vec![0.6, 0.6, 0.6],
            staff_cost: vec![5_000.0, 5_100.0, 5_100.0],
            other_cost: zeros.clone(),
            target: vec![Some(11_000.0), Some(11_000.0), Some(11_000.0)],
            indicators: vec![kpi(
                "広報紙の発行回数",
                "回",
                n(12.0),
                vec![n(12.0), n(12.0), n(12.0)],
                vec![n(12.0), n(12.0), None],
            )],
            grades: ["A", "B", "B"],
            direction: "継続",
            remarks: "",
            start: "昭和50年度",
        },
        // Planted: last year's sheet reused: 評価年度 updated to 令和6年度, but the cost table
        // still runs 令和4年度 実績, 令和5年度 実績, 令和6年度 予算.
        Box::new(|_, l| {
            l.phases = vec!["実績".into(), "実績".into(), "予算".into()];
        }),
    ));
    let p_system = [40_648.0, 48_396.0, 49_000.0];
    v.push((
        Project {
            file: "情報政策課_情報システム運用事業.xlsx",
            bu: "企画部",
            ka: "情報政策課",
            name: "情報システム運用事業",
            id: "１０－１０５",
            eval: 2024,
            years: r6.clone(),
            a: split(&p_system, &[4_081.0, 4_081.0, 4_100.0]),
            r1: zeros.clone(),
            r2: zeros.clone(),
            r3: zeros.clone(),
            staff: vec![1.0, 1.0, 1.0],
            staff_cost: vec![4_081.0, 4_081.0, 4_100.0],
            other_cost: zeros.clone(),
            target: vec![Some(26_000.0), Some(26_000.0), Some(26_000.0)],
            indicators: vec![kpi(
                "基幹システムの稼働率(%)",
                "%",
                t("99.5%"),
                vec![t("99.5%"), t("99.5%"), t("99.5%")],
                vec![t("99.9%"), t("９９．８％"), None],
            )],
            grades: ["A", "A", "A"],
            direction: "継続",
            remarks: "",
            start: "H30",
        },
        // Normalisation, not mistakes: full-width 事業番号, years as `R6` and `H30`,
        // staff counts and indicator values stored as text.
        Box::new(|d, _| {
            d.fields
                .insert("eval_year".into(), CellInput::Text("R6".into()));
            d.measures
                .insert("staff".into(), vec![t("１．０"), t("1.0人"), t("１")]);
        }),
    ));
    v.push((
        Project {
            file: "税務課_キャッシュレス決済導入事業.xlsx",
            bu: "総務部",
            ka: "税務課",
            name: "キャッシュレス決済導入事業",
            id: "20-103",
            eval: 2024,
            years: r6.clone(),
            a: vec![80_239.0, 85_000.0, 60_000.0],
            r1: vec![32_000.0, 30_000.0, 0.0],
            r2: vec![0.0, -5_000.0, 0.0],
            r3: vec![48_239.0, 0.0, 0.0],
            staff: vec![0.5, 0.5, 0.5],
            staff_cost: vec![4_081.0, 4_081.0, 4_081.0],
            other_cost: zeros.clone(),
            target: vec![Some(6_750.0), Some(7_100.0), None],
            indicators: vec![kpi(
                "コンビニ交付による証明書の交付件数",
                "件",
                n(718.0),
                vec![n(6_000.0), n(6_500.0), n(7_000.0)],
                vec![n(6_750.0), n(7_100.0), None],
            )],
            grades: ["A", "A", "A"],
            direction: "拡充",
            remarks: "",
            start: "令和4年度",
        },
        // Planted: 地方債 令和6年度 entered as a negative (△5,000).
        none(),
    ));
    v.push((
        Project {
            file: "総務課_押印の見直し事業.xlsx",
            bu: "総務部",
            ka: "総務課",
            name: "押印の見直し事業",
            id: "20-104",
            eval: 2024,
            years: r6.clone(),
            a: vec![5_117.0, 5_117.0, 4_000.0],
            r1: zeros.clone(),
            r2: zeros.clone(),
            r3: zeros.clone(),
            staff: vec![0.5, 0.5, 0.5],
            staff_cost: vec![4_081.0, 4_081.0, 4_081.0],
            other_cost: zeros.clone(),
            target: vec![None, None, None],
            indicators: vec![kpi(
                "押印を廃止した手続の数",
                "件",
                n(0.0),
                vec![n(100.0), n(150.0), n(200.0)],
                vec![n(120.0), n(140.0), None],
            )],
            grades: ["B", "B", "A"],
            direction: "継続",
            remarks: "",
            start: "令和3年度",
        },
        // Planted (warnings): 人件費合計 and トータルコスト 令和6年度 typed as numbers that agree
        // with their formulas (4,081 and 9,198).
        Box::new(|d, _| {
            d.typed_over
                .insert(("b".into(), 1), CellInput::Number(4_081.0));
            d.typed_over
                .insert(("total".into(), 1), CellInput::Number(9_198.0));
        }),
    ));
    v.push((
        Project {
            file: "企画政策課_広域連携推進事業.xlsx",
            bu: "企画部",
            ka: "企画政策課",
            name: "広域連携推進事業",
            id: "10-106",
            eval: 2024,
            years: r6,
            a: vec![1_000.0, 1_000.0, 1_200.0],
            r1: zeros.clone(),
            r2: zeros.clone(),
            r3: vec![800.0, 1_200.0, 900.0],
            staff: vec![0.3, 0.3, 0.3],
            staff_cost: vec![2_400.0, 2_450.0, 2_450.0],
            other_cost: zeros,
            target: vec![Some(4.0), Some(4.0), Some(4.0)],
            indicators: vec![kpi("新たに広域で連携する事業数", "事業", n(0.0), vec![n(2.0), n(3.0), n(3.0)], vec![n(2.0), n(3.0), None])],
            grades: ["A", "A", "A"],
            direction: "継続",
            remarks: "令和6年度は前年度負担金の精算返還金をその他特定財源に計上したため、一般財源がマイナスになっています。",
            start: "令和元年度",
        },
        none(),
    ));
    v
}

pub(crate) fn write_project(
    spec: &FormSpec,
    p: &Project,
    tweak: &dyn Fn(&mut FormData, &mut TemplateLayout),
    path: &Path,
) -> anyhow::Result<()> {
    let mut data = p.data();
    let mut layout = p.layout(spec);
    tweak(&mut data, &mut layout);
    // The 施設再編 sample keeps the guide sheet first and renames the form sheet.
    // Only that sample keeps the 記入要領 sheet (reported as skipped, `info`).
    let (sheet_name, guide) = if p.id == "20-101" {
        (Some("R6評価"), Guide::First)
    } else {
        (None, Guide::None)
    };
    let mut wb = form_workbook(spec, &layout, Some(&data), sheet_name, guide)?;
    write_atomic(path, &workbook_bytes(&mut wb)?)?;
    Ok(())
}

// ---- Last year's submission (for `hyoka audit`) ------------------------------------------

/// The same project one year earlier, agreeing with this year's sheet on every year both
/// report: the columns move back a year, the new first year is estimated (95 % of the next),
/// the last column is a budget and its result is not known yet.
pub(crate) fn previous_of(p: &Project) -> Project {
    let back = |v: &Vec<f64>, scale: f64| {
        let mut out = vec![(v[0] * scale).round()];
        out.extend(v.iter().take(v.len() - 1));
        out
    };
    let shift = |v: &Vec<Option<CellInput>>| {
        let mut out = vec![v[0].clone()];
        out.extend(v.iter().take(v.len() - 1).cloned());
        out
    };
    let mut q = p.clone();
    q.eval = p.eval - 1;
    q.years = p.years.iter().map(|y| y - 1).collect();
    q.a = back(&p.a, 0.95);
    q.r1 = back(&p.r1, 0.95);
    q.r2 = back(&p.r2, 0.95);
    q.r3 = back(&p.r3, 0.95);
    q.staff = back(&p.staff, 1.0);
    q.staff_cost = back(&p.staff_cost, 1.0);
    q.other_cost = back(&p.other_cost, 1.0);
    let mut target = vec![p.target[0]];
    target.extend(p.target.iter().take(p.target.len() - 1).copied());
    q.target = target;
    for k in &mut q.indicators {
        k.plan = shift(&k.plan);
        k.actual = shift(&k.actual);
        // The year after last year's evaluation had no result yet.
        let eval_col = q.years.iter().position(|y| *y == q.eval).unwrap_or(0);
        for (i, v) in k.actual.iter_mut().enumerate() {
            if i > eval_col {
                *v = None;
            }
        }
    }
    q
}

/// Last year's submission of the 事務事業評価シート, derived from this year's, with planted
/// contradictions that `hyoka audit` finds: a result rewritten since it was reported, a past
/// target changed, a project gone without a word (and one gone as 休止・廃止, which is not
/// reported), a project that is new without saying so, and one renumbered as hyoka.toml says.
pub(crate) fn write_previous(spec: &FormSpec, out: &Path) -> anyhow::Result<usize> {
    let mut written = 0;
    for (p, _) in projects() {
        // Not submitted last year: this year it is new, and not marked so.
        if p.file == "企画政策課_産学連携.xlsx" {
            continue;
        }
        let mut q = previous_of(&p);
        let year_col = |q: &Project, y: i32| q.years.iter().position(|x| *x == y);
        match p.file {
            // Last year's report gave another 事業費 for 令和5年度 than this year's sheet.
            "協働推進課_町民活動推進事業.xlsx" => {
                if let Some(c) = year_col(&q, 2023) {
                    q.a[c] += 500.0;
                }
            }
            // The target for 令和5年度 stood lower last year (98.0 %, now 99.5 %).
            "情報政策課_情報システム運用事業.xlsx" => {
                if let Some(c) = year_col(&q, 2023) {
                    q.indicators[0].plan[c] = t("98.0%");
                }
            }
            // Renumbered this year (hyoka.toml: audit.renamed).
            "財政課_施設再編推進事業.xlsx" => q.id = "20-001",
            _ => {}
        }
        write_project(spec, &q, &|_, _| {}, &out.join(p.file))?;
        written += 1;
    }
    let (base, _) = projects().into_iter().next().expect("a project");
    for (file, id, name, ka, direction) in [
        (
            "企画政策課_窓口サービス改善事業.xlsx",
            "10-199",
            "窓口サービス改善事業",
            "企画政策課",
            "継続",
        ),
        (
            "総務課_旧庁舎管理事業.xlsx",
            "20-199",
            "旧庁舎管理事業",
            "総務課",
            "休止・廃止",
        ),
    ] {
        let mut q = previous_of(&base);
        q.file = file;
        q.id = id;
        q.name = name;
        q.ka = ka;
        q.direction = direction;
        write_project(spec, &q, &|_, _| {}, &out.join(file))?;
        written += 1;
    }
    write_atomic(
        &out.join("hyoka.toml"),
        "# The audit of samples-previous against samples: 施設再編推進事業 was 20-001 last year.\n[audit]\nrenamed = { \"20-001\" = \"20-101\" }\n".as_bytes(),
    )?;
    Ok(written)
}

// ---- 施策評価シート (seed 000, 二宮町 施策 1-4) ----------------------------------------------
