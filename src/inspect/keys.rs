//! Keys as the page shows them: a pasted key input, a fetch under way or finished, and what a
//! token says about where its keys are.

use crate::discovery::{self, Fetched, KeysError};
use crate::explain;
use crate::input::Candidate;
use crate::jose::jwk::{KeyInputError, KeySet};
use crate::jose::{self, Parsed};
use crate::{fetch_policy, presets};

/// A key paste (or fetched key set) as the keys panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeysView {
    /// What the input holds, including every usable key's name.
    pub summary: Option<String>,
    /// Entries that could not be used: (index, sentence).
    pub problems: Vec<(usize, String)>,
    /// Set when a private key was pasted.
    pub private_warning: Option<String>,
    /// Why nothing usable was read.
    pub error: Option<String>,
}

/// Summarises a parsed key input for the keys panel.
pub fn keys_view(keys: &Result<KeySet, KeyInputError>) -> KeysView {
    match keys {
        Err(KeyInputError::Empty) => KeysView::default(),
        Err(e) => KeysView {
            error: Some(explain::keys::input_error(e)),
            ..KeysView::default()
        },
        Ok(set) => key_set_view(set),
    }
}

/// Summarises a key set: its usable keys, skipped entries and any pasted private key.
pub fn key_set_view(set: &KeySet) -> KeysView {
    let mut summary = explain::keys::set_summary(set);
    for key in &set.keys {
        summary.push(' ');
        summary.push_str(&explain::keys::describe(key));
        if !summary.ends_with('.') {
            summary.push('.');
        }
    }
    let private_warning = set.keys.iter().find(|k| k.format.is_private()).map(|k| {
        explain::keys::private_key_warning(
            &explain::keys::name(k.source, k.kid.as_deref()),
            k.format,
        )
    });
    KeysView {
        summary: Some(summary),
        problems: set
            .problems
            .iter()
            .map(|p| (p.index, explain::keys::problem(set.origin, p)))
            .collect(),
        private_warning: private_warning.or_else(|| {
            set.problems
                .iter()
                .find(|p| p.private)
                .map(|p| explain::keys::problem(set.origin, p))
        }),
        error: None,
    }
}

/// The state of a key fetch, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchView {
    /// `loading`, `ok` or `error` (for `data-state`).
    pub state: &'static str,
    /// On error, a stable code such as `network-or-cors` or `status` (for `data-problem`).
    pub problem: Option<&'static str>,
    /// What happened, in a sentence or two.
    pub text: String,
    /// For network/CORS failures: the command that fetches the same URL from a terminal.
    pub curl: Option<String>,
    /// Discovery named another issuer than the token.
    pub issuer_mismatch: Option<String>,
    /// The key set was fetched a second time for a missing `kid`.
    pub refetched: bool,
    /// The fetched key set's summary and skipped entries.
    pub keys: Option<KeysView>,
}

/// Describes a fetch under way (`loading` names its URL) or finished.
pub fn fetch_view(loading: Option<&str>, fetched: Option<&Fetched>) -> Option<FetchView> {
    if let Some(url) = loading {
        return Some(FetchView {
            state: "loading",
            problem: None,
            text: explain::fetch::loading(url),
            curl: None,
            issuer_mismatch: None,
            refetched: false,
            keys: None,
        });
    }
    let fetched = fetched?;
    let issuer_mismatch = fetched
        .issuer_mismatch
        .as_ref()
        .map(explain::fetch::issuer_mismatch);
    Some(match &fetched.result {
        Ok(set) => FetchView {
            state: "ok",
            problem: None,
            text: explain::fetch::fetched(&fetched.url, set.keys.len(), fetched.refetched),
            curl: None,
            issuer_mismatch,
            refetched: fetched.refetched,
            keys: Some(key_set_view(set)),
        },
        Err(error) => FetchView {
            state: "error",
            problem: Some(error.code()),
            text: explain::fetch::keys_error(error),
            curl: match error {
                KeysError::Fetch(p) if !matches!(p, discovery::FetchProblem::Status { .. }) => {
                    Some(discovery::curl_command(p.url()))
                }
                KeysError::Jwks { url, .. } => Some(discovery::curl_command(url)),
                _ => None,
            },
            issuer_mismatch,
            refetched: fetched.refetched,
            keys: None,
        },
    })
}

/// A key location the token's header names (`jku` or `x5u`), fetched only after a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderUrl {
    /// `jku` or `x5u`.
    pub member: &'static str,
    /// The URL, as in the header.
    pub url: String,
    /// The warning shown before fetching it.
    pub warning: String,
}

/// What a token says about where its keys are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyHints {
    /// The `iss` claim, for discovery.
    pub iss: Option<String>,
    /// The header's `kid`, for the one refetch after key rotation.
    pub kid: Option<String>,
    /// `jku` / `x5u` from the header with the warning to show before fetching them.
    pub header_urls: Vec<HeaderUrl>,
    /// What "Discover from issuer" will fetch (`Ok`), or why it cannot (`Err`).
    pub discover: Result<String, String>,
}

/// Reads a candidate's key hints (empty for opaque values and encrypted tokens). Decodes the
/// token: where its facts exist, [`key_hints_of`] reads them instead.
pub fn key_hints(candidate: &Candidate) -> KeyHints {
    match jose::parse_unverified(&candidate.token) {
        Ok(Parsed::Jws(jwt)) => key_hints_from(jwt.header.as_ref().ok(), jwt.claims()),
        _ => key_hints_from(None, None),
    }
}

/// The key hints of a token already decoded ([`crate::diagnose::Facts`]): nothing is parsed
/// again (empty for opaque values and encrypted tokens).
pub fn key_hints_of(facts: &crate::diagnose::Facts) -> KeyHints {
    if facts.encrypted {
        return key_hints_from(None, None);
    }
    key_hints_from(facts.header(), facts.claims())
}

fn key_hints_from(header: Option<&jose::Header>, claims: Option<&jose::Claims>) -> KeyHints {
    let mut hints = KeyHints {
        iss: None,
        kid: None,
        header_urls: Vec::new(),
        discover: Err(explain::fetch::discover_unavailable().to_owned()),
    };
    if let Some(header) = header {
        hints.kid = header.kid.present().cloned();
        for (member, field) in [("jku", &header.jku), ("x5u", &header.x5u)] {
            if let Some(url) = field.present() {
                let warning = explain::fetch::header_url_warning(member, url);
                hints.header_urls.push(HeaderUrl {
                    member,
                    url: url.clone(),
                    warning,
                });
            }
        }
    }
    hints.iss = claims.and_then(|c| c.iss.present().cloned());
    if let Some(iss) = &hints.iss {
        hints.discover = match discovery::plan_for_issuer(iss) {
            Ok(discovery::KeysPlan::CognitoJwks { jwks_url: url })
            | Ok(discovery::KeysPlan::Discovery { config_url: url }) => {
                Ok(explain::fetch::discover_plan(&url))
            }
            Err(problem) => Err(explain::fetch::url_problem(&problem)),
        };
    }
    hints
}

/// A request the page makes on its own, without a click.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutoRequest {
    /// What to fetch.
    pub request: discovery::KeysRequest,
    /// The first URL shown while it runs.
    pub first: String,
    /// The URL the allow-list judged (each is fetched at most once).
    pub url: String,
}

/// What the user and the page's opening say about fetching without a click.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AutoPolicy {
    /// Where the token came from.
    pub source: fetch_policy::TokenSource,
    /// A token from a link has been on screen for a visible moment.
    pub seen: bool,
    /// "Fetch keys only when I click".
    pub only_on_click: bool,
}

/// What the page may fetch automatically now, if anything: the JWKS URL field, else the
/// issuer's keys, only while no keys were pasted, fetched or are being fetched (`idle`), as
/// [`fetch_policy::decide`] allows (allow-listed host, never before a link's token was seen,
/// never with the switch on), and each URL at most once (`done`). The decision comes back too,
/// so the page can say why it fetched or why it waits.
pub fn auto_fetch(
    iss: Option<&str>,
    jwks_url: &str,
    idle: bool,
    presets: Option<&presets::Presets>,
    done: &[String],
    policy: AutoPolicy,
) -> (Option<AutoRequest>, Option<fetch_policy::Decision>) {
    let jwks_url = jwks_url.trim();
    let wanted = if !jwks_url.is_empty() {
        AutoRequest {
            request: discovery::KeysRequest::JwksUrl(jwks_url.to_owned()),
            first: jwks_url.to_owned(),
            url: jwks_url.to_owned(),
        }
    } else {
        let Some(iss) = iss else {
            return (None, None);
        };
        let Ok(plan) = discovery::plan_for_issuer(iss) else {
            return (None, None);
        };
        let url = match plan {
            discovery::KeysPlan::CognitoJwks { jwks_url: url }
            | discovery::KeysPlan::Discovery { config_url: url } => url,
        };
        AutoRequest {
            request: discovery::KeysRequest::Issuer(iss.to_owned()),
            first: iss.to_owned(),
            url,
        }
    };
    let allow = presets::may_auto_fetch(&wanted.url, presets);
    let decision = fetch_policy::decide(&fetch_policy::Situation {
        source: policy.source,
        seen: policy.seen,
        allow: &allow,
        only_on_click: policy.only_on_click,
    });
    let go = idle
        && matches!(decision, fetch_policy::Decision::FetchNow(_))
        && !done.contains(&wanted.url);
    (go.then_some(wanted), Some(decision))
}

#[cfg(test)]
mod tests {
    use super::*;

    const COGNITO: &str = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123";
    const COGNITO_JWKS: &str =
        "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json";

    #[test]
    fn key_hints_read_from_the_facts_equal_those_read_from_the_token() {
        let demo = include_str!("../../static/demo/authentication-result.json");
        let text = format!("{demo}\nAuthorization: Bearer opaque-value-0123456789abcdef");
        let overview = crate::inspect::overview(&text);
        let candidates = &overview.extraction.candidates;
        assert_eq!(
            candidates.len(),
            4,
            "ID, access, refresh (JWE) and an opaque value"
        );
        let facts = crate::diagnose::facts_of_all(candidates, &[]);
        for (c, f) in candidates.iter().zip(&facts) {
            assert_eq!(key_hints_of(f), key_hints(c), "{}", c.token);
        }
        assert!(facts.first().is_some_and(|f| key_hints_of(f).iss.is_some()));
    }

    #[test]
    fn the_page_fetches_on_its_own_only_allow_listed_urls_while_idle_and_each_once() {
        let done = vec![COGNITO_JWKS.to_owned()];
        // (iss, JWKS URL field, idle, already fetched, expected URL)
        type Case<'a> = (
            Option<&'a str>,
            &'a str,
            bool,
            &'a [String],
            Option<&'a str>,
        );
        let cases: Vec<Case> = vec![
            (Some(COGNITO), "", true, &[], Some(COGNITO_JWKS)),
            (Some(COGNITO), "", false, &[], None),
            (Some(COGNITO), "", true, &done, None),
            (Some("https://login.example.com/"), "", true, &[], None),
            (Some("not a url"), "", true, &[], None),
            (None, "", true, &[], None),
            (
                Some(COGNITO),
                "https://keys.example.com/jwks.json",
                true,
                &[],
                None,
            ),
            (None, COGNITO_JWKS, true, &[], Some(COGNITO_JWKS)),
        ];
        for (iss, field, idle, done, want) in cases {
            let pasted = AutoPolicy {
                source: fetch_policy::TokenSource::Pasted,
                seen: false,
                only_on_click: false,
            };
            let (got, _) = auto_fetch(iss, field, idle, None, done, pasted);
            assert_eq!(
                got.as_ref().map(|r| r.url.as_str()),
                want,
                "{iss:?} {field:?} {idle}"
            );
        }
    }

    #[test]
    fn a_link_fetches_nothing_before_its_token_was_seen_and_the_switch_stops_everything() {
        let policy = |source, seen, only_on_click| AutoPolicy {
            source,
            seen,
            only_on_click,
        };
        use fetch_policy::{ClickReason, Decision, TokenSource::*};
        let run = |p| auto_fetch(Some(COGNITO), "", true, None, &[], p);
        let (req, why) = run(policy(Link, false, false));
        assert!(req.is_none());
        assert_eq!(why, Some(Decision::AskForClick(ClickReason::NotSeenYet)));
        let (req, _) = run(policy(Link, true, false));
        assert_eq!(req.map(|r| r.url), Some(COGNITO_JWKS.to_owned()));
        let (req, why) = run(policy(Pasted, true, true));
        assert!(req.is_none());
        assert_eq!(why, Some(Decision::AskForClick(ClickReason::OnlyOnClick)));
        let (req, why) = run(policy(Demo, true, false));
        assert!(req.is_none());
        assert!(matches!(why, Some(Decision::Never(_))));
    }
}
