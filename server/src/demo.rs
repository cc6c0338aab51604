//! The demo municipality. Everything here is invented and deterministic: the same seed gives the
//! same schools, classes, students and staff. It is loaded only into an empty database.

mod curriculum;
mod names;
mod staff;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, Set,
    TransactionTrait,
};

use app::ssr::entity::{
    academic_year, class, municipality, school, student, subject, subject_group, term,
};

pub use staff::DEMO_ACCOUNTS;

/// The password of every demo account. Demo data only: it is published in the README.
pub const DEMO_PASSWORD: &str = "demo";

pub enum Outcome {
    Loaded,
    NotEmpty,
}

#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// How many schools the municipality has; the first is the main demo school.
    pub schools: usize,
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            schools: 6,
            seed: 2026,
        }
    }
}

/// (number, ШНОР, ШНСУ) of the first six schools; further schools (`--schools N`) are numbered
/// on, every third one ШНОР.
const SCHOOLS: [(u32, bool, bool); 6] = [
    (17, false, false),
    (3, true, false),
    (8, false, false),
    (20, true, true),
    (42, false, false),
    (50, false, false),
];

/// A class as the rest of the demo needs it.
#[derive(Clone, Debug)]
pub(crate) struct ClassRow {
    pub id: i32,
    pub grade: i16,
}

/// The school's subjects and МО by name.
pub(crate) struct Catalog {
    pub groups: Vec<i32>,
    pub subjects: BTreeMap<&'static str, i32>,
}

pub async fn load(db: &DatabaseConnection, options: Options) -> Result<Outcome, DbErr> {
    if school::Entity::find().count(db).await? > 0 {
        return Ok(Outcome::NotEmpty);
    }
    let password_hash = app::ssr::account::hash_any_length(DEMO_PASSWORD)
        .map_err(|e| DbErr::Custom(e.to_string()))?;
    let txn = db.begin().await?;
    let municipality = municipality::ActiveModel {
        name: Set("Заречный муниципальный округ".into()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for index in 0..options.schools.max(1) {
        let mut rng = ChaCha8Rng::seed_from_u64(options.seed.wrapping_add(index as u64));
        let (number, is_shnor, is_shnsu) = SCHOOLS.get(index).copied().unwrap_or((
            index as u32 + 55,
            index % 3 == 0,
            index % 9 == 0,
        ));
        let school = insert_school(&txn, municipality.id, number, is_shnor, is_shnsu).await?;
        let year = insert_year(&txn, school.id).await?;
        let catalog = insert_catalog(&txn, school.id).await?;
        let layout = if index == 0 {
            main_layout()
        } else {
            generated_layout(&mut rng, is_shnor)
        };
        let classes = insert_classes(&txn, school.id, year, &layout).await?;
        insert_students(&txn, &mut rng, school.id, &classes).await?;
        if index == 0 {
            let main = staff::School {
                municipality_id: municipality.id,
                school_id: school.id,
                classes: &classes,
                catalog: &catalog,
            };
            staff::insert(&txn, &mut rng, &main, &password_hash).await?;
        }
    }
    txn.commit().await?;
    Ok(Outcome::Loaded)
}

/// Whether the demo accounts are in this database (it was loaded by `mera demo`).
pub async fn accounts_present(db: &DatabaseConnection) -> Result<bool, DbErr> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let found = app::ssr::entity::account::Entity::find()
        .filter(app::ssr::entity::account::Column::Username.eq(DEMO_ACCOUNTS[0].0))
        .count(db)
        .await?;
    Ok(found > 0)
}

async fn insert_school(
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

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a calendar date")
}

/// The 2026/2027 year with its four четверти (the holidays between them are the usual ones).
async fn insert_year(db: &impl ConnectionTrait, school_id: i32) -> Result<i32, DbErr> {
    let year = academic_year::ActiveModel {
        school_id: Set(school_id),
        name: Set("2026/2027".into()),
        starts_on: Set(date(2026, 9, 1)),
        ends_on: Set(date(2027, 5, 31)),
        archived: Set(false),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let terms = [
        (date(2026, 9, 1), date(2026, 10, 25)),
        (date(2026, 11, 5), date(2026, 12, 28)),
        (date(2027, 1, 11), date(2027, 3, 21)),
        (date(2027, 3, 31), date(2027, 5, 31)),
    ];
    for (number, (starts_on, ends_on)) in (1..).zip(terms) {
        term::ActiveModel {
            academic_year_id: Set(year.id),
            number: Set(number),
            name: Set(format!("{number} четверть")),
            starts_on: Set(starts_on),
            ends_on: Set(ends_on),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(year.id)
}

async fn insert_catalog(db: &impl ConnectionTrait, school_id: i32) -> Result<Catalog, DbErr> {
    let mut groups = Vec::new();
    for name in curriculum::GROUPS {
        let group = subject_group::ActiveModel {
            school_id: Set(school_id),
            name: Set(name.into()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        groups.push(group.id);
    }
    let mut subjects = BTreeMap::new();
    for spec in &curriculum::SUBJECTS {
        let row = subject::ActiveModel {
            school_id: Set(school_id),
            subject_group_id: Set(Some(groups[spec.group])),
            name: Set(spec.name.into()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        subjects.insert(spec.name, row.id);
    }
    Ok(Catalog { groups, subjects })
}

fn main_layout() -> Vec<(i16, char)> {
    curriculum::MAIN_CLASSES
        .iter()
        .flat_map(|(grade, letters)| letters.chars().map(move |l| (*grade, l)))
        .collect()
}

/// A smaller school: one or two classes per grade; a ШНОР school keeps one.
fn generated_layout(rng: &mut impl Rng, is_shnor: bool) -> Vec<(i16, char)> {
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

async fn insert_classes(
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
        classes.push(ClassRow { id: row.id, grade });
    }
    Ok(classes)
}

async fn insert_students(
    db: &impl ConnectionTrait,
    rng: &mut impl Rng,
    school_id: i32,
    classes: &[ClassRow],
) -> Result<(), DbErr> {
    for class in classes {
        let size = if class.grade >= 10 {
            rng.gen_range(18..=25)
        } else {
            rng.gen_range(21..=27)
        };
        let rows: Vec<student::ActiveModel> = (0..size)
            .map(|_| {
                let female = rng.gen_bool(0.5);
                let name = names::person(rng, female);
                student::ActiveModel {
                    school_id: Set(school_id),
                    class_id: Set(class.id),
                    last_name: Set(name.last),
                    first_name: Set(name.first),
                    patronymic: Set(Some(name.patronymic)),
                    has_ovz: Set(rng.gen_bool(0.03)),
                    left_on: Set(None),
                    ..Default::default()
                }
            })
            .collect();
        student::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}
