//! Reading a model file: untrusted input that arrives by email. Every way it can be wrong
//! ends in one `LoadError` naming the place; nothing here panics or loads half a model.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use ron::error::{Error as RonError, SpannedError};
use ron::extensions::Extensions;
use serde::Deserialize;

use super::error::{LoadError, Problem};
use super::scan::{self, Site};
use super::{
    FORMAT_NAME, FORMAT_VERSION, MAX_COORDINATE, MAX_DECISIONS, MAX_FILE_BYTES, MAX_LINKS,
    MAX_NODES, MAX_TEXT_CHARS, MAX_VIA_POINTS,
};
use crate::model::date::IsoDate;
use crate::model::ids::is_valid_id;
use crate::model::kinds::{LinkKind, Maturity, NodeKind, Tier};
use crate::model::operating_model::{Decision, Link, Model, Node, Point, Settings};

/// A model as read from a file, with the bodies the file gave no position. The file format
/// lets a hand-written file leave `at` out; whoever opens the file lays those bodies out
/// (`crate::open` does it with the auto-layout).
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The model.
    pub model: Model,
    /// Positions in `model.nodes` of the bodies without `at`; they are at the origin.
    pub unplaced: Vec<usize>,
}

/// Reads and checks the model file at `path`.
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    let fail = |problem| LoadError::new(path, None, problem);
    let file = std::fs::File::open(path).map_err(|e| fail(Problem::Unreadable(e.to_string())))?;
    // Refuse an oversized file before reading it; `take` guards against one that grows.
    if let Ok(meta) = file.metadata()
        && meta.len() > MAX_FILE_BYTES
    {
        return Err(fail(Problem::FileTooLarge {
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        }));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(Problem::Unreadable(e.to_string())))?;
    load_bytes(&bytes, path)
}

/// Reads and checks model text; `name` is what messages call the file (a path, or
/// "clipboard").
pub fn load_bytes(bytes: &[u8], name: &Path) -> Result<Loaded, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::new(
            name,
            None,
            Problem::FileTooLarge {
                size: bytes.len() as u64,
                limit: MAX_FILE_BYTES,
            },
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let good = e.valid_up_to();
        let valid = std::str::from_utf8(&bytes[..good]).unwrap_or_default();
        LoadError::new(
            name,
            Some(scan::line_col(valid, good)),
            Problem::NotUtf8 { byte: bytes[good] },
        )
    })?;
    load_str(text, name)
}

/// Reads and checks model text already known to be UTF-8.
pub fn load_str(text: &str, name: &Path) -> Result<Loaded, LoadError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    Loader { text, name }.load()
}

struct Loader<'a> {
    text: &'a str,
    name: &'a Path,
}

impl Loader<'_> {
    fn load(&self) -> Result<Loaded, LoadError> {
        let version = self.check_header()?;
        let (nodes, links) = scan::count_elements(self.text);
        self.check_counts(nodes, links)?;
        let file: FileModel = ron_options()
            .from_str(self.text)
            .map_err(|e| self.ron_error(e))?;
        // The scan's count is a cheap guard before parsing; the parsed count is the authority.
        self.check_counts(file.nodes.len(), file.links.len())?;
        let decisions = file.decisions.as_ref().map_or(0, Vec::len);
        if decisions > MAX_DECISIONS {
            return Err(self.error(
                self.locate(Site::Top("decisions")),
                Problem::TooManyDecisions {
                    count: decisions,
                    limit: MAX_DECISIONS,
                },
            ));
        }
        if version < 2 {
            self.refuse_format_2_fields(&file)?;
        }
        self.convert(file)
    }

    /// A format-1 file that uses a format-2 field is refused rather than read, naming the
    /// field: a program that reads only format 1 would refuse it too, so the file would
    /// not be what its `version` says.
    fn refuse_format_2_fields(&self, file: &FileModel) -> Result<(), LoadError> {
        let refuse =
            |site, field| Err(self.error(self.locate(site), Problem::NeedsFormat2 { field }));
        for (i, n) in file.nodes.iter().enumerate() {
            if n.within.is_some() {
                return refuse(Site::Node(i, "within"), "within");
            }
            if n.collapsed.is_some() {
                return refuse(Site::Node(i, "collapsed"), "collapsed");
            }
        }
        for (i, l) in file.links.iter().enumerate() {
            if l.via.is_some() {
                return refuse(Site::Link(i, "via"), "via");
            }
        }
        if file.decisions.is_some() {
            return refuse(Site::Top("decisions"), "decisions");
        }
        Ok(())
    }

    /// `format` and `version` are checked first, on their own, so that a file from a newer
    /// program is refused as such rather than for the fields it has that this one lacks.
    fn check_header(&self) -> Result<u32, LoadError> {
        let header: Header = ron_options()
            .from_str(self.text)
            .map_err(|e| self.ron_error(e))?;
        let at = |field| self.locate(Site::Top(field));
        match header.format {
            Some(ron::Value::String(s)) if s == FORMAT_NAME => {}
            Some(other) => {
                return Err(self.error(
                    at("format"),
                    Problem::NotAModel {
                        found: describe_value(&other),
                    },
                ));
            }
            None => {
                return Err(self.error(
                    None,
                    Problem::NotAModel {
                        found: "missing".into(),
                    },
                ));
            }
        }
        let version = header
            .version
            .ok_or_else(|| self.error(None, Problem::MissingVersion))?;
        let number = match &version {
            ron::Value::Number(n) => integer_of(n),
            _ => None,
        };
        match number {
            None => Err(self.error(
                at("version"),
                Problem::VersionNotInteger {
                    found: describe_value(&version),
                },
            )),
            Some(v) if (1..=i128::from(FORMAT_VERSION)).contains(&v) => Ok(v as u32),
            Some(v) if v > i128::from(FORMAT_VERSION) => Err(self.error(
                at("version"),
                Problem::NewerVersion {
                    found: v.to_string(),
                    supported: FORMAT_VERSION,
                },
            )),
            Some(v) => Err(self.error(
                at("version"),
                Problem::VersionNotInteger {
                    found: format!("{v} (versions start at 1)"),
                },
            )),
        }
    }

    fn check_counts(&self, nodes: usize, links: usize) -> Result<(), LoadError> {
        if nodes > MAX_NODES {
            return Err(self.error(
                self.locate(Site::Top("nodes")),
                Problem::TooManyNodes {
                    count: nodes,
                    limit: MAX_NODES,
                },
            ));
        }
        if links > MAX_LINKS {
            return Err(self.error(
                self.locate(Site::Top("links")),
                Problem::TooManyLinks {
                    count: links,
                    limit: MAX_LINKS,
                },
            ));
        }
        Ok(())
    }

    fn convert(&self, file: FileModel) -> Result<Loaded, LoadError> {
        let top_text = |field: &'static str, value: Option<String>| -> Result<String, LoadError> {
            self.text_field(value, Site::Top(field), field.to_string())
        };
        let settings = match file.settings {
            Some(s) => Settings {
                max_forum_members: s.max_forum_members,
                disabled_rules: s
                    .disabled_rules
                    .unwrap_or_default()
                    .into_iter()
                    .map(|r| {
                        self.text_field(
                            Some(r),
                            Site::Setting("disabled_rules"),
                            "a disabled rule id".into(),
                        )
                    })
                    .collect::<Result<_, _>>()?,
                show_tiers: s.show_tiers,
            },
            None => Settings::default(),
        };
        let mut model = Model {
            title: top_text("title", file.title)?,
            subtitle: top_text("subtitle", file.subtitle)?,
            author: top_text("author", file.author)?,
            as_at: self.date(file.as_at, "as_at", Site::Top("as_at"))?,
            notes: top_text("notes", file.notes)?,
            settings,
            nodes: Vec::with_capacity(file.nodes.len()),
            links: Vec::with_capacity(file.links.len()),
            decisions: Vec::new(),
        };

        let mut first_use: HashMap<String, usize> = HashMap::with_capacity(file.nodes.len());
        let mut unplaced = Vec::new();
        for (i, n) in file.nodes.into_iter().enumerate() {
            let site = |field| Site::Node(i, field);
            if !is_valid_id(&n.id) {
                return Err(self.error(self.locate(site("id")), Problem::BadId { id: n.id }));
            }
            if let Some(&first) = first_use.get(&n.id) {
                return Err(self.error(
                    self.locate(site("id")),
                    Problem::DuplicateId { id: n.id, first },
                ));
            }
            first_use.insert(n.id.clone(), i);
            let text = |field: &'static str, value: Option<String>| {
                self.text_field(value, site(field), format!("node {:?}: {field}", n.id))
            };
            let at = match n.at {
                Some((x, y)) => Point::new(
                    self.coordinate(x, "x", &n.id, site("at"))?,
                    self.coordinate(y, "y", &n.id, site("at"))?,
                ),
                None => {
                    unplaced.push(i);
                    Point::default()
                }
            };
            let node = Node {
                kind: n.kind,
                name: self.text_field(
                    Some(n.name),
                    site("name"),
                    format!("node {:?}: name", n.id),
                )?,
                short: text("short", n.short)?,
                tier: n.tier,
                statutory: n.statutory,
                ods_code: text("ods_code", n.ods_code)?,
                population: n.population,
                maturity: n.maturity,
                work_programme: text("work_programme", n.work_programme)?,
                outcomes: text("outcomes", n.outcomes)?,
                notes: text("notes", n.notes)?,
                valid_from: self.date(n.valid_from, "valid_from", site("valid_from"))?,
                valid_to: self.date(n.valid_to, "valid_to", site("valid_to"))?,
                label: text("label", n.label)?,
                within: n.within.filter(|w| !w.is_empty()),
                collapsed: n.collapsed.unwrap_or(false),
                at,
                id: n.id,
            };
            model.nodes.push(node);
        }

        self.check_groups(&model.nodes, &first_use)?;

        for (i, l) in file.links.into_iter().enumerate() {
            let site = |field| Site::Link(i, field);
            for (end, id) in [("from", &l.from), ("to", &l.to)] {
                if !first_use.contains_key(id) {
                    return Err(self.error(
                        self.locate(site(end)),
                        Problem::UnknownEnd {
                            link: i,
                            end,
                            id: id.clone(),
                        },
                    ));
                }
            }
            if l.from == l.to {
                return Err(self.error(
                    self.locate(site("to")),
                    Problem::SelfLink {
                        link: i,
                        id: l.from,
                    },
                ));
            }
            let amount = match l.amount {
                Some(v) if !v.is_finite() => {
                    return Err(self.error(
                        self.locate(site("amount")),
                        Problem::BadAmount { link: i, value: v },
                    ));
                }
                other => other.map(super::round_to_tenth),
            };
            let text = |field: &'static str, value: Option<String>| {
                self.text_field(value, site(field), format!("link {i}: {field}"))
            };
            model.links.push(Link {
                kind: l.kind,
                role: text("role", l.role)?,
                purpose: text("purpose", l.purpose)?,
                assurance: text("assurance", l.assurance)?,
                amount,
                label: text("label", l.label)?,
                notes: text("notes", l.notes)?,
                via: self.bends(l.via.unwrap_or_default(), i)?,
                from: l.from,
                to: l.to,
            });
        }

        let mut decision_ids: HashMap<String, usize> = HashMap::new();
        for (i, d) in file.decisions.unwrap_or_default().into_iter().enumerate() {
            let site = |field| Site::Decision(i, field);
            if !is_valid_id(&d.id) {
                return Err(
                    self.error(self.locate(site("id")), Problem::BadDecisionId { id: d.id })
                );
            }
            if let Some(&first) = decision_ids.get(&d.id) {
                return Err(self.error(
                    self.locate(site("id")),
                    Problem::DuplicateDecisionId { id: d.id, first },
                ));
            }
            decision_ids.insert(d.id.clone(), i);
            // Empty means "not given" here as in every other optional text.
            let taken_by = d.taken_by.filter(|t| !t.is_empty());
            for (field, id) in [("holder", Some(&d.holder)), ("taken_by", taken_by.as_ref())] {
                if let Some(id) = id
                    && !first_use.contains_key(id)
                {
                    return Err(self.error(
                        self.locate(site(field)),
                        Problem::UnknownDecisionBody {
                            decision: d.id.clone(),
                            field,
                            id: id.clone(),
                        },
                    ));
                }
            }
            let text = |field: &'static str, value: Option<String>| {
                self.text_field(value, site(field), format!("decision {:?}: {field}", d.id))
            };
            model.decisions.push(Decision {
                title: text("title", Some(d.title))?,
                theme: text("theme", d.theme)?,
                basis: text("basis", d.basis)?,
                lead: text("lead", d.lead)?,
                assurance: text("assurance", d.assurance)?,
                reference: text("reference", d.reference)?,
                notes: text("notes", d.notes)?,
                holder: d.holder,
                taken_by,
                id: d.id,
            });
        }

        Ok(Loaded { model, unplaced })
    }

    /// Every `within` names another body, and following `within` from any body never
    /// comes back to it, so that every group has a top and drawing it terminates.
    fn check_groups(
        &self,
        nodes: &[Node],
        position: &HashMap<String, usize>,
    ) -> Result<(), LoadError> {
        let mut parent: Vec<Option<usize>> = Vec::with_capacity(nodes.len());
        for (i, node) in nodes.iter().enumerate() {
            let Some(group) = &node.within else {
                parent.push(None);
                continue;
            };
            match position.get(group) {
                Some(&p) if p != i => parent.push(Some(p)),
                Some(_) => {
                    return Err(self.error(
                        self.locate(Site::Node(i, "within")),
                        Problem::GroupCycle {
                            id: node.id.clone(),
                            path: format!("{0} is within {0}", node.id),
                        },
                    ));
                }
                None => {
                    return Err(self.error(
                        self.locate(Site::Node(i, "within")),
                        Problem::UnknownGroup {
                            id: node.id.clone(),
                            group: group.clone(),
                        },
                    ));
                }
            }
        }
        // Walks up from each body; 0: not yet visited, 1: on the current walk, 2: known to reach a top.
        let mut state = vec![0u8; nodes.len()];
        for start in 0..nodes.len() {
            let mut walk: Vec<usize> = Vec::new();
            let mut at = Some(start);
            while let Some(i) = at {
                match state[i] {
                    2 => break,
                    1 => {
                        let from = walk.iter().position(|&w| w == i).unwrap_or(0);
                        let mut names: Vec<&str> =
                            walk[from..].iter().map(|&w| nodes[w].id.as_str()).collect();
                        names.push(&nodes[i].id);
                        return Err(self.error(
                            self.locate(Site::Node(i, "within")),
                            Problem::GroupCycle {
                                id: nodes[i].id.clone(),
                                path: names.join(" within "),
                            },
                        ));
                    }
                    _ => {
                        state[i] = 1;
                        walk.push(i);
                        at = parent[i];
                    }
                }
            }
            for i in walk {
                state[i] = 2;
            }
        }
        Ok(())
    }

    fn bends(&self, points: Vec<(f64, f64)>, link: usize) -> Result<Vec<Point>, LoadError> {
        let site = Site::Link(link, "via");
        if points.len() > MAX_VIA_POINTS {
            return Err(self.error(
                self.locate(site),
                Problem::TooManyBends {
                    link,
                    count: points.len(),
                    limit: MAX_VIA_POINTS,
                },
            ));
        }
        let check = |value: f64, axis| {
            let why = if !value.is_finite() {
                "not a finite number"
            } else if value.abs() > MAX_COORDINATE {
                "beyond ±1,000,000"
            } else {
                return Ok(super::round_to_tenth(value));
            };
            Err(self.error(
                self.locate(site),
                Problem::BadBend {
                    link,
                    axis,
                    value,
                    why,
                },
            ))
        };
        points
            .into_iter()
            .map(|(x, y)| Ok(Point::new(check(x, "x")?, check(y, "y")?)))
            .collect()
    }

    fn text_field(
        &self,
        value: Option<String>,
        site: Site<'_>,
        what: String,
    ) -> Result<String, LoadError> {
        let value = value.unwrap_or_default();
        let length = value.chars().count();
        if length > MAX_TEXT_CHARS {
            return Err(self.error(
                self.locate(site),
                Problem::TextTooLong {
                    field: what,
                    length,
                    limit: MAX_TEXT_CHARS,
                },
            ));
        }
        Ok(value)
    }

    fn date(
        &self,
        value: Option<String>,
        field: &'static str,
        site: Site<'_>,
    ) -> Result<Option<IsoDate>, LoadError> {
        match value.as_deref() {
            None | Some("") => Ok(None),
            Some(text) => IsoDate::parse(text).map(Some).ok_or_else(|| {
                self.error(
                    self.locate(site),
                    Problem::BadDate {
                        field,
                        value: text.chars().take(40).collect(),
                    },
                )
            }),
        }
    }

    fn coordinate(
        &self,
        value: f64,
        axis: &'static str,
        id: &str,
        site: Site<'_>,
    ) -> Result<f64, LoadError> {
        let why = if !value.is_finite() {
            "not a finite number"
        } else if value.abs() > MAX_COORDINATE {
            "beyond ±1,000,000"
        } else {
            return Ok(super::round_to_tenth(value));
        };
        Err(self.error(
            self.locate(site),
            Problem::BadCoordinate {
                id: id.to_string(),
                axis,
                value,
                why,
            },
        ))
    }

    fn locate(&self, site: Site<'_>) -> Option<(usize, usize)> {
        scan::find(self.text, site).map(|offset| scan::line_col(self.text, offset))
    }

    fn error(&self, position: Option<(usize, usize)>, problem: Problem) -> LoadError {
        LoadError::new(self.name, position, problem)
    }

    fn ron_error(&self, e: SpannedError) -> LoadError {
        let mut position = (e.span.start.line, e.span.start.col);
        if e.code == RonError::TrailingCharacters {
            // The parser points just past the model; point at what follows it instead.
            let after = scan::offset_of(self.text, position.0, position.1);
            position = scan::line_col(self.text, scan::skip_blank(self.text, after));
        }
        let position = Some(position);
        let problem = match e.code {
            RonError::NoSuchStructField {
                expected,
                found,
                outer,
            } => Problem::UnknownField {
                field: found,
                place: place_name(outer.as_deref()),
                expected: expected.join(", "),
            },
            RonError::MissingStructField { field, outer } => Problem::MissingField {
                field: field.to_string(),
                place: place_name(outer.as_deref()),
            },
            RonError::NoSuchEnumVariant {
                expected,
                found,
                outer,
            } => Problem::UnknownVariant {
                what: enum_name(outer.as_deref()),
                found,
                expected: expected.join(", "),
            },
            RonError::ExceededRecursionLimit => Problem::TooDeep,
            RonError::Eof => Problem::UnexpectedEnd("a bracket or value is missing".into()),
            code @ (RonError::InvalidValueForType { .. }
            | RonError::ExpectedString
            | RonError::ExpectedStringEnd
            | RonError::ExpectedBoolean
            | RonError::ExpectedInteger
            | RonError::ExpectedFloat
            | RonError::IntegerOutOfBounds
            | RonError::ExpectedArray
            | RonError::ExpectedStructLike
            | RonError::ExpectedIdentifier
            | RonError::ExpectedOption) => Problem::WrongType(code.to_string()),
            other => Problem::Syntax(other.to_string()),
        };
        LoadError::new(self.name, position, problem)
    }
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// What the file's Rust-side struct names mean to a person.
fn place_name(outer: Option<&str>) -> &'static str {
    match outer {
        Some("node") => "a node",
        Some("link") => "a link",
        Some("settings") => "settings",
        Some("decision") => "a decision",
        _ => "the model",
    }
}

fn enum_name(outer: Option<&str>) -> &'static str {
    match outer {
        Some("NodeKind") => "node kind",
        Some("LinkKind") => "link kind",
        Some("Tier") => "tier",
        Some("Maturity") => "maturity",
        _ => "name",
    }
}

fn integer_of(n: &ron::value::Number) -> Option<i128> {
    use ron::value::Number;
    match *n {
        Number::I8(v) => Some(v.into()),
        Number::I16(v) => Some(v.into()),
        Number::I32(v) => Some(v.into()),
        Number::I64(v) => Some(v.into()),
        Number::U8(v) => Some(v.into()),
        Number::U16(v) => Some(v.into()),
        Number::U32(v) => Some(v.into()),
        Number::U64(v) => Some(v.into()),
        _ => None,
    }
}

/// A short rendering of a header value for a message; long text is cut.
fn describe_value(value: &ron::Value) -> String {
    let text = match value {
        ron::Value::String(s) => format!("{s:?}"),
        other => ron::to_string(other).unwrap_or_else(|_| "an unreadable value".into()),
    };
    if text.chars().count() > 40 {
        let cut: String = text.chars().take(40).collect();
        format!("{cut}…")
    } else {
        text
    }
}

/// Just `format` and `version`; every other field is skipped unread.
#[derive(Deserialize)]
struct Header {
    format: Option<ron::Value>,
    version: Option<ron::Value>,
}

#[derive(Deserialize)]
#[serde(rename = "model", deny_unknown_fields)]
struct FileModel {
    #[allow(dead_code)] // checked by `Header`; present so that it is not an unknown field
    format: ron::Value,
    #[allow(dead_code)]
    version: ron::Value,
    title: Option<String>,
    subtitle: Option<String>,
    author: Option<String>,
    as_at: Option<String>,
    notes: Option<String>,
    settings: Option<FileSettings>,
    #[serde(default)]
    nodes: Vec<FileNode>,
    #[serde(default)]
    links: Vec<FileLink>,
    /// `None` when the file does not write the field at all (format 1 must not).
    decisions: Option<Vec<FileDecision>>,
}

#[derive(Deserialize)]
#[serde(rename = "settings", deny_unknown_fields)]
struct FileSettings {
    max_forum_members: Option<u32>,
    disabled_rules: Option<Vec<String>>,
    show_tiers: Option<bool>,
}

#[derive(Deserialize)]
#[serde(rename = "node", deny_unknown_fields)]
struct FileNode {
    id: String,
    kind: NodeKind,
    name: String,
    short: Option<String>,
    tier: Option<Tier>,
    statutory: Option<bool>,
    ods_code: Option<String>,
    population: Option<u64>,
    maturity: Option<Maturity>,
    work_programme: Option<String>,
    outcomes: Option<String>,
    notes: Option<String>,
    valid_from: Option<String>,
    valid_to: Option<String>,
    label: Option<String>,
    within: Option<String>,
    collapsed: Option<bool>,
    at: Option<(f64, f64)>,
}

#[derive(Deserialize)]
#[serde(rename = "link", deny_unknown_fields)]
struct FileLink {
    kind: LinkKind,
    from: String,
    to: String,
    role: Option<String>,
    purpose: Option<String>,
    assurance: Option<String>,
    amount: Option<f64>,
    label: Option<String>,
    notes: Option<String>,
    via: Option<Vec<(f64, f64)>>,
}

#[derive(Deserialize)]
#[serde(rename = "decision", deny_unknown_fields)]
struct FileDecision {
    id: String,
    title: String,
    theme: Option<String>,
    holder: String,
    taken_by: Option<String>,
    basis: Option<String>,
    lead: Option<String>,
    assurance: Option<String>,
    reference: Option<String>,
    notes: Option<String>,
}
