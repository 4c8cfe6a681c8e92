//! The findings panel: the validator's live findings, filtered by severity; clicking one
//! selects and centres its bodies.

use egui::RichText;

use super::document::Document;
use super::paint;
use crate::rules::{self, Severity};
use crate::scene::Style;

/// The findings panel's state.
pub struct FindingsPanel {
    /// Which severities are shown: errors, warnings, infos.
    pub filter: [bool; 3],
}

impl Default for FindingsPanel {
    fn default() -> FindingsPanel {
        FindingsPanel { filter: [true; 3] }
    }
}

/// A finding the user clicked: the bodies (by id) and links (by position) to show, and the
/// decisions (by id) it is about.
pub type Clicked = (Vec<String>, Vec<usize>, Vec<String>);

impl FindingsPanel {
    /// Draws the panel; returns the bodies and links of a clicked finding.
    pub fn ui(&mut self, ui: &mut egui::Ui, doc: &Document, dark: bool) -> Option<Clicked> {
        let findings = doc.findings();
        let (e, w, i) = rules::tally(findings);
        ui.heading("Findings");
        ui.horizontal(|ui| {
            for (k, (name, count)) in [("Errors", e), ("Warnings", w), ("Infos", i)]
                .into_iter()
                .enumerate()
            {
                ui.toggle_value(&mut self.filter[k], format!("{name} {count}"))
                    .on_hover_text(format!("Show or hide {}", name.to_lowercase()));
            }
        });
        let style = Style::for_theme(dark);
        let shown: Vec<&rules::Finding> = findings
            .iter()
            .filter(|f| match f.severity {
                Severity::Error => self.filter[0],
                Severity::Warning => self.filter[1],
                Severity::Info => self.filter[2],
            })
            .collect();
        if findings.is_empty() {
            ui.label(RichText::new("No findings: the model passes every rule.").weak());
            return None;
        }
        // One line a finding (the whole text on hover), laid out only for the rows in view,
        // so that thousands of findings on a national model cost nothing.
        let row_height = 20.0;
        let mut clicked = None;
        egui::ScrollArea::vertical()
            .id_salt("findings-scroll")
            .show_rows(ui, row_height, shown.len(), |ui, rows| {
                ui.set_width(ui.available_width());
                for f in &shown[rows] {
                    let colour = paint::color(match f.severity {
                        Severity::Error => style.error,
                        Severity::Warning => style.warning,
                        Severity::Info => style.info,
                    });
                    let mut job = egui::text::LayoutJob::default();
                    let font = egui::FontId::proportional(12.5);
                    job.append(
                        &format!("{} {}  ", f.severity, f.rule),
                        0.0,
                        egui::TextFormat::simple(font.clone(), colour),
                    );
                    job.append(
                        &f.message,
                        0.0,
                        egui::TextFormat::simple(font, ui.visuals().text_color()),
                    );
                    let tip = rules::rule(f.rule)
                        .map(|r| {
                            format!(
                                "{}\n\n{}\n\nSource: {}\n\nClick to show it on the canvas.",
                                f.message,
                                squash(r.explanation),
                                squash(r.source)
                            )
                        })
                        .unwrap_or_default();
                    let button = egui::Button::new(job).frame(false).truncate();
                    let response = ui
                        .add_sized([ui.available_width(), row_height], button)
                        .on_hover_text(tip);
                    if response.clicked() {
                        clicked = Some((f.nodes.clone(), f.links.clone(), f.decisions.clone()));
                    }
                }
            });
        clicked
    }
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
