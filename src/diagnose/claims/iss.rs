//! The issuer check: exact match, and the near miss that explains a mismatch.

use super::{claims_finding, expected_text, json_str, member, ClaimCode};
use crate::diagnose::finding::{Finding, Severity};
use crate::issuer::{self, CognitoIssuer, IssuerKind};
use crate::jose::{Claims, Field};

/// Checks `iss` against the expected issuers: exact, byte-for-byte (knowledge file H4, R5).
/// A mismatch gives `issuer_mismatch` plus, when one expected value is a near miss, one of
/// `issuer_trailing_slash`, `issuer_scheme`, `issuer_case`, `issuer_google_spelling`,
/// `issuer_other_form` (same Cognito pool, ORIGINAL vs UPDATED issuer), `issuer_other_region`,
/// `issuer_other_pool`, `issuer_login_domain`, `issuer_entra_version`, `issuer_other_tenant`.
/// Also `no_iss`, `iss_malformed`. No expected issuer → no findings.
pub fn check_issuer(claims: &Claims, expected: &[String]) -> Vec<Finding> {
    if expected.is_empty() {
        return Vec::new();
    }
    let want = Some(expected_text(expected));
    let iss = match &claims.iss {
        Field::Absent => {
            return vec![claims_finding(
                ClaimCode::NoIss {
                    expected: expected.to_vec(),
                },
                Severity::Error,
                vec![member("iss", None, want)],
                &["RFC7519", "COG-VERIFY", "HTTP-JWT"],
            )]
        }
        Field::Malformed(v) => {
            return vec![claims_finding(
                ClaimCode::IssMalformed {
                    raw: v.compact(),
                    expected: expected.to_vec(),
                },
                Severity::Error,
                vec![member("iss", Some(v.compact()), want)],
                &["RFC7519", "AJV"],
            )]
        }
        Field::Present(s) => s,
    };
    if expected.iter().any(|x| x == iss) {
        return Vec::new();
    }
    let mut out = vec![claims_finding(
        ClaimCode::IssuerMismatch {
            actual: iss.clone(),
            expected: expected.to_vec(),
        },
        Severity::Error,
        vec![member("iss", Some(json_str(iss)), want)],
        &["HTTP-JWT", "REST-JWT-CREATE", "COG-VERIFY", "KC-401"],
    )];
    if let Some((code, near, sources)) = expected
        .iter()
        .find_map(|x| near_miss(iss, x).map(|(c, s)| (c, x, s)))
    {
        out.push(claims_finding(
            code,
            Severity::Info,
            vec![member("iss", Some(json_str(iss)), Some(json_str(near)))],
            sources,
        ));
    }
    out
}

fn near_miss(iss: &str, x: &str) -> Option<(ClaimCode, &'static [&'static str])> {
    let pair = || (iss.to_owned(), x.to_owned());
    if issuer::GOOGLE_ISSUERS.contains(&iss) && issuer::GOOGLE_ISSUERS.contains(&x) {
        let (actual, expected) = pair();
        return Some((
            ClaimCode::IssuerGoogleSpelling { actual, expected },
            &["GAL", "HTTP-JWT"],
        ));
    }
    if let Some(code) = cognito_near_miss(iss, x) {
        // The UPDATED form (R16) is COG-ISSUER, which `explain::sources` does not list yet;
        // aws-jwt-verify registering both forms (AJV) and exact issuer matching (HTTP-JWT) back it.
        let sources: &'static [&'static str] = match code {
            ClaimCode::IssuerOtherForm { .. } => &["HTTP-JWT", "REST-JWT-CREATE", "AJV"],
            _ => &["KC-401", "APIGW-COG-INT"],
        };
        return Some((code, sources));
    }
    if iss.trim_end_matches('/') == x.trim_end_matches('/') {
        let (actual, expected) = pair();
        return Some((
            ClaimCode::IssuerTrailingSlash { actual, expected },
            &["HTTP-JWT", "REST-JWT-CREATE", "A0-ISS"],
        ));
    }
    let strip = |s: &'_ str| {
        s.strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
            .map(str::to_owned)
    };
    if let (Some(a), Some(b)) = (strip(iss), strip(x)) {
        if a == b {
            let (actual, expected) = pair();
            return Some((
                ClaimCode::IssuerScheme { actual, expected },
                &["HTTP-JWT", "REST-JWT-CREATE"],
            ));
        }
    }
    if iss.eq_ignore_ascii_case(x) {
        let (actual, expected) = pair();
        return Some((
            ClaimCode::IssuerCase { actual, expected },
            &["HTTP-JWT", "REST-JWT-CREATE"],
        ));
    }
    let iss_cognito = matches!(issuer::classify(iss), IssuerKind::Cognito(_));
    if iss_cognito && x.contains(".amazoncognito.com") {
        let (actual, expected) = pair();
        return Some((
            ClaimCode::IssuerLoginDomain { actual, expected },
            &["COG-VERIFY", "HTTP-JWT"],
        ));
    }
    if let (Some((t1, v1)), Some((t2, v2))) = (issuer::entra(iss), issuer::entra(x)) {
        if t1 == t2 && v1 != v2 {
            return Some((
                ClaimCode::IssuerEntraVersion {
                    tenant: t1.to_owned(),
                    token_version: v1,
                    expected_version: v2,
                },
                &["MS-AT", "MS-CLAIMS"],
            ));
        }
        if t1 != t2 {
            return Some((
                ClaimCode::IssuerOtherTenant {
                    token_tenant: t1.to_owned(),
                    expected_tenant: t2.to_owned(),
                },
                &["MS-AT"],
            ));
        }
    }
    None
}

/// Two exact Cognito issuers that differ: the form (same pool), the region, or the pool.
fn cognito_near_miss(iss: &str, x: &str) -> Option<ClaimCode> {
    let a = CognitoIssuer::parse(iss)?;
    let b = CognitoIssuer::parse(x)?;
    Some(if a.pool == b.pool {
        ClaimCode::IssuerOtherForm {
            pool: a.pool,
            token_form: a.form,
            expected_form: b.form,
        }
    } else if a.pool.region != b.pool.region {
        ClaimCode::IssuerOtherRegion {
            token_pool: a.pool,
            expected_pool: b.pool,
        }
    } else {
        ClaimCode::IssuerOtherPool {
            token_pool: a.pool,
            expected_pool: b.pool,
        }
    })
}
