use std::rc::Rc;

use yew::prelude::*;

use crate::inspect::AnswerView;

#[derive(Properties, PartialEq)]
pub struct TokenMatrixProps {
    pub view: Rc<AnswerView>,
    pub selected: usize,
    pub on_select: Callback<usize>,
}

#[function_component(TokenMatrix)]
pub fn token_matrix(props: &TokenMatrixProps) -> Html {
    let view = &props.view;
    if view.rows.is_empty() {
        return html! {};
    }
    html! {
        <div class="matrix-wrap" tabindex="0" role="region" aria-labelledby="matrix-heading">
            <h3 id="matrix-heading">{ "Which token do I send?" }</h3>
            <table class="matrix" data-testid="matrix">
                <thead>
                    <tr>
                        <th scope="col">{ "Token" }</th>
                        { for view.columns.iter().map(|(id, name)| html! {
                            <th scope="col" data-profile={*id}>{ *name }</th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    { for view.rows.iter().map(|row| {
                        let index = row.index;
                        let on_select = props.on_select.clone();
                        let pressed = if index == props.selected { "true" } else { "false" };
                        let head = if row.example {
                            html! {
                                <th scope="row">
                                    <span class="example-kind">{ row.kind }</span>
                                    <span class="token-label">{ row.label.clone() }</span>
                                </th>
                            }
                        } else {
                            html! {
                                <th scope="row">
                                    <button type="button" class="link" aria-pressed={pressed}
                                        onclick={Callback::from(move |_| on_select.emit(index))}>
                                        { row.kind }
                                    </button>
                                    <span class="token-label">{ row.label.clone() }</span>
                                </th>
                            }
                        };
                        html! {
                            <tr data-index={index.to_string()} data-example={row.example.then_some("true")}
                                class={classes!(row.example.then_some("example"))}>
                                { head }
                                { for row.cells.iter().map(|c| html! {
                                    <td data-profile={c.profile} data-tone={c.tone.as_str()}>
                                        <span class="mark" aria-hidden="true">{ c.mark }</span>
                                        { " " }{ c.words.clone() }
                                    </td>
                                }) }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
