//! ECDSA (`ES256`, `ES384`, `ES512`: RFC 7518 §3.4; `ES256K`: RFC 8812 §3.2).
//!
//! Owns the JWS signature shape — the fixed-length `r ‖ s` of RFC 7518 §3.4, not ASN.1 DER —
//! and one check against one point. Zero `r` or `s` is refused before any curve arithmetic
//! (the "psychic signatures" bug, CVE-2022-21449, accepted them).

use crate::jose::jwk::der::{self, tag};
use crate::jose::jwk::Curve;

/// Converts a DER `ECDSA-Sig-Value` (RFC 3279 §2.2.3) to `r ‖ s` with `field` bytes each, when
/// `sig` is exactly one and both integers fit.
fn der_sig(sig: &[u8], field: usize) -> Option<Vec<u8>> {
    let seq = der::whole(sig, tag::SEQUENCE).ok()?;
    let (r, rest) = der::expect(seq, tag::INTEGER).ok()?;
    let s = der::whole(rest, tag::INTEGER).ok()?;
    let r = der::unsigned(r).ok()?;
    let s = der::unsigned(s).ok()?;
    if r.len() > field || s.len() > field {
        return None;
    }
    let mut raw = vec![0u8; 2 * field];
    raw.get_mut(field - r.len()..field)?.copy_from_slice(r);
    raw.get_mut(2 * field - s.len()..)?.copy_from_slice(s);
    Some(raw)
}

/// What the signature bytes look like for a curve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `r ‖ s`, each `field_len` bytes, both non-zero.
    Raw,
    /// ASN.1 DER `SEQUENCE { r INTEGER, s INTEGER }`; `raw` is the same signature as `r ‖ s`.
    Der {
        /// The converted signature.
        raw: Vec<u8>,
    },
    /// Neither raw (wrong length) nor DER.
    WrongLength {
        /// `2 × field_len`.
        expected: usize,
        /// Actual length.
        actual: usize,
    },
    /// Raw length, but `r` and/or `s` is zero.
    Zero {
        /// `r` is zero.
        r_zero: bool,
        /// `s` is zero.
        s_zero: bool,
    },
}

/// Classifies signature bytes for `curve`.
pub(crate) fn shape(curve: Curve, sig: &[u8]) -> Shape {
    let field = curve.field_len();
    if sig.len() == 2 * field {
        let (r, s) = sig.split_at(field);
        let r_zero = r.iter().all(|&b| b == 0);
        let s_zero = s.iter().all(|&b| b == 0);
        return if r_zero || s_zero {
            Shape::Zero { r_zero, s_zero }
        } else {
            Shape::Raw
        };
    }
    match der_sig(sig, field) {
        Some(raw) => Shape::Der { raw },
        None => Shape::WrongLength {
            expected: 2 * field,
            actual: sig.len(),
        },
    }
}

/// The result of one ECDSA check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EcCheck {
    /// The signature verifies.
    pub valid: bool,
    /// `s` was in the upper half of the group order and had to be normalised first (only
    /// secp256k1 verifiers in the Bitcoin tradition insist on low `s`; JOSE does not).
    pub high_s: bool,
}

#[cfg(feature = "rustcrypto")]
macro_rules! check_curve {
    ($krate:ident, $point:expr, $msg:expr, $raw:expr, $normalize:expr) => {{
        use $krate::ecdsa::signature::Verifier as _;
        match (
            $krate::ecdsa::VerifyingKey::from_sec1_bytes($point),
            $krate::ecdsa::Signature::from_slice($raw),
        ) {
            (Ok(key), Ok(sig)) => {
                let normalized = if $normalize { sig.normalize_s() } else { sig };
                EcCheck {
                    valid: key.verify($msg, &normalized).is_ok(),
                    high_s: normalized != sig,
                }
            }
            _ => EcCheck {
                valid: false,
                high_s: false,
            },
        }
    }};
}

/// The order `n` of secp256k1's group (SEC 2 §2.4.1), big-endian.
const SECP256K1_N: [u8; 32] = [
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
    0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41,
];

/// `⌊n / 2⌋` for secp256k1: an `s` above it is "high".
const SECP256K1_HALF_N: [u8; 32] = [
    0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0x5D, 0x57, 0x6E, 0x73, 0x57, 0xA4, 0x50, 0x1D, 0xDF, 0xE9, 0x2F, 0x46, 0x68, 0x1B, 0x20, 0xA0,
];

/// True when a raw secp256k1 `r ‖ s` signature (both in `1..n`) has `s` in the upper half of
/// the group order (the check normalises it first; RFC 8812 allows either). Judged by hand, so
/// that the page's build needs no secp256k1 arithmetic; a test holds it to k256.
pub(crate) fn is_high_s(raw: &[u8]) -> bool {
    let Some((r, s)) = raw.split_first_chunk::<32>() else {
        return false;
    };
    let Ok(s) = <&[u8; 32]>::try_from(s) else {
        return false;
    };
    let in_range = |x: &[u8; 32]| x.iter().any(|&b| b != 0) && *x < SECP256K1_N;
    in_range(r) && in_range(s) && *s > SECP256K1_HALF_N
}

/// Checks a raw `r ‖ s` signature over `msg` with `point` on `curve`; `None` when this build
/// has no curve arithmetic (without the `rustcrypto` feature: the page's build, where WebCrypto
/// checks the NIST curves and the RustCrypto worker checks secp256k1).
#[cfg(feature = "rustcrypto")]
pub(crate) fn verify(curve: Curve, point: &[u8], msg: &[u8], raw: &[u8]) -> Option<EcCheck> {
    Some(match curve {
        Curve::P256 => check_curve!(p256, point, msg, raw, false),
        Curve::P384 => check_curve!(p384, point, msg, raw, false),
        Curve::P521 => check_curve!(p521, point, msg, raw, false),
        // k256 refuses high-s signatures; RFC 8812 does not, so normalise first.
        Curve::Secp256k1 => check_curve!(k256, point, msg, raw, true),
    })
}

/// See the `rustcrypto` version: this build has no curve arithmetic at all.
#[cfg(not(feature = "rustcrypto"))]
pub(crate) fn verify(_: Curve, _: &[u8], _: &[u8], _: &[u8]) -> Option<EcCheck> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_r_and_s_are_caught_before_any_arithmetic() {
        assert_eq!(
            shape(Curve::P256, &[0u8; 64]),
            Shape::Zero {
                r_zero: true,
                s_zero: true
            }
        );
        let mut sig = [1u8; 64];
        sig[32..].fill(0);
        assert_eq!(
            shape(Curve::P256, &sig),
            Shape::Zero {
                r_zero: false,
                s_zero: true
            }
        );
    }

    #[test]
    fn a_der_signature_is_recognised_and_converted() {
        // SEQUENCE { INTEGER 0x00FF.., INTEGER 0x01 }
        let mut der = vec![0x30, 0x26, 0x02, 0x21, 0x00];
        der.extend([0xFFu8; 32]);
        der.extend([0x02, 0x01, 0x01]);
        let Shape::Der { raw } = shape(Curve::P256, &der) else {
            panic!("expected DER");
        };
        assert_eq!(raw.len(), 64);
        assert_eq!(raw[..32], [0xFF; 32]);
        assert_eq!(raw[63], 1);
    }

    /// The hand-made high-`s` test agrees with k256's `normalize_s` around `n / 2` and `n`.
    #[cfg(feature = "rustcrypto")]
    #[test]
    fn high_s_is_judged_by_hand_exactly_as_k256_judges_it() {
        let by_k256 = |raw: &[u8]| {
            k256::ecdsa::Signature::from_slice(raw).is_ok_and(|sig| sig.normalize_s() != sig)
        };
        let plus = |x: [u8; 32], d: i16| {
            let mut out = x;
            let mut carry = d;
            for b in out.iter_mut().rev() {
                let v = i16::from(*b) + carry;
                *b = v.rem_euclid(256) as u8;
                carry = v.div_euclid(256);
            }
            out
        };
        let one = plus([0; 32], 1);
        let mut cases = 0;
        for s in [SECP256K1_HALF_N, SECP256K1_N, one, [0; 32], [0xFF; 32]] {
            for d in -2..=2 {
                for r in [one, SECP256K1_N, plus(SECP256K1_N, -1), [0; 32]] {
                    let mut raw = r.to_vec();
                    raw.extend(plus(s, d));
                    assert_eq!(is_high_s(&raw), by_k256(&raw), "{raw:02x?}");
                    cases += usize::from(by_k256(&raw));
                }
            }
        }
        assert!(cases > 0, "some cases are high");
        assert!(!is_high_s(&[1u8; 63]));
    }

    #[test]
    fn other_lengths_are_wrong_lengths() {
        assert_eq!(
            shape(Curve::P521, &[1u8; 64]),
            Shape::WrongLength {
                expected: 132,
                actual: 64
            }
        );
    }
}
