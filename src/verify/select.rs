//! Key selection: which algorithm family a JWS `alg` belongs to, and whether one key may be used
//! for it. The key decides what is acceptable, not the header alone (RFC 8725 §3.1): an `HS*`
//! token is never checked against a public key, and a JWK's own `alg`, `use` and `key_ops`
//! (RFC 7517 §4.2–4.4) are honoured.
//!
//! Owns [`Family`], [`family`] and [`compatibility`]. Must not verify signatures.

use super::SkipReason;
use crate::jose::jwk::{Curve, Key, PublicKey};
use crate::jose::Alg;

/// A SHA-2 hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl Hash {
    /// Output length in bytes (also the minimum HMAC key length, RFC 7518 §3.2).
    pub fn output_len(self) -> usize {
        match self {
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }
}

/// The signature algorithm family of a supported `alg`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// `HS256/384/512`.
    Hmac(Hash),
    /// `RS256/384/512`.
    RsaPkcs1(Hash),
    /// `PS256/384/512`.
    RsaPss(Hash),
    /// `ES256/384/512`, `ES256K`.
    Ecdsa(Curve),
    /// `EdDSA` (Ed25519 only).
    EdDsa,
}

/// The family of a signature `alg`, or `None` for `none` and unknown values.
pub fn family(alg: &Alg) -> Option<Family> {
    Some(match alg {
        Alg::HS256 => Family::Hmac(Hash::Sha256),
        Alg::HS384 => Family::Hmac(Hash::Sha384),
        Alg::HS512 => Family::Hmac(Hash::Sha512),
        Alg::RS256 => Family::RsaPkcs1(Hash::Sha256),
        Alg::RS384 => Family::RsaPkcs1(Hash::Sha384),
        Alg::RS512 => Family::RsaPkcs1(Hash::Sha512),
        Alg::PS256 => Family::RsaPss(Hash::Sha256),
        Alg::PS384 => Family::RsaPss(Hash::Sha384),
        Alg::PS512 => Family::RsaPss(Hash::Sha512),
        Alg::ES256 => Family::Ecdsa(Curve::P256),
        Alg::ES384 => Family::Ecdsa(Curve::P384),
        Alg::ES512 => Family::Ecdsa(Curve::P521),
        Alg::ES256K => Family::Ecdsa(Curve::Secp256k1),
        Alg::EdDSA => Family::EdDsa,
        Alg::None | Alg::Other(_) => return None,
    })
}

/// Whether `key` may verify a token signed with `alg` (of `family`); the first reason it may
/// not, otherwise.
pub fn compatibility(alg: &Alg, family: Family, key: &Key) -> Result<(), SkipReason> {
    let type_ok = match (family, &key.material) {
        (Family::Hmac(_), PublicKey::Hmac { .. }) => true,
        // Checking an HMAC token with a public key is the key-confusion attack.
        (Family::Hmac(_), _) => return Err(SkipReason::AsymmetricKeyForHmac),
        (Family::RsaPkcs1(_) | Family::RsaPss(_), PublicKey::Rsa { .. }) => true,
        (Family::Ecdsa(want), PublicKey::Ec { curve, .. }) => *curve == want,
        (Family::EdDsa, PublicKey::Ed25519 { .. }) => true,
        _ => false,
    };
    if !type_ok {
        return Err(SkipReason::WrongKeyType);
    }
    if let Some(key_alg) = &key.alg {
        if key_alg != alg {
            return Err(SkipReason::KeyAlgDiffers {
                key_alg: key_alg.clone(),
            });
        }
    }
    if let Some(use_) = &key.use_ {
        if use_ != "sig" {
            return Err(SkipReason::UseNotSig { use_: use_.clone() });
        }
    }
    if let Some(ops) = &key.key_ops {
        if !ops.iter().any(|op| op == "verify") {
            return Err(SkipReason::KeyOpsWithoutVerify {
                key_ops: ops.clone(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::jwk::{HmacEncoding, KeyFormat, KeySource, SecretBytes};

    fn hmac_key() -> Key {
        Key::new(
            KeySource::Secret,
            KeyFormat::Secret,
            PublicKey::Hmac {
                bytes: SecretBytes::new(vec![1; 32]),
                encoding: HmacEncoding::Text,
                typed: None,
            },
        )
    }

    fn ec_key(curve: Curve) -> Key {
        Key::new(
            KeySource::Jwk,
            KeyFormat::Jwk,
            PublicKey::Ec {
                curve,
                point: vec![4],
            },
        )
    }

    #[test]
    fn an_hmac_token_never_uses_a_public_key() {
        assert_eq!(
            compatibility(
                &Alg::HS256,
                Family::Hmac(Hash::Sha256),
                &ec_key(Curve::P256)
            ),
            Err(SkipReason::AsymmetricKeyForHmac)
        );
    }

    #[test]
    fn the_curve_must_match_the_alg() {
        let fam = Family::Ecdsa(Curve::P256);
        assert_eq!(
            compatibility(&Alg::ES256, fam, &ec_key(Curve::P256)),
            Ok(())
        );
        assert_eq!(
            compatibility(&Alg::ES256, fam, &ec_key(Curve::P384)),
            Err(SkipReason::WrongKeyType)
        );
        assert_eq!(
            compatibility(&Alg::ES256, fam, &hmac_key()),
            Err(SkipReason::WrongKeyType)
        );
    }

    #[test]
    fn the_keys_own_alg_use_and_key_ops_are_honoured() {
        let fam = Family::Hmac(Hash::Sha256);
        let mut k = hmac_key();
        k.alg = Some(Alg::HS512);
        assert_eq!(
            compatibility(&Alg::HS256, fam, &k),
            Err(SkipReason::KeyAlgDiffers {
                key_alg: Alg::HS512
            })
        );
        k.alg = None;
        k.use_ = Some("enc".into());
        assert_eq!(
            compatibility(&Alg::HS256, fam, &k),
            Err(SkipReason::UseNotSig { use_: "enc".into() })
        );
        k.use_ = None;
        k.key_ops = Some(vec!["sign".into()]);
        assert_eq!(
            compatibility(&Alg::HS256, fam, &k),
            Err(SkipReason::KeyOpsWithoutVerify {
                key_ops: vec!["sign".into()]
            })
        );
        k.key_ops = Some(vec!["sign".into(), "verify".into()]);
        assert_eq!(compatibility(&Alg::HS256, fam, &k), Ok(()));
    }

    #[test]
    fn none_and_unknown_algs_have_no_family() {
        assert_eq!(family(&Alg::None), None);
        assert_eq!(family(&Alg::Other("hs256".into())), None);
        assert_eq!(family(&Alg::ES256K), Some(Family::Ecdsa(Curve::Secp256k1)));
    }
}
