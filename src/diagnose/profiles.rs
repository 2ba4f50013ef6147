//! Gateway profiles: what API Gateway (REST with a Cognito authorizer, its console *Test
//! authorizer*, REST with a native JWT authorizer, HTTP API with a JWT authorizer), a Lambda
//! authorizer built on aws-jwt-verify, or any OpenID Connect resource server would do with a
//! token (knowledge §1–§3, §2b, §6).
//!
//! Owns [`judge_all`] and the table that turns a profile finding's code into its effect on the
//! verdict ([`effect`]); the verdict is derived from the findings, never decided beside them.
//! Must not verify signatures (it reads the [`Verification`]), read a clock, or produce prose
//! (`explain::profiles`).

mod code;
pub mod http_jwt;
pub mod lambda_ajv;
pub mod oidc;
pub mod rest_cognito;
pub mod rest_jwt;

pub use code::{AudClaim, GatewayCode, Gw, IssuerDiff, NotJwt, PoolDiff};

use crate::diagnose::claims::TokenUse;
use crate::diagnose::config::Target;
use crate::diagnose::finding::{Code, Evidence, Finding, Severity, Stage, Status};
use crate::diagnose::identity::TokenKind;
use crate::input::{Candidate, Shape};
use crate::jose::{Claims, Header, Value};
use crate::verify::{Verdict, Verification};

/// One row of the panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Profile {
    /// API Gateway REST API, Cognito user pool authorizer, deployed method.
    RestCognito,
    /// The REST console's *Test authorizer* button (ID tokens only, R10).
    RestTestAuthorizer,
    /// API Gateway REST API, native JWT authorizer (§2b, J1).
    RestJwt,
    /// API Gateway HTTP API, JWT authorizer.
    HttpJwt,
    /// A Lambda authorizer using aws-jwt-verify's `CognitoJwtVerifier`.
    LambdaAjv,
    /// Any OpenID Connect resource server.
    Oidc,
}

impl Profile {
    /// Every profile, in panel order.
    pub const ALL: [Profile; 6] = [
        Profile::RestCognito,
        Profile::RestTestAuthorizer,
        Profile::RestJwt,
        Profile::HttpJwt,
        Profile::LambdaAjv,
        Profile::Oidc,
    ];
}

/// What is known about one token.
#[derive(Debug, Clone, Copy)]
pub struct TokenFacts<'a> {
    /// The token as found in the paste.
    pub candidate: &'a Candidate,
    /// Its decoded header, if it has one.
    pub header: Option<&'a Header>,
    /// Its claims, if its payload is JSON.
    pub claims: Option<&'a Claims>,
    /// What signature verification found.
    pub verification: &'a Verification,
    /// What kind of token it is.
    pub kind: &'a TokenKind,
}

/// What the profile would still need to decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Need {
    /// The issuer's keys, to know whether the signature is accepted.
    IssuerKeys,
    /// A check of the token-validation regex by hand (only literal patterns are evaluated).
    RegexCheck,
    /// A test against the deployed stage: the authorizer's behaviour is not documented (the
    /// REST Cognito authorizer and the UPDATED issuer, R16 / C1).
    DeployedTest,
    /// An algorithm whose support is not documented (HTTP API and PS256–PS512, H2 / C4).
    UndocumentedAlg,
    /// A configuration value that could not be read (see the note beside the field).
    ReadableConfig,
}

/// The answer for one profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileVerdict {
    /// Would accept the token.
    Accept,
    /// Would reject it.
    Reject {
        /// HTTP status of the answer.
        status: u16,
        /// Body of the answer, when known.
        body: Option<&'static str>,
        /// The body text is documented; otherwise it is only reported (C3: "likely").
        body_sure: bool,
        /// The rejection rests on CONFIRMED knowledge; otherwise it is "likely".
        certain: bool,
        /// The status is documented; otherwise it is reported or depends on the user's code.
        status_sure: bool,
    },
    /// Cannot tell without more.
    CannotTell {
        /// What is missing.
        needs: Vec<Need>,
    },
}

/// One row: the profile, its verdict, and the findings it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileResult {
    /// Which profile.
    pub profile: Profile,
    /// Derived from `findings` by [`verdict_of`].
    pub verdict: ProfileVerdict,
    /// Everything the profile saw, in the order the gateway checks.
    pub findings: Vec<Finding>,
}

/// What a profile finding does to the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// The gateway answers with this status and body.
    Reject {
        /// HTTP status.
        status: u16,
        /// Body, when known.
        body: Option<&'static str>,
        /// Whether the status is documented.
        status_sure: bool,
    },
    /// The verdict needs this.
    Needs(Need),
    /// An acceptance holds only under this assumption about the configuration (nothing was
    /// configured): the row says under which configuration it would accept.
    Assumes,
    /// Background only.
    Note,
}

/// REST/HTTP default body for 401 (GW-RESP).
pub const UNAUTHORIZED: &str = r#"{"message":"Unauthorized"}"#;
/// REST body for an expired token (AMPLIFY-6060: reported text).
pub const EXPIRED: &str = r#"{"message":"The incoming token has expired"}"#;
/// HTTP API body for a missing route scope (YULIN-302: reported).
pub const FORBIDDEN: &str = r#"{"message":"Forbidden"}"#;

/// Whether a body text is documented (GW-RESP's default `Unauthorized`); the others are
/// reported texts and worded "likely" (C3).
pub fn body_documented(body: &str) -> bool {
    body == UNAUTHORIZED
}

const fn reject(status: u16, body: Option<&'static str>, status_sure: bool) -> Effect {
    Effect::Reject {
        status,
        body,
        status_sure,
    }
}

/// The effect of a profile finding's code on the verdict.
pub fn effect(code: &Code) -> Effect {
    match code {
        Code::Ajv(c) => lambda_ajv::effect(c),
        Code::Gateway(c) => code::effect(c),
        Code::Legacy(s) => legacy_effect(s),
        _ => Effect::Note,
    }
}

/// The effect of a code not yet typed (transitional): only aws-jwt-verify's codes remain, until
/// `lambda_ajv` types them.
fn legacy_effect(code: &str) -> Effect {
    match code {
        "ajv_invalid_pool_id" => reject(500, None, false),
        c if c.starts_with("ajv_") && lambda_ajv::error_class(c).is_some() => {
            reject(401, Some(UNAUTHORIZED), false)
        }
        "ajv_signature_unchecked" => Effect::Needs(Need::IssuerKeys),
        _ => Effect::Note,
    }
}

/// The verdict, derived from the findings: the first rejection (in the gateway's own order)
/// decides the answer; with none, anything still needed makes it "cannot tell"; else accept.
pub fn verdict_of(findings: &[Finding]) -> ProfileVerdict {
    let rejection = findings.iter().find_map(|f| match effect(&f.code) {
        Effect::Reject {
            status,
            body,
            status_sure,
        } => Some((status, body, status_sure)),
        _ => None,
    });
    if let Some((status, body, status_sure)) = rejection {
        // Certain when any rejecting finding is CONFIRMED, even if the first one is not.
        let certain = findings.iter().any(|f| {
            matches!(effect(&f.code), Effect::Reject { .. }) && f.status == Status::Confirmed
        });
        return ProfileVerdict::Reject {
            status,
            body,
            body_sure: body.is_some_and(body_documented),
            certain,
            status_sure,
        };
    }
    let mut needs: Vec<Need> = Vec::new();
    for f in findings {
        if let Effect::Needs(n) = effect(&f.code) {
            if !needs.contains(&n) {
                needs.push(n);
            }
        }
    }
    if needs.is_empty() {
        ProfileVerdict::Accept
    } else {
        ProfileVerdict::CannotTell { needs }
    }
}

/// The first finding that rejects, if any: the reason a token fails this profile.
pub fn deciding(findings: &[Finding]) -> Option<&Finding> {
    findings
        .iter()
        .find(|f| matches!(effect(&f.code), Effect::Reject { .. }))
}

/// Judges the token under every profile, one row each (the Test-authorizer row included).
pub fn judge_all(t: &TokenFacts, target: &Target, now: i64, leeway: i64) -> Vec<ProfileResult> {
    Profile::ALL
        .iter()
        .map(|&p| judge(p, t, target, now, leeway))
        .collect()
}

/// Judges the token under one profile.
pub fn judge(
    profile: Profile,
    t: &TokenFacts,
    target: &Target,
    now: i64,
    leeway: i64,
) -> ProfileResult {
    let findings = match profile {
        Profile::RestCognito => rest_cognito::judge(t, &target.rest, now, leeway, false),
        Profile::RestTestAuthorizer => rest_cognito::judge(t, &target.rest, now, leeway, true),
        Profile::RestJwt => rest_jwt::judge(t, &target.rest_jwt, now, leeway),
        Profile::HttpJwt => http_jwt::judge(t, &target.http, now, leeway),
        Profile::LambdaAjv => lambda_ajv::judge(t, &target.lambda, now),
        Profile::Oidc => oidc::judge(t, &target.oidc, now, leeway),
    };
    ProfileResult {
        profile,
        verdict: verdict_of(&findings),
        findings,
    }
}

/// The findings that hold an acceptance only under an assumed configuration ([`Effect::Assumes`]).
pub fn assumptions(findings: &[Finding]) -> impl Iterator<Item = &Finding> {
    findings
        .iter()
        .filter(|f| matches!(effect(&f.code), Effect::Assumes))
}

// ---- shared helpers for the profile modules ----

/// A typed gateway-stage finding without string evidence (the code carries it).
pub(crate) fn gw(
    code: GatewayCode,
    severity: Severity,
    status: Status,
    sources: &[&'static str],
) -> Finding {
    Finding {
        code: Code::Gateway(code),
        stage: Stage::Gateway,
        severity,
        status,
        evidence: vec![],
        sources: sources.to_vec(),
    }
}

/// A typed rejection resting on CONFIRMED knowledge.
pub(crate) fn fails(code: GatewayCode, sources: &[&'static str]) -> Finding {
    gw(code, Severity::Error, Status::Confirmed, sources)
}

/// A typed warning (CONFIRMED knowledge).
pub(crate) fn warns(code: GatewayCode, sources: &[&'static str]) -> Finding {
    gw(code, Severity::Warning, Status::Confirmed, sources)
}

/// Typed background (CONFIRMED knowledge).
pub(crate) fn notes(code: GatewayCode, sources: &[&'static str]) -> Finding {
    gw(code, Severity::Info, Status::Confirmed, sources)
}

/// The `aud` values, `[]` when absent or malformed.
pub(crate) fn aud_values(claims: &Claims) -> Vec<String> {
    claims
        .aud
        .present()
        .map(|a| a.values().to_vec())
        .unwrap_or_default()
}

/// The root causes every profile leads with, before any signature or configuration finding
/// (§3, G1, G10): an unsigned token (`alg: none`) and a token issued for a Microsoft-owned API.
/// When any is found the profile offers no "would accept if …" assumption.
pub(crate) fn root_causes(t: &TokenFacts, claims: &Claims, g: Gw) -> Vec<Finding> {
    let mut out = Vec::new();
    if t.header
        .is_some_and(|h| matches!(h.alg.present(), Some(crate::jose::Alg::None)))
    {
        out.push(fails(GatewayCode::Unsigned { gw: g }, &["RFC8725"]));
    }
    if matches!(t.kind, TokenKind::EntraMicrosoftApi) {
        out.push(fails(
            GatewayCode::ForeignAudience {
                gw: g,
                aud: aud_values(claims),
            },
            &["MS-AT"],
        ));
    }
    out
}

/// The signature finding for a gateway (none when a root cause already explains it).
pub(crate) fn signature(
    t: &TokenFacts,
    g: Gw,
    root: bool,
    sources: &[&'static str],
) -> Option<Finding> {
    match t.verification.verdict() {
        Verdict::Invalid if !root => Some(fails(GatewayCode::SignatureInvalid { gw: g }, sources)),
        // HTTP API and REST JWT report an unknown `kid` as its own finding.
        Verdict::Unverifiable
            if !root
                && (matches!(g, Gw::Rest | Gw::Oidc)
                    || t.verification.kid_not_found().is_none()) =>
        {
            Some(warns(GatewayCode::SignatureUnchecked { gw: g }, sources))
        }
        _ => None,
    }
}

/// Why a token is not a readable signed JWT, if it is not.
pub(crate) fn not_jwt(t: &TokenFacts) -> Option<NotJwt> {
    Some(match decodable(t)? {
        "jwe" => NotJwt::Encrypted,
        "opaque" => NotJwt::Opaque,
        "malformed" => NotJwt::Malformed,
        _ => NotJwt::Undecodable,
    })
}

/// Expiry by the one time rule (RFC 7519 §4.1.4: `exp == now` is expired).
pub(crate) fn expired(claims: &Claims, g: Gw, now: i64, leeway: i64) -> Option<GatewayCode> {
    claims
        .expired_at(now, leeway)
        .map(|exp| GatewayCode::Expired {
            gw: g,
            exp,
            now,
            leeway,
        })
}

/// `nbf` by the one time rule (RFC 7519 §4.1.5).
pub(crate) fn not_yet_valid(claims: &Claims, g: Gw, now: i64, leeway: i64) -> Option<GatewayCode> {
    claims
        .not_yet_valid_until(now, leeway)
        .map(|nbf| GatewayCode::NotYetValid {
            gw: g,
            nbf,
            now,
            leeway,
        })
}

/// The exact-issuer check shared by the HTTP API and REST JWT authorizers and OIDC (H4, J1).
pub(crate) fn exact_issuer(
    claims: &Claims,
    want: Option<&str>,
    g: Gw,
    root: bool,
    sources: &[&'static str],
) -> Option<Finding> {
    match (claims.iss.present(), want) {
        (None, _) => Some(fails(GatewayCode::IssuerMissing { gw: g }, sources)),
        (Some(iss), Some(want)) if iss != want => Some(fails(
            GatewayCode::IssuerMismatch {
                gw: g,
                found: iss.clone(),
                expected: want.to_owned(),
                diff: IssuerDiff::between(iss, want),
            },
            sources,
        )),
        (Some(iss), None) if !root => Some(gw(
            GatewayCode::IssuerAssumed {
                gw: g,
                issuer: iss.clone(),
            },
            Severity::Info,
            Status::Confirmed,
            sources,
        )),
        _ => None,
    }
}

/// A gateway-stage finding.
pub(crate) fn finding(
    code: &'static str,
    severity: Severity,
    status: Status,
    evidence: Vec<Evidence>,
    sources: &[&'static str],
) -> Finding {
    super::claims::finding(code, Stage::Gateway, severity, status, evidence, sources)
}

/// A rejection (error, confirmed or reported).
pub(crate) fn rejects(
    code: &'static str,
    status: Status,
    evidence: Vec<Evidence>,
    sources: &[&'static str],
) -> Finding {
    finding(code, Severity::Error, status, evidence, sources)
}

/// Background (info, confirmed).
pub(crate) fn note(
    code: &'static str,
    evidence: Vec<Evidence>,
    sources: &[&'static str],
) -> Finding {
    finding(code, Severity::Info, Status::Confirmed, evidence, sources)
}

/// Payload member evidence.
pub(crate) fn member(name: &str, actual: Option<String>, expected: Option<String>) -> Evidence {
    Evidence::Member {
        place: "payload",
        name: name.to_owned(),
        actual,
        expected,
    }
}

/// Header member evidence.
pub(crate) fn header_member(
    name: &str,
    actual: Option<String>,
    expected: Option<String>,
) -> Evidence {
    Evidence::Member {
        place: "header",
        name: name.to_owned(),
        actual,
        expected,
    }
}

/// Value evidence.
pub(crate) fn value(label: &'static str, v: impl Into<String>) -> Evidence {
    Evidence::Value {
        label,
        value: v.into(),
    }
}

/// Time evidence.
pub(crate) fn time(claim: &'static str, v: i64, now: i64, leeway: i64) -> Evidence {
    Evidence::Time {
        claim,
        value: v,
        now,
        leeway,
    }
}

/// The last occurrence of a claim (registered or not) as raw JSON.
pub(crate) fn raw_claim(claims: &Claims, name: &str) -> Option<Value> {
    // Registered claims live in fields; others (in order, duplicates kept) in `others`.
    let reg = |f: &crate::jose::Field<String>| match f {
        crate::jose::Field::Present(s) => Some(Value::String(s.clone())),
        crate::jose::Field::Malformed(v) => Some(v.clone()),
        crate::jose::Field::Absent => None,
    };
    match name {
        "iss" => reg(&claims.iss),
        "sub" => reg(&claims.sub),
        "jti" => reg(&claims.jti),
        "aud" => match &claims.aud {
            crate::jose::Field::Present(a) => Some(match a {
                crate::jose::Audience::One(s) => Value::String(s.clone()),
                crate::jose::Audience::Many(v) => {
                    Value::Array(v.iter().map(|s| Value::String(s.clone())).collect())
                }
            }),
            crate::jose::Field::Malformed(v) => Some(v.clone()),
            crate::jose::Field::Absent => None,
        },
        _ => claims
            .others
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone()),
    }
}

/// A claim's raw JSON text, for evidence.
pub(crate) fn raw_text(claims: &Claims, name: &str) -> Option<String> {
    raw_claim(claims, name).map(|v| v.compact())
}

/// A string claim other than the registered ones.
pub(crate) fn str_claim(claims: &Claims, name: &str) -> Option<String> {
    match raw_claim(claims, name) {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}

/// Cognito's `token_use`, read the way aws-jwt-verify reads it (`id` or `access` only).
pub(crate) fn token_use_of(claims: &Claims) -> Option<TokenUse> {
    match str_claim(claims, "token_use").as_deref() {
        Some("id") => Some(TokenUse::Id),
        Some("access") => Some(TokenUse::Access),
        _ => None,
    }
}

/// A space-separated string claim split into items (`scope`); `None` when absent or not a
/// string.
pub(crate) fn space_list(claims: &Claims, name: &str) -> Option<Vec<String>> {
    str_claim(claims, name).map(|s| s.split_whitespace().map(str::to_owned).collect())
}

/// A string-or-array claim (`scp`, `cognito:groups`) as items.
pub(crate) fn string_or_array(claims: &Claims, name: &str) -> Option<Vec<String>> {
    match raw_claim(claims, name)? {
        Value::String(s) => Some(s.split_whitespace().map(str::to_owned).collect()),
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
        ),
        _ => None,
    }
}

/// True when the candidate is a compact JWS with a JSON payload.
pub(crate) fn decodable(t: &TokenFacts) -> Option<&'static str> {
    match t.candidate.shape {
        Shape::Jwe => Some("jwe"),
        Shape::Opaque => Some("opaque"),
        Shape::Jws if t.claims.is_none() || t.header.is_none() => Some("undecodable"),
        Shape::Jws => match t.verification.verdict() {
            Verdict::Malformed => Some("malformed"),
            _ => None,
        },
    }
}

/// `a` shares at least one item with `b` (linear: one side is hashed).
pub(crate) fn overlaps(a: &[String], b: &[String]) -> bool {
    let set: std::collections::HashSet<&str> = b.iter().map(String::as_str).collect();
    a.iter().any(|x| set.contains(x.as_str()))
}

/// Items joined by spaces, for evidence.
pub(crate) fn joined(items: &[String]) -> String {
    items.join(" ")
}
