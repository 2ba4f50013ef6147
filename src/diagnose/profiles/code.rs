//! The gateway profiles' finding codes ([`GatewayCode`]), each variant carrying the user's own
//! values, and the table that turns a code into its effect on the verdict ([`effect`]).
//!
//! Owns the vocabulary of `rest_cognito`, `rest_jwt`, `http_jwt`, `oidc` and `choose`. Must not
//! produce prose (`explain::profiles` words every variant).

use super::{reject, Effect, Need, EXPIRED, FORBIDDEN, UNAUTHORIZED};
use crate::diagnose::config::IssuerForm;

/// Which authorizer a shared rule was judged for; it decides the status of the answer and the
/// prefix of the code's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gw {
    /// REST API, Cognito user pool authorizer (deployed method and console test).
    Rest,
    /// REST API, native JWT authorizer.
    RestJwt,
    /// HTTP API, JWT authorizer.
    Http,
    /// Any OpenID Connect resource server.
    Oidc,
}

/// H6 / G12: API Gateway's clock leeway is undocumented, so a time claim that fails by at most
/// this many seconds (beyond the page's leeway) is a likely rejection there, not a certain one.
/// Five minutes: the widest default among the verifiers in the knowledge file (Google's).
pub const LEEWAY_OPEN_S: i64 = 300;

impl GatewayCode {
    /// A time failure on an API Gateway authorizer close enough to its limit that an
    /// undocumented leeway could still let the token pass ([`LEEWAY_OPEN_S`]).
    pub fn within_undocumented_leeway(&self) -> bool {
        let by = match *self {
            GatewayCode::Expired {
                gw,
                exp,
                now,
                leeway,
            } if gw != Gw::Oidc => now.saturating_sub(leeway).saturating_sub(exp),
            GatewayCode::NotYetValid {
                gw,
                nbf,
                now,
                leeway,
            } if gw != Gw::Oidc => nbf.saturating_sub(now).saturating_sub(leeway),
            GatewayCode::IssuedInFuture { iat, now } => iat.saturating_sub(now),
            _ => return false,
        };
        by <= LEEWAY_OPEN_S
    }
}

/// Why a token is never the one to send to an API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NeverSent {
    /// A Cognito refresh token (a JWE only Cognito reads; COG-TOK).
    CognitoRefresh,
    /// A Keycloak refresh or offline token (payload `typ`, §0; KC-TOKENUTIL).
    KeycloakRefresh,
    /// A Firebase custom token (G9): exchanged for an ID token first.
    FirebaseCustom,
    /// A token under a response's `refresh_token` (RFC 6749 §1.5): for the token endpoint only.
    NamedRefresh,
    /// Another encrypted token (JWE): no gateway here reads one (an Auth0 access token issued
    /// without an audience, G6).
    Encrypted,
}

/// Why a token is not a readable signed JWT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotJwt {
    /// A JWE (a Cognito refresh token, for one).
    Encrypted,
    /// An Auth0 access token issued without an `audience`: encrypted, for `/userinfo` only (G6).
    Auth0Encrypted,
    /// A JWE with the header Cognito's refresh tokens have (§0: REPORTED): for getting new
    /// tokens only (COG-TOK).
    CognitoRefresh,
    /// Not a JWT at all.
    Opaque,
    /// A JWS whose header or payload is not JSON.
    Undecodable,
    /// A JWS whose structure is broken.
    Malformed,
}

/// Why a gateway row cannot tell whether the signature is accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unchecked {
    /// No usable keys.
    NoKeys,
    /// The keys given lack the token's `kid` (they may not be the issuer's).
    KidNotGiven(String),
    /// The issuer's keys, fetched before the token was issued, lack its `kid` (it may be newer).
    KidNewerThanFetch(String),
    /// The token here has no signature (redacted, shared without it, or cut off).
    NoSignature,
}

/// What differs between the token's user pool and the closest configured one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolDiff {
    /// Same pool id suffix, other region.
    Region,
    /// Same region, other pool.
    PoolId,
    /// Region and pool.
    Both,
}

/// How a token's issuer differs from the configured one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssuerDiff {
    /// Only a trailing `/` (H4: no normalisation).
    TrailingSlash,
    /// The same Cognito pool in the other issuer form (R16); `token` is the token's form.
    CognitoForm {
        /// The form in the token.
        token: IssuerForm,
    },
    /// Entra ID: the configured issuer is a multi-tenant template (`{tenantid}`, `common`,
    /// `organizations`, `consumers`), which an exact match never equals (G4).
    EntraTemplate,
    /// Entra ID, same version, another tenant: an exact-match authorizer takes one issuer per
    /// tenant (G4).
    EntraTenant,
    /// Entra ID, same tenant: the token's version (`token`) is not the configured issuer's (G2).
    EntraVersions {
        /// The token's version.
        token: crate::issuer::EntraVersion,
    },
    /// Google: `accounts.google.com` against `https://accounts.google.com`, or the reverse; Google
    /// issues both (G8).
    GoogleSpelling,
    /// Only `http://` against `https://` (H4: compared exactly).
    Scheme,
    /// The configured issuer is a Cognito user pool's managed-login (hosted UI) domain,
    /// `*.auth.{region}.amazoncognito.com`, which is no issuer: no token carries it (§5.2).
    CognitoDomain,
    /// Anything else.
    Other,
}

impl IssuerDiff {
    /// How `found` differs from `expected`.
    pub fn between(found: &str, expected: &str) -> IssuerDiff {
        use crate::diagnose::config::cognito_issuer;
        if found.trim_end_matches('/') == expected.trim_end_matches('/') {
            return IssuerDiff::TrailingSlash;
        }
        use crate::issuer::entra;
        match (entra(found), entra(expected)) {
            (Some(_), Some((t, _)))
                if ["{tenantid}", "common", "organizations", "consumers"].contains(&t) =>
            {
                return IssuerDiff::EntraTemplate;
            }
            (Some((tf, vf)), Some((te, ve))) if tf == te && vf != ve => {
                return IssuerDiff::EntraVersions { token: vf };
            }
            (Some((tf, vf)), Some((te, ve))) if tf != te && vf == ve => {
                return IssuerDiff::EntraTenant;
            }
            _ => {}
        }
        if crate::issuer::url_host(expected).is_some_and(|h| {
            h.ends_with(".amazoncognito.com") && h.split('.').any(|label| label == "auth")
        }) {
            return IssuerDiff::CognitoDomain;
        }
        let google = |s: &str| s.trim_start_matches("https://") == "accounts.google.com";
        if google(found) && google(expected) {
            return IssuerDiff::GoogleSpelling;
        }
        let after_scheme = |s: &str| s.split_once("://").map(|(_, rest)| rest.to_owned());
        if after_scheme(found).is_some() && after_scheme(found) == after_scheme(expected) {
            return IssuerDiff::Scheme;
        }
        match (cognito_issuer(found), cognito_issuer(expected)) {
            (Some((a, fa)), Some((b, fb))) if a.id == b.id && fa != fb => {
                IssuerDiff::CognitoForm { token: fa }
            }
            _ => IssuerDiff::Other,
        }
    }
}

/// Which claim the audience check read (H5: `client_id` only when `aud` is absent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AudClaim {
    /// `aud`.
    Aud,
    /// `client_id`.
    ClientId,
}

/// Where a token was found, when not in an `Authorization` header (R15).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FoundIn {
    /// A cookie, by name: API Gateway's token source is a header, never a cookie.
    Cookie(String),
    /// A URL query parameter, by name: the Cognito authorizer does not read it.
    Query(String),
    /// A URL fragment parameter (a sign-in redirect hands tokens over there), by name.
    Fragment(String),
    /// Another header, by name: the authorizer's token source may be configured to it.
    Header(String),
}

/// Every finding code of the gateway profiles and of the token choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GatewayCode {
    /// Not a readable signed JWT.
    NotAJwt {
        /// For which authorizer.
        gw: Gw,
        /// Why.
        why: NotJwt,
    },
    /// `alg: none`: unsigned, never acceptable (G10, RFC 8725).
    Unsigned {
        /// For which authorizer.
        gw: Gw,
    },
    /// An HMAC (`HS*`) token from an issuer that signs with public keys: forged or a test token
    /// (G10, RFC 8725).
    SharedSecretAlg {
        /// For which authorizer.
        gw: Gw,
        /// The token's `alg`.
        alg: String,
    },
    /// A token for a Microsoft-owned API (Graph): not for your API, and not verifiable by third
    /// parties by design (G1).
    ForeignAudience {
        /// For which authorizer.
        gw: Gw,
        /// The token's `aud` values.
        aud: Vec<String>,
    },
    /// The load balancer's user-claims token (`x-amzn-oidc-data`): signed by the ALB with its own
    /// key, which no issuer key set holds, so an authorizer that checks the issuer's keys rejects
    /// it whatever key verified it here (§0, A2).
    AlbSigned {
        /// For which authorizer.
        gw: Gw,
    },
    /// A Keycloak refresh or offline token (payload `typ`, §0): it goes to the issuer's token
    /// endpoint only, never to an API, whatever else it fails.
    KeycloakRefresh {
        /// For which authorizer.
        gw: Gw,
    },
    /// A Firebase custom token (G9, `aud` the Identity Toolkit): the app exchanges it for an ID
    /// token; no API takes it.
    FirebaseCustom {
        /// For which authorizer.
        gw: Gw,
    },
    /// The signature does not verify with the issuer's keys.
    SignatureInvalid {
        /// For which authorizer.
        gw: Gw,
        /// Every key tried signs longer signatures: (their length, its length) in bytes; the
        /// token was likely cut off when copied.
        short: Option<(usize, usize)>,
    },
    /// The signature could not be checked.
    SignatureUnchecked {
        /// For which authorizer.
        gw: Gw,
        /// Why not.
        why: Unchecked,
    },
    /// The signature is being checked (the page's WebCrypto answers after the render): no
    /// verdict that depends on it yet, neither "accepted" nor "needs the issuer's keys".
    SignaturePending {
        /// For which authorizer.
        gw: Gw,
    },
    /// No `iss`.
    IssuerMissing {
        /// For which authorizer.
        gw: Gw,
    },
    /// `iss` is not exactly the configured issuer (H4).
    IssuerMismatch {
        /// For which authorizer.
        gw: Gw,
        /// The token's `iss`.
        found: String,
        /// The configured issuer.
        expected: String,
        /// What differs.
        diff: IssuerDiff,
    },
    /// The configured issuer could not be read (see the note beside the field).
    IssuerUnreadable {
        /// For which authorizer.
        gw: Gw,
        /// The text as typed.
        text: String,
    },
    /// No issuer configured: accepted only if the authorizer's issuer is exactly this one.
    IssuerAssumed {
        /// For which authorizer.
        gw: Gw,
        /// The token's `iss`.
        issuer: String,
    },
    /// Expired (RFC 7519 §4.1.4, `exp == now` included).
    Expired {
        /// For which authorizer.
        gw: Gw,
        /// `exp`.
        exp: i64,
        /// The clock.
        now: i64,
        /// The leeway allowed.
        leeway: i64,
    },
    /// Not valid yet (`nbf`).
    NotYetValid {
        /// For which authorizer.
        gw: Gw,
        /// `nbf`.
        nbf: i64,
        /// The clock.
        now: i64,
        /// The leeway allowed.
        leeway: i64,
    },
    /// H6 / G12: a time claim that fails without leeway and passes only with the page's: API
    /// Gateway's leeway is undocumented, so whether it accepts the token is not known.
    OnlyWithinLeeway {
        /// For which authorizer.
        gw: Gw,
        /// `exp`, `nbf` or `iat`.
        claim: &'static str,
        /// By how many seconds the claim fails without leeway.
        by: i64,
    },
    /// H6: no `exp` that is a number of seconds; what the JWT authorizer does with such a token
    /// is undocumented.
    NoExp {
        /// For which authorizer.
        gw: Gw,
    },
    /// H3 / §2b: an issuer API Gateway cannot use: its host is not reachable from the public
    /// internet (`private`), or (REST JWT) it is not an absolute https URL.
    IssuerNotPublic {
        /// For which authorizer.
        gw: Gw,
        /// The issuer (configured, else the token's).
        issuer: String,
        /// The host is loopback, private or a single label; else the URL is not https.
        private: bool,
        /// The token's `iss`, when only the issuer typed is unusable and the token's own
        /// would do: the configuration is at fault, not the token.
        fits: Option<String>,
    },
    /// HTTP API: `iat` in the future (H6).
    IssuedInFuture {
        /// `iat`.
        iat: i64,
        /// The clock.
        now: i64,
    },
    /// REST Cognito: the issuer is no Cognito user pool.
    NotAUserPoolToken {
        /// The token's `iss`, when it has a string one.
        iss: Option<String>,
    },
    /// REST Cognito: a UPDATED-issuer token (`issuer-cognito-idp…`); its outcome is not
    /// documented (R16, C1).
    UpdatedIssuer {
        /// The token's pool.
        pool: String,
    },
    /// REST Cognito: an `eusc-` (European Sovereign Cloud) pool on an issuer host this page does
    /// not know; the real host is not documented (C2), so no certain mismatch.
    SovereignIssuerHost {
        /// The pool id read from the issuer's path.
        pool: String,
    },
    /// REST Cognito: the token's pool is not one of the authorizer's (R5).
    PoolNotConfigured {
        /// The token's pool id.
        token_pool: String,
        /// The configured pool ids.
        configured: Vec<String>,
        /// What differs from the closest configured pool.
        differs: PoolDiff,
    },
    /// REST Cognito: a pool field value that is no pool id.
    PoolUnreadable {
        /// The text as typed.
        text: String,
    },
    /// REST Cognito: no pool configured; accepted only if the authorizer uses the token's pool.
    PoolAssumed {
        /// The token's pool id.
        pool: String,
    },
    /// REST Cognito: the authorizer's pool is a stage variable's value (R17), so it can differ
    /// per stage: accepted only if it names the token's pool on the stage called.
    PoolFromStageVariable {
        /// The stage variable.
        variable: String,
        /// The token's pool id.
        pool: String,
    },
    /// REST Cognito: nothing said of the method's OAuth scopes; none is assumed (the default),
    /// so the row holds only for a method without scopes (R1/R2).
    ScopesAssumedNone,
    /// HTTP API: the route scopes question is not answered: none assumed (H7, H8).
    RouteScopesAssumedNone {
        /// The token carries scopes (`scope` or `scp`): a route requiring one of them passes
        /// it too (H7).
        token_has_scopes: bool,
    },
    /// REST Cognito: an access token on a method without OAuth scopes (R1).
    AccessTokenWithoutMethodScopes {
        /// The token's scopes.
        token_scopes: Vec<String>,
        /// A client-credentials (machine-to-machine) token: there is no ID token to send.
        machine: bool,
        /// The method scopes question is not answered: "without scopes" is assumed.
        assumed: bool,
        /// The token has its pool's UPDATED issuer (R16): what the authorizer makes of the
        /// pool's tokens on any method is not documented.
        updated_issuer: bool,
    },
    /// REST Cognito: an ID token on a method with OAuth scopes (R2).
    IdTokenWithMethodScopes {
        /// The method's scopes.
        method_scopes: Vec<String>,
    },
    /// REST Cognito: no method scope in the token (R2/R3: 401).
    NoMethodScopeInToken {
        /// The token's scopes.
        token_scopes: Vec<String>,
        /// The method's scopes.
        method_scopes: Vec<String>,
    },
    /// REST Cognito: an SDK/API sign-in access token (only `aws.cognito.signin.user.admin`, R4).
    SdkSignInScopeOnly,
    /// REST Cognito: the token-validation regex meets a token without `aud` (R6).
    RegexBlocksAccessToken {
        /// The regex.
        regex: String,
    },
    /// REST Cognito: the token-validation regex does not match `aud` (R6).
    RegexRejectsAud {
        /// The token's `aud`.
        aud: Vec<String>,
        /// The regex.
        regex: String,
    },
    /// REST Cognito: the regex is not a plain list of values; check it by hand.
    RegexNotEvaluated {
        /// The token's `aud`.
        aud: Vec<String>,
        /// The regex.
        regex: String,
    },
    /// REST Cognito: the token was found somewhere other than an `Authorization` header (R15):
    /// the authorizer reads one configured header, so this is the condition it is judged on.
    TokenNotFromHeader {
        /// Where it was found.
        found: FoundIn,
    },
    /// Console Test authorizer: an access token (R10).
    TestAuthorizerAccessToken,
    /// HTTP API: an algorithm that is not RSA (ES*, EdDSA, HS*, none; H2).
    AlgNotRsa {
        /// The header's `alg`.
        alg: Option<String>,
    },
    /// HTTP API: RSASSA-PSS, RSA-based but not documented (H2, C4).
    AlgPssUndocumented {
        /// The header's `alg`.
        alg: String,
    },
    /// REST JWT / OIDC: `alg` outside the allow-list.
    AlgNotAllowed {
        /// For which authorizer.
        gw: Gw,
        /// The header's `alg`.
        alg: Option<String>,
        /// The allow-list (for REST JWT without a configured list: the valid values).
        allowed: Vec<String>,
    },
    /// REST JWT: no allow-list given; accepted only if it contains the token's `alg`.
    AlgAssumed {
        /// The header's `alg`.
        alg: String,
    },
    /// No string `kid` in the header.
    KidMissing {
        /// For which authorizer.
        gw: Gw,
        /// The header has a `kid` that is not a string (`"kid": 123`), not none at all.
        not_string: bool,
    },
    /// `kid` not in the issuer's key set.
    KidNotInJwks {
        /// For which authorizer.
        gw: Gw,
        /// The header's `kid`.
        kid: String,
    },
    /// Neither `aud` nor `client_id`.
    NoAudienceClaim {
        /// For which authorizer.
        gw: Gw,
        /// The token's `azp`, the requesting client (Keycloak leaves `aud` out without an
        /// audience mapper, G7).
        azp: Option<String>,
    },
    /// The audience claim is not in the list.
    AudienceMismatch {
        /// For which authorizer.
        gw: Gw,
        /// The claim read.
        claim: AudClaim,
        /// Its values.
        found: Vec<String>,
        /// The accepted audiences.
        accepted: Vec<String>,
        /// The list holds the token's `azp` (the client that asked for it), which the authorizer
        /// never compares (G7, H5).
        azp_listed: bool,
    },
    /// The gateway answered that the token's audience is not valid (a pasted answer, H5 / §9)
    /// where the rows would otherwise accept it.
    AudienceRefused {
        /// For which authorizer.
        gw: Gw,
        /// The claim read.
        claim: AudClaim,
        /// Its values.
        found: Vec<String>,
        /// The list typed here contains them: the deployed one differs.
        typed: bool,
    },
    /// No audience list given; accepted only if it contains the token's value.
    AudienceAssumed {
        /// For which authorizer.
        gw: Gw,
        /// The claim read.
        claim: AudClaim,
        /// Its values.
        found: Vec<String>,
    },
    /// H5: `aud` is an empty list beside a `client_id` the list accepts. AWS evaluates
    /// `client_id` only when `aud` is absent; whether an empty `aud` counts as absent is not
    /// documented.
    EmptyAudBesideClientId {
        /// For which authorizer.
        gw: Gw,
        /// The token's `client_id`.
        client_id: String,
    },
    /// HTTP API: the issuer's key set is over the 150,000 bytes the authorizer reads (H3).
    KeySetTooLarge {
        /// Its size, in bytes.
        bytes: usize,
        /// It is the issuer's own key set as fetched; else keys given in the page.
        issuers: bool,
    },
    /// REST JWT: no `aud`, and the `client_id` the audiences would match. That `client_id` is
    /// evaluated when `aud` is absent is documented for HTTP APIs only (H5; §2b is silent).
    ClientIdOnlyOnHttpApi {
        /// The token's `client_id`.
        client_id: String,
    },
    /// HTTP API: `aud` is present, so `client_id` (which is in the list) is not evaluated.
    AudHidesClientId {
        /// The token's `client_id`.
        client_id: String,
    },
    /// No `scope`/`scp` claim on a route or method with scopes.
    ScopeClaimMissing {
        /// For which authorizer.
        gw: Gw,
        /// The scopes wanted.
        wanted: Vec<String>,
        /// The token has `roles` instead: an app-only token (H7), which never carries scopes.
        app_only: bool,
    },
    /// None of the wanted scopes is in the token.
    NoScopeInToken {
        /// For which authorizer.
        gw: Gw,
        /// The token's scopes.
        have: Vec<String>,
        /// The scopes wanted.
        wanted: Vec<String>,
    },
    /// Permissions in `roles` (an app-only token), which are not scopes (H7).
    RolesAreNotScopes {
        /// The token's roles.
        roles: Vec<String>,
    },
    /// HTTP API: without route scopes an ID token is accepted too (H8).
    IdTokenAcceptedWithoutRouteScopes,
    /// REST JWT: keys are cached up to 1 h; an unknown `kid` makes API Gateway re-fetch (J1c).
    KeyCache,
    /// Token choice: a refresh token or an encrypted one is never sent to an API (COG-TOK).
    NeverSent {
        /// What it is.
        why: NeverSent,
    },
}

/// One name per authorizer.
fn pick(
    g: Gw,
    rest: &'static str,
    rest_jwt: &'static str,
    http: &'static str,
    oidc: &'static str,
) -> &'static str {
    match g {
        Gw::Rest => rest,
        Gw::RestJwt => rest_jwt,
        Gw::Http => http,
        Gw::Oidc => oidc,
    }
}

impl GatewayCode {
    /// The stable `snake_case` name.
    pub fn as_str(&self) -> &'static str {
        use GatewayCode as C;
        match self {
            C::NotAJwt { gw, .. } => pick(
                *gw,
                "rest_not_a_jwt",
                "rest_jwt_not_a_jwt",
                "http_not_a_jwt",
                "oidc_not_a_jwt",
            ),
            C::SharedSecretAlg { gw, .. } => pick(
                *gw,
                "rest_shared_secret_alg",
                "rest_jwt_shared_secret_alg",
                "http_shared_secret_alg",
                "oidc_shared_secret_alg",
            ),
            C::Unsigned { gw } => pick(
                *gw,
                "rest_unsigned_token",
                "rest_jwt_unsigned_token",
                "http_unsigned_token",
                "oidc_unsigned_token",
            ),
            C::ForeignAudience { gw, .. } => pick(
                *gw,
                "rest_token_for_another_api",
                "rest_jwt_token_for_another_api",
                "http_token_for_another_api",
                "oidc_token_for_another_api",
            ),
            C::AlbSigned { gw } => pick(
                *gw,
                "rest_alb_signed",
                "rest_jwt_alb_signed",
                "http_alb_signed",
                "oidc_alb_signed",
            ),
            C::KeycloakRefresh { gw } => pick(
                *gw,
                "rest_refresh_token",
                "rest_jwt_refresh_token",
                "http_refresh_token",
                "oidc_refresh_token",
            ),
            C::FirebaseCustom { gw } => pick(
                *gw,
                "rest_firebase_custom_token",
                "rest_jwt_firebase_custom_token",
                "http_firebase_custom_token",
                "oidc_firebase_custom_token",
            ),
            C::SignatureInvalid { gw, .. } => pick(
                *gw,
                "rest_signature_invalid",
                "rest_jwt_signature_invalid",
                "http_signature_invalid",
                "oidc_signature_invalid",
            ),
            C::SignaturePending { gw } => pick(
                *gw,
                "rest_signature_pending",
                "rest_jwt_signature_pending",
                "http_signature_pending",
                "oidc_signature_pending",
            ),
            C::SignatureUnchecked { gw, .. } => pick(
                *gw,
                "rest_signature_unchecked",
                "rest_jwt_signature_unchecked",
                "http_signature_unchecked",
                "oidc_signature_unchecked",
            ),
            C::IssuerMissing { gw } => pick(
                *gw,
                "rest_issuer_missing",
                "rest_jwt_issuer_missing",
                "http_issuer_missing",
                "oidc_issuer_missing",
            ),
            C::IssuerMismatch { gw, .. } => pick(
                *gw,
                "rest_issuer_mismatch",
                "rest_jwt_issuer_mismatch",
                "http_issuer_mismatch",
                "oidc_issuer_mismatch",
            ),
            C::IssuerUnreadable { gw, .. } => pick(
                *gw,
                "rest_issuer_unreadable",
                "rest_jwt_issuer_unreadable",
                "http_issuer_unreadable",
                "oidc_issuer_unreadable",
            ),
            C::IssuerAssumed { gw, .. } => pick(
                *gw,
                "rest_issuer_assumed",
                "rest_jwt_issuer_assumed",
                "http_issuer_assumed",
                "oidc_issuer_assumed",
            ),
            C::Expired { gw, .. } => pick(
                *gw,
                "rest_expired",
                "rest_jwt_expired",
                "http_expired",
                "oidc_expired",
            ),
            C::NotYetValid { gw, .. } => pick(
                *gw,
                "rest_not_yet_valid",
                "rest_jwt_not_yet_valid",
                "http_not_yet_valid",
                "oidc_not_yet_valid",
            ),
            C::IssuedInFuture { .. } => "http_issued_in_future",
            C::OnlyWithinLeeway { gw, .. } => pick(
                *gw,
                "rest_only_within_leeway",
                "rest_jwt_only_within_leeway",
                "http_only_within_leeway",
                "oidc_only_within_leeway",
            ),
            C::IssuerNotPublic { gw, .. } => pick(
                *gw,
                "rest_issuer_not_public",
                "rest_jwt_issuer_not_public",
                "http_issuer_not_public",
                "oidc_issuer_not_public",
            ),
            C::NoExp { gw } => pick(
                *gw,
                "rest_no_exp",
                "rest_jwt_no_exp",
                "http_no_exp",
                "oidc_no_exp",
            ),
            C::NotAUserPoolToken { .. } => "rest_not_a_user_pool_token",
            C::UpdatedIssuer { .. } => "rest_updated_issuer_undocumented",
            C::PoolNotConfigured { .. } => "rest_pool_not_configured",
            C::SovereignIssuerHost { .. } => "rest_sovereign_issuer_host_undocumented",
            C::PoolUnreadable { .. } => "rest_pool_unreadable",
            C::PoolAssumed { .. } => "rest_pool_assumed",
            C::PoolFromStageVariable { .. } => "rest_pool_from_stage_variable",
            C::ScopesAssumedNone => "rest_scopes_assumed_none",
            C::RouteScopesAssumedNone { .. } => "http_route_scopes_assumed_none",
            C::AccessTokenWithoutMethodScopes { .. } => {
                "rest_access_token_on_method_without_scopes"
            }
            C::IdTokenWithMethodScopes { .. } => "rest_id_token_on_method_with_scopes",
            C::NoMethodScopeInToken { .. } => "rest_no_method_scope_in_token",
            C::SdkSignInScopeOnly => "rest_sdk_sign_in_scope_only",
            C::RegexBlocksAccessToken { .. } => "rest_validation_regex_blocks_access_token",
            C::RegexRejectsAud { .. } => "rest_validation_regex_rejects_aud",
            C::RegexNotEvaluated { .. } => "rest_validation_regex_not_evaluated",
            C::TokenNotFromHeader { .. } => "rest_token_not_from_header",
            C::TestAuthorizerAccessToken => "test_authorizer_access_token",
            C::AlgNotRsa { .. } => "http_alg_not_rsa",
            C::AlgPssUndocumented { .. } => "http_alg_pss_undocumented",
            C::AlgNotAllowed { gw, .. } => pick(
                *gw,
                "rest_alg_not_allowed",
                "rest_jwt_alg_not_allowed",
                "http_alg_not_allowed",
                "oidc_alg_not_allowed",
            ),
            C::AlgAssumed { .. } => "rest_jwt_alg_assumed",
            C::KidMissing { gw, .. } => pick(
                *gw,
                "rest_kid_missing",
                "rest_jwt_kid_missing",
                "http_kid_missing",
                "oidc_kid_missing",
            ),
            C::KidNotInJwks { gw, .. } => pick(
                *gw,
                "rest_kid_not_in_jwks",
                "rest_jwt_kid_not_in_jwks",
                "http_kid_not_in_jwks",
                "oidc_kid_not_in_jwks",
            ),
            C::NoAudienceClaim { gw, .. } => pick(
                *gw,
                "rest_no_audience_claim",
                "rest_jwt_no_audience_claim",
                "http_no_audience_claim",
                "oidc_no_audience_claim",
            ),
            C::AudienceRefused { gw, .. } => pick(
                *gw,
                "rest_audience_refused",
                "rest_jwt_audience_refused",
                "http_audience_refused",
                "oidc_audience_refused",
            ),
            C::AudienceMismatch { gw, .. } => pick(
                *gw,
                "rest_audience_mismatch",
                "rest_jwt_audience_mismatch",
                "http_audience_mismatch",
                "oidc_audience_mismatch",
            ),
            C::AudienceAssumed { gw, .. } => pick(
                *gw,
                "rest_audience_to_configure",
                "rest_jwt_audience_to_configure",
                "http_audience_to_configure",
                "oidc_audience_to_configure",
            ),
            C::AudHidesClientId { .. } => "http_aud_hides_client_id",
            C::ClientIdOnlyOnHttpApi { .. } => "rest_jwt_client_id_undocumented",
            C::KeySetTooLarge { .. } => "http_key_set_too_large",
            C::EmptyAudBesideClientId { gw, .. } => pick(
                *gw,
                "rest_empty_aud_beside_client_id",
                "rest_jwt_empty_aud_beside_client_id",
                "http_empty_aud_beside_client_id",
                "oidc_empty_aud_beside_client_id",
            ),
            C::ScopeClaimMissing { gw, .. } => pick(
                *gw,
                "rest_scope_claim_missing",
                "rest_jwt_scope_claim_missing",
                "http_scope_claim_missing",
                "oidc_scope_claim_missing",
            ),
            C::NoScopeInToken { gw, .. } => pick(
                *gw,
                "rest_no_method_scope_in_token",
                "rest_jwt_no_method_scope_in_token",
                "http_no_route_scope_in_token",
                "oidc_scope_missing",
            ),
            C::RolesAreNotScopes { .. } => "http_roles_are_not_scopes",
            C::IdTokenAcceptedWithoutRouteScopes => "http_id_token_accepted_without_route_scopes",
            C::KeyCache => "rest_jwt_key_cache",
            C::NeverSent {
                why: NeverSent::Encrypted,
            } => "choose_encrypted_never_sent",
            C::NeverSent {
                why: NeverSent::FirebaseCustom,
            } => "choose_custom_token_never_sent",
            C::NeverSent { .. } => "choose_refresh_token_never_sent",
        }
    }
}

/// The answer an authorizer gives for a rejected token, by what is documented: REST Cognito and
/// HTTP API answer `401 Unauthorized` (GW-RESP, HTTP-JWT-TS); the REST JWT authorizer documents
/// only its 403 for a scope miss (J1), and a generic server's status is its own.
fn fail(g: Gw) -> Effect {
    match g {
        Gw::Rest | Gw::Http => reject(401, Some(UNAUTHORIZED), true),
        Gw::RestJwt | Gw::Oidc => reject(401, None, false),
    }
}

/// What a missing scope answers.
fn scope_miss(g: Gw) -> Effect {
    match g {
        // R3: documented 401.
        Gw::Rest => reject(401, Some(UNAUTHORIZED), true),
        // J1a: documented 403 Forbidden; the body string is not documented.
        Gw::RestJwt => reject(403, None, true),
        // H10: 403 is reported, not published.
        Gw::Http => reject(403, Some(FORBIDDEN), false),
        Gw::Oidc => reject(403, None, false),
    }
}

/// The effect of a gateway code on the verdict.
pub fn effect(code: &GatewayCode) -> Effect {
    use GatewayCode as C;
    match code {
        C::NotAJwt { gw, .. }
        | C::Unsigned { gw }
        | C::SharedSecretAlg { gw, .. }
        | C::ForeignAudience { gw, .. }
        | C::AlbSigned { gw }
        | C::KeycloakRefresh { gw }
        | C::FirebaseCustom { gw }
        | C::IssuerNotPublic { gw, .. }
        | C::SignatureInvalid { gw, .. }
        | C::IssuerMissing { gw }
        | C::IssuerMismatch { gw, .. }
        | C::NotYetValid { gw, .. }
        | C::AlgNotAllowed { gw, .. }
        | C::KidMissing { gw, .. }
        | C::KidNotInJwks { gw, .. }
        | C::NoAudienceClaim { gw, .. }
        | C::AudienceMismatch { gw, .. }
        | C::AudienceRefused { gw, .. } => fail(*gw),
        // R7: 401 CONFIRMED; the body text is only reported (C3: `body_documented` says so).
        C::Expired { gw: Gw::Rest, .. } => reject(401, Some(EXPIRED), true),
        C::Expired { gw, .. } => fail(*gw),
        C::IssuedInFuture { .. } | C::AlgNotRsa { .. } | C::KeySetTooLarge { .. } => fail(Gw::Http),
        // R1: the rejection is documented (no scopes → the identity token is used); its 401 is
        // only reported by field tests.
        C::AccessTokenWithoutMethodScopes { .. } => reject(401, Some(UNAUTHORIZED), false),
        C::NotAUserPoolToken { .. }
        | C::PoolNotConfigured { .. }
        | C::IdTokenWithMethodScopes { .. }
        | C::RegexBlocksAccessToken { .. }
        | C::RegexRejectsAud { .. }
        | C::TestAuthorizerAccessToken => fail(Gw::Rest),
        C::NoMethodScopeInToken { .. } => scope_miss(Gw::Rest),
        C::ScopeClaimMissing { gw, .. } | C::NoScopeInToken { gw, .. } => scope_miss(*gw),
        C::SignatureUnchecked {
            why: Unchecked::NoSignature,
            ..
        } => Effect::Needs(Need::WholeToken),
        C::SignatureUnchecked { .. } => Effect::Needs(Need::IssuerKeys),
        C::SignaturePending { .. } => Effect::Needs(Need::SignatureCheck),
        C::RegexNotEvaluated { .. } => Effect::Needs(Need::RegexCheck),
        C::UpdatedIssuer { .. } => Effect::Needs(Need::DeployedTest),
        C::AlgPssUndocumented { .. } => Effect::Needs(Need::UndocumentedAlg),
        C::OnlyWithinLeeway { .. } => Effect::Needs(Need::GatewayLeeway),
        C::NoExp { .. } | C::EmptyAudBesideClientId { .. } => Effect::Needs(Need::DeployedTest),
        C::ClientIdOnlyOnHttpApi { .. } => Effect::Assumes,
        C::PoolUnreadable { .. } | C::IssuerUnreadable { .. } => {
            Effect::Needs(Need::ReadableConfig)
        }
        C::SovereignIssuerHost { .. } => Effect::Needs(Need::DeployedTest),
        C::IssuerAssumed { .. }
        | C::PoolAssumed { .. }
        | C::PoolFromStageVariable { .. }
        | C::TokenNotFromHeader { .. }
        | C::ScopesAssumedNone
        | C::RouteScopesAssumedNone { .. }
        | C::AudienceAssumed { .. }
        | C::AlgAssumed { .. } => Effect::Assumes,
        C::SdkSignInScopeOnly
        | C::AudHidesClientId { .. }
        | C::RolesAreNotScopes { .. }
        | C::IdTokenAcceptedWithoutRouteScopes
        | C::KeyCache
        | C::NeverSent { .. } => Effect::Note,
    }
}
