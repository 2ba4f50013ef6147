//! Prose for share links: the modes, what a link leaves out, why a link could not be opened,
//! and how long is too long.

use crate::input::Shape;
use crate::share::{Base64Problem, Dropped, JsonType, LengthWarning, Mode, Part, ShareError};

/// The mode's short name, for the mode picker.
pub fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Config => "Configuration only",
        Mode::TokenWithoutSignature => "Token without its signature",
        Mode::FullToken => "Full token",
    }
}

/// One line under the mode's name; for the full token, the plain warning.
pub fn mode_description(mode: Mode) -> &'static str {
    match mode {
        Mode::Config => {
            "The gateway settings and JWKS URL only (profile, issuer, client ids, scopes, \
             leeway). No token, no keys."
        }
        Mode::TokenWithoutSignature => {
            "The token's header and claims with the signature removed, so they can be discussed \
             but the token cannot be used. Public keys you pasted are included."
        }
        Mode::FullToken => {
            "Warning: anyone with this link can use the token, until it expires, as if they \
             were you. Share it only with people you would give your password to."
        }
    }
}

fn part(p: Part) -> &'static str {
    match p {
        Part::Keys => "the public keys",
        Part::Token => "the token",
        Part::Fields => "the gateway settings",
        Part::JwksUrl => "the JWKS URL",
    }
}

/// One sentence for something the link leaves out.
pub fn dropped(d: &Dropped) -> String {
    match d {
        Dropped::HmacSecret => {
            "The HMAC secret is not in the link: secrets never go into links.".to_owned()
        }
        Dropped::PrivateKey => "The keys are not in the link: they include a private key, which \
                                never goes into a link (and should now be treated as exposed)."
            .to_owned(),
        Dropped::SecretInKeySet => "The keys are not in the link: the key set holds a shared \
                                    secret (an \"oct\" key), which never goes into a link."
            .to_owned(),
        Dropped::UnreadableKeys { count } => format!(
            "The keys are not in the link: {count} entr{} could not be read, and unreadable text \
             might be a secret.",
            if *count == 1 { "y" } else { "ies" }
        ),
        Dropped::TextBesideKeys => "The keys are not in the link: the keys area has text \
                                    beside its PEM blocks, which might be a secret."
            .to_owned(),
        Dropped::KeysNotInMode { mode } => format!(
            "The public keys are not in the link: \"{}\" leaves them out. Choose \"{}\" to \
             include them.",
            mode_name(*mode),
            mode_name(Mode::TokenWithoutSignature)
        ),
        Dropped::OtherTokens { count } => format!(
            "Only the selected token is in the link; {count} other token{} in the paste {} not.",
            if *count == 1 { "" } else { "s" },
            if *count == 1 { "is" } else { "are" }
        ),
        Dropped::SurroundingText => "Only the token is in the link, not the text around it \
                                     (headers, commands or JSON you pasted)."
            .to_owned(),
        Dropped::TokenNotSigned { shape } => format!(
            "The token is not in the link: it is {}, so there is no signature to remove. Choose \
             \"{}\" to share it as it is.",
            match shape {
                Shape::Jws => "a signed JWT",
                Shape::Jwe => "an encrypted token (JWE)",
                Shape::Opaque => "not a JWT",
            },
            mode_name(Mode::FullToken)
        ),
        Dropped::Signature => {
            "The signature was removed: the link shows the claims but cannot be used to call an \
             API."
                .to_owned()
        }
        Dropped::TooLong { part: p, len } => format!(
            "{} ({len} characters) would make the link too long, so {} not in it.",
            capitalise(part(*p)),
            if matches!(p, Part::Keys | Part::Fields) {
                "they are"
            } else {
                "it is"
            }
        ),
        Dropped::Query { query } => format!(
            "The page address's query (\"?{}\") is not in the link: links carry state only after \
             the #, which browsers never send to a server.",
            query.escape_debug()
        ),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| {
            std::iter::once(c.to_ascii_uppercase())
                .chain(chars)
                .collect()
        })
        .unwrap_or_default()
}

/// One or two sentences for a link that could not be opened; the page starts empty.
pub fn share_error(e: &ShareError) -> String {
    const EMPTY_PAGE: &str = "The page has started empty instead.";
    let why = match e {
        ShareError::Empty => "The link's # part is empty.".to_owned(),
        ShareError::TooLong { len, limit } => format!(
            "The link's # part is {len} characters long, more than the {limit} a share link can \
             have."
        ),
        ShareError::NotAShareLink { start } => format!(
            "The link's # part (\"{}…\") is not a tokenlens share link.",
            start.escape_debug()
        ),
        ShareError::NewerVersion { found, supported } => format!(
            "This link was made by a newer tokenlens (format version {found}; this page reads up \
             to {supported}). Reload the page to get the latest version, or ask for a new link."
        ),
        ShareError::UnknownVersion { found } => format!(
            "This link's format version (\"{}\") was never made by tokenlens.",
            found.escape_debug()
        ),
        ShareError::UnknownMode { found } => format!(
            "This link's mode (\"{}\") is unknown; it may have been altered or cut.",
            found.escape_debug()
        ),
        ShareError::BadBase64 { problem } => match problem {
            Base64Problem::InvalidByte { offset, byte } => format!(
                "The link is damaged: character {offset} of its data ({}) cannot appear in it. \
                 It may have been altered when copied.",
                char::from(*byte).escape_debug()
            ),
            Base64Problem::InvalidLength { len } => format!(
                "The link is damaged: its data ({len} characters) looks cut short. Copy the \
                 whole link again."
            ),
            Base64Problem::InvalidLastSymbol { offset, .. } => format!(
                "The link is damaged: its data ends oddly at character {offset}, as if cut \
                 short. Copy the whole link again."
            ),
        },
        ShareError::NotUtf8 { valid_up_to } => {
            format!("The link is damaged: its data is not text after byte {valid_up_to}.")
        }
        ShareError::NotJson { line, column } => format!(
            "The link is damaged: its data is not valid JSON (line {line}, column {column}). It \
             may have been cut short."
        ),
        ShareError::NotAnObject => "The link is damaged: its data has the wrong shape.".to_owned(),
        ShareError::WrongType { path, expected } => format!(
            "The link is damaged: \"{}\" should be {}.",
            path.escape_debug(),
            match expected {
                JsonType::String => "text",
                JsonType::Index => "a whole number",
                JsonType::Array => "a list",
                JsonType::Pair => "a [name, value] pair",
            }
        ),
        ShareError::UnknownMember { name } => format!(
            "The link has data this version does not know (\"{}\"); it may have been altered.",
            name.escape_debug()
        ),
        ShareError::ContentNotInMode { mode, part: p } => format!(
            "The link says \"{}\" but carries {}; it has been altered, so it was not opened.",
            mode_name(*mode),
            part(*p)
        ),
        ShareError::SignatureInUnsignedLink => "The link says \"token without its signature\" but \
                                                its token has one; it has been altered, so it was \
                                                not opened."
            .to_owned(),
    };
    format!("{why} {EMPTY_PAGE}")
}

/// The line shown beside a long link.
pub fn length_warning(w: &LengthWarning) -> String {
    match w {
        LengthWarning::SomeToolsTruncate { len, limit } => format!(
            "This link is {len} characters long. Over about {limit}, some tools cut links short \
             (older browsers and proxies, link shorteners, some chat and ticket systems). Prefer \
             a shorter mode, or check that the link arrives whole."
        ),
        LengthWarning::MostToolsBreak { len, limit } => format!(
            "This link is {len} characters long. Over about {limit}, many servers, email \
             clients and chat tools break links; it will probably arrive cut short. Remove the \
             keys, or share configuration only."
        ),
    }
}

/// The link's length, for the line under it.
pub fn length(len: usize) -> String {
    format!("{len} characters")
}
