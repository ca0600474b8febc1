//! Normalise: every way a Japanese office writes a number, a blank, a negative, a unit or a
//! fiscal year, turned into one meaning, with the raw text kept beside it.

pub mod fiscal_year;
pub mod number;
pub mod text;

pub use fiscal_year::{parse_fiscal_year, Era, FiscalYear, ParsedYear};
pub use number::plain_number;
pub use number::{parse_number_text, NumberValue, Quantity};
pub use text::{
    fold, fold_identifier, label_key, label_matches, placeholder_matches, visible_text,
};
