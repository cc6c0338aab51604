//! The e-journal's part of the demo: current and term marks and absences from 1 September to the
//! demo's «today», drawn from each student's ability so strong and weak classes, and a handful
//! of struggling students with many 2s and unexcused absences, show up in the figures.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rand::Rng;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};

use super::{date, normal, Pupil};
use app::ssr::entity::{attendance, journal_mark};

/// The demo is frozen at this date, so the same seed gives the same journal whatever the clock.
pub const DEMO_TODAY: (i32, u32, u32) = (2026, 11, 20);

pub(crate) struct Term {
    pub id: i32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

fn today() -> NaiveDate {
    date(DEMO_TODAY.0, DEMO_TODAY.1, DEMO_TODAY.2)
}

/// School days of the terms up to the demo's today (Monday to Friday, holidays excluded).
fn school_days(terms: &[Term]) -> Vec<(NaiveDate, usize)> {
    let mut days = Vec::new();
    for (index, term) in terms.iter().enumerate() {
        let mut day = term.starts_on;
        while day <= term.ends_on.min(today()) {
            if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                days.push((day, index));
            }
            day += Duration::days(1);
        }
    }
    days
}

/// A journal mark for a student of this ability: mostly 3s and 4s, 5s for the strong, 2s for
/// the struggling.
pub(crate) fn draw_mark(rng: &mut impl Rng, ability: f64) -> i16 {
    (3.6 + 0.75 * ability + normal(rng) * 0.55)
        .round()
        .clamp(2.0, 5.0) as i16
}

pub(crate) async fn insert(
    db: &impl ConnectionTrait,
    rng: &mut impl Rng,
    pupils: &[Pupil],
    subjects: &dyn Fn(i16) -> Vec<i32>,
    terms: &[Term],
) -> Result<(), DbErr> {
    let days = school_days(terms);
    let mut marks = Vec::new();
    let mut absences = Vec::new();
    for pupil in pupils {
        // First graders get no marks (безотметочное обучение).
        if pupil.grade >= 2 {
            for (n, subject_id) in subjects(pupil.grade).into_iter().enumerate() {
                let ability = pupil.ability + normal(rng) * 0.3;
                let lesson_day = (n % 5) as u32;
                let mut term_marks: Vec<Vec<i16>> = vec![Vec::new(); terms.len()];
                for (day, term) in days
                    .iter()
                    .filter(|(d, _)| d.weekday().num_days_from_monday() == lesson_day)
                {
                    if rng.gen_bool(0.5) {
                        let mark = draw_mark(rng, ability);
                        term_marks[*term].push(mark);
                        marks.push(mark_row(
                            pupil,
                            subject_id,
                            "current",
                            Some(terms[*term].id),
                            *day,
                            mark,
                        ));
                    }
                }
                for (term, given) in terms.iter().zip(&term_marks) {
                    if term.ends_on > today() || given.is_empty() {
                        continue;
                    }
                    let mean =
                        given.iter().map(|m| f64::from(*m)).sum::<f64>() / given.len() as f64;
                    let mark = mean.round() as i16;
                    marks.push(mark_row(
                        pupil,
                        subject_id,
                        "term",
                        Some(term.id),
                        term.ends_on,
                        mark,
                    ));
                }
            }
        }
        let (chance, unexcused) = if pupil.struggling {
            (0.14, 0.7)
        } else {
            (0.035, 0.08)
        };
        for (day, _) in &days {
            if rng.gen_bool(chance) {
                let full = if pupil.grade <= 4 { 4 } else { 6 };
                let reason = if rng.gen_bool(unexcused) {
                    "unexcused"
                } else if rng.gen_bool(0.65) {
                    "illness"
                } else {
                    "excused"
                };
                absences.push(attendance::ActiveModel {
                    student_id: Set(pupil.id),
                    class_id: Set(pupil.class_id),
                    on_date: Set(*day),
                    lessons_missed: Set(if rng.gen_bool(0.75) {
                        full
                    } else {
                        rng.gen_range(1..=2)
                    }),
                    reason: Set(reason.into()),
                    ..Default::default()
                });
            }
        }
    }
    for chunk in marks.chunks(1000) {
        journal_mark::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    for chunk in absences.chunks(1000) {
        attendance::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    Ok(())
}

fn mark_row(
    pupil: &Pupil,
    subject_id: i32,
    kind: &str,
    term_id: Option<i32>,
    on_date: NaiveDate,
    mark: i16,
) -> journal_mark::ActiveModel {
    journal_mark::ActiveModel {
        student_id: Set(pupil.id),
        class_id: Set(pupil.class_id),
        subject_id: Set(subject_id),
        kind: Set(kind.into()),
        term_id: Set(term_id),
        on_date: Set(on_date),
        mark: Set(mark),
        ..Default::default()
    }
}
