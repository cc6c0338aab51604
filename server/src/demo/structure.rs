//! The demo's school structure: the school, its years and terms, subjects and МО, classes and
//! students (each with an ability the journal and the results are drawn from).

use rand::Rng;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use super::journal::Term;
use super::{names, normal, ClassRow, Pupil};
use crate::curriculum;
use backend::entity::{class, school, student};

pub(crate) async fn insert_school(
    db: &impl ConnectionTrait,
    municipality_id: i32,
    number: u32,
    is_shnor: bool,
    is_shnsu: bool,
) -> Result<school::Model, DbErr> {
    school::ActiveModel {
        municipality_id: Set(municipality_id),
        name: Set(format!(
            "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № {number}»"
        )),
        short_name: Set(format!("Школа № {number}")),
        is_shnor: Set(is_shnor),
        is_shnsu: Set(is_shnsu),
        timezone: Set("Europe/Moscow".into()),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// A year with its four четверти; `start` is the calendar year it begins in.
pub(crate) async fn insert_year(
    db: &impl ConnectionTrait,
    school_id: i32,
    start: i32,
    archived: bool,
) -> Result<(i32, Vec<Term>), DbErr> {
    let (year, terms) = backend::school_year::create(db, school_id, start, archived).await?;
    let terms = terms
        .into_iter()
        .map(|t| Term {
            id: t.id,
            starts_on: t.starts_on,
            ends_on: t.ends_on,
        })
        .collect();
    Ok((year.id, terms))
}

pub(crate) fn main_layout() -> Vec<(i16, char)> {
    curriculum::MAIN_CLASSES
        .iter()
        .flat_map(|(grade, letters)| letters.chars().map(move |l| (*grade, l)))
        .collect()
}

/// A smaller school: one or two classes per grade; a ШНОР school keeps one.
pub(crate) fn generated_layout(rng: &mut impl Rng, is_shnor: bool) -> Vec<(i16, char)> {
    let mut layout = Vec::new();
    for grade in 1..=11 {
        let count = if is_shnor || grade >= 10 {
            1
        } else {
            rng.gen_range(1..=2)
        };
        layout.extend("АБ".chars().take(count).map(|l| (grade, l)));
    }
    layout
}

pub(crate) async fn insert_classes(
    db: &impl ConnectionTrait,
    school_id: i32,
    academic_year_id: i32,
    layout: &[(i16, char)],
) -> Result<Vec<ClassRow>, DbErr> {
    let mut classes = Vec::new();
    for &(grade, letter) in layout {
        let row = class::ActiveModel {
            school_id: Set(school_id),
            academic_year_id: Set(academic_year_id),
            grade: Set(grade),
            letter: Set(letter.to_string()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        classes.push(ClassRow {
            id: row.id,
            grade,
            letter,
        });
    }
    Ok(classes)
}

/// How a class does on the whole: the main school has two strong and two weak classes, so the
/// figures have something to show; a ШНОР school is weaker across the board.
fn class_effect(rng: &mut impl Rng, main: bool, is_shnor: bool, class: &ClassRow) -> f64 {
    let named = match (class.grade, class.letter) {
        (5, 'А') | (11, 'А') => Some(0.6),
        (7, 'В') | (9, 'Б') => Some(-0.8),
        _ => None,
    };
    match named.filter(|_| main) {
        Some(effect) => effect,
        None => normal(rng) * 0.3 - if is_shnor { 0.5 } else { 0.0 },
    }
}

pub(crate) async fn insert_students(
    db: &impl ConnectionTrait,
    rng: &mut impl Rng,
    school_id: i32,
    classes: &[ClassRow],
    main: bool,
    is_shnor: bool,
) -> Result<Vec<Pupil>, DbErr> {
    let mut pupils = Vec::new();
    let mut rows = Vec::new();
    for class in classes {
        let effect = class_effect(rng, main, is_shnor, class);
        let size = if class.grade >= 10 {
            rng.gen_range(18..=25)
        } else {
            rng.gen_range(21..=27)
        };
        for _ in 0..size {
            let female = rng.gen_bool(0.5);
            let name = names::person(rng, female);
            // About one in fifty from grade 5 up is struggling: many 2s, unexcused absences.
            let struggling = class.grade >= 5 && rng.gen_bool(0.02);
            let ability = if struggling {
                -1.9 + normal(rng) * 0.2
            } else {
                effect + normal(rng) * 0.75
            };
            pupils.push(Pupil {
                id: 0,
                class_id: class.id,
                grade: class.grade,
                letter: class.letter,
                ability,
                struggling,
            });
            rows.push(student::ActiveModel {
                school_id: Set(school_id),
                class_id: Set(class.id),
                last_name: Set(name.last),
                first_name: Set(name.first),
                patronymic: Set(Some(name.patronymic)),
                has_ovz: Set(rng.gen_bool(0.03)),
                left_on: Set(None),
                ..Default::default()
            });
        }
    }
    for chunk in rows.chunks(500) {
        student::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    // Ids come back in insertion order.
    let ids = student::Entity::find()
        .filter(student::Column::SchoolId.eq(school_id))
        .order_by_asc(student::Column::Id)
        .all(db)
        .await?;
    for (pupil, row) in pupils.iter_mut().zip(ids) {
        pupil.id = row.id;
    }
    Ok(pupils)
}
