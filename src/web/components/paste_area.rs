use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PasteAreaProps {
    pub text: AttrValue,
    pub on_text: Callback<String>,
    pub on_clear: Callback<()>,
    pub on_demo: Callback<()>,
    pub showing_demo: bool,
}

#[function_component(PasteArea)]
pub fn paste_area(props: &PasteAreaProps) -> Html {
    let oninput = {
        let on_text = props.on_text.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            on_text.emit(area.value());
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
            <textarea
                id="token-input"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                aria-describedby="paste-hint"
                placeholder="Paste a token, a Bearer header, a curl command, a JSON sign-in response, a redirect URL — or what the gateway answered"
                value={props.text.clone()}
                {oninput}
            />
            <p class="hint" id="paste-hint">{ "Bearer headers, quotes, curl commands, JSON responses, redirect URLs and gateway answers are all fine. Nothing leaves this page." }</p>
        </>
    }
}
