//! Compact token parsing (`tokenlens::jose::parse_unverified`) and verification without keys.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(parsed) = tokenlens::jose::parse_unverified(text) {
        let v = tokenlens::verify::verify_parsed(&parsed, &[]);
        let _ = v.verdict();
        v.findings.iter().for_each(|f| {
            let _ = tokenlens::explain::verify::finding(f);
        });
    }
});
