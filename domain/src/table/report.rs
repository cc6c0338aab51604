//! The tables of one procedure's report, of one class's term and of the municipality.

use crate::table::{figures, text, Cell, Table, FIGURES};
use crate::wire::analysis::ClassTermMarks;
use crate::wire::municipality::MunicipalFigures;
use crate::wire::report::AnalyticalReport;

pub fn report_classes(r: &AnalyticalReport) -> Table {
    let mut headers = vec!["Класс"];
    headers.extend(FIGURES);
    let mut rows = vec![std::iter::once(text("Все классы"))
        .chain(figures(&r.school))
        .collect::<Vec<_>>()];
    rows.extend(r.by_class.iter().map(|c| {
        std::iter::once(text(&c.name))
            .chain(figures(&c.counts))
            .collect()
    }));
    Table {
        title: format!("{}: результаты по классам", r.title),
        headers,
        rows,
    }
}

pub fn report_tasks(r: &AnalyticalReport) -> Table {
    Table {
        title: format!("{}: решаемость заданий", r.title),
        headers: vec![
            "Задание",
            "Тема",
            "Уровень",
            "Макс. балл",
            "Решаемость, %",
            "Пробел",
        ],
        rows: r
            .tasks
            .iter()
            .map(|t| {
                vec![
                    text(&t.label),
                    text(t.topic.clone().unwrap_or_default()),
                    text(if t.advanced {
                        "повышенный"
                    } else {
                        "базовый"
                    }),
                    Cell::Count(t.max_score.max(0) as u32),
                    Cell::Percent(t.rate),
                    text(if t.gap { "да" } else { "" }),
                ]
            })
            .collect(),
    }
}

pub fn class_term(name: &str, t: &ClassTermMarks) -> Table {
    let mut headers = vec!["Предмет"];
    headers.extend(FIGURES);
    Table {
        title: format!(
            "{name}: четвертные отметки, {}",
            t.term.clone().unwrap_or_default()
        ),
        headers,
        rows: t
            .subjects
            .iter()
            .map(|s| {
                std::iter::once(text(&s.name))
                    .chain(figures(&s.counts))
                    .collect()
            })
            .collect(),
    }
}

pub fn municipality(m: &MunicipalFigures) -> Table {
    Table {
        title: m.name.clone(),
        headers: vec![
            "Школа",
            "Статус",
            "Классов",
            "Обучающихся",
            "Четверть",
            "N",
            "На «5»",
            "На «4» и «5»",
            "С «3»",
            "С «2»",
            "Успеваемость, %",
            "Качество, %",
            "Средний балл",
        ],
        rows: m
            .schools
            .iter()
            .map(|s| {
                let status = [(s.is_shnor, "ШНОР"), (s.is_shnsu, "ШНСУ")]
                    .iter()
                    .filter(|(on, _)| *on)
                    .map(|(_, n)| *n)
                    .collect::<Vec<_>>()
                    .join(", ");
                let mut row = vec![
                    text(&s.short_name),
                    text(status),
                    Cell::Count(s.classes),
                    s.students.map_or(text("—"), Cell::Count),
                ];
                match &s.term {
                    Some(t) => {
                        row.extend([text(&t.title), Cell::Count(t.students)]);
                        row.extend(t.by_lowest.iter().map(|n| n.map_or(text("—"), Cell::Count)));
                        row.extend([
                            Cell::Percent(t.success),
                            Cell::Percent(t.quality),
                            Cell::Number(t.mean_mark),
                        ]);
                    }
                    None => row.push(text("—")),
                }
                row
            })
            .collect(),
    }
}
