//! The e-journal's part of the demo: current and term marks and absences from 1 September to the
//! demo's «today», drawn from each student's ability so strong and weak classes, and a handful
//! of struggling students with many 2s and unexcused absences, show up in the figures.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rand::Rng;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};

use super::{date, normal, subject_ability, Pupil};
use backend::entity::{attendance, journal_mark};

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

/// A term mark from the mean of the term's marks. Teachers give the «3» from 2.1 up: a «2» for
/// the term is for a pupil who clearly failed, which keeps неуспевающие to the few percent real
/// schools report.
fn term_mark(mean: f64) -> i16 {
    if mean >= 2.1 {
        (mean.round() as i16).clamp(3, 5)
    } else {
        2
    }
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
                let ability = subject_ability(pupil, subject_id);
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
                    let mark = term_mark(mean);
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
        absent_days(
            rng,
            pupil,
            pupil.class_id,
            pupil.grade,
            &days,
            &mut absences,
        );
    }
    write(db, marks, absences).await
}

/// The days a pupil missed, and why: a struggling pupil misses more, mostly without excuse.
fn absent_days(
    rng: &mut impl Rng,
    pupil: &Pupil,
    class_id: i32,
    grade: i16,
    days: &[(NaiveDate, usize)],
    absences: &mut Vec<attendance::ActiveModel>,
) {
    let (chance, unexcused) = if pupil.struggling {
        (0.14, 0.7)
    } else {
        (0.035, 0.08)
    };
    for (day, _) in days {
        if rng.gen_bool(chance) {
            let full = if grade <= 4 { 4 } else { 6 };
            let reason = if rng.gen_bool(unexcused) {
                "unexcused"
            } else if rng.gen_bool(0.65) {
                "illness"
            } else {
                "excused"
            };
            absences.push(attendance::ActiveModel {
                student_id: Set(pupil.id),
                class_id: Set(class_id),
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

/// Last year as the e-journal hands it over at the year's end: term and year marks and
/// absences (current marks are not kept for a closed year), in last year's classes. One
/// class's mathematics teacher gave marks about one higher than the pupils earned, the pattern
/// the ВПР's objectivity check is there to catch.
pub(crate) async fn insert_last_year(
    db: &impl ConnectionTrait,
    rng: &mut impl Rng,
    pupils: &[Pupil],
    classes: &BTreeMap<(i16, char), i32>,
    subjects: &dyn Fn(i16) -> Vec<i32>,
    inflated: Option<((i16, char), i32)>,
    terms: &[Term],
) -> Result<(), DbErr> {
    let days = school_days(terms);
    let year_end = terms.last().map(|t| t.ends_on).unwrap_or_else(today);
    let mut marks = Vec::new();
    let mut absences = Vec::new();
    for pupil in pupils {
        let grade = pupil.grade - 1;
        let Some(&class_id) = classes.get(&(grade, pupil.letter)) else {
            continue;
        };
        let then = Pupil {
            class_id,
            grade,
            ..pupil.clone()
        };
        if grade >= 2 {
            for subject_id in subjects(grade) {
                let lift = match inflated {
                    Some((class, subject))
                        if class == (grade, pupil.letter) && subject == subject_id =>
                    {
                        1.0
                    }
                    _ => 0.0,
                };
                let ability = subject_ability(pupil, subject_id);
                let mut sum = 0;
                for term in terms {
                    // A term mark averages many marks, so it strays less than one mark.
                    let mean = 3.6 + 0.75 * ability + normal(rng) * 0.3 + lift;
                    let mark = term_mark(mean.min(5.0));
                    sum += mark;
                    marks.push(mark_row(
                        &then,
                        subject_id,
                        "term",
                        Some(term.id),
                        term.ends_on,
                        mark,
                    ));
                }
                let year = (f64::from(sum) / terms.len() as f64).round() as i16;
                marks.push(mark_row(&then, subject_id, "year", None, year_end, year));
            }
        }
        absent_days(rng, pupil, class_id, grade, &days, &mut absences);
    }
    write(db, marks, absences).await
}

async fn write(
    db: &impl ConnectionTrait,
    marks: Vec<journal_mark::ActiveModel>,
    absences: Vec<attendance::ActiveModel>,
) -> Result<(), DbErr> {
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
