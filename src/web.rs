//! The browser shell: the Yew app. The only module that may name yew, web_sys, js_sys,
//! wasm_bindgen or gloo; everything it shows comes ready-made from [`crate::inspect`].

pub mod app;
pub mod clock;
pub mod components;
pub mod hooks;
pub mod location;
pub mod net;
pub mod state;
pub mod storage;
pub mod webcrypto;

/// A shared value as a memo or effect dependency: equal exactly when it is the same allocation,
/// so no deep comparison runs per render (a new paste or key set makes a new one). An
/// `Option<Same<T>>` compares the same way, `None` equal to `None`.
pub struct Same<T: ?Sized>(pub std::rc::Rc<T>);

impl<T: ?Sized> Clone for Same<T> {
    fn clone(&self) -> Self {
        Same(self.0.clone())
    }
}

impl<T: ?Sized> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Mounts the app on `<body>`. The page first makes the signature checks its first render will
/// plan (the link's or pasted address's token, or the demo's; WebCrypto, a few ms) and mounts
/// when they are done, at the latest after [`hooks::verify::WAIT_MS`]: the first paint is then
/// the verdict, with no "checking…" state laid out and painted before it and no second render
/// of the whole page.
pub fn start() {
    let plans = app::opening_plans();
    if plans.is_empty() {
        mount();
        return;
    }
    hooks::verify::when_checked(plans, mount);
}

fn mount() {
    // index.html's loading note goes as the app takes its place, in the same task: no frame
    // shows both, or neither.
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    yew::Renderer::<app::App>::new().render();
}
