//! UK bank holidays, worked out for any year: which calendar (England and
//! Wales, Scotland, Northern Ireland), Easter by the Gregorian computus, and
//! a fixed-date holiday on a weekend moved to the next free weekday. The
//! build lists them for "Open now" (static/js/open-now.js); see
//! docs/opening-hours.md.

use super::Date;

/// The bank holidays of one part of the UK (`bank_holidays:` in site.yaml).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Calendar {
    #[default]
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}

impl Calendar {
    pub const ALL: [Calendar; 3] = [Calendar::EnglandAndWales, Calendar::Scotland, Calendar::NorthernIreland];

    /// The value written in `site.yaml`.
    pub fn id(self) -> &'static str {
        match self {
            Calendar::EnglandAndWales => "england-and-wales",
            Calendar::Scotland => "scotland",
            Calendar::NorthernIreland => "northern-ireland",
        }
    }
}

/// Monday = 0.
fn weekday(day: i64) -> i64 {
    (day + 3).rem_euclid(7) // 1 January 1970 was a Thursday
}

fn day(year: i32, month: u32, day: u32) -> i64 {
    Date { year, month, day }.days()
}

fn first_monday(year: i32, month: u32) -> i64 {
    let first = day(year, month, 1);
    first + (7 - weekday(first)) % 7
}

fn last_monday(year: i32, month: u32) -> i64 {
    let next = if month == 12 { day(year + 1, 1, 1) } else { day(year, month + 1, 1) };
    let last = next - 1;
    last - weekday(last)
}

/// Easter Sunday (the anonymous Gregorian algorithm).
pub fn easter(year: i32) -> Date {
    let y = i64::from(year);
    let (a, b, c) = (y % 19, y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date { year, month: month as u32, day: day as u32 }
}

/// The bank holidays of `year`, sorted. A fixed-date holiday on a weekend,
/// or on a day another already took, moves to the next free weekday:
/// Christmas on a Saturday is kept on Monday 27th, Boxing Day on the Sunday
/// on Tuesday 28th.
pub fn of_year(year: i32, calendar: Calendar) -> Vec<Date> {
    let easter = easter(year).days();
    let mut days = vec![easter - 2, first_monday(year, 5), last_monday(year, 5)];
    if calendar != Calendar::Scotland {
        days.push(easter + 1);
    }
    days.push(if calendar == Calendar::Scotland { first_monday(year, 8) } else { last_monday(year, 8) });
    let mut fixed = vec![(1, 1)];
    match calendar {
        Calendar::Scotland => fixed.extend([(1, 2), (11, 30)]),
        Calendar::NorthernIreland => fixed.extend([(3, 17), (7, 12)]),
        Calendar::EnglandAndWales => {}
    }
    fixed.extend([(12, 25), (12, 26)]);
    for (month, d) in fixed {
        let mut n = day(year, month, d);
        while weekday(n) >= 5 || days.contains(&n) {
            n += 1;
        }
        days.push(n);
    }
    days.sort_unstable();
    days.into_iter().map(Date::from_days).collect()
}

/// Every bank holiday from `from` to `to` (both included), and the one-off
/// days of `extra` among them, sorted.
pub fn between(from: Date, to: Date, calendar: Calendar, extra: &[Date]) -> Vec<Date> {
    let mut days: Vec<Date> =
        (from.year..=to.year).flat_map(|y| of_year(y, calendar)).chain(extra.iter().copied()).collect();
    days.retain(|d| *d >= from && *d <= to);
    days.sort_unstable();
    days.dedup();
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(y: i32, calendar: Calendar) -> Vec<String> {
        of_year(y, calendar).iter().map(Date::to_string).collect()
    }

    #[test]
    fn england_and_wales_with_easter_and_substitute_days() {
        assert_eq!(
            year(2026, Calendar::EnglandAndWales),
            [
                "2026-01-01",
                "2026-04-03",
                "2026-04-06",
                "2026-05-04",
                "2026-05-25",
                "2026-08-31",
                "2026-12-25",
                "2026-12-28"
            ]
        );
        // Christmas on a Saturday, Boxing Day on a Sunday.
        assert_eq!(
            year(2027, Calendar::EnglandAndWales),
            [
                "2027-01-01",
                "2027-03-26",
                "2027-03-29",
                "2027-05-03",
                "2027-05-31",
                "2027-08-30",
                "2027-12-27",
                "2027-12-28"
            ]
        );
        // New Year's Day on a Saturday; Christmas on a Sunday.
        let y2022 = year(2022, Calendar::EnglandAndWales);
        assert!(
            y2022.contains(&"2022-01-03".to_string()) && y2022.ends_with(&["2022-12-26".into(), "2022-12-27".into()])
        );
    }

    #[test]
    fn easter_by_the_computus() {
        for (y, m, d) in [(2024, 3, 31), (2025, 4, 20), (2026, 4, 5), (2027, 3, 28), (2038, 4, 25), (2285, 3, 22)] {
            assert_eq!(easter(y), Date { year: y, month: m, day: d });
        }
    }

    #[test]
    fn scotland_and_northern_ireland() {
        assert_eq!(
            year(2027, Calendar::Scotland),
            [
                "2027-01-01",
                "2027-01-04",
                "2027-03-26",
                "2027-05-03",
                "2027-05-31",
                "2027-08-02",
                "2027-11-30",
                "2027-12-27",
                "2027-12-28"
            ]
        );
        let ni = year(2027, Calendar::NorthernIreland);
        assert_eq!(ni.len(), 10);
        assert!(ni.contains(&"2027-03-17".into()) && ni.contains(&"2027-07-12".into()), "{ni:?}");
        // St Andrew's Day on a Saturday (2024): Monday 2 December.
        assert!(year(2024, Calendar::Scotland).contains(&"2024-12-02".into()));
    }

    #[test]
    fn a_window_with_one_off_days() {
        let from = Date::parse("2026-12-20").unwrap();
        let to = Date::parse("2027-01-05").unwrap();
        let extra = [Date::parse("2026-12-31").unwrap(), Date::parse("2028-01-01").unwrap()];
        let days: Vec<String> =
            between(from, to, Calendar::EnglandAndWales, &extra).iter().map(Date::to_string).collect();
        assert_eq!(days, ["2026-12-25", "2026-12-28", "2026-12-31", "2027-01-01"]);
    }
}
