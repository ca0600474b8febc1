//! Where a key of a spec stands: paths (`block.0.row.3.unit`) resolved to the line of the
//! spec file, so every problem, found by serde or by our own checks, names its line.

use std::fmt;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// One step of a path into a TOML document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A path into the spec: `block.0.row.3.unit`.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KeyPath(pub Vec<Seg>);

impl KeyPath {
    pub fn key(&self, k: &str) -> KeyPath {
        let mut p = self.clone();
        p.0.push(Seg::Key(k.to_string()));
        p
    }
    pub fn index(&self, i: usize) -> KeyPath {
        let mut p = self.clone();
        p.0.push(Seg::Index(i));
        p
    }
    pub fn join(&self, rest: &KeyPath) -> KeyPath {
        let mut p = self.clone();
        p.0.extend(rest.0.iter().cloned());
        p
    }
    pub fn last_key(&self) -> Option<&str> {
        self.0.iter().rev().find_map(|s| match s {
            Seg::Key(k) => Some(k.as_str()),
            Seg::Index(_) => None,
        })
    }

    /// The path serde_ignored reports for a key it skipped.
    pub fn from_ignored(p: &serde_ignored::Path) -> KeyPath {
        fn walk(p: &serde_ignored::Path, out: &mut Vec<Seg>) {
            use serde_ignored::Path::*;
            match p {
                Root => {}
                Seq { parent, index } => {
                    walk(parent, out);
                    out.push(Seg::Index(*index));
                }
                Map { parent, key } => {
                    walk(parent, out);
                    out.push(Seg::Key(key.clone()));
                }
                Some { parent } | NewtypeStruct { parent } | NewtypeVariant { parent } => {
                    walk(parent, out)
                }
            }
        }
        let mut v = Vec::new();
        walk(p, &mut v);
        KeyPath(v)
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|s| match s {
                Seg::Key(k) => k.clone(),
                Seg::Index(i) => i.to_string(),
            })
            .collect();
        write!(f, "{}", parts.join("."))
    }
}

/// The byte range of the deepest part of `path` found in the document: the key itself when
/// the path ends at a key.
pub fn span_of(root: &Spanned<DeTable>, path: &KeyPath) -> std::ops::Range<usize> {
    let mut span = root.span();
    let mut value: Option<&Spanned<DeValue>> = None;
    for seg in &path.0 {
        match seg {
            Seg::Key(k) => {
                let table = match value {
                    None => root.get_ref(),
                    Some(v) => match v.get_ref().as_table() {
                        Some(t) => t,
                        None => break,
                    },
                };
                let Some((key, v)) = table.iter().find(|(key, _)| key.get_ref() == k) else {
                    break;
                };
                span = key.span();
                value = Some(v);
            }
            Seg::Index(i) => {
                let Some(v) = value
                    .and_then(|v| v.get_ref().as_array())
                    .and_then(|a| a.get(*i))
                else {
                    break;
                };
                span = v.span();
                value = Some(v);
            }
        }
    }
    span
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}
