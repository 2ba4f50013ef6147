//! Signature verification for every JOSE signature algorithm (RFC 7518 §3, RFC 8037 §3.1,
//! RFC 8812 §3.2), with key selection and a reason for every step.
//!
//! Owns [`verify`] (and [`verify_parsed`], [`verify_compact`] for tokens that may be JWE or not a
//! token at all) and the [`Verification`] it returns: the candidate keys with why each was
//! chosen or skipped, and [`Finding`]s with stable codes and evidence. The [`Verdict`] is derived
//! from the findings ([`Verification::verdict`]), never stored beside them.
//!
//! Rules kept, as a careful verifier keeps them: the key decides what is acceptable, not the
//! header alone (RFC 8725 §3.1–3.2); `alg: none` is never valid; ECDSA signatures are the
//! fixed-length `r ‖ s` of RFC 7518 §3.4 with non-zero `r` and `s`; a token header's embedded
//! `jwk`, `jku`, `x5u` or `x5c` is never trusted as a key. Must not fetch, read a clock or produce
//! prose (that is `explain::verify`). Never panics on input.

mod ec;
mod eddsa;
mod hmac;
mod rsa;
pub mod select;

pub use select::{compatibility, family, Family, Hash};

use crate::jose::b64;
use crate::jose::jwk::{
    der, material, HmacEncoding, Key, KeyFormat, KeyKind, KeySet, KeySource, PublicKey, SetOrigin,
};
use crate::jose::{
    parse_unverified, Alg, Field, Parsed, SegmentError, SegmentErrorKind, StructureError,
    UnverifiedJwt, Value,
};

/// Signature checks made per token, in all: the key(s) the `kid` names first, then other
/// compatible keys in input order, then (only when none matched) keys the `kid` does not name,
/// looking for a kid mix-up. Keys beyond it are named as not tried
/// ([`SkipReason::AttemptCap`]) and counted in a finding. A 1,097-key P-521 set once took 2.2 s
/// because every key was tried, then all again.
pub const MAX_KEY_ATTEMPTS: usize = 3;

/// The one-word answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// A usable key was found and the signature matches it.
    Valid,
    /// A key was found and the signature does not match, or the token must never be accepted
    /// (`alg: none`, key confusion, a malformed ECDSA signature).
    Invalid,
    /// No usable key, an unsupported algorithm, an encrypted token, or no keys given.
    Unverifiable,
    /// Not a compact JWS, or a segment that cannot be decoded.
    Malformed,
}

/// What a finding does to the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Makes the verdict [`Verdict::Malformed`].
    Malformed,
    /// Makes the verdict [`Verdict::Invalid`] (unless malformed).
    Invalid,
    /// Makes the verdict [`Verdict::Valid`] (unless malformed or invalid).
    Valid,
    /// Explains a [`Verdict::Unverifiable`] (the verdict when nothing else applies).
    Unverifiable,
    /// Information that does not change the verdict.
    Note,
}

/// How loudly a finding should be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Good news or background.
    Info,
    /// Worth acting on.
    Warning,
    /// A failure or a security problem.
    Error,
}

/// Which key, for findings, steps and the banner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRef {
    /// Position of its key set in the `sets` given to [`verify`].
    pub set: usize,
    /// Position in that set's `keys`.
    pub index: usize,
    /// Its `kid`.
    pub kid: Option<String>,
    /// Where it came from (JWKS entry, PEM block, …).
    pub source: KeySource,
    /// How it was read.
    pub format: KeyFormat,
    /// Its type and size.
    pub kind: KeyKind,
}

impl KeyRef {
    fn new(set: usize, index: usize, key: &Key) -> KeyRef {
        KeyRef {
            set,
            index,
            kid: key.kid.clone(),
            source: key.source,
            format: key.format,
            kind: key.kind(),
        }
    }
}

/// Why a key was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// It is in a key set and its `kid` is not the token's (RFC 7515 §4.1.4).
    KidDiffers,
    /// The token is `HS*` and this is a public key: using it as an HMAC secret is the
    /// key-confusion attack.
    AsymmetricKeyForHmac,
    /// Its type or curve does not fit the token's `alg`.
    WrongKeyType,
    /// The key's own `alg` (RFC 7517 §4.4) is another algorithm.
    KeyAlgDiffers {
        /// The key's `alg`.
        key_alg: Alg,
    },
    /// Its `use` (RFC 7517 §4.2) is not `sig`.
    UseNotSig {
        /// The key's `use`.
        use_: String,
    },
    /// Its `key_ops` (RFC 7517 §4.3) do not include `verify`.
    KeyOpsWithoutVerify {
        /// The key's `key_ops`.
        key_ops: Vec<String>,
    },
    /// Usable, but not tried: at most `cap` ([`MAX_KEY_ATTEMPTS`]) keys are tried per token.
    AttemptCap {
        /// The cap.
        cap: usize,
    },
}

/// What happened to one candidate key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Not used, and why.
    Skipped(SkipReason),
    /// Usable, but not tried because the signature itself is unusable (see the findings).
    NotTried,
    /// Tried: the signature matches.
    Verified,
    /// Tried: the signature does not match.
    Mismatch,
    /// Tried: the signature has the wrong length for this key (RSA: the modulus length).
    WrongSignatureLength {
        /// Required length.
        expected: usize,
        /// Actual length.
        actual: usize,
    },
}

/// One key considered, in input order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The key.
    pub key: KeyRef,
    /// What happened to it.
    pub decision: Decision,
}

/// A way of writing a public key as bytes that an attacker may have used as an HMAC secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublicKeyForm {
    /// PEM `PUBLIC KEY` with a final newline (as files usually end).
    SpkiPem,
    /// PEM `PUBLIC KEY` without the final newline.
    SpkiPemNoFinalNewline,
    /// PEM `RSA PUBLIC KEY` with a final newline.
    Pkcs1Pem,
    /// PEM `RSA PUBLIC KEY` without the final newline.
    Pkcs1PemNoFinalNewline,
    /// SubjectPublicKeyInfo DER bytes.
    SpkiDer,
    /// PKCS#1 `RSAPublicKey` DER bytes.
    Pkcs1Der,
}

/// Another reading of a pasted HMAC secret that makes the signature match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretReading {
    /// The text, base64-decoded (it was used as text).
    Base64Decoded,
    /// The text exactly as typed (it was base64-decoded).
    TextAsTyped,
    /// The text without surrounding whitespace or newline.
    TextTrimmed,
    /// The JWK's `k` string itself as text (instead of the bytes it encodes).
    JwkKAsText,
}

/// One thing verification found, with its evidence. See [`Finding::code`] for stable codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// The text is not a compact JWS/JWE.
    Structure(StructureError),
    /// The header segment cannot be decoded.
    HeaderUndecodable(SegmentError),
    /// The payload segment is not base64url.
    PayloadUndecodable(SegmentError),
    /// The signature segment is not base64url.
    SignatureUndecodable(SegmentError),
    /// The token is a JWE: encrypted, not signed; it cannot be checked without decrypting.
    Encrypted {
        /// Its `alg` (key management).
        alg: Option<String>,
        /// Its `enc` (content encryption).
        enc: Option<String>,
    },
    /// The header has no `alg` (required by RFC 7515 §4.1.1).
    AlgMissing,
    /// `alg` is not a string.
    AlgMalformed {
        /// The raw value.
        value: Value,
    },
    /// `alg` is not a JWS signature algorithm supported here.
    AlgUnsupported {
        /// The value as written.
        alg: String,
    },
    /// `alg: none`: an unsecured token (RFC 7515 §A.5); never accepted.
    AlgNone,
    /// `crit` lists extensions this verifier does not understand (RFC 7515 §4.1.11 says such a
    /// JWS must be rejected).
    CritNotUnderstood {
        /// The unknown names.
        names: Vec<String>,
    },
    /// No keys were given (or none of the given entries could be read).
    NoKeys {
        /// How many entries could not be read.
        problems: usize,
    },
    /// The token's `kid` is not in the key set.
    KidNotFound {
        /// The token's `kid`.
        kid: String,
        /// The `kid`s the key set has.
        available: Vec<String>,
        /// Entries with this `kid` that could not be read (indexes in `keys`).
        broken_entries: Vec<usize>,
    },
    /// Every candidate key is of a type that cannot verify this `alg`.
    AlgKeyMismatch {
        /// The token's `alg`.
        alg: Alg,
        /// The keys.
        keys: Vec<KeyRef>,
    },
    /// Candidate keys exist but each is excluded by its `alg`, `use` or `key_ops`.
    NoUsableKey {
        /// The token's `alg`.
        alg: Alg,
        /// How many were excluded.
        skipped: usize,
    },
    /// An `HS*` token was to be checked with a public key: the key-confusion attack
    /// (RFC 8725 §2.1). Not verified.
    KeyConfusion {
        /// The token's `alg`.
        alg: Alg,
        /// The public keys.
        keys: Vec<KeyRef>,
    },
    /// The `HS*` signature matches an HMAC keyed with this public key's bytes: the token was
    /// forged by key confusion.
    KeyConfusionForged {
        /// The token's `alg`.
        alg: Alg,
        /// The public key.
        key: KeyRef,
        /// Which bytes of it were the HMAC secret.
        form: PublicKeyForm,
    },
    /// The ECDSA signature is ASN.1 DER, not the `r ‖ s` JWS requires (RFC 7518 §3.4).
    EcdsaDerSignature {
        /// The token's `alg`.
        alg: Alg,
        /// Its length.
        actual: usize,
        /// The `r ‖ s` length.
        expected: usize,
        /// A key it verifies with once converted (still not a valid JWS).
        verifies_with: Option<KeyRef>,
    },
    /// `r` and/or `s` is zero (CVE-2022-21449).
    EcdsaZero {
        /// The token's `alg`.
        alg: Alg,
        /// `r` is zero.
        r_zero: bool,
        /// `s` is zero.
        s_zero: bool,
    },
    /// The signature has the wrong length for the `alg`.
    SignatureLength {
        /// The token's `alg`.
        alg: Alg,
        /// Required length.
        expected: usize,
        /// Actual length.
        actual: usize,
    },
    /// The signature does not match any of the keys tried.
    SignatureMismatch {
        /// The token's `alg`.
        alg: Alg,
        /// The keys tried.
        keys: Vec<KeyRef>,
    },
    /// The signature matches this key.
    SignatureValid {
        /// The token's `alg`.
        alg: Alg,
        /// The key.
        key: KeyRef,
    },
    /// The token has no `kid` and several keys could verify it; each was tried.
    NoKidMultipleKeys {
        /// Keys tried.
        tried: Vec<KeyRef>,
        /// Keys it verified with.
        verified: Vec<KeyRef>,
    },
    /// The signature does not match the key the `kid` names, but matches this other key.
    OtherKeyVerifies {
        /// The other key.
        key: KeyRef,
    },
    /// The HMAC secret, read another way, makes the signature match.
    HmacSecretEncoding {
        /// The secret.
        key: KeyRef,
        /// How it was read.
        used: HmacEncoding,
        /// The reading that matches.
        works_as: SecretReading,
    },
    /// An RSA key below 2048 bits (NIST SP 800-131A; RFC 7518 §3.3 requires at least 2048).
    WeakRsaKey {
        /// The key.
        key: KeyRef,
        /// Its size.
        bits: usize,
    },
    /// An HMAC key shorter than the hash output (RFC 7518 §3.2 requires at least that).
    HmacKeyTooShort {
        /// The key.
        key: KeyRef,
        /// Its length.
        bytes: usize,
        /// The minimum.
        minimum: usize,
    },
    /// A private key was pasted; only its public half was used and nothing private was kept.
    PrivateKeyPasted {
        /// The key.
        key: KeyRef,
    },
    /// The ES256K signature had a high `s` and was normalised (allowed by RFC 8812).
    EcdsaHighS {
        /// The key.
        key: KeyRef,
    },
    /// The header carries a key or key URL, which is never trusted (RFC 8725 §3.10).
    HeaderKeyIgnored {
        /// `jwk`, `jku`, `x5u` or `x5c`.
        param: &'static str,
    },
    /// The header's `kid` is not a string, so it cannot select a key.
    KidMalformed {
        /// The raw value.
        value: Value,
    },
    /// More keys could verify the token than are tried ([`MAX_KEY_ATTEMPTS`]) and none of those
    /// tried matches: nothing can be said about the signature.
    TooManyCandidateKeys {
        /// The token's `alg`.
        alg: Alg,
        /// The keys tried, in order.
        tried: Vec<KeyRef>,
        /// Compatible keys not tried.
        untried: usize,
    },
    /// The cap on signature checks ([`MAX_KEY_ATTEMPTS`]) left keys unchecked, though the
    /// verdict does not depend on them.
    KeyAttemptsCapped {
        /// The cap.
        cap: usize,
        /// Compatible keys not tried (after one verified).
        untried: usize,
        /// Keys the `kid` does not name that were not checked for a kid mix-up, or public keys
        /// not checked for key confusion.
        unchecked: usize,
    },
    /// A single pasted key (not a key set) has a different `kid` than the token; it was
    /// tried anyway.
    PastedKeyKidDiffers {
        /// The token's `kid`.
        token_kid: String,
        /// The key.
        key: KeyRef,
    },
}

impl Finding {
    /// A stable code for tests, the UI and links.
    pub fn code(&self) -> &'static str {
        match self {
            Finding::Structure(_) => "token_structure",
            Finding::HeaderUndecodable(_) => "header_undecodable",
            Finding::PayloadUndecodable(_) => "payload_undecodable",
            Finding::SignatureUndecodable(_) => "signature_undecodable",
            Finding::Encrypted { .. } => "encrypted_token",
            Finding::AlgMissing => "alg_missing",
            Finding::AlgMalformed { .. } => "alg_malformed",
            Finding::AlgUnsupported { .. } => "alg_unsupported",
            Finding::AlgNone => "alg_none",
            Finding::CritNotUnderstood { .. } => "crit_not_understood",
            Finding::NoKeys { .. } => "no_keys",
            Finding::KidNotFound { .. } => "kid_not_found",
            Finding::AlgKeyMismatch { .. } => "alg_key_mismatch",
            Finding::NoUsableKey { .. } => "no_usable_key",
            Finding::KeyConfusion { .. } => "key_confusion",
            Finding::KeyConfusionForged { .. } => "key_confusion_forged",
            Finding::EcdsaDerSignature { .. } => "ecdsa_der_signature",
            Finding::EcdsaZero { .. } => "ecdsa_zero",
            Finding::SignatureLength { .. } => "signature_length",
            Finding::SignatureMismatch { .. } => "signature_mismatch",
            Finding::SignatureValid { .. } => "signature_valid",
            Finding::NoKidMultipleKeys { .. } => "no_kid_multiple_keys",
            Finding::OtherKeyVerifies { .. } => "other_key_verifies",
            Finding::HmacSecretEncoding { .. } => "hmac_secret_encoding",
            Finding::WeakRsaKey { .. } => "weak_rsa_key",
            Finding::HmacKeyTooShort { .. } => "hmac_key_too_short",
            Finding::PrivateKeyPasted { .. } => "private_key_pasted",
            Finding::EcdsaHighS { .. } => "ecdsa_high_s",
            Finding::HeaderKeyIgnored { .. } => "header_key_ignored",
            Finding::KidMalformed { .. } => "kid_malformed",
            Finding::PastedKeyKidDiffers { .. } => "pasted_key_kid_differs",
            Finding::TooManyCandidateKeys { .. } => "too_many_candidate_keys",
            Finding::KeyAttemptsCapped { .. } => "key_attempts_capped",
        }
    }

    /// What the finding does to the verdict.
    pub fn effect(&self) -> Effect {
        match self {
            Finding::Structure(_)
            | Finding::HeaderUndecodable(_)
            | Finding::PayloadUndecodable(_)
            | Finding::SignatureUndecodable(_) => Effect::Malformed,
            Finding::Encrypted { .. }
            | Finding::AlgMissing
            | Finding::AlgMalformed { .. }
            | Finding::AlgUnsupported { .. }
            | Finding::NoKeys { .. }
            | Finding::KidNotFound { .. }
            | Finding::AlgKeyMismatch { .. }
            | Finding::NoUsableKey { .. }
            | Finding::TooManyCandidateKeys { .. } => Effect::Unverifiable,
            Finding::AlgNone
            | Finding::CritNotUnderstood { .. }
            | Finding::KeyConfusion { .. }
            | Finding::KeyConfusionForged { .. }
            | Finding::EcdsaDerSignature { .. }
            | Finding::EcdsaZero { .. }
            | Finding::SignatureLength { .. }
            | Finding::SignatureMismatch { .. } => Effect::Invalid,
            Finding::SignatureValid { .. } => Effect::Valid,
            Finding::NoKidMultipleKeys { .. }
            | Finding::OtherKeyVerifies { .. }
            | Finding::HmacSecretEncoding { .. }
            | Finding::WeakRsaKey { .. }
            | Finding::HmacKeyTooShort { .. }
            | Finding::PrivateKeyPasted { .. }
            | Finding::EcdsaHighS { .. }
            | Finding::HeaderKeyIgnored { .. }
            | Finding::KidMalformed { .. }
            | Finding::PastedKeyKidDiffers { .. }
            | Finding::KeyAttemptsCapped { .. } => Effect::Note,
        }
    }

    /// How loudly to show it.
    pub fn severity(&self) -> Severity {
        match self.effect() {
            Effect::Malformed | Effect::Invalid => Severity::Error,
            Effect::Valid => Severity::Info,
            Effect::Unverifiable => match self {
                Finding::Encrypted { .. } => Severity::Info,
                _ => Severity::Warning,
            },
            Effect::Note => match self {
                Finding::PrivateKeyPasted { .. } => Severity::Error,
                Finding::EcdsaHighS { .. }
                | Finding::HeaderKeyIgnored { .. }
                | Finding::PastedKeyKidDiffers { .. }
                | Finding::KeyAttemptsCapped { .. } => Severity::Info,
                _ => Severity::Warning,
            },
        }
    }
}

/// Everything verification did and found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Verification {
    /// The token's `alg`, when it is a string.
    pub alg: Option<Alg>,
    /// The token's `kid`, when it is a string.
    pub kid: Option<String>,
    /// Every key considered, with what happened to it, in input order.
    pub candidates: Vec<Candidate>,
    /// What was found; the verdict is derived from these.
    pub findings: Vec<Finding>,
}

impl Verification {
    /// The verdict, derived from the findings: malformed beats invalid beats valid; with none
    /// of those the token is unverifiable.
    pub fn verdict(&self) -> Verdict {
        let has = |e: Effect| self.findings.iter().any(|f| f.effect() == e);
        if has(Effect::Malformed) {
            Verdict::Malformed
        } else if has(Effect::Invalid) {
            Verdict::Invalid
        } else if has(Effect::Valid) {
            Verdict::Valid
        } else {
            Verdict::Unverifiable
        }
    }

    /// The key the verdict rests on, for the banner: the key that verified, or the one key the
    /// signature was checked (or forged) against.
    pub fn deciding_key(&self) -> Option<&KeyRef> {
        self.findings
            .iter()
            .find_map(|f| match f {
                Finding::SignatureValid { key, .. } => Some(key),
                _ => None,
            })
            .or_else(|| {
                self.findings.iter().find_map(|f| match f {
                    Finding::KeyConfusionForged { key, .. } => Some(key),
                    Finding::SignatureMismatch { keys, .. }
                    | Finding::KeyConfusion { keys, .. }
                        if keys.len() == 1 =>
                    {
                        keys.first()
                    }
                    _ => None,
                })
            })
    }

    /// The token's `kid` when it is missing from the key set: the one cause worth refetching
    /// the key set for (keys rotate).
    pub fn kid_not_found(&self) -> Option<&str> {
        self.findings.iter().find_map(|f| match f {
            Finding::KidNotFound { kid, .. } => Some(kid.as_str()),
            _ => None,
        })
    }

    /// The codes of all findings, in order.
    pub fn codes(&self) -> Vec<&'static str> {
        self.findings.iter().map(Finding::code).collect()
    }

    /// True when a finding with this code is present.
    pub fn has(&self, code: &str) -> bool {
        self.findings.iter().any(|f| f.code() == code)
    }
}

/// The result of one signature check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Check {
    /// Matches.
    Valid,
    /// Does not match.
    Mismatch,
    /// Wrong length for this key.
    WrongLength {
        /// Required length.
        expected: usize,
        /// Actual length.
        actual: usize,
    },
}

/// Parses and verifies a compact token text (a structure error is a finding, not a failure).
pub fn verify_compact(text: &str, sets: &[&KeySet]) -> Verification {
    match parse_unverified(text) {
        Ok(parsed) => verify_parsed(&parsed, sets),
        Err(e) => Verification {
            findings: vec![Finding::Structure(e)],
            ..Verification::default()
        },
    }
}

/// Verifies a parsed token: a JWE is unverifiable (it is encrypted, not signed).
pub fn verify_parsed(parsed: &Parsed, sets: &[&KeySet]) -> Verification {
    match parsed {
        Parsed::Jws(token) => verify(token, sets),
        Parsed::Jwe(jwe) => {
            let mut v = Verification::default();
            match &jwe.header {
                Ok(h) => {
                    v.alg = h.alg.present().cloned();
                    v.findings.push(Finding::Encrypted {
                        alg: h.alg.present().map(|a| a.as_str().to_owned()),
                        enc: h.enc.present().cloned(),
                    });
                }
                Err(e) => v.findings.push(Finding::HeaderUndecodable(e.clone())),
            }
            v
        }
    }
}

fn key_at<'a>(sets: &[&'a KeySet], r: &KeyRef) -> Option<&'a Key> {
    sets.get(r.set)?.keys.get(r.index)
}

/// Checks `sig` over `msg` with one key of the right family. `raw_ecdsa` is the `r ‖ s` form.
fn attempt(fam: Family, key: &Key, msg: &[u8], sig: &[u8]) -> (Check, bool) {
    match (fam, &key.material) {
        (Family::Hmac(h), PublicKey::Hmac { bytes, .. }) => {
            let ok = hmac::verify(h, bytes.expose(), msg, sig);
            (if ok { Check::Valid } else { Check::Mismatch }, false)
        }
        (Family::RsaPkcs1(h), PublicKey::Rsa { n, e, .. }) => {
            (rsa::verify(rsa::Scheme::Pkcs1v15, h, n, e, msg, sig), false)
        }
        (Family::RsaPss(h), PublicKey::Rsa { n, e, .. }) => {
            (rsa::verify(rsa::Scheme::Pss, h, n, e, msg, sig), false)
        }
        (Family::Ecdsa(_), PublicKey::Ec { curve, point }) => {
            let c = ec::verify(*curve, point, msg, sig);
            (
                if c.valid {
                    Check::Valid
                } else {
                    Check::Mismatch
                },
                c.high_s && c.valid,
            )
        }
        (Family::EdDsa, PublicKey::Ed25519 { x }) => (eddsa::verify(x, msg, sig), false),
        _ => (Check::Mismatch, false),
    }
}

/// Other readings of an HMAC secret worth trying when it does not match.
fn secret_alternatives(material: &PublicKey) -> Vec<(SecretReading, Vec<u8>)> {
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
fn public_key_forms(key: &PublicKey) -> Vec<(PublicKeyForm, Vec<u8>)> {
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

/// Verifies a compact JWS against the given key sets. Never trusts keys carried by the token.
pub fn verify(token: &UnverifiedJwt, sets: &[&KeySet]) -> Verification {
    let mut v = Verification::default();
    let header = match &token.header {
        Ok(h) => Some(h),
        Err(e) => {
            v.findings.push(Finding::HeaderUndecodable(e.clone()));
            None
        }
    };
    if let Err(e) = &token.payload {
        if matches!(e.kind, SegmentErrorKind::Base64(_)) {
            v.findings.push(Finding::PayloadUndecodable(e.clone()));
        }
    }
    let sig = match &token.signature {
        Ok(s) => Some(s.as_slice()),
        Err(e) => {
            v.findings.push(Finding::SignatureUndecodable(e.clone()));
            None
        }
    };
    for (si, set) in sets.iter().enumerate() {
        for (ki, key) in set.keys.iter().enumerate() {
            if key.format.is_private() {
                v.findings.push(Finding::PrivateKeyPasted {
                    key: KeyRef::new(si, ki, key),
                });
            }
        }
    }
    let (Some(header), Some(sig)) = (header, sig) else {
        return v;
    };

    match &header.kid {
        Field::Present(k) => v.kid = Some(k.clone()),
        Field::Malformed(value) => v.findings.push(Finding::KidMalformed {
            value: value.clone(),
        }),
        Field::Absent => {}
    }
    for (param, absent) in [
        ("jwk", header.jwk.is_absent()),
        ("jku", header.jku.is_absent()),
        ("x5u", header.x5u.is_absent()),
        ("x5c", header.x5c.is_absent()),
    ] {
        if !absent {
            v.findings.push(Finding::HeaderKeyIgnored { param });
        }
    }
    let alg = match &header.alg {
        Field::Absent => {
            v.findings.push(Finding::AlgMissing);
            return v;
        }
        Field::Malformed(value) => {
            v.findings.push(Finding::AlgMalformed {
                value: value.clone(),
            });
            return v;
        }
        Field::Present(a) => a.clone(),
    };
    v.alg = Some(alg.clone());
    if alg == Alg::None {
        v.findings.push(Finding::AlgNone);
        return v;
    }
    let Some(fam) = family(&alg) else {
        v.findings.push(Finding::AlgUnsupported {
            alg: alg.as_str().to_owned(),
        });
        return v;
    };
    if let Field::Present(names) = &header.crit {
        // `b64` (RFC 7797) needs nothing more: the signing input is the segments as received.
        let unknown: Vec<String> = names.iter().filter(|n| *n != "b64").cloned().collect();
        if !unknown.is_empty() {
            v.findings
                .push(Finding::CritNotUnderstood { names: unknown });
        }
    }
    let signing_input = token.signing_input();
    let msg = signing_input.as_bytes();

    // The signature's shape is a property of the alg, checked before any key.
    let mut der_raw: Option<Vec<u8>> = None;
    let sig_usable = match fam {
        Family::Hmac(h) if sig.len() != h.output_len() => {
            v.findings.push(Finding::SignatureLength {
                alg: alg.clone(),
                expected: h.output_len(),
                actual: sig.len(),
            });
            false
        }
        Family::EdDsa if sig.len() != eddsa::SIGNATURE_LEN => {
            v.findings.push(Finding::SignatureLength {
                alg: alg.clone(),
                expected: eddsa::SIGNATURE_LEN,
                actual: sig.len(),
            });
            false
        }
        Family::Ecdsa(curve) => match ec::shape(curve, sig) {
            ec::Shape::Raw => true,
            ec::Shape::Der { raw } => {
                der_raw = Some(raw);
                false
            }
            ec::Shape::WrongLength { expected, actual } => {
                v.findings.push(Finding::SignatureLength {
                    alg: alg.clone(),
                    expected,
                    actual,
                });
                false
            }
            ec::Shape::Zero { r_zero, s_zero } => {
                v.findings.push(Finding::EcdsaZero {
                    alg: alg.clone(),
                    r_zero,
                    s_zero,
                });
                false
            }
        },
        _ => true,
    };

    // Candidates: a key set's kid filter first, then compatibility with the alg.
    let token_kid = v.kid.clone();
    let mut total = 0usize;
    for (si, set) in sets.iter().enumerate() {
        for (ki, key) in set.keys.iter().enumerate() {
            total += 1;
            let key_ref = KeyRef::new(si, ki, key);
            let kid_differs =
                set.origin == SetOrigin::Jwks && token_kid.is_some() && key.kid != token_kid;
            let decision = if kid_differs {
                Decision::Skipped(SkipReason::KidDiffers)
            } else {
                match compatibility(&alg, fam, key) {
                    Ok(()) => Decision::NotTried,
                    Err(reason) => Decision::Skipped(reason),
                }
            };
            v.candidates.push(Candidate {
                key: key_ref,
                decision,
            });
        }
    }
    if total == 0 {
        v.findings.push(Finding::NoKeys {
            problems: sets.iter().map(|s| s.problems.len()).sum(),
        });
        return v;
    }
    if let Some(kid) = &token_kid {
        let jwks: Vec<&&KeySet> = sets
            .iter()
            .filter(|s| s.origin == SetOrigin::Jwks)
            .collect();
        let found = jwks.iter().any(|s| {
            s.keys
                .iter()
                .any(|k| k.kid.as_deref() == Some(kid.as_str()))
        });
        if !jwks.is_empty() && !found {
            v.findings.push(Finding::KidNotFound {
                kid: kid.clone(),
                available: jwks.iter().flat_map(|s| s.kids()).collect(),
                broken_entries: jwks
                    .iter()
                    .flat_map(|s| s.problems.iter())
                    .filter(|p| p.kid.as_deref() == Some(kid.as_str()))
                    .map(|p| p.index)
                    .collect(),
            });
        }
    }

    // The keys the kid names first, then the others in input order; at most
    // MAX_KEY_ATTEMPTS of them are tried, the rest are named as not tried.
    let mut compatible: Vec<usize> = v
        .candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| c.decision == Decision::NotTried)
        .map(|(i, _)| i)
        .collect();
    compatible.sort_by_key(|&i| {
        v.candidates
            .get(i)
            .is_none_or(|c| token_kid.is_none() || c.key.kid != token_kid)
    });
    let untried = compatible.len().saturating_sub(MAX_KEY_ATTEMPTS);
    for &i in compatible.iter().skip(MAX_KEY_ATTEMPTS) {
        if let Some(c) = v.candidates.get_mut(i) {
            c.decision = Decision::Skipped(SkipReason::AttemptCap {
                cap: MAX_KEY_ATTEMPTS,
            });
        }
    }
    compatible.truncate(MAX_KEY_ATTEMPTS);
    let mut unchecked = 0usize;

    if let Some(raw) = &der_raw {
        let verifies_with = compatible.iter().find_map(|&i| {
            let c = v.candidates.get(i)?;
            let key = key_at(sets, &c.key)?;
            (attempt(fam, key, msg, raw).0 == Check::Valid).then(|| c.key.clone())
        });
        if let Family::Ecdsa(curve) = fam {
            v.findings.push(Finding::EcdsaDerSignature {
                alg: alg.clone(),
                actual: sig.len(),
                expected: 2 * curve.field_len(),
                verifies_with,
            });
        }
    }

    let mut high_s: Vec<KeyRef> = Vec::new();
    if sig_usable {
        for &i in &compatible {
            let Some(c) = v.candidates.get_mut(i) else {
                continue;
            };
            let Some(key) = key_at(sets, &c.key) else {
                continue;
            };
            let (check, normalized) = attempt(fam, key, msg, sig);
            c.decision = match check {
                Check::Valid => Decision::Verified,
                Check::Mismatch => Decision::Mismatch,
                Check::WrongLength { expected, actual } => {
                    Decision::WrongSignatureLength { expected, actual }
                }
            };
            if normalized {
                high_s.push(c.key.clone());
            }
        }
    }

    let with = |pred: &dyn Fn(&Decision) -> bool| -> Vec<KeyRef> {
        v.candidates
            .iter()
            .filter(|c| pred(&c.decision))
            .map(|c| c.key.clone())
            .collect()
    };
    let verified = with(&|d| *d == Decision::Verified);
    let tried = with(&|d| {
        matches!(
            d,
            Decision::Verified | Decision::Mismatch | Decision::WrongSignatureLength { .. }
        )
    });
    let considered: Vec<&Candidate> = v
        .candidates
        .iter()
        .filter(|c| c.decision != Decision::Skipped(SkipReason::KidDiffers))
        .collect();
    let confusion: Vec<KeyRef> = considered
        .iter()
        .filter(|c| c.decision == Decision::Skipped(SkipReason::AsymmetricKeyForHmac))
        .map(|c| c.key.clone())
        .collect();
    let all_wrong_type = !considered.is_empty()
        && considered
            .iter()
            .all(|c| c.decision == Decision::Skipped(SkipReason::WrongKeyType));
    let considered_keys: Vec<KeyRef> = considered.iter().map(|c| c.key.clone()).collect();
    let mut out: Vec<Finding> = Vec::new();

    if let Some(first) = verified.first() {
        out.push(Finding::SignatureValid {
            alg: alg.clone(),
            key: first.clone(),
        });
        if token_kid.is_none() && compatible.len() > 1 {
            out.push(Finding::NoKidMultipleKeys {
                tried: tried.clone(),
                verified: verified.clone(),
            });
        }
    } else if !tried.is_empty() && untried > 0 {
        out.push(Finding::TooManyCandidateKeys {
            alg: alg.clone(),
            tried: tried.clone(),
            untried,
        });
    } else if !tried.is_empty() {
        out.push(Finding::SignatureMismatch {
            alg: alg.clone(),
            keys: tried.clone(),
        });
    } else if compatible.is_empty() {
        if !confusion.is_empty() {
            out.push(Finding::KeyConfusion {
                alg: alg.clone(),
                keys: confusion.clone(),
            });
        } else if all_wrong_type {
            out.push(Finding::AlgKeyMismatch {
                alg: alg.clone(),
                keys: considered_keys,
            });
        } else if !considered.is_empty() {
            out.push(Finding::NoUsableKey {
                alg: alg.clone(),
                skipped: considered.len(),
            });
        }
    }

    // Key confusion: did someone sign with the public key's bytes as the HMAC secret?
    if let Family::Hmac(h) = fam {
        if sig_usable {
            unchecked += confusion.len().saturating_sub(MAX_KEY_ATTEMPTS);
            for r in confusion.iter().take(MAX_KEY_ATTEMPTS) {
                let Some(key) = key_at(sets, r) else { continue };
                if let Some((form, _)) = public_key_forms(&key.material)
                    .into_iter()
                    .find(|(_, bytes)| hmac::verify(h, bytes, msg, sig))
                {
                    out.push(Finding::KeyConfusionForged {
                        alg: alg.clone(),
                        key: r.clone(),
                        form,
                    });
                }
            }
        }
    }

    if verified.is_empty() && sig_usable {
        // The kid names one key but another one in the set matches: a kid/key mix-up. Only
        // what is left of the attempt budget is spent on it: no second pass over the set.
        let mut budget = MAX_KEY_ATTEMPTS.saturating_sub(tried.len());
        for c in &v.candidates {
            if c.decision != Decision::Skipped(SkipReason::KidDiffers) {
                continue;
            }
            let Some(key) = key_at(sets, &c.key) else {
                continue;
            };
            if compatibility(&alg, fam, key).is_err() {
                continue;
            }
            if budget == 0 {
                unchecked += 1;
                continue;
            }
            budget -= 1;
            if attempt(fam, key, msg, sig).0 == Check::Valid {
                out.push(Finding::OtherKeyVerifies { key: c.key.clone() });
            }
        }
        // An HMAC secret read the other way round (text vs base64, stray newline).
        if let Family::Hmac(h) = fam {
            for r in &tried {
                let Some(key) = key_at(sets, r) else { continue };
                let PublicKey::Hmac { encoding, .. } = &key.material else {
                    continue;
                };
                if let Some((reading, _)) = secret_alternatives(&key.material)
                    .into_iter()
                    .find(|(_, bytes)| hmac::verify(h, bytes, msg, sig))
                {
                    out.push(Finding::HmacSecretEncoding {
                        key: r.clone(),
                        used: *encoding,
                        works_as: reading,
                    });
                }
            }
        }
    }

    // Weaknesses of the keys the verdict rests on.
    let deciding = if verified.is_empty() {
        &tried
    } else {
        &verified
    };
    for r in deciding {
        match r.kind {
            KeyKind::Rsa { bits } if bits < 2048 => out.push(Finding::WeakRsaKey {
                key: r.clone(),
                bits,
            }),
            KeyKind::Hmac { bytes, .. } => {
                if let Family::Hmac(h) = fam {
                    if bytes < h.output_len() {
                        out.push(Finding::HmacKeyTooShort {
                            key: r.clone(),
                            bytes,
                            minimum: h.output_len(),
                        });
                    }
                }
            }
            _ => {}
        }
        if let (Some(token_kid), Some(key_kid)) = (&token_kid, &r.kid) {
            let from_set = sets.get(r.set).is_some_and(|s| s.origin == SetOrigin::Jwks);
            if !from_set && token_kid != key_kid {
                out.push(Finding::PastedKeyKidDiffers {
                    token_kid: token_kid.clone(),
                    key: r.clone(),
                });
            }
        }
    }
    out.extend(high_s.into_iter().map(|key| Finding::EcdsaHighS { key }));
    let capped_untried = if verified.is_empty() { 0 } else { untried };
    if capped_untried > 0 || unchecked > 0 {
        out.push(Finding::KeyAttemptsCapped {
            cap: MAX_KEY_ATTEMPTS,
            untried: capped_untried,
            unchecked,
        });
    }
    v.findings.extend(out);
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::jwk::{parse_key_input, SecretEncoding};

    fn hs256(secret: &[u8], header: &str, payload: &str) -> String {
        let input = format!(
            "{}.{}",
            b64::encode(header.as_bytes()),
            b64::encode(payload.as_bytes())
        );
        let tag = hmac::tag(Hash::Sha256, secret, input.as_bytes());
        format!("{input}.{}", b64::encode(&tag))
    }

    fn secret_set(text: &str) -> KeySet {
        parse_key_input(text, SecretEncoding::Text).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn the_verdict_is_derived_from_the_findings() {
        let mut v = Verification::default();
        assert_eq!(v.verdict(), Verdict::Unverifiable);
        v.findings.push(Finding::HeaderKeyIgnored { param: "jwk" });
        assert_eq!(v.verdict(), Verdict::Unverifiable);
        v.findings.push(Finding::AlgNone);
        assert_eq!(v.verdict(), Verdict::Invalid);
        v.findings.push(Finding::Structure(StructureError::Empty));
        assert_eq!(v.verdict(), Verdict::Malformed);
    }

    #[test]
    fn an_hmac_token_verifies_with_its_secret_and_fails_with_another() {
        let secret = "a-secret-that-is-at-least-32-bytes-long!";
        let token = hs256(secret.as_bytes(), r#"{"alg":"HS256"}"#, r#"{"sub":"x"}"#);
        let good = verify_compact(&token, &[&secret_set(secret)]);
        assert_eq!(good.verdict(), Verdict::Valid, "{good:?}");
        assert!(good.deciding_key().is_some());
        let bad = verify_compact(
            &token,
            &[&secret_set("another-secret-of-at-least-32-bytes!!")],
        );
        assert_eq!(bad.verdict(), Verdict::Invalid);
        assert!(bad.has("signature_mismatch"));
    }

    #[test]
    fn a_short_hmac_key_is_flagged_but_still_verifies() {
        let token = hs256(b"short", r#"{"alg":"HS256"}"#, "{}");
        let v = verify_compact(&token, &[&secret_set("short")]);
        assert_eq!(v.verdict(), Verdict::Valid);
        assert!(v.has("hmac_key_too_short"));
    }

    #[test]
    fn a_secret_with_a_stray_newline_is_diagnosed() {
        let secret = "a-secret-that-is-at-least-32-bytes-long!";
        let token = hs256(secret.as_bytes(), r#"{"alg":"HS256"}"#, "{}");
        let v = verify_compact(&token, &[&secret_set(&format!("{secret}\n"))]);
        assert_eq!(v.verdict(), Verdict::Invalid);
        assert!(v.findings.iter().any(|f| matches!(
            f,
            Finding::HmacSecretEncoding {
                works_as: SecretReading::TextTrimmed,
                ..
            }
        )));
    }

    #[test]
    fn no_keys_is_unverifiable_but_alg_none_is_invalid_even_without_keys() {
        let token = hs256(b"k", r#"{"alg":"HS256"}"#, "{}");
        assert_eq!(verify_compact(&token, &[]).codes(), vec!["no_keys"]);
        let none = verify_compact("eyJhbGciOiJub25lIn0.e30.", &[]);
        assert_eq!(none.verdict(), Verdict::Invalid);
        assert_eq!(none.codes(), vec!["alg_none"]);
    }

    #[test]
    fn unknown_crit_extensions_are_refused_and_header_keys_ignored() {
        let secret = "a-secret-that-is-at-least-32-bytes-long!";
        let token = hs256(
            secret.as_bytes(),
            r#"{"alg":"HS256","crit":["exp-ext"],"exp-ext":1,"jku":"https://evil"}"#,
            "{}",
        );
        let v = verify_compact(&token, &[&secret_set(secret)]);
        assert_eq!(v.verdict(), Verdict::Invalid);
        assert!(v.has("crit_not_understood"));
        assert!(v.has("header_key_ignored"));
    }

    #[test]
    fn a_jwe_is_unverifiable() {
        let v = verify_compact(
            "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d",
            &[],
        );
        assert_eq!(v.verdict(), Verdict::Unverifiable);
        assert_eq!(v.codes(), vec!["encrypted_token"]);
    }

    #[test]
    fn an_unknown_alg_is_unsupported() {
        let v = verify_compact("eyJhbGciOiJoczI1NiJ9.e30.c2ln", &[]);
        assert_eq!(v.codes(), vec!["alg_unsupported"]);
        assert_eq!(v.verdict(), Verdict::Unverifiable);
    }
}
