use std::rc::Rc;

use yew::prelude::*;

use crate::inspect::{SecondOpinionView, VerifyView};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: Rc<VerifyView>,
    /// Who made the checks (`webcrypto`, `rustcrypto`, `webcrypto+rustcrypto`, `none`), empty
    /// while pending.
    #[prop_or_default]
    pub engine: AttrValue,
    #[prop_or_default]
    pub engine_text: AttrValue,
    #[prop_or_default]
    pub second_running: bool,
    #[prop_or_default]
    pub second: Option<Rc<SecondOpinionView>>,
    #[prop_or_default]
    pub second_error: Option<AttrValue>,
    #[prop_or_default]
    pub on_second_opinion: Callback<()>,
    /// The page fetched keys for this token's issuer and the fetch failed: whether the Keys
    /// panel offers a command to fetch them from a terminal.
    #[prop_or_default]
    pub keys_fetch_failed: Option<bool>,
    /// The keys pasted could not be read: why (the Keys panel, below, says it too).
    #[prop_or_default]
    pub keys_unread: Option<AttrValue>,
}

#[function_component(VerdictPanel)]
pub fn verdict_panel(props: &Props) -> Html {
    let view = &props.view;
    let checked = !props.engine.is_empty() && props.engine != "none";
    let on_click = props.on_second_opinion.reform(|_: MouseEvent| ());
    html! {
        <div class="verdict-block">
            <p class={classes!("verdict", view.verdict)} data-testid="verdict" data-verdict={view.verdict}
                data-engine={props.engine.clone()} role="status" aria-live="polite">{ view.banner.clone() }</p>
            if let (Some(curl), "unverifiable") = (props.keys_fetch_failed, view.verdict) {
                <p class="note warn" data-testid="verdict-fetch-failed">{ crate::explain::fetch::failed_beside_verdict(curl) }</p>
            }
            if let (Some(why), "unverifiable") = (&props.keys_unread, view.verdict) {
                <p class="note warn" data-testid="verdict-keys-unread">{ why.clone() }</p>
            }
            if checked {
                <p class="hint verify-engine" data-testid="verify-engine">
                    { props.engine_text.clone() }{ " " }
                    <button type="button" class="copy" data-action="second-opinion"
                        disabled={props.second_running} onclick={on_click}>{ "Check again with RustCrypto" }</button>
                </p>
            }
            if props.second_running {
                <p class="hint" data-testid="second-opinion" data-state="running" role="status">{ "RustCrypto is checking…" }</p>
            } else if let Some(second) = &props.second {
                <p class={classes!("note", if second.agrees { "ok" } else { "bad" })} data-testid="second-opinion"
                    data-state="done" data-agree={if second.agrees { "true" } else { "false" }}
                    data-verdict={second.verdict} role="status">{ second.text.clone() }</p>
            } else if let Some(error) = &props.second_error {
                <p class="note warn" data-testid="second-opinion" data-state="failed" role="status">{ error.clone() }</p>
            }
            <details open={view.verdict != "valid"}>
                <summary>{ "How the signature was checked" }</summary>
                <ul class="plain" data-testid="verify-findings">
                    { for view.findings.iter().map(|f| html! {
                        <li data-code={f.code} class={format!("sev-{}", f.severity)}>
                            { f.text.clone() }
                            if let Some(link) = f.link {
                                { " " }<a href={link} target="_blank" rel="noopener noreferrer">{ "source" }</a>
                            }
                        </li>
                    }) }
                </ul>
                if !view.keys.is_empty() {
                    <h3>{ "Keys considered" }</h3>
                    <ul class="plain" data-testid="key-candidates">
                        { for view.keys.iter().map(|k| html! {
                            <li data-kid={k.kid.clone()} data-decision={k.decision}>{ k.text.clone() }</li>
                        }) }
                    </ul>
                }
            </details>
        </div>
    }
}
