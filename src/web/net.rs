//! The page's only network code: fetches a URL the user asked for and hands back status,
//! content type and body, or a [`FetchFailure`]. It judges nothing (see `crate::discovery`).
//! Requests carry no credentials, no referrer and nothing from the token.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::Request;
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{AbortController, ReferrerPolicy, RequestCache, RequestCredentials, RequestMode};

use crate::discovery::{FetchFailure, Response, MAX_BODY_BYTES, TIMEOUT_MS};

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

/// GETs `url` (already checked by `discovery::check_url`).
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
    let request = Request::get(url)
        .mode(RequestMode::Cors)
        .credentials(RequestCredentials::Omit)
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .cache(RequestCache::NoStore)
        .abort_signal(Some(&signal))
        .build()
        .map_err(|_| FetchFailure::Refused)?;
    let response = request.send().await.map_err(|_| failure(&timed_out))?;
    let status = response.status();
    let content_type = response.headers().get("content-type");
    let declared = response
        .headers()
        .get("content-length")
        .and_then(|n| n.trim().parse::<usize>().ok());
    let body = if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
        // Too large to be a key set: don't read it. One byte over the limit tells the core.
        vec![0; MAX_BODY_BYTES + 1]
    } else {
        response.binary().await.map_err(|_| failure(&timed_out))?
    };
    timer.cancel();
    Ok(Response {
        status,
        content_type,
        body,
    })
}
