//! Signature verification and key parsing, driven by the committed fixtures in
//! `tests/fixtures/jose/` (see its README for how each file was made). Asserts verdicts,
//! finding codes and enum variants — never prose.

use std::path::PathBuf;
use tokenlens::jose::jwk::{
    self, der, parse_jwks, parse_key_input, Curve, HmacEncoding, KeyError, KeyFormat, KeyKind,
    KeySet, PublicKey, SecretEncoding, SetOrigin,
};
use tokenlens::jose::{SegmentErrorKind, StructureError};
use tokenlens::verify::{
    conclude, plan_compact, rustcrypto, verify_compact, Attempt, Decision, Finding, Hash,
    ImportFormat, Outcome, Plan, PublicKeyForm, Purpose, Round, SecretReading, SkipReason, Verdict,
    Verification, WebCryptoAlg,
};

fn fixture_path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/jose")
        .join(rel)
}

fn fixture_bytes(rel: &str) -> Vec<u8> {
    std::fs::read(fixture_path(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
}

fn fixture_text(rel: &str) -> String {
    String::from_utf8(fixture_bytes(rel)).unwrap_or_else(|e| panic!("{rel} is not UTF-8: {e}"))
}

fn json(rel: &str) -> serde_json::Value {
    serde_json::from_slice(&fixture_bytes(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// One entry of `tokens.json`.
struct Case {
    name: String,
    token: String,
    keys: String,
    expect: String,
    why: String,
    hmac_key_encoding: Option<String>,
}

fn cases() -> Vec<Case> {
    let all = json("tokens.json");
    let list = all
        .as_array()
        .unwrap_or_else(|| panic!("tokens.json is an array"));
    list.iter()
        .map(|c| {
            let s = |k: &str| c.get(k).and_then(|v| v.as_str()).map(str::to_owned);
            Case {
                name: s("name").unwrap_or_default(),
                token: s("token").unwrap_or_default(),
                keys: s("keys").unwrap_or_default(),
                expect: s("expect").unwrap_or_default(),
                why: s("why").unwrap_or_default(),
                hmac_key_encoding: s("hmac_key_encoding"),
            }
        })
        .collect()
}

fn case(name: &str) -> Case {
    cases()
        .into_iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no case {name}"))
}

/// Loads a case's keys the way the app does: a key-set file as a fetched body, anything else
/// as pasted text (HMAC secrets read as the case says).
fn load_keys(rel: &str, hmac_key_encoding: Option<&str>) -> KeySet {
    if rel.starts_with("jwks/") {
        return parse_jwks(&fixture_bytes(rel)).unwrap_or_else(|e| panic!("{rel}: {e:?}"));
    }
    let encoding = match hmac_key_encoding {
        Some("base64url") => SecretEncoding::Base64,
        _ => SecretEncoding::Text,
    };
    parse_key_input(&fixture_text(rel), encoding).unwrap_or_else(|e| panic!("{rel}: {e:?}"))
}

fn run(c: &Case) -> Verification {
    let set = load_keys(&c.keys, c.hmac_key_encoding.as_deref());
    verify_compact(&c.token, &[&set])
}

/// The finding codes each fixture `why` must produce.
fn codes_for_why(why: &str) -> &'static [&'static str] {
    match why {
        "ok" => &["signature_valid"],
        "weak_rsa_key" => &["signature_valid", "weak_rsa_key"],
        "private_key_pasted" => &["signature_valid", "private_key_pasted"],
        "no_kid_multiple_keys" => &["signature_valid", "no_kid_multiple_keys"],
        "signature_mismatch" => &["signature_mismatch"],
        "wrong_key" | "kid_swapped" => &["signature_mismatch", "other_key_verifies"],
        "hmac_secret_encoding" => &["signature_mismatch", "hmac_secret_encoding"],
        "key_confusion" => &["key_confusion", "key_confusion_forged"],
        "alg_none" => &["alg_none"],
        "ecdsa_der_signature" => &["ecdsa_der_signature"],
        "ecdsa_zero" => &["ecdsa_zero"],
        "kid_not_found" => &["kid_not_found"],
        "alg_key_mismatch" => &["alg_key_mismatch"],
        "segment_count" => &["token_structure"],
        "header_not_json" => &["header_undecodable"],
        "signature_not_base64url" => &["signature_undecodable"],
        other => panic!("fixture why {other:?} has no mapping: add one"),
    }
}

#[test]
fn every_token_fixture_gets_its_expected_verdict_and_reason() {
    let all = cases();
    assert!(all.len() >= 55, "tokens.json has {} cases", all.len());
    let mut failures = Vec::new();
    for c in &all {
        let v = run(c);
        let got = v.verdict().as_str();
        if got != c.expect {
            failures.push(format!(
                "{}: expected {}, got {got} ({:?})",
                c.name,
                c.expect,
                v.codes()
            ));
        }
        for code in codes_for_why(&c.why) {
            if !v.has(code) {
                failures.push(format!("{}: missing {code} in {:?}", c.name, v.codes()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_valid_fixture_names_the_key_that_verified_it() {
    for c in cases().iter().filter(|c| c.expect == "valid") {
        let v = run(c);
        let key = v
            .deciding_key()
            .unwrap_or_else(|| panic!("{}: no deciding key", c.name));
        assert!(
            v.candidates
                .iter()
                .any(|cand| cand.key == *key && cand.decision == Decision::Verified),
            "{}",
            c.name
        );
    }
}

#[test]
fn every_rfc_vector_verifies_as_published() {
    let vectors = json("rfc/vectors.json");
    let list = vectors
        .as_array()
        .unwrap_or_else(|| panic!("vectors.json is an array"));
    assert_eq!(list.len(), 6);
    for vector in list {
        let source = vector.get("source").and_then(|s| s.as_str()).unwrap_or("?");
        let token = vector.get("token").and_then(|s| s.as_str()).unwrap_or("");
        let expect = vector.get("expect").and_then(|s| s.as_str()).unwrap_or("");
        let set = match vector.get("jwk") {
            Some(jwk) if !jwk.is_null() => Some(
                parse_key_input(&jwk.to_string(), SecretEncoding::Text)
                    .unwrap_or_else(|e| panic!("{source}: {e:?}")),
            ),
            _ => None,
        };
        let sets: Vec<&KeySet> = set.iter().collect();
        let v = verify_compact(token, &sets);
        assert_eq!(v.verdict().as_str(), expect, "{source}: {:?}", v.codes());
        if let Some(why) = vector.get("why").and_then(|s| s.as_str()) {
            assert!(v.has(why), "{source}: {:?}", v.codes());
        }
    }
}

#[test]
fn rfc_vectors_published_with_private_members_are_flagged_as_pasted_private_keys() {
    let vectors = json("rfc/vectors.json");
    let a2 = vectors
        .as_array()
        .and_then(|l| {
            l.iter()
                .find(|v| v.get("source").and_then(|s| s.as_str()) == Some("RFC 7515 A.2"))
        })
        .unwrap_or_else(|| panic!("A.2 present"));
    let jwk_text = a2.get("jwk").map(|j| j.to_string()).unwrap_or_default();
    let set = parse_key_input(&jwk_text, SecretEncoding::Text).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        set.keys.first().map(|k| k.format),
        Some(KeyFormat::JwkPrivate)
    );
    let token = a2.get("token").and_then(|t| t.as_str()).unwrap_or("");
    let v = verify_compact(token, &[&set]);
    assert_eq!(v.verdict(), Verdict::Valid);
    assert!(v.has("private_key_pasted"));
}

#[test]
fn a_jwks_with_broken_entries_reports_each_with_index_kid_and_reason_and_keeps_the_rest() {
    let set =
        parse_jwks(&fixture_bytes("jwks/one-broken.json")).unwrap_or_else(|e| panic!("{e:?}"));
    let expect = json("jwks/one-broken.expect.json");
    assert_eq!(
        Some(set.entries as u64),
        expect.get("total_entries").and_then(|t| t.as_u64())
    );
    let usable: Vec<String> = expect
        .get("usable_kids")
        .and_then(|u| u.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|k| k.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(set.kids(), usable);
    let broken = expect
        .get("broken")
        .and_then(|b| b.as_array())
        .cloned()
        .unwrap_or_default();
    assert_eq!(set.problems.len(), broken.len());
    for (problem, want) in set.problems.iter().zip(&broken) {
        assert_eq!(
            Some(problem.index as u64),
            want.get("index").and_then(|i| i.as_u64())
        );
        assert_eq!(
            problem.kid.as_deref(),
            want.get("kid").and_then(|k| k.as_str()),
            "{problem:?}"
        );
        assert_eq!(
            Some(problem.reason.code()),
            want.get("reason").and_then(|r| r.as_str()),
            "{problem:?}"
        );
    }
}

#[test]
fn the_good_keys_of_a_partly_broken_jwks_still_verify() {
    let set =
        parse_jwks(&fixture_bytes("jwks/one-broken.json")).unwrap_or_else(|e| panic!("{e:?}"));
    for name in [
        "rs256_valid",
        "ps512_valid",
        "es256_valid",
        "es512_valid",
        "es256k_valid",
        "eddsa_valid",
    ] {
        let v = verify_compact(&case(name).token, &[&set]);
        assert_eq!(v.verdict(), Verdict::Valid, "{name}: {:?}", v.codes());
    }
}

#[test]
fn the_broken_entries_carry_the_precise_reason_variants() {
    let set =
        parse_jwks(&fixture_bytes("jwks/one-broken.json")).unwrap_or_else(|e| panic!("{e:?}"));
    let reasons: Vec<&KeyError> = set.problems.iter().map(|p| &p.reason).collect();
    assert!(matches!(reasons.first(), Some(KeyError::UnknownKty { kty }) if kty == "XYZ"));
    assert!(matches!(
        reasons.get(1),
        Some(KeyError::BadBase64 { member: "n", .. })
    ));
    assert_eq!(
        reasons.get(2),
        Some(&&KeyError::MissingMember { member: "y" })
    );
    assert_eq!(reasons.get(3), Some(&&KeyError::SymmetricKey));
    assert!(matches!(reasons.get(4), Some(KeyError::NotAnObject { .. })));
}

#[test]
fn an_hs256_token_keyed_with_the_rsa_pem_is_named_as_forged_by_key_confusion() {
    let v = run(&case("hs256_key_confusion_rsa_public_key"));
    assert_eq!(v.verdict(), Verdict::Invalid);
    assert!(v.findings.iter().any(|f| matches!(
        f,
        Finding::KeyConfusionForged {
            form: PublicKeyForm::SpkiPem,
            ..
        }
    )));
    assert!(v
        .candidates
        .iter()
        .all(|c| c.decision == Decision::Skipped(SkipReason::AsymmetricKeyForHmac)));
}

#[test]
fn a_kid_missing_from_the_set_is_told_apart_and_lists_the_sets_kids() {
    let v = run(&case("rs256_kid_not_in_jwks"));
    assert_eq!(v.kid_not_found(), Some("rs-2048-retired"));
    let available = v.findings.iter().find_map(|f| match f {
        Finding::KidNotFound { available, .. } => Some(available.clone()),
        _ => None,
    });
    assert_eq!(
        available.map(|a| a.len()),
        Some(load_keys("jwks/all.json", None).keys.len())
    );
    // Other unverifiable causes are not mistaken for it.
    assert_eq!(run(&case("es256_against_rsa_key")).kid_not_found(), None);
}

#[test]
fn a_token_without_kid_tries_every_compatible_key_and_says_which_verified() {
    let v = run(&case("rs256_no_kid_several_rsa_keys"));
    let found = v.findings.iter().find_map(|f| match f {
        Finding::NoKidMultipleKeys { tried, verified } => Some((tried.len(), verified.clone())),
        _ => None,
    });
    let (tried, verified) = found.unwrap_or_else(|| panic!("{:?}", v.codes()));
    assert!(tried >= 2);
    assert_eq!(
        verified.first().and_then(|k| k.kid.as_deref()),
        Some("rs-2048")
    );
    // Keys declared for other algorithms were skipped with that reason.
    assert!(v.candidates.iter().any(|c| matches!(
        c.decision,
        Decision::Skipped(SkipReason::KeyAlgDiffers { .. })
    )));
}

#[test]
fn every_candidate_key_has_a_decision_with_the_kid_filter_applied_first() {
    let v = run(&case("es256_valid"));
    let all = load_keys("jwks/all.json", None);
    assert_eq!(v.candidates.len(), all.keys.len());
    for c in &v.candidates {
        if c.key.kid.as_deref() == Some("es256") {
            assert_eq!(c.decision, Decision::Verified);
        } else {
            assert_eq!(c.decision, Decision::Skipped(SkipReason::KidDiffers));
        }
    }
}

#[test]
fn a_der_ecdsa_signature_is_refused_but_said_to_verify_once_converted() {
    let v = run(&case("es256_der_signature"));
    let f = v.findings.iter().find_map(|f| match f {
        Finding::EcdsaDerSignature {
            expected,
            verifies_with,
            ..
        } => Some((*expected, verifies_with.clone())),
        _ => None,
    });
    let (expected, verifies_with) = f.unwrap_or_else(|| panic!("{:?}", v.codes()));
    assert_eq!(expected, 64);
    assert_eq!(verifies_with.and_then(|k| k.kid), Some("es256".to_owned()));
    assert!(v
        .candidates
        .iter()
        .any(|c| c.decision == Decision::NotTried));
}

#[test]
fn a_zero_ecdsa_signature_is_refused_before_any_key_is_tried() {
    let v = run(&case("es256_zero_signature"));
    assert!(v.findings.contains(&Finding::EcdsaZero {
        alg: tokenlens::jose::Alg::ES256,
        r_zero: true,
        s_zero: true
    }));
    assert!(!v
        .candidates
        .iter()
        .any(|c| matches!(c.decision, Decision::Verified | Decision::Mismatch)));
}

#[test]
fn a_base64_secret_used_as_text_is_diagnosed_as_a_secret_encoding_mix_up() {
    let v = run(&case("hs256_base64_secret_used_as_text"));
    assert!(v.findings.iter().any(|f| matches!(
        f,
        Finding::HmacSecretEncoding {
            used: HmacEncoding::Text,
            works_as: SecretReading::Base64Decoded,
            ..
        }
    )));
}

#[test]
fn the_hmac_secret_records_which_encoding_was_used() {
    let text = load_keys("keys/hmac-text.txt", Some("utf8"));
    assert_eq!(
        text.keys.first().map(|k| k.kind()),
        Some(KeyKind::Hmac {
            bytes: 78,
            encoding: HmacEncoding::Text
        })
    );
    let b64 = load_keys("keys/hmac-base64.txt", Some("base64url"));
    assert_eq!(
        b64.keys.first().map(|k| k.kind()),
        Some(KeyKind::Hmac {
            bytes: 64,
            encoding: HmacEncoding::Base64Url
        })
    );
}

#[test]
fn tampered_and_wrong_key_tokens_name_the_key_that_was_tried() {
    let v = run(&case("rs256_signed_by_other_key_same_kid"));
    assert_eq!(
        v.deciding_key().and_then(|k| k.kid.as_deref()),
        Some("rs-2048")
    );
    assert!(v.findings.iter().any(|f| matches!(
        f,
        Finding::OtherKeyVerifies { key } if key.kid.as_deref() == Some("rs-2048-b")
    )));
}

#[test]
fn malformed_tokens_carry_the_segment_and_reason() {
    let v = run(&case("two_segments"));
    assert_eq!(
        v.findings,
        vec![Finding::Structure(StructureError::WrongSegmentCount {
            count: 2
        })]
    );
    let v = run(&case("header_not_json"));
    assert!(v.findings.iter().any(|f| matches!(
        f,
        Finding::HeaderUndecodable(e) if matches!(e.kind, SegmentErrorKind::Json(_))
    )));
    let v = run(&case("signature_not_base64url"));
    assert!(v.findings.iter().any(|f| matches!(
        f,
        Finding::SignatureUndecodable(e) if matches!(e.kind, SegmentErrorKind::Base64(_))
    )));
}

#[test]
fn every_public_format_of_a_key_yields_the_same_material() {
    let formats = [
        ("public/rsa2048.spki.pem", KeyFormat::Spki),
        ("public/rsa2048.pkcs1.pem", KeyFormat::Pkcs1),
        ("public/rsa2048.jwk.json", KeyFormat::Jwk),
        ("public/rsa2048.cert.pem", KeyFormat::Certificate),
        ("public/rsa2048.x5c.jwk.json", KeyFormat::JwkX5c),
        ("private/rsa2048.private.jwk.json", KeyFormat::JwkPrivate),
        ("private/rsa2048.pkcs1.private.pem", KeyFormat::Pkcs1Private),
        ("keys/rsa2048.pkcs8.pem", KeyFormat::Pkcs8Private),
    ];
    let mut materials = Vec::new();
    for (rel, format) in formats {
        let set = load_keys(rel, None);
        assert!(set.problems.is_empty(), "{rel}: {:?}", set.problems);
        let key = set.keys.first().unwrap_or_else(|| panic!("{rel}: no key"));
        assert_eq!(key.format, format, "{rel}");
        assert!(key.notes.is_empty(), "{rel}: {:?}", key.notes);
        materials.push(key.material.clone());
    }
    assert!(materials.windows(2).all(|w| w.first() == w.get(1)));
    assert!(matches!(
        materials.first(),
        Some(PublicKey::Rsa { bits: 2048, .. })
    ));

    let p256 = [
        "public/p256.spki.pem",
        "public/p256.jwk.json",
        "public/p256.cert.pem",
        "private/p256.private.jwk.json",
        "private/p256.sec1.private.pem",
        "keys/p256.pkcs8.pem",
    ];
    let ec: Vec<PublicKey> = p256
        .iter()
        .filter_map(|rel| {
            load_keys(rel, None)
                .keys
                .first()
                .map(|k| k.material.clone())
        })
        .collect();
    assert_eq!(ec.len(), p256.len());
    assert!(ec.windows(2).all(|w| w.first() == w.get(1)));
    assert!(matches!(
        ec.first(),
        Some(PublicKey::Ec {
            curve: Curve::P256,
            ..
        })
    ));
}

#[test]
fn every_private_key_fixture_is_reduced_to_its_public_half() {
    for rel in [
        "keys/rsa2048.pkcs8.pem",
        "keys/rsa1024.pkcs8.pem",
        "keys/p256.pkcs8.pem",
        "keys/p384.pkcs8.pem",
        "keys/p521.pkcs8.pem",
        "keys/secp256k1.pkcs8.pem",
        "keys/ed25519.pkcs8.pem",
        "private/rsa2048.pkcs1.private.pem",
        "private/p256.sec1.private.pem",
        "private/rsa2048.private.jwk.json",
        "private/p256.private.jwk.json",
    ] {
        let set = load_keys(rel, None);
        assert!(set.private_key_pasted(), "{rel}");
        assert_eq!(set.keys.len(), 1, "{rel}: {:?}", set.problems);
    }
}

/// `[a, b, c, …]` as `Debug` prints the start of a byte vector.
fn debug_prefix(bytes: &[u8]) -> String {
    bytes
        .iter()
        .take(8)
        .map(|b| b.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn b64url(text: &str) -> Vec<u8> {
    tokenlens::jose::b64::decode(text)
        .map(|d| d.bytes)
        .unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn no_private_member_of_a_pasted_private_jwk_survives_in_any_debug_output() {
    for (rel, token_case) in [
        ("private/rsa2048.private.jwk.json", "rs256_valid"),
        ("private/p256.private.jwk.json", "es256_valid"),
    ] {
        let text = fixture_text(rel);
        let jwk_json = json(rel);
        let set = parse_key_input(&text, SecretEncoding::Text).unwrap_or_else(|e| panic!("{e:?}"));
        let v = verify_compact(&case(token_case).token, &[&set]);
        let debug = format!("{set:?}\n{v:?}");
        for member in ["d", "p", "q", "dp", "dq", "qi"] {
            let Some(value) = jwk_json.get(member).and_then(|m| m.as_str()) else {
                continue;
            };
            assert!(!debug.contains(value), "{rel}: {member} text leaked");
            assert!(
                !debug.contains(&debug_prefix(&b64url(value))),
                "{rel}: {member} bytes leaked"
            );
        }
    }
}

#[test]
fn no_private_scalar_of_a_pasted_private_pem_survives_in_any_debug_output() {
    let pem_der = |rel: &str| {
        let text = fixture_text(rel);
        let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
        jwk::pem::base64_body(&body).unwrap_or_else(|e| panic!("{e:?}"))
    };
    // SEC 1 and PKCS#8 EC: the private scalar.
    let sec1 = pem_der("private/p256.sec1.private.pem");
    let scalar = der::ec_private_key(&sec1)
        .map(|k| k.scalar.to_vec())
        .unwrap_or_else(|e| panic!("{e:?}"));
    let set = load_keys("private/p256.sec1.private.pem", None);
    let v = verify_compact(&case("es256_valid").token, &[&set]);
    let debug = format!("{set:?}\n{v:?}");
    assert!(!debug.contains(&debug_prefix(&scalar)));

    // PKCS#1 RSA: the private exponent d (fourth INTEGER).
    let pkcs1 = pem_der("private/rsa2048.pkcs1.private.pem");
    let seq = der::whole(&pkcs1, der::tag::SEQUENCE).unwrap_or_else(|e| panic!("{e:?}"));
    let mut rest = seq;
    let mut ints = Vec::new();
    for _ in 0..4 {
        let (value, r) = der::expect(rest, der::tag::INTEGER).unwrap_or_else(|e| panic!("{e:?}"));
        ints.push(value.to_vec());
        rest = r;
    }
    let d = der::unsigned(ints.get(3).map(Vec::as_slice).unwrap_or(&[]))
        .unwrap_or_else(|e| panic!("{e:?}"))
        .to_vec();
    let set = load_keys("private/rsa2048.pkcs1.private.pem", None);
    let debug = format!("{set:?}");
    assert!(!debug.contains(&debug_prefix(&d)));
}

#[test]
fn several_pem_blocks_in_one_paste_each_become_a_key() {
    let text = format!(
        "{}\n{}\n-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n",
        fixture_text("public/rsa2048.spki.pem"),
        fixture_text("public/p256.cert.pem")
    );
    let set = parse_key_input(&text, SecretEncoding::Text).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(set.origin, SetOrigin::Pem);
    assert_eq!(set.entries, 3);
    assert_eq!(set.keys.len(), 2);
    assert_eq!(set.problems.first().map(|p| p.index), Some(2));
    // Without kids, both are candidates; the ES256 token picks the EC one by type.
    let v = verify_compact(&case("es256_valid").token, &[&set]);
    assert_eq!(v.verdict(), Verdict::Valid);
}

#[test]
fn a_bare_base64_spki_is_read_as_a_public_key_not_a_secret() {
    let text = fixture_text("public/rsa2048.spki.pem");
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    let set = parse_key_input(&body, SecretEncoding::Text).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        set.keys.first().map(|k| k.format),
        Some(KeyFormat::SpkiBase64)
    );
    let v = verify_compact(&case("rs256_valid").token, &[&set]);
    assert_eq!(v.verdict(), Verdict::Valid);
}

#[test]
fn an_x5c_that_disagrees_with_n_and_e_is_noted_and_the_certificate_wins() {
    let mut jwk_json = json("public/rsa2048.x5c.jwk.json");
    let other_n = json("public/rsa2048-b.jwk.json")
        .get("n")
        .cloned()
        .unwrap_or_default();
    if let Some(obj) = jwk_json.as_object_mut() {
        obj.insert("n".into(), other_n);
    }
    let set = parse_key_input(&jwk_json.to_string(), SecretEncoding::Text)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let key = set
        .keys
        .first()
        .unwrap_or_else(|| panic!("{:?}", set.problems));
    assert_eq!(key.notes, vec![jwk::KeyNote::X5cDisagrees]);
    assert_eq!(key.format, KeyFormat::JwkX5c);
    let v = verify_compact(&case("rs256_valid").token, &[&set]);
    assert_eq!(v.verdict(), Verdict::Valid);
}

#[test]
fn a_single_pasted_jwk_ignores_the_tokens_kid_and_says_so() {
    let mut jwk_json = json("public/rsa2048.jwk.json");
    if let Some(obj) = jwk_json.as_object_mut() {
        obj.insert("kid".into(), serde_json::Value::String("renamed".into()));
    }
    let set = parse_key_input(&jwk_json.to_string(), SecretEncoding::Text)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let v = verify_compact(&case("rs256_valid").token, &[&set]);
    assert_eq!(v.verdict(), Verdict::Valid);
    assert!(v.has("pasted_key_kid_differs"));
}

#[test]
fn a_weak_rsa_key_is_flagged_with_its_size() {
    let v = run(&case("rs256_weak_rsa1024"));
    assert!(v
        .findings
        .iter()
        .any(|f| matches!(f, Finding::WeakRsaKey { bits: 1024, .. })));
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;
    use tokenlens::jose::b64::encode;

    fn fixture_sets() -> Vec<KeySet> {
        vec![
            load_keys("jwks/all.json", None),
            load_keys("keys/hmac-text.txt", Some("utf8")),
            load_keys("public/rsa2048.spki.pem", None),
            load_keys("public/ed25519.jwk.json", None),
        ]
    }

    fn alg() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "HS256", "HS384", "HS512", "RS256", "RS512", "PS256", "PS384", "ES256", "ES384",
            "ES512", "ES256K", "EdDSA", "none", "hs256", "RSA-OAEP",
        ])
        .prop_map(str::to_owned)
    }

    fn kid() -> impl Strategy<Value = Option<String>> {
        prop::option::of(prop::sample::select(vec![
            "rs-2048",
            "es256",
            "ed25519",
            "nope",
            "rs-1024-weak",
            "es512",
        ]))
        .prop_map(|k| k.map(str::to_owned))
    }

    fn b64_member() -> impl Strategy<Value = String> {
        prop::collection::vec(any::<u8>(), 0..80).prop_map(|b| encode(&b))
    }

    fn jwk_text() -> impl Strategy<Value = String> {
        (
            prop::sample::select(vec!["RSA", "EC", "OKP", "oct", "XYZ"]),
            prop::sample::select(vec!["P-256", "P-384", "P-521", "secp256k1", "Ed25519", "X"]),
            b64_member(),
            b64_member(),
            b64_member(),
            any::<bool>(),
        )
            .prop_map(|(kty, crv, a, b, c, set)| {
                let jwk = format!(
                    r#"{{"kty":"{kty}","crv":"{crv}","n":"{a}","e":"{b}","x":"{a}","y":"{c}","k":"{c}","d":"{b}","x5c":["{a}"]}}"#
                );
                if set {
                    format!(r#"{{"keys":[{jwk},1,{jwk}]}}"#)
                } else {
                    jwk
                }
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_text_into_parse_key_input_never_panics(text in ".{0,400}") {
            let _ = parse_key_input(&text, SecretEncoding::Text);
            let _ = parse_key_input(&text, SecretEncoding::Base64);
            let _ = parse_key_input(&format!("-----BEGIN PUBLIC KEY-----\n{text}\n-----END PUBLIC KEY-----"), SecretEncoding::Text);
            let _ = parse_key_input(&format!("-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----", encode(text.as_bytes())), SecretEncoding::Text);
        }

        #[test]
        fn arbitrary_bytes_into_parse_jwks_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse_jwks(&bytes);
            let mut jsonish = br#"{"keys":["#.to_vec();
            jsonish.extend_from_slice(&bytes);
            jsonish.extend_from_slice(b"]}");
            let _ = parse_jwks(&jsonish);
        }

        #[test]
        fn structured_but_random_jwks_never_panic(text in jwk_text()) {
            let _ = parse_key_input(&text, SecretEncoding::Text);
            let _ = parse_jwks(text.as_bytes());
        }

        #[test]
        fn arbitrary_der_in_pem_armour_never_panics(
            label in prop::sample::select(vec!["PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE", "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"]),
            der in prop::collection::vec(any::<u8>(), 0..300),
        ) {
            let b64 = base64_std(&der);
            let _ = parse_key_input(&format!("-----BEGIN {label}-----\n{b64}\n-----END {label}-----\n"), SecretEncoding::Text);
            let mut seq = vec![0x30u8, 0x82, 0x01, 0x00];
            seq.extend_from_slice(&der);
            let b64 = base64_std(&seq);
            let _ = parse_key_input(&format!("-----BEGIN {label}-----\n{b64}\n-----END {label}-----\n"), SecretEncoding::Text);
        }

        #[test]
        fn arbitrary_tokens_against_real_keys_never_panic(
            alg in alg(),
            kid in kid(),
            payload in prop::collection::vec(any::<u8>(), 0..60),
            sig_len in prop::sample::select(vec![0usize, 1, 32, 48, 64, 70, 72, 96, 104, 128, 132, 256, 300]),
            fill in any::<u8>(),
            der_start in any::<bool>(),
            garbage in ".{0,30}",
        ) {
            let sets = fixture_sets();
            let refs: Vec<&KeySet> = sets.iter().collect();
            let header = match kid {
                Some(k) => format!(r#"{{"alg":"{alg}","kid":"{k}"}}"#),
                None => format!(r#"{{"alg":"{alg}"}}"#),
            };
            let mut sig = vec![fill; sig_len];
            if der_start {
                if let Some(first) = sig.first_mut() {
                    *first = 0x30;
                }
            }
            let token = format!("{}.{}.{}", encode(header.as_bytes()), encode(&payload), encode(&sig));
            let v = verify_compact(&token, &refs);
            let _ = v.verdict();
            let _ = tokenlens::explain::verify::banner(&v);
            for f in &v.findings {
                let _ = tokenlens::explain::verify::finding(f);
            }
            let _ = verify_compact(&format!("{token}{garbage}"), &refs);
            let _ = verify_compact(&garbage, &refs);
        }
    }

    fn base64_std(bytes: &[u8]) -> String {
        encode(bytes).replace('-', "+").replace('_', "/")
    }
}

// ---- The two-step API: plan (everything up to the signature), then conclude (outcomes). ----

fn plan_for(name: &str) -> Plan {
    let c = case(name);
    let set = load_keys(&c.keys, c.hmac_key_encoding.as_deref());
    plan_compact(&c.token, &[&set])
}

fn candidate_attempts(plan: &Plan) -> Vec<&Attempt> {
    plan.attempts()
        .iter()
        .filter(|a| matches!(a.purpose, Purpose::Candidate(_)))
        .collect()
}

#[test]
fn each_planned_check_says_how_webcrypto_can_make_it_and_es256k_cannot() {
    use Hash::*;
    let table: &[(&str, Option<(WebCryptoAlg, ImportFormat)>)] = &[
        (
            "hs384_valid",
            Some((WebCryptoAlg::Hmac(Sha384), ImportFormat::Raw)),
        ),
        (
            "rs256_valid",
            Some((WebCryptoAlg::RsassaPkcs1v15(Sha256), ImportFormat::Spki)),
        ),
        (
            "ps512_valid",
            Some((WebCryptoAlg::RsaPss(Sha512), ImportFormat::Spki)),
        ),
        (
            "es256_valid",
            Some((WebCryptoAlg::Ecdsa(Curve::P256, Sha256), ImportFormat::Spki)),
        ),
        (
            "es384_valid",
            Some((WebCryptoAlg::Ecdsa(Curve::P384, Sha384), ImportFormat::Spki)),
        ),
        (
            "es512_valid",
            Some((WebCryptoAlg::Ecdsa(Curve::P521, Sha512), ImportFormat::Spki)),
        ),
        (
            "eddsa_valid",
            Some((WebCryptoAlg::Ed25519, ImportFormat::Spki)),
        ),
        ("es256k_valid", None),
    ];
    for (name, want) in table {
        let plan = plan_for(name);
        let attempts = candidate_attempts(&plan);
        assert_eq!(attempts.len(), 1, "{name}: one key is tried");
        let call = attempts.first().and_then(|a| a.webcrypto());
        assert_eq!(
            call.as_ref().map(|c| (c.algorithm, c.format)),
            *want,
            "{name}"
        );
    }
}

#[test]
fn ecdsa_checks_are_planned_with_the_raw_r_s_signature_webcrypto_takes() {
    for (name, len) in [
        ("es256_valid", 64),
        ("es384_valid", 96),
        ("es512_valid", 132),
    ] {
        let plan = plan_for(name);
        let a = candidate_attempts(&plan);
        assert_eq!(a.first().map(|a| a.signature.len()), Some(len), "{name}");
    }
}

#[test]
fn a_der_signature_is_planned_only_as_converted_checks_that_cannot_make_it_valid() {
    let plan = plan_for("es256_der_signature");
    assert!(!plan.attempts().is_empty());
    assert!(plan
        .attempts()
        .iter()
        .all(|a| matches!(a.purpose, Purpose::DerConverted(_)) && a.signature.len() == 64));
    let everything_verifies = vec![Outcome::Verified; plan.attempts().len()];
    let v = conclude(&plan, &everything_verifies);
    assert_eq!(v.verdict(), Verdict::Invalid);
    assert!(matches!(
        v.findings
            .iter()
            .find(|f| f.code() == "ecdsa_der_signature"),
        Some(Finding::EcdsaDerSignature {
            verifies_with: Some(_),
            ..
        })
    ));
}

#[test]
fn a_check_that_could_not_be_made_leaves_the_token_unverifiable_not_invalid() {
    let plan = plan_for("rs256_valid");
    let outcomes = vec![
        Outcome::CouldNotCheck {
            error: "DataError".into()
        };
        plan.attempts().len()
    ];
    let v = conclude(&plan, &outcomes);
    assert_eq!(v.verdict(), Verdict::Unverifiable, "{:?}", v.codes());
    assert!(v.findings.iter().any(|f| matches!(
        f,
        Finding::SignatureNotChecked { error, keys, .. } if error == "DataError" && keys.len() == 1
    )));
}

#[test]
fn the_verdict_follows_the_outcomes_given_to_conclude() {
    let plan = plan_for("rs256_valid");
    let n = plan.attempts().len();
    assert_eq!(
        conclude(&plan, &vec![Outcome::Verified; n]).verdict(),
        Verdict::Valid
    );
    let mismatch = conclude(&plan, &vec![Outcome::NotVerified; n]);
    assert_eq!(mismatch.verdict(), Verdict::Invalid);
    assert!(mismatch.has("signature_mismatch"));
}

#[test]
fn kid_mix_up_checks_wait_until_no_key_the_kid_names_has_verified() {
    let plan = plan_for("rs256_kid_swapped");
    let mixups: Vec<&Attempt> = plan
        .attempts()
        .iter()
        .filter(|a| matches!(a.purpose, Purpose::KidMixUp(_)))
        .collect();
    assert!(!mixups.is_empty());
    assert!(mixups.iter().all(|a| a.round == Round::IfNoneVerified));
    let first: Vec<Outcome> = plan
        .attempts()
        .iter()
        .map(|a| match a.purpose {
            Purpose::Candidate(_) => Outcome::Verified,
            _ => Outcome::NotRun,
        })
        .collect();
    assert!(!plan.second_round_needed(&first));
    let first_failed: Vec<Outcome> = plan
        .attempts()
        .iter()
        .map(|a| match a.purpose {
            Purpose::Candidate(_) => Outcome::NotVerified,
            _ => Outcome::NotRun,
        })
        .collect();
    assert!(plan.second_round_needed(&first_failed));
    // RustCrypto runs the second round only then: the swapped kid's key is found.
    let v = tokenlens::verify::with_rustcrypto(&plan);
    assert!(v.has("other_key_verifies"), "{:?}", v.codes());
}

#[test]
fn a_valid_token_makes_no_second_round_checks() {
    let plan = plan_for("rs256_valid");
    let outcomes = rustcrypto::outcomes(&plan);
    for (a, o) in plan.attempts().iter().zip(&outcomes) {
        if a.round == Round::IfNoneVerified {
            assert_eq!(*o, Outcome::NotRun, "{:?}", a.purpose);
        }
    }
}

#[test]
fn a_plan_without_a_signature_to_check_concludes_to_its_own_findings() {
    for (name, code) in [
        ("alg_none_empty_signature", "alg_none"),
        ("es256_zero_signature", "ecdsa_zero"),
        ("two_segments", "token_structure"),
    ] {
        let plan = plan_for(name);
        assert!(plan.attempts().is_empty(), "{name}");
        let v = conclude(&plan, &[]);
        assert!(v.has(code), "{name}: {:?}", v.codes());
    }
}

#[test]
fn a_signature_shorter_than_every_key_s_says_the_token_was_cut_off() {
    // Thirty characters cut from the end: 234 of the key's 256 bytes. Not "altered".
    let c = case("rs256_valid");
    let set = load_keys(&c.keys, None);
    let cut = &c.token[..c.token.len() - 30];
    let short = |v: &Verification| {
        v.findings.iter().find_map(|f| match f {
            Finding::SignatureMismatch { short, .. } => Some(*short),
            _ => None,
        })
    };
    let v = verify_compact(cut, &[&set]);
    assert_eq!(v.verdict(), Verdict::Invalid);
    let Some(Some((256, actual))) = short(&v) else {
        panic!("{:?}", v.findings)
    };
    assert!(actual < 256);
    let said = tokenlens::explain::verify::finding(
        v.findings
            .iter()
            .find(|f| matches!(f, Finding::SignatureMismatch { .. }))
            .unwrap(),
    );
    assert!(
        said.contains("cut off") && !said.contains("altered"),
        "{said}"
    );
    // The gateway rows say it too (the verdict stays a rejection), not "does not match the
    // issuer's key".
    assert_eq!(v.signature_cut_short(), Some((256, actual)));
    use tokenlens::diagnose::finding as df;
    let row = tokenlens::explain::profiles::message(&df::Finding {
        code: df::Code::Gateway(
            tokenlens::diagnose::profiles::GatewayCode::SignatureInvalid {
                gw: tokenlens::diagnose::profiles::Gw::Rest,
                short: v.signature_cut_short(),
            },
        ),
        stage: df::Stage::Gateway,
        severity: df::Severity::Error,
        status: df::Status::Confirmed,
        evidence: vec![],
        sources: vec![],
    });
    assert!(row.contains("cut off"), "{row}");
    // A whole signature by another key is still "altered, or signed with another key".
    let other = run(&case("rs256_signed_by_other_key_same_kid"));
    assert_eq!(short(&other), Some(None));
    assert_eq!(other.signature_cut_short(), None);
}
