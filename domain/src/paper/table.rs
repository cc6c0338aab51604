//! A paper's tasks from a spreadsheet the school fills in: columns номер, макс. балл, уровень,
//! тема, код (in any order, under a header row among the first ten), one task per row. Every
//! problem is named by its row number as Excel shows it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Task, MAX_TASKS, MAX_TASK_SCORE};

/// The header the template writes, in its order.
pub const HEADERS: [&str; 5] = ["Номер", "Макс. балл", "Уровень (Б/П)", "Тема", "Код"];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    /// As Excel numbers rows: the first row is 1.
    pub row: u32,
    pub message: String,
}

/// The problem of the whole file (row 0: no header, nothing under it, not this kind of file),
/// said in one sentence: such a file is the client's mistake, not a table with bad rows.
pub fn file_problem(problems: &[RowProblem]) -> Option<String> {
    let whole: Vec<&str> = problems
        .iter()
        .filter(|p| p.row == 0)
        .map(|p| p.message.as_str())
        .collect();
    (!whole.is_empty()).then(|| whole.join(" "))
}

/// The rows under a header at `at`, with their numbers as Excel shows them, blank rows left out.
pub fn body(rows: &[Vec<String>], at: usize) -> impl Iterator<Item = (u32, &[String])> {
    rows.iter()
        .enumerate()
        .skip(at + 1)
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .map(|(i, r)| (i as u32 + 1, r.as_slice()))
}

/// A cell's trimmed text; a row shorter than the header has empty cells.
pub fn cell(r: &[String], i: usize) -> String {
    r.get(i).map(|s| s.trim().to_string()).unwrap_or_default()
}

struct Columns {
    label: usize,
    max: usize,
    level: Option<usize>,
    topic: Option<usize>,
    code: Option<usize>,
}

fn normal(h: &str) -> String {
    h.trim()
        .to_lowercase()
        .replace('ё', "е")
        .replace(['.', ','], "")
}

fn columns(header: &[String]) -> Option<Columns> {
    let find = |starts: &[&str]| {
        header
            .iter()
            .position(|h| starts.iter().any(|s| normal(h).starts_with(s)))
    };
    Some(Columns {
        label: find(&["номер", "№", "задание"])?,
        max: find(&["макс", "балл"])?,
        level: find(&["уровень"]),
        topic: find(&["тема", "проверяемые", "содержание"]),
        code: find(&["код", "кэс", "элемент"]),
    })
}

/// The tasks, or every row's problem. A problem of the whole file (no header, no task, too
/// many) has row 0.
pub fn tasks_from_rows(rows: &[Vec<String>]) -> Result<Vec<Task>, Vec<RowProblem>> {
    let Some((at, cols)) = rows
        .iter()
        .take(10)
        .enumerate()
        .find_map(|(i, r)| columns(r).map(|c| (i, c)))
    else {
        return Err(vec![RowProblem {
            row: 0,
            message: "Не найдена строка заголовков: нужны столбцы «Номер» и «Макс. балл» \
                      (скачайте шаблон)."
                .into(),
        }]);
    };
    let mut tasks = Vec::new();
    let mut problems = Vec::new();
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    for (row, r) in body(rows, at) {
        let label = cell(r, cols.label);
        let mut say = |message: String| problems.push(RowProblem { row, message });
        if label.is_empty() {
            say("нет номера задания.".into());
            continue;
        }
        if let Some(first) = seen.insert(label.to_lowercase(), row) {
            say(format!("задание «{label}» уже есть в строке {first}."));
        }
        let max = cell(r, cols.max);
        let max_score = match max.replace(',', ".").parse::<f64>() {
            Ok(v) if v.fract() == 0.0 && (1.0..=f64::from(MAX_TASK_SCORE)).contains(&v) => v as i16,
            _ => {
                say(format!(
                    "максимальный балл «{max}» — не целое число от 1 до {MAX_TASK_SCORE}."
                ));
                0
            }
        };
        let level = cols.level.map(|c| normal(&cell(r, c))).unwrap_or_default();
        let advanced = match level.as_str() {
            "" | "б" | "базовый" | "base" => false,
            "п" | "повышенный" | "в" | "высокий" | "advanced" => true,
            _ => {
                say(format!("уровень «{level}»: укажите Б или П."));
                false
            }
        };
        tasks.push(Task {
            id: None,
            label,
            max_score,
            advanced,
            topic: cols.topic.map(|c| cell(r, c)).unwrap_or_default(),
            skill_code: cols.code.map(|c| cell(r, c)).unwrap_or_default(),
        });
    }
    if tasks.is_empty() && problems.is_empty() {
        problems.push(RowProblem {
            row: 0,
            message: "Под заголовком нет ни одного задания.".into(),
        });
    }
    if tasks.len() > MAX_TASKS {
        problems.push(RowProblem {
            row: 0,
            message: format!("Заданий больше {MAX_TASKS}: так много в работе не бывает."),
        });
    }
    if problems.is_empty() {
        Ok(tasks)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn the_template_layout_reads_back() {
        let rows = sheet(&[
            &["Задания работы"],
            &[],
            &HEADERS,
            &["1", "2", "Б", "Нормы ударения", "1.1"],
            &["9.1", "1", "П", "", ""],
            &["", "", "", "", ""],
            &["4К1", "3", "", "", ""],
        ]);
        let tasks = tasks_from_rows(&rows).unwrap();
        assert_eq!(tasks.len(), 3);
        assert_eq!(
            (tasks[0].max_score, tasks[0].skill_code.as_str()),
            (2, "1.1")
        );
        assert!(tasks[1].advanced && !tasks[2].advanced);
    }

    #[test]
    fn columns_in_another_order_and_words() {
        let rows = sheet(&[&["Тема", "Максимальный балл", "№"], &["Дроби", "2", "1"]]);
        let tasks = tasks_from_rows(&rows).unwrap();
        assert_eq!((tasks[0].label.as_str(), tasks[0].max_score), ("1", 2));
        assert_eq!(tasks[0].topic, "Дроби");
    }

    #[test]
    fn each_broken_row_is_named() {
        let rows = sheet(&[
            &["Номер", "Макс. балл", "Уровень"],
            &["1", "2", "Б"],
            &["1", "1", "Б"],
            &["2", "0", "Б"],
            &["3", "1,5", "Х"],
            &["", "1", ""],
        ]);
        let problems = tasks_from_rows(&rows).unwrap_err();
        let at: Vec<u32> = problems.iter().map(|p| p.row).collect();
        assert_eq!(at, [3, 4, 5, 5, 6], "{problems:?}");
        assert!(problems[0].message.contains("уже есть в строке 2"));
        assert!(problems[1].message.contains("«0»"));
        assert!(problems[3].message.contains("Б или П"));
    }

    #[test]
    fn a_file_without_the_header_is_explained() {
        let problems = tasks_from_rows(&sheet(&[&["ФИО", "Класс"]])).unwrap_err();
        assert!(problems[0].message.contains("Макс. балл"));
        let empty = tasks_from_rows(&sheet(&[&["Номер", "Макс. балл"]])).unwrap_err();
        assert!(empty[0].message.contains("ни одного задания"));
    }
}
