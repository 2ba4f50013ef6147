//! Signature verification for every JOSE signature algorithm (RFC 7518 §3, RFC 8037 §3.1,
//! RFC 8812 §3.2), with key selection and a reason for every step.
//!
//! Two pure steps, so that the signature arithmetic can be done by any engine (RustCrypto here,
//! the browser's WebCrypto in the shell): [`plan()`] decides everything up to the signature and
//! lists the checks to make ([`Attempt`]s); [`conclude`] takes one [`Outcome`] per check and
//! derives the findings. [`verify`] (and [`verify_parsed`], [`verify_compact`] for tokens that
//! may be JWE or not a token at all) are plan + [`rustcrypto`] + conclude; [`pending`] is the
//! verification before any check is made (what the page shows while WebCrypto works), and
//! [`wire`] carries a plan's checks to the RustCrypto worker. RustCrypto's RSA, ECDSA
//! (NIST curves and secp256k1), Ed25519 and HMAC code is the `rustcrypto` cargo feature
//! (default; off in the app's wasm). The [`Verification`]
//! holds the candidate keys with why each was chosen or skipped, and [`Finding`]s with stable
//! codes and evidence. The [`Verdict`] is derived from the findings ([`Verification::verdict`]),
//! never stored beside them.
//!
//! Rules kept, as a careful verifier keeps them: the key decides what is acceptable, not the
//! header alone (RFC 8725 §3.1–3.2); `alg: none` is never valid; ECDSA signatures are the
//! fixed-length `r ‖ s` of RFC 7518 §3.4 with non-zero `r` and `s`; a token header's embedded
//! `jwk`, `jku`, `x5u` or `x5c` is never trusted as a key. Must not fetch, read a clock or produce
//! prose (that is `explain::verify`). Never panics on input.

mod conclude;
mod ec;
mod eddsa;
mod engine;
#[cfg(feature = "rustcrypto")]
mod hmac;
pub mod plan;
#[cfg(feature = "rustcrypto")]
mod rsa;
pub mod rustcrypto;
pub mod select;
pub mod wire;

pub use conclude::{conclude, pending, Outcome};
pub use engine::{Engine, Engines};
pub use plan::{
    plan, plan_compact, plan_parsed, Attempt, ImportFormat, Plan, Purpose, Round, WebCryptoAlg,
    WebCryptoCall,
};
pub use select::{compatibility, family, Family, Hash};

use crate::jose::jwk::{HmacEncoding, Key, KeyFormat, KeyKind, KeySet, KeySource};
use crate::jose::{Alg, Parsed, SegmentError, StructureError, UnverifiedJwt, Value};

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

impl Verdict {
    /// The stable name (`data-verdict`, fixtures, the benchmark).
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Valid => "valid",
            Verdict::Invalid => "invalid",
            Verdict::Unverifiable => "unverifiable",
            Verdict::Malformed => "malformed",
        }
    }
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

/// The most bytes of a JWK Set an HTTP API's JWT authorizer reads (H3, HTTP-QUOTAS).
pub const LARGE_KEY_SET: usize = 150_000;

/// Whose key sets lack the token's `kid` ([`Finding::KidNotFound`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KidMissFrom {
    /// Only keys given in the page (pasted, a typed/preset/linked JWKS URL's, a `jku`'s): whether
    /// the issuer publishes the `kid` is unknown.
    Given,
    /// The issuer's own key set (fetched for it, [`KeySet::issuers`]), fetched at or after the
    /// token was issued: the issuer does not publish this `kid`.
    Issuer,
    /// Only the issuer's own key set fetched before the token was issued (its `iat`): the key
    /// may be newer than the fetch (G11, rotation).
    IssuerBeforeIssue,
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
    /// The signature part is empty (`header.payload.`, or only `header.payload` pasted: left out
    /// to redact or share, or cut off): there is nothing to verify here, and sent like this
    /// no server accepts the token (a signed `alg` needs its signature, RFC 7515 §5.2).
    SignatureEmpty,
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
        /// Whose keys lack it, and so what the miss says of the issuer.
        keys: KidMissFrom,
    },
    /// A JWK Set considered is larger than [`LARGE_KEY_SET`] bytes, the most an HTTP API's
    /// JWT authorizer reads (H3).
    KeySetLarge {
        /// Its size, in bytes.
        bytes: usize,
        /// It is the issuer's own key set, as fetched for it ([`KeySet::issuers`]).
        issuers: bool,
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
        /// Every key tried signs longer signatures than this one: (their length, its length).
        /// The token was likely cut off when copied.
        short: Option<(usize, usize)>,
    },
    /// The signature check against these keys could not be made (the engine, e.g. the
    /// browser's WebCrypto, raised an error), and no key verified: nothing can be said.
    SignatureNotChecked {
        /// The token's `alg`.
        alg: Alg,
        /// The keys not checked.
        keys: Vec<KeyRef>,
        /// The engine's error name (`DataError`, `NotSupportedError`, …).
        error: String,
    },
    /// The signature check against these keys needed the page's RustCrypto worker (ES256K,
    /// which WebCrypto lacks), and the worker could not run (an offline single-file copy of the
    /// page cannot load it): nothing can be said about the signature.
    RustCryptoUnavailable {
        /// The token's `alg`.
        alg: Alg,
        /// The keys not checked.
        keys: Vec<KeyRef>,
        /// Why the worker could not answer, as the page saw it.
        reason: String,
    },
    /// The signature checks are planned and not made yet (the browser's WebCrypto and the
    /// RustCrypto worker answer asynchronously): nothing can be said about the signature until
    /// they are.
    SignaturePending {
        /// The token's `alg`.
        alg: Alg,
        /// Which engine the page asks: WebCrypto, or RustCrypto when WebCrypto lacks the
        /// algorithm ([`Attempt::webcrypto`] is `None`).
        engine: Engine,
        /// How many checks are waiting.
        checks: usize,
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
            Finding::SignatureEmpty => "signature_empty",
            Finding::CritNotUnderstood { .. } => "crit_not_understood",
            Finding::NoKeys { .. } => "no_keys",
            Finding::KidNotFound { .. } => "kid_not_found",
            Finding::KeySetLarge { .. } => "key_set_large",
            Finding::AlgKeyMismatch { .. } => "alg_key_mismatch",
            Finding::NoUsableKey { .. } => "no_usable_key",
            Finding::KeyConfusion { .. } => "key_confusion",
            Finding::KeyConfusionForged { .. } => "key_confusion_forged",
            Finding::EcdsaDerSignature { .. } => "ecdsa_der_signature",
            Finding::EcdsaZero { .. } => "ecdsa_zero",
            Finding::SignatureLength { .. } => "signature_length",
            Finding::SignatureMismatch { .. } => "signature_mismatch",
            Finding::SignatureNotChecked { .. } => "signature_not_checked",
            Finding::RustCryptoUnavailable { .. } => "rustcrypto_unavailable",
            Finding::SignaturePending { .. } => "signature_pending",
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
            | Finding::TooManyCandidateKeys { .. }
            | Finding::SignatureNotChecked { .. }
            | Finding::RustCryptoUnavailable { .. }
            | Finding::SignaturePending { .. }
            | Finding::SignatureEmpty => Effect::Unverifiable,
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
            | Finding::KeyAttemptsCapped { .. }
            | Finding::KeySetLarge { .. } => Effect::Note,
        }
    }

    /// How loudly to show it.
    pub fn severity(&self) -> Severity {
        match self.effect() {
            Effect::Malformed | Effect::Invalid => Severity::Error,
            Effect::Valid => Severity::Info,
            Effect::Unverifiable => match self {
                Finding::Encrypted { .. } | Finding::SignaturePending { .. } => Severity::Info,
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
        self.kid_miss().map(|(kid, _)| kid)
    }

    /// The token's `kid` when the issuer's own key set lacks it ([`KidMissFrom::Issuer`]): a
    /// rejection by any verifier that uses the issuer's keys. A `kid` only the pasted keys lack
    /// says nothing about the issuer's.
    pub fn kid_not_published(&self) -> Option<&str> {
        self.kid_miss()
            .filter(|(_, from)| *from == KidMissFrom::Issuer)
            .map(|(kid, _)| kid)
    }

    /// When the signature matched no key and every key tried signs longer signatures: (their
    /// length, its length) in bytes. The token was likely cut off when copied.
    pub fn signature_cut_short(&self) -> Option<(usize, usize)> {
        self.findings.iter().find_map(|f| match f {
            Finding::SignatureMismatch { short, .. } => *short,
            _ => None,
        })
    }

    /// True when the token here has no signature to check ([`Finding::SignatureEmpty`]).
    pub fn signature_empty(&self) -> bool {
        self.findings.contains(&Finding::SignatureEmpty)
    }

    /// True when the token's `kid` is missing from the issuer's own key set fetched before the
    /// token was issued ([`KidMissFrom::IssuerBeforeIssue`]): fetch it again.
    pub fn kid_newer_than_fetch(&self) -> bool {
        self.kid_miss()
            .is_some_and(|(_, from)| from == KidMissFrom::IssuerBeforeIssue)
    }

    /// The size of a JWK Set considered that is over [`LARGE_KEY_SET`], and whether it is the
    /// issuer's own.
    pub fn large_key_set(&self) -> Option<(usize, bool)> {
        self.findings.iter().find_map(|f| match f {
            Finding::KeySetLarge { bytes, issuers } => Some((*bytes, *issuers)),
            _ => None,
        })
    }

    /// [`Finding::KidNotFound`]'s `kid` and whose keys lack it.
    fn kid_miss(&self) -> Option<(&str, KidMissFrom)> {
        self.findings.iter().find_map(|f| match f {
            Finding::KidNotFound { kid, keys, .. } => Some((kid.as_str(), *keys)),
            _ => None,
        })
    }

    /// True while the signature checks are still to be made ([`Finding::SignaturePending`]):
    /// the verdict is not known yet, and must not be shown as one.
    pub fn is_pending(&self) -> bool {
        self.findings
            .iter()
            .any(|f| matches!(f, Finding::SignaturePending { .. }))
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
#[cfg(feature = "rustcrypto")]
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

/// Parses and verifies a compact token text (a structure error is a finding, not a failure):
/// [`plan_compact`], RustCrypto outcomes, [`conclude`].
pub fn verify_compact(text: &str, sets: &[&KeySet]) -> Verification {
    with_rustcrypto(&plan_compact(text, sets))
}

/// Verifies a parsed token: a JWE is unverifiable (it is encrypted, not signed).
pub fn verify_parsed(parsed: &Parsed, sets: &[&KeySet]) -> Verification {
    with_rustcrypto(&plan_parsed(parsed, sets))
}

/// Verifies a compact JWS against the given key sets. Never trusts keys carried by the token.
pub fn verify(token: &UnverifiedJwt, sets: &[&KeySet]) -> Verification {
    with_rustcrypto(&plan(token, sets))
}

/// Concludes a plan with every check made by RustCrypto (without the `rustcrypto` feature no
/// check can be made: they conclude to not checked).
pub fn with_rustcrypto(p: &Plan) -> Verification {
    conclude(p, &rustcrypto::outcomes(p))
}

#[cfg(all(test, feature = "rustcrypto"))]
mod tests {
    use super::*;
    use crate::jose::b64;
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
