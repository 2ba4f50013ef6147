//! The candidates' signature checks, made with the browser's WebCrypto before the render that
//! plans them (a link's first render, a paste or keystroke: [`when_checked`]) or after
//! it (a new key set, a large paste, anything slower than [`WAIT_MS`]), and the RustCrypto
//! second opinion a user can ask for.
//!
//! Results belong to the plans they were made for: a check finishing after a new paste or key
//! set is dropped, never shown on the newer token.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::super::webcrypto;
use crate::diagnose::{Facts, Planned};
use crate::verify::{self, Engine, Engines, Outcome, Plan, Verification};

/// Candidates verified without being selected when a paste has at most this many (the answer
/// card compares them); beyond it only the selected one is (caps exist for 1,000 candidates).
pub const EAGER: usize = 8;

/// A second opinion on one candidate.
#[derive(Debug, Clone, PartialEq)]
pub enum Second {
    /// RustCrypto is checking.
    Running,
    /// RustCrypto's verification of the same plan.
    Done(Rc<Verification>),
    /// It could not run (the module did not load).
    Failed(String),
}

struct Store {
    planned: Rc<Planned>,
    facts: Rc<Vec<Facts>>,
    engines: Vec<Option<Engines>>,
    started: Vec<bool>,
    second: Option<(usize, Second)>,
}

/// A plan's checks as made: each attempt's outcome and the engine that made it.
type Made = Vec<(Engine, Outcome)>;

thread_local! {
    /// Checks made before the render that plans them ([`when_checked`]), each with its plan;
    /// the next store takes what matches its plans and drops the rest.
    static EARLY: RefCell<Vec<(Plan, Made)>> = const { RefCell::new(Vec::new()) };
}

impl Store {
    fn new(planned: Rc<Planned>) -> Store {
        let mut early = EARLY.take();
        let mut facts = planned.facts.clone();
        // A plan without checks is already final: nothing to start.
        let mut engines: Vec<Option<Engines>> = planned
            .plans
            .iter()
            .map(|p| p.attempts().is_empty().then(Engines::default))
            .collect();
        for (i, plan) in planned.plans.iter().enumerate() {
            if let Some(at) = early.iter().position(|(p, _)| p == plan) {
                let (_, made) = early.swap_remove(at);
                conclude(&mut facts, &mut engines, i, plan, &made);
            }
        }
        Store {
            facts: Rc::new(facts),
            started: engines.iter().map(Option::is_some).collect(),
            engines,
            planned,
            second: None,
        }
    }
}

/// Concludes candidate `i`'s facts from its checks as made, and notes which engines made them.
fn conclude(
    facts: &mut [Facts],
    engines: &mut [Option<Engines>],
    i: usize,
    plan: &Plan,
    made: &Made,
) {
    let outcomes: Vec<Outcome> = made.iter().map(|(_, o)| o.clone()).collect();
    if let Some(f) = facts.get_mut(i) {
        *f = f.concluded(plan, &outcomes);
    }
    if let Some(e) = engines.get_mut(i) {
        *e = Some(Engines::of(made));
    }
}

/// At most this long, in ms, a render waits for the checks [`when_checked`] makes
/// (they take 1–15 ms on a cold page of a 2-core machine, well under 1 ms once the keys are
/// imported; a WebCrypto that never answers costs only this).
pub const WAIT_MS: u32 = 100;

/// Runs `then` (the render that plans `plans`: mounting the page, passing it a paste) once
/// `plans`' checks are made with WebCrypto, or after [`WAIT_MS`] if they are not made by then,
/// whichever comes first; that render then concludes at once (a link's first paint, a paste or
/// a keystroke shows the verdict, not "checking…" and then a second render).
pub fn when_checked(plans: Vec<Plan>, then: impl FnOnce() + 'static) {
    let then = Rc::new(std::cell::Cell::new(Some(then)));
    let run = move || {
        if let Some(then) = then.take() {
            then();
        }
    };
    let deadline = gloo_timers::callback::Timeout::new(WAIT_MS, run.clone());
    wasm_bindgen_futures::spawn_local(async move {
        verify_before_render(plans).await;
        run();
        drop(deadline);
    });
}

/// Makes `plans`' checks with WebCrypto for the next store to take ([`EARLY`]). Only when
/// WebCrypto can make every check (the RustCrypto worker is not started for this); the results
/// are used only for a plan equal to one the page makes.
async fn verify_before_render(plans: Vec<Plan>) {
    let can = webcrypto::available()
        && plans
            .iter()
            .all(|p| p.attempts().iter().all(|a| a.webcrypto().is_some()));
    if !can {
        return;
    }
    for plan in plans {
        let made = webcrypto::outcomes_with_engines(&plan).await;
        EARLY.with(|e| e.borrow_mut().push((plan, made)));
    }
}

/// The candidates' facts as verified so far.
#[derive(Clone)]
pub struct Verified {
    store: Rc<RefCell<Store>>,
    update: UseForceUpdateHandle,
}

impl Verified {
    /// The facts: each verification final, or pending while its checks are made.
    pub fn facts(&self) -> Rc<Vec<Facts>> {
        self.store.borrow().facts.clone()
    }

    /// Which engines checked candidate `i`, once checked.
    pub fn engines(&self, i: usize) -> Option<Engines> {
        self.store.borrow().engines.get(i).copied().flatten()
    }

    /// The second opinion on candidate `i`, if one was asked for.
    pub fn second(&self, i: usize) -> Option<Second> {
        match &self.store.borrow().second {
            Some((at, s)) if *at == i => Some(s.clone()),
            _ => None,
        }
    }

    /// Asks RustCrypto to make candidate `i`'s checks again.
    pub fn on_second_opinion(&self, i: usize) -> Callback<()> {
        let this = self.clone();
        Callback::from(move |()| {
            let planned = {
                let mut st = this.store.borrow_mut();
                st.second = Some((i, Second::Running));
                st.planned.clone()
            };
            this.update.force_update();
            let this = this.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let Some(plan) = planned.plans.get(i) else {
                    return;
                };
                let second = match webcrypto::second_opinion(plan).await {
                    Ok(outcomes) => Second::Done(Rc::new(verify::conclude(plan, &outcomes))),
                    Err(e) => Second::Failed(e),
                };
                this.land(&planned, |st| st.second = Some((i, second)));
            });
        })
    }

    /// Applies `change` if the store still holds `planned`, and re-renders.
    fn land(&self, planned: &Rc<Planned>, change: impl FnOnce(&mut Store)) -> bool {
        {
            let mut st = self.store.borrow_mut();
            if !Rc::ptr_eq(&st.planned, planned) {
                return false;
            }
            change(&mut st);
        }
        self.update.force_update();
        true
    }
}

/// The facts of `planned`, verified as far as the checks [`start_verify`] started have come.
#[hook]
pub fn use_verified(planned: Rc<Planned>) -> Verified {
    let store = use_mut_ref(|| Store::new(planned.clone()));
    let update = use_force_update();
    let stale = !Rc::ptr_eq(&store.borrow().planned, &planned);
    if stale {
        *store.borrow_mut() = Store::new(planned);
    }
    Verified { store, update }
}

/// Makes the checks of the candidates in `wanted`, in order (the selected one first), with
/// WebCrypto, each once per plan.
///
/// Called from the render itself, not from an effect after it: the checks then run while the
/// browser lays out and paints the pending state (Yew yields to the browser before effects when
/// a render took longer than a frame), so the verdict lands a frame or more sooner. Each check
/// starts once per plan however often the page renders (`Store::started`).
pub fn start_verify(verified: &Verified, wanted: &[usize]) {
    let (planned, todo) = {
        let mut st = verified.store.borrow_mut();
        let todo: Vec<usize> = wanted
            .iter()
            .copied()
            .filter(|&i| match st.started.get_mut(i) {
                Some(started) if !*started => {
                    *started = true;
                    true
                }
                _ => false,
            })
            .collect();
        (st.planned.clone(), todo)
    };
    if todo.is_empty() {
        return;
    }
    let verified = verified.clone();
    wasm_bindgen_futures::spawn_local(async move {
        for i in todo {
            let Some(plan) = planned.plans.get(i) else {
                continue;
            };
            let made = webcrypto::outcomes_with_engines(plan).await;
            let landed = verified.land(&planned, |st| {
                let mut facts = (*st.facts).clone();
                conclude(&mut facts, &mut st.engines, i, plan, &made);
                st.facts = Rc::new(facts);
            });
            if !landed {
                return;
            }
        }
    });
}
