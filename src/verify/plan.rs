//! Step 1 of verification: everything up to the signature arithmetic.
//!
//! Owns [`Plan`] and [`Attempt`]: parsing the header, the algorithm rules (`alg: none`, key
//! confusion, `crit`, the signature's shape), key selection with [`MAX_KEY_ATTEMPTS`], and for
//! each signature check to make the algorithm, the key and the signature bytes. Makes no
//! signature check itself: the outcomes come from RustCrypto ([`super::rustcrypto`]) or from the
//! browser's WebCrypto (in the shell), and [`super::conclude`] turns them into a verdict. Must
//! not produce prose, read a clock or call the browser. Never panics on input.

use super::{
    compatibility, ec, eddsa, family, Candidate, Decision, Family, Finding, Hash, KeyRef,
    PublicKeyForm, SecretReading, SkipReason, Verification, MAX_KEY_ATTEMPTS,
};
use crate::jose::b64;
use crate::jose::jwk::{
    der, material, Curve, HmacEncoding, Key, KeySet, PublicKey, SecretBytes, SetOrigin,
};
use crate::jose::{parse_unverified, Alg, Field, Parsed, SegmentErrorKind, UnverifiedJwt};

/// Why a signature check is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// The check the verdict rests on: the token's signature with candidate `candidate` (an
    /// index in [`Verification::candidates`]).
    Candidate(usize),
    /// A DER ECDSA signature, converted to `r ‖ s`, with this candidate (the token stays
    /// invalid; this only says which key signed it).
    DerConverted(usize),
    /// An `HS*` signature with an HMAC keyed by one byte form of this public key: was the token
    /// forged by key confusion?
    KeyConfusion {
        /// The public key.
        key: KeyRef,
        /// Which bytes of it are the HMAC secret.
        form: PublicKeyForm,
    },
    /// A candidate the token's `kid` does not name: a kid/key mix-up?
    KidMixUp(usize),
    /// The HMAC secret of this tried key, read another way.
    SecretReading {
        /// The secret.
        key: KeyRef,
        /// How it is read.
        reading: SecretReading,
    },
}

/// When a check is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Round {
    /// Always.
    First,
    /// Only when no [`Purpose::Candidate`] check of the first round verified
    /// ([`Plan::second_round_needed`]).
    IfNoneVerified,
}

/// One signature check to make: does `signature` over the plan's signing input verify with
/// `key` under `family`?
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// Why it is made.
    pub purpose: Purpose,
    /// When it is needed.
    pub round: Round,
    /// The algorithm family (and hash or curve).
    pub family: Family,
    /// The key material (for [`Purpose::KeyConfusion`] and [`Purpose::SecretReading`], an HMAC
    /// secret derived from a key).
    pub key: PublicKey,
    /// The signature bytes; ECDSA as raw `r ‖ s` (RFC 7518 §3.4), which is WebCrypto's format.
    pub signature: Vec<u8>,
    /// ES256K only: `s` is in the upper half of the group order and is normalised before the
    /// check (RFC 8812 allows it; the verdict notes it).
    pub high_s: bool,
}

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

/// What [`super::conclude`] needs beyond the attempts, when the plan got as far as keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Context {
    pub alg: Alg,
    pub fam: Family,
    pub token_kid: Option<String>,
    /// Candidate indexes tried (kid-named first), at most [`MAX_KEY_ATTEMPTS`].
    pub compatible: Vec<usize>,
    /// Compatible keys beyond the cap.
    pub untried: usize,
    /// The signature has a usable shape for `alg`.
    pub sig_usable: bool,
    /// A DER ECDSA signature: (its length, the `r ‖ s` length).
    pub der: Option<(usize, usize)>,
    /// Public keys skipped as key confusion, in input order.
    pub confusion: Vec<KeyRef>,
    /// Public keys not checked for key confusion (beyond the cap).
    pub confusion_unchecked: usize,
    /// Keys the kid does not name that the attempt budget left unchecked.
    pub mixup_unchecked: usize,
}

/// Everything decided before the signature arithmetic: the partial [`Verification`] and the
/// signature checks to make.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    /// Findings and candidates so far (a plan without attempts concludes to exactly this).
    pub(crate) partial: Verification,
    pub(crate) signing_input: Vec<u8>,
    pub(crate) attempts: Vec<Attempt>,
    pub(crate) context: Option<Context>,
    /// Where each key set came from (a pasted key's kid is judged differently).
    pub(crate) set_origins: Vec<SetOrigin>,
}

impl Plan {
    /// The bytes every attempt's signature is over: `header.payload` as received (RFC 7515 §5.2).
    pub fn signing_input(&self) -> &[u8] {
        &self.signing_input
    }

    /// The signature checks, first round first.
    pub fn attempts(&self) -> &[Attempt] {
        &self.attempts
    }

    /// The verification as far as the plan goes (alg, kid, candidates, findings before any
    /// signature check).
    pub fn partial(&self) -> &Verification {
        &self.partial
    }

    /// True when the [`Round::IfNoneVerified`] attempts must be made: none of the
    /// [`Purpose::Candidate`] attempts in `outcomes` (one per attempt, in order; missing ones
    /// count as not run) verified.
    pub fn second_round_needed(&self, outcomes: &[super::Outcome]) -> bool {
        let any_second = self
            .attempts
            .iter()
            .any(|a| a.round == Round::IfNoneVerified);
        any_second
            && !self.attempts.iter().zip(outcomes).any(|(a, o)| {
                matches!(a.purpose, Purpose::Candidate(_)) && *o == super::Outcome::Verified
            })
    }
}

/// Plans a compact token text (a structure error is a finding, not a failure).
pub fn plan_compact(text: &str, sets: &[&KeySet]) -> Plan {
    match parse_unverified(text) {
        Ok(parsed) => plan_parsed(&parsed, sets),
        Err(e) => Plan {
            partial: Verification {
                findings: vec![Finding::Structure(e)],
                ..Verification::default()
            },
            ..Plan::default()
        },
    }
}

/// Plans a parsed token: a JWE gets no attempts (it is encrypted, not signed).
pub fn plan_parsed(parsed: &Parsed, sets: &[&KeySet]) -> Plan {
    match parsed {
        Parsed::Jws(token) => plan(token, sets),
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
            Plan {
                partial: v,
                ..Plan::default()
            }
        }
    }
}

fn key_at<'a>(sets: &[&'a KeySet], r: &KeyRef) -> Option<&'a Key> {
    sets.get(r.set)?.keys.get(r.index)
}

/// The signature length an RSA key requires (its modulus length), when `sig` has another.
fn rsa_wrong_length(key: &Key, sig: &[u8]) -> Option<(usize, usize)> {
    let PublicKey::Rsa { n, .. } = &key.material else {
        return None;
    };
    let expected = n.iter().skip_while(|&&b| b == 0).count();
    (sig.len() != expected).then_some((expected, sig.len()))
}

/// Plans the checks of a compact JWS against the given key sets. Never trusts keys carried by
/// the token.
pub fn plan(token: &UnverifiedJwt, sets: &[&KeySet]) -> Plan {
    let mut p = Plan {
        set_origins: sets.iter().map(|s| s.origin).collect(),
        ..Plan::default()
    };
    let Some((alg, fam, sig)) = header_rules(token, sets, &mut p.partial) else {
        return p;
    };
    let v = &mut p.partial;
    p.signing_input = token.signing_input().into_bytes();

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

    let token_kid = v.kid.clone();
    if !select_candidates(&alg, fam, sets, v) {
        return p;
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

    let mut attempts = Vec::new();
    let mut push = |purpose: Purpose, round: Round, key: &PublicKey, signature: &[u8]| {
        attempts.push(Attempt {
            purpose,
            round,
            family: fam,
            key: key.clone(),
            signature: signature.to_vec(),
            high_s: fam == Family::Ecdsa(Curve::Secp256k1) && ec::is_high_s(signature),
        });
    };

    if let Some(raw) = &der_raw {
        for &i in &compatible {
            if let Some(key) = v.candidates.get(i).and_then(|c| key_at(sets, &c.key)) {
                push(Purpose::DerConverted(i), Round::First, &key.material, raw);
            }
        }
    }

    // The checks the verdict rests on. An RSA signature of the wrong length is decided here.
    let mut tried = 0usize;
    if sig_usable {
        for &i in &compatible {
            let Some(c) = v.candidates.get_mut(i) else {
                continue;
            };
            let Some(key) = key_at(sets, &c.key) else {
                continue;
            };
            tried += 1;
            match rsa_wrong_length(key, sig) {
                Some((expected, actual)) => {
                    c.decision = Decision::WrongSignatureLength { expected, actual }
                }
                None => push(Purpose::Candidate(i), Round::First, &key.material, sig),
            }
        }
    }

    let considered = v
        .candidates
        .iter()
        .filter(|c| c.decision != Decision::Skipped(SkipReason::KidDiffers));
    let confusion: Vec<KeyRef> = considered
        .filter(|c| c.decision == Decision::Skipped(SkipReason::AsymmetricKeyForHmac))
        .map(|c| c.key.clone())
        .collect();
    let mut confusion_unchecked = 0usize;
    let mut mixup_unchecked = 0usize;

    if sig_usable {
        // Key confusion: did someone sign with the public key's bytes as the HMAC secret?
        if let Family::Hmac(_) = fam {
            confusion_unchecked = confusion.len().saturating_sub(MAX_KEY_ATTEMPTS);
            for r in confusion.iter().take(MAX_KEY_ATTEMPTS) {
                let Some(key) = key_at(sets, r) else { continue };
                for (form, bytes) in public_key_forms(&key.material) {
                    let secret = hmac_secret(bytes);
                    let purpose = Purpose::KeyConfusion {
                        key: r.clone(),
                        form,
                    };
                    push(purpose, Round::First, &secret, sig);
                }
            }
        }

        // The kid names one key but another one in the set may match: a kid/key mix-up. Only
        // what is left of the attempt budget is spent on it: no second pass over the set.
        let mut budget = MAX_KEY_ATTEMPTS.saturating_sub(tried);
        for (i, c) in v.candidates.iter().enumerate() {
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
                mixup_unchecked += 1;
                continue;
            }
            budget -= 1;
            if rsa_wrong_length(key, sig).is_none() {
                push(
                    Purpose::KidMixUp(i),
                    Round::IfNoneVerified,
                    &key.material,
                    sig,
                );
            }
        }

        // An HMAC secret read the other way round (text vs base64, stray newline).
        if let Family::Hmac(_) = fam {
            for &i in &compatible {
                let Some(c) = v.candidates.get(i) else {
                    continue;
                };
                let Some(key) = key_at(sets, &c.key) else {
                    continue;
                };
                for (reading, bytes) in secret_alternatives(&key.material) {
                    let purpose = Purpose::SecretReading {
                        key: c.key.clone(),
                        reading,
                    };
                    push(purpose, Round::IfNoneVerified, &hmac_secret(bytes), sig);
                }
            }
        }
    }
    // First-round attempts first, so the shell can run them as one batch.
    attempts.sort_by_key(|a| a.round == Round::IfNoneVerified);

    p.attempts = attempts;
    p.context = Some(Context {
        alg,
        fam,
        token_kid,
        compatible,
        untried,
        sig_usable,
        der: der_raw.as_ref().and_then(|_| match fam {
            Family::Ecdsa(curve) => Some((sig.len(), 2 * curve.field_len())),
            _ => None,
        }),
        confusion,
        confusion_unchecked,
        mixup_unchecked,
    });
    p
}

/// The header rules, in order: decodability, pasted private keys, `kid`, header keys, `alg`,
/// `crit`. Returns the alg, its family and the signature when the plan can go on to keys.
fn header_rules<'t>(
    token: &'t UnverifiedJwt,
    sets: &[&KeySet],
    v: &mut Verification,
) -> Option<(Alg, Family, &'t [u8])> {
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
    let (header, sig) = (header?, sig?);

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
            return None;
        }
        Field::Malformed(value) => {
            v.findings.push(Finding::AlgMalformed {
                value: value.clone(),
            });
            return None;
        }
        Field::Present(a) => a.clone(),
    };
    v.alg = Some(alg.clone());
    if alg == Alg::None {
        v.findings.push(Finding::AlgNone);
        return None;
    }
    let Some(fam) = family(&alg) else {
        v.findings.push(Finding::AlgUnsupported {
            alg: alg.as_str().to_owned(),
        });
        return None;
    };
    if let Field::Present(names) = &header.crit {
        // `b64` (RFC 7797) needs nothing more: the signing input is the segments as received.
        let unknown: Vec<String> = names.iter().filter(|n| *n != "b64").cloned().collect();
        if !unknown.is_empty() {
            v.findings
                .push(Finding::CritNotUnderstood { names: unknown });
        }
    }
    Some((alg, fam, sig))
}

/// Fills `v.candidates` (a key set's kid filter first, then compatibility with the alg) and
/// adds `NoKeys` / `KidNotFound`. False when there are no keys at all.
fn select_candidates(alg: &Alg, fam: Family, sets: &[&KeySet], v: &mut Verification) -> bool {
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
                match compatibility(alg, fam, key) {
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
        return false;
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
    true
}

fn hmac_secret(bytes: Vec<u8>) -> PublicKey {
    PublicKey::Hmac {
        bytes: SecretBytes::new(bytes),
        encoding: HmacEncoding::Text,
        typed: None,
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
