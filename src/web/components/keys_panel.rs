use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::fetch_status::fetch_status;
use super::key_list::key_list;
use crate::inspect::{FetchView, KeysView};
use crate::jose::jwk::SecretEncoding;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub keys_text: AttrValue,
    pub secret_encoding: SecretEncoding,
    pub jwks_url: AttrValue,
    pub pasted: Rc<KeysView>,
    pub fetch: Option<Rc<FetchView>>,
    /// What "Discover from issuer" will fetch, or why it cannot.
    pub discover: Result<AttrValue, AttrValue>,
    pub using_demo_keys: bool,
    pub privacy_note: AttrValue,
    pub on_keys_text: Callback<String>,
    pub on_secret_encoding: Callback<SecretEncoding>,
    pub on_jwks_url: Callback<String>,
    pub on_fetch: Callback<()>,
    pub on_discover: Callback<()>,
}

#[function_component(KeysPanel)]
pub fn keys_panel(props: &Props) -> Html {
    let on_keys = {
        let cb = props.on_keys_text.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let on_encoding = {
        let cb = props.on_secret_encoding.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            cb.emit(if value == "base64" {
                SecretEncoding::Base64
            } else {
                SecretEncoding::Text
            });
        })
    };
    let on_url = {
        let cb = props.on_jwks_url.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_submit = {
        let cb = props.on_fetch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            cb.emit(());
        })
    };
    let on_discover = {
        let cb = props.on_discover.clone();
        Callback::from(move |_| cb.emit(()))
    };
    let base64 = props.secret_encoding == SecretEncoding::Base64;
    html! {
        <section class="panel" aria-labelledby="keys-heading">
            <h2 id="keys-heading">{ "Keys" }</h2>
            <label class="field" for="keys-input">{ "Keys: JWKS, JWK, PEM (public key or certificate), or HMAC secret" }</label>
            <textarea id="keys-input" class="short" spellcheck="false" autocomplete="off"
                placeholder="{\"keys\": [...]}  ·  -----BEGIN PUBLIC KEY-----  ·  your-hmac-secret"
                value={props.keys_text.clone()} oninput={on_keys} />
            <p class="inline-field">
                <label for="secret-encoding">{ "An HMAC secret is read as " }</label>
                <select id="secret-encoding" onchange={on_encoding}>
                    <option value="text" selected={!base64}>{ "text (its UTF-8 bytes)" }</option>
                    <option value="base64" selected={base64}>{ "base64 / base64url (decoded first)" }</option>
                </select>
            </p>
            if props.using_demo_keys {
                <p class="hint" data-testid="demo-keys-note">{ "The demo is verified with the demo key set that ships with tokenlens." }</p>
            }
            if let Some(error) = &props.pasted.error {
                <p class="note warn" data-testid="keys-error">{ error.clone() }</p>
            }
            { key_list(&props.pasted) }
            <form class="fetch" novalidate=true onsubmit={on_submit}>
                <label class="field" for="jwks-url">{ "JWKS URL" }</label>
                <div class="row">
                    <input id="jwks-url" type="url" spellcheck="false" autocomplete="off"
                        placeholder="https://cognito-idp.{region}.amazonaws.com/{pool}/.well-known/jwks.json"
                        value={props.jwks_url.clone()} oninput={on_url} />
                    <button type="submit" data-action="fetch-jwks">{ "Fetch" }</button>
                </div>
            </form>
            <div class="row">
                <button type="button" data-action="discover" onclick={on_discover}
                    disabled={props.discover.is_err()}>{ "Discover from issuer" }</button>
                <span class="hint" data-testid="discover-url">{
                    match &props.discover { Ok(plan) | Err(plan) => plan.clone() }
                }</span>
            </div>
            if let Some(fetch) = &props.fetch {
                { fetch_status(fetch) }
            }
            <p class="hint">{ props.privacy_note.clone() }</p>
        </section>
    }
}
