//! Prose for the `diagnose::lints` findings: security problems, explained.

use crate::diagnose::finding::{Evidence, Finding};
use crate::explain::claims::{actual, expected, value};
use crate::explain::decode::span;

fn header_name(f: &Finding) -> &str {
    f.evidence
        .iter()
        .find_map(|e| match e {
            Evidence::Member { name, .. } => Some(name.as_str()),
            _ => None,
        })
        .unwrap_or("jku")
}

fn secs(f: &Finding, label: &str) -> String {
    span(value(f, label).parse::<i64>().unwrap_or(0))
}

/// The sentence for a lint finding.
pub fn message(f: &Finding) -> String {
    match f.code.as_str() {
        "alg_none" => "alg is \"none\": the token is unsigned and anyone could have written it. Verifiers must reject it.".to_owned(),
        "hmac_with_asymmetric_issuer" => format!(
            "alg is {} (HMAC, a shared secret) but the issuer publishes RSA/EC public keys: this is a forged or test token, or a key-confusion attack (public key used as HMAC secret). Verifiers must pin the algorithm.",
            actual(f, "alg")
        ),
        "embedded_jwk" => "The header embeds its own key (jwk). Trusting it would let anyone sign tokens; verify only with keys you obtained from the issuer.".to_owned(),
        "header_url_off_issuer" => {
            let name = header_name(f);
            format!(
                "{name} {} points away from the issuer's host ({}); fetching keys from a URL in the token lets its author choose the key.",
                actual(f, name),
                expected(f, name)
            )
        }
        "crit_present" => format!(
            "The header marks {} as critical: a verifier that does not understand them must reject the token.",
            actual(f, "crit")
        ),
        "kid_injection_characters" => format!(
            "kid {} contains path or SQL characters (../, /, ', ;, --): a verifier that uses kid in a file path or query could be tricked.",
            actual(f, "kid")
        ),
        "token_never_expires" => "No exp: the token never expires, so a leaked copy stays usable forever.".to_owned(),
        "lifetime_above_default" => format!(
            "The token lives {} (exp − iat), longer than the issuer's default of {}.",
            secs(f, "lifetime (exp − iat), seconds"),
            secs(f, "issuer limit, seconds")
        ),
        "lifetime_exceeds_issuer_max" => format!(
            "The token lives {} (exp − iat), beyond the issuer's maximum of {}: it was not issued as configured, or is forged.",
            secs(f, "lifetime (exp − iat), seconds"),
            secs(f, "issuer limit, seconds")
        ),
        other => format!("Security lint: {other}."),
    }
}

/// How to act on a lint finding, when there is something to do.
pub fn fix(f: &Finding) -> Option<String> {
    Some(match f.code.as_str() {
        "alg_none" | "hmac_with_asymmetric_issuer" => {
            "Reject it; configure verifiers with an allow-list of algorithms (e.g. RS256)."
                .to_owned()
        }
        "embedded_jwk" | "header_url_off_issuer" => {
            "Ignore header keys and URLs; use the issuer's JWKS.".to_owned()
        }
        "crit_present" => "Reject unless every listed extension is understood.".to_owned(),
        "kid_injection_characters" => {
            "Treat kid as an opaque lookup key; never build paths or queries from it.".to_owned()
        }
        "token_never_expires" => "Issue tokens with a short exp.".to_owned(),
        "lifetime_exceeds_issuer_max" => "Check where this token really came from.".to_owned(),
        _ => return None,
    })
}
