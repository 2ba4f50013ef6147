//! From the facts of an answer to its causes. The `x-amzn-errortype` header decides first
//! (R21); then the body's known texts; then the generic statuses. Owns the decision only.

use super::lex::Facts;
use super::{
    AnswerContext, ApiKind, ErrorType, NamedClaim, PreflightSetting, ResponseCode, WwwAuthenticate,
};

/// The body texts and statuses a cause is read from.
struct Answer<'a> {
    facts: &'a Facts,
    /// The whole text, lower-cased.
    lower: &'a str,
    /// The body's message, lower-cased (`""` when absent or `null`).
    msg: String,
    context: AnswerContext,
}

impl Answer<'_> {
    fn has(&self, needle: &str) -> bool {
        self.lower.contains(needle)
    }

    fn status_is(&self, s: u16) -> bool {
        self.facts.status == Some(s)
    }

    fn null_body(&self) -> bool {
        matches!(self.facts.message, Some(None))
    }

    fn message(&self) -> Option<String> {
        self.facts.message.clone().flatten()
    }
}

/// Every cause the answer shows, most specific first.
pub(super) fn causes(facts: &Facts, lower: &str, context: AnswerContext) -> Vec<ResponseCode> {
    let a = Answer {
        facts,
        lower,
        msg: facts
            .message
            .clone()
            .flatten()
            .unwrap_or_default()
            .to_ascii_lowercase(),
        context,
    };
    // A1: a load balancer's own answer names it in `server:`; API Gateway's never does.
    // Its login action answers 401 (`deny`) or redirects to the IdP's authorize endpoint.
    let alb = (facts.errortype.is_none()
        && a.has("server: awselb")
        && (a.status_is(401) || a.has("/oauth2/authorize")))
    .then(|| ResponseCode::AlbAnswer {
        login: a.has("/oauth2/authorize"),
    });
    let layer = alb
        .or_else(|| facts.errortype.as_ref().and_then(|et| by_errortype(&a, et)))
        .or_else(|| by_text(&a))
        .or_else(|| by_status(&a))
        .or_else(|| match &facts.errortype {
            Some(ErrorType::Other(name)) => {
                Some(ResponseCode::OtherErrorType { name: name.clone() })
            }
            _ => None,
        });
    let preflight = preflight(&a);
    let mut out = Vec::new();
    match (layer, &preflight) {
        // A preflight's generic 401/403 is the preflight's, not the token's.
        (Some(ResponseCode::Unauthorized { .. } | ResponseCode::Forbidden), Some(_)) => {}
        (Some(c), _) => out.push(c),
        (None, _) => {}
    }
    if let Some(p) = preflight {
        out.push(p);
    } else if cors_hides_status(&a) {
        out.push(ResponseCode::CorsHidesStatus);
    }
    out
}

/// R21: the header names the layer before the body does.
fn by_errortype(a: &Answer, et: &ErrorType) -> Option<ResponseCode> {
    Some(match et {
        ErrorType::Forbidden => ResponseCode::ApiKeyRejected {
            with_forbidden_body: a.msg.is_empty() || a.msg == "forbidden",
        },
        ErrorType::MissingAuthenticationToken => ResponseCode::MissingAuthenticationToken {
            from_errortype: true,
        },
        ErrorType::IncompleteSignature => {
            sigv4_text(a).unwrap_or(ResponseCode::SigV4IncompleteSignature)
        }
        ErrorType::InvalidSignature => {
            if a.has("signature expired") {
                ResponseCode::SigV4SignatureExpired
            } else {
                ResponseCode::SigV4SignatureMismatch
            }
        }
        ErrorType::AccessDenied => access_denied_text(a)
            .or_else(|| sigv4_text(a))
            .unwrap_or_else(|| ResponseCode::AccessDenied {
                message: a.message(),
            }),
        ErrorType::Unauthorized => {
            if a.has("the incoming token has expired") {
                ResponseCode::TokenExpired {
                    status: a.facts.status,
                }
            } else {
                ResponseCode::Unauthorized {
                    from_errortype: true,
                }
            }
        }
        ErrorType::AuthorizerConfiguration => authorizer_error(a, true),
        ErrorType::Other(_) => return None,
    })
}

/// The SigV4 parser's and IAM's own texts.
fn sigv4_text(a: &Answer) -> Option<ResponseCode> {
    if a.has("not a valid key=value pair") {
        Some(ResponseCode::SigV4ParsedBearer)
    } else if a.has("authorization header requires 'credential' parameter") {
        Some(ResponseCode::SigV4BareToken)
    } else if a.has("security token included in the request is invalid") {
        Some(ResponseCode::SigV4InvalidCredentials)
    } else if a.has("signature expired") {
        Some(ResponseCode::SigV4SignatureExpired)
    } else if a.has("request signature we calculated does not match") {
        Some(ResponseCode::SigV4SignatureMismatch)
    } else {
        None
    }
}

/// Policy denials: resource policy (R14), Lambda explicit (L4) and implicit (L5, C12) deny.
fn access_denied_text(a: &Answer) -> Option<ResponseCode> {
    const INVOKE: &str = "is not authorized to perform: execute-api:invoke";
    if a.has(INVOKE) {
        return Some(ResponseCode::ResourcePolicyDenies {
            explicit: a.has("with an explicit deny"),
            resource: resource_arn(a),
        });
    }
    // L4: both wordings share this prefix.
    if a.has("not authorized to access this resource with an explicit deny") {
        return Some(ResponseCode::LambdaExplicitDeny {
            identity_based_wording: a.has("explicit deny in an identity-based policy"),
        });
    }
    a.has("user is not authorized to access this resource")
        .then_some(ResponseCode::ImplicitDeny)
}

/// The ARN after `on resource: ` in the body's message (kept as sent, it holds no credential).
fn resource_arn(a: &Answer) -> Option<String> {
    let m = a.message()?;
    let (_, rest) = m.split_once("on resource: ")?;
    let arn = rest
        .split(|c: char| c.is_whitespace() || c == '"')
        .next()?
        .trim_end_matches(['.', ',']);
    (!arn.is_empty()).then(|| arn.to_owned())
}

fn authorizer_error(a: &Answer, from_errortype: bool) -> ResponseCode {
    ResponseCode::AuthorizerError {
        authorizer: a.context.authorizer,
        null_body: a.null_body(),
        from_errortype,
        status_seen: from_errortype || a.facts.status.is_some(),
    }
}

/// Known body texts, without the header's help.
fn by_text(a: &Answer) -> Option<ResponseCode> {
    if a.has("could not find issuer for certificate") {
        return Some(ResponseCode::MutualTlsUnknownIssuer);
    }
    if a.has("waf_filtered") {
        return Some(ResponseCode::WafFiltered);
    }
    if a.has("missing authentication token") {
        return Some(ResponseCode::MissingAuthenticationToken {
            from_errortype: false,
        });
    }
    if let Some(c) = sigv4_text(a).or_else(|| access_denied_text(a)) {
        return Some(c);
    }
    if a.has("the incoming token has expired") {
        return Some(ResponseCode::TokenExpired {
            status: a.facts.status,
        });
    }
    // L3 / C9: `{"message": null}` is the 500 of an authorizer configuration failure, also when
    // pasted without its status.
    if (a.status_is(500) || (a.facts.status.is_none() && a.null_body()))
        && (a.null_body() || a.has("authorizerconfigurationexception"))
    {
        return Some(authorizer_error(a, false));
    }
    if a.status_is(500) && a.msg == "internal server error" {
        return Some(ResponseCode::AuthorizerOrIntegrationError);
    }
    if let Some(w) = &a.facts.www_authenticate {
        if let Some(c) = challenge(w) {
            return Some(c);
        }
    }
    None
}

/// H9: the audience text is CONFIRMED; other descriptions are read by whole words (C11).
fn challenge(w: &WwwAuthenticate) -> Option<ResponseCode> {
    let desc = w.error_description.as_deref().unwrap_or_default();
    if desc
        .trim()
        .eq_ignore_ascii_case("the token does not have a valid audience")
    {
        return Some(ResponseCode::InvalidAudience);
    }
    if w.error.is_none() && desc.is_empty() {
        return None;
    }
    let claim = if w
        .error
        .as_deref()
        .is_some_and(|e| e.eq_ignore_ascii_case("insufficient_scope"))
    {
        NamedClaim::Scope
    } else {
        named_claim(desc)
    };
    Some(ResponseCode::InvalidToken {
        error: w.error.clone(),
        description: w.error_description.clone(),
        claim,
    })
}

/// C11: whole words only, issuer and signature before expiry; "expected" is not `exp`, a bare
/// "key" is nothing.
pub(super) fn named_claim(desc: &str) -> NamedClaim {
    let lower = desc.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .take(200)
        .collect();
    let any = |names: &[&str]| words.iter().any(|w| names.contains(w));
    if any(&["audience", "aud"]) {
        NamedClaim::Audience
    } else if any(&["issuer", "iss"]) {
        NamedClaim::Issuer
    } else if any(&["signature", "signing", "kid"]) {
        NamedClaim::Signature
    } else if any(&["expired", "exp"]) {
        NamedClaim::Expiry
    } else if any(&["before", "nbf"]) {
        NamedClaim::NotBefore
    } else if any(&["scope", "scopes", "scp"]) {
        NamedClaim::Scope
    } else {
        NamedClaim::Unknown
    }
}

/// Statuses that name a layer by themselves, then the generic 401/403.
fn by_status(a: &Answer) -> Option<ResponseCode> {
    let status = a.facts.status;
    if a.status_is(414) || a.has("request-uri too long") || a.has("request uri too long") {
        return Some(ResponseCode::MethodArnTooLong);
    }
    if a.status_is(429) || a.msg == "too many requests" || a.msg == "limit exceeded" {
        return Some(ResponseCode::QuotaOrThrottle {
            message: a.message(),
        });
    }
    if a.status_is(431) || a.has("request header fields too large") {
        return Some(ResponseCode::HeadersTooLarge { status });
    }
    let plain = |word: &str| a.msg.is_empty() || a.msg == word;
    if (a.status_is(401) && plain("unauthorized")) || (status.is_none() && a.msg == "unauthorized")
    {
        return Some(ResponseCode::Unauthorized {
            from_errortype: false,
        });
    }
    if (a.status_is(403) && plain("forbidden")) || (status.is_none() && a.msg == "forbidden") {
        return Some(ResponseCode::Forbidden);
    }
    match status {
        Some(s @ (400 | 404))
            if ["unauthorized", "forbidden", "token"]
                .iter()
                .any(|w| a.msg.contains(w)) =>
        {
            Some(ResponseCode::CustomizedGatewayResponse { status: s })
        }
        _ => None,
    }
}

/// R20 / H12: an `OPTIONS` request answered 401/403, or Chrome's preflight message.
fn preflight(a: &Answer) -> Option<ResponseCode> {
    let rejected_options = a.facts.options_request && matches!(a.facts.status, Some(401 | 403));
    let chrome = a.has("response to preflight request") && a.has("http ok status");
    (rejected_options || chrome).then_some(ResponseCode::PreflightRejected {
        status: a.facts.status,
        setting: match a.context.api {
            Some(ApiKind::Rest) => PreflightSetting::RestSam,
            Some(ApiKind::Http) => PreflightSetting::HttpDefaultRoute,
            None => PreflightSetting::Either,
        },
    })
}

/// R13 / H11: the browser reports a network or CORS error instead of the status.
fn cors_hides_status(a: &Answer) -> bool {
    [
        "failed to fetch",
        "blocked by cors policy",
        "cors error",
        "networkerror when attempting to fetch",
        "cross-origin request blocked",
    ]
    .iter()
    .any(|n| a.has(n))
}
