use yew::prelude::*;

use crate::inspect::{ClaimRow, TimeCell};

/// The claims, one row each, with `times` (one per row, ticking; `None` for rows that are not
/// times). A plain function: the token view re-renders it exactly when its claims or times
/// change (every second, with the clock).
pub fn claims_table(rows: &[ClaimRow], times: &[Option<TimeCell>]) -> Html {
    html! {
        <table class="claims" data-testid="claims">
            <thead><tr><th scope="col">{ "Claim" }</th><th scope="col">{ "Value" }</th><th scope="col">{ "When" }</th></tr></thead>
            <tbody>
                { for rows.iter().zip(times.iter().chain(std::iter::repeat(&None))).map(|(row, time)| html! {
                    <tr data-claim={row.name.clone()}>
                        <td class="name" title={row.meaning}>
                            { row.name.clone() }
                            if let Some(meaning) = row.meaning {
                                <span class="meaning">{ meaning }</span>
                            }
                        </td>
                        <td data-col="value">{ row.value.clone() }</td>
                        if let Some(time) = time {
                            <td data-col="time" class="time">
                                <span class={classes!("rel", time.alarming.then_some("alarming"))}>{ time.relative.clone() }</span>
                                { " " }<span class="abs">{ time.utc.clone() }</span>
                                { " " }<span class="abs">{ format!("{} (local)", time.local) }</span>
                                if let Some(warning) = &time.warning {
                                    { " " }<span class="abs warn-text">{ warning.clone() }</span>
                                }
                            </td>
                        } else {
                            <td></td>
                        }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
