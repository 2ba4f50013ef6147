//! Which key fetches happen without a click, and which fetched keys may check which token.
//!
//! Owns two decisions, both pure and table-tested: [`decide`] (fetch now, ask for a click, or
//! never) and [`key_set_use`] (fetched keys belong to the issuer they were fetched for). Must not
//! fetch, read presets or hold prose (`crate::explain::fetch` words the answers).
//!
//! The rule (issue 11): a pasted token may fetch its issuer's keys at once from a built-in
//! identity-provider host (that makes the first answer instant, and the request carries no
//! token bytes); a page opened from a link never fetches before the user has seen the token;
//! the "fetch keys only when I click" switch turns every automatic fetch into a button.
//! On vendor hosts a token's author still chooses the tenant (`{tenant}.auth0.com`, any
//! Cognito pool), which is why the switch exists.

use crate::discovery::{self, UrlProblem};
use crate::presets::{AutoFetch, NeedsClickWhy, Rule};

/// Where the selected token came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenSource {
    /// Pasted or typed into the page.
    Pasted,
    /// Taken from the URL the page was opened with (`#id_token=…`, a share link).
    Link,
    /// The built-in demo, which carries its own keys.
    Demo,
}

/// Everything [`decide`] looks at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Situation<'a> {
    /// Where the token came from.
    pub source: TokenSource,
    /// For [`TokenSource::Link`]: the token has been rendered and on screen for a visible
    /// moment. Ignored for other sources.
    pub seen: bool,
    /// What the allow-list says of the first URL an automatic fetch would request (discovery
    /// document or key set): `presets::may_auto_fetch(url, presets)` — the built-in
    /// identity-provider hosts and the organisation's presets, in one place.
    pub allow: &'a AutoFetch,
    /// The user's (or the presets') "fetch keys only when I click" switch.
    pub only_on_click: bool,
}

/// Why the page waits for a click.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClickReason {
    /// The "fetch keys only when I click" switch is on.
    OnlyOnClick,
    /// The page was opened from a link and the token has not been seen yet: a link must not
    /// make the page call out before its reader knows what it holds.
    NotSeenYet,
    /// The URL is not `https://` (loopback `http://` is fetched on a click only).
    NotHttps,
    /// The host is on no allow-list.
    HostNotListed {
        /// The host, lower case.
        host: String,
    },
}

/// Why no fetch is offered at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NeverReason {
    /// The demo token comes with its own keys.
    Demo,
    /// The URL cannot be fetched.
    BadUrl(UrlProblem),
}

/// What to do about a token's keys without the user's click.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Fetch now, and show the request with its URL and the allow-list rule that allowed it.
    FetchNow(Rule),
    /// Offer the fetch as a button, saying why it waits.
    AskForClick(ClickReason),
    /// Offer nothing.
    Never(NeverReason),
}

/// Decides whether the keys for a token are fetched now, on a click, or never.
pub fn decide(s: &Situation<'_>) -> Decision {
    if s.source == TokenSource::Demo {
        return Decision::Never(NeverReason::Demo);
    }
    let listed = match s.allow {
        AutoFetch::NeedsClick {
            why: NeedsClickWhy::BadUrl(p),
        } => return Decision::Never(NeverReason::BadUrl(p.clone())),
        AutoFetch::Allowed { by } => Ok(by),
        AutoFetch::NeedsClick {
            why: NeedsClickWhy::NotHttps,
        } => Err(ClickReason::NotHttps),
        AutoFetch::NeedsClick {
            why: NeedsClickWhy::HostNotAllowed { host },
        } => Err(ClickReason::HostNotListed { host: host.clone() }),
    };
    if s.only_on_click {
        return Decision::AskForClick(ClickReason::OnlyOnClick);
    }
    if s.source == TokenSource::Link && !s.seen {
        return Decision::AskForClick(ClickReason::NotSeenYet);
    }
    match listed {
        Ok(rule) => Decision::FetchNow(rule.clone()),
        Err(reason) => Decision::AskForClick(reason),
    }
}

/// Whether a fetched key set may check the selected token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySetUse {
    /// Fetched for this very issuer.
    SameIssuer,
    /// Fetched for the same Cognito user pool under its other issuer form (ORIGINAL /
    /// UPDATED): one pool, one key set.
    SameCognitoPool {
        /// The issuer the keys were fetched for.
        fetched_for: String,
        /// The token's `iss`.
        token_iss: String,
    },
    /// Fetched for another issuer: not used for this token.
    OtherIssuer {
        /// The issuer the keys were fetched for.
        fetched_for: String,
        /// The token's `iss`.
        token_iss: String,
    },
    /// Fetched for a token without `iss`; this token names one: not used.
    FetchedWithoutIssuer {
        /// The token's `iss`.
        token_iss: String,
    },
    /// Fetched for an issuer; this token names none: not used.
    TokenHasNoIssuer {
        /// The issuer the keys were fetched for.
        fetched_for: String,
    },
    /// Neither the token the keys were fetched for nor this one names an issuer.
    NeitherNamesAnIssuer,
}

impl KeySetUse {
    /// True when the key set may be used to check the token.
    pub fn may_use(&self) -> bool {
        match self {
            KeySetUse::SameIssuer
            | KeySetUse::SameCognitoPool { .. }
            | KeySetUse::NeitherNamesAnIssuer => true,
            KeySetUse::OtherIssuer { .. }
            | KeySetUse::FetchedWithoutIssuer { .. }
            | KeySetUse::TokenHasNoIssuer { .. } => false,
        }
    }
}

/// Fetched keys belong to the issuer they were fetched for: `fetched_for` is the `iss` of the
/// token selected when the keys were fetched (or discovered from), `token_iss` the selected
/// token's now. Issuers compare exactly, as verifiers do; only a Cognito pool's two issuer
/// forms count as one.
pub fn key_set_use(fetched_for: Option<&str>, token_iss: Option<&str>) -> KeySetUse {
    match (fetched_for, token_iss) {
        (None, None) => KeySetUse::NeitherNamesAnIssuer,
        (None, Some(iss)) => KeySetUse::FetchedWithoutIssuer {
            token_iss: iss.to_owned(),
        },
        (Some(f), None) => KeySetUse::TokenHasNoIssuer {
            fetched_for: f.to_owned(),
        },
        (Some(f), Some(iss)) if f == iss => KeySetUse::SameIssuer,
        (Some(f), Some(iss)) => {
            let pool = |s: &str| discovery::cognito_pool(s).map(|p| (p.region, p.pool_id));
            let same_pool = pool(f).is_some_and(|a| pool(iss) == Some(a));
            let (fetched_for, token_iss) = (f.to_owned(), iss.to_owned());
            if same_pool {
                KeySetUse::SameCognitoPool {
                    fetched_for,
                    token_iss,
                }
            } else {
                KeySetUse::OtherIssuer {
                    fetched_for,
                    token_iss,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Decision::{AskForClick, FetchNow, Never};
    use TokenSource::{Demo, Link, Pasted};

    const AUTH0: &str = "https://tenant.eu.auth0.com/.well-known/openid-configuration";
    const COGNITO: &str =
        "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC/.well-known/jwks.json";
    const UPDATED: &str =
        "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC/.well-known/jwks.json";
    const OWN: &str = "https://login.example.com/.well-known/openid-configuration";
    const LOCAL: &str = "http://127.0.0.1:8080/jwks.json";

    /// The allow-list's verdict for `url`, with a presets file that lists `login.example.com`
    /// when `presets` is true (the decision takes it as an input; `presets` owns the rules).
    fn allow(url: &str, presets: bool) -> AutoFetch {
        let file = br#"{"version":1,"auto_fetch_hosts":["login.example.com"]}"#;
        let parsed = crate::presets::parse_presets(file);
        crate::presets::may_auto_fetch(url, presets.then_some(&parsed.presets))
    }

    /// `(source, seen, url, presets list the host, only on click) → decision kind`.
    #[test]
    fn automatic_fetching_follows_the_source_the_sighting_the_host_and_the_switch() {
        #[derive(Debug, PartialEq)]
        enum Want {
            BuiltIn,
            Presets,
            Click(ClickReason),
            DemoKeys,
            BadUrl,
        }
        use Want::*;
        let not_listed = || {
            Click(ClickReason::HostNotListed {
                host: "login.example.com".into(),
            })
        };
        let table: Vec<(TokenSource, bool, &str, bool, bool, Want)> = vec![
            // A pasted token fetches at once from a vendor host, and waits elsewhere.
            (Pasted, false, AUTH0, false, false, BuiltIn),
            (Pasted, false, COGNITO, false, false, BuiltIn),
            (Pasted, false, UPDATED, false, false, BuiltIn),
            (Pasted, false, OWN, false, false, not_listed()),
            (Pasted, false, OWN, true, false, Presets),
            (
                Pasted,
                false,
                LOCAL,
                true,
                false,
                Click(ClickReason::NotHttps),
            ),
            // The switch turns every automatic fetch into a button.
            (
                Pasted,
                false,
                AUTH0,
                false,
                true,
                Click(ClickReason::OnlyOnClick),
            ),
            (
                Pasted,
                true,
                OWN,
                true,
                true,
                Click(ClickReason::OnlyOnClick),
            ),
            (
                Link,
                true,
                COGNITO,
                false,
                true,
                Click(ClickReason::OnlyOnClick),
            ),
            // A link never fetches before its token has been seen; afterwards, as a paste.
            (
                Link,
                false,
                AUTH0,
                false,
                false,
                Click(ClickReason::NotSeenYet),
            ),
            (
                Link,
                false,
                OWN,
                true,
                false,
                Click(ClickReason::NotSeenYet),
            ),
            (Link, true, AUTH0, false, false, BuiltIn),
            (Link, true, COGNITO, false, false, BuiltIn),
            (Link, true, OWN, false, false, not_listed()),
            (Link, true, OWN, true, false, Presets),
            // The demo has its own keys; a bad URL is never fetched.
            (Demo, true, AUTH0, true, false, DemoKeys),
            (
                Pasted,
                false,
                "http://keys.example.com/jwks.json",
                true,
                false,
                BadUrl,
            ),
        ];
        for (i, (source, seen, url, presets, only_on_click, want)) in table.into_iter().enumerate()
        {
            let allow = allow(url, presets);
            let s = Situation {
                source,
                seen,
                allow: &allow,
                only_on_click,
            };
            let got = match decide(&s) {
                FetchNow(Rule::Presets(_) | Rule::PresetProfile { .. }) => Presets,
                FetchNow(Rule::BuiltIn { .. }) => BuiltIn,
                AskForClick(r) => Click(r),
                Never(NeverReason::Demo) => DemoKeys,
                Never(NeverReason::BadUrl(_)) => BadUrl,
            };
            assert_eq!(got, want, "row {i}: {url}");
        }
    }

    #[test]
    fn look_alike_hosts_are_not_vendor_hosts() {
        for url in [
            "https://auth0.com/.well-known/openid-configuration",
            "https://auth0.com.evil.example/.well-known/openid-configuration",
            "https://okta.com@evil.example/.well-known/openid-configuration",
            "https://cognito-idp.evil.amazonaws.com/x/.well-known/jwks.json",
            "https://cognito-idp.eu-west-1.amazonaws.com.evil.example/x/.well-known/jwks.json",
            "https://xlogin.microsoftonline.com/t/v2.0/.well-known/openid-configuration",
        ] {
            let allow = allow(url, false);
            let s = Situation {
                source: Pasted,
                seen: true,
                allow: &allow,
                only_on_click: false,
            };
            assert!(matches!(decide(&s), AskForClick(_)), "{url}");
        }
    }

    const POOL: &str = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC";
    const POOL_UPDATED: &str = "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC";
    const OTHER_POOL: &str = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Xyz";

    /// `(fetched for, token iss) → may use`.
    #[test]
    fn fetched_keys_belong_to_the_issuer_they_were_fetched_for() {
        let table: &[(Option<&str>, Option<&str>, bool)] = &[
            (Some(POOL), Some(POOL), true),
            (Some(POOL), Some(POOL_UPDATED), true),
            (Some(POOL_UPDATED), Some(POOL), true),
            (Some(POOL), Some(OTHER_POOL), false),
            (Some("https://a.example"), Some("https://a.example/"), false),
            (Some("https://a.example"), Some("https://b.example"), false),
            (Some("https://a.example"), None, false),
            (None, Some("https://a.example"), false),
            (None, None, true),
        ];
        for (fetched_for, iss, may) in table {
            assert_eq!(
                key_set_use(*fetched_for, *iss).may_use(),
                *may,
                "{fetched_for:?} → {iss:?}"
            );
        }
        assert!(matches!(
            key_set_use(Some(POOL_UPDATED), Some(POOL)),
            KeySetUse::SameCognitoPool { .. }
        ));
        assert_eq!(
            key_set_use(Some("https://a.example"), Some("https://b.example")),
            KeySetUse::OtherIssuer {
                fetched_for: "https://a.example".into(),
                token_iss: "https://b.example".into()
            }
        );
    }
}
