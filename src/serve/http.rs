//! The small pieces every answer of the page is made of: the language asked for, a problem
//! as JSON, the page's own header, and downloads with their names.

use super::selfcheck;
use crate::i18n::Lang;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

/// The header the page's own requests carry. A form posted from another site cannot set it,
/// and a script on another site would need a CORS grant this server never gives.
pub const PAGE_HEADER: &str = "x-hyoka-page";

#[derive(serde::Deserialize)]
pub(crate) struct LangQuery {
    pub lang: Option<String>,
}

impl LangQuery {
    pub fn lang(&self, default: Lang) -> Lang {
        match self.lang.as_deref() {
            Some("en") => Lang::En,
            Some("ja") => Lang::Ja,
            _ => default,
        }
    }
}

pub(crate) fn problem(status: StatusCode, text: impl Into<String>) -> Response {
    (status, Json(serde_json::json!({ "error": text.into() }))).into_response()
}

pub(crate) fn from_page(headers: &HeaderMap) -> bool {
    headers.get(PAGE_HEADER).is_some_and(|v| v == "1")
}

/// The content type of an xlsx workbook.
pub(crate) const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A workbook as a download under its name.
pub(crate) fn xlsx_download(name: &str, bytes: Vec<u8>) -> Response {
    download(name, "feedback.xlsx", XLSX, bytes)
}

/// A file as a download under `name`; `fallback` is the plain name for clients that do not
/// read `filename*`.
pub(crate) fn download(name: &str, fallback: &str, kind: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind.to_string()),
            (header::CONTENT_DISPOSITION, attachment(name, fallback)),
        ],
        bytes,
    )
        .into_response()
}

/// The feedback as a download: the workbook, or the zip of every 課's.
pub(crate) fn feedback_download(feedback: selfcheck::Feedback) -> Response {
    match feedback {
        selfcheck::Feedback::Workbook(name, bytes) => xlsx_download(&name, bytes),
        selfcheck::Feedback::Zip(name, bytes) => {
            download(&name, "feedback.zip", "application/zip", bytes)
        }
    }
}

/// `filename*` of a download: the name percent-encoded as UTF-8 (RFC 5987).
fn attachment(name: &str, fallback: &str) -> String {
    let encoded: String = name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}
