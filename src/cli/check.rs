//! `icsmap check`: validate files and report findings as text or JSON.

use std::path::{Path, PathBuf};

use icsmap::rules::{self, Finding};
use serde::Serialize;

use super::{Format, Outcome, emit};
use std::fmt::Write as _;

#[derive(Serialize)]
struct FileReport<'a> {
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    findings: Vec<JsonFinding<'a>>,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    nodes: &'a [String],
    links: &'a [usize],
    decisions: &'a [String],
}

pub fn run(files: &[PathBuf], format: Format, deny_warnings: bool) -> Outcome {
    let mut outcome = Outcome::Clean;
    let mut results: Vec<(&Path, Result<Vec<Finding>, String>)> = Vec::new();
    for file in files {
        match icsmap::open(file) {
            Ok(model) => {
                let findings = rules::check(&model);
                let (errors, warnings, _) = rules::tally(&findings);
                if errors > 0 || (deny_warnings && warnings > 0) {
                    outcome = outcome.max(Outcome::Flagged);
                }
                results.push((file, Ok(findings)));
            }
            Err(e) => {
                eprintln!("error: {e}");
                outcome = Outcome::Unreadable;
                results.push((file, Err(e.to_string())));
            }
        }
    }
    let written = match format {
        Format::Text => print_text(&results),
        Format::Json => print_json(&results),
    };
    outcome.max(written)
}

fn print_text(results: &[(&Path, Result<Vec<Finding>, String>)]) -> Outcome {
    let mut out = String::new();
    let several = results.len() > 1;
    for (i, (file, result)) in results.iter().enumerate() {
        // The reason for an unreadable file is already on stderr.
        let Ok(findings) = result else { continue };
        if several {
            if i > 0 {
                out.push('\n');
            }
            let _ = writeln!(out, "{}:", file.display());
        }
        for f in findings {
            let _ = write!(out, "{}[{}] {}", f.severity, f.rule, f.message);
            if !f.nodes.is_empty() {
                let _ = write!(out, " (nodes: {})", f.nodes.join(", "));
            }
            if !f.decisions.is_empty() {
                let _ = write!(out, " (decisions: {})", f.decisions.join(", "));
            }
            out.push('\n');
        }
        let (errors, warnings, infos) = rules::tally(findings);
        let _ = writeln!(out, "{errors} errors, {warnings} warnings, {infos} infos");
    }
    emit(&out)
}

fn print_json(results: &[(&Path, Result<Vec<Finding>, String>)]) -> Outcome {
    let reports: Vec<FileReport<'_>> = results
        .iter()
        .map(|(file, result)| {
            let file = file.display().to_string();
            match result {
                Ok(findings) => {
                    let (errors, warnings, infos) = rules::tally(findings);
                    FileReport {
                        file,
                        error: None,
                        findings: findings.iter().map(json_finding).collect(),
                        errors,
                        warnings,
                        infos,
                    }
                }
                Err(message) => FileReport {
                    file,
                    error: Some(message.clone()),
                    findings: Vec::new(),
                    errors: 0,
                    warnings: 0,
                    infos: 0,
                },
            }
        })
        .collect();
    let text = if let [one] = reports.as_slice() {
        serde_json::to_string_pretty(one)
    } else {
        serde_json::to_string_pretty(&reports)
    };
    match text {
        Ok(text) => emit(&(text + "\n")),
        Err(e) => {
            eprintln!("error: cannot write the report as JSON: {e}");
            Outcome::Unreadable
        }
    }
}

fn json_finding(f: &Finding) -> JsonFinding<'_> {
    JsonFinding {
        rule: f.rule,
        severity: f.severity.as_str(),
        message: &f.message,
        nodes: &f.nodes,
        links: &f.links,
        decisions: &f.decisions,
    }
}
