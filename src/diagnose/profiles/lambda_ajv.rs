//! A Lambda authorizer built on aws-jwt-verify 5.2.1's `CognitoJwtVerifier` (knowledge §3, §6,
//! C6, C7).
//!
//! Owns mirroring the library's checks in its order — `create()` (pool id); parse; issuer
//! lookup; `kid`, JWK, algorithm, signature; `exp`, `nbf`, `scope`; `customJwtCheck`;
//! `cognito:groups`, `token_use`, client id — and the status the API answers with (REST: 401,
//! HTTP API: 403, 500 when the function fails). The library stops at its first error: that one
//! is the row's verdict ([`AjvCode::Throws`]); every later check that would also fail is shown as
//! [`AjvCode::NotReached`], and without the issuer's keys the first failing check after the
//! signature is [`AjvCode::IfSignatureAccepted`] — never two errors that cannot both be thrown.
//! Must not produce prose (`explain::ajv`).

use super::{raw_claim, token_use_of, Effect, Need, TokenFacts, FORBIDDEN, UNAUTHORIZED};
use crate::diagnose::claims::TokenUse;
use crate::diagnose::config::{ajv_pool_of_issuer, read_ajv_pool_id, LambdaAjv, LambdaApi};
use crate::diagnose::finding::{Code, Evidence, Finding, Severity, Stage, Status};
use crate::jose::jwk::KeyKind;
use crate::jose::token::SegmentErrorKind;
use crate::jose::{Claims, Field, Header, Value};
use crate::verify::{Decision, SkipReason, Verification};

const SOURCES: &[&str] = &["AJV", "COG-VERIFY", "LAMBDA-AUTH", "HTTP-LAMBDA"];

/// aws-jwt-verify's `supportedSignatureAlgorithms` (jwt-verifier.js, 5.2.1).
pub const SUPPORTED_ALGS: [&str; 7] = [
    "RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "EdDSA",
];

/// This module's finding codes (see [`crate::diagnose::finding::Code`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AjvCode {
    /// The library throws this error first: the row's verdict. The status depends on `api`.
    Throws {
        /// What is thrown.
        error: AjvError,
        /// The API type the authorizer serves (C6).
        api: LambdaApi,
    },
    /// A check that would fail too, but the library never gets there: an earlier one throws.
    NotReached {
        /// What it would throw.
        error: AjvError,
    },
    /// Without the issuer's keys the key/signature step is unknown; if it passes, this is
    /// thrown next.
    IfSignatureAccepted {
        /// What would be thrown.
        error: AjvError,
    },
    /// The issuer's keys are needed to know whether the `kid`, the JWK and the signature pass.
    KeysNeeded {
        /// The token's `kid`.
        kid: String,
    },
    /// `userPoolId` was not given: the pool in the token's `iss` is assumed.
    PoolAssumed {
        /// The assumed pool id.
        pool_id: String,
    },
    /// `clientId: null`: the client id is not checked.
    ClientIdNotChecked,
    /// `customJwtCheck` (if the authorizer has one) runs here, before the Cognito checks; its
    /// outcome is not modelled.
    CustomCheckNotModelled,
}

impl AjvCode {
    /// The stable `snake_case` name. A not-reached or conditional check keeps its rule's name;
    /// its variant (and severity) says it is not the verdict.
    pub fn as_str(&self) -> &'static str {
        match self {
            AjvCode::Throws { error, .. }
            | AjvCode::NotReached { error }
            | AjvCode::IfSignatureAccepted { error } => error.as_str(),
            AjvCode::KeysNeeded { .. } => "ajv_signature_unchecked",
            AjvCode::PoolAssumed { .. } => "ajv_pool_assumed",
            AjvCode::ClientIdNotChecked => "ajv_client_id_not_checked",
            AjvCode::CustomCheckNotModelled => "ajv_custom_check_not_modelled",
        }
    }

    /// The error this code stands for, thrown or not.
    pub fn error(&self) -> Option<&AjvError> {
        match self {
            AjvCode::Throws { error, .. }
            | AjvCode::NotReached { error }
            | AjvCode::IfSignatureAccepted { error } => Some(error),
            AjvCode::KeysNeeded { .. }
            | AjvCode::PoolAssumed { .. }
            | AjvCode::ClientIdNotChecked
            | AjvCode::CustomCheckNotModelled => None,
        }
    }
}

/// One error aws-jwt-verify 5.2.1 can throw for this profile, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AjvError {
    /// `create()`: `ParameterValidationError` `Invalid Cognito User Pool ID: {id}`.
    InvalidPoolId {
        /// `userPoolId` as given.
        pool_id: String,
    },
    /// `JwtParseError`.
    Parse(ParseProblem),
    /// `ParameterValidationError` `issuer must be provided`.
    IssuerMissing,
    /// `ParameterValidationError` `issuer not configured: {iss}`.
    IssuerNotConfigured {
        /// The token's `iss`.
        iss: String,
        /// The two issuers registered for the configured pool; `None` when no pool is known.
        configured: Option<[String; 2]>,
    },
    /// `JwtWithoutValidKidError` `JWT header does not have valid kid claim`.
    NoKid,
    /// `KidNotFoundInJwksError` `JWK for kid "{kid}" not found in the JWKS`.
    KidNotFound {
        /// The token's `kid`.
        kid: String,
        /// The `kid`s the JWKS has.
        available: Vec<String>,
    },
    /// `JwkInvalidKtyError`: the JWK's `kty` is not EC, RSA or OKP.
    JwkInvalidKty {
        /// The JWK's `kty`.
        kty: String,
    },
    /// `JwkInvalidUseError`: the JWK's `use` is present and not `sig`.
    JwkInvalidUse {
        /// The JWK's `use`.
        use_: String,
    },
    /// `JwtInvalidSignatureAlgorithmError`: the JWK has an `alg` and the token's differs.
    AlgMismatch {
        /// The token's `alg` (absent → `None`).
        alg: Option<String>,
        /// The JWK's `alg`.
        jwk_alg: String,
    },
    /// `JwtInvalidSignatureAlgorithmError`: `alg` is not RS256/384/512, ES256/384/512 or EdDSA.
    AlgNotAllowed {
        /// The token's `alg` (absent → `None`).
        alg: Option<String>,
        /// Whether the `kid` was found in the JWKS; `false` when that is unknown (then the
        /// library may throw `KidNotFoundInJwksError` instead — a rejection either way).
        kid_checked: bool,
    },
    /// `JwtInvalidSignatureError` `Invalid signature`.
    InvalidSignature,
    /// `JwtExpiredError` `Token expired at {ISO}`.
    Expired {
        /// `exp`, whole seconds (may be negative: not a parse error in the library).
        exp: i64,
        /// `graceSeconds`.
        grace: i64,
    },
    /// `JwtNotBeforeError` `Token can't be used before {ISO}`.
    NotBefore {
        /// `nbf`, whole seconds.
        nbf: i64,
        /// `graceSeconds`.
        grace: i64,
    },
    /// `JwtInvalidScopeError` (label `Scope`; the claim is split on the space character only).
    Scope {
        /// How the claim failed.
        found: Mismatch,
        /// The `scope` option.
        expected: Vec<String>,
    },
    /// `CognitoJwtInvalidGroupError` (label `Cognito group`; a string claim is one group).
    Group {
        /// How the claim failed.
        found: Mismatch,
        /// The `groups` option.
        expected: Vec<String>,
    },
    /// `CognitoJwtInvalidTokenUseError` (label `Token use`).
    TokenUse {
        /// How the claim failed.
        found: Mismatch,
        /// `["id", "access"]` (always checked) or the `tokenUse` option.
        expected: Vec<String>,
    },
    /// `CognitoJwtInvalidClientIdError` (label `Client ID ("audience")` for ID tokens, else
    /// `Client ID`).
    ClientId {
        /// `aud` (ID token) or `client_id`.
        claim: ClientClaim,
        /// How the claim failed.
        found: Mismatch,
        /// The `clientId` option.
        expected: Vec<String>,
    },
}

/// Which claim carries the client id (cognito-verifier.js `validateCognitoJwtFields`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientClaim {
    /// `aud`, for `token_use: "id"`.
    Aud,
    /// `client_id`, for any other token use.
    ClientId,
}

/// How a claim failed one of the library's assertions (assert.js).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// Absent or falsy (`""`, `0`, `false`, `null`): `Missing {name}. Expected…`.
    Missing,
    /// `{name} is not of type string` (raw JSON).
    NotString(String),
    /// `{name} is not an array` (raw JSON).
    NotArray(String),
    /// `{name} includes elements that are not of type string` (raw JSON).
    NonStringElement(String),
    /// `{name} not allowed: {items}. Expected…`.
    NotAllowed(Vec<String>),
}

/// Why `decomposeUnverifiedJwt` throws `JwtParseError` (jwt.js).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseProblem {
    /// The text is not three base64url parts (`=` padding tolerated), or is empty.
    NotThreeParts,
    /// `Invalid JWT. Header is not a valid JSON object` (not base64url, UTF-8 or JSON).
    HeaderNotJson,
    /// `JWT header is not an object` (JSON, but an array, string, …).
    HeaderNotObject,
    /// `JWT header {name} claim is not a string` (`alg`, `kid`).
    HeaderMember {
        /// Member name.
        name: &'static str,
        /// Raw JSON.
        raw: String,
    },
    /// `Invalid JWT. Payload is not a valid JSON object`.
    PayloadNotObject,
    /// `JWT payload {name} claim is not a {expected}`.
    PayloadMember {
        /// Claim name.
        name: &'static str,
        /// What it must be.
        expected: MemberType,
        /// Raw JSON.
        raw: String,
    },
}

/// A type the parser asserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberType {
    /// A finite number (`exp`, `nbf`, `iat`).
    Number,
    /// A string (`iss`, `sub`, `scope`, `jti`).
    String,
    /// A string or an array of strings (`aud`).
    StringOrArray,
}

impl AjvError {
    /// The stable `snake_case` name.
    pub fn as_str(&self) -> &'static str {
        match self {
            AjvError::InvalidPoolId { .. } => "ajv_invalid_pool_id",
            AjvError::Parse(_) => "ajv_parse_error",
            AjvError::IssuerMissing => "ajv_issuer_missing",
            AjvError::IssuerNotConfigured { .. } => "ajv_issuer_not_configured",
            AjvError::NoKid => "ajv_no_kid",
            AjvError::KidNotFound { .. } => "ajv_kid_not_found",
            AjvError::JwkInvalidKty { .. } => "ajv_jwk_invalid_kty",
            AjvError::JwkInvalidUse { .. } => "ajv_jwk_invalid_use",
            AjvError::AlgMismatch { .. } => "ajv_alg_mismatch",
            AjvError::AlgNotAllowed { .. } => "ajv_alg_not_allowed",
            AjvError::InvalidSignature => "ajv_invalid_signature",
            AjvError::Expired { .. } => "ajv_expired",
            AjvError::NotBefore { .. } => "ajv_not_before",
            AjvError::Scope { .. } => "ajv_invalid_scope",
            AjvError::Group { .. } => "ajv_invalid_group",
            AjvError::TokenUse { .. } => "ajv_invalid_token_use",
            AjvError::ClientId { .. } => "ajv_invalid_client_id",
        }
    }
}

/// What an aws-jwt-verify code does to the row's verdict (called by [`super::effect`]).
pub fn effect(code: &AjvCode) -> Effect {
    match code {
        AjvCode::Throws { error, api } => thrown(error, *api),
        AjvCode::KeysNeeded { .. } => Effect::Needs(Need::IssuerKeys),
        AjvCode::NotReached { .. }
        | AjvCode::IfSignatureAccepted { .. }
        | AjvCode::PoolAssumed { .. }
        | AjvCode::ClientIdNotChecked
        | AjvCode::CustomCheckNotModelled => Effect::Note,
    }
}

/// The answer to a thrown error (C6, L3, L6, L7). The status of a token error depends on what
/// the authorizer's code does with it, so it is never `status_sure`.
fn thrown(error: &AjvError, api: LambdaApi) -> Effect {
    let token_error = match api {
        // REST: the function throws `Unauthorized` → 401 (LAMBDA-AUTH sample code).
        LambdaApi::Rest => Effect::Reject {
            status: 401,
            body: Some(UNAUTHORIZED),
            status_sure: false,
        },
        // HTTP API simple response `isAuthorized: false` → 403, body REPORTED.
        LambdaApi::Http => Effect::Reject {
            status: 403,
            body: Some(FORBIDDEN),
            status_sure: false,
        },
        // Both outcomes are possible: no body, and the prose names 401 and 403.
        LambdaApi::Unknown => Effect::Reject {
            status: 401,
            body: None,
            status_sure: false,
        },
    };
    match error {
        // `create()` throws at cold start: the function fails, 500 on REST and HTTP API alike.
        AjvError::InvalidPoolId { .. } => Effect::Reject {
            status: 500,
            body: None,
            status_sure: true,
        },
        AjvError::Parse(_)
        | AjvError::IssuerMissing
        | AjvError::IssuerNotConfigured { .. }
        | AjvError::NoKid
        | AjvError::KidNotFound { .. }
        | AjvError::JwkInvalidKty { .. }
        | AjvError::JwkInvalidUse { .. }
        | AjvError::AlgMismatch { .. }
        | AjvError::AlgNotAllowed { .. }
        | AjvError::InvalidSignature
        | AjvError::Expired { .. }
        | AjvError::NotBefore { .. }
        | AjvError::Scope { .. }
        | AjvError::Group { .. }
        | AjvError::TokenUse { .. }
        | AjvError::ClientId { .. } => token_error,
    }
}

/// One step's outcome, before it is placed relative to the first error.
enum Step {
    Fail(AjvError, Vec<Evidence>),
    Unknown(AjvCode),
    Note(AjvCode),
}

/// Judges a token as `CognitoJwtVerifier.create(cfg).verify(token)` (5.2.1) would.
pub fn judge(t: &TokenFacts, cfg: &LambdaAjv, now: i64) -> Vec<Finding> {
    let mut steps = Vec::new();
    run(t, cfg, now, &mut steps);
    place(steps, cfg.api)
}

/// The library's order: create, parse, issuer, key, signature, claims, custom check, Cognito.
fn run(t: &TokenFacts, cfg: &LambdaAjv, now: i64, steps: &mut Vec<Step>) {
    // `create()` validates the pool id before any token is seen.
    let configured = match cfg.pool_id.as_deref().filter(|p| !p.trim().is_empty()) {
        Some(text) => match read_ajv_pool_id(text).value {
            Some(p) => Some(p),
            None => {
                let pool_id = text.chars().take(200).collect();
                steps.push(Step::Fail(AjvError::InvalidPoolId { pool_id }, vec![]));
                return;
            }
        },
        None => None,
    };
    let (header, claims) = match parse(t) {
        Ok(parts) => parts,
        Err(problem) => {
            steps.push(Step::Fail(AjvError::Parse(problem), vec![]));
            return;
        }
    };
    issuer(claims, configured, steps);
    key(header, t.verification, steps);
    times(claims, cfg.grace_seconds, now, steps);
    if !cfg.scopes.is_empty() {
        // `payload.scope?.split(" ")`: the space character only.
        let found = match raw_claim(claims, "scope") {
            Some(Value::String(s)) => overlap(
                &Value::Array(s.split(' ').map(|x| Value::String(x.to_owned())).collect()),
                &cfg.scopes,
            ),
            _ => Some(Mismatch::Missing),
        };
        if let Some(found) = found {
            let ev = member(claims, "scope", &cfg.scopes);
            steps.push(Step::Fail(
                AjvError::Scope {
                    found,
                    expected: cfg.scopes.clone(),
                },
                ev,
            ));
        }
    }
    steps.push(Step::Note(AjvCode::CustomCheckNotModelled));
    cognito(claims, cfg, steps);
}

/// `decomposeUnverifiedJwt`: the JWT regex, then header and payload objects and member types.
// node_modules/aws-jwt-verify/dist/esm/jwt.js (5.2.1): assertJwtHeader, assertJwtPayload.
fn parse<'a>(t: &TokenFacts<'a>) -> Result<(&'a Header, &'a Claims), ParseProblem> {
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
        Field::Present(d) => Some(Value::Number(d.raw.clone())),
        Field::Malformed(v) => Some(v.clone()),
        Field::Absent => None,
    }
}

/// `getIssuerConfig(payload.iss)`: before any key, signature or claim check; a Cognito verifier
/// registers the pool's ORIGINAL and UPDATED issuer. With the issuer found, the later `iss`
/// check compares it with itself and cannot fail.
// node_modules/aws-jwt-verify/dist/esm/jwt-verifier.js getIssuerConfig, getVerifyParameters;
// cognito-verifier.js constructor (both issuer forms).
fn issuer(
    claims: &Claims,
    configured: Option<crate::diagnose::config::PoolId>,
    steps: &mut Vec<Step>,
) {
    let Some(iss) = claims.iss.present() else {
        let ev = vec![claim_ev(claims, "iss", None)];
        steps.push(Step::Fail(AjvError::IssuerMissing, ev));
        return;
    };
    let pool = configured.clone().or_else(|| ajv_pool_of_issuer(iss));
    match pool {
        Some(p) if !p.ajv_issuers().iter().any(|i| i == iss) => {
            let issuers = p.ajv_issuers();
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
fn key(header: &Header, v: &Verification, steps: &mut Vec<Step>) {
    let Some(kid) = header.kid.present() else {
        steps.push(Step::Fail(
            AjvError::NoKid,
            vec![header_ev("kid", None, None)],
        ));
        return;
    };
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
    if let Some(missing) = v.kid_not_found() {
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
            steps.push(Step::Unknown(AjvCode::KeysNeeded { kid: kid.clone() }));
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
    match &c.decision {
        Decision::Verified => {}
        // The library does not read `key_ops`; this key was not tried here.
        Decision::Skipped(SkipReason::KeyOpsWithoutVerify { .. }) => {
            steps.push(Step::Unknown(AjvCode::KeysNeeded { kid: kid.clone() }));
        }
        Decision::Mismatch
        | Decision::WrongSignatureLength { .. }
        | Decision::NotTried
        | Decision::Skipped(_) => steps.push(Step::Fail(AjvError::InvalidSignature, vec![])),
    }
}

/// `validateJwtFields`: `exp + grace < now` and `nbf - grace > now` (the project's time rule).
// node_modules/aws-jwt-verify/dist/esm/jwt.js validateJwtFields.
fn times(claims: &Claims, grace: i64, now: i64, steps: &mut Vec<Step>) {
    let expired = match &claims.exp {
        Field::Present(_) => claims.expired_at(now, grace),
        // A negative `exp` is a number to the library, and long past.
        Field::Malformed(Value::Number(raw)) if raw.starts_with('-') => {
            Some(raw.parse::<f64>().map_or(i64::MIN, |f| f.floor() as i64))
        }
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
fn cognito(claims: &Claims, cfg: &LambdaAjv, steps: &mut Vec<Step>) {
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
        steps.push(Step::Fail(AjvError::TokenUse { found, expected }, ev));
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

/// JavaScript truthiness of a JSON value.
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::String(s) => !s.is_empty(),
        Value::Number(n) => n.parse::<f64>().is_ok_and(|f| f != 0.0),
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
fn overlap(actual: &Value, expected: &[String]) -> Option<Mismatch> {
    if !truthy(actual) {
        return Some(Mismatch::Missing);
    }
    let items: Vec<Value> = match actual {
        Value::String(s) => vec![Value::String(s.clone())],
        Value::Array(items) => items.clone(),
        other => return Some(Mismatch::NotArray(other.compact())),
    };
    let mut seen = Vec::new();
    for item in &items {
        match item {
            Value::String(s) if expected.contains(s) => return None,
            Value::String(s) => seen.push(s.clone()),
            _ => return Some(Mismatch::NonStringElement(actual.compact())),
        }
    }
    Some(Mismatch::NotAllowed(seen))
}

/// Places each step: the first error is thrown; errors after it are not reached; after an
/// unknown key step the first error is conditional and the rest not reached.
fn place(steps: Vec<Step>, api: LambdaApi) -> Vec<Finding> {
    let mut out = Vec::new();
    let (mut thrown, mut unknown, mut conditional) = (false, false, false);
    for step in steps {
        let (code, severity, evidence) = match step {
            Step::Fail(error, ev) if thrown || conditional => {
                (AjvCode::NotReached { error }, Severity::Info, ev)
            }
            Step::Fail(error, ev) if unknown => {
                conditional = true;
                (
                    AjvCode::IfSignatureAccepted { error },
                    Severity::Warning,
                    ev,
                )
            }
            Step::Fail(error, ev) => {
                thrown = true;
                (AjvCode::Throws { error, api }, Severity::Error, ev)
            }
            // Nothing more to need or to mention once an error is thrown.
            Step::Unknown(_) | Step::Note(AjvCode::CustomCheckNotModelled) if thrown => continue,
            Step::Unknown(code) => {
                unknown = true;
                (code, Severity::Warning, vec![])
            }
            Step::Note(code) => (code, Severity::Info, vec![]),
        };
        out.push(Finding {
            code: Code::Ajv(code),
            stage: Stage::Gateway,
            severity,
            status: Status::Confirmed,
            evidence,
            sources: SOURCES.to_vec(),
        });
    }
    out
}

fn claim_ev(claims: &Claims, name: &str, expected: Option<String>) -> Evidence {
    Evidence::Member {
        place: "payload",
        name: name.to_owned(),
        actual: raw_claim(claims, name).map(|v| v.compact()),
        expected,
    }
}

fn member(claims: &Claims, name: &str, expected: &[String]) -> Vec<Evidence> {
    vec![claim_ev(claims, name, Some(expected.join(", ")))]
}

fn header_ev(name: &str, actual: Option<String>, expected: Option<String>) -> Evidence {
    Evidence::Member {
        place: "header",
        name: name.to_owned(),
        actual,
        expected,
    }
}

fn time_ev(claim: &'static str, value: i64, now: i64, grace: i64) -> Evidence {
    Evidence::Time {
        claim,
        value,
        now,
        leeway: grace,
    }
}

/// Transitional: the error class for a code's `snake_case` name, for callers not yet moved to
/// `explain::ajv::error_class` (`profiles::legacy_effect`, `explain::profiles`). Remove with them.
pub fn error_class(code: &str) -> Option<&'static str> {
    Some(match code {
        "ajv_invalid_pool_id" | "ajv_issuer_missing" | "ajv_issuer_not_configured" => {
            "ParameterValidationError"
        }
        "ajv_parse_error" => "JwtParseError",
        "ajv_no_kid" => "JwtWithoutValidKidError",
        "ajv_kid_not_found" => "KidNotFoundInJwksError",
        "ajv_jwk_invalid_kty" => "JwkInvalidKtyError",
        "ajv_jwk_invalid_use" => "JwkInvalidUseError",
        "ajv_alg_mismatch" | "ajv_alg_not_allowed" => "JwtInvalidSignatureAlgorithmError",
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
