//! `presets`: the organisation's `tokenlens.config.json` and the auto-fetch allow-list.

use proptest::prelude::*;
use tokenlens::diagnose::profiles::Profile;
use tokenlens::discovery::UrlProblem;
use tokenlens::explain::presets as explain;
use tokenlens::presets::{
    host_pattern, may_auto_fetch, parse_presets, AutoFetch, HostPattern, JsonType, NeedsClickWhy,
    PresetProblem, PresetReason, Presets, Provider, Rule,
};

const VALID: &str = r#"{
  "version": 1,
  "profiles": [
    {
      "name": "Orders API (prod)",
      "issuer": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123",
      "jwks_url": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123/.well-known/jwks.json",
      "client_ids": ["4b1ibc9gpvlcb5n2fl0akvq0vf"],
      "scopes": ["orders/read"],
      "gateway": "rest-cognito",
      "fields": { "cfg-rest-scopes": "orders/read", "leeway": "60" }
    },
    { "name": "Internal", "issuer": "https://login.internal.example.com", "gateway": "oidc" }
  ],
  "default_profile": "Orders API (prod)",
  "auto_fetch_hosts": ["login.example.com", "*.idp.example.com"]
}"#;

fn reasons_at(body: &str) -> Vec<(String, PresetReason)> {
    parse_presets(body.as_bytes())
        .problems
        .into_iter()
        .map(|p| (p.path, p.reason))
        .collect()
}

fn presets() -> Presets {
    parse_presets(VALID.as_bytes()).presets
}

#[test]
fn a_valid_file_yields_every_profile_and_no_problem() {
    let parsed = parse_presets(VALID.as_bytes());
    assert_eq!(parsed.problems, vec![]);
    assert!(parsed.is_clean());
    let p = &parsed.presets;
    assert_eq!(p.profiles.len(), 2);
    let orders = p.initial_profile().expect("default profile");
    assert_eq!(orders.name, "Orders API (prod)");
    assert_eq!(orders.gateway, Some(Profile::RestCognito));
    assert_eq!(orders.client_ids, vec!["4b1ibc9gpvlcb5n2fl0akvq0vf"]);
    assert_eq!(orders.scopes, vec!["orders/read"]);
    assert_eq!(
        orders.fields,
        vec![
            ("cfg-rest-scopes", "orders/read".to_owned()),
            ("leeway", "60".to_owned())
        ]
    );
    assert_eq!(
        p.auto_fetch_hosts,
        vec![
            HostPattern::Exact("login.example.com".into()),
            HostPattern::Subdomains("idp.example.com".into())
        ]
    );
}

#[test]
fn each_problem_is_reported_with_its_path() {
    let body = r#"{
      "version": 1,
      "colour": "blue",
      "profiles": [
        { "name": "a", "issuer": "http://evil.example.com" },
        { "name": "b", "gateway": "apigw" },
        { "name": "a" },
        { "issuer": 7 },
        { "name": "c", "client_ids": ["", 3], "fields": { "cfg-nope": "x", "leeway": 5 } },
        { "name": "d", "jwks_url": "ftp://x" },
        "not an object",
        { "name": "ok", "extra": true }
      ],
      "default_profile": "b",
      "auto_fetch_hosts": ["*.com", "good.example.com", "bad host", 1]
    }"#;
    let got = reasons_at(body);
    let expect = vec![
        (
            "$.colour",
            PresetReason::UnknownKey {
                key: "colour".into(),
            },
        ),
        (
            "$.profiles[0].issuer",
            PresetReason::BadUrl(UrlProblem::PlainHttp {
                value: "http://evil.example.com".into(),
            }),
        ),
        (
            "$.profiles[1].gateway",
            PresetReason::UnknownGateway {
                found: "apigw".into(),
            },
        ),
        (
            "$.profiles[2].name",
            PresetReason::DuplicateName {
                name: "a".into(),
                first: 0,
            },
        ),
        ("$.profiles[3].name", PresetReason::Missing),
        (
            "$.profiles[3].issuer",
            PresetReason::WrongType {
                expected: JsonType::String,
                found: JsonType::Number,
            },
        ),
        ("$.profiles[4].client_ids[0]", PresetReason::Empty),
        (
            "$.profiles[4].client_ids[1]",
            PresetReason::WrongType {
                expected: JsonType::String,
                found: JsonType::Number,
            },
        ),
        (
            "$.profiles[4].fields.cfg-nope",
            PresetReason::UnknownField {
                id: "cfg-nope".into(),
            },
        ),
        (
            "$.profiles[4].fields.leeway",
            PresetReason::WrongType {
                expected: JsonType::String,
                found: JsonType::Number,
            },
        ),
        (
            "$.profiles[5].jwks_url",
            PresetReason::BadUrl(UrlProblem::NotHttpUrl {
                value: "ftp://x".into(),
            }),
        ),
        (
            "$.profiles[6]",
            PresetReason::WrongType {
                expected: JsonType::Object,
                found: JsonType::String,
            },
        ),
        (
            "$.profiles[7].extra",
            PresetReason::UnknownKey {
                key: "extra".into(),
            },
        ),
        (
            "$.default_profile",
            PresetReason::NoSuchProfile { name: "b".into() },
        ),
        (
            "$.auto_fetch_hosts[0]",
            PresetReason::BadHostPattern {
                pattern: "*.com".into(),
            },
        ),
        (
            "$.auto_fetch_hosts[2]",
            PresetReason::BadHostPattern {
                pattern: "bad host".into(),
            },
        ),
        (
            "$.auto_fetch_hosts[3]",
            PresetReason::WrongType {
                expected: JsonType::String,
                found: JsonType::Number,
            },
        ),
    ];
    let expect: Vec<(String, PresetReason)> =
        expect.into_iter().map(|(p, r)| (p.to_owned(), r)).collect();
    assert_eq!(got, expect);
}

#[test]
fn a_broken_file_still_yields_its_good_profiles() {
    let body = r#"{"version": 1, "profiles": [
        {"name": "bad", "gateway": "nope"},
        {"name": "good", "issuer": "https://login.example.com"},
        {"name": "warned", "typo_key": 1}
    ]}"#;
    let parsed = parse_presets(body.as_bytes());
    let names: Vec<&str> = parsed
        .presets
        .profiles
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, vec!["good", "warned"]);
    assert!(!parsed.is_clean());
    assert_eq!(parsed.problems.len(), 2);
}

#[test]
fn a_duplicate_name_keeps_the_first_profile() {
    let body = r#"{"version": 1, "profiles": [{"name": "x", "gateway": "oidc"}, {"name": "x"}]}"#;
    let parsed = parse_presets(body.as_bytes());
    assert_eq!(parsed.presets.profiles.len(), 1);
    assert_eq!(parsed.presets.profiles[0].gateway, Some(Profile::Oidc));
}

#[test]
fn unknown_keys_are_warnings_only() {
    let parsed = parse_presets(br#"{"version": 1, "comment": "hi"}"#);
    assert!(parsed.is_clean());
    assert_eq!(parsed.problems.len(), 1);
    assert!(parsed.problems[0].is_warning());
}

#[test]
fn a_repeated_member_counts_once_and_its_last_value_wins() {
    let parsed = parse_presets(
        br#"{"version": 1, "x": 1, "x": 2, "profiles": [{"name": "A",
            "fields": {"leeway": "10", "leeway": "60"}}], "version": 1}"#,
    );
    assert_eq!(
        parsed.problems,
        vec![PresetProblem {
            path: "$.x".into(),
            reason: PresetReason::UnknownKey { key: "x".into() }
        }]
    );
    assert_eq!(
        parsed.presets.profiles[0].fields,
        vec![("leeway", "60".to_owned())]
    );
}

#[test]
fn a_version_written_as_a_fraction_is_reported_as_written() {
    assert_eq!(
        reasons_at(r#"{"version": 1.0}"#),
        vec![(
            "$.version".to_owned(),
            PresetReason::UnsupportedVersion {
                found: "1.0".into()
            }
        )]
    );
}

#[test]
fn fetch_keys_only_on_click_sets_the_switch_default() {
    // (the member as written, the switch's default, the problems)
    type Row = (&'static str, bool, Vec<(String, PresetReason)>);
    let table: [Row; 6] = [
        ("", false, vec![]),
        (r#", "fetch_keys_only_on_click": true"#, true, vec![]),
        (r#", "fetch_keys_only_on_click": false"#, false, vec![]),
        (
            r#", "fetch_keys_only_on_click": "true""#,
            false,
            vec![(
                "$.fetch_keys_only_on_click".into(),
                PresetReason::WrongType {
                    expected: JsonType::Bool,
                    found: JsonType::String,
                },
            )],
        ),
        (
            r#", "fetch_keys_only_on_click": 1"#,
            false,
            vec![(
                "$.fetch_keys_only_on_click".into(),
                PresetReason::WrongType {
                    expected: JsonType::Bool,
                    found: JsonType::Number,
                },
            )],
        ),
        (
            r#", "fetch_keys_only_on_click": false, "fetch_keys_only_on_click": true"#,
            true,
            vec![],
        ),
    ];
    for (member, on, problems) in table {
        let body = format!(r#"{{"version": 1{member}}}"#);
        let parsed = parse_presets(body.as_bytes());
        assert_eq!(parsed.presets.fetch_keys_only_on_click, on, "{member}");
        let found: Vec<_> = parsed
            .problems
            .into_iter()
            .map(|p| (p.path, p.reason))
            .collect();
        assert_eq!(found, problems, "{member}");
    }
}

#[test]
fn the_switch_setting_does_not_stop_the_profiles_from_being_read() {
    let body = VALID.replacen('{', r#"{"fetch_keys_only_on_click": true, "#, 1);
    let parsed = parse_presets(body.as_bytes());
    assert_eq!(parsed.problems, vec![]);
    assert_eq!(parsed.presets.profiles, presets().profiles);
    assert!(parsed.presets.fetch_keys_only_on_click);
}

#[test]
fn whole_file_problems_are_reported_at_the_root() {
    assert!(matches!(
        reasons_at("{").as_slice(),
        [(p, PresetReason::NotJson { line: 1, .. })] if p == "$"
    ));
    assert_eq!(
        reasons_at("[]"),
        vec![(
            "$".to_owned(),
            PresetReason::WrongType {
                expected: JsonType::Object,
                found: JsonType::Array
            }
        )]
    );
    assert_eq!(
        reasons_at("{}"),
        vec![("$.version".to_owned(), PresetReason::Missing)]
    );
    assert_eq!(
        parse_presets(b"\xff").problems[0].reason,
        PresetReason::NotUtf8 { valid_up_to: 0 }
    );
    assert!(matches!(
        parse_presets(&vec![b' '; 300 * 1024]).problems[0].reason,
        PresetReason::TooLarge { .. }
    ));
}

#[test]
fn a_newer_version_is_not_read_at_all() {
    let parsed = parse_presets(
        br#"{"version": 2, "profiles": [{"name": "x"}], "auto_fetch_hosts": ["a.b"]}"#,
    );
    assert_eq!(parsed.presets, Presets::default());
    assert_eq!(
        parsed.problems[0].reason,
        PresetReason::UnsupportedVersion { found: "2".into() }
    );
}

#[test]
fn every_problem_names_its_path() {
    for p in parse_presets(br#"{"version": 1, "profiles": [{"name": 1}], "x": 0}"#).problems {
        assert!(explain::problem(&p).contains(&p.path));
    }
}

// ---------------------------------------------------------------------------------------------
// Host patterns and automatic fetching.

fn allowed_by(url: &str, presets: Option<&Presets>) -> Option<Rule> {
    match may_auto_fetch(url, presets) {
        AutoFetch::Allowed { by } => Some(by),
        AutoFetch::NeedsClick { .. } => None,
    }
}

#[test]
fn well_known_providers_are_fetched_automatically() {
    for (url, provider) in [
        (
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC/.well-known/jwks.json",
            Provider::Cognito,
        ),
        ("https://cognito-idp.us-gov-west-1.amazonaws.com/x", Provider::Cognito),
        ("https://login.microsoftonline.com/common/discovery/v2.0/keys", Provider::Entra),
        ("https://sts.windows.net/tenant/", Provider::Entra),
        ("https://accounts.google.com/.well-known/openid-configuration", Provider::Google),
        ("https://www.googleapis.com/oauth2/v3/certs", Provider::Google),
        (
            "https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com",
            Provider::Google,
        ),
        ("https://dev-abc.us.auth0.com/.well-known/jwks.json", Provider::Auth0),
        ("https://acme.okta.com/oauth2/default/v1/keys", Provider::Okta),
        ("https://ACME.OKTAPREVIEW.COM/oauth2/v1/keys", Provider::Okta),
        ("https://acme.okta-emea.com/oauth2/v1/keys", Provider::Okta),
        ("https://acme.okta.com.:443/oauth2/v1/keys", Provider::Okta),
    ] {
        match allowed_by(url, None) {
            Some(Rule::BuiltIn { provider: p, .. }) => assert_eq!(p, provider, "{url}"),
            other => panic!("{url}: {other:?}"),
        }
    }
}

#[test]
fn look_alike_hosts_wait_for_a_click() {
    for url in [
        "https://evil-okta.com/keys",
        "https://okta.com.evil.com/keys",
        "https://okta.com/keys",
        "https://acmeokta.com/keys",
        "https://auth0.com.attacker.net/",
        "https://login.microsoftonline.com.evil.com/",
        "https://cognito-idp.amazonaws.com/x",
        "https://cognito-idp.eu-west-1.amazonaws.com.evil.com/x",
        "https://acme.okta.com@evil.com/keys",
        "https://evil.com\\@acme.okta.com/keys",
    ] {
        assert_eq!(allowed_by(url, None), None, "{url}");
    }
}

#[test]
fn plain_http_never_fetches_automatically_even_to_loopback() {
    assert_eq!(
        may_auto_fetch("http://localhost:8080/jwks.json", Some(&presets())),
        AutoFetch::NeedsClick {
            why: NeedsClickWhy::NotHttps
        }
    );
    assert_eq!(
        may_auto_fetch("http://acme.okta.com/keys", None),
        AutoFetch::NeedsClick {
            why: NeedsClickWhy::BadUrl(UrlProblem::PlainHttp {
                value: "http://acme.okta.com/keys".into()
            })
        }
    );
}

#[test]
fn other_hosts_wait_for_a_click_and_say_which_host() {
    assert_eq!(
        may_auto_fetch("https://Keys.Example.org/jwks", None),
        AutoFetch::NeedsClick {
            why: NeedsClickWhy::HostNotAllowed {
                host: "keys.example.org".into()
            }
        }
    );
}

#[test]
fn presets_hosts_and_profile_hosts_are_fetched_automatically() {
    let p = presets();
    assert_eq!(
        allowed_by("https://login.example.com/jwks", Some(&p)),
        Some(Rule::Presets(HostPattern::Exact(
            "login.example.com".into()
        )))
    );
    assert_eq!(
        allowed_by("https://eu.idp.example.com/jwks", Some(&p)),
        Some(Rule::Presets(HostPattern::Subdomains(
            "idp.example.com".into()
        )))
    );
    assert_eq!(allowed_by("https://idp.example.com/jwks", Some(&p)), None);
    assert_eq!(
        allowed_by("https://evil-idp.example.com/jwks", Some(&p)),
        None
    );
    assert_eq!(
        allowed_by(
            "https://login.internal.example.com/.well-known/openid-configuration",
            Some(&p)
        ),
        Some(Rule::PresetProfile {
            name: "Internal".into()
        })
    );
    assert_eq!(allowed_by("https://login.example.com/jwks", None), None);
}

#[test]
fn host_patterns_need_a_real_domain() {
    assert_eq!(
        host_pattern("*.Example.COM."),
        Some(HostPattern::Subdomains("example.com".into()))
    );
    assert_eq!(
        host_pattern("localhost"),
        Some(HostPattern::Exact("localhost".into()))
    );
    for bad in [
        "*",
        "*.",
        "*.com",
        "a..b",
        "-a.com",
        "a-.com",
        "*.*.a.com",
        "a b",
        "",
        "é.com",
    ] {
        assert_eq!(host_pattern(bad), None, "{bad:?}");
    }
    let p = HostPattern::Subdomains("okta.com".into());
    assert!(p.matches("a.okta.com"));
    assert!(p.matches("a.b.okta.com"));
    assert!(!p.matches("okta.com"));
    assert!(!p.matches("evil-okta.com"));
    assert!(!p.matches(".okta.com"));
}

#[test]
fn every_auto_fetch_outcome_has_a_sentence() {
    for url in [
        "https://acme.okta.com/k",
        "http://localhost/k",
        "https://x.example/k",
        "nope",
    ] {
        assert!(!explain::auto_fetch(&may_auto_fetch(url, None)).is_empty());
    }
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(body in prop::collection::vec(any::<u8>(), 0..400)) {
        let parsed = parse_presets(&body);
        for p in &parsed.problems {
            prop_assert!(!explain::problem(p).is_empty());
        }
    }

    #[test]
    fn arbitrary_json_shapes_never_panic(body in r#"\{"version":1,"profiles":\[[\[\]{}",:a-z0-9 _.*/-]{0,120}\]\}"#) {
        let _ = parse_presets(body.as_bytes());
    }

    #[test]
    fn arbitrary_urls_never_panic(url in ".{0,80}") {
        let _ = may_auto_fetch(&url, Some(&presets()));
    }
}

/// Issue 11: a presets file at its size cap took 0.30 s because every profile re-counted every
/// problem so far and every name was compared with every earlier one. The file below (tens of
/// thousands of nameless profiles, each one problem, then repeated names) makes that quadratic
/// work hundreds of millions of steps; linear work is a few milliseconds.
#[test]
fn a_presets_file_at_its_cap_is_read_in_linear_time() {
    use tokenlens::presets::MAX_BYTES;
    let mut profiles: Vec<String> = Vec::new();
    let mut len = 40;
    while len < MAX_BYTES / 2 {
        profiles.push("{}".to_owned());
        len += 3;
    }
    let nameless = profiles.len();
    let mut named = 0;
    while len < MAX_BYTES - 100 {
        let p = format!(r#"{{"name":"n{}"}}"#, named / 2);
        len += p.len() + 1;
        profiles.push(p);
        named += 1;
    }
    let body = format!(r#"{{"version":1,"profiles":[{}]}}"#, profiles.join(","));
    assert!(body.len() <= MAX_BYTES);
    let parsed = parse_presets(body.as_bytes());
    let count =
        |f: fn(&PresetReason) -> bool| parsed.problems.iter().filter(|p| f(&p.reason)).count();
    assert_eq!(count(|r| matches!(r, PresetReason::Missing)), nameless);
    assert_eq!(
        count(|r| matches!(r, PresetReason::DuplicateName { .. })),
        named / 2
    );
    assert_eq!(parsed.presets.profiles.len(), named.div_ceil(2));
}

#[test]
fn presets_name_the_rest_jwt_gateway_and_its_fields() {
    let body = r#"{"version":1,"profiles":[{"name":"jwt","gateway":"rest-jwt","fields":{"cfg-restjwt-algs":"RS256","cfg-lambda-api":"http"}}]}"#;
    let parsed = parse_presets(body.as_bytes());
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let p = &parsed.presets.profiles[0];
    assert_eq!(p.gateway, Some(Profile::RestJwt));
    assert_eq!(p.fields.len(), 2);
}
