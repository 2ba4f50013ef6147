//! A plan's signature checks as bytes, and their outcomes back: what the page sends to the
//! RustCrypto second-opinion worker (a separate wasm module, so that the app's own module needs
//! no RSA or NIST-curve code) and what the worker answers.
//!
//! Owns [`encode_checks`], [`decode_checks`], [`encode_outcomes`] and [`decode_outcomes`].
//! A decoded plan carries only what making the checks needs (the signing input and the
//! attempts: family, key, signature, round, whether it is a candidate check); it is for
//! [`super::rustcrypto::outcomes`], never for [`super::conclude`], which takes the original
//! plan. Decoding is total: any malformed byte string is `None`, never a panic.

use super::plan::{Attempt, Plan, Purpose, Round};
use super::{Family, Hash, Outcome};
use crate::jose::jwk::{Curve, HmacEncoding, PublicKey, SecretBytes};

/// The format's version, first byte of every request.
const VERSION: u8 = 1;

/// The checks of `plan`, as bytes for [`decode_checks`].
pub fn encode_checks(plan: &Plan) -> Vec<u8> {
    encode(plan, plan.attempts().iter().collect(), None)
}

/// The checks of `plan` at `indexes` (in [`Plan::attempts`]; others are left out), each to be
/// made whatever the others' outcomes (as [`Round::First`]): what the page sends when it makes
/// the other checks itself and only these need RustCrypto (ES256K). The answer has one outcome
/// per index, in the order given.
pub fn encode_checks_at(plan: &Plan, indexes: &[usize]) -> Vec<u8> {
    let picked = indexes
        .iter()
        .filter_map(|&i| plan.attempts().get(i))
        .collect();
    encode(plan, picked, Some(Round::First))
}

fn encode(plan: &Plan, attempts: Vec<&Attempt>, round: Option<Round>) -> Vec<u8> {
    let mut w = Writer(vec![VERSION]);
    w.bytes(plan.signing_input());
    w.len(attempts.len());
    for a in attempts {
        match a.purpose {
            Purpose::Candidate(i) => {
                w.0.push(0);
                w.len(i);
            }
            Purpose::DerConverted(_)
            | Purpose::KeyConfusion { .. }
            | Purpose::KidMixUp(_)
            | Purpose::SecretReading { .. } => w.0.push(1),
        }
        w.0.push(match round.unwrap_or(a.round) {
            Round::First => 0,
            Round::IfNoneVerified => 1,
        });
        let (tag, param) = match a.family {
            Family::Hmac(h) => (0, hash_code(h)),
            Family::RsaPkcs1(h) => (1, hash_code(h)),
            Family::RsaPss(h) => (2, hash_code(h)),
            Family::Ecdsa(c) => (3, curve_code(c)),
            Family::EdDsa => (4, 0),
        };
        w.0.extend([tag, param]);
        match &a.key {
            PublicKey::Rsa { n, e, bits } => {
                w.0.push(0);
                w.bytes(n);
                w.bytes(e);
                w.len(*bits);
            }
            PublicKey::Ec { curve, point } => {
                w.0.push(1);
                w.0.push(curve_code(*curve));
                w.bytes(point);
            }
            PublicKey::Ed25519 { x } => {
                w.0.push(2);
                w.bytes(x);
            }
            PublicKey::Hmac { bytes, .. } => {
                w.0.push(3);
                w.bytes(bytes.expose());
            }
        }
        w.bytes(&a.signature);
        w.0.push(u8::from(a.high_s));
    }
    w.0
}

/// The plan [`encode_checks`] wrote, for making its checks; `None` when `bytes` is not one.
pub fn decode_checks(bytes: &[u8]) -> Option<Plan> {
    let mut r = Reader(bytes);
    if r.byte()? != VERSION {
        return None;
    }
    let signing_input = r.bytes()?.to_vec();
    let count = r.len()?;
    let mut attempts = Vec::new();
    for _ in 0..count {
        let purpose = match r.byte()? {
            0 => Purpose::Candidate(r.len()?),
            // Only "is it a candidate check" matters for making the checks (the second round).
            1 => Purpose::DerConverted(0),
            _ => return None,
        };
        let round = match r.byte()? {
            0 => Round::First,
            1 => Round::IfNoneVerified,
            _ => return None,
        };
        let (tag, param) = (r.byte()?, r.byte()?);
        let family = match tag {
            0 => Family::Hmac(hash_of(param)?),
            1 => Family::RsaPkcs1(hash_of(param)?),
            2 => Family::RsaPss(hash_of(param)?),
            3 => Family::Ecdsa(curve_of(param)?),
            4 => Family::EdDsa,
            _ => return None,
        };
        let key = match r.byte()? {
            0 => PublicKey::Rsa {
                n: r.bytes()?.to_vec(),
                e: r.bytes()?.to_vec(),
                bits: r.len()?,
            },
            1 => PublicKey::Ec {
                curve: curve_of(r.byte()?)?,
                point: r.bytes()?.to_vec(),
            },
            2 => PublicKey::Ed25519 {
                x: r.bytes()?.try_into().ok()?,
            },
            3 => PublicKey::Hmac {
                bytes: SecretBytes::new(r.bytes()?.to_vec()),
                encoding: HmacEncoding::Text,
                typed: None,
            },
            _ => return None,
        };
        let signature = r.bytes()?.to_vec();
        let high_s = match r.byte()? {
            0 => false,
            1 => true,
            _ => return None,
        };
        attempts.push(Attempt {
            purpose,
            round,
            family,
            key,
            signature,
            high_s,
        });
    }
    if !r.0.is_empty() {
        return None;
    }
    Some(Plan {
        signing_input,
        attempts,
        ..Plan::default()
    })
}

/// One outcome per attempt, as bytes for [`decode_outcomes`].
pub fn encode_outcomes(outcomes: &[Outcome]) -> Vec<u8> {
    let mut w = Writer(Vec::new());
    w.len(outcomes.len());
    for o in outcomes {
        match o {
            Outcome::NotRun => w.0.push(0),
            Outcome::Verified => w.0.push(1),
            Outcome::NotVerified => w.0.push(2),
            Outcome::CouldNotCheck { error } => {
                w.0.push(3);
                w.bytes(error.as_bytes());
            }
            Outcome::WorkerFailed { reason } => {
                w.0.push(4);
                w.bytes(reason.as_bytes());
            }
        }
    }
    w.0
}

/// The outcomes [`encode_outcomes`] wrote; `None` when `bytes` is not that.
pub fn decode_outcomes(bytes: &[u8]) -> Option<Vec<Outcome>> {
    let mut r = Reader(bytes);
    let count = r.len()?;
    let mut out = Vec::new();
    for _ in 0..count {
        out.push(match r.byte()? {
            0 => Outcome::NotRun,
            1 => Outcome::Verified,
            2 => Outcome::NotVerified,
            3 => Outcome::CouldNotCheck {
                error: String::from_utf8_lossy(r.bytes()?).into_owned(),
            },
            4 => Outcome::WorkerFailed {
                reason: String::from_utf8_lossy(r.bytes()?).into_owned(),
            },
            _ => return None,
        });
    }
    r.0.is_empty().then_some(out)
}

fn hash_code(h: Hash) -> u8 {
    match h {
        Hash::Sha256 => 0,
        Hash::Sha384 => 1,
        Hash::Sha512 => 2,
    }
}

fn hash_of(code: u8) -> Option<Hash> {
    [Hash::Sha256, Hash::Sha384, Hash::Sha512]
        .into_iter()
        .find(|&h| hash_code(h) == code)
}

fn curve_code(c: Curve) -> u8 {
    match c {
        Curve::P256 => 0,
        Curve::P384 => 1,
        Curve::P521 => 2,
        Curve::Secp256k1 => 3,
    }
}

fn curve_of(code: u8) -> Option<Curve> {
    [Curve::P256, Curve::P384, Curve::P521, Curve::Secp256k1]
        .into_iter()
        .find(|&c| curve_code(c) == code)
}

struct Writer(Vec<u8>);

impl Writer {
    fn len(&mut self, n: usize) {
        // Lengths and indexes beyond u32 cannot occur (inputs are capped far below 4 GiB).
        self.0
            .extend(u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
    }

    fn bytes(&mut self, b: &[u8]) {
        self.len(b.len());
        self.0.extend_from_slice(b);
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }

    fn len(&mut self) -> Option<usize> {
        let (head, rest) = self.0.split_first_chunk::<4>()?;
        self.0 = rest;
        usize::try_from(u32::from_le_bytes(*head)).ok()
    }

    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.len()?;
        let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        Some(head)
    }
}

#[cfg(all(test, feature = "rustcrypto"))]
mod tests {
    use super::*;
    use crate::jose::jwk::parse_jwks;
    use crate::verify::{plan_compact, rustcrypto};

    const DEMO: &str = include_str!("../../static/demo/authentication-result.json");
    const DEMO_KEYS: &str = include_str!("../../static/demo/jwks.json");

    #[test]
    fn a_decoded_plan_gets_the_same_outcomes_as_the_original_and_outcomes_round_trip() {
        let keys = parse_jwks(DEMO_KEYS.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
        let mut signed = 0;
        for c in crate::input::extract(DEMO).candidates {
            let plan = plan_compact(&c.token, &[&keys]);
            let Some(decoded) = decode_checks(&encode_checks(&plan)) else {
                panic!("a plan's own bytes decode");
            };
            let outcomes = rustcrypto::outcomes(&plan);
            assert_eq!(rustcrypto::outcomes(&decoded), outcomes);
            assert_eq!(decode_outcomes(&encode_outcomes(&outcomes)), Some(outcomes));
            signed += usize::from(!plan.attempts().is_empty());
        }
        assert_eq!(signed, 2);
    }

    #[test]
    fn checks_picked_by_index_are_all_made_and_answered_in_that_order() {
        let keys = parse_jwks(DEMO_KEYS.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
        let Some(c) = crate::input::extract(DEMO).candidates.into_iter().next() else {
            panic!("the demo has candidates");
        };
        let plan = plan_compact(&c.token, &[&keys]);
        let all = rustcrypto::outcomes(&plan);
        let Some(last) = all.len().checked_sub(1) else {
            panic!("the demo token has checks");
        };
        let Some(picked) = decode_checks(&encode_checks_at(&plan, &[last, 0, last + 9])) else {
            panic!("picked checks decode");
        };
        assert!(picked.attempts().iter().all(|a| a.round == Round::First));
        let mut expected = vec![rustcrypto::check(&plan, &plan.attempts()[last])];
        expected.push(rustcrypto::check(&plan, &plan.attempts()[0]));
        assert_eq!(rustcrypto::outcomes(&picked), expected);
    }

    #[test]
    fn truncated_or_extended_bytes_are_refused_not_a_panic() {
        let keys = parse_jwks(DEMO_KEYS.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
        let Some(c) = crate::input::extract(DEMO).candidates.into_iter().next() else {
            panic!("the demo has candidates");
        };
        let bytes = encode_checks(&plan_compact(&c.token, &[&keys]));
        for cut in 0..bytes.len() {
            assert!(decode_checks(bytes.get(..cut).unwrap_or_default()).is_none());
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode_checks(&longer).is_none());
        let error = vec![
            Outcome::CouldNotCheck {
                error: "DataError".into(),
            },
            Outcome::WorkerFailed {
                reason: "the RustCrypto worker did not load".into(),
            },
        ];
        assert_eq!(
            decode_outcomes(&encode_outcomes(&error)),
            Some(error.clone())
        );
        let b = encode_outcomes(&error);
        assert_eq!(
            decode_outcomes(b.get(..b.len() - 1).unwrap_or_default()),
            None
        );
    }
}
