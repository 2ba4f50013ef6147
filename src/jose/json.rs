//! A small JSON parser (RFC 8259) that keeps a token's JSON exactly as issued: number text is
//! never converted (`12345678901234567890123`, `3.0` and `1e3` survive), object members keep
//! their order, and duplicate keys are kept and reported with their path.
//!
//! Owns JSON text ⇄ [`Value`] tree. Must not know about JOSE. Nesting is limited to
//! [`MAX_DEPTH`] so hostile input yields [`JsonError::TooDeep`], never a stack overflow.
//! Error positions are 0-based character indices into the parsed text.
//!
//! Parsing copies the text once into a shared buffer and allocates no text per value: strings
//! without escapes, numbers and member names are [`Str`] ranges of it (escaped strings get
//! their own), so a document costs about one allocation per array or object.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::rc::Rc;

/// Deepest nesting of arrays and objects accepted.
pub const MAX_DEPTH: usize = 128;

/// Repeated keys listed per document; the rest are counted in [`JsonDoc::duplicates_unlisted`].
/// A hostile 63 KiB token once produced 4,385 rows (93 MiB of text) without this cap.
pub const MAX_DUPLICATES: usize = 50;

/// Strings with lone surrogates listed per document; the rest are counted in
/// [`JsonDoc::lone_surrogates_unlisted`].
pub const MAX_LONE_SURROGATES: usize = 50;

/// Innermost steps kept in a reported path; outer ones become one [`PathStep::Elided`].
pub const MAX_PATH_STEPS: usize = 8;

/// Characters of a key kept in a reported path or [`Duplicate::key`]; longer keys are cut and
/// end in `…`.
pub const MAX_KEY_CHARS: usize = 64;

/// A JSON value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its exact source text (already validated against the JSON grammar).
    Number(Str),
    /// A string, unescaped. An unpaired UTF-16 surrogate escape becomes U+FFFD and is listed in
    /// [`JsonDoc::lone_surrogates`].
    String(Str),
    /// An array (shared: cloning a value never copies a tree).
    Array(Rc<Vec<Value>>),
    /// An object's members in source order, duplicates included (shared, as arrays are).
    Object(Rc<Vec<(Str, Value)>>),
}

/// The text of a JSON string (unescaped), number or member name: a range of a shared buffer.
/// A parsed document's strings without escapes and its numbers are ranges of one copy of the
/// document's text, so parsing allocates no text per value; cloning never copies. Reads as a
/// `&str` (it derefs to one) and compares, hashes and prints as its text.
#[derive(Clone)]
pub struct Str {
    buf: Rc<str>,
    start: u32,
    end: u32,
}

impl Str {
    /// `buf[start..end]`, shared; a copy when the range does not fit the compact form.
    pub(crate) fn slice(buf: &Rc<str>, start: usize, end: usize) -> Str {
        match (u32::try_from(start), u32::try_from(end)) {
            (Ok(s), Ok(e)) => Str {
                buf: Rc::clone(buf),
                start: s,
                end: e,
            },
            _ => Str::from(buf.get(start..end).unwrap_or_default()),
        }
    }

    /// The text.
    #[inline(always)]
    pub fn as_str(&self) -> &str {
        let range = self.start as usize..self.end as usize;
        self.buf.get(range).unwrap_or_default()
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Str {
        Str {
            end: u32::try_from(s.len()).unwrap_or(0),
            buf: Rc::from(s),
            start: 0,
        }
    }
}

impl From<String> for Str {
    fn from(s: String) -> Str {
        Str::from(s.as_str())
    }
}

impl From<&String> for Str {
    fn from(s: &String) -> Str {
        Str::from(s.as_str())
    }
}

impl Default for Str {
    fn default() -> Str {
        Str::from("")
    }
}

impl Deref for Str {
    type Target = str;
    #[inline(always)]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Str {
    #[inline(always)]
    fn eq(&self, other: &Str) -> bool {
        // Lengths first: most keys of one object differ in length.
        self.end.wrapping_sub(self.start) == other.end.wrapping_sub(other.start)
            && self.as_str() == other.as_str()
    }
}

impl Eq for Str {}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Str {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Str> for str {
    fn eq(&self, other: &Str) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Str> for &str {
    fn eq(&self, other: &Str) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Str> for String {
    fn eq(&self, other: &Str) -> bool {
        self == other.as_str()
    }
}

impl Hash for Str {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The JSON type of a [`Value`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `null`.
    Null,
    /// `true` / `false`.
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

impl Value {
    /// The JSON type.
    pub fn kind(&self) -> Kind {
        match self {
            Value::Null => Kind::Null,
            Value::Bool(_) => Kind::Bool,
            Value::Number(_) => Kind::Number,
            Value::String(_) => Kind::String,
            Value::Array(_) => Kind::Array,
            Value::Object(_) => Kind::Object,
        }
    }

    /// The string, when this is a JSON string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s.as_str()),
            _ => None,
        }
    }

    /// The elements, when this is an array.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The members in order, when this is an object.
    pub fn as_object(&self) -> Option<&[(Str, Value)]> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The value of member `key` of an object. With duplicate keys the **last** occurrence wins,
    /// as in ECMAScript `JSON.parse` (which browsers and most JWT libraries follow).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?
            .iter()
            .rev()
            .find(|(k, _)| k.as_str() == key)
            .map(|(_, v)| v)
    }

    /// Pretty-printed with a 2-space indent (up to [`MAX_INDENT`] spaces); numbers keep their
    /// text, strings are re-escaped.
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        write_value(self, Some(0), &mut out, usize::MAX);
        out
    }

    /// Printed on one line without insignificant whitespace.
    pub fn compact(&self) -> String {
        let mut out = String::new();
        write_value(self, None, &mut out, usize::MAX);
        out
    }

    /// The start of [`Value::compact`]: about `limit` bytes (whole characters, never more), and
    /// whether anything was left out. Stops writing once past the limit, so a huge value costs
    /// no more than its start.
    pub fn compact_prefix(&self, limit: usize) -> (String, bool) {
        let mut out = String::new();
        write_value(self, None, &mut out, limit);
        if out.len() <= limit {
            return (out, false);
        }
        let mut end = limit;
        while !out.is_char_boundary(end) {
            end -= 1;
        }
        out.truncate(end);
        (out, true)
    }
}

/// One step of a [`JsonPath`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathStep {
    /// An object member.
    Key(String),
    /// An array element (0-based).
    Index(usize),
    /// This many outer steps were left out of a reported path (see [`MAX_PATH_STEPS`]).
    Elided(usize),
}

/// Where a value sits in a document, from the root. Displays as `$.a[0]["odd key"]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JsonPath(pub Vec<PathStep>);

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("$")?;
        for step in &self.0 {
            match step {
                PathStep::Index(i) => write!(f, "[{i}]")?,
                PathStep::Elided(n) => write!(f, "…({n} levels)…")?,
                PathStep::Key(k) if is_identifier(k) => write!(f, ".{k}")?,
                PathStep::Key(k) => {
                    let mut quoted = String::new();
                    write_string(k, &mut quoted);
                    write!(f, "[{quoted}]")?;
                }
            }
        }
        Ok(())
    }
}

fn is_identifier(key: &str) -> bool {
    let mut chars = key.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A key that occurs more than once in the same object, reported once however often it repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// Path of the repeated member (the object's path plus the key), at most
    /// [`MAX_PATH_STEPS`] steps with keys cut to [`MAX_KEY_CHARS`] (see [`bounded_path`]).
    pub path: JsonPath,
    /// The repeated key, cut to [`MAX_KEY_CHARS`] characters (then ending in `…`).
    pub key: String,
    /// 0-based member position of the first occurrence within its object.
    pub first_member: usize,
    /// 0-based member position of the first later occurrence.
    pub member: usize,
    /// How many later occurrences there are (1 for a key written twice).
    pub repeats: usize,
}

/// A parsed JSON text with what was noticed while parsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonDoc {
    /// The tree.
    pub value: Value,
    /// Each repeated key once per object, in source order, at most [`MAX_DUPLICATES`].
    pub duplicates: Vec<Duplicate>,
    /// Repeated keys (distinct per object) beyond [`MAX_DUPLICATES`], not listed.
    pub duplicates_unlisted: usize,
    /// Paths of strings (or keys) where an unpaired surrogate escape was replaced by U+FFFD, at
    /// most [`MAX_LONE_SURROGATES`].
    pub lone_surrogates: Vec<JsonPath>,
    /// Such strings beyond [`MAX_LONE_SURROGATES`], not listed.
    pub lone_surrogates_unlisted: usize,
}

/// `steps` as a reported path: the innermost [`MAX_PATH_STEPS`] steps, keys cut to
/// [`MAX_KEY_CHARS`] characters, preceded by [`PathStep::Elided`] when outer steps were left
/// out. Work and size are bounded whatever the depth or key lengths.
pub fn bounded_path(steps: &[PathStep]) -> JsonPath {
    let cut = steps.len().saturating_sub(MAX_PATH_STEPS);
    let mut out = Vec::with_capacity(MAX_PATH_STEPS + 1);
    if cut > 0 {
        out.push(PathStep::Elided(cut));
    }
    out.extend(steps.iter().skip(cut).map(|step| match step {
        PathStep::Key(k) => PathStep::Key(bounded_key(k)),
        other => other.clone(),
    }));
    JsonPath(out)
}

/// `key` cut to [`MAX_KEY_CHARS`] characters, ending in `…` when it was cut.
fn bounded_key(key: &str) -> String {
    match key.char_indices().nth(MAX_KEY_CHARS) {
        Some((at, _)) => format!("{}…", key.get(..at).unwrap_or("")),
        None => key.to_owned(),
    }
}

/// Checks that `text` is one JSON text, exactly as [`JsonDoc::parse`] would, without building
/// the tree (for a yes/no on a large payload, in time and memory proportional to its depth).
pub fn validate(text: &str) -> Result<(), JsonError> {
    let mut p = Parser::new(text, false);
    p.skip_ws();
    p.value(0)?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.unexpected(Expected::EndOfInput));
    }
    Ok(())
}

impl JsonDoc {
    /// Parses one JSON text (RFC 8259 §2: optional whitespace around exactly one value).
    pub fn parse(text: &str) -> Result<JsonDoc, JsonError> {
        let mut p = Parser::new(text, true);
        p.skip_ws();
        let value = p.value(0)?;
        p.skip_ws();
        if p.pos < p.bytes.len() {
            return Err(p.unexpected(Expected::EndOfInput));
        }
        Ok(JsonDoc {
            value,
            duplicates: p.duplicates,
            duplicates_unlisted: p.duplicates_unlisted,
            lone_surrogates: p.lone_surrogates,
            lone_surrogates_unlisted: p.lone_surrogates_unlisted,
        })
    }

    /// The value pretty-printed (see [`Value::pretty`]).
    pub fn pretty(&self) -> String {
        self.value.pretty()
    }
}

/// Why a text is not JSON. `at` is a 0-based character index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonError {
    /// Found `found` (or the end of the text, `None`) where `expected` was required.
    Unexpected {
        /// 0-based character index.
        at: usize,
        /// The character found, or `None` at the end of the text.
        found: Option<char>,
        /// What the grammar required there.
        expected: Expected,
    },
    /// An array or object at `at` would nest deeper than `limit`.
    TooDeep {
        /// 0-based character index of the opening bracket.
        at: usize,
        /// The nesting limit ([`MAX_DEPTH`]).
        limit: usize,
    },
    /// A raw control character inside a string (RFC 8259 §7 requires it escaped).
    ControlCharacterInString {
        /// 0-based character index.
        at: usize,
        /// The control character.
        ch: char,
    },
}

/// What the JSON grammar required at an error position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// Any value.
    Value,
    /// A member name (a string).
    Key,
    /// `:` after a member name.
    Colon,
    /// `,` or `}`.
    CommaOrObjectEnd,
    /// `,` or `]`.
    CommaOrArrayEnd,
    /// A decimal digit (in a number).
    Digit,
    /// A hexadecimal digit (in a `\u` escape).
    HexDigit,
    /// One of `"` `\` `/` `b` `f` `n` `r` `t` `u` after a backslash.
    Escape,
    /// The closing `"` of a string.
    ClosingQuote,
    /// The rest of the literal `true`, `false` or `null`.
    Literal(&'static str),
    /// Nothing more (only whitespace may follow the value).
    EndOfInput,
}

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    /// A shared copy of `src` (empty when only validating): strings without escapes and
    /// numbers are ranges of it.
    buf: Rc<str>,
    pos: usize,
    /// Where the parser is: member names and array indices from the root.
    path: Vec<Step>,
    duplicates: Vec<Duplicate>,
    duplicates_unlisted: usize,
    lone_surrogates: Vec<JsonPath>,
    lone_surrogates_unlisted: usize,
    /// False when only checking the grammar ([`validate`]): no tree, no duplicate bookkeeping.
    keep: bool,
}

/// One step of the parser's current path (a [`PathStep`] without a copy of the key).
enum Step {
    Key(Str),
    Index(usize),
}

/// Members of one object searched linearly for a repeated name; beyond this, through a map.
const LINEAR_KEYS: usize = 16;

/// What is known about a key already seen in the object being parsed.
struct Seen {
    first_member: usize,
    /// Where its [`Duplicate`] is listed, once it has repeated and was listed.
    listed: Option<usize>,
    /// It repeated (listed or counted as unlisted).
    repeated: bool,
}

impl Seen {
    fn new(first_member: usize) -> Seen {
        Seen {
            first_member,
            listed: None,
            repeated: false,
        }
    }
}

impl<'a> Parser<'a> {
    fn new(text: &'a str, keep: bool) -> Parser<'a> {
        Parser {
            src: text,
            bytes: text.as_bytes(),
            buf: Rc::from(if keep { text } else { "" }),
            pos: 0,
            path: Vec::new(),
            duplicates: Vec::new(),
            duplicates_unlisted: 0,
            lone_surrogates: Vec::new(),
            lone_surrogates_unlisted: 0,
            keep,
        }
    }
}

impl Parser<'_> {
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn char_index(&self, byte_pos: usize) -> usize {
        self.src
            .get(..byte_pos)
            .map_or(byte_pos, |s| s.chars().count())
    }

    fn unexpected_at(&self, byte_pos: usize, expected: Expected) -> JsonError {
        JsonError::Unexpected {
            at: self.char_index(byte_pos),
            found: self.src.get(byte_pos..).and_then(|s| s.chars().next()),
            expected,
        }
    }

    fn unexpected(&self, expected: Expected) -> JsonError {
        self.unexpected_at(self.pos, expected)
    }

    #[inline]
    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, JsonError> {
        match self.peek() {
            Some(b'{') | Some(b'[') if depth >= MAX_DEPTH => Err(JsonError::TooDeep {
                at: self.char_index(self.pos),
                limit: MAX_DEPTH,
            }),
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => Ok(self.string()?.map_or(Value::Null, Value::String)),
            Some(b't') => self.literal("true").map(|()| Value::Bool(true)),
            Some(b'f') => self.literal("false").map(|()| Value::Bool(false)),
            Some(b'n') => self.literal("null").map(|()| Value::Null),
            Some(b'-' | b'0'..=b'9') => {
                let start = self.pos;
                self.number()?;
                Ok(match self.keep {
                    true => Value::Number(Str::slice(&self.buf, start, self.pos)),
                    false => Value::Null,
                })
            }
            _ => Err(self.unexpected(Expected::Value)),
        }
    }

    fn literal(&mut self, word: &'static str) -> Result<(), JsonError> {
        for &expected in word.as_bytes() {
            if self.peek() != Some(expected) {
                return Err(self.unexpected(Expected::Literal(word)));
            }
            self.pos += 1;
        }
        Ok(())
    }

    fn digits(&mut self) -> Result<(), JsonError> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(self.unexpected(Expected::Digit));
        }
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        Ok(())
    }

    fn number(&mut self) -> Result<(), JsonError> {
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            _ => self.digits()?,
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            self.digits()?;
        }
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut n = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return Err(self.unexpected(Expected::HexDigit)),
            };
            n = (n << 4) | u32::from(d);
            self.pos += 1;
        }
        Ok(n)
    }

    /// Parses a string starting at its opening quote: a range of the shared text when it has
    /// no escapes, else unescaped into its own buffer; `None` when only validating.
    fn string(&mut self) -> Result<Option<Str>, JsonError> {
        let start = self.pos;
        let (escaped, lone_surrogate) = self.scan_string(None)?;
        if lone_surrogate {
            self.note_lone_surrogate();
        }
        if !self.keep {
            return Ok(None);
        }
        if !escaped {
            // Inside the quotes (ASCII, so both ends are char boundaries).
            return Ok(Some(Str::slice(&self.buf, start + 1, self.pos - 1)));
        }
        // Valid (just scanned): a second pass unescapes it.
        let end = self.pos;
        self.pos = start;
        let mut out = String::new();
        self.scan_string(Some(&mut out))?;
        self.pos = end;
        Ok(Some(Str::from(out)))
    }

    /// Scans a string from its opening quote to past its closing quote, appending its unescaped
    /// text to `out` when given. Returns whether it had escapes and whether one of them was an
    /// unpaired surrogate (then U+FFFD).
    fn scan_string(&mut self, mut out: Option<&mut String>) -> Result<(bool, bool), JsonError> {
        self.pos += 1;
        let mut escaped = false;
        let mut lone_surrogate = false;
        loop {
            let run_start = self.pos;
            self.pos += plain_run(self.bytes.get(run_start..).unwrap_or_default());
            // The run stops only at ASCII bytes or the end, so both ends are char boundaries.
            if let Some(out) = out.as_deref_mut() {
                out.push_str(self.src.get(run_start..self.pos).unwrap_or_default());
            }
            match self.peek() {
                None => return Err(self.unexpected(Expected::ClosingQuote)),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok((escaped, lone_surrogate));
                }
                Some(b'\\') => {
                    escaped = true;
                    self.pos += 1;
                    let esc = self.peek();
                    let simple = match esc {
                        Some(b'"') => Some('"'),
                        Some(b'\\') => Some('\\'),
                        Some(b'/') => Some('/'),
                        Some(b'b') => Some('\u{8}'),
                        Some(b'f') => Some('\u{c}'),
                        Some(b'n') => Some('\n'),
                        Some(b'r') => Some('\r'),
                        Some(b't') => Some('\t'),
                        Some(b'u') => None,
                        _ => return Err(self.unexpected(Expected::Escape)),
                    };
                    self.pos += 1;
                    let c = match simple {
                        Some(c) => c,
                        None => {
                            let unit = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&unit) {
                                self.low_surrogate_after(unit)
                            } else {
                                char::from_u32(unit)
                            };
                            c.unwrap_or_else(|| {
                                lone_surrogate = true;
                                '\u{FFFD}'
                            })
                        }
                    };
                    if let Some(out) = out.as_deref_mut() {
                        out.push(c);
                    }
                }
                Some(b) => {
                    return Err(JsonError::ControlCharacterInString {
                        at: self.char_index(self.pos),
                        ch: char::from(b),
                    })
                }
            }
        }
    }

    /// After a high surrogate, consumes a following `\uDC00`–`\uDFFF` escape if there is one.
    fn low_surrogate_after(&mut self, high: u32) -> Option<char> {
        let rest = self.bytes.get(self.pos..)?;
        if !rest.starts_with(b"\\u") {
            return None;
        }
        let save = self.pos;
        self.pos += 2;
        match self.hex4() {
            Ok(low) if (0xDC00..0xE000).contains(&low) => {
                char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            }
            // Not a low surrogate: leave it to be parsed as its own escape.
            _ => {
                self.pos = save;
                None
            }
        }
    }

    /// The current path, plus `key` when given, as [`bounded_path`] reports it.
    fn reported_path(&self, key: Option<&str>) -> JsonPath {
        let total = self.path.len() + usize::from(key.is_some());
        let cut = total.saturating_sub(MAX_PATH_STEPS);
        let mut out = Vec::with_capacity(MAX_PATH_STEPS + 1);
        if cut > 0 {
            out.push(PathStep::Elided(cut));
        }
        out.extend(self.path.iter().skip(cut).map(|step| match step {
            Step::Key(k) => PathStep::Key(bounded_key(k)),
            Step::Index(i) => PathStep::Index(*i),
        }));
        out.extend(key.map(|k| PathStep::Key(bounded_key(k))));
        JsonPath(out)
    }

    fn note_lone_surrogate(&mut self) {
        if self.lone_surrogates.len() < MAX_LONE_SURROGATES {
            self.lone_surrogates.push(self.reported_path(None));
        } else {
            self.lone_surrogates_unlisted += 1;
        }
    }

    /// Records that `key` (member `member`) repeats a key seen before in this object: listed
    /// once per object, later repeats only counted, so the work and the report stay
    /// proportional to the input.
    fn note_duplicate(&mut self, seen: &mut Seen, key: &str, member: usize) {
        if let Some(d) = seen.listed.and_then(|i| self.duplicates.get_mut(i)) {
            d.repeats += 1;
            return;
        }
        if seen.repeated {
            return;
        }
        seen.repeated = true;
        if self.duplicates.len() >= MAX_DUPLICATES {
            self.duplicates_unlisted += 1;
            return;
        }
        seen.listed = Some(self.duplicates.len());
        self.duplicates.push(Duplicate {
            path: self.reported_path(Some(key)),
            key: bounded_key(key),
            first_member: seen.first_member,
            member,
            repeats: 1,
        });
    }

    fn object(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.pos += 1;
        let mut members: Vec<(Str, Value)> = Vec::new();
        // While the object is small, a repeated name is found by a linear search of `members`
        // (no hashing, no copy of the name) and only repeated names have an entry here; past
        // [`LINEAR_KEYS`] members, every distinct name has one, found through `index`.
        let mut seen: Vec<Seen> = Vec::new();
        let mut index: Option<HashMap<String, usize>> = None;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(Rc::new(members)));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.unexpected(Expected::Key));
            }
            let key = self.string()?;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.unexpected(Expected::Colon));
            }
            self.pos += 1;
            self.skip_ws();
            let Some(key) = key else {
                self.value(depth)?;
                self.skip_ws();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b'}') => {
                        self.pos += 1;
                        return Ok(Value::Null);
                    }
                    _ => return Err(self.unexpected(Expected::CommaOrObjectEnd)),
                }
                continue;
            };
            // The key lives on the path while its value is parsed (no copy), then in `members`.
            self.path.push(Step::Key(key));
            let value = self.value(depth);
            let key = match self.path.pop() {
                Some(Step::Key(key)) => key,
                _ => Str::default(),
            };
            let value = value?;
            let member = members.len();
            let found = match &index {
                Some(map) => map.get(key.as_str()).copied(),
                None => members.iter().position(|(k, _)| *k == key).map(|first| {
                    let known = seen.iter().position(|s| s.first_member == first);
                    known.unwrap_or_else(|| {
                        seen.push(Seen::new(first));
                        seen.len() - 1
                    })
                }),
            };
            match found.and_then(|i| seen.get_mut(i)) {
                Some(entry) => self.note_duplicate(entry, &key, member),
                None => {
                    if let Some(map) = &mut index {
                        seen.push(Seen::new(member));
                        map.insert(key.to_string(), seen.len() - 1);
                    } else if member >= LINEAR_KEYS {
                        let mut repeated = std::mem::take(&mut seen);
                        let mut map = HashMap::new();
                        let names = members.iter().map(|(k, _)| k);
                        for (i, k) in names.chain([&key]).enumerate() {
                            if !map.contains_key(k.as_str()) {
                                let had = repeated.iter().position(|s| s.first_member == i);
                                let entry = had.map(|p| repeated.swap_remove(p));
                                seen.push(entry.unwrap_or_else(|| Seen::new(i)));
                                map.insert(k.to_string(), seen.len() - 1);
                            }
                        }
                        index = Some(map);
                    }
                }
            }
            members.push((key, value));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(Rc::new(members)));
                }
                _ => return Err(self.unexpected(Expected::CommaOrObjectEnd)),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(Rc::new(items)));
        }
        loop {
            self.skip_ws();
            if self.keep {
                self.path.push(Step::Index(items.len()));
                let item = self.value(depth);
                self.path.pop();
                items.push(item?);
            } else {
                self.value(depth)?;
            }
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(Rc::new(items)));
                }
                _ => return Err(self.unexpected(Expected::CommaOrArrayEnd)),
            }
        }
    }
}

/// How many bytes of `bytes` come before the first `"`, `\\` or control character: eight at a
/// time (SWAR: a byte's high bit is set in `found` where it matches; borrows only reach bytes
/// above a true match, so the lowest set bit is the first match), then one at a time.
fn plain_run(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero_in = |v: u64| v.wrapping_sub(ONES) & !v;
    let mut chunks = bytes.chunks_exact(8);
    let mut n = 0;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([b'"'; 8]));
        let below_space = x.wrapping_sub(ONES * 0x20) & !x;
        let found = (zero_in(x ^ (ONES * 0x22)) | zero_in(x ^ (ONES * 0x5C)) | below_space) & HIGHS;
        if found != 0 {
            return n + (found.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    let rest = chunks.remainder();
    n + rest
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .unwrap_or(rest.len())
}

/// Appends `[["a","b"],["c","d"]]`: name/value pairs as an array of two-string arrays (the form
/// share links and kept settings store the gateway form in).
pub fn write_string_pairs<'a>(
    pairs: &mut dyn Iterator<Item = (&'a str, &'a str)>,
    out: &mut String,
) {
    out.push('[');
    for (i, (name, value)) in pairs.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        write_string(name, out);
        out.push(',');
        write_string(value, out);
        out.push(']');
    }
    out.push(']');
}

/// Appends `s` as a JSON string literal: `"` and `\` escaped, control characters as short
/// escapes or `\u00XX`, everything else (including non-ASCII) as is.
pub fn write_string(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(s.len() + 2);
    out.push('"');
    // Runs of bytes that need no escape are copied whole (every byte of a multi-byte character
    // is one of them); an escaped byte is ASCII, so the runs end on character boundaries.
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "\\u00",
            _ => continue,
        };
        out.push_str(s.get(run..i).unwrap_or_default());
        out.push_str(escape);
        if escape == "\\u00" {
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
        run = i + 1;
    }
    out.push_str(s.get(run..).unwrap_or_default());
    out.push('"');
}

/// Deepest indent written, in spaces (32 levels): deeper levels stay at this column, so a
/// hostile 1,000-level document prints in linear size instead of growing every line.
pub const MAX_INDENT: usize = 64;

fn newline(indent: Option<usize>, out: &mut String) {
    const SPACES: &str = "                                                                ";
    if let Some(n) = indent {
        out.push('\n');
        out.push_str(SPACES.get(..n.min(MAX_INDENT)).unwrap_or(SPACES));
    }
}

/// `indent`: `Some(level)` pretty-prints at that indentation, `None` prints compactly. Stops
/// early once `out` is longer than `limit` bytes.
fn write_value(v: &Value, indent: Option<usize>, out: &mut String, limit: usize) {
    if out.len() > limit {
        return;
    }
    let inner = indent.map(|n| n.saturating_add(2));
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(n),
        Value::String(s) => write_string(s, out),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(inner, out);
                write_value(item, inner, out, limit);
                if out.len() > limit {
                    return;
                }
            }
            newline(indent, out);
            out.push(']');
        }
        Value::Object(members) if members.is_empty() => out.push_str("{}"),
        Value::Object(members) => {
            out.push('{');
            for (i, (k, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(inner, out);
                write_string(k, out);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write_value(item, inner, out, limit);
                if out.len() > limit {
                    return;
                }
            }
            newline(indent, out);
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The writer before runs were copied whole: character by character.
    fn write_string_by_chars(s: &str, out: &mut String) {
        out.push('"');
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
                c => out.push(c),
            }
        }
        out.push('"');
    }

    #[test]
    fn strings_are_written_as_the_character_writer_wrote_them() {
        let every_ascii: String = (0u8..0x80).map(char::from).collect();
        for s in [
            String::new(),
            every_ascii.clone(),
            format!("é\u{0}€\"𝄞\\{every_ascii}\u{7f}\u{85}\u{2028}end"),
            "\u{1f}\u{1f}".to_owned(),
            "plain".repeat(1000),
        ] {
            let (mut fast, mut slow) = (String::from("x"), String::from("x"));
            write_string(&s, &mut fast);
            write_string_by_chars(&s, &mut slow);
            assert_eq!(fast, slow);
        }
    }

    fn parse(text: &str) -> JsonDoc {
        match JsonDoc::parse(text) {
            Ok(d) => d,
            Err(e) => panic!("{text:?} should parse: {e:?}"),
        }
    }

    #[test]
    fn numbers_keep_their_exact_text() {
        let doc = parse("[12345678901234567890123, 3.0, 1e3, -0, 1.5E-7]");
        assert_eq!(
            doc.value.compact(),
            "[12345678901234567890123,3.0,1e3,-0,1.5E-7]"
        );
    }

    #[test]
    fn members_keep_their_order() {
        let doc = parse(r#"{"z":1,"a":2,"m":3}"#);
        let keys: Vec<&str> = doc
            .value
            .as_object()
            .unwrap_or_default()
            .iter()
            .map(|(k, _)| k.as_str())
            .collect();
        assert_eq!(keys, ["z", "a", "m"]);
    }

    #[test]
    fn duplicate_keys_are_reported_with_path_and_last_one_wins() {
        let doc = parse(r#"{"a":{"b":1,"c":2,"b":3},"a":4}"#);
        assert_eq!(
            doc.duplicates,
            vec![
                Duplicate {
                    path: JsonPath(vec![PathStep::Key("a".into()), PathStep::Key("b".into())]),
                    key: "b".into(),
                    first_member: 0,
                    member: 2,
                    repeats: 1,
                },
                Duplicate {
                    path: JsonPath(vec![PathStep::Key("a".into())]),
                    key: "a".into(),
                    first_member: 0,
                    member: 1,
                    repeats: 1,
                },
            ]
        );
        assert_eq!(doc.value.get("a"), Some(&Value::Number("4".into())));
        assert_eq!(doc.duplicates[0].path.to_string(), "$.a.b");
    }

    /// Each reported duplicate as (key, first member, member, repeats).
    fn repeated(doc: &JsonDoc) -> Vec<(&str, usize, usize, usize)> {
        doc.duplicates
            .iter()
            .map(|d| (d.key.as_str(), d.first_member, d.member, d.repeats))
            .collect()
    }

    #[test]
    fn string_pairs_are_written_as_an_array_of_two_string_arrays() {
        let mut out = String::new();
        write_string_pairs(&mut [("a", "b"), ("c\"", "d\n")].into_iter(), &mut out);
        assert_eq!(out, r#"[["a","b"],["c\"","d\n"]]"#);
        let mut empty = String::new();
        write_string_pairs(&mut std::iter::empty(), &mut empty);
        assert_eq!(empty, "[]");
    }

    #[test]
    fn duplicates_are_found_in_large_objects_as_in_small_ones() {
        let keys: Vec<String> = (0..40).map(|i| format!("\"k{i}\":{i}")).collect();
        // k3 repeats before the object grows past the linear search, k30 after it.
        let text = format!("{{{},\"k3\":0,\"k30\":0,\"k3\":1}}", keys.join(","));
        assert_eq!(
            repeated(&parse(&text)),
            [("k3", 3, 40, 2), ("k30", 30, 41, 1)]
        );
    }

    #[test]
    fn a_key_repeated_before_and_after_an_object_grows_large_is_one_duplicate() {
        let keys: Vec<String> = (0..30).map(|i| format!("\"k{i}\":{i}")).collect();
        let text = format!("{{\"a\":1,\"a\":2,{},\"a\":3}}", keys.join(","));
        let doc = parse(&text);
        assert_eq!(repeated(&doc), [("a", 0, 1, 2)]);
        assert_eq!(doc.value.get("a"), Some(&Value::Number("3".into())));
    }

    #[test]
    fn paths_display_odd_keys_quoted_and_indices_in_brackets() {
        let p = JsonPath(vec![
            PathStep::Key("http://x".into()),
            PathStep::Index(3),
            PathStep::Key("ok_1".into()),
        ]);
        assert_eq!(p.to_string(), r#"$["http://x"][3].ok_1"#);
    }

    #[test]
    fn a_plain_run_stops_at_the_first_quote_backslash_or_control_character() {
        let text = "abcdefgh\u{e9}ijklmnop\u{1F600}qrstuvwxyz0123456789";
        for stop in ["\"", "\\", "\u{0}", "\u{1f}", "\n"] {
            for at in 0..=text.len() {
                if !text.is_char_boundary(at) {
                    continue;
                }
                let probe = format!("{}{stop}{}", &text[..at], &text[at..]);
                assert_eq!(plain_run(probe.as_bytes()), at, "{stop:?} at {at}");
            }
        }
        assert_eq!(plain_run(text.as_bytes()), text.len());
        assert_eq!(plain_run(b" !#[]~\x7f\x80\xff"), 9);
    }

    #[test]
    fn escapes_are_unescaped_and_surrogate_pairs_combined() {
        let doc = parse(r#""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#);
        assert_eq!(doc.value, Value::String("a\"\\/\u{8}\u{c}\n\r\té😀".into()));
        assert!(doc.lone_surrogates.is_empty());
    }

    #[test]
    fn lone_surrogates_become_replacement_characters_and_are_listed() {
        let doc = parse(r#"{"k":["\ud800x","\udc00","\ud800\u0041"]}"#);
        let items = doc
            .value
            .get("k")
            .and_then(Value::as_array)
            .unwrap_or_default();
        assert_eq!(items[0], Value::String("\u{FFFD}x".into()));
        assert_eq!(items[1], Value::String("\u{FFFD}".into()));
        assert_eq!(items[2], Value::String("\u{FFFD}A".into()));
        assert_eq!(doc.lone_surrogates.len(), 3);
        assert_eq!(doc.lone_surrogates[0].to_string(), "$.k[0]");
    }

    #[test]
    fn errors_carry_char_position_found_and_expected() {
        assert_eq!(
            JsonDoc::parse(r#"{"é":1 "b":2}"#),
            Err(JsonError::Unexpected {
                at: 7,
                found: Some('"'),
                expected: Expected::CommaOrObjectEnd
            })
        );
        assert_eq!(
            JsonDoc::parse(r#"{"a" 1}"#),
            Err(JsonError::Unexpected {
                at: 5,
                found: Some('1'),
                expected: Expected::Colon
            })
        );
        assert_eq!(
            JsonDoc::parse(r#"{"a":1,}"#),
            Err(JsonError::Unexpected {
                at: 7,
                found: Some('}'),
                expected: Expected::Key
            })
        );
        assert_eq!(
            JsonDoc::parse("[1.]"),
            Err(JsonError::Unexpected {
                at: 3,
                found: Some(']'),
                expected: Expected::Digit
            })
        );
        assert_eq!(
            JsonDoc::parse("tru"),
            Err(JsonError::Unexpected {
                at: 3,
                found: None,
                expected: Expected::Literal("true")
            })
        );
        assert_eq!(
            JsonDoc::parse("1 2"),
            Err(JsonError::Unexpected {
                at: 2,
                found: Some('2'),
                expected: Expected::EndOfInput
            })
        );
        assert_eq!(
            JsonDoc::parse(""),
            Err(JsonError::Unexpected {
                at: 0,
                found: None,
                expected: Expected::Value
            })
        );
        assert_eq!(
            JsonDoc::parse("\"a\u{1}\""),
            Err(JsonError::ControlCharacterInString { at: 2, ch: '\u{1}' })
        );
        assert_eq!(
            JsonDoc::parse(r#""\x""#),
            Err(JsonError::Unexpected {
                at: 2,
                found: Some('x'),
                expected: Expected::Escape
            })
        );
        assert_eq!(
            JsonDoc::parse(r#""\u12g4""#),
            Err(JsonError::Unexpected {
                at: 5,
                found: Some('g'),
                expected: Expected::HexDigit
            })
        );
    }

    #[test]
    fn leading_zeros_and_bare_signs_are_rejected() {
        assert!(JsonDoc::parse("01").is_err());
        assert!(JsonDoc::parse("-").is_err());
        assert!(JsonDoc::parse("+1").is_err());
        assert!(JsonDoc::parse("1e").is_err());
        assert!(JsonDoc::parse(".5").is_err());
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_an_error_not_a_crash() {
        let ok_text = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(JsonDoc::parse(&ok_text).is_ok());
        let deep = "[".repeat(100_000);
        assert_eq!(
            JsonDoc::parse(&deep),
            Err(JsonError::TooDeep {
                at: MAX_DEPTH,
                limit: MAX_DEPTH
            })
        );
    }

    #[test]
    fn pretty_printing_uses_two_spaces_and_re_escapes_strings() {
        let doc = parse(r#"{"a":[1,{"b":"x\"y\n\u0001"}],"e":{},"f":[]}"#);
        let expected = "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"x\\\"y\\n\\u0001\"\n    }\n  ],\n  \"e\": {},\n  \"f\": []\n}";
        assert_eq!(doc.pretty(), expected);
        assert_eq!(parse(&doc.pretty()).value, doc.value);
    }

    #[test]
    fn deep_documents_stop_indenting_at_the_cap_and_still_read_back_the_same() {
        let depth = MAX_DEPTH;
        let text = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let doc = parse(&text);
        let pretty = doc.pretty();
        let widest = pretty.lines().map(|l| l.len() - l.trim_start().len()).max();
        assert_eq!(widest, Some(MAX_INDENT));
        // Linear: about a line per bracket, none wider than the cap plus a bracket.
        assert!(pretty.len() <= (2 * depth + 1) * (MAX_INDENT + 2));
        assert_eq!(parse(&pretty).value, doc.value);
    }

    #[test]
    fn validating_agrees_with_parsing_on_every_kind_of_text() {
        let deep_ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        let too_deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        let texts = [
            r#"{"a":[1,{"b":"x\"y\n\u0001"}],"e":{},"f":[]}"#,
            r#"{"dup":1,"dup":2}"#,
            r#"{"a":1,}"#,
            r#"[1,2"#,
            r#"{"a" 1}"#,
            r#"{"a":1} x"#,
            r#""\ud800""#,
            "\"raw\u{1}control\"",
            "01",
            "-",
            "1e5",
            " true ",
            "nul",
            "",
            "{}",
            "[]",
            &deep_ok,
            &too_deep,
        ];
        for text in texts {
            assert_eq!(
                validate(text),
                JsonDoc::parse(text).map(|_| ()),
                "{text:.40}"
            );
        }
    }

    #[test]
    fn a_compact_prefix_is_the_start_of_the_compact_text_and_says_when_it_was_cut() {
        let doc = parse(r#"{"a":["é","long string here",{"b":[1,2,3]}],"c":true}"#);
        let whole = doc.value.compact();
        assert_eq!(
            doc.value.compact_prefix(whole.len()),
            (whole.clone(), false)
        );
        for limit in 0..whole.len() {
            let (start, cut) = doc.value.compact_prefix(limit);
            assert!(cut, "{limit}");
            assert!(
                start.len() <= limit && whole.starts_with(&start),
                "{limit}: {start}"
            );
        }
    }
}
