use yew::prelude::*;

/// One row: (time, URL, why, result).
pub type Row = (String, String, String, String);

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
                    { for props.assets.iter().chain(props.fetches.iter()).map(|(at, url, why, result)| html! {
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
