use yew::prelude::*;

use super::key_fetch::FetchKeys;
use crate::inspect;
use crate::web::state::{Action, State};

/// Fetches keys without a click when [`inspect::auto_fetch`] allows it (never for the demo).
#[hook]
pub fn use_auto_fetch(
    state: UseReducerHandle<State>,
    iss: Option<String>,
    showing_demo: bool,
    fetch: Callback<FetchKeys>,
) {
    let idle = !showing_demo
        && state.keys_text.trim().is_empty()
        && state.fetched.is_none()
        && state.loading.is_none();
    let deps = (
        iss,
        state.jwks_url.clone(),
        idle,
        state.presets.clone(),
        state.auto_fetched.len(),
    );
    use_effect_with(deps, move |(iss, jwks_url, idle, presets, _)| {
        let wanted = inspect::auto_fetch(
            iss.as_deref(),
            jwks_url,
            *idle,
            presets.as_ref().map(|p| &p.presets),
            &state.auto_fetched,
        );
        if let Some(wanted) = wanted {
            state.dispatch(Action::AutoFetching(wanted.url));
            fetch.emit(FetchKeys {
                request: wanted.request,
                first: wanted.first,
            });
        }
    });
}
