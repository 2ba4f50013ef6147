#![cfg(not(target_arch = "wasm32"))]
//! Native integration tests: one binary, one module per area.

mod decode;
mod input;
mod verify;
