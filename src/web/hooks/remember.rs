use yew::prelude::*;

use crate::web::state::{Action, State};
use crate::web::storage;

/// Keeps the gateway settings, the colour scheme and the user's own "Fetch keys only when I
/// click" setting on this device while the user's "remember" choice is on (never a token or a
/// key). The switch is restored on every opening, a link's too: it only ever holds fetches back.
#[hook]
pub fn use_remember(state: &UseReducerHandle<State>) {
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            if let Some(on) = storage::load().and_then(|kept| kept.only_on_click) {
                state.dispatch(Action::RememberedOnlyOnClick(on));
            }
        });
    }
    let deps = (
        state.remember,
        state.fields.clone(),
        state.jwks_url.clone(),
        state.theme,
        state.only_on_click_chosen.then_some(state.only_on_click),
    );
    use_effect_with(
        deps,
        |(remember, fields, jwks_url, theme, only_on_click)| {
            if *remember {
                let pairs: Vec<(&str, &str)> =
                    fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                storage::save(&pairs, jwks_url, theme.as_str(), *only_on_click);
            }
        },
    );
}

/// The settings bar's callbacks: remember on this device, forget everything, apply a preset.
pub struct Settings {
    /// The "remember" box changed (turning it off forgets what was kept).
    pub on_remember: Callback<bool>,
    /// "Forget everything".
    pub on_forget: Callback<()>,
    /// A preset profile was picked, by name.
    pub on_preset: Callback<String>,
}

/// The callbacks of the settings bar.
#[hook]
pub fn use_settings(state: &UseReducerHandle<State>) -> Settings {
    let on_remember = {
        let state = state.clone();
        Callback::from(move |on: bool| {
            if !on {
                storage::forget_everything();
            }
            state.dispatch(Action::SetRemember(on))
        })
    };
    let on_forget = {
        let state = state.clone();
        Callback::from(move |()| {
            storage::forget_everything();
            state.dispatch(Action::Forget);
        })
    };
    let on_preset = {
        let state = state.clone();
        Callback::from(move |name: String| {
            let profile = state
                .presets
                .as_ref()
                .and_then(|p| p.presets.profiles.iter().find(|p| p.name == name).cloned());
            if let Some(p) = profile {
                state.dispatch(Action::ApplyPreset(
                    p.name.clone(),
                    crate::inspect::preset_fields(&p),
                    p.jwks_url.clone(),
                ));
            }
        })
    };
    Settings {
        on_remember,
        on_forget,
        on_preset,
    }
}
