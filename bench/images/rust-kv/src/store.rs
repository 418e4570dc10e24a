use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Default)]
pub struct Store {
    map: Mutex<HashMap<String, String>>,
}

impl Store {
    pub fn get(&self, key: &str) -> Option<String> {
        self.map.lock().unwrap().get(key).cloned()
    }

    pub fn put(&self, key: String, value: String) {
        self.map.lock().unwrap().insert(key, value);
    }

    pub fn delete(&self, key: &str) -> bool {
        self.map.lock().unwrap().remove(key).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn put_get_delete() {
        let s = Store::default();
        s.put("a".into(), "1".into());
        assert_eq!(s.get("a").as_deref(), Some("1"));
        assert!(s.delete("a"));
        assert!(s.get("a").is_none());
    }
}
