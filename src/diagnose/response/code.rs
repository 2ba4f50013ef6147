//! The causes a gateway's answer can show ([`ResponseCode`]), each owning its name, certainty,
//! severity and sources. Owns no reading (`lex`, `causes`) and no prose (`explain::response`).

use super::AuthorizerKind;
use crate::diagnose::finding::{Code, Finding, Severity, Stage, Status};

/// The claim an HTTP API `error_description` names, read by whole words (C11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedClaim {
    /// `aud` / `client_id` ("audience").
    Audience,
    /// `iss` ("issuer").
    Issuer,
    /// The signature or its key ("signature").
    Signature,
    /// `exp` ("expired").
    Expiry,
    /// `nbf` ("before").
    NotBefore,
    /// A route scope (`error="insufficient_scope"`, or "scope").
    Scope,
    /// None of the words above.
    Unknown,
}

/// Where a CORS preflight that hit an authorizer comes from (R20, H12).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PreflightSetting {
    /// REST API built with SAM (or older CDK): the default authorizer / API key on `OPTIONS`.
    RestSam,
    /// HTTP API: a `$default` route with a JWT authorizer catches `OPTIONS`.
    HttpDefaultRoute,
    /// The API type is not known: both.
    Either,
}

/// One cause read from the gateway's answer; each variant carries its own evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseCode {
    /// `x-amzn-errortype: ForbiddenException` (R22): the API key is missing or wrong, not in a
    /// usage plan, or the plan is not attached to the stage. `with_forbidden_body` is the
    /// CONFIRMED pair `ForbiddenException` + `{"message":"Forbidden"}` (KC-403).
    ApiKeyRejected {
        /// The body was `Forbidden` (or absent).
        with_forbidden_body: bool,
    },
    /// 429: a usage-plan quota or throttling (QUOTA_EXCEEDED / THROTTLED, R22).
    QuotaOrThrottle {
        /// The body's message, if any (`Too Many Requests`, `Limit Exceeded`).
        message: Option<String>,
    },
    /// The answer names AWS WAF's `WAF_FILTERED` gateway response (R25).
    WafFiltered,
    /// `Could not find issuer for certificate`: mutual TLS on the custom domain (R24).
    MutualTlsUnknownIssuer,
    /// `Missing Authentication Token` / `MissingAuthenticationTokenException`: no such path,
    /// stage or method, or an unsigned call to an AWS_IAM method.
    MissingAuthenticationToken {
        /// The header said so (not only the body).
        from_errortype: bool,
    },
    /// `… not a valid key=value pair (missing equal-sign) in Authorization header`: the SigV4
    /// parser read a `Bearer` header (REPORTED).
    SigV4ParsedBearer,
    /// `Authorization header requires 'Credential' parameter…`: the SigV4 parser read a bare
    /// token (REPORTED).
    SigV4BareToken,
    /// `IncompleteSignatureException` without a known body: a SigV4 header problem (R21).
    SigV4IncompleteSignature,
    /// `The security token included in the request is invalid`: IAM credentials (R21).
    SigV4InvalidCredentials,
    /// `Signature expired` (`InvalidSignatureException`): a SigV4 signature too old.
    SigV4SignatureExpired,
    /// `The request signature we calculated does not match …` (or `InvalidSignatureException`).
    SigV4SignatureMismatch,
    /// `User: anonymous is not authorized to perform: execute-api:Invoke …` (R14).
    ResourcePolicyDenies {
        /// `… with an explicit deny`.
        explicit: bool,
        /// The resource ARN the answer names.
        resource: Option<String>,
    },
    /// `User is not authorized to access this resource with an explicit deny` (either wording,
    /// L4): a Lambda authorizer returned Deny.
    LambdaExplicitDeny {
        /// The current `… in an identity-based policy` wording.
        identity_based_wording: bool,
    },
    /// `User is not authorized to access this resource`: an implicit deny — often the Lambda
    /// authorizer's cached policy (L5), not always (C12).
    ImplicitDeny,
    /// `AccessDeniedException` with a body tokenlens does not know.
    AccessDenied {
        /// The body's message.
        message: Option<String>,
    },
    /// `The incoming token has expired` (R7): the 401 is CONFIRMED, the text REPORTED (C3).
    TokenExpired {
        /// The status seen, if any.
        status: Option<u16>,
    },
    /// 500 `{"message": null}` / `AuthorizerConfigurationException`: an authorizer configuration
    /// failure — Cognito or Lambda (R18, L3, C9).
    AuthorizerError {
        /// The authorizer the caller said the method uses.
        authorizer: Option<AuthorizerKind>,
        /// The body was JSON `null` (REPORTED wording).
        null_body: bool,
        /// `x-amzn-errortype: AuthorizerConfigurationException` was seen.
        from_errortype: bool,
        /// The 500 or the error type was seen; else only the `null` body, which is REPORTED.
        status_seen: bool,
    },
    /// HTTP API 500 `Internal Server Error`: a Lambda authorizer or integration error.
    AuthorizerOrIntegrationError,
    /// `error_description="the token does not have a valid audience"` (H5, H9; CONFIRMED).
    InvalidAudience,
    /// Another `www-authenticate` `invalid_token` answer (H9); its texts are not published.
    InvalidToken {
        /// `error`, as sent.
        error: Option<String>,
        /// `error_description`, as sent.
        description: Option<String>,
        /// The claim its words name.
        claim: NamedClaim,
    },
    /// A plain 401 `Unauthorized` from an authorizer (R8, §9).
    Unauthorized {
        /// `x-amzn-errortype: UnauthorizedException` was seen.
        from_errortype: bool,
    },
    /// A bare 403 `Forbidden` without `x-amzn-errortype`: one of several layers (C8).
    Forbidden,
    /// The CORS preflight hit an authorizer (or API-key check): it carries no token (R20, H12).
    PreflightRejected {
        /// The status seen, if any.
        status: Option<u16>,
        /// Which setting puts the authorizer on `OPTIONS`.
        setting: PreflightSetting,
    },
    /// A browser error that hides the status: gateway 4xx carry no CORS headers (R13, H11).
    CorsHidesStatus,
    /// 414: the method ARN is over 1 600 bytes (R26).
    MethodArnTooLong,
    /// The answer comes from an Application Load Balancer (`server: awselb`), not API Gateway:
    /// its login action (A1: authenticate-oidc / authenticate-cognito, a browser login that takes
    /// no bearer token) or, for a 401 without the redirect to the login page, possibly its
    /// JWT-verification action (A3).
    AlbAnswer {
        /// It redirects to the identity provider's login page: the login action for certain.
        login: bool,
    },
    /// The answer says the request headers are too large (R26: 10 240 bytes).
    HeadersTooLarge {
        /// The status seen, if any.
        status: Option<u16>,
    },
    /// A 400/404 that talks about authorization: customized gateway responses.
    CustomizedGatewayResponse {
        /// The status.
        status: u16,
    },
    /// An `x-amzn-errortype` tokenlens does not know, and nothing else explained the answer.
    OtherErrorType {
        /// The name, as sent.
        name: String,
    },
}

/// [`ResponseCode::InvalidAudience`]'s code (the page reads it back from the answer's view).
pub const INVALID_AUDIENCE: &str = "resp_invalid_audience";
/// [`ResponseCode::Forbidden`]'s code (the page reads it back from the answer's view).
pub const FORBIDDEN: &str = "resp_forbidden";
/// [`ResponseCode::ApiKeyRejected`]'s code (the page reads it back from the answer's view).
pub const API_KEY_REJECTED: &str = "resp_api_key_rejected";
/// [`ResponseCode::Unauthorized`]'s code (the page reads it back from the answer's view).
pub const UNAUTHORIZED: &str = "resp_unauthorized";
/// [`ResponseCode::TokenExpired`]'s code (the page reads it back from the answer's view).
pub const TOKEN_EXPIRED: &str = "resp_token_expired";

impl ResponseCode {
    /// The stable `snake_case` name (`data-code`).
    pub fn as_str(&self) -> &'static str {
        match self {
            ResponseCode::ApiKeyRejected { .. } => API_KEY_REJECTED,
            ResponseCode::QuotaOrThrottle { .. } => "resp_quota_or_throttle",
            ResponseCode::WafFiltered => "resp_waf_filtered",
            ResponseCode::MutualTlsUnknownIssuer => "resp_mtls_unknown_issuer",
            ResponseCode::MissingAuthenticationToken { .. } => "resp_missing_authentication_token",
            ResponseCode::SigV4ParsedBearer => "resp_sigv4_parsed_bearer",
            ResponseCode::SigV4BareToken => "resp_sigv4_bare_token",
            ResponseCode::SigV4IncompleteSignature => "resp_sigv4_incomplete_signature",
            ResponseCode::SigV4InvalidCredentials => "resp_sigv4_credentials",
            ResponseCode::SigV4SignatureExpired => "resp_sigv4_signature_expired",
            ResponseCode::SigV4SignatureMismatch => "resp_sigv4_signature_mismatch",
            ResponseCode::ResourcePolicyDenies { .. } => "resp_resource_policy_denies",
            ResponseCode::LambdaExplicitDeny { .. } => "resp_lambda_explicit_deny",
            ResponseCode::ImplicitDeny => "resp_implicit_deny",
            ResponseCode::AccessDenied { .. } => "resp_access_denied",
            ResponseCode::TokenExpired { .. } => TOKEN_EXPIRED,
            ResponseCode::AuthorizerError {
                authorizer: Some(AuthorizerKind::Lambda),
                ..
            } => "resp_lambda_authorizer_error",
            ResponseCode::AuthorizerError { .. } => "resp_authorizer_configuration_error",
            ResponseCode::AuthorizerOrIntegrationError => "resp_authorizer_or_integration_error",
            ResponseCode::InvalidAudience => INVALID_AUDIENCE,
            ResponseCode::InvalidToken { .. } => "resp_invalid_token",
            ResponseCode::Unauthorized { .. } => UNAUTHORIZED,
            ResponseCode::Forbidden => FORBIDDEN,
            ResponseCode::PreflightRejected { .. } => "resp_preflight_hits_authorizer",
            ResponseCode::CorsHidesStatus => "resp_cors_hides_status",
            ResponseCode::MethodArnTooLong => "resp_method_arn_too_long",
            ResponseCode::AlbAnswer { login: true } => "resp_alb_login_action",
            ResponseCode::AlbAnswer { .. } => "resp_alb_401",
            ResponseCode::HeadersTooLarge { .. } => "resp_headers_too_large",
            ResponseCode::CustomizedGatewayResponse { .. } => "resp_customized_gateway_response",
            ResponseCode::OtherErrorType { .. } => "resp_other_errortype",
        }
    }

    /// True when changing the token can change the answer; false for the answers that say
    /// nothing about the token (another layer, a wrong URL, IAM, a policy, CORS, a crash).
    pub fn is_token_problem(&self) -> bool {
        match self {
            ResponseCode::TokenExpired { .. }
            | ResponseCode::InvalidAudience
            | ResponseCode::InvalidToken { .. }
            | ResponseCode::Unauthorized { .. }
            // A bare 403 may be a scope miss (J1, H10).
            | ResponseCode::Forbidden
            // The token's size counts toward the limit.
            | ResponseCode::HeadersTooLarge { .. }
            // An authorization failure under another status: the rows may well explain it.
            | ResponseCode::CustomizedGatewayResponse { .. }
            // The ALB's JWT-verification action may have refused the token (A3).
            | ResponseCode::AlbAnswer { login: false } => true,
            ResponseCode::ApiKeyRejected { .. }
            | ResponseCode::QuotaOrThrottle { .. }
            | ResponseCode::WafFiltered
            | ResponseCode::MutualTlsUnknownIssuer
            | ResponseCode::MissingAuthenticationToken { .. }
            | ResponseCode::SigV4ParsedBearer
            | ResponseCode::SigV4BareToken
            | ResponseCode::SigV4IncompleteSignature
            | ResponseCode::SigV4InvalidCredentials
            | ResponseCode::SigV4SignatureExpired
            | ResponseCode::SigV4SignatureMismatch
            | ResponseCode::ResourcePolicyDenies { .. }
            | ResponseCode::LambdaExplicitDeny { .. }
            | ResponseCode::ImplicitDeny
            | ResponseCode::AccessDenied { .. }
            | ResponseCode::AuthorizerError { .. }
            | ResponseCode::AuthorizerOrIntegrationError
            | ResponseCode::PreflightRejected { .. }
            | ResponseCode::CorsHidesStatus
            | ResponseCode::MethodArnTooLong
            | ResponseCode::AlbAnswer { login: true }
            | ResponseCode::OtherErrorType { .. } => false,
        }
    }

    /// How sure the knowledge behind the cause is (the status and the body text may differ:
    /// this is the cause's, C3).
    pub fn status(&self) -> Status {
        match self {
            ResponseCode::SigV4ParsedBearer
            | ResponseCode::SigV4BareToken
            | ResponseCode::TokenExpired { .. }
            | ResponseCode::Forbidden => Status::Reported,
            ResponseCode::ApiKeyRejected {
                with_forbidden_body,
            } => confirmed_if(*with_forbidden_body),
            // L3: the `{"message": null}` body alone is only reported to mean this 500.
            ResponseCode::AuthorizerError { status_seen, .. } => confirmed_if(*status_seen),
            ResponseCode::PreflightRejected { setting, .. } => {
                confirmed_if(*setting == PreflightSetting::HttpDefaultRoute)
            }
            ResponseCode::QuotaOrThrottle { .. }
            | ResponseCode::WafFiltered
            | ResponseCode::MutualTlsUnknownIssuer
            | ResponseCode::MissingAuthenticationToken { .. }
            | ResponseCode::SigV4IncompleteSignature
            | ResponseCode::SigV4InvalidCredentials
            | ResponseCode::SigV4SignatureExpired
            | ResponseCode::SigV4SignatureMismatch
            | ResponseCode::ResourcePolicyDenies { .. }
            | ResponseCode::LambdaExplicitDeny { .. }
            | ResponseCode::ImplicitDeny
            | ResponseCode::AccessDenied { .. }
            | ResponseCode::AuthorizerOrIntegrationError
            | ResponseCode::InvalidAudience
            | ResponseCode::InvalidToken { .. }
            | ResponseCode::Unauthorized { .. }
            | ResponseCode::CorsHidesStatus
            | ResponseCode::AlbAnswer { .. }
            | ResponseCode::MethodArnTooLong
            | ResponseCode::HeadersTooLarge { .. }
            | ResponseCode::CustomizedGatewayResponse { .. }
            | ResponseCode::OtherErrorType { .. } => Status::Confirmed,
        }
    }

    /// How serious it is.
    pub fn severity(&self) -> Severity {
        match self {
            ResponseCode::CorsHidesStatus => Severity::Warning,
            ResponseCode::CustomizedGatewayResponse { .. }
            | ResponseCode::OtherErrorType { .. } => Severity::Info,
            _ => Severity::Error,
        }
    }

    /// The source keys (gateways.md, Sources) backing it.
    pub fn sources(&self) -> &'static [&'static str] {
        match self {
            ResponseCode::ApiKeyRejected { .. } => &["KC-403", "GW-RESP"],
            ResponseCode::QuotaOrThrottle { .. } | ResponseCode::WafFiltered => &["GW-RESP"],
            ResponseCode::MutualTlsUnknownIssuer => &["KC-MTLS"],
            ResponseCode::MissingAuthenticationToken { .. } => &["KC-MAT", "GW-RESP", "KC-403"],
            ResponseCode::SigV4ParsedBearer | ResponseCode::SigV4BareToken => {
                &["KEYVAL", "KC-SIGV4"]
            }
            ResponseCode::SigV4IncompleteSignature | ResponseCode::SigV4SignatureExpired => {
                &["KC-403"]
            }
            ResponseCode::SigV4InvalidCredentials => &["KC-403", "KC-SIGV4"],
            ResponseCode::SigV4SignatureMismatch => &["KC-SIGV4"],
            ResponseCode::ResourcePolicyDenies { .. } => &["APIGW-AUTHFLOW", "KC-403"],
            ResponseCode::LambdaExplicitDeny { .. } => &["KC-403", "KC-403-LAMBDA"],
            ResponseCode::ImplicitDeny => &["KC-CACHE", "KC-403-LAMBDA"],
            ResponseCode::AccessDenied { .. } => &["KC-403"],
            ResponseCode::TokenExpired { .. } => &["GW-RESP", "AMPLIFY-6060", "AMPLIFY-10147"],
            ResponseCode::AuthorizerError {
                authorizer: Some(AuthorizerKind::Lambda),
                ..
            } => &["GW-RESP", "LAMBDA-AUTH", "LOIGE"],
            ResponseCode::AuthorizerError { .. } => &["GW-RESP"],
            ResponseCode::AuthorizerOrIntegrationError => &["HTTP-LAMBDA"],
            ResponseCode::InvalidAudience => &["HTTP-JWT-TS"],
            ResponseCode::InvalidToken { .. } => &["HTTP-JWT-TS", "HTTP-JWT"],
            ResponseCode::Unauthorized {
                from_errortype: true,
            } => &["GW-RESP", "KC-401", "COG-IDJS-602"],
            ResponseCode::Unauthorized { .. } => &["GW-RESP", "KC-401"],
            ResponseCode::Forbidden => &[
                "KC-403",
                "GW-RESP",
                "REST-JWT-METHODS",
                "KC-VPC",
                "KC-MTLS",
                "YULIN-302",
            ],
            ResponseCode::PreflightRejected { setting, .. } => match setting {
                PreflightSetting::RestSam => &["SAM-APIAUTH", "SAM-957"],
                PreflightSetting::HttpDefaultRoute => &["HTTP-CORS"],
                PreflightSetting::Either => &["SAM-APIAUTH", "HTTP-CORS"],
            },
            ResponseCode::CorsHidesStatus => &["REST-CORS", "REPOST-CORS-401", "FETCH-SPEC"],
            ResponseCode::MethodArnTooLong => &["APIGW-QUOTAS"],
            ResponseCode::AlbAnswer { login: true } => &["ALB-AUTH"],
            ResponseCode::AlbAnswer { .. } => &["ALB-AUTH", "ALB-JWT"],
            ResponseCode::HeadersTooLarge { .. } => &["APIGW-QUOTAS", "HTTP-QUOTAS"],
            ResponseCode::CustomizedGatewayResponse { .. } => &["GW-RESP"],
            ResponseCode::OtherErrorType { .. } => &["KC-403"],
        }
    }

    /// As a diagnosis finding (the evidence is in the code).
    pub fn into_finding(self) -> Finding {
        Finding {
            stage: Stage::Gateway,
            severity: self.severity(),
            status: self.status(),
            evidence: Vec::new(),
            sources: self.sources().to_vec(),
            code: Code::Response(self),
        }
    }
}

fn confirmed_if(b: bool) -> Status {
    if b {
        Status::Confirmed
    } else {
        Status::Reported
    }
}
