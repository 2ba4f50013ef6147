//! RustCrypto's second opinion, as a Web Worker (`index.html` builds it with
//! `data-type="worker"`; the page starts it only when a token needs ES256K, which WebCrypto
//! lacks, or when the user asks for a second opinion). The app's own module is built without
//! RustCrypto; this module has it.
//!
//! Protocol: the worker posts an empty string when it is ready; then each message is a
//! `Uint8Array` of a 4-byte request id followed by [`verify::wire::encode_checks`], and each
//! answer the same id followed by [`verify::wire::encode_outcomes`] (no outcomes when the
//! request did not decode). On native targets this is a stub `main`.

#[cfg(target_arch = "wasm32")]
fn main() {
    use js_sys::Uint8Array;
    use tokenlens::verify::{rustcrypto, wire};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        let request = Uint8Array::new(&e.data()).to_vec();
        let (id, body) = request.split_at_checked(4).unwrap_or((&[0; 4], &[]));
        let outcomes = wire::decode_checks(body)
            .map(|plan| rustcrypto::outcomes(&plan))
            .unwrap_or_default();
        let mut answer = id.to_vec();
        answer.extend(wire::encode_outcomes(&outcomes));
        // A failed post leaves the page's request pending; nothing better can be done here.
        let _ = reply_to.post_message(&Uint8Array::from(answer.as_slice()));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(""));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the second-opinion worker runs in the browser: trunk builds it with the app.");
}
