//! How figures and dates are written for Russian readers.

/// `2026-09-01` → `01.09.2026`; anything else is returned as it is.
pub fn date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => format!("{d}.{m}.{y}"),
        _ => iso.to_string(),
    }
}

/// «1 ученик», «3 ученика», «25 учеников»: the noun agrees with the number.
pub fn count(n: u32, one: &str, few: &str, many: &str) -> String {
    let word = match (n % 10, n % 100) {
        (_, 11..=14) => many,
        (1, _) => one,
        (2..=4, _) => few,
        _ => many,
    };
    format!("{n} {word}")
}

/// `2026-11-25T14:05:31.000Z` → `25.11.2026 14:05` (as the device sent it, in UTC).
pub fn date_time(iso: &str) -> String {
    match (iso.get(..10), iso.get(11..16)) {
        (Some(day), Some(time)) => format!("{} {time}", date(day)),
        _ => iso.to_string(),
    }
}

/// «1 изменение ждёт отправки», «3 изменения ждут отправки».
pub fn waiting(n: usize) -> String {
    let verb = if n % 10 == 1 && n % 100 != 11 {
        "ждёт"
    } else {
        "ждут"
    };
    format!(
        "{} {verb} отправки",
        count(n as u32, "изменение", "изменения", "изменений")
    )
}

/// The local time of an ISO timestamp, «14:05».
pub fn clock_time(hours: u32, minutes: u32) -> String {
    format!("{hours:02}:{minutes:02}")
}

/// `4.25` → `4,3`: one decimal, with the Russian decimal comma.
pub fn decimal(x: f64) -> String {
    format!("{x:.1}").replace('.', ",")
}

/// The months by name, January first, as a header or a list says them («сентябрь»).
pub const MONTHS: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_day_first() {
        assert_eq!(date("2026-09-01"), "01.09.2026");
        assert_eq!(date("not a date"), "not a date");
    }

    #[test]
    fn decimals_use_a_comma() {
        assert_eq!(
            decimal(4.25),
            "4,2",
            "round half to even at the binary value 4.25"
        );
        assert_eq!(decimal(3.96), "4,0");
    }

    #[test]
    fn waiting_changes_are_counted_in_russian() {
        assert_eq!(waiting(1), "1 изменение ждёт отправки");
        assert_eq!(waiting(3), "3 изменения ждут отправки");
        assert_eq!(waiting(11), "11 изменений ждут отправки");
        assert_eq!(waiting(21), "21 изменение ждёт отправки");
        assert_eq!(clock_time(9, 5), "09:05");
        assert_eq!(date_time("2026-11-25T14:05:31.000Z"), "25.11.2026 14:05");
    }

    #[test]
    fn nouns_agree_with_numbers() {
        let students = |n| count(n, "ученик", "ученика", "учеников");
        assert_eq!(students(1), "1 ученик");
        assert_eq!(students(3), "3 ученика");
        assert_eq!(students(11), "11 учеников");
        assert_eq!(students(21), "21 ученик");
        assert_eq!(students(25), "25 учеников");
        assert_eq!(students(112), "112 учеников");
    }
}
