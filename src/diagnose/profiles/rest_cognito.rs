//! API Gateway REST API with a `COGNITO_USER_POOLS` authorizer (knowledge §1, R1–R15), and the
//! console's *Test authorizer* (R10, ID tokens only).
//!
//! Owns the REST rules. Must not produce prose (`explain::profiles`).

use super::{
    decodable, finding, member, note, overlaps, raw_text, rejects, space_list, time, token_use_of,
    value, TokenFacts,
};
use crate::diagnose::claims::TokenUse;
use crate::diagnose::config::{pool_of_issuer, read_pool_id, RestCognito};
use crate::diagnose::finding::{Finding, Severity, Status};
use crate::input::Source;
use crate::verify::Verdict;

/// The scope every SDK/API sign-in access token carries, and nothing else (R4).
pub const SDK_SIGN_IN_SCOPE: &str = "aws.cognito.signin.user.admin";

/// Judges a token against the REST method (`test` = the console's Test authorizer).
pub fn judge(t: &TokenFacts, cfg: &RestCognito, now: i64, leeway: i64, test: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    let (Some(claims), None) = (t.claims, decodable(t)) else {
        let what = decodable(t).unwrap_or("undecodable");
        out.push(rejects(
            "rest_not_a_jwt",
            Status::Confirmed,
            vec![value("token", what)],
            &["GW-RESP", "KC-401"],
        ));
        return out;
    };

    // R8: a malformed or signature-invalid token is 401 Unauthorized.
    match t.verification.verdict() {
        Verdict::Invalid => out.push(rejects(
            "rest_signature_invalid",
            Status::Confirmed,
            vec![],
            &["KC-401", "GW-RESP"],
        )),
        Verdict::Unverifiable => out.push(finding(
            "rest_signature_unchecked",
            Severity::Warning,
            Status::Confirmed,
            vec![],
            &["KC-401"],
        )),
        Verdict::Valid | Verdict::Malformed => {}
    }

    // R5: the issuer must be one of the authorizer's user pools.
    let iss = claims.iss.present().cloned();
    match iss.as_deref().and_then(pool_of_issuer) {
        None => out.push(rejects(
            "rest_not_a_user_pool_token",
            Status::Confirmed,
            vec![member("iss", raw_text(claims, "iss"), None)],
            &["KC-401", "APIGW-COG-INT"],
        )),
        Some(pool) => {
            let configured: Vec<String> = cfg
                .pool_ids
                .iter()
                .filter_map(|p| read_pool_id(p).value.map(|p| p.id))
                .collect();
            if configured.is_empty() {
                out.push(note(
                    "rest_pool_assumed",
                    vec![value("pool", pool.id)],
                    &["APIGW-COG-INT"],
                ));
            } else if !configured.contains(&pool.id) {
                out.push(rejects(
                    "rest_pool_not_configured",
                    Status::Confirmed,
                    vec![member(
                        "iss",
                        raw_text(claims, "iss"),
                        Some(configured.join(", ")),
                    )],
                    &["KC-401", "APIGW-COG-INT"],
                ));
            }
        }
    }

    // R7: expired → 401 "The incoming token has expired" (status confirmed, text reported).
    if let Some(exp) = claims.exp.present() {
        if exp.secs.saturating_add(leeway) < now {
            out.push(rejects(
                "rest_expired",
                Status::Confirmed,
                vec![time("exp", exp.secs, now, leeway)],
                &["GW-RESP", "AMPLIFY-6060"],
            ));
        }
    }

    let tu = token_use_of(claims);
    let token_scopes = space_list(claims, "scope");
    let scope_ev = || member("scope", raw_text(claims, "scope"), None);
    let tu_ev = || member("token_use", raw_text(claims, "token_use"), None);

    if test {
        // R10: the console test supports ID tokens only.
        if tu == Some(TokenUse::Access) {
            out.push(rejects(
                "test_authorizer_access_token",
                Status::Confirmed,
                vec![tu_ev()],
                &["KC-401", "APIGW-COG-INT"],
            ));
        }
        return out;
    }

    let sdk_only = token_scopes
        .as_deref()
        .is_some_and(|s| s.iter().all(|x| x == SDK_SIGN_IN_SCOPE) && !s.is_empty());
    if cfg.scopes.is_empty() {
        // R1: no method scopes → the token is treated as an identity token.
        if tu == Some(TokenUse::Access) {
            out.push(rejects(
                "rest_access_token_on_method_without_scopes",
                Status::Confirmed,
                vec![tu_ev(), scope_ev()],
                &["APIGW-COG-INT", "KC-401", "CFN-METHOD", "NX-828"],
            ));
        }
    } else if tu == Some(TokenUse::Id) {
        // R2: method scopes → only an access token carrying one of them.
        out.push(rejects(
            "rest_id_token_on_method_with_scopes",
            Status::Confirmed,
            vec![tu_ev(), value("method scopes", cfg.scopes.join(" "))],
            &["APIGW-COG-INT", "CFN-METHOD", "KC-401"],
        ));
    } else if !token_scopes
        .as_deref()
        .is_some_and(|s| overlaps(s, &cfg.scopes))
    {
        // R2/R3: no method scope in the token → 401 (documented; not 403).
        out.push(rejects(
            "rest_no_method_scope_in_token",
            Status::Confirmed,
            vec![member(
                "scope",
                raw_text(claims, "scope"),
                Some(cfg.scopes.join(" ")),
            )],
            &["APIGW-COG-INT", "CFN-METHOD"],
        ));
        if sdk_only {
            out.push(note(
                "rest_sdk_sign_in_scope_only",
                vec![scope_ev()],
                &["COG-AT", "COG-PTG"],
            ));
        }
    }

    // R6: the optional token-validation regex is matched against `aud`.
    if let Some(re) = cfg
        .validation_regex
        .as_deref()
        .filter(|r| !r.trim().is_empty())
    {
        let aud: Vec<String> = claims
            .aud
            .present()
            .map(|a| a.values().to_vec())
            .unwrap_or_default();
        if aud.is_empty() {
            out.push(rejects(
                "rest_validation_regex_blocks_access_token",
                Status::Confirmed,
                vec![member("aud", None, Some(re.to_owned()))],
                &["APIGW-COG-INT", "AUTHZ-API"],
            ));
        } else {
            match literal_match(re, &aud) {
                Some(true) => {}
                Some(false) => out.push(rejects(
                    "rest_validation_regex_rejects_aud",
                    Status::Confirmed,
                    vec![member("aud", raw_text(claims, "aud"), Some(re.to_owned()))],
                    &["APIGW-COG-INT", "AUTHZ-API"],
                )),
                None => out.push(finding(
                    "rest_validation_regex_not_evaluated",
                    Severity::Warning,
                    Status::Confirmed,
                    vec![member("aud", raw_text(claims, "aud"), Some(re.to_owned()))],
                    &["APIGW-COG-INT", "AUTHZ-API"],
                )),
            }
        }
    }

    // R15: the authorizer reads a header only.
    if matches!(
        t.candidate.source,
        Source::UrlParam { .. } | Source::Cookie { .. }
    ) {
        out.push(note("rest_token_not_from_header", vec![], &["AUTHZ-API"]));
    }
    out
}

/// Evaluates a regex made only of literal alternatives (`abc`, `^abc$`, `^(a|b)$`); `None` when
/// the pattern has other syntax or the answer depends on full-match vs search semantics.
pub fn literal_match(re: &str, values: &[String]) -> Option<bool> {
    let re = re.trim();
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
    let alts: Vec<&str> = re.split('|').collect();
    let meta = |c: char| ".*+?[](){}\\^$".contains(c);
    if alts.iter().any(|a| a.is_empty() || a.contains(meta)) {
        return None;
    }
    let exact = values.iter().any(|v| alts.contains(&v.as_str()));
    if exact {
        return Some(true);
    }
    if start && end {
        return Some(false);
    }
    // Unanchored: a search would match a value containing the literal; a full match would not.
    let contains = values.iter().any(|v| alts.iter().any(|a| v.contains(a)));
    if contains {
        None
    } else {
        Some(false)
    }
}
