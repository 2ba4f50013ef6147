//! Carrying out a [`KeysRequest`]: which URLs are asked in which order (discovery, the key
//! set, one refetch for a missing `kid`, a Cognito pool's other issuer form), through the
//! shell's `get`. Judges nothing itself (`judge`) and never names the browser.

use super::{
    check_url, cognito, cognito_jwks_urls, judge_discovery, judge_jwks, judge_x5u, plan_for_issuer,
    FetchFailure, FetchProblem, Fetched, KeysError, KeysPlan, KeysRequest, Response, UrlProblem,
    Why,
};
use crate::jose::jwk::KeySet;

/// Carries out a [`KeysRequest`] with `get` (the shell's fetch): discovery when needed, then
/// the key set, fetched once more if it lacks `kid`. For a Cognito issuer, the pool's key set
/// in the token's own issuer form, then (if that one answered but gave no keys) in the other
/// form. Every URL passes [`check_url`] first.
pub async fn fetch_keys<F, Fut>(request: KeysRequest, kid: Option<&str>, get: F) -> Fetched
where
    F: Fn(String, Why) -> Fut,
    Fut: std::future::Future<Output = Result<Response, FetchFailure>>,
{
    let mut fetched = Fetched {
        request: request.clone(),
        url: String::new(),
        redirected_from: None,
        result: Err(KeysError::Url(UrlProblem::Empty)),
        refetched: false,
        issuer_mismatch: None,
        also_failed: Vec::new(),
    };
    let urls: Vec<String> = match &request {
        KeysRequest::JwksUrl(url) | KeysRequest::HeaderJku(url) => vec![url.trim().to_owned()],
        KeysRequest::HeaderX5u(url) => {
            let url = url.trim().to_owned();
            fetched.url = url.clone();
            if let Err(p) = check_url(&url) {
                fetched.result = Err(KeysError::Url(p));
                return fetched;
            }
            let outcome = get(url.clone(), Why::Certificates).await;
            let to = redirect_of(&outcome);
            fetched.result = judge_x5u(&url, outcome);
            note_redirect(&mut fetched, &url, to);
            return fetched;
        }
        KeysRequest::Issuer(iss) => match plan_for_issuer(iss) {
            Err(p) => {
                fetched.url = iss.clone();
                fetched.result = Err(KeysError::Url(p));
                return fetched;
            }
            Ok(KeysPlan::CognitoJwks { jwks_url }) => {
                cognito_jwks_urls(iss).map_or_else(|| vec![jwks_url], Vec::from)
            }
            Ok(KeysPlan::Discovery { config_url }) => {
                match judge_discovery(
                    &config_url,
                    iss,
                    get(config_url.clone(), Why::Discovery).await,
                ) {
                    Err(p) => {
                        fetched.url = config_url;
                        fetched.result = Err(KeysError::Fetch(p));
                        return fetched;
                    }
                    Ok(found) => {
                        fetched.issuer_mismatch = found.issuer_mismatch;
                        vec![found.jwks_uri]
                    }
                }
            }
        },
    };
    // The first URL's failure is the one reported; later URLs' failures are listed beside it.
    let mut first_error: Option<(String, KeysError, bool)> = None;
    for url in urls {
        let attempt = fetch_jwks(&url, kid, &get).await;
        match attempt.result {
            Ok(mut set) => {
                // The issuer's own keys only when found from `iss` itself: a URL typed (or taken
                // from a preset or link) may be any environment's, a `jku` anyone's.
                set.issuers = matches!(request, KeysRequest::Issuer(_));
                fetched
                    .also_failed
                    .extend(first_error.take().map(|(u, e, _)| (u, e)));
                fetched.url = attempt.url;
                fetched.redirected_from = attempt.redirected_from;
                fetched.refetched = attempt.refetched;
                fetched.result = Ok(set);
                return fetched;
            }
            Err(e) => {
                // The other form of a Cognito pool is worth asking only when this one answered:
                // with no answer at all (network, CORS, timeout, the page's policy), the same
                // service's other host would only keep the user waiting and make one more request.
                let answered = !matches!(
                    e,
                    KeysError::Url(_)
                        | KeysError::Fetch(
                            FetchProblem::NetworkOrCors { .. }
                                | FetchProblem::Timeout { .. }
                                | FetchProblem::Refused { .. }
                        )
                );
                if first_error.is_none() {
                    first_error = Some((attempt.url, e, attempt.refetched));
                } else {
                    fetched.also_failed.push((attempt.url, e));
                }
                if !answered {
                    break;
                }
            }
        }
    }
    if let Some((url, error, refetched)) = first_error {
        fetched.url = url;
        fetched.result = Err(error);
        fetched.refetched = refetched;
    }
    fetched
}

/// One key set URL fetched (and fetched once more if it lacks `kid`).
struct Attempt {
    url: String,
    redirected_from: Option<String>,
    result: Result<KeySet, KeysError>,
    refetched: bool,
}

async fn fetch_jwks<F, Fut>(url: &str, kid: Option<&str>, get: &F) -> Attempt
where
    F: Fn(String, Why) -> Fut,
    Fut: std::future::Future<Output = Result<Response, FetchFailure>>,
{
    let mut attempt = Attempt {
        url: url.to_owned(),
        redirected_from: None,
        result: Err(KeysError::Url(UrlProblem::Empty)),
        refetched: false,
    };
    if let Err(p) = check_url(url) {
        attempt.result = Err(KeysError::Url(p));
        return attempt;
    }
    let judged = |outcome: Result<Response, FetchFailure>| {
        let to = redirect_of(&outcome);
        let result = judge_jwks(url, outcome).map_err(|e| match e {
            KeysError::Fetch(FetchProblem::Status { status: 403, .. })
                if cognito::is_updated_jwks_url(url) =>
            {
                KeysError::Fetch(FetchProblem::UpdatedIssuerForbidden {
                    url: url.to_owned(),
                })
            }
            e => e,
        });
        (result, to)
    };
    let (mut result, mut to) = judged(get(url.to_owned(), Why::KeySet).await);
    let lacks_kid = |set: &KeySet| {
        kid.is_some_and(|kid| !set.keys.iter().any(|k| k.kid.as_deref() == Some(kid)))
    };
    if result.as_ref().is_ok_and(lacks_kid) {
        attempt.refetched = true;
        (result, to) = judged(get(url.to_owned(), Why::KeySetAgain).await);
    }
    attempt.result = result;
    if let (Ok(_), Some(to)) = (&attempt.result, to) {
        attempt.redirected_from = Some(std::mem::replace(&mut attempt.url, to));
    }
    attempt
}

fn redirect_of(outcome: &Result<Response, FetchFailure>) -> Option<String> {
    outcome.as_ref().ok().and_then(|r| r.redirected_to.clone())
}

fn note_redirect(fetched: &mut Fetched, asked: &str, to: Option<String>) {
    if let (Ok(_), Some(to)) = (&fetched.result, to) {
        fetched.url = to;
        fetched.redirected_from = Some(asked.to_owned());
    }
}
