use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};

use yew::prelude::*;

use crate::discovery::{self, KeysRequest, Outcome, Why};
use crate::web::state::{Action, NetEntry, State};
use crate::web::{clock, net};

/// Numbers the app's requests for the network log.
static NEXT_REQUEST: AtomicU32 = AtomicU32::new(0);

/// GETs `url` through `net::get`, recording the request and its outcome in the network log.
pub async fn logged_get(
    log: UseReducerHandle<State>,
    url: String,
    why: Why,
) -> Result<discovery::Response, discovery::FetchFailure> {
    let id = NEXT_REQUEST.fetch_add(1, Ordering::Relaxed);
    let at = crate::web::clock::time_of_day();
    log.dispatch(Action::NetStarted(NetEntry {
        id,
        at,
        url: url.clone(),
        why,
        outcome: None,
    }));
    let result = net::get(&url).await;
    log.dispatch(Action::NetFinished(id, Outcome::of(&result)));
    result
}

/// What a key fetch needs: the request and the first URL to show while it runs.
#[derive(Debug, Clone, PartialEq)]
pub struct FetchKeys {
    /// What to fetch.
    pub request: KeysRequest,
    /// The URL shown while loading.
    pub first: String,
}

/// A callback that fetches keys for the token with `kid` (refetching once when the key set
/// lacks it); later answers replace earlier ones, older ones are dropped.
#[hook]
pub fn use_key_fetch(
    state: UseReducerHandle<State>,
    kid: Option<String>,
    iss: Option<String>,
) -> Callback<FetchKeys> {
    Callback::from(move |FetchKeys { request, first }: FetchKeys| {
        let seq = state.fetch_seq.wrapping_add(1);
        state.dispatch(Action::FetchStarted {
            seq,
            url: first,
            for_iss: iss.clone(),
        });
        let (state, kid) = (state.clone(), kid.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let log = state.clone();
            let get = |url: String, why: Why| logged_get(log.clone(), url, why);
            let mut fetched = discovery::fetch_keys(request, kid.as_deref(), get).await;
            // A token issued after this moment may be signed with a key published since.
            if let Ok(set) = &mut fetched.result {
                set.fetched_at = Some(clock::now_secs());
            }
            state.dispatch(Action::FetchFinished {
                seq,
                fetched: Rc::new(fetched),
            });
        });
    })
}

/// "Fetch" next to the JWKS URL field.
pub fn fetch_jwks_url(fetch: &Callback<FetchKeys>, url: &str) -> Callback<()> {
    let (fetch, url) = (fetch.clone(), url.to_owned());
    Callback::from(move |()| {
        fetch.emit(FetchKeys {
            request: KeysRequest::JwksUrl(url.clone()),
            first: url.clone(),
        })
    })
}

/// "Discover from issuer", for the token's `iss` (nothing without one).
pub fn discover(fetch: &Callback<FetchKeys>, iss: Option<String>) -> Callback<()> {
    let fetch = fetch.clone();
    Callback::from(move |()| {
        if let Some(iss) = &iss {
            fetch.emit(FetchKeys {
                request: KeysRequest::Issuer(iss.clone()),
                first: iss.clone(),
            });
        }
    })
}

/// The confirmed fetch of a key location the token header names (`jku` / `x5u`).
pub fn fetch_header_url(
    fetch: &Callback<FetchKeys>,
    urls: Vec<crate::inspect::HeaderUrl>,
) -> Callback<&'static str> {
    let fetch = fetch.clone();
    Callback::from(move |member: &'static str| {
        if let Some(url) = urls.iter().find(|u| u.member == member).map(|u| &u.url) {
            let request = if member == "x5u" {
                KeysRequest::HeaderX5u(url.clone())
            } else {
                KeysRequest::HeaderJku(url.clone())
            };
            fetch.emit(FetchKeys {
                request,
                first: url.clone(),
            });
        }
    })
}
