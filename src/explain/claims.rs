//! Prose for the `diagnose::claims` findings: times, issuer, audience, token use, scopes and
//! groups. One exhaustive `match` on [`ClaimCode`]; values come from the code's own fields,
//! quoted; deltas are given in words.

use crate::diagnose::claims::ClaimCode;
use crate::diagnose::finding::{Code, Finding};
use crate::explain::decode::span;
use crate::issuer::{CognitoForm, EntraVersion, PoolId};
use crate::jose::Value;

/// A value quoted as JSON (escapes included).
pub(crate) fn q(s: &str) -> String {
    Value::String(s.into()).compact()
}

/// Most items a list in a sentence names before "and N more".
const LIST_MAX: usize = 20;

/// A list in a sentence: `"a"`, or `"a", "b" or "c"`; long lists are cut with "and N more".
pub(crate) fn list(items: &[String], or: &str) -> String {
    let shown: Vec<String> = items.iter().take(LIST_MAX).map(|s| q(s)).collect();
    let more = items.len().saturating_sub(LIST_MAX);
    match (shown.as_slice(), more) {
        ([], _) => "none".to_owned(),
        ([one], 0) => one.clone(),
        (many, 0) => match many.split_last() {
            Some((last, rest)) => format!("{} {or} {last}", rest.join(", ")),
            None => String::new(),
        },
        (many, n) => format!("{} and {n} more", many.join(", ")),
    }
}

fn leeway_note(leeway: i64) -> String {
    if leeway == 0 {
        "with no leeway (aws-jwt-verify's default)".to_owned()
    } else {
        format!("even with {} of leeway", span(leeway))
    }
}

fn ago(secs: i64) -> String {
    if secs == 0 {
        "this very second (exp equals now, and a token is expired at exp)".to_owned()
    } else {
        format!("{} ago", span(secs))
    }
}

fn form(f: CognitoForm) -> &'static str {
    match f {
        CognitoForm::Original => "ORIGINAL (cognito-idp.…)",
        CognitoForm::Updated => "UPDATED (issuer-cognito-idp.…)",
    }
}

fn version(v: EntraVersion) -> &'static str {
    match v {
        EntraVersion::V1 => "v1.0 (https://sts.windows.net/{tenant}/)",
        EntraVersion::V2 => "v2.0 (https://login.microsoftonline.com/{tenant}/v2.0)",
    }
}

fn pool(p: &PoolId) -> String {
    format!("{} (region {})", q(&p.id), p.region)
}

/// The sentence for a claims finding (empty for another module's finding).
pub fn message(f: &Finding) -> String {
    match &f.code {
        Code::Claims(c) => text(c),
        _ => String::new(),
    }
}

/// How to fix a claims finding, when there is something to do.
pub fn fix(f: &Finding) -> Option<String> {
    match &f.code {
        Code::Claims(c) => fix_for(c),
        _ => None,
    }
}

/// The sentence for a claims code.
pub fn text(c: &ClaimCode) -> String {
    match c {
        ClaimCode::Expired { exp, now, leeway } => format!(
            "The token expired {} (exp is not in the future {}).",
            ago(now.saturating_sub(*exp)),
            leeway_note(*leeway)
        ),
        ClaimCode::ExpiredWithinLeeway { exp, now, leeway } => format!(
            "The token expired {} and passes only because of the {} leeway; a verifier with no leeway (aws-jwt-verify's default) rejects it.",
            ago(now.saturating_sub(*exp)),
            span(*leeway)
        ),
        ClaimCode::NotYetValid { nbf, now, leeway } => format!(
            "nbf is {} in the future {}: the token is not valid yet — your clock or the issuer's is off.",
            span(nbf.saturating_sub(*now)),
            leeway_note(*leeway)
        ),
        ClaimCode::NbfWithinLeeway { nbf, now, leeway } => format!(
            "nbf is {} in the future, inside the {} leeway; your clock or the issuer's is off.",
            span(nbf.saturating_sub(*now)),
            span(*leeway)
        ),
        ClaimCode::IssuedInFuture { iat, now, .. } => format!(
            "iat is {} in the future: the token claims to be issued later than now — your clock or the issuer's is off. API Gateway HTTP API JWT authorizers reject a future iat.",
            span(iat.saturating_sub(*now))
        ),
        ClaimCode::ExpBeforeIat { exp, iat } => format!(
            "exp ({exp}) is {} before iat ({iat}): the token was never valid.",
            span(iat.saturating_sub(*exp))
        ),
        ClaimCode::NoExp => "The token has no exp claim, so it never expires.".to_owned(),
        ClaimCode::TimeMalformed { claim, raw } => format!(
            "{} is {raw} — not a NumericDate (a JSON number of seconds since 1970); verifiers reject the token.",
            claim.name()
        ),
        ClaimCode::TimeInMilliseconds { claim, raw } => format!(
            "{} is {raw}, which looks like milliseconds, not seconds: verifiers read it as a date thousands of years away.",
            claim.name()
        ),
        ClaimCode::NoIss { expected } => format!(
            "The token has no iss claim; the verifier expects {}.",
            list(expected, "or")
        ),
        ClaimCode::IssMalformed { raw, .. } => format!("iss is {raw}, not a string."),
        ClaimCode::IssuerMismatch { actual, expected } => format!(
            "The issuer {} does not match {} exactly (byte for byte).",
            q(actual),
            list(expected, "or")
        ),
        ClaimCode::IssuerTrailingSlash { actual, expected } => format!(
            "The issuers differ only by a trailing slash: token {} vs configured {}. Gateways compare issuers exactly and do not normalise slashes.",
            q(actual),
            q(expected)
        ),
        ClaimCode::IssuerScheme { actual, expected } => format!(
            "The issuers differ only in http vs https: token {} vs configured {}.",
            q(actual),
            q(expected)
        ),
        ClaimCode::IssuerCase { actual, expected } => format!(
            "The issuers differ only in upper/lower case: token {} vs configured {}; the comparison is case-sensitive.",
            q(actual),
            q(expected)
        ),
        ClaimCode::IssuerGoogleSpelling { actual, expected } => format!(
            "Google issues ID tokens with either issuer spelling, accounts.google.com or https://accounts.google.com; this token has {} but only {} is configured.",
            q(actual),
            q(expected)
        ),
        ClaimCode::IssuerOtherRegion {
            token_pool,
            expected_pool,
        } => format!(
            "The token comes from user pool {} in region {}, but the configured pool is {} in region {}: another region, so another pool.",
            q(&token_pool.id),
            token_pool.region,
            q(&expected_pool.id),
            expected_pool.region
        ),
        ClaimCode::IssuerOtherPool {
            token_pool,
            expected_pool,
        } => format!(
            "The token comes from user pool {}, but the configured pool is {}: same region ({}), different pool ID.",
            q(&token_pool.id),
            q(&expected_pool.id),
            token_pool.region
        ),
        ClaimCode::IssuerOtherForm {
            pool: p,
            token_form,
            expected_form,
        } => format!(
            "Same user pool {}, other issuer form: the token carries the {} issuer {}, but {} is configured ({} form). A pool issues one form at a time (its issuer type); exact-match verifiers need the form the token has.",
            pool(p),
            form(*token_form),
            q(&p.issuer(*token_form)),
            q(&p.issuer(*expected_form)),
            form(*expected_form)
        ),
        ClaimCode::IssuerLoginDomain { actual, expected } => format!(
            "The configured issuer {} is the Cognito login (hosted UI) domain; the issuer of Cognito tokens is {}.",
            q(expected),
            q(actual)
        ),
        ClaimCode::IssuerEntraVersion {
            tenant,
            token_version,
            expected_version,
        } => format!(
            "Same Entra tenant {}, other token version: the token is {} but the configured issuer is {}.",
            q(tenant),
            version(*token_version),
            version(*expected_version)
        ),
        ClaimCode::IssuerOtherTenant {
            token_tenant,
            expected_tenant,
        } => format!(
            "The token comes from Entra tenant {}, but tenant {} is configured; exact-match gateways need one issuer per tenant.",
            q(token_tenant),
            q(expected_tenant)
        ),
        ClaimCode::NoAudience { claim, expected } => format!(
            "The token has no {} claim to check against {}.",
            claim.name(),
            list(expected, "or")
        ),
        ClaimCode::AudMalformed { raw, .. } => {
            format!("aud is {raw}, neither a string nor an array of strings.")
        }
        ClaimCode::AudienceMismatch {
            claim,
            raw,
            expected,
        } => format!(
            "{} is {raw}, which is not among the accepted values {}.",
            claim.name(),
            list(expected, "or")
        ),
        ClaimCode::AudCheckedNotClientId { client_id } => format!(
            "client_id {} would match, but the token has an aud claim, and an HTTP API JWT authorizer checks client_id only when aud is absent.",
            q(client_id)
        ),
        ClaimCode::AudienceEntraUriVsGuid { actual, expected } => format!(
            "aud {} and the accepted values {} use different forms of the same Entra API (application ID GUID vs api:// App ID URI); v1 tokens may carry either.",
            list(actual, "and"),
            list(expected, "or")
        ),
        ClaimCode::AudienceKeycloakAccount { azp } => format!(
            "aud is Keycloak's default \"account\" and the requesting client is in azp ({}); the API's own audience is likely missing because no audience mapper adds it.",
            q(azp)
        ),
        ClaimCode::NoTokenUse { expected } => format!(
            "The token has no token_use claim; Cognito verifiers require \"id\" or \"access\" and expect {}.",
            q(expected.as_str())
        ),
        ClaimCode::TokenUseMismatch { raw, expected } => format!(
            "token_use is {raw}, but {} is expected.",
            q(expected.as_str())
        ),
        ClaimCode::NoScopeClaim { required } => format!(
            "The token has neither scope nor scp, so it cannot carry any of the required scopes {} (ID tokens never have scopes).",
            list(required, "or")
        ),
        ClaimCode::ScopeMalformed { raw } => {
            format!("scope is {raw}, not a space-separated string.")
        }
        ClaimCode::ScopeMissing { have, required } => format!(
            "None of the required scopes {} is in the token's scopes ({}).",
            list(required, "or"),
            list(have, "and")
        ),
        ClaimCode::ScopeSdkSignInOnly => "The only scope is aws.cognito.signin.user.admin: this access token came from an SDK/API sign-in (InitiateAuth, SRP, Amplify signIn), which never carries custom resource-server scopes.".to_owned(),
        ClaimCode::EntraRolesNotScopes { roles } => format!(
            "This looks like an Entra app-only token: its permissions are in roles ({roles}), not scp, so scope checks fail."
        ),
        ClaimCode::NoGroupsClaim { required } => format!(
            "The token has no cognito:groups claim; one of {} is required.",
            list(required, "or")
        ),
        ClaimCode::GroupMissing { have, required } => format!(
            "The token's groups ({}) contain none of {}.",
            list(have, "and"),
            list(required, "or")
        ),
    }
}

/// How to fix a claims code, when there is something to do.
pub fn fix_for(c: &ClaimCode) -> Option<String> {
    Some(match c {
        ClaimCode::Expired { .. } => "Get a fresh token (refresh it, e.g. grant_type=refresh_token or REFRESH_TOKEN_AUTH) and retry.".to_owned(),
        ClaimCode::ExpiredWithinLeeway { .. } => "Refresh the token before it expires; don't rely on leeway.".to_owned(),
        ClaimCode::NotYetValid { .. }
        | ClaimCode::NbfWithinLeeway { .. }
        | ClaimCode::IssuedInFuture { .. } => "Sync the clocks (NTP) of this machine and the issuer; allow a small leeway.".to_owned(),
        ClaimCode::TimeInMilliseconds { .. } => "Issue NumericDate values in seconds (divide by 1000).".to_owned(),
        ClaimCode::IssuerMismatch { actual, .. }
        | ClaimCode::IssuerTrailingSlash { actual, .. }
        | ClaimCode::IssuerScheme { actual, .. }
        | ClaimCode::IssuerCase { actual, .. } => format!(
            "Configure the issuer exactly as the token has it: {} (copy `issuer` from the discovery document).",
            q(actual)
        ),
        ClaimCode::IssuerGoogleSpelling { .. } => "Accept both Google issuer spellings.".to_owned(),
        ClaimCode::IssuerOtherRegion { token_pool, .. } | ClaimCode::IssuerOtherPool { token_pool, .. } => format!(
            "Use a token from the configured user pool, or add pool {} to the authorizer/verifier.",
            q(&token_pool.id)
        ),
        ClaimCode::IssuerOtherForm { pool, token_form, .. } => format!(
            "Configure the issuer as {} (the form the pool issues now); aws-jwt-verify ≥ 5.2.0 accepts both forms for a pool.",
            q(&pool.issuer(*token_form))
        ),
        ClaimCode::IssuerLoginDomain { actual, .. } => format!("Configure the issuer as {}.", q(actual)),
        ClaimCode::IssuerEntraVersion { .. } => "Configure the issuer for the version actually issued, or set the API's accessTokenAcceptedVersion to 2.".to_owned(),
        ClaimCode::IssuerOtherTenant { .. } => "Add an issuer per tenant, or use a Lambda authorizer that checks tid.".to_owned(),
        ClaimCode::AudienceMismatch { .. } | ClaimCode::NoAudience { .. } => "Add the value the token carries (Cognito: the app client ID; Entra: the API's client ID or App ID URI; Auth0: the API identifier) to the accepted audiences, or request a token for this API.".to_owned(),
        ClaimCode::AudCheckedNotClientId { .. } => "Add the token's aud value to the audience list.".to_owned(),
        ClaimCode::AudienceEntraUriVsGuid { .. } => "List both the GUID and the api:// form as audiences.".to_owned(),
        ClaimCode::AudienceKeycloakAccount { .. } => "Add an Audience mapper (client scope) for the API in Keycloak.".to_owned(),
        ClaimCode::TokenUseMismatch { .. } | ClaimCode::NoTokenUse { .. } => "Send the other Cognito token (ID vs access), or change the expected token use.".to_owned(),
        ClaimCode::NoScopeClaim { .. } | ClaimCode::ScopeMissing { .. } => "Send an access token that carries one of the required scopes (request it in the OAuth flow, or add it with a pre-token-generation trigger's scopesToAdd).".to_owned(),
        ClaimCode::ScopeSdkSignInOnly => "Use the OAuth endpoints (managed login / /oauth2/token) requesting the custom scope, or add it via pre-token generation V2 scopesToAdd.".to_owned(),
        ClaimCode::EntraRolesNotScopes { .. } => "Check roles in a Lambda authorizer or backend instead of route scopes.".to_owned(),
        ClaimCode::NoGroupsClaim { .. } | ClaimCode::GroupMissing { .. } => "Add the user to one of the required groups and sign in again.".to_owned(),
        ClaimCode::ExpBeforeIat { .. }
        | ClaimCode::NoExp
        | ClaimCode::TimeMalformed { .. }
        | ClaimCode::NoIss { .. }
        | ClaimCode::IssMalformed { .. }
        | ClaimCode::AudMalformed { .. }
        | ClaimCode::ScopeMalformed { .. } => return None,
    })
}
