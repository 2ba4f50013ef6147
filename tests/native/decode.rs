//! Decoding tokens exactly as issued: compact JWS/JWE, base64url quirks and errors, JSON number
//! text and duplicate keys, payload kinds, NumericDate and time rendering.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use proptest::prelude::*;
use tokenlens::explain::decode as explain;
use tokenlens::jose::b64::{B64Error, B64Quirk};
use tokenlens::jose::json::{self, JsonDoc, PathStep};
use tokenlens::jose::{
    parse_unverified, time_claims, Alg, Audience, Field, Header, JsonPath, Parsed, Payload, Quirk,
    Segment, SegmentError, SegmentErrorKind, StructureError, TimeClaim, UnverifiedJwe,
    UnverifiedJwt, Value,
};
use tokenlens::timefmt::{self, Clamp};

/// RFC 7515 Appendix A.1: HS256, header `{"typ":"JWT",\r\n "alg":"HS256"}`.
const RFC7515_A1: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

/// RFC 7516 Appendix A.1: RSA-OAEP + A256GCM.
const RFC7516_A1: &str = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGeipsEdY3mx_etLbbWSrFr05kLzcSr4qKAq7YN7e9jwQRb23nfa6c9d-StnImGyFDbSv04uVuxIp5Zms1gNxKKK2Da14B8S4rzVRltdYwam_lDp5XnZAYpQdb76FdIKLaVmqgfwX7XWRxv2322i-vDxRfqNzo_tETKzpVLzfiwQyeyPGLBIO56YJ7eObdv0je81860ppamavo35UgoRdbYaBcoh9QcfylQr66oc6vFWXRcZ_ZT2LawVCWTIy3brGPi6UklfCpIMfIjf7iGdXKHzg.48V1_ALb6US04U3b.5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A.XFBoMYUZodetZdvTiFvSkQ";

/// RFC 7516 Appendix A.2: RSA1_5 + A128CBC-HS256.
const RFC7516_A2: &str = "eyJhbGciOiJSU0ExXzUiLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0.UGhIOguC7IuEvf_NPVaXsGMoLOmwvc1GyqlIKOK1nN94nHPoltGRhWhw7Zx0-kFm1NJn8LE9XShH59_i8J0PH5ZZyNfGy2xGdULU7sHNF6Gp2vPLgNZ__deLKxGHZ7PcHALUzoOegEI-8E66jX2E4zyJKx-YxzZIItRzC5hlRirb6Y5Cl_p-ko3YvkkysZIFNPccxRU7qve1WYPxqbb2Yw8kZqa2rMWI5ng8OtvzlV7elprCbuPhcCdZ6XDP0_F8rkXds2vE4X-ncOIM8hAYHHi29NX0mcKiRaD0-D-ljQTP-cFPgwCp6X-nZZd9OHBv-B3oWh2TbqmScqXMR4gp_A.AxY8DCtDaGlsbGljb3RoZQ.KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY.9hH0vgRfYgPnAHOd8stkvw";

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn token(header: &str, payload: &[u8]) -> String {
    format!("{}.{}.c2lnbmF0dXJl", b64(header.as_bytes()), b64(payload))
}

fn jws(token: &str) -> UnverifiedJwt {
    match parse_unverified(token) {
        Ok(Parsed::Jws(t)) => t,
        other => panic!("expected a JWS, got {other:?}"),
    }
}

fn jwe(token: &str) -> UnverifiedJwe {
    match parse_unverified(token) {
        Ok(Parsed::Jwe(t)) => t,
        other => panic!("expected a JWE, got {other:?}"),
    }
}

fn header(t: &UnverifiedJwt) -> &Header {
    match &t.header {
        Ok(h) => h,
        Err(e) => panic!("header should decode: {e:?}"),
    }
}

fn json_payload(t: &UnverifiedJwt) -> (&JsonDoc, &tokenlens::jose::Claims) {
    match &t.payload {
        Ok(Payload::Json { doc, claims }) => (doc, claims),
        other => panic!("expected a JSON payload, got {other:?}"),
    }
}

#[test]
fn rfc7515_a1_hs256_example_decodes_exactly() {
    let t = jws(RFC7515_A1);
    let h = header(&t);
    assert_eq!(h.alg, Field::Present(Alg::HS256));
    assert_eq!(h.typ, Field::Present("JWT".into()));
    let keys: Vec<&str> = h.members().iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["typ", "alg"]);
    assert_eq!(
        h.doc.pretty(),
        "{\n  \"typ\": \"JWT\",\n  \"alg\": \"HS256\"\n}"
    );

    let (doc, claims) = json_payload(&t);
    assert_eq!(claims.iss, Field::Present("joe".into()));
    let exp = claims.exp.present().unwrap_or_else(|| panic!("exp"));
    assert_eq!((exp.raw.as_str(), exp.secs), ("1300819380", 1_300_819_380));
    assert!(!exp.looks_like_milliseconds);
    assert_eq!(
        claims.others().cloned().collect::<Vec<_>>(),
        vec![("http://example.com/is_root".into(), Value::Bool(true))]
    );
    assert!(doc.duplicates.is_empty());

    let sig = t.signature.as_ref().unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(sig.len(), 32);
    assert_eq!(sig.first(), Some(&116));
    assert!(t.quirks.is_empty());
    assert_eq!(
        t.signing_input(),
        RFC7515_A1
            .rsplit_once('.')
            .map(|(a, _)| a)
            .unwrap_or_default()
    );
}

#[test]
fn rfc7516_a1_jwe_exposes_its_protected_header_and_segment_sizes() {
    let t = jwe(RFC7516_A1);
    let h = t.header.as_ref().unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(h.alg, Field::Present(Alg::Other("RSA-OAEP".into())));
    assert_eq!(h.enc, Field::Present("A256GCM".into()));
    assert_eq!(t.encrypted_key.as_ref().map(Vec::len), Ok(256));
    assert_eq!(t.iv.as_ref().map(Vec::len), Ok(12));
    assert_eq!(t.ciphertext.as_ref().map(Vec::len), Ok(63));
    assert_eq!(t.tag.as_ref().map(Vec::len), Ok(16));
    assert!(t.quirks.is_empty());
    assert!(!t.looks_like_cognito_refresh_token());
}

#[test]
fn rfc7516_a2_jwe_header_names_rsa1_5_and_a128cbc_hs256() {
    let t = jwe(RFC7516_A2);
    let h = t.header.as_ref().unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(h.alg.present().map(Alg::as_str), Some("RSA1_5"));
    assert_eq!(h.enc, Field::Present("A128CBC-HS256".into()));
    assert_eq!(t.iv.as_ref().map(Vec::len), Ok(16));
    assert_eq!(t.tag.as_ref().map(Vec::len), Ok(16));
}

#[test]
fn cognito_refresh_token_shaped_jwe_is_recognised() {
    let header = b64(br#"{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}"#);
    let t = jwe(&format!("{header}.AAAA.AAAA.AAAA.AAAA"));
    assert!(t.looks_like_cognito_refresh_token());
    assert!(t.header.as_ref().is_ok_and(Header::cty_is_jwt));
    assert!(!explain::jwe_notice(&t).is_empty());
}

#[test]
fn big_integers_and_number_text_survive_pretty_printing() {
    let payload = br#"{"big":12345678901234567890123,"f":3.0,"e":1e3,"neg":-0.5e-7,"n":[1E+2]}"#;
    let t = jws(&token(r#"{"alg":"HS256"}"#, payload));
    let (doc, _) = json_payload(&t);
    assert_eq!(
        doc.value.get("big"),
        Some(&Value::Number("12345678901234567890123".into()))
    );
    let pretty = doc.pretty();
    for text in ["12345678901234567890123", "3.0", "1e3", "-0.5e-7", "1E+2"] {
        assert!(pretty.contains(text), "{text} missing from {pretty}");
    }
    assert_eq!(
        JsonDoc::parse(&pretty).map(|d| d.value),
        Ok(doc.value.clone())
    );
}

#[test]
fn key_order_is_kept_as_issued() {
    let t = jws(&token(
        r#"{"typ":"JWT","alg":"RS256","kid":"k1"}"#,
        br#"{"z":1,"a":2}"#,
    ));
    let keys: Vec<&str> = header(&t)
        .members()
        .iter()
        .map(|(k, _)| k.as_str())
        .collect();
    assert_eq!(keys, ["typ", "alg", "kid"]);
    let (_, claims) = json_payload(&t);
    let others: Vec<&str> = claims.others().map(|(k, _)| k.as_str()).collect();
    assert_eq!(others, ["z", "a"]);
}

#[test]
fn duplicate_keys_in_header_and_payload_are_flagged_with_their_paths() {
    let t = jws(&token(
        r#"{"alg":"none","alg":"HS256"}"#,
        br#"{"sub":"a","ctx":{"role":"user","role":"admin"},"sub":"b"}"#,
    ));
    let dups: Vec<(Segment, String, String)> = t
        .duplicates()
        .into_iter()
        .map(|(s, d)| (s, d.key.clone(), d.path.to_string()))
        .collect();
    assert_eq!(
        dups,
        vec![
            (Segment::Header, "alg".into(), "$.alg".into()),
            (Segment::Payload, "role".into(), "$.ctx.role".into()),
            (Segment::Payload, "sub".into(), "$.sub".into()),
        ]
    );
    // The last occurrence is the one read, as JavaScript's JSON.parse does.
    assert_eq!(header(&t).alg, Field::Present(Alg::HS256));
    assert_eq!(json_payload(&t).1.sub, Field::Present("b".into()));
    let (seg, d) = t.duplicates()[1];
    assert_eq!(
        d.path,
        JsonPath(vec![
            PathStep::Key("ctx".into()),
            PathStep::Key("role".into())
        ])
    );
    assert!(!explain::duplicate(seg, d).is_empty());
}

#[test]
fn padding_and_standard_alphabet_are_accepted_as_quirks_per_segment() {
    // {"alg":"HS256"} is 15 bytes → no padding needed; pick a 16-byte header to force "==".
    let header_json = br#"{"alg":"HS256"} "#;
    let padded_header = format!("{}==", b64(header_json));
    // 0xFB 0xFF encodes to "-_8" in base64url, "+/8=" in standard base64.
    let t = jws(&format!("{padded_header}.e30.+/8="));
    assert!(t.header.is_ok());
    assert_eq!(t.signature, Ok(vec![0xFB, 0xFF]));
    assert_eq!(
        t.quirks,
        vec![
            Quirk {
                segment: Segment::Header,
                kind: B64Quirk::Padding {
                    index: padded_header.len() - 2,
                    count: 2
                }
            },
            Quirk {
                segment: Segment::Signature,
                kind: B64Quirk::StandardAlphabet { index: 0, ch: '+' }
            },
            Quirk {
                segment: Segment::Signature,
                kind: B64Quirk::Padding { index: 3, count: 1 }
            },
        ]
    );
    for q in &t.quirks {
        assert!(!explain::quirk(q).is_empty());
    }
}

#[test]
fn non_canonical_trailing_bits_are_a_quirk_not_an_error() {
    // "e30" is "{}"; "e31" decodes to the same bytes with a non-zero leftover bit.
    let t = jws(&format!("{}.e31.", b64(br#"{"alg":"none"}"#)));
    assert!(matches!(t.payload, Ok(Payload::Json { .. })));
    assert_eq!(
        t.quirks,
        vec![Quirk {
            segment: Segment::Payload,
            kind: B64Quirk::NonCanonicalTrailingBits { index: 2, ch: '1' }
        }]
    );
}

#[test]
fn payload_with_bad_base64_still_shows_the_header() {
    let good = token(r#"{"alg":"RS256","kid":"abc"}"#, br#"{"sub":"x"}"#);
    let mut parts: Vec<String> = good.split('.').map(str::to_owned).collect();
    parts[1].insert(5, '!');
    let t = jws(&parts.join("."));
    assert_eq!(header(&t).kid, Field::Present("abc".into()));
    assert_eq!(
        t.payload,
        Err(SegmentError {
            segment: Segment::Payload,
            kind: SegmentErrorKind::Base64(B64Error::InvalidCharacter { index: 5, ch: '!' }),
        })
    );
    assert!(t.signature.is_ok());
}

#[test]
fn header_with_bad_json_still_shows_the_payload() {
    let t = jws(&token(r#"{"alg":"HS256",}"#, br#"{"sub":"x"}"#));
    assert!(matches!(
        t.header,
        Err(SegmentError {
            segment: Segment::Header,
            kind: SegmentErrorKind::Json(json::JsonError::Unexpected {
                at: 15,
                found: Some('}'),
                expected: json::Expected::Key
            })
        })
    ));
    assert_eq!(json_payload(&t).1.sub, Field::Present("x".into()));
    if let Err(e) = &t.header {
        assert!(!explain::segment_error(e).is_empty());
    }
}

#[test]
fn bad_character_positions_count_characters_within_their_segment() {
    let t = jws("eyJhbGciOiJIUzI1NiJ9.e30.ab cd");
    assert_eq!(
        t.signature,
        Err(SegmentError {
            segment: Segment::Signature,
            kind: SegmentErrorKind::Base64(B64Error::InvalidCharacter { index: 2, ch: ' ' }),
        })
    );
    let t = jws("eyJhbGciOiJIUzI1NiJ9.e30é.");
    assert_eq!(
        t.payload,
        Err(SegmentError {
            segment: Segment::Payload,
            kind: SegmentErrorKind::Base64(B64Error::InvalidCharacter { index: 3, ch: 'é' }),
        })
    );
    let t = jws("eyJhbGciOiJIUzI1NiJ9.e30.QUJDR");
    assert_eq!(
        t.signature,
        Err(SegmentError {
            segment: Segment::Signature,
            kind: SegmentErrorKind::Base64(B64Error::ImpossibleLength { len: 5 }),
        })
    );
}

#[test]
fn wrong_segment_counts_are_the_only_structural_errors() {
    assert_eq!(parse_unverified(""), Err(StructureError::Empty));
    assert_eq!(
        parse_unverified("eyJhbGciOiJIUzI1NiJ9.e30"),
        Err(StructureError::WrongSegmentCount { count: 2 })
    );
    assert_eq!(
        parse_unverified("a.b.c.d.e.f"),
        Err(StructureError::WrongSegmentCount { count: 6 })
    );
    // Three garbage parts are still a JWS whose segments each report their own error.
    let t = jws("!.!.!");
    assert!(t.header.is_err() && t.payload.is_err() && t.signature.is_err());
}

#[test]
fn a_header_that_is_not_an_object_is_a_segment_error() {
    let t = jws(&token("[1,2]", b"{}"));
    assert_eq!(
        t.header,
        Err(SegmentError {
            segment: Segment::Header,
            kind: SegmentErrorKind::NotAnObject {
                found: json::Kind::Array
            },
        })
    );
    let t = jws(&format!("{}.e30.", b64(&[0xFF, 0xFE])));
    assert!(matches!(
        t.header,
        Err(SegmentError {
            kind: SegmentErrorKind::NotUtf8 { valid_up_to: 0 },
            ..
        })
    ));
}

#[test]
fn nested_jwt_is_recognised_by_cty_and_by_shape() {
    let inner = token(r#"{"alg":"HS256"}"#, br#"{"sub":"inner"}"#);
    let t = jws(&token(r#"{"alg":"HS256","cty":"JWT"}"#, inner.as_bytes()));
    assert_eq!(t.payload, Ok(Payload::NestedJwt(inner.clone())));
    let t = jws(&token(r#"{"alg":"HS256"}"#, inner.as_bytes()));
    assert_eq!(t.payload, Ok(Payload::NestedJwt(inner)));
    // Dotted text without a JSON header is just text.
    let t = jws(&token(r#"{"alg":"HS256"}"#, b"www.example.com"));
    assert_eq!(t.payload, Ok(Payload::Text("www.example.com".into())));
}

#[test]
fn binary_payload_is_bytes_not_an_error() {
    let bytes = vec![0x00, 0x9F, 0x92, 0x96, 0xFF];
    let t = jws(&token(r#"{"alg":"HS256"}"#, &bytes));
    assert_eq!(t.payload, Ok(Payload::Bytes(bytes)));
    if let Ok(p) = &t.payload {
        assert!(!explain::payload_kind(p).is_empty());
    }
}

#[test]
fn milliseconds_looking_exp_is_flagged() {
    let t = jws(&token(
        r#"{"alg":"HS256"}"#,
        br#"{"exp":1700000000000,"iat":1700000000}"#,
    ));
    let claims = json_payload(&t).1;
    let exp = claims.exp.present().unwrap_or_else(|| panic!("exp"));
    assert!(exp.looks_like_milliseconds);
    assert_eq!(exp.secs, 1_700_000_000_000);
    let iat = claims.iat.present().unwrap_or_else(|| panic!("iat"));
    assert!(!iat.looks_like_milliseconds);
    assert!(!explain::millis_warning(TimeClaim::Exp, exp).is_empty());
}

#[test]
fn numeric_dates_keep_raw_text_floor_fractions_and_reject_bad_values() {
    let t = jws(&token(
        r#"{"alg":"HS256"}"#,
        br#"{"iat":1.7e9,"nbf":1700000000.75,"exp":"1700000000","auth_time":-5,"aud":"api"}"#,
    ));
    let c = json_payload(&t).1;
    let iat = c.iat.present().unwrap_or_else(|| panic!("iat"));
    assert_eq!((iat.raw.as_str(), iat.secs), ("1.7e9", 1_700_000_000));
    let nbf = c.nbf.present().unwrap_or_else(|| panic!("nbf"));
    assert_eq!((nbf.secs, nbf.fractional), (1_700_000_000, true));
    assert_eq!(c.exp, Field::Malformed(Value::String("1700000000".into())));
    assert_eq!(c.auth_time, Field::Malformed(Value::Number("-5".into())));
    assert_eq!(c.aud, Field::Present(Audience::One("api".into())));
    for (name, want, value) in c.malformed() {
        assert!(!explain::malformed_field(Segment::Payload, name, want, value).is_empty());
    }
    let listed: Vec<(TimeClaim, bool)> = time_claims(c)
        .iter()
        .map(|(claim, f)| (*claim, f.present().is_some()))
        .collect();
    assert_eq!(
        listed,
        vec![
            (TimeClaim::Iat, true),
            (TimeClaim::AuthTime, false),
            (TimeClaim::Nbf, true),
            (TimeClaim::Exp, false),
        ]
    );
}

#[test]
fn header_fields_have_three_states() {
    let t = jws(&token(
        r#"{"alg":"none","kid":7,"jwk":{"kty":"oct"},"crit":["exp"],"x5t#S256":"abc","zip":"DEF"}"#,
        b"{}",
    ));
    let h = header(&t);
    assert_eq!(h.alg, Field::Present(Alg::None));
    assert_eq!(h.kid, Field::Malformed(Value::Number("7".into())));
    assert!(matches!(h.jwk, Field::Present(Value::Object(_))));
    assert_eq!(h.crit, Field::Present(vec!["exp".into()]));
    assert_eq!(h.x5t_s256, Field::Present("abc".into()));
    assert_eq!(h.zip, Field::Present("DEF".into()));
    assert_eq!(h.typ, Field::Absent);
}

#[test]
fn timefmt_renders_known_dates() {
    assert_eq!(timefmt::format_utc(0), "1970-01-01 00:00:00 UTC");
    assert_eq!(timefmt::format_utc(951_782_400), "2000-02-29 00:00:00 UTC");
    assert_eq!(timefmt::format_utc(951_868_800), "2000-03-01 00:00:00 UTC");
    assert_eq!(
        timefmt::format_utc(1_709_164_800),
        "2024-02-29 00:00:00 UTC"
    );
    assert_eq!(
        timefmt::format_utc(253_402_300_799),
        "9999-12-31 23:59:59 UTC"
    );
    assert_eq!(timefmt::format_utc(-1), "1969-12-31 23:59:59 UTC");
    assert_eq!(
        timefmt::format_utc(-2_208_988_800),
        "1900-01-01 00:00:00 UTC"
    );
    let v = timefmt::describe(1_795_486_263, 1_795_486_263 + 11_520, 60);
    assert_eq!(v.utc, "2026-11-24 02:11:03 UTC");
    assert_eq!(v.local, "2026-11-24 03:11:03 UTC+01:00");
    assert_eq!(v.delta_secs, -11_520);
    assert_eq!(v.clamp, Clamp::InRange);
    assert_eq!(
        explain::time_phrase(TimeClaim::Exp, v.delta_secs),
        "expired 3 h 12 min ago"
    );
}

#[test]
fn timefmt_clamps_values_outside_years_0_to_9999() {
    let v = timefmt::describe(253_402_300_800, 0, 0);
    assert_eq!(v.clamp, Clamp::AfterYear9999);
    assert_eq!(v.utc, "9999-12-31 23:59:59 UTC");
    let v = timefmt::describe(i64::MIN, 0, 0);
    assert_eq!(v.clamp, Clamp::BeforeYear0);
    assert_eq!(v.utc, "0000-01-01 00:00:00 UTC");
    assert_eq!(v.delta_secs, i64::MIN);
    assert!(explain::clamp_note(TimeClaim::Exp, v.clamp).is_some());
}

#[test]
fn every_explanation_names_its_segment() {
    let errors = [
        SegmentError {
            segment: Segment::Tag,
            kind: SegmentErrorKind::Base64(B64Error::TooMuchPadding { index: 3, count: 3 }),
        },
        SegmentError {
            segment: Segment::Payload,
            kind: SegmentErrorKind::Base64(B64Error::PaddingInside { index: 1 }),
        },
        SegmentError {
            segment: Segment::Header,
            kind: SegmentErrorKind::Json(json::JsonError::TooDeep {
                at: 128,
                limit: 128,
            }),
        },
    ];
    for e in &errors {
        assert!(explain::segment_error(e).starts_with(explain::segment_name(e.segment)));
    }
    for e in [
        StructureError::Empty,
        StructureError::WrongSegmentCount { count: 1 },
        StructureError::WrongSegmentCount { count: 2 },
        StructureError::WrongSegmentCount { count: 4 },
    ] {
        assert!(!explain::structure_error(&e).is_empty());
    }
}

// ---- properties ------------------------------------------------------------------------------

fn number_text() -> impl Strategy<Value = String> {
    "-?(0|[1-9][0-9]{0,30})(\\.[0-9]{1,6})?([eE][+-]?[0-9]{1,4})?"
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number_text().prop_map(|n| Value::Number(n.into())),
        any::<String>().prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(|v| Value::Array(v.into())),
            prop::collection::vec(("[a-c]{0,2}|\\PC{0,4}", inner), 0..6).prop_map(
                |v: Vec<(String, Value)>| {
                    Value::Object(
                        v.into_iter()
                            .map(|(k, v)| (k.into(), v))
                            .collect::<Vec<_>>()
                            .into(),
                    )
                }
            ),
        ]
    })
}

proptest! {
    #[test]
    fn arbitrary_strings_never_panic_the_decoder(s in any::<String>()) {
        let _ = parse_unverified(&s);
        let _ = JsonDoc::parse(&s);
    }

    #[test]
    fn token_shaped_garbage_never_panics_the_decoder(
        s in "[A-Za-z0-9_=+/!. -]{0,40}(\\.[A-Za-z0-9_=+/!. -]{0,40}){2,4}"
    ) {
        if let Ok(p) = parse_unverified(&s) {
            for q in p.quirks() {
                let _ = explain::quirk(q);
            }
            if let Err(e) = p.header() {
                let _ = explain::segment_error(e);
            }
        }
    }

    #[test]
    fn arbitrary_bytes_as_segments_never_panic(
        h in prop::collection::vec(any::<u8>(), 0..64),
        p in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        if let Ok(Parsed::Jws(t)) = parse_unverified(&format!("{}.{}.", b64(&h), b64(&p))) {
            if let Ok(payload) = &t.payload {
                let _ = explain::payload_kind(payload);
            }
        }
        let _ = JsonDoc::parse(&String::from_utf8_lossy(&p));
    }

    #[test]
    fn json_shaped_garbage_never_panics_the_parser(s in "[\\[\\]{}\",:0-9a-z\\\\. eE+-]{0,80}") {
        if let Err(e) = JsonDoc::parse(&s) {
            let _ = explain::json_error("payload", &e);
        }
    }

    #[test]
    fn timefmt_handles_every_i64(v in any::<i64>(), now in any::<i64>(), off in any::<i32>()) {
        let view = timefmt::describe(v, now, off);
        prop_assert!(view.utc.ends_with(" UTC"));
        prop_assert_eq!(view.delta_secs, v.saturating_sub(now));
        for claim in [TimeClaim::Exp, TimeClaim::Nbf, TimeClaim::Iat, TimeClaim::AuthTime] {
            let _ = explain::time_phrase(claim, view.delta_secs);
        }
    }

    #[test]
    fn numeric_dates_from_any_number_text_never_panic(raw in number_text()) {
        let _ = tokenlens::jose::NumericDate::from_number_text(&raw);
    }

    #[test]
    fn pretty_printed_json_reparses_to_the_same_value(v in json_value()) {
        let pretty = v.pretty();
        let reparsed = JsonDoc::parse(&pretty).map(|d| d.value);
        prop_assert_eq!(reparsed, Ok(v.clone()));
        prop_assert_eq!(JsonDoc::parse(&v.compact()).map(|d| d.value), Ok(v));
    }
}
