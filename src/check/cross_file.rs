//! Checks across the files of a run: the same 事業番号 for the same year in two sheets (a
//! department sent two versions, or two departments used one number) is a warning on each.

use super::Code;
use crate::finding::{Finding, Severity::Warning};
use crate::i18n::{Message, Text};
use crate::pipeline::FileOutcome;
use crate::spec::FormSpec;
use std::collections::{BTreeMap, BTreeSet};

pub static DUPLICATE_PROJECT: Code = Code {
    id: "duplicate-project",
    severity: Warning,
    summary: Text { ja: "同じ年度の同じ事業番号が複数のシートにある", en: "the same project number for the same year in two sheets" },
    message: Text { ja: "{label} {id} の同じ年度のシートが他にもあります（{others}）。重複して提出していませんか", en: "{label} {id} for the same year is also in {others}; was it sent twice?" },
};

pub static CODES: &[&Code] = &[&DUPLICATE_PROJECT];

pub fn check(outcomes: &mut [FileOutcome], forms: &[FormSpec]) {
    let mut seen: BTreeMap<(String, String, i32), Vec<(usize, usize)>> = BTreeMap::new();
    for (fi, o) in outcomes.iter().enumerate() {
        for (pi, p) in o.projects.iter().enumerate() {
            let Some(spec) = forms.iter().find(|f| f.form.id == p.form_id) else {
                continue;
            };
            let Some(id) = p
                .data
                .field_text(&spec.form.project_id_field)
                .map(super::fold_identifier)
            else {
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
        outcomes[fi].settle();
    }
}
