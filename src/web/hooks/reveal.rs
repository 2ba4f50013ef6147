use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The longest the rest of the page waits for the first answer, in milliseconds (a check that
/// never settles must not hide the panels).
const AT_THE_LATEST_MS: u32 = 1_000;

/// Whether the panels below the answer are shown yet. The first render builds only what answers
/// (the paste, the answer, the decoded token with its verdict; not the claims table nor the
/// contents of closed disclosures, which halves its elements); once `ready` (the selected
/// token's signature is checked) and that frame is painted, the rest follows in a render of its
/// own, so a link opens to its verdict without laying out the whole page first. Once shown,
/// always shown.
#[hook]
pub fn use_revealed(ready: bool) -> bool {
    let revealed = use_state(|| false);
    {
        let revealed = revealed.clone();
        use_effect_with((), move |_| {
            gloo_timers::callback::Timeout::new(AT_THE_LATEST_MS, move || revealed.set(true))
                .forget();
        });
    }
    {
        let revealed = revealed.clone();
        use_effect_with(ready && !*revealed, move |&now| {
            if now {
                after_next_paint(move || revealed.set(true));
            }
        });
    }
    *revealed
}

/// Runs `f` after the browser's next frame is painted: a task queued from that frame's
/// animation callback runs once the frame is done (work done in the callback itself, or in a
/// microtask from it, would land in that frame).
fn after_next_paint(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        f();
        return;
    };
    let frame = Closure::once_into_js(move || {
        gloo_timers::callback::Timeout::new(0, f).forget();
    });
    // Refused only without a document: then the hook's own deadline shows the panels.
    let _ = window.request_animation_frame(frame.unchecked_ref());
}
