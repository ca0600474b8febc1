//! 提出 and the office view, driven through the router: what a submission stores and
//! refuses, the reasons that become accepted findings, the versions kept, the office's
//! login, its view of the round and its consolidate; then the round read by the command line.

use crate::common::{hyoka, read_json, repo};
use crate::loopback::{http, peak_mib, serve, BOUNDARY};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use hyoka::check::CheckConfig;
use hyoka::i18n::Lang;
use hyoka::read::Limits;
use hyoka::serve::round::Round;
use hyoka::serve::selfcheck::CheckSettings;
use hyoka::serve::{router, ServeState, PAGE_HEADER};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower::ServiceExt;

pub const PASSWORD: &str = "office-password-1";
const DEPARTMENTS: &[&str] = &["職員課", "総務課", "財政課", "広報課"];
/// A sample with one planted error (derived-overwritten at D19).
pub const WITH_ERROR: &str = "職員課_職員育成推進事業.xlsx";

pub fn sample(name: &str) -> Vec<u8> {
    std::fs::read(repo().join("samples").join(name)).unwrap()
}

/// The round's hyoka.toml: the department list and the office's password hash.
pub fn write_config(dir: &Path) -> PathBuf {
    let hash = hyoka::serve::session::hash_password(PASSWORD).unwrap();
    let names: Vec<String> = DEPARTMENTS.iter().map(|d| format!("\"{d}\"")).collect();
    let text = format!(
        "[departments]\nnames = [{}]\n\n[serve]\noffice_password_hash = \"{hash}\"\n",
        names.join(", ")
    );
    let path = dir.join("hyoka.toml");
    std::fs::write(&path, text).unwrap();
    path
}

struct Office {
    app: axum::Router,
    round: PathBuf,
    /// The 提出 link token of each 課 of the list.
    keys: std::collections::HashMap<String, String>,
    _dir: tempfile::TempDir,
}

impl Office {
    /// A submission from the page opened through the link of the 課 the form names.
    fn submission(&self, fields: &[(&str, &str)], file: (&str, &[u8])) -> Request<Body> {
        let dept = fields
            .iter()
            .find(|(k, _)| *k == "department")
            .map(|(_, v)| *v)
            .unwrap_or("");
        let req = submission(fields, file);
        match self.keys.get(dept) {
            Some(key) => with_key(req, key),
            None => req,
        }
    }
}

fn office() -> Office {
    let dir = tempfile::tempdir().unwrap();
    let config_path = write_config(dir.path());
    let (config, _) = hyoka::config::load(Some(&config_path)).unwrap().unwrap();
    let round = dir.path().join("round");
    let uploads = dir.path().join("uploads");
    std::fs::create_dir_all(&uploads).unwrap();
    let state = ServeState::new(
        CheckSettings {
            forms: hyoka::spec::load_forms(None).unwrap(),
            config: CheckConfig {
                submission_year: None,
                departments: config.department_list(),
            },
            limits: Limits::default(),
            accepted: Vec::new(),
        },
        uploads,
        Lang::Ja,
        2,
    )
    .with_round(
        Round::open(round.clone()).unwrap(),
        config.serve.and_then(|s| s.office_password_hash),
        hyoka::cli::round_consolidate(
            Some(config_path),
            hyoka::cli::CommonArgs {
                templates: None,
                specs: Vec::new(),
                lang: Lang::Ja,
            },
        ),
    );
    let links = hyoka::serve::links::Links::of_round(&round);
    let keys = DEPARTMENTS
        .iter()
        .map(|d| (d.to_string(), links.issue(d).unwrap()))
        .collect();
    Office {
        app: router(Arc::new(state), 4 * 1024 * 1024),
        round,
        keys,
        _dir: dir,
    }
}

fn submission(fields: &[(&str, &str)], file: (&str, &[u8])) -> Request<Body> {
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{}\"\r\nContent-Type: application/octet-stream\r\n\r\n",
            file.0
        )
        .as_bytes(),
    );
    body.extend_from_slice(file.1);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    Request::post("/api/submit")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header(PAGE_HEADER, "1")
        .body(Body::from(body))
        .unwrap()
}

async fn send(
    app: &axum::Router,
    req: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, headers, body)
}

pub fn json(body: &[u8]) -> serde_json::Value {
    serde_json::from_slice(body).unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(body)))
}

fn login(password: &str, from_page: bool) -> Request<Body> {
    let mut r = Request::post("/office/api/login").header("content-type", "application/json");
    if from_page {
        r = r.header(PAGE_HEADER, "1");
    }
    r.body(Body::from(
        serde_json::json!({ "password": password }).to_string(),
    ))
    .unwrap()
}

fn get(uri: &str, cookie: Option<&str>) -> Request<Body> {
    let mut r = Request::get(uri);
    if let Some(c) = cookie {
        r = r.header("cookie", c);
    }
    r.body(Body::empty()).unwrap()
}

pub fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// The reasons waiting for the office's approval.
pub fn pending_entries(round: &Path) -> Vec<hyoka::check::accepted::Acceptance> {
    Round::open(round.to_path_buf()).unwrap().pending().unwrap()
}

/// The office's answer to a file's reasons: `approve`, or `return` with a note.
fn answer(cookie: &str, what: &str, file: &str, note: &str) -> Request<Body> {
    Request::post(format!("/office/api/{what}"))
        .header("cookie", cookie)
        .header(PAGE_HEADER, "1")
        .header("content-type", "application/json")
        .body(Body::from(
            serde_json::json!({ "file": file, "note": note }).to_string(),
        ))
        .unwrap()
}

/// Each department of the office view: name, status, errors, accepted findings.
fn statuses(v: &serde_json::Value) -> Vec<(String, String, u64, u64)> {
    v["view"]["departments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["name"].as_str().unwrap().to_string(),
                d["status"].as_str().unwrap().to_string(),
                d["errors"].as_u64().unwrap(),
                d["accepted"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The office's session cookie.
async fn office_cookie(app: &axum::Router) -> String {
    let (s, h, _) = send(app, login(PASSWORD, true)).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    h["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string()
}

pub fn accepted_entries(round: &Path) -> Vec<hyoka::check::accepted::Acceptance> {
    let path = hyoka::check::accepted::round_file(round);
    hyoka::check::accepted::parse(&std::fs::read_to_string(&path).unwrap(), "accepted").unwrap()
}

#[test]
fn a_submission_with_errors_needs_a_reason_and_lands_as_accepted_once_the_office_approves() {
    let o = office();
    let bytes = sample(WITH_ERROR);
    let stored = o.round.join("職員課").join(WITH_ERROR);
    rt().block_on(async {
        // Errors and no reason: refused, nothing stored.
        let (s, _, body) = send(
            &o.app,
            o.submission(
                &[("department", "職員課"), ("by", "山田 太郎")],
                (WITH_ERROR, &bytes),
            ),
        )
        .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        let v = json(&body);
        assert_eq!(v["outcome"], "refused");
        assert_eq!(v["needs_reason"], true);
        assert!(v["message"].as_str().unwrap().contains("理由"), "{v}");
        assert!(!stored.exists());
        assert!(!hyoka::check::accepted::round_file(&o.round).exists());

        // A blank reason is no reason.
        let (s, _, _) = send(
            &o.app,
            o.submission(
                &[
                    ("department", "職員課"),
                    ("by", "山田 太郎"),
                    ("reason", "  "),
                ],
                (WITH_ERROR, &bytes),
            ),
        )
        .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(!stored.exists());

        // With a reason: stored as sent, its error waiting with the reason for the office.
        let reason = "補助金の精算が3月末のため、実績は確定後に差し替えます";
        let (s, _, body) = send(
            &o.app,
            o.submission(
                &[
                    ("department", "職員課"),
                    ("by", "山田 太郎"),
                    ("reason", reason),
                ],
                (WITH_ERROR, &bytes),
            ),
        )
        .await;
        assert_eq!(s, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
        let v = json(&body);
        assert_eq!(v["outcome"], "stored");
        assert_eq!(v["stored"], format!("職員課/{WITH_ERROR}"));
        assert_eq!(v["pending"], 1);
        assert!(v["kept"].is_null());
        assert_eq!(std::fs::read(&stored).unwrap(), bytes);
        assert!(
            !hyoka::check::accepted::round_file(&o.round).exists()
                || accepted_entries(&o.round).is_empty()
        );
        let entries = pending_entries(&o.round);
        assert_eq!(entries.len(), 1, "{entries:?}");
        let a = &entries[0];
        assert_eq!(a.code, "derived-overwritten");
        assert_eq!(a.cell.as_deref(), Some("D19"));
        assert_eq!(
            a.file.as_deref(),
            Some(format!("職員課/{WITH_ERROR}").as_str())
        );
        assert_eq!((a.reason.as_str(), a.by.as_str()), (reason, "山田 太郎"));

        // Sent again: the earlier version is kept, the reasons are this one's.
        let second = sample(WITH_ERROR);
        let (s, _, body) = send(
            &o.app,
            o.submission(
                &[
                    ("department", "職員課"),
                    ("by", "鈴木"),
                    ("reason", "再提出"),
                ],
                (WITH_ERROR, &second),
            ),
        )
        .await;
        assert_eq!(s, StatusCode::OK);
        let v = json(&body);
        let kept = o.round.join(v["kept"].as_str().unwrap());
        assert!(
            kept.starts_with(o.round.join(".hyoka/versions/職員課")),
            "{kept:?}"
        );
        assert_eq!(std::fs::read(&kept).unwrap(), bytes);
        let entries = pending_entries(&o.round);
        assert_eq!(entries.len(), 1, "{entries:?}");
        assert_eq!(entries[0].reason, "再提出");
        assert_eq!(entries[0].by, "鈴木");

        // The office returns it with a note: still an error, the note kept for the 課.
        let cookie = office_cookie(&o.app).await;
        let inside = format!("職員課/{WITH_ERROR}");
        let (s, _, _) = send(&o.app, answer(&cookie, "return", &inside, "  ")).await;
        assert_eq!(
            s,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a return needs its note"
        );
        let (s, _, _) = send(
            &o.app,
            answer(
                &cookie,
                "return",
                &inside,
                "精算の見込み額を\u{202E}書いてください",
            ),
        )
        .await;
        assert_eq!(s, StatusCode::OK);
        assert!(pending_entries(&o.round).is_empty());
        let round = Round::open(o.round.clone()).unwrap();
        let returned = round.returned();
        assert_eq!(returned.len(), 1);
        assert_eq!(returned[0].note, "精算の見込み額を書いてください");
        // Sent again with a better reason, then approved: the accepted finding.
        let (s, _, _) = send(
            &o.app,
            o.submission(
                &[
                    ("department", "職員課"),
                    ("by", "鈴木"),
                    ("reason", "見込み額 2,429 千円"),
                ],
                (WITH_ERROR, &second),
            ),
        )
        .await;
        assert_eq!(s, StatusCode::OK);
        assert!(
            round.returned().is_empty(),
            "a new version answers the note"
        );
        let (s, _, body) = send(&o.app, answer(&cookie, "approve", &inside, "")).await;
        assert_eq!(s, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
        assert_eq!(json(&body)["answered"], 1);
        assert!(pending_entries(&o.round).is_empty());
        let entries = accepted_entries(&o.round);
        assert_eq!(entries.len(), 1, "{entries:?}");
        assert_eq!(entries[0].reason, "見込み額 2,429 千円");
        // Nothing left to approve.
        let (s, _, _) = send(&o.app, answer(&cookie, "approve", &inside, "")).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        // Only the office: no session, no answer.
        let (s, _, _) = send(
            &o.app,
            answer("hyoka_office=made-up", "approve", &inside, ""),
        )
        .await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);

        // Who sent what when, one line each.
        let log = std::fs::read_to_string(o.round.join(".hyoka/submissions.jsonl")).unwrap();
        let lines: Vec<serde_json::Value> = log.lines().map(|l| json(l.as_bytes())).collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0]["by"], "山田 太郎");
        assert_eq!(lines[1]["by"], "鈴木");
        assert_eq!(lines[1]["pending"], 1);
        assert!(lines[1]["at"].as_str().unwrap().starts_with("20"));
    });
}

#[test]
fn what_a_submission_refuses_and_where_it_cannot_go() {
    let o = office();
    let clean = sample("総務課_押印の見直し事業.xlsx");
    rt().block_on(async {
        let cases: &[(&[(&str, &str)], (&str, &[u8]), &str)] = &[
            // Not on the department list, trying to leave the round, or none: no 課 has
            // such a link, so the page cannot claim one (the names' own rules are unit tests).
            (
                &[("department", "../総務課"), ("by", "佐藤")],
                ("a.xlsx", &clean),
                "リンク",
            ),
            (
                &[("department", "秘書課"), ("by", "佐藤")],
                ("a.xlsx", &clean),
                "リンク",
            ),
            (
                &[("department", ""), ("by", "佐藤")],
                ("a.xlsx", &clean),
                "リンク",
            ),
            // A workbook of another listed 課.
            (
                &[("department", "財政課"), ("by", "佐藤")],
                ("a.xlsx", &clean),
                "このブックの課は「総務課」",
            ),
            // Nobody named.
            (
                &[("department", "総務課"), ("by", " ")],
                ("a.xlsx", &clean),
                "名前",
            ),
            // Not a workbook, or not readable.
            (
                &[("department", "総務課"), ("by", "佐藤")],
                ("notes.txt", &clean),
                "ブック",
            ),
            (
                &[("department", "総務課"), ("by", "佐藤")],
                ("b.xlsx", b"not a zip"),
                "読めない",
            ),
        ];
        for (fields, file, says) in cases {
            let (s, _, body) = send(&o.app, o.submission(fields, *file)).await;
            assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}");
            let v = json(&body);
            assert!(
                v["message"].as_str().unwrap().contains(says),
                "{fields:?}: {v}"
            );
        }
        // Nothing was stored by any of them.
        let stored: Vec<_> = std::fs::read_dir(&o.round)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n != ".hyoka")
            .collect();
        assert!(stored.is_empty(), "{stored:?}");

        // A name with a path in it is stored under its last part, inside the department.
        let (s, _, body) = send(
            &o.app,
            o.submission(
                &[("department", "総務課"), ("by", "佐藤")],
                ("../../押印.xlsx", &clean),
            ),
        )
        .await;
        assert_eq!(s, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
        assert!(o.round.join("総務課/押印.xlsx").is_file());
        assert!(!o.round.parent().unwrap().join("押印.xlsx").exists());

        // Not from the page: refused before anything is read.
        let mut req = o.submission(&[("department", "総務課"), ("by", "x")], ("c.xlsx", &clean));
        req.headers_mut().remove(PAGE_HEADER);
        let (s, _, _) = send(&o.app, req).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
    });
}

#[test]
fn a_submission_that_cannot_be_recorded_leaves_the_round_as_it_was() {
    let o = office();
    let first = sample("総務課_押印の見直し事業.xlsx");
    let other = sample("総務課_取り組み推進項目調書.xlsx");
    let name = "押印.xlsx";
    rt().block_on(async {
        let (s, _, _) = send(
            &o.app,
            o.submission(&[("department", "総務課"), ("by", "佐藤")], (name, &first)),
        )
        .await;
        assert_eq!(s, StatusCode::OK);
        // The accepted file broken by a hand edit: the next submission cannot record its
        // reasons, so it is not stored either.
        let reasons = hyoka::check::accepted::round_file(&o.round);
        std::fs::write(&reasons, "[[accepted]]\ncode = \n").unwrap();
        let again = || {
            o.submission(
                &[("department", "総務課"), ("by", "佐藤"), ("reason", "理由")],
                (name, &other),
            )
        };
        let stored = o.round.join("総務課").join(name);
        let (s, _, body) = send(&o.app, again()).await;
        assert_eq!(s, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(
            String::from_utf8_lossy(&body).contains("accepted.toml"),
            "{}",
            String::from_utf8_lossy(&body)
        );
        assert_eq!(std::fs::read(&stored).unwrap(), first);
        assert!(!o.round.join(".hyoka/versions").exists());

        // The log cannot be written after the workbook was replaced: the earlier version is
        // put back and the reasons are as they were.
        std::fs::remove_file(&reasons).unwrap();
        let log = o.round.join(".hyoka/submissions.jsonl");
        std::fs::rename(&log, o.round.join("log-aside")).unwrap();
        std::fs::create_dir(&log).unwrap();
        let (s, _, _) = send(&o.app, again()).await;
        assert_eq!(s, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(std::fs::read(&stored).unwrap(), first);
        let kept: Vec<_> = std::fs::read_dir(o.round.join(".hyoka/versions/総務課"))
            .unwrap()
            .collect();
        assert!(kept.is_empty(), "{kept:?}");
        assert!(!reasons.exists());
    });
    let log = std::fs::read_to_string(o.round.join("log-aside")).unwrap();
    assert_eq!(log.lines().count(), 1);
}

#[test]
fn the_office_view_follows_the_round_behind_its_password() {
    let o = office();
    let with_error = sample(WITH_ERROR);
    rt().block_on(async {
        // Closed without a session, and to requests not from the page.
        let (s, _, _) = send(&o.app, get("/office/api/round", None)).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        let (s, _, _) = send(&o.app, get("/office/download/consolidated.xlsx", None)).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        let (s, _, _) = send(&o.app, login(PASSWORD, false)).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, h, _) = send(&o.app, login("wrong password", true)).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        assert!(h.get("set-cookie").is_none());
        let (s, _, _) = send(
            &o.app,
            get("/office/api/round", Some("hyoka_office=made-up")),
        )
        .await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);

        let (s, h, _) = send(&o.app, login(PASSWORD, true)).await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let set = h["set-cookie"].to_str().unwrap().to_string();
        for part in ["HttpOnly", "SameSite=Strict", "Path=/office"] {
            assert!(set.contains(part), "{set}");
        }
        let cookie = set.split(';').next().unwrap().to_string();

        // 職員課 sends with a reason; 総務課 sends a clean workbook; a workbook with an error
        // is put into 財政課's folder by hand (no reason anywhere); 広報課 sends nothing.
        for (dept, name, reason) in [
            ("職員課", WITH_ERROR, "精算待ち"),
            ("総務課", "総務課_押印の見直し事業.xlsx", ""),
        ] {
            let (s, _, body) = send(
                &o.app,
                o.submission(
                    &[("department", dept), ("by", "担当"), ("reason", reason)],
                    (name, &sample(name)),
                ),
            )
            .await;
            assert_eq!(s, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
        }
        std::fs::create_dir_all(o.round.join("財政課")).unwrap();
        std::fs::write(o.round.join("財政課/職員育成.xlsx"), &with_error).unwrap();

        let (s, _, body) = send(&o.app, get("/office/api/round", Some(&cookie))).await;
        assert_eq!(s, StatusCode::OK);
        let v = json(&body);
        let status = statuses(&v);
        let want = |n: &str, s: &str, e: u64, a: u64| (n.to_string(), s.to_string(), e, a);
        // 職員課's reason waits for the office: its error is still an error, 承認待ち.
        assert_eq!(status[0], want("職員課", "pending", 1, 0));
        let waiting = &v["view"]["departments"][0]["files"][0];
        assert!(waiting["pending"][0]
            .as_str()
            .unwrap()
            .starts_with("精算待ち（担当、"));
        let inside = waiting["inside"].as_str().unwrap().to_string();
        let (s, _, _) = send(&o.app, answer(&cookie, "approve", &inside, "")).await;
        assert_eq!(s, StatusCode::OK);
        let (_, _, body) = send(&o.app, get("/office/api/round", Some(&cookie))).await;
        let v = json(&body);
        let status = statuses(&v);
        assert_eq!(
            status,
            vec![
                want("職員課", "submitted", 0, 1),
                want("総務課", "submitted", 0, 0),
                want("財政課", "errors", 1, 0),
                want("広報課", "missing", 0, 0),
            ]
        );
        assert_eq!(v["view"]["departments"][0]["by"], "担当");
        // The reason is shown with the file it was given for.
        let reasons = &v["view"]["departments"][0]["files"][0]["reasons"];
        assert_eq!(reasons.as_array().map(|r| r.len()), Some(1), "{reasons}");
        assert!(
            reasons[0].as_str().unwrap().starts_with("精算待ち（担当、"),
            "{reasons}"
        );
        assert_eq!(
            (
                v["view"]["missing"].as_u64(),
                v["view"]["with_errors"].as_u64(),
                v["view"]["submitted"].as_u64()
            ),
            (Some(1), Some(1), Some(2))
        );

        // Each department's feedback workbook.
        let (s, h, body) = send(
            &o.app,
            get(
                "/office/api/report?department=%E8%81%B7%E5%93%A1%E8%AA%B2",
                Some(&cookie),
            ),
        )
        .await;
        assert_eq!(s, StatusCode::OK);
        assert!(h["content-type"]
            .to_str()
            .unwrap()
            .contains("spreadsheetml"));
        assert!(body.starts_with(b"PK"));

        // Consolidate on the round, followed until it is done.
        let (s, _, _) = send(&o.app, get("/office/download/report.json", Some(&cookie))).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let mut req = Request::post("/office/api/consolidate")
            .header("cookie", &cookie)
            .header(PAGE_HEADER, "1")
            .body(Body::empty())
            .unwrap();
        let (s, _, _) = send(&o.app, req).await;
        assert_eq!(s, StatusCode::ACCEPTED);
        let mut job = serde_json::Value::Null;
        for _ in 0..600 {
            let (_, _, body) = send(&o.app, get("/office/api/round", Some(&cookie))).await;
            job = json(&body)["consolidation"].clone();
            if job["state"] != "running" {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(job["state"], "done", "{job}");
        assert_eq!(job["total"], 3, "{job}");
        assert_eq!(job["done"], 3, "{job}");
        let outputs: Vec<&str> = job["outputs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap())
            .collect();
        assert!(outputs.contains(&"consolidated.xlsx"), "{outputs:?}");

        let (s, _, body) = send(&o.app, get("/office/download/report.json", Some(&cookie))).await;
        assert_eq!(s, StatusCode::OK);
        let report = json(&body);
        let accepted: Vec<&serde_json::Value> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["accepted"].is_string())
            .collect();
        assert_eq!(accepted.len(), 1, "{accepted:?}");
        assert_eq!(accepted[0]["severity"], "info");
        assert_eq!(accepted[0]["cell"], "D19");
        assert!(accepted[0]["file"]
            .as_str()
            .unwrap()
            .ends_with(&format!("職員課/{WITH_ERROR}")));
        assert!(accepted[0]["accepted"]
            .as_str()
            .unwrap()
            .contains("精算待ち"));
        // The hand-placed copy's error is still an error: no reason was given for it.
        let errors: Vec<&serde_json::Value> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "error")
            .collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0]["file"].as_str().unwrap().contains("財政課"));
        let (s, _, body) = send(
            &o.app,
            get("/office/download/consolidated.xlsx", Some(&cookie)),
        )
        .await;
        assert_eq!(s, StatusCode::OK);
        assert!(body.starts_with(b"PK"));
        // Only the outputs by name: nothing else of the folder.
        for bad in [
            "/office/download/..%2F..%2Fhyoka.toml",
            "/office/download/feedback",
        ] {
            let (s, _, _) = send(&o.app, get(bad, Some(&cookie))).await;
            assert_eq!(s, StatusCode::NOT_FOUND, "{bad}");
        }

        // Logged out: closed again.
        req = Request::post("/office/api/logout")
            .header("cookie", &cookie)
            .header(PAGE_HEADER, "1")
            .body(Body::empty())
            .unwrap();
        let (s, _, _) = send(&o.app, req).await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let (s, _, _) = send(&o.app, get("/office/api/round", Some(&cookie))).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
    });
}

#[test]
fn the_command_line_reads_a_round_as_the_office_view_does() {
    let o = office();
    rt().block_on(async {
        for reason in ["一回目", "二回目"] {
            let (s, _, _) = send(
                &o.app,
                o.submission(
                    &[("department", "職員課"), ("by", "担当"), ("reason", reason)],
                    (WITH_ERROR, &sample(WITH_ERROR)),
                ),
            )
            .await;
            assert_eq!(s, StatusCode::OK);
        }
        // Before the office approves, the error is an error on the command line too.
        let cookie = office_cookie(&o.app).await;
        let (s, _, _) = send(
            &o.app,
            answer(&cookie, "approve", &format!("職員課/{WITH_ERROR}"), ""),
        )
        .await;
        assert_eq!(s, StatusCode::OK);
    });
    // The earlier version sits in .hyoka/versions: consolidate reads the current one only,
    // with the round's approved reasons.
    let out = tempfile::tempdir().unwrap();
    let run = hyoka(
        &[
            "validate",
            o.round.to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
            "--progress",
            "never",
        ],
        &repo(),
    );
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let report = read_json(out.path().join("report.json"));
    let files: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].ends_with(&format!("職員課/{WITH_ERROR}")));
    assert_eq!(report["files"][0]["status"], "accepted");
    let f = &report["findings"][0];
    assert_eq!(
        (f["severity"].as_str(), f["cell"].as_str()),
        (Some("info"), Some("D19"))
    );
    assert!(f["accepted"].as_str().unwrap().contains("二回目"));
}

/// The body `submission` builds, for a socket.
pub fn body_of(fields: &[(&str, &str)], file: (&str, &[u8])) -> Vec<u8> {
    let req = submission(fields, file);
    rt().block_on(async { req.into_body().collect().await.unwrap().to_bytes().to_vec() })
}

/// Fifty requests at once to `hyoka serve` over loopback: forty self-checks, each answered
/// with its own file's planted finding, and ten 提出 of different files into one
/// department, every one stored, logged and its reason waiting for the office once; the server's
/// memory stays bounded and its upload folders are gone.
#[test]
fn fifty_requests_at_once_over_loopback_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path());
    let round = dir.path().join("round");
    let uploads = dir.path().join("tmp");
    std::fs::create_dir_all(&uploads).unwrap();
    let mut round_arg = vec!["--round".to_string(), round.display().to_string()];
    round_arg.extend(["--config".to_string(), config.display().to_string()]);
    let (mut server, addr) = serve(&["--max-checks", "2"], &round_arg, &uploads);
    let key = hyoka::serve::links::Links::of_round(&round)
        .issue("職員課")
        .unwrap();
    let bytes = sample(WITH_ERROR);
    let threads: Vec<_> = (0..50)
        .map(|i| {
            let (addr, bytes, key) = (addr.clone(), bytes.clone(), key.clone());
            std::thread::spawn(move || {
                let name = format!("職員課_{i:02}.xlsx");
                if i % 5 == 0 {
                    let body = body_of(
                        &[
                            ("department", "職員課"),
                            ("by", "負荷"),
                            ("reason", &format!("理由{i}")),
                        ],
                        (&name, &bytes),
                    );
                    let through = Some(key.as_str());
                    (
                        i,
                        crate::loopback::http_with_key(&addr, "/api/submit", &body, through),
                    )
                } else {
                    let body = crate::loopback::file_body(&name, &bytes);
                    (i, http(&addr, "/api/check", &body))
                }
            })
        })
        .collect();
    let answers: Vec<(usize, (u16, Vec<u8>))> =
        threads.into_iter().map(|t| t.join().unwrap()).collect();
    let peak = peak_mib(server.id());
    let _ = server.kill();
    let _ = server.wait();

    assert_eq!(answers.len(), 50);
    for (i, (status, body)) in &answers {
        assert_eq!(
            *status,
            200,
            "request {i}: {}",
            String::from_utf8_lossy(body)
        );
        let v = json(body);
        let name = format!("職員課_{i:02}.xlsx");
        if i % 5 == 0 {
            assert_eq!(v["stored"], format!("職員課/{name}"), "request {i}");
            assert_eq!(v["pending"], 1, "request {i}");
        } else {
            assert_eq!(v["files"][0]["name"], name, "request {i}");
            let f = &v["files"][0]["sheets"][0]["findings"][0];
            assert_eq!(
                (f["code"].as_str(), f["cell"].as_str()),
                (Some("derived-overwritten"), Some("D19")),
                "request {i}"
            );
        }
    }
    // Every submission is in the round, in the log and among the waiting reasons, once.
    let mut stored: Vec<String> = std::fs::read_dir(round.join("職員課"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    stored.sort();
    let want: Vec<String> = (0..50)
        .filter(|i| i % 5 == 0)
        .map(|i| format!("職員課_{i:02}.xlsx"))
        .collect();
    assert_eq!(stored, want);
    let log = std::fs::read_to_string(round.join(".hyoka/submissions.jsonl")).unwrap();
    assert_eq!(log.lines().count(), 10);
    let mut reasons: Vec<String> = pending_entries(&round)
        .into_iter()
        .map(|a| a.reason)
        .collect();
    reasons.sort();
    let mut want: Vec<String> = (0..50)
        .filter(|i| i % 5 == 0)
        .map(|i| format!("理由{i}"))
        .collect();
    want.sort();
    assert_eq!(reasons, want);
    // Nothing of any upload is left behind.
    let left: Vec<_> = std::fs::read_dir(&uploads).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
    match peak {
        Some(mib) => {
            println!("hyoka serve peak memory over 50 requests at once: {mib} MiB");
            assert!(mib < 150, "hyoka serve held {mib} MiB");
        }
        None => println!("SKIPPED the memory bound: no /proc here"),
    }
}

fn with_key(mut req: Request<Body>, key: &str) -> Request<Body> {
    req.headers_mut()
        .insert(hyoka::serve::KEY_HEADER, key.parse().unwrap());
    req
}

#[test]
fn once_the_office_issued_links_a_department_submits_only_through_its_own() {
    let o = office();
    let links = hyoka::serve::links::Links::of_round(&o.round);
    let shokuin = links.issue("職員課").unwrap();
    let somu = links.issue("総務課").unwrap();
    let bytes = sample(WITH_ERROR);
    let file = (WITH_ERROR, bytes.as_slice());
    // A workbook of the department list's 職員課 with its 課名 left blank.
    let blank = crate::common::workbook_without_department();
    let fields = [
        ("department", "職員課"),
        ("by", "山田"),
        ("reason", "精算後に差し替え"),
    ];
    rt().block_on(async {
        let message = |body: &[u8]| json(body)["message"].as_str().unwrap_or("").to_string();
        // No link: the page checks but cannot submit.
        let (s, _, body) = send(&o.app, o.submission(&fields, file)).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(message(&body).contains("リンク"), "{}", message(&body));
        let (_, _, body) = send(&o.app, get("/api/info", None)).await;
        assert_eq!(json(&body)["submit"], false);
        assert_eq!(json(&body)["linked"], true);
        // 総務課's link cannot submit 職員課's workbook, whatever the form says.
        let (s, _, body) = send(&o.app, with_key(submission(&fields, file), &somu)).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(message(&body).contains("職員課"), "{}", message(&body));
        // A workbook naming no 課 is refused through a link.
        let (s, _, body) = send(
            &o.app,
            with_key(submission(&fields, ("事業.xlsx", &blank)), &shokuin),
        )
        .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            message(&body).contains("課名がありません"),
            "{}",
            message(&body)
        );
        // 職員課's own link: stored as 職員課, even when the form names another 課.
        let (_, _, body) = send(&o.app, with_key(get("/api/info", None), &shokuin)).await;
        assert_eq!(json(&body)["department"], "職員課");
        assert_eq!(json(&body)["submit"], true);
        let claims = [
            ("department", "総務課"),
            ("by", "山田"),
            ("reason", "精算後に差し替え"),
        ];
        let (s, _, body) = send(&o.app, with_key(submission(&claims, file), &shokuin)).await;
        assert_eq!(s, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
        assert_eq!(json(&body)["stored"], format!("職員課/{WITH_ERROR}"));
        // Revoked: the link no longer submits.
        assert!(links.revoke("職員課").unwrap());
        let (s, _, body) = send(&o.app, with_key(submission(&fields, file), &shokuin)).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(message(&body).contains("リンク"));
    });
    // The log names the 課 the link proved.
    let log = std::fs::read_to_string(o.round.join(".hyoka/submissions.jsonl")).unwrap();
    assert_eq!(log.lines().count(), 1);
    assert!(log.contains("\"department\":\"職員課\""), "{log}");
}

#[test]
fn the_command_line_issues_one_link_per_department_and_revokes_them() {
    let dir = tempfile::tempdir().unwrap();
    write_config(dir.path());
    let out = hyoka(
        &[
            "round",
            "links",
            "--round",
            "R6提出",
            "--url",
            "https://hyoka.city.local:8443",
        ],
        dir.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<(&str, &str)> = printed
        .lines()
        .map(|l| l.split_once('\t').unwrap())
        .collect();
    let names: Vec<&str> = lines.iter().map(|(d, _)| *d).collect();
    assert_eq!(names, DEPARTMENTS.to_vec());
    let links = hyoka::serve::links::Links::of_round(&dir.path().join("R6提出"));
    for (d, url) in &lines {
        let token = url
            .strip_prefix("https://hyoka.city.local:8443/?k=")
            .unwrap_or_else(|| panic!("{url}"));
        assert_eq!(links.department_of(token).as_deref(), Some(*d));
    }
    let out = hyoka(
        &["round", "revoke", "--round", "R6提出", "総務課"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    let token = lines[1].1.rsplit("k=").next().unwrap();
    assert_eq!(links.department_of(token), None);
    assert_eq!(links.issued().unwrap().len(), DEPARTMENTS.len() - 1);
    // A 課 not in the list gets no link.
    let out = hyoka(
        &["round", "links", "--round", "R6提出", "企画課"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn through_a_link_the_check_says_which_files_are_not_the_links_to_submit() {
    let o = office();
    let own = sample(WITH_ERROR);
    let other_name = "財政課_施設再編推進事業.xlsx";
    let other = sample(other_name);
    // A workbook with its 課名 left blank.
    let blank = crate::common::workbook_without_department();
    let files: [(&str, &[u8]); 3] = [
        (WITH_ERROR, &own),
        (other_name, &other),
        ("事業.xlsx", &blank),
    ];
    let check = || {
        let body = crate::serve::multipart(&files);
        Request::post("/api/check")
            .header(
                "content-type",
                format!("multipart/form-data; boundary={}", crate::serve::BOUNDARY),
            )
            .header(PAGE_HEADER, "1")
            .body(Body::from(body))
            .unwrap()
    };
    let shokuin = &o.keys["職員課"];
    let said = |body: &[u8]| -> Vec<Option<String>> {
        json(body)["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["wrong_department"].as_str().map(String::from))
            .collect()
    };
    rt().block_on(async {
        let (s, _, body) = send(&o.app, with_key(check(), shokuin)).await;
        assert_eq!(s, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
        let through_link = said(&body);
        assert_eq!(through_link[0], None, "職員課's own workbook");
        let not_own = through_link[1].clone().unwrap_or_default();
        assert!(
            not_own.contains("財政課") && not_own.contains("職員課"),
            "{not_own}"
        );
        let none = through_link[2].clone().unwrap_or_default();
        assert!(none.contains("課名がありません"), "{none}");
        // The page is told what a submit of that file through the link answers.
        let fields = [("department", "職員課"), ("by", "山田")];
        let (s, _, refused) = send(
            &o.app,
            with_key(submission(&fields, (other_name, &other)), shokuin),
        )
        .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(json(&refused)["message"].as_str(), Some(not_own.as_str()));
        // Without a link, or through a link not issued, the page only checks: nothing is said.
        let (_, _, body) = send(&o.app, check()).await;
        assert_eq!(said(&body), [None, None, None]);
        let (_, _, body) = send(&o.app, with_key(check(), "not-a-token")).await;
        assert_eq!(said(&body), [None, None, None]);
    });
}
