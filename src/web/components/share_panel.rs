use std::rc::Rc;

use yew::prelude::*;

use super::copy_button::CopyButton;
use crate::explain;
use crate::inspect::ShareView;
use crate::share::Mode;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub mode: Mode,
    pub view: Rc<ShareView>,
    pub on_mode: Callback<Mode>,
}

fn mode_value(mode: Mode) -> &'static str {
    match mode {
        Mode::Config => "config",
        Mode::TokenWithoutSignature => "unsigned",
        Mode::FullToken => "full",
    }
}

#[function_component(SharePanel)]
pub fn share_panel(props: &Props) -> Html {
    let view = &props.view;
    html! {
        <details class="panel share" data-testid="share">
            <summary>{ "Share a link" }</summary>
            <fieldset>
                <legend>{ "What the link carries (in the # part only, which browsers never send to a server)" }</legend>
                { for Mode::ALL.iter().map(|&mode| {
                    let on_mode = props.on_mode.clone();
                    html! {
                        <label class="radio">
                            <input type="radio" name="share-mode" value={mode_value(mode)}
                                checked={props.mode == mode}
                                onchange={Callback::from(move |_| on_mode.emit(mode))} />
                            <strong>{ explain::share::mode_name(mode) }</strong>{ " — " }{ explain::share::mode_description(mode) }
                        </label>
                    }
                }) }
            </fieldset>
            if props.mode == Mode::FullToken {
                <p class="note bad" role="alert" data-testid="share-full-warning">{ explain::share::mode_description(Mode::FullToken) }</p>
            }
            <div class="segment-head">
                <input type="text" readonly=true aria-label="Share link" data-testid="share-link" value={view.link.clone()} />
                <CopyButton what="share-link" text={AttrValue::from(view.link.clone())} />
            </div>
            <p class="hint" data-testid="share-length">{ view.length.clone() }</p>
            if let Some(warning) = &view.length_warning {
                <p class="note warn" data-testid="share-warning">{ warning.clone() }</p>
            }
            if !view.dropped.is_empty() {
                <ul class="plain" data-testid="share-dropped">
                    { for view.dropped.iter().map(|d| html! { <li>{ d.clone() }</li> }) }
                </ul>
            }
        </details>
    }
}
