//! A small, bounds-checked DER reader and writer for the handful of ASN.1 structures that carry
//! keys: SubjectPublicKeyInfo (RFC 5280 §4.1.2.7), PKCS#1 (RFC 8017 A.1), PKCS#8 (RFC 5958),
//! SEC 1 `ECPrivateKey` (RFC 5915) and the X.509 `tbsCertificate` (RFC 5280 §4.1).
//!
//! Owns byte-level parsing only; knows nothing about PEM or JWK. Never panics: every slice access
//! is checked and every problem is a [`DerError`].

/// Why bytes are not the DER structure that was expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DerError {
    /// The data ends before the element (or its length) does.
    Truncated,
    /// A tag other than the expected one.
    UnexpectedTag {
        /// The tag byte required here.
        expected: u8,
        /// The tag byte found.
        found: u8,
    },
    /// A length that DER does not allow (indefinite, or longer than 4 bytes).
    BadLength,
    /// Bytes follow a structure that should have ended.
    TrailingData,
    /// An INTEGER that is negative or empty where a positive number is required.
    BadInteger,
    /// A BIT STRING with unused bits where whole bytes are required.
    BadBitString,
}

/// ASN.1 tag bytes used here.
pub mod tag {
    /// INTEGER.
    pub const INTEGER: u8 = 0x02;
    /// BIT STRING.
    pub const BIT_STRING: u8 = 0x03;
    /// OCTET STRING.
    pub const OCTET_STRING: u8 = 0x04;
    /// NULL.
    pub const NULL: u8 = 0x05;
    /// OBJECT IDENTIFIER.
    pub const OID: u8 = 0x06;
    /// SEQUENCE.
    pub const SEQUENCE: u8 = 0x30;
    /// Context-specific constructed `[0]`.
    pub const CONTEXT_0: u8 = 0xA0;
    /// Context-specific constructed `[1]`.
    pub const CONTEXT_1: u8 = 0xA1;
    /// Context-specific primitive `[1]` (PKCS#8 v2 `publicKey`).
    pub const CONTEXT_1_PRIMITIVE: u8 = 0x81;
}

/// Object identifier contents (the bytes after tag and length).
pub mod oid {
    /// rsaEncryption, 1.2.840.113549.1.1.1 (RFC 8017 A.1).
    pub const RSA_ENCRYPTION: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01];
    /// id-RSASSA-PSS, 1.2.840.113549.1.1.10 (RFC 4055 §3.1).
    pub const RSASSA_PSS: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0A];
    /// id-ecPublicKey, 1.2.840.10045.2.1 (RFC 5480 §2.1.1).
    pub const EC_PUBLIC_KEY: &[u8] = &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01];
    /// secp256r1 / prime256v1, 1.2.840.10045.3.1.7.
    pub const P256: &[u8] = &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];
    /// secp384r1, 1.3.132.0.34.
    pub const P384: &[u8] = &[0x2B, 0x81, 0x04, 0x00, 0x22];
    /// secp521r1, 1.3.132.0.35.
    pub const P521: &[u8] = &[0x2B, 0x81, 0x04, 0x00, 0x23];
    /// secp256k1, 1.3.132.0.10.
    pub const SECP256K1: &[u8] = &[0x2B, 0x81, 0x04, 0x00, 0x0A];
    /// id-Ed25519, 1.3.101.112 (RFC 8410 §3).
    pub const ED25519: &[u8] = &[0x2B, 0x65, 0x70];
    /// id-Ed448, 1.3.101.113.
    pub const ED448: &[u8] = &[0x2B, 0x65, 0x71];
    /// id-X25519, 1.3.101.110.
    pub const X25519: &[u8] = &[0x2B, 0x65, 0x6E];
    /// id-X448, 1.3.101.111.
    pub const X448: &[u8] = &[0x2B, 0x65, 0x6F];
}

/// One DER element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    /// The tag byte.
    pub tag: u8,
    /// The contents.
    pub value: &'a [u8],
}

/// Reads one element from the start of `input`; returns it and the rest.
pub fn read(input: &[u8]) -> Result<(Tlv<'_>, &[u8]), DerError> {
    let (&tag, rest) = input.split_first().ok_or(DerError::Truncated)?;
    if tag & 0x1F == 0x1F {
        // High tag numbers never occur in the structures read here.
        return Err(DerError::UnexpectedTag {
            expected: tag::SEQUENCE,
            found: tag,
        });
    }
    let (&first, mut rest) = rest.split_first().ok_or(DerError::Truncated)?;
    let len = if first < 0x80 {
        usize::from(first)
    } else {
        let count = usize::from(first & 0x7F);
        if count == 0 || count > 4 {
            return Err(DerError::BadLength);
        }
        let bytes = rest.get(..count).ok_or(DerError::Truncated)?;
        rest = rest.get(count..).ok_or(DerError::Truncated)?;
        bytes
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b))
    };
    let value = rest.get(..len).ok_or(DerError::Truncated)?;
    let after = rest.get(len..).ok_or(DerError::Truncated)?;
    Ok((Tlv { tag, value }, after))
}

/// Reads one element that must have tag `want`.
pub fn expect(input: &[u8], want: u8) -> Result<(&[u8], &[u8]), DerError> {
    let (tlv, rest) = read(input)?;
    if tlv.tag != want {
        return Err(DerError::UnexpectedTag {
            expected: want,
            found: tlv.tag,
        });
    }
    Ok((tlv.value, rest))
}

/// Reads exactly one element with tag `want` filling the whole input.
pub fn whole(input: &[u8], want: u8) -> Result<&[u8], DerError> {
    let (value, rest) = expect(input, want)?;
    if !rest.is_empty() {
        return Err(DerError::TrailingData);
    }
    Ok(value)
}

/// A non-negative INTEGER's magnitude, big-endian, without leading zero bytes.
pub fn unsigned(value: &[u8]) -> Result<&[u8], DerError> {
    match value.first() {
        None => Err(DerError::BadInteger),
        Some(b) if b & 0x80 != 0 => Err(DerError::BadInteger),
        Some(_) => {
            let start = value.iter().position(|&b| b != 0).unwrap_or(value.len());
            Ok(value.get(start..).unwrap_or(&[]))
        }
    }
}

/// The bytes of a BIT STRING that has no unused bits.
pub fn bit_string_bytes(value: &[u8]) -> Result<&[u8], DerError> {
    match value.split_first() {
        Some((0, bytes)) => Ok(bytes),
        Some(_) => Err(DerError::BadBitString),
        None => Err(DerError::Truncated),
    }
}

/// The parts of a SubjectPublicKeyInfo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spki<'a> {
    /// The algorithm OID contents.
    pub algorithm: &'a [u8],
    /// The algorithm parameters element, when present.
    pub parameters: Option<Tlv<'a>>,
    /// The `subjectPublicKey` BIT STRING bytes.
    pub key: &'a [u8],
}

/// Reads an AlgorithmIdentifier's contents: the OID and optional parameters.
pub fn algorithm_identifier(value: &[u8]) -> Result<(&[u8], Option<Tlv<'_>>), DerError> {
    let (algorithm, rest) = expect(value, tag::OID)?;
    let parameters = if rest.is_empty() {
        None
    } else {
        let (tlv, rest) = read(rest)?;
        if !rest.is_empty() {
            return Err(DerError::TrailingData);
        }
        Some(tlv)
    };
    Ok((algorithm, parameters))
}

/// Reads a whole DER SubjectPublicKeyInfo.
pub fn spki(der: &[u8]) -> Result<Spki<'_>, DerError> {
    spki_contents(whole(der, tag::SEQUENCE)?)
}

fn spki_contents(seq: &[u8]) -> Result<Spki<'_>, DerError> {
    let (alg, rest) = expect(seq, tag::SEQUENCE)?;
    let (algorithm, parameters) = algorithm_identifier(alg)?;
    let (bits, rest) = expect(rest, tag::BIT_STRING)?;
    if !rest.is_empty() {
        return Err(DerError::TrailingData);
    }
    Ok(Spki {
        algorithm,
        parameters,
        key: bit_string_bytes(bits)?,
    })
}

/// Finds the SubjectPublicKeyInfo inside a DER X.509 certificate (RFC 5280 §4.1): the seventh
/// field of `tbsCertificate` (after the optional `[0]` version). Returns the SPKI's own DER.
pub fn certificate_spki(der: &[u8]) -> Result<&[u8], DerError> {
    let (cert, rest) = expect(der, tag::SEQUENCE)?;
    if !rest.is_empty() {
        return Err(DerError::TrailingData);
    }
    let (tbs, _) = expect(cert, tag::SEQUENCE)?;
    let mut rest = tbs;
    let (first, _) = read(rest)?;
    if first.tag == tag::CONTEXT_0 {
        rest = read(rest)?.1;
    }
    // serialNumber, signature, issuer, validity, subject
    let (_, r) = expect(rest, tag::INTEGER)?;
    let (_, r) = expect(r, tag::SEQUENCE)?;
    let (_, r) = expect(r, tag::SEQUENCE)?;
    let (_, r) = expect(r, tag::SEQUENCE)?;
    let (_, r) = expect(r, tag::SEQUENCE)?;
    let (spki_value, after) = expect(r, tag::SEQUENCE)?;
    // Re-slice to include the SPKI's own tag and length.
    let start = r
        .len()
        .checked_sub(after.len())
        .ok_or(DerError::Truncated)?;
    let spki_der = r.get(..start).ok_or(DerError::Truncated)?;
    spki_contents(spki_value)?;
    Ok(spki_der)
}

/// `(n, e)` of a PKCS#1 `RSAPublicKey` (RFC 8017 A.1.1), magnitudes without leading zeros.
pub fn rsa_public_key(der: &[u8]) -> Result<(&[u8], &[u8]), DerError> {
    let seq = whole(der, tag::SEQUENCE)?;
    let (n, rest) = expect(seq, tag::INTEGER)?;
    let (e, rest) = expect(rest, tag::INTEGER)?;
    if !rest.is_empty() {
        return Err(DerError::TrailingData);
    }
    Ok((unsigned(n)?, unsigned(e)?))
}

/// `(n, e)` of a PKCS#1 `RSAPrivateKey` (RFC 8017 A.1.2). The private members are not read.
pub fn rsa_private_key_public_part(der: &[u8]) -> Result<(&[u8], &[u8]), DerError> {
    let seq = whole(der, tag::SEQUENCE)?;
    let (_version, rest) = expect(seq, tag::INTEGER)?;
    let (n, rest) = expect(rest, tag::INTEGER)?;
    let (e, _) = expect(rest, tag::INTEGER)?;
    Ok((unsigned(n)?, unsigned(e)?))
}

/// The parts of a PKCS#8 `OneAsymmetricKey` (RFC 5958 §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pkcs8<'a> {
    /// The algorithm OID contents.
    pub algorithm: &'a [u8],
    /// The algorithm parameters, when present.
    pub parameters: Option<Tlv<'a>>,
    /// The `privateKey` OCTET STRING contents.
    pub private_key: &'a [u8],
    /// The optional `publicKey` (v2) bytes.
    pub public_key: Option<&'a [u8]>,
}

/// Reads a PKCS#8 private key.
pub fn pkcs8(der: &[u8]) -> Result<Pkcs8<'_>, DerError> {
    let seq = whole(der, tag::SEQUENCE)?;
    let (_version, rest) = expect(seq, tag::INTEGER)?;
    let (alg, rest) = expect(rest, tag::SEQUENCE)?;
    let (algorithm, parameters) = algorithm_identifier(alg)?;
    let (private_key, mut rest) = expect(rest, tag::OCTET_STRING)?;
    let mut public_key = None;
    while !rest.is_empty() {
        let (tlv, r) = read(rest)?;
        if tlv.tag == tag::CONTEXT_1_PRIMITIVE {
            public_key = Some(bit_string_bytes(tlv.value)?);
        }
        rest = r;
    }
    Ok(Pkcs8 {
        algorithm,
        parameters,
        private_key,
        public_key,
    })
}

/// The parts of a SEC 1 `ECPrivateKey` (RFC 5915 §3) needed for its public key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EcPrivate<'a> {
    /// The private scalar bytes (used only to derive the public point when it is absent).
    pub scalar: &'a [u8],
    /// The named-curve OID contents from `[0] parameters`, when present.
    pub curve: Option<&'a [u8]>,
    /// The `[1] publicKey` point bytes, when present.
    pub public_key: Option<&'a [u8]>,
}

/// Reads a SEC 1 `ECPrivateKey`.
pub fn ec_private_key(der: &[u8]) -> Result<EcPrivate<'_>, DerError> {
    let seq = whole(der, tag::SEQUENCE)?;
    let (_version, rest) = expect(seq, tag::INTEGER)?;
    let (scalar, mut rest) = expect(rest, tag::OCTET_STRING)?;
    let mut curve = None;
    let mut public_key = None;
    while !rest.is_empty() {
        let (tlv, r) = read(rest)?;
        match tlv.tag {
            tag::CONTEXT_0 => curve = Some(whole(tlv.value, tag::OID)?),
            tag::CONTEXT_1 => {
                public_key = Some(bit_string_bytes(whole(tlv.value, tag::BIT_STRING)?)?);
            }
            _ => {}
        }
        rest = r;
    }
    Ok(EcPrivate {
        scalar,
        curve,
        public_key,
    })
}

/// An OID's dotted text, e.g. `1.2.840.113549.1.1.1` (for messages about unknown algorithms).
pub fn oid_text(content: &[u8]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut acc: u128 = 0;
    for (i, &b) in content.iter().enumerate() {
        acc = (acc << 7) | u128::from(b & 0x7F);
        if b & 0x80 == 0 {
            if parts.is_empty() {
                let (first, second) = match acc {
                    0..=39 => (0, acc),
                    40..=79 => (1, acc - 40),
                    _ => (2, acc - 80),
                };
                parts.push(first.to_string());
                parts.push(decimal(second));
            } else {
                parts.push(decimal(acc));
            }
            acc = 0;
        } else if i > 32 {
            break;
        }
    }
    parts.join(".")
}

/// A `u128`'s decimal digits by long division on 32-bit limbs: `u128`'s own `Display` is 1.3 KB
/// of wasm, for OID arcs that are nearly always small.
fn decimal(value: u128) -> String {
    let mut limbs = [96, 64, 32, 0].map(|shift| (value >> shift) as u32);
    let mut digits = Vec::new();
    loop {
        let mut rem = 0u64;
        for limb in &mut limbs {
            let cur = (rem << 32) | u64::from(*limb);
            *limb = (cur / 10) as u32;
            rem = cur % 10;
        }
        digits.push(b'0' + rem as u8);
        if limbs.iter().all(|&l| l == 0) {
            break;
        }
    }
    digits.iter().rev().map(|&d| char::from(d)).collect()
}

/// Appends a DER element with the given tag and contents.
pub fn write(out: &mut Vec<u8>, tag: u8, value: &[u8]) {
    out.push(tag);
    let len = value.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        let significant = bytes.get(skip..).unwrap_or(&[]);
        out.push(0x80 | significant.len() as u8);
        out.extend_from_slice(significant);
    }
    out.extend_from_slice(value);
}

/// Contents of a positive INTEGER for a big-endian magnitude (adds a 0 byte when the top bit
/// is set; an empty magnitude is zero).
pub fn integer_contents(magnitude: &[u8]) -> Vec<u8> {
    let start = magnitude
        .iter()
        .position(|&b| b != 0)
        .unwrap_or(magnitude.len());
    let m = magnitude.get(start..).unwrap_or(&[]);
    let mut v = Vec::with_capacity(m.len() + 1);
    if m.first().is_none_or(|b| b & 0x80 != 0) {
        v.push(0);
    }
    v.extend_from_slice(m);
    v
}

/// A SEQUENCE of the given already-encoded elements.
pub fn sequence(parts: &[&[u8]]) -> Vec<u8> {
    let body: Vec<u8> = parts.concat();
    let mut out = Vec::with_capacity(body.len() + 4);
    write(&mut out, tag::SEQUENCE, &body);
    out
}

/// One encoded element.
pub fn element(tag: u8, value: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len() + 4);
    write(&mut out, tag, value);
    out
}

/// A SubjectPublicKeyInfo for the given algorithm OID, optional parameter element (already
/// encoded) and key bytes.
pub fn encode_spki(algorithm: &[u8], parameters: Option<&[u8]>, key: &[u8]) -> Vec<u8> {
    let oid = element(tag::OID, algorithm);
    let alg = match parameters {
        Some(p) => sequence(&[&oid, p]),
        None => sequence(&[&oid]),
    };
    let mut bits = Vec::with_capacity(key.len() + 1);
    bits.push(0);
    bits.extend_from_slice(key);
    sequence(&[&alg, &element(tag::BIT_STRING, &bits)])
}

/// A PKCS#1 `RSAPublicKey` for `(n, e)`.
pub fn encode_rsa_public_key(n: &[u8], e: &[u8]) -> Vec<u8> {
    sequence(&[
        &element(tag::INTEGER, &integer_contents(n)),
        &element(tag::INTEGER, &integer_contents(e)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_lengths_are_read() {
        let (tlv, rest) = read(&[0x04, 0x02, 0xAA, 0xBB, 0x05]).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(tlv.value, &[0xAA, 0xBB]);
        assert_eq!(rest, &[0x05]);
        let mut long = vec![0x04, 0x81, 0x80];
        long.extend(std::iter::repeat_n(7u8, 0x80));
        let (tlv, rest) = read(&long).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(tlv.value.len(), 0x80);
        assert!(rest.is_empty());
    }

    #[test]
    fn truncated_and_indefinite_lengths_are_errors_not_panics() {
        assert_eq!(read(&[]), Err(DerError::Truncated));
        assert_eq!(read(&[0x30]), Err(DerError::Truncated));
        assert_eq!(read(&[0x30, 0x05, 0x00]), Err(DerError::Truncated));
        assert_eq!(read(&[0x30, 0x80]), Err(DerError::BadLength));
        assert_eq!(read(&[0x30, 0x85, 1, 1, 1, 1, 1]), Err(DerError::BadLength));
        assert_eq!(
            read(&[0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF]),
            Err(DerError::Truncated)
        );
    }

    #[test]
    fn long_oid_arcs_print_as_u128_prints_them() {
        for v in [
            0u128,
            9,
            10,
            4_294_967_296,
            u64::MAX as u128 + 1,
            u128::MAX,
            10u128.pow(38),
        ] {
            assert_eq!(decimal(v), v.to_string());
        }
        // An arc of 18 base-128 bytes: 126 bits.
        let mut oid = vec![0x2A];
        oid.extend([0xFF; 17]);
        oid.push(0x7F);
        assert_eq!(oid_text(&oid), format!("1.2.{}", (1u128 << 126) - 1));
    }

    #[test]
    fn written_elements_read_back() {
        for len in [0usize, 1, 127, 128, 255, 256, 70000] {
            let value = vec![1u8; len];
            let enc = element(tag::OCTET_STRING, &value);
            assert_eq!(whole(&enc, tag::OCTET_STRING), Ok(value.as_slice()));
        }
    }

    #[test]
    fn integers_get_a_sign_byte_only_when_needed() {
        assert_eq!(integer_contents(&[0x7F]), vec![0x7F]);
        assert_eq!(integer_contents(&[0x80]), vec![0x00, 0x80]);
        assert_eq!(integer_contents(&[0, 0, 1]), vec![1]);
        assert_eq!(unsigned(&[0x00, 0x80]), Ok(&[0x80u8][..]));
        assert_eq!(unsigned(&[0x80]), Err(DerError::BadInteger));
    }

    #[test]
    fn oids_render_as_dotted_text() {
        assert_eq!(oid_text(oid::RSA_ENCRYPTION), "1.2.840.113549.1.1.1");
        assert_eq!(oid_text(oid::P384), "1.3.132.0.34");
        assert_eq!(oid_text(oid::ED25519), "1.3.101.112");
    }

    #[test]
    fn an_encoded_rsa_key_parses_back() {
        let der = encode_rsa_public_key(&[0xC1, 0x01], &[1, 0, 1]);
        assert_eq!(
            rsa_public_key(&der),
            Ok((&[0xC1u8, 0x01][..], &[1u8, 0, 1][..]))
        );
    }
}
