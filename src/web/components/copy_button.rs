use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// What is copied, for `data-copy` and the accessible name.
    pub what: &'static str,
    pub text: AttrValue,
}

#[function_component(CopyButton)]
pub fn copy_button(props: &Props) -> Html {
    let copied = use_state(|| false);
    let onclick = {
        let text = props.text.clone();
        let copied = copied.clone();
        Callback::from(move |_| {
            if let Some(window) = web_sys::window() {
                let _ = window.navigator().clipboard().write_text(&text);
                copied.set(true);
            }
        })
    };
    html! {
        <button type="button" class="copy" data-copy={props.what}
            aria-label={format!("Copy {}", props.what)} {onclick}>
            { if *copied { "Copied" } else { "Copy" } }
        </button>
    }
}
