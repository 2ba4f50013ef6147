//! Judges tokens the way tokenlens's Lambda-authorizer profile (aws-jwt-verify's
//! `CognitoJwtVerifier`) does, for the differential test in `tests/differential/`.
//!
//! Reads JSON lines on stdin, each
//! `{ "token", "jwks": <JWKS JSON>, "config": { "userPoolId", "tokenUse": "id"|"access"|null,
//! "clientId": string|[..]|null, "groups": string|[..]|null, "scope": string|[..]|null,
//! "graceSeconds": n }, "now": <unix seconds> }`
//! and prints one JSON line per input:
//! `{ "accept": bool, "class": "<aws-jwt-verify error class>"|null, "message": "<the library's
//! message>"|null, "codes": [...], "verdict": "accept"|"reject"|"cannot_tell" }`,
//! or `{ "error": "..." }` for a line it cannot read. Never panics on input.

use std::io::{BufRead, Write};

use serde_json::{json, Value};
use tokenlens::diagnose::config::{read_token_use, LambdaApi, Target};
use tokenlens::diagnose::finding::Code;
use tokenlens::diagnose::identity::identify;
use tokenlens::diagnose::profiles::{deciding, judge, Profile, ProfileVerdict, TokenFacts};
use tokenlens::explain::ajv::{error_class, thrown_message};
use tokenlens::input::{Candidate, Shape, Source};
use tokenlens::jose::jwk::parse_jwks;
use tokenlens::jose::{parse_unverified, Parsed};
use tokenlens::verify::{verify, Verification};

/// A string (one item, as the library takes it), an array of strings, or null — verbatim:
/// aws-jwt-verify never splits an option's string.
fn list(v: Option<&Value>) -> Result<Vec<String>, String> {
    match v {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(vec![s.clone()]),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| format!("list item is not a string: {item}"))
            })
            .collect(),
        Some(other) => Err(format!("expected string, array or null, got {other}")),
    }
}

fn target_of(cfg: &Value) -> Result<Target, String> {
    let cfg = cfg.as_object().ok_or("config is not an object")?;
    let mut target = Target::default();
    let l = &mut target.lambda;
    l.pool_id = match cfg.get("userPoolId") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => return Err(format!("userPoolId is not a string: {other}")),
    };
    l.token_use = match cfg.get("tokenUse") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => match read_token_use(s) {
            Some(tu) => Some(tu),
            None => return Err(format!("tokenUse must be id, access or null: {s}")),
        },
        Some(other) => return Err(format!("tokenUse is not a string: {other}")),
    };
    l.client_ids = list(cfg.get("clientId"))?;
    l.groups = list(cfg.get("groups"))?;
    l.scopes = list(cfg.get("scope"))?;
    l.api = match cfg.get("api").and_then(Value::as_str) {
        Some("rest") => LambdaApi::Rest,
        Some("http") => LambdaApi::Http,
        _ => LambdaApi::Unknown,
    };
    l.grace_seconds = match cfg.get("graceSeconds") {
        None | Some(Value::Null) => 0,
        Some(v) => v
            .as_i64()
            .ok_or_else(|| format!("graceSeconds is not an integer: {v}"))?,
    };
    Ok(target)
}

fn judge_line(line: &str) -> Result<Value, String> {
    let input: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let token = input
        .get("token")
        .and_then(Value::as_str)
        .ok_or("token is missing or not a string")?;
    let now = input
        .get("now")
        .and_then(Value::as_i64)
        .ok_or("now is missing or not an integer")?;
    let jwks = input.get("jwks").ok_or("jwks is missing")?;
    let jwks_bytes = match jwks {
        Value::String(s) => s.clone().into_bytes(),
        other => other.to_string().into_bytes(),
    };
    let mut keys = parse_jwks(&jwks_bytes).map_err(|e| format!("JWKS not usable: {e:?}"))?;
    // The library fetches these keys from the pool itself: the issuer's own key set.
    keys.issuers = true;
    let target = target_of(input.get("config").ok_or("config is missing")?)?;

    let parsed = parse_unverified(token).ok();
    let (shape, jws) = match &parsed {
        Some(Parsed::Jws(j)) => (Shape::Jws, Some(j)),
        Some(Parsed::Jwe(_)) => (Shape::Jwe, None),
        None => (Shape::Opaque, None),
    };
    let verification = jws
        .map(|j| verify(j, &[&keys]))
        .unwrap_or_else(Verification::default);
    let header = jws.and_then(|j| j.header.as_ref().ok());
    let claims = jws.and_then(|j| j.claims());
    let kind = identify(header, claims, None).kind;
    let candidate = Candidate {
        token: token.to_owned(),
        shape,
        source: Source::Bare,
        cleanups: vec![],
    };
    let facts = TokenFacts {
        candidate: &candidate,
        header,
        claims,
        verification: &verification,
        kind: &kind,
    };
    let result = judge(Profile::LambdaAjv, &facts, &target, now, 0);
    let codes: Vec<&str> = result.findings.iter().map(|f| f.code.as_str()).collect();
    let thrown = deciding(&result.findings).and_then(|f| match &f.code {
        Code::Ajv(c) => c.error().map(|e| (error_class(c), thrown_message(e))),
        _ => None,
    });
    let (class, message) = match thrown {
        Some((class, message)) => (class, Some(message)),
        None => (None, None),
    };
    let verdict = match &result.verdict {
        ProfileVerdict::Accept => "accept",
        ProfileVerdict::Reject { .. } => "reject",
        ProfileVerdict::CannotTell { .. } => "cannot_tell",
    };
    let status = match &result.verdict {
        ProfileVerdict::Reject { status, .. } => Some(*status),
        _ => None,
    };
    Ok(json!({
        "status": status,
        "accept": matches!(result.verdict, ProfileVerdict::Accept),
        "class": class,
        "message": message,
        "codes": codes,
        "verdict": verdict,
    }))
}

fn main() {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in stdin.lock().lines() {
        let answer = match line {
            Ok(line) if line.trim().is_empty() => continue,
            Ok(line) => judge_line(&line).unwrap_or_else(|e| json!({ "error": e })),
            Err(e) => json!({ "error": format!("unreadable line: {e}") }),
        };
        if writeln!(out, "{answer}")
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}
