//! Header and evaluation fields: required, pattern, choices, years, department list.

use super::{CheckConfig, SheetReporter};
use crate::extract::FormSheet;
use crate::finding::Severity;
use crate::i18n::Msg;
use crate::normalise::fold;
use crate::spec::{FieldType, FormSpec};

/// Folds an identifier for pattern matching: full-width to ASCII, dashes to `-`, no spaces.
pub fn fold_identifier(s: &str) -> String {
    fold(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'ー' | '−' | '‐' | '–' | '—' | '―' => '-',
            other => other,
        })
        .collect()
}

pub fn check(spec: &FormSpec, sheet: &FormSheet, config: &CheckConfig, out: &mut SheetReporter) {
    for field in &spec.fields {
        let label = field.label_in(out.lang).to_string();
        let Some(v) = sheet.fields.get(&field.spec.key) else {
            if field.spec.required {
                out.push(
                    Severity::Error,
                    "required-missing",
                    sheet.title_pos,
                    Msg::RequiredMissing { label },
                )
                .field = Some(field.spec.key.clone());
            }
            continue;
        };
        if !v.present {
            if field.spec.required {
                out.push(
                    Severity::Error,
                    "required-missing",
                    v.value_pos,
                    Msg::RequiredMissing { label },
                )
                .field = Some(field.spec.key.clone());
            }
            continue;
        }
        let key = Some(field.spec.key.clone());
        if let Some(re) = &field.pattern {
            let folded = fold_identifier(&v.raw);
            if !re.is_match(&folded) {
                let f = out.push(
                    Severity::Error,
                    "pattern-mismatch",
                    v.value_pos,
                    Msg::PatternMismatch {
                        label: label.clone(),
                        pattern: re.as_str().to_string(),
                    },
                );
                f.field = key.clone();
                f.actual = Some(v.raw.clone());
            }
        }
        match field.spec.kind {
            FieldType::Choice => {
                let folded = fold_identifier(&v.raw);
                if !field
                    .spec
                    .choices
                    .iter()
                    .any(|c| fold_identifier(c) == folded)
                {
                    let f = out.push(
                        Severity::Error,
                        "choice-invalid",
                        v.value_pos,
                        Msg::ChoiceInvalid {
                            label: label.clone(),
                            allowed: field.spec.choices.join(" / "),
                        },
                    );
                    f.field = key.clone();
                    f.actual = Some(v.raw.clone());
                }
            }
            FieldType::FiscalYear => match &v.year {
                None => {
                    let f = out.push(
                        Severity::Error,
                        "year-unreadable",
                        v.value_pos,
                        Msg::YearUnreadable {
                            label: label.clone(),
                            text: v.raw.clone(),
                        },
                    );
                    f.field = key.clone();
                    f.actual = Some(v.raw.clone());
                }
                Some(y) => {
                    if y.nonexistent {
                        let year = out.year_text(y.year);
                        out.push(
                            Severity::Warning,
                            "nonexistent-year",
                            v.value_pos,
                            Msg::NonexistentYear {
                                text: v.raw.clone(),
                                year,
                            },
                        )
                        .field = key.clone();
                    }
                    if y.calendar {
                        out.push(
                            Severity::Warning,
                            "calendar-year",
                            v.value_pos,
                            Msg::CalendarYear {
                                text: v.raw.clone(),
                            },
                        )
                        .field = key.clone();
                    }
                }
            },
            FieldType::Text => {}
        }
        if field.spec.department {
            if let Some(list) = &config.departments {
                if list.resolve(&v.raw).is_none() {
                    let f = out.push(
                        Severity::Error,
                        "unknown-department",
                        v.value_pos,
                        Msg::UnknownDepartment {
                            name: v.raw.clone(),
                        },
                    );
                    f.field = key.clone();
                    f.actual = Some(v.raw.clone());
                }
            }
        }
    }
    check_year_order(spec, sheet, config, out);
}

fn check_year_order(
    spec: &FormSpec,
    sheet: &FormSheet,
    config: &CheckConfig,
    out: &mut SheetReporter,
) {
    let eval_key = &spec.form.eval_year_field;
    let Some(eval) = sheet
        .fields
        .get(eval_key)
        .and_then(|f| f.year.as_ref().map(|y| (f, y.year)))
    else {
        return;
    };
    let (eval_field, eval_year) = eval;
    if let Some(sub) = config.submission_year {
        if sub != eval_year {
            let (e, s) = (out.year_text(eval_year), out.year_text(sub));
            let f = out.push(
                Severity::Error,
                "eval-year-not-submission-year",
                eval_field.value_pos,
                Msg::EvalYearNotSubmissionYear {
                    eval_year: e,
                    submission: s,
                },
            );
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
        let Some(v) = sheet.fields.get(&field.spec.key) else {
            continue;
        };
        let Some(y) = &v.year else { continue };
        let limit = sheet
            .fields
            .get(limit_key)
            .and_then(|f| f.year.as_ref())
            .map(|y| y.year);
        if let Some(limit) = limit {
            if y.year > limit {
                let (s, e) = (out.year_text(y.year), out.year_text(limit));
                let f = out.push(
                    Severity::Error,
                    "start-after-eval",
                    v.value_pos,
                    Msg::StartAfterEval {
                        start: s,
                        eval_year: e,
                    },
                );
                f.field = Some(field.spec.key.clone());
                f.fiscal_year = Some(y.year.0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fold_identifier;
    #[test]
    fn identifiers_fold_to_ascii() {
        assert_eq!(fold_identifier("４０－１０６"), "40-106");
        assert_eq!(fold_identifier("40ー106"), "40-106");
        assert_eq!(fold_identifier(" 40 - 106 "), "40-106");
        assert_eq!(fold_identifier("Ａ"), "A");
    }
}
