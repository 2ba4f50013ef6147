//! Turning raw components (RSA `n`/`e`, an EC point, an Ed25519 `x`, a SubjectPublicKeyInfo, a
//! private key's public half) into a validated [`PublicKey`].
//!
//! Owns the checks that make a key usable (modulus size and shape, point on the curve) and the
//! canonical encodings of a public key (SPKI DER, PKCS#1 DER, PEM) that the key-confusion check
//! needs. Private scalars passed in are used only to derive the public key and are never kept.
//!
//! Two builds. With the `rustcrypto` feature (native builds, tests, the second-opinion worker)
//! NIST points are checked on their curve, Ed25519 points are decompressed, and public keys are
//! derived from private scalars by RustCrypto. Without it (the page, whose checks WebCrypto
//! makes) an uncompressed NIST point is taken at its length and WebCrypto's import refuses one
//! off its curve when the signature is checked; compressed points and keys that hold no public
//! half are refused with their own message. RSA numbers and Ed25519 small-order points are
//! judged by hand, identically in both builds (tests compare them with the crates').

use super::der::{self, oid, tag, DerError};
use super::{Curve, KeyError, PublicKey, RsaProblem};
use base64::Engine as _;

/// Smallest RSA modulus accepted at all (smaller ones cannot be verified meaningfully).
pub const RSA_MIN_BITS: usize = 512;
/// Largest RSA modulus accepted (bigger ones make verification a denial of service).
pub const RSA_MAX_BITS: usize = 8192;

fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or(&[])
}

/// Number of significant bits of a big-endian magnitude.
pub fn bit_len(bytes: &[u8]) -> usize {
    let m = strip_zeros(bytes);
    match m.first() {
        None => 0,
        Some(&top) => (m.len() - 1) * 8 + (8 - top.leading_zeros() as usize),
    }
}

/// Judges an RSA public key's numbers as the `rsa` crate does, in its order (modulus size, an
/// odd modulus, an odd exponent, 2 ≤ e ≤ 2^33 − 1), without building a key.
pub fn check_rsa(n: &[u8], e: &[u8]) -> Result<(), RsaProblem> {
    let n = strip_zeros(n);
    let e = strip_zeros(e);
    if e.is_empty() {
        return Err(RsaProblem::ExponentTooSmall);
    }
    if e.len() > 8 {
        return Err(RsaProblem::ExponentTooLarge);
    }
    let bits = bit_len(n);
    if bits < RSA_MIN_BITS {
        return Err(RsaProblem::ModulusTooSmall { bits });
    }
    if bits > RSA_MAX_BITS {
        return Err(RsaProblem::ModulusTooLarge { bits });
    }
    if n.last().is_none_or(|b| b & 1 == 0) {
        return Err(RsaProblem::InvalidModulus);
    }
    if e.last().is_none_or(|b| b & 1 == 0) {
        return Err(RsaProblem::InvalidExponent);
    }
    let value = e.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
    if value < 2 {
        return Err(RsaProblem::ExponentTooSmall);
    }
    if value > (1 << 33) - 1 {
        return Err(RsaProblem::ExponentTooLarge);
    }
    Ok(())
}

/// Builds the `rsa` crate's key from magnitudes (for RustCrypto's verification).
#[cfg(feature = "rustcrypto")]
pub(crate) fn rsa_key(n: &[u8], e: &[u8]) -> Result<rsa::PublicKey, RsaProblem> {
    check_rsa(n, e)?;
    let n = strip_zeros(n);
    let e = strip_zeros(e);
    let bits = bit_len(n);
    let precision = |len: usize| u32::try_from(len.saturating_mul(8)).unwrap_or(u32::MAX);
    let n_uint = rsa::BoxedUint::from_be_slice(n, precision(n.len()))
        .map_err(|_| RsaProblem::InvalidModulus)?;
    let e_uint = rsa::BoxedUint::from_be_slice(e, precision(e.len()))
        .map_err(|_| RsaProblem::InvalidExponent)?;
    rsa::PublicKey::new_with_size_limits(n_uint, e_uint, RSA_MIN_BITS..=RSA_MAX_BITS).map_err(
        |err| match err {
            rsa::Error::ModulusTooSmall => RsaProblem::ModulusTooSmall { bits },
            rsa::Error::ModulusTooLarge => RsaProblem::ModulusTooLarge { bits },
            rsa::Error::PublicExponentTooSmall => RsaProblem::ExponentTooSmall,
            rsa::Error::PublicExponentTooLarge => RsaProblem::ExponentTooLarge,
            rsa::Error::InvalidExponent => RsaProblem::InvalidExponent,
            _ => RsaProblem::InvalidModulus,
        },
    )
}

/// A validated RSA public key from `n` and `e`.
pub fn rsa(n: &[u8], e: &[u8]) -> Result<PublicKey, KeyError> {
    check_rsa(n, e).map_err(KeyError::InvalidRsaKey)?;
    let n = strip_zeros(n);
    Ok(PublicKey::Rsa {
        n: n.to_vec(),
        e: strip_zeros(e).to_vec(),
        bits: bit_len(n),
    })
}

/// Bytes of one coordinate on `curve`.
fn field_len(curve: Curve) -> usize {
    match curve {
        Curve::P256 | Curve::Secp256k1 => 32,
        Curve::P384 => 48,
        Curve::P521 => 66,
    }
}

/// Checks a SEC 1 point on `curve` and returns it uncompressed.
pub fn ec(curve: Curve, point: &[u8]) -> Result<PublicKey, KeyError> {
    let uncompressed = sec1_point(curve, point)?;
    Ok(PublicKey::Ec {
        curve,
        point: uncompressed,
    })
}

/// The point, uncompressed, once RustCrypto has checked that it is on the curve.
#[cfg(feature = "rustcrypto")]
fn sec1_point(curve: Curve, point: &[u8]) -> Result<Vec<u8>, KeyError> {
    let bad = || KeyError::PointNotOnCurve { curve };
    Ok(match curve {
        Curve::P256 => p256::ecdsa::VerifyingKey::from_sec1_bytes(point)
            .map_err(|_| bad())?
            .to_sec1_point(false)
            .as_bytes()
            .to_vec(),
        Curve::P384 => p384::ecdsa::VerifyingKey::from_sec1_bytes(point)
            .map_err(|_| bad())?
            .to_sec1_point(false)
            .as_bytes()
            .to_vec(),
        Curve::P521 => p521::ecdsa::VerifyingKey::from_sec1_bytes(point)
            .map_err(|_| bad())?
            .to_sec1_point(false)
            .as_bytes()
            .to_vec(),
        Curve::Secp256k1 => k256::ecdsa::VerifyingKey::from_sec1_bytes(point)
            .map_err(|_| bad())?
            .to_sec1_point(false)
            .as_bytes()
            .to_vec(),
    })
}

/// Without RustCrypto: an uncompressed point of the curve's length (WebCrypto, or for
/// secp256k1 the RustCrypto worker, checks that it is on the curve when it uses the key); a
/// compressed one is refused with its own message.
#[cfg(not(feature = "rustcrypto"))]
fn sec1_point(curve: Curve, point: &[u8]) -> Result<Vec<u8>, KeyError> {
    let len = field_len(curve);
    match point.split_first() {
        Some((4, xy)) if xy.len() == 2 * len => Ok(point.to_vec()),
        Some((2 | 3, x)) if x.len() == len => Err(KeyError::CompressedPoint { curve }),
        _ => Err(KeyError::PointNotOnCurve { curve }),
    }
}

/// Derives the public point of an EC private scalar. The scalar is only borrowed.
pub fn ec_from_scalar(curve: Curve, scalar: &[u8]) -> Result<PublicKey, KeyError> {
    let bad = || KeyError::InvalidPrivateKey;
    if scalar.len() > field_len(curve) {
        return Err(bad());
    }
    ec(curve, &scalar_public(curve, scalar)?)
}

/// The SEC 1 public point of a private scalar.
#[cfg(feature = "rustcrypto")]
fn scalar_public(curve: Curve, scalar: &[u8]) -> Result<Vec<u8>, KeyError> {
    let bad = || KeyError::InvalidPrivateKey;
    Ok(match curve {
        Curve::P256 => p256::SecretKey::from_slice(scalar)
            .map_err(|_| bad())?
            .public_key()
            .to_sec1_bytes()
            .to_vec(),
        Curve::P384 => p384::SecretKey::from_slice(scalar)
            .map_err(|_| bad())?
            .public_key()
            .to_sec1_bytes()
            .to_vec(),
        Curve::P521 => p521::SecretKey::from_slice(scalar)
            .map_err(|_| bad())?
            .public_key()
            .to_sec1_bytes()
            .to_vec(),
        Curve::Secp256k1 => k256::SecretKey::from_slice(scalar)
            .map_err(|_| bad())?
            .public_key()
            .to_sec1_bytes()
            .to_vec(),
    })
}

/// Without RustCrypto no public point can be derived: a private key needs its public part.
#[cfg(not(feature = "rustcrypto"))]
fn scalar_public(_: Curve, _: &[u8]) -> Result<Vec<u8>, KeyError> {
    Err(KeyError::NoPublicPart)
}

/// A validated Ed25519 public key.
pub fn ed25519(x: &[u8]) -> Result<PublicKey, KeyError> {
    let bytes: [u8; 32] = x.try_into().map_err(|_| KeyError::WrongLength {
        member: "x",
        expected: 32,
        actual: x.len(),
    })?;
    #[cfg(feature = "rustcrypto")]
    ed25519_dalek::VerifyingKey::from_bytes(&bytes).map_err(|_| KeyError::PointNotOnEd25519)?;
    Ok(PublicKey::Ed25519 { x: bytes })
}

/// The encodings of Ed25519's points of small order (1, 2, 4 and 8), sign bit cleared: the
/// canonical `y` = 0, 1, p − 1 and the two `y` of order 8, and the non-canonical `y` = p and
/// p + 1 that decode to the same points (as in libsodium's blocklist; RFC 8032 §5.1.3 decoding).
const ED25519_SMALL_ORDER: [[u8; 32]; 7] = [
    [0; 32],
    [
        1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0,
    ],
    [
        0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98,
        0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53,
        0xfc, 0x05,
    ],
    [
        0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67,
        0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac,
        0x03, 0x7a,
    ],
    ed25519_y(0xec),
    ed25519_y(0xed),
    ed25519_y(0xee),
];

/// `y` = p − 1, p or p + 1 by its low byte (2^255 − 19 = 0x7fff…ffed, little-endian).
const fn ed25519_y(low: u8) -> [u8; 32] {
    let mut y = [0xff; 32];
    y[0] = low;
    y[31] = 0x7f;
    y
}

/// True for an Ed25519 point of small order (order 1, 2, 4 or 8): such a "public key" verifies
/// signatures that no private key made.
pub fn ed25519_is_small_order(x: &[u8; 32]) -> bool {
    let mut y = *x;
    if let Some(top) = y.last_mut() {
        *top &= 0x7f;
    }
    ED25519_SMALL_ORDER.contains(&y)
}

/// Derives an Ed25519 public key from a 32-byte seed (RFC 8032 §5.1.5). Only borrowed.
#[cfg(feature = "rustcrypto")]
pub fn ed25519_from_seed(seed: &[u8]) -> Result<PublicKey, KeyError> {
    let seed: [u8; 32] = seed.try_into().map_err(|_| KeyError::InvalidPrivateKey)?;
    let public = ed25519_dalek::SigningKey::from_bytes(&seed)
        .verifying_key()
        .to_bytes();
    ed25519(&public)
}

/// Without RustCrypto the page does not derive public keys: the key must carry its public half.
#[cfg(not(feature = "rustcrypto"))]
pub fn ed25519_from_seed(seed: &[u8]) -> Result<PublicKey, KeyError> {
    if seed.len() != 32 {
        return Err(KeyError::InvalidPrivateKey);
    }
    Err(KeyError::NoPublicPart)
}

/// The curve named by an EC parameters OID.
pub fn curve_from_oid(content: &[u8]) -> Result<Curve, KeyError> {
    match content {
        oid::P256 => Ok(Curve::P256),
        oid::P384 => Ok(Curve::P384),
        oid::P521 => Ok(Curve::P521),
        oid::SECP256K1 => Ok(Curve::Secp256k1),
        other => Err(KeyError::UnsupportedCurve {
            crv: der::oid_text(other),
        }),
    }
}

fn unsupported_oid(algorithm: &[u8]) -> KeyError {
    let name = match algorithm {
        oid::ED448 => "Ed448",
        oid::X25519 => "X25519",
        oid::X448 => "X448",
        other => {
            return KeyError::UnsupportedAlgorithmOid {
                oid: der::oid_text(other),
            }
        }
    };
    KeyError::UnsupportedCurve {
        crv: name.to_owned(),
    }
}

/// The public key held by a DER SubjectPublicKeyInfo.
pub fn from_spki(spki_der: &[u8]) -> Result<PublicKey, KeyError> {
    let spki = der::spki(spki_der).map_err(KeyError::Der)?;
    match spki.algorithm {
        oid::RSA_ENCRYPTION | oid::RSASSA_PSS => {
            let (n, e) = der::rsa_public_key(spki.key).map_err(KeyError::Der)?;
            rsa(n, e)
        }
        oid::EC_PUBLIC_KEY => {
            let curve = match spki.parameters {
                Some(p) if p.tag == tag::OID => curve_from_oid(p.value)?,
                Some(p) => {
                    return Err(KeyError::Der(DerError::UnexpectedTag {
                        expected: tag::OID,
                        found: p.tag,
                    }))
                }
                None => return Err(KeyError::Der(DerError::Truncated)),
            };
            ec(curve, spki.key)
        }
        oid::ED25519 => ed25519(spki.key),
        other => Err(unsupported_oid(other)),
    }
}

/// The public half of a DER PKCS#8 private key. Nothing private is returned or kept.
pub fn from_pkcs8(der_bytes: &[u8]) -> Result<PublicKey, KeyError> {
    let info = der::pkcs8(der_bytes).map_err(KeyError::Der)?;
    match info.algorithm {
        oid::RSA_ENCRYPTION | oid::RSASSA_PSS => {
            let (n, e) =
                der::rsa_private_key_public_part(info.private_key).map_err(KeyError::Der)?;
            rsa(n, e)
        }
        oid::EC_PUBLIC_KEY => {
            let ec_key = der::ec_private_key(info.private_key).map_err(KeyError::Der)?;
            let curve_oid = match info.parameters {
                Some(p) if p.tag == tag::OID => Some(p.value),
                _ => ec_key.curve,
            };
            let curve = curve_from_oid(curve_oid.ok_or(KeyError::Der(DerError::Truncated))?)?;
            match ec_key.public_key {
                Some(point) => ec(curve, point),
                None => ec_from_scalar(curve, ec_key.scalar),
            }
        }
        oid::ED25519 => match info.public_key {
            Some(x) => ed25519(x),
            None => {
                let seed =
                    der::whole(info.private_key, tag::OCTET_STRING).map_err(KeyError::Der)?;
                ed25519_from_seed(seed)
            }
        },
        other => Err(unsupported_oid(other)),
    }
}

/// The public half of a DER SEC 1 `EC PRIVATE KEY`.
pub fn from_sec1(der_bytes: &[u8]) -> Result<PublicKey, KeyError> {
    let key = der::ec_private_key(der_bytes).map_err(KeyError::Der)?;
    let curve = curve_from_oid(key.curve.ok_or(KeyError::Der(DerError::Truncated))?)?;
    match key.public_key {
        Some(point) => ec(curve, point),
        None => ec_from_scalar(curve, key.scalar),
    }
}

/// The public half of a DER PKCS#1 `RSA PRIVATE KEY`.
pub fn from_pkcs1_private(der_bytes: &[u8]) -> Result<PublicKey, KeyError> {
    let (n, e) = der::rsa_private_key_public_part(der_bytes).map_err(KeyError::Der)?;
    rsa(n, e)
}

/// The public key of a DER X.509 certificate.
pub fn from_certificate(der_bytes: &[u8]) -> Result<PublicKey, KeyError> {
    let spki = der::certificate_spki(der_bytes).map_err(KeyError::Der)?;
    from_spki(spki)
}

/// The canonical DER SubjectPublicKeyInfo of an asymmetric key (`None` for HMAC).
pub fn spki_der(key: &PublicKey) -> Option<Vec<u8>> {
    match key {
        PublicKey::Rsa { n, e, .. } => {
            let null = der::element(tag::NULL, &[]);
            Some(der::encode_spki(
                oid::RSA_ENCRYPTION,
                Some(&null),
                &der::encode_rsa_public_key(n, e),
            ))
        }
        PublicKey::Ec { curve, point } => {
            let curve_oid = der::element(tag::OID, curve_oid(*curve));
            Some(der::encode_spki(
                oid::EC_PUBLIC_KEY,
                Some(&curve_oid),
                point,
            ))
        }
        PublicKey::Ed25519 { x } => Some(der::encode_spki(oid::ED25519, None, x)),
        PublicKey::Hmac { .. } => None,
    }
}

fn curve_oid(curve: Curve) -> &'static [u8] {
    match curve {
        Curve::P256 => oid::P256,
        Curve::P384 => oid::P384,
        Curve::P521 => oid::P521,
        Curve::Secp256k1 => oid::SECP256K1,
    }
}

/// PEM text of DER bytes as OpenSSL and most libraries write it: 64-character lines, `\n`
/// line ends, a final newline.
pub fn pem(label: &str, der_bytes: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(der_bytes);
    let mut out = format!("-----BEGIN {label}-----\n");
    let mut rest = b64.as_str();
    while !rest.is_empty() {
        let cut = rest.len().min(64);
        let (line, tail) = rest.split_at(cut);
        out.push_str(line);
        out.push('\n');
        rest = tail;
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_length_ignores_leading_zero_bytes() {
        assert_eq!(bit_len(&[]), 0);
        assert_eq!(bit_len(&[0, 0, 1]), 1);
        assert_eq!(bit_len(&[0x80, 0]), 16);
    }

    #[test]
    fn a_tiny_rsa_modulus_is_refused_with_its_size() {
        assert_eq!(
            rsa(&[0xC3; 16], &[1, 0, 1]),
            Err(KeyError::InvalidRsaKey(RsaProblem::ModulusTooSmall {
                bits: 128
            }))
        );
    }

    #[test]
    fn an_even_modulus_is_refused() {
        let mut n = vec![0xC3u8; 256];
        if let Some(last) = n.last_mut() {
            *last = 0x02;
        }
        assert_eq!(
            rsa(&n, &[1, 0, 1]),
            Err(KeyError::InvalidRsaKey(RsaProblem::InvalidModulus))
        );
    }

    #[cfg(feature = "rustcrypto")]
    #[test]
    fn a_point_off_the_curve_is_refused() {
        let mut point = vec![4u8];
        point.extend([1u8; 64]);
        assert_eq!(
            ec(Curve::P256, &point),
            Err(KeyError::PointNotOnCurve { curve: Curve::P256 })
        );
        assert_eq!(
            ec(Curve::Secp256k1, &point),
            Err(KeyError::PointNotOnCurve {
                curve: Curve::Secp256k1
            })
        );
    }

    /// RSA numbers judged by hand agree with the `rsa` crate, problem for problem.
    #[cfg(feature = "rustcrypto")]
    #[test]
    fn rsa_numbers_are_judged_by_hand_exactly_as_the_rsa_crate_judges_them() {
        let odd = |len: usize, fill: u8| {
            let mut n = vec![fill; len];
            if let Some(last) = n.last_mut() {
                *last |= 1;
            }
            n
        };
        let mut even = odd(256, 0xC3);
        if let Some(last) = even.last_mut() {
            *last = 0x02;
        }
        let cases: Vec<(Vec<u8>, Vec<u8>)> = vec![
            (odd(256, 0xC3), vec![1, 0, 1]),
            (odd(256, 0xC3), vec![3]),
            (odd(256, 0xC3), vec![1]),
            (odd(256, 0xC3), vec![0]),
            (odd(256, 0xC3), vec![]),
            (odd(256, 0xC3), vec![2]),
            (odd(256, 0xC3), vec![1, 0, 0, 0, 1]),
            (odd(256, 0xC3), vec![2, 0, 0, 0, 1]),
            (odd(256, 0xC3), vec![1, 0, 0, 0, 0, 0, 0, 0, 1]),
            (odd(256, 0xC3), vec![0, 0, 1, 0, 1]),
            (even, vec![1, 0, 1]),
            (odd(16, 0xC3), vec![1, 0, 1]),
            (odd(64, 0x80), vec![1, 0, 1]),
            (odd(64, 0x7F), vec![1, 0, 1]),
            (odd(1025, 0xC3), vec![1, 0, 1]),
            (odd(1024, 0xC3), vec![1, 0, 1]),
        ];
        for (n, e) in &cases {
            assert_eq!(
                check_rsa(n, e),
                rsa_key(n, e).map(|_| ()),
                "n: {} bytes, e: {e:?}",
                n.len()
            );
        }
    }

    /// The small-order table agrees with ed25519-dalek, with and without the sign bit.
    #[cfg(feature = "rustcrypto")]
    #[test]
    fn the_small_order_table_is_what_ed25519_dalek_calls_weak() {
        for y in ED25519_SMALL_ORDER {
            for sign in [0u8, 0x80] {
                let mut x = y;
                if let Some(top) = x.last_mut() {
                    *top |= sign;
                }
                let dalek = ed25519_dalek::VerifyingKey::from_bytes(&x).map(|k| k.is_weak());
                assert_eq!(dalek.ok(), Some(true), "{x:02x?}");
                assert!(ed25519_is_small_order(&x));
            }
        }
        // An ordinary public key (RFC 8032 §7.1, test 1) is not.
        let ordinary: [u8; 32] = [
            0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64,
            0x07, 0x3a, 0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68,
            0xf7, 0x07, 0x51, 0x1a,
        ];
        assert!(!ed25519_is_small_order(&ordinary));
        let dalek = ed25519_dalek::VerifyingKey::from_bytes(&ordinary).map(|k| k.is_weak());
        assert_eq!(dalek.ok(), Some(false));
    }

    /// The page's build: NIST and secp256k1 points by shape, no key derivation, each with its
    /// own message.
    #[cfg(not(feature = "rustcrypto"))]
    #[test]
    fn without_rustcrypto_points_are_taken_by_shape_and_nothing_is_derived() {
        let mut point = vec![4u8];
        point.extend([1u8; 64]);
        assert!(ec(Curve::P256, &point).is_ok());
        assert_eq!(
            ec(Curve::P256, &point[..33]),
            Err(KeyError::PointNotOnCurve { curve: Curve::P256 })
        );
        let mut compressed = vec![2u8];
        compressed.extend([1u8; 48]);
        assert_eq!(
            ec(Curve::P384, &compressed),
            Err(KeyError::CompressedPoint { curve: Curve::P384 })
        );
        assert!(ec(Curve::Secp256k1, &point).is_ok());
        let mut compressed = vec![3u8];
        compressed.extend([1u8; 32]);
        assert_eq!(
            ec(Curve::Secp256k1, &compressed),
            Err(KeyError::CompressedPoint {
                curve: Curve::Secp256k1
            })
        );
        for curve in [Curve::P256, Curve::Secp256k1] {
            assert_eq!(
                ec_from_scalar(curve, &[7u8; 32]),
                Err(KeyError::NoPublicPart)
            );
        }
        assert_eq!(ed25519_from_seed(&[7u8; 32]), Err(KeyError::NoPublicPart));
        assert!(ed25519(&[9u8; 32]).is_ok());
    }

    #[test]
    fn pem_lines_are_64_characters() {
        let text = pem("PUBLIC KEY", &[7u8; 100]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.first(), Some(&"-----BEGIN PUBLIC KEY-----"));
        assert_eq!(lines.get(1).map(|l| l.len()), Some(64));
        assert!(text.ends_with("-----END PUBLIC KEY-----\n"));
    }
}
