use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};

use yew::prelude::*;

use super::clock;
use super::components::candidate_picker::CandidatePicker;
use super::components::diagnosis_panel::DiagnosisPanel;
use super::components::header_urls::HeaderUrls;
use super::components::keys_panel::KeysPanel;
use super::components::network_log::{self, NetworkLog};
use super::components::paste_area::PasteArea;
use super::components::privacy_bar::PrivacyBar;
use super::components::share_panel::SharePanel;
use super::components::token_view::TokenView;
use super::components::verdict_panel::VerdictPanel;
use super::net;
use super::state::{field_id, Action, NetEntry, State};
use super::{location, storage};
use crate::diagnose::config;
use crate::discovery::{self, KeysRequest, Outcome, Why};
use crate::explain;
use crate::inspect;
use crate::jose::jwk::{self, KeySet, SecretEncoding};
use crate::presets::{self, AutoFetch};
use crate::share::{self, ShareError, ShareInput};

/// Shown when the paste area is empty: a Cognito-shaped sign-in response signed by the demo key
/// set in `static/demo/`, so a newcomer sees real content without any network.
const DEMO: &str = include_str!("../../static/demo/authentication-result.json");
const DEMO_KEYS: &str = include_str!("../../static/demo/jwks.json");

/// Numbers the app's requests for the network log.
static NEXT_REQUEST: AtomicU32 = AtomicU32::new(0);

/// GETs `url` through `net::get`, recording the request and its outcome in the network log.
async fn logged_get(
    log: UseReducerHandle<State>,
    url: String,
    why: Why,
) -> Result<discovery::Response, discovery::FetchFailure> {
    let id = NEXT_REQUEST.fetch_add(1, Ordering::Relaxed);
    let at = clock::time_of_day();
    log.dispatch(Action::NetStarted(NetEntry {
        id,
        at,
        url: url.clone(),
        why,
        outcome: None,
    }));
    let result = net::get(&url).await;
    log.dispatch(Action::NetFinished(id, Outcome::of(&result)));
    result
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    // A link that could not be used leaves an empty page with its message, not the demo.
    let showing_demo = state.text.trim().is_empty() && state.link_error.is_none();
    let text: Rc<str> = if showing_demo {
        DEMO.into()
    } else {
        state.text.as_str().into()
    };

    let overview = use_memo(text, |text| inspect::overview(text));
    let selected = state
        .selected
        .min(overview.candidates.len().saturating_sub(1));
    let candidate = overview.extraction.candidates.get(selected).cloned();
    let view = use_memo(candidate.clone(), |candidate| {
        candidate.as_ref().map(|c| {
            Rc::new(inspect::token_view(
                c,
                clock::now_secs(),
                &clock::local_offset_minutes,
            ))
        })
    });
    let hints = use_memo(candidate.clone(), |c| c.as_ref().map(inspect::key_hints));

    let pasted = use_memo(
        (state.keys_text.clone(), state.secret_encoding),
        |(text, enc)| jwk::parse_key_input(text, *enc),
    );
    let pasted_view = use_memo(pasted.clone(), |pasted| Rc::new(inspect::keys_view(pasted)));
    let using_demo_keys =
        showing_demo && state.keys_text.trim().is_empty() && state.fetched.is_none();
    let key_sets = use_memo(
        (pasted.clone(), state.fetched.clone(), using_demo_keys),
        |(pasted, fetched, using_demo_keys)| {
            let mut sets: Vec<KeySet> = Vec::new();
            sets.extend(pasted.as_ref().as_ref().ok().cloned());
            sets.extend(
                fetched
                    .as_ref()
                    .and_then(|f| f.result.as_ref().ok())
                    .cloned(),
            );
            if *using_demo_keys {
                sets.extend(jwk::parse_jwks(DEMO_KEYS.as_bytes()).ok());
            }
            sets
        },
    );
    let target = use_memo(state.fields.clone(), inspect::target);
    let leeway = config::read_seconds(state.fields.get("leeway").map(String::as_str).unwrap_or(""))
        .value
        .unwrap_or(0);
    let diagnosis = use_memo(
        (
            overview.clone(),
            selected,
            key_sets.clone(),
            target.clone(),
            leeway,
        ),
        |(overview, selected, sets, target, leeway)| {
            let sets: Vec<&KeySet> = sets.iter().collect();
            inspect::diagnosis_view(
                overview,
                *selected,
                &sets,
                &target.0,
                clock::now_secs(),
                *leeway,
            )
            .map(Rc::new)
        },
    );
    let response = use_memo(state.response_text.clone(), |text| {
        Rc::new(inspect::response_view(text))
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

    let start_fetch = {
        let state = state.clone();
        let kid = hints.as_ref().as_ref().and_then(|h| h.kid.clone());
        Callback::from(move |(request, first_url): (KeysRequest, String)| {
            let seq = state.fetch_seq.wrapping_add(1);
            state.dispatch(Action::FetchStarted {
                seq,
                url: first_url,
            });
            let (state, kid) = (state.clone(), kid.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let log = state.clone();
                let get = |url: String, why: Why| logged_get(log.clone(), url, why);
                let fetched = discovery::fetch_keys(request, kid.as_deref(), get).await;
                state.dispatch(Action::FetchFinished {
                    seq,
                    fetched: Rc::new(fetched),
                });
            });
        })
    };
    let on_fetch = {
        let (start_fetch, url) = (start_fetch.clone(), state.jwks_url.trim().to_owned());
        Callback::from(move |()| start_fetch.emit((KeysRequest::JwksUrl(url.clone()), url.clone())))
    };
    let on_discover = {
        let start_fetch = start_fetch.clone();
        let iss = hints.as_ref().as_ref().and_then(|h| h.iss.clone());
        Callback::from(move |()| {
            if let Some(iss) = &iss {
                start_fetch.emit((KeysRequest::Issuer(iss.clone()), iss.clone()));
            }
        })
    };
    let on_confirm_header_url = {
        let start_fetch = start_fetch.clone();
        let urls = hints
            .as_ref()
            .as_ref()
            .map(|h| h.header_urls.clone())
            .unwrap_or_default();
        Callback::from(move |member: &'static str| {
            if let Some((_, url, _)) = urls.iter().find(|(m, _, _)| *m == member) {
                let request = if member == "x5u" {
                    KeysRequest::HeaderX5u(url.clone())
                } else {
                    KeysRequest::HeaderJku(url.clone())
                };
                start_fetch.emit((request, url.clone()));
            }
        })
    };
    let dispatch = |make: fn(String) -> Action| {
        let state = state.clone();
        Callback::from(move |value: String| state.dispatch(make(value)))
    };
    let on_select = {
        let state = state.clone();
        Callback::from(move |index: usize| state.dispatch(Action::Select(index)))
    };
    let on_secret_encoding = {
        let state = state.clone();
        Callback::from(move |e: SecretEncoding| state.dispatch(Action::SetSecretEncoding(e)))
    };
    let on_field = {
        let state = state.clone();
        Callback::from(move |(id, value): (&'static str, String)| {
            state.dispatch(Action::SetField(id, value))
        })
    };
    let assets = use_state(Vec::<network_log::Row>::new);
    let on_open_network = {
        let assets = assets.clone();
        // The app's own fetches are logged with their reason below; list the rest here.
        let own: Vec<String> = state.network.iter().map(|e| e.url.clone()).collect();
        Callback::from(move |()| {
            let rows = net::page_requests()
                .into_iter()
                .filter(|(url, _, _)| !own.contains(url))
                .map(|(url, ms, kind)| {
                    (
                        format!("+{:.0} ms", ms),
                        url,
                        format!("page load ({kind})"),
                        String::new(),
                    )
                })
                .collect();
            assets.set(rows);
        })
    };
    let fetch_rows: Vec<network_log::Row> = state
        .network
        .iter()
        .map(|e| {
            let outcome = e
                .outcome
                .as_ref()
                .map(explain::fetch::outcome)
                .unwrap_or_else(|| "under way".to_owned());
            (
                e.at.clone(),
                e.url.clone(),
                explain::fetch::why(e.why).to_owned(),
                outcome,
            )
        })
        .collect();
    let on_arm = {
        let state = state.clone();
        Callback::from(move |member: &'static str| state.dispatch(Action::ArmHeaderUrl(member)))
    };
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let fragment = location::fragment();
            let from_link = !fragment.is_empty();
            let mut remembered = false;
            if from_link {
                match share::decode(&fragment) {
                    Ok(shared) => state.dispatch(Action::Restore(Rc::new(shared))),
                    // An OAuth redirect (#id_token=…) is treated as a paste; any other fragment that
                    // is not a share link (an anchor, a test runner's state) is left alone.
                    Err(ShareError::NotAShareLink { .. }) => {
                        let href = location::href();
                        if !crate::input::extract(&href).candidates.is_empty() {
                            state.dispatch(Action::SetText(href));
                        }
                    }
                    Err(e) => state.dispatch(Action::LinkError(explain::share::share_error(&e))),
                }
            } else if let Some((fields, jwks_url)) = storage::load() {
                let fields = fields
                    .iter()
                    .filter_map(|(id, v)| field_id(id).map(|id| (id, v.clone())))
                    .collect();
                state.dispatch(Action::Remembered(fields, jwks_url));
                remembered = true;
            }
            wasm_bindgen_futures::spawn_local(async move {
                let url = location::resolve("tokenlens.config.json");
                match logged_get(state.clone(), url, Why::Presets).await {
                    Ok(r) if r.status == 200 => {
                        let parsed = presets::parse_presets(&r.body);
                        let initial = parsed.presets.initial_profile().cloned();
                        state.dispatch(Action::PresetsLoaded(Rc::new(parsed)));
                        if let (Some(p), false, false) = (initial, from_link, remembered) {
                            state.dispatch(Action::ApplyPreset(
                                p.name.clone(),
                                inspect::preset_fields(&p),
                                p.jwks_url.clone(),
                            ));
                        }
                    }
                    // No presets file (404), or no server at all (file://): the page works without.
                    Ok(r) if r.status == 404 => {}
                    Err(_) => {}
                    Ok(r) => state.dispatch(Action::PresetsError(format!(
                        "tokenlens.config.json: HTTP {}",
                        r.status
                    ))),
                }
            });
        });
    }
    {
        let deps = (state.remember, state.fields.clone(), state.jwks_url.clone());
        use_effect_with(deps, |(remember, fields, jwks_url)| {
            if *remember {
                let pairs: Vec<(&str, &str)> =
                    fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                storage::save(&pairs, jwks_url);
            }
        });
    }
    {
        // Automatic fetching: only for an allow-listed issuer (or JWKS URL), only when no keys
        // were pasted or fetched, never for the demo, and each request at most once.
        let start_fetch = start_fetch.clone();
        let state_handle = state.clone();
        let iss = hints.as_ref().as_ref().and_then(|h| h.iss.clone());
        let idle = !showing_demo
            && state.keys_text.trim().is_empty()
            && state.fetched.is_none()
            && state.loading.is_none();
        let deps = (
            iss,
            state.jwks_url.trim().to_owned(),
            idle,
            state.presets.clone(),
            state.auto_fetched.len(),
        );
        use_effect_with(deps, move |(iss, jwks_url, idle, presets, _)| {
            let request = if !*idle {
                None
            } else if !jwks_url.is_empty() {
                Some((
                    KeysRequest::JwksUrl(jwks_url.clone()),
                    jwks_url.clone(),
                    jwks_url.clone(),
                ))
            } else {
                iss.as_ref()
                    .and_then(|iss| match discovery::plan_for_issuer(iss) {
                        Ok(discovery::KeysPlan::CognitoJwks { jwks_url: url })
                        | Ok(discovery::KeysPlan::Discovery { config_url: url }) => {
                            Some((KeysRequest::Issuer(iss.clone()), iss.clone(), url))
                        }
                        Err(_) => None,
                    })
            };
            if let Some((request, first, url)) = request {
                let allowed = matches!(
                    presets::may_auto_fetch(&url, presets.as_ref().map(|p| &p.presets)),
                    AutoFetch::Allowed { .. }
                );
                if allowed && !state_handle.auto_fetched.contains(&url) {
                    state_handle.dispatch(Action::AutoFetching(url));
                    start_fetch.emit((request, first));
                }
            }
        });
    }
    let share_input = ShareInput {
        text: state.text.clone(),
        selected,
        keys_text: state.keys_text.clone(),
        secret_encoding: state.secret_encoding,
        jwks_url: state.jwks_url.clone(),
        fields: state
            .fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    };
    let share_view = use_memo((share_input, state.share_mode), |(input, mode)| {
        Rc::new(inspect::share_view(input, *mode, &location::href()))
    });
    let on_share_mode = {
        let state = state.clone();
        Callback::from(move |mode| state.dispatch(Action::SetShareMode(mode)))
    };
    let on_remember = {
        let state = state.clone();
        Callback::from(move |on: bool| {
            if !on {
                storage::forget_everything();
            }
            state.dispatch(Action::SetRemember(on))
        })
    };
    let on_forget = {
        let state = state.clone();
        Callback::from(move |()| {
            storage::forget_everything();
            state.dispatch(Action::Forget);
        })
    };
    let on_preset = {
        let state = state.clone();
        Callback::from(move |name: String| {
            let profile = state
                .presets
                .as_ref()
                .and_then(|p| p.presets.profiles.iter().find(|p| p.name == name).cloned());
            if let Some(p) = profile {
                state.dispatch(Action::ApplyPreset(
                    p.name.clone(),
                    inspect::preset_fields(&p),
                    p.jwks_url.clone(),
                ));
            }
        })
    };
    let preset_names: Vec<AttrValue> = state
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
    let preset_problems: Vec<AttrValue> = state
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
    let discover = match hints.as_ref() {
        Some(h) => h
            .discover
            .clone()
            .map(AttrValue::from)
            .map_err(AttrValue::from),
        None => Err(AttrValue::from(explain::fetch::discover_unavailable())),
    };

    html! {
        <>
            <header class="top">
                <h1>{ "tokenlens" }</h1>
                <PrivacyBar remember={state.remember} presets={preset_names}
                    preset={state.preset.clone().map(AttrValue::from)} problems={preset_problems}
                    {on_remember} {on_forget} {on_preset} />
                <p>{ "Decode a bearer token, check its signature, and see why a gateway would accept or reject it. Everything happens in this page: the token is never sent anywhere." }</p>
            </header>
            <main>
                <div class="column">
                    <section class="panel" aria-labelledby="paste-heading">
                        <h2 id="paste-heading">{ "Paste" }</h2>
                        <PasteArea text={AttrValue::from(state.text.clone())} on_text={dispatch(Action::SetText)} />
                        if let Some(error) = &state.link_error {
                            <p class="note bad" role="alert" data-testid="link-error">{ error.clone() }</p>
                        }
                        if showing_demo {
                            <p class="note" data-testid="demo-note">
                                { "Showing a demo: a Cognito sign-in response signed by a demo key that ships with tokenlens. Paste your own token, header, curl command or JSON response above." }
                            </p>
                        }
                        if let Some(message) = overview.nothing_found.clone() {
                            <p class="note warn" role="status" data-testid="input-message">{ message }</p>
                        }
                        if overview.candidates.len() > 1 {
                            <CandidatePicker items={overview.candidates.clone()} selected={selected} on_select={on_select} />
                        }
                    </section>
                    <SharePanel mode={state.share_mode} view={(*share_view).clone()} on_mode={on_share_mode} />
                    <KeysPanel
                        keys_text={AttrValue::from(state.keys_text.clone())}
                        secret_encoding={state.secret_encoding}
                        jwks_url={AttrValue::from(state.jwks_url.clone())}
                        pasted={(*pasted_view).clone()}
                        fetch={(*fetch_view).clone()}
                        {discover}
                        {using_demo_keys}
                        privacy_note={AttrValue::from(explain::fetch::privacy_note())}
                        on_keys_text={dispatch(Action::SetKeysText)}
                        {on_secret_encoding}
                        on_jwks_url={dispatch(Action::SetJwksUrl)}
                        {on_fetch}
                        {on_discover}
                    />
                </div>
                <div class="column">
                if let Some(diagnosis) = (*diagnosis).clone() {
                    <DiagnosisPanel
                        view={diagnosis}
                        response={(*response).clone()}
                        response_text={AttrValue::from(state.response_text.clone())}
                        fields={state.fields.clone()}
                        notes={target.1.clone()}
                        leeway_hint={AttrValue::from(explain::diagnosis::leeway_hint())}
                        {on_field}
                        on_response={dispatch(Action::SetResponse)}
                    />
                }
                if let Some(view) = (*view).clone() {
                    <TokenView {view}>
                        if let Some(verification) = (*diagnosis).as_ref().and_then(|d| d.verification.clone()) {
                            <VerdictPanel view={Rc::new(verification)} />
                        }
                        if let Some(hints) = hints.as_ref().as_ref().filter(|h| !h.header_urls.is_empty()) {
                            <HeaderUrls urls={hints.header_urls.clone()} armed={state.armed_header_url}
                                {on_arm} on_confirm={on_confirm_header_url} />
                        }
                    </TokenView>
                }
                </div>
            </main>
            <NetworkLog assets={(*assets).clone()} fetches={fetch_rows} note={AttrValue::from(explain::fetch::network_note())} on_open={on_open_network} />
            <footer class="bottom">
                { "tokenlens sends no analytics and keeps nothing unless you ask." }
            </footer>
        </>
    }
}
