//! 行動計画 実施状況 (seed 002).

use crate::common::*;
use crate::seed_figures::{plan_data, plan_seed_cells, PLAN_ITEMS};
use hyoka::form::FormSpec;
use hyoka::normalise::FiscalYear;
use hyoka::write::form_sheet::{form_workbook, Guide, TemplateLayout};
use hyoka::write::{workbook_bytes, write_atomic};
use std::path::Path;

/// The 実施状況 samples: 重点項目1 (1) in the template; 重点項目2 (1) in the seed's own layout,
/// its table split before No. 3 as over two pages. Planted: No. 5 written 4; a mark ③ where
/// the item lists only ① and ②.
pub(crate) fn write_plans(spec: &FormSpec, out: &Path) -> anyhow::Result<usize> {
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
