//! Security lints on the header and claims: what a verifier must reject or a reviewer should
//! see (RFC 8725, knowledge file §5.3 and §7 G8/G10), explained rather than enforced.
//!
//! Owns the lint rules. Must not verify or produce prose (`explain::lints`).

use crate::diagnose::claims::{finding, json_str, member};
use crate::diagnose::finding::{Evidence, Finding, Severity, Stage, Status};
use crate::diagnose::identity::{Identity, IssuerKind, TokenKind};
use crate::jose::jwk::{KeyKind, KeySet};
use crate::jose::{Alg, Claims, Field, Header, Value};

/// Cognito ID/access token lifetime: default 1 h, maximum 1 day (COG-CLIENT, §5.3).
pub const COGNITO_DEFAULT_LIFETIME: i64 = 3_600;
/// Cognito ID/access token maximum lifetime (COG-CLIENT, §5.3).
pub const COGNITO_MAX_LIFETIME: i64 = 86_400;
/// Google ID tokens: google-auth-library's maximum lifetime (GAL, G8).
pub const GOOGLE_MAX_LIFETIME: i64 = 86_400;

fn header_ev(h: &Header, name: &str, expected: Option<String>) -> Evidence {
    Evidence::Member {
        place: "header",
        name: name.to_owned(),
        actual: h.doc.value.get(name).map(Value::compact),
        expected,
    }
}

fn lint_finding(
    code: &'static str,
    stage: Stage,
    severity: Severity,
    evidence: Vec<Evidence>,
    sources: &[&'static str],
) -> Finding {
    finding(code, stage, severity, Status::Confirmed, evidence, sources)
}

/// Security lints for one token. Codes: `alg_none`, `hmac_with_asymmetric_issuer`,
/// `embedded_jwk`, `header_url_off_issuer`, `crit_present`, `kid_injection_characters`,
/// `token_never_expires`, `lifetime_above_default`, `lifetime_exceeds_issuer_max`.
pub fn lint(
    header: Option<&Header>,
    claims: Option<&Claims>,
    identity: &Identity,
    keys: &[&KeySet],
) -> Vec<Finding> {
    let mut out = Vec::new();
    let iss = claims.and_then(|c| c.iss.present()).map(String::as_str);
    if let Some(h) = header {
        header_lints(h, iss, identity, keys, &mut out);
    }
    if let Some(c) = claims {
        claim_lints(c, identity, &mut out);
    }
    out
}

fn header_lints(
    h: &Header,
    iss: Option<&str>,
    identity: &Identity,
    keys: &[&KeySet],
    out: &mut Vec<Finding>,
) {
    match h.alg.present() {
        Some(Alg::None) => out.push(lint_finding(
            "alg_none",
            Stage::Header,
            Severity::Error,
            vec![header_ev(h, "alg", None)],
            &["RFC8725", "AJV"],
        )),
        Some(Alg::HS256 | Alg::HS384 | Alg::HS512) => {
            let asymmetric_keys = keys.iter().flat_map(|s| s.keys.iter()).any(|k| {
                matches!(
                    k.kind(),
                    KeyKind::Rsa { .. } | KeyKind::Ec { .. } | KeyKind::Ed25519
                )
            });
            let asymmetric_issuer = matches!(
                identity.issuer_kind,
                Some(
                    IssuerKind::Cognito { .. }
                        | IssuerKind::Entra { .. }
                        | IssuerKind::Google
                        | IssuerKind::Firebase { .. }
                        | IssuerKind::Auth0
                        | IssuerKind::Okta
                )
            );
            if asymmetric_keys || asymmetric_issuer {
                let mut ev = vec![header_ev(h, "alg", None)];
                if let Some(iss) = iss.filter(|_| asymmetric_issuer) {
                    ev.push(member("iss", Some(json_str(iss)), None));
                }
                if asymmetric_keys {
                    ev.push(Evidence::Value {
                        label: "keys given",
                        value: "RSA/EC/OKP public keys".to_owned(),
                    });
                }
                out.push(lint_finding(
                    "hmac_with_asymmetric_issuer",
                    Stage::Header,
                    Severity::Error,
                    ev,
                    &["RFC8725", "AJV"],
                ));
            }
        }
        _ => {}
    }
    if !h.jwk.is_absent() {
        out.push(lint_finding(
            "embedded_jwk",
            Stage::Header,
            Severity::Warning,
            vec![header_ev(h, "jwk", None)],
            &["RFC7515", "RFC8725"],
        ));
    }
    let iss_host = iss.and_then(host);
    for (name, f) in [("jku", &h.jku), ("x5u", &h.x5u)] {
        let Some(url) = f.present() else { continue };
        let off = match (&iss_host, host(url)) {
            (Some(ih), Some(uh)) => ih != &uh,
            _ => true,
        };
        if off {
            let expected = iss_host.clone();
            out.push(lint_finding(
                "header_url_off_issuer",
                Stage::Header,
                Severity::Warning,
                vec![header_ev(h, name, expected)],
                &["RFC8725", "RFC7515"],
            ));
        }
    }
    if !h.crit.is_absent() {
        out.push(lint_finding(
            "crit_present",
            Stage::Header,
            Severity::Warning,
            vec![header_ev(h, "crit", None)],
            &["RFC7515"],
        ));
    }
    if let Some(kid) = h.kid.present() {
        if kid_suspicious(kid) {
            out.push(lint_finding(
                "kid_injection_characters",
                Stage::Header,
                Severity::Warning,
                vec![header_ev(h, "kid", None)],
                &["RFC8725"],
            ));
        }
    }
}

/// The lowercase host of an `http(s)` URL, without port or user info.
fn host(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit('@').next()?;
    let h = authority.split(':').next()?;
    (!h.is_empty()).then(|| h.to_ascii_lowercase())
}

/// Path or SQL characters in `kid` (RFC 8725 §3.10). A `/` alone is not flagged when the whole
/// `kid` is standard base64, as Cognito's key IDs are.
fn kid_suspicious(kid: &str) -> bool {
    if ["../", "..\\", "'", ";", "--"]
        .iter()
        .any(|p| kid.contains(p))
    {
        return true;
    }
    let standard_b64 = kid
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='));
    kid.contains('/') && !standard_b64
}

fn claim_lints(c: &Claims, identity: &Identity, out: &mut Vec<Finding>) {
    if c.exp.is_absent() {
        out.push(lint_finding(
            "token_never_expires",
            Stage::Claims,
            Severity::Warning,
            vec![member("exp", None, None)],
            &["RFC7519", "RFC8725"],
        ));
    }
    let (Field::Present(iat), Field::Present(exp)) = (&c.iat, &c.exp) else {
        return;
    };
    if iat.looks_like_milliseconds || exp.looks_like_milliseconds {
        return;
    }
    let lifetime = exp.secs.saturating_sub(iat.secs);
    let (default, max, sources): (Option<i64>, i64, &[&'static str]) = match identity.kind {
        TokenKind::CognitoId | TokenKind::CognitoAccess | TokenKind::CognitoClientCredentials => (
            Some(COGNITO_DEFAULT_LIFETIME),
            COGNITO_MAX_LIFETIME,
            &["COG-CLIENT", "COG-ID"],
        ),
        TokenKind::GoogleId => (None, GOOGLE_MAX_LIFETIME, &["GAL"]),
        _ => return,
    };
    let ev = |limit: i64| {
        vec![
            Evidence::Value {
                label: "lifetime (exp − iat), seconds",
                value: lifetime.to_string(),
            },
            Evidence::Value {
                label: "issuer limit, seconds",
                value: limit.to_string(),
            },
        ]
    };
    if lifetime > max {
        out.push(lint_finding(
            "lifetime_exceeds_issuer_max",
            Stage::Claims,
            Severity::Error,
            ev(max),
            sources,
        ));
    } else if let Some(d) = default.filter(|d| lifetime > *d) {
        out.push(lint_finding(
            "lifetime_above_default",
            Stage::Claims,
            Severity::Info,
            ev(d),
            sources,
        ));
    }
}

/// This module's finding codes (see [`crate::diagnose::finding::Code`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LintCode {}

impl LintCode {
    /// The stable `snake_case` name.
    pub fn as_str(&self) -> &'static str {
        match *self {}
    }
}
