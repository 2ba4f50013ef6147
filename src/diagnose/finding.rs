//! The shape every diagnosis finding takes, shared by all rule modules.
//!
//! A finding is data: a stable code, the stage it belongs to, how serious it is, how sure the
//! knowledge behind it is, the evidence from the token, and the source keys that back it. Its
//! prose (message, fix) lives in `explain`, looked up by code.

/// Where in the chain a finding belongs; the panel groups findings in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// What was pasted.
    Input,
    /// Compact serialization and segments.
    Structure,
    /// The JOSE header.
    Header,
    /// Finding and reading keys.
    Keys,
    /// The signature check.
    Signature,
    /// Claims: times, issuer, audience, token use, scopes, groups.
    Claims,
    /// What a particular gateway or verifier would do.
    Gateway,
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Background: what the token is, what a claim means.
    Info,
    /// Worth acting on, but not a rejection by itself.
    Warning,
    /// A rejection, or a security problem.
    Error,
}

/// How sure the knowledge behind a finding is (see `shared/knowledge/gateways.md`).
/// UNVERIFIED rules are never turned into findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Stated by the vendor's own primary material or a spec: worded as fact.
    Confirmed,
    /// Only field reports say so: worded as "likely".
    Reported,
}

/// One piece of evidence: what the token (or configuration) has, against what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evidence {
    /// A claim or header member: its raw JSON text (absent → `None`) and what was expected.
    Member {
        /// `payload` or `header`.
        place: &'static str,
        /// Member name.
        name: String,
        /// Raw JSON text as issued, `None` when absent.
        actual: Option<String>,
        /// What was expected, as the user would write it; `None` when nothing specific.
        expected: Option<String>,
    },
    /// A time claim against the clock: `value − now` in seconds, and the leeway allowed.
    Time {
        /// `exp`, `nbf`, `iat` or `auth_time`.
        claim: &'static str,
        /// The claim's value, in seconds since the epoch.
        value: i64,
        /// The clock used.
        now: i64,
        /// Leeway in seconds.
        leeway: i64,
    },
}

/// Every diagnosis finding's code: one closed vocabulary, grouped by the rule module that owns
/// each group. Prose matches on these exhaustively (`explain`), so a new rule cannot ship without
/// its words; tests assert on them; `as_str()` gives the stable `snake_case` name for `data-code`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code {
    /// What the token is (`identity`).
    Identity(crate::diagnose::identity::IdentityCode),
    /// Times and claim checks (`claims`).
    Claims(crate::diagnose::claims::ClaimCode),
    /// Security explanations (`lints`).
    Lint(crate::diagnose::lints::LintCode),
    /// A stage that could not run, and why.
    Skipped(SkipReason),
    /// A gateway profile's rule (`profiles`: REST Cognito, Test authorizer, HTTP API, REST JWT,
    /// OIDC, and which token to send).
    Gateway(crate::diagnose::profiles::GatewayCode),
    /// aws-jwt-verify's checks, in its own order (`profiles::lambda_ajv`).
    Ajv(crate::diagnose::profiles::lambda_ajv::AjvCode),
    /// What the gateway answered (`response`).
    Response(crate::diagnose::response::ResponseCode),
}

impl Code {
    /// The stable `snake_case` name (for `data-code` attributes and logs).
    pub fn as_str(&self) -> &'static str {
        match self {
            Code::Identity(c) => c.as_str(),
            Code::Claims(c) => c.as_str(),
            Code::Lint(c) => c.as_str(),
            Code::Skipped(r) => r.as_str(),
            Code::Gateway(c) => c.as_str(),
            Code::Ajv(c) => c.as_str(),
            Code::Response(c) => c.as_str(),
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Why the claims stage could not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// The token is a JWE.
    Encrypted,
    /// The token is opaque (not a JWT).
    Opaque,
    /// The payload is not a JSON object.
    NoClaims,
}

impl SkipReason {
    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::Encrypted => "claims_skipped_encrypted",
            SkipReason::Opaque => "claims_skipped_opaque",
            SkipReason::NoClaims => "claims_skipped_no_claims",
        }
    }
}

/// One thing the diagnosis saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Its code (typed; see [`Code`]).
    pub code: Code,
    /// Where it belongs.
    pub stage: Stage,
    /// How serious it is.
    pub severity: Severity,
    /// How sure the knowledge is.
    pub status: Status,
    /// What in the token or configuration shows it.
    pub evidence: Vec<Evidence>,
    /// Keys of the sources that back it (`explain::sources::url`).
    pub sources: Vec<&'static str>,
}
