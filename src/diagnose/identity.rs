//! Token identity: which issuer and which kind of token this is, from the token alone
//! (knowledge file §0 fingerprints, §5 Cognito anatomy, §7 other IdPs).
//!
//! Owns fingerprinting. Must not verify, fetch, or produce prose (`explain::identity`). Issuer
//! anatomy (Cognito ORIGINAL/UPDATED forms, pool IDs, Entra tenants) comes from
//! [`crate::issuer`]; claim accessors from [`crate::diagnose::claims::access`].

mod code;
mod vendors;

pub use crate::issuer::IssuerKind;
pub use code::IdentityCode;

use crate::diagnose::claims::access::{header_ev, header_str, json_str, member, typed};
use crate::diagnose::finding::{Code, Evidence, Finding, Severity, Stage, Status};
use crate::issuer::{self, CognitoIssuer};
use crate::jose::{Claims, Header};
use vendors::{cognito, entra, firebase, firebase_custom, other_kind};

/// What kind of token this is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenKind {
    /// Cognito ID token (`token_use: "id"`).
    CognitoId,
    /// Cognito access token (`token_use: "access"`) from a user sign-in.
    CognitoAccess,
    /// Cognito access token from the client-credentials (M2M) grant: custom scopes only.
    CognitoClientCredentials,
    /// Cognito refresh token (JWE, readable only by Cognito).
    CognitoRefresh,
    /// Microsoft Entra v1.0 token.
    EntraV1,
    /// Microsoft Entra v2.0 token.
    EntraV2,
    /// Entra token for a Microsoft-owned API (Graph etc.): signature not verifiable by third
    /// parties, by design.
    EntraMicrosoftApi,
    /// Auth0 JWT.
    Auth0,
    /// Auth0 encrypted access token (issued without `audience`, for `/userinfo` only).
    Auth0Opaque,
    /// Okta token.
    Okta,
    /// Keycloak token with its payload `typ` (`Bearer`, `ID`, `Refresh`, `Offline`; empty when
    /// absent).
    Keycloak {
        /// The payload `typ`.
        typ: String,
    },
    /// Google ID token.
    GoogleId,
    /// Firebase ID token.
    FirebaseId,
    /// Firebase custom token (`aud` the Identity Toolkit, G9): exchanged for an ID token, never
    /// sent to an API.
    FirebaseCustom,
    /// ALB user-claims token (`x-amzn-oidc-data`), signed by the load balancer.
    AlbOidcData,
    /// Not recognised.
    Unknown,
}

impl TokenKind {
    /// A Keycloak refresh or offline token (payload `typ` `Refresh` / `Offline`, §0): for the
    /// issuer's token endpoint only.
    pub fn is_keycloak_refresh(&self) -> bool {
        matches!(self, TokenKind::Keycloak { typ } if typ == "Refresh" || typ == "Offline")
    }

    /// An OpenID Connect ID token by its provider's marks (Cognito `token_use`, Google and
    /// Firebase, Keycloak payload `typ` `ID`): proof of a sign-in for the client, not an API
    /// credential (H8).
    pub fn is_id_token(&self) -> bool {
        match self {
            TokenKind::CognitoId | TokenKind::GoogleId | TokenKind::FirebaseId => true,
            TokenKind::Keycloak { typ } => typ == "ID",
            _ => false,
        }
    }

    /// An access token by its provider's marks (Cognito `token_use`, Keycloak payload `typ`
    /// `Bearer`).
    pub fn is_access_token(&self) -> bool {
        match self {
            TokenKind::CognitoAccess | TokenKind::CognitoClientCredentials => true,
            TokenKind::Keycloak { typ } => typ == "Bearer",
            _ => false,
        }
    }
}

/// What the token is, and the identity findings that explain it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The token kind.
    pub kind: TokenKind,
    /// The issuer kind, when `iss` (or an encrypted token's header `iss`) was a string.
    pub issuer_kind: Option<IssuerKind>,
    /// Findings about the identity (stage `Structure` for the token kind, `Claims` for hints).
    pub findings: Vec<Finding>,
}

fn id_finding(
    code: IdentityCode,
    stage: Stage,
    severity: Severity,
    status: Status,
    ev: Vec<Evidence>,
    src: &[&'static str],
) -> Finding {
    typed(Code::Identity(code), stage, severity, status, ev, src)
}

fn info(code: IdentityCode, status: Status, ev: Vec<Evidence>, src: &[&'static str]) -> Finding {
    id_finding(code, Stage::Structure, Severity::Info, status, ev, src)
}

fn iss_ev(iss: &str) -> Evidence {
    member("iss", Some(json_str(iss)), None)
}

/// Recognises the token from its JWS header and claims, or from a JWE header.
pub fn identify(
    header: Option<&Header>,
    claims: Option<&Claims>,
    jwe_header: Option<&Header>,
) -> Identity {
    if let Some(h) = jwe_header {
        return identify_jwe(h);
    }
    if let Some(h) = header {
        let alb = header_str(h, "signer")
            .is_some_and(|s| s.starts_with("arn:aws:elasticloadbalancing:"))
            && h.doc.value.get("client").is_some();
        if alb {
            return alb_identity(h);
        }
    }
    let Some(claims) = claims else {
        return unknown(None, Vec::new());
    };
    let iss = claims.iss.present().map(String::as_str);
    let issuer_kind = iss.map(issuer_kind);
    let mut findings = Vec::new();
    if let Some(f) = firebase_custom(claims) {
        findings.push(f);
        return Identity {
            kind: TokenKind::FirebaseCustom,
            issuer_kind,
            findings,
        };
    }
    let kind = match (&issuer_kind, iss) {
        (Some(IssuerKind::Cognito(ci)), Some(iss)) => cognito(claims, ci, iss, &mut findings),
        (Some(IssuerKind::CognitoLike(problem)), Some(iss)) => {
            findings.push(id_finding(
                IdentityCode::CognitoIssuerNotExact {
                    problem: problem.clone(),
                },
                Stage::Claims,
                Severity::Warning,
                Status::Confirmed,
                vec![iss_ev(iss)],
                &["AJV", "HTTP-JWT", "COG-VERIFY"],
            ));
            other_kind(claims, iss, &issuer_kind, &mut findings)
        }
        (Some(IssuerKind::Entra { tenant, version }), Some(iss)) => {
            entra(header, claims, iss, tenant, *version, &mut findings)
        }
        (Some(IssuerKind::Firebase { project }), Some(iss)) => {
            firebase(claims, iss, project, &mut findings)
        }
        (Some(IssuerKind::Google), Some(iss)) => {
            findings.push(info(
                IdentityCode::GoogleIdToken {
                    iss: iss.to_owned(),
                },
                Status::Confirmed,
                vec![iss_ev(iss)],
                &["GAL"],
            ));
            TokenKind::GoogleId
        }
        (Some(IssuerKind::Auth0), Some(iss)) => {
            findings.push(info(
                IdentityCode::Auth0Token {
                    iss: iss.to_owned(),
                },
                Status::Confirmed,
                vec![iss_ev(iss)],
                &["A0-OPAQUE", "A0-ISS"],
            ));
            TokenKind::Auth0
        }
        (Some(IssuerKind::Okta), Some(iss)) => {
            findings.push(info(
                IdentityCode::OktaToken {
                    iss: iss.to_owned(),
                },
                Status::Reported,
                vec![iss_ev(iss)],
                &["OKTA-CORS"],
            ));
            TokenKind::Okta
        }
        _ => other_kind(claims, iss.unwrap_or_default(), &issuer_kind, &mut findings),
    };
    Identity {
        kind,
        issuer_kind,
        findings,
    }
}

fn unknown(issuer_kind: Option<IssuerKind>, findings: Vec<Finding>) -> Identity {
    Identity {
        kind: TokenKind::Unknown,
        issuer_kind,
        findings,
    }
}

fn identify_jwe(h: &Header) -> Identity {
    let alg = header_str(h, "alg").unwrap_or_default();
    let enc = header_str(h, "enc").unwrap_or_default();
    let issuer_kind = header_str(h, "iss").map(issuer_kind);
    let ev = vec![header_ev(h, "alg", None), header_ev(h, "enc", None)];
    if alg == "dir" && issuer_kind == Some(IssuerKind::Auth0) {
        let mut ev = ev;
        ev.push(header_ev(h, "iss", None));
        return Identity {
            kind: TokenKind::Auth0Opaque,
            issuer_kind,
            findings: vec![id_finding(
                IdentityCode::Auth0EncryptedAccessToken,
                Stage::Structure,
                Severity::Warning,
                Status::Confirmed,
                ev,
                &["A0-OPAQUE", "A0-DOCS-5001"],
            )],
        };
    }
    if alg == "RSA-OAEP" && enc == "A256GCM" && header_str(h, "cty") == Some("JWT") {
        // The JWE itself is CONFIRMED opaque; that these header values mean Cognito is REPORTED.
        return Identity {
            kind: TokenKind::CognitoRefresh,
            issuer_kind,
            findings: vec![id_finding(
                IdentityCode::CognitoRefreshToken,
                Stage::Structure,
                Severity::Warning,
                Status::Reported,
                ev,
                &["COG-TOK", "AJV-59", "JWTINFO-30"],
            )],
        };
    }
    let code = IdentityCode::EncryptedToken {
        alg: alg.to_owned(),
        enc: enc.to_owned(),
    };
    unknown(
        issuer_kind,
        vec![info(code, Status::Confirmed, ev, &["RFC7516"])],
    )
}

fn alb_identity(h: &Header) -> Identity {
    let signer = header_str(h, "signer").unwrap_or_default();
    let region = signer.split(':').nth(3).filter(|r| !r.is_empty());
    let kid = header_str(h, "kid").filter(|k| !k.is_empty());
    let key_url = region
        .zip(kid)
        .map(|(r, k)| format!("https://public-keys.auth.elb.{r}.amazonaws.com/{k}"));
    Identity {
        kind: TokenKind::AlbOidcData,
        issuer_kind: header_str(h, "iss").map(issuer_kind),
        findings: vec![info(
            IdentityCode::AlbOidcData {
                signer: signer.to_owned(),
                key_url,
            },
            Status::Confirmed,
            vec![header_ev(h, "signer", None), header_ev(h, "client", None)],
            &["AJV", "ALB-AUTH"],
        )],
    }
}

/// Classifies an issuer string (see [`crate::issuer::classify`]).
pub fn issuer_kind(iss: &str) -> IssuerKind {
    issuer::classify(iss)
}

/// Region and user-pool ID of an exact Cognito issuer of either form (ORIGINAL
/// `https://cognito-idp.{region}.amazonaws.com/{pool}` or UPDATED
/// `https://issuer-cognito-idp.{region}.amazonaws.com/{pool}`); see [`CognitoIssuer::parse`].
pub fn cognito_issuer(iss: &str) -> Option<(String, String)> {
    CognitoIssuer::parse(iss).map(|c| (c.pool.region, c.pool.id))
}
