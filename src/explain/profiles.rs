//! Every sentence of the gateway panel: profile names, verdict lines, one message and fix per
//! profile finding, and the "which token do I send" sentences. REPORTED knowledge is worded
//! "likely".
//!
//! Owns wording only. Must not judge.

use crate::diagnose::choose::Choice;
use crate::diagnose::finding::{Evidence, Finding, Status};
use crate::diagnose::profiles::lambda_ajv::error_class;
use crate::diagnose::profiles::{Need, Profile, ProfileResult, ProfileVerdict};

/// The profile's row title.
pub fn profile_name(p: Profile) -> &'static str {
    match p {
        Profile::RestCognito => "API Gateway REST API — Cognito user pool authorizer",
        Profile::RestTestAuthorizer => "REST API console — Test authorizer",
        Profile::HttpJwt => "API Gateway HTTP API — JWT authorizer",
        Profile::LambdaAjv => "Lambda authorizer — aws-jwt-verify",
        Profile::Oidc => "OpenID Connect resource server",
    }
}

fn need(n: Need) -> &'static str {
    match n {
        Need::IssuerKeys => "whether the signature is accepted — needs the issuer's keys",
        Need::RegexCheck => "whether the token-validation regex matches `aud` — check it by hand",
    }
}

/// The verdict as one line.
pub fn verdict_line(r: &ProfileResult) -> String {
    match &r.verdict {
        ProfileVerdict::Accept => "Would accept this token.".to_owned(),
        ProfileVerdict::Reject {
            status,
            body,
            certain,
            status_sure,
        } => {
            let how = if *certain {
                "Would reject"
            } else {
                "Would likely reject"
            };
            let st = if *status_sure {
                format!("with {status}")
            } else {
                format!("(likely with {status})")
            };
            match body {
                Some(b) => format!("{how} {st} {b}."),
                None => format!("{how} {st}."),
            }
        }
        ProfileVerdict::CannotTell { needs } => {
            let parts: Vec<&str> = needs.iter().map(|n| need(*n)).collect();
            format!("Cannot tell {}.", parts.join("; "))
        }
    }
}

fn ev(f: &Finding, name: &str) -> String {
    f.evidence
        .iter()
        .find_map(|e| match e {
            Evidence::Member {
                name: n, actual, ..
            } if n == name => Some(actual.clone().unwrap_or_else(|| "absent".to_owned())),
            Evidence::Value { label, value } if *label == name => Some(value.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

fn likely(f: &Finding, s: &str) -> String {
    if f.status == Status::Reported {
        format!("Likely: {s}")
    } else {
        s.to_owned()
    }
}

/// What a profile finding means.
pub fn message(f: &Finding) -> String {
    let s = match f.code.as_str() {
        "rest_not_a_jwt" | "http_not_a_jwt" | "oidc_not_a_jwt" => format!("This is not a signed JWT ({}); the authorizer answers 401.", ev(f, "token")),
        "rest_signature_invalid" | "http_signature_invalid" | "oidc_signature_invalid" => "The signature does not match the issuer's key: rejected.".to_owned(),
        "rest_signature_unchecked" | "http_signature_unchecked" | "ajv_signature_unchecked" | "oidc_signature_unchecked" => "Cannot tell whether the signature is accepted — needs the issuer's keys.".to_owned(),
        "rest_not_a_user_pool_token" => format!("The issuer {} is not a Cognito user pool; a Cognito authorizer rejects it with 401.", ev(f, "iss")),
        "rest_pool_not_configured" => "The token comes from a user pool the authorizer is not configured with: 401.".to_owned(),
        "rest_pool_assumed" => format!("Assuming the authorizer is configured with this token's pool {}.", ev(f, "pool")),
        "rest_expired" => "The token has expired: 401, with the body reported as \"The incoming token has expired\".".to_owned(),
        "rest_access_token_on_method_without_scopes" => format!("An access token: a REST method without OAuth scopes treats the token as an ID token and rejects it with 401. The token's scopes: {}.", ev(f, "scope")),
        "rest_id_token_on_method_with_scopes" => "An ID token: a method with OAuth scopes needs an access token carrying one of them; 401.".to_owned(),
        "rest_no_method_scope_in_token" => format!("The token's scopes ({}) share none with the method's: 401, not 403.", ev(f, "scope")),
        "rest_sdk_sign_in_scope_only" => "This access token came from an SDK/API sign-in and carries only aws.cognito.signin.user.admin; it can never carry custom scopes.".to_owned(),
        "rest_validation_regex_blocks_access_token" => "The token-validation regex is matched against aud, which this token lacks: 401.".to_owned(),
        "rest_validation_regex_rejects_aud" => format!("The token-validation regex does not match aud {}: 401.", ev(f, "aud")),
        "rest_validation_regex_not_evaluated" => "The token-validation regex is not a plain list of values; check it against aud by hand.".to_owned(),
        "rest_token_not_from_header" => "The token was found outside a header; this authorizer reads only the configured header.".to_owned(),
        "test_authorizer_access_token" => "The console's Test authorizer supports ID tokens only; an access token fails there even when the deployed method would accept it.".to_owned(),
        "http_alg_not_rsa" => format!("alg {} is not RSA; the JWT authorizer supports RSA algorithms only.", ev(f, "alg")),
        "http_kid_missing" => "The header has no kid; the JWT authorizer needs one that is in the JWKS.".to_owned(),
        "http_kid_not_in_jwks" | "ajv_kid_not_found" => format!("kid {} is not in the issuer's JWKS.", ev(f, "kid")),
        "http_issuer_missing" | "oidc_issuer_missing" => "The token has no iss claim.".to_owned(),
        "http_issuer_mismatch" | "oidc_issuer_mismatch" => format!("iss {} is not byte-for-byte the configured issuer.", ev(f, "iss")),
        "http_issuer_assumed" | "oidc_issuer_assumed" => format!("Assuming the configured issuer is exactly {}.", ev(f, "issuer")),
        "http_no_audience_claim" => "The token has neither aud nor client_id: \"the token does not have a valid audience\".".to_owned(),
        "http_audience_to_configure" => "The audience list must contain this value (aud, or client_id when aud is absent).".to_owned(),
        "http_audience_mismatch" => "Not in the audience list: \"the token does not have a valid audience\".".to_owned(),
        "http_aud_hides_client_id" => "The token has aud, so client_id is not evaluated, even though it is in the list.".to_owned(),
        "http_expired" | "oidc_expired" => "The token has expired.".to_owned(),
        "http_not_yet_valid" | "oidc_not_yet_valid" => "The token is not valid yet (nbf).".to_owned(),
        "http_issued_in_future" => "iat is in the future (issuer clock ahead): rejected.".to_owned(),
        "http_scope_claim_missing" => "The token has no scope or scp claim; a route with scopes rejects it, likely with 403 Forbidden.".to_owned(),
        "http_no_route_scope_in_token" => "No route scope is in the token; rejected, likely with 403 Forbidden.".to_owned(),
        "http_roles_are_not_scopes" => "Permissions are in roles (an app-only token), which the authorizer does not read as scopes.".to_owned(),
        "http_id_token_accepted_without_route_scopes" => "Without route scopes an ID token is accepted too; AWS recommends requiring scopes.".to_owned(),
        "ajv_pool_assumed" => format!("Assuming userPoolId {}.", ev(f, "userPoolId")),
        "ajv_client_id_not_checked" => "clientId is null: the client id is not checked.".to_owned(),
        // AJV (aws-jwt-verify 5.2.1 jwt-verifier.js getIssuerConfig): looked up before any key,
        // signature or claim check; both the regional and the global issuer form are registered.
        "ajv_issuer_not_configured" => match f.evidence.iter().find_map(|e| match e {
            Evidence::Member { name, actual, .. } if name == "iss" => Some(actual.is_some()),
            _ => None,
        }) {
            Some(false) => "The token has no iss claim: aws-jwt-verify throws ParameterValidationError \"issuer must be provided\" before checking the key, signature or any claim.".to_owned(),
            _ => format!("issuer not configured: {} — aws-jwt-verify throws ParameterValidationError before checking the key, signature or any claim; it accepts only the pool's issuer, https://cognito-idp.{{region}}.amazonaws.com/{{userPoolId}} or https://issuer-cognito-idp.{{region}}.amazonaws.com/{{userPoolId}}, exactly (no trailing slash).", ev(f, "iss")),
        },
        "ajv_invalid_pool_id" => format!("Invalid Cognito User Pool ID: {} — create() throws, the authorizer fails (500).", ev(f, "userPoolId")),
        "oidc_alg_not_allowed" => format!("alg {} is not allowed (none and HS* never are for an issuer with public keys).", ev(f, "alg")),
        "oidc_audience_mismatch" => format!("aud {} is not an accepted audience.", ev(f, "aud")),
        "oidc_scope_missing" => "None of the required scopes is in the token.".to_owned(),
        c if error_class(c).is_some() => format!("aws-jwt-verify throws {}.", ev(f, "error")),
        other => other.to_owned(),
    };
    likely(f, &s)
}

/// What to do about it, when there is something to do.
pub fn fix(f: &Finding) -> Option<String> {
    Some(match f.code.as_str() {
        "rest_access_token_on_method_without_scopes" => format!("Send the ID token, or add a scope the token carries (such as {}) to the method's OAuth scopes and redeploy.", ev(f, "scope")),
        "rest_id_token_on_method_with_scopes" | "rest_no_method_scope_in_token" => "Send an access token carrying a method scope (request it in the OAuth flow or add it with a V2 pre-token trigger), then redeploy.".to_owned(),
        "rest_sdk_sign_in_scope_only" => "Use the OAuth endpoints requesting the custom scope, scopesToAdd in a pre-token trigger, or put aws.cognito.signin.user.admin on the method.".to_owned(),
        "rest_expired" | "http_expired" | "oidc_expired" | "ajv_expired" => "Refresh the tokens and retry.".to_owned(),
        "rest_pool_not_configured" | "rest_not_a_user_pool_token" => "Use a token from the configured pool, or add its pool to the authorizer.".to_owned(),
        "rest_validation_regex_blocks_access_token" | "rest_validation_regex_rejects_aud" => "Remove the regex or send ID tokens; check the client id in a Lambda authorizer instead.".to_owned(),
        "test_authorizer_access_token" => "Ignore the console test for access tokens; call the deployed stage with curl.".to_owned(),
        "http_alg_not_rsa" => "Configure the issuer to sign with RS256.".to_owned(),
        "http_issuer_mismatch" | "oidc_issuer_mismatch" => "Copy issuer from the discovery document exactly, trailing slash included.".to_owned(),
        "http_audience_mismatch" | "http_no_audience_claim" | "http_audience_to_configure" => "Put the app client id (Cognito) or API identifier in the audience list.".to_owned(),
        "http_scope_claim_missing" | "http_no_route_scope_in_token" => "Send an access token that carries a route scope.".to_owned(),
        "ajv_invalid_token_use" => "Send the token use the verifier expects, or set tokenUse accordingly.".to_owned(),
        "ajv_invalid_client_id" => "Add the token's client id to clientId.".to_owned(),
        "ajv_issuer_not_configured" => "Send a token from the configured user pool, or set userPoolId to the pool in the token's iss.".to_owned(),
        "rest_signature_unchecked" | "http_signature_unchecked" | "ajv_signature_unchecked" | "oidc_signature_unchecked" => "Fetch or paste the issuer's JWKS.".to_owned(),
        _ => return None,
    })
}

/// The sentence for one "which token" answer; `names` labels the tokens.
pub fn choice_line(c: &Choice, names: &[String]) -> String {
    let name = |i: usize| {
        names
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("token {}", i + 1))
    };
    let head = match c.send {
        Some(i) => format!("{}: send {}.", profile_name(c.profile), name(i)),
        None => format!(
            "{}: none of these tokens would be accepted.",
            profile_name(c.profile)
        ),
    };
    let why: Vec<String> = c
        .reasons
        .iter()
        .map(|(i, f)| match f.code.as_str() {
            "choose_refresh_token_never_sent" => format!(
                "{} is a refresh token: only Cognito can read it; never send it to an API.",
                name(*i)
            ),
            _ => format!("{}: {}", name(*i), message(f)),
        })
        .collect();
    if why.is_empty() {
        head
    } else {
        format!("{head} {}", why.join(" "))
    }
}
