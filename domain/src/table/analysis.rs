//! The school's tables: objectivity, the minimum, the risk group, and the analysis by subject,
//! teacher and procedure.

use crate::table::{figures, text, Cell, Table, FIGURES};
use crate::wire::analysis::SchoolAnalysis;
use crate::wire::dashboard::{MinimumReport, ObjectivityReport, RiskGroup};

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
    let mut headers = vec!["Вид", "Работа", "Дата"];
    headers.extend(FIGURES);
    Table {
        title: "Результаты оценочных процедур".into(),
        headers,
        rows: a
            .procedures
            .iter()
            .map(|p| {
                let mut row = vec![
                    text(&p.kind),
                    text(&p.title),
                    text(crate::format::date(&p.held_on)),
                ];
                row.extend(figures(&p.counts));
                row
            })
            .collect(),
    }
}
