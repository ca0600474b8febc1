//! Sheets of a workbook: which are the form, which are skipped, and what could not be read.

use super::rule::Code;
use crate::extract::SheetRead;
use crate::finding::Finding;
use crate::finding::Severity::{Error, Info, Warning};
use crate::i18n::Text;
use crate::i18n::{Lang, Message};

pub static SHEET_SKIPPED: Code = Code {
    id: "sheet-skipped",
    severity: Info,
    summary: Text {
        ja: "様式のタイトルがないシート（読み飛ばし）",
        en: "a sheet without a form title (skipped)",
    },
    message: Text {
        ja: "評価シートではないため読み飛ばしました",
        en: "not an evaluation sheet; skipped",
    },
};
pub static HIDDEN_SHEET: Code = Code {
    id: "hidden-sheet",
    severity: Warning,
    summary: Text {
        ja: "非表示のシートに様式がある",
        en: "a hidden sheet holds a form",
    },
    message: Text {
        ja: "非表示のシートに評価シートがあります。提出対象か確認してください",
        en: "a hidden sheet holds an evaluation sheet; check whether it is meant to be submitted",
    },
};
pub static SHEET_UNREADABLE: Code = Code {
    id: "sheet-unreadable",
    severity: Error,
    summary: Text {
        ja: "シートを読めない",
        en: "a sheet cannot be read",
    },
    message: Text {
        ja: "シートを読めません: {detail}",
        en: "the sheet cannot be read: {detail}",
    },
};
pub static NO_FORM_SHEET: Code = Code {
    id: "no-form-sheet",
    severity: Error,
    summary: Text {
        ja: "ブックに様式のシートがない",
        en: "no sheet of the workbook is a form",
    },
    message: Text {
        ja: "評価シートが見つかりません（タイトルのあるシートがありません）",
        en: "no evaluation sheet found (no sheet carries the form title)",
    },
};
pub static EXPORT_WITHOUT_ROWS: Code = Code {
    id: "export-without-rows",
    severity: Error,
    summary: Text {
        ja: "システム出力の見出しの下に事業の行がない",
        en: "a system export with no project rows under its header",
    },
    message: Text {
        ja: "システム出力（{form}）の見出しはありますが、その下に事業の行がありません",
        en: "the export ({form}) has its header but no project rows under it",
    },
};

pub static CODES: &[&Code] = &[
    &SHEET_SKIPPED,
    &HIDDEN_SHEET,
    &SHEET_UNREADABLE,
    &NO_FORM_SHEET,
    &EXPORT_WITHOUT_ROWS,
];

static SAME_IN_COLUMN: Text = Text {
    ja: "同じ列の {count} 行に同じ指摘があります（{cells}）。1 件にまとめて示しています（すべてのセルは report.json の cells に）",
    en: "the same finding holds for {count} rows of this column ({cells}); shown once (every cell is in report.json's cells)",
};

/// How many of a group's cells its hint names before `…`.
const CELLS_SHOWN: usize = 5;

/// Keeps, of the export rows' findings, the first of each code, column and wording: a cause
/// shared by many rows (one 課名 off the list in 222 rows, a 年度 column the spec cannot read)
/// is one finding, its hint counting the rows and naming the first cells, report.json listing
/// them all. Findings that differ in their wording (each row's own figures) stay apart.
pub fn one_per_column(rows: &mut [(SheetRead, Vec<Finding>)]) {
    type Key = (String, u32, String);
    // Where each group's first finding is (row, index once the others are gone) and its cells.
    let mut first: std::collections::BTreeMap<Key, (usize, usize, Vec<String>)> =
        Default::default();
    for (ri, (_, found)) in rows.iter_mut().enumerate() {
        let mut kept = 0;
        found.retain(|f| {
            let Some(pos) = f.position else {
                kept += 1;
                return true;
            };
            let key = (f.code.clone(), pos.1, f.text(Lang::Ja));
            let cell = f.cell.clone().unwrap_or_default();
            match first.get_mut(&key) {
                None => {
                    first.insert(key, (ri, kept, vec![cell]));
                    kept += 1;
                    true
                }
                Some(entry) => {
                    entry.2.push(cell);
                    false
                }
            }
        });
    }
    for (_, (ri, fi, cells)) in first {
        if cells.len() < 2 {
            continue;
        }
        let f = &mut rows[ri].1[fi];
        let mut shown = cells[..cells.len().min(CELLS_SHOWN)].join(", ");
        if cells.len() > CELLS_SHOWN {
            shown.push_str(", …");
        }
        let hint = Message::new(&SAME_IN_COLUMN)
            .arg("count", cells.len() as f64)
            .arg("cells", shown);
        f.hint = Some(hint);
        f.cells = cells[1..].to_vec();
    }
}
