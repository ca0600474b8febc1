//! Why a submission was not stored, in both languages, and the check that a workbook sent
//! through a 課's link names that 課.

use crate::i18n::Lang;

/// Why a submission was not stored.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    NoDepartment,
    UnknownDepartment(String),
    BadDepartment(String),
    NoName,
    NotAWorkbook(String),
    BadFileName(String),
    Unreadable(String),
    NeedsReason(usize),
    /// The workbook names another 課 of the list than the one chosen.
    OtherDepartment {
        chosen: String,
        book: String,
    },
    /// The round has links, and this request came through none (or a revoked one).
    NoLink,
    /// Through a 課's link, a workbook that names no 課.
    BookWithoutDepartment(String),
}

impl Refusal {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Refusal::NoDepartment, Lang::Ja) => "課を選んでください".into(),
            (Refusal::NoDepartment, Lang::En) => "choose your department".into(),
            (Refusal::UnknownDepartment(d), Lang::Ja) => {
                format!("「{d}」は課の一覧にありません。一覧から選んでください")
            }
            (Refusal::UnknownDepartment(d), Lang::En) => {
                format!("\"{d}\" is not in the department list; choose one from the list")
            }
            (Refusal::BadDepartment(d), Lang::Ja) => {
                format!("「{d}」は課名として使えません（記号 / \\ : * ? \" < > | は使えません）")
            }
            (Refusal::BadDepartment(d), Lang::En) => format!(
                "\"{d}\" cannot be a department name (no / \\ : * ? \" < > |)"
            ),
            (Refusal::NoName, Lang::Ja) => "提出者の名前を書いてください".into(),
            (Refusal::NoName, Lang::En) => "write your name as the one who submits".into(),
            (Refusal::NotAWorkbook(n), Lang::Ja) => format!(
                "{n}: 提出できるのはブック（.xlsx / .xlsm / .xlsb / .xls / .ods）だけです"
            ),
            (Refusal::NotAWorkbook(n), Lang::En) => format!(
                "{n}: only workbooks (.xlsx / .xlsm / .xlsb / .xls / .ods) can be submitted"
            ),
            (Refusal::BadFileName(n), Lang::Ja) => format!(
                "{n}: この名前では保存できません（CON・NUL などの予約名や、末尾の点・空白）。ファイル名を変えてください"
            ),
            (Refusal::BadFileName(n), Lang::En) => format!(
                "{n}: a file cannot be kept under this name (a reserved name such as CON or NUL, or a trailing dot or space); rename it"
            ),
            (Refusal::Unreadable(why), Lang::Ja) => {
                format!("このファイルは読めないため提出できません: {why}")
            }
            (Refusal::Unreadable(why), Lang::En) => {
                format!("this file cannot be read, so it cannot be submitted: {why}")
            }
            (Refusal::OtherDepartment { chosen, book }, Lang::Ja) => format!(
                "このブックの課は「{book}」です。「{chosen}」として提出するなら、提出する課かファイルを確かめてください"
            ),
            (Refusal::OtherDepartment { chosen, book }, Lang::En) => format!(
                "this workbook is {book}'s, not {chosen}'s: check the department chosen, or the file"
            ),
            (Refusal::NoLink, Lang::Ja) => "提出は、事務局から届いた課ごとのリンク（hyoka round links で発行）から開いたページでのみできます（このページでは点検だけができます）".into(),
            (Refusal::NoLink, Lang::En) => "submitting needs the page opened through your department's link from the office (issued with hyoka round links); this page only checks".into(),
            (Refusal::BookWithoutDepartment(d), Lang::Ja) => format!(
                "このブックには課名がありません。{d}のブックであることを確かめ、課名を記入してから提出してください"
            ),
            (Refusal::BookWithoutDepartment(d), Lang::En) => format!(
                "this workbook names no department: check that it is {d}'s and fill in its 課名"
            ),
            (Refusal::NeedsReason(n), Lang::Ja) => format!(
                "エラーが {n} 件あります。直してから提出するか、エラーのまま提出する理由を書いてください"
            ),
            (Refusal::NeedsReason(1), Lang::En) => {
                "the workbook has 1 error: correct it, or write why it is submitted with it".into()
            }
            (Refusal::NeedsReason(n), Lang::En) => format!(
                "the workbook has {n} errors: correct them, or write why it is submitted with them"
            ),
        }
    }
}

/// Why a workbook naming `book` as its 課 is not for the link of `linked` to submit: through
/// a link the workbook must be that 課's own, and one blank or of another 課 is not. The page
/// says so per file when it shows the findings; a submit is refused for it.
pub fn not_the_links(linked: &str, book: Option<&str>) -> Option<Refusal> {
    match book.map(str::trim) {
        None | Some("") => Some(Refusal::BookWithoutDepartment(linked.to_string())),
        Some(book) if book != linked => Some(Refusal::OtherDepartment {
            chosen: linked.to_string(),
            book: book.to_string(),
        }),
        Some(_) => None,
    }
}
