//! The spec file being loaded: its text and parsed document, the mistakes found so far with
//! their lines, and what a layout's own keys give the loader. Layouts read their keys through
//! it; `spec` drives it.

use super::lines::{self, line_of, span_of, KeyPath};
use crate::form::{BlockLayout, RawCheck, RawRow};
use crate::normalise::label_key;
use serde::de::DeserializeOwned;
use std::sync::Arc;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::Spanned;

/// A layout the spec can name in `layout = "…"`.
pub struct LayoutKind {
    pub name: &'static str,
    /// One line for `hyoka spec list` and the spec documentation.
    pub summary: &'static str,
    /// Reads the layout's own keys of the block at the path.
    pub parse: fn(&mut SpecSource, &KeyPath) -> Option<LayoutParts>,
    /// The keys `parse` takes (`keys_of::<Raw>`): the spec documentation's table is held to
    /// them, and `hyoka spec list` shows them.
    pub keys: fn() -> &'static [&'static str],
}

/// What a layout's keys give the spec: the layout itself, and the rows and checks of the
/// block for the rules.
pub struct LayoutParts {
    pub layout: Arc<dyn BlockLayout>,
    pub rows: Vec<RawRow>,
    pub checks: Vec<RawCheck>,
    /// Groups a formula may sum (`sum(items)`).
    pub groups: &'static [&'static str],
    /// Row keys name measures (and so must be unique across the form's blocks).
    pub rows_are_measures: bool,
}

/// A spec mistake, with the spec file and line.
#[derive(Debug, Clone, PartialEq)]
pub struct SpecError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for SpecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Every mistake found in a spec (or in a set of specs), in line order.
#[derive(Debug, Clone, PartialEq)]
pub struct SpecErrors(pub Vec<SpecError>);

impl SpecErrors {
    pub fn first(&self) -> &SpecError {
        &self.0[0]
    }
}

impl std::fmt::Display for SpecErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lines: Vec<String> = self.0.iter().map(|e| e.to_string()).collect();
        write!(f, "{}", lines.join("\n"))
    }
}

impl std::error::Error for SpecErrors {}

/// The document being loaded, and what is wrong with it so far.
pub struct SpecSource<'t> {
    pub(crate) text: &'t str,
    pub(crate) file: String,
    pub(crate) doc: Spanned<DeTable<'t>>,
    pub(crate) errors: Vec<SpecError>,
    /// Keys a pass skipped: unknown unless another pass over the same table used them.
    pub(crate) ignored: Vec<KeyPath>,
}

impl<'t> SpecSource<'t> {
    /// Records a problem at a path of the document.
    pub fn error(&mut self, at: &KeyPath, message: String) {
        let line = line_of(self.text, span_of(&self.doc, at).start);
        self.errors.push(SpecError {
            file: self.file.clone(),
            line: Some(line),
            message,
        });
    }

    fn value_at(&self, at: &KeyPath) -> Option<Spanned<DeValue<'t>>> {
        if at.0.is_empty() {
            let root = DeValue::Table(self.doc.get_ref().clone());
            return Some(Spanned::new(self.doc.span(), root));
        }
        let mut v: Option<&Spanned<DeValue<'t>>> = None;
        for seg in &at.0 {
            v = match seg {
                lines::Seg::Key(k) => {
                    let table = match v {
                        None => self.doc.get_ref(),
                        Some(v) => v.get_ref().as_table()?,
                    };
                    table
                        .iter()
                        .find(|(key, _)| key.get_ref() == k)
                        .map(|e| e.1)
                }
                lines::Seg::Index(i) => v?.get_ref().as_array()?.get(*i),
            };
        }
        v.cloned()
    }

    /// Deserializes the table at `at` into `T`, remembering the keys `T` does not take.
    pub fn read<T: DeserializeOwned>(&mut self, at: &KeyPath) -> Option<T> {
        let value = self.value_at(at)?;
        let mut skipped = Vec::new();
        let result: Result<T, toml::de::Error> =
            serde_ignored::deserialize(ValueDeserializer::from(value), |p| {
                skipped.push(KeyPath::from_ignored(&p))
            });
        self.ignored
            .extend(skipped.into_iter().map(|p| at.join(&p)));
        match result {
            Ok(t) => Some(t),
            Err(e) => {
                let line = e.span().map(|s| line_of(self.text, s.start));
                self.errors.push(SpecError {
                    file: self.file.clone(),
                    line,
                    message: format!("{}: {}", at, e.message()),
                });
                None
            }
        }
    }
}

/// Words of `placeholder_phases` must name phases (実績, 目標, 計画, 予算, 決算).
pub fn check_phase_words(src: &mut SpecSource, at: &KeyPath, words: &[String]) {
    for (i, w) in words.iter().enumerate() {
        if crate::extract::Phase::from_word(&label_key(w)).is_none() {
            src.error(
                &at.key("placeholder_phases").index(i),
                format!("'{w}' is not a phase (実績, 決算, 予算, 計画, 目標)"),
            );
        }
    }
}

/// The keys a spec table read into `T` takes: serde's own list of `T`'s fields (as renamed).
/// A deserializer that answers every request with "no" except the request for a struct,
/// whose field names it keeps.
pub fn keys_of<'de, T: serde::Deserialize<'de>>() -> &'static [&'static str] {
    use serde::de::{Error, Visitor};
    struct Fields<'k>(&'k mut &'static [&'static str]);
    impl<'de> serde::Deserializer<'de> for Fields<'_> {
        type Error = serde::de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(Self::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(Self::Error::custom("only the field names were asked for"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Fields(&mut fields));
    fields
}
