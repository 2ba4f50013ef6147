//! Every sentence about a gateway's answer: what each cause means and what to do.
//! REPORTED knowledge is worded "likely". Owns wording only.

use crate::diagnose::finding::{Finding, Status};

fn ev(f: &Finding, label: &str) -> String {
    f.value(label).unwrap_or_default().to_owned()
}

/// What the answer means.
pub fn message(f: &Finding) -> String {
    let s = match f.code.as_str() {
        "resp_missing_authentication_token" => "Not a token problem: no such path, stage or method (or not deployed), or an unsigned call to an IAM-authorized method.".to_owned(),
        "resp_sigv4_parsed_bearer" | "resp_sigv4_bare_token" => "Not a token problem: API Gateway read the Authorization header as an AWS SigV4 signature — the method uses IAM auth, or the URL is wrong.".to_owned(),
        "resp_sigv4_credentials" => "Not a token problem: AWS SigV4 credentials are wrong.".to_owned(),
        "resp_resource_policy_denies" => "Not a token problem: the API's resource policy (or IAM) denies the call.".to_owned(),
        "resp_lambda_explicit_deny" => "The Lambda authorizer returned an explicit Deny; its logic decided, not the token format.".to_owned(),
        "resp_lambda_policy_cache_trap" => "The Lambda authorizer's policy does not allow this method — very often a cached policy naming only the first method's ARN.".to_owned(),
        "resp_token_expired" => "The token has expired.".to_owned(),
        "resp_lambda_authorizer_error" => "The Lambda authorizer crashed, timed out or returned an invalid policy.".to_owned(),
        "resp_authorizer_or_integration_error" => "A Lambda authorizer or integration error.".to_owned(),
        "resp_invalid_audience" => "The token's aud (or client_id when aud is absent) is not in the authorizer's audience list.".to_owned(),
        "resp_invalid_token" => format!("The JWT authorizer rejected the token: \"{}\" (claim: {}).", ev(f, "error_description"), ev(f, "claim")),
        "resp_unauthorized" => "The authorizer rejected the token or found none; see the gateway rows for which rule.".to_owned(),
        "resp_forbidden" => "A 403 Forbidden: on an HTTP API a missing route scope or a Lambda authorizer saying no; on REST an API key, WAF or private-API block.".to_owned(),
        "resp_preflight_hits_authorizer" => "The CORS preflight OPTIONS carries no token and hit the authorizer.".to_owned(),
        "resp_cors_hides_status" => "The browser hid the answer: gateway 401/403 responses carry no CORS headers unless configured, so the page sees a network error.".to_owned(),
        "resp_customized_gateway_response" => "A non-standard status for an auth failure: someone customized the gateway responses.".to_owned(),
        other => other.to_owned(),
    };
    if f.status == Status::Reported {
        format!("Likely: {s}")
    } else {
        s
    }
}

/// What to do about it.
pub fn fix(f: &Finding) -> Option<&'static str> {
    Some(match f.code.as_str() {
        "resp_missing_authentication_token" | "resp_sigv4_parsed_bearer" | "resp_sigv4_bare_token" => "Check the URL, stage and method, and that the method uses the Cognito/JWT authorizer, not AWS_IAM; redeploy.",
        "resp_resource_policy_denies" => "Fix the resource policy to allow the call.",
        "resp_lambda_policy_cache_trap" => "Return a wildcard resource in the policy, set the cache TTL to 0, or add the path to the identity sources.",
        "resp_token_expired" => "Refresh the tokens and retry.",
        "resp_invalid_audience" => "Add the app client id to the audience list.",
        "resp_preflight_hits_authorizer" => "Add an unauthenticated OPTIONS route and configure CORS.",
        "resp_cors_hides_status" => "Add CORS headers to the DEFAULT_4XX gateway responses, or paste the curl -v output.",
        "resp_lambda_authorizer_error" => "Fix the authorizer code or permissions; return a valid policy.",
        _ => return None,
    })
}
