//! The Lambda-authorizer profile (aws-jwt-verify 5.2.1, knowledge §3, §6, C6, C7): the first
//! error the library throws decides the row, later failures are not reached, and the status
//! follows the API type. Asserts typed codes, never prose.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use tokenlens::diagnose::claims::TokenUse;
use tokenlens::diagnose::config::{LambdaApi, Target};
use tokenlens::diagnose::finding::{Code, Finding};
use tokenlens::diagnose::identity::TokenKind;
use tokenlens::diagnose::profiles::lambda_ajv::{
    AjvCode, AjvError, ClientClaim, Mismatch, ParseProblem,
};
use tokenlens::diagnose::profiles::{
    deciding, judge, Need, Profile, ProfileResult, ProfileVerdict, TokenFacts, FORBIDDEN,
    UNAUTHORIZED,
};
use tokenlens::explain::ajv::error_class;
use tokenlens::input::{Candidate, Shape, Source};
use tokenlens::jose::jwk::{parse_jwks, KeyFormat, KeyKind, KeySource};
use tokenlens::jose::{parse_unverified, Parsed};
use tokenlens::verify::{self, Decision, KeyRef, Verification};

const NOW: i64 = 1_768_468_000;
const POOL: &str = "eu-west-1_tokenLens";
const ISS: &str = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_tokenLens";
const UPDATED: &str = "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_tokenLens";
const OTHER: &str = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_otherPool";
const RS: &str = r#"{"alg":"RS256","kid":"k1"}"#;

/// What the issuer's keys said about the signature.
#[derive(Clone, Copy)]
enum Sig {
    /// The JWK with the token's kid verifies it.
    Accepted,
    /// The JWK with the token's kid does not.
    Rejected,
    /// No keys were given.
    NoKeys,
    /// The JWKS has no key with the token's kid.
    KidNotFound,
}

fn verification(kid: Option<&str>, sig: Sig) -> Verification {
    let key = KeyRef {
        set: 0,
        index: 0,
        kid: kid.map(str::to_owned),
        source: KeySource::JwksEntry { index: 0 },
        format: KeyFormat::Jwk,
        kind: KeyKind::Rsa { bits: 2048 },
    };
    let candidate = |decision| verify::Candidate {
        key: key.clone(),
        decision,
    };
    let mut v = Verification {
        kid: kid.map(str::to_owned),
        ..Verification::default()
    };
    match sig {
        Sig::Accepted => v.candidates.push(candidate(Decision::Verified)),
        Sig::Rejected => v.candidates.push(candidate(Decision::Mismatch)),
        Sig::NoKeys => v.findings.push(verify::Finding::NoKeys { problems: 0 }),
        Sig::KidNotFound => v.findings.push(verify::Finding::KidNotFound {
            kid: kid.unwrap_or_default().to_owned(),
            available: vec!["other".to_owned()],
            broken_entries: vec![],
            // The library's own fetch of the pool's keys lacks it.
            keys: verify::KidMissFrom::Issuer,
        }),
    }
    v
}

fn b64(s: &str) -> String {
    URL_SAFE_NO_PAD.encode(s.as_bytes())
}

/// Judges `header.payload.sig` under the Lambda profile with `target`.
fn row_for(token: &str, ver: &Verification, target: &Target, now: i64) -> ProfileResult {
    row_of_kind(token, ver, target, now, &TokenKind::Unknown)
}

fn row_of_kind(
    token: &str,
    ver: &Verification,
    target: &Target,
    now: i64,
    kind: &TokenKind,
) -> ProfileResult {
    let parsed = parse_unverified(token).ok();
    let shape = match &parsed {
        Some(Parsed::Jws(_)) => Shape::Jws,
        Some(Parsed::Jwe(_)) => Shape::Jwe,
        None => Shape::Opaque,
    };
    let (header, claims) = match &parsed {
        Some(Parsed::Jws(j)) => (j.header.as_ref().ok(), j.claims()),
        _ => (None, None),
    };
    let cand = Candidate {
        token: token.to_owned(),
        shape,
        source: Source::Bare,
        cleanups: vec![],
    };
    let facts = TokenFacts {
        candidate: &cand,
        header,
        claims,
        verification: ver,
        kind,
    };
    judge(Profile::LambdaAjv, &facts, target, now, 0)
}

fn row(header: &str, payload: &str, sig: Sig, target: &Target) -> ProfileResult {
    let kid = serde_json::from_str::<serde_json::Value>(header)
        .ok()
        .and_then(|h| h.get("kid").and_then(|k| k.as_str()).map(str::to_owned));
    let token = format!("{}.{}.{}", b64(header), b64(payload), b64("sig"));
    row_for(&token, &verification(kid.as_deref(), sig), target, NOW)
}

fn target(f: impl FnOnce(&mut tokenlens::diagnose::config::LambdaAjv)) -> Target {
    let mut t = Target::default();
    t.lambda.pool_id = Some(POOL.to_owned());
    t.lambda.token_use = Some(TokenUse::Id);
    t.lambda.client_ids = vec!["client1".to_owned()];
    f(&mut t.lambda);
    t
}

fn id_claims(extra: &str) -> String {
    format!(
        r#"{{"iss":"{ISS}","token_use":"id","aud":"client1","cognito:groups":["readers"],"exp":{},"iat":{}{extra}}}"#,
        NOW + 600,
        NOW - 60
    )
}

fn ajv(f: &Finding) -> &AjvCode {
    match &f.code {
        Code::Ajv(c) => c,
        other => panic!("not an aws-jwt-verify code: {other}"),
    }
}

/// The error the library throws first, if any.
fn thrown(r: &ProfileResult) -> Option<&AjvError> {
    deciding(&r.findings).and_then(|f| match ajv(f) {
        AjvCode::Throws { error, .. } => Some(error),
        _ => None,
    })
}

fn not_reached(r: &ProfileResult) -> Vec<&AjvError> {
    r.findings
        .iter()
        .filter_map(|f| match ajv(f) {
            AjvCode::NotReached { error } => Some(error),
            _ => None,
        })
        .collect()
}

/// `case!(name, header, payload, sig, target, pattern)`: the first error thrown matches.
macro_rules! throws {
    ($name:ident, $header:expr, $payload:expr, $sig:expr, $target:expr, $pat:pat) => {
        #[test]
        fn $name() {
            let r = row($header, &$payload, $sig, &$target);
            let e = thrown(&r);
            assert!(matches!(e, Some($pat)), "{e:?} in {:?}", r.findings);
        }
    };
}

throws!(
    a_non_string_kid_number_is_a_parse_error_not_a_missing_kid,
    r#"{"alg":"RS256","kid":42}"#,
    id_claims(""),
    Sig::NoKeys,
    target(|_| {}),
    AjvError::Parse(ParseProblem::HeaderMember { name: "kid", .. })
);
throws!(
    a_non_string_kid_object_is_a_parse_error,
    r#"{"alg":"RS256","kid":{"a":1}}"#,
    id_claims(""),
    Sig::NoKeys,
    target(|_| {}),
    AjvError::Parse(ParseProblem::HeaderMember { name: "kid", .. })
);
throws!(
    an_iss_that_is_not_a_string_is_a_parse_error,
    RS,
    r#"{"iss":5,"token_use":"id"}"#,
    Sig::Accepted,
    target(|_| {}),
    AjvError::Parse(ParseProblem::PayloadMember { name: "iss", .. })
);
throws!(
    an_array_aud_on_an_id_token_is_a_client_id_error_even_holding_the_client,
    RS,
    id_claims("").replace(r#""aud":"client1""#, r#""aud":["client1"]"#),
    Sig::Accepted,
    target(|_| {}),
    AjvError::ClientId {
        claim: ClientClaim::Aud,
        found: Mismatch::NotString(_),
        ..
    }
);
throws!(
    a_string_cognito_groups_is_one_group_never_split,
    RS,
    id_claims("").replace(r#"["readers"]"#, r#""admins readers""#),
    Sig::Accepted,
    target(|l| l.groups = vec!["readers".into()]),
    AjvError::Group {
        found: Mismatch::NotAllowed(_),
        ..
    }
);
throws!(
    a_token_from_another_pool_fails_the_issuer_lookup_whatever_its_signature_and_expiry,
    RS,
    id_claims("")
        .replace(ISS, OTHER)
        .replace(&format!("\"exp\":{}", NOW + 600), "\"exp\":5"),
    Sig::Rejected,
    target(|_| {}),
    AjvError::IssuerNotConfigured {
        configured: Some(_),
        ..
    }
);
throws!(
    a_token_without_iss_fails_the_issuer_lookup_first,
    RS,
    id_claims("").replace(&format!(r#""iss":"{ISS}","#), ""),
    Sig::Rejected,
    target(|_| {}),
    AjvError::IssuerMissing
);
throws!(
    an_expired_token_with_a_bad_signature_reports_the_signature,
    RS,
    id_claims("").replace(&format!("\"exp\":{}", NOW + 600), "\"exp\":5"),
    Sig::Rejected,
    target(|_| {}),
    AjvError::InvalidSignature
);
throws!(
    a_negative_exp_is_expired_not_a_parse_error,
    RS,
    id_claims("").replace(&format!("\"exp\":{}", NOW + 600), "\"exp\":-5"),
    Sig::Accepted,
    target(|_| {}),
    AjvError::Expired { exp: -5, .. }
);
throws!(
    a_scope_separated_by_a_tab_is_one_scope,
    RS,
    format!(
        r#"{{"iss":"{ISS}","token_use":"access","client_id":"client1","scope":"orders/read\taws.cognito.signin.user.admin"}}"#
    ),
    Sig::Accepted,
    target(|l| {
        l.token_use = Some(TokenUse::Access);
        l.scopes = vec!["orders/read".into()];
    }),
    AjvError::Scope {
        found: Mismatch::NotAllowed(_),
        ..
    }
);
throws!(
    a_missing_kid_is_jwt_without_valid_kid,
    r#"{"alg":"RS256"}"#,
    id_claims(""),
    Sig::NoKeys,
    target(|_| {}),
    AjvError::NoKid
);
throws!(
    an_unknown_kid_is_kid_not_found,
    RS,
    id_claims(""),
    Sig::KidNotFound,
    target(|_| {}),
    AjvError::KidNotFound { .. }
);
throws!(
    alg_none_is_rejected_even_without_keys,
    r#"{"alg":"none","kid":"k1"}"#,
    id_claims(""),
    Sig::NoKeys,
    target(|_| {}),
    AjvError::AlgNotAllowed {
        kid_checked: false,
        ..
    }
);
throws!(
    a_refresh_token_use_fails_even_with_token_use_null,
    RS,
    id_claims("").replace(r#""token_use":"id""#, r#""token_use":"refresh""#),
    Sig::Accepted,
    target(|l| l.token_use = None),
    AjvError::TokenUse {
        found: Mismatch::NotAllowed(_),
        ..
    }
);
throws!(
    a_wrong_group_is_reported_before_a_wrong_token_use,
    RS,
    id_claims(""),
    Sig::Accepted,
    target(|l| {
        l.token_use = Some(TokenUse::Access);
        l.groups = vec!["admins".into()];
    }),
    AjvError::Group { .. }
);
throws!(
    an_invalid_pool_id_throws_in_create_before_the_token_is_read,
    RS,
    format!("{{not json, at {NOW}"),
    Sig::NoKeys,
    target(|l| l.pool_id = Some("eu-west-1-AbC".into())),
    AjvError::InvalidPoolId { .. }
);

#[test]
fn tokens_the_library_accepts_are_accepted() {
    let cases: Vec<(&str, String, Target)> = vec![
        ("plain ID token", id_claims(""), target(|_| {})),
        (
            "UPDATED issuer of the configured pool",
            id_claims("").replace(ISS, UPDATED),
            target(|_| {}),
        ),
        (
            "auth_time is not type-checked",
            id_claims(r#","auth_time":"yesterday""#),
            target(|_| {}),
        ),
        (
            "negative nbf and iat are numbers",
            id_claims(r#","nbf":-5"#).replace(&format!("\"iat\":{}", NOW - 60), "\"iat\":-5"),
            target(|_| {}),
        ),
        (
            "string cognito:groups equal to one wanted group",
            id_claims("").replace(r#"["readers"]"#, r#""admins readers""#),
            target(|l| l.groups = vec!["admins readers".into()]),
        ),
        (
            "array aud with clientId null",
            id_claims("").replace(r#""aud":"client1""#, r#""aud":["client1","x"]"#),
            target(|l| l.client_ids.clear()),
        ),
        (
            "eusc- pool id with its own issuer",
            id_claims("").replace(
                ISS,
                "https://cognito-idp.eusc-de-east-1.amazonaws.com/eusc-de-east-1_tokenLens",
            ),
            target(|l| l.pool_id = Some("eusc-de-east-1_tokenLens".into())),
        ),
    ];
    for (name, payload, t) in cases {
        let r = row(RS, &payload, Sig::Accepted, &t);
        assert_eq!(
            r.verdict,
            ProfileVerdict::Accept,
            "{name}: {:?}",
            r.findings
        );
    }
}

#[test]
fn an_acceptance_with_nothing_said_of_the_pool_or_client_id_is_only_if_configured() {
    let assumed = |r: &ProfileResult| -> Vec<&str> {
        tokenlens::diagnose::profiles::assumptions(&r.findings)
            .map(|f| f.code.as_str())
            .collect()
    };
    // Everything configured: a plain acceptance.
    let r = row(RS, &id_claims(""), Sig::Accepted, &target(|_| {}));
    assert_eq!(r.verdict, ProfileVerdict::Accept);
    assert!(assumed(&r).is_empty(), "{:?}", r.findings);
    // No userPoolId and no clientId: accepted only if the verifier is made with the token's
    // pool and clientId null, and the row says so.
    let bare = target(|l| {
        l.pool_id = None;
        l.client_ids.clear();
    });
    let r = row(RS, &id_claims(""), Sig::Accepted, &bare);
    assert_eq!(r.verdict, ProfileVerdict::Accept);
    assert_eq!(
        assumed(&r),
        ["ajv_pool_assumed", "ajv_client_id_not_checked"]
    );
    let line = tokenlens::explain::profiles::verdict_line(&r);
    assert!(line.contains("only if") && line.contains(POOL), "{line}");
}

#[test]
fn checks_after_the_first_error_are_not_reached() {
    // Other pool, expired, bad signature, wrong client: only the issuer lookup throws.
    let payload = id_claims("")
        .replace(ISS, OTHER)
        .replace(&format!("\"exp\":{}", NOW + 600), "\"exp\":5")
        .replace(r#""aud":"client1""#, r#""aud":"x""#);
    let r = row(RS, &payload, Sig::Rejected, &target(|_| {}));
    assert!(matches!(
        thrown(&r),
        Some(AjvError::IssuerNotConfigured { .. })
    ));
    let later = not_reached(&r);
    assert!(
        matches!(
            later.as_slice(),
            [
                AjvError::InvalidSignature,
                AjvError::Expired { .. },
                AjvError::ClientId { .. }
            ]
        ),
        "{later:?}"
    );
}

#[test]
fn without_keys_the_row_cannot_tell_and_the_next_failure_is_conditional() {
    let payload = id_claims("")
        .replace(&format!("\"exp\":{}", NOW + 600), "\"exp\":5")
        .replace(r#""aud":"client1""#, r#""aud":"x""#);
    let r = row(RS, &payload, Sig::NoKeys, &target(|_| {}));
    assert_eq!(
        r.verdict,
        ProfileVerdict::CannotTell {
            needs: vec![Need::IssuerKeys]
        }
    );
    let conditional: Vec<&AjvError> = r
        .findings
        .iter()
        .filter_map(|f| match ajv(f) {
            AjvCode::IfSignatureAccepted { error } => Some(error),
            _ => None,
        })
        .collect();
    assert!(matches!(conditional.as_slice(), [AjvError::Expired { .. }]));
    assert!(matches!(
        not_reached(&r).as_slice(),
        [AjvError::ClientId { .. }]
    ));
}

#[test]
fn a_row_never_holds_two_errors_that_could_both_be_thrown() {
    let payloads = [
        id_claims(""),
        id_claims("").replace(ISS, OTHER),
        id_claims("").replace(&format!("\"exp\":{}", NOW + 600), "\"exp\":5"),
        id_claims(r#","nbf":9999999999"#).replace(r#""aud":"client1""#, r#""aud":["x"]"#),
        r#"{"token_use":"x"}"#.to_owned(),
    ];
    for payload in &payloads {
        for sig in [Sig::Accepted, Sig::Rejected, Sig::NoKeys, Sig::KidNotFound] {
            let r = row(
                RS,
                payload,
                sig,
                &target(|l| l.groups = vec!["admins".into()]),
            );
            let firsts = r
                .findings
                .iter()
                .filter(|f| {
                    matches!(
                        ajv(f),
                        AjvCode::Throws { .. } | AjvCode::IfSignatureAccepted { .. }
                    )
                })
                .count();
            assert!(firsts <= 1, "{payload}: {:?}", r.findings);
        }
    }
}

#[test]
fn the_status_follows_the_api_type() {
    let expired = id_claims("").replace(&format!("\"exp\":{}", NOW + 600), "\"exp\":5");
    let cases = [
        (LambdaApi::Rest, 401, Some(UNAUTHORIZED)),
        (LambdaApi::Http, 403, Some(FORBIDDEN)),
        (LambdaApi::Unknown, 401, None),
    ];
    for (api, want_status, want_body) in cases {
        let r = row(RS, &expired, Sig::Accepted, &target(|l| l.api = api));
        match r.verdict {
            ProfileVerdict::Reject {
                status,
                body,
                status_sure,
                ..
            } => {
                assert_eq!((status, body), (want_status, want_body), "{api:?}");
                // The status depends on the authorizer's own code: never certain.
                assert!(!status_sure, "{api:?}");
            }
            other => panic!("{api:?}: {other:?}"),
        }
    }
}

#[test]
fn an_invalid_pool_id_is_a_500_on_every_api_type() {
    for api in [LambdaApi::Rest, LambdaApi::Http, LambdaApi::Unknown] {
        let r = row(
            RS,
            &id_claims(""),
            Sig::Accepted,
            &target(|l| {
                l.api = api;
                l.pool_id = Some("tokenLens".into());
            }),
        );
        assert!(
            matches!(r.verdict, ProfileVerdict::Reject { status: 500, .. }),
            "{api:?}: {:?}",
            r.verdict
        );
    }
}

#[test]
fn every_thrown_error_names_the_library_class() {
    let cases: [(&str, String, Sig, &str); 6] = [
        (
            r#"{"alg":"RS256","kid":42}"#,
            id_claims(""),
            Sig::NoKeys,
            "JwtParseError",
        ),
        (
            RS,
            id_claims("").replace(ISS, OTHER),
            Sig::Accepted,
            "ParameterValidationError",
        ),
        (
            r#"{"alg":"RS256"}"#,
            id_claims(""),
            Sig::Accepted,
            "JwtWithoutValidKidError",
        ),
        (
            RS,
            id_claims(""),
            Sig::KidNotFound,
            "KidNotFoundInJwksError",
        ),
        (RS, id_claims(""), Sig::Rejected, "JwtInvalidSignatureError"),
        (
            RS,
            id_claims("").replace(r#""aud":"client1""#, r#""aud":["client1"]"#),
            Sig::Accepted,
            "CognitoJwtInvalidClientIdError",
        ),
    ];
    for (header, payload, sig, class) in cases {
        let r = row(header, &payload, sig, &target(|_| {}));
        let f = deciding(&r.findings).expect("a rejection");
        assert_eq!(error_class(ajv(f)), Some(class), "{:?}", r.findings);
    }
}

#[test]
fn the_demo_token_tampered_and_expired_reports_the_signature_with_real_keys() {
    let root = env!("CARGO_MANIFEST_DIR");
    let ar: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/static/demo/authentication-result.json")).unwrap(),
    )
    .unwrap();
    let keys =
        parse_jwks(&std::fs::read(format!("{root}/static/demo/jwks.json")).unwrap()).unwrap();
    let id = ar["AuthenticationResult"]["IdToken"].as_str().unwrap();
    let mut parts: Vec<&str> = id.split('.').collect();
    let bad_sig = b64("not the signature");
    parts[2] = &bad_sig;
    let token = parts.join(".");
    let ver = tokenlens::verify::verify_compact(&token, &[&keys]);
    let mut t = Target::default();
    t.lambda.pool_id = Some(POOL.to_owned());
    let r = row_for(&token, &ver, &t, 1_900_000_000);
    assert!(
        matches!(thrown(&r), Some(AjvError::InvalidSignature)),
        "{:?}",
        r.findings
    );
    assert!(not_reached(&r)
        .iter()
        .any(|e| matches!(e, AjvError::Expired { .. })));
}

#[test]
fn a_wrong_token_use_is_fixed_by_what_the_token_can_be() {
    // Review round 10: "Send the token use the verifier expects, or set tokenUse accordingly"
    // for a client-credentials access token, whose flow issues no ID token (§5.1).
    let payload = format!(
        r#"{{"iss":"{ISS}","token_use":"access","client_id":"client1","scope":"orders-api/read","exp":{},"iat":{}}}"#,
        NOW + 600,
        NOW - 60
    );
    let token = format!("{}.{}.{}", b64(RS), b64(&payload), b64("sig"));
    let kid = serde_json::from_str::<serde_json::Value>(RS)
        .ok()
        .and_then(|h| h.get("kid").and_then(|k| k.as_str()).map(str::to_owned));
    let ver = verification(kid.as_deref(), Sig::Accepted);
    let fix = |kind: &TokenKind| {
        let r = row_of_kind(&token, &ver, &target(|_| {}), NOW, kind);
        assert!(
            matches!(thrown(&r), Some(AjvError::TokenUse { .. })),
            "{:?}",
            r.findings
        );
        r.findings
            .iter()
            .find_map(tokenlens::explain::ajv::fix)
            .unwrap_or_default()
    };
    let machine = fix(&TokenKind::CognitoClientCredentials);
    assert!(
        machine.starts_with(
            "A client-credentials flow issues no ID token: set tokenUse to \"access\""
        ),
        "{machine}"
    );
    let user = fix(&TokenKind::Unknown);
    assert!(
        user.starts_with("Send the ID token from the same sign-in"),
        "{user}"
    );
}
