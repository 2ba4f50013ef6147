// Starts RustCrypto's second-opinion worker (src/bin/second_opinion.rs): the wasm-bindgen glue,
// then the module, both next to this file. The page loads it only when the user asks.
importScripts('./second_opinion.js');
wasm_bindgen('./second_opinion_bg.wasm');
