//! Wording for `crate::input`: picker labels, what was cleaned up, and what a paste without
//! tokens looks like. Token-derived values appear only as plain text.

use crate::input::{
    Candidate, Cleanup, CompactProblem, HiddenChar, Shape, Source, Truncated, Unrecognised,
};

/// A short label for choosing between candidates, e.g. `IdToken (AuthenticationResult.IdToken)`.
/// JSON keys, parameter, cookie and header names appear exactly as written.
pub fn label(c: &Candidate) -> String {
    let place = source(&c.source);
    match c.shape {
        Shape::Jws => place,
        Shape::Jwe => format!("{place} · encrypted (JWE)"),
        Shape::Opaque => format!("{place} · opaque, {} characters", c.token.chars().count()),
    }
}

/// A label shared by several candidates, with the candidate's place in the paste (0-based `i`).
pub fn numbered(label: &str, i: usize) -> String {
    format!("{label} · token {}", i + 1)
}

/// Where a candidate was found, as a short phrase.
pub fn source(s: &Source) -> String {
    match s {
        Source::Bare => "Pasted token".to_owned(),
        Source::AuthorizationHeader { scheme } if scheme.is_empty() => {
            "Authorization header".to_owned()
        }
        Source::AuthorizationHeader { scheme } => format!("Authorization header ({scheme})"),
        Source::BearerValue => "Bearer token".to_owned(),
        Source::CurlHeader => "Authorization header in curl command".to_owned(),
        Source::Header {
            name,
            in_curl: true,
        } => format!("{name} header in curl command"),
        Source::Header {
            name,
            in_curl: false,
        } => format!("{name} header"),
        Source::JsonField { path, key } if path == key => format!("{key} (JSON)"),
        Source::JsonField { path, key } => format!("{key} ({path})"),
        Source::JsonNamedValue { path, name } => format!("{name} ({path})"),
        Source::UrlParam {
            name,
            in_fragment: true,
        } => format!("{name} (URL fragment)"),
        Source::UrlParam {
            name,
            in_fragment: false,
        } => format!("{name} (URL query or form)"),
        Source::Cookie { name } => format!("Cookie {name}"),
        Source::Assignment { name } => format!("{name} value"),
        Source::FreeText => "Found in text".to_owned(),
    }
}

/// For a repair of what a server would see and reject (§0, KC-401): the sentence the answer
/// leads with, since its verdict is for the repaired token, and the fix. Quotes count only
/// inside an `Authorization` value, where a client would send them; around a pasted token they
/// are the paste's.
pub fn rejected_as_pasted(c: &Cleanup, source: &Source) -> Option<(String, &'static str)> {
    let in_header = matches!(
        source,
        Source::AuthorizationHeader { .. } | Source::BearerValue
    );
    const AS_ISSUED: &str = "Send the token exactly as issued: copy it again from where it \
         was issued, not from a document or chat that changed it.";
    let (what, fix) = match c {
        Cleanup::SurroundingQuotes { .. } if in_header => (
            "quotes around the token in the header",
            "Send the header without quotes: Authorization: Bearer <token>.",
        ),
        Cleanup::RepeatedBearerPrefix { .. } => (
            "\"Bearer Bearer\"",
            "Send one prefix, Authorization: Bearer <token>: find the code that adds \"Bearer \" \
             to a value that already has it.",
        ),
        Cleanup::StrayBlanksInside { .. } => ("spaces inside it", AS_ISSUED),
        Cleanup::InvisibleCharacters { .. } => ("invisible characters in it", AS_ISSUED),
        Cleanup::LookAlikeDots { .. } => ("look-alike dots in it", AS_ISSUED),
        _ => return None,
    };
    Some((
        format!(
            "As pasted it has {what}, which a server rejects; this answer is for the token without."
        ),
        fix,
    ))
}

/// One sentence on what was removed or repaired.
pub fn cleanup(c: &Cleanup) -> String {
    match c {
        Cleanup::SurroundingWhitespace => {
            "Removed spaces or line breaks around the paste.".to_owned()
        }
        Cleanup::SurroundingQuotes { quote } => {
            format!("Removed the surrounding {quote} quotes; they are not part of the token.")
        }
        Cleanup::BearerPrefix => "Removed the \"Bearer \" prefix. It is part of the \
             Authorization header, not of the token: a verifier given \"Bearer …\" reports that \
             the token does not have three parts."
            .to_owned(),
        Cleanup::RepeatedBearerPrefix { count } => format!(
            "\"Bearer\" appeared {count} times. Some client adds the prefix to a value that \
             already has it; servers reject \"Bearer Bearer …\"."
        ),
        Cleanup::SchemePrefix { scheme } => {
            format!("Removed the \"{scheme}\" authorization scheme before the token.")
        }
        Cleanup::StrayPunctuation { removed } => {
            format!("Ignored \"{removed}\" after the token.")
        }
        Cleanup::LineBreaksInside { count: 1 } => {
            "The token was split over two lines; the line break was removed.".to_owned()
        }
        Cleanup::LineBreaksInside { count } => format!(
            "The token was wrapped over {} lines; {count} line breaks were removed.",
            count + 1
        ),
        Cleanup::WhitespaceInside { count } => format!(
            "Removed {count} space or tab character(s) of indentation inside the wrapped token."
        ),
        Cleanup::StrayBlanksInside { count } => format!(
            "Removed {count} space or tab character(s) that split the token within a line: a \
             server sees them and rejects the token."
        ),
        Cleanup::LineContinuations { count } => {
            format!("Removed {count} backslash line continuation(s) inside the token.")
        }
        Cleanup::PercentDecoded { count } => {
            format!("Decoded {count} %-escape(s) from the URL parameter.")
        }
        Cleanup::InvisibleCharacters { listed, total } => format!(
            "Removed {total} invisible character(s) that a copy from a chat, document or web \
             page put in the token: {}. Servers see them and reject the token.",
            hidden_list(listed, *total)
        ),
        Cleanup::LookAlikeDots { listed, total } => format!(
            "Replaced {total} character(s) that look like a dot with a real \".\" between the \
             token's parts: {}. Servers would not find three parts.",
            hidden_list(listed, *total)
        ),
        Cleanup::SignatureMissing => "Only the header and payload were pasted (no signature). \
             The claims can be read, but the token cannot be verified, and no server will \
             accept it."
            .to_owned(),
    }
}

/// "U+200B zero-width space at character 155, …" (1-based positions in the paste).
fn hidden_list(listed: &[HiddenChar], total: usize) -> String {
    let mut parts: Vec<String> = listed
        .iter()
        .map(|h| {
            format!(
                "U+{:04X} {} at character {}",
                u32::from(h.ch),
                char_name(h.ch),
                h.at.saturating_add(1)
            )
        })
        .collect();
    if total > listed.len() {
        parts.push(format!("and {} more", total - listed.len()));
    }
    parts.join(", ")
}

fn char_name(c: char) -> &'static str {
    match c {
        '\u{200B}' => "zero-width space",
        '\u{200C}' => "zero-width non-joiner",
        '\u{200D}' => "zero-width joiner",
        '\u{2060}' => "word joiner",
        '\u{00AD}' => "soft hyphen",
        '\u{FEFF}' => "byte-order mark",
        '\u{200E}' => "left-to-right mark",
        '\u{200F}' => "right-to-left mark",
        '\u{180E}' => "Mongolian vowel separator",
        '\u{FF0E}' => "full-width full stop",
        '\u{2024}' => "one dot leader",
        '\u{3002}' => "ideographic full stop",
        '\u{FF61}' => "half-width ideographic full stop",
        '\u{FE52}' => "small full stop",
        _ => "character",
    }
}

/// The candidate cap, when it was hit: "Showing the first 1,000 of 460,733 tokens …".
pub fn truncated(t: &Truncated) -> String {
    format!(
        "Showing the first {} of {} tokens found in this paste: the rest are not read, to keep \
         the page responsive. Paste less text to see them.",
        thousands(t.shown),
        thousands(t.found)
    )
}

/// `460733` → `460,733`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// A one-line note on the shape; empty for an ordinary JWS.
pub fn shape(s: &Shape) -> String {
    match s {
        Shape::Jws => String::new(),
        Shape::Jwe => "Encrypted token (JWE, five parts). Only its header can be read; the \
             payload needs the recipient's key. A Cognito refresh token looks like this: it is \
             only for Cognito's token endpoints, never an API bearer token."
            .to_owned(),
        Shape::Opaque => "Not a JWT: an opaque token. Only the service that issued it can say \
             what it means (for example at its introspection or userinfo endpoint). Auth0, for \
             one, issues these when no audience is requested."
            .to_owned(),
    }
}

/// What a paste without tokens looks like, and what to do instead.
pub fn unrecognised(u: &Unrecognised) -> String {
    match u {
        Unrecognised::Empty => "Paste a token, an Authorization header, a curl command, a token \
             response or a redirect URL."
            .to_owned(),
        Unrecognised::Opaque { len } => format!(
            "This is a single {len}-character value, not a JWT (a JWT has three base64url \
             parts separated by dots). It may be an opaque access token: only its issuer can \
             check it."
        ),
        Unrecognised::Uuid => "This is a UUID, not a JWT. Some emulators return refresh tokens \
             like this; real Cognito refresh tokens are encrypted JWTs."
            .to_owned(),
        Unrecognised::AuthorizationCode => "This URL carries an authorization code, not a token. \
             Exchange the code at the token endpoint; the response contains the tokens."
            .to_owned(),
        Unrecognised::OAuthError { error } => {
            format!("This is an OAuth error response (\"{error}\"), not a token.")
        }
        Unrecognised::PemKey => "This is a PEM key or certificate. Paste it in the key box to \
             verify a token with it."
            .to_owned(),
        Unrecognised::PemPrivateKey => "This is a PEM private key. Verifying needs only the \
             public key; treat this private key as exposed if it was shared."
            .to_owned(),
        Unrecognised::Jwks => {
            "This is a JWK Set (public keys). Paste it in the key box.".to_owned()
        }
        Unrecognised::Jwk => {
            "This is a single JWK (a public key). Paste it in the key box.".to_owned()
        }
        Unrecognised::PrivateJwk => {
            "This JWK contains a private key (\"d\"). Verifying needs only \
             the public part; treat this key as exposed if it was shared."
                .to_owned()
        }
        Unrecognised::DiscoveryDocument => "This is an OpenID Connect discovery document. Its \
             jwks_uri gives the keys; paste a token here."
            .to_owned(),
        Unrecognised::JsonWithoutTokens => "This JSON contains no token.".to_owned(),
        Unrecognised::BasicCredentials => "This is Basic authentication (a user name and \
             password), not a token."
            .to_owned(),
        Unrecognised::AwsSigV4 => "This is an AWS SigV4 signature, not a JWT: the route uses \
             IAM authorization, so no JWT authorizer is involved."
            .to_owned(),
        Unrecognised::MalformedCompact { segments, problem } => {
            let what = match segments {
                5 => "This looks like an encrypted token (five parts), but".to_owned(),
                1 => "This looks like a token (one part, no dots), but".to_owned(),
                n => format!("This looks like a token ({n} dot-separated parts), but"),
            };
            format!("{what} {}", compact_problem(problem))
        }
        // R8, L2, §9 (HTTP API): a missing, empty or malformed credential gets 401.
        Unrecognised::NoCredential { placeholder } if placeholder.is_empty() => "This header has \
             \"Bearer\" and no token after it: the client sent it before it had a token, and API \
             Gateway answers 401 Unauthorized. Check that the client reads the \
             token before it sends the request."
            .to_owned(),
        Unrecognised::NoCredential { placeholder } => format!(
            "The token in this header is \"{}\": the client wrote a variable that held no token \
             (unset, or an object written as text) where the token goes, and API Gateway answers \
             401 Unauthorized. Check that the client reads the token before it sends the request.",
            placeholder.chars().take(40).collect::<String>()
        ),
        Unrecognised::Text { .. } => "No token found in this text.".to_owned(),
    }
}

/// Why a token-shaped string is not a compact JWS/JWE.
pub fn compact_problem(p: &CompactProblem) -> String {
    match p {
        CompactProblem::MissingSegments => {
            "parts are missing: a JWS has three, a JWE five. Was it cut off?".to_owned()
        }
        CompactProblem::TooManySegments => {
            "it has too many parts: a JWS has three, a JWE five.".to_owned()
        }
        CompactProblem::HeaderNotBase64Url => "its first part is not base64url.".to_owned(),
        CompactProblem::HeaderNotJson => {
            "its first part does not decode to JSON. Was the start cut off?".to_owned()
        }
        CompactProblem::HeaderNotObject => "its header is JSON but not an object.".to_owned(),
        CompactProblem::HeaderWithoutAlg => "its header has no \"alg\".".to_owned(),
        CompactProblem::JweHeaderWithoutEnc => {
            "its header has no \"enc\", which an encrypted token needs.".to_owned()
        }
        CompactProblem::SegmentNotBase64Url {
            index,
            cut: false,
            why: Some(why),
        } => super::decode::b64_error(&format!("in part {} (counted within it)", index + 1), why),
        CompactProblem::SegmentNotBase64Url {
            index, cut: false, ..
        } => format!("part {} is not base64url.", index + 1),
        CompactProblem::SegmentNotBase64Url {
            index, cut: true, ..
        } => format!(
            "part {} has a length no base64url text has. Was the token cut off?",
            index + 1
        ),
        CompactProblem::PayloadNotJson => {
            "its payload does not decode to complete JSON. Was the token cut off?".to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_labels_contain_the_key() {
        let c = Candidate {
            token: "x".into(),
            shape: Shape::Jws,
            source: Source::JsonField {
                path: "AuthenticationResult.IdToken".into(),
                key: "IdToken".into(),
            },
            cleanups: vec![],
        };
        assert!(label(&c).contains("IdToken"));
    }

    #[test]
    fn every_unrecognised_variant_has_text() {
        let all = [
            Unrecognised::Empty,
            Unrecognised::Uuid,
            Unrecognised::AwsSigV4,
            Unrecognised::MalformedCompact {
                segments: 5,
                problem: CompactProblem::JweHeaderWithoutEnc,
            },
        ];
        assert!(all.iter().all(|u| !unrecognised(u).is_empty()));
    }

    #[test]
    fn counts_are_written_with_thousands_separators() {
        assert_eq!(thousands(460_733), "460,733");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(999), "999");
    }
}
