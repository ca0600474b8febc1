//! 部課別集計, the council book's first sheet: per form, each 部 with its 課 under it and the
//! 部's subtotal, the トータルコスト of every year in 千円, projects with errors left out and
//! marked 除外 with why, and a native column chart of the 部 per year under the table. Each
//! form's table prints on one landscape A4 page.
//!
//! The figures are live formulas over 事業一覧 (an office that corrects a figure there sees
//! the table follow), each with its result cached for programs that do not calculate.

use super::print::{page_furniture, RunContext};
use super::report::{header_format, NUMBER_FORMAT};
use crate::consolidate::ProjectRow;
use crate::finding::column_letters;
use crate::form::FormSpec;
use crate::i18n::Lang;
use crate::normalise::FiscalYear;
use crate::outcome::ProjectStatus;
use crate::read::grid::format_number;
use rust_xlsxwriter::{
    Chart, ChartLegendPosition, ChartType, Color, Format, FormatAlign, FormatBorder, Formula,
    Worksheet, XlsxError,
};
use std::collections::BTreeMap;

/// Where 事業一覧 holds what the formulas read.
pub struct ProjectList<'a> {
    pub sheet: &'a str,
    /// Rows 2..=last hold projects.
    pub last_row: u32,
    /// Column of the first year's total; the years follow in order.
    pub first_year_col: u16,
}

/// One 課 of a form's table.
struct DepartmentLine {
    name: String,
    /// Per year: the sum of its projects without errors, None when none reports the year.
    sums: Vec<Option<f64>>,
    excluded: usize,
    /// Per year: a project left out reports it (the cell then reads 除外 when nothing else does).
    excluded_years: Vec<bool>,
}

/// One 部 with its 課 (a 部 of `None`: the 課 whose 部 is not known).
struct BureauGroup {
    name: Option<String>,
    departments: Vec<DepartmentLine>,
}

/// The 部 of each 課: the department list's, else the 部名 most of its sheets give.
fn bureau_of(rows: &[&ProjectRow], ctx: &RunContext) -> BTreeMap<String, Option<String>> {
    let mut named: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for r in rows {
        let e = named.entry(r.department.as_str()).or_default();
        if let Some(b) = &r.bureau {
            *e.entry(b.as_str()).or_default() += 1;
        }
    }
    named
        .into_iter()
        .map(|(d, counts)| {
            let listed = ctx
                .departments
                .and_then(|l| l.bureau_of(d))
                .map(str::to_string);
            let most = counts
                .into_iter()
                .max_by_key(|(b, n)| (*n, std::cmp::Reverse(*b)))
                .map(|(b, _)| b.to_string());
            (d.to_string(), listed.or(most))
        })
        .collect()
}

/// The 課 of one form grouped by 部: 部 in the order the department list first names one of
/// their 課 (then by name), 課 in the list's order (then by name), the unknown 部 last.
fn groups(rows: &[&ProjectRow], years: &[FiscalYear], ctx: &RunContext) -> Vec<BureauGroup> {
    let bureaus = bureau_of(rows, ctx);
    let rank = |d: &str| {
        ctx.departments
            .and_then(|l| l.names.iter().position(|n| n == d))
            .unwrap_or(usize::MAX)
    };
    let mut lines: BTreeMap<String, DepartmentLine> = BTreeMap::new();
    for r in rows {
        let line = lines
            .entry(r.department.clone())
            .or_insert_with(|| DepartmentLine {
                name: r.department.clone(),
                sums: vec![None; years.len()],
                excluded: 0,
                excluded_years: vec![false; years.len()],
            });
        if r.project.status == ProjectStatus::Errors {
            line.excluded += 1;
            for (i, y) in years.iter().enumerate() {
                line.excluded_years[i] |= r.totals.contains_key(y);
            }
            continue;
        }
        for (i, y) in years.iter().enumerate() {
            if let Some((v, _)) = r.totals.get(y) {
                *line.sums[i].get_or_insert(0.0) += v;
            }
        }
    }
    let mut by_bureau: BTreeMap<Option<String>, Vec<DepartmentLine>> = BTreeMap::new();
    for (d, line) in lines {
        let b = bureaus.get(&d).cloned().flatten();
        by_bureau.entry(b).or_default().push(line);
    }
    let mut out: Vec<BureauGroup> = by_bureau
        .into_iter()
        .map(|(name, mut departments)| {
            departments.sort_by(|a, b| (rank(&a.name), &a.name).cmp(&(rank(&b.name), &b.name)));
            BureauGroup { name, departments }
        })
        .collect();
    out.sort_by(|a, b| {
        let key = |g: &BureauGroup| {
            (
                g.name.is_none(),
                g.departments
                    .iter()
                    .map(|d| rank(&d.name))
                    .min()
                    .unwrap_or(usize::MAX),
                g.name.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    out
}

/// The years of `all` a form's projects report, each with its index in `all`.
fn form_years(rows: &[ProjectRow], all: &[FiscalYear], form: &str) -> Vec<(usize, FiscalYear)> {
    all.iter()
        .enumerate()
        .filter(|(_, y)| {
            rows.iter()
                .any(|r| r.project.form_id == form && r.totals.contains_key(y))
        })
        .map(|(i, y)| (i, *y))
        .collect()
}

/// The unit the table shows and what the sums are divided by to show it: 円 become 千円.
fn shown_unit(rows: &[&ProjectRow]) -> (String, f64) {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in rows {
        if let Some(u) = &r.unit {
            *counts.entry(u.as_str()).or_default() += 1;
        }
    }
    let unit = counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(u, _)| u.to_string());
    match unit.as_deref() {
        Some("円") => ("千円".into(), 1000.0),
        Some(u) => (u.to_string(), 1.0),
        None => ("千円".into(), 1.0),
    }
}

/// The caption of a year's column (`令和6年度`).
fn year_caption(lang: Lang, y: &FiscalYear) -> String {
    match lang {
        Lang::Ja => y.japanese(),
        Lang::En => format!("FY{}", y.0),
    }
}

/// The formats of the table.
struct Formats {
    title: Format,
    note: Format,
    header: Format,
    bureau: Format,
    bureau_num: Format,
    department: Format,
    num: Format,
    excluded: Format,
    total: Format,
    total_num: Format,
    text: Format,
}

impl Formats {
    fn new() -> Formats {
        let border = |f: Format| f.set_border(FormatBorder::Thin);
        let bureau_fill = Color::RGB(0xDDEBF7);
        let total_fill = Color::RGB(0xD9D9D9);
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            note: Format::new()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_font_size(9),
            header: border(header_format()),
            bureau: border(Format::new().set_bold().set_background_color(bureau_fill)),
            bureau_num: border(
                Format::new()
                    .set_bold()
                    .set_background_color(bureau_fill)
                    .set_num_format(NUMBER_FORMAT),
            ),
            department: border(Format::new().set_indent(1)),
            num: border(Format::new().set_num_format(NUMBER_FORMAT)),
            excluded: border(
                Format::new()
                    .set_num_format(NUMBER_FORMAT)
                    .set_align(FormatAlign::Right)
                    .set_font_color(Color::RGB(0xC00000)),
            ),
            total: border(Format::new().set_bold().set_background_color(total_fill)),
            total_num: border(
                Format::new()
                    .set_bold()
                    .set_background_color(total_fill)
                    .set_num_format(NUMBER_FORMAT),
            ),
            text: border(Format::new().set_text_wrap().set_font_size(9)),
        }
    }
}

/// Writes 部課別集計: one table per form with a total, each on a page of its own.
pub fn council_sheet(
    ws: &mut Worksheet,
    rows: &[ProjectRow],
    years: &[FiscalYear],
    list: &ProjectList,
    ctx: &RunContext,
) -> Result<(), XlsxError> {
    let lang = ctx.lang;
    let f = Formats::new();
    // Sheet forms before exports: the departments' own sheets are what the council knows.
    let mut forms: Vec<&FormSpec> = ctx
        .forms
        .iter()
        .filter(|s| s.form.total.is_some())
        .filter(|s| rows.iter().any(|r| r.project.form_id == s.form.id))
        .collect();
    forms.sort_by_key(|s| s.form.kind == crate::form::FormKind::Export);
    let all_years = years;
    let errors_word = ProjectStatus::Errors.words().render(lang);
    let p = |col: &str| format!("'{}'!${col}$2:${col}${}", list.sheet, list.last_row + 1);
    // As many year columns as the form with the most years needs.
    let most_years = forms
        .iter()
        .map(|s| form_years(rows, all_years, &s.form.id).len())
        .max()
        .unwrap_or(0);
    // 部・課 | 除外 | each year | 備考: the note takes what the years of a form with fewer
    // years leave, so no table has a gap.
    let excluded_col = 1u16;
    let year_cols: Vec<u16> = (0..most_years as u16).map(|j| 2 + j).collect();
    let note_col = 2 + most_years as u16;
    let mut widths = vec![22.0, 7.0];
    widths.extend(year_cols.iter().map(|_| 12.0));
    widths.push(26.0);
    let cached = |v: Option<f64>| v.map(format_number).unwrap_or_default();
    ws.set_formula_result_default("");
    let mut r = 0u32;
    let mut breaks = Vec::new();
    let title_caption = forms
        .iter()
        .find_map(|s| s.form.total.as_ref())
        .map(|t| match lang {
            Lang::Ja => t.caption.clone(),
            Lang::En => t.caption_en.clone(),
        })
        .unwrap_or_default();
    let title = lang.pick("部課別集計", "Totals by bureau and department");
    for (gi, form) in forms.iter().enumerate() {
        if gi > 0 {
            breaks.push(r);
        }
        let form_rows: Vec<&ProjectRow> = rows
            .iter()
            .filter(|x| x.project.form_id == form.form.id)
            .collect();
        // The years this form reports, each with its column of 事業一覧.
        let picked = form_years(rows, all_years, &form.form.id);
        let years: Vec<FiscalYear> = picked.iter().map(|(_, y)| *y).collect();
        let list_cols: Vec<u16> = picked
            .iter()
            .map(|(i, _)| list.first_year_col + *i as u16)
            .collect();
        let (unit, divisor) = shown_unit(&form_rows);
        let form_name = match lang {
            Lang::Ja => &form.form.name,
            Lang::En => &form.form.name_en,
        };
        let heading = match lang {
            Lang::Ja => format!("{title}　{form_name}　{title_caption}（単位：{unit}）"),
            Lang::En => format!("{title}: {form_name}, {title_caption} ({unit})"),
        };
        ws.write_string_with_format(r, 0, &heading, &f.title)?;
        ws.set_row_height(r, 22)?;
        r += 1;
        let note = match lang {
            Lang::Ja => format!(
                "エラーのある事業（事業一覧の状態が「{errors_word}」）は合計に入れず、その件数を「除外」に示します。課のどの事業にもその年度の値がなく除外だけがあるときは「除外」と書きます。値ごとの明細は非表示のシート「明細」にあります（シート見出しを右クリックして「再表示」）。consolidated.csv にも同じ行があります。"
            ),
            Lang::En => format!(
                "Projects with errors (状態 \"{errors_word}\" in the project list) are left out of the sums and counted under \"left out\"; a year only such projects report reads \"left out\". Every figure is on the hidden sheet \"Observations\" (unhide it from the sheet tabs) and in consolidated.csv."
            ),
        };
        ws.merge_range(r, 0, r, note_col, &note, &f.note)?;
        ws.set_row_height(r, 36)?;
        r += 1;
        let note_from = 2 + years.len() as u16;
        let note = |ws: &mut Worksheet, r: u32, text: &str, fmt: &Format| {
            if note_from == note_col {
                ws.write_string_with_format(r, note_col, text, fmt)
                    .map(|_| ())
            } else {
                ws.merge_range(r, note_from, r, note_col, text, fmt)
                    .map(|_| ())
            }
        };
        let header_row = r;
        ws.write_string_with_format(r, 0, lang.pick("部・課", "bureau / department"), &f.header)?;
        for (j, y) in years.iter().enumerate() {
            ws.write_string_with_format(r, year_cols[j], year_caption(lang, y), &f.header)?;
        }
        ws.write_string_with_format(r, excluded_col, lang.pick("除外", "left out"), &f.header)?;
        note(ws, r, lang.pick("備考", "note"), &f.header)?;
        r += 1;
        let form_literal = form_name.replace('"', "\"\"");
        let groups = groups(&form_rows, &years, ctx);
        let any_bureau = groups.iter().any(|g| g.name.is_some());
        // Rows (zero-based) of the lines the total adds: each 部, or each 課 when no 部 is known.
        let mut summed_rows: Vec<u32> = Vec::new();
        // For the chart: each 部 (or 課) with its row and sums.
        let mut chart_lines: Vec<(String, u32, Vec<Option<f64>>)> = Vec::new();
        let mut form_sums: Vec<Option<f64>> = vec![None; years.len()];
        let mut form_excluded = 0usize;
        for g in &groups {
            let bureau_row = r;
            let mut bureau_sums: Vec<Option<f64>> = vec![None; years.len()];
            let mut bureau_excluded = 0usize;
            if any_bureau {
                let name = g
                    .name
                    .clone()
                    .unwrap_or_else(|| lang.pick("（部の記載なし）", "(no bureau given)").into());
                ws.write_string_with_format(r, 0, &name, &f.bureau)?;
                r += 1;
            }
            let first_department = r;
            for d in &g.departments {
                let shown = super::print::or_unknown(&d.name, lang).to_string();
                ws.write_string_with_format(r, 0, &shown, &f.department)?;
                let n = r + 1;
                let dept = format!("$A{n}");
                let criteria = format!("{a},{dept},{b},\"{form_literal}\"", a = p("A"), b = p("B"));
                let excluded_count =
                    format!("COUNTIFS({criteria},{c},\"{errors_word}\")", c = p("C"));
                for (j, v) in d.sums.iter().enumerate() {
                    let col = column_letters(list_cols[j] as u32);
                    let values = p(&col);
                    // How many of the 課's projects report the year, with (`=`) or without
                    // (`<>`) errors.
                    let reporting = |op: &str| {
                        format!(
                            "SUMPRODUCT(({a}={dept})*({b}=\"{form_literal}\")*({c}{op}\"{errors_word}\")*ISNUMBER({values}))",
                            a = p("A"),
                            b = p("B"),
                            c = p("C"),
                        )
                    };
                    let kept = reporting("<>");
                    let sum = format!(
                        "SUMIFS({values},{criteria},{c},\"<>{errors_word}\")",
                        c = p("C")
                    );
                    let sum = if divisor == 1.0 {
                        sum
                    } else {
                        format!("{sum}/{divisor}")
                    };
                    let left_out_here = reporting("=");
                    let formula = format!(
                        "=IF({kept}=0,IF({left_out_here}>0,\"{left_out}\",\"\"),{sum})",
                        left_out = lang.pick("除外", "left out"),
                    );
                    let shown_v = v.map(|x| x / divisor);
                    let result = match (shown_v, d.excluded_years[j]) {
                        (Some(x), _) => format_number(x),
                        (None, false) => String::new(),
                        (None, true) => lang.pick("除外", "left out").to_string(),
                    };
                    let fmt = if shown_v.is_none() && d.excluded_years[j] {
                        &f.excluded
                    } else {
                        &f.num
                    };
                    ws.write_formula_with_format(
                        r,
                        year_cols[j],
                        Formula::new(formula).set_result(result),
                        fmt,
                    )?;
                    if let Some(x) = shown_v {
                        *bureau_sums[j].get_or_insert(0.0) += x;
                    }
                }
                ws.write_formula_with_format(
                    r,
                    excluded_col,
                    Formula::new(format!("={excluded_count}")).set_result(d.excluded.to_string()),
                    &f.num,
                )?;
                let why = match (d.excluded, lang) {
                    (0, _) => String::new(),
                    (n, Lang::Ja) => format!("エラーあり {n} 件を除外（事業一覧で確認）"),
                    (n, Lang::En) => format!("{n} with errors left out (see the project list)"),
                };
                note(ws, r, &why, &f.text)?;
                bureau_excluded += d.excluded;
                if !any_bureau {
                    summed_rows.push(r);
                    chart_lines.push((
                        shown,
                        r,
                        d.sums.iter().map(|v| v.map(|x| x / divisor)).collect(),
                    ));
                }
                r += 1;
            }
            if any_bureau {
                for (j, sum) in bureau_sums.iter().enumerate() {
                    let col = column_letters(year_cols[j] as u32);
                    let range = format!("{col}{}:{col}{}", first_department + 1, r);
                    ws.write_formula_with_format(
                        bureau_row,
                        year_cols[j],
                        Formula::new(format!("=IF(COUNT({range})=0,\"\",SUM({range}))"))
                            .set_result(cached(*sum)),
                        &f.bureau_num,
                    )?;
                }
                let col = column_letters(excluded_col as u32);
                ws.write_formula_with_format(
                    bureau_row,
                    excluded_col,
                    Formula::new(format!("=SUM({col}{}:{col}{})", first_department + 1, r))
                        .set_result(bureau_excluded.to_string()),
                    &f.bureau_num,
                )?;
                note(ws, bureau_row, "", &f.bureau)?;
                summed_rows.push(bureau_row);
                let name = g
                    .name
                    .clone()
                    .unwrap_or_else(|| lang.pick("（部の記載なし）", "(no bureau given)").into());
                chart_lines.push((name, bureau_row, bureau_sums.clone()));
            }
            for (j, s) in bureau_sums.iter().enumerate() {
                if let Some(s) = s {
                    *form_sums[j].get_or_insert(0.0) += s;
                }
            }
            form_excluded += bureau_excluded;
        }
        // 合計: the 部 (or 課) lines added.
        ws.write_string_with_format(r, 0, lang.pick("合計", "total"), &f.total)?;
        let cells = |col: &str| {
            summed_rows
                .iter()
                .map(|x| format!("{col}{}", x + 1))
                .collect::<Vec<_>>()
                .join(",")
        };
        for (j, sum) in form_sums.iter().enumerate() {
            let col = column_letters(year_cols[j] as u32);
            let c = cells(&col);
            ws.write_formula_with_format(
                r,
                year_cols[j],
                Formula::new(format!("=IF(COUNT({c})=0,\"\",SUM({c}))")).set_result(cached(*sum)),
                &f.total_num,
            )?;
        }
        let col = column_letters(excluded_col as u32);
        ws.write_formula_with_format(
            r,
            excluded_col,
            Formula::new(format!("=SUM({})", cells(&col))).set_result(form_excluded.to_string()),
            &f.total_num,
        )?;
        note(ws, r, "", &f.total)?;
        let _ = header_row;
        r += 2;

        // The chart's data: one line per 部 (or 課), the years across, read from the table.
        let data_first = r;
        ws.write_string_with_format(
            r,
            0,
            match any_bureau {
                true => lang.pick("部別（グラフの元）", "by bureau (the chart's data)"),
                false => lang.pick("課別（グラフの元）", "by department (the chart's data)"),
            },
            &f.header,
        )?;
        for (j, y) in years.iter().enumerate() {
            ws.write_string_with_format(r, year_cols[j], year_caption(lang, y), &f.header)?;
        }
        r += 1;
        for (name, row, sums) in &chart_lines {
            ws.write_string_with_format(r, 0, name, &f.department)?;
            for (j, v) in sums.iter().enumerate() {
                let col = column_letters(year_cols[j] as u32);
                ws.write_formula_with_format(
                    r,
                    year_cols[j],
                    Formula::new(format!("=IF(ISNUMBER({col}{0}),{col}{0},\"\")", row + 1))
                        .set_result(cached(*v)),
                    &f.num,
                )?;
            }
            r += 1;
        }
        let data_last = r - 1;
        if !chart_lines.is_empty() && !years.is_empty() {
            let mut chart = Chart::new(ChartType::Column);
            let sheet = ws.name();
            for (j, _) in years.iter().enumerate() {
                chart
                    .add_series()
                    .set_name((sheet.as_str(), data_first, year_cols[j]))
                    .set_categories((sheet.as_str(), data_first + 1, 0, data_last, 0))
                    .set_values((
                        sheet.as_str(),
                        data_first + 1,
                        year_cols[j],
                        data_last,
                        year_cols[j],
                    ));
            }
            let chart_title = match lang {
                Lang::Ja => format!("{form_name}　{title_caption}（{unit}）"),
                Lang::En => format!("{form_name}: {title_caption} ({unit})"),
            };
            chart.title().set_name(&chart_title);
            chart.y_axis().set_num_format("#,##0");
            chart.legend().set_position(ChartLegendPosition::Bottom);
            // As wide as the table (≈ 7.5 px per character of column width), 300 px high.
            let width: f64 = widths.iter().sum::<f64>() * 7.5;
            chart.set_width(width.clamp(480.0, 1000.0) as u32);
            chart.set_height(300);
            r += 1;
            ws.insert_chart(r, 0, &chart)?;
            // The chart covers about 15 rows of 20 px.
            r += 16;
        }
        r += 1;
    }
    if forms.is_empty() {
        ws.write_string(
            0,
            0,
            lang.pick(
                "合計を持つ様式の事業がありません。",
                "No project of a form with a total.",
            ),
        )?;
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    // One page wide; each form's table starts a page of its own.
    ws.set_print_fit_to_pages(1, 0);
    if !breaks.is_empty() {
        ws.set_page_breaks(&breaks)?;
    }
    ws.set_print_area(0, 0, r.max(1), note_col)?;
    let book_title = lang.pick("評価シート 集計", "Evaluation workbooks: consolidation");
    page_furniture(ws, book_title, &ctx.stamp, lang)
}
