//! Every sentence about signature verification: the verdict headline, the banner naming the
//! deciding key, one sentence per candidate key (why it was chosen or skipped) and one per
//! finding, with a link to the rule behind it.
//!
//! Owns wording only: takes `verify` values and returns text. Must not verify or decide.

use super::decode::{segment_error, structure_error};
use super::keys;
use crate::jose::Alg;
use crate::verify::{
    Candidate, Decision, Effect, Engine, Engines, Finding, KeyRef, KidMissFrom, PublicKeyForm,
    SecretReading, SkipReason, Verdict, Verification,
};

/// A key's name as used in sentences: "key 3 (kid `es256`)", "the pasted JWK", "PEM block 1";
/// "of key set 2" is added for any set but the first.
pub fn key_name(k: &KeyRef) -> String {
    let base = keys::name(k.source, k.kid.as_deref());
    if k.set == 0 {
        base
    } else {
        format!("{base} of key set {}", k.set.saturating_add(1))
    }
}

/// A key's name with its type: "key 0 (kid `rs-2048`, RSA 2048-bit)".
pub fn key_with_kind(k: &KeyRef) -> String {
    let set = if k.set == 0 {
        String::new()
    } else {
        format!(" of key set {}", k.set.saturating_add(1))
    };
    let kind = keys::kind_short(&k.kind);
    match &k.kid {
        Some(kid) => format!(
            "{}{set} (kid `{}`, {kind})",
            keys::source(k.source),
            kid.escape_debug()
        ),
        None => format!("{}{set} ({kind})", keys::source(k.source)),
    }
}

fn list(keys: &[KeyRef]) -> String {
    let names: Vec<String> = keys.iter().map(key_name).collect();
    match names.as_slice() {
        [] => "no key".to_owned(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn alg(a: &Alg) -> String {
    a.as_str().escape_debug().to_string()
}

/// What a token alg needs, as a phrase: "an RSA key", "an EC P-256 key".
pub fn needs(a: &Alg) -> &'static str {
    match a {
        Alg::HS256 | Alg::HS384 | Alg::HS512 => "a shared HMAC secret",
        Alg::RS256 | Alg::RS384 | Alg::RS512 | Alg::PS256 | Alg::PS384 | Alg::PS512 => "an RSA key",
        Alg::ES256 => "an EC P-256 key",
        Alg::ES384 => "an EC P-384 key",
        Alg::ES512 => "an EC P-521 key",
        Alg::ES256K => "an EC secp256k1 key",
        Alg::EdDSA => "an Ed25519 key",
        Alg::None | Alg::Other(_) => "no key this tool knows",
    }
}

/// The verdict as a short headline.
pub fn verdict(v: Verdict) -> &'static str {
    match v {
        Verdict::Valid => "Signature valid",
        Verdict::Invalid => "Signature invalid",
        Verdict::Unverifiable => "Signature not verified",
        Verdict::Malformed => "Not a well-formed token",
    }
}

/// The banner: the verdict with the algorithm and the deciding key.
pub fn banner(v: &Verification) -> String {
    if v.is_pending() {
        return match &v.alg {
            Some(a) => format!("Checking the {} signature…", alg(a)),
            None => "Checking the signature…".to_owned(),
        };
    }
    let head = verdict(v.verdict());
    match (v.verdict(), &v.alg, v.deciding_key()) {
        (Verdict::Valid, Some(a), Some(k)) => {
            format!("{head}: {} verified with {}.", alg(a), key_with_kind(k))
        }
        (Verdict::Invalid, Some(a), Some(k)) => {
            format!(
                "{head}: {} does not verify with {}.",
                alg(a),
                key_with_kind(k)
            )
        }
        (Verdict::Unverifiable, _, _) if v.kid_not_found().is_some() => format!(
            "{head}: {} has no key with kid `{}`.",
            if v.kid_not_published().is_some() {
                "the issuer's key set"
            } else {
                "the key set"
            },
            v.kid_not_found().unwrap_or("").escape_debug()
        ),
        (verdict, _, _) => {
            let effect = match verdict {
                Verdict::Malformed => Effect::Malformed,
                Verdict::Invalid => Effect::Invalid,
                Verdict::Valid => Effect::Valid,
                Verdict::Unverifiable => Effect::Unverifiable,
            };
            match v
                .findings
                .iter()
                .filter(|f| f.effect() == effect)
                .find_map(short_reason)
            {
                Some(reason) => format!("{head}: {reason}."),
                None => format!("{head}."),
            }
        }
    }
}

/// Who made the signature checks, for the line under the banner (empty when none was made).
pub fn engines(e: &Engines) -> &'static str {
    match (e.webcrypto > 0, e.rustcrypto > 0) {
        (true, false) => "Checked by the browser's own WebCrypto.",
        (false, true) => {
            "Checked by RustCrypto (WebCrypto lacks this algorithm, or this page is not a secure \
             context)."
        }
        (true, true) => {
            "Checked by the browser's WebCrypto, and by RustCrypto where WebCrypto lacks the \
             algorithm or could not check."
        }
        (false, false) => "",
    }
}

/// The second opinion: whether RustCrypto, making the same checks, reached the same result.
pub fn second_opinion(first: &Verification, second: &Verification) -> String {
    if first == second {
        format!(
            "RustCrypto agrees: {}.",
            verdict(second.verdict()).to_ascii_lowercase()
        )
    } else if first.verdict() == second.verdict() {
        format!(
            "RustCrypto reaches the same verdict ({}) with different details: {}",
            verdict(second.verdict()).to_ascii_lowercase(),
            banner(second)
        )
    } else {
        format!(
            "RustCrypto disagrees: WebCrypto says “{}”, RustCrypto says “{}”. Please report \
             this token's header and key type.",
            verdict(first.verdict()).to_ascii_lowercase(),
            verdict(second.verdict()).to_ascii_lowercase()
        )
    }
}

/// The second opinion could not be made (the RustCrypto module did not load).
pub fn second_opinion_failed(error: &str) -> String {
    format!(
        "The RustCrypto check could not run: {}.",
        error.escape_debug()
    )
}

/// A few words for the banner when no single key decides.
pub fn short_reason(f: &Finding) -> Option<&'static str> {
    Some(match f {
        Finding::Structure(_) => "this is not a compact JWT",
        Finding::HeaderUndecodable(_) => "the header cannot be decoded",
        Finding::PayloadUndecodable(_) => "the payload is not base64url",
        Finding::SignatureUndecodable(_) => "the signature is not base64url",
        Finding::Encrypted { .. } => "the token is encrypted (JWE), not signed",
        Finding::AlgMissing => "the header has no alg",
        Finding::AlgMalformed { .. } => "the header's alg is not a string",
        Finding::AlgUnsupported { .. } => "the alg is not supported",
        Finding::AlgNone => "alg none means the token is not signed at all",
        Finding::SignatureEmpty => "the signature part is empty",
        Finding::CritNotUnderstood { .. } => "the header has critical extensions not understood",
        Finding::NoKeys { .. } => "no usable key was given",
        Finding::AlgKeyMismatch { .. } => "the key is of the wrong type for this alg",
        Finding::NoUsableKey { .. } => "no key is allowed for this alg",
        Finding::KeyConfusion { .. } => "an HMAC token cannot be checked with a public key",
        Finding::KeyConfusionForged { .. } => "the token was forged by key confusion",
        Finding::EcdsaDerSignature { .. } => "the ECDSA signature is DER, not raw r ‖ s",
        Finding::EcdsaZero { .. } => "the ECDSA signature is all zeros",
        Finding::SignatureLength { .. } => "the signature has the wrong length",
        Finding::SignatureMismatch { short: Some(_), .. } => "the signature is cut short",
        Finding::SignatureMismatch { .. } => "the signature does not match",
        Finding::TooManyCandidateKeys { .. } => "too many keys fit and the ones tried do not match",
        Finding::SignatureNotChecked { .. } => "the signature could not be checked",
        Finding::RustCryptoUnavailable { .. } => "the RustCrypto check could not run",
        Finding::SignaturePending { .. } => "checking the signature…",
        _ => return None,
    })
}

/// One sentence for one candidate key: why it was chosen or skipped, and what happened.
pub fn step(c: &Candidate, token_alg: Option<&Alg>, token_kid: Option<&str>) -> String {
    let who = key_name(&c.key);
    let full = key_with_kind(&c.key);
    let what = keys::kind(&c.key.kind);
    let a = token_alg.map_or_else(|| "?".to_owned(), alg);
    keys::capitalize(match &c.decision {
        Decision::Skipped(SkipReason::KidDiffers) => format!(
            "{who} skipped: the token asks for kid `{}`.",
            token_kid.unwrap_or("").escape_debug()
        ),
        Decision::Skipped(SkipReason::AsymmetricKeyForHmac) => format!(
            "{who} refused: it is {what} and the token says {a}; using a public key as an HMAC \
             secret is the key-confusion attack."
        ),
        Decision::Skipped(SkipReason::WrongKeyType) => format!(
            "{who} skipped: it is {what} and the token says {a}, which needs {}.",
            token_alg.map_or("a different key", needs)
        ),
        Decision::Skipped(SkipReason::KeyAlgDiffers { key_alg }) => format!(
            "{who} skipped: the key is declared for {} (its alg) and the token says {a}.",
            alg(key_alg)
        ),
        Decision::Skipped(SkipReason::UseNotSig { use_ }) => format!(
            "{who} skipped: its use is \"{}\", not \"sig\".",
            use_.escape_debug()
        ),
        Decision::Skipped(SkipReason::KeyOpsWithoutVerify { key_ops }) => format!(
            "{who} skipped: its key_ops [{}] do not include \"verify\".",
            key_ops.join(", ").escape_debug()
        ),
        Decision::Skipped(SkipReason::AttemptCap { cap }) => format!(
            "{full} fits {a}, but was not tried: at most {cap} keys are tried per token (the \
             keys the kid names first), so a huge key set cannot freeze the page."
        ),
        Decision::NotTried => {
            format!("{full} fits {a}, but was not tried because the signature itself is unusable.")
        }
        Decision::Verified => format!("{full} was tried: the signature matches."),
        Decision::Mismatch => format!("{full} was tried: the signature does not match."),
        Decision::WrongSignatureLength { expected, actual } => format!(
            "{full} was tried: the signature is {actual} bytes, but this key's signatures are \
             {expected} bytes."
        ),
    })
}

fn form(f: PublicKeyForm) -> &'static str {
    match f {
        PublicKeyForm::SpkiPem => "its PEM public key text (with the final newline)",
        PublicKeyForm::SpkiPemNoFinalNewline => "its PEM public key text (without a final newline)",
        PublicKeyForm::Pkcs1Pem => "its PKCS#1 PEM text (with the final newline)",
        PublicKeyForm::Pkcs1PemNoFinalNewline => "its PKCS#1 PEM text (without a final newline)",
        PublicKeyForm::SpkiDer => "its DER SubjectPublicKeyInfo bytes",
        PublicKeyForm::Pkcs1Der => "its DER PKCS#1 bytes",
    }
}

fn reading(r: SecretReading) -> &'static str {
    match r {
        SecretReading::Base64Decoded => {
            "the token was signed with the base64-decoded secret: switch the secret to base64"
        }
        SecretReading::TextAsTyped => {
            "the token was signed with the text itself, not the bytes it decodes to: switch the \
             secret to text"
        }
        SecretReading::TextTrimmed => {
            "the token was signed without the surrounding whitespace or newline: remove it"
        }
        SecretReading::JwkKAsText => {
            "the token was signed with the k string itself as text, not the bytes it encodes"
        }
    }
}

/// One sentence for one finding, naming its values.
pub fn finding(f: &Finding) -> String {
    keys::capitalize(sentence(f))
}

fn sentence(f: &Finding) -> String {
    match f {
        Finding::Structure(e) => structure_error(e),
        Finding::HeaderUndecodable(e)
        | Finding::PayloadUndecodable(e)
        | Finding::SignatureUndecodable(e) => {
            format!("Cannot verify: {}", segment_error(e))
        }
        Finding::Encrypted { alg: a, enc } => format!(
            "This is an encrypted token (JWE{}): it is not signed, so there is no signature to \
             verify; only the intended recipient can decrypt it.",
            match (a, enc) {
                (Some(a), Some(e)) =>
                    format!(", alg {}, enc {}", a.escape_debug(), e.escape_debug()),
                _ => String::new(),
            }
        ),
        Finding::AlgMissing => {
            "The header has no alg, so there is no way to know how it was signed.".to_owned()
        }
        Finding::AlgMalformed { value } => format!(
            "The header's alg is {}, not a string.",
            value.compact().escape_debug()
        ),
        Finding::AlgUnsupported { alg: a } => format!(
            "The alg \"{}\" is not a JWS signature algorithm this tool verifies (HS256/384/512, \
             RS256/384/512, PS256/384/512, ES256/384/512, ES256K, EdDSA; names are \
             case-sensitive).",
            a.escape_debug()
        ),
        Finding::SignatureEmpty => "The signature part is empty: only the header and payload are \
                                    here (left out to redact or share the token, or cut off when \
                                    copied), so there is nothing to verify. Sent like this, no \
                                    server accepts it."
            .to_owned(),
        Finding::AlgNone => "The token says alg none: it carries no signature at all. An \
                             unsecured token is never accepted as verified, whatever key is given."
            .to_owned(),
        Finding::CritNotUnderstood { names } => format!(
            "The header marks {} as critical, and this verifier does not implement {}; RFC 7515 \
             requires such a token to be rejected.",
            names.join(", ").escape_debug(),
            if names.len() == 1 { "it" } else { "them" }
        ),
        Finding::NoKeys { problems: 0 } => {
            "No key was given, so the signature cannot be checked.".to_owned()
        }
        Finding::NoKeys { problems } => format!(
            "None of the given keys could be read ({problems} skipped; see the key problems), so \
             the signature cannot be checked."
        ),
        Finding::KidNotFound {
            kid,
            available,
            broken_entries,
            keys,
        } => {
            let mut s = format!(
                "The token's kid `{}` is not in the {} (it has {}).",
                kid.escape_debug(),
                match keys {
                    KidMissFrom::Issuer | KidMissFrom::IssuerBeforeIssue => {
                        "key set fetched for its issuer"
                    }
                    KidMissFrom::Given => "key set",
                },
                if available.is_empty() {
                    "no kids".to_owned()
                } else {
                    available
                        .iter()
                        .map(|k| format!("`{}`", k.escape_debug()))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            );
            if let Some(i) = broken_entries.first() {
                s.push_str(&format!(
                    " Key {i} has that kid but could not be read (see the key problems)."
                ));
            } else if *keys == KidMissFrom::IssuerBeforeIssue {
                // G11: keys rotate; a set fetched before the token was issued cannot speak for
                // a key published since.
                s.push_str(
                    " The keys were fetched before the token was issued (its iat), so the issuer \
                     may have published that key since: fetch its keys again.",
                );
            } else if *keys == KidMissFrom::Issuer {
                // G11: the issuer's own set (fetched once more for a missing kid).
                s.push_str(
                    " The issuer does not publish that key: the token comes from another pool, \
                     region, tenant or environment than its iss says, or the key was retired or \
                     is newer than the fetch.",
                );
            } else {
                // G11, §5.2: a kid missing from the key set is mostly the wrong issuer's keys
                // (pool, region, tenant, environment), rotation the rarer cause.
                s.push_str(
                    " These are usually not the keys of the token's issuer (another pool, region, \
                     tenant or environment): check them against its iss. If they are, the key \
                     may be new: fetch the key set again.",
                );
            }
            s
        }
        Finding::AlgKeyMismatch { alg: a, keys: ks } => format!(
            "The token says {} and needs {}, but {} {}.",
            alg(a),
            needs(a),
            if ks.len() == 1 {
                "the key is"
            } else {
                "the keys are"
            },
            ks.iter()
                .map(|k| keys::kind(&k.kind))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Finding::NoUsableKey { alg: a, skipped } => format!(
            "No key may verify {}: {skipped} {} of the right type but declared for another \
             algorithm or use (see the steps).",
            alg(a),
            if *skipped == 1 { "key is" } else { "keys are" }
        ),
        Finding::KeyConfusion { alg: a, keys: ks } => format!(
            "Not verified: the token says {} (an HMAC shared secret), but {} {} public. Checking \
             an HMAC signature with a public key is the key-confusion attack: anyone who has the \
             public key could have made this token. The issuer's real algorithm decides, not the \
             token's header.",
            alg(a),
            list(ks),
            if ks.len() == 1 { "is" } else { "are" }
        ),
        Finding::KeyConfusionForged {
            alg: a,
            key,
            form: f,
        } => format!(
            "This token was forged by key confusion: its {} signature is an HMAC keyed with {} \
             of {}. A library that lets the token's alg pick the algorithm would accept it.",
            alg(a),
            form(*f),
            key_name(key)
        ),
        Finding::EcdsaDerSignature {
            alg: a,
            actual,
            expected,
            verifies_with,
        } => {
            let mut s = format!(
                "The {} signature is {actual} bytes of ASN.1 DER; JWS requires the raw r ‖ s form \
                 of exactly {expected} bytes (RFC 7518 §3.4).",
                alg(a)
            );
            if let Some(k) = verifies_with {
                s.push_str(&format!(
                    " Converted to r ‖ s it would verify with {}: the signer is using a DER \
                     signing API and must convert its output.",
                    key_name(k)
                ));
            }
            s
        }
        Finding::EcdsaZero {
            alg: a,
            r_zero,
            s_zero,
        } => format!(
            "The {} signature has {} equal to zero, which no genuine ECDSA signature has; it is \
             the \"psychic signature\" forgery (CVE-2022-21449) and is rejected.",
            alg(a),
            match (r_zero, s_zero) {
                (true, true) => "r and s",
                (true, false) => "r",
                _ => "s",
            }
        ),
        Finding::SignatureLength {
            alg: a,
            expected,
            actual,
        } => format!(
            "The signature is {actual} bytes, but a {} signature is always {expected} bytes.",
            alg(a)
        ),
        Finding::SignatureMismatch {
            alg: a,
            keys: ks,
            short: Some((expected, actual)),
        } => format!(
            "The {} signature is {actual} bytes, shorter than the {expected} of {}: the token \
             was likely cut off when copied. Paste it whole.",
            alg(a),
            list(ks)
        ),
        Finding::SignatureMismatch {
            alg: a, keys: ks, ..
        } => format!(
            "The {} signature does not match {}: the token was altered, or signed with another \
             key.",
            alg(a),
            list(ks)
        ),
        Finding::SignatureNotChecked {
            alg: a,
            keys: ks,
            error,
        } => format!(
            "The {} signature could not be checked against {}: the crypto engine failed with \
             {}, so nothing can be said about the signature yet.",
            alg(a),
            list(ks),
            error.escape_debug()
        ),
        Finding::RustCryptoUnavailable {
            alg: a,
            keys: ks,
            reason,
        } => format!(
            "The {} check against {} could not be made: WebCrypto lacks this algorithm, and the \
             RustCrypto check could not run: {}. Nothing can be said about the signature.",
            alg(a),
            list(ks),
            reason.escape_debug()
        ),
        Finding::SignaturePending {
            alg: a,
            engine,
            checks,
        } => format!(
            "The {} signature is being checked with {} ({checks} {}); the verdict follows.",
            alg(a),
            match engine {
                Engine::WebCrypto => "the browser's WebCrypto",
                Engine::RustCrypto => "RustCrypto (WebCrypto lacks this algorithm)",
            },
            if *checks == 1 { "check" } else { "checks" }
        ),
        Finding::SignatureValid { alg: a, key } => {
            format!("The {} signature matches {}.", alg(a), key_with_kind(key))
        }
        Finding::NoKidMultipleKeys { tried, verified } => format!(
            "The token has no kid, so all {} compatible keys were tried; it verified with {}.",
            tried.len(),
            list(verified)
        ),
        Finding::OtherKeyVerifies { key } => format!(
            "The signature does match {}, a key the token's kid does not name: the token names \
             the wrong kid, or keys were mixed up.",
            key_name(key)
        ),
        Finding::HmacSecretEncoding {
            key,
            used,
            works_as,
        } => format!(
            "{} was {}, but {}.",
            key_name(key),
            keys::hmac_encoding(*used),
            reading(*works_as)
        ),
        Finding::WeakRsaKey { key, bits } => format!(
            "{} is only {bits} bits; RSA keys for JWS must be at least 2048 bits (RFC 7518 §3.3). \
             The signature was still checked.",
            key_name(key)
        ),
        Finding::HmacKeyTooShort {
            key,
            bytes,
            minimum,
        } => format!(
            "{} is {bytes} bytes; an HMAC key for this algorithm must be at least {minimum} bytes \
             (RFC 7518 §3.2), and short secrets can be guessed offline from any token.",
            key_name(key)
        ),
        Finding::PrivateKeyPasted { key } => keys::private_key_warning(&key_name(key), key.format),
        Finding::EcdsaHighS { key } => format!(
            "Before checking with {}, the signature's s was moved from the upper half of the \
             group order to the lower one: RFC 8812 allows either, but Bitcoin-style secp256k1 \
             verifiers refuse a high s.",
            key_name(key)
        ),
        Finding::HeaderKeyIgnored { param } => format!(
            "The header carries {param}, a key or key location chosen by whoever made the token; \
             it is ignored, because trusting it would let anyone sign their own tokens."
        ),
        Finding::KeySetLarge { bytes, issuers } => format!(
            "{} is {}: an API Gateway HTTP API's JWT authorizer reads at most 150,000 bytes \
             of an issuer's key set.",
            if *issuers {
                "The issuer's key set"
            } else {
                "The key set given"
            },
            super::fetch::bytes(*bytes as u64)
        ),
        Finding::KidMalformed { value } => format!(
            "The header's kid is {}, not a string, so it cannot select a key.",
            value.compact().escape_debug()
        ),
        Finding::TooManyCandidateKeys {
            alg: a,
            tried,
            untried,
        } => format!(
            "The {} signature does not match {}, and {untried} more compatible key(s) were not \
             tried: at most {} keys are tried per token, so the signature could not be checked. \
             Give the token a kid that names its key, or paste only the key that signed it.",
            alg(a),
            list(tried),
            tried.len()
        ),
        Finding::KeyAttemptsCapped {
            cap,
            untried,
            unchecked,
        } => {
            let mut parts = Vec::new();
            if *untried > 0 {
                parts.push(format!("{untried} more compatible key(s) were not tried"));
            }
            if *unchecked > 0 {
                parts.push(format!(
                    "{unchecked} other key(s) were not checked for a kid mix-up or key confusion"
                ));
            }
            format!(
                "At most {cap} signature checks are made per token: {}. The verdict does not \
                 depend on them.",
                parts.join(", and ")
            )
        }
        Finding::PastedKeyKidDiffers { token_kid, key } => format!(
            "The token asks for kid `{}` but {} has another kid; it was tried anyway because it \
             was pasted on its own.",
            token_kid.escape_debug(),
            key_name(key)
        ),
    }
}

/// Where the rule behind a finding is written down.
pub fn link(f: &Finding) -> Option<&'static str> {
    Some(match f {
        Finding::Structure(_)
        | Finding::HeaderUndecodable(_)
        | Finding::PayloadUndecodable(_)
        | Finding::SignatureUndecodable(_)
        | Finding::SignatureEmpty => "https://www.rfc-editor.org/rfc/rfc7515#section-7.1",
        Finding::Encrypted { .. } => "https://www.rfc-editor.org/rfc/rfc7516",
        Finding::AlgMissing | Finding::AlgMalformed { .. } | Finding::AlgUnsupported { .. } => {
            "https://www.rfc-editor.org/rfc/rfc7518#section-3.1"
        }
        Finding::AlgNone => "https://www.rfc-editor.org/rfc/rfc8725#section-3.2",
        Finding::CritNotUnderstood { .. } => {
            "https://www.rfc-editor.org/rfc/rfc7515#section-4.1.11"
        }
        Finding::KidNotFound { .. } | Finding::PastedKeyKidDiffers { .. } => {
            "https://www.rfc-editor.org/rfc/rfc7515#section-4.1.4"
        }
        Finding::KeyConfusion { .. } | Finding::KeyConfusionForged { .. } => {
            "https://www.rfc-editor.org/rfc/rfc8725#section-2.1"
        }
        Finding::EcdsaDerSignature { .. } => "https://www.rfc-editor.org/rfc/rfc7518#section-3.4",
        Finding::EcdsaZero { .. } => "https://nvd.nist.gov/vuln/detail/CVE-2022-21449",
        Finding::WeakRsaKey { .. } => "https://www.rfc-editor.org/rfc/rfc7518#section-3.3",
        Finding::HmacKeyTooShort { .. } | Finding::HmacSecretEncoding { .. } => {
            "https://www.rfc-editor.org/rfc/rfc7518#section-3.2"
        }
        Finding::EcdsaHighS { .. } => "https://www.rfc-editor.org/rfc/rfc8812#section-3.2",
        Finding::HeaderKeyIgnored { .. } => "https://www.rfc-editor.org/rfc/rfc8725#section-3.10",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::jwk::{Curve, KeyFormat, KeyKind, KeySource};

    fn es256_key() -> KeyRef {
        KeyRef {
            set: 0,
            index: 3,
            kid: Some("es256".into()),
            source: KeySource::JwksEntry { index: 3 },
            format: KeyFormat::Jwk,
            kind: KeyKind::Ec { curve: Curve::P256 },
        }
    }

    #[test]
    fn an_unknown_kid_points_at_the_issuers_keys_before_rotation() {
        // §5.2 / G11: mostly the wrong pool's or tenant's keys; rotation is the rarer cause.
        let text = finding(&Finding::KidNotFound {
            kid: "k9".into(),
            available: vec!["k1".into()],
            broken_entries: vec![],
            keys: KidMissFrom::Given,
        });
        let issuer = text
            .find("not the keys of the token's issuer")
            .expect(&text);
        let refetch = text.find("fetch the key set again").expect(&text);
        assert!(issuer < refetch, "{text}");
        assert!(!text.contains("rotated"), "{text}");
    }

    #[test]
    fn a_kid_the_issuers_own_key_set_lacks_is_not_blamed_on_the_keys_given() {
        // G11: the set was fetched for the token's issuer, so doubting whose keys they are
        // would send the user the wrong way.
        let text = finding(&Finding::KidNotFound {
            kid: "k9".into(),
            available: vec!["k1".into()],
            broken_entries: vec![],
            keys: KidMissFrom::Issuer,
        });
        assert!(text.contains("fetched for its issuer"), "{text}");
        assert!(text.contains("does not publish that key"), "{text}");
        assert!(!text.contains("usually not the keys"), "{text}");
    }

    #[test]
    fn a_kid_missing_from_the_issuers_keys_fetched_before_the_token_asks_for_a_new_fetch() {
        // G11: keys rotate; neither "does not publish" nor "not the issuer's keys".
        let text = finding(&Finding::KidNotFound {
            kid: "k9".into(),
            available: vec!["k1".into()],
            broken_entries: vec![],
            keys: KidMissFrom::IssuerBeforeIssue,
        });
        assert!(text.contains("fetched for its issuer"), "{text}");
        assert!(
            text.contains("fetched before the token was issued"),
            "{text}"
        );
        assert!(text.contains("fetch its keys again"), "{text}");
        assert!(!text.contains("does not publish"), "{text}");
        assert!(!text.contains("usually not the keys"), "{text}");
    }

    #[test]
    fn a_tried_key_names_its_kid_and_type_in_one_parenthesis() {
        let c = Candidate {
            key: es256_key(),
            decision: Decision::Verified,
        };
        assert_eq!(
            step(&c, Some(&Alg::ES256), Some("es256")),
            "Key 3 (kid `es256`, EC P-256) was tried: the signature matches."
        );
    }

    #[test]
    fn a_skipped_key_names_its_index_kid_type_and_the_token_alg() {
        let c = Candidate {
            key: es256_key(),
            decision: Decision::Skipped(SkipReason::WrongKeyType),
        };
        let s = step(&c, Some(&Alg::RS256), None);
        assert_eq!(
            s,
            "Key 3 (kid `es256`) skipped: it is an EC P-256 key and the token says RS256, which \
             needs an RSA key."
        );
    }

    #[test]
    fn every_finding_has_a_sentence() {
        let k = es256_key();
        for f in [
            Finding::AlgNone,
            Finding::SignatureValid {
                alg: Alg::ES256,
                key: k.clone(),
            },
            Finding::PrivateKeyPasted { key: k.clone() },
            Finding::SignatureNotChecked {
                alg: Alg::ES256,
                keys: vec![k.clone()],
                error: "DataError".into(),
            },
            Finding::RustCryptoUnavailable {
                alg: Alg::ES256K,
                keys: vec![k.clone()],
                reason: "the RustCrypto worker did not load".into(),
            },
            Finding::SignaturePending {
                alg: Alg::ES256,
                engine: Engine::WebCrypto,
                checks: 2,
            },
            Finding::KidNotFound {
                kid: "x".into(),
                available: vec!["a".into()],
                broken_entries: vec![],
                keys: KidMissFrom::Issuer,
            },
        ] {
            assert!(finding(&f).ends_with('.'), "{f:?}");
        }
    }
}
