//! Prose for the aws-jwt-verify profile (`diagnose::profiles::lambda_ajv`): each `AjvCode`'s
//! message and fix, the library's error class and its exact message text (aws-jwt-verify 5.2.1,
//! knowledge §6), and the status each API type answers with (C6). Exhaustive `match`es only.
//!
//! Owns wording only. Must not judge.

use crate::diagnose::config::{pool_of_issuer, LambdaApi};
use crate::diagnose::finding::{Code, Evidence, Finding};
use crate::diagnose::profiles::lambda_ajv::{
    AjvCode, AjvError, ClientClaim, MemberType, Mismatch, ParseProblem, SUPPORTED_ALGS,
};
use crate::explain::decode::span;
use crate::timefmt;

/// The aws-jwt-verify error class a code stands for (`JwtExpiredError`, …), thrown or not.
pub fn error_class(code: &AjvCode) -> Option<&'static str> {
    code.error().map(class)
}

/// The class of one library error (`src/error.ts`).
pub fn class(error: &AjvError) -> &'static str {
    match error {
        AjvError::InvalidPoolId { .. }
        | AjvError::IssuerMissing
        | AjvError::IssuerNotConfigured { .. } => "ParameterValidationError",
        AjvError::Parse(_) => "JwtParseError",
        AjvError::NoKid => "JwtWithoutValidKidError",
        AjvError::KidNotFound { .. } => "KidNotFoundInJwksError",
        AjvError::JwkInvalidKty { .. } => "JwkInvalidKtyError",
        AjvError::JwkInvalidUse { .. } => "JwkInvalidUseError",
        AjvError::AlgMismatch { .. } | AjvError::AlgNotAllowed { .. } => {
            "JwtInvalidSignatureAlgorithmError"
        }
        AjvError::InvalidSignature => "JwtInvalidSignatureError",
        AjvError::Expired { .. } => "JwtExpiredError",
        AjvError::NotBefore { .. } => "JwtNotBeforeError",
        AjvError::Scope { .. } => "JwtInvalidScopeError",
        AjvError::Group { .. } => "CognitoJwtInvalidGroupError",
        AjvError::TokenUse { .. } => "CognitoJwtInvalidTokenUseError",
        AjvError::ClientId { .. } => "CognitoJwtInvalidClientIdError",
    }
}

/// `new Date(secs * 1000).toISOString()`: four-digit years, else a sign and six digits
/// (ECMA-262 expanded years).
fn iso(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (year, month, day) = timefmt::civil_from_days(days);
    let year = if (0..=9999).contains(&year) {
        format!("{year:04}")
    } else if year < 0 {
        format!("-{:06}", year.unsigned_abs())
    } else {
        format!("+{year:06}")
    };
    format!(
        "{year}-{month:02}-{day:02}T{:02}:{:02}:{:02}.000Z",
        sod / 3_600,
        sod % 3_600 / 60,
        sod % 60
    )
}

/// assert.js `expectationMessage`.
fn expectation(expected: &[String]) -> String {
    match expected {
        [one] => format!("Expected: {one}"),
        many => format!("Expected one of: {}", many.join(", ")),
    }
}

/// assert.js's messages for one label.
fn assertion(label: &str, found: &Mismatch, expected: &[String]) -> String {
    match found {
        Mismatch::Missing => format!("Missing {label}. {}", expectation(expected)),
        Mismatch::NotString(_) => format!("{label} is not of type string"),
        Mismatch::NotArray(_) => format!("{label} is not an array"),
        Mismatch::NonStringElement(_) => {
            format!("{label} includes elements that are not of type string")
        }
        Mismatch::NotAllowed(items) => format!(
            "{label} not allowed: {}. {}",
            items.join(", "),
            expectation(expected)
        ),
    }
}

/// The message the library puts on the error, exactly (aws-jwt-verify 5.2.1).
pub fn thrown_message(error: &AjvError) -> String {
    match error {
        AjvError::InvalidPoolId { pool_id } => format!("Invalid Cognito User Pool ID: {pool_id}"),
        AjvError::Parse(p) => match p {
            ParseProblem::NotThreeParts => {
                "JWT string does not consist of exactly 3 parts (header, payload, signature)"
                    .to_owned()
            }
            ParseProblem::HeaderNotJson => {
                "Invalid JWT. Header is not a valid JSON object".to_owned()
            }
            ParseProblem::HeaderNotObject => "JWT header is not an object".to_owned(),
            ParseProblem::HeaderMember { name, .. } => {
                format!("JWT header {name} claim is not a string")
            }
            ParseProblem::PayloadNotObject => {
                "Invalid JWT. Payload is not a valid JSON object".to_owned()
            }
            ParseProblem::PayloadMember { name, expected, .. } => {
                let what = match expected {
                    MemberType::Number => "a number",
                    MemberType::String => "a string",
                    MemberType::StringOrArray => "a string or array of strings",
                };
                format!("JWT payload {name} claim is not {what}")
            }
        },
        AjvError::IssuerMissing => "issuer must be provided".to_owned(),
        AjvError::IssuerNotConfigured { iss, .. } => format!("issuer not configured: {iss}"),
        AjvError::NoKid => "JWT header does not have valid kid claim".to_owned(),
        AjvError::KidNotFound { kid, .. } => format!("JWK for kid \"{kid}\" not found in the JWKS"),
        AjvError::JwkInvalidKty { kty } => {
            format!("JWK kty not allowed: {kty}. Expected one of: EC, RSA, OKP")
        }
        AjvError::JwkInvalidUse { use_ } => format!("JWK use not allowed: {use_}. Expected: sig"),
        AjvError::AlgMismatch { alg, jwk_alg } => match alg {
            Some(a) => format!("JWT signature algorithm not allowed: {a}. Expected: {jwk_alg}"),
            None => format!("Missing JWT signature algorithm. Expected: {jwk_alg}"),
        },
        AjvError::AlgNotAllowed { alg, .. } => {
            let all: Vec<String> = SUPPORTED_ALGS.iter().map(|s| (*s).to_owned()).collect();
            match alg {
                Some(a) => format!(
                    "JWT signature algorithm not allowed: {a}. {}",
                    expectation(&all)
                ),
                None => format!("Missing JWT signature algorithm. {}", expectation(&all)),
            }
        }
        AjvError::InvalidSignature => "Invalid signature".to_owned(),
        AjvError::Expired { exp, .. } => format!("Token expired at {}", iso(*exp)),
        AjvError::NotBefore { nbf, .. } => format!("Token can't be used before {}", iso(*nbf)),
        AjvError::Scope { found, expected } => assertion("Scope", found, expected),
        AjvError::Group { found, expected } => assertion("Cognito group", found, expected),
        AjvError::TokenUse {
            found, expected, ..
        } => assertion("Token use", found, expected),
        AjvError::ClientId {
            claim,
            found,
            expected,
        } => {
            let label = match claim {
                ClientClaim::Aud => "Client ID (\"audience\")",
                ClientClaim::ClientId => "Client ID",
            };
            assertion(label, found, expected)
        }
    }
}

/// What the cause is, in the user's own values.
fn cause(error: &AjvError, now: Option<i64>) -> String {
    match error {
        AjvError::InvalidPoolId { pool_id } => format!(
            "userPoolId \"{pool_id}\" is not a Cognito user pool id ({{region}}_{{id}}, e.g. \
             eu-west-1_AbC123; eusc- regions are valid)"
        ),
        AjvError::Parse(p) => match p {
            ParseProblem::NotThreeParts => {
                "the token is not three base64url parts separated by dots".to_owned()
            }
            ParseProblem::HeaderNotJson => "the header is not base64url-encoded JSON".to_owned(),
            ParseProblem::HeaderNotObject => "the header is JSON but not an object".to_owned(),
            ParseProblem::HeaderMember { name, raw } => {
                format!("the header's {name} is {raw}, not a string")
            }
            ParseProblem::PayloadNotObject => "the payload is not a JSON object".to_owned(),
            ParseProblem::PayloadMember { name, raw, .. } => {
                format!("the payload's {name} has the wrong type ({raw})")
            }
        },
        AjvError::IssuerMissing => {
            "the token has no iss claim, so no issuer configuration can be looked up".to_owned()
        }
        AjvError::IssuerNotConfigured { iss, configured } => match configured {
            Some([original, updated]) => format!(
                "iss {iss} is neither of the configured pool's issuers, {original} and {updated} \
                 (exact match, no trailing slash){}",
                pools_differ(iss, original)
            ),
            None => format!(
                "iss {iss} is not a Cognito user pool issuer{}",
                crate::explain::identity::cognito_problem(iss)
            ),
        },
        AjvError::NoKid => "the header has no kid".to_owned(),
        AjvError::KidNotFound { kid, alb: true, .. } => format!(
            "kid {kid} names the load balancer's own key (this is its x-amzn-oidc-data token), \
             which the pool's JWKS never has"
        ),
        AjvError::KidNotFound { kid, available, .. } => {
            if available.is_empty() {
                format!("kid {kid} is not in the pool's JWKS (even after a re-fetch)")
            } else {
                format!(
                    "kid {kid} is not in the pool's JWKS, which has {} (even after a re-fetch)",
                    available.join(", ")
                )
            }
        }
        AjvError::JwkInvalidKty { kty } => {
            format!("the JWK with this kid has kty {kty}, not EC, RSA or OKP")
        }
        AjvError::JwkInvalidUse { use_ } => {
            format!("the JWK with this kid has use {use_}, not sig")
        }
        AjvError::AlgMismatch { alg, jwk_alg } => format!(
            "the token's alg {} is not the JWK's alg {jwk_alg}",
            alg.as_deref().unwrap_or("(absent)")
        ),
        AjvError::AlgNotAllowed { alg, kid_checked } => {
            let a = alg.as_deref().unwrap_or("(absent)");
            if *kid_checked {
                format!("alg {a} is not one of {}", SUPPORTED_ALGS.join(", "))
            } else {
                format!(
                    "alg {a} is not one of {} (if the kid is not in the pool's JWKS, \
                     KidNotFoundInJwksError comes first — rejected either way)",
                    SUPPORTED_ALGS.join(", ")
                )
            }
        }
        AjvError::InvalidSignature => {
            "the signature does not match the pool's key with this kid".to_owned()
        }
        AjvError::Expired { exp, grace } => match now {
            Some(now) => format!(
                "the token expired {} ago (graceSeconds {grace})",
                span(now.saturating_sub(*exp))
            ),
            None => format!("the token has expired (graceSeconds {grace})"),
        },
        AjvError::NotBefore { nbf, grace } => match now {
            Some(now) => format!(
                "the token is not valid for another {} (graceSeconds {grace})",
                span(nbf.saturating_sub(now))
            ),
            None => format!("the token is not valid yet (graceSeconds {grace})"),
        },
        AjvError::Scope { found, expected } => format!(
            "scope {} shares none of {} (the claim is split on spaces only; tabs and newlines \
             are part of a scope)",
            found_text(found),
            expected.join(", ")
        ),
        AjvError::Group { found, expected } => format!(
            "cognito:groups {} has none of {} (a string is one group, never split)",
            found_text(found),
            expected.join(", ")
        ),
        AjvError::TokenUse {
            found, expected, ..
        } => format!(
            "token_use {} is not {}",
            found_text(found),
            expected.join(" or ")
        ),
        AjvError::ClientId {
            claim,
            found,
            expected,
        } => match (claim, found) {
            (ClientClaim::Aud, Mismatch::NotString(raw)) => format!(
                "this ID token's aud is {raw}: an ID token's audience must be one string, even \
                 when the array holds an accepted client id"
            ),
            (ClientClaim::Aud, _) => format!(
                "aud {} is not an accepted client id ({})",
                found_text(found),
                expected.join(", ")
            ),
            (ClientClaim::ClientId, _) => format!(
                "client_id {} is not an accepted client id ({})",
                found_text(found),
                expected.join(", ")
            ),
        },
    }
}

/// What differs between the token's pool and the configured one, when both are Cognito pools.
fn pools_differ(iss: &str, configured_issuer: &str) -> String {
    let (Some(token), Some(want)) = (pool_of_issuer(iss), pool_of_issuer(configured_issuer)) else {
        return String::new();
    };
    if token.id == want.id {
        // Same pool, other host form or spelling: only the exact text differs.
        return String::new();
    }
    if token.region != want.region {
        format!(
            ": the token is from pool {} in {}, the verifier is set to pool {} in {}",
            token.id, token.region, want.id, want.region
        )
    } else {
        format!(
            ": the token is from pool {}, the verifier is set to pool {} (same region {})",
            token.id, want.id, want.region
        )
    }
}

fn found_text(found: &Mismatch) -> String {
    match found {
        Mismatch::Missing => "(absent or empty)".to_owned(),
        Mismatch::NotString(raw) | Mismatch::NotArray(raw) | Mismatch::NonStringElement(raw) => {
            raw.clone()
        }
        Mismatch::NotAllowed(items) => {
            let items: Vec<String> = items.iter().map(|i| i.escape_debug().to_string()).collect();
            format!("\"{}\"", items.join("\", \""))
        }
    }
}

/// The answer the API gives for a thrown error (C6, L3, L6, L7).
fn answer(error: &AjvError, api: LambdaApi) -> &'static str {
    if let AjvError::InvalidPoolId { .. } = error {
        return "create() throws when the function starts, so every request fails with 500 \
                (REST and HTTP API alike).";
    }
    match api {
        LambdaApi::Rest => {
            "A REST TOKEN/REQUEST authorizer that throws the error \"Unauthorized\" answers 401 \
             {\"message\":\"Unauthorized\"}; any other thrown error gives 500."
        }
        LambdaApi::Http => {
            "An HTTP API authorizer returning the simple response {\"isAuthorized\": false} \
             answers 403, likely with {\"message\":\"Forbidden\"}; if the function throws or \
             returns an invalid response, 500."
        }
        LambdaApi::Unknown => {
            "The status depends on the API: a REST authorizer that throws \"Unauthorized\" \
             answers 401; an HTTP API authorizer returning {\"isAuthorized\": false} answers \
             403 (likely {\"message\":\"Forbidden\"}); a function that throws anything else \
             gives 500."
        }
    }
}

/// The clock from a finding's time evidence, when it has one.
fn now_of(f: &Finding) -> Option<i64> {
    f.evidence.iter().find_map(|e| match e {
        Evidence::Time { now, .. } => Some(*now),
        _ => None,
    })
}

/// What an aws-jwt-verify code means, given the clock (for "expired … ago").
pub fn message_of(code: &AjvCode, now: Option<i64>) -> String {
    match code {
        AjvCode::Throws { error, api } => format!(
            "aws-jwt-verify throws {} \"{}\": {}. {}",
            class(error),
            thrown_message(error),
            cause(error, now),
            answer(error, *api)
        ),
        AjvCode::NotReached { error } => format!(
            "Not reached: {} \"{}\" — {}; aws-jwt-verify throws an earlier error first.",
            class(error),
            thrown_message(error),
            cause(error, now)
        ),
        AjvCode::IfSignatureAccepted { error } => format!(
            "If the key and signature pass, aws-jwt-verify then throws {} \"{}\": {}.",
            class(error),
            thrown_message(error),
            cause(error, now)
        ),
        AjvCode::KeysNeeded { kid, given: true } => format!(
            "The keys given have no key with kid {kid}, and may not be the issuer's: whether the \
             pool's JWKS has it and the signature is accepted needs the issuer's keys; the checks \
             after it depend on that."
        ),
        AjvCode::KeysNeeded { kid, .. } => format!(
            "Cannot tell whether kid {kid} is in the pool's JWKS and the signature is accepted \
             — needs the issuer's keys; the checks after it depend on that."
        ),
        AjvCode::SignaturePending { kid } => {
            format!("Checking the signature with kid {kid}…; the checks after it depend on that.")
        }
        AjvCode::PoolAssumed { pool_id } => {
            format!("Assuming userPoolId {pool_id}, the pool in the token's iss.")
        }
        AjvCode::ClientIdNotChecked => "clientId is null: the client id is not checked.".to_owned(),
        AjvCode::SinceV52 { eusc } => format!(
            "aws-jwt-verify takes {} only since 5.2.0; 5.1.x rejects it{}.",
            if *eusc {
                "an eusc- pool id"
            } else {
                "a pool's UPDATED issuer (issuer-cognito-idp.…)"
            },
            if *eusc {
                " (Invalid Cognito User Pool ID)"
            } else {
                " as another issuer"
            }
        ),
        AjvCode::BearerToStrip => "The token is sent after \"Bearer \", and the authorizer \
             function receives the whole header value: it must take \"Bearer \" off before \
             verify(), which otherwise throws JwtParseError (the JWT does not consist of three \
             parts)."
            .to_owned(),
        AjvCode::CustomCheckNotModelled => {
            "If the authorizer passes a customJwtCheck, it runs here — after the signature and \
             time checks, before the group, token_use and client-id checks — and its error \
             would win over theirs; it is not modelled."
                .to_owned()
        }
    }
}

/// The configuration under which a Lambda row that accepts because nothing was configured would
/// really accept (see `explain::profiles::verdict_line`).
pub fn assumption(c: &AjvCode) -> Option<String> {
    match c {
        AjvCode::PoolAssumed { pool_id } => Some(format!("the verifier's userPoolId is {pool_id}")),
        AjvCode::ClientIdNotChecked => {
            Some("its clientId is null or lists the token's client id".to_owned())
        }
        AjvCode::BearerToStrip => Some("the function strips \"Bearer \" first".to_owned()),
        AjvCode::SinceV52 { .. } => {
            Some("it runs aws-jwt-verify 5.2.0 or later (5.2.1 if it calls hydrate())".to_owned())
        }
        _ => None,
    }
}

/// What a Lambda-profile finding means.
pub fn message(f: &Finding) -> String {
    match &f.code {
        Code::Ajv(c) => message_of(c, now_of(f)),
        other => other.as_str().to_owned(),
    }
}

/// What to do about an error.
fn remedy(error: &AjvError) -> Option<&'static str> {
    Some(match error {
        AjvError::InvalidPoolId { .. } => {
            "Set userPoolId to the pool id exactly as the Cognito console shows it."
        }
        AjvError::Parse(ParseProblem::HeaderMember { name: "kid", .. }) => {
            "Have the issuer write kid as a string; aws-jwt-verify refuses any other type."
        }
        AjvError::Parse(_) => {
            "Send the raw JWT (strip \"Bearer \" in the authorizer), as the issuer wrote it."
        }
        AjvError::IssuerMissing | AjvError::IssuerNotConfigured { .. } => {
            "Send a token from the configured user pool, or set userPoolId to the pool in the \
             token's iss (5.2.0+ accepts both the cognito-idp and issuer-cognito-idp forms). A \
             token from another identity provider needs the library's JwtVerifier, which this row \
             does not model."
        }
        AjvError::NoKid => "Send a token signed by the pool; Cognito always sets kid.",
        AjvError::KidNotFound { alb: true, .. } => {
            "Send the identity provider's token (the ALB forwards it as \
             x-amzn-oidc-accesstoken), or verify this one with the ALB's key (AlbJwtVerifier)."
        }
        AjvError::KidNotFound { .. } => {
            "Use a token from this pool; after a miss the library waits 10 s before re-fetching \
             the JWKS."
        }
        AjvError::JwkInvalidKty { .. } | AjvError::JwkInvalidUse { .. } => {
            "Fix the JWKS entry for this kid (kty EC/RSA/OKP, use sig)."
        }
        AjvError::AlgMismatch { .. } | AjvError::AlgNotAllowed { .. } => {
            "Sign with RS256 (as Cognito does); none, HS* and PS* are never accepted."
        }
        AjvError::InvalidSignature => {
            "Send the token unmodified, signed by this pool's key; check it is not truncated."
        }
        AjvError::Expired { .. } => "Refresh the tokens and retry.",
        AjvError::NotBefore { .. } => "Check the issuer's clock, or allow skew with graceSeconds.",
        AjvError::Scope { .. } => {
            "Request one of the scopes in the OAuth flow, or change the verifier's scope option."
        }
        AjvError::Group { .. } => {
            "Add the user to one of the groups and sign in again, or change the groups option."
        }
        // §5.1: a client-credentials flow issues no ID token (review round 10: the fix said
        // "send the token use the verifier expects").
        AjvError::TokenUse { machine: true, .. } => {
            "A client-credentials flow issues no ID token: set tokenUse to \"access\" (or null) \
             for this app client's tokens."
        }
        AjvError::TokenUse { expected, .. }
            if expected.len() == 1 && expected.first().is_some_and(|e| e == "id") =>
        {
            "Send the ID token from the same sign-in, or set tokenUse to \"access\" if this API \
             takes access tokens."
        }
        AjvError::TokenUse { expected, .. } if expected.len() == 1 => {
            "Send the access token from the same sign-in, or set tokenUse to \"id\" if this API \
             takes ID tokens."
        }
        AjvError::TokenUse { .. } => {
            "Send a Cognito ID or access token (token_use \"id\" or \"access\")."
        }
        AjvError::ClientId {
            claim: ClientClaim::Aud,
            found: Mismatch::NotString(_),
            ..
        } => {
            "A Cognito ID token has a string aud; if a pre-token trigger made it an array, \
             keep it a string, or verify with a JwtVerifier and audience instead."
        }
        AjvError::ClientId { .. } => {
            "Add the token's client id to clientId, or send a token of that app client."
        }
    })
}

/// What to do about a Lambda-profile finding, when there is something to do.
pub fn fix_of(code: &AjvCode) -> Option<String> {
    match code {
        AjvCode::Throws { error, .. } | AjvCode::IfSignatureAccepted { error } => {
            remedy(error).map(str::to_owned)
        }
        AjvCode::NotReached { .. }
        | AjvCode::PoolAssumed { .. }
        | AjvCode::ClientIdNotChecked
        | AjvCode::CustomCheckNotModelled => None,
        AjvCode::SinceV52 { .. } => Some("Upgrade aws-jwt-verify to 5.2.1.".to_owned()),
        AjvCode::BearerToStrip => Some(
            "Strip the prefix in the function (event.authorizationToken.replace(/^Bearer /i, \"\")), \
             or send the bare token."
                .to_owned(),
        ),
        AjvCode::KeysNeeded { kid, given: true } => Some(format!(
            "Fetch the issuer's key set (Discover from issuer), or paste one with kid {kid}."
        )),
        AjvCode::KeysNeeded { .. } => Some("Fetch or paste the issuer's JWKS.".to_owned()),
        AjvCode::SignaturePending { .. } => None,
    }
}

/// What to do about a Lambda-profile finding.
pub fn fix(f: &Finding) -> Option<String> {
    match &f.code {
        Code::Ajv(c) => fix_of(c),
        _ => None,
    }
}
