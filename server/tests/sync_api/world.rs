//! The demo school's grade 5, and procedures made for the test.

use chrono::NaiveDate;
use sea_orm::DatabaseConnection;

use domain::policy::Principal;

use crate::common::sync::{principal, pupils, DemoSchool, NewProcedure};
use crate::protocol::register;

pub struct World {
    pub school: DemoSchool,
    pub math: i32,
    pub russian: i32,
    pub c5a: i32,
    pub c5b: i32,
    pub pupils_5a: Vec<i32>,
    pub pupils_5b: Vec<i32>,
}

pub async fn world(db: &DatabaseConnection) -> World {
    let school = DemoSchool::load(db).await;
    let math = school.subject(db, "Математика").await;
    let russian = school.subject(db, "Русский язык").await;
    let c5a = school.class_5(db, "А").await;
    let c5b = school.class_5(db, "Б").await;
    let pupils_5a = pupils(db, c5a).await;
    let pupils_5b = pupils(db, c5b).await;
    assert!(pupils_5a.len() >= 6 && pupils_5b.len() >= 6);
    World {
        school,
        math,
        russian,
        c5a,
        c5b,
        pupils_5a,
        pupils_5b,
    }
}

/// A procedure of grade 5 in `subject`, written by `classes`, with tasks of these maxima.
pub async fn new_procedure(
    db: &DatabaseConnection,
    w: &World,
    subject_id: i32,
    classes: &[i32],
    maxima: &[i16],
) -> (i32, Vec<i32>) {
    let procedure = NewProcedure {
        subject_id,
        classes,
        title: "Проверочная работа для синхронизации",
        held_on: NaiveDate::from_ymd_opt(2026, 9, 15).unwrap(),
        marks: [1, 3, 5],
        level: Some("base"),
    };
    w.school.new_procedure(db, &procedure, maxima).await
}

/// The procedure most rules are shown on: mathematics in 5А, tasks worth 1, 2, 3 and 2.
pub async fn math_5a(db: &DatabaseConnection, w: &World) -> (i32, Vec<i32>) {
    new_procedure(db, w, w.math, &[w.c5a], &[1, 2, 3, 2]).await
}

/// Where most rules are shown: the demo school, [`math_5a`], and the teacher with a device she
/// has just registered: `(w, p, tasks, teacher, phone)`.
pub async fn setting(db: &DatabaseConnection) -> (World, i32, Vec<i32>, Principal, String) {
    let w = world(db).await;
    let (p, tasks) = math_5a(db, &w).await;
    let teacher = principal(db, "teacher").await;
    let phone = register(db, &teacher).await;
    (w, p, tasks, teacher, phone)
}
