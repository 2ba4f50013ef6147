use yew::prelude::*;

use crate::explain;
use crate::web::components::network_log::Row;
use crate::web::net;
use crate::web::state::State;

/// What the network log shows: the page's own files (read when the log is opened) and every
/// request the app made, with why.
pub struct NetworkRows {
    /// The page's files and anything else the browser fetched.
    pub assets: Vec<Row>,
    /// The app's own requests.
    pub fetches: Vec<Row>,
    /// The log was opened: read the browser's list of requests.
    pub on_open: Callback<()>,
}

/// The network log's rows.
#[hook]
pub fn use_network_log(state: &UseReducerHandle<State>) -> NetworkRows {
    let assets = use_state(Vec::<Row>::new);
    let on_open = {
        let assets = assets.clone();
        // The app's own fetches are logged with their reason; list the rest here.
        let own: Vec<String> = state.network.iter().map(|e| e.url.clone()).collect();
        Callback::from(move |()| {
            let rows = net::page_requests()
                .into_iter()
                .filter(|(url, _, _)| !own.contains(url))
                .map(|(url, ms, kind)| Row {
                    at: format!("+{} ms", (ms + 0.5) as u64),
                    url,
                    why: format!("page load ({kind})"),
                    result: String::new(),
                })
                .collect();
            assets.set(rows);
        })
    };
    let fetches = state
        .network
        .iter()
        .map(|e| Row {
            at: e.at.clone(),
            url: e.url.clone(),
            why: explain::fetch::why(e.why).to_owned(),
            result: e
                .outcome
                .as_ref()
                .map(explain::fetch::outcome)
                .unwrap_or_else(|| "under way".to_owned()),
        })
        .collect();
    NetworkRows {
        assets: (*assets).clone(),
        fetches,
        on_open,
    }
}
