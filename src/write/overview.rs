//! 概要, the first sheet of report.xlsx: what a 課長 reads before any finding — the run's
//! title, year, date and folder, the totals, and every 課 of the list with its state
//! (提出済 / エラーあり / 未提出).

use super::print::{page_furniture, RunContext};
use super::report::{header_format, severity_format, wrap_format};
use crate::finding::Severity;
use crate::i18n::Lang;
use crate::outcome::{FileOutcome, ProjectStatus, Status, Totals};
use rust_xlsxwriter::{Color, Format, FormatAlign, Worksheet, XlsxError};
use std::collections::BTreeMap;

/// Where a 課 stands in this run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Submission {
    /// Files in, none with an error.
    Submitted,
    /// Files in, at least one with an error or not readable.
    WithErrors,
    /// On the list, no file in.
    Missing,
}

impl Submission {
    pub fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Submission::Submitted, Lang::Ja) => "提出済",
            (Submission::WithErrors, Lang::Ja) => "エラーあり",
            (Submission::Missing, Lang::Ja) => "未提出",
            (Submission::Submitted, Lang::En) => "submitted",
            (Submission::WithErrors, Lang::En) => "with errors",
            (Submission::Missing, Lang::En) => "not submitted",
        }
    }
}

/// One 課 of the overview's table.
#[derive(Debug, Clone, PartialEq)]
pub struct DepartmentState {
    pub name: String,
    /// On the department list (a 課 found only in the files is shown as not on it).
    pub listed: bool,
    pub state: Submission,
    pub files: usize,
    pub projects: usize,
    pub errors: usize,
    pub warnings: usize,
}

/// Every 課 of the list in its order, then those found in the files but not on the list, then
/// files no 課 could be given to.
pub fn department_states(outcomes: &[FileOutcome], ctx: &RunContext) -> Vec<DepartmentState> {
    let unknown = crate::i18n::Ui::UnknownDepartment.text(ctx.lang);
    let mut found: BTreeMap<String, DepartmentState> = BTreeMap::new();
    let blank = |name: &str| DepartmentState {
        name: name.to_string(),
        listed: false,
        state: Submission::Submitted,
        files: 0,
        projects: 0,
        errors: 0,
        warnings: 0,
    };
    for o in outcomes.iter().filter(|o| o.status != Status::Ignored) {
        let name = o.department.as_deref().unwrap_or(unknown);
        let e = found.entry(name.to_string()).or_insert_with(|| blank(name));
        e.files += 1;
        e.errors += o.errors;
        e.warnings += o.warnings;
        if matches!(o.status, Status::Rejected | Status::WithErrors) {
            e.state = Submission::WithErrors;
        }
        // An export's rows belong to many 課: each row counts for its own.
        for p in &o.projects {
            let d = p.department.as_deref().unwrap_or(name);
            let e = found.entry(d.to_string()).or_insert_with(|| blank(d));
            e.projects += 1;
            if p.status == ProjectStatus::Errors {
                e.state = Submission::WithErrors;
            }
        }
    }
    let mut out = Vec::new();
    if let Some(list) = ctx.departments {
        for n in &list.names {
            let mut s = found.remove(n).unwrap_or_else(|| DepartmentState {
                state: Submission::Missing,
                ..blank(n)
            });
            s.listed = true;
            out.push(s);
        }
    }
    let unplaced = found.remove(unknown);
    out.extend(found.into_values().map(|mut s| {
        s.listed = ctx.departments.is_none();
        s
    }));
    out.extend(unplaced);
    out
}

/// Writes 概要.
pub fn overview_sheet(
    ws: &mut Worksheet,
    outcomes: &[FileOutcome],
    totals: &Totals,
    ctx: &RunContext,
) -> Result<(), XlsxError> {
    let lang = ctx.lang;
    let t = |ja: &'static str, en: &'static str| match lang {
        Lang::Ja => ja,
        Lang::En => en,
    };
    let title = match ctx.stamp.year_text(lang) {
        Some(y) => format!(
            "{y} {}",
            t("評価シート 点検結果", "evaluation workbooks: check report")
        ),
        None => t("評価シート 点検結果", "Evaluation workbooks: check report").to_string(),
    };
    let bold = Format::new().set_bold();
    let title_format = bold.clone().set_font_size(16);
    let label = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xF2F2F2))
        .set_align(FormatAlign::Top);
    let top = Format::new().set_align(FormatAlign::Top);
    let wrap = wrap_format();
    ws.write_string_with_format(0, 0, &title, &title_format)?;
    ws.set_row_height(0, 26)?;

    let year = ctx
        .stamp
        .year_text(lang)
        .unwrap_or_else(|| t("指定なし", "not given").to_string());
    let listed = ctx.departments.map(|l| l.names.len()).unwrap_or(0);
    let facts: Vec<(&str, String)> = vec![
        (t("対象年度", "fiscal year"), year),
        (t("作成日時", "made"), ctx.stamp.date_time_text(lang)),
        (t("読み込んだもの", "read from"), ctx.inputs_text()),
        (
            t("課の一覧", "department list"),
            match (ctx.departments.is_some(), lang) {
                (true, Lang::Ja) => format!("{listed} 課"),
                (true, Lang::En) => format!("{listed} departments"),
                (false, Lang::Ja) => {
                    "なし（--departments か hyoka.toml で渡すと未提出の課が分かります）".into()
                }
                (false, Lang::En) => {
                    "none (give --departments or hyoka.toml to see who has not sent)".into()
                }
            },
        ),
        (
            t("作成", "made by"),
            format!("hyoka {}", env!("CARGO_PKG_VERSION")),
        ),
    ];
    let mut r = 2u32;
    for (k, v) in &facts {
        ws.write_string_with_format(r, 0, *k, &label)?;
        ws.merge_range(r, 1, r, 5, v, &wrap)?;
        r += 1;
    }

    // Files by status, findings by severity: two small tables side by side.
    r += 1;
    let hf = header_format();
    ws.write_string_with_format(r, 0, t("ファイル", "files"), &hf)?;
    ws.write_string_with_format(r, 1, t("件数", "count"), &hf)?;
    ws.write_string_with_format(r, 3, t("指摘", "findings"), &hf)?;
    ws.write_string_with_format(r, 4, t("件数", "count"), &hf)?;
    let warned = outcomes
        .iter()
        .filter(|o| o.status == Status::Clean && o.warnings > 0)
        .count();
    let file_rows: Vec<(&str, usize, Option<Format>)> = vec![
        (
            t("受理", "accepted"),
            totals.clean - warned,
            Some(Format::new().set_background_color(Color::RGB(0xE2EFDA))),
        ),
        (
            t("警告あり", "with warnings"),
            warned,
            Some(severity_format(Severity::Warning)),
        ),
        (
            t("エラーあり", "with errors"),
            totals.with_errors,
            Some(severity_format(Severity::Error)),
        ),
        (
            t("読めず・様式なし", "unreadable or no form"),
            totals.rejected,
            Some(severity_format(Severity::Error)),
        ),
        (t("対象外", "ignored"), totals.ignored, None),
        (t("計", "total"), totals.files, Some(bold.clone())),
    ];
    let finding_rows: Vec<(&str, usize, Option<Format>)> = vec![
        (
            t("エラー", "errors"),
            totals.errors,
            Some(severity_format(Severity::Error)),
        ),
        (
            t("警告", "warnings"),
            totals.warnings,
            Some(severity_format(Severity::Warning)),
        ),
        (
            t("情報", "info"),
            totals.infos,
            Some(severity_format(Severity::Info)),
        ),
    ];
    // The two small tables, side by side: a label (coloured as its state) and a count.
    let first = r + 1;
    for (col, rows) in [(0u16, &file_rows), (3, &finding_rows)] {
        for (i, (k, n, f)) in rows.iter().enumerate() {
            let row = first + i as u32;
            match f {
                Some(f) => ws.write_string_with_format(row, col, *k, f)?,
                None => ws.write_string(row, col, *k)?,
            };
            ws.write_number_with_format(row, col + 1, *n as f64, &top)?;
        }
    }
    r = first + file_rows.len().max(finding_rows.len()) as u32 + 1;

    // Every 課 with its state.
    ws.write_string_with_format(r, 0, t("課ごとの提出状況", "by department"), &bold)?;
    r += 1;
    let headers = [
        t("課名", "department"),
        t("状況", "state"),
        t("ファイル", "files"),
        t("事業・シート", "sheets"),
        t("エラー", "errors"),
        t("警告", "warnings"),
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *h, &hf)?;
    }
    let header_row = r;
    r += 1;
    let states = department_states(outcomes, ctx);
    let missing = Format::new().set_background_color(Color::RGB(0xD9D9D9));
    for s in &states {
        let name = if s.listed {
            s.name.clone()
        } else {
            format!("{}{}", s.name, t("（一覧外）", " (not listed)"))
        };
        ws.write_string_with_format(r, 0, &name, &top)?;
        let f = match s.state {
            Submission::Submitted => Format::new().set_background_color(Color::RGB(0xE2EFDA)),
            Submission::WithErrors => severity_format(Severity::Error),
            Submission::Missing => missing.clone(),
        };
        ws.write_string_with_format(r, 1, s.state.text(lang), &f)?;
        for (c, n) in [s.files, s.projects, s.errors, s.warnings]
            .into_iter()
            .enumerate()
        {
            ws.write_number_with_format(r, 2 + c as u16, n as f64, &top)?;
        }
        r += 1;
    }
    let counts: Vec<String> = [
        Submission::Submitted,
        Submission::WithErrors,
        Submission::Missing,
    ]
    .iter()
    .filter(|k| ctx.departments.is_some() || **k != Submission::Missing)
    .map(|k| {
        let n = states.iter().filter(|s| s.state == *k).count();
        format!("{} {n}", k.text(lang))
    })
    .collect();
    ws.merge_range(
        r,
        0,
        r,
        5,
        &format!("{}{}", t("計: ", "in all: "), counts.join(t("、", ", "))),
        &bold,
    )?;

    for (c, w) in [22.0, 12.0, 9.0, 11.0, 9.0, 9.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_paper_size(9);
    ws.set_portrait();
    ws.set_margins(0.6, 0.6, 0.7, 0.7, 0.3, 0.3);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(header_row, header_row)?;
    page_furniture(ws, super::report::report_title(lang), &ctx.stamp, lang)
}
