use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::diagnose::config::{Field, Group, Input};
use crate::inspect::Fields;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub fields: Fields,
    pub notes: Vec<(&'static str, String)>,
    pub on_field: Callback<(&'static str, String)>,
}

fn field_input(f: Field, current: String, on_field: Callback<(&'static str, String)>) -> Html {
    let id = f.id();
    match f.input() {
        Input::Select(options) => {
            let onchange = Callback::from(move |e: Event| {
                on_field.emit((
                    id,
                    e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                        .value(),
                ))
            });
            html! {
                <select id={id} {onchange}>
                    { for options.iter().map(|(value, label)| html! {
                        <option value={*value} selected={current == *value}>{ *label }</option>
                    }) }
                </select>
            }
        }
        Input::Text => {
            let oninput = Callback::from(move |e: InputEvent| {
                on_field.emit((id, e.target_unchecked_into::<HtmlInputElement>().value()))
            });
            html! {
                <input id={id} type="text" spellcheck="false" autocomplete="off"
                    placeholder={f.placeholder()} value={current} {oninput} />
            }
        }
    }
}

#[function_component(GatewayForm)]
pub fn gateway_form(props: &Props) -> Html {
    let value = |id: &str| props.fields.get(id).cloned().unwrap_or_default();
    html! {
        <details class="gateway-form">
            <summary>{ "Describe your gateway (optional: each profile is judged from the token alone otherwise)" }</summary>
            { for Group::ALL.iter().map(|group| html! {
                <fieldset>
                    <legend>{ group.title() }</legend>
                    { for Field::ALL.iter().filter(|f| f.group() == *group).map(|&f| {
                        let id = f.id();
                        let note = props.notes.iter().find(|(n, _)| *n == id).map(|(_, t)| t.clone());
                        html! {
                            <div class="form-row">
                                <label for={id}>{ f.label() }</label>
                                { field_input(f, value(id), props.on_field.clone()) }
                                if let Some(note) = note {
                                    <span class="hint" data-testid={format!("cfg-note-{id}")}>{ note }</span>
                                }
                            </div>
                        }
                    }) }
                </fieldset>
            }) }
        </details>
    }
}
