//! Why a file was not read: every way a workbook is turned away at the door.

/// Why a file was not read.
#[derive(Debug, Clone, PartialEq)]
pub enum Rejection {
    LockFile,
    Empty,
    NotAFile,
    NotAWorkbook(String),
    Encrypted,
    Unreadable(String),
    /// A zip whose directory cannot be read: cut short in copying, or corrupt.
    Truncated,
    /// Another program holds the file open without sharing it (Excel, on Windows).
    InUse,
    ReaderPanic(String),
    TooLarge {
        limit: Limit,
        found: u64,
        max: u64,
    },
}

/// Which limit a file went past.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    FileSize,
    Cells,
    SheetArea,
    StringChars,
    ZipEntries,
    Uncompressed,
    CompressionRatio,
    StringCount,
    /// A part that inflates past the size its header declares (a bomb that lies).
    DeclaredSize,
}

impl Limit {
    pub fn option(self) -> &'static str {
        match self {
            Limit::FileSize => "--max-file-mb",
            Limit::Cells => "--max-cells",
            Limit::SheetArea => "--max-sheet-area",
            Limit::StringChars => "--max-string-chars",
            Limit::ZipEntries => "--max-zip-entries",
            Limit::Uncompressed => "--max-uncompressed-mb",
            Limit::CompressionRatio => "--max-compression-ratio",
            // Bounded by the uncompressed size of the strings part.
            Limit::StringCount => "--max-uncompressed-mb",
            // A lie is refused whatever the limits.
            Limit::DeclaredSize => "--max-uncompressed-mb",
        }
    }

    pub fn name(self, lang: crate::i18n::Lang) -> &'static str {
        use crate::i18n::Lang::*;
        match (self, lang) {
            (Limit::FileSize, Ja) => "ファイルサイズ（バイト）",
            (Limit::FileSize, En) => "file size (bytes)",
            (Limit::Cells, Ja) => "1 シートのセル数",
            (Limit::Cells, En) => "cells in one sheet",
            (Limit::SheetArea, Ja) => "シートの範囲（行 × 列）",
            (Limit::SheetArea, En) => "sheet range (rows × columns)",
            (Limit::StringChars, Ja) => "1 セルの文字数",
            (Limit::StringChars, En) => "characters in one cell",
            (Limit::ZipEntries, Ja) => "ブック内の部品数",
            (Limit::ZipEntries, En) => "parts in the workbook",
            (Limit::Uncompressed, Ja) => "展開後のサイズ（バイト）",
            (Limit::Uncompressed, En) => "uncompressed size (bytes)",
            (Limit::CompressionRatio, Ja) => "圧縮率",
            (Limit::CompressionRatio, En) => "compression ratio",
            (Limit::StringCount, Ja) => "共有文字列の宣言数",
            (Limit::StringCount, En) => "declared shared-string count",
            (Limit::DeclaredSize, Ja) => "部品の展開後サイズ（ヘッダーの申告を超過）",
            (Limit::DeclaredSize, En) => "a part's inflated size (past what its header declares)",
        }
    }
}
