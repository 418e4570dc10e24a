use std::collections::HashMap;

pub struct Stats {
    pub lines: usize,
    pub words: usize,
    pub freq: HashMap<String, usize>,
}

impl Stats {
    /// The `n` most frequent words, most frequent first, ties in alphabetical order.
    pub fn most_frequent(&self, n: usize) -> Vec<(&str, usize)> {
        let mut v: Vec<(&str, usize)> = self.freq.iter().map(|(w, c)| (w.as_str(), *c)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v.truncate(n);
        v
    }
}

/// Words are maximal runs of alphanumeric characters (and apostrophes), compared lowercase.
pub fn count(text: &str) -> Stats {
    let mut freq = HashMap::new();
    let mut words = 0;
    for word in text
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
    {
        words += 1;
        *freq.entry(word.to_lowercase()).or_insert(0) += 1;
    }
    Stats { lines: text.lines().count(), words, freq }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words() {
        let s = count("the cat and the hat\nthe end\n");
        assert_eq!(s.lines, 2);
        assert_eq!(s.words, 7);
        assert_eq!(s.most_frequent(1), vec![("the", 3)]);
    }
}
