use std::cell::{Cell, RefCell};
use std::rc::Rc;

use yew::prelude::*;

use super::components::answer_card::AnswerCard;
use super::components::candidate_picker::CandidatePicker;
use super::components::compare_view::ComparePanel;
use super::components::diagnosis_panel::DiagnosisPanel;
use super::components::gateway_chooser::GatewayChooser;
use super::components::header_urls::HeaderUrls;
use super::components::keys_panel::KeysPanel;
use super::components::network_log::NetworkLog;
use super::components::paste_area::PasteArea;
use super::components::privacy_bar::PrivacyBar;
use super::components::share_panel::SharePanel;
use super::components::theme_switch::theme_switch;
use super::components::token_matrix::TokenMatrix;
use super::components::token_strip::token_strip;
use super::components::token_view::TokenView;
use super::components::verdict_panel::VerdictPanel;
use super::hooks::auto_fetch::use_auto_fetch;
use super::hooks::clock::use_now;
use super::hooks::key_fetch::{self, use_key_fetch};
use super::hooks::network_log::use_network_log;
use super::hooks::remember::{use_remember, use_settings};
use super::hooks::reveal::use_revealed;
use super::hooks::startup::use_startup;
use super::hooks::theme::use_theme;
use super::hooks::verify::{self as verify_hook, use_verified, Second};
use super::state::{Action, State};
use super::{clock, location, Same};
use crate::diagnose::{self, config, Expectations};
use crate::explain;
use crate::fetch_policy;
use crate::inspect;
use crate::jose::jwk::{self, KeySet, SecretEncoding};
use crate::share::{self, ShareInput};

/// The demo: a Cognito sign-in response signed by the demo key set in `static/demo/`, judged at
/// [`inspect::DEMO_NOW`] for a REST method without scopes, so a newcomer sees the classic case.
const DEMO: &str = include_str!("../../static/demo/authentication-result.json");
const DEMO_KEYS: &str = include_str!("../../static/demo/jwks.json");

type Dispatcher = UseReducerDispatcher<State>;

fn make_callback<T: 'static>(d: &Dispatcher, make: fn(T) -> Action) -> Callback<T> {
    let d = d.clone();
    Callback::from(move |value: T| d.dispatch(make(value)))
}

fn make_signal(d: &Dispatcher, action: Action) -> Callback<()> {
    let d = d.clone();
    Callback::from(move |()| d.dispatch(action.clone()))
}

/// The callbacks that only dispatch an action, made once per page: a component is re-rendered
/// when its props differ, and a callback made afresh in every render always differs (before,
/// every keystroke rebuilt and compared the whole page, the gateway form included, twice).
struct On {
    /// What the last render planned signature checks with, for [`paste_callback`].
    plan_keys: Rc<RefCell<PlanKeys>>,
    theme: Callback<super::state::Theme>,
    text: Callback<Rc<String>>,
    clear: Callback<()>,
    demo: Callback<()>,
    real_clock: Callback<MouseEvent>,
    gateway: Callback<Option<diagnose::profiles::Profile>>,
    select: Callback<usize>,
    only_on_click: Callback<Event>,
    field: Callback<(&'static str, String)>,
    /// The answer card's questions: `None` unanswers one.
    answer: Callback<(&'static str, Option<String>)>,
    response: Callback<String>,
    keys_text: Callback<String>,
    secret_encoding: Callback<SecretEncoding>,
    jwks_url: Callback<String>,
    pair: Callback<Option<(usize, usize)>>,
    share_mode: Callback<share::Mode>,
    arm: Callback<&'static str>,
}

impl On {
    fn new(d: &Dispatcher) -> On {
        let only = d.clone();
        let plan_keys = Rc::new(RefCell::new(PlanKeys::default()));
        // Counts the paste box's changes; Clear and Demo count too, so a paste still being
        // checked when either is pressed never lands over them.
        let edits = Rc::new(Cell::new(0u64));
        let counted = |cb: Callback<()>| {
            let edits = edits.clone();
            Callback::from(move |()| {
                edits.set(edits.get() + 1);
                cb.emit(())
            })
        };
        On {
            theme: make_callback(d, Action::SetTheme),
            text: paste_callback(d, edits.clone(), plan_keys.clone()),
            clear: counted(make_signal(d, Action::Clear)),
            demo: counted(make_signal(d, Action::ShowDemo)),
            plan_keys,
            real_clock: make_signal(d, Action::RealClock).reform(|_: MouseEvent| ()),
            gateway: make_callback(d, Action::ChooseGateway),
            select: make_callback(d, Action::Select),
            only_on_click: Callback::from(move |e: Event| {
                only.dispatch(Action::SetOnlyOnClick(
                    e.target_unchecked_into::<web_sys::HtmlInputElement>()
                        .checked(),
                ))
            }),
            field: make_callback(d, |(id, value)| Action::SetField(id, Some(value))),
            answer: make_callback(d, |(id, value)| Action::SetField(id, value)),
            response: make_callback(d, Action::SetResponse),
            keys_text: make_callback(d, Action::SetKeysText),
            secret_encoding: make_callback(d, Action::SetSecretEncoding),
            jwks_url: make_callback(d, Action::SetJwksUrl),
            pair: make_callback(d, Action::Compare),
            share_mode: make_callback(d, Action::SetShareMode),
            arm: make_callback(d, Action::ArmHeaderUrl),
        }
    }
}

/// The preset names and the problems of the presets file, for the settings bar.
fn presets_shown(state: &State) -> (Vec<AttrValue>, Vec<AttrValue>) {
    let names = state
        .presets
        .as_ref()
        .map(|p| {
            p.presets
                .profiles
                .iter()
                .map(|p| AttrValue::from(p.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let problems = state
        .presets
        .as_ref()
        .map(|p| {
            p.problems
                .iter()
                .map(|x| AttrValue::from(explain::presets::problem(x)))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
        .into_iter()
        .chain(state.presets_error.clone().map(AttrValue::from))
        .collect();
    (names, problems)
}

/// Every candidate's facts with its signature checks planned: against the key sets every
/// token may use, and the fetched set where the token's issuer may use it
/// (`fetch_policy::key_set_use`).
fn planned_of(
    overview: &inspect::Overview,
    sets: &[KeySet],
    fetched: Option<&KeySet>,
    fetched_for: Option<&str>,
) -> diagnose::Planned {
    let keys_for = |iss: Option<&str>| {
        let mut keys: Vec<&KeySet> = sets.iter().collect();
        if fetch_policy::key_set_use(fetched_for, iss).may_use() {
            keys.extend(fetched);
        }
        keys
    };
    diagnose::facts_of_all_planned_with(&overview.extraction.candidates, &keys_for)
}

/// A text's candidates found and, when there are at most [`verify_hook::EAGER`], their
/// signature checks planned (the render then starts them all): what the render of that text
/// needs first. Made before that render, for its checks to be made before it
/// ([`verify_hook::when_checked`]), and taken by it instead of doing the work again.
struct Handed {
    text: Rc<String>,
    overview: Option<inspect::Overview>,
    planned: Option<diagnose::Planned>,
    /// The keys it was planned with.
    keys: PlanKeys,
}

impl Handed {
    fn new(text: Rc<String>, keys: PlanKeys) -> Handed {
        let overview = inspect::overview(&text);
        let planned = (overview.extraction.candidates.len() <= verify_hook::EAGER).then(|| {
            planned_of(
                &overview,
                &keys.sets,
                keys.fetched_set(),
                keys.fetched_for.as_deref(),
            )
        });
        Handed {
            text,
            overview: Some(overview),
            planned,
            keys,
        }
    }

    /// The checks to make before the render.
    fn plans(&self) -> Vec<crate::verify::Plan> {
        self.planned
            .as_ref()
            .map(|p| p.plans.clone())
            .unwrap_or_default()
    }
}

thread_local! {
    /// The page's opening state, read from the address by [`opening_plans`] for the first
    /// render to take.
    static OPENED: RefCell<Option<State>> = const { RefCell::new(None) };
    /// The newest text found and planned before its render ([`opening_plans`], the paste box's
    /// callback), until that render takes it.
    static HANDED: RefCell<Option<Handed>> = const { RefCell::new(None) };
}

/// What was handed on for `text`, if anything (matched by content: the opening state's text
/// is read again by the first render).
fn take_handed(text: &Rc<String>) -> Option<Handed> {
    HANDED.with(|h| h.borrow_mut().take_if(|h| h.text == *text))
}

/// The signature checks the first render will plan: the demo's against the demo keys on a
/// fresh page; a link's or a pasted address's candidates against its pasted keys (a link
/// carries no fetched keys). [`super::start`] makes them before mounting, so the first paint
/// shows the verdict, not "checking…"; the first render takes the state and the plans.
pub(super) fn opening_plans() -> Vec<crate::verify::Plan> {
    let state = State::opened(share::opening(&location::fragment(), &location::href()));
    let handed = if state.demo {
        let keys = PlanKeys::pasted(demo_keys().into_iter().collect());
        Some(Handed::new(demo_text(), keys))
    } else if state.from_link {
        let sets = jwk::parse_key_input(&state.keys_text, state.secret_encoding)
            .ok()
            .into_iter()
            .collect();
        Some(Handed::new(state.text.clone(), PlanKeys::pasted(sets)))
    } else {
        None
    };
    let plans = handed.as_ref().map(Handed::plans).unwrap_or_default();
    OPENED.with(|o| *o.borrow_mut() = Some(state));
    HANDED.with(|h| *h.borrow_mut() = handed);
    plans
}

/// The keys signature checks are planned with: those every token may use, and a fetched set
/// with the issuer it was fetched for (shared, not copied). The last render's are kept for the
/// paste box's callback.
#[derive(Default, Clone)]
struct PlanKeys {
    sets: Rc<Vec<KeySet>>,
    fetched: Option<Rc<crate::discovery::Fetched>>,
    fetched_for: Option<String>,
}

impl PlanKeys {
    /// Only key sets every token may use (nothing fetched).
    fn pasted(sets: Vec<KeySet>) -> PlanKeys {
        PlanKeys {
            sets: Rc::new(sets),
            ..PlanKeys::default()
        }
    }

    /// The fetched key set, when the fetch gave one.
    fn fetched_set(&self) -> Option<&KeySet> {
        self.fetched.as_ref().and_then(|f| f.result.as_ref().ok())
    }

    /// The same keys as these.
    fn same_as(
        &self,
        sets: &[KeySet],
        fetched: Option<&KeySet>,
        fetched_for: Option<&str>,
    ) -> bool {
        *self.sets == sets
            && self.fetched_set() == fetched
            && self.fetched_for.as_deref() == fetched_for
    }
}

/// Pastes up to this many bytes have their signature checks made before the page shows them;
/// a larger paste is shown at once, "checking…" first, rather than waiting on its checks.
const CHECK_FIRST_MAX: usize = 64 * 1024;

/// The paste box's text, passed to the page once its tokens' signature checks are made
/// (WebCrypto: well under a millisecond once its keys are imported), at the latest after
/// [`verify_hook::WAIT_MS`]: a paste or a keystroke then renders the page once, with the
/// verdict, instead of a "checking…" render, its frame, and a second render. The box itself
/// shows what was typed at once. Only the newest edit lands (`edits`).
fn paste_callback(
    d: &Dispatcher,
    edits: Rc<Cell<u64>>,
    keys: Rc<RefCell<PlanKeys>>,
) -> Callback<Rc<String>> {
    let d = d.clone();
    Callback::from(move |text: Rc<String>| {
        let edit = edits.get() + 1;
        edits.set(edit);
        let plans = if text.len() <= CHECK_FIRST_MAX {
            let handed = Handed::new(text.clone(), keys.borrow().clone());
            let plans = handed.plans();
            HANDED.with(|h| *h.borrow_mut() = Some(handed));
            plans
        } else {
            Vec::new()
        };
        if plans.iter().all(|p| p.attempts().is_empty()) {
            d.dispatch(Action::SetText(text));
            return;
        }
        let (d, edits) = (d.clone(), edits.clone());
        verify_hook::when_checked(plans, move || {
            if edits.get() == edit {
                d.dispatch(Action::SetText(text));
            }
        });
    })
}

#[function_component(App)]
pub fn app() -> Html {
    // The address is read before the first render, so a link never paints the demo first.
    let opened_with_fragment = use_state(|| !location::fragment().is_empty());
    let state = use_reducer(|| {
        OPENED.with(|o| o.borrow_mut().take()).unwrap_or_else(|| {
            State::opened(share::opening(&location::fragment(), &location::href()))
        })
    });
    let on = use_memo(state.dispatcher(), On::new);
    let showing_demo = state.demo;
    let text: Rc<String> = if showing_demo {
        demo_text()
    } else {
        state.text.clone()
    };
    // Found (and planned) before this render when the text is new from the paste box or the
    // address: taken instead of doing it again.
    let mut handed = take_handed(&text);
    let overview = use_memo(text.clone(), |text| {
        handed
            .as_mut()
            .and_then(|h| h.overview.take())
            .unwrap_or_else(|| inspect::overview(text))
    });
    let marks = use_memo(
        (text.clone(), overview.clone(), showing_demo),
        |(text, o, demo)| {
            if *demo {
                Vec::new()
            } else {
                inspect::paste_marks(text, &o.extraction)
            }
        },
    );

    let real_now = use_now();
    let demo_clock = showing_demo && state.demo_clock;
    // Tokens are judged at this second, the claims table's clock, and re-judged as it ticks:
    // judged at the last multiple of five seconds instead, a token minted this second was
    // "issued in the future" (HTTP API, H6) and "not valid yet" for up to 4 s, and one expired a
    // second ago was still accepted. The answer and the diagnosis are remade each second; their
    // panels are rendered again only when what they show changed.
    let now = if demo_clock {
        inspect::DEMO_NOW
    } else {
        real_now
    };

    let pasted = use_memo(
        (state.keys_text.clone(), state.secret_encoding),
        |(text, enc)| jwk::parse_key_input(text, *enc),
    );
    let using_demo_keys =
        showing_demo && state.keys_text.trim().is_empty() && state.fetched.is_none();
    // Keys every token may use (pasted, the demo's); fetched keys belong to the issuer they
    // were fetched for and check only that issuer's tokens (`fetch_policy::key_set_use`).
    let key_sets = use_memo(
        (pasted.clone(), using_demo_keys),
        |(pasted, using_demo_keys)| {
            let mut sets: Vec<KeySet> = Vec::new();
            sets.extend(pasted.as_ref().as_ref().ok().cloned());
            if *using_demo_keys {
                sets.extend(demo_keys());
            }
            sets
        },
    );
    let fetched_keys: Option<KeySet> = state
        .fetched
        .as_ref()
        .and_then(|f| f.result.as_ref().ok())
        .cloned();
    let leeway = config::read_seconds(state.fields.get("leeway").map(String::as_str).unwrap_or(""))
        .value
        .unwrap_or(0);

    // One paste box for everything: a gateway answer pasted there is answered too.
    // Read as the chosen gateway would have meant it (a bare 403 says different things).
    let pasted_answer = use_memo(
        (text.clone(), overview.clone(), state.gateway),
        |(text, overview, gateway)| {
            Rc::new(inspect::pasted_answer_view(
                text,
                &overview.extraction,
                *gateway,
            ))
        },
    );
    let response = use_memo(
        (state.response_text.clone(), state.gateway),
        |(text, gateway)| Rc::new(inspect::response_view_for(text, *gateway)),
    );
    let answer_response = if pasted_answer.findings.is_empty() {
        (*response).clone()
    } else {
        (*pasted_answer).clone()
    };
    // The form's target; the HTTP API's own audience answer (H5, §9) says its deployed list
    // lacks the token's audience, which every row then judges by.
    let target = use_memo(
        (
            state.fields.clone(),
            inspect::refuses_audience(&answer_response),
        ),
        |(fields, refused)| {
            let mut t = inspect::target(fields);
            t.0.http.audience_refused = *refused;
            t
        },
    );

    // Every candidate decoded, identified and its signature checks planned once per paste and
    // key set; the answer card and the diagnosis both judge these facts (time, gateway and
    // selection don't change them). The checks are started with WebCrypto by the render
    // (`start_verify`) and land after it, the selected candidate first; until then its verdict
    // is pending.
    let planned = use_memo(
        (
            overview.clone(),
            key_sets.clone(),
            fetched_keys.clone(),
            state.fetched_for.clone(),
        ),
        |(overview, sets, fetched, fetched_for)| {
            let (fetched, fetched_for) = (fetched.as_ref(), fetched_for.as_deref());
            // Only with the overview it was planned for, and the same keys.
            handed
                .take()
                .filter(|h| h.overview.is_none() && h.keys.same_as(sets, fetched, fetched_for))
                .and_then(|h| h.planned)
                .unwrap_or_else(|| planned_of(overview, sets, fetched, fetched_for))
        },
    );
    let verified = use_verified(planned);
    *on.plan_keys.borrow_mut() = PlanKeys {
        sets: key_sets.clone(),
        fetched: state.fetched.clone(),
        fetched_for: state.fetched_for.clone(),
    };
    let facts = verified.facts();
    // The demo's REST + Cognito stays for a Cognito user pool's tokens only: another issuer's
    // token would lead with "not a Cognito user pool" where the user looks first.
    let gateway = state.gateway.filter(|_| {
        !state.gateway_is_demos
            || facts.iter().any(|f| {
                matches!(
                    f.identity.issuer_kind,
                    Some(crate::diagnose::identity::IssuerKind::Cognito(_))
                )
            })
    });
    let answer = use_memo(
        (
            overview.clone(),
            Same(facts.clone()),
            state.selected.unwrap_or(0),
            key_sets.clone(),
            target.clone(),
            leeway,
            now,
            gateway,
            answer_response,
        ),
        |(overview, facts, selected, sets, target, leeway, now, gateway, response)| {
            let sets: Vec<&KeySet> = sets.iter().collect();
            let e = Expectations {
                keys: &sets,
                target: &target.0,
                now: *now,
                leeway: *leeway,
            };
            inspect::answer_view(overview, &facts.0, *selected, &e, *gateway, response)
        },
    );
    let selected = state
        .selected
        .or(answer.recommended)
        .unwrap_or(0)
        .min(overview.candidates.len().saturating_sub(1));
    let count = overview.extraction.candidates.len();
    let wanted: Vec<usize> = std::iter::once(selected)
        .chain((0..count).filter(|&i| count <= verify_hook::EAGER && i != selected))
        .collect();
    verify_hook::start_verify(&verified, &wanted);
    let engines = verified.engines(selected);
    // The panels below the answer wait until the selected token's verdict is painted.
    let revealed = use_revealed(count == 0 || engines.is_some());
    let second = verified.second(selected);
    // Made once per selected token (the store it writes to is the same for the page's life).
    let on_second_opinion = use_memo(selected, |&i| verified.on_second_opinion(i));
    // Decoded once per token, from the parse the facts keep; only the time cells follow the
    // clock.
    let parsed = facts.get(selected).and_then(|f| f.parsed.clone()).map(Same);
    let view = use_memo(
        (Same(overview.clone()), selected, parsed),
        |(overview, selected, parsed)| {
            let parsed = parsed.as_ref().map(|p| &*p.0);
            let candidate = overview.0.extraction.candidates.get(*selected)?;
            Some(Rc::new(inspect::decoded_view_of(candidate, parsed)))
        },
    );
    let times = use_memo(((*view).clone(), now), |(view, now)| {
        Rc::new(
            view.as_ref()
                .map(|v| inspect::claim_times(v, *now, &clock::local_offset_minutes))
                .unwrap_or_default(),
        )
    });
    let hints = use_memo((Same(facts.clone()), selected), |(facts, selected)| {
        facts.0.get(*selected).map(inspect::key_hints_of)
    });
    // The verdict beside the decoded token is in the first paint; the diagnosis panel is below
    // the answer, so it is made once the panels are shown (the first render does without it).
    let verdict = use_memo(
        (overview.clone(), Same(facts.clone()), selected),
        |(overview, facts, selected)| {
            inspect::selected_verification(overview, &facts.0, *selected).map(Rc::new)
        },
    );
    let diagnosis = use_memo(
        (
            revealed,
            overview.clone(),
            Same(facts.clone()),
            selected,
            key_sets.clone(),
            target.clone(),
            leeway,
            now,
        ),
        |(revealed, overview, facts, selected, sets, target, leeway, now)| {
            if !*revealed {
                return None;
            }
            let sets: Vec<&KeySet> = sets.iter().collect();
            inspect::diagnosis_view(
                overview, &facts.0, *selected, &sets, &target.0, *now, *leeway,
            )
            .map(Rc::new)
        },
    );
    let compare = use_memo((overview.clone(), state.compare), |(overview, pair)| {
        let (l, r) = (*pair)?;
        let candidates = &overview.extraction.candidates;
        Some(Rc::new(inspect::compare_view(
            candidates.get(l)?,
            &overview.label(l),
            candidates.get(r)?,
            &overview.label(r),
        )))
    });
    let fetch_view = use_memo(
        (state.loading.clone(), state.fetched.clone()),
        |(loading, fetched)| {
            inspect::fetch_view(
                loading.as_ref().map(|(_, url)| url.as_str()),
                fetched.as_deref(),
            )
            .map(Rc::new)
        },
    );

    let kid = hints.as_ref().as_ref().and_then(|h| h.kid.clone());
    let iss = hints.as_ref().as_ref().and_then(|h| h.iss.clone());
    let fetch = use_key_fetch(state.clone(), kid, iss.clone());
    use_startup(state.clone(), *opened_with_fragment, revealed);
    let auto_decision = use_auto_fetch(state.clone(), iss.clone(), showing_demo, fetch.clone());
    let keys_use = state
        .fetched
        .as_ref()
        .filter(|f| f.result.is_ok())
        .map(|_| fetch_policy::key_set_use(state.fetched_for.as_deref(), iss.as_deref()));
    // Keys were fetched for this token's issuer and the fetch failed (a fetch under way reads
    // "loading", not "error"):
    // "no key was given" alone would hide that the page tried. Some(whether Keys offers a
    // command to fetch them from a terminal).
    let keys_fetch_failed = fetch_view
        .as_ref()
        .as_ref()
        .filter(|v| v.state == "error")
        .filter(|_| {
            fetch_policy::key_set_use(state.fetched_for.as_deref(), iss.as_deref()).may_use()
        })
        .map(|v| v.curl.is_some());
    // Keys pasted that could not be read: why, beside the verdict and the line that waits.
    let keys_unread = pasted
        .as_ref()
        .as_ref()
        .err()
        .and_then(explain::keys::unread_beside_verdict)
        .map(AttrValue::from);
    use_remember(&state);
    use_theme(state.theme);

    let on_fetch = key_fetch::fetch_jwks_url(&fetch, state.jwks_url.trim());
    let on_discover = key_fetch::discover(&fetch, iss.clone());
    let on_confirm_header_url = key_fetch::fetch_header_url(
        &fetch,
        hints
            .as_ref()
            .as_ref()
            .map(|h| h.header_urls.clone())
            .unwrap_or_default(),
    );
    let settings = use_settings(&state);
    let network = use_network_log(&state);
    // Shown with the keys panel, below the answer.
    let pasted_view = use_memo((revealed, pasted.clone()), |(revealed, pasted)| {
        revealed.then(|| Rc::new(inspect::keys_view(pasted)))
    });
    // The link is remade when what it could carry changes; only a link carrying the token reads
    // the paste (to find the selected token in it), so the text is copied for nothing else.
    let share_view = use_memo(
        (
            revealed,
            state.text.clone(),
            selected,
            state.keys_text.clone(),
            state.secret_encoding,
            state.jwks_url.clone(),
            state.fields.clone(),
            gateway,
            state.share_mode,
        ),
        |(
            revealed,
            text,
            selected,
            keys_text,
            secret_encoding,
            jwks_url,
            fields,
            gateway,
            mode,
        )| {
            // Shown with the panels below the answer.
            if !*revealed {
                return None;
            }
            let input = ShareInput {
                text: if *mode == share::Mode::Config {
                    String::new()
                } else {
                    text.to_string()
                },
                selected: *selected,
                keys_text: keys_text.clone(),
                secret_encoding: *secret_encoding,
                jwks_url: jwks_url.clone(),
                // The gateway chosen on the answer panel travels with the form.
                fields: fields
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.clone()))
                    .chain(gateway.map(|p| {
                        (
                            super::state::GATEWAY_FIELD.to_owned(),
                            inspect::profile_id(p).to_owned(),
                        )
                    }))
                    .collect(),
            };
            Some(Rc::new(inspect::share_view(
                &input,
                *mode,
                &location::href(),
            )))
        },
    );
    let (preset_names, preset_problems) = presets_shown(&state);
    let discover = match hints.as_ref() {
        Some(h) => h
            .discover
            .clone()
            .map(AttrValue::from)
            .map_err(AttrValue::from),
        None => Err(AttrValue::from(explain::fetch::discover_unavailable())),
    };
    let nothing_found = overview
        .nothing_found
        .clone()
        .filter(|_| pasted_answer.findings.is_empty());
    // An empty paste's message is an invitation, which the answer card words its own way.
    let no_token = nothing_found
        .clone()
        .filter(|_| !state.text.trim().is_empty());
    let raw = (*view).as_ref().map(|v| v.raw.clone()).unwrap_or_default();
    let has_answer = !answer.lines.is_empty();
    let answer_rc: Rc<inspect::AnswerView> = answer.clone();

    html! {
        <>
            <a class="skip-link" href="#answer-heading">{ "Skip to the answer" }</a>
            <header class="top">
                <div class="brand">
                    <h1>{ "tokenlens" }</h1>
                    <p>{ "Which token to send, and why a gateway says 401 — decoded and checked in this page; the token never leaves it." }</p>
                </div>
                { theme_switch(state.theme, &on.theme) }
            </header>
            <main id="main">
                { apart(Box::new(|| html! {
                <section class="panel paste" aria-labelledby="paste-heading">
                    <h2 id="paste-heading" class="visually-hidden">{ "Paste" }</h2>
                    <PasteArea text={state.text.clone()} on_text={on.text.clone()}
                        on_clear={on.clear.clone()} on_demo={on.demo.clone()}
                        {showing_demo} marks={marks} />
                    if let Some(error) = &state.link_error {
                        <p class="note bad" role="alert" data-testid="link-error">{ error.clone() }</p>
                    }
                    if showing_demo {
                        <div class="note demo" data-testid="demo-note">
                            <p>{ "Demo: a Cognito sign-in response (ID, access and refresh token), sent to a REST API whose Cognito authorizer has no OAuth scopes. Paste your own above." }</p>
                            if demo_clock {
                                <p data-testid="demo-clock">{ inspect::demo_clock(now) }{ " " }
                                    <button type="button" class="copy" data-action="real-clock"
                                        onclick={on.real_clock.clone()}>{ "Judge at the real time" }</button>
                                </p>
                            }
                        </div>
                    }
                    if let Some(capped) = &overview.truncated {
                        <p class="note warn" role="status" data-testid="candidates-capped">{ capped.clone() }</p>
                    }
                    if let Some(message) = nothing_found {
                        <p class="note warn" role="status" data-testid="input-message">{ message }</p>
                    }
                </section>
                })) }
                <div class="right">
                    { apart(Box::new(|| html! {
                    <section class="panel answer-panel" aria-labelledby="answer-heading">
                        <h2 id="answer-heading" tabindex="-1">{ "The answer" }</h2>
                        <GatewayChooser gateway={gateway} fields={state.fields.clone()}
                            on_gateway={on.gateway.clone()} on_field={on.answer.clone()} />
                        if has_answer {
                            <AnswerCard view={answer_rc.clone()} {revealed} {keys_fetch_failed} keys_unread={keys_unread.clone()}>
                                <TokenMatrix view={answer_rc.clone()} {selected} on_select={on.select.clone()} />
                            </AnswerCard>
                        } else if let Some(message) = &no_token {
                            // Where the user looks first: what the paste is instead of a token.
                            <p class="note warn" data-testid="answer-empty">{ format!("No token to judge: {message}") }</p>
                        } else {
                            <p class="hint" data-testid="answer-empty">{ "Paste a token (or what the gateway answered) on the left: the answer shows here." }</p>
                        }
                        if let (Some(decision), false) = (&auto_decision, showing_demo) {
                            <div class="hint auto-fetch" data-testid="auto-fetch" data-decision={decision_kind(decision)}>
                                <p>
                                    { explain::fetch::decision(decision) }
                                    if let (fetch_policy::Decision::FetchNow(_), Some(url)) = (decision, state.auto_fetched.last()) {
                                        { " " }<code class="url">{ url.clone() }</code>
                                    }
                                    if matches!(decision, fetch_policy::Decision::AskForClick(_)) {
                                        { " " }<button type="button" class="copy" data-action="fetch-keys-now"
                                            onclick={if state.jwks_url.trim().is_empty() { on_discover.reform(|_| ()) } else { on_fetch.reform(|_| ()) }}>
                                            { "Fetch the keys" }</button>
                                    }
                                </p>
                            </div>
                        }
                        <label class="inline-check hint">
                            <input type="checkbox" id="only-on-click" checked={state.only_on_click}
                                onchange={on.only_on_click.clone()} />
                            { " Fetch keys only when I click" }
                        </label>
                        if let Some(u) = keys_use.as_ref().filter(|u| !u.may_use()) {
                            <p class="note warn" data-testid="keys-not-for-token">{ explain::fetch::key_set_use(u) }</p>
                        }
                    </section>
                    })) }
                    if revealed {
                    { apart(Box::new(|| html! {
                    <div class="more">
                        <DiagnosisPanel
                                view={(*diagnosis).clone()}
                                response={(*response).clone()}
                                response_text={AttrValue::from(state.response_text.clone())}
                                fields={state.fields.clone()}
                                notes={target.1.clone()}
                                leeway_hint={AttrValue::from(explain::diagnosis::leeway_hint())}
                                on_field={on.field.clone()}
                                on_response={on.response.clone()}
                            />
                        <KeysPanel
                            keys_text={AttrValue::from(state.keys_text.clone())}
                            secret_encoding={state.secret_encoding}
                            jwks_url={AttrValue::from(state.jwks_url.clone())}
                            pasted={(*pasted_view).clone().unwrap_or_default()}
                            fetch={(*fetch_view).clone()}
                            {discover}
                            {using_demo_keys}
                            privacy_note={AttrValue::from(explain::fetch::privacy_note())}
                            on_keys_text={on.keys_text.clone()}
                            on_secret_encoding={on.secret_encoding.clone()}
                            on_jwks_url={on.jwks_url.clone()}
                            {on_fetch}
                            {on_discover}
                        />
                        <ComparePanel items={overview.candidates.clone()} pair={state.compare}
                            view={(*compare).clone()} on_pair={on.pair.clone()} />
                        if let Some(view) = (*share_view).clone() {
                            <SharePanel mode={state.share_mode} {view} on_mode={on.share_mode.clone()} />
                        }
                        <section class="panel settings" aria-label="Settings and privacy">
                            <PrivacyBar remember={state.remember} presets={preset_names}
                                preset={state.preset.clone().map(AttrValue::from)} problems={preset_problems}
                                on_remember={settings.on_remember} on_forget={settings.on_forget} on_preset={settings.on_preset} />
                        </section>
                    </div>
                    })) }
                    }
                </div>
                { apart(Box::new(|| html! {
                if let Some(view) = (*view).clone() {
                    <TokenView {view} times={(*times).clone()} {revealed}>
                        if overview.candidates.len() > 1 {
                            <CandidatePicker items={overview.candidates.clone()} {selected} on_select={on.select.clone()} />
                        }
                        { token_strip(&raw) }
                        if let Some(verification) = (*verdict).clone() {
                            <VerdictPanel view={verification}
                                engine={engines.map(|e| AttrValue::from(e.name())).unwrap_or_default()}
                                engine_text={engines.as_ref().map(explain::verify::engines).map(AttrValue::from).unwrap_or_default()}
                                second_running={matches!(second, Some(Second::Running))}
                                second={second_view(&second, facts.get(selected))}
                                second_error={match &second { Some(Second::Failed(e)) => Some(AttrValue::from(explain::verify::second_opinion_failed(e))), _ => None }}
                                {keys_fetch_failed}
                                keys_unread={keys_unread.clone()}
                                on_second_opinion={(*on_second_opinion).clone()} />
                        }
                        if let Some(hints) = hints.as_ref().as_ref().filter(|h| !h.header_urls.is_empty()) {
                            <HeaderUrls urls={hints.header_urls.clone()} armed={state.armed_header_url}
                                on_arm={on.arm.clone()} on_confirm={on_confirm_header_url} />
                        }
                    </TokenView>
                }
                })) }
            </main>
            if revealed {
                { apart(Box::new(|| html! {
                <aside class="network-wrap" aria-label="Network log">
                    <NetworkLog assets={network.assets} fetches={network.fetches} note={AttrValue::from(explain::fetch::network_note())} on_open={network.on_open} />
                </aside>
                })) }
            }
            <footer class="bottom">
                { "tokenlens sends no analytics and keeps nothing unless you ask." }
            </footer>
        </>
    }
}

/// Builds one section of the page in a function of its own, called through a pointer so that
/// no optimiser (LLVM, or wasm-opt, which inlines every function called once) puts it back into
/// the page's render function. That function was one 104 KB block that V8 compiled whole on the
/// first render; now a section not shown yet (the panels below the answer) is compiled only when
/// it is first shown.
#[inline(never)]
fn apart(section: Box<dyn FnOnce() -> Html + '_>) -> Html {
    section()
}

thread_local! {
    /// The demo's text, made once: memo dependencies holding it then compare by pointer.
    static DEMO_TEXT: Rc<String> = Rc::new(DEMO.to_owned());
}

fn demo_text() -> Rc<String> {
    DEMO_TEXT.with(Rc::clone)
}

/// The demo's key set (the public half of the key that signed it).
fn demo_keys() -> Option<KeySet> {
    jwk::parse_jwks(DEMO_KEYS.as_bytes()).ok()
}

/// RustCrypto's second opinion beside the page's verification, once made.
fn second_view(
    second: &Option<Second>,
    facts: Option<&diagnose::Facts>,
) -> Option<Rc<inspect::SecondOpinionView>> {
    match (second, facts) {
        (Some(Second::Done(v)), Some(f)) => {
            Some(Rc::new(inspect::second_opinion_view(&f.verification, v)))
        }
        _ => None,
    }
}

/// The decision's kind, for `data-decision`.
fn decision_kind(d: &fetch_policy::Decision) -> &'static str {
    match d {
        fetch_policy::Decision::FetchNow(_) => "fetch-now",
        fetch_policy::Decision::AskForClick(_) => "ask-for-click",
        fetch_policy::Decision::Never(_) => "never",
    }
}
