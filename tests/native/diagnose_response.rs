//! Reading a gateway's answer: one row per answer form and cause, asserting typed codes, never
//! prose (knowledge §1 R7/R8/R14/R18/R20, §1b R21–R26, §2 H9–H12, §3 L2–L7, §9, §12 C3/C8–C12).

use tokenlens::diagnose::finding::{Code, Status};
use tokenlens::diagnose::response::{
    is_token_problem, looks_like_response, read_response, read_response_with, AnswerContext,
    ApiKind, AuthorizerKind, ErrorType, NamedClaim, PreflightSetting, ResponseCode, MAX_INPUT,
};

const JWT: &str = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiIxMjM0NTY3ODkwIiwidG9rZW5fdXNlIjoiaWQifQ.c2lnbmF0dXJlMTIzNDU2Nzg5MA";
const ARN: &str = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/items";

fn codes(text: &str) -> Vec<ResponseCode> {
    read_response(text).codes().cloned().collect()
}

/// `answer!(test_name, text, pattern)`: the first cause read from `text` matches `pattern`.
macro_rules! answer {
    ($name:ident, $text:expr, $want:pat) => {
        #[test]
        fn $name() {
            let text: String = $text.into();
            let got = codes(&text);
            assert!(
                matches!(got.first(), Some($want)),
                "{}: got {got:?}",
                stringify!($want)
            );
        }
    };
}

// The x-amzn-errortype header names the layer (R21, R22, C8).
answer!(
    forbidden_exception_with_body_forbidden_is_the_confirmed_api_key_403,
    "HTTP/1.1 403 Forbidden\nx-amzn-ErrorType: ForbiddenException\n\n{\"message\":\"Forbidden\"}",
    ResponseCode::ApiKeyRejected {
        with_forbidden_body: true
    }
);
answer!(
    an_errortype_with_an_appended_url_is_read_by_its_name,
    "< HTTP/2 403\n< x-amzn-ErrorType: ForbiddenException:http://internal.amazon.com/coral/com.amazon.coral.service/\n<\n{\"message\":\"Forbidden\"}",
    ResponseCode::ApiKeyRejected { with_forbidden_body: true }
);
answer!(
    the_header_decides_before_a_generic_body,
    "HTTP/1.1 403 Forbidden\nx-amzn-errortype: MissingAuthenticationTokenException\n\n{\"message\":\"Forbidden\"}",
    ResponseCode::MissingAuthenticationToken { from_errortype: true }
);
answer!(
    access_denied_with_a_resource_policy_body_is_the_resource_policy,
    format!("x-amzn-errortype: AccessDeniedException\n{{\"Message\":\"User: anonymous is not authorized to perform: execute-api:Invoke on resource: {ARN} with an explicit deny\"}}"),
    ResponseCode::ResourcePolicyDenies { explicit: true, resource: Some(_) }
);
answer!(
    access_denied_with_the_invalid_security_token_text_is_iam_credentials,
    "HTTP/1.1 403\nx-amzn-errortype: AccessDeniedException\n{\"message\":\"The security token included in the request is invalid.\"}",
    ResponseCode::SigV4InvalidCredentials
);
answer!(
    access_denied_with_an_unknown_body_stays_access_denied,
    "x-amzn-errortype: AccessDeniedException\n{\"message\":\"Nope\"}",
    ResponseCode::AccessDenied { message: Some(_) }
);
answer!(
    invalid_signature_exception_with_signature_expired_is_a_sigv4_clock_problem,
    "HTTP/1.1 403\nx-amzn-errortype: InvalidSignatureException\n{\"message\":\"Signature expired: 20261130T050000Z is now earlier than 20261130T051000Z\"}",
    ResponseCode::SigV4SignatureExpired
);
answer!(
    incomplete_signature_exception_alone_is_a_sigv4_header_problem,
    "x-amzn-errortype: IncompleteSignatureException",
    ResponseCode::SigV4IncompleteSignature
);
answer!(
    unauthorized_exception_is_an_authorizer_401,
    "HTTP/1.1 401 Unauthorized\nx-amzn-errortype: UnauthorizedException\n{\"message\":\"Unauthorized\"}",
    ResponseCode::Unauthorized { from_errortype: true }
);
answer!(
    an_unknown_errortype_is_named_when_nothing_else_explains_the_answer,
    "x-amzn-errortype: BadRequestException",
    ResponseCode::OtherErrorType { .. }
);

// Other layers than the token (R23–R26).
answer!(
    a_429_is_a_quota_or_throttle,
    "HTTP/2 429\n{\"message\":\"Too Many Requests\"}",
    ResponseCode::QuotaOrThrottle { .. }
);
answer!(
    waf_filtered_is_aws_waf,
    "403 WAF_FILTERED",
    ResponseCode::WafFiltered
);
answer!(
    could_not_find_issuer_for_certificate_is_mutual_tls,
    "Access denied. Reason: Could not find issuer for certificate",
    ResponseCode::MutualTlsUnknownIssuer
);
answer!(
    a_414_is_the_method_arn_limit,
    "HTTP/1.1 414 Request-URI Too Long",
    ResponseCode::MethodArnTooLong
);
answer!(
    a_431_is_the_header_size_limit,
    "HTTP/1.1 431 Request Header Fields Too Large",
    ResponseCode::HeadersTooLarge { status: Some(431) }
);

// SigV4 and wrong URL texts (§9).
answer!(
    missing_authentication_token_in_the_body_is_a_wrong_route,
    "{\"message\":\"Missing Authentication Token\"}",
    ResponseCode::MissingAuthenticationToken {
        from_errortype: false
    }
);
answer!(
    key_value_pair_text_is_the_sigv4_parser_reading_a_bearer_header,
    format!("HTTP/1.1 403 Forbidden\n{{\"message\":\"'{JWT}' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer {JWT}'.\"}}"),
    ResponseCode::SigV4ParsedBearer
);
answer!(
    credential_parameter_text_is_the_sigv4_parser_reading_a_bare_token,
    format!("403 {{\"message\":\"Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization={JWT}\"}}"),
    ResponseCode::SigV4BareToken
);
answer!(
    signature_we_calculated_is_a_sigv4_mismatch,
    "{\"message\":\"The request signature we calculated does not match the signature you provided.\"}",
    ResponseCode::SigV4SignatureMismatch
);

// Policies (R14, L4, L5, C12).
answer!(
    anonymous_not_authorized_to_invoke_is_the_resource_policy,
    format!("HTTP/2 403\n\n{{\"Message\":\"User: anonymous is not authorized to perform: execute-api:Invoke on resource: {ARN}\"}}"),
    ResponseCode::ResourcePolicyDenies { explicit: false, resource: Some(_) }
);
answer!(
    the_older_explicit_deny_wording_is_a_lambda_deny,
    "403 {\"message\":\"User is not authorized to access this resource with an explicit deny\"}",
    ResponseCode::LambdaExplicitDeny {
        identity_based_wording: false
    }
);
answer!(
    the_identity_based_policy_wording_is_the_same_lambda_deny,
    "{\"message\":\"User is not authorized to access this resource with an explicit deny in an identity-based policy\"}",
    ResponseCode::LambdaExplicitDeny { identity_based_wording: true }
);
answer!(
    not_authorized_to_access_this_resource_is_a_neutral_implicit_deny,
    "403 {\"message\":\"User is not authorized to access this resource\"}",
    ResponseCode::ImplicitDeny
);

// Authorizer answers (R7, R8, R18, L3, L6, H9).
answer!(
    the_incoming_token_has_expired_is_a_likely_expiry,
    "HTTP/1.1 401 Unauthorized\n{\"message\":\"The incoming token has expired\"}",
    ResponseCode::TokenExpired { status: Some(401) }
);
answer!(
    a_500_with_a_null_message_is_an_authorizer_configuration_error_not_a_lambda_crash,
    "HTTP/1.1 500\n{\"message\": null}",
    ResponseCode::AuthorizerError {
        authorizer: None,
        null_body: true,
        from_errortype: false,
        status_seen: true
    }
);
answer!(
    authorizer_configuration_exception_header_is_an_authorizer_error,
    "HTTP/1.1 500 Internal Server Error\nx-amzn-ErrorType: AuthorizerConfigurationException\n{\"message\":null}",
    ResponseCode::AuthorizerError {
        authorizer: None,
        null_body: true,
        from_errortype: true,
        status_seen: true
    }
);
answer!(
    an_http_api_500_internal_server_error_is_an_authorizer_or_integration_error,
    "HTTP/2 500\n{\"message\":\"Internal Server Error\"}",
    ResponseCode::AuthorizerOrIntegrationError
);
answer!(
    the_audience_description_is_the_confirmed_audience_rejection,
    "< HTTP/2 401\n< www-authenticate: Bearer scope=\"\" error=\"invalid_token\" error_description=\"the token does not have a valid audience\"\n\n{\"message\":\"Unauthorized\"}",
    ResponseCode::InvalidAudience
);
answer!(
    a_plain_401_unauthorized_is_an_authorizer_rejection,
    "401 {\"message\":\"Unauthorized\"}",
    ResponseCode::Unauthorized {
        from_errortype: false
    }
);
answer!(
    a_bare_403_forbidden_lists_several_layers,
    "HTTP/1.1 403 Forbidden\ncontent-type: application/json\n\n{\"message\":\"Forbidden\"}",
    ResponseCode::Forbidden
);
answer!(
    a_customized_404_for_an_auth_failure_is_named,
    "HTTP/1.1 404\n{\"message\":\"Unauthorized\"}",
    ResponseCode::CustomizedGatewayResponse { status: 404 }
);

// Browser console lines.
answer!(
    chromes_failed_to_load_resource_401_is_read_as_a_401,
    "Failed to load resource: the server responded with a status of 401 ()",
    ResponseCode::Unauthorized {
        from_errortype: false
    }
);
answer!(
    chromes_console_request_line_403_is_read_as_a_bare_403,
    "GET https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/items 403 (Forbidden)",
    ResponseCode::Forbidden
);
answer!(
    blocked_by_cors_policy_hides_the_status,
    "Access to fetch at 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/items' from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
    ResponseCode::CorsHidesStatus
);
answer!(
    typeerror_failed_to_fetch_hides_the_status,
    "Uncaught (in promise) TypeError: Failed to fetch",
    ResponseCode::CorsHidesStatus
);
answer!(
    chromes_preflight_message_is_a_preflight_through_the_authorizer,
    "Access to fetch at 'https://x.execute-api.eu-west-1.amazonaws.com/prod/items' from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: It does not have HTTP ok status.",
    ResponseCode::PreflightRejected { setting: PreflightSetting::Either, .. }
);

// Any order, mixed with other text.
answer!(
    body_first_then_header_then_status_is_read_the_same,
    "{\"message\":\"Forbidden\"}\nsome note the user typed\nx-amzn-errortype: ForbiddenException\nHTTP/1.1 403 Forbidden",
    ResponseCode::ApiKeyRejected { with_forbidden_body: true }
);
answer!(
    a_devtools_status_code_line_with_headers_is_read,
    "Request URL: https://x.execute-api.eu-west-1.amazonaws.com/prod/items\nRequest Method: GET\nStatus Code: 403 Forbidden\nx-amzn-errortype: MissingAuthenticationTokenException",
    ResponseCode::MissingAuthenticationToken { from_errortype: true }
);

#[test]
fn a_sam_preflight_with_an_api_key_names_both_the_key_and_the_preflight_fix() {
    let text = "> OPTIONS /prod/items HTTP/1.1\n> Host: x.execute-api.eu-west-1.amazonaws.com\n> Origin: http://localhost:3000\n>\n< HTTP/1.1 403 Forbidden\n< x-amzn-ErrorType: ForbiddenException\n<\n{\"message\":\"Forbidden\"}";
    let ctx = AnswerContext {
        api: Some(ApiKind::Rest),
        ..AnswerContext::default()
    };
    let got: Vec<ResponseCode> = read_response_with(text, ctx).codes().cloned().collect();
    assert_eq!(
        got,
        vec![
            ResponseCode::ApiKeyRejected {
                with_forbidden_body: true
            },
            ResponseCode::PreflightRejected {
                status: Some(403),
                setting: PreflightSetting::RestSam
            },
        ]
    );
}

#[test]
fn an_options_401_is_the_preflight_not_a_token_rejection() {
    let text = "> OPTIONS /items HTTP/2\n< HTTP/2 401\n{\"message\":\"Unauthorized\"}";
    let http = AnswerContext {
        api: Some(ApiKind::Http),
        ..AnswerContext::default()
    };
    let got: Vec<ResponseCode> = read_response_with(text, http).codes().cloned().collect();
    assert_eq!(
        got,
        vec![ResponseCode::PreflightRejected {
            status: Some(401),
            setting: PreflightSetting::HttpDefaultRoute
        }]
    );
}

#[test]
fn a_preflight_answered_by_the_authorizer_with_its_errortype_is_still_the_preflight() {
    let text = format!("*   Trying 203.0.113.10:443...\n> OPTIONS /prod/items HTTP/1.1\n> Authorization: Bearer {JWT}\n>\n< HTTP/1.1 401 Unauthorized\n< x-amzn-ErrorType: UnauthorizedException\n< \n{{\"message\":\"Unauthorized\"}}");
    assert_eq!(
        codes(&text),
        vec![ResponseCode::PreflightRejected {
            status: Some(401),
            setting: PreflightSetting::Either
        }]
    );
}

#[test]
fn a_500_names_the_lambda_only_when_the_method_uses_one() {
    let text = "HTTP/1.1 500\n{\"message\": null}";
    for (authorizer, name) in [
        (None, "resp_authorizer_configuration_error"),
        (
            Some(AuthorizerKind::Cognito),
            "resp_authorizer_configuration_error",
        ),
        (Some(AuthorizerKind::Lambda), "resp_lambda_authorizer_error"),
    ] {
        let ctx = AnswerContext {
            authorizer,
            ..AnswerContext::default()
        };
        let r = read_response_with(text, ctx);
        let got: Vec<&ResponseCode> = r.codes().collect();
        assert!(
            matches!(got.as_slice(), [ResponseCode::AuthorizerError { authorizer: a, .. }] if *a == authorizer),
            "{authorizer:?}: {got:?}"
        );
        assert_eq!(got.first().map(|c| c.as_str()), Some(name));
    }
}

#[test]
fn a_reported_body_keeps_its_own_certainty_apart_from_the_status() {
    let r = read_response("HTTP/1.1 401\n{\"message\":\"The incoming token has expired\"}");
    assert_eq!(r.status, Some(401));
    let f = r.findings.first().expect("a finding");
    assert!(matches!(
        f.code,
        Code::Response(ResponseCode::TokenExpired { status: Some(401) })
    ));
    assert_eq!(f.status, Status::Reported);
}

#[test]
fn forbidden_exception_with_another_body_is_only_a_likely_api_key_problem() {
    let r = read_response(
        "HTTP/1.1 403\nx-amzn-errortype: ForbiddenException\n{\"message\":\"Something else\"}",
    );
    let f = r.findings.first().expect("a finding");
    assert!(matches!(
        f.code,
        Code::Response(ResponseCode::ApiKeyRejected {
            with_forbidden_body: false
        })
    ));
    assert_eq!(f.status, Status::Reported);
}

#[test]
fn error_descriptions_name_their_claim_by_whole_words_issuer_and_signature_first() {
    for (desc, want) in [
        ("the token has expired", NamedClaim::Expiry),
        (
            "unexpected issuer, and the token expired",
            NamedClaim::Issuer,
        ),
        (
            "signature verification failed; token expired",
            NamedClaim::Signature,
        ),
        (
            "token is not valid before 2026-11-30",
            NamedClaim::NotBefore,
        ),
        (
            "the token does not have the expected audience",
            NamedClaim::Audience,
        ),
        // "expected"/"unexpected" are not `exp`, a bare "key" is no key failure (C11).
        ("unexpected value", NamedClaim::Unknown),
        ("the expected key was not found", NamedClaim::Unknown),
        ("expiresIn is out of range", NamedClaim::Unknown),
    ] {
        let text = format!(
            "HTTP/2 401\nwww-authenticate: Bearer scope=\"\" error=\"invalid_token\" error_description=\"{desc}\""
        );
        let got = codes(&text);
        assert!(
            matches!(got.as_slice(), [ResponseCode::InvalidToken { claim, .. }] if *claim == want),
            "{desc}: {got:?}"
        );
    }
}

#[test]
fn a_whole_curl_transcript_never_carries_the_request_token_into_the_reading() {
    let text = format!(
        "*   Trying 203.0.113.10:443...\n> POST /prod/orderz HTTP/1.1\n> Host: x.execute-api.eu-west-1.amazonaws.com\n> Authorization: Bearer {JWT}\n>\n< HTTP/1.1 403 Forbidden\n< x-amzn-ErrorType: IncompleteSignatureException\n<\n{{\"message\":\"'{JWT}' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer {JWT}'.\"}}"
    );
    let r = read_response(&text);
    assert_eq!(r.status, Some(403));
    assert_eq!(r.errortype, Some(ErrorType::IncompleteSignature));
    assert_eq!(codes(&text), vec![ResponseCode::SigV4ParsedBearer]);
    let everything = format!("{r:?}");
    for part in JWT.split('.') {
        assert!(!everything.contains(part), "the reading holds {part}");
    }
}

#[test]
fn a_request_body_is_not_read_as_the_gateway_message() {
    let text = "> POST /x HTTP/1.1\n> {\"message\":\"Unauthorized\"}\n< HTTP/1.1 200 OK";
    let r = read_response(text);
    assert_eq!(r.status, Some(200));
    assert_eq!(r.body_message, None);
    assert!(r.findings.is_empty());
}

#[test]
fn the_string_wrapper_agrees_with_the_typed_code() {
    let answers = [
        "HTTP/1.1 403\nx-amzn-errortype: ForbiddenException\n{\"message\":\"Forbidden\"}",
        "{\"message\":\"Missing Authentication Token\"}",
        "401 {\"message\":\"The incoming token has expired\"}",
        "www-authenticate: Bearer error=\"invalid_token\" error_description=\"the token does not have a valid audience\"",
        "www-authenticate: Bearer error=\"invalid_token\" error_description=\"bad issuer\"",
        "401 {\"message\":\"Unauthorized\"}",
        "403 {\"message\":\"Forbidden\"}",
        "HTTP/1.1 431",
        "HTTP/1.1 500\n{\"message\": null}",
        "TypeError: Failed to fetch",
        "403 {\"message\":\"User is not authorized to access this resource\"}",
    ];
    let mut seen = 0;
    for a in answers {
        for c in codes(a) {
            assert_eq!(is_token_problem(c.as_str()), c.is_token_problem(), "{c:?}");
            seen += 1;
        }
    }
    assert!(seen >= answers.len());
    assert!(!is_token_problem("resp_sigv4_parsed_bearer"));
}

#[test]
fn looks_like_response_tells_answers_from_tokens_and_commands() {
    let yes = [
        "HTTP/1.1 403 Forbidden",
        "HTTP/2 401",
        "< HTTP/2 403",
        "status: 401",
        "x-amzn-errortype: ForbiddenException",
        "www-authenticate: Bearer error=\"invalid_token\"",
        "{\"message\":\"Unauthorized\"}",
        "{\"Message\":\"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn\"}",
        "Failed to load resource: the server responded with a status of 401 ()",
        "Access to fetch at 'https://x/' from origin 'http://y' has been blocked by CORS policy",
        "TypeError: Failed to fetch",
        "Some text before\n401 {\"message\":\"Unauthorized\"}\nand after",
    ];
    for t in yes {
        assert!(looks_like_response(t), "should be an answer: {t}");
    }
    let access =
        format!("{{\"access_token\":\"{JWT}\",\"token_type\":\"Bearer\",\"expires_in\":3600}}");
    let cognito = format!("{{\"AuthenticationResult\":{{\"AccessToken\":\"{JWT}\",\"ExpiresIn\":3600,\"IdToken\":\"{JWT}\",\"TokenType\":\"Bearer\"}},\"ChallengeParameters\":{{}}}}");
    let jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\",\"e\":\"AQAB\"}]}";
    let command = format!("curl -v -H \"Authorization: Bearer {JWT}\" https://x.execute-api.eu-west-1.amazonaws.com/prod/items");
    for t in [
        JWT,
        access.as_str(),
        cognito.as_str(),
        jwks,
        command.as_str(),
        "",
        "  ",
    ] {
        assert!(!looks_like_response(t), "should not be an answer: {t}");
    }
}

#[test]
fn text_beyond_the_input_limit_is_not_read() {
    let text = format!("{}\nHTTP/1.1 403 Forbidden", " ".repeat(MAX_INPUT));
    let r = read_response(&text);
    assert_eq!(r.status, None);
    assert!(r.findings.is_empty());
}

mod props {
    use proptest::prelude::*;
    use tokenlens::diagnose::response::{looks_like_response, read_response};

    proptest! {
        #[test]
        fn read_response_never_panics(s in "\\PC{0,400}") {
            let _ = read_response(&s);
            let _ = looks_like_response(&s);
        }
        #[test]
        fn read_response_never_panics_on_curl_like_text(a in "[<>* ]{0,3}", b in "(HTTP/[12](\\.1)? [0-9]{1,4})?", c in "\\PC{0,100}") {
            let _ = read_response(&format!("{a}{b}\n{a}www-authenticate: {c}\n{a}x-amzn-errortype: {c}\n{{\"message\":\"{c}"));
        }
    }
}

/// §1 quick lookup: a 401 for a token the gateway rows accept comes from the setup they assume,
/// so its advice names each setting to check.
#[test]
fn a_plain_401_advises_the_settings_the_rows_assume() {
    let advice = tokenlens::explain::response::advice(&ResponseCode::Unauthorized {
        from_errortype: false,
    })
    .expect("advice for a 401");
    for part in ["user pool", "OAuth scopes", "regex", "header", "redeployed"] {
        assert!(advice.contains(part), "{part}: {advice}");
    }
}

#[test]
fn a_customized_status_for_an_authorization_failure_is_not_called_no_token_problem() {
    // gateways.md says only that someone customized the gateway responses; the body still says
    // the authorizer refused, so changing the token may well change the answer.
    let c = ResponseCode::CustomizedGatewayResponse { status: 400 };
    assert!(c.is_token_problem());
    assert!(is_token_problem(c.as_str()));
}

answer!(
    an_albs_401_is_the_load_balancers_not_api_gateways,
    "HTTP/1.1 401 Unauthorized\nServer: awselb/2.0\nContent-Type: text/html\n\n<html><head><title>401 Authorization Required</title></head><body><center><h1>401 Authorization Required</h1></center></body></html>",
    ResponseCode::AlbAnswer { login: false }
);
answer!(
    an_albs_redirect_to_the_login_page_is_its_login_action,
    "HTTP/1.1 302 Found\nServer: awselb/2.0\nLocation: https://auth.example.com/oauth2/authorize?client_id=abc&response_type=code\n\n",
    ResponseCode::AlbAnswer { login: true }
);

#[test]
fn an_albs_answers_say_whether_the_token_may_matter_and_its_own_502_is_neither() {
    // A1: the login action takes no bearer token; A3: a bare 401 may be the JWT-verification
    // action refusing this token.
    for (text, token_problem) in [
        ("HTTP/1.1 401 Unauthorized\nServer: awselb/2.0\n\n", true),
        ("HTTP/1.1 302 Found\nServer: awselb/2.0\nLocation: https://idp.example/oauth2/authorize\n\n", false),
    ] {
        let got = codes(text);
        let first = got.first().expect(text);
        assert!(matches!(first, ResponseCode::AlbAnswer { .. }), "{got:?}");
        assert_eq!(first.is_token_problem(), token_problem, "{text}");
        assert_eq!(is_token_problem(first.as_str()), token_problem, "{text}");
    }
    let got = codes("HTTP/1.1 502 Bad Gateway\nServer: awselb/2.0\n\n<html><title>502 Bad Gateway</title></html>");
    assert!(
        !got.iter()
            .any(|c| matches!(c, ResponseCode::AlbAnswer { .. })),
        "{got:?}"
    );
}

answer!(
    a_null_message_pasted_alone_is_the_authorizer_configuration_failure,
    "{\"message\": null}",
    ResponseCode::AuthorizerError {
        null_body: true,
        status_seen: false,
        ..
    }
);

#[test]
fn a_null_message_without_its_status_is_only_likely_the_authorizer_failure() {
    // L3: the null body is REPORTED; the 500 status is CONFIRMED only when seen.
    use tokenlens::diagnose::finding::Status;
    let alone = codes("{\"message\": null}");
    assert_eq!(
        alone.first().map(ResponseCode::status),
        Some(Status::Reported),
        "{alone:?}"
    );
    let with_status = codes("HTTP/1.1 500\n{\"message\": null}");
    assert_eq!(
        with_status.first().map(ResponseCode::status),
        Some(Status::Confirmed)
    );
}
