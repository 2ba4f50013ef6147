//! The browser's WebCrypto as the signature engine: the shell makes the checks a
//! [`verify::Plan`] asks for with `crypto.subtle.verify`, and the core concludes.
//!
//! Keys are imported once and kept (a small most-recently-used list keyed by the key's bytes
//! and algorithm, so re-verifying on every keystroke imports nothing and the list cannot grow
//! without bound). An import or verify exception is [`Outcome::CouldNotCheck`] with the
//! browser's error name, never a panic; [`outcomes`] then asks RustCrypto for that check.
//! What WebCrypto lacks (ES256K) is always RustCrypto, and [`second_opinion`] is RustCrypto for
//! every check of the same plan: in this module when it is built with the `rustcrypto`
//! feature (tests), otherwise in the `second_opinion` worker, started on first use (the first
//! ES256K check or the first second opinion, never on load). A worker that cannot run makes
//! its checks [`Outcome::WorkerFailed`] with the reason.

use crate::jose::jwk::Curve;
use crate::verify::{
    self, rustcrypto, wire, Hash, ImportFormat, Outcome, Plan, Round, Verification, WebCryptoAlg,
    WebCryptoCall,
};
use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, MessageEvent, SubtleCrypto, Worker};

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

/// Makes every check of `plan` with WebCrypto where it can, RustCrypto otherwise (ES256K, in
/// the worker; and any check WebCrypto could not make, when built in), and concludes.
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
    // No `crypto.subtle` (a page served over plain http from another host is not a secure
    // context): the RustCrypto worker makes every check instead.
    if !rustcrypto::COMPLETE && subtle().is_err() && !plan.attempts().is_empty() {
        if let Ok(outcomes) = second_opinion(plan).await {
            return outcomes
                .into_iter()
                .map(|o| (Engine::RustCrypto, o))
                .collect();
        }
    }
    run(plan, true).await
}

/// The outcomes for `plan` and which engine made each, without falling back on a WebCrypto
/// error (for tests and for showing both engines side by side).
pub async fn outcomes_by_engine(plan: &Plan) -> Vec<(Engine, Outcome)> {
    run(plan, false).await
}

/// The second opinion: every check of `plan` made by RustCrypto, here or in the worker. The
/// error is why the worker could not answer.
pub async fn second_opinion(plan: &Plan) -> Result<Vec<Outcome>, String> {
    if rustcrypto::COMPLETE {
        return Ok(rustcrypto::outcomes(plan));
    }
    let answer = ask_worker(wire::encode_checks(plan)).await?;
    wire::decode_outcomes(&answer)
        .filter(|o| o.len() == plan.attempts().len())
        .ok_or_else(|| UNREADABLE.to_owned())
}

const UNREADABLE: &str = "the RustCrypto worker gave an unreadable answer";

/// The checks of `plan` at `indexes` that WebCrypto lacks (ES256K), made by RustCrypto: here
/// when built in, otherwise in the worker; one outcome per index, [`Outcome::WorkerFailed`]
/// when the worker could not answer.
async fn rustcrypto_checks(plan: &Plan, indexes: &[usize]) -> Vec<Outcome> {
    if indexes.is_empty() {
        return Vec::new();
    }
    if rustcrypto::COMPLETE {
        return indexes
            .iter()
            .filter_map(|&i| plan.attempts().get(i))
            .map(|a| rustcrypto::check(plan, a))
            .collect();
    }
    let answer = ask_worker(wire::encode_checks_at(plan, indexes))
        .await
        .and_then(|answer| {
            wire::decode_outcomes(&answer)
                .filter(|o| o.len() == indexes.len())
                .ok_or_else(|| UNREADABLE.to_owned())
        });
    answer.unwrap_or_else(|reason| {
        indexes
            .iter()
            .map(|_| Outcome::WorkerFailed {
                reason: reason.clone(),
            })
            .collect()
    })
}

/// The worker's loader (`static/lazy/second_opinion_loader.js`, beside the `second_opinion`
/// bin's module), relative to the page.
const WORKER_URL: &str = "./lazy/second_opinion_loader.js";

/// Requests waiting for the worker: their promises' `resolve` and `reject`.
type Waiting = Rc<RefCell<HashMap<u32, (Function, Function)>>>;

struct SecondWorker {
    worker: Worker,
    ready: Promise,
    waiting: Waiting,
    failed: Rc<std::cell::Cell<bool>>,
    next: u32,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

thread_local! {
    static WORKER: RefCell<Option<SecondWorker>> = const { RefCell::new(None) };
}

/// Sends one request to the worker (starting it if needed) and waits for its answer.
async fn ask_worker(body: Vec<u8>) -> Result<Vec<u8>, String> {
    let ready = WORKER.with(|w| {
        let mut w = w.borrow_mut();
        if w.as_ref().is_none_or(|w| w.failed.get()) {
            if let Some(old) = w.take() {
                old.worker.terminate();
            }
            *w = Some(start_worker()?);
        }
        Ok::<_, String>(w.as_ref().map(|w| w.ready.clone()))
    })?;
    if let Some(ready) = ready {
        JsFuture::from(ready).await.map_err(|e| failure(&e))?;
    }
    let answer = WORKER.with(|w| {
        let mut w = w.borrow_mut();
        let w = w
            .as_mut()
            .ok_or_else(|| "the RustCrypto worker stopped".to_owned())?;
        let id = w.next;
        w.next = w.next.wrapping_add(1);
        let waiting = w.waiting.clone();
        let promise = Promise::new(&mut |resolve, reject| {
            waiting.borrow_mut().insert(id, (resolve, reject));
        });
        let mut message = id.to_le_bytes().to_vec();
        message.extend(body.iter());
        w.worker
            .post_message(&Uint8Array::from(message.as_slice()))
            .map_err(|e| failure(&e))?;
        Ok::<_, String>(promise)
    })?;
    let data = JsFuture::from(answer).await.map_err(|e| failure(&e))?;
    Ok(Uint8Array::new(&data).to_vec())
}

fn start_worker() -> Result<SecondWorker, String> {
    let worker = Worker::new(WORKER_URL).map_err(|e| failure(&e))?;
    let waiting: Waiting = Rc::new(RefCell::new(HashMap::new()));
    let ready_fns: Rc<RefCell<Option<(Function, Function)>>> = Rc::new(RefCell::new(None));
    let ready = Promise::new(&mut |resolve, reject| {
        *ready_fns.borrow_mut() = Some((resolve, reject));
    });
    let on_message = {
        let (waiting, ready_fns) = (waiting.clone(), ready_fns.clone());
        Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
            let data = e.data();
            if data.is_string() {
                if let Some((resolve, _)) = ready_fns.borrow_mut().take() {
                    let _ = resolve.call0(&JsValue::NULL);
                }
                return;
            }
            let bytes = Uint8Array::new(&data).to_vec();
            let Some((id, rest)) = bytes.split_first_chunk::<4>() else {
                return;
            };
            let entry = waiting.borrow_mut().remove(&u32::from_le_bytes(*id));
            if let Some((resolve, _)) = entry {
                let _ = resolve.call1(&JsValue::NULL, &Uint8Array::from(rest));
            }
        })
    };
    let failed = Rc::new(std::cell::Cell::new(false));
    let on_error = {
        let (waiting, ready_fns, failed) = (waiting.clone(), ready_fns.clone(), failed.clone());
        Closure::<dyn Fn(web_sys::Event)>::new(move |_: web_sys::Event| {
            let why = JsValue::from_str("the RustCrypto worker did not load");
            if let Some((_, reject)) = ready_fns.borrow_mut().take() {
                let _ = reject.call1(&JsValue::NULL, &why);
            }
            for (_, (_, reject)) in waiting.borrow_mut().drain() {
                let _ = reject.call1(&JsValue::NULL, &why);
            }
            // A later request starts a new worker.
            failed.set(true);
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(SecondWorker {
        worker,
        ready,
        waiting,
        failed,
        next: 0,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// A rejection or exception as text: a string as it is, an error by its name and message.
fn failure(e: &JsValue) -> String {
    if let Some(s) = e.as_string() {
        return s;
    }
    let message = Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_default();
    format!("{} {message}", error_name(e)).trim().to_owned()
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
        let mut lacking: Vec<usize> = Vec::new();
        for (i, a) in plan.attempts().iter().enumerate() {
            if a.round != round {
                continue;
            }
            match (a.webcrypto(), &subtle) {
                (None, _) => lacking.push(i),
                (Some(call), Ok(subtle)) => {
                    let started = start(subtle, &call, plan.signing_input(), &a.signature).await;
                    pending.push((i, started.map(JsFuture::from)));
                }
                (Some(_), Err(e)) => pending.push((i, Err(e.clone()))),
            }
        }
        let made = rustcrypto_checks(plan, &lacking).await;
        for (i, outcome) in lacking.into_iter().zip(made) {
            if let Some(slot) = out.get_mut(i) {
                *slot = (Engine::RustCrypto, outcome);
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
                // Without the `rustcrypto` feature the fallback may not have the algorithm
                // either: then WebCrypto's own error is the more useful one.
                Outcome::CouldNotCheck { .. } if fallback => match rustcrypto::check(plan, attempt)
                {
                    Outcome::CouldNotCheck { .. } => (Engine::WebCrypto, outcome),
                    o => (Engine::RustCrypto, o),
                },
                o => (Engine::WebCrypto, o),
            };
        }
    }
    out
}

/// Whether this page has WebCrypto (`crypto.subtle`: a secure context).
pub fn available() -> bool {
    subtle().is_ok()
}

fn subtle() -> Result<SubtleCrypto, String> {
    let window = web_sys::window().ok_or_else(|| "NoWindow".to_owned())?;
    let crypto = window.crypto().map_err(|e| error_name(&e))?;
    // `crypto.subtle` is undefined outside a secure context.
    let subtle = Reflect::get(&crypto, &JsValue::from_str("subtle")).map_err(|e| error_name(&e))?;
    if subtle.is_undefined() || subtle.is_null() {
        return Err("NoSubtleCrypto".to_owned());
    }
    Ok(subtle.unchecked_into())
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
