//! Other byte forms of a key worth an HMAC check: a public key's encodings (key confusion) and
//! an HMAC secret read another way.

use crate::jose::b64;
use crate::jose::jwk::{der, material, HmacEncoding, PublicKey, SecretBytes};
use crate::verify::{PublicKeyForm, SecretReading};

pub(super) fn hmac_secret(bytes: Vec<u8>) -> PublicKey {
    PublicKey::Hmac {
        bytes: SecretBytes::new(bytes),
        encoding: HmacEncoding::Text,
        typed: None,
    }
}

/// Other readings of an HMAC secret worth trying when it does not match.
pub(super) fn secret_alternatives(material: &PublicKey) -> Vec<(SecretReading, Vec<u8>)> {
    let PublicKey::Hmac {
        bytes,
        encoding,
        typed,
    } = material
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    match encoding {
        HmacEncoding::Text => {
            if let Ok(text) = std::str::from_utf8(bytes.expose()) {
                let t = text.trim();
                if !t.is_empty() {
                    if let Ok(d) = b64::decode(t) {
                        if !d.bytes.is_empty() {
                            out.push((SecretReading::Base64Decoded, d.bytes));
                        }
                    }
                    if t.len() != text.len() {
                        out.push((SecretReading::TextTrimmed, t.as_bytes().to_vec()));
                    }
                }
            }
        }
        HmacEncoding::Base64 | HmacEncoding::Base64Url => {
            if let Some(t) = typed {
                out.push((SecretReading::TextAsTyped, t.expose().to_vec()));
            }
        }
        HmacEncoding::Jwk => {
            out.push((
                SecretReading::JwkKAsText,
                b64::encode(bytes.expose()).into_bytes(),
            ));
        }
    }
    out
}

/// The byte forms of a public key an attacker would use as an HMAC secret.
pub(super) fn public_key_forms(key: &PublicKey) -> Vec<(PublicKeyForm, Vec<u8>)> {
    let Some(spki) = material::spki_der(key) else {
        return Vec::new();
    };
    let pem = material::pem("PUBLIC KEY", &spki);
    let mut out = vec![
        (PublicKeyForm::SpkiPem, pem.clone().into_bytes()),
        (
            PublicKeyForm::SpkiPemNoFinalNewline,
            pem.trim_end().as_bytes().to_vec(),
        ),
    ];
    if let PublicKey::Rsa { n, e, .. } = key {
        let pkcs1 = der::encode_rsa_public_key(n, e);
        let pem1 = material::pem("RSA PUBLIC KEY", &pkcs1);
        out.push((PublicKeyForm::Pkcs1Pem, pem1.clone().into_bytes()));
        out.push((
            PublicKeyForm::Pkcs1PemNoFinalNewline,
            pem1.trim_end().as_bytes().to_vec(),
        ));
        out.push((PublicKeyForm::Pkcs1Der, pkcs1));
    }
    out.push((PublicKeyForm::SpkiDer, spki));
    out
}
