use yew::prelude::*;

use crate::inspect::HeaderUrl;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The key locations the token header names.
    pub urls: Vec<HeaderUrl>,
    pub armed: Option<&'static str>,
    pub on_arm: Callback<&'static str>,
    pub on_confirm: Callback<&'static str>,
}

#[function_component(HeaderUrls)]
pub fn header_urls(props: &Props) -> Html {
    html! {
        <div class="header-urls">
            { for props.urls.iter().map(|HeaderUrl { member, url, warning }| {
                let member = *member;
                let on_arm = props.on_arm.clone();
                let on_confirm = props.on_confirm.clone();
                html! {
                    <div class="note warn">
                        <p>{ format!("The header names a key location ({member}): ") }<code>{ url.clone() }</code></p>
                        if props.armed == Some(member) {
                            <p data-testid="header-url-warning" role="alert">{ warning.clone() }</p>
                            <button type="button" data-action={format!("confirm-fetch-{member}")}
                                onclick={Callback::from(move |_| on_confirm.emit(member))}>
                                { format!("Fetch keys from {member} anyway") }
                            </button>
                        } else {
                            <button type="button" data-action={format!("fetch-{member}")}
                                onclick={Callback::from(move |_| on_arm.emit(member))}>
                                { format!("Fetch keys from {member}…") }
                            </button>
                        }
                    </div>
                }
            }) }
        </div>
    }
}
