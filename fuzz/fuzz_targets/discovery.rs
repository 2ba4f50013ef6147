//! Where keys live and what a fetch returned (`tokenlens::discovery`): issuer → plan, URL
//! checks, and judging JWKS / discovery / x5u responses. The first line of the input is the
//! issuer or URL, the rest the response body.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tokenlens::discovery::{self, Response};

fuzz_target!(|data: &[u8]| {
    let (head, body) = match data.iter().position(|b| *b == b'\n') {
        Some(at) => data.split_at(at),
        None => (data, &[][..]),
    };
    let iss = String::from_utf8_lossy(head);
    let _ = discovery::plan_for_issuer(&iss);
    let _ = discovery::check_url(&iss);
    let _ = discovery::is_cognito_issuer(&iss);
    let _ = discovery::curl_command(&iss);
    let response = || {
        Ok(Response {
            status: 200,
            content_type: Some("application/json".to_owned()),
            body: body.to_vec(),
            redirected_to: None,
            cut: None,
        })
    };
    let _ = discovery::judge_jwks(&iss, response());
    let _ = discovery::judge_discovery(&iss, &iss, response());
    let _ = discovery::judge_x5u(&iss, response());
});
