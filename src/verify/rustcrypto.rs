//! The planned signature checks made with RustCrypto (pure Rust, no browser): the engine for
//! native builds and tests, and in the page's worker for what WebCrypto lacks (ES256K) and the
//! second opinion.
//!
//! Owns [`check`] (one attempt) and [`outcomes`] (a whole plan, rounds in order). Must not
//! decide anything beyond "does this signature verify with this key".
//!
//! Without the `rustcrypto` cargo feature (the app's wasm build, where WebCrypto makes these
//! checks) no algorithm is built in: every check is [`Outcome::CouldNotCheck`] with
//! [`NOT_IN_THIS_BUILD`], and the page sends ES256K (which WebCrypto lacks) and the second
//! opinion to a separate worker module built with the feature.

use super::plan::{Attempt, Plan, Round};
use super::{ec, Family, Outcome};
#[cfg(feature = "rustcrypto")]
use super::{eddsa, hmac, rsa, Check};
use crate::jose::jwk::PublicKey;

/// The engine error of a check this build cannot make (see the module notes).
pub const NOT_IN_THIS_BUILD: &str = "NotInThisBuild";

/// True when this build can make every check itself (the `rustcrypto` feature).
pub const COMPLETE: bool = cfg!(feature = "rustcrypto");

/// Makes one planned check over the plan's signing input.
pub fn check(plan: &Plan, attempt: &Attempt) -> Outcome {
    let msg = plan.signing_input();
    let sig = attempt.signature.as_slice();
    let valid: Option<bool> = match (attempt.family, &attempt.key) {
        (Family::Ecdsa(_), PublicKey::Ec { curve, point }) => {
            ec::verify(*curve, point, msg, sig).map(|c| c.valid)
        }
        #[cfg(feature = "rustcrypto")]
        (Family::Hmac(h), PublicKey::Hmac { bytes, .. }) => {
            Some(hmac::verify(h, bytes.expose(), msg, sig))
        }
        #[cfg(feature = "rustcrypto")]
        (Family::RsaPkcs1(h), PublicKey::Rsa { n, e, .. }) => {
            Some(rsa::verify(rsa::Scheme::Pkcs1v15, h, n, e, msg, sig) == Check::Valid)
        }
        #[cfg(feature = "rustcrypto")]
        (Family::RsaPss(h), PublicKey::Rsa { n, e, .. }) => {
            Some(rsa::verify(rsa::Scheme::Pss, h, n, e, msg, sig) == Check::Valid)
        }
        #[cfg(feature = "rustcrypto")]
        (Family::EdDsa, PublicKey::Ed25519 { x }) => {
            Some(eddsa::verify(x, msg, sig) == Check::Valid)
        }
        #[cfg(not(feature = "rustcrypto"))]
        (Family::Hmac(_) | Family::RsaPkcs1(_) | Family::RsaPss(_) | Family::EdDsa, _) => None,
        _ => Some(false),
    };
    match valid {
        Some(true) => Outcome::Verified,
        Some(false) => Outcome::NotVerified,
        None => Outcome::CouldNotCheck {
            error: NOT_IN_THIS_BUILD.to_owned(),
        },
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
