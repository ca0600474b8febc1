//! 達成目標 (seed 003).

use crate::seed_figures::TARGETS;
use hyoka::write::{workbook_bytes, write_atomic};
use std::path::Path;

/// The 達成目標 sample: seed 003's three tables on one sheet, each under its heading, as the
/// seed lays them out (written cell by cell). Planted: a 単位 outside the list (`人数`).
pub(crate) fn write_targets(out: &Path) -> anyhow::Result<()> {
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
