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
