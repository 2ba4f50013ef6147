//! base64url decoding (RFC 4648 §5, as required by RFC 7515 §2 "Base64url Encoding") that
//! reports exactly which character is wrong and accepts common quirks while reporting them.
//!
//! Owns bytes-from-text only; knows nothing about which segment it decodes (the caller attaches
//! that). Positions are 0-based character indices within the decoded text.

/// Bytes decoded from one segment plus the tolerated deviations from strict base64url.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded bytes.
    pub bytes: Vec<u8>,
    /// Deviations that were accepted (at most one of each kind).
    pub quirks: Vec<B64Quirk>,
}

/// Why a text is not base64url, with the offending position and character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum B64Error {
    /// `ch` at 0-based character `index` is in neither the base64url nor the standard alphabet.
    InvalidCharacter {
        /// 0-based character index.
        index: usize,
        /// The offending character.
        ch: char,
    },
    /// A `=` at `index` is followed by more data: padding may only end the text.
    PaddingInside {
        /// 0-based character index of the first `=`.
        index: usize,
    },
    /// More than two `=` at the end, starting at `index`.
    TooMuchPadding {
        /// 0-based character index of the first `=`.
        index: usize,
        /// How many `=` there are.
        count: usize,
    },
    /// `len` data characters (padding excluded) leave one dangling character (`len % 4 == 1`),
    /// which cannot encode a whole byte: the text was probably truncated or has one extra char.
    ImpossibleLength {
        /// Number of data characters.
        len: usize,
    },
}

/// A deviation from strict unpadded base64url that was tolerated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum B64Quirk {
    /// Trailing `=` padding (RFC 7515 §2 says base64url here has none).
    Padding {
        /// 0-based character index of the first `=`.
        index: usize,
        /// How many `=`.
        count: usize,
    },
    /// `+` or `/` from the standard alphabet (RFC 4648 §4) instead of `-` / `_`; the first one.
    StandardAlphabet {
        /// 0-based character index of the first such character.
        index: usize,
        /// `+` or `/`.
        ch: char,
    },
    /// The last character carries non-zero bits that no byte uses (RFC 4648 §3.5): a strict
    /// decoder rejects it, and it means the text was not produced by a canonical encoder.
    NonCanonicalTrailingBits {
        /// 0-based character index of the last data character.
        index: usize,
        /// That character.
        ch: char,
    },
}

/// The 6-bit value of each byte in either base64 alphabet (RFC 4648 §4 and §5: `-` and `+` are
/// 62, `_` and `/` are 63), with [`STD_ONLY`] added for the standard alphabet's `+` and `/`, or
/// [`NOT_B64`]. One table for every base64 reader in the crate (the decoder here and the token
/// finder in `input`): one lookup per byte.
pub(crate) const SEXTET: [u8; 256] = {
    let mut t = [NOT_B64; 256];
    let mut i = 0;
    while i < 26 {
        t[b'A' as usize + i] = i as u8;
        t[b'a' as usize + i] = 26 + i as u8;
        i += 1;
    }
    let mut d = 0;
    while d < 10 {
        t[b'0' as usize + d] = 52 + d as u8;
        d += 1;
    }
    t[b'-' as usize] = 62;
    t[b'_' as usize] = 63;
    t[b'+' as usize] = 62 | STD_ONLY;
    t[b'/' as usize] = 63 | STD_ONLY;
    t
};
/// [`SEXTET`]'s mark for a byte of no base64 alphabet.
pub(crate) const NOT_B64: u8 = 0xFF;
/// [`SEXTET`]'s flag for a byte of the standard alphabet only (`+`, `/`); `& 0x3F` is the value.
pub(crate) const STD_ONLY: u8 = 0x40;

/// The 6-bit value of a base64 character and whether it is from the standard alphabet only.
fn sextet(ch: char) -> Option<(u32, bool)> {
    let v = SEXTET[usize::from(u8::try_from(ch).ok()?)];
    (v != NOT_B64).then_some((u32::from(v & 0x3F), v & STD_ONLY != 0))
}

/// Decodes base64url text, tolerating padding, the standard alphabet and non-canonical trailing
/// bits (each reported once as a [`B64Quirk`]). The empty text decodes to no bytes.
pub fn decode(text: &str) -> Result<Decoded, B64Error> {
    match decode_strict(text.as_bytes()) {
        Some(decoded) => Ok(decoded),
        None => decode_reporting(text),
    }
}

/// The fast path for what tokens nearly always are: unpadded base64url of a possible length,
/// decoded four characters at a time through [`SEXTET`]. `None` when anything else is there
/// (padding, the standard alphabet, a stray character, a dangling character):
/// [`decode_reporting`] then finds and names it. The only quirk possible here is non-canonical
/// trailing bits.
fn decode_strict(text: &[u8]) -> Option<Decoded> {
    let tail = text.len() % 4;
    if tail == 1 {
        return None;
    }
    // 3 bytes per 4 characters, 1 for 2 left over and 2 for 3.
    let mut bytes = vec![0u8; text.len() / 4 * 3 + tail.saturating_sub(1)];
    let mut chunks = text.chunks_exact(4);
    let mut out = bytes.chunks_exact_mut(3);
    for (c, o) in (&mut chunks).zip(&mut out) {
        if !quad(c, o) {
            return None;
        }
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // The left-over characters as if followed by `A`s (zero bits), decoded into a scratch
        // triple of which the first one or two bytes are real.
        let mut last = *b"AAAA";
        last.iter_mut().zip(rest).for_each(|(d, s)| *d = *s);
        let mut triple = [0u8; 3];
        if !quad(&last, &mut triple) {
            return None;
        }
        let o = out.into_remainder();
        o.iter_mut().zip(triple).for_each(|(d, s)| *d = s);
        // Left-over bits (4 after two characters, 2 after three) must be zero in a canonical
        // encoding: they are the first byte not kept.
        if triple.get(tail - 1).is_some_and(|&b| b != 0) {
            // All ASCII: the byte index is the character index.
            return Some(Decoded {
                bytes,
                quirks: vec![B64Quirk::NonCanonicalTrailingBits {
                    index: text.len() - 1,
                    ch: char::from(rest.last().copied().unwrap_or(b'A')),
                }],
            });
        }
    }
    Some(Decoded {
        bytes,
        quirks: Vec::new(),
    })
}

/// Decodes four base64url characters into three bytes; false when one is not base64url.
#[inline(always)]
fn quad(text: &[u8], out: &mut [u8]) -> bool {
    let ([a, b, c, d], [x, y, z]) = (text, out) else {
        return false;
    };
    let sextet = |ch: &u8| SEXTET[usize::from(*ch)];
    let (a, b, c, d) = (sextet(a), sextet(b), sextet(c), sextet(d));
    // Anything above 63 is either not base64 or the standard alphabet only.
    if (a | b | c | d) > 63 {
        return false;
    }
    *x = a << 2 | b >> 4;
    *y = b << 4 | c >> 2;
    *z = c << 6 | d;
    true
}

/// Decodes character by character, reporting every quirk and the first error exactly.
fn decode_reporting(text: &str) -> Result<Decoded, B64Error> {
    let mut bytes = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let mut quirks = Vec::new();
    let mut std_alphabet: Option<(usize, char)> = None;
    let mut padding_start: Option<usize> = None;
    let mut padding = 0usize;
    let mut data_len = 0usize;
    let mut acc: u32 = 0;
    let mut acc_bits: u32 = 0;
    let mut last: Option<(usize, char, u32)> = None;

    for (index, ch) in text.chars().enumerate() {
        if ch == '=' {
            if padding_start.is_none() {
                padding_start = Some(index);
            }
            padding = padding.saturating_add(1);
            continue;
        }
        if let Some(start) = padding_start {
            return Err(B64Error::PaddingInside { index: start });
        }
        let Some((value, is_std)) = sextet(ch) else {
            return Err(B64Error::InvalidCharacter { index, ch });
        };
        if is_std && std_alphabet.is_none() {
            std_alphabet = Some((index, ch));
        }
        data_len = data_len.saturating_add(1);
        last = Some((index, ch, value));
        acc = (acc << 6) | value;
        acc_bits += 6;
        if acc_bits >= 8 {
            acc_bits -= 8;
            bytes.push(((acc >> acc_bits) & 0xFF) as u8);
            acc &= (1 << acc_bits) - 1;
        }
    }

    if let Some(index) = padding_start {
        if padding > 2 {
            return Err(B64Error::TooMuchPadding {
                index,
                count: padding,
            });
        }
    }
    if data_len % 4 == 1 {
        return Err(B64Error::ImpossibleLength { len: data_len });
    }
    if let Some((index, ch)) = std_alphabet {
        quirks.push(B64Quirk::StandardAlphabet { index, ch });
    }
    if let Some(index) = padding_start {
        quirks.push(B64Quirk::Padding {
            index,
            count: padding,
        });
    }
    // Left-over bits (2 or 4) must be zero in a canonical encoding.
    if acc_bits > 0 && acc != 0 {
        if let Some((index, ch, _)) = last {
            quirks.push(B64Quirk::NonCanonicalTrailingBits { index, ch });
        }
    }
    Ok(Decoded { bytes, quirks })
}

/// Encodes bytes as unpadded base64url (RFC 7515 §2); the inverse of [`decode`].
pub fn encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    let mut push = |v: u32| {
        let c = ALPHABET.get((v & 63) as usize).copied().unwrap_or(b'A');
        out.push(char::from(c));
    };
    for chunk in bytes.chunks(3) {
        let b0 = u32::from(chunk.first().copied().unwrap_or(0));
        let b1 = u32::from(chunk.get(1).copied().unwrap_or(0));
        let b2 = u32::from(chunk.get(2).copied().unwrap_or(0));
        let n = (b0 << 16) | (b1 << 8) | b2;
        push(n >> 18);
        push(n >> 12);
        if chunk.len() > 1 {
            push(n >> 6);
        }
        if chunk.len() > 2 {
            push(n);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Decoded {
        match decode(text) {
            Ok(d) => d,
            Err(e) => panic!("{text:?} should decode: {e:?}"),
        }
    }

    #[test]
    fn strict_base64url_decodes_without_quirks() {
        let d = ok("eyJhbGciOiJIUzI1NiJ9");
        assert_eq!(d.bytes, br#"{"alg":"HS256"}"#);
        assert!(d.quirks.is_empty());
    }

    #[test]
    fn empty_text_is_no_bytes() {
        assert_eq!(
            ok(""),
            Decoded {
                bytes: vec![],
                quirks: vec![]
            }
        );
    }

    #[test]
    fn padding_is_accepted_as_a_quirk_with_its_position() {
        let d = ok("QQ==");
        assert_eq!(d.bytes, b"A");
        assert_eq!(d.quirks, vec![B64Quirk::Padding { index: 2, count: 2 }]);
    }

    #[test]
    fn standard_alphabet_is_accepted_as_a_quirk() {
        let d = ok("+/8");
        assert_eq!(d.bytes, vec![0xFB, 0xFF]);
        assert_eq!(
            d.quirks,
            vec![B64Quirk::StandardAlphabet { index: 0, ch: '+' }]
        );
    }

    #[test]
    fn non_canonical_trailing_bits_are_a_quirk() {
        // "QR" = 010000 010001: the last 4 bits (0001) are unused and should be zero.
        let d = ok("QR");
        assert_eq!(d.bytes, b"A");
        assert_eq!(
            d.quirks,
            vec![B64Quirk::NonCanonicalTrailingBits { index: 1, ch: 'R' }]
        );
    }

    #[test]
    fn invalid_character_reports_char_index_not_byte_index() {
        assert_eq!(
            decode("ab€d!"),
            Err(B64Error::InvalidCharacter {
                index: 2, ch: '€'
            })
        );
        assert_eq!(
            decode("abcd!"),
            Err(B64Error::InvalidCharacter { index: 4, ch: '!' })
        );
    }

    #[test]
    fn padding_in_the_middle_is_an_error() {
        assert_eq!(decode("QQ==QQ"), Err(B64Error::PaddingInside { index: 2 }));
    }

    #[test]
    fn three_padding_characters_are_an_error() {
        assert_eq!(
            decode("QQ==="),
            Err(B64Error::TooMuchPadding { index: 2, count: 3 })
        );
    }

    #[test]
    fn one_dangling_character_is_an_impossible_length() {
        assert_eq!(decode("QUJDR"), Err(B64Error::ImpossibleLength { len: 5 }));
    }

    #[test]
    fn the_fast_path_and_the_reporting_path_agree() {
        for text in [
            "",
            "QQ",
            "QR",
            "QUI",
            "QUJD",
            "eyJhbGciOiJIUzI1NiJ9",
            "a-_9",
            "QUJDR",
        ] {
            assert_eq!(decode(text), decode_reporting(text), "{text:?}");
        }
    }

    /// The fast path answers exactly as the reporting decoder wherever it answers at all.
    #[test]
    fn the_fast_path_agrees_with_the_reporting_decoder_on_every_short_text() {
        let alphabet = b"AQw_-+/=9";
        let mut texts: Vec<Vec<u8>> = vec![Vec::new()];
        let mut checked = 0;
        for _ in 0..6 {
            let mut longer = Vec::new();
            for t in &texts {
                for &c in alphabet {
                    let mut u = t.clone();
                    u.push(c);
                    longer.push(u);
                }
            }
            for t in &longer {
                let text = std::str::from_utf8(t).unwrap_or_default();
                if let Some(fast) = decode_strict(t) {
                    assert_eq!(Ok(fast), decode_reporting(text), "{text}");
                    checked += 1;
                }
            }
            texts = longer;
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn encode_then_decode_round_trips() {
        for len in 0..40u8 {
            let bytes: Vec<u8> = (0..len).map(|i| i.wrapping_mul(37)).collect();
            let d = ok(&encode(&bytes));
            assert_eq!(d.bytes, bytes);
            assert!(d.quirks.is_empty());
        }
    }
}
