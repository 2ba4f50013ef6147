//! The answer card's vocabulary: headlines, short gateway names, the deciding questions, token
//! kinds and the few words in each matrix cell.
//! Must not judge: it words verdicts and codes computed elsewhere.

use crate::diagnose::finding::{Evidence, Finding};
use crate::diagnose::identity::TokenKind;
use crate::diagnose::profiles::Profile;

/// A short gateway name, for the matrix's column heads.
pub fn short_name(p: Profile) -> &'static str {
    match p {
        Profile::RestCognito => "REST + Cognito",
        Profile::RestTestAuthorizer => "Console test",
        Profile::RestJwt => "REST + JWT",
        Profile::HttpJwt => "HTTP API JWT",
        Profile::LambdaAjv => "Lambda + aws-jwt-verify",
        Profile::Oidc => "Any OIDC server",
    }
}

/// How "Where do you send it?" names a gateway; `None` for rows that are not a destination
/// (the console's Test authorizer is judged beside the REST API it tests).
pub fn chooser_label(p: Profile) -> Option<&'static str> {
    match p {
        Profile::RestCognito => Some("REST API with a Cognito authorizer"),
        Profile::RestTestAuthorizer => None,
        Profile::RestJwt => Some("REST API with a JWT authorizer"),
        Profile::HttpJwt => Some("HTTP API with a JWT authorizer"),
        Profile::LambdaAjv => Some("A Lambda authorizer with aws-jwt-verify"),
        Profile::Oidc => Some("Any OpenID Connect resource server"),
    }
}

/// The "not sure" choice.
pub const NOT_SURE: &str = "Not sure — show all";

/// One question that decides the answer for a gateway, answered into a gateway-form field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    /// The gateway-form field the answer goes to.
    pub field: &'static str,
    /// The question.
    pub text: &'static str,
    /// How it is answered.
    pub kind: QuestionKind,
    /// Example answer.
    pub placeholder: &'static str,
}

/// How a deciding question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionKind {
    /// "No", or "Yes:" and a list (an empty field means no).
    NoOrList,
    /// A value typed in.
    Text,
    /// `id`, `access` or either (the Lambda verifier's `tokenUse`).
    TokenUse,
}

/// The one or two questions that decide the answer for `p`.
pub fn questions(p: Profile) -> &'static [Question] {
    match p {
        Profile::RestCognito | Profile::RestTestAuthorizer => &[Question {
            field: "cfg-rest-scopes",
            text: "Does the method have OAuth scopes?",
            kind: QuestionKind::NoOrList,
            placeholder: "orders/read",
        }],
        Profile::RestJwt => &[
            Question {
                field: "cfg-restjwt-audiences",
                text: "Audience (the app client id)",
                kind: QuestionKind::Text,
                placeholder: "the authorizer's audience",
            },
            Question {
                field: "cfg-restjwt-scopes",
                text: "Does the method have scopes?",
                kind: QuestionKind::NoOrList,
                placeholder: "orders/read",
            },
        ],
        Profile::HttpJwt => &[
            Question {
                field: "cfg-http-audiences",
                text: "Audience (the app client id)",
                kind: QuestionKind::Text,
                placeholder: "the authorizer's audience",
            },
            Question {
                field: "cfg-http-scopes",
                text: "Does the route require scopes?",
                kind: QuestionKind::NoOrList,
                placeholder: "orders/read",
            },
        ],
        Profile::LambdaAjv => &[Question {
            field: "cfg-lambda-token-use",
            text: "Which token does the verifier expect (tokenUse)?",
            kind: QuestionKind::TokenUse,
            placeholder: "",
        }],
        Profile::Oidc => &[
            Question {
                field: "cfg-oidc-audiences",
                text: "Accepted audiences",
                kind: QuestionKind::Text,
                placeholder: "api://orders",
            },
            Question {
                field: "cfg-oidc-scopes",
                text: "Required scopes?",
                kind: QuestionKind::NoOrList,
                placeholder: "orders/read",
            },
        ],
    }
}

/// A token kind, as "Send the …" names it.
pub fn kind_name(kind: &TokenKind) -> &'static str {
    match kind {
        TokenKind::CognitoId | TokenKind::GoogleId | TokenKind::FirebaseId => "ID token",
        TokenKind::CognitoAccess | TokenKind::CognitoClientCredentials => "access token",
        TokenKind::CognitoRefresh => "refresh token",
        TokenKind::Keycloak { typ } if typ == "ID" => "ID token",
        TokenKind::Keycloak { typ } if typ == "Bearer" => "access token",
        TokenKind::EntraV1
        | TokenKind::EntraV2
        | TokenKind::EntraMicrosoftApi
        | TokenKind::Auth0
        | TokenKind::Auth0Opaque
        | TokenKind::Okta
        | TokenKind::Keycloak { .. }
        | TokenKind::AlbOidcData
        | TokenKind::Unknown => "token",
    }
}

/// "Send the ID token".
pub fn send(kind: &str) -> String {
    format!("Send the {kind}")
}

/// No token in the paste would pass.
pub const NONE_PASSES: &str = "None of these tokens would be accepted";
/// Accepted.
pub const ACCEPTED: &str = "Accepted";
/// Accepted only under a configuration the user has not described (issue 8 §3): the reason
/// names it ("only if the authorizer uses pool …").
pub const ACCEPTED_IF_CONFIGURED: &str = "Accepted if configured";

/// A few words for a matrix cell that cannot tell yet, by what it needs.
pub fn need_words(n: crate::diagnose::profiles::Need) -> &'static str {
    use crate::diagnose::profiles::Need;
    match n {
        Need::IssuerKeys => "needs the issuer's keys",
        Need::RegexCheck => "check the regex by hand",
        Need::DeployedTest => "undocumented: test the stage",
        Need::UndocumentedAlg => "algorithm undocumented",
        Need::ReadableConfig => "a setting can't be read",
    }
}
/// Not decided yet.
pub const CANNOT_TELL: &str = "Can't tell yet";
/// A refresh token in the matrix.
pub const NEVER_SENT: &str = "never send";

/// "Rejected 401" / "Likely rejected 403".
pub fn rejected(status: u16, certain: bool) -> String {
    if certain {
        format!("Rejected {status}")
    } else {
        format!("Likely rejected {status}")
    }
}

/// Why the token to send is the one: it passes, or the rest fail.
pub fn passes(label: &str) -> String {
    format!("{label} passes every check this gateway makes.")
}

/// Why another token fails, before the rule's own sentence.
pub fn other_fails(label: &str, status: u16, message: &str) -> String {
    format!("{label} gets {status}: {message}")
}

/// A refresh token is never sent to an API.
pub fn refresh_never_sent(label: &str) -> String {
    format!("{label} is a refresh token: only the issuer reads it; never send it to an API.")
}

/// The live region's sentence for the lead line.
pub fn announcement(gateway: &str, headline: &str, reason: &str) -> String {
    format!("{gateway}: {headline}. {reason}")
}

/// The demo's clock label.
pub fn demo_clock(utc: &str) -> String {
    format!("Demo clock: judged at {utc}, inside the demo tokens' lifetime.")
}

/// "1 token" / "3 tokens".
pub fn tokens_found(n: usize) -> String {
    match n {
        1 => "1 token found".to_owned(),
        n => format!("{n} tokens found"),
    }
}

/// A few words for a matrix cell, from the deciding rule's stable name.
pub fn cell_words(code: &str) -> &'static str {
    match code {
        "rest_access_token_on_method_without_scopes" => "access token on a method without scopes",
        "rest_id_token_on_method_with_scopes" => "ID token on a method with scopes",
        "rest_no_method_scope_in_token"
        | "rest_jwt_no_method_scope_in_token"
        | "http_no_route_scope_in_token"
        | "oidc_scope_missing"
        | "ajv_invalid_scope" => "lacks the required scope",
        c if c.ends_with("_scope_claim_missing") => "no scope claim",
        c if c.ends_with("_unsigned_token") => "unsigned (alg none)",
        c if c.ends_with("_token_for_another_api") => "token for another API",
        "rest_updated_issuer_undocumented" => "UPDATED issuer: undocumented",
        "test_authorizer_access_token" => "console test takes ID tokens only",
        c if c.ends_with("_audience_mismatch") || c.ends_with("_no_audience_claim") => {
            "wrong audience"
        }
        c if c.ends_with("_issuer_mismatch") || c.ends_with("_issuer_missing") => "wrong issuer",
        "ajv_issuer_not_configured" => "wrong issuer",
        "ajv_invalid_token_use" => "wrong token use",
        "ajv_invalid_client_id" => "wrong client id",
        "rest_pool_not_configured" | "rest_not_a_user_pool_token" => "another user pool",
        "http_alg_not_rsa" => "not RSA-signed",
        c if c.ends_with("_alg_not_allowed") => "algorithm not allowed",
        c if c.ends_with("_kid_missing") || c.ends_with("_kid_not_in_jwks") => {
            "key not in the JWKS"
        }
        "ajv_kid_not_found" => "key not in the JWKS",
        c if c.ends_with("_expired") => "expired",
        c if c.ends_with("_not_yet_valid") => "not valid yet",
        c if c.ends_with("_signature_invalid") => "bad signature",
        c if c.ends_with("_not_a_jwt") => "not a signed JWT",
        c if c.starts_with("ajv_") => "aws-jwt-verify throws",
        _ => "rejected",
    }
}

/// One piece of evidence, as a line: `payload.scope = "a b" (expected: orders/read)`.
pub fn evidence(e: &Evidence) -> String {
    match e {
        Evidence::Member {
            place,
            name,
            actual,
            expected,
        } => {
            let actual = actual.as_deref().unwrap_or("absent");
            match expected {
                Some(x) => format!("{place}.{name} = {actual} (expected: {x})"),
                None => format!("{place}.{name} = {actual}"),
            }
        }
        Evidence::Time {
            claim,
            value,
            now,
            leeway,
        } => {
            let delta = value - now;
            let when = if delta < 0 {
                format!("{} s ago", -delta)
            } else {
                format!("in {delta} s")
            };
            if *leeway == 0 {
                format!("{claim} = {value} ({when})")
            } else {
                format!("{claim} = {value} ({when}; leeway {leeway} s)")
            }
        }
    }
}

/// Every piece of a finding's evidence, as lines.
pub fn evidence_lines(f: &Finding) -> Vec<String> {
    f.evidence.iter().map(evidence).collect()
}
