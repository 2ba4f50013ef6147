//! An organisation's presets (`tokenlens.config.json` beside `index.html`), and which issuer
//! hosts may be fetched without a click.
//!
//! Owns the presets schema, its validation (every problem, with its JSON path and reason) and
//! the auto-fetch allow-list. Must not fetch the file (the shell does, and the page works
//! without it) and holds no prose (`crate::explain::presets`).
//!
//! # Schema (version 1)
//!
//! ```json
//! {
//!   "version": 1,
//!   "profiles": [
//!     {
//!       "name": "Orders API (prod)",
//!       "issuer": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123",
//!       "jwks_url": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123/.well-known/jwks.json",
//!       "client_ids": ["4b1ibc9gpvlcb5n2fl0akvq0vf"],
//!       "scopes": ["orders/read"],
//!       "gateway": "rest-cognito",
//!       "fields": { "cfg-rest-scopes": "orders/read", "leeway": "60" }
//!     }
//!   ],
//!   "default_profile": "Orders API (prod)",
//!   "auto_fetch_hosts": ["login.example.com", "*.idp.example.com"],
//!   "fetch_keys_only_on_click": true
//! }
//! ```
//!
//! - `version` (required): 1.
//! - `profiles`: `name` is required and unique; `issuer` and `jwks_url` are `https://` URLs
//!   (loopback `http://` allowed, as for typed URLs); `gateway` is one of `rest-cognito`, `rest-jwt`,
//!   `http-jwt`, `lambda-ajv`, `oidc`; `fields` keys are the gateway form's field ids.
//! - `default_profile`: the name of one of the profiles.
//! - `auto_fetch_hosts`: host names, or `*.` followed by a domain of at least two labels
//!   (matches its subdomains, not the domain itself).
//! - `fetch_keys_only_on_click`: `true` starts the page with "Fetch keys only when I click" on
//!   (no key is fetched without a click, not even from the built-in hosts); `false` or absent
//!   leaves it off. It is a default: a user's own choice, remembered on their device, wins.
//!
//! Lenient container, strict members: a profile with a problem is left out and the others are
//! kept; unknown members are reported as warnings and ignored.

use std::collections::{HashMap, HashSet};

use crate::jose::json::{JsonDoc, Str, Value};

use crate::diagnose::config::Field;
use crate::diagnose::profiles::Profile;
use crate::discovery::{self, UrlProblem};

/// The schema version this build reads.
pub const VERSION: u64 = 1;

/// The largest presets file read; a real one is a few KiB.
pub const MAX_BYTES: usize = 256 * 1024;

/// The field id for clock-skew leeway, which is a form field but not a [`Field`].
pub const LEEWAY_FIELD: &str = "leeway";

/// A validated presets file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Presets {
    /// The usable profiles, in file order.
    pub profiles: Vec<PresetProfile>,
    /// The name of the profile to start with, if it names a usable profile.
    pub default_profile: Option<String>,
    /// Host patterns whose issuers' keys may be fetched without a click.
    pub auto_fetch_hosts: Vec<HostPattern>,
    /// `fetch_keys_only_on_click`: the "Fetch keys only when I click" switch starts on.
    pub fetch_keys_only_on_click: bool,
}

impl Presets {
    /// The profile to start with (`default_profile`), if set.
    pub fn initial_profile(&self) -> Option<&PresetProfile> {
        let name = self.default_profile.as_deref()?;
        self.profiles.iter().find(|p| p.name == name)
    }
}

/// One named profile.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PresetProfile {
    /// Its name, unique in the file.
    pub name: String,
    /// The expected issuer (`iss`).
    pub issuer: Option<String>,
    /// Where its keys are.
    pub jwks_url: Option<String>,
    /// App client ids (audiences).
    pub client_ids: Vec<String>,
    /// Required scopes.
    pub scopes: Vec<String>,
    /// The gateway in front of the API.
    pub gateway: Option<Profile>,
    /// Gateway form values, by field id, in file order.
    pub fields: Vec<(&'static str, String)>,
}

/// A host pattern: an exact host or every subdomain of a domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostPattern {
    /// This host only (lower case).
    Exact(String),
    /// Any host ending in `.` + this domain (lower case), on a label boundary.
    Subdomains(String),
}

impl HostPattern {
    /// True when `host` (any case, trailing dot allowed) matches.
    pub fn matches(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        match self {
            HostPattern::Exact(h) => host == *h,
            HostPattern::Subdomains(d) => host
                .strip_suffix(d.as_str())
                .and_then(|rest| rest.strip_suffix('.'))
                .is_some_and(|label| !label.is_empty()),
        }
    }
}

/// What [`parse_presets`] found: the usable presets, and every problem seen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed {
    /// Everything usable.
    pub presets: Presets,
    /// Every problem, in file order; [`PresetProblem::is_warning`] ones did not stop anything.
    pub problems: Vec<PresetProblem>,
}

/// One problem, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresetProblem {
    /// JSONPath-style location, e.g. `$.profiles[1].issuer`.
    pub path: String,
    /// What is wrong.
    pub reason: PresetReason,
}

impl PresetProblem {
    /// True for problems that are reported but change nothing (unknown members).
    pub fn is_warning(&self) -> bool {
        matches!(self.reason, PresetReason::UnknownKey { .. })
    }
}

/// A JSON type, for [`PresetReason::WrongType`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    /// `null`.
    Null,
    /// `true`/`false`.
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl JsonType {
    fn of(v: &Value) -> JsonType {
        match v {
            Value::Null => JsonType::Null,
            Value::Bool(_) => JsonType::Bool,
            Value::Number(_) => JsonType::Number,
            Value::String(_) => JsonType::String,
            Value::Array(_) => JsonType::Array,
            Value::Object(_) => JsonType::Object,
        }
    }
}

/// Why part of the presets file was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PresetReason {
    /// The file is larger than [`MAX_BYTES`].
    TooLarge {
        /// Its size.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// The file is not UTF-8.
    NotUtf8 {
        /// Bytes before the first invalid sequence.
        valid_up_to: usize,
    },
    /// The file is not JSON.
    NotJson {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// A value has the wrong JSON type.
    WrongType {
        /// What it must be.
        expected: JsonType,
        /// What it is.
        found: JsonType,
    },
    /// A required member is missing.
    Missing,
    /// A `version` this build does not read.
    UnsupportedVersion {
        /// The value, as written.
        found: String,
    },
    /// A `gateway` that is not one of the four kinds.
    UnknownGateway {
        /// The value.
        found: String,
    },
    /// A profile name used before.
    DuplicateName {
        /// The name.
        name: String,
        /// Index of the profile that has it first.
        first: usize,
    },
    /// An empty name or list entry.
    Empty,
    /// `default_profile` names no usable profile.
    NoSuchProfile {
        /// The name given.
        name: String,
    },
    /// A URL that could not be fetched.
    BadUrl(UrlProblem),
    /// A host pattern that is not a host name or `*.` + a domain of two or more labels.
    BadHostPattern {
        /// The pattern.
        pattern: String,
    },
    /// A `fields` key that is not a gateway form field.
    UnknownField {
        /// The key.
        id: String,
    },
    /// A member the schema does not define: ignored (a warning).
    UnknownKey {
        /// The member name.
        key: String,
    },
}

impl Parsed {
    /// True when nothing was left out (warnings about unknown members aside).
    pub fn is_clean(&self) -> bool {
        self.problems.iter().all(PresetProblem::is_warning)
    }
}

/// Reads a presets file: always the usable part (perhaps empty), plus every problem, warnings
/// included, so the page can show them all and still work.
pub fn parse_presets(body: &[u8]) -> Parsed {
    let problem = |path: &str, reason: PresetReason| Parsed {
        presets: Presets::default(),
        problems: vec![PresetProblem {
            path: path.to_owned(),
            reason,
        }],
    };
    if body.len() > MAX_BYTES {
        return problem(
            "$",
            PresetReason::TooLarge {
                len: body.len(),
                limit: MAX_BYTES,
            },
        );
    }
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        Err(e) => {
            return problem(
                "$",
                PresetReason::NotUtf8 {
                    valid_up_to: e.valid_up_to(),
                },
            );
        }
    };
    let root = match JsonDoc::parse(text) {
        Ok(doc) => doc.value,
        Err(e) => {
            let (line, column) = crate::share::line_column(text, &e);
            return problem("$", PresetReason::NotJson { line, column });
        }
    };
    let mut problems = Vec::new();
    let presets = read_root(&root, &mut problems);
    Parsed { presets, problems }
}

/// Collects problems, counting the ones that are not warnings as they come (so a profile's
/// "did this add an error?" check is constant-time, not a scan of every problem so far).
struct Sink<'a> {
    problems: &'a mut Vec<PresetProblem>,
    errors: usize,
}

impl Sink<'_> {
    fn push(&mut self, path: impl Into<String>, reason: PresetReason) {
        let p = PresetProblem {
            path: path.into(),
            reason,
        };
        if !p.is_warning() {
            self.errors += 1;
        }
        self.problems.push(p);
    }

    fn wrong(&mut self, path: impl Into<String>, expected: JsonType, v: &Value) {
        self.push(
            path,
            PresetReason::WrongType {
                expected,
                found: JsonType::of(v),
            },
        );
    }

    /// Each unknown member name once, in file order.
    fn unknown_keys(&mut self, path: &str, obj: &[(Str, Value)], known: &[&str]) {
        let mut seen = HashSet::new();
        let unknown = obj.iter().map(|(k, _)| k.as_str());
        for key in unknown.filter(|k| !known.contains(k) && seen.insert(*k)) {
            self.push(
                format!("{path}.{}", clip(key)),
                PresetReason::UnknownKey { key: clip(key) },
            );
        }
    }
}

fn read_root(root: &Value, problems: &mut Vec<PresetProblem>) -> Presets {
    let mut sink = Sink {
        problems,
        errors: 0,
    };
    let mut presets = Presets::default();
    let Value::Object(members) = root else {
        sink.wrong("$", JsonType::Object, root);
        return presets;
    };
    let obj = root;
    match obj.get("version") {
        None => sink.push("$.version", PresetReason::Missing),
        Some(Value::Number(n)) if n.parse::<u64>() == Ok(VERSION) => {}
        Some(Value::Number(n)) => {
            // A different version may mean anything: read nothing rather than misread it.
            sink.push(
                "$.version",
                PresetReason::UnsupportedVersion { found: clip(n) },
            );
            return presets;
        }
        Some(v) => sink.wrong("$.version", JsonType::Number, v),
    }
    sink.unknown_keys(
        "$",
        members,
        &[
            "version",
            "profiles",
            "default_profile",
            "auto_fetch_hosts",
            "fetch_keys_only_on_click",
        ],
    );
    match obj.get("profiles") {
        None => {}
        Some(Value::Array(items)) => {
            // Names are compared across every profile, usable or not: the author meant each
            // name once either way.
            let mut names: HashMap<&str, usize> = HashMap::new();
            for (i, item) in items.iter().enumerate() {
                let path = format!("$.profiles[{i}]");
                let profile = read_profile(&path, item, &mut sink);
                let Some(name) = item.get("name").and_then(Value::as_str) else {
                    continue;
                };
                if let Some(first) = names.get(name) {
                    sink.push(
                        format!("{path}.name"),
                        PresetReason::DuplicateName {
                            name: clip(name),
                            first: *first,
                        },
                    );
                    continue;
                }
                names.insert(name, i);
                presets.profiles.extend(profile);
            }
        }
        Some(v) => sink.wrong("$.profiles", JsonType::Array, v),
    }
    match obj.get("default_profile") {
        None => {}
        Some(Value::String(name)) => {
            if presets.profiles.iter().any(|p| p.name == *name) {
                presets.default_profile = Some(name.to_string());
            } else {
                sink.push(
                    "$.default_profile",
                    PresetReason::NoSuchProfile { name: clip(name) },
                );
            }
        }
        Some(v) => sink.wrong("$.default_profile", JsonType::String, v),
    }
    match obj.get("auto_fetch_hosts") {
        None => {}
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let path = format!("$.auto_fetch_hosts[{i}]");
                match item {
                    Value::String(s) => match host_pattern(s) {
                        Some(p) => presets.auto_fetch_hosts.push(p),
                        None => sink.push(path, PresetReason::BadHostPattern { pattern: clip(s) }),
                    },
                    v => sink.wrong(path, JsonType::String, v),
                }
            }
        }
        Some(v) => sink.wrong("$.auto_fetch_hosts", JsonType::Array, v),
    }
    match obj.get("fetch_keys_only_on_click") {
        None => {}
        Some(Value::Bool(on)) => presets.fetch_keys_only_on_click = *on,
        Some(v) => sink.wrong("$.fetch_keys_only_on_click", JsonType::Bool, v),
    }
    presets
}

fn read_profile(path: &str, item: &Value, sink: &mut Sink) -> Option<PresetProfile> {
    let Value::Object(members) = item else {
        sink.wrong(path, JsonType::Object, item);
        return None;
    };
    let obj = item;
    let before = sink.errors;
    sink.unknown_keys(
        path,
        members,
        &[
            "name",
            "issuer",
            "jwks_url",
            "client_ids",
            "scopes",
            "gateway",
            "fields",
        ],
    );
    let mut profile = PresetProfile::default();
    match obj.get("name") {
        None => sink.push(format!("{path}.name"), PresetReason::Missing),
        Some(Value::String(s)) if s.trim().is_empty() => {
            sink.push(format!("{path}.name"), PresetReason::Empty)
        }
        Some(Value::String(s)) => profile.name = s.to_string(),
        Some(v) => sink.wrong(format!("{path}.name"), JsonType::String, v),
    }
    for (key, slot) in [
        ("issuer", &mut profile.issuer),
        ("jwks_url", &mut profile.jwks_url),
    ] {
        match obj.get(key) {
            None => {}
            Some(Value::String(s)) => match discovery::check_url(s) {
                Ok(()) => *slot = Some(s.trim().to_owned()),
                Err(e) => sink.push(format!("{path}.{key}"), PresetReason::BadUrl(e)),
            },
            Some(v) => sink.wrong(format!("{path}.{key}"), JsonType::String, v),
        }
    }
    for (key, slot) in [
        ("client_ids", &mut profile.client_ids),
        ("scopes", &mut profile.scopes),
    ] {
        match obj.get(key) {
            None => {}
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    let at = format!("{path}.{key}[{i}]");
                    match item {
                        Value::String(s) if s.trim().is_empty() => {
                            sink.push(at, PresetReason::Empty)
                        }
                        Value::String(s) => slot.push(s.trim().to_owned()),
                        v => sink.wrong(at, JsonType::String, v),
                    }
                }
            }
            Some(v) => sink.wrong(format!("{path}.{key}"), JsonType::Array, v),
        }
    }
    match obj.get("gateway") {
        None => {}
        Some(Value::String(s)) => match gateway(s) {
            Some(g) => profile.gateway = Some(g),
            None => sink.push(
                format!("{path}.gateway"),
                PresetReason::UnknownGateway { found: clip(s) },
            ),
        },
        Some(v) => sink.wrong(format!("{path}.gateway"), JsonType::String, v),
    }
    match obj.get("fields") {
        None => {}
        Some(Value::Object(fields)) => {
            // A repeated id: its last value, as `get` reads every other member.
            let last: HashMap<&str, usize> = fields
                .iter()
                .enumerate()
                .map(|(i, (id, _))| (id.as_str(), i))
                .collect();
            let members = fields.iter().enumerate();
            for (_, (id, value)) in members.filter(|(i, (id, _))| last.get(id.as_str()) == Some(i))
            {
                let at = format!("{path}.fields.{}", clip(id));
                let Some(known) = field_id(id) else {
                    sink.push(at, PresetReason::UnknownField { id: clip(id) });
                    continue;
                };
                match value {
                    Value::String(s) => profile.fields.push((known, s.to_string())),
                    v => sink.wrong(at, JsonType::String, v),
                }
            }
        }
        Some(v) => sink.wrong(format!("{path}.fields"), JsonType::Object, v),
    }
    let after = sink.errors;
    (after == before).then_some(profile)
}

/// The gateway kind for a presets `gateway` value.
pub fn gateway(s: &str) -> Option<Profile> {
    Some(match s {
        "rest-cognito" => Profile::RestCognito,
        "rest-jwt" => Profile::RestJwt,
        "http-jwt" => Profile::HttpJwt,
        "lambda-ajv" => Profile::LambdaAjv,
        "oidc" => Profile::Oidc,
        _ => return None,
    })
}

/// The known form field id equal to `id`: a gateway form [`Field`] or [`LEEWAY_FIELD`] (presets,
/// links and storage hold untrusted text).
pub fn field_id(id: &str) -> Option<&'static str> {
    if id == LEEWAY_FIELD {
        return Some(LEEWAY_FIELD);
    }
    Field::from_id(id).map(Field::id)
}

fn clip(s: &str) -> String {
    s.chars().take(100).collect()
}

/// Reads a host pattern: a host name (letters, digits, `-`, dots; labels 1–63 characters,
/// not starting or ending with `-`) or `*.` followed by one with at least two labels (so `*.com`
/// cannot allow a whole top-level domain).
pub fn host_pattern(s: &str) -> Option<HostPattern> {
    let s = s.trim().trim_end_matches('.').to_ascii_lowercase();
    let (wild, host) = match s.strip_prefix("*.") {
        Some(rest) => (true, rest.to_owned()),
        None => (false, s),
    };
    let labels: Vec<&str> = host.split('.').collect();
    let ok = host.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && (!wild || labels.len() >= 2);
    let pattern = if wild {
        HostPattern::Subdomains(host)
    } else {
        HostPattern::Exact(host)
    };
    ok.then_some(pattern)
}

/// Which rule allowed an automatic fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// A built-in pattern for a well-known identity provider.
    BuiltIn {
        /// The provider.
        provider: Provider,
        /// The pattern, e.g. `*.okta.com`.
        pattern: &'static str,
    },
    /// A host pattern from the presets file (`auto_fetch_hosts`).
    Presets(HostPattern),
    /// The host of a preset profile's `issuer` or `jwks_url`.
    PresetProfile {
        /// The profile's name.
        name: String,
    },
}

/// The identity providers with built-in auto-fetch patterns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    /// Amazon Cognito user pools.
    Cognito,
    /// Microsoft Entra ID.
    Entra,
    /// Google (including Firebase's key set).
    Google,
    /// Auth0.
    Auth0,
    /// Okta.
    Okta,
}

/// Why a URL waits for a click.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NeedsClickWhy {
    /// Not a fetchable URL at all.
    BadUrl(UrlProblem),
    /// Not `https://` (loopback `http://` is allowed for a click, never automatically).
    NotHttps,
    /// The host is on no allow-list.
    HostNotAllowed {
        /// The host, lower case.
        host: String,
    },
}

/// Whether a key or discovery URL may be fetched without the user's click.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AutoFetch {
    /// Fetch it now.
    Allowed {
        /// The rule that allows it.
        by: Rule,
    },
    /// Offer a button.
    NeedsClick {
        /// Why.
        why: NeedsClickWhy,
    },
}

// Built-in patterns. Each is a host its provider serves issuers or key sets from:
// - Cognito: `https://cognito-idp.{region}.amazonaws.com/{poolId}` issuers and their
//   `/.well-known/jwks.json` (checked by shape below, region by region).
// - Entra ID: `login.microsoftonline.com/{tenant}/v2.0` (v2 tokens) and `sts.windows.net` (v1).
// - Google: `accounts.google.com` (issuer and discovery), `www.googleapis.com` (the `jwks_uri`
//   `/oauth2/v3/certs`, and Firebase's key set at
//   `/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com`); Firebase's issuer host
//   `securetoken.google.com` has no discovery document, but is Google's own.
// - Auth0: `{tenant}.{region?}.auth0.com`. Okta: `{org}.okta.com`, `.oktapreview.com`,
//   `.okta-emea.com`.
const BUILT_IN: &[(Provider, &str)] = &[
    (Provider::Entra, "login.microsoftonline.com"),
    (Provider::Entra, "sts.windows.net"),
    (Provider::Google, "accounts.google.com"),
    (Provider::Google, "www.googleapis.com"),
    (Provider::Google, "securetoken.google.com"),
    (Provider::Auth0, "*.auth0.com"),
    (Provider::Okta, "*.okta.com"),
    (Provider::Okta, "*.oktapreview.com"),
    (Provider::Okta, "*.okta-emea.com"),
];

const COGNITO_PATTERN: &str = "[issuer-]cognito-idp.{region}.amazonaws.com";

/// Decides whether `url` may be fetched automatically: only `https://` URLs whose host is on
/// the built-in allow-list or the presets' (`auto_fetch_hosts`, or a profile's own issuer or
/// JWKS URL host). Everything else waits for a click.
pub fn may_auto_fetch(url: &str, presets: Option<&Presets>) -> AutoFetch {
    let needs = |why| AutoFetch::NeedsClick { why };
    if let Err(e) = discovery::check_url(url) {
        return needs(NeedsClickWhy::BadUrl(e));
    }
    let Some(host) = https_host(url) else {
        return needs(NeedsClickWhy::NotHttps);
    };
    if is_cognito_host(&host) {
        return AutoFetch::Allowed {
            by: Rule::BuiltIn {
                provider: Provider::Cognito,
                pattern: COGNITO_PATTERN,
            },
        };
    }
    for (provider, pattern) in BUILT_IN {
        if host_pattern(pattern).is_some_and(|p| p.matches(&host)) {
            return AutoFetch::Allowed {
                by: Rule::BuiltIn {
                    provider: *provider,
                    pattern,
                },
            };
        }
    }
    if let Some(presets) = presets {
        if let Some(p) = presets.auto_fetch_hosts.iter().find(|p| p.matches(&host)) {
            return AutoFetch::Allowed {
                by: Rule::Presets(p.clone()),
            };
        }
        for profile in &presets.profiles {
            let hosts = [&profile.issuer, &profile.jwks_url]
                .into_iter()
                .flatten()
                .filter_map(|u| https_host(u));
            if hosts.into_iter().any(|h| h == host) {
                return AutoFetch::Allowed {
                    by: Rule::PresetProfile {
                        name: profile.name.clone(),
                    },
                };
            }
        }
    }
    needs(NeedsClickWhy::HostNotAllowed { host })
}

/// The lower-case host of an `https://` URL without user info or port; `None` otherwise.
fn https_host(url: &str) -> Option<String> {
    let url = url.trim();
    let scheme = url.get(..8)?;
    if !scheme.eq_ignore_ascii_case("https://") {
        return None;
    }
    let authority = url.get(8..)?.split(['/', '?', '#', '\\']).next()?;
    // A URL with user info (`https://okta.com@evil.example/`) is never auto-fetched.
    if authority.contains('@') || authority.starts_with('[') {
        return None;
    }
    let host = authority.split(':').next()?.trim_end_matches('.');
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

// Either Cognito issuer host (ORIGINAL or UPDATED), with a valid region (C1, C2).
fn is_cognito_host(host: &str) -> bool {
    crate::issuer::cognito_host(host).is_some()
}
