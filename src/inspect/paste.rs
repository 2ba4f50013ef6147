//! Where each token's segments sit in the paste box, so the box itself can colour-code them
//! (header, payload, signature — the same colours as the decoded view).
//!
//! Pure: byte ranges into the text exactly as typed. A candidate whose segments cannot be found
//! verbatim (a token rejoined from wrapped lines, or cleaned of invisible characters) is left
//! unmarked from the first segment that is not found. Bounded: nothing is marked in a paste over
//! [`MAX_MARKED_BYTES`] (the backdrop would double the layout work of a huge paste), and at most
//! [`MAX_MARKED_TOKENS`] tokens are marked.

use crate::input::{Extraction, Shape};

/// Pastes longer than this are not marked.
pub const MAX_MARKED_BYTES: usize = 64 * 1024;
/// Tokens marked at most.
pub const MAX_MARKED_TOKENS: usize = 20;

/// The segment names of a JWS, in order (`seg-…` classes).
const JWS_PARTS: [&str; 3] = ["header", "payload", "signature"];
/// The segment names of a JWE, in order.
const JWE_PARTS: [&str; 5] = ["header", "encrypted-key", "iv", "ciphertext", "tag"];

/// One marked range of the paste.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasteMark {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// The segment's name: `header`, `payload`, `signature` or a JWE part.
    pub name: &'static str,
}

/// The marks for `text`, in order, never overlapping.
pub fn paste_marks(text: &str, extraction: &Extraction) -> Vec<PasteMark> {
    let mut marks = Vec::new();
    if text.len() > MAX_MARKED_BYTES {
        return marks;
    }
    let mut cursor = 0;
    for c in extraction.candidates.iter().take(MAX_MARKED_TOKENS) {
        let names: &[&'static str] = match c.shape {
            Shape::Jws => &JWS_PARTS,
            Shape::Jwe => &JWE_PARTS,
            Shape::Opaque => continue,
        };
        for (name, part) in names.iter().zip(c.token.split('.')) {
            if part.is_empty() {
                continue;
            }
            let Some(at) = text.get(cursor..).and_then(|rest| next_at(rest, part)) else {
                break;
            };
            let start = cursor + at;
            let end = start + part.len();
            marks.push(PasteMark { start, end, name });
            cursor = end;
        }
    }
    marks
}

/// Where `part` first occurs in `rest`: right at the start or after the one `.` before it
/// (a token's segments follow each other) without a search, which for a 16 KB segment costs
/// more than the rest of the marking; anywhere else (a token wrapped over lines) by one.
fn next_at(rest: &str, part: &str) -> Option<usize> {
    if rest.starts_with(part) {
        Some(0)
    } else if rest.strip_prefix('.').is_some_and(|r| r.starts_with(part)) {
        Some(1)
    } else {
        rest.find(part)
    }
}

/// The paste cut at the marks: `(None, text)` for unmarked text, `(Some(name), text)` for a
/// segment. Slices that would not fall on character boundaries are never produced (marks come
/// from [`paste_marks`] on the same text; anything else yields the text unmarked).
pub fn paste_pieces<'a>(
    text: &'a str,
    marks: &[PasteMark],
) -> Vec<(Option<&'static str>, &'a str)> {
    let mut pieces = Vec::with_capacity(marks.len() * 2 + 1);
    let mut at = 0;
    for m in marks {
        let (Some(before), Some(inside)) = (text.get(at..m.start), text.get(m.start..m.end)) else {
            return vec![(None, text)];
        };
        if !before.is_empty() {
            pieces.push((None, before));
        }
        pieces.push((Some(m.name), inside));
        at = m.end;
    }
    if let Some(rest) = text.get(at..).filter(|r| !r.is_empty()) {
        pieces.push((None, rest));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::extract;

    const TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";

    fn names(text: &str) -> Vec<(&'static str, &str)> {
        let marks = paste_marks(text, &extract(text));
        marks
            .iter()
            .map(|m| (m.name, text.get(m.start..m.end).unwrap_or("?")))
            .collect()
    }

    #[test]
    fn a_bearer_header_has_its_three_segments_marked_where_they_were_typed() {
        let text = format!("Authorization: Bearer {TOKEN}\n");
        assert_eq!(
            names(&text),
            vec![
                ("header", "eyJhbGciOiJIUzI1NiJ9"),
                ("payload", "eyJzdWIiOiJ4In0"),
                ("signature", "c2ln"),
            ]
        );
    }

    #[test]
    fn two_tokens_are_marked_in_order_and_the_pieces_give_the_text_back() {
        let other = TOKEN.replace("c2ln", "b3RoZXI");
        let text = format!("{{\"IdToken\":\"{TOKEN}\",\"AccessToken\":\"{other}\"}}");
        let marks = paste_marks(&text, &extract(&text));
        assert_eq!(marks.len(), 6);
        assert!(marks.windows(2).all(|w| w[0].end <= w[1].start));
        let joined: String = paste_pieces(&text, &marks).iter().map(|p| p.1).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn the_next_segment_is_where_a_search_finds_it() {
        for (rest, part) in [
            ("abc.def", "abc"),
            (".def", "def"),
            ("..def", "def"),
            ("..def", ".def"),
            ("x.def def", "def"),
            ("de\nf def", "def"),
            (".d", "def"),
            ("", "def"),
            ("def", ""),
        ] {
            assert_eq!(next_at(rest, part), rest.find(part), "{rest:?} {part:?}");
        }
    }

    #[test]
    fn a_huge_paste_and_an_opaque_value_are_not_marked() {
        let huge = format!("{TOKEN} {}", "x".repeat(MAX_MARKED_BYTES));
        assert!(paste_marks(&huge, &extract(&huge)).is_empty());
        assert!(names("Authorization: Bearer abcdef0123456789abcdef").is_empty());
    }

    #[test]
    fn pieces_of_marks_that_do_not_fit_the_text_give_the_text_unmarked() {
        let bogus = [PasteMark {
            start: 2,
            end: 99,
            name: "header",
        }];
        assert_eq!(paste_pieces("é token", &bogus), vec![(None, "é token")]);
    }
}
