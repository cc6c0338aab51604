//! A school's terms as periods to compare: which have term marks, and each one's figures,
//! aggregated in SQL.

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DbErr};

use crate::platform::sql::{int, rows};
use crate::term_results::per_student;
use domain::indicators::TermSummary;
use domain::wire::dashboard::{Absences, PeriodFigures};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    pub term_id: i32,
    /// «1 четверть 2026/2027»
    pub title: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

/// The school's terms that have term marks, the latest first.
pub async fn marked_terms(db: &impl ConnectionTrait, school_id: i32) -> Result<Vec<Period>, DbErr> {
    let found = rows(
        db,
        "SELECT t.id, t.name, y.name, t.starts_on, t.ends_on
         FROM term t JOIN academic_year y ON y.id = t.academic_year_id
         WHERE y.school_id = $1
           AND EXISTS (SELECT 1 FROM journal_mark j WHERE j.term_id = t.id AND j.kind = 'term')
         ORDER BY t.ends_on DESC",
        vec![school_id.into()],
    )
    .await?;
    found
        .iter()
        .map(|row| {
            let (term_id, term, year, starts_on, ends_on): (
                i32,
                String,
                String,
                NaiveDate,
                NaiveDate,
            ) = row.try_get_many_by_index()?;
            Ok(Period {
                term_id,
                title: format!("{term} {year}"),
                starts_on,
                ends_on,
            })
        })
        .collect()
}

/// The school's term results: students by their lowest term mark, and the lessons those
/// students missed during the term.
pub async fn figures(db: &impl ConnectionTrait, period: &Period) -> Result<PeriodFigures, DbErr> {
    let mut summary = TermSummary::default();
    for students in per_student(db, period.term_id).await?.values() {
        summary.merge(&TermSummary::from_students(students));
    }
    Ok(PeriodFigures {
        title: period.title.clone(),
        absences: absences(db, period, summary.students.total()).await?,
        summary,
    })
}

/// Lessons missed in the period by the students with term marks in it.
pub async fn absences(
    db: &impl ConnectionTrait,
    period: &Period,
    students: u32,
) -> Result<Absences, DbErr> {
    let found = rows(
        db,
        "SELECT SUM(a.lessons_missed),
                SUM(CASE WHEN a.reason = 'unexcused' THEN a.lessons_missed ELSE 0 END)
         FROM attendance a
         WHERE a.on_date >= $2 AND a.on_date <= $3
           AND a.student_id IN
               (SELECT j.student_id FROM journal_mark j WHERE j.term_id = $1 AND j.kind = 'term')",
        vec![
            period.term_id.into(),
            period.starts_on.into(),
            period.ends_on.into(),
        ],
    )
    .await?;
    let Some(row) = found.first() else {
        return Ok(Absences {
            students,
            ..Absences::default()
        });
    };
    Ok(Absences {
        students,
        missed: int(row, 0)?,
        unexcused: int(row, 1)?,
    })
}

/// The classes of the term's year, grade 2 up with pupils, that have no term mark in it: their
/// journal has not come in, and the school's figures are without them.
pub async fn without_marks(
    db: &impl ConnectionTrait,
    school_id: i32,
    period: &Period,
) -> Result<Vec<String>, DbErr> {
    let mut out = Vec::new();
    for row in rows(
        db,
        "SELECT c.grade, c.letter FROM class c JOIN term t ON t.academic_year_id = c.academic_year_id
         WHERE t.id = $1 AND c.school_id = $2 AND c.grade >= 2
           AND EXISTS (SELECT 1 FROM student s WHERE s.class_id = c.id AND s.left_on IS NULL)
           AND NOT EXISTS (SELECT 1 FROM journal_mark j
                           WHERE j.class_id = c.id AND j.term_id = $1 AND j.kind = 'term')
         ORDER BY c.grade, c.letter",
        vec![period.term_id.into(), school_id.into()],
    )
    .await?
    {
        let (grade, letter): (i16, String) = row.try_get_many_by_index()?;
        out.push(format!("{grade}{letter}"));
    }
    Ok(out)
}
