//! Entering results: the list of procedures and the sheet each person gets, and the edit window
//! (a closed procedure holds late edits for the deputy), through the HTTP surface.

mod common;

use axum::http::StatusCode;
use axum::Router;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use serde_json::{json, Value};

use backend::entity::task_score;
use common::api::{app, call, call_json, login};

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

async fn sync(app: &Router, cookie: &str, body: Value) -> Value {
    let (status, text) = call_json(app, "sync", &body, cookie).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    serde_json::from_str(&text).unwrap()
}

/// Registers a device and sends one score: the first task of the first student of the sheet.
async fn send_score(app: &Router, cookie: &str, sheet: &Value, id: &str, score: i64) -> Value {
    let first = sync(
        app,
        cookie,
        json!({"device": null, "cursor": 0, "last_seq_made": 0, "mutations": []}),
    )
    .await;
    let mutation = json!({
        "id": id, "seq": 1, "kind": "result.score@1", "base": null, "at": "2026-11-25T09:15:00Z",
        "payload": {
            "procedure_id": sheet["procedure_id"], "student_id": sheet["students"][0]["id"],
            "task_id": sheet["tasks"][0]["id"], "score": score
        }
    });
    sync(app, cookie, json!({"device": first["device"], "cursor": 0, "last_seq_made": 1, "mutations": [mutation]})).await
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

async fn edit_window(db: &DatabaseConnection) {
    server::demo::load(db, Default::default()).await.unwrap();
    let app = app(db);
    let teacher = login(&app, "teacher", "demo").await;
    let deputy = login(&app, "deputy", "demo").await;
    let id = midterm(&app, &teacher).await["id"].as_i64().unwrap();
    let sheet = json_of(
        &app,
        "procedure/sheet",
        &format!("procedure_id={id}"),
        &teacher,
    )
    .await;

    // Only the leadership closes a procedure.
    let close = format!("procedure_id={id}&closed=true");
    let (status, _, _) = call(&app, "procedure/close", &close, Some(&teacher)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, text) = call(&app, "procedure/close", &close, Some(&deputy)).await;
    assert_eq!(status, StatusCode::OK, "{text}");

    let scores_before = task_score::Entity::find().count(db).await.unwrap();
    let answer = send_score(
        &app,
        &teacher,
        &sheet,
        "0b6f9a4e-0000-4000-8000-000000000001",
        1,
    )
    .await;
    assert_eq!(
        answer["held"][0]["id"], "0b6f9a4e-0000-4000-8000-000000000001",
        "{answer}"
    );
    assert!(answer["held"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("ждёт решения"));
    assert_eq!(
        answer["acked_seq"], 1,
        "held is an outcome: the device may stop resending"
    );
    assert_eq!(
        task_score::Entity::find().count(db).await.unwrap(),
        scores_before
    );

    let held = json_of(&app, "held", "", &deputy).await;
    let item = &held.as_array().unwrap()[0];
    assert_eq!(
        item["typed_at"], "2026-11-25T09:15:00Z",
        "the device's time is shown"
    );
    assert_eq!(item["procedure"], MIDTERM);
    assert!(item["change"].as_str().unwrap().starts_with("Задание 1: 1"));
    // A teacher cannot decide; the deputy approves and the score lands.
    let decide = "mutation_id=0b6f9a4e-0000-4000-8000-000000000001&approve=true";
    let (status, _, _) = call(&app, "held/decide", decide, Some(&teacher)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    json_of(&app, "held/decide", decide, &deputy).await;
    assert_eq!(
        task_score::Entity::find().count(db).await.unwrap(),
        scores_before + 1
    );
    assert_eq!(json_of(&app, "held", "", &deputy).await, json!([]));
    let (status, _, text) = call(&app, "held/decide", decide, Some(&deputy)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "decided once: {text}");

    // A declined one changes nothing, and its outcome says why when the device resends it.
    let teacher2 = login(&app, "teacher2", "demo").await;
    let hers = json_of(
        &app,
        "procedure/sheet",
        &format!("procedure_id={id}"),
        &teacher2,
    )
    .await;
    let answer = send_score(
        &app,
        &teacher2,
        &hers,
        "0b6f9a4e-0000-4000-8000-000000000002",
        0,
    )
    .await;
    assert_eq!(answer["held"].as_array().unwrap().len(), 1, "{answer}");
    json_of(
        &app,
        "held/decide",
        "mutation_id=0b6f9a4e-0000-4000-8000-000000000002&approve=false",
        &deputy,
    )
    .await;
    assert_eq!(
        task_score::Entity::find().count(db).await.unwrap(),
        scores_before + 1
    );
}
both_engines!(late_edits_wait_for_the_deputy, edit_window);
