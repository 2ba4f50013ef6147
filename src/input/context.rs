//! Where did a token come from? Reads the text around a found token and names its source
//! (header, cookie, URL parameter, JSON-ish key, …) and the wrapping that was removed.

use super::{Cleanup, Source};

/// How far back on the token's line the context is read; keeps long single-line texts linear.
const LOOK_BACK: usize = 512;

const QUOTES: [char; 3] = ['"', '\'', '`'];

/// Case-insensitive ASCII `ends_with`.
pub(super) fn ends_with_ci(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.as_bytes()
            .get(s.len() - suffix.len()..)
            .is_some_and(|tail| tail.eq_ignore_ascii_case(suffix.as_bytes()))
}

/// Case-insensitive ASCII `find`. Looks for the needle's first byte before comparing the rest,
/// so a long line without it costs one comparison per byte.
pub(super) fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    let h = haystack.as_bytes();
    let first = n.first()?.to_ascii_lowercase();
    if h.len() < n.len() {
        return None;
    }
    let last = h.len() - n.len();
    let mut from = 0;
    while let Some(skip) = h
        .get(from..=last)
        .and_then(|rest| rest.iter().position(|b| b.to_ascii_lowercase() == first))
    {
        let at = from + skip;
        if h.get(at..at + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Drops the last `n` bytes of `s` (the caller checked they are ASCII).
fn cut_end(s: &str, n: usize) -> &str {
    s.get(..s.len().saturating_sub(n)).unwrap_or("")
}

/// What was peeled off the text directly before a token.
#[derive(Default)]
struct Peeled<'a> {
    rest: &'a str,
    quote: Option<char>,
    /// The scheme word as written (`Bearer`, `bearer`), if one was peeled.
    bearer: Option<&'a str>,
    /// How many `Bearer` words were peeled (`Bearer Bearer …` is a known client bug).
    bearers: usize,
    /// A quote between the `Bearer` word and the token (`Bearer "eyJ…"`): part of the header's
    /// value, which a client would send.
    quote_after_bearer: Option<char>,
}

/// Peels whitespace, quotes and one `Bearer` word (which must be followed by whitespace) off the
/// end of `lead`.
fn peel_lead(lead: &str) -> Peeled<'_> {
    let mut rest = lead;
    let mut quote = None;
    let mut bearer = None;
    let mut bearers = 0;
    let mut quote_before_bearer = None;
    let mut after_space = false;
    loop {
        let trimmed = rest.trim_end();
        if trimmed.len() != rest.len() {
            rest = trimmed;
            after_space = true;
            continue;
        }
        if let Some(c) = rest.chars().last().filter(|c| QUOTES.contains(c)) {
            quote.get_or_insert(c);
            if bearer.is_none() {
                quote_before_bearer.get_or_insert(c);
            }
            rest = cut_end(rest, 1);
            // `\"` inside an escaped JSON string
            rest = rest.strip_suffix('\\').unwrap_or(rest);
            after_space = false;
            continue;
        }
        if after_space && ends_with_ci(rest, "bearer") {
            let before = cut_end(rest, 6);
            let bounded = before
                .chars()
                .last()
                .is_none_or(|c| c.is_whitespace() || QUOTES.contains(&c) || c == ':');
            if bounded {
                if bearer.is_none() {
                    bearer = rest.get(before.len()..);
                }
                bearers += 1;
                rest = before;
                after_space = false;
                continue;
            }
        }
        return Peeled {
            rest,
            quote,
            bearer,
            bearers,
            quote_after_bearer: quote_before_bearer.filter(|_| bearer.is_some()),
        };
    }
}

/// Peels whitespace, quotes and stray punctuation off the start of `trail`; `None` if anything
/// else follows. Returns the first quote and the punctuation removed.
fn peel_trail(trail: &str) -> Option<(Option<char>, String)> {
    let mut quote = None;
    let mut punctuation = String::new();
    for c in trail.chars() {
        if c.is_whitespace() {
            continue;
        }
        if QUOTES.contains(&c) {
            quote.get_or_insert(c);
        } else if matches!(c, '.' | ',' | ';') && punctuation.len() < 3 {
            punctuation.push(c);
        } else {
            return None;
        }
    }
    Some((quote, punctuation))
}

#[cfg(test)]
thread_local! {
    /// Calls of [`classify`] on this thread (tests check that capped candidates skip it).
    pub(super) static CLASSIFIED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Names the source of the token at `start..end` of `text` and lists what was removed around
/// it. Cleanups inside the token (line breaks, percent escapes) are added by callers.
pub(super) fn classify(text: &str, start: usize, end: usize) -> (Source, Vec<Cleanup>) {
    #[cfg(test)]
    CLASSIFIED.with(|n| n.set(n.get() + 1));
    let lead = text.get(..start).unwrap_or("");
    let trail = text.get(end..).unwrap_or("");
    let peeled = peel_lead(lead);
    if peeled.rest.is_empty() {
        if let Some((trail_quote, punctuation)) = peel_trail(trail) {
            let mut cleanups = Vec::new();
            if text.trim().len() != text.len() {
                cleanups.push(Cleanup::SurroundingWhitespace);
            }
            if let Some(quote) = peeled.quote.or(trail_quote) {
                cleanups.push(Cleanup::SurroundingQuotes { quote });
            }
            cleanups.extend(bearer_cleanups(peeled.bearers));
            if !punctuation.is_empty() {
                cleanups.push(Cleanup::StrayPunctuation {
                    removed: punctuation,
                });
            }
            let source = if peeled.bearer.is_some() {
                Source::BearerValue
            } else {
                Source::Bare
            };
            return (source, cleanups);
        }
    }
    in_context(lead, trail)
}

fn bearer_cleanups(bearers: usize) -> Vec<Cleanup> {
    match bearers {
        0 => vec![],
        1 => vec![Cleanup::BearerPrefix],
        count => vec![
            Cleanup::BearerPrefix,
            Cleanup::RepeatedBearerPrefix { count },
        ],
    }
}

/// The token's own line, at most [`LOOK_BACK`] bytes of it.
fn line_before(lead: &str) -> &str {
    let mut from = lead.len().saturating_sub(LOOK_BACK);
    while !lead.is_char_boundary(from) {
        from += 1;
    }
    let window = lead.get(from..).unwrap_or("");
    let mut line_start = window.rfind('\n').map(|i| i + 1).unwrap_or(0);
    // A token alone on its line continues the line above (`Authorization: Bearer` + newline).
    if line_start > 0
        && window
            .get(line_start..)
            .is_some_and(|l| l.trim().is_empty())
    {
        let above = window.get(..line_start - 1).unwrap_or("");
        line_start = above.rfind('\n').map(|i| i + 1).unwrap_or(0);
    }
    window.get(line_start..).unwrap_or("")
}

fn in_context(lead: &str, trail: &str) -> (Source, Vec<Cleanup>) {
    let line = line_before(lead);
    let peeled = peel_lead(line);
    let mut cleanups = bearer_cleanups(peeled.bearers);
    // §0: `Authorization: Bearer "eyJ…"` — the quotes are in the value a client would send.
    if let Some(q) = peeled
        .quote_after_bearer
        .filter(|q| trail.trim_start_matches([' ', '\t']).starts_with(*q))
    {
        cleanups.push(Cleanup::SurroundingQuotes { quote: q });
    }
    let rest = peeled.rest.trim_end();
    if let Some(before_colon) = rest.strip_suffix(':') {
        let source = named_by_colon(before_colon, peeled.bearer);
        return (source, cleanups);
    }
    if peeled.bearer.is_none() {
        if let Some((source, scheme)) = other_scheme(rest) {
            cleanups.push(Cleanup::SchemePrefix { scheme });
            return (source, cleanups);
        }
    }
    if let Some(before_eq) = rest.strip_suffix('=') {
        if let Some(source) = named_by_equals(before_eq, line, trail) {
            return (source, cleanups);
        }
    }
    (Source::FreeText, cleanups)
}

/// `… -H '` / `--header "`: is this header inside a curl command?
fn is_curl_flag(before_name: &str) -> bool {
    let t = before_name.trim_end();
    let t = t.strip_suffix(QUOTES).unwrap_or(t).trim_end();
    t.ends_with("-H") || t.ends_with("--header")
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'$')
}

/// `Name:` / `"key":` directly before the token (after a scheme, quotes, whitespace).
fn named_by_colon(before_colon: &str, bearer: Option<&str>) -> Source {
    let t = before_colon.trim_end();
    // JSON-ish `"key":` or `'key':`
    if let Some(q) = t.chars().last().filter(|c| *c == '"' || *c == '\'') {
        let inner = cut_end(t, 1);
        let inner = inner.strip_suffix('\\').unwrap_or(inner);
        if let Some(open) = inner.rfind(q) {
            let key = inner.get(open + 1..).unwrap_or("").trim_end_matches('\\');
            if !key.is_empty() && !key.contains('\n') {
                return Source::JsonField {
                    path: key.to_owned(),
                    key: key.to_owned(),
                };
            }
        }
    }
    let name_len = t.bytes().rev().take_while(|b| is_name_byte(*b)).count();
    let name = t.get(t.len() - name_len..).unwrap_or("");
    if name.is_empty() {
        return Source::FreeText;
    }
    let before_name = cut_end(t, name_len);
    let in_curl = is_curl_flag(before_name);
    let starts_line = before_name.trim().is_empty() || in_curl;
    if name.eq_ignore_ascii_case("authorization") {
        return if in_curl {
            Source::CurlHeader
        } else {
            Source::AuthorizationHeader {
                scheme: bearer.unwrap_or("").to_owned(),
            }
        };
    }
    if !starts_line {
        Source::FreeText
    } else if in_curl || name.contains('-') {
        Source::Header {
            name: name.to_owned(),
            in_curl,
        }
    } else {
        Source::Assignment {
            name: name.to_owned(),
        }
    }
}

/// `Authorization: JWT <token>`: a scheme other than Bearer.
fn other_scheme(rest: &str) -> Option<(Source, String)> {
    let split = rest.rfind(char::is_whitespace)?;
    let scheme = rest.get(split..)?.trim();
    if scheme.is_empty() || !scheme.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-') {
        return None;
    }
    let head = rest.get(..split)?.trim_end();
    if !ends_with_ci(head, "authorization:") {
        return None;
    }
    let before_name = cut_end(head, "authorization:".len());
    let source = if is_curl_flag(before_name) {
        Source::CurlHeader
    } else {
        Source::AuthorizationHeader {
            scheme: scheme.to_owned(),
        }
    };
    Some((source, scheme.to_owned()))
}

/// `name=` directly before the token: a URL or form parameter, a cookie, or an assignment.
fn named_by_equals(before_eq: &str, line: &str, trail: &str) -> Option<Source> {
    let name_len = before_eq
        .chars()
        .rev()
        .take_while(|c| {
            !c.is_whitespace()
                && !matches!(c, '=' | '&' | '?' | '#' | ';' | ',')
                && !QUOTES.contains(c)
        })
        .map(char::len_utf8)
        .sum::<usize>();
    let name = before_eq.get(before_eq.len() - name_len..)?;
    if name.is_empty() {
        return None;
    }
    let before_name = cut_end(before_eq, name_len);
    let word_start = before_name
        .rfind(|c: char| c.is_whitespace() || QUOTES.contains(&c))
        .map(|i| i + 1)
        .unwrap_or(0);
    let word = before_name.get(word_start..).unwrap_or("");
    let lower_line = line.to_ascii_lowercase();
    let cookie_line = lower_line.contains("cookie:")
        || lower_line.contains("--cookie")
        || lower_line.contains("-b ");
    if cookie_line && !word.contains('?') && !word.contains('#') {
        return Some(Source::Cookie {
            name: name.to_owned(),
        });
    }
    let url_like =
        word.contains('?') || word.contains('#') || word.ends_with('&') || trail.starts_with('&');
    if url_like {
        return Some(Source::UrlParam {
            name: name.to_owned(),
            in_fragment: word.contains('#'),
        });
    }
    if before_name.trim_end().ends_with(';') {
        return Some(Source::Cookie {
            name: name.to_owned(),
        });
    }
    Some(Source::Assignment {
        name: name.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, token: &str) -> (Source, Vec<Cleanup>) {
        let start = text.find(token).unwrap_or(0);
        classify(text, start, start + token.len())
    }

    #[test]
    fn whole_paste_with_quotes_and_bearer_is_a_bearer_value() {
        let (source, cleanups) = at("  \"Bearer TOKEN\"\n", "TOKEN");
        assert_eq!(source, Source::BearerValue);
        assert_eq!(
            cleanups,
            vec![
                Cleanup::SurroundingWhitespace,
                Cleanup::SurroundingQuotes { quote: '"' },
                Cleanup::BearerPrefix
            ]
        );
    }

    #[test]
    fn authorization_line_keeps_the_scheme_as_written() {
        let (source, _) = at("AUTHORIZATION: bearer TOKEN", "TOKEN");
        assert_eq!(
            source,
            Source::AuthorizationHeader {
                scheme: "bearer".into()
            }
        );
    }

    #[test]
    fn curl_flag_makes_a_curl_header() {
        let (source, _) = at("curl -H 'Authorization: Bearer TOKEN' x", "TOKEN");
        assert_eq!(source, Source::CurlHeader);
    }

    #[test]
    fn json_ish_key_in_broken_json_is_a_json_field() {
        let (source, _) = at("{\"id_token\": \"TOKEN\", ", "TOKEN");
        assert_eq!(
            source,
            Source::JsonField {
                path: "id_token".into(),
                key: "id_token".into()
            }
        );
    }

    #[test]
    fn fragment_parameter_knows_it_is_in_the_fragment() {
        let (source, _) = at("https://a/cb?x=1#id_token=TOKEN&y=2", "TOKEN");
        assert_eq!(
            source,
            Source::UrlParam {
                name: "id_token".into(),
                in_fragment: true
            }
        );
    }

    #[test]
    fn cookie_pair_is_named() {
        let (source, _) = at("Cookie: a=1; session=TOKEN; b=2", "TOKEN");
        assert_eq!(
            source,
            Source::Cookie {
                name: "session".into()
            }
        );
    }

    #[test]
    fn other_scheme_is_reported() {
        let (source, cleanups) = at("Authorization: JWT TOKEN", "TOKEN");
        assert_eq!(
            source,
            Source::AuthorizationHeader {
                scheme: "JWT".into()
            }
        );
        assert_eq!(
            cleanups,
            vec![Cleanup::SchemePrefix {
                scheme: "JWT".into()
            }]
        );
    }

    #[test]
    fn find_ci_ignores_case_and_non_ascii() {
        assert_eq!(find_ci("xx AuThOrIzAtIoN:", "authorization:"), Some(3));
        assert_eq!(find_ci("ä", "authorization"), None);
    }
}
