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

/// Mounts the app on `<body>`.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
