//! The benchmark's entry point (`scripts/bench.sh`): the core, exposed to JavaScript with
//! wasm-bindgen so that `bench/micro.mjs` can time it call by call next to jose, aws-jwt-verify
//! and WebCrypto on the same tokens. Nothing here decides anything: every function is a thin
//! wrapper over a public core API, returning a small number so the work cannot be optimised away.
//! On native targets this is a stub `main`.

#[cfg(target_arch = "wasm32")]
mod wasm {

    use tokenlens::diagnose::config::Target;
    use tokenlens::diagnose::{Expectations, Facts};
    use tokenlens::inspect;
    use tokenlens::jose::jwk::{self, KeySet, SecretEncoding};
    use tokenlens::jose::{parse_unverified, Parsed};
    use tokenlens::share::{self, Mode, ShareInput};
    use tokenlens::verify;
    use tokenlens::verify::rustcrypto;
    use tokenlens::verify::{Outcome, Plan};
    use wasm_bindgen::prelude::*;

    /// A pasted key set, parsed once (as the app memoises it on the keys text), and its text.
    #[wasm_bindgen]
    pub struct Keys {
        text: String,
        sets: Vec<KeySet>,
    }

    #[wasm_bindgen]
    impl Keys {
        /// Parses key text the way the keys paste area does (JWKS, JWK, PEM or secret).
        #[wasm_bindgen(constructor)]
        pub fn new(text: &str) -> Keys {
            Keys {
                text: text.to_owned(),
                sets: jwk::parse_key_input(text, SecretEncoding::Text)
                    .ok()
                    .into_iter()
                    .collect(),
            }
        }

        /// How many usable keys were read.
        pub fn count(&self) -> usize {
            self.sets.iter().map(|s| s.keys.len()).sum()
        }
    }

    impl Keys {
        fn refs(&self) -> Vec<&KeySet> {
            self.sets.iter().collect()
        }
    }

    thread_local! {
        /// The gateway description the app starts with (no fields filled), read once: the app
        /// memoises it on the form fields, which a keystroke in the paste area does not change.
        static TARGET: Target = inspect::target(&inspect::Fields::new()).0;
    }

    /// What `location::href()` gives the app's share panel (only its length matters here).
    const BASE: &str = "http://127.0.0.1:8080/app/";

    fn now_secs() -> i64 {
        (js_sys::Date::now() / 1000.0).floor() as i64
    }

    fn local_offset_minutes(at_secs: i64) -> i32 {
        let date = js_sys::Date::new(&JsValue::from_f64(at_secs as f64 * 1000.0));
        let west = date.get_timezone_offset();
        if west.is_finite() {
            -(west as i32)
        } else {
            0
        }
    }

    /// Parses and verifies one compact token against the pre-parsed keys with RustCrypto (the
    /// native path and the second opinion): the verdict's name.
    #[wasm_bindgen]
    pub fn verify(token: &str, keys: &Keys) -> String {
        verify::verify_compact(token, &keys.refs())
            .verdict()
            .as_str()
            .to_owned()
    }

    /// The page's path: plans the checks, makes them with the browser's WebCrypto (keys
    /// imported once and cached), and concludes: a promise of the verdict's name.
    #[wasm_bindgen]
    pub fn verify_webcrypto(token: &str, keys: &Keys) -> js_sys::Promise {
        let plan = verify::plan_compact(token, &keys.refs());
        wasm_bindgen_futures::future_to_promise(async move {
            let v = tokenlens::web::webcrypto::verify(&plan).await;
            Ok(JsValue::from_str(v.verdict().as_str()))
        })
    }

    /// Decodes one compact token (header, payload, claims; no signature check): the number of
    /// unregistered claims plus one, or 0 when it does not decode to a JWS with JSON claims.
    #[wasm_bindgen]
    pub fn decode(token: &str) -> usize {
        match parse_unverified(token) {
            Ok(Parsed::Jws(jwt)) => jwt
                .claims()
                .map(|c| c.others().count() + 1)
                .unwrap_or_default(),
            _ => 0,
        }
    }

    /// The app's whole synchronous per-keystroke core work for a change of the paste text, with
    /// the keys already parsed (the app memoises them on the keys text), memo for memo as
    /// `web::app` recomputes them. A paste of at most `CHECK_FIRST_MAX` bytes is found and planned
    /// in the paste box's callback (its checks are made before the render: the verify rows time
    /// them; here RustCrypto's outcomes, made once per token outside the timing, stand in), then
    /// rendered once, concluded, with what the callback found: mark the candidates in the paste,
    /// read the paste as a gateway answer, decode every candidate, conclude the checks, the answer
    /// card (every gateway for every candidate), the decoded token and its times, the key
    /// hints, the diagnosis, the share link. A larger paste is rendered at once with its checks
    /// pending, and the answer card, hints and diagnosis again when the outcomes land. Returns a
    /// size of the results.
    #[wasm_bindgen]
    pub fn inspect(text: &str, keys: &Keys) -> usize {
        pipeline(text, keys)
    }

    /// The same pipeline, parsing the key text too (a change of the keys paste area).
    #[wasm_bindgen]
    pub fn inspect_with_key_text(text: &str, keys_text: &str) -> usize {
        pipeline(text, &Keys::new(keys_text))
    }

    thread_local! {
        /// The signature outcomes of the last plans seen: in the page they arrive from WebCrypto
        /// after the first render; the benchmark makes them once per token with RustCrypto and
        /// times only what the core does with them.
        static OUTCOMES: std::cell::RefCell<Vec<(Plan, Vec<Outcome>)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }

    fn outcomes_of(plan: &Plan) -> Vec<Outcome> {
        OUTCOMES.with(|o| {
            let mut o = o.borrow_mut();
            if let Some((_, made)) = o.iter().find(|(p, _)| p == plan) {
                return made.clone();
            }
            let made = rustcrypto::outcomes(plan);
            if o.len() >= 16 {
                o.clear();
            }
            o.push((plan.clone(), made.clone()));
            made
        })
    }

    /// `web::app`'s `CHECK_FIRST_MAX`: pastes up to this size have their checks made before
    /// the render.
    const CHECK_FIRST_MAX: usize = 64 * 1024;

    fn pipeline(text: &str, keys: &Keys) -> usize {
        let now = now_secs();
        let sets = keys.refs();
        let plan = |overview: &inspect::Overview| {
            tokenlens::diagnose::facts_of_all_planned_with(&overview.extraction.candidates, &|_| {
                sets.clone()
            })
        };
        let checked_first = text.len() <= CHECK_FIRST_MAX;
        // Found and planned once: by the paste box's callback, which makes the checks before the
        // render and hands both to it, or (a larger paste) by the render.
        let overview = inspect::overview(text);
        let marks = inspect::paste_marks(text, &overview.extraction);
        let pasted_answer = inspect::pasted_answer_view(text, &overview.extraction, None);
        let planned = plan(&overview);
        // The callback keeps a copy of the plans for the checks it makes.
        let made_first = if checked_first {
            planned.plans.clone().len()
        } else {
            0
        };
        let candidate = overview.extraction.candidates.first();
        let parsed = planned.facts.first().and_then(|f| f.parsed.clone());
        let view = candidate.map(|c| inspect::decoded_view_of(c, parsed.as_deref()));
        let times = view
            .as_ref()
            .map(|v| inspect::claim_times(v, now, &local_offset_minutes));
        // As the app does: a link in the default (configuration) mode does not carry the
        // token, so the paste is not copied for it.
        let share = ShareInput {
            keys_text: keys.text.clone(),
            ..ShareInput::default()
        };
        let link = inspect::share_view(&share, Mode::default(), BASE);
        let judge = |facts: &[Facts]| {
            TARGET.with(|target| {
                let e = Expectations {
                    keys: &sets,
                    target,
                    now,
                    leeway: 0,
                };
                let answer = inspect::answer_view(&overview, facts, 0, &e, None, &pasted_answer);
                let hints = facts.first().map(inspect::key_hints_of);
                let verdict = inspect::selected_verification(&overview, facts, 0);
                let diagnosis = inspect::diagnosis_view(&overview, facts, 0, &sets, target, now, 0);
                answer.rows.len()
                    + answer.lines.len()
                    + verdict.map(|v| v.findings.len()).unwrap_or_default()
                    + hints.map(|h| h.header_urls.len()).unwrap_or_default()
                    + diagnosis
                        .map(|d| d.stages.len() + d.profiles.len())
                        .unwrap_or_default()
            })
        };
        let pending = if checked_first {
            0
        } else {
            judge(&planned.facts)
        };
        let concluded: Vec<Facts> = planned
            .facts
            .iter()
            .zip(&planned.plans)
            .map(|(f, plan)| f.concluded(plan, &outcomes_of(plan)))
            .collect();
        let verdict = judge(&concluded);
        overview.candidates.len()
            + made_first
            + marks.len()
            + pasted_answer.findings.len()
            + view
                .map(|v| v.claims.len() + v.raw.len())
                .unwrap_or_default()
            + times.map(|t| t.len()).unwrap_or_default()
            + pending
            + verdict
            + link.link.len()
    }

    /// The fragment (without `#`) of a full-token share link carrying `token` and the public
    /// `keys_text`, exactly as the app's share panel makes it.
    #[wasm_bindgen]
    pub fn share_fragment(token: &str, keys_text: &str) -> String {
        let state = ShareInput {
            text: token.to_owned(),
            keys_text: keys_text.to_owned(),
            ..ShareInput::default()
        };
        share::encode(&state, Mode::FullToken).fragment
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the tokenlens benchmark runs in the browser: scripts/bench.sh builds and runs it.");
}
