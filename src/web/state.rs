//! Page state: one [`Action`] enum and a reducer. Derived data (candidates, decoded views,
//! verification) is memoised from this state, never stored beside it.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::Reducible;

use crate::discovery::{Fetched, Outcome, Why};
use crate::jose::jwk::SecretEncoding;
use crate::presets::Parsed as ParsedPresets;
use crate::share::{Mode, Shared};

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
    /// Every request the app itself made, in order.
    pub network: Vec<NetEntry>,
    /// The share link mode chosen.
    pub share_mode: Mode,
    /// Why the link the page was opened with could not be used.
    pub link_error: Option<String>,
    /// The organisation's presets, when `tokenlens.config.json` was found.
    pub presets: Option<Rc<ParsedPresets>>,
    /// Why the presets file could not be loaded (it exists but is unreadable).
    pub presets_error: Option<String>,
    /// The preset profile applied last.
    pub preset: Option<String>,
    /// The user asked to keep the gateway settings on this device.
    pub remember: bool,
    /// Requests already made automatically (each at most once).
    pub auto_fetched: Vec<String>,
}

/// One request the app made, for the network log.
#[derive(Debug, Clone, PartialEq)]
pub struct NetEntry {
    /// Its number, unique for the page's life.
    pub id: u32,
    /// When it started, as text.
    pub at: String,
    /// The URL.
    pub url: String,
    /// Why it was made.
    pub why: Why,
    /// What came of it (`None` while under way).
    pub outcome: Option<Outcome>,
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
    /// The app started a request.
    NetStarted(NetEntry),
    /// A request finished: (its id, outcome).
    NetFinished(u32, Outcome),
    /// The share mode changed.
    SetShareMode(Mode),
    /// The page was opened with a share link.
    Restore(Rc<Shared>),
    /// The page was opened with a link it cannot use.
    LinkError(String),
    /// The presets file was read.
    PresetsLoaded(Rc<ParsedPresets>),
    /// The presets file exists but could not be read.
    PresetsError(String),
    /// Apply a preset profile's fields: (name, fields, JWKS URL).
    ApplyPreset(String, Vec<(&'static str, String)>, Option<String>),
    /// Settings kept on this device were read: (fields, JWKS URL).
    Remembered(Vec<(&'static str, String)>, String),
    /// The "remember" choice changed.
    SetRemember(bool),
    /// An automatic request is about to be made for this key.
    AutoFetching(String),
    /// Forget everything: back to a fresh page.
    Forget,
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
            Action::NetStarted(entry) => next.network.push(entry),
            Action::SetShareMode(mode) => next.share_mode = mode,
            Action::Restore(shared) => {
                next.text = shared.token.clone().unwrap_or_default();
                next.selected = shared.selected;
                next.keys_text = shared.keys_public.clone().unwrap_or_default();
                next.jwks_url = shared.jwks_url.clone().unwrap_or_default();
                next.fields = shared
                    .fields
                    .iter()
                    .filter_map(|(id, value)| field_id(id).map(|id| (id, value.clone())))
                    .collect();
                next.link_error = None;
            }
            Action::LinkError(message) => next.link_error = Some(message),
            Action::PresetsLoaded(presets) => next.presets = Some(presets),
            Action::PresetsError(message) => next.presets_error = Some(message),
            Action::ApplyPreset(name, fields, jwks_url) => {
                next.fields.extend(fields);
                if let Some(url) = jwks_url {
                    next.jwks_url = url;
                }
                next.preset = Some(name);
            }
            Action::Remembered(fields, jwks_url) => {
                next.fields.extend(fields);
                next.jwks_url = jwks_url;
                next.remember = true;
            }
            Action::SetRemember(on) => next.remember = on,
            Action::AutoFetching(key) => next.auto_fetched.push(key),
            Action::Forget => {
                let network = std::mem::take(&mut next.network);
                next = State {
                    network,
                    presets: next.presets.clone(),
                    ..State::default()
                };
            }
            Action::NetFinished(id, outcome) => {
                if let Some(entry) = next.network.iter_mut().find(|e| e.id == id) {
                    entry.outcome = Some(outcome);
                }
            }
        }
        Rc::new(next)
    }
}

/// The known form field id equal to `id` (link and storage contents are untrusted text).
pub fn field_id(id: &str) -> Option<&'static str> {
    crate::presets::field_id(id)
}
