//! Invisible and look-alike characters that a copy from a chat, a document or a web page can put
//! inside a token: zero-width space and joiners, word joiner, soft hyphen, byte-order mark,
//! bidirectional marks, and dot look-alikes (full-width `．`, one-dot leader `․`, ideographic
//! `。`) where a `.` separator belongs.
//!
//! Owns the cleaning pass over the whole paste; `crate::input` attaches what was removed to the
//! candidates it touched. Must not decide what is a token. One pass, linear in the input.

/// One character removed (or replaced by `.`) from the paste.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Removed {
    /// Byte offset in the cleaned text where it stood.
    pub at_cleaned: usize,
    /// 0-based character index in the original paste.
    pub at_char: usize,
    /// The character.
    pub ch: char,
    /// Replaced by `.` (a dot look-alike) rather than removed.
    pub dot: bool,
}

/// Characters with no width that never belong in a token.
pub(super) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' // zero-width space
            | '\u{200C}' // zero-width non-joiner
            | '\u{200D}' // zero-width joiner
            | '\u{2060}' // word joiner
            | '\u{00AD}' // soft hyphen
            | '\u{FEFF}' // byte-order mark / zero-width no-break space
            | '\u{200E}' // left-to-right mark
            | '\u{200F}' // right-to-left mark
            | '\u{180E}' // Mongolian vowel separator
    )
}

/// Characters that look like a full stop.
pub(super) fn is_dot_lookalike(c: char) -> bool {
    matches!(
        c,
        '\u{FF0E}' // full-width full stop
            | '\u{2024}' // one dot leader
            | '\u{3002}' // ideographic full stop
            | '\u{FF61}' // half-width ideographic full stop
            | '\u{FE52}' // small full stop
    )
}

/// A character that can be part of a token (base64url, `.`, `=`, and the `+` `/` of base64).
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '=' | '+' | '/')
}

/// A base64url character (what stands on both sides of a separator).
fn is_b64url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_')
}

/// The paste without invisible characters next to token characters and with dot look-alikes
/// between base64url characters replaced by `.`; `None` when there is nothing to clean (always
/// for ASCII text).
pub(super) fn clean(text: &str) -> Option<(String, Vec<Removed>)> {
    if text.is_ascii() || !text.chars().any(|c| is_invisible(c) || is_dot_lookalike(c)) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut removed = Vec::new();
    let mut chars = text.chars().enumerate().peekable();
    while let Some((index, c)) = chars.next() {
        if is_invisible(c) {
            // The whole run of invisible characters goes or stays together.
            let mut run = vec![(index, c)];
            while let Some(&(i, next)) = chars.peek() {
                if !is_invisible(next) {
                    break;
                }
                run.push((i, next));
                chars.next();
            }
            let before = out.chars().next_back().is_some_and(is_token_char);
            let after = chars.peek().is_some_and(|&(_, n)| is_token_char(n));
            if before || after {
                removed.extend(run.into_iter().map(|(at_char, ch)| Removed {
                    at_cleaned: out.len(),
                    at_char,
                    ch,
                    dot: false,
                }));
            } else {
                out.extend(run.into_iter().map(|(_, ch)| ch));
            }
        } else if is_dot_lookalike(c)
            && out.chars().next_back().is_some_and(is_b64url_char)
            && chars
                .peek()
                .is_some_and(|&(_, n)| is_b64url_char(n) || is_invisible(n))
        {
            removed.push(Removed {
                at_cleaned: out.len(),
                at_char: index,
                ch: c,
                dot: true,
            });
            out.push('.');
        } else {
            out.push(c);
        }
    }
    (!removed.is_empty()).then_some((out, removed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_text_is_left_alone() {
        assert_eq!(clean("eyJ.abc.def"), None);
    }

    #[test]
    fn a_zero_width_space_between_token_characters_is_removed() {
        let (text, removed) = clean("ab\u{200B}cd").unwrap_or_default();
        assert_eq!(text, "abcd");
        assert_eq!(
            removed,
            vec![Removed {
                at_cleaned: 2,
                at_char: 2,
                ch: '\u{200B}',
                dot: false
            }]
        );
    }

    #[test]
    fn a_full_width_dot_between_parts_becomes_a_separator() {
        let (text, removed) = clean("ab\u{FF0E}cd").unwrap_or_default();
        assert_eq!(text, "ab.cd");
        assert!(removed.iter().all(|r| r.dot));
    }

    #[test]
    fn invisible_characters_between_words_of_prose_stay() {
        assert_eq!(clean("hello \u{200B} world"), None);
        assert_eq!(clean("終わり。次"), None);
    }
}
