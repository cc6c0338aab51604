//! The edit window through the HTTP surface: a closed procedure holds late edits; the deputy
//! settles one teacher's class with one decision, and the teacher's device learns it.

mod common;

use axum::http::StatusCode;
use axum::Router;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use serde_json::{json, Value};

use backend::entity::task_score;
use common::api::{app, call, call_json, call_json_text, login};

const MIDTERM: &str = "Промежуточная диагностика. Математика, 5 класс";

async fn json_of(app: &Router, endpoint: &str, body: &str, cookie: &str) -> Value {
    let (status, _, text) = call(app, endpoint, body, Some(cookie)).await;
    assert_eq!(status, StatusCode::OK, "{endpoint}: {text}");
    serde_json::from_str(&text).unwrap()
}

async fn sync(app: &Router, cookie: &str, body: Value) -> Value {
    let (status, text) = call_json(app, "sync", &body, cookie).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn decide(app: &Router, cookie: &str, ids: &[String], approve: bool) -> (StatusCode, String) {
    call_json(
        app,
        "held/decide",
        &json!({"decision": {"mutation_ids": ids, "approve": approve}}),
        cookie,
    )
    .await
}

/// A tablet of one teacher: registered, then sending the cells typed offline.
struct Tablet {
    number: u32,
    cookie: String,
    device: Value,
    seq: i64,
    cursor: i64,
}

impl Tablet {
    async fn new(app: &Router, number: u32, cookie: String) -> Tablet {
        let first = sync(
            app,
            &cookie,
            json!({"device": null, "cursor": 0, "last_seq_made": 0, "mutations": []}),
        )
        .await;
        Tablet {
            number,
            cookie,
            device: first["device"].clone(),
            seq: 0,
            cursor: first["cursor"].as_i64().unwrap(),
        }
    }

    /// Sends the cells (student, task index, score; `None` as the task: «не писал(а)»).
    async fn send(
        &mut self,
        app: &Router,
        sheet: &Value,
        cells: &[(i64, Option<usize>, i64)],
    ) -> Value {
        let mutations: Vec<Value> = cells
            .iter()
            .map(|&(student, task, score)| {
                self.seq += 1;
                let id = format!("0b6f9a4e-0000-4000-8000-{:04}{:08}", self.number, self.seq);
                let at = format!("2026-11-25T09:{:02}:00Z", self.seq);
                match task {
                    Some(t) => json!({
                        "id": id, "seq": self.seq, "kind": "result.score@1", "base": null, "at": at,
                        "payload": {"procedure_id": sheet["procedure_id"], "student_id": student,
                                    "task_id": sheet["tasks"][t]["id"], "score": score}
                    }),
                    None => json!({
                        "id": id, "seq": self.seq, "kind": "result.absent@1", "base": null, "at": at,
                        "payload": {"procedure_id": sheet["procedure_id"], "student_id": student, "absent": true}
                    }),
                }
            })
            .collect();
        self.pull_with(app, mutations).await
    }

    async fn pull_with(&mut self, app: &Router, mutations: Vec<Value>) -> Value {
        let answer = sync(
            app,
            &self.cookie,
            json!({"device": self.device, "cursor": self.cursor, "last_seq_made": self.seq, "mutations": mutations}),
        )
        .await;
        self.cursor = answer["cursor"].as_i64().unwrap();
        answer
    }
}

fn pupils_of(sheet: &Value, class: &str) -> Vec<i64> {
    let class_id = sheet["classes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == class)
        .map(|c| c["id"].clone())
        .unwrap();
    sheet["students"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["class_id"] == class_id)
        .map(|s| s["id"].as_i64().unwrap())
        .collect()
}

fn ids(group: &Value) -> Vec<String> {
    group["edits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["mutation_id"].as_str().unwrap().to_string())
        .collect()
}

async fn one_decision_per_class(db: &DatabaseConnection) {
    server::demo::load(db, Default::default()).await.unwrap();
    let app = app(db);
    let deputy = login(&app, "deputy", "demo").await;
    let teacher = login(&app, "teacher", "demo").await;
    let teacher2 = login(&app, "teacher2", "demo").await;
    let list = json_of(&app, "procedures/mine", "", &teacher).await;
    let id = list
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["title"] == MIDTERM)
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let sheet = json_of(
        &app,
        "procedure/sheet",
        &format!("procedure_id={id}"),
        &deputy,
    )
    .await;
    let (a, b) = (pupils_of(&sheet, "5А"), pupils_of(&sheet, "5Б"));
    let mut hers = Tablet::new(&app, 1, teacher.clone()).await;
    let mut other = Tablet::new(&app, 2, teacher2.clone()).await;

    // Only the leadership closes a procedure.
    let close = format!("procedure_id={id}&closed=true");
    let (status, _, _) = call(&app, "procedure/close", &close, Some(&teacher)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    json_of(&app, "procedure/close", &close, &deputy).await;

    // Typed offline before the tablets heard of the close: 5А's two pupils, one absent pupil, a
    // cell typed twice; one 5Б cell; teacher2's 5А cell.
    let scores_before = task_score::Entity::find().count(db).await.unwrap();
    let cells = [
        (a[0], Some(0), 1),
        (a[0], Some(1), 0),
        (a[1], Some(0), 0),
        (a[1], Some(0), 1),
        (a[2], None, 0),
    ];
    let answer = hers.send(&app, &sheet, &cells).await;
    assert_eq!(answer["held"].as_array().unwrap().len(), 5, "{answer}");
    assert_eq!(
        answer["acked_seq"], 5,
        "held is an outcome: the device may stop resending"
    );
    assert!(answer["held"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("ждёт решения"));
    hers.send(&app, &sheet, &[(b[0], Some(0), 1)]).await;
    other.send(&app, &sheet, &[(a[3], Some(0), 1)]).await;
    assert_eq!(
        task_score::Entity::find().count(db).await.unwrap(),
        scores_before
    );

    // One card per teacher × class, the longest waiting first, the cells inside.
    let groups = json_of(&app, "held", "", &deputy).await;
    let groups = groups.as_array().unwrap();
    let cards: Vec<(String, usize)> = groups
        .iter()
        .map(|g| {
            (
                g["class"].as_str().unwrap().to_string(),
                g["edits"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(
        cards,
        [
            ("5А".to_string(), 5),
            ("5Б".to_string(), 1),
            ("5А".to_string(), 1)
        ]
    );
    assert_eq!(groups[0]["procedure"], MIDTERM);
    assert_ne!(groups[0]["author"], groups[2]["author"]);
    assert_eq!(
        groups[0]["edits"][0]["typed_at"], "2026-11-25T09:01:00Z",
        "the device's time"
    );
    assert!(groups[0]["edits"][0]["change"]
        .as_str()
        .unwrap()
        .starts_with("Задание 1: 1"));
    assert_eq!(groups[0]["edits"][4]["change"], "не писал(а)");

    // A teacher cannot decide; a decision with one edit already settled changes nothing.
    let (status, _) = decide(&app, &teacher, &ids(&groups[0]), true).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, text) = decide(&app, &deputy, &[], true).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{text}");
    let (status, text) = call_json_text(&app, "held/decide", "{\"decision\": 7}", &deputy).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{text}");
    let (status, _) = decide(&app, &deputy, &ids(&groups[1]), true).await;
    assert_eq!(status, StatusCode::OK);
    let mixed = [ids(&groups[1]), ids(&groups[2])].concat();
    let (status, text) = decide(&app, &deputy, &mixed, false).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("уже рассмотрена"), "{text}");
    assert_eq!(
        json_of(&app, "held", "", &deputy)
            .await
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // The 5А card in one decision: every cell lands, the twice-typed one with its later value.
    let (status, text) = decide(&app, &deputy, &ids(&groups[0]), true).await;
    assert_eq!((status, text.as_str()), (StatusCode::OK, "5"));
    assert_eq!(
        task_score::Entity::find().count(db).await.unwrap(),
        scores_before + 4
    );
    let back = hers.pull_with(&app, vec![]).await;
    let decided = back["decided"].as_array().unwrap();
    assert_eq!(decided.len(), 6, "her 5Б cell and the 5А card: {back}");
    assert!(decided.iter().all(|d| d["approved"] == true));
    let second = back["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["student_id"] == a[1])
        .unwrap()
        .clone();
    assert_eq!(second["scores"][0]["score"], 1, "typed 0 then 1: {second}");
    assert!(back["changes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["student_id"] == a[2] && r["absent"] == true));
    assert!(
        hers.pull_with(&app, vec![]).await.get("decided").is_none(),
        "told once"
    );

    // Declined: nothing written, and teacher2's tablet is told why.
    let left = json_of(&app, "held", "", &deputy).await;
    let (status, _) = decide(&app, &deputy, &ids(&left[0]), false).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        task_score::Entity::find().count(db).await.unwrap(),
        scores_before + 4
    );
    assert_eq!(json_of(&app, "held", "", &deputy).await, json!([]));
    let told = other.pull_with(&app, vec![]).await;
    assert_eq!(told["decided"][0]["approved"], false, "{told}");
    assert!(told["decided"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("не принял"));
}
both_engines!(late_edits_are_settled_per_class, one_decision_per_class);
