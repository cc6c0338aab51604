//! Entering results: the list of procedures and the sheet each person gets, through the HTTP
//! surface (the edit window is `late_edits.rs`).

mod common;

use axum::http::StatusCode;
use axum::Router;
use sea_orm::DatabaseConnection;
use serde_json::{json, Value};

use common::api::{app, call, login};

const MIDTERM: &str = "Промежуточная диагностика. Математика, 5 класс";

async fn json_of(app: &Router, endpoint: &str, body: &str, cookie: &str) -> Value {
    let (status, _, text) = call(app, endpoint, body, Some(cookie)).await;
    assert_eq!(status, StatusCode::OK, "{endpoint}: {text}");
    serde_json::from_str(&text).unwrap()
}

async fn midterm(app: &Router, cookie: &str) -> Value {
    let list = json_of(app, "procedures/mine", "", cookie).await;
    list.as_array()
        .unwrap()
        .iter()
        .find(|p| p["title"] == MIDTERM)
        .cloned()
        .unwrap_or(Value::Null)
}

async fn lists_and_sheets(db: &DatabaseConnection) {
    server::demo::load(db, Default::default()).await.unwrap();
    let app = app(db);
    let teacher = login(&app, "teacher", "demo").await;
    let mine = midterm(&app, &teacher).await;
    assert_eq!(mine["classes"], json!(["5А", "5Б", "5В"]), "{mine}");
    assert_eq!(mine["editable"], true);
    assert_eq!(
        mine["entered"], 0,
        "the demo leaves the midterm for the teachers to enter"
    );
    assert!(mine["students"].as_u64().unwrap() > 50);

    let teacher2 = login(&app, "teacher2", "demo").await;
    let shared = midterm(&app, &teacher2).await;
    assert_eq!(
        shared["classes"],
        json!(["5А"]),
        "teacher2 teaches mathematics in 5А only"
    );
    let id = shared["id"].as_i64().unwrap();
    let sheet = json_of(
        &app,
        "procedure/sheet",
        &format!("procedure_id={id}"),
        &teacher2,
    )
    .await;
    assert_eq!(sheet["classes"].as_array().unwrap().len(), 1);
    assert_eq!(sheet["can_close"], false);
    let class_id = &sheet["classes"][0]["id"];
    assert!(sheet["students"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| &s["class_id"] == class_id));
    assert!(sheet["tasks"].as_array().unwrap().len() >= 8);

    // The class teacher of 5А sees her class's sheet but enters nothing in mathematics.
    let class_teacher = login(&app, "class_teacher", "demo").await;
    let hers = midterm(&app, &class_teacher).await;
    assert_eq!(hers["classes"], json!(["5А"]));
    assert_eq!(hers["editable"], false);

    // The deputy sees every class and may close the procedure; the municipal account nothing.
    let deputy = login(&app, "deputy", "demo").await;
    let sheet = json_of(
        &app,
        "procedure/sheet",
        &format!("procedure_id={id}"),
        &deputy,
    )
    .await;
    assert_eq!(sheet["can_close"], true);
    assert_eq!(sheet["classes"].as_array().unwrap().len(), 3);
    let municipal = login(&app, "municipal", "demo").await;
    assert_eq!(
        json_of(&app, "procedures/mine", "", &municipal).await,
        json!([])
    );
    let (status, _, _) = call(
        &app,
        "procedure/sheet",
        &format!("procedure_id={id}"),
        Some(&municipal),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
both_engines!(each_person_gets_their_own_sheet, lists_and_sheets);
