//! Every reader of a user's file against the hostile-file corpus (tests/common/hostile.rs),
//! through the real router on both engines: each file is refused with a Russian sentence and a
//! 400 (413 over the body limit), nothing is written, and the server answers `/healthz` after
//! each one. A new reader adds a line to `READERS`.

mod common;

use axum::http::StatusCode;
use base64::Engine as _;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use serde_json::{json, Value};

use backend::entity::{audit_log, student};
use backend::platform::upload::{self, Limits};
use common::api::{app, call_json, get, login, send};
use common::hostile::{corpus, valid_xlsx};

/// Wraps a file in the body an endpoint expects; the numbers are a ВПР and an ОГЭ of the school,
/// for the readers of a procedure's files.
type Body = fn(&str, &[u8], (i32, i32)) -> Value;

/// The endpoints that take a file, with the body each expects around it.
const READERS: [(&str, Body); 11] = [
    ("students/preview", upload_body),
    ("students/import", upload_body),
    ("procedures/tasks-file", upload_body),
    ("participant-codes/load", procedure_upload),
    ("fis-oko/f1/preview", procedure_upload),
    ("fis-oko/f1/load", procedure_upload),
    ("fis-oko/form", procedure_upload),
    ("rcoi/preview", exam_upload),
    ("rcoi/load", exam_upload),
    ("journal/preview", journal_files),
    ("journal/load", journal_files),
];

fn journal_files(file_name: &str, bytes: &[u8], _: (i32, i32)) -> Value {
    json!({
        "files": [{ "name": file_name, "data": base64::engine::general_purpose::STANDARD.encode(bytes) }],
        "choices": [],
    })
}

fn upload_body(file_name: &str, bytes: &[u8], _: (i32, i32)) -> Value {
    json!({
        "file_name": file_name,
        "data": base64::engine::general_purpose::STANDARD.encode(bytes),
    })
}

fn procedure_upload(file_name: &str, bytes: &[u8], ids: (i32, i32)) -> Value {
    let mut body = upload_body(file_name, bytes, ids);
    body["procedure_id"] = json!(ids.0);
    body
}

fn exam_upload(file_name: &str, bytes: &[u8], ids: (i32, i32)) -> Value {
    let mut body = upload_body(file_name, bytes, ids);
    body["procedure_id"] = json!(ids.1);
    body
}

/// A procedure of `kind` for the demo school's first class, made as the deputy makes one.
async fn a_procedure(app: &axum::Router, deputy: &str, kind: &str) -> i32 {
    let (_, _, text) = common::api::call(app, "procedures/setup", "", Some(deputy)).await;
    let setup: Value = serde_json::from_str(&text).unwrap();
    let class = &setup["classes"][0];
    let draft = json!({ "draft": { "kind": kind, "stage": null,
        "subject_id": setup["subjects"][0]["id"], "grade": class["grade"],
        "class_ids": [class["id"]], "held_on": "2027-04-20", "title": "", "source": null,
        "paper": { "tasks": [{ "label": "1", "max_score": 5, "advanced": false, "topic": "", "skill_code": "" }],
            "scale": { "mark3_from": 2, "mark4_from": 3, "mark5_from": 5 } } } });
    let (status, text) = call_json(app, "procedures/create", &draft, deputy).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    text.trim().parse().unwrap()
}

async fn written(db: &DatabaseConnection) -> (u64, u64) {
    (
        student::Entity::find().count(db).await.unwrap(),
        audit_log::Entity::find().count(db).await.unwrap(),
    )
}

fn russian(text: &str) -> bool {
    text.chars().any(|c| ('а'..='я').contains(&c))
}

async fn every_reader_refuses_every_hostile_file(db: &DatabaseConnection) {
    server::demo::load(db, common::structure_only())
        .await
        .unwrap();
    let app = app(db);
    let deputy = login(&app, "deputy", "demo").await;
    // The corpus's builders make real files: the valid one is read.
    let (status, body) = call_json(
        &app,
        "students/preview",
        &upload_body("list.xlsx", &valid_xlsx(), (0, 0)),
        &deputy,
    )
    .await;
    assert_ne!(status.as_u16() / 100, 5, "{body}");
    assert!(
        !body.contains("Excel"),
        "the valid workbook is read: {body}"
    );

    let ids = (
        a_procedure(&app, &deputy, "Vpr").await,
        a_procedure(&app, &deputy, "Oge").await,
    );
    let before = written(db).await;
    for file in corpus() {
        for (endpoint, body) in READERS {
            let (status, text) = call_json(
                &app,
                endpoint,
                &body(file.file_name, &file.bytes, ids),
                &deputy,
            )
            .await;
            assert!(
                status == StatusCode::BAD_REQUEST || status == StatusCode::PAYLOAD_TOO_LARGE,
                "{endpoint}, {}: {status} {text}",
                file.what
            );
            assert!(russian(&text), "{endpoint}, {}: {text}", file.what);
            let (health, _, _) = send(&app, get("/healthz")).await;
            assert_eq!(health, StatusCode::OK, "after {}", file.what);
        }
    }
    assert_eq!(
        written(db).await,
        before,
        "nothing from a hostile file is written"
    );
}
both_engines!(
    every_reader_refuses_every_hostile_file,
    every_reader_refuses_every_hostile_file
);

/// The guard itself, under each reader's limits: a Russian refusal or a bounded read, never a
/// panic; the probe's file is refused under every limit.
#[test]
fn the_guard_bounds_every_file_under_every_limit() {
    for limits in [Limits::STUDENT_LIST, Limits::RESULTS] {
        for file in corpus() {
            match upload::sheets(file.file_name, &file.bytes, &limits) {
                Err(text) => assert!(russian(&text), "{}: {text}", file.what),
                Ok(sheets) => {
                    let cells: usize = sheets.iter().flat_map(|s| &s.rows).map(Vec::len).sum();
                    let bound = limits.max_area * limits.max_sheets as u64;
                    assert!(cells as u64 <= bound, "{}", file.what);
                }
            }
        }
        let probe = &corpus()[0];
        assert!(upload::sheets(probe.file_name, &probe.bytes, &limits).is_err());
    }
}
