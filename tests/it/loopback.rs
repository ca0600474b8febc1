//! Over a real loopback socket: `hyoka serve` started as users start it, requests written by
//! hand, and the server's peak memory.

use hyoka::serve::PAGE_HEADER;
use std::path::Path;

pub const BOUNDARY: &str = "hyoka-round-boundary";

/// Starts `hyoka serve` on a free loopback port with its uploads under `uploads`; the
/// process and the address it says it listens on.
pub fn serve(args: &[&str], more: &[String], uploads: &Path) -> (std::process::Child, String) {
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_hyoka"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(args)
        .args(more)
        .env("TMPDIR", uploads)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = server.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    let addr = loop {
        let line = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("hyoka serve says where it listens");
        if let Some(at) = line.split("://").nth(1) {
            break at.split('/').next().unwrap().to_string();
        }
    };
    (server, addr)
}

/// A multipart body of one file, as the page sends it.
pub fn file_body(name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    body.extend_from_slice(
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// One request over a real socket; the answer's status and body.
pub fn http(addr: &str, path: &str, body: &[u8]) -> (u16, Vec<u8>) {
    http_with_key(addr, path, body, None)
}

/// As `http`, from a page opened through a 提出 link (its token in the page's header).
pub fn http_with_key(addr: &str, path: &str, body: &[u8], key: Option<&str>) -> (u16, Vec<u8>) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(120)))
        .unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\n{PAGE_HEADER}: 1\r\n{}Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        key.map(|k| format!("{}: {k}\r\n", hyoka::serve::KEY_HEADER))
            .unwrap_or_default(),
        body.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut answer = Vec::new();
    s.read_to_end(&mut answer).unwrap();
    let (status, head, mut body) = split_answer(&answer);
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    (status, body)
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let end = data.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&data[..end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 2 + size + 2..];
    }
}

/// The most memory the process ever held (VmHWM), in MiB; `None` off Linux.
pub fn peak_mib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

/// One request from a given loopback address (`127.0.0.2`: another client than the tests'
/// usual 127.0.0.1), with its content type; the answer's status, head and body.
pub async fn request_from(
    from: &str,
    addr: &str,
    path: &str,
    content_type: &str,
    body: &[u8],
) -> (u16, String, Vec<u8>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind(format!("{from}:0").parse().unwrap()).unwrap();
    let mut s = socket.connect(addr.parse().unwrap()).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\n{PAGE_HEADER}: 1\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).await.unwrap();
    s.write_all(body).await.unwrap();
    let mut answer = Vec::new();
    s.read_to_end(&mut answer).await.unwrap();
    split_answer(&answer)
}

/// An HTTP answer's status, head and body.
fn split_answer(answer: &[u8]) -> (u16, String, Vec<u8>) {
    let split = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("an HTTP answer");
    let head = String::from_utf8_lossy(&answer[..split]).to_string();
    let status: u16 = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head, answer[split + 4..].to_vec())
}

/// A request whose body may be refused before it is all sent: the head with its declared
/// length, then the body written from another thread (a refusal may close the socket under
/// it), and the answer read as far as it came. The status, or 0 when none came.
pub fn post_sized(addr: &str, path: &str, declared: u64, body: Vec<u8>) -> u16 {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(120)))
        .unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\n{PAGE_HEADER}: 1\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {declared}\r\nConnection: close\r\n\r\n"
    );
    s.write_all(head.as_bytes()).unwrap();
    let mut writer = s.try_clone().unwrap();
    let sending = std::thread::spawn(move || {
        let _ = writer.write_all(&body);
    });
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n) = s.read(&mut buf) {
        if n == 0 {
            break;
        }
        answer.extend_from_slice(&buf[..n]);
    }
    let _ = s.shutdown(std::net::Shutdown::Both);
    let _ = sending.join();
    String::from_utf8_lossy(&answer)
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}
