use std::rc::Rc;

use yew::prelude::*;

use super::finding_list::FindingList;
use crate::inspect::AnswerView;

#[derive(Properties, PartialEq)]
pub struct AnswerCardProps {
    pub view: Rc<AnswerView>,
    /// The user named the gateway: the first line leads, the rest follow, shorter.
    pub chosen: bool,
}

#[function_component(AnswerCard)]
pub fn answer_card(props: &AnswerCardProps) -> Html {
    let view = &props.view;
    html! {
        <div class="answer" data-testid="answer">
            <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"
                data-testid="answer-announcement">{ view.announcement.clone() }</p>
            <ol class="answer-lines">
                { for view.lines.iter().enumerate().map(|(i, line)| {
                    let lead = i == 0 && (props.chosen || line.id == "response");
                    html! {
                        <li class={classes!("answer-line", lead.then_some("lead"))} data-profile={line.id}
                            data-tone={line.tone.as_str()} data-send={line.send.clone().unwrap_or_default()}>
                            <p class="gateway">{ line.gateway }</p>
                            <p class="headline" data-testid="headline">
                                <span class="mark" aria-hidden="true">{ mark(line.tone.as_str()) }</span>
                                { line.headline.clone() }
                                if let Some(send) = &line.send {
                                    <span class="send-label">{ format!(" — {send}") }</span>
                                }
                            </p>
                            <p class="reason">{ line.reason.clone() }</p>
                            if !line.findings.is_empty() {
                                <details class="why">
                                    <summary>{ "Evidence, fix and sources" }</summary>
                                    <FindingList findings={line.findings.clone()} />
                                </details>
                            }
                        </li>
                    }
                }) }
            </ol>
        </div>
    }
}

fn mark(tone: &str) -> &'static str {
    match tone {
        "good" => "✓",
        "bad" => "✗",
        "open" => "?",
        _ => "i",
    }
}
