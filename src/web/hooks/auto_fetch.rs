use gloo_timers::callback::Timeout;
use yew::prelude::*;

use super::key_fetch::FetchKeys;
use crate::fetch_policy::{Decision, TokenSource};
use crate::inspect::{self, AutoPolicy};
use crate::web::state::{Action, State};

/// How long a token opened from a link is on screen before the page may fetch its keys.
const SEEN_AFTER_MS: u32 = 1_500;

/// Fetches keys without a click when [`inspect::auto_fetch`] allows it (never for the demo,
/// never for a link's token before it has been on screen, never with "only when I click"), and
/// returns the decision so the page can say why it fetched or why it waits.
#[hook]
pub fn use_auto_fetch(
    state: UseReducerHandle<State>,
    iss: Option<String>,
    showing_demo: bool,
    fetch: Callback<FetchKeys>,
) -> Option<Decision> {
    // A token opened from a link counts as seen after a visible moment on screen.
    {
        let state = state.clone();
        use_effect_with((state.from_link, state.seen), move |(from_link, seen)| {
            let timer = (*from_link && !*seen)
                .then(|| Timeout::new(SEEN_AFTER_MS, move || state.dispatch(Action::Seen)));
            move || drop(timer)
        });
    }
    // Nothing by itself before the presets file has answered: it may turn the switch on.
    let idle = !showing_demo
        && state.presets_settled
        && state.keys_text.trim().is_empty()
        && state.fetched.is_none()
        && state.loading.is_none();
    let policy = AutoPolicy {
        source: if showing_demo {
            TokenSource::Demo
        } else if state.from_link {
            TokenSource::Link
        } else {
            TokenSource::Pasted
        },
        seen: state.seen,
        only_on_click: state.only_on_click,
    };
    let (wanted, decision) = inspect::auto_fetch(
        iss.as_deref(),
        &state.jwks_url,
        idle,
        state.presets.as_ref().map(|p| &p.presets),
        &state.auto_fetched,
        policy,
    );
    use_effect_with(wanted, move |wanted| {
        if let Some(wanted) = wanted.clone() {
            state.dispatch(Action::AutoFetching(wanted.url));
            fetch.emit(FetchKeys {
                request: wanted.request,
                first: wanted.first,
            });
        }
    });
    decision
}
