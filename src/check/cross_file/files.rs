//! `duplicate-file`: the same bytes under two names.

use super::codes::DUPLICATE_FILE;
use super::facts::{Fact, FactKind};
use crate::finding::Finding;
use crate::i18n::Message;
use std::collections::BTreeMap;

pub(super) fn duplicates(facts: &[Fact]) -> Vec<Finding> {
    let mut by_content: BTreeMap<(u64, &str), Vec<&str>> = BTreeMap::new();
    for f in facts.iter().filter(|f| f.kind == FactKind::Content) {
        by_content
            .entry((f.size, &f.key))
            .or_default()
            .push(&f.file);
    }
    let mut out = Vec::new();
    for (_, mut group) in by_content.into_iter().filter(|(_, v)| v.len() > 1) {
        group.sort();
        for &file in &group {
            let others: Vec<&str> = group.iter().copied().filter(|&o| o != file).collect();
            let m = Message::new(&DUPLICATE_FILE.message).arg("others", others.join(", "));
            out.push(Finding::new(
                DUPLICATE_FILE.severity,
                DUPLICATE_FILE.id,
                file,
                m,
            ));
        }
    }
    out
}
