//! The diagnosis panel's data: token findings by stage, one row per gateway profile, which token
//! to send, and what a pasted gateway answer says.

use crate::diagnose;
use crate::diagnose::config::Target;
use crate::diagnose::finding::Finding;
use crate::diagnose::profiles::{Profile, ProfileVerdict};
use crate::explain;
use crate::input::Extraction;
use crate::jose::jwk::KeySet;

use super::Overview;

/// The diagnosis panel's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagnosisView {
    /// Token-level findings grouped by stage, in stage order.
    pub stages: Vec<StageView>,
    /// One row per gateway profile.
    pub profiles: Vec<ProfileView>,
    /// With several tokens: which to send, per profile.
    pub choices: Vec<ChoiceView>,
}

/// One stage's findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageView {
    /// For `data-stage`.
    pub id: &'static str,
    /// Heading.
    pub title: &'static str,
    /// Its findings.
    pub findings: Vec<FindingView>,
}

/// One finding, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingView {
    /// Stable code.
    pub code: &'static str,
    /// `info`, `warning`, `error`.
    pub severity: &'static str,
    /// What was seen (REPORTED knowledge is worded "likely").
    pub text: String,
    /// How to fix it, when there is something to do.
    pub fix: Option<String>,
    /// What in the token or configuration shows it, one line each.
    pub evidence: Vec<String>,
    /// Primary sources: (title, URL).
    pub links: Vec<(&'static str, &'static str)>,
}

/// One gateway profile's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileView {
    /// For `data-profile`.
    pub id: &'static str,
    /// Its name.
    pub name: &'static str,
    /// `accept`, `reject` or `cannot-tell`.
    pub verdict: &'static str,
    /// HTTP status of a rejection.
    pub status: Option<u16>,
    /// The verdict in a sentence.
    pub line: String,
    /// The findings it rests on.
    pub findings: Vec<FindingView>,
}

/// One "which token do I send" answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceView {
    /// For `data-profile`.
    pub profile: &'static str,
    /// The label of the token to send, or empty.
    pub send: String,
    /// The answer, with why the others fail.
    pub text: String,
}

/// What was read from a pasted gateway answer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResponseView {
    /// The status line read, if any.
    pub status: Option<String>,
    /// Causes.
    pub findings: Vec<FindingView>,
    /// It says the token sent had expired: REST's `The incoming token has expired` (R7), or an
    /// HTTP API `error_description` naming the expiry (H9).
    pub says_expired: bool,
}

/// Diagnoses the selected candidate against the keys and the described gateway.
pub fn diagnosis_view(
    overview: &Overview,
    facts: &[diagnose::Facts],
    selected: usize,
    keys: &[&KeySet],
    target: &Target,
    now: i64,
    leeway: i64,
) -> Option<DiagnosisView> {
    let candidates = &overview.extraction.candidates;
    let e = diagnose::Expectations {
        keys,
        target,
        now,
        leeway,
    };
    let d = diagnose::diagnose_facts(candidates, facts, selected, &e)?;
    let mut stages: Vec<StageView> = Vec::new();
    for f in &d.findings {
        let view = finding_view(f, explain::message(f), explain::fix(f));
        let id = explain::diagnosis::stage_id(f.stage);
        match stages.last_mut() {
            Some(stage) if stage.id == id => stage.findings.push(view),
            _ => stages.push(StageView {
                id,
                title: explain::diagnosis::stage_title(f.stage),
                findings: vec![view],
            }),
        }
    }
    let profiles = d
        .profiles
        .iter()
        .map(|r| ProfileView {
            id: profile_id(r.profile),
            name: explain::profiles::profile_name(r.profile),
            verdict: match r.verdict {
                ProfileVerdict::Accept => "accept",
                ProfileVerdict::Reject { .. } => "reject",
                ProfileVerdict::CannotTell { .. } => "cannot-tell",
            },
            status: match r.verdict {
                ProfileVerdict::Reject { status, .. } => Some(status),
                _ => None,
            },
            line: explain::profiles::verdict_line(r),
            findings: r
                .findings
                .iter()
                .map(|f| finding_view(f, explain::profiles::message(f), explain::profiles::fix(f)))
                .collect(),
        })
        .collect();
    let names: Vec<String> = overview
        .candidates
        .iter()
        .map(|c| c.label.clone())
        .collect();
    let choices = d
        .choices
        .iter()
        .map(|c| ChoiceView {
            profile: profile_id(c.profile),
            send: c
                .send
                .and_then(|i| names.get(i).cloned())
                .unwrap_or_default(),
            text: explain::profiles::choice_line(c, &names),
        })
        .collect();
    Some(DiagnosisView {
        stages,
        profiles,
        choices,
    })
}

/// Reads what the gateway answered.
pub fn response_view(text: &str) -> ResponseView {
    response_view_for(text, None)
}

/// Reads what the gateway answered, as the named gateway would have meant it
/// ([`explain::response::for_gateway`]).
pub fn response_view_for(text: &str, gateway: Option<Profile>) -> ResponseView {
    if text.trim().is_empty() {
        return ResponseView::default();
    }
    let reading = diagnose::response::read_response(text);
    let says_expired = reading.findings.iter().any(|f| {
        matches!(
            &f.code,
            diagnose::finding::Code::Response(
                diagnose::response::ResponseCode::TokenExpired { .. }
                    | diagnose::response::ResponseCode::InvalidToken {
                        claim: diagnose::response::NamedClaim::Expiry,
                        ..
                    }
            )
        )
    });
    ResponseView {
        says_expired,
        status: reading.status.map(|s| match &reading.body_message {
            Some(m) => format!("HTTP {s}: {m}"),
            None => format!("HTTP {s}"),
        }),
        findings: reading
            .findings
            .iter()
            .map(|f| {
                let named = match (&f.code, gateway) {
                    (diagnose::finding::Code::Response(code), Some(g)) => {
                        explain::response::for_gateway(code, g)
                    }
                    _ => None,
                };
                if let Some(r) = named {
                    let mut v = finding_view(f, r.meaning.to_owned(), Some(r.fix.to_owned()));
                    if let Some(keys) = r.sources {
                        v.links = keys
                            .iter()
                            .filter_map(|k| explain::sources::link(k))
                            .collect();
                    }
                    return v;
                }
                let fix = explain::response::fix(f).map(str::to_owned);
                let mut text = explain::response::message(f);
                // Every answer that says nothing about the token is labelled the same way.
                if !diagnose::response::is_token_problem(f.code.as_str())
                    && !text.to_ascii_lowercase().contains("not a token problem")
                {
                    text = format!("Not a token problem: {text}");
                }
                finding_view(f, text, fix)
            })
            .collect(),
    }
}

/// The paste read as a gateway's answer, as the page shows it beside the paste's tokens. A
/// paste without tokens is an answer when it says anything. A paste holding tokens is one when
/// it has a status (a `curl -v`, a status line), or when the text around its tokens says
/// something: a gateway's body quotes the token it was sent (the SigV4 parser's "'eyJ…' not a
/// valid key=value pair", `Authorization=eyJ…`), and that body is the answer, not the token. The
/// tokens' own text is not read for that (each is `<token>` there): a token alone, a Bearer
/// header or a sign-in response says nothing, and a 16 KB token is not searched for phrases on
/// every keystroke (140 µs). A paste over [`super::MAX_MARKED_BYTES`], whose tokens are not
/// marked, is an answer only with a status.
pub fn pasted_answer_view(
    text: &str,
    extraction: &Extraction,
    gateway: Option<Profile>,
) -> ResponseView {
    if extraction.candidates.is_empty() {
        return shown_beside_tokens(response_view_for(text, gateway), false);
    }
    if let Some(answer) = har_answer(text) {
        return shown_beside_tokens(response_view_for(&answer, gateway), true);
    }
    if diagnose::response::status_of(text).is_some() {
        return shown_beside_tokens(response_view_for(text, gateway), true);
    }
    let marks = super::paste_marks(text, extraction);
    if marks.is_empty() {
        return ResponseView::default();
    }
    let around = around_tokens(text, &marks);
    if around.trim().is_empty() {
        return ResponseView::default();
    }
    shown_beside_tokens(response_view_for(&around, gateway), false)
}

/// A HAR's answer, written as the transcript the answer reader reads: the last entry that
/// answered 400 or more, with its status, headers and (unless base64) body. None for anything
/// else, or a HAR whose requests all succeeded.
fn har_answer(text: &str) -> Option<String> {
    use crate::jose::json::{JsonDoc, Value};
    if !text.trim_start().starts_with('{') || !text.contains("\"entries\"") {
        return None;
    }
    let doc = JsonDoc::parse(text).ok()?;
    let entries = doc.value.get("log")?.get("entries")?.as_array()?;
    let status = |r: &Value| match r.get("status") {
        Some(Value::Number(n)) => n.as_str().parse::<u16>().ok(),
        _ => None,
    };
    let (response, code) = entries
        .iter()
        .rev()
        .filter_map(|e| e.get("response"))
        .find_map(|r| status(r).filter(|&c| c >= 400).map(|c| (r, c)))?;
    let field = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    let mut out = format!("HTTP/1.1 {code}\n");
    for h in response
        .get("headers")
        .and_then(Value::as_array)
        .unwrap_or_default()
    {
        if let (Some(name), Some(value)) = (field(h, "name"), field(h, "value")) {
            out.push_str(&format!("{name}: {value}\n"));
        }
    }
    out.push('\n');
    let content = response.get("content");
    if content.and_then(|c| field(c, "encoding")).is_none() {
        out.push_str(&content.and_then(|c| field(c, "text")).unwrap_or_default());
    }
    Some(out)
}

/// `text` with every marked token written `<token>` (a token's marked segments and the dots
/// between them are one token).
fn around_tokens(text: &str, marks: &[super::PasteMark]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for (i, m) in marks.iter().enumerate() {
        let before = text.get(at..m.start).unwrap_or_default();
        // Only dots since the last segment: the same token.
        let same_token = i > 0 && before.bytes().all(|b| b == b'.');
        if !same_token {
            out.push_str(before);
            out.push_str("<token>");
        }
        at = m.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}

/// A reading of the paste as the page shows it: kept when it has a status, or (without tokens)
/// when it says anything; otherwise nothing.
fn shown_beside_tokens(view: ResponseView, has_tokens: bool) -> ResponseView {
    let says_something = view.status.is_some() || (!has_tokens && !view.findings.is_empty());
    if says_something {
        view
    } else {
        ResponseView::default()
    }
}

pub fn profile_id(p: Profile) -> &'static str {
    match p {
        Profile::RestCognito => "rest-cognito",
        Profile::RestTestAuthorizer => "rest-test-authorizer",
        Profile::RestJwt => "rest-jwt",
        Profile::HttpJwt => "http-jwt",
        Profile::LambdaAjv => "lambda-ajv",
        Profile::Oidc => "oidc",
    }
}

pub(super) fn finding_view(f: &Finding, text: String, fix: Option<String>) -> FindingView {
    FindingView {
        code: f.code.as_str(),
        severity: match f.severity {
            diagnose::finding::Severity::Info => "info",
            diagnose::finding::Severity::Warning => "warning",
            diagnose::finding::Severity::Error => "error",
        },
        text,
        fix,
        evidence: crate::explain::answer::evidence_lines(f),
        links: f
            .sources
            .iter()
            .filter_map(|k| explain::sources::link(k))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspect::*;

    #[test]
    fn the_demo_access_token_is_rejected_by_a_rest_method_without_scopes_and_says_likely_where_reported(
    ) {
        let demo = include_str!("../../static/demo/authentication-result.json");
        let keys = crate::jose::jwk::parse_jwks(include_bytes!("../../static/demo/jwks.json"))
            .expect("demo keys");
        let overview = overview(demo);
        let (target, notes) = target(&Fields::new());
        assert!(notes.is_empty());
        // 2026-01-15T09:30Z: both demo tokens are within their hour.
        let facts = diagnose::facts_of_all(&overview.extraction.candidates, &[&keys]);
        let view = diagnosis_view(&overview, &facts, 0, &[&keys], &target, 1_768_469_400, 0)
            .expect("a diagnosis");
        let rest = view
            .profiles
            .iter()
            .find(|p| p.id == "rest-cognito")
            .expect("REST row");
        assert_eq!((rest.verdict, rest.status), ("reject", Some(401)));
        // The banner's signature check is the one the facts hold (verified once, not twice).
        assert_eq!(
            selected_verification(&overview, &facts, 0).map(|v| v.verdict),
            Some("valid")
        );
        assert!(rest
            .findings
            .iter()
            .any(|f| f.code == "rest_access_token_on_method_without_scopes"));
        let choices: Vec<(&str, &str)> = view
            .choices
            .iter()
            .map(|c| (c.profile, c.send.as_str()))
            .collect();
        assert!(choices
            .iter()
            .any(|(p, send)| *p == "rest-cognito" && send.contains("IdToken")));
        // Every finding shown links a source, and REPORTED knowledge reads "likely".
        let d = diagnose::diagnose(
            &overview.extraction.candidates,
            0,
            &diagnose::Expectations {
                keys: &[&keys],
                target: &target,
                now: 1_768_469_400,
                leeway: 0,
            },
        )
        .expect("a diagnosis");
        for r in &d.profiles {
            for f in &r.findings {
                let text = explain::profiles::message(f);
                assert!(
                    f.status == crate::diagnose::finding::Status::Confirmed
                        || text.contains("likely"),
                    "{}: {text}",
                    f.code.as_str()
                );
            }
        }
        assert!(view
            .profiles
            .iter()
            .flat_map(|p| &p.findings)
            .all(|f| !f.links.is_empty()));
    }

    #[test]
    fn the_paste_is_an_answer_beside_its_tokens_with_a_status_or_in_the_text_around_them() {
        const TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
        let view = |text: &str| pasted_answer_view(text, &overview(text).extraction, None);
        let codes = |v: &ResponseView| v.findings.iter().map(|f| f.code).collect::<Vec<_>>();
        // A token alone, in a header, in a sign-in response, in a curl command: no answer.
        for text in [
            TOKEN.to_owned(),
            format!("Authorization: Bearer {TOKEN}"),
            format!("{{\"AuthenticationResult\":{{\"IdToken\":\"{TOKEN}\",\"TokenType\":\"Bearer\"}}}}"),
            format!("curl -H 'Authorization: Bearer {TOKEN}' https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/items"),
        ] {
            assert_eq!(view(&text), ResponseView::default(), "{text}");
        }
        // With a status, the whole paste is read, as without tokens.
        for text in [
            format!("{TOKEN}\nHTTP/1.1 401 Unauthorized\n{{\"message\":\"Unauthorized\"}}"),
            format!("curl -H 'Authorization: {TOKEN}' …\n< HTTP/2 403\n< x-amzn-errortype: AccessDeniedException"),
        ] {
            let v = view(&text);
            assert!(v.status.is_some(), "{text}");
            assert_eq!(v, response_view(&text), "{text}");
        }
        // No status: the gateway's body quoting the token it was sent is read around the token.
        let sigv4 = format!(
            "{{\"message\":\"'{TOKEN}' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer {TOKEN}'.\"}}"
        );
        assert_eq!(codes(&view(&sigv4)), ["resp_sigv4_parsed_bearer"]);
        let bare = format!(
            "{{\"message\":\"Authorization header requires 'Credential' parameter. Authorization={TOKEN}\"}}"
        );
        assert_eq!(codes(&view(&bare)), ["resp_sigv4_bare_token"]);
        assert_eq!(
            codes(&view(&format!("{TOKEN} Missing Authentication Token"))),
            ["resp_missing_authentication_token"]
        );
        // Without tokens, anything it says.
        assert_eq!(
            codes(&view("Missing Authentication Token")),
            ["resp_missing_authentication_token"]
        );
        assert_eq!(view("nothing to see"), ResponseView::default());
        assert_eq!(view(""), ResponseView::default());
    }

    #[test]
    fn a_har_s_failed_answer_is_read_as_its_transcript() {
        // A review pasted a HAR (a valid ID token sent, the stage's 401) and the page showed a
        // plain "accepted": the answer is in JSON members, not in a transcript's lines.
        const TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
        let view = |text: &str| pasted_answer_view(text, &overview(text).extraction, None);
        let entry = |status: u16, body: &str| {
            format!(
                "{{\"request\":{{\"method\":\"GET\",\"url\":\"https://abc123.execute-api.eu-west-1.amazonaws.com/prod/orders\",\"headers\":[{{\"name\":\"Authorization\",\"value\":\"{TOKEN}\"}}]}},\"response\":{{\"status\":{status},\"headers\":[{{\"name\":\"x-amzn-errortype\",\"value\":\"UnauthorizedException\"}}],\"content\":{{\"text\":\"{body}\"}}}}}}"
            )
        };
        let har = |entries: &[String]| {
            format!(
                "{{\"log\":{{\"version\":\"1.2\",\"entries\":[{}]}}}}",
                entries.join(",")
            )
        };
        let unauthorized = entry(401, "{\\\"message\\\":\\\"Unauthorized\\\"}");
        let v = view(&har(std::slice::from_ref(&unauthorized)));
        assert_eq!(v.status.as_deref(), Some("HTTP 401: Unauthorized"), "{v:?}");
        assert_eq!(v, response_view("HTTP/1.1 401\nx-amzn-errortype: UnauthorizedException\n\n{\"message\":\"Unauthorized\"}"));
        // The last failed entry, after a success; a HAR whose requests all succeeded says nothing.
        let ok = entry(200, "[]");
        assert_eq!(view(&har(&[unauthorized, ok.clone()])), v);
        assert_eq!(view(&har(&[ok])), ResponseView::default());
    }

    #[test]
    fn the_text_around_tokens_names_each_token_once() {
        const TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
        const OTHER: &str = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ5In0.c2lnbmF0dXJm";
        let around = |text: &str| {
            let marks = super::super::paste_marks(text, &overview(text).extraction);
            around_tokens(text, &marks)
        };
        assert_eq!(
            around(&format!("a '{TOKEN}' b: 'Bearer {OTHER}'.")),
            "a '<token>' b: 'Bearer <token>'."
        );
        // The same token again is one candidate, marked once: its repeat is read as text.
        assert_eq!(
            around(&format!("'{TOKEN}' x 'Bearer {TOKEN}'")),
            format!("'<token>' x 'Bearer {TOKEN}'")
        );
        // An empty payload: the two dots between header and signature are the token's own.
        assert_eq!(around("eyJhbGciOiJSUzI1NiJ9..c2lnbmF0dXJl x"), "<token> x");
    }

    #[test]
    fn a_bare_403_and_the_audience_header_are_read_as_the_chosen_gateway_means_them() {
        // R3 / R22: the Cognito authorizer never answers 403 for a token; H10 / §1b: on an HTTP
        // API a 403 is likely a route scope, and API keys, WAF and private APIs are REST-only.
        let forbidden = "HTTP/2 403\n\n{\"message\":\"Forbidden\"}";
        let first = |v: ResponseView| {
            v.findings
                .first()
                .map(|f| f.text.clone())
                .unwrap_or_default()
        };
        let rest = first(response_view_for(forbidden, Some(Profile::RestCognito)));
        assert!(rest.starts_with("Likely not a token problem"), "{rest}");
        assert!(rest.contains("API key"), "{rest}");
        // C8: the layers are listed, not ranked (no source says which is most common).
        assert!(!rest.contains("most often"), "{rest}");
        // R22 is REST's: with the HTTP API chosen, ForbiddenException is not an API-key verdict.
        let key = "HTTP/2 403\nx-amzn-errortype: ForbiddenException\n\n{\"message\":\"Forbidden\"}";
        let on_rest = first(response_view_for(key, Some(Profile::RestCognito)));
        assert!(on_rest.contains("API-key check"), "{on_rest}");
        let on_http = first(response_view_for(key, Some(Profile::HttpJwt)));
        assert!(
            on_http.starts_with("Likely a route scope") && on_http.contains("no API keys"),
            "{on_http}"
        );
        let fix = response_view_for(key, Some(Profile::HttpJwt))
            .findings
            .first()
            .and_then(|f| f.fix.clone())
            .unwrap_or_default();
        assert!(!fix.contains("x-api-key"), "{fix}");
        // §9, C12: a Lambda authorizer's deny read with the Cognito authorizer chosen says the
        // method called uses another authorizer (hedged), not only what the policy means.
        let deny = "HTTP/1.1 403 Forbidden\n\n{\"message\":\"User is not authorized to access this resource\"}";
        let on_cognito = first(response_view_for(deny, Some(Profile::RestCognito)));
        assert!(
            on_cognito.contains("likely uses a Lambda authorizer"),
            "{on_cognito}"
        );
        assert!(!first(response_view(deny)).contains("likely uses a Lambda authorizer"));
        // C12, L4: an implicit deny is hedged (the policy may follow the token's claims) and
        // never blamed on an explicit Deny, which AWS words differently; and the other way round.
        for text in [on_cognito.clone(), first(response_view(deny))] {
            assert!(text.starts_with("Likely not a token problem"), "{text}");
            assert!(!text.contains("explicit"), "{text}");
        }
        let explicit = first(response_view_for(
            "{\"message\":\"User is not authorized to access this resource with an explicit deny\"}",
            Some(Profile::RestCognito),
        ));
        assert!(
            explicit.contains("explicit Deny") && !explicit.contains("cached"),
            "{explicit}"
        );
        // Each its own fix: the cache is the implicit deny's (L5), the logs the explicit one's.
        let fix_of = |text: &str| {
            response_view_for(text, Some(Profile::RestCognito))
                .findings
                .first()
                .and_then(|f| f.fix.clone())
                .unwrap_or_default()
        };
        let explicit_fix = fix_of(
            "{\"message\":\"User is not authorized to access this resource with an explicit deny\"}",
        );
        assert!(
            explicit_fix.contains("logs") && !explicit_fix.contains("cache"),
            "{explicit_fix}"
        );
        assert!(fix_of(deny).contains("cache"), "{}", fix_of(deny));
        let http = first(response_view_for(forbidden, Some(Profile::HttpJwt)));
        assert!(
            http.contains("route scope") && http.contains("REST-only"),
            "{http}"
        );
        let general = first(response_view_for(forbidden, None));
        assert_eq!(general, first(response_view(forbidden)));
        assert!(
            general.contains("Likely one of several layers"),
            "{general}"
        );
        let aud = "www-authenticate: Bearer scope=\"\" error=\"invalid_token\" error_description=\"the token does not have a valid audience\"";
        let on_rest = first(response_view_for(aud, Some(Profile::RestCognito)));
        assert!(on_rest.contains("comes from a JWT authorizer"), "{on_rest}");
        let on_http = first(response_view_for(aud, Some(Profile::HttpJwt)));
        assert!(
            !on_http.contains("comes from a JWT authorizer"),
            "{on_http}"
        );
    }

    #[test]
    fn a_bare_401_names_what_the_chosen_authorizer_may_have_deployed_differently() {
        // §1 quick lookup (user pool, method scopes, validation regex) is the Cognito
        // authorizer's; an HTTP API's JWT authorizer has an issuer, an audience list and an
        // identity source (H4, H5, §9: a 401 without www-authenticate found no token), and its
        // keys may be cached (H15); a REST JWT authorizer adds the algorithm allow-list (J1).
        let unauthorized = "HTTP/2 401\n\n{\"message\":\"Unauthorized\"}";
        let first = |g| {
            response_view_for(unauthorized, g)
                .findings
                .first()
                .map(|f| (f.text.clone(), f.fix.clone().unwrap_or_default()))
                .unwrap_or_default()
        };
        let (rest, rest_fix) = first(Some(Profile::RestCognito));
        assert!(rest_fix.contains("user pool"), "{rest} / {rest_fix}");
        let (http, http_fix) = first(Some(Profile::HttpJwt));
        let http_all = format!("{http} {http_fix}");
        for word in [
            "audience list",
            "issuer",
            "identity source",
            "www-authenticate",
        ] {
            assert!(http_all.contains(word), "{word}: {http_all}");
        }
        assert!(!http_all.contains("user pool"), "{http_all}");
        let links = response_view_for(unauthorized, Some(Profile::HttpJwt)).findings[0]
            .links
            .clone();
        assert!(
            links.iter().all(|(title, _)| !title.contains("user pool")),
            "{links:?}"
        );
        let (jwt, jwt_fix) = first(Some(Profile::RestJwt));
        let jwt_all = format!("{jwt} {jwt_fix}");
        assert!(jwt.starts_with("Likely"), "{jwt}");
        assert!(jwt_all.contains("algorithms"), "{jwt_all}");
        assert!(!jwt_all.contains("user pool"), "{jwt_all}");
    }

    #[test]
    fn a_gateway_answer_is_read_into_causes() {
        let view = response_view(
            "HTTP/1.1 403 Forbidden\n\n{\"message\":\"Missing Authentication Token\"}",
        );
        assert!(view
            .findings
            .iter()
            .any(|f| f.code == "resp_missing_authentication_token"));
        assert!(view.status.is_some_and(|s| s.contains("403")));
        let cors = response_view("TypeError: Failed to fetch");
        assert!(cors
            .findings
            .iter()
            .all(|f| f.text.to_lowercase().contains("not a token problem")));
        assert_eq!(response_view("  "), ResponseView::default());
    }
}
