//! Checks across the files of a run: the same 事業番号 for the same year in two sheets (a
//! department sent two versions, or two departments used one number), the same file under two
//! names, and a policy's projects against their own sheets (`[[link]]`).
//!
//! They read facts (`facts.rs`), not outcomes: gathered from the outcomes in one process, or
//! gathered per machine and joined by Spark, the same facts give the same findings.

mod codes;
pub mod facts;
mod files;
mod links;
mod projects;

use crate::finding::Finding;
use crate::form::FormSpec;
use crate::outcome::FileOutcome;
use std::collections::{BTreeMap, BTreeSet};

pub use codes::{
    CODES, CROSS_FORM_MISMATCH, CROSS_FORM_UNMATCHED, DUPLICATE_FILE, DUPLICATE_PROJECT,
};
pub use facts::{gather, Fact, FactKind};

/// The checks across files over a run's outcomes: their facts gathered and checked, each
/// finding put with its file.
pub fn check(outcomes: &mut [FileOutcome], forms: &[FormSpec]) {
    let found = findings(&gather(outcomes, forms), forms);
    let index: BTreeMap<String, usize> = outcomes
        .iter()
        .enumerate()
        .map(|(i, o)| (o.path.clone(), i))
        .collect();
    let mut touched = BTreeSet::new();
    for f in found {
        if let Some(&i) = index.get(&f.file) {
            outcomes[i].findings.push(f);
            touched.insert(i);
        }
    }
    // Only the files that gained a finding are sorted and counted again.
    for i in touched {
        outcomes[i].sort_and_count();
    }
}

/// The findings of these facts. All of a run's facts at once give the same findings as each
/// group that can meet (one project number and year, one content, the names one link
/// compares) checked on its own: how Spark checks a country's files.
pub fn findings(facts: &[Fact], forms: &[FormSpec]) -> Vec<Finding> {
    let mut out = projects::duplicates(facts, forms);
    out.extend(files::duplicates(facts));
    out.extend(links::compare(facts, forms));
    out
}
