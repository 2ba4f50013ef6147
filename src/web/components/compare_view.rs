use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::inspect::{CandidateItem, CompareView};

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub items: Vec<CandidateItem>,
    pub pair: Option<(usize, usize)>,
    pub view: Option<Rc<CompareView>>,
    pub on_pair: Callback<Option<(usize, usize)>>,
}

#[function_component(ComparePanel)]
pub fn compare_panel(props: &CompareProps) -> Html {
    if props.items.len() < 2 {
        return html! {};
    }
    let (left, right) = props.pair.unwrap_or((0, 1));
    let pick = |side: usize| {
        let (cb, pair) = (props.on_pair.clone(), (left, right));
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Ok(i) = value.parse::<usize>() {
                cb.emit(Some(if side == 0 { (i, pair.1) } else { (pair.0, i) }));
            }
        })
    };
    let ontoggle = {
        let (cb, open_pair) = (props.on_pair.clone(), props.pair.is_some());
        Callback::from(move |e: Event| {
            let open = e
                .target()
                .and_then(|t| js_sys::Reflect::get(&t, &"open".into()).ok())
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            if open != open_pair {
                cb.emit(open.then_some((left, right)));
            }
        })
    };
    let options = |current: usize| {
        props
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| html! { <option value={i.to_string()} selected={i == current}>{ item.label.clone() }</option> })
            .collect::<Html>()
    };
    html! {
        <details class="panel compare" data-testid="compare" open={props.pair.is_some()} {ontoggle}>
            <summary>{ "Compare two tokens" }</summary>
            <div class="chooser-row">
                <label for="compare-left">{ "Left" }</label>
                <select id="compare-left" onchange={pick(0)}>{ options(left) }</select>
                <label for="compare-right">{ "Right" }</label>
                <select id="compare-right" onchange={pick(1)}>{ options(right) }</select>
            </div>
            if let Some(view) = &props.view {
                <p class="hint" data-testid="compare-summary">{ differences(view.differences) }</p>
                <div class="table-wrap" tabindex="0" role="region" aria-label="Comparison">
                    <table class="claims compare-table" data-testid="compare-table">
                        <thead><tr><th scope="col">{ "Member" }</th><th scope="col">{ view.left.clone() }</th><th scope="col">{ view.right.clone() }</th></tr></thead>
                        <tbody>
                            { for view.rows.iter().map(|r| html! {
                                <tr data-change={r.change.as_str()} data-name={r.name.clone()} data-place={r.place}>
                                    <th scope="row">{ format!("{}.{}", r.place, r.name) }
                                        if r.change.as_str() != "same" { <span class="change">{ change_word(r.change.as_str()) }</span> }
                                    </th>
                                    <td>{ r.left.clone().unwrap_or_else(|| "—".to_owned()) }</td>
                                    <td>{ r.right.clone().unwrap_or_else(|| "—".to_owned()) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </details>
    }
}

fn differences(n: usize) -> String {
    match n {
        0 => "No differences.".to_owned(),
        1 => "1 difference, marked below.".to_owned(),
        n => format!("{n} differences, marked below."),
    }
}

fn change_word(change: &str) -> &'static str {
    match change {
        "changed" => "changed",
        "only-left" => "only left",
        "only-right" => "only right",
        _ => "",
    }
}
