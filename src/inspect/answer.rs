//! The answer card: one line per gateway that matters (the chosen one first), each with a
//! one-line reason and the findings behind it, and the matrix of tokens × gateways that says
//! which token to send.
//!
//! Pure: keys, the described gateway, `now` and the leeway arrive in [`diagnose::Expectations`].
//! Each candidate is decoded, verified and identified once ([`diagnose::facts`]) and judged under
//! every profile from those facts.

use crate::diagnose::choose::{self, counterpart};
use crate::diagnose::finding::Code;
use crate::diagnose::profiles::{
    self, GatewayCode, Profile, ProfileResult, ProfileVerdict, TokenFacts,
};
use crate::diagnose::response;
use crate::diagnose::{Expectations, Facts};
use crate::explain;

use super::diagnosis::{finding_view, profile_id, FindingView, ResponseView};
use super::Overview;
use crate::explain::answer as words;

/// How a line or a cell reads at a glance (for `data-tone` and colour).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Send this token / accepted.
    Good,
    /// Rejected.
    Bad,
    /// Cannot tell yet.
    Open,
    /// Not a token problem, or a token never to send.
    Neutral,
}

impl Tone {
    /// Stable name for `data-tone`.
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Good => "good",
            Tone::Bad => "bad",
            Tone::Open => "open",
            Tone::Neutral => "neutral",
        }
    }
}

/// One line of the answer card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerLine {
    /// `data-profile` (`response` for a pasted gateway answer).
    pub id: &'static str,
    /// The gateway's name.
    pub gateway: &'static str,
    /// How it reads.
    pub tone: Tone,
    /// "Send the ID token", "Accepted", "Rejected 401".
    pub headline: String,
    /// The candidate label to send, when there is one.
    pub send: Option<String>,
    /// One line of why.
    pub reason: String,
    /// What to do about a rejection: the fix of the finding the reason gives (the card shows
    /// it open on its leading lines, not only among the findings).
    pub fix: Option<String>,
    /// It cannot tell for want of the issuer's keys alone (none given): beside a failed fetch
    /// of them, the card says the fetch failed (review round 11).
    pub needs_keys: bool,
    /// The findings behind it: evidence, fix, sources.
    pub findings: Vec<FindingView>,
}

/// One cell of the token × gateway matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// `data-profile`.
    pub profile: &'static str,
    /// How it reads.
    pub tone: Tone,
    /// `✓`, `✗`, `?` or `–`.
    pub mark: &'static str,
    /// Status and a few words: "401 · access token on a method without scopes".
    pub words: String,
}

/// One row of the matrix: a token found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixRow {
    /// Index of the candidate.
    pub index: usize,
    /// Its label.
    pub label: String,
    /// "ID token", "access token", …
    pub kind: &'static str,
    /// One cell per gateway, in column order.
    pub cells: Vec<Cell>,
    /// True for the example row: the other kind of token from the same sign-in, not pasted
    /// (never selectable; [`counterpart`]).
    pub example: bool,
}

/// The whole answer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnswerView {
    /// The lines, the chosen gateway first (a pasted gateway answer before all).
    pub lines: Vec<AnswerLine>,
    /// Column heads: (`data-profile`, short name).
    pub columns: Vec<(&'static str, &'static str)>,
    /// One row per token found.
    pub rows: Vec<MatrixRow>,
    /// The token to select, when the user named the gateway and one would do.
    pub recommended: Option<usize>,
    /// How many of `lines` lead (0, 1 or 2): the chosen gateway's line or a pasted gateway
    /// answer, and that answer beside the chosen line. The card shows their fixes open; the rest
    /// follow, shorter, under "Other gateways" (or all alike when none leads).
    pub leading: usize,
    /// With no line leading, the fix every gateway's line gives, when they all reject the token
    /// and agree on it (the ALB's own token, a refresh token): shown once, open (review round
    /// 10: it was behind each line's disclosure).
    pub shared_fix: Option<String>,
    /// The lead line in a sentence, for the live region.
    pub announcement: String,
}

/// The profiles in answer order: the chosen one first, then the rest in panel order.
pub fn profile_order(chosen: Option<Profile>) -> Vec<Profile> {
    let mut order: Vec<Profile> = chosen.into_iter().collect();
    order.extend(Profile::ALL.iter().copied().filter(|p| Some(*p) != chosen));
    order
}

/// The gateway answered with the HTTP API's "the token does not have a valid audience" (H5,
/// §9): its deployed audience list lacks the token's audience (`HttpJwt::audience_refused`).
pub fn refuses_audience(response: &ResponseView) -> bool {
    response
        .findings
        .iter()
        .any(|f| f.code == response::INVALID_AUDIENCE)
}

/// How far ahead of this clock a token's `iat` may be before the answer says a clock is off
/// (5 min: Google's library allows 300 s of skew, G12).
const CLOCK_NOTE_AFTER_S: i64 = 300;

/// Builds the answer for the paste: every candidate judged under every gateway, the chosen
/// gateway first; `response` is what a pasted gateway answer said (may be empty).
pub fn answer_view(
    overview: &Overview,
    facts: &[Facts],
    selected: usize,
    e: &Expectations,
    chosen: Option<Profile>,
    response: &ResponseView,
) -> AnswerView {
    let candidates = &overview.extraction.candidates;
    let tokens: Vec<TokenFacts> = candidates
        .iter()
        .zip(facts)
        .map(|(c, f)| f.token(c))
        .collect();
    let label = |i: usize| overview.label(i);
    // "ID token", "access token": by the token's own marks, else by the field it came in.
    let kind_of = |i: usize| {
        let by_marks = facts
            .get(i)
            .map_or("token", |f| words::kind_name(&f.identity.kind));
        match (
            by_marks,
            candidates.get(i).and_then(|c| choose::named(&c.source)),
        ) {
            ("token", Some(choose::Named::Id)) => "ID token",
            ("token", Some(choose::Named::Access)) => "access token",
            ("token", Some(choose::Named::Refresh)) => "refresh token",
            (k, _) => k,
        }
    };
    let order = profile_order(chosen);

    let judged: Vec<Vec<ProfileResult>> = tokens
        .iter()
        .map(|t| {
            order
                .iter()
                .map(|&p| profiles::judge(p, t, e.target, e.now, e.leeway))
                .collect()
        })
        .collect();
    let sendable_count = tokens.iter().filter(|t| !choose::is_never_sent(t)).count();
    let choices = if sendable_count > 1 {
        choose::choose(&tokens, e.target, e.now, e.leeway)
    } else {
        Vec::new()
    };

    let mut lines: Vec<AnswerLine> = Vec::new();
    for (column, &p) in order.iter().enumerate() {
        let result_of = |i: usize| judged.get(i).and_then(|row| row.get(column));
        let line = match choices.iter().find(|c| c.profile == p) {
            Some(choice) => choice_line(p, choice, facts, &label, &kind_of, &result_of),
            None => match result_of(selected) {
                Some(r) => single_line(r, selected, &label),
                None => continue,
            },
        };
        lines.push(line);
    }
    // A repair of what a server would reject (§0): said where the answer is read first.
    let as_pasted = candidates.get(selected).and_then(|c| {
        c.cleanups
            .iter()
            .find_map(|k| explain::input::rejected_as_pasted(k, &c.source))
    });
    if let (Some((said, fix)), Some(lead)) = (as_pasted, lines.first_mut()) {
        lead.reason = format!("{said} {}", lead.reason);
        // As sent, it is rejected whatever the repaired token would get (review round 10: a
        // green "Accepted" above "Bearer Bearer"): the chosen gateway's line says so and leads
        // with the fix, keeping which token to send when it names one.
        if chosen.is_some() && lead.tone != Tone::Bad {
            if lead.send.is_none() {
                lead.tone = Tone::Bad;
                lead.headline = words::REJECTED_AS_PASTED.to_owned();
            }
            lead.fix = Some(fix.to_owned());
        }
    }
    // R10: the console's Test authorizer takes ID tokens only, so an access token the deployed
    // method accepts fails there; said where the answer is read first, the most common
    // contradiction users meet.
    if chosen == Some(Profile::RestCognito) {
        let sent = choices
            .iter()
            .find(|c| c.profile == Profile::RestCognito)
            .map_or(Some(selected), |c| c.send);
        let accepted_access = sent.is_some_and(|i| {
            judged
                .get(i)
                .and_then(|row| row.first())
                .is_some_and(|r| matches!(r.verdict, ProfileVerdict::Accept))
                && tokens
                    .get(i)
                    .and_then(|t| t.claims)
                    .and_then(profiles::token_use_of)
                    == Some(crate::diagnose::claims::TokenUse::Access)
        });
        if let (true, Some(lead)) = (accepted_access, lines.first_mut()) {
            lead.reason = format!("{} {}", lead.reason, explain::answer::TEST_AUTHORIZER_NOTE);
        }
    }
    // G12: a token issued well ahead of this clock means one of the two clocks is off, which
    // moves every time verdict; said on the lead line unless its reason is that already.
    let ahead = tokens
        .get(selected)
        .and_then(|t| t.claims)
        .and_then(|c| c.iat.present())
        .map(|d| d.secs.saturating_sub(e.now))
        .filter(|&s| s > CLOCK_NOTE_AFTER_S);
    if let (Some(ahead), Some(lead)) = (ahead, lines.first_mut()) {
        if !lead.reason.contains("iat is") {
            lead.reason = format!("{} {}", lead.reason, explain::answer::clock_ahead(ahead));
        }
    }
    // A pasted gateway answer about the token follows the chosen gateway's line (its rule is
    // the answer; the pasted one supports or contradicts it). One from another layer (§1b: an
    // API key, WAF, a resource policy) leads: it is what stops the request, whatever the line
    // says of the token. Without a chosen gateway it leads too.
    // The token sent, when the chosen line accepted it yet the pasted answer is a 401 (or an
    // HTTP API's or REST JWT authorizer's scope 403): its cell under the chosen gateway says so
    // too.
    let mut yet_said: Option<(usize, bool)> = None;
    if let Some(mut line) = response_line(response) {
        // R7 (an HTTP API's expiry description too, H9): an answer that the token had expired,
        // beside a pasted token that has not, was about another token (likely one the client
        // kept).
        let unexpired = facts
            .get(selected)
            .and_then(|f| f.claims())
            .is_some_and(|c| c.exp.present().is_some() && c.expired_at(e.now, 0).is_none());
        if unexpired && response.says_expired {
            line.reason = format!("{} {}", line.reason, words::NOT_THE_EXPIRED_ONE);
        }
        // A bare 403 read as a scope the token lacks (J1a, H10), beside a chosen line that
        // accepts the token with the scopes typed here: the deployed scopes differ, or another
        // layer answered (C8).
        let chosen_accepts = matches!(chosen, Some(Profile::RestJwt | Profile::HttpJwt))
            && lines.first().is_some_and(|l| l.tone == Tone::Good);
        // An HTTP API has no API keys: ForbiddenException is read there as this 403 too.
        let forbidden = |code: &str| {
            code == response::FORBIDDEN
                || (chosen == Some(Profile::HttpJwt) && code == response::API_KEY_REJECTED)
        };
        let said_403 = chosen_accepts && response.findings.iter().any(|f| forbidden(f.code));
        if said_403 {
            line.reason = format!("{} {}", line.reason, words::SCOPES_AS_TYPED_PASS);
        }
        // The gateway's own plain 401 ({"message":"Unauthorized"}).
        let said_401 = response
            .findings
            .iter()
            .any(|f| f.code == response::UNAUTHORIZED);
        // R16: the deployed stage answered 401 to a token whose UPDATED issuer the REST
        // Cognito line cannot judge: that is the test the line asks for, and a possible cause.
        let updated_issuer = chosen == Some(Profile::RestCognito)
            && judged
                .get(selected)
                .and_then(|row| row.first())
                .is_some_and(|r| {
                    r.findings
                        .iter()
                        .any(|f| matches!(f.code, Code::Gateway(GatewayCode::UpdatedIssuer { .. })))
                });
        if updated_issuer && said_401 {
            line.reason = format!("{} {}", line.reason, words::UPDATED_ISSUER_401);
        }
        // A 401 beside the token the paste shows was sent (the one in its Authorization header,
        // or the only one that can be sent), which the chosen line accepts: the deployed setup
        // differs from the one described, so that line is no plain "accepted" (what to check
        // is the answer's fix, shown below it). Which row the user looks at says nothing.
        let sendable = |i: &usize| tokens.get(*i).is_some_and(|t| !choose::is_never_sent(t));
        let in_header: Vec<usize> = (0..candidates.len())
            .filter(sendable)
            .filter(|&i| candidates.get(i).is_some_and(|c| sent_in_header(&c.source)))
            .collect();
        let sent = match in_header.as_slice() {
            [one] => Some(*one),
            [] if sendable_count == 1 => (0..tokens.len()).find(sendable),
            _ => None,
        };
        let accepts_sent = sent.is_some_and(|i| {
            choices
                .iter()
                .find(|c| Some(c.profile) == chosen)
                .map_or(i == selected, |c| c.send == Some(i))
        });
        // The same for a 403 the HTTP API or REST JWT authorizer gives a token without the
        // route's scope (H10, J1a; review round 11: a green line above "Likely a route scope the
        // token lacks").
        if let Some(lead) = lines.first_mut().filter(|l| {
            chosen.is_some() && l.tone == Tone::Good && accepts_sent && (said_401 || said_403)
        }) {
            lead.tone = Tone::Open;
            lead.headline = if said_401 {
                words::PASSES_YET_401
            } else {
                words::PASSES_YET_403
            }
            .to_owned();
            lead.send = None;
            lead.reason = format!("{} {}", lead.reason, words::DEPLOYED_DIFFERS);
            yet_said = sent.map(|i| (i, said_401));
        }
        let another_layer = line.tone == Tone::Neutral;
        if another_layer && chosen.is_some() && !lines.is_empty() {
            line.reason = format!("{} {}", line.reason, words::THE_TOKEN_ITSELF);
        }
        let at = usize::from(chosen.is_some() && !another_layer);
        // Below a chosen line that rejects the token, that line's fix is the one to show; the
        // answer's own (a checklist for a token the rows accept) stays in its findings.
        if at == 1 && lines.first().is_some_and(|l| l.tone == Tone::Bad) {
            line.fix = None;
        }
        lines.insert(at.min(lines.len()), line);
    }

    let rows = (0..facts.len())
        .map(|i| {
            let never_sent = tokens.get(i).is_some_and(choose::is_never_sent);
            MatrixRow {
                index: i,
                label: label(i),
                kind: kind_of(i),
                cells: order
                    .iter()
                    .enumerate()
                    .map(|(column, &p)| {
                        if never_sent {
                            return Cell {
                                profile: profile_id(p),
                                tone: Tone::Neutral,
                                mark: "–",
                                words: words::NEVER_SENT.to_owned(),
                            };
                        }
                        match judged.get(i).and_then(|row| row.get(column)) {
                            Some(r) => cell(r),
                            None => Cell {
                                profile: profile_id(p),
                                tone: Tone::Open,
                                mark: "?",
                                words: String::new(),
                            },
                        }
                    })
                    .collect(),
                example: false,
            }
        })
        .collect();
    let mut rows: Vec<MatrixRow> = rows;
    // The chosen gateway is the first column.
    if let Some((sent, said_401)) = yet_said {
        let sent_cell = rows.iter_mut().find(|r| r.index == sent);
        if let Some(c) = sent_cell.and_then(|r| r.cells.first_mut()) {
            c.tone = Tone::Open;
            c.mark = "?";
            c.words = if said_401 {
                words::PASSES_YET_401_CELL
            } else {
                words::PASSES_YET_403_CELL
            }
            .to_owned();
        }
    }
    if sendable_count == 1 {
        rows.extend(example_row(&tokens, &order, e));
    }

    let recommended =
        chosen.and_then(|p| choices.iter().find(|c| c.profile == p).and_then(|c| c.send));
    // The chosen gateway's line or a pasted gateway answer leads, and with a chosen gateway the
    // answer stays beside its line (below it, or above it when it came from another layer).
    let is_response = |i: usize| lines.get(i).is_some_and(|l| l.id == "response");
    let leads = chosen.is_some() || is_response(0);
    let beside = chosen.is_some() && (is_response(0) || is_response(1));
    let leading = (usize::from(leads) + usize::from(beside)).min(lines.len());
    let shared_fix = lines
        .first()
        .and_then(|first| first.fix.as_ref())
        .filter(|&fix| {
            leading == 0
                && lines.len() > 1
                && lines
                    .iter()
                    .all(|l| l.tone == Tone::Bad && l.fix.as_ref() == Some(fix))
        })
        .cloned();
    // The lead line, and the first fix the card shows open (it shows fixes on leading lines,
    // and the one every line shares).
    let announcement = lines
        .first()
        .map(|l| {
            let fix = lines.iter().take(leading).find_map(|l| l.fix.as_deref());
            words::announcement(
                l.gateway,
                &l.headline,
                &l.reason,
                fix.or(shared_fix.as_deref()),
            )
        })
        .unwrap_or_default();
    AnswerView {
        lines,
        columns: order
            .iter()
            .map(|&p| (profile_id(p), words::short_name(p)))
            .collect(),
        rows,
        recommended,
        leading,
        shared_fix,
        announcement,
    }
}

/// For a paste with one sendable Cognito token, the row of its counterpart (the other kind from
/// the same sign-in), judged under every gateway with the pasted token's verification.
fn example_row(tokens: &[TokenFacts], order: &[Profile], e: &Expectations) -> Option<MatrixRow> {
    let (index, token) = tokens
        .iter()
        .enumerate()
        .find(|(_, t)| !choose::is_never_sent(t) && t.claims.is_some())?;
    let cp = counterpart::counterpart(token.kind, token.claims?, e.target)?;
    let example = TokenFacts {
        claims: Some(&cp.claims),
        kind: &cp.kind,
        ..*token
    };
    let kind = words::kind_name(&cp.kind);
    Some(MatrixRow {
        index,
        label: words::example_label(kind),
        kind,
        cells: order
            .iter()
            .map(|&p| {
                let r = profiles::judge(p, &example, e.target, e.now, e.leeway);
                let mut c = cell(&r);
                let scopes = counterpart::required_by(p, e.target);
                if c.tone == Tone::Good && !cp.assumed_scopes.is_empty() && !scopes.is_empty() {
                    c.words = words::if_it_carries(scopes);
                }
                c
            })
            .collect(),
        example: true,
    })
}

/// A row's findings, those that reject first: the evidence opens with what decided, not with a
/// check that could not be made beside it (a signature unchecked beside an issuer mismatch).
fn profile_findings(r: &ProfileResult) -> Vec<FindingView> {
    let rejects = |f: &&crate::diagnose::finding::Finding| {
        matches!(profiles::effect(&f.code), profiles::Effect::Reject { .. })
    };
    r.findings
        .iter()
        .filter(rejects)
        .chain(r.findings.iter().filter(|f| !rejects(f)))
        .map(|f| finding_view(f, explain::profiles::message(f), explain::profiles::fix(f)))
        .collect()
}

fn single_line(r: &ProfileResult, selected: usize, label: &dyn Fn(usize) -> String) -> AnswerLine {
    // It cannot tell for want of the issuer's keys alone; and, then, keys were given that lack
    // the token's kid.
    let only_keys =
        matches!(&r.verdict, ProfileVerdict::CannotTell { needs } if needs_only_keys(needs));
    let kid_miss = r
        .findings
        .iter()
        .find(|f| kid_missing_here(&f.code))
        .filter(|_| only_keys);
    let (tone, headline, reason) = match &r.verdict {
        ProfileVerdict::Accept if profiles::assumptions(&r.findings).next().is_some() => (
            Tone::Good,
            words::ACCEPTED_IF_CONFIGURED.to_owned(),
            explain::profiles::verdict_line(r),
        ),
        ProfileVerdict::Accept => (
            Tone::Good,
            words::ACCEPTED.to_owned(),
            words::passes(&label(selected)),
        ),
        ProfileVerdict::Reject {
            status,
            certain,
            status_sure,
            ..
        } => (
            Tone::Bad,
            words::rejected(&status_known(r, *status, *status_sure).words(), *certain),
            profiles::deciding(&r.findings)
                .map(explain::profiles::message)
                .unwrap_or_else(|| explain::profiles::verdict_line(r)),
        ),
        ProfileVerdict::CannotTell { .. } => (
            Tone::Open,
            words::CANNOT_TELL.to_owned(),
            // Keys given that lack the token's kid: said as such (review round 10: the generic
            // "needs the issuer's keys" hid that keys were given).
            kid_miss
                .map(explain::profiles::message)
                .unwrap_or_else(|| explain::profiles::verdict_line(r)),
        ),
    };
    let fix = match &r.verdict {
        ProfileVerdict::Reject { .. } => {
            profiles::deciding(&r.findings).and_then(explain::profiles::fix)
        }
        // What would tell: the fix of the first finding that needs what the line needs first.
        ProfileVerdict::CannotTell { needs } => r
            .findings
            .iter()
            .filter(|f| matches!(profiles::effect(&f.code), profiles::Effect::Needs(n) if Some(&n) == needs.first()))
            .find_map(explain::profiles::fix),
        ProfileVerdict::Accept => None,
    };
    AnswerLine {
        id: profile_id(r.profile),
        gateway: explain::profiles::profile_name(r.profile),
        tone,
        headline,
        send: None,
        reason,
        fix,
        needs_keys: only_keys && kid_miss.is_none(),
        findings: profile_findings(r),
    }
}

fn needs_only_keys(needs: &[profiles::Need]) -> bool {
    matches!(needs, [profiles::Need::IssuerKeys])
}

/// The keys given lack the token's `kid` (they may not be the issuer's, or predate the token).
fn kid_missing_here(code: &Code) -> bool {
    use crate::diagnose::profiles::lambda_ajv::AjvCode;
    use profiles::{GatewayCode as G, Unchecked as U};
    matches!(
        code,
        Code::Gateway(G::SignatureUnchecked {
            why: U::KidNotGiven(_) | U::KidNewerThanFetch(_),
            ..
        }) | Code::Ajv(AjvCode::KeysNeeded { given: true, .. })
    )
}

fn choice_line<'a>(
    p: Profile,
    choice: &choose::Choice,
    facts: &[Facts],
    label: &dyn Fn(usize) -> String,
    kind_of: &dyn Fn(usize) -> &'static str,
    result_of: &dyn Fn(usize) -> Option<&'a ProfileResult>,
) -> AnswerLine {
    let mut findings: Vec<FindingView> = Vec::new();
    // Each token this gateway rejects: the line saying so, and its fix.
    let mut others: Vec<(String, Option<String>)> = Vec::new();
    let mut never_sent: Vec<String> = Vec::new();
    let mut decoded_count = 0;
    for (i, f) in &choice.reasons {
        let status = match profiles::effect(&f.code) {
            profiles::Effect::Reject {
                status,
                status_sure,
                ..
            } => Some(known_status(p, f, status, status_sure)),
            _ => None,
        };
        match status {
            Some(status) => {
                let message = explain::profiles::message(f);
                // A decoded token's reason says more than "not a JWT" about an opaque value.
                let decoded = facts.get(*i).is_some_and(|f| f.claims().is_some());
                let line = words::other_fails(&label(*i), status, &message);
                // An ID token beside the access token this gateway takes: the fix is to send
                // that one, not to widen the authorizer for the ID token.
                let fix = match choice.send.map(kind_of) {
                    Some(sent @ "access token") if kind_of(*i) == "ID token" => {
                        Some(words::send_instead(sent))
                    }
                    _ => explain::profiles::fix(f),
                };
                if decoded {
                    others.insert(decoded_count, (line, fix.clone()));
                    decoded_count += 1;
                } else {
                    others.push((line, fix.clone()));
                }
                findings.push(finding_view(f, message, fix));
            }
            None => {
                if let Code::Gateway(GatewayCode::NeverSent { why }) = &f.code {
                    never_sent.push(words::never_sent(&label(*i), *why));
                }
            }
        }
    }
    let (tone, headline, reason, send, fix) = match choice.send {
        Some(i) => {
            let kind = kind_of(i);
            let result = result_of(i);
            if let Some(r) = result {
                findings.splice(0..0, profile_findings(r));
            }
            let open = matches!(
                result.map(|r| &r.verdict),
                Some(ProfileVerdict::CannotTell { .. })
            );
            // An acceptance that holds only under assumptions (pool, method scopes not said)
            // names them first: "send the ID token" is true only for that setup.
            let assumed = result
                .filter(|r| profiles::assumptions(&r.findings).next().is_some())
                .map(explain::profiles::verdict_line);
            let reason = match (open, result, others.first().map(|o| &o.0), assumed) {
                (true, Some(r), _, _) => explain::profiles::verdict_line(r),
                (false, _, Some(other), Some(assumed)) => format!("{assumed} {other}"),
                (false, _, Some(other), None) => other.clone(),
                (false, _, None, Some(assumed)) => assumed,
                _ => words::passes(&label(i)),
            };
            (
                if open { Tone::Open } else { Tone::Good },
                words::send(kind),
                reason,
                Some(label(i)),
                None,
            )
        }
        // No token passes: the first rejection is the reason, with its fix.
        None => {
            let (reason, fix) = others
                .first()
                .cloned()
                .or_else(|| never_sent.first().map(|n| (n.clone(), None)))
                .unwrap_or_default();
            (Tone::Bad, words::NONE_PASSES.to_owned(), reason, None, fix)
        }
    };
    AnswerLine {
        id: profile_id(p),
        gateway: explain::profiles::profile_name(p),
        tone,
        headline,
        send,
        reason,
        fix,
        needs_keys: false,
        findings,
    }
}

/// How surely the row's rejection status is known; a Lambda row whose API type is not said is
/// answered 401 or 403 by it.
fn status_known(r: &ProfileResult, status: u16, status_sure: bool) -> words::StatusKnown {
    match profiles::deciding(&r.findings) {
        Some(f) => known_status(r.profile, f, status, status_sure),
        None => words::StatusKnown::of(status, status_sure, r.profile, false),
    }
}

/// How surely the status of the rejection `f` decides is known under `profile`.
fn known_status(
    profile: Profile,
    f: &crate::diagnose::finding::Finding,
    status: u16,
    status_sure: bool,
) -> words::StatusKnown {
    let by_api = match &f.code {
        Code::Ajv(c) => profiles::lambda_ajv::status_depends_on_api(c),
        _ => false,
    };
    words::StatusKnown::of(status, status_sure, profile, by_api)
}

fn cell(r: &ProfileResult) -> Cell {
    let (tone, mark, words) = match &r.verdict {
        ProfileVerdict::Accept if profiles::assumptions(&r.findings).next().is_some() => (
            Tone::Good,
            "✓",
            words::ACCEPTED_IF_CONFIGURED.to_ascii_lowercase(),
        ),
        ProfileVerdict::Accept => (Tone::Good, "✓", words::ACCEPTED.to_ascii_lowercase()),
        ProfileVerdict::Reject {
            status,
            status_sure,
            ..
        } => (
            Tone::Bad,
            "✗",
            format!(
                "{} · {}",
                status_known(r, *status, *status_sure).brief(),
                profiles::deciding(&r.findings)
                    .map(|f| words::cell_words(&f.code))
                    .unwrap_or("rejected")
            ),
        ),
        ProfileVerdict::CannotTell { needs } => (
            Tone::Open,
            "?",
            needs
                .first()
                .map_or("can't tell", |n| words::need_words(*n))
                .to_owned(),
        ),
    };
    Cell {
        profile: profile_id(r.profile),
        tone,
        mark,
        words,
    }
}

/// The line for a pasted gateway answer, when it says anything.
pub fn response_line(response: &ResponseView) -> Option<AnswerLine> {
    let first = response.findings.first()?;
    let not_token = ["Not a token problem", "Likely not a token problem"]
        .iter()
        .any(|p| first.text.starts_with(p));
    // The reading's first clause is the headline ("Not a token problem", "Likely a route scope
    // the token lacks"); the rest follows it, after the status read.
    let (headline, rest) = lead_clause(&first.text);
    let reason = [response.status.as_deref().unwrap_or_default(), rest]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" — ");
    Some(AnswerLine {
        id: "response",
        gateway: "What the gateway answered",
        tone: if not_token { Tone::Neutral } else { Tone::Bad },
        headline,
        send: None,
        reason,
        fix: first.fix.clone(),
        needs_keys: false,
        findings: response.findings.clone(),
    })
}

/// Whether a token found there is the one a request sent (an `Authorization` header as
/// written, in curl or in a HAR's headers, or `Bearer …` pasted alone).
fn sent_in_header(source: &crate::input::Source) -> bool {
    use crate::input::Source as S;
    match source {
        S::AuthorizationHeader { .. } | S::BearerValue | S::CurlHeader => true,
        S::JsonNamedValue { name, .. } => name.eq_ignore_ascii_case("authorization"),
        _ => false,
    }
}

/// `text` split after its first clause of three words or more: up to the first ": " or ". "
/// (kept) after which the rest follows. The whole text when there is none.
fn lead_clause(text: &str) -> (String, &str) {
    let b = text.as_bytes();
    let mut spaces = 0;
    for (i, pair) in b.windows(2).enumerate() {
        match pair {
            [b':' | b'.', b' '] if spaces >= 2 => {
                let (head, rest) = text.split_at(i + 1);
                return (head.to_owned(), rest.trim_start());
            }
            [b' ', _] => spaces += 1,
            _ => {}
        }
    }
    (text.to_owned(), "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::config::Target;
    use crate::inspect::{overview, response_view, target, Fields};

    const DEMO: &str = include_str!("../../static/demo/authentication-result.json");
    /// 2026-01-15T09:30Z: both demo tokens are within their hour.
    const DEMO_NOW: i64 = 1_768_469_400;

    fn demo_answer(target: &Target, chosen: Option<Profile>) -> AnswerView {
        answer_for(DEMO, target, chosen)
    }

    /// The demo's token at `index` (0 access, 1 ID), pasted alone.
    fn demo_token(index: usize) -> String {
        overview(DEMO)
            .extraction
            .candidates
            .get(index)
            .map(|c| c.token.to_string())
            .expect("a demo token")
    }

    /// A REST method whose one OAuth scope is the demo access token's.
    fn scoped_to_the_demo_access_token() -> Target {
        let mut fields = Fields::new();
        fields.insert(
            "cfg-rest-scopes",
            "aws.cognito.signin.user.admin".to_owned(),
        );
        target(&fields).0
    }

    fn answer_for(text: &str, target: &Target, chosen: Option<Profile>) -> AnswerView {
        answer_at(text, target, chosen, DEMO_NOW)
    }

    fn answer_at(text: &str, target: &Target, chosen: Option<Profile>, now: i64) -> AnswerView {
        answer_with(text, target, chosen, now, &ResponseView::default())
    }

    /// [`answer_at`] beside a pasted gateway answer.
    fn answer_with(
        text: &str,
        target: &Target,
        chosen: Option<Profile>,
        now: i64,
        response: &ResponseView,
    ) -> AnswerView {
        let keys = crate::jose::jwk::parse_jwks(include_bytes!("../../static/demo/jwks.json"))
            .expect("demo keys");
        let e = Expectations {
            keys: &[&keys],
            target,
            now,
            leeway: 0,
        };
        let o = overview(text);
        let facts = crate::diagnose::facts_of_all(&o.extraction.candidates, e.keys);
        answer_view(&o, &facts, 0, &e, chosen, response)
    }

    #[test]
    fn a_token_issued_well_ahead_of_this_clock_says_a_clock_is_off_on_the_lead_line() {
        // G12: the demo's ID token (iat 1768467600) judged three hours before it was issued.
        let (target, _) = target(&Fields::new());
        let early = 1_768_467_600 - 3 * 3600;
        let lead = |chosen| {
            answer_at(&demo_token(1), &target, Some(chosen), early).lines[0]
                .reason
                .clone()
        };
        let rest = lead(Profile::RestCognito);
        assert!(rest.contains("ahead of this computer's clock"), "{rest}");
        // The HTTP API row's own reason is the future iat already: said once.
        let http = lead(Profile::HttpJwt);
        assert_eq!(http.matches("iat is").count(), 1, "{http}");
        assert!(!http.contains("ahead of this computer's clock"), "{http}");
        let now = answer_for(&demo_token(1), &target, Some(Profile::RestCognito));
        assert!(!now.lines[0]
            .reason
            .contains("ahead of this computer's clock"));
    }

    #[test]
    fn a_rejection_names_its_status_only_as_surely_as_it_is_known() {
        // The demo's ID token alone, judged a day after it expired, nothing configured.
        let (target, _) = target(&Fields::new());
        let answer = answer_at(&demo_token(1), &target, None, DEMO_NOW + 86_400);
        let headline = |id: &str| {
            answer
                .lines
                .iter()
                .find(|l| l.id == id)
                .map(|l| l.headline.clone())
                .unwrap_or_default()
        };
        // Documented: the status.
        assert_eq!(headline("http-jwt"), "Rejected 401");
        // J1: the REST JWT authorizer documents no status for an expired token.
        assert_eq!(headline("rest-jwt"), "Rejected (status undocumented)");
        // C6: a Lambda authorizer whose API type is not said answers 401 or 403.
        assert!(
            headline("lambda-ajv").ends_with("(401 on a REST API, 403 on an HTTP API)"),
            "{}",
            headline("lambda-ajv")
        );
        let cells: Vec<&str> = answer
            .rows
            .first()
            .map(|r| r.cells.iter().map(|c| c.words.as_str()).collect())
            .unwrap_or_default();
        assert!(
            cells.iter().any(|w| w.starts_with("401/403 · ")),
            "{cells:?}"
        );
    }

    #[test]
    fn on_a_rest_method_without_scopes_the_answer_leads_with_send_the_id_token() {
        let (target, _) = target(&Fields::new());
        let answer = demo_answer(&target, Some(Profile::RestCognito));
        let lead = answer.lines.first().expect("a line");
        assert_eq!((lead.id, lead.tone), ("rest-cognito", Tone::Good));
        assert_eq!(lead.headline, "Send the ID token");
        assert!(lead
            .send
            .as_deref()
            .is_some_and(|s| s.starts_with("IdToken")));
        assert!(lead
            .findings
            .iter()
            .any(|f| f.code == "rest_access_token_on_method_without_scopes"));
        // The scopes question is not answered: the lead says the answer holds for a method
        // without scopes; answered "No", it does not need to.
        assert!(
            lead.reason.contains("the method has no OAuth scopes"),
            "{}",
            lead.reason
        );
        let mut no = Fields::new();
        no.insert("cfg-rest-scopes", String::new());
        let (said, _) = crate::inspect::target(&no);
        let said_lead = demo_answer(&said, Some(Profile::RestCognito))
            .lines
            .remove(0);
        assert!(
            !said_lead.reason.contains("the method has no OAuth scopes"),
            "{}",
            said_lead.reason
        );
        // The demo lists AccessToken, IdToken, RefreshToken, in that order.
        assert_eq!(answer.recommended, Some(1));
        assert_eq!(answer.columns.first().map(|c| c.0), Some("rest-cognito"));
        assert_eq!(answer.lines.len(), Profile::ALL.len());
    }

    #[test]
    fn a_rejected_line_s_evidence_opens_with_what_rejected_it_not_the_unchecked_signature() {
        // A review: an issuer mismatch with no keys opened its evidence with "cannot tell
        // whether the signature is accepted — needs the issuer's keys".
        let mut other_pool = Fields::new();
        other_pool.insert("cfg-rest-pools", "us-east-1_OtherPool9".to_owned());
        let (t, _) = target(&other_pool);
        let o = overview(&demo_token(1));
        let facts = crate::diagnose::facts_of_all(&o.extraction.candidates, &[]);
        let e = Expectations {
            keys: &[],
            target: &t,
            now: DEMO_NOW,
            leeway: 0,
        };
        let chosen = Some(Profile::RestCognito);
        let a = answer_view(&o, &facts, 0, &e, chosen, &ResponseView::default());
        let lead = &a.lines[0];
        assert_eq!(lead.tone, Tone::Bad);
        let codes: Vec<&str> = lead.findings.iter().map(|f| f.code).collect();
        let unchecked = codes.iter().position(|c| c.contains("signature"));
        assert!(unchecked.is_some(), "{codes:?}");
        assert!(unchecked > Some(0), "{codes:?}");
        assert_eq!(lead.findings[0].fix, lead.fix, "{codes:?}");
    }

    #[test]
    fn a_401_beside_the_token_the_chosen_line_accepts_is_no_plain_accepted() {
        // A review pasted a curl transcript: a valid ID token, a method without scopes, and
        // the stage's 401. The lead said "Accepted if configured" in green above it.
        let mut no = Fields::new();
        no.insert("cfg-rest-scopes", String::new());
        let (said, _) = target(&no);
        let chosen = Some(Profile::RestCognito);
        let unauthorized = super::super::diagnosis::response_view_for(
            "HTTP/2 401\n\n{\"message\":\"Unauthorized\"}",
            chosen,
        );
        let id = demo_token(1);
        let plain = answer_with(&id, &said, chosen, DEMO_NOW, &ResponseView::default());
        assert_eq!(plain.lines.first().map(|l| l.tone), Some(Tone::Good));
        let a = answer_with(&id, &said, chosen, DEMO_NOW, &unauthorized);
        let (lead, answer) = (&a.lines[0], &a.lines[1]);
        assert_eq!((lead.id, lead.tone), ("rest-cognito", Tone::Open));
        assert_eq!(lead.headline, words::PASSES_YET_401);
        assert!(
            lead.reason.ends_with(words::DEPLOYED_DIFFERS),
            "{}",
            lead.reason
        );
        // Its matrix cell under the chosen gateway says the same (the other gateways' cells
        // describe their own setups), where it read "accepted if configured" without the 401.
        let cell = |a: &AnswerView| {
            let c = &a.rows[0].cells[0];
            (c.profile, c.tone, c.words.clone())
        };
        assert_eq!(
            cell(&a),
            (
                "rest-cognito",
                Tone::Open,
                words::PASSES_YET_401_CELL.to_owned()
            )
        );
        assert_eq!(cell(&plain).1, Tone::Good);
        assert_eq!(a.rows[0].cells[1..], plain.rows[0].cells[1..]);
        // The answer follows it, with what to check open.
        assert_eq!(answer.id, "response");
        assert!(
            answer
                .fix
                .as_deref()
                .is_some_and(|f| f.contains("redeployed")),
            "{:?}",
            answer.fix
        );
        // The access token on that method: the 401 agrees with the line, which stays, and its
        // fix is the one shown open (the answer's checklist is for a token the rows accept).
        let a = answer_with(&demo_token(0), &said, chosen, DEMO_NOW, &unauthorized);
        assert_eq!(a.lines[0].tone, Tone::Bad);
        assert_ne!(a.lines[0].headline, words::PASSES_YET_401);
        assert!(a.lines[0].fix.is_some());
        assert_eq!(
            (a.lines[1].id, a.lines[1].fix.as_deref()),
            ("response", None)
        );
        // Both tokens pasted, the 401 beside them: which one was sent is not known, and the
        // line says which to send, on a method with scopes or without.
        let scoped = scoped_to_the_demo_access_token();
        let both = answer_with(DEMO, &said, chosen, DEMO_NOW, &unauthorized);
        assert_eq!(both.lines[0].headline, "Send the ID token");
        let both = answer_with(DEMO, &scoped, chosen, DEMO_NOW, &unauthorized);
        assert_eq!(both.lines[0].headline, "Send the access token");
        // A curl command sent the ID token, the access token is pasted beside it: the line that
        // sends the ID token is contradicted by the 401; the one that sends the access token
        // is not (the 401 was the ID token's, as it says).
        let curl = format!(
            "curl -H 'Authorization: {id}' https://abc.execute-api.eu-west-1.amazonaws.com/prod/x\nthe app also has {}",
            demo_token(0)
        );
        let sent_id = answer_with(&curl, &said, chosen, DEMO_NOW, &unauthorized);
        assert_eq!(sent_id.lines[0].headline, words::PASSES_YET_401);
        let sent_id = answer_with(&curl, &scoped, chosen, DEMO_NOW, &unauthorized);
        assert_eq!(sent_id.lines[0].headline, "Send the access token");
        // The same in a HAR (review round 10): its request's Authorization header is the token
        // sent, and its failed response is the answer, read from the paste itself.
        let har = format!(
            "{{\"log\":{{\"entries\":[{{\"request\":{{\"headers\":[{{\"name\":\"Authorization\",\"value\":\"{id}\"}}]}},\"response\":{{\"status\":401,\"headers\":[],\"content\":{{\"text\":\"{{\\\"message\\\":\\\"Unauthorized\\\"}}\"}}}}}}]}}}}"
        );
        let pasted = crate::inspect::pasted_answer_view(&har, &overview(&har).extraction, chosen);
        let a = answer_with(&har, &said, chosen, DEMO_NOW, &pasted);
        assert_eq!(
            a.lines[0].headline,
            words::PASSES_YET_401,
            "{:?}",
            a.lines[0]
        );
    }

    #[test]
    fn an_http_api_s_403_beside_the_token_its_line_accepts_is_no_plain_accepted() {
        // Review round 11 (H10, reported): a green "Accepted if configured" above the pasted
        // 403's "Likely a route scope the token lacks".
        let mut fields = Fields::new();
        fields.insert(
            "cfg-http-audiences",
            "d06wscp7w63b3ll1ujkm8ejsxb".to_owned(),
        );
        fields.insert("cfg-http-scopes", String::new());
        let (http, _) = target(&fields);
        let chosen = Some(Profile::HttpJwt);
        let id = demo_token(1);
        let curl = format!(
            "curl -i -H 'Authorization: Bearer {id}' https://abc.execute-api.eu-west-1.amazonaws.com/x\nHTTP/2 403\n\n{{\"message\":\"Forbidden\"}}"
        );
        let plain = answer_with(&id, &http, chosen, DEMO_NOW, &ResponseView::default());
        assert_eq!(plain.lines[0].tone, Tone::Good, "{:?}", plain.lines[0]);
        let pasted = crate::inspect::pasted_answer_view(&curl, &overview(&curl).extraction, chosen);
        let a = answer_with(&curl, &http, chosen, DEMO_NOW, &pasted);
        assert_eq!(
            (a.lines[0].tone, a.lines[0].headline.as_str()),
            (Tone::Open, words::PASSES_YET_403),
            "{:?}",
            a.lines[0]
        );
        let cell = &a.rows[0].cells[0];
        assert_eq!(
            (cell.profile, cell.words.as_str()),
            ("http-jwt", words::PASSES_YET_403_CELL)
        );
    }

    #[test]
    fn a_rejected_lead_line_carries_its_fix_and_the_other_gateways_keep_theirs_in_findings() {
        // A review: the classic case pasted alone (an access token, a REST method without
        // scopes) said why on the lead line but "send the ID token" only in the findings.
        let mut no = Fields::new();
        no.insert("cfg-rest-scopes", String::new());
        let (said, _) = target(&no);
        let answer = answer_for(&demo_token(0), &said, Some(Profile::RestCognito));
        let lead = answer.lines.first().expect("a line");
        assert_eq!(
            (lead.id, lead.tone, answer.leading),
            ("rest-cognito", Tone::Bad, 1)
        );
        let fix = lead.fix.as_deref().unwrap_or_default();
        assert!(fix.starts_with("Send the ID token"), "{fix}");
        // Screen readers hear it too.
        assert!(
            answer.announcement.ends_with(&format!("Fix: {fix}")),
            "{}",
            answer.announcement
        );
        // The evidence in the token, quoted: what makes it an access token.
        assert!(
            lead.reason.contains("token_use \"access\""),
            "{}",
            lead.reason
        );
        // The same fix as the deciding finding's, not a second wording.
        assert!(lead.findings.iter().any(|f| f.fix.as_deref() == Some(fix)));
        // An accepted line has nothing to fix.
        let id = answer_for(&demo_token(1), &said, Some(Profile::RestCognito));
        assert_eq!(id.lines.first().and_then(|l| l.fix.as_deref()), None);
        // The ID token on a scoped method: send an access token carrying a method scope.
        let scoped = scoped_to_the_demo_access_token();
        let answer = answer_for(&demo_token(1), &scoped, Some(Profile::RestCognito));
        let lead = answer.lines.first().expect("a line");
        assert_eq!(lead.tone, Tone::Bad);
        assert!(
            lead.fix
                .as_deref()
                .is_some_and(|f| f.contains("access token")),
            "{:?}",
            lead.fix
        );
    }

    #[test]
    fn with_a_method_scope_the_access_token_carries_the_answer_turns_to_the_access_token() {
        let target = scoped_to_the_demo_access_token();
        let answer = demo_answer(&target, Some(Profile::RestCognito));
        let lead = answer.lines.first().expect("a line");
        assert_eq!(lead.headline, "Send the access token");
        assert_eq!(answer.recommended, Some(0));
    }

    #[test]
    fn the_http_api_s_own_audience_answer_turns_an_assumed_or_typed_audience_into_a_rejection() {
        // H5 / H9 / §9: "the token does not have a valid audience" is the HTTP API saying its
        // deployed list lacks the token's audience; the row must not stay "accepted if the list
        // contains it", nor trust a typed list that contains it.
        let response = response_view(
            "www-authenticate: Bearer scope=\"\" error=\"invalid_token\" error_description=\"the token does not have a valid audience\"",
        );
        let answered = |fields: &Fields| {
            // As the page builds its target from the form and the gateway's answer.
            let (mut target, _) = target(fields);
            target.http.audience_refused = refuses_audience(&response);
            let keys = crate::jose::jwk::parse_jwks(include_bytes!("../../static/demo/jwks.json"))
                .expect("demo keys");
            let e = Expectations {
                keys: &[&keys],
                target: &target,
                now: DEMO_NOW,
                leeway: 0,
            };
            let text = demo_token(1);
            let o = overview(&text);
            let facts = crate::diagnose::facts_of_all(&o.extraction.candidates, e.keys);
            let a = answer_view(&o, &facts, 0, &e, Some(Profile::HttpJwt), &response);
            a.lines
                .into_iter()
                .find(|l| l.id == "http-jwt")
                .expect("the HTTP API line")
        };
        let line = answered(&Fields::new());
        assert_eq!(line.headline, "Rejected 401", "{}", line.reason);
        assert!(line
            .findings
            .iter()
            .any(|f| f.code == "http_audience_refused"));
        let token_aud = {
            let text = demo_token(1);
            let o = overview(&text);
            let f = crate::diagnose::facts_of_all(&o.extraction.candidates, &[]);
            f[0].claims()
                .and_then(|c| c.aud.present().map(|a| a.values().to_vec()))
                .unwrap()
        };
        let mut typed = Fields::new();
        typed.insert("cfg-http-audiences", token_aud.join(" "));
        let line = answered(&typed);
        assert_eq!(line.headline, "Rejected 401");
        assert!(
            line.reason.contains("deployed list differs"),
            "{}",
            line.reason
        );
    }

    #[test]
    fn an_expired_answer_beside_a_token_that_has_not_expired_says_another_token_was_sent() {
        // R7: "The incoming token has expired" with the demo ID token, judged inside its hour.
        let (target, _) = target(&Fields::new());
        let keys = crate::jose::jwk::parse_jwks(include_bytes!("../../static/demo/jwks.json"))
            .expect("demo keys");
        let text = demo_token(1);
        let o = overview(&text);
        let facts = crate::diagnose::facts_of_all(&o.extraction.candidates, &[&keys]);
        let response = response_view("401 {\"message\":\"The incoming token has expired\"}");
        let at = |now| {
            let e = Expectations {
                keys: &[&keys],
                target: &target,
                now,
                leeway: 0,
            };
            let a = answer_view(&o, &facts, 0, &e, Some(Profile::RestCognito), &response);
            a.lines
                .into_iter()
                .find(|l| l.id == "response")
                .expect("the answer's line")
        };
        let line = at(DEMO_NOW);
        assert!(
            line.headline
                .starts_with("Likely the token sent had expired"),
            "{}",
            line.headline
        );
        assert!(line.reason.contains("has not expired"), "{}", line.reason);
        // A day later the pasted token has expired too: nothing to add.
        assert!(!at(DEMO_NOW + 86_400).reason.contains("has not expired"));
        // The HTTP API's own words for it (H9) say the same of another token.
        let http = response_view(
            "HTTP/2 401\nwww-authenticate: Bearer error=\"invalid_token\" error_description=\"the token has expired\"",
        );
        assert!(http.says_expired);
        let e = Expectations {
            keys: &[&keys],
            target: &target,
            now: DEMO_NOW,
            leeway: 0,
        };
        let a = answer_view(&o, &facts, 0, &e, Some(Profile::HttpJwt), &http);
        let line = a.lines.iter().find(|l| l.id == "response").expect("a line");
        assert!(line.reason.contains("has not expired"), "{}", line.reason);
    }

    #[test]
    fn a_repair_a_server_would_reject_leads_the_answer() {
        // §0 / KC-401: a zero-width space or "Bearer Bearer" is what the server sees; the
        // verdict is for the repaired token, and the first line says so.
        let (target, _) = target(&Fields::new());
        let token = demo_token(1);
        let dot = token.find('.').expect("a dot");
        for pasted in [
            format!("{}\u{200B}{}", &token[..dot], &token[dot..]),
            format!("Bearer Bearer {token}"),
            format!("Authorization: Bearer \"{token}\""),
        ] {
            let answer = answer_for(&pasted, &target, Some(Profile::RestCognito));
            let lead = answer.lines.first().expect("a line");
            assert!(
                lead.reason.starts_with("As pasted it has")
                    && lead.reason.contains("server rejects"),
                "{pasted:?}: {}",
                lead.reason
            );
        }
        // The HTTP API accepts the repaired token, not what was pasted: no green line above it
        // (review round 10), and the fix is open.
        let mut fields = Fields::new();
        fields.insert(
            "cfg-http-audiences",
            "d06wscp7w63b3ll1ujkm8ejsxb".to_owned(),
        );
        fields.insert("cfg-http-scopes", String::new());
        let (http, _) = crate::inspect::target(&fields);
        let doubled = answer_for(
            &format!("Authorization: Bearer Bearer {token}"),
            &http,
            Some(Profile::HttpJwt),
        );
        let lead = &doubled.lines[0];
        let plain = answer_for(&token, &http, Some(Profile::HttpJwt));
        assert_eq!(plain.lines[0].tone, Tone::Good, "{:?}", plain.lines[0]);
        assert_eq!(
            (lead.tone, lead.headline.as_str()),
            (Tone::Bad, words::REJECTED_AS_PASTED)
        );
        let fix = lead.fix.as_deref().unwrap_or_default();
        assert!(
            fix.starts_with("Send one prefix, Authorization: Bearer <token>"),
            "{fix}"
        );
        let clean = answer_for(&token, &target, Some(Profile::RestCognito));
        assert!(!clean.lines[0].reason.contains("As pasted"));
        // Quotes around a pasted token alone are the paste's, not the request's.
        let quoted = answer_for(&format!("\"{token}\""), &target, Some(Profile::RestCognito));
        assert!(!quoted.lines[0].reason.contains("As pasted"));
    }

    #[test]
    fn another_token_s_status_is_said_only_as_surely_as_it_is_known() {
        // H10 (reported): an HTTP API route-scope miss is likely 403; J1: the REST JWT
        // authorizer's statuses besides a scope miss are undocumented.
        let mut fields = Fields::new();
        fields.insert("cfg-http-scopes", "orders/read".to_owned());
        let (target, _) = target(&fields);
        let answer = demo_answer(&target, Some(Profile::HttpJwt));
        let http = answer.lines.first().expect("a line");
        assert_eq!(http.id, "http-jwt");
        assert!(http.reason.contains("likely gets 403"), "{}", http.reason);
        assert_eq!(
            http.reason.matches("gets 403").count(),
            http.reason.matches("likely gets 403").count(),
            "{}",
            http.reason
        );
    }

    #[test]
    fn the_matrix_has_a_row_per_token_and_marks_the_refresh_token_never_sent() {
        let (target, _) = target(&Fields::new());
        let answer = demo_answer(&target, None);
        assert_eq!(answer.rows.len(), 3);
        assert_eq!(answer.recommended, None);
        let refresh = answer.rows.get(2).expect("refresh row");
        assert!(refresh.cells.iter().all(|c| c.tone == Tone::Neutral));
        assert_eq!(answer.rows.first().map(|r| r.kind), Some("access token"));
        let access_rest = answer
            .rows
            .first()
            .and_then(|r| r.cells.iter().find(|c| c.profile == "rest-cognito"))
            .expect("a cell");
        assert_eq!((access_rest.tone, access_rest.mark), (Tone::Bad, "✗"));
        // R1: the rejection is documented, its 401 only reported.
        assert!(
            access_rest.words.starts_with("likely 401 · "),
            "{}",
            access_rest.words
        );
        let columns: Vec<&str> = answer.columns.iter().map(|c| c.0).collect();
        assert_eq!(columns.len(), Profile::ALL.len());
    }

    fn cell_of<'a>(row: &'a MatrixRow, profile: &str) -> &'a Cell {
        row.cells
            .iter()
            .find(|c| c.profile == profile)
            .expect("a cell")
    }

    #[test]
    fn one_pasted_id_token_gets_an_example_row_for_the_access_token_of_the_same_sign_in() {
        let (target, _) = target(&Fields::new());
        let answer = answer_for(&demo_token(1), &target, Some(Profile::RestCognito));
        let [own, example] = answer.rows.as_slice() else {
            panic!("two rows, got {}", answer.rows.len());
        };
        assert_eq!((own.kind, own.example), ("ID token", false));
        assert_eq!((example.kind, example.example), ("access token", true));
        assert_eq!(cell_of(own, "rest-cognito").tone, Tone::Good);
        let access = cell_of(example, "rest-cognito");
        assert_eq!((access.tone, access.mark), (Tone::Bad, "✗"));
        assert!(
            access.words.starts_with("likely 401 · "),
            "{}",
            access.words
        );
        // The Test authorizer takes ID tokens only (R10).
        assert_eq!(cell_of(example, "rest-test-authorizer").tone, Tone::Bad);
    }

    #[test]
    fn with_method_scopes_the_example_access_token_passes_if_it_carries_one() {
        let mut fields = Fields::new();
        fields.insert("cfg-rest-scopes", "orders/read".to_owned());
        let (target, _) = target(&fields);
        let answer = answer_for(&demo_token(1), &target, Some(Profile::RestCognito));
        let own = answer.rows.first().expect("own row");
        let example = answer.rows.get(1).expect("example row");
        assert_eq!(cell_of(own, "rest-cognito").tone, Tone::Bad);
        let access = cell_of(example, "rest-cognito");
        assert_eq!(access.tone, Tone::Good);
        assert_eq!(access.words, "accepted if it carries orders/read");
    }

    #[test]
    fn an_access_token_the_rest_method_accepts_says_the_console_test_takes_id_tokens_only() {
        // R10: where the user looks first; not beside an ID token, nor on another gateway.
        let scoped = scoped_to_the_demo_access_token();
        let lead = |t: &Target, chosen| demo_answer(t, Some(chosen)).lines[0].reason.clone();
        let access = lead(&scoped, Profile::RestCognito);
        assert!(
            access.contains("Test authorizer takes ID tokens only"),
            "{access}"
        );
        let (plain, _) = target(&Fields::new());
        let id = lead(&plain, Profile::RestCognito);
        assert!(!id.contains("Test authorizer"), "{id}");
        assert!(!lead(&scoped, Profile::HttpJwt).contains("Test authorizer"));
    }

    #[test]
    fn an_unanswered_route_scope_question_assumes_what_lets_the_token_through() {
        // Review round 11 (H7): an access token carrying scopes passes a route requiring one of
        // them too; "only if the route requires no scopes" was wrong for it. An ID token carries
        // none, so for it that is the assumption.
        let reason = |i| {
            answer_for(&demo_token(i), &Target::default(), Some(Profile::HttpJwt)).lines[0]
                .reason
                .clone()
        };
        let access = reason(0);
        assert!(
            access.contains("the route requires no scopes or one the token carries"),
            "{access}"
        );
        let id = reason(1);
        assert!(id.contains("the route requires no scopes"), "{id}");
        assert!(!id.contains("or one the token carries"), "{id}");
    }

    #[test]
    fn with_no_gateway_named_a_fix_every_line_shares_is_shown_once() {
        // Review round 10: the ALB's own token with "Not sure": every line rejects it for the
        // same reason, and what to do was behind each line's disclosure.
        use base64::Engine;
        let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        let iss = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_tokenLens";
        let alb = format!(
            "{}.{}.{}",
            b64(&format!(
                r#"{{"alg":"ES256","kid":"3a7c9b1e-1111-2222-3333-444455556666","signer":"arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188","iss":"{iss}","client":"c1","exp":{}}}"#,
                DEMO_NOW + 600
            )),
            b64(&format!(
                r#"{{"sub":"u1","email":"ada@example.com","exp":{},"iss":"{iss}"}}"#,
                DEMO_NOW + 600
            )),
            b64("signature")
        );
        let a = answer_for(&alb, &Target::default(), None);
        assert_eq!(a.leading, 0);
        let fix = a.shared_fix.as_deref().unwrap_or_default();
        assert!(fix.contains("AlbJwtVerifier"), "{fix} {:?}", a.lines);
        assert!(
            a.announcement.ends_with(&format!("Fix: {fix}")),
            "{}",
            a.announcement
        );
        // With a gateway named, its line leads with that fix instead; and lines that do not all
        // agree share nothing (the demo's tokens).
        let named = answer_for(&alb, &Target::default(), Some(Profile::HttpJwt));
        assert_eq!(named.shared_fix, None);
        assert_eq!(named.lines[0].fix.as_deref(), Some(fix));
        assert_eq!(answer_for(DEMO, &Target::default(), None).shared_fix, None);
    }

    #[test]
    fn a_line_that_cannot_tell_for_want_of_keys_says_which_and_what_would_tell() {
        // Review round 10: a token whose kid the pasted keys lack read "Can't tell yet — needs
        // the issuer's keys", with no fix, though keys were pasted.
        use base64::Engine;
        let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        let demo = demo_token(1);
        let rest = demo.split_once('.').map_or("", |(_, rest)| rest);
        let token = format!(
            "{}.{rest}",
            b64(r#"{"alg":"RS256","kid":"not-in-the-demo-keys"}"#)
        );
        let mut no = Fields::new();
        no.insert("cfg-rest-scopes", String::new());
        let (said, _) = target(&no);
        // The gateway rows, and the Lambda row (review round 11: it kept the generic words).
        for chosen in [Profile::RestCognito, Profile::LambdaAjv] {
            let a = answer_for(&token, &said, Some(chosen));
            let lead = &a.lines[0];
            assert_eq!(
                (lead.id, lead.tone),
                (profile_id(chosen), Tone::Open),
                "{lead:?}"
            );
            assert!(
                lead.reason
                    .contains("have no key with kid not-in-the-demo-keys"),
                "{}",
                lead.reason
            );
            let fix = lead.fix.as_deref().unwrap_or_default();
            assert!(fix.starts_with("Fetch the issuer's key set"), "{fix}");
            // Keys were given: a failed fetch of the issuer's is not what this line waits for.
            assert!(!lead.needs_keys);
        }
    }

    #[test]
    fn a_401_beside_an_updated_issuer_token_names_it_as_a_possible_cause() {
        // R16: the REST Cognito line asks for a test against the deployed stage; a pasted 401
        // is that test's result.
        use base64::Engine;
        let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        let token = format!(
            "{}.{}.{}",
            b64(r#"{"alg":"RS256","kid":"k"}"#),
            b64(&format!(
                r#"{{"iss":"https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_tokenLens","token_use":"id","aud":"c","exp":{},"iat":{}}}"#,
                DEMO_NOW + 600,
                DEMO_NOW - 60
            )),
            b64("signature")
        );
        let (target, _) = target(&Fields::new());
        let said = |answer: &str| {
            let r = super::super::diagnosis::response_view_for(answer, Some(Profile::RestCognito));
            answer_with(&token, &target, Some(Profile::RestCognito), DEMO_NOW, &r)
                .lines
                .iter()
                .any(|l| l.reason.contains("Your stage rejected this token"))
        };
        assert!(said(
            "HTTP/1.1 401 Unauthorized\n\n{\"message\":\"Unauthorized\"}"
        ));
        assert!(!said(
            "HTTP/1.1 403 Forbidden\n\n{\"message\":\"Forbidden\"}"
        ));
    }

    #[test]
    fn a_token_response_names_its_tokens_by_their_fields_where_the_tokens_do_not() {
        // OIDC / RFC 6749 §5.1: an Auth0 or Entra response's tokens say little themselves; the
        // fields do. The refresh token (opaque here) is never sent (RFC 6749 §1.5), the access
        // token is the one to send, named so.
        use base64::Engine;
        let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        let jws = |payload: String| {
            format!(
                "{}.{}.{}",
                b64(r#"{"alg":"RS256","kid":"k"}"#),
                b64(&payload),
                b64("signature")
            )
        };
        let iss = "https://acme.eu.auth0.com/";
        let times = format!(r#""exp":{},"iat":{}"#, DEMO_NOW + 600, DEMO_NOW - 60);
        // The ID token first, as such a response may list it.
        let paste = format!(
            r#"{{"id_token":"{}","access_token":"{}","refresh_token":"v1.MzQ5ODc2NTQzMjEwOTg3NjU0MzIxMDk4NzY1NDMyMTA","token_type":"Bearer"}}"#,
            jws(format!(
                r#"{{"iss":"{iss}","aud":"xK9fQ2mZ","sub":"u",{times}}}"#
            )),
            jws(format!(
                r#"{{"iss":"{iss}","aud":"https://api.acme.com","scope":"read:orders","sub":"u",{times}}}"#
            )),
        );
        let mut fields = Fields::new();
        fields.insert(
            "cfg-http-audiences",
            "xK9fQ2mZ, https://api.acme.com".to_owned(),
        );
        let (target, _) = target(&fields);
        let answer = answer_for(&paste, &target, Some(Profile::HttpJwt));
        let lead = &answer.lines[0];
        assert_eq!(lead.headline, "Send the access token", "{lead:?}");
        assert!(lead
            .send
            .as_deref()
            .is_some_and(|s| s.contains("access_token")));
        let kinds: Vec<&str> = answer.rows.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, ["ID token", "access token", "refresh token"]);
        let refresh = answer.rows.get(2).expect("the refresh row");
        assert!(refresh.cells.iter().all(|c| c.words == words::NEVER_SENT));
        // With only the API listed, the ID token is rejected: its fix is the access token, not
        // an audience list widened for it.
        let mut fields = Fields::new();
        fields.insert("cfg-http-audiences", "https://api.acme.com".to_owned());
        let (api_only, _) = crate::inspect::target(&fields);
        let answer = answer_for(&paste, &api_only, Some(Profile::HttpJwt));
        let fixes: Vec<String> = answer.lines[0]
            .findings
            .iter()
            .filter_map(|f| f.fix.clone())
            .collect();
        assert!(
            fixes
                .iter()
                .any(|f| f.starts_with("Send the access token instead")),
            "{fixes:?}"
        );
        assert!(
            !fixes.iter().any(|f| f.contains("xK9fQ2mZ in the audience")),
            "{fixes:?}"
        );
    }

    #[test]
    fn one_pasted_access_token_gets_an_example_id_row_and_several_tokens_get_none() {
        let (target, _) = target(&Fields::new());
        let answer = answer_for(&demo_token(0), &target, None);
        let example = answer.rows.get(1).expect("example row");
        assert_eq!((example.kind, example.example), ("ID token", true));
        assert_eq!(cell_of(example, "rest-cognito").tone, Tone::Good);
        assert!(demo_answer(&target, None).rows.iter().all(|r| !r.example));
    }

    #[test]
    fn while_the_signature_is_being_checked_no_row_accepts_or_asks_for_keys() {
        let keys = crate::jose::jwk::parse_jwks(include_bytes!("../../static/demo/jwks.json"))
            .expect("demo keys");
        let (target, _) = target(&Fields::new());
        let e = Expectations {
            keys: &[&keys],
            target: &target,
            now: DEMO_NOW,
            leeway: 0,
        };
        let o = overview(&demo_token(1));
        let planned =
            crate::diagnose::facts_of_all_planned_with(&o.extraction.candidates, &|_| vec![&keys]);
        assert!(planned.facts.iter().all(|f| f.verification.is_pending()));
        let answer = answer_view(&o, &planned.facts, 0, &e, None, &ResponseView::default());
        let own = answer.rows.first().expect("a row");
        for c in &own.cells {
            assert_eq!((c.profile, c.tone), (c.profile, Tone::Open), "{}", c.words);
            assert_eq!(c.words, "checking the signature…", "{}", c.profile);
        }
        // Concluded with RustCrypto, the same rows decide.
        let done = demo_answer(&target, None);
        assert!(done
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .any(|c| c.tone != Tone::Open));
    }

    #[test]
    fn a_pasted_gateway_answer_follows_the_chosen_gateways_line_and_leads_without_one() {
        // The chosen gateway's rule is the answer (e.g. "expired 1 h ago"); the pasted 401
        // supports it, right below, instead of pushing it among the other gateways.
        let keys = crate::jose::jwk::parse_jwks(include_bytes!("../../static/demo/jwks.json"))
            .expect("demo keys");
        let target = Target::default();
        let e = Expectations {
            keys: &[&keys],
            target: &target,
            now: DEMO_NOW + 86_400,
            leeway: 0,
        };
        let o = overview(&demo_token(1));
        let facts = crate::diagnose::facts_of_all(&o.extraction.candidates, e.keys);
        let response = response_view("HTTP/2 401\n\n{\"message\":\"Unauthorized\"}");
        let ids = |chosen| {
            answer_view(&o, &facts, 0, &e, chosen, &response)
                .lines
                .iter()
                .map(|l| l.id)
                .collect::<Vec<_>>()
        };
        let chosen = ids(Some(Profile::RestCognito));
        assert_eq!(
            chosen.get(..2),
            Some(&["rest-cognito", "response"][..]),
            "{chosen:?}"
        );
        let none = ids(None);
        assert_eq!(none.first(), Some(&"response"), "{none:?}");
        assert_eq!(none.iter().filter(|&&i| i == "response").count(), 1);
    }

    #[test]
    fn a_bare_403_beside_a_jwt_authorizer_that_accepts_the_token_says_the_deployed_scopes_differ() {
        // J1a / C8: the token carries the method scope typed here, yet the gateway said 403. An
        // HTTP API has no API keys: its ForbiddenException 403 is read the same way there.
        let keyed = "HTTP/1.1 403 Forbidden\nx-amzn-errortype: ForbiddenException\n\n{\"message\":\"Forbidden\"}";
        for (field, chosen, answer) in [
            (
                "cfg-restjwt-scopes",
                Profile::RestJwt,
                "HTTP/1.1 403 Forbidden\n\n{\"message\":\"Forbidden\"}",
            ),
            ("cfg-http-scopes", Profile::HttpJwt, keyed),
        ] {
            let mut fields = Fields::new();
            fields.insert(field, "aws.cognito.signin.user.admin".to_owned());
            let (target, _) = target(&fields);
            let response = super::super::diagnosis::response_view_for(answer, Some(chosen));
            let a = answer_with(&demo_token(0), &target, Some(chosen), DEMO_NOW, &response);
            // The line accepts the token as described, yet the gateway said 403: no plain
            // "accepted" above that (review round 11).
            assert_eq!(
                (a.lines[0].tone, a.lines[0].headline.as_str()),
                (Tone::Open, words::PASSES_YET_403),
                "{chosen:?}: {:?}",
                a.lines[0]
            );
            let line = a.lines.iter().find(|l| l.id == "response").expect("a line");
            assert!(
                line.reason.ends_with(words::SCOPES_AS_TYPED_PASS),
                "{chosen:?}: {}",
                line.reason
            );
        }
    }

    #[test]
    fn a_gateway_answer_that_is_not_about_the_token_leads_the_card() {
        let response = response_view("HTTP/1.1 403 Forbidden\n\n{\"message\":\"Forbidden\"}\nx-amzn-ErrorType: ForbiddenException");
        let line = response_line(&response).expect("a line");
        assert_eq!(line.id, "response");
        assert!(!line.headline.is_empty());
        assert_eq!(response_line(&ResponseView::default()), None);
        // With a gateway chosen too: a 403 from another layer (§1b) stops the request whatever
        // the chosen line says of the token (here the demo's access token on a method without
        // scopes, R1), so it leads, and says what the line below it is.
        let keys = crate::jose::jwk::parse_jwks(include_bytes!("../../static/demo/jwks.json"))
            .expect("demo keys");
        let target = Target::default();
        let e = Expectations {
            keys: &[&keys],
            target: &target,
            now: DEMO_NOW,
            leeway: 0,
        };
        let o = overview(&demo_token(0));
        let facts = crate::diagnose::facts_of_all(&o.extraction.candidates, e.keys);
        let a = answer_view(&o, &facts, 0, &e, Some(Profile::RestCognito), &response);
        let ids: Vec<&str> = a.lines.iter().map(|l| l.id).collect();
        assert_eq!(
            ids.get(..2),
            Some(&["response", "rest-cognito"][..]),
            "{ids:?}"
        );
        assert!(a.lines[0].reason.ends_with(words::THE_TOKEN_ITSELF));
        assert_eq!(a.lines[1].tone, Tone::Bad, "{:?}", a.lines[1]);
        assert!(
            a.announcement.contains("Not a token problem: "),
            "{}",
            a.announcement
        );
        // Both lead (the card shows both fixes open), and the live region says the first fix
        // shown.
        assert_eq!(a.leading, 2);
        let first_fix = a.lines[..2].iter().find_map(|l| l.fix.as_deref());
        let fix = first_fix.expect("a fix on a leading line");
        assert!(
            a.announcement.ends_with(&format!("Fix: {fix}")),
            "{}",
            a.announcement
        );
        // The answer alone, no gateway chosen: it leads alone.
        let alone = answer_view(&o, &facts, 0, &e, None, &response);
        assert_eq!((alone.lines[0].id, alone.leading), ("response", 1));
    }

    #[test]
    fn with_no_gateway_named_and_no_answer_pasted_no_line_leads_and_no_fix_is_announced() {
        let answer = answer_for(&demo_token(0), &Target::default(), None);
        assert!(answer.lines.len() > 1);
        assert_eq!(answer.leading, 0);
        assert!(
            !answer.announcement.contains("Fix:"),
            "{}",
            answer.announcement
        );
        let chosen = answer_for(&demo_token(0), &Target::default(), Some(Profile::HttpJwt));
        assert_eq!((chosen.lines[0].id, chosen.leading), ("http-jwt", 1));
    }

    #[test]
    fn a_gateway_answer_s_headline_is_its_first_clause_and_the_rest_follows() {
        let line = |text: &str, gateway| {
            response_line(&crate::inspect::response_view_for(text, gateway)).expect("a line")
        };
        let missing = line("{\"message\":\"Missing Authentication Token\"}", None);
        assert_eq!(missing.headline, "Not a token problem:");
        assert!(
            missing.reason.starts_with("no such path"),
            "{}",
            missing.reason
        );
        let unauthorized = line(
            "HTTP/2 401\n\n{\"message\":\"Unauthorized\"}",
            Some(Profile::HttpJwt),
        );
        assert_eq!(
            unauthorized.headline,
            "The JWT authorizer rejected the token or found none (401)."
        );
        assert!(
            unauthorized
                .reason
                .starts_with("HTTP 401: Unauthorized — Where the row"),
            "{}",
            unauthorized.reason
        );
        assert_eq!(lead_clause("No clause"), ("No clause".to_owned(), ""));
        // Read as the chosen gateway means them: the Lambda authorizer's 500, 401 and bare 403
        // (C9, L1–L3, L6); REST's expiry body with the HTTP API chosen (§9).
        let cases = [
            (
                "HTTP/1.1 500\n\n{\"message\": null}",
                Profile::LambdaAjv,
                "Not a token problem:",
                "your Lambda authorizer failed",
            ),
            (
                "HTTP/1.1 401\n\n{\"message\":\"Unauthorized\"}",
                Profile::LambdaAjv,
                "The Lambda authorizer's 401:",
                "unstripped",
            ),
            (
                "HTTP/1.1 403\n\n{\"message\":\"Forbidden\"}",
                Profile::LambdaAjv,
                "Likely your Lambda authorizer denied",
                "isAuthorized: false",
            ),
            (
                "401 {\"message\":\"The incoming token has expired\"}",
                Profile::HttpJwt,
                "Likely the token sent had expired.",
                "REST API Cognito authorizer's",
            ),
            (
                "www-authenticate: Bearer error=\"invalid_token\" error_description=\"signing key not found\"",
                Profile::HttpJwt,
                "The JWT authorizer rejected the signature",
                "less than 2 hours ago",
            ),
        ];
        for (text, gateway, headline, said) in cases {
            let l = line(text, Some(gateway));
            assert!(l.headline.starts_with(headline), "{text}: {}", l.headline);
            assert!(l.reason.contains(said), "{text}: {}", l.reason);
        }
    }
}
