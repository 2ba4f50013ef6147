//! Hostile inputs (issue 11): every case of the table that lives in input, decoding, key
//! input or verification, asserting the OUTCOME (the cap, the typed note, the verdict), never
//! the time. `examples/hostile_bench.rs` times the same inputs (`scripts/hostile.sh`).
//! Any crash or slow input found by fuzzing gets a named test here.

mod cases;

use cases::*;
use tokenlens::explain;
use tokenlens::input::{self, Cleanup, HiddenChar, Truncated, MAX_CANDIDATES};
use tokenlens::jose::json::{PathStep, MAX_DUPLICATES, MAX_PATH_STEPS};
use tokenlens::jose::jwk::{
    parse_jwks, parse_key_input, KeyError, KeyNote, KeySet, SecretEncoding, MAX_KEYS_PER_SET,
};
use tokenlens::jose::{parse_unverified, JsonDoc, Parsed, Payload, Segment};
use tokenlens::verify::{
    self, Decision, Finding, SkipReason, Verdict, Verification, MAX_KEY_ATTEMPTS,
};

fn payload_doc(token: &str) -> JsonDoc {
    match parse_unverified(token) {
        Ok(Parsed::Jws(jwt)) => match jwt.payload {
            Ok(Payload::Json { doc, .. }) => doc,
            other => panic!("payload is not JSON: {other:?}"),
        },
        other => panic!("not a JWS: {other:?}"),
    }
}

fn jwks(text: &str) -> KeySet {
    parse_jwks(text.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"))
}

fn verify_with(token: &str, set: &KeySet) -> Verification {
    match parse_unverified(token) {
        Ok(Parsed::Jws(jwt)) => verify::verify(&jwt, &[set]),
        other => panic!("not a JWS: {other:?}"),
    }
}

/// Keys whose signature was actually checked.
fn tried(v: &Verification) -> usize {
    v.candidates
        .iter()
        .filter(|c| {
            matches!(
                c.decision,
                Decision::Verified | Decision::Mismatch | Decision::WrongSignatureLength { .. }
            )
        })
        .count()
}

fn capped(v: &Verification) -> usize {
    v.candidates
        .iter()
        .filter(|c| {
            c.decision
                == Decision::Skipped(SkipReason::AttemptCap {
                    cap: MAX_KEY_ATTEMPTS,
                })
        })
        .count()
}

fn assert_duplicates_bounded(doc: &JsonDoc) {
    assert_eq!(doc.duplicates.len(), MAX_DUPLICATES);
    assert!(doc.duplicates_unlisted > 0);
    for d in &doc.duplicates {
        assert_eq!(d.key, "dup");
        assert_eq!(d.repeats, 2, "a key written three times is one entry");
        assert!(d.path.0.len() <= MAX_PATH_STEPS + 1);
        assert!(matches!(d.path.0.first(), Some(PathStep::Elided(n)) if *n > 90));
    }
    assert!(explain::decode::unlisted(Segment::Payload, doc).is_some());
    let text: usize = doc
        .duplicates
        .iter()
        .map(|d| explain::decode::duplicate(Segment::Payload, d).len())
        .sum();
    assert!(text < 64 * KIB, "{text} bytes of problem text");
}

#[test]
fn a_63_kib_token_repeating_keys_on_a_deep_path_lists_each_repeat_once_with_a_bounded_path() {
    assert_duplicates_bounded(&payload_doc(&deep_duplicate_keys_token(63 * KIB)));
}

#[test]
fn a_172_kib_pasted_token_repeating_keys_is_bounded_the_same_way() {
    let paste = format!(
        "Authorization: Bearer {}\n",
        deep_duplicate_keys_token(172 * KIB)
    );
    let e = input::extract(&paste);
    let [c] = e.candidates.as_slice() else {
        panic!("expected one candidate: {:?}", e.nothing_found)
    };
    assert_duplicates_bounded(&payload_doc(&c.token));
}

#[test]
fn an_es512_token_whose_kid_key_fails_against_1097_p521_keys_makes_at_most_three_checks() {
    let set = jwks(&p521_key_set(P521_KEYS_IN_FETCH_CAP, true));
    assert_eq!(set.keys.len(), P521_KEYS_IN_FETCH_CAP);
    let v = verify_with(&es512_tampered(), &set);
    assert_eq!(v.verdict(), Verdict::Invalid);
    assert!(tried(&v) <= MAX_KEY_ATTEMPTS);
    assert!(v
        .findings
        .iter()
        .any(|f| matches!(f, Finding::SignatureMismatch { keys, .. } if keys.len() == 1)));
    // One kid key tried; two of the others checked for a kid mix-up; the rest named, not tried.
    assert!(v.findings.contains(&Finding::KeyAttemptsCapped {
        cap: MAX_KEY_ATTEMPTS,
        untried: 0,
        unchecked: P521_KEYS_IN_FETCH_CAP - MAX_KEY_ATTEMPTS,
    }));
}

#[test]
fn an_es512_token_without_kid_against_1097_p521_keys_is_unverifiable_after_three_tries() {
    let set = jwks(&p521_key_set(P521_KEYS_IN_FETCH_CAP, false));
    let v = verify_with(&es512_without_kid(), &set);
    assert_eq!(v.verdict(), Verdict::Unverifiable);
    assert_eq!(tried(&v), MAX_KEY_ATTEMPTS);
    assert_eq!(capped(&v), P521_KEYS_IN_FETCH_CAP - MAX_KEY_ATTEMPTS);
    assert!(v.findings.iter().any(|f| matches!(
        f,
        Finding::TooManyCandidateKeys { tried, untried, .. }
            if tried.len() == MAX_KEY_ATTEMPTS && *untried == P521_KEYS_IN_FETCH_CAP - MAX_KEY_ATTEMPTS
    )));
}

#[test]
fn the_kid_key_is_tried_first_even_at_the_end_of_a_1097_key_set() {
    let set = jwks(&p521_key_set(P521_KEYS_IN_FETCH_CAP, true));
    let v = verify_with(&fixture_token("es512_valid"), &set);
    assert_eq!(v.verdict(), Verdict::Valid);
    assert_eq!(tried(&v), 1);
    assert_eq!(
        v.deciding_key().and_then(|k| k.kid.as_deref()),
        Some("es512")
    );
}

#[test]
fn an_hs_token_against_1097_public_keys_checks_key_confusion_on_at_most_three_of_them() {
    let set = jwks(&p521_key_set(P521_KEYS_IN_FETCH_CAP, false));
    let v = verify_with(&hs256_token(), &set);
    assert_eq!(v.verdict(), Verdict::Invalid);
    assert!(v.has("key_confusion"));
    assert_eq!(tried(&v), 0);
    assert!(v.findings.contains(&Finding::KeyAttemptsCapped {
        cap: MAX_KEY_ATTEMPTS,
        untried: 0,
        unchecked: P521_KEYS_IN_FETCH_CAP - MAX_KEY_ATTEMPTS,
    }));
}

#[test]
fn hundred_thousand_pasted_keys_with_repeated_kids_read_the_first_2000_and_say_so() {
    let set = parse_key_input(&repeated_kid_key_set(100_000, 1_000), SecretEncoding::Text)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(set.entries, 100_000);
    assert_eq!(set.keys.len(), MAX_KEYS_PER_SET);
    let [problem] = set.problems.as_slice() else {
        panic!("expected one problem: {:?}", set.problems)
    };
    assert_eq!(problem.index, MAX_KEYS_PER_SET);
    assert_eq!(
        problem.reason,
        KeyError::BeyondKeyCap {
            cap: MAX_KEYS_PER_SET,
            unread: 100_000 - MAX_KEYS_PER_SET
        }
    );
    // Every kid of the keys read repeats: each is listed once.
    let dups = set.duplicate_kids();
    assert_eq!(dups.len(), 1_000);
    assert_eq!(dups.first().map(String::as_str), Some("kid-0"));
}

#[test]
fn a_10_mib_mixed_paste_keeps_the_first_1000_candidates_and_says_how_many_there_were() {
    let e = input::extract(&mixed_paste(10 * MIB));
    assert_eq!(e.candidates.len(), MAX_CANDIDATES);
    let Some(Truncated { shown, found }) = e.truncated else {
        panic!("the cap was not stated")
    };
    assert_eq!(shown, MAX_CANDIDATES);
    assert!(found > 20_000, "{found} candidates");
    assert!(!explain::input::truncated(&Truncated { shown, found }).is_empty());
}

#[test]
fn ten_mib_of_url_parameters_keeps_the_first_1000_candidates_and_says_how_many_there_were() {
    let e = input::extract(&url_parameters(10 * MIB));
    assert_eq!(e.candidates.len(), MAX_CANDIDATES);
    assert!(matches!(e.truncated, Some(Truncated { found, .. }) if found > 400_000));
}

#[test]
fn a_paste_under_the_cap_is_not_truncated() {
    let e = input::extract(&mixed_paste(16 * KIB));
    assert!(e.candidates.len() > 10);
    assert_eq!(e.truncated, None);
}

#[test]
fn invisible_and_look_alike_characters_inside_a_token_are_removed_and_located() {
    let paste = token_with_invisible_characters();
    let e = input::extract(&paste);
    let [c] = e.candidates.as_slice() else {
        panic!("expected one candidate: {:?}", e.nothing_found)
    };
    assert_eq!(c.token, fixture_token("es512_valid"));
    let at = |ch: char| {
        paste
            .chars()
            .position(|c| c == ch)
            .unwrap_or_else(|| panic!("{ch:?} not in the paste"))
    };
    let invisible: Vec<HiddenChar> = ['\u{FEFF}', '\u{200B}', '\u{00AD}', '\u{2060}']
        .into_iter()
        .map(|ch| HiddenChar { ch, at: at(ch) })
        .collect();
    assert_eq!(
        c.cleanups.first(),
        Some(&Cleanup::InvisibleCharacters {
            listed: invisible,
            total: 4
        })
    );
    assert_eq!(
        c.cleanups.get(1),
        Some(&Cleanup::LookAlikeDots {
            listed: vec![HiddenChar {
                ch: '\u{FF0E}',
                at: at('\u{FF0E}')
            }],
            total: 1
        })
    );
    let v = verify_with(&c.token, &jwks(&fixture("jwks/all.json")));
    assert_eq!(v.verdict(), Verdict::Valid);
}

#[test]
fn a_zero_width_space_no_longer_makes_a_token_not_found() {
    let t = fixture_token("hs256_valid");
    let (a, b) = t.split_at(t.len() / 2);
    let e = input::extract(&format!("{a}\u{200B}{b}"));
    assert_eq!(e.nothing_found, None);
    assert_eq!(
        e.candidates.first().map(|c| c.token.as_str()),
        Some(t.as_str())
    );
}

#[test]
fn an_ed25519_small_order_public_key_gets_a_note_and_an_ordinary_one_does_not() {
    let weak = parse_key_input(&small_order_ed25519_jwk(), SecretEncoding::Text)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let [key] = weak.keys.as_slice() else {
        panic!("expected one key: {:?}", weak.problems)
    };
    assert_eq!(key.notes, vec![KeyNote::Ed25519SmallOrder]);
    assert!(!explain::keys::note(key, &KeyNote::Ed25519SmallOrder).is_empty());
    let ordinary = parse_key_input(&fixture("public/ed25519.jwk.json"), SecretEncoding::Text)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(ordinary.keys.iter().all(|k| k.notes.is_empty()));
}
