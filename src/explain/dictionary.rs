//! One sentence per well-known claim and header member: RFC 7515/7519, OpenID Connect, Cognito,
//! Entra, Auth0, Okta, Keycloak, Google/Firebase.

use crate::diagnose::identity::TokenKind;

/// What a claim (or header member) means, for this kind of token; `None` for unknown names.
/// Cognito `custom:*` attributes are covered by prefix.
pub fn explain_claim(name: &str, kind: &TokenKind) -> Option<&'static str> {
    let cognito = matches!(
        kind,
        TokenKind::CognitoId | TokenKind::CognitoAccess | TokenKind::CognitoClientCredentials
    );
    let entra = matches!(
        kind,
        TokenKind::EntraV1 | TokenKind::EntraV2 | TokenKind::EntraMicrosoftApi
    );
    let keycloak = matches!(kind, TokenKind::Keycloak { .. });
    if name.starts_with("custom:") {
        return Some(
            "A Cognito custom user attribute; Cognito always issues its value as a string.",
        );
    }
    Some(match name {
        // RFC 7519 §4.1 and OpenID Connect Core §2.
        "iss" if cognito => {
            "Issuer: the user pool, as https://cognito-idp.{region}.amazonaws.com/{poolId} (ORIGINAL issuer) or https://issuer-cognito-idp.{region}.amazonaws.com/{poolId} (UPDATED issuer); verifiers compare it exactly."
        }
        "iss" => "Issuer: who created and signed the token; verifiers compare it exactly.",
        "sub" => "Subject: the user (or client) the token is about, unique within the issuer.",
        "aud" if cognito => "Audience: the app client ID the Cognito ID token was issued to.",
        "aud" => "Audience: who the token is meant for; a resource server must find itself here.",
        "exp" => {
            "Expiration time (seconds since 1970): the token must not be accepted at or after it."
        }
        "nbf" => "Not before (seconds since 1970): the token must not be accepted before it.",
        "iat" => "Issued at (seconds since 1970): when the token was created.",
        "jti" => "JWT ID: a unique identifier, used to detect replay or to revoke.",
        "auth_time" => "When the user actually authenticated; stays the same across refreshes.",
        "nonce" => "A value from the authentication request, echoed back to stop replay.",
        "at_hash" => "Hash of the access token issued alongside this ID token.",
        "c_hash" => "Hash of the authorization code issued alongside this ID token.",
        "acr" => "Authentication context class: how strongly the user authenticated.",
        "amr" => "Authentication methods used (e.g. pwd, mfa).",
        "azp" if keycloak => {
            "Authorized party: the Keycloak client that requested the token (not the audience)."
        }
        "azp" if entra => "Entra v2.0: the application ID of the client that requested the token.",
        "azp" => "Authorized party: the client the token was issued to.",
        "email" => "The user's e-mail address.",
        "email_verified" => "Whether the issuer verified the e-mail address.",
        "phone_number" => "The user's phone number.",
        "phone_number_verified" => "Whether the issuer verified the phone number.",
        "name" => "The user's full name.",
        "given_name" => "The user's given (first) name.",
        "family_name" => "The user's family (last) name.",
        "preferred_username" => "The name the user prefers to be shown.",
        "picture" => "URL of the user's profile picture.",
        "locale" => "The user's locale.",
        "sid" => "Session ID at the issuer.",
        "scope" => "Space-separated scopes (permissions) granted to the access token.",
        "scp" => {
            "Scopes granted to the access token (Entra: space-separated delegated permissions)."
        }
        "client_id" => "The OAuth client (Cognito app client) the access token was issued to.",
        "typ" if keycloak => "Keycloak token type: Bearer (access), ID, Refresh or Offline.",
        // Cognito.
        "token_use" => "Cognito: which token this is, \"id\" or \"access\".",
        "username" => "Cognito access token: the user's user-pool username.",
        "cognito:username" => "Cognito ID token: the user's user-pool username.",
        "cognito:groups" => "Cognito: the user-pool groups the user belongs to.",
        "cognito:roles" => "Cognito ID token: IAM roles mapped from the user's groups.",
        "cognito:preferred_role" => {
            "Cognito ID token: the IAM role of the user's highest-priority group."
        }
        "identities" => "Cognito ID token: the external identity providers linked to the user.",
        "origin_jti" => {
            "Cognito: identifier shared by all tokens from one sign-in, used for revocation."
        }
        "event_id" => "Cognito: identifier of the sign-in event.",
        "version" => "Cognito access token: the token format version.",
        "device_key" => "Cognito: the remembered device the user signed in from.",
        // Entra.
        "ver" => "Entra: token version, \"1.0\" or \"2.0\".",
        "tid" => "Entra: the tenant (directory) that issued the token.",
        "oid" => "Entra: the user's or service principal's object ID, stable across apps.",
        "appid" => "Entra v1.0: the application ID of the client that requested the token.",
        "appidacr" | "azpacr" => {
            "Entra: how the client authenticated (0 public, 1 secret, 2 certificate)."
        }
        "roles" => "Entra: app roles granted (for app-only tokens, the application permissions).",
        "upn" => "Entra: the user principal name.",
        "unique_name" => "Entra v1.0: a human-readable name for the user.",
        "idp" => "Entra: the identity provider that authenticated the user.",
        "uti" | "rh" | "aio" => "Entra: an internal value; don't rely on it.",
        "wids" => "Entra: directory roles the user holds.",
        "xms_cc" => "Entra: client capabilities the client declared.",
        // Auth0, Okta, Google, Firebase.
        "permissions" => "Auth0: API permissions granted (when RBAC adds them to the token).",
        "gty" => "Auth0: the grant type that produced the token (e.g. client-credentials).",
        "org_id" => "Auth0: the organization the user signed in to.",
        "uid" => "Okta: the user's Okta ID.",
        "cid" => "Okta: the client ID the token was issued to.",
        "hd" => "Google: the user's hosted (Workspace) domain.",
        "firebase" => "Firebase: sign-in provider and linked identities.",
        "user_id" => "Firebase: the user's UID (same as sub).",
        "realm_access" => "Keycloak: realm roles of the user.",
        "resource_access" => "Keycloak: client roles of the user, per client.",
        "session_state" => "Keycloak: the user's session at the server.",
        // JOSE header, RFC 7515 §4.1 and RFC 7516 §4.1.
        "alg" => "Header: the algorithm used to sign (or encrypt) the token.",
        "kid" => "Header: which key signed the token, looked up in the issuer's JWKS.",
        "jku" => "Header: a URL of a key set; never trust it to choose the verification key.",
        "jwk" => "Header: an embedded public key; never trust it to verify the token.",
        "x5u" => "Header: a URL of an X.509 certificate chain.",
        "x5c" => "Header: an embedded X.509 certificate chain.",
        "x5t" | "x5t#S256" => "Header: thumbprint of the signing certificate.",
        "cty" => "Header: content type; \"JWT\" means a nested token.",
        "crit" => "Header: extensions the verifier must understand or reject the token.",
        "enc" => "JWE header: the content-encryption algorithm.",
        "zip" => "JWE header: compression applied before encryption.",
        "b64" => "Header (RFC 7797): whether the payload is base64url-encoded.",
        "signer" => "ALB header: the ARN of the load balancer that signed the token.",
        "client" => "ALB header: the IdP client ID the load balancer used.",
        "typ" => "Type of the token (header: e.g. JWT or at+jwt).",
        _ => return None,
    })
}
