use yew::prelude::*;

use crate::web::state::Theme;

#[derive(Properties, PartialEq)]
pub struct ThemeSwitchProps {
    pub theme: Theme,
    pub on_theme: Callback<Theme>,
}

#[function_component(ThemeSwitch)]
pub fn theme_switch(props: &ThemeSwitchProps) -> Html {
    html! {
        <fieldset class="theme-switch" data-testid="theme-switch">
            <legend class="visually-hidden">{ "Colour scheme" }</legend>
            { for Theme::ALL.iter().map(|&theme| {
                let cb = props.on_theme.clone();
                html! {
                    <label class="radio">
                        <input type="radio" name="theme" value={theme.as_str()} checked={props.theme == theme}
                            onchange={Callback::from(move |_| cb.emit(theme))} />
                        { theme.label() }
                    </label>
                }
            }) }
        </fieldset>
    }
}
