//! HMAC with SHA-2 (`HS256`, `HS384`, `HS512`; RFC 7518 §3.2).
//!
//! Owns computing and comparing HMAC tags. Comparison is constant-time (`Mac::verify_slice`).

use super::Hash;
use ::hmac::{Hmac, KeyInit, Mac};
use sha2::{Sha256, Sha384, Sha512};

/// The HMAC tag of `msg` under `key` (tests build tokens with it).
#[cfg(test)]
pub(crate) fn tag(hash: Hash, key: &[u8], msg: &[u8]) -> Vec<u8> {
    fn run<M: Mac + KeyInit>(key: &[u8], msg: &[u8]) -> Vec<u8> {
        match <M as KeyInit>::new_from_slice(key) {
            Ok(mut mac) => {
                mac.update(msg);
                mac.finalize().into_bytes().to_vec()
            }
            Err(_) => Vec::new(),
        }
    }
    match hash {
        Hash::Sha256 => run::<Hmac<Sha256>>(key, msg),
        Hash::Sha384 => run::<Hmac<Sha384>>(key, msg),
        Hash::Sha512 => run::<Hmac<Sha512>>(key, msg),
    }
}

/// True when `sig` is the HMAC tag of `msg` under `key` (constant-time comparison).
pub(crate) fn verify(hash: Hash, key: &[u8], msg: &[u8], sig: &[u8]) -> bool {
    fn run<M: Mac + KeyInit>(key: &[u8], msg: &[u8], sig: &[u8]) -> bool {
        match <M as KeyInit>::new_from_slice(key) {
            Ok(mut mac) => {
                mac.update(msg);
                mac.verify_slice(sig).is_ok()
            }
            Err(_) => false,
        }
    }
    match hash {
        Hash::Sha256 => run::<Hmac<Sha256>>(key, msg, sig),
        Hash::Sha384 => run::<Hmac<Sha384>>(key, msg, sig),
        Hash::Sha512 => run::<Hmac<Sha512>>(key, msg, sig),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_4231_test_case_2_matches() {
        // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?".
        let t = tag(Hash::Sha256, b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            t.iter().map(|b| format!("{b:02x}")).collect::<String>(),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert!(verify(
            Hash::Sha256,
            b"Jefe",
            b"what do ya want for nothing?",
            &t
        ));
        assert!(!verify(
            Hash::Sha256,
            b"jefe",
            b"what do ya want for nothing?",
            &t
        ));
    }

    #[test]
    fn tag_lengths_follow_the_hash() {
        assert_eq!(tag(Hash::Sha384, b"k", b"m").len(), 48);
        assert_eq!(tag(Hash::Sha512, b"", b"m").len(), 64);
    }
}
