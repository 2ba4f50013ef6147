//! Page state: one [`Action`] enum and a reducer. Derived data (candidates, decoded views,
//! verification) is memoised from this state, never stored beside it.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::Reducible;

use crate::discovery::Fetched;
use crate::jose::jwk::SecretEncoding;

/// What the user has entered and chosen, and what was fetched at their request.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    /// The paste area's text, exactly as typed.
    pub text: String,
    /// Index of the chosen candidate.
    pub selected: usize,
    /// The keys paste area's text, exactly as typed.
    pub keys_text: String,
    /// How a pasted HMAC secret is read.
    pub secret_encoding: SecretEncoding,
    /// The JWKS URL field.
    pub jwks_url: String,
    /// The fetch under way, by number and URL.
    pub loading: Option<(u32, String)>,
    /// The last finished fetch.
    pub fetched: Option<Rc<Fetched>>,
    /// Number of the last fetch started; answers to older ones are dropped.
    pub fetch_seq: u32,
    /// The header member (`jku`/`x5u`) whose fetch warning is showing.
    pub armed_header_url: Option<&'static str>,
    /// The gateway description form, by field id, exactly as typed.
    pub fields: BTreeMap<&'static str, String>,
    /// What the gateway answered, as pasted.
    pub response_text: String,
}

/// Every change the page can make to [`State`].
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The paste area changed.
    SetText(String),
    /// The user picked a candidate.
    Select(usize),
    /// The keys paste area changed.
    SetKeysText(String),
    /// The HMAC secret encoding changed.
    SetSecretEncoding(SecretEncoding),
    /// The JWKS URL field changed.
    SetJwksUrl(String),
    /// A fetch started.
    FetchStarted {
        /// Its number.
        seq: u32,
        /// The first URL it asks for.
        url: String,
    },
    /// A fetch finished.
    FetchFinished {
        /// Its number.
        seq: u32,
        /// What came back.
        fetched: Rc<Fetched>,
    },
    /// The user asked to fetch a header URL: show the warning first.
    ArmHeaderUrl(&'static str),
    /// A gateway description field changed.
    SetField(&'static str, String),
    /// The gateway answer field changed.
    SetResponse(String),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetText(text) if text == self.text => return self,
            Action::SetText(text) => {
                next.text = text;
                next.selected = 0;
                next.armed_header_url = None;
            }
            Action::Select(selected) => {
                next.selected = selected;
                next.armed_header_url = None;
            }
            Action::SetKeysText(text) => next.keys_text = text,
            Action::SetSecretEncoding(encoding) => next.secret_encoding = encoding,
            Action::SetJwksUrl(url) => next.jwks_url = url,
            Action::FetchStarted { seq, url } => {
                next.fetch_seq = seq;
                next.loading = Some((seq, url));
                next.armed_header_url = None;
            }
            Action::FetchFinished { seq, fetched } => {
                if seq != self.fetch_seq {
                    return self;
                }
                next.loading = None;
                next.fetched = Some(fetched);
            }
            Action::ArmHeaderUrl(member) => next.armed_header_url = Some(member),
            Action::SetField(id, value) => {
                next.fields.insert(id, value);
            }
            Action::SetResponse(text) => next.response_text = text,
        }
        Rc::new(next)
    }
}
