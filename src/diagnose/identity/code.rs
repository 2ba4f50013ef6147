//! The identity stage's finding codes, each carrying its evidence.

use crate::issuer::{CognitoIssuer, CognitoProblem};

/// This module's finding codes (see [`crate::diagnose::finding::Code`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdentityCode {
    /// Cognito ID token (COG-ID), from either issuer form.
    CognitoIdToken {
        /// The pool and issuer form.
        issuer: CognitoIssuer,
    },
    /// Cognito access token from a user sign-in (COG-AT).
    CognitoAccessToken {
        /// The pool and issuer form.
        issuer: CognitoIssuer,
        /// The `client_id`, when a string.
        client_id: Option<String>,
    },
    /// Cognito client-credentials (M2M) access token: custom scopes only, no `username`.
    CognitoClientCredentialsToken {
        /// The pool and issuer form.
        issuer: CognitoIssuer,
        /// Its scopes.
        scopes: Vec<String>,
    },
    /// The only scope is `aws.cognito.signin.user.admin` (SDK/API sign-in, R4).
    CognitoSdkSignInScope,
    /// A Cognito access token with an `aud` (a pre-token trigger added it; H5).
    CognitoAccessTokenHasAud {
        /// Raw JSON of `aud`.
        aud: String,
    },
    /// A Cognito issuer but `token_use` is neither `id` nor `access`.
    CognitoUnknownTokenUse {
        /// The pool and issuer form.
        issuer: CognitoIssuer,
        /// Raw JSON of `token_use`, `None` when absent.
        token_use: Option<String>,
    },
    /// A Cognito-looking issuer that no Cognito pool issues (region mismatch, bad pool ID, or
    /// written differently: case, port, `http`, trailing slash).
    CognitoIssuerNotExact {
        /// What is wrong with it.
        problem: CognitoProblem,
    },
    /// Cognito refresh token (JWE; header values REPORTED).
    CognitoRefreshToken,
    /// Entra v1.0 token.
    EntraV1Token {
        /// The tenant.
        tenant: String,
    },
    /// Entra v2.0 token.
    EntraV2Token {
        /// The tenant.
        tenant: String,
    },
    /// Entra app-only token: `roles`, no `scp`.
    EntraAppOnlyToken {
        /// Raw JSON of `roles`.
        roles: String,
    },
    /// A token for a Microsoft-owned API (Graph…): not for your API, and third parties cannot
    /// verify its signature by design (G1, MS-AT). A root cause: it explains every later failure.
    EntraMicrosoftApiToken {
        /// Raw JSON of `aud`, `None` when absent.
        aud: Option<String>,
        /// True when the header has a `nonce`.
        header_nonce: bool,
    },
    /// The header `nonce` (REPORTED mechanism).
    EntraHeaderNonce,
    /// Auth0 token.
    Auth0Token {
        /// The issuer.
        iss: String,
    },
    /// Auth0 encrypted access token (no `audience` requested).
    Auth0EncryptedAccessToken,
    /// Okta token (REPORTED CORS behaviour).
    OktaToken {
        /// The issuer.
        iss: String,
    },
    /// Keycloak token.
    KeycloakToken {
        /// Payload `typ` (empty when absent).
        typ: String,
        /// The realm, when the issuer names one.
        realm: Option<String>,
    },
    /// Keycloak refresh or offline token.
    KeycloakRefreshToken {
        /// Payload `typ`.
        typ: String,
    },
    /// Keycloak token without `aud` (REPORTED: no audience mapper).
    KeycloakNoAudience {
        /// Raw JSON of `azp`.
        azp: String,
    },
    /// Google ID token.
    GoogleIdToken {
        /// The issuer spelling.
        iss: String,
    },
    /// Firebase ID token.
    FirebaseIdToken {
        /// The project.
        project: String,
    },
    /// A Firebase ID token whose `aud` is not its project.
    FirebaseAudNotProject {
        /// The project.
        project: String,
    },
    /// Firebase custom token (not an ID token).
    FirebaseCustomToken,
    /// ALB user-claims token.
    AlbOidcData {
        /// Header `signer` (the load balancer ARN).
        signer: String,
        /// The ALB public key URL, when region and `kid` are known.
        key_url: Option<String>,
    },
    /// Some other JWE.
    EncryptedToken {
        /// Header `alg`.
        alg: String,
        /// Header `enc`.
        enc: String,
    },
}

impl IdentityCode {
    /// The stable `snake_case` name.
    pub fn as_str(&self) -> &'static str {
        match self {
            IdentityCode::CognitoIdToken { .. } => "cognito_id_token",
            IdentityCode::CognitoAccessToken { .. } => "cognito_access_token",
            IdentityCode::CognitoClientCredentialsToken { .. } => {
                "cognito_client_credentials_token"
            }
            IdentityCode::CognitoSdkSignInScope => "cognito_sdk_sign_in_scope",
            IdentityCode::CognitoAccessTokenHasAud { .. } => "cognito_access_token_has_aud",
            IdentityCode::CognitoUnknownTokenUse { .. } => "cognito_unknown_token_use",
            IdentityCode::CognitoIssuerNotExact { .. } => "cognito_issuer_not_exact",
            IdentityCode::CognitoRefreshToken => "cognito_refresh_token",
            IdentityCode::EntraV1Token { .. } => "entra_v1_token",
            IdentityCode::EntraV2Token { .. } => "entra_v2_token",
            IdentityCode::EntraAppOnlyToken { .. } => "entra_app_only_token",
            IdentityCode::EntraMicrosoftApiToken { .. } => "entra_microsoft_api_token",
            IdentityCode::EntraHeaderNonce => "entra_header_nonce",
            IdentityCode::Auth0Token { .. } => "auth0_token",
            IdentityCode::Auth0EncryptedAccessToken => "auth0_encrypted_access_token",
            IdentityCode::OktaToken { .. } => "okta_token",
            IdentityCode::KeycloakToken { .. } => "keycloak_token",
            IdentityCode::KeycloakRefreshToken { .. } => "keycloak_refresh_token",
            IdentityCode::KeycloakNoAudience { .. } => "keycloak_no_audience",
            IdentityCode::GoogleIdToken { .. } => "google_id_token",
            IdentityCode::FirebaseIdToken { .. } => "firebase_id_token",
            IdentityCode::FirebaseAudNotProject { .. } => "firebase_aud_not_project",
            IdentityCode::FirebaseCustomToken => "firebase_custom_token",
            IdentityCode::AlbOidcData { .. } => "alb_oidc_data",
            IdentityCode::EncryptedToken { .. } => "encrypted_token",
        }
    }

    /// True when this finding is the root cause of every later failure, so a gateway row should
    /// lead with it rather than with a symptom (issue 8 §3): a token for a Microsoft API (not for
    /// your API, unverifiable by design), a refresh token, an Auth0 token for `/userinfo` only,
    /// a Firebase custom token.
    pub fn is_root_cause(&self) -> bool {
        matches!(
            self,
            IdentityCode::EntraMicrosoftApiToken { .. }
                | IdentityCode::CognitoRefreshToken
                | IdentityCode::Auth0EncryptedAccessToken
                | IdentityCode::FirebaseCustomToken
                | IdentityCode::KeycloakRefreshToken { .. }
        )
    }
}
