//! Delegation: who may delegate to whom, for what, and with what assurance.

use super::context::Context;
use super::{Rule, Severity, Sink, cycles};
use crate::model::{LinkKind, Maturity};

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "D01",
        severity: Severity::Error,
        title: "Delegation from a body without statutory force",
        explanation: "Only a body with statutory functions can delegate them. A partnership board or a \
            provider alliance has none, so every decision has to go back through its constituent \
            organisations. Draw the delegation from the statutory body that holds the function.",
        source: "001: \"none of these structures have statutory force, so all decision making has to go \
            through the constituent organisations\"",
        check: delegation_from_non_statutory,
    },
    Rule {
        id: "D02",
        severity: Severity::Warning,
        title: "Delegation to a body without statutory force",
        explanation: "Decisions delegated to a body without statutory force must still be taken by its \
            constituent organisations. To delegate for real, delegate to a committee or joint \
            committee of the statutory body (which takes statutory force from its parent).",
        source: "001, as D01; NHS Act 2006 s65Z5 (joint working and delegation)",
        check: delegation_to_non_statutory,
    },
    Rule {
        id: "D03",
        severity: Severity::Warning,
        title: "Delegation with no purpose",
        explanation: "Delegation should be for a purpose: say what decisions or budget are delegated, \
            and to achieve what. Fill in the delegation's purpose.",
        source: "004: \"Delegation for a purpose\"",
        check: delegation_without_purpose,
    },
    Rule {
        id: "D04",
        severity: Severity::Warning,
        title: "Delegation with no assurance",
        explanation: "The body that delegates stays accountable, so it needs assurance that the delegated \
            decisions are taken well: say how (reports, a scheme of delegation, audit).",
        source: "004: \"Good governance – ensuring local decision making is empowered by robust assurance \
            arrangements\"",
        check: delegation_without_assurance,
    },
    Rule {
        id: "D05",
        severity: Severity::Warning,
        title: "Delegation to an emerging body",
        explanation: "Places take on delegated authority at different speeds, as they meet the conditions \
            for it. A body whose maturity is Emerging may not be ready: check the conditions are met, \
            or phase the delegation.",
        source: "004: places take on delegated authority at different speeds",
        check: delegation_to_emerging,
    },
    Rule {
        id: "D06",
        severity: Severity::Error,
        title: "Delegation loop",
        explanation: "Delegation that runs in a circle hands decisions back to the body that delegated \
            them, and no one knows who decides. Break the loop.",
        source: "Logic",
        check: delegation_loops,
    },
];

fn delegation_from_non_statutory(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (l, from, to) in cx.links_of(LinkKind::Delegation) {
        if !cx.is_statutory(from) {
            out.report(
                format!(
                    "{} delegates to {}, but has no statutory force to delegate",
                    cx.name(from),
                    cx.name(to)
                ),
                &[from, to],
                &[l],
            );
        }
    }
}

fn delegation_to_non_statutory(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (l, from, to) in cx.links_of(LinkKind::Delegation) {
        if !cx.is_statutory(to) {
            out.report(
                format!(
                    "{} delegates to {}, which has no statutory force: its decisions must go back to \
                     its constituent organisations (use a committee or joint committee)",
                    cx.name(from),
                    cx.name(to)
                ),
                &[from, to],
                &[l],
            );
        }
    }
}

fn delegation_without(
    cx: &Context<'_>,
    out: &mut Sink<'_>,
    field: fn(&crate::model::Link) -> &str,
    what: &str,
) {
    for (l, from, to) in cx.links_of(LinkKind::Delegation) {
        if field(&cx.model.links[l]).trim().is_empty() {
            out.report(
                format!(
                    "The delegation from {} to {} has no {what}",
                    cx.name(from),
                    cx.name(to)
                ),
                &[from, to],
                &[l],
            );
        }
    }
}

fn delegation_without_purpose(cx: &Context<'_>, out: &mut Sink<'_>) {
    delegation_without(
        cx,
        out,
        |l| &l.purpose,
        "purpose: say what is delegated, and for what",
    );
}

fn delegation_without_assurance(cx: &Context<'_>, out: &mut Sink<'_>) {
    delegation_without(
        cx,
        out,
        |l| &l.assurance,
        "assurance: say how the delegator will be assured",
    );
}

fn delegation_to_emerging(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (l, from, to) in cx.links_of(LinkKind::Delegation) {
        if cx.model.nodes[to].maturity == Some(Maturity::Emerging) {
            out.report(
                format!(
                    "{} delegates to {}, whose maturity is Emerging: does it meet the conditions?",
                    cx.name(from),
                    cx.name(to)
                ),
                &[from, to],
                &[l],
            );
        }
    }
}

fn delegation_loops(cx: &Context<'_>, out: &mut Sink<'_>) {
    cycles::report(cx, out, LinkKind::Delegation, "delegation");
}
