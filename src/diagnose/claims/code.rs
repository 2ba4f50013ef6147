//! The claims stage's finding codes, each carrying its evidence.

use crate::diagnose::claims::TokenUse;
use crate::issuer::{CognitoForm, EntraVersion, PoolId};
use crate::jose::TimeClaim;

/// Which claim an audience check read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AudClaim {
    /// `aud`.
    Aud,
    /// `client_id` (Cognito access tokens).
    ClientId,
}

impl AudClaim {
    /// The claim name.
    pub fn name(self) -> &'static str {
        match self {
            AudClaim::Aud => "aud",
            AudClaim::ClientId => "client_id",
        }
    }
}

/// The claims stage's finding codes (see [`crate::diagnose::finding::Code`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimCode {
    /// `now ≥ exp + leeway` (RFC 7519 §4.1.4).
    Expired {
        /// `exp`, seconds.
        exp: i64,
        /// The clock.
        now: i64,
        /// Leeway allowed (≥ 0).
        leeway: i64,
    },
    /// `exp ≤ now < exp + leeway`: accepted only thanks to the leeway.
    ExpiredWithinLeeway {
        /// `exp`, seconds.
        exp: i64,
        /// The clock.
        now: i64,
        /// Leeway allowed.
        leeway: i64,
    },
    /// `now + leeway < nbf` (RFC 7519 §4.1.5).
    NotYetValid {
        /// `nbf`, seconds.
        nbf: i64,
        /// The clock.
        now: i64,
        /// Leeway allowed.
        leeway: i64,
    },
    /// `now < nbf ≤ now + leeway`.
    NbfWithinLeeway {
        /// `nbf`, seconds.
        nbf: i64,
        /// The clock.
        now: i64,
        /// Leeway allowed.
        leeway: i64,
    },
    /// `iat > now + leeway` (HTTP API JWT authorizers reject it, H6).
    IssuedInFuture {
        /// `iat`, seconds.
        iat: i64,
        /// The clock.
        now: i64,
        /// Leeway allowed.
        leeway: i64,
    },
    /// `exp < iat`.
    ExpBeforeIat {
        /// `exp`, seconds.
        exp: i64,
        /// `iat`, seconds.
        iat: i64,
    },
    /// No `exp`.
    NoExp,
    /// A time claim that is not a NumericDate.
    TimeMalformed {
        /// Which claim.
        claim: TimeClaim,
        /// Its raw JSON.
        raw: String,
    },
    /// A time claim that looks like milliseconds.
    TimeInMilliseconds {
        /// Which claim.
        claim: TimeClaim,
        /// The number as written.
        raw: String,
    },
    /// No `iss`, but one is expected.
    NoIss {
        /// The expected issuers.
        expected: Vec<String>,
    },
    /// `iss` is not a string.
    IssMalformed {
        /// Its raw JSON.
        raw: String,
        /// The expected issuers.
        expected: Vec<String>,
    },
    /// `iss` is none of the expected issuers, byte for byte (H4, R5).
    IssuerMismatch {
        /// The token's `iss`.
        actual: String,
        /// The expected issuers.
        expected: Vec<String>,
    },
    /// Same issuer but for a trailing slash.
    IssuerTrailingSlash {
        /// The token's `iss`.
        actual: String,
        /// The near-miss expected issuer.
        expected: String,
    },
    /// Same issuer but for `http` vs `https`.
    IssuerScheme {
        /// The token's `iss`.
        actual: String,
        /// The near-miss expected issuer.
        expected: String,
    },
    /// Same issuer but for letter case.
    IssuerCase {
        /// The token's `iss`.
        actual: String,
        /// The near-miss expected issuer.
        expected: String,
    },
    /// The other of Google's two issuer spellings.
    IssuerGoogleSpelling {
        /// The token's `iss`.
        actual: String,
        /// The configured spelling.
        expected: String,
    },
    /// A Cognito pool in another region.
    IssuerOtherRegion {
        /// The token's pool.
        token_pool: PoolId,
        /// The configured pool.
        expected_pool: PoolId,
    },
    /// Another Cognito pool in the same region.
    IssuerOtherPool {
        /// The token's pool.
        token_pool: PoolId,
        /// The configured pool.
        expected_pool: PoolId,
    },
    /// The same Cognito pool, but the other issuer form (ORIGINAL vs UPDATED, R16).
    IssuerOtherForm {
        /// The pool.
        pool: PoolId,
        /// The token's form.
        token_form: CognitoForm,
        /// The configured form.
        expected_form: CognitoForm,
    },
    /// The configured issuer is the Cognito login (hosted UI) domain.
    IssuerLoginDomain {
        /// The token's `iss`.
        actual: String,
        /// The configured login domain.
        expected: String,
    },
    /// Same Entra tenant, other token version.
    IssuerEntraVersion {
        /// The tenant.
        tenant: String,
        /// The token's version.
        token_version: EntraVersion,
        /// The configured version.
        expected_version: EntraVersion,
    },
    /// Another Entra tenant.
    IssuerOtherTenant {
        /// The token's tenant.
        token_tenant: String,
        /// The configured tenant.
        expected_tenant: String,
    },
    /// The audience claim checked is absent.
    NoAudience {
        /// Which claim was checked.
        claim: AudClaim,
        /// The accepted values.
        expected: Vec<String>,
    },
    /// `aud` is neither a string nor an array of strings.
    AudMalformed {
        /// Its raw JSON.
        raw: String,
        /// The accepted values.
        expected: Vec<String>,
    },
    /// No accepted audience in the claim checked.
    AudienceMismatch {
        /// Which claim was checked.
        claim: AudClaim,
        /// Its raw JSON.
        raw: String,
        /// The accepted values.
        expected: Vec<String>,
    },
    /// HTTP API checks `aud` when present, and the accepted value is in `client_id` (H5).
    AudCheckedNotClientId {
        /// The token's `client_id`.
        client_id: String,
    },
    /// Entra: App ID URI vs client GUID.
    AudienceEntraUriVsGuid {
        /// The token's audiences.
        actual: Vec<String>,
        /// The accepted values.
        expected: Vec<String>,
    },
    /// Keycloak: `aud` is `account`, the client is in `azp` (REPORTED).
    AudienceKeycloakAccount {
        /// The token's `azp`.
        azp: String,
    },
    /// No `token_use`.
    NoTokenUse {
        /// The expected use.
        expected: TokenUse,
    },
    /// `token_use` is not the expected one.
    TokenUseMismatch {
        /// Its raw JSON.
        raw: String,
        /// The expected use.
        expected: TokenUse,
    },
    /// Neither `scope` nor `scp`.
    NoScopeClaim {
        /// The required scopes (any one).
        required: Vec<String>,
    },
    /// `scope` is not a string.
    ScopeMalformed {
        /// Its raw JSON.
        raw: String,
    },
    /// None of the required scopes is in the token.
    ScopeMissing {
        /// The token's scopes (de-duplicated, in order).
        have: Vec<String>,
        /// The required scopes (any one).
        required: Vec<String>,
    },
    /// Only `aws.cognito.signin.user.admin`, and a custom scope is required (R4).
    ScopeSdkSignInOnly,
    /// Entra app-only token: permissions are in `roles`.
    EntraRolesNotScopes {
        /// Raw JSON of `roles`.
        roles: String,
    },
    /// No `cognito:groups`.
    NoGroupsClaim {
        /// The required groups (any one).
        required: Vec<String>,
    },
    /// None of the required groups.
    GroupMissing {
        /// The token's groups.
        have: Vec<String>,
        /// The required groups (any one).
        required: Vec<String>,
    },
}

impl ClaimCode {
    /// The stable `snake_case` name.
    pub fn as_str(&self) -> &'static str {
        match self {
            ClaimCode::Expired { .. } => "token_expired",
            ClaimCode::ExpiredWithinLeeway { .. } => "expired_within_leeway",
            ClaimCode::NotYetValid { .. } => "token_not_yet_valid",
            ClaimCode::NbfWithinLeeway { .. } => "nbf_within_leeway",
            ClaimCode::IssuedInFuture { .. } => "issued_in_future",
            ClaimCode::ExpBeforeIat { .. } => "exp_before_iat",
            ClaimCode::NoExp => "no_exp",
            ClaimCode::TimeMalformed { claim, .. } => match claim {
                TimeClaim::Exp => "exp_malformed",
                TimeClaim::Nbf => "nbf_malformed",
                TimeClaim::Iat => "iat_malformed",
                TimeClaim::AuthTime => "auth_time_malformed",
            },
            ClaimCode::TimeInMilliseconds { .. } => "time_in_milliseconds",
            ClaimCode::NoIss { .. } => "no_iss",
            ClaimCode::IssMalformed { .. } => "iss_malformed",
            ClaimCode::IssuerMismatch { .. } => "issuer_mismatch",
            ClaimCode::IssuerTrailingSlash { .. } => "issuer_trailing_slash",
            ClaimCode::IssuerScheme { .. } => "issuer_scheme",
            ClaimCode::IssuerCase { .. } => "issuer_case",
            ClaimCode::IssuerGoogleSpelling { .. } => "issuer_google_spelling",
            ClaimCode::IssuerOtherRegion { .. } => "issuer_other_region",
            ClaimCode::IssuerOtherPool { .. } => "issuer_other_pool",
            ClaimCode::IssuerOtherForm { .. } => "issuer_other_form",
            ClaimCode::IssuerLoginDomain { .. } => "issuer_login_domain",
            ClaimCode::IssuerEntraVersion { .. } => "issuer_entra_version",
            ClaimCode::IssuerOtherTenant { .. } => "issuer_other_tenant",
            ClaimCode::NoAudience { .. } => "no_audience",
            ClaimCode::AudMalformed { .. } => "aud_malformed",
            ClaimCode::AudienceMismatch { .. } => "audience_mismatch",
            ClaimCode::AudCheckedNotClientId { .. } => "aud_checked_not_client_id",
            ClaimCode::AudienceEntraUriVsGuid { .. } => "audience_entra_uri_vs_guid",
            ClaimCode::AudienceKeycloakAccount { .. } => "audience_keycloak_account",
            ClaimCode::NoTokenUse { .. } => "no_token_use",
            ClaimCode::TokenUseMismatch { .. } => "token_use_mismatch",
            ClaimCode::NoScopeClaim { .. } => "no_scope_claim",
            ClaimCode::ScopeMalformed { .. } => "scope_malformed",
            ClaimCode::ScopeMissing { .. } => "scope_missing",
            ClaimCode::ScopeSdkSignInOnly => "scope_sdk_sign_in_only",
            ClaimCode::EntraRolesNotScopes { .. } => "entra_roles_not_scopes",
            ClaimCode::NoGroupsClaim { .. } => "no_groups_claim",
            ClaimCode::GroupMissing { .. } => "group_missing",
        }
    }
}
