use yew::prelude::*;

use crate::web::state::Theme;

/// Puts the chosen colour scheme on `<html data-theme>` (the style sheet follows the system
/// setting for `system`).
#[hook]
pub fn use_theme(theme: Theme) {
    use_effect_with(theme, |theme| {
        let root = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element());
        if let Some(root) = root {
            let _ = root.set_attribute("data-theme", theme.as_str());
        }
    });
}
