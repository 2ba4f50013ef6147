//! Every sentence about keys: what a key is and where it came from, why a key-set entry or PEM
//! block could not be used, why a pasted text or fetched body is not a key set, and the plain
//! warning for a pasted private key.
//!
//! Owns wording only: takes `jose::jwk` values and returns text. Must not parse or decide.

use super::decode::json_error;
use crate::jose::b64::{B64Error, B64Quirk};
use crate::jose::jwk::der::DerError;
use crate::jose::jwk::{
    B64Problem, Curve, HmacEncoding, JsonShape, JwksError, Key, KeyError, KeyFormat, KeyInputError,
    KeyKind, KeyNote, KeyProblem, KeySet, KeySource, RsaProblem, SetOrigin,
};
use crate::jose::ExpectedType;

use super::decode::kind_name;

fn expected_name(e: ExpectedType) -> &'static str {
    match e {
        ExpectedType::String => "a string",
        ExpectedType::ArrayOfStrings => "an array of strings",
        ExpectedType::StringOrArrayOfStrings => "a string or an array of strings",
        ExpectedType::Object => "an object",
        ExpectedType::Bool => "a boolean",
        ExpectedType::NumericDate => "a number of seconds",
    }
}

/// The curve as people name it: "P-256", "secp256k1".
pub fn curve_name(curve: Curve) -> &'static str {
    curve.jwk_name()
}

/// A key's type and size: "an RSA 2048-bit key", "an EC P-256 key", "a 64-byte HMAC secret".
pub fn kind(kind: &KeyKind) -> String {
    match kind {
        KeyKind::Rsa { bits } => format!("an RSA {bits}-bit key"),
        KeyKind::Ec { curve } => format!("an EC {} key", curve_name(*curve)),
        KeyKind::Ed25519 => "an Ed25519 key".to_owned(),
        KeyKind::Hmac { bytes, encoding } => {
            format!("a {bytes}-byte HMAC secret {}", hmac_encoding(*encoding))
        }
    }
}

/// A key's type and size for parentheses: "RSA 2048-bit", "EC P-256", "78 bytes, read as text".
pub fn kind_short(kind: &KeyKind) -> String {
    match kind {
        KeyKind::Rsa { bits } => format!("RSA {bits}-bit"),
        KeyKind::Ec { curve } => format!("EC {}", curve_name(*curve)),
        KeyKind::Ed25519 => "Ed25519".to_owned(),
        KeyKind::Hmac { bytes, encoding } => format!("{bytes} bytes, {}", hmac_encoding(*encoding)),
    }
}

/// Upper-cases the first letter of a sentence that starts with a key name ("the pasted JWK").
pub fn capitalize(s: String) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) if first.is_ascii_lowercase() => std::iter::once(first.to_ascii_uppercase())
            .chain(chars)
            .collect(),
        _ => s,
    }
}

/// How HMAC key bytes were obtained, as a participle phrase ("read as text").
pub fn hmac_encoding(encoding: HmacEncoding) -> &'static str {
    match encoding {
        HmacEncoding::Text => "read as text",
        HmacEncoding::Base64 => "decoded from base64",
        HmacEncoding::Base64Url => "decoded from base64url",
        HmacEncoding::Jwk => "taken from an oct JWK",
    }
}

/// The key's format as a phrase: "a PEM public key (SubjectPublicKeyInfo)".
pub fn format(format: KeyFormat) -> &'static str {
    match format {
        KeyFormat::Jwk => "a JWK",
        KeyFormat::JwkX5c => "the leaf certificate of a JWK's x5c chain",
        KeyFormat::Spki => "a PEM public key (SubjectPublicKeyInfo)",
        KeyFormat::SpkiBase64 => "a base64 SubjectPublicKeyInfo without PEM armour",
        KeyFormat::Pkcs1 => "a PEM PKCS#1 RSA public key",
        KeyFormat::Certificate => "a PEM X.509 certificate",
        KeyFormat::CertificateBase64 => "a base64 X.509 certificate without PEM armour",
        KeyFormat::JwkPrivate => "a private JWK",
        KeyFormat::Pkcs8Private => "a PEM PKCS#8 private key",
        KeyFormat::Pkcs1Private => "a PEM PKCS#1 RSA private key",
        KeyFormat::Sec1Private => "a PEM SEC 1 EC private key",
        KeyFormat::Secret => "a shared secret",
    }
}

/// Where a key came from, as a short name: "key 3", "the pasted JWK", "PEM block 2".
pub fn source(source: KeySource) -> String {
    match source {
        KeySource::JwksEntry { index } => format!("key {index}"),
        KeySource::Jwk => "the pasted JWK".to_owned(),
        KeySource::PemBlock { index } => format!("PEM block {}", index.saturating_add(1)),
        KeySource::Der => "the pasted key".to_owned(),
        KeySource::Secret => "the HMAC secret".to_owned(),
    }
}

/// A key's name with its `kid`: "key 3 (kid `es256`)".
pub fn name(source_: KeySource, kid: Option<&str>) -> String {
    match kid {
        Some(kid) => format!("{} (kid `{}`)", source(source_), kid.escape_debug()),
        None => source(source_),
    }
}

/// One sentence describing a usable key.
pub fn describe(key: &Key) -> String {
    let mut s = format!(
        "{} is {}, read from {}",
        name(key.source, key.kid.as_deref()),
        kind(&key.kind()),
        format(key.format)
    );
    let mut meta: Vec<String> = Vec::new();
    if let Some(alg) = &key.alg {
        meta.push(format!("alg {}", alg.as_str().escape_debug()));
    }
    if let Some(u) = &key.use_ {
        meta.push(format!("use {}", u.escape_debug()));
    }
    if let Some(ops) = &key.key_ops {
        meta.push(format!("key_ops [{}]", ops.join(", ").escape_debug()));
    }
    if !meta.is_empty() {
        s.push_str(&format!("; it declares {}", meta.join(", ")));
    }
    s.push('.');
    capitalize(s)
}

/// The plain warning for a pasted private key.
pub fn private_key_warning(key_name: &str, fmt: KeyFormat) -> String {
    capitalize(format!(
        "{key_name} is {}: you pasted a private key. Only its public half was used and nothing \
         private was kept, but a private key that has been pasted anywhere should be treated as \
         exposed: if it is a real key, rotate it (issue a new key and retire this one). To verify \
         tokens you only ever need the public key.",
        format(fmt)
    ))
}

/// One sentence per note about a usable key.
pub fn note(key: &Key, note: &KeyNote) -> String {
    let who = capitalize(name(key.source, key.kid.as_deref()));
    match note {
        KeyNote::X5cDisagrees => format!(
            "{who}: the certificate in x5c holds a different public key than the JWK's own \
             members; the certificate's key is used. A JWK whose x5c and key members disagree \
             is broken or tampered with."
        ),
        KeyNote::X5cUnreadable(e) => format!(
            "{who}: its x5c certificate could not be read ({}); the JWK's own members are used.",
            error_phrase(e)
        ),
        KeyNote::Ed25519SmallOrder => format!(
            "{who} is a small-order Ed25519 point (one of the eight \"weak\" public keys). \
             Signatures that nobody made with a private key verify against it, so a token that \
             verifies with this key proves nothing about who signed it. A real issuer never \
             publishes such a key: treat the key source as broken or hostile."
        ),
    }
}

fn b64_phrase(p: &B64Problem) -> String {
    match p {
        B64Problem::Invalid(B64Error::InvalidCharacter { index, ch }) => format!(
            "character {} ('{}') is not base64url",
            index.saturating_add(1),
            ch.escape_debug()
        ),
        B64Problem::Invalid(B64Error::PaddingInside { index }) => {
            format!(
                "'=' at character {} is followed by more data",
                index.saturating_add(1)
            )
        }
        B64Problem::Invalid(B64Error::TooMuchPadding { count, .. }) => {
            format!("it ends with {count} '=' characters")
        }
        B64Problem::Invalid(B64Error::ImpossibleLength { len }) => {
            format!("{len} characters cannot be base64 (truncated?)")
        }
        B64Problem::NotStrict(B64Quirk::Padding { .. }) => {
            "it has '=' padding, which base64url in a JWK must not have".to_owned()
        }
        B64Problem::NotStrict(B64Quirk::StandardAlphabet { ch, .. }) => format!(
            "it uses '{}' from standard base64; a JWK needs base64url ('-' and '_')",
            ch.escape_debug()
        ),
        B64Problem::NotStrict(B64Quirk::NonCanonicalTrailingBits { .. }) => {
            "its last character carries stray bits (not canonical base64url)".to_owned()
        }
    }
}

fn rsa_phrase(p: &RsaProblem) -> String {
    match p {
        RsaProblem::ModulusTooSmall { bits } => {
            format!("its modulus is only {bits} bits, too small to verify anything meaningfully")
        }
        RsaProblem::ModulusTooLarge { bits } => {
            format!("its modulus is {bits} bits, more than the 8192 accepted")
        }
        RsaProblem::InvalidModulus => "its modulus is not a valid RSA modulus".to_owned(),
        RsaProblem::ExponentTooSmall => "its public exponent is too small".to_owned(),
        RsaProblem::ExponentTooLarge => "its public exponent is too large".to_owned(),
        RsaProblem::InvalidExponent => "its public exponent is even".to_owned(),
    }
}

fn der_phrase(e: &DerError) -> String {
    match e {
        DerError::Truncated => "the DER data is cut short".to_owned(),
        DerError::UnexpectedTag { expected, found } => {
            format!("the DER structure has tag 0x{found:02X} where 0x{expected:02X} belongs")
        }
        DerError::BadLength => "the DER data has an invalid length".to_owned(),
        DerError::TrailingData => "extra bytes follow the DER structure".to_owned(),
        DerError::BadInteger => "a DER integer is negative or empty".to_owned(),
        DerError::BadBitString => "a DER bit string has unused bits".to_owned(),
    }
}

/// Why a key could not be read, as a clause (no leading subject).
pub fn error_phrase(e: &KeyError) -> String {
    match e {
        KeyError::NotAnObject { found } => {
            format!("it is {}, not a JSON object", kind_name(*found))
        }
        KeyError::UnknownKty { kty } => format!(
            "its kty is \"{}\"; only RSA, EC, OKP and oct are defined",
            kty.escape_debug()
        ),
        KeyError::MissingMember { member } => format!("it has no \"{member}\" member"),
        KeyError::MemberType {
            member,
            expected,
            found,
        } => format!(
            "its \"{member}\" is {}, but must be {}",
            kind_name(*found),
            expected_name(*expected)
        ),
        KeyError::BadBase64 { member, problem } => {
            format!(
                "its \"{member}\" is not valid base64url: {}",
                b64_phrase(problem)
            )
        }
        KeyError::WrongLength {
            member,
            expected,
            actual,
        } => format!("its \"{member}\" is {actual} bytes; it must be exactly {expected}"),
        KeyError::SymmetricKey => "it is a symmetric (oct) key: a shared HMAC secret published \
                                   in a public key set, where anyone can read it and forge tokens"
            .to_owned(),
        KeyError::UnsupportedCurve { crv } => format!(
            "its curve {} is not supported for JWS signatures here (supported: P-256, P-384, \
             P-521, secp256k1, Ed25519)",
            crv.escape_debug()
        ),
        KeyError::UnsupportedAlgorithmOid { oid } => {
            format!("its key algorithm (OID {oid}) is not RSA, EC or Ed25519")
        }
        KeyError::InvalidRsaKey(p) => rsa_phrase(p),
        KeyError::PointNotOnCurve { curve } => {
            format!("its coordinates are not a point on {}", curve_name(*curve))
        }
        KeyError::PointNotOnEd25519 => "its x is not a valid Ed25519 public key".to_owned(),
        KeyError::InvalidPrivateKey => {
            "it is a private key whose public half cannot be derived".to_owned()
        }
        KeyError::CompressedPoint { curve } => format!(
            "its {} point is compressed, and this page reads uncompressed points only: paste the key as a JWK (x and y), or export it with `openssl ec -conv_form uncompressed`",
            curve_name(*curve)
        ),
        KeyError::NoPublicPart => "it is a private key that does not carry its public half, and this page does not derive one: paste the public key (or a JWK with x, y) instead".to_owned(),
        KeyError::Der(d) => der_phrase(d),
        KeyError::PemBase64 { offset: Some(o) } => {
            format!(
                "its PEM body is not base64 (at character {})",
                o.saturating_add(1)
            )
        }
        KeyError::PemBase64 { offset: None } => "its PEM body is not base64".to_owned(),
        KeyError::PemUnterminated { label } => format!(
            "its \"-----BEGIN {}-----\" line has no matching END line (was the paste cut off?)",
            label.escape_debug()
        ),
        KeyError::UnsupportedPemLabel { label } if label == "EC PARAMETERS" => {
            "it holds only curve parameters, not a key".to_owned()
        }
        KeyError::UnsupportedPemLabel { label } => format!(
            "a PEM \"{}\" block holds no key this tool reads (public keys, certificates, and \
             PKCS#8, PKCS#1 or SEC 1 private keys are read)",
            label.escape_debug()
        ),
        KeyError::BeyondKeyCap { cap, unread } => format!(
            "it and the {} entries after it were not read: at most {cap} keys are read from one \
             key set, so a huge set cannot freeze the page",
            unread.saturating_sub(1)
        ),
        KeyError::EncryptedPrivateKey => "it is a password-protected private key, which cannot \
                                          be read (and a private key is never needed to verify)"
            .to_owned(),
    }
}

/// One sentence for a key-set entry or PEM block that could not be used.
pub fn problem(origin: SetOrigin, p: &KeyProblem) -> String {
    let who = match origin {
        SetOrigin::Jwks => name(KeySource::JwksEntry { index: p.index }, p.kid.as_deref()),
        SetOrigin::Jwk => name(KeySource::Jwk, p.kid.as_deref()),
        SetOrigin::Pem => source(KeySource::PemBlock { index: p.index }),
        SetOrigin::Der => source(KeySource::Der),
        SetOrigin::Secret => source(KeySource::Secret),
    };
    let tail = match (p.private, origin) {
        (true, _) => {
            " It is a private key: if it is a real one, treat it as exposed and rotate it."
        }
        (false, SetOrigin::Jwks) => " The other keys are still used.",
        (false, _) => "",
    };
    capitalize(format!(
        "{who} was skipped: {}.{tail}",
        error_phrase(&p.reason)
    ))
}

/// A one-sentence summary of a key set.
pub fn set_summary(set: &KeySet) -> String {
    let usable = set.keys.len();
    let what = match set.origin {
        SetOrigin::Jwks => "key set",
        SetOrigin::Jwk => "JWK",
        SetOrigin::Pem => "PEM text",
        SetOrigin::Der => "base64 key",
        SetOrigin::Secret => "secret",
    };
    let mut s = format!(
        "The {what} has {} {}, {usable} usable",
        set.entries,
        if set.entries == 1 { "entry" } else { "entries" }
    );
    if !set.problems.is_empty() {
        s.push_str(&format!(" and {} skipped", set.problems.len()));
    }
    s.push('.');
    let dups = set.duplicate_kids();
    if !dups.is_empty() {
        s.push_str(&format!(
            " More than one key has the kid {}; each of them is tried.",
            dups.iter()
                .map(|d| format!("`{}`", d.escape_debug()))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    s
}

/// Why a fetched body (or pasted JSON) is not a key set.
pub fn jwks_error(e: &JwksError) -> String {
    match e {
        JwksError::NotUtf8 { valid_up_to } => format!(
            "The response is not text (invalid UTF-8 from byte {valid_up_to}); a JWKS is JSON."
        ),
        JwksError::NotJson {
            looks_like_html: true,
            ..
        } => "The response is HTML, not JSON: the URL probably points at a web page (a login or \
              error page) rather than the JWKS endpoint."
            .to_owned(),
        JwksError::NotJson { error, .. } => json_error("The key set", error),
        JwksError::NotAKeySet(JsonShape::SingleJwk) => {
            "This is a single JWK, not a key set ({\"keys\": [...]}).".to_owned()
        }
        JwksError::NotAKeySet(JsonShape::DiscoveryDocument {
            jwks_uri: Some(uri),
        }) => format!(
            "This is an OpenID Connect discovery document, not a key set; its keys are at \
             jwks_uri {}.",
            uri.escape_debug()
        ),
        JwksError::NotAKeySet(JsonShape::DiscoveryDocument { jwks_uri: None }) => {
            "This is an OpenID Connect discovery document, not a key set, and its jwks_uri is \
             not a string."
                .to_owned()
        }
        JwksError::NotAKeySet(JsonShape::OtherObject) => {
            "This JSON object has neither \"keys\" (a key set) nor \"kty\" (a key).".to_owned()
        }
        JwksError::NotAKeySet(JsonShape::Other(kind)) => {
            format!("This JSON is {}, not a key set.", kind_name(*kind))
        }
        JwksError::KeysNotArray { found } => format!(
            "The key set's \"keys\" is {}; it must be an array of keys.",
            kind_name(*found)
        ),
        JwksError::EmptySet => "The key set is empty: \"keys\" has no entries.".to_owned(),
    }
}

/// Beside a signature left unchecked, when the keys pasted could not be read (none for an
/// empty keys box).
pub fn unread_beside_verdict(e: &KeyInputError) -> Option<String> {
    match e {
        KeyInputError::Empty => None,
        e => Some(format!(
            "The keys you pasted were not read, so none checked this token. {}",
            input_error(e)
        )),
    }
}

/// Why pasted key text gave nothing to work with.
pub fn input_error(e: &KeyInputError) -> String {
    match e {
        KeyInputError::Empty => "No key was pasted.".to_owned(),
        KeyInputError::Jwks(j) => jwks_error(j),
        KeyInputError::SecretNotBase64(_) => "The secret was to be read as base64, but it is \
                                               not base64; switch to reading it as text if it \
                                               is a plain password-like string."
            .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_jwks_entry_names_its_index_kid_and_reason() {
        let p = KeyProblem {
            index: 7,
            kid: Some("ec-missing-y".into()),
            reason: KeyError::MissingMember { member: "y" },
            private: false,
        };
        let s = problem(SetOrigin::Jwks, &p);
        assert!(
            s.starts_with("Key 7 (kid `ec-missing-y`) was skipped"),
            "{s}"
        );
        assert!(s.contains("ec-missing-y"), "{s}");
        assert!(s.contains("\"y\""), "{s}");
    }

    #[test]
    fn the_private_key_warning_says_to_rotate() {
        let s = private_key_warning("the pasted JWK", KeyFormat::JwkPrivate);
        assert!(s.contains("private key"));
        assert!(s.contains("rotate"));
    }
}
