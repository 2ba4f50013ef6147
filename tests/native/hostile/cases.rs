//! Builders for the hostile inputs of issue 11, shared by `tests/native/hostile.rs` (outcomes)
//! and `examples/hostile_bench.rs` (timings). Each returns plain text or bytes, built from the
//! committed fixtures in `tests/fixtures/jose/`; nothing is random and no key is generated.

#![allow(dead_code)]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::fmt::Write;
use std::path::PathBuf;

/// One KiB.
pub const KIB: usize = 1024;
/// One MiB.
pub const MIB: usize = 1024 * 1024;

fn fixture_path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/jose")
        .join(rel)
}

/// A committed fixture file as text.
pub fn fixture(rel: &str) -> String {
    std::fs::read_to_string(fixture_path(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
}

/// The token of a named case in `tokens.json`.
pub fn fixture_token(name: &str) -> String {
    let all: serde_json::Value =
        serde_json::from_str(&fixture("tokens.json")).unwrap_or_else(|e| panic!("{e}"));
    all.as_array()
        .into_iter()
        .flatten()
        .find(|c| c["name"] == name)
        .and_then(|c| c["token"].as_str())
        .unwrap_or_else(|| panic!("no fixture token {name}"))
        .to_owned()
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A compact JWS with this header and payload JSON and a 32-byte dummy signature.
pub fn jws(header: &str, payload: &str) -> String {
    format!(
        "{}.{}.{}",
        b64(header.as_bytes()),
        b64(payload.as_bytes()),
        b64(&[7u8; 32])
    )
}

/// A token of about `bytes` whose payload repeats JSON keys on a deep path: 100 nested objects,
/// then an array of objects that each write `"dup"` three times (the issue's 63 KiB link made
/// 4,385 problem rows and 93 MiB of text).
pub fn deep_duplicate_keys_token(bytes: usize) -> String {
    let depth = 100;
    let mut payload = String::new();
    for _ in 0..depth {
        payload.push_str(r#"{"a_rather_long_member_name_on_the_way_down":"#);
    }
    payload.push('[');
    // base64url grows the payload by 4/3.
    let mut i = 0usize;
    while (payload.len() + 256) * 4 / 3 < bytes {
        if i > 0 {
            payload.push(',');
        }
        let _ = write!(payload, r#"{{"dup":{i},"dup":{i},"dup":{i}}}"#);
        i += 1;
    }
    payload.push(']');
    payload.push_str(&"}".repeat(depth));
    jws(r#"{"alg":"HS256","typ":"JWT"}"#, &payload)
}

/// The P-521 public JWK of the fixtures with another `kid`.
fn p521_jwk(kid: &str) -> String {
    let jwk: serde_json::Value =
        serde_json::from_str(&fixture("public/p521.jwk.json")).unwrap_or_else(|e| panic!("{e}"));
    format!(
        r#"{{"kty":"EC","crv":"P-521","kid":"{kid}","x":"{}","y":"{}"}}"#,
        jwk["x"].as_str().unwrap_or(""),
        jwk["y"].as_str().unwrap_or("")
    )
}

/// A JWKS of `n` P-521 keys (the fixture key) with kids `k0`, `k1`, …; `with_token_kid` makes
/// the last one carry the ES512 fixture token's kid (`es512`).
pub fn p521_key_set(n: usize, with_token_kid: bool) -> String {
    let keys: Vec<String> = (0..n)
        .map(|i| {
            if with_token_kid && i + 1 == n {
                p521_jwk("es512")
            } else {
                p521_jwk(&format!("k{i}"))
            }
        })
        .collect();
    format!(r#"{{"keys":[{}]}}"#, keys.join(","))
}

/// Count of P-521 keys that fit the 256 KiB fetch cap, as in the issue.
pub const P521_KEYS_IN_FETCH_CAP: usize = 1097;

/// The ES512 fixture token with one payload character changed: its kid names a key, but the
/// signature matches nothing.
pub fn es512_tampered() -> String {
    let t = fixture_token("es512_valid");
    let mut parts: Vec<String> = t.split('.').map(str::to_owned).collect();
    if let Some(p) = parts.get_mut(1) {
        let flipped = if p.ends_with('A') { 'B' } else { 'A' };
        p.pop();
        p.push(flipped);
    }
    parts.join(".")
}

/// An ES512 token without a `kid` (and so with a signature that matches nothing).
pub fn es512_without_kid() -> String {
    let t = fixture_token("es512_valid");
    let mut parts = t.split('.').skip(1);
    format!(
        "{}.{}.{}",
        b64(br#"{"alg":"ES512","typ":"JWT"}"#),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or("")
    )
}

/// The HS256 fixture token (no kid), to be checked against public keys (key confusion).
pub fn hs256_token() -> String {
    fixture_token("hs256_valid")
}

/// A JWKS of `n` Ed25519 keys whose kids repeat every `distinct` keys (the issue: 100 k pasted
/// keys with repeated kids took 8 s).
pub fn repeated_kid_key_set(n: usize, distinct: usize) -> String {
    let jwk: serde_json::Value =
        serde_json::from_str(&fixture("public/ed25519.jwk.json")).unwrap_or_else(|e| panic!("{e}"));
    let x = jwk["x"].as_str().unwrap_or("");
    let keys: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"kty":"OKP","crv":"Ed25519","kid":"kid-{}","x":"{x}"}}"#,
                i % distinct.max(1)
            )
        })
        .collect();
    format!(r#"{{"keys":[{}]}}"#, keys.join(","))
}

/// About `bytes` of log lines, each an `Authorization: Bearer` header with a distinct small
/// token, between lines of prose (the issue's 10 MB mixed paste had 22,911 candidates).
pub fn mixed_paste(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 512);
    let mut i = 0usize;
    loop {
        let token = jws(
            r#"{"alg":"RS256","kid":"k"}"#,
            &format!(r#"{{"sub":"user-{i}","exp":1700000000}}"#),
        );
        let line = format!(
            "{i:08} GET /api/things HTTP/1.1 host=api.example.com\nAuthorization: Bearer {token}\n"
        );
        if out.len() + line.len() > bytes {
            return out;
        }
        out.push_str(&line);
        i += 1;
    }
}

/// A redirect URL of about `bytes` whose fragment holds many short distinct `access_token`
/// parameters (the issue's 10 MB of URL parameters made 461 k candidates).
pub fn url_parameters(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 64);
    out.push_str("https://app.example.com/callback#");
    let mut i = 0usize;
    // Each parameter is 23 bytes.
    while out.len() + 23 <= bytes {
        let _ = write!(out, "access_token=t{i:08}&");
        i += 1;
    }
    out
}

/// The ES512 fixture token with a zero-width space, a soft hyphen, a word joiner and a BOM
/// inside it, and its second `.` written as a full-width `．`.
pub fn token_with_invisible_characters() -> String {
    let t = fixture_token("es512_valid");
    let (header, rest) = t.split_once('.').unwrap_or((&t, ""));
    let (payload, signature) = rest.split_once('.').unwrap_or((rest, ""));
    let (p1, p2) = payload.split_at(payload.len() / 2);
    format!("\u{FEFF}{header}.{p1}\u{200B}\u{00AD}{p2}\u{FF0E}{signature}\u{2060}")
}

/// The Ed25519 identity point (order 1) as a JWK: every "signature" (R = identity, S = 0) checks.
pub fn small_order_ed25519_jwk() -> String {
    let mut x = [0u8; 32];
    x[0] = 1;
    format!(
        r#"{{"kty":"OKP","crv":"Ed25519","kid":"weak","x":"{}"}}"#,
        b64(&x)
    )
}
