//! Parameters of URLs and form bodies: `#id_token=…&access_token=…`, `?code=…`, `a=1&b=2`.
//!
//! Values are percent-decoded before they are judged, which the plain scanner cannot do.

/// One `name=value` parameter found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Param {
    pub name: String,
    /// Percent-decoded value; `None` if decoding gave invalid UTF-8.
    pub value: Option<String>,
    /// Number of `%XX` escapes decoded.
    pub escapes: usize,
    pub in_fragment: bool,
    /// Byte range of the raw value in the text.
    pub start: usize,
    pub end: usize,
}

fn is_word_break(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '<' | '>')
}

/// Is the character at byte `i` (a char boundary) a word break, and how long is it? Bytes, not
/// chars: only a non-ASCII character is decoded. The end of the text is a break.
fn break_at(text: &str, i: usize) -> (bool, usize) {
    match text.as_bytes().get(i) {
        None => (true, 1),
        // `char::is_whitespace` for ASCII, without a call per byte.
        Some(b) if b.is_ascii() => (
            matches!(
                b,
                b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b'"' | b'\'' | b'`' | b'<' | b'>'
            ),
            1,
        ),
        Some(_) => match text.get(i..).and_then(|rest| rest.chars().next()) {
            Some(c) => (is_word_break(c), c.len_utf8()),
            None => (false, 1),
        },
    }
}

/// Every parameter in URL-like words of `text`, skipping the `covered` ranges.
#[cfg(test)]
fn params(text: &str, covered: &[(usize, usize)]) -> Vec<Param> {
    let mut out = Vec::new();
    each_param(text, covered, &mut |p| out.push(p));
    out
}

/// Hands every parameter in URL-like words of `text` to `visit`, in text order, skipping the
/// `covered` ranges. One at a time: memory stays flat however many URLs a log holds.
pub(super) fn each_param(text: &str, covered: &[(usize, usize)], visit: &mut dyn FnMut(Param)) {
    let mut word_start = None;
    let mut next = 0;
    while next <= text.len() {
        let i = next;
        let (breaks, len) = break_at(text, i);
        next += len;
        if !breaks {
            word_start.get_or_insert(i);
            continue;
        }
        let Some(start) = word_start.take() else {
            continue;
        };
        let Some(word) = text.get(start..i) else {
            continue;
        };
        if !word.contains('=') || covered.iter().any(|(s, e)| start < *e && *s < i) {
            continue;
        }
        let hash = word.find('#');
        let query = word.find('?').filter(|q| hash.is_none_or(|h| *q < h));
        if let Some(q) = query {
            let end = hash.unwrap_or(word.len());
            pairs(word, q + 1, end, false, start, visit);
        }
        if let Some(h) = hash {
            pairs(word, h + 1, word.len(), true, start, visit);
        }
        if query.is_none() && hash.is_none() && word.contains('&') {
            pairs(word, 0, word.len(), false, start, visit);
        }
    }
}

fn pairs(
    word: &str,
    from: usize,
    to: usize,
    in_fragment: bool,
    base: usize,
    visit: &mut dyn FnMut(Param),
) {
    let Some(section) = word.get(from..to) else {
        return;
    };
    let mut offset = from;
    for pair in section.split('&') {
        let pair_start = offset;
        offset += pair.len() + 1;
        let Some((name, raw)) = pair.split_once('=') else {
            continue;
        };
        if name.is_empty() {
            continue;
        }
        let (value, escapes) = percent_decode(raw);
        let value_start = base + pair_start + name.len() + 1;
        visit(Param {
            name: name.to_owned(),
            value,
            escapes,
            in_fragment,
            start: value_start,
            end: value_start + raw.len(),
        });
    }
}

/// Decodes `%XX` escapes (RFC 3986 §2.1); a `%` not followed by two hex digits stays as is.
/// `+` is left alone: tokens never contain spaces, and a standard-alphabet `+` must survive.
pub(super) fn percent_decode(raw: &str) -> (Option<String>, usize) {
    if !raw.contains('%') {
        return (Some(raw.to_owned()), 0);
    }
    let b = raw.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut escapes = 0;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let hex = |k: usize| b.get(k).and_then(|d| (*d as char).to_digit(16));
        if c == b'%' {
            if let (Some(hi), Some(lo)) = (hex(i + 1), hex(i + 2)) {
                out.push((hi * 16 + lo) as u8);
                escapes += 1;
                i += 3;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    (String::from_utf8(out).ok(), escapes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_and_query_parameters_are_told_apart() {
        let text = "see https://app/cb?state=s#id_token=abc&token_type=Bearer now";
        let p = params(text, &[]);
        let names: Vec<(&str, bool)> = p.iter().map(|p| (p.name.as_str(), p.in_fragment)).collect();
        assert_eq!(
            names,
            [("state", false), ("id_token", true), ("token_type", true)]
        );
        assert_eq!(text.get(p[1].start..p[1].end), Some("abc"));
    }

    #[test]
    fn percent_escapes_are_decoded_and_counted() {
        assert_eq!(percent_decode("a%3D%3d%zz"), (Some("a==%zz".into()), 2));
        assert_eq!(percent_decode("%FF").0, None);
    }

    #[test]
    fn bare_form_body_is_read() {
        let p = params("grant_type=refresh_token&refresh_token=xyz", &[]);
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].value.as_deref(), Some("xyz"));
    }

    #[test]
    fn unicode_whitespace_and_quotes_end_a_word() {
        let p = params("a=1&b=2\u{3000}c=3&d=4\u{00A0}'e=5&f=6'", &[]);
        let names: Vec<&str> = p.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["a", "b", "c", "d", "e", "f"]);
        assert_eq!(p[1].value.as_deref(), Some("2"));
    }

    #[test]
    fn multibyte_text_does_not_break_offsets() {
        let text = "é https://a/?x=é&y=1";
        for p in params(text, &[]) {
            assert!(text.get(p.start..p.end).is_some());
        }
    }
}
