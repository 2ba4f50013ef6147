//! Token-level diagnosis: claim checks, token identity, security lints, and their prose.

use proptest::prelude::*;
use tokenlens::diagnose::claims::{self, AudienceRule, Expect, TokenUse};
use tokenlens::diagnose::finding::{Evidence, Finding, Status};
use tokenlens::diagnose::identity::{self, IssuerKind, TokenKind};
use tokenlens::diagnose::lints;
use tokenlens::explain::{self, sources};
use tokenlens::jose::{Claims, Header, JsonDoc};

const POOL: &str = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123";
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

fn codes(fs: &[Finding]) -> Vec<&'static str> {
    fs.iter().map(|f| f.code.as_str()).collect()
}

fn expect(leeway: i64) -> Expect {
    Expect { now: NOW, leeway }
}

/// Every finding has real prose (not the fallback) and cites only known sources.
fn check_prose(fs: &[Finding]) {
    for f in fs {
        let candidates = [
            explain::claims::message(f),
            explain::identity::message(f),
            explain::lints::message(f),
        ];
        let fallback = ["Claim check:", "Token identity:", "Security lint:"];
        let real = candidates
            .iter()
            .any(|m| !m.is_empty() && !fallback.iter().any(|p| m.starts_with(p)));
        assert!(real, "no prose for {}", f.code);
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
                candidates.iter().any(|m| m.contains("likely")),
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

fn time_delta(f: &Finding) -> Option<(i64, i64)> {
    f.evidence.iter().find_map(|e| match e {
        Evidence::Time {
            value, now, leeway, ..
        } => Some((value - now, *leeway)),
        _ => None,
    })
}

fn member_actual(f: &Finding, name: &str) -> Option<String> {
    f.evidence.iter().find_map(|e| match e {
        Evidence::Member {
            name: n, actual, ..
        } if n == name => actual.clone(),
        _ => None,
    })
}

#[test]
fn expired_token_is_reported_with_how_long_ago() {
    let fs = run(claims::check_times(
        &c(&format!(r#"{{"exp":{}}}"#, NOW - 3_600)),
        &expect(0),
    ));
    assert_eq!(codes(&fs), ["token_expired"]);
    assert_eq!(time_delta(&fs[0]), Some((-3_600, 0)));
    assert!(explain::claims::message(&fs[0]).contains("1 h"));
}

#[test]
fn expiry_exactly_now_is_expired_with_zero_leeway() {
    let fs = claims::check_times(&c(&format!(r#"{{"exp":{NOW}}}"#)), &expect(0));
    assert_eq!(codes(&fs), ["token_expired"]);
}

#[test]
fn leeway_turns_a_just_expired_token_into_a_warning() {
    let fs = run(claims::check_times(
        &c(&format!(r#"{{"exp":{}}}"#, NOW - 30)),
        &expect(60),
    ));
    assert_eq!(codes(&fs), ["expired_within_leeway"]);
    assert_eq!(time_delta(&fs[0]), Some((-30, 60)));
}

#[test]
fn nbf_in_the_future_is_a_clock_skew_hint() {
    let fs = run(claims::check_times(
        &c(&format!(r#"{{"exp":{},"nbf":{}}}"#, NOW + 600, NOW + 4)),
        &expect(0),
    ));
    assert_eq!(codes(&fs), ["token_not_yet_valid"]);
    assert_eq!(time_delta(&fs[0]), Some((4, 0)));
    assert!(explain::claims::message(&fs[0]).contains("4 s"));
}

#[test]
fn iat_in_the_future_is_reported() {
    let fs = run(claims::check_times(
        &c(&format!(r#"{{"exp":{},"iat":{}}}"#, NOW + 600, NOW + 120)),
        &expect(0),
    ));
    assert_eq!(codes(&fs), ["issued_in_future"]);
}

#[test]
fn missing_and_malformed_exp_are_reported() {
    assert_eq!(
        codes(&run(claims::check_times(&c("{}"), &expect(0)))),
        ["no_exp"]
    );
    let fs = run(claims::check_times(
        &c(r#"{"exp":"1700000000"}"#),
        &expect(0),
    ));
    assert_eq!(codes(&fs), ["exp_malformed"]);
    assert_eq!(
        member_actual(&fs[0], "exp").as_deref(),
        Some("\"1700000000\"")
    );
}

#[test]
fn millisecond_exp_is_called_out() {
    let fs = run(claims::check_times(
        &c(r#"{"exp":1700000000000}"#),
        &expect(0),
    ));
    assert_eq!(codes(&fs), ["time_in_milliseconds"]);
}

#[test]
fn exp_before_iat_is_never_valid() {
    let fs = run(claims::check_times(
        &c(&format!(r#"{{"exp":{},"iat":{}}}"#, NOW - 10, NOW - 5)),
        &expect(0),
    ));
    assert!(codes(&fs).contains(&"exp_before_iat"));
}

#[test]
fn trailing_slash_issuer_is_called_out() {
    let fs = run(claims::check_issuer(
        &c(r#"{"iss":"https://tenant.auth0.com/"}"#),
        &s(&["https://tenant.auth0.com"]),
    ));
    assert_eq!(codes(&fs), ["issuer_mismatch", "issuer_trailing_slash"]);
    assert_eq!(
        member_actual(&fs[0], "iss").as_deref(),
        Some("\"https://tenant.auth0.com/\"")
    );
}

#[test]
fn cognito_issuer_from_other_region_is_called_out() {
    let fs = run(claims::check_issuer(
        &c(&format!(r#"{{"iss":"{POOL}"}}"#)),
        &s(&["https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123"]),
    ));
    assert_eq!(codes(&fs), ["issuer_mismatch", "issuer_other_region"]);
}

#[test]
fn cognito_issuer_from_other_pool_is_called_out() {
    let fs = run(claims::check_issuer(
        &c(&format!(r#"{{"iss":"{POOL}"}}"#)),
        &s(&["https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other9"]),
    ));
    assert_eq!(codes(&fs), ["issuer_mismatch", "issuer_other_pool"]);
}

#[test]
fn http_vs_https_and_case_issuers_are_called_out() {
    let fs = claims::check_issuer(
        &c(r#"{"iss":"http://idp.example"}"#),
        &s(&["https://idp.example"]),
    );
    assert_eq!(codes(&fs), ["issuer_mismatch", "issuer_scheme"]);
    let fs = run(claims::check_issuer(
        &c(r#"{"iss":"https://IdP.example"}"#),
        &s(&["https://idp.example"]),
    ));
    assert_eq!(codes(&fs), ["issuer_mismatch", "issuer_case"]);
}

#[test]
fn google_issuer_spellings_are_explained() {
    let fs = run(claims::check_issuer(
        &c(r#"{"iss":"accounts.google.com"}"#),
        &s(&["https://accounts.google.com"]),
    ));
    assert_eq!(codes(&fs), ["issuer_mismatch", "issuer_google_spelling"]);
}

#[test]
fn cognito_login_domain_is_not_the_issuer() {
    let fs = run(claims::check_issuer(
        &c(&format!(r#"{{"iss":"{POOL}"}}"#)),
        &s(&["https://myapp.auth.eu-west-1.amazoncognito.com"]),
    ));
    assert_eq!(codes(&fs), ["issuer_mismatch", "issuer_login_domain"]);
}

#[test]
fn entra_v1_issuer_configured_for_v2_is_explained() {
    let fs = run(claims::check_issuer(
        &c(r#"{"iss":"https://sts.windows.net/tid-1/"}"#),
        &s(&["https://login.microsoftonline.com/tid-1/v2.0"]),
    ));
    assert_eq!(codes(&fs), ["issuer_mismatch", "issuer_entra_version"]);
}

#[test]
fn matching_issuer_and_missing_issuer() {
    assert!(claims::check_issuer(&c(&format!(r#"{{"iss":"{POOL}"}}"#)), &s(&[POOL])).is_empty());
    assert_eq!(
        codes(&run(claims::check_issuer(&c("{}"), &s(&[POOL])))),
        ["no_iss"]
    );
    assert!(claims::check_issuer(&c("{}"), &[]).is_empty());
}

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
        codes(&fs),
        ["audience_mismatch", "aud_checked_not_client_id"]
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
    assert_eq!(codes(&fs), ["audience_mismatch"]);
    assert_eq!(
        member_actual(&fs[0], "client_id").as_deref(),
        Some("\"zzz\"")
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
    assert_eq!(codes(&fs), ["no_audience"]);
}

#[test]
fn entra_api_uri_vs_guid_audience_is_explained() {
    let fs = run(claims::check_audience(
        &c(r#"{"aud":"api://my-api"}"#),
        &s(&["11111111-2222-3333-4444-555555555555"]),
        AudienceRule::Aud,
    ));
    assert_eq!(
        codes(&fs),
        ["audience_mismatch", "audience_entra_uri_vs_guid"]
    );
}

#[test]
fn token_use_mismatch_and_absence_are_reported() {
    let fs = run(claims::check_token_use(
        &c(r#"{"token_use":"access"}"#),
        TokenUse::Id,
    ));
    assert_eq!(codes(&fs), ["token_use_mismatch"]);
    assert_eq!(
        member_actual(&fs[0], "token_use").as_deref(),
        Some("\"access\"")
    );
    assert_eq!(
        codes(&run(claims::check_token_use(&c("{}"), TokenUse::Id))),
        ["no_token_use"]
    );
    assert_eq!(
        claims::token_use(&c(r#"{"token_use":"id"}"#)),
        Some(TokenUse::Id)
    );
}

#[test]
fn scopes_are_read_from_scope_and_scp() {
    let t = c(r#"{"scope":"openid  profile","scp":["api.read","openid"]}"#);
    assert_eq!(claims::scopes(&t), s(&["openid", "profile", "api.read"]));
    assert_eq!(claims::scopes(&c(r#"{"scp":"a b"}"#)), s(&["a", "b"]));
}

#[test]
fn missing_scope_shows_token_scopes_against_required() {
    let fs = run(claims::check_scopes(
        &c(r#"{"scope":"aws.cognito.signin.user.admin"}"#),
        &s(&["api/read"]),
    ));
    assert_eq!(codes(&fs), ["scope_missing", "scope_sdk_sign_in_only"]);
    assert!(fs[0].evidence.contains(&Evidence::Value {
        label: "token scopes",
        value: "aws.cognito.signin.user.admin".into()
    }));
}

#[test]
fn id_token_has_no_scope_claim() {
    let fs = run(claims::check_scopes(
        &c(r#"{"token_use":"id"}"#),
        &s(&["api/read"]),
    ));
    assert_eq!(codes(&fs), ["no_scope_claim"]);
    let fs = run(claims::check_scopes(
        &c(r#"{"roles":["App.Read"]}"#),
        &s(&["App.Read"]),
    ));
    assert_eq!(codes(&fs), ["no_scope_claim", "entra_roles_not_scopes"]);
}

#[test]
fn groups_are_checked() {
    let t = c(r#"{"cognito:groups":["users","admins"]}"#);
    assert_eq!(claims::groups(&t), s(&["users", "admins"]));
    assert!(claims::check_groups(&t, &s(&["admins"])).is_empty());
    assert_eq!(
        codes(&run(claims::check_groups(&t, &s(&["ops"])))),
        ["group_missing"]
    );
    assert_eq!(
        codes(&run(claims::check_groups(&c("{}"), &s(&["ops"])))),
        ["no_groups_claim"]
    );
}

#[test]
fn cognito_issuer_requires_matching_regions() {
    assert_eq!(
        identity::cognito_issuer(POOL),
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
    assert!(
        identity::cognito_issuer("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_")
            .is_none()
    );
    assert!(
        identity::cognito_issuer("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_a-b")
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
    assert!(matches!(id.issuer_kind, Some(IssuerKind::Cognito { .. })));
    assert_eq!(codes(&id.findings), ["cognito_id_token"]);
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
        codes(&id.findings),
        ["cognito_access_token", "cognito_sdk_sign_in_scope"]
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
}

#[test]
fn cognito_refresh_token_is_likely_recognised_from_its_jwe_header() {
    let jwe = h(r#"{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}"#);
    let id = identity::identify(None, None, Some(&jwe));
    check_prose(&id.findings);
    assert_eq!(id.kind, TokenKind::CognitoRefresh);
    assert_eq!(id.findings[0].status, Status::Reported);
}

#[test]
fn auth0_encrypted_access_token_is_recognised() {
    let jwe = h(r#"{"alg":"dir","enc":"A256GCM","iss":"https://tenant.eu.auth0.com/"}"#);
    let id = identity::identify(None, None, Some(&jwe));
    check_prose(&id.findings);
    assert_eq!(id.kind, TokenKind::Auth0Opaque);
    assert_eq!(codes(&id.findings), ["auth0_encrypted_access_token"]);
}

#[test]
fn graph_token_signature_is_unverifiable_by_design() {
    let id = ident(
        r#"{"alg":"RS256","kid":"k","nonce":"abc"}"#,
        r#"{"iss":"https://sts.windows.net/tid-1/","aud":"00000003-0000-0000-c000-000000000000","ver":"1.0"}"#,
    );
    assert_eq!(id.kind, TokenKind::EntraMicrosoftApi);
    assert_eq!(
        codes(&id.findings),
        ["entra_microsoft_api_token", "entra_header_nonce"]
    );
    assert_eq!(id.findings[0].status, Status::Confirmed);
    assert_eq!(id.findings[1].status, Status::Reported);
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
        codes(&v2.findings),
        ["entra_v2_token", "entra_app_only_token"]
    );
    assert_eq!(
        v2.issuer_kind,
        Some(IssuerKind::Entra {
            tenant: "t".into(),
            v2: true
        })
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
        codes(&id.findings),
        ["keycloak_token", "keycloak_no_audience"]
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
    assert_eq!(codes(&f.findings), ["firebase_id_token"]);
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
    assert_eq!(codes(&id.findings), ["firebase_custom_token"]);
}

#[test]
fn alb_oidc_data_token_is_recognised_with_its_key_url() {
    let id = ident(
        r#"{"alg":"ES256","kid":"12345678-aaaa-bbbb-cccc-1234567890ab","signer":"arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/x/y","client":"c","iss":"https://idp","exp":1}"#,
        r#"{"sub":"u"}"#,
    );
    assert_eq!(id.kind, TokenKind::AlbOidcData);
    assert!(id.findings[0].evidence.contains(&Evidence::Value {
        label: "ALB public key URL",
        value: "https://public-keys.auth.elb.eu-west-1.amazonaws.com/12345678-aaaa-bbbb-cccc-1234567890ab".into()
    }));
}

fn lint(header: &str, claims_json: &str) -> Vec<Finding> {
    let (hd, cl) = (h(header), c(claims_json));
    let id = identity::identify(Some(&hd), Some(&cl), None);
    run(lints::lint(Some(&hd), Some(&cl), &id, &[]))
}

#[test]
fn alg_none_is_flagged() {
    assert_eq!(
        codes(&lint(r#"{"alg":"none"}"#, r#"{"exp":1}"#)),
        ["alg_none"]
    );
}

#[test]
fn hmac_token_from_cognito_is_flagged_as_key_confusion() {
    let fs = lint(
        r#"{"alg":"HS256"}"#,
        &format!(r#"{{"iss":"{POOL}","exp":1}}"#),
    );
    assert_eq!(codes(&fs), ["hmac_with_asymmetric_issuer"]);
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
        codes(&fs),
        ["embedded_jwk", "header_url_off_issuer", "crit_present"]
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
        codes(&lint(
            r#"{"alg":"RS256","kid":"../../dev/null"}"#,
            r#"{"exp":1}"#
        )),
        ["kid_injection_characters"]
    );
    assert_eq!(
        codes(&lint(
            r#"{"alg":"RS256","kid":"x' OR 1=1 --"}"#,
            r#"{"exp":1}"#
        )),
        ["kid_injection_characters"]
    );
    assert!(lint(r#"{"alg":"RS256","kid":"abc/DEF+ghi="}"#, r#"{"exp":1}"#).is_empty());
}

#[test]
fn token_without_exp_never_expires() {
    assert_eq!(
        codes(&lint(r#"{"alg":"RS256"}"#, "{}")),
        ["token_never_expires"]
    );
}

#[test]
fn cognito_lifetime_beyond_one_day_is_flagged() {
    let base = format!(r#""iss":"{POOL}","token_use":"id","aud":"a","iat":{NOW}"#);
    let fs = lint(
        r#"{"alg":"RS256"}"#,
        &format!(r#"{{{base},"exp":{}}}"#, NOW + 2 * 86_400),
    );
    assert_eq!(codes(&fs), ["lifetime_exceeds_issuer_max"]);
    let fs = lint(
        r#"{"alg":"RS256"}"#,
        &format!(r#"{{{base},"exp":{}}}"#, NOW + 7_200),
    );
    assert_eq!(codes(&fs), ["lifetime_above_default"]);
    assert!(lint(
        r#"{"alg":"RS256"}"#,
        &format!(r#"{{{base},"exp":{}}}"#, NOW + 3_600)
    )
    .is_empty());
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
        for f in &all {
            let _ = (explain::claims::message(f), explain::claims::fix(f));
            let _ = (explain::identity::message(f), explain::lints::message(f));
        }
    }
}
