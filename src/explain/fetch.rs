//! Prose for getting keys over the network: URL problems, fetch failures, discovery, and the
//! warning before fetching a URL that the token itself names.

use super::keys;
use crate::discovery::{
    Cut, FetchProblem, Fetched, HtmlPage, IssuerMismatch, KeysError, Oversize, UrlProblem,
    MAX_BODY_BYTES,
};
use crate::fetch_policy::{ClickReason, Decision, KeySetUse, NeverReason};
use crate::presets::Rule;

/// Beside a signature left unchecked when fetching keys for the token's issuer failed; `curl`:
/// the Keys panel gives a command to fetch them from a terminal.
pub fn failed_beside_verdict(curl: bool) -> &'static str {
    if curl {
        "Fetching keys for this token's issuer failed: the Keys panel says why, and gives a \
         command to fetch them from a terminal and paste them there."
    } else {
        "Fetching keys for this token's issuer failed: the Keys panel says why."
    }
}

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
             which. Fetch it from a terminal with the command below{} and paste the keys into the \
             Keys box.",
            // A discovery document names the keys' place; it holds no keys (review round 11).
            if url.ends_with("/openid-configuration") {
                ", then the jwks_uri it names the same way,"
            } else {
                ""
            }
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
        FetchProblem::CrossOriginRedirect { url, to } => format!(
            "{url} redirected to {to}, on another server. tokenlens does not use keys that came \
             from somewhere other than the server you asked: whoever runs {url} chose where it \
             points. If you trust {to} as the issuer's key location, fetch it directly."
        ),
        FetchProblem::Status { url, status, page } => {
            let hint = match status {
                404 => {
                    " Check the path: a Cognito key set is at {issuer}/.well-known/jwks.json, \
                        and the user pool id and region must both be right."
                }
                401 | 403 => {
                    " Key sets are public; a login or access error usually means the \
                              wrong URL (a management API rather than the key set)."
                }
                300..=399 => " The browser did not follow it (no usable Location header).",
                500..=599 => " The server failed; try again later.",
                _ => "",
            };
            let page = page.as_ref().map(html_page).unwrap_or_default();
            format!("{url} answered HTTP {status}{page}.{hint}")
        }
        FetchProblem::UpdatedIssuerForbidden { url } => format!(
            "{url} answered HTTP 403. This is the key set URL of Cognito's UPDATED issuer \
             (issuer-cognito-idp…); Cognito is reported to answer 403 there for user pools still \
             on the ORIGINAL issuer, so this likely does not mean that the pool does not exist."
        ),
        FetchProblem::TooLarge { url, limit, size } => {
            let kib = limit / 1024;
            let how = match size {
                Oversize::Declared { length } => format!(
                    "declared a body of {} (Content-Length), over the {kib} KiB limit, so it was \
                     not read",
                    bytes(*length)
                ),
                Oversize::Streamed { received } => format!(
                    "sent more than {kib} KiB; reading stopped after {} had arrived",
                    bytes(*received as u64)
                ),
                Oversize::Inflated { declared, received } => format!(
                    "sent {} of compressed data that inflated past {kib} KiB; reading stopped \
                     after {} had been decompressed",
                    bytes(*declared),
                    bytes(*received as u64)
                ),
            };
            format!("{url} {how}. A key set is a few KiB, so this is not one.")
        }
        FetchProblem::HtmlPage { url, status, page } => format!(
            "{url} answered HTTP {status} with an HTML page{}, not a key set: usually a login \
             page, a proxy or a wrong URL.",
            page.title
                .as_deref()
                .map(|t| format!(" titled \"{}\"", t.escape_debug()))
                .unwrap_or_default()
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

fn html_page(page: &HtmlPage) -> String {
    match &page.title {
        Some(t) => format!(" with an HTML error page titled \"{}\"", t.escape_debug()),
        None => " with an HTML error page".to_owned(),
    }
}

/// A byte count as people read it: bytes, KiB or MiB.
pub(crate) fn bytes(n: u64) -> String {
    match n {
        0..=1023 => format!("{n} bytes"),
        1024..=1_048_575 => format!("{} KiB", n / 1024),
        1_048_576..=1_073_741_823 => tenths(n, 1_048_576, "MiB"),
        _ => tenths(n, 1_073_741_824, "GiB"),
    }
}

/// `n / unit` to one decimal, rounded half up, in integers (no float formatting in the module,
/// and no `u128` either: its formatting is 1.3 KB of wasm). `unit` is at most 2^30, so the
/// remainder times ten fits a `u64`.
fn tenths(n: u64, unit: u64, name: &str) -> String {
    let tenth = (n % unit * 10 + unit / 2) / unit;
    let (whole, tenth) = (n / unit + tenth / 10, tenth % 10);
    format!("{whole}.{tenth} {name}")
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

/// Everything a finished fetch has to say: the keys found (and the final URL after a
/// same-origin redirect), or the failure; then every other URL tried for the same keys.
pub fn summary(f: &Fetched) -> String {
    let mut text = match &f.result {
        Ok(set) => fetched(&f.url, set.keys.len(), f.refetched),
        Err(e) => keys_error(e),
    };
    if let Some(from) = &f.redirected_from {
        text.push_str(&format!(" ({from} redirected there, on the same server.)"));
    }
    for (url, e) in &f.also_failed {
        text.push(' ');
        text.push_str(&also_failed(url, e));
    }
    text
}

/// One sentence for another URL tried for the same keys that failed.
pub fn also_failed(url: &str, e: &KeysError) -> String {
    match e {
        KeysError::Fetch(FetchProblem::UpdatedIssuerForbidden { .. }) => format!(
            "Also tried {url} (the pool's UPDATED-issuer key set): HTTP 403, which Cognito is \
             reported to answer for pools still on the ORIGINAL issuer."
        ),
        e => format!("Also tried {url}: {}", keys_error(e)),
    }
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
        "Requests carry no token data, no cookies and no referrer. Keys are fetched without a \
         click only for a pasted token whose issuer is on a built-in identity provider's host \
         (Cognito, Entra ID, Google, Auth0, Okta) or your presets' hosts — the token chooses \
         the tenant there — and never for a link before you have seen its token. Answers over \
         {} KiB are refused, and keys from a redirect to another server are not used.",
        MAX_BODY_BYTES / 1024
    )
}

/// Why a fetch happened without a click, or waits for one: shown with the request's URL.
pub fn decision(d: &Decision) -> String {
    match d {
        Decision::FetchNow(rule @ Rule::BuiltIn { .. }) => format!(
            "{} The request carries no token data, but the token chose the tenant on that host.",
            super::presets::allowed_by(rule)
        ),
        Decision::FetchNow(rule @ (Rule::Presets(_) | Rule::PresetProfile { .. })) => {
            super::presets::allowed_by(rule)
        }
        Decision::AskForClick(ClickReason::OnlyOnClick) => {
            "Keys are fetched only when you click (your setting).".to_owned()
        }
        Decision::AskForClick(ClickReason::NotSeenYet) => {
            "This page was opened from a link: nothing is fetched until you have seen the token \
             and click."
                .to_owned()
        }
        Decision::AskForClick(ClickReason::NotHttps) => {
            "Plain http:// is fetched only when you click.".to_owned()
        }
        Decision::AskForClick(ClickReason::HostNotListed { host }) => format!(
            "{host} is not a built-in identity-provider host, so its keys are fetched only when \
             you click."
        ),
        Decision::Never(NeverReason::Demo) => {
            "The demo token comes with its own keys; nothing is fetched.".to_owned()
        }
        Decision::Never(NeverReason::BadUrl(p)) => url_problem(p),
    }
}

/// Whether fetched keys check the selected token, in a sentence (empty when they simply do).
pub fn key_set_use(u: &KeySetUse) -> String {
    match u {
        KeySetUse::SameIssuer | KeySetUse::NeitherNamesAnIssuer => String::new(),
        KeySetUse::SameCognitoPool {
            fetched_for,
            token_iss,
        } => format!(
            "The keys were fetched for \"{}\"; the token's iss \"{}\" is the same Cognito user \
             pool under its other issuer form, so they are used.",
            fetched_for.escape_debug(),
            token_iss.escape_debug()
        ),
        KeySetUse::OtherIssuer {
            fetched_for,
            token_iss,
        } => format!(
            "The fetched keys belong to \"{}\", not to this token's issuer \"{}\", so they are \
             not used. Fetch this issuer's keys.",
            fetched_for.escape_debug(),
            token_iss.escape_debug()
        ),
        KeySetUse::FetchedWithoutIssuer { token_iss } => format!(
            "The fetched keys were fetched for a token without iss, so they are not used for \
             this token from \"{}\".",
            token_iss.escape_debug()
        ),
        KeySetUse::TokenHasNoIssuer { fetched_for } => format!(
            "The fetched keys belong to \"{}\"; this token names no issuer, so they are not \
             used.",
            fetched_for.escape_debug()
        ),
    }
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
        Outcome::Answer {
            status,
            bytes: n,
            redirected_to,
            cut,
        } => {
            let from = redirected_to
                .as_deref()
                .map(|to| format!(" from {to} (redirected)"))
                .unwrap_or_default();
            let cut = match cut {
                None => String::new(),
                Some(Cut::Declared { length }) => {
                    format!("; not read: {} declared", bytes(*length))
                }
                Some(Cut::Streamed { received, .. }) => {
                    format!("; stopped after {}", bytes(*received as u64))
                }
            };
            format!("HTTP {status}{from}, {n} bytes{cut}")
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_discovery_fetch_says_the_keys_are_one_step_further() {
        // Review round 11: the command fetches the discovery document, which holds no keys.
        let said = |url: &str| {
            fetch_problem(&FetchProblem::NetworkOrCors {
                url: url.to_owned(),
            })
        };
        let issuer = "https://issuer.example.com";
        assert!(said(&format!("{issuer}/.well-known/openid-configuration"))
            .contains("then the jwks_uri it names the same way"));
        assert!(!said(&format!("{issuer}/.well-known/jwks.json")).contains("jwks_uri"));
    }

    #[test]
    fn sizes_in_tenths_round_half_up_exactly_as_wide_arithmetic_does() {
        let wide = |n: u64, unit: u64| {
            let t = (u128::from(n) * 10 + u128::from(unit / 2)) / u128::from(unit);
            format!("{}.{}", t / 10, t % 10)
        };
        for unit in [1_048_576u64, 1_073_741_824] {
            for n in [
                unit,
                unit + unit / 20 - 1,
                unit + unit / 20,
                2 * unit - unit / 20 - 1,
                2 * unit - unit / 20,
                1_073_741_823,
                u64::MAX / 2,
                u64::MAX,
            ] {
                assert_eq!(tenths(n, unit, "X"), format!("{} X", wide(n, unit)), "{n}");
            }
        }
        assert_eq!(bytes(1_572_864), "1.5 MiB");
        assert_eq!(bytes(u64::MAX), "17179869184.0 GiB");
    }

    #[test]
    fn a_refused_cross_origin_redirect_names_both_urls() {
        let text = fetch_problem(&FetchProblem::CrossOriginRedirect {
            url: "https://keys.example/jwks.json".into(),
            to: "https://elsewhere.example/k".into(),
        });
        assert!(text.contains("https://keys.example/jwks.json"), "{text}");
        assert!(text.contains("https://elsewhere.example/k"), "{text}");
    }

    #[test]
    fn oversize_messages_state_the_cap_and_what_arrived() {
        for (size, seen) in [
            (Oversize::Declared { length: 1 << 30 }, "1.0 GiB"),
            (Oversize::Streamed { received: 327_680 }, "320 KiB"),
            (
                Oversize::Inflated {
                    declared: 8206,
                    received: 327_680,
                },
                "8 KiB",
            ),
        ] {
            let text = fetch_problem(&FetchProblem::TooLarge {
                url: "u".into(),
                limit: MAX_BODY_BYTES,
                size,
            });
            assert!(text.contains("256 KiB") && text.contains(seen), "{text}");
        }
    }
}
