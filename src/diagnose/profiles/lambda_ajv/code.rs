//! The aws-jwt-verify profile's vocabulary: [`AjvCode`] (what a finding says about the library's
//! run) and [`AjvError`] (one error the library throws, with its evidence). Must not judge or
//! produce prose.

use crate::diagnose::config::LambdaApi;

/// aws-jwt-verify's `supportedSignatureAlgorithms` (jwt-verifier.js, 5.2.1).
pub const SUPPORTED_ALGS: [&str; 7] = [
    "RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "EdDSA",
];

/// This module's finding codes (see [`crate::diagnose::finding::Code`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AjvCode {
    /// The library throws this error first: the row's verdict. The status depends on `api`.
    Throws {
        /// What is thrown.
        error: AjvError,
        /// The API type the authorizer serves (C6).
        api: LambdaApi,
    },
    /// A check that would fail too, but the library never gets there: an earlier one throws.
    NotReached {
        /// What it would throw.
        error: AjvError,
    },
    /// Without the issuer's keys the key/signature step is unknown; if it passes, this is
    /// thrown next.
    IfSignatureAccepted {
        /// What would be thrown.
        error: AjvError,
    },
    /// The issuer's keys are needed to know whether the `kid`, the JWK and the signature pass.
    KeysNeeded {
        /// The token's `kid`.
        kid: String,
        /// Keys were given and none has that `kid` (they may not be the issuer's).
        given: bool,
    },
    /// The page is checking the signature (WebCrypto answers after the render): the key and
    /// signature step, and what follows it, wait for that.
    SignaturePending {
        /// The token's `kid`.
        kid: String,
    },
    /// `userPoolId` was not given: the pool in the token's `iss` is assumed.
    PoolAssumed {
        /// The assumed pool id.
        pool_id: String,
    },
    /// `clientId: null`: the client id is not checked.
    ClientIdNotChecked,
    /// What passes here passes only since aws-jwt-verify 5.2.0 (V1): a pool's UPDATED issuer, or
    /// an `eusc-` pool id, which 5.1.x rejects.
    SinceV52 {
        /// The pool id is an `eusc-` one (else the issuer is the UPDATED form).
        eusc: bool,
    },
    /// The token was sent after `Bearer `: the function receives the whole header value (L1)
    /// and must take the prefix off before `verify()`, which would throw `JwtParseError`.
    BearerToStrip,
    /// `customJwtCheck` (if the authorizer has one) runs here, before the Cognito checks; its
    /// outcome is not modelled.
    CustomCheckNotModelled,
}

impl AjvCode {
    /// The stable `snake_case` name. A not-reached or conditional check keeps its rule's name;
    /// its variant (and severity) says it is not the verdict.
    pub fn as_str(&self) -> &'static str {
        match self {
            AjvCode::Throws { error, .. }
            | AjvCode::NotReached { error }
            | AjvCode::IfSignatureAccepted { error } => error.as_str(),
            AjvCode::KeysNeeded { .. } => "ajv_signature_unchecked",
            AjvCode::SignaturePending { .. } => "ajv_signature_pending",
            AjvCode::PoolAssumed { .. } => "ajv_pool_assumed",
            AjvCode::ClientIdNotChecked => "ajv_client_id_not_checked",
            AjvCode::BearerToStrip => "ajv_bearer_to_strip",
            AjvCode::SinceV52 { .. } => "ajv_since_5_2",
            AjvCode::CustomCheckNotModelled => "ajv_custom_check_not_modelled",
        }
    }

    /// The error this code stands for, thrown or not.
    pub fn error(&self) -> Option<&AjvError> {
        match self {
            AjvCode::Throws { error, .. }
            | AjvCode::NotReached { error }
            | AjvCode::IfSignatureAccepted { error } => Some(error),
            AjvCode::KeysNeeded { .. }
            | AjvCode::SignaturePending { .. }
            | AjvCode::PoolAssumed { .. }
            | AjvCode::ClientIdNotChecked
            | AjvCode::BearerToStrip
            | AjvCode::SinceV52 { .. }
            | AjvCode::CustomCheckNotModelled => None,
        }
    }
}

/// One error aws-jwt-verify 5.2.1 can throw for this profile, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AjvError {
    /// `create()`: `ParameterValidationError` `Invalid Cognito User Pool ID: {id}`.
    InvalidPoolId {
        /// `userPoolId` as given.
        pool_id: String,
    },
    /// `JwtParseError`.
    Parse(ParseProblem),
    /// `ParameterValidationError` `issuer must be provided`.
    IssuerMissing,
    /// `ParameterValidationError` `issuer not configured: {iss}`.
    IssuerNotConfigured {
        /// The token's `iss`.
        iss: String,
        /// The two issuers registered for the configured pool; `None` when no pool is known.
        configured: Option<[String; 2]>,
    },
    /// `JwtWithoutValidKidError` `JWT header does not have valid kid claim`.
    NoKid,
    /// `KidNotFoundInJwksError` `JWK for kid "{kid}" not found in the JWKS`.
    KidNotFound {
        /// The token's `kid`.
        kid: String,
        /// The `kid`s the JWKS has.
        available: Vec<String>,
        /// The token is the load balancer's own (`x-amzn-oidc-data`, A2): its `kid` names the
        /// ALB's key, which no identity provider's JWKS holds.
        alb: bool,
    },
    /// `JwkInvalidKtyError`: the JWK's `kty` is not EC, RSA or OKP.
    JwkInvalidKty {
        /// The JWK's `kty`.
        kty: String,
    },
    /// `JwkInvalidUseError`: the JWK's `use` is present and not `sig`.
    JwkInvalidUse {
        /// The JWK's `use`.
        use_: String,
    },
    /// `JwtInvalidSignatureAlgorithmError`: the JWK has an `alg` and the token's differs.
    AlgMismatch {
        /// The token's `alg` (absent → `None`).
        alg: Option<String>,
        /// The JWK's `alg`.
        jwk_alg: String,
    },
    /// `JwtInvalidSignatureAlgorithmError`: `alg` is not RS256/384/512, ES256/384/512 or EdDSA.
    AlgNotAllowed {
        /// The token's `alg` (absent → `None`).
        alg: Option<String>,
        /// Whether the `kid` was found in the JWKS; `false` when that is unknown (then the
        /// library may throw `KidNotFoundInJwksError` instead — a rejection either way).
        kid_checked: bool,
    },
    /// `JwtInvalidSignatureError` `Invalid signature`.
    InvalidSignature,
    /// `JwtExpiredError` `Token expired at {ISO}`.
    Expired {
        /// `exp`, whole seconds (may be negative: not a parse error in the library).
        exp: i64,
        /// `graceSeconds`.
        grace: i64,
    },
    /// `JwtNotBeforeError` `Token can't be used before {ISO}`.
    NotBefore {
        /// `nbf`, whole seconds.
        nbf: i64,
        /// `graceSeconds`.
        grace: i64,
    },
    /// `JwtInvalidScopeError` (label `Scope`; the claim is split on the space character only).
    Scope {
        /// How the claim failed.
        found: Mismatch,
        /// The `scope` option.
        expected: Vec<String>,
    },
    /// `CognitoJwtInvalidGroupError` (label `Cognito group`; a string claim is one group).
    Group {
        /// How the claim failed.
        found: Mismatch,
        /// The `groups` option.
        expected: Vec<String>,
    },
    /// `CognitoJwtInvalidTokenUseError` (label `Token use`).
    TokenUse {
        /// How the claim failed.
        found: Mismatch,
        /// `["id", "access"]` (always checked) or the `tokenUse` option.
        expected: Vec<String>,
        /// A client-credentials (machine) access token: its flow issues no ID token.
        machine: bool,
    },
    /// `CognitoJwtInvalidClientIdError` (label `Client ID ("audience")` for ID tokens, else
    /// `Client ID`).
    ClientId {
        /// `aud` (ID token) or `client_id`.
        claim: ClientClaim,
        /// How the claim failed.
        found: Mismatch,
        /// The `clientId` option.
        expected: Vec<String>,
    },
}

/// Which claim carries the client id (cognito-verifier.js `validateCognitoJwtFields`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientClaim {
    /// `aud`, for `token_use: "id"`.
    Aud,
    /// `client_id`, for any other token use.
    ClientId,
}

/// How a claim failed one of the library's assertions (assert.js).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// Absent or falsy (`""`, `0`, `false`, `null`): `Missing {name}. Expected…`.
    Missing,
    /// `{name} is not of type string` (raw JSON).
    NotString(String),
    /// `{name} is not an array` (raw JSON).
    NotArray(String),
    /// `{name} includes elements that are not of type string` (raw JSON).
    NonStringElement(String),
    /// `{name} not allowed: {items}. Expected…`.
    NotAllowed(Vec<String>),
}

/// Why `decomposeUnverifiedJwt` throws `JwtParseError` (jwt.js).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseProblem {
    /// The text is not three base64url parts (`=` padding tolerated), or is empty.
    NotThreeParts,
    /// `Invalid JWT. Header is not a valid JSON object` (not base64url, UTF-8 or JSON).
    HeaderNotJson,
    /// `JWT header is not an object` (JSON, but an array, string, …).
    HeaderNotObject,
    /// `JWT header {name} claim is not a string` (`alg`, `kid`).
    HeaderMember {
        /// Member name.
        name: &'static str,
        /// Raw JSON.
        raw: String,
    },
    /// `Invalid JWT. Payload is not a valid JSON object`.
    PayloadNotObject,
    /// `JWT payload {name} claim is not a {expected}`.
    PayloadMember {
        /// Claim name.
        name: &'static str,
        /// What it must be.
        expected: MemberType,
        /// Raw JSON.
        raw: String,
    },
}

/// A type the parser asserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberType {
    /// A finite number (`exp`, `nbf`, `iat`).
    Number,
    /// A string (`iss`, `sub`, `scope`, `jti`).
    String,
    /// A string or an array of strings (`aud`).
    StringOrArray,
}

impl AjvError {
    /// The stable `snake_case` name.
    pub fn as_str(&self) -> &'static str {
        match self {
            AjvError::InvalidPoolId { .. } => "ajv_invalid_pool_id",
            AjvError::Parse(_) => "ajv_parse_error",
            AjvError::IssuerMissing => "ajv_issuer_missing",
            AjvError::IssuerNotConfigured { .. } => "ajv_issuer_not_configured",
            AjvError::NoKid => "ajv_no_kid",
            AjvError::KidNotFound { .. } => "ajv_kid_not_found",
            AjvError::JwkInvalidKty { .. } => "ajv_jwk_invalid_kty",
            AjvError::JwkInvalidUse { .. } => "ajv_jwk_invalid_use",
            AjvError::AlgMismatch { .. } => "ajv_alg_mismatch",
            AjvError::AlgNotAllowed { .. } => "ajv_alg_not_allowed",
            AjvError::InvalidSignature => "ajv_invalid_signature",
            AjvError::Expired { .. } => "ajv_expired",
            AjvError::NotBefore { .. } => "ajv_not_before",
            AjvError::Scope { .. } => "ajv_invalid_scope",
            AjvError::Group { .. } => "ajv_invalid_group",
            AjvError::TokenUse { .. } => "ajv_invalid_token_use",
            AjvError::ClientId { .. } => "ajv_invalid_client_id",
        }
    }
}
