//! Which URLs the page may fetch, and whether two URLs share an origin. Pure string work: no
//! URL is resolved or requested here.

use super::UrlProblem;

/// Checks a URL the user typed (or a `jwks_uri`) before it is fetched: `https://`, or
/// `http://` to this machine only (local test servers).
pub fn check_url(url: &str) -> Result<(), UrlProblem> {
    let url = url.trim();
    if url.is_empty() {
        return Err(UrlProblem::Empty);
    }
    let lower = url.to_ascii_lowercase();
    let (rest, secure) = if let Some(rest) = lower.strip_prefix("https://") {
        (rest, true)
    } else if let Some(rest) = lower.strip_prefix("http://") {
        (rest, false)
    } else {
        return Err(UrlProblem::NotHttpUrl {
            value: url.to_owned(),
        });
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host_of(authority);
    if host.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(UrlProblem::NotHttpUrl {
            value: url.to_owned(),
        });
    }
    if !secure && !is_loopback(host) {
        return Err(UrlProblem::PlainHttp {
            value: url.to_owned(),
        });
    }
    Ok(())
}

fn host_of(authority: &str) -> &str {
    let after_user = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if let Some(v6) = after_user.strip_prefix('[') {
        return v6.split_once(']').map_or("", |(h, _)| h);
    }
    after_user.split_once(':').map_or(after_user, |(h, _)| h)
}

/// True for `localhost`, `127.0.0.0/8` and `::1`.
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    if host == "localhost" || host == "::1" || host.ends_with(".localhost") {
        return true;
    }
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets.first() == Some(&"127")
        && octets
            .iter()
            .all(|o| !o.is_empty() && o.len() <= 3 && o.parse::<u8>().is_ok())
}

/// The origin of an `http(s)://` URL (RFC 6454 §4): scheme, lower-case host, and port with the
/// scheme's default written out; `None` for anything else.
pub fn origin(url: &str) -> Option<(String, String, u16)> {
    let url = url.trim();
    let (scheme, rest, default) = match url.split_once("://")? {
        (s, rest) if s.eq_ignore_ascii_case("https") => ("https", rest, 443),
        (s, rest) if s.eq_ignore_ascii_case("http") => ("http", rest, 80),
        _ => return None,
    };
    let authority = rest.split(['/', '?', '#', '\\']).next()?;
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = match authority.strip_prefix('[') {
        Some(v6) => {
            let (host, after) = v6.split_once(']')?;
            (host, after.strip_prefix(':'))
        }
        None => match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    let port = match port {
        None | Some("") => default,
        Some(p) => p.parse().ok()?,
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    (!host.is_empty()).then(|| (scheme.to_owned(), host, port))
}

/// True when both URLs have the same origin (scheme, host and port).
pub fn same_origin(a: &str, b: &str) -> bool {
    matches!((origin(a), origin(b)), (Some(x), Some(y)) if x == y)
}
