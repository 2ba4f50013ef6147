use std::rc::Rc;

use yew::prelude::*;

use super::claims_table::claims_table;
use super::copy_button::CopyButton;
use crate::inspect::{self, Severity, TimeCell};

#[derive(Properties, PartialEq)]
pub struct TokenViewProps {
    pub view: Rc<inspect::TokenView>,
    /// The claims' time cells at the current second ([`inspect::claim_times`]).
    pub times: Rc<Vec<Option<TimeCell>>>,
    /// The rest of the page is shown ([`crate::web::hooks::reveal`]): the claims, mostly below
    /// the first screen, wait for it, so the first render makes only what is on screen.
    pub revealed: bool,
    #[prop_or_default]
    pub children: Html,
}

#[function_component(TokenView)]
pub fn token_view(props: &TokenViewProps) -> Html {
    let view = &props.view;
    html! {
        <section class="panel decoded" id="decoded" aria-labelledby="decoded-heading">
            <div class="segment-head">
                <h2 id="decoded-heading">{ "Decoded " }<span class="badge" data-testid="token-shape">{ view.shape }</span></h2>
                <CopyButton what="token" text={AttrValue::from(view.token.clone())} />
            </div>
            { props.children.clone() }
            if !view.cleanups.is_empty() {
                <div class="note">
                    { "Taken from your paste after removing:" }
                    <ul class="plain" data-testid="cleanups">
                        { for view.cleanups.iter().map(|c| html! { <li>{ c.clone() }</li> }) }
                    </ul>
                </div>
            }
            if let Some(notice) = &view.notice {
                <p class="note warn" data-testid={if view.shape == "JWE" { "jwe-notice" } else { "shape-notice" }}>{ notice.clone() }</p>
            }
            if !view.problems.is_empty() {
                <ul class="plain" data-testid="decode-problems">
                    { for view.problems.iter().map(|p| html! {
                        <li class={if p.severity == Severity::Error { "bad-text" } else { "warn-text" }}>{ p.text.clone() }</li>
                    }) }
                </ul>
            }
            if let Some(header) = &view.header_json {
                <div class="segment-head"><h3 class="seg-title seg-header">{ "Header" }</h3><CopyButton what="header" text={AttrValue::from(header.clone())} /></div>
                <pre class="json seg-box seg-header" data-testid="header-json" tabindex="0" role="region" aria-label="Header JSON">{ AttrValue::from(header.clone()) }</pre>
            }
            // The claims (mostly below the first screen) follow the first paint.
            if !view.claims.is_empty() {
                if props.revealed {
                    <div class="segment-head"><h3 class="seg-title seg-payload">{ "Payload: claims" }</h3>
                        if let Some(payload) = &view.payload_json {
                            <CopyButton what="payload" text={AttrValue::from(payload.clone())} />
                        }
                    </div>
                    { claims_table(&view.claims, &props.times) }
                    if let Some(payload) = &view.payload_json {
                        <details class="payload-json">
                            <summary>{ "Payload as JSON" }</summary>
                            <pre class="json seg-box seg-payload" data-testid="payload-json" tabindex="0" role="region" aria-label="Payload JSON">{ AttrValue::from(payload.clone()) }</pre>
                        </details>
                    }
                }
            } else if let Some(payload) = &view.payload_json {
                <div class="segment-head"><h3 class="seg-title seg-payload">{ "Payload" }</h3><CopyButton what="payload" text={AttrValue::from(payload.clone())} /></div>
                <pre class="json seg-box seg-payload" data-testid="payload-json" tabindex="0" role="region" aria-label="Payload">{ AttrValue::from(payload.clone()) }</pre>
            }
        </section>
    }
}
