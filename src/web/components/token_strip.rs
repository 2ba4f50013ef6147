use yew::prelude::*;

use crate::inspect::RawSegment;

/// The token as sent, its segments colour-coded the same way as the decoded view (a plain
/// function: see `finding_list`).
pub fn token_strip(raw: &[RawSegment]) -> Html {
    if raw.is_empty() {
        return html! {};
    }
    let last = raw.len().saturating_sub(1);
    html! {
        <p class="token-strip" data-testid="token-strip" tabindex="0" role="region" aria-label="The token as sent, by segment">
            { for raw.iter().enumerate().map(|(i, s)| html! {
                <>
                    <span class={classes!("seg", format!("seg-{}", s.name))} data-testid={format!("{}-raw", s.name)} title={s.name}>{ s.text.clone() }</span>
                    if i < last { <span class="dot">{ "." }</span> }
                </>
            }) }
        </p>
    }
}
