//! RSASSA-PKCS1-v1_5 (`RS256/384/512`, RFC 7518 §3.3) and RSASSA-PSS (`PS256/384/512`,
//! RFC 7518 §3.5: MGF1 with the same hash, salt as long as the hash).
//!
//! Owns one signature check against one RSA public key. No private-key operation, no RNG.

use super::{Check, Hash};
use crate::jose::jwk::material;
use ::rsa::traits::PublicKeyParts;
use ::rsa::{Pkcs1v15Sign, Pss};
use sha2::{Digest, Sha256, Sha384, Sha512};

/// Which RSA signature scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scheme {
    /// RSASSA-PKCS1-v1_5.
    Pkcs1v15,
    /// RSASSA-PSS with salt length = hash length.
    Pss,
}

/// Checks `sig` over `msg` with the key `(n, e)`.
pub(crate) fn verify(
    scheme: Scheme,
    hash: Hash,
    n: &[u8],
    e: &[u8],
    msg: &[u8],
    sig: &[u8],
) -> Check {
    let Ok(key) = material::rsa_key(n, e) else {
        return Check::Mismatch;
    };
    let expected = key.size();
    if sig.len() != expected {
        return Check::WrongLength {
            expected,
            actual: sig.len(),
        };
    }
    let result = match (scheme, hash) {
        (Scheme::Pkcs1v15, Hash::Sha256) => {
            key.verify(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(msg), sig)
        }
        (Scheme::Pkcs1v15, Hash::Sha384) => {
            key.verify(Pkcs1v15Sign::new::<Sha384>(), &Sha384::digest(msg), sig)
        }
        (Scheme::Pkcs1v15, Hash::Sha512) => {
            key.verify(Pkcs1v15Sign::new::<Sha512>(), &Sha512::digest(msg), sig)
        }
        (Scheme::Pss, Hash::Sha256) => key.verify(Pss::<Sha256>::new(), &Sha256::digest(msg), sig),
        (Scheme::Pss, Hash::Sha384) => key.verify(Pss::<Sha384>::new(), &Sha384::digest(msg), sig),
        (Scheme::Pss, Hash::Sha512) => key.verify(Pss::<Sha512>::new(), &Sha512::digest(msg), sig),
    };
    if result.is_ok() {
        Check::Valid
    } else {
        Check::Mismatch
    }
}
