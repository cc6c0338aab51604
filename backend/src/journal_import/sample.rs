//! The files «Загрузка из журнала» hands out (`GET /api/journal-file/{name}`): Mera's template,
//! empty, as XLSX or CSV; and, built from what the school already holds, one example file per
//! format, so a new user can try the import on the demo school: a class's term marks in the
//! template with one «н/а» and one «осв» where the journal has marks, and one pupil's
//! «Сетевой город» report of that term.

use std::collections::BTreeMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::entity::{attendance, class, journal_mark, student, subject, term};
use crate::platform::principal::from_token;
use crate::platform::xlsx::{Cell, Sheet};
use crate::school::this_year;
use domain::error::AppError;
use domain::journal::netcity::{page, PageSubject};
use domain::policy::{may, Action, Resource};

use super::place::day;

const HEADERS: [&str; 10] = [
    "ФИО",
    "Класс",
    "Предмет",
    "Период",
    "Дата",
    "Отметка",
    "Пропущено уроков",
    "По уважительной",
    "По болезни",
    "Без уважительной",
];

const HOW: &str = "Шаблон Mera для загрузки из журнала: одна строка — одна отметка (итоговая: «Период» — «1 четверть», «2 триместр», «1 полугодие», «год»; текущая: «Дата») или пропуски за период или день. Отметки: 1–5, н/а, осв, зач, незач.";

pub struct File {
    pub name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

const CSV: &str = "text/csv; charset=utf-8";
const HTML: &str = "text/html; charset=utf-8";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut text = String::from("\u{feff}");
    for r in rows {
        text.push_str(&r.join(";"));
        text.push_str("\r\n");
    }
    text.into_bytes()
}

/// A file for the deputy (or the admin) of a school: `template.xlsx`, `template.csv`,
/// `example-template.csv` or `example-netcity.html`.
pub async fn file(
    db: &DatabaseConnection,
    token: Option<&str>,
    name: &str,
) -> Result<File, AppError> {
    let who = from_token(db, token).await?;
    let school_id = who.school_id().ok_or(AppError::Forbidden)?;
    if !may(&who, Action::Edit, Resource::SchoolStructure { school_id }) {
        return Err(AppError::Forbidden);
    }
    match name {
        "template.xlsx" => {
            let mut sheet = Sheet::new("Журнал", HOW, &HEADERS, &[34.0, 8.0, 24.0, 14.0])?;
            sheet.row(&[Cell::Empty])?;
            Ok(File {
                name: "Шаблон загрузки из журнала.xlsx".into(),
                content_type: XLSX,
                bytes: sheet.finish()?,
            })
        }
        "template.csv" => Ok(File {
            name: "Шаблон загрузки из журнала.csv".into(),
            content_type: CSV,
            bytes: csv(&[HEADERS.map(String::from).to_vec()]),
        }),
        "example-template.csv" | "example-netcity.html" => example(db, school_id, name).await,
        _ => Err(AppError::Forbidden),
    }
}

async fn example(db: &DatabaseConnection, school_id: i32, name: &str) -> Result<File, AppError> {
    let none = || AppError::invalid("В школе ещё нет отметок журнала, из которых собрать пример.");
    let year = this_year(db, school_id).await?;
    let classes: BTreeMap<i32, class::Model> = class::Entity::find()
        .filter(class::Column::SchoolId.eq(school_id))
        .filter(class::Column::AcademicYearId.eq(year.id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    // The first class (by grade and letter) with term marks, and its latest such term.
    let marks = journal_mark::Entity::find()
        .filter(journal_mark::Column::ClassId.is_in(classes.keys().copied()))
        .filter(journal_mark::Column::Kind.eq("term"))
        .all(db)
        .await?;
    let c = marks
        .iter()
        .filter_map(|m| classes.get(&m.class_id))
        .min_by_key(|c| (c.grade, c.letter.clone()))
        .ok_or_else(none)?;
    let t = marks
        .iter()
        .filter(|m| m.class_id == c.id)
        .filter_map(|m| m.term_id)
        .max()
        .ok_or_else(none)?;
    let t = term::Entity::find_by_id(t)
        .one(db)
        .await?
        .ok_or_else(none)?;
    let pupils: BTreeMap<i32, student::Model> = student::Entity::find()
        .filter(student::Column::ClassId.eq(c.id))
        .order_by_asc(student::Column::LastName)
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let subjects: BTreeMap<i32, String> = subject::Entity::find()
        .filter(subject::Column::SchoolId.eq(school_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let term_marks: Vec<&journal_mark::Model> = marks
        .iter()
        .filter(|m| m.class_id == c.id && m.term_id == Some(t.id))
        .collect();
    if name == "example-template.csv" {
        let mut rows = vec![HEADERS.map(String::from).to_vec()];
        let period = format!("{} четверть", t.number);
        let mut changed = 0;
        for m in &term_marks {
            let (Some(p), Some(s)) = (pupils.get(&m.student_id), subjects.get(&m.subject_id))
            else {
                continue;
            };
            // A corrected journal: one pupil not attested, one exempt from PE.
            let value = match (changed, s.as_str()) {
                (0, _) if m.mark <= 3 => {
                    changed += 1;
                    "н/а".to_string()
                }
                (1, "Физическая культура") => {
                    changed += 1;
                    "осв".to_string()
                }
                _ => domain::journal::JournalValue::from_stored(Some(m.mark), "")
                    .map(|v| v.text())
                    .unwrap_or_default(),
            };
            let mut row = vec![
                p.full_name(),
                c.name(),
                s.clone(),
                period.clone(),
                String::new(),
                value,
            ];
            row.resize(HEADERS.len(), String::new());
            rows.push(row);
        }
        return Ok(File {
            name: format!("Пример — итоговые отметки {} за {}.csv", c.name(), t.name),
            content_type: CSV,
            bytes: csv(&rows),
        });
    }
    let pupil = term_marks
        .first()
        .and_then(|m| pupils.get(&m.student_id))
        .ok_or_else(none)?;
    let current = journal_mark::Entity::find()
        .filter(journal_mark::Column::StudentId.eq(pupil.id))
        .filter(journal_mark::Column::Kind.eq("current"))
        .filter(journal_mark::Column::OnDate.between(t.starts_on, t.ends_on))
        .all(db)
        .await?;
    let absences = attendance::Entity::find()
        .filter(attendance::Column::StudentId.eq(pupil.id))
        .filter(attendance::Column::TermId.is_null())
        .filter(attendance::Column::OnDate.between(t.starts_on, t.ends_on))
        .all(db)
        .await?;
    let mut rows: BTreeMap<i32, PageSubject> = BTreeMap::new();
    for m in term_marks.iter().filter(|m| m.student_id == pupil.id) {
        rows.insert(
            m.subject_id,
            PageSubject {
                name: subjects.get(&m.subject_id).cloned().unwrap_or_default(),
                lessons: Vec::new(),
                average: String::new(),
                final_mark: domain::journal::JournalValue::from_stored(Some(m.mark), "")
                    .map(|v| v.text())
                    .unwrap_or_default(),
            },
        );
    }
    for m in &current {
        if let Some(row) = rows.get_mut(&m.subject_id) {
            let d = day(m.on_date);
            match row.lessons.iter_mut().find(|l| l.0 == d) {
                Some(l) => l.1.push_str(&format!(" {}", m.mark)),
                None => row.lessons.push((d, m.mark.to_string())),
            }
        }
    }
    // Each lesson missed is one code on the page; they sit in the first subject's cell of the day.
    if let Some(first) = rows.values_mut().next() {
        for a in &absences {
            let code = match a.reason.as_str() {
                "excused" => "УП",
                "illness" => "Б",
                "unexcused" => "НП",
                _ => "ОТ",
            };
            let codes = vec![code; a.lessons_missed.max(0) as usize].join(" ");
            let d = day(a.on_date);
            match first.lessons.iter_mut().find(|l| l.0 == d) {
                Some(l) => l.1.push_str(&format!(" {codes}")),
                None => first.lessons.push((d, codes)),
            }
        }
    }
    let subjects: Vec<PageSubject> = rows.into_values().collect();
    let html = page(
        &pupil.full_name(),
        &c.name(),
        day(t.starts_on),
        day(t.ends_on),
        &format!("{} четверть", t.number),
        &subjects,
    );
    Ok(File {
        name: format!("Пример — отчёт ученика {}.html", pupil.last_name),
        content_type: HTML,
        bytes: html.into_bytes(),
    })
}
