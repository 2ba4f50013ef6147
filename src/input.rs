//! Pasted text → candidate tokens.
//!
//! Owns everything between "the user pasted something" and "here are the strings to decode":
//! stripping `Bearer`, quotes, whitespace and line breaks; reading `Authorization:` lines, curl
//! commands, HTTP dumps, cookies, JSON bodies (Cognito `InitiateAuth`, OAuth token responses,
//! HAR files) and redirect URLs; and, when nothing is found, saying what the paste looks like
//! instead (a PEM key, a JWKS, an authorization code, …).
//!
//! Must not touch: decoding or judging a token (that is `crate::jose` and `crate::diagnose`),
//! the browser, a clock. Never panics on input; work is roughly linear in the input length.
//! Every sentence shown to users lives in `crate::explain::input`.

mod context;
mod hidden;
mod json;
mod probe;
mod scan;
mod url;

use std::collections::HashSet;

use crate::jose::json::{JsonDoc, Value};

/// Nesting depth for JSON inside JSON strings (HAR bodies) and similar.
const MAX_DEPTH: usize = 4;
/// JSON documents tried per text (each at the start of a line).
const MAX_JSON_ATTEMPTS: usize = 64;
/// Longest opaque value offered as a candidate.
const MAX_OPAQUE: usize = 16 * 1024;
/// Longest input-derived string carried in a value (error codes and the like).
const MAX_CARRIED: usize = 200;
/// Candidates returned per paste; the rest are counted in [`Extraction::truncated`]. A 10 MB
/// paste of URL parameters once made 461 k candidates, each decoded and verified.
pub const MAX_CANDIDATES: usize = 1000;
/// Invisible or look-alike characters listed per candidate; the rest are only counted.
pub const MAX_LISTED_HIDDEN: usize = 16;

/// The result of [`extract`]: the tokens found, or what the text looks like instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extraction {
    /// Tokens in order of appearance, each token once (the first occurrence wins).
    pub candidates: Vec<Candidate>,
    /// `Some` exactly when `candidates` is empty: what was seen instead.
    pub nothing_found: Option<Unrecognised>,
    /// `Some` when the paste held more than [`MAX_CANDIDATES`] tokens: only the first are in
    /// `candidates`.
    pub truncated: Option<Truncated>,
}

/// The candidate cap was hit: "showing the first 1,000 of 460,733".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Truncated {
    /// Candidates kept ([`MAX_CANDIDATES`]).
    pub shown: usize,
    /// Distinct candidates found in the paste.
    pub found: usize,
}

/// An invisible or look-alike character taken out of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HiddenChar {
    /// The character, e.g. U+200B ZERO WIDTH SPACE.
    pub ch: char,
    /// 0-based character index in the pasted text.
    pub at: usize,
}

/// One token found in the paste, cleaned and ready to decode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The compact token (or opaque value) with the reported [`Cleanup`]s applied and nothing
    /// else changed: `+`, `/` and `=` padding are kept for the decoder to report.
    pub token: String,
    /// Compact JWS, compact JWE or opaque.
    pub shape: Shape,
    /// Where in the paste it was found.
    pub source: Source,
    /// What was removed or repaired to get [`Candidate::token`], in the order applied.
    pub cleanups: Vec<Cleanup>,
}

/// The form of a candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// Compact JWS: `header.payload.signature` (RFC 7515 §7.1).
    Jws,
    /// Compact JWE: five parts, header has `enc` (RFC 7516 §7.1), e.g. a Cognito refresh token.
    Jwe,
    /// Not a JWT, found where a token belongs (a token key, an `Authorization` header).
    Opaque,
}

/// Where a candidate was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The paste was the token itself (possibly quoted, padded or wrapped).
    Bare,
    /// An `Authorization:` line; `scheme` as written (`Bearer`, `bearer`), empty if none.
    AuthorizationHeader {
        /// The authentication scheme before the token.
        scheme: String,
    },
    /// The paste was `Bearer <token>`.
    BearerValue,
    /// An `Authorization` header passed to curl with `-H` / `--header`.
    CurlHeader,
    /// Another HTTP header, e.g. `x-amzn-oidc-data:` (ALB).
    Header {
        /// The header name as written.
        name: String,
        /// Inside a curl `-H` / `--header` argument.
        in_curl: bool,
    },
    /// A string value in JSON.
    JsonField {
        /// Dotted path from the root, e.g. `AuthenticationResult.IdToken`.
        path: String,
        /// The member name holding the token, e.g. `IdToken`.
        key: String,
    },
    /// The `value` of a `{"name": …, "value": …}` pair, as in HAR headers, cookies and queries.
    JsonNamedValue {
        /// Dotted path of the `value` member.
        path: String,
        /// The pair's `name`, e.g. `Authorization`.
        name: String,
    },
    /// A URL query or fragment parameter, or a form field (`a=1&b=2`).
    UrlParam {
        /// Parameter name, e.g. `id_token`.
        name: String,
        /// After `#` (implicit / hybrid flow redirects) rather than in the query.
        in_fragment: bool,
    },
    /// A cookie in a `Cookie:` / `Set-Cookie:` line or curl `-b`.
    Cookie {
        /// Cookie name.
        name: String,
    },
    /// `name=token`, `name: token` (shell, `.env`, YAML, logs).
    Assignment {
        /// The name on the left.
        name: String,
    },
    /// Anywhere else in the text.
    FreeText,
}

/// Something removed or repaired to get a candidate's token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cleanup {
    /// Whitespace or newlines before or after the paste.
    SurroundingWhitespace,
    /// Quotes around the token.
    SurroundingQuotes {
        /// The quote character nearest the token.
        quote: char,
    },
    /// A `Bearer ` prefix (any case).
    BearerPrefix,
    /// `Bearer` appeared more than once (`Bearer Bearer …`): a client added the scheme to a
    /// value that already had it.
    RepeatedBearerPrefix {
        /// How many `Bearer` words there were.
        count: usize,
    },
    /// Another `Authorization` scheme before the token, e.g. `JWT`.
    SchemePrefix {
        /// The scheme as written.
        scheme: String,
    },
    /// Punctuation after the token (a full stop, a comma).
    StrayPunctuation {
        /// The characters removed.
        removed: String,
    },
    /// The token was wrapped over several lines.
    LineBreaksInside {
        /// Line breaks removed.
        count: usize,
    },
    /// Spaces or tabs around those line breaks (indentation).
    WhitespaceInside {
        /// Characters removed.
        count: usize,
    },
    /// Spaces or tabs that split the token within a line (KC-401: servers see them).
    StrayBlanksInside {
        /// Characters removed.
        count: usize,
    },
    /// `\` line continuations inside the token.
    LineContinuations {
        /// Backslashes removed.
        count: usize,
    },
    /// `%XX` escapes in a URL parameter were decoded.
    PercentDecoded {
        /// Escapes decoded.
        count: usize,
    },
    /// Only `header.payload` was pasted; an empty signature part (a final `.`) was appended so
    /// it can be decoded. It cannot be verified.
    SignatureMissing,
    /// Invisible characters (zero-width space or joiners, word joiner, soft hyphen, BOM,
    /// direction marks) inside or against the token were removed.
    InvisibleCharacters {
        /// The first [`MAX_LISTED_HIDDEN`] of them, in order.
        listed: Vec<HiddenChar>,
        /// How many were removed.
        total: usize,
    },
    /// Characters that look like `.` (full-width `．`, `․`, `。`) stood where a part separator
    /// belongs and were replaced by `.`.
    LookAlikeDots {
        /// The first [`MAX_LISTED_HIDDEN`] of them, in order.
        listed: Vec<HiddenChar>,
        /// How many were replaced.
        total: usize,
    },
}

/// What a paste without tokens looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unrecognised {
    /// Nothing but whitespace.
    Empty,
    /// One opaque word, e.g. an Auth0 access token issued without `audience`.
    Opaque {
        /// Length in characters.
        len: usize,
    },
    /// One UUID (e.g. a refresh token from an emulator such as moto).
    Uuid,
    /// An OAuth authorization code (`code=` in a redirect URL): exchange it for tokens first.
    AuthorizationCode,
    /// An OAuth error response (`error=` in a URL or JSON) (RFC 6749 §4.1.2.1, §5.2).
    OAuthError {
        /// The `error` value, e.g. `access_denied` (at most 200 characters).
        error: String,
    },
    /// A PEM public key or certificate (belongs in the key box).
    PemKey,
    /// A PEM private key.
    PemPrivateKey,
    /// A JWK Set (RFC 7517 §5).
    Jwks,
    /// A single public JWK (RFC 7517 §4).
    Jwk,
    /// A JWK with private parts (`d`).
    PrivateJwk,
    /// An OpenID Connect discovery document (has `jwks_uri`).
    DiscoveryDocument,
    /// JSON without any token in it.
    JsonWithoutTokens,
    /// `Authorization: Basic …`: a user name and password, not a token.
    BasicCredentials,
    /// `Authorization: AWS4-HMAC-SHA256 …`: an AWS SigV4 signature (IAM auth), not a JWT.
    AwsSigV4,
    /// Something shaped like a compact token that is not one.
    MalformedCompact {
        /// Number of `.`-separated parts.
        segments: usize,
        /// What is wrong.
        problem: CompactProblem,
    },
    /// A one-line `Authorization: Bearer` or `Bearer …` whose credential is missing or a
    /// placeholder (`undefined`, `null`, `[object Object]`): the client sent the header before
    /// it had a token (R8: the gateway rejects it).
    NoCredential {
        /// The placeholder as written (empty when nothing follows `Bearer`).
        placeholder: String,
    },
    /// Other text.
    Text {
        /// Length in characters.
        chars: usize,
    },
}

/// Why a token-shaped string is not a compact JWS/JWE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompactProblem {
    /// Fewer parts than a JWS (3) or JWE (5) needs.
    MissingSegments,
    /// More parts than any compact serialisation has.
    TooManySegments,
    /// The first part is not base64url.
    HeaderNotBase64Url,
    /// The first part decodes, but not to JSON.
    HeaderNotJson,
    /// The first part is JSON, but not an object.
    HeaderNotObject,
    /// The header has no `alg` (RFC 7515 §4.1.1).
    HeaderWithoutAlg,
    /// Five parts, but the header has no `enc` (RFC 7516 §4.1.2).
    JweHeaderWithoutEnc,
    /// A later part is not base64url.
    SegmentNotBase64Url {
        /// Zero-based index of the part.
        index: usize,
        /// It is the last part and only its length is impossible (one character past a whole
        /// group): most likely cut off.
        cut: bool,
        /// Where and why, when its base64url (padding and `+`/`/` tolerated) does not decode.
        why: Option<crate::jose::b64::B64Error>,
    },
    /// `header.payload` whose payload is not JSON.
    PayloadNotJson,
}

/// Finds every token in `text`: at most [`MAX_CANDIDATES`], saying so when there were more.
/// Never panics; roughly linear in `text.len()`.
pub fn extract(original: &str) -> Extraction {
    let cleaned = hidden::clean(original);
    let (text, removed) = match &cleaned {
        Some((text, removed)) => (text.as_str(), removed.as_slice()),
        None => (original, &[][..]),
    };
    let mut pipeline = Pipeline {
        budget: text.len().saturating_mul(16).saturating_add(1 << 20),
        signals: Signals::default(),
    };
    let found = by_position(pipeline.run(text, 0));
    // First occurrences only, compared by the tokens in place (no copy of any token). Past the
    // cap a token is only counted: its context is never read.
    let mut seen: HashSet<&str> = HashSet::with_capacity(found.len());
    let first: Vec<bool> = found
        .iter()
        .map(|f| seen.insert(f.candidate.token.as_str()))
        .collect();
    let distinct = seen.len();
    drop(seen);
    let mut kept: Vec<Found> = found
        .into_iter()
        .zip(first)
        .filter_map(|(f, first)| first.then_some(f))
        .take(MAX_CANDIDATES)
        .collect();
    for f in kept.iter_mut().filter(|f| f.unclassified) {
        let (source, mut cleanups) = context::classify(text, f.pos, f.end);
        cleanups.append(&mut f.candidate.cleanups);
        f.candidate.source = source;
        f.candidate.cleanups = cleanups;
        f.unclassified = false;
    }
    note_hidden(&mut kept, removed);
    let candidates: Vec<Candidate> = kept.into_iter().map(|f| f.candidate).collect();
    let truncated = (distinct > MAX_CANDIDATES).then_some(Truncated {
        shown: MAX_CANDIDATES,
        found: distinct,
    });
    let nothing_found = if candidates.is_empty() {
        Some(unrecognised(text, pipeline.signals))
    } else {
        None
    };
    Extraction {
        candidates,
        nothing_found,
        truncated,
    }
}

/// `found` in text order, equal positions in the order found.
fn by_position(found: Vec<Found>) -> Vec<Found> {
    stable_by_key(found, |f| f.pos)
}

/// `items` ordered by `key`, equal keys in their order (a stable sort), without a stable sort's
/// own few KB of wasm: the `(key, index)` pairs are unique, so the unstable sort of `usize`
/// pairs the module already has for the covered ranges keeps that order. Shared with
/// `diagnose`'s stage order.
pub(crate) fn stable_by_key<T>(items: Vec<T>, key: impl Fn(&T) -> usize) -> Vec<T> {
    // Often already so (one kind of find, e.g. a long query string).
    if items.is_sorted_by_key(&key) {
        return items;
    }
    let mut order: Vec<(usize, usize)> = items.iter().map(&key).zip(0..).collect();
    order.sort_unstable();
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(_, i)| slots.get_mut(i).and_then(Option::take))
        .collect()
}

/// Attaches each removed invisible or look-alike character to the candidate whose span (in
/// the cleaned text) holds it, as the first cleanups (they were applied first). `found` is
/// sorted by position.
fn note_hidden(found: &mut [Found], removed: &[hidden::Removed]) {
    for f in found.iter_mut() {
        let from = removed.partition_point(|r| r.at_cleaned < f.pos);
        let inside = removed
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .take_while(|r| r.at_cleaned <= f.end);
        let (mut invisible, mut dots) = (Vec::new(), Vec::new());
        let (mut invisible_total, mut dots_total) = (0usize, 0usize);
        for r in inside {
            let (list, total) = if r.dot {
                (&mut dots, &mut dots_total)
            } else {
                (&mut invisible, &mut invisible_total)
            };
            *total += 1;
            if list.len() < MAX_LISTED_HIDDEN {
                list.push(HiddenChar {
                    ch: r.ch,
                    at: r.at_char,
                });
            }
        }
        let mut first = Vec::new();
        if invisible_total > 0 {
            first.push(Cleanup::InvisibleCharacters {
                listed: invisible,
                total: invisible_total,
            });
        }
        if dots_total > 0 {
            first.push(Cleanup::LookAlikeDots {
                listed: dots,
                total: dots_total,
            });
        }
        if !first.is_empty() {
            first.append(&mut f.candidate.cleanups);
            f.candidate.cleanups = first;
        }
    }
}

/// `s` cut to at most [`MAX_CARRIED`] characters.
fn bounded(s: &str) -> String {
    s.chars().take(MAX_CARRIED).collect()
}

/// Member and parameter names under which a non-JWT value is still shown as a token. Compared
/// ignoring ASCII case, `_` and `-`, without allocating (it runs once per URL parameter).
fn is_token_key(name: &str) -> bool {
    const KEYS: [&str; 15] = [
        "idtoken",
        "accesstoken",
        "refreshtoken",
        "token",
        "jwt",
        "authorization",
        "authtoken",
        "bearertoken",
        "idtokenhint",
        "clientassertion",
        "assertion",
        "subjecttoken",
        "actortoken",
        "logouttoken",
        "identitytoken",
    ];
    if !name.is_ascii() {
        // Unicode lower-casing, exactly as far as the ASCII names above can tell: the Kelvin
        // sign K is the one non-ASCII letter that lower-cases to ASCII alone (`k`; `İ` becomes
        // `i` plus a combining dot). Spelt out so the module does not carry Unicode's case tables.
        let normal: String = name
            .chars()
            .filter(|c| *c != '_' && *c != '-')
            .map(fold_case)
            .collect();
        return KEYS.contains(&normal.as_str());
    }
    let normal = || {
        name.bytes()
            .filter(|b| *b != b'_' && *b != b'-')
            .map(|b| b.to_ascii_lowercase())
    };
    KEYS.iter().any(|key| normal().eq(key.bytes()))
}

/// `s.contains(char::is_whitespace)`, byte by byte for ASCII text.
fn has_whitespace(s: &str) -> bool {
    if s.is_ascii() {
        s.bytes()
            .any(|b| matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'))
    } else {
        s.contains(char::is_whitespace)
    }
}

/// A candidate with its byte span in the text being searched (approximate where escapes were
/// decoded: it orders candidates and places removed characters).
struct Found {
    pos: usize,
    end: usize,
    candidate: Candidate,
    /// Its source and surrounding cleanups are still to be read from the context
    /// (`context::classify`): done only for candidates that survive the cap.
    unclassified: bool,
}

/// Observations kept for [`Unrecognised`] when no candidate turns up.
#[derive(Default)]
struct Signals {
    authorization_code: bool,
    oauth_error: Option<String>,
    basic: bool,
    sigv4: bool,
    near_miss: Option<scan::NearMiss>,
    json: Option<Unrecognised>,
}

struct Pipeline {
    /// Bytes the scanner may still re-assess while re-joining wrapped tokens.
    budget: usize,
    signals: Signals,
}

/// Is `pos` inside one of the sorted, non-overlapping `covered` ranges?
fn is_covered(covered: &[(usize, usize)], pos: usize) -> bool {
    let after = covered.partition_point(|(start, _)| *start <= pos);
    after
        .checked_sub(1)
        .and_then(|i| covered.get(i))
        .is_some_and(|(_, end)| pos < *end)
}

/// Byte offset of `sub` inside `text` (`sub` must be a subslice of it).
fn offset_in(text: &str, sub: &str) -> usize {
    (sub.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// Strips one leading `Bearer` word (any case, followed by whitespace).
fn strip_bearer(s: &str) -> Option<&str> {
    let head = s.get(..6)?;
    let rest = s.get(6..)?;
    (head.eq_ignore_ascii_case("bearer") && rest.starts_with(char::is_whitespace))
        .then(|| rest.trim_start())
}

/// Shortest opaque Bearer credential offered as a candidate; shorter words are noise.
const MIN_OPAQUE_BEARER: usize = 8;

/// RFC 6750 §2.1 `b64token` (the syntax of a Bearer credential), at least
/// [`MIN_OPAQUE_BEARER`] characters.
fn is_b64token(s: &str) -> bool {
    let body = s.trim_end_matches('=');
    s.len() >= MIN_OPAQUE_BEARER
        && !body.is_empty()
        && body.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'+' | b'/')
        })
}

fn strip_quotes(s: &str) -> &str {
    let quotes: &[char] = &['"', '\'', '`'];
    s.trim_start_matches(quotes).trim_end_matches(quotes)
}

impl Pipeline {
    /// Every candidate in `text`, unordered, with positions in `text`.
    fn run(&mut self, text: &str, depth: usize) -> Vec<Found> {
        let mut found = Vec::new();
        let mut covered = Vec::new();
        if depth <= MAX_DEPTH {
            self.json_documents(text, depth, &mut found, &mut covered);
        }
        let mut url_covered = self.url_params(text, &covered, &mut found);
        covered.append(&mut url_covered);
        covered.sort_unstable();
        let (hits, near_miss) = scan::scan(text, &covered, &mut self.budget);
        if self.signals.near_miss.is_none() {
            self.signals.near_miss = near_miss;
        }
        // Sorted: the scanner reports hits in text order.
        let hit_starts: Vec<usize> = hits.iter().map(|h| h.start).collect();
        // At the top level a paste may hold hundreds of thousands of hits; their context is read
        // in `extract` for the ones kept. Nested text is classified here, where it is at hand.
        let unclassified = depth == 0;
        for hit in hits {
            let (source, mut cleanups) = if unclassified {
                (Source::Bare, Vec::new())
            } else {
                context::classify(text, hit.start, hit.end)
            };
            let mut token = hit.token;
            if hit.line_breaks > 0 {
                cleanups.push(Cleanup::LineBreaksInside {
                    count: hit.line_breaks,
                });
            }
            if hit.whitespace_inside > 0 {
                cleanups.push(Cleanup::WhitespaceInside {
                    count: hit.whitespace_inside,
                });
            }
            if hit.stray_blanks > 0 {
                cleanups.push(Cleanup::StrayBlanksInside {
                    count: hit.stray_blanks,
                });
            }
            if hit.continuations > 0 {
                cleanups.push(Cleanup::LineContinuations {
                    count: hit.continuations,
                });
            }
            if hit.unsigned {
                token.push('.');
                cleanups.push(Cleanup::SignatureMissing);
            }
            found.push(Found {
                pos: hit.start,
                end: hit.end,
                candidate: Candidate {
                    token,
                    shape: hit.shape,
                    source,
                    cleanups,
                },
                unclassified,
            });
        }
        self.authorization_headers(text, &covered, &hit_starts, &mut found);
        if depth == 0 && found.is_empty() {
            self.bearer_paste(text, &mut found);
        }
        found
    }

    /// JSON objects/arrays starting a line: walk their strings.
    fn json_documents(
        &mut self,
        text: &str,
        depth: usize,
        found: &mut Vec<Found>,
        covered: &mut Vec<(usize, usize)>,
    ) {
        let mut attempts = 0;
        let mut covered_to = 0;
        // Each attempt may read to the end of the text before failing: bound the total.
        let mut parse_budget = text.len().saturating_mul(8).saturating_add(1 << 20);
        if let Some(inner) = json_string_literal(text) {
            // A whole paste that is one JSON string (a double-encoded body from a log).
            // Offsets inside the decoded string approximate those in the paste.
            found.extend(self.run(&inner, depth + 1));
            covered.push((0, text.len()));
            return;
        }
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1));
        for line_start in line_starts {
            if attempts >= MAX_JSON_ATTEMPTS {
                break;
            }
            let Some(line) = text.get(line_start..) else {
                continue;
            };
            let start = line_start + (line.len() - line.trim_start_matches([' ', '\t']).len());
            if start < covered_to || !matches!(text.as_bytes().get(start), Some(b'{' | b'[')) {
                continue;
            }
            if parse_budget == 0 {
                break;
            }
            attempts += 1;
            parse_budget = parse_budget.saturating_sub(text.len() - start);
            let Some((root, len)) = text.get(start..).and_then(json::parse_prefix) else {
                continue;
            };
            let region = text.get(start..start + len).unwrap_or("");
            let before = found.len();
            let mut cursor = 0;
            let mut lost = false;
            for string in json::strings(&root) {
                for candidate in self.json_string(&string, depth) {
                    // Positions only order candidates; once a token cannot be found verbatim
                    // (escaped characters), stop searching rather than rescan the region.
                    let at = if lost {
                        None
                    } else {
                        region
                            .get(cursor..)
                            .and_then(|rest| rest.find(&candidate.token))
                    };
                    lost = at.is_none();
                    cursor += at.unwrap_or(0);
                    let at = cursor;
                    found.push(Found {
                        pos: start + at,
                        end: start + at + candidate.token.len(),
                        candidate,
                        unclassified: false,
                    });
                }
            }
            if depth == 0 && self.signals.json.is_none() {
                self.signals.json = Some(json::kind(&root));
            }
            if found.len() == before {
                if let Unrecognised::OAuthError { error } = json::kind(&root) {
                    self.signals.oauth_error.get_or_insert(error);
                }
            }
            covered.push((start, start + len));
            covered_to = start + len;
        }
    }

    /// Candidates in one JSON string value (a token, a `Bearer` value, a URL, nested JSON, …).
    fn json_string(&mut self, string: &json::JsonString<'_>, depth: usize) -> Vec<Candidate> {
        let is_cookie = string.pair_name.as_deref().is_some_and(|n| {
            n.eq_ignore_ascii_case("cookie") || n.eq_ignore_ascii_case("set-cookie")
        });
        let inner = if is_cookie {
            self.run(&format!("Cookie: {}", string.value), depth + 1)
        } else {
            self.run(string.value, depth + 1)
        };
        let inner = by_position(inner);
        let here = || match &string.pair_name {
            Some(name) => Source::JsonNamedValue {
                path: string.path.clone(),
                name: name.clone(),
            },
            None => Source::JsonField {
                path: string.path.clone(),
                key: string.key.clone(),
            },
        };
        let nested = |path: &str| format!("{}.{}", string.path, path);
        let mut out: Vec<Candidate> = inner
            .into_iter()
            .map(|f| {
                let mut c = f.candidate;
                c.source = match c.source {
                    Source::Bare | Source::BearerValue | Source::FreeText => here(),
                    Source::JsonField { path, key } => Source::JsonField {
                        path: nested(&path),
                        key,
                    },
                    Source::JsonNamedValue { path, name } => Source::JsonNamedValue {
                        path: nested(&path),
                        name,
                    },
                    other => other,
                };
                c
            })
            .collect();
        let token_key =
            is_token_key(&string.key) || string.pair_name.as_deref().is_some_and(is_token_key);
        if out.is_empty() && token_key {
            if let Some((token, cleanups)) = opaque_value(string.value) {
                out.push(Candidate {
                    token,
                    shape: Shape::Opaque,
                    source: here(),
                    cleanups,
                });
            }
        }
        out
    }

    /// Tokens in URL and form parameters; returns the byte ranges they cover.
    fn url_params(
        &mut self,
        text: &str,
        covered: &[(usize, usize)],
        found: &mut Vec<Found>,
    ) -> Vec<(usize, usize)> {
        let mut taken = Vec::new();
        // One parameter at a time: a log with thousands of URLs never holds them all.
        let signals = &mut self.signals;
        url::each_param(text, covered, &mut |param| {
            if param.name == "code" {
                signals.authorization_code = true;
            }
            if param.name == "error" {
                if let Some(error) = &param.value {
                    signals.oauth_error.get_or_insert_with(|| bounded(error));
                }
            }
            let Some(value) = param.value else {
                return;
            };
            // Most parameters are not tokens, and their first characters say so.
            let (assessment, len) = if probe::json_object_start(value.as_bytes()) == Some(false) {
                (None, 0)
            } else {
                let (assessment, len) = probe::assess_allowing_full_stop(&value);
                (Some(assessment).filter(probe::Assessment::is_token), len)
            };
            let mut cleanups = Vec::new();
            if param.escapes > 0 {
                cleanups.push(Cleanup::PercentDecoded {
                    count: param.escapes,
                });
            }
            let (token, shape) = if let Some(assessment) = assessment {
                let mut token = value.get(..len).unwrap_or("").to_owned();
                if assessment.fit == probe::Fit::Unsigned {
                    token.push('.');
                    cleanups.push(Cleanup::SignatureMissing);
                }
                (token, assessment.shape)
            } else if is_token_key(&param.name)
                && !value.is_empty()
                && value.len() <= MAX_OPAQUE
                && !has_whitespace(&value)
            {
                (value, Shape::Opaque)
            } else {
                return;
            };
            taken.push((param.start, param.end));
            found.push(Found {
                pos: param.start,
                end: param.end,
                candidate: Candidate {
                    token,
                    shape,
                    source: Source::UrlParam {
                        name: param.name,
                        in_fragment: param.in_fragment,
                    },
                    cleanups,
                },
                unclassified: false,
            });
        });
        taken
    }

    /// `Authorization:` lines: opaque Bearer values become candidates; Basic and SigV4 are noted.
    fn authorization_headers(
        &mut self,
        text: &str,
        covered: &[(usize, usize)],
        hit_starts: &[usize],
        found: &mut Vec<Found>,
    ) {
        for line in text.split('\n') {
            let line_start = offset_in(text, line);
            let first_hit = hit_starts.partition_point(|s| *s < line_start);
            // A JWT on this line is the credential; the words around it are noise.
            let line_has_token = hit_starts
                .get(first_hit)
                .is_some_and(|s| *s < line_start + line.len());
            if is_covered(covered, line_start) {
                continue;
            }
            let Some(at) = context::find_ci(line, "authorization:") else {
                continue;
            };
            let Some(after) = line.get(at + "authorization:".len()..) else {
                continue;
            };
            // Bytes, not chars: the quotes are ASCII, and this runs on every header line.
            let quote = after
                .bytes()
                .position(|b| matches!(b, b'\'' | b'"' | b'`'))
                .unwrap_or(after.len());
            let value = after
                .get(..quote)
                .unwrap_or("")
                .trim_end_matches([' ', '\t', '\r', '\\']);
            let mut words = value.split_whitespace();
            let Some(scheme) = words.next() else {
                continue;
            };
            if scheme.eq_ignore_ascii_case("basic") {
                self.signals.basic = true;
            } else if scheme
                .as_bytes()
                .get(..16)
                .is_some_and(|p| p.eq_ignore_ascii_case(b"aws4-hmac-sha256"))
            {
                self.signals.sigv4 = true;
            } else if scheme.eq_ignore_ascii_case("bearer") && !line_has_token {
                // The rest of the line is split only when it may hold an opaque credential.
                if let Some(credential) = words.find(|w| !w.eq_ignore_ascii_case("bearer")) {
                    found.extend(opaque_credential(text, credential));
                }
            }
        }
    }

    /// The whole paste is `Bearer <opaque>`.
    fn bearer_paste(&mut self, text: &str, found: &mut Vec<Found>) {
        let Some(mut credential) = strip_bearer(strip_quotes(text.trim())) else {
            return;
        };
        while let Some(rest) = strip_bearer(credential) {
            credential = rest;
        }
        found.extend(opaque_credential(text, strip_quotes(credential.trim_end())));
    }
}

/// `c` lower-cased where that gives ASCII (see [`is_token_key`]'s note), else `c` itself.
fn fold_case(c: char) -> char {
    match c {
        '\u{212A}' => 'k',
        c => c.to_ascii_lowercase(),
    }
}

/// The decoded content of a paste that is a single JSON string with escapes in it.
fn json_string_literal(text: &str) -> Option<String> {
    let t = text.trim();
    if !(t.len() >= 2 && t.starts_with('"') && t.ends_with('"') && t.contains('\\')) {
        return None;
    }
    match JsonDoc::parse(t).ok()?.value {
        Value::String(s) => Some(s.to_string()),
        _ => None,
    }
}

/// A non-JWT value under a token key, as an opaque token (without whitespace or `Bearer`).
fn opaque_value(value: &str) -> Option<(String, Vec<Cleanup>)> {
    let mut cleanups = Vec::new();
    let trimmed = value.trim();
    if trimmed.len() != value.len() {
        cleanups.push(Cleanup::SurroundingWhitespace);
    }
    let rest = match strip_bearer(trimmed) {
        Some(rest) => {
            cleanups.push(Cleanup::BearerPrefix);
            rest
        }
        None => trimmed,
    };
    if rest.is_empty() || rest.contains(char::is_whitespace) || rest.len() > MAX_OPAQUE {
        return None;
    }
    Some((rest.to_owned(), cleanups))
}

fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// What a paste without candidates looks like.
fn unrecognised(text: &str, signals: Signals) -> Unrecognised {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Unrecognised::Empty;
    }
    if let Some(at) = trimmed.find("-----BEGIN ") {
        let label = trimmed.get(at..).unwrap_or("").lines().next().unwrap_or("");
        return if label.contains("PRIVATE KEY") {
            Unrecognised::PemPrivateKey
        } else {
            Unrecognised::PemKey
        };
    }
    match signals.json {
        Some(Unrecognised::JsonWithoutTokens) | None => {}
        Some(kind) => return kind,
    }
    if let Some(error) = signals.oauth_error {
        return Unrecognised::OAuthError { error };
    }
    if signals.authorization_code {
        return Unrecognised::AuthorizationCode;
    }
    if signals.sigv4 {
        return Unrecognised::AwsSigV4;
    }
    if signals.basic {
        return Unrecognised::BasicCredentials;
    }
    if let Some(placeholder) = no_credential(trimmed) {
        return Unrecognised::NoCredential { placeholder };
    }
    let word = strip_quotes(strip_bearer(strip_quotes(trimmed)).unwrap_or(trimmed));
    let word = strip_quotes(word.trim());
    let single_word = !word.is_empty() && !word.contains(char::is_whitespace);
    if single_word {
        let segments = word.split('.').count();
        if (3..=6).contains(&segments) && word.len() >= 16 {
            if let Some(problem) = probe::assess(word).problem() {
                return Unrecognised::MalformedCompact { segments, problem };
            }
        }
    }
    if let Some(miss) = signals.near_miss {
        return Unrecognised::MalformedCompact {
            segments: miss.segments,
            problem: miss.problem,
        };
    }
    if signals.json.is_some() {
        return Unrecognised::JsonWithoutTokens;
    }
    if single_word {
        if is_uuid(word) {
            return Unrecognised::Uuid;
        }
        if word.starts_with("code=") {
            return Unrecognised::AuthorizationCode;
        }
        let len = word.chars().count();
        if len >= 16 && is_b64token(word) {
            return Unrecognised::Opaque { len };
        }
    }
    Unrecognised::Text {
        chars: text.chars().count(),
    }
}

/// For a one-line `Authorization: Bearer …` or `Bearer …` (quotes around it allowed) with
/// nothing after `Bearer`, or a value a client writes for a token it does not have yet: that
/// value (empty for nothing).
fn no_credential(trimmed: &str) -> Option<String> {
    if trimmed.contains('\n') {
        return None;
    }
    let line = strip_quotes(trimmed);
    let header = "authorization:";
    let rest = match line.get(..header.len()) {
        Some(h) if h.eq_ignore_ascii_case(header) => line.get(header.len()..)?.trim_start(),
        _ => line,
    };
    let after = rest
        .get(..6)
        .filter(|h| h.eq_ignore_ascii_case("bearer"))
        .and_then(|_| rest.get(6..))?;
    if !after.is_empty() && !after.starts_with(char::is_whitespace) {
        return None;
    }
    let value = strip_quotes(after.trim());
    (value.is_empty() || is_placeholder(value)).then(|| value.to_owned())
}

/// What a client writes where a token goes when it has none yet (JavaScript's unset values,
/// Python's `None`, Go's `nil`).
fn is_placeholder(value: &str) -> bool {
    const PLACEHOLDERS: [&str; 5] = ["undefined", "null", "[object object]", "none", "nil"];
    PLACEHOLDERS.contains(&value.to_ascii_lowercase().as_str())
}

/// A Bearer credential (a slice of `text`) as an opaque candidate, if it has RFC 6750
/// token68 syntax, is not JSON and is not absurdly long.
fn opaque_credential(text: &str, credential: &str) -> Option<Found> {
    if !is_b64token(credential)
        || is_placeholder(credential)
        || credential.len() > MAX_OPAQUE
        || probe::starts_like_json_object(credential.as_bytes())
    {
        return None;
    }
    let start = offset_in(text, credential);
    let (source, cleanups) = context::classify(text, start, start + credential.len());
    Some(Found {
        pos: start,
        end: start + credential.len(),
        candidate: Candidate {
            token: credential.to_owned(),
            shape: Shape::Opaque,
            source,
            cleanups,
        },
        unclassified: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;

    #[test]
    fn finds_are_put_in_text_order_and_equal_positions_keep_their_order() {
        let found = |pos: usize, token: &str| Found {
            pos,
            end: pos + token.len(),
            candidate: Candidate {
                token: token.to_owned(),
                shape: Shape::Opaque,
                source: Source::Bare,
                cleanups: Vec::new(),
            },
            unclassified: false,
        };
        let sorted = by_position(vec![
            found(9, "c"),
            found(2, "a1"),
            found(5, "b"),
            found(2, "a2"),
            found(0, "z"),
            found(2, "a3"),
        ]);
        let tokens: Vec<&str> = sorted.iter().map(|f| f.candidate.token.as_str()).collect();
        assert_eq!(tokens, ["z", "a1", "a2", "a3", "b", "c"]);
    }

    #[test]
    fn candidates_past_the_cap_are_counted_without_reading_their_context() {
        // Each line a quoted token after a header name: its source and cleanups come from the
        // context, which only the kept candidates have read.
        let lines: Vec<String> = (0..MAX_CANDIDATES + 500)
            .map(|i| {
                let payload = URL_SAFE_NO_PAD.encode(format!(r#"{{"sub":"u{i}"}}"#));
                let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256"}"#);
                let sig = URL_SAFE_NO_PAD.encode([7u8; 32]);
                format!("x-token: \"{header}.{payload}.{sig}\"")
            })
            .collect();
        let text = lines.join("\n");
        context::CLASSIFIED.with(|n| n.set(0));
        let e = extract(&text);
        let classified = context::CLASSIFIED.with(|n| n.get());
        assert_eq!(
            e.truncated,
            Some(Truncated {
                shown: MAX_CANDIDATES,
                found: MAX_CANDIDATES + 500
            })
        );
        assert_eq!(classified, MAX_CANDIDATES);
        let last = e.candidates.last().map(|c| (&c.source, &c.cleanups));
        let first = e.candidates.first().map(|c| (&c.source, &c.cleanups));
        assert_eq!(
            last, first,
            "the kept candidates all had their context read"
        );
        assert_ne!(first.map(|(s, _)| s), Some(&Source::Bare));
    }

    #[test]
    fn case_folding_agrees_with_unicode_wherever_unicode_lower_cases_to_ascii() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let unicode: String = c.to_lowercase().collect();
            if unicode.is_ascii() {
                assert_eq!(fold_case(c).to_string(), unicode, "U+{:04X}", u32::from(c));
            } else {
                assert!(!fold_case(c).is_ascii(), "U+{:04X}", u32::from(c));
            }
        }
    }

    #[test]
    fn a_token_key_spelt_with_the_kelvin_sign_is_a_token_key() {
        assert!(is_token_key("id_To\u{212A}en"));
        assert!(!is_token_key("id_to\u{212B}en"));
    }

    fn jws() -> String {
        format!(
            "{}.{}.{}",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"ES256","kid":"k1"}"#),
            URL_SAFE_NO_PAD.encode(r#"{"sub":"a","exp":1700000000}"#),
            URL_SAFE_NO_PAD.encode([3u8; 64])
        )
    }

    #[test]
    fn bare_token_has_no_cleanups() {
        let t = jws();
        let e = extract(&t);
        assert_eq!(e.candidates.len(), 1);
        assert_eq!(e.candidates[0].token, t);
        assert_eq!(e.candidates[0].source, Source::Bare);
        assert!(e.candidates[0].cleanups.is_empty());
        assert_eq!(e.nothing_found, None);
    }

    #[test]
    fn covered_ranges_are_searched_by_position() {
        let covered = [(2, 5), (10, 12)];
        assert!(!is_covered(&covered, 1));
        assert!(is_covered(&covered, 2));
        assert!(is_covered(&covered, 4));
        assert!(!is_covered(&covered, 5));
        assert!(is_covered(&covered, 11));
        assert!(!is_covered(&covered, 12));
        assert!(!is_covered(&[], 0));
    }

    #[test]
    fn b64token_follows_rfc_6750_and_a_minimum_length() {
        assert!(is_b64token("2YotnFZFEjr1zCsicMWpAA=="));
        assert!(!is_b64token("short"));
        assert!(!is_b64token("has:colon-in-it"));
        assert!(!is_b64token("========"));
    }

    #[test]
    fn empty_text_is_empty() {
        assert_eq!(extract(" \n\t").nothing_found, Some(Unrecognised::Empty));
    }

    #[test]
    fn token_keys_are_matched_across_naming_styles() {
        assert!(is_token_key("IdToken"));
        assert!(is_token_key("refresh_token"));
        assert!(is_token_key("access-token"));
        assert!(!is_token_key("TokenType"));
        assert!(!is_token_key("token_type"));
    }

    #[test]
    fn whitespace_is_found_as_char_is_whitespace_finds_it() {
        for s in ["a b", "a\u{b}b", "a\rb", "a\u{3000}b", "a\u{85}b"] {
            assert!(has_whitespace(s), "{s:?}");
        }
        for s in ["ab", "a\u{200B}b", ""] {
            assert!(!has_whitespace(s), "{s:?}");
        }
    }

    #[test]
    fn uuid_shape_is_recognised() {
        assert!(is_uuid("3f1c2b9e-8d7a-4c1b-9a0e-1234567890ab"));
        assert!(!is_uuid("3f1c2b9e-8d7a-4c1b-9a0e-1234567890a"));
    }

    #[test]
    fn strip_bearer_needs_a_space() {
        assert_eq!(strip_bearer("Bearer  x"), Some("x"));
        assert_eq!(strip_bearer("Bearerx"), None);
        assert_eq!(strip_bearer("bé"), None);
    }

    #[test]
    fn bounded_cuts_on_characters() {
        assert_eq!(bounded(&"é".repeat(300)).chars().count(), MAX_CARRIED);
    }

    #[test]
    fn json_error_response_is_an_oauth_error() {
        let e =
            extract(r#"{"error":"invalid_grant","error_description":"Refresh Token has expired"}"#);
        assert_eq!(
            e.nothing_found,
            Some(Unrecognised::OAuthError {
                error: "invalid_grant".into()
            })
        );
    }
}
