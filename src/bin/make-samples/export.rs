//! 評価システム出力 (templates/export.toml): a system export of many projects.

use hyoka::write::{workbook_bytes, write_atomic};
use std::path::Path;

/// Projects in the sample export, and the fiscal years of each row.
pub(crate) const EXPORT_PROJECTS: usize = 300;
pub(crate) const EXPORT_YEARS: i32 = 6;

/// The sample export: one row per project, 令和元年度–令和6年度 as groups of columns without a
/// year label (each counts from the row's 年度), a note row above the header, labels with line
/// breaks and double spaces, `-` for an empty source, indicators after the costs, two blank
/// rows at the end. Planted: 0042's 事業費計 of 令和4年度 off by 10; 0150's 人件費計 of 令和6年度
/// at 3.5 千円 an hour; 0277 without its 担当課.
pub(crate) fn write_export(path: &Path, projects: usize, indicators: usize) -> anyhow::Result<()> {
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
