use yew::prelude::*;

use crate::web::state::State;
use crate::web::storage;

/// Keeps the gateway settings and the colour scheme on this device while the user's
/// "remember" choice is on (never a token or a key).
#[hook]
pub fn use_remember(state: &UseReducerHandle<State>) {
    let deps = (
        state.remember,
        state.fields.clone(),
        state.jwks_url.clone(),
        state.theme,
    );
    use_effect_with(deps, |(remember, fields, jwks_url, theme)| {
        if *remember {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            storage::save(&pairs, jwks_url, theme.as_str());
        }
    });
}
