//! The organisation's presets file (`tokenlens::presets::parse_presets`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    let _ = tokenlens::presets::parse_presets(body);
    if let Ok(text) = std::str::from_utf8(body) {
        let _ = tokenlens::presets::gateway(text);
        let _ = tokenlens::presets::host_pattern(text);
        let _ = tokenlens::presets::may_auto_fetch(text, None);
    }
});
