//! Diagnosis: findings about a token and, in [`explain`], every sentence the user reads.
//!
//! Owns judgement beyond the signature: claims, token identity, security lints, gateway
//! profiles and gateway answers. Pure: time arrives as `now`, keys and verification results
//! as values. Must not parse, fetch or read a clock itself.

pub mod choose;
pub mod claims;
pub mod config;
pub mod finding;
pub mod identity;
pub mod lints;
pub mod profiles;
pub mod response;

use std::rc::Rc;

use crate::input::Candidate;
use crate::jose::jwk::KeySet;
use crate::jose::{self, Claims, Header, Parsed, Payload};
use crate::verify::{self, Verification};
use config::Target;
use finding::{Finding, Severity, Stage, Status};
use identity::Identity;
use profiles::{ProfileResult, TokenFacts};

/// Everything known about one token, owned, so that several tokens can be judged side by side.
#[derive(Debug, Clone)]
pub struct Facts {
    /// True when the token is a JWE (its protected header is [`Facts::header`]).
    pub encrypted: bool,
    /// What signature verification found.
    pub verification: Verification,
    /// What kind of token it is.
    pub identity: Identity,
    /// The token as parsed, shared (the header and claims are read from it, and the decoded
    /// view never parses it again); `None` when it does not parse.
    pub parsed: Option<Rc<Parsed>>,
}

/// Decodes, verifies and identifies one candidate.
pub fn facts(candidate: &Candidate, keys: &[&KeySet]) -> Facts {
    facts_with(candidate, &|_| keys.to_vec())
}

/// [`facts`] with the keys chosen by the token's `iss` (fetched keys belong to the issuer they
/// were fetched for: `fetch_policy::key_set_use`), every signature check made with RustCrypto.
pub fn facts_with<'k>(
    candidate: &Candidate,
    keys_for: &dyn Fn(Option<&str>) -> Vec<&'k KeySet>,
) -> Facts {
    let (facts, plan) = facts_planned_with(candidate, keys_for);
    facts.concluded(&plan, &verify::rustcrypto::outcomes(&plan))
}

/// Decodes, identifies and plans the verification of one candidate, making no signature check:
/// the facts carry [`verify::pending`] (final when no check is needed), and the [`verify::Plan`]
/// lists the checks for any engine to make; [`Facts::concluded`] takes their outcomes.
pub fn facts_planned_with<'k>(
    candidate: &Candidate,
    keys_for: &dyn Fn(Option<&str>) -> Vec<&'k KeySet>,
) -> (Facts, verify::Plan) {
    let parsed = jose::parse_unverified(&candidate.token).ok().map(Rc::new);
    let header = parsed.as_deref().and_then(header_of);
    let claims = parsed.as_deref().and_then(claims_of);
    let encrypted = matches!(parsed.as_deref(), Some(Parsed::Jwe(_)));
    let identity = if encrypted {
        identity::identify(None, None, header)
    } else {
        identity::identify(header, claims, None)
    };
    let iss = claims.and_then(|c| c.iss.present()).map(String::as_str);
    let keys = keys_for(iss);
    // The token is parsed once: the plan takes the parse above.
    let plan = match parsed.as_deref() {
        Some(p) => verify::plan_parsed(p, &keys),
        None => verify::plan_compact(&candidate.token, &keys),
    };
    let facts = Facts {
        verification: verify::pending(&plan),
        encrypted,
        identity,
        parsed,
    };
    (facts, plan)
}

/// Every candidate's facts with its signature checks planned, not made (see
/// [`facts_planned_with`]): `facts[i]` and `plans[i]` belong to `candidates[i]`.
#[derive(Debug, Clone, Default)]
pub struct Planned {
    /// The facts, each verification pending or final.
    pub facts: Vec<Facts>,
    /// The signature checks each candidate needs.
    pub plans: Vec<verify::Plan>,
}

/// [`facts_planned_with`] for every candidate.
pub fn facts_of_all_planned_with<'k>(
    candidates: &[Candidate],
    keys_for: &dyn Fn(Option<&str>) -> Vec<&'k KeySet>,
) -> Planned {
    let (facts, plans) = candidates
        .iter()
        .map(|c| facts_planned_with(c, keys_for))
        .unzip();
    Planned { facts, plans }
}

/// A JWS header, or a JWE's protected header.
fn header_of(parsed: &Parsed) -> Option<&Header> {
    match parsed {
        Parsed::Jws(jwt) => jwt.header.as_ref().ok(),
        Parsed::Jwe(jwe) => jwe.header.as_ref().ok(),
    }
}

/// The claims of a JWS whose payload is a JSON object.
fn claims_of(parsed: &Parsed) -> Option<&Claims> {
    match parsed {
        Parsed::Jws(jwt) => match &jwt.payload {
            Ok(Payload::Json { doc, claims }) if doc.value.as_object().is_some() => Some(claims),
            _ => None,
        },
        Parsed::Jwe(_) => None,
    }
}

impl Facts {
    /// The decoded JWS header, or a JWE's protected header.
    pub fn header(&self) -> Option<&Header> {
        self.parsed.as_deref().and_then(header_of)
    }

    /// The claims, when the payload is a JSON object.
    pub fn claims(&self) -> Option<&Claims> {
        self.parsed.as_deref().and_then(claims_of)
    }

    /// These facts with the verification concluded from `plan` (the plan they were made with)
    /// and one outcome per planned check, whichever engine made them ([`verify::conclude`]).
    pub fn concluded(&self, plan: &verify::Plan, outcomes: &[verify::Outcome]) -> Facts {
        Facts {
            verification: verify::conclude(plan, outcomes),
            ..self.clone()
        }
    }

    /// The view of these facts that profiles take.
    pub fn token<'a>(&'a self, candidate: &'a Candidate) -> TokenFacts<'a> {
        TokenFacts {
            candidate,
            header: if self.encrypted { None } else { self.header() },
            claims: self.claims(),
            verification: &self.verification,
            kind: &self.identity.kind,
        }
    }
}

/// Everything the diagnosis found for the selected token.
#[derive(Debug, Clone)]
pub struct Diagnosis {
    /// The selected token's facts.
    pub facts: Facts,
    /// Token-level findings, in stage order (stable within a stage).
    pub findings: Vec<Finding>,
    /// One result per gateway profile.
    pub profiles: Vec<ProfileResult>,
    /// When several tokens were pasted: which to send, per profile.
    pub choices: Vec<choose::Choice>,
}

/// The expectations a diagnosis is made against.
#[derive(Debug, Clone, Copy)]
pub struct Expectations<'a> {
    /// Keys to verify with (pasted, fetched, demo).
    pub keys: &'a [&'a KeySet],
    /// What the user said about the gateway (empty = judge from the token alone).
    pub target: &'a Target,
    /// Seconds since the epoch.
    pub now: i64,
    /// Clock leeway in seconds (0 by default, as the AWS verifiers use).
    pub leeway: i64,
}

/// Decodes, verifies and identifies every candidate once (see [`facts`]).
pub fn facts_of_all(candidates: &[Candidate], keys: &[&KeySet]) -> Vec<Facts> {
    candidates.iter().map(|c| facts(c, keys)).collect()
}

/// [`facts_of_all`] with the keys chosen per token by its `iss` (see [`facts_with`]).
pub fn facts_of_all_with<'k>(
    candidates: &[Candidate],
    keys_for: &dyn Fn(Option<&str>) -> Vec<&'k KeySet>,
) -> Vec<Facts> {
    candidates.iter().map(|c| facts_with(c, keys_for)).collect()
}

/// Judges `candidates[selected]` at every stage it can, never stopping at the first failure,
/// and, with several candidates, which one each profile should be sent.
pub fn diagnose(candidates: &[Candidate], selected: usize, e: &Expectations) -> Option<Diagnosis> {
    diagnose_facts(candidates, &facts_of_all(candidates, e.keys), selected, e)
}

/// [`diagnose`] on facts already made by [`facts_of_all`] (`all[i]` belongs to
/// `candidates[i]`), so that a page which shows every candidate verifies each only once.
pub fn diagnose_facts(
    candidates: &[Candidate],
    all: &[Facts],
    selected: usize,
    e: &Expectations,
) -> Option<Diagnosis> {
    let candidate = candidates.get(selected)?;
    let facts = all.get(selected)?.clone();

    let mut findings: Vec<Finding> = facts.identity.findings.clone();
    match facts.claims() {
        Some(claims) => {
            let expect = claims::Expect {
                now: e.now,
                leeway: e.leeway,
            };
            findings.extend(claims::check_times(claims, &expect));
        }
        None => findings.push(claims_skipped(candidate, facts.encrypted)),
    }
    let has_no_exp = findings.iter().any(|f| f.code == "no_exp");
    findings.extend(
        lints::lint(
            facts.header().filter(|_| !facts.encrypted),
            facts.claims(),
            &facts.identity,
            e.keys,
        )
        .into_iter()
        // `check_times` already says a token without exp never expires.
        .filter(|f| !(has_no_exp && f.code == "token_never_expires")),
    );
    let findings = by_stage(findings);

    let profiles = profiles::judge_all(&facts.token(candidate), e.target, e.now, e.leeway);
    let choices = if candidates.len() > 1 {
        let tokens: Vec<TokenFacts> = candidates
            .iter()
            .zip(all)
            .map(|(c, f)| f.token(c))
            .collect();
        choose::choose(&tokens, e.target, e.now, e.leeway)
    } else {
        Vec::new()
    };
    Some(Diagnosis {
        facts,
        findings,
        profiles,
        choices,
    })
}

/// The findings in stage order, stable within a stage.
fn by_stage(findings: Vec<Finding>) -> Vec<Finding> {
    crate::input::stable_by_key(findings, |f| f.stage as usize)
}

fn claims_skipped(candidate: &Candidate, encrypted: bool) -> Finding {
    let reason = if encrypted {
        finding::SkipReason::Encrypted
    } else if candidate.shape == crate::input::Shape::Opaque {
        finding::SkipReason::Opaque
    } else {
        finding::SkipReason::NoClaims
    };
    Finding {
        code: finding::Code::Skipped(reason),
        stage: Stage::Claims,
        severity: Severity::Info,
        status: Status::Confirmed,
        evidence: Vec::new(),
        sources: vec!["RFC7519"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::jwk::parse_jwks;
    use crate::verify::{Outcome, Verdict};

    const DEMO: &str = include_str!("../static/demo/authentication-result.json");
    const DEMO_KEYS: &str = include_str!("../static/demo/jwks.json");

    fn demo() -> (Vec<Candidate>, KeySet) {
        let candidates = crate::input::extract(DEMO).candidates;
        let keys = parse_jwks(DEMO_KEYS.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
        (candidates, keys)
    }

    #[test]
    fn planned_facts_are_pending_until_concluded_and_then_equal_the_verified_facts() {
        let (candidates, keys) = demo();
        let sets = [&keys];
        let planned = facts_of_all_planned_with(&candidates, &|_| sets.to_vec());
        assert_eq!(planned.facts.len(), candidates.len());
        let mut checked = 0;
        for ((c, f), plan) in candidates.iter().zip(&planned.facts).zip(&planned.plans) {
            let direct = facts(c, &sets);
            if plan.attempts().is_empty() {
                assert_eq!(f.verification, direct.verification);
                continue;
            }
            checked += 1;
            assert!(f.verification.is_pending());
            assert_eq!(f.verification.verdict(), Verdict::Unverifiable);
            let outcomes = verify::rustcrypto::outcomes(plan);
            assert_eq!(
                f.concluded(plan, &outcomes).verification,
                direct.verification
            );
        }
        assert_eq!(checked, 2, "the demo's ID and access tokens are signed");
    }

    #[test]
    fn a_failed_check_concludes_to_not_checked_never_to_valid() {
        let (candidates, keys) = demo();
        let sets = [&keys];
        let Some(first) = candidates.first() else {
            panic!("the demo has candidates");
        };
        let (f, plan) = facts_planned_with(first, &|_| sets.to_vec());
        let failed: Vec<Outcome> = plan
            .attempts()
            .iter()
            .map(|_| Outcome::CouldNotCheck {
                error: "DataError".into(),
            })
            .collect();
        let v = f.concluded(&plan, &failed).verification;
        assert!(!v.is_pending());
        assert_eq!(v.verdict(), Verdict::Unverifiable);
        assert!(v.has("signature_not_checked"));
    }

    #[test]
    fn findings_come_in_stage_order_and_keep_their_order_within_a_stage() {
        let finding = |stage, reason| Finding {
            code: finding::Code::Skipped(reason),
            stage,
            severity: Severity::Info,
            status: Status::Confirmed,
            evidence: Vec::new(),
            sources: Vec::new(),
        };
        use finding::SkipReason::{Encrypted, NoClaims, Opaque};
        let input = vec![
            finding(Stage::Gateway, Encrypted),
            finding(Stage::Claims, Opaque),
            finding(Stage::Gateway, NoClaims),
            finding(Stage::Input, NoClaims),
            finding(Stage::Claims, Encrypted),
            finding(Stage::Gateway, Opaque),
        ];
        let order: Vec<_> = by_stage(input)
            .into_iter()
            .map(|f| (f.stage, f.code))
            .collect();
        let code = finding::Code::Skipped;
        assert_eq!(
            order,
            [
                (Stage::Input, code(NoClaims)),
                (Stage::Claims, code(Opaque)),
                (Stage::Claims, code(Encrypted)),
                (Stage::Gateway, code(Encrypted)),
                (Stage::Gateway, code(NoClaims)),
                (Stage::Gateway, code(Opaque)),
            ]
        );
    }
}
