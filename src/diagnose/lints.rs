//! Security lints on the header and claims: what a verifier must reject or a reviewer should
//! see (RFC 8725, knowledge file §5.3 and §7 G8/G10), explained rather than enforced.
//!
//! Owns the lint rules. Must not verify or produce prose (`explain::lints`).

use crate::diagnose::claims::access::{header_ev, json_str, member, typed};
use crate::diagnose::finding::{Code, Evidence, Finding, Severity, Stage, Status};
use crate::diagnose::identity::{Identity, TokenKind};
use crate::issuer::url_host;
use crate::jose::jwk::{KeyKind, KeySet};
use crate::jose::{Alg, Claims, Field, Header};

/// Cognito ID/access token lifetime: default 1 h, maximum 1 day (COG-CLIENT, §5.3).
pub const COGNITO_DEFAULT_LIFETIME: i64 = 3_600;
/// Cognito ID/access token maximum lifetime (COG-CLIENT, §5.3).
pub const COGNITO_MAX_LIFETIME: i64 = 86_400;
/// Google ID tokens: google-auth-library's maximum lifetime (GAL, G8).
pub const GOOGLE_MAX_LIFETIME: i64 = 86_400;

fn lint_finding(
    code: LintCode,
    stage: Stage,
    severity: Severity,
    evidence: Vec<Evidence>,
    sources: &[&'static str],
) -> Finding {
    typed(
        Code::Lint(code),
        stage,
        severity,
        Status::Confirmed,
        evidence,
        sources,
    )
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
            LintCode::AlgNone,
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
            let asymmetric_issuer = identity
                .issuer_kind
                .as_ref()
                .is_some_and(|k| k.publishes_public_keys());
            if asymmetric_keys || asymmetric_issuer {
                let mut ev = vec![header_ev(h, "alg", None)];
                let issuer = iss.filter(|_| asymmetric_issuer).map(str::to_owned);
                if let Some(iss) = &issuer {
                    ev.push(member("iss", Some(json_str(iss)), None));
                }
                let alg = h
                    .alg
                    .present()
                    .map(|a| a.as_str().to_owned())
                    .unwrap_or_default();
                out.push(lint_finding(
                    LintCode::HmacWithAsymmetricIssuer {
                        alg,
                        issuer,
                        public_keys_given: asymmetric_keys,
                    },
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
            LintCode::EmbeddedJwk,
            Stage::Header,
            Severity::Warning,
            vec![header_ev(h, "jwk", None)],
            &["RFC7515", "RFC8725"],
        ));
    }
    let iss_host = iss.and_then(url_host);
    for (name, f) in [("jku", &h.jku), ("x5u", &h.x5u)] {
        let Some(url) = f.present() else { continue };
        let off = match (&iss_host, url_host(url)) {
            (Some(ih), Some(uh)) => ih != &uh,
            _ => true,
        };
        if off {
            let expected = iss_host.clone();
            out.push(lint_finding(
                LintCode::HeaderUrlOffIssuer {
                    member: name,
                    url: url.clone(),
                    issuer_host: iss_host.clone(),
                },
                Stage::Header,
                Severity::Warning,
                vec![header_ev(h, name, expected)],
                &["RFC8725", "RFC7515"],
            ));
        }
    }
    if !h.crit.is_absent() {
        out.push(lint_finding(
            LintCode::CritPresent {
                crit: h
                    .doc
                    .value
                    .get("crit")
                    .map(crate::jose::Value::compact)
                    .unwrap_or_default(),
            },
            Stage::Header,
            Severity::Warning,
            vec![header_ev(h, "crit", None)],
            &["RFC7515"],
        ));
    }
    if let Some(kid) = h.kid.present() {
        if kid_suspicious(kid) {
            out.push(lint_finding(
                LintCode::KidInjectionCharacters { kid: kid.clone() },
                Stage::Header,
                Severity::Warning,
                vec![header_ev(h, "kid", None)],
                &["RFC8725"],
            ));
        }
    }
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
            LintCode::TokenNeverExpires,
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
    let ev = vec![
        member("iat", Some(iat.raw.clone()), None),
        member("exp", Some(exp.raw.clone()), None),
    ];
    if lifetime > max {
        out.push(lint_finding(
            LintCode::LifetimeExceedsIssuerMax {
                lifetime,
                limit: max,
            },
            Stage::Claims,
            Severity::Error,
            ev,
            sources,
        ));
    } else if let Some(d) = default.filter(|d| lifetime > *d) {
        out.push(lint_finding(
            LintCode::LifetimeAboveDefault { lifetime, limit: d },
            Stage::Claims,
            Severity::Info,
            ev,
            sources,
        ));
    }
}

/// The first finding that is a root cause ([`LintCode::is_root_cause`],
/// [`crate::diagnose::identity::IdentityCode::is_root_cause`]): a gateway row should lead with
/// it, before any symptom such as a signature or audience failure (issue 8 §3). An unsigned
/// token comes first, whatever else the token is.
pub fn root_cause<'f>(findings: impl IntoIterator<Item = &'f Finding>) -> Option<&'f Finding> {
    let mut identity = None;
    for f in findings {
        match &f.code {
            Code::Lint(c) if c.is_root_cause() => return Some(f),
            Code::Identity(c) if c.is_root_cause() && identity.is_none() => identity = Some(f),
            _ => {}
        }
    }
    identity
}

/// This module's finding codes (see [`crate::diagnose::finding::Code`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LintCode {
    /// `alg: none`: unsigned, never acceptable (RFC 8725 §3.1). A root cause.
    AlgNone,
    /// An HMAC `alg` where the issuer publishes (or the user gave) asymmetric keys.
    HmacWithAsymmetricIssuer {
        /// The header `alg`.
        alg: String,
        /// The issuer, when it is one that publishes public keys.
        issuer: Option<String>,
        /// True when RSA/EC/OKP public keys were given.
        public_keys_given: bool,
    },
    /// The header embeds a `jwk`.
    EmbeddedJwk,
    /// `jku`/`x5u` points away from the issuer's host.
    HeaderUrlOffIssuer {
        /// `jku` or `x5u`.
        member: &'static str,
        /// The URL.
        url: String,
        /// The issuer's host, when known.
        issuer_host: Option<String>,
    },
    /// The header has `crit`.
    CritPresent {
        /// Raw JSON of `crit`.
        crit: String,
    },
    /// Path or SQL characters in `kid`.
    KidInjectionCharacters {
        /// The `kid`.
        kid: String,
    },
    /// No `exp`.
    TokenNeverExpires,
    /// `exp − iat` above the issuer's default lifetime.
    LifetimeAboveDefault {
        /// `exp − iat`, seconds.
        lifetime: i64,
        /// The default, seconds.
        limit: i64,
    },
    /// `exp − iat` above the issuer's maximum lifetime.
    LifetimeExceedsIssuerMax {
        /// `exp − iat`, seconds.
        lifetime: i64,
        /// The maximum, seconds.
        limit: i64,
    },
}

impl LintCode {
    /// The stable `snake_case` name.
    pub fn as_str(&self) -> &'static str {
        match self {
            LintCode::AlgNone => "alg_none",
            LintCode::HmacWithAsymmetricIssuer { .. } => "hmac_with_asymmetric_issuer",
            LintCode::EmbeddedJwk => "embedded_jwk",
            LintCode::HeaderUrlOffIssuer { .. } => "header_url_off_issuer",
            LintCode::CritPresent { .. } => "crit_present",
            LintCode::KidInjectionCharacters { .. } => "kid_injection_characters",
            LintCode::TokenNeverExpires => "token_never_expires",
            LintCode::LifetimeAboveDefault { .. } => "lifetime_above_default",
            LintCode::LifetimeExceedsIssuerMax { .. } => "lifetime_exceeds_issuer_max",
        }
    }

    /// True when this finding is the root cause of every later failure, so a gateway row should
    /// lead with it (issue 8 §3): an unsigned token is never acceptable, whatever else it says.
    pub fn is_root_cause(&self) -> bool {
        matches!(self, LintCode::AlgNone)
    }
}
