//! JOSE decoding without verification: compact JWS/JWE split, base64url, JSON kept exactly as
//! issued, and the registered header parameters and claims read into three-state fields.
//!
//! Owns turning one candidate token string into an [`UnverifiedJwt`] or [`UnverifiedJwe`].
//! Must not verify signatures, read a clock, fetch anything or produce user-facing prose (that
//! lives in `explain::decode`). Never panics on input: every problem is a value.
//!
//! - [`b64`]: base64url with precise error positions and tolerated quirks.
//! - [`json`]: a small, depth-limited JSON parser and pretty printer that keeps number text,
//!   key order and duplicate keys.
//! - [`header`]: JOSE header parameters (RFC 7515 §4.1, RFC 7516 §4.1).
//! - [`claims`]: registered JWT claims (RFC 7519 §4.1) and `NumericDate`.
//! - [`token`]: the compact serialization split and [`parse_unverified`].

pub mod b64;
pub mod claims;
pub mod header;
pub mod json;
pub mod jwk;
pub mod token;

pub use claims::{time_claims, Audience, Claims, DateProblem, NumericDate, TimeClaim};
pub use header::{Alg, Header};
pub use json::{Duplicate, JsonDoc, JsonError, JsonPath, Kind, Str, Value};
pub use token::{
    parse_unverified, Parsed, Payload, Quirk, Segment, SegmentError, SegmentErrorKind,
    StructureError, UnverifiedJwe, UnverifiedJwt,
};

/// One header parameter or claim in one of three states, so that "missing" and "present but of
/// the wrong JSON type" are never confused.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Field<T> {
    /// The member does not occur.
    #[default]
    Absent,
    /// The member occurs but its JSON value has the wrong type or range; the raw value is kept.
    Malformed(Value),
    /// The member occurs with a usable value.
    Present(T),
}

impl<T> Field<T> {
    /// The value when [`Field::Present`].
    pub fn present(&self) -> Option<&T> {
        match self {
            Field::Present(v) => Some(v),
            _ => None,
        }
    }

    /// The raw JSON value when [`Field::Malformed`].
    pub fn malformed(&self) -> Option<&Value> {
        match self {
            Field::Malformed(v) => Some(v),
            _ => None,
        }
    }

    /// True when the member does not occur.
    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }
}

/// The JSON type a registered member should have; used to explain a [`Field::Malformed`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpectedType {
    /// A JSON string.
    String,
    /// A JSON array of strings.
    ArrayOfStrings,
    /// A JSON string or an array of strings (`aud`, RFC 7519 §4.1.3).
    StringOrArrayOfStrings,
    /// A JSON object (`jwk`).
    Object,
    /// A JSON boolean (`b64`, RFC 7797 §3).
    Bool,
    /// A non-negative JSON number of seconds (RFC 7519 §2 "NumericDate").
    NumericDate,
}
