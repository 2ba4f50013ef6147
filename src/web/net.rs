//! The page's only network code: fetches a URL the user asked for and hands back status,
//! content type, body (read up to the cap, never past it) and the final URL after redirects, or
//! a [`FetchFailure`]. It judges nothing (see `crate::discovery`). Requests carry no
//! credentials, no referrer and nothing from the token.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::Request;
use gloo_timers::callback::Timeout;
use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, ReadableStreamDefaultReader, ReadableStreamReadResult, ReferrerPolicy,
    RequestCache, RequestCredentials, RequestMode, RequestRedirect,
};

use crate::discovery::{Cut, FetchFailure, Response, MAX_BODY_BYTES, TIMEOUT_MS};

/// Every request the page's own resources caused so far (HTML, JS, wasm, CSS, and anything
/// else the browser fetched), from the Performance API: `(URL, ms after navigation start, kind)`.
pub fn page_requests() -> Vec<(String, f64, String)> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let Some(performance) = window.performance() else {
        return Vec::new();
    };
    let mut out: Vec<(String, f64, String)> = Vec::new();
    for kind in ["navigation", "resource"] {
        for entry in performance.get_entries_by_type(kind).iter() {
            let entry: web_sys::PerformanceEntry = entry.unchecked_into();
            let initiator = js_sys::Reflect::get(&entry, &"initiatorType".into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_else(|| kind.to_owned());
            out.push((entry.name(), entry.start_time(), initiator));
        }
    }
    out
}

/// GETs `url` (already checked by `discovery::check_url`), reading at most
/// [`MAX_BODY_BYTES`] decoded bytes of the body.
pub async fn get(url: &str) -> Result<Response, FetchFailure> {
    let controller = AbortController::new().map_err(|_| FetchFailure::Network)?;
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let (controller, timed_out) = (controller.clone(), timed_out.clone());
        Timeout::new(TIMEOUT_MS, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let failure = |timed_out: &Cell<bool>| {
        if timed_out.get() {
            FetchFailure::Timeout
        } else {
            FetchFailure::Network
        }
    };
    let signal = controller.signal();
    // Redirects: `redirect: "follow"` (the default, written out), then `response.redirected`
    // and `response.url` tell the core where the answer came from, and the core refuses keys
    // from another origin (`discovery::judge_response`). `redirect: "manual"` cannot do this:
    // the Fetch standard hands the page an opaque-redirect response (status 0, no headers, no
    // Location), so the page could neither name the destination nor tell a same-origin redirect
    // from a cross-origin one; `redirect: "error"` turns every redirect into a network error
    // that looks like a CORS block. Following costs one GET to the destination, with no
    // credentials, no referrer, no token bytes and an Origin of `null` after a cross-origin hop.
    let request = Request::get(url)
        .mode(RequestMode::Cors)
        .credentials(RequestCredentials::Omit)
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .cache(RequestCache::NoStore)
        .redirect(RequestRedirect::Follow)
        .abort_signal(Some(&signal))
        .build()
        .map_err(|_| FetchFailure::Refused)?;
    let response = request.send().await.map_err(|_| failure(&timed_out))?;
    let status = response.status();
    let content_type = response.headers().get("content-type");
    let redirected_to = response.redirected().then(|| response.url());
    // Content-Length is CORS-safelisted, so it is visible here even cross-origin. It counts the
    // encoded (possibly compressed) body; the cap counts decoded bytes, so both are checked.
    let declared = response
        .headers()
        .get("content-length")
        .and_then(|n| n.trim().parse::<u64>().ok());
    let (body, cut) = match declared {
        Some(length) if length > MAX_BODY_BYTES as u64 => {
            // Too large to be a key set: don't read it, and drop the connection.
            controller.abort();
            (Vec::new(), Some(Cut::Declared { length }))
        }
        _ => match read_capped(&response, MAX_BODY_BYTES).await {
            Ok((body, None)) => (body, None),
            Ok((body, Some(received))) => {
                controller.abort();
                (body, Some(Cut::Streamed { received, declared }))
            }
            Err(_) => {
                timer.cancel();
                return Err(failure(&timed_out));
            }
        },
    };
    timer.cancel();
    Ok(Response {
        status,
        content_type,
        body,
        redirected_to,
        cut,
    })
}

/// Reads the body chunk by chunk as the browser decodes it, and stops as soon as more than
/// `cap` bytes have arrived: then returns the first `cap + 1` bytes and how many had arrived.
/// (`response.arrayBuffer()` would read a 3 MiB stream, or an 8 MiB gzip bomb, in full first.)
async fn read_capped(
    response: &gloo_net::http::Response,
    cap: usize,
) -> Result<(Vec<u8>, Option<usize>), JsValue> {
    let Some(stream) = response.body() else {
        return Ok((Vec::new(), None));
    };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut body: Vec<u8> = Vec::new();
    let mut received = 0usize;
    loop {
        let result: ReadableStreamReadResult =
            JsFuture::from(reader.read()).await?.unchecked_into();
        if result.get_done().unwrap_or(true) {
            return Ok((body, None));
        }
        let chunk = Uint8Array::new(&result.get_value());
        received = received.saturating_add(chunk.length() as usize);
        let room = (cap + 1).saturating_sub(body.len());
        body.extend(chunk.to_vec().into_iter().take(room));
        if received > cap {
            // Cancelling tells the browser to stop receiving; the caller also aborts the fetch.
            let _ = reader.cancel();
            return Ok((body, Some(received)));
        }
    }
}
