//! ОГЭ and ЕГЭ protocols from the regional centre (РЦОИ; the shared formats note §4): legacy XLS,
//! one block per exam opened by «12 - Обществознание 2026.07.03» and closed by «Средние»; in each,
//! a participant per row numbered in the first column, with Фамилия, Имя, Отчество, Класс, the
//! short answers as «++-+2» («+» right, «-» wrong, a digit for partial points) and the long ones
//! as «1(2)2(3)» (score and maximum per task, numbered on from the last short one), the primary
//! score and the mark or the test score. Columns are found by their labels, not their letters, so
//! the spacer columns of the flattened merged header do not matter. The ОГЭ CSV some regions
//! give («;», SurnameCell, NameCell, ClassCode, TestResultBCell, TestResultCCell, PrimaryMark…)
//! is the same protocol without its exam line: one exam, the procedure's own.

use serde::{Deserialize, Serialize};

use crate::paper::table::{cell, RowProblem};

/// One participant of the chosen exam.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExamRow {
    pub row: u32,
    pub last_name: String,
    pub first_name: String,
    pub patronymic: String,
    /// «9А» or «А» as the protocol writes it.
    pub class: String,
    /// The short answers as written, and the long ones as (score, maximum).
    pub short: String,
    pub long: Vec<(i16, i16)>,
    pub primary: Option<i16>,
}

/// An exam block: its subject and date as the block line gives them, and its participants.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exam {
    pub subject: String,
    pub date: String,
    pub rows: Vec<ExamRow>,
}

fn normal(h: &str) -> String {
    h.trim()
        .to_lowercase()
        .replace('ё', "е")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// «12 - Обществознание 2026.07.03» → («Обществознание», «2026.07.03»).
fn block_line(row: &[String]) -> Option<(String, String)> {
    let text = row.iter().find(|c| !c.trim().is_empty())?.trim();
    let (number, rest) = text.split_once(" - ")?;
    number.trim().parse::<u32>().ok()?;
    let (subject, date) = rest.trim().rsplit_once(' ')?;
    let looks_like_date = date.len() == 10 && date.chars().filter(|c| *c == '.').count() == 2;
    looks_like_date.then(|| (subject.trim().to_string(), date.to_string()))
}

/// «1(2)2(3)» → [(1, 2), (2, 3)].
pub fn long_answers(text: &str) -> Result<Vec<(i16, i16)>, String> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let open = rest
            .find('(')
            .ok_or_else(|| format!("«{text}»: нет максимума в скобках."))?;
        let close = rest
            .find(')')
            .ok_or_else(|| format!("«{text}»: нет закрывающей скобки."))?;
        let score = rest[..open].trim();
        let max = rest[open + 1..close].trim();
        let parse = |t: &str| {
            t.parse::<i16>()
                .map_err(|_| format!("«{text}»: «{t}» — не балл."))
        };
        let (score, max) = (parse(score)?, parse(max)?);
        if score > max {
            return Err(format!("«{text}»: {score} больше максимума {max}."));
        }
        out.push((score, max));
        rest = &rest[close + 1..];
    }
    Ok(out)
}

/// A short answer's points: «+» the task's maximum, «-» nothing, a digit that many.
pub fn short_answer(c: char, max: i16) -> Result<i16, String> {
    match c {
        '+' => Ok(max),
        '-' | '−' => Ok(0),
        d if d.is_ascii_digit() => {
            let v = d as i16 - '0' as i16;
            if v > max {
                Err(format!("«{d}» больше максимума задания {max}."))
            } else {
                Ok(v)
            }
        }
        other => Err(format!("«{other}» — не ответ («+», «-» или цифра).")),
    }
}

impl ExamRow {
    /// «Акимова Анна Сергеевна».
    pub fn name(&self) -> String {
        [&self.last_name, &self.first_name, &self.patronymic]
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// «9А» for a protocol that writes only «А».
    pub fn class_in(&self, grade: i16) -> String {
        if self.class.chars().any(|c| c.is_ascii_digit()) {
            self.class.clone()
        } else {
            format!("{grade}{}", self.class)
        }
    }

    /// The points per task of a paper with these maxima (short tasks first, then long), or why
    /// the row does not fit it.
    pub fn scores(&self, maxima: &[i16]) -> Result<Vec<i16>, String> {
        let short: Vec<char> = self.short.chars().filter(|c| !c.is_whitespace()).collect();
        if short.len() + self.long.len() != maxima.len() {
            return Err(format!(
                "{} кратких и {} развёрнутых ответов, а в работе {} заданий.",
                short.len(),
                self.long.len(),
                maxima.len()
            ));
        }
        let mut out = Vec::with_capacity(maxima.len());
        for (c, max) in short.iter().zip(maxima) {
            out.push(short_answer(*c, *max)?);
        }
        for (i, (score, max)) in self.long.iter().enumerate() {
            let ours = maxima[short.len() + i];
            if *max != ours {
                return Err(format!(
                    "задание {}: максимум в протоколе {max}, в работе {ours}.",
                    short.len() + i + 1
                ));
            }
            out.push(*score);
        }
        Ok(out)
    }
}

/// The blocks of a protocol, each with its rows; every problem with its row.
pub fn read(rows: &[Vec<String>]) -> Result<Vec<Exam>, Vec<RowProblem>> {
    let mut exams: Vec<Exam> = Vec::new();
    let mut problems = Vec::new();
    let mut columns: Option<Columns> = None;
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        if let Some((subject, date)) = block_line(r) {
            exams.push(Exam {
                subject,
                date,
                rows: Vec::new(),
            });
            columns = None;
            continue;
        }
        if let Some(found) = Columns::find(r) {
            columns = Some(found);
            // The CSV export names no exam: it is the one the deputy loads it into.
            if exams.is_empty() {
                exams.push(Exam {
                    subject: String::new(),
                    date: String::new(),
                    rows: Vec::new(),
                });
            }
            continue;
        }
        let first = r.iter().find(|c| !c.trim().is_empty()).map(|c| c.trim());
        let (Some(cols), Some(exam)) = (&columns, exams.last_mut()) else {
            continue;
        };
        // A CSV row may start with an empty school code; it has a name.
        let csv_row = exam.subject.is_empty() && !cell(r, cols.last).is_empty();
        if first.is_none_or(|f| f.parse::<u32>().is_err()) && !csv_row {
            continue; // «Средние», blank and header continuation rows
        }
        let long = match long_answers(&cell(r, cols.long)) {
            Ok(l) => l,
            Err(e) => {
                problems.push(RowProblem { row, message: e });
                continue;
            }
        };
        let primary = cell(r, cols.primary)
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .map(|v| v as i16);
        exam.rows.push(ExamRow {
            row,
            last_name: cell(r, cols.last),
            first_name: cell(r, cols.first),
            patronymic: cols.patronymic.map(|c| cell(r, c)).unwrap_or_default(),
            class: cell(r, cols.class),
            short: cell(r, cols.short),
            long,
            primary,
        });
    }
    if exams.is_empty() {
        problems.push(RowProblem {
            row: 0,
            message: "Это не протокол РЦОИ: нет ни одной строки экзамена вида «12 - Обществознание 2026.07.03».".into(),
        });
    } else if exams.iter().all(|e| e.rows.is_empty()) && problems.is_empty() {
        problems.push(RowProblem {
            row: 0,
            message: "В протоколе не найдено ни одного участника: нужны столбцы «Фамилия», «Имя», «Класс», «Задания с кратким ответом», «Задания с развёрнутым ответом», «Первичный балл».".into(),
        });
    }
    if problems.is_empty() {
        Ok(exams)
    } else {
        Err(problems)
    }
}

struct Columns {
    last: usize,
    first: usize,
    patronymic: Option<usize>,
    class: usize,
    short: usize,
    long: usize,
    primary: usize,
}

impl Columns {
    /// The protocol's labels, or the CSV export's column names (SurnameCell…).
    fn find(r: &[String]) -> Option<Columns> {
        let at = |names: [&str; 2]| {
            r.iter()
                .position(|h| names.iter().any(|n| normal(h).starts_with(n)))
        };
        Some(Columns {
            last: at(["фамилия", "surnamecell"])?,
            first: at(["имя", "namecell"])?,
            patronymic: at(["отчество", "secondnamecell"]),
            class: at(["класс", "classcode"])?,
            short: at(["задания с кратким", "testresultbcell"])?,
            long: at(["задания с развернутым", "testresultccell"])?,
            primary: at(["первичный балл", "primarymark"])?,
        })
    }
}

#[cfg(test)]
mod tests;
