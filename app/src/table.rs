//! A table as the screens and the XLSX export both read it: Russian headers, numbers kept as
//! numbers. Built from the same answers the screens show, so a download says what the screen
//! says.

use serde::{Deserialize, Serialize};

use crate::functions::analysis::SchoolAnalysis;
use crate::functions::dashboard::{MinimumReport, ObjectivityReport, RiskGroup};
use crate::indicators::MarkCounts;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    Text(String),
    Count(u32),
    /// A percentage, stored as its number (43.5 for 43,5 %); `None` where N = 0.
    Percent(Option<f64>),
    /// A plain number (a mean mark); `None` where there is none.
    Number(Option<f64>),
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Table {
    /// The sheet's title line, and the file's name.
    pub title: String,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

/// The tables the export route knows, by the name in its URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    Objectivity,
    Minimum,
    RiskGroup,
    Subjects,
    Procedures,
    Teachers,
}

impl Export {
    pub fn from_name(name: &str) -> Option<Export> {
        match name {
            "objectivity" => Some(Export::Objectivity),
            "minimum" => Some(Export::Minimum),
            "risk-group" => Some(Export::RiskGroup),
            "subjects" => Some(Export::Subjects),
            "procedures" => Some(Export::Procedures),
            "teachers" => Some(Export::Teachers),
            _ => None,
        }
    }

    pub fn href(self) -> &'static str {
        match self {
            Export::Objectivity => "/api/table-export/objectivity",
            Export::Minimum => "/api/table-export/minimum",
            Export::RiskGroup => "/api/table-export/risk-group",
            Export::Subjects => "/api/table-export/subjects",
            Export::Procedures => "/api/table-export/procedures",
            Export::Teachers => "/api/table-export/teachers",
        }
    }
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

pub fn objectivity(report: &ObjectivityReport) -> Table {
    let mut rows = Vec::new();
    for p in &report.procedures {
        for row in std::iter::once(&p.school).chain(&p.classes) {
            let c = row.comparison;
            rows.push(vec![
                text(&p.title),
                text(crate::format::date(&p.held_on)),
                text(&p.against),
                text(&row.name),
                Cell::Count(c.total()),
                Cell::Count(c.lowered),
                Cell::Percent(c.lowered_share()),
                Cell::Count(c.confirmed),
                Cell::Percent(c.confirmed_share()),
                Cell::Count(c.raised),
                Cell::Percent(c.raised_share()),
                text(row.flags.join("; ")),
            ]);
        }
    }
    Table {
        title: "Объективность оценивания".into(),
        headers: vec![
            "Работа",
            "Дата",
            "Сравнение с",
            "Класс",
            "N",
            "Понизили",
            "Понизили, %",
            "Подтвердили",
            "Подтвердили, %",
            "Повысили",
            "Повысили, %",
            "Признаки",
        ],
        rows,
    }
}

pub fn minimum(report: &MinimumReport) -> Table {
    Table {
        title: match &report.term {
            Some(term) => format!("Ниже обязательного минимума, {term}"),
            None => "Ниже обязательного минимума".into(),
        },
        headers: vec!["Класс", "Учеников с «2»", "N", "Доля, %", "Предметы"],
        rows: report
            .classes
            .iter()
            .map(|c| {
                let share =
                    (c.students > 0).then(|| f64::from(c.below) * 100.0 / f64::from(c.students));
                vec![
                    text(&c.name),
                    Cell::Count(c.below),
                    Cell::Count(c.students),
                    Cell::Percent(share),
                    text(
                        c.subjects
                            .iter()
                            .map(|(s, n)| format!("{s} ({n})"))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                ]
            })
            .collect(),
    }
}

pub fn risk_group(group: &RiskGroup) -> Table {
    Table {
        title: "Группа риска".into(),
        headers: vec!["Ученик", "Класс", "Признаки"],
        rows: group
            .students
            .iter()
            .map(|s| vec![text(&s.name), text(&s.class), text(s.reasons.join("; "))])
            .collect(),
    }
}

/// The figures of one row of marks: N, the counts of «5» to «2», успеваемость, качество,
/// средний балл, СОУ.
const FIGURES: [&str; 10] = [
    "N",
    "«5»",
    "«4»",
    "«3»",
    "«2»",
    "Успеваемость, %",
    "Качество, %",
    "Средний балл",
    "СОУ, %",
    "Доля «5», %",
];

fn figures(c: &MarkCounts) -> Vec<Cell> {
    let mut row = vec![Cell::Count(c.total())];
    row.extend([4usize, 3, 2].iter().map(|i| Cell::Count(c.marks[*i])));
    row.push(Cell::Count(c.marks[1] + c.marks[0]));
    row.push(Cell::Percent(c.success_rate()));
    row.push(Cell::Percent(c.quality()));
    row.push(Cell::Number(c.mean()));
    row.push(Cell::Percent(c.sou()));
    row.push(Cell::Percent(
        (c.total() > 0).then(|| f64::from(c.marks[4]) * 100.0 / f64::from(c.total())),
    ));
    row
}

pub fn subjects(a: &SchoolAnalysis) -> Table {
    let mut headers = vec!["Предмет"];
    headers.extend(FIGURES);
    Table {
        title: match &a.term {
            Some(term) => format!("Четвертные отметки по предметам, {term}"),
            None => "Четвертные отметки по предметам".into(),
        },
        headers,
        rows: a
            .subjects
            .iter()
            .map(|s| {
                let mut row = vec![text(&s.name)];
                row.extend(figures(&s.counts));
                row
            })
            .collect(),
    }
}

pub fn teachers(a: &SchoolAnalysis) -> Table {
    let mut headers = vec!["Учитель", "Предметы"];
    headers.extend(FIGURES);
    Table {
        title: match &a.term {
            Some(term) => format!("Четвертные отметки по учителям, {term}"),
            None => "Четвертные отметки по учителям".into(),
        },
        headers,
        rows: a
            .teachers
            .iter()
            .map(|t| {
                let mut row = vec![text(&t.name), text(&t.subjects)];
                row.extend(figures(&t.counts));
                row
            })
            .collect(),
    }
}

pub fn procedures(a: &SchoolAnalysis) -> Table {
    let mut headers = vec!["Работа", "Дата"];
    headers.extend(FIGURES);
    Table {
        title: "Результаты оценочных процедур".into(),
        headers,
        rows: a
            .procedures
            .iter()
            .map(|p| {
                let mut row = vec![text(&p.title), text(crate::format::date(&p.held_on))];
                row.extend(figures(&p.counts));
                row
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::functions::dashboard::ClassBelowMinimum;

    #[test]
    fn a_class_below_the_minimum_keeps_its_numbers_as_numbers() {
        let report = MinimumReport {
            term: Some("1 четверть 2026/2027".into()),
            classes: vec![ClassBelowMinimum {
                class_id: 1,
                name: "7В".into(),
                students: 24,
                below: 6,
                subjects: vec![("Алгебра".into(), 4), ("Физика".into(), 3)],
            }],
        };
        let t = minimum(&report);
        assert_eq!(t.title, "Ниже обязательного минимума, 1 четверть 2026/2027");
        // 6 of 24 = 25 %
        assert_eq!(t.rows[0][3], Cell::Percent(Some(25.0)));
        assert_eq!(t.rows[0][4], text("Алгебра (4), Физика (3)"));
        assert_eq!(t.rows[0].len(), t.headers.len());
    }

    #[test]
    fn export_names_round_trip() {
        for e in [
            Export::Objectivity,
            Export::Minimum,
            Export::RiskGroup,
            Export::Subjects,
            Export::Procedures,
            Export::Teachers,
        ] {
            let name = e.href().rsplit('/').next().unwrap();
            assert_eq!(Export::from_name(name), Some(e));
        }
        assert_eq!(Export::from_name("accounts"), None);
    }
}
