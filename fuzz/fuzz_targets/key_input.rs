//! Key input (`tokenlens::jose::jwk`): a pasted JWKS/JWK/PEM/secret, and a fetched JWKS body.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tokenlens::jose::jwk::{parse_jwks, parse_key_input, SecretEncoding};

fuzz_target!(|data: &[u8]| {
    let _ = parse_jwks(data);
    if let Ok(text) = std::str::from_utf8(data) {
        for encoding in [SecretEncoding::Text, SecretEncoding::Base64] {
            if let Ok(set) = parse_key_input(text, encoding) {
                let _ = set.duplicate_kids();
                let _ = tokenlens::inspect::key_set_view(&set);
            }
        }
    }
});
