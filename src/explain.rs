//! All user-facing prose, in one folder so it can be reviewed in one read.
//!
//! One file per stage; each turns the core's enums into sentences. Tests elsewhere assert on
//! codes and enum variants, never on this text.

pub mod ajv;
pub mod answer;
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

use crate::diagnose::finding::{Code, Finding};

/// What a finding means, worded by the vocabulary that owns its code (exhaustive: a new group
/// of codes cannot ship without its words).
pub fn message(f: &Finding) -> String {
    match &f.code {
        Code::Identity(_) => identity::message(f),
        Code::Claims(_) => claims::message(f),
        Code::Lint(_) => lints::message(f),
        Code::Skipped(r) => diagnosis::skipped(*r).to_owned(),
        Code::Gateway(_) => profiles::message(f),
        Code::Ajv(_) => ajv::message(f),
        Code::Response(_) => response::message(f),
    }
}

/// What to do about a finding, when there is something to do.
pub fn fix(f: &Finding) -> Option<String> {
    match &f.code {
        Code::Identity(_) => identity::fix(f),
        Code::Claims(_) => claims::fix(f),
        Code::Lint(_) => lints::fix(f),
        Code::Skipped(_) => None,
        Code::Gateway(_) => profiles::fix(f),
        Code::Ajv(_) => ajv::fix(f),
        Code::Response(_) => response::fix(f).map(str::to_owned),
    }
}
