//! Prose for the `diagnose::lints` findings: security problems, explained. One exhaustive
//! `match` on [`LintCode`].

use crate::diagnose::finding::{Code, Finding};
use crate::diagnose::lints::LintCode;
use crate::explain::claims::q;
use crate::explain::decode::span;

/// The sentence for a lint finding (empty for another module's finding).
pub fn message(f: &Finding) -> String {
    match &f.code {
        Code::Lint(c) => text(c),
        _ => String::new(),
    }
}

/// How to act on a lint finding, when there is something to do.
pub fn fix(f: &Finding) -> Option<String> {
    match &f.code {
        Code::Lint(c) => fix_for(c),
        _ => None,
    }
}

/// The sentence for a lint code.
pub fn text(c: &LintCode) -> String {
    match c {
        LintCode::AlgNone => "alg is \"none\": the token is unsigned, so anyone could have written every claim in it. It is never acceptable: every verifier and gateway rejects it, whatever its issuer, audience or expiry say.".to_owned(),
        LintCode::HmacWithAsymmetricIssuer {
            alg,
            issuer,
            public_keys_given,
        } => {
            let why = match (issuer, public_keys_given) {
                (Some(iss), true) => format!("the issuer {} publishes RSA/EC public keys, and public keys were given", q(iss)),
                (Some(iss), false) => format!("the issuer {} publishes RSA/EC public keys", q(iss)),
                (None, _) => "the keys given are RSA/EC/OKP public keys".to_owned(),
            };
            format!(
                "alg is {} (HMAC, a shared secret) but {why}: this is a forged or test token, or a key-confusion attack (public key used as HMAC secret). Verifiers must pin the algorithm.",
                q(alg)
            )
        }
        LintCode::EmbeddedJwk => "The header embeds its own key (jwk). Trusting it would let anyone sign tokens; verify only with keys you obtained from the issuer.".to_owned(),
        LintCode::HeaderUrlOffIssuer {
            member,
            url,
            issuer_host,
        } => format!(
            "{member} {} points away from the issuer's host ({}); fetching keys from a URL in the token lets its author choose the key.",
            q(url),
            issuer_host.as_deref().unwrap_or("unknown")
        ),
        LintCode::CritPresent { crit } => format!(
            "The header marks {crit} as critical: a verifier that does not understand them must reject the token."
        ),
        LintCode::KidInjectionCharacters { kid } => format!(
            "kid {} contains path or SQL characters (../, /, ', ;, --): a verifier that uses kid in a file path or query could be tricked.",
            q(kid)
        ),
        LintCode::TokenNeverExpires => "No exp: the token never expires, so a leaked copy stays usable forever.".to_owned(),
        LintCode::LifetimeAboveDefault { lifetime, limit } => format!(
            "The token lives {} (exp − iat), longer than the issuer's default of {}.",
            span(*lifetime),
            span(*limit)
        ),
        LintCode::LifetimeExceedsIssuerMax { lifetime, limit } => format!(
            "The token lives {} (exp − iat), beyond the issuer's maximum of {}: it was not issued as configured, or is forged.",
            span(*lifetime),
            span(*limit)
        ),
    }
}

/// How to act on a lint code, when there is something to do.
pub fn fix_for(c: &LintCode) -> Option<String> {
    Some(match c {
        LintCode::AlgNone => {
            "Reject it, and send a token signed by the issuer; configure verifiers with an allow-list of algorithms (e.g. RS256) so none is never accepted.".to_owned()
        }
        LintCode::HmacWithAsymmetricIssuer { .. } => {
            "Reject it; configure verifiers with an allow-list of algorithms (e.g. RS256)."
                .to_owned()
        }
        LintCode::EmbeddedJwk | LintCode::HeaderUrlOffIssuer { .. } => {
            "Ignore header keys and URLs; use the issuer's JWKS.".to_owned()
        }
        LintCode::CritPresent { .. } => {
            "Reject unless every listed extension is understood.".to_owned()
        }
        LintCode::KidInjectionCharacters { .. } => {
            "Treat kid as an opaque lookup key; never build paths or queries from it.".to_owned()
        }
        LintCode::TokenNeverExpires => "Issue tokens with a short exp.".to_owned(),
        LintCode::LifetimeExceedsIssuerMax { .. } => {
            "Check where this token really came from.".to_owned()
        }
        LintCode::LifetimeAboveDefault { .. } => return None,
    })
}
