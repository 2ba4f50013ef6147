//! Reading the raw facts out of a pasted answer, whatever its form: status lines (`HTTP/1.1 403`,
//! `< HTTP/2 401`, `status: 401`, DevTools' `Status Code: 401`, a console's `status of 401`),
//! headers (`x-amzn-errortype`, `www-authenticate`), the JSON body's `message`, and curl's request
//! lines (`> OPTIONS …`). Owns no judgement (`causes`) and no prose.
//!
//! Lines starting with `> ` are the request: only its method is read, never its headers (the
//! request carries the user's `Authorization` value). Text that could be a credential is redacted
//! before it is kept ([`redact`]).

use super::{ErrorType, WwwAuthenticate};

/// Longest input-derived string kept in a value.
const MAX_CARRIED: usize = 300;
/// Lines read; the rest is ignored.
const MAX_LINES: usize = 10_000;
/// A run of base64url/dot characters at least this long, with a digit in it, is treated as a
/// credential and never copied.
const CREDENTIAL_RUN: usize = 20;

/// The facts read from the text.
#[derive(Debug, Default)]
pub(super) struct Facts {
    pub status: Option<u16>,
    pub errortype: Option<ErrorType>,
    pub www_authenticate: Option<WwwAuthenticate>,
    /// `"message"`/`"Message"`; JSON `null` reads as `Some(None)`.
    pub message: Option<Option<String>>,
    /// A curl request line `> OPTIONS …` was seen.
    pub options_request: bool,
}

/// Keeps at most [`MAX_CARRIED`] characters, with credential-like runs replaced by `…`.
pub(super) fn redact(s: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let credential = run.chars().count() >= CREDENTIAL_RUN
            && run.chars().any(|c| c.is_ascii_digit())
            && run.chars().any(|c| c.is_ascii_alphabetic());
        if credential {
            out.push('…');
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in s.chars().take(4 * MAX_CARRIED) {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~' | '+' | '=') {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out.chars().take(MAX_CARRIED).collect()
}

/// What kind of line this is in a `curl -v` transcript (or plain text).
enum Line<'a> {
    /// `> …`: the request.
    Request(&'a str),
    /// `* …`: curl's own notes.
    Note,
    /// `< …` or anything else: the answer.
    Answer(&'a str),
}

fn classify(line: &str) -> Line<'_> {
    let l = line.trim();
    if let Some(rest) = l.strip_prefix('>') {
        return Line::Request(rest.trim());
    }
    if l.starts_with("* ") || l == "*" {
        return Line::Note;
    }
    Line::Answer(l.strip_prefix('<').map_or(l, str::trim))
}

fn status_number(word: &str) -> Option<u16> {
    let w = word.trim_matches(|c: char| !c.is_ascii_digit());
    if w.len() != 3 {
        return None;
    }
    w.parse().ok().filter(|s| (100..600).contains(s))
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

/// The first whitespace-separated word of `line` and the text after it, as `split_whitespace`
/// splits them, without decoding a long word character by character (a pasted token is one
/// 16 KB word): ASCII bytes are tested as bytes.
fn first_word(line: &str) -> Option<(&str, &str)> {
    let s = line.trim_start();
    let mut end = 0;
    while let Some(&b) = s.as_bytes().get(end) {
        let (space, len) = if b.is_ascii() {
            // The ASCII characters `char::is_whitespace` holds for: space, tab to carriage return.
            (matches!(b, b' ' | b'\t'..=b'\r'), 1)
        } else {
            let c = s.get(end..).and_then(|r| r.chars().next()).unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        if space {
            break;
        }
        end += len;
    }
    let (first, rest) = (s.get(..end)?, s.get(end..)?);
    (!first.is_empty()).then_some((first, rest))
}

/// Where `needle` (lower-case ASCII) first occurs in `hay`, ignoring ASCII case: what
/// `hay.to_ascii_lowercase().find(needle)` gives, without the copy.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let last = h.len().checked_sub(n.len())?;
    let Some(first) = n.first() else {
        return Some(0);
    };
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let mut from = 0;
    while from <= last {
        // Positions of the first byte, found by a plain scan; each compared byte by byte until
        // the first difference.
        let at = from
            + h.get(from..=last)?
                .iter()
                .position(|&b| b == lower || b == upper)?;
        let window = h.get(at..at + n.len())?;
        if window.iter().zip(n).all(|(a, b)| a.eq_ignore_ascii_case(b)) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// A status in one answer line, in any of the forms people paste.
fn status_in(line: &str) -> Option<u16> {
    let (first, rest) = first_word(line)?;
    let mut words = rest.split_whitespace();
    // `HTTP/1.1 403 Forbidden`, `HTTP/2 401`, Firefox's `[HTTP/2 401 …]`.
    if starts_with_ci(first.trim_start_matches('['), "HTTP/") {
        return words.next().and_then(status_number);
    }
    // `401 {"message":…}`, `401 Unauthorized`.
    if first.len() == 3 {
        if let Some(s) = status_number(first) {
            return Some(s);
        }
    }
    // `status: 401`, `:status: 401`, DevTools' `Status Code: 401 Unauthorized`.
    for p in ["status code:", ":status:", "status:"] {
        if starts_with_ci(line, p) {
            let rest = line.get(p.len()..).unwrap_or_default();
            return rest.split_whitespace().next().and_then(status_number);
        }
    }
    // Chrome: `Failed to load resource: the server responded with a status of 401 ()`.
    const CHROME: &str = "with a status of ";
    if let Some(at) = find_ci(line, CHROME) {
        return line
            .get(at + CHROME.len()..)?
            .split_whitespace()
            .next()
            .and_then(status_number);
    }
    // Chrome's console: `GET https://…/items 401 (Unauthorized)`.
    const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
    if METHODS.contains(&first) {
        let url = words.next()?;
        if url.contains("://") || url.starts_with('/') {
            return words.next().and_then(status_number);
        }
    }
    None
}

/// `name: value` when `name` is a header name (letters, digits, `-`).
fn header(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once(':')?;
    let ok = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    ok.then_some((name, value.trim()))
}

/// The keys of an error body's message (API Gateway writes `message`, some services `Message`).
const MESSAGE_KEYS: [&str; 2] = ["\"message\"", "\"Message\""];

/// The JSON `"message"` (or `"Message"`) member anywhere in the text: `Some(None)` for `null`.
fn message_of(text: &str) -> Option<Option<String>> {
    let at = MESSAGE_KEYS
        .iter()
        .filter_map(|k| text.find(k).map(|at| at + k.len()))
        .min()?;
    let rest = text.get(at..)?.trim_start().strip_prefix(':')?.trim_start();
    if rest.starts_with("null") {
        return Some(None);
    }
    let body = rest.strip_prefix('"')?;
    let mut out = String::new();
    let mut escaped = false;
    for c in body.chars().take(4 * MAX_CARRIED) {
        if escaped {
            out.push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '"' {
            break;
        } else {
            out.push(c);
        }
    }
    Some(Some(redact(&out)))
}

/// Parses `Bearer scope="" error="invalid_token" error_description="…"` (RFC 6750 §3).
fn parse_challenge(v: &str) -> WwwAuthenticate {
    let v = v.trim();
    let (scheme, params) = v.split_once(char::is_whitespace).unwrap_or((v, ""));
    let mut w = WwwAuthenticate {
        scheme: redact(scheme),
        ..WwwAuthenticate::default()
    };
    let mut rest = params;
    for _ in 0..16 {
        let r = rest.trim_start_matches(|c: char| c == ',' || c.is_whitespace());
        let Some((name, after)) = r.split_once('=') else {
            break;
        };
        let after = after.trim_start();
        let (val, next) = if let Some(q) = after.strip_prefix('"') {
            match q.find('"') {
                Some(end) => (
                    q.get(..end).unwrap_or_default(),
                    q.get(end + 1..).unwrap_or_default(),
                ),
                None => (q, ""),
            }
        } else {
            let end = after.find([',', ' ']).unwrap_or(after.len());
            (
                after.get(..end).unwrap_or_default(),
                after.get(end..).unwrap_or_default(),
            )
        };
        match name.trim().to_ascii_lowercase().as_str() {
            "error" => w.error = Some(redact(val)),
            "error_description" => w.error_description = Some(redact(val)),
            "scope" => w.scope = Some(redact(val)),
            _ => {}
        }
        rest = next;
    }
    w
}

/// Applies one `name: value` pair, if it is a header of interest.
fn take_header(facts: &mut Facts, name: &str, value: &str) {
    if name.eq_ignore_ascii_case("x-amzn-errortype") && facts.errortype.is_none() {
        facts.errortype = Some(ErrorType::parse(value));
    } else if name.eq_ignore_ascii_case("www-authenticate") && facts.www_authenticate.is_none() {
        facts.www_authenticate = Some(parse_challenge(value));
    }
}

/// Reads the facts, line by line; the first of each kind wins. A header name alone on its line
/// (as copied from a browser's headers panel) takes the next non-empty line as its value.
pub(super) fn read(text: &str) -> Facts {
    let mut facts = Facts::default();
    let mut pending: Option<&str> = None;
    for line in text.lines().take(MAX_LINES) {
        let l = match classify(line) {
            Line::Request(r) => {
                facts.options_request |= starts_with_ci(r, "OPTIONS ");
                pending = None;
                continue;
            }
            Line::Note => continue,
            Line::Answer(l) => l,
        };
        if l.is_empty() {
            continue;
        }
        if let Some(name) = pending.take() {
            take_header(&mut facts, name, l);
            continue;
        }
        if facts.status.is_none() {
            facts.status = status_in(l);
        }
        let named_alone = l.trim_end_matches(':');
        if ["x-amzn-errortype", "www-authenticate"]
            .iter()
            .any(|h| h.eq_ignore_ascii_case(named_alone))
        {
            pending = Some(named_alone);
            continue;
        }
        if let Some((name, value)) = header(l) {
            take_header(&mut facts, name, value);
        }
    }
    // The body's message is read from answer lines only: a request body (`> {…}`) is not the
    // gateway's answer. Joined from the first answer line naming a message key, so a long log
    // without one is never copied.
    let mut answer_lines = text
        .lines()
        .take(MAX_LINES)
        .filter(|l| !matches!(classify(l), Line::Request(_)))
        .skip_while(|l| !MESSAGE_KEYS.iter().any(|k| l.contains(k)))
        .peekable();
    if answer_lines.peek().is_some() {
        let answer: String = answer_lines.flat_map(|l| [l, "\n"]).collect();
        facts.message = message_of(&answer);
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jwt_inside_a_message_is_redacted() {
        let m = redact("'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln' not a valid key=value pair");
        assert!(!m.contains("eyJhbGci"));
        assert!(m.contains("not a valid key=value pair"));
    }

    #[test]
    fn an_arn_is_kept() {
        let arn = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/items";
        assert_eq!(redact(arn), arn);
    }

    #[test]
    fn a_header_copied_from_a_headers_panel_takes_its_value_from_the_next_line() {
        let facts = read("Response Headers\nX-Amzn-Errortype\nForbiddenException\nwww-authenticate:\nBearer error=\"invalid_token\"");
        assert_eq!(facts.errortype, Some(ErrorType::Forbidden));
        assert_eq!(
            facts.www_authenticate.and_then(|w| w.error).as_deref(),
            Some("invalid_token")
        );
    }

    #[test]
    fn status_forms_are_read() {
        for (line, want) in [
            ("HTTP/1.1 403 Forbidden", Some(403)),
            ("HTTP/2 401", Some(401)),
            ("[HTTP/2 401 Unauthorized 120ms]", Some(401)),
            ("status: 401", Some(401)),
            (":status: 429", Some(429)),
            ("Status Code: 401 Unauthorized", Some(401)),
            (
                "Failed to load resource: the server responded with a status of 401 ()",
                Some(401),
            ),
            ("GET https://a.example/items 403 (Forbidden)", Some(403)),
            ("401 {\"message\":\"Unauthorized\"}", Some(401)),
            ("GET /items HTTP/2", None),
            ("1234 apples", None),
        ] {
            assert_eq!(status_in(line), want, "{line}");
        }
    }

    /// The reading before `first_word`/`find_ci` (a lower-case copy of the line, `split_whitespace`).
    fn status_in_by_words(line: &str) -> Option<u16> {
        let mut words = line.split_whitespace();
        let first = words.next()?;
        // `HTTP/1.1 403 Forbidden`, `HTTP/2 401`, Firefox's `[HTTP/2 401 …]`.
        if starts_with_ci(first.trim_start_matches('['), "HTTP/") {
            return words.next().and_then(status_number);
        }
        // `401 {"message":…}`, `401 Unauthorized`.
        if first.len() == 3 {
            if let Some(s) = status_number(first) {
                return Some(s);
            }
        }
        // `status: 401`, `:status: 401`, DevTools' `Status Code: 401 Unauthorized`.
        let lower = line.to_ascii_lowercase();
        for p in ["status code:", ":status:", "status:"] {
            if let Some(rest) = lower.strip_prefix(p) {
                return rest.split_whitespace().next().and_then(status_number);
            }
        }
        // Chrome: `Failed to load resource: the server responded with a status of 401 ()`.
        if let Some(at) = lower.find("with a status of ") {
            return lower
                .get(at + "with a status of ".len()..)?
                .split_whitespace()
                .next()
                .and_then(status_number);
        }
        // Chrome's console: `GET https://…/items 401 (Unauthorized)`.
        const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
        if METHODS.contains(&first) {
            let url = words.next()?;
            if url.contains("://") || url.starts_with('/') {
                return words.next().and_then(status_number);
            }
        }
        None
    }

    #[test]
    fn find_ci_finds_what_a_lower_case_copy_would() {
        for hay in [
            "",
            "with a status of",
            "W WITH a Status OF 4",
            "wwith a status of",
            "é€with a status of ",
            "with a statu",
        ] {
            for needle in ["with a status of ", "w", "é", ""] {
                assert_eq!(
                    find_ci(hay, needle),
                    hay.to_ascii_lowercase().find(needle),
                    "{hay:?} {needle:?}"
                );
            }
        }
    }

    #[test]
    fn status_in_reads_as_the_word_by_word_reading_did() {
        let lines = [
            "",
            " ",
            "\u{a0}401\u{a0}x",
            "HTTP/1.1\u{2003}401 OK",
            "\tHTTP/2\t418",
            "[http/2 500 x]",
            "401",
            "401x",
            "x401",
            "STATUS: 503",
            "Status Code:204",
            "status code: 99",
            ":STATUS: 302 found",
            "… WITH A STATUS OF 404 (x)",
            "with a status of",
            "with a status of 40",
            "GET /a 200",
            "GET https://x/ 201",
            "GET x 200",
            "OPTIONS\u{85}/a 204",
            "é401 x",
            "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln",
            "ümlaut status: 401",
            "status: ß 401",
            "\u{2028}POST /x 302",
            "DELETE /x\u{3000}404",
            "HEAD",
        ];
        for line in lines {
            assert_eq!(status_in(line), status_in_by_words(line), "{line:?}");
        }
        let long = format!("{} with a status of 401", "eyJ".repeat(6000));
        assert_eq!(status_in(&long), Some(401));
        assert_eq!(status_in(&long), status_in_by_words(&long));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]

        #[test]
        fn status_in_reads_any_line_as_the_word_by_word_reading_did(
            words in proptest::collection::vec(
                "(HTTP/[12]|\\[http/2|[0-9]{1,4}|status( code)?:|:status:|with|a|status|of|GET|OPTIONS|/x|https://h/|[a-zA-Zé€]{0,6})",
                0..8,
            ),
            spaces in proptest::collection::vec("[ \t\u{a0}\u{85}\u{2003}\u{3000}]{0,2}", 8),
        ) {
            let line: String = words.iter().zip(&spaces).flat_map(|(w, s)| [w.as_str(), s.as_str()]).collect();
            proptest::prop_assert_eq!(status_in(&line), status_in_by_words(&line), "{:?}", line);
        }
    }
}
