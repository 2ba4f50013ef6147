//! Prose for the `diagnose::identity` findings: what kind of token this is.

use crate::diagnose::finding::Finding;
use crate::explain::claims::{actual, expected, value};

/// The sentence for an identity finding.
pub fn message(f: &Finding) -> String {
    match f.code.as_str() {
        "cognito_id_token" => "This is a Cognito ID token (token_use \"id\"; aud is the app client ID). It proves who signed in; REST API methods without OAuth scopes accept only this token.".to_owned(),
        "cognito_access_token" => format!(
            "This is a Cognito access token (token_use \"access\", client_id {}); it normally has no aud, and its scopes are in scope.",
            actual(f, "client_id")
        ),
        "cognito_client_credentials_token" => format!(
            "This is a Cognito client-credentials (machine-to-machine) access token: only custom resource-server scopes ({}).",
            actual(f, "scope")
        ),
        "cognito_sdk_sign_in_scope" => "Its only scope is aws.cognito.signin.user.admin: it was issued by an SDK/API sign-in, not by the OAuth endpoints, so it can never carry custom scopes.".to_owned(),
        "cognito_access_token_has_aud" => format!(
            "This Cognito access token carries aud {}; an HTTP API JWT authorizer then checks aud, not client_id.",
            actual(f, "aud")
        ),
        "cognito_unknown_token_use" => format!(
            "The issuer is a Cognito user pool but token_use is {}; Cognito verifiers accept only \"id\" or \"access\".",
            actual(f, "token_use")
        ),
        "cognito_refresh_token" => "This is likely a Cognito refresh token: an encrypted JWE (5 parts) that only Cognito can read. It is never an API bearer token.".to_owned(),
        "entra_v1_token" => format!(
            "This is a Microsoft Entra v1.0 token (issuer {}, ver {}).",
            actual(f, "iss"),
            actual(f, "ver")
        ),
        "entra_v2_token" => format!(
            "This is a Microsoft Entra v2.0 token (issuer {}, ver {}).",
            actual(f, "iss"),
            actual(f, "ver")
        ),
        "entra_app_only_token" => format!(
            "This is an app-only (client-credentials) Entra token: permissions are in roles ({}), not scp.",
            actual(f, "roles")
        ),
        "entra_microsoft_api_token" => format!(
            "This token is for a Microsoft-owned API (aud {}), not for your API. Third parties cannot verify its signature, by design — a failed signature check here does not mean your library is broken.",
            actual(f, "aud")
        ),
        "entra_header_nonce" => "The header has a nonce: the signature likely covers a transformed nonce, which is why standard verification fails.".to_owned(),
        "auth0_token" => format!(
            "This is an Auth0 token (issuer {}; Auth0 issuers end with a slash).",
            actual(f, "iss")
        ),
        "auth0_encrypted_access_token" => "This is an Auth0 encrypted access token: issued without an audience, it is only valid at /userinfo and no API can verify it.".to_owned(),
        "okta_token" => format!(
            "This is likely an Okta token (issuer {}); its keys are at {{issuer}}/v1/keys, which likely answers cross-origin requests only for Trusted Origins.",
            actual(f, "iss")
        ),
        "keycloak_token" => format!(
            "This is a Keycloak token (payload typ {}).",
            actual(f, "typ")
        ),
        "keycloak_refresh_token" => format!(
            "Payload typ {} marks a Keycloak refresh/offline token, not an access token.",
            actual(f, "typ")
        ),
        "keycloak_no_audience" => format!(
            "No aud: the requesting client is in azp ({}), and Keycloak likely omits aud when no audience mapper is configured.",
            actual(f, "azp")
        ),
        "google_id_token" => format!(
            "This is a Google ID token (issuer {}); aud is the OAuth client ID that requested it.",
            actual(f, "iss")
        ),
        "firebase_id_token" => format!(
            "This is a Firebase ID token (issuer {}).",
            actual(f, "iss")
        ),
        "firebase_aud_not_project" => format!(
            "A Firebase ID token's aud must be its project ID ({}).",
            expected(f, "aud")
        ),
        "firebase_custom_token" => "This is a Firebase custom token (aud is the Identity Toolkit), not an ID token.".to_owned(),
        "alb_oidc_data" => format!(
            "This is an ALB user-claims token (x-amzn-oidc-data), signed by the load balancer {} with ES256. Verify it against the ALB public key{}, not the IdP's JWKS.",
            actual(f, "signer"),
            match value(f, "ALB public key URL") {
                u if u.is_empty() => String::new(),
                u => format!(" at {u}"),
            }
        ),
        "encrypted_token" => format!(
            "This is an encrypted token (JWE, alg {}, enc {}): its claims can't be read without the decryption key.",
            actual(f, "alg"),
            actual(f, "enc")
        ),
        other => format!("Token identity: {other}."),
    }
}

/// How to act on an identity finding, when there is something to do.
pub fn fix(f: &Finding) -> Option<String> {
    Some(match f.code.as_str() {
        "cognito_refresh_token" => "Send the ID or access token instead; use the refresh token only at Cognito's token endpoint.".to_owned(),
        "cognito_sdk_sign_in_scope" => "For custom scopes use the OAuth flow, or scopesToAdd in a pre-token-generation V2 trigger.".to_owned(),
        "entra_microsoft_api_token" => "Request a token for your own API (scope api://{client-id}/…) so that aud is your API.".to_owned(),
        "auth0_encrypted_access_token" => "Pass audience (your API identifier) when requesting the token.".to_owned(),
        "keycloak_refresh_token" => "Send the access token instead.".to_owned(),
        "keycloak_no_audience" => "Add an Audience mapper for the API to the client's scopes.".to_owned(),
        "firebase_custom_token" => "Exchange the custom token for an ID token (signInWithCustomToken) first.".to_owned(),
        "alb_oidc_data" => "Use aws-jwt-verify's AlbJwtVerifier (checks signer, client and iss) or fetch the PEM key.".to_owned(),
        "okta_token" => "Add this page's origin as an Okta Trusted Origin, or paste the JWKS.".to_owned(),
        _ => return None,
    })
}
