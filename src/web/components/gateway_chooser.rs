use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::diagnose::profiles::Profile;
use crate::explain::answer::{self as words, Question, QuestionKind};
use crate::inspect::profile_id;
use crate::inspect::Fields;

#[derive(Properties, PartialEq)]
pub struct GatewayChooserProps {
    pub gateway: Option<Profile>,
    pub fields: Fields,
    pub on_gateway: Callback<Option<Profile>>,
    /// A question's answer; `None` unanswers it (its "Yes" with nothing named yet).
    pub on_field: Callback<(&'static str, Option<String>)>,
}

#[function_component(GatewayChooser)]
pub fn gateway_chooser(props: &GatewayChooserProps) -> Html {
    let onchange = {
        let cb = props.on_gateway.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            cb.emit(
                Profile::ALL
                    .iter()
                    .copied()
                    .find(|p| profile_id(*p) == value),
            )
        })
    };
    let current = props.gateway.map(profile_id).unwrap_or("all");
    html! {
        <div class="chooser" data-testid="chooser">
            <div class="chooser-row">
                <label for="gateway-choice">{ "Where do you send it?" }</label>
                <select id="gateway-choice" {onchange}>
                    { for Profile::ALL.iter().filter_map(|&p| words::chooser_label(p).map(|l| (p, l))).map(|(p, label)| html! {
                        <option value={profile_id(p)} selected={current == profile_id(p)}>{ label }</option>
                    }) }
                    <option value="all" selected={current == "all"}>{ words::NOT_SURE }</option>
                </select>
            </div>
            if let Some(p) = props.gateway {
                { for words::questions(p).iter().map(|q| question(q, props)) }
            }
        </div>
    }
}

fn question(q: &Question, props: &GatewayChooserProps) -> Html {
    let value = props.fields.get(q.field.id());
    // Keyed by field: another gateway's question is another row, with its own "Yes".
    html! { <QuestionRow key={q.field.id()} question={*q} answered={value.is_some()} value={value.cloned().unwrap_or_default()} on_field={props.on_field.clone()} /> }
}

#[derive(Properties, PartialEq)]
struct QuestionProps {
    question: Question,
    /// Whether the field was ever set: a "No / Yes" question never answered has neither
    /// checked (the page then says what it assumes), so that "No" can be answered with a click.
    answered: bool,
    value: String,
    on_field: Callback<(&'static str, Option<String>)>,
}

#[function_component(QuestionRow)]
fn question_row(props: &QuestionProps) -> Html {
    let q = props.question;
    let field = q.field.id();
    let id = format!("q-{field}");
    let yes = use_state(|| !props.value.trim().is_empty());
    // Answered "none" elsewhere (the full form below clears the same field): a pending "Yes"
    // here gives way, so the two never show different answers (review round 11).
    let answered_none = props.answered && props.value.trim().is_empty();
    {
        let yes = yes.clone();
        use_effect_with(answered_none, move |&none| {
            if none {
                yes.set(false);
            }
        });
    }
    let no_or_list = matches!(q.kind, QuestionKind::NoOrList);
    // "Yes" with nothing named (yet, or typed and deleted) is not "No" (an empty field): the
    // question goes back to unanswered, and the page says what it assumes.
    let oninput = {
        let cb = props.on_field.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            cb.emit((
                field,
                (!no_or_list || !text.trim().is_empty()).then_some(text),
            ))
        })
    };
    match q.kind {
        QuestionKind::NoOrList => {
            let is_yes = (*yes && !answered_none) || !props.value.trim().is_empty();
            let on_no = {
                let (cb, yes) = (props.on_field.clone(), yes.clone());
                Callback::from(move |_| {
                    yes.set(false);
                    cb.emit((field, Some(String::new())));
                })
            };
            let on_yes = {
                let (cb, yes, answered_empty) =
                    (props.on_field.clone(), yes.clone(), answered_none);
                Callback::from(move |_| {
                    yes.set(true);
                    if answered_empty {
                        cb.emit((field, None));
                    }
                })
            };
            html! {
                <fieldset class="question" data-field={field}>
                    <legend>{ q.text }</legend>
                    <label class="radio"><input type="radio" name={id.clone()} value="no" checked={props.answered && !is_yes} onchange={on_no} />{ "No" }</label>
                    <label class="radio"><input type="radio" name={id.clone()} value="yes" checked={is_yes} onchange={on_yes} />{ "Yes:" }</label>
                    <input id={id.clone()} type="text" spellcheck="false" autocomplete="off" aria-label={format!("{} Which?", q.text)}
                        placeholder={q.placeholder} value={props.value.clone()} disabled={!is_yes} {oninput} />
                    // "Yes" with none named: the answer below still assumes none, and says so.
                    if is_yes && !props.answered {
                        <p class="hint" data-testid="question-pending">{ words::NAME_ONE }</p>
                    }
                </fieldset>
            }
        }
        QuestionKind::Text => html! {
            <div class="question" data-field={field}>
                <label for={id.clone()}>{ q.text }</label>
                <input id={id} type="text" spellcheck="false" autocomplete="off"
                    placeholder={q.placeholder} value={props.value.clone()} {oninput} />
            </div>
        },
        QuestionKind::TokenUse => {
            let onchange = {
                let cb = props.on_field.clone();
                Callback::from(move |e: Event| {
                    cb.emit((
                        field,
                        Some(e.target_unchecked_into::<HtmlSelectElement>().value()),
                    ))
                })
            };
            html! {
                <div class="question" data-field={field}>
                    <label for={id.clone()}>{ q.text }</label>
                    <select id={id} {onchange}>
                        <option value="" selected={props.value.is_empty()}>{ "either" }</option>
                        <option value="id" selected={props.value == "id"}>{ "ID token" }</option>
                        <option value="access" selected={props.value == "access"}>{ "access token" }</option>
                    </select>
                </div>
            }
        }
    }
}
