//! Reading a gateway's answer: asserts codes, never prose.

use tokenlens::diagnose::response::{is_token_problem, read_response};

fn codes(text: &str) -> Vec<&'static str> {
    read_response(text)
        .findings
        .iter()
        .map(|f| f.code.as_str())
        .collect()
}

#[test]
fn sigv4_key_value_pair_error_is_not_a_token_problem() {
    let c = codes(
        r#"HTTP/1.1 403 Forbidden
{"message":"'eyJx' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer eyJx'."}"#,
    );
    assert_eq!(c, vec!["resp_sigv4_parsed_bearer"]);
    assert!(!is_token_problem("resp_sigv4_parsed_bearer"));
}

#[test]
fn missing_authentication_token_is_a_wrong_path_not_a_missing_jwt() {
    let r = read_response("< HTTP/2 403\n< x-amzn-errortype: MissingAuthenticationTokenException\n{\"message\":\"Missing Authentication Token\"}");
    assert_eq!(r.status, Some(403));
    assert_eq!(
        r.findings.first().map(|f| f.code.as_str()),
        Some("resp_missing_authentication_token")
    );
}

#[test]
fn resource_policy_denial_is_recognised() {
    let c = codes(
        r#"{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:eu-west-1:1:a/prod/GET/x"}"#,
    );
    assert_eq!(c, vec!["resp_resource_policy_denies"]);
}

#[test]
fn lambda_implicit_deny_points_at_the_cached_policy() {
    assert_eq!(
        codes(r#"403 {"message":"User is not authorized to access this resource"}"#),
        vec!["resp_lambda_policy_cache_trap"]
    );
    assert_eq!(
        codes(
            r#"403 {"message":"User is not authorized to access this resource with an explicit deny"}"#
        ),
        vec!["resp_lambda_explicit_deny"]
    );
}

#[test]
fn expired_message_is_a_likely_expiry() {
    let c = codes(
        r#"HTTP/1.1 401 Unauthorized
{"message":"The incoming token has expired"}"#,
    );
    assert_eq!(c, vec!["resp_token_expired"]);
}

#[test]
fn www_authenticate_audience_description_maps_to_aud() {
    let r = read_response("< HTTP/2 401\n< www-authenticate: Bearer scope=\"\" error=\"invalid_token\" error_description=\"the token does not have a valid audience\"\n\n{\"message\":\"Unauthorized\"}");
    assert_eq!(
        r.www_authenticate
            .as_ref()
            .and_then(|w| w.error.clone())
            .as_deref(),
        Some("invalid_token")
    );
    assert_eq!(
        r.findings
            .iter()
            .map(|f| f.code.as_str())
            .collect::<Vec<_>>(),
        vec!["resp_invalid_audience"]
    );
}

#[test]
fn other_www_authenticate_descriptions_name_their_claim() {
    let r = read_response("www-authenticate: Bearer error=\"invalid_token\" error_description=\"the token has expired\"");
    let f = r.findings.first().unwrap();
    assert_eq!(f.code, "resp_invalid_token");
    assert!(f.evidence.iter().any(|e| matches!(e, tokenlens::diagnose::finding::Evidence::Value { label: "claim", value } if value == "exp")));
}

#[test]
fn browser_failed_to_fetch_may_hide_a_401() {
    assert_eq!(
        codes("TypeError: Failed to fetch"),
        vec!["resp_cors_hides_status"]
    );
}

#[test]
fn plain_401_unauthorized_is_an_authorizer_rejection() {
    assert_eq!(
        codes(r#"401 {"message":"Unauthorized"}"#),
        vec!["resp_unauthorized"]
    );
}

#[test]
fn lambda_authorizer_null_message_is_a_crash() {
    assert_eq!(
        codes("HTTP/1.1 500\n{\"message\": null}"),
        vec!["resp_lambda_authorizer_error"]
    );
}

mod props {
    use proptest::prelude::*;
    use tokenlens::diagnose::response::read_response;

    proptest! {
        #[test]
        fn read_response_never_panics(s in "\\PC{0,400}") {
            let _ = read_response(&s);
        }
        #[test]
        fn read_response_never_panics_on_curl_like_text(a in "[<>* ]{0,3}", b in "(HTTP/[12](\\.1)? [0-9]{1,4})?", c in "\\PC{0,100}") {
            let _ = read_response(&format!("{a}{b}\n{a}www-authenticate: {c}\n{{\"message\":\"{c}"));
        }
    }
}
