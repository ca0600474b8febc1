//! Attacks over every way a workbook comes in, each bounded in size and time and measured by
//! the peak memory of the process that meets it (VmHWM): a zip bomb whose headers understate
//! what its parts inflate to, through the command line's annotated copy, the audit's reading
//! of last year's unified book, and the page's 注記付きの写し.

use crate::common::*;
use crate::loopback::{file_body, http, peak_mib, serve};
use std::io::Write;
use std::path::Path;

/// How far the lying part inflates, and the memory no process may reach meeting it.
const INFLATED_MIB: usize = 128;
const CEILING_MIB: u64 = 100;

/// An xlsx whose one sheet is a form's title cell (a sheet the check reads, with an error:
/// its tables are missing) followed by `inflated_mib` MiB of whitespace after the sheet's
/// end, its headers declaring only the sheet's bytes: a reader that trusts the declared size
/// stops at the sheet's end, one that reads the stream inflates all of it.
fn lying_bomb(inflated_mib: usize) -> Vec<u8> {
    let head = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
        r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>事務事業評価シート</t></is></c></row></sheetData>"#,
        r#"</worksheet>"#,
    );
    let parts: [(&str, String); 4] = [
        (
            "[Content_Types].xml",
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
                r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
                r#"<Default Extension="xml" ContentType="application/xml"/>"#,
                r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
                r#"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#,
                r#"</Types>"#
            )
            .to_string(),
        ),
        (
            "_rels/.rels",
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
                r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#,
                r#"</Relationships>"#
            )
            .to_string(),
        ),
        (
            "xl/workbook.xml",
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
                r#"<sheets><sheet name="評価" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            )
            .to_string(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
                r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#,
                r#"</Relationships>"#
            )
            .to_string(),
        ),
    ];
    let sheet_name = "xl/worksheets/sheet1.xml";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in &parts {
        zip.start_file(*name, deflated).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.start_file(sheet_name, deflated).unwrap();
    zip.write_all(head.as_bytes()).unwrap();
    let spaces = vec![b' '; 1024 * 1024];
    for _ in 0..inflated_mib {
        zip.write_all(&spaces).unwrap();
    }
    let mut bytes = zip.finish().unwrap().into_inner();
    // The lie: both headers of the sheet declare the head's size and checksum alone, so a
    // reader that stops at the declared size finds a whole, sound sheet.
    let declared = (head.len() as u32).to_le_bytes();
    let checksum = crc32(head.as_bytes()).to_le_bytes();
    let name = sheet_name.as_bytes();
    let mut patched = 0;
    for (signature, name_at, crc_at, size_at) in
        [(b"PK\x03\x04", 30, 14, 22), (b"PK\x01\x02", 46, 16, 24)]
    {
        let at = (0..bytes.len() - name_at - name.len())
            .find(|&i| {
                &bytes[i..i + 4] == signature
                    && &bytes[i + name_at..i + name_at + name.len()] == name
            })
            .expect("the sheet's header");
        bytes[at + size_at..at + size_at + 4].copy_from_slice(&declared);
        bytes[at + crc_at..at + crc_at + 4].copy_from_slice(&checksum);
        patched += 1;
    }
    assert_eq!(patched, 2);
    bytes
}

/// CRC-32 (IEEE), as zip headers carry it.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Runs hyoka with `args` in `dir`, following its peak memory; the output and the peak.
fn run_measured(args: &[&str], dir: &Path) -> (std::process::Output, Option<u64>) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_hyoka"))
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let started = std::time::Instant::now();
    let mut peak = None;
    // VmHWM only grows: its last reading before the exit is the peak.
    while child.try_wait().unwrap().is_none() {
        peak = peak_mib(pid).or(peak);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(120),
            "hyoka {args:?} still running after 120 s"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    (child.wait_with_output().unwrap(), peak)
}

fn bounded(what: &str, peak: Option<u64>) {
    match peak {
        Some(mib) => {
            println!("{what}: peak {mib} MiB (ceiling {CEILING_MIB} MiB)");
            assert!(mib < CEILING_MIB, "{what} held {mib} MiB");
        }
        None => println!("SKIPPED the memory bound of {what}: no /proc here"),
    }
}

#[test]
fn a_lying_bomb_is_refused_at_the_one_way_in() {
    // Whatever reads it next: every part inflated and counted, the lie named.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.xlsx");
    std::fs::write(&path, lying_bomb(INFLATED_MIB)).unwrap();
    match hyoka::read::admit_path(&path, &hyoka::read::Limits::default()) {
        Err(hyoka::read::Rejection::TooLarge { limit, found, max }) => {
            assert_eq!(limit, hyoka::read::limits::Limit::DeclaredSize);
            assert!(found > max, "{found} > {max}");
        }
        other => panic!("admitted: {:?}", other.map(|(b, f)| (b.len(), f))),
    }
    // The check itself reads no further than the sheet's declared end: the file is rejected
    // (its sheet cannot be read, so no sheet is a form) and no annotated copy is made.
    let (o, peak) = run_measured(
        &[
            "validate",
            "bomb.xlsx",
            "--out",
            "out",
            "--annotate",
            "annotated",
        ],
        dir.path(),
    );
    bounded("validate --annotate of the bomb", peak);
    assert_eq!(o.status.code(), Some(1));
    let report = read_json(dir.path().join("out/report.json"));
    assert_eq!(report["files"][0]["path"], "bomb.xlsx");
    assert_eq!(report["files"][0]["status"], "rejected");
    let copies: Vec<_> = std::fs::read_dir(dir.path().join("annotated"))
        .unwrap()
        .collect();
    assert!(copies.is_empty(), "{copies:?}");
}

#[test]
fn a_lying_bomb_as_last_years_unified_book_is_read_within_the_limits() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("previous.xlsx"), lying_bomb(INFLATED_MIB)).unwrap();
    let current = repo().join("samples").join("職員課_職員育成推進事業.xlsx");
    let (o, peak) = run_measured(
        &[
            "audit",
            "--previous",
            "previous.xlsx",
            "--current",
            current.to_str().unwrap(),
            "--out",
            "out",
        ],
        dir.path(),
    );
    bounded("audit with the bomb as last year's book", peak);
    let report = read_json(dir.path().join("out/report.json"));
    assert!(
        report.to_string().contains("previous.xlsx"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn a_lying_bomb_sent_to_every_endpoint_of_the_page_is_refused_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (mut server, addr, round) = round_server(dir.path());
    let uploads = dir.path().join("tmp");
    let bomb = lying_bomb(INFLATED_MIB);
    // The check and the feedback answer with the file rejected; a submission is refused.
    let (checked, body) = http(&addr, "/api/check", &file_body("bomb.xlsx", &bomb));
    assert_eq!(checked, 200);
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["files"][0]["status"], "rejected", "{v}");
    let (feedback, _) = http(&addr, "/api/feedback", &file_body("bomb.xlsx", &bomb));
    assert_eq!(feedback, 200);
    let submit = crate::round::body_of(
        &[("department", "職員課"), ("by", "山田"), ("reason", "理由")],
        ("bomb.xlsx", &bomb),
    );
    let key = hyoka::serve::links::Links::of_round(&round)
        .issue("職員課")
        .unwrap();
    let (submitted, _) = crate::loopback::http_with_key(&addr, "/api/submit", &submit, Some(&key));
    assert_eq!(submitted, 422);
    assert!(!round.join("職員課").exists());
    let (status, body) = http(&addr, "/api/annotated", &file_body("bomb.xlsx", &bomb));
    let peak = peak_mib(server.id());
    let _ = server.kill();
    let _ = server.wait();
    // Refused with the reason the check gave, before umya-spreadsheet sees a byte of it.
    assert_eq!(status, 422, "{}", String::from_utf8_lossy(&body));
    let answer: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert!(
        answer["error"]
            .as_str()
            .unwrap()
            .contains("評価シートが見つかりません"),
        "{answer}"
    );
    bounded("hyoka serve answering the bomb at every endpoint", peak);
    let left: Vec<_> = std::fs::read_dir(&uploads).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

/// `hyoka serve` with a round, a department list and the office's password.
fn round_server(dir: &Path) -> (std::process::Child, String, std::path::PathBuf) {
    let config = crate::round::write_config(dir);
    let round = dir.join("round");
    let uploads = dir.join("tmp");
    std::fs::create_dir_all(&uploads).unwrap();
    let more = [
        "--round".to_string(),
        round.display().to_string(),
        "--config".to_string(),
        config.display().to_string(),
    ];
    let (server, addr) = serve(&[], &more, &uploads);
    (server, addr, round)
}

#[test]
fn wrong_passwords_hold_back_their_client_not_the_office() {
    let dir = tempfile::tempdir().unwrap();
    let (mut server, addr, _) = round_server(dir.path());
    let login = |password: &str| format!("{{\"password\":\"{password}\"}}").into_bytes();
    let rt = crate::round::rt();
    let (guesses, office, again) = rt.block_on(async {
        // Eight wrong passwords in flight at once from 127.0.0.1 …
        let guesses: Vec<_> = (0..8)
            .map(|i| {
                let (addr, body) = (addr.clone(), login(&format!("guess-{i}")));
                tokio::spawn(async move {
                    crate::loopback::request_from(
                        "127.0.0.1",
                        &addr,
                        "/office/api/login",
                        "application/json",
                        &body,
                    )
                    .await
                })
            })
            .collect();
        // … and the office's right one from 127.0.0.2 while they wait.
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let started = std::time::Instant::now();
        let office = crate::loopback::request_from(
            "127.0.0.2",
            &addr,
            "/office/api/login",
            "application/json",
            &login(crate::round::PASSWORD),
        )
        .await;
        let took = started.elapsed();
        let mut statuses = Vec::new();
        for g in guesses {
            statuses.push(g.await.unwrap().0);
        }
        // The guessing client's next try is refused at once, saying how long to wait.
        let again = crate::loopback::request_from(
            "127.0.0.1",
            &addr,
            "/office/api/login",
            "application/json",
            &login("guess-9"),
        )
        .await;
        (statuses, (office, took), again)
    });
    let _ = server.kill();
    let _ = server.wait();
    assert!(
        guesses.iter().all(|s| *s == 401 || *s == 429),
        "{guesses:?}"
    );
    let ((status, head, _), took) = office;
    assert_eq!(status, 204, "{head}");
    assert!(head.contains("HttpOnly"), "{head}");
    println!("the office's login beside eight guesses took {took:?}");
    assert!(took < std::time::Duration::from_millis(1500), "{took:?}");
    let (status, head, body) = again;
    assert_eq!(status, 429, "{}", String::from_utf8_lossy(&body));
    assert!(head.to_ascii_lowercase().contains("retry-after"), "{head}");
    assert!(String::from_utf8_lossy(&body).contains("秒後"));
}

#[test]
fn invisible_characters_never_reach_what_the_office_reads() {
    let dir = tempfile::tempdir().unwrap();
    let (mut server, addr, round) = round_server(dir.path());
    let bytes = crate::round::sample(crate::round::WITH_ERROR);
    // A name and a reason carrying a right-to-left override, a zero-width space and a BEL.
    let body = crate::round::body_of(
        &[
            ("department", "職員課"),
            ("by", "山田\u{202E}太郎\u{200B}"),
            ("reason", "精算後に\u{202E}差し替え\u{7}\n二行目"),
        ],
        ("職員課_職員育成推進事業.xlsx", &bytes),
    );
    let key = hyoka::serve::links::Links::of_round(&round)
        .issue("職員課")
        .unwrap();
    let (status, answer) = crate::loopback::http_with_key(&addr, "/api/submit", &body, Some(&key));
    let _ = server.kill();
    let _ = server.wait();
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&answer));
    // A 課 written with an invisible character is not a 課 (a folder name) at all.
    assert!(hyoka::serve::round::department_folder("職員課\u{200B}", None).is_err());
    let entries = crate::round::pending_entries(&round);
    assert_eq!(entries[0].reason, "精算後に差し替え\n二行目");
    assert_eq!(entries[0].by, "山田太郎");
    let log = std::fs::read_to_string(round.join(".hyoka/submissions.jsonl")).unwrap();
    assert!(
        !log.contains('\u{202E}') && !log.contains("\\u202e"),
        "{log}"
    );
}

/// Twelve uploads at once of `mib` MiB each (filler bytes, named as workbooks) to a server
/// whose limit is 50 MB; the statuses and the server's peak memory.
fn twelve_uploads(mib: usize) -> (Vec<u16>, Option<u64>, usize) {
    let dir = tempfile::tempdir().unwrap();
    let uploads = dir.path().join("tmp");
    std::fs::create_dir_all(&uploads).unwrap();
    let (mut server, addr) = serve(&["--max-upload-mb", "50"], &[], &uploads);
    let filler = vec![b'x'; mib * 1024 * 1024];
    let body = file_body("大きな.xlsx", &filler);
    let threads: Vec<_> = (0..12)
        .map(|_| {
            let (addr, body) = (addr.clone(), body.clone());
            std::thread::spawn(move || {
                crate::loopback::post_sized(&addr, "/api/check", body.len() as u64, body)
            })
        })
        .collect();
    let statuses: Vec<u16> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let peak = peak_mib(server.id());
    let _ = server.kill();
    let _ = server.wait();
    let left = std::fs::read_dir(&uploads).unwrap().count();
    (statuses, peak, left)
}

#[test]
fn twelve_uploads_at_the_limit_at_once_stay_on_disk_not_in_memory() {
    let (statuses, peak, left) = twelve_uploads(45);
    // Each is received (or told to come back when the budget is full) and answered.
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 503),
        "{statuses:?}"
    );
    assert!(
        statuses.iter().filter(|s| **s == 200).count() >= 4,
        "{statuses:?}"
    );
    assert_eq!(left, 0, "upload folders left behind");
    match peak {
        Some(mib) => {
            println!("hyoka serve, 12 uploads of 45 MiB at once: peak {mib} MiB, {statuses:?}");
            // Two checks at a time read their file whole; nothing else holds an upload.
            assert!(mib < 250, "{mib} MiB");
        }
        None => println!("SKIPPED the memory bound: no /proc here"),
    }
}

#[test]
fn twelve_uploads_over_the_limit_are_refused_before_they_are_read() {
    let (statuses, peak, left) = twelve_uploads(55);
    assert!(statuses.iter().all(|s| *s == 413), "{statuses:?}");
    assert_eq!(left, 0);
    match peak {
        Some(mib) => {
            println!("hyoka serve, 12 uploads of 55 MiB at once: peak {mib} MiB");
            assert!(mib < 60, "{mib} MiB");
        }
        None => println!("SKIPPED the memory bound: no /proc here"),
    }
}

#[test]
fn the_page_is_served_over_https_with_the_certificate_given() {
    // A self-signed pair, as the README makes one for a trial.
    let pair = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert, pair.cert.pem()).unwrap();
    std::fs::write(&key, pair.signing_key.serialize_pem()).unwrap();
    let uploads = dir.path().join("tmp");
    std::fs::create_dir_all(&uploads).unwrap();
    let more = [
        "--tls-cert".to_string(),
        cert.display().to_string(),
        "--tls-key".to_string(),
        key.display().to_string(),
    ];
    let (mut server, addr) = serve(&[], &more, &uploads);
    // A client that trusts this certificate alone, asking for localhost.
    let get = |path: &str| -> Result<String, String> {
        use std::io::{Read, Write};
        let mut roots = rustls::RootCertStore::empty();
        roots
            .add(pair.cert.der().clone())
            .map_err(|e| e.to_string())?;
        let config = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
        let name = rustls::pki_types::ServerName::try_from("localhost").unwrap();
        let conn = rustls::ClientConnection::new(std::sync::Arc::new(config), name)
            .map_err(|e| e.to_string())?;
        let tcp = std::net::TcpStream::connect(&addr).map_err(|e| e.to_string())?;
        tcp.set_read_timeout(Some(std::time::Duration::from_secs(20)))
            .unwrap();
        let mut tls = rustls::StreamOwned::new(conn, tcp);
        write!(
            tls,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .map_err(|e| e.to_string())?;
        let mut answer = Vec::new();
        match tls.read_to_end(&mut answer) {
            Ok(_) => {}
            // A server closing without close_notify after the answer is fine here.
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof && !answer.is_empty() => {}
            Err(e) => return Err(e.to_string()),
        }
        Ok(String::from_utf8_lossy(&answer).to_string())
    };
    let page = get("/");
    // Plain HTTP to the same port is not answered as a page.
    let plain = {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(&addr).unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        let _ = s.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        let mut a = Vec::new();
        let _ = s.read_to_end(&mut a);
        String::from_utf8_lossy(&a).to_string()
    };
    let _ = server.kill();
    let _ = server.wait();
    let page = page.unwrap();
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("<html"), "{}", &page[..page.len().min(400)]);
    assert!(!plain.contains("<html"), "{plain}");
}
