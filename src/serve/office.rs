//! The office view: the round's departments with their status, each department's feedback
//! workbook, and `consolidate` on the round, behind the password of hyoka.toml.
//!
//! The password is kept only as an argon2 hash (`hyoka hash-password`). A login gives a
//! random session token in a cookie that scripts cannot read (HttpOnly) and other sites'
//! requests do not carry (SameSite=Strict), limited to `/office`; the department pages never
//! link here and every office answer needs the session.

use super::http;
use super::http::{feedback_download, from_page, problem, LangQuery, XLSX};
use super::session::{password_matches, Job, JobState, Office, COOKIE, OUTPUTS, SESSION};
use super::state::{checked, ServeState};
use crate::i18n::Lang;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use std::sync::Arc;
use std::time::Duration;

/// The office's answers need a round, a password and a session; `Err` is the refusal.
fn office_of<'s>(
    state: &'s ServeState,
    headers: &HeaderMap,
    lang: Lang,
) -> Result<&'s Office, Response> {
    let office = office_configured(state, lang)?;
    if !office.has_session(headers) {
        return Err(problem(
            StatusCode::UNAUTHORIZED,
            lang.pick("ログインしてください", "log in first"),
        ));
    }
    Ok(office)
}

/// A request of the office's session that changes something: it must also come from the
/// office's own page.
fn office_change(state: &ServeState, headers: &HeaderMap, lang: Lang) -> Result<(), Response> {
    office_of(state, headers, lang)?;
    if !from_page(headers) {
        return Err(problem(StatusCode::FORBIDDEN, "not from the page"));
    }
    Ok(())
}

/// The office view, when the server has a round and a password; `Err` says why not.
fn office_configured(state: &ServeState, lang: Lang) -> Result<&Office, Response> {
    let Some(office) = &state.office else {
        return Err(problem(
            StatusCode::NOT_FOUND,
            lang.pick("事務局の画面は使えません: hyoka serve --round と hyoka.toml の [serve] office_password_hash が必要です",
                "the office view is off: it needs hyoka serve --round and [serve] office_password_hash in hyoka.toml",
            ),
        ));
    };
    Ok(office)
}

pub(crate) async fn page() -> Html<&'static str> {
    Html(super::page::OFFICE_HTML)
}

#[derive(serde::Deserialize)]
pub struct Login {
    password: String,
}

pub(crate) async fn login(
    State(state): State<Arc<ServeState>>,
    Query(q): Query<LangQuery>,
    extensions: axum::http::Extensions,
    headers: HeaderMap,
    Json(form): Json<Login>,
) -> Response {
    // The address the connection came from (behind a proxy, the proxy's: one client).
    let client = extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
    let lang = q.lang(state.lang);
    if !from_page(&headers) {
        return problem(StatusCode::FORBIDDEN, "not from the page");
    }
    let office = match office_configured(&state, lang) {
        Ok(o) => o,
        Err(r) => return r,
    };
    if let Some(wait) = office.penalty(client) {
        let secs = wait.as_secs() + 1;
        let mut r = problem(
            StatusCode::TOO_MANY_REQUESTS,
            match lang {
                Lang::Ja => {
                    format!("パスワードの誤りが続いたため、{secs} 秒後にもう一度お試しください")
                }
                Lang::En => format!("too many wrong passwords: try again in {secs} s"),
            },
        );
        if let Ok(v) = header::HeaderValue::from_str(&secs.to_string()) {
            r.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return r;
    }
    let ok = {
        let Ok(_turn) = office.logins.acquire().await else {
            return problem(StatusCode::SERVICE_UNAVAILABLE, "closing");
        };
        let hash = office.hash.clone();
        // argon2 is slow on purpose: off the async threads.
        tokio::task::spawn_blocking(move || password_matches(&hash, &form.password))
            .await
            .unwrap_or(false)
    };
    if !ok {
        // This client waits before its next try; the answer itself takes a second too.
        office.failed(client);
        tokio::time::sleep(Duration::from_secs(1)).await;
        return problem(
            StatusCode::UNAUTHORIZED,
            lang.pick("パスワードが違います", "wrong password"),
        );
    }
    office.succeeded(client);
    match office.open_session() {
        Ok(token) => (
            StatusCode::NO_CONTENT,
            [(
                header::SET_COOKIE,
                format!(
                    "{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/office; Max-Age={}",
                    SESSION.as_secs()
                ),
            )],
        )
            .into_response(),
        Err(e) => problem(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

pub(crate) async fn logout(State(state): State<Arc<ServeState>>, headers: HeaderMap) -> Response {
    if !from_page(&headers) {
        return problem(StatusCode::FORBIDDEN, "not from the page");
    }
    if let Some(o) = &state.office {
        o.close_session(&headers);
    }
    (
        StatusCode::NO_CONTENT,
        [(
            header::SET_COOKIE,
            format!("{COOKIE}=; HttpOnly; SameSite=Strict; Path=/office; Max-Age=0"),
        )],
    )
        .into_response()
}

/// The round now: every department with its status and counts, and the consolidate.
pub(crate) async fn round(
    State(state): State<Arc<ServeState>>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = q.lang(state.lang);
    if let Err(r) = office_of(&state, &headers, lang) {
        return r;
    }
    let s = state.clone();
    let view = tokio::task::spawn_blocking(move || {
        let round = s
            .round
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("no round"))?;
        round.view(&s.settings)
    })
    .await;
    match view {
        Ok(Ok(view)) => {
            let job = state.job.lock().unwrap_or_else(|e| e.into_inner()).clone();
            // The 課 with a 提出 link, and when it was issued (never the token or its hash).
            let links: Vec<serde_json::Value> = state
                .round
                .as_ref()
                .and_then(|r| super::links::Links::of_round(&r.dir).issued().ok())
                .unwrap_or_default()
                .into_iter()
                .map(|l| serde_json::json!({ "department": l.department, "issued": l.issued }))
                .collect();
            Json(serde_json::json!({
                "round": state.round.as_ref().map(|r| r.dir.display().to_string()),
                "view": &*view,
                "consolidation": job,
                "links": links,
            }))
            .into_response()
        }
        Ok(Err(e)) => problem(StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}")),
        Err(e) => problem(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

#[derive(serde::Deserialize)]
pub struct DepartmentQuery {
    department: String,
    lang: Option<String>,
}

/// The feedback workbook of one department's current files, checked with the round.
pub(crate) async fn report(
    State(state): State<Arc<ServeState>>,
    Query(q): Query<DepartmentQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = LangQuery {
        lang: q.lang.clone(),
    }
    .lang(state.lang);
    if let Err(r) = office_of(&state, &headers, lang) {
        return r;
    }
    let dept = q.department.clone();
    // A whole-round check: it waits for a check slot as an upload does.
    let book = checked(
        &state,
        move |s| -> anyhow::Result<Option<super::selfcheck::Feedback>> {
            let round = s
                .round
                .as_ref()
                .ok_or_else(|| anyhow::anyhow!("no round"))?;
            let (inputs, outcomes) = round.check(&s.settings)?;
            let mine: Vec<crate::outcome::FileOutcome> = inputs
                .iter()
                .zip(outcomes)
                .filter(|(i, o)| {
                    round.department_of(&i.path).as_deref() == Some(dept.as_str())
                        && o.status != crate::outcome::Status::Ignored
                })
                .map(|(_, o)| o)
                .collect();
            if mine.is_empty() {
                return Ok(None);
            }
            let dir = super::selfcheck::UploadDir::create(&s.upload_root)?;
            super::selfcheck::feedback_bytes(&dir.path, &mine, &s.settings, lang).map(Some)
        },
    )
    .await;
    match book {
        Ok(Some(feedback)) => feedback_download(feedback),
        Ok(None) => problem(
            StatusCode::NOT_FOUND,
            lang.pick(
                "この課の提出はまだありません",
                "this department has submitted nothing yet",
            ),
        ),
        Err(r) => r,
    }
}

/// Starts `consolidate` on the round; the view follows it through `round`.
pub(crate) async fn consolidate(
    State(state): State<Arc<ServeState>>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = q.lang(state.lang);
    if let Err(r) = office_change(&state, &headers, lang) {
        return r;
    }
    let (Some(round), Some(_)) = (&state.round, &state.consolidate) else {
        return problem(StatusCode::NOT_FOUND, "no round");
    };
    {
        let mut job = state.job.lock().unwrap_or_else(|e| e.into_inner());
        if job.state == JobState::Running {
            return problem(
                StatusCode::CONFLICT,
                lang.pick("集約はすでに実行中です", "consolidate is already running"),
            );
        }
        *job = Job {
            state: JobState::Running,
            started: Some(super::clock::now().0),
            ..Job::default()
        };
    }
    let (dir, out) = (round.dir.clone(), round.out_dir());
    let s = state.clone();
    tokio::task::spawn_blocking(move || {
        let tick = |done: usize, total: usize| {
            let mut job = s.job.lock().unwrap_or_else(|e| e.into_inner());
            (job.done, job.total) = (done, total);
        };
        // A panic must not leave the view saying "running" for ever.
        let run = match &s.consolidate {
            Some(c) => {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| c(&dir, &out, &tick)))
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("consolidate stopped unexpectedly")))
            }
            None => Err(anyhow::anyhow!("no round")),
        };
        let mut job = s.job.lock().unwrap_or_else(|e| e.into_inner());
        job.finished = Some(super::clock::now().0);
        match run {
            Ok(_) => {
                job.state = JobState::Done;
                job.outputs = OUTPUTS
                    .iter()
                    .filter(|n| out.join(n).is_file())
                    .map(|n| n.to_string())
                    .collect();
            }
            Err(e) => {
                job.state = JobState::Failed;
                job.message = Some(format!("{e:#}"));
            }
        }
    });
    (
        StatusCode::ACCEPTED,
        Json(serde_json::json!({ "state": "running" })),
    )
        .into_response()
}

/// One output of the round's consolidate, by its name in `OUTPUTS`.
pub(crate) async fn download(
    State(state): State<Arc<ServeState>>,
    UrlPath(name): UrlPath<String>,
    headers: HeaderMap,
) -> Response {
    let lang = state.lang;
    if let Err(r) = office_of(&state, &headers, lang) {
        return r;
    }
    let (Some(round), true) = (&state.round, OUTPUTS.contains(&name.as_str())) else {
        return problem(StatusCode::NOT_FOUND, "no such output");
    };
    // While a consolidate runs, the last one's outputs are being replaced.
    if state.job.lock().unwrap_or_else(|e| e.into_inner()).state == JobState::Running {
        return problem(
            StatusCode::CONFLICT,
            lang.pick(
                "集約中です。終わってからダウンロードしてください",
                "consolidate is running; download when it is done",
            ),
        );
    }
    match std::fs::read(round.out_dir().join(&name)) {
        Ok(bytes) => {
            let kind = match name.rsplit('.').next() {
                Some("json") => "application/json",
                Some("csv") => "text/csv; charset=utf-8",
                _ => XLSX,
            };
            // The outputs' names are ASCII: each is its own plain name.
            http::download(&name, &name, kind, bytes)
        }
        Err(_) => problem(
            StatusCode::NOT_FOUND,
            lang.pick("まだ集約していません", "not consolidated yet"),
        ),
    }
}

#[derive(serde::Deserialize)]
pub struct RevokeLink {
    department: String,
}

/// Revokes a 課's 提出 link: the page opened through it checks but no longer submits.
pub(crate) async fn revoke_link(
    State(state): State<Arc<ServeState>>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
    Json(form): Json<RevokeLink>,
) -> Response {
    let lang = q.lang(state.lang);
    if let Err(r) = office_change(&state, &headers, lang) {
        return r;
    }
    let Some(round) = &state.round else {
        return problem(StatusCode::NOT_FOUND, "no round");
    };
    match super::links::Links::of_round(&round.dir).revoke(&form.department) {
        Ok(true) => StatusCode::NO_CONTENT.into_response(),
        Ok(false) => problem(
            StatusCode::NOT_FOUND,
            lang.pick("その課のリンクはありません", "that department has no link"),
        ),
        Err(e) => problem(StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}")),
    }
}

#[derive(serde::Deserialize)]
pub struct Answer {
    /// `<課>/<file>` inside the round.
    file: String,
    /// The office's note, when it returns the reason.
    #[serde(default)]
    note: String,
}

/// The office approves a file's reasons (its errors become accepted findings), or returns
/// them with a note (`/office/api/return`): the department reads it on its page.
pub(crate) async fn approve(
    state: State<Arc<ServeState>>,
    q: Query<LangQuery>,
    headers: HeaderMap,
    form: Json<Answer>,
) -> Response {
    answer_reason(state, q, headers, form, true).await
}

pub(crate) async fn give_back(
    state: State<Arc<ServeState>>,
    q: Query<LangQuery>,
    headers: HeaderMap,
    form: Json<Answer>,
) -> Response {
    answer_reason(state, q, headers, form, false).await
}

async fn answer_reason(
    State(state): State<Arc<ServeState>>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
    Json(form): Json<Answer>,
    approved: bool,
) -> Response {
    let lang = q.lang(state.lang);
    if let Err(r) = office_change(&state, &headers, lang) {
        return r;
    }
    if !approved && form.note.trim().is_empty() {
        return problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            lang.pick("差し戻す理由を書いてください", "write why it is returned"),
        );
    }
    let s = state.clone();
    let done = tokio::task::spawn_blocking(move || {
        let round = s
            .round
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("no round"))?;
        if approved {
            round.approve(&form.file)
        } else {
            round.give_back(&form.file, &form.note)
        }
    })
    .await;
    match done {
        Ok(Ok(0)) => problem(
            StatusCode::NOT_FOUND,
            lang.pick(
                "承認待ちの理由はありません",
                "no reason waits for an answer",
            ),
        ),
        Ok(Ok(n)) => Json(serde_json::json!({ "answered": n })).into_response(),
        Ok(Err(e)) => problem(StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}")),
        Err(e) => problem(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::session::{cookie, hash_password};

    #[test]
    fn a_hash_takes_its_password_only() {
        let h = hash_password("春の評価").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(!h.contains("春の評価"));
        assert!(password_matches(&h, "春の評価"));
        assert!(!password_matches(&h, "春の評価 "));
        assert!(!password_matches("not a hash", "春の評価"));
    }

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            "a=1; hyoka_office=abc; b=2".parse().unwrap(),
        );
        assert_eq!(cookie(&h, COOKIE).as_deref(), Some("abc"));
        assert_eq!(cookie(&h, "c"), None);
    }
}
