//! The judgement of each answer the shell hands back: refused redirects, HTTP errors, bodies
//! over the cap, HTML pages, and what the JSON holds.

use super::url::{check_url, same_origin};
use super::{
    Cut, Discovered, FetchFailure, FetchProblem, HtmlPage, IssuerMismatch, KeysError, Oversize,
    Response, MAX_BODY_BYTES, TIMEOUT_MS,
};
use crate::jose::json::{JsonDoc, Value};
use crate::jose::jwk::{self, KeyInputError, KeySet, SecretEncoding};

/// Judges the HTTP layer of any key-related fetch: an answer from the URL's own origin, with a
/// 2xx status and a body within the size limit, or the problem.
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
    // Keys from another origin than the one asked for are never used: whoever runs `url` chose
    // where it points, and the page would show one URL while trusting another.
    if let Some(to) = &response.redirected_to {
        if !same_origin(&url, to) {
            return Err(FetchProblem::CrossOriginRedirect {
                url,
                to: to.clone(),
            });
        }
    }
    if !(200..300).contains(&response.status) {
        return Err(FetchProblem::Status {
            url,
            status: response.status,
            page: html_page(&response),
        });
    }
    if let Some(size) = oversize(&response) {
        return Err(FetchProblem::TooLarge {
            url,
            limit: MAX_BODY_BYTES,
            size,
        });
    }
    Ok(response)
}

/// How far over the cap a response was, if it was.
fn oversize(response: &Response) -> Option<Oversize> {
    match response.cut {
        Some(Cut::Declared { length }) => Some(Oversize::Declared { length }),
        // More decoded bytes than the declared length: the server compressed the body
        // (`Content-Encoding` itself is hidden from cross-origin pages unless exposed).
        Some(Cut::Streamed {
            received,
            declared: Some(declared),
        }) if received as u64 > declared => Some(Oversize::Inflated { declared, received }),
        Some(Cut::Streamed { received, .. }) => Some(Oversize::Streamed { received }),
        None => (response.body.len() > MAX_BODY_BYTES).then_some(Oversize::Streamed {
            received: response.body.len(),
        }),
    }
}

/// An HTML page (by `Content-Type` or by its first bytes), with its `<title>`.
fn html_page(response: &Response) -> Option<HtmlPage> {
    let head = response.body.get(..4096).unwrap_or(&response.body);
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let start = head.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let typed = response
        .content_type
        .as_deref()
        .is_some_and(|t| t.trim().to_ascii_lowercase().starts_with("text/html"));
    let looks = start.starts_with("<!doctype html") || start.starts_with("<html");
    if !typed && !looks {
        return None;
    }
    // ASCII lower-casing keeps byte offsets, so positions in `head` hold in the original.
    let original =
        String::from_utf8_lossy(response.body.get(..4096).unwrap_or(&response.body)).into_owned();
    let title = head
        .find("<title")
        .and_then(|at| head.get(at..)?.find('>').map(|gt| at + gt + 1))
        .and_then(|from| {
            let len = head.get(from..)?.find("</title")?;
            original.get(from..from + len)
        })
        .map(|t| {
            let words: Vec<&str> = t.split_whitespace().collect();
            words.join(" ").chars().take(100).collect::<String>()
        })
        .filter(|t| !t.is_empty());
    Some(HtmlPage { title })
}

/// Reads a fetched JWK Set (a JWKS URL, Cognito's `jwks.json`, a discovered `jwks_uri`, `jku`).
pub fn judge_jwks(url: &str, outcome: Result<Response, FetchFailure>) -> Result<KeySet, KeysError> {
    let response = judge_response(url, outcome).map_err(KeysError::Fetch)?;
    if let Some(page) = html_page(&response) {
        return Err(KeysError::Fetch(FetchProblem::HtmlPage {
            url: url.to_owned(),
            status: response.status,
            page,
        }));
    }
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

/// Reads an OpenID configuration: its `jwks_uri`, and whether its `issuer` matches `iss`.
pub fn judge_discovery(
    url: &str,
    iss: &str,
    outcome: Result<Response, FetchFailure>,
) -> Result<Discovered, FetchProblem> {
    let response = judge_response(url, outcome)?;
    if let Some(page) = html_page(&response) {
        return Err(FetchProblem::HtmlPage {
            url: url.to_owned(),
            status: response.status,
            page,
        });
    }
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
