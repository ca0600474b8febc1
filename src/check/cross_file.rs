//! Checks across the files of a run: the same 事業番号 for the same year in two sheets (a
//! department sent two versions, or two departments used one number) is a warning on each.

use super::rule::Code;
use crate::finding::{Finding, Severity::Warning};
use crate::form::FormSpec;
use crate::i18n::{Arg, Message, Text};
use crate::outcome::FileOutcome;
use std::collections::{BTreeMap, BTreeSet};

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

/// Records that stand for projects of another form (`[[link]]`): when that form's sheets are
/// in the run, each record's name must be one of their project names, and its value per year
/// their total.
pub fn links(outcomes: &mut [FileOutcome], forms: &[FormSpec]) {
    use crate::extract::derived::usable;
    let mut new: Vec<(usize, Finding)> = Vec::new();
    for spec in forms {
        for link in &spec.links {
            let Some(other) = forms.iter().find(|f| f.form.id == link.form) else {
                continue;
            };
            let Some((total_row, total_key)) = other.total_row() else {
                continue;
            };
            // The other form's projects: folded name → (file, sheet, totals by year and cell).
            let mut projects: BTreeMap<
                String,
                Vec<(&str, &str, BTreeMap<i32, (f64, (u32, u32))>)>,
            > = BTreeMap::new();
            for p in outcomes
                .iter()
                .flat_map(|o| o.projects.iter())
                .filter(|p| p.form_id == other.form.id)
            {
                let Some(name) = p.data.field_text(&other.form.project_name_field) else {
                    continue;
                };
                let totals = p
                    .data
                    .observations
                    .iter()
                    .filter(|o| o.key() == total_key)
                    .filter_map(|o| {
                        Some((o.fiscal_year()?.0, (usable(Some(total_row), o)?, o.pos)))
                    })
                    .collect();
                projects
                    .entry(crate::normalise::label_key(name))
                    .or_default()
                    .push((&p.file, &p.sheet, totals));
            }
            if projects.is_empty() {
                continue;
            }
            let Some(block) = spec.block(&link.block) else {
                continue;
            };
            let value_row = block.layout.values().iter().find(|v| v.key == link.value);
            let form_words = Arg::words(&other.form.name, &other.form.name_en);
            for (fi, o) in outcomes.iter().enumerate() {
                for p in o.projects.iter().filter(|p| p.form_id == spec.form.id) {
                    for b in p.data.block(&link.block) {
                        for rec in b.records.iter().filter(|r| block.row(&r.key).is_none()) {
                            let here = |pos: (u32, u32), m: Message, code: &'static Code| {
                                let mut f = Finding::new(
                                    spec.severity_of(code.id, code.severity),
                                    code.id,
                                    &p.file,
                                    m,
                                );
                                f.sheet = Some(p.sheet.clone());
                                f.cell = Some(crate::finding::a1(pos.0, pos.1));
                                f.position = Some(pos);
                                f.sheet_index = p.sheet_index;
                                f.field =
                                    Some(format!("{}.{}.{}", link.block, rec.key, link.value));
                                f
                            };
                            let Some(matches) =
                                projects.get(&crate::normalise::label_key(&rec.name))
                            else {
                                let m = Message::new(&CROSS_FORM_UNMATCHED.message)
                                    .arg("record", rec.name.clone())
                                    .arg("form", form_words.clone());
                                new.push((fi, here(rec.pos, m, &CROSS_FORM_UNMATCHED)));
                                continue;
                            };
                            let (file, sheet, totals) = &matches[0];
                            for obs in p.data.in_block(&link.block, b.instance).filter(|x| {
                                x.record.as_deref() == Some(rec.key.as_str())
                                    && x.measure == link.value
                            }) {
                                let (Some(v), Some(y)) =
                                    (usable(value_row, obs), obs.fiscal_year())
                                else {
                                    continue;
                                };
                                let Some(&(other_v, pos)) = totals.get(&y.0) else {
                                    continue;
                                };
                                if (v - other_v).abs() <= other.form.tolerance + 1e-9 {
                                    continue;
                                }
                                let label = value_row
                                    .map(|r| r.words())
                                    .unwrap_or_else(|| Arg::Text(link.value.clone()));
                                let m = Message::new(&CROSS_FORM_MISMATCH.message)
                                    .arg("record", rec.name.clone())
                                    .arg("year", y)
                                    .arg("label", label)
                                    .arg("value", v)
                                    .arg("form", form_words.clone())
                                    .arg(
                                        "other",
                                        format!(
                                            "{file} / {sheet} {}",
                                            crate::finding::a1(pos.0, pos.1)
                                        ),
                                    )
                                    .arg("total", total_row.words())
                                    .arg("other_value", other_v);
                                let mut f = here(obs.pos, m, &CROSS_FORM_MISMATCH);
                                f.fiscal_year = Some(y.0);
                                f.expected = Some(crate::normalise::plain_number(other_v));
                                f.actual = Some(crate::normalise::plain_number(v));
                                new.push((fi, f));
                            }
                        }
                    }
                }
            }
        }
    }
    let mut touched = BTreeSet::new();
    for (fi, f) in new {
        outcomes[fi].findings.push(f);
        touched.insert(fi);
    }
    for fi in touched {
        outcomes[fi].sort_and_count();
    }
}

/// Files with the same bytes under different names. Only files of equal size are read again,
/// so a run of distinct files costs one metadata call each.
pub fn duplicate_files(outcomes: &mut [FileOutcome]) {
    let mut by_size: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    for (i, o) in outcomes.iter().enumerate() {
        if o.status == crate::outcome::Status::Ignored || o.reason.as_deref() == Some("lock-file") {
            continue;
        }
        if let Ok(m) = std::fs::metadata(&o.abs_path) {
            if m.is_file() && m.len() > 0 {
                by_size.entry(m.len()).or_default().push(i);
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (_, same_size) in by_size.into_iter().filter(|(_, v)| v.len() > 1) {
        let mut by_bytes: BTreeMap<Vec<u8>, Vec<usize>> = BTreeMap::new();
        for i in same_size {
            if let Ok(bytes) = std::fs::read(&outcomes[i].abs_path) {
                by_bytes.entry(bytes).or_default().push(i);
            }
        }
        groups.extend(by_bytes.into_values().filter(|v| v.len() > 1));
    }
    for group in groups {
        for &i in &group {
            let others: Vec<&str> = group
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| outcomes[j].path.as_str())
                .collect();
            let m = Message::new(&DUPLICATE_FILE.message).arg("others", others.join(", "));
            let f = Finding::new(
                DUPLICATE_FILE.severity,
                DUPLICATE_FILE.id,
                &outcomes[i].path,
                m,
            );
            outcomes[i].findings.push(f);
        }
        for &i in &group {
            outcomes[i].sort_and_count();
        }
    }
}

pub fn check(outcomes: &mut [FileOutcome], forms: &[FormSpec]) {
    let mut seen: BTreeMap<(String, String, i32), Vec<(usize, usize)>> = BTreeMap::new();
    for (fi, o) in outcomes.iter().enumerate() {
        for (pi, p) in o.projects.iter().enumerate() {
            let Some(spec) = forms.iter().find(|f| f.form.id == p.form_id) else {
                continue;
            };
            let Some(id) = spec.project_id(&p.data) else {
                continue;
            };
            let year = p.data.eval_year(spec).map(|y| y.year.0).unwrap_or(0);
            seen.entry((p.form_id.clone(), id, year))
                .or_default()
                .push((fi, pi));
        }
    }
    let mut new = Vec::new();
    for ((form, id, year), places) in seen.into_iter().filter(|(_, v)| v.len() > 1) {
        let spec = forms
            .iter()
            .find(|f| f.form.id == form)
            .expect("form of a project");
        let describe = |&(fi, pi): &(usize, usize)| {
            format!(
                "{} / {}",
                outcomes[fi].projects[pi].file, outcomes[fi].projects[pi].sheet
            )
        };
        let all: Vec<String> = places.iter().map(describe).collect();
        for &(fi, pi) in &places {
            let here = describe(&(fi, pi));
            // A few places are named; the rest are counted (a copied id can repeat hundreds of times).
            let rest: Vec<&String> = all.iter().filter(|d| **d != here).collect();
            let mut others = rest
                .iter()
                .take(3)
                .map(|d| d.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            if rest.len() > 3 {
                others.push_str(&format!(" … +{}", rest.len() - 3));
            }
            let p = &outcomes[fi].projects[pi];
            let id_field = &spec.form.project_id_field;
            let pos = p
                .data
                .fields
                .get(id_field)
                .map(|f| f.value_pos)
                .unwrap_or(p.data.title_pos);
            let mut m = Message::new(&DUPLICATE_PROJECT.message)
                .arg("id", id.clone())
                .arg("others", others);
            if let Some(f) = spec.field(id_field) {
                m = m.arg("label", f.words());
            }
            let severity = spec.severity_of(DUPLICATE_PROJECT.id, DUPLICATE_PROJECT.severity);
            let mut f = Finding::new(severity, DUPLICATE_PROJECT.id, &p.file, m);
            f.sheet = Some(p.sheet.clone());
            f.cell = Some(crate::finding::a1(pos.0, pos.1));
            f.position = Some(pos);
            f.sheet_index = p.sheet_index;
            f.field = Some(id_field.clone());
            f.fiscal_year = (year != 0).then_some(year);
            f.actual = Some(id.clone());
            new.push((fi, f));
        }
    }
    // Only the files that gained a finding are sorted and counted again.
    let mut touched = BTreeSet::new();
    for (fi, f) in new {
        outcomes[fi].findings.push(f);
        touched.insert(fi);
    }
    for fi in touched {
        outcomes[fi].sort_and_count();
    }
}
