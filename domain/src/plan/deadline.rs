//! Deadlines are dates in the school's timezone: a measure due on the 20th is late from the 21st
//! where the school is, whatever the server's clock zone. Pure and without a date library, so the
//! tablet computes the same reminders offline.

use crate::plan::MeasureStatus;

/// A calendar date as days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i64);

impl Day {
    pub fn from_ymd(y: i64, m: u32, d: u32) -> Day {
        // Howard Hinnant's days_from_civil.
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Day(era * 146_097 + doe - 719_468)
    }

    pub fn ymd(self) -> (i64, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        (yoe + era * 400 + i64::from(m <= 2), m, d)
    }

    /// `2026-11-25`; anything else, or an impossible date, is `None`.
    pub fn parse(iso: &str) -> Option<Day> {
        let mut parts = iso.trim().splitn(3, '-');
        let y: i64 = parts.next()?.parse().ok()?;
        let m: u32 = parts.next()?.parse().ok()?;
        let d: u32 = parts.next()?.parse().ok()?;
        let day = Day::from_ymd(y, m, d);
        (day.ymd() == (y, m, d)).then_some(day)
    }

    pub fn iso(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// `25.11.2026`, as Russian documents write dates.
    pub fn russian(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{d:02}.{m:02}.{y:04}")
    }

    /// The date where the school is at `unix_seconds`.
    pub fn at(unix_seconds: i64, timezone: &str) -> Day {
        let offset = utc_offset_minutes(timezone).unwrap_or(MOSCOW);
        Day((unix_seconds + i64::from(offset) * 60).div_euclid(86_400))
    }
}

const MOSCOW: i32 = 180;

/// The UTC offset of a Russian school's zone. Russia has kept the same offsets all year since
/// 2014, so a table is exact and needs no timezone database; an unknown zone reads as Moscow
/// time, the zone most schools give.
pub fn utc_offset_minutes(timezone: &str) -> Option<i32> {
    let hours = match timezone {
        "UTC" | "Etc/UTC" => 0,
        "Europe/Kaliningrad" => 2,
        "Europe/Moscow" | "Europe/Simferopol" | "Europe/Kirov" | "Europe/Volgograd" => 3,
        "Europe/Samara" | "Europe/Ulyanovsk" | "Europe/Saratov" | "Europe/Astrakhan" => 4,
        "Asia/Yekaterinburg" => 5,
        "Asia/Omsk" => 6,
        "Asia/Novosibirsk" | "Asia/Barnaul" | "Asia/Tomsk" | "Asia/Novokuznetsk"
        | "Asia/Krasnoyarsk" => 7,
        "Asia/Irkutsk" => 8,
        "Asia/Yakutsk" | "Asia/Chita" | "Asia/Khandyga" => 9,
        "Asia/Vladivostok" | "Asia/Ust-Nera" => 10,
        "Asia/Magadan" | "Asia/Sakhalin" | "Asia/Srednekolymsk" => 11,
        "Asia/Kamchatka" | "Asia/Anadyr" => 12,
        _ => return None,
    };
    Some(hours * 60)
}

/// How many days before the deadline a measure counts as due soon.
pub const DUE_SOON_DAYS: i64 = 7;

/// Where an open measure stands against its deadline on `today`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Urgency {
    /// Done or cancelled: no reminder.
    Closed,
    NoDeadline,
    /// Late by this many days (the day after the deadline is 1).
    Late(i64),
    /// Due in this many days (0 = today, still in time).
    DueSoon(i64),
    Later,
}

pub fn urgency(status: MeasureStatus, due_on: Option<Day>, today: Day) -> Urgency {
    if !status.is_open() {
        return Urgency::Closed;
    }
    let Some(due) = due_on else {
        return Urgency::NoDeadline;
    };
    let left = due.0 - today.0;
    if left < 0 {
        Urgency::Late(-left)
    } else if left <= DUE_SOON_DAYS {
        Urgency::DueSoon(left)
    } else {
        Urgency::Later
    }
}

impl Urgency {
    pub fn is_late(self) -> bool {
        matches!(self, Urgency::Late(_))
    }

    /// The reminder line, or nothing when there is nothing to remind.
    pub fn reminder(self) -> Option<String> {
        match self {
            Urgency::Late(days) => Some(format!("просрочено на {}", days_text(days))),
            Urgency::DueSoon(0) => Some("срок сегодня".into()),
            Urgency::DueSoon(1) => Some("срок завтра".into()),
            Urgency::DueSoon(days) => Some(format!("срок через {}", days_text(days))),
            _ => None,
        }
    }
}

/// «1 день», «3 дня», «11 дней».
pub fn days_text(n: i64) -> String {
    crate::format::count(
        n.unsigned_abs().min(u64::from(u32::MAX)) as u32,
        "день",
        "дня",
        "дней",
    )
}

/// The school year that holds `today`: 1 September to 30 June (the plan's timeline spans it).
pub fn school_year(today: Day) -> (Day, Day) {
    let (y, m, _) = today.ymd();
    let start = if m >= 8 { y } else { y - 1 };
    (Day::from_ymd(start, 9, 1), Day::from_ymd(start + 1, 6, 30))
}

/// A day's place across the year, 0–100 %, clamped to the year.
pub fn position(day: Day, year: (Day, Day)) -> f64 {
    let span = (year.1 .0 - year.0 .0).max(1) as f64;
    ((day.0 - year.0 .0) as f64 / span * 100.0).clamp(0.0, 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use MeasureStatus::*;

    #[test]
    fn dates_round_trip_and_nonsense_is_refused() {
        // 2026-11-25: 56 years after 1970 with 14 leap days, plus 328 days into 2026.
        assert_eq!(Day::parse("2026-11-25"), Some(Day(56 * 365 + 14 + 328)));
        assert_eq!(Day::parse("1970-01-01"), Some(Day(0)));
        assert_eq!(Day(20_417).iso(), "2025-11-25");
        assert_eq!(
            Day::parse("2028-02-29").map(Day::russian),
            Some("29.02.2028".into())
        );
        for bad in ["2026-02-29", "2026-13-01", "25.11.2026", "", "2026-11"] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_school_day_is_taken_in_the_schools_zone() {
        // 2026-11-24 21:30 UTC: still the 24th in Kaliningrad (23:30, UTC+2), already the 25th in
        // Moscow (00:30) and in Vladivostok (07:30).
        let t = Day::parse("2026-11-24").unwrap().0 * 86_400 + 21 * 3600 + 30 * 60;
        assert_eq!(Day::at(t, "Europe/Kaliningrad").iso(), "2026-11-24");
        assert_eq!(Day::at(t, "Europe/Moscow").iso(), "2026-11-25");
        assert_eq!(Day::at(t, "Asia/Vladivostok").iso(), "2026-11-25");
        assert_eq!(Day::at(t, "UTC").iso(), "2026-11-24");
        // An unknown zone counts as Moscow.
        assert_eq!(Day::at(t, "Mars/Olympus"), Day::at(t, "Europe/Moscow"));
    }

    #[test]
    fn the_deadline_day_itself_is_still_in_time() {
        let due = Day::parse("2026-11-20");
        let on = |iso| urgency(InWork, due, Day::parse(iso).unwrap());
        assert_eq!(on("2026-11-20"), Urgency::DueSoon(0));
        assert_eq!(on("2026-11-21"), Urgency::Late(1));
        assert_eq!(on("2026-11-13"), Urgency::DueSoon(7));
        assert_eq!(on("2026-11-12"), Urgency::Later);
        assert_eq!(
            urgency(Done, due, Day::parse("2026-12-01").unwrap()),
            Urgency::Closed
        );
        assert_eq!(
            urgency(Planned, None, Day::parse("2026-12-01").unwrap()),
            Urgency::NoDeadline
        );
    }

    #[test]
    fn a_deadline_passes_at_midnight_where_the_school_is() {
        let due = Day::parse("2026-11-20");
        // 2026-11-20 21:30 UTC: the 21st in Moscow (late), the 20th in Kaliningrad (in time).
        let t = Day::parse("2026-11-20").unwrap().0 * 86_400 + 21 * 3600 + 30 * 60;
        assert!(urgency(Planned, due, Day::at(t, "Europe/Moscow")).is_late());
        assert!(!urgency(Planned, due, Day::at(t, "Europe/Kaliningrad")).is_late());
    }

    #[test]
    fn reminders_read_in_russian() {
        assert_eq!(Urgency::Late(1).reminder().unwrap(), "просрочено на 1 день");
        assert_eq!(Urgency::Late(3).reminder().unwrap(), "просрочено на 3 дня");
        assert_eq!(
            Urgency::Late(11).reminder().unwrap(),
            "просрочено на 11 дней"
        );
        assert_eq!(
            Urgency::Late(21).reminder().unwrap(),
            "просрочено на 21 день"
        );
        assert_eq!(Urgency::DueSoon(0).reminder().unwrap(), "срок сегодня");
        assert_eq!(Urgency::DueSoon(5).reminder().unwrap(), "срок через 5 дней");
        assert_eq!(Urgency::Later.reminder(), None);
    }

    #[test]
    fn the_year_runs_from_september_to_june() {
        let (from, to) = school_year(Day::from_ymd(2026, 11, 25));
        assert_eq!(
            (from.iso(), to.iso()),
            ("2026-09-01".into(), "2027-06-30".into())
        );
        let (from, _) = school_year(Day::from_ymd(2027, 3, 1));
        assert_eq!(from.iso(), "2026-09-01");
        let year = (from, to);
        assert_eq!(position(from, year), 0.0);
        assert_eq!(position(to, year), 100.0);
        assert_eq!(position(Day::from_ymd(2028, 1, 1), year), 100.0);
        let mid = position(Day::from_ymd(2027, 1, 30), year);
        assert!((50.0..51.0).contains(&mid), "{mid}");
    }
}
