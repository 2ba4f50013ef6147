//! The page's address: the fragment a share link carries, and the base to build links on.

/// The fragment without `#` (empty when there is none).
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_owned())
        .unwrap_or_default()
}

/// `relative` resolved against the page's address (its directory), for logging and fetching.
pub fn resolve(relative: &str) -> String {
    let href = href();
    let base = href.split(['#', '?']).next().unwrap_or_default();
    match base.rfind('/') {
        Some(slash) => format!("{}{relative}", base.get(..=slash).unwrap_or_default()),
        None => relative.to_owned(),
    }
}

/// The page's full address.
pub fn href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}
