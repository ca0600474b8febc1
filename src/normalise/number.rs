//! Numbers as Japanese offices write them: `△1,234`, `１，０２３`, `1023千円`, `32.0%`,
//! `千円\n49,286,300`, and the ways of writing "nothing" (`－`, `―`, `…`, `該当なし`).
//!
//! Nothing here casts silently: a value that cannot be held exactly as f64 (more than 15
//! significant digits) is reported as such, and text that is not a number stays text.

use super::text::fold;

/// What a cell means once read as a number.
#[derive(Debug, Clone, PartialEq)]
pub enum NumberValue {
    /// Empty, or a mark that means "none": `－`, `―`, `-`, `—`, `該当なし`.
    Blank,
    /// `…`: the value is not known (not the same as zero or none).
    Unknown,
    /// A number, with the unit written in the cell if any (`千円`, `円`, `人`, `%` …).
    Number(Quantity),
    /// Text that is not a number (a milestone such as `検討`, or a typing mistake).
    Text(String),
    /// Digits that f64 cannot hold exactly.
    TooPrecise(String),
    /// A spreadsheet error value such as `#DIV/0!`.
    CellError(String),
    /// A date or time where a number was expected.
    Date(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub value: f64,
    /// The unit written inside the cell, folded (`％` becomes `%`).
    pub unit: Option<String>,
    /// True when the cell held text (`"1,023"`, `"１０２３"`) rather than a number.
    pub from_text: bool,
}

impl NumberValue {
    pub fn number(&self) -> Option<f64> {
        match self {
            NumberValue::Number(q) => Some(q.value),
            _ => None,
        }
    }
    pub fn is_blank(&self) -> bool {
        matches!(self, NumberValue::Blank)
    }
}

/// Units recognised inside cells, longest first so that `千円` wins over `円`.
pub const CELL_UNITS: &[&str] = &[
    "千円",
    "万円",
    "百万円",
    "円",
    "人日",
    "人",
    "%",
    "件",
    "団体",
    "時間",
    "回",
    "箇所",
    "か所",
    "ヶ所",
    "施設",
    "世帯",
    "日",
    "本",
    "台",
    "冊",
    "m2",
    "m²",
    "km",
];

const BLANK_MARKS: &[&str] = &[
    "",
    "-",
    "―",
    "—",
    "‐",
    "ー",
    "−",
    "該当なし",
    "なし",
    "対象外",
];
const UNKNOWN_MARKS: &[&str] = &["...", "…", "‥", "..", "不明"];

/// Largest integer an f64 holds exactly.
const EXACT_LIMIT: f64 = 9_007_199_254_740_992.0;

/// Reads the text of a cell as a number.
pub fn parse_number_text(raw: &str) -> NumberValue {
    let folded: String = fold(raw).chars().filter(|c| !c.is_whitespace()).collect();
    if BLANK_MARKS.contains(&folded.as_str()) {
        return NumberValue::Blank;
    }
    if UNKNOWN_MARKS.contains(&folded.as_str()) {
        return NumberValue::Unknown;
    }
    let (body, unit) = split_unit(&folded);
    match parse_signed_decimal(body) {
        Some(Ok(value)) => NumberValue::Number(Quantity {
            value,
            unit: unit.map(str::to_string),
            from_text: true,
        }),
        Some(Err(())) => NumberValue::TooPrecise(raw.to_string()),
        None => NumberValue::Text(raw.trim().to_string()),
    }
}

/// Words a range may end with (`0.0%～0.5%向上`): they say which way it counts, not its size.
const RANGE_TAILS: &[&str] = &["向上", "以上", "以下", "増", "減", "程度"];

/// Reads a range written as a target (`0.0%～0.5%向上`, `10~20件`): low, high and the unit
/// written on either side (both sides must agree).
pub fn parse_range(raw: &str) -> Option<(f64, f64, Option<String>)> {
    let folded: String = fold(raw).chars().filter(|c| !c.is_whitespace()).collect();
    let mut body = folded.as_str();
    for t in RANGE_TAILS {
        if let Some(b) = body.strip_suffix(t) {
            body = b;
            break;
        }
    }
    let (a, b) = body.split_once(['～', '~', '〜'])?;
    let side = |s: &str| -> Option<(f64, Option<String>)> {
        let (digits, unit) = split_unit(s);
        match parse_signed_decimal(digits)? {
            Ok(v) => Some((v, unit.map(str::to_string))),
            Err(()) => None,
        }
    };
    let (low, ua) = side(a)?;
    let (high, ub) = side(b)?;
    let unit = match (ua, ub) {
        (Some(x), Some(y)) if x != y => return None,
        (x, y) => x.or(y),
    };
    Some((low, high, unit))
}

/// Reads a number stored as a number. Integers beyond 2^53 are refused, not rounded.
pub fn from_int(i: i64) -> NumberValue {
    if (i as f64).abs() > EXACT_LIMIT || (i as f64) as i64 != i {
        NumberValue::TooPrecise(i.to_string())
    } else {
        NumberValue::Number(Quantity {
            value: i as f64,
            unit: None,
            from_text: false,
        })
    }
}

pub fn from_float(f: f64) -> NumberValue {
    if f.is_finite() {
        NumberValue::Number(Quantity {
            value: f,
            unit: None,
            from_text: false,
        })
    } else {
        NumberValue::Text(f.to_string())
    }
}

/// Converts between money units written in cells (`円` → `千円` is 0.001); None when the
/// units do not convert.
pub fn unit_factor(from: &str, to: &str) -> Option<f64> {
    let yen = |u: &str| match u {
        "円" => Some(1.0),
        "千円" => Some(1_000.0),
        "万円" => Some(10_000.0),
        "百万円" => Some(1_000_000.0),
        _ => None,
    };
    Some(yen(from)? / yen(to)?)
}

/// The value of a cell in a row's unit: converted when the cell wrote a convertible money
/// unit, None when it wrote one that does not convert.
pub fn in_unit(q: &Quantity, row_unit: Option<&str>) -> Option<f64> {
    match (q.unit.as_deref(), row_unit.filter(|u| !u.is_empty())) {
        (Some(found), Some(wanted)) if found != wanted => {
            Some(q.value * unit_factor(found, wanted)?)
        }
        _ => Some(q.value),
    }
}

/// A cell that holds only a unit (`千円` beside its amount).
pub fn is_unit_word(s: &str) -> bool {
    CELL_UNITS.contains(&super::text::fold(s).as_str())
}

/// Splits a unit written before or after the digits (`1023千円`, `千円49,286,300`).
fn split_unit(s: &str) -> (&str, Option<&str>) {
    for u in CELL_UNITS {
        if let Some(body) = s.strip_suffix(u) {
            if !body.is_empty() {
                return (body, Some(u));
            }
        }
    }
    for u in CELL_UNITS {
        if let Some(body) = s.strip_prefix(u) {
            if !body.is_empty() {
                return (body, Some(u));
            }
        }
    }
    (s, None)
}

/// `Some(Ok(v))` for a well-formed decimal with an optional sign mark, `Some(Err(()))` when it
/// is well formed but too long to hold exactly, `None` when it is not a number.
fn parse_signed_decimal(s: &str) -> Option<Result<f64, ()>> {
    let first = s.chars().next()?;
    let after_first = &s[first.len_utf8()..];
    let (negative, rest) = match first {
        '△' | '▲' | '-' | '−' | '‐' | '–' => (true, after_first),
        '+' => (false, after_first),
        _ => (false, s),
    };
    let digits = plain_decimal(rest)?;
    let significant = digits
        .trim_start_matches(['0', '.'])
        .chars()
        .filter(|c| c.is_ascii_digit())
        .count();
    if significant > 15 {
        return Some(Err(()));
    }
    let v: f64 = digits.parse().ok()?;
    Some(Ok(if negative { -v } else { v }))
}

/// Checks digit grouping (`1,234,567` but not `1,23`) and returns the digits without commas.
fn plain_decimal(s: &str) -> Option<String> {
    let (int_part, frac_part) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if let Some(f) = frac_part {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    if int_part.is_empty() {
        frac_part?;
    } else if int_part.contains(',') {
        let mut groups = int_part.split(',');
        let head = groups.next()?;
        if head.is_empty() || head.len() > 3 || !head.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        for g in groups {
            if g.len() != 3 || !g.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
        }
    } else if !int_part.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut out: String = int_part.chars().filter(|&c| c != ',').collect();
    if out.is_empty() {
        out.push('0');
    }
    if let Some(f) = frac_part {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

/// Formats a number for `expected`/`actual`: integers without decimals, others trimmed.
pub fn plain_number(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<f64> {
        parse_number_text(s).number()
    }
    fn unit(s: &str) -> Option<String> {
        match parse_number_text(s) {
            NumberValue::Number(q) => q.unit,
            _ => None,
        }
    }

    #[test]
    fn grouped_and_full_width_digits() {
        assert_eq!(num("1,023"), Some(1023.0));
        assert_eq!(num("１，０２３"), Some(1023.0));
        assert_eq!(num("１，４４８，９４０"), Some(1_448_940.0));
        assert_eq!(num(" 818 "), Some(818.0));
        assert_eq!(num("0.26"), Some(0.26));
        assert_eq!(num("．５"), Some(0.5));
    }

    #[test]
    fn every_negative_mark() {
        for s in ["△1,234", "▲1,234", "-1234", "−1234", "－1234", "△ 1,234"] {
            assert_eq!(num(s), Some(-1234.0), "{s}");
        }
    }

    #[test]
    fn parentheses_are_not_a_negative_here() {
        assert_eq!(
            parse_number_text("(1,234)"),
            NumberValue::Text("(1,234)".into())
        );
    }

    #[test]
    fn ranges_read_with_their_unit() {
        assert_eq!(
            parse_range("0.0%～0.5%向上"),
            Some((0.0, 0.5, Some("%".to_string())))
        );
        assert_eq!(
            parse_range("10~20件"),
            Some((10.0, 20.0, Some("件".to_string())))
        );
        assert_eq!(parse_range("1%～2件"), None);
        assert_eq!(parse_range("検討～策定"), None);
        assert_eq!(parse_range("0.22%"), None);
    }

    #[test]
    fn units_inside_cells() {
        assert_eq!(num("1023千円"), Some(1023.0));
        assert_eq!(unit("1023千円").as_deref(), Some("千円"));
        assert_eq!(unit("1,023円").as_deref(), Some("円"));
        assert_eq!(num("92人"), Some(92.0));
        assert_eq!(num("32.0%"), Some(32.0));
        assert_eq!(unit("32.0％").as_deref(), Some("%"));
        assert_eq!(num("千円\n49,286,300"), Some(49_286_300.0));
        assert_eq!(num("-0.30%"), Some(-0.30));
    }

    #[test]
    fn blank_and_unknown_marks() {
        for s in ["", "－", "―", "-", "—", "該当なし", "  "] {
            assert_eq!(parse_number_text(s), NumberValue::Blank, "{s:?}");
        }
        assert_eq!(parse_number_text("…"), NumberValue::Unknown);
    }

    #[test]
    fn bad_grouping_and_words_stay_text() {
        assert!(matches!(parse_number_text("1,23"), NumberValue::Text(_)));
        assert!(matches!(parse_number_text("12,3456"), NumberValue::Text(_)));
        assert!(matches!(parse_number_text("検討"), NumberValue::Text(_)));
        assert!(matches!(parse_number_text("1.2.3"), NumberValue::Text(_)));
        assert!(matches!(parse_number_text("△"), NumberValue::Text(_)));
        assert!(matches!(parse_number_text("12a"), NumberValue::Text(_)));
    }

    #[test]
    fn never_a_silent_lossy_cast() {
        assert!(matches!(
            parse_number_text("12345678901234567"),
            NumberValue::TooPrecise(_)
        ));
        assert!(matches!(from_int(i64::MAX), NumberValue::TooPrecise(_)));
        assert_eq!(
            from_int(9_007_199_254_740_992).number(),
            Some(9_007_199_254_740_992.0)
        );
        assert!(matches!(from_float(f64::NAN), NumberValue::Text(_)));
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        fn group(n: u64) -> String {
            let s = n.to_string();
            let mut out = String::new();
            for (i, c) in s.chars().enumerate() {
                if i > 0 && (s.len() - i).is_multiple_of(3) {
                    out.push(',');
                }
                out.push(c);
            }
            out
        }
        fn to_full_width(s: &str) -> String {
            s.chars()
                .map(|c| match c {
                    '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap(),
                    ',' => '，',
                    other => other,
                })
                .collect()
        }

        proptest! {
            #[test]
            fn any_grouped_integer_round_trips(n in 0u64..1_000_000_000_000u64, neg in any::<bool>(), mark in 0usize..4, wide in any::<bool>()) {
                let mut s = group(n);
                if wide { s = to_full_width(&s); }
                if neg { s = format!("{}{}", ["△", "▲", "-", "−"][mark], s); }
                let want = if neg { -(n as f64) } else { n as f64 };
                prop_assert_eq!(parse_number_text(&s).number(), Some(want));
            }

            #[test]
            fn arbitrary_text_never_panics(s in "\\PC{0,40}") {
                let _ = parse_number_text(&s);
            }
        }
    }
}
