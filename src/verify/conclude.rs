//! Step 2 of verification: from the outcome of each planned signature check to the findings.
//!
//! Owns [`Outcome`] and [`conclude`]. The verdict is derived from the findings
//! ([`Verification::verdict`]); nothing here checks a signature or calls the browser. Must not
//! produce prose. Never panics on input.

use super::plan::{Plan, Purpose};
use super::{Decision, Family, Finding, KeyRef, SkipReason, Verification, MAX_KEY_ATTEMPTS};
use crate::jose::jwk::{KeyKind, PublicKey, SetOrigin};

/// The outcome of one [`super::Attempt`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The signature verifies with the key.
    Verified,
    /// It does not.
    NotVerified,
    /// The check could not be made (a WebCrypto import or verify exception).
    CouldNotCheck {
        /// The exception's name as the engine gave it (`DataError`, `NotSupportedError`, …).
        error: String,
    },
    /// Not made: a [`super::Round::IfNoneVerified`] check when a first-round check verified.
    NotRun,
}

/// Derives the [`Verification`] from a plan and one outcome per attempt, in the order of
/// [`Plan::attempts`] (missing outcomes count as [`Outcome::NotRun`]).
pub fn conclude(plan: &Plan, outcomes: &[Outcome]) -> Verification {
    let mut v = plan.partial.clone();
    let Some(cx) = &plan.context else {
        return v;
    };
    let (alg, fam, token_kid) = (&cx.alg, cx.fam, &cx.token_kid);
    let done = |o: Option<&Outcome>| o.cloned().unwrap_or(Outcome::NotRun);
    let results: Vec<(&super::Attempt, Outcome)> = plan
        .attempts
        .iter()
        .enumerate()
        .map(|(i, a)| (a, done(outcomes.get(i))))
        .collect();

    let mut high_s: Vec<KeyRef> = Vec::new();
    let mut uncheckable: Vec<KeyRef> = Vec::new();
    let mut engine_error: Option<String> = None;
    for (a, o) in &results {
        let Purpose::Candidate(i) = a.purpose else {
            continue;
        };
        let Some(c) = v.candidates.get_mut(i) else {
            continue;
        };
        match o {
            Outcome::Verified => {
                c.decision = Decision::Verified;
                if a.high_s {
                    high_s.push(c.key.clone());
                }
            }
            Outcome::NotVerified => c.decision = Decision::Mismatch,
            Outcome::CouldNotCheck { error } => {
                uncheckable.push(c.key.clone());
                engine_error.get_or_insert_with(|| error.clone());
            }
            Outcome::NotRun => {
                uncheckable.push(c.key.clone());
                engine_error.get_or_insert_with(|| "NotRun".to_owned());
            }
        }
    }

    if let (Some((actual, expected)), Family::Ecdsa(_)) = (cx.der, fam) {
        let verifies_with = results.iter().find_map(|(a, o)| match a.purpose {
            Purpose::DerConverted(i) if *o == Outcome::Verified => {
                v.candidates.get(i).map(|c| c.key.clone())
            }
            _ => None,
        });
        v.findings.push(Finding::EcdsaDerSignature {
            alg: alg.clone(),
            actual,
            expected,
            verifies_with,
        });
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
    let considered: Vec<&super::Candidate> = v
        .candidates
        .iter()
        .filter(|c| c.decision != Decision::Skipped(SkipReason::KidDiffers))
        .collect();
    let all_wrong_type = !considered.is_empty()
        && considered
            .iter()
            .all(|c| c.decision == Decision::Skipped(SkipReason::WrongKeyType));
    let considered_keys: Vec<KeyRef> = considered.iter().map(|c| c.key.clone()).collect();
    let mut out: Vec<Finding> = Vec::new();
    let mut unchecked = 0usize;

    if let Some(first) = verified.first() {
        out.push(Finding::SignatureValid {
            alg: alg.clone(),
            key: first.clone(),
        });
        if token_kid.is_none() && cx.compatible.len() > 1 {
            out.push(Finding::NoKidMultipleKeys {
                tried: tried.clone(),
                verified: verified.clone(),
            });
        }
    } else if let Some(error) = engine_error {
        out.push(Finding::SignatureNotChecked {
            alg: alg.clone(),
            keys: uncheckable,
            error,
        });
    } else if !tried.is_empty() && cx.untried > 0 {
        out.push(Finding::TooManyCandidateKeys {
            alg: alg.clone(),
            tried: tried.clone(),
            untried: cx.untried,
        });
    } else if !tried.is_empty() {
        out.push(Finding::SignatureMismatch {
            alg: alg.clone(),
            keys: tried.clone(),
        });
    } else if cx.compatible.is_empty() {
        if !cx.confusion.is_empty() {
            out.push(Finding::KeyConfusion {
                alg: alg.clone(),
                keys: cx.confusion.clone(),
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

    // Key confusion: the first byte form of each public key that verifies.
    if let (Family::Hmac(_), true) = (fam, cx.sig_usable) {
        unchecked += cx.confusion_unchecked;
        for r in &cx.confusion {
            let forged = results.iter().find_map(|(a, o)| match &a.purpose {
                Purpose::KeyConfusion { key, form } if key == r && *o == Outcome::Verified => {
                    Some(*form)
                }
                _ => None,
            });
            if let Some(form) = forged {
                out.push(Finding::KeyConfusionForged {
                    alg: alg.clone(),
                    key: r.clone(),
                    form,
                });
            }
        }
    }

    if verified.is_empty() && cx.sig_usable {
        unchecked += cx.mixup_unchecked;
        for (a, o) in &results {
            if let (Purpose::KidMixUp(i), Outcome::Verified) = (&a.purpose, o) {
                if let Some(c) = v.candidates.get(*i) {
                    out.push(Finding::OtherKeyVerifies { key: c.key.clone() });
                }
            }
        }
        for r in &tried {
            let Some(reading) = results.iter().find_map(|(a, o)| match &a.purpose {
                Purpose::SecretReading { key, reading } if key == r && *o == Outcome::Verified => {
                    Some(*reading)
                }
                _ => None,
            }) else {
                continue;
            };
            let used = plan
                .attempts
                .iter()
                .find_map(|a| match (&a.purpose, &a.key) {
                    (Purpose::Candidate(i), PublicKey::Hmac { encoding, .. })
                        if v.candidates.get(*i).is_some_and(|c| &c.key == r) =>
                    {
                        Some(*encoding)
                    }
                    _ => None,
                });
            if let Some(used) = used {
                out.push(Finding::HmacSecretEncoding {
                    key: r.clone(),
                    used,
                    works_as: reading,
                });
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
        if let (Some(token_kid), Some(key_kid)) = (token_kid, &r.kid) {
            if !plan.set_is_jwks(r.set) && token_kid != key_kid {
                out.push(Finding::PastedKeyKidDiffers {
                    token_kid: token_kid.clone(),
                    key: r.clone(),
                });
            }
        }
    }
    out.extend(high_s.into_iter().map(|key| Finding::EcdsaHighS { key }));
    let capped_untried = if verified.is_empty() { 0 } else { cx.untried };
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

impl Plan {
    fn set_is_jwks(&self, set: usize) -> bool {
        self.set_origins.get(set) == Some(&SetOrigin::Jwks)
    }
}
