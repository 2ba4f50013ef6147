//! The exact JSON reader (`tokenlens::jose::JsonDoc::parse`): parse, print, parse again.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tokenlens::jose::json::{JsonDoc, MAX_DUPLICATES};

fuzz_target!(|text: &str| {
    if let Ok(doc) = JsonDoc::parse(text) {
        assert!(doc.duplicates.len() <= MAX_DUPLICATES);
        let again = JsonDoc::parse(&doc.value.compact()).map(|d| d.value);
        assert_eq!(
            again.as_ref(),
            Ok(&doc.value),
            "compact output re-parses to the same tree"
        );
        let _ = doc.pretty();
    }
});
