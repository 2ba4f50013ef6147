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

/// The built-in identity-provider hosts, as `host`, `*.domain` (any subdomain) or a pattern
/// with one `{region}` label. Mirrors the allow-list in `presets.rs` (Entra ID, Google/Firebase,
/// Auth0, Okta, Cognito), with the Cognito UPDATED issuer host added (gateways.md §0, §5.2).
pub const VENDOR_HOSTS: &[&str] = &[
    "cognito-idp.{region}.amazonaws.com",
    "issuer-cognito-idp.{region}.amazonaws.com",
    "login.microsoftonline.com",
    "sts.windows.net",
    "accounts.google.com",
    "www.googleapis.com",
    "securetoken.google.com",
    "*.auth0.com",
    "*.okta.com",
    "*.oktapreview.com",
    "*.okta-emea.com",
];

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Situation<'a> {
    /// Where the token came from.
    pub source: TokenSource,
    /// For [`TokenSource::Link`]: the token has been rendered and on screen for a visible
    /// moment. Ignored for other sources.
    pub seen: bool,
    /// The first URL an automatic fetch would request (discovery document or key set).
    pub url: &'a str,
    /// Host patterns fetched without a click: normally [`VENDOR_HOSTS`].
    pub vendor_hosts: &'a [&'a str],
    /// The organisation's presets allow this URL's host (`auto_fetch_hosts`, or a preset
    /// profile's own issuer or key set host).
    pub presets_allow: bool,
    /// The user's (or the presets') "fetch keys only when I click" switch.
    pub only_on_click: bool,
}

/// Why an automatic fetch may go ahead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Listed {
    /// The host matches a built-in identity-provider pattern.
    Vendor {
        /// The host.
        host: String,
        /// The pattern it matched.
        pattern: String,
    },
    /// The organisation's presets allow the host.
    Presets {
        /// The host.
        host: String,
    },
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
    /// Fetch now, and show the request with its URL and this reason.
    FetchNow(Listed),
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
    if let Err(p) = discovery::check_url(s.url) {
        return Decision::Never(NeverReason::BadUrl(p));
    }
    if s.only_on_click {
        return Decision::AskForClick(ClickReason::OnlyOnClick);
    }
    if s.source == TokenSource::Link && !s.seen {
        return Decision::AskForClick(ClickReason::NotSeenYet);
    }
    let Some(host) = https_host(s.url) else {
        return Decision::AskForClick(ClickReason::NotHttps);
    };
    if let Some(pattern) = s.vendor_hosts.iter().find(|p| host_matches(p, &host)) {
        return Decision::FetchNow(Listed::Vendor {
            host,
            pattern: (*pattern).to_owned(),
        });
    }
    if s.presets_allow {
        return Decision::FetchNow(Listed::Presets { host });
    }
    Decision::AskForClick(ClickReason::HostNotListed { host })
}

/// The lower-case host of an `https://` URL with no user info; `None` otherwise.
fn https_host(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url
        .get(..8)
        .filter(|s| s.eq_ignore_ascii_case("https://"))
        .and_then(|_| url.get(8..))?;
    let authority = rest.split(['/', '?', '#', '\\']).next()?;
    // `https://okta.com@evil.example/` names evil.example: never fetched automatically.
    if authority.contains('@') || authority.starts_with('[') {
        return None;
    }
    let host = authority.split(':').next()?.trim_end_matches('.');
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// `host` matches `pattern`: equal, `*.domain` for any subdomain (not the domain itself), or
/// label by label where `{region}` stands for one AWS region label such as `eu-west-1`.
fn host_matches(pattern: &str, host: &str) -> bool {
    let pattern = pattern.trim().to_ascii_lowercase();
    if let Some(domain) = pattern.strip_prefix("*.") {
        return host
            .strip_suffix(domain)
            .and_then(|rest| rest.strip_suffix('.'))
            .is_some_and(|label| !label.is_empty());
    }
    let (p, h): (Vec<&str>, Vec<&str>) = (pattern.split('.').collect(), host.split('.').collect());
    p.len() == h.len()
        && p.iter().zip(&h).all(|(p, h)| match *p {
            "{region}" => is_region_label(h),
            p => p == *h,
        })
}

/// `eu-west-1`, `us-gov-west-1`, `eusc-de-east-1`: dash-separated lower-case words ending in
/// a digit.
fn is_region_label(label: &str) -> bool {
    let parts: Vec<&str> = label.split('-').collect();
    (3..=4).contains(&parts.len())
        && parts
            .last()
            .is_some_and(|d| d.len() == 1 && d.bytes().all(|b| b.is_ascii_digit()))
        && parts
            .iter()
            .take(parts.len().saturating_sub(1))
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
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

    fn vendor(host: &str, pattern: &str) -> Decision {
        FetchNow(Listed::Vendor {
            host: host.into(),
            pattern: pattern.into(),
        })
    }

    /// `(source, seen, url, presets allow, only on click) → decision`.
    #[test]
    fn automatic_fetching_follows_the_source_the_sighting_the_host_and_the_switch() {
        let auth0 = vendor("tenant.eu.auth0.com", "*.auth0.com");
        let cognito = vendor(
            "cognito-idp.eu-west-1.amazonaws.com",
            "cognito-idp.{region}.amazonaws.com",
        );
        let updated = vendor(
            "issuer-cognito-idp.eu-west-1.amazonaws.com",
            "issuer-cognito-idp.{region}.amazonaws.com",
        );
        let not_listed = AskForClick(ClickReason::HostNotListed {
            host: "login.example.com".into(),
        });
        let presets = FetchNow(Listed::Presets {
            host: "login.example.com".into(),
        });
        let table: &[(TokenSource, bool, &str, bool, bool, Decision)] = &[
            // A pasted token fetches at once from a vendor host, and waits elsewhere.
            (Pasted, false, AUTH0, false, false, auth0.clone()),
            (Pasted, false, COGNITO, false, false, cognito.clone()),
            (Pasted, false, UPDATED, false, false, updated),
            (Pasted, false, OWN, false, false, not_listed.clone()),
            (Pasted, false, OWN, true, false, presets.clone()),
            (
                Pasted,
                false,
                LOCAL,
                true,
                false,
                AskForClick(ClickReason::NotHttps),
            ),
            // The switch turns every automatic fetch into a button.
            (
                Pasted,
                false,
                AUTH0,
                false,
                true,
                AskForClick(ClickReason::OnlyOnClick),
            ),
            (
                Pasted,
                true,
                OWN,
                true,
                true,
                AskForClick(ClickReason::OnlyOnClick),
            ),
            (
                Link,
                true,
                COGNITO,
                false,
                true,
                AskForClick(ClickReason::OnlyOnClick),
            ),
            // A link never fetches before its token has been seen; afterwards, as a paste.
            (
                Link,
                false,
                AUTH0,
                false,
                false,
                AskForClick(ClickReason::NotSeenYet),
            ),
            (
                Link,
                false,
                OWN,
                true,
                false,
                AskForClick(ClickReason::NotSeenYet),
            ),
            (Link, true, AUTH0, false, false, auth0),
            (Link, true, COGNITO, false, false, cognito),
            (Link, true, OWN, false, false, not_listed),
            (Link, true, OWN, true, false, presets),
            // The demo has its own keys; a bad URL is never fetched.
            (Demo, true, AUTH0, true, false, Never(NeverReason::Demo)),
            (
                Pasted,
                false,
                "http://keys.example.com/jwks.json",
                true,
                false,
                Never(NeverReason::BadUrl(UrlProblem::PlainHttp {
                    value: "http://keys.example.com/jwks.json".into(),
                })),
            ),
        ];
        for (i, (source, seen, url, presets_allow, only_on_click, expected)) in
            table.iter().enumerate()
        {
            let s = Situation {
                source: *source,
                seen: *seen,
                url,
                vendor_hosts: VENDOR_HOSTS,
                presets_allow: *presets_allow,
                only_on_click: *only_on_click,
            };
            assert_eq!(&decide(&s), expected, "row {i}: {s:?}");
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
            let s = Situation {
                source: Pasted,
                seen: true,
                url,
                vendor_hosts: VENDOR_HOSTS,
                presets_allow: false,
                only_on_click: false,
            };
            assert!(matches!(decide(&s), AskForClick(_)), "{url}");
        }
    }

    #[test]
    fn the_vendor_list_is_an_input() {
        let s = Situation {
            source: Pasted,
            seen: false,
            url: AUTH0,
            vendor_hosts: &[],
            presets_allow: false,
            only_on_click: false,
        };
        assert!(matches!(
            decide(&s),
            AskForClick(ClickReason::HostNotListed { .. })
        ));
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
