use yew::prelude::*;

/// One request in the log.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// When it started.
    pub at: String,
    /// The URL.
    pub url: String,
    /// Why the page made it.
    pub why: String,
    /// What came of it.
    pub result: String,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub assets: Vec<Row>,
    pub fetches: Vec<Row>,
    pub note: AttrValue,
    pub on_open: Callback<()>,
}

#[function_component(NetworkLog)]
pub fn network_log(props: &Props) -> Html {
    let on_toggle = {
        let cb = props.on_open.clone();
        Callback::from(move |_| cb.emit(()))
    };
    let count = props.assets.len() + props.fetches.len();
    html! {
        <details class="panel network" data-testid="network-log" ontoggle={on_toggle}>
            <summary>{ if count == 1 { "Network: 1 request".to_owned() } else { format!("Network: {count} requests") } }</summary>
            <p class="hint">{ props.note.clone() }</p>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Requests">
            <table class="claims">
                <thead><tr><th scope="col">{ "When" }</th><th scope="col">{ "URL" }</th><th scope="col">{ "Why" }</th><th scope="col">{ "Result" }</th></tr></thead>
                <tbody>
                    { for props.assets.iter().chain(props.fetches.iter()).map(|Row { at, url, why, result }| html! {
                        <tr data-url={url.clone()}>
                            <td>{ at.clone() }</td><td class="url">{ url.clone() }</td><td>{ why.clone() }</td><td>{ result.clone() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
        </details>
    }
}
