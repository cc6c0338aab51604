//! The demo municipality. Everything here is invented and deterministic: the same seed gives the
//! same schools, classes, students, staff, journal and results. It is loaded only into an empty
//! database.

mod assessments;
mod journal;
mod names;
mod plan;
mod procedures;
mod staff;
mod structure;

use chrono::NaiveDate;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, Set, TransactionTrait,
};

use crate::curriculum;
use backend::entity::{account, municipality, school};

pub use journal::DEMO_TODAY;
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
    /// Journal marks, attendance and procedure results; off for tests that need only the
    /// school's structure.
    pub journal: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            schools: 6,
            seed: 2026,
            journal: true,
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
    pub letter: char,
}

/// A student as the demo draws them: where they are and how well they do.
#[derive(Clone, Debug)]
pub(crate) struct Pupil {
    pub id: i32,
    pub class_id: i32,
    pub grade: i16,
    pub letter: char,
    /// About 0 for a typical student, +1 strong, −2 struggling.
    pub ability: f64,
    pub struggling: bool,
}

pub(crate) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a calendar date")
}

/// How well a pupil does in one subject: their ability, a little better or worse in this
/// subject, the same every time it is asked (the journal and the procedures agree on it).
pub(crate) fn subject_ability(pupil: &Pupil, subject_id: i32) -> f64 {
    let seed = (u64::from(pupil.id as u32) << 32) | u64::from(subject_id as u32);
    pupil.ability + normal(&mut ChaCha8Rng::seed_from_u64(seed)) * 0.3
}

/// A standard normal draw (Box–Muller), so the demo needs no distribution crate.
pub(crate) fn normal(rng: &mut impl Rng) -> f64 {
    let u1: f64 = rng.gen_range(f64::EPSILON..1.0);
    let u2: f64 = rng.gen();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

pub async fn load(db: &DatabaseConnection, options: Options) -> Result<Outcome, DbErr> {
    if school::Entity::find().count(db).await? > 0 {
        return Ok(Outcome::NotEmpty);
    }
    let password_hash = backend::accounts::store::hash_any_length(DEMO_PASSWORD)
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
        let main = index == 0;
        let (number, is_shnor, is_shnsu) = SCHOOLS.get(index).copied().unwrap_or((
            index as u32 + 55,
            index % 3 == 0,
            index % 9 == 0,
        ));
        let school =
            structure::insert_school(&txn, municipality.id, number, is_shnor, is_shnsu).await?;
        let last_year = structure::insert_year(&txn, school.id, 2025, true).await?;
        let (year, terms) = structure::insert_year(&txn, school.id, 2026, false).await?;
        let catalog = curriculum::insert_catalog(&txn, school.id).await?;
        let layout = if main {
            structure::main_layout()
        } else {
            structure::generated_layout(&mut rng, is_shnor)
        };
        let classes = structure::insert_classes(&txn, school.id, year, &layout).await?;
        let pupils =
            structure::insert_students(&txn, &mut rng, school.id, &classes, main, is_shnor).await?;
        if main {
            let main = staff::School {
                municipality_id: municipality.id,
                school_id: school.id,
                classes: &classes,
                catalog: &catalog,
            };
            staff::insert(&txn, &mut rng, &main, &password_hash).await?;
            let today = date(DEMO_TODAY.0, DEMO_TODAY.1, DEMO_TODAY.2);
            plan::insert(&txn, school.id, today).await?;
        }
        if options.journal {
            let subjects = |grade: i16| -> Vec<i32> {
                curriculum::SUBJECTS
                    .iter()
                    .filter(|s| curriculum::taught_in(s.name, grade))
                    .map(|s| catalog.subjects[s.name])
                    .collect()
            };
            journal::insert(&txn, &mut rng, &pupils, &subjects, &terms).await?;
            let then =
                assessments::last_year_classes(&txn, school.id, last_year.0, &layout).await?;
            let inflated = main.then(|| ((6, 'Б'), catalog.subjects["Математика"]));
            journal::insert_last_year(
                &txn,
                &mut rng,
                &pupils,
                &then,
                &subjects,
                inflated,
                &last_year.1,
            )
            .await?;
            let school = assessments::School {
                id: school.id,
                year,
                last_year: last_year.0,
                catalog: &catalog,
                pupils: &pupils,
                then: &then,
            };
            assessments::insert(&txn, &mut rng, &school).await?;
        }
    }
    txn.commit().await?;
    Ok(Outcome::Loaded)
}

/// Whether the demo accounts are in this database (it was loaded by `mera demo`).
pub async fn accounts_present(db: &DatabaseConnection) -> Result<bool, DbErr> {
    let found = account::Entity::find()
        .filter(account::Column::Username.eq(DEMO_ACCOUNTS[0].0))
        .count(db)
        .await?;
    Ok(found > 0)
}
