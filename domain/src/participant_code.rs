//! Participant codes of a ВПР (коды участников): ФИС ОКО forms and reports carry no names, only
//! a code per pupil and the class as its ordinal in the school. Mera issues the codes in the
//! convention seen in the real reports (the grade, then a four-digit number: 40001, 40002… for
//! grade 4; 100001… for grade 10) and keeps each fixed once issued; a school that got its codes
//! elsewhere loads its own list (ФИО, класс, код) instead.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::paper::table::{body, cell, RowProblem};

/// The shortest and longest code accepted from a school's own list.
const CODE_DIGITS: std::ops::RangeInclusive<usize> = 3..=10;

/// `count` new codes for a grade, skipping those already taken in the procedure.
pub fn issue(grade: i16, taken: &BTreeSet<String>, count: usize) -> Vec<String> {
    let base = i64::from(grade.max(1)) * 10_000;
    (1..10_000)
        .map(|n| (base + n).to_string())
        .filter(|c| !taken.contains(c))
        .take(count)
        .collect()
}

/// Each class's ordinal among the procedure's grade («Порядковый номер класса»): 4А is 1, 4Б 2…,
/// by letter. `classes` are (id, letter).
pub fn ordinals(classes: &[(i32, String)]) -> BTreeMap<i32, u32> {
    let mut sorted: Vec<&(i32, String)> = classes.iter().collect();
    sorted.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    sorted
        .into_iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i as u32 + 1))
        .collect()
}

/// A code as a list gives it: digits only.
pub fn check(code: &str) -> Result<String, String> {
    let code = code.trim();
    if !CODE_DIGITS.contains(&code.len()) || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "код «{code}» — от {} до {} цифр.",
            CODE_DIGITS.start(),
            CODE_DIGITS.end()
        ));
    }
    Ok(code.to_string())
}

/// One row of a school's own code list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedCode {
    pub row: u32,
    pub name: String,
    /// «4А» as written.
    pub class: String,
    pub code: String,
    /// «Вариант», when the list has the column and the row a number.
    pub variant: Option<i16>,
}

fn normal(h: &str) -> String {
    h.trim().to_lowercase().replace('ё', "е")
}

/// A name or a class as lists write them, for matching: case, ё, spaces and a Latin A aside.
pub fn key(text: &str) -> String {
    normal(text)
        .replace('a', "а")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

/// The rows of a code list under a header with «ФИО», «Класс» and «Код» (any order, among the
/// first ten rows), or every row's problem.
pub fn from_rows(rows: &[Vec<String>]) -> Result<Vec<ListedCode>, Vec<RowProblem>> {
    let find = |r: &[String], starts: &[&str]| {
        r.iter()
            .position(|h| starts.iter().any(|s| normal(h).starts_with(s)))
    };
    let header = rows.iter().take(10).enumerate().find_map(|(i, r)| {
        Some((
            i,
            find(r, &["фио", "ученик", "участник", "фамилия"])?,
            find(r, &["класс"])?,
            find(r, &["код"])?,
        ))
    });
    let Some((at, name, class, code)) = header else {
        return Err(vec![RowProblem {
            row: 0,
            message:
                "Не найдена строка заголовков: нужны столбцы «ФИО», «Класс» и «Код участника»."
                    .into(),
        }]);
    };
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    let variant = rows.get(at).and_then(|r| find(r, &["вариант"]));
    for (row, r) in body(rows, at) {
        let mut listed = ListedCode {
            row,
            name: cell(r, name),
            class: cell(r, class),
            code: cell(r, code),
            variant: None,
        };
        let mut say = |message: String| problems.push(RowProblem { row, message });
        let written = variant.map(|v| cell(r, v)).unwrap_or_default();
        match written.parse::<i16>() {
            _ if written.is_empty() => {}
            Ok(v) if (1..=99).contains(&v) => listed.variant = Some(v),
            _ => say(format!("вариант «{written}» — не номер варианта.")),
        }
        if listed.name.is_empty() || listed.class.is_empty() {
            say("нужны ФИО и класс.".into());
            continue;
        }
        match check(&listed.code) {
            Err(e) => say(e),
            Ok(c) => {
                if let Some(first) = seen.insert(c.clone(), row) {
                    say(format!("код {c} уже указан в строке {first}."));
                }
            }
        }
        out.push(listed);
    }
    if out.is_empty() && problems.is_empty() {
        problems.push(RowProblem {
            row: 0,
            message: "Под заголовком нет ни одного ученика.".into(),
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn codes_follow_the_grade_and_skip_those_taken() {
        let taken: BTreeSet<String> = ["40002".to_string()].into();
        assert_eq!(issue(4, &taken, 3), ["40001", "40003", "40004"]);
        assert_eq!(issue(10, &BTreeSet::new(), 1), ["100001"]);
    }

    #[test]
    fn classes_are_numbered_by_letter() {
        let o = ordinals(&[(7, "В".into()), (5, "А".into()), (6, "Б".into())]);
        assert_eq!((o[&5], o[&6], o[&7]), (1, 2, 3));
    }

    #[test]
    fn a_list_with_mistakes_names_each_row() {
        let rows = vec![
            row(&["Список кодов участников"]),
            row(&["№", "ФИО", "Класс", "Код участника"]),
            row(&["1", "Акимова Анна", "4А", "40001"]),
            row(&["2", "Белов Борис", "4А", "40001"]),
            row(&["3", "Волков Вадим", "4А", "4x"]),
            row(&["4", "", "4А", "40009"]),
        ];
        let problems = from_rows(&rows).unwrap_err();
        let at: Vec<u32> = problems.iter().map(|p| p.row).collect();
        assert_eq!(at, [4, 5, 6]);
        assert!(problems[0].message.contains("уже указан в строке 3"));
        let good = from_rows(&rows[..3]).unwrap();
        assert_eq!(good[0].code, "40001");
        assert_eq!(good[0].row, 3);
        assert_eq!(good[0].variant, None);
    }

    #[test]
    fn a_list_may_give_each_pupil_her_variant() {
        let rows = vec![
            row(&["ФИО", "Класс", "Код", "Вариант"]),
            row(&["Акимова Анна", "4А", "40001", "2"]),
            row(&["Белов Борис", "4А", "40002", ""]),
            row(&["Волков Вадим", "4А", "40003", "второй"]),
        ];
        let problems = from_rows(&rows).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].row, 4);
        let good = from_rows(&rows[..3]).unwrap();
        assert_eq!(
            good.iter().map(|l| l.variant).collect::<Vec<_>>(),
            [Some(2), None]
        );
    }

    #[test]
    fn names_and_classes_match_whatever_the_spelling() {
        assert_eq!(key("Фёдорова  Анна"), key("федорова анна"));
        assert_eq!(key("4A"), key("4 а"));
    }
}
