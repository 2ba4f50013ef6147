use std::rc::Rc;

use yew::prelude::*;

use crate::inspect::VerifyView;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: Rc<VerifyView>,
}

#[function_component(VerdictPanel)]
pub fn verdict_panel(props: &Props) -> Html {
    let view = &props.view;
    html! {
        <div class="verdict-block">
            <p class={classes!("verdict", view.verdict)} data-testid="verdict" data-verdict={view.verdict}
                role="status" aria-live="polite">{ view.banner.clone() }</p>
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
