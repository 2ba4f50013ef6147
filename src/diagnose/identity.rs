//! Token identity: which issuer and which kind of token this is, from the token alone
//! (knowledge file §0 fingerprints, §5 Cognito anatomy, §7 other IdPs).
//!
//! Owns fingerprinting. Must not verify, fetch, or produce prose (`explain::identity`). Issuer
//! anatomy (Cognito ORIGINAL/UPDATED forms, pool IDs, Entra tenants) comes from
//! [`crate::issuer`]; claim accessors from [`crate::diagnose::claims::access`].

mod code;

pub use crate::issuer::IssuerKind;
pub use code::IdentityCode;

use crate::diagnose::claims::access::{
    claim_ev, header_ev, header_str, json_str, member, other, other_str, raw, raw_aud, typed,
};
use crate::diagnose::claims::{scopes, token_use, TokenUse};
use crate::diagnose::finding::{Code, Evidence, Finding, Severity, Stage, Status};
use crate::issuer::{self, CognitoIssuer, EntraVersion};
use crate::jose::{Claims, Header};

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
        return unknown(issuer_kind, findings);
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

/// Keycloak (by payload `typ` or a `/realms/` issuer), else unknown.
fn other_kind(
    claims: &Claims,
    iss: &str,
    issuer_kind: &Option<IssuerKind>,
    findings: &mut Vec<Finding>,
) -> TokenKind {
    let realm = match issuer_kind {
        Some(IssuerKind::Keycloak { realm }) => Some(realm.clone()),
        _ => None,
    };
    let iss = (!iss.is_empty()).then_some(iss);
    match keycloak_typ(claims) {
        Some(typ) => keycloak(claims, iss, typ, realm, findings),
        None if realm.is_some() => keycloak(claims, iss, String::new(), realm, findings),
        None => TokenKind::Unknown,
    }
}

fn firebase(claims: &Claims, iss: &str, project: &str, findings: &mut Vec<Finding>) -> TokenKind {
    let mut ev = vec![iss_ev(iss), claim_ev(claims, "firebase")];
    let aud_ok = claims
        .aud
        .present()
        .is_some_and(|a| a.values().iter().any(|v| v == project));
    if !aud_ok {
        ev.push(member("aud", raw_aud(&claims.aud), Some(json_str(project))));
    }
    findings.push(info(
        IdentityCode::FirebaseIdToken {
            project: project.to_owned(),
        },
        Status::Confirmed,
        ev,
        &["FB"],
    ));
    if !aud_ok {
        findings.push(id_finding(
            IdentityCode::FirebaseAudNotProject {
                project: project.to_owned(),
            },
            Stage::Claims,
            Severity::Warning,
            Status::Confirmed,
            vec![member("aud", raw_aud(&claims.aud), Some(json_str(project)))],
            &["FB"],
        ));
    }
    TokenKind::FirebaseId
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

fn cognito(claims: &Claims, ci: &CognitoIssuer, iss: &str, out: &mut Vec<Finding>) -> TokenKind {
    let ev_use = claim_ev(claims, "token_use");
    match token_use(claims) {
        Some(TokenUse::Id) => {
            out.push(info(
                IdentityCode::CognitoIdToken { issuer: ci.clone() },
                Status::Confirmed,
                vec![iss_ev(iss), ev_use, claim_ev(claims, "cognito:username")],
                &["COG-ID"],
            ));
            TokenKind::CognitoId
        }
        Some(TokenUse::Access) => cognito_access(claims, ci, iss, ev_use, out),
        None => {
            out.push(info(
                IdentityCode::CognitoUnknownTokenUse {
                    issuer: ci.clone(),
                    token_use: raw(claims, "token_use"),
                },
                Status::Confirmed,
                vec![iss_ev(iss), ev_use],
                &["COG-VERIFY", "AJV"],
            ));
            TokenKind::Unknown
        }
    }
}

fn cognito_access(
    claims: &Claims,
    ci: &CognitoIssuer,
    iss: &str,
    ev_use: Evidence,
    out: &mut Vec<Finding>,
) -> TokenKind {
    if let Some(aud) = raw_aud(&claims.aud) {
        // §5.4: do not call it forged; note H5 (HTTP API then checks `aud`).
        out.push(id_finding(
            IdentityCode::CognitoAccessTokenHasAud { aud: aud.clone() },
            Stage::Claims,
            Severity::Info,
            Status::Confirmed,
            vec![member("aud", Some(aud), None)],
            &["HTTP-JWT-TS", "COG-AT"],
        ));
    }
    let sc = scopes(claims);
    let custom_only = !sc.is_empty() && sc.iter().all(|s| s.contains('/'));
    if custom_only && other(claims, "username").is_none() {
        out.push(info(
            IdentityCode::CognitoClientCredentialsToken {
                issuer: ci.clone(),
                scopes: sc,
            },
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
    out.push(info(
        IdentityCode::CognitoAccessToken {
            issuer: ci.clone(),
            client_id: other_str(claims, "client_id").map(str::to_owned),
        },
        Status::Confirmed,
        vec![iss_ev(iss), ev_use, claim_ev(claims, "client_id")],
        &["COG-AT"],
    ));
    if matches!(sc.as_slice(), [only] if only == "aws.cognito.signin.user.admin") {
        out.push(info(
            IdentityCode::CognitoSdkSignInScope,
            Status::Confirmed,
            vec![claim_ev(claims, "scope")],
            &["COG-AT", "COG-PTG"],
        ));
    }
    TokenKind::CognitoAccess
}

fn entra(
    header: Option<&Header>,
    claims: &Claims,
    iss: &str,
    tenant: &str,
    iss_version: EntraVersion,
    findings: &mut Vec<Finding>,
) -> TokenKind {
    let header_nonce = header.filter(|h| h.doc.value.get("nonce").is_some());
    let graph_aud = claims
        .aud
        .present()
        .is_some_and(|a| a.values().iter().any(|v| GRAPH.contains(&v.as_str())));
    if header_nonce.is_some() || graph_aud {
        findings.push(id_finding(
            IdentityCode::EntraMicrosoftApiToken {
                aud: raw_aud(&claims.aud),
                header_nonce: header_nonce.is_some(),
            },
            Stage::Structure,
            Severity::Warning,
            Status::Confirmed,
            vec![iss_ev(iss), member("aud", raw_aud(&claims.aud), None)],
            &["MS-AT"],
        ));
        if let Some(h) = header_nonce {
            findings.push(id_finding(
                IdentityCode::EntraHeaderNonce,
                Stage::Signature,
                Severity::Info,
                Status::Reported,
                vec![header_ev(h, "nonce", None)],
                &["MS-609", "MS-NONCE"],
            ));
        }
        return TokenKind::EntraMicrosoftApi;
    }
    let version = match other_str(claims, "ver") {
        Some("2.0") => EntraVersion::V2,
        Some("1.0") => EntraVersion::V1,
        _ => iss_version,
    };
    let tenant = tenant.to_owned();
    let (code, kind) = match version {
        EntraVersion::V2 => (IdentityCode::EntraV2Token { tenant }, TokenKind::EntraV2),
        EntraVersion::V1 => (IdentityCode::EntraV1Token { tenant }, TokenKind::EntraV1),
    };
    findings.push(info(
        code,
        Status::Confirmed,
        vec![iss_ev(iss), claim_ev(claims, "ver")],
        &["MS-AT", "MS-CLAIMS"],
    ));
    if let Some(roles) = other(claims, "roles").filter(|_| other(claims, "scp").is_none()) {
        findings.push(info(
            IdentityCode::EntraAppOnlyToken {
                roles: roles.compact(),
            },
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
            id_finding(
                IdentityCode::FirebaseCustomToken,
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
    realm: Option<String>,
    findings: &mut Vec<Finding>,
) -> TokenKind {
    let mut ev = vec![claim_ev(claims, "typ")];
    if let Some(iss) = iss {
        ev.push(iss_ev(iss));
    }
    findings.push(info(
        IdentityCode::KeycloakToken {
            typ: typ.clone(),
            realm,
        },
        Status::Confirmed,
        ev,
        &["KC-TOKENUTIL"],
    ));
    if typ == "Refresh" || typ == "Offline" {
        findings.push(id_finding(
            IdentityCode::KeycloakRefreshToken { typ: typ.clone() },
            Stage::Structure,
            Severity::Warning,
            Status::Confirmed,
            vec![claim_ev(claims, "typ")],
            &["KC-TOKENUTIL"],
        ));
    }
    if let Some(azp) = raw(claims, "azp").filter(|_| claims.aud.is_absent()) {
        findings.push(id_finding(
            IdentityCode::KeycloakNoAudience { azp: azp.clone() },
            Stage::Claims,
            Severity::Warning,
            Status::Reported,
            vec![member("aud", None, None), member("azp", Some(azp), None)],
            &["KC-AUD"],
        ));
    }
    TokenKind::Keycloak { typ }
}
