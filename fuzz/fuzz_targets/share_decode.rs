//! Share-link fragments (`tokenlens::share::decode`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|fragment: &str| {
    let _ = tokenlens::share::decode(fragment);
});
