//! A table as the screens and the XLSX export both read it: Russian headers, numbers kept as
//! numbers. Built from the same answers the screens show, so a download says what the screen
//! says.

use serde::{Deserialize, Serialize};

use crate::indicators::MarkCounts;

mod analysis;
mod report;

pub use analysis::{minimum, objectivity, procedures, risk_group, subjects, teachers};
pub use report::{class_term, municipality, report_classes, report_tasks};

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
    /// The analysis by subject and by teacher, of a chosen term (`None`: the latest).
    Subjects(Option<i32>),
    Procedures,
    Teachers(Option<i32>),
    Municipality,
    /// A procedure's report: its classes, its tasks.
    ReportClasses(i32),
    ReportTasks(i32),
    /// A class's term by subject.
    ClassTerm(i32),
    /// The year's schedule of procedures, one row per class and procedure.
    Schedule,
}

const NAMED: [(&str, Export); 8] = [
    ("objectivity", Export::Objectivity),
    ("minimum", Export::Minimum),
    ("risk-group", Export::RiskGroup),
    ("subjects", Export::Subjects(None)),
    ("procedures", Export::Procedures),
    ("teachers", Export::Teachers(None)),
    ("municipality", Export::Municipality),
    ("schedule", Export::Schedule),
];

/// Makes the export of one numbered thing (a procedure, a class).
type ByNumber = fn(i32) -> Export;

fn subjects_of(term_id: i32) -> Export {
    Export::Subjects(Some(term_id))
}

fn teachers_of(term_id: i32) -> Export {
    Export::Teachers(Some(term_id))
}

const NUMBERED: [(&str, ByNumber); 5] = [
    ("subjects-", subjects_of),
    ("teachers-", teachers_of),
    ("report-classes-", Export::ReportClasses),
    ("report-tasks-", Export::ReportTasks),
    ("class-term-", Export::ClassTerm),
];

impl Export {
    pub fn from_name(name: &str) -> Option<Export> {
        if let Some((_, e)) = NAMED.iter().find(|(n, _)| *n == name) {
            return Some(*e);
        }
        NUMBERED.iter().find_map(|(prefix, make)| {
            let id = name.strip_prefix(prefix)?.parse::<i32>().ok()?;
            Some(make(id))
        })
    }

    pub fn href(self) -> String {
        let name = match self {
            Export::ReportClasses(id) => format!("report-classes-{id}"),
            Export::ReportTasks(id) => format!("report-tasks-{id}"),
            Export::ClassTerm(id) => format!("class-term-{id}"),
            Export::Subjects(Some(id)) => format!("subjects-{id}"),
            Export::Teachers(Some(id)) => format!("teachers-{id}"),
            named => NAMED
                .iter()
                .find(|(_, e)| *e == named)
                .map(|(n, _)| n.to_string())
                .unwrap_or_default(),
        };
        format!("/api/table-export/{name}")
    }
}

/// The schedule as a list: every class's procedures by date, with what breaks the load rules.
pub fn schedule(s: &crate::schedule::Schedule) -> Table {
    let mut rows: Vec<(String, Vec<Cell>)> = Vec::new();
    for block in &s.grades {
        for class in &block.classes {
            for entry in class.weeks.iter().flatten() {
                let e = &entry.sitting;
                let date = crate::plan::deadline::Day::parse(&e.held_on)
                    .map(|d| d.russian())
                    .unwrap_or_default();
                rows.push((
                    format!("{:02}{}{}", e.grade, e.held_on, class.class),
                    vec![
                        Cell::Count(e.grade as u32),
                        text(&class.class),
                        text(date),
                        text(&e.subject),
                        text(e.kind.title()),
                        text(&e.title),
                        text(entry.breaches.join("; ")),
                    ],
                ));
            }
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    Table {
        title: format!("График оценочных процедур, {}", s.year),
        headers: vec![
            "Параллель",
            "Класс",
            "Дата",
            "Предмет",
            "Вид",
            "Работа",
            "Нарушение",
        ],
        rows: rows.into_iter().map(|(_, r)| r).collect(),
    }
}

pub(crate) fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// The figures of one row of marks: N, the counts of «5» to «2», успеваемость, качество,
/// средний балл, СОУ.
pub(crate) const FIGURES: [&str; 10] = [
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

pub(crate) fn figures(c: &MarkCounts) -> Vec<Cell> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::dashboard::{ClassBelowMinimum, MinimumReport};

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
        let numbered = [
            Export::Subjects(Some(5)),
            Export::Teachers(Some(6)),
            Export::ReportClasses(7),
            Export::ReportTasks(8),
            Export::ClassTerm(9),
        ];
        for e in NAMED.iter().map(|(_, e)| *e).chain(numbered) {
            let href = e.href();
            let name = href.rsplit('/').next().unwrap();
            assert_eq!(Export::from_name(name), Some(e));
        }
        assert_eq!(Export::from_name("accounts"), None);
        assert_eq!(Export::from_name("class-term-x"), None);
    }
}
