//! Purpose: bodies that need a task to avoid being talking shops, and the money.

use super::context::Context;
use super::{Rule, Severity, Sink};
use crate::model::{LinkKind, NodeKind, Tier};

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "P01",
        severity: Severity::Warning,
        title: "No work programme",
        explanation: "Task each Integrated Care Provider, place partnership and provider collaborative \
            with a key work programme (for example an MSK pathway or urgent care), or it risks \
            existing as a talking shop. Fill in its work programme.",
        source: "001: task the ICP \"with a key work programme … Otherwise there is a significant risk that \
            ICPs continue to exist as 'talking shops'\"; 003",
        check: no_work_programme,
    },
    Rule {
        id: "P02",
        severity: Severity::Info,
        title: "No outcomes agreed",
        explanation: "Partnership boards agree the outcomes the system wants to achieve. Say what they \
            are, so the board paper shows what the structure is for.",
        source: "001: partnership boards \"agree the outcomes the system wants to achieve\"",
        check: no_outcomes,
    },
    Rule {
        id: "P03",
        severity: Severity::Info,
        title: "No money drawn",
        explanation: "How will you manage the money? The model has system-level bodies but no funding \
            link: draw where the money flows, such as pooled budgets or the Better Care Fund.",
        source: "002 Q6: \"How will you manage the money?\"",
        check: no_funding,
    },
];

fn no_work_programme(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (i, node) in cx.model.nodes.iter().enumerate() {
        let applies = matches!(
            node.kind,
            NodeKind::IntegratedCareProvider
                | NodeKind::PlacePartnership
                | NodeKind::ProviderCollaborative
        );
        if applies && node.work_programme.trim().is_empty() {
            out.report(
                format!(
                    "{} has no work programme: without one it risks becoming a talking shop",
                    cx.name(i)
                ),
                &[i],
                &[],
            );
        }
    }
}

fn no_outcomes(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (i, node) in cx.model.nodes.iter().enumerate() {
        let applies = matches!(
            node.kind,
            NodeKind::PartnershipBoard | NodeKind::IntegratedCarePartnership
        );
        if applies && node.outcomes.trim().is_empty() {
            out.report(
                format!(
                    "{} has no outcomes: what does the system want to achieve?",
                    cx.name(i)
                ),
                &[i],
                &[],
            );
        }
    }
}

fn no_funding(cx: &Context<'_>, out: &mut Sink<'_>) {
    let has_system_body = (0..cx.node_count()).any(|n| cx.tier(n) == Tier::System);
    let has_funding = cx.model.links.iter().any(|l| l.kind == LinkKind::Funding);
    if has_system_body && !has_funding {
        out.report(
            "The model has system-level bodies but no funding link: how will the money be managed?"
                .to_string(),
            &[],
            &[],
        );
    }
}
