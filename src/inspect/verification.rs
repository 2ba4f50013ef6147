//! A signature check already made, ready to show: banner, findings, keys considered.

use crate::explain;
use crate::verify;

/// The signature check of one token, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyView {
    /// `valid`, `invalid`, `unverifiable` or `malformed`, or `pending` while the signature
    /// checks are being made (for `data-verdict`).
    pub verdict: &'static str,
    /// The headline, naming the deciding key when there is one.
    pub banner: String,
    /// Every finding, in order.
    pub findings: Vec<FindingRow>,
    /// Every key considered, with what happened to it.
    pub keys: Vec<KeyRow>,
}

/// One verification finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingRow {
    /// Stable code, e.g. `signature_valid`.
    pub code: &'static str,
    /// `info`, `warning` or `error`.
    pub severity: &'static str,
    /// The sentence the user reads.
    pub text: String,
    /// A primary source, when there is one.
    pub link: Option<&'static str>,
}

/// One key considered during verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRow {
    /// Its `kid`, or empty.
    pub kid: String,
    /// `verified`, `mismatch`, `skipped`, … (for automation).
    pub decision: &'static str,
    /// What happened to it, in a sentence.
    pub text: String,
}

/// The selected token's signature check, ready to show (`None` for an opaque value or when
/// nothing is selected): the verdict panel beside the decoded token.
pub fn selected_verification(
    overview: &super::Overview,
    facts: &[crate::diagnose::Facts],
    selected: usize,
) -> Option<VerifyView> {
    overview
        .extraction
        .candidates
        .get(selected)
        .filter(|c| c.shape != crate::input::Shape::Opaque)?;
    facts
        .get(selected)
        .map(|f| verification_view(&f.verification))
}

/// Shows a signature check already made.
pub(super) fn verification_view(v: &verify::Verification) -> VerifyView {
    let token_kid = v.kid.clone();
    let keys = v
        .candidates
        .iter()
        .map(|c| KeyRow {
            kid: c.key.kid.clone().unwrap_or_default(),
            decision: decision_code(&c.decision),
            text: explain::verify::step(c, v.alg.as_ref(), token_kid.as_deref()),
        })
        .collect();
    VerifyView {
        verdict: verdict_code(v),
        banner: explain::verify::banner(v),
        findings: v
            .findings
            .iter()
            .map(|f| FindingRow {
                code: f.code(),
                severity: match f.severity() {
                    verify::Severity::Info => "info",
                    verify::Severity::Warning => "warning",
                    verify::Severity::Error => "error",
                },
                text: explain::verify::finding(f),
                link: explain::verify::link(f),
            })
            .collect(),
        keys,
    }
}

/// A second opinion on a signature check: RustCrypto's result beside WebCrypto's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecondOpinionView {
    /// Both engines found exactly the same (findings, keys and verdict).
    pub agrees: bool,
    /// RustCrypto's verdict (as [`VerifyView::verdict`]).
    pub verdict: &'static str,
    /// The sentence the user reads.
    pub text: String,
}

/// Compares the page's verification (`first`) with RustCrypto's on the same plan (`second`).
pub fn second_opinion_view(
    first: &verify::Verification,
    second: &verify::Verification,
) -> SecondOpinionView {
    SecondOpinionView {
        agrees: first == second,
        verdict: verdict_code(second),
        text: explain::verify::second_opinion(first, second),
    }
}

fn verdict_code(v: &verify::Verification) -> &'static str {
    if v.is_pending() {
        "pending"
    } else {
        v.verdict().as_str()
    }
}

fn decision_code(d: &verify::Decision) -> &'static str {
    match d {
        verify::Decision::Skipped(_) => "skipped",
        verify::Decision::NotTried => "not-tried",
        verify::Decision::Verified => "verified",
        verify::Decision::Mismatch => "mismatch",
        verify::Decision::WrongSignatureLength { .. } => "wrong-length",
    }
}
