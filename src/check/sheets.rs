//! Sheets of a workbook: which are the form, which are skipped, and what could not be read.

use super::Code;
use crate::finding::Severity::{Error, Info, Warning};
use crate::i18n::Text;

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
