//! Page state: one [`Action`] enum and a reducer. Derived data (candidates, decoded views,
//! verification) is memoised from this state, never stored beside it.

use std::rc::Rc;

use yew::Reducible;

use crate::diagnose::profiles::Profile;
use crate::discovery::{Fetched, Outcome, Why};
use crate::inspect::Fields;
use crate::jose::jwk::SecretEncoding;
use crate::presets::Parsed as ParsedPresets;
use crate::share::{Mode, Opening, Shared};

/// The colour scheme the user chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow the system setting.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// Every theme, in switch order.
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// Stable name (for `data-theme` and storage).
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The theme named `name` (storage contents are untrusted text).
    pub fn from_name(name: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.as_str() == name)
    }

    /// The switch's label.
    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }
}

/// What the user has entered and chosen, and what was fetched at their request.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    /// The paste area's text, exactly as typed; shared, never copied (a paste can be 1 MiB, and
    /// the state is cloned on every action).
    pub text: Rc<String>,
    /// The candidate the user picked; `None` lets the recommended one (or the first) show.
    pub selected: Option<usize>,
    /// The demo is showing (first load with nothing in the address, or asked for).
    pub demo: bool,
    /// The demo is judged at its fixed instant, inside its tokens' lifetime.
    pub demo_clock: bool,
    /// Where the user sends the token (`None`: not sure, show all).
    pub gateway: Option<Profile>,
    /// `gateway` is the demo's (REST + Cognito), not the user's choice: it holds only while a
    /// pasted token is a Cognito user pool's (`web::app`); for other tokens the page shows all.
    pub gateway_is_demos: bool,
    /// The colour scheme.
    pub theme: Theme,
    /// Two candidates compared side by side.
    pub compare: Option<(usize, usize)>,
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
    pub fields: Fields,
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
    /// The presets file was read, is absent or failed: until then nothing is fetched without a
    /// click, so an organisation's "only when I click" cannot be overtaken by a quick paste.
    pub presets_settled: bool,
    /// The preset profile applied last.
    pub preset: Option<String>,
    /// The user asked to keep the gateway settings on this device.
    pub remember: bool,
    /// Requests already made automatically (each at most once).
    pub auto_fetched: Vec<String>,
    /// The text came from the address the page was opened with (a share link, `#id_token=`):
    /// nothing is fetched by itself until the user has seen it (`fetch_policy`).
    pub from_link: bool,
    /// The token has been on screen for a visible moment (or the user interacted).
    pub seen: bool,
    /// "Fetch keys only when I click".
    pub only_on_click: bool,
    /// The user set the switch (now or, remembered, earlier): the presets' default no longer
    /// applies, and a remembering user keeps this choice.
    pub only_on_click_chosen: bool,
    /// The `iss` of the token the last fetch was made for: fetched keys check only that
    /// issuer's tokens (`fetch_policy::key_set_use`).
    pub fetched_for: Option<String>,
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
    SetText(Rc<String>),
    /// The user picked a candidate.
    Select(usize),
    /// Empty the paste (and everything that came from it).
    Clear,
    /// Show the demo.
    ShowDemo,
    /// Judge the demo at the real time.
    RealClock,
    /// The user said where the token goes (`None`: not sure).
    ChooseGateway(Option<Profile>),
    /// The colour scheme changed.
    SetTheme(Theme),
    /// Compare two candidates (`None`: stop comparing).
    Compare(Option<(usize, usize)>),
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
        /// The `iss` of the token it is made for.
        for_iss: Option<String>,
    },
    /// The token has been seen (a moment after it was first shown, or on an interaction).
    Seen,
    /// The "fetch keys only when I click" switch.
    SetOnlyOnClick(bool),
    /// The switch's setting kept on this device was read.
    RememberedOnlyOnClick(bool),
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
    /// `None`: no longer answered (a "No / Yes" question's "Yes" with nothing named yet).
    SetField(&'static str, Option<String>),
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
    /// There is no presets file (404, or no server to ask).
    PresetsAbsent,
    /// Apply a preset profile's fields: (name, fields, JWKS URL).
    ApplyPreset(String, Vec<(&'static str, String)>, Option<String>),
    /// Settings kept on this device were read: (fields, JWKS URL, theme).
    Remembered(Vec<(&'static str, String)>, String, Theme),
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
                next.from_link = false;
                next.forget_token_state();
            }
            Action::Seen => next.seen = true,
            Action::SetOnlyOnClick(on) | Action::RememberedOnlyOnClick(on) => {
                next.only_on_click = on;
                next.only_on_click_chosen = true;
            }
            Action::Select(selected) => {
                next.selected = Some(selected);
                next.armed_header_url = None;
            }
            Action::Clear => {
                next.text = Rc::default();
                next.response_text = String::new();
                next.link_error = None;
                next.forget_token_state();
            }
            Action::ShowDemo => {
                next.text = Rc::default();
                next.forget_token_state();
                next.demo = true;
                next.demo_clock = true;
                next.gateway = Some(Profile::RestCognito);
                next.gateway_is_demos = true;
            }
            Action::RealClock => next.demo_clock = false,
            Action::ChooseGateway(gateway) => {
                next.gateway = gateway;
                next.gateway_is_demos = false;
                next.selected = None;
            }
            Action::SetTheme(theme) => next.theme = theme,
            Action::Compare(pair) => next.compare = pair,
            Action::SetKeysText(text) => next.keys_text = text,
            Action::SetSecretEncoding(encoding) => next.secret_encoding = encoding,
            Action::SetJwksUrl(url) => next.jwks_url = url,
            Action::FetchStarted { seq, url, for_iss } => {
                next.fetch_seq = seq;
                next.fetched_for = for_iss;
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
            Action::SetField(id, Some(value)) => {
                next.fields.insert(id, value);
            }
            Action::SetField(id, None) => {
                next.fields.remove(id);
            }
            Action::SetResponse(text) => next.response_text = text,
            Action::NetStarted(entry) => next.network.push(entry),
            Action::SetShareMode(mode) => next.share_mode = mode,
            Action::Restore(shared) => {
                next.text = Rc::new(shared.token.clone().unwrap_or_default());
                next.selected = Some(shared.selected);
                next.demo = false;
                next.keys_text = shared.keys_public.clone().unwrap_or_default();
                next.jwks_url = shared.jwks_url.clone().unwrap_or_default();
                // Inserted one by one: a repeated id, the last wins.
                next.fields = Fields::new();
                for (id, value) in &shared.fields {
                    if let Some(id) = field_id(id) {
                        next.fields.insert(id, value.clone());
                    } else if id == GATEWAY_FIELD {
                        next.gateway = crate::presets::gateway(value);
                    }
                }
                next.gateway_is_demos = false;
                next.link_error = None;
            }
            Action::LinkError(message) => {
                next.link_error = Some(message);
                next.demo = false;
            }
            Action::PresetsLoaded(presets) => {
                if !next.only_on_click_chosen {
                    next.only_on_click = presets.presets.fetch_keys_only_on_click;
                }
                next.presets = Some(presets);
                next.presets_settled = true;
            }
            Action::PresetsError(message) => {
                next.presets_error = Some(message);
                next.presets_settled = true;
            }
            Action::PresetsAbsent => next.presets_settled = true,
            Action::ApplyPreset(name, fields, jwks_url) => {
                next.fields.extend(fields);
                if let Some(url) = jwks_url {
                    next.jwks_url = url;
                }
                next.preset = Some(name);
            }
            Action::Remembered(fields, jwks_url, theme) => {
                next.fields.extend(fields);
                next.jwks_url = jwks_url;
                next.theme = theme;
                next.remember = true;
            }
            Action::SetRemember(on) => next.remember = on,
            Action::AutoFetching(key) => next.auto_fetched.push(key),
            Action::Forget => {
                let network = std::mem::take(&mut next.network);
                next = State {
                    network,
                    only_on_click: next
                        .presets
                        .as_ref()
                        .is_some_and(|p| p.presets.fetch_keys_only_on_click),
                    presets: next.presets.clone(),
                    ..State::opened(Opening::Fresh)
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

impl State {
    /// The page as the address it was opened at leaves it (see [`crate::share::opening`]): the
    /// demo only for a fresh start, so a link or a pasted redirect never paints the demo first.
    pub fn opened(opening: Opening) -> State {
        let fresh = State::default();
        match opening {
            // An anchor (`#section-2`) is neither a link nor a paste: a fresh page, with the
            // demo as the Demo button shows it.
            Opening::Fresh | Opening::Ignore => fresh.reduce_now(Action::ShowDemo),
            Opening::Restore(shared) => State {
                from_link: true,
                ..fresh.reduce_now(Action::Restore(Rc::new(*shared)))
            },
            Opening::Paste(text) => State {
                text: Rc::new(text),
                from_link: true,
                ..fresh
            },
            Opening::Unusable(e) => State {
                link_error: Some(crate::explain::share::share_error(&e)),
                ..fresh
            },
        }
    }

    fn reduce_now(self, action: Action) -> State {
        (*Rc::new(self).reduce(action)).clone()
    }

    /// A new paste: what belonged to the previous token goes (selection, a failed fetch, the
    /// header-URL warning, the demo, the comparison).
    fn forget_token_state(&mut self) {
        self.selected = None;
        self.armed_header_url = None;
        self.demo = false;
        self.compare = None;
        if self.fetched.as_ref().is_some_and(|f| f.result.is_err()) {
            self.fetched = None;
        }
    }
}

/// The link field that carries the gateway chosen on the answer panel (its presets name).
pub const GATEWAY_FIELD: &str = "gateway";

/// The known form field id equal to `id` (link and storage contents are untrusted text).
pub fn field_id(id: &str) -> Option<&'static str> {
    crate::presets::field_id(id)
}
