//! The text columns of records (戦略該当 `○`, 達成状況 A–D, 単位): in their list of words, and
//! filled where the spec requires them.

use super::fields::{choice_of, CHOICE_INVALID, REQUIRED_MISSING, UNKNOWN_DEPARTMENT};
use super::rule::{Code, SheetReporter, SheetRule, SheetUnderCheck};
use crate::i18n::{Arg, Message};

pub static CODES: &[&Code] = &[&CHOICE_INVALID, &REQUIRED_MISSING, &UNKNOWN_DEPARTMENT];

pub struct Columns;

impl SheetRule for Columns {
    fn codes(&self) -> &'static [&'static Code] {
        CODES
    }
    fn check(&self, sheet: &SheetUnderCheck, out: &mut SheetReporter) {
        for b in &sheet.read.blocks {
            let Some(block) = sheet.spec.block(&b.block) else {
                continue;
            };
            // Every record named, where the layout's name column is required (改革項目).
            if let Some(name_label) = block.layout.required_name() {
                for rec in b.records.iter().filter(|r| r.name.trim().is_empty()) {
                    let label = Arg::Words {
                        ja: format!("No.{}の{name_label}", rec.key),
                        en: format!("{name_label} of No. {}", rec.key),
                    };
                    let pos = rec.attr_pos.get("name").copied().unwrap_or(rec.pos);
                    let m = Message::new(&REQUIRED_MISSING.message).arg("label", label);
                    out.push(&REQUIRED_MISSING, pos, m).field =
                        Some(format!("{}.{}.name", block.id, rec.key));
                }
            }
            for col in block.layout.columns() {
                // Closing rows (その他, 合計) have no attributes.
                for rec in b.records.iter().filter(|r| block.row(&r.key).is_none()) {
                    let Some(&pos) = rec.attr_pos.get(&col.key) else {
                        continue;
                    };
                    let label = Arg::Words {
                        ja: format!("{}の{}", rec.name, col.label),
                        en: format!("{} of \"{}\"", col.label_en, rec.name),
                    };
                    let field = Some(format!("{}.{}.{}", block.id, rec.key, col.key));
                    match rec.attrs.get(&col.key) {
                        None if col.required => {
                            let m = Message::new(&REQUIRED_MISSING.message).arg("label", label);
                            out.push(&REQUIRED_MISSING, pos, m).field = field;
                        }
                        Some(t)
                            if !col.choices.is_empty() && choice_of(t, &col.choices).is_none() =>
                        {
                            let m = Message::new(&CHOICE_INVALID.message)
                                .arg("label", label)
                                .arg("allowed", col.choices.join(" / "));
                            let f = out.push(&CHOICE_INVALID, pos, m);
                            f.field = field;
                            f.actual = Some(t.clone());
                        }
                        Some(t) if col.department => {
                            let Some(list) = &sheet.config.departments else {
                                continue;
                            };
                            for name in list.names_in(t) {
                                if list.resolve(&name).is_none() {
                                    let m = Message::new(&UNKNOWN_DEPARTMENT.message)
                                        .arg("label", label.clone())
                                        .arg("name", name);
                                    let f = out.push(&UNKNOWN_DEPARTMENT, pos, m);
                                    f.field = field.clone();
                                    f.actual = Some(t.clone());
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }
}
