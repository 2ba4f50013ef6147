//! Everything the page shows about a paste, computed in one pure pass.
//!
//! Owns the view model: plain strings and flags the browser shell renders as they are, so that
//! components never parse, decode or format dates. Must not touch the browser: time arrives as
//! `now` and a function giving the local UTC offset at a given instant.

//!
//! One file per seam: [`token`] (decoding for display), [`keys`] (key inputs and fetches),
//! [`verification`] (the signature banner), [`diagnosis`] (findings and gateway rows),
//! [`answer`] (the answer card and the token × gateway matrix), [`share`] and [`presets`].

pub mod answer;
pub mod compare;
pub mod diagnosis;
pub mod keys;
pub mod presets;
pub mod share;
pub mod token;
pub mod verification;
pub mod words;

use std::collections::BTreeMap;

use crate::diagnose::config::{self, Read, Target};
use crate::explain;
use crate::input::{self, Extraction};

pub use answer::*;
pub use compare::*;
pub use diagnosis::*;
pub use keys::*;
pub use presets::*;
pub use share::*;
pub use token::*;
pub use verification::*;

/// The paste as a list of candidate tokens (or a note of what was seen instead).
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    /// What [`input::extract`] found, for [`token_view`].
    pub extraction: Extraction,
    /// One entry per candidate, in the order they appear in the paste.
    pub candidates: Vec<CandidateItem>,
    /// Why nothing was found, when nothing was.
    pub nothing_found: Option<String>,
}

/// A candidate as the picker lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateItem {
    /// Short label: where the token came from (`AuthenticationResult.IdToken`, `Bearer token`).
    pub label: String,
    /// `JWS`, `JWE` or `Opaque`.
    pub shape: &'static str,
}

/// Reads the gateway description fields into a [`Target`], with a note per field saying what
/// was taken from it (ARN, issuer URL, …) where that is worth saying.
pub fn target(fields: &BTreeMap<&'static str, String>) -> (Target, Vec<(&'static str, String)>) {
    let get = |id: &str| fields.get(id).map(String::as_str).unwrap_or("");
    let mut notes = Vec::new();
    let mut note = |id: &'static str, what, value: String, ignored: &[config::Ignored]| {
        if let Some(n) = explain::diagnosis::config_note(what, &value, ignored) {
            notes.push((id, n));
        }
    };
    let mut list = |id: &'static str| -> Vec<String> {
        let read = config::read_list(get(id));
        note(id, read.took_from, String::new(), &read.ignored);
        read.value.unwrap_or_default()
    };
    let rest_scopes = list("cfg-rest-scopes");
    let http_audiences = list("cfg-http-audiences");
    let http_scopes = list("cfg-http-scopes");
    let lambda_groups = list("cfg-lambda-groups");
    let lambda_scopes = list("cfg-lambda-scopes");
    let oidc_audiences = list("cfg-oidc-audiences");
    let oidc_algs = list("cfg-oidc-algs");
    let oidc_scopes = list("cfg-oidc-scopes");
    let mut pools = |id: &'static str| -> Option<String> {
        let read: Read<config::PoolId> = config::read_pool_id(get(id));
        let value = read.value.map(|p| p.id);
        note(
            id,
            read.took_from,
            value.clone().unwrap_or_default(),
            &read.ignored,
        );
        value
    };
    let rest_pool = pools("cfg-rest-pools");
    let lambda_pool = pools("cfg-lambda-pool");
    let mut issuer = |id: &'static str| -> Option<String> {
        let read = config::read_issuer(get(id));
        note(
            id,
            read.took_from,
            read.value.clone().unwrap_or_default(),
            &read.ignored,
        );
        read.value
    };
    let http_issuer = issuer("cfg-http-issuer");
    let oidc_issuer = issuer("cfg-oidc-issuer");
    let clients = config::read_client_ids(get("cfg-lambda-clients"));
    note(
        "cfg-lambda-clients",
        clients.took_from,
        String::new(),
        &clients.ignored,
    );
    let grace = config::read_seconds(get("cfg-lambda-grace"));
    note(
        "cfg-lambda-grace",
        grace.took_from,
        String::new(),
        &grace.ignored,
    );
    let regex = get("cfg-rest-regex").trim();
    let target = Target {
        rest: config::RestCognito {
            scopes: rest_scopes,
            validation_regex: (!regex.is_empty()).then(|| regex.to_owned()),
            pool_ids: rest_pool.into_iter().collect(),
        },
        http: config::HttpJwt {
            issuer: http_issuer,
            audiences: http_audiences,
            scopes: http_scopes,
        },
        lambda: config::LambdaAjv {
            pool_id: lambda_pool,
            token_use: config::read_token_use(get("cfg-lambda-token-use")),
            client_ids: clients.value.unwrap_or_default(),
            groups: lambda_groups,
            scopes: lambda_scopes,
            grace_seconds: grace.value.unwrap_or(0),
            api: config::LambdaApi::default(),
        },
        oidc: config::Oidc {
            issuer: oidc_issuer,
            audiences: oidc_audiences,
            algs: oidc_algs,
            scopes: oidc_scopes,
            leeway: None,
        },
    };
    (target, notes)
}

/// Finds the candidate tokens in a paste.
pub fn overview(text: &str) -> Overview {
    let extraction = input::extract(text);
    Overview {
        candidates: extraction
            .candidates
            .iter()
            .map(|c| CandidateItem {
                label: explain::input::label(c),
                shape: shape_name(&c.shape),
            })
            .collect(),
        nothing_found: extraction
            .nothing_found
            .as_ref()
            .map(explain::input::unrecognised),
        extraction,
    }
}

/// The instant the demo is judged at: 2026-01-15T09:30Z, inside its tokens' hour (they were
/// issued at 09:00 and expire at 10:00), so the demo tells the classic story, not "expired".
pub const DEMO_NOW: i64 = 1_768_469_400;

/// The label shown beside a demo judged at `now`.
pub fn demo_clock(now: i64) -> String {
    words::demo_clock(&crate::timefmt::describe(now, now, 0).utc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gateway_fields_say_what_they_took_from_an_arn() {
        let mut fields = BTreeMap::new();
        fields.insert(
            "cfg-lambda-pool",
            "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123".to_owned(),
        );
        let (target, notes) = target(&fields);
        assert_eq!(target.lambda.pool_id.as_deref(), Some("eu-west-1_AbC123"));
        assert!(notes
            .iter()
            .any(|(id, n)| *id == "cfg-lambda-pool" && n.contains("eu-west-1_AbC123")));
    }

    #[test]
    fn nothing_found_carries_a_message_and_no_candidates() {
        let overview = overview("hello world");
        assert!(overview.candidates.is_empty());
        assert!(overview.nothing_found.is_some());
    }
}
