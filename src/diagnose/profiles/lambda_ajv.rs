//! A Lambda authorizer built on aws-jwt-verify's `CognitoJwtVerifier` (knowledge §3, §6).
//!
//! Owns mirroring the library's checks in its order (parse; issuer lookup; `kid`, key, algorithm,
//! signature; `exp`, `nbf`, `scope`; `cognito:groups`, `token_use`, client id), each finding naming
//! the error class the library throws. The library stops at the first failure; this module
//! collects every one, and the first is the one the library reports. A rejection is 401 only if
//! the authorizer turns it into the error `Unauthorized` (L3), so the status is not certain.
//! Must not produce prose.

use super::{
    decodable, finding, header_member, joined, member, note, overlaps, raw_text, rejects,
    space_list, str_claim, time, token_use_of, value, TokenFacts,
};
use crate::diagnose::claims::TokenUse;
use crate::diagnose::config::{ajv_pool_of_issuer, read_ajv_pool_id, LambdaAjv};
use crate::diagnose::finding::{Finding, Severity, Status};
use crate::jose::{Alg, Claims, Field, Value};
use crate::verify::Verdict;

const SOURCES: &[&str] = &["AJV", "COG-VERIFY", "LAMBDA-AUTH"];

/// The aws-jwt-verify error class a finding stands for.
pub fn error_class(code: &str) -> Option<&'static str> {
    Some(match code {
        "ajv_invalid_pool_id" | "ajv_issuer_not_configured" => "ParameterValidationError",
        "ajv_parse_error" => "JwtParseError",
        "ajv_no_kid" => "JwtWithoutValidKidError",
        "ajv_kid_not_found" => "KidNotFoundInJwksError",
        "ajv_alg_not_allowed" => "JwtInvalidSignatureAlgorithmError",
        "ajv_invalid_signature" => "JwtInvalidSignatureError",
        "ajv_expired" => "JwtExpiredError",
        "ajv_not_before" => "JwtNotBeforeError",
        "ajv_invalid_scope" => "JwtInvalidScopeError",
        "ajv_invalid_group" => "CognitoJwtInvalidGroupError",
        "ajv_invalid_token_use" => "CognitoJwtInvalidTokenUseError",
        "ajv_invalid_client_id" => "CognitoJwtInvalidClientIdError",
        _ => return None,
    })
}

fn fail(code: &'static str, mut evidence: Vec<crate::diagnose::finding::Evidence>) -> Finding {
    if let Some(class) = error_class(code) {
        evidence.insert(0, value("error", class));
    }
    rejects(code, Status::Confirmed, evidence, SOURCES)
}

/// `assertStringArraysOverlap("Cognito group", payload["cognito:groups"], groups)`: a missing or
/// empty claim fails, a string is one group (never split on whitespace), anything but a string or
/// an array fails, and array items are taken in order until one matches (a non-string item met
/// before a match fails).
// node_modules/aws-jwt-verify/dist/esm/assert.js:56-76 (`if (typeof actual === "string") actual =
// [actual]`), called from cognito-verifier.js:19-21.
fn groups_overlap(claims: &Claims, wanted: &[String]) -> bool {
    let matches = |s: &str| wanted.iter().any(|w| w == s);
    match super::raw_claim(claims, "cognito:groups") {
        Some(Value::String(s)) => !s.is_empty() && matches(&s),
        Some(Value::Array(items)) => {
            for item in items {
                match item.as_str() {
                    Some(s) if matches(s) => return true,
                    Some(_) => {}
                    None => return false,
                }
            }
            false
        }
        _ => false,
    }
}

/// Judges a token as `CognitoJwtVerifier.create(cfg).verify(token)` would.
pub fn judge(t: &TokenFacts, cfg: &LambdaAjv, now: i64) -> Vec<Finding> {
    let mut out = Vec::new();
    let grace = cfg.grace_seconds;

    // `create()` validates the pool id before any token is seen.
    let configured_pool = match cfg.pool_id.as_deref().filter(|p| !p.trim().is_empty()) {
        Some(text) => match read_ajv_pool_id(text).value {
            Some(p) => Some(p),
            None => {
                out.push(rejects(
                    "ajv_invalid_pool_id",
                    Status::Confirmed,
                    vec![
                        value("error", "ParameterValidationError"),
                        value("userPoolId", text),
                    ],
                    &["AJV", "LAMBDA-AUTH"],
                ));
                return out;
            }
        },
        None => None,
    };

    // Parse: three parts, JSON objects, member types.
    let (Some(claims), Some(header), None) = (t.claims, t.header, decodable(t)) else {
        out.push(fail(
            "ajv_parse_error",
            vec![value("token", decodable(t).unwrap_or("undecodable"))],
        ));
        return out;
    };
    let mut bad: Vec<String> = claims
        .malformed()
        .iter()
        .map(|(n, _, _)| (*n).to_owned())
        .collect();
    if matches!(super::raw_claim(claims, "scope"), Some(v) if !matches!(v, Value::String(_))) {
        bad.push("scope".to_owned());
    }
    if header.alg.malformed().is_some() {
        bad.push("alg".to_owned());
    }
    if !bad.is_empty() {
        out.push(fail(
            "ajv_parse_error",
            vec![value("claims", bad.join(", "))],
        ));
        return out;
    }

    // Issuer lookup, before any key, signature or claim check: `getVerifyParameters` decomposes
    // the JWT, then `getIssuerConfig(payload.iss)` throws ParameterValidationError ("issuer must
    // be provided" / "issuer not configured: {iss}") unless `iss` is exactly one of the pool's
    // two registered issuers (regional and global form), so a wrong issuer wins over a bad
    // signature or expiry. With the issuer found, `validateJwtFields`' own `iss` check compares
    // it with itself and cannot fail.
    // node_modules/aws-jwt-verify/dist/esm/jwt-verifier.js:189-201 (getIssuerConfig), :288-290
    // (getVerifyParameters); cognito-verifier.js:61-74 (both issuer forms), :146-148 (verify).
    let iss = claims.iss.present().cloned();
    let pool = configured_pool.or_else(|| iss.as_deref().and_then(ajv_pool_of_issuer));
    match &pool {
        Some(p)
            if !p
                .ajv_issuers()
                .iter()
                .any(|i| iss.as_deref() == Some(i.as_str())) =>
        {
            out.push(fail(
                "ajv_issuer_not_configured",
                vec![member(
                    "iss",
                    raw_text(claims, "iss"),
                    Some(p.ajv_issuers().join(", ")),
                )],
            ));
        }
        None => out.push(fail(
            "ajv_issuer_not_configured",
            vec![member("iss", raw_text(claims, "iss"), None)],
        )),
        Some(p) if cfg.pool_id.is_none() => {
            out.push(note(
                "ajv_pool_assumed",
                vec![value("userPoolId", p.id.clone())],
                SOURCES,
            ));
        }
        Some(_) => {}
    }

    // Key: a kid, found in the JWKS; an allowed algorithm; the signature.
    if !matches!(header.kid, Field::Present(_)) {
        out.push(fail("ajv_no_kid", vec![header_member("kid", None, None)]));
    } else if let Some(kid) = t.verification.kid_not_found() {
        out.push(fail(
            "ajv_kid_not_found",
            vec![header_member("kid", Some(kid.to_owned()), None)],
        ));
    }
    let alg = header.alg.present();
    if !matches!(
        alg,
        Some(
            Alg::RS256
                | Alg::RS384
                | Alg::RS512
                | Alg::ES256
                | Alg::ES384
                | Alg::ES512
                | Alg::EdDSA
        )
    ) {
        out.push(fail(
            "ajv_alg_not_allowed",
            vec![header_member(
                "alg",
                alg.map(|a| a.as_str().to_owned()),
                Some("RS256, RS384, RS512, ES256, ES384, ES512, EdDSA".to_owned()),
            )],
        ));
    }
    match t.verification.verdict() {
        Verdict::Invalid => out.push(fail("ajv_invalid_signature", vec![])),
        Verdict::Unverifiable if t.verification.kid_not_found().is_none() => out.push(finding(
            "ajv_signature_unchecked",
            Severity::Warning,
            Status::Confirmed,
            vec![],
            SOURCES,
        )),
        _ => {}
    }

    // Claims: exp (+grace), nbf (−grace); `iss` was settled by the issuer lookup above.
    if let Some(exp) = claims.exp.present() {
        if exp.secs.saturating_add(grace) < now {
            out.push(fail("ajv_expired", vec![time("exp", exp.secs, now, grace)]));
        }
    }
    if let Some(nbf) = claims.nbf.present() {
        if nbf.secs > now.saturating_add(grace) {
            out.push(fail(
                "ajv_not_before",
                vec![time("nbf", nbf.secs, now, grace)],
            ));
        }
    }
    if !cfg.scopes.is_empty() {
        let have = space_list(claims, "scope").unwrap_or_default();
        if !overlaps(&have, &cfg.scopes) {
            out.push(fail(
                "ajv_invalid_scope",
                vec![member(
                    "scope",
                    raw_text(claims, "scope"),
                    Some(joined(&cfg.scopes)),
                )],
            ));
        }
    }

    // Cognito extras: groups, token_use (always id or access), client id.
    if !cfg.groups.is_empty() && !groups_overlap(claims, &cfg.groups) {
        out.push(fail(
            "ajv_invalid_group",
            vec![member(
                "cognito:groups",
                raw_text(claims, "cognito:groups"),
                Some(joined(&cfg.groups)),
            )],
        ));
    }
    let tu = token_use_of(claims);
    let tu_ok = match (tu, cfg.token_use) {
        (None, _) => false,
        (Some(have), Some(want)) => have == want,
        (Some(_), None) => true,
    };
    if !tu_ok {
        let want = match cfg.token_use {
            Some(TokenUse::Id) => "id",
            Some(TokenUse::Access) => "access",
            None => "id, access",
        };
        out.push(fail(
            "ajv_invalid_token_use",
            vec![member(
                "token_use",
                raw_text(claims, "token_use"),
                Some(want.to_owned()),
            )],
        ));
    }
    if cfg.client_ids.is_empty() {
        out.push(note("ajv_client_id_not_checked", vec![], SOURCES));
    } else if let Some(tu) = tu {
        let (name, have) = match tu {
            TokenUse::Id => (
                "aud",
                claims
                    .aud
                    .present()
                    .map(|a| a.values().to_vec())
                    .unwrap_or_default(),
            ),
            TokenUse::Access => (
                "client_id",
                str_claim(claims, "client_id").into_iter().collect(),
            ),
        };
        if !overlaps(&have, &cfg.client_ids) {
            out.push(fail(
                "ajv_invalid_client_id",
                vec![member(
                    name,
                    raw_text(claims, name),
                    Some(cfg.client_ids.join(", ")),
                )],
            ));
        }
    }
    out
}

/// What an aws-jwt-verify code does to the row's verdict (called by [`super::effect`]).
pub fn effect(code: &AjvCode) -> super::Effect {
    match *code {}
}

/// This module's finding codes (see [`crate::diagnose::finding::Code`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AjvCode {}

impl AjvCode {
    /// The stable `snake_case` name.
    pub fn as_str(&self) -> &'static str {
        match *self {}
    }
}
