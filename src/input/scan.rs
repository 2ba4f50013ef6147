//! Finds compact tokens anywhere in a text, re-joining tokens that were wrapped over lines.
//!
//! A token starts where a base64url word starts and its first characters decode to `{`. It is
//! read part by part (`.`-separated); if it reaches the end of a line, the next line's leading
//! run may continue it (terminal wrapping, log wrapping, indentation, `\` continuations). Which
//! join is right is decided by [`probe::assess`]: the best-ranked reading wins (complete, with a
//! JSON payload, first); among equals the shortest, except that among complete tokens the
//! longest wins, because an RSA signature has several valid lengths and a wrapped one passes
//! through the shorter ones.

use super::probe::{self, Assessment, Fit};
use super::{CompactProblem, Shape};

/// Most lines one token may be wrapped over.
const MAX_PIECES: usize = 512;
/// Most bytes of one re-joined token.
const MAX_JOINED: usize = 256 * 1024;

/// A token found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Hit {
    /// Byte offset of the token's first character.
    pub start: usize,
    /// Byte offset just past its last character.
    pub end: usize,
    /// The re-joined token (without the `.` that [`Hit::unsigned`] asks to append).
    pub token: String,
    pub shape: Shape,
    /// `header.payload` only: the signature part is missing.
    pub unsigned: bool,
    pub line_breaks: usize,
    pub whitespace_inside: usize,
    pub continuations: usize,
    /// Spaces or tabs that split the token within a line (no line break), removed.
    pub stray_blanks: usize,
}

/// Something that started like a token but is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct NearMiss {
    pub segments: usize,
    pub problem: CompactProblem,
}

/// Reads one run of token characters from `i`: parts, `=` padding at part ends, `.` separators.
fn read_piece(b: &[u8], i: usize) -> usize {
    let mut j = i;
    let mut dots = 0;
    loop {
        while b.get(j).copied().is_some_and(probe::is_segment_byte) {
            j += 1;
        }
        while b.get(j) == Some(&b'=') {
            j += 1;
        }
        if b.get(j) == Some(&b'.') && dots < probe::MAX_SEGMENTS {
            dots += 1;
            j += 1;
        } else {
            return j;
        }
    }
}

/// A line break between two pieces of a wrapped token, or (`same_line`) a stray space or tab
/// that splits a token within a line.
struct Join {
    next: usize,
    whitespace: usize,
    continuation: bool,
    same_line: bool,
}

/// Most spaces and tabs one stray split inside a line may be (a slip, not a gap between words).
const MAX_STRAY_BLANKS: usize = 2;

/// If the piece ending at `j` ends its line, where does the next line's run begin? With
/// `same_line`, a run after one or two spaces or tabs on the same line continues it too.
fn continuation_after(b: &[u8], j: usize, same_line: bool) -> Option<Join> {
    let mut k = j;
    let mut whitespace = 0;
    let skip_blanks = |k: &mut usize, whitespace: &mut usize| {
        while matches!(b.get(*k), Some(b' ' | b'\t')) {
            *k += 1;
            *whitespace += 1;
        }
    };
    skip_blanks(&mut k, &mut whitespace);
    let mut continuation = false;
    if b.get(k) == Some(&b'\\') {
        continuation = true;
        k += 1;
        skip_blanks(&mut k, &mut whitespace);
    }
    let mut broke = false;
    if b.get(k) == Some(&b'\r') {
        k += 1;
        broke = true;
    }
    if b.get(k) == Some(&b'\n') {
        k += 1;
        broke = true;
    }
    let stray =
        !broke && same_line && !continuation && (1..=MAX_STRAY_BLANKS).contains(&whitespace);
    if !broke && !stray {
        return None;
    }
    skip_blanks(&mut k, &mut whitespace);
    let first = b.get(k).copied()?;
    if probe::is_segment_byte(first) || first == b'.' || first == b'=' {
        Some(Join {
            next: k,
            whitespace,
            continuation,
            same_line: stray,
        })
    } else {
        None
    }
}

/// The chosen join: how many pieces, the judged length of the joined text, its assessment.
struct Choice {
    pieces: usize,
    len: usize,
    assessment: Assessment,
}

/// Finds every token in `text` outside the `covered` byte ranges (sorted, non-overlapping).
/// `budget` bounds the bytes re-assessed while trying joins, keeping the scan roughly linear.
pub(super) fn scan(
    text: &str,
    covered: &[(usize, usize)],
    budget: &mut usize,
) -> (Vec<Hit>, Option<NearMiss>) {
    let b = text.as_bytes();
    let mut hits = Vec::new();
    let mut near_miss = None;
    let mut cover = covered.iter().peekable();
    let mut i = 0;
    while i < b.len() {
        while cover.peek().is_some_and(|(_, end)| *end <= i) {
            cover.next();
        }
        if let Some((start, end)) = cover.peek() {
            if *start <= i {
                i = *end;
                continue;
            }
        }
        let starts_word = probe::is_b64url(b.get(i).copied().unwrap_or(0))
            && (i == 0 || !b.get(i - 1).copied().is_some_and(probe::is_b64url));
        if !starts_word {
            i += 1;
            continue;
        }
        let word_end = b
            .get(i..)
            .and_then(|run| run.iter().position(|&c| !probe::is_b64url(c)))
            .map_or(b.len(), |len| i + len);
        if !probe::starts_like_json_object(b.get(i..).unwrap_or_default()) {
            i = word_end;
            continue;
        }
        match read_token(text, i, budget) {
            Ok(hit) => {
                i = hit.end.max(i + 1);
                hits.push(hit);
            }
            Err(miss) => {
                // A run starting right after a `.` is a later part of something else: its
                // "header" would be a payload, and the miss would mislead.
                let after_dot = i > 0 && b.get(i - 1) == Some(&b'.');
                if near_miss.is_none() && !after_dot {
                    near_miss = miss;
                }
                i = word_end;
            }
        }
    }
    (hits, near_miss)
}

/// Reads the token starting at `start`, trying line joins; `Err` carries why it is not one.
fn read_token(text: &str, start: usize, budget: &mut usize) -> Result<Hit, Option<NearMiss>> {
    let b = text.as_bytes();
    let first = (start, read_piece(b, start));
    let mut pieces: Vec<(usize, usize)> = vec![first];
    let mut joins: Vec<Join> = Vec::new();
    let mut joined = piece_text(text, first).to_owned();
    let mut best: Option<Choice> = None;
    let mut first_problem = None;
    loop {
        *budget = budget.saturating_sub(joined.len());
        let (assessment, len) = probe::assess_allowing_full_stop(&joined);
        if first_problem.is_none() {
            first_problem = assessment.problem().map(|problem| NearMiss {
                segments: assessment.segments,
                problem,
            });
        }
        let stop = matches!(assessment.fit, Fit::Invalid(_))
            || (assessment.is_token()
                && !assessment.may_grow
                && !matches!(assessment.fit, Fit::Unsigned));
        let better = match &best {
            None => assessment.is_token(),
            // Complete beats everything, and a longer complete one beats a shorter one (RSA
            // signatures of several lengths); otherwise the shortest of the best rank wins.
            Some(b) => {
                assessment.rank() > b.assessment.rank()
                    || (assessment.fit == Fit::Complete
                        && assessment.rank() == b.assessment.rank()
                        && len > b.len)
            }
        };
        if better {
            best = Some(Choice {
                pieces: pieces.len(),
                len,
                assessment,
            });
        }
        if stop || *budget == 0 || pieces.len() >= MAX_PIECES || joined.len() > MAX_JOINED {
            break;
        }
        let Some(&(_, last_end)) = pieces.last() else {
            break;
        };
        // Within a line only while nothing read so far is a token: a complete token followed by
        // a word stays as it is.
        let Some(join) = continuation_after(b, last_end, best.is_none()) else {
            break;
        };
        let next = (join.next, read_piece(b, join.next));
        if next.1 == next.0 {
            break;
        }
        joined.push_str(piece_text(text, next));
        pieces.push(next);
        joins.push(join);
    }
    let Some(choice) = best else {
        return Err(first_problem);
    };
    let used = pieces.get(..choice.pieces).unwrap_or_default();
    let used_joins = joins
        .get(..choice.pieces.saturating_sub(1))
        .unwrap_or_default();
    let full_len: usize = used.iter().map(|(s, e)| e - s).sum();
    let dropped = full_len.saturating_sub(choice.len);
    let end = used
        .last()
        .map(|(_, e)| *e)
        .unwrap_or(start)
        .saturating_sub(dropped);
    let mut token: String = used.iter().map(|p| piece_text(text, *p)).collect();
    if token.is_char_boundary(choice.len) {
        token.truncate(choice.len);
    }
    Ok(Hit {
        start,
        end,
        token,
        shape: choice.assessment.shape.clone(),
        unsigned: choice.assessment.fit == Fit::Unsigned,
        line_breaks: used_joins.iter().filter(|j| !j.same_line).count(),
        whitespace_inside: used_joins
            .iter()
            .filter(|j| !j.same_line)
            .map(|j| j.whitespace)
            .sum(),
        continuations: used_joins.iter().filter(|j| j.continuation).count(),
        stray_blanks: used_joins
            .iter()
            .filter(|j| j.same_line)
            .map(|j| j.whitespace)
            .sum(),
    })
}

fn piece_text(text: &str, (start, end): (usize, usize)) -> &str {
    text.get(start..end).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;

    fn token() -> String {
        format!(
            "{}.{}.{}",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256","typ":"JWT"}"#),
            URL_SAFE_NO_PAD.encode(r#"{"sub":"1234567890","name":"John Doe","iat":1516239022}"#),
            URL_SAFE_NO_PAD.encode([9u8; 32])
        )
    }

    fn scan_with(text: &str, covered: &[(usize, usize)]) -> (Vec<Hit>, Option<NearMiss>) {
        let mut budget = usize::MAX;
        scan(text, covered, &mut budget)
    }

    fn scan_all(text: &str) -> Vec<Hit> {
        scan_with(text, &[]).0
    }

    #[test]
    fn finds_a_token_between_words() {
        let t = token();
        let hits = scan_all(&format!("the token {t} was rejected"));
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].token, t);
    }

    #[test]
    fn rejoins_a_token_split_by_a_stray_space_or_tab_within_a_line() {
        // KC-401: a space inside the token reaches the server; the page joins and reports it.
        let t = token();
        let dot = t.find('.').unwrap_or(0);
        for (at, blanks) in [(dot + 9, " "), (dot + 1, " \t"), (5, " ")] {
            let split = format!("{}{blanks}{}", &t[..at], &t[at..]);
            let hits = scan_all(&format!("Authorization: Bearer {split} sent"));
            assert_eq!(hits.len(), 1, "{split}");
            assert_eq!(hits[0].token, t, "{split}");
            assert_eq!(hits[0].stray_blanks, blanks.len());
            assert_eq!((hits[0].line_breaks, hits[0].whitespace_inside), (0, 0));
        }
    }

    #[test]
    fn a_complete_token_is_not_joined_with_the_next_word_or_token() {
        let t = token();
        let hits = scan_all(&format!("{t} {t} eyJ was {t}"));
        assert_eq!(
            hits.iter().map(|h| h.token.as_str()).collect::<Vec<_>>(),
            [&t, &t, &t]
        );
        assert!(hits.iter().all(|h| h.stray_blanks == 0));
        // Three or more blanks are a gap, not a slip.
        let dot = t.find('.').unwrap_or(0);
        let gap = format!("{}   {}", &t[..dot + 9], &t[dot + 9..]);
        assert!(scan_all(&gap)
            .iter()
            .all(|h| h.token != t && h.stray_blanks == 0));
    }

    #[test]
    fn rejoins_a_token_wrapped_at_a_fixed_width() {
        let t = token();
        let wrapped: Vec<String> = t
            .as_bytes()
            .chunks(20)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect();
        let hits = scan_all(&wrapped.join("\n    "));
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].token, t);
        assert_eq!(hits[0].line_breaks, wrapped.len() - 1);
        assert_eq!(hits[0].whitespace_inside, 4 * (wrapped.len() - 1));
    }

    #[test]
    fn does_not_join_a_complete_token_with_the_next_word() {
        let t = token();
        let hits = scan_all(&format!("{t}\nthanks"));
        assert_eq!(hits[0].token, t);
        assert_eq!(hits[0].line_breaks, 0);
    }

    #[test]
    fn covered_ranges_are_skipped() {
        let t = token();
        let text = format!("{t} {t}");
        let hits = scan_with(&text, &[(0, t.len())]).0;
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].start, t.len() + 1);
    }

    #[test]
    fn a_broken_header_is_a_near_miss() {
        let (hits, miss) = scan_with("eyJhbGciOiJIUzI1NiJ.e30.sig", &[]);
        assert!(hits.is_empty());
        assert_eq!(miss.map(|m| m.segments), Some(3));
    }
}
