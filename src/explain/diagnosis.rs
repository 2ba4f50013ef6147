//! Prose for the diagnosis panel's frame: stage titles, skipped stages, and what was read from
//! each gateway field.

use crate::diagnose::config::{Ignored, What};
use crate::diagnose::finding::{SkipReason, Stage};

/// A stage's heading.
pub fn stage_title(stage: Stage) -> &'static str {
    match stage {
        Stage::Input => "Paste",
        Stage::Structure => "What this token is",
        Stage::Header => "Header",
        Stage::Keys => "Keys",
        Stage::Signature => "Signature",
        Stage::Claims => "Claims and times",
        Stage::Gateway => "Gateways",
    }
}

/// A stage's id, for `data-stage`.
pub fn stage_id(stage: Stage) -> &'static str {
    match stage {
        Stage::Input => "input",
        Stage::Structure => "structure",
        Stage::Header => "header",
        Stage::Keys => "keys",
        Stage::Signature => "signature",
        Stage::Claims => "claims",
        Stage::Gateway => "gateway",
    }
}

/// Why a stage did not run.
pub fn skipped(reason: SkipReason) -> &'static str {
    match reason {
        SkipReason::Encrypted => {
            "Claim checks skipped: the payload is encrypted (JWE), so its claims cannot be read here."
        }
        SkipReason::Opaque => {
            "Claim checks skipped: this is an opaque value, not a JWT, so it has no readable \
             claims. Only the server that issued it can judge it."
        }
        SkipReason::NoClaims => {
            "Claim checks skipped: the payload is not a JSON object (see the decoding problems \
             above), so there are no claims to check."
        }
    }
}

/// What a gateway field's text was read as, when that is worth saying.
pub fn config_note(what: What, value: &str, ignored: &[Ignored]) -> Option<String> {
    let from = match what {
        What::Nothing => {
            return (!ignored.is_empty()).then(|| "Nothing usable found here.".to_owned())
        }
        What::Bare | What::List => None,
        What::Arn => Some("the ARN"),
        What::IssuerUrl => Some("the issuer URL"),
        What::JwksUrl => Some("the JWKS URL"),
        What::DiscoveryUrl => Some("the discovery URL"),
    };
    let mut notes: Vec<String> = Vec::new();
    if let Some(from) = from {
        notes.push(format!("Took {value} from {from}."));
    }
    for i in ignored {
        match i {
            Ignored::Invalid(v) => notes.push(format!("Ignored \"{}\": not valid here.", v.escape_debug())),
            Ignored::RegionMismatch { outer, inner } => notes.push(format!(
                "The region outside the pool id ({outer}) differs from the one inside it ({inner}); \
                 the pool id's region counts."
            )),
            Ignored::Duplicate(v) => notes.push(format!("\"{}\" was listed twice.", v.escape_debug())),
            Ignored::SurroundingWhitespace | Ignored::SurroundingQuotes | Ignored::Around(_) => {}
        }
    }
    (!notes.is_empty()).then(|| notes.join(" "))
}

/// The leeway field's explanation.
pub fn leeway_hint() -> &'static str {
    "Seconds of clock skew to allow on exp, nbf and iat. API Gateway documents none, and \
     aws-jwt-verify's default is 0."
}

/// One field of the gateway description form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// Element id (`cfg-…`).
    pub id: &'static str,
    /// Which profile it belongs to (heading).
    pub group: &'static str,
    /// Its label.
    pub label: &'static str,
    /// Placeholder text.
    pub placeholder: &'static str,
}

/// The gateway description form, in order. All fields are optional.
pub const FIELDS: &[FieldSpec] = &[
    FieldSpec {
        id: "cfg-rest-scopes",
        group: "REST API, Cognito authorizer",
        label: "Method OAuth scopes",
        placeholder: "none, or e.g. aws.cognito.signin.user.admin orders/read",
    },
    FieldSpec {
        id: "cfg-rest-regex",
        group: "REST API, Cognito authorizer",
        label: "Token validation regex",
        placeholder: "optional; matched against aud",
    },
    FieldSpec {
        id: "cfg-rest-pools",
        group: "REST API, Cognito authorizer",
        label: "User pool(s) of the authorizer",
        placeholder: "pool id, ARN or issuer URL",
    },
    FieldSpec {
        id: "cfg-http-issuer",
        group: "HTTP API, JWT authorizer",
        label: "Issuer",
        placeholder: "https://cognito-idp.{region}.amazonaws.com/{pool}",
    },
    FieldSpec {
        id: "cfg-http-audiences",
        group: "HTTP API, JWT authorizer",
        label: "Audience list",
        placeholder: "app client ids, comma separated",
    },
    FieldSpec {
        id: "cfg-http-scopes",
        group: "HTTP API, JWT authorizer",
        label: "Route scopes",
        placeholder: "none, or a list",
    },
    FieldSpec {
        id: "cfg-lambda-pool",
        group: "Lambda authorizer with aws-jwt-verify",
        label: "userPoolId",
        placeholder: "pool id, ARN or issuer URL",
    },
    FieldSpec {
        id: "cfg-lambda-token-use",
        group: "Lambda authorizer with aws-jwt-verify",
        label: "tokenUse",
        placeholder: "",
    },
    FieldSpec {
        id: "cfg-lambda-clients",
        group: "Lambda authorizer with aws-jwt-verify",
        label: "clientId",
        placeholder: "one or more app client ids",
    },
    FieldSpec {
        id: "cfg-lambda-groups",
        group: "Lambda authorizer with aws-jwt-verify",
        label: "groups",
        placeholder: "optional",
    },
    FieldSpec {
        id: "cfg-lambda-scopes",
        group: "Lambda authorizer with aws-jwt-verify",
        label: "scope",
        placeholder: "optional",
    },
    FieldSpec {
        id: "cfg-lambda-grace",
        group: "Lambda authorizer with aws-jwt-verify",
        label: "graceSeconds",
        placeholder: "0",
    },
    FieldSpec {
        id: "cfg-oidc-issuer",
        group: "Any OIDC resource server",
        label: "Issuer",
        placeholder: "exactly as in the token",
    },
    FieldSpec {
        id: "cfg-oidc-audiences",
        group: "Any OIDC resource server",
        label: "Audience",
        placeholder: "optional",
    },
    FieldSpec {
        id: "cfg-oidc-algs",
        group: "Any OIDC resource server",
        label: "Allowed algorithms",
        placeholder: "e.g. RS256",
    },
    FieldSpec {
        id: "cfg-oidc-scopes",
        group: "Any OIDC resource server",
        label: "Required scopes",
        placeholder: "optional",
    },
];
