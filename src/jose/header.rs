//! The JOSE header of a JWS (RFC 7515 §4.1) or JWE (RFC 7516 §4.1), read from a [`JsonDoc`].
//!
//! Owns the registered header parameters as three-state [`Field`]s; every member, registered or
//! not, stays available in order through [`Header::members`]. Must not judge the values (an
//! `alg` of `none` or an embedded `jwk` is a finding for `diagnose`, not a parse error).

use super::json::{JsonDoc, Kind, Str, Value};
use super::{ExpectedType, Field};

/// The `alg` header parameter (RFC 7515 §4.1.1; values from RFC 7518 §3.1, RFC 8037 §3.1 and
/// RFC 8812 §3.2). Unknown values — including every JWE key-management algorithm — are kept in
/// [`Alg::Other`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Alg {
    /// HMAC with SHA-256.
    HS256,
    /// HMAC with SHA-384.
    HS384,
    /// HMAC with SHA-512.
    HS512,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RS256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    RS384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    RS512,
    /// RSASSA-PSS with SHA-256.
    PS256,
    /// RSASSA-PSS with SHA-384.
    PS384,
    /// RSASSA-PSS with SHA-512.
    PS512,
    /// ECDSA P-256 with SHA-256.
    ES256,
    /// ECDSA P-384 with SHA-384.
    ES384,
    /// ECDSA P-521 with SHA-512.
    ES512,
    /// ECDSA secp256k1 with SHA-256 (RFC 8812 §3.2).
    ES256K,
    /// Edwards-curve signatures (RFC 8037 §3.1).
    EdDSA,
    /// `"none"`: an unsecured JWS (RFC 7515 §A.5), no signature at all.
    None,
    /// Any other value, exactly as written (case matters: `"hs256"` is not `HS256`).
    Other(String),
}

impl Alg {
    /// Reads an `alg` string; comparison is case-sensitive as RFC 7515 §4.1.1 requires.
    pub fn parse(s: &str) -> Alg {
        match s {
            "HS256" => Alg::HS256,
            "HS384" => Alg::HS384,
            "HS512" => Alg::HS512,
            "RS256" => Alg::RS256,
            "RS384" => Alg::RS384,
            "RS512" => Alg::RS512,
            "PS256" => Alg::PS256,
            "PS384" => Alg::PS384,
            "PS512" => Alg::PS512,
            "ES256" => Alg::ES256,
            "ES384" => Alg::ES384,
            "ES512" => Alg::ES512,
            "ES256K" => Alg::ES256K,
            "EdDSA" => Alg::EdDSA,
            "none" => Alg::None,
            _ => Alg::Other(s.to_owned()),
        }
    }

    /// The registered name (the inverse of [`Alg::parse`]).
    pub fn as_str(&self) -> &str {
        match self {
            Alg::HS256 => "HS256",
            Alg::HS384 => "HS384",
            Alg::HS512 => "HS512",
            Alg::RS256 => "RS256",
            Alg::RS384 => "RS384",
            Alg::RS512 => "RS512",
            Alg::PS256 => "PS256",
            Alg::PS384 => "PS384",
            Alg::PS512 => "PS512",
            Alg::ES256 => "ES256",
            Alg::ES384 => "ES384",
            Alg::ES512 => "ES512",
            Alg::ES256K => "ES256K",
            Alg::EdDSA => "EdDSA",
            Alg::None => "none",
            Alg::Other(s) => s,
        }
    }
}

/// A decoded JOSE header. Registered parameters are read from the **last** occurrence of their
/// name (see [`Value::get`]); duplicates are listed in `doc.duplicates`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The header JSON exactly as issued (always an object).
    pub doc: JsonDoc,
    /// `alg`: signature or key-management algorithm (RFC 7515 §4.1.1, RFC 7516 §4.1.1).
    pub alg: Field<Alg>,
    /// `kid`: key ID (RFC 7515 §4.1.4).
    pub kid: Field<String>,
    /// `typ`: media type of the whole object, e.g. `JWT`, `at+jwt` (RFC 7515 §4.1.9).
    pub typ: Field<String>,
    /// `cty`: media type of the payload; `JWT` means a nested token (RFC 7515 §4.1.10,
    /// RFC 7519 §5.2).
    pub cty: Field<String>,
    /// `jku`: URL of a JWK Set holding the key (RFC 7515 §4.1.2).
    pub jku: Field<String>,
    /// `x5u`: URL of an X.509 certificate chain (RFC 7515 §4.1.5).
    pub x5u: Field<String>,
    /// `jwk`: an embedded public key, kept as raw JSON (RFC 7515 §4.1.3).
    pub jwk: Field<Value>,
    /// `x5c`: base64 (not base64url) DER certificates (RFC 7515 §4.1.6).
    pub x5c: Field<Vec<String>>,
    /// `x5t`: SHA-1 certificate thumbprint (RFC 7515 §4.1.7).
    pub x5t: Field<String>,
    /// `x5t#S256`: SHA-256 certificate thumbprint (RFC 7515 §4.1.8).
    pub x5t_s256: Field<String>,
    /// `crit`: extensions the recipient must understand (RFC 7515 §4.1.11).
    pub crit: Field<Vec<String>>,
    /// `enc`: content-encryption algorithm of a JWE (RFC 7516 §4.1.2).
    pub enc: Field<String>,
    /// `zip`: compression of a JWE plaintext, e.g. `DEF` (RFC 7516 §4.1.3).
    pub zip: Field<String>,
    /// `b64`: `false` means an unencoded payload (RFC 7797 §3).
    pub b64: Field<bool>,
}

/// Registered header parameter names read by [`Header`], in RFC order.
pub const REGISTERED: [&str; 14] = [
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "enc",
    "zip", "b64",
];

/// The JSON type a registered header parameter must have, or `None` for other names.
pub fn expected_type(name: &str) -> Option<ExpectedType> {
    match name {
        "alg" | "kid" | "typ" | "cty" | "jku" | "x5u" | "x5t" | "x5t#S256" | "enc" | "zip" => {
            Some(ExpectedType::String)
        }
        "x5c" | "crit" => Some(ExpectedType::ArrayOfStrings),
        "jwk" => Some(ExpectedType::Object),
        "b64" => Some(ExpectedType::Bool),
        _ => None,
    }
}

/// A member's value (from [`last_values`]) read into a [`Field`] by `f`.
pub(crate) fn read<T>(value: Option<&Value>, f: impl Fn(&Value) -> Option<T>) -> Field<T> {
    match value {
        None => Field::Absent,
        Some(v) => f(v).map_or_else(|| Field::Malformed(v.clone()), Field::Present),
    }
}

/// The value of the last occurrence (the one [`Value::get`] finds) of each name that `slot`
/// places, at that place, in one pass over the members.
pub(crate) fn last_values<const N: usize>(
    members: &[(Str, Value)],
    slot: fn(&str) -> Option<usize>,
) -> [Option<&Value>; N] {
    let mut found = [None; N];
    for (k, v) in members.iter().rev() {
        if let Some(place) = slot(k).and_then(|i| found.get_mut(i)) {
            place.get_or_insert(v);
        }
    }
    found
}

/// Where `name` is in [`REGISTERED`] (a header has a handful of members: a search is enough).
fn registered_slot(name: &str) -> Option<usize> {
    REGISTERED.iter().position(|n| *n == name)
}

pub(crate) fn string(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

pub(crate) fn strings(v: &Value) -> Option<Vec<String>> {
    v.as_array()?.iter().map(string).collect()
}

impl Header {
    /// Reads the registered parameters of a header document. Fails only when the JSON is not an
    /// object (RFC 7515 §4 requires one), returning the kind that was found.
    pub fn from_doc(doc: JsonDoc) -> Result<Header, Kind> {
        let Value::Object(members) = &doc.value else {
            return Err(doc.value.kind());
        };
        let [alg, jku, jwk, kid, x5u, x5c, x5t, x5t_s256, typ, cty, crit, enc, zip, b64] =
            last_values(members, registered_slot);
        Ok(Header {
            alg: read(alg, |v| v.as_str().map(Alg::parse)),
            kid: read(kid, string),
            typ: read(typ, string),
            cty: read(cty, string),
            jku: read(jku, string),
            x5u: read(x5u, string),
            jwk: read(jwk, |v| (v.kind() == Kind::Object).then(|| v.clone())),
            x5c: read(x5c, strings),
            x5t: read(x5t, string),
            x5t_s256: read(x5t_s256, string),
            crit: read(crit, strings),
            enc: read(enc, string),
            zip: read(zip, string),
            b64: read(b64, |v| match v {
                Value::Bool(b) => Some(*b),
                _ => None,
            }),
            doc,
        })
    }

    /// Every member in source order, registered or not, duplicates included.
    pub fn members(&self) -> &[(Str, Value)] {
        self.doc.value.as_object().unwrap_or(&[])
    }

    /// True when `cty` says the payload is itself a JWT: `JWT` or `application/jwt`, compared
    /// case-insensitively (RFC 7515 §4.1.10 allows omitting `application/`; RFC 7519 §5.2).
    pub fn cty_is_jwt(&self) -> bool {
        self.cty.present().is_some_and(|c| {
            c.eq_ignore_ascii_case("jwt") || c.eq_ignore_ascii_case("application/jwt")
        })
    }

    /// Registered parameters present with the wrong JSON type: name, expected type, raw value.
    pub fn malformed(&self) -> Vec<(&'static str, ExpectedType, &Value)> {
        REGISTERED
            .iter()
            .filter_map(|&name| {
                let expected = expected_type(name)?;
                let value = self.doc.value.get(name)?;
                let bad = match name {
                    "alg" => self.alg.malformed(),
                    "kid" => self.kid.malformed(),
                    "typ" => self.typ.malformed(),
                    "cty" => self.cty.malformed(),
                    "jku" => self.jku.malformed(),
                    "x5u" => self.x5u.malformed(),
                    "jwk" => self.jwk.malformed(),
                    "x5c" => self.x5c.malformed(),
                    "x5t" => self.x5t.malformed(),
                    "x5t#S256" => self.x5t_s256.malformed(),
                    "crit" => self.crit.malformed(),
                    "enc" => self.enc.malformed(),
                    "zip" => self.zip.malformed(),
                    "b64" => self.b64.malformed(),
                    _ => None,
                };
                bad.map(|_| (name, expected, value))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_registered_name_has_its_own_slot_and_no_other_name_has_one() {
        for (i, name) in REGISTERED.iter().enumerate() {
            assert_eq!(registered_slot(name), Some(i), "{name}");
        }
        assert_eq!(registered_slot("ALG"), None);
        assert_eq!(registered_slot("x5t#s256"), None);
    }

    fn header(json: &str) -> Header {
        let doc = JsonDoc::parse(json).unwrap_or_else(|e| panic!("{e:?}"));
        Header::from_doc(doc).unwrap_or_else(|k| panic!("{k:?}"))
    }

    #[test]
    fn registered_parameters_are_read_in_three_states() {
        let h = header(
            r#"{"alg":"RS256","kid":42,"typ":"JWT","x5c":["a","b"],"crit":["b64"],"b64":false}"#,
        );
        assert_eq!(h.alg, Field::Present(Alg::RS256));
        assert_eq!(h.kid, Field::Malformed(Value::Number("42".into())));
        assert_eq!(h.typ, Field::Present("JWT".into()));
        assert_eq!(h.cty, Field::Absent);
        assert_eq!(h.x5c, Field::Present(vec!["a".into(), "b".into()]));
        assert_eq!(h.crit, Field::Present(vec!["b64".into()]));
        assert_eq!(h.b64, Field::Present(false));
        assert_eq!(
            h.malformed(),
            vec![("kid", ExpectedType::String, &Value::Number("42".into()))]
        );
    }

    #[test]
    fn every_alg_round_trips_and_unknown_ones_are_kept() {
        for name in [
            "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512", "ES256K", "EdDSA", "none", "RSA-OAEP", "hs256", "",
        ] {
            assert_eq!(Alg::parse(name).as_str(), name);
        }
        assert_eq!(Alg::parse("none"), Alg::None);
        assert_eq!(Alg::parse("hs256"), Alg::Other("hs256".into()));
    }

    #[test]
    fn an_array_with_a_non_string_is_malformed() {
        let h = header(r#"{"x5c":["a",1],"jwk":"k"}"#);
        assert!(matches!(h.x5c, Field::Malformed(Value::Array(_))));
        assert_eq!(h.jwk, Field::Malformed(Value::String("k".into())));
    }

    #[test]
    fn cty_jwt_is_recognised_case_insensitively() {
        assert!(header(r#"{"cty":"jwt"}"#).cty_is_jwt());
        assert!(header(r#"{"cty":"application/JWT"}"#).cty_is_jwt());
        assert!(!header(r#"{"cty":"json"}"#).cty_is_jwt());
    }

    #[test]
    fn a_non_object_header_is_rejected_with_its_kind() {
        let doc = JsonDoc::parse("[1]").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(Header::from_doc(doc), Err(Kind::Array));
    }

    #[test]
    fn the_last_duplicate_is_the_one_read() {
        let h = header(r#"{"alg":"none","alg":"HS256"}"#);
        assert_eq!(h.alg, Field::Present(Alg::HS256));
        assert_eq!(h.doc.duplicates.len(), 1);
        assert_eq!(h.members().len(), 2);
    }
}
