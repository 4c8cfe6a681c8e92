//! Commissioning: who holds contracts, and with whom.

use super::context::Context;
use super::{Rule, Severity, Sink};
use crate::model::{LinkKind, NodeKind};

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "C01",
        severity: Severity::Warning,
        title: "A commissioner that commissions nothing",
        explanation: "The Strategic Commissioner (or the ICB) commissions the delivery of the system \
            strategy. Draw what it commissions, and from whom.",
        source: "001: the Strategic Commissioner \"will commission the delivery of the system strategy\"",
        check: commissioner_without_contracts,
    },
    Rule {
        id: "C02",
        severity: Severity::Warning,
        title: "Commissioning by a body without statutory force",
        explanation: "Commissioning sits with statutory bodies: the ICB, NHS England, local authorities, \
            or a trust acting as lead provider. A body without statutory force cannot hold the \
            contract; draw the commissioning from the statutory body behind it.",
        source: "Commissioning sits with statutory bodies (ICB, NHS England, local authorities, \
            lead-provider trusts)",
        check: commissioning_by_non_statutory,
    },
    Rule {
        id: "C03",
        severity: Severity::Warning,
        title: "Integrated Care Provider contract held by a body without statutory force",
        explanation: "The integrated care provider contract can be held only by a statutory body. An \
            alliance without statutory force cannot be commissioned as one: commission a lead \
            provider, or mark the body as statutory if it is one.",
        source: "The integrated care provider contract can be held only by a statutory body",
        check: non_statutory_icp_commissioned,
    },
];

fn commissioner_without_contracts(cx: &Context<'_>, out: &mut Sink<'_>) {
    for node in 0..cx.node_count() {
        let applies = matches!(
            cx.kind(node),
            NodeKind::StrategicCommissioner | NodeKind::IntegratedCareBoard
        );
        if applies && cx.out_of(node, LinkKind::Commissioning).next().is_none() {
            out.report(
                format!(
                    "{} commissions nothing: draw what it commissions, and from whom",
                    cx.name(node)
                ),
                &[node],
                &[],
            );
        }
    }
}

fn commissioning_by_non_statutory(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (l, from, to) in cx.links_of(LinkKind::Commissioning) {
        if !cx.is_statutory(from) {
            out.report(
                format!(
                    "{} commissions {}, but has no statutory force to hold a contract",
                    cx.name(from),
                    cx.name(to)
                ),
                &[from, to],
                &[l],
            );
        }
    }
}

fn non_statutory_icp_commissioned(cx: &Context<'_>, out: &mut Sink<'_>) {
    for node in 0..cx.node_count() {
        if cx.kind(node) != NodeKind::IntegratedCareProvider || cx.is_statutory(node) {
            continue;
        }
        let (commissioners, links): (Vec<usize>, Vec<usize>) =
            cx.into(node, LinkKind::Commissioning).unzip();
        if !commissioners.is_empty() {
            let mut bodies = vec![node];
            bodies.extend(&commissioners);
            out.report(
                format!(
                    "{} is commissioned by {} but has no statutory force to hold the contract",
                    cx.name(node),
                    super::names(cx, &commissioners)
                ),
                &bodies,
                &links,
            );
        }
    }
}
