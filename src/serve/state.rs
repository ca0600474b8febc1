//! What the server runs with: the check settings, the round, the office's state, the slots
//! checks run in and the budget uploads are received within.

use super::http::problem;
use super::selfcheck::CheckSettings;
use crate::i18n::Lang;
use axum::http::StatusCode;
use axum::response::Response;
use std::path::PathBuf;
use std::sync::Arc;

/// What the server runs with.
pub struct ServeState {
    pub settings: CheckSettings,
    /// Where each request's upload folder is made.
    pub upload_root: PathBuf,
    pub lang: Lang,
    pub(crate) checks: Arc<tokio::sync::Semaphore>,
    /// Checks running now, and the most that ever ran at once (the load test reads it).
    pub(crate) running: std::sync::atomic::AtomicUsize,
    pub(crate) peak: std::sync::atomic::AtomicUsize,
    /// The round submissions go into (`--round`); without it the page only checks.
    pub round: Option<super::round::Round>,
    /// The office view's password and sessions; without it the office view is closed.
    pub office: Option<super::session::Office>,
    pub consolidate: Option<super::session::Consolidate>,
    pub job: std::sync::Mutex<super::session::Job>,
    /// Names the page is reached by (`--host`), besides IP addresses and localhost.
    pub hosts: Vec<String>,
    /// The largest upload (set by `router`), and the room for uploads received at once.
    pub(crate) upload_limit: std::sync::atomic::AtomicUsize,
    pub(crate) budget: UploadBudget,
}

impl ServeState {
    pub fn new(
        settings: CheckSettings,
        upload_root: PathBuf,
        lang: Lang,
        max_checks: usize,
    ) -> ServeState {
        ServeState {
            settings,
            upload_root,
            lang,
            checks: Arc::new(tokio::sync::Semaphore::new(max_checks.max(1))),
            running: Default::default(),
            peak: Default::default(),
            round: None,
            office: None,
            consolidate: None,
            job: std::sync::Mutex::new(super::session::Job {
                state: super::session::JobState::Idle,
                ..Default::default()
            }),
            hosts: Vec::new(),
            upload_limit: std::sync::atomic::AtomicUsize::new(0),
            budget: UploadBudget {
                room_kib: Arc::new(tokio::sync::Semaphore::new(0)),
            },
        }
    }

    /// The largest upload a request may carry.
    pub fn upload_limit(&self) -> usize {
        self.upload_limit.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Answers requests addressed to these names too.
    pub fn with_hosts(mut self, hosts: Vec<String>) -> ServeState {
        self.hosts = hosts
            .into_iter()
            .map(|h| h.trim().to_ascii_lowercase())
            .collect();
        self
    }

    /// Takes submissions into `round`; the office view opens with a password hash.
    pub fn with_round(
        mut self,
        round: super::round::Round,
        password_hash: Option<String>,
        consolidate: super::session::Consolidate,
    ) -> ServeState {
        self.round = Some(round);
        self.office = password_hash.map(super::session::Office::new);
        self.consolidate = Some(consolidate);
        self
    }

    /// The most checks that ran at the same time so far.
    pub fn peak_checks(&self) -> usize {
        self.peak.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// The bytes of uploads being received at once, across all requests, are held to a budget:
/// each request reserves what it declares (the limit when it declares nothing) before its
/// body is read, waits a while for room, and is turned away with 503 when none comes.
pub struct UploadBudget {
    pub(crate) room_kib: Arc<tokio::sync::Semaphore>,
}

/// How many uploads at the limit may be received at once.
pub(crate) const UPLOADS_AT_ONCE: usize = 4;

/// How long a request waits for room in the budget.
pub(crate) const BUDGET_WAIT: std::time::Duration = std::time::Duration::from_secs(20);

/// A request's reservation in the budget, given back when the request is answered.
pub struct Reserved(#[allow(dead_code)] pub(crate) tokio::sync::OwnedSemaphorePermit);

/// Runs `work` on the blocking pool once a check slot is free.
pub(crate) async fn checked<T: Send + 'static>(
    state: &Arc<ServeState>,
    work: impl FnOnce(&ServeState) -> anyhow::Result<T> + Send + 'static,
) -> Result<T, Response> {
    let permit = state
        .checks
        .clone()
        .acquire_owned()
        .await
        .map_err(|e| problem(StatusCode::SERVICE_UNAVAILABLE, e.to_string()))?;
    let s = state.clone();
    tokio::task::spawn_blocking(move || {
        use std::sync::atomic::Ordering::SeqCst;
        let _slot = permit;
        let now = s.running.fetch_add(1, SeqCst) + 1;
        s.peak.fetch_max(now, SeqCst);
        let result = work(&s);
        s.running.fetch_sub(1, SeqCst);
        result
    })
    .await
    .map_err(|e| problem(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
    .map_err(|e| problem(StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}")))
}
