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
mod shared;

pub use code::{
    AudClaim, FoundIn, GatewayCode, Gw, IssuerDiff, NeverSent, NotJwt, PoolDiff, Unchecked,
};
pub(crate) use shared::*;

use crate::diagnose::config::Target;
use crate::diagnose::finding::{Code, Finding, Status};
use crate::diagnose::identity::TokenKind;
use crate::input::Candidate;
use crate::jose::{Claims, Header};
use crate::verify::Verification;

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
    /// The token's signature, which the text here lacks (pasted or shared without it).
    WholeToken,
    /// The signature check, which the page is making (WebCrypto answers asynchronously).
    SignatureCheck,
    /// A check of the token-validation regex by hand (only literal patterns are evaluated).
    RegexCheck,
    /// A test against the deployed stage: the authorizer's behaviour is not documented (the
    /// REST Cognito authorizer and the UPDATED issuer, R16 / C1).
    DeployedTest,
    /// An algorithm whose support is not documented (HTTP API and PS256–PS512, H2 / C4).
    UndocumentedAlg,
    /// API Gateway's clock-skew leeway, which is undocumented (H6, G12): the token passes only
    /// with the page's.
    GatewayLeeway,
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
        Code::Identity(_)
        | Code::Claims(_)
        | Code::Lint(_)
        | Code::Skipped(_)
        | Code::Response(_) => Effect::Note,
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
