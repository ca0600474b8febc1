//! 行政改革の調書 (seed 001).

use crate::common::*;
use crate::seed_figures::{item_data, item_seed_cells, ITEMS};
use hyoka::form::FormSpec;
use hyoka::normalise::FiscalYear;
use hyoka::write::form_sheet::{form_workbook, CellInput, Guide, TemplateLayout};
use hyoka::write::{workbook_bytes, write_atomic};
use std::path::Path;

/// The 調書 samples: three 課 in the template, one in the seed's own layout. Planted: a 再掲
/// item whose 実績 differs from its original's; a result missing for the report year. As
/// published: `0.26` beside `0.22%` in one row (a warning).
pub(crate) fn write_reform(spec: &FormSpec, out: &Path) -> anyhow::Result<usize> {
    let layout = TemplateLayout::canonical(spec, FiscalYear(2022));
    let pick = |ns: &[usize]| ns.iter().map(|&i| &ITEMS[i]).collect::<Vec<_>>();
    let sets: [(&str, Vec<&crate::seed_figures::Item>); 3] = [
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
