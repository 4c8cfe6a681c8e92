//! Every user action, once: its words, its tooltip, its shortcut, its menu and the
//! right-click menus it appears in. Menus, context menus, shortcuts and the welcome screen's
//! buttons are all drawn from the one declaration below (the `commands!` macro derives the
//! enum, `Command::ALL` and every lookup from it), so they cannot drift apart.

use egui::{Key, KeyboardShortcut, Modifiers};

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};
const NONE: Modifiers = Modifiers::NONE;

/// What a right-click landed on: each context menu shows the commands that apply there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// One body (the one right-clicked, now selected).
    Body,
    /// One link.
    Link,
    /// Several bodies or links, the right-click on one of them.
    Selection,
    /// Empty canvas.
    Canvas,
}

/// Declares the commands, grouped by menu. Each entry:
/// `Name { text, tip, [key: (MODIFIERS, Key)], [group], [welcome], [on: [Target, …]] }`,
/// where `group` puts a separator above the entry in its menu and `welcome` puts it on the
/// welcome screen.
macro_rules! commands {
    ($(
        $(#[$menu_doc:meta])*
        $menu:ident ($title:literal) {
            $(
                $(#[$doc:meta])*
                $name:ident {
                    text: $text:literal,
                    tip: $tip:literal
                    $(, key: ($mods:expr, $key:ident))?
                    $(, group: $group:literal)?
                    $(, welcome: $welcome:literal)?
                    $(, on: [$($target:ident),* $(,)?])?
                    $(,)?
                }
            ),* $(,)?
        }
    )*) => {
        /// Every action a user can take in the editor.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Command {
            $($(
                $(#[$doc])*
                #[doc = $tip]
                $name,
            )*)*
        }

        /// The menus, in menu-bar order.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Menu {
            $(
                $(#[$menu_doc])*
                $menu,
            )*
        }

        impl Menu {
            /// Every menu, in menu-bar order.
            pub const ALL: &'static [Menu] = &[$(Menu::$menu),*];

            /// The menu's title in the menu bar.
            pub fn title(self) -> &'static str {
                match self {
                    $(Menu::$menu => $title,)*
                }
            }
        }

        impl Command {
            /// Every command, in menu order.
            pub const ALL: &'static [Command] = &[$($(Command::$name,)*)*];

            /// The words on its menu entry or button.
            pub fn text(self) -> &'static str {
                match self {
                    $($(Command::$name => $text,)*)*
                }
            }

            /// What it does, in a sentence (its hover text).
            pub fn tooltip(self) -> &'static str {
                match self {
                    $($(Command::$name => $tip,)*)*
                }
            }

            /// Its keyboard shortcut, shown in menus.
            pub fn shortcut(self) -> Option<KeyboardShortcut> {
                match self {
                    $($(Command::$name => None$(.or(Some(KeyboardShortcut::new($mods, Key::$key))))?,)*)*
                }
            }

            /// The menu it sits in.
            pub fn menu(self) -> Menu {
                match self {
                    $($(Command::$name => Menu::$menu,)*)*
                }
            }

            /// Whether a separator goes above it in its menu.
            pub fn starts_group(self) -> bool {
                match self {
                    $($(Command::$name => false $(|| $group)?,)*)*
                }
            }

            /// Whether the welcome screen offers it as a button.
            pub fn on_welcome_screen(self) -> bool {
                match self {
                    $($(Command::$name => false $(|| $welcome)?,)*)*
                }
            }

            /// The right-click menus it appears in.
            pub fn targets(self) -> &'static [Target] {
                match self {
                    $($(Command::$name => &[$($(Target::$target),*)?],)*)*
                }
            }
        }
    };
}

commands! {
    /// Files: new, open, save, import and export.
    File("File") {
        New {
            text: "New blank model",
            tip: "Start a new, empty model",
            key: (CTRL, N),
            welcome: true,
        },
        Open {
            text: "Open…",
            tip: "Open a model file",
            key: (CTRL, O),
            welcome: true,
        },
        Save { text: "Save", tip: "Save the model", key: (CTRL, S), group: true },
        SaveAs { text: "Save As…", tip: "Save the model under a new name", key: (CTRL_SHIFT, S) },
        ImportOds {
            text: "Import from ODS…",
            tip: "Start a model from NHS ODS files: your ICB's places, PCNs, practices and trusts",
            welcome: true,
        },
        ExportPng {
            text: "Export PNG…",
            tip: "Save the diagram as a PNG picture for a board paper",
            key: (CTRL, E),
            group: true,
        },
        ExportSvg { text: "Export SVG…", tip: "Save the diagram as an SVG drawing" },
        CopyImage {
            text: "Copy diagram as image",
            tip: "Put a picture of the diagram on the clipboard, to paste into a document",
        },
        Close {
            text: "Close model",
            tip: "Close this model and return to the start screen",
            group: true,
        },
        Quit { text: "Quit", tip: "Close icsmap", key: (CTRL, Q) },
    }
    /// Undo, the clipboard, selection and find.
    Edit("Edit") {
        Undo { text: "Undo", tip: "Undo the last change", key: (CTRL, Z) },
        Redo { text: "Redo", tip: "Redo what was undone", key: (CTRL_SHIFT, Z) },
        Cut {
            text: "Cut",
            tip: "Copy the selection and remove it",
            key: (CTRL, X),
            group: true,
            on: [Body, Selection],
        },
        Copy {
            text: "Copy",
            tip: "Copy the selection as model text (pastes into another window or a text editor)",
            key: (CTRL, C),
            on: [Body, Selection],
        },
        Paste {
            text: "Paste",
            tip: "Paste bodies and links copied from icsmap, or model text",
            key: (CTRL, V),
            on: [Canvas],
        },
        Duplicate {
            text: "Duplicate",
            tip: "Copy the selection in place, slightly offset",
            key: (CTRL, D),
            on: [Body, Selection],
        },
        Delete {
            text: "Delete",
            tip: "Remove the selection (and the links of removed bodies)",
            key: (NONE, Delete),
            on: [Body, Link, Selection],
        },
        ReverseLink {
            text: "Reverse direction",
            tip: "Swap the ends of the selected link",
            on: [Link],
        },
        SelectAll {
            text: "Select all",
            tip: "Select every body and link",
            key: (CTRL, A),
            group: true,
            on: [Canvas],
        },
        SelectNone { text: "Select none", tip: "Clear the selection", key: (NONE, Escape) },
        Find {
            text: "Find…",
            tip: "Find a body by name, short name or ODS code",
            key: (CTRL, F),
            group: true,
        },
        AddDecision {
            text: "Add decision",
            tip: "Add a decision held by the selected body (or the ICB), reserved until you say who takes it",
            group: true,
        },
        DeleteDecision {
            text: "Delete decision",
            tip: "Remove the decision chosen in the Decisions panel",
        },
    }
    /// Zoom, and what the canvas shows.
    View("View") {
        Fit { text: "Zoom to fit", tip: "Show the whole model", key: (NONE, F), on: [Canvas] },
        ZoomIn { text: "Zoom in", tip: "Zoom in", key: (CTRL, Plus) },
        ZoomOut { text: "Zoom out", tip: "Zoom out", key: (CTRL, Minus) },
        TogglePalette {
            text: "Palette",
            tip: "Show or hide the palette of bodies on the left",
            group: true,
        },
        ToggleInspector {
            text: "Inspector and findings",
            tip: "Show or hide the panel on the right: the selection's details and the findings",
        },
        ToggleGrid {
            text: "Grid and snapping",
            tip: "Show a grid and snap moved bodies to it",
            group: true,
            on: [Canvas],
        },
        ToggleTiers {
            text: "Tier bands",
            tip: "Draw the tier bands (national to neighbourhood) behind the bodies",
            on: [Canvas],
        },
        ToggleLegend {
            text: "Legend and title",
            tip: "Draw the key and title block on the canvas, as in exports",
            on: [Canvas],
        },
        ToggleTheme { text: "Dark theme", tip: "Switch between the light and the dark theme" },
        ToggleDecisionMap {
            text: "Decision map",
            tip: "Mark each body with the decisions it takes, and list the decisions beside the diagram",
            group: true,
            on: [Canvas],
        },
        ToggleDecisions {
            text: "Decisions panel",
            tip: "Show or hide the decisions by theme: who holds each, who takes it, and its route",
        },
        FoldAll {
            text: "Fold all",
            tip: "Fold every group into one box with a +N marker (double-click a marker to open it)",
            group: true,
            on: [Canvas],
        },
        UnfoldAll {
            text: "Unfold all",
            tip: "Open every folded group, its members back where they were",
            on: [Canvas],
        },
    }
    /// Layout, alignment and distribution.
    Arrange("Arrange") {
        AutoLayoutAll {
            text: "Auto-layout all",
            tip: "Arrange the whole model in tier bands",
            key: (CTRL_SHIFT, L),
            on: [Canvas],
        },
        AutoLayoutSelection {
            text: "Auto-layout selection",
            tip: "Arrange the selected bodies among themselves",
            on: [Selection],
        },
        AlignLeft {
            text: "Align left",
            tip: "Line up the selected bodies on their left edges",
            group: true,
            on: [Selection],
        },
        AlignCentre {
            text: "Align centres",
            tip: "Line up the selected bodies on their centres, one above the other",
            on: [Selection],
        },
        AlignRight {
            text: "Align right",
            tip: "Line up the selected bodies on their right edges",
            on: [Selection],
        },
        AlignTop {
            text: "Align top",
            tip: "Line up the selected bodies on their top edges",
            group: true,
            on: [Selection],
        },
        AlignMiddle {
            text: "Align middles",
            tip: "Line up the selected bodies on their middles, side by side",
            on: [Selection],
        },
        AlignBottom {
            text: "Align bottom",
            tip: "Line up the selected bodies on their bottom edges",
            on: [Selection],
        },
        DistributeHorizontally {
            text: "Distribute across",
            tip: "Space the selected bodies evenly from left to right (three or more)",
            group: true,
            on: [Selection],
        },
        DistributeVertically {
            text: "Distribute down",
            tip: "Space the selected bodies evenly from top to bottom (three or more)",
            on: [Selection],
        },
        GroupSelection {
            text: "Group selection",
            tip: "Put the selected bodies inside the one of them they sit on (drawn as a box around them)",
            group: true,
            on: [Selection],
        },
        Ungroup {
            text: "Ungroup",
            tip: "Take the selected bodies out of their group, or let a selected group's members go",
            on: [Body, Selection],
        },
        GroupMembers {
            text: "Group members",
            tip: "Put every body that sits on the selected forum (a membership link) inside it",
            on: [Body],
        },
        ToggleFold {
            text: "Fold or unfold",
            tip: "Fold the selected groups into one box each, or open them (double-click a group's header or +N marker)",
            on: [Body, Selection],
        },
        ResetLines {
            text: "Reset lines",
            tip: "Remove the bends placed on the selected lines (all lines when none is selected)",
            group: true,
        },
    }
}

impl Command {
    /// Further keys that run the command (Ctrl+Y for redo, Backspace for delete, = for zoom).
    pub fn other_shortcuts(self) -> &'static [KeyboardShortcut] {
        const REDO: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::Y)];
        const DELETE: [KeyboardShortcut; 1] = [KeyboardShortcut::new(NONE, Key::Backspace)];
        const ZOOM_IN: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::Equals)];
        match self {
            Command::Redo => &REDO,
            Command::Delete => &DELETE,
            Command::ZoomIn => &ZOOM_IN,
            _ => &[],
        }
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

    /// The shortcut as the platform writes it ("Ctrl+S"), or nothing.
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcut()
            .map(|s| ctx.format_shortcut(&s))
            .unwrap_or_default()
    }

    /// The commands of one menu, in order.
    pub fn in_menu(menu: Menu) -> impl Iterator<Item = Command> {
        Command::ALL
            .iter()
            .copied()
            .filter(move |c| c.menu() == menu)
    }

    /// The commands of one right-click menu, in order.
    pub fn on_target(target: Target) -> impl Iterator<Item = Command> {
        Command::ALL
            .iter()
            .copied()
            .filter(move |c| c.targets().contains(&target))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = std::collections::HashMap::new();
        for &command in Command::ALL {
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

    #[test]
    fn every_menu_has_commands_and_every_context_menu_too() {
        for &menu in Menu::ALL {
            assert!(Command::in_menu(menu).count() > 0, "{menu:?}");
        }
        for target in [
            Target::Body,
            Target::Link,
            Target::Selection,
            Target::Canvas,
        ] {
            assert!(Command::on_target(target).count() > 0, "{target:?}");
        }
    }
}
