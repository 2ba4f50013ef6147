//! Every sentence of the gateway panel: profile names, verdict lines, one message and fix per
//! profile finding, and the "which token do I send" sentences. REPORTED knowledge is worded
//! "likely".
//!
//! Owns wording only. Must not judge.

mod gateway;

use crate::diagnose::choose::Choice;
use crate::diagnose::finding::{Code, Finding, Status};
use crate::diagnose::profiles::{
    assumptions, GatewayCode, Need, Profile, ProfileResult, ProfileVerdict,
};

use gateway::{assumption, gateway_fix, gateway_message};

/// The profile's row title.
pub fn profile_name(p: Profile) -> &'static str {
    match p {
        Profile::RestCognito => "API Gateway REST API — Cognito user pool authorizer",
        Profile::RestTestAuthorizer => "REST API console — Test authorizer",
        Profile::RestJwt => "API Gateway REST API — JWT authorizer",
        Profile::HttpJwt => "API Gateway HTTP API — JWT authorizer",
        Profile::LambdaAjv => "Lambda authorizer — aws-jwt-verify",
        Profile::Oidc => "OpenID Connect resource server",
    }
}

fn need(n: Need) -> &'static str {
    match n {
        Need::IssuerKeys => "whether the signature is accepted — needs the issuer's keys",
        Need::WholeToken => "whether the signature is accepted — the token here has none",
        Need::SignatureCheck => "whether the signature is accepted — checking it now",
        Need::RegexCheck => "whether the token-validation regex matches `aud` — check it by hand",
        Need::DeployedTest => {
            "what this authorizer does with this token — AWS does not document it; test against \
             the deployed stage"
        }
        Need::UndocumentedAlg => {
            "whether this algorithm is accepted — AWS does not document it (it may be rejected)"
        }
        Need::GatewayLeeway => {
            "whether API Gateway allows that much clock skew — AWS does not document its leeway"
        }
        Need::ReadableConfig => {
            "against your configuration — a value could not be read (see the form)"
        }
    }
}

/// The verdict as one line. A status or body that is only reported is worded "likely" (C3); a
/// status that is not documented at all is not asserted.
pub fn verdict_line(r: &ProfileResult) -> String {
    match &r.verdict {
        ProfileVerdict::Accept => {
            let ifs: Vec<String> = assumptions(&r.findings)
                .filter_map(|f| match &f.code {
                    Code::Gateway(c) => assumption(c),
                    Code::Ajv(c) => super::ajv::assumption(c),
                    _ => None,
                })
                .collect();
            if ifs.is_empty() {
                "Would accept this token.".to_owned()
            } else {
                format!("Would accept this token only if {}.", ifs.join(", and if "))
            }
        }
        ProfileVerdict::Reject {
            status,
            body,
            body_sure,
            certain,
            status_sure,
        } => {
            let how = if *certain {
                "Would reject"
            } else {
                "Would likely reject"
            };
            let st = match (status_sure, r.profile) {
                (true, _) => format!("with {status}"),
                (false, Profile::RestJwt) => {
                    "(AWS documents no status for this failure on the REST JWT authorizer; only a \
                     missing method scope is documented, as 403)"
                        .to_owned()
                }
                (false, _) => format!("(likely with {status})"),
            };
            match (body, body_sure) {
                (Some(b), true) => format!("{how} {st} {b}."),
                (Some(b), false) => format!("{how} {st}; the body is likely {b}."),
                (None, _) => format!("{how} {st}."),
            }
        }
        ProfileVerdict::CannotTell { needs } => {
            let parts: Vec<&str> = needs.iter().map(|n| need(*n)).collect();
            // R15: where the token travels decides whatever the rest does: said here too.
            let sent = assumptions(&r.findings)
                .find_map(|f| match &f.code {
                    Code::Gateway(c @ GatewayCode::TokenNotFromHeader { .. }) => assumption(c),
                    _ => None,
                })
                .map(|s| format!(" Either way it is read only if {s}."))
                .unwrap_or_default();
            format!("Cannot tell {}.{sent}", parts.join("; "))
        }
    }
}

fn likely(f: &Finding, s: &str) -> String {
    if f.status == Status::Reported {
        format!("Likely: {s}")
    } else {
        s.to_owned()
    }
}

/// What a profile finding means.
pub fn message(f: &Finding) -> String {
    let s = match &f.code {
        Code::Gateway(c) => gateway_message(c),
        _ => return super::message(f),
    };
    likely(f, &s)
}

/// What to do about it, when there is something to do.
pub fn fix(f: &Finding) -> Option<String> {
    match &f.code {
        Code::Gateway(c) => gateway_fix(c),
        _ => super::fix(f),
    }
}

/// The sentence for one "which token" answer; `names` labels the tokens.
pub fn choice_line(c: &Choice, names: &[String]) -> String {
    let name = |i: usize| {
        names
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("token {}", i + 1))
    };
    let head = match c.send {
        Some(i) => format!("{}: send {}.", profile_name(c.profile), name(i)),
        None => format!(
            "{}: none of these tokens would be accepted.",
            profile_name(c.profile)
        ),
    };
    let why: Vec<String> = c
        .reasons
        .iter()
        .map(|(i, f)| match &f.code {
            Code::Gateway(GatewayCode::NeverSent { why }) => {
                super::answer::never_sent(&name(*i), *why)
            }
            _ => format!("{}: {}", name(*i), message(f)),
        })
        .collect();
    if why.is_empty() {
        head
    } else {
        format!("{head} {}", why.join(" "))
    }
}
