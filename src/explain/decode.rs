//! Every sentence about decoding a token and about its time claims: structure errors, segment
//! errors, base64url quirks, duplicate keys, wrong-typed fields, payload kinds, the JWE notice
//! and relative time phrases.
//!
//! Owns wording only: takes `jose` and `timefmt` values and returns text. Must not parse, decide
//! or read a clock. Positions are shown 1-based for people, with the 0-based index beside them
//! so they match the data.

use crate::jose::b64::{B64Error, B64Quirk};
use crate::jose::json::{self, Expected, JsonDoc, JsonError, JsonPath};
use crate::jose::{
    DateProblem, Duplicate, ExpectedType, Kind, NumericDate, Payload, Quirk, Segment, SegmentError,
    SegmentErrorKind, StructureError, TimeClaim, UnverifiedJwe, Value,
};
use crate::timefmt::{self, Clamp};

/// The segment's name as used at the start of messages.
pub fn segment_name(segment: Segment) -> &'static str {
    match segment {
        Segment::Header => "header",
        Segment::Payload => "payload",
        Segment::Signature => "signature",
        Segment::EncryptedKey => "encrypted key",
        Segment::Iv => "initialization vector",
        Segment::Ciphertext => "ciphertext",
        Segment::Tag => "authentication tag",
    }
}

fn position(index: usize) -> String {
    format!("character {} (index {index})", index.saturating_add(1))
}

fn show_char(ch: char) -> String {
    match ch {
        ' ' => "a space".to_owned(),
        '\t' => "a tab".to_owned(),
        '\n' => "a line break".to_owned(),
        '\r' => "a carriage return".to_owned(),
        c => format!("'{}'", c.escape_debug()),
    }
}

/// A JSON kind with its article, for sentences ("an array").
pub(crate) fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Null => "null",
        Kind::Bool => "a boolean",
        Kind::Number => "a number",
        Kind::String => "a string",
        Kind::Array => "an array",
        Kind::Object => "an object",
    }
}

/// Why the text is not a compact token at all.
pub fn structure_error(err: &StructureError) -> String {
    match err {
        StructureError::Empty => "Nothing to decode: the input is empty.".to_owned(),
        StructureError::WrongSegmentCount { count: 1 } => {
            "This is not a compact JWT: it has no '.' separators. A signed JWT (JWS) has 3 \
             dot-separated parts and an encrypted one (JWE) has 5."
                .to_owned()
        }
        StructureError::WrongSegmentCount { count: 2 } => {
            "This is not a complete JWT: it has 2 dot-separated parts, but a signed JWT (JWS) has \
             3 and an encrypted one (JWE) has 5. Was the signature cut off? Even an unsigned \
             token ends with a '.'."
                .to_owned()
        }
        StructureError::WrongSegmentCount { count } => format!(
            "This is not a compact JWT: it has {count} dot-separated parts, but a signed JWT \
             (JWS) has 3 and an encrypted one (JWE) has 5."
        ),
    }
}

/// `seg`, then where and why its base64url does not decode.
pub(crate) fn b64_error(seg: &str, err: &B64Error) -> String {
    match err {
        B64Error::InvalidCharacter { index, ch } => {
            let hint = if ch.is_whitespace() {
                " Was the token wrapped or copied with extra whitespace?"
            } else {
                ""
            };
            format!(
                "{seg}: {} is {}, which is not base64url (A–Z, a–z, 0–9, '-' and '_').{hint}",
                position(*index),
                show_char(*ch)
            )
        }
        B64Error::PaddingInside { index } => format!(
            "{seg}: the '=' padding at {} is followed by more characters; padding may only \
             come at the end.",
            position(*index)
        ),
        B64Error::TooMuchPadding { index, count } => format!(
            "{seg}: {count} '=' padding characters starting at {}; base64 never needs more \
             than 2.",
            position(*index)
        ),
        B64Error::ImpossibleLength { len } => format!(
            "{seg}: {len} base64url characters cannot be decoded (a length of 4n+1 never \
             occurs); the token was probably cut off or has one character too many."
        ),
    }
}

fn expected(e: Expected) -> String {
    match e {
        Expected::Value => "a value (object, array, string, number, true, false or null)".into(),
        Expected::Key => "a member name in double quotes".into(),
        Expected::Colon => "':'".into(),
        Expected::CommaOrObjectEnd => "',' or '}'".into(),
        Expected::CommaOrArrayEnd => "',' or ']'".into(),
        Expected::Digit => "a digit".into(),
        Expected::HexDigit => "a hexadecimal digit".into(),
        Expected::Escape => "an escape letter (one of \" \\ / b f n r t u)".into(),
        Expected::ClosingQuote => "a closing '\"'".into(),
        Expected::Literal(word) => format!("the literal {word}"),
        Expected::EndOfInput => "the end of the JSON (only one value is allowed)".into(),
    }
}

/// One JSON syntax error, prefixed with what was being parsed (e.g. `"payload"`).
pub fn json_error(what: &str, err: &JsonError) -> String {
    match err {
        JsonError::Unexpected {
            at,
            found,
            expected: e,
        } => {
            let found = found.map_or_else(|| "the end of the text".to_owned(), show_char);
            format!(
                "{what}: the JSON is invalid at {}: expected {} but found {found}.",
                position(*at),
                expected(*e)
            )
        }
        JsonError::TooDeep { at, limit } => format!(
            "{what}: the JSON nests deeper than {limit} levels at {}; refused so that it cannot \
             crash the page.",
            position(*at)
        ),
        JsonError::ControlCharacterInString { at, ch } => format!(
            "{what}: the JSON has a raw control character (U+{:04X}) inside a string at {}; JSON \
             requires it to be escaped.",
            u32::from(*ch),
            position(*at)
        ),
    }
}

/// One segment that could not be decoded, naming the segment and the position.
pub fn segment_error(err: &SegmentError) -> String {
    let seg = segment_name(err.segment);
    match &err.kind {
        SegmentErrorKind::Base64(e) => b64_error(seg, e),
        SegmentErrorKind::NotUtf8 { valid_up_to } => format!(
            "{seg}: the decoded bytes are not UTF-8 text (invalid from byte {valid_up_to}), so \
             they cannot be JSON."
        ),
        SegmentErrorKind::Json(e) => json_error(seg, e),
        SegmentErrorKind::NotAnObject { found } => format!(
            "{seg}: the JSON is {}, but a JOSE header must be an object (RFC 7515 §4).",
            kind_name(*found)
        ),
    }
}

/// One tolerated base64url deviation.
pub fn quirk(q: &Quirk) -> String {
    let seg = segment_name(q.segment);
    match q.kind {
        B64Quirk::Padding { index, count } => format!(
            "{seg}: ends with {count} '=' padding character{} from {}; JWTs use base64url \
             without padding (RFC 7515 §2). Accepted here, but strict libraries reject it.",
            if count == 1 { "" } else { "s" },
            position(index)
        ),
        B64Quirk::StandardAlphabet { index, ch } => format!(
            "{seg}: {} at {} is standard base64; JWTs use '-' and '_' instead of '+' and '/' \
             (base64url). Accepted here, but most libraries reject it.",
            show_char(ch),
            position(index)
        ),
        B64Quirk::NonCanonicalTrailingBits { index, ch } => format!(
            "{seg}: the last character {} ({}) carries leftover bits that should be zero; the \
             text was not made by a standard encoder or was edited. Strict decoders reject it.",
            show_char(ch),
            position(index)
        ),
    }
}

/// One repeated JSON key.
pub fn duplicate(segment: Segment, d: &Duplicate) -> String {
    let times = match d.repeats {
        1 => "twice".to_owned(),
        n => format!("{} times", n.saturating_add(1)),
    };
    format!(
        "{}: the key \"{}\" occurs {times} in the same object (first as member {}, again as \
         member {}, at {}). Parsers disagree on which one counts; this page, like JavaScript, \
         uses the last.",
        segment_name(segment),
        d.key.escape_debug(),
        d.first_member.saturating_add(1),
        d.member.saturating_add(1),
        d.path
    )
}

/// The cap on listed repeated keys and lone surrogates, when it was hit: one sentence, or
/// `None` when everything was listed.
pub fn unlisted(segment: Segment, doc: &JsonDoc) -> Option<String> {
    let parts: Vec<String> = [
        (
            doc.duplicates_unlisted,
            json::MAX_DUPLICATES,
            "repeated keys",
        ),
        (
            doc.lone_surrogates_unlisted,
            json::MAX_LONE_SURROGATES,
            "strings with unpaired surrogates",
        ),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, cap, what)| {
        format!(
            "showing the first {cap} of {} {what}",
            cap.saturating_add(n)
        )
    })
    .collect();
    (!parts.is_empty()).then(|| {
        format!(
            "{}: {} (the rest are not listed, to keep the page responsive).",
            segment_name(segment),
            parts.join("; ")
        )
    })
}

/// A string whose unpaired UTF-16 surrogate escape was replaced by U+FFFD.
pub fn lone_surrogate(segment: Segment, path: &JsonPath) -> String {
    format!(
        "{}: the string at {path} contains an unpaired UTF-16 surrogate escape (\\uD800–\\uDFFF); \
         it is shown as U+FFFD, and other parsers may reject the token.",
        segment_name(segment)
    )
}

fn preview(v: &Value) -> String {
    const MAX: usize = 60;
    let text = v.compact();
    if text.chars().count() <= MAX {
        text
    } else {
        let cut: String = text.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

fn expected_type(t: ExpectedType) -> &'static str {
    match t {
        ExpectedType::String => "a string",
        ExpectedType::ArrayOfStrings => "an array of strings",
        ExpectedType::StringOrArrayOfStrings => "a string or an array of strings",
        ExpectedType::Object => "a JSON object",
        ExpectedType::Bool => "true or false",
        ExpectedType::NumericDate => "a number of seconds since 1970 (NumericDate)",
    }
}

/// A registered header parameter or claim whose value has the wrong type or range.
pub fn malformed_field(segment: Segment, name: &str, want: ExpectedType, value: &Value) -> String {
    let seg = segment_name(segment);
    let name = name.escape_debug();
    let shown = preview(value);
    if want == ExpectedType::NumericDate {
        return match NumericDate::from_value(value) {
            Err(DateProblem::NotANumber(Kind::String)) => format!(
                "{seg}: \"{name}\" should be a number of seconds since 1970, but it is a string \
                 ({shown}); a quoted number is not a NumericDate (RFC 7519 §2)."
            ),
            Err(DateProblem::NotANumber(kind)) => format!(
                "{seg}: \"{name}\" should be a number of seconds since 1970, but it is {} \
                 ({shown}).",
                kind_name(kind)
            ),
            Err(DateProblem::Negative) => {
                format!("{seg}: \"{name}\" is negative ({shown}), which is not a usable date.")
            }
            Err(DateProblem::TooLarge) => {
                format!("{seg}: \"{name}\" is {shown}, too large to be a date in seconds.")
            }
            Err(DateProblem::InvalidNumber) | Ok(_) => {
                format!("{seg}: \"{name}\" ({shown}) is not a usable number of seconds since 1970.")
            }
        };
    }
    format!(
        "{seg}: \"{name}\" should be {} but it is {} ({shown}).",
        expected_type(want),
        kind_name(value.kind())
    )
}

/// What kind of payload this is, in one sentence.
pub fn payload_kind(p: &Payload) -> String {
    match p {
        Payload::Json { doc, .. } => match doc.value.as_object() {
            Some(members) => format!(
                "payload: a JSON object with {} member{}.",
                members.len(),
                if members.len() == 1 { "" } else { "s" }
            ),
            None => format!(
                "payload: JSON, but {} rather than an object, so it is not a JWT claims set \
                 (RFC 7519 §7.2).",
                kind_name(doc.value.kind())
            ),
        },
        Payload::NestedJwt(_) => "payload: itself a compact token (a nested JWT, RFC 7519 §5.2); \
                                  decode it on its own to see the inner header and claims."
            .to_owned(),
        Payload::Text(t) => format!(
            "payload: plain text ({} characters), not JSON, so there are no claims.",
            t.chars().count()
        ),
        Payload::Bytes(b) => format!(
            "payload: {} bytes of binary data, not text, so there are no claims.",
            b.len()
        ),
        Payload::Empty => "payload: empty. Either the content is detached (RFC 7515 \
                           Appendix F) or the token carries no claims."
            .to_owned(),
    }
}

/// Explains that a JWE's payload is encrypted, and what a Cognito refresh token is for.
pub fn jwe_notice(jwe: &UnverifiedJwe) -> String {
    if jwe.looks_like_cognito_refresh_token() {
        return "This is an encrypted token (JWE, RFC 7516): only its header is readable. Its \
                header (alg RSA-OAEP, enc A256GCM, cty JWT) is the shape of an Amazon Cognito \
                refresh token, which only Cognito itself can decrypt. A refresh token is never a \
                bearer token for an API: send the access token (or the ID token where the API \
                expects one) and use the refresh token only with Cognito's token endpoint."
            .to_owned();
    }
    let mut s = "This is an encrypted token (JWE, RFC 7516): only its protected header is \
                 readable; the payload is encrypted"
        .to_owned();
    if let Ok(h) = &jwe.header {
        if let (Some(alg), Some(enc)) = (h.alg.present(), h.enc.present()) {
            s.push_str(&format!(
                " (key management {}, content encryption {})",
                alg.as_str().escape_debug(),
                enc.escape_debug()
            ));
        }
        s.push_str(" and needs the recipient's private key to read");
        if h.cty_is_jwt() {
            s.push_str("; inside is another JWT (cty: JWT)");
        }
    } else {
        s.push_str(" and needs the recipient's private key to read");
    }
    s.push('.');
    s
}

/// A delta in at most two units, largest first: "3 h 12 min", "2 d 4 h", "45 s".
pub fn span(delta_secs: i64) -> String {
    let s = timefmt::split(delta_secs);
    let units = [
        (s.days, "d"),
        (s.hours, "h"),
        (s.minutes, "min"),
        (s.seconds, "s"),
    ];
    let Some(first) = units.iter().position(|(n, _)| *n != 0) else {
        return "0 s".to_owned();
    };
    let mut out = String::new();
    if let Some((n, unit)) = units.get(first) {
        out.push_str(&format!("{n} {unit}"));
    }
    if let Some((n, unit)) = units.get(first.saturating_add(1)) {
        if *n != 0 {
            out.push_str(&format!(" {n} {unit}"));
        }
    }
    out
}

/// The relative phrase for a time claim, given `value − now` in seconds.
pub fn time_phrase(claim: TimeClaim, delta_secs: i64) -> String {
    let s = span(delta_secs);
    match (claim, delta_secs.signum()) {
        (TimeClaim::Exp, -1) => format!("expired {s} ago"),
        (TimeClaim::Exp, 0) => "expires right now".to_owned(),
        (TimeClaim::Exp, _) => format!("expires in {s}"),
        (TimeClaim::Nbf, -1) => format!("valid from {s} ago"),
        (TimeClaim::Nbf, 0) => "valid from right now".to_owned(),
        (TimeClaim::Nbf, _) => format!("not valid until {s} from now"),
        (TimeClaim::Iat, -1) => format!("issued {s} ago"),
        (TimeClaim::Iat, 0) => "issued just now".to_owned(),
        (TimeClaim::Iat, _) => format!("issued in the future (in {s}) — clock skew?"),
        (TimeClaim::AuthTime, -1) => format!("authenticated {s} ago"),
        (TimeClaim::AuthTime, 0) => "authenticated just now".to_owned(),
        (TimeClaim::AuthTime, _) => {
            format!("authenticated in the future (in {s}) — clock skew?")
        }
    }
}

/// Ends a claim value cut in the claims table.
pub fn value_cut() -> &'static str {
    "… (cut here: the whole value is in the payload as JSON)"
}

/// Warns that a time claim looks like milliseconds, showing what it would mean as such.
pub fn millis_warning(claim: TimeClaim, date: &NumericDate) -> String {
    let (civil, clamp) = timefmt::civil(date.secs);
    let as_seconds = match clamp {
        Clamp::AfterYear9999 => "after the year 9999".to_owned(),
        _ => format!("in the year {}", civil.year),
    };
    format!(
        "{} is {}, which as seconds is {as_seconds}. It looks like milliseconds — as \
         milliseconds it is {} — but RFC 7519 §2 requires seconds, so libraries read it as a \
         date far in the future.",
        claim.name(),
        date.raw,
        timefmt::format_utc(date.secs / 1000)
    )
}

/// A note when a time claim lies outside years 0..=9999 and is shown clamped.
pub fn clamp_note(claim: TimeClaim, clamp: Clamp) -> Option<String> {
    match clamp {
        Clamp::InRange => None,
        Clamp::BeforeYear0 => Some(format!(
            "{} is before the year 0; the earliest date this page renders is shown.",
            claim.name()
        )),
        Clamp::AfterYear9999 => Some(format!(
            "{} is after the year 9999; the latest date this page renders is shown.",
            claim.name()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::SegmentErrorKind;

    #[test]
    fn spans_show_at_most_two_units() {
        assert_eq!(span(-(3 * 3_600 + 12 * 60 + 5)), "3 h 12 min");
        assert_eq!(span(2 * 86_400 + 4 * 3_600 + 59), "2 d 4 h");
        assert_eq!(span(45), "45 s");
        assert_eq!(span(300), "5 min");
        assert_eq!(span(86_400 + 30), "1 d");
        assert_eq!(span(0), "0 s");
        assert!(!span(i64::MIN).is_empty());
    }

    #[test]
    fn time_phrases_follow_the_claim_and_the_sign() {
        assert_eq!(
            time_phrase(TimeClaim::Exp, -11_520),
            "expired 3 h 12 min ago"
        );
        assert_eq!(time_phrase(TimeClaim::Exp, 300), "expires in 5 min");
        assert_eq!(time_phrase(TimeClaim::Iat, -7_200), "issued 2 h ago");
        assert_eq!(
            time_phrase(TimeClaim::Iat, 4),
            "issued in the future (in 4 s) — clock skew?"
        );
        assert_eq!(
            time_phrase(TimeClaim::Nbf, 60),
            "not valid until 1 min from now"
        );
    }

    #[test]
    fn base64_errors_name_segment_position_and_character() {
        let e = SegmentError {
            segment: Segment::Payload,
            kind: SegmentErrorKind::Base64(B64Error::InvalidCharacter { index: 17, ch: '!' }),
        };
        assert_eq!(
            segment_error(&e),
            "payload: character 18 (index 17) is '!', which is not base64url (A–Z, a–z, 0–9, \
             '-' and '_')."
        );
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(show_char('\u{0}'), "'\\0'");
        assert_eq!(show_char('\''), "'\\''");
    }
}
