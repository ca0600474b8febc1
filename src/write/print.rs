//! What every printed page of a book carries besides its table: the book's title, the
//! fiscal year, the day the book was made, and `page x / y`; and what a run's books say
//! about the run (its year, when it was made, what was read).

use crate::check::DepartmentList;
use crate::form::FormSpec;
use crate::i18n::Lang;
use crate::normalise::FiscalYear;
use rust_xlsxwriter::{Worksheet, XlsxError};
use std::path::{Path, PathBuf};

/// When a run's books were made and for which year: printed on every page.
#[derive(Debug, Clone)]
pub struct Stamp {
    pub fiscal_year: Option<FiscalYear>,
    pub made: jiff::civil::DateTime,
}

impl Stamp {
    /// The run's time: `SOURCE_DATE_EPOCH` when set (the same inputs then give the same bytes,
    /// as reproducible builds do), else the clock, in the machine's time zone.
    pub fn now(fiscal_year: Option<FiscalYear>) -> Stamp {
        let zone = jiff::tz::TimeZone::system();
        let at = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .and_then(|s| jiff::Timestamp::from_second(s).ok())
            .unwrap_or_else(jiff::Timestamp::now);
        Stamp {
            fiscal_year,
            made: at.to_zoned(zone).datetime(),
        }
    }

    pub fn date_text(&self, lang: Lang) -> String {
        let d = self.made;
        match lang {
            Lang::Ja => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
            Lang::En => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
        }
    }

    pub fn date_time_text(&self, lang: Lang) -> String {
        let d = self.made;
        format!("{} {:02}:{:02}", self.date_text(lang), d.hour(), d.minute())
    }

    pub fn year_text(&self, lang: Lang) -> Option<String> {
        self.fiscal_year.map(|y| match lang {
            Lang::Ja => y.japanese(),
            Lang::En => format!("FY{}", y.0),
        })
    }
}

/// What a run's books need to know beyond the findings: the stamp, the folders read (paths
/// are shown relative to them), the department list and the forms.
pub struct RunContext<'a> {
    pub stamp: Stamp,
    pub inputs: Vec<PathBuf>,
    pub departments: Option<&'a DepartmentList>,
    pub forms: &'a [FormSpec],
    pub lang: Lang,
    /// The day corrected workbooks are due (hyoka.toml's `resend_by`).
    pub resend_by: Option<String>,
}

impl RunContext<'_> {
    /// A path as report.json writes it (`samples/財政課_….xlsx`), relative to the folder it was
    /// found in when that folder was named on the command line (`財政課_….xlsx`).
    pub fn shown_path<'p>(&self, path: &'p str) -> &'p str {
        let norm = |p: &Path| p.to_string_lossy().replace('\\', "/");
        self.inputs
            .iter()
            .filter(|i| i.is_dir())
            .filter_map(|dir| {
                let prefix = norm(dir);
                let prefix = prefix.trim_end_matches('/');
                let rest = path
                    .strip_prefix(prefix)?
                    .strip_prefix(['/', '\\'])
                    .filter(|r| !r.is_empty())?;
                Some(rest)
            })
            .min_by_key(|r| r.len())
            .unwrap_or(path)
    }

    /// The form's name as it prints (`事務事業評価シート`), from its id.
    pub fn form_name<'s>(&'s self, id: &'s str) -> &'s str {
        match self.forms.iter().find(|f| f.form.id == id) {
            Some(f) => match self.lang {
                Lang::Ja => &f.form.name,
                Lang::En => &f.form.name_en,
            },
            None => id,
        }
    }

    /// The inputs as typed, for the overview.
    pub fn inputs_text(&self) -> String {
        self.inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(match self.lang {
                Lang::Ja => "、",
                Lang::En => ", ",
            })
    }
}

/// `&` starts a code in a page header: a literal one is doubled.
fn header_text(s: &str) -> String {
    s.replace('&', "&&")
}

/// The page header (the book's title left, the fiscal year in the middle, the day it was made
/// right) and the footer (`page x / y`), on every page of the sheet.
pub fn page_furniture(
    ws: &mut Worksheet,
    title: &str,
    stamp: &Stamp,
    lang: Lang,
) -> Result<(), XlsxError> {
    let made = match lang {
        Lang::Ja => format!("作成日 {}", stamp.date_text(lang)),
        Lang::En => format!("made {}", stamp.date_text(lang)),
    };
    let year = stamp.year_text(lang).unwrap_or_default();
    header_footer(ws, title, &year, Some(&made), lang)
}

/// The page header and footer of [`page_furniture`], the right of the header (`作成日 …`)
/// left out when `made` is `None`: a blank form's bytes must not depend on the day it was
/// written.
pub fn header_footer(
    ws: &mut Worksheet,
    title: &str,
    year: &str,
    made: Option<&str>,
    lang: Lang,
) -> Result<(), XlsxError> {
    let mut header = format!("&L&9{}&C&9{}", header_text(title), header_text(year));
    if let Some(made) = made {
        header.push_str(&format!("&R&9{}", header_text(made)));
    }
    ws.set_header(header);
    ws.set_footer(match lang {
        Lang::Ja => "&C&9&P / &N ページ",
        Lang::En => "&C&9page &P / &N",
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(inputs: &[&Path]) -> RunContext<'static> {
        RunContext {
            stamp: Stamp::now(None),
            inputs: inputs.iter().map(|p| p.to_path_buf()).collect(),
            departments: None,
            forms: &[],
            lang: Lang::Ja,
            resend_by: None,
        }
    }

    #[test]
    fn paths_are_shown_from_the_folder_named() {
        let d = tempfile::tempdir().unwrap();
        let sub = d.path().join("R6提出");
        std::fs::create_dir_all(sub.join("総務課")).unwrap();
        let c = context(&[&sub]);
        let full = format!("{}/総務課/事業.xlsx", sub.display());
        assert_eq!(c.shown_path(&full), "総務課/事業.xlsx");
        // A file named on its own, or outside the folders, is shown as it was given.
        assert_eq!(c.shown_path("other/事業.xlsx"), "other/事業.xlsx");
        let c = context(&[Path::new("事業.xlsx")]);
        assert_eq!(c.shown_path("事業.xlsx"), "事業.xlsx");
    }

    #[test]
    fn the_stamp_in_words() {
        // 2024-06-01 00:00 UTC: a day in any time zone the machine may have.
        let s = Stamp {
            fiscal_year: Some(FiscalYear(2024)),
            made: jiff::civil::date(2024, 6, 1).at(9, 5, 0, 0),
        };
        assert_eq!(s.date_time_text(Lang::Ja), "2024年6月1日 09:05");
        assert_eq!(s.year_text(Lang::Ja).as_deref(), Some("令和6年度"));
        assert_eq!(s.year_text(Lang::En).as_deref(), Some("FY2024"));
        assert_eq!(header_text("R&D"), "R&&D");
    }
}

/// A project without a 課名 is summed under 部署不明, not under an empty line.
pub fn or_unknown<'s>(d: &'s str, lang: Lang) -> &'s str {
    if d.trim().is_empty() {
        crate::i18n::Ui::UnknownDepartment.text(lang)
    } else {
        d
    }
}
