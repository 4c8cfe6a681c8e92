//! The scheme of reservation and delegation (SoRD) as a table: one row per decision, sorted
//! by theme then file order, in the columns decisions.md names. The command line prints it
//! as CSV or Markdown; a board-paper export can draw the same rows.

use super::route::{DecisionRoute, Routes};
use crate::model::{Model, ModelIndex};

/// The columns of the scheme, in order.
pub const COLUMNS: [&str; 10] = [
    "Theme",
    "Decision",
    "Holder",
    "Reserved or delegated",
    "Taken by",
    "Route",
    "Basis",
    "Lead",
    "Assurance",
    "Reference",
];

/// The route cell of a decision taken where no route from its holder reaches.
pub const NO_ROUTE: &str = "no route";

/// One decision as the scheme shows it: every cell as text, bodies by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemeRow {
    /// Position of the decision in `model.decisions`.
    pub decision: usize,
    /// The decision's theme (empty when it has none).
    pub theme: String,
    /// What is decided.
    pub title: String,
    /// The body that holds the function in law, by name.
    pub holder: String,
    /// "Reserved" or "Delegated".
    pub status: &'static str,
    /// The body that takes the decision, by name (the holder when reserved).
    pub taken_by: String,
    /// The bodies authority passes through, "ICB → Place committee"; says so when there
    /// is no route.
    pub route: String,
    /// The power or source.
    pub basis: String,
    /// The lead role.
    pub lead: String,
    /// The decision's own assurance, else that of the delegations on its route.
    pub assurance: String,
    /// The row in the published scheme.
    pub reference: String,
}

impl SchemeRow {
    /// The cells in the order of `COLUMNS`.
    pub fn cells(&self) -> [&str; 10] {
        [
            &self.theme,
            &self.title,
            &self.holder,
            self.status,
            &self.taken_by,
            &self.route,
            &self.basis,
            &self.lead,
            &self.assurance,
            &self.reference,
        ]
    }
}

/// The scheme's rows: sorted by theme (case-insensitive, decisions with no theme last),
/// then in file order.
pub fn scheme_rows(model: &Model) -> Vec<SchemeRow> {
    let index = ModelIndex::new(model);
    let routes = Routes::new(model, &index);
    let name_of = |id: &str| {
        model
            .node(id)
            .map_or_else(|| id.to_string(), |n| n.display_name().trim().to_string())
    };
    let mut rows: Vec<SchemeRow> = model
        .decisions
        .iter()
        .enumerate()
        .map(|(d, decision)| {
            let route = &routes.of[d];
            let route_text = match route {
                DecisionRoute::Found(r) => r.names(model),
                DecisionRoute::Missing { .. } => NO_ROUTE.to_string(),
                DecisionRoute::Unresolved => "unknown body".to_string(),
            };
            let assurance = if !decision.assurance.trim().is_empty() || decision.is_reserved() {
                decision.assurance.trim().to_string()
            } else if let DecisionRoute::Found(r) = route {
                r.delegations(model, &index)
                    .iter()
                    .map(|&l| model.links[l].assurance.trim())
                    .filter(|a| !a.is_empty())
                    .collect::<Vec<_>>()
                    .join("; ")
            } else {
                String::new()
            };
            SchemeRow {
                decision: d,
                theme: decision.theme.trim().to_string(),
                title: decision.title.trim().to_string(),
                holder: name_of(&decision.holder),
                status: if decision.is_reserved() {
                    "Reserved"
                } else {
                    "Delegated"
                },
                taken_by: name_of(decision.taker()),
                route: route_text,
                basis: decision.basis.trim().to_string(),
                lead: decision.lead.trim().to_string(),
                assurance,
                reference: decision.reference.trim().to_string(),
            }
        })
        .collect();
    rows.sort_by_cached_key(|r| (r.theme.is_empty(), r.theme.to_lowercase(), r.decision));
    rows
}

/// The scheme as CSV with a header row, quoted where a cell needs it (commas, quotes, line
/// breaks), so that a spreadsheet opens it as it is.
pub fn to_csv(rows: &[SchemeRow]) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    for row in rows {
        writer.write_record(row.cells())?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    // Every cell came from a `String`, so the bytes are UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The scheme as a Markdown table: one line per decision, `|` escaped and line breaks
/// shown as `<br>` so that a cell never breaks the table.
pub fn to_markdown(rows: &[SchemeRow]) -> String {
    let cell = |text: &str| {
        let text = text
            .replace('\\', "\\\\")
            .replace('|', "\\|")
            .replace("\r\n", "<br>")
            .replace(['\n', '\r'], "<br>");
        if text.is_empty() {
            " ".to_string()
        } else {
            text
        }
    };
    let line = |cells: &[&str]| {
        let inner: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        format!("| {} |\n", inner.join(" | "))
    };
    let mut out = line(&COLUMNS);
    out.push_str(&format!("|{}\n", "---|".repeat(COLUMNS.len())));
    for row in rows {
        out.push_str(&line(&row.cells()));
    }
    out
}
