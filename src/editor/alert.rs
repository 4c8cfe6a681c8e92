//! A message that needs the user's attention before anything else: a file that could not be
//! opened, saved or exported. Its title says which of these failed; OK, Enter or Esc close it.

/// One alert: what failed (the title) and why (the message, in the user's words).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alert {
    /// What failed, e.g. "The model could not be saved".
    pub title: String,
    /// Why, with the file and place where there is one.
    pub message: String,
    /// Offer "Save As…" beside OK: the alert is a save that was refused.
    pub save_as: bool,
}

/// How the user closed an alert.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// OK, Enter or Esc.
    Ok,
    /// Save As…: save the model somewhere else.
    SaveAs,
}

impl Alert {
    /// An alert titled `title` saying `message`.
    pub fn new(title: impl Into<String>, message: impl Into<String>) -> Alert {
        Alert {
            title: title.into(),
            message: message.into(),
            save_as: false,
        }
    }

    /// The same alert with a "Save As…" button.
    pub fn offering_save_as(mut self) -> Alert {
        self.save_as = true;
        self
    }

    /// Opening a file failed.
    pub fn open(message: impl Into<String>) -> Alert {
        Alert::new("The file could not be opened", message)
    }

    /// Draws the alert over everything; the answer once the user closed it.
    pub fn ui(&self, ctx: &egui::Context) -> Option<Answer> {
        let modal = egui::Modal::new(egui::Id::unique("alert")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading(&self.title);
            ui.add_space(6.0);
            ui.label(&self.message);
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                let ok = ui.button("OK").on_hover_text("Close this message (Enter)");
                let save_as = self.save_as
                    && ui
                        .button("Save As…")
                        .on_hover_text("Save the model to another file")
                        .clicked();
                if save_as {
                    Some(Answer::SaveAs)
                } else {
                    ok.clicked().then_some(Answer::Ok)
                }
            })
            .inner
        });
        let keys = ctx.input_mut(|i| {
            i.consume_key(egui::Modifiers::NONE, egui::Key::Enter)
                | i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)
        });
        modal
            .inner
            .or_else(|| (modal.should_close() || keys).then_some(Answer::Ok))
    }
}

/// A model file that could not be read, in the user's words: the file's name, the line and
/// column, and what is wrong there without the parser's vocabulary.
pub fn load_message(e: &crate::LoadError) -> String {
    use crate::model::file::Problem;
    let name = e.file.file_name().map_or_else(
        || e.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let place = match e.position {
        Some((line, column)) => format!("{name}, line {line}, column {column}"),
        None => name,
    };
    let what = match &e.problem {
        Problem::UnexpectedEnd(_) => "the file stops too early: a closing bracket or a value is \
             missing at the end (was it cut short when it was copied or sent?)"
            .to_string(),
        Problem::WrongType(detail) => format!("{}.", value_words(detail)),
        Problem::NotUtf8 { .. } => "this is not a text file icsmap can read: it is not saved as \
             UTF-8 text. Is it a model file? If it was edited, save it as UTF-8 text."
            .to_string(),
        other => {
            let mut text = other.to_string();
            if let Some(first) = text.get(..1) {
                let upper = first.to_uppercase();
                text.replace_range(..1, &upper);
            }
            format!("{text}.")
        }
    };
    format!(
        "{place}: {what}\n\nThe model you had open (if any) is unchanged. Fix the file in a text \
         editor, or open another."
    )
}

/// What a wrong-type complaint means: which kind of value was wanted.
fn value_words(detail: &str) -> String {
    let wanted = [
        ("Expected string", "a text in double quotes"),
        ("Expected end of string", "a closing double quote"),
        ("Expected boolean", "true or false"),
        ("Expected integer", "a whole number"),
        ("Expected float", "a number"),
        ("Integer is out of bounds", "a smaller whole number"),
        ("Expected opening `[`", "a list in square brackets `[…]`"),
        (
            "Expected opening `(`",
            "a group of fields in brackets `(…)`",
        ),
        ("Expected identifier", "a name without quotes"),
        ("Expected option", "a value or nothing"),
    ];
    match wanted.iter().find(|(parser, _)| detail.starts_with(parser)) {
        Some((_, value)) => format!("this value is of the wrong sort: {value} belongs here"),
        None => "this value is of the wrong sort for its field".to_string(),
    }
}

/// A save that failed, in the user's words: where, why, and that nothing was lost.
pub fn save_message(e: &crate::model::file::SaveError) -> String {
    use std::io::ErrorKind;
    // A refusal this program wrote (a read-only file, a hard link, a save that would not
    // read back) already says why in the user's words.
    let why = match e.source.kind() {
        _ if e.source.get_ref().is_some() => crate::safe_fs::io_in_words(&e.source),
        ErrorKind::NotFound => "its folder does not exist (was it moved or renamed?)".to_string(),
        ErrorKind::PermissionDenied => "you may not write in that folder or to that file".into(),
        ErrorKind::ReadOnlyFilesystem => "the disk or folder is read-only".into(),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "the disk is full".into(),
        ErrorKind::IsADirectory => "a folder has that name".into(),
        _ => format!("the system says: {}", e.source),
    };
    format!(
        "{} could not be written: {why}.\n\nThe model is still open with all its changes, and \
         the file that was there before is untouched. Choose Save As… in the File menu to save it \
         somewhere else.",
        e.file.display()
    )
}

/// An export that failed, in the user's words: about the export dialog's choices, never the
/// command line's options.
pub fn export_message(e: &crate::export::ExportError) -> String {
    use crate::export::ExportError;
    match e {
        // The error's own advice names command-line options; the dialog has its own words.
        ExportError::TooLarge { width, height, .. } => format!(
            "The picture would be {width} × {height} pixels, more than a picture can have. In \
             the export dialog, choose a page (A4, A3…), a lower scale or resolution, PDF or \
             SVG (which have no pixels), or export only the selected bodies."
        ),
        ExportError::BadScale(_) | ExportError::BadDpi(_) => {
            "That scale or resolution cannot be used. Choose another in the export dialog."
                .to_string()
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parser_words_stay_out_of_alerts() {
        let e = crate::open_str(
            "(format: \"icsmap\" version: 1)",
            std::path::Path::new("north.icsmap.ron"),
        )
        .unwrap_err();
        let text = load_message(&e);
        assert!(
            text.starts_with("north.icsmap.ron, line 1, column"),
            "{text}"
        );
        assert!(text.contains("A comma is missing"), "{text}");
        assert!(!text.contains("Expected"), "{text}");
        let e = crate::open_bytes(b"(format: \"icsmap\", \xff)", std::path::Path::new("x.ron"))
            .unwrap_err();
        let text = load_message(&e);
        assert!(
            !text.contains("0xFF") && text.contains("UTF-8 text"),
            "{text}"
        );
    }

    #[test]
    fn a_failed_save_says_why_in_plain_words() {
        let e = crate::model::file::SaveError {
            file: "/gone/north.icsmap.ron".into(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        };
        let text = save_message(&e);
        assert!(text.contains("folder does not exist"), "{text}");
        assert!(!text.contains("os error"), "{text}");
    }

    #[test]
    fn export_advice_speaks_of_the_dialog_not_the_command_line() {
        let e = crate::export::ExportError::TooLarge {
            width: 40_000,
            height: 30_000,
            advice: "try --scale 0.8".into(),
        };
        let text = export_message(&e);
        assert!(!text.contains("--"), "{text}");
        assert!(text.contains("export dialog"), "{text}");
    }
}
