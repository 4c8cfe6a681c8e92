//! Decisions (decisions.md): does every decision have a lawful, assured route from the body
//! that holds the function to the body that takes it? Routes come from
//! `crate::decisions::route`, the one place they are computed.

use std::collections::{HashMap, HashSet};

use super::context::Context;
use super::{Rule, Severity, Sink, names};
use crate::decisions::{DecisionRoute, Route};
use crate::model::{LinkKind, Maturity};

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "X01",
        severity: Severity::Error,
        title: "Decision held by a body without statutory force",
        explanation: "A function is held in law by a statutory body: the ICB, NHS England, a council, \
            a trust. A partnership has no functions of its own, so every decision it appears to hold \
            belongs to its constituent organisations. Make the holder the statutory body, and draw \
            the route by which the decision reaches the partnership's table.",
        source: "001: functions belong to the constituent organisations",
        check: held_without_statutory_force,
    },
    Rule {
        id: "X02",
        severity: Severity::Error,
        title: "Decision taken without delegated authority",
        explanation: "The decision is taken by a body other than its holder, but no chain of \
            delegations or committees leads from the holder to it, so nothing gives that body the \
            authority. Draw the delegation (with its purpose and assurance), make the taker a \
            committee of the holder, or reserve the decision.",
        source: "decisions.md: a decision taken without delegated authority",
        check: taken_without_route,
    },
    Rule {
        id: "X03",
        severity: Severity::Warning,
        title: "Decision routed through a body without statutory force",
        explanation: "On its way from the holder, the decision passes through or ends at a body with no \
            statutory force, whose decisions must go back to its constituent organisations. Delegate \
            to a committee or joint committee of the statutory bodies instead.",
        source: "001; NHS Act 2006 s65Z5: delegate to a committee or joint committee, not to a \
            partnership",
        check: routed_through_non_statutory,
    },
    Rule {
        id: "X04",
        severity: Severity::Warning,
        title: "Delegated decision with no assurance",
        explanation: "The holder stays accountable for a decision it delegates, so it needs to be \
            assured it is taken well. Neither the decision nor any delegation on its route says how: \
            fill in the assurance (a report to a committee, an audit, a scheme of delegation).",
        source: "004: good governance, robust assurance",
        check: delegated_without_assurance,
    },
    Rule {
        id: "X05",
        severity: Severity::Warning,
        title: "Decision delegated to an emerging body",
        explanation: "Places take on delegated decisions at different speeds, as they meet the \
            conditions. The body that takes this decision is marked Emerging: check the conditions \
            are met, or phase the delegation.",
        source: "004: delegation at the pace places meet the conditions",
        check: delegated_to_emerging,
    },
    Rule {
        id: "X06",
        severity: Severity::Info,
        title: "One decision taken in two places",
        explanation: "Decisions with the same title are taken by different bodies. If they are one \
            decision, say where it is taken; if they differ (by place, by threshold), give them \
            titles that say how.",
        source: "000: duplication and confusion",
        check: same_decision_in_two_places,
    },
    Rule {
        id: "X07",
        severity: Severity::Info,
        title: "Delegation that carries no decision",
        explanation: "The diagram draws a delegation, but no decision of the scheme travels along it. \
            Either the scheme is missing the decisions it delegates, or the delegation no longer \
            exists: the chart and the scheme disagree.",
        source: "decisions.md: the scheme and the chart disagree",
        check: delegation_without_decision,
    },
];

/// “Title”, quoted the way messages quote a decision.
fn quoted(cx: &Context<'_>, decision: usize) -> String {
    let d = &cx.model.decisions[decision];
    let title = d.title.trim();
    format!(
        "“{}”",
        if title.is_empty() {
            d.id.as_str()
        } else {
            title
        }
    )
}

fn held_without_statutory_force(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (d, decision) in cx.model.decisions.iter().enumerate() {
        let Some(holder) = cx.index.position(&decision.holder) else {
            continue;
        };
        if !cx.is_statutory(holder) {
            out.report_decisions(
                format!(
                    "{} is held by {}, which has no statutory force: the function belongs to its \
                     constituent organisations",
                    quoted(cx, d),
                    cx.name(holder)
                ),
                &[holder],
                &[],
                &[d],
            );
        }
    }
}

fn taken_without_route(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (d, route) in cx.routes().of.iter().enumerate() {
        if let DecisionRoute::Missing { holder, taker } = *route {
            out.report_decisions(
                format!(
                    "{} is taken by {}, but no delegation or committee leads there from {}, which \
                     holds it",
                    quoted(cx, d),
                    cx.name(taker),
                    cx.name(holder)
                ),
                &[holder, taker],
                &[],
                &[d],
            );
        }
    }
}

/// Each decision that is delegated along a route, with the route.
fn delegated<'c>(cx: &'c Context<'_>) -> impl Iterator<Item = (usize, &'c Route)> + 'c {
    cx.routes()
        .of
        .iter()
        .enumerate()
        .filter_map(|(d, r)| match r {
            DecisionRoute::Found(route) if !route.is_reserved() => Some((d, route)),
            _ => None,
        })
}

fn routed_through_non_statutory(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (d, route) in delegated(cx) {
        let without: Vec<usize> = route.nodes[1..]
            .iter()
            .copied()
            .filter(|&n| !cx.is_statutory(n))
            .collect();
        if without.is_empty() {
            continue;
        }
        let verb = if without.len() == 1 { "has" } else { "have" };
        out.report_decisions(
            format!(
                "{} goes from {} to {}; {} {verb} no statutory force (delegate to a committee or \
                 joint committee)",
                quoted(cx, d),
                cx.name(route.nodes[0]),
                cx.name(route.taker()),
                names(cx, &without)
            ),
            &route.nodes,
            &route.steps,
            &[d],
        );
    }
}

fn delegated_without_assurance(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (d, route) in cx.routes().of.iter().enumerate() {
        let decision = &cx.model.decisions[d];
        if decision.is_reserved() || !decision.assurance.trim().is_empty() {
            continue;
        }
        let (links, assured) = match route {
            DecisionRoute::Found(r) => {
                let delegations = r.delegations(cx.model, &cx.index);
                let assured = delegations
                    .iter()
                    .any(|&l| !cx.model.links[l].assurance.trim().is_empty());
                (r.steps.clone(), assured)
            }
            DecisionRoute::Missing { .. } => (Vec::new(), false),
            DecisionRoute::Unresolved => continue,
        };
        if assured {
            continue;
        }
        // The route's bodies, or holder and taker when there is none.
        let bodies = route.bodies();
        let (Some(&holder), Some(&taker)) = (bodies.first(), bodies.last()) else {
            continue;
        };
        out.report_decisions(
            format!(
                "{} is delegated to {}, but neither the decision nor any delegation on its route \
                 says how {} is assured",
                quoted(cx, d),
                cx.name(taker),
                cx.name(holder)
            ),
            &bodies,
            &links,
            &[d],
        );
    }
}

fn delegated_to_emerging(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (d, route) in delegated(cx) {
        let taker = route.taker();
        if cx.model.nodes[taker].maturity == Some(Maturity::Emerging) {
            out.report_decisions(
                format!(
                    "{} is delegated to {}, whose maturity is Emerging: does it meet the \
                     conditions?",
                    quoted(cx, d),
                    cx.name(taker)
                ),
                &route.nodes,
                &route.steps,
                &[d],
            );
        }
    }
}

fn same_decision_in_two_places(cx: &Context<'_>, out: &mut Sink<'_>) {
    // Decisions by title, in file order of each title's first decision.
    let mut by_title: HashMap<String, Vec<usize>> = HashMap::new();
    let mut titles: Vec<String> = Vec::new();
    for (d, decision) in cx.model.decisions.iter().enumerate() {
        let title = decision.title.trim().to_lowercase();
        if title.is_empty() {
            continue;
        }
        let group = by_title.entry(title.clone()).or_default();
        if group.is_empty() {
            titles.push(title);
        }
        group.push(d);
    }
    for title in titles {
        let group = &by_title[&title];
        let mut takers: Vec<usize> = Vec::new();
        for &d in group {
            if let Some(t) = cx.index.position(cx.model.decisions[d].taker())
                && !takers.contains(&t)
            {
                takers.push(t);
            }
        }
        if takers.len() < 2 {
            continue;
        }
        out.report_decisions(
            format!(
                "{} is taken by {}: is it one decision, or should the titles say how they differ?",
                quoted(cx, group[0]),
                names(cx, &takers)
            ),
            &takers,
            &[],
            group,
        );
    }
}

fn delegation_without_decision(cx: &Context<'_>, out: &mut Sink<'_>) {
    if cx.model.decisions.is_empty() {
        return;
    }
    let carried: HashSet<(usize, usize)> = cx
        .routes()
        .of
        .iter()
        .filter_map(|r| match r {
            DecisionRoute::Found(route) => Some(route.pairs()),
            _ => None,
        })
        .flatten()
        .collect();
    for (l, from, to) in cx.links_of(LinkKind::Delegation) {
        if !carried.contains(&(from, to)) {
            out.report(
                format!(
                    "The delegation from {} to {} carries no decision of the scheme: add the \
                     decisions it delegates, or remove it",
                    cx.name(from),
                    cx.name(to)
                ),
                &[from, to],
                &[l],
            );
        }
    }
}
