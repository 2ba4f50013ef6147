//! Gateway profiles, token choice and config reading: asserts codes and verdicts, never prose.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use tokenlens::diagnose::choose::choose;
use tokenlens::diagnose::claims::TokenUse;
use tokenlens::diagnose::config::{
    read_ajv_pool_id, read_client_ids, read_issuer, read_pool_id, Target, What,
};
use tokenlens::diagnose::identity::TokenKind;
use tokenlens::diagnose::profiles::{
    deciding, judge_all, Profile, ProfileResult, ProfileVerdict, TokenFacts,
};
use tokenlens::explain::sources;
use tokenlens::input::{Candidate, Shape, Source};
use tokenlens::jose::jwk::{parse_jwks, KeySet};
use tokenlens::jose::{parse_unverified, Parsed};
use tokenlens::verify::{verify_parsed, Verification};

const NOW: i64 = 1_768_468_000; // 2026-01-15T09:06:40Z, inside the demo tokens' hour

struct Tok {
    cand: Candidate,
    parsed: Option<Parsed>,
    ver: Verification,
    kind: TokenKind,
}

impl Tok {
    fn from_token(token: &str, keys: Option<&KeySet>) -> Tok {
        let parsed = parse_unverified(token).ok();
        let shape = match &parsed {
            Some(Parsed::Jws(_)) => Shape::Jws,
            Some(Parsed::Jwe(_)) => Shape::Jwe,
            None => Shape::Opaque,
        };
        let sets: Vec<&KeySet> = keys.into_iter().collect();
        let ver = parsed
            .as_ref()
            .map(|p| verify_parsed(p, &sets))
            .unwrap_or_default();
        Tok {
            cand: Candidate {
                token: token.to_owned(),
                shape,
                source: Source::Bare,
                cleanups: vec![],
            },
            parsed,
            ver,
            kind: TokenKind::Unknown,
        }
    }
    fn facts(&self) -> TokenFacts<'_> {
        let (header, claims) = match &self.parsed {
            Some(Parsed::Jws(j)) => (j.header.as_ref().ok(), j.claims()),
            _ => (None, None),
        };
        TokenFacts {
            candidate: &self.cand,
            header,
            claims,
            verification: &self.ver,
            kind: &self.kind,
        }
    }
}

fn b64(s: &str) -> String {
    URL_SAFE_NO_PAD.encode(s.as_bytes())
}

/// An unverifiable token (no keys) from header and payload JSON.
fn tok(header: &str, payload: &str) -> Tok {
    Tok::from_token(
        &format!("{}.{}.{}", b64(header), b64(payload), b64("sig")),
        None,
    )
}

const ISS: &str = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_tokenLens";
const RS: &str = r#"{"alg":"RS256","kid":"k1"}"#;

fn access(scope: &str) -> Tok {
    tok(
        RS,
        &format!(
            r#"{{"iss":"{ISS}","token_use":"access","client_id":"client1","scope":"{scope}","exp":{},"iat":{}}}"#,
            NOW + 600,
            NOW - 60
        ),
    )
}
fn id_token() -> Tok {
    tok(
        RS,
        &format!(
            r#"{{"iss":"{ISS}","token_use":"id","aud":"client1","cognito:username":"ada","exp":{},"iat":{}}}"#,
            NOW + 600,
            NOW - 60
        ),
    )
}

fn row(rs: &[ProfileResult], p: Profile) -> &ProfileResult {
    rs.iter().find(|r| r.profile == p).expect("profile row")
}
fn codes(r: &ProfileResult) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.code.as_str()).collect()
}
fn rejected_with(r: &ProfileResult) -> Option<u16> {
    match r.verdict {
        ProfileVerdict::Reject { status, .. } => Some(status),
        _ => None,
    }
}

fn demo() -> (Tok, Tok, KeySet) {
    let root = env!("CARGO_MANIFEST_DIR");
    let ar: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/static/demo/authentication-result.json")).unwrap(),
    )
    .unwrap();
    let keys =
        parse_jwks(&std::fs::read(format!("{root}/static/demo/jwks.json")).unwrap()).unwrap();
    let a = &ar["AuthenticationResult"];
    let id = Tok::from_token(a["IdToken"].as_str().unwrap(), Some(&keys));
    let acc = Tok::from_token(a["AccessToken"].as_str().unwrap(), Some(&keys));
    (id, acc, keys)
}

#[test]
fn access_token_on_rest_method_without_scopes_is_rejected_with_401() {
    let t = access("aws.cognito.signin.user.admin");
    let rs = judge_all(&t.facts(), &Target::default(), NOW, 0);
    let r = row(&rs, Profile::RestCognito);
    assert!(codes(r).contains(&"rest_access_token_on_method_without_scopes"));
    assert!(matches!(
        r.verdict,
        ProfileVerdict::Reject {
            status: 401,
            certain: true,
            ..
        }
    ));
}

#[test]
fn id_token_on_rest_method_with_scopes_is_rejected() {
    let t = id_token();
    let mut target = Target::default();
    target.rest.scopes = vec!["api/read".into()];
    let r = row(
        &judge_all(&t.facts(), &target, NOW, 0),
        Profile::RestCognito,
    )
    .clone();
    assert!(codes(&r).contains(&"rest_id_token_on_method_with_scopes"));
    assert_eq!(rejected_with(&r), Some(401));
}

#[test]
fn access_token_without_any_method_scope_is_401_not_403_and_names_sdk_sign_in() {
    let t = access("aws.cognito.signin.user.admin");
    let mut target = Target::default();
    target.rest.scopes = vec!["api/read".into()];
    let r = row(
        &judge_all(&t.facts(), &target, NOW, 0),
        Profile::RestCognito,
    )
    .clone();
    assert!(codes(&r).contains(&"rest_no_method_scope_in_token"));
    assert!(codes(&r).contains(&"rest_sdk_sign_in_scope_only"));
    assert_eq!(rejected_with(&r), Some(401));
}

#[test]
fn access_token_with_a_method_scope_needs_only_the_keys() {
    let t = access("openid api/read");
    let mut target = Target::default();
    target.rest.scopes = vec!["api/read".into()];
    let r = row(
        &judge_all(&t.facts(), &target, NOW, 0),
        Profile::RestCognito,
    )
    .clone();
    assert!(
        matches!(r.verdict, ProfileVerdict::CannotTell { .. }),
        "{:?}",
        r
    );
}

#[test]
fn expired_token_on_rest_gets_the_expired_body() {
    let t = tok(
        RS,
        &format!(
            r#"{{"iss":"{ISS}","token_use":"id","aud":"c","exp":{}}}"#,
            NOW - 10
        ),
    );
    let r = row(
        &judge_all(&t.facts(), &Target::default(), NOW, 0),
        Profile::RestCognito,
    )
    .clone();
    assert!(codes(&r).contains(&"rest_expired"));
    assert!(
        matches!(r.verdict, ProfileVerdict::Reject { status: 401, body: Some(b), .. } if b.contains("expired"))
    );
}

#[test]
fn token_from_another_pool_is_rejected_by_rest() {
    let t = id_token();
    let mut target = Target::default();
    target.rest.pool_ids =
        vec!["arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Other".into()];
    let r = row(
        &judge_all(&t.facts(), &target, NOW, 0),
        Profile::RestCognito,
    )
    .clone();
    assert!(codes(&r).contains(&"rest_pool_not_configured"));
}

#[test]
fn validation_regex_blocks_access_tokens_on_rest() {
    let t = access("api/read");
    let mut target = Target::default();
    target.rest.scopes = vec!["api/read".into()];
    target.rest.validation_regex = Some("^client1$".into());
    let r = row(
        &judge_all(&t.facts(), &target, NOW, 0),
        Profile::RestCognito,
    )
    .clone();
    assert!(codes(&r).contains(&"rest_validation_regex_blocks_access_token"));
}

#[test]
fn test_authorizer_rejects_access_tokens_even_when_the_method_would_accept() {
    let t = access("api/read");
    let mut target = Target::default();
    target.rest.scopes = vec!["api/read".into()];
    let rs = judge_all(&t.facts(), &target, NOW, 0);
    assert!(codes(row(&rs, Profile::RestTestAuthorizer)).contains(&"test_authorizer_access_token"));
    assert!(!codes(row(&rs, Profile::RestCognito)).contains(&"test_authorizer_access_token"));
}

#[test]
fn http_api_matches_client_id_only_when_aud_is_absent() {
    let mut target = Target::default();
    target.http.audiences = vec!["client1".into()];
    let a = access("x");
    let r = row(&judge_all(&a.facts(), &target, NOW, 0), Profile::HttpJwt).clone();
    assert!(!codes(&r).contains(&"http_audience_mismatch"));
    // aud present (and wrong) hides a matching client_id.
    let both = tok(
        RS,
        &format!(
            r#"{{"iss":"{ISS}","token_use":"access","aud":"other","client_id":"client1","exp":{}}}"#,
            NOW + 60
        ),
    );
    let r = row(&judge_all(&both.facts(), &target, NOW, 0), Profile::HttpJwt).clone();
    assert!(codes(&r).contains(&"http_audience_mismatch"));
    assert!(codes(&r).contains(&"http_aud_hides_client_id"));
    assert_eq!(rejected_with(&r), Some(401));
}

#[test]
fn http_api_rejects_es256() {
    let t = tok(
        r#"{"alg":"ES256","kid":"k"}"#,
        &format!(r#"{{"iss":"{ISS}","aud":"c","exp":{}}}"#, NOW + 60),
    );
    let r = row(
        &judge_all(&t.facts(), &Target::default(), NOW, 0),
        Profile::HttpJwt,
    )
    .clone();
    assert!(codes(&r).contains(&"http_alg_not_rsa"));
    assert_eq!(rejected_with(&r), Some(401));
}

#[test]
fn http_api_requires_a_kid() {
    let t = tok(
        r#"{"alg":"RS256"}"#,
        &format!(r#"{{"iss":"{ISS}","aud":"c"}}"#),
    );
    let r = row(
        &judge_all(&t.facts(), &Target::default(), NOW, 0),
        Profile::HttpJwt,
    )
    .clone();
    assert!(codes(&r).contains(&"http_kid_missing"));
}

#[test]
fn http_api_compares_the_issuer_byte_for_byte() {
    let mut target = Target::default();
    target.http.issuer = Some(format!("{ISS}/"));
    let r = row(
        &judge_all(&id_token().facts(), &target, NOW, 0),
        Profile::HttpJwt,
    )
    .clone();
    assert!(codes(&r).contains(&"http_issuer_mismatch"));
}

#[test]
fn http_api_route_scope_missing_is_a_likely_403() {
    let mut target = Target::default();
    target.http.scopes = vec!["api/read".into()];
    let r = row(
        &judge_all(&id_token().facts(), &target, NOW, 0),
        Profile::HttpJwt,
    )
    .clone();
    assert!(codes(&r).contains(&"http_scope_claim_missing"));
    assert!(matches!(
        r.verdict,
        ProfileVerdict::Reject {
            status: 403,
            status_sure: false,
            ..
        }
    ));
}

#[test]
fn http_api_rejects_a_future_iat() {
    let t = tok(
        RS,
        &format!(r#"{{"iss":"{ISS}","aud":"c","iat":{}}}"#, NOW + 3600),
    );
    let r = row(
        &judge_all(&t.facts(), &Target::default(), NOW, 0),
        Profile::HttpJwt,
    )
    .clone();
    assert!(codes(&r).contains(&"http_issued_in_future"));
}

#[test]
fn aws_jwt_verify_reports_the_signature_before_expiry() {
    let (id, _, _) = demo();
    // Tamper: same header and payload, other signature → invalid against the real key.
    let mut parts: Vec<String> = id.cand.token.split('.').map(str::to_owned).collect();
    parts[2] = b64("not the signature");
    let (_, _, keys) = demo();
    let bad = Tok::from_token(&parts.join("."), Some(&keys));
    let r = row(
        &judge_all(&bad.facts(), &Target::default(), 1_900_000_000, 0),
        Profile::LambdaAjv,
    )
    .clone();
    let c = codes(&r);
    let sig = c
        .iter()
        .position(|c| *c == "ajv_invalid_signature")
        .unwrap();
    let exp = c.iter().position(|c| *c == "ajv_expired").unwrap();
    assert!(sig < exp);
}

#[test]
fn aws_jwt_verify_checks_client_id_against_aud_for_id_and_client_id_for_access() {
    let mut target = Target::default();
    target.lambda.client_ids = vec!["client1".into()];
    for t in [id_token(), access("x")] {
        let r = row(&judge_all(&t.facts(), &target, NOW, 0), Profile::LambdaAjv).clone();
        assert!(
            !codes(&r).contains(&"ajv_invalid_client_id"),
            "{:?}",
            codes(&r)
        );
    }
    target.lambda.client_ids = vec!["other".into()];
    let r = row(
        &judge_all(&id_token().facts(), &target, NOW, 0),
        Profile::LambdaAjv,
    )
    .clone();
    assert!(codes(&r).contains(&"ajv_invalid_client_id"));
}

#[test]
fn aws_jwt_verify_rejects_the_wrong_token_use_and_hs256() {
    let mut target = Target::default();
    target.lambda.token_use = Some(TokenUse::Access);
    let r = row(
        &judge_all(&id_token().facts(), &target, NOW, 0),
        Profile::LambdaAjv,
    )
    .clone();
    assert!(codes(&r).contains(&"ajv_invalid_token_use"));
    let hs = tok(
        r#"{"alg":"HS256","kid":"k"}"#,
        &format!(r#"{{"iss":"{ISS}","token_use":"id"}}"#),
    );
    let r = row(
        &judge_all(&hs.facts(), &Target::default(), NOW, 0),
        Profile::LambdaAjv,
    )
    .clone();
    assert!(codes(&r).contains(&"ajv_alg_not_allowed"));
}

#[test]
fn aws_jwt_verify_grace_seconds_extend_expiry() {
    let t = tok(
        RS,
        &format!(
            r#"{{"iss":"{ISS}","token_use":"id","aud":"c","exp":{}}}"#,
            NOW - 5
        ),
    );
    let mut target = Target::default();
    let r = row(&judge_all(&t.facts(), &target, NOW, 0), Profile::LambdaAjv).clone();
    assert!(codes(&r).contains(&"ajv_expired"));
    target.lambda.grace_seconds = 10;
    let r = row(&judge_all(&t.facts(), &target, NOW, 0), Profile::LambdaAjv).clone();
    assert!(!codes(&r).contains(&"ajv_expired"));
}

#[test]
fn aws_jwt_verify_rejects_an_invalid_pool_id_before_the_token() {
    let mut target = Target::default();
    target.lambda.pool_id = Some("eu-west-1-AbC".into());
    let r = row(
        &judge_all(&id_token().facts(), &target, NOW, 0),
        Profile::LambdaAjv,
    )
    .clone();
    assert_eq!(codes(&r), vec!["ajv_invalid_pool_id"]);
    assert_eq!(rejected_with(&r), Some(500));
}

fn lambda_row(t: &Tok, target: &Target, now: i64) -> ProfileResult {
    row(&judge_all(&t.facts(), target, now, 0), Profile::LambdaAjv).clone()
}

#[test]
fn lambda_profile_checks_issuer_before_signature_like_aws_jwt_verify() {
    // getIssuerConfig(payload.iss) throws before the key, signature and exp are looked at.
    let (id, _, keys) = demo();
    let mut parts: Vec<String> = id.cand.token.split('.').map(str::to_owned).collect();
    parts[2] = b64("not the signature");
    let bad = Tok::from_token(&parts.join("."), Some(&keys));
    let mut target = Target::default();
    target.lambda.pool_id = Some("eu-west-1_otherPool".into());
    let r = lambda_row(&bad, &target, 1_900_000_000);
    assert_eq!(
        deciding(&r.findings).map(|f| f.code.as_str()),
        Some("ajv_issuer_not_configured"),
        "{:?}",
        codes(&r)
    );
    assert!(codes(&r).contains(&"ajv_invalid_signature"));
    assert!(codes(&r).contains(&"ajv_expired"));
}

#[test]
fn lambda_profile_accepts_the_global_issuer_form_like_aws_jwt_verify() {
    let mut target = Target::default();
    target.lambda.pool_id = Some("eu-west-1_tokenLens".into());
    let with_iss = |iss: &str| {
        tok(
            RS,
            &format!(
                r#"{{"iss":"{iss}","token_use":"id","aud":"client1","exp":{}}}"#,
                NOW + 600
            ),
        )
    };
    let global = "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_tokenLens";
    let r = lambda_row(&with_iss(global), &target, NOW);
    assert!(
        !codes(&r).contains(&"ajv_issuer_not_configured"),
        "{:?}",
        codes(&r)
    );
    // Exactly one of the two forms: a trailing slash is another issuer.
    let r = lambda_row(&with_iss(&format!("{ISS}/")), &target, NOW);
    assert!(codes(&r).contains(&"ajv_issuer_not_configured"));
}

#[test]
fn lambda_profile_takes_eusc_sovereign_cloud_pool_ids_like_aws_jwt_verify() {
    let pool = "eusc-de-east-1_tokenLens";
    assert!(read_ajv_pool_id(pool).value.is_some());
    // C2: one pool-id rule for every profile.
    assert!(read_pool_id(pool).value.is_some());
    let mut target = Target::default();
    target.lambda.pool_id = Some(pool.into());
    let t = tok(
        RS,
        &format!(
            r#"{{"iss":"https://cognito-idp.eusc-de-east-1.amazonaws.com/{pool}","token_use":"id","exp":{}}}"#,
            NOW + 600
        ),
    );
    let r = lambda_row(&t, &target, NOW);
    assert!(
        !codes(&r)
            .iter()
            .any(|c| *c == "ajv_invalid_pool_id" || *c == "ajv_issuer_not_configured"),
        "{:?}",
        codes(&r)
    );
}

#[test]
fn lambda_profile_reads_a_string_cognito_groups_as_one_group_like_aws_jwt_verify() {
    let t = tok(
        RS,
        &format!(
            r#"{{"iss":"{ISS}","token_use":"id","cognito:groups":"admins readers","exp":{}}}"#,
            NOW + 600
        ),
    );
    let mut target = Target::default();
    target.lambda.groups = vec!["readers".into()];
    assert!(codes(&lambda_row(&t, &target, NOW)).contains(&"ajv_invalid_group"));
    target.lambda.groups = vec!["admins readers".into()];
    assert!(!codes(&lambda_row(&t, &target, NOW)).contains(&"ajv_invalid_group"));
}

#[test]
fn oidc_server_never_accepts_alg_none() {
    let t = tok(r#"{"alg":"none"}"#, r#"{"iss":"https://idp.example"}"#);
    let r = row(
        &judge_all(&t.facts(), &Target::default(), NOW, 0),
        Profile::Oidc,
    )
    .clone();
    assert!(codes(&r).contains(&"oidc_unsigned_token"));
}

#[test]
fn refresh_token_is_never_chosen_and_not_a_jwt_everywhere() {
    let jwe = format!(
        "{}.{}.{}.{}.{}",
        b64(r#"{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}"#),
        b64("k"),
        b64("iv"),
        b64("ct"),
        b64("tag")
    );
    let r = Tok::from_token(&jwe, None);
    let rs = judge_all(&r.facts(), &Target::default(), NOW, 0);
    assert!(rs.iter().all(|r| rejected_with(r).is_some()));
    let (id, acc, _) = demo();
    let choices = choose(
        &[id.facts(), acc.facts(), r.facts()],
        &Target::default(),
        NOW,
        0,
    );
    let rest = choices
        .iter()
        .find(|c| c.profile == Profile::RestCognito)
        .unwrap();
    assert_eq!(rest.send, Some(0));
    assert!(rest
        .reasons
        .iter()
        .any(|(i, f)| *i == 2 && f.code == "choose_refresh_token_never_sent"));
    assert!(rest
        .reasons
        .iter()
        .any(|(i, f)| *i == 1 && f.code == "rest_access_token_on_method_without_scopes"));
    let http = choices
        .iter()
        .find(|c| c.profile == Profile::HttpJwt)
        .unwrap();
    assert_eq!(http.send, Some(1));
}

#[test]
fn demo_tokens_with_nothing_configured() {
    let (id, acc, _) = demo();
    let idr = judge_all(&id.facts(), &Target::default(), NOW, 0);
    let accr = judge_all(&acc.facts(), &Target::default(), NOW, 0);
    for p in Profile::ALL {
        let a = &row(&idr, p).verdict;
        let b = &row(&accr, p).verdict;
        println!("{p:?}: id={a:?} access={b:?}");
    }
    assert_eq!(
        row(&idr, Profile::RestCognito).verdict,
        ProfileVerdict::Accept
    );
    assert_eq!(rejected_with(row(&accr, Profile::RestCognito)), Some(401));
    assert_eq!(
        rejected_with(row(&accr, Profile::RestTestAuthorizer)),
        Some(401)
    );
    assert_eq!(row(&accr, Profile::HttpJwt).verdict, ProfileVerdict::Accept);
    assert_eq!(
        row(&idr, Profile::LambdaAjv).verdict,
        ProfileVerdict::Accept
    );
}

#[test]
fn every_profile_finding_cites_a_known_source() {
    let (id, acc, _) = demo();
    let mut target = Target::default();
    target.rest.scopes = vec!["x".into()];
    target.http.scopes = vec!["x".into()];
    target.lambda.client_ids = vec!["x".into()];
    target.oidc.audiences = vec!["x".into()];
    for t in [id, acc, access("a"), id_token()] {
        for r in judge_all(&t.facts(), &target, 1_900_000_000, 0) {
            for f in &r.findings {
                assert!(
                    f.sources.iter().any(|k| sources::url(k).is_some()),
                    "{}",
                    f.code
                );
            }
        }
    }
}

#[test]
fn pool_id_is_taken_from_an_arn() {
    let r = read_pool_id("  arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC \n");
    assert_eq!(r.value.map(|p| p.id), Some("eu-west-1_AbC".to_owned()));
    assert_eq!(r.took_from, What::Arn);
}

#[test]
fn pool_id_is_taken_from_issuer_and_jwks_urls() {
    let r = read_pool_id(
        "\"https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC/.well-known/jwks.json\"",
    );
    assert_eq!(r.took_from, What::JwksUrl);
    assert_eq!(r.value.map(|p| p.id), Some("eu-west-1_AbC".to_owned()));
    let r = read_pool_id("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC");
    assert_eq!(r.took_from, What::IssuerUrl);
    assert!(read_pool_id("eu-west-1-AbC").value.is_none());
}

#[test]
fn client_ids_are_read_from_a_quoted_list() {
    let r = read_client_ids(r#"["a1", "b2", "a1"]"#);
    assert_eq!(r.value, Some(vec!["a1".to_owned(), "b2".to_owned()]));
}

#[test]
fn issuer_keeps_its_trailing_slash_and_drops_the_discovery_path() {
    assert_eq!(
        read_issuer("https://x.auth0.com/").value.as_deref(),
        Some("https://x.auth0.com/")
    );
    let r = read_issuer("https://idp/realms/r/.well-known/openid-configuration");
    assert_eq!(r.value.as_deref(), Some("https://idp/realms/r"));
    assert_eq!(r.took_from, What::DiscoveryUrl);
}

mod props {
    use proptest::prelude::*;
    use tokenlens::diagnose::config::{
        read_client_ids, read_issuer, read_list, read_pool_id, read_seconds,
    };

    proptest! {
        #[test]
        fn config_readers_never_panic(s in "\\PC{0,200}") {
            let _ = read_pool_id(&s);
            let _ = read_client_ids(&s);
            let _ = read_list(&s);
            let _ = read_issuer(&s);
            let _ = read_seconds(&s);
        }
    }
}
