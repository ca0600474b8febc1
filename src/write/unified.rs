//! The unified workbook: submission status, project list, long table and a per-department
//! summary with live formulas. Every row carries its source file, sheet and cell.

use super::report::{header_row, status_word};
use super::save_workbook;
use crate::consolidate::{department_totals, project_rows, total_years, LongRow};
use crate::finding::column_letters;
use crate::i18n::Lang;
use crate::pipeline::{FileOutcome, ProjectStatus};
use crate::read::grid::format_number;
use crate::spec::FormSpec;
use rust_xlsxwriter::{Format, Formula, Workbook};
use std::path::Path;

const NUMBER_FORMAT: &str = "#,##0;△#,##0";

pub const SHEET_STATUS: &str = "提出状況";
pub const SHEET_PROJECTS: &str = "事業一覧";
pub const SHEET_LONG: &str = "明細";
pub const SHEET_SUMMARY: &str = "部課別集計";

/// 明細's captions, one per column of `LONG_COLUMNS` (the CSV's names).
const LONG_CAPTIONS: &[&str] = &[
    "課名",
    "番号",
    "様式",
    "表",
    "見出し",
    "項目",
    "指標",
    "年度",
    "区分",
    "値",
    "単位",
    "ファイル",
    "シート",
    "セル",
    "状態",
];

/// Columns a person reads at a glance: a CJK character counts two.
fn display_width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Each column as wide as its widest text, within reason (long file names are cut at 50).
fn fit_columns(
    ws: &mut rust_xlsxwriter::Worksheet,
    widths: &[usize],
) -> Result<(), rust_xlsxwriter::XlsxError> {
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w + 2).clamp(6, 50) as f64)?;
    }
    Ok(())
}

/// The 状態 of a project with errors in the council book (the formulas of 部課別集計 test it).
const ERRORS: &str = "エラーあり";

pub fn write_unified(
    path: &Path,
    outcomes: &[FileOutcome],
    forms: &[FormSpec],
    long: &[LongRow],
    lang: Lang,
) -> anyhow::Result<()> {
    let mut wb = Workbook::new();
    let num = Format::new().set_num_format(NUMBER_FORMAT);
    let error_fill = Format::new().set_background_color(rust_xlsxwriter::Color::RGB(0xFFC7CE));
    let warning_fill = Format::new().set_background_color(rust_xlsxwriter::Color::RGB(0xFFEB9C));
    let num_error = num
        .clone()
        .set_background_color(rust_xlsxwriter::Color::RGB(0xFFC7CE));
    let plain = Format::new();

    // 提出状況: every file.
    let ws = wb.add_worksheet();
    ws.set_name(SHEET_STATUS)?;
    let headers = [
        "ファイル",
        "課名",
        "様式",
        "状態",
        "理由",
        "シート数",
        "エラー",
        "警告",
        "情報",
    ];
    header_row(ws, &headers, outcomes.len() as u32)?;
    for (i, o) in outcomes.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, &o.path)?;
        ws.write_string(r, 1, o.department.as_deref().unwrap_or(""))?;
        ws.write_string(r, 2, o.form.as_deref().unwrap_or(""))?;
        ws.write_string(r, 3, status_word(o, lang))?;
        let reason = o
            .reason_message
            .as_ref()
            .map(|m| m.render(lang))
            .unwrap_or_default();
        ws.write_string(r, 4, &reason)?;
        for (c, n) in [
            (5u16, o.sheets),
            (6, o.errors),
            (7, o.warnings),
            (8, o.infos),
        ] {
            ws.write_number(r, c, n as f64)?;
        }
    }
    ws.set_column_width(0, 40)?;
    ws.set_column_width(4, 40)?;

    // 事業一覧: one row per project with its fields and each year's total.
    let rows = project_rows(outcomes, forms);
    let years = total_years(&rows);
    // The fields with a role come first under one caption for every form (a 事業番号, a 施策番号
    // and an 整理番号 are all the sheet's number); other fields follow, by key.
    let roles = |f: &FormSpec| {
        [
            f.form.project_id_field.clone(),
            f.form.project_name_field.clone(),
            f.form.department_field.clone(),
            f.form.eval_year_field.clone(),
        ]
    };
    const ROLE_CAPTIONS: [&str; 4] = ["番号", "名称", "課名", "評価年度"];
    let field_keys: Vec<(String, String)> = forms
        .iter()
        .flat_map(|f| {
            let own = roles(f);
            f.fields
                .iter()
                .filter(move |x| !x.spec.wide && !own.contains(&x.spec.key))
                .map(|x| (x.spec.key.clone(), x.spec.label.clone()))
        })
        .fold(Vec::new(), |mut acc, kv| {
            if !acc.iter().any(|(k, _)| *k == kv.0) {
                acc.push(kv);
            }
            acc
        });
    let ws = wb.add_worksheet();
    ws.set_name(SHEET_PROJECTS)?;
    // 状態 says which rows come from sheets with errors; they are shaded and left out of
    // 部課別集計.
    let mut headers: Vec<String> = vec!["集計課名".into(), "様式".into(), "状態".into()];
    headers.extend(ROLE_CAPTIONS.iter().map(|s| s.to_string()));
    headers.extend(field_keys.iter().map(|(_, l)| l.clone()));
    let first_year_col = headers.len() as u16;
    // The caption of the total comes from the form (トータルコスト); with several forms, the
    // first that names one.
    let caption = forms
        .iter()
        .find_map(|f| f.form.total.as_ref().map(|t| t.caption.clone()))
        .unwrap_or_default();
    headers.extend(years.iter().map(|y| format!("{} {caption}", y.japanese())));
    headers.extend(["ファイル".to_string(), "シート".into(), "セル".into()]);
    let hrefs: Vec<&str> = headers.iter().map(String::as_str).collect();
    header_row(ws, &hrefs, rows.len() as u32)?;
    let mut widths: Vec<usize> = headers.iter().map(|h| display_width(h)).collect();
    for (i, pr) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, &pr.department)?;
        widths[0] = widths[0].max(display_width(&pr.department));
        ws.write_string(r, 1, &pr.project.form_id)?;
        let (status_fmt, total_fmt) = match pr.project.status {
            ProjectStatus::Errors => (&error_fill, &num_error),
            ProjectStatus::Warnings => (&warning_fill, &num),
            ProjectStatus::Ok => (&plain, &num),
        };
        ws.write_string_with_format(r, 2, pr.project.status.words().render(Lang::Ja), status_fmt)?;
        let value = |k: &str| {
            pr.fields
                .iter()
                .find(|(fk, _)| fk == k)
                .map(|(_, v)| v.as_str())
                .unwrap_or("")
        };
        let own = forms
            .iter()
            .find(|f| f.form.id == pr.project.form_id)
            .map(roles)
            .unwrap_or_default();
        for (j, k) in own.iter().enumerate() {
            ws.write_string(r, 3 + j as u16, value(k))?;
            widths[3 + j] = widths[3 + j].max(display_width(value(k)));
        }
        for (j, (k, _)) in field_keys.iter().enumerate() {
            let c = 3 + ROLE_CAPTIONS.len() + j;
            ws.write_string(r, c as u16, value(k))?;
            widths[c] = widths[c].max(display_width(value(k)));
        }
        for (j, y) in years.iter().enumerate() {
            if let Some((v, _)) = pr.totals.get(y) {
                ws.write_number_with_format(r, first_year_col + j as u16, *v, total_fmt)?;
            }
        }
        let c = first_year_col + years.len() as u16;
        ws.write_string(r, c, &pr.project.file)?;
        ws.write_string(r, c + 1, &pr.project.sheet)?;
        ws.write_string(r, c + 2, &pr.cell)?;
        for (k, t) in [(c, &pr.project.file), (c + 1, &pr.project.sheet)] {
            widths[k as usize] = widths[k as usize].max(display_width(t));
        }
    }
    fit_columns(ws, &widths)?;

    // 明細: the long table.
    let ws = wb.add_worksheet();
    ws.set_name(SHEET_LONG)?;
    // The CSV keeps its stable English column names; the council book is read in Japanese.
    header_row(ws, LONG_CAPTIONS, long.len() as u32)?;
    let mut widths: Vec<usize> = LONG_CAPTIONS.iter().map(|c| display_width(c)).collect();
    for (i, l) in long.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, &l.department)?;
        ws.write_string(r, 1, &l.project_id)?;
        ws.write_string(r, 2, &l.form)?;
        ws.write_string(r, 3, &l.block)?;
        ws.write_string(r, 4, &l.heading)?;
        ws.write_string(r, 5, &l.record)?;
        ws.write_string(r, 6, &l.measure)?;
        ws.write_number(r, 7, l.fiscal_year as f64)?;
        ws.write_string(r, 8, &l.phase)?;
        ws.write_number_with_format(r, 9, l.value, &num)?;
        ws.write_string(r, 10, &l.unit)?;
        ws.write_string(r, 11, &l.source_file)?;
        ws.write_string(r, 12, &l.source_sheet)?;
        ws.write_string(r, 13, &l.source_cell)?;
        ws.write_string(r, 14, l.status.words().render(Lang::Ja))?;
        for (c, t) in [
            (0, &l.department),
            (1, &l.project_id),
            (4, &l.heading),
            (6, &l.measure),
            (11, &l.source_file),
            (12, &l.source_sheet),
        ] {
            widths[c] = widths[c].max(display_width(t));
        }
    }
    fit_columns(ws, &widths)?;

    // 部課別集計: live SUMIFS over the project list, with cached results; one group per form,
    // each with its own 合計 (a 施策's total holds its projects: forms are never added up).
    let ws = wb.add_worksheet();
    ws.set_name(SHEET_SUMMARY)?;
    let totals = department_totals(&rows, &years);
    let mut headers: Vec<String> = vec!["課名".into(), "様式".into()];
    headers.extend(years.iter().map(|y| format!("{} {caption}", y.japanese())));
    headers.push("除外（エラーあり）".into());
    let hrefs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let groups: Vec<&crate::spec::FormSpec> = forms
        .iter()
        .filter(|f| f.form.total.is_some())
        .filter(|f| totals.iter().any(|t| t.form == f.form.id))
        .collect();
    header_row(ws, &hrefs, (totals.len() + groups.len()) as u32)?;
    let last = rows.len() as u32 + 1;
    let excluded_col = 2 + years.len() as u16;
    // A year none of the projects reports caches as blank text, not as 0.
    ws.set_formula_result_default("");
    let p = |col: &str| format!("'{SHEET_PROJECTS}'!{col}2:{col}{last}");
    let cached = |v: Option<f64>| v.map(format_number).unwrap_or_default();
    let mut r = 1u32;
    for form in groups {
        let first = r;
        let mut sums: Vec<Option<f64>> = vec![None; years.len()];
        let mut excluded = 0;
        for t in totals.iter().filter(|t| t.form == form.form.id) {
            ws.write_string(r, 0, &t.department)?;
            ws.write_string(r, 1, &form.form.id)?;
            let n = r + 1;
            // Only rows without errors are summed; a year none of them reports stays blank.
            let only = format!("{},A{n},{},B{n},{},\"<>{ERRORS}\"", p("A"), p("B"), p("C"));
            for (j, v) in t.sums.iter().enumerate() {
                let col = column_letters(first_year_col as u32 + j as u32);
                // ISNUMBER, not COUNTIFS(…,"<>"): LibreOffice counts empty cells as "<>".
                let f = format!(
                    "=IF(SUMPRODUCT(({a}=A{n})*({b}=B{n})*({c}<>\"{ERRORS}\")*ISNUMBER({v}))=0,\"\",SUMIFS({v},{only}))",
                    a = p("A"),
                    b = p("B"),
                    c = p("C"),
                    v = p(&col),
                );
                ws.write_formula_with_format(
                    r,
                    2 + j as u16,
                    Formula::new(f).set_result(cached(*v)),
                    &num,
                )?;
                if let Some(v) = v {
                    *sums[j].get_or_insert(0.0) += v;
                }
            }
            let f = format!(
                "=COUNTIFS({},A{n},{},B{n},{},\"{ERRORS}\")",
                p("A"),
                p("B"),
                p("C")
            );
            ws.write_formula(
                r,
                excluded_col,
                Formula::new(f).set_result(t.excluded.to_string()),
            )?;
            excluded += t.excluded;
            r += 1;
        }
        ws.write_string(r, 0, format!("合計（{}）", form.form.name))?;
        ws.write_string(r, 1, &form.form.id)?;
        for (j, sum) in sums.iter().enumerate() {
            let col = column_letters(2 + j as u32);
            let range = format!("{col}{}:{col}{}", first + 1, r);
            let f = format!("=IF(COUNT({range})=0,\"\",SUM({range}))");
            ws.write_formula_with_format(
                r,
                2 + j as u16,
                Formula::new(f).set_result(cached(*sum)),
                &num,
            )?;
        }
        let col = column_letters(excluded_col as u32);
        let f = format!("=SUM({col}{}:{col}{})", first + 1, r);
        ws.write_formula(
            r,
            excluded_col,
            Formula::new(f).set_result(excluded.to_string()),
        )?;
        r += 1;
    }
    ws.set_column_width(0, 20)?;
    save_workbook(&mut wb, path)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_csv_column_has_a_caption() {
        assert_eq!(
            super::LONG_CAPTIONS.len(),
            crate::consolidate::LONG_COLUMNS.len()
        );
    }
}
