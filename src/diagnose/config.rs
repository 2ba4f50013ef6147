//! What the user tells us about the target gateway, and the reading of the values they copy from
//! a console: pool ids inside ARNs, issuer URLs or JWKS URLs, client-id lists with quotes and
//! commas, issuers pasted as discovery URLs.
//!
//! Owns [`Target`] and the `read_*` functions, each of which says what it took and what it
//! ignored. Must not judge a token (that is `profiles`) or produce prose. Never panics; work is
//! linear in the input.

mod form;

pub use form::{read_lambda_api, Field, FieldRead, Group, Input};

use crate::diagnose::claims::TokenUse;

/// Longest text the readers look at; anything longer is cut (a console value is short).
const MAX_INPUT: usize = 16 * 1024;
/// Most list items kept.
const MAX_ITEMS: usize = 1000;

/// Everything the user said about the target; empty everywhere means "not configured".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Target {
    /// API Gateway REST API with a Cognito user pool authorizer.
    pub rest: RestCognito,
    /// API Gateway HTTP API with a JWT authorizer.
    pub http: HttpJwt,
    /// A Lambda authorizer built on aws-jwt-verify's `CognitoJwtVerifier`.
    pub lambda: LambdaAjv,
    /// API Gateway REST API with a native `JWT` authorizer.
    pub rest_jwt: RestJwt,
    /// Any OpenID Connect resource server.
    pub oidc: Oidc,
}

/// REST API method with a native `JWT` authorizer (knowledge §2b, J1).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RestJwt {
    /// The trusted issuer, compared exactly, trailing slash included.
    pub issuer: Option<String>,
    /// Further trusted issuers (§2b: the authorizer may trust several), compared the same way.
    pub more_issuers: Vec<String>,
    /// The issuer's audiences.
    pub audiences: Vec<String>,
    /// The method's scopes, read from `scope` or `scp`; empty = none.
    pub scopes: Vec<String>,
    /// The allow-list of signing algorithms; empty = not given.
    pub algs: Vec<String>,
}

/// REST API method with a `COGNITO_USER_POOLS` authorizer (knowledge §1).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RestCognito {
    /// The method's OAuth scopes; empty = the method has none (ID tokens only, R1).
    pub scopes: Vec<String>,
    /// Whether the user said anything of the scopes (answered the question, even "No"). When
    /// not, no scopes is assumed (API Gateway's default) and the row says so.
    pub scopes_said: bool,
    /// The authorizer's optional *Token validation* regex (`identityValidationExpression`, R6).
    pub validation_regex: Option<String>,
    /// The authorizer's user pools (ids, ARNs or issuer URLs); empty = not given.
    pub pool_ids: Vec<String>,
}

/// HTTP API route with a `JWT` authorizer (knowledge §2).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HttpJwt {
    /// The configured issuer, compared byte for byte (H4).
    pub issuer: Option<String>,
    /// The audience list (H5).
    pub audiences: Vec<String>,
    /// The route's authorization scopes (H7); empty = none.
    pub scopes: Vec<String>,
    /// The route scopes question was answered (an empty answer means "none").
    pub scopes_said: bool,
    /// The gateway itself answered "the token does not have a valid audience" (a pasted
    /// answer, H5 / §9): its deployed list lacks the token's audience.
    pub audience_refused: bool,
}

/// `CognitoJwtVerifier.create({...})` options (knowledge §6).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LambdaAjv {
    /// `userPoolId` (id, ARN or issuer URL); `None` = not given (the token's own pool is assumed).
    pub pool_id: Option<String>,
    /// `tokenUse`; `None` stands for `tokenUse: null` (either use).
    pub token_use: Option<TokenUse>,
    /// `clientId`; empty stands for `clientId: null` (not checked).
    pub client_ids: Vec<String>,
    /// `groups`; empty = not checked.
    pub groups: Vec<String>,
    /// `scope`; empty = not checked.
    pub scopes: Vec<String>,
    /// `graceSeconds` (aws-jwt-verify's default is 0).
    pub grace_seconds: i64,
    /// Which API the Lambda authorizer sits in front of: its status codes differ (C6, L3, L6, L7).
    pub api: LambdaApi,
}

/// The API type a Lambda authorizer serves (knowledge C6): REST answers a thrown `Unauthorized`
/// with 401; an HTTP API answers a simple `isAuthorized: false` with 403 and an authorizer that
/// cannot be invoked or answers wrongly with 500.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LambdaApi {
    /// Not said: both outcomes are stated.
    #[default]
    Unknown,
    /// A REST API `TOKEN`/`REQUEST` authorizer.
    Rest,
    /// An HTTP API Lambda authorizer.
    Http,
}

/// A generic OpenID Connect resource server.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Oidc {
    /// Expected issuer (exact); `None` = the token's own is assumed.
    pub issuer: Option<String>,
    /// Accepted audiences; empty = not checked.
    pub audiences: Vec<String>,
    /// Allowed `alg` values; empty = any asymmetric algorithm.
    pub algs: Vec<String>,
    /// Required scopes (any one); empty = none.
    pub scopes: Vec<String>,
    /// Clock leeway in seconds; `None` = the page's leeway.
    pub leeway: Option<i64>,
}

pub use crate::issuer::{CognitoForm as IssuerForm, PoolId};

/// Where a value was found in what the user pasted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// Nothing usable was found.
    Nothing,
    /// The value itself.
    Bare,
    /// A Cognito user pool ARN.
    Arn,
    /// An issuer URL.
    IssuerUrl,
    /// A JWKS URL (`…/.well-known/jwks.json`).
    JwksUrl,
    /// An OpenID Connect discovery URL (`…/.well-known/openid-configuration`).
    DiscoveryUrl,
    /// A list (comma, space, newline separated, or a JSON array).
    List,
    /// A word people type for "nothing" (`none`, `-`, `n/a`): read as no value.
    SaidNone,
}

/// Something a reader dropped or could not use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ignored {
    /// Whitespace or line breaks around the value.
    SurroundingWhitespace,
    /// Quotes or brackets around the value.
    SurroundingQuotes,
    /// Text before or after the value (the rest of an ARN or URL).
    Around(String),
    /// A value that is not valid here, kept verbatim.
    Invalid(String),
    /// The region in the ARN or host differs from the region in the pool id.
    RegionMismatch {
        /// Region named outside the id.
        outer: String,
        /// Region inside the id.
        inner: String,
    },
    /// A repeated list item.
    Duplicate(String),
    /// A user pool named by a stage variable (`…:userpool/${stageVariables.MyUserPool}`, R17):
    /// kept as typed; its value on the stage called decides.
    StageVariable(String),
    /// More values than the authorizer can hold (all are kept; such a configuration cannot be
    /// deployed as typed).
    OverLimit {
        /// How many were typed.
        count: usize,
        /// The authorizer's limit.
        limit: usize,
    },
}

/// The result of reading one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read<T> {
    /// The value, when one was found.
    pub value: Option<T>,
    /// Where it was found.
    pub took_from: What,
    /// What was dropped on the way.
    pub ignored: Vec<Ignored>,
}

fn bounded(text: &str) -> &str {
    if text.len() <= MAX_INPUT {
        return text;
    }
    let mut end = MAX_INPUT;
    while !text.is_char_boundary(end) {
        end = end.saturating_sub(1);
    }
    text.get(..end).unwrap_or_default()
}

/// Strips surrounding whitespace and quotes, noting each.
fn unwrap_value<'a>(text: &'a str, ignored: &mut Vec<Ignored>) -> &'a str {
    let t = text.trim();
    if t.len() != text.len() {
        ignored.push(Ignored::SurroundingWhitespace);
    }
    let q = t.trim_matches(|c: char| matches!(c, '"' | '\'' | '`' | '“' | '”' | '‘' | '’'));
    let q = q.trim();
    if q.len() != t.len() {
        ignored.push(Ignored::SurroundingQuotes);
    }
    q
}

/// Checks a pool id with the one rule of `src/issuer.rs` (aws-jwt-verify 5.2.1's regex, with
/// `eusc-` regions, C2).
pub fn parse_pool_id(s: &str) -> Option<PoolId> {
    PoolId::parse(s)
}

/// The pool and issuer form of a Cognito issuer URL in either form, exactly (C1, C2).
pub fn cognito_issuer(iss: &str) -> Option<(PoolId, IssuerForm)> {
    crate::issuer::CognitoIssuer::parse(iss).map(|c| (c.pool, c.form))
}

/// The pool of a Cognito issuer URL in either form (see [`cognito_issuer`]).
pub fn pool_of_issuer(iss: &str) -> Option<PoolId> {
    cognito_issuer(iss).map(|(p, _)| p)
}

/// Reads a user pool id from an id, an ARN, an issuer URL (either Cognito host), a JWKS or
/// discovery URL; `eusc-` regions are valid ([`parse_pool_id`]).
pub fn read_pool_id(text: &str) -> Read<PoolId> {
    let mut ignored = Vec::new();
    let v = unwrap_value(bounded(text), &mut ignored);
    let mut took_from = What::Bare;
    let mut outer_region: Option<String> = None;
    let mut candidate = v;
    if let Some(rest) = v.strip_prefix("arn:") {
        took_from = What::Arn;
        // arn:aws:cognito-idp:{region}:{account}:userpool/{id}
        let fields: Vec<&str> = rest.splitn(5, ':').collect();
        if let Some(r) = fields.get(2) {
            outer_region = Some((*r).to_owned());
        }
        if let Some(res) = fields.get(4) {
            candidate = res.strip_prefix("userpool/").unwrap_or(res);
        }
        ignored.push(Ignored::Around(
            v.get(..v.len().saturating_sub(candidate.len()))
                .unwrap_or_default()
                .to_owned(),
        ));
    } else if let Some(after) = v.split_once("://").map(|(_, a)| a) {
        took_from = What::IssuerUrl;
        let (host, path) = after.split_once('/').unwrap_or((after, ""));
        let host = host.strip_prefix("issuer-").unwrap_or(host);
        if let Some(r) = host
            .strip_prefix("cognito-idp.")
            .and_then(|h| h.strip_suffix(".amazonaws.com"))
        {
            outer_region = Some(r.to_owned());
        }
        let mut segs = path.split('/').filter(|s| !s.is_empty());
        candidate = segs.next().unwrap_or_default();
        let tail: Vec<&str> = segs.collect();
        match tail.as_slice() {
            [] => {}
            [".well-known", "jwks.json"] => took_from = What::JwksUrl,
            [".well-known", "openid-configuration"] => took_from = What::DiscoveryUrl,
            _ => {}
        }
        let start = v.find(candidate).unwrap_or(0);
        let before = v.get(..start).unwrap_or_default();
        let after_id = v.get(start + candidate.len()..).unwrap_or_default();
        ignored.push(Ignored::Around(format!("{before}…{after_id}")));
    }
    let value = parse_pool_id(candidate);
    match &value {
        None => {
            if !candidate.is_empty() {
                ignored.push(Ignored::Invalid(candidate.chars().take(200).collect()));
            }
            took_from = What::Nothing;
        }
        Some(p) => {
            if let Some(outer) = outer_region {
                if outer != p.region {
                    ignored.push(Ignored::RegionMismatch {
                        outer,
                        inner: p.region.clone(),
                    });
                }
            }
        }
    }
    Read {
        value,
        took_from,
        ignored,
    }
}

/// Reads a list (client ids, audiences, scopes, groups): separated by commas, whitespace or
/// newlines, or written as a JSON array; quotes around items are dropped, repeats removed.
pub fn read_list(text: &str) -> Read<Vec<String>> {
    let mut ignored = Vec::new();
    let v = unwrap_value(bounded(text), &mut ignored);
    let v = match v.strip_prefix('[').and_then(|x| x.strip_suffix(']')) {
        Some(inner) => {
            ignored.push(Ignored::SurroundingQuotes);
            inner
        }
        None => v,
    };
    let mut items: Vec<String> = Vec::new();
    for raw in v.split(|c: char| c == ',' || c == ';' || c.is_whitespace()) {
        let item = raw.trim_matches(|c: char| matches!(c, '"' | '\'' | '`'));
        if item.is_empty() {
            continue;
        }
        if items.iter().any(|i| i == item) {
            ignored.push(Ignored::Duplicate(item.to_owned()));
        } else if items.len() < MAX_ITEMS {
            items.push(item.to_owned());
        }
    }
    let took_from = if items.is_empty() {
        What::Nothing
    } else if items.len() == 1 {
        What::Bare
    } else {
        What::List
    };
    Read {
        value: (!items.is_empty()).then_some(items),
        took_from,
        ignored,
    }
}

/// The name of the stage variable a pool field names (`${stageVariables.MyUserPool}`, R17).
pub fn stage_variable(text: &str) -> Option<String> {
    let (_, after) = text.split_once("${stageVariables.")?;
    let name: String = after
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .take(64)
        .collect();
    (!name.is_empty() && after.get(name.len()..)?.starts_with('}')).then_some(name)
}

/// [`read_pool_id`] (kept for the aws-jwt-verify profile's callers).
pub fn read_ajv_pool_id(text: &str) -> Read<PoolId> {
    read_pool_id(text)
}

/// Reads a scopes field: a list (see [`read_list`]), where `none`, `-`, `n/a`, `null` or
/// nothing mean *no scopes* (the method or route has none).
pub fn read_scopes(text: &str) -> Read<Vec<String>> {
    let t = bounded(text)
        .trim()
        .trim_matches(|c| matches!(c, '"' | '\'' | '`'));
    let lower = t.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "none" | "-" | "n/a" | "na" | "null" | "[]" | "no scopes" | "(none)"
    ) {
        return Read {
            value: None,
            took_from: What::SaidNone,
            ignored: vec![],
        };
    }
    read_list(text)
}

/// Reads client ids (a list; see [`read_list`]). An issuer or ARN pasted here is invalid.
pub fn read_client_ids(text: &str) -> Read<Vec<String>> {
    let mut r = read_list(text);
    if let Some(items) = r.value.take() {
        let (ok, bad): (Vec<String>, Vec<String>) = items
            .into_iter()
            .partition(|i| !i.contains("://") && !i.starts_with("arn:"));
        r.ignored.extend(bad.into_iter().map(Ignored::Invalid));
        r.value = (!ok.is_empty()).then_some(ok);
        if r.value.is_none() {
            r.took_from = What::Nothing;
        }
    }
    r
}

/// Reads an issuer. A discovery or JWKS URL is cut back to the issuer; a trailing `/` is kept
/// (issuers are compared exactly, H4).
pub fn read_issuer(text: &str) -> Read<String> {
    let mut ignored = Vec::new();
    let v = unwrap_value(bounded(text), &mut ignored);
    let mut took_from = What::IssuerUrl;
    let mut value = v;
    for (suffix, what) in [
        ("/.well-known/openid-configuration", What::DiscoveryUrl),
        ("/.well-known/jwks.json", What::JwksUrl),
    ] {
        if let Some(base) = v.strip_suffix(suffix) {
            value = base;
            took_from = what;
            ignored.push(Ignored::Around(suffix.to_owned()));
        }
    }
    if value.is_empty() || value.chars().any(char::is_whitespace) {
        if !value.is_empty() {
            ignored.push(Ignored::Invalid(value.chars().take(200).collect()));
        }
        return Read {
            value: None,
            took_from: What::Nothing,
            ignored,
        };
    }
    Read {
        value: Some(value.to_owned()),
        took_from,
        ignored,
    }
}

/// Reads a number of seconds (`30`, `"30"`, `30s`).
pub fn read_seconds(text: &str) -> Read<i64> {
    let mut ignored = Vec::new();
    let v = unwrap_value(bounded(text), &mut ignored);
    let digits = v.strip_suffix('s').unwrap_or(v).trim();
    match digits.parse::<i64>() {
        Ok(n) if (0..=10 * 365 * 86_400).contains(&n) => Read {
            value: Some(n),
            took_from: What::Bare,
            ignored,
        },
        _ => {
            if !v.is_empty() {
                ignored.push(Ignored::Invalid(v.chars().take(200).collect()));
            }
            Read {
                value: None,
                took_from: What::Nothing,
                ignored,
            }
        }
    }
}

/// Reads `tokenUse`: `id`, `access`; anything else (`null`, empty) is `None`.
pub fn read_token_use(text: &str) -> Option<TokenUse> {
    match bounded(text).trim().trim_matches(|c| c == '"' || c == '\'') {
        "id" => Some(TokenUse::Id),
        "access" => Some(TokenUse::Access),
        _ => None,
    }
}
