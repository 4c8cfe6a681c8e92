//! A light pass over model text that knows just enough RON (strings, comments, brackets) to
//! count the bodies and links before the real parse, and to find where a field of a given
//! body or link is written, so that errors found after parsing can still name a line.

/// Where a value sits in a model file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Site<'a> {
    /// A top-level field such as `as_at`.
    Top(&'a str),
    /// Field `.1` of the node at position `.0` in `nodes`.
    Node(usize, &'a str),
    /// Field `.1` of the link at position `.0` in `links`.
    Link(usize, &'a str),
    /// A field of `settings`.
    Setting(&'a str),
    /// Field `.1` of the decision at position `.0` in `decisions`.
    Decision(usize, &'a str),
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// The byte offset of a 1-based line and column (in characters), clamped to the text.
pub fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    text[line_start..]
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i)
}

/// The first offset at or after `offset` that is not white space.
pub fn skip_blank(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text[offset..]
        .find(|c: char| !c.is_whitespace())
        .map_or(text.len(), |i| offset + i)
}

/// How many elements the top-level `nodes` and `links` lists hold, counted without parsing.
pub fn count_elements(text: &str) -> (usize, usize) {
    let mut nodes = 0;
    let mut links = 0;
    walk(text, |event| {
        if let Event::ElementStart { list, .. } = event {
            match list {
                "nodes" => nodes += 1,
                "links" => links += 1,
                _ => {}
            }
        }
        false
    });
    (nodes, links)
}

/// The byte offset of the value of the field at `site`, if the text writes it.
pub fn find(text: &str, site: Site<'_>) -> Option<usize> {
    let mut found = None;
    walk(text, |event| {
        if let Event::Field {
            name,
            top,
            element,
            value_at,
            depth,
        } = event
        {
            let hit = match site {
                Site::Top(want) => depth == 1 && name == want,
                Site::Setting(want) => depth == 2 && top == "settings" && name == want,
                Site::Node(i, want) => {
                    depth == 3 && top == "nodes" && element == Some(i) && name == want
                }
                Site::Link(i, want) => {
                    depth == 3 && top == "links" && element == Some(i) && name == want
                }
                Site::Decision(i, want) => {
                    depth == 3 && top == "decisions" && element == Some(i) && name == want
                }
            };
            if hit {
                found = Some(value_at);
                return true;
            }
        }
        false
    });
    found
}

enum Event<'a> {
    /// A `(` that opens an element of a top-level list.
    ElementStart { list: &'a str },
    Field {
        name: &'a str,
        /// The top-level field this one sits under (itself, at depth 1).
        top: &'a str,
        /// Position within the top-level list, for fields of its elements.
        element: Option<usize>,
        value_at: usize,
        depth: usize,
    },
}

/// Calls `on` for each event, in text order, until it returns true.
fn walk<'a>(text: &'a str, mut on: impl FnMut(Event<'a>) -> bool) {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut depth = 0usize;
    let mut top: &str = "";
    let mut element: Option<usize> = None;
    let mut elements_seen = 0usize;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = skip_string(bytes, i),
            b'r' if is_raw_string_start(bytes, i) => i = skip_raw_string(bytes, i),
            b'\'' => i = skip_char(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = bytes[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |n| i + n);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |n| i + 2 + n + 2);
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth == 3 && bytes[i] == b'(' && matches!(top, "nodes" | "links" | "decisions")
                {
                    element = Some(elements_seen);
                    elements_seen += 1;
                    if on(Event::ElementStart { list: top }) {
                        return;
                    }
                }
                i += 1;
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth < 3 {
                    element = None;
                }
                i += 1;
            }
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                let name = &text[start..i];
                let mut j = i;
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                if bytes.get(j) == Some(&b':') {
                    j += 1;
                    while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    if depth == 1 {
                        top = name;
                        elements_seen = 0;
                    }
                    let event = Event::Field {
                        name,
                        top,
                        element,
                        value_at: j,
                        depth,
                    };
                    if on(event) {
                        return;
                    }
                }
            }
            _ => i += 1,
        }
    }
}

fn skip_string(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn skip_char(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\'' => return i + 1,
            b'\n' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn is_raw_string_start(bytes: &[u8], i: usize) -> bool {
    let preceded_by_ident = i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
    if preceded_by_ident {
        return false;
    }
    let mut j = i + 1;
    while bytes.get(j) == Some(&b'#') {
        j += 1;
    }
    bytes.get(j) == Some(&b'"')
}

fn skip_raw_string(bytes: &[u8], start: usize) -> usize {
    let mut j = start + 1;
    let mut hashes = 0;
    while bytes.get(j) == Some(&b'#') {
        hashes += 1;
        j += 1;
    }
    j += 1; // the opening quote
    while j < bytes.len() {
        if bytes[j] == b'"'
            && bytes[j + 1..]
                .iter()
                .take(hashes)
                .filter(|&&b| b == b'#')
                .count()
                == hashes
        {
            return j + 1 + hashes;
        }
        j += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r##"// a comment with id: "x" and ( brackets
(
    format: "icsmap",
    version: 1,
    notes: "id: \"fake\" ( [",
    links: [
        (kind: Membership, from: "a", to: "b"),
        (kind: Membership, from: "b", to: r#"c"#),
    ],
    nodes: [
        (id: "a", kind: PartnershipBoard, name: "A", at: (0.0, 0.0)),
        /* (id: "z") */
        (
            id: "b",
            kind: GpPractice,
            name: "B",
        ),
    ],
    settings: (disabled_rules: ["M06"]),
)
"##;

    #[test]
    fn counts_elements_ignoring_strings_and_comments() {
        assert_eq!(count_elements(TEXT), (2, 2));
    }

    #[test]
    fn finds_fields_of_nodes_and_links() {
        let at = |site| find(TEXT, site).map(|o| line_col(TEXT, o));
        assert_eq!(at(Site::Node(1, "id")), Some((14, 17)));
        assert_eq!(at(Site::Link(1, "to")), Some((8, 43)));
        assert_eq!(at(Site::Top("version")), Some((4, 14)));
        assert_eq!(at(Site::Setting("disabled_rules")), Some((19, 32)));
        assert_eq!(at(Site::Node(2, "id")), None);
    }
}
