//! The status bar: counts of bodies, links and findings, the zoom, and the editor's last
//! message, which fades after a few seconds so that it never describes something stale.

use egui::RichText;

use super::document::Document;
use super::paint;
use crate::rules;
use crate::scene::Style;

/// Seconds a message stays in the status bar.
pub const MESSAGE_SECONDS: f64 = 6.0;

/// The status bar's state: the message it shows and since when.
#[derive(Default)]
pub struct StatusBar {
    message: String,
    /// When the message was first drawn (set on its first frame, so a message given while
    /// a dialog was up still gets its full time).
    shown_since: Option<f64>,
}

impl StatusBar {
    /// Shows `message` from now on, for a few seconds.
    pub fn say(&mut self, message: impl Into<String>) {
        self.message = message.into();
        self.shown_since = None;
    }

    /// The message shown now ("" when there is none).
    pub fn text(&self) -> &str {
        &self.message
    }

    /// Draws the bar: with a document, its counts and the zoom (`zoom`, 1.0 = 100%).
    pub fn ui(&mut self, ui: &mut egui::Ui, doc: Option<&Document>, dark: bool, zoom: Option<f32>) {
        let now = ui.input(|i| i.time);
        if !self.message.is_empty() {
            let since = *self.shown_since.get_or_insert(now);
            let left = MESSAGE_SECONDS - (now - since);
            if left <= 0.0 {
                self.message.clear();
                self.shown_since = None;
            } else {
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs_f64(left));
            }
        }
        ui.horizontal(|ui| {
            if let Some(doc) = doc {
                let model = doc.model();
                ui.label(format!(
                    "{}, {}",
                    count(model.nodes.len(), "body", "bodies"),
                    count(model.links.len(), "link", "links")
                ));
                ui.separator();
                let (e, w, i) = rules::tally(doc.findings());
                let style = Style::for_theme(dark);
                ui.label(
                    RichText::new(count(e, "error", "errors")).color(paint::color(style.error)),
                );
                ui.label(
                    RichText::new(count(w, "warning", "warnings"))
                        .color(paint::color(style.warning)),
                );
                ui.label(RichText::new(count(i, "info", "infos")).color(paint::color(style.info)));
                let off = rules::disabled_count(model);
                if off > 0 {
                    ui.label(
                        RichText::new(format!("({} switched off)", count(off, "rule", "rules")))
                            .weak(),
                    );
                }
                ui.separator();
                if let Some(zoom) = zoom {
                    ui.label(format!("{:.0}%", zoom * 100.0))
                        .on_hover_text("Zoom: Ctrl+scroll or Ctrl+plus/minus; F fits the model");
                    ui.separator();
                }
            }
            ui.label(&self.message);
        });
    }
}

/// "1 body", "3 bodies": a count with its noun in the right number.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn counts_take_the_right_number() {
        assert_eq!(count(0, "body", "bodies"), "0 bodies");
        assert_eq!(count(1, "body", "bodies"), "1 body");
        assert_eq!(count(2, "link", "links"), "2 links");
    }
}
