//! Turning raw components (RSA `n`/`e`, an EC point, an Ed25519 `x`, a SubjectPublicKeyInfo, a
//! private key's public half) into a validated [`PublicKey`].
//!
//! Owns the checks that make a key usable (modulus size and shape, point on the curve) and the
//! canonical encodings of a public key (SPKI DER, PKCS#1 DER, PEM) that the key-confusion check
//! needs. Private scalars passed in are used only to derive the public key and are never kept.

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

/// Builds the `rsa` crate's key from magnitudes (shared by parsing and verification).
pub(crate) fn rsa_key(n: &[u8], e: &[u8]) -> Result<rsa::PublicKey, RsaProblem> {
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
    rsa_key(n, e).map_err(KeyError::InvalidRsaKey)?;
    let n = strip_zeros(n);
    Ok(PublicKey::Rsa {
        n: n.to_vec(),
        e: strip_zeros(e).to_vec(),
        bits: bit_len(n),
    })
}

/// Checks a SEC 1 point on `curve` and returns it uncompressed.
pub fn ec(curve: Curve, point: &[u8]) -> Result<PublicKey, KeyError> {
    let bad = || KeyError::PointNotOnCurve { curve };
    let uncompressed: Vec<u8> = match curve {
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
    };
    Ok(PublicKey::Ec {
        curve,
        point: uncompressed,
    })
}

/// Derives the public point of an EC private scalar. The scalar is only borrowed.
pub fn ec_from_scalar(curve: Curve, scalar: &[u8]) -> Result<PublicKey, KeyError> {
    let bad = || KeyError::InvalidPrivateKey;
    let point: Vec<u8> = match curve {
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
    };
    ec(curve, &point)
}

/// A validated Ed25519 public key.
pub fn ed25519(x: &[u8]) -> Result<PublicKey, KeyError> {
    let bytes: [u8; 32] = x.try_into().map_err(|_| KeyError::WrongLength {
        member: "x",
        expected: 32,
        actual: x.len(),
    })?;
    ed25519_dalek::VerifyingKey::from_bytes(&bytes).map_err(|_| KeyError::PointNotOnEd25519)?;
    Ok(PublicKey::Ed25519 { x: bytes })
}

/// True for an Ed25519 point of small order (order 1, 2, 4 or 8): such a "public key" verifies
/// signatures that no private key made. `x` is assumed to decode (see [`ed25519`]).
pub fn ed25519_is_small_order(x: &[u8; 32]) -> bool {
    ed25519_dalek::VerifyingKey::from_bytes(x).is_ok_and(|k| k.is_weak())
}

/// Derives an Ed25519 public key from a 32-byte seed (RFC 8032 §5.1.5). Only borrowed.
pub fn ed25519_from_seed(seed: &[u8]) -> Result<PublicKey, KeyError> {
    let seed: [u8; 32] = seed.try_into().map_err(|_| KeyError::InvalidPrivateKey)?;
    let public = ed25519_dalek::SigningKey::from_bytes(&seed)
        .verifying_key()
        .to_bytes();
    ed25519(&public)
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

    #[test]
    fn a_point_off_the_curve_is_refused() {
        let mut point = vec![4u8];
        point.extend([1u8; 64]);
        assert_eq!(
            ec(Curve::P256, &point),
            Err(KeyError::PointNotOnCurve { curve: Curve::P256 })
        );
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
