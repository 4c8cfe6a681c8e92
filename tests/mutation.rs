//! Mutation test: thousands of damaged model files and ODS files, made from the examples and
//! the ODS fixtures by a seeded generator (the same inputs every run). For each: no panic; a
//! refusal names where the problem is; a file that is accepted saves and reads back as it
//! was. The suite runs a small batch (seconds in a debug build); the larger run behind
//! `--ignored` prints the figures quoted in the README:
//!
//! ```sh
//! cargo test --test mutation -- --ignored --nocapture
//! ```

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use icsmap::model::file::{checked_canonical_string, load_str, to_canonical_string};
use icsmap::model::{Decision, Model, Point};
use icsmap::ods::{self, ImportOptions, OdsFiles};

/// A small, seeded generator (xorshift64*): the same mutants on every machine and run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Pieces a careless hand or a hostile file puts into a model file.
const MODEL_JUNK: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\\",
    "//",
    "/*",
    "r#42",
    "r#",
    "#",
    "1e308",
    "-1e308",
    "inf",
    "NaN",
    "-5",
    "0x10",
    "1_000",
    "99999999999999999999999",
    "18446744073709551615",
    "2000000.0",
    "1000000.05",
    "-0.0",
    "version: 3",
    "version: 2",
    "format: \"drawio\"",
    "within: \"icb\"",
    "collapsed: true",
    "via: [(1.0, 2.0)]",
    "via: [(1e308, 0.0)]",
    "decisions: []",
    "amount: 1e308",
    "population: -1",
    "at: (inf, 0.0)",
    "kind: Hospital",
    "tier: County",
    "id: \"\"",
    "id: \"a b\"",
    "Some(",
    "None",
    "true",
    "é",
    "\u{0}",
    "\u{FEFF}",
    "\r\n",
    "\n",
    "'x'",
    "b\"x\"",
    "#![enable(unwrap_newtypes)]",
    "()",
    "[]",
    "\"\"",
];

/// Pieces that break a CSV file of ODS data.
const ODS_JUNK: &[&str] = &[
    ",",
    "\"",
    "\"\"",
    "\n",
    "\r\n",
    "U00070",
    "A81001",
    "R0A",
    "QOP",
    "Y62",
    "20191001",
    "2019-10-01",
    "99999999",
    "NHS X ICB - 00T",
    "\u{FEFF}",
    "\u{0}",
    "é",
    ",,,,,",
    "\"a,b\"",
];

/// One damaged copy of `text`.
fn mutate(rng: &mut Rng, text: &[u8], junk: &[&str]) -> Vec<u8> {
    let mut out = text.to_vec();
    for _ in 0..1 + rng.below(3) {
        let len = out.len();
        let at = rng.below(len + 1);
        match rng.below(9) {
            0 => {
                let end = (at + 1 + rng.below(40)).min(len);
                out.drain(at..end);
            }
            1 | 2 => {
                let piece = rng.pick(junk).as_bytes().to_vec();
                out.splice(at..at, piece);
            }
            3 => out.truncate(at),
            4 if at < len => out[at] = rng.next() as u8,
            5 => {
                // Repeat a line.
                let lines: Vec<&[u8]> = out.split(|&b| b == b'\n').collect();
                let line = rng.pick(&lines).to_vec();
                out.splice(at..at, [line, b"\n".to_vec()].concat());
            }
            6 => {
                // Swap two lines.
                let mut lines: Vec<Vec<u8>> =
                    out.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
                let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                lines.swap(a, b);
                out = lines.join(&b'\n');
            }
            7 => {
                // Put an extreme value where a number is.
                if let Some(pos) = out[at.min(len)..].iter().position(u8::is_ascii_digit) {
                    let start = at + pos;
                    let end = out[start..]
                        .iter()
                        .position(|b| !(b.is_ascii_digit() || *b == b'.'))
                        .map_or(out.len(), |e| start + e);
                    let value = rng.pick(&["1e308", "1000000.1", "4294967296", "0.05", "-1"]);
                    out.splice(start..end, value.bytes());
                }
            }
            _ => {
                let end = (at + 1 + rng.below(12)).min(len);
                let piece = out[at..end].to_vec();
                let to = rng.below(out.len() + 1);
                out.splice(to..to, piece);
            }
        }
    }
    out
}

/// What a run found.
#[derive(Debug, Default)]
struct Figures {
    model_inputs: usize,
    ods_inputs: usize,
    accepted: usize,
    refused: usize,
    panics: Vec<String>,
    unlocated: Vec<String>,
    not_reloading: Vec<String>,
    /// Rust or parser words in a message meant for a person.
    jargon: Vec<String>,
    slowest: Duration,
}

/// Words that give away a message written for programmers.
const JARGON: &[&str] = &[
    "struct",
    "Struct",
    "enum ",
    "raw identifier",
    "RON",
    "Option",
    "u64",
    "u32",
    "f64",
    "usize",
    "FileModel",
    "FileNode",
    "FileLink",
    "Header",
    "os error",
    "CSV parse error",
];

fn note_jargon(figures: &mut Figures, message: &str) {
    if JARGON.iter().any(|w| message.contains(w)) {
        figures.jargon.push(message.to_string());
    }
}

/// The seed models: the examples and one that uses every format-2 field.
fn seed_models() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    let mut texts: Vec<String> = [
        "figure1-operating-model",
        "good-practice",
        "icb-delegated-places",
    ]
    .iter()
    .map(|n| std::fs::read_to_string(dir.join(format!("{n}.icsmap.ron"))).unwrap())
    .collect();
    let mut m: Model = icsmap::open_str(&texts[0], Path::new("seed")).unwrap();
    let (a, b) = (m.nodes[0].id.clone(), m.nodes[1].id.clone());
    m.nodes[2].within = Some(a.clone());
    m.nodes[3].within = Some(a.clone());
    m.nodes[0].collapsed = true;
    m.links[0].via = vec![Point::new(10.0, 20.5), Point::new(-30.0, 40.0)];
    let mut d = Decision::new("budget", "Approve the budget", a);
    d.taken_by = Some(b);
    m.decisions.push(d);
    texts.push(to_canonical_string(&m));
    texts
}

fn try_model(figures: &mut Figures, bytes: &[u8]) {
    let name = Path::new("mutant.icsmap.ron");
    let started = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| icsmap::open_bytes(bytes, name)));
    figures.model_inputs += 1;
    match result {
        Err(_) => figures
            .panics
            .push(String::from_utf8_lossy(bytes).into_owned()),
        Ok(Err(e)) => {
            figures.refused += 1;
            let message = e.to_string();
            note_jargon(figures, &message);
            if e.position.is_none() {
                figures.unlocated.push(message);
            }
        }
        Ok(Ok(model)) => {
            figures.accepted += 1;
            let back = catch_unwind(AssertUnwindSafe(|| {
                let text = checked_canonical_string(&model, name).map_err(|e| e.to_string())?;
                let again = load_str(&text, name).map_err(|e| e.to_string())?;
                if to_canonical_string(&again.model) == text {
                    Ok(())
                } else {
                    Err("saves differently after reloading".to_string())
                }
            }));
            match back {
                Ok(Ok(())) => {}
                Ok(Err(why)) => figures.not_reloading.push(why),
                Err(_) => figures
                    .panics
                    .push("while saving an accepted mutant".into()),
            }
        }
    }
    figures.slowest = figures.slowest.max(started.elapsed());
}

fn fixtures() -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ods");
    [
        "epcn-pcns.csv",
        "epcn-core-partners.csv",
        "epraccur.csv",
        "etr.csv",
    ]
    .iter()
    .map(|n| (dir.join(n), std::fs::read(dir.join(n)).unwrap()))
    .collect()
}

fn try_ods(figures: &mut Figures, dir: &Path, slot: usize, bytes: &[u8], rng: &mut Rng) {
    let originals = fixtures();
    let damaged = dir.join(format!("slot{slot}.csv"));
    std::fs::write(&damaged, bytes).unwrap();
    let path = |i: usize| {
        Some(if i == slot {
            damaged.clone()
        } else {
            originals[i].0.clone()
        })
    };
    let files = OdsFiles {
        pcns: path(0),
        partners: path(1),
        practices: path(2),
        trusts: path(3),
    };
    let icbs = if rng.below(2) == 0 {
        vec!["QOP".to_string()]
    } else {
        Vec::new()
    };
    let options = ImportOptions { icbs, as_at: None };
    let started = Instant::now();
    figures.ods_inputs += 1;
    let result = catch_unwind(AssertUnwindSafe(|| ods::import(&files, &options, &|_| {})));
    match result {
        Err(_) => figures
            .panics
            .push(String::from_utf8_lossy(bytes).into_owned()),
        Ok(Err(e)) => {
            figures.refused += 1;
            let message = e.to_string();
            note_jargon(figures, &message);
            // Located: a line, or a file refused as a whole (empty, too large, not a file),
            // or a cause that belongs to no one file (the choice of ICB or date).
            let whole_file = e.what.contains("the file is empty")
                || e.what.contains("header but no rows")
                || e.what.contains("not a file");
            let no_one_file = e.file.as_os_str().is_empty();
            if e.line.is_none() && !whole_file && !no_one_file {
                figures.unlocated.push(message);
            }
        }
        Ok(Ok(model)) => {
            figures.accepted += 1;
            let name = Path::new("imported.icsmap.ron");
            match checked_canonical_string(&model, name) {
                Ok(_) => {}
                Err(e) => figures.not_reloading.push(e.to_string()),
            }
        }
    }
    figures.slowest = figures.slowest.max(started.elapsed());
}

fn run(seed: u64, model_inputs: usize, ods_inputs: usize) -> Figures {
    let mut rng = Rng(seed);
    let mut figures = Figures::default();
    let seeds = seed_models();
    for _ in 0..model_inputs {
        let base = rng.pick(&seeds).clone();
        let bytes = mutate(&mut rng, base.as_bytes(), MODEL_JUNK);
        try_model(&mut figures, &bytes);
    }
    let dir = tempfile::tempdir().unwrap();
    let originals = fixtures();
    for _ in 0..ods_inputs {
        let slot = rng.below(originals.len());
        let bytes = mutate(&mut rng, &originals[slot].1, ODS_JUNK);
        try_ods(&mut figures, dir.path(), slot, &bytes, &mut rng);
    }
    figures
}

fn assert_clean(figures: &Figures) {
    let first = |v: &Vec<String>| v.first().cloned().unwrap_or_default();
    assert!(
        figures.panics.is_empty(),
        "{} panics; first input:\n{}",
        figures.panics.len(),
        first(&figures.panics)
    );
    assert!(
        figures.unlocated.is_empty(),
        "{} refusals without a location, e.g. {}",
        figures.unlocated.len(),
        first(&figures.unlocated)
    );
    assert!(
        figures.not_reloading.is_empty(),
        "{} accepted inputs do not save and reload, e.g. {}",
        figures.not_reloading.len(),
        first(&figures.not_reloading)
    );
    assert!(
        figures.jargon.is_empty(),
        "{} messages in programmers' words, e.g. {}",
        figures.jargon.len(),
        first(&figures.jargon)
    );
    // Both kinds of outcome are exercised, or the test proves little.
    assert!(figures.accepted > 0 && figures.refused > 0, "{figures:?}");
}

#[test]
fn damaged_models_and_ods_files_are_refused_with_a_place_or_saved_whole() {
    let figures = run(0x1C5_3A9, 2_000, 500);
    assert_eq!(figures.model_inputs + figures.ods_inputs, 2_500);
    assert_clean(&figures);
}

/// The larger run behind the README's figures (about four minutes in a debug build).
#[test]
#[ignore]
fn fuzz_figures() {
    let started = Instant::now();
    let figures = run(0x1C5_3A9, 100_000, 10_000);
    println!(
        "inputs tried: {} ({} model files, {} ODS files); accepted {}, refused {}; \
         panics {}; hangs (over 2 s) {}; refusals without a location {}; \
         saves that do not reload {}; messages in programmers' words {}; \
         slowest input {:?}; total {:?}",
        figures.model_inputs + figures.ods_inputs,
        figures.model_inputs,
        figures.ods_inputs,
        figures.accepted,
        figures.refused,
        figures.panics.len(),
        usize::from(figures.slowest > Duration::from_secs(2)),
        figures.unlocated.len(),
        figures.not_reloading.len(),
        figures.jargon.len(),
        figures.slowest,
        started.elapsed()
    );
    assert_clean(&figures);
}
