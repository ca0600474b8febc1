//! Limits checked before and while reading, so that one hostile file cannot take the memory
//! of a whole batch. Each limit names the option that raises it.

use super::Rejection;
use calamine::Data;
use std::io::Cursor;

#[derive(Debug, Clone)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_cells: usize,
    pub max_string_chars: usize,
    pub max_zip_entries: usize,
    pub max_uncompressed_bytes: u64,
    pub max_compression_ratio: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: 100 * 1024 * 1024,
            max_cells: 2_000_000,
            max_string_chars: 1_000_000,
            max_zip_entries: 10_000,
            max_uncompressed_bytes: 1024 * 1024 * 1024,
            max_compression_ratio: 200,
        }
    }
}

pub fn too_large_file(len: u64, limits: &Limits) -> Rejection {
    Rejection::TooLarge {
        what: format!("file size {len} bytes / ファイルサイズ"),
        limit: format!("{} bytes", limits.max_file_bytes),
        option: "--max-file-mb".into(),
    }
}

impl Limits {
    pub fn check_cell_count(&self, cells: usize, sheet: &str) -> Result<(), Rejection> {
        if cells >= self.max_cells {
            return Err(Rejection::TooLarge {
                what: format!("cells in sheet '{sheet}' / セル数"),
                limit: self.max_cells.to_string(),
                option: "--max-cells".into(),
            });
        }
        Ok(())
    }

    pub fn check_string(&self, value: &Data) -> Result<(), Rejection> {
        if let Data::String(s) = value {
            // Byte length bounds the character count from above; count only when it matters.
            if s.len() > self.max_string_chars && s.chars().count() > self.max_string_chars {
                return Err(Rejection::TooLarge {
                    what: "text in one cell / セル内の文字数".into(),
                    limit: self.max_string_chars.to_string(),
                    option: "--max-string-chars".into(),
                });
            }
        }
        Ok(())
    }
}

/// Looks at the zip directory before any part is inflated: entry count, declared sizes and
/// compression ratio.
pub fn check_zip(bytes: &[u8], limits: &Limits) -> Result<(), Rejection> {
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => return Err(Rejection::Unreadable(e.to_string())),
    };
    if archive.len() > limits.max_zip_entries {
        return Err(Rejection::TooLarge {
            what: "zip entries / 部品数".into(),
            limit: limits.max_zip_entries.to_string(),
            option: "--max-zip-entries".into(),
        });
    }
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index_raw(i) else {
            continue;
        };
        let size = entry.size();
        let packed = entry.compressed_size().max(1);
        total = total.saturating_add(size);
        if size > 10 * 1024 * 1024 && size / packed > limits.max_compression_ratio {
            return Err(Rejection::TooLarge {
                what: format!(
                    "compression ratio of '{}' / 圧縮率",
                    entry.name().unwrap_or_default()
                ),
                limit: limits.max_compression_ratio.to_string(),
                option: "--max-compression-ratio".into(),
            });
        }
    }
    if total > limits.max_uncompressed_bytes {
        return Err(Rejection::TooLarge {
            what: "uncompressed size / 展開後のサイズ".into(),
            limit: format!("{} bytes", limits.max_uncompressed_bytes),
            option: "--max-uncompressed-mb".into(),
        });
    }
    Ok(())
}
