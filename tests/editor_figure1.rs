//! Scenario 1 of product.md, "First sketch": draw seed Figure 1 from a blank model with the
//! pointer and the keyboard only, save it, and compare the saved file with the expected one.
//! The test counts its own actions as a user would: a click, a drag, a typed name ended by
//! Enter (or Ctrl+Enter) and a key chord each count one; moving the pointer counts nothing.

use egui::{Event, Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use icsmap::editor::Editor;
use icsmap::model::{LinkKind, Model, NodeKind};

/// The most actions the scenario may take (issue 12).
const BUDGET: usize = 40;

struct User {
    h: Harness<'static, Editor>,
    actions: usize,
}

impl User {
    fn start() -> User {
        let mut h = Harness::builder()
            .with_size(Vec2::new(1440.0, 900.0))
            .build_eframe(|cc| Editor::new(&cc.egui_ctx, None));
        h.run_steps(3);
        User { h, actions: 0 }
    }

    /// Waits as a person does between two actions (and lets a double-click time pass).
    fn pause(&mut self) {
        self.h.run_steps(30);
    }

    fn click_label(&mut self, label: &str) {
        self.pause();
        self.h
            .query_all_by_label(label)
            .next()
            .unwrap_or_else(|| panic!("{label} is on screen"))
            .click();
        self.h.run_steps(3);
        self.actions += 1;
    }

    fn palette(&mut self, kind: NodeKind) {
        self.click_label(kind.display_name());
    }

    /// Types a name where the keyboard is and ends it with Enter (`next`: Ctrl+Enter, which
    /// adds another body of the same kind beside it).
    fn name(&mut self, name: &str, next: bool) {
        self.h.event(Event::Text(name.into()));
        self.h.run_steps(1);
        let modifiers = if next {
            Modifiers::COMMAND
        } else {
            Modifiers::NONE
        };
        self.h.key_press_modifiers(modifiers, Key::Enter);
        self.h.run_steps(3);
        self.actions += 1;
    }

    /// A series of bodies of one kind: a palette click, then each name.
    fn series(&mut self, kind: NodeKind, names: &[&str]) {
        self.palette(kind);
        for (k, name) in names.iter().enumerate() {
            self.name(name, k + 1 < names.len());
        }
    }

    fn key(&mut self, modifiers: Modifiers, key: Key) {
        self.h.key_press_modifiers(modifiers, key);
        self.h.run_steps(3);
        self.actions += 1;
    }

    fn id_of(&self, name: &str) -> String {
        self.h
            .state()
            .model()
            .unwrap()
            .nodes
            .iter()
            .find(|n| n.name == name)
            .unwrap_or_else(|| panic!("{name} is drawn"))
            .id
            .clone()
    }

    fn shift_click(&mut self, name: &str) {
        self.pause();
        let at = self.h.state().screen_centre_of(&self.id_of(name)).unwrap();
        self.h
            .event_modifiers(Event::PointerMoved(at), Modifiers::SHIFT);
        self.h.step();
        for pressed in [true, false] {
            self.h.event_modifiers(
                Event::PointerButton {
                    pos: at,
                    button: egui::PointerButton::Primary,
                    pressed,
                    modifiers: Modifiers::SHIFT,
                },
                Modifiers::SHIFT,
            );
            self.h.step();
        }
        self.h.run_steps(2);
        self.actions += 1;
    }

    fn glide(&mut self, from: Pos2, to: Pos2) {
        let steps = ((to - from).length() / 4.0).ceil().max(1.0) as usize;
        for k in 1..=steps {
            self.h.event(Event::PointerMoved(
                from + (to - from) * (k as f32 / steps as f32),
            ));
            self.h.step();
        }
    }

    /// Points at body `from`, moves onto its handle, drags from there onto body `to` and
    /// lets go; then chooses the link kind with its letter key.
    fn link(&mut self, from: &str, to: &str, kind: LinkKind) {
        self.pause();
        let (from, to) = (self.id_of(from), self.id_of(to));
        let body = self.h.state().screen_centre_of(&from).unwrap();
        self.h.event(Event::PointerMoved(body));
        self.h.step();
        let handle = self.h.state().handle_of(&from).unwrap();
        self.glide(body, handle);
        let target = self.h.state().screen_centre_of(&to).unwrap();
        for pressed in [true, false] {
            let at = if pressed { handle } else { target };
            if !pressed {
                self.glide(handle, target);
            }
            self.h.event(Event::PointerButton {
                pos: at,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
            self.h.step();
        }
        self.h.run_steps(2);
        self.actions += 1;
        let letter = match kind {
            LinkKind::Membership => Key::M,
            LinkKind::Accountability => Key::A,
            LinkKind::Commissioning => Key::C,
            other => panic!("{other:?} is not drawn in Figure 1"),
        };
        self.key(Modifiers::NONE, letter);
    }
}

/// Bodies as (kind, name) and links as (kind, from name, to name), sorted: what the
/// scenario must have drawn, wherever it put things.
/// A model's bodies and links, as compared.
type Content = (Vec<(String, String)>, Vec<(LinkKind, String, String)>);

fn content(model: &Model) -> Content {
    let name = |id: &str| model.node(id).map_or(String::new(), |n| n.name.clone());
    let mut nodes: Vec<(String, String)> = model
        .nodes
        .iter()
        .map(|n| (format!("{:?}", n.kind), n.name.clone()))
        .collect();
    nodes.sort();
    let mut links: Vec<(LinkKind, String, String)> = model
        .links
        .iter()
        .map(|l| (l.kind, name(&l.from), name(&l.to)))
        .collect();
    links.sort_by(|a, b| (a.0 as u8, &a.1, &a.2).cmp(&(b.0 as u8, &b.1, &b.2)));
    (nodes, links)
}

#[test]
fn figure_1_from_a_blank_model_in_at_most_40_actions() {
    let mut u = User::start();
    u.click_label("New blank model");

    let board = "North Shire System Partnership Board";
    let commissioner = "North Shire Strategic Commissioner";
    let vcse = "North Shire VCSE Alliance";
    u.series(NodeKind::PartnershipBoard, &[board]);
    u.series(NodeKind::StrategicCommissioner, &[commissioner]);
    u.series(NodeKind::VoluntarySector, &[vcse]);
    // The councils, then the voluntary sector with them: all three sit on the board.
    u.series(
        NodeKind::LocalAuthority,
        &["North Shire County Council", "Westmoor Borough Council"],
    );
    u.shift_click(vcse);
    u.link("North Shire County Council", board, LinkKind::Membership);

    // The three ICPs answer to the board and hold the commissioner's contracts.
    let icps = [
        "Northtown Integrated Care Provider",
        "Southvale Integrated Care Provider",
        "Westmoor Integrated Care Provider",
    ];
    u.series(NodeKind::IntegratedCareProvider, &icps);
    u.link(icps[0], board, LinkKind::Accountability);
    u.link(commissioner, icps[1], LinkKind::Commissioning);

    // Each ICP's PCNs are its members.
    let pcns: [&[&str]; 3] = [
        &[
            "Northtown Central PCN",
            "Northtown Rural PCN",
            "Harbour PCN",
        ],
        &["Southvale East PCN", "Southvale West PCN", "Millbrook PCN"],
        &["Westmoor Town PCN", "Moorland PCN"],
    ];
    for (icp, members) in icps.iter().zip(pcns) {
        u.series(NodeKind::PrimaryCareNetwork, members);
        // The view has widened as bodies were added, so the PCNs sit close: the neighbour
        // begins within 4 px of the first member's handle (16 px across).
        let handle = u.h.state().handle_of(&u.id_of(members[0])).unwrap();
        let under = u.h.state().hit_at(handle + Vec2::new(12.0, 0.0));
        assert_eq!(
            under,
            Some(icsmap::editor::Hit::Body(u.id_of(members[1]))),
            "{} has a neighbour a few pixels to its handle's side",
            members[0]
        );
        u.link(members[0], icp, LinkKind::Membership);
    }

    // Save: Ctrl+S, and the file's name typed in the system's save dialog (not egui's, so
    // not drivable here: the path it would return is given directly).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("figure1.icsmap.ron");
    u.actions += 2;
    assert!(u.h.state_mut().save_to(&path), "saved");

    let saved = icsmap::open(&path).expect("the saved file opens");
    let expected = icsmap::open(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/figure1-from-blank.icsmap.ron"
    )))
    .unwrap();
    assert_eq!(content(&saved), content(&expected));
    // Ids come from the names.
    for node in &saved.nodes {
        assert_eq!(node.id, icsmap::model::slug(&node.name), "{}", node.name);
    }
    // Nothing drawn on top of anything else.
    for (i, a) in saved.nodes.iter().enumerate() {
        for b in &saved.nodes[i + 1..] {
            let (ra, rb) = (icsmap::layout::node_rect(a), icsmap::layout::node_rect(b));
            assert!(!ra.intersects(&rb), "{} and {} overlap", a.name, b.name);
        }
    }
    println!("Figure 1 from a blank model: {} actions", u.actions);
    assert!(
        u.actions <= BUDGET,
        "{} actions, more than {BUDGET}",
        u.actions
    );
}
