//! The office view's password (kept as an argon2 hash), its login sessions, and the round's
//! consolidate it runs: plain state the server holds, apart from the pages that use it.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::http::{header, HeaderMap};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The session cookie's name.
pub const COOKIE: &str = "hyoka_office";
/// How long a login lasts.
pub(crate) const SESSION: Duration = Duration::from_secs(8 * 60 * 60);

/// The argon2 hash of a password, as hyoka.toml keeps it.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| anyhow::anyhow!("random salt: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .to_string())
}

/// Whether `password` is the one `hash` was made of.
pub fn password_matches(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// The office's password and the sessions logged in with it.
pub struct Office {
    pub(crate) hash: String,
    pub(crate) sessions: Mutex<HashMap<String, Instant>>,
    /// At most two passwords are hashed at once: argon2's memory is not taken many times
    /// over.
    pub(crate) logins: tokio::sync::Semaphore,
    /// Per client address: wrong passwords so far, and until when the next try is refused.
    /// A client guessing waits longer each time; the office logging in elsewhere does not.
    pub(crate) failures: Mutex<HashMap<std::net::IpAddr, (u32, Instant)>>,
}

/// The longest a client guessing passwords waits between tries.
const MAX_PENALTY: Duration = Duration::from_secs(30);

impl Office {
    pub fn new(hash: String) -> Office {
        Office {
            hash,
            sessions: Mutex::new(HashMap::new()),
            logins: tokio::sync::Semaphore::new(2),
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// How long this client must still wait before its next try.
    pub(crate) fn penalty(&self, client: std::net::IpAddr) -> Option<Duration> {
        let f = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let (_, until) = f.get(&client)?;
        until.checked_duration_since(Instant::now())
    }

    /// A wrong password from this client: 1, 2, 4 … seconds before its next try, 30 at most.
    pub(crate) fn failed(&self, client: std::net::IpAddr) {
        let mut f = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        // Old entries go: the map holds the clients of the last half hour at most.
        f.retain(|_, (_, until)| until.elapsed() < 60 * MAX_PENALTY);
        let (count, until) = f.entry(client).or_insert((0, Instant::now()));
        *count += 1;
        let wait = Duration::from_secs(1u64 << (*count - 1).min(5)).min(MAX_PENALTY);
        *until = Instant::now() + wait;
    }

    pub(crate) fn succeeded(&self, client: std::net::IpAddr) {
        let mut f = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        f.remove(&client);
    }

    pub(crate) fn open_session(&self) -> anyhow::Result<String> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("random token: {e}"))?;
        let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let mut s = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        s.retain(|_, at| at.elapsed() < SESSION);
        s.insert(token.clone(), Instant::now());
        Ok(token)
    }

    pub(crate) fn has_session(&self, headers: &HeaderMap) -> bool {
        let Some(token) = cookie(headers, COOKIE) else {
            return false;
        };
        let s = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        s.get(&token).is_some_and(|at| at.elapsed() < SESSION)
    }

    pub(crate) fn close_session(&self, headers: &HeaderMap) {
        if let Some(token) = cookie(headers, COOKIE) {
            let mut s = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
            s.remove(&token);
        }
    }
}

pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The consolidate of the round the office started, as the view shows it.
/// Where the office's consolidate stands; the page reads the lowercase word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum JobState {
    #[default]
    Idle,
    Running,
    Done,
    Failed,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Job {
    pub state: JobState,
    pub done: usize,
    pub total: usize,
    pub started: Option<String>,
    pub finished: Option<String>,
    pub message: Option<String>,
    /// The outputs that can be downloaded (names in `OUTPUTS`).
    pub outputs: Vec<String>,
}

/// The outputs of the round's consolidate the office view offers, by name: nothing else
/// of the folder is served.
pub const OUTPUTS: &[&str] = &[
    "consolidated.xlsx",
    "report.xlsx",
    "report.json",
    "consolidated.csv",
];

/// Runs `consolidate` on the round into the output folder, calling the hook with (files
/// done, files in all). Given by the command line, which owns the run.
pub type Consolidate =
    Box<dyn Fn(&Path, &Path, &(dyn Fn(usize, usize) + Sync)) -> anyhow::Result<u8> + Send + Sync>;
