//! The codes of the checks across files, and the finding each starts from.

use super::facts::Fact;
use crate::check::rule::Code;
use crate::finding::{Finding, Severity::Warning};
use crate::form::FormSpec;
use crate::i18n::Text;

pub static DUPLICATE_PROJECT: Code = Code {
    id: "duplicate-project",
    severity: Warning,
    summary: Text { ja: "同じ年度の同じ事業番号が複数のシートにある", en: "the same project number for the same year in two sheets" },
    message: Text { ja: "{label} {id} の同じ年度のシートが他にもあります（{others}）。重複して提出していませんか", en: "{label} {id} for the same year is also in {others}; was it sent twice?" },
};

pub static CROSS_FORM_MISMATCH: Code = Code {
    id: "cross-form-mismatch",
    severity: Warning,
    summary: Text { ja: "施策の事業の値が、同時に提出された事務事業評価シートと違う", en: "a policy's project figure differs from the project's own sheet submitted with it" },
    message: Text { ja: "{record}の{year}の{label} {value} が、{form}（{other}）の{total} {other_value} と違います", en: "{label} of \"{record}\" for {year} is {value}, while the {form} ({other}) gives {total} {other_value}" },
};
pub static CROSS_FORM_UNMATCHED: Code = Code {
    id: "cross-form-unmatched",
    severity: Warning,
    summary: Text {
        ja: "施策の事業に対応する事務事業評価シートが同時に提出されていない",
        en: "no sheet of the project a policy lists was submitted with it",
    },
    message: Text {
        ja: "「{record}」の{form}が提出されていません（事業名が一致するシートがありません）",
        en: "no {form} for \"{record}\" was submitted (no sheet has that project name)",
    },
};

pub static DUPLICATE_FILE: Code = Code {
    id: "duplicate-file",
    severity: Warning,
    summary: Text {
        ja: "同じ内容のファイルが別の名前でも提出されている",
        en: "the same file was submitted twice under different names",
    },
    message: Text {
        ja:
            "このファイルと同じ内容のファイルが他にもあります（{others}）。二重に提出していませんか",
        en: "a file with the same content is also in the run ({others}); was it sent twice?",
    },
};

pub static CODES: &[&Code] = &[
    &DUPLICATE_PROJECT,
    &DUPLICATE_FILE,
    &CROSS_FORM_MISMATCH,
    &CROSS_FORM_UNMATCHED,
];

/// A finding at a fact's cell, with the label its form prints for `field`.
pub(super) fn at_fact(
    fact: &Fact,
    spec: &FormSpec,
    code: &'static Code,
    pos: (u32, u32),
    field: String,
    m: crate::i18n::Message,
) -> Finding {
    let mut f = Finding::new(
        spec.severity_of(code.id, code.severity),
        code.id,
        &fact.file,
        m,
    );
    f.sheet = Some(fact.sheet.clone());
    f.cell = Some(crate::finding::a1(pos.0, pos.1));
    f.position = Some(pos);
    f.sheet_index = fact.sheet_index as usize;
    f.field_label = crate::check::label_of_key(spec, &field);
    f.field = Some(field);
    f
}
