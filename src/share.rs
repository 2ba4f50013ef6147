//! Share links: page state ⇄ URL fragment, pure, versioned and round-trip tested.
//!
//! Owns the share-link codec: which parts of the page a link may carry in each [`Mode`], the
//! fragment format, and its decoding with a specific [`ShareError`] for every way a fragment can
//! be wrong. Must not touch the browser (reading or writing `location` is `web::location`'s job)
//! and holds no prose (that is `crate::explain::share`).
//!
//! # Format
//!
//! `v1.<mode>.<payload>`, carried in the URL **fragment** only: browsers never send the fragment
//! to a server (RFC 3986 §3.5), so neither the host of this page nor its logs see it.
//!
//! - `<mode>`: `c` configuration only, `u` token without its signature, `f` full token.
//! - `<payload>`: base64url without padding (RFC 4648 §5) of a JSON object with short keys,
//!   each optional: `t` token, `j` JWKS URL, `f` form fields as `[[id, value], …]`, `s` selected
//!   candidate, `k` public key text.
//!
//! Example (mode `c`, JWKS URL and a leeway):
//! `v1.c.eyJmIjpbWyJsZWV3YXkiLCI2MCJdXSwiaiI6Imh0dHBzOi8vZXhhbXBsZS5jb20vandrcy5qc29uIn0`
//! is `{"f":[["leeway","60"]],"j":"https://example.com/jwks.json"}`.
//!
//! # What never goes into a link
//!
//! HMAC secrets and pasted private keys, in any mode; the rest of the paste around the selected
//! token (a curl command's other headers, say); in [`Mode::TokenWithoutSignature`] the token's
//! signature. Each omission is reported as a [`Dropped`].

use crate::jose::json::{write_string, write_string_pairs, JsonDoc, JsonError, Value};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::input::{self, Shape};
use crate::jose::jwk::{self, KeyFormat, PublicKey, SecretEncoding, SetOrigin};

/// The format version this build writes and reads.
pub const VERSION: u32 = 1;

/// The longest fragment [`decode`] reads, and [`encode`] writes. Far above any useful link
/// (see [`length_warning`]); it only bounds the work a hostile link can cause.
pub const MAX_FRAGMENT_LEN: usize = 64 * 1024;

// Thresholds for [`length_warning`].
//
// 2,000: the long-standing "keep URLs under 2,000 characters" advice comes from Internet
// Explorer's 2,083-character limit; sitemaps (sitemaps.org protocol: "less than 2,048
// characters"), many proxies, link shorteners and older chat/ticket tools still cut there.
// RFC 9110 §4.1 asks only that recipients support at least 8,000 octets.
const SOME_TOOLS_TRUNCATE: usize = 2_000;
// 8,000: RFC 9110 §4.1's recommended minimum, which is also where common servers and CDNs stop
// (nginx's default `large_client_header_buffers` is 8 KiB; Apache's `LimitRequestLine` 8,190;
// CloudFront's request-line limit 8,192). Email clients and chat tools commonly wrap or cut
// links well below this; past it, expect the link to break almost anywhere.
const MOST_TOOLS_BREAK: usize = 8_000;

/// What a link carries, the user's choice; ordered from safest to least safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// Configuration only: JWKS URL and the gateway form (profile, issuer, client ids, scopes,
    /// leeway). The default.
    #[default]
    Config,
    /// The selected token with its signature removed (`header.payload.`): its claims can be
    /// discussed, but it cannot be replayed. Plus public keys, if any were pasted.
    TokenWithoutSignature,
    /// The selected token as it is: anyone with the link can use it until it expires.
    FullToken,
}

impl Mode {
    /// Every mode, safest first.
    pub const ALL: [Mode; 3] = [Mode::Config, Mode::TokenWithoutSignature, Mode::FullToken];

    /// The letter naming the mode in a fragment.
    pub fn letter(self) -> char {
        match self {
            Mode::Config => 'c',
            Mode::TokenWithoutSignature => 'u',
            Mode::FullToken => 'f',
        }
    }

    fn from_letter(letter: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| {
            let mut buf = [0; 4];
            m.letter().encode_utf8(&mut buf) == letter
        })
    }
}

/// The page state a link is made from, as plain data (the web shell copies it out of its state).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ShareInput {
    /// The paste area's text.
    pub text: String,
    /// Index of the selected candidate in `input::extract(text)`.
    pub selected: usize,
    /// The keys paste area's text.
    pub keys_text: String,
    /// How a pasted HMAC secret is read (decides whether `keys_text` is a secret).
    pub secret_encoding: SecretEncoding,
    /// The JWKS URL field.
    pub jwks_url: String,
    /// The gateway form, by field id: the fields that were set, empty ones included.
    pub fields: Vec<(String, String)>,
}

/// What a link restores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    /// The mode the link was made in.
    pub mode: Mode,
    /// The token to paste: `None` in [`Mode::Config`]; ends with `.` (no signature) in
    /// [`Mode::TokenWithoutSignature`].
    pub token: Option<String>,
    /// The JWKS URL field.
    pub jwks_url: Option<String>,
    /// Gateway form fields, by id, in link order (an empty value is an answer).
    pub fields: Vec<(String, String)>,
    /// The candidate to select in `token`'s paste. Links made by [`encode`] carry only the
    /// selected token, so this is 0 for them.
    pub selected: usize,
    /// Public key text to put in the keys area (never a secret or a private key).
    pub keys_public: Option<String>,
}

/// A fragment made by [`encode`], and what was left out of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    /// The fragment, without the leading `#`.
    pub fragment: String,
    /// What the page had that the link does not carry, and why.
    pub dropped: Vec<Dropped>,
}

/// A part of the page that a link leaves out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dropped {
    /// The keys area holds an HMAC secret: never shared.
    HmacSecret,
    /// The keys area holds private key material: never shared.
    PrivateKey,
    /// The keys area holds an `oct` JWK (a shared secret inside a key set): never shared.
    SecretInKeySet,
    /// The keys area has entries that could not be read; they might hold secrets, so none of
    /// the keys are shared.
    UnreadableKeys {
        /// How many entries could not be read.
        count: usize,
    },
    /// The keys area has text beside its PEM blocks, which is not a key: nothing is shared.
    TextBesideKeys,
    /// Public keys are left out of configuration-only links.
    KeysNotInMode {
        /// The mode chosen.
        mode: Mode,
    },
    /// The paste held more than one token; only the selected one is shared.
    OtherTokens {
        /// How many others were left out.
        count: usize,
    },
    /// The text around the selected token (a curl command, headers, JSON) is not shared.
    SurroundingText,
    /// The selected token is not a signed JWT (a JWE or an opaque value), so it has no
    /// signature to remove; it is left out of a without-signature link.
    TokenNotSigned {
        /// What it is.
        shape: Shape,
    },
    /// The signature was removed (the link cannot be replayed).
    Signature,
    /// A part was left out to keep the fragment within [`MAX_FRAGMENT_LEN`].
    TooLong {
        /// The part.
        part: Part,
        /// Its length in bytes.
        len: usize,
    },
    /// The base URL had a query, which a share link never keeps.
    Query {
        /// The query, without `?`.
        query: String,
    },
}

/// A part of the shared state, for [`Dropped::TooLong`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The public key text.
    Keys,
    /// The token.
    Token,
    /// The gateway form.
    Fields,
    /// The JWKS URL.
    JwksUrl,
}

/// Why a fragment could not be read. The page then starts empty and says this.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// The fragment is empty.
    Empty,
    /// Longer than [`MAX_FRAGMENT_LEN`].
    TooLong {
        /// Its length in bytes.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// Does not start with `v<number>.`: not a tokenlens share link (perhaps an OAuth
    /// redirect's `#access_token=…`).
    NotAShareLink {
        /// The first characters, at most 24.
        start: String,
    },
    /// Made by a newer tokenlens.
    NewerVersion {
        /// The version found.
        found: u64,
        /// The newest this build reads.
        supported: u32,
    },
    /// A version this build never wrote (0, or not a number that fits).
    UnknownVersion {
        /// The version text after `v`, at most 24 characters.
        found: String,
    },
    /// The mode letter is not `c`, `u` or `f`.
    UnknownMode {
        /// What stood there, at most 24 characters.
        found: String,
    },
    /// The payload is not base64url.
    BadBase64 {
        /// The base64 problem.
        problem: Base64Problem,
    },
    /// The payload decodes to bytes that are not UTF-8.
    NotUtf8 {
        /// Bytes before the first invalid sequence.
        valid_up_to: usize,
    },
    /// The payload is not JSON.
    NotJson {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
    },
    /// The JSON is not an object.
    NotAnObject,
    /// A member has the wrong JSON type.
    WrongType {
        /// Its path, e.g. `f[2][1]`.
        path: String,
        /// What it must be.
        expected: JsonType,
    },
    /// A member this version does not define.
    UnknownMember {
        /// Its name, at most 24 characters.
        name: String,
    },
    /// A configuration-only link carries a token or keys.
    ContentNotInMode {
        /// The mode letter's mode.
        mode: Mode,
        /// The part that should not be there.
        part: Part,
    },
    /// A without-signature link's token has a signature, or is not `header.payload.`.
    SignatureInUnsignedLink,
}

/// A base64url problem, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base64Problem {
    /// A character outside the base64url alphabet.
    InvalidByte {
        /// 0-based offset in the payload.
        offset: usize,
        /// The byte.
        byte: u8,
    },
    /// A length no base64 text can have.
    InvalidLength {
        /// The payload's length.
        len: usize,
    },
    /// The last character has bits set that encode nothing (a truncated or altered link).
    InvalidLastSymbol {
        /// 0-based offset in the payload.
        offset: usize,
        /// The byte.
        byte: u8,
    },
}

/// A JSON type, for [`ShareError::WrongType`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    /// A string.
    String,
    /// A non-negative integer.
    Index,
    /// An array.
    Array,
    /// A `[id, value]` pair of strings.
    Pair,
}

/// How long a link is, as far as other tools are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LengthWarning {
    /// Over ~2,000 characters: some older tools, proxies and shorteners truncate.
    SomeToolsTruncate {
        /// The link's length.
        len: usize,
        /// The threshold passed.
        limit: usize,
    },
    /// Over ~8,000 characters: most chat tools, email clients and servers break it.
    MostToolsBreak {
        /// The link's length.
        len: usize,
        /// The threshold passed.
        limit: usize,
    },
}

/// Makes a fragment for `state` in `mode`, leaving out (and reporting) everything the mode or
/// safety forbids. The result always decodes with [`decode`].
pub fn encode(state: &ShareInput, mode: Mode) -> Encoded {
    let mut dropped = Vec::new();
    let mut shared = Shared {
        mode,
        token: None,
        jwks_url: Some(state.jwks_url.trim().to_owned()).filter(|u| !u.is_empty()),
        // Empty values too: an empty answer ("No" to the method-scopes question) is not the
        // same as no answer (the form fields hold only what was set).
        fields: state.fields.clone(),
        selected: 0,
        keys_public: None,
    };
    if mode != Mode::Config {
        shared.token = token_for(state, mode, &mut dropped);
    }
    shared.keys_public = keys_for(state, mode, &mut dropped);

    let mut fragment = write(&shared);
    // Drop parts, largest risk of size first, until the fragment fits.
    for part in [Part::Keys, Part::Token, Part::Fields, Part::JwksUrl] {
        if fragment.len() <= MAX_FRAGMENT_LEN {
            break;
        }
        let len = match part {
            Part::Keys => shared.keys_public.take().map(|k| k.len()),
            Part::Token => shared.token.take().map(|t| t.len()),
            Part::Fields => Some(std::mem::take(&mut shared.fields))
                .filter(|f| !f.is_empty())
                .map(|f| f.iter().map(|(k, v)| k.len() + v.len()).sum()),
            Part::JwksUrl => shared.jwks_url.take().map(|u| u.len()),
        };
        if let Some(len) = len {
            dropped.push(Dropped::TooLong { part, len });
            fragment = write(&shared);
        }
    }
    Encoded { fragment, dropped }
}

fn token_for(state: &ShareInput, mode: Mode, dropped: &mut Vec<Dropped>) -> Option<String> {
    let extraction = input::extract(&state.text);
    let count = extraction.candidates.len();
    let candidate = extraction.candidates.into_iter().nth(state.selected)?;
    if count > 1 {
        dropped.push(Dropped::OtherTokens { count: count - 1 });
    }
    if state.text.trim() != candidate.token {
        dropped.push(Dropped::SurroundingText);
    }
    match mode {
        Mode::Config => None,
        Mode::FullToken => Some(candidate.token),
        Mode::TokenWithoutSignature => {
            if candidate.shape != Shape::Jws {
                dropped.push(Dropped::TokenNotSigned {
                    shape: candidate.shape,
                });
                return None;
            }
            let mut parts = candidate.token.splitn(3, '.');
            let (header, payload) = (parts.next()?, parts.next()?);
            if parts.next().is_some_and(|s| !s.is_empty()) {
                dropped.push(Dropped::Signature);
            }
            Some(format!("{header}.{payload}."))
        }
    }
}

fn keys_for(state: &ShareInput, mode: Mode, dropped: &mut Vec<Dropped>) -> Option<String> {
    let set = jwk::parse_key_input(&state.keys_text, state.secret_encoding);
    let set = match set {
        Err(jwk::KeyInputError::Empty) => return None,
        Err(_) => {
            // Unreadable text may be anything, a secret included: never share it.
            dropped.push(Dropped::UnreadableKeys { count: 1 });
            return None;
        }
        Ok(set) => set,
    };
    // Security checks come first, so the user hears about a secret even in config mode.
    if set.origin == SetOrigin::Secret {
        dropped.push(Dropped::HmacSecret);
        return None;
    }
    if set.private_key_pasted() || looks_private(&state.keys_text) {
        dropped.push(Dropped::PrivateKey);
        return None;
    }
    if set
        .keys
        .iter()
        .any(|k| k.format == KeyFormat::Secret || matches!(k.material, PublicKey::Hmac { .. }))
    {
        dropped.push(Dropped::SecretInKeySet);
        return None;
    }
    if !set.problems.is_empty() {
        dropped.push(Dropped::UnreadableKeys {
            count: set.problems.len(),
        });
        return None;
    }
    if set.origin == SetOrigin::Pem && has_text_beside_pem(&state.keys_text) {
        dropped.push(Dropped::TextBesideKeys);
        return None;
    }
    if mode == Mode::Config {
        dropped.push(Dropped::KeysNotInMode { mode });
        return None;
    }
    Some(state.keys_text.clone())
}

// A second line of defence, independent of the key parser: text that names a private key or
// carries a member that only private or symmetric JWKs have (RFC 7518 §6.2.2, §6.3.2, §6.4.1)
// is never shared, even if the parser read only its public part (say, a private JWK pasted
// after a PEM public key, which the PEM reader skips).
fn looks_private(text: &str) -> bool {
    const MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];
    if text.to_ascii_uppercase().contains("PRIVATE") {
        return true;
    }
    let mut rest = text;
    while let Some(start) = rest.find('"') {
        let after = rest.get(start + 1..).unwrap_or_default();
        let Some(end) = after.find('"') else { break };
        let name = after.get(..end).unwrap_or_default();
        let tail = after.get(end + 1..).unwrap_or_default();
        if MEMBERS.contains(&name) && tail.trim_start().starts_with(':') {
            return true;
        }
        rest = tail;
    }
    false
}

// PEM readers skip text between blocks; that text is not a key, so it is not shared.
fn has_text_beside_pem(text: &str) -> bool {
    let mut inside = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with("-----BEGIN ") {
            inside = true;
        } else if line.starts_with("-----END ") {
            inside = false;
        } else if !inside && !line.is_empty() {
            return true;
        }
    }
    false
}

// Members in name order (`f`, `j`, `k`, `s`, `t`): the order links have always had.
fn write(shared: &Shared) -> String {
    let mut json = String::from("{");
    let member = |name: &str, json: &mut String| {
        if json.len() > 1 {
            json.push(',');
        }
        write_string(name, json);
        json.push(':');
    };
    if !shared.fields.is_empty() {
        member("f", &mut json);
        write_string_pairs(
            &mut shared.fields.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            &mut json,
        );
    }
    if let Some(j) = &shared.jwks_url {
        member("j", &mut json);
        write_string(j, &mut json);
    }
    if let Some(k) = &shared.keys_public {
        member("k", &mut json);
        write_string(k, &mut json);
    }
    if shared.selected != 0 {
        member("s", &mut json);
        json.push_str(&shared.selected.to_string());
    }
    if let Some(t) = &shared.token {
        member("t", &mut json);
        write_string(t, &mut json);
    }
    json.push('}');
    format!(
        "v{VERSION}.{}.{}",
        shared.mode.letter(),
        URL_SAFE_NO_PAD.encode(json)
    )
}

/// Reads a fragment (with or without its leading `#`). Never panics; every way it can be wrong
/// is a [`ShareError`].
pub fn decode(fragment: &str) -> Result<Shared, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.is_empty() {
        return Err(ShareError::Empty);
    }
    if fragment.len() > MAX_FRAGMENT_LEN {
        return Err(ShareError::TooLong {
            len: fragment.len(),
            limit: MAX_FRAGMENT_LEN,
        });
    }
    let not_ours = || ShareError::NotAShareLink {
        start: clip(fragment),
    };
    let rest = fragment.strip_prefix('v').ok_or_else(not_ours)?;
    let (version, rest) = rest.split_once('.').ok_or_else(not_ours)?;
    if version.is_empty() || !version.bytes().all(|b| b.is_ascii_digit()) {
        return Err(not_ours());
    }
    match version.parse::<u64>() {
        Ok(v) if v == u64::from(VERSION) => {}
        Ok(v) if v > u64::from(VERSION) => {
            return Err(ShareError::NewerVersion {
                found: v,
                supported: VERSION,
            })
        }
        _ => {
            return Err(ShareError::UnknownVersion {
                found: clip(version),
            })
        }
    }
    let (letter, payload) = rest.split_once('.').unwrap_or((rest, ""));
    let mode = Mode::from_letter(letter).ok_or_else(|| ShareError::UnknownMode {
        found: clip(letter),
    })?;
    let bytes = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|e| ShareError::BadBase64 {
            problem: match e {
                base64::DecodeError::InvalidByte(offset, byte) => {
                    Base64Problem::InvalidByte { offset, byte }
                }
                base64::DecodeError::InvalidLastSymbol(offset, byte) => {
                    Base64Problem::InvalidLastSymbol { offset, byte }
                }
                base64::DecodeError::InvalidLength(len) => Base64Problem::InvalidLength { len },
                base64::DecodeError::InvalidPadding => {
                    Base64Problem::InvalidLength { len: payload.len() }
                }
            },
        })?;
    let text = String::from_utf8(bytes).map_err(|e| ShareError::NotUtf8 {
        valid_up_to: e.utf8_error().valid_up_to(),
    })?;
    let value = JsonDoc::parse(&text)
        .map_err(|e| {
            let (line, column) = line_column(&text, &e);
            ShareError::NotJson { line, column }
        })?
        .value;
    if !matches!(value, Value::Object(_)) {
        return Err(ShareError::NotAnObject);
    }
    read(mode, &value)
}

/// The 1-based line and column (in characters) of JSON error `e` in `text` (shared with
/// `crate::presets`, whose file errors are also shown as line and column).
pub(crate) fn line_column(text: &str, e: &JsonError) -> (usize, usize) {
    let at = match e {
        JsonError::Unexpected { at, .. }
        | JsonError::TooDeep { at, .. }
        | JsonError::ControlCharacterInString { at, .. } => *at,
    };
    let mut line = 1;
    let mut column = 1;
    for c in text.chars().take(at) {
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (line, column)
}

// Duplicate members: the last one wins ([`Value::get`]), as in `JSON.parse`.
fn read(mode: Mode, obj: &Value) -> Result<Shared, ShareError> {
    if let Some((name, _)) = obj
        .as_object()
        .unwrap_or_default()
        .iter()
        .find(|(k, _)| !matches!(k.as_str(), "t" | "j" | "f" | "s" | "k"))
    {
        return Err(ShareError::UnknownMember { name: clip(name) });
    }
    let string = |key: &str| -> Result<Option<String>, ShareError> {
        match obj.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.to_string())),
            Some(_) => Err(ShareError::WrongType {
                path: key.to_owned(),
                expected: JsonType::String,
            }),
        }
    };
    let token = string("t")?;
    let jwks_url = string("j")?;
    let keys_public = string("k")?;
    let selected = match obj.get("s") {
        None => 0,
        Some(v) => match v {
            Value::Number(n) => n.parse::<usize>().ok(),
            _ => None,
        }
        .ok_or(ShareError::WrongType {
            path: "s".into(),
            expected: JsonType::Index,
        })?,
    };
    let mut fields = Vec::new();
    match obj.get("f") {
        None => {}
        Some(Value::Array(pairs)) => {
            for (i, pair) in pairs.iter().enumerate() {
                match pair.as_array() {
                    Some([Value::String(k), Value::String(v)]) => {
                        fields.push((k.to_string(), v.to_string()))
                    }
                    _ => {
                        return Err(ShareError::WrongType {
                            path: format!("f[{i}]"),
                            expected: JsonType::Pair,
                        })
                    }
                }
            }
        }
        Some(_) => {
            return Err(ShareError::WrongType {
                path: "f".into(),
                expected: JsonType::Array,
            })
        }
    }
    if mode == Mode::Config {
        if token.is_some() {
            return Err(ShareError::ContentNotInMode {
                mode,
                part: Part::Token,
            });
        }
        if keys_public.is_some() {
            return Err(ShareError::ContentNotInMode {
                mode,
                part: Part::Keys,
            });
        }
    }
    if mode == Mode::TokenWithoutSignature {
        if let Some(t) = &token {
            if !t.ends_with('.') || t.matches('.').count() != 2 {
                return Err(ShareError::SignatureInUnsignedLink);
            }
        }
    }
    Ok(Shared {
        mode,
        token,
        jwks_url,
        fields,
        selected,
        keys_public,
    })
}

fn clip(s: &str) -> String {
    s.chars().take(24).collect()
}

/// `base` with its fragment replaced by `fragment` and any query removed (see
/// [`dropped_query`] for the note to show).
pub fn link(base: &str, fragment: &str) -> String {
    let base = base.split('#').next().unwrap_or_default();
    let base = base.split('?').next().unwrap_or_default();
    format!("{base}#{fragment}")
}

/// The query [`link`] removes from `base`, if any, as a [`Dropped`] to show beside the link.
pub fn dropped_query(base: &str) -> Option<Dropped> {
    let base = base.split('#').next().unwrap_or_default();
    base.split_once('?').map(|(_, q)| Dropped::Query {
        query: q.to_owned(),
    })
}

/// A warning for a link of `len` characters, if some common tool would cut it.
pub fn length_warning(len: usize) -> Option<LengthWarning> {
    if len > MOST_TOOLS_BREAK {
        Some(LengthWarning::MostToolsBreak {
            len,
            limit: MOST_TOOLS_BREAK,
        })
    } else if len > SOME_TOOLS_TRUNCATE {
        Some(LengthWarning::SomeToolsTruncate {
            len,
            limit: SOME_TOOLS_TRUNCATE,
        })
    } else {
        None
    }
}
/// What the page does with the address it was opened at, decided before the first paint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opening {
    /// No fragment: the page may show its demo.
    Fresh,
    /// A share link: restore it.
    Restore(Box<Shared>),
    /// Not a share link, but the address holds tokens (an OAuth redirect's `#id_token=…`):
    /// treat the whole address as a paste.
    Paste(String),
    /// A share link that cannot be used: start empty and say why.
    Unusable(ShareError),
    /// A fragment that is neither (an anchor, a test runner's state): leave it alone; the page
    /// starts as fresh.
    Ignore,
}

/// The URL-fragment rule: what to do with `fragment` (without or with `#`) of the page opened at
/// `href`. The demo is shown only for [`Opening::Fresh`] and [`Opening::Ignore`], never over a
/// link or a pasted redirect.
pub fn opening(fragment: &str, href: &str) -> Opening {
    if fragment.trim_start_matches('#').is_empty() {
        return Opening::Fresh;
    }
    match decode(fragment) {
        Ok(shared) => Opening::Restore(Box::new(shared)),
        Err(ShareError::NotAShareLink { .. }) => {
            if input::extract(href).candidates.is_empty() {
                Opening::Ignore
            } else {
                Opening::Paste(href.to_owned())
            }
        }
        Err(e) => Opening::Unusable(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln";

    fn config_link() -> String {
        let input = ShareInput {
            jwks_url: "https://example.com/jwks.json".to_owned(),
            ..ShareInput::default()
        };
        encode(&input, Mode::Config).fragment
    }

    #[test]
    fn the_fragment_rule_decides_before_the_first_paint() {
        let page = "https://tools.example/tl/";
        let redirect = format!("{page}#id_token={TOKEN}&state=x");
        let cases: Vec<(String, String, &str)> = vec![
            (String::new(), page.to_owned(), "fresh"),
            ("#".to_owned(), format!("{page}#"), "fresh"),
            (
                config_link(),
                format!("{page}#{}", config_link()),
                "restore",
            ),
            (format!("id_token={TOKEN}&state=x"), redirect, "paste"),
            (
                "section-2".to_owned(),
                format!("{page}#section-2"),
                "ignore",
            ),
            (
                "v9.c.e30".to_owned(),
                format!("{page}#v9.c.e30"),
                "unusable",
            ),
            (
                "v1.x.e30".to_owned(),
                format!("{page}#v1.x.e30"),
                "unusable",
            ),
        ];
        for (fragment, href, want) in cases {
            let got = match opening(&fragment, &href) {
                Opening::Fresh => "fresh",
                Opening::Restore(_) => "restore",
                Opening::Paste(text) => {
                    assert_eq!(text, href);
                    "paste"
                }
                Opening::Unusable(_) => "unusable",
                Opening::Ignore => "ignore",
            };
            assert_eq!(got, want, "fragment {fragment:?}");
        }
    }
}
