//! Is this run of characters a compact JWS/JWE, and how complete is it?
//!
//! A light, lenient probe used only to *find* tokens: the real decoder (`crate::jose`) decides
//! what the token says. `+`, `/` and `=` padding are tolerated here and kept in the token, so the
//! decoder can report them.

use super::{CompactProblem, Shape};
use crate::jose::b64::{NOT_B64, SEXTET};
use crate::jose::json::{JsonDoc, Value};

/// Most `.`-separated parts a reader keeps before it gives up (JWE has 5, plus one stray dot).
pub(super) const MAX_SEGMENTS: usize = 7;

/// A base64url alphabet byte (RFC 4648 §5).
#[inline]
pub(super) fn is_b64url(b: u8) -> bool {
    // One table read: the decoding table knows the alphabets; `+` and `/` are the standard one's.
    SEXTET[usize::from(b)] != NOT_B64 && b != b'+' && b != b'/'
}

/// A byte that may appear inside a segment: base64url plus the standard alphabet's `+` and `/`,
/// which users get from the wrong encoder and which the decoder reports.
pub(super) fn is_segment_byte(b: u8) -> bool {
    SEXTET[usize::from(b)] != NOT_B64
}

/// Segment length without `=` padding.
fn body_len(segment: &str) -> usize {
    segment.trim_end_matches('=').len()
}

/// The data part of a segment (without at most two `=`) when it is base64(url) at all: only
/// alphabet bytes, and a length that leaves no dangling character.
fn segment_body(segment: &str) -> Option<&[u8]> {
    let body = segment.trim_end_matches('=').as_bytes();
    if segment.len() - body.len() > 2 || body.len() % 4 == 1 {
        return None;
    }
    body.iter().all(|b| is_segment_byte(*b)).then_some(body)
}

/// Does the segment decode (see [`decode_segment`])? Checks without decoding.
pub(super) fn is_segment(segment: &str) -> bool {
    segment_body(segment).is_some()
}

/// Decodes the data bytes of a checked [`segment_body`] (trailing bits are ignored) into `out`.
fn decode_body(body: &[u8], out: &mut Vec<u8>) {
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for b in body {
        acc = (acc << 6) | u32::from(SEXTET[usize::from(*b)] & 0x3F);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
}

/// Decodes one segment leniently (either alphabet, optional padding, any trailing bits);
/// `None` if it is not base64(url) at all.
pub(super) fn decode_segment(segment: &str) -> Option<Vec<u8>> {
    let body = segment_body(segment)?;
    let mut out = Vec::with_capacity(body.len() / 4 * 3 + 2);
    decode_body(body, &mut out);
    Some(out)
}

/// Cheap pre-check on the first few characters of a run: do they decode to `{` (after optional
/// whitespace)? Every JSON object's base64url starts like this, so most words are rejected here
/// without decoding the whole run. Allocates nothing.
pub(super) fn starts_like_json_object(run: &[u8]) -> bool {
    json_object_start(run) == Some(true)
}

/// What the first few characters of a run say about its header: `Some(true)` they decode to
/// `{` after optional whitespace, `Some(false)` the header cannot be a JSON object (so the run
/// cannot be a token), `None` undecided (only whitespace so far).
pub(super) fn json_object_start(run: &[u8]) -> Option<bool> {
    // The first character holds the top six bits of the first byte: `{` starts with `e`, the
    // JSON whitespace bytes with `I`, `C` or `D`. Anything else is decided here (most words
    // of a long log are), with the same answer the decoding would give.
    if !matches!(run.first(), Some(b'e' | b'I' | b'C' | b'D')) {
        return Some(false);
    }
    decoded_object_start(run)
}

/// [`json_object_start`] by decoding the first characters, without its shortcut.
fn decoded_object_start(run: &[u8]) -> Option<bool> {
    let n = run
        .iter()
        .take(8)
        .take_while(|b| is_segment_byte(**b))
        .count();
    let n = if n % 4 == 1 { n - 1 } else { n };
    let Some(prefix) = run.get(..n).filter(|_| n >= 2) else {
        return Some(false);
    };
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for b in prefix {
        acc = (acc << 6) | u32::from(SEXTET[usize::from(*b)] & 0x3F);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            let byte = (acc >> bits) as u8;
            acc &= (1 << bits) - 1;
            if !byte.is_ascii_whitespace() {
                return Some(byte == b'{');
            }
        }
    }
    None
}

/// How well a string fits the compact serialisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Fit {
    /// Every part is there and the last part has exactly the length its algorithm implies.
    Complete,
    /// Right number of parts, but the last part's length cannot be confirmed.
    Plausible,
    /// `header.payload` with a JOSE header and a JSON payload: a token shared without signature.
    Unsigned,
    /// Not (yet) a token; the problem says what would be wrong if it ended here.
    Incomplete(CompactProblem),
    /// Cannot become a token by appending more characters.
    Invalid(CompactProblem),
}

/// Result of [`assess`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Assessment {
    pub fit: Fit,
    pub shape: Shape,
    pub segments: usize,
    /// For a complete-but-unconfirmed token: could appending characters still confirm it?
    pub may_grow: bool,
    /// A JWS payload decodes to JSON (or is empty, RFC 7515 Appendix F). Always true for JWE.
    pub payload_json: bool,
}

impl Assessment {
    /// True if the string can be handed to the decoder as a JWS/JWE.
    pub fn is_token(&self) -> bool {
        matches!(self.fit, Fit::Complete | Fit::Plausible | Fit::Unsigned)
    }

    /// How good a reading this is, for choosing between line joins: higher is better. A JWT
    /// payload is JSON, so a join that breaks the payload ranks below one that keeps it.
    pub fn rank(&self) -> u8 {
        match (&self.fit, self.payload_json) {
            (Fit::Complete, true) => 5,
            (Fit::Plausible, true) => 4,
            (Fit::Unsigned, _) => 3,
            (Fit::Complete, false) => 2,
            (Fit::Plausible, false) => 1,
            (Fit::Incomplete(_) | Fit::Invalid(_), _) => 0,
        }
    }

    /// The problem to report if this string is left as it is.
    pub fn problem(&self) -> Option<CompactProblem> {
        match &self.fit {
            Fit::Incomplete(p) | Fit::Invalid(p) => Some(p.clone()),
            _ => None,
        }
    }
}

/// Signature lengths in base64url characters (no padding) implied by `alg` (RFC 7518 §3).
/// RSA signatures are as long as the modulus, so every common key size is listed.
fn signature_lengths(alg: &str) -> Option<&'static [usize]> {
    Some(match alg {
        "HS256" => &[43],
        "HS384" => &[64],
        "HS512" => &[86],
        "ES256" | "ES256K" | "Ed25519" => &[86],
        "ES384" => &[128],
        "ES512" => &[176],
        "Ed448" => &[152],
        "EdDSA" => &[86, 152],
        "RS256" | "RS384" | "RS512" | "PS256" | "PS384" | "PS512" => {
            &[171, 256, 342, 512, 683, 1366]
        }
        "none" => &[0],
        _ => return None,
    })
}

/// Authentication-tag length in base64url characters implied by `enc` (RFC 7518 §5).
fn tag_length(enc: &str) -> Option<usize> {
    Some(match enc {
        "A128GCM" | "A192GCM" | "A256GCM" | "A128CBC-HS256" => 22,
        "A192CBC-HS384" => 32,
        "A256CBC-HS512" => 43,
        _ => return None,
    })
}

fn assessment(fit: Fit, shape: Shape, segments: usize) -> Assessment {
    Assessment {
        fit,
        shape,
        segments,
        may_grow: false,
        payload_json: true,
    }
}

/// The two header members the probe reads. With a repeated member the last one wins, as in the
/// full parse.
struct HeaderProbe {
    /// `alg`, when it is a string.
    alg: Option<String>,
    /// `Some` when `enc` is present; inside, its value when it is a string.
    enc: Option<Option<String>>,
}

/// Why a header is not a [`HeaderProbe`].
enum HeaderFault {
    NotJson,
    NotObject,
}

fn read_header(bytes: &[u8]) -> Result<HeaderProbe, HeaderFault> {
    let text = std::str::from_utf8(bytes).map_err(|_| HeaderFault::NotJson)?;
    let doc = JsonDoc::parse(text).map_err(|_| HeaderFault::NotJson)?;
    if !matches!(doc.value, Value::Object(_)) {
        return Err(HeaderFault::NotObject);
    }
    let string = |v: &Value| v.as_str().map(str::to_owned);
    Ok(HeaderProbe {
        alg: doc.value.get("alg").and_then(string),
        enc: doc.value.get("enc").map(string),
    })
}

/// True when `bytes` are one JSON text.
fn is_json(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|text| crate::jose::json::validate(text).is_ok())
}

/// Judges `token` as a compact JWS/JWE without deciding anything about its contents.
pub(super) fn assess(token: &str) -> Assessment {
    let segments = token.bytes().filter(|b| *b == b'.').count() + 1;
    if segments > 6 {
        return assessment(
            Fit::Invalid(CompactProblem::TooManySegments),
            Shape::Jws,
            segments,
        );
    }
    let parts: Vec<&str> = token.split('.').collect();
    let header_text = parts.first().copied().unwrap_or("");
    let incomplete_or = |problem: CompactProblem| {
        if segments == 1 {
            Fit::Incomplete(problem)
        } else {
            Fit::Invalid(problem)
        }
    };
    let Some(header_bytes) = decode_segment(header_text) else {
        return assessment(
            incomplete_or(CompactProblem::HeaderNotBase64Url),
            Shape::Jws,
            segments,
        );
    };
    let header = match read_header(&header_bytes) {
        Ok(header) => header,
        Err(fault) => {
            let problem = match fault {
                HeaderFault::NotJson => CompactProblem::HeaderNotJson,
                HeaderFault::NotObject => CompactProblem::HeaderNotObject,
            };
            return assessment(incomplete_or(problem), Shape::Jws, segments);
        }
    };
    let is_jwe = header.enc.is_some();
    let shape = if is_jwe { Shape::Jwe } else { Shape::Jws };
    if segments == 1 {
        return assessment(
            Fit::Incomplete(CompactProblem::MissingSegments),
            shape,
            segments,
        );
    }
    let count_problem = match (is_jwe, segments) {
        (false, 5) => Some(CompactProblem::JweHeaderWithoutEnc),
        (false, 4 | 6) | (true, 6) => Some(CompactProblem::TooManySegments),
        _ => None,
    };
    if let Some(problem) = count_problem {
        return assessment(Fit::Invalid(problem), shape, segments);
    }
    // Every later part must be base64url; a last part of impossible length may still continue
    // on the next line.
    for (index, part) in parts.iter().enumerate().skip(1) {
        if !is_segment(part) {
            let truncated = index + 1 == parts.len()
                && body_len(part) % 4 == 1
                && part.bytes().all(is_segment_byte);
            let problem = CompactProblem::SegmentNotBase64Url {
                index,
                cut: truncated,
                why: crate::jose::b64::decode(part).err(),
            };
            let fit = if truncated {
                Fit::Incomplete(problem)
            } else {
                Fit::Invalid(problem)
            };
            return assessment(fit, shape, segments);
        }
    }
    let last_len = parts.last().map(|p| body_len(p)).unwrap_or(0);
    if is_jwe {
        return match segments {
            2..=4 => assessment(
                Fit::Incomplete(CompactProblem::MissingSegments),
                shape,
                segments,
            ),
            5 => match header.enc.flatten().as_deref().and_then(tag_length) {
                Some(expected) if expected == last_len => {
                    assessment(Fit::Complete, shape, segments)
                }
                Some(expected) => Assessment {
                    may_grow: last_len < expected,
                    ..assessment(Fit::Plausible, shape, segments)
                },
                None => assessment(Fit::Plausible, shape, segments),
            },
            _ => assessment(
                Fit::Invalid(CompactProblem::TooManySegments),
                shape,
                segments,
            ),
        };
    }
    let alg = header.alg.as_deref();
    let payload = parts.get(1).copied().unwrap_or("");
    let payload_json = (segments == 3 && payload.is_empty())
        || decode_segment(payload).is_some_and(|bytes| is_json(&bytes));
    let (fit, may_grow) = match segments {
        2 => {
            let fit = match (alg, payload_json) {
                (Some(_), true) => Fit::Unsigned,
                (None, _) => Fit::Incomplete(CompactProblem::HeaderWithoutAlg),
                (Some(_), false) => Fit::Incomplete(CompactProblem::PayloadNotJson),
            };
            (fit, false)
        }
        3 => match alg.and_then(signature_lengths) {
            Some(lengths) => {
                let fit = if lengths.contains(&last_len) {
                    Fit::Complete
                } else {
                    Fit::Plausible
                };
                (fit, lengths.iter().any(|l| *l > last_len))
            }
            None => (Fit::Plausible, false),
        },
        _ => (Fit::Invalid(CompactProblem::TooManySegments), false),
    };
    Assessment {
        fit,
        shape,
        segments,
        may_grow,
        payload_json,
    }
}

/// Like [`assess`], but up to three trailing `.` that make the part count wrong (a full stop
/// or an ellipsis after the token) are dropped. Returns the length of the token that was judged.
pub(super) fn assess_allowing_full_stop(token: &str) -> (Assessment, usize) {
    let first = assess(token);
    if !first.is_token() {
        let mut shorter = token;
        for _ in 0..3 {
            let Some(s) = shorter.strip_suffix('.') else {
                break;
            };
            shorter = s;
            let second = assess(shorter);
            if second.is_token() {
                return (second, shorter.len());
            }
        }
    }
    (first, token.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;

    fn seg(json: &str) -> String {
        URL_SAFE_NO_PAD.encode(json)
    }

    fn sig(bytes: usize) -> String {
        URL_SAFE_NO_PAD.encode(vec![7u8; bytes])
    }

    #[test]
    fn hs256_token_with_32_byte_signature_is_complete() {
        let t = format!(
            "{}.{}.{}",
            seg(r#"{"alg":"HS256"}"#),
            seg(r#"{"sub":"1"}"#),
            sig(32)
        );
        assert_eq!(assess(&t).fit, Fit::Complete);
        assert_eq!(assess(&t).shape, Shape::Jws);
    }

    #[test]
    fn short_signature_is_plausible_and_may_grow() {
        let t = format!(
            "{}.{}.{}",
            seg(r#"{"alg":"RS256"}"#),
            seg(r#"{"sub":"1"}"#),
            sig(100)
        );
        let a = assess(&t);
        assert_eq!(a.fit, Fit::Plausible);
        assert!(a.may_grow);
    }

    #[test]
    fn header_and_payload_only_is_unsigned() {
        let t = format!("{}.{}", seg(r#"{"alg":"RS256"}"#), seg(r#"{"sub":"1"}"#));
        assert_eq!(assess(&t).fit, Fit::Unsigned);
    }

    #[test]
    fn five_parts_without_enc_are_invalid() {
        let t = format!("{}.ab.cd.ef.gh", seg(r#"{"alg":"RS256"}"#));
        assert_eq!(
            assess(&t).fit,
            Fit::Invalid(CompactProblem::JweHeaderWithoutEnc)
        );
    }

    #[test]
    fn jwe_with_gcm_tag_is_complete() {
        let t = format!(
            "{}.{}.{}.{}.{}",
            seg(r#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#),
            sig(256),
            sig(12),
            sig(40),
            sig(16)
        );
        let a = assess(&t);
        assert_eq!(a.fit, Fit::Complete);
        assert_eq!(a.shape, Shape::Jwe);
    }

    #[test]
    fn standard_alphabet_and_padding_are_tolerated() {
        assert_eq!(decode_segment("+/8="), Some(vec![0xfb, 0xff]));
        assert_eq!(decode_segment("a"), None);
        assert_eq!(decode_segment("ab==="), None);
    }

    #[test]
    fn the_header_probe_reads_alg_and_enc_like_the_full_parse() {
        let problem = |header: &str| assess(&format!("{}.e30.", seg(header))).problem();
        assert_eq!(problem("[1]"), Some(CompactProblem::HeaderNotObject));
        assert_eq!(problem("{\"alg\":"), Some(CompactProblem::HeaderNotJson));
        assert_eq!(
            problem(r#"{"alg":"HS256"} x"#),
            Some(CompactProblem::HeaderNotJson)
        );
        // The last `alg` wins; a non-string `enc` still makes a JWE.
        let t = format!(
            "{}.{}.{}",
            seg(r#"{"alg":1,"alg":"HS256"}"#),
            seg("{}"),
            sig(32)
        );
        assert_eq!(assess(&t).fit, Fit::Complete);
        let jwe = format!("{}.ab.cd.ef.gh", seg(r#"{"alg":"dir","enc":{"x":[1]}}"#));
        assert_eq!(assess(&jwe).shape, Shape::Jwe);
        assert_eq!(assess(&jwe).fit, Fit::Plausible);
    }

    #[test]
    fn the_table_decoder_agrees_with_the_base64_crate_for_every_length() {
        let bytes: Vec<u8> = (0u8..=255).collect();
        for n in 0..bytes.len() {
            let encoded = URL_SAFE_NO_PAD.encode(&bytes[..n]);
            assert_eq!(decode_segment(&encoded).as_deref(), Some(&bytes[..n]));
            let standard = base64::engine::general_purpose::STANDARD.encode(&bytes[..n]);
            assert_eq!(decode_segment(&standard).as_deref(), Some(&bytes[..n]));
        }
        assert!(!is_segment("ab*c"));
        assert!(!is_segment("a=bc"));
    }

    #[test]
    fn the_first_character_shortcut_answers_as_the_decoding_does() {
        let rests: [&[u8]; 10] = [
            b"",
            b"y",
            b"yJ",
            b"wo",
            b"AgI",
            b"AgICAgIC",
            b"=",
            b"!x",
            b"eyJ",
            b"J7",
        ];
        for first in 0..=255u8 {
            for second in 0..=255u8 {
                for rest in rests {
                    let run = [&[first, second][..], rest].concat();
                    assert_eq!(
                        json_object_start(&run),
                        decoded_object_start(&run),
                        "{run:?}"
                    );
                }
            }
            assert_eq!(json_object_start(&[first]), decoded_object_start(&[first]));
        }
    }

    #[test]
    fn the_base64url_alphabet_is_letters_digits_minus_and_underscore_for_every_byte() {
        for b in 0..=255u8 {
            let expected = b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
            assert_eq!(is_b64url(b), expected, "byte {b:#04x}");
        }
    }

    #[test]
    fn json_object_prefix_is_recognised_from_a_few_characters() {
        assert!(starts_like_json_object(b"eyJhbGciOi"));
        assert!(starts_like_json_object(b"eyJ"));
        assert!(!starts_like_json_object(b"hello"));
        assert!(!starts_like_json_object(b"e"));
    }

    #[test]
    fn full_stop_after_a_token_is_not_part_of_it() {
        let t = format!(
            "{}.{}.{}",
            seg(r#"{"alg":"HS256"}"#),
            seg(r#"{"sub":"1"}"#),
            sig(32)
        );
        let with_stop = format!("{t}.");
        let (a, len) = assess_allowing_full_stop(&with_stop);
        assert_eq!(a.fit, Fit::Complete);
        assert_eq!(len, t.len());
    }
}
