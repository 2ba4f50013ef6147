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
    /// The decoded JWS header, or a JWE's protected header.
    pub header: Option<Header>,
    /// The claims, when the payload is a JSON object.
    pub claims: Option<Claims>,
    /// True when the token is a JWE (its header is in `header`).
    pub encrypted: bool,
    /// What signature verification found.
    pub verification: Verification,
    /// What kind of token it is.
    pub identity: Identity,
}

/// Decodes, verifies and identifies one candidate.
pub fn facts(candidate: &Candidate, keys: &[&KeySet]) -> Facts {
    facts_with(candidate, &|_| keys.to_vec())
}

/// [`facts`] with the keys chosen by the token's `iss` (fetched keys belong to the issuer they
/// were fetched for: `fetch_policy::key_set_use`).
pub fn facts_with<'k>(
    candidate: &Candidate,
    keys_for: &dyn Fn(Option<&str>) -> Vec<&'k KeySet>,
) -> Facts {
    let parsed = jose::parse_unverified(&candidate.token).ok();
    let (header, claims, encrypted) = match &parsed {
        Some(Parsed::Jws(jwt)) => {
            let claims = match &jwt.payload {
                Ok(Payload::Json { doc, claims }) if doc.value.as_object().is_some() => {
                    Some(claims.clone())
                }
                _ => None,
            };
            (jwt.header.as_ref().ok().cloned(), claims, false)
        }
        Some(Parsed::Jwe(jwe)) => (jwe.header.as_ref().ok().cloned(), None, true),
        None => (None, None, false),
    };
    let identity = if encrypted {
        identity::identify(None, None, header.as_ref())
    } else {
        identity::identify(header.as_ref(), claims.as_ref(), None)
    };
    let iss = claims
        .as_ref()
        .and_then(|c| c.iss.present())
        .map(String::as_str);
    let keys = keys_for(iss);
    // The token is parsed once: verification takes the parse above.
    let verification = match &parsed {
        Some(p) => verify::verify_parsed(p, &keys),
        None => verify::verify_compact(&candidate.token, &keys),
    };
    Facts {
        verification,
        header,
        claims,
        encrypted,
        identity,
    }
}

impl Facts {
    /// The view of these facts that profiles take.
    pub fn token<'a>(&'a self, candidate: &'a Candidate) -> TokenFacts<'a> {
        TokenFacts {
            candidate,
            header: if self.encrypted {
                None
            } else {
                self.header.as_ref()
            },
            claims: self.claims.as_ref(),
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
    match &facts.claims {
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
            facts.header.as_ref().filter(|_| !facts.encrypted),
            facts.claims.as_ref(),
            &facts.identity,
            e.keys,
        )
        .into_iter()
        // `check_times` already says a token without exp never expires.
        .filter(|f| !(has_no_exp && f.code == "token_never_expires")),
    );
    findings.sort_by_key(|f| f.stage);

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
