//! Pasted text → candidate tokens (`tokenlens::input::extract`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let e = tokenlens::input::extract(text);
    // Exactly one of "candidates" and "what it looks like instead".
    assert_eq!(e.candidates.is_empty(), e.nothing_found.is_some());
    for c in &e.candidates {
        let _ = tokenlens::explain::input::label(c);
        c.cleanups.iter().for_each(|n| {
            let _ = tokenlens::explain::input::cleanup(n);
        });
    }
});
