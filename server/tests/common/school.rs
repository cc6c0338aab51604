//! A school added from the console as a real one starts: no demo data, a deputy and a teacher.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use axum::http::StatusCode;

use super::api::{call, form};
use backend::entity::{class, procedure_result, procedure_task, student, subject, task_score};
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

/// The id of the student with this last name.
pub async fn pupil(db: &DatabaseConnection, last_name: &str) -> i32 {
    student::Entity::find()
        .filter(student::Column::LastName.eq(last_name))
        .one(db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("{last_name} on the list"))
        .id
}

/// A written result with a score per task in the paper's order, as a sync would leave it.
pub async fn write_result(
    db: &DatabaseConnection,
    procedure_id: i32,
    class_id: i32,
    student_id: i32,
    scores: &[i16],
) {
    let tasks = procedure_task::Entity::find()
        .filter(procedure_task::Column::ProcedureId.eq(procedure_id))
        .order_by_asc(procedure_task::Column::Position)
        .all(db)
        .await
        .unwrap();
    let r = procedure_result::ActiveModel {
        procedure_id: Set(procedure_id),
        student_id: Set(student_id),
        class_id: Set(class_id),
        absent: Set(false),
        updated_by: Set(None),
        updated_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    for (t, score) in tasks.iter().zip(scores) {
        task_score::ActiveModel {
            result_id: Set(r.id),
            task_id: Set(t.id),
            score: Set(*score),
        }
        .insert(db)
        .await
        .unwrap();
    }
}

/// The school's student list (CSV with ФИО and Класс) loaded by the deputy, as «Настройка» does.
pub async fn import_students(app: &axum::Router, deputy: &str, csv: &str) {
    use base64::Engine as _;
    let upload = serde_json::json!({ "file_name": "список.csv",
        "data": base64::engine::general_purpose::STANDARD.encode(csv) });
    let (code, text) = super::api::call_json(app, "students/import", &upload, deputy).await;
    assert_eq!(code, StatusCode::OK, "{text}");
}

/// A class the deputy adds on «Настройка», with its pupils from a list (`ФИО;Класс` rows).
pub async fn class_with_pupils(
    app: &axum::Router,
    deputy: &str,
    grade: &str,
    letter: &str,
    pupils: &str,
) {
    let (code, _, text) = call(
        app,
        "classes/create",
        &form(&[("grade", grade), ("letter", letter)]),
        Some(deputy),
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{text}");
    import_students(app, deputy, &format!("ФИО;Класс\n{pupils}")).await;
}
