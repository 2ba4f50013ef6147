use yew::prelude::*;

use crate::inspect::CandidateItem;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub items: Vec<CandidateItem>,
    pub selected: usize,
    pub on_select: Callback<usize>,
}

#[function_component(CandidatePicker)]
pub fn candidate_picker(props: &Props) -> Html {
    html! {
        <div>
            <h3 id="candidates-heading">{ crate::explain::answer::tokens_found(props.items.len()) }</h3>
            <ul class="candidates" data-testid="candidates" aria-labelledby="candidates-heading">
                { for props.items.iter().enumerate().map(|(index, item)| {
                    let on_select = props.on_select.clone();
                    let pressed = if index == props.selected { "true" } else { "false" };
                    html! {
                        <li>
                            <button type="button" data-testid="candidate" aria-pressed={pressed}
                                onclick={Callback::from(move |_| on_select.emit(index))}>
                                { item.label.clone() }
                                <span class="shape">{ item.shape }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}
