//! Starting a model from NHS Organisation Data Service files: regions, ICBs, their sub-ICB
//! locations as places, PCNs, practices and trusts, with who is accountable to, a member
//! of, a committee of and commissioned by whom. Practices sit inside their PCN and PCNs
//! inside their place, with PCNs folded.

mod names;
mod table;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

pub use names::title_case;
pub use table::ImportError;
pub use table::MAX_ODS_BYTES;
use table::{Check, Layout, Table};

use crate::model::{IsoDate, Link, LinkKind, Model, Node, NodeKind, Tier};

/// The four ODS files; any may be left out.
#[derive(Clone, Debug, Default)]
pub struct OdsFiles {
    /// `epcn-pcns.csv`: PCNs with their sub-ICB location.
    pub pcns: Option<PathBuf>,
    /// `epcn-core-partners.csv`: which practice belongs to which PCN.
    pub partners: Option<PathBuf>,
    /// `epraccur.csv`: GP practices (standard ODS layout, no header).
    pub practices: Option<PathBuf>,
    /// `etr.csv`: NHS trusts (standard ODS layout, no header).
    pub trusts: Option<PathBuf>,
}

impl OdsFiles {
    /// The four files under their ODS names (`epcn-pcns.csv`, `epcn-core-partners.csv`,
    /// `epraccur.csv`, `etr.csv`) in `folder`.
    pub fn in_folder(folder: &Path) -> OdsFiles {
        OdsFiles {
            pcns: Some(folder.join("epcn-pcns.csv")),
            partners: Some(folder.join("epcn-core-partners.csv")),
            practices: Some(folder.join("epraccur.csv")),
            trusts: Some(folder.join("etr.csv")),
        }
    }
}

/// Which part of England, and as at when.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// ICB codes (`QOP`); empty for all of England.
    pub icbs: Vec<String>,
    /// Relationships and organisations closed on or before this date are left out; without
    /// it, anything with an end date is.
    pub as_at: Option<IsoDate>,
}

const PCN_LAYOUT: Layout = Layout {
    what: "the ODS list of PCNs (epcn-pcns.csv)",
    columns: &[
        ("code", "PCN Code", 0, true, Check::Pcn),
        ("name", "PCN Name", 1, true, Check::Text),
        ("sub_icb", "Current Sub ICB Loc Code", 2, true, SUB_ICB),
        ("sub_icb_name", "Sub ICB Location", 3, false, Check::Text),
        ("open", "Open Date", 4, false, Check::Date),
        ("close", "Close Date", 5, false, Check::Date),
    ],
    min_fields: 6,
};

const PARTNER_LAYOUT: Layout = Layout {
    what: "the ODS list of PCN core partners (epcn-core-partners.csv)",
    columns: &[
        ("practice", "Partner Organisation Code", 0, true, PRACTICE),
        ("name", "Partner Name", 1, false, Check::Text),
        (
            "practice_sub_icb",
            "Practice Parent Sub ICB Loc Code",
            2,
            false,
            SUB_ICB,
        ),
        ("pcn", "PCN Code", 4, true, Check::Pcn),
        (
            "start",
            "Practice to PCN Relationship Start Date",
            8,
            false,
            Check::Date,
        ),
        (
            "end",
            "Practice to PCN Relationship End Date",
            9,
            false,
            Check::Date,
        ),
    ],
    min_fields: 10,
};

const PRACTICE_LAYOUT: Layout = Layout {
    what: "the ODS list of GP practices (epraccur.csv)",
    columns: &[
        ("code", "Organisation Code", 0, true, PRACTICE),
        ("name", "Name", 1, true, Check::Text),
        ("region", "National Grouping", 2, false, Check::Region),
        ("icb", "High Level Health Geography", 3, false, ICB),
        ("open", "Open Date", 10, false, Check::Date),
        ("close", "Close Date", 11, false, Check::Date),
        ("status", "Status Code", 12, false, Check::Status),
        ("sub_icb", "Commissioner", 14, false, SUB_ICB),
        ("setting", "Prescribing Setting", 25, false, Check::Digits),
    ],
    min_fields: 13,
};

const TRUST_LAYOUT: Layout = Layout {
    what: "the ODS list of NHS trusts (etr.csv)",
    columns: &[
        ("code", "Organisation Code", 0, true, TRUST),
        ("name", "Name", 1, true, Check::Text),
        ("region", "National Grouping", 2, false, Check::Region),
        ("icb", "High Level Health Geography", 3, false, ICB),
        ("open", "Open Date", 10, false, Check::Date),
        ("close", "Close Date", 11, false, Check::Date),
    ],
    min_fields: 12,
};

/// The shapes of ODS codes, which tell the files apart: a GP practice's code has six
/// characters (A81001), a trust's three or five (R0A, G6V2S), an ICB's three (QOP, or a
/// successor's five), a sub-ICB location's three or five (00T, 15N, D2P2L).
const PRACTICE: Check = Check::Code(&[6]);
const TRUST: Check = Check::Code(&[3, 5]);
const ICB: Check = Check::Code(&[3, 5]);
const SUB_ICB: Check = Check::Code(&[3, 5]);

/// NHS England's regions by ODS code.
fn region_name(code: &str) -> String {
    let name = match code {
        "Y56" => "London",
        "Y58" => "South West",
        "Y59" => "South East",
        "Y60" => "Midlands",
        "Y61" => "East of England",
        "Y62" => "North West",
        "Y63" => "North East and Yorkshire",
        other => return format!("NHS England region {other}"),
    };
    format!("NHS England {name}")
}

/// Whether something that opened on `open` and closes on `close` is there at `as_at`.
fn current(open: Option<IsoDate>, close: Option<IsoDate>, as_at: Option<IsoDate>) -> bool {
    match as_at {
        None => close.is_none(),
        Some(day) => open.is_none_or(|o| o <= day) && close.is_none_or(|c| c > day),
    }
}

/// What the files say, read once.
#[derive(Default)]
struct Facts {
    /// PCN code → (name, sub-ICB code)
    pcns: BTreeMap<String, (String, String)>,
    /// sub-ICB code → the name ODS gives it ("NHS GREATER MANCHESTER ICB - 01G")
    sub_icb_names: BTreeMap<String, String>,
    /// practice code → PCN codes
    memberships: BTreeMap<String, Vec<String>>,
    /// practice code → (name, ICB code, sub-ICB code); active GP practices only
    practices: BTreeMap<String, (String, String, String)>,
    /// names of practices from the partners file, for when the practices file is not given
    partner_names: HashMap<String, String>,
    /// sub-ICB code → ICB code, and ICB code → region code, as the practices file shows
    sub_icb_to_icb: HashMap<String, String>,
    icb_region: HashMap<String, String>,
    /// trust code → (name, ICB code, region code)
    trusts: BTreeMap<String, (String, String, String)>,
    /// The earliest opening or start date in the files, to explain an `as_at` before it.
    earliest: Option<IsoDate>,
}

impl Facts {
    fn saw_opening(&mut self, date: Option<IsoDate>) {
        if let Some(d) = date {
            self.earliest = Some(self.earliest.map_or(d, |e| e.min(d)));
        }
    }
}

impl Facts {
    /// The ICB a sub-ICB location belongs to: the one most of its practices name; else the
    /// one of another location with the same ICB name (a location whose practices are not
    /// in the files); else, with no practices file at all, the ICB's name stands for its code.
    fn icb_of_sub(&self, sub: &str) -> Option<String> {
        if let Some(icb) = self.sub_icb_to_icb.get(sub) {
            return Some(icb.clone());
        }
        let prefix = |name: &str| {
            name.rsplit_once(" - ")
                .map_or(name, |(a, _)| a)
                .trim()
                .to_string()
        };
        let own = prefix(self.sub_icb_names.get(sub)?);
        let sibling = self
            .sub_icb_names
            .iter()
            .filter(|(other, name)| *other != sub && prefix(name) == own)
            .find_map(|(other, _)| self.sub_icb_to_icb.get(other).cloned());
        sibling.or_else(|| (!own.is_empty()).then_some(own))
    }
}

/// The ICBs the files know: code and name, sorted by name (for a chooser).
pub fn list_icbs(files: &OdsFiles) -> Result<Vec<(String, String)>, ImportError> {
    let facts = read(files, &ImportOptions::default())?;
    let mut icbs: BTreeMap<String, String> = BTreeMap::new();
    for (sub, name) in &facts.sub_icb_names {
        if let Some(icb) = facts.icb_of_sub(sub) {
            let display = icb_name(name, &icb);
            icbs.entry(icb).or_insert(display);
        }
    }
    let mut list: Vec<(String, String)> = icbs.into_iter().collect();
    list.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(list)
}

/// The ICB's name from a sub-ICB location's ("NHS GREATER MANCHESTER ICB - 01G").
fn icb_name(sub_icb_name: &str, code: &str) -> String {
    let base = sub_icb_name
        .rsplit_once(" - ")
        .map_or(sub_icb_name, |(a, _)| a)
        .trim();
    if base.is_empty() {
        format!("ICB {code}")
    } else {
        title_case(base)
    }
}

fn read(files: &OdsFiles, options: &ImportOptions) -> Result<Facts, ImportError> {
    let mut facts = Facts::default();
    if let Some(path) = &files.practices {
        let t = Table::read(path, &PRACTICE_LAYOUT)?;
        let mut votes: HashMap<String, HashMap<String, usize>> = HashMap::new();
        for row in &t.rows {
            let (code, icb, sub, region) = (
                t.get(row, "code"),
                t.get(row, "icb"),
                t.get(row, "sub_icb"),
                t.get(row, "region"),
            );
            if code.is_empty() {
                return Err(t.error(row, "a practice without a code".into()));
            }
            if !sub.is_empty() && !icb.is_empty() {
                *votes
                    .entry(sub.to_string())
                    .or_default()
                    .entry(icb.to_string())
                    .or_default() += 1;
            }
            if !icb.is_empty() && !region.is_empty() {
                facts
                    .icb_region
                    .entry(icb.to_string())
                    .or_insert_with(|| region.to_string());
            }
            let open = t.date(row, "open")?;
            facts.saw_opening(open);
            let close = t.date(row, "close")?;
            let active = t.get(row, "status") == "A" || options.as_at.is_some();
            let gp = matches!(t.get(row, "setting"), "4" | "");
            if active && gp && current(open, close, options.as_at) {
                facts.practices.insert(
                    code.to_string(),
                    (
                        title_case(t.get(row, "name")),
                        icb.to_string(),
                        sub.to_string(),
                    ),
                );
            }
        }
        // A sub-ICB location belongs to the ICB most of its practices name.
        for (sub, counts) in votes {
            if let Some((icb, _)) = counts
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            {
                facts.sub_icb_to_icb.insert(sub, icb);
            }
        }
    }
    if let Some(path) = &files.pcns {
        let t = Table::read(path, &PCN_LAYOUT)?;
        for row in &t.rows {
            let (code, sub) = (t.get(row, "code"), t.get(row, "sub_icb"));
            if code.is_empty() || sub.is_empty() {
                return Err(t.error(row, "a PCN without a code or sub-ICB location".into()));
            }
            let open = t.date(row, "open")?;
            facts.saw_opening(open);
            if current(open, t.date(row, "close")?, options.as_at) {
                facts.pcns.insert(
                    code.to_string(),
                    (title_case(t.get(row, "name")), sub.to_string()),
                );
                let sub_name = t.get(row, "sub_icb_name");
                facts
                    .sub_icb_names
                    .entry(sub.to_string())
                    .or_insert_with(|| sub_name.to_string());
            }
        }
    }
    if let Some(path) = &files.partners {
        let t = Table::read(path, &PARTNER_LAYOUT)?;
        for row in &t.rows {
            let (practice, pcn) = (t.get(row, "practice"), t.get(row, "pcn"));
            if practice.is_empty() || pcn.is_empty() {
                return Err(t.error(row, "a partner row without a practice or PCN code".into()));
            }
            let open = t.date(row, "start")?;
            facts.saw_opening(open);
            if current(open, t.date(row, "end")?, options.as_at) {
                facts
                    .memberships
                    .entry(practice.to_string())
                    .or_default()
                    .push(pcn.to_string());
                facts
                    .partner_names
                    .insert(practice.to_string(), title_case(t.get(row, "name")));
            }
        }
    }
    if let Some(path) = &files.trusts {
        let t = Table::read(path, &TRUST_LAYOUT)?;
        for row in &t.rows {
            let code = t.get(row, "code");
            if code.is_empty() {
                return Err(t.error(row, "a trust without a code".into()));
            }
            let open = t.date(row, "open")?;
            facts.saw_opening(open);
            if current(open, t.date(row, "close")?, options.as_at) {
                facts.trusts.insert(
                    code.to_string(),
                    (
                        title_case(t.get(row, "name")),
                        t.get(row, "icb").to_string(),
                        t.get(row, "region").to_string(),
                    ),
                );
            }
        }
    }
    Ok(facts)
}

/// Says why an import would be empty, in terms of its real cause: an `--as-at` date
/// before anything in the files had opened, an ICB code the files do not hold, or files
/// with nothing open in them.
fn refuse_an_empty_choice(
    files: &OdsFiles,
    options: &ImportOptions,
    facts: &Facts,
    wanted: &BTreeSet<String>,
    found: &BTreeSet<String>,
) -> Result<(), ImportError> {
    let whole = |what: String| ImportError {
        file: PathBuf::new(),
        line: None,
        what,
    };
    let nothing_open =
        facts.pcns.is_empty() && facts.practices.is_empty() && facts.trusts.is_empty();
    if nothing_open {
        if let (Some(day), Some(first)) = (options.as_at, facts.earliest)
            && day < first
        {
            return Err(whole(format!(
                "nothing in these files had opened by --as-at {day}: the earliest opening date \
                 in them is {first}"
            )));
        }
        let given = [
            &files.pcns,
            &files.partners,
            &files.practices,
            &files.trusts,
        ]
        .into_iter()
        .flatten()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
        let when = options
            .as_at
            .map_or_else(|| "now".to_string(), |d| format!("on {d}"));
        return Err(whole(format!(
            "nothing in {given} is open {when}: every PCN, practice and trust in them has closed"
        )));
    }
    let missing: Vec<&String> = wanted.iter().filter(|c| !found.contains(*c)).collect();
    if !missing.is_empty() {
        let mut known: BTreeSet<String> = BTreeSet::new();
        for sub in facts.sub_icb_names.keys() {
            if let Some(icb) = facts.icb_of_sub(sub).filter(|i| !i.contains(' ')) {
                known.insert(icb);
            }
        }
        let missing: Vec<&str> = missing.iter().map(|s| s.as_str()).collect();
        let hint = if known.is_empty() {
            " (ICB codes come from the practices file: give --practices)".to_string()
        } else {
            let list: Vec<&str> = known.iter().map(String::as_str).take(50).collect();
            format!("; the codes they hold are {}", list.join(", "))
        };
        return Err(whole(format!(
            "no ICB with the code {} in these files{hint}",
            missing.join(", ")
        )));
    }
    Ok(())
}

/// Builds the model of the chosen ICBs (all of England when none is chosen), laid out by
/// the auto-layout. `progress` is told how far it has got (0 to 1).
pub fn import(
    files: &OdsFiles,
    options: &ImportOptions,
    progress: &dyn Fn(f32),
) -> Result<Model, ImportError> {
    progress(0.0);
    let facts = read(files, options)?;
    progress(0.6);
    let wanted: BTreeSet<String> = options
        .icbs
        .iter()
        .map(|c| c.trim().to_uppercase())
        .collect();
    let icb_of_sub = |sub: &str| facts.icb_of_sub(sub);
    let chosen = |icb: &str| {
        if wanted.is_empty() {
            icb != "Q99" && !icb.is_empty()
        } else {
            wanted.contains(icb)
        }
    };

    let mut model = Model::new(String::new());
    model.as_at = options.as_at;
    let add = |model: &mut Model, code: &str, kind: NodeKind, name: String| -> String {
        // Ids are ODS codes; an ICB known only by name (no practices file) gets a slug.
        let is_code = !code.contains(' ');
        let base = if is_code {
            code.to_lowercase()
        } else {
            crate::model::slug(&name)
        };
        let id = model.fresh_id(&base);
        let mut node = Node::new(id.clone(), kind, name);
        if is_code {
            node.ods_code = code.to_string();
        }
        model.nodes.push(node);
        id
    };

    // Places (sub-ICB locations) and their ICBs, from the PCNs' sub-ICB locations.
    let mut places: BTreeMap<String, String> = BTreeMap::new(); // sub-ICB → ICB
    for sub in facts.sub_icb_names.keys() {
        if let Some(icb) = icb_of_sub(sub).filter(|icb| chosen(icb)) {
            places.insert(sub.clone(), icb);
        }
    }
    let icbs: BTreeSet<String> = places.values().cloned().collect();
    refuse_an_empty_choice(files, options, &facts, &wanted, &icbs)?;
    let regions: BTreeSet<String> = icbs
        .iter()
        .filter_map(|icb| facts.icb_region.get(icb).cloned())
        .collect();
    let mut region_ids = HashMap::new();
    for region in &regions {
        let id = add(
            &mut model,
            region,
            NodeKind::NhsEngland,
            region_name(region),
        );
        if let Some(n) = model.nodes.last_mut() {
            n.tier = Some(Tier::Region);
        }
        region_ids.insert(region.clone(), id);
    }
    let mut icb_ids = HashMap::new();
    for icb in &icbs {
        let name = places
            .iter()
            .find(|(_, i)| *i == icb)
            .and_then(|(sub, _)| facts.sub_icb_names.get(sub))
            .map_or_else(|| format!("ICB {icb}"), |n| icb_name(n, icb));
        let id = add(&mut model, icb, NodeKind::IntegratedCareBoard, name);

        if let Some(region) = facts.icb_region.get(icb).and_then(|r| region_ids.get(r)) {
            model
                .links
                .push(Link::new(LinkKind::Accountability, &id, region));
        }
        icb_ids.insert(icb.clone(), id);
    }
    let mut place_ids = HashMap::new();
    for (sub, icb) in &places {
        let icb_node = &icb_ids[icb];
        let icb_name = model
            .node(icb_node)
            .map(|n| n.name.clone())
            .unwrap_or_default();
        let id = add(
            &mut model,
            sub,
            NodeKind::Committee,
            format!("{icb_name} – {sub}"),
        );
        if let Some(n) = model.nodes.last_mut() {
            n.tier = Some(Tier::Place);
            n.short = sub.clone();
            n.notes =
                "Sub-ICB location (the former CCG area), drawn as a place committee of its ICB"
                    .into();
        }
        model
            .links
            .push(Link::new(LinkKind::Committee, &id, icb_node));
        place_ids.insert(sub.clone(), id);
    }
    // PCNs: members of their place, commissioned by their ICB (Network Contract DES).
    let mut pcn_ids = HashMap::new();
    for (code, (name, sub)) in &facts.pcns {
        let (Some(place), Some(icb)) = (place_ids.get(sub), places.get(sub)) else {
            continue;
        };
        let id = add(&mut model, code, NodeKind::PrimaryCareNetwork, name.clone());
        if let Some(n) = model.nodes.last_mut() {
            n.within = Some(place.clone());
        }
        model
            .links
            .push(Link::new(LinkKind::Membership, &id, place));
        model
            .links
            .push(Link::new(LinkKind::Commissioning, &icb_ids[icb], &id));
        pcn_ids.insert(code.clone(), id);
    }
    progress(0.75);
    // Practices: members of their PCN; commissioned (GP contract) by their own ICB, or by
    // their PCN's when theirs is not in the model.
    let mut practice_codes: BTreeSet<&String> = BTreeSet::new();
    for (practice, pcns) in &facts.memberships {
        let active = files.practices.is_none() || facts.practices.contains_key(practice);
        if active && pcns.iter().any(|p| pcn_ids.contains_key(p)) {
            practice_codes.insert(practice);
        }
    }
    for (code, (_, icb, _)) in &facts.practices {
        if chosen(icb) {
            practice_codes.insert(code);
        }
    }
    for code in practice_codes {
        let (name, own_icb) = match facts.practices.get(code) {
            Some((name, icb, _)) => (name.clone(), Some(icb.clone())),
            None => (
                facts
                    .partner_names
                    .get(code)
                    .cloned()
                    .unwrap_or_else(|| code.clone()),
                None,
            ),
        };
        let id = add(&mut model, code, NodeKind::GpPractice, name);
        let mut pcn_icb = None;
        for pcn in facts.memberships.get(code).into_iter().flatten() {
            if let Some(pcn_id) = pcn_ids.get(pcn) {
                // Drawn inside its (first) PCN; a body sits in one group at most.
                if let Some(n) = model.nodes.last_mut()
                    && n.within.is_none()
                {
                    n.within = Some(pcn_id.clone());
                }
                model
                    .links
                    .push(Link::new(LinkKind::Membership, &id, pcn_id));
                pcn_icb = facts
                    .pcns
                    .get(pcn)
                    .and_then(|(_, sub)| places.get(sub).cloned());
            }
        }
        let commissioner = own_icb.filter(|i| icb_ids.contains_key(i)).or(pcn_icb);
        if let Some(icb) = commissioner.and_then(|i| icb_ids.get(&i)) {
            model
                .links
                .push(Link::new(LinkKind::Commissioning, icb, &id));
        }
    }
    // Trusts under their parent ICB: accountable to their region, commissioned by the ICB.
    for (code, (name, icb, region)) in &facts.trusts {
        let Some(icb_id) = icb_ids.get(icb) else {
            continue;
        };
        let id = add(&mut model, code, NodeKind::NhsTrust, name.clone());
        let region_id = region_ids
            .get(region)
            .or_else(|| facts.icb_region.get(icb).and_then(|r| region_ids.get(r)));
        if let Some(r) = region_id {
            model
                .links
                .push(Link::new(LinkKind::Accountability, &id, r));
        }
        model
            .links
            .push(Link::new(LinkKind::Commissioning, icb_id, &id));
    }
    model.title = match icbs.len() {
        0 => "Model from ODS data (no ICB matched)".to_string(),
        1 => icb_ids
            .values()
            .next()
            .and_then(|id| model.node(id))
            .map_or_else(String::new, |n| n.name.clone()),
        n if wanted.is_empty() => format!("England: {n} ICBs from ODS data"),
        n => format!("{n} ICBs from ODS data"),
    };
    model.subtitle =
        "Imported from NHS Organisation Data Service files (Open Government Licence)".into();
    // PCNs fold their practices away, so that an ICB reads as places and PCNs on one page
    // and a click opens a PCN.
    let has_members: BTreeSet<String> = model
        .nodes
        .iter()
        .filter_map(|n| n.within.clone())
        .collect();
    for node in &mut model.nodes {
        if node.kind == NodeKind::PrimaryCareNetwork && has_members.contains(&node.id) {
            node.collapsed = true;
        }
    }
    progress(0.85);
    crate::layout::auto_layout(&mut model);
    progress(1.0);
    Ok(model)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currency_follows_the_as_at_date() {
        let d = |s| IsoDate::parse(s);
        assert!(current(None, None, None));
        assert!(!current(None, d("2020-01-01"), None));
        assert!(current(d("2019-10-01"), d("2024-01-01"), d("2023-06-01")));
        assert!(!current(d("2019-10-01"), d("2023-01-01"), d("2023-06-01")));
        assert!(!current(d("2024-10-01"), None, d("2023-06-01")));
    }

    #[test]
    fn icb_names_come_from_sub_icb_names() {
        assert_eq!(
            icb_name("NHS GREATER MANCHESTER ICB - 01G", "QOP"),
            "NHS Greater Manchester ICB"
        );
        assert_eq!(icb_name("", "QOP"), "ICB QOP");
    }
}
