//! Readable names from ODS's capitals: "NHS GREATER MANCHESTER ICB" → "NHS Greater
//! Manchester ICB", "STOCKTON-ON-TEES" → "Stockton-on-Tees".

/// Words kept in capitals.
const KEEP_UPPER: [&str; 12] = [
    "NHS", "ICB", "PCN", "GP", "CCG", "UK", "NHSE", "CIC", "LLP", "MC", "HC", "VCSE",
];
/// Small words kept lower case unless they start the name.
const KEEP_LOWER: [&str; 10] = [
    "and", "of", "the", "on", "in", "upon", "by", "for", "at", "with",
];

/// Title case for an ODS name.
pub fn title_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for (w, word) in name.split_whitespace().enumerate() {
        if w > 0 {
            out.push(' ');
        }
        // Parts of a hyphenated word are cased on their own: Stockton-on-Tees.
        for (p, part) in word.split('-').enumerate() {
            if p > 0 {
                out.push('-');
            }
            out.push_str(&case_word(part, w == 0 && p == 0));
        }
    }
    out
}

fn case_word(word: &str, first: bool) -> String {
    let core: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
    let upper = core.to_uppercase();
    if KEEP_UPPER.contains(&upper.as_str())
        || (core.len() >= 2 && core.chars().any(|c| c.is_ascii_digit()))
    {
        return word.to_uppercase();
    }
    let lower = word.to_lowercase();
    if !first && KEEP_LOWER.contains(&lower.as_str()) {
        return lower;
    }
    // Capitalise the first letter, and the letter after an apostrophe of a name (O'Brien),
    // but not of a possessive (St John's).
    let mut out = String::with_capacity(word.len());
    let mut capital_next = true;
    let chars: Vec<char> = lower.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if capital_next && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            capital_next = false;
        } else {
            out.push(c);
        }
        if c == '\'' || c == '(' || c == '&' || c == '/' || c == '.' {
            let rest = chars.len() - i - 1;
            capital_next = c != '\'' || rest > 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::title_case;

    #[test]
    fn names_read_as_people_write_them() {
        assert_eq!(
            title_case("NHS GREATER MANCHESTER ICB"),
            "NHS Greater Manchester ICB"
        );
        assert_eq!(title_case("WEST MERTON PCN"), "West Merton PCN");
        assert_eq!(title_case("STOCKTON-ON-TEES"), "Stockton-on-Tees");
        assert_eq!(title_case("THE DENSHAM SURGERY"), "The Densham Surgery");
        assert_eq!(
            title_case("NHS LEICESTER, LEICESTERSHIRE AND RUTLAND ICB"),
            "NHS Leicester, Leicestershire and Rutland ICB"
        );
        assert_eq!(
            title_case("ST JOHN'S MEDICAL CENTRE"),
            "St John's Medical Centre"
        );
        assert_eq!(title_case("O'BRIEN PRACTICE"), "O'Brien Practice");
        assert_eq!(
            title_case("DR A SMITH'S GP PRACTICE"),
            "Dr A Smith's GP Practice"
        );
        assert_eq!(title_case("PCN 4 (NORTH)"), "PCN 4 (North)");
        assert_eq!(title_case("  "), "");
    }
}
