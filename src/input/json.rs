//! JSON found in a paste, walked in document order down to its string values.
//!
//! `serde_json::Value` sorts object keys (the `preserve_order` feature is off), so a small
//! order-keeping tree is deserialised instead: candidates must come out in order of appearance.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::Unrecognised;

/// A JSON value, keeping only what extraction needs, members in document order.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum JValue {
    Str(String),
    Obj(Vec<(String, JValue)>),
    Arr(Vec<JValue>),
    /// Numbers, booleans, null.
    Other,
}

impl<'de> Deserialize<'de> for JValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JVisitor)
    }
}

struct JVisitor;

impl<'de> Visitor<'de> for JVisitor {
    type Value = JValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<JValue, E> {
        Ok(JValue::Other)
    }
    fn visit_i64<E>(self, _: i64) -> Result<JValue, E> {
        Ok(JValue::Other)
    }
    fn visit_u64<E>(self, _: u64) -> Result<JValue, E> {
        Ok(JValue::Other)
    }
    fn visit_f64<E>(self, _: f64) -> Result<JValue, E> {
        Ok(JValue::Other)
    }
    fn visit_unit<E>(self) -> Result<JValue, E> {
        Ok(JValue::Other)
    }
    fn visit_none<E>(self) -> Result<JValue, E> {
        Ok(JValue::Other)
    }
    fn visit_str<E>(self, v: &str) -> Result<JValue, E> {
        Ok(JValue::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<JValue, E> {
        Ok(JValue::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<JValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<JValue>()? {
            items.push(item);
        }
        Ok(JValue::Arr(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JValue, A::Error> {
        let mut members = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, JValue>()? {
            members.push((key, value));
        }
        Ok(JValue::Obj(members))
    }
}

/// Parses the JSON object or array at the start of `text`; returns it and the bytes it spans.
/// Text after the value is ignored (an HTTP response dump may continue after the body).
pub(super) fn parse_prefix(text: &str) -> Option<(JValue, usize)> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<JValue>();
    match stream.next() {
        Some(Ok(value @ (JValue::Obj(_) | JValue::Arr(_)))) => Some((value, stream.byte_offset())),
        _ => None,
    }
}

/// One string value and where it sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct JsonString<'a> {
    /// Dotted path from the root, e.g. `AuthenticationResult.IdToken`, `entries[0].value`.
    pub path: String,
    /// The member name holding it (for array items, the array's member name).
    pub key: String,
    /// For `{"name": N, "value": …}` pairs (HAR headers, cookies, query strings): N.
    pub pair_name: Option<String>,
    pub value: &'a str,
}

/// Every string value under `root`, in document order.
pub(super) fn strings(root: &JValue) -> Vec<JsonString<'_>> {
    let mut out = Vec::new();
    walk(root, "", "", None, &mut out);
    out
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn walk<'a>(
    value: &'a JValue,
    path: &str,
    key: &str,
    pair_name: Option<&str>,
    out: &mut Vec<JsonString<'a>>,
) {
    match value {
        JValue::Str(s) => out.push(JsonString {
            path: path.to_owned(),
            key: key.to_owned(),
            pair_name: pair_name.map(str::to_owned),
            value: s,
        }),
        JValue::Arr(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &format!("{path}[{i}]"), key, None, out);
            }
        }
        JValue::Obj(members) => {
            let name = members.iter().find_map(|(k, v)| match v {
                JValue::Str(s) if k == "name" => Some(s.as_str()),
                _ => None,
            });
            for (k, v) in members {
                let pair = if k == "value" { name } else { None };
                walk(v, &join(path, k), k, pair, out);
            }
        }
        JValue::Other => {}
    }
}

/// What a token-less JSON document is, if it is something users paste into the wrong box.
pub(super) fn kind(root: &JValue) -> Unrecognised {
    let JValue::Obj(members) = root else {
        return Unrecognised::JsonWithoutTokens;
    };
    let get = |name: &str| members.iter().find(|(k, _)| k == name).map(|(_, v)| v);
    if let Some(JValue::Arr(_)) = get("keys") {
        return Unrecognised::Jwks;
    }
    if get("kty").is_some() {
        return if get("d").is_some() {
            Unrecognised::PrivateJwk
        } else {
            Unrecognised::Jwk
        };
    }
    if get("jwks_uri").is_some() {
        return Unrecognised::DiscoveryDocument;
    }
    if let Some(JValue::Str(error)) = get("error") {
        return Unrecognised::OAuthError {
            error: super::bounded(error),
        };
    }
    Unrecognised::JsonWithoutTokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_keep_document_order() {
        let (v, _) = parse_prefix(r#"{"z": "1", "a": "2"}"#).unwrap_or((JValue::Other, 0));
        let keys: Vec<String> = strings(&v).into_iter().map(|s| s.key).collect();
        assert_eq!(keys, ["z", "a"]);
    }

    #[test]
    fn paths_name_nesting_and_array_indices() {
        let (v, _) = parse_prefix(r#"{"a": {"b": [{"c": "x"}]}}"#).unwrap_or((JValue::Other, 0));
        let s = strings(&v);
        assert_eq!(s[0].path, "a.b[0].c");
        assert_eq!(s[0].key, "c");
    }

    #[test]
    fn name_value_pairs_carry_the_name() {
        let (v, _) = parse_prefix(r#"[{"name": "Authorization", "value": "Bearer x"}]"#)
            .unwrap_or((JValue::Other, 0));
        let s = strings(&v);
        assert_eq!(s[1].pair_name.as_deref(), Some("Authorization"));
    }

    #[test]
    fn trailing_text_after_the_value_is_allowed() {
        let parsed = parse_prefix("{\"a\": 1}\nmore text");
        assert_eq!(parsed.map(|(_, n)| n), Some(8));
    }

    #[test]
    fn jwks_is_recognised() {
        let (v, _) = parse_prefix(r#"{"keys": []}"#).unwrap_or((JValue::Other, 0));
        assert_eq!(kind(&v), Unrecognised::Jwks);
    }
}
