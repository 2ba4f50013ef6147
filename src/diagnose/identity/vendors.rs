//! Fingerprints per identity provider: Cognito (either issuer form), Entra, Firebase, Keycloak.

use super::{id_finding, info, iss_ev, IdentityCode, IssuerKind, TokenKind};
use crate::diagnose::claims::access::{
    claim_ev, header_ev, json_str, member, other, other_str, raw, raw_aud,
};
use crate::diagnose::claims::{scopes, token_use, TokenUse};
use crate::diagnose::finding::{Evidence, Finding, Severity, Stage, Status};
use crate::issuer::{CognitoIssuer, EntraVersion};
use crate::jose::{Claims, Header};

/// Microsoft Graph's application ID and resource URI (MS-AT).
const GRAPH: [&str; 3] = [
    "00000003-0000-0000-c000-000000000000",
    "https://graph.microsoft.com",
    "https://graph.microsoft.com/",
];

/// The Firebase custom-token audience (FB).
const FIREBASE_CUSTOM_AUD: &str =
    "https://identitytoolkit.googleapis.com/google.identity.identitytoolkit.v1.IdentityToolkit";

/// Keycloak (by payload `typ` or a `/realms/` issuer), else unknown.
pub(super) fn other_kind(
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

pub(super) fn firebase(
    claims: &Claims,
    iss: &str,
    project: &str,
    findings: &mut Vec<Finding>,
) -> TokenKind {
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

pub(super) fn cognito(
    claims: &Claims,
    ci: &CognitoIssuer,
    iss: &str,
    out: &mut Vec<Finding>,
) -> TokenKind {
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

pub(super) fn entra(
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

pub(super) fn firebase_custom(claims: &Claims) -> Option<Finding> {
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
    let kind = TokenKind::Keycloak { typ: typ.clone() };
    if kind.is_keycloak_refresh() {
        findings.push(id_finding(
            IdentityCode::KeycloakRefreshToken { typ },
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
    kind
}
