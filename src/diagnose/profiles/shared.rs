//! Helpers the profile modules share: typed finding builders, claim accessors, the root causes
//! every profile leads with (§3), the one time rule, the exact-issuer check.
//!
//! Must not decide a verdict (`profiles::verdict_of`) or produce prose.

use super::{GatewayCode, Gw, IssuerDiff, NotJwt, TokenFacts, Unchecked};
use crate::diagnose::claims::TokenUse;
use crate::diagnose::finding::{Code, Finding, Severity, Stage, Status};
use crate::diagnose::identity::TokenKind;
use crate::input::Shape;
use crate::jose::{Alg, Claims, Value};
use crate::verify::Verdict;

/// A typed gateway-stage finding without string evidence (the code carries it).
pub(crate) fn gw(
    code: GatewayCode,
    severity: Severity,
    status: Status,
    sources: &[&'static str],
) -> Finding {
    Finding {
        code: Code::Gateway(code),
        stage: Stage::Gateway,
        severity,
        status,
        evidence: vec![],
        sources: sources.to_vec(),
    }
}

/// A typed rejection resting on CONFIRMED knowledge.
pub(crate) fn fails(code: GatewayCode, sources: &[&'static str]) -> Finding {
    gw(code, Severity::Error, Status::Confirmed, sources)
}

/// A time failure (`exp`, `nbf`, `iat`): CONFIRMED, or only likely where API Gateway's
/// undocumented leeway could still let the token pass (H6, G12).
pub(crate) fn time_fails(code: GatewayCode, sources: &[&'static str]) -> Finding {
    let status = if code.within_undocumented_leeway() {
        Status::Reported
    } else {
        Status::Confirmed
    };
    gw(code, Severity::Error, status, sources)
}

/// A typed warning (CONFIRMED knowledge).
pub(crate) fn warns(code: GatewayCode, sources: &[&'static str]) -> Finding {
    gw(code, Severity::Warning, Status::Confirmed, sources)
}

/// Typed background (CONFIRMED knowledge).
pub(crate) fn notes(code: GatewayCode, sources: &[&'static str]) -> Finding {
    gw(code, Severity::Info, Status::Confirmed, sources)
}

/// The `aud` values, `[]` when absent or malformed.
pub(crate) fn aud_values(claims: &Claims) -> Vec<String> {
    claims
        .aud
        .present()
        .map(|a| a.values().to_vec())
        .unwrap_or_default()
}

/// The root causes every profile leads with, before any signature or configuration finding
/// (§3, G1, G10, A2): an unsigned token (`alg: none`), HS* from an issuer with public keys, a
/// token issued for a Microsoft-owned API and the load balancer's own user-claims token.
/// When any is found the profile offers no "would accept if …" assumption.
pub(crate) fn root_causes(t: &TokenFacts, claims: &Claims, g: Gw) -> Vec<Finding> {
    let mut out = Vec::new();
    if t.header
        .is_some_and(|h| matches!(h.alg.present(), Some(crate::jose::Alg::None)))
    {
        out.push(fails(GatewayCode::Unsigned { gw: g }, &["RFC8725"]));
    }
    // G10: HS* from an identity provider that publishes public keys (the issuers the lint
    // `HmacWithAsymmetricIssuer` names).
    if let Some(alg) = t
        .header
        .and_then(|h| h.alg.present())
        .filter(|a| matches!(a, Alg::HS256 | Alg::HS384 | Alg::HS512))
        .filter(|_| {
            claims
                .iss
                .present()
                .is_some_and(|iss| crate::issuer::classify(iss).publishes_public_keys())
        })
    {
        out.push(fails(
            GatewayCode::SharedSecretAlg {
                gw: g,
                alg: alg.as_str().to_owned(),
            },
            &["RFC8725"],
        ));
    }
    if matches!(t.kind, TokenKind::EntraMicrosoftApi) {
        out.push(fails(
            GatewayCode::ForeignAudience {
                gw: g,
                aud: aud_values(claims),
            },
            &["MS-AT"],
        ));
    }
    if t.kind.is_keycloak_refresh() {
        out.push(fails(
            GatewayCode::KeycloakRefresh { gw: g },
            &["KC-TOKENUTIL"],
        ));
    }
    if matches!(t.kind, TokenKind::FirebaseCustom) {
        out.push(fails(GatewayCode::FirebaseCustom { gw: g }, &["FB"]));
    }
    if matches!(t.kind, TokenKind::AlbOidcData) {
        out.push(fails(
            GatewayCode::AlbSigned { gw: g },
            &["ALB-AUTH", "AJV"],
        ));
    }
    out
}

/// The signature finding for a gateway (none when a root cause already explains it).
pub(crate) fn signature(
    t: &TokenFacts,
    g: Gw,
    root: bool,
    sources: &[&'static str],
) -> Option<Finding> {
    if root {
        return None;
    }
    // A `kid` the issuer's own key set lacks is a rejection whatever key verified the token here
    // (a pasted one): the gateway has only the issuer's keys. HTTP API and REST JWT report it in
    // their kid check (`http_jwt::kid`).
    if let Some(miss) = kid_not_published(t, g, sources) {
        return matches!(g, Gw::Rest | Gw::Oidc).then_some(miss);
    }
    if t.verification.is_pending() {
        return Some(warns(GatewayCode::SignaturePending { gw: g }, sources));
    }
    match t.verification.verdict() {
        Verdict::Invalid => Some(fails(
            GatewayCode::SignatureInvalid {
                gw: g,
                short: t.verification.signature_cut_short(),
            },
            sources,
        )),
        // A `kid` only the keys given lack leaves the signature unchecked: they may not be the
        // issuer's, or (fetched before the token was issued) not yet hold a newer key.
        Verdict::Unverifiable => {
            let v = &t.verification;
            let kid = || v.kid_not_found().map(|k| k.chars().take(200).collect());
            let why = if v.signature_empty() {
                Unchecked::NoSignature
            } else if let Some(kid) = kid() {
                if v.kid_newer_than_fetch() {
                    Unchecked::KidNewerThanFetch(kid)
                } else {
                    Unchecked::KidNotGiven(kid)
                }
            } else {
                Unchecked::NoKeys
            };
            Some(warns(
                GatewayCode::SignatureUnchecked { gw: g, why },
                sources,
            ))
        }
        _ => None,
    }
}

/// G11 / H2 / J1c: the token's `kid` is not in the issuer's own key set (fetched for it, and
/// once more for the missing `kid`), so the issuer does not sign with that key.
pub(crate) fn kid_not_published(
    t: &TokenFacts,
    g: Gw,
    sources: &[&'static str],
) -> Option<Finding> {
    t.verification.kid_not_published().map(|kid| {
        fails(
            GatewayCode::KidNotInJwks {
                gw: g,
                kid: kid.chars().take(200).collect(),
            },
            sources,
        )
    })
}

/// Why a token is not a readable signed JWT, if it is not.
pub(crate) fn not_jwt(t: &TokenFacts) -> Option<NotJwt> {
    Some(match decodable(t)? {
        "jwe" if matches!(t.kind, TokenKind::Auth0Opaque) => NotJwt::Auth0Encrypted,
        "jwe" if matches!(t.kind, TokenKind::CognitoRefresh) => NotJwt::CognitoRefresh,
        "jwe" => NotJwt::Encrypted,
        "opaque" => NotJwt::Opaque,
        "malformed" => NotJwt::Malformed,
        _ => NotJwt::Undecodable,
    })
}

/// Expiry by the one time rule (RFC 7519 §4.1.4: `exp == now` is expired).
pub(crate) fn expired(claims: &Claims, g: Gw, now: i64, leeway: i64) -> Option<GatewayCode> {
    claims
        .expired_at(now, leeway)
        .map(|exp| GatewayCode::Expired {
            gw: g,
            exp,
            now,
            leeway,
        })
}

/// `nbf` by the one time rule (RFC 7519 §4.1.5).
pub(crate) fn not_yet_valid(claims: &Claims, g: Gw, now: i64, leeway: i64) -> Option<GatewayCode> {
    claims
        .not_yet_valid_until(now, leeway)
        .map(|nbf| GatewayCode::NotYetValid {
            gw: g,
            nbf,
            now,
            leeway,
        })
}

/// H6 / G12: what API Gateway's undocumented leeway leaves open. A time claim that fails with
/// no leeway but passes with the page's (`exp`; `nbf` and `iat` where the authorizer checks them,
/// `checks` = (nbf, iat)) cannot be called accepted; and a token with no numeric `exp` is
/// undocumented territory.
pub(crate) fn gateway_time_unknowns(
    claims: &Claims,
    g: Gw,
    (now, leeway): (i64, i64),
    (nbf_checked, iat_checked): (bool, bool),
    sources: &[&'static str],
) -> Vec<Finding> {
    let mut out = Vec::new();
    let within = |fails_at: &dyn Fn(i64) -> Option<i64>| {
        fails_at(0).filter(|_| leeway > 0 && fails_at(leeway).is_none())
    };
    let iat_ahead = |l: i64| issued_ahead(claims, now, l).filter(|_| iat_checked);
    let open = within(&|l| claims.expired_at(now, l))
        .map(|exp| ("exp", now.saturating_sub(exp)))
        .or_else(|| {
            within(&|l| claims.not_yet_valid_until(now, l).filter(|_| nbf_checked))
                .map(|nbf| ("nbf", nbf - now))
        })
        .or_else(|| within(&iat_ahead).map(|iat| ("iat", iat - now)));
    if let Some((claim, by)) = open {
        out.push(warns(
            GatewayCode::OnlyWithinLeeway { gw: g, claim, by },
            sources,
        ));
    }
    if claims.exp.present().is_none() {
        out.push(warns(GatewayCode::NoExp { gw: g }, sources));
    }
    out
}

/// H6 (HTTP API): `iat` in seconds when it is later than `now + leeway`.
pub(crate) fn issued_ahead(claims: &Claims, now: i64, leeway: i64) -> Option<i64> {
    claims
        .iat
        .present()
        .map(|d| d.secs)
        .filter(|&iat| iat > now.saturating_add(leeway.max(0)))
}

/// H3 / §2b: an issuer API Gateway cannot use. It fetches the issuer's discovery document and
/// keys from the public internet, so a loopback, private-network or single-label host fails
/// every token (HTTP API and REST JWT); the REST JWT authorizer's issuer must moreover be an
/// absolute https URL. `want` is the configured issuer, else the token's `iss` (which the
/// configuration must equal). None when a root cause already explains the row.
pub(crate) fn issuer_not_public(
    claims: &Claims,
    want: Option<&str>,
    g: Gw,
    root: bool,
    sources: &[&'static str],
) -> Option<Finding> {
    if root {
        return None;
    }
    let issuer = want
        .or(claims.iss.present().map(String::as_str))
        .filter(|i| !i.is_empty() && !i.contains(char::is_whitespace))?;
    let unusable = |i: &str| {
        let https = i
            .get(..8)
            .is_some_and(|p| p.eq_ignore_ascii_case("https://"));
        let host = crate::issuer::url_host(i).map(|h| h.trim_end_matches('.').to_owned());
        (
            host.is_some_and(|h| private_host(&h)),
            g == Gw::RestJwt && !https,
        )
    };
    let (private, not_https) = unusable(issuer);
    // Only the issuer typed is unusable, and the token's own would do: the configuration is
    // at fault (§2b, H3), not the token.
    let fits = want
        .and(claims.iss.present())
        .filter(|iss| unusable(iss) == (false, false))
        .map(|iss| iss.chars().take(200).collect());
    (private || not_https).then(|| {
        fails(
            GatewayCode::IssuerNotPublic {
                gw: g,
                issuer: issuer.chars().take(200).collect(),
                private,
                fits,
            },
            sources,
        )
    })
}

/// A host the public internet cannot reach: loopback, RFC 1918 / link-local / ULA addresses,
/// `.local` / `.internal` names, or a single label (`keycloak`).
fn private_host(host: &str) -> bool {
    let octets: Vec<u8> = host.split('.').filter_map(|o| o.parse().ok()).collect();
    let v4 = octets.len() == 4 && host.split('.').count() == 4;
    let v6 = host.contains(':');
    crate::discovery::is_loopback(host)
        || (v4
            && matches!(
                octets[..],
                [10, ..] | [192, 168, ..] | [169, 254, ..] | [0, ..]
            ))
        || (v4 && matches!(octets[..], [172, b, ..] if (16..32).contains(&b)))
        || (v6 && ["fe80:", "fc", "fd"].iter().any(|p| host.starts_with(p)))
        || host.ends_with(".local")
        || host.ends_with(".internal")
        || (!host.contains('.') && !v6)
}

/// The exact-issuer check shared by the HTTP API and REST JWT authorizers and OIDC (H4, J1).
pub(crate) fn exact_issuer(
    claims: &Claims,
    want: Option<&str>,
    g: Gw,
    root: bool,
    sources: &[&'static str],
) -> Option<Finding> {
    // Provider-specific sources only where they speak of this token: Auth0's trailing-slash
    // issue for Auth0 issuers or a slash difference, Cognito's issuer reference for user pools.
    let iss = claims.iss.present().map_or("", String::as_str);
    let slash_only =
        want.is_some_and(|w| w != iss && w.trim_end_matches('/') == iss.trim_end_matches('/'));
    let picked: Vec<&'static str> = sources
        .iter()
        .copied()
        .filter(|s| match *s {
            "A0-ISS" => iss.contains(".auth0.com") || slash_only,
            "COG-ISSUER" => iss.contains("cognito-idp."),
            _ => true,
        })
        .collect();
    let sources = picked.as_slice();
    match (claims.iss.present(), want) {
        (None, _) => Some(fails(GatewayCode::IssuerMissing { gw: g }, sources)),
        // The form keeps text it could not read as an issuer (a note sits beside the field):
        // an issuer never contains whitespace, so this is not a configuration to compare with.
        (Some(_), Some(want)) if want.is_empty() || want.chars().any(char::is_whitespace) => {
            Some(warns(
                GatewayCode::IssuerUnreadable {
                    gw: g,
                    text: want.chars().take(200).collect(),
                },
                sources,
            ))
        }
        // A root cause (the token is the wrong kind) is the answer: no issuer to reconfigure.
        (Some(iss), Some(want)) if iss != want && !root => Some(fails(
            GatewayCode::IssuerMismatch {
                gw: g,
                found: iss.clone(),
                expected: want.to_owned(),
                diff: IssuerDiff::between(iss, want),
            },
            sources,
        )),
        (Some(iss), None) if !root => Some(gw(
            GatewayCode::IssuerAssumed {
                gw: g,
                issuer: iss.clone(),
            },
            Severity::Info,
            Status::Confirmed,
            sources,
        )),
        _ => None,
    }
}

/// The last occurrence of a claim (registered or not) as raw JSON.
pub(crate) fn raw_claim(claims: &Claims, name: &str) -> Option<Value> {
    // Registered claims live in fields; others (in order, duplicates kept) in `others`.
    let reg = |f: &crate::jose::Field<String>| match f {
        crate::jose::Field::Present(s) => Some(Value::String(s.as_str().into())),
        crate::jose::Field::Malformed(v) => Some(v.clone()),
        crate::jose::Field::Absent => None,
    };
    match name {
        "iss" => reg(&claims.iss),
        "sub" => reg(&claims.sub),
        "jti" => reg(&claims.jti),
        "aud" => match &claims.aud {
            crate::jose::Field::Present(a) => Some(match a {
                crate::jose::Audience::One(s) => Value::String(s.as_str().into()),
                crate::jose::Audience::Many(v) => Value::Array(std::rc::Rc::new(
                    v.iter().map(|s| Value::String(s.as_str().into())).collect(),
                )),
            }),
            crate::jose::Field::Malformed(v) => Some(v.clone()),
            crate::jose::Field::Absent => None,
        },
        _ => claims
            .others()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone()),
    }
}

/// A string claim (registered or not).
pub(crate) fn str_claim(claims: &Claims, name: &str) -> Option<String> {
    crate::diagnose::claims::access::claim_str(claims, name).map(str::to_owned)
}

/// Cognito's `token_use`, read the way aws-jwt-verify reads it (`id` or `access` only).
pub(crate) fn token_use_of(claims: &Claims) -> Option<TokenUse> {
    crate::diagnose::claims::token_use(claims)
}

/// A space-separated string claim split into items (`scope`); `None` when absent or not a
/// string.
pub(crate) fn space_list(claims: &Claims, name: &str) -> Option<Vec<String>> {
    str_claim(claims, name).map(|s| s.split_whitespace().map(str::to_owned).collect())
}

/// A string-or-array claim (`scp`, `cognito:groups`) as items.
pub(crate) fn string_or_array(claims: &Claims, name: &str) -> Option<Vec<String>> {
    match raw_claim(claims, name)? {
        Value::String(s) => Some(s.split_whitespace().map(str::to_owned).collect()),
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
        ),
        _ => None,
    }
}

/// True when the candidate is a compact JWS with a JSON payload.
pub(crate) fn decodable(t: &TokenFacts) -> Option<&'static str> {
    match t.candidate.shape {
        Shape::Jwe => Some("jwe"),
        Shape::Opaque => Some("opaque"),
        Shape::Jws if t.claims.is_none() || t.header.is_none() => Some("undecodable"),
        Shape::Jws => match t.verification.verdict() {
            Verdict::Malformed => Some("malformed"),
            _ => None,
        },
    }
}

/// `a` shares at least one item with `b` (linear: one side is hashed).
pub(crate) fn overlaps(a: &[String], b: &[String]) -> bool {
    let set: std::collections::HashSet<&str> = b.iter().map(String::as_str).collect();
    a.iter().any(|x| set.contains(x.as_str()))
}
