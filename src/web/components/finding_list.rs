use yew::prelude::*;

use crate::inspect::FindingView;

/// Findings with their evidence, fix and sources. A plain function, not a component: its
/// callers re-render it exactly when their findings change, and it borrows them instead of
/// taking a copy as props.
pub fn finding_list(findings: &[FindingView]) -> Html {
    html! {
        <ul class="findings">
            { for findings.iter().map(|f| html! {
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
