//! Where an issuer's keys live, and what a fetch for them came back with.
//!
//! Owns the pure half of key fetching: the URL to ask for an issuer (Cognito's
//! `{iss}/.well-known/jwks.json` in the token's own issuer form, then the pool's other form;
//! otherwise OIDC discovery), and the judgement of each response the browser shell hands back
//! (status, body, redirect, size, or a [`FetchFailure`]). Must not fetch anything itself:
//! `web::net` does, and never with token bytes in the request. Whether to fetch without a click
//! is `crate::fetch_policy`'s question, not this module's.

mod cognito;
mod fetch;
mod judge;
mod url;

pub use cognito::{is_cognito_issuer, CognitoForm, CognitoPool};
pub use fetch::fetch_keys;
pub use judge::{judge_discovery, judge_jwks, judge_response, judge_x5u};
pub use url::{check_url, is_loopback, origin, same_origin};

use crate::jose::jwk::{JwksError, KeyInputError, KeySet};

/// The largest body accepted from a key or discovery endpoint, counted in decoded bytes (after
/// the browser undid any `Content-Encoding`). Real JWKS are a few KiB; a larger answer is not a
/// key set, and parsing it would only stall the page.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// How long the shell waits for an answer, body included, before giving up.
pub const TIMEOUT_MS: u32 = 10_000;

/// Why a request produced no HTTP response, as far as a browser can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchFailure {
    /// The request failed before any response: offline, DNS, TLS, refused, **or blocked by
    /// CORS**. Browsers deliberately report all of these the same way.
    Network,
    /// No complete answer within [`TIMEOUT_MS`].
    Timeout,
    /// The page's Content-Security-Policy or the URL's form forbade the request.
    Refused,
}

/// Why the shell stopped reading a body before its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// `Content-Length` declared more than [`MAX_BODY_BYTES`]: nothing was read.
    Declared {
        /// The declared length.
        length: u64,
    },
    /// More than [`MAX_BODY_BYTES`] decoded bytes arrived: reading stopped and the request
    /// was aborted.
    Streamed {
        /// Decoded bytes that had arrived when reading stopped.
        received: usize,
        /// The `Content-Length` the server declared (of the encoded body), if any.
        declared: Option<u64>,
    },
}

/// An HTTP response as the shell received it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Response {
    /// HTTP status code.
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The decoded body: all of it, or (when [`Response::cut`] is set) what arrived before
    /// reading stopped, at most [`MAX_BODY_BYTES`] + 1 bytes.
    pub body: Vec<u8>,
    /// The URL the answer came from when the browser followed redirects to get it (the Fetch
    /// API's `response.url` with `response.redirected`); `None` when it is the URL asked for.
    pub redirected_to: Option<String>,
    /// Set when the body was not read to its end.
    pub cut: Option<Cut>,
}

/// The first request to make for an issuer's keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeysPlan {
    /// A Cognito user pool: its key set is at a fixed place, no discovery needed.
    CognitoJwks {
        /// `{iss}/.well-known/jwks.json`, in the token's own issuer form ([`fetch_keys`] tries
        /// the pool's other form after it, see [`cognito_jwks_urls`]).
        jwks_url: String,
    },
    /// Any other issuer: read its OpenID configuration, then its `jwks_uri`.
    Discovery {
        /// `{iss}/.well-known/openid-configuration` (OpenID Connect Discovery 1.0 §4).
        config_url: String,
    },
}

/// Why no URL could be derived from an issuer or typed URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlProblem {
    /// Nothing was given.
    Empty,
    /// Not an absolute `https://` (or loopback `http://`) URL.
    NotHttpUrl {
        /// The value as given.
        value: String,
    },
    /// `http://` to a host that is not this machine: keys must come over TLS.
    PlainHttp {
        /// The value as given.
        value: String,
    },
}

/// How far over [`MAX_BODY_BYTES`] an answer was, as far as the page could see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Oversize {
    /// `Content-Length` said so; nothing was read.
    Declared {
        /// The declared length in bytes.
        length: u64,
    },
    /// The body streamed past the cap (no length declared, or a wrong one).
    Streamed {
        /// Bytes that had arrived when reading stopped.
        received: usize,
    },
    /// A small compressed body inflated past the cap (more decoded bytes than declared).
    Inflated {
        /// The declared (compressed) length.
        declared: u64,
        /// Decoded bytes that had arrived when reading stopped.
        received: usize,
    },
}

/// An HTML page where JSON was expected: a login page, a proxy's or CDN's error page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlPage {
    /// Its `<title>`, whitespace collapsed, at most 100 characters.
    pub title: Option<String>,
}

/// What went wrong with a discovery or key-set fetch, with the values that show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchProblem {
    /// No response: network failure or a CORS block (indistinguishable in a browser).
    NetworkOrCors {
        /// The URL asked for.
        url: String,
    },
    /// No complete response in time.
    Timeout {
        /// The URL asked for.
        url: String,
        /// The limit, in milliseconds.
        limit_ms: u32,
    },
    /// The browser refused to send the request (Content-Security-Policy).
    Refused {
        /// The URL asked for.
        url: String,
    },
    /// The answer came from another origin after a redirect: not used.
    CrossOriginRedirect {
        /// The URL asked for.
        url: String,
        /// Where the redirects ended.
        to: String,
    },
    /// An HTTP error status (3xx that the browser did not follow, 4xx, 5xx).
    Status {
        /// The URL asked for.
        url: String,
        /// The status received.
        status: u16,
        /// Set when the body is an HTML error page.
        page: Option<HtmlPage>,
    },
    /// HTTP 403 from a key set URL under an UPDATED Cognito issuer
    /// (`issuer-cognito-idp.…`): reported for pools still on the ORIGINAL issuer (gateways.md
    /// §5.2, AJV-279), so it does not by itself mean that the pool does not exist.
    UpdatedIssuerForbidden {
        /// The URL asked for.
        url: String,
    },
    /// The body was larger than [`MAX_BODY_BYTES`].
    TooLarge {
        /// The URL asked for.
        url: String,
        /// The limit, in bytes.
        limit: usize,
        /// How large it was, as far as seen.
        size: Oversize,
    },
    /// A 2xx answer that is an HTML page.
    HtmlPage {
        /// The URL asked for.
        url: String,
        /// The status received.
        status: u16,
        /// The page.
        page: HtmlPage,
    },
    /// The body was not JSON.
    NotJson {
        /// The URL asked for.
        url: String,
        /// The `Content-Type` received, if any.
        content_type: Option<String>,
    },
    /// JSON, but not an OpenID configuration with a `jwks_uri`.
    NoJwksUri {
        /// The URL asked for.
        url: String,
    },
}

/// Why getting a key set over the network failed, at whichever step it failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeysError {
    /// The URL (typed, derived from `iss`, or from the token header) cannot be fetched.
    Url(UrlProblem),
    /// The request or its HTTP answer failed.
    Fetch(FetchProblem),
    /// The answer is not a usable JWK Set.
    Jwks {
        /// The URL fetched.
        url: String,
        /// What is wrong with the body.
        error: JwksError,
    },
    /// The answer (an `x5u` certificate chain) holds no usable key.
    Certificates {
        /// The URL fetched.
        url: String,
        /// What is wrong with the body.
        error: KeyInputError,
    },
}

impl KeysError {
    /// A stable code for automation and tests (`data-problem` on the page).
    pub fn code(&self) -> &'static str {
        match self {
            KeysError::Url(_) => "bad-url",
            KeysError::Fetch(p) => p.code(),
            KeysError::Jwks {
                error: JwksError::NotUtf8 { .. } | JwksError::NotJson { .. },
                ..
            } => "not-json",
            KeysError::Jwks { .. } | KeysError::Certificates { .. } => "not-key-set",
        }
    }
}

impl FetchProblem {
    /// A stable code for automation and tests.
    pub fn code(&self) -> &'static str {
        match self {
            FetchProblem::NetworkOrCors { .. } => "network-or-cors",
            FetchProblem::Timeout { .. } => "timeout",
            FetchProblem::Refused { .. } => "refused",
            FetchProblem::CrossOriginRedirect { .. } => "cross-origin-redirect",
            FetchProblem::Status { .. } => "status",
            FetchProblem::UpdatedIssuerForbidden { .. } => "updated-issuer-forbidden",
            FetchProblem::TooLarge { .. } => "too-large",
            FetchProblem::HtmlPage { .. } => "html-page",
            FetchProblem::NotJson { .. } => "not-json",
            FetchProblem::NoJwksUri { .. } => "no-jwks-uri",
        }
    }

    /// The URL the failed request was for.
    pub fn url(&self) -> &str {
        match self {
            FetchProblem::NetworkOrCors { url }
            | FetchProblem::Timeout { url, .. }
            | FetchProblem::Refused { url }
            | FetchProblem::CrossOriginRedirect { url, .. }
            | FetchProblem::Status { url, .. }
            | FetchProblem::UpdatedIssuerForbidden { url }
            | FetchProblem::TooLarge { url, .. }
            | FetchProblem::HtmlPage { url, .. }
            | FetchProblem::NotJson { url, .. }
            | FetchProblem::NoJwksUri { url } => url,
        }
    }

    /// A URL the user may choose to fetch instead, with a click: where a refused cross-origin
    /// redirect ended.
    pub fn next_url(&self) -> Option<&str> {
        match self {
            FetchProblem::CrossOriginRedirect { to, .. } => Some(to),
            FetchProblem::NetworkOrCors { .. }
            | FetchProblem::Timeout { .. }
            | FetchProblem::Refused { .. }
            | FetchProblem::Status { .. }
            | FetchProblem::UpdatedIssuerForbidden { .. }
            | FetchProblem::TooLarge { .. }
            | FetchProblem::HtmlPage { .. }
            | FetchProblem::NotJson { .. }
            | FetchProblem::NoJwksUri { .. } => None,
        }
    }
}

/// Why a request is made, for the page's network log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// An OpenID configuration, to find `jwks_uri`.
    Discovery,
    /// A key set.
    KeySet,
    /// The same key set again, because it lacked the token's `kid`.
    KeySetAgain,
    /// An `x5u` certificate chain.
    Certificates,
    /// The organisation's presets file beside the page.
    Presets,
}

/// What became of a request, in a few words for the network log (no body, no headers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// An HTTP answer with this status and body size.
    Answer {
        /// HTTP status.
        status: u16,
        /// Body size in bytes (as read; capped).
        bytes: usize,
        /// Where redirects ended, if the browser followed any.
        redirected_to: Option<String>,
        /// Set when reading stopped before the end of the body.
        cut: Option<Cut>,
    },
    /// No answer.
    Failed(FetchFailure),
}

impl Outcome {
    /// Summarises a fetch result.
    pub fn of(result: &Result<Response, FetchFailure>) -> Outcome {
        match result {
            Ok(r) => Outcome::Answer {
                status: r.status,
                bytes: r.body.len(),
                redirected_to: r.redirected_to.clone(),
                cut: r.cut,
            },
            Err(f) => Outcome::Failed(f.clone()),
        }
    }
}

/// What the user asked to fetch keys from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeysRequest {
    /// A JWKS URL typed by the user.
    JwksUrl(String),
    /// "Discover from issuer" with the token's `iss`.
    Issuer(String),
    /// The token header's `jku` (RFC 7515 §4.1.2), after the user confirmed a warning.
    HeaderJku(String),
    /// The token header's `x5u` (RFC 7515 §4.1.5), after the user confirmed a warning.
    HeaderX5u(String),
}

/// The outcome of a [`KeysRequest`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// What was asked for.
    pub request: KeysRequest,
    /// The last URL fetched: where the key set came from (after a same-origin redirect, the
    /// redirect's final URL), or the step that failed.
    pub url: String,
    /// The URL asked for, when `url` is where a same-origin redirect led from it.
    pub redirected_from: Option<String>,
    /// The key set, or why there is none.
    pub result: Result<KeySet, KeysError>,
    /// True when the key set was fetched a second time because the first answer lacked the
    /// token's `kid` (keys rotate; aws-jwt-verify does the same).
    pub refetched: bool,
    /// Set when discovery's `issuer` differs from the token's `iss`.
    pub issuer_mismatch: Option<IssuerMismatch>,
    /// Other URLs tried for the same keys that failed (a Cognito pool's key set in its other
    /// issuer form), each with its failure.
    pub also_failed: Vec<(String, KeysError)>,
}

/// Reads `iss` as a Cognito user-pool issuer in either form (ORIGINAL or UPDATED), pool ids
/// with the `eusc-` prefix included.
pub fn cognito_pool(iss: &str) -> Option<CognitoPool> {
    cognito::parse(iss.trim())
}

/// The key set URLs to try for a Cognito issuer, the token's own form first: ORIGINAL
/// `https://cognito-idp.{region}.amazonaws.com/{pool}/.well-known/jwks.json` and UPDATED
/// `https://issuer-cognito-idp.{region}.amazonaws.com/{pool}/.well-known/jwks.json`
/// (gateways.md §5.2). `None` for other issuers.
pub fn cognito_jwks_urls(iss: &str) -> Option<[String; 2]> {
    let pool = cognito::parse(iss.trim())?;
    Some([pool.jwks_url(pool.form), pool.jwks_url(pool.form.other())])
}

/// A discovery document read successfully.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discovered {
    /// The `jwks_uri` to fetch next.
    pub jwks_uri: String,
    /// The document's `issuer`, when it differs from the token's `iss` (OpenID Connect
    /// Discovery 1.0 §4.3 requires them to be identical).
    pub issuer_mismatch: Option<IssuerMismatch>,
}

/// The discovery document names another issuer than the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerMismatch {
    /// The token's `iss`.
    pub expected: String,
    /// The document's `issuer` (absent → `None`).
    pub found: Option<String>,
}

/// The first request for an issuer's keys.
pub fn plan_for_issuer(iss: &str) -> Result<KeysPlan, UrlProblem> {
    let iss = iss.trim();
    check_url(iss)?;
    if is_cognito_issuer(iss) {
        return Ok(KeysPlan::CognitoJwks {
            jwks_url: format!("{iss}/.well-known/jwks.json"),
        });
    }
    // OpenID Connect Discovery 1.0 §4: a terminating "/" is removed before appending.
    let base = iss.strip_suffix('/').unwrap_or(iss);
    Ok(KeysPlan::Discovery {
        config_url: format!("{base}/.well-known/openid-configuration"),
    })
}

/// The `curl` command that fetches `url` from a terminal, for when the browser cannot (CORS).
/// The URL is single-quoted for POSIX shells.
pub fn curl_command(url: &str) -> String {
    format!("curl -sS '{}'", url.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests;
