//! The plan's first steps: the header rules and candidate selection.

use crate::jose::jwk::{KeySet, SetOrigin};
use crate::jose::{Alg, Field, SegmentErrorKind, UnverifiedJwt};
use crate::verify::{
    compatibility, family, Candidate, Decision, Family, Finding, KeyRef, KidMissFrom, SkipReason,
    Verification,
};

/// The header rules, in order: decodability, pasted private keys, `kid`, header keys, `alg`,
/// `crit`. Returns the alg, its family and the signature when the plan can go on to keys.
pub(super) fn header_rules<'t>(
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
    if sig.is_empty() {
        v.findings.push(Finding::SignatureEmpty);
        return None;
    }
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
/// adds `NoKeys` / `KidNotFound`. False when there are no keys at all. `issued_at` is the
/// token's `iat`: the issuer's key set only speaks for keys it could have published by then.
pub(super) fn select_candidates(
    alg: &Alg,
    fam: Family,
    sets: &[&KeySet],
    issued_at: Option<i64>,
    v: &mut Verification,
) -> bool {
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
    // H3: the HTTP API's authorizer reads at most this much of the issuer's key set.
    if let Some(large) = sets
        .iter()
        .filter(|s| s.origin == SetOrigin::Jwks && s.bytes > super::super::LARGE_KEY_SET)
        .max_by_key(|s| (s.issuers, s.bytes))
    {
        v.findings.push(Finding::KeySetLarge {
            bytes: large.bytes,
            issuers: large.issuers,
        });
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
            // Fetched in an earlier second than `iat`: the key may have been published since.
            let before_issue =
                |s: &KeySet| matches!((s.fetched_at, issued_at), (Some(at), Some(iat)) if at < iat);
            let keys = if jwks.iter().any(|s| s.issuers && !before_issue(s)) {
                KidMissFrom::Issuer
            } else if jwks.iter().any(|s| s.issuers) {
                KidMissFrom::IssuerBeforeIssue
            } else {
                KidMissFrom::Given
            };
            v.findings.push(Finding::KidNotFound {
                kid: kid.clone(),
                available: jwks.iter().flat_map(|s| s.kids()).collect(),
                broken_entries: jwks
                    .iter()
                    .flat_map(|s| s.problems.iter())
                    .filter(|p| p.kid.as_deref() == Some(kid.as_str()))
                    .map(|p| p.index)
                    .collect(),
                keys,
            });
        }
    }
    true
}
