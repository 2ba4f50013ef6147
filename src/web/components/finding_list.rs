use yew::prelude::*;

use crate::inspect::FindingView;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub findings: Vec<FindingView>,
}

#[function_component(FindingList)]
pub fn finding_list(props: &Props) -> Html {
    html! {
        <ul class="findings">
            { for props.findings.iter().map(|f| html! {
                <li data-code={f.code} class={format!("sev-{}", f.severity)}>
                    <span class="finding-text">{ f.text.clone() }</span>
                    if let Some(fix) = &f.fix {
                        <span class="fix">{ fix.clone() }</span>
                    }
                    if !f.links.is_empty() {
                        <span class="sources">
                            { for f.links.iter().map(|(key, url)| html! {
                                <a href={*url} target="_blank" rel="noopener noreferrer">{ *key }</a>
                            }) }
                        </span>
                    }
                </li>
            }) }
        </ul>
    }
}
