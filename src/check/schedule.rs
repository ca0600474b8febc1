//! Schedule grids (行動計画 実施状況): items numbered 1..n under each heading, a table split
//! over two pages going on with the next No.; the same plan years in every table; every mark
//! names a step its item lists, and every arrow continues a mark to its left.

use super::rule::{period_arg, Code, SheetReporter, SheetRule, SheetUnderCheck};
use crate::extract::layout::schedule_grid::{listed_steps, CONTINUED, KIND, STEP};
use crate::extract::{BlockRead, Value};
use crate::finding::Severity::Error;
use crate::i18n::{Message, Text};

pub static NUMBERING_GAP: Code = Code {
    id: "numbering-gap",
    severity: Error,
    summary: Text {
        ja: "項目の番号（No.）が見出しごとに1から続いていない",
        en: "item numbers (No.) that do not run 1, 2, 3 … under their heading",
    },
    message: Text {
        ja: "No.「{found}」は {expected} のはずです（{heading}の項目は1から続けて番号を振ります）",
        en: "No. \"{found}\" should be {expected} (items under {heading} are numbered 1, 2, 3 …)",
    },
};
pub static PLAN_YEARS_DIFFER: Code = Code {
    id: "plan-years-differ",
    severity: Error,
    summary: Text {
        ja: "表によって計画の年度が違う",
        en: "plan years that differ from one table to the next",
    },
    message: Text {
        ja: "この表の年度（{header}）が最初の表（{first}）と違います",
        en: "this table's years ({header}) differ from the first table's ({first})",
    },
};
pub static STEP_NOT_LISTED: Code = Code {
    id: "step-not-listed",
    severity: Error,
    summary: Text {
        ja: "取組の記号（①②③）が項目の取組に挙がっていない",
        en: "a step mark (①②③) that the item's steps do not list",
    },
    message: Text {
        ja: "{year}の「{mark}」は「{name}」の取組（{steps}）にありません",
        en: "the mark \"{mark}\" for {year} names no step of \"{name}\" ({steps})",
    },
};
pub static ARROW_WITHOUT_STEP: Code = Code {
    id: "arrow-without-step",
    severity: Error,
    summary: Text {
        ja: "矢印（→）の左に続ける取組の記号がない",
        en: "an arrow (→) with no step mark to its left to continue",
    },
    message: Text {
        ja: "{year}の「→」の左に、同じ行で続ける取組の記号（①など）がありません（{name}）",
        en: "the arrow for {year} has no step mark (① …) to its left in the same row (\"{name}\")",
    },
};
pub static SCHEDULE_TEXT: Code = Code {
    id: "schedule-text",
    severity: Error,
    summary: Text {
        ja: "実施時期の欄に記号（①②③、→）以外の文字",
        en: "text other than marks (①②③, →) in a schedule cell",
    },
    message: Text {
        ja: "{year}の実施時期の欄に「{text}」があります。取組の記号（①など）か「→」を記入します（{name}）",
        en: "the schedule cell for {year} holds \"{text}\"; write a step mark (① …) or an arrow (\"{name}\")",
    },
};

pub static CODES: &[&Code] = &[
    &NUMBERING_GAP,
    &PLAN_YEARS_DIFFER,
    &STEP_NOT_LISTED,
    &ARROW_WITHOUT_STEP,
    &SCHEDULE_TEXT,
];

pub struct Schedule;

impl SheetRule for Schedule {
    fn codes(&self) -> &'static [&'static Code] {
        CODES
    }
    fn check(&self, sheet: &SheetUnderCheck, out: &mut SheetReporter) {
        for block in sheet
            .spec
            .blocks
            .iter()
            .filter(|b| b.layout.name() == KIND.name)
        {
            let tables: Vec<&BlockRead> = sheet.read.block(&block.id).collect();
            numbering(&tables, out);
            years(&tables, out);
            for t in &tables {
                marks(sheet, t, out);
            }
        }
    }
}

/// Per heading, the items' numbers run 1..n across the tables under it.
fn numbering(tables: &[&BlockRead], out: &mut SheetReporter) {
    let mut heading: Option<&str> = None;
    let mut expected = 1u64;
    for t in tables {
        let h = t.heading.as_deref().unwrap_or("");
        if heading != Some(h) {
            heading = Some(h);
            expected = 1;
        }
        for rec in &t.records {
            let found: u64 = rec.key.parse().unwrap_or(0);
            if found != expected {
                let m = Message::new(&NUMBERING_GAP.message)
                    .arg("found", rec.key.clone())
                    .arg("expected", expected as f64)
                    .arg(
                        "heading",
                        if h.is_empty() {
                            crate::i18n::Arg::words("この表", "this table")
                        } else {
                            crate::i18n::Arg::Text(h.to_string())
                        },
                    );
                let f = out.push(&NUMBERING_GAP, rec.pos, m);
                f.expected = Some(expected.to_string());
                f.actual = Some(rec.key.clone());
            }
            expected = found.max(expected) + 1;
        }
    }
}

fn years(tables: &[&BlockRead], out: &mut SheetReporter) {
    let Some(first) = tables.iter().find(|t| !t.periods.is_empty()) else {
        return;
    };
    let show = |t: &BlockRead| {
        t.periods
            .iter()
            .map(|p| p.raw.trim().to_string())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let of = |t: &BlockRead| t.periods.iter().map(|p| p.period()).collect::<Vec<_>>();
    for t in tables.iter().filter(|t| !t.periods.is_empty()) {
        if of(t) != of(first) {
            let m = Message::new(&PLAN_YEARS_DIFFER.message)
                .arg("header", show(t))
                .arg("first", show(first));
            out.push(&PLAN_YEARS_DIFFER, t.periods[0].header_pos, m);
        }
    }
}

fn marks(sheet: &SheetUnderCheck, t: &BlockRead, out: &mut SheetReporter) {
    for o in sheet.read.in_block(&t.block, t.instance) {
        let Some(rec) = o.record.as_deref().and_then(|k| t.record(k)) else {
            continue;
        };
        let steps = rec
            .attrs
            .get("steps")
            .map(|s| listed_steps(s))
            .unwrap_or_default();
        let msg = |code: &'static Code| {
            Message::new(&code.message)
                .arg("year", period_arg(o.period))
                .arg("name", rec.name.clone())
        };
        let (code, m) = match (&o.value, o.measure.as_str()) {
            (Value::Number(n), STEP) if !steps.is_empty() && !steps.contains(&(*n as u32)) => {
                let listed: String = steps
                    .iter()
                    .filter_map(|k| {
                        crate::extract::layout::schedule_grid::STEP_MARKS
                            .chars()
                            .nth(*k as usize - 1)
                    })
                    .collect();
                (
                    &STEP_NOT_LISTED,
                    msg(&STEP_NOT_LISTED)
                        .arg("mark", o.raw.trim())
                        .arg("steps", listed),
                )
            }
            (Value::Text(_), CONTINUED) => (&ARROW_WITHOUT_STEP, msg(&ARROW_WITHOUT_STEP)),
            (Value::Text(t), STEP) => (&SCHEDULE_TEXT, msg(&SCHEDULE_TEXT).arg("text", t.clone())),
            _ => continue,
        };
        let f = out.push(code, o.pos, m);
        f.field = Some(o.key());
        f.fiscal_year = o.fiscal_year().map(|y| y.0);
        f.actual = Some(o.raw.clone());
    }
}
