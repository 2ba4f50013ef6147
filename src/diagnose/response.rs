//! What the gateway answered: a status line and body, a `www-authenticate` header, a whole
//! `curl -v` transcript, or a browser console line, mapped to causes (knowledge §9, §1 table,
//! §2 H9–H12, §3 L2–L6) — including the answers that are not token problems at all.
//!
//! Owns [`read_response`]. Never panics; reads at most [`MAX_INPUT`] bytes, line by line. Must
//! not produce prose (`explain::response`).

use crate::diagnose::finding::{Evidence, Finding, Severity, Status};

/// Bytes of the answer that are read; the rest is ignored.
pub const MAX_INPUT: usize = 256 * 1024;
/// Longest input-derived string kept in a value.
const MAX_CARRIED: usize = 300;

/// A parsed `www-authenticate: Bearer …` challenge (RFC 6750 §3).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WwwAuthenticate {
    /// The scheme, e.g. `Bearer`.
    pub scheme: String,
    /// `error`, e.g. `invalid_token`.
    pub error: Option<String>,
    /// `error_description`.
    pub error_description: Option<String>,
    /// `scope`.
    pub scope: Option<String>,
}

/// What was read from the answer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResponseReading {
    /// HTTP status, when one was seen.
    pub status: Option<u16>,
    /// The body's `message` (or `Message`), when there is one; `null` reads as `"null"`.
    pub body_message: Option<String>,
    /// The `www-authenticate` challenge, when present.
    pub www_authenticate: Option<WwwAuthenticate>,
    /// Causes.
    pub findings: Vec<Finding>,
}

/// True for answers that say nothing about the token (wrong URL, IAM, resource policy, an
/// authorizer's policy or crash, CORS).
pub fn is_token_problem(code: &str) -> bool {
    matches!(
        code,
        "resp_unauthorized" | "resp_token_expired" | "resp_invalid_audience" | "resp_invalid_token"
    )
}

fn carried(s: &str) -> String {
    s.chars().take(MAX_CARRIED).collect()
}

fn bounded(text: &str) -> &str {
    if text.len() <= MAX_INPUT {
        return text;
    }
    let mut end = MAX_INPUT;
    while !text.is_char_boundary(end) {
        end = end.saturating_sub(1);
    }
    text.get(..end).unwrap_or_default()
}

use super::profiles::finding as mk;

/// Strips curl's `< ` / `> ` / `* ` markers.
fn strip_curl(line: &str) -> &str {
    let l = line.trim();
    for p in ["< ", "> ", "* "] {
        if let Some(rest) = l.strip_prefix(p) {
            return rest.trim();
        }
    }
    l
}

fn status_of(line: &str) -> Option<u16> {
    let l = strip_curl(line);
    let rest = if l.len() >= 5 && l.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("HTTP/")) {
        l.split_whitespace().nth(1)?
    } else {
        let lower = l.to_ascii_lowercase();
        let after = ["status code:", "status:", ":status:"]
            .iter()
            .find_map(|p| lower.strip_prefix(p).map(|r| r.trim().to_owned()))?;
        return after
            .split_whitespace()
            .next()?
            .parse()
            .ok()
            .filter(|s| (100..600).contains(s));
    };
    rest.parse().ok().filter(|s: &u16| (100..600).contains(s))
}

/// Reads the value of a JSON `"message"` / `"Message"` member anywhere in the text.
fn message_of(text: &str) -> Option<String> {
    for key in ["\"message\"", "\"Message\""] {
        let Some(at) = text.find(key) else { continue };
        let rest = text.get(at + key.len()..)?.trim_start();
        let rest = rest.strip_prefix(':')?.trim_start();
        if rest.starts_with("null") {
            return Some("null".to_owned());
        }
        let body = rest.strip_prefix('"')?;
        let mut out = String::new();
        let mut escaped = false;
        for c in body.chars().take(4096) {
            if escaped {
                out.push(c);
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                return Some(carried(&out));
            } else {
                out.push(c);
            }
        }
        return Some(carried(&out));
    }
    None
}

/// Parses `Bearer scope="" error="invalid_token" error_description="…"`.
fn parse_challenge(v: &str) -> WwwAuthenticate {
    let v = v.trim();
    let (scheme, params) = v.split_once(char::is_whitespace).unwrap_or((v, ""));
    let mut w = WwwAuthenticate {
        scheme: carried(scheme),
        ..WwwAuthenticate::default()
    };
    let mut rest = params;
    for _ in 0..16 {
        let r = rest.trim_start_matches(|c: char| c == ',' || c.is_whitespace());
        let Some((name, after)) = r.split_once('=') else {
            break;
        };
        let after = after.trim_start();
        let (val, next) = if let Some(q) = after.strip_prefix('"') {
            match q.find('"') {
                Some(end) => (
                    q.get(..end).unwrap_or_default(),
                    q.get(end + 1..).unwrap_or_default(),
                ),
                None => (q, ""),
            }
        } else {
            let end = after.find([',', ' ']).unwrap_or(after.len());
            (
                after.get(..end).unwrap_or_default(),
                after.get(end..).unwrap_or_default(),
            )
        };
        match name.trim().to_ascii_lowercase().as_str() {
            "error" => w.error = Some(carried(val)),
            "error_description" => w.error_description = Some(carried(val)),
            "scope" => w.scope = Some(carried(val)),
            _ => {}
        }
        rest = next;
    }
    w
}

/// The claim a gateway's own `error_description` names, by keyword (the texts themselves are
/// not published, H9; only the gateway's words are read).
fn claim_named(desc: &str) -> &'static str {
    let d = desc.to_ascii_lowercase();
    if d.contains("audience") {
        "aud"
    } else if d.contains("expired") || d.contains("exp") {
        "exp"
    } else if d.contains("issuer") {
        "iss"
    } else if d.contains("kid") || d.contains("key") || d.contains("signature") {
        "signature"
    } else if d.contains("not before") || d.contains("nbf") {
        "nbf"
    } else if d.contains("iat") || d.contains("issued") {
        "iat"
    } else if d.contains("scope") {
        "scope"
    } else {
        "unknown"
    }
}

/// Reads an answer and maps it to causes. Never panics; bounded work.
pub fn read_response(text: &str) -> ResponseReading {
    let text = bounded(text);
    let mut r = ResponseReading::default();
    let mut preflight = false;
    for line in text.lines().take(10_000) {
        let l = strip_curl(line);
        if r.status.is_none() {
            r.status = status_of(line);
        }
        if let Some((name, v)) = l.split_once(':') {
            if name.trim().eq_ignore_ascii_case("www-authenticate") && r.www_authenticate.is_none()
            {
                r.www_authenticate = Some(parse_challenge(v));
            }
        }
        if l.len() >= 8
            && l.get(..8)
                .is_some_and(|p| p.eq_ignore_ascii_case("OPTIONS "))
        {
            preflight = true;
        }
    }
    if r.status.is_none() {
        // A bare leading status, e.g. `401 {"message":"Unauthorized"}`.
        r.status = text
            .split_whitespace()
            .next()
            .and_then(|w| w.parse().ok())
            .filter(|s: &u16| (100..600).contains(s));
    }
    r.body_message = message_of(text);
    let lower = text.to_ascii_lowercase();
    let msg = r.body_message.clone().unwrap_or_default();
    let msg_l = msg.to_ascii_lowercase();
    let ev_msg = || {
        vec![Evidence::Value {
            label: "message",
            value: msg.clone(),
        }]
    };
    let f = &mut r.findings;

    if lower.contains("missing authentication token") {
        f.push(mk(
            "resp_missing_authentication_token",
            Severity::Error,
            Status::Confirmed,
            ev_msg(),
            &["KC-MAT", "GW-RESP"],
        ));
    }
    if lower.contains("not a valid key=value pair") {
        f.push(mk(
            "resp_sigv4_parsed_bearer",
            Severity::Error,
            Status::Reported,
            ev_msg(),
            &["KEYVAL", "KC-SIGV4"],
        ));
    }
    if lower.contains("authorization header requires 'credential' parameter") {
        f.push(mk(
            "resp_sigv4_bare_token",
            Severity::Error,
            Status::Reported,
            ev_msg(),
            &["KEYVAL", "KC-SIGV4"],
        ));
    }
    if lower.contains("security token included in the request is invalid")
        || lower.contains("request signature we calculated does not match")
    {
        f.push(mk(
            "resp_sigv4_credentials",
            Severity::Error,
            Status::Confirmed,
            vec![],
            &["KC-SIGV4"],
        ));
    }
    if lower.contains("is not authorized to perform: execute-api:invoke") {
        f.push(mk(
            "resp_resource_policy_denies",
            Severity::Error,
            Status::Confirmed,
            ev_msg(),
            &["APIGW-AUTHFLOW", "KC-403"],
        ));
    } else if lower.contains("not authorized to access this resource with an explicit deny") {
        f.push(mk(
            "resp_lambda_explicit_deny",
            Severity::Error,
            Status::Confirmed,
            ev_msg(),
            &["KC-403", "KC-403-LAMBDA"],
        ));
    } else if lower.contains("user is not authorized to access this resource") {
        f.push(mk(
            "resp_lambda_policy_cache_trap",
            Severity::Error,
            Status::Confirmed,
            ev_msg(),
            &["KC-CACHE", "KC-403-LAMBDA"],
        ));
    }
    if lower.contains("the incoming token has expired") {
        f.push(mk(
            "resp_token_expired",
            Severity::Error,
            Status::Reported,
            ev_msg(),
            &["GW-RESP", "AMPLIFY-6060"],
        ));
    }
    if r.status == Some(500)
        && (msg == "null" || lower.contains("authorizerconfigurationexception"))
    {
        f.push(mk(
            "resp_lambda_authorizer_error",
            Severity::Error,
            Status::Reported,
            ev_msg(),
            &["LOIGE", "LAMBDA-AUTH"],
        ));
    } else if r.status == Some(500) && msg_l == "internal server error" {
        f.push(mk(
            "resp_authorizer_or_integration_error",
            Severity::Error,
            Status::Confirmed,
            ev_msg(),
            &["HTTP-LAMBDA"],
        ));
    }
    if let Some(w) = r.www_authenticate.clone() {
        let desc = w.error_description.clone().unwrap_or_default();
        let ev = vec![
            Evidence::Value {
                label: "error",
                value: w.error.clone().unwrap_or_default(),
            },
            Evidence::Value {
                label: "error_description",
                value: desc.clone(),
            },
            Evidence::Value {
                label: "claim",
                value: claim_named(&desc).to_owned(),
            },
        ];
        if desc.eq_ignore_ascii_case("the token does not have a valid audience") {
            f.push(mk(
                "resp_invalid_audience",
                Severity::Error,
                Status::Confirmed,
                ev,
                &["HTTP-JWT-TS"],
            ));
        } else if w.error.is_some() || !desc.is_empty() {
            f.push(mk(
                "resp_invalid_token",
                Severity::Error,
                Status::Confirmed,
                ev,
                &["HTTP-JWT-TS", "HTTP-JWT"],
            ));
        }
    }
    let generic = f.is_empty();
    if generic && r.status == Some(401) && (msg_l == "unauthorized" || msg.is_empty()) {
        f.push(mk(
            "resp_unauthorized",
            Severity::Error,
            Status::Confirmed,
            ev_msg(),
            &["GW-RESP", "KC-401"],
        ));
    }
    if generic && r.status == Some(403) && msg_l == "forbidden" {
        f.push(mk(
            "resp_forbidden",
            Severity::Error,
            Status::Reported,
            ev_msg(),
            &["GW-RESP", "YULIN-302"],
        ));
    }
    if preflight && r.status == Some(401) {
        f.push(mk(
            "resp_preflight_hits_authorizer",
            Severity::Error,
            Status::Confirmed,
            vec![],
            &["HTTP-CORS"],
        ));
    }
    if lower.contains("failed to fetch")
        || lower.contains("blocked by cors policy")
        || lower.contains("cors error")
        || lower.contains("networkerror when attempting to fetch")
        || lower.contains("cross-origin request blocked")
    {
        f.push(mk(
            "resp_cors_hides_status",
            Severity::Warning,
            Status::Confirmed,
            vec![],
            &["REST-CORS", "REPOST-CORS-401", "FETCH-SPEC"],
        ));
    }
    if let Some(s) = r.status {
        if f.is_empty() && matches!(s, 400 | 404) && msg_l.contains("unauthorized") {
            f.push(mk(
                "resp_customized_gateway_response",
                Severity::Info,
                Status::Confirmed,
                vec![],
                &["GW-RESP"],
            ));
        }
    }
    r
}

/// This module's finding codes (see [`crate::diagnose::finding::Code`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseCode {}

impl ResponseCode {
    /// The stable `snake_case` name.
    pub fn as_str(&self) -> &'static str {
        match *self {}
    }
}
