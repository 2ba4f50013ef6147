//! Gateway profiles, token choice and config reading: asserts codes and verdicts, never prose.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use tokenlens::diagnose::choose::choose;
use tokenlens::diagnose::claims::TokenUse;
use tokenlens::diagnose::config::{
    read_ajv_pool_id, read_client_ids, read_issuer, read_pool_id, Field, Ignored, IssuerForm,
    Target, What,
};
use tokenlens::diagnose::finding::Code;
use tokenlens::diagnose::identity::TokenKind;
use tokenlens::diagnose::profiles::lambda_ajv::{AjvCode, AjvError};
use tokenlens::diagnose::profiles::rest_cognito::literal_match;
use tokenlens::diagnose::profiles::{
    assumptions, deciding, effect, judge_all, Effect, GatewayCode, Gw, IssuerDiff, Need, NotJwt,
    PoolDiff, Profile, ProfileResult, ProfileVerdict, TokenFacts, Unchecked, EXPIRED, UNAUTHORIZED,
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

/// An unverifiable RS256 token with `claims` (JSON members, no braces), valid for ten minutes.
fn live(claims: &str) -> Tok {
    tok(
        RS,
        &format!(r#"{{{claims},"exp":{},"iat":{}}}"#, NOW + 600, NOW - 60),
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
fn unanswered_method_scopes_are_assumed_none_and_the_rest_row_says_so() {
    let rest = |t: &Tok, said: bool| {
        let mut target = Target::default();
        target.rest.scopes_said = said;
        row(
            &judge_all(&t.facts(), &target, NOW, 0),
            Profile::RestCognito,
        )
        .clone()
    };
    // Not said: R1 still decides (access token 401), and the assumption is listed for both.
    let access_row = rest(&access("openid"), false);
    assert_eq!(rejected_with(&access_row), Some(401));
    assert!(codes(&access_row).contains(&"rest_scopes_assumed_none"));
    assert!(codes(&rest(&id_token(), false)).contains(&"rest_scopes_assumed_none"));
    // Answered "No": the same verdicts, no assumption.
    assert!(!codes(&rest(&id_token(), true)).contains(&"rest_scopes_assumed_none"));
    assert_eq!(rejected_with(&rest(&access("openid"), true)), Some(401));
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
fn an_azp_typed_as_an_audience_is_said_never_to_be_compared() {
    // Review round 10 (G7, H5): a Keycloak token (aud "account", azp the client) against an
    // audience list holding that client: the rejection stands, and the note says why the
    // listed value cannot match.
    let kc = "https://sso.example.com/realms/shop";
    let t = tok(
        RS,
        &format!(
            r#"{{"iss":"{kc}","aud":"account","azp":"shop-frontend","exp":{}}}"#,
            NOW + 60
        ),
    );
    let mut target = Target::default();
    target.http.issuer = Some(kc.into());
    target.http.audiences = vec!["shop-frontend".into()];
    let r = row(&judge_all(&t.facts(), &target, NOW, 0), Profile::HttpJwt).clone();
    assert!(
        codes(&r).contains(&"http_audience_mismatch"),
        "{:?}",
        codes(&r)
    );
    let fix = r
        .findings
        .iter()
        .find(|f| {
            matches!(
                &f.code,
                Code::Gateway(GatewayCode::AudienceMismatch {
                    azp_listed: true,
                    ..
                })
            )
        })
        .and_then(tokenlens::explain::profiles::fix)
        .unwrap_or_default();
    assert!(fix.starts_with("The list holds this token's azp"), "{fix}");
    // Not said when the list does not hold the azp.
    target.http.audiences = vec!["orders-api".into()];
    let r = row(&judge_all(&t.facts(), &target, NOW, 0), Profile::HttpJwt).clone();
    assert!(r.findings.iter().all(|f| !matches!(
        &f.code,
        Code::Gateway(GatewayCode::AudienceMismatch {
            azp_listed: true,
            ..
        })
    )));
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
fn an_empty_aud_beside_a_listed_client_id_is_not_a_certain_accept() {
    // H5: client_id is evaluated only when aud is absent; whether `aud: []` counts as absent is
    // undocumented. Not listed, it is a rejection either way.
    let t = tok(
        RS,
        &format!(
            r#"{{"iss":"{ISS}","token_use":"access","aud":[],"client_id":"client1","exp":{}}}"#,
            NOW + 60
        ),
    );
    let mut target = Target::default();
    for (p, code) in [
        (Profile::HttpJwt, "http_empty_aud_beside_client_id"),
        (Profile::RestJwt, "rest_jwt_empty_aud_beside_client_id"),
    ] {
        for audiences in [vec![], vec!["client1".to_owned()]] {
            target.http.audiences = audiences.clone();
            target.rest_jwt.audiences = audiences;
            let rs = judge_all(&t.facts(), &target, NOW, 0);
            let r = row(&rs, p);
            assert!(codes(r).contains(&code), "{p:?}: {:?}", codes(r));
            assert_eq!(rejected_with(r), None, "{p:?}: {:?}", codes(r));
            assert!(
                needs(r).contains(&Need::DeployedTest),
                "{p:?}: {:?}",
                needs(r)
            );
        }
    }
    target.http.audiences = vec!["other".into()];
    let r = row(&judge_all(&t.facts(), &target, NOW, 0), Profile::HttpJwt).clone();
    assert_eq!(rejected_with(&r), Some(401));
    assert!(!codes(&r).contains(&"http_empty_aud_beside_client_id"));
    // Without aud at all, the listed client_id is simply accepted.
    target.http.audiences = vec!["client1".into()];
    let r = row(
        &judge_all(&access("x").facts(), &target, NOW, 0),
        Profile::HttpJwt,
    )
    .clone();
    assert!(!codes(&r).contains(&"http_empty_aud_beside_client_id"));
    assert!(!needs(&r).contains(&Need::DeployedTest), "{:?}", needs(&r));
}

#[test]
fn an_issuer_mismatch_cites_provider_sources_only_for_that_provider() {
    let sources_for = |iss: &str, want: &str| {
        let t = tok(
            RS,
            &format!(r#"{{"iss":"{iss}","aud":"a","exp":{}}}"#, NOW + 60),
        );
        let mut target = Target::default();
        target.http.issuer = Some(want.to_owned());
        let rs = judge_all(&t.facts(), &target, NOW, 0);
        row(&rs, Profile::HttpJwt)
            .findings
            .iter()
            .find(|f| matches!(f.code, Code::Gateway(GatewayCode::IssuerMismatch { .. })))
            .map(|f| f.sources.clone())
            .unwrap_or_default()
    };
    let kc = sources_for(
        "https://sso.example.com/realms/a",
        "https://sso.example.com/realms/b",
    );
    assert!(kc.contains(&"HTTP-JWT"), "{kc:?}");
    assert!(
        !kc.contains(&"COG-ISSUER") && !kc.contains(&"A0-ISS"),
        "{kc:?}"
    );
    let cog = sources_for(
        ISS,
        "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other",
    );
    assert!(cog.contains(&"COG-ISSUER"), "{cog:?}");
    let slash = sources_for("https://sso.example.com/", "https://sso.example.com");
    assert!(slash.contains(&"A0-ISS"), "{slash:?}");
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
    let mut r = Tok::from_token(&jwe, None);
    // Identified as the page does: this header is the shape of a Cognito refresh token.
    identified(&mut r);
    assert_eq!(r.kind, TokenKind::CognitoRefresh);
    let rs = judge_all(&r.facts(), &Target::default(), NOW, 0);
    assert!(rs.iter().all(|r| rejected_with(r).is_some()));
    // Alone, its rows name it (REPORTED by its header) and say which token to send instead.
    let rest = row(&rs, Profile::RestCognito);
    assert!(
        gateway_codes(rest).iter().any(|c| matches!(
            c,
            GatewayCode::NotAJwt {
                why: NotJwt::CognitoRefresh,
                ..
            }
        )),
        "{:?}",
        codes(rest)
    );
    let fix = tokenlens::explain::profiles::fix(deciding(&rest.findings).unwrap()).unwrap();
    assert!(fix.contains("Send the ID token"), "{fix}");
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
fn a_keycloak_refresh_token_leads_every_row_and_is_never_chosen_and_a_jwe_is_not_called_cognitos() {
    // §0 (KC-TOKENUTIL): payload typ Refresh / Offline is a refresh token, for the token
    // endpoint only. Its rows lead with that, not with its HS512 algorithm ("sign with RS256").
    let kc = "https://kc.example.com/realms/acme";
    let token = |typ: &str, alg: &str| {
        let mut t = tok(
            &format!(r#"{{"alg":"{alg}","typ":"JWT","kid":"k"}}"#),
            &format!(
                r#"{{"iss":"{kc}","aud":"{kc}","typ":"{typ}","azp":"web","sub":"u","exp":{},"iat":{}}}"#,
                NOW + 600,
                NOW - 60
            ),
        );
        identified(&mut t);
        t
    };
    let refresh = token("Refresh", "HS512");
    assert_eq!(
        tokenlens::explain::answer::kind_name(&refresh.kind),
        "refresh token"
    );
    leads_every_jwt_row(
        &refresh,
        |c| matches!(c, GatewayCode::KeycloakRefresh { .. }),
        "access token",
    );
    let offline = token("Offline", "HS512");
    let r = judge_all(&offline.facts(), &Target::default(), NOW, 0);
    assert!(matches!(
        deciding_code(row(&r, Profile::HttpJwt)),
        Some(GatewayCode::KeycloakRefresh { .. })
    ));
    // In a token response it is never the one to send, like Cognito's.
    let access = token("Bearer", "RS256");
    let jwe = Tok::from_token(
        &format!(
            "{}..{}.{}.{}",
            b64(r#"{"alg":"dir","enc":"A256GCM","iss":"https://acme.eu.auth0.com/"}"#),
            b64("iv-iv-iv-iv"),
            b64("ciphertext"),
            b64("tag-tag-tag-tag")
        ),
        None,
    );
    let choices = choose(
        &[access.facts(), refresh.facts(), jwe.facts()],
        &Target::default(),
        NOW,
        0,
    );
    for c in &choices {
        assert_ne!(c.send, Some(1), "{:?}", c.profile);
        let why = |i: usize| {
            c.reasons
                .iter()
                .find(|(j, _)| *j == i)
                .map(|(_, f)| f.clone())
                .unwrap()
        };
        assert_eq!(why(1).code, "choose_refresh_token_never_sent");
        let encrypted = why(2);
        assert_eq!(encrypted.code, "choose_encrypted_never_sent");
        let said = tokenlens::explain::profiles::message(&encrypted);
        assert!(!said.contains("Cognito"), "{said}");
        let line = tokenlens::explain::profiles::choice_line(c, &[]);
        assert!(
            line.contains("token 2 is a Keycloak refresh token"),
            "{line}"
        );
    }
}

#[test]
fn a_token_without_an_audience_and_an_auth0_jwe_get_their_providers_fix_on_the_rows() {
    // G7 (reported): the requesting client is azp; Keycloak adds aud only by a mapper. The
    // HTTP API's error_description (H5, §9) is not quoted for the REST JWT authorizer.
    let t = tok(
        RS,
        &format!(
            r#"{{"iss":"https://kc.example.com/realms/acme","typ":"Bearer","azp":"web","sub":"u","exp":{},"iat":{}}}"#,
            NOW + 600,
            NOW - 60
        ),
    );
    let rs = judge_all(&t.facts(), &Target::default(), NOW, 0);
    for p in [Profile::HttpJwt, Profile::RestJwt] {
        let f = deciding(&row(&rs, p).findings).expect("a rejection");
        assert!(
            matches!(&f.code, Code::Gateway(GatewayCode::NoAudienceClaim { azp: Some(a), .. }) if a == "web")
        );
        let fix = tokenlens::explain::profiles::fix(f).unwrap_or_default();
        assert!(
            fix.contains("azp web") && fix.contains("Audience mapper"),
            "{fix}"
        );
        let said = tokenlens::explain::profiles::message(f);
        assert_eq!(
            said.contains("does not have a valid audience"),
            p == Profile::HttpJwt,
            "{p:?}: {said}"
        );
    }
    // G6: an Auth0 access token asked for without an audience is a JWE; the fix is the
    // audience, on the rows themselves.
    let jwe = format!(
        "{}..{}.{}.{}",
        b64(r#"{"alg":"dir","enc":"A256GCM","iss":"https://dev-x.eu.auth0.com/"}"#),
        b64("iv-iv-iv-iv"),
        b64("ciphertext"),
        b64("tag-tag-tag-tag")
    );
    let mut a0 = Tok::from_token(&jwe, None);
    identified(&mut a0);
    assert_eq!(a0.kind, TokenKind::Auth0Opaque);
    let rs = judge_all(&a0.facts(), &Target::default(), NOW, 0);
    for p in [Profile::HttpJwt, Profile::RestJwt, Profile::Oidc] {
        let f = deciding(&row(&rs, p).findings).expect("a rejection");
        let fix = tokenlens::explain::profiles::fix(f).unwrap_or_default();
        assert!(fix.contains("audience"), "{p:?}: {fix}");
    }
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

// ---- typed gateway codes (issue 8) ----

fn gateway_codes(r: &ProfileResult) -> Vec<&GatewayCode> {
    r.findings
        .iter()
        .filter_map(|f| match &f.code {
            Code::Gateway(c) => Some(c),
            _ => None,
        })
        .collect()
}

fn deciding_code(r: &ProfileResult) -> Option<&GatewayCode> {
    deciding(&r.findings).and_then(|f| match &f.code {
        Code::Gateway(c) => Some(c),
        _ => None,
    })
}

fn with_payload(payload: &str) -> Tok {
    tok(RS, payload)
}

#[test]
fn access_token_on_rest_method_without_scopes_gets_401_and_the_id_token_advice() {
    let t = access("aws.cognito.signin.user.admin");
    let r = row(
        &judge_all(&t.facts(), &Target::default(), NOW, 0),
        Profile::RestCognito,
    )
    .clone();
    let f = deciding(&r.findings).expect("a deciding finding");
    assert!(matches!(
        &f.code,
        Code::Gateway(GatewayCode::AccessTokenWithoutMethodScopes { token_scopes, machine: false, assumed: true, updated_issuer: false })
            if token_scopes == &["aws.cognito.signin.user.admin".to_owned()]
    ));
    assert!(tokenlens::explain::profiles::fix(f).is_some());
    // The scopes question is not answered: the rejection says what it assumes (R1 / R2).
    let said = tokenlens::explain::profiles::message(f);
    assert!(
        said.contains("assumed while the method scopes question is not answered"),
        "{said}"
    );
    let mut answered = Target::default();
    answered.rest.scopes_said = true;
    let r2 = row(
        &judge_all(&t.facts(), &answered, NOW, 0),
        Profile::RestCognito,
    )
    .clone();
    let f2 = deciding(&r2.findings).expect("a deciding finding");
    assert!(!tokenlens::explain::profiles::message(f2).contains("assumed"));
    assert!(matches!(
        r.verdict,
        ProfileVerdict::Reject { status: 401, body: Some(b), body_sure: true, .. } if b == UNAUTHORIZED
    ));
}

#[test]
fn a_client_credentials_token_on_a_method_without_scopes_is_not_told_to_send_an_id_token() {
    // §5.1: the client-credentials flow issues no ID token; R1 still rejects the access token.
    let mut t = with_payload(&format!(
        r#"{{"sub":"m2mclient1","iss":"{ISS}","token_use":"access","client_id":"m2mclient1","scope":"api/write","exp":{},"iat":{}}}"#,
        NOW + 600,
        NOW - 60
    ));
    t.kind = {
        let f = t.facts();
        tokenlens::diagnose::identity::identify(f.header, f.claims, None).kind
    };
    assert_eq!(t.kind, TokenKind::CognitoClientCredentials);
    let mut target = Target::default();
    target.rest.scopes_said = true;
    let r = row(
        &judge_all(&t.facts(), &target, NOW, 0),
        Profile::RestCognito,
    )
    .clone();
    let f = deciding(&r.findings).expect("a deciding finding");
    assert!(matches!(
        &f.code,
        Code::Gateway(GatewayCode::AccessTokenWithoutMethodScopes { machine: true, .. })
    ));
    let fix = tokenlens::explain::profiles::fix(f).unwrap_or_default();
    assert!(fix.contains("api/write"), "{fix}");
    assert!(!fix.contains("Send the ID token"), "{fix}");
    assert_eq!(rejected_with(&r), Some(401));
}

#[test]
fn scoped_rest_method_accepts_an_access_token_carrying_one_of_its_scopes() {
    let (_, acc, _) = demo();
    let mut target = Target::default();
    target.rest.scopes = vec!["orders/read".into(), "aws.cognito.signin.user.admin".into()];
    target.rest.pool_ids = vec!["eu-west-1_tokenLens".into()];
    let r = row(
        &judge_all(&acc.facts(), &target, NOW, 0),
        Profile::RestCognito,
    )
    .clone();
    assert_eq!(r.verdict, ProfileVerdict::Accept, "{:?}", gateway_codes(&r));
    assert_eq!(assumptions(&r.findings).count(), 0);
}

#[test]
fn a_row_that_accepts_only_because_nothing_was_configured_names_the_assumed_configuration() {
    let (id, _, _) = demo();
    let rs = judge_all(&id.facts(), &Target::default(), NOW, 0);
    let rest = row(&rs, Profile::RestCognito);
    assert_eq!(rest.verdict, ProfileVerdict::Accept);
    assert!(assumptions(&rest.findings).any(|f| matches!(
        &f.code,
        Code::Gateway(GatewayCode::PoolAssumed { pool }) if pool == "eu-west-1_tokenLens"
    )));
    let http = row(&rs, Profile::HttpJwt);
    assert_eq!(http.verdict, ProfileVerdict::Accept);
    let assumed: Vec<_> = assumptions(&http.findings)
        .map(|f| f.code.as_str())
        .collect();
    // The route scopes question unanswered is an assumption too (H7/H10), as REST's method
    // scopes are; answered ("none"), it is not.
    assert_eq!(
        assumed,
        [
            "http_issuer_assumed",
            "http_audience_to_configure",
            "http_route_scopes_assumed_none"
        ]
    );
    let mut said = Target::default();
    said.http.scopes_said = true;
    let rs = judge_all(&id.facts(), &said, NOW, 0);
    let assumed: Vec<_> = assumptions(&row(&rs, Profile::HttpJwt).findings)
        .map(|f| f.code.as_str())
        .collect();
    assert_eq!(
        assumed,
        ["http_issuer_assumed", "http_audience_to_configure"]
    );
}

#[test]
fn rest_jwt_authorizer_answers_403_for_a_missing_method_scope() {
    let (_, acc, _) = demo();
    let mut target = Target::default();
    target.rest_jwt.scopes = vec!["orders/read".into()];
    let r = row(&judge_all(&acc.facts(), &target, NOW, 0), Profile::RestJwt).clone();
    assert!(matches!(
        deciding_code(&r),
        Some(GatewayCode::NoScopeInToken { gw: Gw::RestJwt, have, wanted })
            if have == &["aws.cognito.signin.user.admin".to_owned()] && wanted == &["orders/read".to_owned()]
    ));
    assert!(matches!(
        r.verdict,
        ProfileVerdict::Reject {
            status: 403,
            status_sure: true,
            body: None,
            ..
        }
    ));
    // The same token on the Cognito authorizer is a documented 401 (R3).
    target.rest.scopes = vec!["orders/read".into()];
    let rest = row(
        &judge_all(&acc.facts(), &target, NOW, 0),
        Profile::RestCognito,
    )
    .clone();
    assert_eq!(rejected_with(&rest), Some(401));
}

#[test]
fn rest_jwt_authorizer_reads_scopes_from_scp_too() {
    let t = with_payload(&format!(
        r#"{{"iss":"https://idp.example/","aud":"api","scp":["orders/read"],"exp":{}}}"#,
        NOW + 60
    ));
    let mut target = Target::default();
    target.rest_jwt.scopes = vec!["orders/read".into()];
    let r = row(&judge_all(&t.facts(), &target, NOW, 0), Profile::RestJwt).clone();
    assert!(!gateway_codes(&r).iter().any(|c| matches!(
        c,
        GatewayCode::NoScopeInToken { .. } | GatewayCode::ScopeClaimMissing { .. }
    )));
}

#[test]
fn rest_jwt_failures_other_than_scopes_have_no_documented_status() {
    let t = with_payload(&format!(
        r#"{{"iss":"https://idp.example","aud":"api","exp":{}}}"#,
        NOW + 60
    ));
    let mut target = Target::default();
    target.rest_jwt.issuer = Some("https://idp.example/".into());
    let r = row(&judge_all(&t.facts(), &target, NOW, 0), Profile::RestJwt).clone();
    assert!(matches!(
        deciding_code(&r),
        Some(GatewayCode::IssuerMismatch {
            gw: Gw::RestJwt,
            diff: IssuerDiff::TrailingSlash,
            ..
        })
    ));
    assert!(matches!(
        r.verdict,
        ProfileVerdict::Reject {
            status_sure: false,
            body: None,
            certain: true,
            ..
        }
    ));
}

#[test]
fn rest_jwt_allow_list_takes_only_rs256_to_es512() {
    for (alg, configured, allowed) in [
        ("RS256", vec![], true),
        ("ES512", vec![], true),
        ("HS256", vec![], false),
        ("PS256", vec![], false),
        ("EdDSA", vec![], false),
        ("ES256", vec!["RS256".to_owned()], false),
        ("ES256", vec!["RS256".to_owned(), "ES256".to_owned()], true),
    ] {
        let t = tok(
            &format!(r#"{{"alg":"{alg}","kid":"k1"}}"#),
            &format!(
                r#"{{"iss":"https://idp.example/","aud":"api","exp":{}}}"#,
                NOW + 60
            ),
        );
        let mut target = Target::default();
        target.rest_jwt.algs = configured.clone();
        let r = row(&judge_all(&t.facts(), &target, NOW, 0), Profile::RestJwt).clone();
        let rejected = gateway_codes(&r).iter().any(|c| {
            matches!(
                c,
                GatewayCode::AlgNotAllowed {
                    gw: Gw::RestJwt,
                    ..
                }
            )
        });
        assert_eq!(!rejected, allowed, "{alg} with {configured:?}");
    }
}

#[test]
fn rest_jwt_notes_the_key_cache_and_refetch() {
    let (id, _, _) = demo();
    let r = row(
        &judge_all(&id.facts(), &Target::default(), NOW, 0),
        Profile::RestJwt,
    )
    .clone();
    assert!(gateway_codes(&r).contains(&&GatewayCode::KeyCache));
}

#[test]
fn a_token_whose_exp_is_now_is_expired_on_every_profile() {
    let t = with_payload(&format!(
        r#"{{"iss":"{ISS}","token_use":"id","aud":"client1","exp":{NOW}}}"#
    ));
    let rs = judge_all(&t.facts(), &Target::default(), NOW, 0);
    for (p, gw) in [
        (Profile::RestCognito, Gw::Rest),
        (Profile::RestTestAuthorizer, Gw::Rest),
        (Profile::RestJwt, Gw::RestJwt),
        (Profile::HttpJwt, Gw::Http),
        (Profile::Oidc, Gw::Oidc),
    ] {
        let r = row(&rs, p);
        assert!(
            gateway_codes(r).iter().any(
                |c| matches!(c, GatewayCode::Expired { gw: g, exp, .. } if *g == gw && *exp == NOW)
            ),
            "{p:?}: {:?}",
            codes(r)
        );
        assert!(matches!(r.verdict, ProfileVerdict::Reject { .. }), "{p:?}");
    }
    // One second earlier it is valid on every gateway profile.
    let rs = judge_all(&t.facts(), &Target::default(), NOW - 1, 0);
    for r in rs.iter().filter(|r| r.profile != Profile::LambdaAjv) {
        assert!(
            !codes(r).iter().any(|c| c.ends_with("expired")),
            "{:?}",
            r.profile
        );
    }
}

#[test]
fn an_expired_rest_answer_has_a_confirmed_401_and_a_likely_body() {
    let verdict = |ago: i64| {
        let t = with_payload(&format!(
            r#"{{"iss":"{ISS}","token_use":"id","aud":"client1","exp":{}}}"#,
            NOW - ago
        ));
        row(
            &judge_all(&t.facts(), &Target::default(), NOW, 0),
            Profile::RestCognito,
        )
        .verdict
        .clone()
    };
    let rejected = |certain| ProfileVerdict::Reject {
        status: 401,
        body: Some(EXPIRED),
        body_sure: false,
        certain,
        status_sure: true,
    };
    assert_eq!(verdict(3600), rejected(true));
    // H6 / G12: 90 s past exp is within any common leeway, and API Gateway's is undocumented.
    assert_eq!(verdict(90), rejected(false));
}

#[test]
fn a_time_failure_close_to_its_limit_is_only_likely_on_api_gateway() {
    // H6 / G12: exp 5 s past, nbf and iat 2 min ahead; the OIDC row's leeway is the user's.
    let close = with_payload(&format!(
        r#"{{"iss":"{ISS}","token_use":"id","aud":"client1","exp":{},"nbf":{},"iat":{}}}"#,
        NOW - 5,
        NOW + 120,
        NOW + 120
    ));
    let rs = judge_all(&close.facts(), &Target::default(), NOW, 0);
    for p in [Profile::RestCognito, Profile::HttpJwt, Profile::RestJwt] {
        let r = row(&rs, p);
        assert!(
            matches!(r.verdict, ProfileVerdict::Reject { certain: false, .. }),
            "{p:?}: {:?}",
            r.verdict
        );
        let said = tokenlens::explain::profiles::message(deciding(&r.findings).unwrap());
        assert!(
            said.contains("does not document the authorizer's clock leeway"),
            "{said}"
        );
    }
    assert!(matches!(
        row(&rs, Profile::Oidc).verdict,
        ProfileVerdict::Reject { certain: true, .. }
    ));
    let far = with_payload(&format!(
        r#"{{"iss":"{ISS}","token_use":"id","aud":"client1","exp":{}}}"#,
        NOW - 3600
    ));
    let r = row(
        &judge_all(&far.facts(), &Target::default(), NOW, 0),
        Profile::HttpJwt,
    )
    .clone();
    assert!(matches!(
        r.verdict,
        ProfileVerdict::Reject { certain: true, .. }
    ));
}

const UPDATED_ISS: &str = "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_tokenLens";

fn updated_issuer_token() -> Tok {
    with_payload(&format!(
        r#"{{"iss":"{UPDATED_ISS}","token_use":"id","aud":"client1","exp":{}}}"#,
        NOW + 600
    ))
}

#[test]
fn updated_issuer_on_rest_cognito_is_cannot_tell_never_not_a_user_pool() {
    let t = updated_issuer_token();
    let mut target = Target::default();
    target.rest.pool_ids = vec!["eu-west-1_tokenLens".into()];
    for p in [Profile::RestCognito, Profile::RestTestAuthorizer] {
        let r = row(&judge_all(&t.facts(), &target, NOW, 0), p).clone();
        assert!(!codes(&r).contains(&"rest_not_a_user_pool_token"), "{p:?}");
        assert!(gateway_codes(&r).iter().any(
            |c| matches!(c, GatewayCode::UpdatedIssuer { pool } if pool == "eu-west-1_tokenLens")
        ));
        assert!(
            matches!(&r.verdict, ProfileVerdict::CannotTell { needs } if needs.contains(&Need::DeployedTest))
        );
    }
}

#[test]
fn updated_issuer_must_match_exactly_on_http_api_and_rest_jwt() {
    let t = updated_issuer_token();
    let mut target = Target::default();
    target.http.issuer = Some(ISS.into());
    target.rest_jwt.issuer = Some(ISS.into());
    target.oidc.issuer = Some(ISS.into());
    let rs = judge_all(&t.facts(), &target, NOW, 0);
    for (p, gw) in [
        (Profile::HttpJwt, Gw::Http),
        (Profile::RestJwt, Gw::RestJwt),
        (Profile::Oidc, Gw::Oidc),
    ] {
        assert!(
            matches!(
                deciding_code(row(&rs, p)),
                Some(GatewayCode::IssuerMismatch { gw: g, diff: IssuerDiff::CognitoForm { token: IssuerForm::Updated }, .. }) if *g == gw
            ),
            "{p:?}"
        );
    }
    // The fix is the configured issuer: the pool issues this form (review round 10: it read
    // "send a token from <the other form>, or, if you trust …").
    let fix = row(&rs, Profile::HttpJwt)
        .findings
        .iter()
        .filter(|f| matches!(f.code, Code::Gateway(GatewayCode::IssuerMismatch { .. })))
        .find_map(tokenlens::explain::profiles::fix)
        .unwrap_or_default();
    assert!(
        fix.starts_with(&format!(
            "Configure the issuer exactly as the token has it: {UPDATED_ISS}."
        )),
        "{fix}"
    );
    // Configured with the UPDATED form itself, the issuer matches.
    target.http.issuer = Some(UPDATED_ISS.into());
    let r = row(&judge_all(&t.facts(), &target, NOW, 0), Profile::HttpJwt).clone();
    assert!(!codes(&r).contains(&"http_issuer_mismatch"));
}

#[test]
fn eusc_pools_are_user_pools_on_the_rest_cognito_authorizer() {
    let pool = "eusc-de-east-1_tokenLens";
    let t = with_payload(&format!(
        r#"{{"iss":"https://cognito-idp.eusc-de-east-1.amazonaws.com/{pool}","token_use":"id","exp":{}}}"#,
        NOW + 600
    ));
    let mut target = Target::default();
    target.rest.pool_ids = vec![pool.into()];
    let r = row(
        &judge_all(&t.facts(), &target, NOW, 0),
        Profile::RestCognito,
    )
    .clone();
    assert!(
        !codes(&r)
            .iter()
            .any(|c| c.contains("pool") || c.contains("user_pool")),
        "{:?}",
        codes(&r)
    );
}

#[test]
fn a_token_from_the_same_pool_id_in_another_region_names_the_region_as_the_difference() {
    let t = id_token();
    let mut target = Target::default();
    target.rest.pool_ids = vec!["us-east-1_tokenLens".into()];
    let r = row(
        &judge_all(&t.facts(), &target, NOW, 0),
        Profile::RestCognito,
    )
    .clone();
    assert!(matches!(
        deciding_code(&r),
        Some(GatewayCode::PoolNotConfigured { token_pool, configured, differs: PoolDiff::Region })
            if token_pool == "eu-west-1_tokenLens" && configured == &["us-east-1_tokenLens".to_owned()]
    ));
}

#[test]
fn http_api_algorithms_are_certain_only_outside_rsa() {
    for (alg, certain_reject, undocumented) in [
        ("RS256", false, false),
        ("PS256", false, true),
        ("PS384", false, true),
        ("PS512", false, true),
        ("ES256", true, false),
        ("EdDSA", true, false),
        ("HS256", true, false),
    ] {
        let t = tok(
            &format!(r#"{{"alg":"{alg}","kid":"k1"}}"#),
            &format!(r#"{{"iss":"{ISS}","client_id":"c","exp":{}}}"#, NOW + 60),
        );
        let r = row(
            &judge_all(&t.facts(), &Target::default(), NOW, 0),
            Profile::HttpJwt,
        )
        .clone();
        let cs = gateway_codes(&r);
        assert_eq!(
            cs.iter()
                .any(|c| matches!(c, GatewayCode::AlgNotRsa { .. })),
            certain_reject,
            "{alg}"
        );
        assert_eq!(
            cs.iter()
                .any(|c| matches!(c, GatewayCode::AlgPssUndocumented { .. })),
            undocumented,
            "{alg}"
        );
        if undocumented {
            assert!(!matches!(r.verdict, ProfileVerdict::Reject { .. }), "{alg}");
            assert!(
                matches!(&r.verdict, ProfileVerdict::CannotTell { needs } if needs.contains(&Need::UndocumentedAlg))
            );
        }
    }
}

#[test]
fn the_validation_regex_decides_before_signature_and_expiry() {
    // An expired ID token with a bad signature whose aud the regex does not match.
    let (id, _, _) = demo();
    let mut target = Target::default();
    target.rest.validation_regex = Some("^(other-client)$".into());
    let r = row(
        &judge_all(&id.facts(), &target, NOW + 86_400, 0),
        Profile::RestCognito,
    )
    .clone();
    assert!(codes(&r).contains(&"rest_expired"));
    assert!(matches!(
        deciding_code(&r),
        Some(GatewayCode::RegexRejectsAud { regex, .. }) if regex == "^(other-client)$"
    ));
    assert!(matches!(
        r.verdict,
        ProfileVerdict::Reject { status: 401, body: Some(b), .. } if b == UNAUTHORIZED
    ));
}

#[test]
fn a_validation_regex_with_twenty_thousand_alternatives_is_matched() {
    // Issue 11: 20 000 alternatives took 1.26 s.
    let alts: Vec<String> = (0..20_000).map(|i| format!("client{i}")).collect();
    let re = format!("^({})$", alts.join("|"));
    let values = vec!["client19999".to_owned(), "nobody".to_owned()];
    assert_eq!(literal_match(&re, &values), Some(true));
    assert_eq!(literal_match(&re, &values[1..]), Some(false));
    assert_eq!(
        literal_match(&re[1..re.len() - 1], &values[1..]),
        Some(false)
    );
}

#[test]
fn an_unsigned_token_is_rejected_as_unsigned_never_as_a_bad_signature_or_an_issuer_to_configure() {
    let t = tok(
        r#"{"alg":"none"}"#,
        &format!(
            r#"{{"iss":"https://idp.example/","aud":"api","exp":{}}}"#,
            NOW + 60
        ),
    );
    for r in judge_all(&t.facts(), &Target::default(), NOW, 0) {
        if r.profile == Profile::LambdaAjv {
            continue;
        }
        assert!(
            matches!(deciding_code(&r), Some(GatewayCode::Unsigned { .. })),
            "{:?}: {:?}",
            r.profile,
            codes(&r)
        );
        assert!(!gateway_codes(&r).iter().any(|c| matches!(
            c,
            GatewayCode::SignatureInvalid { .. }
                | GatewayCode::IssuerAssumed { .. }
                | GatewayCode::AudienceAssumed { .. }
        )));
        assert_eq!(assumptions(&r.findings).count(), 0);
    }
}

#[test]
fn a_microsoft_graph_token_is_not_for_your_api_before_any_signature_failure() {
    let mut t = tok(
        r#"{"alg":"RS256","kid":"k","nonce":"abc"}"#,
        &format!(
            r#"{{"iss":"https://sts.windows.net/tid/","aud":"00000003-0000-0000-c000-000000000000","exp":{}}}"#,
            NOW + 60
        ),
    );
    t.kind = TokenKind::EntraMicrosoftApi;
    for r in judge_all(&t.facts(), &Target::default(), NOW, 0) {
        if r.profile == Profile::LambdaAjv {
            continue;
        }
        let first = r
            .findings
            .iter()
            .find(|f| matches!(effect(&f.code), Effect::Reject { .. }));
        assert!(
            matches!(first.map(|f| &f.code), Some(Code::Gateway(GatewayCode::ForeignAudience { aud, .. })) if aud == &["00000003-0000-0000-c000-000000000000".to_owned()]),
            "{:?}: {:?}",
            r.profile,
            codes(&r)
        );
    }
}

#[test]
fn scopes_typed_as_none_dash_or_na_mean_no_scopes() {
    for text in ["none", "-", "n/a", "", "  None ", "\"none\""] {
        let (target, notes) = Target::from_fields(|f| (f == Field::RestScopes).then_some(text));
        assert!(target.rest.scopes.is_empty(), "{text:?}");
        let said = notes
            .iter()
            .any(|(f, r)| *f == Field::RestScopes && r.what == What::SaidNone);
        assert_eq!(said, !text.trim().is_empty(), "{text:?}");
    }
    let (target, _) =
        Target::from_fields(|f| (f == Field::HttpScopes).then_some("orders/read, orders/write"));
    assert_eq!(target.http.scopes, ["orders/read", "orders/write"]);
}

#[test]
fn an_unreadable_pool_gets_a_note_and_never_flips_the_rest_advice_to_accept() {
    let (target, notes) =
        Target::from_fields(|f| (f == Field::RestPools).then_some("my prod pool"));
    assert!(notes
        .iter()
        .any(|(f, r)| *f == Field::RestPools && !r.ignored.is_empty()));
    let (id, _, _) = demo();
    let r = row(
        &judge_all(&id.facts(), &target, NOW, 0),
        Profile::RestCognito,
    )
    .clone();
    assert!(gateway_codes(&r)
        .iter()
        .any(|c| matches!(c, GatewayCode::PoolUnreadable { .. })));
    assert!(
        matches!(&r.verdict, ProfileVerdict::CannotTell { needs } if needs.contains(&Need::ReadableConfig))
    );
}

#[test]
fn a_rest_jwt_allow_list_value_it_cannot_hold_gets_a_note_and_is_not_silently_the_default() {
    // J1b: the allow-list's valid values are RS256–ES512. PS256 typed there is noted beside
    // the field, dropped, and a list left empty is "not given" (an assumption the row names),
    // never read as the default list without a word.
    let (target, notes) =
        Target::from_fields(|f| (f == Field::RestJwtAlgs).then_some("PS256, rs256"));
    assert_eq!(target.rest_jwt.algs, ["RS256"]);
    assert!(notes.iter().any(|(f, r)| *f == Field::RestJwtAlgs
        && r.ignored.contains(&Ignored::Invalid("PS256".to_owned()))));
    let (target, _) = Target::from_fields(|f| (f == Field::RestJwtAlgs).then_some("PS256"));
    assert!(target.rest_jwt.algs.is_empty());
    let (id, _, _) = demo();
    let r = row(&judge_all(&id.facts(), &target, NOW, 0), Profile::RestJwt).clone();
    assert!(
        gateway_codes(&r)
            .iter()
            .any(|c| matches!(c, GatewayCode::AlgAssumed { alg } if alg == "RS256")),
        "{:?}",
        codes(&r)
    );
}

#[test]
fn the_lambda_api_type_is_read_from_its_field() {
    use tokenlens::diagnose::config::LambdaApi;
    for (text, api) in [
        ("rest", LambdaApi::Rest),
        ("http", LambdaApi::Http),
        ("", LambdaApi::Unknown),
    ] {
        let (target, _) = Target::from_fields(|f| (f == Field::LambdaApi).then_some(text));
        assert_eq!(target.lambda.api, api);
    }
}

#[test]
fn every_form_field_has_a_unique_cfg_id_that_reads_back() {
    let mut ids: Vec<&str> = Field::ALL.iter().map(|f| f.id()).collect();
    for f in Field::ALL {
        assert_eq!(Field::from_id(f.id()), Some(f));
        assert!(f.id().starts_with("cfg-"));
        assert!(!f.label().is_empty());
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), Field::ALL.len());
    // The end-to-end tests address these ids.
    for id in [
        "cfg-rest-scopes",
        "cfg-http-issuer",
        "cfg-lambda-token-use",
        "cfg-oidc-algs",
    ] {
        assert!(Field::from_id(id).is_some(), "{id}");
    }
}

#[test]
fn every_gateway_code_on_the_panel_has_a_message() {
    let (id, acc, _) = demo();
    let mut target = Target::default();
    target.rest.scopes = vec!["x".into()];
    target.rest_jwt.scopes = vec!["x".into()];
    for t in [id, acc, updated_issuer_token()] {
        for r in judge_all(&t.facts(), &target, NOW + 86_400, 0) {
            for f in &r.findings {
                if let Code::Gateway(c) = &f.code {
                    assert!(
                        !tokenlens::explain::profiles::message(f).is_empty(),
                        "{}",
                        c.as_str()
                    );
                    assert!(!c.as_str().is_empty());
                }
            }
        }
    }
}

#[test]
fn an_unreadable_issuer_gets_a_note_and_makes_the_row_cannot_tell() {
    let (target, notes) =
        Target::from_fields(|f| (f == Field::HttpIssuer).then_some("our cognito pool"));
    assert!(notes
        .iter()
        .any(|(f, r)| *f == Field::HttpIssuer && !r.ignored.is_empty()));
    let (id, _, _) = demo();
    let r = row(&judge_all(&id.facts(), &target, NOW, 0), Profile::HttpJwt).clone();
    assert!(gateway_codes(&r)
        .iter()
        .any(|c| matches!(c, GatewayCode::IssuerUnreadable { gw: Gw::Http, .. })));
    assert!(
        matches!(&r.verdict, ProfileVerdict::CannotTell { needs } if needs.contains(&Need::ReadableConfig))
    );
}

#[test]
fn an_eusc_pool_on_an_unknown_issuer_host_is_never_a_certain_rest_rejection() {
    let t = with_payload(&format!(
        r#"{{"iss":"https://cognito-idp.eusc-de-east-1.amazonaws.eu/eusc-de-east-1_tokenLens","token_use":"id","exp":{}}}"#,
        NOW + 600
    ));
    let r = row(
        &judge_all(&t.facts(), &Target::default(), NOW, 0),
        Profile::RestCognito,
    )
    .clone();
    assert!(!codes(&r).contains(&"rest_not_a_user_pool_token"));
    assert!(
        matches!(&r.verdict, ProfileVerdict::CannotTell { needs } if needs.contains(&Need::DeployedTest))
    );
}

#[test]
fn a_kid_only_pasted_keys_lack_leaves_the_signature_unchecked_on_every_row() {
    // Pasted keys may be anyone's: the token's kid (k1) missing from them says nothing about the
    // issuer's key set, so no row rejects for it (the REST rows never did; HTTP API, REST JWT
    // and the Lambda row said "kid not in the issuer's key set").
    let (_, _, keys) = demo();
    assert!(!keys.issuers);
    let t = Tok::from_token(&id_token().cand.token, Some(&keys));
    assert_eq!(t.ver.kid_not_found(), Some("k1"));
    let rs = judge_all(&t.facts(), &Target::default(), NOW, 0);
    for r in &rs {
        let c = codes(r);
        assert!(
            !c.iter().any(|c| c.contains("kid_not")),
            "{:?}: {c:?}",
            r.profile
        );
    }
    for (p, unchecked) in [
        (Profile::RestCognito, "rest_signature_unchecked"),
        (Profile::RestJwt, "rest_jwt_signature_unchecked"),
        (Profile::HttpJwt, "http_signature_unchecked"),
        (Profile::LambdaAjv, "ajv_signature_unchecked"),
        (Profile::Oidc, "oidc_signature_unchecked"),
    ] {
        let r = row(&rs, p);
        assert!(codes(r).contains(&unchecked), "{p:?}: {:?}", codes(r));
        assert_eq!(rejected_with(r), None, "{p:?}: {:?}", codes(r));
    }
    // The rows say which kid the keys given lack, not only "needs the issuer's keys".
    let http = row(&rs, Profile::HttpJwt);
    assert!(http.findings.iter().any(|f| matches!(
        &f.code,
        Code::Gateway(GatewayCode::SignatureUnchecked { why: Unchecked::KidNotGiven(k), .. }) if k == "k1"
    )));
}

#[test]
fn a_kid_the_issuers_own_key_set_lacks_is_a_rejection_on_every_row() {
    // G11 / H2 / J1c / aws-jwt-verify's KidNotFoundInJwksError: the key set fetched for the
    // token's issuer does not hold the key that signed it.
    let (_, _, mut keys) = demo();
    keys.issuers = true;
    let t = Tok::from_token(&id_token().cand.token, Some(&keys));
    let rs = judge_all(&t.facts(), &Target::default(), NOW, 0);
    for (p, code) in [
        (Profile::RestCognito, "rest_kid_not_in_jwks"),
        (Profile::RestJwt, "rest_jwt_kid_not_in_jwks"),
        (Profile::HttpJwt, "http_kid_not_in_jwks"),
        (Profile::LambdaAjv, "ajv_kid_not_found"),
        (Profile::Oidc, "oidc_kid_not_in_jwks"),
    ] {
        let r = row(&rs, p);
        assert!(codes(r).contains(&code), "{p:?}: {:?}", codes(r));
        assert!(rejected_with(r).is_some(), "{p:?}: {:?}", codes(r));
        assert!(
            !codes(r).iter().any(|c| c.ends_with("signature_unchecked")),
            "{p:?}"
        );
    }
}

#[test]
fn a_kid_missing_from_the_issuers_keys_fetched_before_the_token_was_issued_is_unchecked() {
    // G11 (rotation): a key set fetched before the token's iat cannot speak for a key the issuer
    // published since; fetched in the same second or later, it can.
    let (_, _, mut keys) = demo();
    keys.issuers = true;
    let token = &id_token().cand.token;
    let iat = match tokenlens::jose::parse_unverified(token) {
        Ok(tokenlens::jose::Parsed::Jws(jwt)) => {
            jwt.claims().and_then(|c| c.iat.present()).map(|d| d.secs)
        }
        _ => None,
    }
    .expect("the demo ID token has an iat");
    keys.fetched_at = Some(iat - 1);
    let t = Tok::from_token(token, Some(&keys));
    let rs = judge_all(&t.facts(), &Target::default(), NOW, 0);
    for p in [
        Profile::RestCognito,
        Profile::RestJwt,
        Profile::HttpJwt,
        Profile::LambdaAjv,
        Profile::Oidc,
    ] {
        let r = row(&rs, p);
        assert_eq!(rejected_with(r), None, "{p:?}: {:?}", codes(r));
        assert!(
            codes(r).iter().any(|c| c.ends_with("signature_unchecked")),
            "{p:?}: {:?}",
            codes(r)
        );
    }
    // The gateway rows say why: the issuer's keys are older than the token.
    assert!(row(&rs, Profile::HttpJwt).findings.iter().any(|f| matches!(
        &f.code,
        Code::Gateway(GatewayCode::SignatureUnchecked {
            why: Unchecked::KidNewerThanFetch(_),
            ..
        })
    )));
    keys.fetched_at = Some(iat);
    let t = Tok::from_token(token, Some(&keys));
    let rs = judge_all(&t.facts(), &Target::default(), NOW, 0);
    assert!(rejected_with(row(&rs, Profile::HttpJwt)).is_some());
}

#[test]
fn a_token_without_its_signature_is_unchecked_not_a_bad_signature() {
    // Pasted as header.payload (redacted, shared without it, or cut off): nothing to verify, so
    // no row may blame the signature or the keys.
    let (_, _, keys) = demo();
    let token = id_token().cand.token.clone();
    let (head_payload, _) = token.rsplit_once('.').expect("three parts");
    for text in [head_payload.to_owned(), format!("{head_payload}.")] {
        let o = tokenlens::inspect::overview(&text);
        let c = o.extraction.candidates.first().expect("a candidate");
        let facts = tokenlens::diagnose::facts_of_all(&o.extraction.candidates, &[&keys]);
        let f = facts.first().expect("facts");
        assert_eq!(
            f.verification.verdict(),
            tokenlens::verify::Verdict::Unverifiable,
            "{text}"
        );
        assert!(f.verification.signature_empty());
        let rs = judge_all(&f.token(c), &Target::default(), NOW, 0);
        for p in [
            Profile::RestCognito,
            Profile::HttpJwt,
            Profile::RestJwt,
            Profile::Oidc,
        ] {
            let r = row(&rs, p);
            assert_eq!(rejected_with(r), None, "{p:?}: {:?}", codes(r));
            // What it needs is the signature, not the keys (they were given).
            assert!(
                matches!(&r.verdict, ProfileVerdict::CannotTell { needs } if needs.contains(&Need::WholeToken) && !needs.contains(&Need::IssuerKeys)),
                "{p:?}: {:?}",
                r.verdict
            );
            assert!(
                r.findings.iter().any(|f| matches!(
                    &f.code,
                    Code::Gateway(GatewayCode::SignatureUnchecked {
                        why: Unchecked::NoSignature,
                        ..
                    })
                )),
                "{p:?}: {:?}",
                codes(r)
            );
        }
    }
}

#[test]
fn the_albs_user_claims_token_is_rejected_by_every_authorizer_that_checks_the_issuers_keys() {
    // §0 / A2: x-amzn-oidc-data is signed with the load balancer's key; whatever key verified it
    // here, no issuer key set holds that key.
    let mut t = tok(
        r#"{"alg":"ES256","kid":"5e8a5c5e-0000-4000-8000-000000000001","signer":"arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188","iss":"https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_tokenLens","client":"client1","exp":1768468600}"#,
        &format!(
            r#"{{"sub":"u1","email":"ada@example.com","exp":{},"iss":"{ISS}"}}"#,
            NOW + 600
        ),
    );
    // Recognised from its header (signer, client), as the page does.
    t.kind = {
        let f = t.facts();
        tokenlens::diagnose::identity::identify(f.header, f.claims, None).kind
    };
    assert_eq!(t.kind, TokenKind::AlbOidcData);
    let rs = judge_all(&t.facts(), &Target::default(), NOW, 0);
    for (p, code) in [
        (Profile::RestCognito, "rest_alb_signed"),
        (Profile::RestTestAuthorizer, "rest_alb_signed"),
        (Profile::RestJwt, "rest_jwt_alb_signed"),
        (Profile::HttpJwt, "http_alb_signed"),
        (Profile::Oidc, "oidc_alb_signed"),
    ] {
        let r = row(&rs, p);
        assert!(codes(r).contains(&code), "{p:?}: {:?}", codes(r));
        assert_eq!(rejected_with(r), Some(401), "{p:?}: {:?}", codes(r));
    }
    // The Lambda's aws-jwt-verify throws KidNotFoundInJwksError on it, whatever keys were
    // pasted here (no keys here): a rejection, not "can't tell, needs the keys" (review round
    // 10).
    let lambda = row(&rs, Profile::LambdaAjv);
    assert!(rejected_with(lambda).is_some(), "{:?}", codes(lambda));
    assert!(
        lambda.findings.iter().any(|f| matches!(
            &f.code,
            Code::Ajv(AjvCode::Throws {
                error: AjvError::KidNotFound { alb: true, .. },
                ..
            })
        )),
        "{:?}",
        codes(lambda)
    );
}

fn needs(r: &ProfileResult) -> Vec<Need> {
    match &r.verdict {
        ProfileVerdict::CannotTell { needs } => needs.clone(),
        _ => vec![],
    }
}

#[test]
fn a_token_that_passes_only_with_the_pages_leeway_is_not_called_accepted_by_api_gateway_rows() {
    // H6 / G12: API Gateway's leeway is undocumented (UNVERIFIED); the page's leeway field must
    // not turn a token expired 100 s ago into a certain "accepted".
    let mut target = Target::default();
    target.http.issuer = Some(ISS.into());
    target.http.audiences = vec!["client1".into()];
    let payload = |extra: &str| {
        format!(
            r#"{{"iss":"{ISS}","token_use":"id","aud":"client1","cognito:username":"ada",{extra}}}"#
        )
    };
    let expired = tok(
        RS,
        &payload(&format!(r#""exp":{},"iat":{}"#, NOW - 100, NOW - 3700)),
    );
    let rs = judge_all(&expired.facts(), &target, NOW, 300);
    for (p, code) in [
        (Profile::HttpJwt, "http_only_within_leeway"),
        (Profile::RestJwt, "rest_jwt_only_within_leeway"),
        (Profile::RestCognito, "rest_only_within_leeway"),
    ] {
        let r = row(&rs, p);
        assert!(codes(r).contains(&code), "{p:?}: {:?}", codes(r));
        assert!(
            needs(r).contains(&Need::GatewayLeeway),
            "{p:?}: {:?}",
            r.verdict
        );
    }
    // Any OIDC server: the leeway is its own setting, so the page's is taken as given.
    assert!(!codes(row(&rs, Profile::Oidc))
        .iter()
        .any(|c| c.contains("leeway")));
    // Without leeway the documented rule decides: 401.
    let r = row(
        &judge_all(&expired.facts(), &target, NOW, 0),
        Profile::HttpJwt,
    )
    .clone();
    assert_eq!(rejected_with(&r), Some(401), "{:?}", codes(&r));
    assert!(!codes(&r).contains(&"http_only_within_leeway"));
    // Past the leeway as well: 401, nothing left open.
    let r = row(
        &judge_all(&expired.facts(), &target, NOW, 60),
        Profile::HttpJwt,
    )
    .clone();
    assert_eq!(rejected_with(&r), Some(401), "{:?}", codes(&r));

    // nbf and (HTTP API only) iat ahead by 100 s, inside a 300 s leeway.
    let ahead = tok(
        RS,
        &payload(&format!(
            r#""exp":{},"nbf":{},"iat":{}"#,
            NOW + 3600,
            NOW + 100,
            NOW + 100
        )),
    );
    let rs = judge_all(&ahead.facts(), &target, NOW, 300);
    assert!(needs(row(&rs, Profile::HttpJwt)).contains(&Need::GatewayLeeway));
    assert!(needs(row(&rs, Profile::RestJwt)).contains(&Need::GatewayLeeway));
    // The REST Cognito authorizer checks neither nbf nor iat (R7 is about exp only).
    assert!(!codes(row(&rs, Profile::RestCognito)).contains(&"rest_only_within_leeway"));
    let iat_only = tok(
        RS,
        &payload(&format!(r#""exp":{},"iat":{}"#, NOW + 3600, NOW + 100)),
    );
    let rs = judge_all(&iat_only.facts(), &target, NOW, 300);
    assert!(codes(row(&rs, Profile::HttpJwt)).contains(&"http_only_within_leeway"));
    assert!(!codes(row(&rs, Profile::RestJwt)).contains(&"rest_jwt_only_within_leeway"));
}

#[test]
fn a_token_without_a_numeric_exp_is_not_called_accepted_by_the_jwt_authorizers() {
    // H6 says exp must be in the future; what happens without one is not documented.
    let mut target = Target::default();
    target.http.issuer = Some(ISS.into());
    target.http.audiences = vec!["client1".into()];
    for exp in ["", r#","exp":"1999999999""#] {
        let t = tok(
            RS,
            &format!(
                r#"{{"iss":"{ISS}","aud":"client1","iat":{}{exp}}}"#,
                NOW - 60
            ),
        );
        let rs = judge_all(&t.facts(), &target, NOW, 0);
        let http = row(&rs, Profile::HttpJwt);
        assert!(
            codes(http).contains(&"http_no_exp"),
            "{exp}: {:?}",
            codes(http)
        );
        assert_ne!(http.verdict, ProfileVerdict::Accept, "{exp}");
        assert!(codes(row(&rs, Profile::RestJwt)).contains(&"rest_jwt_no_exp"));
    }
}

#[test]
fn a_scope_claim_that_is_an_array_is_read_like_scp_not_called_missing() {
    // H7: route scopes are looked for in `scope` or `scp`; `scp` was read as a string or an
    // array, `scope` only as a string, so ["orders/read"] read as "no scope claim".
    let mut target = Target::default();
    target.http.scopes = vec!["orders/write".into()];
    let t = tok(
        RS,
        &format!(
            r#"{{"iss":"{ISS}","client_id":"c","scope":["orders/read"],"exp":{}}}"#,
            NOW + 600
        ),
    );
    let r = row(&judge_all(&t.facts(), &target, NOW, 0), Profile::HttpJwt).clone();
    assert!(
        !codes(&r).contains(&"http_scope_claim_missing"),
        "{:?}",
        codes(&r)
    );
    assert!(
        codes(&r).contains(&"http_no_route_scope_in_token"),
        "{:?}",
        codes(&r)
    );
    target.http.scopes = vec!["orders/read".into()];
    let r = row(&judge_all(&t.facts(), &target, NOW, 0), Profile::HttpJwt).clone();
    assert!(
        !codes(&r).iter().any(|c| c.contains("scope")),
        "{:?}",
        codes(&r)
    );
}

#[test]
fn an_issuer_api_gateway_cannot_reach_or_use_is_a_rejection_not_accepted_if_configured() {
    // H3: the discovery document and keys must be reachable from the public internet; §2b: the
    // REST JWT authorizer's issuer must be an absolute https URL.
    let token = |iss: &str| {
        tok(
            RS,
            &format!(
                r#"{{"iss":"{iss}","aud":"c","exp":{},"iat":{}}}"#,
                NOW + 600,
                NOW - 60
            ),
        )
    };
    for iss in [
        "http://localhost:8080/realms/dev",
        "https://keycloak/realms/dev",
        "https://10.1.2.3/realms/dev",
        "https://172.20.0.5:8443/realms/dev",
        "https://idp.corp.internal",
        "https://[fd00::1]/idp",
    ] {
        let rs = judge_all(&token(iss).facts(), &Target::default(), NOW, 0);
        for (p, code) in [
            (Profile::HttpJwt, "http_issuer_not_public"),
            (Profile::RestJwt, "rest_jwt_issuer_not_public"),
        ] {
            let r = row(&rs, p);
            assert!(codes(r).contains(&code), "{iss} {p:?}: {:?}", codes(r));
            assert!(rejected_with(r).is_some(), "{iss} {p:?}");
        }
    }
    // Not https: only the REST JWT authorizer is documented to refuse it.
    for iss in ["accounts.google.com", "http://idp.example.com"] {
        let rs = judge_all(&token(iss).facts(), &Target::default(), NOW, 0);
        assert!(
            codes(row(&rs, Profile::RestJwt)).contains(&"rest_jwt_issuer_not_public"),
            "{iss}"
        );
        assert!(
            !codes(row(&rs, Profile::HttpJwt)).contains(&"http_issuer_not_public"),
            "{iss}"
        );
    }
    // Public https issuers, including hosts that merely start like a private range.
    for iss in [
        "https://tenant.eu.auth0.com/",
        "https://fcbarcelona.example.com",
        "https://172.15.0.1.nip.io/realm",
        ISS,
    ] {
        let rs = judge_all(&token(iss).facts(), &Target::default(), NOW, 0);
        for p in [Profile::HttpJwt, Profile::RestJwt] {
            assert!(
                !codes(row(&rs, p))
                    .iter()
                    .any(|c| c.ends_with("issuer_not_public")),
                "{iss} {p:?}"
            );
        }
    }
}

#[test]
fn an_issuer_mismatch_says_how_the_two_issuers_differ_for_entra_and_google() {
    use tokenlens::issuer::EntraVersion::{V1, V2};
    use IssuerDiff as D;
    let tid = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    let v1 = format!("https://sts.windows.net/{tid}/");
    let v2 = format!("https://login.microsoftonline.com/{tid}/v2.0");
    assert_eq!(
        IssuerDiff::between(&v1, &v2),
        D::EntraVersions { token: V1 }
    );
    assert_eq!(
        IssuerDiff::between(&v2, &v1),
        D::EntraVersions { token: V2 }
    );
    for template in [
        "https://login.microsoftonline.com/{tenantid}/v2.0",
        "https://login.microsoftonline.com/common/v2.0",
    ] {
        assert_eq!(IssuerDiff::between(&v2, template), D::EntraTemplate);
        // Not an Entra token: nothing Entra-specific to say.
        assert_eq!(
            IssuerDiff::between("https://tenant.eu.auth0.com/", template),
            D::Other
        );
    }
    // Another tenant is not a version question; nor are the two v1 forms of one tenant.
    let other_v2 = "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0";
    assert_eq!(IssuerDiff::between(&v1, other_v2), D::Other);
    let v1_other_form = format!("https://login.microsoftonline.com/{tid}/");
    assert_eq!(IssuerDiff::between(&v1, &v1_other_form), D::Other);
    assert_eq!(
        IssuerDiff::between("accounts.google.com", "https://accounts.google.com"),
        D::GoogleSpelling
    );
    assert_eq!(
        IssuerDiff::between("https://a.example", "https://b.example"),
        D::Other
    );
}

#[test]
fn a_kid_the_issuers_key_set_lacks_rejects_on_every_row_even_when_a_pasted_key_verifies() {
    // The gateway has only the issuer's keys: a pasted single JWK that verifies the token (a
    // single key is tried whatever its kid) does not make the issuer publish the token's key.
    let root = env!("CARGO_MANIFEST_DIR");
    let (id, _, _) = demo();
    let jwks: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/static/demo/jwks.json")).unwrap(),
    )
    .unwrap();
    let kid = match &id.parsed {
        Some(Parsed::Jws(j)) => j.header.as_ref().unwrap().kid.present().unwrap().clone(),
        _ => unreachable!(),
    };
    let single = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kid"] == kid.as_str())
        .unwrap()
        .to_string();
    let pasted =
        tokenlens::jose::jwk::parse_key_input(&single, tokenlens::jose::jwk::SecretEncoding::Text)
            .unwrap();
    let mut renamed = jwks.clone();
    for k in renamed["keys"].as_array_mut().unwrap() {
        k["kid"] = serde_json::json!(format!("other-{}", k["kid"].as_str().unwrap()));
    }
    let mut issuers = parse_jwks(renamed.to_string().as_bytes()).unwrap();
    issuers.issuers = true;
    let t = Tok {
        ver: verify_parsed(id.parsed.as_ref().unwrap(), &[&pasted, &issuers]),
        ..Tok::from_token(&id.cand.token, None)
    };
    assert_eq!(t.ver.verdict(), tokenlens::verify::Verdict::Valid);
    let demo_now = 1_768_469_400;
    let rs = judge_all(&t.facts(), &Target::default(), demo_now, 0);
    for (p, code) in [
        (Profile::RestCognito, "rest_kid_not_in_jwks"),
        (Profile::HttpJwt, "http_kid_not_in_jwks"),
        (Profile::Oidc, "oidc_kid_not_in_jwks"),
        (Profile::LambdaAjv, "ajv_kid_not_found"),
    ] {
        let r = row(&rs, p);
        assert!(codes(r).contains(&code), "{p:?}: {:?}", codes(r));
        assert!(rejected_with(r).is_some(), "{p:?}: {:?}", codes(r));
    }
}

#[test]
fn a_firebase_custom_token_is_rejected_on_every_row_and_never_chosen() {
    // G9 (FB): aud = the Identity Toolkit URL is a custom token, not an ID token: the app
    // exchanges it (signInWithCustomToken). Before, the HTTP API row read "Accepted if
    // configured: if the audience list contains https://identitytoolkit…".
    let sa = "firebase-adminsdk-x@my-proj.iam.gserviceaccount.com";
    let aud =
        "https://identitytoolkit.googleapis.com/google.identity.identitytoolkit.v1.IdentityToolkit";
    let mut custom = tok(
        r#"{"alg":"RS256","typ":"JWT"}"#,
        &format!(
            r#"{{"iss":"{sa}","sub":"{sa}","aud":"{aud}","uid":"u1","exp":{},"iat":{}}}"#,
            NOW + 600,
            NOW - 60
        ),
    );
    identified(&mut custom);
    assert_eq!(
        tokenlens::explain::answer::kind_name(&custom.kind),
        "custom token"
    );
    leads_every_jwt_row(
        &custom,
        |c| matches!(c, GatewayCode::FirebaseCustom { .. }),
        "signInWithCustomToken",
    );
    let id = tok(
        r#"{"alg":"RS256","typ":"JWT","kid":"k"}"#,
        &format!(
            r#"{{"iss":"https://securetoken.google.com/my-proj","aud":"my-proj","sub":"u1","exp":{},"iat":{}}}"#,
            NOW + 600,
            NOW - 60
        ),
    );
    let choices = choose(&[id.facts(), custom.facts()], &Target::default(), NOW, 0);
    assert!(!choices.is_empty());
    for c in &choices {
        assert_ne!(c.send, Some(1), "{:?}", c.profile);
        assert!(c
            .reasons
            .iter()
            .any(|(i, f)| *i == 1 && f.code == "choose_custom_token_never_sent"));
    }
}

#[test]
fn an_updated_issuer_access_token_is_not_promised_a_scoped_method_or_the_id_token() {
    // R16 / C1: what the REST Cognito authorizer makes of a pool's UPDATED issuer is not
    // documented, so neither a scoped method nor the ID token is promised to pass. Before: "a
    // method listing one of the token's scopes accepts it" and "Send the ID token".
    let t = tok(
        RS,
        &format!(
            r#"{{"iss":"{UPDATED_ISS}","token_use":"access","client_id":"client1","scope":"orders/read","exp":{},"iat":{}}}"#,
            NOW + 600,
            NOW - 60
        ),
    );
    let r = row(
        &judge_all(&t.facts(), &Target::default(), NOW, 0),
        Profile::RestCognito,
    )
    .clone();
    let f = r
        .findings
        .iter()
        .find(|f| f.code == "rest_access_token_on_method_without_scopes")
        .expect("R1's finding");
    let said = tokenlens::explain::profiles::message(f);
    assert!(!said.contains("accepts it"), "{said}");
    assert!(said.contains("not documented"), "{said}");
    let fix = tokenlens::explain::profiles::fix(f).expect("a fix");
    assert!(fix.contains("test against the deployed stage"), "{fix}");
    // The original issuer keeps the documented sentence.
    let plain = access("orders/read");
    let r = row(
        &judge_all(&plain.facts(), &Target::default(), NOW, 0),
        Profile::RestCognito,
    )
    .clone();
    let f = deciding(&r.findings).expect("a rejection");
    assert!(tokenlens::explain::profiles::message(f).contains("accepts it"));
}

#[test]
fn an_app_only_token_on_a_scoped_route_is_told_to_use_roles_not_to_send_a_scope() {
    // H7: an Entra app-only (client-credentials) token puts its permissions in roles, never
    // scp: "send an access token that carries one of the scopes" cannot be followed.
    let tid = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    let t = tok(
        RS,
        &format!(
            r#"{{"iss":"https://login.microsoftonline.com/{tid}/v2.0","ver":"2.0","aud":"api1","azp":"app1","roles":["Orders.Read"],"tid":"{tid}","sub":"s","exp":{},"iat":{}}}"#,
            NOW + 600,
            NOW - 60
        ),
    );
    let mut target = Target::default();
    target.http.scopes = vec!["orders/read".into()];
    target.http.scopes_said = true;
    let r = row(&judge_all(&t.facts(), &target, NOW, 0), Profile::HttpJwt).clone();
    let f = r
        .findings
        .iter()
        .find(|f| {
            matches!(
                &f.code,
                Code::Gateway(GatewayCode::ScopeClaimMissing { app_only: true, .. })
            )
        })
        .unwrap_or_else(|| panic!("{:?}", codes(&r)));
    let fix = tokenlens::explain::profiles::fix(f).expect("a fix");
    assert!(fix.contains("Lambda authorizer"), "{fix}");
    assert!(!fix.contains("Send an access token"), "{fix}");
}

#[test]
fn a_token_sent_after_bearer_is_accepted_by_the_lambda_only_if_the_function_strips_it() {
    // L1: the TOKEN authorizer's function receives the whole header value, "Bearer " included;
    // aws-jwt-verify throws JwtParseError on it. The row says so as an assumption.
    let (mut t, _, _) = demo();
    let now = tokenlens::inspect::DEMO_NOW;
    let bare = judge_all(&t.facts(), &Target::default(), now, 0);
    assert!(!codes(row(&bare, Profile::LambdaAjv)).contains(&"ajv_bearer_to_strip"));
    t.cand.cleanups = vec![tokenlens::input::Cleanup::BearerPrefix];
    t.cand.source = Source::BearerValue;
    let rs = judge_all(&t.facts(), &Target::default(), now, 0);
    let r = row(&rs, Profile::LambdaAjv);
    assert!(codes(r).contains(&"ajv_bearer_to_strip"), "{:?}", codes(r));
    let line = tokenlens::explain::profiles::verdict_line(r);
    assert!(line.contains("strips \"Bearer \""), "{line}");
}

#[test]
fn an_opaque_value_s_fix_names_auth0_s_audience() {
    // §0 / G6: a short non-JWT bearer value is typically an Auth0 access token requested
    // without an audience (for /userinfo only). Before, the row had no fix at all.
    let t = Tok::from_token("Yx3bP0qL9mW2aZ8rT5vK1nC7", None);
    let rs = judge_all(&t.facts(), &Target::default(), NOW, 0);
    for p in [Profile::HttpJwt, Profile::RestJwt, Profile::Oidc] {
        let f = deciding(&row(&rs, p).findings).expect("a rejection");
        assert!(matches!(
            &f.code,
            Code::Gateway(GatewayCode::NotAJwt {
                why: tokenlens::diagnose::profiles::NotJwt::Opaque,
                ..
            })
        ));
        let fix = tokenlens::explain::profiles::fix(f).expect("a fix");
        assert!(
            fix.contains("audience set to your API's identifier"),
            "{p:?}: {fix}"
        );
    }
}

#[test]
fn the_lambda_row_says_an_updated_issuer_or_eusc_pool_passes_only_since_aws_jwt_verify_5_2() {
    // V1: 5.1.x rejects a pool's UPDATED issuer and refuses eusc- pool ids.
    let t = updated_issuer_token();
    let r = row(
        &judge_all(&t.facts(), &Target::default(), NOW, 0),
        Profile::LambdaAjv,
    )
    .clone();
    let f = r
        .findings
        .iter()
        .find(|f| f.code == "ajv_since_5_2")
        .unwrap_or_else(|| panic!("{:?}", codes(&r)));
    assert!(tokenlens::explain::profiles::message(f).contains("5.1.x rejects it"));
    assert!(tokenlens::explain::profiles::fix(f).is_some_and(|x| x.contains("5.2.1")));
    let plain = judge_all(&id_token().facts(), &Target::default(), NOW, 0);
    assert!(!codes(row(&plain, Profile::LambdaAjv)).contains(&"ajv_since_5_2"));
}

#[test]
fn a_kid_that_is_not_a_string_is_not_called_missing() {
    // C7's distinction, on the JWT authorizers' rows too: "kid": 123 is there, but no string.
    let t = tok(
        r#"{"alg":"RS256","typ":"JWT","kid":123}"#,
        &format!(
            r#"{{"iss":"{ISS}","token_use":"id","aud":"client1","exp":{},"iat":{}}}"#,
            NOW + 600,
            NOW - 60
        ),
    );
    let rs = judge_all(&t.facts(), &Target::default(), NOW, 0);
    for p in [Profile::HttpJwt, Profile::RestJwt] {
        let r = row(&rs, p);
        let f = r
            .findings
            .iter()
            .find(|f| {
                matches!(
                    &f.code,
                    Code::Gateway(GatewayCode::KidMissing {
                        not_string: true,
                        ..
                    })
                )
            })
            .unwrap_or_else(|| panic!("{p:?}: {:?}", codes(r)));
        let said = tokenlens::explain::profiles::message(f);
        assert!(said.contains("a kid that is not a string"), "{said}");
    }
}

/// Sets `t`'s kind as the page identifies it.
fn identified(t: &mut Tok) {
    let jwe = match &t.parsed {
        Some(Parsed::Jwe(j)) => j.header.as_ref().ok(),
        _ => None,
    };
    let f = t.facts();
    t.kind = tokenlens::diagnose::identity::identify(f.header, f.claims, jwe).kind;
}

/// `t` is rejected on every JWT-reading row, `root` deciding, with a fix that says `fix_says`.
fn leads_every_jwt_row(t: &Tok, root: fn(&GatewayCode) -> bool, fix_says: &str) {
    let rs = judge_all(&t.facts(), &Target::default(), NOW, 0);
    for p in [
        Profile::RestCognito,
        Profile::RestJwt,
        Profile::HttpJwt,
        Profile::Oidc,
    ] {
        let r = row(&rs, p);
        assert!(
            matches!(r.verdict, ProfileVerdict::Reject { .. }),
            "{p:?}: {:?}",
            codes(r)
        );
        assert!(deciding_code(r).is_some_and(root), "{p:?}: {:?}", codes(r));
        let fix = tokenlens::explain::profiles::fix(deciding(&r.findings).unwrap());
        assert!(fix.is_some_and(|f| f.contains(fix_says)), "{p:?}");
    }
}

#[test]
fn a_rest_jwt_authorizer_matching_client_id_without_aud_is_an_assumption() {
    // H5's "client_id when aud is absent" is documented for HTTP APIs; §2b says only
    // "audiences per issuer" for the REST JWT authorizer, and no source recorded says it
    // matches client_id: an assumption, said as one, never a finding worded as reported.
    let t = access("orders/read");
    let mut target = Target::default();
    target.rest_jwt.issuer = Some(ISS.into());
    target.rest_jwt.audiences = vec!["client1".into()];
    target.http.issuer = Some(ISS.into());
    target.http.audiences = vec!["client1".into()];
    let rs = judge_all(&t.facts(), &target, NOW, 0);
    let rest = row(&rs, Profile::RestJwt);
    assert!(
        codes(rest).contains(&"rest_jwt_client_id_undocumented"),
        "{:?}",
        codes(rest)
    );
    let f = rest
        .findings
        .iter()
        .find(|f| f.code == "rest_jwt_client_id_undocumented")
        .unwrap();
    assert_eq!(effect(&f.code), Effect::Assumes);
    assert_eq!(f.status, tokenlens::diagnose::finding::Status::Confirmed);
    let said = tokenlens::explain::profiles::message(f);
    assert!(
        said.contains("assumed") && !said.contains("report") && !said.contains("likely"),
        "{said}"
    );
    assert!(!codes(row(&rs, Profile::HttpJwt)).contains(&"rest_jwt_client_id_undocumented"));
}

#[test]
fn an_audience_list_of_a_star_is_told_it_is_no_wildcard() {
    // H16: the HTTP API's audience is mandatory and has no wildcard or "any client" setting.
    let t = id_token();
    let mut target = Target::default();
    target.http.audiences = vec!["*".into()];
    let r = row(&judge_all(&t.facts(), &target, NOW, 0), Profile::HttpJwt).clone();
    let f = r
        .findings
        .iter()
        .find(|f| matches!(&f.code, Code::Gateway(GatewayCode::AudienceMismatch { .. })))
        .unwrap_or_else(|| panic!("{:?}", codes(&r)));
    assert!(tokenlens::explain::profiles::message(f).contains("is no wildcard"));
}

#[test]
fn an_hmac_token_from_a_public_key_issuer_is_called_forged_on_every_row() {
    // G10 (RFC 8725): HS* from an issuer that publishes public keys is forged or a test token;
    // before, the REST Cognito row said only "the signature does not match".
    let mut t = tok(
        r#"{"alg":"HS256","typ":"JWT","kid":"pool-rs1"}"#,
        &format!(
            r#"{{"iss":"{ISS}","token_use":"id","aud":"client1","cognito:username":"ada","exp":{},"iat":{}}}"#,
            NOW + 600,
            NOW - 60
        ),
    );
    identified(&mut t);
    leads_every_jwt_row(
        &t,
        |c| matches!(c, GatewayCode::SharedSecretAlg { alg, .. } if alg == "HS256"),
        "RS256",
    );
}

#[test]
fn a_key_set_over_150000_bytes_fails_the_http_api() {
    // H3: the HTTP API's JWT authorizer reads at most 150,000 bytes of the issuer's key set.
    let root = env!("CARGO_MANIFEST_DIR");
    let (id, _, _) = demo();
    let text = std::fs::read_to_string(format!("{root}/static/demo/jwks.json")).unwrap();
    let padded = format!("{}{}", text, " ".repeat(150_001));
    let now = tokenlens::inspect::DEMO_NOW;
    let verdict = |issuers: bool| {
        let mut keys = parse_jwks(padded.as_bytes()).unwrap();
        assert_eq!(keys.bytes, padded.len());
        keys.issuers = issuers;
        let t = Tok::from_token(&id.cand.token, Some(&keys));
        let rs = judge_all(&t.facts(), &Target::default(), now, 0);
        let r = row(&rs, Profile::HttpJwt).clone();
        assert!(
            codes(&r).contains(&"http_key_set_too_large"),
            "{:?}",
            codes(&r)
        );
        // Only the HTTP API reads so little.
        assert!(!codes(row(&rs, Profile::RestJwt)).contains(&"http_key_set_too_large"));
        r.verdict
    };
    assert!(matches!(
        verdict(true),
        ProfileVerdict::Reject {
            status: 401,
            certain: true,
            ..
        }
    ));
    assert!(matches!(
        verdict(false),
        ProfileVerdict::Reject {
            status: 401,
            certain: false,
            ..
        }
    ));
    // The demo's own key set, as it is, is small.
    let small = Tok::from_token(&id.cand.token, Some(&parse_jwks(text.as_bytes()).unwrap()));
    let rs = judge_all(&small.facts(), &Target::default(), now, 0);
    assert!(!codes(row(&rs, Profile::HttpJwt)).contains(&"http_key_set_too_large"));
}

#[test]
fn a_keycloak_id_token_is_sent_only_when_nothing_else_would_do_and_its_row_says_why_it_passes() {
    // H8: without route scopes any valid JWT with a listed audience is accepted, ID tokens
    // included, and AWS recommends access tokens. Keycloak marks them by payload typ (§0).
    let kc = "https://kc.example.com/realms/shop";
    let token = |typ: &str, aud: &str| {
        let mut t = tok(
            RS,
            &format!(
                r#"{{"iss":"{kc}","typ":"{typ}","aud":"{aud}","azp":"web","exp":{},"iat":{}}}"#,
                NOW + 300,
                NOW - 10
            ),
        );
        identified(&mut t);
        t
    };
    // The ID token first, as a token response may list it.
    let (id, access) = (token("ID", "web"), token("Bearer", "account"));
    let send = |audiences: &[&str]| {
        let mut target = Target::default();
        target.http.issuer = Some(kc.into());
        target.http.audiences = audiences.iter().map(|a| a.to_string()).collect();
        let choices = choose(&[id.facts(), access.facts()], &target, NOW, 0);
        let http = choices.iter().find(|c| c.profile == Profile::HttpJwt);
        (http.and_then(|c| c.send), target)
    };
    // Both listed: the access token, wherever it stands.
    assert_eq!(send(&["web", "account"]).0, Some(1));
    // Only the client listed: the ID token is the one that passes, and its row says why.
    let (chosen, target) = send(&["web"]);
    assert_eq!(chosen, Some(0));
    let rs = judge_all(&id.facts(), &target, NOW, 0);
    assert!(
        codes(row(&rs, Profile::HttpJwt)).contains(&"http_id_token_accepted_without_route_scopes"),
        "{:?}",
        codes(row(&rs, Profile::HttpJwt))
    );
    let rs = judge_all(&access.facts(), &target, NOW, 0);
    assert!(
        !codes(row(&rs, Profile::HttpJwt)).contains(&"http_id_token_accepted_without_route_scopes")
    );
}

#[test]
fn a_token_found_in_a_cookie_query_or_other_header_is_accepted_only_if_sent_where_the_authorizer_reads(
) {
    // R15: the Cognito authorizer reads one configured header (Authorization by default), never
    // a cookie or the query; R8: a request without it gets 401.
    let (mut id, _, _) = demo();
    for (source, says) in [
        (
            Source::Cookie {
                name: "idToken".into(),
            },
            "in cookie idToken",
        ),
        (
            Source::UrlParam {
                name: "access_token".into(),
                in_fragment: false,
            },
            "query",
        ),
        (
            Source::Header {
                name: "X-Auth-Token".into(),
                in_curl: false,
            },
            "X-Auth-Token header",
        ),
    ] {
        id.cand.source = source;
        let rs = judge_all(&id.facts(), &Target::default(), NOW, 0);
        let r = row(&rs, Profile::RestCognito);
        assert!(
            matches!(r.verdict, ProfileVerdict::Accept),
            "{:?}",
            codes(r)
        );
        assert!(
            assumptions(&r.findings).any(|f| f.code == "rest_token_not_from_header"),
            "{:?}",
            codes(r)
        );
        let line = tokenlens::explain::profiles::verdict_line(r);
        assert!(line.contains(says), "{line}");
    }
    // Without keys the row cannot tell, and still says where the token must travel.
    let mut unchecked = id_token();
    unchecked.cand.source = Source::Cookie {
        name: "idToken".into(),
    };
    let rs = judge_all(&unchecked.facts(), &Target::default(), NOW, 0);
    let r = row(&rs, Profile::RestCognito);
    assert!(
        matches!(r.verdict, ProfileVerdict::CannotTell { .. }),
        "{:?}",
        codes(r)
    );
    let line = tokenlens::explain::profiles::verdict_line(r);
    assert!(
        line.contains("read only if it is sent in the authorizer's header"),
        "{line}"
    );
    // In the Authorization header, nothing to assume.
    id.cand.source = Source::AuthorizationHeader {
        scheme: "Bearer".into(),
    };
    let rs = judge_all(&id.facts(), &Target::default(), NOW, 0);
    assert!(!codes(row(&rs, Profile::RestCognito)).contains(&"rest_token_not_from_header"));
}

#[test]
fn a_cognito_login_domain_typed_as_the_issuer_is_named_and_the_fix_gives_the_pools_issuer() {
    // §5.2: the managed-login domain is not an issuer; H4: the issuer is matched exactly.
    let t = access("orders/read");
    let mut target = Target::default();
    target.http.issuer = Some("https://myapp.auth.eu-west-1.amazoncognito.com".into());
    target.http.audiences = vec!["client1".into()];
    let rs = judge_all(&t.facts(), &target, NOW, 0);
    let r = row(&rs, Profile::HttpJwt);
    let f = r
        .findings
        .iter()
        .find(|f| {
            matches!(
                &f.code,
                Code::Gateway(GatewayCode::IssuerMismatch {
                    diff: IssuerDiff::CognitoDomain,
                    ..
                })
            )
        })
        .unwrap_or_else(|| panic!("{:?}", codes(r)));
    let fix = tokenlens::explain::profiles::fix(f).unwrap_or_default();
    assert!(!fix.contains("Send a token from"), "{fix}");
    assert!(fix.contains(ISS), "{fix}");
    // Any other issuer keeps the general reading.
    assert_eq!(
        IssuerDiff::between(ISS, "https://login.example.com/"),
        IssuerDiff::Other
    );
}

#[test]
fn the_rest_authorizer_s_pool_field_takes_a_list_of_pools() {
    // R5: a Cognito authorizer may list several user pools; the token's must be one of them.
    let (id, _, _) = demo();
    let judge = |text: &'static str| {
        let (target, notes) = Target::from_fields(|f| (f == Field::RestPools).then_some(text));
        let r = row(
            &judge_all(&id.facts(), &target, NOW, 0),
            Profile::RestCognito,
        )
        .clone();
        (target, notes, r)
    };
    for text in [
        "eu-west-1_Other777, eu-west-1_tokenLens",
        "eu-west-1_Other777 arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_tokenLens",
        "[\"eu-west-1_tokenLens\", \"eu-west-1_Other777\"]",
    ] {
        let (target, _, r) = judge(text);
        assert_eq!(target.rest.pool_ids.len(), 2, "{text}");
        assert!(
            matches!(r.verdict, ProfileVerdict::Accept),
            "{text}: {:?}",
            codes(&r)
        );
    }
    let (_, _, r) = judge("eu-west-1_Other777, us-east-1_Another1");
    assert!(
        gateway_codes(&r)
            .iter()
            .any(|c| matches!(c, GatewayCode::PoolNotConfigured { .. })),
        "{:?}",
        codes(&r)
    );
    // What cannot be read in a list is noted and dropped; the rest still judge.
    let (target, notes, r) = judge("eu-west-1_tokenLens, my-old-pool");
    assert_eq!(target.rest.pool_ids, ["eu-west-1_tokenLens"]);
    assert!(notes.iter().any(|(f, n)| *f == Field::RestPools
        && n.ignored
            .contains(&Ignored::Invalid("my-old-pool".to_owned()))));
    assert!(
        matches!(r.verdict, ProfileVerdict::Accept),
        "{:?}",
        codes(&r)
    );
}

#[test]
fn an_http_api_audience_list_over_its_quota_of_50_is_noted_beside_the_field() {
    // H5 / HTTP-QUOTAS: at most 50 audiences; every value is still judged.
    let many: String = (0..51).map(|i| format!("client{i},")).collect();
    let text: &'static str = Box::leak(many.into_boxed_str());
    let (target, notes) = Target::from_fields(|f| (f == Field::HttpAudiences).then_some(text));
    assert_eq!(target.http.audiences.len(), 51);
    assert!(notes.iter().any(|(f, r)| *f == Field::HttpAudiences
        && r.ignored.contains(&Ignored::OverLimit {
            count: 51,
            limit: 50
        })));
    let (_, notes) = Target::from_fields(|f| (f == Field::HttpAudiences).then_some("a, b"));
    assert!(notes.iter().all(|(_, r)| !r
        .ignored
        .iter()
        .any(|i| matches!(i, Ignored::OverLimit { .. }))));
}

#[test]
fn a_route_or_method_scope_typed_without_its_resource_server_prefix_gets_the_full_name_as_fix() {
    // COG-RS: custom scopes are {resource server id}/{scope}; H7 / R3 still reject.
    let t = access("https://api.example.com/orders.read");
    let mut target = Target::default();
    target.http.issuer = Some(ISS.into());
    target.http.audiences = vec!["client1".into()];
    target.http.scopes = vec!["orders.read".into()];
    target.rest.scopes = vec!["orders.read".into()];
    target.rest.scopes_said = true;
    let rs = judge_all(&t.facts(), &target, NOW, 0);
    for p in [Profile::HttpJwt, Profile::RestCognito] {
        let r = row(&rs, p);
        assert!(rejected_with(r).is_some(), "{p:?}: {:?}", codes(r));
        let fix = tokenlens::explain::profiles::fix(deciding(&r.findings).unwrap()).unwrap();
        assert!(
            fix.contains("likely https://api.example.com/orders.read, not orders.read"),
            "{p:?}: {fix}"
        );
    }
    // A scope that is merely different keeps the general fix.
    let other = access("https://api.example.com/orders.write");
    let rs = judge_all(&other.facts(), &target, NOW, 0);
    let fix =
        tokenlens::explain::profiles::fix(deciding(&row(&rs, Profile::HttpJwt).findings).unwrap())
            .unwrap();
    assert!(!fix.contains("Write it in full"), "{fix}");
}

#[test]
fn a_pool_named_by_a_stage_variable_is_the_condition_not_an_unreadable_value() {
    // R17: the provider ARN may name its pool through ${stageVariables.…}; the pool then
    // depends on the stage, and the failure status is not documented (no status asserted).
    let (id, _, _) = demo();
    let text = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/${stageVariables.MyUserPool}";
    let (target, notes) = Target::from_fields(|f| (f == Field::RestPools).then_some(text));
    assert!(notes.iter().any(|(f, r)| *f == Field::RestPools
        && r.ignored
            .contains(&Ignored::StageVariable("MyUserPool".to_owned()))));
    let r = row(
        &judge_all(&id.facts(), &target, NOW, 0),
        Profile::RestCognito,
    )
    .clone();
    assert!(
        matches!(r.verdict, ProfileVerdict::Accept),
        "{:?}",
        codes(&r)
    );
    assert!(assumptions(&r.findings).any(|f| f.code == "rest_pool_from_stage_variable"));
    let line = tokenlens::explain::profiles::verdict_line(&r);
    assert!(
        line.contains("stage variable MyUserPool is eu-west-1_tokenLens"),
        "{line}"
    );
    // Beside a listed pool that is the token's, nothing to assume.
    let both = "eu-west-1_tokenLens, arn:aws:cognito-idp:eu-west-1:1:userpool/${stageVariables.P}";
    let (target, _) = Target::from_fields(|f| (f == Field::RestPools).then_some(both));
    let r = row(
        &judge_all(&id.facts(), &target, NOW, 0),
        Profile::RestCognito,
    )
    .clone();
    assert!(
        !codes(&r).contains(&"rest_pool_from_stage_variable"),
        "{:?}",
        codes(&r)
    );
}

#[test]
fn an_issuer_that_differs_only_by_a_slash_or_scheme_is_fixed_in_the_configuration() {
    // H4: compared exactly; the token's issuer is what the provider issues (G6: Auth0 ends it
    // in a slash), so the configuration is what changes. §2b: a REST JWT issuer must be https.
    let auth0 = "https://acme.eu.auth0.com/";
    let t = live(&format!(r#""iss":"{auth0}","aud":"https://api.acme.com""#));
    let fix_of = |r: &ProfileResult, code: &str| {
        let f = r.findings.iter().find(|f| f.code == code);
        f.and_then(tokenlens::explain::profiles::fix)
            .unwrap_or_else(|| panic!("{code}: {:?}", codes(r)))
    };
    let mut target = Target::default();
    target.http.issuer = Some("https://acme.eu.auth0.com".into());
    target.http.audiences = vec!["https://api.acme.com".into()];
    let rs = judge_all(&t.facts(), &target, NOW, 0);
    let fix = fix_of(row(&rs, Profile::HttpJwt), "http_issuer_mismatch");
    assert!(!fix.contains("Send a token from"), "{fix}");
    assert!(
        fix.contains(&format!("as the token has it: {auth0}")),
        "{fix}"
    );
    // An http:// issuer typed for the REST JWT authorizer: the typed value is at fault.
    let mut target = Target::default();
    target.rest_jwt.issuer = Some("http://acme.eu.auth0.com/".into());
    target.rest_jwt.audiences = vec!["https://api.acme.com".into()];
    let rs = judge_all(&t.facts(), &target, NOW, 0);
    let r = row(&rs, Profile::RestJwt);
    assert!(gateway_codes(r).iter().any(|c| matches!(
        c,
        GatewayCode::IssuerNotPublic { fits: Some(iss), .. } if iss == auth0
    )));
    let fix = fix_of(r, "rest_jwt_issuer_mismatch");
    assert!(
        fix.contains(&format!("as the token has it: {auth0}")),
        "{fix}"
    );
    let fix = fix_of(r, "rest_jwt_issuer_not_public");
    assert!(
        fix.contains(&format!("the token's own, {auth0}, exactly")),
        "{fix}"
    );
    // A token whose own issuer is http:// stays the token's problem.
    let http_iss = live(r#""iss":"http://idp.example.com","aud":"a""#);
    let rs = judge_all(&http_iss.facts(), &Target::default(), NOW, 0);
    assert!(gateway_codes(row(&rs, Profile::RestJwt))
        .iter()
        .any(|c| matches!(c, GatewayCode::IssuerNotPublic { fits: None, .. })));
}

#[test]
fn a_token_of_the_wrong_kind_gets_no_fix_that_reconfigures_the_authorizer_for_it() {
    // G1 / G9: a Microsoft Graph token or a Firebase custom token is the wrong token; widening
    // the audience list or trusting its issuer would accept what no API should.
    let mut graph = live(
        r#""iss":"https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/","aud":"00000003-0000-0000-c000-000000000000","ver":"1.0","tid":"72f988bf-86f1-41af-91ab-2d7cd011db47""#,
    );
    identified(&mut graph);
    assert_eq!(graph.kind, TokenKind::EntraMicrosoftApi);
    let mut target = Target::default();
    target.http.audiences = vec!["api://orders".into()];
    target.http.issuer = Some("https://login.example.com/".into());
    target.oidc.audiences = vec!["api://orders".into()];
    target.oidc.issuer = Some("https://login.example.com/".into());
    let rs = judge_all(&graph.facts(), &target, NOW, 0);
    for p in [Profile::HttpJwt, Profile::Oidc] {
        let r = row(&rs, p);
        assert!(rejected_with(r).is_some(), "{p:?}");
        assert!(
            !gateway_codes(r).iter().any(|c| matches!(
                c,
                GatewayCode::AudienceMismatch { .. } | GatewayCode::IssuerMismatch { .. }
            )),
            "{p:?}: {:?}",
            codes(r)
        );
    }
}

#[test]
fn a_resource_server_s_missing_scope_cites_rfc_6750() {
    // RFC 6750 §3.1 (insufficient_scope), not RFC 8725 (JWT best practices).
    let t = access("orders/read");
    let mut target = Target::default();
    target.oidc.scopes = vec!["orders/write".into()];
    let rs = judge_all(&t.facts(), &target, NOW, 0);
    let f = row(&rs, Profile::Oidc)
        .findings
        .iter()
        .find(|f| f.code == "oidc_scope_missing")
        .expect("a scope miss");
    assert_eq!(f.sources, ["RFC6750"]);
}

#[test]
fn an_entra_token_from_another_tenant_is_told_one_issuer_per_tenant() {
    // G4: exact-match authorizers take one issuer per tenant.
    let v2 = |tid: &str| format!("https://login.microsoftonline.com/{tid}/v2.0");
    let (mine, theirs) = (
        v2("72f988bf-86f1-41af-91ab-2d7cd011db47"),
        v2("a1b2c3d4-0000-1111-2222-333344445555"),
    );
    assert_eq!(IssuerDiff::between(&theirs, &mine), IssuerDiff::EntraTenant);
    let t = live(&format!(r#""iss":"{theirs}","aud":"api","ver":"2.0""#));
    let mut target = Target::default();
    target.http.issuer = Some(mine);
    target.http.audiences = vec!["api".into()];
    let rs = judge_all(&t.facts(), &target, NOW, 0);
    let r = row(&rs, Profile::HttpJwt);
    let fix = tokenlens::explain::profiles::fix(deciding(&r.findings).unwrap()).unwrap();
    assert!(fix.contains("one issuer per tenant"), "{fix}");
    assert!(!fix.contains("Send a token from"), "{fix}");
}

#[test]
fn google_s_bare_issuer_on_the_rest_jwt_authorizer_points_at_its_https_spelling() {
    // §2b: the REST JWT issuer must be https; G8: Google issues both spellings.
    let t = live(r#""iss":"accounts.google.com","aud":"123-web.apps.googleusercontent.com""#);
    let rs = judge_all(&t.facts(), &Target::default(), NOW, 0);
    let r = row(&rs, Profile::RestJwt);
    let f = r
        .findings
        .iter()
        .find(|f| f.code == "rest_jwt_issuer_not_public")
        .unwrap_or_else(|| panic!("{:?}", codes(r)));
    let fix = tokenlens::explain::profiles::fix(f).unwrap();
    assert!(fix.contains("https://accounts.google.com"), "{fix}");
}

#[test]
fn the_rest_jwt_authorizer_trusts_every_issuer_listed() {
    // §2b: a REST JWT authorizer may trust several issuers, each compared exactly (H4).
    let (a, b) = ("https://a.example.com/", "https://b.example.com/");
    let text: &'static str = "https://a.example.com/, https://b.example.com/ not a url";
    let (target, notes) = Target::from_fields(|f| match f {
        Field::RestJwtIssuer => Some(text),
        Field::RestJwtAudiences => Some("api"),
        _ => None,
    });
    assert_eq!(target.rest_jwt.issuer.as_deref(), Some(a));
    assert_eq!(target.rest_jwt.more_issuers, [b]);
    assert!(notes.iter().any(|(f, r)| *f == Field::RestJwtIssuer
        && r.ignored.contains(&Ignored::Invalid("not".to_owned()))));
    let judged = |iss: &str| {
        let t = live(&format!(r#""iss":"{iss}","aud":"api""#));
        let rs = judge_all(&t.facts(), &target, NOW, 0);
        codes(row(&rs, Profile::RestJwt))
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert!(!judged(b).contains(&"rest_jwt_issuer_mismatch".to_owned()));
    assert!(judged("https://c.example.com/").contains(&"rest_jwt_issuer_mismatch".to_owned()));
    // The one it differs from least is named: b without its slash.
    let t = live(r#""iss":"https://b.example.com","aud":"api""#);
    let rs = judge_all(&t.facts(), &target, NOW, 0);
    assert!(gateway_codes(row(&rs, Profile::RestJwt)).iter().any(|c| matches!(
        c,
        GatewayCode::IssuerMismatch { expected, diff: IssuerDiff::TrailingSlash, .. } if expected == b
    )));
}
