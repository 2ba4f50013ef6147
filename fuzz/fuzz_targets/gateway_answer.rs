//! A pasted gateway answer (`tokenlens::diagnose::response::read_response`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = tokenlens::diagnose::response::read_response(text);
    let _ = tokenlens::inspect::response_view(text);
});
