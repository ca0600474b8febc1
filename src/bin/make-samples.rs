//! Builds the bundled `samples/` from the seed documents' real figures, reproducibly:
//! `cargo run --bin make-samples -- --out samples`. With `--bench N` it writes N workbooks
//! cycling through the same projects, for timing runs.
//!
//! Which mistakes are planted, and where, is documented in samples/README.md; tests check
//! that `hyoka consolidate samples/` reports exactly those.

use hyoka::form::FormSpec;
use hyoka::normalise::FiscalYear;
use hyoka::spec::load_forms;
use hyoka::write::form_sheet::{
    form_workbook, write_form_sheet, CellInput, FormData, Guide, IndicatorInput, RecordInput,
    TemplateLayout,
};
use hyoka::write::{workbook_bytes, write_atomic};
use std::path::{Path, PathBuf};

#[path = "../../tests/it/seed_figures.rs"]
mod seed_figures;
use seed_figures::{
    item_data, item_seed_cells, plan_data, plan_seed_cells, BUDGET, ITEMS, KPI, OTHER, PLAN_ITEMS,
    TARGETS, TOTAL,
};

fn n(v: f64) -> Option<CellInput> {
    Some(CellInput::Number(v))
}
fn t(s: &str) -> Option<CellInput> {
    Some(CellInput::Text(s.to_string()))
}

/// One project's sheet: header, cost rows per year, indicators, evaluation.
#[derive(Clone)]
struct Project {
    file: &'static str,
    bu: &'static str,
    ka: &'static str,
    name: &'static str,
    id: &'static str,
    eval: i32,
    /// Years of the cost table, oldest first.
    years: Vec<i32>,
    a: Vec<f64>,
    r1: Vec<f64>,
    r2: Vec<f64>,
    r3: Vec<f64>,
    staff: Vec<f64>,
    staff_cost: Vec<f64>,
    other_cost: Vec<f64>,
    target: Vec<Option<f64>>,
    indicators: Vec<IndicatorInput>,
    grades: [&'static str; 3],
    direction: &'static str,
    remarks: &'static str,
    start: &'static str,
}

fn kpi(
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
    fn data(&self) -> FormData {
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

    fn layout(&self, spec: &FormSpec) -> TemplateLayout {
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
fn split(total: &[f64], personnel: &[f64]) -> Vec<f64> {
    total.iter().zip(personnel).map(|(t, p)| t - p).collect()
}

/// A department's edit of the layout, or a planted mistake.
type Tweak = Box<dyn Fn(&mut FormData, &mut TemplateLayout)>;

fn projects() -> Vec<(Project, Tweak)> {
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

fn write_project(
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
fn previous_of(p: &Project) -> Project {
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
fn write_previous(spec: &FormSpec, out: &Path) -> anyhow::Result<usize> {
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

/// One 施策's sheet: which of the seed's budget projects and indicators it holds.
struct Policy {
    file: &'static str,
    ka: &'static str,
    id: &'static str,
    name: &'static str,
    budget: &'static [usize],
    other: (f64, f64),
    kpi: &'static [usize],
    grades: [&'static str; 3],
}

const POLICIES: &[Policy] = &[
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

fn policy_data(p: &Policy) -> FormData {
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
fn write_policies(spec: &FormSpec, out: &Path) -> anyhow::Result<usize> {
    // The seed's own arithmetic: its projects and その他 sum to its 合計.
    let sum = |pick: fn(&seed_figures::Budget) -> f64| BUDGET.iter().map(pick).sum::<f64>();
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
fn seed_layout(p: &Policy, d: &FormData, off: f64) -> anyhow::Result<Vec<u8>> {
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

/// The 達成目標 sample: seed 003's three tables on one sheet, each under its heading, as the
/// seed lays them out (written cell by cell). Planted: a 単位 outside the list (`人数`).
fn write_targets(out: &Path) -> anyhow::Result<()> {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("紡ぐ6")?;
    ws.write_string(0, 0, "紡ぐ 6 将来を見据えた行財政運営の推進")?;
    ws.write_string(1, 0, "担当課")?;
    ws.write_string(1, 1, "企画政策課")?;
    ws.write_string(1, 2, "評価年度")?;
    ws.write_string(1, 3, "令和6年度")?;
    ws.set_column_width(0, 40)?;
    ws.set_column_width(4, 30)?;
    let mut r = 3;
    for (ti, (heading, rows)) in TARGETS.iter().enumerate() {
        ws.write_string(r, 0, *heading)?;
        ws.write_string(r + 2, 0, "達成目標")?;
        for (c, h) in [
            "指標名",
            "単位",
            "令和2年度 (実績)",
            "令和8年度 (目標)",
            "目標指標の測定\nあるいは取得の方法",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(r + 3, c as u16, *h)?;
        }
        r += 4;
        for (ri, (name, unit, base, target, how)) in rows.iter().enumerate() {
            let unit = if (ti, ri) == (1, 3) { "人数" } else { unit };
            ws.write_string(r, 0, *name)?;
            ws.write_string(r, 1, unit)?;
            match base.parse::<f64>() {
                Ok(v) => ws.write_number(r, 2, v)?,
                Err(_) => ws.write_string(r, 2, *base)?,
            };
            ws.write_number(r, 3, *target)?;
            ws.write_string(r, 4, *how)?;
            r += 1;
        }
        r += 2;
    }
    write_atomic(
        &out.join("企画政策課_達成目標_紡ぐ6.xlsx"),
        &workbook_bytes(&mut wb)?,
    )?;
    Ok(())
}

// ---- 取り組み推進項目調書 (seed 001, 二宮町) ------------------------------------------------------

/// The 調書 samples: three 課 in the template, one in the seed's own layout. Planted: a 再掲
/// item whose 実績 differs from its original's; a result missing for the report year. As
/// published: `0.26` beside `0.22%` in one row (a warning).
fn write_reform(spec: &FormSpec, out: &Path) -> anyhow::Result<usize> {
    let layout = TemplateLayout::canonical(spec, FiscalYear(2022));
    let pick = |ns: &[usize]| ns.iter().map(|&i| &ITEMS[i]).collect::<Vec<_>>();
    let sets: [(&str, Vec<&seed_figures::Item>); 3] = [
        ("企画政策課", pick(&[0, 1, 2])),
        ("総務課", pick(&[3, 4, 5])),
        ("財務課", pick(&[6, 8])),
    ];
    for (i, (ka, items)) in sets.iter().enumerate() {
        let mut d = item_data(ka, items);
        let records = d.records.get_mut("item").unwrap();
        match i {
            // 取り組み事項9 (再掲 of 1): 令和2年度 実績 5 written 4.
            0 => records[2].values.get_mut("actual").unwrap()[1] = Some(CellInput::Number(4.0)),
            // 取り組み事項5: 令和4年度 実績 left blank.
            1 => records[2].values.get_mut("actual").unwrap()[3] = None,
            _ => {}
        }
        let mut wb = form_workbook(spec, &layout, Some(&d), None, Guide::None)?;
        let path = out.join(format!("{ka}_取り組み推進項目調書.xlsx"));
        write_atomic(&path, &workbook_bytes(&mut wb)?)?;
    }
    // 戸籍税務課: item 10 as the seed lays it out, numbers stored as numbers.
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("取り組み推進項目調書")?;
    ws.set_column_width(0, 22)?;
    ws.set_column_width(1, 18)?;
    write_cells(ws, &item_seed_cells(&pick(&[7]), &[]))?;
    write_atomic(
        &out.join("戸籍税務課_取り組み推進項目調書.xlsx"),
        &workbook_bytes(&mut wb)?,
    )?;
    Ok(sets.len() + 1)
}

/// Writes seed-shaped cells (row, column, text) on a sheet: numbers as numbers.
fn write_cells(
    ws: &mut rust_xlsxwriter::Worksheet,
    cells: &[(u32, u32, String)],
) -> anyhow::Result<()> {
    for (r, c, text) in cells {
        match text.parse::<f64>() {
            Ok(v) => ws.write_number(*r, *c as u16, v)?,
            Err(_) => ws.write_string(*r, *c as u16, text)?,
        };
    }
    Ok(())
}

// ---- 行動計画 実施状況 (seed 002, 二本松市) ---------------------------------------------------------

/// The 実施状況 samples: 重点項目1 (1) in the template; 重点項目2 (1) in the seed's own layout,
/// its table split before No. 3 as over two pages. Planted: No. 5 written 4; a mark ③ where
/// the item lists only ① and ②.
fn write_plans(spec: &FormSpec, out: &Path) -> anyhow::Result<usize> {
    let layout = TemplateLayout::canonical(spec, FiscalYear(2023));
    let digital: Vec<_> = PLAN_ITEMS
        .iter()
        .filter(|i| i.heading.starts_with("重点項目1"))
        .collect();
    let mut d = plan_data("企画政策課", &digital);
    // Planted: No. 5 written 4.
    d.records.get_mut("plan").unwrap()[4].key = "4".into();
    let mut wb = form_workbook(spec, &layout, Some(&d), None, Guide::None)?;
    write_atomic(
        &out.join("企画政策課_行動計画実施状況.xlsx"),
        &workbook_bytes(&mut wb)?,
    )?;
    let selection: Vec<_> = PLAN_ITEMS
        .iter()
        .filter(|i| i.heading.starts_with("重点項目2"))
        .collect();
    let mut cells = plan_seed_cells(&selection, &["3"]);
    // Planted: item 3 lists ① and ②; its R6 cell marks ③.
    let at = cells
        .iter()
        .position(|c| c.2 == "補助制度の検証と評価システムの構築 【継続項目】")
        .expect("item 3");
    let row = cells[at].0 + 1;
    for c in cells.iter_mut().filter(|c| c.0 == row && c.1 == 6) {
        c.2 = "③".into();
    }
    cells.push((2, 0, "担当課".into()));
    cells.push((2, 1, "財政課".into()));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("実施状況")?;
    ws.set_column_width(1, 24)?;
    ws.set_column_width(2, 30)?;
    ws.set_column_width(8, 40)?;
    write_cells(ws, &cells)?;
    write_atomic(
        &out.join("財政課_行動計画実施状況.xlsx"),
        &workbook_bytes(&mut wb)?,
    )?;
    Ok(2)
}

// ---- 評価システム出力 (templates/export.toml) ----------------------------------------------------

/// Projects in the sample export, and the fiscal years of each row.
const EXPORT_PROJECTS: usize = 300;
const EXPORT_YEARS: i32 = 6;

/// The sample export: one row per project, 令和元年度–令和6年度 as groups of columns without a
/// year label (each counts from the row's 年度), a note row above the header, labels with line
/// breaks and double spaces, `-` for an empty source, indicators after the costs, two blank
/// rows at the end. Planted: 0042's 事業費計 of 令和4年度 off by 10; 0150's 人件費計 of 令和6年度
/// at 3.5 千円 an hour; 0277 without its 担当課.
fn write_export(path: &Path, projects: usize, indicators: usize) -> anyhow::Result<()> {
    use rust_xlsxwriter::Workbook;
    const DEPARTMENTS: &[&str] = &[
        "企画政策課",
        "総務課",
        "財務課",
        "税務課",
        "協働推進課",
        "情報政策課",
        "職員課",
        "広報課",
        "デジタル推進室",
        "経営企画課",
    ];
    const NAMES: &[&str] = &[
        "広報活動事業",
        "行政改革推進事業",
        "施設再編推進事業",
        "町民活動推進事業",
        "職員育成推進事業",
        "情報システム運用事業",
        "キャッシュレス決済導入事業",
        "押印の見直し事業",
        "広域連携推進事業",
        "デジタル推進事業",
        "様々な主体との連携推進事業",
        "産学連携",
    ];
    let group = [
        "国庫支出金",
        "都道府県支出金",
        "地方債",
        "その他",
        "一般財源",
        "事業費計  （A）",
        "延べ業務\n時間",
        "人件費計\n(B)",
        "トータルコスト(A)＋(B)",
    ];
    // The indicators after the costs: 活動指標, 成果指標, then numbered ones (for --export-bench).
    let indicator_labels: Vec<String> = (0..indicators)
        .map(|i| match i {
            0 => "活動指標".to_string(),
            1 => "成果指標".to_string(),
            n => format!("指標{}", n + 1),
        })
        .collect();
    let group: Vec<&str> = group
        .iter()
        .copied()
        .chain(indicator_labels.iter().map(String::as_str))
        .collect();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("事業一覧出力")?;
    let fixed = ["年度", "事業番号", "事業名", "担当課"];
    let width = fixed.len() as u16 + group.len() as u16 * EXPORT_YEARS as u16;
    for c in 0..width {
        ws.write_string(0, c, "調整用")?;
    }
    for (c, h) in fixed.iter().enumerate() {
        ws.write_string(1, c as u16, *h)?;
    }
    for y in 0..EXPORT_YEARS as u16 {
        for (i, h) in group.iter().enumerate() {
            ws.write_string(
                1,
                fixed.len() as u16 + y * group.len() as u16 + i as u16,
                *h,
            )?;
        }
    }
    // A fixed sequence, so the file is the same on every run.
    let mut seed: u64 = 0x2024_0601;
    let mut next = |m: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % m
    };
    for p in 0..projects {
        let r = 2 + p as u32;
        let id = format!("{:04}", p + 1);
        ws.write_string(r, 0, "令和6年度")?;
        ws.write_string(r, 1, &id)?;
        ws.write_string(r, 2, format!("{}（{}）", NAMES[p % NAMES.len()], id))?;
        if id != "0277" {
            ws.write_string(r, 3, DEPARTMENTS[p % DEPARTMENTS.len()])?;
        }
        for y in 0..EXPORT_YEARS {
            let c0 = fixed.len() as u16 + y as u16 * group.len() as u16;
            let mut sources = [0.0; 5];
            for (k, s) in sources.iter_mut().enumerate() {
                // About one source in three is empty (`-`); 一般財源 always has a figure.
                if k == 4 || next(3) != 0 {
                    *s = (next(400) * 10) as f64;
                }
            }
            let mut project_cost: f64 = sources.iter().sum();
            let hours = (next(60) * 20 + 40) as f64;
            let rate = if id == "0150" && y == 5 { 3.5 } else { 4.0 };
            let staff = hours * rate;
            // The system sums what it shows: a typed-over 事業費計 carries into the total.
            if id == "0042" && y == 3 {
                project_cost += 10.0;
            }
            let total = project_cost + staff;
            for (k, s) in sources.iter().enumerate() {
                if *s == 0.0 && k != 4 {
                    ws.write_string(r, c0 + k as u16, "-")?;
                } else {
                    ws.write_number(r, c0 + k as u16, *s)?;
                }
            }
            for (k, v) in [project_cost, hours, staff, total].iter().enumerate() {
                ws.write_number(r, c0 + 5 + k as u16, *v)?;
            }
            for k in 0..indicators as u16 {
                ws.write_number(r, c0 + 9 + k, next(100) as f64)?;
            }
        }
    }
    // Blank rows at the end, as the system leaves them.
    for r in 0..2 {
        for c in 0..4 {
            ws.write_string(2 + projects as u32 + r, c, "")?;
        }
    }
    write_atomic(path, &workbook_bytes(&mut wb)?)?;
    Ok(())
}

/// The bundled samples of the forms other than 事務事業 (the export aside), as file name and
/// bytes: written once into a temporary folder and read back.
fn other_form_samples(forms: &[FormSpec]) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let dir = std::env::temp_dir().join(format!("hyoka-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let form = |id: &str| {
        forms
            .iter()
            .find(|f| f.form.id == id)
            .expect("built-in form")
    };
    write_policies(form("shisaku"), &dir)?;
    write_targets(&dir)?;
    write_reform(form("gyokaku"), &dir)?;
    write_plans(form("keikaku"), &dir)?;
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok())
        .map(|e| -> anyhow::Result<_> {
            Ok((
                e.file_name().to_string_lossy().to_string(),
                std::fs::read(e.path())?,
            ))
        })
        .collect::<anyhow::Result<_>>()?;
    files.sort();
    std::fs::remove_dir_all(&dir)?;
    Ok(files)
}

/// The same workbook with a zip comment of its own: equal content, different bytes, so the
/// copies are not reported as one file sent twice.
fn with_zip_comment(bytes: &[u8], comment: &str) -> anyhow::Result<Vec<u8>> {
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(bytes))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..src.len() {
        out.raw_copy_file(src.by_index_raw(i)?)?;
    }
    out.set_comment(comment)?;
    Ok(out.finish()?.into_inner())
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let out = PathBuf::from(arg("--out").unwrap_or_else(|| "samples".into()));
    let forms = load_forms(None)?;
    let spec = forms
        .iter()
        .find(|f| f.form.id == "jimu-jigyo")
        .expect("built-in form");
    std::fs::create_dir_all(&out)?;
    let list = projects();
    if let Some(dir) = arg("--previous") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir)?;
        let n = write_previous(spec, &dir)?;
        eprintln!("{n} workbooks of last year in {}", dir.display());
        return Ok(());
    }
    // One export of N rows × 202 columns (six year groups of 33), for timing its reading.
    if let Some(rows) = arg("--export-bench") {
        let rows: usize = rows.parse()?;
        write_export(&out.join("export_bench.xlsx"), rows, 24)?;
        eprintln!("an export of {rows} rows in {}", out.display());
        return Ok(());
    }
    // One workbook of N project sheets, for timing how a file's sheets are checked.
    if let Some(sheets) = arg("--bench-sheets") {
        let sheets: usize = sheets.parse()?;
        let mut wb = rust_xlsxwriter::Workbook::new();
        for i in 0..sheets {
            let (p, tweak) = &list[i % list.len()];
            let mut data = p.data();
            let mut layout = p.layout(spec);
            tweak(&mut data, &mut layout);
            let id = format!("{:02}-{:03}", 50 + (i / 1000) % 50, i % 1000);
            data.fields.insert("id".into(), CellInput::Text(id));
            let ws = wb.add_worksheet();
            ws.set_name(format!("事業{:03}", i + 1))?;
            write_form_sheet(ws, spec, &layout, Some(&data))?;
        }
        let path = out.join(format!("{sheets}_sheets.xlsx"));
        write_atomic(&path, &workbook_bytes(&mut wb)?)?;
        eprintln!("a workbook of {sheets} sheets: {}", path.display());
        return Ok(());
    }
    // `--bench N --bench-year previous`: last year's versions of the same N projects.
    let last_year = arg("--bench-year").as_deref() == Some("previous");
    match arg("--bench").map(|s| s.parse::<usize>()) {
        Some(Ok(count)) => {
            // Every tenth workbook is one of the other forms' samples (施策, 達成目標, 調書,
            // 実施状況), each copy its own bytes; the rest are 事務事業 sheets.
            let others = if last_year {
                Vec::new()
            } else {
                other_form_samples(&forms)?
            };
            for i in 0..count {
                if i % 10 == 9 && !others.is_empty() {
                    let (name, bytes) = &others[(i / 10) % others.len()];
                    let copy = with_zip_comment(bytes, &format!("bench copy {i}"))?;
                    write_atomic(&out.join(format!("{i:05}_{name}")), &copy)?;
                    continue;
                }
                let (p, tweak) = &list[i % list.len()];
                let path = out.join(format!("{:05}_{}", i, p.file));
                // Each copy gets its own 事業番号, as a real batch would have.
                let id = format!("{:02}-{:03}", 50 + (i / 1000) % 50, i % 1000);
                let renumber = |d: &mut FormData, l: &mut TemplateLayout| {
                    tweak(d, l);
                    d.fields.insert("id".into(), CellInput::Text(id.clone()));
                };
                if last_year {
                    let renumber_only = |d: &mut FormData, _: &mut TemplateLayout| {
                        d.fields.insert("id".into(), CellInput::Text(id.clone()));
                    };
                    write_project(spec, &previous_of(p), &renumber_only, &path)?;
                } else {
                    write_project(spec, p, &renumber, &path)?;
                }
            }
            eprintln!("{count} workbooks in {}", out.display());
        }
        Some(Err(e)) => anyhow::bail!("--bench needs a number: {e}"),
        None => {
            for (p, tweak) in &list {
                write_project(spec, p, tweak.as_ref(), &out.join(p.file))?;
            }
            // Planted: Excel's lock file, left beside a workbook that was open when copied.
            let mut lock = vec![0u8; 165];
            let owner = "広報課 職員".as_bytes();
            lock[0] = owner.len() as u8;
            lock[1..1 + owner.len()].copy_from_slice(owner);
            write_atomic(&out.join("~$広報課_広報活動事業.xlsx"), &lock)?;
            let shisaku = forms
                .iter()
                .find(|f| f.form.id == "shisaku")
                .expect("built-in form");
            let policies = write_policies(shisaku, &out)?;
            write_targets(&out)?;
            let gyokaku = forms
                .iter()
                .find(|f| f.form.id == "gyokaku")
                .expect("built-in form");
            let reform = write_reform(gyokaku, &out)?;
            let keikaku = forms
                .iter()
                .find(|f| f.form.id == "keikaku")
                .expect("built-in form");
            let plans = write_plans(keikaku, &out)?;
            write_export(
                &out.join("評価システム出力_令和6年度.xlsx"),
                EXPORT_PROJECTS,
                2,
            )?;
            eprintln!(
                "{} workbooks and a lock file in {}",
                list.len() + policies + 1 + reform + plans + 1,
                out.display()
            );
        }
    }
    Ok(())
}
