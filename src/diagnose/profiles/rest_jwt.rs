//! API Gateway REST API with a native `JWT` authorizer (knowledge §2b, J1) — a different
//! authorizer from the REST Cognito one (§1), with different statuses.
//!
//! Owns the REST JWT rules: algorithm allow-list (RS256–ES512), `kid` and key cache, signature,
//! exact issuer (trailing slash included), audiences, times, method scopes from `scope` or
//! `scp`. Only the scope miss has a documented status (`403 Forbidden`, J1a); every other
//! rejection is certain but its status is not documented (`status_sure: false`, no body). Must
//! not produce prose (`explain::profiles`).

use super::http_jwt::{audience, kid, scopes};
use super::{
    exact_issuer, expired, fails, gateway_time_unknowns, gw, issuer_not_public, not_jwt,
    not_yet_valid, notes, root_causes, signature, time_fails, GatewayCode, Gw, IssuerDiff,
    TokenFacts,
};
use crate::diagnose::config::RestJwt;
use crate::diagnose::finding::{Finding, Severity, Status};
use crate::jose::{Alg, Header};

/// The valid values of the algorithm allow-list (J1b, APIGW-JWTCONFIG).
pub const VALID_ALGS: [&str; 6] = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512"];

const SOURCES: &[&str] = &["REST-JWT", "REST-JWT-CREATE"];

/// Judges a token against the REST method with a JWT authorizer.
pub fn judge(t: &TokenFacts, cfg: &RestJwt, now: i64, leeway: i64) -> Vec<Finding> {
    let mut out = Vec::new();
    let (Some(claims), Some(header), None) = (t.claims, t.header, not_jwt(t)) else {
        let why = not_jwt(t).unwrap_or(super::NotJwt::Undecodable);
        out.push(fails(
            GatewayCode::NotAJwt {
                gw: Gw::RestJwt,
                why,
            },
            SOURCES,
        ));
        return out;
    };
    let roots = root_causes(t, claims, Gw::RestJwt);
    let root = !roots.is_empty();
    out.extend(roots);
    out.extend(algorithm(header, &cfg.algs, root));
    out.extend(kid(t, header, Gw::RestJwt));
    out.extend(signature(t, Gw::RestJwt, root, SOURCES));
    // §2b: of several trusted issuers, the token's own, else the one it differs from least.
    let iss = claims.iss.present().map(String::as_str);
    let want = cfg.issuer.as_deref().map(|first| {
        let all = || std::iter::once(first).chain(cfg.more_issuers.iter().map(String::as_str));
        all()
            .find(|w| Some(*w) == iss)
            .or_else(|| {
                all().find(|w| iss.is_some_and(|i| IssuerDiff::between(i, w) != IssuerDiff::Other))
            })
            .unwrap_or(first)
    });
    out.extend(exact_issuer(
        claims,
        want,
        Gw::RestJwt,
        root,
        &["REST-JWT-CREATE", "COG-ISSUER"],
    ));
    out.extend(issuer_not_public(
        claims,
        want,
        Gw::RestJwt,
        root,
        &["REST-JWT", "REST-JWT-CREATE"],
    ));
    out.extend(audience(claims, &cfg.audiences, Gw::RestJwt, root, false));
    out.extend(expired(claims, Gw::RestJwt, now, leeway).map(|c| time_fails(c, SOURCES)));
    out.extend(not_yet_valid(claims, Gw::RestJwt, now, leeway).map(|c| time_fails(c, SOURCES)));
    out.extend(gateway_time_unknowns(
        claims,
        Gw::RestJwt,
        (now, leeway),
        (true, false),
        SOURCES,
    ));
    if !cfg.scopes.is_empty() {
        out.extend(scopes(claims, &cfg.scopes, Gw::RestJwt));
    }
    // J1c: keys cached up to 1 h; a key not seen yet makes API Gateway re-fetch the key set.
    out.push(notes(GatewayCode::KeyCache, &["REST-JWT-KEYS", "REST-JWT"]));
    out
}

/// J1b: the algorithm must be in the configured allow-list, whose valid values are RS256–ES512.
fn algorithm(header: &Header, configured: &[String], root: bool) -> Option<Finding> {
    let sources: &[&str] = &["APIGW-JWTCONFIG", "REST-JWT"];
    let alg = header.alg.present();
    if matches!(alg, Some(Alg::None)) {
        return None; // the unsigned root cause
    }
    let text = alg.map(|a| a.as_str().to_owned());
    let valid: Vec<String> = VALID_ALGS.iter().map(|s| (*s).to_owned()).collect();
    let allowed: Vec<String> = configured
        .iter()
        .filter(|a| VALID_ALGS.contains(&a.as_str()))
        .cloned()
        .collect();
    let list = if allowed.is_empty() { &valid } else { &allowed };
    match &text {
        Some(a) if list.contains(a) => (configured.is_empty() && !root).then(|| {
            gw(
                GatewayCode::AlgAssumed { alg: a.clone() },
                Severity::Info,
                Status::Confirmed,
                sources,
            )
        }),
        _ => Some(fails(
            GatewayCode::AlgNotAllowed {
                gw: Gw::RestJwt,
                alg: text,
                allowed: list.clone(),
            },
            sources,
        )),
    }
}
