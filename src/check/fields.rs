//! Header and evaluation fields: required, pattern, choices, years, department list, the
//! submission year.

use super::rule::{Code, SheetReporter, SheetRule, SheetUnderCheck};
use crate::finding::Severity::{Error, Info, Warning};
use crate::form::FieldType;
use crate::i18n::{Message, Text};
use crate::normalise::fold_identifier;

pub static REQUIRED_MISSING: Code = Code {
    id: "required-missing",
    severity: Error,
    summary: Text {
        ja: "必須の項目が未記入",
        en: "a required field is empty",
    },
    message: Text {
        ja: "{label}が未記入です",
        en: "{label} is not filled in",
    },
};
pub static PATTERN_MISMATCH: Code = Code {
    id: "pattern-mismatch",
    severity: Error,
    summary: Text {
        ja: "項目の形式が様式の定めと違う（事業番号など）",
        en: "a field is not in the form's pattern (project number …)",
    },
    message: Text {
        ja: "{label}の形式が正しくありません（形式: {pattern}）",
        en: "{label} is not in the expected form ({pattern})",
    },
};
pub static CHOICE_INVALID: Code = Code {
    id: "choice-invalid",
    severity: Error,
    summary: Text {
        ja: "選択肢にない値（評価、今後の方向性など）",
        en: "a value outside the field's list (grades, direction …)",
    },
    message: Text {
        ja: "{label}は次のいずれかで記入してください: {allowed}",
        en: "{label} must be one of: {allowed}",
    },
};
pub static YEAR_UNREADABLE: Code = Code {
    id: "year-unreadable",
    severity: Error,
    summary: Text {
        ja: "年度として読めない",
        en: "a year field cannot be read as a fiscal year",
    },
    message: Text {
        ja: "{label}「{text}」を年度として読めません",
        en: "{label} \"{text}\" cannot be read as a fiscal year",
    },
};
pub static NONEXISTENT_YEAR: Code = Code {
    id: "nonexistent-year",
    severity: Warning,
    summary: Text {
        ja: "実在しない年度（平成32年度など）",
        en: "a year that never existed (平成32年度 …)",
    },
    message: Text {
        ja: "「{text}」は実在しない年度です（{year} として読みました）",
        en: "\"{text}\" is a year that never existed (read as {year})",
    },
};
pub static CALENDAR_YEAR: Code = Code {
    id: "calendar-year",
    severity: Warning,
    summary: Text {
        ja: "年度の欄に暦年（元年分など）",
        en: "a calendar year where a fiscal year belongs (元年分 …)",
    },
    message: Text {
        ja: "「{text}」は暦年です。年度で記入してください",
        en: "\"{text}\" is a calendar year; write the fiscal year",
    },
};
pub static START_AFTER_EVAL: Code = Code {
    id: "start-after-eval",
    severity: Error,
    summary: Text {
        ja: "開始年度が評価年度より後",
        en: "a start year after the evaluation year",
    },
    message: Text {
        ja: "{label} {start} が{limit} {eval_year} より後です",
        en: "{label} {start} is after the {limit} {eval_year}",
    },
};
pub static UNKNOWN_DEPARTMENT: Code = Code {
    id: "unknown-department",
    severity: Error,
    summary: Text {
        ja: "課名が課の一覧（--departments）にない",
        en: "a department not in the department list (--departments)",
    },
    message: Text {
        ja: "{label}「{name}」は課の一覧にありません",
        en: "{label} \"{name}\" is not in the department list",
    },
};
pub static EVAL_YEAR_NOT_SUBMISSION_YEAR: Code = Code {
    id: "eval-year-not-submission-year",
    severity: Error,
    summary: Text {
        ja: "評価年度が今回の提出年度（--year）と違う",
        en: "the evaluation year is not the submission year (--year)",
    },
    message: Text {
        ja: "{label} {eval_year} が今回の提出年度 {submission} と異なります",
        en: "{label} {eval_year} is not this submission's year {submission}",
    },
};

pub static FIELD_FROM_CONTEXT: Code = Code {
    id: "field-from-context",
    severity: Info,
    summary: Text {
        ja: "シートにない項目をファイル名・提出フォルダ・提出年度・実績の年度から補った",
        en: "a field the sheet lacks was taken from the file name, the folder, the run's year or the sheet's results",
    },
    message: Text {
        ja: "{label}はシートにないため、{source}から「{value}」としました",
        en: "{label} is not on the sheet: taken from {source} as \"{value}\"",
    },
};

pub static CODES: &[&Code] = &[
    &FIELD_FROM_CONTEXT,
    &REQUIRED_MISSING,
    &PATTERN_MISMATCH,
    &CHOICE_INVALID,
    &YEAR_UNREADABLE,
    &NONEXISTENT_YEAR,
    &CALENDAR_YEAR,
    &START_AFTER_EVAL,
    &UNKNOWN_DEPARTMENT,
    &EVAL_YEAR_NOT_SUBMISSION_YEAR,
];

pub struct Fields;

impl SheetRule for Fields {
    fn codes(&self) -> &'static [&'static Code] {
        CODES
    }
    fn check(&self, sheet: &SheetUnderCheck, out: &mut SheetReporter) {
        check(sheet, out)
    }
}

/// The choice a value names: equal to it once folded, or followed by an explanation after a
/// separator (`B：一定の成果があった` is `B`, `継続推進` is not `継続`).
pub fn choice_of<'c>(value: &str, choices: &'c [String]) -> Option<&'c str> {
    // Printed radio buttons: the option marked ● (`● 高い (A) ○ 普通 (B)` is A).
    if let Some((_, marked)) = value.split_once('●') {
        let marked = marked.split('○').next().unwrap_or("");
        let letter = marked
            .rsplit_once(['(', '（'])
            .map(|(_, l)| l.trim_end_matches([')', '）', ' ']).trim());
        return letter.and_then(|l| choice_of(l, choices)).or_else(|| {
            choices
                .iter()
                .map(String::as_str)
                .find(|c| fold_identifier(marked).starts_with(&fold_identifier(c)))
        });
    }
    let folded = fold_identifier(value);
    choices.iter().map(String::as_str).find(|c| {
        let c = fold_identifier(c);
        match folded.strip_prefix(c.as_str()) {
            Some("") => true,
            Some(rest) => rest.starts_with([':', '(', '・', '/', '[']) && !c.is_empty(),
            None => false,
        }
    })
}

fn check(sheet: &SheetUnderCheck, out: &mut SheetReporter) {
    let (spec, read) = (sheet.spec, sheet.read);
    for field in &spec.fields {
        let label = field.words();
        let key = Some(field.spec.key.clone());
        let Some(v) = read.fields.get(&field.spec.key) else {
            if field.spec.required {
                let m = Message::new(&REQUIRED_MISSING.message).arg("label", label);
                out.push(&REQUIRED_MISSING, read.title_pos, m).field = key;
            }
            continue;
        };
        if v.present && v.source != crate::form::FieldSource::Sheet {
            let m = Message::new(&FIELD_FROM_CONTEXT.message)
                .arg("label", label.clone())
                .arg("source", v.source.words())
                .arg("value", v.raw.clone());
            let f = out.push(&FIELD_FROM_CONTEXT, v.value_pos, m);
            f.field = key.clone();
            f.actual = Some(v.raw.clone());
        }
        if !v.present {
            if field.spec.required {
                let m = Message::new(&REQUIRED_MISSING.message).arg("label", label);
                out.push(&REQUIRED_MISSING, v.value_pos, m).field = key;
            }
            continue;
        }
        if let Some(re) = &field.pattern {
            if !re.is_match(&fold_identifier(&v.raw)) {
                let m = Message::new(&PATTERN_MISMATCH.message)
                    .arg("label", label.clone())
                    .arg("pattern", re.as_str());
                let f = out.push(&PATTERN_MISMATCH, v.value_pos, m);
                f.field = key.clone();
                f.actual = Some(v.raw.clone());
            }
        }
        match field.spec.kind {
            FieldType::Choice => {
                if choice_of(&v.raw, &field.spec.choices).is_none() {
                    let m = Message::new(&CHOICE_INVALID.message)
                        .arg("label", label.clone())
                        .arg("allowed", field.spec.choices.join(" / "));
                    let f = out.push(&CHOICE_INVALID, v.value_pos, m);
                    f.field = key.clone();
                    f.actual = Some(v.raw.clone());
                }
            }
            FieldType::FiscalYear => match &v.year {
                None => {
                    let m = Message::new(&YEAR_UNREADABLE.message)
                        .arg("label", label.clone())
                        .arg("text", v.raw.clone());
                    let f = out.push(&YEAR_UNREADABLE, v.value_pos, m);
                    f.field = key.clone();
                    f.actual = Some(v.raw.clone());
                }
                Some(y) => {
                    if y.nonexistent {
                        let m = Message::new(&NONEXISTENT_YEAR.message)
                            .arg("text", v.raw.clone())
                            .arg("year", y.year);
                        out.push(&NONEXISTENT_YEAR, v.value_pos, m).field = key.clone();
                    }
                    if y.calendar {
                        let m = Message::new(&CALENDAR_YEAR.message).arg("text", v.raw.clone());
                        out.push(&CALENDAR_YEAR, v.value_pos, m).field = key.clone();
                    }
                }
            },
            FieldType::Text => {}
        }
        if field.spec.department {
            if let Some(list) = &sheet.config.departments {
                // One finding per name not in the list (`企画政策課・総務課` names two).
                for name in list.names_in(&v.raw) {
                    if list.resolve(&name).is_some() {
                        continue;
                    }
                    let m = Message::new(&UNKNOWN_DEPARTMENT.message)
                        .arg("label", label.clone())
                        .arg("name", name);
                    let f = out.push(&UNKNOWN_DEPARTMENT, v.value_pos, m);
                    f.field = key.clone();
                    f.actual = Some(v.raw.clone());
                }
            }
        }
    }
    check_year_order(sheet, out);
}

fn check_year_order(sheet: &SheetUnderCheck, out: &mut SheetReporter) {
    let (spec, read) = (sheet.spec, sheet.read);
    let eval_key = &spec.form.eval_year_field;
    let Some((eval_field, eval_year)) = read
        .fields
        .get(eval_key)
        .and_then(|f| f.year.as_ref().map(|y| (f, y.year)))
    else {
        return;
    };
    let eval_label = spec.field(eval_key).map(|f| f.words());
    if let Some(sub) = sheet.config.submission_year {
        if sub != eval_year {
            let mut m = Message::new(&EVAL_YEAR_NOT_SUBMISSION_YEAR.message)
                .arg("eval_year", eval_year)
                .arg("submission", sub);
            if let Some(l) = eval_label.clone() {
                m = m.arg("label", l);
            }
            let f = out.push(&EVAL_YEAR_NOT_SUBMISSION_YEAR, eval_field.value_pos, m);
            f.field = Some(eval_key.clone());
            f.fiscal_year = Some(eval_year.0);
            f.expected = Some(sub.0.to_string());
            f.actual = Some(eval_year.0.to_string());
        }
    }
    for field in &spec.fields {
        let Some(limit_key) = &field.spec.not_after else {
            continue;
        };
        let Some(y) = read
            .fields
            .get(&field.spec.key)
            .and_then(|v| v.year.as_ref())
        else {
            continue;
        };
        let v = &read.fields[&field.spec.key];
        let limit = read
            .fields
            .get(limit_key)
            .and_then(|f| f.year.as_ref())
            .map(|y| y.year);
        let (Some(limit), Some(limit_field)) = (limit, spec.field(limit_key)) else {
            continue;
        };
        if y.year > limit {
            let m = Message::new(&START_AFTER_EVAL.message)
                .arg("label", field.words())
                .arg("start", y.year)
                .arg("limit", limit_field.words())
                .arg("eval_year", limit);
            let f = out.push(&START_AFTER_EVAL, v.value_pos, m);
            f.field = Some(field.spec.key.clone());
            f.fiscal_year = Some(y.year.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::normalise::fold_identifier;
    #[test]
    fn choices_with_an_explanation() {
        let grades: Vec<String> = ["A", "B", "C", "D"].map(String::from).to_vec();
        assert_eq!(
            super::choice_of("B：一定の成果があった", &grades),
            Some("B")
        );
        assert_eq!(super::choice_of("Ｂ", &grades), Some("B"));
        assert_eq!(super::choice_of("BC", &grades), None);
        // Printed radio buttons: the one marked ●.
        assert_eq!(
            super::choice_of("○ 高い (A) ● 普通 (B) ○ 低い (C)", &grades),
            Some("B")
        );
        let ways: Vec<String> = ["継続", "継続推進"].map(String::from).to_vec();
        assert_eq!(super::choice_of("継続推進", &ways), Some("継続推進"));
    }

    #[test]
    fn identifiers_fold_to_ascii() {
        assert_eq!(fold_identifier("４０－１０６"), "40-106");
        assert_eq!(fold_identifier("40ー106"), "40-106");
        assert_eq!(fold_identifier(" 40 - 106 "), "40-106");
        assert_eq!(fold_identifier("Ａ"), "A");
    }
}
