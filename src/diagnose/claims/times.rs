//! The times of a token against the clock, by the one time rule of `jose::Claims`.

use super::{claims_finding, member, time, ClaimCode, Expect};
use crate::diagnose::finding::{Finding, Severity};
use crate::jose::{Claims, Field, NumericDate, TimeClaim};

/// Checks `exp`, `nbf`, `iat` and `auth_time` against the clock with the one time rule of
/// [`Claims::expired_at`] / [`Claims::not_yet_valid_until`] (RFC 7519 §4.1.4–6: at `exp == now`
/// the token is expired, at `nbf == now` it is valid; §2 H6 and §7 G12 of the knowledge file).
pub fn check_times(claims: &Claims, e: &Expect) -> Vec<Finding> {
    let mut out = Vec::new();
    let leeway = e.leeway.max(0);
    let fields = [
        (TimeClaim::Exp, &claims.exp),
        (TimeClaim::Nbf, &claims.nbf),
        (TimeClaim::Iat, &claims.iat),
        (TimeClaim::AuthTime, &claims.auth_time),
    ];
    for (claim, field) in fields {
        if let Some(v) = field.malformed() {
            out.push(claims_finding(
                ClaimCode::TimeMalformed {
                    claim,
                    raw: v.compact(),
                },
                Severity::Error,
                vec![member(
                    claim.name(),
                    Some(v.compact()),
                    Some("NumericDate (seconds)".into()),
                )],
                &["RFC7519", "AJV"],
            ));
        }
        if let Some(d) = field.present().filter(|d| d.looks_like_milliseconds) {
            out.push(claims_finding(
                ClaimCode::TimeInMilliseconds {
                    claim,
                    raw: d.raw.clone(),
                },
                Severity::Warning,
                vec![member(claim.name(), Some(d.raw.clone()), None)],
                &["RFC7519"],
            ));
        }
    }
    if claims.exp.is_absent() {
        out.push(claims_finding(
            ClaimCode::NoExp,
            Severity::Warning,
            vec![member("exp", None, None)],
            &["RFC7519", "COG-VERIFY"],
        ));
    }
    let now = e.now;
    if let Some(exp) = claims.expired_at(now, leeway) {
        out.push(claims_finding(
            ClaimCode::Expired { exp, now, leeway },
            Severity::Error,
            vec![time("exp", exp, e)],
            &["RFC7519", "COG-VERIFY", "HTTP-JWT"],
        ));
    } else if let Some(exp) = claims.expired_at(now, 0) {
        out.push(claims_finding(
            ClaimCode::ExpiredWithinLeeway { exp, now, leeway },
            Severity::Warning,
            vec![time("exp", exp, e)],
            &["RFC7519", "AJV"],
        ));
    }
    if let Some(nbf) = claims.not_yet_valid_until(now, leeway) {
        out.push(claims_finding(
            ClaimCode::NotYetValid { nbf, now, leeway },
            Severity::Error,
            vec![time("nbf", nbf, e)],
            &["RFC7519", "HTTP-JWT", "AJV"],
        ));
    } else if let Some(nbf) = claims.not_yet_valid_until(now, 0) {
        out.push(claims_finding(
            ClaimCode::NbfWithinLeeway { nbf, now, leeway },
            Severity::Warning,
            vec![time("nbf", nbf, e)],
            &["RFC7519", "AJV"],
        ));
    }
    if let Some(d) = plain(&claims.iat) {
        if d.secs > now.saturating_add(leeway) {
            // HTTP API JWT authorizers reject a future `iat` (knowledge file H6).
            out.push(claims_finding(
                ClaimCode::IssuedInFuture {
                    iat: d.secs,
                    now,
                    leeway,
                },
                Severity::Warning,
                vec![time("iat", d.secs, e)],
                &["HTTP-JWT", "RFC7519"],
            ));
        }
        if let Some(x) = plain(&claims.exp).filter(|x| x.secs < d.secs) {
            out.push(claims_finding(
                ClaimCode::ExpBeforeIat {
                    exp: x.secs,
                    iat: d.secs,
                },
                Severity::Error,
                vec![
                    member("iat", Some(d.raw.clone()), None),
                    member("exp", Some(x.raw.clone()), None),
                ],
                &["RFC7519"],
            ));
        }
    }
    out
}

fn plain(f: &Field<NumericDate>) -> Option<&NumericDate> {
    f.present().filter(|d| !d.looks_like_milliseconds)
}
