//! Verification keys from every format people paste or servers publish: a JWK Set
//! (RFC 7517 §5), a single JWK (RFC 7517 §4, with RFC 7518 §6 and RFC 8037 §2 members), an
//! `x5c` chain (RFC 7517 §4.7), PEM (RFC 7468: SubjectPublicKeyInfo, PKCS#1, X.509
//! certificates), a bare base64 SPKI or certificate, and HMAC secrets as text or base64.
//!
//! Owns [`parse_key_input`] (auto-detecting pasted text) and [`parse_jwks`] (a fetched body).
//! Lenient containers, strict members: a key set with one broken entry still yields every other
//! key, and the broken one becomes a [`KeyProblem`] with its index, `kid` and reason.
//!
//! A private key pasted by mistake is reduced to its public half on the spot: the format is
//! recorded ([`KeyFormat::is_private`]) so the user can be told to rotate it, but no private
//! component is kept in any value returned from here. Must not verify signatures, fetch or
//! produce prose (that is `explain::keys`).

pub mod der;
pub mod material;
pub mod pem;

use super::b64::{self, B64Error, B64Quirk};
use super::json::{JsonDoc, JsonError, Kind, Value};
use super::{Alg, ExpectedType};
use std::collections::HashSet;
use std::fmt;

/// How the user says an HMAC secret is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SecretEncoding {
    /// The secret is the text's exact UTF-8 bytes.
    #[default]
    Text,
    /// The secret is the bytes the text decodes to as base64 or base64url (padding optional).
    Base64,
}

/// How the bytes of an HMAC key were obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HmacEncoding {
    /// The exact UTF-8 bytes of the pasted text.
    Text,
    /// Decoded from standard base64 (RFC 4648 §4).
    Base64,
    /// Decoded from base64url (RFC 4648 §5).
    Base64Url,
    /// The `k` member of an `oct` JWK (RFC 7518 §6.4.1).
    Jwk,
}

/// Secret bytes whose `Debug` shows only their length, so a secret never ends up in a log.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretBytes(Vec<u8>);

impl SecretBytes {
    /// Wraps bytes.
    pub fn new(bytes: Vec<u8>) -> SecretBytes {
        SecretBytes(bytes)
    }

    /// The bytes.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    /// Number of bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretBytes(<{} bytes>)", self.0.len())
    }
}

/// An elliptic curve supported for ECDSA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Curve {
    /// NIST P-256 (`ES256`).
    P256,
    /// NIST P-384 (`ES384`).
    P384,
    /// NIST P-521 (`ES512`).
    P521,
    /// secp256k1 (`ES256K`, RFC 8812 §3.1).
    Secp256k1,
}

impl Curve {
    /// The JWK `crv` name (RFC 7518 §6.2.1.1, RFC 8812 §3.1).
    pub fn jwk_name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
            Curve::Secp256k1 => "secp256k1",
        }
    }

    /// Length in bytes of one coordinate (and of `r` or `s` in a JWS signature).
    pub fn field_len(self) -> usize {
        match self {
            Curve::P256 | Curve::Secp256k1 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }

    fn from_jwk(name: &str) -> Option<Curve> {
        match name {
            "P-256" => Some(Curve::P256),
            "P-384" => Some(Curve::P384),
            "P-521" => Some(Curve::P521),
            "secp256k1" => Some(Curve::Secp256k1),
            _ => None,
        }
    }
}

/// The public material of a key — the only key material this crate keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicKey {
    /// RSA (RFC 7518 §6.3.1): big-endian magnitudes without leading zeros.
    Rsa {
        /// Modulus.
        n: Vec<u8>,
        /// Public exponent.
        e: Vec<u8>,
        /// Modulus size in bits.
        bits: usize,
    },
    /// An elliptic-curve point (RFC 7518 §6.2.1), SEC 1 uncompressed (`04 ‖ x ‖ y`).
    Ec {
        /// The curve.
        curve: Curve,
        /// The point.
        point: Vec<u8>,
    },
    /// An Ed25519 public key (RFC 8037 §2).
    Ed25519 {
        /// The 32-byte public key.
        x: [u8; 32],
    },
    /// A shared HMAC secret.
    Hmac {
        /// The key bytes.
        bytes: SecretBytes,
        /// How they were obtained.
        encoding: HmacEncoding,
        /// For base64 secrets: the text as typed, so verification can say whether the token
        /// was signed with the text itself (the classic "secret base64 encoded" confusion).
        typed: Option<SecretBytes>,
    },
}

/// A key's type and size without its bytes, for steps and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// RSA with this many modulus bits.
    Rsa {
        /// Modulus size.
        bits: usize,
    },
    /// ECDSA on this curve.
    Ec {
        /// The curve.
        curve: Curve,
    },
    /// Ed25519.
    Ed25519,
    /// An HMAC secret of this many bytes.
    Hmac {
        /// Key length.
        bytes: usize,
        /// How the bytes were obtained.
        encoding: HmacEncoding,
    },
}

impl PublicKey {
    /// The key's type and size.
    pub fn kind(&self) -> KeyKind {
        match self {
            PublicKey::Rsa { bits, .. } => KeyKind::Rsa { bits: *bits },
            PublicKey::Ec { curve, .. } => KeyKind::Ec { curve: *curve },
            PublicKey::Ed25519 { .. } => KeyKind::Ed25519,
            PublicKey::Hmac {
                bytes, encoding, ..
            } => KeyKind::Hmac {
                bytes: bytes.len(),
                encoding: *encoding,
            },
        }
    }
}

/// How a key's material was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFormat {
    /// A public JWK.
    Jwk,
    /// The leaf certificate of a JWK's `x5c` chain (RFC 7517 §4.7).
    JwkX5c,
    /// PEM `PUBLIC KEY` (SubjectPublicKeyInfo, RFC 5280 §4.1.2.7).
    Spki,
    /// Bare base64 SubjectPublicKeyInfo without PEM armour (as some admin consoles show it).
    SpkiBase64,
    /// PEM `RSA PUBLIC KEY` (PKCS#1, RFC 8017 A.1.1).
    Pkcs1,
    /// PEM `CERTIFICATE` (X.509, RFC 5280): its subject public key.
    Certificate,
    /// Bare base64 DER certificate (an `x5c` entry pasted on its own).
    CertificateBase64,
    /// A JWK with private members (`d`, …): only its public members were read.
    JwkPrivate,
    /// PEM `PRIVATE KEY` (PKCS#8, RFC 5958): only its public half was derived.
    Pkcs8Private,
    /// PEM `RSA PRIVATE KEY` (PKCS#1, RFC 8017 A.1.2): only `n` and `e` were read.
    Pkcs1Private,
    /// PEM `EC PRIVATE KEY` (SEC 1, RFC 5915): only its public point was read or derived.
    Sec1Private,
    /// An HMAC secret (text or base64), or an `oct` JWK.
    Secret,
}

impl KeyFormat {
    /// True for the formats that hold a private key: the user pasted a private key, which must
    /// be treated as exposed.
    pub fn is_private(self) -> bool {
        matches!(
            self,
            KeyFormat::JwkPrivate
                | KeyFormat::Pkcs8Private
                | KeyFormat::Pkcs1Private
                | KeyFormat::Sec1Private
        )
    }
}

/// Where in the input a key came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    /// Entry `index` (0-based) of a key set's `keys` array.
    JwksEntry {
        /// 0-based position in `keys`.
        index: usize,
    },
    /// A single pasted JWK.
    Jwk,
    /// PEM block `index` (0-based) of the pasted text.
    PemBlock {
        /// 0-based position among the PEM blocks.
        index: usize,
    },
    /// Bare base64 DER.
    Der,
    /// A pasted HMAC secret.
    Secret,
}

/// Something noticed about a key that does not stop it from being used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyNote {
    /// The `x5c` leaf certificate holds a different key than the JWK's own members (`n`/`e`
    /// or `x`/`y`); the certificate's key is the one used.
    X5cDisagrees,
    /// The `x5c` leaf certificate could not be read; the JWK's own members are used.
    X5cUnreadable(KeyError),
    /// An Ed25519 public key of small order (one of the eight points of order 1, 2, 4 or 8,
    /// RFC 8032 §5.1.7 and "Taming the many EdDSAs"): a signature made without any private key
    /// can verify with it, so it proves nothing about who signed.
    Ed25519SmallOrder,
}

/// The notes a key's material alone calls for (the same however the key was written).
fn material_notes(material: &PublicKey) -> Vec<KeyNote> {
    match material {
        PublicKey::Ed25519 { x } if material::ed25519_is_small_order(x) => {
            vec![KeyNote::Ed25519SmallOrder]
        }
        _ => Vec::new(),
    }
}

/// One usable key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// `kid` (RFC 7517 §4.5).
    pub kid: Option<String>,
    /// `alg` (RFC 7517 §4.4): the one algorithm this key is meant for, when stated.
    pub alg: Option<Alg>,
    /// `use` (RFC 7517 §4.2): `sig` or `enc`, when stated.
    pub use_: Option<String>,
    /// `key_ops` (RFC 7517 §4.3), when stated.
    pub key_ops: Option<Vec<String>>,
    /// Where it came from.
    pub source: KeySource,
    /// How its material was read.
    pub format: KeyFormat,
    /// The public material (or HMAC secret).
    pub material: PublicKey,
    /// Things noticed that did not prevent its use.
    pub notes: Vec<KeyNote>,
}

impl Key {
    /// A key with no JWK metadata.
    pub fn new(source: KeySource, format: KeyFormat, material: PublicKey) -> Key {
        Key {
            kid: None,
            alg: None,
            use_: None,
            key_ops: None,
            source,
            format,
            notes: material_notes(&material),
            material,
        }
    }

    /// The key's type and size.
    pub fn kind(&self) -> KeyKind {
        self.material.kind()
    }
}

/// How a base64url member failed the strict reading RFC 7518 requires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum B64Problem {
    /// Not base64 at all.
    Invalid(B64Error),
    /// Decodable, but not strict unpadded base64url (padding, `+`/`/`, stray trailing bits).
    NotStrict(B64Quirk),
}

/// Why an RSA public key cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RsaProblem {
    /// The modulus is smaller than [`material::RSA_MIN_BITS`].
    ModulusTooSmall {
        /// Its size in bits.
        bits: usize,
    },
    /// The modulus is larger than [`material::RSA_MAX_BITS`].
    ModulusTooLarge {
        /// Its size in bits.
        bits: usize,
    },
    /// The modulus is even or not greater than the exponent.
    InvalidModulus,
    /// The exponent is below 3 (or zero).
    ExponentTooSmall,
    /// The exponent is above 2^33 − 1.
    ExponentTooLarge,
    /// The exponent is even.
    InvalidExponent,
}

/// Why one key could not be read. Never carries private key bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    /// A key-set entry that is not a JSON object.
    NotAnObject {
        /// What it is instead.
        found: Kind,
    },
    /// A `kty` other than `RSA`, `EC`, `OKP` or `oct` (RFC 7518 §6.1).
    UnknownKty {
        /// The value as written.
        kty: String,
    },
    /// A required member is absent.
    MissingMember {
        /// Its name.
        member: &'static str,
    },
    /// A member has the wrong JSON type.
    MemberType {
        /// Its name.
        member: &'static str,
        /// The type it must have.
        expected: ExpectedType,
        /// The type it has.
        found: Kind,
    },
    /// A base64url member is not strict base64url (RFC 7518 §6: "Base64urlUInt" and friends).
    BadBase64 {
        /// Its name.
        member: &'static str,
        /// What is wrong.
        problem: B64Problem,
    },
    /// A member decodes to the wrong number of bytes.
    WrongLength {
        /// Its name.
        member: &'static str,
        /// The required length.
        expected: usize,
        /// The actual length.
        actual: usize,
    },
    /// A symmetric `oct` key inside a published key set: a shared secret made public.
    SymmetricKey,
    /// A curve that is not supported for signatures here (e.g. Ed448, X25519, brainpool).
    UnsupportedCurve {
        /// The `crv` name or curve OID.
        crv: String,
    },
    /// A DER key whose algorithm OID is not RSA, EC or Ed25519.
    UnsupportedAlgorithmOid {
        /// Dotted OID.
        oid: String,
    },
    /// RSA components that do not form a usable key.
    InvalidRsaKey(RsaProblem),
    /// EC coordinates that are not a point on the curve.
    PointNotOnCurve {
        /// The curve.
        curve: Curve,
    },
    /// 32 bytes that are not an Ed25519 point.
    PointNotOnEd25519,
    /// A private key whose public half cannot be derived.
    InvalidPrivateKey,
    /// A compressed EC point where this build reads uncompressed ones only (the page's build,
    /// whose point arithmetic is WebCrypto's).
    CompressedPoint {
        /// The point's curve.
        curve: Curve,
    },
    /// A private key without its public half, which this build does not derive.
    NoPublicPart,
    /// DER that is not the expected structure.
    Der(der::DerError),
    /// A PEM body that is not base64 (`offset` into the body with whitespace removed).
    PemBase64 {
        /// Position of the first bad character, when known.
        offset: Option<usize>,
    },
    /// A `BEGIN` line without its matching `END` line.
    PemUnterminated {
        /// The label.
        label: String,
    },
    /// A PEM block that holds no supported key (e.g. `EC PARAMETERS`, `OPENSSH PRIVATE KEY`).
    UnsupportedPemLabel {
        /// The label.
        label: String,
    },
    /// An encrypted private key: it cannot be read without its password (and should not have
    /// been pasted).
    EncryptedPrivateKey,
    /// Not read: the set has more than [`MAX_KEYS_PER_SET`] entries. Reported once, on the first
    /// entry past the cap.
    BeyondKeyCap {
        /// The cap ([`MAX_KEYS_PER_SET`]).
        cap: usize,
        /// Entries not read (this one and all after it).
        unread: usize,
    },
}

/// Entries read from one key set; the rest become one [`KeyError::BeyondKeyCap`] problem.
/// Real sets hold a handful of keys; 100 k pasted Ed25519 keys once took 1.7 s to read.
pub const MAX_KEYS_PER_SET: usize = 2_000;

impl KeyError {
    /// A stable code for tests and the UI.
    pub fn code(&self) -> &'static str {
        match self {
            KeyError::NotAnObject { .. } => "not_an_object",
            KeyError::BeyondKeyCap { .. } => "beyond_key_cap",
            KeyError::UnknownKty { .. } => "unknown_kty",
            KeyError::MissingMember { .. } => "missing_member",
            KeyError::MemberType { .. } => "member_type",
            KeyError::BadBase64 { .. } => "bad_base64",
            KeyError::WrongLength { .. } => "wrong_length",
            KeyError::SymmetricKey => "symmetric_key",
            KeyError::UnsupportedCurve { .. } => "unsupported_curve",
            KeyError::UnsupportedAlgorithmOid { .. } => "unsupported_algorithm",
            KeyError::InvalidRsaKey(_) => "invalid_rsa_key",
            KeyError::PointNotOnCurve { .. } | KeyError::PointNotOnEd25519 => "point_not_on_curve",
            KeyError::InvalidPrivateKey => "invalid_private_key",
            KeyError::CompressedPoint { .. } => "compressed_point",
            KeyError::NoPublicPart => "no_public_part",
            KeyError::Der(_) => "bad_der",
            KeyError::PemBase64 { .. } => "pem_base64",
            KeyError::PemUnterminated { .. } => "pem_unterminated",
            KeyError::UnsupportedPemLabel { .. } => "unsupported_pem_label",
            KeyError::EncryptedPrivateKey => "encrypted_private_key",
        }
    }
}

/// A key-set entry (or PEM block) that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyProblem {
    /// 0-based entry index in `keys` (or PEM block index).
    pub index: usize,
    /// Its `kid`, when it has a string one.
    pub kid: Option<String>,
    /// Why it was not used.
    pub reason: KeyError,
    /// True when the entry was a private key (a JWK with private members or a private-key PEM
    /// block): even unusable, it was pasted and should be treated as exposed.
    pub private: bool,
}

/// What kind of input a key set was read from; decides whether the token's `kid` selects keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetOrigin {
    /// A JWK Set (or a JSON array of JWKs): the token's `kid` selects the key.
    Jwks,
    /// One JWK.
    Jwk,
    /// One or more PEM blocks.
    Pem,
    /// Bare base64 DER.
    Der,
    /// An HMAC secret.
    Secret,
}

/// Keys read from one input, plus every entry that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySet {
    /// What the input was.
    pub origin: SetOrigin,
    /// Usable keys, in input order.
    pub keys: Vec<Key>,
    /// Unusable entries, in input order.
    pub problems: Vec<KeyProblem>,
    /// How many entries (JWKS entries or PEM blocks) the input had.
    pub entries: usize,
    /// True when this is the token issuer's published key set, as the page found it from `iss`
    /// ("Discover from issuer", or the page's own fetch for a known provider): then a `kid` it
    /// lacks is a `kid` the issuer does not publish. False for pasted keys and for a JWKS URL
    /// typed, preset or linked, which may be any environment's, and for keys fetched from the
    /// token header's `jku` / `x5u`, which no gateway uses.
    pub issuers: bool,
    /// When the page fetched this key set (Unix seconds, the browser's clock); `None` for keys
    /// given in the page. A token issued after the fetch may be signed with a key published
    /// since.
    pub fetched_at: Option<i64>,
    /// The size of the JSON text it was read from, in bytes (0 for PEM, DER and secrets).
    pub bytes: usize,
}

impl KeySet {
    /// True when any key or unusable entry came from a pasted private key.
    pub fn private_key_pasted(&self) -> bool {
        self.keys.iter().any(|k| k.format.is_private()) || self.problems.iter().any(|p| p.private)
    }

    /// `kid`s that occur on more than one usable key.
    pub fn duplicate_kids(&self) -> Vec<String> {
        // Hash sets keep this linear: 100 k pasted keys with repeated kids took 8 s with lists.
        let mut seen: HashSet<&str> = HashSet::new();
        let mut reported: HashSet<&str> = HashSet::new();
        let mut dups: Vec<String> = Vec::new();
        for kid in self.keys.iter().filter_map(|k| k.kid.as_deref()) {
            if !seen.insert(kid) && reported.insert(kid) {
                dups.push(kid.to_owned());
            }
        }
        dups
    }

    /// The `kid`s of the usable keys, in order.
    pub fn kids(&self) -> Vec<String> {
        self.keys.iter().filter_map(|k| k.kid.clone()).collect()
    }
}

/// What a JSON document that is not a key set looks like instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonShape {
    /// A single JWK (has `kty`).
    SingleJwk,
    /// An OpenID Provider configuration (has `jwks_uri`, OpenID Connect Discovery §3).
    DiscoveryDocument {
        /// Its `jwks_uri`, when it is a string.
        jwks_uri: Option<String>,
    },
    /// An object with neither `keys` nor `kty`.
    OtherObject,
    /// Not an object.
    Other(Kind),
}

/// Why a fetched or pasted body is not a key set at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JwksError {
    /// The body is not UTF-8.
    NotUtf8 {
        /// Length of the valid prefix.
        valid_up_to: usize,
    },
    /// The body is not JSON.
    NotJson {
        /// The parse error.
        error: JsonError,
        /// True when it starts like HTML (a login page or error page instead of JSON).
        looks_like_html: bool,
    },
    /// JSON, but not `{"keys": [...]}`.
    NotAKeySet(JsonShape),
    /// `keys` is not an array.
    KeysNotArray {
        /// What it is instead.
        found: Kind,
    },
    /// `keys` is an empty array.
    EmptySet,
}

/// Why pasted key text yielded nothing to work with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyInputError {
    /// Nothing but whitespace.
    Empty,
    /// JSON-looking text that is not a key set or JWK.
    Jwks(JwksError),
    /// The secret was to be read as base64 but is not base64.
    SecretNotBase64(B64Error),
}

/// Reads pasted key text. Auto-detects, in this order: JSON (a JWK Set, a JSON array of JWKs,
/// or one JWK), PEM blocks, a bare base64 SubjectPublicKeyInfo or certificate, and otherwise an
/// HMAC secret read as `secret` says.
pub fn parse_key_input(text: &str, secret: SecretEncoding) -> Result<KeySet, KeyInputError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(KeyInputError::Empty);
    }
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        let doc = JsonDoc::parse(trimmed).map_err(|error| {
            KeyInputError::Jwks(JwksError::NotJson {
                error,
                looks_like_html: false,
            })
        })?;
        let set = match &doc.value {
            Value::Array(entries) => read_entries(entries).map_err(KeyInputError::Jwks),
            v if v.get("keys").is_some() => key_set_from_value(v).map_err(KeyInputError::Jwks),
            v if v.get("kty").is_some() => Ok(single_jwk(v)),
            v => Err(KeyInputError::Jwks(JwksError::NotAKeySet(shape(v)))),
        };
        return set.map(|set| KeySet {
            bytes: trimmed.len(),
            ..set
        });
    }
    if pem::has_pem(trimmed) {
        return Ok(pem_set(trimmed));
    }
    if let Some(set) = bare_der(trimmed) {
        return Ok(set);
    }
    secret_set(text, secret)
}

/// Reads a fetched JWKS body (RFC 7517 §5). Each entry is read on its own: broken ones become
/// [`KeyProblem`]s and the rest stay usable.
pub fn parse_jwks(body: &[u8]) -> Result<KeySet, JwksError> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let text = std::str::from_utf8(body).map_err(|e| JwksError::NotUtf8 {
        valid_up_to: e.valid_up_to(),
    })?;
    let doc = JsonDoc::parse(text).map_err(|error| JwksError::NotJson {
        error,
        looks_like_html: text.trim_start().starts_with('<'),
    })?;
    key_set_from_value(&doc.value).map(|set| KeySet {
        bytes: body.len(),
        ..set
    })
}

fn shape(v: &Value) -> JsonShape {
    if v.kind() != Kind::Object {
        return JsonShape::Other(v.kind());
    }
    if v.get("kty").is_some() {
        return JsonShape::SingleJwk;
    }
    if let Some(uri) = v.get("jwks_uri") {
        return JsonShape::DiscoveryDocument {
            jwks_uri: uri.as_str().map(str::to_owned),
        };
    }
    JsonShape::OtherObject
}

fn key_set_from_value(v: &Value) -> Result<KeySet, JwksError> {
    let Some(keys) = v.get("keys").filter(|_| v.kind() == Kind::Object) else {
        return Err(JwksError::NotAKeySet(shape(v)));
    };
    let entries = keys
        .as_array()
        .ok_or(JwksError::KeysNotArray { found: keys.kind() })?;
    read_entries(entries)
}

fn read_entries(entries: &[Value]) -> Result<KeySet, JwksError> {
    if entries.is_empty() {
        return Err(JwksError::EmptySet);
    }
    let mut set = KeySet {
        origin: SetOrigin::Jwks,
        keys: Vec::new(),
        problems: Vec::new(),
        entries: entries.len(),
        issuers: false,
        fetched_at: None,
        bytes: 0,
    };
    for (index, entry) in entries.iter().enumerate().take(MAX_KEYS_PER_SET) {
        match jwk(entry, KeySource::JwksEntry { index }, true) {
            Ok(key) => set.keys.push(key),
            Err(reason) => set.problems.push(KeyProblem {
                index,
                kid: entry.get("kid").and_then(Value::as_str).map(str::to_owned),
                reason,
                private: has_private_members(entry),
            }),
        }
    }
    set.problems.extend(beyond_cap(entries.len()));
    Ok(set)
}

/// The problem that says a set of `entries` keys was read only up to [`MAX_KEYS_PER_SET`].
fn beyond_cap(entries: usize) -> Option<KeyProblem> {
    (entries > MAX_KEYS_PER_SET).then(|| KeyProblem {
        index: MAX_KEYS_PER_SET,
        kid: None,
        reason: KeyError::BeyondKeyCap {
            cap: MAX_KEYS_PER_SET,
            unread: entries - MAX_KEYS_PER_SET,
        },
        private: false,
    })
}

fn single_jwk(v: &Value) -> KeySet {
    let mut set = KeySet {
        origin: SetOrigin::Jwk,
        keys: Vec::new(),
        problems: Vec::new(),
        entries: 1,
        issuers: false,
        fetched_at: None,
        bytes: 0,
    };
    match jwk(v, KeySource::Jwk, false) {
        Ok(key) => set.keys.push(key),
        Err(reason) => set.problems.push(KeyProblem {
            index: 0,
            kid: v.get("kid").and_then(Value::as_str).map(str::to_owned),
            reason,
            private: has_private_members(v),
        }),
    }
    set
}

fn pem_set(text: &str) -> KeySet {
    let blocks = pem::blocks(text);
    let mut set = KeySet {
        origin: SetOrigin::Pem,
        keys: Vec::new(),
        problems: Vec::new(),
        entries: blocks.len(),
        issuers: false,
        fetched_at: None,
        bytes: 0,
    };
    for (index, block) in blocks.iter().enumerate().take(MAX_KEYS_PER_SET) {
        match pem::key_from_block(block, index) {
            Ok(key) => set.keys.push(key),
            Err(reason) => set.problems.push(KeyProblem {
                index,
                kid: None,
                reason,
                private: pem::is_private_label(block.label),
            }),
        }
    }
    set.problems.extend(beyond_cap(blocks.len()));
    set
}

/// A bare base64 DER SubjectPublicKeyInfo or certificate (`MII…`), when the text is one.
fn bare_der(text: &str) -> Option<KeySet> {
    if !text.starts_with("MI") {
        return None;
    }
    let bytes = pem::base64_body(text).ok()?;
    let (format, material) = if let Ok(m) = material::from_spki(&bytes) {
        (KeyFormat::SpkiBase64, m)
    } else if let Ok(m) = material::from_certificate(&bytes) {
        (KeyFormat::CertificateBase64, m)
    } else {
        return None;
    };
    Some(KeySet {
        origin: SetOrigin::Der,
        keys: vec![Key::new(KeySource::Der, format, material)],
        problems: Vec::new(),
        entries: 1,
        issuers: false,
        fetched_at: None,
        bytes: 0,
    })
}

fn secret_set(text: &str, secret: SecretEncoding) -> Result<KeySet, KeyInputError> {
    let material = match secret {
        SecretEncoding::Text => PublicKey::Hmac {
            bytes: SecretBytes::new(text.as_bytes().to_vec()),
            encoding: HmacEncoding::Text,
            typed: None,
        },
        SecretEncoding::Base64 => {
            let typed = text.trim();
            let decoded = b64::decode(typed).map_err(KeyInputError::SecretNotBase64)?;
            let standard = decoded
                .quirks
                .iter()
                .any(|q| matches!(q, B64Quirk::StandardAlphabet { .. }))
                || typed.ends_with('=');
            PublicKey::Hmac {
                bytes: SecretBytes::new(decoded.bytes),
                encoding: if standard {
                    HmacEncoding::Base64
                } else {
                    HmacEncoding::Base64Url
                },
                typed: Some(SecretBytes::new(typed.as_bytes().to_vec())),
            }
        }
    };
    Ok(KeySet {
        origin: SetOrigin::Secret,
        keys: vec![Key::new(KeySource::Secret, KeyFormat::Secret, material)],
        problems: Vec::new(),
        entries: 1,
        issuers: false,
        fetched_at: None,
        bytes: 0,
    })
}

fn string_member(v: &Value, member: &'static str) -> Result<Option<String>, KeyError> {
    match v.get(member) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.to_string())),
        Some(other) => Err(KeyError::MemberType {
            member,
            expected: ExpectedType::String,
            found: other.kind(),
        }),
    }
}

fn required_string(v: &Value, member: &'static str) -> Result<String, KeyError> {
    string_member(v, member)?.ok_or(KeyError::MissingMember { member })
}

fn strings_member(v: &Value, member: &'static str) -> Result<Option<Vec<String>>, KeyError> {
    let Some(value) = v.get(member) else {
        return Ok(None);
    };
    let wrong = || KeyError::MemberType {
        member,
        expected: ExpectedType::ArrayOfStrings,
        found: value.kind(),
    };
    let items = value.as_array().ok_or_else(wrong)?;
    items
        .iter()
        .map(|i| i.as_str().map(str::to_owned).ok_or_else(wrong))
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// A member that must be strict unpadded base64url (RFC 7515 §2).
fn b64url_member(v: &Value, member: &'static str) -> Result<Option<Vec<u8>>, KeyError> {
    let Some(text) = string_member(v, member)? else {
        return Ok(None);
    };
    let decoded = b64::decode(&text).map_err(|e| KeyError::BadBase64 {
        member,
        problem: B64Problem::Invalid(e),
    })?;
    if let Some(q) = decoded.quirks.into_iter().next() {
        return Err(KeyError::BadBase64 {
            member,
            problem: B64Problem::NotStrict(q),
        });
    }
    Ok(Some(decoded.bytes))
}

fn required_b64url(v: &Value, member: &'static str) -> Result<Vec<u8>, KeyError> {
    b64url_member(v, member)?.ok_or(KeyError::MissingMember { member })
}

fn exact_len(member: &'static str, bytes: &[u8], expected: usize) -> Result<(), KeyError> {
    if bytes.len() == expected {
        Ok(())
    } else {
        Err(KeyError::WrongLength {
            member,
            expected,
            actual: bytes.len(),
        })
    }
}

const RSA_PRIVATE_MEMBERS: [&str; 7] = ["d", "p", "q", "dp", "dq", "qi", "oth"];

/// True when an asymmetric JWK carries private members (only their presence is tested).
fn has_private_members(v: &Value) -> bool {
    v.get("kty").and_then(Value::as_str) != Some("oct")
        && RSA_PRIVATE_MEMBERS.iter().any(|m| v.get(m).is_some())
}

/// Reads one JWK. `in_set` is true for key-set entries, where an `oct` key is refused. Private
/// members are only tested for presence, never decoded or kept.
fn jwk(v: &Value, source: KeySource, in_set: bool) -> Result<Key, KeyError> {
    if v.kind() != Kind::Object {
        return Err(KeyError::NotAnObject { found: v.kind() });
    }
    let kty = required_string(v, "kty")?;
    let kid = string_member(v, "kid")?;
    let alg = string_member(v, "alg")?.map(|a| Alg::parse(&a));
    let use_ = string_member(v, "use")?;
    let key_ops = strings_member(v, "key_ops")?;
    let x5c = strings_member(v, "x5c")?;

    let (own, private): (Option<PublicKey>, bool) = match kty.as_str() {
        "RSA" => {
            let n = b64url_member(v, "n")?;
            let e = b64url_member(v, "e")?;
            let private = has_private_members(v);
            let own = match (n, e) {
                (Some(n), Some(e)) => Some(material::rsa(&n, &e)?),
                (None, _) if x5c.is_some() => None,
                (_, None) if x5c.is_some() => None,
                (None, _) => return Err(KeyError::MissingMember { member: "n" }),
                (_, None) => return Err(KeyError::MissingMember { member: "e" }),
            };
            (own, private)
        }
        "EC" => {
            let crv = required_string(v, "crv")?;
            let curve = Curve::from_jwk(&crv).ok_or(KeyError::UnsupportedCurve { crv })?;
            let x = required_b64url(v, "x")?;
            let y = required_b64url(v, "y")?;
            exact_len("x", &x, curve.field_len())?;
            exact_len("y", &y, curve.field_len())?;
            let mut point = Vec::with_capacity(1 + x.len() + y.len());
            point.push(4);
            point.extend_from_slice(&x);
            point.extend_from_slice(&y);
            (Some(material::ec(curve, &point)?), v.get("d").is_some())
        }
        "OKP" => {
            let crv = required_string(v, "crv")?;
            if crv != "Ed25519" {
                return Err(KeyError::UnsupportedCurve { crv });
            }
            let x = required_b64url(v, "x")?;
            exact_len("x", &x, 32)?;
            (Some(material::ed25519(&x)?), v.get("d").is_some())
        }
        "oct" => {
            if in_set {
                return Err(KeyError::SymmetricKey);
            }
            let k = required_b64url(v, "k")?;
            let material = PublicKey::Hmac {
                bytes: SecretBytes::new(k),
                encoding: HmacEncoding::Jwk,
                typed: None,
            };
            return Ok(Key {
                kid,
                alg,
                use_,
                key_ops,
                source,
                format: KeyFormat::Secret,
                material,
                notes: Vec::new(),
            });
        }
        _ => return Err(KeyError::UnknownKty { kty }),
    };

    let mut notes = Vec::new();
    let leaf = x5c.as_ref().and_then(|chain| chain.first()).map(|cert| {
        b64::decode(cert)
            .map_err(|e| KeyError::BadBase64 {
                member: "x5c",
                problem: B64Problem::Invalid(e),
            })
            .and_then(|d| material::from_certificate(&d.bytes))
    });
    let (material, from_x5c) = match (own, leaf) {
        (Some(own), None) => (own, false),
        (Some(own), Some(Ok(leaf))) => {
            if own != leaf {
                notes.push(KeyNote::X5cDisagrees);
            }
            (leaf, true)
        }
        (Some(own), Some(Err(e))) => {
            notes.push(KeyNote::X5cUnreadable(e));
            (own, false)
        }
        (None, Some(Ok(leaf))) => (leaf, true),
        (None, Some(Err(e))) => return Err(e),
        (None, None) => return Err(KeyError::MissingMember { member: "n" }),
    };
    let format = if private {
        KeyFormat::JwkPrivate
    } else if from_x5c {
        KeyFormat::JwkX5c
    } else {
        KeyFormat::Jwk
    };
    notes.extend(material_notes(&material));
    Ok(Key {
        kid,
        alg,
        use_,
        key_ops,
        source,
        format,
        material,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> KeySet {
        parse_key_input(text, SecretEncoding::Text).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn empty_text_is_an_error() {
        assert_eq!(
            parse_key_input(" \n", SecretEncoding::Text),
            Err(KeyInputError::Empty)
        );
    }

    #[test]
    fn plain_text_is_an_hmac_secret_kept_byte_for_byte() {
        let set = ok("my secret\n");
        assert_eq!(set.origin, SetOrigin::Secret);
        assert_eq!(
            set.keys.first().map(Key::kind),
            Some(KeyKind::Hmac {
                bytes: 10,
                encoding: HmacEncoding::Text
            })
        );
    }

    #[test]
    fn a_base64_secret_records_which_alphabet_it_used() {
        let set =
            parse_key_input("AAA+/w==", SecretEncoding::Base64).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(matches!(
            set.keys.first().map(|k| &k.material),
            Some(PublicKey::Hmac {
                encoding: HmacEncoding::Base64,
                ..
            })
        ));
        let set =
            parse_key_input("AAA-_w", SecretEncoding::Base64).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(matches!(
            set.keys.first().map(|k| &k.material),
            Some(PublicKey::Hmac {
                encoding: HmacEncoding::Base64Url,
                ..
            })
        ));
        assert!(matches!(
            parse_key_input("not base64!", SecretEncoding::Base64),
            Err(KeyInputError::SecretNotBase64(_))
        ));
    }

    #[test]
    fn secret_bytes_never_show_in_debug() {
        let set = ok("hunter2-very-secret");
        assert!(!format!("{set:?}").contains("hunter2"));
    }

    #[test]
    fn an_oct_jwk_alone_is_an_hmac_key_but_refused_inside_a_set() {
        let single = ok(r#"{"kty":"oct","k":"c2VjcmV0"}"#);
        assert_eq!(single.origin, SetOrigin::Jwk);
        assert_eq!(single.keys.len(), 1);
        let set = ok(r#"{"keys":[{"kty":"oct","kid":"s","k":"c2VjcmV0"}]}"#);
        assert!(set.keys.is_empty());
        assert_eq!(
            set.problems,
            vec![KeyProblem {
                index: 0,
                kid: Some("s".into()),
                reason: KeyError::SymmetricKey,
                private: false,
            }]
        );
    }

    #[test]
    fn strict_base64url_is_required_in_jwk_members() {
        let set = ok(
            r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="}"#,
        );
        assert!(matches!(
            set.problems.first().map(|p| &p.reason),
            Some(KeyError::BadBase64 {
                member: "x",
                problem: B64Problem::NotStrict(_)
            })
        ));
    }

    #[test]
    fn ed448_is_an_unsupported_curve() {
        let set = ok(r#"{"kty":"OKP","crv":"Ed448","x":"AA"}"#);
        assert_eq!(
            set.problems.first().map(|p| &p.reason),
            Some(&KeyError::UnsupportedCurve {
                crv: "Ed448".into()
            })
        );
    }

    #[test]
    fn json_that_is_not_a_key_says_what_it_looks_like() {
        assert_eq!(
            parse_jwks(br#"{"issuer":"x","jwks_uri":"https://x/jwks"}"#),
            Err(JwksError::NotAKeySet(JsonShape::DiscoveryDocument {
                jwks_uri: Some("https://x/jwks".into())
            }))
        );
        assert_eq!(
            parse_jwks(br#"{"kty":"RSA"}"#),
            Err(JwksError::NotAKeySet(JsonShape::SingleJwk))
        );
        assert_eq!(
            parse_jwks(br#"{"keys":{}}"#),
            Err(JwksError::KeysNotArray {
                found: Kind::Object
            })
        );
        assert_eq!(parse_jwks(br#"{"keys":[]}"#), Err(JwksError::EmptySet));
        assert!(matches!(
            parse_jwks(b"<html>login</html>"),
            Err(JwksError::NotJson {
                looks_like_html: true,
                ..
            })
        ));
        assert_eq!(
            parse_jwks(b"\xFF"),
            Err(JwksError::NotUtf8 { valid_up_to: 0 })
        );
    }

    #[test]
    fn wrong_member_types_are_reported_with_the_member() {
        let set = ok(r#"{"keys":[{"kty":"EC","kid":7,"crv":"P-256"}]}"#);
        assert_eq!(
            set.problems.first().map(|p| (&p.reason, &p.kid)),
            Some((
                &KeyError::MemberType {
                    member: "kid",
                    expected: ExpectedType::String,
                    found: Kind::Number
                },
                &None
            ))
        );
    }

    #[test]
    fn an_unusable_private_jwk_is_still_recorded_as_a_pasted_private_key() {
        let set = ok(r#"{"kty":"EC","crv":"P-256","x":"AA","y":"AA","d":"AA"}"#);
        assert!(set.keys.is_empty());
        assert!(set.private_key_pasted());
        let enc =
            ok("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----");
        assert_eq!(
            enc.problems.first().map(|p| (&p.reason, p.private)),
            Some((&KeyError::EncryptedPrivateKey, true))
        );
    }

    #[test]
    fn duplicate_kids_are_listed_once() {
        let ed = r#"{"kty":"OKP","crv":"Ed25519","kid":"a","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
        let set = ok(&format!(r#"{{"keys":[{ed},{ed},{ed}]}}"#));
        assert_eq!(set.duplicate_kids(), vec!["a".to_owned()]);
    }
}
