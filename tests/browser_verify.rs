//! Signature verification in a real browser: one case per algorithm family, to catch wasm-only
//! breakage (big-integer and curve arithmetic, hashing) that native tests cannot see.
#![cfg(target_arch = "wasm32")]

use tokenlens::jose::jwk::{parse_jwks, parse_key_input, KeySet, SecretEncoding};
use tokenlens::verify::{verify_compact, Verdict};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TOKENS: &str = include_str!("fixtures/jose/tokens.json");
const JWKS_ALL: &str = include_str!("fixtures/jose/jwks/all.json");
const HMAC_TEXT: &str = include_str!("fixtures/jose/keys/hmac-text.txt");
const RSA_SPKI: &str = include_str!("fixtures/jose/public/rsa2048.spki.pem");

fn token(name: &str) -> String {
    let cases: serde_json::Value = serde_json::from_str(TOKENS).expect("tokens.json parses");
    cases
        .as_array()
        .and_then(|list| list.iter().find(|c| c["name"] == name))
        .and_then(|c| c["token"].as_str())
        .unwrap_or_else(|| panic!("no fixture {name}"))
        .to_owned()
}

fn jwks() -> KeySet {
    parse_jwks(JWKS_ALL.as_bytes()).expect("all.json is a key set")
}

fn check(name: &str, set: &KeySet, want: Verdict) {
    let v = verify_compact(&token(name), &[set]);
    assert_eq!(v.verdict(), want, "{name}: {:?}", v.codes());
}

#[wasm_bindgen_test]
fn rs256_verifies_in_the_browser() {
    check("rs256_valid", &jwks(), Verdict::Valid);
}

#[wasm_bindgen_test]
fn ps256_verifies_in_the_browser() {
    check("ps256_valid", &jwks(), Verdict::Valid);
}

#[wasm_bindgen_test]
fn es256_verifies_in_the_browser() {
    check("es256_valid", &jwks(), Verdict::Valid);
}

#[wasm_bindgen_test]
fn es512_verifies_in_the_browser() {
    check("es512_valid", &jwks(), Verdict::Valid);
}

#[wasm_bindgen_test]
fn es256k_verifies_in_the_browser() {
    check("es256k_valid", &jwks(), Verdict::Valid);
}

#[wasm_bindgen_test]
fn eddsa_verifies_in_the_browser() {
    check("eddsa_valid", &jwks(), Verdict::Valid);
}

#[wasm_bindgen_test]
fn hs256_verifies_in_the_browser() {
    let set = parse_key_input(HMAC_TEXT, SecretEncoding::Text).expect("secret");
    check("hs256_valid", &set, Verdict::Valid);
}

#[wasm_bindgen_test]
fn a_tampered_rs256_token_is_invalid_in_the_browser() {
    check("rs256_tampered_payload", &jwks(), Verdict::Invalid);
}

#[wasm_bindgen_test]
fn a_pem_key_and_the_key_confusion_check_work_in_the_browser() {
    let set = parse_key_input(RSA_SPKI, SecretEncoding::Text).expect("PEM");
    check("rs256_valid_spki_pem", &set, Verdict::Valid);
    let v = verify_compact(&token("hs256_key_confusion_rsa_public_key"), &[&set]);
    assert!(v.has("key_confusion_forged"), "{:?}", v.codes());
}
