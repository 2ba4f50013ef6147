//! Where an issuer's keys live, and what a fetch for them came back with.
//!
//! Owns the pure half of key fetching: the URL to ask for an issuer (Cognito's
//! `{iss}/.well-known/jwks.json`, otherwise OIDC discovery), and the judgement of each response
//! the browser shell hands back (status, body, or a [`FetchFailure`]). Must not fetch anything
//! itself: `web::net` does, and never with token bytes in the request.

use crate::jose::json::{JsonDoc, Value};
use crate::jose::jwk::{self, JwksError, KeyInputError, KeySet, SecretEncoding};

/// The largest body accepted from a key or discovery endpoint. Real JWKS are a few KiB; a
/// larger answer is not a key set, and parsing it would only stall the page.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// How long the shell waits for an answer before giving up.
pub const TIMEOUT_MS: u32 = 10_000;

/// Why a request produced no HTTP response, as far as a browser can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchFailure {
    /// The request failed before any response: offline, DNS, TLS, refused, **or blocked by
    /// CORS**. Browsers deliberately report all of these the same way.
    Network,
    /// No answer within [`TIMEOUT_MS`].
    Timeout,
    /// The page's Content-Security-Policy or the URL's form forbade the request.
    Refused,
}

/// An HTTP response as the shell received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// HTTP status code.
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The body, at most [`MAX_BODY_BYTES`] + 1 bytes (the shell stops reading after that).
    pub body: Vec<u8>,
}

/// The first request to make for an issuer's keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeysPlan {
    /// A Cognito user pool: its key set is at a fixed place, no discovery needed.
    CognitoJwks {
        /// `{iss}/.well-known/jwks.json`.
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

/// What went wrong with a discovery or key-set fetch, with the values that show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchProblem {
    /// No response: network failure or a CORS block (indistinguishable in a browser).
    NetworkOrCors {
        /// The URL asked for.
        url: String,
    },
    /// No response in time.
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
    /// An HTTP error status.
    Status {
        /// The URL asked for.
        url: String,
        /// The status received.
        status: u16,
    },
    /// The body was larger than [`MAX_BODY_BYTES`].
    TooLarge {
        /// The URL asked for.
        url: String,
        /// The limit, in bytes.
        limit: usize,
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
            FetchProblem::Status { .. } => "status",
            FetchProblem::TooLarge { .. } => "too-large",
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
            | FetchProblem::Status { url, .. }
            | FetchProblem::TooLarge { url, .. }
            | FetchProblem::NotJson { url, .. }
            | FetchProblem::NoJwksUri { url } => url,
        }
    }
}

/// Reads a fetched JWK Set (a JWKS URL, Cognito's `jwks.json`, a discovered `jwks_uri`, `jku`).
pub fn judge_jwks(url: &str, outcome: Result<Response, FetchFailure>) -> Result<KeySet, KeysError> {
    let response = judge_response(url, outcome).map_err(KeysError::Fetch)?;
    jwk::parse_jwks(&response.body).map_err(|error| KeysError::Jwks {
        url: url.to_owned(),
        error,
    })
}

/// Reads a fetched `x5u` resource: PEM certificates (RFC 7515 §4.1.5); the first one's key is
/// the signer's.
pub fn judge_x5u(url: &str, outcome: Result<Response, FetchFailure>) -> Result<KeySet, KeysError> {
    let response = judge_response(url, outcome).map_err(KeysError::Fetch)?;
    let text = String::from_utf8_lossy(&response.body);
    jwk::parse_key_input(&text, SecretEncoding::Text)
        .ok()
        .filter(|set| !set.keys.is_empty() && text.contains("-----BEGIN CERTIFICATE-----"))
        .ok_or(KeysError::Certificates {
            url: url.to_owned(),
            error: KeyInputError::Empty,
        })
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
    /// The last URL fetched (the key set's, or the step that failed).
    pub url: String,
    /// The key set, or why there is none.
    pub result: Result<KeySet, KeysError>,
    /// True when the key set was fetched a second time because the first answer lacked the
    /// token's `kid` (keys rotate; aws-jwt-verify does the same).
    pub refetched: bool,
    /// Set when discovery's `issuer` differs from the token's `iss`.
    pub issuer_mismatch: Option<IssuerMismatch>,
}

/// Carries out a [`KeysRequest`] with `get` (the shell's fetch): discovery when needed, then
/// the key set, fetched once more if it lacks `kid`. Every URL passes [`check_url`] first.
pub async fn fetch_keys<F, Fut>(request: KeysRequest, kid: Option<&str>, get: F) -> Fetched
where
    F: Fn(String, Why) -> Fut,
    Fut: std::future::Future<Output = Result<Response, FetchFailure>>,
{
    let mut fetched = Fetched {
        request: request.clone(),
        url: String::new(),
        result: Err(KeysError::Url(UrlProblem::Empty)),
        refetched: false,
        issuer_mismatch: None,
    };
    let jwks_url = match &request {
        KeysRequest::JwksUrl(url) | KeysRequest::HeaderJku(url) => url.trim().to_owned(),
        KeysRequest::HeaderX5u(url) => {
            fetched.url = url.trim().to_owned();
            fetched.result = match check_url(&fetched.url) {
                Err(p) => Err(KeysError::Url(p)),
                Ok(()) => judge_x5u(
                    &fetched.url,
                    get(fetched.url.clone(), Why::Certificates).await,
                ),
            };
            return fetched;
        }
        KeysRequest::Issuer(iss) => match plan_for_issuer(iss) {
            Err(p) => {
                fetched.url = iss.clone();
                fetched.result = Err(KeysError::Url(p));
                return fetched;
            }
            Ok(KeysPlan::CognitoJwks { jwks_url }) => jwks_url,
            Ok(KeysPlan::Discovery { config_url }) => {
                match judge_discovery(
                    &config_url,
                    iss,
                    get(config_url.clone(), Why::Discovery).await,
                ) {
                    Err(p) => {
                        fetched.url = config_url;
                        fetched.result = Err(KeysError::Fetch(p));
                        return fetched;
                    }
                    Ok(found) => {
                        fetched.issuer_mismatch = found.issuer_mismatch;
                        found.jwks_uri
                    }
                }
            }
        },
    };
    fetched.url = jwks_url.clone();
    if let Err(p) = check_url(&jwks_url) {
        fetched.result = Err(KeysError::Url(p));
        return fetched;
    }
    fetched.result = judge_jwks(&jwks_url, get(jwks_url.clone(), Why::KeySet).await);
    let lacks_kid = |set: &KeySet| {
        kid.is_some_and(|kid| !set.keys.iter().any(|k| k.kid.as_deref() == Some(kid)))
    };
    if fetched.result.as_ref().is_ok_and(lacks_kid) {
        fetched.refetched = true;
        fetched.result = judge_jwks(&jwks_url, get(jwks_url.clone(), Why::KeySetAgain).await);
    }
    fetched
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

/// True when `iss` names an Amazon Cognito user pool
/// (`https://cognito-idp.{region}.amazonaws.com/{region}_{id}`).
pub fn is_cognito_issuer(iss: &str) -> bool {
    let Some(rest) = iss.strip_prefix("https://cognito-idp.") else {
        return false;
    };
    let Some((region, pool)) = rest.split_once(".amazonaws.com/") else {
        return false;
    };
    let pool_region = pool.split_once('_').map(|(r, _)| r);
    !region.is_empty() && !pool.contains('/') && pool_region == Some(region)
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

/// Checks a URL the user typed (or a `jwks_uri`) before it is fetched: `https://`, or
/// `http://` to this machine only (local test servers).
pub fn check_url(url: &str) -> Result<(), UrlProblem> {
    let url = url.trim();
    if url.is_empty() {
        return Err(UrlProblem::Empty);
    }
    let lower = url.to_ascii_lowercase();
    let (rest, secure) = if let Some(rest) = lower.strip_prefix("https://") {
        (rest, true)
    } else if let Some(rest) = lower.strip_prefix("http://") {
        (rest, false)
    } else {
        return Err(UrlProblem::NotHttpUrl {
            value: url.to_owned(),
        });
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host_of(authority);
    if host.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(UrlProblem::NotHttpUrl {
            value: url.to_owned(),
        });
    }
    if !secure && !is_loopback(host) {
        return Err(UrlProblem::PlainHttp {
            value: url.to_owned(),
        });
    }
    Ok(())
}

fn host_of(authority: &str) -> &str {
    let after_user = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if let Some(v6) = after_user.strip_prefix('[') {
        return v6.split_once(']').map_or("", |(h, _)| h);
    }
    after_user.split_once(':').map_or(after_user, |(h, _)| h)
}

/// True for `localhost`, `127.0.0.0/8` and `::1`.
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    if host == "localhost" || host == "::1" || host.ends_with(".localhost") {
        return true;
    }
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets.first() == Some(&"127")
        && octets
            .iter()
            .all(|o| !o.is_empty() && o.len() <= 3 && o.parse::<u8>().is_ok())
}

/// Judges the HTTP layer of any key-related fetch: a response with a 2xx status and a body
/// within the size limit, or the problem.
pub fn judge_response(
    url: &str,
    outcome: Result<Response, FetchFailure>,
) -> Result<Response, FetchProblem> {
    let url = url.to_owned();
    let response = match outcome {
        Ok(response) => response,
        Err(FetchFailure::Network) => return Err(FetchProblem::NetworkOrCors { url }),
        Err(FetchFailure::Timeout) => {
            return Err(FetchProblem::Timeout {
                url,
                limit_ms: TIMEOUT_MS,
            })
        }
        Err(FetchFailure::Refused) => return Err(FetchProblem::Refused { url }),
    };
    if !(200..300).contains(&response.status) {
        return Err(FetchProblem::Status {
            url,
            status: response.status,
        });
    }
    if response.body.len() > MAX_BODY_BYTES {
        return Err(FetchProblem::TooLarge {
            url,
            limit: MAX_BODY_BYTES,
        });
    }
    Ok(response)
}

/// Reads an OpenID configuration: its `jwks_uri`, and whether its `issuer` matches `iss`.
pub fn judge_discovery(
    url: &str,
    iss: &str,
    outcome: Result<Response, FetchFailure>,
) -> Result<Discovered, FetchProblem> {
    let response = judge_response(url, outcome)?;
    let doc = json_body(url, &response)?;
    let jwks_uri = doc
        .value
        .get("jwks_uri")
        .and_then(Value::as_str)
        .filter(|u| check_url(u).is_ok())
        .ok_or_else(|| FetchProblem::NoJwksUri {
            url: url.to_owned(),
        })?;
    let found = doc.value.get("issuer").and_then(Value::as_str);
    let issuer_mismatch = (found != Some(iss)).then(|| IssuerMismatch {
        expected: iss.to_owned(),
        found: found.map(str::to_owned),
    });
    Ok(Discovered {
        jwks_uri: jwks_uri.to_owned(),
        issuer_mismatch,
    })
}

fn json_body(url: &str, response: &Response) -> Result<JsonDoc, FetchProblem> {
    std::str::from_utf8(&response.body)
        .ok()
        .and_then(|text| JsonDoc::parse(text.trim_start_matches('\u{feff}')).ok())
        .ok_or_else(|| FetchProblem::NotJson {
            url: url.to_owned(),
            content_type: response.content_type.clone(),
        })
}

/// The `curl` command that fetches `url` from a terminal, for when the browser cannot (CORS).
/// The URL is single-quoted for POSIX shells.
pub fn curl_command(url: &str) -> String {
    format!("curl -sS '{}'", url.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(status: u16, body: &str) -> Result<Response, FetchFailure> {
        Ok(Response {
            status,
            content_type: Some("application/json".into()),
            body: body.as_bytes().to_vec(),
        })
    }

    #[test]
    fn cognito_issuers_fetch_their_jwks_directly() {
        let iss = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123";
        assert_eq!(
            plan_for_issuer(iss),
            Ok(KeysPlan::CognitoJwks {
                jwks_url: format!("{iss}/.well-known/jwks.json")
            })
        );
    }

    #[test]
    fn a_cognito_looking_issuer_with_mismatched_regions_goes_through_discovery() {
        let iss = "https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_AbC123";
        assert!(!is_cognito_issuer(iss));
        assert!(matches!(
            plan_for_issuer(iss),
            Ok(KeysPlan::Discovery { .. })
        ));
    }

    #[test]
    fn other_issuers_use_openid_discovery_without_a_double_slash() {
        assert_eq!(
            plan_for_issuer("https://login.example.com/tenant/v2.0/"),
            Ok(KeysPlan::Discovery {
                config_url:
                    "https://login.example.com/tenant/v2.0/.well-known/openid-configuration".into()
            })
        );
    }

    #[test]
    fn plain_http_is_only_allowed_to_this_machine() {
        assert_eq!(check_url("http://127.0.0.1:8080/jwks"), Ok(()));
        assert_eq!(check_url("http://localhost/jwks"), Ok(()));
        assert_eq!(check_url("http://[::1]:9/jwks"), Ok(()));
        assert!(matches!(
            check_url("http://example.com/jwks"),
            Err(UrlProblem::PlainHttp { .. })
        ));
        assert!(matches!(
            check_url("http://127.0.0.1.evil.example/jwks"),
            Err(UrlProblem::PlainHttp { .. })
        ));
        assert!(matches!(
            check_url("eu-west-1_abc"),
            Err(UrlProblem::NotHttpUrl { .. })
        ));
        assert!(matches!(
            check_url("javascript:alert(1)"),
            Err(UrlProblem::NotHttpUrl { .. })
        ));
        assert_eq!(check_url("  "), Err(UrlProblem::Empty));
    }

    #[test]
    fn a_network_failure_is_reported_as_network_or_cors() {
        assert_eq!(
            judge_response("https://x/jwks", Err(FetchFailure::Network)),
            Err(FetchProblem::NetworkOrCors {
                url: "https://x/jwks".into()
            })
        );
    }

    #[test]
    fn http_errors_and_oversized_bodies_are_told_apart() {
        assert!(matches!(
            judge_response("u", ok(404, "nope")),
            Err(FetchProblem::Status { status: 404, .. })
        ));
        let big = "x".repeat(MAX_BODY_BYTES + 1);
        assert!(matches!(
            judge_response("u", ok(200, &big)),
            Err(FetchProblem::TooLarge { .. })
        ));
    }

    #[test]
    fn discovery_reads_jwks_uri_and_flags_an_issuer_mismatch() {
        let body = r#"{"issuer":"https://id.example/","jwks_uri":"https://id.example/keys"}"#;
        let found = judge_discovery("u", "https://id.example", ok(200, body));
        assert_eq!(
            found,
            Ok(Discovered {
                jwks_uri: "https://id.example/keys".into(),
                issuer_mismatch: Some(IssuerMismatch {
                    expected: "https://id.example".into(),
                    found: Some("https://id.example/".into())
                })
            })
        );
        let exact = judge_discovery("u", "https://id.example/", ok(200, body));
        assert_eq!(exact.map(|d| d.issuer_mismatch), Ok(None));
    }

    #[test]
    fn discovery_without_a_usable_jwks_uri_or_json_says_which() {
        assert!(matches!(
            judge_discovery("u", "i", ok(200, r#"{"issuer":"i"}"#)),
            Err(FetchProblem::NoJwksUri { .. })
        ));
        assert!(matches!(
            judge_discovery("u", "i", ok(200, r#"{"jwks_uri":"ftp://x"}"#)),
            Err(FetchProblem::NoJwksUri { .. })
        ));
        assert!(matches!(
            judge_discovery("u", "i", ok(200, "<html>")),
            Err(FetchProblem::NotJson { .. })
        ));
    }

    #[test]
    fn a_fetched_body_that_is_not_a_key_set_says_whether_it_was_json() {
        let html = judge_jwks("u", ok(200, "<html>login</html>"));
        assert_eq!(html.map_err(|e| e.code()), Err("not-json"));
        let config = judge_jwks("u", ok(200, r#"{"issuer":"i","jwks_uri":"https://i/k"}"#));
        assert_eq!(config.map_err(|e| e.code()), Err("not-key-set"));
        let missing = judge_jwks("u", ok(404, "{}"));
        assert_eq!(missing.map_err(|e| e.code()), Err("status"));
    }

    #[test]
    fn a_fetched_jwks_yields_its_keys() {
        let body = include_str!("../static/demo/jwks.json");
        let set = judge_jwks("u", ok(200, body)).expect("demo JWKS parses");
        assert_eq!(set.keys.len(), 2);
    }

    #[test]
    fn x5u_accepts_certificates_only() {
        let cert = include_str!("../tests/fixtures/jose/public/rsa2048.cert.pem");
        assert!(judge_x5u("u", ok(200, cert)).is_ok());
        let spki = include_str!("../tests/fixtures/jose/public/rsa2048.spki.pem");
        assert_eq!(
            judge_x5u("u", ok(200, spki)).map_err(|e| e.code()),
            Err("not-key-set")
        );
    }

    /// Runs a future that never waits (the fake fetchers below answer at once).
    fn run<T>(fut: impl std::future::Future<Output = T>) -> T {
        let mut fut = std::pin::pin!(fut);
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        match fut.as_mut().poll(&mut cx) {
            std::task::Poll::Ready(v) => v,
            std::task::Poll::Pending => unreachable!("fake fetchers are ready at once"),
        }
    }

    const JWKS: &str = include_str!("../static/demo/jwks.json");

    #[test]
    fn discovery_follows_jwks_uri_and_reports_the_mismatch() {
        let asked = std::cell::RefCell::new(Vec::new());
        let get = |url: String, _why: Why| {
            asked.borrow_mut().push(url.clone());
            let body = if url.ends_with("openid-configuration") {
                r#"{"issuer":"https://id.example/","jwks_uri":"https://id.example/keys"}"#
            } else {
                JWKS
            };
            std::future::ready(ok(200, body))
        };
        let fetched = run(fetch_keys(
            KeysRequest::Issuer("https://id.example".into()),
            None,
            get,
        ));
        assert_eq!(
            *asked.borrow(),
            [
                "https://id.example/.well-known/openid-configuration",
                "https://id.example/keys"
            ]
        );
        assert!(fetched.result.is_ok());
        assert!(fetched.issuer_mismatch.is_some());
        assert_eq!(fetched.url, "https://id.example/keys");
    }

    #[test]
    fn the_network_log_is_told_why_each_request_is_made() {
        let whys = std::cell::RefCell::new(Vec::new());
        let get = |url: String, why: Why| {
            whys.borrow_mut().push(why);
            let body = if url.ends_with("openid-configuration") {
                r#"{"issuer":"https://id.example","jwks_uri":"https://id.example/keys"}"#
            } else {
                JWKS
            };
            std::future::ready(ok(200, body))
        };
        let request = KeysRequest::Issuer("https://id.example".into());
        run(fetch_keys(request, Some("rotated-away"), get));
        assert_eq!(
            *whys.borrow(),
            [Why::Discovery, Why::KeySet, Why::KeySetAgain]
        );
        assert_eq!(
            Outcome::of(&ok(200, "{}")),
            Outcome::Answer {
                status: 200,
                bytes: 2
            }
        );
    }

    #[test]
    fn a_key_set_without_the_tokens_kid_is_fetched_once_more() {
        let calls = std::cell::Cell::new(0);
        let get = |_url: String, _why: Why| {
            calls.set(calls.get() + 1);
            std::future::ready(ok(200, JWKS))
        };
        let request = KeysRequest::JwksUrl("https://x/jwks".into());
        let fetched = run(fetch_keys(request.clone(), Some("not-there"), get));
        assert_eq!(calls.get(), 2);
        assert!(fetched.refetched);
        let present = fetched
            .result
            .as_ref()
            .ok()
            .and_then(|s| s.kids().first().cloned());
        calls.set(0);
        let again = run(fetch_keys(request, present.as_deref(), get));
        assert_eq!(calls.get(), 1);
        assert!(!again.refetched);
    }

    #[test]
    fn a_bad_url_is_never_fetched() {
        let get = |url: String, _why: Why| -> std::future::Ready<Result<Response, FetchFailure>> {
            panic!("fetched {url}")
        };
        let fetched = run(fetch_keys(
            KeysRequest::JwksUrl("http://example.com/k".into()),
            None,
            get,
        ));
        assert_eq!(fetched.result.map_err(|e| e.code()), Err("bad-url"));
        let fetched = run(fetch_keys(
            KeysRequest::Issuer("not a url".into()),
            None,
            get,
        ));
        assert_eq!(fetched.result.map_err(|e| e.code()), Err("bad-url"));
    }

    #[test]
    fn a_cognito_issuer_skips_discovery() {
        let asked = std::cell::RefCell::new(Vec::new());
        let get = |url: String, _why: Why| {
            asked.borrow_mut().push(url);
            std::future::ready(ok(200, JWKS))
        };
        let iss = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_tokenLens";
        let fetched = run(fetch_keys(KeysRequest::Issuer(iss.into()), None, get));
        assert_eq!(*asked.borrow(), [format!("{iss}/.well-known/jwks.json")]);
        assert!(fetched.result.is_ok());
    }

    #[test]
    fn curl_commands_quote_the_url_for_the_shell() {
        assert_eq!(
            curl_command("https://x/a'b"),
            "curl -sS 'https://x/a'\\''b'"
        );
    }
}
