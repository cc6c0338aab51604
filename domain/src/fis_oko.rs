//! The ФИС ОКО report «Ф1 Индивидуальные результаты» of a ВПР (layout: the shared formats note,
//! f1-individual-results.md): a header row with «Код участника», «Класс» (the class's ordinal),
//! «Вариант», one column per task «1 (2б)», «9.1 (1б)», «4К1 (3б)», «Первичный балл», «Отметка»;
//! a participant per row. No names: pupils are matched by code. Read from a sheet's rows, every
//! mistake named by its row; then matched against the procedure (`plan`), nothing written here.

use std::collections::BTreeMap;

use crate::paper::table::{body, cell, RowProblem};

pub mod form;
pub mod plan;

/// How far down the header row may be.
const HEADER_WITHIN: usize = 30;

/// One participant's row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct F1Row {
    pub row: u32,
    pub code: String,
    /// «Класс»: the ordinal of the class in the school.
    pub class: Option<u32>,
    /// Per task column, in order; `None` for a blank, «X», «Х», «-» or «—».
    pub scores: Vec<Option<i16>>,
    pub total: Option<i16>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct F1 {
    /// «ВПР 2026 Русский язык 4 класс», when the file has it.
    pub title: Option<String>,
    /// (label, maximum) per task column, «9.1» and 1 from «9.1 (1б)».
    pub tasks: Vec<(String, i16)>,
    pub rows: Vec<F1Row>,
}

/// A header as written, for matching: case, ё, spaces (a non-breaking one too) aside.
pub(crate) fn normal(h: &str) -> String {
    h.trim()
        .to_lowercase()
        .replace('ё', "е")
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// «9.1 (1б)» → («9.1», 1); «4К1 (3б)» → («4К1», 3); «9,1(1б)» → («9.1», 1).
pub fn task_header(h: &str) -> Option<(String, i16)> {
    let h = h.trim();
    let open = h.rfind('(')?;
    let inner = h[open + 1..].trim_end_matches(')').trim();
    let max: i16 = inner.trim_end_matches(['б', 'Б']).trim().parse().ok()?;
    let label = h[..open].trim().replace(',', ".");
    (!label.is_empty() && label.chars().next()?.is_ascii_digit()).then_some((label, max))
}

/// A score cell: `Ok(None)` for no score, `Err` for what is not a whole number of points.
fn score(text: &str) -> Result<Option<i16>, String> {
    let t = text.trim();
    if t.is_empty() || ["x", "х", "-", "—", "–"].contains(&t.to_lowercase().as_str()) {
        return Ok(None);
    }
    match t.replace(',', ".").parse::<f64>() {
        Ok(v) if v.fract() == 0.0 && (0.0..=100.0).contains(&v) => Ok(Some(v as i16)),
        _ => Err(format!("«{t}» — не балл.")),
    }
}

/// The report's rows, or every problem with its row (0: the whole file).
pub fn read(rows: &[Vec<String>]) -> Result<F1, Vec<RowProblem>> {
    let whole = |message: &str| {
        vec![RowProblem {
            row: 0,
            message: message.into(),
        }]
    };
    let title = rows.iter().take(HEADER_WITHIN).flatten().find_map(|c| {
        let n = normal(c);
        (n.starts_with("впр ") && n.contains("класс")).then(|| c.trim().to_string())
    });
    let find = |r: &[String], name: &str| r.iter().position(|h| normal(h) == name);
    let Some((at, header)) =
        rows.iter().take(HEADER_WITHIN).enumerate().find(|(_, r)| {
            find(r, "код участника").is_some() && find(r, "первичный балл").is_some()
        })
    else {
        if rows
            .iter()
            .take(HEADER_WITHIN)
            .flatten()
            .any(|c| normal(c) == "итого баллов")
        {
            return Err(whole("Это форма сбора результатов, а не отчёт Ф1 «Индивидуальные результаты»: загрузите отчёт, полученный из ФИС ОКО."));
        }
        return Err(whole("Не найдена строка заголовков отчёта Ф1: нужны столбцы «Код участника» и «Первичный балл»."));
    };
    let code_at = find(header, "код участника").unwrap_or(0);
    let class_at = find(header, "класс");
    let total_at = find(header, "первичный балл").unwrap_or(0);
    let task_cols: Vec<(usize, (String, i16))> = header
        .iter()
        .enumerate()
        .filter(|(i, _)| *i > code_at && *i < total_at)
        .filter_map(|(i, h)| task_header(h).map(|t| (i, t)))
        .collect();
    if task_cols.is_empty() {
        return Err(whole(
            "В заголовке отчёта нет столбцов заданий вида «1 (2б)».",
        ));
    }
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    for (row, r) in body(rows, at) {
        let code = cell(r, code_at);
        // Group rows («Школа (edu…) | Кол-во участников») carry no code with a digit.
        if !code.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let mut say = |message: String| problems.push(RowProblem { row, message });
        if let Some(first) = seen.insert(code.clone(), row) {
            say(format!("код {code} уже был в строке {first}."));
        }
        let class = class_at.and_then(|c| cell(r, c).parse::<u32>().ok());
        let mut scores = Vec::new();
        for (col, (label, max)) in &task_cols {
            match score(&cell(r, *col)) {
                Ok(Some(s)) if s > *max => {
                    say(format!("задание {label}: {s} больше максимума {max}."));
                    scores.push(None);
                }
                Ok(s) => scores.push(s),
                Err(e) => {
                    say(format!("задание {label}: {e}"));
                    scores.push(None);
                }
            }
        }
        let total = score(&cell(r, total_at)).ok().flatten();
        let sum: i16 = scores.iter().flatten().sum();
        if let Some(t) = total {
            if t != sum {
                say(format!(
                    "первичный балл {t} не равен сумме баллов за задания ({sum})."
                ));
            }
        }
        out.push(F1Row {
            row,
            code,
            class,
            scores,
            total,
        });
    }
    if out.is_empty() && problems.is_empty() {
        problems.push(RowProblem {
            row: 0,
            message: "В отчёте нет ни одного участника: пустой файл не загружается.".into(),
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(F1 {
        title,
        tasks: task_cols.into_iter().map(|(_, t)| t).collect(),
        rows: out,
    })
}

#[cfg(test)]
mod tests;
