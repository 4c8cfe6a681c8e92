//! Decisions (decisions.md): the route of a decision, rules X01–X07 (each made to fire on
//! exactly the expected bodies and decisions, and kept quiet by a near miss), the scheme as
//! CSV and Markdown, and reading a scheme kept as a spreadsheet.

use std::path::Path;

use icsmap::decisions::{
    DecisionRoute, Routes, read_scheme_bytes, scheme_rows, to_csv, to_markdown,
};
use icsmap::model::{
    Decision, Link, LinkKind as L, Maturity, Model, ModelIndex, Node, NodeKind as K,
};
use icsmap::rules;

/// A model of bodies named by id (the name is the id in capitals) and links between them.
fn model(nodes: &[(&str, K)], links: &[(L, &str, &str)]) -> Model {
    let mut m = Model::new("test");
    for (i, (id, kind)) in nodes.iter().enumerate() {
        m.nodes
            .push(Node::new(*id, *kind, id.to_uppercase()).at(i as f64 * 200.0, 0.0));
    }
    for (kind, from, to) in links {
        let mut link = Link::new(*kind, *from, *to);
        if *kind == L::Delegation {
            link.purpose = format!("{from} to {to}");
        }
        m.links.push(link);
    }
    m
}

fn decision(id: &str, holder: &str, taken_by: Option<&str>) -> Decision {
    let mut d = Decision::new(id, format!("Decide {id}"), holder);
    d.taken_by = taken_by.map(str::to_string);
    d.assurance = "Quarterly report".into();
    d
}

/// What rule `id` reports: for each finding, its node ids, link positions and decisions.
fn fired(m: &Model, id: &str) -> Vec<(Vec<String>, Vec<usize>, Vec<String>)> {
    rules::check(m)
        .into_iter()
        .filter(|f| f.rule == id)
        .map(|f| (f.nodes, f.links, f.decisions))
        .collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn one(
    nodes: &[&str],
    links: &[usize],
    decisions: &[&str],
) -> Vec<(Vec<String>, Vec<usize>, Vec<String>)> {
    vec![(strings(nodes), links.to_vec(), strings(decisions))]
}

fn quiet(m: &Model, id: &str) {
    assert_eq!(fired(m, id), vec![], "{id} should be quiet");
}

fn routes(m: &Model) -> Routes {
    Routes::new(m, &ModelIndex::new(m))
}

/// ICB with a place committee that delegates on to a partnership, and a second, longer way
/// round through another committee.
fn system() -> Model {
    model(
        &[
            ("icb", K::IntegratedCareBoard),
            ("place", K::Committee),
            ("pb", K::PlacePartnership),
            ("fin", K::Committee),
            ("council", K::LocalAuthority),
        ],
        &[
            (L::Committee, "place", "icb"),   // 0: icb → place
            (L::Delegation, "place", "pb"),   // 1: place → pb
            (L::Committee, "fin", "icb"),     // 2: icb → fin
            (L::Delegation, "fin", "place"),  // 3: fin → place
            (L::Accountability, "pb", "icb"), // 4: not a step of any route
        ],
    )
}

// ---- Routes ----

#[test]
fn a_route_follows_committees_down_and_delegations_along_and_is_the_shortest() {
    let mut m = system();
    m.decisions.push(decision("a", "icb", Some("pb")));
    m.decisions.push(decision("b", "icb", None));
    m.decisions.push(decision("c", "icb", Some("icb")));
    m.decisions.push(decision("d", "place", Some("icb")));
    let r = routes(&m);
    let DecisionRoute::Found(route) = &r.of[0] else {
        panic!("{:?}", r.of[0])
    };
    // icb → place directly (one committee step), not round through the finance committee.
    assert_eq!(route.nodes, vec![0, 1, 2]);
    assert_eq!(route.steps, vec![0, 1]);
    let index = ModelIndex::new(&m);
    assert_eq!(route.delegations(&m, &index), vec![1]);
    assert_eq!(
        route.sentence(&m, &index),
        "ICB → (its committee) → PLACE → (delegates: place to pb) → PB"
    );
    // Reserved, either way of saying it: the holder alone.
    for d in [1, 2] {
        let DecisionRoute::Found(route) = &r.of[d] else {
            panic!()
        };
        assert_eq!(route.nodes, vec![0]);
        assert!(route.is_reserved());
    }
    // Authority does not travel up from a committee to its parent.
    assert_eq!(
        r.of[3],
        DecisionRoute::Missing {
            holder: 1,
            taker: 0
        }
    );
    assert_eq!(
        r.of[3].sentence(&m, &index),
        "No route: nothing delegates from PLACE to ICB"
    );
}

#[test]
fn among_equally_short_routes_the_first_in_link_order_wins() {
    // Two two-step routes from the ICB to the trust: through a, or through b.
    let mut m = model(
        &[
            ("icb", K::IntegratedCareBoard),
            ("a", K::Committee),
            ("b", K::Committee),
            ("t", K::NhsTrust),
        ],
        &[
            (L::Committee, "b", "icb"),
            (L::Committee, "a", "icb"),
            (L::Delegation, "a", "t"),
            (L::Delegation, "b", "t"),
        ],
    );
    m.decisions.push(decision("x", "icb", Some("t")));
    let route = routes(&m).route(0).cloned().unwrap();
    assert_eq!(route.nodes, vec![0, 2, 3], "b's committee link comes first");
    // Swap the committee links: a comes first now.
    m.links.swap(0, 1);
    let route = routes(&m).route(0).cloned().unwrap();
    assert_eq!(route.nodes, vec![0, 1, 3]);
}

#[test]
fn the_delegations_of_a_route_are_all_delegations_between_consecutive_bodies() {
    let mut m = model(
        &[("icb", K::IntegratedCareBoard), ("jc", K::Committee)],
        &[
            (L::Delegation, "icb", "jc"),
            (L::Delegation, "icb", "jc"),
            (L::Delegation, "jc", "icb"),
        ],
    );
    m.links[1].purpose = "Second".into();
    m.decisions.push(decision("x", "icb", Some("jc")));
    let index = ModelIndex::new(&m);
    let route = routes(&m).route(0).cloned().unwrap();
    assert_eq!(route.steps, vec![0]);
    assert_eq!(route.delegations(&m, &index), vec![0, 1]);
    assert_eq!(
        route.sentence(&m, &index),
        "ICB → (delegates: icb to jc; Second) → JC"
    );
}

// ---- Rules ----

#[test]
fn x01_holder_without_statutory_force() {
    let mut m = system();
    m.decisions.push(decision("a", "pb", None));
    assert_eq!(fired(&m, "X01"), one(&["pb"], &[], &["a"]));
    let message = &rules::check(&m)
        .into_iter()
        .find(|f| f.rule == "X01")
        .unwrap()
        .message;
    assert!(message.contains("“Decide a” is held by PB"), "{message}");
    let mut m = system();
    m.decisions.push(decision("a", "place", None));
    quiet(&m, "X01");
}

#[test]
fn x02_taken_without_a_route() {
    let mut m = system();
    m.decisions.push(decision("a", "icb", Some("council")));
    assert_eq!(fired(&m, "X02"), one(&["icb", "council"], &[], &["a"]));
    let mut m = system();
    m.decisions.push(decision("a", "icb", Some("place")));
    m.decisions.push(decision("b", "council", None));
    quiet(&m, "X02");
}

#[test]
fn x03_routed_through_a_body_without_statutory_force() {
    let mut m = system();
    m.decisions.push(decision("a", "icb", Some("pb")));
    assert_eq!(
        fired(&m, "X03"),
        one(&["icb", "place", "pb"], &[0, 1], &["a"])
    );
    let mut m = system();
    m.decisions.push(decision("a", "icb", Some("place")));
    quiet(&m, "X03");
}

#[test]
fn x04_delegated_with_no_assurance_anywhere_on_its_route() {
    let mut m = system();
    let mut d = decision("a", "icb", Some("place"));
    d.assurance.clear();
    m.decisions.push(d.clone());
    assert_eq!(fired(&m, "X04"), one(&["icb", "place"], &[0], &["a"]));
    // Assurance on a delegation of the route is enough.
    let mut m = system();
    d.taken_by = Some("pb".into());
    m.decisions.push(d.clone());
    assert_eq!(fired(&m, "X04").len(), 1);
    m.links[1].assurance = "Monthly report to the place committee".into();
    quiet(&m, "X04");
    // So is the decision's own; and a reserved decision needs none.
    let mut m = system();
    m.decisions.push(decision("a", "icb", Some("place")));
    let mut reserved = decision("b", "icb", None);
    reserved.assurance.clear();
    m.decisions.push(reserved);
    quiet(&m, "X04");
}

#[test]
fn x05_delegated_to_an_emerging_body() {
    let mut m = system();
    m.nodes[1].maturity = Some(Maturity::Emerging);
    m.decisions.push(decision("a", "icb", Some("place")));
    assert_eq!(fired(&m, "X05"), one(&["icb", "place"], &[0], &["a"]));
    m.nodes[1].maturity = Some(Maturity::Developing);
    quiet(&m, "X05");
    // Reserved to an emerging holder: nothing is delegated.
    let mut m = system();
    m.nodes[1].maturity = Some(Maturity::Emerging);
    m.decisions.push(decision("a", "place", None));
    quiet(&m, "X05");
}

#[test]
fn x06_one_decision_taken_in_two_places() {
    let mut m = system();
    let mut a = decision("a", "icb", Some("place"));
    a.title = "Approve the community budget".into();
    let mut b = decision("b", "icb", Some("fin"));
    b.title = "  approve the COMMUNITY budget ".into();
    m.decisions.push(a.clone());
    m.decisions.push(b.clone());
    assert_eq!(fired(&m, "X06"), one(&["place", "fin"], &[], &["a", "b"]));
    b.taken_by = Some("place".into());
    m.decisions[1] = b;
    quiet(&m, "X06");
}

#[test]
fn x07_a_delegation_that_carries_no_decision() {
    let mut m = system();
    m.decisions.push(decision("a", "icb", Some("pb")));
    // place → pb carries it; fin → place carries nothing.
    assert_eq!(fired(&m, "X07"), one(&["fin", "place"], &[3], &[]));
    m.decisions.push(decision("b", "fin", Some("place")));
    quiet(&m, "X07");
    // A model without decisions has no scheme to disagree with.
    quiet(&system(), "X07");
}

#[test]
fn decision_rules_are_listed_and_can_be_switched_off() {
    let ids: Vec<&str> = rules::catalogue().map(|r| r.id).collect();
    for id in ["X01", "X02", "X03", "X04", "X05", "X06", "X07"] {
        assert!(ids.contains(&id), "{id}");
    }
    let mut m = system();
    m.decisions.push(decision("a", "icb", Some("council")));
    m.settings.disabled_rules = vec!["x02".into()];
    quiet(&m, "X02");
}

// ---- The scheme ----

fn scheme_model() -> Model {
    let mut m = system();
    let mut a = decision("a", "icb", Some("place"));
    a.theme = "Primary care".into();
    a.title = "Approve practice mergers, \"list\" changes | closures".into();
    let mut b = decision("b", "icb", None);
    b.theme = "Finance".into();
    b.title = "Approve the annual budget\nand capital plan".into();
    let mut c = decision("c", "icb", Some("council"));
    c.theme = "finance".into();
    let d = decision("d", "icb", Some("fin"));
    m.decisions.extend([a, b, c, d]);
    m
}

#[test]
fn the_scheme_is_sorted_by_theme_then_file_order() {
    let rows = scheme_rows(&scheme_model());
    let order: Vec<usize> = rows.iter().map(|r| r.decision).collect();
    assert_eq!(
        order,
        vec![1, 2, 0, 3],
        "Finance (b, c), Primary care, then no theme"
    );
    assert_eq!(rows[0].status, "Reserved");
    assert_eq!(rows[0].taken_by, "ICB");
    assert_eq!(rows[1].route, "no route");
    assert_eq!(rows[2].route, "ICB → PLACE");
    assert_eq!(rows[2].status, "Delegated");
}

#[test]
fn the_scheme_as_csv_reads_back_one_row_per_decision() {
    let rows = scheme_rows(&scheme_model());
    let text = to_csv(&rows).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.len(), 10);
    assert_eq!(&headers[0], "Theme");
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), 4);
    assert_eq!(
        &records[0][1],
        "Approve the annual budget\nand capital plan"
    );
    assert_eq!(
        &records[2][1],
        "Approve practice mergers, \"list\" changes | closures"
    );
}

#[test]
fn the_scheme_as_markdown_has_one_line_per_decision() {
    let rows = scheme_rows(&scheme_model());
    let text = to_markdown(&rows);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2 + 4);
    assert!(lines[0].starts_with("| Theme | Decision | Holder | Reserved or delegated |"));
    for line in &lines {
        // 10 cells: 11 unescaped bars.
        let bars = line.matches('|').count() - line.matches("\\|").count();
        assert_eq!(bars, 11, "{line}");
    }
    assert!(lines[2].contains("Approve the annual budget<br>and capital plan"));
    assert!(lines[4].contains("\"list\" changes \\| closures"));
}

// ---- Reading a scheme ----

fn bodies() -> Model {
    let mut m = system();
    m.nodes[0].name = "NHS Vale Integrated Care Board".into();
    m.nodes[0].ods_code = "QXX".into();
    m.nodes[1].name = "Bury Locality Committee".into();
    m
}

#[test]
fn a_scheme_is_read_by_header_name_and_bodies_by_id_name_or_code() {
    let csv = "\u{feff}Ref,Theme,Decision,Holder,Delegated To,Basis,Lead,Assurance\r\n\
        4.2,Finance,Approve the budget,qxx,,SFIs,Chief Finance Officer,Audit committee\r\n\
        4.3,Finance,Approve the budget,nhs  vale integrated care board,bury locality committee,,,\r\n\
        ,,,,,,,\r\n\
        5.1,Quality,\"Sign off the quality, safety report\",icb,Nowhere Board,,,\r\n\
        5.2,Quality,,icb,place,,,\r\n";
    let m = bodies();
    let read = read_scheme_bytes(csv.as_bytes(), Path::new("sord.csv"), &m).unwrap();
    assert_eq!(read.decisions.len(), 2);
    let a = &read.decisions[0];
    assert_eq!(
        (a.id.as_str(), a.holder.as_str(), a.taken_by.as_deref()),
        ("approve-the-budget", "icb", None)
    );
    assert_eq!(a.lead, "Chief Finance Officer");
    assert_eq!(a.basis, "SFIs");
    assert_eq!(a.theme, "Finance");
    let b = &read.decisions[1];
    assert_eq!(b.id, "approve-the-budget-2", "ids are unique");
    assert_eq!(b.taken_by.as_deref(), Some("place"));
    let lines: Vec<u64> = read.skipped.iter().map(|s| s.line).collect();
    assert_eq!(lines, vec![5, 6]);
    assert!(
        read.skipped[0]
            .why
            .contains("“Nowhere Board” names no body")
    );
    assert!(read.skipped[1].why.contains("no decision"));
}

#[test]
fn a_name_two_bodies_share_is_not_guessed() {
    let mut m = bodies();
    m.nodes[3].name = "Bury Locality Committee".into();
    let csv = "Title,Holder,Taken by\nA,icb,Bury Locality Committee\nB,icb,fin\n";
    let read = read_scheme_bytes(csv.as_bytes(), Path::new("s.csv"), &m).unwrap();
    assert_eq!(read.decisions.len(), 1);
    assert_eq!(read.skipped[0].line, 2);
    assert!(
        read.skipped[0].why.contains("2 bodies (place, fin)"),
        "{}",
        read.skipped[0].why
    );
}

#[test]
fn a_file_that_is_not_a_scheme_is_refused_with_its_line() {
    let m = bodies();
    let no_holder = "Decision,Taken by\nA,icb\n";
    let e = read_scheme_bytes(no_holder.as_bytes(), Path::new("s.csv"), &m).unwrap_err();
    assert_eq!(e.line, Some(1));
    assert!(e.to_string().starts_with("s.csv:1: "), "{e}");
    assert!(e.to_string().contains("\"Holder\""), "{e}");
    let bad_quote = "Decision,Holder\nA,icb\n\"B,icb\n";
    let latin1 = b"Decision,Holder\nA,icb\nCaf\xe9,icb\n";
    let e = read_scheme_bytes(latin1, Path::new("s.csv"), &m).unwrap_err();
    assert_eq!(e.line, Some(3), "{e}");
    assert!(e.to_string().contains("UTF-8"), "{e}");
    // An unclosed quote runs to the end: the csv reader takes the rest as one cell, so the
    // row is read whole and judged like any other.
    let read = read_scheme_bytes(bad_quote.as_bytes(), Path::new("s.csv"), &m).unwrap();
    assert_eq!(read.decisions.len(), 1);
    assert_eq!(read.skipped.len(), 1);
    let empty = read_scheme_bytes(b"", Path::new("s.csv"), &m).unwrap_err();
    assert!(empty.to_string().contains("no rows"));
}
