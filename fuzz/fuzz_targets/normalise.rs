#![no_main]
//! Every normaliser on arbitrary text: none may panic.
use hyoka::normalise::{label_key, parse_fiscal_year, parse_number_text, Era};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = parse_number_text(s);
        let _ = parse_fiscal_year(s, None);
        let _ = parse_fiscal_year(s, Some(Era::Reiwa));
        let _ = label_key(s);
        let _ = hyoka::normalise::fold_identifier(s);
        let _ = hyoka::form::expr::parse_expr(s);
        let _ = hyoka::form::expr::parse_comparison(s);
    }
});
