//! All user-facing prose, in one folder so it can be reviewed in one read.
//!
//! One file per stage; each turns the core's enums into sentences. Tests elsewhere assert on
//! codes and enum variants, never on this text.

pub mod ajv;
pub mod claims;
pub mod decode;
pub mod diagnosis;
pub mod dictionary;
pub mod fetch;
pub mod identity;
pub mod input;
pub mod keys;
pub mod lints;
pub mod presets;
pub mod profiles;
pub mod response;
pub mod share;
pub mod sources;
pub mod verify;
