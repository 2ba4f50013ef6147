use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub remember: bool,
    pub presets: Vec<AttrValue>,
    pub preset: Option<AttrValue>,
    pub problems: Vec<AttrValue>,
    pub on_remember: Callback<bool>,
    pub on_forget: Callback<()>,
    pub on_preset: Callback<String>,
}

#[function_component(PrivacyBar)]
pub fn privacy_bar(props: &Props) -> Html {
    let on_remember = {
        let cb = props.on_remember.clone();
        Callback::from(move |e: Event| {
            cb.emit(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .checked(),
            )
        })
    };
    let on_forget = {
        let cb = props.on_forget.clone();
        Callback::from(move |_| cb.emit(()))
    };
    let on_preset = {
        let cb = props.on_preset.clone();
        Callback::from(move |e: Event| {
            cb.emit(
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value(),
            )
        })
    };
    html! {
        <div class="privacy-bar">
            if !props.presets.is_empty() {
                <label for="preset">{ "Preset" }</label>
                <select id="preset" onchange={on_preset}>
                    <option value="" selected={props.preset.is_none()}>{ "none" }</option>
                    { for props.presets.iter().map(|name| html! {
                        <option value={name.clone()} selected={props.preset.as_ref() == Some(name)}>{ name.clone() }</option>
                    }) }
                </select>
            }
            <label class="radio">
                <input type="checkbox" id="remember" checked={props.remember} onchange={on_remember} />
                { "Remember my gateway settings on this device (never tokens or keys)" }
            </label>
            <button type="button" class="copy" data-action="forget" onclick={on_forget}>{ "Forget everything" }</button>
            if !props.problems.is_empty() {
                <ul class="plain note warn" data-testid="presets-problems">
                    { for props.problems.iter().map(|p| html! { <li>{ p.clone() }</li> }) }
                </ul>
            }
        </div>
    }
}
