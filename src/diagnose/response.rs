//! What the gateway answered — a status line, headers, a JSON body, a whole `curl -v`
//! transcript or a browser console line, pasted alone or mixed with other text, in any order —
//! read into typed causes that name the layer that answered (knowledge §1 R7/R8/R14/R18/R20,
//! §1b R21–R26, §2 H9–H12, §3 L2–L7, §9, §12 C3/C8–C12), including the answers that are not
//! token problems at all.
//!
//! Owns [`read_response`], [`looks_like_response`] and [`ResponseCode`]. Never panics; reads at
//! most [`MAX_INPUT`] bytes and a bounded number of lines, in linear time. Never copies credential
//! bytes (the request's `Authorization` line, a token quoted in a SigV4 message) into a finding.
//! Must not produce prose (`explain::response`).

mod causes;
mod code;
mod lex;

pub use code::{
    NamedClaim, PreflightSetting, ResponseCode, API_KEY_REJECTED, FORBIDDEN, INVALID_AUDIENCE,
    TOKEN_EXPIRED, UNAUTHORIZED,
};

use crate::diagnose::finding::{Code, Finding};

/// Bytes of the answer that are read; the rest is ignored.
pub const MAX_INPUT: usize = 256 * 1024;

/// A parsed `www-authenticate: Bearer …` challenge (RFC 6750 §3).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WwwAuthenticate {
    /// The scheme, e.g. `Bearer`.
    pub scheme: String,
    /// `error`, e.g. `invalid_token`.
    pub error: Option<String>,
    /// `error_description`.
    pub error_description: Option<String>,
    /// `scope`.
    pub scope: Option<String>,
}

/// The `x-amzn-errortype` response header: the layer of API Gateway that answered (R21).
/// AWS sometimes appends `:http://internal.amazon.com/…`; only the name before the first `:` is
/// kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorType {
    /// `AccessDeniedException`: a Lambda-authorizer deny, a resource/IAM policy deny, or invalid
    /// IAM credentials.
    AccessDenied,
    /// `ForbiddenException`: the API key (with body `Forbidden`, R22).
    Forbidden,
    /// `MissingAuthenticationTokenException`: no such route, or an unsigned IAM call.
    MissingAuthenticationToken,
    /// `InvalidSignatureException`: a SigV4 signature (e.g. `Signature expired`).
    InvalidSignature,
    /// `IncompleteSignatureException`: a SigV4 header problem.
    IncompleteSignature,
    /// `UnauthorizedException`: an authorizer's 401 (REPORTED).
    Unauthorized,
    /// `AuthorizerConfigurationException`: an authorizer configuration failure (500).
    AuthorizerConfiguration,
    /// Any other name, as sent.
    Other(String),
}

impl ErrorType {
    /// Reads a header value, e.g. `ForbiddenException:http://internal.amazon.com/coral/…`.
    pub fn parse(value: &str) -> ErrorType {
        let name = value.split(':').next().unwrap_or_default().trim();
        match name.to_ascii_lowercase().as_str() {
            "accessdeniedexception" => ErrorType::AccessDenied,
            "forbiddenexception" => ErrorType::Forbidden,
            "missingauthenticationtokenexception" => ErrorType::MissingAuthenticationToken,
            "invalidsignatureexception" => ErrorType::InvalidSignature,
            "incompletesignatureexception" => ErrorType::IncompleteSignature,
            "unauthorizedexception" => ErrorType::Unauthorized,
            "authorizerconfigurationexception" => ErrorType::AuthorizerConfiguration,
            _ => ErrorType::Other(lex::redact(name)),
        }
    }
}

/// The kind of authorizer the method uses, when the caller knows it (from the gateway form).
/// Only with [`AuthorizerKind::Lambda`] is a 500 blamed on a Lambda function (C9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthorizerKind {
    /// A REST `COGNITO_USER_POOLS` authorizer.
    Cognito,
    /// A Lambda (`TOKEN`/`REQUEST`, or HTTP API Lambda) authorizer.
    Lambda,
    /// An HTTP API or REST `JWT` authorizer.
    Jwt,
}

/// The API type, when the caller knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKind {
    /// API Gateway REST API (v1), often built with SAM.
    Rest,
    /// API Gateway HTTP API (v2).
    Http,
}

/// What the caller knows about the method that answered; everything optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AnswerContext {
    /// The method's authorizer.
    pub authorizer: Option<AuthorizerKind>,
    /// The API type.
    pub api: Option<ApiKind>,
}

/// What was read from the answer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResponseReading {
    /// HTTP status, when one was seen.
    pub status: Option<u16>,
    /// The body's `message` (or `Message`), credential-like runs redacted; JSON `null` reads as
    /// `"null"`.
    pub body_message: Option<String>,
    /// The `x-amzn-errortype` header, when present.
    pub errortype: Option<ErrorType>,
    /// The `www-authenticate` challenge, when present.
    pub www_authenticate: Option<WwwAuthenticate>,
    /// Causes; every code is `Code::Response`.
    pub findings: Vec<Finding>,
}

impl ResponseReading {
    /// The typed causes, in order.
    pub fn codes(&self) -> impl Iterator<Item = &ResponseCode> {
        self.findings.iter().filter_map(|f| match &f.code {
            Code::Response(c) => Some(c),
            _ => None,
        })
    }

    /// True when the text held anything of a gateway's answer.
    pub fn is_answer(&self) -> bool {
        self.status.is_some()
            || self.errortype.is_some()
            || self.www_authenticate.is_some()
            || !self.findings.is_empty()
    }
}

fn bounded(text: &str) -> &str {
    if text.len() <= MAX_INPUT {
        return text;
    }
    let mut end = MAX_INPUT;
    while !text.is_char_boundary(end) {
        end = end.saturating_sub(1);
    }
    text.get(..end).unwrap_or_default()
}

/// Reads an answer and maps it to causes, knowing nothing about the method. Never panics.
pub fn read_response(text: &str) -> ResponseReading {
    read_response_with(text, AnswerContext::default())
}

/// Reads an answer and maps it to causes, with what the caller knows about the method (its
/// authorizer names the Lambda on a 500, its API type picks the preflight fix).
pub fn read_response_with(text: &str, context: AnswerContext) -> ResponseReading {
    let text = bounded(text);
    let facts = lex::read(text);
    let findings = causes::causes(&facts, &text.to_ascii_lowercase(), context)
        .into_iter()
        .map(ResponseCode::into_finding)
        .collect();
    ResponseReading {
        status: facts.status,
        body_message: facts
            .message
            .map(|m| m.unwrap_or_else(|| "null".to_owned())),
        errortype: facts.errortype,
        www_authenticate: facts.www_authenticate,
        findings,
    }
}

/// The answer's status alone, read without judging the answer (no causes, no lower-case copy
/// of the text): for the paste box, where a paste holding tokens is read as an answer only when
/// it has a status.
pub fn status_of(text: &str) -> Option<u16> {
    lex::read(bounded(text)).status
}

/// True when the text is (or holds) a gateway's answer: a status line, an `x-amzn-errortype`
/// or `www-authenticate` header, a body or console line tokenlens recognises. False for a bare
/// JWT, a token response, a JWKS, a curl command without its answer. For the paste box.
pub fn looks_like_response(text: &str) -> bool {
    read_response(text).is_answer()
}

/// [`ResponseCode::is_token_problem`] by stable name, for callers that hold only `as_str()`.
/// Unknown names are not token problems.
pub fn is_token_problem(code: &str) -> bool {
    matches!(
        code,
        "resp_token_expired"
            | "resp_invalid_audience"
            | "resp_invalid_token"
            | "resp_unauthorized"
            | "resp_forbidden"
            | "resp_headers_too_large"
            | "resp_customized_gateway_response"
            | "resp_alb_401"
    )
}
