//! Claim checks: times against a clock with leeway, issuer, audience, token use, scopes and
//! groups. Every check collects findings with evidence; none stops at the first failure.
//!
//! Owns judging claim values against expectations (knowledge file §1 R2/R4/R5, §2 H4–H7,
//! §5.1, §6, §7 G3/G7/G8/G12). Must not read a clock (time is `now`), fetch anything, or produce
//! prose (that is `explain::claims`).

use crate::diagnose::finding::{Evidence, Finding, Severity, Stage, Status};
use crate::jose::{Audience, Claims, Field, NumericDate, Value};

/// What the caller expects of the times: the clock and the leeway allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Expect {
    /// The clock, in seconds since the epoch.
    pub now: i64,
    /// Leeway in seconds (default 0, as aws-jwt-verify's `graceSeconds`); negative counts as 0.
    pub leeway: i64,
}

/// Builds a finding; shared by the rule modules of this crate.
pub(crate) fn finding(
    code: &'static str,
    stage: Stage,
    severity: Severity,
    status: Status,
    evidence: Vec<Evidence>,
    sources: &[&'static str],
) -> Finding {
    Finding {
        code: crate::diagnose::finding::Code::Legacy(code),
        stage,
        severity,
        status,
        evidence,
        sources: sources.to_vec(),
    }
}

/// A payload member as evidence.
pub(crate) fn member(name: &str, actual: Option<String>, expected: Option<String>) -> Evidence {
    Evidence::Member {
        place: "payload",
        name: name.to_owned(),
        actual,
        expected,
    }
}

/// The last occurrence of an unregistered claim (registered ones live in [`Claims`] fields).
pub(crate) fn other<'c>(claims: &'c Claims, name: &str) -> Option<&'c Value> {
    claims
        .others
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// An unregistered claim's string value.
pub(crate) fn other_str<'c>(claims: &'c Claims, name: &str) -> Option<&'c str> {
    other(claims, name).and_then(Value::as_str)
}

/// JSON text of a string.
pub(crate) fn json_str(s: &str) -> String {
    Value::String(s.to_owned()).compact()
}

/// JSON text of a list of strings.
pub(crate) fn json_list(items: &[String]) -> String {
    Value::Array(items.iter().cloned().map(Value::String).collect()).compact()
}

pub(crate) fn raw_aud(f: &Field<Audience>) -> Option<String> {
    match f {
        Field::Absent => None,
        Field::Malformed(v) => Some(v.compact()),
        Field::Present(Audience::One(s)) => Some(json_str(s)),
        Field::Present(Audience::Many(v)) => Some(json_list(v)),
    }
}

fn expected_text(expected: &[String]) -> String {
    match expected {
        [one] => json_str(one),
        many => json_list(many),
    }
}

fn time(claim: &'static str, value: i64, e: &Expect) -> Evidence {
    Evidence::Time {
        claim,
        value,
        now: e.now,
        leeway: e.leeway.max(0),
    }
}

fn claims_finding(
    code: &'static str,
    severity: Severity,
    evidence: Vec<Evidence>,
    sources: &[&'static str],
) -> Finding {
    finding(
        code,
        Stage::Claims,
        severity,
        Status::Confirmed,
        evidence,
        sources,
    )
}

/// Checks `exp`, `nbf`, `iat` and `auth_time` against the clock (RFC 7519 §4.1.4–6; §2 H6 and
/// §7 G12 of the knowledge file). Codes: `token_expired`, `expired_within_leeway`,
/// `token_not_yet_valid`, `nbf_within_leeway`, `issued_in_future`, `exp_before_iat`, `no_exp`,
/// `exp_malformed`, `nbf_malformed`, `iat_malformed`, `auth_time_malformed`,
/// `time_in_milliseconds`.
pub fn check_times(claims: &Claims, e: &Expect) -> Vec<Finding> {
    let mut out = Vec::new();
    let leeway = e.leeway.max(0);
    let malformed = [
        ("exp", &claims.exp, "exp_malformed"),
        ("nbf", &claims.nbf, "nbf_malformed"),
        ("iat", &claims.iat, "iat_malformed"),
        ("auth_time", &claims.auth_time, "auth_time_malformed"),
    ];
    for (name, field, code) in malformed {
        if let Some(v) = field.malformed() {
            out.push(claims_finding(
                code,
                Severity::Error,
                vec![member(
                    name,
                    Some(v.compact()),
                    Some("NumericDate (seconds)".into()),
                )],
                &["RFC7519", "AJV"],
            ));
        }
        if let Some(d) = field.present() {
            if d.looks_like_milliseconds {
                out.push(claims_finding(
                    "time_in_milliseconds",
                    Severity::Warning,
                    vec![member(name, Some(d.raw.clone()), None)],
                    &["RFC7519"],
                ));
            }
        }
    }
    match &claims.exp {
        Field::Absent => out.push(claims_finding(
            "no_exp",
            Severity::Warning,
            vec![member("exp", None, None)],
            &["RFC7519", "COG-VERIFY"],
        )),
        Field::Present(d) if !d.looks_like_milliseconds => {
            if e.now >= d.secs.saturating_add(leeway) {
                out.push(claims_finding(
                    "token_expired",
                    Severity::Error,
                    vec![time("exp", d.secs, e)],
                    &["RFC7519", "COG-VERIFY", "HTTP-JWT"],
                ));
            } else if e.now >= d.secs {
                out.push(claims_finding(
                    "expired_within_leeway",
                    Severity::Warning,
                    vec![time("exp", d.secs, e)],
                    &["RFC7519", "AJV"],
                ));
            }
        }
        _ => {}
    }
    if let Some(d) = plain(&claims.nbf) {
        if d.secs > e.now.saturating_add(leeway) {
            out.push(claims_finding(
                "token_not_yet_valid",
                Severity::Error,
                vec![time("nbf", d.secs, e)],
                &["RFC7519", "HTTP-JWT", "AJV"],
            ));
        } else if d.secs > e.now {
            out.push(claims_finding(
                "nbf_within_leeway",
                Severity::Warning,
                vec![time("nbf", d.secs, e)],
                &["RFC7519", "AJV"],
            ));
        }
    }
    if let Some(d) = plain(&claims.iat) {
        if d.secs > e.now.saturating_add(leeway) {
            // HTTP API JWT authorizers reject a future `iat` (knowledge file H6).
            out.push(claims_finding(
                "issued_in_future",
                Severity::Warning,
                vec![time("iat", d.secs, e)],
                &["HTTP-JWT", "RFC7519"],
            ));
        }
        if let Some(x) = plain(&claims.exp) {
            if x.secs < d.secs {
                out.push(claims_finding(
                    "exp_before_iat",
                    Severity::Error,
                    vec![
                        member("iat", Some(d.raw.clone()), None),
                        member("exp", Some(x.raw.clone()), None),
                    ],
                    &["RFC7519"],
                ));
            }
        }
    }
    out
}

fn plain(f: &Field<NumericDate>) -> Option<&NumericDate> {
    f.present().filter(|d| !d.looks_like_milliseconds)
}

/// Checks `iss` against the expected issuers: exact, byte-for-byte (knowledge file H4, R5).
/// A mismatch gives `issuer_mismatch` plus, when one expected value is a near miss, one of
/// `issuer_trailing_slash`, `issuer_scheme`, `issuer_case`, `issuer_google_spelling`,
/// `issuer_other_region`, `issuer_other_pool`, `issuer_login_domain`, `issuer_entra_version`,
/// `issuer_other_tenant`. Also `no_iss`, `iss_malformed`. No expected issuer → no findings.
pub fn check_issuer(claims: &Claims, expected: &[String]) -> Vec<Finding> {
    if expected.is_empty() {
        return Vec::new();
    }
    let want = Some(expected_text(expected));
    let iss = match &claims.iss {
        Field::Absent => {
            return vec![claims_finding(
                "no_iss",
                Severity::Error,
                vec![member("iss", None, want)],
                &["RFC7519", "COG-VERIFY", "HTTP-JWT"],
            )]
        }
        Field::Malformed(v) => {
            return vec![claims_finding(
                "iss_malformed",
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
        "issuer_mismatch",
        Severity::Error,
        vec![member("iss", Some(json_str(iss)), want)],
        &["HTTP-JWT", "REST-JWT-CREATE", "COG-VERIFY", "KC-401"],
    )];
    if let Some((code, near, sources)) = expected.iter().find_map(|x| near_miss(iss, x)) {
        out.push(claims_finding(
            code,
            Severity::Info,
            vec![member("iss", Some(json_str(iss)), Some(json_str(near)))],
            sources,
        ));
    }
    out
}

type NearMiss<'x> = (&'static str, &'x str, &'static [&'static str]);

fn near_miss<'x>(iss: &str, x: &'x str) -> Option<NearMiss<'x>> {
    let google = ["accounts.google.com", "https://accounts.google.com"];
    if google.contains(&iss) && google.contains(&x) {
        return Some(("issuer_google_spelling", x, &["GAL", "HTTP-JWT"]));
    }
    if iss.trim_end_matches('/') == x.trim_end_matches('/') {
        return Some((
            "issuer_trailing_slash",
            x,
            &["HTTP-JWT", "REST-JWT-CREATE", "A0-ISS"],
        ));
    }
    let strip = |s: &str| {
        s.strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
            .map(str::to_owned)
    };
    if let (Some(a), Some(b)) = (strip(iss), strip(x)) {
        if a == b {
            return Some(("issuer_scheme", x, &["HTTP-JWT", "REST-JWT-CREATE"]));
        }
    }
    if iss.eq_ignore_ascii_case(x) {
        return Some(("issuer_case", x, &["HTTP-JWT", "REST-JWT-CREATE"]));
    }
    if let (Some((r1, p1)), Some((r2, p2))) = (cognito_parts(iss), cognito_parts(x)) {
        if r1 != r2 {
            return Some(("issuer_other_region", x, &["KC-401", "APIGW-COG-INT"]));
        }
        if p1 != p2 {
            return Some(("issuer_other_pool", x, &["KC-401", "APIGW-COG-INT"]));
        }
    }
    if iss.starts_with("https://cognito-idp.") && x.contains(".amazoncognito.com") {
        return Some(("issuer_login_domain", x, &["COG-VERIFY", "HTTP-JWT"]));
    }
    if let (Some((t1, v1)), Some((t2, v2))) = (entra_parts(iss), entra_parts(x)) {
        if t1 == t2 && v1 != v2 {
            return Some(("issuer_entra_version", x, &["MS-AT", "MS-CLAIMS"]));
        }
        if t1 != t2 {
            return Some(("issuer_other_tenant", x, &["MS-AT"]));
        }
    }
    None
}

fn cognito_parts(s: &str) -> Option<(String, String)> {
    crate::diagnose::identity::cognito_issuer(s.trim_end_matches('/'))
}

/// Tenant and "is v2" of an Entra issuer (knowledge file G2).
pub(crate) fn entra_parts(iss: &str) -> Option<(&str, bool)> {
    if let Some(rest) = iss.strip_prefix("https://sts.windows.net/") {
        let tenant = rest.strip_suffix('/').unwrap_or(rest);
        return (!tenant.is_empty() && !tenant.contains('/')).then_some((tenant, false));
    }
    let rest = iss.strip_prefix("https://login.microsoftonline.com/")?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let (tenant, v2) = match rest.strip_suffix("/v2.0") {
        Some(t) => (t, true),
        None => (rest, false),
    };
    (!tenant.is_empty() && !tenant.contains('/')).then_some((tenant, v2))
}

/// Which claim an audience check reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AudienceRule {
    /// `aud` only (RFC 7519 §4.1.3; generic verifiers).
    Aud,
    /// `aud` when present, else `client_id` (API Gateway HTTP API JWT authorizer, H5).
    AudElseClientId,
    /// By `token_use`: ID token → `aud`, access token → `client_id` (aws-jwt-verify, COG-VERIFY).
    ByTokenUse,
}

/// Checks the audience against the expected values. Codes: `audience_mismatch` (evidence names
/// the claim checked, `aud` or `client_id`), `no_audience`, `aud_malformed`, and hints
/// `aud_checked_not_client_id`, `audience_entra_uri_vs_guid`, `audience_keycloak_account`
/// (REPORTED). No expected values → no findings.
pub fn check_audience(claims: &Claims, expected: &[String], rule: AudienceRule) -> Vec<Finding> {
    if expected.is_empty() {
        return Vec::new();
    }
    let want = Some(expected_text(expected));
    let client_id = other(claims, "client_id");
    let use_client_id = match rule {
        AudienceRule::Aud => false,
        AudienceRule::AudElseClientId => claims.aud.is_absent(),
        AudienceRule::ByTokenUse => match token_use(claims) {
            Some(TokenUse::Access) => true,
            Some(TokenUse::Id) => false,
            None => claims.aud.is_absent(),
        },
    };
    let mut out = Vec::new();
    let sources: &[&'static str] = match rule {
        AudienceRule::Aud => &["RFC7519"],
        AudienceRule::AudElseClientId => &["HTTP-JWT-TS", "HTTP-JWT"],
        AudienceRule::ByTokenUse => &["COG-VERIFY", "AJV"],
    };
    if use_client_id {
        match client_id {
            None => out.push(claims_finding(
                "no_audience",
                Severity::Error,
                vec![member("client_id", None, want)],
                sources,
            )),
            Some(Value::String(c)) => {
                if !expected.contains(c) {
                    out.push(claims_finding(
                        "audience_mismatch",
                        Severity::Error,
                        vec![member("client_id", Some(json_str(c)), want)],
                        sources,
                    ));
                }
            }
            Some(v) => out.push(claims_finding(
                "audience_mismatch",
                Severity::Error,
                vec![member("client_id", Some(v.compact()), want)],
                sources,
            )),
        }
        return out;
    }
    match &claims.aud {
        Field::Absent => out.push(claims_finding(
            "no_audience",
            Severity::Error,
            vec![member("aud", None, want)],
            sources,
        )),
        Field::Malformed(v) => out.push(claims_finding(
            "aud_malformed",
            Severity::Error,
            vec![member("aud", Some(v.compact()), want)],
            &["RFC7519"],
        )),
        Field::Present(a) => {
            let values = a.values();
            if !values.iter().any(|v| expected.contains(v)) {
                out.push(claims_finding(
                    "audience_mismatch",
                    Severity::Error,
                    vec![member("aud", raw_aud(&claims.aud), want.clone())],
                    sources,
                ));
                audience_hints(claims, values, expected, rule, &mut out);
            }
        }
    }
    out
}

fn audience_hints(
    claims: &Claims,
    values: &[String],
    expected: &[String],
    rule: AudienceRule,
    out: &mut Vec<Finding>,
) {
    if rule == AudienceRule::AudElseClientId {
        if let Some(c) = other_str(claims, "client_id").filter(|c| expected.iter().any(|x| x == c))
        {
            out.push(claims_finding(
                "aud_checked_not_client_id",
                Severity::Info,
                vec![member("client_id", Some(json_str(c)), None)],
                &["HTTP-JWT-TS"],
            ));
        }
    }
    let is_guid = |s: &str| looks_like_guid(s);
    let uri_vs_guid = values.iter().any(|v| v.starts_with("api://"))
        && expected.iter().any(|x| is_guid(x))
        || values.iter().any(|v| is_guid(v)) && expected.iter().any(|x| x.starts_with("api://"));
    if uri_vs_guid {
        out.push(claims_finding(
            "audience_entra_uri_vs_guid",
            Severity::Info,
            vec![member(
                "aud",
                raw_aud(&claims.aud),
                Some(expected_text(expected)),
            )],
            &["MS-CLAIMS"],
        ));
    }
    if values.iter().any(|v| v == "account") && other_str(claims, "azp").is_some() {
        out.push(finding(
            "audience_keycloak_account",
            Stage::Claims,
            Severity::Info,
            Status::Reported,
            vec![member(
                "azp",
                other(claims, "azp").map(Value::compact),
                None,
            )],
            &["KC-AUD"],
        ));
    }
}

/// True for `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in hex.
pub(crate) fn looks_like_guid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let lens = [8, 4, 4, 4, 12];
    parts.len() == 5
        && parts
            .iter()
            .zip(lens)
            .all(|(p, n)| p.len() == n && p.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Cognito's `token_use` claim (COG-ID, COG-AT).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenUse {
    /// `"id"`.
    Id,
    /// `"access"`.
    Access,
}

impl TokenUse {
    /// The claim value.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenUse::Id => "id",
            TokenUse::Access => "access",
        }
    }
}

/// The token's `token_use`, when it is `id` or `access`.
pub fn token_use(claims: &Claims) -> Option<TokenUse> {
    match other_str(claims, "token_use")? {
        "id" => Some(TokenUse::Id),
        "access" => Some(TokenUse::Access),
        _ => None,
    }
}

/// Checks `token_use` against the expected use (aws-jwt-verify: it must be `id` or `access`,
/// then equal the expected one). Codes: `token_use_mismatch`, `no_token_use`.
pub fn check_token_use(claims: &Claims, expected: TokenUse) -> Vec<Finding> {
    let want = Some(json_str(expected.as_str()));
    let sources: &[&'static str] = &["COG-VERIFY", "AJV"];
    match other(claims, "token_use") {
        None => vec![claims_finding(
            "no_token_use",
            Severity::Error,
            vec![member("token_use", None, want)],
            sources,
        )],
        Some(_) if token_use(claims) == Some(expected) => Vec::new(),
        Some(v) => vec![claims_finding(
            "token_use_mismatch",
            Severity::Error,
            vec![member("token_use", Some(v.compact()), want)],
            sources,
        )],
    }
}

fn push_unique(out: &mut Vec<String>, s: &str) {
    if !s.is_empty() && !out.iter().any(|x| x == s) {
        out.push(s.to_owned());
    }
}

/// The token's scopes from `scope` (space-separated string) and `scp` (string or array), in
/// order, without duplicates.
pub fn scopes(claims: &Claims) -> Vec<String> {
    let mut out = Vec::new();
    for name in ["scope", "scp"] {
        match other(claims, name) {
            Some(Value::String(s)) => s.split_whitespace().for_each(|x| push_unique(&mut out, x)),
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(Value::as_str)
                .for_each(|x| push_unique(&mut out, x)),
            _ => {}
        }
    }
    out
}

/// Checks that at least one required scope is in `scope`/`scp` (R2, H7, aws-jwt-verify).
/// Codes: `scope_missing` (evidence: token scopes vs required), `no_scope_claim`,
/// `scope_malformed`, and hints `scope_sdk_sign_in_only`, `entra_roles_not_scopes`.
pub fn check_scopes(claims: &Claims, required_any: &[String]) -> Vec<Finding> {
    if required_any.is_empty() {
        return Vec::new();
    }
    let want = Some(json_list(required_any));
    let mut out = Vec::new();
    let scope = other(claims, "scope");
    let scp = other(claims, "scp");
    if let Some(v) = scope.filter(|v| !matches!(v, Value::String(_))) {
        out.push(claims_finding(
            "scope_malformed",
            Severity::Error,
            vec![member(
                "scope",
                Some(v.compact()),
                Some("space-separated string".into()),
            )],
            &["AJV"],
        ));
    }
    let have = scopes(claims);
    if scope.is_none() && scp.is_none() {
        out.push(claims_finding(
            "no_scope_claim",
            Severity::Error,
            vec![member("scope", None, want)],
            &["HTTP-JWT", "APIGW-COG-INT", "CFN-METHOD"],
        ));
        if other(claims, "roles").is_some() {
            out.push(claims_finding(
                "entra_roles_not_scopes",
                Severity::Info,
                vec![member(
                    "roles",
                    other(claims, "roles").map(Value::compact),
                    None,
                )],
                &["HTTP-JWT", "MS-CLAIMS"],
            ));
        }
        return out;
    }
    if !have.iter().any(|s| required_any.contains(s)) {
        out.push(claims_finding(
            "scope_missing",
            Severity::Error,
            vec![
                Evidence::Value {
                    label: "token scopes",
                    value: have.join(" "),
                },
                member(
                    if scope.is_some() { "scope" } else { "scp" },
                    Some(json_list(&have)),
                    want,
                ),
            ],
            &["APIGW-COG-INT", "CFN-METHOD", "HTTP-JWT", "AJV"],
        ));
        let sdk_only = have.len() == 1
            && have.iter().all(|s| s == "aws.cognito.signin.user.admin")
            && required_any.iter().any(|r| r.contains('/'));
        if sdk_only {
            out.push(claims_finding(
                "scope_sdk_sign_in_only",
                Severity::Info,
                vec![member(
                    "scope",
                    Some(json_str("aws.cognito.signin.user.admin")),
                    None,
                )],
                &["COG-AT", "COG-PTG"],
            ));
        }
    }
    out
}

/// The token's `cognito:groups` (an array of strings; a lone string is read as one group).
pub fn groups(claims: &Claims) -> Vec<String> {
    let mut out = Vec::new();
    match other(claims, "cognito:groups") {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .for_each(|g| push_unique(&mut out, g)),
        Some(Value::String(s)) => push_unique(&mut out, s),
        _ => {}
    }
    out
}

/// Checks that the token is in at least one required group (aws-jwt-verify `groups`).
/// Codes: `group_missing`, `no_groups_claim`.
pub fn check_groups(claims: &Claims, required_any: &[String]) -> Vec<Finding> {
    if required_any.is_empty() {
        return Vec::new();
    }
    let want = Some(json_list(required_any));
    match other(claims, "cognito:groups") {
        None => vec![claims_finding(
            "no_groups_claim",
            Severity::Error,
            vec![member("cognito:groups", None, want)],
            &["AJV", "COG-ID"],
        )],
        Some(v) => {
            if groups(claims).iter().any(|g| required_any.contains(g)) {
                Vec::new()
            } else {
                vec![claims_finding(
                    "group_missing",
                    Severity::Error,
                    vec![member("cognito:groups", Some(v.compact()), want)],
                    &["AJV", "COG-ID"],
                )]
            }
        }
    }
}

/// This module's finding codes (see [`crate::diagnose::finding::Code`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimCode {}

impl ClaimCode {
    /// The stable `snake_case` name.
    pub fn as_str(&self) -> &'static str {
        match *self {}
    }
}
