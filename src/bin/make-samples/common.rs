//! Small helpers every form's writer shares: cell inputs and cells written one by one.

use hyoka::write::form_sheet::CellInput;

pub(crate) fn n(v: f64) -> Option<CellInput> {
    Some(CellInput::Number(v))
}
pub(crate) fn t(s: &str) -> Option<CellInput> {
    Some(CellInput::Text(s.to_string()))
}

/// Writes seed-shaped cells (row, column, text) on a sheet: numbers as numbers.
pub(crate) fn write_cells(
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
