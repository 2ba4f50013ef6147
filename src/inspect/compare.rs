//! Two tokens side by side: every header member and claim of either, with what changed
//! (an ID token against an access token, a token before and after a refresh).

use crate::input::Candidate;
use crate::jose::{self, Parsed, Payload, Str, Value};

/// How a member differs between the two tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Same value in both.
    Same,
    /// Present in both, different values.
    Changed,
    /// Only in the left token.
    OnlyLeft,
    /// Only in the right token.
    OnlyRight,
}

impl Change {
    /// Stable name for `data-change`.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Same => "same",
            Change::Changed => "changed",
            Change::OnlyLeft => "only-left",
            Change::OnlyRight => "only-right",
        }
    }
}

/// One member compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareRow {
    /// `header` or `payload`.
    pub place: &'static str,
    /// Member name.
    pub name: String,
    /// Its JSON text in the left token (`None`: absent).
    pub left: Option<String>,
    /// Its JSON text in the right token.
    pub right: Option<String>,
    /// What changed.
    pub change: Change,
}

/// The comparison, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareView {
    /// The left token's label.
    pub left: String,
    /// The right token's label.
    pub right: String,
    /// Header members, then claims, each in first-seen order.
    pub rows: Vec<CompareRow>,
    /// How many rows differ.
    pub differences: usize,
}

/// A JSON object's members, in order.
type Members = Vec<(Str, Value)>;

/// The header's and the payload's members (empty where a part is not a JSON object).
fn members(candidate: &Candidate) -> (Members, Members) {
    match jose::parse_unverified(&candidate.token) {
        Ok(Parsed::Jws(jwt)) => {
            let header = jwt
                .header
                .as_ref()
                .ok()
                .and_then(|h| h.doc.value.as_object().map(<[_]>::to_vec))
                .unwrap_or_default();
            let claims = match &jwt.payload {
                Ok(Payload::Json { doc, .. }) => {
                    doc.value.as_object().map(<[_]>::to_vec).unwrap_or_default()
                }
                _ => Vec::new(),
            };
            (header, claims)
        }
        Ok(Parsed::Jwe(jwe)) => (
            jwe.header
                .as_ref()
                .ok()
                .and_then(|h| h.doc.value.as_object().map(<[_]>::to_vec))
                .unwrap_or_default(),
            Vec::new(),
        ),
        Err(_) => (Vec::new(), Vec::new()),
    }
}

fn compare_members(
    place: &'static str,
    left: &[(Str, Value)],
    right: &[(Str, Value)],
    rows: &mut Vec<CompareRow>,
) {
    let mut names: Vec<&Str> = left.iter().map(|(k, _)| k).collect();
    for (k, _) in right {
        if !names.contains(&k) {
            names.push(k);
        }
    }
    // The last occurrence wins, as JSON parsers commonly read duplicates.
    let get = |side: &[(Str, Value)], name: &str| {
        side.iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.compact())
    };
    for name in names {
        let (l, r) = (get(left, name), get(right, name));
        let change = match (&l, &r) {
            (Some(a), Some(b)) if a == b => Change::Same,
            (Some(_), Some(_)) => Change::Changed,
            (Some(_), None) => Change::OnlyLeft,
            _ => Change::OnlyRight,
        };
        rows.push(CompareRow {
            place,
            name: name.to_string(),
            left: l,
            right: r,
            change,
        });
    }
}

/// Compares two candidates' headers and claims.
pub fn compare_view(
    left: &Candidate,
    left_label: &str,
    right: &Candidate,
    right_label: &str,
) -> CompareView {
    let (lh, lc) = members(left);
    let (rh, rc) = members(right);
    let mut rows = Vec::new();
    compare_members("header", &lh, &rh, &mut rows);
    compare_members("payload", &lc, &rc, &mut rows);
    CompareView {
        left: left_label.to_owned(),
        right: right_label.to_owned(),
        differences: rows.iter().filter(|r| r.change != Change::Same).count(),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspect::overview;

    #[test]
    fn an_id_token_and_an_access_token_differ_in_token_use_and_audience() {
        let demo = include_str!("../../static/demo/authentication-result.json");
        let o = overview(demo);
        let (access, id) = match o.extraction.candidates.as_slice() {
            [a, b, ..] => (a, b),
            _ => panic!("two tokens"),
        };
        let view = compare_view(id, "IdToken", access, "AccessToken");
        let row = |name: &str| {
            view.rows
                .iter()
                .find(|r| r.place == "payload" && r.name == name)
        };
        assert_eq!(row("token_use").map(|r| r.change), Some(Change::Changed));
        assert_eq!(row("aud").map(|r| r.change), Some(Change::OnlyLeft));
        assert_eq!(row("client_id").map(|r| r.change), Some(Change::OnlyRight));
        assert_eq!(row("sub").map(|r| r.change), Some(Change::Same));
        assert!(view.differences > 0);
        assert!(view
            .rows
            .iter()
            .any(|r| r.place == "header" && r.name == "kid"));
    }
}
