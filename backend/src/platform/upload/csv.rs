//! CSV as Excel and the e-journals save it: RFC 4180 quoting, the separator (`;`, tab or `,`)
//! guessed from the first line, every bound of [`Limits`] checked while reading.

use crate::platform::upload::grid::{Bounds, Sheet};
use crate::platform::upload::Limits;

pub fn sheet(text: &str, limits: &Limits) -> Result<Sheet, String> {
    let first = text.lines().next().unwrap_or("");
    let separator = [';', '\t', ',']
        .into_iter()
        .max_by_key(|s| first.matches(*s).count())
        .filter(|s| first.contains(*s))
        .unwrap_or(';');
    let mut bounds = Bounds::new(limits);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut end_cell = |row: &mut Vec<String>, cell: &mut String, rows: usize| {
        let value = std::mem::take(cell).trim().to_string();
        bounds.cell(rows as u64, row.len() as u64, !value.is_empty())?;
        row.push(value);
        Ok::<(), String>(())
    };
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
            }
            (c, false) if c == separator => end_cell(&mut row, &mut cell, rows.len())?,
            ('\r', false) => {}
            ('\n', false) => {
                end_cell(&mut row, &mut cell, rows.len())?;
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    if quoted {
        return Err("В файле не закрыта кавычка: проверьте его в Excel и сохраните снова.".into());
    }
    if !cell.is_empty() || !row.is_empty() {
        end_cell(&mut row, &mut cell, rows.len())?;
        rows.push(row);
    }
    Ok(Sheet {
        name: String::new(),
        rows,
        origin: (0, 0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Vec<Vec<String>>, String> {
        sheet(text, &Limits::STUDENT_LIST).map(|s| s.rows)
    }

    #[test]
    fn quotes_commas_and_tabs() {
        let rows = read("ФИО,Класс\n\"Петров, Иван\",\"5\"\"А\"\"\"\n").unwrap();
        assert_eq!(rows[1], ["Петров, Иван", "5\"А\""]);
        let rows = read("ФИО\tКласс\nПетров Иван\t6Б").unwrap();
        assert_eq!(rows[1], ["Петров Иван", "6Б"]);
        assert!(read("ФИО;Класс\n\"Петров;5А\n")
            .unwrap_err()
            .contains("кавычка"));
    }

    #[test]
    fn too_many_rows_or_columns_are_refused_while_reading() {
        let limits = Limits::STUDENT_LIST;
        let rows = "Иванов;5А\n".repeat(limits.max_rows as usize + 1);
        assert!(read(&rows).unwrap_err().contains("строк"));
        let wide = ";".repeat(limits.max_columns as usize + 1);
        assert!(read(&wide).unwrap_err().contains("столбц"));
    }
}
