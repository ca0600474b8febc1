//! `hyoka serve`: a page on the office's intranet where a department checks its workbooks
//! before sending them. Built on axum; everything the page needs is served from here.
//!
//! The page posts its files to `/api/check` (findings as JSON) and `/api/feedback` (the
//! feedback workbook, or a zip of one per 課 when the files are of several); both take
//! multipart uploads, refuse requests that do not come from the page (a header a cross-site
//! form cannot set), and run at most `max_checks` checks at once, the rest waiting their turn.
//! Uploads are checked in a temporary folder and removed with the answer: nothing is stored.

pub mod clock;
pub mod http;
pub mod links;
pub mod office;
pub mod page;
pub mod refusal;
pub mod round;
pub mod selfcheck;
pub mod session;
pub mod state;

pub use http::PAGE_HEADER;
use http::{feedback_download, from_page, problem, xlsx_download, LangQuery};
use state::{checked, BUDGET_WAIT, UPLOADS_AT_ONCE};
pub use state::{Reserved, ServeState, UploadBudget};

use crate::i18n::Lang;
use axum::extract::{DefaultBodyLimit, Multipart, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use selfcheck::{Upload, UploadDir};
use std::path::PathBuf;
use std::sync::Arc;

pub fn router(state: Arc<ServeState>, max_upload_bytes: usize) -> Router {
    // The upload limit and the budget of uploads received at once, set once.
    let was = state
        .upload_limit
        .swap(max_upload_bytes, std::sync::atomic::Ordering::Relaxed);
    if was == 0 {
        let kib = (max_upload_bytes.div_ceil(1024)).max(1) * UPLOADS_AT_ONCE;
        state
            .budget
            .room_kib
            .add_permits(kib.min(tokio::sync::Semaphore::MAX_PERMITS));
    }
    Router::new()
        .route("/", get(index))
        .route("/app.js", get(script))
        .route("/app.css", get(style))
        .route("/api/check", post(check))
        .route("/api/feedback", post(feedback))
        .route("/api/annotated", post(annotated))
        .route("/api/info", get(info))
        .route("/api/submit", post(submit))
        .route("/office", get(office::page))
        .route("/office.js", get(office_script))
        .route("/common.js", get(common_script))
        .route("/office/api/login", post(office::login))
        .route("/office/api/logout", post(office::logout))
        .route("/office/api/round", get(office::round))
        .route("/office/api/report", get(office::report))
        .route("/office/api/consolidate", post(office::consolidate))
        .route("/office/api/links/revoke", post(office::revoke_link))
        .route("/office/api/approve", post(office::approve))
        .route("/office/api/return", post(office::give_back))
        .route("/office/download/{name}", get(office::download))
        .layer(DefaultBodyLimit::max(max_upload_bytes))
        // Answers change with the round, the link and the session: never reused from a cache
        // (a page opened through a link must not be told what a page without one was).
        .layer(axum::middleware::map_response(
            |mut r: Response| async move {
                r.headers_mut()
                    .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                r
            },
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            known_host,
        ))
        .layer(axum::middleware::map_response(safe_headers))
        .with_state(state)
}

/// Answers only requests addressed to this server: an IP address, localhost, or a name given
/// with `--host`. A page elsewhere that points its own name at this server's address (DNS
/// rebinding) would otherwise count as the page itself.
async fn known_host(
    State(state): State<Arc<ServeState>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(|h| h.to_ascii_lowercase());
    match host {
        Some(h) if !host_allowed(&h, &state.hosts) => {
            let name = h.rsplit_once(':').map(|(n, _)| n).unwrap_or(&h).to_string();
            problem(
                StatusCode::MISDIRECTED_REQUEST,
                match state.lang {
                    Lang::Ja => format!(
                        "{name} という名前ではこのページを開けません。事務局は hyoka serve --host {name} で始めてください"
                    ),
                    Lang::En => format!(
                        "this page does not answer to the name {name}; the office starts hyoka serve with --host {name}"
                    ),
                },
            )
        }
        _ => next.run(req).await,
    }
}

/// Whether a Host header names this server (see `known_host`).
pub fn host_allowed(host: &str, names: &[String]) -> bool {
    let name = match host.strip_prefix('[') {
        // [::1]:8080
        Some(v6) => {
            return v6
                .split(']')
                .next()
                .is_some_and(|a| a.parse::<std::net::Ipv6Addr>().is_ok())
        }
        None => host.rsplit_once(':').map(|(n, _)| n).unwrap_or(host),
    };
    name == "localhost"
        || name.parse::<std::net::Ipv4Addr>().is_ok()
        || names.iter().any(|n| n == name)
}

/// Every answer: no sniffing, no framing by other sites, scripts and styles from here only.
async fn safe_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' blob: data:; frame-ancestors 'none'",
        ),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

async fn index() -> Html<&'static str> {
    Html(page::INDEX_HTML)
}

async fn script() -> impl IntoResponse {
    javascript(page::APP_JS)
}

async fn style() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        page::APP_CSS,
    )
}

async fn office_script() -> impl IntoResponse {
    javascript(page::OFFICE_JS)
}

async fn common_script() -> impl IntoResponse {
    javascript(page::COMMON_JS)
}

fn javascript(text: &'static str) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        text,
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_this_servers_names_are_answered() {
        use super::host_allowed;
        let names = vec!["hyoka.city.local".to_string()];
        for ok in [
            "127.0.0.1:8080",
            "10.0.0.5",
            "localhost:8080",
            "[::1]:8080",
            "hyoka.city.local:8080",
        ] {
            assert!(host_allowed(ok, &names), "{ok}");
        }
        for bad in [
            "attacker.example:8080",
            "hyoka.city.local.attacker.example",
            "[evil]:80",
        ] {
            assert!(!host_allowed(bad, &names), "{bad}");
        }
    }
}

/// The text fields of a form sent with its files (`department`, `by`, `reason`).
type Fields = std::collections::HashMap<String, String>;

/// The files of a multipart upload and its text fields; a body over the limit is refused
/// with 413.
/// Receives a request's form: every file written to disk as its chunks arrive (one chunk in
/// memory at a time), counted against the upload limit; text fields kept, each short.
async fn uploads(
    state: &ServeState,
    mut form: Multipart,
    lang: Lang,
) -> Result<(Vec<Upload>, Fields), Response> {
    use std::io::Write;
    let limit = state.upload_limit() as u64;
    let too_large = || upload_too_large(limit, lang);
    let internal = |e: std::io::Error| problem(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
    let folder = Arc::new(UploadDir::create(&state.upload_root).map_err(internal)?);
    let mut out = Vec::new();
    let mut fields = Fields::new();
    let mut received: u64 = 0;
    loop {
        let mut field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(upload_problem(e, limit, lang)),
        };
        let key = field.name().unwrap_or("").to_string();
        match field.file_name().map(String::from) {
            Some(name) => {
                let path = folder.path.join(format!("received-{}", out.len()));
                let mut file = std::fs::File::create(&path).map_err(internal)?;
                loop {
                    let chunk = match field.chunk().await {
                        Ok(Some(c)) => c,
                        Ok(None) => break,
                        Err(e) => return Err(upload_problem(e, limit, lang)),
                    };
                    received += chunk.len() as u64;
                    if received > limit {
                        return Err(too_large());
                    }
                    file.write_all(&chunk).map_err(internal)?;
                }
                out.push(Upload {
                    name,
                    path,
                    folder: folder.clone(),
                });
            }
            None => {
                let mut text = Vec::new();
                loop {
                    let chunk = match field.chunk().await {
                        Ok(Some(c)) => c,
                        Ok(None) => break,
                        Err(e) => return Err(upload_problem(e, limit, lang)),
                    };
                    text.extend_from_slice(&chunk);
                    if text.len() > MAX_TEXT_FIELD {
                        return Err(too_large());
                    }
                }
                fields.insert(key, String::from_utf8_lossy(&text).into_owned());
            }
        }
    }
    if out.is_empty() {
        return Err(problem(
            StatusCode::BAD_REQUEST,
            match lang {
                Lang::Ja => "ファイルがありません",
                Lang::En => "no file was sent",
            },
        ));
    }
    Ok((out, fields))
}

/// The longest text field a form may send (a name, a reason).
const MAX_TEXT_FIELD: usize = 64 * 1024;

/// 413, saying the limit.
fn upload_too_large(limit: u64, lang: Lang) -> Response {
    let mb = limit.div_ceil(1024 * 1024);
    problem(
        StatusCode::PAYLOAD_TOO_LARGE,
        match lang {
            Lang::Ja => format!("ファイルが大きすぎます（送れるのは 1 回 {mb} MB までです）"),
            Lang::En => format!("the upload is larger than allowed ({mb} MB at most)"),
        },
    )
}

fn upload_problem(e: axum::extract::multipart::MultipartError, limit: u64, lang: Lang) -> Response {
    match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => upload_too_large(limit, lang),
        status => problem(status, e.body_text()),
    }
}

/// The language and the files of a request from the page; anything else is refused.
async fn page_uploads(
    state: &ServeState,
    q: &LangQuery,
    headers: &HeaderMap,
    form: Multipart,
) -> Result<(Lang, Vec<Upload>, Reserved), Response> {
    page_form(state, q, headers, form)
        .await
        .map(|(lang, files, _, reserved)| (lang, files, reserved))
}

/// As `page_uploads`, with the form's text fields.
async fn page_form(
    state: &ServeState,
    q: &LangQuery,
    headers: &HeaderMap,
    form: Multipart,
) -> Result<(Lang, Vec<Upload>, Fields, Reserved), Response> {
    let lang = q.lang(state.lang);
    if !from_page(headers) {
        return Err(problem(StatusCode::FORBIDDEN, "not from the page"));
    }
    let limit = state.upload_limit() as u64;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    // Over the limit by its own word: refused before a byte of it is read.
    if declared.is_some_and(|n| n > limit + MULTIPART_OVERHEAD) {
        return Err(upload_too_large(limit, lang));
    }
    let kib = declared.unwrap_or(limit).min(limit).div_ceil(1024).max(1) as u32;
    let room = state.budget.room_kib.clone();
    let reserved = match tokio::time::timeout(BUDGET_WAIT, room.acquire_many_owned(kib)).await {
        Ok(Ok(permit)) => Reserved(permit),
        _ => return Err(problem(
            StatusCode::SERVICE_UNAVAILABLE,
            match lang {
                Lang::Ja => {
                    "ただいま多くのファイルを受け付けています。しばらくしてから送り直してください"
                }
                Lang::En => "many files are being received now; send again in a while",
            },
        )),
    };
    let (files, fields) = uploads(state, form, lang).await?;
    Ok((lang, files, fields, reserved))
}

/// What a multipart body adds around its files (boundaries, part headers, text fields).
const MULTIPART_OVERHEAD: u64 = 1024 * 1024;

/// The files checked in an upload folder of their own, then `answer` made of what was found
/// while the folder is still there.
async fn check_files<T: Send + 'static>(
    state: &Arc<ServeState>,
    files: Vec<Upload>,
    answer: impl FnOnce(
            &ServeState,
            &std::path::Path,
            &[crate::outcome::FileOutcome],
            &[PathBuf],
        ) -> anyhow::Result<T>
        + Send
        + 'static,
) -> Result<T, Response> {
    checked(state, move |s| {
        let dir = UploadDir::create(&s.upload_root)?;
        let (outcomes, paths) = selfcheck::check_uploads(&dir.path, &files, &s.settings)?;
        answer(s, &dir.path, &outcomes, &paths)
    })
    .await
}

async fn check(
    State(state): State<Arc<ServeState>>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let (lang, files, _reserved) = match page_uploads(&state, &q, &headers, form).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    // Opened through a 課's link: each file is also told whether that 課 can submit it.
    let linked = state.round.as_ref().and_then(|round| {
        key_of(&headers).and_then(|k| links::Links::of_round(&round.dir).department_of(&k))
    });
    let answer = check_files(&state, files, move |s, _, outcomes, paths| {
        Ok(selfcheck::answers(
            outcomes,
            paths,
            &s.settings,
            lang,
            linked.as_deref(),
        ))
    })
    .await;
    match answer {
        Ok(files) => Json(serde_json::json!({ "files": files })).into_response(),
        Err(r) => r,
    }
}

async fn feedback(
    State(state): State<Arc<ServeState>>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let (lang, files, _reserved) = match page_uploads(&state, &q, &headers, form).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let book = check_files(&state, files, move |s, dir, outcomes, _| {
        selfcheck::feedback_bytes(dir, outcomes, &s.settings, lang)
    })
    .await;
    match book {
        Ok(feedback) => feedback_download(feedback),
        Err(r) => r,
    }
}

/// The annotated copy of the one file sent; 422 with the reason for a format it cannot be
/// made of.
async fn annotated(
    State(state): State<Arc<ServeState>>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let (lang, mut files, _reserved) = match page_uploads(&state, &q, &headers, form).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    files.truncate(1);
    let copy = check_files(&state, files, move |s, dir, outcomes, _| {
        selfcheck::annotated_bytes(dir, outcomes, &s.settings, lang)
    })
    .await;
    match copy {
        Ok(selfcheck::AnnotatedCopy::Copy(name, bytes)) => xlsx_download(&name, bytes),
        Ok(selfcheck::AnnotatedCopy::Refused(why)) => {
            problem(StatusCode::UNPROCESSABLE_ENTITY, why)
        }
        Ok(selfcheck::AnnotatedCopy::NotXlsx) => problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            match lang {
                Lang::Ja => {
                    "注記付きの写しは xlsx と xlsm だけです。フィードバックのブックをご覧ください"
                }
                Lang::En => "only xlsx and xlsm get an annotated copy; see the feedback workbook",
            },
        ),
        Err(r) => r,
    }
}

/// The header the page sends the token of the 課's 提出 link in (from its `?k=`).
pub const KEY_HEADER: &str = "x-hyoka-key";

fn key_of(headers: &HeaderMap) -> Option<String> {
    headers
        .get(KEY_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// What the page needs to know: whether it can submit, and as which departments. Once the
/// round has links, only a page opened through one submits, as its 課.
async fn info(State(state): State<Arc<ServeState>>, headers: HeaderMap) -> Response {
    let names = state
        .settings
        .config
        .departments
        .as_ref()
        .map(|d| d.names.clone());
    let (submit, linked, department) = match &state.round {
        None => (false, false, None),
        Some(round) => {
            let links = links::Links::of_round(&round.dir);
            let linked = links.issued().map(|l| !l.is_empty()).unwrap_or(true);
            let department = key_of(&headers).and_then(|k| links.department_of(&k));
            (department.is_some(), linked, department)
        }
    };
    // Through a 課's link: the reasons the office returned to it, with the office's notes.
    let returned: Vec<round::Returned> = match (&state.round, &department) {
        (Some(round), Some(d)) => round
            .returned()
            .into_iter()
            .filter(|r| r.file.split('/').next() == Some(d.as_str()))
            .collect(),
        _ => Vec::new(),
    };
    Json(serde_json::json!({
        "submit": submit,
        "office": state.office.is_some(),
        "linked": linked,
        "department": department,
        "departments": names,
        "returned": returned,
    }))
    .into_response()
}

/// 提出: the one file sent, checked again and stored in the round; refused with 422 and the
/// reason when it cannot be read or has errors and no reason typed.
async fn submit(
    State(state): State<Arc<ServeState>>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let (lang, mut files, mut fields, _reserved) = match page_form(&state, &q, &headers, form).await
    {
        Ok(x) => x,
        Err(r) => return r,
    };
    if state.round.is_none() {
        return problem(
            StatusCode::NOT_FOUND,
            match lang {
                Lang::Ja => "提出先がありません（hyoka serve --round で始めてください）",
                Lang::En => "there is nowhere to submit to (start hyoka serve with --round)",
            },
        );
    }
    let mut take = |k: &str| fields.remove(k).unwrap_or_default();
    let (department, by, reason) = (take("department"), take("by"), take("reason"));
    let key = key_of(&headers);
    let file = files.swap_remove(0);
    let done = checked(&state, move |s| {
        let round = s
            .round
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("no round"))?;
        let work = UploadDir::create(&s.upload_root)?;
        round.submit(
            round::Submission {
                department,
                by,
                reason,
                file,
                key,
            },
            &s.settings,
            &work.path,
            lang,
        )
    })
    .await;
    match done {
        Ok(r @ round::Submitted::Stored(_)) => Json(r).into_response(),
        Ok(r @ round::Submitted::Refused { .. }) => {
            (StatusCode::UNPROCESSABLE_ENTITY, Json(r)).into_response()
        }
        Err(r) => r,
    }
}

/// The certificate and key the page is served over HTTPS with.
pub struct Tls {
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// Serves until Ctrl-C: over HTTPS with `tls`, else plain HTTP (said at start-up: the office
/// password and its cookie then cross the network in clear).
pub fn run(
    addr: std::net::SocketAddr,
    state: ServeState,
    max_upload_bytes: usize,
    tls: Option<Tls>,
) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener =
            std::net::TcpListener::bind(addr).map_err(|e| anyhow::anyhow!("{addr}: {e}"))?;
        listener.set_nonblocking(true)?;
        let lang = state.lang;
        let at = listener.local_addr()?;
        let config = match &tls {
            Some(t) => Some(
                axum_server::tls_rustls::RustlsConfig::from_pem_file(&t.cert, &t.key)
                    .await
                    .map_err(|e| {
                        anyhow::anyhow!("{} / {}: {e}", t.cert.display(), t.key.display())
                    })?,
            ),
            None => None,
        };
        let scheme = if config.is_some() { "https" } else { "http" };
        eprintln!(
            "{}",
            match lang {
                Lang::Ja => format!("hyoka serve: {scheme}://{at}/ で待っています（Ctrl-C で終了）"),
                Lang::En => format!("hyoka serve: listening on {scheme}://{at}/ (Ctrl-C to stop)"),
            }
        );
        if config.is_none() {
            eprintln!(
                "{}",
                match lang {
                    Lang::Ja => "hyoka serve: 平文の HTTP です。事務局のパスワードと cookie は暗号化されずにネットワークを通ります。--tls-cert と --tls-key で HTTPS にしてください",
                    Lang::En => "hyoka serve: plain HTTP: the office password and its cookie cross the network in clear; serve HTTPS with --tls-cert and --tls-key",
                }
            );
        }
        if let (Some(round), Some(_)) = (&state.round, &state.office) {
            eprintln!(
                "{}",
                match lang {
                    Lang::Ja => format!(
                        "hyoka serve: 事務局の画面 {scheme}://{at}/office（提出先 {}）",
                        round.dir.display()
                    ),
                    Lang::En => format!(
                        "hyoka serve: the office view is {scheme}://{at}/office (round {})",
                        round.dir.display()
                    ),
                }
            );
        }
        // Each request knows the address it came from (the office's login throttle).
        let app = router(Arc::new(state), max_upload_bytes)
            .into_make_service_with_connect_info::<std::net::SocketAddr>();
        match config {
            None => {
                axum::serve(tokio::net::TcpListener::from_std(listener)?, app)
                    .with_graceful_shutdown(async {
                        let _ = tokio::signal::ctrl_c().await;
                    })
                    .await?
            }
            Some(config) => {
                let handle = axum_server::Handle::new();
                let stop = handle.clone();
                tokio::spawn(async move {
                    let _ = tokio::signal::ctrl_c().await;
                    stop.graceful_shutdown(Some(std::time::Duration::from_secs(5)));
                });
                axum_server::from_tcp_rustls(listener, config)?
                    .handle(handle)
                    .serve(app)
                    .await?
            }
        }
        Ok(())
    })
}
