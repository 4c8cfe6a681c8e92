//! The operating model as plain data: what a model file holds, nothing about drawing it.

use super::date::IsoDate;
use super::kinds::{LinkKind, Maturity, NodeKind, Tier};

/// The rule M02 threshold when the model does not set one.
pub const DEFAULT_MAX_FORUM_MEMBERS: u32 = 16;

/// A whole operating model: the bodies of a system and the links between them.
///
/// Text fields use the empty string for "not given": the file format omits empty optional
/// fields, so there is no difference between absent and empty to keep.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Model {
    /// The model's title (the title block's heading).
    pub title: String,
    /// A line under the title.
    pub subtitle: String,
    /// Who drew it.
    pub author: String,
    /// The date the model describes (rules L01 and L02 read it).
    pub as_at: Option<IsoDate>,
    /// Free notes about the model.
    pub notes: String,
    /// Per-model settings.
    pub settings: Settings,
    /// In the order the user created them; the file keeps that order.
    pub nodes: Vec<Node>,
    /// In the order the user created them; findings name links by position in this list.
    pub links: Vec<Link>,
    /// The functions and decisions the model allocates (format 2; decisions.md), in file
    /// order.
    pub decisions: Vec<Decision>,
}

/// Per-model settings. Each is optional so that a file says only what it changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    /// Rule M02: the most members a forum may have before it is flagged (`None`: the default).
    pub max_forum_members: Option<u32>,
    /// Rule ids switched off for this model.
    pub disabled_rules: Vec<String>,
    /// Whether the canvas shows the tier bands (`None`: yes).
    pub show_tiers: Option<bool>,
}

/// A position in points, the centre of a body's box. Model coordinates grow right and down.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    /// Points to the right.
    pub x: f64,
    /// Points down.
    pub y: f64,
}

/// A body of the system.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Readable slug, unique within the model (`[A-Za-z0-9_.-]{1,64}`).
    pub id: String,
    /// What kind of body it is.
    pub kind: NodeKind,
    /// Its full name.
    pub name: String,
    /// Label drawn when the name does not fit.
    pub short: String,
    /// `None`: the kind's default (`Model::tier_of` resolves it).
    pub tier: Option<Tier>,
    /// `None`: the kind's default (`ModelIndex::is_statutory` resolves it).
    pub statutory: Option<bool>,
    /// Its NHS ODS code, where it has one.
    pub ods_code: String,
    /// People served.
    pub population: Option<u64>,
    /// How far it has come (places and partnerships).
    pub maturity: Option<Maturity>,
    /// What it works on (rule P02 asks for one from providers).
    pub work_programme: String,
    /// The outcomes it is to deliver.
    pub outcomes: String,
    /// Free notes.
    pub notes: String,
    /// From when it exists.
    pub valid_from: Option<IsoDate>,
    /// Until when it exists (rule L01 flags bodies past it).
    pub valid_to: Option<IsoDate>,
    /// Only for kind `Other`: what the body is.
    pub label: String,
    /// The body this one is drawn inside (a group), by id (format 2). The loader makes sure
    /// it names another body and that following `within` never comes back.
    pub within: Option<String>,
    /// This body, as a group, is drawn folded: its members hidden (format 2).
    pub collapsed: bool,
    /// Where its centre is on the canvas.
    pub at: Point,
}

/// A directed link `from` → `to` between two bodies, named by id.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// What kind of link it is.
    pub kind: LinkKind,
    /// The id of the body it goes from.
    pub from: String,
    /// The id of the body it goes to.
    pub to: String,
    /// Membership: the member's role, e.g. "Chair".
    pub role: String,
    /// Delegation: what is delegated, and for what (rule D03).
    pub purpose: String,
    /// Delegation: how the delegator is assured (rule D04).
    pub assurance: String,
    /// Funding: £m.
    pub amount: Option<f64>,
    /// Text drawn on the line.
    pub label: String,
    /// Free notes.
    pub notes: String,
    /// Bend points the user placed, in order from `from` to `to` (format 2). Empty: the
    /// program routes the line itself.
    pub via: Vec<Point>,
}

/// A function or decision the model allocates: who holds it in law and who takes it
/// (decisions.md). Text fields use the empty string for "not given", as elsewhere.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    /// Readable slug, unique among decisions.
    pub id: String,
    /// What is decided, e.g. "Approve the urgent and emergency care budget".
    pub title: String,
    /// Groups rows in the scheme of delegation.
    pub theme: String,
    /// The body that holds the function in law, by id.
    pub holder: String,
    /// The body that takes the decision, by id; `None` (or the holder): reserved.
    pub taken_by: Option<String>,
    /// The power or source, e.g. "NHS Act 2006 s65Z5".
    pub basis: String,
    /// A role, not a person.
    pub lead: String,
    /// How the holder is assured of the decisions taken for it.
    pub assurance: String,
    /// The row in the published scheme.
    pub reference: String,
    /// Free notes.
    pub notes: String,
}

impl Settings {
    /// Rule M02's threshold: the model's, or the default.
    pub fn max_forum_members(&self) -> u32 {
        self.max_forum_members.unwrap_or(DEFAULT_MAX_FORUM_MEMBERS)
    }

    /// Whether to draw the tier bands (the default is yes).
    pub fn show_tiers(&self) -> bool {
        self.show_tiers.unwrap_or(true)
    }

    /// Whether the rule with this id is switched off for this model (case does not matter).
    pub fn is_rule_disabled(&self, id: &str) -> bool {
        self.disabled_rules
            .iter()
            .any(|r| r.eq_ignore_ascii_case(id))
    }

    /// Whether nothing is set (the file then omits the settings).
    pub fn is_default(&self) -> bool {
        *self == Settings::default()
    }
}

impl Point {
    /// The point `(x, y)`.
    pub const fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }
}

impl Node {
    /// A body with only the required fields set; everything else takes its default.
    pub fn new(id: impl Into<String>, kind: NodeKind, name: impl Into<String>) -> Node {
        Node {
            id: id.into(),
            kind,
            name: name.into(),
            short: String::new(),
            tier: None,
            statutory: None,
            ods_code: String::new(),
            population: None,
            maturity: None,
            work_programme: String::new(),
            outcomes: String::new(),
            notes: String::new(),
            valid_from: None,
            valid_to: None,
            label: String::new(),
            within: None,
            collapsed: false,
            at: Point::default(),
        }
    }

    /// The same body, placed at `(x, y)`.
    pub fn at(mut self, x: f64, y: f64) -> Node {
        self.at = Point::new(x, y);
        self
    }

    /// The name, or the short name, or the id: whatever names the body for a person.
    pub fn display_name(&self) -> &str {
        [&self.name, &self.short, &self.id]
            .into_iter()
            .find(|s| !s.trim().is_empty())
            .map(String::as_str)
            .unwrap_or("")
    }
}

impl Link {
    /// A link of `kind` from `from` to `to` (ids), with no other field set.
    pub fn new(kind: LinkKind, from: impl Into<String>, to: impl Into<String>) -> Link {
        Link {
            kind,
            from: from.into(),
            to: to.into(),
            role: String::new(),
            purpose: String::new(),
            assurance: String::new(),
            amount: None,
            label: String::new(),
            notes: String::new(),
            via: Vec::new(),
        }
    }
}

impl Decision {
    /// A decision with only the required fields set: reserved to its holder.
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        holder: impl Into<String>,
    ) -> Decision {
        Decision {
            id: id.into(),
            title: title.into(),
            theme: String::new(),
            holder: holder.into(),
            taken_by: None,
            basis: String::new(),
            lead: String::new(),
            assurance: String::new(),
            reference: String::new(),
            notes: String::new(),
        }
    }

    /// The body that takes the decision: `taken_by`, or the holder when it is reserved.
    pub fn taker(&self) -> &str {
        self.taken_by.as_deref().unwrap_or(&self.holder)
    }

    /// Taken by the holder itself (no `taken_by`, or `taken_by` = `holder`).
    pub fn is_reserved(&self) -> bool {
        self.taker() == self.holder
    }
}

impl Model {
    /// A new, empty model with a title.
    pub fn new(title: impl Into<String>) -> Model {
        Model {
            title: title.into(),
            ..Model::default()
        }
    }

    /// The oldest file format that can hold this model: 2 when it uses groups (`within`,
    /// `collapsed`), bends (`via`) or decisions, else 1, so that a colleague with an older
    /// icsmap still opens every file that needs nothing newer (file-format.md).
    pub fn format_version(&self) -> u32 {
        let uses_format_2 = !self.decisions.is_empty()
            || self
                .nodes
                .iter()
                .any(|n| n.within.as_deref().is_some_and(|w| !w.is_empty()) || n.collapsed)
            || self.links.iter().any(|l| !l.via.is_empty());
        if uses_format_2 { 2 } else { 1 }
    }

    /// The model's own fields (title, settings, …) without its bodies, links and decisions.
    pub fn clone_header(&self) -> Model {
        Model {
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            author: self.author.clone(),
            as_at: self.as_at,
            notes: self.notes.clone(),
            settings: self.settings.clone(),
            nodes: Vec::new(),
            links: Vec::new(),
            decisions: Vec::new(),
        }
    }

    /// The position in `nodes` of the body with this id.
    pub fn node_position(&self, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.id == id)
    }

    /// The body with this id.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// An id not yet used in the model, made from `base` (`pcn`, `pcn-2`, `pcn-3`, …).
    pub fn fresh_id(&self, base: &str) -> String {
        let base = super::ids::slug(base);
        let taken: std::collections::HashSet<&str> =
            self.nodes.iter().map(|n| n.id.as_str()).collect();
        if !taken.contains(base.as_str()) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| !taken.contains(candidate.as_str()))
            .unwrap_or(base)
    }
}
