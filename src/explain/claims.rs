//! Prose for the `diagnose::claims` findings: times, issuer, audience, token use, scopes and
//! groups. Evidence values are quoted; deltas are given in words.

use crate::diagnose::finding::{Evidence, Finding};
use crate::explain::decode::span;

/// The raw value of member `name` in the evidence, or `absent`.
pub(crate) fn actual(f: &Finding, name: &str) -> String {
    member(f, name)
        .and_then(|(a, _)| a)
        .unwrap_or_else(|| "absent".to_owned())
}

/// The expected value of member `name` in the evidence, or `the configured value`.
pub(crate) fn expected(f: &Finding, name: &str) -> String {
    member(f, name)
        .and_then(|(_, e)| e)
        .unwrap_or_else(|| "the configured value".to_owned())
}

fn member(f: &Finding, want: &str) -> Option<(Option<String>, Option<String>)> {
    f.evidence.iter().find_map(|e| match e {
        Evidence::Member {
            name,
            actual,
            expected,
            ..
        } if name == want => Some((actual.clone(), expected.clone())),
        _ => None,
    })
}

/// The first member name in the evidence (which claim a finding is about).
pub(crate) fn first_member(f: &Finding) -> &str {
    f.evidence
        .iter()
        .find_map(|e| match e {
            Evidence::Member { name, .. } => Some(name.as_str()),
            _ => None,
        })
        .unwrap_or("claim")
}

/// A labelled value from the evidence.
pub(crate) fn value(f: &Finding, label: &str) -> String {
    f.value(label).unwrap_or_default().to_owned()
}

/// `value − now` and leeway of the first time evidence.
fn time(f: &Finding) -> (i64, i64) {
    f.evidence
        .iter()
        .find_map(|e| match e {
            Evidence::Time {
                value, now, leeway, ..
            } => Some((value.saturating_sub(*now), *leeway)),
            _ => None,
        })
        .unwrap_or((0, 0))
}

fn leeway_note(leeway: i64) -> String {
    if leeway == 0 {
        "with no leeway (aws-jwt-verify's default)".to_owned()
    } else {
        format!("even with {} of leeway", span(leeway))
    }
}

/// The sentence for a claims finding.
pub fn message(f: &Finding) -> String {
    let (delta, leeway) = time(f);
    let name = first_member(f);
    match f.code.as_str() {
        "token_expired" => format!(
            "The token expired {} ago (exp is in the past {}).",
            span(delta),
            leeway_note(leeway)
        ),
        "expired_within_leeway" => format!(
            "The token expired {} ago and passes only because of the {} leeway; a verifier with no leeway (aws-jwt-verify's default) rejects it.",
            span(delta),
            span(leeway)
        ),
        "token_not_yet_valid" => format!(
            "nbf is {} in the future {}: the token is not valid yet — your clock or the issuer's is off.",
            span(delta),
            leeway_note(leeway)
        ),
        "nbf_within_leeway" => format!(
            "nbf is {} in the future, inside the {} leeway; your clock or the issuer's is off.",
            span(delta),
            span(leeway)
        ),
        "issued_in_future" => format!(
            "iat is {} in the future: the token claims to be issued later than now — your clock or the issuer's is off. API Gateway HTTP API JWT authorizers reject a future iat.",
            span(delta)
        ),
        "exp_before_iat" => format!(
            "exp ({}) is before iat ({}): the token was never valid.",
            actual(f, "exp"),
            actual(f, "iat")
        ),
        "no_exp" => "The token has no exp claim, so it never expires.".to_owned(),
        "exp_malformed" | "nbf_malformed" | "iat_malformed" | "auth_time_malformed" => format!(
            "{name} is {} — not a NumericDate (a JSON number of seconds since 1970); verifiers reject the token.",
            actual(f, name)
        ),
        "time_in_milliseconds" => format!(
            "{name} is {}, which looks like milliseconds, not seconds: verifiers read it as a date thousands of years away.",
            actual(f, name)
        ),
        "no_iss" => format!(
            "The token has no iss claim; the verifier expects {}.",
            expected(f, "iss")
        ),
        "iss_malformed" => format!("iss is {}, not a string.", actual(f, "iss")),
        "issuer_mismatch" => format!(
            "The issuer {} does not match {} exactly (byte for byte).",
            actual(f, "iss"),
            expected(f, "iss")
        ),
        "issuer_trailing_slash" => format!(
            "The issuers differ only by a trailing slash: token {} vs configured {}. Gateways compare issuers exactly and do not normalise slashes.",
            actual(f, "iss"),
            expected(f, "iss")
        ),
        "issuer_scheme" => format!(
            "The issuers differ only in http vs https: token {} vs configured {}.",
            actual(f, "iss"),
            expected(f, "iss")
        ),
        "issuer_case" => format!(
            "The issuers differ only in upper/lower case: token {} vs configured {}; the comparison is case-sensitive.",
            actual(f, "iss"),
            expected(f, "iss")
        ),
        "issuer_google_spelling" => format!(
            "Google issues ID tokens with either issuer spelling, accounts.google.com or https://accounts.google.com; this token has {} but only {} is configured.",
            actual(f, "iss"),
            expected(f, "iss")
        ),
        "issuer_other_region" => format!(
            "The token comes from a Cognito user pool in another region: {} vs configured {}.",
            actual(f, "iss"),
            expected(f, "iss")
        ),
        "issuer_other_pool" => format!(
            "The token comes from another Cognito user pool in the same region: {} vs configured {}.",
            actual(f, "iss"),
            expected(f, "iss")
        ),
        "issuer_login_domain" => format!(
            "The configured issuer {} is the Cognito login (hosted UI) domain; the issuer of Cognito tokens is {}.",
            expected(f, "iss"),
            actual(f, "iss")
        ),
        "issuer_entra_version" => format!(
            "Same Entra tenant, other token version: token {} vs configured {} (v1 issuer is sts.windows.net/…/, v2 is login.microsoftonline.com/…/v2.0).",
            actual(f, "iss"),
            expected(f, "iss")
        ),
        "issuer_other_tenant" => format!(
            "The token comes from another Entra tenant: {} vs configured {}; exact-match gateways need one issuer per tenant.",
            actual(f, "iss"),
            expected(f, "iss")
        ),
        "no_audience" => format!(
            "The token has no {name} claim to check against {}.",
            expected(f, name)
        ),
        "aud_malformed" => format!(
            "aud is {}, neither a string nor an array of strings.",
            actual(f, "aud")
        ),
        "audience_mismatch" => format!(
            "{name} is {}, which is not among the accepted values {}.",
            actual(f, name),
            expected(f, name)
        ),
        "aud_checked_not_client_id" => format!(
            "client_id {} would match, but the token has an aud claim, and an HTTP API JWT authorizer checks client_id only when aud is absent.",
            actual(f, "client_id")
        ),
        "audience_entra_uri_vs_guid" => format!(
            "aud {} and the accepted values {} use different forms of the same Entra API (application ID GUID vs api:// App ID URI); v1 tokens may carry either.",
            actual(f, "aud"),
            expected(f, "aud")
        ),
        "audience_keycloak_account" => format!(
            "aud is Keycloak's default \"account\" and the requesting client is in azp ({}); the API's own audience is likely missing because no audience mapper adds it.",
            actual(f, "azp")
        ),
        "no_token_use" => format!(
            "The token has no token_use claim; Cognito verifiers require \"id\" or \"access\" and expect {}.",
            expected(f, "token_use")
        ),
        "token_use_mismatch" => format!(
            "token_use is {}, but {} is expected.",
            actual(f, "token_use"),
            expected(f, "token_use")
        ),
        "no_scope_claim" => format!(
            "The token has neither scope nor scp, so it cannot carry any of the required scopes {} (ID tokens never have scopes).",
            expected(f, "scope")
        ),
        "scope_malformed" => format!(
            "scope is {}, not a space-separated string.",
            actual(f, "scope")
        ),
        "scope_missing" => format!(
            "None of the required scopes {} is in the token's scopes ({}).",
            expected(f, name),
            match value(f, "token scopes") {
                s if s.is_empty() => "none".to_owned(),
                s => s,
            }
        ),
        "scope_sdk_sign_in_only" => "The only scope is aws.cognito.signin.user.admin: this access token came from an SDK/API sign-in (InitiateAuth, SRP, Amplify signIn), which never carries custom resource-server scopes.".to_owned(),
        "entra_roles_not_scopes" => format!(
            "This looks like an Entra app-only token: its permissions are in roles ({}), not scp, so scope checks fail.",
            actual(f, "roles")
        ),
        "no_groups_claim" => format!(
            "The token has no cognito:groups claim; one of {} is required.",
            expected(f, "cognito:groups")
        ),
        "group_missing" => format!(
            "cognito:groups is {}, which contains none of {}.",
            actual(f, "cognito:groups"),
            expected(f, "cognito:groups")
        ),
        other => format!("Claim check: {other}."),
    }
}

/// How to fix a claims finding, when there is something to do.
pub fn fix(f: &Finding) -> Option<String> {
    Some(match f.code.as_str() {
        "token_expired" => "Get a fresh token (refresh it, e.g. grant_type=refresh_token or REFRESH_TOKEN_AUTH) and retry.".to_owned(),
        "expired_within_leeway" => "Refresh the token before it expires; don't rely on leeway.".to_owned(),
        "token_not_yet_valid" | "nbf_within_leeway" | "issued_in_future" => "Sync the clocks (NTP) of this machine and the issuer; allow a small leeway.".to_owned(),
        "time_in_milliseconds" => "Issue NumericDate values in seconds (divide by 1000).".to_owned(),
        "issuer_mismatch" | "issuer_trailing_slash" | "issuer_scheme" | "issuer_case" => format!(
            "Configure the issuer exactly as the token has it: {} (copy `issuer` from the discovery document).",
            actual(f, "iss")
        ),
        "issuer_google_spelling" => "Accept both Google issuer spellings.".to_owned(),
        "issuer_other_region" | "issuer_other_pool" => "Use a token from the configured user pool, or add this pool to the authorizer/verifier.".to_owned(),
        "issuer_login_domain" => format!("Configure the issuer as {}.", actual(f, "iss")),
        "issuer_entra_version" => "Configure the issuer for the version actually issued, or set the API's accessTokenAcceptedVersion to 2.".to_owned(),
        "issuer_other_tenant" => "Add an issuer per tenant, or use a Lambda authorizer that checks tid.".to_owned(),
        "audience_mismatch" | "no_audience" => "Add the value the token carries (Cognito: the app client ID; Entra: the API's client ID or App ID URI; Auth0: the API identifier) to the accepted audiences, or request a token for this API.".to_owned(),
        "aud_checked_not_client_id" => "Add the token's aud value to the audience list.".to_owned(),
        "audience_entra_uri_vs_guid" => "List both the GUID and the api:// form as audiences.".to_owned(),
        "audience_keycloak_account" => "Add an Audience mapper (client scope) for the API in Keycloak.".to_owned(),
        "token_use_mismatch" | "no_token_use" => "Send the other Cognito token (ID vs access), or change the expected token use.".to_owned(),
        "no_scope_claim" | "scope_missing" => "Send an access token that carries one of the required scopes (request it in the OAuth flow, or add it with a pre-token-generation trigger's scopesToAdd).".to_owned(),
        "scope_sdk_sign_in_only" => "Use the OAuth endpoints (managed login / /oauth2/token) requesting the custom scope, or add it via pre-token generation V2 scopesToAdd.".to_owned(),
        "entra_roles_not_scopes" => "Check roles in a Lambda authorizer or backend instead of route scopes.".to_owned(),
        "no_groups_claim" | "group_missing" => "Add the user to one of the required groups and sign in again.".to_owned(),
        _ => return None,
    })
}
