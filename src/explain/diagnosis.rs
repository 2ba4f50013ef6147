//! Prose for the diagnosis panel's frame: stage titles, skipped stages, and what was read from
//! each gateway field.

use crate::diagnose::config::{Field, Ignored, Target, What};
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
        What::SaidNone => return Some("Read as: no scopes.".to_owned()),
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
            Ignored::StageVariable(name) => notes.push(format!(
                "Read as stage variable {name}: the pool is its value on the stage you call."
            )),
            Ignored::OverLimit { count, limit } => notes.push(format!(
                "{count} values: this authorizer takes at most {limit}, so it cannot be deployed \
                 as typed."
            )),
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

/// Reads the gateway description form into a [`Target`], with a note per field saying what was
/// taken from it (ARN, issuer URL, "no scopes", …) or what could not be read. `get` gives a
/// field's text by its element id, `None` when it was never filled in.
pub fn read_target<'a>(
    get: impl Fn(&str) -> Option<&'a str>,
) -> (Target, Vec<(&'static str, String)>) {
    let (target, reads) = Target::from_fields(|f: Field| get(f.id()));
    let notes = reads
        .into_iter()
        .filter_map(|(f, r)| config_note(r.what, &r.value, &r.ignored).map(|n| (f.id(), n)))
        .collect();
    (target, notes)
}
