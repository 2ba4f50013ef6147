use std::collections::BTreeMap;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::explain::diagnosis::FIELDS;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub fields: BTreeMap<&'static str, String>,
    pub notes: Vec<(&'static str, String)>,
    pub on_field: Callback<(&'static str, String)>,
}

#[function_component(GatewayForm)]
pub fn gateway_form(props: &Props) -> Html {
    let value = |id: &str| props.fields.get(id).cloned().unwrap_or_default();
    let mut groups: Vec<&'static str> = FIELDS.iter().map(|f| f.group).collect();
    groups.dedup();
    html! {
        <details class="gateway-form">
            <summary>{ "Describe your gateway (optional: each profile is judged from the token alone otherwise)" }</summary>
            { for groups.iter().map(|group| html! {
                <fieldset>
                    <legend>{ *group }</legend>
                    { for FIELDS.iter().filter(|f| f.group == *group).map(|f| {
                        let id = f.id;
                        let on_field = props.on_field.clone();
                        let note = props.notes.iter().find(|(n, _)| *n == id).map(|(_, t)| t.clone());
                        let input = if id == "cfg-lambda-token-use" {
                            let onchange = Callback::from(move |e: Event| {
                                on_field.emit((id, e.target_unchecked_into::<web_sys::HtmlSelectElement>().value()))
                            });
                            let current = value(id);
                            html! {
                                <select id={id} {onchange}>
                                    <option value="" selected={current.is_empty()}>{ "null (either)" }</option>
                                    <option value="id" selected={current == "id"}>{ "id" }</option>
                                    <option value="access" selected={current == "access"}>{ "access" }</option>
                                </select>
                            }
                        } else {
                            let oninput = Callback::from(move |e: InputEvent| {
                                on_field.emit((id, e.target_unchecked_into::<HtmlInputElement>().value()))
                            });
                            html! {
                                <input id={id} type="text" spellcheck="false" autocomplete="off"
                                    placeholder={f.placeholder} value={value(id)} {oninput} />
                            }
                        };
                        html! {
                            <div class="form-row">
                                <label for={id}>{ f.label }</label>
                                { input }
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
