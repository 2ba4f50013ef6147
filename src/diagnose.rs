//! Diagnosis: findings about a token and, in [`explain`], every sentence the user reads.
//!
//! Owns judgement beyond the signature: claims, token identity, security lints, gateway
//! profiles and gateway answers. Pure: time arrives as `now`, keys and verification results
//! as values. Must not parse, fetch or read a clock itself.

pub mod choose;
pub mod claims;
pub mod config;
pub mod explain;
pub mod finding;
pub mod identity;
pub mod lints;
pub mod profiles;
pub mod response;
