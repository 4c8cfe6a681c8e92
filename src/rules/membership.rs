//! Membership: who sits at each table, and who is missing from it.

use super::context::Context;
use super::{Rule, Severity, Sink, join_prose};
use crate::model::NodeKind;

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "M01",
        severity: Severity::Warning,
        title: "No general practice at the table",
        explanation: "General practice must be an equal partner in the Partnership Board and the \
            Integrated Care Providers. Draw a Primary Care Network or GP practice as a member.",
        source: "001: \"general practice must be an equal partner in the Partnership Board and the ICPs\"",
        check: general_practice_missing,
    },
    Rule {
        id: "M02",
        severity: Severity::Warning,
        title: "Too many members",
        explanation: "Too many representatives around the table dilutes efficiency, though it promotes \
            engagement. Consider a smaller decision-making core with wider engagement around it. \
            The threshold is the model's max_forum_members setting (16 unless set).",
        source: "001: \"Too many representatives around the table dilutes efficiency but promotes \
            engagement\"",
        check: too_many_members,
    },
    Rule {
        id: "M03",
        severity: Severity::Warning,
        title: "A partnership of fewer than two",
        explanation: "A partnership has to decide who is working together. Draw its members: a \
            partnership with none drawn, or of one, says nothing about who takes part.",
        source: "001: membership must be decided; 002 Q1 \"who's working together\"",
        check: partnership_of_one,
    },
    Rule {
        id: "M04",
        severity: Severity::Error,
        title: "Integrated Care Partnership without the ICB or a local authority",
        explanation: "The Integrated Care Partnership is the joint committee that the ICB and each \
            responsible local authority must establish. Both must be drawn as members.",
        source: "Health and Care Act 2022 s26: the ICB and each responsible local authority must \
            establish the joint committee",
        check: icp_founders_missing,
    },
    Rule {
        id: "M05",
        severity: Severity::Warning,
        title: "No local government at the table",
        explanation: "Bring local government in as active partners right from the start: a partnership \
            board or place partnership without a local authority member misses public health, \
            social care and the wider determinants of health.",
        source: "003: bring local government in \"as active partners right from the start\"",
        check: local_government_missing,
    },
    Rule {
        id: "M06",
        severity: Severity::Info,
        title: "No voluntary sector at the table",
        explanation: "The voluntary, community and social enterprise sector has a role in every \
            partnership. Is it represented, or engaged another way?",
        source: "001: the role of the voluntary sector; 003",
        check: voluntary_sector_missing,
    },
    Rule {
        id: "M07",
        severity: Severity::Info,
        title: "A PCN with no practices drawn",
        explanation: "A Primary Care Network is a network of GP practices. Where the model draws \
            practices, draw which ones make up this network.",
        source: "Network Contract DES: PCNs are networks of practices",
        check: pcn_without_practices,
    },
    Rule {
        id: "M08",
        severity: Severity::Warning,
        title: "A practice in two PCNs",
        explanation: "A GP practice belongs to one Primary Care Network at a time. Remove one of the \
            memberships, or check whether these are two practices.",
        source: "Network Contract DES: a practice belongs to one PCN",
        check: practice_in_two_pcns,
    },
    Rule {
        id: "M09",
        severity: Severity::Warning,
        title: "ICB without its partner members",
        explanation: "An ICB's board includes partner members nominated by NHS trusts, by providers of \
            primary medical services and by local authorities. Where its members are drawn, draw \
            each of the three.",
        source: "NHS Act 2006 Sch 1B: partner members from trusts, primary medical services and local \
            authorities",
        check: icb_partner_members_missing,
    },
];

fn general_practice_missing(cx: &Context<'_>, out: &mut Sink<'_>) {
    for node in 0..cx.node_count() {
        let applies = matches!(
            cx.kind(node),
            NodeKind::PartnershipBoard
                | NodeKind::IntegratedCareProvider
                | NodeKind::PlacePartnership
        );
        if applies
            && !cx.members(node).is_empty()
            && !cx.has_member(node, NodeKind::is_general_practice)
        {
            out.report(
                format!(
                    "{} has no general-practice member: draw a Primary Care Network or GP practice \
                     as an equal partner",
                    cx.name(node)
                ),
                &[node],
                &[],
            );
        }
    }
}

fn too_many_members(cx: &Context<'_>, out: &mut Sink<'_>) {
    let limit = cx.model.settings.max_forum_members() as usize;
    for node in 0..cx.node_count() {
        let count = cx.members(node).len();
        if cx.kind(node).is_forum() && count > limit {
            out.report(
                format!(
                    "{} has {count} members, more than {limit}: consider a smaller core with wider \
                     engagement",
                    cx.name(node)
                ),
                &[node],
                &[],
            );
        }
    }
}

fn partnership_of_one(cx: &Context<'_>, out: &mut Sink<'_>) {
    for node in 0..cx.node_count() {
        if !cx.kind(node).is_partnership() {
            continue;
        }
        let members = cx.members(node);
        let message = match members.len() {
            0 => format!(
                "{} has no members drawn: who is working together?",
                cx.name(node)
            ),
            1 => format!(
                "{} has one member ({}): a partnership needs at least two",
                cx.name(node),
                cx.name(members[0])
            ),
            _ => continue,
        };
        let mut bodies = vec![node];
        bodies.extend(members);
        out.report(message, &bodies, &[]);
    }
}

fn icp_founders_missing(cx: &Context<'_>, out: &mut Sink<'_>) {
    for node in 0..cx.node_count() {
        if cx.kind(node) != NodeKind::IntegratedCarePartnership {
            continue;
        }
        let mut missing = Vec::new();
        if !cx.has_member(node, |k| k == NodeKind::IntegratedCareBoard) {
            missing.push("an Integrated Care Board");
        }
        if !cx.has_member(node, |k| k == NodeKind::LocalAuthority) {
            missing.push("a local authority");
        }
        if !missing.is_empty() {
            out.report(
                format!(
                    "{} lacks {} as a member: the ICB and each local authority establish it",
                    cx.name(node),
                    join_prose(&missing)
                ),
                &[node],
                &[],
            );
        }
    }
}

fn local_government_missing(cx: &Context<'_>, out: &mut Sink<'_>) {
    for node in 0..cx.node_count() {
        let applies = matches!(
            cx.kind(node),
            NodeKind::PartnershipBoard | NodeKind::PlacePartnership
        );
        if applies
            && !cx.members(node).is_empty()
            && !cx.has_member(node, |k| k == NodeKind::LocalAuthority)
        {
            out.report(
                format!("{} has no local authority member", cx.name(node)),
                &[node],
                &[],
            );
        }
    }
}

fn voluntary_sector_missing(cx: &Context<'_>, out: &mut Sink<'_>) {
    for node in 0..cx.node_count() {
        let applies = matches!(
            cx.kind(node),
            NodeKind::PartnershipBoard
                | NodeKind::PlacePartnership
                | NodeKind::IntegratedCarePartnership
        );
        if applies
            && !cx.members(node).is_empty()
            && !cx.has_member(node, |k| k == NodeKind::VoluntarySector)
        {
            out.report(
                format!(
                    "{} has no voluntary-sector member: is the sector represented another way?",
                    cx.name(node)
                ),
                &[node],
                &[],
            );
        }
    }
}

fn pcn_without_practices(cx: &Context<'_>, out: &mut Sink<'_>) {
    let model_has_practices = cx
        .model
        .nodes
        .iter()
        .any(|n| n.kind == NodeKind::GpPractice);
    if !model_has_practices {
        return;
    }
    for node in 0..cx.node_count() {
        if cx.kind(node) == NodeKind::PrimaryCareNetwork
            && !cx.has_member(node, |k| k == NodeKind::GpPractice)
        {
            out.report(
                format!("{} has no GP practice drawn as a member", cx.name(node)),
                &[node],
                &[],
            );
        }
    }
}

fn practice_in_two_pcns(cx: &Context<'_>, out: &mut Sink<'_>) {
    for node in 0..cx.node_count() {
        if cx.kind(node) != NodeKind::GpPractice {
            continue;
        }
        let mut pcns = Vec::new();
        let mut links = Vec::new();
        for (to, l) in cx.out_of(node, crate::model::LinkKind::Membership) {
            if cx.kind(to) == NodeKind::PrimaryCareNetwork && !pcns.contains(&to) {
                pcns.push(to);
                links.push(l);
            }
        }
        if pcns.len() >= 2 {
            let mut bodies = vec![node];
            bodies.extend(&pcns);
            out.report(
                format!(
                    "{} is a member of {} Primary Care Networks: {}",
                    cx.name(node),
                    pcns.len(),
                    super::names(cx, &pcns)
                ),
                &bodies,
                &links,
            );
        }
    }
}

fn icb_partner_members_missing(cx: &Context<'_>, out: &mut Sink<'_>) {
    for node in 0..cx.node_count() {
        if cx.kind(node) != NodeKind::IntegratedCareBoard || cx.members(node).is_empty() {
            continue;
        }
        let mut missing = Vec::new();
        if !cx.has_member(node, |k| k == NodeKind::NhsTrust) {
            missing.push("an NHS trust");
        }
        if !cx.has_member(node, NodeKind::is_general_practice) {
            missing.push("general practice");
        }
        if !cx.has_member(node, |k| k == NodeKind::LocalAuthority) {
            missing.push("a local authority");
        }
        if !missing.is_empty() {
            out.report(
                format!(
                    "{} has no partner member from {}",
                    cx.name(node),
                    join_prose(&missing).replace(" and ", " or ")
                ),
                &[node],
                &[],
            );
        }
    }
}
