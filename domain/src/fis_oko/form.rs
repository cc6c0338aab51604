//! The ФИС ОКО «Форма сбора результатов» of a ВПР (the shared formats note, §3), filled from what
//! teachers entered: the school uploads it to ФИС ОКО, so nobody types the scores a second time.
//! The form is the one ФИС ОКО issued for the paper: its sheet «Протокол» has the header in its
//! first row (Код участника | Вариант | «1 (5б)»… | Порядковый номер класса | Отметка за
//! предыдущий триместр/четверть/полугодие | Итого баллов) and its drop-downs and formulas below.
//! Here only the cells are decided; the workbook is patched cell by cell elsewhere, so
//! everything else in it stays as ФИС ОКО made it.

use serde::{Deserialize, Serialize};

use super::{normal, task_header};

/// How far down the header row may be.
const HEADER_WITHIN: usize = 10;

/// What the form writes for a pupil who did not come, in «Вариант» (its drop-down's value).
pub const ABSENT: &str = "отсутствовал";
/// A task not attempted: the Latin X of the drop-down.
pub const NOT_ATTEMPTED: &str = "X";
/// No journal mark for the last term.
pub const NO_MARK: &str = "нет отметки";

/// The form's columns (indices within the sheet's rows), read from its header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    pub header: usize,
    pub code: usize,
    pub variant: usize,
    /// (column, label, maximum) per task, «4К1» and 3 from «4К1 (3б)».
    pub tasks: Vec<(usize, String, i16)>,
    pub ordinal: usize,
    pub mark: usize,
    pub total: Option<usize>,
    /// Rows below the header that already hold a participant's values.
    pub used: Vec<usize>,
}

impl Layout {
    pub fn task_list(&self) -> Vec<(String, i16)> {
        self.tasks.iter().map(|(_, l, m)| (l.clone(), *m)).collect()
    }

    fn ours(&self) -> Vec<usize> {
        let mut columns = vec![self.code, self.variant, self.ordinal, self.mark];
        columns.extend(self.tasks.iter().map(|t| t.0));
        columns
    }
}

/// The form's columns, or the sentence that says why this file is not a form to fill.
pub fn layout(rows: &[Vec<String>]) -> Result<Layout, String> {
    let find = |r: &[String], start: &str| r.iter().position(|h| normal(h).starts_with(start));
    let Some((header, head)) = rows
        .iter()
        .take(HEADER_WITHIN)
        .enumerate()
        .find(|(_, r)| find(r, "код участника").is_some())
    else {
        return Err("Это не форма сбора результатов ВПР: в первых строках нет столбца «Код участника». Загрузите пустую форму, полученную в ФИС ОКО для этой работы.".into());
    };
    if find(head, "первичный балл").is_some() {
        return Err("Это отчёт Ф1 из ФИС ОКО, а не форма сбора результатов: для заполнения нужна пустая форма, выданная для этой работы.".into());
    }
    let code = find(head, "код участника").unwrap_or(0);
    let named = [
        ("«Вариант»", find(head, "вариант")),
        (
            "«Порядковый номер класса»",
            find(head, "порядковый номер класса"),
        ),
        ("«Отметка за предыдущий…»", find(head, "отметка")),
    ];
    let missing: Vec<&str> = named
        .iter()
        .filter(|(_, at)| at.is_none())
        .map(|(name, _)| *name)
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "В форме нет столбцов {}: это не форма сбора результатов ФИС ОКО или её заголовок изменён.",
            missing.join(", ")
        ));
    }
    let [variant, ordinal, mark] = named.map(|(_, at)| at.unwrap_or(0));
    let tasks: Vec<(usize, String, i16)> = head
        .iter()
        .enumerate()
        .filter(|(i, _)| *i > code && *i < ordinal)
        .filter_map(|(i, h)| task_header(h).map(|(label, max)| (i, label, max)))
        .collect();
    if tasks.is_empty() {
        return Err("В заголовке формы нет столбцов заданий вида «1 (2б)».".into());
    }
    let mut out = Layout {
        header,
        code,
        variant,
        tasks,
        ordinal,
        mark,
        total: find(head, "итого баллов"),
        used: Vec::new(),
    };
    let ours = out.ours();
    out.used = (header + 1..rows.len())
        .filter(|&r| {
            ours.iter()
                .any(|&c| rows[r].get(c).is_some_and(|v| !v.trim().is_empty()))
        })
        .collect();
    Ok(out)
}

/// How a pupil sat the paper, as Mera holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sitting {
    /// Scores per task in the paper's order; `None`: not attempted.
    Wrote(Vec<Option<i16>>),
    Absent,
    /// Nothing entered for the pupil yet.
    NotEntered,
}

/// One participant of the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Participant {
    pub code: String,
    /// «Порядковый номер класса».
    pub ordinal: u32,
    pub variant: Option<i16>,
    pub sitting: Sitting,
    /// The journal's mark for the term before the paper.
    pub mark: Option<i16>,
}

/// A cell of the form as it is to be written.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Number(i64),
    Text(String),
    /// Emptied (a row of an earlier filling with fewer participants).
    Blank,
}

/// What the filling says to the deputy before she uploads the form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormSummary {
    pub participants: u32,
    pub wrote: u32,
    pub absent: u32,
    /// Codes of pupils with nothing entered: their rows carry the code only.
    pub not_entered: Vec<String>,
    /// Pupils who wrote but whose variant Mera does not know: «Вариант» is left to fill.
    pub without_variant: u32,
    /// Pupils with no journal mark for the last term: «нет отметки».
    pub without_mark: u32,
}

/// The cells (row, column, value) that fill the form with `participants`, class by class and
/// code by code from the row under the header, and what they amount to.
pub fn fill(
    layout: &Layout,
    participants: &[Participant],
) -> (Vec<(usize, usize, Value)>, FormSummary) {
    let mut sorted: Vec<&Participant> = participants.iter().collect();
    sorted.sort_by(|a, b| {
        (a.ordinal, a.code.len(), &a.code).cmp(&(b.ordinal, b.code.len(), &b.code))
    });
    let mut cells = Vec::new();
    let mut summary = FormSummary {
        participants: sorted.len() as u32,
        ..FormSummary::default()
    };
    let number = |n: i64| Value::Number(n);
    let text = |t: &str| Value::Text(t.to_string());
    for (i, p) in sorted.iter().enumerate() {
        let row = layout.header + 1 + i;
        let mut put = |column: usize, value: Value| cells.push((row, column, value));
        // A code with a leading zero stays text, or the spreadsheet would drop the zero.
        match p.code.parse::<i64>() {
            Ok(n) if !p.code.starts_with('0') => put(layout.code, number(n)),
            _ => put(layout.code, text(&p.code)),
        }
        match &p.sitting {
            Sitting::Wrote(scores) => {
                summary.wrote += 1;
                match p.variant {
                    Some(v) => put(layout.variant, number(v.into())),
                    None => {
                        summary.without_variant += 1;
                        put(layout.variant, Value::Blank)
                    }
                }
                for ((column, _, _), score) in layout.tasks.iter().zip(scores) {
                    match score {
                        Some(s) => put(*column, number((*s).into())),
                        None => put(*column, text(NOT_ATTEMPTED)),
                    }
                }
                if let Some(total) = layout.total {
                    let sum: i64 = scores.iter().flatten().map(|s| i64::from(*s)).sum();
                    put(total, number(sum));
                }
            }
            Sitting::Absent | Sitting::NotEntered => {
                if p.sitting == Sitting::Absent {
                    summary.absent += 1;
                    put(layout.variant, text(ABSENT));
                } else {
                    summary.not_entered.push(p.code.clone());
                    put(layout.variant, Value::Blank);
                }
                for (column, _, _) in &layout.tasks {
                    put(*column, Value::Blank);
                }
            }
        }
        put(layout.ordinal, number(p.ordinal.into()));
        match p.mark.filter(|m| (2..=5).contains(m)) {
            Some(m) => put(layout.mark, number(m.into())),
            None => {
                summary.without_mark += 1;
                put(layout.mark, text(NO_MARK))
            }
        }
    }
    let filled_to = layout.header + sorted.len();
    for &row in layout.used.iter().filter(|&&r| r > filled_to) {
        for column in layout.ours() {
            cells.push((row, column, Value::Blank));
        }
    }
    (cells, summary)
}

#[cfg(test)]
mod tests;
