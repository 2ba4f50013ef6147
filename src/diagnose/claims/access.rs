//! Claim accessors and evidence builders shared by every rule module (claims, identity, lints,
//! profiles): the raw value of a claim, its string, string-or-array and space-separated lists,
//! and the `Evidence` that shows them. Written once, so the modules above need not import each
//! other.
//!
//! Owns reading claims. Must not judge them. Public so profiles (and tests) read claims the same
//! way: `raw` for evidence, `claim_str`/`other_str` for strings, `space_list` for `scope` (C7),
//! `string_or_array` for `aud`-like claims.

use std::collections::HashSet;
use std::rc::Rc;

use crate::diagnose::finding::{Code, Evidence, Finding, Severity, Stage, Status};
use crate::jose::{Audience, Claims, Field, Header, Value};

/// Builds a typed finding.
pub fn typed(
    code: Code,
    stage: Stage,
    severity: Severity,
    status: Status,
    evidence: Vec<Evidence>,
    sources: &[&'static str],
) -> Finding {
    Finding {
        code,
        stage,
        severity,
        status,
        evidence,
        sources: sources.to_vec(),
    }
}

/// A payload member as evidence.
pub fn member(name: &str, actual: Option<String>, expected: Option<String>) -> Evidence {
    Evidence::Member {
        place: "payload",
        name: name.to_owned(),
        actual,
        expected,
    }
}

/// A payload member as evidence, its raw JSON taken from the claims.
pub fn claim_ev(claims: &Claims, name: &str) -> Evidence {
    member(name, raw(claims, name), None)
}

/// A header member as evidence.
pub fn header_ev(h: &Header, name: &str, expected: Option<String>) -> Evidence {
    Evidence::Member {
        place: "header",
        name: name.to_owned(),
        actual: h.doc.value.get(name).map(Value::compact),
        expected,
    }
}

/// A header member's string value.
pub fn header_str<'h>(h: &'h Header, name: &str) -> Option<&'h str> {
    h.doc.value.get(name).and_then(Value::as_str)
}

/// The last occurrence of an unregistered claim (registered ones live in [`Claims`] fields).
pub fn other<'c>(claims: &'c Claims, name: &str) -> Option<&'c Value> {
    claims
        .others()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// An unregistered claim's string value.
pub fn other_str<'c>(claims: &'c Claims, name: &str) -> Option<&'c str> {
    other(claims, name).and_then(Value::as_str)
}

/// The raw JSON text of any claim (registered or not; the last occurrence of an unregistered
/// one), `None` when absent. Time claims give their number exactly as written.
pub fn raw(claims: &Claims, name: &str) -> Option<String> {
    match name {
        "aud" => raw_aud(&claims.aud),
        "iss" => raw_field(&claims.iss, |s| json_str(s)),
        "sub" => raw_field(&claims.sub, |s| json_str(s)),
        "jti" => raw_field(&claims.jti, |s| json_str(s)),
        "exp" => raw_field(&claims.exp, |d| d.raw.clone()),
        "nbf" => raw_field(&claims.nbf, |d| d.raw.clone()),
        "iat" => raw_field(&claims.iat, |d| d.raw.clone()),
        "auth_time" => raw_field(&claims.auth_time, |d| d.raw.clone()),
        _ => other(claims, name).map(Value::compact),
    }
}

/// The string value of any claim (registered `iss`/`sub`/`jti` or unregistered), when it is a
/// string.
pub fn claim_str<'c>(claims: &'c Claims, name: &str) -> Option<&'c str> {
    match name {
        "iss" => claims.iss.present().map(String::as_str),
        "sub" => claims.sub.present().map(String::as_str),
        "jti" => claims.jti.present().map(String::as_str),
        _ => other_str(claims, name),
    }
}

fn raw_field<T>(f: &Field<T>, present: impl Fn(&T) -> String) -> Option<String> {
    match f {
        Field::Absent => None,
        Field::Malformed(v) => Some(v.compact()),
        Field::Present(t) => Some(present(t)),
    }
}

/// JSON text of a string.
pub fn json_str(s: &str) -> String {
    Value::String(s.into()).compact()
}

/// JSON text of a list of strings.
pub fn json_list(items: &[String]) -> String {
    Value::Array(Rc::new(
        items.iter().map(|s| Value::String(s.into())).collect(),
    ))
    .compact()
}

/// Raw JSON of `aud`, `None` when absent.
pub fn raw_aud(f: &Field<Audience>) -> Option<String> {
    match f {
        Field::Absent => None,
        Field::Malformed(v) => Some(v.compact()),
        Field::Present(Audience::One(s)) => Some(json_str(s)),
        Field::Present(Audience::Many(v)) => Some(json_list(v)),
    }
}

/// Strings of a value that is a string or an array (non-strings in the array are skipped).
pub fn string_or_array(v: &Value) -> Vec<&str> {
    match v {
        Value::String(s) => vec![s.as_str()],
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Appends `items` to `out` in order, without empties or duplicates; `seen` makes it linear.
pub fn extend_unique<'a>(
    out: &mut Vec<String>,
    seen: &mut HashSet<&'a str>,
    items: impl IntoIterator<Item = &'a str>,
) {
    for s in items {
        if !s.is_empty() && seen.insert(s) {
            out.push(s.to_owned());
        }
    }
}

/// The values of a space-separated list claim (`scope`): split on the space character only, as
/// aws-jwt-verify 5.2.1 does (C7); tabs and newlines are not separators.
pub fn space_list(s: &str) -> impl Iterator<Item = &str> {
    s.split(' ').filter(|x| !x.is_empty())
}

/// True for `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in hex.
pub fn looks_like_guid(s: &str) -> bool {
    let lens = [8usize, 4, 4, 4, 12];
    let mut parts = s.split('-');
    let ok = lens.iter().all(|n| {
        parts
            .next()
            .is_some_and(|p| p.len() == *n && p.bytes().all(|c| c.is_ascii_hexdigit()))
    });
    ok && parts.next().is_none()
}
