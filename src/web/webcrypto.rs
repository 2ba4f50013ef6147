//! The browser's WebCrypto as the signature engine: the shell makes the checks a
//! [`verify::Plan`] asks for with `crypto.subtle.verify`, and the core concludes.
//!
//! Keys are imported once and kept (a small most-recently-used list keyed by the key's bytes
//! and algorithm, so re-verifying on every keystroke imports nothing and the list cannot grow
//! without bound). An import or verify exception is [`Outcome::CouldNotCheck`] with the
//! browser's error name, never a panic; [`outcomes`] then asks RustCrypto for that check.
//! What WebCrypto lacks (ES256K) is always RustCrypto. [`second_opinion`] is RustCrypto for
//! every check of the same plan.

use crate::jose::jwk::Curve;
use crate::verify::{
    self, rustcrypto, Hash, ImportFormat, Outcome, Plan, Round, Verification, WebCryptoAlg,
    WebCryptoCall,
};
use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

/// Imported keys kept at most (a page shows a handful of keys; a 1,000-key set only ever has
/// [`verify::MAX_KEY_ATTEMPTS`] of them checked per token).
const CACHE_CAP: usize = 32;

/// An imported key and the `verify` parameters that go with it (built once too).
#[derive(Clone)]
struct Imported {
    key: CryptoKey,
    params: Object,
}

thread_local! {
    /// Most recently used last.
    static CACHE: RefCell<Vec<(WebCryptoCall, Imported)>> = const { RefCell::new(Vec::new()) };
}

pub use crate::verify::Engine;

/// Makes every check of `plan` with WebCrypto where it can, RustCrypto otherwise (ES256K, and
/// any check WebCrypto could not make), and concludes. What the page should call.
pub async fn verify(plan: &Plan) -> Verification {
    let outcomes = outcomes(plan).await;
    verify::conclude(plan, &outcomes)
}

/// The outcomes for `plan`, one per attempt: WebCrypto, with RustCrypto for what it lacks or
/// could not check.
pub async fn outcomes(plan: &Plan) -> Vec<Outcome> {
    run(plan, true).await.into_iter().map(|(_, o)| o).collect()
}

/// The outcomes for `plan` and which engine made each, falling back on RustCrypto where
/// WebCrypto lacks the algorithm or could not check (what the page shows).
pub async fn outcomes_with_engines(plan: &Plan) -> Vec<(Engine, Outcome)> {
    run(plan, true).await
}

/// The outcomes for `plan` and which engine made each, without falling back on a WebCrypto
/// error (for tests and for showing both engines side by side).
pub async fn outcomes_by_engine(plan: &Plan) -> Vec<(Engine, Outcome)> {
    run(plan, false).await
}

/// The second opinion: every check of `plan` made by RustCrypto.
pub async fn second_opinion(plan: &Plan) -> Result<Vec<Outcome>, String> {
    Ok(rustcrypto::outcomes(plan))
}

async fn run(plan: &Plan, fallback: bool) -> Vec<(Engine, Outcome)> {
    let subtle = subtle();
    let mut out: Vec<(Engine, Outcome)> = plan
        .attempts()
        .iter()
        .map(|_| (Engine::RustCrypto, Outcome::NotRun))
        .collect();
    for round in [Round::First, Round::IfNoneVerified] {
        if round == Round::IfNoneVerified {
            let so_far: Vec<Outcome> = out.iter().map(|(_, o)| o.clone()).collect();
            if !plan.second_round_needed(&so_far) {
                break;
            }
        }
        // Start every check of the round, then collect them: the browser runs them side by side.
        // The futures attach their handlers at once, so a rejection is never unhandled.
        let mut pending: Vec<(usize, Result<JsFuture, String>)> = Vec::new();
        for (i, a) in plan.attempts().iter().enumerate() {
            if a.round != round {
                continue;
            }
            match (a.webcrypto(), &subtle) {
                (None, _) => {
                    if let Some(slot) = out.get_mut(i) {
                        *slot = (Engine::RustCrypto, rustcrypto::check(plan, a));
                    }
                }
                (Some(call), Ok(subtle)) => {
                    let started = start(subtle, &call, plan.signing_input(), &a.signature).await;
                    pending.push((i, started.map(JsFuture::from)));
                }
                (Some(_), Err(e)) => pending.push((i, Err(e.clone()))),
            }
        }
        for (i, started) in pending {
            let outcome = match started {
                Ok(future) => match future.await {
                    Ok(result) => match result.as_bool() {
                        Some(true) => Outcome::Verified,
                        Some(false) => Outcome::NotVerified,
                        None => Outcome::CouldNotCheck {
                            error: "NotABoolean".to_owned(),
                        },
                    },
                    Err(e) => Outcome::CouldNotCheck {
                        error: error_name(&e),
                    },
                },
                Err(error) => Outcome::CouldNotCheck { error },
            };
            let (Some(slot), Some(attempt)) = (out.get_mut(i), plan.attempts().get(i)) else {
                continue;
            };
            *slot = match outcome {
                Outcome::CouldNotCheck { .. } if fallback => {
                    (Engine::RustCrypto, rustcrypto::check(plan, attempt))
                }
                o => (Engine::WebCrypto, o),
            };
        }
    }
    out
}

fn subtle() -> Result<SubtleCrypto, String> {
    let window = web_sys::window().ok_or_else(|| "NoWindow".to_owned())?;
    let crypto = window.crypto().map_err(|e| error_name(&e))?;
    Ok(crypto.subtle())
}

/// Imports the key if needed and starts `crypto.subtle.verify`: its promise of a boolean.
async fn start(
    subtle: &SubtleCrypto,
    call: &WebCryptoCall,
    msg: &[u8],
    sig: &[u8],
) -> Result<Promise, String> {
    let Imported { key, params } = key(subtle, call).await?;
    subtle
        .verify_with_object_and_u8_array_and_u8_array(&params, &key, sig, msg)
        .map_err(|e| error_name(&e))
}

/// The imported key for `call`, from the cache or imported now.
async fn key(subtle: &SubtleCrypto, call: &WebCryptoCall) -> Result<Imported, String> {
    let hit = CACHE.with(|c| {
        let mut c = c.borrow_mut();
        let at = c.iter().position(|(k, _)| k == call)?;
        let entry = c.remove(at);
        let key = entry.1.clone();
        c.push(entry);
        Some(key)
    });
    if let Some(key) = hit {
        return Ok(key);
    }
    let import = import_params(call.algorithm)?;
    let format = match call.format {
        ImportFormat::Spki => "spki",
        ImportFormat::Raw => "raw",
    };
    let data = Uint8Array::from(call.key_data.as_slice());
    let usages = Array::of1(&JsValue::from_str("verify"));
    let promise = subtle
        .import_key_with_object(format, &data, &import, false, &usages)
        .map_err(|e| error_name(&e))?;
    let key: CryptoKey = JsFuture::from(promise)
        .await
        .map_err(|e| error_name(&e))?
        .dyn_into()
        .map_err(|_| "NotACryptoKey".to_owned())?;
    let imported = Imported {
        key,
        params: verify_params(call.algorithm)?,
    };
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_CAP {
            c.remove(0);
        }
        c.push((call.clone(), imported.clone()));
    });
    Ok(imported)
}

/// How many imported keys are kept now (for tests).
pub fn cached_keys() -> usize {
    CACHE.with(|c| c.borrow().len())
}

fn hash_name(h: Hash) -> &'static str {
    match h {
        Hash::Sha256 => "SHA-256",
        Hash::Sha384 => "SHA-384",
        Hash::Sha512 => "SHA-512",
    }
}

fn object(members: &[(&str, JsValue)]) -> Result<Object, String> {
    let o = Object::new();
    for (name, value) in members {
        Reflect::set(&o, &JsValue::from_str(name), value).map_err(|e| error_name(&e))?;
    }
    Ok(o)
}

fn import_params(alg: WebCryptoAlg) -> Result<Object, String> {
    let s = |v: &str| JsValue::from_str(v);
    match alg {
        WebCryptoAlg::RsassaPkcs1v15(h) => {
            object(&[("name", s("RSASSA-PKCS1-v1_5")), ("hash", s(hash_name(h)))])
        }
        WebCryptoAlg::RsaPss(h) => object(&[("name", s("RSA-PSS")), ("hash", s(hash_name(h)))]),
        WebCryptoAlg::Ecdsa(curve, _) => {
            object(&[("name", s("ECDSA")), ("namedCurve", s(curve_name(curve)?))])
        }
        WebCryptoAlg::Ed25519 => object(&[("name", s("Ed25519"))]),
        WebCryptoAlg::Hmac(h) => object(&[("name", s("HMAC")), ("hash", s(hash_name(h)))]),
    }
}

fn verify_params(alg: WebCryptoAlg) -> Result<Object, String> {
    let s = |v: &str| JsValue::from_str(v);
    match alg {
        WebCryptoAlg::RsassaPkcs1v15(_) => object(&[("name", s("RSASSA-PKCS1-v1_5"))]),
        // RFC 7518 §3.5: the salt is as long as the hash output.
        WebCryptoAlg::RsaPss(h) => object(&[
            ("name", s("RSA-PSS")),
            ("saltLength", JsValue::from(h.output_len() as u32)),
        ]),
        WebCryptoAlg::Ecdsa(_, h) => object(&[("name", s("ECDSA")), ("hash", s(hash_name(h)))]),
        WebCryptoAlg::Ed25519 => object(&[("name", s("Ed25519"))]),
        WebCryptoAlg::Hmac(_) => object(&[("name", s("HMAC"))]),
    }
}

fn curve_name(curve: Curve) -> Result<&'static str, String> {
    match curve {
        Curve::P256 => Ok("P-256"),
        Curve::P384 => Ok("P-384"),
        Curve::P521 => Ok("P-521"),
        Curve::Secp256k1 => Err("NotSupportedError".to_owned()),
    }
}

/// The `name` of a thrown DOMException or Error, or a stand-in.
fn error_name(e: &JsValue) -> String {
    Reflect::get(e, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "Error".to_owned())
}
