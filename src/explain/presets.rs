//! Prose for the presets file (`tokenlens.config.json`) and for automatic key fetching.

use super::fetch;
use crate::presets::{
    AutoFetch, HostPattern, JsonType, NeedsClickWhy, PresetProblem, PresetReason, Provider, Rule,
};

fn json_type(t: JsonType) -> &'static str {
    match t {
        JsonType::Null => "null",
        JsonType::Bool => "true or false",
        JsonType::Number => "a number",
        JsonType::String => "a string",
        JsonType::Array => "a list",
        JsonType::Object => "an object",
    }
}

/// One line for a problem in the presets file: where, and why.
pub fn problem(p: &PresetProblem) -> String {
    let why = match &p.reason {
        PresetReason::TooLarge { len, limit } => {
            format!("the file is {len} bytes, more than the {limit} a presets file may have")
        }
        PresetReason::NotUtf8 { valid_up_to } => {
            format!("the file is not UTF-8 text (after byte {valid_up_to})")
        }
        PresetReason::NotJson { line, column } => {
            format!("the file is not valid JSON (line {line}, column {column})")
        }
        PresetReason::WrongType { expected, found } => format!(
            "should be {}, but is {}",
            json_type(*expected),
            json_type(*found)
        ),
        PresetReason::Missing => "is required but missing".to_owned(),
        PresetReason::UnsupportedVersion { found } => format!(
            "version {found} is not supported (this page reads version 1); the presets were not \
             used"
        ),
        PresetReason::UnknownGateway { found } => format!(
            "\"{}\" is not a gateway kind; use \"rest-cognito\", \"rest-jwt\", \"http-jwt\", \
             \"lambda-ajv\" or \"oidc\"",
            found.escape_debug()
        ),
        PresetReason::DuplicateName { name, first } => format!(
            "the name \"{}\" is already used by profiles[{first}]; names must be unique",
            name.escape_debug()
        ),
        PresetReason::Empty => "is empty".to_owned(),
        PresetReason::NoSuchProfile { name } => format!(
            "names \"{}\", but no usable profile has that name",
            name.escape_debug()
        ),
        PresetReason::BadUrl(u) => fetch::url_problem(u),
        PresetReason::BadHostPattern { pattern } => format!(
            "\"{}\" is not a host name or \"*.\" followed by a domain with at least two labels \
             (e.g. \"login.example.com\" or \"*.example.com\")",
            pattern.escape_debug()
        ),
        PresetReason::UnknownField { id } => format!(
            "\"{}\" is not a field of the gateway form",
            id.escape_debug()
        ),
        PresetReason::UnknownKey { key } => format!(
            "\"{}\" is not part of the presets format and was ignored",
            key.escape_debug()
        ),
    };
    let effect = if p.is_warning() {
        ""
    } else if p.path.starts_with("$.profiles[") {
        " That profile was left out."
    } else {
        ""
    };
    format!("tokenlens.config.json, {}: {why}.{effect}", p.path)
}

fn provider(p: Provider) -> &'static str {
    match p {
        Provider::Cognito => "Amazon Cognito",
        Provider::Entra => "Microsoft Entra ID",
        Provider::Google => "Google",
        Provider::Auth0 => "Auth0",
        Provider::Okta => "Okta",
    }
}

fn host_pattern(p: &HostPattern) -> String {
    match p {
        HostPattern::Exact(h) => h.clone(),
        HostPattern::Subdomains(d) => format!("*.{d}"),
    }
}

/// Why keys were fetched without a click: the allow-list rule.
pub fn allowed_by(by: &Rule) -> String {
    match by {
        Rule::BuiltIn {
            provider: p,
            pattern,
        } => format!(
            "Fetched automatically: {pattern} is {}'s, on the built-in list of identity \
             providers.",
            provider(*p)
        ),
        Rule::Presets(p) => format!(
            "Fetched automatically: {} is allowed by your organisation's presets.",
            host_pattern(p)
        ),
        Rule::PresetProfile { name } => format!(
            "Fetched automatically: the host belongs to the preset profile \"{}\".",
            name.escape_debug()
        ),
    }
}

/// One line on why keys were, or were not, fetched without a click.
pub fn auto_fetch(a: &AutoFetch) -> String {
    match a {
        AutoFetch::Allowed { by } => allowed_by(by),
        AutoFetch::NeedsClick { why } => match why {
            NeedsClickWhy::BadUrl(u) => fetch::url_problem(u),
            NeedsClickWhy::NotHttps => "Not fetched automatically: only https:// URLs are; \
                                        click to fetch from this machine."
                .to_owned(),
            NeedsClickWhy::HostNotAllowed { host } => format!(
                "Not fetched automatically: {host} is not a known identity provider or in your \
                 organisation's presets. Click to fetch its keys."
            ),
        },
    }
}
