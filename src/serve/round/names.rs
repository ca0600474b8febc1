//! Names a round stores files under: a 課 as a folder and a sent file's name, neither able to
//! leave the round on any system.

use crate::serve::refusal::Refusal;
use crate::serve::selfcheck::{shown_name, WORKBOOK_EXTENSIONS};
use std::path::Path;

/// A 課名 as a folder name: what the department list has, or without a list, a name that
/// cannot leave the round (no separators, no leading dot, no characters Windows refuses).
pub fn department_folder(name: &str, listed: Option<&[String]>) -> Result<String, Refusal> {
    let t = name.trim();
    if t.is_empty() {
        return Err(Refusal::NoDepartment);
    }
    if let Some(list) = listed {
        if !list.iter().any(|n| n == t) {
            return Err(Refusal::UnknownDepartment(t.to_string()));
        }
    }
    let bad = t.starts_with('.')
        || crate::normalise::visible_text(t, false) != t
        || t.chars().count() > 40
        || t.chars().any(|c| {
            c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
        })
        || !fits_windows(t)
        // A folder named like a workbook would be read as one.
        || Path::new(t).extension().is_some_and(|e| {
            WORKBOOK_EXTENSIONS.contains(&e.to_string_lossy().to_ascii_lowercase().as_str())
        });
    if bad {
        return Err(Refusal::BadDepartment(t.to_string()));
    }
    Ok(t.to_string())
}

/// Whether Windows keeps the name as it is: no trailing dot or space (dropped, so that two
/// names meet), and not a device name (CON, NUL, COM1, …, with any extension).
pub(super) fn fits_windows(name: &str) -> bool {
    if name.ends_with(['.', ' ']) {
        return false;
    }
    let stem = name
        .split('.')
        .next()
        .unwrap_or("")
        .trim_end()
        .to_ascii_uppercase();
    let device = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit());
    !device
}

/// The name a submitted file is stored under: its shown name with the characters a folder
/// cannot hold replaced, and a workbook's extension.
pub fn stored_name(sent: &str) -> Result<String, Refusal> {
    let shown = shown_name(sent);
    let clean: String = shown
        .chars()
        .map(|c| match c {
            ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c => c,
        })
        .collect();
    let clean = clean.trim_start_matches('.').trim().to_string();
    let ext = Path::new(&clean)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext {
        Some(e) if WORKBOOK_EXTENSIONS.contains(&e.as_str()) && clean.len() > e.len() + 1 => {
            match fits_windows(&clean) {
                true => Ok(clean),
                false => Err(Refusal::BadFileName(clean)),
            }
        }
        _ => Err(Refusal::NotAWorkbook(shown)),
    }
}
