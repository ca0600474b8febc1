//! Checks across two years (`hyoka audit`): every file may be right on its own while the
//! years contradict each other. Projects are matched by their number, then by name, through
//! the declared renames; each finding stands at this year's cell, with last year's source.

use super::rule::Code;
use crate::extract::{Observation, Period, Phase, Value};
use crate::finding::{a1, Finding, PriorCell, Severity};
use crate::form::{FormSpec, GradeAt};
use crate::i18n::{Arg, Message, Text};
use crate::normalise::FiscalYear;
use crate::outcome::{FileOutcome, Project};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

pub static PRIOR_FIGURE_CHANGED: Code = Code {
    id: "prior-figure-changed",
    severity: Severity::Error,
    summary: Text {
        ja: "前年度に報告した年度の数値が、今年度のシートで変わっている",
        en: "a figure for a year already reported differs from last year's report",
    },
    message: Text {
        ja: "{year}の{label}が前年度の報告（{previous}、{source}）と違います（今年度 {value}）",
        en: "{label} for {year} differs from last year's report ({previous}, {source}); this year {value}",
    },
};
pub static TARGET_CHANGED: Code = Code {
    id: "target-changed",
    severity: Severity::Warning,
    summary: Text {
        ja: "過ぎた年度の目標・計画が前年度の報告から変わっている",
        en: "a target for a year already reported was changed afterwards",
    },
    message: Text {
        ja: "{year}の{label}（目標・計画）が前年度の報告（{previous}、{source}）から変わっています（今年度 {value}）。過ぎた年度の目標は後から変えません",
        en: "the target {label} for {year} was {previous} in last year's report ({source}) and is {value} now; targets of past years are not changed afterwards",
    },
};
pub static COST_JUMP: Code = Code {
    id: "cost-jump",
    severity: Severity::Warning,
    summary: Text {
        ja: "トータルコストが前年度から大きく増減した",
        en: "the total cost rose or fell sharply from last year",
    },
    message: Text {
        ja: "{label}が前年度の {ratio} 倍です（{previous_year} {previous} → {year} {value}）。理由を備考に書いてください",
        en: "{label} is {ratio} times last year's ({previous_year} {previous} → {year} {value}); give the reason in the remarks",
    },
};
pub static PROJECT_VANISHED: Code = Code {
    id: "project-vanished",
    severity: Severity::Warning,
    summary: Text {
        ja: "前年度の事業が今年度の提出になく、廃止・統合などの理由もない",
        en: "last year's project is not in this year's submission and no reason is given",
    },
    message: Text {
        ja: "前年度の「{name}」（{id}、{source}）が今年度の提出にありません。廃止・統合・終了の記載もありません",
        en: "last year's \"{name}\" ({id}, {source}) is not in this year's submission, and no end, merger or abolition is written",
    },
};
pub static PROJECT_APPEARED: Code = Code {
    id: "project-appeared",
    severity: Severity::Warning,
    summary: Text {
        ja: "前年度の提出にない事業で、新規などの記載もない",
        en: "a project not in last year's submission, not marked as new",
    },
    message: Text {
        ja: "「{name}」（{id}）は前年度の提出にありません。新規事業なら新規と書き、番号や名称を変えたなら設定の audit.renamed に書いてください",
        en: "\"{name}\" ({id}) is not in last year's submission; mark a new project as 新規, or declare a renumbering in audit.renamed",
    },
};
pub static GRADE_CHANGED_FIGURES_SAME: Code = Code {
    id: "grade-changed-figures-same",
    severity: Severity::Warning,
    summary: Text {
        ja: "達成度が前年度と同じなのに評価が変わった",
        en: "the grade changed while the achievement stayed the same",
    },
    message: Text {
        ja: "{label}が前年度の {previous} から {value} に変わりましたが、{indicator}の達成度は前年度と同じです（実績 {figure}）",
        en: "{label} changed from {previous} last year to {value}, while the achievement of {indicator} stayed the same (result {figure})",
    },
};
pub static FIGURES_CHANGED_GRADE_SAME: Code = Code {
    id: "figures-changed-grade-same",
    severity: Severity::Info,
    summary: Text {
        ja: "達成度の区分が変わったのに評価が前年度と同じ",
        en: "the achievement moved to another grade band while the grade stayed",
    },
    message: Text {
        ja: "{indicator}の達成度が前年度の{previous}区分から{band}区分に変わりましたが、{label}は前年度と同じ {value} です",
        en: "the achievement of {indicator} moved from band {previous} to band {band}, while {label} stayed {value}",
    },
};
pub static COPIED_SHEET: Code = Code {
    id: "copied-sheet",
    severity: Severity::Warning,
    summary: Text {
        ja: "年度の表示を除き、前年度のシートと同じ内容",
        en: "the sheet is last year's with only the year labels changed",
    },
    message: Text {
        ja: "年度の表示のほかは前年度のシート（{source}）と同じ内容です（数値 {count} か所）。今年度の実績に更新してください",
        en: "apart from its year labels the sheet is last year's ({source}; {count} figures alike); update it with this year's figures",
    },
};

static APPEARED_MARKED: Text = Text {
    ja: "「{name}」（{id}）は前年度の提出にない、新規と記載のある事業です",
    en: "\"{name}\" ({id}) is not in last year's submission and is marked as new",
};
static VANISHED_MARKED: Text = Text {
    ja: "前年度の「{name}」（{id}、{source}）は今年度の提出にありません（前年度のシートに廃止・統合・終了などの記載があります）",
    en: "last year's \"{name}\" ({id}, {source}) is not in this year's submission (last year's sheet says it ends, merges or is abolished)",
};

pub static CODES: &[&Code] = &[
    &PRIOR_FIGURE_CHANGED,
    &TARGET_CHANGED,
    &COST_JUMP,
    &PROJECT_VANISHED,
    &PROJECT_APPEARED,
    &GRADE_CHANGED_FIGURES_SAME,
    &FIGURES_CHANGED_GRADE_SAME,
    &COPIED_SHEET,
];

/// The audit's settings, from `hyoka.toml` or the defaults.
#[derive(Debug, Clone)]
pub struct AuditSettings {
    pub cost_jump_ratio: f64,
    pub tolerance: f64,
    /// Old 事業番号 or name → new.
    pub renamed: BTreeMap<String, String>,
    pub ended_words: Vec<String>,
    pub new_words: Vec<String>,
}

impl Default for AuditSettings {
    fn default() -> Self {
        AuditSettings {
            cost_jump_ratio: 1.5,
            tolerance: 0.0,
            renamed: BTreeMap::new(),
            ended_words: ["廃止", "終了", "統合", "完了", "休止"]
                .map(String::from)
                .to_vec(),
            new_words: ["新規", "統合"].map(String::from).to_vec(),
        }
    }
}

/// How a project of this year was found in last year's submission.
#[derive(Debug, Clone, Serialize)]
pub struct Match {
    pub form: String,
    pub id: String,
    pub name: String,
    pub current: Option<String>,
    pub previous: Option<String>,
    /// `number`, `name`, `renamed`, or `none` (vanished or appeared).
    pub by: &'static str,
}

/// A project as the audit compares it.
struct Entry<'a> {
    project: &'a Project,
    spec: &'a FormSpec,
    id: String,
    name: String,
    year: Option<FiscalYear>,
    abs_path: &'a std::path::Path,
}

fn entries<'a>(outcomes: &'a [FileOutcome], forms: &'a [FormSpec]) -> Vec<Entry<'a>> {
    let mut v = Vec::new();
    for o in outcomes {
        for p in &o.projects {
            let Some(spec) = forms.iter().find(|f| f.form.id == p.form_id) else {
                continue;
            };
            let name = p
                .data
                .field_text(&spec.form.project_name_field)
                .unwrap_or("")
                .trim()
                .to_string();
            v.push(Entry {
                project: p,
                spec,
                id: spec.project_id(&p.data).unwrap_or_default(),
                year: p.data.eval_year(spec).map(|y| y.year),
                name,
                abs_path: &o.abs_path,
            });
        }
    }
    v
}

/// Compares this year's projects with last year's; returns the findings (each to be added to
/// the file it names) and how every project was matched.
pub fn audit(
    previous: &[FileOutcome],
    current: &[FileOutcome],
    forms: &[FormSpec],
    settings: &AuditSettings,
) -> (Vec<Finding>, Vec<Match>) {
    let prev = entries(previous, forms);
    let cur = entries(current, forms);
    let fold = |s: &str| crate::normalise::label_key(s);
    // Last year's projects by form and number, and by form and name; a rename maps last
    // year's number or name to this year's.
    let renamed = |s: &str| settings.renamed.get(s).cloned();
    // A sheet with neither number nor name (a 調書 of items) is the same sheet of the same
    // department and form.
    let place = |e: &Entry| {
        format!(
            "{}\u{1f}{}",
            e.project.department.as_deref().unwrap_or(""),
            e.project.sheet
        )
    };
    type Index<'k> = HashMap<(&'k str, String), Vec<usize>>;
    let (mut by_id, mut by_name, mut by_place): (Index, Index, Index) = Default::default();
    let mut by_name_ka: Index = Default::default();
    // A name with its 課: two 課 may each have a project of one name …
    let name_ka = |e: &Entry, name: &str| {
        format!(
            "{}\u{1f}{}",
            fold(name),
            e.project.department.as_deref().unwrap_or("")
        )
    };
    // … and one 課 may send two sheets of one plan (a 調書 of 計画名 per sheet): with the sheet.
    let mut by_name_sheet: Index = Default::default();
    let name_sheet =
        |e: &Entry, name: &str| format!("{}\u{1f}{}", name_ka(e, name), e.project.sheet);
    for (i, e) in prev.iter().enumerate() {
        let form = e.spec.form.id.as_str();
        let id = renamed(&e.id).unwrap_or_else(|| e.id.clone());
        let name = renamed(&e.name).unwrap_or_else(|| e.name.clone());
        if !id.is_empty() {
            by_id.entry((form, id)).or_default().push(i);
        }
        if !name.is_empty() {
            by_name.entry((form, fold(&name))).or_default().push(i);
            by_name_ka
                .entry((form, name_ka(e, &name)))
                .or_default()
                .push(i);
            by_name_sheet
                .entry((form, name_sheet(e, &name)))
                .or_default()
                .push(i);
        }
        if e.id.is_empty() && e.name.is_empty() {
            by_place.entry((form, place(e))).or_default().push(i);
        }
    }
    // A name (or a name with its 課) that stands more than once in either year names no one
    // project: matching by it could pair projects of different 課 and hide both findings.
    let mut count_cur: HashMap<(&str, String), usize> = HashMap::new();
    for c in &cur {
        if !c.name.is_empty() {
            let form = c.spec.form.id.as_str();
            *count_cur.entry((form, fold(&c.name))).or_default() += 1;
            *count_cur
                .entry((form, format!("ka\u{1f}{}", name_ka(c, &c.name))))
                .or_default() += 1;
            *count_cur
                .entry((form, format!("sheet\u{1f}{}", name_sheet(c, &c.name))))
                .or_default() += 1;
        }
    }
    let unique_now = |form: &str, key: &str| count_cur.get(&(form, key.to_string())) == Some(&1);
    let prev_forms: std::collections::BTreeSet<&str> =
        prev.iter().map(|e| e.spec.form.id.as_str()).collect();
    let mut findings = Vec::new();
    let mut matches = Vec::new();
    let mut matched = vec![false; prev.len()];
    for c in &cur {
        let form = c.spec.form.id.as_str();
        // The first of last year's projects under the key that is not taken yet.
        let free = |index: &Index, key: String, matched: &[bool]| {
            index
                .get(&(form, key))
                .and_then(|v| v.iter().copied().find(|&i| !matched[i]))
        };
        // Last year's one project under a key that names one project in both years.
        let only = |index: &Index, key: String, now: String, matched: &[bool]| {
            let v = index.get(&(form, key))?;
            (v.len() == 1 && !matched[v[0]] && unique_now(form, &now)).then_some(v[0])
        };
        let found = (!c.id.is_empty())
            .then(|| free(&by_id, c.id.clone(), &matched))
            .flatten()
            .map(|i| (i, "number"))
            .or_else(|| {
                (!c.name.is_empty())
                    .then(|| only(&by_name, fold(&c.name), fold(&c.name), &matched))
                    .flatten()
                    .or_else(|| {
                        (!c.name.is_empty())
                            .then(|| {
                                let key = name_ka(c, &c.name);
                                only(&by_name_ka, key.clone(), format!("ka\u{1f}{key}"), &matched)
                            })
                            .flatten()
                    })
                    .or_else(|| {
                        (!c.name.is_empty())
                            .then(|| {
                                let key = name_sheet(c, &c.name);
                                let now = format!("sheet\u{1f}{key}");
                                only(&by_name_sheet, key, now, &matched)
                            })
                            .flatten()
                    })
                    .map(|i| (i, "name"))
            })
            .or_else(|| {
                (c.id.is_empty() && c.name.is_empty())
                    .then(|| free(&by_place, place(c), &matched))
                    .flatten()
                    .map(|i| (i, "sheet"))
            });
        let found = found.map(|(i, by)| {
            let was_renamed = settings.renamed.contains_key(&prev[i].id)
                || settings.renamed.contains_key(&prev[i].name);
            (i, if was_renamed { "renamed" } else { by })
        });
        matches.push(Match {
            form: form.to_string(),
            id: c.id.clone(),
            name: c.name.clone(),
            current: Some(format!("{} / {}", c.project.file, c.project.sheet)),
            previous: found
                .map(|(i, _)| format!("{} / {}", prev[i].project.file, prev[i].project.sheet)),
            by: found.map(|(_, by)| by).unwrap_or("none"),
        });
        match found {
            Some((i, _)) => {
                matched[i] = true;
                compare(&prev[i], c, settings, &mut findings);
            }
            // A form last year's submission has no sheet of says nothing of new projects. A
            // project the sheet marks as new is listed as information.
            None if prev_forms.contains(form) => {
                let marked = mentions(c, &settings.new_words);
                let text = if marked {
                    &APPEARED_MARKED
                } else {
                    &PROJECT_APPEARED.message
                };
                let m = Message::new(text)
                    .arg("name", c.name.clone())
                    .arg("id", c.id.clone());
                let pos = id_cell(c);
                let mut f = at(c, &PROJECT_APPEARED, m, pos, None);
                if marked {
                    f.severity = Severity::Info;
                }
                findings.push(f);
            }
            None => {}
        }
    }
    for (_, p) in prev.iter().enumerate().filter(|(i, _)| !matched[*i]) {
        matches.push(Match {
            form: p.spec.form.id.clone(),
            id: p.id.clone(),
            name: p.name.clone(),
            current: None,
            previous: Some(format!("{} / {}", p.project.file, p.project.sheet)),
            by: "none",
        });
        let marked = mentions(p, &settings.ended_words);
        let text = if marked {
            &VANISHED_MARKED
        } else {
            &PROJECT_VANISHED.message
        };
        let m = Message::new(text)
            .arg("name", p.name.clone())
            .arg("id", p.id.clone())
            .arg("source", source(p, id_cell(p)));
        // Nothing of this year to point at: the finding stands at last year's cell.
        let pos = id_cell(p);
        let mut f = at(p, &PROJECT_VANISHED, m, pos, None);
        f.previous = Some(Box::new(prior(p, pos, None)));
        if marked {
            f.severity = Severity::Info;
        }
        findings.push(f);
    }
    (findings, matches)
}

/// A field of the sheet (its 今後の方向性, 備考, 事業期間) holds one of the words; its number,
/// name and 課 do not count (`施設統合推進事業` is not a merger).
fn mentions(e: &Entry, words: &[String]) -> bool {
    let form = &e.spec.form;
    let roles = [
        &form.project_id_field,
        &form.project_name_field,
        &form.department_field,
        &form.eval_year_field,
    ];
    e.project
        .data
        .fields
        .iter()
        .filter(|(k, _)| !roles.contains(k))
        .any(|(_, f)| words.iter().any(|w| f.raw.contains(w.as_str())))
}

fn id_cell(e: &Entry) -> (u32, u32) {
    e.project
        .data
        .fields
        .get(&e.spec.form.project_id_field)
        .or_else(|| e.project.data.fields.get(&e.spec.form.project_name_field))
        .map(|f| f.value_pos)
        .unwrap_or(e.project.data.title_pos)
}

fn source(e: &Entry, pos: (u32, u32)) -> String {
    format!(
        "{} / {} {}",
        e.project.file,
        e.project.sheet,
        a1(pos.0, pos.1)
    )
}

fn prior(e: &Entry, pos: (u32, u32), value: Option<String>) -> PriorCell {
    PriorCell {
        file: e.project.file.clone(),
        sheet: e.project.sheet.clone(),
        cell: a1(pos.0, pos.1),
        value,
        abs_path: e.abs_path.to_path_buf(),
    }
}

fn at(e: &Entry, code: &'static Code, m: Message, pos: (u32, u32), field: Option<&str>) -> Finding {
    let mut f = Finding::new(
        e.spec.severity_of(code.id, code.severity),
        code.id,
        &e.project.file,
        m,
    );
    f.sheet = Some(e.project.sheet.clone());
    f.cell = Some(a1(pos.0, pos.1));
    f.position = Some(pos);
    f.sheet_index = e.project.sheet_index;
    if let Some(k) = field {
        f.field = Some(k.to_string());
        f.field_label = super::rule::label_of_key(e.spec, k);
    }
    f
}

/// The same value of one measure, year and phase in both years.
type ObsKey = (String, u32, Period, Option<Phase>);

fn numbers<'a>(e: &Entry<'a>) -> HashMap<ObsKey, &'a Observation> {
    e.project
        .data
        .observations
        .iter()
        .filter(|o| matches!(o.value, Value::Number(_)))
        .filter_map(|o| Some(((o.key(), o.instance, o.period?, o.phase), o)))
        .collect()
}

fn compare(p: &Entry, c: &Entry, s: &AuditSettings, out: &mut Vec<Finding>) {
    // Without the years of both sheets (a plan's 達成目標), only targets are compared: a
    // plan's target does not change between its reports, whatever their years.
    let years = p.year.zip(c.year);
    if years.is_some_and(|(py, cy)| cy <= py) {
        return;
    }
    let prev = numbers(p);
    let cur = numbers(c);
    // A copied sheet is the one finding: its shifted figures would each differ from last year.
    if years.is_some() && copied(p, c, &prev, &cur, out) {
        return;
    }
    let show = crate::normalise::plain_number;
    // Figures of years last year's sheet already reported: results may not move, targets of
    // past years may not be rewritten.
    let mut keys: Vec<&ObsKey> = cur.keys().collect();
    keys.sort();
    for k in keys {
        let o = cur[k];
        let Some(po) = prev.get(k) else { continue };
        let Some(year) = o.period.and_then(Period::fiscal) else {
            continue;
        };
        // Results of the years last year reported; targets of every year both sheets give
        // (this year's target was set last year, a plan's target year stays put): a target is
        // not rewritten once set.
        let target = matches!(o.phase, Some(Phase::Target) | Some(Phase::Plan));
        let compared = match years {
            Some((py, _)) => year <= py || target,
            None => target,
        };
        if !compared {
            continue;
        }
        let (Some(v), Some(pv)) = (o.value.number(), po.value.number()) else {
            continue;
        };
        if (v - pv).abs() <= s.tolerance {
            continue;
        }
        // A row the form works out follows the figures it is made of: those are reported.
        let derived = c
            .spec
            .block(&o.block)
            .and_then(|b| b.layout.cell_row(b, o))
            .is_some_and(|r| r.formula.is_some());
        if derived {
            continue;
        }
        let code = match o.phase {
            Some(Phase::Actual) | Some(Phase::Settled) => &PRIOR_FIGURE_CHANGED,
            Some(Phase::Target) | Some(Phase::Plan) => &TARGET_CHANGED,
            // A budget is revised through the year; a figure with no phase is not a report.
            _ => continue,
        };
        let key = o.key();
        let label = super::rule::label_of_key(c.spec, &key).unwrap_or(Arg::Text(key.clone()));
        let m = Message::new(&code.message)
            .arg("year", Arg::Year(year))
            .arg("label", label)
            .arg("previous", Arg::Number(pv))
            .arg("value", Arg::Number(v))
            .arg("source", source(p, po.pos));
        let mut f = at(c, code, m, o.pos, Some(&key));
        f.fiscal_year = Some(year.0);
        f.expected = Some(show(pv));
        f.actual = Some(show(v));
        f.previous = Some(Box::new(prior(p, po.pos, Some(show(pv)))));
        out.push(f);
    }
    if let Some((py, cy)) = years {
        cost_jump(p, c, py, cy, s, out);
        grades(p, c, py, cy, out);
    }
}

/// The form's total for the evaluation year, against last year's for its own.
fn cost_jump(
    p: &Entry,
    c: &Entry,
    py: FiscalYear,
    cy: FiscalYear,
    s: &AuditSettings,
    out: &mut Vec<Finding>,
) {
    let Some((_, key)) = c.spec.total_row() else {
        return;
    };
    fn total<'a>(e: &Entry<'a>, key: &str, y: FiscalYear) -> Option<&'a Observation> {
        e.project.data.observations.iter().find(|o| {
            o.key() == key && o.period == Some(Period::Fiscal(y)) && o.value.number().is_some()
        })
    }
    let total = |e, y| total(e, key, y);
    let (Some(po), Some(o)) = (total(p, py), total(c, cy)) else {
        return;
    };
    let (pv, v) = (po.value.number().unwrap(), o.value.number().unwrap());
    if pv <= 0.0 || v <= 0.0 {
        return;
    }
    let ratio = v / pv;
    if ratio < s.cost_jump_ratio && ratio > 1.0 / s.cost_jump_ratio {
        return;
    }
    let label = super::rule::label_of_key(c.spec, key).unwrap_or(Arg::Text(key.to_string()));
    let m = Message::new(&COST_JUMP.message)
        .arg("label", label)
        .arg("ratio", format!("{:.2}", ratio))
        .arg("previous_year", Arg::Year(py))
        .arg("year", Arg::Year(cy))
        .arg("previous", Arg::Number(pv))
        .arg("value", Arg::Number(v));
    let mut f = at(c, &COST_JUMP, m, o.pos, Some(key));
    f.fiscal_year = Some(cy.0);
    f.expected = Some(crate::normalise::plain_number(pv));
    f.actual = Some(crate::normalise::plain_number(v));
    f.previous = Some(Box::new(prior(
        p,
        po.pos,
        Some(crate::normalise::plain_number(pv)),
    )));
    out.push(f);
}

/// A grade field judged by one indicator: the grade moved while the result stayed, or the
/// result moved into another band while the grade stayed.
fn grades(p: &Entry, c: &Entry, py: FiscalYear, cy: FiscalYear, out: &mut Vec<Finding>) {
    for gc in &c.spec.grade_checks {
        let GradeAt::Field { key, indicator } = &gc.grade else {
            continue;
        };
        let grade = |e: &Entry| {
            e.project
                .data
                .fields
                .get(key)
                .filter(|f| f.present)
                .map(|f| (crate::normalise::fold_identifier(f.raw.trim()), f.value_pos))
        };
        let figure = |e: &Entry, y: FiscalYear, phase: Phase| {
            e.project.data.observations.iter().find_map(|o| {
                (o.block == gc.block
                    && o.record.as_deref() == Some(indicator.to_string().as_str())
                    && o.phase == Some(phase)
                    && o.period == Some(Period::Fiscal(y)))
                .then(|| o.value.number())
                .flatten()
            })
        };
        let (Some((pg, ppos)), Some((cg, cpos))) = (grade(p), grade(c)) else {
            continue;
        };
        // The achievement each year's grade is judged by: the result against its target.
        let rate = |e: &Entry, y: FiscalYear| {
            let a = figure(e, y, Phase::Actual)?;
            let t = figure(e, y, Phase::Target).or_else(|| figure(e, y, Phase::Plan))?;
            (t != 0.0).then_some((a / t, a))
        };
        let (Some((pr, _)), Some((cr, ca))) = (rate(p, py), rate(c, cy)) else {
            continue;
        };
        let indicator_words = c
            .spec
            .block(&gc.block)
            .map(|b| Arg::Words {
                ja: format!("{} {indicator}", b.label),
                en: format!("{} {indicator}", b.label_en),
            })
            .unwrap_or(Arg::Text(indicator.to_string()));
        let label = super::rule::label_of_key(c.spec, key).unwrap_or(Arg::Text(key.clone()));
        if pg != cg && (pr - cr).abs() < 1e-9 {
            let m = Message::new(&GRADE_CHANGED_FIGURES_SAME.message)
                .arg("label", label)
                .arg("previous", pg.clone())
                .arg("value", cg.clone())
                .arg("indicator", indicator_words)
                .arg("figure", Arg::Number(ca));
            let mut f = at(c, &GRADE_CHANGED_FIGURES_SAME, m, cpos, Some(key));
            f.fiscal_year = Some(cy.0);
            f.expected = Some(pg.clone());
            f.actual = Some(cg.clone());
            f.previous = Some(Box::new(prior(p, ppos, Some(pg))));
            out.push(f);
            continue;
        }
        // The band each year's achievement falls in.
        let band = |rate: f64| {
            gc.bands
                .iter()
                .find(|b| b.min.is_none_or(|m| rate >= m))
                .map(|b| b.grade.clone())
        };
        if let (Some(pb), Some(cb)) = (band(pr), band(cr)) {
            if pg == cg && pb != cb {
                let m = Message::new(&FIGURES_CHANGED_GRADE_SAME.message)
                    .arg("label", label)
                    .arg("previous", pb)
                    .arg("band", cb)
                    .arg("indicator", indicator_words)
                    .arg("value", cg.clone());
                let mut f = at(c, &FIGURES_CHANGED_GRADE_SAME, m, cpos, Some(key));
                f.fiscal_year = Some(cy.0);
                f.previous = Some(Box::new(prior(p, ppos, Some(pg))));
                out.push(f);
            }
        }
    }
}

/// Every figure at the same cell as last year's, under other year labels: a copied sheet.
fn copied(
    p: &Entry,
    c: &Entry,
    prev: &HashMap<ObsKey, &Observation>,
    cur: &HashMap<ObsKey, &Observation>,
    out: &mut Vec<Finding>,
) -> bool {
    let at_cell = |m: &HashMap<ObsKey, &Observation>| -> BTreeMap<(u32, u32), f64> {
        m.values()
            .filter_map(|o| Some((o.pos, o.value.number()?)))
            .collect()
    };
    let (a, b) = (at_cell(prev), at_cell(cur));
    // A sheet of a few figures may repeat by chance; a whole table does not.
    if b.len() < 4 || a != b {
        return false;
    }
    let pos = c
        .project
        .data
        .fields
        .get(&c.spec.form.eval_year_field)
        .map(|f| f.value_pos)
        .unwrap_or(c.project.data.title_pos);
    let m = Message::new(&COPIED_SHEET.message)
        .arg(
            "source",
            format!("{} / {}", p.project.file, p.project.sheet),
        )
        .arg("count", b.len().to_string());
    let mut f = at(c, &COPIED_SHEET, m, pos, None);
    f.previous = Some(Box::new(prior(p, pos, None)));
    out.push(f);
    true
}
