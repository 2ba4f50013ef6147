//! API Gateway HTTP API with a `JWT` authorizer (knowledge §2, H1–H16, C4).
//!
//! Owns the HTTP API rules, in the authorizer's order: decode, algorithm and `kid`, signature,
//! issuer, audience, times, route scopes. Must not produce prose (`explain::profiles`).

use super::{
    aud_values, exact_issuer, expired, fails, gateway_time_unknowns, gw, issued_ahead,
    issuer_not_public, kid_not_published, not_jwt, not_yet_valid, notes, overlaps, root_causes,
    signature, str_claim, string_or_array, time_fails, token_use_of, warns, AudClaim, GatewayCode,
    Gw, TokenFacts,
};
use crate::diagnose::claims::TokenUse;
use crate::diagnose::config::HttpJwt;
use crate::diagnose::finding::{Finding, Severity, Status};
use crate::jose::{Alg, Claims, Field, Header};

const SOURCES: &[&str] = &["HTTP-JWT"];

/// Judges a token against the HTTP API route.
pub fn judge(t: &TokenFacts, cfg: &HttpJwt, now: i64, leeway: i64) -> Vec<Finding> {
    let mut out = Vec::new();
    let (Some(claims), Some(header), None) = (t.claims, t.header, not_jwt(t)) else {
        let why = not_jwt(t).unwrap_or(super::NotJwt::Undecodable);
        out.push(fails(
            GatewayCode::NotAJwt { gw: Gw::Http, why },
            &["HTTP-JWT", "HTTP-JWT-TS"],
        ));
        return out;
    };
    let roots = root_causes(t, claims, Gw::Http);
    let root = !roots.is_empty();
    out.extend(roots);
    out.extend(algorithm(header));
    out.extend(kid(t, header, Gw::Http));
    out.extend(signature(t, Gw::Http, root, SOURCES));
    out.extend(exact_issuer(
        claims,
        cfg.issuer.as_deref(),
        Gw::Http,
        root,
        &["HTTP-JWT", "REST-JWT-CREATE", "A0-ISS", "COG-ISSUER"],
    ));
    out.extend(issuer_not_public(
        claims,
        cfg.issuer.as_deref(),
        Gw::Http,
        root,
        &["HTTP-QUOTAS", "HTTP-JWT"],
    ));
    out.extend(audience(
        claims,
        &cfg.audiences,
        Gw::Http,
        root,
        cfg.audience_refused,
    ));
    // H3: a key set over 150,000 bytes fails every request; certain when it is the issuer's own,
    // likely when it was given here (it may not be the issuer's as served).
    if let Some((bytes, issuers)) = t.verification.large_key_set() {
        let status = if issuers {
            Status::Confirmed
        } else {
            Status::Reported
        };
        out.push(gw(
            GatewayCode::KeySetTooLarge { bytes, issuers },
            Severity::Error,
            status,
            &["HTTP-QUOTAS"],
        ));
    }
    // H6: exp in the future, nbf and iat in the past (leeway undocumented: the page's is used).
    out.extend(expired(claims, Gw::Http, now, leeway).map(|c| time_fails(c, SOURCES)));
    out.extend(not_yet_valid(claims, Gw::Http, now, leeway).map(|c| time_fails(c, SOURCES)));
    if let Some(iat) = issued_ahead(claims, now, leeway) {
        out.push(time_fails(
            GatewayCode::IssuedInFuture { iat, now },
            SOURCES,
        ));
    }
    out.extend(gateway_time_unknowns(
        claims,
        Gw::Http,
        (now, leeway),
        (true, true),
        SOURCES,
    ));
    if cfg.scopes.is_empty() {
        // H7 / H10: unanswered, "no route scopes" is an assumption, named where the token is
        // not rejected at its root (as REST Cognito's method scopes).
        if !cfg.scopes_said && !root {
            out.push(gw(
                GatewayCode::RouteScopesAssumedNone {
                    token_has_scopes: token_scopes(claims)
                        .is_some_and(|s| s.iter().any(|x| !x.trim().is_empty())),
                },
                Severity::Info,
                Status::Confirmed,
                &["HTTP-JWT"],
            ));
        }
        // H8: without route scopes any valid JWT is accepted, ID tokens included.
        if token_use_of(claims) == Some(TokenUse::Id) || t.kind.is_id_token() {
            out.push(warns(
                GatewayCode::IdTokenAcceptedWithoutRouteScopes,
                SOURCES,
            ));
        }
    } else {
        out.extend(scopes(claims, &cfg.scopes, Gw::Http));
    }
    out
}

/// H2 / C4: RSA only; PS256–PS512 are RSA-based but undocumented (never a certain rejection).
fn algorithm(header: &Header) -> Option<Finding> {
    match header.alg.present() {
        Some(Alg::RS256 | Alg::RS384 | Alg::RS512) => None,
        // The unsigned case is the root cause already reported.
        Some(Alg::None) => None,
        Some(a @ (Alg::PS256 | Alg::PS384 | Alg::PS512)) => Some(warns(
            GatewayCode::AlgPssUndocumented {
                alg: a.as_str().to_owned(),
            },
            SOURCES,
        )),
        other => Some(fails(
            GatewayCode::AlgNotRsa {
                alg: other.map(|a| a.as_str().to_owned()),
            },
            SOURCES,
        )),
    }
}

/// H2 / J1c: a `kid` that is in the issuer's key set.
pub(crate) fn kid(t: &TokenFacts, header: &Header, g: Gw) -> Option<Finding> {
    let sources: &[&str] = match g {
        Gw::RestJwt => &["REST-JWT-KEYS", "REST-JWT"],
        _ => &["HTTP-JWT", "AWSDOCS-PR59"],
    };
    if !matches!(header.kid, Field::Present(_)) {
        return Some(fails(
            GatewayCode::KidMissing {
                gw: g,
                not_string: matches!(header.kid, Field::Malformed(_)),
            },
            sources,
        ));
    }
    kid_not_published(t, g, sources)
}

/// H5 / J1: `aud` when present, else `client_id`, against the audience list; `refused`: the
/// gateway itself answered that the audience is not valid.
pub(crate) fn audience(
    claims: &Claims,
    accepted: &[String],
    g: Gw,
    root: bool,
    refused: bool,
) -> Vec<Finding> {
    let sources: &[&str] = match g {
        Gw::RestJwt => &["REST-JWT", "APIGW-JWTCONFIG"],
        _ => &["HTTP-JWT-TS", "HTTP-QUOTAS"],
    };
    let aud = aud_values(claims);
    let client_id = str_claim(claims, "client_id");
    let (claim, found) = match (&aud[..], &client_id) {
        ([], Some(c)) => (AudClaim::ClientId, vec![c.clone()]),
        _ => (AudClaim::Aud, aud.clone()),
    };
    // `aud: []` is present, so by H5 it alone is evaluated (and matches nothing), unless the
    // authorizer reads an empty list as absent, which AWS does not say: no certain accept.
    let empty_aud = (claim == AudClaim::ClientId
        && claims.aud.present().is_some()
        && (accepted.is_empty() || overlaps(&found, accepted)))
    .then(|| found.concat());
    // §2b documents audiences per issuer, not H5's client_id rule: an assumption, said.
    let client_only = (g == Gw::RestJwt
        && claim == AudClaim::ClientId
        && claims.aud.present().is_none()
        && !refused
        && (accepted.is_empty() || overlaps(&found, accepted)))
    .then(|| found.concat());
    let mut out = Vec::new();
    if found.is_empty() {
        let azp = str_claim(claims, "azp").map(|a| a.chars().take(200).collect());
        out.push(fails(GatewayCode::NoAudienceClaim { gw: g, azp }, sources));
    } else if refused && (accepted.is_empty() || overlaps(&found, accepted)) {
        out.push(fails(
            GatewayCode::AudienceRefused {
                gw: g,
                claim,
                found,
                typed: !accepted.is_empty(),
            },
            sources,
        ));
    } else if accepted.is_empty() {
        if !root {
            out.push(gw(
                GatewayCode::AudienceAssumed {
                    gw: g,
                    claim,
                    found,
                },
                Severity::Info,
                Status::Confirmed,
                sources,
            ));
        }
    } else if !overlaps(&found, accepted) && !root {
        // With a root cause (the token is the wrong kind), no audience to reconfigure.
        out.push(fails(
            GatewayCode::AudienceMismatch {
                gw: g,
                claim,
                found,
                accepted: accepted.to_vec(),
                // G7, H5: the requesting client typed as an audience (review round 10).
                azp_listed: str_claim(claims, "azp").is_some_and(|a| accepted.contains(&a)),
            },
            sources,
        ));
        if let Some(c) = client_id.filter(|c| claim == AudClaim::Aud && accepted.contains(c)) {
            out.push(notes(
                GatewayCode::AudHidesClientId { client_id: c },
                sources,
            ));
        }
    }
    if let Some(client_id) = client_only {
        // No source says the REST JWT authorizer matches client_id (UNVERIFIED): an assumption
        // said as one, whose sentences state only what AWS documents, so not "likely".
        out.push(gw(
            GatewayCode::ClientIdOnlyOnHttpApi { client_id },
            Severity::Info,
            Status::Confirmed,
            &["HTTP-JWT-TS", "REST-JWT"],
        ));
    }
    if let Some(client_id) = empty_aud {
        out.push(warns(
            GatewayCode::EmptyAudBesideClientId { gw: g, client_id },
            sources,
        ));
    }
    out
}

/// The token's scopes as these authorizers read them: `scope` like `scp`, a string or an array
/// (H7 names both claims, neither form); `None` when it has neither claim.
fn token_scopes(claims: &Claims) -> Option<Vec<String>> {
    let mut have = string_or_array(claims, "scope");
    if let Some(scp) = string_or_array(claims, "scp") {
        have.get_or_insert_with(Vec::new).extend(scp);
    }
    have
}

/// H7 / J1a: a route or method scope in `scope` or `scp`.
pub(crate) fn scopes(claims: &Claims, wanted: &[String], g: Gw) -> Vec<Finding> {
    let sources: &[&str] = match g {
        Gw::RestJwt => &["REST-JWT-METHODS", "REST-JWT"],
        _ => &["HTTP-JWT", "YULIN-302"],
    };
    let mut out = Vec::new();
    match token_scopes(claims) {
        None => {
            let roles = string_or_array(claims, "roles");
            out.push(fails(
                GatewayCode::ScopeClaimMissing {
                    gw: g,
                    wanted: wanted.to_vec(),
                    app_only: roles.is_some(),
                },
                sources,
            ));
            if let Some(roles) = roles {
                out.push(notes(
                    GatewayCode::RolesAreNotScopes { roles },
                    &["HTTP-JWT", "MS-CLAIMS"],
                ));
            }
        }
        Some(have) if !overlaps(&have, wanted) => out.push(fails(
            GatewayCode::NoScopeInToken {
                gw: g,
                have,
                wanted: wanted.to_vec(),
            },
            sources,
        )),
        Some(_) => {}
    }
    out
}
