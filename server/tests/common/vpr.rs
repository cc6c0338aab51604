//! A school's own ВПР as the ФИС ОКО tests start it: 4А with two pupils (Акимова Анна, Белов
//! Борис), Russian of grade 4 with tasks «1 (2б)», «9.1 (1б)», «4К1 (2б)» on 20 April 2027,
//! codes issued (40001, 40002), and the teacher's tablet signed on to `/api/sync`.

use axum::http::StatusCode;
use sea_orm::DatabaseConnection;
use serde_json::{json, Value};

use super::api::{app, call, call_json, form, login};
use super::school::{class_4a_with_its_teacher, import_students, school_with_staff, subject_id};
use super::sync::new_mutation;
use domain::sync::{AbsenceSet, ScoreSet, SyncResponse};

pub struct Vpr {
    pub app: axum::Router,
    pub deputy: String,
    pub teacher: String,
    pub id: i32,
    pub task_ids: Vec<i32>,
    pub device: String,
    pub cursor: i64,
    seq: i64,
}

pub async fn sync(app: &axum::Router, cookie: &str, body: Value) -> SyncResponse {
    let (status, text) = call_json(app, "sync", &body, cookie).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    serde_json::from_str(&text).unwrap()
}

pub async fn vpr_of_4a(db: &DatabaseConnection) -> Vpr {
    school_with_staff(db).await;
    let app = app(db);
    let deputy = login(&app, "zavuch", "пароль школы").await;
    let teacher = login(&app, "uchitel", "пароль школы").await;
    let class_4a = class_4a_with_its_teacher(db, &app, &deputy).await;
    import_students(
        &app,
        &deputy,
        "ФИО;Класс\nАкимова Анна;4А\nБелов Борис;4А\n",
    )
    .await;
    let task = |label: &str, max: i16, advanced: bool| json!({ "label": label, "max_score": max, "advanced": advanced, "topic": "", "skill_code": "" });
    let draft = json!({ "draft": { "kind": "Vpr", "stage": null,
        "subject_id": subject_id(db, "Русский язык").await, "grade": 4, "class_ids": [class_4a],
        "held_on": "2027-04-20", "title": "", "source": null,
        "paper": { "tasks": [task("1", 2, false), task("9.1", 1, false), task("4К1", 2, true)],
            "scale": { "mark3_from": 2, "mark4_from": 3, "mark5_from": 4 } } } });
    let (code, text) = call_json(&app, "procedures/create", &draft, &deputy).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let id: i32 = text.trim().parse().unwrap();
    let of = form(&[("procedure_id", &id.to_string())]);
    let (code, _, text) = call(&app, "participant-codes/issue", &of, Some(&deputy)).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let (_, _, sheet) = call(&app, "procedure/sheet", &of, Some(&teacher)).await;
    let sheet: Value = serde_json::from_str(&sheet).unwrap();
    let task_ids = sheet["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap() as i32)
        .collect();
    let first = sync(
        &app,
        &teacher,
        json!({"device": null, "cursor": 0, "last_seq_made": 0, "mutations": []}),
    )
    .await;
    Vpr {
        app,
        deputy,
        teacher,
        id,
        task_ids,
        device: first.device,
        cursor: first.cursor,
        seq: 0,
    }
}

impl Vpr {
    /// A score the teacher types: task by its position in the paper.
    pub fn score(&self, student_id: i32, task: usize, score: i16) -> (&'static str, Value) {
        let set = ScoreSet {
            procedure_id: self.id,
            student_id,
            task_id: self.task_ids[task],
            score: Some(score),
        };
        (ScoreSet::KIND, json!(set))
    }

    /// «не писал(а)» ticked for a pupil.
    pub fn absent(&self, student_id: i32) -> (&'static str, Value) {
        let set = AbsenceSet {
            procedure_id: self.id,
            student_id,
            absent: true,
        };
        (AbsenceSet::KIND, json!(set))
    }

    /// The teacher's tablet pushes `edits` (kind, payload), each applied.
    pub async fn typed(&mut self, edits: &[(&str, Value)]) {
        let mutations: Vec<Value> = edits
            .iter()
            .map(|(kind, payload)| {
                self.seq += 1;
                json!(new_mutation(
                    uuid::Uuid::new_v4().to_string(),
                    self.seq,
                    kind,
                    payload,
                    None
                ))
            })
            .collect();
        let done = sync(
            &self.app,
            &self.teacher,
            json!({"device": self.device, "cursor": self.cursor,
            "last_seq_made": self.seq, "mutations": mutations}),
        )
        .await;
        assert_eq!(done.applied.len(), edits.len(), "{done:?}");
        self.cursor = done.cursor;
    }

    /// What the tablet pulls now.
    pub async fn pull(&mut self) -> SyncResponse {
        let pulled = sync(
            &self.app,
            &self.teacher,
            json!({"device": self.device, "cursor": self.cursor,
            "last_seq_made": self.seq, "mutations": []}),
        )
        .await;
        self.cursor = pulled.cursor;
        pulled
    }
}
