//! Node ids: readable slugs, unique within a file.

/// The longest id a file may hold.
pub const MAX_ID_LEN: usize = 64;

/// Whether `id` is of the form `[A-Za-z0-9_.-]{1,64}`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

/// A valid id made from any text: lower case, runs of other characters become one `-`,
/// cut to leave room for a numeric suffix. Never empty.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '.') {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    let mut slug: String = trimmed.chars().take(MAX_ID_LEN - 8).collect();
    if slug.is_empty() {
        slug.push_str("body");
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_pattern() {
        assert!(is_valid_id("pcn-truro"));
        assert!(is_valid_id("a.b_C-9"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("has space"));
        assert!(!is_valid_id("é"));
        assert!(!is_valid_id(&"x".repeat(65)));
        assert!(is_valid_id(&"x".repeat(64)));
    }

    #[test]
    fn slugs_are_always_valid_ids() {
        for text in [
            "NHS North Shire ICB",
            "",
            "  ",
            "Bury & Rochdale",
            "ÉÉÉ",
            &"long ".repeat(40),
        ] {
            let s = slug(text);
            assert!(is_valid_id(&s), "{text:?} gave {s:?}");
        }
        assert_eq!(slug("NHS North Shire ICB"), "nhs-north-shire-icb");
    }
}
