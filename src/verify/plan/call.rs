//! What the shell needs to make a planned check with WebCrypto: the algorithm, the import
//! format and the key bytes. Pure description; must not name the browser.

use super::Attempt;
use crate::jose::jwk::{material, Curve, PublicKey};
use crate::verify::{Family, Hash};

/// A WebCrypto algorithm (W3C Web Cryptography API §§ 20–29, Secure Curves §4 for Ed25519).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebCryptoAlg {
    /// `RSASSA-PKCS1-v1_5` with this hash.
    RsassaPkcs1v15(Hash),
    /// `RSA-PSS` with this hash and `saltLength` = the hash length (RFC 7518 §3.5).
    RsaPss(Hash),
    /// `ECDSA` on this curve (`P-256`, `P-384`, `P-521`) with this hash.
    Ecdsa(Curve, Hash),
    /// `Ed25519`.
    Ed25519,
    /// `HMAC` with this hash.
    Hmac(Hash),
}

/// How the key bytes of a [`WebCryptoCall`] are imported (`importKey`'s `format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    /// `"spki"`: SubjectPublicKeyInfo DER.
    Spki,
    /// `"raw"`: the HMAC secret bytes.
    Raw,
}

/// What the shell needs to make one [`Attempt`] with WebCrypto.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebCryptoCall {
    /// Import and verify algorithm.
    pub algorithm: WebCryptoAlg,
    /// Import format.
    pub format: ImportFormat,
    /// Key bytes in that format; with `algorithm`, the key's identity for a cache.
    pub key_data: Vec<u8>,
}

impl Attempt {
    /// How WebCrypto can make this check, or `None` when it cannot (ES256K: secp256k1 is not a
    /// WebCrypto curve), so RustCrypto must.
    pub fn webcrypto(&self) -> Option<WebCryptoCall> {
        let algorithm = match (self.family, &self.key) {
            (Family::RsaPkcs1(h), PublicKey::Rsa { .. }) => WebCryptoAlg::RsassaPkcs1v15(h),
            (Family::RsaPss(h), PublicKey::Rsa { .. }) => WebCryptoAlg::RsaPss(h),
            (Family::Ecdsa(c), PublicKey::Ec { curve, .. }) if c == *curve => match c {
                Curve::P256 => WebCryptoAlg::Ecdsa(c, Hash::Sha256),
                Curve::P384 => WebCryptoAlg::Ecdsa(c, Hash::Sha384),
                Curve::P521 => WebCryptoAlg::Ecdsa(c, Hash::Sha512),
                Curve::Secp256k1 => return None,
            },
            (Family::EdDsa, PublicKey::Ed25519 { .. }) => WebCryptoAlg::Ed25519,
            (Family::Hmac(h), PublicKey::Hmac { bytes, .. }) => {
                return Some(WebCryptoCall {
                    algorithm: WebCryptoAlg::Hmac(h),
                    format: ImportFormat::Raw,
                    key_data: bytes.expose().to_vec(),
                })
            }
            _ => return None,
        };
        Some(WebCryptoCall {
            algorithm,
            format: ImportFormat::Spki,
            key_data: material::spki_der(&self.key)?,
        })
    }
}
