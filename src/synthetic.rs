//! Generated models of a given size, shaped like a real system (regions, ICBs, places,
//! PCNs, practices, trusts, councils), for benchmarks and for tests that need scale.
//! Deterministic: the same size always gives the same model.

use crate::layout;
use crate::model::{Link, LinkKind, Maturity, Model, Node, NodeKind};

const REGIONS: usize = 7;
const PLACES_PER_ICB: usize = 3;
const PCNS_PER_PLACE: usize = 4;
const PRACTICES_PER_PCN: usize = 10;
const TRUSTS_PER_ICB: usize = 2;

/// A model of about `nodes` bodies (exactly `nodes` once there are more than the national
/// and regional teams) and about 1.15 links per body, placed in tier rows.
pub fn system_of_size(nodes: usize) -> Model {
    let mut model = Model::new(format!("Generated system of {nodes} bodies"));
    model
        .nodes
        .push(Node::new("nhse", NodeKind::NhsEngland, "NHS England"));
    for r in 0..REGIONS {
        let id = format!("region-{r}");
        model.nodes.push(Node::new(
            &id,
            NodeKind::NhsEngland,
            format!("NHS England region {r}"),
        ));
        model
            .links
            .push(Link::new(LinkKind::Accountability, id, "nhse"));
    }
    let mut icb = 0;
    while model.nodes.len() < nodes {
        add_icb(&mut model, icb);
        icb += 1;
    }
    model.nodes.truncate(nodes.max(1 + REGIONS));
    let kept: std::collections::HashSet<String> =
        model.nodes.iter().map(|n| n.id.clone()).collect();
    model
        .links
        .retain(|l| kept.contains(&l.from) && kept.contains(&l.to));
    layout::auto_layout(&mut model);
    model
}

fn add_icb(model: &mut Model, n: usize) {
    let region = format!("region-{}", n % REGIONS);
    let icb = format!("icb-{n}");
    let mut board = Node::new(
        &icb,
        NodeKind::IntegratedCareBoard,
        format!("NHS Shire {n} Integrated Care Board"),
    );
    board.short = format!("ICB {n}");
    model.nodes.push(board);
    model
        .links
        .push(Link::new(LinkKind::Accountability, &icb, &region));
    let icp = format!("icp-{n}");
    let mut partnership = Node::new(
        &icp,
        NodeKind::IntegratedCarePartnership,
        format!("Shire {n} Integrated Care Partnership"),
    );
    partnership.outcomes = "Healthy life expectancy up two years by 2030".into();
    model.nodes.push(partnership);
    model
        .links
        .push(Link::new(LinkKind::Membership, &icb, &icp));
    for t in 0..TRUSTS_PER_ICB {
        let trust = format!("trust-{n}-{t}");
        model.nodes.push(Node::new(
            &trust,
            NodeKind::NhsTrust,
            format!("Shire {n} Hospitals {t} NHS Foundation Trust"),
        ));
        model
            .links
            .push(Link::new(LinkKind::Accountability, &trust, &region));
        model
            .links
            .push(Link::new(LinkKind::Commissioning, &icb, &trust));
    }
    for p in 0..PLACES_PER_ICB {
        let council = format!("council-{n}-{p}");
        model.nodes.push(Node::new(
            &council,
            NodeKind::LocalAuthority,
            format!("Shire {n} District {p} Council"),
        ));
        model
            .links
            .push(Link::new(LinkKind::Membership, &council, &icp));
        let place = format!("place-{n}-{p}");
        let mut committee = Node::new(
            &place,
            NodeKind::Committee,
            format!("Shire {n} place {p} committee"),
        );
        committee.maturity = Some(Maturity::ALL[(n + p) % Maturity::ALL.len()]);
        model.nodes.push(committee);
        model
            .links
            .push(Link::new(LinkKind::Committee, &place, &icb));
        let mut delegation = Link::new(LinkKind::Delegation, &icb, &place);
        delegation.purpose = "Community services budget".into();
        delegation.assurance = "Monthly report to the ICB board".into();
        model.links.push(delegation);
        model
            .links
            .push(Link::new(LinkKind::Membership, &council, &place));
        for c in 0..PCNS_PER_PLACE {
            let pcn = format!("pcn-{n}-{p}-{c}");
            model.nodes.push(Node::new(
                &pcn,
                NodeKind::PrimaryCareNetwork,
                format!("Shire {n} place {p} network {c} PCN"),
            ));
            model
                .links
                .push(Link::new(LinkKind::Membership, &pcn, &place));
            model
                .links
                .push(Link::new(LinkKind::Commissioning, &icb, &pcn));
            for g in 0..PRACTICES_PER_PCN {
                let practice = format!("gp-{n}-{p}-{c}-{g}");
                model.nodes.push(Node::new(
                    &practice,
                    NodeKind::GpPractice,
                    format!("The Shire {n} Surgery {p}.{c}.{g}"),
                ));
                model
                    .links
                    .push(Link::new(LinkKind::Membership, &practice, &pcn));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_the_size_asked_for_and_no_dangling_links() {
        for size in [300, 8_000] {
            let m = system_of_size(size);
            assert_eq!(m.nodes.len(), size);
            assert!(m.links.len() > size, "{} links", m.links.len());
            let ix = crate::model::ModelIndex::new(&m);
            assert!((0..m.links.len()).all(|l| ix.ends(l).is_some()));
        }
        assert_eq!(system_of_size(300), system_of_size(300));
    }
}
