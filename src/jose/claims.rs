//! Registered JWT claims (RFC 7519 §4.1) plus OpenID Connect's `auth_time`, read from a JSON
//! payload into three-state [`Field`]s; every other claim is kept raw and in order.
//!
//! Owns the reading of claim values, including `NumericDate` from its exact number text (never
//! through `f64`, so nothing is rounded). Must not compare times with a clock or decide whether
//! a token is valid: that is `diagnose`'s job.

use std::rc::Rc;

use super::header::{last_values, read, string, strings};
use super::json::{Kind, Str, Value};
use super::{ExpectedType, Field};

/// Seconds above which a `NumericDate` more plausibly counts milliseconds: 10^11 s is
/// 5138-11-16 as seconds but 1973-03-03 as milliseconds, so every millisecond timestamp after
/// March 1973 is caught and no plausible seconds value is.
pub const MILLIS_THRESHOLD: i64 = 100_000_000_000;

/// A `NumericDate` (RFC 7519 §2): seconds since the epoch, fractions allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumericDate {
    /// The number exactly as written in the token.
    pub raw: String,
    /// Whole seconds, rounded down (fractions are allowed by RFC 7519 §2).
    pub secs: i64,
    /// True when a non-zero fractional part was dropped to get `secs`.
    pub fractional: bool,
    /// True when `secs` exceeds [`MILLIS_THRESHOLD`]: probably milliseconds, not seconds.
    pub looks_like_milliseconds: bool,
}

/// Why a claim value is not a usable `NumericDate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// The value is not a JSON number but this kind (a quoted `"1700000000"` is a string).
    NotANumber(Kind),
    /// The number is below zero.
    Negative,
    /// The number does not fit in 64-bit seconds.
    TooLarge,
    /// The number text does not follow the JSON number grammar (only possible for hand-built
    /// [`Value`]s; parsed documents are validated).
    InvalidNumber,
}

impl NumericDate {
    /// Reads a claim value as a `NumericDate`.
    pub fn from_value(value: &Value) -> Result<NumericDate, DateProblem> {
        match value {
            Value::Number(raw) => NumericDate::from_number_text(raw),
            other => Err(DateProblem::NotANumber(other.kind())),
        }
    }

    /// Reads JSON number text (`1700000000`, `1.7e9`, `1700000000.25`) exactly, by decimal
    /// digit arithmetic, and rounds down to whole seconds.
    pub fn from_number_text(raw: &str) -> Result<NumericDate, DateProblem> {
        let (secs, fractional) = floor_decimal(raw)?;
        Ok(NumericDate {
            raw: raw.to_owned(),
            secs,
            fractional,
            looks_like_milliseconds: secs > MILLIS_THRESHOLD,
        })
    }
}

/// Floors a non-negative JSON number to an `i64`, telling whether a non-zero fraction was cut.
fn floor_decimal(raw: &str) -> Result<(i64, bool), DateProblem> {
    let bytes = raw.as_bytes();
    let mut i = 0;
    let negative = bytes.first() == Some(&b'-');
    if negative {
        i += 1;
    }
    let int_start = i;
    while let Some(b'0'..=b'9') = bytes.get(i) {
        i += 1;
    }
    if i == int_start {
        return Err(DateProblem::InvalidNumber);
    }
    let int_digits = bytes.get(int_start..i).unwrap_or_default();
    let mut frac_digits: &[u8] = &[];
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        let frac_start = i;
        while let Some(b'0'..=b'9') = bytes.get(i) {
            i += 1;
        }
        if i == frac_start {
            return Err(DateProblem::InvalidNumber);
        }
        frac_digits = bytes.get(frac_start..i).unwrap_or_default();
    }
    let frac_len = i64::try_from(frac_digits.len()).unwrap_or(i64::MAX);
    let mut exp: i64 = 0;
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        let exp_negative = match bytes.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let exp_start = i;
        while let Some(&b @ b'0'..=b'9') = bytes.get(i) {
            // Saturate: an exponent beyond ±10^18 is "too large" or "zero" either way.
            exp = exp.saturating_mul(10).saturating_add(i64::from(b - b'0'));
            i += 1;
        }
        if i == exp_start {
            return Err(DateProblem::InvalidNumber);
        }
        if exp_negative {
            exp = -exp;
        }
    }
    if i != bytes.len() {
        return Err(DateProblem::InvalidNumber);
    }

    // value = 0.digits × 10^(len + exp10), with leading zeros stripped.
    let digits = || int_digits.iter().chain(frac_digits).map(|b| b - b'0');
    let Some(start) = digits().position(|d| d != 0) else {
        return Ok((0, false)); // zero, including -0 and 0e999
    };
    if negative {
        return Err(DateProblem::Negative);
    }
    let exp10 = exp.saturating_sub(frac_len);
    let total = int_digits.len() + frac_digits.len();
    let len = i64::try_from(total - start).unwrap_or(i64::MAX);
    let int_len = len.saturating_add(exp10);
    if int_len <= 0 {
        return Ok((0, true));
    }
    if int_len > 19 {
        return Err(DateProblem::TooLarge);
    }
    // The integer part: the significant digits, then zeros when the exponent is larger.
    let mut significant = digits().skip(start);
    let mut secs: i64 = 0;
    for _ in 0..int_len {
        let d = significant.next().unwrap_or(0);
        secs = secs
            .checked_mul(10)
            .and_then(|s| s.checked_add(i64::from(d)))
            .ok_or(DateProblem::TooLarge)?;
    }
    // Whatever digits are left are the fraction.
    let fractional = significant.any(|d| d != 0);
    Ok((secs, fractional))
}

/// The `aud` claim: one string or an array of strings (RFC 7519 §4.1.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// `"aud": "x"`.
    One(String),
    /// `"aud": ["x", "y"]` (possibly empty).
    Many(Vec<String>),
}

impl Audience {
    /// Every audience value, whichever form was used.
    pub fn values(&self) -> &[String] {
        match self {
            Audience::One(s) => std::slice::from_ref(s),
            Audience::Many(v) => v,
        }
    }
}

/// The claims of a JSON payload. For a payload that is JSON but not an object, every field is
/// [`Field::Absent`] and [`Claims::others`] is empty; check the document's kind to tell.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Claims {
    /// `iss`: issuer (RFC 7519 §4.1.1).
    pub iss: Field<String>,
    /// `sub`: subject (RFC 7519 §4.1.2).
    pub sub: Field<String>,
    /// `aud`: audience (RFC 7519 §4.1.3).
    pub aud: Field<Audience>,
    /// `exp`: expiration time (RFC 7519 §4.1.4).
    pub exp: Field<NumericDate>,
    /// `nbf`: not before (RFC 7519 §4.1.5).
    pub nbf: Field<NumericDate>,
    /// `iat`: issued at (RFC 7519 §4.1.6).
    pub iat: Field<NumericDate>,
    /// `jti`: JWT ID (RFC 7519 §4.1.7).
    pub jti: Field<String>,
    /// `auth_time`: when the user authenticated (OpenID Connect Core 1.0 §2).
    pub auth_time: Field<NumericDate>,
    /// Every member, raw, in source order (duplicates included), shared with the payload's
    /// JSON document (reading claims copies nothing).
    members: Rc<Vec<(Str, Value)>>,
}

/// Claim names read into [`Claims`] fields.
pub const REGISTERED: [&str; 8] = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti", "auth_time"];

/// The JSON type a claim read by [`Claims`] must have, or `None` for other names.
pub fn expected_type(name: &str) -> Option<ExpectedType> {
    match name {
        "iss" | "sub" | "jti" => Some(ExpectedType::String),
        "aud" => Some(ExpectedType::StringOrArrayOfStrings),
        "exp" | "nbf" | "iat" | "auth_time" => Some(ExpectedType::NumericDate),
        _ => None,
    }
}

/// Where `name` is in [`REGISTERED`].
fn registered_slot(name: &str) -> Option<usize> {
    Some(match name.as_bytes() {
        b"iss" => 0,
        b"sub" => 1,
        b"aud" => 2,
        b"exp" => 3,
        b"nbf" => 4,
        b"iat" => 5,
        b"jti" => 6,
        b"auth_time" => 7,
        _ => return None,
    })
}

fn date(v: &Value) -> Option<NumericDate> {
    NumericDate::from_value(v).ok()
}

impl Claims {
    /// Reads the claims of a payload value (registered claims from their last occurrence).
    pub fn from_value(v: &Value) -> Claims {
        let Value::Object(members) = v else {
            return Claims::default();
        };
        let [iss, sub, aud, exp, nbf, iat, jti, auth_time] = last_values(members, registered_slot);
        Claims {
            iss: read(iss, string),
            sub: read(sub, string),
            aud: read(aud, |v| match v {
                Value::String(s) => Some(Audience::One(s.to_string())),
                other => strings(other).map(Audience::Many),
            }),
            exp: read(exp, date),
            nbf: read(nbf, date),
            iat: read(iat, date),
            jti: read(jti, string),
            auth_time: read(auth_time, date),
            members: members.clone(),
        }
    }

    /// Every member other than the registered ones ([`REGISTERED`]), raw, in source order
    /// (duplicates included).
    pub fn others(&self) -> impl DoubleEndedIterator<Item = &(Str, Value)> {
        self.members
            .iter()
            .filter(|(k, _)| registered_slot(k).is_none())
    }

    /// Every member, registered or not, raw, in source order (duplicates included).
    pub fn members(&self) -> &[(Str, Value)] {
        &self.members
    }

    /// The one time rule, RFC 7519 §4.1.4: the current time must be *before* `exp`, so a token
    /// is expired from the second `exp` names (`now >= exp + leeway`). Returns `exp` in seconds
    /// when it has passed; `None` when `exp` is absent, malformed, looks like milliseconds, or is
    /// still ahead. Every stage and every gateway profile decides expiry with this.
    pub fn expired_at(&self, now: i64, leeway: i64) -> Option<i64> {
        let exp = self.exp.present().filter(|d| !d.looks_like_milliseconds)?;
        (now >= exp.secs.saturating_add(leeway.max(0))).then_some(exp.secs)
    }

    /// RFC 7519 §4.1.5: the current time must be *after or equal to* `nbf`, so a token is not
    /// yet valid while `now < nbf - leeway`. Returns `nbf` in seconds when that is so.
    pub fn not_yet_valid_until(&self, now: i64, leeway: i64) -> Option<i64> {
        let nbf = self.nbf.present().filter(|d| !d.looks_like_milliseconds)?;
        (nbf.secs > now.saturating_add(leeway.max(0))).then_some(nbf.secs)
    }

    /// Registered claims present with the wrong JSON type or range: name, expected type, value.
    pub fn malformed(&self) -> Vec<(&'static str, ExpectedType, &Value)> {
        let strings = [("iss", &self.iss), ("sub", &self.sub), ("jti", &self.jti)];
        let mut out: Vec<(&'static str, ExpectedType, &Value)> = Vec::new();
        for (name, f) in strings {
            if let Some(v) = f.malformed() {
                out.push((name, ExpectedType::String, v));
            }
        }
        if let Some(v) = self.aud.malformed() {
            out.push(("aud", ExpectedType::StringOrArrayOfStrings, v));
        }
        for (claim, f) in time_claims(self) {
            if let Some(v) = f.malformed() {
                out.push((claim.name(), ExpectedType::NumericDate, v));
            }
        }
        out
    }
}

/// A claim holding a `NumericDate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeClaim {
    /// `exp`.
    Exp,
    /// `nbf`.
    Nbf,
    /// `iat`.
    Iat,
    /// `auth_time`.
    AuthTime,
}

impl TimeClaim {
    /// The claim name as it appears in the token.
    pub fn name(self) -> &'static str {
        match self {
            TimeClaim::Exp => "exp",
            TimeClaim::Nbf => "nbf",
            TimeClaim::Iat => "iat",
            TimeClaim::AuthTime => "auth_time",
        }
    }
}

/// The time claims in display order (`iat`, `auth_time`, `nbf`, `exp`), absent ones included.
pub fn time_claims(claims: &Claims) -> [(TimeClaim, &Field<NumericDate>); 4] {
    [
        (TimeClaim::Iat, &claims.iat),
        (TimeClaim::AuthTime, &claims.auth_time),
        (TimeClaim::Nbf, &claims.nbf),
        (TimeClaim::Exp, &claims.exp),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::json::JsonDoc;

    #[test]
    fn every_registered_claim_has_its_own_slot_and_no_other_name_has_one() {
        for (i, name) in REGISTERED.iter().enumerate() {
            assert_eq!(registered_slot(name), Some(i), "{name}");
        }
        assert_eq!(registered_slot("ISS"), None);
        assert_eq!(registered_slot("auth"), None);
    }

    fn claims(json: &str) -> Claims {
        Claims::from_value(
            &JsonDoc::parse(json)
                .unwrap_or_else(|e| panic!("{e:?}"))
                .value,
        )
    }

    fn secs(raw: &str) -> Result<(i64, bool), DateProblem> {
        NumericDate::from_number_text(raw).map(|d| (d.secs, d.fractional))
    }

    #[test]
    fn a_token_is_expired_from_the_second_exp_names() {
        let c = claims(r#"{"exp":1000,"nbf":900}"#);
        assert_eq!(c.expired_at(999, 0), None);
        assert_eq!(
            c.expired_at(1000, 0),
            Some(1000),
            "exp == now is expired (RFC 7519 4.1.4)"
        );
        assert_eq!(c.expired_at(1000, 5), None, "leeway extends the lifetime");
        assert_eq!(c.expired_at(1005, 5), Some(1000));
        assert_eq!(
            c.expired_at(1000, -5),
            Some(1000),
            "negative leeway counts as 0"
        );
    }

    #[test]
    fn a_token_is_valid_from_the_second_nbf_names() {
        let c = claims(r#"{"exp":1000,"nbf":900}"#);
        assert_eq!(
            c.not_yet_valid_until(900, 0),
            None,
            "nbf == now is valid (RFC 7519 4.1.5)"
        );
        assert_eq!(c.not_yet_valid_until(899, 0), Some(900));
        assert_eq!(c.not_yet_valid_until(899, 1), None);
        assert_eq!(claims("{}").expired_at(i64::MAX, 0), None);
        assert_eq!(claims(r#"{"exp":"soon"}"#).expired_at(0, 0), None);
    }

    #[test]
    fn numeric_dates_are_floored_exactly_from_their_text() {
        assert_eq!(secs("1700000000"), Ok((1_700_000_000, false)));
        assert_eq!(secs("1700000000.999"), Ok((1_700_000_000, true)));
        assert_eq!(secs("1700000000.000"), Ok((1_700_000_000, false)));
        assert_eq!(secs("1.7e9"), Ok((1_700_000_000, false)));
        assert_eq!(secs("17E+8"), Ok((1_700_000_000, false)));
        assert_eq!(secs("1700000000123e-3"), Ok((1_700_000_000, true)));
        assert_eq!(secs("0.5"), Ok((0, true)));
        assert_eq!(secs("5e-99999999999999999999999"), Ok((0, true)));
        assert_eq!(secs("0"), Ok((0, false)));
        assert_eq!(secs("-0.0"), Ok((0, false)));
        assert_eq!(secs("0e999999"), Ok((0, false)));
        assert_eq!(secs("9223372036854775807"), Ok((i64::MAX, false)));
    }

    #[test]
    fn negative_and_huge_numbers_are_problems_not_panics() {
        assert_eq!(secs("-1"), Err(DateProblem::Negative));
        assert_eq!(secs("-0.5"), Err(DateProblem::Negative));
        assert_eq!(secs("9223372036854775808"), Err(DateProblem::TooLarge));
        assert_eq!(secs("1e19"), Err(DateProblem::TooLarge));
        assert_eq!(
            secs("1e99999999999999999999999"),
            Err(DateProblem::TooLarge)
        );
        assert_eq!(secs("12345678901234567890123"), Err(DateProblem::TooLarge));
        assert_eq!(secs("1."), Err(DateProblem::InvalidNumber));
        assert_eq!(secs("abc"), Err(DateProblem::InvalidNumber));
        assert_eq!(secs(""), Err(DateProblem::InvalidNumber));
    }

    #[test]
    fn millisecond_timestamps_are_flagged() {
        let ms = NumericDate::from_number_text("1700000000000").unwrap_or_else(|e| panic!("{e:?}"));
        assert!(ms.looks_like_milliseconds);
        let s = NumericDate::from_number_text("1700000000").unwrap_or_else(|e| panic!("{e:?}"));
        assert!(!s.looks_like_milliseconds);
    }

    #[test]
    fn registered_claims_are_read_and_others_kept_in_order() {
        let c = claims(
            r#"{"iss":"i","z":1,"aud":["a","b"],"exp":"1700000000","a":2,"iat":1.5,"sub":null}"#,
        );
        assert_eq!(c.iss, Field::Present("i".into()));
        assert_eq!(
            c.aud,
            Field::Present(Audience::Many(vec!["a".into(), "b".into()]))
        );
        assert_eq!(c.exp, Field::Malformed(Value::String("1700000000".into())));
        assert_eq!(c.sub, Field::Malformed(Value::Null));
        assert_eq!(
            c.iat.present().map(|d| (d.secs, d.fractional)),
            Some((1, true))
        );
        assert_eq!(c.nbf, Field::Absent);
        let others: Vec<&str> = c.others().map(|(k, _)| k.as_str()).collect();
        assert_eq!(others, ["z", "a"]);
        let bad: Vec<&str> = c.malformed().iter().map(|(n, _, _)| *n).collect();
        assert_eq!(bad, ["sub", "exp"]);
    }

    #[test]
    fn aud_as_one_string_and_mixed_arrays() {
        let c = claims(r#"{"aud":"x"}"#);
        assert_eq!(
            c.aud.present().map(Audience::values),
            Some(&["x".to_owned()][..])
        );
        assert!(matches!(
            claims(r#"{"aud":["x",1]}"#).aud,
            Field::Malformed(_)
        ));
    }

    #[test]
    fn a_non_object_payload_has_no_claims() {
        assert_eq!(claims("[1,2]"), Claims::default());
    }
}
