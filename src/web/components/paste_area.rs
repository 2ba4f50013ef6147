use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: AttrValue,
    pub on_text: Callback<String>,
}

#[function_component(PasteArea)]
pub fn paste_area(props: &Props) -> Html {
    let oninput = {
        let on_text = props.on_text.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            on_text.emit(area.value());
        })
    };
    html! {
        <>
            <label class="field" for="token-input">{ "Token, or anything that contains one" }</label>
            <textarea
                id="token-input"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                placeholder="eyJhbGciOi…  ·  Authorization: Bearer …  ·  curl -H '…'  ·  {\"AuthenticationResult\": …}  ·  https://app/cb#id_token=…"
                value={props.text.clone()}
                {oninput}
            />
            <p class="hint">{ "Bearer headers, quotes, line breaks, curl commands, JSON responses and redirect URLs are all fine: tokenlens finds the tokens and says what it removed." }</p>
        </>
    }
}
