//! Files that cannot be read: each becomes a finding for that file, the batch goes on, and
//! every input appears in the report.

use crate::common::*;
use std::io::Write;
use std::path::Path;

fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            z.start_file(*name, opts).unwrap();
            z.write_all(data).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

/// A folder with one good workbook and one of every kind of bad file.
fn hostile_folder(dir: &Path) {
    let inbox = dir.join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    write_book(&inbox, "good.xlsx", &clean(), &layout());
    let good = std::fs::read(inbox.join("good.xlsx")).unwrap();
    std::fs::write(inbox.join("~$good.xlsx"), [6u8, 0, 0, 0]).unwrap();
    std::fs::write(inbox.join("empty.xlsx"), b"").unwrap();
    std::fs::write(
        inbox.join("html.xls"),
        b"<html><body><table><tr><td>1</td></tr></table></body></html>",
    )
    .unwrap();
    std::fs::write(inbox.join("text.xlsx"), "事業名,事業番号\n".as_bytes()).unwrap();
    std::fs::write(inbox.join("truncated.xlsx"), &good[..good.len() / 2]).unwrap();
    std::fs::write(inbox.join("garbage.xlsx"), b"PK\x03\x04\x00\x00garbage").unwrap();
    std::fs::write(
        inbox.join("no-workbook.xlsx"),
        zip_with(&[("hello.txt", b"hi")]),
    )
    .unwrap();
    // An encrypted workbook is a compound file holding an `EncryptedPackage` stream.
    let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    cfb.extend(vec![0u8; 504]);
    cfb.extend(
        "EncryptedPackage"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes()),
    );
    cfb.extend(vec![0u8; 1024]);
    std::fs::write(inbox.join("encrypted.xlsx"), &cfb).unwrap();
    // A deflate bomb: 64 MiB of zeros in a few KiB, inside something that looks like a workbook.
    let zeros = vec![0u8; 64 * 1024 * 1024];
    let bomb = zip_with(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("xl/workbook.xml", b"<workbook/>"),
        ("xl/worksheets/sheet1.xml", &zeros),
    ]);
    assert!(bomb.len() < 1_000_000);
    std::fs::write(inbox.join("bomb.xlsx"), &bomb).unwrap();
    std::fs::create_dir(inbox.join("folder.xlsx")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(inbox.join("missing.xlsx"), inbox.join("dangling.xlsx")).unwrap();
    std::fs::write(inbox.join("notes.txt"), "memo").unwrap();
}

#[test]
fn every_bad_file_is_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    hostile_folder(dir.path());
    let report = run_in(dir.path(), "validate", "inbox", 1);
    let files = report["files"].as_array().unwrap();
    let status = |name: &str| -> (String, String) {
        let f = files
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("{name} missing"));
        (
            f["status"].as_str().unwrap().to_string(),
            f["reason"].as_str().unwrap_or("").to_string(),
        )
    };
    let expect = [
        ("good.xlsx", "accepted", ""),
        ("~$good.xlsx", "rejected", "lock-file"),
        ("empty.xlsx", "rejected", "empty-file"),
        ("html.xls", "rejected", "not-a-workbook"),
        ("text.xlsx", "rejected", "not-a-workbook"),
        ("truncated.xlsx", "rejected", "unreadable"),
        ("garbage.xlsx", "rejected", "unreadable"),
        ("no-workbook.xlsx", "rejected", "not-a-workbook"),
        ("encrypted.xlsx", "rejected", "encrypted"),
        ("bomb.xlsx", "rejected", "too-large"),
        ("folder.xlsx", "rejected", "not-a-file"),
        ("notes.txt", "ignored", "not-a-workbook-name"),
    ];
    for (name, st, reason) in expect {
        assert_eq!(status(name), (st.to_string(), reason.to_string()), "{name}");
    }
    #[cfg(unix)]
    assert_eq!(
        status("dangling.xlsx"),
        ("rejected".to_string(), "not-a-file".to_string())
    );
    let n_expected = expect.len() + usize::from(cfg!(unix));
    assert_eq!(files.len(), n_expected, "every input is in the report");
    assert_eq!(report["totals"]["files"], n_expected);
    // Each rejection is also a finding naming the file, with a Japanese message.
    let findings = report["findings"].as_array().unwrap();
    let enc = findings.iter().find(|f| f["code"] == "encrypted").unwrap();
    assert!(enc["file"].as_str().unwrap().ends_with("encrypted.xlsx"));
    assert!(enc["message"].as_str().unwrap().contains("パスワード"));
    let bomb = findings.iter().find(|f| f["code"] == "too-large").unwrap();
    assert!(
        bomb["message"].as_str().unwrap().contains("--max-"),
        "names the option that raises the limit"
    );
}

#[test]
fn a_limit_can_be_raised() {
    let dir = tempfile::tempdir().unwrap();
    write_book(dir.path(), "good.xlsx", &clean(), &layout());
    let out = hyoka(
        &[
            "validate",
            "good.xlsx",
            "--out",
            "o1",
            "--max-cells",
            "10",
            "--progress",
            "never",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let r: serde_json::Value = read_json(dir.path().join("o1/report.json"));
    assert_eq!(r["files"][0]["reason"], "too-large");
    let out = hyoka(
        &[
            "validate",
            "good.xlsx",
            "--out",
            "o2",
            "--progress",
            "never",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn bytes_decide_the_format_not_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let p = write_book(dir.path(), "good.xlsx", &clean(), &layout());
    let renamed = dir.path().join("renamed.xls");
    std::fs::rename(&p, &renamed).unwrap();
    let o = check(&renamed);
    assert_eq!(o.format.as_deref(), Some("xlsx"));
    assert_eq!(found(&o), vec![]);
}

#[test]
fn an_output_folder_inside_the_inputs_is_not_read_back() {
    let dir = tempfile::tempdir().unwrap();
    write_book(dir.path(), "good.xlsx", &clean(), &layout());
    for _ in 0..2 {
        run_in(dir.path(), "consolidate", ".", 0);
    }
    let report = read_json(dir.path().join("out/report.json"));
    assert_eq!(report["totals"]["files"], 1);
}

#[test]
fn the_same_project_number_in_two_files_is_a_warning_on_both() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("in");
    std::fs::create_dir(&inbox).unwrap();
    write_book(&inbox, "a.xlsx", &clean(), &layout());
    write_book(&inbox, "b.xlsx", &clean(), &layout());
    // The same number in another year is the same project's next evaluation, not a duplicate.
    let mut next_year = clean();
    next_year.fields.insert(
        "eval_year".into(),
        hyoka::write::form_sheet::CellInput::Text("令和7年度".into()),
    );
    let mut l = layout();
    l.years = (2024..=2026).map(hyoka::normalise::FiscalYear).collect();
    write_book(&inbox, "c.xlsx", &next_year, &l);
    let out = hyoka(
        &["validate", "in", "--out", "out", "--progress", "never"],
        dir.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "warnings alone exit 0: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = read_json(dir.path().join("out/report.json"));
    let dups: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "duplicate-project")
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["cell"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        dups,
        vec![
            ("in/a.xlsx".to_string(), "G3".to_string()),
            ("in/b.xlsx".to_string(), "G3".to_string())
        ]
    );
    // The two files are the same bytes as well: duplicate-file on each too.
    let same: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "duplicate-file")
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(same, ["in/a.xlsx", "in/b.xlsx"]);
    assert_eq!(report["totals"]["warnings"], 4);
}
