//! Every rule of the catalogue: a model that makes it fire on exactly the expected bodies,
//! and a near miss that keeps it quiet.

use icsmap::model::{IsoDate, Link, LinkKind as L, Maturity, Model, Node, NodeKind as K};
use icsmap::rules::{self, Severity};

/// A model of bodies named by id (the name is the id in capitals) and links between them.
fn model(nodes: &[(&str, K)], links: &[(L, &str, &str)]) -> Model {
    let mut m = Model::new("test");
    for (i, (id, kind)) in nodes.iter().enumerate() {
        m.nodes
            .push(Node::new(*id, *kind, id.to_uppercase()).at(i as f64 * 200.0, 0.0));
    }
    for (kind, from, to) in links {
        m.links.push(Link::new(*kind, *from, *to));
    }
    m
}

/// What rule `id` reports: for each finding, its node ids and link positions.
fn fired(m: &Model, id: &str) -> Vec<(Vec<String>, Vec<usize>)> {
    rules::check(m)
        .into_iter()
        .filter(|f| f.rule == id)
        .map(|f| (f.nodes, f.links))
        .collect()
}

fn messages(m: &Model, id: &str) -> Vec<String> {
    rules::check(m)
        .into_iter()
        .filter(|f| f.rule == id)
        .map(|f| f.message)
        .collect()
}

fn one(nodes: &[&str], links: &[usize]) -> Vec<(Vec<String>, Vec<usize>)> {
    vec![(
        nodes.iter().map(|s| s.to_string()).collect(),
        links.to_vec(),
    )]
}

fn quiet(m: &Model, id: &str) {
    assert_eq!(fired(m, id), vec![], "{id} should be quiet");
}

fn node_mut<'a>(m: &'a mut Model, id: &str) -> &'a mut Node {
    m.nodes.iter_mut().find(|n| n.id == id).unwrap()
}

fn date(s: &str) -> Option<IsoDate> {
    IsoDate::parse(s)
}

// ---- Structure ----

#[test]
fn s01_membership_of_a_body_without_members() {
    let m = model(
        &[
            ("gp", K::GpPractice),
            ("trust", K::NhsTrust),
            ("icb", K::IntegratedCareBoard),
        ],
        &[
            (L::Membership, "gp", "trust"),
            (L::Committee, "trust", "icb"),
        ],
    );
    assert_eq!(
        fired(&m, "S01"),
        vec![
            (vec!["gp".into(), "trust".into()], vec![0]),
            (vec!["trust".into(), "icb".into()], vec![1])
        ]
    );
    let m = model(
        &[
            ("gp", K::GpPractice),
            ("pcn", K::PrimaryCareNetwork),
            ("vcse", K::VoluntarySector),
            ("c", K::Committee),
            ("icb", K::IntegratedCareBoard),
        ],
        &[
            (L::Membership, "gp", "pcn"),
            (L::Membership, "pcn", "vcse"),
            (L::Committee, "c", "icb"),
        ],
    );
    quiet(&m, "S01");
}

#[test]
fn s02_a_body_with_no_links() {
    let m = model(
        &[
            ("a", K::NhsTrust),
            ("b", K::NhsTrust),
            ("lone", K::Healthwatch),
        ],
        &[(L::Collaboration, "a", "b")],
    );
    assert_eq!(fired(&m, "S02"), one(&["lone"], &[]));
    quiet(
        &model(
            &[("a", K::NhsTrust), ("b", K::NhsTrust)],
            &[(L::Collaboration, "a", "b")],
        ),
        "S02",
    );
}

#[test]
fn s03_same_kind_same_name() {
    let mut m = model(
        &[
            ("a", K::NhsTrust),
            ("b", K::NhsTrust),
            ("c", K::LocalAuthority),
        ],
        &[],
    );
    m.nodes[0].name = " North Trust ".into();
    m.nodes[1].name = "north trust".into();
    m.nodes[2].name = "North Trust".into();
    assert_eq!(fired(&m, "S03"), one(&["a", "b"], &[]));
    m.nodes[1].kind = K::LocalAuthority;
    m.nodes[2].name = "Elsewhere".into();
    quiet(&m, "S03");
}

#[test]
fn s04_the_same_link_twice() {
    let m = model(
        &[("a", K::NhsTrust), ("b", K::NhsTrust)],
        &[
            (L::Funding, "a", "b"),
            (L::Funding, "a", "b"),
            (L::Collaboration, "a", "b"),
            (L::Collaboration, "b", "a"),
        ],
    );
    assert_eq!(
        fired(&m, "S04"),
        vec![
            (vec!["a".into(), "b".into()], vec![0, 1]),
            (vec!["a".into(), "b".into()], vec![2, 3])
        ]
    );
    quiet(
        &model(
            &[("a", K::NhsTrust), ("b", K::NhsTrust)],
            &[
                (L::Funding, "a", "b"),
                (L::Funding, "b", "a"),
                (L::Commissioning, "a", "b"),
            ],
        ),
        "S04",
    );
}

// ---- Accountability ----

#[test]
fn a01_each_loop_once_in_order() {
    let m = model(
        &[("a", K::NhsTrust), ("b", K::NhsTrust), ("c", K::NhsTrust)],
        &[
            (L::Accountability, "b", "c"),
            (L::Accountability, "a", "b"),
            (L::Accountability, "c", "a"),
        ],
    );
    assert_eq!(fired(&m, "A01"), one(&["a", "b", "c"], &[1, 0, 2]));
    assert_eq!(
        messages(&m, "A01"),
        vec!["Accountability loop: A -> B -> C -> A"]
    );
    // Two loops sharing a link are two findings.
    let m = model(
        &[("a", K::NhsTrust), ("b", K::NhsTrust), ("c", K::NhsTrust)],
        &[
            (L::Accountability, "a", "b"),
            (L::Accountability, "b", "a"),
            (L::Accountability, "b", "c"),
            (L::Accountability, "c", "a"),
        ],
    );
    let mut loops = fired(&m, "A01");
    loops.sort();
    assert_eq!(
        loops,
        vec![
            (vec!["a".into(), "b".into()], vec![0, 1]),
            (vec!["a".into(), "b".into(), "c".into()], vec![0, 2, 3])
        ]
    );
    quiet(
        &model(
            &[("a", K::NhsTrust), ("b", K::NhsTrust), ("c", K::NhsTrust)],
            &[
                (L::Accountability, "a", "b"),
                (L::Accountability, "b", "c"),
                (L::Accountability, "a", "c"),
            ],
        ),
        "A01",
    );
}

#[test]
fn a01_a_huge_tangle_is_reported_whole_and_quickly() {
    // A complete graph of 80 bodies has astronomically many loops.
    let ids: Vec<String> = (0..80).map(|i| format!("t{i}")).collect();
    let nodes: Vec<(&str, K)> = ids.iter().map(|id| (id.as_str(), K::NhsTrust)).collect();
    let mut links = Vec::new();
    for a in &ids {
        for b in &ids {
            if a != b {
                links.push((L::Accountability, a.as_str(), b.as_str()));
            }
        }
    }
    let m = model(&nodes, &links);
    let found = fired(&m, "A01");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0.len(), 80);
}

#[test]
fn a01_a_long_ring_is_one_loop() {
    let ids: Vec<String> = (0..5_000).map(|i| format!("t{i}")).collect();
    let nodes: Vec<(&str, K)> = ids.iter().map(|id| (id.as_str(), K::NhsTrust)).collect();
    let links: Vec<(L, &str, &str)> = (0..ids.len())
        .map(|i| {
            (
                L::Accountability,
                ids[i].as_str(),
                ids[(i + 1) % ids.len()].as_str(),
            )
        })
        .collect();
    let found = fired(&model(&nodes, &links), "A01");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0.len(), 5_000);
    assert_eq!(found[0].1, (0..5_000).collect::<Vec<_>>());
}

#[test]
fn a02_a_body_that_answers_to_no_one() {
    let m = model(
        &[
            ("trust", K::NhsTrust),
            ("council", K::LocalAuthority),
            ("nhse", K::NhsEngland),
            ("vcse", K::VoluntarySector),
            ("ca", K::CombinedAuthority),
        ],
        &[
            (L::Collaboration, "trust", "council"),
            (L::Funding, "nhse", "vcse"),
            (L::Collaboration, "ca", "council"),
        ],
    );
    assert_eq!(fired(&m, "A02"), one(&["trust"], &[]));
    // Each route on its own is enough.
    for link in [
        (L::Accountability, "trust", "nhse"),
        (L::Commissioning, "nhse", "trust"),
        (L::Delegation, "nhse", "trust"),
    ] {
        quiet(
            &model(&[("trust", K::NhsTrust), ("nhse", K::NhsEngland)], &[link]),
            "A02",
        );
    }
    quiet(
        &model(
            &[
                ("c", K::Committee),
                ("icb", K::IntegratedCareBoard),
                ("nhse", K::NhsEngland),
            ],
            &[
                (L::Committee, "c", "icb"),
                (L::Accountability, "icb", "nhse"),
            ],
        ),
        "A02",
    );
}

#[test]
fn a03_icb_accountable_to_nhs_england() {
    let m = model(
        &[("icb", K::IntegratedCareBoard), ("trust", K::NhsTrust)],
        &[(L::Accountability, "icb", "trust")],
    );
    assert_eq!(fired(&m, "A03"), one(&["icb"], &[]));
    quiet(
        &model(
            &[("icb", K::IntegratedCareBoard), ("nhse", K::NhsEngland)],
            &[(L::Accountability, "icb", "nhse")],
        ),
        "A03",
    );
}

#[test]
fn a04_accountable_to_two_bodies() {
    let m = model(
        &[
            ("t", K::NhsTrust),
            ("icb", K::IntegratedCareBoard),
            ("nhse", K::NhsEngland),
        ],
        &[
            (L::Accountability, "t", "icb"),
            (L::Accountability, "t", "nhse"),
        ],
    );
    assert_eq!(fired(&m, "A04"), one(&["t", "icb", "nhse"], &[0, 1]));
    assert_eq!(
        rules::check(&m)
            .iter()
            .find(|f| f.rule == "A04")
            .unwrap()
            .severity,
        Severity::Info
    );
    quiet(
        &model(
            &[("t", K::NhsTrust), ("nhse", K::NhsEngland)],
            &[
                (L::Accountability, "t", "nhse"),
                (L::Accountability, "t", "nhse"),
            ],
        ),
        "A04",
    );
}

#[test]
fn a05_accountable_to_a_lower_tier() {
    let m = model(
        &[("icb", K::IntegratedCareBoard), ("trust", K::NhsTrust)],
        &[(L::Accountability, "icb", "trust")],
    );
    assert_eq!(fired(&m, "A05"), one(&["icb", "trust"], &[0]));
    quiet(
        &model(
            &[("icb", K::IntegratedCareBoard), ("trust", K::NhsTrust)],
            &[(L::Accountability, "trust", "icb")],
        ),
        "A05",
    );
    // Same tier is fine; an explicit tier counts.
    let mut m = model(
        &[("icb", K::IntegratedCareBoard), ("trust", K::NhsTrust)],
        &[(L::Accountability, "icb", "trust")],
    );
    node_mut(&mut m, "trust").tier = Some(icsmap::model::Tier::System);
    quiet(&m, "A05");
}

// ---- Delegation ----

#[test]
fn d01_delegation_from_a_body_without_statutory_force() {
    let m = model(
        &[("pb", K::PartnershipBoard), ("icb", K::IntegratedCareBoard)],
        &[(L::Delegation, "pb", "icb")],
    );
    assert_eq!(fired(&m, "D01"), one(&["pb", "icb"], &[0]));
    quiet(
        &model(
            &[("icb", K::IntegratedCareBoard), ("c", K::Committee)],
            &[(L::Delegation, "icb", "c")],
        ),
        "D01",
    );
}

#[test]
fn d02_delegation_to_a_body_without_statutory_force() {
    let m = model(
        &[("icb", K::IntegratedCareBoard), ("pp", K::PlacePartnership)],
        &[(L::Delegation, "icb", "pp")],
    );
    assert_eq!(fired(&m, "D02"), one(&["icb", "pp"], &[0]));
    // A committee takes statutory force from its parent.
    let m = model(
        &[("icb", K::IntegratedCareBoard), ("place", K::Committee)],
        &[
            (L::Committee, "place", "icb"),
            (L::Delegation, "icb", "place"),
        ],
    );
    quiet(&m, "D02");
    // ...but not from a parent without it.
    let m = model(
        &[
            ("icb", K::IntegratedCareBoard),
            ("pb", K::PartnershipBoard),
            ("c", K::Committee),
        ],
        &[(L::Committee, "c", "pb"), (L::Delegation, "icb", "c")],
    );
    assert_eq!(fired(&m, "D02"), one(&["icb", "c"], &[1]));
}

#[test]
fn d03_d04_delegation_needs_purpose_and_assurance() {
    let mut m = model(
        &[("icb", K::IntegratedCareBoard), ("c", K::Committee)],
        &[(L::Committee, "c", "icb"), (L::Delegation, "icb", "c")],
    );
    m.links[1].purpose = "   ".into();
    assert_eq!(fired(&m, "D03"), one(&["icb", "c"], &[1]));
    assert_eq!(fired(&m, "D04"), one(&["icb", "c"], &[1]));
    m.links[1].purpose = "Community services budget".into();
    m.links[1].assurance = "Monthly report".into();
    quiet(&m, "D03");
    quiet(&m, "D04");
}

#[test]
fn d05_delegation_to_an_emerging_body() {
    let mut m = model(
        &[("icb", K::IntegratedCareBoard), ("c", K::Committee)],
        &[(L::Delegation, "icb", "c")],
    );
    node_mut(&mut m, "c").maturity = Some(Maturity::Emerging);
    assert_eq!(fired(&m, "D05"), one(&["icb", "c"], &[0]));
    node_mut(&mut m, "c").maturity = Some(Maturity::Developing);
    quiet(&m, "D05");
}

#[test]
fn d06_delegation_loop() {
    let m = model(
        &[("icb", K::IntegratedCareBoard), ("la", K::LocalAuthority)],
        &[(L::Delegation, "la", "icb"), (L::Delegation, "icb", "la")],
    );
    assert_eq!(fired(&m, "D06"), one(&["icb", "la"], &[1, 0]));
    quiet(
        &model(
            &[("icb", K::IntegratedCareBoard), ("la", K::LocalAuthority)],
            &[
                (L::Delegation, "icb", "la"),
                (L::Accountability, "la", "icb"),
            ],
        ),
        "D06",
    );
}

// ---- Membership ----

#[test]
fn m01_no_general_practice_at_the_table() {
    let m = model(
        &[
            ("pb", K::PartnershipBoard),
            ("la", K::LocalAuthority),
            ("t", K::NhsTrust),
        ],
        &[(L::Membership, "la", "pb"), (L::Membership, "t", "pb")],
    );
    assert_eq!(fired(&m, "M01"), one(&["pb"], &[]));
    quiet(
        &model(
            &[
                ("pb", K::PartnershipBoard),
                ("la", K::LocalAuthority),
                ("pcn", K::PrimaryCareNetwork),
            ],
            &[(L::Membership, "la", "pb"), (L::Membership, "pcn", "pb")],
        ),
        "M01",
    );
    quiet(&model(&[("pb", K::PartnershipBoard)], &[]), "M01");
}

fn forum_with_members(count: usize) -> Model {
    let ids: Vec<String> = (0..count).map(|i| format!("m{i}")).collect();
    let mut nodes = vec![("pb", K::PartnershipBoard)];
    nodes.extend(ids.iter().map(|id| (id.as_str(), K::NhsTrust)));
    let links: Vec<(L, &str, &str)> = ids
        .iter()
        .map(|id| (L::Membership, id.as_str(), "pb"))
        .collect();
    model(&nodes, &links)
}

#[test]
fn m02_too_many_members() {
    assert_eq!(fired(&forum_with_members(17), "M02"), one(&["pb"], &[]));
    quiet(&forum_with_members(16), "M02");
    let mut m = forum_with_members(17);
    m.settings.max_forum_members = Some(20);
    quiet(&m, "M02");
    m.settings.max_forum_members = Some(5);
    assert_eq!(
        messages(&m, "M02"),
        vec!["PB has 17 members, more than 5: consider a smaller core with wider engagement"]
    );
}

#[test]
fn m03_partnership_of_fewer_than_two() {
    let m = model(
        &[
            ("pb", K::PartnershipBoard),
            ("icp", K::IntegratedCareProvider),
            ("t", K::NhsTrust),
            ("icb", K::IntegratedCareBoard),
        ],
        &[(L::Membership, "t", "icp")],
    );
    assert_eq!(
        fired(&m, "M03"),
        vec![
            (vec!["pb".into()], vec![]),
            (vec!["icp".into(), "t".into()], vec![])
        ]
    );
    quiet(&forum_with_members(2), "M03");
}

#[test]
fn m04_icp_needs_the_icb_and_a_local_authority() {
    let m = model(
        &[
            ("icp", K::IntegratedCarePartnership),
            ("icb", K::IntegratedCareBoard),
        ],
        &[(L::Membership, "icb", "icp")],
    );
    assert_eq!(fired(&m, "M04"), one(&["icp"], &[]));
    assert!(messages(&m, "M04")[0].contains("a local authority"));
    quiet(
        &model(
            &[
                ("icp", K::IntegratedCarePartnership),
                ("icb", K::IntegratedCareBoard),
                ("la", K::LocalAuthority),
            ],
            &[(L::Membership, "icb", "icp"), (L::Membership, "la", "icp")],
        ),
        "M04",
    );
}

#[test]
fn m05_no_local_government_at_the_table() {
    let m = model(
        &[
            ("pp", K::PlacePartnership),
            ("t", K::NhsTrust),
            ("pcn", K::PrimaryCareNetwork),
        ],
        &[(L::Membership, "t", "pp"), (L::Membership, "pcn", "pp")],
    );
    assert_eq!(fired(&m, "M05"), one(&["pp"], &[]));
    quiet(
        &model(
            &[("pp", K::PlacePartnership), ("la", K::LocalAuthority)],
            &[(L::Membership, "la", "pp")],
        ),
        "M05",
    );
}

#[test]
fn m06_no_voluntary_sector_at_the_table() {
    let m = model(
        &[
            ("icp", K::IntegratedCarePartnership),
            ("la", K::LocalAuthority),
        ],
        &[(L::Membership, "la", "icp")],
    );
    assert_eq!(fired(&m, "M06"), one(&["icp"], &[]));
    quiet(
        &model(
            &[
                ("icp", K::IntegratedCarePartnership),
                ("v", K::VoluntarySector),
            ],
            &[(L::Membership, "v", "icp")],
        ),
        "M06",
    );
}

#[test]
fn m07_pcn_without_practices() {
    let m = model(
        &[
            ("pcn", K::PrimaryCareNetwork),
            ("pcn2", K::PrimaryCareNetwork),
            ("gp", K::GpPractice),
        ],
        &[(L::Membership, "gp", "pcn2")],
    );
    assert_eq!(fired(&m, "M07"), one(&["pcn"], &[]));
    quiet(&model(&[("pcn", K::PrimaryCareNetwork)], &[]), "M07");
}

#[test]
fn m08_practice_in_two_pcns() {
    let m = model(
        &[
            ("gp", K::GpPractice),
            ("p1", K::PrimaryCareNetwork),
            ("p2", K::PrimaryCareNetwork),
        ],
        &[(L::Membership, "gp", "p1"), (L::Membership, "gp", "p2")],
    );
    assert_eq!(fired(&m, "M08"), one(&["gp", "p1", "p2"], &[0, 1]));
    quiet(
        &model(
            &[
                ("gp", K::GpPractice),
                ("p1", K::PrimaryCareNetwork),
                ("pb", K::PartnershipBoard),
            ],
            &[(L::Membership, "gp", "p1"), (L::Membership, "gp", "pb")],
        ),
        "M08",
    );
}

#[test]
fn m09_icb_partner_members() {
    let m = model(
        &[("icb", K::IntegratedCareBoard), ("t", K::NhsTrust)],
        &[(L::Membership, "t", "icb")],
    );
    assert_eq!(fired(&m, "M09"), one(&["icb"], &[]));
    assert_eq!(
        messages(&m, "M09"),
        vec!["ICB has no partner member from general practice or a local authority"]
    );
    quiet(
        &model(
            &[
                ("icb", K::IntegratedCareBoard),
                ("t", K::NhsTrust),
                ("gp", K::GpPractice),
                ("la", K::LocalAuthority),
            ],
            &[
                (L::Membership, "t", "icb"),
                (L::Membership, "gp", "icb"),
                (L::Membership, "la", "icb"),
            ],
        ),
        "M09",
    );
    quiet(&model(&[("icb", K::IntegratedCareBoard)], &[]), "M09");
}

// ---- Purpose ----

#[test]
fn p01_no_work_programme() {
    let mut m = model(
        &[
            ("icp", K::IntegratedCareProvider),
            ("pc", K::ProviderCollaborative),
            ("t", K::NhsTrust),
        ],
        &[],
    );
    node_mut(&mut m, "pc").work_programme = "Elective recovery".into();
    assert_eq!(fired(&m, "P01"), one(&["icp"], &[]));
    node_mut(&mut m, "icp").work_programme = "MSK pathway".into();
    quiet(&m, "P01");
}

#[test]
fn p02_no_outcomes() {
    let mut m = model(
        &[
            ("pb", K::PartnershipBoard),
            ("icp", K::IntegratedCarePartnership),
        ],
        &[],
    );
    node_mut(&mut m, "icp").outcomes = "Healthy life expectancy".into();
    assert_eq!(fired(&m, "P02"), one(&["pb"], &[]));
    node_mut(&mut m, "pb").outcomes = "Fewer admissions".into();
    quiet(&m, "P02");
}

#[test]
fn p03_no_money_drawn() {
    let m = model(
        &[("icb", K::IntegratedCareBoard), ("t", K::NhsTrust)],
        &[(L::Commissioning, "icb", "t")],
    );
    assert_eq!(fired(&m, "P03"), one(&[], &[]));
    quiet(
        &model(
            &[("icb", K::IntegratedCareBoard), ("t", K::NhsTrust)],
            &[(L::Funding, "icb", "t")],
        ),
        "P03",
    );
    quiet(&model(&[("t", K::NhsTrust)], &[]), "P03");
}

// ---- Commissioning ----

#[test]
fn c01_commissioner_commissions_nothing() {
    let m = model(
        &[
            ("sc", K::StrategicCommissioner),
            ("icb", K::IntegratedCareBoard),
            ("t", K::NhsTrust),
        ],
        &[(L::Commissioning, "icb", "t")],
    );
    assert_eq!(fired(&m, "C01"), one(&["sc"], &[]));
    quiet(
        &model(
            &[("sc", K::StrategicCommissioner), ("t", K::NhsTrust)],
            &[(L::Commissioning, "sc", "t")],
        ),
        "C01",
    );
}

#[test]
fn c02_commissioning_by_a_non_statutory_body() {
    let m = model(
        &[("pb", K::PartnershipBoard), ("t", K::NhsTrust)],
        &[(L::Commissioning, "pb", "t")],
    );
    assert_eq!(fired(&m, "C02"), one(&["pb", "t"], &[0]));
    quiet(
        &model(
            &[("la", K::LocalAuthority), ("v", K::VoluntarySector)],
            &[(L::Commissioning, "la", "v")],
        ),
        "C02",
    );
}

#[test]
fn c03_icp_contract_needs_a_statutory_holder() {
    let mut m = model(
        &[
            ("sc", K::StrategicCommissioner),
            ("icp", K::IntegratedCareProvider),
        ],
        &[(L::Commissioning, "sc", "icp")],
    );
    assert_eq!(fired(&m, "C03"), one(&["icp", "sc"], &[0]));
    node_mut(&mut m, "icp").statutory = Some(true);
    quiet(&m, "C03");
}

// ---- Redundancy ----

#[test]
fn r01_forums_with_the_same_members() {
    let m = model(
        &[
            ("a", K::PlacePartnership),
            ("b", K::Committee),
            ("x", K::LocalAuthority),
            ("y", K::NhsTrust),
        ],
        &[
            (L::Membership, "x", "a"),
            (L::Membership, "y", "a"),
            (L::Membership, "y", "b"),
            (L::Membership, "x", "b"),
        ],
    );
    assert_eq!(fired(&m, "R01"), one(&["a", "b"], &[]));
    let m = model(
        &[
            ("a", K::PlacePartnership),
            ("b", K::Committee),
            ("x", K::LocalAuthority),
        ],
        &[(L::Membership, "x", "a"), (L::Membership, "x", "b")],
    );
    quiet(&m, "R01");
}

// ---- Lifecycle ----

#[test]
fn l01_ccg_after_abolition() {
    let mut m = model(&[("ccg", K::ClinicalCommissioningGroup)], &[]);
    assert_eq!(fired(&m, "L01"), one(&["ccg"], &[]));
    m.as_at = date("2022-07-01");
    assert_eq!(fired(&m, "L01"), one(&["ccg"], &[]));
    m.as_at = date("2022-06-30");
    quiet(&m, "L01");
}

#[test]
fn l02_body_outside_its_dates() {
    let mut m = model(
        &[
            ("old", K::IntegratedCareBoard),
            ("new", K::IntegratedCareBoard),
            ("now", K::IntegratedCareBoard),
        ],
        &[],
    );
    node_mut(&mut m, "old").valid_to = date("2026-03-31");
    node_mut(&mut m, "new").valid_from = date("2026-04-01");
    node_mut(&mut m, "now").valid_from = date("2022-07-01");
    node_mut(&mut m, "now").valid_to = date("2026-03-31");
    quiet(&m, "L02");
    m.as_at = date("2026-03-31");
    assert_eq!(fired(&m, "L02"), one(&["new"], &[]));
    m.as_at = date("2026-04-01");
    let mut found = fired(&m, "L02");
    found.sort();
    assert_eq!(
        found,
        vec![(vec!["now".into()], vec![]), (vec!["old".into()], vec![])]
    );
}

// ---- Behaviour ----

#[test]
fn disabled_rules_are_not_run() {
    let mut m = model(&[("lone", K::NhsTrust)], &[]);
    assert!(!fired(&m, "S02").is_empty());
    m.settings.disabled_rules = vec!["S02".into(), "a02".into()];
    quiet(&m, "S02");
    quiet(&m, "A02");
    assert_eq!(rules::disabled_count(&m), 2);
}

#[test]
fn findings_are_sorted_and_deterministic() {
    let m = model(
        &[
            ("t", K::NhsTrust),
            ("icp", K::IntegratedCareProvider),
            ("a", K::NhsTrust),
            ("b", K::NhsTrust),
        ],
        &[(L::Accountability, "a", "b"), (L::Accountability, "b", "a")],
    );
    let findings = rules::check(&m);
    assert_eq!(findings, rules::check(&m));
    let keys: Vec<(Severity, &str)> = findings.iter().map(|f| (f.severity, f.rule)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(findings[0].rule, "A01");
    // Within a rule, by the first body's position in the file.
    let s02: Vec<&str> = findings
        .iter()
        .filter(|f| f.rule == "S02")
        .map(|f| f.nodes[0].as_str())
        .collect();
    assert_eq!(s02, vec!["t", "icp"]);
}

#[test]
fn the_good_practice_model_passes_and_figure_1_has_only_what_its_notes_explain() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/models");
    let good = icsmap::open(std::path::Path::new(&format!(
        "{dir}/good-practice.icsmap.ron"
    )))
    .unwrap();
    let findings = rules::check(&good);
    assert!(
        findings.iter().all(|f| f.severity == Severity::Info),
        "{findings:#?}"
    );

    let fig1 = icsmap::open(std::path::Path::new(&format!(
        "{dir}/figure1-operating-model.icsmap.ron"
    )))
    .unwrap();
    let rules_found: Vec<&str> = rules::check(&fig1).iter().map(|f| f.rule).collect();
    assert_eq!(rules_found, vec!["A02", "C03", "C03", "C03", "P03"]);
    for rule in &rules_found {
        assert!(fig1.notes.contains(rule), "the notes should explain {rule}");
    }
    assert!(fig1.notes.contains("C03 (three times)"));

    let places = icsmap::open(std::path::Path::new(&format!(
        "{dir}/icb-delegated-places.icsmap.ron"
    )))
    .unwrap();
    let found: Vec<&str> = rules::check(&places).iter().map(|f| f.rule).collect();
    assert_eq!(found, vec!["D05"]);
    assert!(places.notes.contains("D05"));
}
