use std::rc::Rc;

use yew::prelude::*;

use crate::inspect::KeysView;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: Rc<KeysView>,
}

#[function_component(KeyList)]
pub fn key_list(props: &Props) -> Html {
    let view = &props.view;
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
