//! Files that are not read: why, in words the sender can act on. Each is one error finding of
//! the file, and the run goes on.

use super::rule::Code;
use crate::finding::Severity::{Error, Info};
use crate::i18n::{Arg, Lang, Message, Text};
use crate::read::Rejection;

pub static LOCK_FILE: Code = Code {
    id: "lock-file",
    severity: Error,
    summary: Text {
        ja: "Excel の一時ファイル（~$）",
        en: "an Excel lock file (~$)",
    },
    message: Text {
        ja: "Excel の一時ファイル（~$）です。元のファイルを閉じてから提出してください",
        en: "Excel lock file (~$); close the workbook and send the real file",
    },
};
pub static EMPTY_FILE: Code = Code {
    id: "empty-file",
    severity: Error,
    summary: Text {
        ja: "0 バイトのファイル",
        en: "a file of 0 bytes",
    },
    message: Text {
        ja: "ファイルが空です（0 バイト）",
        en: "the file is empty (0 bytes)",
    },
};
pub static NOT_A_FILE: Code = Code {
    id: "not-a-file",
    severity: Error,
    summary: Text {
        ja: "ファイルではない（フォルダ、読めないリンク）",
        en: "not a file (a folder, a broken link)",
    },
    message: Text {
        ja: "ファイルではありません（フォルダまたは読めないリンク）",
        en: "not a file (a folder or a broken link)",
    },
};
pub static NOT_A_WORKBOOK: Code = Code {
    id: "not-a-workbook",
    severity: Error,
    summary: Text {
        ja: "中身が Excel ブックではない（拡張子によらず判定）",
        en: "the content is not a workbook (whatever the extension)",
    },
    message: Text {
        ja: "Excel ブックではありません（{what}）",
        en: "not an Excel workbook ({what})",
    },
};
pub static ENCRYPTED: Code = Code {
    id: "encrypted",
    severity: Error,
    summary: Text {
        ja: "パスワードで保護（暗号化）されたブック",
        en: "a password-protected (encrypted) workbook",
    },
    message: Text {
        ja: "パスワードで保護（暗号化）されているため読めません。保護を解除して再提出してください",
        en: "the workbook is password-protected (encrypted); remove the password and send it again",
    },
};
pub static UNREADABLE: Code = Code {
    id: "unreadable",
    severity: Error,
    summary: Text {
        ja: "壊れている、または途中で切れたブック",
        en: "a damaged or truncated workbook",
    },
    message: Text {
        ja: "ブックが壊れているため読めません: {detail}",
        en: "the workbook is damaged and cannot be read: {detail}",
    },
};
static TRUNCATED: Text = Text {
    ja: "ブックが途中で切れているか壊れているため読めません（コピーの失敗など）",
    en: "the workbook is cut short or corrupt (an interrupted copy?)",
};
pub static READER_PANIC: Code = Code {
    id: "reader-panic",
    severity: Error,
    summary: Text {
        ja: "読み込み中の内部エラー（そのファイルのみ中断）",
        en: "an internal error while reading (that file only)",
    },
    // The reader's own words (`no entry found for key`) mean nothing to an office; what to
    // do does.
    message: Text {
        ja: "このファイルは読み込み中に内部エラーとなりました（このファイルのみ中断）。Excel で開いて .xlsx で保存し直し、もう一度お試しください",
        en: "reading this file failed with an internal error (only this file was stopped); open it in Excel, save it as .xlsx and try again",
    },
};
pub static TOO_LARGE: Code = Code {
    id: "too-large",
    severity: Error,
    summary: Text {
        ja: "読み込みの上限を超える（サイズ、セル数、圧縮率など）",
        en: "over a reading limit (size, cells, compression ratio …)",
    },
    message: Text {
        ja: "{limit}が上限を超えています（{found} > {max}）。{option} で上限を変更できます",
        en: "{limit} exceeds the limit ({found} > {max}); raise it with {option}",
    },
};
pub static NOT_A_WORKBOOK_NAME: Code = Code {
    id: "not-a-workbook-name",
    severity: Info,
    summary: Text {
        ja: "フォルダ内のブックの拡張子でないファイル（読まずに一覧に記載）",
        en: "a file in a folder not named like a workbook (listed, not read)",
    },
    message: Text {
        ja: "ブックの拡張子ではないため読んでいません",
        en: "not named like a workbook; not read",
    },
};

static IN_USE: Text = Text {
    ja: "ほかのプログラム（Excel など）がこのブックを開いているため読めません。閉じてから、もう一度実行してください",
    en: "another program (Excel …) has this workbook open, so it cannot be read; close it and run again",
};

pub static CODES: &[&Code] = &[
    &LOCK_FILE,
    &EMPTY_FILE,
    &NOT_A_FILE,
    &NOT_A_WORKBOOK,
    &ENCRYPTED,
    &UNREADABLE,
    &READER_PANIC,
    &TOO_LARGE,
    &NOT_A_WORKBOOK_NAME,
];

/// The code and message of a file that was not read.
pub fn rejection(r: &Rejection) -> (&'static Code, Message) {
    match r {
        Rejection::LockFile => (&LOCK_FILE, Message::new(&LOCK_FILE.message)),
        Rejection::Empty => (&EMPTY_FILE, Message::new(&EMPTY_FILE.message)),
        Rejection::NotAFile => (&NOT_A_FILE, Message::new(&NOT_A_FILE.message)),
        Rejection::NotAWorkbook(w) => (
            &NOT_A_WORKBOOK,
            Message::new(&NOT_A_WORKBOOK.message).arg("what", w.clone()),
        ),
        Rejection::Encrypted => (&ENCRYPTED, Message::new(&ENCRYPTED.message)),
        Rejection::Unreadable(d) => (
            &UNREADABLE,
            Message::new(&UNREADABLE.message).arg("detail", d.clone()),
        ),
        Rejection::Truncated => (&UNREADABLE, Message::new(&TRUNCATED)),
        Rejection::InUse => (&UNREADABLE, Message::new(&IN_USE)),
        Rejection::ReaderPanic(_) => (&READER_PANIC, Message::new(&READER_PANIC.message)),
        Rejection::TooLarge { limit, found, max } => (
            &TOO_LARGE,
            Message::new(&TOO_LARGE.message)
                .arg(
                    "limit",
                    Arg::words(limit.name(Lang::Ja), limit.name(Lang::En)),
                )
                .arg("found", *found)
                .arg("max", *max)
                .arg("option", limit.option()),
        ),
    }
}
