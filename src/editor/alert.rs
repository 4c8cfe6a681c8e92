//! A message that needs the user's attention before anything else: a file that could not be
//! opened, saved or exported. Its title says which of these failed; OK, Enter or Esc close it.

/// One alert: what failed (the title) and why (the message, in the user's words).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alert {
    /// What failed, e.g. "The model could not be saved".
    pub title: String,
    /// Why, with the file and place where there is one.
    pub message: String,
}

impl Alert {
    /// An alert titled `title` saying `message`.
    pub fn new(title: impl Into<String>, message: impl Into<String>) -> Alert {
        Alert {
            title: title.into(),
            message: message.into(),
        }
    }

    /// Opening a file failed.
    pub fn open(message: impl Into<String>) -> Alert {
        Alert::new("The file could not be opened", message)
    }

    /// Draws the alert over everything; true when the user closed it.
    pub fn ui(&self, ctx: &egui::Context) -> bool {
        let modal = egui::Modal::new(egui::Id::unique("alert")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading(&self.title);
            ui.add_space(6.0);
            ui.label(&self.message);
            ui.add_space(10.0);
            let ok = ui.button("OK").on_hover_text("Close this message (Enter)");
            ok.clicked()
        });
        let keys = ctx.input_mut(|i| {
            i.consume_key(egui::Modifiers::NONE, egui::Key::Enter)
                | i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)
        });
        modal.inner || modal.should_close() || keys
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
        Problem::Syntax(detail) => parser_words(detail),
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

/// What the RON parser's complaint means, said for a person editing the file by hand.
fn parser_words(detail: &str) -> String {
    let known = [
        ("Expected comma", "a comma is missing between two values"),
        ("Expected colon", "a colon is missing after a field's name"),
        ("Expected closing `)`", "a closing bracket `)` is missing"),
        ("Expected closing `]`", "a closing bracket `]` is missing"),
        ("Expected closing `}`", "a closing brace `}` is missing"),
        ("Expected opening `(`", "an opening bracket `(` is missing"),
        ("Expected opening `[`", "an opening bracket `[` is missing"),
        (
            "Unexpected char",
            "there is a character that does not belong here",
        ),
        (
            "Non-whitespace trailing characters",
            "there is more text after the end of the model",
        ),
        (
            "Unclosed block comment",
            "a comment `/*` is never closed with `*/`",
        ),
        ("Unclosed line comment", "a comment is not closed"),
    ];
    let what = known
        .iter()
        .find(|(parser, _)| detail.starts_with(parser))
        .map_or(
            "the text here is not laid out as a model file",
            |(_, words)| words,
        );
    format!("{what}.")
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

/// An export that failed, in the user's words: about the export dialog's choices, never the
/// command line's options.
pub fn export_message(e: &crate::export::ExportError) -> String {
    use crate::export::ExportError;
    match e {
        ExportError::TooLarge {
            width,
            height,
            max,
            suggested_scale,
        } => format!(
            "The picture would be {width} × {height} pixels, more than the {max} pixels a side \
             that can be made. In the export dialog, choose a scale of {suggested_scale:.2}× or \
             less, or a lower resolution, or export only the selected bodies."
        ),
        ExportError::BadScale(_) => {
            "The scale must be more than 0. Choose another scale in the export dialog.".to_string()
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
        assert!(text.contains("a comma is missing"), "{text}");
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
    fn export_advice_speaks_of_the_dialog_not_the_command_line() {
        let e = crate::export::ExportError::TooLarge {
            width: 40_000,
            height: 30_000,
            max: 16_384,
            suggested_scale: 0.8,
        };
        let text = export_message(&e);
        assert!(!text.contains("--"), "{text}");
        assert!(text.contains("export dialog"), "{text}");
    }
}
