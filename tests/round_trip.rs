//! Property: for any valid model, saving and loading gives the same model, and saving again
//! gives the same bytes.

use std::path::Path;

use icsmap::model::file::{load_str, to_canonical_string};
use icsmap::model::{
    Decision, IsoDate, Link, LinkKind, Maturity, Model, Node, NodeKind, Point, Settings, Tier,
};
use proptest::prelude::*;
use proptest::sample::select;

fn text() -> impl Strategy<Value = String> {
    // Any characters at all, control characters and quotes included, sometimes empty.
    prop_oneof![
        Just(String::new()),
        any::<String>().prop_map(|s| s.chars().take(60).collect())
    ]
}

fn id() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_.-]{1,64}"
}

fn date() -> impl Strategy<Value = Option<IsoDate>> {
    proptest::option::of(
        (1900u16..2100, 1u8..=12, 1u8..=28)
            .prop_filter_map("real date", |(y, m, d)| IsoDate::new(y, m, d)),
    )
}

fn tenths(limit: i64) -> impl Strategy<Value = f64> {
    (-limit..=limit).prop_map(|t| t as f64 / 10.0)
}

fn node() -> impl Strategy<Value = Node> {
    (
        (id(), select(NodeKind::ALL.to_vec()), text(), text()),
        (
            proptest::option::of(select(Tier::ALL.to_vec())),
            any::<Option<bool>>(),
            text(),
            any::<Option<u64>>(),
        ),
        (
            proptest::option::of(select(Maturity::ALL.to_vec())),
            text(),
            text(),
            text(),
        ),
        (
            date(),
            date(),
            text(),
            tenths(10_000_000),
            tenths(10_000_000),
        ),
    )
        .prop_map(
            |(
                (id, kind, name, short),
                (tier, statutory, ods_code, population),
                (maturity, work_programme, outcomes, notes),
                (valid_from, valid_to, label, x, y),
            )| Node {
                id,
                kind,
                name,
                short,
                tier,
                statutory,
                ods_code,
                population,
                maturity,
                work_programme,
                outcomes,
                notes,
                valid_from,
                valid_to,
                label,
                within: None,
                collapsed: false,
                at: Point::new(x, y),
            },
        )
}

fn model() -> impl Strategy<Value = Model> {
    let nodes = proptest::collection::vec(node(), 0..12).prop_map(|mut nodes| {
        // Ids must be unique: suffix repeats with their position.
        let mut seen = std::collections::HashSet::new();
        for (i, n) in nodes.iter_mut().enumerate() {
            if !seen.insert(n.id.clone()) {
                n.id = format!("dup{i}");
                seen.insert(n.id.clone());
            }
        }
        nodes
    });
    let links = proptest::collection::vec(
        (
            select(LinkKind::ALL.to_vec()),
            any::<prop::sample::Index>(),
            any::<prop::sample::Index>(),
            (text(), text(), text()),
            proptest::option::of(tenths(100_000)),
            (text(), text()),
        ),
        0..20,
    );
    let settings = (
        proptest::option::of(0u32..100),
        proptest::collection::vec("[A-Z][0-9]{2}", 0..3),
        any::<Option<bool>>(),
    )
        .prop_map(|(max_forum_members, disabled_rules, show_tiers)| Settings {
            max_forum_members,
            disabled_rules,
            show_tiers,
        });
    (
        nodes,
        links,
        settings,
        (text(), text(), text(), date(), text()),
    )
        .prop_map(
            |(nodes, raw_links, settings, (title, subtitle, author, as_at, notes))| {
                let mut links = Vec::new();
                if nodes.len() >= 2 {
                    for (kind, a, b, (role, purpose, assurance), amount, (label, link_notes)) in
                        raw_links
                    {
                        let from = a.index(nodes.len());
                        let mut to = b.index(nodes.len());
                        if to == from {
                            to = (to + 1) % nodes.len();
                        }
                        links.push(Link {
                            kind,
                            from: nodes[from].id.clone(),
                            to: nodes[to].id.clone(),
                            role,
                            purpose,
                            assurance,
                            amount,
                            label,
                            notes: link_notes,
                            via: Vec::new(),
                        });
                    }
                }
                Model {
                    title,
                    subtitle,
                    author,
                    as_at,
                    notes,
                    settings,
                    nodes,
                    links,
                    decisions: Vec::new(),
                }
            },
        )
}

/// A model that uses format 2: groups (each body may sit inside an earlier one, so that
/// `within` never loops), folded groups, bends and decisions.
fn model_2() -> impl Strategy<Value = Model> {
    (
        model(),
        proptest::collection::vec((any::<Option<prop::sample::Index>>(), any::<bool>()), 12),
        proptest::collection::vec(
            proptest::collection::vec((tenths(100_000), tenths(100_000)), 0..4),
            20,
        ),
        proptest::collection::vec(
            (
                "[a-z][a-z0-9-]{0,10}",
                text(),
                text(),
                any::<prop::sample::Index>(),
                any::<Option<prop::sample::Index>>(),
                (text(), text(), text(), text(), text()),
            ),
            0..6,
        ),
    )
        .prop_map(|(mut m, groups, bends, decisions)| {
            for (i, (group, collapsed)) in groups.into_iter().enumerate().take(m.nodes.len()) {
                if i > 0
                    && let Some(g) = group
                {
                    m.nodes[i].within = Some(m.nodes[g.index(i)].id.clone());
                }
                m.nodes[i].collapsed = collapsed;
            }
            for (link, via) in m.links.iter_mut().zip(bends) {
                link.via = via.into_iter().map(|(x, y)| Point::new(x, y)).collect();
            }
            if !m.nodes.is_empty() {
                let mut seen = std::collections::HashSet::new();
                for (id, title, theme, holder, taker, (basis, lead, assurance, reference, notes)) in
                    decisions
                {
                    if !seen.insert(id.clone()) {
                        continue;
                    }
                    m.decisions.push(Decision {
                        id,
                        title,
                        theme,
                        holder: m.nodes[holder.index(m.nodes.len())].id.clone(),
                        taken_by: taker.map(|t| m.nodes[t.index(m.nodes.len())].id.clone()),
                        basis,
                        lead,
                        assurance,
                        reference,
                        notes,
                    });
                }
            }
            m
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn save_then_load_is_lossless_and_stable(m in model()) {
        let saved = to_canonical_string(&m);
        let loaded = load_str(&saved, Path::new("prop.icsmap.ron")).map(|l| l.model);
        prop_assert!(loaded.is_ok(), "{:?}\n{}", loaded.err(), saved);
        let loaded = loaded.unwrap();
        prop_assert_eq!(&loaded, &m);
        prop_assert_eq!(to_canonical_string(&loaded), saved);
    }

    #[test]
    fn format_2_save_then_load_is_lossless_and_names_its_version(m in model_2()) {
        let saved = to_canonical_string(&m);
        let expected = format!("    version: {},\n", m.format_version());
        prop_assert!(saved.contains(&expected), "{}", saved);
        let loaded = load_str(&saved, Path::new("prop.icsmap.ron")).map(|l| l.model);
        prop_assert!(loaded.is_ok(), "{:?}\n{}", loaded.err(), saved);
        let loaded = loaded.unwrap();
        prop_assert_eq!(&loaded, &m);
        prop_assert_eq!(to_canonical_string(&loaded), saved);
    }

    #[test]
    fn any_text_loads_or_is_refused_without_panic(s in any::<String>()) {
        let _ = load_str(&s, Path::new("fuzz"));
    }

    #[test]
    fn mutations_of_a_saved_model_never_panic(m in model(), at in any::<prop::sample::Index>(), junk in "[(){}\\[\\]\",:a-z0-9.\\\\-]{0,4}") {
        let mut saved = to_canonical_string(&m);
        let mut cut = at.index(saved.len() + 1);
        while !saved.is_char_boundary(cut) {
            cut -= 1;
        }
        saved.insert_str(cut, &junk);
        let _ = load_str(&saved, Path::new("mutant"));
    }
}
