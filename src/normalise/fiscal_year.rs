//! Fiscal years (年度) as they are written: `令和4年度`, `R4`, `令和元年度`, `元年度` and `2年度`
//! (era from context), `平成31年度` (= 令和元年度), `平成32年度` (never existed), `H30`,
//! `2022年度`, `FY2022`, a bare `7` under an era, and Excel dates shown as 和暦.
//!
//! A 年度 runs April to March; a `FiscalYear` is the Western year it starts in.

use super::text::fold;
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct FiscalYear(pub i32);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Era {
    Taisho,
    Showa,
    Heisei,
    Reiwa,
}

impl Era {
    /// Western year of the era's year 0 (so 令和1 = 2019).
    fn offset(self) -> i32 {
        match self {
            Era::Taisho => 1911,
            Era::Showa => 1925,
            Era::Heisei => 1988,
            Era::Reiwa => 2018,
        }
    }
    /// The last year number the era really had, if it has ended.
    fn last_year(self) -> Option<i32> {
        match self {
            Era::Taisho => Some(15),
            Era::Showa => Some(64),
            Era::Heisei => Some(31),
            Era::Reiwa => None,
        }
    }
    /// An era named in a spec: `令和` or `R`.
    pub fn from_name(p: &str) -> Option<Era> {
        Era::from_prefix(fold(p).trim())
    }
    fn from_prefix(p: &str) -> Option<Era> {
        Some(match p {
            "令和" | "R" | "r" => Era::Reiwa,
            "平成" | "H" | "h" => Era::Heisei,
            "昭和" | "S" | "s" => Era::Showa,
            "大正" | "T" | "t" => Era::Taisho,
            _ => return None,
        })
    }
    pub fn of_year(y: FiscalYear) -> Era {
        match y.0 {
            i32::MIN..=1925 => Era::Taisho,
            1926..=1988 => Era::Showa,
            1989..=2018 => Era::Heisei,
            _ => Era::Reiwa,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Era::Taisho => "大正",
            Era::Showa => "昭和",
            Era::Heisei => "平成",
            Era::Reiwa => "令和",
        }
    }
}

/// A year read from a cell, with what else the cell said.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedYear {
    pub year: FiscalYear,
    /// The era the cell named or took from context (for reading the next cells in a row).
    pub era: Option<Era>,
    /// `平成32年度` and the like: a year past the era's end, mapped on but worth a warning.
    pub nonexistent: bool,
    /// `元年分`: a calendar year, not a fiscal year.
    pub calendar: bool,
    /// Text after the year (`実績`, `予算`), folded.
    pub rest: String,
}

impl FiscalYear {
    /// `令和5年度`, `令和元年度`, `平成30年度`.
    pub fn japanese(self) -> String {
        let era = Era::of_year(self);
        let n = self.0 - era.offset();
        if n == 1 {
            format!("{}元年度", era.name())
        } else {
            format!("{}{}年度", era.name(), n)
        }
    }
}

impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.japanese())
    }
}

/// Parses the text of a year cell. `context` is the era to use for `元年度`, `2年度` or `7`.
pub fn parse_fiscal_year(raw: &str, context: Option<Era>) -> Option<ParsedYear> {
    let s: String = fold(raw).chars().filter(|c| !c.is_whitespace()).collect();
    let s = s.strip_prefix("第").unwrap_or(&s);
    // Era name or letter, then 元 or digits.
    for prefix in [
        "令和", "平成", "昭和", "大正", "R", "H", "S", "T", "r", "h", "s", "t",
    ] {
        if let Some(rest) = s.strip_prefix(prefix) {
            let era = Era::from_prefix(prefix)?;
            if let Some(p) = era_number(rest, era, prefix.is_ascii()) {
                return Some(p);
            }
        }
    }
    // Western year: 2022年度, FY2022, 2022.
    let w = s
        .strip_prefix("FY")
        .or_else(|| s.strip_prefix("fy"))
        .unwrap_or(s);
    let digits: String = w.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.len() == 4 {
        let rest = &w[digits.len()..];
        let (suffix_ok, calendar, tail) = year_suffix(rest, true);
        if suffix_ok {
            let y: i32 = digits.parse().ok()?;
            if (1900..=2200).contains(&y) {
                return Some(ParsedYear {
                    year: FiscalYear(y),
                    era: None,
                    nonexistent: false,
                    calendar,
                    rest: tail.to_string(),
                });
            }
        }
        return None;
    }
    // 元年度, 2年度, or a bare number: needs the era from context.
    let era = context?;
    era_number(s, era, true)
}

/// `元年度`, `4年度`, `4`, `4年度実績` after an era; `bare_ok` allows a number with no 年.
fn era_number(rest: &str, era: Era, bare_ok: bool) -> Option<ParsedYear> {
    let (n, after) = if let Some(a) = rest.strip_prefix('元') {
        (1, a)
    } else {
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        if digits.is_empty() || digits.len() > 2 {
            return None;
        }
        (digits.parse::<i32>().ok()?, &rest[digits.len()..])
    };
    if n == 0 {
        return None;
    }
    let (ok, calendar, tail) = year_suffix(after, bare_ok);
    if !ok {
        return None;
    }
    Some(ParsedYear {
        year: FiscalYear(era.offset() + n),
        era: Some(era),
        nonexistent: era.last_year().is_some_and(|last| n > last),
        calendar,
        rest: tail.to_string(),
    })
}

/// After the number: `年度` (fiscal), `年` (as Excel prints 和暦), `年分` (calendar year), or
/// nothing when `bare_ok`. Returns (accepted, calendar, the rest).
fn year_suffix(after: &str, bare_ok: bool) -> (bool, bool, &str) {
    if let Some(t) = after.strip_prefix("年度") {
        (true, false, t)
    } else if let Some(t) = after.strip_prefix("年分") {
        (true, true, t)
    } else if let Some(t) = after.strip_prefix('年') {
        (true, false, t)
    } else if bare_ok && (after.is_empty() || !after.starts_with(|c: char| c.is_ascii())) {
        // `R5`, `R5実績`, `2022`; but not `R5.3`, `7,000` or `R5a`.
        (true, false, after)
    } else {
        (false, false, after)
    }
}

/// A number stored in a year cell: a Western year, or a year of the context era (`7`).
pub fn from_number(v: f64, context: Option<Era>) -> Option<ParsedYear> {
    if v.fract() != 0.0 {
        return None;
    }
    let n = v as i32;
    if (1900..=2200).contains(&n) {
        return Some(ParsedYear {
            year: FiscalYear(n),
            era: None,
            nonexistent: false,
            calendar: false,
            rest: String::new(),
        });
    }
    if (1..=99).contains(&n) {
        return era_number(&n.to_string(), context?, true);
    }
    None
}

/// An Excel date in a year cell (typing `令和4年` into Japanese Excel stores 2022-01-01 shown
/// as 和暦): the year shown is the one meant.
pub fn from_calendar_year(year: i32) -> Option<ParsedYear> {
    from_number(year as f64, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn y(s: &str) -> Option<i32> {
        parse_fiscal_year(s, None).map(|p| p.year.0)
    }
    fn yc(s: &str, era: Era) -> Option<i32> {
        parse_fiscal_year(s, Some(era)).map(|p| p.year.0)
    }

    #[test]
    fn every_written_form() {
        assert_eq!(y("令和4年度"), Some(2022));
        assert_eq!(y("R4"), Some(2022));
        assert_eq!(y("R4年度"), Some(2022));
        assert_eq!(y("令和元年度"), Some(2019));
        assert_eq!(y("平成31年度"), Some(2019));
        assert_eq!(y("H30"), Some(2018));
        assert_eq!(y("2022年度"), Some(2022));
        assert_eq!(y("FY2022"), Some(2022));
        assert_eq!(y("昭和44年度"), Some(1969));
        assert_eq!(y("令和１年"), Some(2019));
        assert_eq!(y("令和 5 年度"), Some(2023));
        assert_eq!(y("ｒ５"), Some(2023));
    }

    #[test]
    fn era_from_context() {
        assert_eq!(y("元年度"), None);
        assert_eq!(yc("元年度", Era::Reiwa), Some(2019));
        assert_eq!(yc("2年度", Era::Reiwa), Some(2020));
        assert_eq!(yc("7", Era::Reiwa), Some(2025));
        assert_eq!(
            from_number(7.0, Some(Era::Reiwa)).map(|p| p.year.0),
            Some(2025)
        );
        assert_eq!(from_number(2023.0, None).map(|p| p.year.0), Some(2023));
        assert_eq!(from_number(7.5, Some(Era::Reiwa)), None);
    }

    #[test]
    fn years_that_never_existed_are_mapped_and_marked() {
        let p = parse_fiscal_year("平成32年度", None).unwrap();
        assert_eq!(p.year, FiscalYear(2020));
        assert!(p.nonexistent);
        assert!(!parse_fiscal_year("令和9年度", None).unwrap().nonexistent);
    }

    #[test]
    fn calendar_year_and_trailing_words() {
        let p = parse_fiscal_year("元年分", Some(Era::Reiwa)).unwrap();
        assert!(p.calendar);
        let p = parse_fiscal_year("令和4年度実績", None).unwrap();
        assert_eq!((p.year.0, p.rest.as_str()), (2022, "実績"));
        let p = parse_fiscal_year("R5予算", None).unwrap();
        assert_eq!((p.year.0, p.rest.as_str()), (2023, "予算"));
    }

    #[test]
    fn not_years() {
        for s in [
            "事業費合計",
            "818",
            "R5.3",
            "7,000",
            "12345年度",
            "令和0年度",
            "Rate",
            "区分",
        ] {
            assert_eq!(parse_fiscal_year(s, None), None, "{s}");
        }
        assert_eq!(parse_fiscal_year("818", Some(Era::Reiwa)), None);
    }

    #[test]
    fn display_in_japanese() {
        assert_eq!(FiscalYear(2019).japanese(), "令和元年度");
        assert_eq!(FiscalYear(2023).japanese(), "令和5年度");
        assert_eq!(FiscalYear(2018).japanese(), "平成30年度");
    }
}
