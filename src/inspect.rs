//! Everything the page shows about a paste, computed in one pure pass.
//!
//! Owns the view model: plain strings and flags the browser shell renders as they are, so that
//! components never parse, decode or format dates. Must not touch the browser: time arrives as
//! `now` and a function giving the local UTC offset at a given instant.

use std::collections::BTreeMap;

use crate::diagnose::config::Target;
use crate::diagnose::finding::Finding;
use crate::diagnose::profiles::{Profile, ProfileVerdict};
use crate::diagnose::{self, Origin};
use crate::discovery::{self, Fetched, KeysError};
use crate::explain;
use crate::input::{self, Candidate, Extraction, Shape};
use crate::jose::jwk::{KeyInputError, KeySet};
use crate::jose::{self, Parsed};
use crate::timefmt;
use crate::verify::{self, Verdict};

/// The paste as a list of candidate tokens (or a note of what was seen instead).
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    /// What [`input::extract`] found, for [`token_view`].
    pub extraction: Extraction,
    /// One entry per candidate, in the order they appear in the paste.
    pub candidates: Vec<CandidateItem>,
    /// Why nothing was found, when nothing was.
    pub nothing_found: Option<String>,
}

/// A candidate as the picker lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateItem {
    /// Short label: where the token came from (`AuthenticationResult.IdToken`, `Bearer token`).
    pub label: String,
    /// `JWS`, `JWE` or `Opaque`.
    pub shape: &'static str,
}

/// One candidate decoded for display.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenView {
    /// The cleaned token, as it would be sent (what "copy token" copies).
    pub token: String,
    /// `JWS`, `JWE` or `Opaque`.
    pub shape: &'static str,
    /// What was removed from the paste to get the token.
    pub cleanups: Vec<String>,
    /// A notice about the token's kind (encrypted payload, opaque value), if any.
    pub notice: Option<String>,
    /// Pretty header JSON, exactly as issued, when the header decoded.
    pub header_json: Option<String>,
    /// Pretty payload JSON (or text / nested token / byte summary), when the payload decoded.
    pub payload_json: Option<String>,
    /// Raw segments as received: header, payload, signature (JWE: all five, in order).
    pub raw: Vec<RawSegment>,
    /// Decode problems, quirks and duplicate keys, one sentence each.
    pub problems: Vec<Problem>,
    /// The claims table, in payload order.
    pub claims: Vec<ClaimRow>,
}

/// A raw segment with its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawSegment {
    /// `header`, `payload`, `signature`, or a JWE part name.
    pub name: &'static str,
    /// The segment's text exactly as received.
    pub text: String,
}

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Accepted, but worth knowing (padding, duplicate keys).
    Note,
    /// Part of the token could not be decoded.
    Error,
}

/// One decode problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// How serious it is.
    pub severity: Severity,
    /// The sentence the user reads.
    pub text: String,
}

/// A row of the claims table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRow {
    /// Claim name exactly as in the payload.
    pub name: String,
    /// The value as JSON text, exactly as issued.
    pub value: String,
    /// For time claims: relative, UTC and local renderings.
    pub time: Option<TimeCell>,
    /// What the claim means, for this kind of token.
    pub meaning: Option<&'static str>,
}

/// A time claim rendered three ways.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeCell {
    /// "expired 3 h 12 min ago", "expires in 5 min", …
    pub relative: String,
    /// True when the time alone makes the token unusable now: `exp` in the past, or `nbf` /
    /// `iat` in the future.
    pub alarming: bool,
    /// `2026-11-24 02:11:03 UTC`
    pub utc: String,
    /// The same instant in the viewer's local time.
    pub local: String,
    /// A warning about the value (e.g. it looks like milliseconds, or is not a number).
    pub warning: Option<String>,
}

/// The signature check of one token, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyView {
    /// `valid`, `invalid`, `unverifiable` or `malformed` (for `data-verdict`).
    pub verdict: &'static str,
    /// The headline, naming the deciding key when there is one.
    pub banner: String,
    /// Every finding, in order.
    pub findings: Vec<FindingRow>,
    /// Every key considered, with what happened to it.
    pub keys: Vec<KeyRow>,
    /// The token's `kid` when the key set lacks it (the shell refetches once).
    pub kid_not_found: Option<String>,
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

/// A key paste (or fetched key set) as the keys panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeysView {
    /// What the input holds, including every usable key's name.
    pub summary: Option<String>,
    /// Entries that could not be used: (index, sentence).
    pub problems: Vec<(usize, String)>,
    /// Set when a private key was pasted.
    pub private_warning: Option<String>,
    /// Why nothing usable was read.
    pub error: Option<String>,
}

/// Summarises a parsed key input for the keys panel.
pub fn keys_view(keys: &Result<KeySet, KeyInputError>) -> KeysView {
    match keys {
        Err(KeyInputError::Empty) => KeysView::default(),
        Err(e) => KeysView {
            error: Some(explain::keys::input_error(e)),
            ..KeysView::default()
        },
        Ok(set) => key_set_view(set),
    }
}

/// Summarises a key set: its usable keys, skipped entries and any pasted private key.
pub fn key_set_view(set: &KeySet) -> KeysView {
    let mut summary = explain::keys::set_summary(set);
    for key in &set.keys {
        summary.push(' ');
        summary.push_str(&explain::keys::describe(key));
        if !summary.ends_with('.') {
            summary.push('.');
        }
    }
    let private_warning = set.keys.iter().find(|k| k.format.is_private()).map(|k| {
        explain::keys::private_key_warning(
            &explain::keys::name(k.source, k.kid.as_deref()),
            k.format,
        )
    });
    KeysView {
        summary: Some(summary),
        problems: set
            .problems
            .iter()
            .map(|p| (p.index, explain::keys::problem(set.origin, p)))
            .collect(),
        private_warning: private_warning.or_else(|| {
            set.problems
                .iter()
                .find(|p| p.private)
                .map(|p| explain::keys::problem(set.origin, p))
        }),
        error: None,
    }
}

/// The state of a key fetch, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchView {
    /// `loading`, `ok` or `error` (for `data-state`).
    pub state: &'static str,
    /// On error, a stable code such as `network-or-cors` or `status` (for `data-problem`).
    pub problem: Option<&'static str>,
    /// What happened, in a sentence or two.
    pub text: String,
    /// For network/CORS failures: the command that fetches the same URL from a terminal.
    pub curl: Option<String>,
    /// Discovery named another issuer than the token.
    pub issuer_mismatch: Option<String>,
    /// The key set was fetched a second time for a missing `kid`.
    pub refetched: bool,
    /// The fetched key set's summary and skipped entries.
    pub keys: Option<KeysView>,
}

/// Describes a fetch under way (`loading` names its URL) or finished.
pub fn fetch_view(loading: Option<&str>, fetched: Option<&Fetched>) -> Option<FetchView> {
    if let Some(url) = loading {
        return Some(FetchView {
            state: "loading",
            problem: None,
            text: explain::fetch::loading(url),
            curl: None,
            issuer_mismatch: None,
            refetched: false,
            keys: None,
        });
    }
    let fetched = fetched?;
    let issuer_mismatch = fetched
        .issuer_mismatch
        .as_ref()
        .map(explain::fetch::issuer_mismatch);
    Some(match &fetched.result {
        Ok(set) => FetchView {
            state: "ok",
            problem: None,
            text: explain::fetch::fetched(&fetched.url, set.keys.len(), fetched.refetched),
            curl: None,
            issuer_mismatch,
            refetched: fetched.refetched,
            keys: Some(key_set_view(set)),
        },
        Err(error) => FetchView {
            state: "error",
            problem: Some(error.code()),
            text: explain::fetch::keys_error(error),
            curl: match error {
                KeysError::Fetch(p) if !matches!(p, discovery::FetchProblem::Status { .. }) => {
                    Some(discovery::curl_command(p.url()))
                }
                KeysError::Jwks { url, .. } => Some(discovery::curl_command(url)),
                _ => None,
            },
            issuer_mismatch,
            refetched: fetched.refetched,
            keys: None,
        },
    })
}

/// Shows a signature check already made.
fn verification_view(v: &verify::Verification) -> VerifyView {
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
        verdict: match v.verdict() {
            Verdict::Valid => "valid",
            Verdict::Invalid => "invalid",
            Verdict::Unverifiable => "unverifiable",
            Verdict::Malformed => "malformed",
        },
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
        kid_not_found: v.kid_not_found().map(str::to_owned),
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

/// What a token says about where its keys are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyHints {
    /// The `iss` claim, for discovery.
    pub iss: Option<String>,
    /// The header's `kid`, for the one refetch after key rotation.
    pub kid: Option<String>,
    /// `jku` / `x5u` from the header with the warning to show before fetching them.
    pub header_urls: Vec<(&'static str, String, String)>,
    /// What "Discover from issuer" will fetch (`Ok`), or why it cannot (`Err`).
    pub discover: Result<String, String>,
}

/// Reads a candidate's key hints (empty for opaque values and encrypted tokens).
pub fn key_hints(candidate: &Candidate) -> KeyHints {
    let mut hints = KeyHints {
        iss: None,
        kid: None,
        header_urls: Vec::new(),
        discover: Err(explain::fetch::discover_unavailable().to_owned()),
    };
    let Ok(Parsed::Jws(jwt)) = jose::parse_unverified(&candidate.token) else {
        return hints;
    };
    if let Ok(header) = &jwt.header {
        hints.kid = header.kid.present().cloned();
        for (member, field) in [("jku", &header.jku), ("x5u", &header.x5u)] {
            if let Some(url) = field.present() {
                let warning = explain::fetch::header_url_warning(member, url);
                hints.header_urls.push((member, url.clone(), warning));
            }
        }
    }
    hints.iss = jwt.claims().and_then(|c| c.iss.present().cloned());
    if let Some(iss) = &hints.iss {
        hints.discover = match discovery::plan_for_issuer(iss) {
            Ok(discovery::KeysPlan::CognitoJwks { jwks_url: url })
            | Ok(discovery::KeysPlan::Discovery { config_url: url }) => {
                Ok(explain::fetch::discover_plan(&url))
            }
            Err(problem) => Err(explain::fetch::url_problem(&problem)),
        };
    }
    hints
}

/// The diagnosis panel's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagnosisView {
    /// The selected token's signature check (`None` for opaque values).
    pub verification: Option<VerifyView>,
    /// Token-level findings grouped by stage, in stage order.
    pub stages: Vec<StageView>,
    /// One row per gateway profile.
    pub profiles: Vec<ProfileView>,
    /// With several tokens: which to send, per profile.
    pub choices: Vec<ChoiceView>,
}

/// One stage's findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageView {
    /// For `data-stage`.
    pub id: &'static str,
    /// Heading.
    pub title: &'static str,
    /// Its findings.
    pub findings: Vec<FindingView>,
}

/// One finding, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingView {
    /// Stable code.
    pub code: &'static str,
    /// `info`, `warning`, `error`.
    pub severity: &'static str,
    /// What was seen (REPORTED knowledge is worded "likely").
    pub text: String,
    /// How to fix it, when there is something to do.
    pub fix: Option<String>,
    /// Primary sources.
    pub links: Vec<(&'static str, &'static str)>,
}

/// One gateway profile's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileView {
    /// For `data-profile`.
    pub id: &'static str,
    /// Its name.
    pub name: &'static str,
    /// `accept`, `reject` or `cannot-tell`.
    pub verdict: &'static str,
    /// HTTP status of a rejection.
    pub status: Option<u16>,
    /// The verdict in a sentence.
    pub line: String,
    /// The findings it rests on.
    pub findings: Vec<FindingView>,
}

/// One "which token do I send" answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceView {
    /// For `data-profile`.
    pub profile: &'static str,
    /// The label of the token to send, or empty.
    pub send: String,
    /// The answer, with why the others fail.
    pub text: String,
}

/// What was read from a pasted gateway answer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResponseView {
    /// The status line read, if any.
    pub status: Option<String>,
    /// Causes.
    pub findings: Vec<FindingView>,
}

/// Reads the gateway description fields into a [`Target`], with a note per field saying what
/// was taken from it (ARN, issuer URL, …) where that is worth saying.
pub fn target(fields: &BTreeMap<&'static str, String>) -> (Target, Vec<(&'static str, String)>) {
    explain::diagnosis::read_target(|id| fields.get(id).map(String::as_str).unwrap_or(""))
}

/// Diagnoses the selected candidate against the keys and the described gateway.
pub fn diagnosis_view(
    overview: &Overview,
    selected: usize,
    keys: &[&KeySet],
    target: &Target,
    now: i64,
    leeway: i64,
) -> Option<DiagnosisView> {
    let candidates = &overview.extraction.candidates;
    let e = diagnose::Expectations {
        keys,
        target,
        now,
        leeway,
    };
    let d = diagnose::diagnose(candidates, selected, &e)?;
    let mut stages: Vec<StageView> = Vec::new();
    for (origin, f) in &d.findings {
        let view = match origin {
            Origin::Identity => {
                finding_view(f, explain::identity::message(f), explain::identity::fix(f))
            }
            Origin::Claims => finding_view(f, explain::claims::message(f), explain::claims::fix(f)),
            Origin::Lints => finding_view(f, explain::lints::message(f), explain::lints::fix(f)),
            Origin::Skipped => match f.code {
                diagnose::finding::Code::Skipped(r) => {
                    finding_view(f, explain::diagnosis::skipped(r).to_owned(), None)
                }
                _ => continue,
            },
        };
        let id = explain::diagnosis::stage_id(f.stage);
        match stages.last_mut() {
            Some(stage) if stage.id == id => stage.findings.push(view),
            _ => stages.push(StageView {
                id,
                title: explain::diagnosis::stage_title(f.stage),
                findings: vec![view],
            }),
        }
    }
    let profiles = d
        .profiles
        .iter()
        .map(|r| ProfileView {
            id: profile_id(r.profile),
            name: explain::profiles::profile_name(r.profile),
            verdict: match r.verdict {
                ProfileVerdict::Accept => "accept",
                ProfileVerdict::Reject { .. } => "reject",
                ProfileVerdict::CannotTell { .. } => "cannot-tell",
            },
            status: match r.verdict {
                ProfileVerdict::Reject { status, .. } => Some(status),
                _ => None,
            },
            line: explain::profiles::verdict_line(r),
            findings: r
                .findings
                .iter()
                .map(|f| finding_view(f, explain::profiles::message(f), explain::profiles::fix(f)))
                .collect(),
        })
        .collect();
    let names: Vec<String> = overview
        .candidates
        .iter()
        .map(|c| c.label.clone())
        .collect();
    let choices = d
        .choices
        .iter()
        .map(|c| ChoiceView {
            profile: profile_id(c.profile),
            send: c
                .send
                .and_then(|i| names.get(i).cloned())
                .unwrap_or_default(),
            text: explain::profiles::choice_line(c, &names),
        })
        .collect();
    let verification = candidates
        .get(selected)
        .filter(|c| c.shape != Shape::Opaque)
        .map(|_| verification_view(&d.facts.verification));
    Some(DiagnosisView {
        verification,
        stages,
        profiles,
        choices,
    })
}

/// Reads what the gateway answered.
pub fn response_view(text: &str) -> ResponseView {
    if text.trim().is_empty() {
        return ResponseView::default();
    }
    let reading = diagnose::response::read_response(text);
    ResponseView {
        status: reading.status.map(|s| match &reading.body_message {
            Some(m) => format!("HTTP {s}: {m}"),
            None => format!("HTTP {s}"),
        }),
        findings: reading
            .findings
            .iter()
            .map(|f| {
                let fix = explain::response::fix(f).map(str::to_owned);
                let mut text = explain::response::message(f);
                // Every answer that says nothing about the token is labelled the same way.
                if !diagnose::response::is_token_problem(f.code.as_str())
                    && !text.to_lowercase().contains("not a token problem")
                {
                    text = format!("Not a token problem: {text}");
                }
                finding_view(f, text, fix)
            })
            .collect(),
    }
}

fn profile_id(p: Profile) -> &'static str {
    match p {
        Profile::RestCognito => "rest-cognito",
        Profile::RestTestAuthorizer => "rest-test-authorizer",
        Profile::RestJwt => "rest-jwt",
        Profile::HttpJwt => "http-jwt",
        Profile::LambdaAjv => "lambda-ajv",
        Profile::Oidc => "oidc",
    }
}

fn finding_view(f: &Finding, text: String, fix: Option<String>) -> FindingView {
    FindingView {
        code: f.code.as_str(),
        severity: match f.severity {
            diagnose::finding::Severity::Info => "info",
            diagnose::finding::Severity::Warning => "warning",
            diagnose::finding::Severity::Error => "error",
        },
        text,
        fix,
        links: f
            .sources
            .iter()
            .filter_map(|k| explain::sources::url(k).map(|u| (*k, u)))
            .collect(),
    }
}

/// The form fields a preset profile fills in: its issuer, client ids and scopes go to the
/// fields of its gateway (all gateways when it names none), then its explicit `fields` override.
pub fn preset_fields(p: &crate::presets::PresetProfile) -> Vec<(&'static str, String)> {
    use crate::diagnose::profiles::Profile as G;
    let all = p.gateway.is_none();
    let is = |g: G| all || p.gateway == Some(g);
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let list = |v: &[String]| v.join(" ");
    if let Some(iss) = &p.issuer {
        if is(G::HttpJwt) {
            out.push(("cfg-http-issuer", iss.clone()));
        }
        if is(G::Oidc) {
            out.push(("cfg-oidc-issuer", iss.clone()));
        }
        if is(G::RestCognito) {
            out.push(("cfg-rest-pools", iss.clone()));
        }
        if is(G::LambdaAjv) {
            out.push(("cfg-lambda-pool", iss.clone()));
        }
    }
    if !p.client_ids.is_empty() {
        if is(G::HttpJwt) {
            out.push(("cfg-http-audiences", list(&p.client_ids)));
        }
        if is(G::LambdaAjv) {
            out.push(("cfg-lambda-clients", list(&p.client_ids)));
        }
        if is(G::Oidc) {
            out.push(("cfg-oidc-audiences", list(&p.client_ids)));
        }
    }
    if !p.scopes.is_empty() {
        let id = match p.gateway {
            Some(G::RestCognito) | Some(G::RestTestAuthorizer) => Some("cfg-rest-scopes"),
            Some(G::RestJwt) => Some("cfg-restjwt-scopes"),
            Some(G::HttpJwt) => Some("cfg-http-scopes"),
            Some(G::LambdaAjv) => Some("cfg-lambda-scopes"),
            Some(G::Oidc) => Some("cfg-oidc-scopes"),
            None => None,
        };
        if let Some(id) = id {
            out.push((id, list(&p.scopes)));
        }
    }
    for (id, value) in &p.fields {
        out.retain(|(existing, _)| existing != id);
        out.push((*id, value.clone()));
    }
    out
}

/// A share link in one mode, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareView {
    /// The link.
    pub link: String,
    /// Its length in characters.
    pub length: String,
    /// Where common tools truncate links this long.
    pub length_warning: Option<String>,
    /// What the link leaves out, and why.
    pub dropped: Vec<String>,
}

/// Builds the share link for the page at `base` (its current address).
pub fn share_view(
    input: &crate::share::ShareInput,
    mode: crate::share::Mode,
    base: &str,
) -> ShareView {
    let encoded = crate::share::encode(input, mode);
    let link = crate::share::link(base, &encoded.fragment);
    let len = link.chars().count();
    let mut dropped: Vec<String> = encoded
        .dropped
        .iter()
        .map(explain::share::dropped)
        .collect();
    if let Some(query) = crate::share::dropped_query(base) {
        dropped.push(explain::share::dropped(&query));
    }
    ShareView {
        length: explain::share::length(len),
        length_warning: crate::share::length_warning(len)
            .map(|w| explain::share::length_warning(&w)),
        dropped,
        link,
    }
}

/// Finds the candidate tokens in a paste.
pub fn overview(text: &str) -> Overview {
    let extraction = input::extract(text);
    Overview {
        candidates: extraction
            .candidates
            .iter()
            .map(|c| CandidateItem {
                label: explain::input::label(c),
                shape: shape_name(&c.shape),
            })
            .collect(),
        nothing_found: extraction
            .nothing_found
            .as_ref()
            .map(explain::input::unrecognised),
        extraction,
    }
}

fn shape_name(shape: &Shape) -> &'static str {
    match shape {
        Shape::Jws => "JWS",
        Shape::Jwe => "JWE",
        Shape::Opaque => "Opaque",
    }
}

/// Decodes one candidate for display. `now` is seconds since the epoch; `local_offset` gives
/// the viewer's UTC offset in minutes at a given instant.
pub fn token_view(candidate: &Candidate, now: i64, local_offset: &dyn Fn(i64) -> i32) -> TokenView {
    let mut view = TokenView {
        token: candidate.token.clone(),
        shape: shape_name(&candidate.shape),
        cleanups: candidate
            .cleanups
            .iter()
            .map(explain::input::cleanup)
            .collect(),
        notice: None,
        header_json: None,
        payload_json: None,
        raw: Vec::new(),
        problems: Vec::new(),
        claims: Vec::new(),
    };
    if candidate.shape == Shape::Opaque {
        view.notice = Some(explain::input::shape(&candidate.shape));
        return view;
    }
    match jose::parse_unverified(&candidate.token) {
        Err(err) => view
            .problems
            .push(error(explain::decode::structure_error(&err))),
        Ok(Parsed::Jws(jwt)) => {
            view.shape = "JWS";
            view.raw = vec![
                raw("header", &jwt.raw_header),
                raw("payload", &jwt.raw_payload),
                raw("signature", &jwt.raw_signature),
            ];
            read_header(&jwt.header, jose::Segment::Header, &mut view);
            match &jwt.payload {
                Ok(payload) => {
                    view.payload_json = payload_text(payload);
                    if let jose::Payload::Json { doc, claims } = payload {
                        let kind = diagnose::identity::identify(
                            jwt.header.as_ref().ok(),
                            Some(claims),
                            None,
                        )
                        .kind;
                        view.claims = claim_rows(&doc.value, claims, &kind, now, local_offset);
                        for (name, want, value) in claims.malformed() {
                            view.problems.push(note(explain::decode::malformed_field(
                                jose::Segment::Payload,
                                name,
                                want,
                                value,
                            )));
                        }
                        if doc.value.as_object().is_none() {
                            view.problems
                                .push(note(explain::decode::payload_kind(payload)));
                        }
                    } else {
                        view.notice = Some(explain::decode::payload_kind(payload));
                    }
                }
                Err(err) => view
                    .problems
                    .push(error(explain::decode::segment_error(err))),
            }
            if let Err(err) = &jwt.signature {
                view.problems
                    .push(error(explain::decode::segment_error(err)));
            }
            if let Ok(jose::Payload::Json { doc, .. }) = &jwt.payload {
                duplicates(doc, jose::Segment::Payload, &mut view);
            }
            view.problems
                .extend(jwt.quirks.iter().map(|q| note(explain::decode::quirk(q))));
        }
        Ok(Parsed::Jwe(jwe)) => {
            view.shape = "JWE";
            view.raw = vec![
                raw("header", &jwe.raw_header),
                raw("encrypted-key", &jwe.raw_encrypted_key),
                raw("iv", &jwe.raw_iv),
                raw("ciphertext", &jwe.raw_ciphertext),
                raw("tag", &jwe.raw_tag),
            ];
            read_header(&jwe.header, jose::Segment::Header, &mut view);
            view.notice = Some(explain::decode::jwe_notice(&jwe));
            for part in [&jwe.encrypted_key, &jwe.iv, &jwe.ciphertext, &jwe.tag] {
                if let Err(err) = part {
                    view.problems
                        .push(error(explain::decode::segment_error(err)));
                }
            }
            view.problems
                .extend(jwe.quirks.iter().map(|q| note(explain::decode::quirk(q))));
        }
    }
    view
}

fn read_header(
    header: &Result<jose::Header, jose::SegmentError>,
    segment: jose::Segment,
    view: &mut TokenView,
) {
    match header {
        Ok(header) => {
            view.header_json = Some(header.doc.pretty());
            duplicates(&header.doc, segment, view);
            for (name, want, value) in header.malformed() {
                view.problems.push(note(explain::decode::malformed_field(
                    segment, name, want, value,
                )));
            }
        }
        Err(err) => view
            .problems
            .push(error(explain::decode::segment_error(err))),
    }
}

fn duplicates(doc: &jose::JsonDoc, segment: jose::Segment, view: &mut TokenView) {
    for duplicate in &doc.duplicates {
        view.problems
            .push(note(explain::decode::duplicate(segment, duplicate)));
    }
}

fn payload_text(payload: &jose::Payload) -> Option<String> {
    match payload {
        jose::Payload::Json { doc, .. } => Some(doc.pretty()),
        jose::Payload::NestedJwt(inner) => Some(inner.clone()),
        jose::Payload::Text(text) => Some(text.clone()),
        jose::Payload::Bytes(_) | jose::Payload::Empty => None,
    }
}

fn claim_rows(
    value: &jose::Value,
    claims: &jose::Claims,
    kind: &diagnose::identity::TokenKind,
    now: i64,
    local_offset: &dyn Fn(i64) -> i32,
) -> Vec<ClaimRow> {
    let times = jose::time_claims(claims);
    let members = value.as_object().unwrap_or_default();
    members
        .iter()
        .map(|(name, value)| {
            let time = times
                .iter()
                .find(|(claim, _)| claim.name() == name)
                .and_then(|(claim, field)| time_cell(*claim, field, now, local_offset));
            ClaimRow {
                name: name.clone(),
                value: value.compact(),
                time,
                meaning: explain::dictionary::explain_claim(name, kind),
            }
        })
        .collect()
}

fn time_cell(
    claim: jose::TimeClaim,
    field: &jose::Field<jose::NumericDate>,
    now: i64,
    local_offset: &dyn Fn(i64) -> i32,
) -> Option<TimeCell> {
    let date = field.present()?;
    let view = timefmt::describe(date.secs, now, local_offset(date.secs));
    let warning = if date.looks_like_milliseconds {
        Some(explain::decode::millis_warning(claim, date))
    } else {
        explain::decode::clamp_note(claim, view.clamp)
    };
    Some(TimeCell {
        relative: explain::decode::time_phrase(claim, view.delta_secs),
        alarming: match claim {
            jose::TimeClaim::Exp => view.delta_secs < 0,
            jose::TimeClaim::Nbf | jose::TimeClaim::Iat => view.delta_secs > 0,
            jose::TimeClaim::AuthTime => false,
        },
        utc: view.utc,
        local: view.local,
        warning,
    })
}

fn raw(name: &'static str, text: &str) -> RawSegment {
    RawSegment {
        name,
        text: text.to_owned(),
    }
}

fn note(text: String) -> Problem {
    Problem {
        severity: Severity::Note,
        text,
    }
}

fn error(text: String) -> Problem {
    Problem {
        severity: Severity::Error,
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const UTC: &dyn Fn(i64) -> i32 = &|_| 0;
    /// `{"alg":"HS256","typ":"JWT"}` . `{"sub":"a","exp":1700000000,"big":12345678901234567890123}`
    const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\
        eyJzdWIiOiJhIiwiZXhwIjoxNzAwMDAwMDAwLCJiaWciOjEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzfQ.c2ln";

    fn first(text: &str) -> TokenView {
        let overview = overview(text);
        let candidate = overview.extraction.candidates.first().expect("a candidate");
        token_view(candidate, 1_700_000_000 + 3 * 3600 + 12 * 60, UTC)
    }

    #[test]
    fn claims_rows_keep_payload_order_and_exact_number_text() {
        let view = first(TOKEN);
        let rows: Vec<(&str, &str)> = view
            .claims
            .iter()
            .map(|r| (r.name.as_str(), r.value.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                ("sub", "\"a\""),
                ("exp", "1700000000"),
                ("big", "12345678901234567890123")
            ]
        );
        assert_eq!(view.shape, "JWS");
        assert_eq!(
            view.raw.iter().map(|s| s.name).collect::<Vec<_>>(),
            ["header", "payload", "signature"]
        );
    }

    #[test]
    fn time_claims_get_relative_utc_and_local_renderings() {
        let view = first(TOKEN);
        let exp = view
            .claims
            .iter()
            .find(|r| r.name == "exp")
            .and_then(|r| r.time.clone());
        let exp = exp.expect("exp has a time cell");
        assert!(exp.alarming);
        assert_eq!(exp.utc, "2023-11-14 22:13:20 UTC");
        assert!(exp.relative.contains("3 h 12 min"), "{}", exp.relative);
        assert!(view
            .claims
            .iter()
            .find(|r| r.name == "sub")
            .is_some_and(|r| r.time.is_none()));
    }

    #[test]
    fn a_bearer_paste_lists_what_was_removed() {
        let view = first(&format!("Authorization: Bearer {TOKEN}"));
        assert!(!view.cleanups.is_empty());
        assert_eq!(view.token, TOKEN);
    }

    #[test]
    fn a_cognito_response_offers_three_candidates_and_the_refresh_token_is_a_jwe() {
        let demo = include_str!("../static/demo/authentication-result.json");
        let overview = overview(demo);
        let shapes: Vec<&str> = overview.candidates.iter().map(|c| c.shape).collect();
        assert_eq!(shapes, ["JWS", "JWS", "JWE"]);
        let refresh = overview
            .extraction
            .candidates
            .get(2)
            .expect("refresh token");
        let view = token_view(refresh, 0, UTC);
        assert_eq!(view.raw.len(), 5);
        assert!(view.notice.is_some());
        assert!(view.header_json.is_some_and(|h| h.contains("A256GCM")));
    }

    #[test]
    fn a_bad_payload_segment_still_shows_the_header_and_says_what_is_wrong() {
        // Payload `{"a":` (cut short): still a candidate, so the decoder can say where it breaks.
        let view = first("eyJhbGciOiJIUzI1NiJ9.eyJhIjo.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlMTIzNA");
        assert!(view.header_json.is_some());
        assert!(view.payload_json.is_none());
        assert!(view.problems.iter().any(|p| p.severity == Severity::Error));
    }

    #[test]
    fn the_demo_access_token_is_rejected_by_a_rest_method_without_scopes_and_says_likely_where_reported(
    ) {
        let demo = include_str!("../static/demo/authentication-result.json");
        let keys = crate::jose::jwk::parse_jwks(include_bytes!("../static/demo/jwks.json"))
            .expect("demo keys");
        let overview = overview(demo);
        let (target, notes) = target(&BTreeMap::new());
        assert!(notes.is_empty());
        // 2026-01-15T09:30Z: both demo tokens are within their hour.
        let view =
            diagnosis_view(&overview, 0, &[&keys], &target, 1_768_469_400, 0).expect("a diagnosis");
        let rest = view
            .profiles
            .iter()
            .find(|p| p.id == "rest-cognito")
            .expect("REST row");
        assert_eq!((rest.verdict, rest.status), ("reject", Some(401)));
        // The banner's signature check comes with the diagnosis (verified once, not twice).
        assert_eq!(view.verification.as_ref().map(|v| v.verdict), Some("valid"));
        assert!(rest
            .findings
            .iter()
            .any(|f| f.code == "rest_access_token_on_method_without_scopes"));
        let choices: Vec<(&str, &str)> = view
            .choices
            .iter()
            .map(|c| (c.profile, c.send.as_str()))
            .collect();
        assert!(choices
            .iter()
            .any(|(p, send)| *p == "rest-cognito" && send.contains("IdToken")));
        // Every finding shown links a source, and REPORTED knowledge reads "likely".
        let d = diagnose::diagnose(
            &overview.extraction.candidates,
            0,
            &diagnose::Expectations {
                keys: &[&keys],
                target: &target,
                now: 1_768_469_400,
                leeway: 0,
            },
        )
        .expect("a diagnosis");
        for r in &d.profiles {
            for f in &r.findings {
                let text = explain::profiles::message(f);
                assert!(
                    f.status == crate::diagnose::finding::Status::Confirmed
                        || text.contains("likely"),
                    "{}: {text}",
                    f.code.as_str()
                );
            }
        }
        assert!(view
            .profiles
            .iter()
            .flat_map(|p| &p.findings)
            .all(|f| !f.links.is_empty()));
    }

    #[test]
    fn gateway_fields_say_what_they_took_from_an_arn() {
        let mut fields = BTreeMap::new();
        fields.insert(
            "cfg-lambda-pool",
            "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123".to_owned(),
        );
        let (target, notes) = target(&fields);
        assert_eq!(target.lambda.pool_id.as_deref(), Some("eu-west-1_AbC123"));
        assert!(notes
            .iter()
            .any(|(id, n)| *id == "cfg-lambda-pool" && n.contains("eu-west-1_AbC123")));
    }

    #[test]
    fn a_gateway_answer_is_read_into_causes() {
        let view = response_view(
            "HTTP/1.1 403 Forbidden\n\n{\"message\":\"Missing Authentication Token\"}",
        );
        assert!(view
            .findings
            .iter()
            .any(|f| f.code == "resp_missing_authentication_token"));
        assert!(view.status.is_some_and(|s| s.contains("403")));
        let cors = response_view("TypeError: Failed to fetch");
        assert!(cors
            .findings
            .iter()
            .all(|f| f.text.to_lowercase().contains("not a token problem")));
        assert_eq!(response_view("  "), ResponseView::default());
    }

    #[test]
    fn a_preset_fills_the_fields_of_its_gateway_and_its_explicit_fields_win() {
        let body = br#"{"version":1,"profiles":[{"name":"orders","issuer":"https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC","client_ids":["abc"],"scopes":["orders/read"],"gateway":"http-jwt","fields":{"leeway":"30"}}]}"#;
        let parsed = crate::presets::parse_presets(body);
        let profile = parsed.presets.profiles.first().expect("a profile");
        let fields = preset_fields(profile);
        assert!(fields.contains(&(
            "cfg-http-issuer",
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC".to_owned()
        )));
        assert!(fields.contains(&("cfg-http-audiences", "abc".to_owned())));
        assert!(fields.contains(&("cfg-http-scopes", "orders/read".to_owned())));
        assert!(fields.contains(&("leeway", "30".to_owned())));
        assert!(!fields.iter().any(|(id, _)| id.starts_with("cfg-rest")));
    }

    #[test]
    fn a_share_link_lives_in_the_fragment_and_says_what_it_left_out() {
        let input = crate::share::ShareInput {
            text: TOKEN.to_owned(),
            selected: 0,
            keys_text: "my-hmac-secret".to_owned(),
            secret_encoding: crate::jose::jwk::SecretEncoding::Text,
            jwks_url: String::new(),
            fields: vec![("leeway".to_owned(), "5".to_owned())],
        };
        let view = share_view(
            &input,
            crate::share::Mode::FullToken,
            "https://tools.example/tl/?x=1#old",
        );
        assert!(
            view.link.starts_with("https://tools.example/tl/#"),
            "{}",
            view.link
        );
        assert!(!view.link.contains("my-hmac-secret"));
        assert!(!view.dropped.is_empty());
    }

    #[test]
    fn nothing_found_carries_a_message_and_no_candidates() {
        let overview = overview("hello world");
        assert!(overview.candidates.is_empty());
        assert!(overview.nothing_found.is_some());
    }
}
