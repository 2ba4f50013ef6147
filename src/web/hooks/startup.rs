use std::rc::Rc;

use yew::prelude::*;

use super::key_fetch::logged_get;
use crate::discovery::Why;
use crate::inspect;
use crate::presets;
use crate::web::state::{field_id, Action, State, Theme};
use crate::web::{location, storage};

/// Once, after the first paint: settings kept on this device (when the page was not opened with
/// a link), then the organisation's presets file beside the page. A page opened with a link
/// reads the presets only once its first answer is shown (`ready`): they cannot change what the
/// link restores, and their arrival would re-render the page while the verdict is on its way.
#[hook]
pub fn use_startup(state: UseReducerHandle<State>, from_link: bool, ready: bool) {
    // Runs when this turns true, once: `ready` never turns false again.
    use_effect_with(!from_link || ready, move |&go| {
        if !go {
            return;
        }
        let mut remembered = false;
        if !from_link {
            if let Some(kept) = storage::load() {
                let fields = kept
                    .fields
                    .iter()
                    .filter_map(|(id, v)| field_id(id).map(|id| (id, v.clone())))
                    .collect();
                let theme = Theme::from_name(&kept.theme).unwrap_or_default();
                state.dispatch(Action::Remembered(fields, kept.jwks_url, theme));
                remembered = true;
            }
        }
        wasm_bindgen_futures::spawn_local(async move {
            let url = location::resolve("tokenlens.config.json");
            match logged_get(state.clone(), url, Why::Presets).await {
                Ok(r) if r.status == 200 => {
                    let parsed = presets::parse_presets(&r.body);
                    let initial = parsed.presets.initial_profile().cloned();
                    state.dispatch(Action::PresetsLoaded(Rc::new(parsed)));
                    if let (Some(p), false, false) = (initial, from_link, remembered) {
                        state.dispatch(Action::ApplyPreset(
                            p.name.clone(),
                            inspect::preset_fields(&p),
                            p.jwks_url.clone(),
                        ));
                    }
                }
                // No presets file (404), or no server at all (file://): the page works without.
                Ok(r) if r.status == 404 => state.dispatch(Action::PresetsAbsent),
                Err(_) => state.dispatch(Action::PresetsAbsent),
                Ok(r) => state.dispatch(Action::PresetsError(format!(
                    "tokenlens.config.json: HTTP {}",
                    r.status
                ))),
            }
        });
    });
}
