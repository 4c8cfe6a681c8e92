//! The SVG says what it draws (diagram.md, "SVG that says what it draws"): read back with an
//! XML parser, every body and line is one `<g>` with its class, data and title, groups and
//! folded groups are marked, and merged lines carry their count.

use std::path::Path;

use icsmap::export::{self, ExportOptions, Format};
use icsmap::geom::Rect;
use icsmap::layout::node_rect;
use icsmap::model::{Link, LinkKind, Model, Node, NodeKind};
use roxmltree::{Document, Node as XmlNode};

fn svg_of(model: &Model) -> String {
    String::from_utf8(export::render(model, Format::Svg, &ExportOptions::default()).unwrap())
        .unwrap()
}

fn groups<'a>(doc: &'a Document<'a>, class: &str) -> Vec<XmlNode<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some(class))
        .collect()
}

fn title_of(g: XmlNode<'_, '_>) -> String {
    g.children()
        .find(|c| c.has_tag_name("title"))
        .and_then(|t| t.text())
        .unwrap_or("")
        .to_string()
}

/// The drawing elements of a `<g>`, in order (its title left out).
fn drawn(g: XmlNode<'_, '_>) -> Vec<String> {
    g.children()
        .filter(|c| c.is_element() && !c.has_tag_name("title"))
        .map(|c| c.tag_name().name().to_string())
        .collect()
}

fn line_points(line: XmlNode<'_, '_>) -> Vec<(f32, f32)> {
    let numbers: Vec<f32> = line
        .attribute("points")
        .or(line.attribute("d"))
        .unwrap_or("")
        .split(|c: char| c == ',' || c.is_whitespace() || c.is_ascii_alphabetic())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    numbers.chunks(2).map(|c| (c[0], c[1])).collect()
}

/// How far `p` is from the border of `r`.
fn border_distance(r: Rect, (x, y): (f32, f32)) -> f32 {
    let dx = (x - r.min.x).abs().min((x - r.max.x).abs());
    let dy = (y - r.min.y).abs().min((y - r.max.y).abs());
    let inside_x = x >= r.min.x - 0.5 && x <= r.max.x + 0.5;
    let inside_y = y >= r.min.y - 0.5 && y <= r.max.y + 0.5;
    match (inside_x, inside_y) {
        (true, true) => dx.min(dy),
        (true, false) => dy,
        (false, true) => dx,
        (false, false) => dx.hypot(dy),
    }
}

fn texts(g: XmlNode<'_, '_>) -> Vec<String> {
    g.descendants()
        .filter(|c| c.has_tag_name("text"))
        .map(|c| c.text().unwrap_or("").to_string())
        .collect()
}

#[test]
fn every_body_and_link_of_the_examples_is_marked() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let model = icsmap::open(&path).unwrap();
        let svg = svg_of(&model);
        let doc = Document::parse(&svg).unwrap();
        let bodies = groups(&doc, "body");
        assert_eq!(bodies.len(), model.nodes.len(), "{}", path.display());
        for node in &model.nodes {
            let g = bodies
                .iter()
                .find(|g| g.attribute("data-id") == Some(node.id.as_str()))
                .unwrap_or_else(|| panic!("no <g> for {}", node.id));
            assert_eq!(g.attribute("data-kind"), Some(node.kind.file_name()));
            let title = title_of(*g);
            assert!(title.contains(&node.name), "{title}");
            assert!(
                title.contains(node.kind.display_name()) || node.kind == NodeKind::Other,
                "{title}"
            );
            // Its shape first, then its text.
            let elements = drawn(*g);
            assert!(
                matches!(elements[0].as_str(), "rect" | "polygon"),
                "{elements:?}"
            );
            assert_eq!(elements.last().map(String::as_str), Some("text"));
        }
        let lines = groups(&doc, "link");
        assert_eq!(lines.len(), model.links.len(), "{}", path.display());
        for link in &model.links {
            let g = lines
                .iter()
                .find(|g| {
                    g.attribute("data-from") == Some(link.from.as_str())
                        && g.attribute("data-to") == Some(link.to.as_str())
                        && g.attribute("data-kind") == Some(link.kind.file_name())
                })
                .unwrap_or_else(|| panic!("no line for {} → {}", link.from, link.to));
            let name = |id: &str| model.node(id).unwrap().display_name().to_string();
            assert_eq!(
                title_of(*g),
                link.kind.sentence(&name(&link.from), &name(&link.to))
            );
            // The whole line first, as one element; then its arrowheads and label.
            let elements = drawn(*g);
            assert!(
                matches!(elements[0].as_str(), "polyline" | "path"),
                "{elements:?}"
            );
            // Whole: from the border of one box to (the arrowhead at) the other.
            let line = g
                .children()
                .find(|c| c.is_element() && !c.has_tag_name("title"))
                .unwrap();
            let points = line_points(line);
            let (first, last) = (points[0], points[points.len() - 1]);
            let from = node_rect(model.node(&link.from).unwrap());
            let to = node_rect(model.node(&link.to).unwrap());
            assert!(border_distance(from, first) < 1.0, "{first:?} off {from:?}");
            assert!(border_distance(to, last) < 18.0, "{last:?} off {to:?}");
            assert_eq!(g.attribute("data-count"), None);
        }
        for class in ["tiers", "legend", "title-block"] {
            assert_eq!(groups(&doc, class).len(), 1, "{class}");
        }
    }
}

/// A place holding a PCN of two practices, and an ICB commissioning all three.
fn grouped(pcn_folded: bool) -> Model {
    let mut m = Model::new("Groups");
    m.nodes
        .push(Node::new("icb", NodeKind::IntegratedCareBoard, "NHS Vale ICB").at(0.0, 0.0));
    m.nodes.push(
        Node::new(
            "place",
            NodeKind::PlacePartnership,
            "Vale Place Partnership",
        )
        .at(0.0, 300.0),
    );
    let mut pcn = Node::new("pcn", NodeKind::PrimaryCareNetwork, "Vale North PCN").at(0.0, 300.0);
    pcn.within = Some("place".into());
    pcn.collapsed = pcn_folded;
    m.nodes.push(pcn);
    for (id, name, x) in [
        ("gp1", "Riverside Surgery", -115.0),
        ("gp2", "Hill Practice", 115.0),
    ] {
        let mut gp = Node::new(id, NodeKind::GpPractice, name).at(x, 300.0);
        gp.within = Some("pcn".into());
        m.nodes.push(gp);
        m.links.push(Link::new(LinkKind::Membership, id, "pcn"));
        m.links.push(Link::new(LinkKind::Commissioning, "icb", id));
    }
    m.links
        .push(Link::new(LinkKind::Commissioning, "icb", "pcn"));
    m
}

#[test]
fn groups_hold_only_their_box_and_header_and_members_follow() {
    let model = grouped(false);
    let svg = svg_of(&model);
    let doc = Document::parse(&svg).unwrap();
    let open = groups(&doc, "body group");
    let ids: Vec<&str> = open.iter().filter_map(|g| g.attribute("data-id")).collect();
    assert_eq!(ids, vec!["place", "pcn"]);
    let pcn = open[1];
    assert_eq!(
        texts(pcn).first().map(String::as_str),
        Some("Vale North PCN")
    );
    assert!(!texts(pcn).iter().any(|t| t.contains("Riverside")));
    let bodies = groups(&doc, "body");
    let members: Vec<&str> = bodies
        .iter()
        .filter_map(|g| g.attribute("data-id"))
        .collect();
    assert_eq!(members, vec!["icb", "gp1", "gp2"]);
    // Memberships are what the boxes say; each commissioning link is its own line.
    let lines = groups(&doc, "link");
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().all(|g| g.attribute("data-count").is_none()));
}

#[test]
fn a_folded_group_shows_its_count_and_takes_its_members_lines() {
    let model = grouped(true);
    let svg = svg_of(&model);
    let doc = Document::parse(&svg).unwrap();
    let folded = groups(&doc, "body group folded");
    assert_eq!(folded.len(), 1);
    assert_eq!(folded[0].attribute("data-id"), Some("pcn"));
    assert!(
        texts(folded[0]).contains(&"+2".to_string()),
        "{:?}",
        texts(folded[0])
    );
    // Hidden practices have no box of their own, and no line of their own.
    assert!(!svg.contains("Riverside Surgery"));
    assert!(!svg.contains(r#"data-id="gp1""#));
    let lines = groups(&doc, "link");
    assert_eq!(lines.len(), 1, "three commissioning links drawn as one");
    let line = lines[0];
    assert_eq!(line.attribute("data-from"), Some("icb"));
    assert_eq!(line.attribute("data-to"), Some("pcn"));
    assert_eq!(line.attribute("data-count"), Some("3"));
    assert!(texts(line).contains(&"×3".to_string()));
    assert!(title_of(line).contains("NHS Vale ICB commissions services from Vale North PCN"));
}
