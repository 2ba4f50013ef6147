//! The gateway description's form fields by id: a sorted `Vec`, not a `BTreeMap`, whose
//! instantiation is 3.7 KB of wasm (1.9 KB gzip) for a map of a dozen entries. Same API and
//! order as the map the page used (`new`, `insert`, `remove`, `get`, `extend`, `iter` by id).
//! Must not read or judge values: that is [`crate::inspect::target`]'s.

/// Field id → value, ordered by id; at most one value per id (the last insert wins).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields(Vec<(&'static str, String)>);

impl Fields {
    /// No fields.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `id` to `value`, returning the value it replaces.
    pub fn insert(&mut self, id: &'static str, value: String) -> Option<String> {
        match self.0.binary_search_by(|(k, _)| (*k).cmp(id)) {
            Ok(at) => self
                .0
                .get_mut(at)
                .map(|(_, old)| std::mem::replace(old, value)),
            Err(at) => {
                self.0.insert(at, (id, value));
                None
            }
        }
    }

    /// Unsets `id`, returning its value.
    pub fn remove(&mut self, id: &str) -> Option<String> {
        let at = self.0.binary_search_by(|(k, _)| (*k).cmp(id)).ok()?;
        Some(self.0.remove(at).1)
    }

    /// The value of `id`.
    pub fn get(&self, id: &str) -> Option<&String> {
        let at = self.0.binary_search_by(|(k, _)| (*k).cmp(id)).ok()?;
        self.0.get(at).map(|(_, v)| v)
    }

    /// The fields by id (items shaped as `BTreeMap::iter`'s).
    pub fn iter(&self) -> impl Iterator<Item = (&&'static str, &String)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl Extend<(&'static str, String)> for Fields {
    fn extend<I: IntoIterator<Item = (&'static str, String)>>(&mut self, fields: I) {
        for (id, value) in fields {
            self.insert(id, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn fields_behave_as_the_ordered_map_they_replace() {
        let steps: [(&'static str, &str); 7] = [
            ("cfg-rest-scopes", "a"),
            ("leeway", "5"),
            ("cfg-http-aud", "x"),
            ("leeway", "10"),
            ("cfg-rest-scopes", ""),
            ("a-first", "1"),
            ("z-last", "2"),
        ];
        let (mut fields, mut map) = (Fields::new(), BTreeMap::new());
        for (id, value) in steps {
            assert_eq!(
                fields.insert(id, value.to_owned()),
                map.insert(id, value.to_owned())
            );
            assert!(fields.iter().eq(map.iter()));
        }
        for id in ["leeway", "cfg-rest-scopes", "a-first", "absent", ""] {
            assert_eq!(fields.get(id), map.get(id));
        }
        for id in ["leeway", "absent", "a-first"] {
            assert_eq!(fields.remove(id), map.remove(id));
            assert!(fields.iter().eq(map.iter()));
        }
        let more = vec![("leeway", "0".to_owned()), ("b", "3".to_owned())];
        fields.extend(more.clone());
        map.extend(more);
        assert!(fields.iter().eq(map.iter()));
    }
}
