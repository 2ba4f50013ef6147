//! Prose for getting keys over the network: URL problems, fetch failures, discovery, and the
//! warning before fetching a URL that the token itself names.

use super::keys;
use crate::discovery::{FetchProblem, IssuerMismatch, KeysError, UrlProblem, MAX_BODY_BYTES};

/// One sentence for a URL that cannot be fetched.
pub fn url_problem(p: &UrlProblem) -> String {
    match p {
        UrlProblem::Empty => "Enter a JWKS URL first.".to_owned(),
        UrlProblem::NotHttpUrl { value } => format!(
            "\"{}\" is not an https:// URL, so there is nothing to fetch. Enter the key set's URL, \
             or paste the keys instead.",
            value.escape_debug()
        ),
        UrlProblem::PlainHttp { value } => format!(
            "\"{}\" uses plain http:// to another machine; keys must come over https:// (plain \
             http is allowed only to this machine, for local test servers).",
            value.escape_debug()
        ),
    }
}

/// One or two sentences for a failed fetch.
pub fn fetch_problem(p: &FetchProblem) -> String {
    match p {
        FetchProblem::NetworkOrCors { url } => format!(
            "Could not fetch {url}: the request failed before any answer. Either the network \
             failed (offline, DNS, TLS, refused) or the server does not allow this page to read it \
             (no CORS headers) — a browser reports both the same way, so tokenlens cannot tell \
             which. Fetch it from a terminal with the command below and paste the keys into the \
             Keys box."
        ),
        FetchProblem::Timeout { url, limit_ms } => format!(
            "{url} did not answer within {} s. Try again, or fetch it from a terminal and paste \
             the keys.",
            limit_ms / 1000
        ),
        FetchProblem::Refused { url } => format!(
            "This page is not allowed to connect to {url} (its Content-Security-Policy permits \
             only https:// and this machine). Fetch it from a terminal and paste the keys."
        ),
        FetchProblem::Status { url, status } => {
            let hint = match status {
                404 => {
                    " Check the path: a Cognito key set is at {issuer}/.well-known/jwks.json, \
                        and the user pool id and region must both be right."
                }
                401 | 403 => {
                    " Key sets are public; a login or access error usually means the \
                              wrong URL (a management API rather than the key set)."
                }
                _ => "",
            };
            format!("{url} answered HTTP {status}.{hint}")
        }
        FetchProblem::TooLarge { url, limit } => format!(
            "{url} sent more than {} KiB; a key set is a few KiB, so this is not one.",
            limit / 1024
        ),
        FetchProblem::NotJson { url, content_type } => format!(
            "{url} did not answer with JSON{}.",
            content_type
                .as_deref()
                .map(|t| format!(" (Content-Type: {t})"))
                .unwrap_or_default()
        ),
        FetchProblem::NoJwksUri { url } => format!(
            "{url} is JSON but has no usable https:// \"jwks_uri\", so it is not an OpenID \
             configuration this page can follow. Enter the JWKS URL directly."
        ),
    }
}

/// One or two sentences for any failure to get keys.
pub fn keys_error(e: &KeysError) -> String {
    match e {
        KeysError::Url(p) => url_problem(p),
        KeysError::Fetch(p) => fetch_problem(p),
        KeysError::Jwks { url, error } => format!("{url}: {}", keys::jwks_error(error)),
        KeysError::Certificates { url, .. } => format!(
            "{url} holds no PEM certificate with a usable public key (x5u must point to PEM \
             certificates, RFC 7515 §4.1.5)."
        ),
    }
}

/// The warning when a discovery document names another issuer than the token.
pub fn issuer_mismatch(m: &IssuerMismatch) -> String {
    match &m.found {
        Some(found) => format!(
            "The discovery document says its issuer is \"{}\", but the token's iss is \"{}\". \
             OpenID Connect Discovery requires them to be identical, and verifiers compare iss \
             exactly: a difference such as a trailing slash makes them reject the token.",
            found.escape_debug(),
            m.expected.escape_debug()
        ),
        None => format!(
            "The discovery document names no issuer, so it cannot be checked against the token's \
             iss \"{}\".",
            m.expected.escape_debug()
        ),
    }
}

/// The status line after a successful fetch.
pub fn fetched(url: &str, keys: usize, refetched: bool) -> String {
    let again = if refetched {
        " (fetched a second time, because the first answer had no key with the token's kid — keys \
         rotate)"
    } else {
        ""
    };
    format!(
        "Fetched {url}: {keys} usable key{}{again}.",
        if keys == 1 { "" } else { "s" }
    )
}

/// Shown while a request is under way.
pub fn loading(url: &str) -> String {
    format!("Fetching {url} …")
}

/// What "Discover from issuer" will do, before the click.
pub fn discover_plan(url: &str) -> String {
    format!("Will fetch {url} (no token data is sent).")
}

/// Why discovery cannot start.
pub fn discover_unavailable() -> &'static str {
    "The token has no usable iss claim to discover keys from; enter the JWKS URL instead."
}

/// The warning shown before fetching a `jku`/`x5u` URL taken from the token header.
pub fn header_url_warning(member: &str, url: &str) -> String {
    format!(
        "The {member} URL comes from the token itself: whoever made the token chose it, so it may \
         point to an attacker's keys, and a signature that verifies against them proves nothing. \
         Fetching it also tells that server you opened this token. Only continue if you trust \
         {url} as the real issuer's key location."
    )
}

/// Note beneath the fetch controls.
pub fn privacy_note() -> String {
    format!(
        "Requests carry no token data and no cookies, and nothing is fetched until you click. \
         Answers over {} KiB are refused.",
        MAX_BODY_BYTES / 1024
    )
}

/// Why a request was made, for the network log.
pub fn why(w: crate::discovery::Why) -> &'static str {
    use crate::discovery::Why;
    match w {
        Why::Discovery => "OpenID configuration (you clicked Discover)",
        Why::KeySet => "key set (you clicked)",
        Why::KeySetAgain => "key set again: it lacked the token's kid",
        Why::Certificates => "x5u certificates (you confirmed)",
        Why::Presets => "presets file beside the page",
    }
}

/// What became of a request, for the network log.
pub fn outcome(o: &crate::discovery::Outcome) -> String {
    use crate::discovery::{FetchFailure, Outcome};
    match o {
        Outcome::Answer { status, bytes } => format!("HTTP {status}, {bytes} bytes"),
        Outcome::Failed(FetchFailure::Network) => "no answer (network or CORS)".to_owned(),
        Outcome::Failed(FetchFailure::Timeout) => "no answer in time".to_owned(),
        Outcome::Failed(FetchFailure::Refused) => "refused by the page's policy".to_owned(),
    }
}

/// Heading note of the network log.
pub fn network_note() -> &'static str {
    "Every request this page has made since it opened: its own files (from the browser's \
     performance record) and every fetch you asked for. None carries token data."
}
