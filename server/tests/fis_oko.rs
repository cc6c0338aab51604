//! The ФИС ОКО report «Ф1 Индивидуальные результаты» back into a school's ВПР: codes issued,
//! some scores typed on a tablet through `/api/sync`, the report previewed (fills the missing,
//! shows what differs, writes nothing), loaded (all at once, pulled by the tablet), loaded again
//! (changes nothing); an unplaceable row refuses the whole file.

mod common;

use axum::http::StatusCode;
use base64::Engine as _;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use serde_json::{json, Value};

use backend::entity::task_score;
use common::api::{app, call, call_json, form, login};
use common::school::{class_4a_with_its_teacher, pupil, school_with_staff, subject_id};
use common::sync::new_mutation;
use domain::sync::{ScoreSet, SyncResponse};

/// A Ф1 workbook in the real layout (invented school): title block, header on row 8, a group
/// row, then (code, class ordinal, scores, total) per participant.
fn f1(participants: &[(&str, &str, [&str; 3], &str)]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("РУ 4 Индивидуальные результаты").unwrap();
    let mut put = |r: u32, cells: &[&str]| {
        for (c, text) in cells.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(r, c as u16, *text).unwrap();
            }
        }
    };
    put(0, &["Индивидуальные результаты"]);
    put(2, &["ВПР 2027 Русский язык 4 класс"]);
    put(3, &["Предмет:", "Русский язык"]);
    put(
        6,
        &[
            "",
            "",
            "Уровень сложности задания",
            "",
            "",
            "",
            "Б",
            "Б",
            "П",
        ],
    );
    put(
        7,
        &[
            "ОО",
            "Муниципалитет",
            "Название ОО",
            "Код участника",
            "Класс",
            "Вариант",
            "1 (2б)",
            "9.1 (1б)",
            "4К1 (2б)",
            "Первичный балл",
            "Отметка",
            "Отметка по журналу",
        ],
    );
    put(8, &["МБОУ «Школа № 9»(edu123456) | Кол-во участников: 2"]);
    for (i, (code, class, s, total)) in participants.iter().enumerate() {
        put(
            9 + i as u32,
            &[
                "edu123456",
                "Город Пример",
                "МБОУ «Школа № 9»(edu123456)",
                code,
                class,
                "1",
                s[0],
                s[1],
                s[2],
                total,
                "4",
                "нет отметки",
            ],
        );
    }
    book.save_to_buffer().unwrap()
}

fn file(bytes: &[u8], procedure_id: i32) -> Value {
    json!({ "procedure_id": procedure_id, "file_name": "Ф1.xlsx",
        "data": base64::engine::general_purpose::STANDARD.encode(bytes) })
}

async fn sync(app: &axum::Router, cookie: &str, body: Value) -> SyncResponse {
    let (status, text) = call_json(app, "sync", &body, cookie).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn f1_back_into_the_vpr(db: &DatabaseConnection) {
    school_with_staff(db).await;
    let app = app(db);
    let deputy = login(&app, "zavuch", "пароль школы").await;
    let teacher = login(&app, "uchitel", "пароль школы").await;
    let class_4a = class_4a_with_its_teacher(db, &app, &deputy).await;
    common::school::import_students(
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
    let task_ids: Vec<i32> = sheet["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap() as i32)
        .collect();

    // The teacher typed Анна's first two tasks: 2 and 0.
    let first = sync(
        &app,
        &teacher,
        json!({"device": null, "cursor": 0, "last_seq_made": 0, "mutations": []}),
    )
    .await;
    let anna = pupil(db, "Акимова").await;
    let score = |seq: i64, task_id: i32, score: i16| {
        json!(new_mutation(
            uuid::Uuid::new_v4().to_string(),
            seq,
            ScoreSet::KIND,
            &ScoreSet {
                procedure_id: id,
                student_id: anna,
                task_id,
                score: Some(score)
            },
            None
        ))
    };
    let typed = sync(
        &app,
        &teacher,
        json!({"device": first.device, "cursor": first.cursor, "last_seq_made": 2,
        "mutations": [score(1, task_ids[0], 2), score(2, task_ids[1], 0)]}),
    )
    .await;
    assert_eq!(typed.applied.len(), 2, "{typed:?}");

    let report = f1(&[
        ("40001", "1", ["2", "1", "0"], "3"),
        ("40002", "1", ["1", "Х", "2"], "3"),
    ]);
    let scores = || async { task_score::Entity::find().count(db).await.unwrap() };
    let (code, text) = call_json(&app, "fis-oko/f1/preview", &file(&report, id), &deputy).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let preview: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        (
            preview["participants"].as_i64(),
            preview["fills"].as_i64(),
            preview["same"].as_i64()
        ),
        (Some(2), Some(3), Some(1)),
        "{text}"
    );
    assert_eq!(
        preview["differences"],
        json!([{ "row": 10, "code": "40001", "what": "задание 9.1", "typed": "0", "reported": "1" }])
    );
    assert_eq!(preview["written"], false);
    assert_eq!(scores().await, 2, "a preview writes nothing");

    let (code, text) = call_json(&app, "fis-oko/f1/load", &file(&report, id), &deputy).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    assert_eq!(
        serde_json::from_str::<Value>(&text).unwrap()["written"],
        true
    );
    assert_eq!(scores().await, 5, "Анна's 4К1 and Борис's two scored tasks");
    let pulled = sync(&app, &teacher, json!({"device": first.device, "cursor": typed.cursor, "last_seq_made": 2, "mutations": []})).await;
    assert_eq!(pulled.changes.len(), 2, "the tablet pulls both results");
    let (_, text) = call_json(&app, "fis-oko/f1/load", &file(&report, id), &deputy).await;
    let again: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        (again["fills"].as_i64(), again["written"].as_bool()),
        (Some(0), Some(false)),
        "{text}"
    );
    assert_eq!(scores().await, 5, "the same file twice changes nothing");

    // One row it cannot place refuses the file; a teacher may not load it at all.
    let stray = f1(&[
        ("40002", "1", ["1", "1", "2"], "4"),
        ("49999", "1", ["1", "1", "1"], "3"),
    ]);
    let (_, text) = call_json(&app, "fis-oko/f1/load", &file(&stray, id), &deputy).await;
    let refused: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(refused["problems"][0]["row"], 11, "{text}");
    assert!(refused["problems"][0]["message"]
        .as_str()
        .unwrap()
        .contains("49999 не выдан"));
    assert_eq!(scores().await, 5);
    let (code, _) = call_json(&app, "fis-oko/f1/preview", &file(&report, id), &teacher).await;
    assert_eq!(code, StatusCode::FORBIDDEN);
}

both_engines!(the_f1_report_comes_back_into_the_vpr, f1_back_into_the_vpr);
