//! EdDSA with Ed25519 (`EdDSA`, RFC 8037 §3.1; RFC 8032 §5.1.7).
//!
//! Owns one signature check. Uses `verify_strict`, which also refuses small-order keys and `R`
//! points and non-canonical `S`, as careful verifiers do.

#[cfg(feature = "rustcrypto")]
use super::Check;

/// Length of an Ed25519 signature.
pub(crate) const SIGNATURE_LEN: usize = 64;

/// Checks a 64-byte signature over `msg` with the public key `x`.
#[cfg(feature = "rustcrypto")]
pub(crate) fn verify(x: &[u8; 32], msg: &[u8], sig: &[u8]) -> Check {
    let Ok(bytes) = <[u8; SIGNATURE_LEN]>::try_from(sig) else {
        return Check::WrongLength {
            expected: SIGNATURE_LEN,
            actual: sig.len(),
        };
    };
    let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(x) else {
        return Check::Mismatch;
    };
    let signature = ed25519_dalek::Signature::from_bytes(&bytes);
    if key.verify_strict(msg, &signature).is_ok() {
        Check::Valid
    } else {
        Check::Mismatch
    }
}
