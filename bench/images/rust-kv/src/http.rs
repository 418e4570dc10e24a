use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;

use crate::store::Store;

fn respond(mut stream: TcpStream, status: &str, body: &str) {
    let _ = write!(
        stream,
        "HTTP/1.1 {}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
        status,
        body.len(),
        body
    );
}

pub fn handle(stream: TcpStream, store: &Store) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut parts = request_line.split_whitespace();
    let (method, path) = match (parts.next(), parts.next()) {
        (Some(m), Some(p)) => (m.to_string(), p.to_string()),
        _ => return respond(stream, "400 Bad Request", "bad request\n"),
    };
    let mut content_length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" || line == "\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                content_length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0u8; content_length.min(1 << 20)];
    if reader.read_exact(&mut body).is_err() {
        return respond(stream, "400 Bad Request", "short body\n");
    }
    if path == "/healthz" {
        return respond(stream, "200 OK", "ok\n");
    }
    let key = match path.strip_prefix("/kv/") {
        Some(k) if !k.is_empty() => k.to_string(),
        _ => return respond(stream, "404 Not Found", "not found\n"),
    };
    match method.as_str() {
        "GET" => match store.get(&key) {
            Some(v) => respond(stream, "200 OK", &v),
            None => respond(stream, "404 Not Found", "no such key\n"),
        },
        "PUT" => {
            store.put(key, String::from_utf8_lossy(&body).into_owned());
            respond(stream, "204 No Content", "")
        }
        "DELETE" => {
            if store.delete(&key) {
                respond(stream, "204 No Content", "")
            } else {
                respond(stream, "404 Not Found", "no such key\n")
            }
        }
        _ => respond(stream, "405 Method Not Allowed", "method not allowed\n"),
    }
}
