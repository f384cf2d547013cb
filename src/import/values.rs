//! Reading the values feeds write in many ways: times, phone numbers, email
//! and web addresses, ages.
//!
//! Each reader says whether the value was taken as it was, rewritten (and
//! so reported as changed), or could not be used. Nothing here reports;
//! `convert` turns the answers into problems for the record.

use crate::content::service::phone_href;

/// What became of one value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    /// Taken as the feed wrote it (perhaps tidied: `9:00` → `09:00`).
    Kept(String),
    /// Understood, but written differently: reported as a change.
    Rewritten(String),
    /// A placeholder such as `noemail@x.invalid` or `-1`: dropped quietly, counted.
    Placeholder,
    /// Nothing there.
    Empty,
    /// Not understood: left out and reported.
    Unreadable,
}

/// A time of day as `HH:MM`: `09:00:00`, `9:00` and `09:00` are kept;
/// `9:00am`, `5pm`, `17.30`, `0900`, `noon` and `midnight` are rewritten.
pub fn time(text: &str) -> Read {
    let text = text.trim();
    if text.is_empty() {
        return Read::Empty;
    }
    if let Some(t) = strict_time(text) {
        return Read::Kept(t);
    }
    loose_time(text).map_or(Read::Unreadable, Read::Rewritten)
}

/// The 24-hour forms the contract's readers already write: `H:MM`, `HH:MM`, `HH:MM:SS`.
pub fn strict_time(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches('Z');
    let mut parts = text.split(':');
    let (hours, minutes, seconds) = (parts.next()?, parts.next()?, parts.next());
    if parts.next().is_some() || seconds.is_some_and(|s| !is_seconds(s)) {
        return None;
    }
    hours_minutes(hours, minutes)
}

fn is_seconds(s: &str) -> bool {
    s.len() >= 2 && s[..2].bytes().all(|b| b.is_ascii_digit()) && &s[..2] <= "59"
}

fn hours_minutes(hours: &str, minutes: &str) -> Option<String> {
    let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(hours) || hours.len() > 2 || minutes.len() != 2 || !all_digits(minutes) {
        return None;
    }
    let (h, m): (u8, u8) = (hours.parse().ok()?, minutes.parse().ok()?);
    let valid = (h < 24 && m < 60) || (h == 24 && m == 0);
    valid.then(|| format!("{h:02}:{m:02}"))
}

/// 12-hour times with am/pm, `17.30`, `0900`, `noon`, `midnight`.
fn loose_time(text: &str) -> Option<String> {
    let lower = text.to_lowercase().replace(' ', "").replace("a.m.", "am").replace("p.m.", "pm");
    match lower.as_str() {
        "noon" | "12noon" | "midday" => return Some("12:00".into()),
        "midnight" | "12midnight" => return Some("00:00".into()),
        _ => {}
    }
    // `9:00a` and `5:00p` are written too.
    let (number, pm) = match (
        lower.strip_suffix("am").or(lower.strip_suffix('a')),
        lower.strip_suffix("pm").or(lower.strip_suffix('p')),
    ) {
        (Some(n), _) => (n, Some(false)),
        (_, Some(n)) => (n, Some(true)),
        _ => (lower.as_str(), None),
    };
    let (h, m) = match number.split_once([':', '.']) {
        Some((h, m)) => (h, m),
        // `9pm`; a bare `9` could be either half of the day.
        None if number.len() <= 2 && pm.is_some() => (number, "00"),
        // `0900`, `930pm`
        None if (3..=4).contains(&number.len()) => number.split_at(number.len() - 2),
        None => return None,
    };
    let hm = hours_minutes(h, m)?;
    let Some(pm) = pm else { return Some(hm) };
    let hour: u8 = hm[..2].parse().ok()?;
    if hour == 0 || hour > 12 {
        return None;
    }
    let hour = match (hour, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    };
    Some(format!("{hour:02}{}", &hm[2..]))
}

/// A phone number signpost can dial, with an extension kept as `ext. 105`:
/// `305-899-8087 x105`, `01234 567890 ext 105`, `01234 567890 extension 105`.
/// `extension` is a separate column in some tables.
pub fn phone(number: &str, extension: &str) -> Read {
    let number = one_line(number.trim().trim_matches(['"', '\'']).trim());
    let extension = extension.trim();
    if number.is_empty() {
        return Read::Empty;
    }
    let (main, ext) = match split_extension(&number) {
        Some((main, ext)) => (main, ext),
        None => (number.clone(), String::new()),
    };
    let ext = if ext.is_empty() && extension.bytes().all(|b| b.is_ascii_digit()) { extension.to_string() } else { ext };
    if phone_href(&main).is_none() {
        // `Youth line: 0117 332 7111`: a label before the number.
        return match main.rsplit_once(':').map(|(_, n)| n.trim()) {
            Some(number) if phone_href(number).is_some() && ext.is_empty() => Read::Rewritten(number.to_string()),
            _ => Read::Unreadable,
        };
    }
    if ext.is_empty() { Read::Kept(main) } else { Read::Rewritten(format!("{main} ext. {ext}")) }
}

/// `01234 567890 x105` → (`01234 567890`, `105`): a marker then digits to the end.
fn split_extension(number: &str) -> Option<(String, String)> {
    let lower = number.to_lowercase();
    for marker in ["extension", "ext.", "ext", "x", "#"] {
        let Some(at) = lower.rfind(marker) else { continue };
        let digits = lower[at + marker.len()..].trim_start_matches([' ', '.', ':']).trim();
        let main = number[..at].trim().trim_end_matches([',', ';']).trim();
        if !digits.is_empty() && digits.len() <= 6 && digits.bytes().all(|b| b.is_ascii_digit()) && !main.is_empty() {
            return Some((main.to_string(), digits.to_string()));
        }
    }
    None
}

/// An email address, or a placeholder (`noemail`, `no-email`, a `.invalid` domain) dropped.
pub fn email(text: &str) -> Read {
    let email = text.trim().trim_start_matches("mailto:");
    if email.is_empty() {
        return Read::Empty;
    }
    let lower = email.to_lowercase();
    let domain = lower.rsplit_once('@').map_or("", |(_, d)| d);
    // Only what says it is no address: example.org is a real (if
    // reserved) domain that fixtures and some feeds use on purpose.
    let is_placeholder = lower.contains("noemail") || lower.contains("no-email") || domain.ends_with(".invalid");
    if is_placeholder {
        return Read::Placeholder;
    }
    if crate::fields::is_plausible_email(email) { Read::Kept(email.to_string()) } else { Read::Unreadable }
}

/// A web address: `https://` kept, `HTTPS://` lowered, a bare `www.x.org` given `https://`.
pub fn website(text: &str) -> Read {
    let url = text.trim();
    if url.is_empty() {
        return Read::Empty;
    }
    if url.starts_with("https://") || url.starts_with("http://") {
        return Read::Kept(url.to_string());
    }
    let lower = url.to_ascii_lowercase();
    for scheme in ["https://", "http://"] {
        if lower.starts_with(scheme) {
            return Read::Rewritten(format!("{scheme}{}", &url[scheme.len()..]));
        }
    }
    if url.contains('.') && !url.contains(char::is_whitespace) && !url.contains(':') && !url.contains('@') {
        return Read::Kept(format!("https://{url}"));
    }
    Read::Unreadable
}

/// An age in whole years; a negative one is a placeholder for "none".
pub fn age(value: Option<i64>) -> Read {
    match value {
        None => Read::Empty,
        Some(years) if years < 0 => Read::Placeholder,
        Some(years) if years <= 150 => Read::Kept(years.to_string()),
        Some(_) => Read::Unreadable,
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(s: &str) -> Read {
        Read::Rewritten(s.to_string())
    }

    #[test]
    fn times_in_every_common_form() {
        assert_eq!(time("09:00:00"), Read::Kept("09:00".into()));
        assert_eq!(time("9:00"), Read::Kept("09:00".into()));
        assert_eq!(time("24:00"), Read::Kept("24:00".into()));
        for (found, want) in [
            ("9:00am", "09:00"),
            ("5:00pm", "17:00"),
            ("5pm", "17:00"),
            ("12pm", "12:00"),
            ("12:30am", "00:30"),
            ("9:30 AM", "09:30"),
            ("9.30pm", "21:30"),
            ("9 a.m.", "09:00"),
            ("17.30", "17:30"),
            ("0900", "09:00"),
            ("1730", "17:30"),
            ("noon", "12:00"),
            ("Midnight", "00:00"),
            ("9:00a", "09:00"),
            ("5:30p", "17:30"),
        ] {
            assert_eq!(time(found), rewritten(want), "{found}");
        }
        assert_eq!(time(""), Read::Empty);
        for bad in ["25:00", "13pm", "9", "12:60", "aa:bb", "closed", "09:00:99"] {
            assert_eq!(time(bad), Read::Unreadable, "{bad}");
        }
    }

    #[test]
    fn extensions_are_kept_and_numbers_checked() {
        assert_eq!(phone("305-899-8087 x105", ""), rewritten("305-899-8087 ext. 105"));
        assert_eq!(phone("01234 567890 ext 105", ""), rewritten("01234 567890 ext. 105"));
        assert_eq!(phone("01234 567890 Extension: 7", ""), rewritten("01234 567890 ext. 7"));
        assert_eq!(phone("01234 567890", "105"), rewritten("01234 567890 ext. 105"));
        assert_eq!(phone(" \"01234  567890\" ", ""), Read::Kept("01234 567890".into()));
        assert_eq!(phone("call reception", ""), Read::Unreadable);
        assert_eq!(phone("Youth line: 0117 332 7111", ""), rewritten("0117 332 7111"));
        assert_eq!(phone("", ""), Read::Empty);
    }

    #[test]
    fn placeholder_emails_and_ages_are_told_apart() {
        assert_eq!(email("Unknown-1777@noemail.invalid"), Read::Placeholder);
        assert_eq!(email("nobody@no-email.org"), Read::Placeholder);
        assert_eq!(email("help@town.org.uk"), Read::Kept("help@town.org.uk".into()));
        assert_eq!(email("help at town"), Read::Unreadable);
        assert_eq!(age(Some(-1)), Read::Placeholder);
        assert_eq!(age(Some(18)), Read::Kept("18".into()));
        assert_eq!(age(Some(200)), Read::Unreadable);
    }

    #[test]
    fn web_addresses_get_a_lower_case_scheme() {
        assert_eq!(website("HTTPS://Town.org/A"), rewritten("https://Town.org/A"));
        assert_eq!(website("www.town.org"), Read::Kept("https://www.town.org".into()));
        assert_eq!(website("https://town.org"), Read::Kept("https://town.org".into()));
        assert_eq!(website("see leaflet"), Read::Unreadable);
    }
}
