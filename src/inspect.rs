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
pub mod fields;
pub mod keys;
pub mod paste;
pub mod presets;
pub mod share;
pub mod token;
pub mod verification;

use crate::diagnose::config::Target;
use crate::explain;
use crate::input::{self, Extraction};

pub use answer::*;
pub use compare::*;
pub use diagnosis::*;
pub use fields::Fields;
pub use keys::*;
pub use paste::*;
pub use presets::*;
pub use share::*;
pub use token::*;
pub use verification::*;

/// The paste as a list of candidate tokens (or a note of what was seen instead).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    /// What [`input::extract`] found, for [`decoded_view`].
    pub extraction: Extraction,
    /// One entry per candidate, in the order they appear in the paste.
    pub candidates: Vec<CandidateItem>,
    /// Why nothing was found, when nothing was.
    pub nothing_found: Option<String>,
    /// The candidate cap was hit: "showing the first 1,000 of 460,733".
    pub truncated: Option<String>,
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
pub fn target(fields: &Fields) -> (Target, Vec<(&'static str, String)>) {
    explain::diagnosis::read_target(|id| fields.get(id).map(String::as_str))
}

impl Overview {
    /// Candidate `i`'s label, empty when there is no such candidate.
    pub fn label(&self, i: usize) -> String {
        self.candidates
            .get(i)
            .map(|c| c.label.clone())
            .unwrap_or_default()
    }
}

/// Finds the candidate tokens in a paste.
pub fn overview(text: &str) -> Overview {
    let extraction = input::extract(text);
    let mut candidates: Vec<CandidateItem> = extraction
        .candidates
        .iter()
        .map(|c| CandidateItem {
            label: explain::input::label(c),
            shape: shape_name(&c.shape),
        })
        .collect();
    // Two tokens found the same way (two lines of a log) are told apart by their place.
    let shared: Vec<bool> = candidates
        .iter()
        .map(|c| candidates.iter().filter(|d| d.label == c.label).count() > 1)
        .collect();
    for (i, (c, shared)) in candidates.iter_mut().zip(shared).enumerate() {
        if shared {
            c.label = explain::input::numbered(&c.label, i);
        }
    }
    Overview {
        candidates,
        nothing_found: extraction
            .nothing_found
            .as_ref()
            .map(explain::input::unrecognised),
        truncated: extraction.truncated.as_ref().map(explain::input::truncated),
        extraction,
    }
}

/// The instant the demo is judged at: 2026-01-15T09:30Z, inside its tokens' hour (they were
/// issued at 09:00 and expire at 10:00), so the demo tells the classic story, not "expired".
pub const DEMO_NOW: i64 = 1_768_469_400;

/// The label shown beside a demo judged at `now`.
pub fn demo_clock(now: i64) -> String {
    explain::answer::demo_clock(&crate::timefmt::describe(now, now, 0).utc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_tokens_found_the_same_way_are_told_apart_by_their_place() {
        // A review pasted two ID tokens on two lines: both read "Found in text" in the picker
        // and the matrix, so the one to send could not be picked.
        let demo = overview(include_str!("../static/demo/authentication-result.json"));
        let tokens: Vec<String> = demo.extraction.candidates[..2]
            .iter()
            .map(|c| c.token.to_string())
            .collect();
        let two = overview(&format!("sent {} then\nsent {} too", tokens[0], tokens[1]));
        let labels: Vec<String> = (0..2).map(|i| two.label(i)).collect();
        assert_eq!(
            labels,
            ["Found in text · token 1", "Found in text · token 2"],
            "{labels:?}"
        );
        // Labels that differ stay as they were.
        assert!(!demo.label(0).contains("· token"), "{}", demo.label(0));
    }

    #[test]
    fn the_method_scopes_question_is_said_once_answered_even_with_no() {
        let mut fields = Fields::new();
        assert!(!target(&fields).0.rest.scopes_said);
        fields.insert("cfg-rest-scopes", String::new());
        assert!(target(&fields).0.rest.scopes_said);
        fields.insert("cfg-rest-scopes", "orders/read".to_owned());
        let (t, _) = target(&fields);
        assert!(t.rest.scopes_said && t.rest.scopes == ["orders/read"]);
    }

    #[test]
    fn gateway_fields_say_what_they_took_from_an_arn() {
        let mut fields = Fields::new();
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
