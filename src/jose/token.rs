//! The compact serializations: JWS (RFC 7515 §7.1, three parts) and JWE (RFC 7516 §7.1, five
//! parts), split and decoded segment by segment without verifying anything.
//!
//! Owns [`parse_unverified`]. Collects instead of short-circuiting: only an empty input or a
//! segment count other than 3 or 5 is a [`StructureError`]; every segment otherwise gets its own
//! `Result`, so a bad payload never hides a good header. Must not verify, decrypt or read a clock.

use super::b64::{self, B64Error, B64Quirk};
use super::claims::Claims;
use super::header::Header;
use super::json::Duplicate;
use super::json::{JsonDoc, JsonError, Kind, Str};
use std::rc::Rc;

/// Why a text is not a compact JWS or JWE at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StructureError {
    /// The input is empty or only whitespace.
    Empty,
    /// Splitting at `.` gave `count` parts; a JWS has 3 and a JWE 5.
    WrongSegmentCount {
        /// Number of `.`-separated parts.
        count: usize,
    },
}

/// Which part of a compact token something refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Segment {
    /// The (protected) header: part 1 of a JWS or JWE.
    Header,
    /// The JWS payload: part 2 of a JWS.
    Payload,
    /// The JWS signature: part 3 of a JWS.
    Signature,
    /// The JWE encrypted key: part 2 of a JWE (empty for `dir`).
    EncryptedKey,
    /// The JWE initialization vector: part 3 of a JWE.
    Iv,
    /// The JWE ciphertext: part 4 of a JWE.
    Ciphertext,
    /// The JWE authentication tag: part 5 of a JWE.
    Tag,
}

impl Segment {
    /// 0-based position of the segment in its compact serialization.
    pub fn position(self) -> usize {
        match self {
            Segment::Header => 0,
            Segment::Payload | Segment::EncryptedKey => 1,
            Segment::Signature | Segment::Iv => 2,
            Segment::Ciphertext => 3,
            Segment::Tag => 4,
        }
    }
}

/// A segment that could not be decoded, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentError {
    /// The segment concerned.
    pub segment: Segment,
    /// What is wrong with it.
    pub kind: SegmentErrorKind,
}

/// What is wrong with one segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SegmentErrorKind {
    /// Not base64url (positions are within the segment).
    Base64(B64Error),
    /// The decoded header bytes are not UTF-8; `valid_up_to` bytes were.
    NotUtf8 {
        /// Length of the valid UTF-8 prefix in bytes.
        valid_up_to: usize,
    },
    /// The decoded text is not JSON (positions are characters of the decoded text).
    Json(JsonError),
    /// The header is JSON but not an object (RFC 7515 §4 requires an object).
    NotAnObject {
        /// The JSON type found instead.
        found: Kind,
    },
}

/// A tolerated base64url deviation in a given segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quirk {
    /// The segment concerned.
    pub segment: Segment,
    /// The deviation.
    pub kind: B64Quirk,
}

/// What a JWS payload turned out to be.
// One value per decoded token, matched often and moved rarely: boxing the large variant would
// only add indirection to every match in the UI.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload {
    /// JSON text (a JWT claims set when it is an object).
    Json {
        /// The JSON exactly as issued.
        doc: JsonDoc,
        /// The claims read from it (all absent when `doc` is not an object).
        claims: Claims,
    },
    /// The payload is itself a compact JWS/JWE (`cty: JWT`, RFC 7519 §5.2, or text shaped
    /// like one).
    NestedJwt(String),
    /// UTF-8 text that is not JSON.
    Text(String),
    /// Bytes that are not printable UTF-8 text.
    Bytes(Vec<u8>),
    /// No payload bytes at all (detached content, RFC 7515 Appendix F).
    Empty,
}

/// A compact JWS, decoded but **not verified**.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnverifiedJwt {
    /// The header segment as received.
    pub raw_header: Str,
    /// The payload segment as received.
    pub raw_payload: Str,
    /// The signature segment as received.
    pub raw_signature: Str,
    /// The decoded header.
    pub header: Result<Header, SegmentError>,
    /// The decoded payload.
    pub payload: Result<Payload, SegmentError>,
    /// The decoded signature bytes (empty for `alg: none`).
    pub signature: Result<Vec<u8>, SegmentError>,
    /// Tolerated base64url deviations, by segment.
    pub quirks: Vec<Quirk>,
}

impl UnverifiedJwt {
    /// The JWS signing input (RFC 7515 §5.1 step 6): `header.payload` in ASCII exactly as
    /// received, which is what a signature covers.
    pub fn signing_input(&self) -> String {
        let mut s = String::with_capacity(self.raw_header.len() + 1 + self.raw_payload.len());
        s.push_str(&self.raw_header);
        s.push('.');
        s.push_str(&self.raw_payload);
        s
    }

    /// Repeated JSON keys in the header and payload, each with its segment.
    pub fn duplicates(&self) -> Vec<(Segment, &Duplicate)> {
        let mut out: Vec<(Segment, &Duplicate)> = Vec::new();
        if let Ok(h) = &self.header {
            out.extend(h.doc.duplicates.iter().map(|d| (Segment::Header, d)));
        }
        if let Ok(Payload::Json { doc, .. }) = &self.payload {
            out.extend(doc.duplicates.iter().map(|d| (Segment::Payload, d)));
        }
        out
    }

    /// The claims, when the payload is JSON.
    pub fn claims(&self) -> Option<&Claims> {
        match &self.payload {
            Ok(Payload::Json { claims, .. }) => Some(claims),
            _ => None,
        }
    }
}

/// A compact JWE: only the protected header is readable without the recipient's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnverifiedJwe {
    /// The protected header segment as received (also the AAD, RFC 7516 §5.1 step 14).
    pub raw_header: Str,
    /// The encrypted-key segment as received.
    pub raw_encrypted_key: Str,
    /// The initialization-vector segment as received.
    pub raw_iv: Str,
    /// The ciphertext segment as received.
    pub raw_ciphertext: Str,
    /// The authentication-tag segment as received.
    pub raw_tag: Str,
    /// The decoded protected header.
    pub header: Result<Header, SegmentError>,
    /// Encrypted key bytes.
    pub encrypted_key: Result<Vec<u8>, SegmentError>,
    /// Initialization vector bytes.
    pub iv: Result<Vec<u8>, SegmentError>,
    /// Ciphertext bytes.
    pub ciphertext: Result<Vec<u8>, SegmentError>,
    /// Authentication tag bytes.
    pub tag: Result<Vec<u8>, SegmentError>,
    /// Tolerated base64url deviations, by segment.
    pub quirks: Vec<Quirk>,
}

impl UnverifiedJwe {
    /// True when the protected header is exactly `alg: RSA-OAEP`, `enc: A256GCM`, `cty: JWT`
    /// and nothing else — the shape of an Amazon Cognito refresh token.
    pub fn looks_like_cognito_refresh_token(&self) -> bool {
        let Ok(h) = &self.header else {
            return false;
        };
        h.members().len() == 3
            && h.alg.present().map(|a| a.as_str()) == Some("RSA-OAEP")
            && h.enc.present().map(String::as_str) == Some("A256GCM")
            && h.cty.present().map(String::as_str) == Some("JWT")
    }
}

/// A compact token, decoded but not verified.
// See `Payload` for why the large variant is not boxed.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// Three parts: a signed (or unsecured) JWS.
    Jws(UnverifiedJwt),
    /// Five parts: an encrypted JWE.
    Jwe(UnverifiedJwe),
}

impl Parsed {
    /// The (protected) header of either form.
    pub fn header(&self) -> &Result<Header, SegmentError> {
        match self {
            Parsed::Jws(t) => &t.header,
            Parsed::Jwe(t) => &t.header,
        }
    }

    /// The tolerated quirks of either form.
    pub fn quirks(&self) -> &[Quirk] {
        match self {
            Parsed::Jws(t) => &t.quirks,
            Parsed::Jwe(t) => &t.quirks,
        }
    }
}

/// Splits a compact JWS or JWE and decodes every segment independently, without verifying.
/// The text is taken as is (no trimming: extracting tokens from pasted text is `input`'s job).
pub fn parse_unverified(token: &str) -> Result<Parsed, StructureError> {
    if token.trim().is_empty() {
        return Err(StructureError::Empty);
    }
    let mut split = token.split('.');
    let parts: [Option<&str>; 6] = std::array::from_fn(|_| split.next());
    let mut quirks = Vec::new();
    match parts {
        [Some(h), Some(p), Some(s), None, ..] => {
            let [raw_header, raw_payload, raw_signature] = shared_parts(token, [h, p, s]);
            let header = decode_header(h, &mut quirks);
            let cty_jwt = header.as_ref().is_ok_and(Header::cty_is_jwt);
            let payload = decode_bytes(Segment::Payload, p, &mut quirks)
                .map(|bytes| classify_payload(bytes, cty_jwt))
                .and_then(|r| r);
            let signature = decode_bytes(Segment::Signature, s, &mut quirks);
            Ok(Parsed::Jws(UnverifiedJwt {
                raw_header,
                raw_payload,
                raw_signature,
                header,
                payload,
                signature,
                quirks,
            }))
        }
        [Some(h), Some(k), Some(iv), Some(c), Some(t), None] => {
            let [raw_header, raw_encrypted_key, raw_iv, raw_ciphertext, raw_tag] =
                shared_parts(token, [h, k, iv, c, t]);
            let header = decode_header(h, &mut quirks);
            Ok(Parsed::Jwe(UnverifiedJwe {
                raw_header,
                raw_encrypted_key,
                raw_iv,
                raw_ciphertext,
                raw_tag,
                header,
                encrypted_key: decode_bytes(Segment::EncryptedKey, k, &mut quirks),
                iv: decode_bytes(Segment::Iv, iv, &mut quirks),
                ciphertext: decode_bytes(Segment::Ciphertext, c, &mut quirks),
                tag: decode_bytes(Segment::Tag, t, &mut quirks),
                quirks,
            }))
        }
        _ => Err(StructureError::WrongSegmentCount {
            count: token.split('.').count(),
        }),
    }
}

/// `parts`, the `.`-separated pieces of `token` in order, as ranges of one shared copy of it.
fn shared_parts<const N: usize>(token: &str, parts: [&str; N]) -> [Str; N] {
    let whole: Rc<str> = Rc::from(token);
    let mut at = 0;
    parts.map(|part| {
        let s = Str::slice(&whole, at, at + part.len());
        at += part.len() + 1;
        s
    })
}

fn decode_bytes(
    segment: Segment,
    text: &str,
    quirks: &mut Vec<Quirk>,
) -> Result<Vec<u8>, SegmentError> {
    let decoded = b64::decode(text).map_err(|e| SegmentError {
        segment,
        kind: SegmentErrorKind::Base64(e),
    })?;
    quirks.extend(
        decoded
            .quirks
            .into_iter()
            .map(|kind| Quirk { segment, kind }),
    );
    Ok(decoded.bytes)
}

fn decode_header(text: &str, quirks: &mut Vec<Quirk>) -> Result<Header, SegmentError> {
    let err = |kind| SegmentError {
        segment: Segment::Header,
        kind,
    };
    let bytes = decode_bytes(Segment::Header, text, quirks)?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        err(SegmentErrorKind::NotUtf8 {
            valid_up_to: e.valid_up_to(),
        })
    })?;
    let doc = JsonDoc::parse(text).map_err(|e| err(SegmentErrorKind::Json(e)))?;
    Header::from_doc(doc).map_err(|found| err(SegmentErrorKind::NotAnObject { found }))
}

/// Decides what payload bytes are. A payload whose text starts with `{` is meant as a claims
/// set, so invalid JSON there is an error (with its position); other text is tried as JSON,
/// then as a nested compact token, then kept as text.
fn classify_payload(bytes: Vec<u8>, cty_jwt: bool) -> Result<Payload, SegmentError> {
    if bytes.is_empty() {
        return Ok(Payload::Empty);
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return Ok(Payload::Bytes(e.into_bytes())),
    };
    if looks_like_compact(&text, cty_jwt) {
        return Ok(Payload::NestedJwt(text));
    }
    let starts_like_object = text
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .starts_with('{');
    match JsonDoc::parse(&text) {
        Ok(doc) => {
            let claims = Claims::from_value(&doc.value);
            Ok(Payload::Json { doc, claims })
        }
        Err(e) if starts_like_object => Err(SegmentError {
            segment: Segment::Payload,
            kind: SegmentErrorKind::Json(e),
        }),
        Err(_) if is_printable(&text) => Ok(Payload::Text(text)),
        Err(_) => Ok(Payload::Bytes(text.into_bytes())),
    }
}

/// Text that is UTF-8 but full of control characters is better shown as bytes.
fn is_printable(text: &str) -> bool {
    !text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// True when `text` has the shape of a compact JWS/JWE: 3 or 5 parts of base64url characters
/// with a non-empty first part. Without `cty: JWT` the first part must also decode to a JSON
/// object, so ordinary dotted text is not mistaken for a token.
pub fn looks_like_compact(text: &str, cty_jwt: bool) -> bool {
    // The alphabet first: it rejects JSON text at its first byte.
    let alphabet_ok = text
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'=' | b'+' | b'/'));
    if !alphabet_ok || !matches!(text.split('.').count(), 3 | 5) {
        return false;
    }
    let first = text.split('.').next().unwrap_or_default();
    if first.is_empty() {
        return false;
    }
    if cty_jwt {
        return true;
    }
    b64::decode(first)
        .ok()
        .and_then(|d| String::from_utf8(d.bytes).ok())
        .and_then(|t| JsonDoc::parse(&t).ok())
        .is_some_and(|doc| doc.value.kind() == Kind::Object)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::b64::encode;

    fn jws(header: &str, payload: &[u8]) -> String {
        format!("{}.{}.c2ln", encode(header.as_bytes()), encode(payload))
    }

    fn parsed_jws(token: &str) -> UnverifiedJwt {
        match parse_unverified(token) {
            Ok(Parsed::Jws(t)) => t,
            other => panic!("expected a JWS: {other:?}"),
        }
    }

    #[test]
    fn segment_counts_other_than_three_or_five_are_structural_errors() {
        assert_eq!(parse_unverified(""), Err(StructureError::Empty));
        assert_eq!(parse_unverified(" \n"), Err(StructureError::Empty));
        assert_eq!(
            parse_unverified("abc"),
            Err(StructureError::WrongSegmentCount { count: 1 })
        );
        assert_eq!(
            parse_unverified("a.b"),
            Err(StructureError::WrongSegmentCount { count: 2 })
        );
        assert_eq!(
            parse_unverified("a.b.c.d"),
            Err(StructureError::WrongSegmentCount { count: 4 })
        );
    }

    #[test]
    fn signing_input_is_header_dot_payload_as_received() {
        let t = parsed_jws("eyJhbGciOiJub25lIn0.e30=.");
        assert_eq!(t.signing_input(), "eyJhbGciOiJub25lIn0.e30=");
        assert_eq!(t.signature, Ok(vec![]));
    }

    #[test]
    fn raw_segments_are_the_parts_as_received() {
        let t = parsed_jws("eyJhbGciOiJub25lIn0.e30.c2ln");
        let raw = [&*t.raw_header, &*t.raw_payload, &*t.raw_signature];
        assert_eq!(raw, ["eyJhbGciOiJub25lIn0", "e30", "c2ln"]);
        let Ok(Parsed::Jwe(t)) = parse_unverified("eyJhbGciOiJkaXIifQ..aXY.Y3Q.dGFn") else {
            panic!("expected a JWE");
        };
        let raw = [
            &*t.raw_header,
            &*t.raw_encrypted_key,
            &*t.raw_iv,
            &*t.raw_ciphertext,
            &*t.raw_tag,
        ];
        assert_eq!(raw, ["eyJhbGciOiJkaXIifQ", "", "aXY", "Y3Q", "dGFn"]);
    }

    #[test]
    fn empty_payload_is_its_own_kind() {
        let t = parsed_jws(&jws(r#"{"alg":"HS256"}"#, b""));
        assert_eq!(t.payload, Ok(Payload::Empty));
    }

    #[test]
    fn a_payload_starting_with_a_brace_must_be_json() {
        let t = parsed_jws(&jws(r#"{"alg":"HS256"}"#, br#"{"a":1,}"#));
        assert!(matches!(
            t.payload,
            Err(SegmentError {
                segment: Segment::Payload,
                kind: SegmentErrorKind::Json(_)
            })
        ));
        assert!(t.header.is_ok());
    }

    #[test]
    fn non_json_text_is_text_and_control_heavy_text_is_bytes() {
        let t = parsed_jws(&jws(r#"{"alg":"HS256"}"#, b"hello world"));
        assert_eq!(t.payload, Ok(Payload::Text("hello world".into())));
        let t = parsed_jws(&jws(r#"{"alg":"HS256"}"#, b"\x00\x01ab"));
        assert_eq!(t.payload, Ok(Payload::Bytes(b"\x00\x01ab".to_vec())));
    }

    #[test]
    fn json_scalars_are_json_payloads() {
        let t = parsed_jws(&jws(r#"{"alg":"HS256"}"#, b"12345678901234567890"));
        assert!(matches!(t.payload, Ok(Payload::Json { .. })));
    }

    #[test]
    fn dotted_text_is_not_mistaken_for_a_nested_token() {
        assert!(!looks_like_compact("a.b.c", false));
        assert!(looks_like_compact("a.b.c", true));
        assert!(looks_like_compact("eyJhbGciOiJub25lIn0.e30.", false));
        assert!(!looks_like_compact(".b.c", true));
        assert!(!looks_like_compact("a b.c.d", true));
    }

    #[test]
    fn segment_positions_follow_the_compact_order() {
        assert_eq!(Segment::Header.position(), 0);
        assert_eq!(Segment::Signature.position(), 2);
        assert_eq!(Segment::Tag.position(), 4);
    }
}
