use std::rc::Rc;

use web_sys::{Element, HtmlTextAreaElement};
use yew::prelude::*;

use crate::inspect::{paste_pieces, PasteMark};
use crate::web::Same;

#[derive(Properties, PartialEq)]
pub struct PasteAreaProps {
    /// The text (shared with the page state: a 1 MiB paste is never copied to be shown).
    pub text: Rc<String>,
    pub on_text: Callback<Rc<String>>,
    pub on_clear: Callback<()>,
    pub on_demo: Callback<()>,
    pub showing_demo: bool,
    /// Where the tokens' segments are in `text`, to colour them in the box itself.
    pub marks: Rc<Vec<PasteMark>>,
}

/// The coloured backdrop behind the (transparent) textarea: the same text, invisible, with
/// each segment's background tinted in its colour.
fn backdrop(text: &str, marks: &[PasteMark]) -> Html {
    if marks.is_empty() {
        return html! {};
    }
    html! {
        <>
            { for paste_pieces(text, marks).into_iter().map(|(name, piece)| match name {
                Some(name) => html! { <mark class={format!("seg-{name}")}>{ piece }</mark> },
                None => html! { { piece } },
            }) }
            // A textarea keeps a line for a trailing newline; so must the backdrop.
            { " " }
        </>
    }
}

#[function_component(PasteArea)]
pub fn paste_area(props: &PasteAreaProps) -> Html {
    // The box is not given its text on every render (Yew would compare and copy it): what was
    // typed is already in it. The text is written into it only when the page's text is not the
    // one the box holds (`typed`: the text it opened with, then the last it reported) — cleared,
    // the demo, remembered input.
    let area_ref = use_node_ref();
    let typed = use_mut_ref(|| Rc::downgrade(&props.text));
    // The text the box opens with (a link's token) is its default value, set as it is created:
    // in the same paint as the first verdict (effects may run a frame after a long first
    // render). Yew applies `defaultvalue` only at creation, so this costs nothing later.
    let opening = use_memo((), {
        let text = props.text.clone();
        move |()| AttrValue::from(text.as_str().to_owned())
    });
    let oninput = {
        let on_text = props.on_text.clone();
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let text = Rc::new(area.value());
            *typed.borrow_mut() = Rc::downgrade(&text);
            on_text.emit(text);
        })
    };
    {
        let area_ref = area_ref.clone();
        use_effect_with(Same(props.text.clone()), move |Same(text)| {
            let shown = typed.borrow().upgrade();
            if !shown.is_some_and(|shown| Rc::ptr_eq(&shown, text)) {
                if let Some(area) = area_ref.cast::<HtmlTextAreaElement>() {
                    area.set_value(text);
                }
            }
        });
    }
    let marks_ref = use_node_ref();
    let onscroll = {
        let marks_ref = marks_ref.clone();
        Callback::from(move |e: Event| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            if let Some(marks) = marks_ref.cast::<Element>() {
                marks.set_scroll_top(area.scroll_top());
            }
        })
    };
    let on_clear = {
        let cb = props.on_clear.clone();
        Callback::from(move |_| cb.emit(()))
    };
    let on_demo = {
        let cb = props.on_demo.clone();
        Callback::from(move |_| cb.emit(()))
    };
    html! {
        <>
            <div class="segment-head">
                <label class="field" for="token-input">{ "Token, or anything that holds one" }</label>
                <span class="buttons">
                    if !props.showing_demo {
                        <button type="button" class="copy" data-action="demo" onclick={on_demo}>{ "Demo" }</button>
                    }
                    <button type="button" class="copy" data-action="clear" onclick={on_clear}>{ "Clear" }</button>
                </span>
            </div>
            <div class={classes!("paste-box", (!props.marks.is_empty()).then_some("marked"))}>
            <div class="paste-marks" aria-hidden="true" ref={marks_ref} data-testid="paste-marks">
                { backdrop(&props.text, &props.marks) }
            </div>
            <textarea
                id="token-input"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                aria-describedby="paste-hint"
                placeholder="Paste a token, a Bearer header, a curl command, a JSON sign-in response, a redirect URL — or what the gateway answered"
                ref={area_ref}
                defaultvalue={(*opening).clone()}
                {oninput}
                {onscroll}
            />
            </div>
            <p class="hint" id="paste-hint">{ "Bearer headers, quotes, curl commands, JSON responses, redirect URLs and gateway answers are all fine. Nothing leaves this page." }</p>
        </>
    }
}
