//! API Gateway HTTP API with a `JWT` authorizer (knowledge §2, H1–H14).
//!
//! Owns the HTTP API rules, in the authorizer's order: decode, algorithm and `kid`, signature,
//! issuer, audience, times, route scopes. Must not produce prose (`explain::profiles`).

use super::{
    decodable, finding, header_member, joined, member, note, overlaps, raw_text, rejects,
    space_list, str_claim, string_or_array, time, token_use_of, value, TokenFacts,
};
use crate::diagnose::claims::TokenUse;
use crate::diagnose::config::HttpJwt;
use crate::diagnose::finding::{Finding, Severity, Status};
use crate::jose::{Alg, Field};
use crate::verify::Verdict;

/// Judges a token against the HTTP API route.
pub fn judge(t: &TokenFacts, cfg: &HttpJwt, now: i64, leeway: i64) -> Vec<Finding> {
    let mut out = Vec::new();
    let (Some(claims), Some(header), None) = (t.claims, t.header, decodable(t)) else {
        out.push(rejects(
            "http_not_a_jwt",
            Status::Confirmed,
            vec![value("token", decodable(t).unwrap_or("undecodable"))],
            &["HTTP-JWT", "HTTP-JWT-TS"],
        ));
        return out;
    };

    // H2: RSA algorithms only; a `kid` that is in the JWKS.
    let alg = header.alg.present();
    if !matches!(alg, Some(Alg::RS256 | Alg::RS384 | Alg::RS512)) {
        out.push(rejects(
            "http_alg_not_rsa",
            Status::Confirmed,
            vec![header_member(
                "alg",
                alg.map(|a| a.as_str().to_owned()),
                Some("RS256".to_owned()),
            )],
            &["HTTP-JWT"],
        ));
    }
    if !matches!(header.kid, Field::Present(_)) {
        out.push(rejects(
            "http_kid_missing",
            Status::Confirmed,
            vec![header_member("kid", None, None)],
            &["HTTP-JWT", "AWSDOCS-PR59"],
        ));
    } else if let Some(kid) = t.verification.kid_not_found() {
        out.push(rejects(
            "http_kid_not_in_jwks",
            Status::Confirmed,
            vec![header_member("kid", Some(kid.to_owned()), None)],
            &["HTTP-JWT", "AWSDOCS-PR59"],
        ));
    }
    match t.verification.verdict() {
        Verdict::Invalid => out.push(rejects(
            "http_signature_invalid",
            Status::Confirmed,
            vec![],
            &["HTTP-JWT"],
        )),
        Verdict::Unverifiable if t.verification.kid_not_found().is_none() => out.push(finding(
            "http_signature_unchecked",
            Severity::Warning,
            Status::Confirmed,
            vec![],
            &["HTTP-JWT"],
        )),
        _ => {}
    }

    // H4: the issuer, byte for byte.
    match (claims.iss.present(), cfg.issuer.as_deref()) {
        (None, _) => out.push(rejects(
            "http_issuer_missing",
            Status::Confirmed,
            vec![member("iss", raw_text(claims, "iss"), cfg.issuer.clone())],
            &["HTTP-JWT"],
        )),
        (Some(iss), Some(want)) if iss != want => out.push(rejects(
            "http_issuer_mismatch",
            Status::Confirmed,
            vec![member(
                "iss",
                raw_text(claims, "iss"),
                Some(want.to_owned()),
            )],
            &["HTTP-JWT", "REST-JWT-CREATE", "A0-ISS"],
        )),
        (Some(iss), None) => out.push(note(
            "http_issuer_assumed",
            vec![value("issuer", iss.clone())],
            &["HTTP-JWT"],
        )),
        _ => {}
    }

    // H5: `aud` when present, else `client_id`, against the audience list.
    let aud: Option<Vec<String>> = claims.aud.present().map(|a| a.values().to_vec());
    let client_id = str_claim(claims, "client_id");
    let (claim, values): (&str, Vec<String>) = match (&aud, &client_id) {
        (Some(a), _) => ("aud", a.clone()),
        (None, Some(c)) => ("client_id", vec![c.clone()]),
        (None, None) => ("aud", Vec::new()),
    };
    if values.is_empty() {
        out.push(rejects(
            "http_no_audience_claim",
            Status::Confirmed,
            vec![member("aud", None, none_if_empty(&cfg.audiences))],
            &["HTTP-JWT-TS"],
        ));
    } else if cfg.audiences.is_empty() {
        out.push(note(
            "http_audience_to_configure",
            vec![member(claim, raw_text(claims, claim), None)],
            &["HTTP-JWT-TS"],
        ));
    } else if !overlaps(&values, &cfg.audiences) {
        out.push(rejects(
            "http_audience_mismatch",
            Status::Confirmed,
            vec![member(
                claim,
                raw_text(claims, claim),
                Some(cfg.audiences.join(", ")),
            )],
            &["HTTP-JWT-TS", "HTTP-QUOTAS"],
        ));
        if aud.is_some()
            && client_id
                .as_ref()
                .is_some_and(|c| cfg.audiences.contains(c))
        {
            out.push(note(
                "http_aud_hides_client_id",
                vec![member("client_id", raw_text(claims, "client_id"), None)],
                &["HTTP-JWT-TS"],
            ));
        }
    }

    // H6: exp in the future, nbf and iat in the past (leeway undocumented: the page's is used).
    if let Some(exp) = claims.exp.present() {
        if exp.secs.saturating_add(leeway) < now {
            out.push(rejects(
                "http_expired",
                Status::Confirmed,
                vec![time("exp", exp.secs, now, leeway)],
                &["HTTP-JWT"],
            ));
        }
    }
    if let Some(nbf) = claims.nbf.present() {
        if nbf.secs > now.saturating_add(leeway) {
            out.push(rejects(
                "http_not_yet_valid",
                Status::Confirmed,
                vec![time("nbf", nbf.secs, now, leeway)],
                &["HTTP-JWT"],
            ));
        }
    }
    if let Some(iat) = claims.iat.present() {
        if iat.secs > now.saturating_add(leeway) {
            out.push(rejects(
                "http_issued_in_future",
                Status::Confirmed,
                vec![time("iat", iat.secs, now, leeway)],
                &["HTTP-JWT"],
            ));
        }
    }

    // H7/H10: route scopes in `scope` or `scp` (403 is reported, not documented).
    let mut token_scopes: Option<Vec<String>> = space_list(claims, "scope");
    if let Some(scp) = string_or_array(claims, "scp") {
        token_scopes.get_or_insert_with(Vec::new).extend(scp);
    }
    if cfg.scopes.is_empty() {
        if token_use_of(claims) == Some(TokenUse::Id) {
            out.push(finding(
                "http_id_token_accepted_without_route_scopes",
                Severity::Warning,
                Status::Confirmed,
                vec![member("token_use", raw_text(claims, "token_use"), None)],
                &["HTTP-JWT"],
            ));
        }
    } else {
        match &token_scopes {
            None => {
                out.push(rejects(
                    "http_scope_claim_missing",
                    Status::Confirmed,
                    vec![member("scope", None, Some(joined(&cfg.scopes)))],
                    &["HTTP-JWT", "YULIN-302"],
                ));
                if string_or_array(claims, "roles").is_some() {
                    out.push(note(
                        "http_roles_are_not_scopes",
                        vec![member("roles", raw_text(claims, "roles"), None)],
                        &["HTTP-JWT"],
                    ));
                }
            }
            Some(s) if !overlaps(s, &cfg.scopes) => out.push(rejects(
                "http_no_route_scope_in_token",
                Status::Confirmed,
                vec![
                    value("token scopes", joined(s)),
                    value("route scopes", joined(&cfg.scopes)),
                ],
                &["HTTP-JWT", "YULIN-302"],
            )),
            Some(_) => {}
        }
    }
    out
}

fn none_if_empty(v: &[String]) -> Option<String> {
    (!v.is_empty()).then(|| v.join(", "))
}
