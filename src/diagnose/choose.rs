//! Which token to send: when a paste holds several tokens (an `AuthenticationResult`, an OAuth
//! token response), the one each profile would accept, and why the others fail.
//!
//! Owns [`choose`]. A refresh token (JWE or opaque) is never sent (COG-TOK, AJV-59). Must not
//! produce prose (`explain::profiles`).

pub mod counterpart;

use crate::diagnose::claims::TokenUse;
use crate::diagnose::config::Target;
use crate::diagnose::finding::{Code, Finding, Severity, Stage, Status};
use crate::diagnose::identity::TokenKind;
use crate::diagnose::profiles::{
    self, GatewayCode, NeverSent, Profile, ProfileVerdict, TokenFacts,
};
use crate::input::{Shape, Source};

/// The answer for one profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// Which profile.
    pub profile: Profile,
    /// Index of the token to send, if any would do.
    pub send: Option<usize>,
    /// For each token not chosen, the finding that rules it out.
    pub reasons: Vec<(usize, Finding)>,
}

/// What a token response calls a token, by the field or parameter it was found in
/// (`access_token`, `id_token`, `refresh_token`; Cognito's `AccessToken`, `IdToken`,
/// `RefreshToken`): a hint where the token itself does not say (Auth0, Entra, an opaque value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    /// `id_token`.
    Id,
    /// `access_token`.
    Access,
    /// `refresh_token`.
    Refresh,
}

/// The role a token's field or parameter name gives it.
pub fn named(source: &Source) -> Option<Named> {
    let name = match source {
        Source::JsonField { key, .. } => key.as_str(),
        Source::JsonNamedValue { name, .. } | Source::UrlParam { name, .. } => name.as_str(),
        _ => return None,
    };
    let folded: String = name
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    match folded.as_str() {
        "idtoken" => Some(Named::Id),
        "accesstoken" => Some(Named::Access),
        "refreshtoken" => Some(Named::Refresh),
        _ => None,
    }
}

/// Whether `t` is never the token to send to an API ([`never_sent_why`]).
pub fn is_never_sent(t: &TokenFacts) -> bool {
    never_sent_why(t).is_some()
}

/// Why `t` is never sent to an API, if it is not: a refresh token (Cognito's, Keycloak's) or
/// another encrypted token.
fn never_sent_why(t: &TokenFacts) -> Option<NeverSent> {
    if matches!(t.kind, TokenKind::CognitoRefresh) {
        Some(NeverSent::CognitoRefresh)
    } else if t.kind.is_keycloak_refresh() {
        Some(NeverSent::KeycloakRefresh)
    } else if matches!(t.kind, TokenKind::FirebaseCustom) {
        Some(NeverSent::FirebaseCustom)
    } else if named(&t.candidate.source) == Some(Named::Refresh) {
        Some(NeverSent::NamedRefresh)
    } else if t.candidate.shape == Shape::Jwe {
        Some(NeverSent::Encrypted)
    } else {
        None
    }
}

/// The finding that rules `t` out as never sent, with its sources.
fn never_sent(t: &TokenFacts) -> Option<Finding> {
    let why = never_sent_why(t)?;
    let sources: &[&'static str] = match why {
        NeverSent::CognitoRefresh => &["COG-TOK", "AJV-59"],
        NeverSent::KeycloakRefresh => &["KC-TOKENUTIL"],
        NeverSent::FirebaseCustom => &["FB"],
        NeverSent::NamedRefresh => &["RFC6749"],
        NeverSent::Encrypted => &["RFC7516", "A0-OPAQUE"],
    };
    Some(Finding {
        code: Code::Gateway(GatewayCode::NeverSent { why }),
        stage: Stage::Gateway,
        severity: Severity::Info,
        status: Status::Confirmed,
        evidence: vec![],
        sources: sources.to_vec(),
    })
}

/// Picks, per profile, the token to send: an accepted one (an access token when both are,
/// as OAuth intends), else one the profile cannot yet judge, else none.
pub fn choose(tokens: &[TokenFacts], target: &Target, now: i64, leeway: i64) -> Vec<Choice> {
    Profile::ALL
        .iter()
        .map(|&profile| {
            let mut accepted: Vec<usize> = Vec::new();
            let mut open: Vec<usize> = Vec::new();
            let mut reasons: Vec<(usize, Finding)> = Vec::new();
            for (i, t) in tokens.iter().enumerate() {
                if let Some(f) = never_sent(t) {
                    reasons.push((i, f));
                    continue;
                }
                let r = profiles::judge(profile, t, target, now, leeway);
                match r.verdict {
                    ProfileVerdict::Accept => accepted.push(i),
                    ProfileVerdict::CannotTell { .. } => open.push(i),
                    ProfileVerdict::Reject { .. } => {
                        if let Some(f) = profiles::deciding(&r.findings) {
                            reasons.push((i, f.clone()));
                        }
                    }
                }
            }
            let is_access = |i: &&usize| {
                tokens.get(**i).is_some_and(|t| {
                    t.kind.is_access_token()
                        || t.claims.and_then(profiles::token_use_of) == Some(TokenUse::Access)
                        || named(&t.candidate.source) == Some(Named::Access)
                })
            };
            // An ID token only when nothing else would do (H8: AWS recommends access tokens).
            let not_id = |i: &&usize| {
                tokens.get(**i).is_some_and(|t| {
                    !t.kind.is_id_token() && named(&t.candidate.source) != Some(Named::Id)
                })
            };
            let send = accepted
                .iter()
                .find(is_access)
                .or_else(|| accepted.iter().find(not_id))
                .or_else(|| accepted.first())
                .or_else(|| open.iter().find(is_access))
                .or_else(|| open.iter().find(not_id))
                .or_else(|| open.first())
                .copied();
            Choice {
                profile,
                send,
                reasons,
            }
        })
        .collect()
}
