//! Diagnosis: findings about a token and, in [`explain`], every sentence the user reads.
//!
//! Owns the wording; must not parse, fetch or read a clock.

pub mod explain;
