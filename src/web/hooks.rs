//! The page's stateful effects, one custom hook each (as Yew's function_todomvc does): fetching
//! keys, start-up, fetching automatically, remembering settings, the ticking clock and the
//! colour scheme, the signature checks made with WebCrypto, and showing the panels below the
//! answer once it is painted. Every "should we…?" they ask is answered by a pure core function.

pub mod auto_fetch;
pub mod clock;
pub mod key_fetch;
pub mod network_log;
pub mod remember;
pub mod reveal;
pub mod startup;
pub mod theme;
pub mod verify;
