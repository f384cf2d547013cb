//! Small conversions from signpost's values to the ones Open Referral UK
//! expects: postcodes, weekdays, times, language codes, costs.

use crate::content::Hours;

/// `dt48aa`, ` DT4  8AA ` → `DT4 8AA`: upper case, one space before the
/// inward code (always the last three characters of a UK postcode). Text
/// that is not shaped like a postcode is only trimmed and upper-cased.
pub fn postcode(text: &str) -> String {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    let looks_like_postcode = (5..=7).contains(&compact.len())
        && compact.is_ascii()
        && compact.chars().all(|c| c.is_ascii_alphanumeric())
        && compact.as_bytes()[compact.len() - 3].is_ascii_digit();
    if looks_like_postcode {
        let (outward, inward) = compact.split_at(compact.len() - 3);
        format!("{outward} {inward}")
    } else {
        text.split_whitespace().collect::<Vec<_>>().join(" ").to_uppercase()
    }
}

/// A web address as RFC 3986 wants it (ORUK's `format: uri`): characters a
/// URI may not hold (spaces, `<`, `"`, non-ASCII letters…) are
/// percent-encoded, as a browser does before following the link; `%` is
/// kept, assuming the author already encoded what they meant to.
pub fn uri(text: &str) -> String {
    const ALLOWED: &str = "-._~:/?#@!$&'()*+,;=%";
    let mut out = String::with_capacity(text.len());
    for byte in text.trim().bytes() {
        if byte.is_ascii_alphanumeric() || ALLOWED.as_bytes().contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

const ICAL_DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// Day indexes (0 = Monday) → iCalendar `BYDAY`: `MO,TU,WE`, in week order.
pub fn byday(days: &[u8]) -> String {
    let mut sorted = days.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    sorted.iter().filter_map(|d| ICAL_DAYS.get(*d as usize).copied()).collect::<Vec<_>>().join(",")
}

/// `(9, 30)` → `09:30:00`, the form of ORUK's examples. No zone offset is
/// given: the hours are UK local time, whose offset changes with summer
/// time, so any fixed offset would be wrong for half the year. `24:00`
/// (allowed in signpost for "until midnight") is not a valid clock time in
/// most parsers, so it becomes the last second of the day.
pub fn time((h, m): (u8, u8)) -> String {
    if h >= 24 { "23:59:59".to_string() } else { format!("{h:02}:{m:02}:00") }
}

/// `Monday to Friday, 9am to 5pm`.
pub fn hours_in_words(hours: &Hours) -> String {
    format!("{}, {}", hours.days_in_words(), hours.times_in_words())
}

/// `Some(0)` when a cost says the service is free (`Free`, `free.`,
/// `Free (NHS)`), so consumers can filter on `amount`; `None` for any other
/// text, whose amount signpost cannot know.
pub fn free_amount(cost: &str) -> Option<u32> {
    let cost = cost.trim().trim_end_matches('.').to_lowercase();
    let rest = cost.strip_prefix("free")?.trim();
    let is_free = rest.is_empty() || (rest.starts_with('(') && rest.ends_with(')'));
    is_free.then_some(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes_are_upper_case_with_one_space() {
        assert_eq!(postcode("dt48aa"), "DT4 8AA");
        assert_eq!(postcode(" DT4   8AA "), "DT4 8AA");
        assert_eq!(postcode("SW1A1AA"), "SW1A 1AA");
        assert_eq!(postcode("m1 1ae"), "M1 1AE");
        assert_eq!(postcode("not a  postcode"), "NOT A POSTCODE");
    }

    #[test]
    fn web_addresses_are_percent_encoded_where_uris_need_it() {
        assert_eq!(uri("https://example.org/a?b=c&d=e#f"), "https://example.org/a?b=c&d=e#f");
        assert_eq!(uri("https://example.org/?q=<script>"), "https://example.org/?q=%3Cscript%3E");
        assert_eq!(uri("https://example.org/café menu"), "https://example.org/caf%C3%A9%20menu");
        assert_eq!(uri("https://example.org/a%20b"), "https://example.org/a%20b");
    }

    #[test]
    fn byday_is_ical_in_week_order() {
        assert_eq!(byday(&[0, 1, 2, 3, 4]), "MO,TU,WE,TH,FR");
        assert_eq!(byday(&[6, 1, 1]), "TU,SU");
    }

    #[test]
    fn times_have_seconds_and_midnight_is_the_last_second() {
        assert_eq!(time((9, 0)), "09:00:00");
        assert_eq!(time((17, 30)), "17:30:00");
        assert_eq!(time((24, 0)), "23:59:59");
        let hours = Hours { days: vec![0, 1, 2, 3, 4], bank_holidays: false, opens: (9, 0), closes: (17, 0) };
        assert_eq!(hours_in_words(&hours), "Monday to Friday, 9am to 5pm");
    }

    #[test]
    fn only_plain_free_costs_get_an_amount() {
        assert_eq!(free_amount("Free"), Some(0));
        assert_eq!(free_amount("Free (NHS)"), Some(0));
        assert_eq!(free_amount("Free labour; materials charged at cost"), None);
        assert_eq!(free_amount("£2 a session"), None);
    }
}
