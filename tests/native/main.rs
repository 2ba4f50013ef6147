#![cfg(not(target_arch = "wasm32"))]
//! Native integration tests: one binary, one module per area.

mod decode;
mod diagnose_claims;
mod diagnose_lambda;
mod diagnose_profiles;
mod diagnose_response;
mod hostile;
mod input;
mod issuer;
mod presets;
mod share;
mod verify;
