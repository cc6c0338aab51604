//! Mera's own journal template (issue 18), the fallback any journal's export can be pasted into:
//! one row per value under a header with «ФИО», «Класс», «Предмет», «Отметка» and either
//! «Период» (a term mark: «1 четверть», «2 триместр», «1 полугодие», «год») or «Дата» (a current
//! mark of that day), in any order, within the first ten rows. Values are kept as the journal
//! has them (`JournalValue`); each mistake is named by its row, and a pupil's second value for
//! the same subject and period or day is a mistake, never a silent replacement.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Absence, Batch, Entry, JournalValue};
use crate::paper::table::{body, cell, RowProblem};
use crate::plan::deadline::Day;

/// How far down the header may be.
const HEADER_WITHIN: usize = 10;

/// A period a term mark is given for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Period {
    /// A четверть or триместр by its number: the school's term of that number.
    Term(i16),
    /// An полугодие (grades 10–11 are often marked by half-years).
    HalfYear(i16),
    Year,
}

impl Period {
    /// «1 четверть», «I четверть», «2 триместр», «1 полугодие», «год» / «годовая».
    pub fn parse(text: &str) -> Option<Period> {
        let t = text.trim().to_lowercase().replace('ё', "е");
        if t.starts_with("год") || t == "итог" || t.starts_with("итоговая") {
            return Some(Period::Year);
        }
        let number = t
            .split(|c: char| c.is_whitespace() || c == '-' || c == '.')
            .find_map(|w| match w {
                "1" | "i" => Some(1),
                "2" | "ii" => Some(2),
                "3" | "iii" => Some(3),
                "4" | "iv" => Some(4),
                _ => None,
            })?;
        // «четв.», «трим.», «полуг.» as ведомости abbreviate them.
        if t.contains("четв") || t.contains("трим") {
            Some(Period::Term(number))
        } else if t.contains("полуг") && number <= 2 {
            Some(Period::HalfYear(number))
        } else {
            None
        }
    }

    pub fn text(&self) -> String {
        match self {
            Period::Term(n) => format!("{n} четверть (триместр)"),
            Period::HalfYear(n) => format!("{n} полугодие"),
            Period::Year => "год".into(),
        }
    }
}

/// When a value was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum When {
    Period(Period),
    /// A current mark's day, days since 1970-01-01.
    Day(i64),
}

fn normal(h: &str) -> String {
    h.trim().to_lowercase().replace('ё', "е")
}

/// «20.11.2026», «2026-11-20», or a spreadsheet's day number (45981 is 20.11.2025).
pub fn day(text: &str) -> Option<Day> {
    let t = text.trim();
    if let Some(d) = Day::parse(t) {
        return Some(d);
    }
    let parts: Vec<&str> = t.split('.').collect();
    if let [d, m, y] = parts[..] {
        let (d, m, y): (u32, u32, i64) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
        let day = Day::from_ymd(y, m, d);
        return (day.ymd() == (y, m, d)).then_some(day);
    }
    // Excel counts days from 30.12.1899.
    let serial: i64 = t.parse().ok().filter(|n| (20_000..80_000).contains(n))?;
    Some(Day(serial - 25_569))
}

struct Columns {
    name: usize,
    class: usize,
    subject: usize,
    value: usize,
    period: Option<usize>,
    day: Option<usize>,
    /// Attendance: lessons missed, and of them for each reason.
    missed: Option<usize>,
    excused: Option<usize>,
    illness: Option<usize>,
    unexcused: Option<usize>,
}

impl Columns {
    fn find(r: &[String]) -> Option<Columns> {
        let at = |names: &[&str]| {
            r.iter()
                .position(|h| names.iter().any(|n| normal(h).starts_with(n)))
        };
        let out = Columns {
            name: at(&["фио", "ученик", "обучающийся"])?,
            class: at(&["класс"])?,
            subject: at(&["предмет"])?,
            value: at(&["отметка", "оценка"])?,
            period: at(&["период", "четверть", "триместр"]),
            day: at(&["дата"]),
            missed: at(&["пропущено", "пропуски", "всего пропущено"]),
            excused: at(&["по уважительной", "уважительн"]),
            illness: at(&["по болезни", "болезн"]),
            unexcused: at(&["без уважительной", "неуважительн", "по неуважительной"]),
        };
        (out.period.is_some() || out.day.is_some()).then_some(out)
    }
}

/// A count of lessons: blank is none.
pub(crate) fn lessons(text: &str) -> Result<i16, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(0);
    }
    t.parse::<i16>()
        .ok()
        .filter(|n| (0..=2000).contains(n))
        .ok_or_else(|| format!("«{t}» — не число уроков."))
}

impl Columns {
    /// The row's absences, when the template has attendance columns and the row fills one.
    fn absence(&self, r: &[String]) -> Result<Option<[i16; 4]>, String> {
        let get = |c: Option<usize>| c.map(|c| cell(r, c)).unwrap_or_default();
        let texts = [self.missed, self.excused, self.illness, self.unexcused].map(get);
        if texts.iter().all(|t| t.is_empty()) {
            return Ok(None);
        }
        let [missed, excused, illness, unexcused] = [0, 1, 2, 3].map(|i| lessons(&texts[i]));
        let (excused, illness, unexcused) = (excused?, illness?, unexcused?);
        let parts = excused + illness + unexcused;
        let missed = if texts[0].is_empty() { parts } else { missed? };
        if missed < parts {
            return Err(format!(
                "пропущено {missed} уроков, а по причинам вместе — {parts}: так не бывает."
            ));
        }
        Ok(Some([excused, illness, unexcused, missed - parts]))
    }
}

/// Whether the rows have the template's header.
pub fn is_template(rows: &[Vec<String>]) -> bool {
    rows.iter()
        .take(HEADER_WITHIN)
        .any(|r| Columns::find(r).is_some())
}

/// The template's values and absences, or every problem with its row (0: the whole file).
pub fn read(rows: &[Vec<String>]) -> Result<Batch, Vec<RowProblem>> {
    let whole = |message: &str| {
        vec![RowProblem {
            row: 0,
            message: message.into(),
        }]
    };
    let Some((at, cols)) = rows
        .iter()
        .take(HEADER_WITHIN)
        .enumerate()
        .find_map(|(i, r)| Columns::find(r).map(|c| (i, c)))
    else {
        return Err(whole("Не найдена строка заголовков шаблона: нужны столбцы «ФИО», «Класс», «Предмет», «Отметка» и «Период» или «Дата»."));
    };
    let mut out = Batch::default();
    let mut problems = Vec::new();
    let mut seen: BTreeMap<(String, String, String, When), u32> = BTreeMap::new();
    for (row, r) in body(rows, at) {
        let mut say = |message: String| problems.push(RowProblem { row, message });
        let (name, class, subject) = (
            cell(r, cols.name),
            cell(r, cols.class),
            cell(r, cols.subject),
        );
        if name.is_empty() || class.is_empty() {
            say("нужны ФИО и класс.".into());
            continue;
        }
        let period = cols.period.map(|c| cell(r, c)).unwrap_or_default();
        let date = cols.day.map(|c| cell(r, c)).unwrap_or_default();
        let when = match (period.is_empty(), date.is_empty()) {
            (false, true) => match Period::parse(&period) {
                Some(p) => When::Period(p),
                None => {
                    say(format!("период «{period}» не понятен: пишите «1 четверть», «2 триместр», «1 полугодие» или «год»."));
                    continue;
                }
            },
            (true, false) => match day(&date) {
                Some(d) => When::Day(d.0),
                None => {
                    say(format!("дата «{date}» не понятна: пишите 20.11.2026."));
                    continue;
                }
            },
            (true, true) => {
                say("нужен период (для итоговой отметки) или дата (для текущей).".into());
                continue;
            }
            (false, false) => {
                say("указаны и период, и дата: оставьте одно.".into());
                continue;
            }
        };
        match cols.absence(r) {
            Ok(Some([excused, illness, unexcused, unspecified])) => out.absences.push(Absence {
                row,
                name: name.clone(),
                class: class.clone(),
                when: Some(when),
                excused,
                illness,
                unexcused,
                unspecified,
            }),
            Ok(None) => {}
            Err(e) => {
                say(e);
                continue;
            }
        }
        let value = match JournalValue::parse(&cell(r, cols.value)) {
            Ok(Some(v)) => v,
            // A blank mark is no value: the journal has none there.
            Ok(None) => continue,
            Err(e) => {
                say(e);
                continue;
            }
        };
        if subject.is_empty() {
            say("у отметки нужен предмет.".into());
            continue;
        }
        let key = (
            crate::participant_code::key(&name),
            crate::participant_code::key(&class),
            normal(&subject),
            when,
        );
        // Several current marks a day are usual; a term has one.
        if let (When::Period(_), Some(first)) = (when, seen.get(&key)) {
            say(format!(
                "у ученика уже есть отметка за этот период по этому предмету (строка {first})."
            ));
            continue;
        }
        seen.insert(key, row);
        out.entries.push(Entry {
            row,
            name,
            class,
            subject,
            when,
            value,
        });
    }
    out.or_problems(problems)
}

#[cfg(test)]
mod tests;
