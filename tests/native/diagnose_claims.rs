//! Token-level diagnosis: claim checks, token identity, security lints, and their prose.

use proptest::prelude::*;
use tokenlens::diagnose::claims::{self, AudClaim, AudienceRule, ClaimCode, Expect, TokenUse};
use tokenlens::diagnose::finding::{Code, Evidence, Finding, Status};
use tokenlens::diagnose::identity::{self, IdentityCode, IssuerKind, TokenKind};
use tokenlens::diagnose::lints::{self, LintCode};
use tokenlens::explain::{self, sources};
use tokenlens::issuer::{CognitoForm, CognitoIssuer, CognitoProblem, EntraVersion, PoolId};
use tokenlens::jose::{Claims, Header, JsonDoc, TimeClaim};

const POOL: &str = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123";
const POOL_UPDATED: &str = "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123";
const NOW: i64 = 1_700_000_000;

fn c(json: &str) -> Claims {
    Claims::from_value(&JsonDoc::parse(json).expect("test JSON").value)
}

fn h(json: &str) -> Header {
    Header::from_doc(JsonDoc::parse(json).expect("test JSON")).expect("header object")
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| (*x).to_owned()).collect()
}

fn pool(id: &str) -> PoolId {
    PoolId::parse(id).expect("valid pool id in test")
}

fn codes(fs: &[Finding]) -> Vec<&'static str> {
    fs.iter().map(|f| f.code.as_str()).collect()
}

/// The claims codes, in order (panics on another module's code: these tests call one module).
fn claim_codes(fs: &[Finding]) -> Vec<ClaimCode> {
    fs.iter()
        .map(|f| match &f.code {
            Code::Claims(c) => c.clone(),
            other => panic!("not a claims code: {other}"),
        })
        .collect()
}

fn identity_codes(fs: &[Finding]) -> Vec<IdentityCode> {
    fs.iter()
        .map(|f| match &f.code {
            Code::Identity(c) => c.clone(),
            other => panic!("not an identity code: {other}"),
        })
        .collect()
}

fn lint_codes(fs: &[Finding]) -> Vec<LintCode> {
    fs.iter()
        .map(|f| match &f.code {
            Code::Lint(c) => c.clone(),
            other => panic!("not a lint code: {other}"),
        })
        .collect()
}

fn expect(leeway: i64) -> Expect {
    Expect { now: NOW, leeway }
}

/// Every finding is typed (never `Legacy`), has prose from its own module, cites only known
/// sources, and a REPORTED one is worded "likely".
fn check_prose(fs: &[Finding]) {
    for f in fs {
        let message = match &f.code {
            Code::Claims(_) => explain::claims::message(f),
            Code::Identity(_) => explain::identity::message(f),
            Code::Lint(_) => explain::lints::message(f),
            other => panic!("untyped or foreign code {other}"),
        };
        assert!(!message.is_empty(), "no prose for {}", f.code);
        assert!(!f.sources.is_empty(), "no source for {}", f.code);
        for k in &f.sources {
            assert!(
                sources::KEYS.contains(k),
                "unknown source {k} in {}",
                f.code
            );
            assert!(sources::url(k).is_some(), "no url for {k}");
        }
        if f.status == Status::Reported {
            assert!(
                message.contains("likely"),
                "REPORTED {} not worded 'likely'",
                f.code
            );
        }
    }
}

fn run(fs: Vec<Finding>) -> Vec<Finding> {
    check_prose(&fs);
    fs
}

fn member_actual(f: &Finding, name: &str) -> Option<String> {
    f.evidence.iter().find_map(|e| match e {
        Evidence::Member {
            name: n, actual, ..
        } if n == name => actual.clone(),
        _ => None,
    })
}

fn times(json: &str, leeway: i64) -> Vec<ClaimCode> {
    claim_codes(&run(claims::check_times(&c(json), &expect(leeway))))
}

// ---- times: one rule (jose::Claims::expired_at / not_yet_valid_until) ----

/// `time!(name, claims JSON, leeway, expected codes)`.
macro_rules! time {
    ($name:ident, $json:expr, $leeway:expr, [$($code:expr),* $(,)?]) => {
        #[test]
        fn $name() {
            let want: Vec<ClaimCode> = vec![$($code),*];
            assert_eq!(times(&$json, $leeway), want);
        }
    };
}

time!(
    a_token_whose_exp_equals_now_is_expired,
    format!(r#"{{"exp":{NOW}}}"#),
    0,
    [ClaimCode::Expired {
        exp: NOW,
        now: NOW,
        leeway: 0
    }]
);
time!(
    a_token_whose_nbf_equals_now_is_already_valid,
    format!(r#"{{"exp":{},"nbf":{NOW}}}"#, NOW + 60),
    0,
    []
);
time!(
    a_token_one_second_before_exp_is_not_expired,
    format!(r#"{{"exp":{}}}"#, NOW + 1),
    0,
    []
);
time!(
    a_token_expired_an_hour_ago_says_so_with_both_times,
    format!(r#"{{"exp":{}}}"#, NOW - 3_600),
    0,
    [ClaimCode::Expired {
        exp: NOW - 3_600,
        now: NOW,
        leeway: 0
    }]
);
time!(
    leeway_turns_a_just_expired_token_into_a_warning,
    format!(r#"{{"exp":{}}}"#, NOW - 30),
    60,
    [ClaimCode::ExpiredWithinLeeway {
        exp: NOW - 30,
        now: NOW,
        leeway: 60
    }]
);
time!(
    a_token_expired_exactly_leeway_ago_is_expired,
    format!(r#"{{"exp":{}}}"#, NOW - 60),
    60,
    [ClaimCode::Expired {
        exp: NOW - 60,
        now: NOW,
        leeway: 60
    }]
);
time!(
    nbf_in_the_future_is_not_yet_valid,
    format!(r#"{{"exp":{},"nbf":{}}}"#, NOW + 600, NOW + 4),
    0,
    [ClaimCode::NotYetValid {
        nbf: NOW + 4,
        now: NOW,
        leeway: 0
    }]
);
time!(
    nbf_inside_the_leeway_is_a_warning,
    format!(r#"{{"exp":{},"nbf":{}}}"#, NOW + 600, NOW + 4),
    10,
    [ClaimCode::NbfWithinLeeway {
        nbf: NOW + 4,
        now: NOW,
        leeway: 10
    }]
);
time!(
    a_negative_leeway_counts_as_none,
    format!(r#"{{"exp":{NOW}}}"#),
    -5,
    [ClaimCode::Expired {
        exp: NOW,
        now: NOW,
        leeway: 0
    }]
);
time!(
    iat_in_the_future_is_reported,
    format!(r#"{{"exp":{},"iat":{}}}"#, NOW + 600, NOW + 120),
    0,
    [ClaimCode::IssuedInFuture {
        iat: NOW + 120,
        now: NOW,
        leeway: 0
    }]
);
time!(a_token_without_exp_is_reported, "{}", 0, [ClaimCode::NoExp]);
time!(
    a_quoted_exp_is_malformed,
    r#"{"exp":"1700000000"}"#,
    0,
    [ClaimCode::TimeMalformed {
        claim: TimeClaim::Exp,
        raw: "\"1700000000\"".into()
    }]
);
time!(
    a_millisecond_exp_is_called_out_and_not_judged_as_seconds,
    r#"{"exp":1700000000000}"#,
    0,
    [ClaimCode::TimeInMilliseconds {
        claim: TimeClaim::Exp,
        raw: "1700000000000".into()
    }]
);
time!(
    exp_before_iat_is_never_valid,
    format!(r#"{{"exp":{},"iat":{}}}"#, NOW + 10, NOW + 20),
    30,
    [ClaimCode::ExpBeforeIat {
        exp: NOW + 10,
        iat: NOW + 20
    }]
);

#[test]
fn the_claims_stage_agrees_with_the_claims_type_at_every_boundary() {
    for exp in [NOW - 1, NOW, NOW + 1] {
        for leeway in [0, 1, 2] {
            let cl = c(&format!(r#"{{"exp":{exp},"nbf":{exp}}}"#));
            let fs = claim_codes(&claims::check_times(&cl, &Expect { now: NOW, leeway }));
            let expired = fs.iter().any(|c| matches!(c, ClaimCode::Expired { .. }));
            let early = fs
                .iter()
                .any(|c| matches!(c, ClaimCode::NotYetValid { .. }));
            assert_eq!(
                expired,
                cl.expired_at(NOW, leeway).is_some(),
                "{exp} {leeway}"
            );
            assert_eq!(
                early,
                cl.not_yet_valid_until(NOW, leeway).is_some(),
                "{exp} {leeway}"
            );
        }
    }
}

#[test]
fn expired_prose_says_how_long_ago() {
    let fs = run(claims::check_times(
        &c(&format!(r#"{{"exp":{}}}"#, NOW - 3_600)),
        &expect(0),
    ));
    assert!(explain::claims::message(&fs[0]).contains("1 h"));
}

// ---- issuer ----

fn issuer(iss: &str, expected: &[&str]) -> Vec<ClaimCode> {
    claim_codes(&run(claims::check_issuer(
        &c(&format!(r#"{{"iss":"{iss}"}}"#)),
        &s(expected),
    )))
}

/// The near-miss code after `issuer_mismatch` (asserting the mismatch comes first).
fn near(iss: &str, expected: &str) -> Option<ClaimCode> {
    let fs = issuer(iss, &[expected]);
    assert!(
        matches!(fs.first(), Some(ClaimCode::IssuerMismatch { actual, .. }) if actual == iss),
        "{fs:?}"
    );
    fs.get(1).cloned()
}

#[test]
fn issuer_near_misses_name_exactly_what_differs() {
    let x = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    let table: Vec<(&str, &str, Option<ClaimCode>)> = vec![
        (
            "https://tenant.auth0.com/",
            "https://tenant.auth0.com",
            Some({
                let (actual, expected) = x("https://tenant.auth0.com/", "https://tenant.auth0.com");
                ClaimCode::IssuerTrailingSlash { actual, expected }
            }),
        ),
        (
            "http://idp.example",
            "https://idp.example",
            Some({
                let (actual, expected) = x("http://idp.example", "https://idp.example");
                ClaimCode::IssuerScheme { actual, expected }
            }),
        ),
        (
            "https://IdP.example",
            "https://idp.example",
            Some({
                let (actual, expected) = x("https://IdP.example", "https://idp.example");
                ClaimCode::IssuerCase { actual, expected }
            }),
        ),
        (
            "accounts.google.com",
            "https://accounts.google.com",
            Some({
                let (actual, expected) = x("accounts.google.com", "https://accounts.google.com");
                ClaimCode::IssuerGoogleSpelling { actual, expected }
            }),
        ),
        (
            POOL,
            "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123",
            Some(ClaimCode::IssuerOtherRegion {
                token_pool: pool("eu-west-1_AbC123"),
                expected_pool: pool("us-east-1_AbC123"),
            }),
        ),
        (
            POOL,
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other9",
            Some(ClaimCode::IssuerOtherPool {
                token_pool: pool("eu-west-1_AbC123"),
                expected_pool: pool("eu-west-1_Other9"),
            }),
        ),
        (
            POOL_UPDATED,
            POOL,
            Some(ClaimCode::IssuerOtherForm {
                pool: pool("eu-west-1_AbC123"),
                token_form: CognitoForm::Updated,
                expected_form: CognitoForm::Original,
            }),
        ),
        (
            POOL,
            POOL_UPDATED,
            Some(ClaimCode::IssuerOtherForm {
                pool: pool("eu-west-1_AbC123"),
                token_form: CognitoForm::Original,
                expected_form: CognitoForm::Updated,
            }),
        ),
        (
            "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123",
            "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Zz1",
            Some(ClaimCode::IssuerOtherRegion {
                token_pool: pool("eu-west-1_AbC123"),
                expected_pool: pool("us-east-1_Zz1"),
            }),
        ),
        (
            "https://cognito-idp.eusc-de-east-1.amazonaws.com/eusc-de-east-1_Ab9",
            "https://cognito-idp.eusc-de-east-1.amazonaws.com/eusc-de-east-1_Cd8",
            Some(ClaimCode::IssuerOtherPool {
                token_pool: pool("eusc-de-east-1_Ab9"),
                expected_pool: pool("eusc-de-east-1_Cd8"),
            }),
        ),
        (
            POOL,
            "https://myapp.auth.eu-west-1.amazoncognito.com",
            Some({
                let (actual, expected) = x(POOL, "https://myapp.auth.eu-west-1.amazoncognito.com");
                ClaimCode::IssuerLoginDomain { actual, expected }
            }),
        ),
        (
            POOL_UPDATED,
            "https://myapp.auth.eu-west-1.amazoncognito.com",
            Some({
                let (actual, expected) = x(
                    POOL_UPDATED,
                    "https://myapp.auth.eu-west-1.amazoncognito.com",
                );
                ClaimCode::IssuerLoginDomain { actual, expected }
            }),
        ),
        (
            "https://sts.windows.net/tid-1/",
            "https://login.microsoftonline.com/tid-1/v2.0",
            Some(ClaimCode::IssuerEntraVersion {
                tenant: "tid-1".into(),
                token_version: EntraVersion::V1,
                expected_version: EntraVersion::V2,
            }),
        ),
        (
            "https://login.microsoftonline.com/tid-1/v2.0",
            "https://login.microsoftonline.com/tid-2/v2.0",
            Some(ClaimCode::IssuerOtherTenant {
                token_tenant: "tid-1".into(),
                expected_tenant: "tid-2".into(),
            }),
        ),
        ("https://a.example", "https://b.example", None),
    ];
    for (iss, expected, want) in table {
        assert_eq!(near(iss, expected), want, "{iss} vs {expected}");
    }
}

#[test]
fn the_other_issuer_form_prose_names_the_pool_and_both_forms() {
    let fs = run(claims::check_issuer(
        &c(&format!(r#"{{"iss":"{POOL_UPDATED}"}}"#)),
        &s(&[POOL]),
    ));
    let m = explain::claims::message(&fs[1]);
    assert!(m.contains("eu-west-1_AbC123") && m.contains("UPDATED") && m.contains("ORIGINAL"));
}

#[test]
fn a_matching_issuer_of_either_form_has_no_findings() {
    assert!(claims::check_issuer(&c(&format!(r#"{{"iss":"{POOL}"}}"#)), &s(&[POOL])).is_empty());
    assert!(claims::check_issuer(
        &c(&format!(r#"{{"iss":"{POOL_UPDATED}"}}"#)),
        &s(&[POOL, POOL_UPDATED])
    )
    .is_empty());
    assert!(claims::check_issuer(&c("{}"), &[]).is_empty());
}

#[test]
fn a_missing_or_non_string_issuer_is_reported() {
    assert_eq!(
        claim_codes(&run(claims::check_issuer(&c("{}"), &s(&[POOL])))),
        [ClaimCode::NoIss {
            expected: s(&[POOL])
        }]
    );
    assert_eq!(
        claim_codes(&run(claims::check_issuer(&c(r#"{"iss":7}"#), &s(&[POOL])))),
        [ClaimCode::IssMalformed {
            raw: "7".into(),
            expected: s(&[POOL])
        }]
    );
}

// ---- audience ----

#[test]
fn http_api_checks_client_id_only_without_aud() {
    let access = c(r#"{"client_id":"abc","token_use":"access"}"#);
    assert!(
        claims::check_audience(&access, &s(&["abc"]), AudienceRule::AudElseClientId).is_empty()
    );
    let with_aud = c(r#"{"aud":"other","client_id":"abc"}"#);
    let fs = run(claims::check_audience(
        &with_aud,
        &s(&["abc"]),
        AudienceRule::AudElseClientId,
    ));
    assert_eq!(
        claim_codes(&fs),
        [
            ClaimCode::AudienceMismatch {
                claim: AudClaim::Aud,
                raw: "\"other\"".into(),
                expected: s(&["abc"])
            },
            ClaimCode::AudCheckedNotClientId {
                client_id: "abc".into()
            }
        ]
    );
    assert_eq!(member_actual(&fs[0], "aud").as_deref(), Some("\"other\""));
}

#[test]
fn aws_jwt_verify_checks_client_id_of_access_tokens() {
    let access = c(r#"{"client_id":"zzz","token_use":"access"}"#);
    let fs = run(claims::check_audience(
        &access,
        &s(&["abc"]),
        AudienceRule::ByTokenUse,
    ));
    assert_eq!(
        claim_codes(&fs),
        [ClaimCode::AudienceMismatch {
            claim: AudClaim::ClientId,
            raw: "\"zzz\"".into(),
            expected: s(&["abc"])
        }]
    );
    let id = c(r#"{"aud":"abc","token_use":"id"}"#);
    assert!(claims::check_audience(&id, &s(&["abc"]), AudienceRule::ByTokenUse).is_empty());
}

#[test]
fn missing_audience_is_reported() {
    let fs = run(claims::check_audience(
        &c("{}"),
        &s(&["abc"]),
        AudienceRule::Aud,
    ));
    assert_eq!(
        claim_codes(&fs),
        [ClaimCode::NoAudience {
            claim: AudClaim::Aud,
            expected: s(&["abc"])
        }]
    );
}

#[test]
fn entra_api_uri_vs_guid_audience_is_explained() {
    let fs = run(claims::check_audience(
        &c(r#"{"aud":"api://my-api"}"#),
        &s(&["11111111-2222-3333-4444-555555555555"]),
        AudienceRule::Aud,
    ));
    assert!(matches!(
        claim_codes(&fs).as_slice(),
        [
            ClaimCode::AudienceMismatch { .. },
            ClaimCode::AudienceEntraUriVsGuid { .. }
        ]
    ));
}

#[test]
fn keycloak_account_audience_is_likely_a_missing_mapper() {
    let fs = run(claims::check_audience(
        &c(r#"{"aud":"account","azp":"web"}"#),
        &s(&["api"]),
        AudienceRule::Aud,
    ));
    assert_eq!(
        claim_codes(&fs).get(1),
        Some(&ClaimCode::AudienceKeycloakAccount { azp: "web".into() })
    );
}

#[test]
fn an_audience_among_a_hundred_thousand_is_found() {
    let many: Vec<String> = (0..100_000).map(|i| format!("aud-{i}")).collect();
    let json = format!(
        r#"{{"aud":{}}}"#,
        serde_json::to_string(&many).expect("serialise")
    );
    let cl = c(&json);
    assert!(claims::check_audience(&cl, &s(&["aud-99999"]), AudienceRule::Aud).is_empty());
    let expected: Vec<String> = (0..100_000).map(|i| format!("x-{i}")).collect();
    let fs = claims::check_audience(&cl, &expected, AudienceRule::Aud);
    assert!(matches!(
        claim_codes(&fs).first(),
        Some(ClaimCode::AudienceMismatch {
            claim: AudClaim::Aud,
            ..
        })
    ));
}

// ---- token use ----

#[test]
fn token_use_mismatch_and_absence_are_reported() {
    assert_eq!(
        claim_codes(&run(claims::check_token_use(
            &c(r#"{"token_use":"access"}"#),
            TokenUse::Id,
        ))),
        [ClaimCode::TokenUseMismatch {
            raw: "\"access\"".into(),
            expected: TokenUse::Id
        }]
    );
    assert_eq!(
        claim_codes(&run(claims::check_token_use(&c("{}"), TokenUse::Id))),
        [ClaimCode::NoTokenUse {
            expected: TokenUse::Id
        }]
    );
    assert_eq!(
        claims::token_use(&c(r#"{"token_use":"id"}"#)),
        Some(TokenUse::Id)
    );
}

// ---- scopes and groups ----

#[test]
fn scopes_are_read_from_scope_and_scp_without_duplicates() {
    let t = c(r#"{"scope":"openid  profile","scp":["api.read","openid"]}"#);
    assert_eq!(claims::scopes(&t), s(&["openid", "profile", "api.read"]));
    assert_eq!(claims::scopes(&c(r#"{"scp":"a b"}"#)), s(&["a", "b"]));
}

#[test]
fn scope_is_split_on_the_space_character_only() {
    // aws-jwt-verify 5.2.1 and RFC 6749 §3.3: a tab is not a separator (C7).
    assert_eq!(
        claims::scopes(&c(r#"{"scope":"a\tb c"}"#)),
        s(&["a\tb", "c"])
    );
}

#[test]
fn missing_scope_shows_token_scopes_against_required() {
    let fs = run(claims::check_scopes(
        &c(r#"{"scope":"aws.cognito.signin.user.admin"}"#),
        &s(&["api/read"]),
    ));
    assert_eq!(
        claim_codes(&fs),
        [
            ClaimCode::ScopeMissing {
                have: s(&["aws.cognito.signin.user.admin"]),
                required: s(&["api/read"])
            },
            ClaimCode::ScopeSdkSignInOnly
        ]
    );
}

#[test]
fn id_token_has_no_scope_claim() {
    let fs = run(claims::check_scopes(
        &c(r#"{"token_use":"id"}"#),
        &s(&["api/read"]),
    ));
    assert_eq!(
        claim_codes(&fs),
        [ClaimCode::NoScopeClaim {
            required: s(&["api/read"])
        }]
    );
    let fs = run(claims::check_scopes(
        &c(r#"{"roles":["App.Read"]}"#),
        &s(&["App.Read"]),
    ));
    assert_eq!(
        claim_codes(&fs),
        [
            ClaimCode::NoScopeClaim {
                required: s(&["App.Read"])
            },
            ClaimCode::EntraRolesNotScopes {
                roles: r#"["App.Read"]"#.into()
            }
        ]
    );
}

#[test]
fn a_token_with_a_hundred_thousand_scopes_is_checked_in_one_pass() {
    let scope: Vec<String> = (0..100_000).map(|i| format!("res/s{i}")).collect();
    let cl = c(&format!(
        r#"{{"scope":"{} res/s7 res/s7"}}"#,
        scope.join(" ")
    ));
    assert_eq!(claims::scopes(&cl).len(), 100_000);
    assert!(claims::check_scopes(&cl, &s(&["res/s99999"])).is_empty());
    let required: Vec<String> = (0..100_000).map(|i| format!("other/s{i}")).collect();
    let fs = claims::check_scopes(&cl, &required);
    assert!(matches!(
        claim_codes(&fs).as_slice(),
        [ClaimCode::ScopeMissing { have, required: r }] if have.len() == 100_000 && r.len() == 100_000
    ));
    let many_groups = format!(
        r#"{{"cognito:groups":{}}}"#,
        serde_json::to_string(&scope).expect("serialise")
    );
    assert!(claims::check_groups(&c(&many_groups), &s(&["res/s5"])).is_empty());
}

#[test]
fn groups_are_checked_and_a_lone_string_is_one_group() {
    let t = c(r#"{"cognito:groups":["users","admins","users"]}"#);
    assert_eq!(claims::groups(&t), s(&["users", "admins"]));
    assert!(claims::check_groups(&t, &s(&["admins"])).is_empty());
    assert_eq!(
        claim_codes(&run(claims::check_groups(&t, &s(&["ops"])))),
        [ClaimCode::GroupMissing {
            have: s(&["users", "admins"]),
            required: s(&["ops"])
        }]
    );
    assert_eq!(
        claim_codes(&run(claims::check_groups(&c("{}"), &s(&["ops"])))),
        [ClaimCode::NoGroupsClaim {
            required: s(&["ops"])
        }]
    );
    let lone = c(r#"{"cognito:groups":"admins ops"}"#);
    assert_eq!(claims::groups(&lone), s(&["admins ops"]));
    assert!(!claims::check_groups(&lone, &s(&["ops"])).is_empty());
}

// ---- identity ----

#[test]
fn cognito_issuer_of_either_form_names_its_pool() {
    assert_eq!(
        identity::cognito_issuer(POOL),
        Some(("eu-west-1".into(), "eu-west-1_AbC123".into()))
    );
    assert_eq!(
        identity::cognito_issuer(POOL_UPDATED),
        Some(("eu-west-1".into(), "eu-west-1_AbC123".into()))
    );
    assert!(identity::cognito_issuer(
        "https://cognito-idp.us-gov-west-1.amazonaws.com/us-gov-west-1_x1"
    )
    .is_some());
    assert!(
        identity::cognito_issuer("https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_AbC")
            .is_none()
    );
}

fn ident(header: &str, claims_json: &str) -> identity::Identity {
    let id = identity::identify(Some(&h(header)), Some(&c(claims_json)), None);
    check_prose(&id.findings);
    id
}

#[test]
fn cognito_id_token_is_recognised() {
    let id = ident(
        r#"{"alg":"RS256","kid":"k"}"#,
        &format!(r#"{{"iss":"{POOL}","token_use":"id","aud":"abc","cognito:username":"u"}}"#),
    );
    assert_eq!(id.kind, TokenKind::CognitoId);
    let issuer = CognitoIssuer {
        pool: pool("eu-west-1_AbC123"),
        form: CognitoForm::Original,
    };
    assert_eq!(id.issuer_kind, Some(IssuerKind::Cognito(issuer.clone())));
    assert_eq!(
        identity_codes(&id.findings),
        [IdentityCode::CognitoIdToken { issuer }]
    );
}

/// `cognito!(name, iss, token_use, expected kind, expected form)`: UPDATED issuers and `eusc-`
/// pools are Cognito user-pool tokens like any other (C1, C2, R16).
macro_rules! cognito {
    ($name:ident, $iss:expr, $use:expr, $kind:expr, $form:expr) => {
        #[test]
        fn $name() {
            let id = ident(
                r#"{"alg":"RS256","kid":"k"}"#,
                &format!(
                    r#"{{"iss":"{}","token_use":"{}","aud":"abc","client_id":"abc","username":"u"}}"#,
                    $iss, $use
                ),
            );
            assert_eq!(id.kind, $kind);
            match &id.issuer_kind {
                Some(IssuerKind::Cognito(i)) => assert_eq!(i.form, $form),
                other => panic!("not a Cognito issuer: {other:?}"),
            }
        }
    };
}

cognito!(
    an_updated_issuer_id_token_is_a_cognito_id_token,
    POOL_UPDATED,
    "id",
    TokenKind::CognitoId,
    CognitoForm::Updated
);
cognito!(
    an_updated_issuer_access_token_is_a_cognito_access_token,
    POOL_UPDATED,
    "access",
    TokenKind::CognitoAccess,
    CognitoForm::Updated
);
cognito!(
    a_european_sovereign_cloud_id_token_is_a_cognito_id_token,
    "https://cognito-idp.eusc-de-east-1.amazonaws.com/eusc-de-east-1_Ab9",
    "id",
    TokenKind::CognitoId,
    CognitoForm::Original
);
cognito!(
    a_european_sovereign_cloud_access_token_on_the_updated_issuer_is_a_cognito_access_token,
    "https://issuer-cognito-idp.eusc-de-east-1.amazonaws.com/eusc-de-east-1_Ab9",
    "access",
    TokenKind::CognitoAccess,
    CognitoForm::Updated
);

#[test]
fn a_cognito_host_whose_region_differs_from_the_pool_s_is_reported_not_identified() {
    let id = ident(
        r#"{"alg":"RS256"}"#,
        r#"{"iss":"https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_AbC","token_use":"id"}"#,
    );
    assert_eq!(id.kind, TokenKind::Unknown);
    assert_eq!(
        identity_codes(&id.findings),
        [IdentityCode::CognitoIssuerNotExact {
            problem: CognitoProblem::RegionMismatch {
                form: CognitoForm::Original,
                host_region: "eu-west-1".into(),
                pool: pool("us-east-1_AbC"),
            }
        }]
    );
}

#[test]
fn cognito_access_token_is_recognised() {
    let id = ident(
        r#"{"alg":"RS256"}"#,
        &format!(
            r#"{{"iss":"{POOL}","token_use":"access","client_id":"abc","username":"u","scope":"aws.cognito.signin.user.admin"}}"#
        ),
    );
    assert_eq!(id.kind, TokenKind::CognitoAccess);
    assert_eq!(
        identity_codes(&id.findings),
        [
            IdentityCode::CognitoAccessToken {
                issuer: CognitoIssuer {
                    pool: pool("eu-west-1_AbC123"),
                    form: CognitoForm::Original
                },
                client_id: Some("abc".into())
            },
            IdentityCode::CognitoSdkSignInScope
        ]
    );
}

#[test]
fn cognito_client_credentials_token_is_recognised() {
    let id = ident(
        r#"{"alg":"RS256"}"#,
        &format!(
            r#"{{"iss":"{POOL}","token_use":"access","client_id":"abc","scope":"api/read api/write"}}"#
        ),
    );
    assert_eq!(id.kind, TokenKind::CognitoClientCredentials);
    assert!(matches!(
        identity_codes(&id.findings).as_slice(),
        [IdentityCode::CognitoClientCredentialsToken { scopes, .. }] if scopes == &s(&["api/read", "api/write"])
    ));
}

#[test]
fn cognito_refresh_token_is_likely_recognised_from_its_jwe_header() {
    let jwe = h(r#"{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}"#);
    let id = identity::identify(None, None, Some(&jwe));
    check_prose(&id.findings);
    assert_eq!(id.kind, TokenKind::CognitoRefresh);
    assert_eq!(
        identity_codes(&id.findings),
        [IdentityCode::CognitoRefreshToken]
    );
    assert_eq!(id.findings[0].status, Status::Reported);
}

#[test]
fn auth0_encrypted_access_token_is_recognised() {
    let jwe = h(r#"{"alg":"dir","enc":"A256GCM","iss":"https://tenant.eu.auth0.com/"}"#);
    let id = identity::identify(None, None, Some(&jwe));
    check_prose(&id.findings);
    assert_eq!(id.kind, TokenKind::Auth0Opaque);
    assert_eq!(
        identity_codes(&id.findings),
        [IdentityCode::Auth0EncryptedAccessToken]
    );
}

#[test]
fn graph_token_signature_is_unverifiable_by_design() {
    let id = ident(
        r#"{"alg":"RS256","kid":"k","nonce":"abc"}"#,
        r#"{"iss":"https://sts.windows.net/tid-1/","aud":"00000003-0000-0000-c000-000000000000","ver":"1.0"}"#,
    );
    assert_eq!(id.kind, TokenKind::EntraMicrosoftApi);
    let found = identity_codes(&id.findings);
    assert_eq!(
        found,
        [
            IdentityCode::EntraMicrosoftApiToken {
                aud: Some("\"00000003-0000-0000-c000-000000000000\"".into()),
                header_nonce: true
            },
            IdentityCode::EntraHeaderNonce
        ]
    );
    assert!(found[0].is_root_cause());
    assert_eq!(id.findings[0].status, Status::Confirmed);
    assert_eq!(id.findings[1].status, Status::Reported);
}

#[test]
fn a_graph_audience_token_without_nonce_is_not_for_your_api_and_leads_as_root_cause() {
    let id = ident(
        r#"{"alg":"RS256","kid":"k"}"#,
        r#"{"iss":"https://login.microsoftonline.com/t/v2.0","aud":"https://graph.microsoft.com","ver":"2.0"}"#,
    );
    assert_eq!(id.kind, TokenKind::EntraMicrosoftApi);
    let found = identity_codes(&id.findings);
    assert!(matches!(
        found.as_slice(),
        [IdentityCode::EntraMicrosoftApiToken {
            header_nonce: false,
            ..
        }]
    ));
    assert!(found[0].is_root_cause());
    let m = explain::identity::message(&id.findings[0]);
    assert!(m.contains("not for your API") && m.contains("by design"));
}

#[test]
fn entra_v1_and_v2_tokens_are_told_apart() {
    let v1 = ident(
        r#"{"alg":"RS256"}"#,
        r#"{"iss":"https://sts.windows.net/t/","ver":"1.0","appid":"a"}"#,
    );
    assert_eq!(v1.kind, TokenKind::EntraV1);
    let v2 = ident(
        r#"{"alg":"RS256"}"#,
        r#"{"iss":"https://login.microsoftonline.com/t/v2.0","ver":"2.0","azp":"a","roles":["R"]}"#,
    );
    assert_eq!(v2.kind, TokenKind::EntraV2);
    assert_eq!(
        identity_codes(&v2.findings),
        [
            IdentityCode::EntraV2Token { tenant: "t".into() },
            IdentityCode::EntraAppOnlyToken {
                roles: r#"["R"]"#.into()
            }
        ]
    );
    assert_eq!(
        v2.issuer_kind,
        Some(IssuerKind::Entra {
            tenant: "t".into(),
            version: EntraVersion::V2
        })
    );
    assert_eq!(
        identity_codes(&v1.findings),
        [IdentityCode::EntraV1Token { tenant: "t".into() }]
    );
}

#[test]
fn keycloak_token_without_audience_is_likely_missing_a_mapper() {
    let id = ident(
        r#"{"alg":"RS256","typ":"JWT"}"#,
        r#"{"iss":"https://kc.example/realms/demo","typ":"Bearer","azp":"web"}"#,
    );
    assert_eq!(
        id.kind,
        TokenKind::Keycloak {
            typ: "Bearer".into()
        }
    );
    assert_eq!(
        identity_codes(&id.findings),
        [
            IdentityCode::KeycloakToken {
                typ: "Bearer".into(),
                realm: Some("demo".into())
            },
            IdentityCode::KeycloakNoAudience {
                azp: "\"web\"".into()
            }
        ]
    );
    assert_eq!(id.findings[1].status, Status::Reported);
}

#[test]
fn google_firebase_auth0_okta_are_recognised() {
    let g = ident(
        r#"{"alg":"RS256"}"#,
        r#"{"iss":"https://accounts.google.com","aud":"x.apps.googleusercontent.com"}"#,
    );
    assert_eq!(g.kind, TokenKind::GoogleId);
    let f = ident(
        r#"{"alg":"RS256"}"#,
        r#"{"iss":"https://securetoken.google.com/proj","aud":"proj","firebase":{}}"#,
    );
    assert_eq!(f.kind, TokenKind::FirebaseId);
    assert_eq!(
        identity_codes(&f.findings),
        [IdentityCode::FirebaseIdToken {
            project: "proj".into()
        }]
    );
    let a = ident(
        r#"{"alg":"RS256"}"#,
        r#"{"iss":"https://tenant.auth0.com/"}"#,
    );
    assert_eq!(a.kind, TokenKind::Auth0);
    let o = ident(
        r#"{"alg":"RS256"}"#,
        r#"{"iss":"https://dev-1.okta.com/oauth2/default"}"#,
    );
    assert_eq!(o.kind, TokenKind::Okta);
    assert_eq!(o.findings[0].status, Status::Reported);
}

#[test]
fn firebase_custom_token_is_not_an_id_token() {
    let id = ident(
        r#"{"alg":"RS256"}"#,
        r#"{"iss":"sa@proj.iam.gserviceaccount.com","aud":"https://identitytoolkit.googleapis.com/google.identity.identitytoolkit.v1.IdentityToolkit"}"#,
    );
    assert_eq!(
        identity_codes(&id.findings),
        [IdentityCode::FirebaseCustomToken]
    );
}

#[test]
fn alb_oidc_data_token_is_recognised_with_its_key_url() {
    let id = ident(
        r#"{"alg":"ES256","kid":"12345678-aaaa-bbbb-cccc-1234567890ab","signer":"arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/x/y","client":"c","iss":"https://idp","exp":1}"#,
        r#"{"sub":"u"}"#,
    );
    assert_eq!(id.kind, TokenKind::AlbOidcData);
    assert!(matches!(
        identity_codes(&id.findings).as_slice(),
        [IdentityCode::AlbOidcData { key_url: Some(u), .. }]
            if u == "https://public-keys.auth.elb.eu-west-1.amazonaws.com/12345678-aaaa-bbbb-cccc-1234567890ab"
    ));
}

fn lint(header: &str, claims_json: &str) -> Vec<Finding> {
    let (hd, cl) = (h(header), c(claims_json));
    let id = identity::identify(Some(&hd), Some(&cl), None);
    run(lints::lint(Some(&hd), Some(&cl), &id, &[]))
}

#[test]
fn an_unsigned_token_is_never_acceptable_and_leads_as_root_cause() {
    let fs = lint(r#"{"alg":"none"}"#, r#"{"exp":1}"#);
    let found = lint_codes(&fs);
    assert_eq!(found, [LintCode::AlgNone]);
    assert!(found[0].is_root_cause());
    let m = explain::lints::message(&fs[0]).to_lowercase();
    assert!(m.contains("unsigned") && m.contains("never acceptable"));
    assert!(!m.contains("signature does not match"));
}

#[test]
fn no_identity_prose_claims_an_unsigned_token_proves_who_signed_in() {
    let (hd, cl) = (
        h(r#"{"alg":"none"}"#),
        c(&format!(
            r#"{{"iss":"{POOL}","token_use":"id","aud":"a","exp":1}}"#
        )),
    );
    let id = identity::identify(Some(&hd), Some(&cl), None);
    for f in &id.findings {
        assert!(
            !explain::identity::message(f).contains("proves"),
            "{}",
            f.code
        );
    }
}

#[test]
fn hmac_token_from_cognito_is_flagged_as_key_confusion() {
    let fs = lint(
        r#"{"alg":"HS256"}"#,
        &format!(r#"{{"iss":"{POOL}","exp":1}}"#),
    );
    assert_eq!(
        lint_codes(&fs),
        [LintCode::HmacWithAsymmetricIssuer {
            alg: "HS256".into(),
            issuer: Some(POOL.into()),
            public_keys_given: false
        }]
    );
    let updated = lint(
        r#"{"alg":"HS256"}"#,
        &format!(r#"{{"iss":"{POOL_UPDATED}","exp":1}}"#),
    );
    assert!(matches!(
        lint_codes(&updated).as_slice(),
        [LintCode::HmacWithAsymmetricIssuer { .. }]
    ));
    assert!(lint(
        r#"{"alg":"HS256"}"#,
        r#"{"iss":"https://own.example","exp":1}"#
    )
    .is_empty());
}

#[test]
fn embedded_jwk_crit_and_foreign_jku_are_flagged() {
    let fs = lint(
        r#"{"alg":"RS256","jwk":{"kty":"RSA"},"crit":["exp"],"jku":"https://evil.example/keys"}"#,
        r#"{"iss":"https://idp.example/","exp":1}"#,
    );
    assert_eq!(
        lint_codes(&fs),
        [
            LintCode::EmbeddedJwk,
            LintCode::HeaderUrlOffIssuer {
                member: "jku",
                url: "https://evil.example/keys".into(),
                issuer_host: Some("idp.example".into())
            },
            LintCode::CritPresent {
                crit: r#"["exp"]"#.into()
            }
        ]
    );
    let same_host = lint(
        r#"{"alg":"RS256","jku":"https://idp.example/jwks"}"#,
        r#"{"iss":"https://idp.example/","exp":1}"#,
    );
    assert!(same_host.is_empty());
}

#[test]
fn kid_with_path_or_sql_characters_is_flagged_but_base64_kid_is_not() {
    assert_eq!(
        lint_codes(&lint(
            r#"{"alg":"RS256","kid":"../../dev/null"}"#,
            r#"{"exp":1}"#
        )),
        [LintCode::KidInjectionCharacters {
            kid: "../../dev/null".into()
        }]
    );
    assert_eq!(
        lint_codes(&lint(
            r#"{"alg":"RS256","kid":"x' OR 1=1 --"}"#,
            r#"{"exp":1}"#
        )),
        [LintCode::KidInjectionCharacters {
            kid: "x' OR 1=1 --".into()
        }]
    );
    assert!(lint(r#"{"alg":"RS256","kid":"abc/DEF+ghi="}"#, r#"{"exp":1}"#).is_empty());
}

#[test]
fn token_without_exp_never_expires() {
    assert_eq!(
        lint_codes(&lint(r#"{"alg":"RS256"}"#, "{}")),
        [LintCode::TokenNeverExpires]
    );
}

#[test]
fn cognito_lifetime_beyond_one_day_is_flagged() {
    let base = format!(r#""iss":"{POOL}","token_use":"id","aud":"a","iat":{NOW}"#);
    let fs = lint(
        r#"{"alg":"RS256"}"#,
        &format!(r#"{{{base},"exp":{}}}"#, NOW + 2 * 86_400),
    );
    assert_eq!(
        lint_codes(&fs),
        [LintCode::LifetimeExceedsIssuerMax {
            lifetime: 2 * 86_400,
            limit: 86_400
        }]
    );
    let fs = lint(
        r#"{"alg":"RS256"}"#,
        &format!(r#"{{{base},"exp":{}}}"#, NOW + 7_200),
    );
    assert_eq!(
        lint_codes(&fs),
        [LintCode::LifetimeAboveDefault {
            lifetime: 7_200,
            limit: 3_600
        }]
    );
    assert!(lint(
        r#"{"alg":"RS256"}"#,
        &format!(r#"{{{base},"exp":{}}}"#, NOW + 3_600)
    )
    .is_empty());
}

#[test]
fn the_root_cause_is_an_unsigned_token_first_then_a_token_not_for_your_api() {
    let graph =
        r#"{"iss":"https://sts.windows.net/t/","aud":"https://graph.microsoft.com","exp":1}"#;
    let findings = |alg: &str| {
        let (hd, cl) = (h(&format!(r#"{{"alg":"{alg}"}}"#)), c(graph));
        let id = identity::identify(Some(&hd), Some(&cl), None);
        let mut all = id.findings.clone();
        all.extend(lints::lint(Some(&hd), Some(&cl), &id, &[]));
        all
    };
    let signed = findings("RS256");
    assert!(matches!(
        lints::root_cause(&signed).map(|f| &f.code),
        Some(Code::Identity(IdentityCode::EntraMicrosoftApiToken { .. }))
    ));
    let unsigned = findings("none");
    assert_eq!(
        lints::root_cause(&unsigned).map(|f| &f.code),
        Some(&Code::Lint(LintCode::AlgNone))
    );
    let plain = lint(r#"{"alg":"RS256"}"#, r#"{"exp":1}"#);
    assert!(lints::root_cause(&plain).is_none());
}

#[test]
fn typed_codes_keep_their_stable_snake_case_names() {
    let fs = claims::check_times(&c(&format!(r#"{{"exp":{NOW},"nbf":"x"}}"#)), &expect(0));
    assert_eq!(codes(&fs), ["nbf_malformed", "token_expired"]);
    let fs = claims::check_issuer(&c(&format!(r#"{{"iss":"{POOL_UPDATED}"}}"#)), &s(&[POOL]));
    assert_eq!(codes(&fs), ["issuer_mismatch", "issuer_other_form"]);
    let fs = claims::check_scopes(&c(r#"{"scope":"a"}"#), &s(&["b"]));
    assert_eq!(codes(&fs), ["scope_missing"]);
    assert_eq!(
        codes(&lint(r#"{"alg":"none"}"#, r#"{"exp":1}"#)),
        ["alg_none"]
    );
    let id = ident(
        r#"{"alg":"RS256"}"#,
        &format!(r#"{{"iss":"{POOL_UPDATED}","token_use":"id"}}"#),
    );
    assert_eq!(codes(&id.findings), ["cognito_id_token"]);
}

#[test]
fn dictionary_explains_standard_and_vendor_claims() {
    for name in [
        "iss",
        "exp",
        "token_use",
        "cognito:groups",
        "tid",
        "azp",
        "firebase",
        "kid",
        "custom:x",
    ] {
        assert!(identity_dictionary(name).is_some(), "{name}");
    }
    assert!(identity_dictionary("no_such_claim").is_none());
}

#[test]
fn the_dictionary_names_both_cognito_issuer_forms_for_a_cognito_token() {
    let meaning = explain::dictionary::explain_claim("iss", &TokenKind::CognitoId);
    assert!(meaning.is_some_and(|m| m.contains("issuer-cognito-idp") && m.contains("cognito-idp.")));
}

fn identity_dictionary(name: &str) -> Option<&'static str> {
    explain::dictionary::explain_claim(name, &TokenKind::Unknown)
}

proptest! {
    #[test]
    fn arbitrary_claims_never_panic(json in r#"\{("(iss|aud|exp|nbf|iat|scope|scp|token_use|client_id|cognito:groups|typ|azp|ver|roles)":(-?[0-9]{1,20}|"[a-z:/._ -]{0,30}"|\[("[a-z]{0,5}",?){0,3}\]|null|true|\{\}),?){0,8}\}"#) {
        let Ok(doc) = JsonDoc::parse(&json) else { return Ok(()); };
        let cl = Claims::from_value(&doc.value);
        let hd = h(r#"{"alg":"HS256","kid":"a/b;","jku":"x"}"#);
        let e = Expect { now: NOW, leeway: i64::MAX };
        let mut all = claims::check_times(&cl, &e);
        all.extend(claims::check_times(&cl, &Expect { now: i64::MIN, leeway: -5 }));
        all.extend(claims::check_issuer(&cl, &s(&[POOL, "accounts.google.com"])));
        for rule in [AudienceRule::Aud, AudienceRule::AudElseClientId, AudienceRule::ByTokenUse] {
            all.extend(claims::check_audience(&cl, &s(&["a"]), rule));
        }
        all.extend(claims::check_token_use(&cl, TokenUse::Access));
        all.extend(claims::check_scopes(&cl, &s(&["x"])));
        all.extend(claims::check_groups(&cl, &s(&["g"])));
        let id = identity::identify(Some(&hd), Some(&cl), None);
        all.extend(id.findings.clone());
        all.extend(lints::lint(Some(&hd), Some(&cl), &id, &[]));
        check_prose(&all);
    }
}
