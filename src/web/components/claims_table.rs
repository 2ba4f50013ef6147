use std::rc::Rc;

use yew::prelude::*;

use crate::inspect::{ClaimRow, TimeCell};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub rows: Rc<Vec<ClaimRow>>,
    /// One per row, ticking; `None` for rows that are not times.
    pub times: Rc<Vec<Option<TimeCell>>>,
}

#[function_component(ClaimsTable)]
pub fn claims_table(props: &Props) -> Html {
    html! {
        <table class="claims" data-testid="claims">
            <thead><tr><th scope="col">{ "Claim" }</th><th scope="col">{ "Value" }</th><th scope="col">{ "When" }</th></tr></thead>
            <tbody>
                { for props.rows.iter().zip(props.times.iter().chain(std::iter::repeat(&None))).map(|(row, time)| html! {
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
