//! `duplicate-project`: the same project number for the same year in two sheets.

use super::codes::{at_fact, DUPLICATE_PROJECT};
use super::facts::{Fact, FactKind};
use crate::finding::Finding;
use crate::form::FormSpec;
use crate::i18n::Message;
use std::collections::BTreeMap;

/// Places named in the message; the rest are counted (a copied id can repeat hundreds of times).
const NAMED: usize = 3;

pub(super) fn duplicates(facts: &[Fact], forms: &[FormSpec]) -> Vec<Finding> {
    let mut seen: BTreeMap<(&str, &str, i32), Vec<&Fact>> = BTreeMap::new();
    for f in facts.iter().filter(|f| f.kind == FactKind::ProjectId) {
        seen.entry((&f.form, &f.key, f.fiscal_year.unwrap_or(0)))
            .or_default()
            .push(f);
    }
    let mut out = Vec::new();
    for ((form, id, year), mut places) in seen.into_iter().filter(|(_, v)| v.len() > 1) {
        let Some(spec) = forms.iter().find(|f| f.form.id == form) else {
            continue;
        };
        places.sort_by(|a, b| a.order().cmp(&b.order()));
        let describe = |f: &Fact| format!("{} / {}", f.file, f.sheet);
        let all: Vec<String> = places.iter().map(|f| describe(f)).collect();
        for fact in &places {
            let here = describe(fact);
            let rest: Vec<&String> = all.iter().filter(|d| **d != here).collect();
            let mut others = rest
                .iter()
                .take(NAMED)
                .map(|d| d.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            if rest.len() > NAMED {
                others.push_str(&format!(" … +{}", rest.len() - NAMED));
            }
            let id_field = &spec.form.project_id_field;
            let mut m = Message::new(&DUPLICATE_PROJECT.message)
                .arg("id", id.to_string())
                .arg("others", others);
            if let Some(f) = spec.field(id_field) {
                m = m.arg("label", f.words());
            }
            let mut f = at_fact(
                fact,
                spec,
                &DUPLICATE_PROJECT,
                fact.pos(),
                id_field.clone(),
                m,
            );
            f.fiscal_year = (year != 0).then_some(year);
            f.actual = Some(id.to_string());
            out.push(f);
        }
    }
    out
}
