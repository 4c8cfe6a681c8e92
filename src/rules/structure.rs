//! Structure: links that the kinds at their ends cannot carry, loose bodies, duplicates.

use std::collections::HashMap;

use super::context::Context;
use super::{Rule, Severity, Sink};
use crate::model::LinkKind;

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "S01",
        severity: Severity::Error,
        title: "Membership of a body that has no members, or a committee of a non-forum",
        explanation: "Only forums (boards, partnerships, committees, networks) have members, and only \
            a forum can be a committee of another body. A membership link into a trust or a \
            council, or a trust drawn as a committee, usually means the wrong kind of link was \
            chosen: accountability, commissioning or collaboration may be what is meant.",
        source: "Structural",
        check: kinds_fit_links,
    },
    Rule {
        id: "S02",
        severity: Severity::Warning,
        title: "A body with no links",
        explanation: "A body that is drawn but not linked to anything says nothing about how the system \
            works. Draw whom it answers to, what it sits on or whom it serves, or remove it.",
        source: "Structural (Archi's \"unused element\")",
        check: unlinked_bodies,
    },
    Rule {
        id: "S03",
        severity: Severity::Warning,
        title: "Two bodies of the same kind with the same name",
        explanation: "Two bodies of one kind with one name are usually the same body drawn twice; its \
            links are then split between the copies and the checks read them as two bodies.",
        source: "Structural (Archi's \"duplicate element\")",
        check: duplicate_bodies,
    },
    Rule {
        id: "S04",
        severity: Severity::Warning,
        title: "The same link drawn twice",
        explanation: "Two links of the same kind between the same two bodies in the same direction say \
            the same thing twice; remove one (keep the one with the role, purpose or amount).",
        source: "Structural",
        check: duplicate_links,
    },
];

fn kinds_fit_links(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (l, from, to) in cx.links_of(LinkKind::Membership) {
        if !cx.kind(to).accepts_members() {
            out.report(
                format!(
                    "{} is drawn as a member of {}, but a {} has no members; perhaps accountability, \
                     commissioning or collaboration is meant",
                    cx.name(from),
                    cx.name(to),
                    cx.kind(to).display_name()
                ),
                &[from, to],
                &[l],
            );
        }
    }
    for (l, from, to) in cx.links_of(LinkKind::Committee) {
        if !cx.kind(from).is_forum() {
            out.report(
                format!(
                    "{} is drawn as a committee of {}, but a {} is not a committee or forum",
                    cx.name(from),
                    cx.name(to),
                    cx.kind(from).display_name()
                ),
                &[from, to],
                &[l],
            );
        }
    }
}

fn unlinked_bodies(cx: &Context<'_>, out: &mut Sink<'_>) {
    for node in 0..cx.node_count() {
        if !cx.has_any_link(node) {
            out.report(
                format!(
                    "{} has no links: draw how it relates to the rest of the system, or remove it",
                    cx.name(node)
                ),
                &[node],
                &[],
            );
        }
    }
}

fn duplicate_bodies(cx: &Context<'_>, out: &mut Sink<'_>) {
    let mut groups: HashMap<(crate::model::NodeKind, String), Vec<usize>> = HashMap::new();
    for (i, node) in cx.model.nodes.iter().enumerate() {
        let name = node.name.trim().to_lowercase();
        if !name.is_empty() {
            groups.entry((node.kind, name)).or_default().push(i);
        }
    }
    let mut groups: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
    groups.sort();
    for group in groups {
        out.report(
            format!(
                "{} bodies of kind {} are named {}: is one body drawn {} times?",
                group.len(),
                cx.kind(group[0]).display_name(),
                cx.name(group[0]),
                group.len()
            ),
            &group,
            &[],
        );
    }
}

fn duplicate_links(cx: &Context<'_>, out: &mut Sink<'_>) {
    let mut groups: HashMap<(LinkKind, usize, usize), Vec<usize>> = HashMap::new();
    for (l, link) in cx.model.links.iter().enumerate() {
        let Some((from, to)) = cx.index.ends(l) else {
            continue;
        };
        // Collaboration has no direction: A with B is B with A.
        let key = if link.kind.is_directed() {
            (link.kind, from, to)
        } else {
            (link.kind, from.min(to), from.max(to))
        };
        groups.entry(key).or_default().push(l);
    }
    let mut groups: Vec<(usize, usize, Vec<usize>)> = groups
        .into_iter()
        .filter(|(_, links)| links.len() > 1)
        .map(|((_, from, to), links)| (from, to, links))
        .collect();
    groups.sort_by_key(|(_, _, links)| links[0]);
    for (from, to, links) in groups {
        let (from, to) = cx.index.ends(links[0]).unwrap_or((from, to));
        let kind = cx.model.links[links[0]].kind;
        out.report(
            format!(
                "\"{}\" is drawn {} times",
                kind.sentence(cx.name(from), cx.name(to)),
                links.len()
            ),
            &[from, to],
            &links,
        );
    }
}
