//! The planned signature checks made with RustCrypto (pure Rust, no browser): the engine for
//! native builds and tests, for what WebCrypto lacks (ES256K), and the second opinion.
//!
//! Owns [`check`] (one attempt) and [`outcomes`] (a whole plan, rounds in order). Must not
//! decide anything beyond "does this signature verify with this key".

use super::plan::{Attempt, Plan, Round};
use super::{ec, eddsa, hmac, rsa, Check, Family, Outcome};
use crate::jose::jwk::PublicKey;

/// Makes one planned check over the plan's signing input.
pub fn check(plan: &Plan, attempt: &Attempt) -> Outcome {
    let msg = plan.signing_input();
    let sig = attempt.signature.as_slice();
    let valid = match (attempt.family, &attempt.key) {
        (Family::Hmac(h), PublicKey::Hmac { bytes, .. }) => {
            hmac::verify(h, bytes.expose(), msg, sig)
        }
        (Family::RsaPkcs1(h), PublicKey::Rsa { n, e, .. }) => {
            rsa::verify(rsa::Scheme::Pkcs1v15, h, n, e, msg, sig) == Check::Valid
        }
        (Family::RsaPss(h), PublicKey::Rsa { n, e, .. }) => {
            rsa::verify(rsa::Scheme::Pss, h, n, e, msg, sig) == Check::Valid
        }
        (Family::Ecdsa(_), PublicKey::Ec { curve, point }) => {
            ec::verify(*curve, point, msg, sig).valid
        }
        (Family::EdDsa, PublicKey::Ed25519 { x }) => eddsa::verify(x, msg, sig) == Check::Valid,
        _ => false,
    };
    if valid {
        Outcome::Verified
    } else {
        Outcome::NotVerified
    }
}

/// Makes every check a plan needs: the first round, then the second only when no candidate
/// verified (the others are [`Outcome::NotRun`]).
pub fn outcomes(plan: &Plan) -> Vec<Outcome> {
    let mut out: Vec<Outcome> = plan
        .attempts()
        .iter()
        .map(|a| match a.round {
            Round::First => check(plan, a),
            Round::IfNoneVerified => Outcome::NotRun,
        })
        .collect();
    if plan.second_round_needed(&out) {
        for (a, o) in plan.attempts().iter().zip(out.iter_mut()) {
            if a.round == Round::IfNoneVerified {
                *o = check(plan, a);
            }
        }
    }
    out
}
