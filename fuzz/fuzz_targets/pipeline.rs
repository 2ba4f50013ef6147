//! The whole paste → view pipeline (`tokenlens::inspect`): candidates, each token view, and the
//! facts of every candidate, the diagnosis of the first with no keys and the default target.
#![no_main]
use libfuzzer_sys::fuzz_target;

const NOW: i64 = 1_767_225_600;

fuzz_target!(|text: &str| {
    let overview = tokenlens::inspect::overview(text);
    for c in overview.extraction.candidates.iter().take(4) {
        let view = tokenlens::inspect::decoded_view(c);
        let _ = tokenlens::inspect::claim_times(&view, NOW, &|_| 0);
        let _ = tokenlens::inspect::key_hints(c);
    }
    let (target, _) = tokenlens::inspect::target(&tokenlens::inspect::Fields::new());
    let facts = tokenlens::diagnose::facts_of_all(&overview.extraction.candidates, &[]);
    let _ = tokenlens::inspect::diagnosis_view(&overview, &facts, 0, &[], &target, NOW, 0);
});
