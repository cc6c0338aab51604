//! A school added from the console as a real one starts: no demo data, a deputy and a teacher.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use axum::http::StatusCode;

use super::api::{call, form};
use backend::entity::{class, subject};
use domain::policy::Role;
use server::setup::{self, NewSchool};

pub async fn school_with_staff(db: &DatabaseConnection) {
    setup::add_school(
        db,
        NewSchool {
            short_name: "Школа № 9".into(),
            full_name: "МБОУ «Школа № 9»".into(),
            municipality: "Город Пример".into(),
            timezone: "Europe/Moscow".into(),
            is_shnor: false,
        },
    )
    .await
    .unwrap();
    for (username, role) in [("zavuch", Role::Deputy), ("uchitel", Role::Teacher)] {
        server::account::add(db, username, "Сотрудник Школы", "пароль школы")
            .await
            .unwrap();
        setup::grant(db, username, role, Some("Школа № 9"))
            .await
            .unwrap();
    }
}

pub async fn subject_id(db: &DatabaseConnection, name: &str) -> i32 {
    subject::Entity::find()
        .filter(subject::Column::Name.eq(name))
        .one(db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("{name} in the school's curriculum"))
        .id
}

/// 4А made by the deputy, its Russian taught by «uchitel». Returns the class's id.
pub async fn class_4a_with_its_teacher(
    db: &DatabaseConnection,
    app: &axum::Router,
    deputy: &str,
) -> i32 {
    let add = form(&[("grade", "4"), ("letter", "А")]);
    let (code, _, text) = call(app, "classes/create", &add, Some(deputy)).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let class_4a = class::Entity::find().one(db).await.unwrap().unwrap().id;
    let russian = subject_id(db, "Русский язык").await;
    let uchitel = super::people::account_id(db, "uchitel").await;
    let teach = form(&[
        ("class_id", &class_4a.to_string()),
        ("subject_id", &russian.to_string()),
        ("account_id", &uchitel.to_string()),
    ]);
    let (code, _, text) = call(app, "staffing/teach", &teach, Some(deputy)).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    class_4a
}
