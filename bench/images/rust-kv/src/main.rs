//! rust-kv: GET/PUT/DELETE /kv/KEY on an in-memory map, GET /healthz.
mod http;
mod store;

use std::net::TcpListener;
use std::sync::Arc;
use std::thread;

fn main() {
    let port = std::env::var("PORT").unwrap_or_else(|_| "8085".to_string());
    let listener = TcpListener::bind(format!("0.0.0.0:{}", port)).expect("bind");
    eprintln!("rust-kv listening on :{}", port);
    let store = Arc::new(store::Store::default());
    for stream in listener.incoming().flatten() {
        let store = Arc::clone(&store);
        thread::spawn(move || http::handle(stream, &store));
    }
}
