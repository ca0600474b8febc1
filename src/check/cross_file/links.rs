//! `cross-form-unmatched` and `cross-form-mismatch`: each record a policy lists for a project
//! of another form (`[[link]]`) is one of that form's sheets in the run, with the same value
//! per year as its total.

use super::codes::{at_fact, CROSS_FORM_MISMATCH, CROSS_FORM_UNMATCHED};
use super::facts::{Fact, FactKind};
use crate::finding::Finding;
use crate::form::FormSpec;
use crate::i18n::{Arg, Message};
use std::collections::{BTreeMap, HashMap};

/// A project sheet of the linked form: where it is, and its totals by year with their cells.
struct Target<'a> {
    file: &'a str,
    sheet: &'a str,
    totals: BTreeMap<i32, (f64, (u32, u32))>,
}

pub(super) fn compare(facts: &[Fact], forms: &[FormSpec]) -> Vec<Finding> {
    // A linking record's values: (file, sheet, link, occurrence, record) → the value facts.
    let mut values: HashMap<(&str, u32, u32, u32, &str), Vec<&Fact>> = HashMap::new();
    for f in facts.iter().filter(|f| f.kind == FactKind::LinkValue) {
        values
            .entry((&f.file, f.sheet_index, f.link, f.instance, &f.record))
            .or_default()
            .push(f);
    }
    let mut out = Vec::new();
    for spec in forms {
        for (li, link) in spec.links.iter().enumerate() {
            let Some(other) = forms.iter().find(|f| f.form.id == link.form) else {
                continue;
            };
            let Some((total_row, _)) = other.total_row() else {
                continue;
            };
            let targets = targets_by_name(facts, &other.form.id);
            // Without any sheet of the linked form in the run there is nothing to compare.
            if targets.is_empty() {
                continue;
            }
            let Some(block) = spec.block(&link.block) else {
                continue;
            };
            let value_row = block.layout.values().iter().find(|v| v.key == link.value);
            let form_words = Arg::words(&other.form.name, &other.form.name_en);
            let records = facts.iter().filter(|f| {
                f.kind == FactKind::LinkRecord && f.form == spec.form.id && f.link == li as u32
            });
            for rec in records {
                let field = format!("{}.{}.{}", link.block, rec.record, link.value);
                let Some(matches) = targets.get(rec.key.as_str()) else {
                    let m = Message::new(&CROSS_FORM_UNMATCHED.message)
                        .arg("record", rec.name.clone())
                        .arg("form", form_words.clone());
                    out.push(at_fact(
                        rec,
                        spec,
                        &CROSS_FORM_UNMATCHED,
                        rec.pos(),
                        field,
                        m,
                    ));
                    continue;
                };
                // The first sheet of that name in run order.
                let first = &matches[0];
                let key = (
                    rec.file.as_str(),
                    rec.sheet_index,
                    rec.link,
                    rec.instance,
                    rec.record.as_str(),
                );
                for obs in values.get(&key).into_iter().flatten() {
                    let (Some(v), Some(y)) = (obs.value, obs.fiscal_year) else {
                        continue;
                    };
                    let Some(&(other_v, pos)) = first.totals.get(&y) else {
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
                        .arg("year", crate::normalise::FiscalYear(y))
                        .arg("label", label)
                        .arg("value", v)
                        .arg("form", form_words.clone())
                        .arg(
                            "other",
                            format!(
                                "{} / {} {}",
                                first.file,
                                first.sheet,
                                crate::finding::a1(pos.0, pos.1)
                            ),
                        )
                        .arg("total", total_row.words())
                        .arg("other_value", other_v);
                    let mut f =
                        at_fact(rec, spec, &CROSS_FORM_MISMATCH, obs.pos(), field.clone(), m);
                    f.fiscal_year = Some(y);
                    f.expected = Some(crate::normalise::plain_number(other_v));
                    f.actual = Some(crate::normalise::plain_number(v));
                    out.push(f);
                }
            }
        }
    }
    out
}

/// The linked form's sheets by folded name, each name's sheets in run order.
fn targets_by_name<'a>(facts: &'a [Fact], form: &str) -> BTreeMap<&'a str, Vec<Target<'a>>> {
    let mut sheets: BTreeMap<(&str, u32), (&str, Target)> = BTreeMap::new();
    for f in facts
        .iter()
        .filter(|f| f.kind == FactKind::LinkTarget && f.form == form)
    {
        let t = sheets.entry(f.order()).or_insert_with(|| {
            (
                f.key.as_str(),
                Target {
                    file: &f.file,
                    sheet: &f.sheet,
                    totals: BTreeMap::new(),
                },
            )
        });
        if let (Some(y), Some(v)) = (f.fiscal_year, f.value) {
            t.1.totals.insert(y, (v, f.pos()));
        }
    }
    let mut by_name: BTreeMap<&str, Vec<Target>> = BTreeMap::new();
    for (_, (name, t)) in sheets {
        by_name.entry(name).or_default().push(t);
    }
    by_name
}
