//! A share link in one mode, ready to show.

use crate::explain;

/// A share link in one mode, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareView {
    /// The link.
    pub link: String,
    /// Its length in characters.
    pub length: String,
    /// Where common tools truncate links this long.
    pub length_warning: Option<String>,
    /// What the link leaves out, and why.
    pub dropped: Vec<String>,
}

/// Builds the share link for the page at `base` (its current address).
pub fn share_view(
    input: &crate::share::ShareInput,
    mode: crate::share::Mode,
    base: &str,
) -> ShareView {
    let encoded = crate::share::encode(input, mode);
    let link = crate::share::link(base, &encoded.fragment);
    let len = link.chars().count();
    let mut dropped: Vec<String> = encoded
        .dropped
        .iter()
        .map(explain::share::dropped)
        .collect();
    if let Some(query) = crate::share::dropped_query(base) {
        dropped.push(explain::share::dropped(&query));
    }
    ShareView {
        length: explain::share::length(len),
        length_warning: crate::share::length_warning(len)
            .map(|w| explain::share::length_warning(&w)),
        dropped,
        link,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `{"alg":"HS256","typ":"JWT"}` . `{"sub":"a","exp":1700000000,"big":12345678901234567890123}`
    const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\
        eyJzdWIiOiJhIiwiZXhwIjoxNzAwMDAwMDAwLCJiaWciOjEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzfQ.c2ln";

    #[test]
    fn a_share_link_lives_in_the_fragment_and_says_what_it_left_out() {
        let input = crate::share::ShareInput {
            text: TOKEN.to_owned(),
            selected: 0,
            keys_text: "my-hmac-secret".to_owned(),
            secret_encoding: crate::jose::jwk::SecretEncoding::Text,
            jwks_url: String::new(),
            fields: vec![("leeway".to_owned(), "5".to_owned())],
        };
        let view = share_view(
            &input,
            crate::share::Mode::FullToken,
            "https://tools.example/tl/?x=1#old",
        );
        assert!(
            view.link.starts_with("https://tools.example/tl/#"),
            "{}",
            view.link
        );
        assert!(!view.link.contains("my-hmac-secret"));
        assert!(!view.dropped.is_empty());
    }
}
