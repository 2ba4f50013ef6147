use yew::prelude::*;

use super::copy_button::CopyButton;
use super::key_list::key_list;
use crate::inspect::FetchView;

/// How the last key fetch went (a plain function: the keys panel re-renders it exactly when
/// its own props change).
pub fn fetch_status(view: &FetchView) -> Html {
    let class = match view.state {
        "error" => "note bad",
        "loading" => "note",
        _ => "note ok",
    };
    html! {
        <div data-testid="fetch-status" data-state={view.state} data-problem={view.problem}
            data-refetched={view.refetched.to_string()} role="status">
            <p class={class}>{ view.text.clone() }</p>
            if let Some(curl) = &view.curl {
                <div class="segment-head" data-testid="curl-fallback">
                    <pre class="raw">{ curl.clone() }</pre>
                    <CopyButton what="curl" text={AttrValue::from(curl.clone())} />
                </div>
            }
            if let Some(mismatch) = &view.issuer_mismatch {
                <p class="note warn" data-testid="issuer-mismatch">{ mismatch.clone() }</p>
            }
            if let Some(keys) = &view.keys {
                { key_list(keys) }
            }
        </div>
    }
}
