//! PEM armour (RFC 7468): finding `-----BEGIN …-----` / `-----END …-----` blocks in pasted
//! text and reading the key each one holds.
//!
//! Owns the label → format decision. Decoded private-key DER is wiped and dropped as soon as its
//! public half has been read; nothing private leaves this module.

use super::{material, Key, KeyError, KeyFormat, KeySource, PublicKey};
use base64::Engine as _;

/// Reads the public key from one kind of DER.
type Decoder = fn(&[u8]) -> Result<PublicKey, KeyError>;

/// One armoured block found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block<'a> {
    /// The label between `BEGIN ` and the dashes, e.g. `PUBLIC KEY`.
    pub label: &'a str,
    /// The text between the BEGIN and END lines (`None` when no END line follows).
    pub body: Option<&'a str>,
}

/// True when the text contains a PEM BEGIN line.
pub fn has_pem(text: &str) -> bool {
    text.contains("-----BEGIN ")
}

/// Every block in order; an unterminated block ends the scan.
pub fn blocks(text: &str) -> Vec<Block<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let after_begin = rest.get(start + "-----BEGIN ".len()..).unwrap_or("");
        let Some(label_end) = after_begin.find("-----") else {
            out.push(Block {
                label: after_begin.lines().next().unwrap_or("").trim(),
                body: None,
            });
            break;
        };
        let label = after_begin.get(..label_end).unwrap_or("").trim();
        let after_label = after_begin.get(label_end + 5..).unwrap_or("");
        let end_marker = format!("-----END {label}-----");
        match after_label.find(&end_marker) {
            Some(end) => {
                out.push(Block {
                    label,
                    body: after_label.get(..end),
                });
                rest = after_label.get(end + end_marker.len()..).unwrap_or("");
            }
            None => {
                out.push(Block { label, body: None });
                break;
            }
        }
    }
    out
}

/// True for labels of blocks that hold a private key.
pub fn is_private_label(label: &str) -> bool {
    label.contains("PRIVATE KEY")
}

/// Decodes standard base64 ignoring whitespace (line breaks are part of PEM).
pub fn base64_body(body: &str) -> Result<Vec<u8>, KeyError> {
    let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    engine.decode(compact.as_bytes()).map_err(|e| match e {
        base64::DecodeError::InvalidByte(offset, _)
        | base64::DecodeError::InvalidLastSymbol(offset, _) => KeyError::PemBase64 {
            offset: Some(offset),
        },
        _ => KeyError::PemBase64 { offset: None },
    })
}

/// Overwrites a buffer that held private key material before it is dropped (best effort:
/// `black_box` keeps the writes from being optimised away).
pub(crate) fn wipe(mut bytes: Vec<u8>) {
    for b in bytes.iter_mut() {
        *b = 0;
    }
    std::hint::black_box(&bytes);
}

/// Reads the key in one block. `index` is the block's position among all blocks.
pub fn key_from_block(block: &Block<'_>, index: usize) -> Result<Key, KeyError> {
    let Some(body) = block.body else {
        return Err(KeyError::PemUnterminated {
            label: block.label.to_owned(),
        });
    };
    let private = matches!(
        block.label,
        "PRIVATE KEY" | "RSA PRIVATE KEY" | "EC PRIVATE KEY"
    );
    if block.label == "ENCRYPTED PRIVATE KEY"
        || (private && body.contains("Proc-Type:") && body.contains("ENCRYPTED"))
    {
        return Err(KeyError::EncryptedPrivateKey);
    }
    let decoders: Option<(KeyFormat, Decoder)> = match block.label {
        "PUBLIC KEY" => Some((KeyFormat::Spki, material::from_spki)),
        "RSA PUBLIC KEY" => Some((KeyFormat::Pkcs1, pkcs1_public)),
        "CERTIFICATE" | "X509 CERTIFICATE" => {
            Some((KeyFormat::Certificate, material::from_certificate))
        }
        "PRIVATE KEY" => Some((KeyFormat::Pkcs8Private, material::from_pkcs8)),
        "RSA PRIVATE KEY" => Some((KeyFormat::Pkcs1Private, material::from_pkcs1_private)),
        "EC PRIVATE KEY" => Some((KeyFormat::Sec1Private, material::from_sec1)),
        _ => None,
    };
    let Some((format, decode)) = decoders else {
        return Err(KeyError::UnsupportedPemLabel {
            label: block.label.to_owned(),
        });
    };
    let der_bytes = base64_body(body)?;
    let result = decode(&der_bytes);
    if format.is_private() {
        wipe(der_bytes);
    }
    Ok(Key::new(KeySource::PemBlock { index }, format, result?))
}

fn pkcs1_public(der_bytes: &[u8]) -> Result<PublicKey, KeyError> {
    let (n, e) = super::der::rsa_public_key(der_bytes).map_err(KeyError::Der)?;
    material::rsa(n, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_blocks_are_found_in_order() {
        let text = "junk\n-----BEGIN A-----\nQUJD\n-----END A-----\n\n-----BEGIN B C-----\nRA==\n-----END B C-----";
        let found = blocks(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found.first().map(|b| b.label), Some("A"));
        assert_eq!(found.get(1).map(|b| b.label), Some("B C"));
        assert_eq!(base64_body("QUJD\n"), Ok(b"ABC".to_vec()));
    }

    #[test]
    fn an_unterminated_block_is_reported() {
        let found = blocks("-----BEGIN PUBLIC KEY-----\nQUJD");
        assert_eq!(
            found,
            vec![Block {
                label: "PUBLIC KEY",
                body: None
            }]
        );
        assert_eq!(
            key_from_block(&found[0], 0).map(|_| ()),
            Err(KeyError::PemUnterminated {
                label: "PUBLIC KEY".into()
            })
        );
    }

    #[test]
    fn an_encrypted_private_key_is_refused_by_name() {
        let b = Block {
            label: "ENCRYPTED PRIVATE KEY",
            body: Some("AAAA"),
        };
        assert_eq!(key_from_block(&b, 0), Err(KeyError::EncryptedPrivateKey));
    }
}
