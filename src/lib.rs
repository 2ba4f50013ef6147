//! tokenlens: a token inspector that runs entirely in the browser.
//!
//! The crate is a pure core plus a thin browser shell (see `design.md` in the shared folder):
//!
//! - [`input`]: pasted text → candidate tokens (Bearer, quotes, curl, JSON responses, URLs).
//! - [`jose`]: base64url, JSON kept exactly as issued, header and claims, compact JWS/JWE split.
//! - [`verify`]: key selection and signature checks for every JOSE signature algorithm.
//! - [`timefmt`]: claim timestamps rendered as relative time, UTC and local time.
//! - [`discovery`]: where an issuer's keys live, and what a fetch for them came back with.
//! - [`inspect`]: the view model: everything the page shows about a paste, as plain data.
//! - [`share`]: the share-link codec (URL fragment only, versioned, never secrets).
//! - [`presets`]: an organisation's `tokenlens.config.json`, and the automatic-fetch allow-list.
//! - [`diagnose`]: findings and all user-facing prose ([`explain`]).
//! - `web` (wasm32 only): the Yew app; the only module that may touch the browser.
//!
//! Nothing in the core reads a clock, the network or randomness: those are inputs.

pub mod diagnose;
pub mod discovery;
pub mod explain;
pub mod fetch_policy;
pub mod input;
pub mod inspect;
pub mod issuer;
pub mod jose;
pub mod presets;
pub mod share;
pub mod timefmt;
pub mod verify;

#[cfg(target_arch = "wasm32")]
pub mod web;
