//! The journal's files as the browser sends them: one by one into the school's batch, then the
//! preview and the load in the background, asked about until done — so a long load shows its
//! progress and the screen can be left and come back to. Only the deputy (or the admin) holds a
//! batch; a file that is no journal fails the job with its name and writes nothing; a batch
//! replaced by newer files is said to be.

mod common;

use std::time::Duration;

use axum::http::StatusCode;
use base64::Engine as _;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use serde_json::{json, Value};

use backend::entity::journal_mark;
use common::api::{app, call_json, login};
use common::school::school_with_staff;

fn file(name: &str, text: &str) -> Value {
    json!({ "name": name, "data": base64::engine::general_purpose::STANDARD.encode(text) })
}

const HEADER: &str = "ФИО;Класс;Предмет;Период;Отметка\n";

async fn stage(
    app: &axum::Router,
    who: &str,
    batch: Option<&str>,
    f: Value,
) -> (StatusCode, String) {
    call_json(
        app,
        "journal/stage",
        &json!({ "batch": batch, "file": f }),
        who,
    )
    .await
}

/// Starts the job and asks about it until it is done; the job as it ended.
async fn finish(app: &axum::Router, who: &str, batch: &str, choices: Value, write: bool) -> Value {
    let start = json!({ "batch": batch, "choices": choices, "write": write });
    let (code, text) = call_json(app, "journal/start", &start, who).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let started: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(started["write"], write);
    for _ in 0..600 {
        let (code, text) = call_json(app, "journal/job", &json!({ "batch": batch }), who).await;
        assert_eq!(code, StatusCode::OK, "{text}");
        let job: Value = serde_json::from_str(&text).unwrap();
        if job["running"].is_null() {
            return job;
        }
        let p = &job["running"];
        assert!(p["stage"].as_str().is_some_and(|s| !s.is_empty()), "{job}");
        assert!(p["total"].as_u64() == Some(0) || p["done"].as_u64() <= p["total"].as_u64());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the journal job did not finish");
}

async fn files_in_a_batch(db: &DatabaseConnection) {
    school_with_staff(db).await;
    let app = app(db);
    let deputy = login(&app, "zavuch", "пароль школы").await;
    common::school::class_with_pupils(&app, &deputy, "5", "А", "Акимова Анна;5А\nБелов Борис;5А\n")
        .await;
    common::school::class_with_pupils(&app, &deputy, "5", "Б", "Волкова Вера;5Б\n").await;

    let teacher = login(&app, "uchitel", "пароль школы").await;
    let a = format!(
        "{HEADER}Акимова Анна;5А;Математика;1 четверть;5\nБелов Борис;5А;Информ-ка;1 четверть;4\n"
    );
    let (code, _) = stage(&app, &teacher, None, file("5А.csv", &a)).await;
    assert_eq!(code, StatusCode::FORBIDDEN);
    let (code, text) = call_json(&app, "journal/job", &json!({ "batch": null }), &teacher).await;
    assert_eq!(code, StatusCode::FORBIDDEN, "{text}");

    // Nothing held yet.
    let (_, text) = call_json(&app, "journal/job", &json!({ "batch": null }), &deputy).await;
    assert_eq!(text, "null");

    let (code, batch) = stage(&app, &deputy, None, file("5А.csv", &a)).await;
    assert_eq!(code, StatusCode::OK, "{batch}");
    let batch: String = serde_json::from_str(&batch).unwrap();
    let b = format!("{HEADER}Волкова Вера;5Б;Математика;1 четверть;3\n");
    let (code, text) = stage(&app, &deputy, Some(&batch), file("5Б.csv", &b)).await;
    assert_eq!((code, text), (StatusCode::OK, format!("\"{batch}\"")));

    // The preview asks for «Информ-ка»; nothing is written.
    let job = finish(&app, &deputy, &batch, json!([]), false).await;
    assert_eq!(job["files"], json!(["5А.csv", "5Б.csv"]), "{job}");
    assert_eq!(job["failure"], Value::Null, "{job}");
    let o = &job["outcome"];
    assert_eq!(o["unknown_subjects"][0]["name"], "Информ-ка", "{job}");
    assert_eq!(o["written"], false);
    assert_eq!(journal_mark::Entity::find().count(db).await.unwrap(), 0);

    // Not loaded while a subject waits; with it mapped, both files load at once.
    let job = finish(&app, &deputy, &batch, json!([]), true).await;
    assert_eq!(job["outcome"]["written"], false, "{job}");
    let subjects = job["outcome"]["subjects"].as_array().unwrap().clone();
    let math = subjects.iter().find(|s| s["name"] == "Математика").unwrap()["id"].clone();
    let choices = json!([{ "name": "Информ-ка", "subject_id": math }]);
    let job = finish(&app, &deputy, &batch, choices.clone(), true).await;
    assert_eq!(job["outcome"]["written"], true, "{job}");
    assert_eq!(job["outcome"]["classes"], json!(["5А", "5Б"]), "{job}");
    assert_eq!(job["choices"], choices);
    assert_eq!(journal_mark::Entity::find().count(db).await.unwrap(), 3);

    // Opened again: the screen finds the batch and what came of it.
    let (_, text) = call_json(&app, "journal/job", &json!({ "batch": null }), &deputy).await;
    let again: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(again["batch"], batch);
    assert_eq!(again["outcome"]["written"], true);

    // New files replace the batch; the old one is gone.
    let (code, fresh) = stage(&app, &deputy, None, file("x.xlsx", "PK\u{3}\u{4}")).await;
    assert_eq!(code, StatusCode::OK, "{fresh}");
    let fresh: String = serde_json::from_str(&fresh).unwrap();
    let (code, text) = stage(&app, &deputy, Some(&batch), file("5Б.csv", &b)).await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    assert!(text.contains("заменён"), "{text}");
    let (_, text) = call_json(&app, "journal/job", &json!({ "batch": batch }), &deputy).await;
    assert_eq!(text, "null");

    // A file that is no journal: the job says which, and nothing changes.
    let job = finish(&app, &deputy, &fresh, json!([]), true).await;
    assert_eq!(job["outcome"], Value::Null, "{job}");
    assert!(
        job["failure"].as_str().unwrap().contains("«x.xlsx»"),
        "{job}"
    );
    assert_eq!(journal_mark::Entity::find().count(db).await.unwrap(), 3);

    // An empty file is refused as it is sent.
    let (code, text) = stage(&app, &deputy, Some(&fresh), file("пусто.csv", "")).await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    assert!(text.contains("«пусто.csv»: Файл пуст"), "{text}");
}

both_engines!(journal_files_in_a_batch, files_in_a_batch);

/// Every hostile file of the corpus, sent and loaded the way the browser does it: refused as it
/// is sent, or the job fails with a Russian sentence; the server keeps answering, nothing is
/// written.
async fn hostile_files_in_a_batch(db: &DatabaseConnection) {
    school_with_staff(db).await;
    let app = app(db);
    let deputy = login(&app, "zavuch", "пароль школы").await;
    for hostile in common::hostile::corpus() {
        let f = json!({
            "name": hostile.file_name,
            "data": base64::engine::general_purpose::STANDARD.encode(&hostile.bytes),
        });
        let (code, text) = stage(&app, &deputy, None, f).await;
        let russian = |t: &str| t.chars().any(|c| ('а'..='я').contains(&c));
        if code != StatusCode::OK {
            assert!(
                code == StatusCode::BAD_REQUEST || code == StatusCode::PAYLOAD_TOO_LARGE,
                "{}: {code} {text}",
                hostile.what
            );
            assert!(russian(&text), "{}: {text}", hostile.what);
            continue;
        }
        let batch: String = serde_json::from_str(&text).unwrap();
        let job = finish(&app, &deputy, &batch, json!([]), true).await;
        let failure = job["failure"].as_str().unwrap_or_default();
        assert!(russian(failure), "{}: {job}", hostile.what);
        assert_eq!(job["outcome"], Value::Null, "{}", hostile.what);
    }
    assert_eq!(journal_mark::Entity::find().count(db).await.unwrap(), 0);
}

both_engines!(journal_batch_of_hostile_files, hostile_files_in_a_batch);
