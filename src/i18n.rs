//! The two languages of every user-facing text: Japanese first, English with `--lang en`.
//! A finding's text is a `Text` (both languages side by side, declared with the code or the
//! layout that says it); a `Message` is a text with its arguments, rendered late, in the
//! language of the output that shows it; `Ui` holds the words of headings, sheet names and
//! summary lines; `Lang::pick` chooses between two words used in one place only.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ja,
    En,
}

/// A text in both languages; `{name}` stands for an argument. A text without either language
/// does not compile, and a test checks that both name the same arguments.
#[derive(Debug, PartialEq, Eq)]
pub struct Text {
    pub ja: &'static str,
    pub en: &'static str,
}

impl Lang {
    /// The Japanese or the English of two words used in one place only.
    pub fn pick<T>(self, ja: T, en: T) -> T {
        match self {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }
}

impl Text {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.ja,
            Lang::En => self.en,
        }
    }
}

/// A value a message names, rendered in the language of the output that shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    /// Words with a text per language: a spec's label, a limit's name.
    Words {
        ja: String,
        en: String,
    },
    /// `令和6年度` / `FY2024`.
    Year(crate::normalise::FiscalYear),
    Number(f64),
    /// A message inside a message (what does not fit, inside "the table does not fit").
    Message(Box<Message>),
}

impl Arg {
    pub fn words(ja: &str, en: &str) -> Arg {
        Arg::Words {
            ja: ja.to_string(),
            en: en.to_string(),
        }
    }
    pub fn render(&self, lang: Lang) -> String {
        match (self, lang) {
            (Arg::Text(t), _) => t.clone(),
            (Arg::Words { ja, .. }, Lang::Ja) => ja.clone(),
            (Arg::Words { en, .. }, Lang::En) => en.clone(),
            (Arg::Year(y), Lang::Ja) => y.japanese(),
            (Arg::Year(y), Lang::En) => format!("FY{}", y.0),
            (Arg::Number(n), _) => grouped(&crate::normalise::plain_number(*n)),
            (Arg::Message(m), lang) => m.render(lang),
        }
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}
impl From<crate::normalise::FiscalYear> for Arg {
    fn from(y: crate::normalise::FiscalYear) -> Arg {
        Arg::Year(y)
    }
}
impl From<f64> for Arg {
    fn from(n: f64) -> Arg {
        Arg::Number(n)
    }
}
impl From<u64> for Arg {
    fn from(n: u64) -> Arg {
        Arg::Text(n.to_string())
    }
}

/// A message: which text, with which arguments. Findings carry this; the writers render it
/// in the run's language (and the page in the reader's).
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub text: &'static Text,
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    pub fn new(text: &'static Text) -> Message {
        Message {
            text,
            args: Vec::new(),
        }
    }
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Message {
        self.args.push((name, value.into()));
        self
    }
    /// The text with each `{name}` replaced, in one pass: an argument's own text is never
    /// read for placeholders (a sheet named `{label}` stays as it is).
    pub fn render(&self, lang: Lang) -> String {
        let text = self.text.get(lang);
        let mut out = String::with_capacity(text.len() + 32);
        let mut rest = text;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let after = &rest[start + 1..];
            match after.find('}') {
                Some(len) => {
                    let name = &after[..len];
                    match self.args.iter().find(|(n, _)| *n == name) {
                        Some((_, v)) => out.push_str(&v.render(lang)),
                        None => out.push_str(&rest[start..start + len + 2]),
                    }
                    rest = &after[len + 1..];
                }
                None => {
                    out.push_str(&rest[start..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// The argument names a text uses, in order of first use.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut v = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        let name = &rest[start + 1..start + len];
        if !v.contains(&name) {
            v.push(name);
        }
        rest = &rest[start + len + 1..];
    }
    v
}

/// A number as offices write it in prose: thousands grouped (`201,124`, `-5,000`, `0.26`).
fn grouped(plain: &str) -> String {
    let (sign, rest) = match plain.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", plain),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// Words for summary lines, report headings and sheet names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ui {
    Files,
    Clean,
    WithErrors,
    Rejected,
    Errors,
    Warnings,
    Infos,
    Time,
    Severity,
    Code,
    File,
    Sheet,
    Cell,
    Field,
    FiscalYear,
    Expected,
    Actual,
    Message,
    Hint,
    Remarks,
    Link,
    Open,
    Department,
    Status,
    Reason,
    Form,
    Findings,
    UnknownDepartment,
    Sheets,
    Explanations,
    Summary,
    WithWarnings,
    Kind,
    Overview,
}

impl Ui {
    pub fn text(self, lang: Lang) -> &'static str {
        let (ja, en) = match self {
            Ui::Files => ("ファイル", "files"),
            Ui::Clean => ("受理", "accepted"),
            Ui::WithErrors => ("エラーあり", "with errors"),
            Ui::Rejected => ("読めず", "rejected"),
            Ui::Errors => ("エラー", "errors"),
            Ui::Warnings => ("警告", "warnings"),
            Ui::Infos => ("情報", "info"),
            Ui::Time => ("時間", "time"),
            Ui::Severity => ("重要度", "severity"),
            Ui::Code => ("コード", "code"),
            Ui::File => ("ファイル", "file"),
            Ui::Sheet => ("シート", "sheet"),
            Ui::Cell => ("セル", "cell"),
            Ui::Field => ("項目", "field"),
            Ui::FiscalYear => ("年度", "fiscal year"),
            Ui::Expected => ("期待値", "expected"),
            Ui::Actual => ("実際の値", "actual"),
            Ui::Message => ("内容", "message"),
            Ui::Hint => ("ヒント", "hint"),
            Ui::Remarks => ("備考", "remarks"),
            Ui::Link => ("リンク", "link"),
            Ui::Open => ("開く", "open"),
            Ui::Department => ("課名", "department"),
            Ui::Status => ("状態", "status"),
            Ui::Reason => ("理由", "reason"),
            Ui::Form => ("様式", "form"),
            Ui::Findings => ("指摘", "findings"),
            Ui::UnknownDepartment => ("部署不明", "unknown-department"),
            Ui::Sheets => ("事業・シート数", "sheets or rows"),
            Ui::Explanations => ("指摘の説明", "codes explained"),
            Ui::Summary => ("説明", "explanation"),
            Ui::WithWarnings => ("警告あり", "with warnings"),
            Ui::Kind => ("種類", "kind"),
            Ui::Overview => ("概要", "overview"),
        };
        match lang {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    static T: Text = Text {
        ja: "{year}の{label}が計算と合いません",
        en: "{label} for {year} does not match",
    };
    #[test]
    fn numbers_in_messages_are_grouped() {
        assert_eq!(grouped("201124"), "201,124");
        assert_eq!(grouped("-5000"), "-5,000");
        assert_eq!(grouped("999"), "999");
        assert_eq!(grouped("1234567.25"), "1,234,567.25");
        assert_eq!(grouped("0.26"), "0.26");
    }

    #[test]
    fn rendered_late_in_either_language() {
        let m = Message::new(&T)
            .arg("label", Arg::words("一般財源", "general revenue"))
            .arg("year", crate::normalise::FiscalYear(2022));
        assert_eq!(m.render(Lang::Ja), "令和4年度の一般財源が計算と合いません");
        assert_eq!(
            m.render(Lang::En),
            "general revenue for FY2022 does not match"
        );
        assert_eq!(placeholders(T.ja), vec!["year", "label"]);
        // An argument's text is not read again for placeholders.
        let m = Message::new(&T).arg("label", "{year}").arg("year", "R6");
        assert_eq!(m.render(Lang::Ja), "R6の{year}が計算と合いません");
    }
}
