use yew::prelude::*;

use crate::inspect::KeysView;

/// A key set's warnings, summary and problems (a plain function: see `finding_list`).
pub fn key_list(view: &KeysView) -> Html {
    html! {
        <>
            if let Some(warning) = &view.private_warning {
                <p class="note bad" role="alert" data-testid="private-key-warning">{ warning.clone() }</p>
            }
            if let Some(summary) = &view.summary {
                <p class="key-summary" data-testid="key-summary">{ summary.clone() }</p>
            }
            if !view.problems.is_empty() {
                <ul class="plain" data-testid="key-problems">
                    { for view.problems.iter().map(|(index, text)| html! {
                        <li class="warn-text" data-index={index.to_string()}>{ text.clone() }</li>
                    }) }
                </ul>
            }
        </>
    }
}
