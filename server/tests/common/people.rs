//! The demo school's people and classes as tests of its structure name them.

use axum::http::StatusCode;
use axum::Router;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use backend::entity::class;

use super::api::call;

/// Every demo account, one per role (two teachers).
pub const ROLES: [&str; 10] = [
    "director",
    "deputy",
    "teacher",
    "teacher2",
    "class_teacher",
    "mo_head",
    "council",
    "psychologist",
    "municipal",
    "admin",
];

/// The id of an account by its username.
pub async fn account_id(db: &DatabaseConnection, username: &str) -> i32 {
    super::sync::account(db, username).await.id
}

/// A class of the school's current year.
pub async fn this_years_class(
    db: &DatabaseConnection,
    school_id: i32,
    grade: i16,
    letter: &str,
) -> class::Model {
    let year = backend::school::current_year(db, school_id)
        .await
        .unwrap()
        .unwrap();
    class::Entity::find()
        .filter(class::Column::AcademicYearId.eq(year.id))
        .filter(class::Column::Grade.eq(grade))
        .filter(class::Column::Letter.eq(letter))
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

/// A server function's status and answer for a signed-in person.
pub async fn status(
    app: &Router,
    endpoint: &str,
    body: &str,
    cookie: &str,
) -> (StatusCode, String) {
    let (status, _, text) = call(app, endpoint, body, Some(cookie)).await;
    (status, text)
}
