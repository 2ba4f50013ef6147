//! `input::extract`: every paste form users bring, asserted on variants and fields.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use proptest::prelude::*;
use tokenlens::explain::input as explain;
use tokenlens::input::{
    extract, Candidate, Cleanup, CompactProblem, Extraction, Shape, Source, Unrecognised,
};

// ---------------------------------------------------------------------------------------------
// Realistic tokens, built by hand.

/// Deterministic bytes that look random once encoded.
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) as u8
        })
        .collect()
}

fn b64(json: &str) -> String {
    URL_SAFE_NO_PAD.encode(json)
}

fn jws(header: &str, payload: &str, sig_bytes: usize, seed: u64) -> String {
    format!(
        "{}.{}.{}",
        b64(header),
        b64(payload),
        URL_SAFE_NO_PAD.encode(noise(seed, sig_bytes))
    )
}

const POOL: &str = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123";

fn cognito_id_token() -> String {
    jws(
        r#"{"kid":"Xk8uYnR0bWVDb2duaXRvS2V5SWQ9","alg":"RS256"}"#,
        &format!(
            r#"{{"sub":"2f6e1c3a-0b7d-4e39-9a51-6c2d7f1e8b40","email_verified":true,"iss":"{POOL}","cognito:username":"alice","origin_jti":"4b1f","aud":"3n4b5urk1ft4fl3mg5e62d9ado","event_id":"e1","token_use":"id","auth_time":1700000000,"exp":1700003600,"iat":1700000000,"jti":"9c0e","email":"alice@example.com"}}"#
        ),
        256,
        1,
    )
}

fn cognito_access_token() -> String {
    jws(
        r#"{"kid":"QWNjZXNzS2V5SWRGb3JDb2duaXRvPQ==","alg":"RS256"}"#,
        &format!(
            r#"{{"sub":"2f6e1c3a-0b7d-4e39-9a51-6c2d7f1e8b40","iss":"{POOL}","client_id":"3n4b5urk1ft4fl3mg5e62d9ado","origin_jti":"4b1f","event_id":"e1","token_use":"access","scope":"aws.cognito.signin.user.admin","auth_time":1700000000,"exp":1700003600,"iat":1700000000,"jti":"7a2d","username":"alice"}}"#
        ),
        256,
        2,
    )
}

/// A Cognito refresh token: a compact JWE, RSA-OAEP + A256GCM.
fn cognito_refresh_token() -> String {
    format!(
        "{}.{}.{}.{}.{}",
        b64(r#"{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}"#),
        URL_SAFE_NO_PAD.encode(noise(3, 256)),
        URL_SAFE_NO_PAD.encode(noise(4, 12)),
        URL_SAFE_NO_PAD.encode(noise(5, 1200)),
        URL_SAFE_NO_PAD.encode(noise(6, 16)),
    )
}

fn hs256(sub: &str) -> String {
    jws(
        r#"{"alg":"HS256","typ":"JWT"}"#,
        &format!(r#"{{"sub":"{sub}","name":"John Doe","iat":1516239022}}"#),
        32,
        7,
    )
}

fn es256(sub: &str) -> String {
    jws(
        r#"{"alg":"ES256","typ":"at+jwt","kid":"k-2024"}"#,
        &format!(
            r#"{{"iss":"https://idp.example.com/","sub":"{sub}","aud":"api","exp":1700000000}}"#
        ),
        64,
        8,
    )
}

fn only(e: &Extraction) -> &Candidate {
    assert_eq!(e.candidates.len(), 1, "expected one candidate: {e:#?}");
    assert_eq!(e.nothing_found, None);
    &e.candidates[0]
}

fn tokens(e: &Extraction) -> Vec<&str> {
    e.candidates.iter().map(|c| c.token.as_str()).collect()
}

fn nothing(e: &Extraction) -> &Unrecognised {
    assert!(e.candidates.is_empty(), "expected no candidate: {e:#?}");
    e.nothing_found.as_ref().unwrap_or(&Unrecognised::Empty)
}

fn wrap(token: &str, width: usize, separator: &str) -> String {
    token
        .as_bytes()
        .chunks(width)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(separator)
}

fn json_field(path: &str, key: &str) -> Source {
    Source::JsonField {
        path: path.into(),
        key: key.into(),
    }
}

// ---------------------------------------------------------------------------------------------
// Bare tokens, Bearer, Authorization lines, quotes, whitespace.

#[test]
fn bare_compact_token_is_returned_unchanged_without_cleanups() {
    let t = cognito_id_token();
    let c = only(&extract(&t)).clone();
    assert_eq!(c.token, t);
    assert_eq!(c.shape, Shape::Jws);
    assert_eq!(c.source, Source::Bare);
    assert!(c.cleanups.is_empty());
}

#[test]
fn bearer_prefix_in_either_case_is_removed_and_reported() {
    let t = hs256("1");
    for prefix in ["Bearer ", "bearer ", "BEARER\t"] {
        let c = only(&extract(&format!("{prefix}{t}"))).clone();
        assert_eq!(c.token, t);
        assert_eq!(c.source, Source::BearerValue);
        assert_eq!(c.cleanups, vec![Cleanup::BearerPrefix]);
    }
}

#[test]
fn authorization_header_line_in_any_case_keeps_the_scheme_as_written() {
    let t = cognito_access_token();
    for (line, scheme) in [
        (format!("Authorization: Bearer {t}"), "Bearer"),
        (format!("authorization: bearer {t}"), "bearer"),
        (format!("AUTHORIZATION:Bearer {t}\r\n"), "Bearer"),
    ] {
        let c = only(&extract(&line)).clone();
        assert_eq!(c.token, t);
        assert_eq!(
            c.source,
            Source::AuthorizationHeader {
                scheme: scheme.into()
            }
        );
        assert!(c.cleanups.contains(&Cleanup::BearerPrefix));
    }
}

#[test]
fn authorization_header_value_on_the_next_line_keeps_the_header_source() {
    let t = hs256("1");
    let c = only(&extract(&format!("Authorization: Bearer\n    {t}\n"))).clone();
    assert_eq!(c.token, t);
    assert_eq!(
        c.source,
        Source::AuthorizationHeader {
            scheme: "Bearer".into()
        }
    );
}

#[test]
fn authorization_header_without_scheme_has_an_empty_scheme() {
    let t = hs256("1");
    let c = only(&extract(&format!("Authorization: {t}"))).clone();
    assert_eq!(
        c.source,
        Source::AuthorizationHeader {
            scheme: String::new()
        }
    );
    assert!(c.cleanups.is_empty());
}

#[test]
fn surrounding_quotes_of_every_kind_are_removed_and_reported() {
    let t = hs256("1");
    for q in ['"', '\'', '`'] {
        let c = only(&extract(&format!("{q}{t}{q}"))).clone();
        assert_eq!(c.token, t);
        assert_eq!(c.source, Source::Bare);
        assert_eq!(c.cleanups, vec![Cleanup::SurroundingQuotes { quote: q }]);
    }
}

#[test]
fn surrounding_whitespace_quotes_and_bearer_are_all_reported_in_order() {
    let t = hs256("1");
    let c = only(&extract(&format!("\n  \"Bearer {t}\"  \n"))).clone();
    assert_eq!(c.token, t);
    assert_eq!(c.source, Source::BearerValue);
    assert_eq!(
        c.cleanups,
        vec![
            Cleanup::SurroundingWhitespace,
            Cleanup::SurroundingQuotes { quote: '"' },
            Cleanup::BearerPrefix
        ]
    );
}

#[test]
fn full_stop_after_a_pasted_token_is_ignored_and_reported() {
    let t = hs256("1");
    let c = only(&extract(&format!("{t}."))).clone();
    assert_eq!(c.token, t);
    assert_eq!(
        c.cleanups,
        vec![Cleanup::StrayPunctuation {
            removed: ".".into()
        }]
    );
}

#[test]
fn doubled_bearer_prefix_is_removed_and_reported() {
    let t = hs256("1");
    let c = only(&extract(&format!("Authorization: Bearer Bearer {t}"))).clone();
    assert_eq!(c.token, t);
    assert_eq!(
        c.source,
        Source::AuthorizationHeader {
            scheme: "Bearer".into()
        }
    );
    assert_eq!(
        c.cleanups,
        vec![
            Cleanup::BearerPrefix,
            Cleanup::RepeatedBearerPrefix { count: 2 }
        ]
    );
}

#[test]
fn other_authorization_schemes_are_named() {
    let t = hs256("1");
    let c = only(&extract(&format!("Authorization: JWT {t}"))).clone();
    assert_eq!(c.token, t);
    assert_eq!(
        c.source,
        Source::AuthorizationHeader {
            scheme: "JWT".into()
        }
    );
    assert_eq!(
        c.cleanups,
        vec![Cleanup::SchemePrefix {
            scheme: "JWT".into()
        }]
    );
}

// ---------------------------------------------------------------------------------------------
// Line breaks inside the token.

#[test]
fn token_wrapped_by_a_terminal_is_rejoined_exactly() {
    let t = cognito_id_token();
    let c = only(&extract(&wrap(&t, 80, "\n"))).clone();
    assert_eq!(c.token, t);
    assert_eq!(c.source, Source::Bare);
    let breaks = t.len().div_ceil(80) - 1;
    assert_eq!(
        c.cleanups,
        vec![Cleanup::LineBreaksInside { count: breaks }]
    );
}

#[test]
fn token_wrapped_with_indentation_in_a_log_is_rejoined_and_indentation_counted() {
    let t = cognito_access_token();
    let text = format!(
        "2024-05-01T10:00:00Z DEBUG token={}\n",
        wrap(&t, 64, "\n        ")
    );
    let c = only(&extract(&text)).clone();
    assert_eq!(c.token, t);
    assert_eq!(
        c.source,
        Source::Assignment {
            name: "token".into()
        }
    );
    let breaks = t.len().div_ceil(64) - 1;
    assert!(c
        .cleanups
        .contains(&Cleanup::LineBreaksInside { count: breaks }));
    assert!(c
        .cleanups
        .contains(&Cleanup::WhitespaceInside { count: 8 * breaks }));
}

#[test]
fn token_split_with_backslash_continuations_is_rejoined() {
    let t = hs256("1");
    let text = format!("TOKEN={}\n", wrap(&t, 30, "\\\n"));
    let c = only(&extract(&text)).clone();
    assert_eq!(c.token, t);
    let breaks = t.len().div_ceil(30) - 1;
    assert!(c
        .cleanups
        .contains(&Cleanup::LineContinuations { count: breaks }));
    assert!(c
        .cleanups
        .contains(&Cleanup::LineBreaksInside { count: breaks }));
}

#[test]
fn crlf_wrapped_token_is_rejoined() {
    let t = es256("crlf");
    let c = only(&extract(&wrap(&t, 50, "\r\n"))).clone();
    assert_eq!(c.token, t);
}

#[test]
fn rsa_signature_wrapped_at_every_width_is_rejoined_to_full_length() {
    // An RS256 signature may be 171, 256, 342, … characters: a wrap that reaches 171 or 256
    // must not stop there.
    let t = cognito_id_token();
    for width in 20..140 {
        let c = only(&extract(&wrap(&t, width, "\n"))).clone();
        assert_eq!(c.token, t, "width {width}");
    }
}

#[test]
fn wrapped_jwe_is_rejoined() {
    let t = cognito_refresh_token();
    let c = only(&extract(&wrap(&t, 76, "\n  "))).clone();
    assert_eq!(c.token, t);
    assert_eq!(c.shape, Shape::Jwe);
}

#[test]
fn tokens_on_consecutive_lines_stay_separate() {
    let (a, b, c) = (hs256("a"), es256("b"), cognito_id_token());
    let e = extract(&format!("{a}\n{b}\n{c}\n"));
    assert_eq!(tokens(&e), [a.as_str(), b.as_str(), c.as_str()]);
    assert!(e.candidates.iter().all(|c| c.source == Source::FreeText));
}

#[test]
fn complete_token_is_not_joined_with_the_word_on_the_next_line() {
    let t = hs256("1");
    let e = extract(&format!("{t}\nthanks"));
    assert_eq!(tokens(&e), [t.as_str()]);
    assert!(!e.candidates[0]
        .cleanups
        .iter()
        .any(|c| matches!(c, Cleanup::LineBreaksInside { .. })));
}

// ---------------------------------------------------------------------------------------------
// curl.

#[test]
fn curl_command_with_h_authorization_header_yields_a_curl_header_candidate() {
    let t = cognito_access_token();
    for cmd in [
        format!("curl -H 'Authorization: Bearer {t}' https://api.example.com/items"),
        format!("curl --header \"authorization: Bearer {t}\" https://api.example.com/items"),
        format!("curl -H\"Authorization: Bearer {t}\" https://api.example.com/items"),
    ] {
        let c = only(&extract(&cmd)).clone();
        assert_eq!(c.token, t);
        assert_eq!(c.source, Source::CurlHeader);
        assert_eq!(c.cleanups, vec![Cleanup::BearerPrefix]);
    }
}

#[test]
fn multi_line_curl_with_continuations_yields_every_header_token() {
    let (id, access) = (cognito_id_token(), cognito_access_token());
    let cmd = format!(
        "curl -X POST 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items' \\\n  \
         -H 'Content-Type: application/json' \\\n  \
         -H 'Authorization: Bearer {access}' \\\n  \
         --header 'X-Id-Token: {id}' \\\n  \
         -d '{{\"name\":\"x\"}}'"
    );
    let e = extract(&cmd);
    assert_eq!(tokens(&e), [access.as_str(), id.as_str()]);
    assert_eq!(e.candidates[0].source, Source::CurlHeader);
    assert_eq!(
        e.candidates[1].source,
        Source::Header {
            name: "X-Id-Token".into(),
            in_curl: true
        }
    );
}

#[test]
fn curl_cookie_flag_yields_a_cookie_candidate() {
    let t = hs256("c");
    let c = only(&extract(&format!(
        "curl -b 'session={t}' https://x.example.com/"
    )))
    .clone();
    assert_eq!(
        c.source,
        Source::Cookie {
            name: "session".into()
        }
    );
}

// ---------------------------------------------------------------------------------------------
// JSON bodies.

fn initiate_auth_response(refresh: &str) -> String {
    format!(
        r#"{{
    "AuthenticationResult": {{
        "AccessToken": "{}",
        "ExpiresIn": 3600,
        "IdToken": "{}",
        "RefreshToken": "{refresh}",
        "TokenType": "Bearer"
    }},
    "ChallengeParameters": {{}}
}}"#,
        cognito_access_token(),
        cognito_id_token()
    )
}

#[test]
fn cognito_initiate_auth_response_yields_three_labelled_candidates() {
    let e = extract(&initiate_auth_response(&cognito_refresh_token()));
    assert_eq!(e.candidates.len(), 3);
    assert_eq!(e.nothing_found, None);
    let (a, i, r) = (&e.candidates[0], &e.candidates[1], &e.candidates[2]);
    assert_eq!(a.token, cognito_access_token());
    assert_eq!(
        a.source,
        json_field("AuthenticationResult.AccessToken", "AccessToken")
    );
    assert_eq!(a.shape, Shape::Jws);
    assert_eq!(i.token, cognito_id_token());
    assert_eq!(
        i.source,
        json_field("AuthenticationResult.IdToken", "IdToken")
    );
    assert_eq!(r.token, cognito_refresh_token());
    assert_eq!(
        r.source,
        json_field("AuthenticationResult.RefreshToken", "RefreshToken")
    );
    assert_eq!(r.shape, Shape::Jwe);
    for (c, key) in [(a, "AccessToken"), (i, "IdToken"), (r, "RefreshToken")] {
        assert!(explain::label(c).contains(key));
        assert!(c.cleanups.is_empty());
    }
}

#[test]
fn moto_style_uuid_refresh_token_becomes_an_opaque_candidate() {
    let uuid = "5b0f0c8e-6f4b-4b8e-9d6b-2a4f1c3e7d90";
    let e = extract(&initiate_auth_response(uuid));
    assert_eq!(e.candidates.len(), 3);
    let r = &e.candidates[2];
    assert_eq!(r.token, uuid);
    assert_eq!(r.shape, Shape::Opaque);
    assert_eq!(
        r.source,
        json_field("AuthenticationResult.RefreshToken", "RefreshToken")
    );
    assert!(explain::label(r).contains("RefreshToken"));
}

#[test]
fn oauth_token_response_yields_access_id_and_refresh_tokens_in_document_order() {
    let (access, id) = (es256("at"), hs256("id"));
    let body = format!(
        r#"{{"access_token":"{access}","token_type":"Bearer","expires_in":3600,"refresh_token":"8xLOxBtZp8","scope":"openid profile","id_token":"{id}"}}"#
    );
    let e = extract(&body);
    assert_eq!(tokens(&e), [access.as_str(), "8xLOxBtZp8", id.as_str()]);
    let keys = ["access_token", "refresh_token", "id_token"];
    for (c, key) in e.candidates.iter().zip(keys) {
        assert_eq!(c.source, json_field(key, key));
        assert!(explain::label(c).contains(key));
    }
    assert_eq!(e.candidates[1].shape, Shape::Opaque);
}

#[test]
fn auth0_opaque_access_token_under_access_token_key_is_an_opaque_candidate() {
    let body = r#"{"access_token":"v2.local.Qm9vayBvZiBCb29rcw","expires_in":86400,"token_type":"Bearer"}"#;
    let c = only(&extract(body)).clone();
    assert_eq!(c.shape, Shape::Opaque);
    assert_eq!(c.token, "v2.local.Qm9vayBvZiBCb29rcw");
    assert_eq!(c.source, json_field("access_token", "access_token"));
}

#[test]
fn any_json_is_walked_and_tokens_are_labelled_with_their_path() {
    let t = hs256("deep");
    let body = format!(r#"{{"data": {{"sessions": [{{"device": "phone", "jwt": "{t}"}}]}}}}"#);
    let c = only(&extract(&body)).clone();
    assert_eq!(c.source, json_field("data.sessions[0].jwt", "jwt"));
}

#[test]
fn json_value_with_bearer_prefix_is_cleaned() {
    let t = hs256("1");
    let c = only(&extract(&format!(
        r#"{{"headers": {{"Authorization": "Bearer {t}"}}}}"#
    )))
    .clone();
    assert_eq!(c.token, t);
    assert_eq!(
        c.source,
        json_field("headers.Authorization", "Authorization")
    );
    assert_eq!(c.cleanups, vec![Cleanup::BearerPrefix]);
}

#[test]
fn non_token_strings_in_json_are_ignored() {
    let e = extract(r#"{"user": "alice", "token_type": "Bearer", "note": "refresh later"}"#);
    assert_eq!(nothing(&e), &Unrecognised::JsonWithoutTokens);
}

#[test]
fn json_with_token_inside_a_url_value_uses_the_url_parameter() {
    let t = hs256("1");
    let body = format!(r#"{{"redirect": "https://app.example.com/cb#id_token={t}&state=x"}}"#);
    let c = only(&extract(&body)).clone();
    assert_eq!(
        c.source,
        Source::UrlParam {
            name: "id_token".into(),
            in_fragment: true
        }
    );
}

#[test]
fn truncated_json_still_yields_its_tokens_with_their_keys() {
    let t = cognito_id_token();
    let body = format!("{{\"AuthenticationResult\": {{\"IdToken\": \"{t}\", \"Refresh");
    let c = only(&extract(&body)).clone();
    assert_eq!(c.token, t);
    assert_eq!(c.source, json_field("IdToken", "IdToken"));
}

#[test]
fn double_encoded_json_string_from_a_log_is_decoded_and_walked() {
    let (id, access) = (hs256("id"), es256("at"));
    let inner = format!(
        r#"{{"id_token":"{id}","access_token":"{access}","refresh_token":"opaque-refresh-1"}}"#
    );
    let pasted = serde_json_string(&inner);
    let e = extract(&pasted);
    assert_eq!(
        tokens(&e),
        [id.as_str(), access.as_str(), "opaque-refresh-1"]
    );
    assert_eq!(e.candidates[0].source, json_field("id_token", "id_token"));
    assert_eq!(e.candidates[2].shape, Shape::Opaque);
}

#[test]
fn escaped_json_inside_a_log_line_still_names_the_key() {
    let t = hs256("log");
    let line = format!(r#"level=info msg="{{"IdToken":"{t}"}}""#);
    let c = only(&extract(&line)).clone();
    assert_eq!(c.source, json_field("IdToken", "IdToken"));
}

/// `s` as a JSON string literal, the way a logger prints a body.
fn serde_json_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

// ---------------------------------------------------------------------------------------------
// URLs.

#[test]
fn redirect_url_fragment_tokens_are_extracted_with_their_parameter_names() {
    let (id, access) = (hs256("id"), es256("at"));
    let url = format!(
        "https://app.example.com/callback#id_token={id}&access_token={access}&token_type=Bearer&expires_in=3600&state=af0ifjsldkj"
    );
    let e = extract(&url);
    assert_eq!(tokens(&e), [id.as_str(), access.as_str()]);
    for (c, name) in e.candidates.iter().zip(["id_token", "access_token"]) {
        assert_eq!(
            c.source,
            Source::UrlParam {
                name: name.into(),
                in_fragment: true
            }
        );
        assert!(explain::label(c).contains(name));
    }
}

#[test]
fn query_parameter_token_is_percent_decoded_and_reported() {
    let t = format!("{}==", hs256("pad"));
    let url = format!(
        "https://api.example.com/ws?access_token={}&v=2",
        t.replace('=', "%3D")
    );
    let c = only(&extract(&url)).clone();
    assert_eq!(c.token, t);
    assert_eq!(
        c.source,
        Source::UrlParam {
            name: "access_token".into(),
            in_fragment: false
        }
    );
    assert_eq!(c.cleanups, vec![Cleanup::PercentDecoded { count: 2 }]);
}

#[test]
fn opaque_access_token_in_a_fragment_is_an_opaque_candidate() {
    let url = "https://app.example.com/cb#access_token=ya29.a0AfH6SMBx3kQ&token_type=Bearer&expires_in=3599";
    let c = only(&extract(url)).clone();
    assert_eq!(c.shape, Shape::Opaque);
    assert_eq!(c.token, "ya29.a0AfH6SMBx3kQ");
}

#[test]
fn url_with_only_an_authorization_code_is_not_a_token() {
    let e = extract("https://app.example.com/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz");
    assert_eq!(nothing(&e), &Unrecognised::AuthorizationCode);
}

#[test]
fn oauth_error_redirect_names_the_error() {
    let e = extract(
        "https://app.example.com/cb?error=access_denied&error_description=User%20cancelled",
    );
    assert_eq!(
        nothing(&e),
        &Unrecognised::OAuthError {
            error: "access_denied".into()
        }
    );
}

#[test]
fn form_encoded_refresh_request_yields_the_refresh_token() {
    let t = cognito_refresh_token();
    let c = only(&extract(&format!(
        "grant_type=refresh_token&client_id=abc&refresh_token={t}"
    )))
    .clone();
    assert_eq!(c.shape, Shape::Jwe);
    assert_eq!(
        c.source,
        Source::UrlParam {
            name: "refresh_token".into(),
            in_fragment: false
        }
    );
}

// ---------------------------------------------------------------------------------------------
// Cookies, HTTP dumps, HAR, free text.

#[test]
fn cookie_line_yields_the_named_cookie() {
    let t = hs256("cookie");
    let c = only(&extract(&format!(
        "Cookie: theme=dark; session={t}; lang=en"
    )))
    .clone();
    assert_eq!(c.token, t);
    assert_eq!(
        c.source,
        Source::Cookie {
            name: "session".into()
        }
    );
}

#[test]
fn set_cookie_line_yields_the_named_cookie() {
    let t = es256("sc");
    let c = only(&extract(&format!(
        "Set-Cookie: id_token={t}; Path=/; Secure; HttpOnly"
    )))
    .clone();
    assert_eq!(
        c.source,
        Source::Cookie {
            name: "id_token".into()
        }
    );
}

#[test]
fn http_request_dump_yields_authorization_and_other_header_tokens() {
    let (access, alb) = (cognito_access_token(), es256("alb"));
    let dump = format!(
        "GET /prod/items HTTP/1.1\r\nHost: abc123.execute-api.eu-west-1.amazonaws.com\r\n\
         Authorization: Bearer {access}\r\nx-amzn-oidc-data: {alb}\r\nAccept: */*\r\n\r\n"
    );
    let e = extract(&dump);
    assert_eq!(tokens(&e), [access.as_str(), alb.as_str()]);
    assert_eq!(
        e.candidates[0].source,
        Source::AuthorizationHeader {
            scheme: "Bearer".into()
        }
    );
    assert_eq!(
        e.candidates[1].source,
        Source::Header {
            name: "x-amzn-oidc-data".into(),
            in_curl: false
        }
    );
}

#[test]
fn http_response_dump_with_json_body_yields_labelled_tokens() {
    let (id, access) = (hs256("id"), es256("at"));
    let dump = format!(
        "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{{\"id_token\": \"{id}\", \"access_token\": \"{access}\", \"refresh_token\": \"r-123\"}}\n"
    );
    let e = extract(&dump);
    assert_eq!(tokens(&e), [id.as_str(), access.as_str(), "r-123"]);
    assert_eq!(e.candidates[0].source, json_field("id_token", "id_token"));
}

#[test]
fn har_entry_yields_header_cookie_and_response_body_tokens() {
    let (access, cookie, id) = (cognito_access_token(), hs256("c"), es256("id"));
    let body = format!(r#"{{\"id_token\":\"{id}\",\"token_type\":\"Bearer\"}}"#);
    let har = format!(
        r#"{{"log": {{"entries": [{{
  "request": {{
    "method": "GET",
    "url": "https://api.example.com/items",
    "headers": [
      {{"name": "Accept", "value": "application/json"}},
      {{"name": "Authorization", "value": "Bearer {access}"}},
      {{"name": "Cookie", "value": "theme=dark; sid={cookie}"}}
    ]
  }},
  "response": {{"status": 200, "content": {{"mimeType": "application/json", "text": "{body}"}}}}
}}]}}}}"#
    );
    let e = extract(&har);
    assert_eq!(tokens(&e), [access.as_str(), cookie.as_str(), id.as_str()]);
    assert_eq!(
        e.candidates[0].source,
        Source::JsonNamedValue {
            path: "log.entries[0].request.headers[1].value".into(),
            name: "Authorization".into()
        }
    );
    assert_eq!(e.candidates[0].cleanups, vec![Cleanup::BearerPrefix]);
    assert_eq!(
        e.candidates[1].source,
        Source::Cookie { name: "sid".into() }
    );
    assert_eq!(
        e.candidates[2].source,
        json_field("log.entries[0].response.content.text.id_token", "id_token")
    );
}

#[test]
fn token_in_prose_is_labelled_free_text() {
    let t = hs256("prose");
    let c = only(&extract(&format!(
        "Hi team, the API returns 401 for this one: {t} — any idea why?"
    )))
    .clone();
    assert_eq!(c.token, t);
    assert_eq!(c.source, Source::FreeText);
}

#[test]
fn shell_export_and_yaml_assignments_are_named() {
    let (a, b) = (hs256("a"), es256("b"));
    let e = extract(&format!(
        "export ID_TOKEN={a}\nauth:\n  access_token: {b}\n"
    ));
    assert_eq!(tokens(&e), [a.as_str(), b.as_str()]);
    assert_eq!(
        e.candidates[0].source,
        Source::Assignment {
            name: "ID_TOKEN".into()
        }
    );
    assert_eq!(
        e.candidates[1].source,
        Source::Assignment {
            name: "access_token".into()
        }
    );
}

#[test]
fn opaque_bearer_value_becomes_an_opaque_candidate() {
    let c = only(&extract("Bearer 2YotnFZFEjr1zCsicMWpAA")).clone();
    assert_eq!(c.shape, Shape::Opaque);
    assert_eq!(c.token, "2YotnFZFEjr1zCsicMWpAA");
    assert_eq!(c.source, Source::BearerValue);
    assert_eq!(c.cleanups, vec![Cleanup::BearerPrefix]);
}

#[test]
fn opaque_authorization_header_becomes_an_opaque_candidate() {
    let c = only(&extract("Authorization: Bearer 2YotnFZFEjr1zCsicMWpAA\n")).clone();
    assert_eq!(c.shape, Shape::Opaque);
    assert_eq!(
        c.source,
        Source::AuthorizationHeader {
            scheme: "Bearer".into()
        }
    );
}

// ---------------------------------------------------------------------------------------------
// Several tokens, duplicates.

#[test]
fn several_tokens_are_returned_in_order_of_appearance() {
    let (a, b, c) = (hs256("1"), es256("2"), cognito_refresh_token());
    let text = format!("first {c}\nsecond: Authorization: Bearer {a}\nthird '{b}'");
    let e = extract(&text);
    assert_eq!(tokens(&e), [c.as_str(), a.as_str(), b.as_str()]);
}

#[test]
fn same_token_twice_is_reported_once_with_its_first_source() {
    let t = hs256("dup");
    let text = format!(
        "https://app.example.com/cb#id_token={t}\nAuthorization: Bearer {t}\n{{\"id_token\": \"{t}\"}}"
    );
    let c = only(&extract(&text)).clone();
    assert_eq!(
        c.source,
        Source::UrlParam {
            name: "id_token".into(),
            in_fragment: true
        }
    );
}

#[test]
fn json_and_surrounding_text_tokens_interleave_by_position() {
    let (a, b, c) = (hs256("before"), es256("inside"), hs256("after"));
    let text = format!("Authorization: Bearer {a}\n{{\"id_token\": \"{b}\"}}\ntrailing {c}");
    let e = extract(&text);
    assert_eq!(tokens(&e), [a.as_str(), b.as_str(), c.as_str()]);
}

// ---------------------------------------------------------------------------------------------
// Redacted and broken tokens.

#[test]
fn a_stray_space_inside_a_token_is_removed_and_reported() {
    let full = cognito_id_token();
    let at = full.find('.').map_or(10, |d| d + 20);
    let text = format!("Authorization: Bearer {} {}", &full[..at], &full[at..]);
    let c = only(&extract(&text)).clone();
    assert_eq!(c.token, full);
    assert!(
        c.cleanups
            .contains(&Cleanup::StrayBlanksInside { count: 1 }),
        "{:?}",
        c.cleanups
    );
}

#[test]
fn two_segment_redacted_token_becomes_a_jws_with_missing_signature() {
    let full = cognito_id_token();
    let redacted = full.rsplit_once('.').map(|(hp, _)| hp).unwrap_or("");
    let c = only(&extract(redacted)).clone();
    assert_eq!(c.token, format!("{redacted}."));
    assert_eq!(c.shape, Shape::Jws);
    assert_eq!(c.cleanups, vec![Cleanup::SignatureMissing]);
}

#[test]
fn redacted_tokens_on_consecutive_lines_stay_separate() {
    // Regression: joining the lines made a three-part "token" whose payload was not JSON.
    let a = hs256("a");
    let b = es256("b");
    let strip = |t: &str| {
        t.rsplit_once('.')
            .map(|(hp, _)| hp.to_owned())
            .unwrap_or_default()
    };
    let (ra, rb) = (strip(&a), strip(&b));
    let e = extract(&format!("{ra}\n{rb}\n"));
    assert_eq!(tokens(&e), [format!("{ra}."), format!("{rb}.")]);
}

#[test]
fn token_with_empty_signature_part_is_kept_as_is() {
    let hp = format!("{}.{}.", b64(r#"{"alg":"none"}"#), b64(r#"{"sub":"x"}"#));
    let c = only(&extract(&hp)).clone();
    assert_eq!(c.token, hp);
    assert!(c.cleanups.is_empty());
}

#[test]
fn two_segments_without_a_jose_header_are_malformed() {
    let text = format!("{}.{}", b64(r#"{"typ":"JWT"}"#), b64(r#"{"sub":"x"}"#));
    assert_eq!(
        nothing(&extract(&text)),
        &Unrecognised::MalformedCompact {
            segments: 2,
            problem: CompactProblem::HeaderWithoutAlg
        }
    );
}

#[test]
fn five_parts_whose_header_lacks_enc_are_a_failed_jwe() {
    let text = format!("{}.AAAA.BBBB.CCCC.DDDD", b64(r#"{"alg":"RSA-OAEP"}"#));
    assert_eq!(
        nothing(&extract(&text)),
        &Unrecognised::MalformedCompact {
            segments: 5,
            problem: CompactProblem::JweHeaderWithoutEnc
        }
    );
}

#[test]
fn five_parts_with_a_broken_header_are_a_failed_jwe() {
    let text = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NN.AAAA.BBBB.CCCC.DDDD";
    assert_eq!(
        nothing(&extract(text)),
        &Unrecognised::MalformedCompact {
            segments: 5,
            problem: CompactProblem::HeaderNotJson
        }
    );
}

#[test]
fn token_with_cut_off_start_is_malformed() {
    let t = hs256("cut");
    let cut = t.get(5..).unwrap_or("");
    assert!(matches!(
        nothing(&extract(cut)),
        Unrecognised::MalformedCompact { segments: 3, .. }
    ));
}

#[test]
fn jwe_with_direct_encryption_and_empty_key_part_is_recognised() {
    let t = format!(
        "{}..{}.{}.{}",
        b64(r#"{"alg":"dir","enc":"A256GCM","iss":"https://tenant.auth0.com/"}"#),
        URL_SAFE_NO_PAD.encode(noise(1, 12)),
        URL_SAFE_NO_PAD.encode(noise(2, 80)),
        URL_SAFE_NO_PAD.encode(noise(3, 16)),
    );
    let c = only(&extract(&t)).clone();
    assert_eq!(c.shape, Shape::Jwe);
    assert_eq!(c.token, t);
}

#[test]
fn standard_base64_characters_and_padding_are_kept_for_the_decoder() {
    let t = format!(
        "{}=.{}.abc+/def==",
        b64(r#"{"alg":"HS256"}"#),
        b64(r#"{"a":1}"#)
    );
    let c = only(&extract(&t)).clone();
    assert_eq!(c.token, t);
}

// ---------------------------------------------------------------------------------------------
// Nothing found: say what it is.

#[test]
fn empty_paste_says_empty() {
    assert_eq!(nothing(&extract("")), &Unrecognised::Empty);
    assert_eq!(nothing(&extract("  \r\n\t ")), &Unrecognised::Empty);
}

#[test]
fn opaque_paste_reports_its_length() {
    assert_eq!(
        nothing(&extract("  8xLOxBtZp8Vqw3AaBbCcDd  ")),
        &Unrecognised::Opaque { len: 22 }
    );
}

#[test]
fn uuid_paste_is_named() {
    assert_eq!(
        nothing(&extract("\"5b0f0c8e-6f4b-4b8e-9d6b-2a4f1c3e7d90\"")),
        &Unrecognised::Uuid
    );
}

#[test]
fn pem_keys_pasted_in_the_token_box_are_named() {
    let public = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n";
    assert_eq!(nothing(&extract(public)), &Unrecognised::PemKey);
    let private =
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----";
    assert_eq!(nothing(&extract(private)), &Unrecognised::PemPrivateKey);
}

#[test]
fn jwks_jwk_and_discovery_documents_are_named() {
    let jwks = r#"{"keys":[{"kty":"RSA","kid":"k1","alg":"RS256","use":"sig","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB"}]}"#;
    assert_eq!(nothing(&extract(jwks)), &Unrecognised::Jwks);
    assert_eq!(
        nothing(&extract(
            r#"{"kty":"EC","crv":"P-256","x":"f83O","y":"x_FE"}"#
        )),
        &Unrecognised::Jwk
    );
    assert_eq!(
        nothing(&extract(
            r#"{"kty":"EC","crv":"P-256","x":"f83O","y":"x_FE","d":"jpsQ"}"#
        )),
        &Unrecognised::PrivateJwk
    );
    let discovery = format!(r#"{{"issuer":"{POOL}","jwks_uri":"{POOL}/.well-known/jwks.json"}}"#);
    assert_eq!(
        nothing(&extract(&discovery)),
        &Unrecognised::DiscoveryDocument
    );
}

#[test]
fn basic_and_sigv4_authorization_headers_are_not_tokens() {
    assert_eq!(
        nothing(&extract("Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l")),
        &Unrecognised::BasicCredentials
    );
    let sigv4 = "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
    assert_eq!(nothing(&extract(sigv4)), &Unrecognised::AwsSigV4);
}

#[test]
fn a_header_without_its_token_is_said_to_be_one() {
    // Review round 10 (R8): "Authorization: Bearer " read "No token found in this text"; a
    // client that sends the header before it has a token writes nothing, or a placeholder.
    let none = |t: &str| Unrecognised::NoCredential {
        placeholder: t.to_owned(),
    };
    for (text, want) in [
        ("Authorization: Bearer ", none("")),
        ("authorization: bearer", none("")),
        ("Bearer ", none("")),
        ("Authorization: Bearer undefined", none("undefined")),
        ("Bearer null", none("null")),
        ("\"Bearer [object Object]\"", none("[object Object]")),
    ] {
        let e = extract(text);
        assert!(e.candidates.is_empty(), "{text}: {:?}", e.candidates);
        assert_eq!(nothing(&e), &want, "{text}");
        let said = tokenlens::explain::input::unrecognised(&want);
        assert!(said.contains("before it"), "{said}");
    }
    // A real opaque credential, or a word that is not a placeholder, stays what it was.
    assert!(!extract("Authorization: Bearer abcdefgh12345678")
        .candidates
        .is_empty());
    assert!(!matches!(
        nothing(&extract("Bearer of bad news")),
        Unrecognised::NoCredential { .. }
    ));
}

#[test]
fn random_text_is_reported_as_text() {
    assert_eq!(
        nothing(&extract("hello world, nothing to see")),
        &Unrecognised::Text { chars: 27 }
    );
}

#[test]
fn every_nothing_found_has_prose_and_every_candidate_a_label() {
    for text in [
        "",
        "abc",
        "Bearer 2YotnFZFEjr1zCsicMWpAA",
        "-----BEGIN PUBLIC KEY-----",
    ] {
        let e = extract(text);
        if let Some(u) = &e.nothing_found {
            assert!(!explain::unrecognised(u).is_empty());
        }
        for c in &e.candidates {
            assert!(!explain::label(c).is_empty());
            assert!(c.cleanups.iter().all(|x| !explain::cleanup(x).is_empty()));
            let _ = explain::shape(&c.shape);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Robustness.

/// Timed in `examples/hostile_bench.rs` ("token-like noise"): tests assert outcomes only.
#[test]
fn megabytes_of_token_like_noise_yield_no_candidates() {
    let line = "eyJhbGciOiJIUzI1NiJ9eyJhbGciOiJIUzI1NiJ9\n";
    let e = extract(&line.repeat(50_000));
    assert!(e.candidates.is_empty());
    assert!(e.nothing_found.is_some());
    let dots = "eyJ.".repeat(500_000);
    assert!(extract(&dots).candidates.is_empty());
}

#[test]
fn a_token_among_a_megabyte_of_text_is_found() {
    let t = hs256("needle");
    let text = format!(
        "{}\n{t}\n{}",
        "lorem ipsum ".repeat(80_000),
        "dolor ".repeat(80_000)
    );
    assert_eq!(tokens(&extract(&text)), [t.as_str()]);
}

#[test]
fn deeply_nested_json_does_not_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let _ = extract(&deep);
    let deep_obj = "{\"a\":".repeat(50_000);
    let _ = extract(&deep_obj);
}

fn noisy_prefix() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "",
            " ",
            "\n",
            "\t",
            "\r\n",
            "\"",
            "'",
            "`",
            "Bearer ",
            "bearer ",
            "Authorization: Bearer ",
            "authorization: ",
            "token=",
            "  \n  ",
            "x ",
        ]),
        0..4,
    )
    .prop_map(|parts| parts.concat())
}

fn noisy_suffix() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "", " ", "\n", "\t", "\r\n", "\"", "'", "`", ".", ",", " x",
        ]),
        0..4,
    )
    .prop_map(|parts| parts.concat())
}

fn any_token() -> impl Strategy<Value = String> {
    (
        "[a-zA-Z0-9 ]{1,40}",
        prop::sample::select(vec![
            ("HS256", 32),
            ("ES256", 64),
            ("RS256", 256),
            ("EdDSA", 64),
            ("ES512", 132),
        ]),
        any::<u64>(),
    )
        .prop_map(|(sub, (alg, sig), seed)| {
            jws(
                &format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#),
                &format!(r#"{{"sub":"{sub}","exp":1700000000}}"#),
                sig,
                seed,
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic(text in ".{0,400}") {
        let e = extract(&text);
        prop_assert_eq!(e.candidates.is_empty(), e.nothing_found.is_some());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let text = String::from_utf8_lossy(&bytes);
        let e = extract(&text);
        prop_assert_eq!(e.candidates.is_empty(), e.nothing_found.is_some());
    }

    #[test]
    fn token_like_fragments_never_panic(
        parts in prop::collection::vec(
            prop::sample::select(vec![
                "eyJ", "hbGciOiJIUzI1NiJ9", ".", "..", "=", "%3D", "\n", "\\\n", " ", "\"",
                "Bearer ", "Authorization:", "#id_token=", "?code=", "&", "{\"id_token\":\"",
                "\"}", "Cookie: a=", ";", "-----BEGIN ", "é", "\u{a0}",
            ]),
            0..40,
        )
    ) {
        let text = parts.concat();
        let e = extract(&text);
        prop_assert_eq!(e.candidates.is_empty(), e.nothing_found.is_some());
    }

    #[test]
    fn token_in_noise_is_recovered_exactly(
        prefix in noisy_prefix(),
        token in any_token(),
        suffix in noisy_suffix(),
    ) {
        let e = extract(&format!("{prefix}{token}{suffix}"));
        prop_assert_eq!(tokens(&e), vec![token.as_str()]);
    }

    #[test]
    fn wrapped_token_in_noise_is_recovered_exactly(
        prefix in noisy_prefix(),
        token in any_token(),
        suffix in noisy_suffix(),
        width in 8usize..200,
        separator in prop::sample::select(vec!["\n", "\r\n", "\n    ", "\n\t", "\\\n", " \\\n  "]),
    ) {
        let e = extract(&format!("{prefix}{}{suffix}", wrap(&token, width, separator)));
        prop_assert_eq!(tokens(&e), vec![token.as_str()]);
    }
}

#[test]
fn a_payload_cut_to_an_impossible_length_asks_whether_the_token_was_cut_off() {
    // header.payload-cut-short: the last part's length is one past a whole group of four, so it
    // cannot be base64url text; most likely the copy stopped there.
    let header = b64(r#"{"alg":"RS256","kid":"k"}"#);
    let payload = b64(r#"{"sub":"someone","iss":"https://issuer.example.com/","exp":1900000000}"#);
    let keep = (0..payload.len()).rev().find(|n| n % 4 == 1).unwrap();
    let text = format!("{header}.{}", &payload[..keep]);
    let problem = match nothing(&extract(&text)) {
        Unrecognised::MalformedCompact { problem, .. } => problem.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        problem,
        CompactProblem::SegmentNotBase64Url {
            index: 1,
            cut: true,
            why: Some(tokenlens::jose::b64::B64Error::ImpossibleLength { len: keep })
        }
    );
    let said = tokenlens::explain::input::compact_problem(&problem);
    assert!(said.contains("cut off"), "{said}");
    // A character outside the alphabet is not called a cut.
    let bad = format!("{header}.{}!x.sig", &payload[..8]);
    if let Unrecognised::MalformedCompact { problem, .. } = nothing(&extract(&bad)) {
        assert!(!tokenlens::explain::input::compact_problem(problem).contains("cut off"));
    }
    // A review: a character inside the payload gets its place and the character, not only
    // "part 2 is not base64url".
    let starred = format!("{header}.{}*{}.sig", &payload[..60], &payload[61..]);
    match nothing(&extract(&starred)) {
        Unrecognised::MalformedCompact { problem, .. } => {
            let said = tokenlens::explain::input::compact_problem(problem);
            assert!(
                said.starts_with("in part 2") && said.contains("61") && said.contains("'*'"),
                "{said}"
            );
        }
        other => panic!("{other:?}"),
    }
}
