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

mod checks;
mod code;

pub use code::{
    AjvCode, AjvError, ClientClaim, MemberType, Mismatch, ParseProblem, SUPPORTED_ALGS,
};

use super::{raw_claim, Effect, Need, TokenFacts, FORBIDDEN, UNAUTHORIZED};
use crate::diagnose::config::{read_ajv_pool_id, LambdaAjv, LambdaApi};
use crate::diagnose::finding::{Code, Evidence, Finding, Severity, Stage, Status};
use crate::jose::{Claims, Value};
use checks::{cognito, issuer, key, overlap, parse, times};

const SOURCES: &[&str] = &["AJV", "COG-VERIFY", "LAMBDA-AUTH", "HTTP-LAMBDA"];

/// What an aws-jwt-verify code does to the row's verdict (called by [`super::effect`]).
pub fn effect(code: &AjvCode) -> Effect {
    match code {
        AjvCode::Throws { error, api } => thrown(error, *api),
        AjvCode::KeysNeeded { .. } => Effect::Needs(Need::IssuerKeys),
        AjvCode::SignaturePending { .. } => Effect::Needs(Need::SignatureCheck),
        // Nothing said of `userPoolId` or `clientId`: the row accepts only if the verifier is
        // made with the token's pool and `clientId: null` (aws-jwt-verify requires both
        // settings; the page cannot know them), so it says "accepted if configured".
        AjvCode::PoolAssumed { .. }
        | AjvCode::ClientIdNotChecked
        | AjvCode::BearerToStrip
        | AjvCode::SinceV52 { .. } => Effect::Assumes,
        AjvCode::NotReached { .. }
        | AjvCode::IfSignatureAccepted { .. }
        | AjvCode::CustomCheckNotModelled => Effect::Note,
    }
}

/// Whether `code` is a token error thrown with the API type not said: a REST API answers it
/// with 401, an HTTP API with 403 (C6), so the row names both.
pub fn status_depends_on_api(code: &AjvCode) -> bool {
    matches!(
        code,
        AjvCode::Throws {
            api: LambdaApi::Unknown,
            error,
        } if !matches!(error, AjvError::InvalidPoolId { .. })
    )
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
    // L1: what was sent after `Bearer ` reaches the function with the prefix.
    if t.candidate
        .cleanups
        .iter()
        .any(|c| matches!(c, crate::input::Cleanup::BearerPrefix))
    {
        steps.push(Step::Note(AjvCode::BearerToStrip));
    }
    issuer(claims, configured, steps);
    let alb = matches!(t.kind, crate::diagnose::identity::TokenKind::AlbOidcData);
    key(header, t.verification, alb, steps);
    times(claims, cfg.grace_seconds, now, steps);
    if !cfg.scopes.is_empty() {
        // `payload.scope?.split(" ")`: the space character only.
        let found = match raw_claim(claims, "scope") {
            Some(Value::String(s)) => overlap(
                &Value::Array(std::rc::Rc::new(
                    s.split(' ').map(|x| Value::String(x.into())).collect(),
                )),
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
    let machine = matches!(
        t.kind,
        crate::diagnose::identity::TokenKind::CognitoClientCredentials
    );
    cognito(claims, cfg, machine, steps);
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
            stage: Stage::Gateway,
            severity,
            status: Status::Confirmed,
            sources: match code {
                AjvCode::BearerToStrip => vec!["LAMBDA-INPUT", "AJV"],
                AjvCode::SinceV52 { .. } => vec!["AJV", "AJV-239", "AJV-270"],
                _ => SOURCES.to_vec(),
            },
            code: Code::Ajv(code),
            evidence,
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
