//! Any OpenID Connect resource server: issuer, audience, allowed algorithms, scopes, leeway.
//! `alg: none` and `HS*` are never accepted from an issuer with public keys (G10, RFC 8725).
//! The status a generic server answers with is not known, so rejections carry an uncertain 401
//! (403 for scopes).
//!
//! Owns the generic rules. Must not produce prose.

use super::{
    aud_values, exact_issuer, expired, fails, not_jwt, not_yet_valid, overlaps, root_causes,
    signature, string_or_array, GatewayCode, Gw, TokenFacts,
};
use crate::diagnose::config::Oidc;
use crate::diagnose::finding::Finding;
use crate::jose::Alg;

const SOURCES: &[&str] = &["RFC8725"];

/// Judges a token as a careful OpenID Connect resource server would.
pub fn judge(t: &TokenFacts, cfg: &Oidc, now: i64, page_leeway: i64) -> Vec<Finding> {
    let mut out = Vec::new();
    let leeway = cfg.leeway.unwrap_or(page_leeway);
    let (Some(claims), Some(header), None) = (t.claims, t.header, not_jwt(t)) else {
        let why = not_jwt(t).unwrap_or(super::NotJwt::Undecodable);
        out.push(fails(GatewayCode::NotAJwt { gw: Gw::Oidc, why }, SOURCES));
        return out;
    };
    let roots = root_causes(t, claims, Gw::Oidc);
    let root = !roots.is_empty();
    out.extend(roots);
    let alg = header.alg.present();
    let alg_text = alg.map(|a| a.as_str().to_owned());
    let allowed = if cfg.algs.is_empty() {
        !matches!(
            alg,
            None | Some(Alg::HS256 | Alg::HS384 | Alg::HS512 | Alg::Other(_))
        )
    } else {
        alg_text.as_ref().is_some_and(|a| cfg.algs.contains(a))
    };
    if !allowed && !matches!(alg, Some(Alg::None)) {
        out.push(fails(
            GatewayCode::AlgNotAllowed {
                gw: Gw::Oidc,
                alg: alg_text,
                allowed: cfg.algs.clone(),
            },
            SOURCES,
        ));
    }
    out.extend(signature(t, Gw::Oidc, root, SOURCES));
    out.extend(exact_issuer(
        claims,
        cfg.issuer.as_deref(),
        Gw::Oidc,
        root,
        SOURCES,
    ));
    if !cfg.audiences.is_empty() && !root {
        let aud = aud_values(claims);
        if !overlaps(&aud, &cfg.audiences) {
            out.push(fails(
                GatewayCode::AudienceMismatch {
                    gw: Gw::Oidc,
                    claim: super::AudClaim::Aud,
                    found: aud,
                    accepted: cfg.audiences.clone(),
                    azp_listed: false,
                },
                SOURCES,
            ));
        }
    }
    out.extend(expired(claims, Gw::Oidc, now, leeway).map(|c| fails(c, SOURCES)));
    out.extend(not_yet_valid(claims, Gw::Oidc, now, leeway).map(|c| fails(c, SOURCES)));
    if !cfg.scopes.is_empty() {
        let mut have = string_or_array(claims, "scope").unwrap_or_default();
        have.extend(string_or_array(claims, "scp").unwrap_or_default());
        if !overlaps(&have, &cfg.scopes) {
            out.push(fails(
                GatewayCode::NoScopeInToken {
                    gw: Gw::Oidc,
                    have,
                    wanted: cfg.scopes.clone(),
                },
                // RFC 6750 §3.1: insufficient_scope.
                &["RFC6750"],
            ));
        }
    }
    out
}
