//! Step 1 of verification: everything up to the signature arithmetic.
//!
//! Owns [`Plan`] and [`Attempt`]: parsing the header, the algorithm rules (`alg: none`, key
//! confusion, `crit`, the signature's shape), key selection with [`MAX_KEY_ATTEMPTS`], and for
//! each signature check to make the algorithm, the key and the signature bytes. Makes no
//! signature check itself: the outcomes come from RustCrypto ([`super::rustcrypto`]) or from the
//! browser's WebCrypto (in the shell), and [`super::conclude`] turns them into a verdict. Must
//! not produce prose, read a clock or call the browser. Never panics on input.

mod call;
mod forms;
mod rules;

pub use call::{ImportFormat, WebCryptoAlg, WebCryptoCall};

use super::{
    compatibility, ec, eddsa, Decision, Family, Finding, KeyRef, PublicKeyForm, SecretReading,
    SkipReason, Verification, MAX_KEY_ATTEMPTS,
};
use crate::jose::jwk::{Curve, Key, KeySet, PublicKey, SetOrigin};
use crate::jose::{parse_unverified, Alg, Parsed, UnverifiedJwt};
use forms::{hmac_secret, public_key_forms, secret_alternatives};
use rules::{header_rules, select_candidates};

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
    p.signing_input = token.signing_input().into_bytes();
    let v = &mut p.partial;
    let shape = signature_shape(&alg, fam, sig, v);
    let token_kid = v.kid.clone();
    let issued_at = token.claims().and_then(|c| c.iat.present()).map(|d| d.secs);
    if !select_candidates(&alg, fam, sets, issued_at, v) {
        return p;
    }
    let (compatible, untried) = order_and_cap(v, &token_kid);
    let mut b = Builder {
        sets,
        fam,
        sig,
        attempts: Vec::new(),
    };
    if let Some(raw) = &shape.der_raw {
        b.der_attempts(v, &compatible, raw);
    }
    let confusion = confusion_keys(v);
    let (mut confusion_unchecked, mut mixup_unchecked) = (0, 0);
    if shape.usable {
        let tried = b.candidate_attempts(v, &compatible);
        confusion_unchecked = b.confusion_attempts(&confusion);
        mixup_unchecked = b.mixup_attempts(v, &alg, tried);
        b.reading_attempts(v, &compatible);
    }
    // First-round attempts first, so the shell can run them as one batch (a stable partition:
    // `sort_by_key` would add a stable sort's few KB of wasm).
    let (mut first, later): (Vec<_>, Vec<_>) = b
        .attempts
        .into_iter()
        .partition(|a| a.round != Round::IfNoneVerified);
    first.extend(later);
    p.attempts = first;
    p.context = Some(Context {
        der: shape.der_raw.as_ref().and_then(|_| match fam {
            Family::Ecdsa(curve) => Some((sig.len(), 2 * curve.field_len())),
            _ => None,
        }),
        alg,
        fam,
        token_kid,
        compatible,
        untried,
        sig_usable: shape.usable,
        confusion,
        confusion_unchecked,
        mixup_unchecked,
    });
    p
}

/// The signature's shape for the alg, checked before any key.
struct Shape {
    /// Right length (and for ECDSA raw `r ‖ s` with non-zero halves).
    usable: bool,
    /// A DER ECDSA signature converted to `r ‖ s`.
    der_raw: Option<Vec<u8>>,
}

fn signature_shape(alg: &Alg, fam: Family, sig: &[u8], v: &mut Verification) -> Shape {
    let length = |expected: usize, actual: usize| Finding::SignatureLength {
        alg: alg.clone(),
        expected,
        actual,
    };
    let unusable = Shape {
        usable: false,
        der_raw: None,
    };
    match fam {
        Family::Hmac(h) if sig.len() != h.output_len() => {
            v.findings.push(length(h.output_len(), sig.len()));
            unusable
        }
        Family::EdDsa if sig.len() != eddsa::SIGNATURE_LEN => {
            v.findings.push(length(eddsa::SIGNATURE_LEN, sig.len()));
            unusable
        }
        Family::Ecdsa(curve) => match ec::shape(curve, sig) {
            ec::Shape::Raw => Shape {
                usable: true,
                der_raw: None,
            },
            ec::Shape::Der { raw } => Shape {
                usable: false,
                der_raw: Some(raw),
            },
            ec::Shape::WrongLength { expected, actual } => {
                v.findings.push(length(expected, actual));
                unusable
            }
            ec::Shape::Zero { r_zero, s_zero } => {
                v.findings.push(Finding::EcdsaZero {
                    alg: alg.clone(),
                    r_zero,
                    s_zero,
                });
                unusable
            }
        },
        _ => Shape {
            usable: true,
            der_raw: None,
        },
    }
}

/// The compatible candidates, the keys the kid names first, then the others in input order;
/// at most [`MAX_KEY_ATTEMPTS`] are kept, the rest are named as not tried. Also returns how
/// many were left out.
fn order_and_cap(v: &mut Verification, token_kid: &Option<String>) -> (Vec<usize>, usize) {
    // The kid's keys, then the others, each in input order (a stable partition, not a stable
    // sort's few KB of wasm).
    let (mut compatible, others): (Vec<usize>, Vec<usize>) = v
        .candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| c.decision == Decision::NotTried)
        .map(|(i, _)| i)
        .partition(|&i| {
            v.candidates
                .get(i)
                .is_some_and(|c| token_kid.is_some() && c.key.kid == *token_kid)
        });
    compatible.extend(others);
    let untried = compatible.len().saturating_sub(MAX_KEY_ATTEMPTS);
    for &i in compatible.iter().skip(MAX_KEY_ATTEMPTS) {
        if let Some(c) = v.candidates.get_mut(i) {
            c.decision = Decision::Skipped(SkipReason::AttemptCap {
                cap: MAX_KEY_ATTEMPTS,
            });
        }
    }
    compatible.truncate(MAX_KEY_ATTEMPTS);
    (compatible, untried)
}

/// Public keys skipped for an `HS*` token (key confusion), in input order.
fn confusion_keys(v: &Verification) -> Vec<KeyRef> {
    v.candidates
        .iter()
        .filter(|c| c.decision == Decision::Skipped(SkipReason::AsymmetricKeyForHmac))
        .map(|c| c.key.clone())
        .collect()
}

/// Collects the attempts of one plan.
struct Builder<'a> {
    sets: &'a [&'a KeySet],
    fam: Family,
    sig: &'a [u8],
    attempts: Vec<Attempt>,
}

impl<'a> Builder<'a> {
    fn key(&self, r: &KeyRef) -> Option<&'a Key> {
        key_at(self.sets, r)
    }

    fn push(&mut self, purpose: Purpose, round: Round, key: &PublicKey, signature: &[u8]) {
        self.attempts.push(Attempt {
            purpose,
            round,
            family: self.fam,
            key: key.clone(),
            signature: signature.to_vec(),
            high_s: self.fam == Family::Ecdsa(Curve::Secp256k1) && ec::is_high_s(signature),
        });
    }

    /// A DER signature converted to `r ‖ s`, with each compatible key.
    fn der_attempts(&mut self, v: &Verification, compatible: &[usize], raw: &[u8]) {
        for &i in compatible {
            if let Some(key) = v.candidates.get(i).and_then(|c| self.key(&c.key)) {
                self.push(Purpose::DerConverted(i), Round::First, &key.material, raw);
            }
        }
    }

    /// The checks the verdict rests on; an RSA signature of the wrong length is decided here.
    /// Returns how many keys were tried.
    fn candidate_attempts(&mut self, v: &mut Verification, compatible: &[usize]) -> usize {
        let mut tried = 0;
        for &i in compatible {
            let Some(c) = v.candidates.get_mut(i) else {
                continue;
            };
            let Some(key) = self.key(&c.key) else {
                continue;
            };
            tried += 1;
            match rsa_wrong_length(key, self.sig) {
                Some((expected, actual)) => {
                    c.decision = Decision::WrongSignatureLength { expected, actual }
                }
                None => self.push(Purpose::Candidate(i), Round::First, &key.material, self.sig),
            }
        }
        tried
    }

    /// Key confusion: was the `HS*` token signed with a public key's bytes as the secret?
    /// Returns how many public keys were left unchecked by the cap.
    fn confusion_attempts(&mut self, confusion: &[KeyRef]) -> usize {
        if !matches!(self.fam, Family::Hmac(_)) {
            return 0;
        }
        for r in confusion.iter().take(MAX_KEY_ATTEMPTS) {
            let Some(key) = self.key(r) else { continue };
            for (form, bytes) in public_key_forms(&key.material) {
                let purpose = Purpose::KeyConfusion {
                    key: r.clone(),
                    form,
                };
                self.push(purpose, Round::First, &hmac_secret(bytes), self.sig);
            }
        }
        confusion.len().saturating_sub(MAX_KEY_ATTEMPTS)
    }

    /// The kid names one key but another one in the set may match: a kid/key mix-up. Only
    /// what is left of the attempt budget is spent on it: no second pass over the set.
    /// Returns how many such keys the budget left unchecked.
    fn mixup_attempts(&mut self, v: &Verification, alg: &Alg, tried: usize) -> usize {
        let mut budget = MAX_KEY_ATTEMPTS.saturating_sub(tried);
        let mut unchecked = 0;
        for (i, c) in v.candidates.iter().enumerate() {
            if c.decision != Decision::Skipped(SkipReason::KidDiffers) {
                continue;
            }
            let Some(key) = self.key(&c.key) else {
                continue;
            };
            if compatibility(alg, self.fam, key).is_err() {
                continue;
            }
            if budget == 0 {
                unchecked += 1;
                continue;
            }
            budget -= 1;
            if rsa_wrong_length(key, self.sig).is_none() {
                let round = Round::IfNoneVerified;
                self.push(Purpose::KidMixUp(i), round, &key.material, self.sig);
            }
        }
        unchecked
    }

    /// An HMAC secret read the other way round (text vs base64, stray newline).
    fn reading_attempts(&mut self, v: &Verification, compatible: &[usize]) {
        if !matches!(self.fam, Family::Hmac(_)) {
            return;
        }
        for &i in compatible {
            let Some(c) = v.candidates.get(i) else {
                continue;
            };
            let Some(key) = self.key(&c.key) else {
                continue;
            };
            for (reading, bytes) in secret_alternatives(&key.material) {
                let purpose = Purpose::SecretReading {
                    key: c.key.clone(),
                    reading,
                };
                self.push(
                    purpose,
                    Round::IfNoneVerified,
                    &hmac_secret(bytes),
                    self.sig,
                );
            }
        }
    }
}
