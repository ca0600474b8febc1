//! The unified workbook: submission status, project list, long table and a per-department
//! summary with live formulas. Every row carries its source file, sheet and cell.

use super::print::{page_furniture, RunContext};
use super::report::{files_sheet, header_row, print_layout, NUMBER_FORMAT};
use super::save_streamed;
use crate::consolidate::{project_rows, total_years, LongRow, ProjectRow};
use crate::form::FormSpec;
use crate::i18n::Lang;
use crate::normalise::FiscalYear;
use crate::outcome::{FileOutcome, ProjectStatus};
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

/// The council book's sheet names in the output's language (the formulas name them).
pub struct SheetNames {
    pub status: &'static str,
    pub projects: &'static str,
    pub long: &'static str,
    pub summary: &'static str,
}

pub fn sheet_names(lang: Lang) -> SheetNames {
    match lang {
        Lang::Ja => SheetNames {
            status: "提出状況",
            projects: "事業一覧",
            long: "明細",
            summary: "部課別集計",
        },
        Lang::En => SheetNames {
            status: "Submissions",
            projects: "Projects",
            long: "Observations",
            summary: "By department",
        },
    }
}

/// 明細's captions, one per column of `LONG_COLUMNS` (the CSV's names), in both languages.
const LONG_CAPTIONS: &[(&str, &str)] = &[
    ("課名", "department"),
    ("番号", "number"),
    ("様式", "form"),
    ("表", "table"),
    ("見出し", "heading"),
    ("項目", "record"),
    ("指標", "measure"),
    ("年度", "fiscal year"),
    ("区分", "phase"),
    ("値", "value"),
    ("単位", "unit"),
    ("ファイル", "file"),
    ("シート", "sheet"),
    ("セル", "cell"),
    ("状態", "status"),
];

/// A phase as the sheets write it (`実績`), from its stable name in the CSV (`actual`).
fn phase_word(phase: &str, lang: Lang) -> &str {
    let ja = match phase {
        "actual" => "実績",
        "settled" => "決算",
        "budget" => "予算",
        "plan" => "計画",
        "target" => "目標",
        other => other,
    };
    match lang {
        Lang::Ja => ja,
        Lang::En => phase,
    }
}

/// Columns a person reads at a glance: a CJK character counts two.
fn display_width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Each column as wide as its widest text, within reason (long file names are cut at 50),
/// and the sheet printed at a readable size, its first `key_columns` on every page.
fn fit_columns(
    ws: &mut rust_xlsxwriter::Worksheet,
    widths: &[usize],
    key_columns: u16,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    // A fifth more than the text, for fonts wider than the one column widths are counted in.
    let widths: Vec<f64> = widths
        .iter()
        .map(|w| (*w as f64 * 1.2 + 2.0).clamp(6.0, 50.0).round())
        .collect();
    print_layout(ws, &widths, widths.len(), key_columns)
}

/// The book's title on its pages.
fn book_title(lang: Lang) -> &'static str {
    lang.pick("評価シート 集計", "Evaluation workbooks: consolidation")
}

/// The caption of a year's total (`令和6年度 トータルコスト`). The caption comes from the form;
/// with several forms, the first that names one.
fn year_caption(forms: &[FormSpec], lang: Lang, y: &FiscalYear) -> String {
    let caption = forms
        .iter()
        .find_map(|f| f.form.total.as_ref().map(|t| t.caption.clone()))
        .unwrap_or_default();
    match lang {
        Lang::Ja => format!("{} {caption}", y.japanese()),
        Lang::En => format!("FY{} {caption}", y.0),
    }
}

/// Excel's last row is 1,048,576: 明細 holds one header row and this many rows, then goes on
/// on a sheet of its own (`明細 (2)`, …).
pub const EXCEL_DATA_ROWS: u32 = 1_048_575;

/// The unified workbook, written as the long table streams through it: 提出状況 and 事業一覧
/// when it starts, 明細 a row at a time, 部課別集計 when it finishes. Sheets of any size are
/// kept in rust_xlsxwriter's low-memory mode (rows go to a temporary file as they are
/// written), so the book costs memory for its strings, not for its cells.
pub struct UnifiedBook<'a> {
    wb: Workbook,
    lang: Lang,
    ctx: &'a RunContext<'a>,
    rows: Vec<ProjectRow<'a>>,
    years: Vec<FiscalYear>,
    first_year_col: u16,
    long: LongSheets<'a>,
}

/// 明細 and the sheets that continue it.
struct LongSheets<'a> {
    /// Worksheet indices and names, in order.
    sheets: Vec<usize>,
    names: Vec<String>,
    rows_in_sheet: u32,
    rows_per_sheet: u32,
    total: u64,
    widths: Vec<usize>,
    /// Form, table and measure in words, looked up once per key, not per row.
    labels: super::Labels<'a>,
    num: Format,
    dec: Format,
}

/// What `UnifiedBook::finish` wrote: the 明細 sheets and the rows on them.
#[derive(Debug, Clone, PartialEq)]
pub struct LongSheetsWritten {
    pub names: Vec<String>,
    pub rows: u64,
}

static LONG_CONTINUED: crate::i18n::Text = crate::i18n::Text {
    ja: "consolidated.xlsx: 明細が Excel の 1 シートの行数を超えたため、{rows} 行を {sheets} シート（{names}）に分けました。consolidated.csv にはすべての行があります",
    en: "consolidated.xlsx: the long table passed the rows one Excel sheet holds, so its {rows} rows continue over {sheets} sheets ({names}); consolidated.csv holds every row",
};

impl LongSheetsWritten {
    /// What the run says when 明細 went on over further sheets; nothing otherwise.
    pub fn notice(&self, lang: Lang) -> Option<String> {
        (self.names.len() > 1).then(|| {
            crate::i18n::Message::new(&LONG_CONTINUED)
                .arg("rows", crate::i18n::Arg::Number(self.rows as f64))
                .arg("sheets", crate::i18n::Arg::Number(self.names.len() as f64))
                .arg("names", self.names.join(lang.pick("、", ", ")))
                .render(lang)
        })
    }
}

/// 明細's captions with the key column last (the book is read back by `audit --previous`).
fn long_captions(lang: Lang) -> Vec<&'static str> {
    let mut captions: Vec<&str> = LONG_CAPTIONS
        .iter()
        .map(|&(ja, en)| lang.pick(ja, en))
        .collect();
    captions.push(lang.pick(
        crate::consolidate::reread::KEY_CAPTIONS[0],
        crate::consolidate::reread::KEY_CAPTIONS[1],
    ));
    captions
}

/// Writes the whole book at once, for callers that hold the long table.
pub fn write_unified(
    path: &Path,
    outcomes: &[FileOutcome],
    ctx: &RunContext,
    long: &[LongRow],
) -> anyhow::Result<LongSheetsWritten> {
    let mut book = UnifiedBook::start(outcomes, ctx, path)?;
    for l in long {
        book.push(l)?;
    }
    book.finish(path)
}

impl<'a> UnifiedBook<'a> {
    /// Starts the book that will be saved at `path` (its temporary files go beside it): room
    /// for 部課別集計 first (written when the book finishes), then 事業一覧 and 提出状況.
    pub fn start(
        outcomes: &'a [FileOutcome],
        ctx: &'a RunContext<'a>,
        path: &Path,
    ) -> anyhow::Result<UnifiedBook<'a>> {
        let (forms, lang) = (ctx.forms, ctx.lang);
        let mut wb = Workbook::new();
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        wb.set_tempdir(dir)?;
        // Most of a large book's save went into deflate at the default level 6; level 1
        // saves it in two thirds of the time, for a file nearly twice as large.
        wb.set_zip_compression_level(1);
        let names = sheet_names(lang);
        let t = |ja, en| lang.pick(ja, en);
        let named = |d| super::print::or_unknown(d, lang);
        let num = Format::new().set_num_format(NUMBER_FORMAT);
        let error_fill = Format::new().set_background_color(rust_xlsxwriter::Color::RGB(0xFFC7CE));
        let warning_fill =
            Format::new().set_background_color(rust_xlsxwriter::Color::RGB(0xFFEB9C));
        let num_error = num
            .clone()
            .set_background_color(rust_xlsxwriter::Color::RGB(0xFFC7CE));
        let plain = Format::new();

        // 部課別集計 opens the book; it is filled in when the book finishes.
        let ws = wb.add_worksheet();
        ws.set_name(names.summary)?;

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
        let role_captions = [
            t("番号", "number"),
            t("名称", "name"),
            t("課名", "department"),
            t("評価年度", "evaluation year"),
        ];
        let field_keys: Vec<(String, String)> = forms
            .iter()
            .flat_map(|f| {
                let own = roles(f);
                f.fields
                    .iter()
                    .filter(move |x| !x.spec.wide && !own.contains(&x.spec.key))
                    .map(|x| (x.spec.key.clone(), x.label_in(lang).to_string()))
            })
            .fold(Vec::new(), |mut acc, kv| {
                if !acc.iter().any(|(k, _)| *k == kv.0) {
                    acc.push(kv);
                }
                acc
            });
        let ws = wb.add_worksheet_with_low_memory()?;
        ws.set_name(names.projects)?;
        // 状態 says which rows come from sheets with errors; they are shaded and left out of
        // 部課別集計.
        let mut headers: Vec<String> = vec![
            t("集計課名", "department (summed as)").into(),
            t("様式", "form").into(),
            t("状態", "status").into(),
        ];
        headers.extend(role_captions.iter().map(|s| s.to_string()));
        headers.extend(field_keys.iter().map(|(_, l)| l.clone()));
        let first_year_col = headers.len() as u16;
        headers.extend(years.iter().map(|y| year_caption(forms, lang, y)));
        headers.extend([
            t("ファイル", "file").to_string(),
            t("シート", "sheet").into(),
            t("セル", "cell").into(),
        ]);
        let hrefs: Vec<&str> = headers.iter().map(String::as_str).collect();
        header_row(ws, &hrefs, rows.len() as u32)?;
        let mut widths: Vec<usize> = headers.iter().map(|h| display_width(h)).collect();
        for (i, pr) in rows.iter().enumerate() {
            let r = i as u32 + 1;
            let department = named(&pr.department);
            ws.write_string(r, 0, department)?;
            widths[0] = widths[0].max(display_width(department));
            ws.write_string(r, 1, ctx.form_name(&pr.project.form_id))?;
            let (status_fmt, total_fmt) = match pr.project.status {
                ProjectStatus::Errors => (&error_fill, &num_error),
                ProjectStatus::Warnings => (&warning_fill, &num),
                ProjectStatus::Ok => (&plain, &num),
            };
            ws.write_string_with_format(r, 2, pr.project.status.words().render(lang), status_fmt)?;
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
                let c = 3 + role_captions.len() + j;
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
        fit_columns(ws, &widths, 4)?;
        let book_title = book_title(lang);
        page_furniture(ws, book_title, &ctx.stamp, lang)?;

        // 提出状況: every file.
        let ws = wb.add_worksheet();
        ws.set_name(names.status)?;
        files_sheet(ws, &outcomes.iter().collect::<Vec<_>>(), true, ctx)?;
        page_furniture(ws, book_title, &ctx.stamp, lang)?;
        Ok(UnifiedBook {
            wb,
            lang,
            ctx,
            rows,
            years,
            first_year_col,
            long: LongSheets {
                sheets: Vec::new(),
                names: Vec::new(),
                rows_in_sheet: 0,
                rows_per_sheet: EXCEL_DATA_ROWS,
                total: 0,
                widths: Vec::new(),
                labels: super::Labels::new(forms, lang),
                num,
                dec: Format::new().set_num_format(super::report::DECIMAL_FORMAT),
            },
        })
    }

    /// Fewer rows per 明細 sheet than Excel allows, so tests can see the book go on.
    pub fn rows_per_sheet(mut self, rows: u32) -> UnifiedBook<'a> {
        self.long.rows_per_sheet = rows.clamp(1, EXCEL_DATA_ROWS);
        self
    }

    /// Opens the next 明細 sheet, after fitting the one before.
    fn next_long_sheet(&mut self) -> anyhow::Result<()> {
        self.fit_long_sheet()?;
        let names = sheet_names(self.lang);
        let n = self.long.sheets.len() + 1;
        let name = match n {
            1 => names.long.to_string(),
            n => format!("{} ({n})", names.long),
        };
        let ws = self.wb.add_worksheet_with_low_memory()?;
        ws.set_name(&name)?;
        // A row per figure is for filters and pivots, not for paper: hidden, it is left out
        // when the book is printed (部課別集計 says where it is).
        ws.set_hidden(true);
        let captions = long_captions(self.lang);
        header_row(ws, &captions, 1)?;
        page_furniture(ws, book_title(self.lang), &self.ctx.stamp, self.lang)?;
        self.long.widths = captions.iter().map(|c| display_width(c)).collect();
        self.long.sheets.push(self.wb.worksheets().len() - 1);
        self.long.names.push(name);
        self.long.rows_in_sheet = 0;
        Ok(())
    }

    /// The filter over the rows written and the columns fitted to their text.
    fn fit_long_sheet(&mut self) -> anyhow::Result<()> {
        let Some(&index) = self.long.sheets.last() else {
            return Ok(());
        };
        let columns = long_captions(self.lang).len() as u16;
        let ws = self.wb.worksheet_from_index(index)?;
        ws.autofilter(0, 0, self.long.rows_in_sheet.max(1), columns - 1)?;
        fit_columns(ws, &self.long.widths, 2)?;
        Ok(())
    }

    /// One row of 明細, in the forms' words (the CSV keeps keys and stable English names).
    pub fn push(&mut self, l: &LongRow) -> anyhow::Result<()> {
        if self.long.sheets.is_empty() || self.long.rows_in_sheet == self.long.rows_per_sheet {
            self.next_long_sheet()?;
        }
        let lang = self.lang;
        let long = &mut self.long;
        let words = long.labels.of(l).clone();
        let (table, measure) = (words.table, words.measure);
        let ws = self
            .wb
            .worksheet_from_index(*long.sheets.last().expect("opened above"))?;
        long.rows_in_sheet += 1;
        long.total += 1;
        let r = long.rows_in_sheet;
        ws.write_string(r, 0, &l.department)?;
        ws.write_string(r, 1, &l.project_id)?;
        ws.write_string(r, 2, &words.form)?;
        ws.write_string(r, 3, &table)?;
        ws.write_string(r, 4, &l.heading)?;
        ws.write_string(r, 5, &l.record)?;
        ws.write_string(r, 6, &measure)?;
        let year = FiscalYear(l.fiscal_year);
        match lang {
            Lang::Ja => ws.write_string(r, 7, year.japanese())?,
            Lang::En => ws.write_number(r, 7, l.fiscal_year as f64)?,
        };
        ws.write_string(r, 8, phase_word(&l.phase, lang))?;
        let fmt = if (l.value - l.value.round()).abs() < 1e-9 {
            &long.num
        } else {
            &long.dec
        };
        ws.write_number_with_format(r, 9, l.value, fmt)?;
        ws.write_string(r, 10, &l.unit)?;
        ws.write_string(r, 11, &l.source_file)?;
        ws.write_string(r, 12, &l.source_sheet)?;
        ws.write_string(r, 13, &l.source_cell)?;
        ws.write_string(r, 14, l.status.words().render(lang))?;
        ws.write_string(r, 15, &l.measure)?;
        let widths = &mut long.widths;
        for (c, t) in [
            (0, &l.department),
            (1, &l.project_id),
            (3, &table),
            (4, &l.heading),
            (6, &measure),
            (11, &l.source_file),
            (12, &l.source_sheet),
        ] {
            widths[c] = widths[c].max(display_width(t));
        }
        widths[7] = widths[7].max(10);
        Ok(())
    }

    /// Writes 部課別集計 and saves the book atomically.
    pub fn finish(mut self, path: &Path) -> anyhow::Result<LongSheetsWritten> {
        if self.long.sheets.is_empty() {
            self.next_long_sheet()?;
        }
        self.fit_long_sheet()?;
        let names = sheet_names(self.lang);
        let written = LongSheetsWritten {
            names: self.long.names.clone(),
            rows: self.long.total,
        };
        let list = super::council::ProjectList {
            sheet: names.projects,
            last_row: self.rows.len() as u32,
            first_year_col: self.first_year_col,
        };
        let ws = self.wb.worksheet_from_index(0)?;
        super::council::council_sheet(ws, &self.rows, &self.years, &list, self.ctx)?;
        save_streamed(&mut self.wb, path)?;
        Ok(written)
    }
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
