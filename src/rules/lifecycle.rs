//! Lifecycle: bodies that no longer exist, or do not exist yet, at the model's date.

use super::context::Context;
use super::{Rule, Severity, Sink};
use crate::model::{IsoDate, NodeKind};

/// The day Clinical Commissioning Groups were abolished and ICBs took their functions.
fn ccg_abolition() -> Option<IsoDate> {
    IsoDate::new(2022, 7, 1)
}

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "L01",
        severity: Severity::Warning,
        title: "A Clinical Commissioning Group after 1 July 2022",
        explanation: "CCGs were abolished on 1 July 2022 and ICBs took their functions. A model of the \
            system since then (or one with no as-at date) should not show a CCG; set the model's \
            as-at date if it describes the past.",
        source: "Health and Care Act 2022: CCGs were abolished on 1 July 2022; ICBs took their functions",
        check: ccg_after_abolition,
    },
    Rule {
        id: "L02",
        severity: Severity::Warning,
        title: "A body that does not exist at the model's date",
        explanation: "Bodies close and merge (several ICBs merged on 1 April 2026). A body whose valid-to \
            date is before the model's as-at date, or whose valid-from date is after it, is not \
            part of the system the model describes.",
        source: "Bodies close and merge (e.g. several ICBs merged on 1 April 2026)",
        check: body_outside_its_dates,
    },
];

fn ccg_after_abolition(cx: &Context<'_>, out: &mut Sink<'_>) {
    let after = match (cx.model.as_at, ccg_abolition()) {
        (Some(as_at), Some(abolished)) => as_at >= abolished,
        _ => true,
    };
    if !after {
        return;
    }
    let when = match cx.model.as_at {
        Some(d) => format!("the model describes {d}"),
        None => "the model has no as-at date".to_string(),
    };
    for node in 0..cx.node_count() {
        if cx.kind(node) == NodeKind::ClinicalCommissioningGroup {
            out.report(
                format!(
                    "{} is a Clinical Commissioning Group, but CCGs were abolished on 1 July 2022 and {when}",
                    cx.name(node)
                ),
                &[node],
                &[],
            );
        }
    }
}

fn body_outside_its_dates(cx: &Context<'_>, out: &mut Sink<'_>) {
    let Some(as_at) = cx.model.as_at else {
        return;
    };
    for (i, node) in cx.model.nodes.iter().enumerate() {
        if let Some(to) = node.valid_to.filter(|&to| to < as_at) {
            out.report(
                format!(
                    "{} closed on {to}, before the model's date {as_at}",
                    cx.name(i)
                ),
                &[i],
                &[],
            );
        } else if let Some(from) = node.valid_from.filter(|&from| from > as_at) {
            out.report(
                format!(
                    "{} opens on {from}, after the model's date {as_at}",
                    cx.name(i)
                ),
                &[i],
                &[],
            );
        }
    }
}
