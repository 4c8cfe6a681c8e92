//! ISO calendar dates (`YYYY-MM-DD`), the only date form a model file holds.

use std::fmt;

/// A calendar date. Ordered by time, so rules can compare `valid_to` with `as_at`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IsoDate {
    year: u16,
    month: u8,
    day: u8,
}

impl IsoDate {
    /// A real date, or `None` (so `2023-02-29` is refused, `2024-02-29` is not).
    pub fn new(year: u16, month: u8, day: u8) -> Option<IsoDate> {
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if is_leap_year(year) => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days_in_month)
            .contains(&day)
            .then_some(IsoDate { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD`: four, two and two ASCII digits.
    pub fn parse(text: &str) -> Option<IsoDate> {
        let bytes = text.as_bytes();
        let shape_ok = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shape_ok {
            return None;
        }
        let year = text[0..4].parse().ok()?;
        let month = text[5..7].parse().ok()?;
        let day = text[8..10].parse().ok()?;
        IsoDate::new(year, month, day)
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u8 {
        self.day
    }
}

fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::IsoDate;

    #[test]
    fn parses_real_dates_only() {
        assert_eq!(
            IsoDate::parse("2022-07-01").map(|d| d.to_string()),
            Some("2022-07-01".into())
        );
        assert!(IsoDate::parse("2024-02-29").is_some());
        for bad in [
            "2023-02-29",
            "2022-13-01",
            "2022-00-10",
            "2022-7-1",
            "22-07-01",
            "2022/07/01",
            "",
            "2022-07-01 ",
            "２０２２-07-01",
        ] {
            assert!(IsoDate::parse(bad).is_none(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn orders_by_time() {
        let a = IsoDate::parse("2022-06-30").unwrap();
        let b = IsoDate::parse("2022-07-01").unwrap();
        assert!(a < b);
    }
}
