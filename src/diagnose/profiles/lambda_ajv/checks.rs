//! The library's checks, one function per step of aws-jwt-verify 5.2.1's order (parse, issuer
//! lookup, key and signature, times, Cognito claims) and the assertion helpers of its assert.js.
//! Each pushes a [`Step`]; placing them (thrown, not reached, conditional) is the parent's job.
//! Must not produce prose.

use super::{
    claim_ev, header_ev, member, time_ev, AjvCode, AjvError, ClientClaim, MemberType, Mismatch,
    ParseProblem, Step, SUPPORTED_ALGS,
};
use crate::diagnose::claims::TokenUse;
use crate::diagnose::config::{pool_of_issuer, LambdaAjv, PoolId};
use crate::diagnose::profiles::{raw_claim, token_use_of, TokenFacts};
use crate::jose::jwk::KeyKind;
use crate::jose::token::SegmentErrorKind;
use crate::jose::{Claims, Field, Header, Value};
use crate::verify::{Decision, SkipReason, Verification};

/// `decomposeUnverifiedJwt`: the JWT regex, then header and payload objects and member types.
// node_modules/aws-jwt-verify/dist/esm/jwt.js (5.2.1): assertJwtHeader, assertJwtPayload.
pub(super) fn parse<'a>(t: &TokenFacts<'a>) -> Result<(&'a Header, &'a Claims), ParseProblem> {
    let part = |p: &str| {
        let body = p.trim_end_matches('=');
        !body.is_empty()
            && p.len() - body.len() <= 2
            && body
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    let parts: Vec<&str> = t.candidate.token.split('.').collect();
    if parts.len() != 3 || !parts.iter().all(|p| part(p)) {
        return Err(ParseProblem::NotThreeParts);
    }
    let not_object = t.verification.findings.iter().any(|f| {
        matches!(f, crate::verify::Finding::HeaderUndecodable(e)
            if matches!(e.kind, SegmentErrorKind::NotAnObject { .. }))
    });
    let header = t.header.ok_or(if not_object {
        ParseProblem::HeaderNotObject
    } else {
        ParseProblem::HeaderNotJson
    })?;
    if let Some(v) = header.alg.malformed() {
        return Err(ParseProblem::HeaderMember {
            name: "alg",
            raw: v.compact(),
        });
    }
    if let Field::Malformed(v) = &header.kid {
        return Err(ParseProblem::HeaderMember {
            name: "kid",
            raw: v.compact(),
        });
    }
    let claims = t.claims.ok_or(ParseProblem::PayloadNotObject)?;
    for (name, expected) in [
        ("exp", MemberType::Number),
        ("iss", MemberType::String),
        ("sub", MemberType::String),
        ("aud", MemberType::StringOrArray),
        ("nbf", MemberType::Number),
        ("iat", MemberType::Number),
        ("scope", MemberType::String),
        ("jti", MemberType::String),
    ] {
        let raw = match name {
            "exp" => time_raw(&claims.exp),
            "nbf" => time_raw(&claims.nbf),
            "iat" => time_raw(&claims.iat),
            _ => raw_claim(claims, name),
        };
        let ok = match (&raw, expected) {
            (None, _) => true,
            // Any JSON number is finite; a negative one is not a parse error.
            (Some(Value::Number(_)), MemberType::Number) => true,
            (Some(Value::String(_)), MemberType::String | MemberType::StringOrArray) => true,
            (Some(Value::Array(items)), MemberType::StringOrArray) => {
                items.iter().all(|i| matches!(i, Value::String(_)))
            }
            _ => false,
        };
        if !ok {
            return Err(ParseProblem::PayloadMember {
                name,
                expected,
                raw: raw.map(|v| v.compact()).unwrap_or_default(),
            });
        }
    }
    Ok((header, claims))
}

fn time_raw(f: &Field<crate::jose::NumericDate>) -> Option<Value> {
    match f {
        Field::Present(d) => Some(Value::Number(d.raw.as_str().into())),
        Field::Malformed(v) => Some(v.clone()),
        Field::Absent => None,
    }
}

/// `getIssuerConfig(payload.iss)`: before any key, signature or claim check; a Cognito verifier
/// registers the pool's ORIGINAL and UPDATED issuer. With the issuer found, the later `iss`
/// check compares it with itself and cannot fail.
// node_modules/aws-jwt-verify/dist/esm/jwt-verifier.js getIssuerConfig, getVerifyParameters;
// cognito-verifier.js constructor (both issuer forms).
pub(super) fn issuer(claims: &Claims, configured: Option<PoolId>, steps: &mut Vec<Step>) {
    let Some(iss) = claims.iss.present() else {
        let ev = vec![claim_ev(claims, "iss", None)];
        steps.push(Step::Fail(AjvError::IssuerMissing, ev));
        return;
    };
    let pool = configured.clone().or_else(|| pool_of_issuer(iss));
    match pool {
        Some(p) if !p.is_issuer(iss) => {
            let issuers = p.issuers();
            let ev = vec![claim_ev(claims, "iss", Some(issuers.join(" or ")))];
            steps.push(Step::Fail(
                AjvError::IssuerNotConfigured {
                    iss: iss.clone(),
                    configured: Some(issuers),
                },
                ev,
            ));
        }
        Some(p) => {
            // V1: 5.1.x rejects a pool's UPDATED issuer and `eusc-` pool ids.
            let eusc = p.id.starts_with("eusc-");
            if eusc || iss.starts_with("https://issuer-cognito-idp.") {
                steps.push(Step::Note(AjvCode::SinceV52 { eusc }));
            }
            if configured.is_none() {
                steps.push(Step::Note(AjvCode::PoolAssumed { pool_id: p.id }));
            }
        }
        None => {
            let ev = vec![claim_ev(claims, "iss", None)];
            steps.push(Step::Fail(
                AjvError::IssuerNotConfigured {
                    iss: iss.clone(),
                    configured: None,
                },
                ev,
            ));
        }
    }
}

/// `getJwk` (kid required, lookup), `validateJwtHeaderAndJwk` (JWK `kty`/`use`, `alg` against
/// the JWK's and the supported list), then the signature with that one JWK.
// node_modules/aws-jwt-verify/dist/esm/jwk.js getJwk, assertIsSignatureJwk;
// jwt-verifier.js validateJwtHeaderAndJwk, verifyDecomposedJwt.
pub(super) fn key(header: &Header, v: &Verification, alb: bool, steps: &mut Vec<Step>) {
    let Some(kid) = header.kid.present() else {
        steps.push(Step::Fail(
            AjvError::NoKid,
            vec![header_ev("kid", None, None)],
        ));
        return;
    };
    // A2: the ALB signs x-amzn-oidc-data with its own key; the pool's JWKS never has it, so
    // the library throws whatever keys were pasted here.
    if alb {
        steps.push(Step::Fail(
            AjvError::KidNotFound {
                kid: kid.clone(),
                available: Vec::new(),
                alb,
            },
            vec![header_ev("kid", Some(kid.clone()), None)],
        ));
        return;
    }
    let alg = header.alg.present().map(|a| a.as_str().to_owned());
    let supported = alg.as_deref().is_some_and(|a| SUPPORTED_ALGS.contains(&a));
    let alg_fail = |kid_checked: bool| {
        Step::Fail(
            AjvError::AlgNotAllowed {
                alg: alg.clone(),
                kid_checked,
            },
            vec![header_ev(
                "alg",
                alg.clone(),
                Some(SUPPORTED_ALGS.join(", ")),
            )],
        )
    };
    // Only the issuer's own key set (what the library fetches) makes a missing `kid` its
    // `KidNotFoundInJwksError`; pasted keys that lack it leave the keys to be given.
    if let Some(missing) = v.kid_not_published() {
        let available = v
            .findings
            .iter()
            .find_map(|f| match f {
                crate::verify::Finding::KidNotFound { available, .. } => Some(available.clone()),
                _ => None,
            })
            .unwrap_or_default();
        steps.push(Step::Fail(
            AjvError::KidNotFound {
                kid: missing.to_owned(),
                available,
                alb: false,
            },
            vec![header_ev("kid", Some(missing.to_owned()), None)],
        ));
        return;
    }
    let matched = v
        .candidates
        .iter()
        .find(|c| c.decision != Decision::Skipped(SkipReason::KidDiffers));
    let Some(c) = matched else {
        // No key was considered: none given, or (for `alg` none, absent or unknown) none looked
        // at. An unsupported `alg` is a rejection whichever way the `kid` lookup goes.
        if supported {
            steps.push(Step::Unknown(AjvCode::KeysNeeded {
                kid: kid.clone(),
                given: v.kid_not_found().is_some(),
            }));
        } else {
            steps.push(alg_fail(false));
        }
        return;
    };
    if let KeyKind::Hmac { .. } = c.key.kind {
        let ev = vec![header_ev("kid", Some(kid.clone()), None)];
        steps.push(Step::Fail(
            AjvError::JwkInvalidKty {
                kty: "oct".to_owned(),
            },
            ev,
        ));
        return;
    }
    match &c.decision {
        Decision::Skipped(SkipReason::UseNotSig { use_ }) => {
            let ev = vec![header_ev("kid", Some(kid.clone()), None)];
            steps.push(Step::Fail(
                AjvError::JwkInvalidUse { use_: use_.clone() },
                ev,
            ));
            return;
        }
        Decision::Skipped(SkipReason::KeyAlgDiffers { key_alg }) => {
            let jwk_alg = key_alg.as_str().to_owned();
            let ev = vec![header_ev("alg", alg.clone(), Some(jwk_alg.clone()))];
            steps.push(Step::Fail(
                AjvError::AlgMismatch {
                    alg: alg.clone(),
                    jwk_alg,
                },
                ev,
            ));
            return;
        }
        _ => {}
    }
    if !supported {
        steps.push(alg_fail(true));
        return;
    }
    if v.is_pending() {
        steps.push(Step::Unknown(AjvCode::SignaturePending {
            kid: kid.clone(),
        }));
        return;
    }
    match &c.decision {
        Decision::Verified => {}
        // The library does not read `key_ops`; this key was not tried here.
        Decision::Skipped(SkipReason::KeyOpsWithoutVerify { .. }) => {
            steps.push(Step::Unknown(AjvCode::KeysNeeded {
                kid: kid.clone(),
                given: false,
            }));
        }
        Decision::Mismatch
        | Decision::WrongSignatureLength { .. }
        | Decision::NotTried
        | Decision::Skipped(_) => steps.push(Step::Fail(AjvError::InvalidSignature, vec![])),
    }
}

/// `validateJwtFields`: `exp + grace < now` and `nbf - grace > now` (the project's time rule).
// node_modules/aws-jwt-verify/dist/esm/jwt.js validateJwtFields.
pub(super) fn times(claims: &Claims, grace: i64, now: i64, steps: &mut Vec<Step>) {
    let expired = match &claims.exp {
        Field::Present(_) => claims.expired_at(now, grace),
        // A negative `exp` is a number to the library, and long past.
        Field::Malformed(Value::Number(raw)) if raw.starts_with('-') => Some(negative_floor(raw)),
        _ => None,
    };
    if let Some(exp) = expired {
        steps.push(Step::Fail(
            AjvError::Expired { exp, grace },
            vec![time_ev("exp", exp, now, grace)],
        ));
    }
    let early = match &claims.nbf {
        // A value that looks like milliseconds is still a (far future) number to the library.
        Field::Present(d) if d.looks_like_milliseconds => Some(d.secs),
        Field::Present(_) => claims.not_yet_valid_until(now, grace),
        // Too large for 64-bit seconds: far in the future.
        Field::Malformed(Value::Number(raw)) if !raw.starts_with('-') => Some(i64::MAX),
        _ => None,
    };
    if let Some(nbf) = early {
        steps.push(Step::Fail(
            AjvError::NotBefore { nbf, grace },
            vec![time_ev("nbf", nbf, now, grace)],
        ));
    }
}

/// `validateCognitoJwtFields`: groups, `token_use` (always `id` or `access`, then `tokenUse`),
/// client id against `aud` (ID token) or `client_id`.
// node_modules/aws-jwt-verify/dist/esm/cognito-verifier.js validateCognitoJwtFields.
pub(super) fn cognito(claims: &Claims, cfg: &LambdaAjv, machine: bool, steps: &mut Vec<Step>) {
    if !cfg.groups.is_empty() {
        let raw = raw_claim(claims, "cognito:groups");
        if let Some(found) = raw
            .as_ref()
            .map_or(Some(Mismatch::Missing), |v| overlap(v, &cfg.groups))
        {
            let ev = member(claims, "cognito:groups", &cfg.groups);
            steps.push(Step::Fail(
                AjvError::Group {
                    found,
                    expected: cfg.groups.clone(),
                },
                ev,
            ));
        }
    }
    let tu_raw = raw_claim(claims, "token_use");
    let both = vec!["id".to_owned(), "access".to_owned()];
    let tu_fail = contains(tu_raw.as_ref(), &both)
        .map(|found| (found, both))
        .or_else(|| {
            let want = match cfg.token_use? {
                TokenUse::Id => "id",
                TokenUse::Access => "access",
            };
            let want = vec![want.to_owned()];
            contains(tu_raw.as_ref(), &want).map(|found| (found, want))
        });
    if let Some((found, expected)) = tu_fail {
        let ev = member(claims, "token_use", &expected);
        steps.push(Step::Fail(
            AjvError::TokenUse {
                found,
                expected,
                machine,
            },
            ev,
        ));
    }
    if cfg.client_ids.is_empty() {
        steps.push(Step::Note(AjvCode::ClientIdNotChecked));
        return;
    }
    let (claim, name) = match token_use_of(claims) {
        Some(TokenUse::Id) => (ClientClaim::Aud, "aud"),
        _ => (ClientClaim::ClientId, "client_id"),
    };
    if let Some(found) = contains(raw_claim(claims, name).as_ref(), &cfg.client_ids) {
        let ev = member(claims, name, &cfg.client_ids);
        steps.push(Step::Fail(
            AjvError::ClientId {
                claim,
                found,
                expected: cfg.client_ids.clone(),
            },
            ev,
        ));
    }
}

/// `floor` of a negative JSON number's text (`-12.5` → -13), as an `i64`; `i64::MIN` when it
/// has an exponent or does not fit (it is long past either way).
fn negative_floor(raw: &str) -> i64 {
    let (int, frac) = raw.split_once('.').unwrap_or((raw, ""));
    if raw.contains(['e', 'E']) {
        return i64::MIN;
    }
    let whole = int.parse::<i64>().unwrap_or(i64::MIN);
    if frac.bytes().any(|b| b != b'0') {
        whole.saturating_sub(1)
    } else {
        whole
    }
}

/// JavaScript truthiness of a JSON value.
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::String(s) => !s.is_empty(),
        Value::Number(n) => n
            .split(['e', 'E'])
            .next()
            .is_some_and(|m| m.bytes().any(|b| matches!(b, b'1'..=b'9'))),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// `assertStringArrayContainsString`: a non-empty string that is one of `expected`.
fn contains(actual: Option<&Value>, expected: &[String]) -> Option<Mismatch> {
    match actual {
        None => Some(Mismatch::Missing),
        Some(v) if !truthy(v) => Some(Mismatch::Missing),
        Some(Value::String(_)) => actual.and_then(|v| overlap(v, expected)),
        Some(v) => Some(Mismatch::NotString(v.compact())),
    }
}

/// `assertStringArraysOverlap`: a string counts as one item; items are taken in order and a
/// non-string one met before a match fails.
pub(super) fn overlap(actual: &Value, expected: &[String]) -> Option<Mismatch> {
    if !truthy(actual) {
        return Some(Mismatch::Missing);
    }
    let items: Vec<Value> = match actual {
        Value::String(s) => vec![Value::String(s.clone())],
        Value::Array(items) => items.to_vec(),
        other => return Some(Mismatch::NotArray(other.compact())),
    };
    let mut seen = Vec::new();
    for item in &items {
        match item {
            Value::String(s) if expected.iter().any(|e| e == s.as_str()) => return None,
            Value::String(s) => seen.push(s.to_string()),
            _ => return Some(Mismatch::NonStringElement(actual.compact())),
        }
    }
    Some(Mismatch::NotAllowed(seen))
}
