//! The menu bar and the right-click menus, both drawn from the one `Command` list: each entry
//! shows the command's words, its shortcut and its tooltip, greyed out when it cannot run,
//! with a tick when it is a switch that is on.

use std::path::PathBuf;

use egui::RichText;

use super::app::Action;
use super::command::{Command, Menu, Target};
use super::files::Replace;
use super::templates::TEMPLATES;

/// How a command shows at this moment.
#[derive(Clone, Debug, PartialEq)]
pub struct Look {
    /// Whether it can run now (otherwise greyed out).
    pub enabled: bool,
    /// For a switch (a View toggle): whether it is on.
    pub checked: Option<bool>,
    /// Its words now ("Undo Move" rather than "Undo").
    pub text: String,
}

/// Draws one command as a menu entry; true when it was clicked. A switch (a View toggle)
/// is a tick box, so that it shows whether it is on.
pub fn command_entry(ui: &mut egui::Ui, command: Command, look: &Look) -> bool {
    let shortcut = command.shortcut_text(ui.ctx());
    let tip = if shortcut.is_empty() {
        command.tooltip().to_string()
    } else {
        format!("{} ({shortcut})", command.tooltip())
    };
    let response = if let Some(mut on) = look.checked {
        ui.add_enabled(
            look.enabled,
            egui::Checkbox::new(&mut on, look.text.as_str()),
        )
    } else {
        let mut button = egui::Button::new(look.text.as_str());
        if !shortcut.is_empty() {
            button = button.shortcut_text(shortcut);
        }
        ui.add_enabled(look.enabled, button)
    };
    response
        .on_hover_text(tip.clone())
        .on_disabled_hover_text(tip)
        .clicked()
}

/// The menu bar: File, Edit, View, Arrange, each drawn from the commands of that menu.
/// `look` says how each command shows now; `recent` lists File → Open Recent.
pub fn menu_bar(
    ui: &mut egui::Ui,
    look: &dyn Fn(Command) -> Look,
    recent: &[PathBuf],
) -> Option<Action> {
    let mut action = None;
    egui::MenuBar::new().ui(ui, |ui| {
        for &menu in Menu::ALL {
            ui.menu_button(menu.title(), |ui| {
                for command in Command::in_menu(menu) {
                    if command.starts_group() {
                        ui.separator();
                    }
                    if command_entry(ui, command, &look(command)) {
                        action = Some(Action::Run(command));
                        ui.close();
                    }
                    match command {
                        Command::New => {
                            if let Some(a) = templates_menu(ui) {
                                action = Some(a);
                            }
                        }
                        Command::Open => {
                            if let Some(a) = recent_menu(ui, recent) {
                                action = Some(a);
                            }
                        }
                        _ => {}
                    }
                }
            });
        }
    });
    action
}

/// File → New from template.
fn templates_menu(ui: &mut egui::Ui) -> Option<Action> {
    let mut action = None;
    ui.menu_button("New from template", |ui| {
        for (i, template) in TEMPLATES.iter().enumerate() {
            if ui
                .button(template.name)
                .on_hover_text(template.description)
                .clicked()
            {
                action = Some(Action::Request(Replace::Template(i)));
                ui.close();
            }
        }
    });
    action
}

/// File → Open Recent.
fn recent_menu(ui: &mut egui::Ui, recent: &[PathBuf]) -> Option<Action> {
    let mut action = None;
    ui.menu_button("Open Recent", |ui| {
        if recent.is_empty() {
            ui.label(RichText::new("No recent files").weak());
        }
        for path in recent {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            if ui
                .button(name)
                .on_hover_text(path.display().to_string())
                .clicked()
            {
                action = Some(Action::Request(Replace::OpenPath(path.clone())));
                ui.close();
            }
        }
    });
    action
}

/// The entries of a right-click menu on `target`: the commands that apply there, with their
/// shortcuts; only those that can run now. Call it inside a context menu's `ui`.
pub fn context_menu(
    ui: &mut egui::Ui,
    target: Target,
    look: &dyn Fn(Command) -> Look,
) -> Option<Action> {
    let mut action = None;
    let mut first = true;
    for command in Command::on_target(target) {
        // A right-click menu offers what applies to what was clicked: "Fold or unfold" on a
        // group, not greyed out on every body.
        let look = look(command);
        if !look.enabled {
            continue;
        }
        if command.starts_group() && !first {
            ui.separator();
        }
        first = false;
        if command_entry(ui, command, &look) {
            action = Some(Action::Run(command));
            ui.close();
        }
    }
    action
}

/// The welcome screen's command buttons (New blank model, Open…, Import from ODS…).
pub fn welcome_buttons(ui: &mut egui::Ui, size: egui::Vec2) -> Option<Action> {
    let mut action = None;
    for command in Command::ALL.iter().copied() {
        if !command.on_welcome_screen() {
            continue;
        }
        let text = if command == Command::New {
            RichText::new(command.text()).size(16.0)
        } else {
            RichText::new(command.text())
        };
        if ui
            .add(egui::Button::new(text).min_size(size))
            .on_hover_text(command.tooltip())
            .clicked()
        {
            action = Some(Action::Run(command));
        }
    }
    action
}
