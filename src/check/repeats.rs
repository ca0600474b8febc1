//! 再掲: an item marked as a repeat of another (`（再掲「取り組み事項1」）`) must equal its original
//! in every cell: the same fields and the same value in every year of every row. A repeat
//! edited on one page and not the other is the mistake this finds.

use super::rule::{period_arg, Code, SheetReporter, SheetRule, SheetUnderCheck};
use crate::extract::{BlockRead, Observation, RecordRead};
use crate::finding::column_letters;
use crate::finding::Severity::{Error, Info};
use crate::i18n::{Arg, Message, Text};

pub static REPEAT_DIFFERS: Code = Code {
    id: "repeat-differs",
    severity: Error,
    summary: Text {
        ja: "再掲の項目が元の項目と違う",
        en: "a repeated item (再掲) that differs from its original",
    },
    message: Text {
        ja: "「{name}」は{original}の再掲ですが、{label}が違います（こちら「{this}」、元 {cell}「{other}」）",
        en: "\"{name}\" repeats {original}, but its {label} differs (here \"{this}\", original at {cell} \"{other}\")",
    },
};
pub static REPEAT_ORIGINAL_MISSING: Code = Code {
    id: "repeat-original-missing",
    severity: Info,
    summary: Text {
        ja: "再掲の元の項目がこのシートにない（照合していません）",
        en: "the original of a repeated item is not on this sheet (not compared)",
    },
    message: Text {
        ja: "「{name}」は{original}の再掲ですが、元の項目がこのシートにないため照合していません",
        en: "\"{name}\" repeats {original}, which is not on this sheet, so the two were not compared",
    },
};

pub static CODES: &[&Code] = &[&REPEAT_DIFFERS, &REPEAT_ORIGINAL_MISSING];

pub struct Repeats;

impl SheetRule for Repeats {
    fn codes(&self) -> &'static [&'static Code] {
        CODES
    }
    fn check(&self, sheet: &SheetUnderCheck, out: &mut SheetReporter) {
        let read = sheet.read;
        for b in &read.blocks {
            let Some(block) = sheet.spec.block(&b.block) else {
                continue;
            };
            for rec in &b.records {
                let Some(of) = rec.attrs.get("repeat_of") else {
                    continue;
                };
                // The original's record of the same place (`1` for `9`, `1-2` for `9-2`).
                let suffix = rec.key.split_once('-').map(|(_, s)| s);
                let wanted = match suffix {
                    Some(s) => format!("{of}-{s}"),
                    None => of.clone(),
                };
                let original_words = Arg::Words {
                    ja: format!("{}{of}", block.label),
                    en: format!("{} {of}", block.label_en),
                };
                let found = read.block(&b.block).find_map(|ob| {
                    let r = ob.record(&wanted)?;
                    (ob.instance != b.instance).then_some((ob, r))
                });
                let Some((ob, orig)) = found else {
                    if suffix.is_none() {
                        let m = Message::new(&REPEAT_ORIGINAL_MISSING.message)
                            .arg("name", rec.name.clone())
                            .arg("original", original_words);
                        out.push(&REPEAT_ORIGINAL_MISSING, rec.pos, m);
                    }
                    continue;
                };
                compare(sheet, block, (b, rec), (ob, orig), original_words, out);
            }
        }
    }
}

/// Reports the first difference of the repeat from its original: a field, then a value.
fn compare(
    sheet: &SheetUnderCheck,
    block: &crate::form::Block,
    (b, rec): (&BlockRead, &RecordRead),
    (ob, orig): (&BlockRead, &RecordRead),
    original: Arg,
    out: &mut SheetReporter,
) {
    let report = |out: &mut SheetReporter,
                  pos: (u32, u32),
                  label: Arg,
                  this: &str,
                  other: &str,
                  other_pos: (u32, u32),
                  field: String| {
        let cell = format!("{}{}", column_letters(other_pos.1), other_pos.0 + 1);
        let m = Message::new(&REPEAT_DIFFERS.message)
            .arg("name", rec.name.clone())
            .arg("original", original.clone())
            .arg("label", label)
            .arg("this", this)
            .arg("cell", cell)
            .arg("other", other);
        let f = out.push(&REPEAT_DIFFERS, pos, m);
        f.field = Some(field);
        f.actual = Some(this.to_string());
        f.expected = Some(other.to_string());
    };
    if rec.name != orig.name {
        let label = Arg::words("名称", "name");
        let field = format!("{}.{}", block.id, rec.key);
        return report(out, rec.pos, label, &rec.name, &orig.name, orig.pos, field);
    }
    for col in block.layout.columns() {
        let (a, o) = (rec.attrs.get(&col.key), orig.attrs.get(&col.key));
        if a != o {
            let pos = rec.attr_pos.get(&col.key).copied().unwrap_or(rec.pos);
            let opos = orig.attr_pos.get(&col.key).copied().unwrap_or(orig.pos);
            let field = format!("{}.{}.{}", block.id, rec.key, col.key);
            let (a, o) = (a.map_or("", |s| s), o.map_or("", |s| s));
            return report(out, pos, col.words(), a, o, opos, field);
        }
    }
    let (mine, theirs) = (
        record_values(sheet, b, &rec.key),
        record_values(sheet, ob, &orig.key),
    );
    for o in &mine {
        let twin = theirs
            .iter()
            .find(|t| t.measure == o.measure && t.period == o.period && t.phase == o.phase);
        let (other, other_pos) = match twin {
            Some(t) => (t.raw.trim(), t.pos),
            None => ("", orig.pos),
        };
        if o.raw.trim() != other {
            let label = match block.layout.cell_row(block, o) {
                Some(row) => Arg::Words {
                    ja: format!("{}の{}", period_words(o, true), row.label),
                    en: format!("{} for {}", row.label_en, period_words(o, false)),
                },
                None => Arg::Text(o.measure.clone()),
            };
            return report(out, o.pos, label, o.raw.trim(), other, other_pos, o.key());
        }
    }
}

fn record_values<'a>(
    sheet: &'a SheetUnderCheck,
    b: &'a BlockRead,
    key: &'a str,
) -> Vec<&'a Observation> {
    sheet
        .read
        .in_block(&b.block, b.instance)
        .filter(|o| o.record.as_deref() == Some(key))
        .collect()
}

fn period_words(o: &Observation, ja: bool) -> String {
    let arg = period_arg(o.period);
    arg.render(if ja {
        crate::i18n::Lang::Ja
    } else {
        crate::i18n::Lang::En
    })
}
