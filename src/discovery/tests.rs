use super::*;

fn ok(status: u16, body: &str) -> Result<Response, FetchFailure> {
    Ok(Response {
        status,
        content_type: Some("application/json".into()),
        body: body.as_bytes().to_vec(),
        ..Response::default()
    })
}

#[test]
fn cognito_issuers_fetch_their_jwks_directly() {
    let iss = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123";
    assert_eq!(
        plan_for_issuer(iss),
        Ok(KeysPlan::CognitoJwks {
            jwks_url: format!("{iss}/.well-known/jwks.json")
        })
    );
}

#[test]
fn a_cognito_looking_issuer_with_mismatched_regions_goes_through_discovery() {
    let iss = "https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_AbC123";
    assert!(!is_cognito_issuer(iss));
    assert!(matches!(
        plan_for_issuer(iss),
        Ok(KeysPlan::Discovery { .. })
    ));
}

#[test]
fn other_issuers_use_openid_discovery_without_a_double_slash() {
    assert_eq!(
        plan_for_issuer("https://login.example.com/tenant/v2.0/"),
        Ok(KeysPlan::Discovery {
            config_url: "https://login.example.com/tenant/v2.0/.well-known/openid-configuration"
                .into()
        })
    );
}

#[test]
fn plain_http_is_only_allowed_to_this_machine() {
    assert_eq!(check_url("http://127.0.0.1:8080/jwks"), Ok(()));
    assert_eq!(check_url("http://localhost/jwks"), Ok(()));
    assert_eq!(check_url("http://[::1]:9/jwks"), Ok(()));
    assert!(matches!(
        check_url("http://example.com/jwks"),
        Err(UrlProblem::PlainHttp { .. })
    ));
    assert!(matches!(
        check_url("http://127.0.0.1.evil.example/jwks"),
        Err(UrlProblem::PlainHttp { .. })
    ));
    assert!(matches!(
        check_url("eu-west-1_abc"),
        Err(UrlProblem::NotHttpUrl { .. })
    ));
    assert!(matches!(
        check_url("javascript:alert(1)"),
        Err(UrlProblem::NotHttpUrl { .. })
    ));
    assert_eq!(check_url("  "), Err(UrlProblem::Empty));
}

#[test]
fn a_network_failure_is_reported_as_network_or_cors() {
    assert_eq!(
        judge_response("https://x/jwks", Err(FetchFailure::Network)),
        Err(FetchProblem::NetworkOrCors {
            url: "https://x/jwks".into()
        })
    );
}

#[test]
fn http_errors_and_oversized_bodies_are_told_apart() {
    assert!(matches!(
        judge_response("u", ok(404, "nope")),
        Err(FetchProblem::Status { status: 404, .. })
    ));
    let big = "x".repeat(MAX_BODY_BYTES + 1);
    assert!(matches!(
        judge_response("u", ok(200, &big)),
        Err(FetchProblem::TooLarge { .. })
    ));
}

#[test]
fn discovery_reads_jwks_uri_and_flags_an_issuer_mismatch() {
    let body = r#"{"issuer":"https://id.example/","jwks_uri":"https://id.example/keys"}"#;
    let found = judge_discovery("u", "https://id.example", ok(200, body));
    assert_eq!(
        found,
        Ok(Discovered {
            jwks_uri: "https://id.example/keys".into(),
            issuer_mismatch: Some(IssuerMismatch {
                expected: "https://id.example".into(),
                found: Some("https://id.example/".into())
            })
        })
    );
    let exact = judge_discovery("u", "https://id.example/", ok(200, body));
    assert_eq!(exact.map(|d| d.issuer_mismatch), Ok(None));
}

#[test]
fn discovery_without_a_usable_jwks_uri_or_json_says_which() {
    assert!(matches!(
        judge_discovery("u", "i", ok(200, r#"{"issuer":"i"}"#)),
        Err(FetchProblem::NoJwksUri { .. })
    ));
    assert!(matches!(
        judge_discovery("u", "i", ok(200, r#"{"jwks_uri":"ftp://x"}"#)),
        Err(FetchProblem::NoJwksUri { .. })
    ));
    assert!(matches!(
        judge_discovery("u", "i", ok(200, "issuer: i")),
        Err(FetchProblem::NotJson { .. })
    ));
    assert!(matches!(
        judge_discovery("u", "i", ok(200, "<html>")),
        Err(FetchProblem::HtmlPage { .. })
    ));
}

#[test]
fn a_fetched_body_that_is_not_a_key_set_says_whether_it_was_json_or_html() {
    let html = judge_jwks("u", ok(200, "<html>login</html>"));
    assert_eq!(html.map_err(|e| e.code()), Err("html-page"));
    let text = judge_jwks("u", ok(200, "keys: none"));
    assert_eq!(text.map_err(|e| e.code()), Err("not-json"));
    let config = judge_jwks("u", ok(200, r#"{"issuer":"i","jwks_uri":"https://i/k"}"#));
    assert_eq!(config.map_err(|e| e.code()), Err("not-key-set"));
    let missing = judge_jwks("u", ok(404, "{}"));
    assert_eq!(missing.map_err(|e| e.code()), Err("status"));
}

#[test]
fn a_fetched_jwks_yields_its_keys() {
    let body = include_str!("../../static/demo/jwks.json");
    let set = judge_jwks("u", ok(200, body)).expect("demo JWKS parses");
    assert_eq!(set.keys.len(), 2);
}

#[test]
fn x5u_accepts_certificates_only() {
    let cert = include_str!("../../tests/fixtures/jose/public/rsa2048.cert.pem");
    // The token's own pointer to its keys: never the issuer's key set.
    assert_eq!(judge_x5u("u", ok(200, cert)).map(|s| s.issuers), Ok(false));
    let spki = include_str!("../../tests/fixtures/jose/public/rsa2048.spki.pem");
    assert_eq!(
        judge_x5u("u", ok(200, spki)).map_err(|e| e.code()),
        Err("not-key-set")
    );
}

/// Runs a future that never waits (the fake fetchers below answer at once).
fn run<T>(fut: impl std::future::Future<Output = T>) -> T {
    let mut fut = std::pin::pin!(fut);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match fut.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(v) => v,
        std::task::Poll::Pending => unreachable!("fake fetchers are ready at once"),
    }
}

const JWKS: &str = include_str!("../../static/demo/jwks.json");

#[test]
fn discovery_follows_jwks_uri_and_reports_the_mismatch() {
    let asked = std::cell::RefCell::new(Vec::new());
    let get = |url: String, _why: Why| {
        asked.borrow_mut().push(url.clone());
        let body = if url.ends_with("openid-configuration") {
            r#"{"issuer":"https://id.example/","jwks_uri":"https://id.example/keys"}"#
        } else {
            JWKS
        };
        std::future::ready(ok(200, body))
    };
    let fetched = run(fetch_keys(
        KeysRequest::Issuer("https://id.example".into()),
        None,
        get,
    ));
    assert_eq!(
        *asked.borrow(),
        [
            "https://id.example/.well-known/openid-configuration",
            "https://id.example/keys"
        ]
    );
    assert!(fetched.result.is_ok());
    assert!(fetched.issuer_mismatch.is_some());
    assert_eq!(fetched.url, "https://id.example/keys");
}

#[test]
fn the_network_log_is_told_why_each_request_is_made() {
    let whys = std::cell::RefCell::new(Vec::new());
    let get = |url: String, why: Why| {
        whys.borrow_mut().push(why);
        let body = if url.ends_with("openid-configuration") {
            r#"{"issuer":"https://id.example","jwks_uri":"https://id.example/keys"}"#
        } else {
            JWKS
        };
        std::future::ready(ok(200, body))
    };
    let request = KeysRequest::Issuer("https://id.example".into());
    run(fetch_keys(request, Some("rotated-away"), get));
    assert_eq!(
        *whys.borrow(),
        [Why::Discovery, Why::KeySet, Why::KeySetAgain]
    );
    assert_eq!(
        Outcome::of(&ok(200, "{}")),
        Outcome::Answer {
            status: 200,
            bytes: 2,
            redirected_to: None,
            cut: None
        }
    );
}

#[test]
fn a_key_set_without_the_tokens_kid_is_fetched_once_more() {
    let calls = std::cell::Cell::new(0);
    let get = |_url: String, _why: Why| {
        calls.set(calls.get() + 1);
        std::future::ready(ok(200, JWKS))
    };
    let request = KeysRequest::JwksUrl("https://x/jwks".into());
    let fetched = run(fetch_keys(request.clone(), Some("not-there"), get));
    assert_eq!(calls.get(), 2);
    assert!(fetched.refetched);
    let present = fetched
        .result
        .as_ref()
        .ok()
        .and_then(|s| s.kids().first().cloned());
    calls.set(0);
    let again = run(fetch_keys(request, present.as_deref(), get));
    assert_eq!(calls.get(), 1);
    assert!(!again.refetched);
}

#[test]
fn keys_found_from_the_issuer_are_its_own_and_a_typed_url_s_or_a_jku_s_are_not() {
    // A kid the keys found from iss lack is one the issuer does not publish (a rejection); a URL
    // typed may be another environment's, and a jku is the token's own claim about where its
    // keys are, which no gateway follows.
    let get = |url: String, _why: Why| {
        let body = if url.ends_with("openid-configuration") {
            r#"{"issuer":"https://id.example","jwks_uri":"https://id.example/keys"}"#
        } else {
            JWKS
        };
        std::future::ready(ok(200, body))
    };
    for (request, issuers) in [
        (KeysRequest::Issuer("https://id.example".into()), true),
        (
            KeysRequest::JwksUrl("https://id.example/keys".into()),
            false,
        ),
        (
            KeysRequest::HeaderJku("https://id.example/keys".into()),
            false,
        ),
    ] {
        let fetched = run(fetch_keys(request.clone(), None, get));
        let set = fetched.result.as_ref().map_err(|e| e.code());
        assert_eq!(set.map(|s| s.issuers), Ok(issuers), "{request:?}");
    }
}

#[test]
fn a_bad_url_is_never_fetched() {
    let get = |url: String, _why: Why| -> std::future::Ready<Result<Response, FetchFailure>> {
        panic!("fetched {url}")
    };
    let fetched = run(fetch_keys(
        KeysRequest::JwksUrl("http://example.com/k".into()),
        None,
        get,
    ));
    assert_eq!(fetched.result.map_err(|e| e.code()), Err("bad-url"));
    let fetched = run(fetch_keys(
        KeysRequest::Issuer("not a url".into()),
        None,
        get,
    ));
    assert_eq!(fetched.result.map_err(|e| e.code()), Err("bad-url"));
}

#[test]
fn a_cognito_issuer_skips_discovery() {
    let asked = std::cell::RefCell::new(Vec::new());
    let get = |url: String, _why: Why| {
        asked.borrow_mut().push(url);
        std::future::ready(ok(200, JWKS))
    };
    let iss = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_tokenLens";
    let fetched = run(fetch_keys(KeysRequest::Issuer(iss.into()), None, get));
    assert_eq!(*asked.borrow(), [format!("{iss}/.well-known/jwks.json")]);
    assert!(fetched.result.is_ok());
}

#[test]
fn curl_commands_quote_the_url_for_the_shell() {
    assert_eq!(
        curl_command("https://x/a'b"),
        "curl -sS 'https://x/a'\\''b'"
    );
}

fn answer(status: u16, content_type: &str, body: &[u8]) -> Response {
    Response {
        status,
        content_type: Some(content_type.into()),
        body: body.to_vec(),
        ..Response::default()
    }
}

/// `(what the shell handed back) → the problem's code`, for every hostile server behaviour.
#[test]
fn each_hostile_answer_gets_its_own_problem() {
    const URL: &str = "https://keys.example/jwks.json";
    let redirected = |to: &str| Response {
        redirected_to: Some(to.into()),
        ..answer(200, "application/json", JWKS.as_bytes())
    };
    let cut = |cut| Response {
        cut: Some(cut),
        ..answer(200, "application/json", b"{\"keys\":[")
    };
    let html = b"<!DOCTYPE html><html><head><title>\n Sign in \n</title></head></html>";
    let table: Vec<(&str, Result<Response, FetchFailure>, &str)> = vec![
        (
            "network or CORS",
            Err(FetchFailure::Network),
            "network-or-cors",
        ),
        ("timeout", Err(FetchFailure::Timeout), "timeout"),
        ("CSP", Err(FetchFailure::Refused), "refused"),
        (
            "302 to another origin",
            Ok(redirected("https://elsewhere.example/jwks.json")),
            "cross-origin-redirect",
        ),
        (
            "302 to another port",
            Ok(redirected("https://keys.example:8443/jwks.json")),
            "cross-origin-redirect",
        ),
        (
            "302 to http on the same host",
            Ok(redirected("http://keys.example/jwks.json")),
            "cross-origin-redirect",
        ),
        (
            "3xx not followed",
            Ok(answer(300, "text/plain", b"")),
            "status",
        ),
        ("404", Ok(answer(404, "text/plain", b"nope")), "status"),
        (
            "HTML error page",
            Ok(answer(503, "text/html", html)),
            "status",
        ),
        (
            "declared oversize",
            Ok(cut(Cut::Declared { length: 1 << 30 })),
            "too-large",
        ),
        (
            "chunked oversize",
            Ok(cut(Cut::Streamed {
                received: 300_000,
                declared: None,
            })),
            "too-large",
        ),
        (
            "gzip bomb",
            Ok(cut(Cut::Streamed {
                received: 300_000,
                declared: Some(8192),
            })),
            "too-large",
        ),
        (
            "HTML at 200",
            Ok(answer(200, "text/plain", html)),
            "html-page",
        ),
        (
            "plain text",
            Ok(answer(200, "text/plain", b"hello")),
            "not-json",
        ),
        (
            "JSON that is no key set",
            Ok(answer(200, "application/json", b"{\"issuer\":\"x\"}")),
            "not-key-set",
        ),
    ];
    for (what, outcome, code) in table {
        let result = judge_jwks(URL, outcome);
        assert_eq!(
            result.map(|_| ()).map_err(|e| e.code()),
            Err(code),
            "{what}"
        );
    }
}

#[test]
fn oversize_answers_say_how_they_were_seen() {
    let judged = |cut| {
        let response = Response {
            cut: Some(cut),
            ..answer(200, "application/json", b"")
        };
        match judge_response("u", Ok(response)) {
            Err(FetchProblem::TooLarge { size, limit, .. }) => {
                assert_eq!(limit, MAX_BODY_BYTES);
                size
            }
            other => panic!("not too large: {other:?}"),
        }
    };
    assert_eq!(
        judged(Cut::Declared { length: 1 << 30 }),
        Oversize::Declared { length: 1 << 30 }
    );
    assert_eq!(
        judged(Cut::Streamed {
            received: 262_145,
            declared: None
        }),
        Oversize::Streamed { received: 262_145 }
    );
    assert_eq!(
        judged(Cut::Streamed {
            received: 262_145,
            declared: Some(8192)
        }),
        Oversize::Inflated {
            declared: 8192,
            received: 262_145
        }
    );
    // A body over the cap with no cut recorded (a shell that read it all) is still refused.
    let big = answer(200, "application/json", &vec![b' '; MAX_BODY_BYTES + 1]);
    assert!(matches!(
        judge_response("u", Ok(big)),
        Err(FetchProblem::TooLarge {
            size: Oversize::Streamed { .. },
            ..
        })
    ));
}

#[test]
fn an_error_status_wins_over_an_oversize_body_and_names_its_html_page() {
    let response = Response {
        cut: Some(Cut::Declared { length: 1 << 30 }),
        ..answer(
            502,
            "text/html; charset=utf-8",
            b"<html><title>Bad gateway</title></html>",
        )
    };
    assert_eq!(
        judge_response("u", Ok(response)),
        Err(FetchProblem::Status {
            url: "u".into(),
            status: 502,
            page: Some(HtmlPage {
                title: Some("Bad gateway".into())
            })
        })
    );
    let sniffed = judge_jwks("u", Ok(answer(200, "", b"  <html><body>x</body></html>")));
    assert_eq!(
        sniffed.map(|_| ()),
        Err(KeysError::Fetch(FetchProblem::HtmlPage {
            url: "u".into(),
            status: 200,
            page: HtmlPage { title: None }
        }))
    );
}

#[test]
fn a_cross_origin_redirect_is_refused_and_names_both_urls() {
    let get = |_url: String, _why: Why| {
        std::future::ready(Ok(Response {
            redirected_to: Some("https://attacker.example/keys".into()),
            ..answer(200, "application/json", JWKS.as_bytes())
        }))
    };
    let fetched = run(fetch_keys(
        KeysRequest::JwksUrl("https://keys.example/jwks.json".into()),
        None,
        get,
    ));
    let problem = FetchProblem::CrossOriginRedirect {
        url: "https://keys.example/jwks.json".into(),
        to: "https://attacker.example/keys".into(),
    };
    assert_eq!(problem.next_url(), Some("https://attacker.example/keys"));
    assert_eq!(fetched.result.map(|_| ()), Err(KeysError::Fetch(problem)));
    assert_eq!(fetched.redirected_from, None);
}

#[test]
fn a_same_origin_redirect_is_followed_and_its_final_url_shown() {
    let get = |_url: String, _why: Why| {
        std::future::ready(Ok(Response {
            redirected_to: Some("https://KEYS.example:443/v2/jwks.json".into()),
            ..answer(200, "application/json", JWKS.as_bytes())
        }))
    };
    let fetched = run(fetch_keys(
        KeysRequest::JwksUrl("https://keys.example/jwks.json".into()),
        None,
        get,
    ));
    assert!(fetched.result.is_ok());
    assert_eq!(fetched.url, "https://KEYS.example:443/v2/jwks.json");
    assert_eq!(
        fetched.redirected_from.as_deref(),
        Some("https://keys.example/jwks.json")
    );
}

#[test]
fn origins_compare_scheme_host_and_port() {
    for (a, b, same) in [
        ("https://a.example/x", "https://A.EXAMPLE:443/y?z", true),
        ("http://127.0.0.1:8080/a", "http://127.0.0.1:8080/b", true),
        ("http://127.0.0.1:8080/a", "http://127.0.0.1:8081/a", false),
        ("http://127.0.0.1:8080/a", "http://localhost:8080/a", false),
        ("https://a.example/", "http://a.example/", false),
        ("https://a.example/", "https://a.example.evil/", false),
        ("https://user@a.example/", "https://a.example/", true),
        ("https://[::1]:9/", "https://[::1]:9/k", true),
        ("https://a.example:x/", "https://a.example/", false),
        ("ftp://a.example/", "ftp://a.example/", false),
    ] {
        assert_eq!(same_origin(a, b), same, "{a} vs {b}");
    }
}

const POOL_ORIGINAL: &str = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123";
const POOL_UPDATED: &str = "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123";

#[test]
fn a_cognito_pool_has_both_key_set_urls_with_the_tokens_own_form_first() {
    let original = format!("{POOL_ORIGINAL}/.well-known/jwks.json");
    let updated = format!("{POOL_UPDATED}/.well-known/jwks.json");
    assert_eq!(
        cognito_jwks_urls(POOL_ORIGINAL),
        Some([original.clone(), updated.clone()])
    );
    assert_eq!(
        cognito_jwks_urls(POOL_UPDATED),
        Some([updated.clone(), original])
    );
    assert_eq!(
        plan_for_issuer(POOL_UPDATED),
        Ok(KeysPlan::CognitoJwks { jwks_url: updated })
    );
    assert_eq!(cognito_jwks_urls("https://login.example.com"), None);
    let eusc = "https://cognito-idp.eusc-de-east-1.amazonaws.com/eusc-de-east-1_Z9";
    assert!(matches!(
        plan_for_issuer(eusc),
        Ok(KeysPlan::CognitoJwks { .. })
    ));
}

/// A fake Cognito: answers `status` for URLs on `host_prefix`, 200 with the demo keys elsewhere.
fn cognito_fake<'a>(
    asked: &'a std::cell::RefCell<Vec<String>>,
    failing_host: &'a str,
    failure: Result<Response, FetchFailure>,
) -> impl Fn(String, Why) -> std::future::Ready<Result<Response, FetchFailure>> + 'a {
    move |url: String, _why: Why| {
        asked.borrow_mut().push(url.clone());
        let fails = url.starts_with(&format!("https://{failing_host}"));
        std::future::ready(if fails {
            failure.clone()
        } else {
            ok(200, JWKS)
        })
    }
}

#[test]
fn a_pool_on_the_original_issuer_fetches_one_url() {
    let asked = std::cell::RefCell::new(Vec::new());
    let get = cognito_fake(&asked, "issuer-cognito-idp.", ok(403, "{}"));
    let fetched = run(fetch_keys(
        KeysRequest::Issuer(POOL_ORIGINAL.into()),
        None,
        get,
    ));
    assert!(fetched.result.is_ok());
    assert_eq!(
        *asked.borrow(),
        [format!("{POOL_ORIGINAL}/.well-known/jwks.json")]
    );
    assert!(fetched.also_failed.is_empty());
}

#[test]
fn an_updated_issuer_whose_key_set_answers_403_falls_back_to_the_original_url() {
    let asked = std::cell::RefCell::new(Vec::new());
    let get = cognito_fake(&asked, "issuer-cognito-idp.", ok(403, "{}"));
    let fetched = run(fetch_keys(
        KeysRequest::Issuer(POOL_UPDATED.into()),
        None,
        get,
    ));
    let updated = format!("{POOL_UPDATED}/.well-known/jwks.json");
    let original = format!("{POOL_ORIGINAL}/.well-known/jwks.json");
    assert_eq!(*asked.borrow(), [updated.clone(), original.clone()]);
    assert!(fetched.result.is_ok());
    assert_eq!(fetched.url, original);
    assert_eq!(
        fetched.also_failed,
        [(
            updated.clone(),
            KeysError::Fetch(FetchProblem::UpdatedIssuerForbidden { url: updated })
        )]
    );
}

#[test]
fn when_both_cognito_urls_fail_the_tokens_own_form_is_the_reported_failure() {
    let asked = std::cell::RefCell::new(Vec::new());
    let get = cognito_fake(&asked, "", ok(404, "not found"));
    let fetched = run(fetch_keys(
        KeysRequest::Issuer(POOL_ORIGINAL.into()),
        None,
        get,
    ));
    assert_eq!(asked.borrow().len(), 2);
    assert_eq!(
        fetched.url,
        format!("{POOL_ORIGINAL}/.well-known/jwks.json")
    );
    assert!(matches!(
        fetched.result,
        Err(KeysError::Fetch(FetchProblem::Status { status: 404, .. }))
    ));
    // The UPDATED URL's answer for this pool is listed, not reported as "pool does not exist".
    assert_eq!(fetched.also_failed.len(), 1);
    let forbidden = run(fetch_keys(
        KeysRequest::JwksUrl(format!("{POOL_UPDATED}/.well-known/jwks.json")),
        None,
        cognito_fake(&asked, "", ok(403, "{}")),
    ));
    assert_eq!(
        forbidden.result.map(|_| ()).map_err(|e| e.code()),
        Err("updated-issuer-forbidden")
    );
}

#[test]
fn a_cognito_key_set_that_gives_no_answer_is_not_asked_again_elsewhere() {
    for (failure, code) in [
        (FetchFailure::Timeout, "timeout"),
        (FetchFailure::Network, "network-or-cors"),
        (FetchFailure::Refused, "refused"),
    ] {
        let asked = std::cell::RefCell::new(Vec::new());
        let get = cognito_fake(&asked, "", Err(failure));
        let fetched = run(fetch_keys(
            KeysRequest::Issuer(POOL_UPDATED.into()),
            None,
            get,
        ));
        assert_eq!(asked.borrow().len(), 1, "{code}");
        assert_eq!(fetched.result.map(|_| ()).map_err(|e| e.code()), Err(code));
        assert!(fetched.also_failed.is_empty());
    }
}

#[test]
fn the_network_log_says_where_a_redirect_ended_and_when_reading_stopped() {
    let response = Response {
        redirected_to: Some("https://b/".into()),
        cut: Some(Cut::Declared { length: 9 }),
        ..answer(200, "application/json", b"")
    };
    assert_eq!(
        Outcome::of(&Ok(response)),
        Outcome::Answer {
            status: 200,
            bytes: 0,
            redirected_to: Some("https://b/".into()),
            cut: Some(Cut::Declared { length: 9 })
        }
    );
}
