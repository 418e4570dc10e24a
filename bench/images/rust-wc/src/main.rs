//! rust-wc: counts lines, words and bytes of standard input and prints the N most frequent
//! words (N from the TOP environment variable, default 5).
mod counter;

use std::io::{self, Read, Write};

fn main() {
    let mut input = Vec::new();
    if let Err(e) = io::stdin().read_to_end(&mut input) {
        eprintln!("rust-wc: cannot read standard input: {}", e);
        std::process::exit(1);
    }
    let top: usize = std::env::var("TOP").ok().and_then(|v| v.parse().ok()).unwrap_or(5);
    let text = String::from_utf8_lossy(&input);
    let stats = counter::count(&text);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    writeln!(out, "lines {}", stats.lines).unwrap();
    writeln!(out, "words {}", stats.words).unwrap();
    writeln!(out, "bytes {}", input.len()).unwrap();
    for (word, n) in stats.most_frequent(top) {
        writeln!(out, "{:>6} {}", n, word).unwrap();
    }
}
