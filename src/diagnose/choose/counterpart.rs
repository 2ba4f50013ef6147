//! The other kind of token: when one Cognito ID or access token was pasted, its counterpart
//! from the same sign-in — same pool, app client, user and lifetime — so the matrix can show
//! what each gateway does with *either kind* (issue: "for one token, the kinds of token").
//!
//! The claims follow the documented token shapes (knowledge §8, COG-ID / COG-AT): an ID token
//! names the app client in `aud`, an access token in `client_id` and has no `aud`; `token_use`
//! says which. An access token's `scope` cannot be known from an ID token, so the counterpart
//! carries the scopes the described gateways require ([`Counterpart::assumed_scopes`]) and the
//! page words its cells "if it carries …". The counterpart is an example, never a token: it is
//! judged with the pasted token's verification and is never selected or sent.
//!
//! Owns [`counterpart`]. Must not produce prose (`explain::answer`).

use crate::diagnose::config::Target;
use crate::diagnose::identity::TokenKind;
use crate::diagnose::profiles::Profile;
use std::rc::Rc;

use crate::jose::json::{Str, Value};
use crate::jose::{Audience, Claims};

/// The counterpart of a pasted token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counterpart {
    /// Its kind: [`TokenKind::CognitoAccess`] for an ID token, [`TokenKind::CognitoId`] for an
    /// access token.
    pub kind: TokenKind,
    /// Its claims, derived from the pasted token's.
    pub claims: Claims,
    /// The scopes an access counterpart is assumed to carry (every scope the target requires);
    /// empty for an ID counterpart or when no gateway requires a scope.
    pub assumed_scopes: Vec<String>,
}

/// Claims only one kind carries, dropped from the other (COG-ID / COG-AT).
const ID_ONLY: [&str; 4] = ["at_hash", "nonce", "cognito:username", "identities"];
const ACCESS_ONLY: [&str; 5] = ["client_id", "scope", "username", "origin_jti", "version"];

/// The members of `claims` without `token_use`, `aud` and `names`.
fn without(claims: &Claims, names: &[&str]) -> Vec<(Str, Value)> {
    claims
        .members()
        .iter()
        .filter(|(k, _)| k != "token_use" && k != "aud" && !names.contains(&k.as_str()))
        .cloned()
        .collect()
}

fn string_member<'a>(claims: &'a Claims, name: &str) -> Option<&'a str> {
    claims.others().rev().find_map(|(k, v)| match v {
        Value::String(s) if k == name => Some(s.as_str()),
        _ => None,
    })
}

/// The scopes `profile` requires of a token (any one of them), as described in `target`; the
/// console's Test authorizer takes no access token at all (R10), so none.
pub fn required_by(profile: Profile, target: &Target) -> &[String] {
    match profile {
        Profile::RestCognito => &target.rest.scopes,
        Profile::RestTestAuthorizer => &[],
        Profile::RestJwt => &target.rest_jwt.scopes,
        Profile::HttpJwt => &target.http.scopes,
        Profile::LambdaAjv => &target.lambda.scopes,
        Profile::Oidc => &target.oidc.scopes,
    }
}

/// Every scope a gateway in `target` requires, in first-seen order, without repeats.
fn required_scopes(target: &Target) -> Vec<String> {
    let mut scopes: Vec<String> = Vec::new();
    for s in Profile::ALL.iter().flat_map(|&p| required_by(p, target)) {
        if !scopes.contains(s) {
            scopes.push(s.clone());
        }
    }
    scopes
}

/// The counterpart of a Cognito user token; `None` for any other kind (a client-credentials
/// token has no ID token, a refresh token is never sent, other issuers' kinds are not derived)
/// or when the app client cannot be read (`aud` of an ID token, `client_id` of an access token).
pub fn counterpart(kind: &TokenKind, claims: &Claims, target: &Target) -> Option<Counterpart> {
    let string = |s: &str| Value::String(s.into());
    match kind {
        TokenKind::CognitoId => {
            let client = match claims.aud.present()? {
                Audience::One(a) => a.clone(),
                Audience::Many(v) => v.first()?.clone(),
            };
            let scopes = required_scopes(target);
            let mut members = without(claims, &ID_ONLY);
            members.push(("token_use".into(), string("access")));
            members.push(("client_id".into(), Value::String(client.into())));
            if let Some(user) = string_member(claims, "cognito:username") {
                members.push(("username".into(), string(user)));
            }
            if !scopes.is_empty() {
                members.push(("scope".into(), Value::String(scopes.join(" ").into())));
            }
            Some(Counterpart {
                kind: TokenKind::CognitoAccess,
                claims: Claims::from_value(&Value::Object(Rc::new(members))),
                assumed_scopes: scopes,
            })
        }
        TokenKind::CognitoAccess => {
            let client = string_member(claims, "client_id")?;
            let mut members = without(claims, &ACCESS_ONLY);
            members.push(("aud".into(), string(client)));
            members.push(("token_use".into(), string("id")));
            if let Some(user) = string_member(claims, "username") {
                members.push(("cognito:username".into(), string(user)));
            }
            Some(Counterpart {
                kind: TokenKind::CognitoId,
                claims: Claims::from_value(&Value::Object(Rc::new(members))),
                assumed_scopes: Vec::new(),
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::claims::{token_use, TokenUse};
    use crate::jose::{Field, JsonDoc};

    fn claims(text: &str) -> Claims {
        Claims::from_value(&JsonDoc::parse(text).expect("json").value)
    }

    const ID: &str = r#"{"sub":"u","aud":"client1","token_use":"id","cognito:username":"ann","at_hash":"x","iss":"https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_A","exp":2,"iat":1}"#;
    const ACCESS: &str = r#"{"sub":"u","client_id":"client1","token_use":"access","username":"ann","scope":"aws.cognito.signin.user.admin","iss":"https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_A","exp":2,"iat":1}"#;

    #[test]
    fn an_id_tokens_counterpart_names_the_client_in_client_id_and_has_no_aud() {
        let mut target = Target::default();
        target.rest.scopes = vec!["orders/read".into()];
        target.http.scopes = vec!["orders/read".into(), "orders/write".into()];
        let cp = counterpart(&TokenKind::CognitoId, &claims(ID), &target).expect("counterpart");
        assert_eq!(cp.kind, TokenKind::CognitoAccess);
        assert_eq!(cp.claims.aud, Field::Absent);
        assert_eq!(token_use(&cp.claims), Some(TokenUse::Access));
        assert_eq!(string_member(&cp.claims, "client_id"), Some("client1"));
        assert_eq!(string_member(&cp.claims, "username"), Some("ann"));
        assert_eq!(string_member(&cp.claims, "at_hash"), None);
        assert_eq!(cp.assumed_scopes, vec!["orders/read", "orders/write"]);
        assert_eq!(
            string_member(&cp.claims, "scope"),
            Some("orders/read orders/write")
        );
        assert_eq!(cp.claims.exp, claims(ID).exp);
    }

    #[test]
    fn an_access_tokens_counterpart_names_the_client_in_aud_and_carries_no_scope() {
        let cp = counterpart(
            &TokenKind::CognitoAccess,
            &claims(ACCESS),
            &Target::default(),
        )
        .expect("counterpart");
        assert_eq!(cp.kind, TokenKind::CognitoId);
        assert_eq!(
            cp.claims.aud,
            Field::Present(Audience::One("client1".into()))
        );
        assert_eq!(token_use(&cp.claims), Some(TokenUse::Id));
        assert_eq!(string_member(&cp.claims, "scope"), None);
        assert_eq!(string_member(&cp.claims, "client_id"), None);
        assert!(cp.assumed_scopes.is_empty());
    }

    #[test]
    fn no_counterpart_is_made_without_an_app_client_or_for_other_kinds() {
        let no_client = r#"{"token_use":"access","sub":"u"}"#;
        let t = Target::default();
        assert_eq!(
            counterpart(&TokenKind::CognitoAccess, &claims(no_client), &t),
            None
        );
        assert_eq!(
            counterpart(&TokenKind::CognitoClientCredentials, &claims(ACCESS), &t),
            None
        );
        assert_eq!(counterpart(&TokenKind::Auth0, &claims(ID), &t), None);
    }
}
