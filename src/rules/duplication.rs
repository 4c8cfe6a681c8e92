//! Redundancy: forums that duplicate one another.

use std::collections::HashMap;

use super::context::Context;
use super::{Rule, Severity, Sink, names};

pub(super) const RULES: &[Rule] = &[Rule {
    id: "R01",
    severity: Severity::Warning,
    title: "Two forums with the same members",
    explanation: "Two forums with exactly the same members are likely to duplicate each other and \
        confuse who decides what. Merge them, or make their different purposes clear (for example \
        as committees-in-common).",
    source: "000: \"ensure duplication and confusion is not introduced\"",
    check: forums_with_same_members,
}];

fn forums_with_same_members(cx: &Context<'_>, out: &mut Sink<'_>) {
    let mut by_members: HashMap<Vec<usize>, Vec<usize>> = HashMap::new();
    for node in 0..cx.node_count() {
        let members = cx.members(node);
        if cx.kind(node).is_forum() && members.len() >= 2 {
            let mut key = members.to_vec();
            key.sort_unstable();
            by_members.entry(key).or_default().push(node);
        }
    }
    let mut groups: Vec<Vec<usize>> = by_members.into_values().filter(|g| g.len() > 1).collect();
    groups.sort();
    for forums in groups {
        out.report(
            format!(
                "{} have the same {} members: do they duplicate each other?",
                names(cx, &forums),
                cx.members(forums[0]).len()
            ),
            &forums,
            &[],
        );
    }
}
