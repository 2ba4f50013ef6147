//! API Gateway REST API with a `COGNITO_USER_POOLS` authorizer (knowledge §1, R1–R16, C1–C5),
//! and the console's *Test authorizer* (R10, ID tokens only).
//!
//! Owns the REST Cognito rules, in the order that decides the answer: root causes (§3), the
//! token-validation regex (C5: before signature and expiry), signature, user pool (R5, R16),
//! expiry (R7), token use and method scopes (R1–R4), header source (R15). Must not produce prose
//! (`explain::profiles`).

use std::collections::HashSet;

use super::{
    aud_values, expired, fails, gateway_time_unknowns, gw, not_jwt, notes, overlaps, root_causes,
    signature, space_list, time_fails, token_use_of, warns, FoundIn, GatewayCode, Gw, PoolDiff,
    TokenFacts,
};
use crate::diagnose::claims::TokenUse;
use crate::diagnose::config::{
    cognito_issuer, parse_pool_id, read_pool_id, stage_variable, IssuerForm, PoolId, RestCognito,
};
use crate::diagnose::finding::{Finding, Severity, Status};
use crate::diagnose::identity::TokenKind;
use crate::input::Source;
use crate::jose::Claims;

/// The scope every SDK/API sign-in access token carries, and nothing else (R4).
pub const SDK_SIGN_IN_SCOPE: &str = "aws.cognito.signin.user.admin";

/// Longest validation regex evaluated; a longer one is left to the user (bounded work).
pub const MAX_REGEX: usize = 1024 * 1024;

const REGEX_SOURCES: &[&str] = &["APIGW-COG-INT", "AUTHZ-API"];

/// Judges a token against the REST method (`test` = the console's Test authorizer).
pub fn judge(t: &TokenFacts, cfg: &RestCognito, now: i64, leeway: i64, test: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    let (Some(claims), None) = (t.claims, not_jwt(t)) else {
        let why = not_jwt(t).unwrap_or(super::NotJwt::Undecodable);
        out.push(fails(
            GatewayCode::NotAJwt { gw: Gw::Rest, why },
            &["GW-RESP", "KC-401"],
        ));
        return out;
    };
    let roots = root_causes(t, claims, Gw::Rest);
    let root = !roots.is_empty();
    out.extend(roots);
    // C5: the regex is evaluated before signature and expiry; a miss decides the answer.
    out.extend(validation_regex(claims, cfg));
    // R8: a malformed or signature-invalid token is 401 Unauthorized.
    out.extend(signature(t, Gw::Rest, root, &["KC-401", "GW-RESP"]));
    out.extend(user_pool(claims, cfg, root));
    // R7: 401 CONFIRMED; its body text is reported (C3).
    if let Some(code) = expired(claims, Gw::Rest, now, leeway) {
        out.push(time_fails(code, &["GW-RESP", "AMPLIFY-6060"]));
    }
    out.extend(gateway_time_unknowns(
        claims,
        Gw::Rest,
        (now, leeway),
        (false, false),
        &["GW-RESP"],
    ));
    if test {
        // R10: the console test supports ID tokens only.
        if token_use_of(claims) == Some(TokenUse::Access) {
            out.push(fails(
                GatewayCode::TestAuthorizerAccessToken,
                &["KC-401", "APIGW-COG-INT"],
            ));
        }
        return out;
    }
    let machine = matches!(t.kind, TokenKind::CognitoClientCredentials);
    // R16: how this authorizer treats a pool's UPDATED issuer is not documented.
    let updated = claims
        .iss
        .present()
        .and_then(|i| cognito_issuer(i))
        .is_some_and(|(_, form)| form == IssuerForm::Updated);
    out.extend(method_scopes(claims, cfg, root, machine, updated));
    // R15: the authorizer reads one configured header (Authorization by default), never a
    // cookie or the query: judged on the condition that it is sent there.
    if let Some(found) = found_in(&t.candidate.source) {
        out.push(notes(
            GatewayCode::TokenNotFromHeader { found },
            &["AUTHZ-API"],
        ));
    }
    out
}

/// Where the token was found, when not in an `Authorization` header.
fn found_in(source: &Source) -> Option<FoundIn> {
    match source {
        Source::Cookie { name } => Some(FoundIn::Cookie(name.clone())),
        Source::UrlParam {
            name,
            in_fragment: false,
        } => Some(FoundIn::Query(name.clone())),
        Source::UrlParam {
            name,
            in_fragment: true,
        } => Some(FoundIn::Fragment(name.clone())),
        Source::Header { name, .. } if !name.eq_ignore_ascii_case("authorization") => {
            Some(FoundIn::Header(name.clone()))
        }
        _ => None,
    }
}

/// R6: the optional token-validation regex, matched against `aud`.
fn validation_regex(claims: &Claims, cfg: &RestCognito) -> Option<Finding> {
    let re = cfg
        .validation_regex
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())?;
    let regex = re.chars().take(200).collect::<String>();
    let aud = aud_values(claims);
    if aud.is_empty() {
        return Some(fails(
            GatewayCode::RegexBlocksAccessToken { regex },
            REGEX_SOURCES,
        ));
    }
    match literal_match(re, &aud) {
        Some(true) => None,
        Some(false) => Some(fails(
            GatewayCode::RegexRejectsAud { aud, regex },
            REGEX_SOURCES,
        )),
        None => Some(warns(
            GatewayCode::RegexNotEvaluated { aud, regex },
            REGEX_SOURCES,
        )),
    }
}

/// R5, R16, C1, C2: the issuer must be one of the authorizer's user pools.
fn user_pool(claims: &Claims, cfg: &RestCognito, root: bool) -> Vec<Finding> {
    let sources: &[&str] = &["KC-401", "APIGW-COG-INT"];
    let iss = claims.iss.present();
    let Some((pool, form)) = iss.and_then(|i| cognito_issuer(i)) else {
        if let Some(pool) = iss.and_then(|i| sovereign_pool(i)) {
            return vec![warns(
                GatewayCode::SovereignIssuerHost { pool: pool.id },
                &["COG-ISSUER", "AJV"],
            )];
        }
        return vec![fails(
            GatewayCode::NotAUserPoolToken { iss: iss.cloned() },
            sources,
        )];
    };
    let mut out = Vec::new();
    let mut configured: Vec<PoolId> = Vec::new();
    let mut variables: Vec<String> = Vec::new();
    for text in &cfg.pool_ids {
        // R17: a pool named by a stage variable is whatever it holds on the stage called.
        if let Some(name) = stage_variable(text) {
            variables.push(name);
            continue;
        }
        match read_pool_id(text).value {
            Some(p) => configured.push(p),
            None => out.push(warns(
                GatewayCode::PoolUnreadable {
                    text: text.chars().take(200).collect(),
                },
                sources,
            )),
        }
    }
    if let Some(variable) = variables
        .into_iter()
        .next()
        .filter(|_| !configured.iter().any(|c| c.id == pool.id))
    {
        if !root {
            out.push(gw(
                GatewayCode::PoolFromStageVariable {
                    variable,
                    pool: pool.id.clone(),
                },
                Severity::Info,
                Status::Confirmed,
                &["APIGW-COG-INT"],
            ));
        }
    } else if configured.is_empty() {
        if out.is_empty() && !root {
            out.push(gw(
                GatewayCode::PoolAssumed {
                    pool: pool.id.clone(),
                },
                Severity::Info,
                Status::Confirmed,
                &["APIGW-COG-INT"],
            ));
        }
    } else if !configured.iter().any(|c| c.id == pool.id) {
        out.push(fails(
            GatewayCode::PoolNotConfigured {
                differs: closest_difference(&pool, &configured),
                token_pool: pool.id.clone(),
                configured: configured.into_iter().map(|p| p.id).collect(),
            },
            sources,
        ));
        return out;
    }
    if form == IssuerForm::Updated {
        // R16 / C1: a user-pool token, but the authorizer's behaviour is not documented.
        out.push(warns(
            GatewayCode::UpdatedIssuer { pool: pool.id },
            &["COG-ISSUER", "APIGW-COG-INT"],
        ));
    }
    out
}

/// An `eusc-` pool id at the end of an `https://` issuer whose host is not one this page knows
/// (C2: the real issuer host of European Sovereign Cloud pools is not documented).
fn sovereign_pool(iss: &str) -> Option<PoolId> {
    let rest = iss.strip_prefix("https://")?;
    let (_, id) = rest.rsplit_once('/')?;
    parse_pool_id(id).filter(|p| p.region.starts_with("eusc-"))
}

/// What differs between the token's pool and the closest configured one.
fn closest_difference(pool: &PoolId, configured: &[PoolId]) -> PoolDiff {
    let suffix = |p: &PoolId| p.id.split_once('_').map(|(_, s)| s.to_owned());
    if configured.iter().any(|c| suffix(c) == suffix(pool)) {
        PoolDiff::Region
    } else if configured.iter().any(|c| c.region == pool.region) {
        PoolDiff::PoolId
    } else {
        PoolDiff::Both
    }
}

/// R1–R4: token use against the method's OAuth scopes.
/// R1 / R2 / R3; `machine`: a client-credentials token, which has no ID token beside it.
fn method_scopes(
    claims: &Claims,
    cfg: &RestCognito,
    root: bool,
    machine: bool,
    updated_issuer: bool,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let tu = token_use_of(claims);
    let token_scopes = space_list(claims, "scope");
    let have = token_scopes.clone().unwrap_or_default();
    if cfg.scopes.is_empty() {
        // Like the pool: an assumption only where the token is not rejected at its root.
        if !cfg.scopes_said && !root {
            out.push(gw(
                GatewayCode::ScopesAssumedNone,
                Severity::Info,
                Status::Confirmed,
                &["APIGW-COG-INT"],
            ));
        }
        // R1: no method scopes → the token is treated as an identity token.
        if tu == Some(TokenUse::Access) {
            out.push(fails(
                GatewayCode::AccessTokenWithoutMethodScopes {
                    token_scopes: have,
                    machine,
                    assumed: !cfg.scopes_said,
                    updated_issuer,
                },
                &["APIGW-COG-INT", "KC-401", "CFN-METHOD", "NX-828"],
            ));
        }
    } else if tu == Some(TokenUse::Id) {
        // R2: method scopes → only an access token carrying one of them.
        out.push(fails(
            GatewayCode::IdTokenWithMethodScopes {
                method_scopes: cfg.scopes.clone(),
            },
            &["APIGW-COG-INT", "CFN-METHOD", "KC-401"],
        ));
    } else if !overlaps(&have, &cfg.scopes) {
        // R2/R3: no method scope in the token → 401 (documented; not 403).
        let sdk_only = !have.is_empty() && have.iter().all(|x| x == SDK_SIGN_IN_SCOPE);
        out.push(fails(
            GatewayCode::NoMethodScopeInToken {
                token_scopes: have,
                method_scopes: cfg.scopes.clone(),
            },
            &["APIGW-COG-INT", "CFN-METHOD"],
        ));
        if sdk_only {
            out.push(notes(
                GatewayCode::SdkSignInScopeOnly,
                &["COG-AT", "COG-PTG"],
            ));
        }
    }
    out
}

/// Evaluates a regex made only of literal alternatives (`abc`, `^abc$`, `^(a|b)$`); `None` when
/// the pattern has other syntax, is longer than [`MAX_REGEX`], or the answer depends on
/// full-match vs search semantics. Linear in the pattern and the values.
pub fn literal_match(re: &str, values: &[String]) -> Option<bool> {
    let re = re.trim();
    if re.len() > MAX_REGEX {
        return None;
    }
    let (start, re) = match re.strip_prefix('^') {
        Some(r) => (true, r),
        None => (false, re),
    };
    let (end, re) = match re.strip_suffix('$') {
        Some(r) => (true, r),
        None => (false, re),
    };
    let re = re
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or(re);
    let meta = |b: u8| {
        matches!(
            b,
            b'.' | b'*'
                | b'+'
                | b'?'
                | b'['
                | b']'
                | b'('
                | b')'
                | b'{'
                | b'}'
                | b'\\'
                | b'^'
                | b'$'
        )
    };
    if re.bytes().any(meta) {
        return None;
    }
    let alts: HashSet<&str> = re.split('|').collect();
    if alts.contains("") {
        return None;
    }
    if values.iter().any(|v| alts.contains(v.as_str())) {
        return Some(true);
    }
    if start && end {
        return Some(false);
    }
    // Unanchored: a search would match a value containing a literal; a full match would not.
    // Checked per value through its substrings no longer than the longest alternative; a value
    // too long for that is left to the user.
    if values.iter().any(|v| v.len() > 512) {
        return None;
    }
    let longest = alts.iter().map(|a| a.len()).max().unwrap_or(0);
    let contains = values.iter().take(50).any(|v| {
        let v = v.as_str();
        v.char_indices().any(|(i, _)| {
            v.get(i..)
                .unwrap_or_default()
                .char_indices()
                .map(|(j, c)| i + j + c.len_utf8())
                .take_while(|&e| e - i <= longest)
                .any(|e| v.get(i..e).is_some_and(|s| alts.contains(s)))
        })
    });
    if contains {
        None
    } else {
        Some(false)
    }
}
