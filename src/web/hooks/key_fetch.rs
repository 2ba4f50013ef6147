use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};

use yew::prelude::*;

use crate::discovery::{self, KeysRequest, Outcome, Why};
use crate::web::net;
use crate::web::state::{Action, NetEntry, State};

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
pub fn use_key_fetch(state: UseReducerHandle<State>, kid: Option<String>) -> Callback<FetchKeys> {
    Callback::from(move |FetchKeys { request, first }: FetchKeys| {
        let seq = state.fetch_seq.wrapping_add(1);
        state.dispatch(Action::FetchStarted { seq, url: first });
        let (state, kid) = (state.clone(), kid.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let log = state.clone();
            let get = |url: String, why: Why| logged_get(log.clone(), url, why);
            let fetched = discovery::fetch_keys(request, kid.as_deref(), get).await;
            state.dispatch(Action::FetchFinished {
                seq,
                fetched: Rc::new(fetched),
            });
        });
    })
}
