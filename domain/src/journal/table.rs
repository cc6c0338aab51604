//! A journal's own table (formats note §1–§2): pupils in rows and subjects in columns, as
//! «Итоговые отметки» and the «Сводная ведомость» of «Сетевой город» print them, and as most
//! journals export a class's term. Read by header text, never position: a name column («ФИО»,
//! «Ученик», «Обучающийся»), a class from its column or the title («Класс: 5А», «5А класс»), the
//! period from its column (the ведомость's one row per term) or the title («за 1 четверть»),
//! attendance columns where present, and every other headed column a subject, whose name the
//! import matches to the school's (or asks the deputy once).

use super::template::{lessons, Period};
use super::{Absence, Batch, Entry, JournalValue, When};
use crate::paper::table::{cell, RowProblem};

const HEADER_WITHIN: usize = 30;

use crate::fis_oko::normal;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Class,
    Period,
    Missed,
    Excused,
    Illness,
    Unexcused,
    /// Numbering, averages, notes: not read.
    Skip,
    Subject,
}

fn column(header: &str) -> Column {
    let h = normal(header);
    let starts = |p: &[&str]| p.iter().any(|x| h.starts_with(x));
    if h.is_empty()
        || starts(&[
            "№",
            "n ",
            "п/п",
            "номер",
            "средн",
            "решение",
            "примечан",
            "итого",
            "код",
        ])
        || h == "n"
    {
        Column::Skip
    } else if starts(&[
        "фио",
        "ф.и.о",
        "ф. и. о",
        "ученик",
        "учащ",
        "обучающ",
        "фамилия",
    ]) {
        Column::Name
    } else if starts(&["класс"]) {
        Column::Class
    } else if starts(&["период", "четверть", "триместр", "полугодие"])
    {
        Column::Period
    } else if starts(&["по уважительной", "уважительн"]) {
        Column::Excused
    } else if starts(&["по болезни", "болезн"]) {
        Column::Illness
    } else if starts(&["без уважительной", "неуважительн", "по неуважительной"])
    {
        Column::Unexcused
    } else if starts(&["пропущено", "пропуски", "пропусков"]) {
        Column::Missed
    } else {
        Column::Subject
    }
}

/// «5А», «5 А», «10б» in a title: the word after «Класс:», or the one before «класс».
pub fn class_in(title: &str) -> Option<String> {
    let words: Vec<&str> = title
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '(' || c == ')')
        .map(|w| w.trim_end_matches(['.', ':']))
        .filter(|w| !w.is_empty())
        .collect();
    let looks = |w: &str| {
        let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
        let rest: String = w.chars().skip(digits.len()).filter(|c| *c != '-').collect();
        let grade: u32 = digits.parse().ok()?;
        ((1..=11).contains(&grade)
            && rest.chars().count() == 1
            && rest.chars().all(char::is_alphabetic))
        .then(|| format!("{grade}{}", rest.to_uppercase()))
    };
    for (i, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        if lower.starts_with("класс") {
            // «Класс: 5А» or «Класс: 5 А».
            let after = words.get(i + 1).copied().unwrap_or("");
            let joined = format!("{after}{}", words.get(i + 2).copied().unwrap_or(""));
            if let Some(c) = looks(after).or_else(|| looks(&joined)) {
                return Some(c);
            }
            // «5А класс» or «5 А класс».
            let before = if i >= 1 { words[i - 1] } else { "" };
            let two = if i >= 2 {
                format!("{}{before}", words[i - 2])
            } else {
                String::new()
            };
            if let Some(c) = looks(before).or_else(|| looks(&two)) {
                return Some(c);
            }
        }
    }
    None
}

/// Whether the rows look like this layout: a name column and some other headed column.
fn header(rows: &[Vec<String>]) -> Option<(usize, Vec<Column>)> {
    rows.iter()
        .take(HEADER_WITHIN)
        .enumerate()
        .find_map(|(i, r)| {
            let cols: Vec<Column> = r.iter().map(|h| column(h)).collect();
            (cols.contains(&Column::Name) && cols.contains(&Column::Subject)).then_some((i, cols))
        })
}

pub fn is_table(rows: &[Vec<String>]) -> bool {
    header(rows).is_some()
}

/// The pupils' values, or every problem with its row (0: the whole file).
pub fn read(rows: &[Vec<String>]) -> Result<Batch, Vec<RowProblem>> {
    let whole = |message: &str| {
        vec![RowProblem {
            row: 0,
            message: message.into(),
        }]
    };
    let Some((at, cols)) = header(rows) else {
        return Err(whole(
            "Не найдена строка заголовков: нужен столбец «ФИО» (или «Ученик») и столбцы предметов.",
        ));
    };
    let title: String = rows[..at]
        .iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    let title_class = class_in(&title);
    let title_period = rows[..at]
        .iter()
        .flatten()
        .find_map(|t| Period::parse(t).filter(|_| !t.trim().is_empty()));
    let find = |c: Column| cols.iter().position(|x| *x == c);
    let (name_col, class_col) = (find(Column::Name), find(Column::Class));
    // The ведомость's period column often has no header: the one whose cells are periods.
    let period_col = find(Column::Period).or_else(|| {
        (0..rows[at].len()).find(|&c| {
            rows[at][c].trim().is_empty()
                && rows[at + 1..]
                    .iter()
                    .map(|r| cell(r, c))
                    .find(|t| !t.is_empty())
                    .is_some_and(|t| Period::parse(&t).is_some())
        })
    });
    let name_col = name_col.unwrap_or(0);
    let subjects: Vec<(usize, String)> = cols
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == Column::Subject)
        .map(|(i, _)| (i, rows[at][i].trim().to_string()))
        .collect();
    let mut out = Batch::default();
    let mut problems = Vec::new();
    for (i, r) in rows.iter().enumerate().skip(at + 1) {
        let row = i as u32 + 1;
        let name = cell(r, name_col);
        let lower = normal(&name);
        if name.is_empty()
            || ["итого", "всего", "средн", "количество"]
                .iter()
                .any(|w| lower.starts_with(w))
        {
            continue;
        }
        let class = class_col
            .map(|c| cell(r, c))
            .filter(|c| !c.is_empty())
            .or(title_class.clone());
        let Some(class) = class else {
            problems.push(RowProblem { row, message: "класс не указан: добавьте столбец «Класс» или напишите в заголовке «Класс: 5А».".into() });
            continue;
        };
        let period = match period_col.map(|c| cell(r, c)).filter(|p| !p.is_empty()) {
            Some(text) => match Period::parse(&text) {
                Some(p) => p,
                None => {
                    problems.push(RowProblem {
                        row,
                        message: format!("период «{text}» не понятен."),
                    });
                    continue;
                }
            },
            None => match title_period {
                Some(p) => p,
                None => {
                    problems.push(RowProblem { row, message: "период не указан: напишите в заголовке «1 четверть» (или «1 полугодие», «год») или добавьте столбец «Период».".into() });
                    continue;
                }
            },
        };
        let when = When::Period(period);
        for (c, subject) in &subjects {
            match JournalValue::parse(&cell(r, *c)) {
                Ok(Some(value)) => out.entries.push(Entry {
                    row,
                    name: name.clone(),
                    class: class.clone(),
                    subject: subject.clone(),
                    when,
                    value,
                }),
                Ok(None) => {}
                Err(e) => problems.push(RowProblem {
                    row,
                    message: format!("«{subject}»: {e}"),
                }),
            }
        }
        let count = |c: Column| lessons(&find(c).map(|i| cell(r, i)).unwrap_or_default());
        match (
            count(Column::Missed),
            count(Column::Excused),
            count(Column::Illness),
            count(Column::Unexcused),
        ) {
            (Ok(missed), Ok(excused), Ok(illness), Ok(unexcused)) => {
                let parts = excused + illness + unexcused;
                let missed = missed.max(parts);
                if missed > 0 {
                    out.absences.push(Absence {
                        row,
                        name: name.clone(),
                        class: class.clone(),
                        when: Some(when),
                        excused,
                        illness,
                        unexcused,
                        unspecified: missed - parts,
                    });
                }
            }
            (a, b, c, d) => {
                for e in [a, b, c, d].into_iter().filter_map(Result::err) {
                    problems.push(RowProblem { row, message: e });
                }
            }
        }
    }
    out.or_problems(problems)
}

#[cfg(test)]
mod tests;
