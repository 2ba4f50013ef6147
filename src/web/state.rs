//! Page state: one [`Action`] enum and a reducer. Derived data (candidates, decoded views) is
//! memoised from this state, never stored beside it.

use std::rc::Rc;
use yew::Reducible;

/// What the user has entered and chosen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    /// The paste area's text, exactly as typed.
    pub text: String,
    /// Index of the chosen candidate.
    pub selected: usize,
}

/// Every change the page can make to [`State`].
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The paste area changed.
    SetText(String),
    /// The user picked a candidate.
    Select(usize),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::SetText(text) if text == self.text => self,
            Action::SetText(text) => Rc::new(State { text, selected: 0 }),
            Action::Select(selected) => Rc::new(State {
                selected,
                ..(*self).clone()
            }),
        }
    }
}
