use std::rc::Rc;

use yew::prelude::*;

use super::finding_list::finding_list;
use crate::inspect::{AnswerLine, AnswerView};

#[derive(Properties, PartialEq)]
pub struct AnswerCardProps {
    pub view: Rc<AnswerView>,
    /// The rest of the page is shown ([`crate::web::hooks::reveal`]): until then the closed
    /// "Evidence, fix and sources" disclosures are built without their contents, so the first
    /// render makes only what is on screen.
    pub revealed: bool,
    /// The page fetched keys for this token's issuer and the fetch failed: whether the Keys
    /// panel offers a command to fetch them from a terminal.
    #[prop_or_default]
    pub keys_fetch_failed: Option<bool>,
    /// The keys pasted could not be read: why.
    #[prop_or_default]
    pub keys_unread: Option<AttrValue>,
    /// Shown between the leading line and the others (the token × gateway matrix).
    #[prop_or_default]
    pub children: Html,
}

#[function_component(AnswerCard)]
pub fn answer_card(props: &AnswerCardProps) -> Html {
    let view = &props.view;
    // Which lines lead is the core's (`AnswerView::leading`), as is the fix it announces.
    let (lead, rest) = view.lines.split_at(view.leading.min(view.lines.len()));
    let leads = !lead.is_empty();
    html! {
        <div class="answer" data-testid="answer">
            <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"
                data-testid="answer-announcement">{ view.announcement.clone() }</p>
            if !lead.is_empty() {
                <ol class="answer-lines">
                    // A gateway answer below the chosen line supports it: smaller.
                    { for lead.iter().enumerate().map(|(i, line)| answer_line(line, if i == 0 || line.id != "response" { "lead" } else { "lead support" }, props.revealed, (props.keys_fetch_failed, props.keys_unread.as_ref()))) }
                </ol>
            }
            if let Some(fix) = &view.shared_fix {
                <p class="fix shared-fix" data-testid="shared-fix">{ "Fix, for every gateway: " }{ fix.clone() }</p>
            }
            { props.children.clone() }
            if !rest.is_empty() {
                if leads {
                    <h3 class="others-label">{ "Other gateways" }</h3>
                }
                <ol class="answer-lines">
                    { for rest.iter().map(|line| answer_line(line, if leads { "other" } else { "each" }, props.revealed, (None, None))) }
                </ol>
            }
        </div>
    }
}

fn answer_line(
    line: &AnswerLine,
    class: &'static str,
    revealed: bool,
    // Beside a line that waits for the issuer's keys: a failed fetch of them (whether Keys
    // offers a command), and keys pasted that could not be read (why).
    (keys_fetch_failed, keys_unread): (Option<bool>, Option<&AttrValue>),
) -> Html {
    html! {
        <li class={classes!("answer-line", class)} data-profile={line.id} data-tone={line.tone.as_str()}
            data-send={line.send.clone().unwrap_or_default()}>
            <p class="gateway">{ line.gateway }</p>
            <p class="headline" data-testid="headline">
                <span class="mark" aria-hidden="true">{ mark(line.tone.as_str()) }</span>
                { line.headline.clone() }
                if let Some(send) = &line.send {
                    <span class="send-label">{ format!(" — {send}") }</span>
                }
            </p>
            <p class="reason">{ line.reason.clone() }</p>
            // What to do, open on the leading lines (the other gateways keep it in their findings).
            if let (Some(fix), true) = (&line.fix, class.starts_with("lead")) {
                <p class="fix" data-testid="lead-fix">{ "Fix: " }{ fix.clone() }</p>
            }
            if let (Some(curl), true) = (keys_fetch_failed, line.needs_keys) {
                <p class="note warn" data-testid="lead-fetch-failed">{ crate::explain::fetch::failed_beside_verdict(curl) }</p>
            }
            if let (Some(why), true) = (keys_unread, line.needs_keys) {
                <p class="note warn" data-testid="lead-keys-unread">{ why.clone() }</p>
            }
            if !line.findings.is_empty() {
                <details class="why">
                    <summary>{ "Evidence, fix and sources" }</summary>
                    if revealed {
                        { finding_list(&line.findings) }
                    }
                </details>
            }
        </li>
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
