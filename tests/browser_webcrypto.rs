//! The browser's WebCrypto and RustCrypto agree on every signature check of every fixture, in
//! real Chromium: same outcome attempt by attempt, same `Verification`. Also prints µs per call
//! for both engines (a measurement, not an assertion).
#![cfg(target_arch = "wasm32")]

use tokenlens::jose::jwk::{parse_jwks, parse_key_input, KeySet, SecretEncoding};
use tokenlens::verify::{
    conclude, plan_compact, rustcrypto, verify_compact, Family, Finding, Outcome, Plan, Purpose,
    Verdict,
};
use tokenlens::web::webcrypto::{self, Engine};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TOKENS: &str = include_str!("fixtures/jose/tokens.json");

macro_rules! key_files {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("fixtures/jose/", $path)))),*]
    };
}

const KEY_FILES: &[(&str, &str)] = key_files![
    "jwks/all.json",
    "jwks/cognito-like.json",
    "keys/hmac-base64.txt",
    "keys/hmac-text.txt",
    "keys/rsa2048.pkcs8.pem",
    "private/p256.private.jwk.json",
    "private/p256.sec1.private.pem",
    "private/rsa2048.pkcs1.private.pem",
    "private/rsa2048.private.jwk.json",
    "public/ed25519.jwk.json",
    "public/ed25519.spki.pem",
    "public/p256.cert.pem",
    "public/p256.jwk.json",
    "public/p256.spki.pem",
    "public/p384.jwk.json",
    "public/p384.spki.pem",
    "public/p521.jwk.json",
    "public/p521.spki.pem",
    "public/rsa2048.cert.pem",
    "public/rsa2048.jwk.json",
    "public/rsa2048.pkcs1.pem",
    "public/rsa2048.spki.pem",
    "public/rsa2048.x5c.jwk.json",
    "public/secp256k1.jwk.json",
    "public/secp256k1.spki.pem",
];

struct Case {
    name: String,
    token: String,
    keys: String,
    encoding: Option<String>,
    expect: String,
}

fn cases() -> Vec<Case> {
    let list: serde_json::Value = serde_json::from_str(TOKENS).expect("tokens.json parses");
    let text = |c: &serde_json::Value, k: &str| c[k].as_str().map(str::to_owned);
    list.as_array()
        .expect("tokens.json is a list")
        .iter()
        .map(|c| Case {
            name: text(c, "name").expect("name"),
            token: text(c, "token").expect("token"),
            keys: text(c, "keys").expect("keys"),
            encoding: text(c, "hmac_key_encoding"),
            expect: text(c, "expect").expect("expect"),
        })
        .collect()
}

/// A case's keys the way the app reads them (as the native tests do).
fn load_keys(rel: &str, encoding: Option<&str>) -> KeySet {
    let text = KEY_FILES
        .iter()
        .find(|(p, _)| *p == rel)
        .map(|(_, t)| *t)
        .unwrap_or_else(|| panic!("no key file {rel} in KEY_FILES"));
    if rel.starts_with("jwks/") {
        return parse_jwks(text.as_bytes()).unwrap_or_else(|e| panic!("{rel}: {e:?}"));
    }
    let encoding = match encoding {
        Some("base64url") => SecretEncoding::Base64,
        _ => SecretEncoding::Text,
    };
    parse_key_input(text, encoding).unwrap_or_else(|e| panic!("{rel}: {e:?}"))
}

fn family_name(f: Family) -> String {
    format!("{f:?}")
}

/// Runs one plan with both engines and asserts they agree; returns the WebCrypto run.
async fn both_agree(label: &str, plan: &Plan) -> Vec<(Engine, Outcome)> {
    let web = webcrypto::outcomes_by_engine(plan).await;
    let rust = rustcrypto::outcomes(plan);
    assert_eq!(
        web.len(),
        plan.attempts().len(),
        "{label}: one outcome per attempt"
    );
    for (i, ((engine, w), r)) in web.iter().zip(&rust).enumerate() {
        assert!(
            !matches!(w, Outcome::CouldNotCheck { .. }),
            "{label}: attempt {i} ({:?}) could not be checked by {engine:?}: {w:?}",
            plan.attempts().get(i).map(|a| &a.purpose)
        );
        assert_eq!(
            w, r,
            "{label}: attempt {i} differs ({engine:?} vs RustCrypto)"
        );
    }
    let web_outcomes: Vec<Outcome> = web.iter().map(|(_, o)| o.clone()).collect();
    assert_eq!(
        conclude(plan, &web_outcomes),
        conclude(plan, &rust),
        "{label}: the Verifications differ"
    );
    web
}

#[wasm_bindgen_test]
async fn every_fixture_gets_the_same_outcomes_from_webcrypto_and_rustcrypto() {
    let all = load_keys("jwks/all.json", None);
    let mut by_webcrypto: Vec<String> = Vec::new();
    let mut attempts = 0usize;
    let mut plans = 0usize;
    for c in cases() {
        let own = load_keys(&c.keys, c.encoding.as_deref());
        // With its own keys (the expected verdict), and with the big set (wrong keys, kid
        // mix-ups, key confusion against every key type).
        for (label, set) in [("own keys", &own), ("jwks/all.json", &all)] {
            let plan = plan_compact(&c.token, &[set]);
            let web = both_agree(&format!("{} with {label}", c.name), &plan).await;
            plans += 1;
            attempts += web.len();
            for ((engine, _), a) in web.iter().zip(plan.attempts()) {
                if *engine == Engine::WebCrypto {
                    by_webcrypto.push(family_name(a.family));
                }
            }
            if label == "own keys" {
                let outcomes = webcrypto::outcomes(&plan).await;
                let v = conclude(&plan, &outcomes);
                assert_eq!(
                    v.verdict().as_str(),
                    c.expect,
                    "{}: {:?}",
                    c.name,
                    v.codes()
                );
            }
        }
    }
    // Not vacuous: every family WebCrypto has was checked by it.
    for family in [
        "Hmac(Sha256)",
        "Hmac(Sha384)",
        "Hmac(Sha512)",
        "RsaPkcs1(Sha256)",
        "RsaPkcs1(Sha384)",
        "RsaPkcs1(Sha512)",
        "RsaPss(Sha256)",
        "RsaPss(Sha384)",
        "RsaPss(Sha512)",
        "Ecdsa(P256)",
        "Ecdsa(P384)",
        "Ecdsa(P521)",
        "EdDsa",
    ] {
        assert!(
            by_webcrypto.iter().any(|f| f == family),
            "no {family} check was made by WebCrypto"
        );
    }
    assert!(
        !by_webcrypto.iter().any(|f| f == "Ecdsa(Secp256k1)"),
        "ES256K must be RustCrypto"
    );
    console_log!(
        "webcrypto vs rustcrypto: {plans} plans, {attempts} attempts, {} by WebCrypto, all agree",
        by_webcrypto.len()
    );
}

/// The token with one payload character changed (still base64url).
fn tamper(token: &str) -> String {
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let payload = parts.get_mut(1).expect("a payload");
    let mid = payload.len() / 2;
    let old = payload.as_bytes()[mid];
    let new = if old == b'A' { "B" } else { "A" };
    payload.replace_range(mid..=mid, new);
    parts.join(".")
}

#[wasm_bindgen_test]
async fn tampered_tokens_are_not_verified_by_either_engine() {
    let mut checked = 0;
    for c in cases().into_iter().filter(|c| c.expect == "valid") {
        let set = load_keys(&c.keys, c.encoding.as_deref());
        let plan = plan_compact(&tamper(&c.token), &[&set]);
        let web = both_agree(&format!("{} tampered", c.name), &plan).await;
        for ((_, o), a) in web.iter().zip(plan.attempts()) {
            if matches!(a.purpose, Purpose::Candidate(_)) {
                assert_eq!(*o, Outcome::NotVerified, "{} tampered", c.name);
                checked += 1;
            }
        }
        let v = webcrypto::verify(&plan).await;
        assert_eq!(
            v.verdict(),
            Verdict::Invalid,
            "{} tampered: {:?}",
            c.name,
            v.codes()
        );
    }
    assert!(checked >= 30, "only {checked} tampered checks");
}

#[wasm_bindgen_test]
async fn a_der_ecdsa_signature_is_refused_and_webcrypto_finds_the_key_it_converts_to() {
    let c = cases()
        .into_iter()
        .find(|c| c.name == "es256_der_signature")
        .expect("the DER fixture");
    let plan = plan_compact(&c.token, &[&load_keys(&c.keys, None)]);
    let web = both_agree("DER", &plan).await;
    assert!(web.iter().zip(plan.attempts()).any(|((e, o), a)| {
        matches!(a.purpose, Purpose::DerConverted(_))
            && *e == Engine::WebCrypto
            && *o == Outcome::Verified
    }));
    let v = webcrypto::verify(&plan).await;
    assert_eq!(v.verdict(), Verdict::Invalid);
    assert!(v.findings.iter().any(|f| matches!(
        f,
        Finding::EcdsaDerSignature {
            verifies_with: Some(_),
            ..
        }
    )));
}

#[wasm_bindgen_test]
async fn a_token_checked_with_the_wrong_key_is_a_mismatch_on_both_engines() {
    let c = cases()
        .into_iter()
        .find(|c| c.name == "rs256_signed_by_other_key_same_kid")
        .expect("the wrong-key fixture");
    let plan = plan_compact(&c.token, &[&load_keys(&c.keys, None)]);
    let web = both_agree("wrong key", &plan).await;
    assert!(web
        .iter()
        .any(|(e, o)| *e == Engine::WebCrypto && *o == Outcome::NotVerified));
    let v = webcrypto::verify(&plan).await;
    assert!(v.has("signature_mismatch"), "{:?}", v.codes());
}

#[wasm_bindgen_test]
async fn keys_are_imported_once_and_the_cache_stays_bounded() {
    let c = cases()
        .into_iter()
        .find(|c| c.name == "rs256_valid")
        .expect("rs256_valid");
    let plan = plan_compact(&c.token, &[&load_keys(&c.keys, None)]);
    webcrypto::verify(&plan).await;
    let after_first = webcrypto::cached_keys();
    assert!(after_first >= 1);
    webcrypto::verify(&plan).await;
    assert_eq!(
        webcrypto::cached_keys(),
        after_first,
        "the second call imports nothing"
    );
    // Many distinct HMAC secrets: the cache keeps at most its cap.
    let token = "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJlLXRoYXQtaXMtMzItYnl0ZXMtbG9uZyE";
    for i in 0..40 {
        let set = parse_key_input(
            &format!("secret-number-{i:03}-of-forty-long-enough"),
            SecretEncoding::Text,
        )
        .expect("a secret");
        webcrypto::verify(&plan_compact(token, &[&set])).await;
    }
    assert!(
        webcrypto::cached_keys() <= 32,
        "{}",
        webcrypto::cached_keys()
    );
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// The floor: `crypto.subtle.verify` called from JavaScript in a loop with an imported key, in
/// µs per call (what a JavaScript library cannot beat).
async fn js_floor(plan: &Plan, import: &str, verify: &str, n: u32) -> f64 {
    let attempt = plan.attempts().first().expect("one attempt");
    let call = attempt.webcrypto().expect("a WebCrypto check");
    let f = js_sys::Function::new_with_args(
        "spki, imp, ver, sig, msg, n",
        "return (async () => {
            const key = await crypto.subtle.importKey('spki', spki, JSON.parse(imp), false, ['verify']);
            const alg = JSON.parse(ver);
            if (!await crypto.subtle.verify(alg, key, sig, msg)) throw new Error('does not verify');
            const t0 = performance.now();
            for (let i = 0; i < n; i++) await crypto.subtle.verify(alg, key, sig, msg);
            return (performance.now() - t0) * 1000 / n;
        })()",
    );
    let args = js_sys::Array::new();
    args.push(&js_sys::Uint8Array::from(call.key_data.as_slice()));
    args.push(&import.into());
    args.push(&verify.into());
    args.push(&js_sys::Uint8Array::from(attempt.signature.as_slice()));
    args.push(&js_sys::Uint8Array::from(plan.signing_input()));
    args.push(&n.into());
    let promise: js_sys::Promise = f
        .apply(&wasm_bindgen::JsValue::NULL, &args)
        .expect("the floor runs")
        .into();
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("the floor resolves")
        .as_f64()
        .expect("a number")
}

/// `crypto.subtle.verify` awaited from Rust in a loop (the floor plus wasm-bindgen's futures).
async fn rust_await_floor(plan: &Plan, import: &str, verify: &str, n: u32) -> f64 {
    use wasm_bindgen::JsCast;
    let attempt = plan.attempts().first().expect("one attempt");
    let call = attempt.webcrypto().expect("a WebCrypto check");
    let subtle = web_sys::window()
        .expect("window")
        .crypto()
        .expect("crypto")
        .subtle();
    let parse = |t: &str| -> js_sys::Object { js_sys::JSON::parse(t).expect("json").into() };
    let usages = js_sys::Array::of1(&"verify".into());
    let key: web_sys::CryptoKey = wasm_bindgen_futures::JsFuture::from(
        subtle
            .import_key_with_object(
                "spki",
                &js_sys::Uint8Array::from(call.key_data.as_slice()),
                &parse(import),
                false,
                &usages,
            )
            .expect("import"),
    )
    .await
    .expect("imported")
    .dyn_into()
    .expect("a key");
    let alg = parse(verify);
    let t0 = now_ms();
    for _ in 0..n {
        let p = subtle
            .verify_with_object_and_u8_array_and_u8_array(
                &alg,
                &key,
                &attempt.signature,
                plan.signing_input(),
            )
            .expect("verify");
        let ok = wasm_bindgen_futures::JsFuture::from(p)
            .await
            .expect("verified");
        assert_eq!(ok.as_bool(), Some(true));
    }
    (now_ms() - t0) * 1000.0 / f64::from(n)
}

#[wasm_bindgen_test]
async fn per_call_verify_times_are_printed_for_both_engines() {
    const N: u32 = 200;
    let all = load_keys("jwks/all.json", None);
    let sets = [&all];
    let mut lines = Vec::new();
    for (name, import, verify) in [
        (
            "rs256_valid",
            r#"{"name":"RSASSA-PKCS1-v1_5","hash":"SHA-256"}"#,
            r#"{"name":"RSASSA-PKCS1-v1_5"}"#,
        ),
        (
            "es256_valid",
            r#"{"name":"ECDSA","namedCurve":"P-256"}"#,
            r#"{"name":"ECDSA","hash":"SHA-256"}"#,
        ),
        (
            "eddsa_valid",
            r#"{"name":"Ed25519"}"#,
            r#"{"name":"Ed25519"}"#,
        ),
    ] {
        let c = cases()
            .into_iter()
            .find(|c| c.name == name)
            .expect("fixture");
        // Warm up (imports the key once).
        let warm = webcrypto::verify(&plan_compact(&c.token, &sets)).await;
        assert_eq!(warm.verdict(), Verdict::Valid);
        let t0 = now_ms();
        for _ in 0..N {
            let plan = plan_compact(&c.token, &sets);
            let v = webcrypto::verify(&plan).await;
            assert_eq!(v.verdict(), Verdict::Valid);
        }
        let web = (now_ms() - t0) * 1000.0 / f64::from(N);
        let t0 = now_ms();
        for _ in 0..N {
            assert_eq!(verify_compact(&c.token, &sets).verdict(), Verdict::Valid);
        }
        let rust = (now_ms() - t0) * 1000.0 / f64::from(N);
        let t0 = now_ms();
        for _ in 0..N {
            assert!(!plan_compact(&c.token, &sets).attempts().is_empty());
        }
        let plan_only = (now_ms() - t0) * 1000.0 / f64::from(N);
        let fixed = plan_compact(&c.token, &sets);
        let t0 = now_ms();
        for _ in 0..N {
            assert_eq!(
                webcrypto::outcomes(&fixed).await.first(),
                Some(&Outcome::Verified)
            );
        }
        let engine_only = (now_ms() - t0) * 1000.0 / f64::from(N);
        let t0 = now_ms();
        for _ in 0..N {
            assert_eq!(
                conclude(&fixed, &[Outcome::Verified]).verdict(),
                Verdict::Valid
            );
        }
        let conclude_only = (now_ms() - t0) * 1000.0 / f64::from(N);
        let floor = js_floor(&fixed, import, verify, N).await;
        let rust_floor = rust_await_floor(&fixed, import, verify, N).await;
        lines.push(format!(
            "{name}: plan+WebCrypto+conclude {web:.0} µs/call, RustCrypto (verify_compact) \
             {rust:.0} µs/call, plan alone {plan_only:.0} µs, WebCrypto outcomes alone \
             {engine_only:.0} µs, conclude alone {conclude_only:.1} µs, JS subtle.verify floor {floor:.0} µs, \
             the same awaited from Rust {rust_floor:.0} µs"
        ));
    }
    console_log!("{}", lines.join("\n"));
    assert_eq!(lines.len(), 3);
}

/// The page's path — facts planned, checks made by WebCrypto, concluded into the facts — ends
/// where the native path (RustCrypto, synchronously) does, on every fixture; the engines the page
/// names are WebCrypto's except for ES256K; and the plan as the second-opinion worker reads it
/// (`verify::wire`) gets RustCrypto's own outcomes.
#[wasm_bindgen_test]
async fn the_pages_facts_and_engines_match_the_native_path_and_the_worker_format_round_trips() {
    use tokenlens::diagnose::{facts_planned_with, facts_with};
    use tokenlens::input::extract;
    use tokenlens::verify::{wire, Engines};
    let mut checked = 0;
    for c in cases() {
        let own = load_keys(&c.keys, c.encoding.as_deref());
        let sets = [&own];
        for candidate in extract(&c.token).candidates {
            let (pending, plan) = facts_planned_with(&candidate, &|_| sets.to_vec());
            let made = webcrypto::outcomes_with_engines(&plan).await;
            let outcomes: Vec<Outcome> = made.iter().map(|(_, o)| o.clone()).collect();
            let page = pending.concluded(&plan, &outcomes);
            let native = facts_with(&candidate, &|_| sets.to_vec());
            assert_eq!(page.verification, native.verification, "{}", c.name);
            let engines = Engines::of(&made);
            if !plan.attempts().is_empty() {
                assert!(pending.verification.is_pending(), "{}", c.name);
                let secp256k1 = Family::Ecdsa(tokenlens::jose::jwk::Curve::Secp256k1);
                let expected = if plan.attempts().iter().all(|a| a.family == secp256k1) {
                    "rustcrypto"
                } else {
                    "webcrypto"
                };
                assert_eq!(engines.name(), expected, "{}", c.name);
                checked += 1;
            }
            let decoded = wire::decode_checks(&wire::encode_checks(&plan)).expect("own bytes");
            let second = webcrypto::second_opinion(&plan).await.expect("in-process");
            assert_eq!(rustcrypto::outcomes(&decoded), second, "{}", c.name);
            assert_eq!(conclude(&plan, &second), native.verification, "{}", c.name);
        }
    }
    assert!(checked >= 20, "only {checked} signed fixtures");
}
