//! A real installation's first steps: the school from the console, the first accounts with
//! their roles, then classes and the student list in the app.

mod common;

use axum::http::StatusCode;
use base64::Engine as _;
use sea_orm::{DatabaseConnection, EntityTrait};
use serde_json::json;

use backend::entity::{academic_year, school, student, term};
use common::api::{app, call, call_json, form, login};
use domain::policy::Role;
use server::setup::{self, NewSchool};

fn school_five() -> NewSchool {
    NewSchool {
        short_name: "Школа № 5".into(),
        full_name: "МБОУ «Средняя общеобразовательная школа № 5»".into(),
        municipality: "Город Пример".into(),
        timezone: "Asia/Yekaterinburg".into(),
        is_shnor: false,
    }
}

async fn first_steps(db: &DatabaseConnection) {
    let added = setup::add_school(db, school_five()).await.unwrap();
    assert_eq!(added.timezone, "Asia/Yekaterinburg");
    assert_eq!(
        academic_year::Entity::find().all(db).await.unwrap().len(),
        1
    );
    assert_eq!(term::Entity::find().all(db).await.unwrap().len(), 4);
    let again = setup::add_school(db, school_five()).await.unwrap_err();
    assert!(again.to_string().contains("уже есть"), "{again}");
    let far = NewSchool {
        timezone: "Mars/Olympus".into(),
        short_name: "Школа № 6".into(),
        ..school_five()
    };
    assert!(setup::add_school(db, far)
        .await
        .unwrap_err()
        .to_string()
        .contains("часовых поясов"));
    assert_eq!(
        school::Entity::find().all(db).await.unwrap().len(),
        1,
        "refusals add nothing"
    );

    for (username, role) in [("zavuch", Role::Deputy), ("uchitel", Role::Teacher)] {
        server::account::add(db, username, "Сотрудник Школы", "пароль школы")
            .await
            .unwrap();
        setup::grant(db, username, role, Some("Школа № 5"))
            .await
            .unwrap();
    }
    let unknown = setup::grant(db, "zavuch", Role::Deputy, Some("Школа № 99"))
        .await
        .unwrap_err();
    assert!(
        unknown.to_string().contains("Школы «Школа № 99» нет"),
        "{unknown}"
    );

    let app = app(db);
    let deputy = login(&app, "zavuch", "пароль школы").await;
    let teacher = login(&app, "uchitel", "пароль школы").await;
    let add = |grade: i16, letter: &str| form(&[("grade", &grade.to_string()), ("letter", letter)]);
    assert_eq!(
        call(&app, "classes/create", &add(5, "а"), Some(&teacher))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let (status, _, text) = call(&app, "classes/create", &add(5, "а"), Some(&deputy)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let (status, _, text) = call(&app, "classes/create", &add(5, "А"), Some(&deputy)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("Класс 5А уже есть"), "{text}");
    let (status, _, text) = call(&app, "classes/create", &add(12, "А"), Some(&deputy)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("от 1 до 11"), "{text}");

    let list = "ФИО;Класс\nГромова Дарья Сергеевна;5А\nЛебедев Глеб Ильич;5А\n";
    let upload = json!({ "file_name": "5а.csv", "data": base64::engine::general_purpose::STANDARD.encode(list) });
    let (status, text) = call_json(&app, "students/import", &upload, &deputy).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert_eq!(student::Entity::find().all(db).await.unwrap().len(), 2);
    let (_, _, overview) = call(&app, "school", "", Some(&deputy)).await;
    assert!(
        overview.contains(r#""name":"5А""#) && overview.contains(r#""students":2"#),
        "{overview}"
    );
}
both_engines!(
    a_new_school_is_set_up_from_the_console_and_the_app,
    first_steps
);
