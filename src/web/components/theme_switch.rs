use yew::prelude::*;

use crate::web::state::Theme;

/// The colour scheme radios. A plain function, rebuilt with every render of the page (three
/// inputs): a component would skip those renders but costs more code than it saves work.
pub fn theme_switch(current: Theme, on_theme: &Callback<Theme>) -> Html {
    html! {
        <fieldset class="theme-switch" data-testid="theme-switch">
            <legend class="visually-hidden">{ "Colour scheme" }</legend>
            { for Theme::ALL.iter().map(|&theme| {
                let cb = on_theme.clone();
                html! {
                    <label class="radio">
                        <input type="radio" name="theme" value={theme.as_str()} checked={current == theme}
                            onchange={Callback::from(move |_| cb.emit(theme))} />
                        { theme.label() }
                    </label>
                }
            }) }
        </fieldset>
    }
}
