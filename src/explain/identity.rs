//! Prose for the `diagnose::identity` findings: what kind of token this is. One exhaustive
//! `match` on [`IdentityCode`].

use crate::diagnose::finding::{Code, Finding};
use crate::diagnose::identity::IdentityCode;
use crate::explain::claims::{list, q};
use crate::issuer::{CognitoForm, CognitoIssuer, CognitoProblem};

fn pool_of(i: &CognitoIssuer) -> String {
    let form = match i.form {
        CognitoForm::Original => "ORIGINAL issuer",
        CognitoForm::Updated => "UPDATED issuer (issuer-cognito-idp…)",
    };
    format!("user pool {} in {}, {form}", q(&i.pool.id), i.pool.region)
}

/// Why a Cognito-looking issuer is no pool's issuer (also read by the gateway rows).
pub(crate) fn problem(p: &CognitoProblem) -> String {
    match p {
        CognitoProblem::BadPoolId { pool_id, .. } => format!(
            "{} is not a user-pool ID ({{region}}_{{id}}, e.g. eu-west-1_AbC123)",
            q(pool_id)
        ),
        CognitoProblem::RegionMismatch {
            host_region, pool, ..
        } => format!(
            "the host names region {host_region} but pool {} is in region {}; Cognito's issuer always names the pool's own region",
            q(&pool.id),
            pool.region
        ),
        CognitoProblem::NotCanonical { issuer } => format!(
            "it is written differently from how Cognito writes it ({}): case, http, a port or a trailing slash differ, and verifiers compare issuers exactly",
            q(&issuer.issuer())
        ),
    }
}

/// `": why"` when `iss` looks like a Cognito issuer but no pool issues it (C1), else empty.
pub(crate) fn cognito_problem(iss: &str) -> String {
    match crate::issuer::classify(iss) {
        crate::issuer::IssuerKind::CognitoLike(p) => format!(": {}", problem(&p)),
        _ => String::new(),
    }
}

/// The sentence for an identity finding (empty for another module's finding).
pub fn message(f: &Finding) -> String {
    match &f.code {
        Code::Identity(c) => text(c),
        _ => String::new(),
    }
}

/// How to act on an identity finding, when there is something to do.
pub fn fix(f: &Finding) -> Option<String> {
    match &f.code {
        Code::Identity(c) => fix_for(c),
        _ => None,
    }
}

/// The sentence for an identity code.
pub fn text(c: &IdentityCode) -> String {
    match c {
        IdentityCode::CognitoIdToken { issuer } => format!(
            "By its claims this is a Cognito ID token from {} (token_use \"id\"; aud is the app client ID). REST API methods without OAuth scopes accept only this token.",
            pool_of(issuer)
        ),
        IdentityCode::CognitoAccessToken { issuer, client_id } => format!(
            "By its claims this is a Cognito access token from {} (token_use \"access\", client_id {}); it normally has no aud, and its scopes are in scope.",
            pool_of(issuer),
            client_id.as_deref().map(q).unwrap_or_else(|| "absent".to_owned())
        ),
        IdentityCode::CognitoClientCredentialsToken { issuer, scopes } => format!(
            "By its claims this is a Cognito client-credentials (machine-to-machine) access token from {}: only custom resource-server scopes ({}).",
            pool_of(issuer),
            list(scopes, "and")
        ),
        IdentityCode::CognitoSdkSignInScope => "Its only scope is aws.cognito.signin.user.admin: it was issued by an SDK/API sign-in, not by the OAuth endpoints, so it carries no custom scope unless a V2/V3 pre-token-generation trigger adds one.".to_owned(),
        IdentityCode::CognitoAccessTokenHasAud { aud } => format!(
            "This Cognito access token carries aud {aud}; an HTTP API JWT authorizer then checks aud, not client_id."
        ),
        IdentityCode::CognitoUnknownTokenUse { issuer, token_use } => format!(
            "The issuer is {} but token_use is {}; Cognito verifiers accept only \"id\" or \"access\".",
            pool_of(issuer),
            token_use.as_deref().unwrap_or("absent")
        ),
        IdentityCode::CognitoIssuerNotExact { problem: p } => format!(
            "iss looks like a Cognito user-pool issuer, but no pool issues it: {}.",
            problem(p)
        ),
        IdentityCode::CognitoRefreshToken => "This is likely a Cognito refresh token: an encrypted JWE (5 parts) that only Cognito can read. It is never an API bearer token.".to_owned(),
        IdentityCode::EntraV1Token { tenant } => format!(
            "This is a Microsoft Entra v1.0 token (tenant {}).",
            q(tenant)
        ),
        IdentityCode::EntraV2Token { tenant } => format!(
            "This is a Microsoft Entra v2.0 token (tenant {}).",
            q(tenant)
        ),
        IdentityCode::EntraAppOnlyToken { roles } => format!(
            "This is an app-only (client-credentials) Entra token: permissions are in roles ({roles}), not scp."
        ),
        IdentityCode::EntraMicrosoftApiToken { aud, header_nonce } => format!(
            "This token is not for your API: it was issued for a Microsoft-owned API (aud {}{}), and third parties cannot verify its signature, by design. Every signature or audience failure below follows from that; it does not mean your keys or library are broken.",
            aud.as_deref().unwrap_or("absent"),
            if *header_nonce { ", and its header carries a nonce" } else { "" }
        ),
        IdentityCode::EntraHeaderNonce => "The header has a nonce: the signature likely covers a transformed nonce, which is why standard verification fails.".to_owned(),
        IdentityCode::Auth0Token { iss } => format!(
            "This is an Auth0 token (issuer {}; Auth0 issuers end with a slash).",
            q(iss)
        ),
        IdentityCode::Auth0EncryptedAccessToken => "This is an Auth0 encrypted access token: issued without an audience, it is only valid at /userinfo and no API can verify it.".to_owned(),
        IdentityCode::OktaToken { iss } => format!(
            "This is likely an Okta token (issuer {}); its keys are at {{issuer}}/v1/keys, which likely answers cross-origin requests only for Trusted Origins.",
            q(iss)
        ),
        IdentityCode::KeycloakToken { typ, realm } => format!(
            "This is a Keycloak token (payload typ {}{}).",
            if typ.is_empty() { "absent".to_owned() } else { q(typ) },
            realm.as_deref().map(|r| format!(", realm {}", q(r))).unwrap_or_default()
        ),
        IdentityCode::KeycloakRefreshToken { typ } => format!(
            "Payload typ {} marks a Keycloak refresh/offline token, not an access token.",
            q(typ)
        ),
        IdentityCode::KeycloakNoAudience { azp } => format!(
            "No aud: the requesting client is in azp ({azp}), and Keycloak likely omits aud when no audience mapper is configured."
        ),
        IdentityCode::GoogleIdToken { iss } => format!(
            "This is a Google ID token (issuer {}); aud is the OAuth client ID that requested it.",
            q(iss)
        ),
        IdentityCode::FirebaseIdToken { project } => format!(
            "This is a Firebase ID token (project {}).",
            q(project)
        ),
        IdentityCode::FirebaseAudNotProject { project } => format!(
            "A Firebase ID token's aud must be its project ID ({}).",
            q(project)
        ),
        IdentityCode::FirebaseCustomToken => "This is a Firebase custom token (aud is the Identity Toolkit), not an ID token.".to_owned(),
        IdentityCode::AlbOidcData { signer, key_url } => format!(
            "This is an ALB user-claims token (x-amzn-oidc-data), signed by the load balancer {} with ES256. Verify it against the ALB public key{}, not the IdP's JWKS.",
            q(signer),
            key_url.as_deref().map(|u| format!(" at {u}")).unwrap_or_default()
        ),
        IdentityCode::EncryptedToken { alg, enc } => format!(
            "This is an encrypted token (JWE, alg {}, enc {}): its claims can't be read without the decryption key.",
            q(alg),
            q(enc)
        ),
    }
}

/// How to act on an identity code, when there is something to do.
pub fn fix_for(c: &IdentityCode) -> Option<String> {
    Some(match c {
        IdentityCode::CognitoRefreshToken => "Send the ID or access token instead; use the refresh token only at Cognito's token endpoint.".to_owned(),
        IdentityCode::CognitoSdkSignInScope => "For custom scopes use the OAuth flow, or scopesToAdd in a pre-token-generation V2 trigger.".to_owned(),
        IdentityCode::CognitoIssuerNotExact { .. } => "Check where this token came from: a token a Cognito pool issued carries its issuer exactly.".to_owned(),
        IdentityCode::EntraMicrosoftApiToken { .. } => "Request a token for your own API (scope api://{client-id}/…) so that aud is your API.".to_owned(),
        IdentityCode::Auth0EncryptedAccessToken => "Pass audience (your API identifier) when requesting the token.".to_owned(),
        IdentityCode::KeycloakRefreshToken { .. } => "Send the access token instead.".to_owned(),
        IdentityCode::KeycloakNoAudience { .. } => "Add an Audience mapper for the API to the client's scopes.".to_owned(),
        IdentityCode::FirebaseCustomToken => "Exchange the custom token for an ID token (signInWithCustomToken) first.".to_owned(),
        IdentityCode::AlbOidcData { .. } => "Use aws-jwt-verify's AlbJwtVerifier (checks signer, client and iss) or fetch the PEM key.".to_owned(),
        IdentityCode::OktaToken { .. } => "Add this page's origin as an Okta Trusted Origin, or paste the JWKS.".to_owned(),
        IdentityCode::CognitoIdToken { .. }
        | IdentityCode::CognitoAccessToken { .. }
        | IdentityCode::CognitoClientCredentialsToken { .. }
        | IdentityCode::CognitoAccessTokenHasAud { .. }
        | IdentityCode::CognitoUnknownTokenUse { .. }
        | IdentityCode::EntraV1Token { .. }
        | IdentityCode::EntraV2Token { .. }
        | IdentityCode::EntraAppOnlyToken { .. }
        | IdentityCode::EntraHeaderNonce
        | IdentityCode::Auth0Token { .. }
        | IdentityCode::KeycloakToken { .. }
        | IdentityCode::GoogleIdToken { .. }
        | IdentityCode::FirebaseIdToken { .. }
        | IdentityCode::FirebaseAudNotProject { .. }
        | IdentityCode::EncryptedToken { .. } => return None,
    })
}
