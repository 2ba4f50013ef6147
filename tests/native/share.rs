//! `share`: the share-link codec. Round trips, what each mode may carry, what never goes into a
//! link, and every way a fragment can be wrong.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use proptest::prelude::*;
use tokenlens::explain::share as explain;
use tokenlens::input::extract;
use tokenlens::jose::jwk::SecretEncoding;
use tokenlens::share::{
    decode, dropped_query, encode, length_warning, link, Base64Problem, Dropped, JsonType,
    LengthWarning, Mode, Part, ShareError, ShareInput, Shared, MAX_FRAGMENT_LEN,
};

fn fixture(rel: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/jose")
        .join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
}

fn b64(s: &str) -> String {
    URL_SAFE_NO_PAD.encode(s)
}

const SIGNATURE: &str = "c2lnbmF0dXJlLXRoYXQtbXVzdC1uZXZlci1sZWF2ZS10aGUtcGFnZQ";

fn token() -> String {
    format!(
        "{}.{}.{SIGNATURE}",
        b64(r#"{"alg":"RS256","kid":"k1","typ":"JWT"}"#),
        b64(r#"{"iss":"https://issuer.example.com","sub":"alice","exp":1900000000}"#)
    )
}

fn other_token() -> String {
    format!(
        "{}.{}.b3RoZXItc2lnbmF0dXJl",
        b64(r#"{"alg":"ES256"}"#),
        b64(r#"{"sub":"bob"}"#)
    )
}

fn state() -> ShareInput {
    ShareInput {
        text: token(),
        selected: 0,
        keys_text: fixture("public/rsa2048.jwk.json"),
        secret_encoding: SecretEncoding::Text,
        jwks_url: "https://issuer.example.com/.well-known/jwks.json".into(),
        fields: vec![
            (
                "cfg-http-issuer".into(),
                "https://issuer.example.com".into(),
            ),
            ("cfg-http-audiences".into(), "client-a, client-b".into()),
            ("leeway".into(), "60".into()),
        ],
    }
}

/// The fragment's JSON payload, decoded by hand (not through `decode`).
fn payload_json(fragment: &str) -> String {
    let payload = fragment.splitn(3, '.').nth(2).unwrap_or_default();
    String::from_utf8(URL_SAFE_NO_PAD.decode(payload).expect("base64url payload"))
        .expect("UTF-8 payload")
}

fn assert_absent(fragment: &str, secret: &str) {
    let secret = secret.trim();
    assert!(!fragment.contains(secret), "secret in fragment");
    let json = payload_json(fragment);
    assert!(!json.contains(secret), "secret in the fragment's JSON");
    // Also as JSON escapes it (PEM newlines become `\n`).
    let escaped = serde_json::to_string(secret).unwrap_or_default();
    assert!(
        !json.contains(escaped.trim_matches('"')),
        "escaped secret in JSON"
    );
}

// ---------------------------------------------------------------------------------------------
// Round trips.

#[test]
fn configuration_only_link_restores_url_and_fields_and_nothing_else() {
    let s = state();
    let enc = encode(&s, Mode::Config);
    assert!(enc.fragment.starts_with("v1.c."));
    let shared = decode(&enc.fragment).expect("decodes");
    assert_eq!(
        shared,
        Shared {
            mode: Mode::Config,
            token: None,
            jwks_url: Some(s.jwks_url.clone()),
            fields: s.fields.clone(),
            selected: 0,
            keys_public: None,
        }
    );
    assert!(!enc
        .fragment
        .contains(&b64(r#"{"alg":"RS256","kid":"k1","typ":"JWT"}"#)));
    assert_eq!(
        enc.dropped,
        vec![Dropped::KeysNotInMode { mode: Mode::Config }]
    );
}

#[test]
fn token_without_signature_link_restores_header_and_claims_and_public_keys() {
    let s = state();
    let enc = encode(&s, Mode::TokenWithoutSignature);
    assert!(enc.fragment.starts_with("v1.u."));
    let shared = decode(&enc.fragment).expect("decodes");
    let t = token();
    let unsigned = &t[..t.len() - SIGNATURE.len()];
    assert_eq!(shared.token.as_deref(), Some(unsigned));
    assert!(unsigned.ends_with('.'));
    assert_eq!(shared.keys_public.as_deref(), Some(s.keys_text.as_str()));
    assert_eq!(shared.fields, s.fields);
    assert_eq!(shared.jwks_url.as_deref(), Some(s.jwks_url.as_str()));
    assert_eq!(enc.dropped, vec![Dropped::Signature]);
}

#[test]
fn full_token_link_restores_the_token_exactly() {
    let s = state();
    let enc = encode(&s, Mode::FullToken);
    assert!(enc.fragment.starts_with("v1.f."));
    let shared = decode(&enc.fragment).expect("decodes");
    assert_eq!(shared.token, Some(token()));
    assert_eq!(shared.mode, Mode::FullToken);
    assert_eq!(shared.keys_public.as_deref(), Some(s.keys_text.as_str()));
    assert!(enc.dropped.is_empty());
}

#[test]
fn a_restored_token_pasted_back_is_found_as_the_one_candidate() {
    for mode in [Mode::TokenWithoutSignature, Mode::FullToken] {
        let shared = decode(&encode(&state(), mode).fragment).expect("decodes");
        let t = shared.token.expect("token");
        let found = extract(&t);
        assert_eq!(found.candidates.len(), 1, "{mode:?}");
        assert_eq!(found.candidates[0].token, t, "{mode:?}");
    }
}

#[test]
fn decode_accepts_a_leading_hash() {
    let enc = encode(&state(), Mode::Config);
    assert_eq!(decode(&format!("#{}", enc.fragment)), decode(&enc.fragment));
}

#[test]
fn the_documented_example_decodes() {
    let shared = decode(
        "v1.c.eyJmIjpbWyJsZWV3YXkiLCI2MCJdXSwiaiI6Imh0dHBzOi8vZXhhbXBsZS5jb20vandrcy5qc29uIn0",
    )
    .expect("decodes");
    assert_eq!(
        shared.jwks_url.as_deref(),
        Some("https://example.com/jwks.json")
    );
    assert_eq!(shared.fields, vec![("leeway".into(), "60".into())]);
}

#[test]
fn the_link_json_has_its_members_in_name_order_as_links_always_had() {
    // The bytes serde_json wrote before the crate's own writer replaced it: links made by either
    // build are the same link.
    let mut s = state();
    s.keys_text = fixture("public/rsa2048.jwk.json");
    s.fields = vec![("leeway".into(), "6\"0\\\u{1}".into())];
    let enc = encode(&s, Mode::FullToken);
    let keys = serde_json::to_string(s.keys_text.as_str()).unwrap_or_default();
    assert_eq!(
        payload_json(&enc.fragment),
        format!(
            r#"{{"f":[["leeway","6\"0\\\u0001"]],"j":"https://issuer.example.com/.well-known/jwks.json","k":{keys},"t":"{}"}}"#,
            token()
        )
    );
}

#[test]
fn a_json_error_in_a_link_gives_its_line_and_column() {
    assert_eq!(
        decode(&format!("v1.c.{}", b64("{\"j\":\n  tru}"))),
        Err(ShareError::NotJson { line: 2, column: 6 })
    );
}

#[test]
fn an_empty_jwks_url_is_left_out_but_an_empty_answer_travels() {
    // "No" to "Does the method have OAuth scopes?" is the field set to "": left out, the link
    // would reopen with the question unanswered (and the page assuming instead).
    let s = ShareInput {
        fields: vec![("cfg-rest-scopes".into(), String::new())],
        ..ShareInput::default()
    };
    let shared = decode(&encode(&s, Mode::Config).fragment).expect("decodes");
    assert_eq!(
        shared.fields,
        vec![("cfg-rest-scopes".into(), String::new())]
    );
    assert_eq!(shared.jwks_url, None);
}

// ---------------------------------------------------------------------------------------------
// What each mode may carry.

#[test]
fn token_without_signature_never_contains_the_signature() {
    let enc = encode(&state(), Mode::TokenWithoutSignature);
    assert!(!enc.fragment.contains(SIGNATURE));
    assert!(!payload_json(&enc.fragment).contains(SIGNATURE));
    let shared = decode(&enc.fragment).expect("decodes");
    assert!(shared.token.expect("token").ends_with('.'));
}

#[test]
fn only_the_selected_token_of_several_is_shared() {
    let s = ShareInput {
        text: format!("first: {}\nsecond: {}", token(), other_token()),
        selected: 1,
        ..state()
    };
    let enc = encode(&s, Mode::FullToken);
    let shared = decode(&enc.fragment).expect("decodes");
    assert_eq!(shared.token, Some(other_token()));
    assert_eq!(shared.selected, 0);
    assert!(!enc.fragment.contains(&token()[..20]));
    assert!(enc.dropped.contains(&Dropped::OtherTokens { count: 1 }));
    assert!(enc.dropped.contains(&Dropped::SurroundingText));
}

#[test]
fn text_around_the_token_is_never_shared() {
    let s = ShareInput {
        text: format!(
            "curl -H 'x-api-key: SUPERSECRETAPIKEY' -H 'Authorization: Bearer {}' https://api",
            token()
        ),
        ..state()
    };
    for mode in [Mode::TokenWithoutSignature, Mode::FullToken] {
        let enc = encode(&s, mode);
        assert_absent(&enc.fragment, "SUPERSECRETAPIKEY");
        assert!(enc.dropped.contains(&Dropped::SurroundingText), "{mode:?}");
    }
}

#[test]
fn an_encrypted_token_is_left_out_of_a_without_signature_link() {
    let jwe = format!(
        "{}.ZW5jcnlwdGVka2V5.aXZpdml2.Y2lwaGVydGV4dA.dGFndGFn",
        b64(r#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#)
    );
    let s = ShareInput {
        text: jwe,
        ..state()
    };
    let enc = encode(&s, Mode::TokenWithoutSignature);
    assert_eq!(decode(&enc.fragment).expect("decodes").token, None);
    assert!(enc
        .dropped
        .iter()
        .any(|d| matches!(d, Dropped::TokenNotSigned { .. })));
}

#[test]
fn a_selection_past_the_last_candidate_shares_no_token() {
    let s = ShareInput {
        selected: 5,
        ..state()
    };
    assert_eq!(
        decode(&encode(&s, Mode::FullToken).fragment)
            .expect("decodes")
            .token,
        None
    );
}

// ---------------------------------------------------------------------------------------------
// What never goes into a link.

#[test]
fn hmac_secrets_never_appear_in_any_fragment() {
    for (file, encoding) in [
        ("keys/hmac-text.txt", SecretEncoding::Text),
        ("keys/hmac-base64.txt", SecretEncoding::Base64),
        ("keys/hmac-base64.txt", SecretEncoding::Text),
    ] {
        let secret = fixture(file);
        let s = ShareInput {
            keys_text: secret.clone(),
            secret_encoding: encoding,
            ..state()
        };
        for mode in Mode::ALL {
            let enc = encode(&s, mode);
            assert_absent(&enc.fragment, &secret);
            assert!(
                enc.dropped.contains(&Dropped::HmacSecret),
                "{file} {mode:?}"
            );
            assert_eq!(decode(&enc.fragment).expect("decodes").keys_public, None);
        }
    }
}

#[test]
fn an_oct_jwk_never_appears_in_any_fragment() {
    let k = "c2hhcmVkLXNlY3JldC1pbi1hLWtleS1zZXQ";
    for text in [
        format!(r#"{{"kty":"oct","k":"{k}"}}"#),
        format!(
            r#"{{"keys":[{},{{"kty":"oct","kid":"h","k":"{k}"}}]}}"#,
            fixture("public/rsa2048.jwk.json").trim()
        ),
    ] {
        let s = ShareInput {
            keys_text: text,
            ..state()
        };
        for mode in Mode::ALL {
            let enc = encode(&s, mode);
            assert_absent(&enc.fragment, k);
            assert_eq!(decode(&enc.fragment).expect("decodes").keys_public, None);
        }
    }
}

#[test]
fn private_keys_never_appear_in_any_fragment() {
    for file in [
        "private/p256.private.jwk.json",
        "private/rsa2048.private.jwk.json",
        "private/p256.sec1.private.pem",
        "private/rsa2048.pkcs1.private.pem",
        "keys/rsa2048.pkcs8.pem",
        "keys/ed25519.pkcs8.pem",
    ] {
        let private = fixture(file);
        // Alone, and hidden after a public key.
        let mixed = format!("{}\n{private}", fixture("public/p256.spki.pem"));
        for text in [private.clone(), mixed] {
            let s = ShareInput {
                keys_text: text,
                ..state()
            };
            for mode in Mode::ALL {
                let enc = encode(&s, mode);
                for line in private.lines().filter(|l| l.len() > 16) {
                    assert_absent(&enc.fragment, line);
                }
                assert!(
                    enc.dropped.contains(&Dropped::PrivateKey),
                    "{file} {mode:?}"
                );
                assert_eq!(decode(&enc.fragment).expect("decodes").keys_public, None);
            }
        }
    }
}

#[test]
fn unreadable_key_text_is_never_shared() {
    let s = ShareInput {
        keys_text: r#"{"keys": [{"kty": "RSA", "n": "not base64!", "e": "AQAB", "d": "x"}]}"#
            .into(),
        ..state()
    };
    let enc = encode(&s, Mode::FullToken);
    assert_eq!(decode(&enc.fragment).expect("decodes").keys_public, None);
    assert!(!payload_json(&enc.fragment).contains("not base64!"));
}

#[test]
fn public_pem_and_key_sets_are_shared_in_token_modes() {
    for file in [
        "public/p256.spki.pem",
        "jwks/cognito-like.json",
        "public/rsa2048.cert.pem",
    ] {
        let s = ShareInput {
            keys_text: fixture(file),
            ..state()
        };
        let shared = decode(&encode(&s, Mode::TokenWithoutSignature).fragment).expect("decodes");
        assert_eq!(shared.keys_public, Some(s.keys_text), "{file}");
    }
}

// ---------------------------------------------------------------------------------------------
// Size.

#[test]
fn an_oversized_state_drops_keys_first_and_still_decodes() {
    let huge = format!(
        "{}\n{}",
        fixture("public/p256.spki.pem"),
        " ".repeat(MAX_FRAGMENT_LEN)
    );
    let s = ShareInput {
        keys_text: huge,
        ..state()
    };
    let enc = encode(&s, Mode::FullToken);
    assert!(enc.fragment.len() <= MAX_FRAGMENT_LEN);
    assert!(enc.dropped.iter().any(|d| matches!(
        d,
        Dropped::TooLong {
            part: Part::Keys,
            ..
        }
    )));
    assert_eq!(decode(&enc.fragment).expect("decodes").token, Some(token()));
}

#[test]
fn a_fragment_over_the_limit_is_rejected_before_decoding() {
    let long = format!("v1.c.{}", "A".repeat(MAX_FRAGMENT_LEN));
    assert_eq!(
        decode(&long),
        Err(ShareError::TooLong {
            len: long.len(),
            limit: MAX_FRAGMENT_LEN
        })
    );
}

// ---------------------------------------------------------------------------------------------
// Malformed and newer fragments.

#[test]
fn a_newer_version_is_reported_as_newer() {
    assert_eq!(
        decode("v2.c.e30"),
        Err(ShareError::NewerVersion {
            found: 2,
            supported: 1
        })
    );
    assert!(matches!(
        decode("v99999999999999999999999.c.e30"),
        Err(ShareError::UnknownVersion { .. })
    ));
    assert!(matches!(
        decode("v0.c.e30"),
        Err(ShareError::UnknownVersion { .. })
    ));
}

#[test]
fn an_oauth_redirect_fragment_is_not_a_share_link() {
    assert!(matches!(
        decode("access_token=abc&token_type=Bearer"),
        Err(ShareError::NotAShareLink { .. })
    ));
    assert!(matches!(
        decode("v1"),
        Err(ShareError::NotAShareLink { .. })
    ));
    assert!(matches!(
        decode("vx.c.e30"),
        Err(ShareError::NotAShareLink { .. })
    ));
    assert_eq!(decode(""), Err(ShareError::Empty));
    assert_eq!(decode("#"), Err(ShareError::Empty));
}

#[test]
fn each_malformed_part_has_its_own_error() {
    assert_eq!(
        decode("v1.x.e30"),
        Err(ShareError::UnknownMode { found: "x".into() })
    );
    assert_eq!(
        decode("v1.c.e3!0"),
        Err(ShareError::BadBase64 {
            problem: Base64Problem::InvalidByte {
                offset: 2,
                byte: b'!'
            }
        })
    );
    assert!(matches!(
        decode("v1.c.e"),
        Err(ShareError::BadBase64 { .. })
    ));
    assert_eq!(
        decode(&format!("v1.c.{}", URL_SAFE_NO_PAD.encode([0xff, 0xfe]))),
        Err(ShareError::NotUtf8 { valid_up_to: 0 })
    );
    assert!(matches!(
        decode(&format!("v1.c.{}", b64("{\"j\":"))),
        Err(ShareError::NotJson { line: 1, .. })
    ));
    assert_eq!(
        decode(&format!("v1.c.{}", b64("[]"))),
        Err(ShareError::NotAnObject)
    );
    assert_eq!(
        decode(&format!("v1.c.{}", b64(r#"{"j":1}"#))),
        Err(ShareError::WrongType {
            path: "j".into(),
            expected: JsonType::String
        })
    );
    assert_eq!(
        decode(&format!("v1.c.{}", b64(r#"{"f":[["a","b"],["c"]]}"#))),
        Err(ShareError::WrongType {
            path: "f[1]".into(),
            expected: JsonType::Pair
        })
    );
    assert_eq!(
        decode(&format!("v1.c.{}", b64(r#"{"s":-1}"#))),
        Err(ShareError::WrongType {
            path: "s".into(),
            expected: JsonType::Index
        })
    );
    assert_eq!(
        decode(&format!("v1.c.{}", b64(r#"{"secret":"x"}"#))),
        Err(ShareError::UnknownMember {
            name: "secret".into()
        })
    );
}

#[test]
fn an_altered_link_that_contradicts_its_mode_is_refused() {
    assert_eq!(
        decode(&format!(
            "v1.c.{}",
            b64(&format!(r#"{{"t":"{}"}}"#, token()))
        )),
        Err(ShareError::ContentNotInMode {
            mode: Mode::Config,
            part: Part::Token
        })
    );
    assert_eq!(
        decode(&format!(
            "v1.u.{}",
            b64(&format!(r#"{{"t":"{}"}}"#, token()))
        )),
        Err(ShareError::SignatureInUnsignedLink)
    );
}

#[test]
fn every_error_has_a_message() {
    for e in [
        ShareError::Empty,
        ShareError::NewerVersion {
            found: 2,
            supported: 1,
        },
        ShareError::SignatureInUnsignedLink,
    ] {
        assert!(explain::share_error(&e).contains("empty"));
    }
    assert!(explain::mode_description(Mode::FullToken).contains("until it expires"));
}

// ---------------------------------------------------------------------------------------------
// Links and their length.

#[test]
fn link_replaces_the_fragment_and_drops_the_query() {
    assert_eq!(
        link("https://tools.example.com/tokenlens/?x=1#old", "v1.c.e30"),
        "https://tools.example.com/tokenlens/#v1.c.e30"
    );
    assert_eq!(
        link("https://tools.example.com/tokenlens/", "v1.c.e30"),
        "https://tools.example.com/tokenlens/#v1.c.e30"
    );
    assert_eq!(
        dropped_query("https://tools.example.com/?x=1#a?b"),
        Some(Dropped::Query {
            query: "x=1".into()
        })
    );
    assert_eq!(dropped_query("https://tools.example.com/#a?b"), None);
}

#[test]
fn long_links_warn_at_two_thresholds() {
    assert_eq!(length_warning(2_000), None);
    assert!(matches!(
        length_warning(2_001),
        Some(LengthWarning::SomeToolsTruncate { len: 2_001, .. })
    ));
    assert!(matches!(
        length_warning(8_001),
        Some(LengthWarning::MostToolsBreak { len: 8_001, .. })
    ));
}

#[test]
fn a_typical_token_without_signature_link_needs_no_warning() {
    let enc = encode(
        &ShareInput {
            keys_text: String::new(),
            ..state()
        },
        Mode::TokenWithoutSignature,
    );
    let url = link("https://tools.example.com/tokenlens/", &enc.fragment);
    assert_eq!(length_warning(url.len()), None);
}

// ---------------------------------------------------------------------------------------------
// Properties.

fn arb_fields() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec(("[a-z-]{1,12}", ".{1,20}"), 0..6)
}

proptest! {
    #[test]
    fn arbitrary_configurations_round_trip(
        url in ".{0,40}",
        fields in arb_fields(),
    ) {
        let s = ShareInput { jwks_url: url.clone(), fields: fields.clone(), ..ShareInput::default() };
        let shared = decode(&encode(&s, Mode::Config).fragment).expect("decodes");
        let url = url.trim().to_owned();
        prop_assert_eq!(shared.jwks_url, Some(url).filter(|u| !u.is_empty()));
        prop_assert_eq!(shared.fields, fields);
    }

    #[test]
    fn arbitrary_tokens_round_trip_in_every_mode(
        header in "[A-Za-z0-9_-]{4,60}",
        sub in "[A-Za-z0-9 _@.-]{1,120}",
        sig_bytes in prop::collection::vec(any::<u8>(), 16..72),
        fields in arb_fields(),
    ) {
        let signature = URL_SAFE_NO_PAD.encode(&sig_bytes);
        let jws = format!(
            "{}.{}.{signature}",
            b64(&format!(r#"{{"alg":"RS256","x":"{header}"}}"#)),
            b64(&format!(r#"{{"sub":"{sub}"}}"#)),
        );
        let s = ShareInput { text: jws.clone(), fields: fields.clone(), ..ShareInput::default() };
        for mode in Mode::ALL {
            let enc = encode(&s, mode);
            let shared = decode(&enc.fragment).expect("decodes");
            prop_assert_eq!(shared.mode, mode);
            prop_assert_eq!(&shared.fields, &fields);
            let expected = match mode {
                Mode::Config => None,
                Mode::TokenWithoutSignature => Some(jws[..jws.len() - signature.len()].to_owned()),
                Mode::FullToken => Some(jws.clone()),
            };
            prop_assert_eq!(shared.token, expected);
            if mode != Mode::FullToken {
                let needle = format!(".{signature}");
                prop_assert!(!payload_json(&enc.fragment).contains(&needle));
            }
        }
    }

    #[test]
    fn arbitrary_secrets_never_appear_in_a_fragment(secret in "[A-Za-z0-9!@$%^&*_+=-]{12,40}") {
        let s = ShareInput { keys_text: secret.clone(), ..state() };
        for mode in Mode::ALL {
            let enc = encode(&s, mode);
            prop_assert!(!enc.fragment.contains(&secret));
            prop_assert!(!payload_json(&enc.fragment).contains(&secret));
        }
    }

    #[test]
    fn arbitrary_strings_into_decode_never_panic(s in ".{0,200}") {
        let _ = decode(&s);
        let _ = decode(&format!("v1.c.{s}"));
        let _ = decode(&format!("v1.u.{}", b64(&s)));
    }

    #[test]
    fn arbitrary_json_payloads_never_panic(s in r#"[\[\]{}",:0-9a-z\\ ]{0,80}"#) {
        for mode in ["c", "u", "f"] {
            if let Err(e) = decode(&format!("v1.{mode}.{}", b64(&s))) {
                prop_assert!(!explain::share_error(&e).is_empty());
            }
        }
    }
}
