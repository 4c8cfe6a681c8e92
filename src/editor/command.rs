//! Every user action, once: its words, its shortcut and its menu. Menus, shortcuts and the
//! buttons that run commands are all drawn from this enum, so they cannot drift apart.

use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    // File
    New,
    Open,
    Save,
    SaveAs,
    ImportOds,
    ExportPng,
    ExportSvg,
    CopyImage,
    Close,
    Quit,
    // Edit
    Undo,
    Redo,
    Cut,
    Copy,
    Paste,
    Duplicate,
    Delete,
    SelectAll,
    SelectNone,
    Find,
    // View
    Fit,
    ZoomIn,
    ZoomOut,
    ToggleGrid,
    ToggleTiers,
    ToggleLegend,
    ToggleTheme,
    // Arrange
    AutoLayoutAll,
    AutoLayoutSelection,
    AlignLeft,
    AlignCentre,
    AlignRight,
    AlignTop,
    AlignMiddle,
    AlignBottom,
    DistributeHorizontally,
    DistributeVertically,
}

/// The menus, in menu-bar order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    View,
    Arrange,
}

impl Menu {
    pub const ALL: [Menu; 4] = [Menu::File, Menu::Edit, Menu::View, Menu::Arrange];

    pub fn title(self) -> &'static str {
        match self {
            Menu::File => "File",
            Menu::Edit => "Edit",
            Menu::View => "View",
            Menu::Arrange => "Arrange",
        }
    }
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

impl Command {
    pub const ALL: [Command; 37] = [
        Command::New,
        Command::Open,
        Command::Save,
        Command::SaveAs,
        Command::ImportOds,
        Command::ExportPng,
        Command::ExportSvg,
        Command::CopyImage,
        Command::Close,
        Command::Quit,
        Command::Undo,
        Command::Redo,
        Command::Cut,
        Command::Copy,
        Command::Paste,
        Command::Duplicate,
        Command::Delete,
        Command::SelectAll,
        Command::SelectNone,
        Command::Find,
        Command::Fit,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::ToggleGrid,
        Command::ToggleTiers,
        Command::ToggleLegend,
        Command::ToggleTheme,
        Command::AutoLayoutAll,
        Command::AutoLayoutSelection,
        Command::AlignLeft,
        Command::AlignCentre,
        Command::AlignRight,
        Command::AlignTop,
        Command::AlignMiddle,
        Command::AlignBottom,
        Command::DistributeHorizontally,
        Command::DistributeVertically,
    ];

    pub fn text(self) -> &'static str {
        match self {
            Command::New => "New",
            Command::Open => "Open…",
            Command::Save => "Save",
            Command::SaveAs => "Save As…",
            Command::ImportOds => "Import from ODS…",
            Command::ExportPng => "Export PNG…",
            Command::ExportSvg => "Export SVG…",
            Command::CopyImage => "Copy diagram as image",
            Command::Close => "Close model",
            Command::Quit => "Quit",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::Cut => "Cut",
            Command::Copy => "Copy",
            Command::Paste => "Paste",
            Command::Duplicate => "Duplicate",
            Command::Delete => "Delete",
            Command::SelectAll => "Select all",
            Command::SelectNone => "Select none",
            Command::Find => "Find…",
            Command::Fit => "Zoom to fit",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::ToggleGrid => "Grid and snapping",
            Command::ToggleTiers => "Tier bands",
            Command::ToggleLegend => "Legend and title",
            Command::ToggleTheme => "Dark theme",
            Command::AutoLayoutAll => "Auto-layout all",
            Command::AutoLayoutSelection => "Auto-layout selection",
            Command::AlignLeft => "Align left",
            Command::AlignCentre => "Align centres",
            Command::AlignRight => "Align right",
            Command::AlignTop => "Align top",
            Command::AlignMiddle => "Align middles",
            Command::AlignBottom => "Align bottom",
            Command::DistributeHorizontally => "Distribute across",
            Command::DistributeVertically => "Distribute down",
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            Command::New => "Start a new model, blank or from an example",
            Command::Open => "Open a model file",
            Command::Save => "Save the model",
            Command::SaveAs => "Save the model under a new name",
            Command::ImportOds => {
                "Start a model from NHS ODS files: your ICB's places, PCNs, practices and trusts"
            }
            Command::ExportPng => "Save the diagram as a PNG picture for a board paper",
            Command::ExportSvg => "Save the diagram as an SVG drawing",
            Command::CopyImage => {
                "Put a picture of the diagram on the clipboard, to paste into a document"
            }
            Command::Close => "Close this model and return to the start screen",
            Command::Quit => "Close icsmap",
            Command::Undo => "Undo the last change",
            Command::Redo => "Redo what was undone",
            Command::Cut => "Copy the selection and remove it",
            Command::Copy => {
                "Copy the selection as model text (pastes into another window or a text editor)"
            }
            Command::Paste => "Paste bodies and links copied from icsmap, or model text",
            Command::Duplicate => "Copy the selection in place, slightly offset",
            Command::Delete => "Remove the selection (and the links of removed bodies)",
            Command::SelectAll => "Select every body and link",
            Command::SelectNone => "Clear the selection",
            Command::Find => "Find a body by name, short name or ODS code",
            Command::Fit => "Show the whole model",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::ToggleGrid => "Show a grid and snap moved bodies to it",
            Command::ToggleTiers => {
                "Draw the tier bands (national to neighbourhood) behind the bodies"
            }
            Command::ToggleLegend => "Draw the key and title block on the canvas, as in exports",
            Command::ToggleTheme => "Switch between the light and the dark theme",
            Command::AutoLayoutAll => "Arrange the whole model in tier bands",
            Command::AutoLayoutSelection => "Arrange the selected bodies among themselves",
            Command::AlignLeft | Command::AlignCentre | Command::AlignRight => {
                "Line up the selected bodies"
            }
            Command::AlignTop | Command::AlignMiddle | Command::AlignBottom => {
                "Line up the selected bodies"
            }
            Command::DistributeHorizontally | Command::DistributeVertically => {
                "Space the selected bodies evenly (three or more)"
            }
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let key = |modifiers, key| Some(KeyboardShortcut::new(modifiers, key));
        match self {
            Command::New => key(CTRL, Key::N),
            Command::Open => key(CTRL, Key::O),
            Command::Save => key(CTRL, Key::S),
            Command::SaveAs => key(CTRL_SHIFT, Key::S),
            Command::ExportPng => key(CTRL, Key::E),
            Command::Quit => key(CTRL, Key::Q),
            Command::Undo => key(CTRL, Key::Z),
            Command::Redo => key(CTRL_SHIFT, Key::Z),
            Command::Cut => key(CTRL, Key::X),
            Command::Copy => key(CTRL, Key::C),
            Command::Paste => key(CTRL, Key::V),
            Command::Duplicate => key(CTRL, Key::D),
            Command::Delete => key(Modifiers::NONE, Key::Delete),
            Command::SelectAll => key(CTRL, Key::A),
            Command::SelectNone => key(Modifiers::NONE, Key::Escape),
            Command::Find => key(CTRL, Key::F),
            Command::Fit => key(Modifiers::NONE, Key::F),
            Command::ZoomIn => key(CTRL, Key::Plus),
            Command::ZoomOut => key(CTRL, Key::Minus),
            Command::AutoLayoutAll => key(CTRL_SHIFT, Key::L),
            _ => None,
        }
    }

    /// Further keys that run the command (Ctrl+Y for redo, Backspace for delete, = for zoom).
    pub fn other_shortcuts(self) -> &'static [KeyboardShortcut] {
        const REDO: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::Y)];
        const DELETE: [KeyboardShortcut; 1] =
            [KeyboardShortcut::new(Modifiers::NONE, Key::Backspace)];
        const ZOOM_IN: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::Equals)];
        match self {
            Command::Redo => &REDO,
            Command::Delete => &DELETE,
            Command::ZoomIn => &ZOOM_IN,
            _ => &[],
        }
    }

    pub fn menu(self) -> Menu {
        match self {
            Command::New
            | Command::Open
            | Command::Save
            | Command::SaveAs
            | Command::ImportOds
            | Command::ExportPng
            | Command::ExportSvg
            | Command::CopyImage
            | Command::Close
            | Command::Quit => Menu::File,
            Command::Undo
            | Command::Redo
            | Command::Cut
            | Command::Copy
            | Command::Paste
            | Command::Duplicate
            | Command::Delete
            | Command::SelectAll
            | Command::SelectNone
            | Command::Find => Menu::Edit,
            Command::Fit
            | Command::ZoomIn
            | Command::ZoomOut
            | Command::ToggleGrid
            | Command::ToggleTiers
            | Command::ToggleLegend
            | Command::ToggleTheme => Menu::View,
            Command::AutoLayoutAll
            | Command::AutoLayoutSelection
            | Command::AlignLeft
            | Command::AlignCentre
            | Command::AlignRight
            | Command::AlignTop
            | Command::AlignMiddle
            | Command::AlignBottom
            | Command::DistributeHorizontally
            | Command::DistributeVertically => Menu::Arrange,
        }
    }

    /// Whether a separator goes above this command in its menu.
    pub fn starts_group(self) -> bool {
        matches!(
            self,
            Command::Save
                | Command::ExportPng
                | Command::Close
                | Command::Cut
                | Command::SelectAll
                | Command::Find
                | Command::ToggleGrid
                | Command::AlignLeft
                | Command::AlignTop
                | Command::DistributeHorizontally
        )
    }

    /// Commands that are shortcuts of text editing too: while a text field has the
    /// keyboard, these keys belong to it.
    pub fn is_text_editing_key(self) -> bool {
        matches!(
            self,
            Command::Undo
                | Command::Redo
                | Command::Cut
                | Command::Copy
                | Command::Paste
                | Command::Delete
                | Command::SelectAll
                | Command::SelectNone
                | Command::Fit
        )
    }

    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcut()
            .map(|s| ctx.format_shortcut(&s))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = std::collections::HashMap::new();
        for command in Command::ALL {
            for shortcut in command
                .shortcut()
                .into_iter()
                .chain(command.other_shortcuts().iter().copied())
            {
                if let Some(other) =
                    seen.insert((shortcut.modifiers, shortcut.logical_key), command)
                {
                    assert_eq!(other, command, "{other:?} and {command:?} share a shortcut");
                }
            }
        }
    }
}
