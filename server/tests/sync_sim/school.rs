//! The demo school and its people, as the model knows them; procedures made for a case; ids.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rand::Rng;
use sea_orm::DatabaseConnection;

use backend::sync::Origin;
use domain::policy::Principal;

use crate::common;
use crate::common::sync::{DemoSchool, NewProcedure};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    A,
    B,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Person {
    /// Teaches mathematics in 5А and 5Б.
    Teacher,
    /// Teaches mathematics in 5А only.
    Teacher2,
    /// Class teacher of 5А: sees its mathematics, enters none.
    ClassTeacher,
    /// Sees the whole school, enters no results.
    Deputy,
}

pub const PEOPLE: [Person; 4] = [
    Person::Teacher,
    Person::Teacher2,
    Person::ClassTeacher,
    Person::Deputy,
];

impl Person {
    fn username(self) -> &'static str {
        match self {
            Person::Teacher => "teacher",
            Person::Teacher2 => "teacher2",
            Person::ClassTeacher => "class_teacher",
            Person::Deputy => "deputy",
        }
    }

    /// The model's rights, written out independently of `domain::policy`.
    pub fn edits(self, class: Class) -> bool {
        matches!(
            (self, class),
            (Person::Teacher, _) | (Person::Teacher2, Class::A)
        )
    }

    pub fn sees(self, class: Class) -> bool {
        match self {
            Person::Teacher | Person::Deputy => true,
            Person::Teacher2 | Person::ClassTeacher => class == Class::A,
        }
    }
}

pub struct Fixture {
    pub school: DemoSchool,
    pub math: i32,
    pub classes: BTreeMap<Class, i32>,
    pub pupils: Vec<(i32, Class)>,
    pub people: BTreeMap<Person, (Principal, String)>,
}

pub async fn fixture(db: &DatabaseConnection) -> Fixture {
    let school = DemoSchool::load(db).await;
    let math = school.subject(db, "Математика").await;
    let mut classes = BTreeMap::new();
    let mut pupils = Vec::new();
    for (which, letter) in [(Class::A, "А"), (Class::B, "Б")] {
        let id = school.class_5(db, letter).await;
        classes.insert(which, id);
        for s in common::sync::pupils(db, id).await {
            pupils.push((s, which));
        }
    }
    let mut people = BTreeMap::new();
    for person in PEOPLE {
        let account = common::sync::account(db, person.username()).await;
        let principal = backend::platform::principal::load(db, account.id)
            .await
            .unwrap();
        people.insert(person, (principal, account.full_name));
    }
    Fixture {
        school,
        math,
        classes,
        pupils,
        people,
    }
}

/// A mathematics procedure of grade 5 written by 5А and 5Б, with tasks of these maxima.
pub async fn new_procedure(
    db: &DatabaseConnection,
    fx: &Fixture,
    maxima: &[i16],
) -> (i32, Vec<i32>) {
    let classes: Vec<i32> = fx.classes.values().copied().collect();
    let procedure = NewProcedure {
        subject_id: fx.math,
        classes: &classes,
        title: "Симуляция синхронизации",
        held_on: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
        marks: [1, 2, 3],
        level: None,
    };
    fx.school.new_procedure(db, &procedure, maxima).await
}

pub fn origin() -> Origin {
    Origin {
        address: Some("10.0.0.1".into()),
        user_agent: Some("sync_sim".into()),
    }
}

/// A UUID-shaped id from the case's generator, so a case replays exactly.
pub fn uuid(rng: &mut impl Rng) -> String {
    let b: u128 = rng.gen();
    let b =
        (b & !(0xf000u128 << 64) & !(0xc000u128 << 48)) | (0x4000u128 << 64) | (0x8000u128 << 48);
    let h = format!("{b:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}
