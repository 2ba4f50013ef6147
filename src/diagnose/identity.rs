//! Token identity: which issuer and which kind of token this is, from the token alone
//! (knowledge file §0 fingerprints, §5 Cognito anatomy, §7 other IdPs).
//!
//! Owns fingerprinting. Must not verify, fetch, or produce prose (`explain::identity`).

use crate::diagnose::claims::{
    entra_parts, finding, json_str, member, other, other_str, raw_aud, scopes, token_use, TokenUse,
};
use crate::diagnose::finding::{Evidence, Finding, Severity, Stage, Status};
use crate::jose::{Claims, Header, Value};

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
    /// ALB user-claims token (`x-amzn-oidc-data`), signed by the load balancer.
    AlbOidcData,
    /// Not recognised.
    Unknown,
}

/// Who issued the token, from `iss`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssuerKind {
    /// A Cognito user pool.
    Cognito {
        /// Region from the host.
        region: String,
        /// User-pool ID.
        pool_id: String,
    },
    /// Microsoft Entra.
    Entra {
        /// Tenant from the issuer.
        tenant: String,
        /// True for the v2.0 issuer.
        v2: bool,
    },
    /// Auth0 (`*.auth0.com`).
    Auth0,
    /// Okta (`*.okta.com`, `*.oktapreview.com`, `*.okta-emea.com`).
    Okta,
    /// Keycloak (`{base}/realms/{realm}`).
    Keycloak,
    /// Google accounts.
    Google,
    /// Firebase (`https://securetoken.google.com/{project}`).
    Firebase {
        /// Project ID.
        project: String,
    },
    /// Anything else.
    Other,
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

/// Microsoft Graph's application ID and resource URI (MS-AT).
const GRAPH: [&str; 3] = [
    "00000003-0000-0000-c000-000000000000",
    "https://graph.microsoft.com",
    "https://graph.microsoft.com/",
];

/// The Firebase custom-token audience (FB).
const FIREBASE_CUSTOM_AUD: &str =
    "https://identitytoolkit.googleapis.com/google.identity.identitytoolkit.v1.IdentityToolkit";

fn info(code: &'static str, status: Status, ev: Vec<Evidence>, src: &[&'static str]) -> Finding {
    finding(code, Stage::Structure, Severity::Info, status, ev, src)
}

fn header_str<'h>(h: &'h Header, name: &str) -> Option<&'h str> {
    h.doc.value.get(name).and_then(Value::as_str)
}

fn header_member(h: &Header, name: &str) -> Evidence {
    Evidence::Member {
        place: "header",
        name: name.to_owned(),
        actual: h.doc.value.get(name).map(Value::compact),
        expected: None,
    }
}

fn claim_ev(claims: &Claims, name: &str) -> Evidence {
    member(name, other(claims, name).map(Value::compact), None)
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
        return unknown(issuer_kind, findings);
    }
    let kind = match (&issuer_kind, iss) {
        (Some(IssuerKind::Cognito { .. }), Some(iss)) => cognito(claims, iss, &mut findings),
        (Some(IssuerKind::Entra { v2, .. }), Some(iss)) => {
            entra(header, claims, iss, *v2, &mut findings)
        }
        (Some(IssuerKind::Firebase { project }), Some(iss)) => {
            let mut ev = vec![iss_ev(iss), claim_ev(claims, "firebase")];
            let aud_ok = claims
                .aud
                .present()
                .is_some_and(|a| a.values().iter().any(|v| v == project));
            if !aud_ok {
                ev.push(member("aud", None, Some(json_str(project))));
            }
            findings.push(info("firebase_id_token", Status::Confirmed, ev, &["FB"]));
            if !aud_ok {
                findings.push(finding(
                    "firebase_aud_not_project",
                    Stage::Claims,
                    Severity::Warning,
                    Status::Confirmed,
                    vec![member("aud", None, Some(json_str(project)))],
                    &["FB"],
                ));
            }
            TokenKind::FirebaseId
        }
        (Some(IssuerKind::Google), Some(iss)) => {
            findings.push(info(
                "google_id_token",
                Status::Confirmed,
                vec![iss_ev(iss)],
                &["GAL"],
            ));
            TokenKind::GoogleId
        }
        (Some(IssuerKind::Auth0), Some(iss)) => {
            findings.push(info(
                "auth0_token",
                Status::Confirmed,
                vec![iss_ev(iss)],
                &["A0-OPAQUE", "A0-ISS"],
            ));
            TokenKind::Auth0
        }
        (Some(IssuerKind::Okta), Some(iss)) => {
            findings.push(info(
                "okta_token",
                Status::Reported,
                vec![iss_ev(iss)],
                &["OKTA-CORS"],
            ));
            TokenKind::Okta
        }
        _ => match keycloak_typ(claims) {
            Some(typ) => keycloak(claims, iss, typ, &mut findings),
            None if issuer_kind == Some(IssuerKind::Keycloak) => {
                keycloak(claims, iss, String::new(), &mut findings)
            }
            None => TokenKind::Unknown,
        },
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
    let iss = header_str(h, "iss");
    let issuer_kind = iss.map(issuer_kind);
    let ev = vec![header_member(h, "alg"), header_member(h, "enc")];
    if alg == "dir" && issuer_kind == Some(IssuerKind::Auth0) {
        let mut ev = ev;
        ev.push(header_member(h, "iss"));
        return Identity {
            kind: TokenKind::Auth0Opaque,
            issuer_kind,
            findings: vec![finding(
                "auth0_encrypted_access_token",
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
            findings: vec![finding(
                "cognito_refresh_token",
                Stage::Structure,
                Severity::Warning,
                Status::Reported,
                ev,
                &["COG-TOK", "AJV-59", "JWTINFO-30"],
            )],
        };
    }
    unknown(
        issuer_kind,
        vec![info("encrypted_token", Status::Confirmed, ev, &["RFC7516"])],
    )
}

fn alb_identity(h: &Header) -> Identity {
    let mut ev = vec![header_member(h, "signer"), header_member(h, "client")];
    let region = header_str(h, "signer").and_then(|s| s.split(':').nth(3));
    if let (Some(region), Some(kid)) = (region, header_str(h, "kid")) {
        if !region.is_empty() && !kid.is_empty() {
            ev.push(Evidence::Value {
                label: "ALB public key URL",
                value: format!("https://public-keys.auth.elb.{region}.amazonaws.com/{kid}"),
            });
        }
    }
    Identity {
        kind: TokenKind::AlbOidcData,
        issuer_kind: header_str(h, "iss").map(issuer_kind),
        findings: vec![info(
            "alb_oidc_data",
            Status::Confirmed,
            ev,
            &["AJV", "ALB-AUTH"],
        )],
    }
}

/// Classifies an issuer string.
pub fn issuer_kind(iss: &str) -> IssuerKind {
    if let Some((region, pool_id)) = cognito_issuer(iss) {
        return IssuerKind::Cognito { region, pool_id };
    }
    if let Some((tenant, v2)) = entra_parts(iss) {
        return IssuerKind::Entra {
            tenant: tenant.to_owned(),
            v2,
        };
    }
    if let Some(project) = iss.strip_prefix("https://securetoken.google.com/") {
        if !project.is_empty() && !project.contains('/') {
            return IssuerKind::Firebase {
                project: project.to_owned(),
            };
        }
    }
    if iss == "accounts.google.com" || iss == "https://accounts.google.com" {
        return IssuerKind::Google;
    }
    let host = iss
        .strip_prefix("https://")
        .or_else(|| iss.strip_prefix("http://"))
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if host.ends_with(".auth0.com") {
        return IssuerKind::Auth0;
    }
    if [".okta.com", ".oktapreview.com", ".okta-emea.com"]
        .iter()
        .any(|s| host.ends_with(s))
    {
        return IssuerKind::Okta;
    }
    if !host.is_empty() && iss.contains("/realms/") {
        return IssuerKind::Keycloak;
    }
    IssuerKind::Other
}

/// Region and user-pool ID of a Cognito issuer `https://cognito-idp.{region}.amazonaws.com/{pool}`.
/// The pool ID must match aws-jwt-verify's `^[a-z]{2}-(gov-)?[a-z]+-\d_[a-zA-Z0-9]+$` and its
/// region must equal the host's (knowledge file §0).
pub fn cognito_issuer(iss: &str) -> Option<(String, String)> {
    let rest = iss.strip_prefix("https://cognito-idp.")?;
    let (region, pool) = rest.split_once(".amazonaws.com/")?;
    let (pool_region, id) = pool.split_once('_')?;
    let id_ok = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric());
    (id_ok && pool_region == region && region_ok(region))
        .then(|| (region.to_owned(), pool.to_owned()))
}

/// `[a-z]{2}-(gov-)?[a-z]+-\d`.
fn region_ok(r: &str) -> bool {
    let parts: Vec<&str> = r.split('-').collect();
    let lower = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase());
    let tail_ok = |name: &str, digit: &str| {
        lower(name) && digit.len() == 1 && digit.chars().all(|c| c.is_ascii_digit())
    };
    match parts.as_slice() {
        [cc, name, d] => cc.len() == 2 && lower(cc) && tail_ok(name, d),
        [cc, "gov", name, d] => cc.len() == 2 && lower(cc) && tail_ok(name, d),
        _ => false,
    }
}

fn cognito(claims: &Claims, iss: &str, findings: &mut Vec<Finding>) -> TokenKind {
    let ev_use = claim_ev(claims, "token_use");
    match token_use(claims) {
        Some(TokenUse::Id) => {
            findings.push(info(
                "cognito_id_token",
                Status::Confirmed,
                vec![iss_ev(iss), ev_use, claim_ev(claims, "cognito:username")],
                &["COG-ID"],
            ));
            TokenKind::CognitoId
        }
        Some(TokenUse::Access) => {
            if claims.aud.present().is_some() {
                // §5.4: do not call it forged; note H5 (HTTP API then checks `aud`).
                findings.push(finding(
                    "cognito_access_token_has_aud",
                    Stage::Claims,
                    Severity::Info,
                    Status::Confirmed,
                    vec![member("aud", raw_aud(&claims.aud), None)],
                    &["HTTP-JWT-TS", "COG-AT"],
                ));
            }
            let sc = scopes(claims);
            let custom_only = !sc.is_empty() && sc.iter().all(|s| s.contains('/'));
            if custom_only && other(claims, "username").is_none() {
                findings.push(info(
                    "cognito_client_credentials_token",
                    Status::Confirmed,
                    vec![
                        ev_use,
                        claim_ev(claims, "scope"),
                        claim_ev(claims, "client_id"),
                    ],
                    &["COG-RS", "FASTAPI-COGNITO-30"],
                ));
                return TokenKind::CognitoClientCredentials;
            }
            findings.push(info(
                "cognito_access_token",
                Status::Confirmed,
                vec![iss_ev(iss), ev_use, claim_ev(claims, "client_id")],
                &["COG-AT"],
            ));
            if sc.len() == 1 && sc.iter().all(|s| s == "aws.cognito.signin.user.admin") {
                findings.push(info(
                    "cognito_sdk_sign_in_scope",
                    Status::Confirmed,
                    vec![claim_ev(claims, "scope")],
                    &["COG-AT", "COG-PTG"],
                ));
            }
            TokenKind::CognitoAccess
        }
        None => {
            findings.push(info(
                "cognito_unknown_token_use",
                Status::Confirmed,
                vec![iss_ev(iss), ev_use],
                &["COG-VERIFY", "AJV"],
            ));
            TokenKind::Unknown
        }
    }
}

fn entra(
    header: Option<&Header>,
    claims: &Claims,
    iss: &str,
    iss_v2: bool,
    findings: &mut Vec<Finding>,
) -> TokenKind {
    let header_nonce = header.filter(|h| h.doc.value.get("nonce").is_some());
    let graph_aud = claims
        .aud
        .present()
        .is_some_and(|a| a.values().iter().any(|v| GRAPH.contains(&v.as_str())));
    if header_nonce.is_some() || graph_aud {
        findings.push(finding(
            "entra_microsoft_api_token",
            Stage::Structure,
            Severity::Warning,
            Status::Confirmed,
            vec![iss_ev(iss), member("aud", raw_aud(&claims.aud), None)],
            &["MS-AT"],
        ));
        if let Some(h) = header_nonce {
            findings.push(finding(
                "entra_header_nonce",
                Stage::Signature,
                Severity::Info,
                Status::Reported,
                vec![header_member(h, "nonce")],
                &["MS-609", "MS-NONCE"],
            ));
        }
        return TokenKind::EntraMicrosoftApi;
    }
    let ver = other_str(claims, "ver");
    let v2 = match ver {
        Some("2.0") => true,
        Some("1.0") => false,
        _ => iss_v2,
    };
    let (code, kind) = if v2 {
        ("entra_v2_token", TokenKind::EntraV2)
    } else {
        ("entra_v1_token", TokenKind::EntraV1)
    };
    findings.push(info(
        code,
        Status::Confirmed,
        vec![iss_ev(iss), claim_ev(claims, "ver")],
        &["MS-AT", "MS-CLAIMS"],
    ));
    if other(claims, "roles").is_some() && other(claims, "scp").is_none() {
        findings.push(info(
            "entra_app_only_token",
            Status::Confirmed,
            vec![claim_ev(claims, "roles")],
            &["MS-CLAIMS", "HTTP-JWT"],
        ));
    }
    kind
}

fn firebase_custom(claims: &Claims) -> Option<Finding> {
    let aud = claims.aud.present()?;
    aud.values()
        .iter()
        .any(|v| v == FIREBASE_CUSTOM_AUD)
        .then(|| {
            finding(
                "firebase_custom_token",
                Stage::Structure,
                Severity::Warning,
                Status::Confirmed,
                vec![member("aud", Some(json_str(FIREBASE_CUSTOM_AUD)), None)],
                &["FB"],
            )
        })
}

fn keycloak_typ(claims: &Claims) -> Option<String> {
    match other_str(claims, "typ")? {
        t @ ("Bearer" | "ID" | "Refresh" | "Offline") => Some(t.to_owned()),
        _ => None,
    }
}

fn keycloak(
    claims: &Claims,
    iss: Option<&str>,
    typ: String,
    findings: &mut Vec<Finding>,
) -> TokenKind {
    let mut ev = vec![claim_ev(claims, "typ")];
    if let Some(iss) = iss {
        ev.push(iss_ev(iss));
    }
    findings.push(info(
        "keycloak_token",
        Status::Confirmed,
        ev,
        &["KC-TOKENUTIL"],
    ));
    if typ == "Refresh" || typ == "Offline" {
        findings.push(finding(
            "keycloak_refresh_token",
            Stage::Structure,
            Severity::Warning,
            Status::Confirmed,
            vec![claim_ev(claims, "typ")],
            &["KC-TOKENUTIL"],
        ));
    }
    if claims.aud.is_absent() && other(claims, "azp").is_some() {
        findings.push(finding(
            "keycloak_no_audience",
            Stage::Claims,
            Severity::Warning,
            Status::Reported,
            vec![
                member("aud", raw_aud(&claims.aud), None),
                claim_ev(claims, "azp"),
            ],
            &["KC-AUD"],
        ));
    }
    TokenKind::Keycloak { typ }
}

/// This module's finding codes (see [`crate::diagnose::finding::Code`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdentityCode {}

impl IdentityCode {
    /// The stable `snake_case` name.
    pub fn as_str(&self) -> &'static str {
        match *self {}
    }
}
