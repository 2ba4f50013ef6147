//! Any OpenID Connect resource server: issuer, audience, allowed algorithms, scopes, leeway.
//! `alg: none` and `HS*` are never accepted from an issuer with public keys (G10, RFC 8725).
//! The status a generic server answers with is not known, so rejections carry an uncertain 401
//! (403 for scopes).
//!
//! Owns the generic rules. Must not produce prose.

use super::{
    decodable, finding, header_member, joined, member, note, overlaps, raw_text, rejects,
    space_list, string_or_array, time, value, TokenFacts,
};
use crate::diagnose::config::Oidc;
use crate::diagnose::finding::{Finding, Severity, Status};
use crate::jose::Alg;
use crate::verify::Verdict;

const SOURCES: &[&str] = &["RFC8725"];

/// Judges a token as a careful OpenID Connect resource server would.
pub fn judge(t: &TokenFacts, cfg: &Oidc, now: i64, page_leeway: i64) -> Vec<Finding> {
    let mut out = Vec::new();
    let leeway = cfg.leeway.unwrap_or(page_leeway);
    let (Some(claims), Some(header), None) = (t.claims, t.header, decodable(t)) else {
        out.push(rejects(
            "oidc_not_a_jwt",
            Status::Confirmed,
            vec![value("token", decodable(t).unwrap_or("undecodable"))],
            SOURCES,
        ));
        return out;
    };
    let alg = header.alg.present();
    let alg_text = alg.map(|a| a.as_str().to_owned());
    let allowed = if cfg.algs.is_empty() {
        !matches!(
            alg,
            None | Some(Alg::None | Alg::HS256 | Alg::HS384 | Alg::HS512 | Alg::Other(_))
        )
    } else {
        alg_text.as_ref().is_some_and(|a| cfg.algs.contains(a))
    };
    if !allowed {
        out.push(rejects(
            "oidc_alg_not_allowed",
            Status::Confirmed,
            vec![header_member(
                "alg",
                alg_text,
                (!cfg.algs.is_empty()).then(|| cfg.algs.join(", ")),
            )],
            SOURCES,
        ));
    }
    match t.verification.verdict() {
        Verdict::Invalid => out.push(rejects(
            "oidc_signature_invalid",
            Status::Confirmed,
            vec![],
            SOURCES,
        )),
        Verdict::Unverifiable => out.push(finding(
            "oidc_signature_unchecked",
            Severity::Warning,
            Status::Confirmed,
            vec![],
            SOURCES,
        )),
        _ => {}
    }
    match (claims.iss.present(), cfg.issuer.as_deref()) {
        (None, _) => out.push(rejects(
            "oidc_issuer_missing",
            Status::Confirmed,
            vec![member("iss", raw_text(claims, "iss"), cfg.issuer.clone())],
            SOURCES,
        )),
        (Some(iss), Some(want)) if iss != want => out.push(rejects(
            "oidc_issuer_mismatch",
            Status::Confirmed,
            vec![member(
                "iss",
                raw_text(claims, "iss"),
                Some(want.to_owned()),
            )],
            SOURCES,
        )),
        (Some(iss), None) => out.push(note(
            "oidc_issuer_assumed",
            vec![value("issuer", iss.clone())],
            SOURCES,
        )),
        _ => {}
    }
    if !cfg.audiences.is_empty() {
        let aud = claims
            .aud
            .present()
            .map(|a| a.values().to_vec())
            .unwrap_or_default();
        if !overlaps(&aud, &cfg.audiences) {
            out.push(rejects(
                "oidc_audience_mismatch",
                Status::Confirmed,
                vec![member(
                    "aud",
                    raw_text(claims, "aud"),
                    Some(cfg.audiences.join(", ")),
                )],
                SOURCES,
            ));
        }
    }
    if let Some(exp) = claims.exp.present() {
        if exp.secs.saturating_add(leeway) < now {
            out.push(rejects(
                "oidc_expired",
                Status::Confirmed,
                vec![time("exp", exp.secs, now, leeway)],
                SOURCES,
            ));
        }
    }
    if let Some(nbf) = claims.nbf.present() {
        if nbf.secs > now.saturating_add(leeway) {
            out.push(rejects(
                "oidc_not_yet_valid",
                Status::Confirmed,
                vec![time("nbf", nbf.secs, now, leeway)],
                SOURCES,
            ));
        }
    }
    if !cfg.scopes.is_empty() {
        let mut have = space_list(claims, "scope").unwrap_or_default();
        have.extend(string_or_array(claims, "scp").unwrap_or_default());
        if !overlaps(&have, &cfg.scopes) {
            out.push(rejects(
                "oidc_scope_missing",
                Status::Confirmed,
                vec![
                    value("token scopes", joined(&have)),
                    value("required scopes", joined(&cfg.scopes)),
                ],
                SOURCES,
            ));
        }
    }
    out
}
