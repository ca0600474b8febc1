//! The shape of each block: found, its rows found, fitting its layout, and a year header that
//! is consecutive, real and holds the evaluation year as results (not a copied budget column).

use super::fields::NONEXISTENT_YEAR;
use super::rule::{Code, SheetReporter, SheetRule, SheetUnderCheck};
use crate::extract::Phase;
use crate::finding::Severity::{Error, Warning};
use crate::i18n::{Message, Text};

pub static TABLE_MISSING: Code = Code {
    id: "table-missing",
    severity: Error,
    summary: Text {
        ja: "様式の表が見つからない",
        en: "a table of the form is not found",
    },
    message: Text {
        ja: "{table}が見つかりません",
        en: "{table} not found",
    },
};
pub static ROW_MISSING: Code = Code {
    id: "row-missing",
    severity: Error,
    summary: Text {
        ja: "表の行が見つからない",
        en: "a row of a table is not found",
    },
    message: Text {
        ja: "{table}の行「{label}」が見つかりません",
        en: "row \"{label}\" of {table} not found",
    },
};
pub static LAYOUT_MISMATCH: Code = Code {
    id: "layout-mismatch",
    severity: Error,
    summary: Text {
        ja: "表の形が様式の定めと違うため読めない（値をずらして読まない）",
        en:
            "a table is not laid out as its spec says, so it is not read (rather than read shifted)",
    },
    message: Text {
        ja: "{table}の形が様式と違います: {what}",
        en: "{table} is not laid out as the form says: {what}",
    },
};
pub static FISCAL_YEAR_ORDER: Code = Code {
    id: "fiscal-year-order",
    severity: Error,
    summary: Text {
        ja: "年度の見出しが連続していない",
        en: "the year header is not consecutive",
    },
    message: Text {
        ja: "年度の見出しが連続していません（{header}）",
        en: "the fiscal-year headers are not consecutive ({header})",
    },
};
pub static FISCAL_YEAR_DUPLICATE: Code = Code {
    id: "fiscal-year-duplicate",
    severity: Error,
    summary: Text {
        ja: "年度の見出しに同じ年度が2回ある（その列は読まない）",
        en: "the year header repeats a year (that column is not read)",
    },
    message: Text {
        ja: "年度の見出しで {year} が2回あります（{header}）。この列は読んでいません",
        en: "the year header has {year} twice ({header}); this column is not read",
    },
};
pub static FISCAL_YEAR_OUTSIDE_WINDOW: Code = Code {
    id: "fiscal-year-outside-window",
    severity: Error,
    summary: Text {
        ja: "年度の見出しに様式の範囲（評価年度の前後）にない年度がある",
        en: "a header year lies outside the form's window around the evaluation year",
    },
    message: Text {
        ja: "{table}の年度 {year} は、評価年度 {eval_year} に対する様式の範囲（{first}〜{last}）にありません",
        en: "{table}'s year {year} lies outside the form's window for the evaluation year {eval_year} ({first}–{last})",
    },
};
pub static FISCAL_YEAR_ERA_MIXED: Code = Code {
    id: "fiscal-year-era-mixed",
    severity: Warning,
    summary: Text {
        ja: "年度の見出しで元号の書き方が混ざっている",
        en: "the year header mixes eras or ways of writing them",
    },
    message: Text {
        ja: "年度の見出し「{text}」の元号が、同じ見出しの「{first}」と異なります（{header}）",
        en: "the header year \"{text}\" is written in another era than \"{first}\" of the same header ({header})",
    },
};
pub static EVAL_YEAR_NOT_IN_HEADER: Code = Code {
    id: "eval-year-not-in-header",
    severity: Error,
    summary: Text { ja: "表の年度に評価年度がない（前年度の様式の流用）", en: "the table's years lack the evaluation year (last year's sheet reused)" },
    message: Text { ja: "{table}の年度（{header}）に評価年度 {eval_year} がありません。前年度の様式を流用していませんか", en: "the years of {table} ({header}) do not include the evaluation year {eval_year}; was last year's sheet reused?" },
};
pub static EVAL_YEAR_PHASE: Code = Code {
    id: "eval-year-phase",
    severity: Error,
    summary: Text { ja: "評価年度の列が実績でない（予算のまま）", en: "the evaluation year's column is not marked as results (still a budget)" },
    message: Text { ja: "評価年度 {eval_year} の列が「{phase}」になっています。評価年度は実績を記入します。前年度の様式を流用していませんか", en: "the column of the evaluation year {eval_year} is marked \"{phase}\"; the evaluation year reports results. Was last year's sheet reused?" },
};

pub static BLOCK_UNREAD: Code = Code {
    id: "block-unread",
    severity: Error,
    summary: Text {
        ja: "表は見つかったが値を1つも読めない（何も点検していない）",
        en: "a table was found but not one value could be read (nothing was checked)",
    },
    message: Text {
        ja: "{table}の見出しはありますが、値を1つも読めませんでした。表の行と年度の見出しを確認してください",
        en: "{table} has its header, but not one value could be read from it; check its rows and its year header",
    },
};

static HINT_COPIED_LAST_YEAR: Text = Text {
    ja: "前年度のシートをコピーした場合は、年度の見出しと数値を更新してください",
    en: "if this sheet was copied from last year, update its year headers and figures",
};

pub static CODES: &[&Code] = &[
    &TABLE_MISSING,
    &ROW_MISSING,
    &LAYOUT_MISMATCH,
    &FISCAL_YEAR_ORDER,
    &FISCAL_YEAR_DUPLICATE,
    &FISCAL_YEAR_OUTSIDE_WINDOW,
    &FISCAL_YEAR_ERA_MIXED,
    &EVAL_YEAR_NOT_IN_HEADER,
    &EVAL_YEAR_PHASE,
    &BLOCK_UNREAD,
];

pub struct Structure;

impl SheetRule for Structure {
    fn codes(&self) -> &'static [&'static Code] {
        CODES
    }
    fn check(&self, sheet: &SheetUnderCheck, out: &mut SheetReporter) {
        let (spec, read) = (sheet.spec, sheet.read);
        for block in &spec.blocks {
            let found: Vec<_> = read.block(&block.id).collect();
            if found.is_empty() {
                if block.required {
                    let m = Message::new(&TABLE_MISSING.message).arg("table", block.words());
                    out.push(&TABLE_MISSING, read.title_pos, m);
                }
                continue;
            }
            // A row whose 年度 is missing or unreadable is said at that cell already.
            let year_said = spec
                .field(&spec.form.eval_year_field)
                .is_some_and(|f| f.spec.kind == crate::form::FieldType::FiscalYear);
            for b in found {
                for (pos, what) in &b.misfits {
                    if year_said && what.for_want_of_a_year {
                        continue;
                    }
                    let m = Message::new(&LAYOUT_MISMATCH.message)
                        .arg("table", block.words())
                        .arg(
                            "what",
                            crate::i18n::Arg::Message(Box::new(what.what.clone())),
                        );
                    out.push(&LAYOUT_MISMATCH, *pos, m);
                }
                if !b.misfits.is_empty() {
                    continue;
                }
                // Never silent: a table found but read empty is not a table checked. An
                // optional table is a warning: the sheet may leave it out, not misshape it.
                if b.records.is_empty() && !read.in_block(&block.id, b.instance).any(|_| true) {
                    let m = Message::new(&BLOCK_UNREAD.message).arg("table", block.words());
                    let f = out.push(&BLOCK_UNREAD, b.anchor, m);
                    if !block.required {
                        f.severity = Warning;
                    }
                    continue;
                }
                for row in &block.rows {
                    if !b.rows.contains_key(&row.key) {
                        let m = Message::new(&ROW_MISSING.message)
                            .arg("table", block.words())
                            .arg("label", row.words());
                        out.push(&ROW_MISSING, b.anchor, m).field = Some(row.key.clone());
                    }
                }
                // A repeated year is never read: said whatever the spec checks of its years.
                let duplicated = check_duplicates(b, out);
                if block.check_years && !b.periods.is_empty() && !duplicated {
                    check_years(sheet, block, b, out);
                }
            }
        }
    }
}

fn header_text(b: &crate::extract::BlockRead) -> String {
    b.periods
        .iter()
        .map(|y| y.raw.trim().to_string())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Each year of the header that repeats an earlier one, at its cell. True when any did.
fn check_duplicates(b: &crate::extract::BlockRead, out: &mut SheetReporter) -> bool {
    let mut seen = std::collections::BTreeSet::new();
    let mut any = false;
    for y in &b.periods {
        if !seen.insert(y.period()) {
            any = true;
            let m = Message::new(&FISCAL_YEAR_DUPLICATE.message)
                .arg("year", super::rule::period_arg(Some(y.period())))
                .arg("header", header_text(b));
            let f = out.push(&FISCAL_YEAR_DUPLICATE, y.header_pos, m);
            f.fiscal_year = y.period().fiscal().map(|y| y.0);
            f.actual = Some(y.raw.clone());
        }
    }
    any
}

fn check_years(
    sheet: &SheetUnderCheck,
    block: &crate::form::Block,
    b: &crate::extract::BlockRead,
    out: &mut SheetReporter,
) {
    let years = &b.periods;
    let header_text = header_text(b);
    for y in years {
        if y.parsed.nonexistent {
            let m = Message::new(&NONEXISTENT_YEAR.message)
                .arg("text", y.raw.clone())
                .arg("year", y.year);
            out.push(&NONEXISTENT_YEAR, y.header_pos, m).fiscal_year = Some(y.year.0);
        }
    }
    // At the first year that does not follow the one before it.
    if let Some(w) = years.windows(2).find(|w| w[1].year.0 != w[0].year.0 + 1) {
        let m = Message::new(&FISCAL_YEAR_ORDER.message).arg("header", header_text.clone());
        let f = out.push(&FISCAL_YEAR_ORDER, w[1].header_pos, m);
        f.fiscal_year = Some(w[1].year.0);
        f.actual = Some(w[1].raw.clone());
    }
    // One era per header: `R4 | 令和5年度` is one era written two ways (fine), `H30 | R1` is
    // the change of era (fine), `元年度 | 2年度 | R4` is not.
    check_eras(years, &header_text, out);
    let spec = sheet.spec;
    let Some(eval) = sheet.read.eval_year(spec).map(|p| p.year) else {
        return;
    };
    let eval_key = &spec.form.eval_year_field;
    // A column of the evaluation year still marked 予算 says the sheet is last year's: its
    // years are that one finding, not one more per year.
    let mut copied = false;
    if let Some(col) = years.iter().find(|y| y.year == eval) {
        let allowed = &block.eval_phases;
        if let Some(phase) = col.phase_text.as_deref().filter(|_| !allowed.is_empty()) {
            // Compared as phases: `(実績)`, `実績額` and `実績` are all results.
            let as_phase = |t: &str| Phase::from_word(&crate::normalise::label_key(t));
            let fits = allowed.iter().any(|w| {
                phase.starts_with(w.as_str())
                    || (as_phase(w).is_some() && as_phase(w) == as_phase(phase))
            });
            if !fits {
                copied = true;
                let m = Message::new(&EVAL_YEAR_PHASE.message)
                    .arg("eval_year", eval)
                    .arg("phase", phase);
                let f = out.push(&EVAL_YEAR_PHASE, col.header_pos, m);
                f.field = Some(eval_key.clone());
                f.fiscal_year = Some(eval.0);
                f.expected = Some(allowed.join(" / "));
                f.actual = Some(phase.to_string());
                f.hint = Some(Message::new(&HINT_COPIED_LAST_YEAR));
            }
        }
    } else {
        let m = Message::new(&EVAL_YEAR_NOT_IN_HEADER.message)
            .arg("table", block.words())
            .arg("eval_year", eval)
            .arg("header", header_text.clone());
        let f = out.push(&EVAL_YEAR_NOT_IN_HEADER, years[0].header_pos, m);
        f.field = Some(eval_key.clone());
        f.fiscal_year = Some(eval.0);
        f.expected = Some(eval.0.to_string());
        f.actual = Some(header_text);
        f.hint = Some(Message::new(&HINT_COPIED_LAST_YEAR));
    }
    // The form's window around the evaluation year (the year before it, the plan years after).
    let (first, last) = (
        crate::normalise::FiscalYear(eval.0 - block.years_before as i32),
        crate::normalise::FiscalYear(eval.0 + block.years_after as i32),
    );
    // A header that holds the whole window may reach further back (the four-year variant).
    let whole = (first.0..=last.0).all(|n| years.iter().any(|y| y.year.0 == n));
    let first = if whole {
        crate::normalise::FiscalYear(first.0 - block.extra_years_before as i32)
    } else {
        first
    };
    if block.check_window && !copied && years.iter().any(|y| y.year == eval) {
        for y in years
            .iter()
            .filter(|y| !y.calendar && (y.year < first || y.year > last))
        {
            let m = Message::new(&FISCAL_YEAR_OUTSIDE_WINDOW.message)
                .arg("table", block.words())
                .arg("year", y.year)
                .arg("eval_year", eval)
                .arg("first", first)
                .arg("last", last);
            let f = out.push(&FISCAL_YEAR_OUTSIDE_WINDOW, y.header_pos, m);
            f.fiscal_year = Some(y.year.0);
            f.expected = Some(format!("{}–{}", first.0, last.0));
            f.actual = Some(y.raw.clone());
            f.hint = Some(Message::new(&HINT_COPIED_LAST_YEAR));
        }
    }
}

/// How a header cell names its era: by name (`令和5年度`, `R5`), by a Western year (`2023年度`),
/// or not at all (`2年度`, taken from context).
fn era_written(raw: &str) -> Option<&'static str> {
    let t = crate::normalise::fold(raw);
    let t = t.trim_start_matches('第');
    if t.starts_with(['令', 'R', 'r']) {
        Some("令和")
    } else if t.starts_with(['平', 'H', 'h']) {
        Some("平成")
    } else if t.starts_with(['昭', 'S', 's']) {
        Some("昭和")
    } else if t.chars().take_while(|c| c.is_ascii_digit()).count() == 4 || t.starts_with("FY") {
        Some("西暦")
    } else {
        None
    }
}

/// A header that names different eras other than at the change of era (平成31 → 令和元 is one
/// year), or a Western year beside era years: a warning at the first cell that differs.
fn check_eras(years: &[crate::extract::PeriodColumn], header: &str, out: &mut SheetReporter) {
    let named: Vec<(&crate::extract::PeriodColumn, &'static str)> = years
        .iter()
        .filter_map(|y| Some((y, era_written(&y.raw)?)))
        .collect();
    let Some((first, first_era)) = named.first() else {
        return;
    };
    let changes_era = |a: &str, b: &str| a == "平成" && b == "令和";
    let mut prev = *first_era;
    for (y, era) in &named[1..] {
        if *era != prev && !changes_era(prev, era) {
            let m = Message::new(&FISCAL_YEAR_ERA_MIXED.message)
                .arg("text", y.raw.trim().to_string())
                .arg("first", first.raw.trim().to_string())
                .arg("header", header.to_string());
            let f = out.push(&FISCAL_YEAR_ERA_MIXED, y.header_pos, m);
            f.fiscal_year = Some(y.year.0);
            f.actual = Some(y.raw.clone());
            return;
        }
        prev = era;
    }
}
