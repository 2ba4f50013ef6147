//! One candidate decoded for display: header and payload JSON exactly as issued, raw segments,
//! decode problems, and the claims table with times rendered three ways.
//!
//! Two steps, so a ticking clock never decodes again: [`decoded_view`] once per token (the big
//! texts shared behind `Rc`), [`claim_times`] once per second from it. Pure: `now` and the local
//! UTC offset arrive as values.

use std::rc::Rc;

use crate::diagnose;
use crate::explain;
use crate::input::{Candidate, Shape};
use crate::jose::{self, Parsed};
use crate::timefmt;

/// One candidate decoded for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenView {
    /// The cleaned token, as it would be sent (what "copy token" copies).
    pub token: String,
    /// `JWS`, `JWE` or `Opaque`.
    pub shape: &'static str,
    /// What was removed from the paste to get the token.
    pub cleanups: Vec<String>,
    /// A notice about the token's kind (encrypted payload, opaque value), if any.
    pub notice: Option<String>,
    /// Pretty header JSON, exactly as issued, when the header decoded.
    pub header_json: Option<Rc<str>>,
    /// Pretty payload JSON (or text / nested token / byte summary), when the payload decoded.
    pub payload_json: Option<Rc<str>>,
    /// Raw segments as received: header, payload, signature (JWE: all five, in order).
    pub raw: Vec<RawSegment>,
    /// Decode problems, quirks and duplicate keys, one sentence each.
    pub problems: Vec<Problem>,
    /// The claims table, in payload order.
    pub claims: Rc<Vec<ClaimRow>>,
    /// The time claims among the rows: (row index, claim, value), for [`claim_times`].
    pub times: Vec<(usize, jose::TimeClaim, jose::Field<jose::NumericDate>)>,
}

/// Longest claim value shown in the claims table, in characters; the rest is in the payload
/// JSON (a 1 MiB member would otherwise be laid out twice).
pub const MAX_VALUE_CHARS: usize = 2_000;

/// A raw segment with its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawSegment {
    /// `header`, `payload`, `signature`, or a JWE part name.
    pub name: &'static str,
    /// The segment's text exactly as received.
    pub text: String,
}

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Accepted, but worth knowing (padding, duplicate keys).
    Note,
    /// Part of the token could not be decoded.
    Error,
}

/// One decode problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// How serious it is.
    pub severity: Severity,
    /// The sentence the user reads.
    pub text: String,
}

/// A row of the claims table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRow {
    /// Claim name exactly as in the payload.
    pub name: String,
    /// The value as JSON text, exactly as issued (cut after [`MAX_VALUE_CHARS`], saying so).
    pub value: String,
    /// What the claim means, for this kind of token.
    pub meaning: Option<&'static str>,
}

/// A time claim rendered three ways.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeCell {
    /// "expired 3 h 12 min ago", "expires in 5 min", …
    pub relative: String,
    /// True when the time alone makes the token unusable now: `exp` in the past, or `nbf` /
    /// `iat` in the future.
    pub alarming: bool,
    /// `2026-11-24 02:11:03 UTC`
    pub utc: String,
    /// The same instant in the viewer's local time.
    pub local: String,
    /// A warning about the value (e.g. it looks like milliseconds, or is not a number).
    pub warning: Option<String>,
}

/// The time cells of `view`'s claims table at `now` (seconds since the epoch), one per row
/// (`None` for rows that are not time claims); `local_offset` gives the viewer's UTC offset in
/// minutes at a given instant.
pub fn claim_times(
    view: &TokenView,
    now: i64,
    local_offset: &dyn Fn(i64) -> i32,
) -> Vec<Option<TimeCell>> {
    let mut cells = vec![None; view.claims.len()];
    for (row, claim, field) in &view.times {
        if let Some(cell) = cells.get_mut(*row) {
            *cell = time_cell(*claim, field, now, local_offset);
        }
    }
    cells
}

/// Decodes one candidate for display (no clock: see [`claim_times`]).
pub fn decoded_view(candidate: &Candidate) -> TokenView {
    decoded_view_of(candidate, None)
}

/// [`decoded_view`] from the token as already parsed (the facts keep it), so it is not parsed
/// again; `None` parses it (and reports why it does not parse).
pub fn decoded_view_of(candidate: &Candidate, parsed: Option<&Parsed>) -> TokenView {
    let mut view = TokenView {
        token: candidate.token.clone(),
        shape: shape_name(&candidate.shape),
        cleanups: candidate
            .cleanups
            .iter()
            .map(explain::input::cleanup)
            .collect(),
        notice: None,
        header_json: None,
        payload_json: None,
        raw: Vec::new(),
        problems: Vec::new(),
        claims: Rc::default(),
        times: Vec::new(),
    };
    if candidate.shape == Shape::Opaque {
        view.notice = Some(explain::input::shape(&candidate.shape));
        return view;
    }
    let parsed_here;
    let parsed = match parsed {
        Some(p) => Ok(p),
        None => {
            parsed_here = jose::parse_unverified(&candidate.token);
            parsed_here.as_ref()
        }
    };
    match parsed {
        Err(err) => view
            .problems
            .push(error(explain::decode::structure_error(err))),
        Ok(Parsed::Jws(jwt)) => {
            view.shape = "JWS";
            view.raw = vec![
                raw("header", &jwt.raw_header),
                raw("payload", &jwt.raw_payload),
                raw("signature", &jwt.raw_signature),
            ];
            read_header(&jwt.header, jose::Segment::Header, &mut view);
            match &jwt.payload {
                Ok(payload) => {
                    view.payload_json = payload_text(payload);
                    if let jose::Payload::Json { doc, claims } = payload {
                        let kind = diagnose::identity::identify(
                            jwt.header.as_ref().ok(),
                            Some(claims),
                            None,
                        )
                        .kind;
                        let (rows, times) = claim_rows(&doc.value, claims, &kind);
                        view.claims = Rc::new(rows);
                        view.times = times;
                        for (name, want, value) in claims.malformed() {
                            view.problems.push(note(explain::decode::malformed_field(
                                jose::Segment::Payload,
                                name,
                                want,
                                value,
                            )));
                        }
                        if doc.value.as_object().is_none() {
                            view.problems
                                .push(note(explain::decode::payload_kind(payload)));
                        }
                    } else {
                        view.notice = Some(explain::decode::payload_kind(payload));
                    }
                }
                Err(err) => view
                    .problems
                    .push(error(explain::decode::segment_error(err))),
            }
            if let Err(err) = &jwt.signature {
                view.problems
                    .push(error(explain::decode::segment_error(err)));
            }
            if let Ok(jose::Payload::Json { doc, .. }) = &jwt.payload {
                duplicates(doc, jose::Segment::Payload, &mut view);
            }
            view.problems
                .extend(jwt.quirks.iter().map(|q| note(explain::decode::quirk(q))));
        }
        Ok(Parsed::Jwe(jwe)) => {
            view.shape = "JWE";
            view.raw = vec![
                raw("header", &jwe.raw_header),
                raw("encrypted-key", &jwe.raw_encrypted_key),
                raw("iv", &jwe.raw_iv),
                raw("ciphertext", &jwe.raw_ciphertext),
                raw("tag", &jwe.raw_tag),
            ];
            read_header(&jwe.header, jose::Segment::Header, &mut view);
            view.notice = Some(explain::decode::jwe_notice(jwe));
            for part in [&jwe.encrypted_key, &jwe.iv, &jwe.ciphertext, &jwe.tag] {
                if let Err(err) = part {
                    view.problems
                        .push(error(explain::decode::segment_error(err)));
                }
            }
            view.problems
                .extend(jwe.quirks.iter().map(|q| note(explain::decode::quirk(q))));
        }
    }
    view
}

fn read_header(
    header: &Result<jose::Header, jose::SegmentError>,
    segment: jose::Segment,
    view: &mut TokenView,
) {
    match header {
        Ok(header) => {
            view.header_json = Some(header.doc.pretty().into());
            duplicates(&header.doc, segment, view);
            for (name, want, value) in header.malformed() {
                view.problems.push(note(explain::decode::malformed_field(
                    segment, name, want, value,
                )));
            }
        }
        Err(err) => view
            .problems
            .push(error(explain::decode::segment_error(err))),
    }
}

fn duplicates(doc: &jose::JsonDoc, segment: jose::Segment, view: &mut TokenView) {
    for duplicate in &doc.duplicates {
        view.problems
            .push(note(explain::decode::duplicate(segment, duplicate)));
    }
    if let Some(more) = explain::decode::unlisted(segment, doc) {
        view.problems.push(note(more));
    }
}

fn payload_text(payload: &jose::Payload) -> Option<Rc<str>> {
    match payload {
        jose::Payload::Json { doc, .. } => Some(doc.pretty().into()),
        jose::Payload::NestedJwt(inner) => Some(inner.as_str().into()),
        jose::Payload::Text(text) => Some(text.as_str().into()),
        jose::Payload::Bytes(_) | jose::Payload::Empty => None,
    }
}

type TimeRows = Vec<(usize, jose::TimeClaim, jose::Field<jose::NumericDate>)>;

fn claim_rows(
    value: &jose::Value,
    claims: &jose::Claims,
    kind: &diagnose::identity::TokenKind,
) -> (Vec<ClaimRow>, TimeRows) {
    let time_claims = jose::time_claims(claims);
    let members = value.as_object().unwrap_or_default();
    let mut times = Vec::new();
    let rows = members
        .iter()
        .enumerate()
        .map(|(i, (name, value))| {
            if let Some((claim, field)) = time_claims.iter().find(|(c, _)| c.name() == name) {
                times.push((i, *claim, (*field).clone()));
            }
            ClaimRow {
                name: name.to_string(),
                value: shown_value(value),
                meaning: explain::dictionary::explain_claim(name, kind),
            }
        })
        .collect();
    (rows, times)
}

/// A value's JSON text cut after [`MAX_VALUE_CHARS`] characters, ending in a note that says so
/// (only the start of a huge value is ever written).
fn shown_value(value: &jose::Value) -> String {
    let (mut text, mut cut) = value.compact_prefix(MAX_VALUE_CHARS * 4);
    if let Some((at, _)) = text.char_indices().nth(MAX_VALUE_CHARS) {
        text.truncate(at);
        cut = true;
    }
    if cut {
        text.push_str(explain::decode::value_cut());
    }
    text
}

fn time_cell(
    claim: jose::TimeClaim,
    field: &jose::Field<jose::NumericDate>,
    now: i64,
    local_offset: &dyn Fn(i64) -> i32,
) -> Option<TimeCell> {
    let date = field.present()?;
    let view = timefmt::describe(date.secs, now, local_offset(date.secs));
    let warning = if date.looks_like_milliseconds {
        Some(explain::decode::millis_warning(claim, date))
    } else {
        explain::decode::clamp_note(claim, view.clamp)
    };
    Some(TimeCell {
        relative: explain::decode::time_phrase(claim, view.delta_secs),
        alarming: match claim {
            jose::TimeClaim::Exp => view.delta_secs < 0,
            jose::TimeClaim::Nbf | jose::TimeClaim::Iat => view.delta_secs > 0,
            jose::TimeClaim::AuthTime => false,
        },
        utc: view.utc,
        local: view.local,
        warning,
    })
}

fn raw(name: &'static str, text: &str) -> RawSegment {
    RawSegment {
        name,
        text: text.to_owned(),
    }
}

fn note(text: String) -> Problem {
    Problem {
        severity: Severity::Note,
        text,
    }
}

fn error(text: String) -> Problem {
    Problem {
        severity: Severity::Error,
        text,
    }
}

/// `JWS`, `JWE` or `Opaque`.
pub(crate) fn shape_name(shape: &Shape) -> &'static str {
    match shape {
        Shape::Jws => "JWS",
        Shape::Jwe => "JWE",
        Shape::Opaque => "Opaque",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspect::*;

    const UTC: &dyn Fn(i64) -> i32 = &|_| 0;
    /// `{"alg":"HS256","typ":"JWT"}` . `{"sub":"a","exp":1700000000,"big":12345678901234567890123}`
    const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\
        eyJzdWIiOiJhIiwiZXhwIjoxNzAwMDAwMDAwLCJiaWciOjEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzfQ.c2ln";

    const NOW: i64 = 1_700_000_000 + 3 * 3600 + 12 * 60;

    fn first(text: &str) -> TokenView {
        let overview = overview(text);
        let candidate = overview.extraction.candidates.first().expect("a candidate");
        decoded_view(candidate)
    }

    #[test]
    fn claims_rows_keep_payload_order_and_exact_number_text() {
        let view = first(TOKEN);
        let rows: Vec<(&str, &str)> = view
            .claims
            .iter()
            .map(|r| (r.name.as_str(), r.value.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                ("sub", "\"a\""),
                ("exp", "1700000000"),
                ("big", "12345678901234567890123")
            ]
        );
        assert_eq!(view.shape, "JWS");
        assert_eq!(
            view.raw.iter().map(|s| s.name).collect::<Vec<_>>(),
            ["header", "payload", "signature"]
        );
    }

    #[test]
    fn time_claims_get_relative_utc_and_local_renderings() {
        let view = first(TOKEN);
        let times = claim_times(&view, NOW, UTC);
        let row = |name: &str| view.claims.iter().position(|r| r.name == name);
        let exp = row("exp").and_then(|i| times.get(i).cloned().flatten());
        let exp = exp.expect("exp has a time cell");
        assert!(exp.alarming);
        assert_eq!(exp.utc, "2023-11-14 22:13:20 UTC");
        assert!(exp.relative.contains("3 h 12 min"), "{}", exp.relative);
        assert_eq!(times.len(), view.claims.len());
        assert!(row("sub").is_some_and(|i| times.get(i).is_some_and(Option::is_none)));
        // The clock moves; the decoded view does not need to be made again.
        let later = claim_times(&view, NOW + 3600, UTC);
        let exp_later = row("exp").and_then(|i| later.get(i).cloned().flatten());
        assert!(exp_later.is_some_and(|t| t.relative.contains("4 h 12 min")));
    }

    #[test]
    fn a_huge_claim_value_is_cut_in_the_table_and_says_how_much_is_left() {
        let big = "x".repeat(MAX_VALUE_CHARS + 500);
        let payload = format!("{{\"blob\":\"{big}\"}}");
        let token = format!(
            "eyJhbGciOiJIUzI1NiJ9.{}.c2ln",
            crate::jose::b64::encode(payload.as_bytes())
        );
        let view = first(&token);
        let blob = view.claims.first().expect("a row");
        assert_eq!(
            blob.value.chars().take(MAX_VALUE_CHARS).count(),
            MAX_VALUE_CHARS
        );
        assert!(blob.value.len() < MAX_VALUE_CHARS + 200);
        assert!(blob.value.ends_with(crate::explain::decode::value_cut()));
        // A value that fits is shown whole, without the note.
        let small = first(TOKEN);
        assert!(small.claims.iter().all(|r| !r.value.contains('…')));
        assert!(view.payload_json.is_some_and(|p| p.contains(&big)));
    }

    #[test]
    fn a_bearer_paste_lists_what_was_removed() {
        let view = first(&format!("Authorization: Bearer {TOKEN}"));
        assert!(!view.cleanups.is_empty());
        assert_eq!(view.token, TOKEN);
    }

    #[test]
    fn a_cognito_response_offers_three_candidates_and_the_refresh_token_is_a_jwe() {
        let demo = include_str!("../../static/demo/authentication-result.json");
        let overview = overview(demo);
        let shapes: Vec<&str> = overview.candidates.iter().map(|c| c.shape).collect();
        assert_eq!(shapes, ["JWS", "JWS", "JWE"]);
        let refresh = overview
            .extraction
            .candidates
            .get(2)
            .expect("refresh token");
        let view = decoded_view(refresh);
        assert_eq!(view.raw.len(), 5);
        assert!(view.notice.is_some());
        assert!(view.header_json.is_some_and(|h| h.contains("A256GCM")));
    }

    #[test]
    fn the_view_from_the_facts_parse_equals_the_view_that_parses_for_itself() {
        let demo = include_str!("../../static/demo/authentication-result.json");
        let text = format!("{demo}\nBearer eyJhbGciOiJIUzI1NiJ9.eyJhIjo.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlMTIzNA");
        let overview = overview(&text);
        let candidates = &overview.extraction.candidates;
        let facts = crate::diagnose::facts_of_all(candidates, &[]);
        assert_eq!(candidates.len(), 4);
        for (c, f) in candidates.iter().zip(&facts) {
            assert_eq!(
                decoded_view_of(c, f.parsed.as_deref()),
                decoded_view(c),
                "{}",
                c.token
            );
        }
    }

    #[test]
    fn a_bad_payload_segment_still_shows_the_header_and_says_what_is_wrong() {
        // Payload `{"a":` (cut short): still a candidate, so the decoder can say where it breaks.
        let view = first("eyJhbGciOiJIUzI1NiJ9.eyJhIjo.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlMTIzNA");
        assert!(view.header_json.is_some());
        assert!(view.payload_json.is_none());
        assert!(view.problems.iter().any(|p| p.severity == Severity::Error));
    }
}
