use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::web::clock;

/// The browser's time in seconds, ticking once a second so relative times stay true.
#[hook]
pub fn use_now() -> i64 {
    let now = use_state(clock::now_secs);
    {
        let now = now.clone();
        use_effect_with((), move |_| {
            let interval = Interval::new(1_000, move || now.set(clock::now_secs()));
            move || drop(interval)
        });
    }
    *now
}
