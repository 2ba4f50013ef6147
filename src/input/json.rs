//! JSON found in a paste, walked in document order down to its string values.
//!
//! Read with the crate's own exact reader ([`crate::jose::json`]), which keeps members in
//! document order: candidates must come out in order of appearance.

use crate::jose::json::{JsonDoc, Value};

use super::Unrecognised;

/// Parses the JSON object or array at the start of `text` (after whitespace); returns it and
/// the bytes it spans. Text after the value is ignored (an HTTP response dump may continue after
/// the body).
pub(super) fn parse_prefix(text: &str) -> Option<(Value, usize)> {
    let end = value_end(text)?;
    let doc = JsonDoc::parse(text.get(..end)?).ok()?;
    matches!(doc.value, Value::Object(_) | Value::Array(_)).then_some((doc.value, end))
}

/// Where the object or array starting `text` (after whitespace) ends: one pass that follows
/// only strings and brackets. Whether the span is JSON is for the parser to say.
fn value_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let first = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    if !matches!(bytes.get(first), Some(b'{' | b'[')) {
        return None;
    }
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, &b) in bytes.iter().enumerate().skip(first) {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
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
pub(super) fn strings(root: &Value) -> Vec<JsonString<'_>> {
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
    value: &'a Value,
    path: &str,
    key: &str,
    pair_name: Option<&str>,
    out: &mut Vec<JsonString<'a>>,
) {
    match value {
        Value::String(s) => out.push(JsonString {
            path: path.to_owned(),
            key: key.to_owned(),
            pair_name: pair_name.map(str::to_owned),
            value: s,
        }),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &format!("{path}[{i}]"), key, None, out);
            }
        }
        Value::Object(members) => {
            let name = members.iter().find_map(|(k, v)| match v {
                Value::String(s) if k == "name" => Some(s.as_str()),
                _ => None,
            });
            for (k, v) in members.iter() {
                let pair = if k == "value" { name } else { None };
                walk(v, &join(path, k), k, pair, out);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// What a token-less JSON document is, if it is something users paste into the wrong box.
pub(super) fn kind(root: &Value) -> Unrecognised {
    let Value::Object(members) = root else {
        return Unrecognised::JsonWithoutTokens;
    };
    let get = |name: &str| members.iter().find(|(k, _)| k == name).map(|(_, v)| v);
    if let Some(Value::Array(_)) = get("keys") {
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
    if let Some(Value::String(error)) = get("error") {
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
        let (v, _) = parse_prefix(r#"{"z": "1", "a": "2"}"#).unwrap_or((Value::Null, 0));
        let keys: Vec<String> = strings(&v).into_iter().map(|s| s.key).collect();
        assert_eq!(keys, ["z", "a"]);
    }

    #[test]
    fn paths_name_nesting_and_array_indices() {
        let (v, _) = parse_prefix(r#"{"a": {"b": [{"c": "x"}]}}"#).unwrap_or((Value::Null, 0));
        let s = strings(&v);
        assert_eq!(s[0].path, "a.b[0].c");
        assert_eq!(s[0].key, "c");
    }

    #[test]
    fn name_value_pairs_carry_the_name() {
        let (v, _) = parse_prefix(r#"[{"name": "Authorization", "value": "Bearer x"}]"#)
            .unwrap_or((Value::Null, 0));
        let s = strings(&v);
        assert_eq!(s[1].pair_name.as_deref(), Some("Authorization"));
    }

    #[test]
    fn trailing_text_after_the_value_is_allowed() {
        let parsed = parse_prefix("{\"a\": 1}\nmore text");
        assert_eq!(parsed.map(|(_, n)| n), Some(8));
    }

    #[test]
    fn the_value_ends_at_its_own_closing_bracket_whatever_its_strings_hold() {
        let text = "{\"a\": \"} ] \\\" {\"}\n} trailing }";
        assert_eq!(parse_prefix(text).map(|(_, n)| n), Some(17));
    }

    #[test]
    fn an_unclosed_or_invalid_value_is_not_json() {
        for text in [
            "{\"a\": [1, 2}",
            "{\"a\": \"}",
            "{\"a\" 1}",
            "\"s\"",
            "12",
            "]",
        ] {
            assert_eq!(parse_prefix(text), None, "{text}");
        }
    }

    #[test]
    fn jwks_is_recognised() {
        let (v, _) = parse_prefix(r#"{"keys": []}"#).unwrap_or((Value::Null, 0));
        assert_eq!(kind(&v), Unrecognised::Jwks);
    }
}
