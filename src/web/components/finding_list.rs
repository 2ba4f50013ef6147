use yew::prelude::*;

use crate::inspect::FindingView;

#[derive(Properties, PartialEq)]
pub struct FindingListProps {
    pub findings: Vec<FindingView>,
}

#[function_component(FindingList)]
pub fn finding_list(props: &FindingListProps) -> Html {
    html! {
        <ul class="findings">
            { for props.findings.iter().map(|f| html! {
                <li data-code={f.code} class={format!("sev-{}", f.severity)}>
                    <span class="finding-text">{ f.text.clone() }</span>
                    if !f.evidence.is_empty() {
                        <span class="evidence">
                            { for f.evidence.iter().map(|e| html! { <code>{ e.clone() }</code> }) }
                        </span>
                    }
                    if let Some(fix) = &f.fix {
                        <span class="fix">{ fix.clone() }</span>
                    }
                    if !f.links.is_empty() {
                        <span class="sources">
                            <span class="sources-label">{ "Sources: " }</span>
                            { for f.links.iter().map(|(title, url)| html! {
                                <a href={*url} target="_blank" rel="noopener noreferrer">{ *title }</a>
                            }) }
                        </span>
                    }
                </li>
            }) }
        </ul>
    }
}
