//! Turns the cells of a student list into students, with every problem named by its row number
//! as the deputy sees it in Excel (the header is row 1).

use std::collections::BTreeMap;

/// Far more than a school has; a longer file is a mistake (a whole region's export, say).
pub const MAX_ROWS: usize = 5000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub row: usize,
    pub last: String,
    pub first: String,
    pub patronymic: Option<String>,
    /// «5А», normalised.
    pub class: String,
    pub has_ovz: bool,
}

impl Row {
    pub fn full_name(&self) -> String {
        match &self.patronymic {
            Some(p) => format!("{} {} {}", self.last, self.first, p),
            None => format!("{} {}", self.last, self.first),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub message: String,
}

enum Name {
    Full(usize),
    Parts {
        last: usize,
        first: usize,
        patronymic: Option<usize>,
    },
}

struct Columns {
    name: Name,
    class: usize,
    ovz: Option<usize>,
}

fn columns(header: &[String]) -> Option<Columns> {
    let find = |names: &[&str]| {
        header.iter().position(|h| {
            let h = h.trim().to_lowercase().replace('ё', "е");
            names.iter().any(|n| h == *n)
        })
    };
    let class = find(&["класс", "класс обучения"])?;
    let name = match find(&["фио", "ф.и.о.", "ф. и. о.", "ученик", "обучающийся"])
    {
        Some(i) => Name::Full(i),
        None => Name::Parts {
            last: find(&["фамилия"])?,
            first: find(&["имя"])?,
            patronymic: find(&["отчество"]),
        },
    };
    Some(Columns {
        name,
        class,
        ovz: find(&["овз"]),
    })
}

pub const HEADER_HELP: &str = "В первой строке нужны заголовки столбцов: «ФИО» и «Класс» (или «Фамилия», «Имя», «Отчество» и «Класс»); столбец «ОВЗ» — по желанию.";

/// «5а», «5 А», «5-А», «5A» (Latin) → «5А». Grades 1–11, one Cyrillic letter.
pub fn class_name(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '«' && *c != '»' && *c != '"')
        .collect();
    let digits: String = compact.chars().take_while(char::is_ascii_digit).collect();
    let grade: u8 = digits.parse().ok().filter(|g| (1..=11).contains(g))?;
    let rest: Vec<char> = compact[digits.len()..].chars().collect();
    let [letter] = rest.as_slice() else {
        return None;
    };
    let letter = match letter.to_uppercase().next()? {
        'A' => 'А',
        'B' => 'В',
        'E' => 'Е',
        'K' => 'К',
        'M' => 'М',
        'H' => 'Н',
        'O' => 'О',
        'P' => 'Р',
        'C' => 'С',
        'T' => 'Т',
        'X' => 'Х',
        c if ('А'..='Я').contains(&c) || c == 'Ё' => c,
        _ => return None,
    };
    Some(format!("{grade}{letter}"))
}

fn name_word(word: &str) -> bool {
    word.chars().any(char::is_alphabetic)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
}

fn yes(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "да" | "+" | "1" | "x" | "х" | "овз"
    )
}

/// Every row is checked; the list is usable only when the error list is empty.
pub fn parse(table: &[Vec<String>]) -> Result<(Vec<Row>, Vec<RowError>), String> {
    let Some(start) = table.iter().position(|r| r.iter().any(|c| !c.is_empty())) else {
        return Err("Файл пуст.".into());
    };
    let cols = columns(&table[start]).ok_or_else(|| HEADER_HELP.to_string())?;
    if table.len() - start - 1 > MAX_ROWS {
        return Err(format!(
            "В файле больше {MAX_ROWS} строк: загрузите список одной школы."
        ));
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (index, cells) in table.iter().enumerate().skip(start + 1) {
        let row = index + 1;
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |i: usize| cells.get(i).map(|c| c.trim()).unwrap_or("");
        let mut fail = |message: String| errors.push(RowError { row, message });
        let words: Vec<String> = match &cols.name {
            Name::Full(i) => cell(*i).split_whitespace().map(str::to_string).collect(),
            Name::Parts {
                last,
                first,
                patronymic,
            } => [Some(*last), Some(*first), *patronymic]
                .into_iter()
                .flatten()
                .map(|i| cell(i).to_string())
                .filter(|w| !w.is_empty())
                .collect(),
        };
        let class_text = cell(cols.class);
        if words.len() < 2 {
            fail("нужны хотя бы фамилия и имя.".into());
            continue;
        }
        if !words.iter().all(|w| name_word(w)) {
            fail(format!("в ФИО «{}» есть цифры или знаки.", words.join(" ")));
            continue;
        }
        let Some(class) = class_name(class_text) else {
            fail(if class_text.is_empty() {
                "не указан класс.".into()
            } else {
                format!("«{class_text}» — не класс (ожидается, например, «5А»).")
            });
            continue;
        };
        let student = Row {
            row,
            last: words[0].clone(),
            first: words[1].clone(),
            patronymic: (words.len() > 2).then(|| words[2..].join(" ")),
            class,
            has_ovz: cols.ovz.is_some_and(|i| yes(cell(i))),
        };
        let key = (student.full_name().to_lowercase(), student.class.clone());
        if let Some(first) = seen.insert(key, row) {
            fail(format!(
                "{} уже записан(а) в {} в строке {first}.",
                student.full_name(),
                student.class
            ));
            continue;
        }
        rows.push(student);
    }
    if rows.is_empty() && errors.is_empty() {
        return Err("В файле нет ни одного ученика.".into());
    }
    Ok((rows, errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(lines: &[&[&str]]) -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|l| l.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn class_names_are_normalised() {
        assert_eq!(class_name("5а").as_deref(), Some("5А"));
        assert_eq!(class_name(" 11 - б ").as_deref(), Some("11Б"));
        assert_eq!(
            class_name("5A").as_deref(),
            Some("5А"),
            "Latin A is Cyrillic А"
        );
        assert_eq!(class_name("12А"), None);
        assert_eq!(class_name("5"), None);
        assert_eq!(class_name("5АБ"), None);
        assert_eq!(class_name("пятый"), None);
    }

    #[test]
    fn full_names_or_separate_columns() {
        let t = table(&[
            &["№", "ФИО", "Класс", "ОВЗ"],
            &["1", "Иванова Анна Петровна", "5а", "да"],
            &["2", "Ли Сергей", "5А", ""],
        ]);
        let (rows, errors) = parse(&t).unwrap();
        assert!(errors.is_empty());
        assert_eq!(rows[0].full_name(), "Иванова Анна Петровна");
        assert!(rows[0].has_ovz);
        assert_eq!(rows[1].patronymic, None);
        let t = table(&[
            &["Фамилия", "Имя", "Отчество", "Класс"],
            &["Петров", "Иван", "", "6Б"],
        ]);
        let (rows, _) = parse(&t).unwrap();
        assert_eq!(
            (rows[0].full_name().as_str(), rows[0].row),
            ("Петров Иван", 2)
        );
    }

    #[test]
    fn every_bad_row_is_named_by_its_number() {
        let t = table(&[
            &["ФИО", "Класс"],
            &["Иванова Анна", "5А"],
            &["", ""],
            &["Петров", "5А"],
            &["Сидоров Олег", "15Б"],
            &["Сидоров Олег", ""],
            &["Иванова  Анна", "5а"],
            &["R2D2 Робот", "5А"],
        ]);
        let (rows, errors) = parse(&t).unwrap();
        assert_eq!(rows.len(), 1);
        let at: Vec<usize> = errors.iter().map(|e| e.row).collect();
        assert_eq!(at, [4, 5, 6, 7, 8]);
        assert!(errors[3].message.contains("строке 2"), "{:?}", errors[3]);
    }

    #[test]
    fn a_file_without_headers_or_students_is_refused() {
        assert_eq!(
            parse(&table(&[&["Иванова Анна", "5А"]])).unwrap_err(),
            HEADER_HELP
        );
        assert!(parse(&table(&[&["ФИО", "Класс"]]))
            .unwrap_err()
            .contains("ни одного"));
        assert_eq!(parse(&table(&[&["", ""]])).unwrap_err(), "Файл пуст.");
        let mut big = vec![vec!["ФИО".to_string(), "Класс".to_string()]];
        big.extend((0..=MAX_ROWS).map(|_| vec!["Иванов Иван".into(), "5А".into()]));
        assert!(parse(&big).unwrap_err().contains("больше"));
    }
}
