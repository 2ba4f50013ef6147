use std::rc::Rc;

use yew::prelude::*;

use super::claims_table::ClaimsTable;
use super::copy_button::CopyButton;
use crate::inspect::{self, Severity};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: Rc<inspect::TokenView>,
    #[prop_or_default]
    pub children: Html,
}

#[function_component(TokenView)]
pub fn token_view(props: &Props) -> Html {
    let view = &props.view;
    let claims = Rc::new(view.claims.clone());
    html! {
        <section class="panel" aria-labelledby="decoded-heading">
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
                <div class="segment-head"><h3>{ "Header" }</h3><CopyButton what="header" text={AttrValue::from(header.clone())} /></div>
                <pre class="json" data-testid="header-json">{ header.clone() }</pre>
            }
            if let Some(payload) = &view.payload_json {
                <div class="segment-head"><h3>{ "Payload" }</h3><CopyButton what="payload" text={AttrValue::from(payload.clone())} /></div>
                <pre class="json" data-testid="payload-json">{ payload.clone() }</pre>
            }
            if !view.claims.is_empty() {
                <h3>{ "Claims" }</h3>
                <ClaimsTable rows={claims} />
            }
            if !view.raw.is_empty() {
                <details open=true>
                    <summary>{ "Raw segments" }</summary>
                    { for view.raw.iter().map(|s| html! {
                        <>
                            <h3>{ s.name }</h3>
                            <pre class="raw" data-testid={format!("{}-raw", s.name)}>{ s.text.clone() }</pre>
                        </>
                    }) }
                </details>
            }
        </section>
    }
}
