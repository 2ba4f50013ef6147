//! Step 2 of verification: from the outcome of each planned signature check to the findings.
//!
//! Owns [`Outcome`] and [`conclude`]. The verdict is derived from the findings
//! ([`Verification::verdict`]); nothing here checks a signature or calls the browser. Must not
//! produce prose. Never panics on input.

use super::plan::{Attempt, Context, Plan, Purpose};
use super::{
    Candidate, Decision, Engine, Family, Finding, KeyRef, SkipReason, Verification,
    MAX_KEY_ATTEMPTS,
};
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
    /// Not made: the RustCrypto worker that makes the checks WebCrypto lacks (ES256K) could not
    /// run in the page.
    WorkerFailed {
        /// Why, as the page saw it (the worker did not load, gave an unreadable answer…).
        reason: String,
    },
    /// Not made: a [`super::Round::IfNoneVerified`] check when a first-round check verified.
    NotRun,
}

impl Outcome {
    /// True when an engine made the check (whatever it found, or its error), false when it was
    /// not run or the worker meant to make it could not run.
    pub fn made(&self) -> bool {
        match self {
            Outcome::Verified | Outcome::NotVerified | Outcome::CouldNotCheck { .. } => true,
            Outcome::WorkerFailed { .. } | Outcome::NotRun => false,
        }
    }
}

/// Why candidate checks could not be made.
enum NotChecked {
    /// The engine raised this error.
    Engine(String),
    /// The RustCrypto worker could not run, for this reason.
    Worker(String),
}

/// Derives the [`Verification`] from a plan and one outcome per attempt, in the order of
/// [`Plan::attempts`] (missing outcomes count as [`Outcome::NotRun`]).
pub fn conclude(plan: &Plan, outcomes: &[Outcome]) -> Verification {
    let mut v = plan.partial.clone();
    let Some(cx) = &plan.context else {
        return v;
    };
    let results: Vec<(&Attempt, Outcome)> = plan
        .attempts
        .iter()
        .enumerate()
        .map(|(i, a)| (a, outcomes.get(i).cloned().unwrap_or(Outcome::NotRun)))
        .collect();
    let recorded = record_candidates(&mut v, &results);
    if let Some(der) = der_finding(cx, &v, &results) {
        v.findings.push(der);
    }
    let keys = |pred: &dyn Fn(&Decision) -> bool| -> Vec<KeyRef> {
        v.candidates
            .iter()
            .filter(|c| pred(&c.decision))
            .map(|c| c.key.clone())
            .collect()
    };
    let verified = keys(&|d| *d == Decision::Verified);
    let tried = keys(&|d| {
        matches!(
            d,
            Decision::Verified | Decision::Mismatch | Decision::WrongSignatureLength { .. }
        )
    });

    let mut out = signature_findings(cx, &v, &verified, &tried, recorded.uncheckable);
    let mut unchecked = 0usize;
    if let (Family::Hmac(_), true) = (cx.fam, cx.sig_usable) {
        unchecked += cx.confusion_unchecked;
        out.extend(forged_findings(cx, &results));
    }
    if verified.is_empty() && cx.sig_usable {
        unchecked += cx.mixup_unchecked;
        out.extend(mix_up_findings(plan, &v, &results, &tried));
    }
    let deciding = if verified.is_empty() {
        &tried
    } else {
        &verified
    };
    out.extend(weaknesses(plan, cx, deciding));
    out.extend(
        recorded
            .high_s
            .into_iter()
            .map(|key| Finding::EcdsaHighS { key }),
    );
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

/// The verification before any check is made: final when the plan has no checks to make
/// (no keys, `alg: none`, a wrong key type…), otherwise the partial result with
/// [`Finding::SignaturePending`], whose verdict is never valid or invalid.
pub fn pending(plan: &Plan) -> Verification {
    if plan.attempts.is_empty() {
        return conclude(plan, &[]);
    }
    let mut v = plan.partial.clone();
    if let Some(cx) = &plan.context {
        let webcrypto = plan.attempts.iter().all(|a| a.webcrypto().is_some());
        v.findings.push(Finding::SignaturePending {
            alg: cx.alg.clone(),
            engine: if webcrypto {
                Engine::WebCrypto
            } else {
                Engine::RustCrypto
            },
            checks: plan.attempts.len(),
        });
    }
    v
}

/// What the candidate checks' outcomes left beside the decisions.
struct Recorded {
    /// Verified ES256K keys whose signature had a high `s`.
    high_s: Vec<KeyRef>,
    /// Keys whose check could not be made, and the first reason.
    uncheckable: Option<(Vec<KeyRef>, NotChecked)>,
}

/// Sets each tried candidate's decision from its outcome.
fn record_candidates(v: &mut Verification, results: &[(&Attempt, Outcome)]) -> Recorded {
    let mut high_s = Vec::new();
    let mut uncheckable: Option<(Vec<KeyRef>, NotChecked)> = None;
    for (a, o) in results {
        let Purpose::Candidate(i) = a.purpose else {
            continue;
        };
        let Some(c) = v.candidates.get_mut(i) else {
            continue;
        };
        let error = match o {
            Outcome::Verified => {
                c.decision = Decision::Verified;
                if a.high_s {
                    high_s.push(c.key.clone());
                }
                continue;
            }
            Outcome::NotVerified => {
                c.decision = Decision::Mismatch;
                continue;
            }
            Outcome::CouldNotCheck { error } => NotChecked::Engine(error.clone()),
            Outcome::WorkerFailed { reason } => NotChecked::Worker(reason.clone()),
            Outcome::NotRun => NotChecked::Engine("NotRun".to_owned()),
        };
        uncheckable
            .get_or_insert_with(|| (Vec::new(), error))
            .0
            .push(c.key.clone());
    }
    Recorded {
        high_s,
        uncheckable,
    }
}

/// A DER ECDSA signature, with the key it verifies with once converted.
fn der_finding(cx: &Context, v: &Verification, results: &[(&Attempt, Outcome)]) -> Option<Finding> {
    let (Some((actual, expected)), Family::Ecdsa(_)) = (cx.der, cx.fam) else {
        return None;
    };
    let verifies_with = results.iter().find_map(|(a, o)| match a.purpose {
        Purpose::DerConverted(i) if *o == Outcome::Verified => {
            v.candidates.get(i).map(|c| c.key.clone())
        }
        _ => None,
    });
    Some(Finding::EcdsaDerSignature {
        alg: cx.alg.clone(),
        actual,
        expected,
        verifies_with,
    })
}

/// (the keys' signature length, the token's) when every key tried needs a longer signature than
/// the token's: an RSA signature cut short, most likely when the token was copied.
fn shorter_than_every_key(v: &Verification) -> Option<(usize, usize)> {
    let mut short = None;
    for c in &v.candidates {
        match c.decision {
            Decision::WrongSignatureLength { expected, actual } if actual < expected => {
                short = Some((expected, actual));
            }
            Decision::Mismatch | Decision::WrongSignatureLength { .. } => return None,
            _ => {}
        }
    }
    short
}

/// The finding the verdict rests on: valid, not checked, mismatch, or why no key was tried.
fn signature_findings(
    cx: &Context,
    v: &Verification,
    verified: &[KeyRef],
    tried: &[KeyRef],
    uncheckable: Option<(Vec<KeyRef>, NotChecked)>,
) -> Vec<Finding> {
    let alg = cx.alg.clone();
    if let Some(first) = verified.first() {
        let mut out = vec![Finding::SignatureValid {
            alg,
            key: first.clone(),
        }];
        if cx.token_kid.is_none() && cx.compatible.len() > 1 {
            out.push(Finding::NoKidMultipleKeys {
                tried: tried.to_vec(),
                verified: verified.to_vec(),
            });
        }
        return out;
    }
    if let Some((keys, why)) = uncheckable {
        return vec![match why {
            NotChecked::Engine(error) => Finding::SignatureNotChecked { alg, keys, error },
            NotChecked::Worker(reason) => Finding::RustCryptoUnavailable { alg, keys, reason },
        }];
    }
    if !tried.is_empty() {
        return vec![if cx.untried > 0 {
            Finding::TooManyCandidateKeys {
                alg,
                tried: tried.to_vec(),
                untried: cx.untried,
            }
        } else {
            Finding::SignatureMismatch {
                alg,
                keys: tried.to_vec(),
                short: shorter_than_every_key(v),
            }
        }];
    }
    if !cx.compatible.is_empty() {
        return Vec::new();
    }
    let considered: Vec<&Candidate> = v
        .candidates
        .iter()
        .filter(|c| c.decision != Decision::Skipped(SkipReason::KidDiffers))
        .collect();
    let all_wrong_type = !considered.is_empty()
        && considered
            .iter()
            .all(|c| c.decision == Decision::Skipped(SkipReason::WrongKeyType));
    if !cx.confusion.is_empty() {
        vec![Finding::KeyConfusion {
            alg,
            keys: cx.confusion.clone(),
        }]
    } else if all_wrong_type {
        vec![Finding::AlgKeyMismatch {
            alg,
            keys: considered.iter().map(|c| c.key.clone()).collect(),
        }]
    } else if !considered.is_empty() {
        vec![Finding::NoUsableKey {
            alg,
            skipped: considered.len(),
        }]
    } else {
        Vec::new()
    }
}

/// Key confusion: the first byte form of each public key that verifies.
fn forged_findings(cx: &Context, results: &[(&Attempt, Outcome)]) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in &cx.confusion {
        let forged = results.iter().find_map(|(a, o)| match &a.purpose {
            Purpose::KeyConfusion { key, form } if key == r && *o == Outcome::Verified => {
                Some(*form)
            }
            _ => None,
        });
        if let Some(form) = forged {
            out.push(Finding::KeyConfusionForged {
                alg: cx.alg.clone(),
                key: r.clone(),
                form,
            });
        }
    }
    out
}

/// When nothing verified: another key that matches (a kid mix-up), and an HMAC secret that
/// matches when read another way.
fn mix_up_findings(
    plan: &Plan,
    v: &Verification,
    results: &[(&Attempt, Outcome)],
    tried: &[KeyRef],
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (a, o) in results {
        if let (Purpose::KidMixUp(i), Outcome::Verified) = (&a.purpose, o) {
            if let Some(c) = v.candidates.get(*i) {
                out.push(Finding::OtherKeyVerifies { key: c.key.clone() });
            }
        }
    }
    for r in tried {
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
    out
}

/// Weaknesses of the keys the verdict rests on.
fn weaknesses(plan: &Plan, cx: &Context, deciding: &[KeyRef]) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in deciding {
        match r.kind {
            KeyKind::Rsa { bits } if bits < 2048 => out.push(Finding::WeakRsaKey {
                key: r.clone(),
                bits,
            }),
            KeyKind::Hmac { bytes, .. } => {
                if let Family::Hmac(h) = cx.fam {
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
        if let (Some(token_kid), Some(key_kid)) = (&cx.token_kid, &r.kid) {
            if !plan.set_is_jwks(r.set) && token_kid != key_kid {
                out.push(Finding::PastedKeyKidDiffers {
                    token_kid: token_kid.clone(),
                    key: r.clone(),
                });
            }
        }
    }
    out
}

impl Plan {
    fn set_is_jwks(&self, set: usize) -> bool {
        self.set_origins.get(set) == Some(&SetOrigin::Jwks)
    }
}
