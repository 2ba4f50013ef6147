use std::rc::Rc;

use yew::prelude::*;

use super::clock;
use super::components::candidate_picker::CandidatePicker;
use super::components::paste_area::PasteArea;
use super::components::token_view::TokenView;
use super::state::{Action, State};
use crate::inspect;

/// Shown when the paste area is empty: a Cognito-shaped sign-in response signed by the demo key
/// in `static/demo/`, so a newcomer sees real content without any network.
const DEMO: &str = include_str!("../../static/demo/authentication-result.json");

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    let showing_demo = state.text.trim().is_empty();
    let text: Rc<str> = if showing_demo {
        DEMO.into()
    } else {
        state.text.as_str().into()
    };

    let overview = use_memo(text, |text| inspect::overview(text));
    let selected = state
        .selected
        .min(overview.candidates.len().saturating_sub(1));
    let candidate = overview.extraction.candidates.get(selected).cloned();
    let view = use_memo(candidate, |candidate| {
        candidate.as_ref().map(|c| {
            Rc::new(inspect::token_view(
                c,
                clock::now_secs(),
                &clock::local_offset_minutes,
            ))
        })
    });

    let on_text = {
        let state = state.clone();
        Callback::from(move |text: String| state.dispatch(Action::SetText(text)))
    };
    let on_select = {
        let state = state.clone();
        Callback::from(move |index: usize| state.dispatch(Action::Select(index)))
    };

    html! {
        <>
            <header class="top">
                <h1>{ "tokenlens" }</h1>
                <p>{ "Decode a bearer token and see why a gateway would accept or reject it. Everything happens in this page: the token is never sent anywhere." }</p>
            </header>
            <main>
                <section class="panel" aria-labelledby="paste-heading">
                    <h2 id="paste-heading">{ "Paste" }</h2>
                    <PasteArea text={AttrValue::from(state.text.clone())} on_text={on_text} />
                    if showing_demo {
                        <p class="note" data-testid="demo-note">
                            { "Showing a demo: a Cognito sign-in response signed by a demo key that ships with tokenlens. Paste your own token, header, curl command or JSON response above." }
                        </p>
                    }
                    if let Some(message) = overview.nothing_found.clone() {
                        <p class="note warn" role="status" data-testid="input-message">{ message }</p>
                    }
                    if overview.candidates.len() > 1 {
                        <CandidatePicker items={overview.candidates.clone()} selected={selected} on_select={on_select} />
                    }
                </section>
                if let Some(view) = (*view).clone() {
                    <TokenView {view} />
                }
            </main>
            <footer class="bottom">
                { "tokenlens sends no analytics and keeps nothing unless you ask." }
            </footer>
        </>
    }
}
