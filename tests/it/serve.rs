//! The self-check page, driven through its router (no network): what it serves, the findings
//! it answers for a sample with planted mistakes (the same codes at the same cells as
//! `hyoka validate`), the feedback download, and what it refuses.

use crate::common::{hyoka, read_json, repo};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use hyoka::check::CheckConfig;
use hyoka::i18n::Lang;
use hyoka::read::Limits;
use hyoka::serve::selfcheck::CheckSettings;
use hyoka::serve::{router, ServeState, PAGE_HEADER};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;
use tower::ServiceExt;

const LIMIT: usize = 2 * 1024 * 1024;

fn app(upload_root: &Path) -> axum::Router {
    let state = ServeState::new(
        CheckSettings {
            forms: hyoka::spec::load_forms(None).unwrap(),
            config: CheckConfig::default(),
            limits: Limits::default(),
            accepted: Vec::new(),
        },
        upload_root.to_path_buf(),
        Lang::Ja,
        2,
    );
    router(Arc::new(state), LIMIT)
}

pub const BOUNDARY: &str = "hyoka-test-boundary";

/// A multipart body of these files, under `BOUNDARY`.
pub fn multipart(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

fn post(uri: &str, files: &[(&str, &[u8])], from_page: bool) -> Request<Body> {
    let mut r = Request::post(uri).header(
        "content-type",
        format!("multipart/form-data; boundary={BOUNDARY}"),
    );
    if from_page {
        r = r.header(PAGE_HEADER, "1");
    }
    r.body(Body::from(multipart(files))).unwrap()
}

async fn send(
    app: axum::Router,
    req: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let res = app.oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, headers, body)
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn the_page_and_its_files_come_from_the_server_alone() {
    let root = tempfile::tempdir().unwrap();
    rt().block_on(async {
        let (s, h, body) = send(
            app(root.path()),
            Request::get("/").body(Body::empty()).unwrap(),
        )
        .await;
        assert_eq!(s, StatusCode::OK);
        let html = String::from_utf8(body).unwrap();
        assert!(html.contains("評価シートの事前点検"));
        assert!(h["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'self'"));
        for path in [
            "/",
            "/app.js",
            "/app.css",
            "/common.js",
            "/office",
            "/office.js",
        ] {
            let (s, _, body) = send(
                app(root.path()),
                Request::get(path).body(Body::empty()).unwrap(),
            )
            .await;
            assert_eq!(s, StatusCode::OK, "{path}");
            let text = String::from_utf8(body).unwrap();
            assert!(
                !text.contains("http://") && !text.contains("https://"),
                "{path} names an outside resource"
            );
        }
    });
}

#[test]
fn a_sample_shows_the_findings_validate_reports_at_the_same_cells() {
    let sample = repo().join("samples/職員課_職員育成推進事業.xlsx");
    let bytes = std::fs::read(&sample).unwrap();
    // What the command line says of the same file.
    let out = tempfile::tempdir().unwrap();
    hyoka(
        &[
            "validate",
            sample.to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
            "--progress",
            "never",
        ],
        &repo(),
    );
    let report = read_json(out.path().join("report.json"));
    let expected: BTreeSet<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["cell"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert!(
        expected.iter().any(|(_, cell)| !cell.is_empty()),
        "{expected:?}"
    );

    let root = tempfile::tempdir().unwrap();
    let name = "職員課_職員育成推進事業.xlsx";
    let (s, _, body) = rt().block_on(send(
        app(root.path()),
        post("/api/check", &[(name, &bytes)], true),
    ));
    assert_eq!(s, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let answer: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let file = &answer["files"][0];
    assert_eq!(file["name"], name);
    assert_eq!(file["status_text"], "エラーあり");
    let mut got = BTreeSet::new();
    for sheet in file["sheets"].as_array().unwrap() {
        let findings = sheet["findings"].as_array().unwrap();
        // Errors first within a sheet.
        let ranks: Vec<u8> = findings
            .iter()
            .map(|f| match f["severity"].as_str().unwrap() {
                "error" => 0,
                "warning" => 1,
                _ => 2,
            })
            .collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
        for f in findings {
            got.insert((
                f["code"].as_str().unwrap().to_string(),
                f["cell"].as_str().unwrap_or("").to_string(),
            ));
            assert!(!f["message"].as_str().unwrap().is_empty());
            // An error at a cell comes with the cells around it, the bad one marked.
            if f["severity"] == "error" && f["cell"].is_string() {
                let g = &f["grid"];
                let (r, c) = (
                    g["mark"][0].as_u64().unwrap() as usize,
                    g["mark"][1].as_u64().unwrap() as usize,
                );
                let cell = format!("{}{}", g["columns"][c].as_str().unwrap(), g["rows"][r]);
                assert_eq!(cell, f["cell"].as_str().unwrap());
            }
        }
    }
    assert_eq!(got, expected);
    // Nothing of the upload is left behind.
    assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 0);
}

#[test]
fn the_feedback_workbook_downloads_under_the_departments_name() {
    let sample = repo().join("samples/職員課_職員育成推進事業.xlsx");
    let bytes = std::fs::read(&sample).unwrap();
    let root = tempfile::tempdir().unwrap();
    let (s, h, body) = rt().block_on(send(
        app(root.path()),
        post(
            "/api/feedback",
            &[("職員課_職員育成推進事業.xlsx", &bytes)],
            true,
        ),
    ));
    assert_eq!(s, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let disposition = h["content-disposition"].to_str().unwrap();
    // 職員課.xlsx, percent-encoded.
    assert!(
        disposition.contains("filename*=UTF-8''%E8%81%B7%E5%93%A1%E8%AA%B2.xlsx"),
        "{disposition}"
    );
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(body)).unwrap();
    use calamine::Reader;
    assert_eq!(wb.sheet_names()[0], "表紙");
    let findings = wb.worksheet_range("指摘").unwrap();
    assert!(findings.height() > 1);
    assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 0);
}

/// Three workbooks of three 課, as the page sends them.
const THREE_DEPARTMENTS: [&str; 3] = [
    "職員課_職員育成推進事業.xlsx",
    "総務課_押印の見直し事業.xlsx",
    "財政課_行動計画実施状況.xlsx",
];

#[test]
fn the_feedback_of_several_departments_downloads_as_one_zip_of_every_departments_workbook() {
    let books: Vec<(&str, Vec<u8>)> = THREE_DEPARTMENTS
        .iter()
        .map(|n| (*n, std::fs::read(repo().join("samples").join(n)).unwrap()))
        .collect();
    let files: Vec<(&str, &[u8])> = books.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    let root = tempfile::tempdir().unwrap();
    let (s, h, zipped, again, checked) = rt().block_on(async {
        let (s, h, zipped) = send(app(root.path()), post("/api/feedback", &files, true)).await;
        let (_, _, again) = send(app(root.path()), post("/api/feedback", &files, true)).await;
        let (_, _, checked) = send(app(root.path()), post("/api/check", &files, true)).await;
        (s, h, zipped, again, checked)
    });
    assert_eq!(s, StatusCode::OK, "{}", String::from_utf8_lossy(&zipped));
    assert_eq!(h["content-type"], "application/zip");
    let disposition = h["content-disposition"].to_str().unwrap();
    // フィードバック.zip, percent-encoded; feedback.zip for clients without filename*.
    assert!(
        disposition.contains("filename=\"feedback.zip\"")
            && disposition.contains(
                "filename*=UTF-8''%E3%83%95%E3%82%A3%E3%83%BC%E3%83%89%E3%83%90%E3%83%83%E3%82%AF.zip"
            ),
        "{disposition}"
    );
    assert!(
        zipped == again,
        "the same files give the same zip, byte for byte"
    );

    // What each 課 must find in its workbook: its own files' codes, as the check answered them.
    let answer: serde_json::Value = serde_json::from_slice(&checked).unwrap();
    let mut wanted: std::collections::BTreeMap<String, Vec<(String, String)>> = Default::default();
    for f in answer["files"].as_array().unwrap() {
        let department = f["department"].as_str().unwrap().to_string();
        let entry = wanted.entry(department).or_default();
        for sheet in f["sheets"].as_array().unwrap() {
            for x in sheet["findings"].as_array().unwrap() {
                let code = x["code"].as_str().unwrap().to_string();
                entry.push((f["name"].as_str().unwrap().to_string(), code));
            }
        }
    }
    assert_eq!(
        wanted.keys().collect::<Vec<_>>(),
        ["総務課", "職員課", "財政課"],
        "the samples are of three 課"
    );

    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(zipped)).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    assert_eq!(names, ["総務課.xlsx", "職員課.xlsx", "財政課.xlsx"]);
    use calamine::Reader;
    for (department, mut want) in wanted {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(
            &mut zip.by_name(&format!("{department}.xlsx")).unwrap(),
            &mut bytes,
        )
        .unwrap();
        let mut wb: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = wb.worksheet_range("指摘").unwrap();
        let cell = |r: usize, c: usize| {
            range
                .get_value((r as u32, c as u32))
                .map(|d| d.to_string())
                .unwrap_or_default()
        };
        let code = (0..range.width())
            .find(|&c| cell(0, c) == "コード")
            .expect("a code column");
        let mut got: Vec<(String, String)> = (1..range.height())
            .map(|r| (cell(r, 1), cell(r, code)))
            .collect();
        assert!(!want.is_empty(), "{department}: the sample has findings");
        got.sort();
        want.sort();
        assert_eq!(got, want, "{department}.xlsx holds its own findings only");
    }
    assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 0);
}

#[test]
fn what_the_page_refuses() {
    let root = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(repo().join("samples/職員課_職員育成推進事業.xlsx")).unwrap();
    rt().block_on(async {
        // Not from the page (a form posted by another site cannot set the header).
        let (s, _, _) = send(
            app(root.path()),
            post("/api/check", &[("a.xlsx", &bytes)], false),
        )
        .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        // Over the upload limit.
        let big = vec![b'x'; LIMIT + 1024];
        let (s, _, body) = send(
            app(root.path()),
            post("/api/check", &[("big.xlsx", &big)], true),
        )
        .await;
        assert_eq!(
            s,
            StatusCode::PAYLOAD_TOO_LARGE,
            "{}",
            String::from_utf8_lossy(&body)
        );
        // Not a workbook, under a name that tries to leave the folder: rejected with its reason.
        let (s, _, body) = send(
            app(root.path()),
            post(
                "/api/check",
                &[("../../evil.xlsx", b"not a workbook at all")],
                true,
            ),
        )
        .await;
        assert_eq!(s, StatusCode::OK);
        let answer: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(answer["files"][0]["name"], "evil.xlsx");
        assert_eq!(answer["files"][0]["status"], "rejected");
        assert!(answer["files"][0]["reason"]
            .as_str()
            .is_some_and(|r| !r.is_empty()));
        // Addressed to a name that is not this server's (DNS rebinding): refused, saying how
        // to allow a name of the office's own.
        let mut req = post("/api/check", &[("a.xlsx", &bytes)], true);
        req.headers_mut()
            .insert("host", "attacker.example:8080".parse().unwrap());
        let (s, _, body) = send(app(root.path()), req).await;
        assert_eq!(s, StatusCode::MISDIRECTED_REQUEST);
        assert!(String::from_utf8_lossy(&body).contains("--host attacker.example"));
        let mut req = Request::get("/").body(Body::empty()).unwrap();
        req.headers_mut()
            .insert("host", "127.0.0.1:8080".parse().unwrap());
        let (s, _, _) = send(app(root.path()), req).await;
        assert_eq!(s, StatusCode::OK);
        // No directory listing.
        let (s, _, _) = send(
            app(root.path()),
            Request::get("/api/").body(Body::empty()).unwrap(),
        )
        .await;
        assert_eq!(s, StatusCode::NOT_FOUND);
    });
    assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 0);
    assert!(!root.path().parent().unwrap().join("evil.xlsx").exists());
}

#[test]
fn fifty_uploads_at_once_are_all_answered_two_checks_at_a_time() {
    let root = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(repo().join("samples/職員課_職員育成推進事業.xlsx")).unwrap();
    let state = Arc::new(ServeState::new(
        CheckSettings {
            forms: hyoka::spec::load_forms(None).unwrap(),
            config: CheckConfig::default(),
            limits: Limits::default(),
            accepted: Vec::new(),
        },
        root.path().to_path_buf(),
        Lang::Ja,
        2,
    ));
    let app = router(state.clone(), LIMIT);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .unwrap();
    let answers = rt.block_on(async {
        let tasks: Vec<_> = (0..50)
            .map(|i| {
                let app = app.clone();
                let bytes = bytes.clone();
                tokio::spawn(async move {
                    let name = format!("職員課_{i:02}.xlsx");
                    send(app, post("/api/check", &[(&name, &bytes)], true)).await
                })
            })
            .collect();
        let mut out = Vec::new();
        for t in tasks {
            out.push(t.await.unwrap());
        }
        out
    });
    assert_eq!(answers.len(), 50);
    for (i, (s, _, body)) in answers.iter().enumerate() {
        assert_eq!(*s, StatusCode::OK, "upload {i}");
        let v: serde_json::Value = serde_json::from_slice(body).unwrap();
        // Each answer is its own upload's, with the planted mistake at its cell.
        assert_eq!(v["files"][0]["name"], format!("職員課_{i:02}.xlsx"));
        let finding = &v["files"][0]["sheets"][0]["findings"][0];
        assert_eq!(finding["code"], "derived-overwritten", "upload {i}");
        assert_eq!(finding["cell"], "D19", "upload {i}");
    }
    let peak = state.peak_checks();
    assert!((1..=2).contains(&peak), "{peak} checks ran at once");
    assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 0);
}

#[test]
fn the_annotated_copy_downloads_with_the_bad_cell_noted() {
    let bytes = std::fs::read(repo().join("samples/職員課_職員育成推進事業.xlsx")).unwrap();
    let root = tempfile::tempdir().unwrap();
    let name = "職員課_職員育成推進事業.xlsx";
    let (s, h, body) = rt().block_on(send(
        app(root.path()),
        post("/api/annotated", &[(name, &bytes)], true),
    ));
    assert_eq!(s, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    assert!(h["content-disposition"]
        .to_str()
        .unwrap()
        .contains("filename*=UTF-8''"));
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(body)).unwrap();
    let comments: Vec<String> = (0..z.len())
        .filter_map(|i| {
            z.by_index_raw(i)
                .ok()
                .and_then(|e| e.name().ok().map(|n| n.to_string()))
        })
        .filter(|n| n.starts_with("xl/comments"))
        .collect();
    assert_eq!(comments.len(), 1, "{comments:?}");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut z.by_name(&comments[0]).unwrap(), &mut text).unwrap();
    assert!(text.contains("ref=\"D19\""), "{text}");
    assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 0);
}
