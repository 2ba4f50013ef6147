//! The answer card's vocabulary: headlines, short gateway names, the deciding questions, token
//! kinds and the few words in each matrix cell.
//! Must not judge: it words verdicts and codes computed elsewhere.

use crate::diagnose::config::Field;
use crate::diagnose::finding::{Code, Evidence, Finding};
use crate::diagnose::identity::TokenKind;
use crate::diagnose::profiles::lambda_ajv::AjvError;
use crate::diagnose::profiles::Profile;
use crate::diagnose::profiles::{GatewayCode, NeverSent};

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
    pub field: Field,
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
            field: Field::RestScopes,
            text: "Does the method have OAuth scopes?",
            kind: QuestionKind::NoOrList,
            placeholder: "orders/read",
        }],
        Profile::RestJwt => &[
            Question {
                field: Field::RestJwtAudiences,
                text: "Audience (Cognito: the app client id)",
                kind: QuestionKind::Text,
                placeholder: "the authorizer's audience",
            },
            Question {
                field: Field::RestJwtScopes,
                text: "Does the method have scopes?",
                kind: QuestionKind::NoOrList,
                placeholder: "orders/read",
            },
        ],
        Profile::HttpJwt => &[
            Question {
                field: Field::HttpAudiences,
                text: "Audience (Cognito: the app client id)",
                kind: QuestionKind::Text,
                placeholder: "the authorizer's audience",
            },
            Question {
                field: Field::HttpScopes,
                text: "Does the route require scopes?",
                kind: QuestionKind::NoOrList,
                placeholder: "orders/read",
            },
        ],
        Profile::LambdaAjv => &[Question {
            field: Field::LambdaTokenUse,
            text: "Which token does the verifier expect (tokenUse)?",
            kind: QuestionKind::TokenUse,
            placeholder: "",
        }],
        Profile::Oidc => &[
            Question {
                field: Field::OidcAudiences,
                text: "Accepted audiences",
                kind: QuestionKind::Text,
                placeholder: "api://orders",
            },
            Question {
                field: Field::OidcScopes,
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
        k if k.is_keycloak_refresh() => "refresh token",
        TokenKind::FirebaseCustom => "custom token",
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

/// R10, beside an access token the REST Cognito authorizer accepts.
pub const TEST_AUTHORIZER_NOTE: &str = "The console's Test authorizer takes ID tokens only: \
    there this token fails; test it with a call to the deployed stage.";

/// G12: the token was issued `ahead` seconds after this clock's now.
pub fn clock_ahead(ahead: i64) -> String {
    format!(
        "Its iat is {} ahead of this computer's clock: this clock or the issuer's is off, which \
         moves every time verdict here.",
        crate::explain::decode::span(ahead)
    )
}

/// The fix for an ID token beside the access token a gateway accepts.
pub fn send_instead(kind: &str) -> String {
    format!(
        "Send the {kind} instead, which this gateway accepts: an ID token is meant for the app."
    )
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
        Need::WholeToken => "needs the whole token",
        Need::SignatureCheck => "checking the signature…",
        Need::RegexCheck => "check the regex by hand",
        Need::DeployedTest => "undocumented: test the stage",
        Need::UndocumentedAlg => "algorithm undocumented",
        Need::GatewayLeeway => "only within leeway",
        Need::ReadableConfig => "a setting can't be read",
    }
}
/// Not decided yet.
pub const CANNOT_TELL: &str = "Can't tell yet";

/// The lead line's headline when the paste holds what a server rejects (a doubled "Bearer",
/// quotes in the header, characters changed in copying) and the token without it would pass.
pub const REJECTED_AS_PASTED: &str = "Rejected as pasted";
/// A refresh token in the matrix.
pub const NEVER_SENT: &str = "never send";

/// The label of the matrix's example row: the other kind of token from the same sign-in,
/// which was not pasted.
pub fn example_label(kind: &str) -> String {
    format!("example: the same sign-in's {kind}, not pasted")
}

/// An example access token's accepted cell, when the gateway requires scopes: it passes only
/// with one of them.
pub fn if_it_carries(scopes: &[String]) -> String {
    match scopes {
        [one] => format!("accepted if it carries {one}"),
        many => format!("accepted if it carries one of {}", many.join(", ")),
    }
}

/// "Rejected 401" / "Likely rejected 403", with the status as [`StatusKnown::words`] puts it.
pub fn rejected(status: &str, certain: bool) -> String {
    if certain {
        format!("Rejected {status}")
    } else {
        format!("Likely rejected {status}")
    }
}

/// How surely a rejection's status is known: documented; 401 or 403 by the API type when a
/// Lambda authorizer's is not said (C6); undocumented for the REST JWT authorizer (J1: only a
/// scope miss is documented, as 403); otherwise only likely.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKnown {
    Documented(u16),
    ByApi,
    Undocumented,
    Likely(u16),
}

impl StatusKnown {
    pub fn of(status: u16, status_sure: bool, profile: Profile, by_api: bool) -> StatusKnown {
        match (status_sure, profile, by_api) {
            (_, _, true) => StatusKnown::ByApi,
            (true, _, _) => StatusKnown::Documented(status),
            (false, Profile::RestJwt, _) => StatusKnown::Undocumented,
            (false, _, _) => StatusKnown::Likely(status),
        }
    }

    /// In a headline: "401", "(likely 401)", …
    pub fn words(self) -> String {
        match self {
            StatusKnown::Documented(s) => s.to_string(),
            StatusKnown::ByApi => "(401 on a REST API, 403 on an HTTP API)".to_owned(),
            StatusKnown::Undocumented => "(status undocumented)".to_owned(),
            StatusKnown::Likely(s) => format!("(likely {s})"),
        }
    }

    /// In a matrix cell, in a few characters: "401", "likely 401", "401/403", "rejected".
    pub fn brief(self) -> String {
        match self {
            StatusKnown::Documented(s) => s.to_string(),
            StatusKnown::ByApi => "401/403".to_owned(),
            StatusKnown::Undocumented => "rejected".to_owned(),
            StatusKnown::Likely(s) => format!("likely {s}"),
        }
    }
}

/// Why the token to send is the one: it passes, or the rest fail.
pub fn passes(label: &str) -> String {
    format!("{label} passes every check this gateway makes.")
}

/// A gateway's "expired" beside a pasted token that is not (R7).
pub const NOT_THE_EXPIRED_ONE: &str = "The token pasted here has not expired: the request likely \
     carried an older one (a token the client kept); send this one.";

/// A bare 403 beside a chosen gateway's line that accepts the token (J1a, H10, C8).
pub const SCOPES_AS_TYPED_PASS: &str = "The line above accepts this token with the scopes typed \
     here: the deployed scopes likely differ from them, or another layer answered.";

/// A 401 pasted beside a token with the Cognito UPDATED issuer on the REST Cognito line (R16).
pub const UPDATED_ISSUER_401: &str = "Your stage rejected this token: its UPDATED issuer form \
     (issuer-cognito-idp…), which AWS does not document for this authorizer, is a possible \
     cause, beside the authorizer's pool, a stage variable or a stage not redeployed.";

/// Under a "No / Yes" question answered "Yes" with nothing named yet.
pub const NAME_ONE: &str =
    "Name at least one to judge by them; until then the answer assumes none.";

/// The chosen gateway's headline when it accepts the token sent and the pasted answer is its
/// 401: not a plain "accepted".
pub const PASSES_YET_401: &str = "Passes as described here, yet the gateway said 401";

/// That token's matrix cell under the chosen gateway, then.
pub const PASSES_YET_401_CELL: &str = "401 pasted · passes as described";

/// The same beside a 403 the HTTP API or REST JWT authorizer gives for a missing route scope.
pub const PASSES_YET_403: &str = "Passes as described here, yet the gateway said 403";

/// That token's matrix cell, then.
pub const PASSES_YET_403_CELL: &str = "403 pasted · passes as described";

/// Why, after the line's own reason.
pub const DEPLOYED_DIFFERS: &str = "The deployed setup likely differs from this description, or \
     another token was sent: what to check is in the gateway's answer below.";

/// After a pasted answer from another layer (§1b), when a gateway's line follows it.
pub const THE_TOKEN_ITSELF: &str =
    "The next line is what the authorizer makes of the token itself: the request needs both.";

/// Why another token fails, before the rule's own sentence: its status only as surely as it
/// is known.
pub fn other_fails(label: &str, status: StatusKnown, message: &str) -> String {
    match status {
        StatusKnown::Documented(s) => format!("{label} gets {s}: {message}"),
        StatusKnown::Likely(s) => format!("{label} likely gets {s}: {message}"),
        StatusKnown::ByApi | StatusKnown::Undocumented => format!("{label} is rejected: {message}"),
    }
}

/// Why the token `label` names is never sent to an API.
pub fn never_sent(label: &str, why: NeverSent) -> String {
    let what = match why {
        NeverSent::CognitoRefresh => "a refresh token: only Cognito can read it",
        NeverSent::KeycloakRefresh => {
            "a Keycloak refresh token (payload typ Refresh or Offline): it is for Keycloak's \
             token endpoint only"
        }
        NeverSent::FirebaseCustom => {
            "a Firebase custom token: the app exchanges it for an ID token (signInWithCustomToken)"
        }
        NeverSent::Encrypted => "encrypted (a JWE): no gateway here can read it",
        NeverSent::NamedRefresh => {
            "the response's refresh token: it is for getting new tokens at the token endpoint"
        }
    };
    format!("{label} is {what}; never send it to an API.")
}

/// The live region's sentence for the lead line, with the fix the card shows open, if any.
pub fn announcement(gateway: &str, headline: &str, reason: &str, fix: Option<&str>) -> String {
    let stop = if headline.ends_with(['.', '!', '?', ':']) {
        ""
    } else {
        "."
    };
    let (said, fix) = fix.map_or(("", ""), |fix| (" Fix: ", fix));
    format!("{gateway}: {headline}{stop} {reason}{said}{fix}")
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

/// A few words for a matrix cell, from the deciding finding's code (exhaustive: a new rule
/// cannot reach the matrix without its words).
pub fn cell_words(code: &Code) -> &'static str {
    match code {
        Code::Gateway(c) => gateway_cell(c),
        Code::Ajv(c) => match c.error() {
            Some(e) => ajv_cell(e),
            None => "aws-jwt-verify",
        },
        Code::Identity(_) | Code::Claims(_) | Code::Lint(_) | Code::Skipped(_) => "rejected",
        Code::Response(_) => "the gateway's answer",
    }
}

fn gateway_cell(c: &GatewayCode) -> &'static str {
    use GatewayCode as G;
    match c {
        G::NotAJwt { .. } => "not a signed JWT",
        G::Unsigned { .. } => "unsigned (alg none)",
        G::SharedSecretAlg { .. } => "HS* from a public-key issuer",
        G::ForeignAudience { .. } => "token for another API",
        G::AlbSigned { .. } => "signed by the ALB",
        G::KeycloakRefresh { .. } => "refresh token",
        G::FirebaseCustom { .. } => "Firebase custom token",
        G::SignatureInvalid { short: Some(_), .. } => "signature cut off",
        G::SignatureInvalid { .. } => "bad signature",
        G::SignatureUnchecked {
            why: crate::diagnose::profiles::Unchecked::NoSignature,
            ..
        } => "no signature here",
        G::SignatureUnchecked { .. } => "needs the issuer's keys",
        G::SignaturePending { .. } => "checking the signature…",
        G::IssuerMissing { .. } | G::IssuerMismatch { .. } => "wrong issuer",
        G::IssuerUnreadable { .. } => "issuer setting unreadable",
        G::IssuerAssumed { .. } => "issuer assumed",
        G::Expired { .. } => "expired",
        G::NotYetValid { .. } => "not valid yet",
        G::IssuedInFuture { .. } => "issued in the future",
        G::OnlyWithinLeeway { .. } => "only within leeway",
        G::NoExp { .. } => "no exp",
        G::IssuerNotPublic { .. } => "issuer unusable",
        G::NotAUserPoolToken { .. } => "not a user pool's token",
        G::PoolNotConfigured { .. } => "another user pool",
        G::UpdatedIssuer { .. } => "UPDATED issuer: undocumented",
        G::SovereignIssuerHost { .. } => "issuer host undocumented",
        G::PoolUnreadable { .. } => "pool setting unreadable",
        G::PoolAssumed { .. } => "pool assumed",
        G::PoolFromStageVariable { .. } => "pool from a stage variable",
        G::ScopesAssumedNone | G::RouteScopesAssumedNone { .. } => "no scopes assumed",
        G::AccessTokenWithoutMethodScopes { .. } => "access token on a method without scopes",
        G::IdTokenWithMethodScopes { .. } => "ID token on a method with scopes",
        G::NoMethodScopeInToken { .. } | G::NoScopeInToken { .. } => "lacks the required scope",
        G::SdkSignInScopeOnly => "only the sign-in scope",
        G::RegexBlocksAccessToken { .. } | G::RegexRejectsAud { .. } => "token validation regex",
        G::RegexNotEvaluated { .. } => "check the regex by hand",
        G::TokenNotFromHeader { .. } => "not sent in the header",
        G::TestAuthorizerAccessToken => "console test takes ID tokens only",
        G::AlgNotRsa { .. } => "not RSA-signed",
        G::AlgPssUndocumented { .. } => "PS* undocumented",
        G::AlgNotAllowed { .. } => "algorithm not allowed",
        G::AlgAssumed { .. } => "algorithms assumed",
        G::KidMissing { .. } | G::KidNotInJwks { .. } => "key not in the JWKS",
        G::NoAudienceClaim { .. } | G::AudienceMismatch { .. } | G::AudienceRefused { .. } => {
            "wrong audience"
        }
        G::AudienceAssumed { .. } => "audience assumed",
        G::AudHidesClientId { .. } => "aud checked, not client_id",
        G::EmptyAudBesideClientId { .. } => "empty aud: undocumented",
        G::ClientIdOnlyOnHttpApi { .. } => "client_id: undocumented here",
        G::KeySetTooLarge { .. } => "key set too large",
        G::ScopeClaimMissing { .. } => "no scope claim",
        G::RolesAreNotScopes { .. } => "roles are not scopes",
        G::IdTokenAcceptedWithoutRouteScopes => "any token without route scopes",
        G::KeyCache => "key cache",
        G::NeverSent { .. } => NEVER_SENT,
    }
}

fn ajv_cell(e: &AjvError) -> &'static str {
    match e {
        AjvError::InvalidPoolId { .. } => "invalid userPoolId",
        AjvError::Parse(_) => "not a JWT it parses",
        AjvError::IssuerMissing | AjvError::IssuerNotConfigured { .. } => "wrong issuer",
        AjvError::NoKid => "no kid in the header",
        AjvError::KidNotFound { alb: true, .. } => "signed by the ALB",
        AjvError::KidNotFound { .. } => "key not in the JWKS",
        AjvError::JwkInvalidKty { .. } | AjvError::JwkInvalidUse { .. } => "unusable JWK",
        AjvError::AlgMismatch { .. } | AjvError::AlgNotAllowed { .. } => "algorithm not allowed",
        AjvError::InvalidSignature => "bad signature",
        AjvError::Expired { .. } => "expired",
        AjvError::NotBefore { .. } => "not valid yet",
        AjvError::Scope { .. } => "lacks the required scope",
        AjvError::Group { .. } => "not in the group",
        AjvError::TokenUse { .. } => "wrong token use",
        AjvError::ClientId { .. } => "wrong client id",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lambda_cell_names_the_key_problem_the_row_s_text_names() {
        // Review round 10: an HS256 token without a kid read "key not in the JWKS" in its cell
        // beside JwtWithoutValidKidError ("the header has no kid") in its text.
        assert_eq!(ajv_cell(&AjvError::NoKid), "no kid in the header");
        let missing = |alb| AjvError::KidNotFound {
            kid: "k".to_owned(),
            available: Vec::new(),
            alb,
        };
        assert_eq!(ajv_cell(&missing(false)), "key not in the JWKS");
        assert_eq!(ajv_cell(&missing(true)), "signed by the ALB");
    }
}
