use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::finding_list::finding_list;
use super::gateway_form::GatewayForm;
use crate::inspect::Fields;
use crate::inspect::{DiagnosisView, ResponseView};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: Option<Rc<DiagnosisView>>,
    pub response: Rc<ResponseView>,
    pub response_text: AttrValue,
    pub fields: Fields,
    pub notes: Vec<(&'static str, String)>,
    pub leeway_hint: AttrValue,
    pub on_field: Callback<(&'static str, String)>,
    pub on_response: Callback<String>,
}

#[function_component(DiagnosisPanel)]
pub fn diagnosis_panel(props: &Props) -> Html {
    let on_leeway = {
        let cb = props.on_field.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit((
                "leeway",
                e.target_unchecked_into::<HtmlInputElement>().value(),
            ))
        })
    };
    let on_response = {
        let cb = props.on_response.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let leeway = props
        .fields
        .get("leeway")
        .cloned()
        .unwrap_or_else(|| "0".to_owned());
    html! {
        <section class="panel diagnosis" data-testid="diagnosis" aria-labelledby="diagnosis-heading">
            <h2 id="diagnosis-heading">{ "Gateway details, and the selected token at each gateway" }</h2>
            <p class="inline-field">
                <label for="leeway">{ "Leeway (seconds)" }</label>
                <input id="leeway" type="number" min="0" step="1" inputmode="numeric" placeholder="0"
                    value={leeway} oninput={on_leeway} />
                <span class="hint">{ props.leeway_hint.clone() }</span>
            </p>
            <GatewayForm fields={props.fields.clone()} notes={props.notes.clone()} on_field={props.on_field.clone()} />
            if let Some(view) = &props.view {
                <table class="profiles" data-testid="profiles">
                    <thead><tr><th scope="col">{ "Gateway" }</th><th scope="col">{ "Verdict and why" }</th></tr></thead>
                    <tbody>
                        { for view.profiles.iter().map(|p| html! {
                            <tr data-profile={p.id} data-verdict={p.verdict} data-status={p.status.map(|s| s.to_string())}>
                                <th scope="row">{ p.name }</th>
                                <td>
                                    <p class={classes!("profile-verdict", p.verdict)}>{ p.line.clone() }</p>
                                    if !p.findings.is_empty() {
                                        { finding_list(&p.findings) }
                                    }
                                </td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <div data-testid="findings">
                    { for view.stages.iter().map(|s| html! {
                        <div class="stage" data-stage={s.id}>
                            <h3>{ s.title }</h3>
                            { finding_list(&s.findings) }
                        </div>
                    }) }
                </div>
            }
            <h3><label for="gateway-response">{ "What did the gateway answer? (optional)" }</label></h3>
            <textarea id="gateway-response" class="short" spellcheck="false" autocomplete="off"
                aria-label="What did the gateway answer? Paste the gateway answer: status line and body, a www-authenticate header, or curl -v output"
                placeholder="HTTP/1.1 401 Unauthorized · {\"message\":\"Unauthorized\"} · www-authenticate: Bearer … · the whole curl -v transcript"
                value={props.response_text.clone()} oninput={on_response} />
            if let Some(status) = &props.response.status {
                <p class="hint" data-testid="response-status">{ status.clone() }</p>
            }
            if !props.response.findings.is_empty() {
                <div data-testid="response-findings">
                    { finding_list(&props.response.findings) }
                </div>
            }
        </section>
    }
}
