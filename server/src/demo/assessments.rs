//! Which procedures each school wrote: this September's входная диагностика in Russian and
//! mathematics for grades 2–11 and this November's trial ОГЭ (9) and ЕГЭ (11); last April's ВПР
//! for grades 4–8 and last May's итоговая диагностика for grades 2, 3 and 10, written by today's
//! students in last year's classes (grade one lower, same letter).

use std::collections::BTreeMap;

use rand::Rng;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};

use super::procedures::{self, Paper};
use super::structure::insert_classes;
use super::{date, Pupil};
use crate::curriculum::Catalog;
use backend::entity::participant_code;
use domain::assessment::{ProcedureKind, Stage};

pub(crate) struct School<'a> {
    pub id: i32,
    pub year: i32,
    pub last_year: i32,
    pub catalog: &'a Catalog,
    pub pupils: &'a [Pupil],
    /// Last year's classes by (grade, letter).
    pub then: &'a BTreeMap<(i16, char), i32>,
}

/// Last year's classes: today's, one grade lower, same letter.
pub(crate) async fn last_year_classes(
    db: &impl ConnectionTrait,
    school_id: i32,
    last_year: i32,
    layout: &[(i16, char)],
) -> Result<BTreeMap<(i16, char), i32>, DbErr> {
    let previous: Vec<(i16, char)> = layout
        .iter()
        .filter(|(grade, _)| *grade >= 2)
        .map(|(grade, letter)| (grade - 1, *letter))
        .collect();
    Ok(insert_classes(db, school_id, last_year, &previous)
        .await?
        .iter()
        .map(|c| ((c.grade, c.letter), c.id))
        .collect())
}

fn mathematics(grade: i16) -> &'static str {
    if grade <= 6 {
        "Математика"
    } else {
        "Алгебра"
    }
}

pub(crate) async fn insert(
    db: &impl ConnectionTrait,
    rng: &mut impl Rng,
    school: &School<'_>,
) -> Result<(), DbErr> {
    let subject = |name: &str| school.catalog.subjects[name];
    for grade in 2..=11 {
        let writers = this_year(school, grade);
        for (n, name) in ["Русский язык", mathematics(grade)].into_iter().enumerate() {
            let held_on = date(2026, 9, 14 + (grade as u32 % 5) + 7 * n as u32);
            let title = format!("Входная диагностика. {name}, {grade} класс");
            let paper = procedures::illustrative(
                ProcedureKind::Diagnostic,
                Some(Stage::Entry),
                title,
                subject(name),
                grade,
                held_on,
            );
            procedures::insert(db, rng, school.id, school.year, &paper, &writers).await?;
        }
    }

    // This week's промежуточная диагностика in grade 5 mathematics: written, not yet entered.
    // The teachers type it in on their tablets (the results grid), so the demo leaves it empty.
    let grade_five: Vec<i32> = school
        .pupils
        .iter()
        .filter(|p| p.grade == 5)
        .map(|p| p.class_id)
        .collect();
    let midterm = procedures::illustrative(
        ProcedureKind::Diagnostic,
        Some(Stage::Midterm),
        "Промежуточная диагностика. Математика, 5 класс".into(),
        subject("Математика"),
        5,
        date(2026, 11, 18),
    );
    procedures::insert_paper(db, school.id, school.year, &midterm, grade_five).await?;

    for (grade, exam) in [(9, "ОГЭ"), (11, "ЕГЭ")] {
        let writers = this_year(school, grade);
        for (n, name) in ["Русский язык", mathematics(grade)].into_iter().enumerate() {
            let shown = if name == "Алгебра" {
                "Математика"
            } else {
                name
            };
            let paper = procedures::illustrative(
                ProcedureKind::TrialExam,
                None,
                format!("Пробный {exam}. {shown}, {grade} класс"),
                subject(name),
                grade,
                date(2026, 11, 10 + 2 * n as u32 + u32::from(grade == 11)),
            );
            procedures::insert(db, rng, school.id, school.year, &paper, &writers).await?;
        }
    }

    for grade in 4..=8 {
        let writers = last_year(school, grade);
        for paper in vpr_papers(grade, &subject, 2026) {
            procedures::insert(db, rng, school.id, school.last_year, &paper, &writers).await?;
        }
    }
    // This spring's ВПР, set up and not yet written, their participant codes issued: every step
    // of the ФИС ОКО round can be tried on them.
    for grade in 4..=8 {
        let mut pupils = this_year(school, grade);
        pupils.sort_by_key(|(_, p)| (p.letter, p.id));
        let mut classes: Vec<i32> = pupils.iter().map(|(c, _)| *c).collect();
        classes.dedup();
        for paper in vpr_papers(grade, &subject, 2027) {
            let (id, _) =
                procedures::insert_paper(db, school.id, school.year, &paper, classes.clone())
                    .await?;
            issue_codes(db, id, grade, &pupils).await?;
        }
    }
    for grade in [2, 3, 10] {
        let writers = last_year(school, grade);
        for (n, name) in ["Русский язык", mathematics(grade)].into_iter().enumerate() {
            let paper = procedures::illustrative(
                ProcedureKind::Diagnostic,
                Some(Stage::Final),
                format!("Итоговая диагностика. {name}, {grade} класс"),
                subject(name),
                grade,
                date(2026, 5, 12 + grade as u32 % 4 + 2 * n as u32),
            );
            procedures::insert(db, rng, school.id, school.last_year, &paper, &writers).await?;
        }
    }
    Ok(())
}

/// Today's students of a grade level, in their classes.
fn this_year<'a>(school: &School<'a>, grade: i16) -> Vec<(i32, &'a Pupil)> {
    school
        .pupils
        .iter()
        .filter(|p| p.grade == grade)
        .map(|p| (p.class_id, p))
        .collect()
}

/// Who wrote a grade level's work last year: today's students one grade up, in last year's class.
fn last_year<'a>(school: &School<'a>, grade: i16) -> Vec<(i32, &'a Pupil)> {
    school
        .pupils
        .iter()
        .filter(|p| p.grade == grade + 1)
        .filter_map(|p| {
            school
                .then
                .get(&(grade, p.letter))
                .map(|class_id| (*class_id, p))
        })
        .collect()
}

/// The codes of a ВПР, in the convention the school's own issuing follows.
async fn issue_codes(
    db: &impl ConnectionTrait,
    procedure_id: i32,
    grade: i16,
    pupils: &[(i32, &Pupil)],
) -> Result<(), DbErr> {
    let codes = domain::participant_code::issue(grade, &Default::default(), pupils.len());
    let now = chrono::Utc::now();
    // The demo's organiser handed out the two variants desk by desk.
    participant_code::Entity::insert_many(pupils.iter().zip(codes).enumerate().map(
        |(i, ((_, p), code))| participant_code::ActiveModel {
            variant: Set(Some(1 + (i % 2) as i16)),
            procedure_id: Set(procedure_id),
            student_id: Set(p.id),
            code: Set(code),
            issued_at: Set(now),
        },
    ))
    .exec(db)
    .await?;
    Ok(())
}

/// The ВПР of one grade level in the spring of `year`.
fn vpr_papers(grade: i16, subject: &dyn Fn(&str) -> i32, year: i32) -> Vec<Paper> {
    let day = |d: u32| date(year, 4, d + grade as u32);
    let mut papers = Vec::new();
    papers.push(match grade {
        4 => procedures::vpr_russian_4(subject("Русский язык"), day(7)),
        _ => vpr(grade, "Русский язык", subject, day(7)),
    });
    papers.push(vpr(grade, "Математика", subject, day(9)));
    match grade {
        4 => papers.push(vpr(grade, "Окружающий мир", subject, day(14))),
        8 => papers.push(procedures::vpr_english_8(
            subject("Английский язык"),
            day(14),
        )),
        _ => {}
    }
    papers
}

fn vpr(grade: i16, name: &str, subject: &dyn Fn(&str) -> i32, held_on: chrono::NaiveDate) -> Paper {
    procedures::illustrative(
        ProcedureKind::Vpr,
        None,
        format!("ВПР. {name}, {grade} класс"),
        subject(name),
        grade,
        held_on,
    )
}
