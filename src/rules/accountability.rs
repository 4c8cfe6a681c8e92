//! Accountability: who holds each body to account, and whether the lines make sense.

use super::context::Context;
use super::{Rule, Severity, Sink, cycles, names};
use crate::model::{LinkKind, NodeKind};

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "A01",
        severity: Severity::Error,
        title: "Accountability loop",
        explanation: "When accountability runs in a circle, every body in it answers in the end to \
            itself, and no one is held to account. Break the loop: decide which body answers to \
            which, and draw the others as membership or collaboration.",
        source: "Logic: an accountability loop holds no one to account",
        check: accountability_loops,
    },
    Rule {
        id: "A02",
        severity: Severity::Warning,
        title: "A body that answers to no one",
        explanation: "Every body should have a route by which it is held to account: an accountability \
            line, a parent it is a committee of, a contract under which it is commissioned, or a \
            body that delegated to it. NHS England, councils and the voluntary sector are exempt: \
            they answer to Parliament, electors and trustees.",
        source: "002: \"Who will hold them to account and how?\"",
        check: unaccountable_bodies,
    },
    Rule {
        id: "A03",
        severity: Severity::Warning,
        title: "ICB not accountable to NHS England",
        explanation: "Integrated Care Boards are accountable to NHS England in law. Draw the \
            accountability link to the NHS England regional or national team.",
        source: "Health and Care Act 2022: ICBs are accountable to NHS England",
        check: icb_accountable_to_nhse,
    },
    Rule {
        id: "A04",
        severity: Severity::Info,
        title: "Accountable to two or more bodies",
        explanation: "Answering to several bodies is sometimes right (a provider to its regulator and \
            its commissioner), but it is worth saying for what the body answers to each, so that \
            roles stay clear.",
        source: "000: \"clarity of purpose and roles\"",
        check: several_masters,
    },
    Rule {
        id: "A05",
        severity: Severity::Warning,
        title: "Accountable to a lower tier",
        explanation: "Accountability normally runs up the layers of the system: neighbourhood to place, \
            place to system, system to region and nation. A system body that answers to a place \
            body inverts that; check the direction of the link or the tiers of the bodies.",
        source: "001: relationships between the layers of the system",
        check: accountable_downwards,
    },
];

fn accountability_loops(cx: &Context<'_>, out: &mut Sink<'_>) {
    cycles::report(cx, out, LinkKind::Accountability, "accountability");
}

fn has_accountability_route(cx: &Context<'_>, node: usize) -> bool {
    cx.out_of(node, LinkKind::Accountability).next().is_some()
        || cx.out_of(node, LinkKind::Committee).next().is_some()
        || cx.into(node, LinkKind::Commissioning).next().is_some()
        || cx.into(node, LinkKind::Delegation).next().is_some()
}

fn unaccountable_bodies(cx: &Context<'_>, out: &mut Sink<'_>) {
    for node in 0..cx.node_count() {
        let exempt = matches!(
            cx.kind(node),
            NodeKind::NhsEngland
                | NodeKind::LocalAuthority
                | NodeKind::CombinedAuthority
                | NodeKind::VoluntarySector
        );
        if !exempt && !has_accountability_route(cx, node) {
            out.report(
                format!(
                    "{} answers to no one: draw whom it is accountable to, what it is a committee \
                     of, who commissions it or who delegates to it",
                    cx.name(node)
                ),
                &[node],
                &[],
            );
        }
    }
}

fn icb_accountable_to_nhse(cx: &Context<'_>, out: &mut Sink<'_>) {
    for node in 0..cx.node_count() {
        if cx.kind(node) != NodeKind::IntegratedCareBoard {
            continue;
        }
        let to_nhse = cx
            .out_of(node, LinkKind::Accountability)
            .any(|(to, _)| cx.kind(to) == NodeKind::NhsEngland);
        if !to_nhse {
            out.report(
                format!(
                    "{} is not drawn as accountable to NHS England, as an ICB is in law",
                    cx.name(node)
                ),
                &[node],
                &[],
            );
        }
    }
}

fn several_masters(cx: &Context<'_>, out: &mut Sink<'_>) {
    for node in 0..cx.node_count() {
        let mut masters: Vec<usize> = Vec::new();
        let mut links = Vec::new();
        for (to, l) in cx.out_of(node, LinkKind::Accountability) {
            links.push(l);
            if !masters.contains(&to) {
                masters.push(to);
            }
        }
        if masters.len() >= 2 {
            let mut bodies = vec![node];
            bodies.extend(&masters);
            out.report(
                format!(
                    "{} is accountable to {} bodies: {}. Is it clear what it answers to each for?",
                    cx.name(node),
                    masters.len(),
                    names(cx, &masters)
                ),
                &bodies,
                &links,
            );
        }
    }
}

fn accountable_downwards(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (l, from, to) in cx.links_of(LinkKind::Accountability) {
        let (from_tier, to_tier) = (cx.tier(from), cx.tier(to));
        if to_tier.rank() > from_tier.rank() {
            out.report(
                format!(
                    "{} ({} tier) is accountable to {}, on a lower tier ({})",
                    cx.name(from),
                    from_tier.display_name(),
                    cx.name(to),
                    to_tier.display_name()
                ),
                &[from, to],
                &[l],
            );
        }
    }
}
