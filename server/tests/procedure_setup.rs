//! «Новая работа» from an empty installation: a school added from the console, its deputy makes
//! a ВПР from the catalogue, its teacher her own контрольная, and both reach the teacher's list
//! and sheet. Broken papers are refused with every problem named and nothing written.

mod common;

use axum::http::StatusCode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};
use serde_json::{json, Value};

use backend::entity::{
    audit_log, procedure, procedure_class, procedure_result, procedure_task, student, task_score,
};
use base64::Engine as _;
use common::api::{app, call, call_json, download, form, login};
use common::school::{class_4a_with_its_teacher, school_with_staff, subject_id};

fn draft(kind: &str, subject_id: i32, class_id: i32, paper: Value) -> Value {
    json!({ "draft": {
        "kind": kind, "stage": null, "subject_id": subject_id, "grade": 4,
        "class_ids": [class_id], "held_on": "2027-04-15", "title": "", "paper": paper,
        "source": null,
    }})
}

fn task(label: &str, max: i16) -> Value {
    json!({ "label": label, "max_score": max, "advanced": false, "topic": "", "skill_code": "" })
}

async fn procedures(db: &DatabaseConnection) -> u64 {
    procedure::Entity::find().count(db).await.unwrap()
}

async fn made_by_the_school(db: &DatabaseConnection) {
    school_with_staff(db).await;
    let app = app(db);
    let deputy = login(&app, "zavuch", "пароль школы").await;
    let teacher = login(&app, "uchitel", "пароль школы").await;
    assert_eq!(
        call(&app, "procedures/setup", "", Some(&teacher)).await.0,
        StatusCode::FORBIDDEN,
        "she teaches nothing yet"
    );
    let class_4a = class_4a_with_its_teacher(db, &app, &deputy).await;
    let russian = subject_id(db, "Русский язык").await;
    let maths = subject_id(db, "Математика").await;

    // The deputy starts from the catalogue's ВПР and saves it as it is.
    let (code, _, text) = call(&app, "procedures/setup", "", Some(&deputy)).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let setup: Value = serde_json::from_str(&text).unwrap();
    let vpr = setup["catalogue"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["subject"] == "Русский язык" && p["grade"] == 4)
        .expect("ВПР Русский язык 4 in the catalogue")
        .clone();
    assert!(setup["classes"].to_string().contains("4А"), "{setup}");
    let mut from_catalogue = draft("Vpr", russian, class_4a, vpr["paper"].clone());
    from_catalogue["draft"]["source"] = vpr["source"].clone();
    let (code, text) = call_json(&app, "procedures/create", &from_catalogue, &deputy).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let id: i32 = text.trim().parse().expect("the new procedure's id");
    let made = procedure::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        made.title, "ВПР. Русский язык, 4 класс",
        "the title is proposed"
    );
    assert_eq!(
        (made.mark3_from, made.mark4_from, made.mark5_from),
        (10, 16, 21)
    );
    let tasks = procedure_task::Entity::find()
        .filter(procedure_task::Column::ProcedureId.eq(id))
        .all(db)
        .await
        .unwrap();
    assert_eq!(tasks.len(), 15);
    assert_eq!(tasks.iter().map(|t| t.max_score).sum::<i16>(), 24);
    assert_eq!(
        procedure_class::Entity::find()
            .filter(procedure_class::Column::ProcedureId.eq(id))
            .count(db)
            .await
            .unwrap(),
        1
    );
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq("procedure"))
        .filter(audit_log::Column::EntityId.eq(id.to_string()))
        .count(db)
        .await
        .unwrap();
    assert_eq!(audited, 1);

    // The teacher of 4А sees it in her list and opens its sheet.
    let (code, _, list) = call(&app, "procedures/mine", "", Some(&teacher)).await;
    assert_eq!(code, StatusCode::OK, "{list}");
    assert!(
        list.contains("ВПР. Русский язык, 4 класс") && list.contains("4А"),
        "{list}"
    );
    let sheet = form(&[("procedure_id", &id.to_string())]);
    let (code, _, text) = call(&app, "procedure/sheet", &sheet, Some(&teacher)).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    assert!(text.contains(r#""label":"12.2""#), "{text}");

    // A broken paper: every problem named, nothing written.
    let before = procedures(db).await;
    let broken = json!({ "tasks": [task("1", 2), task("1", 1), task("3", 0)],
        "scale": { "mark3_from": 3, "mark4_from": 2, "mark5_from": 9 } });
    let (code, text) = call_json(
        &app,
        "procedures/create",
        &draft("Control", russian, class_4a, broken),
        &deputy,
    )
    .await;
    assert_eq!(code, StatusCode::BAD_REQUEST, "{text}");
    for said in [
        "«1» указано дважды",
        "«3»: максимальный балл",
        "строго возрастать",
        "больше максимума",
    ] {
        assert!(text.contains(said), "{said}: {text}");
    }
    assert_eq!(procedures(db).await, before, "nothing written");

    // The teacher: her own контрольная in her class and subject, never a ВПР or another subject.
    let paper = json!({ "tasks": [task("1", 2), task("2", 3)],
        "scale": { "mark3_from": 2, "mark4_from": 3, "mark5_from": 5 } });
    let (code, _) = call_json(
        &app,
        "procedures/create",
        &draft("Vpr", russian, class_4a, paper.clone()),
        &teacher,
    )
    .await;
    assert_eq!(code, StatusCode::FORBIDDEN);
    let (code, _) = call_json(
        &app,
        "procedures/create",
        &draft("Control", maths, class_4a, paper.clone()),
        &teacher,
    )
    .await;
    assert_eq!(code, StatusCode::FORBIDDEN);
    assert_eq!(procedures(db).await, before, "refusals write nothing");
    let (code, text) = call_json(
        &app,
        "procedures/create",
        &draft("Control", russian, class_4a, paper),
        &teacher,
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let (_, _, list) = call(&app, "procedures/mine", "", Some(&teacher)).await;
    assert!(
        list.contains("Контрольная работа. Русский язык, 4 класс"),
        "{list}"
    );
    let (code, _, text) = call(&app, "procedures/setup", "", Some(&teacher)).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let setup: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        setup["allowed"],
        json!([{ "class_id": class_4a, "subject_id": russian, "any_kind": false }])
    );
    assert_eq!(
        setup["earlier"].as_array().unwrap().len(),
        2,
        "both papers can be copied"
    );

    counted_only_when_complete(db, &app, &deputy, &teacher, class_4a).await;
}

/// One score of two is not a result: no mark on the class page, none in the report.
async fn counted_only_when_complete(
    db: &DatabaseConnection,
    app: &axum::Router,
    deputy: &str,
    teacher: &str,
    class_4a: i32,
) {
    let list = "ФИО;Класс\nОрлова Вера Петровна;4А\n";
    let upload = json!({ "file_name": "4а.csv", "data": base64::engine::general_purpose::STANDARD.encode(list) });
    let (code, text) = call_json(app, "students/import", &upload, deputy).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let pupil = student::Entity::find().one(db).await.unwrap().unwrap().id;
    let control = procedure::Entity::find()
        .filter(procedure::Column::Kind.eq("control"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let tasks = procedure_task::Entity::find()
        .filter(procedure_task::Column::ProcedureId.eq(control.id))
        .all(db)
        .await
        .unwrap();
    let result = procedure_result::ActiveModel {
        procedure_id: Set(control.id),
        student_id: Set(pupil),
        class_id: Set(class_4a),
        absent: Set(false),
        updated_by: Set(None),
        updated_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let score = |task_id: i32, score: i16| task_score::ActiveModel {
        result_id: Set(result.id),
        task_id: Set(task_id),
        score: Set(score),
    };
    score(tasks[0].id, 2).insert(db).await.unwrap();
    let marks = |text: &str| -> Value {
        let all: Value = serde_json::from_str(text).unwrap();
        all.as_array()
            .unwrap()
            .iter()
            .find(|p| p["kind"] == "Контрольная работа")
            .unwrap()["marks"]
            .clone()
    };
    let class = form(&[("class_id", &class_4a.to_string())]);
    let report = form(&[("procedure_id", &control.id.to_string())]);
    let (_, _, text) = call(app, "class/procedures", &class, Some(teacher)).await;
    assert_eq!(marks(&text), json!([0, 0, 0, 0]), "{text}");
    let (code, _, text) = call(app, "report", &report, Some(deputy)).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let r: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(r["school"]["marks"], json!([0, 0, 0, 0, 0]), "{text}");

    // The second score makes it a result: 2 + 3 = 5 is a «5» on this scale.
    score(tasks[1].id, 3).insert(db).await.unwrap();
    let (_, _, text) = call(app, "class/procedures", &class, Some(teacher)).await;
    assert_eq!(marks(&text), json!([0, 0, 0, 1]), "{text}");
    let (_, _, text) = call(app, "report", &report, Some(deputy)).await;
    let r: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(r["school"]["marks"], json!([0, 0, 0, 0, 1]), "{text}");
}

both_engines!(a_school_makes_its_own_procedures, made_by_the_school);

fn upload(file_name: &str, bytes: &[u8]) -> Value {
    json!({ "file_name": file_name, "data": base64::engine::general_purpose::STANDARD.encode(bytes) })
}

/// The template downloaded, filled and read back; a sheet with mistakes named row by row.
async fn tasks_from_a_spreadsheet(db: &DatabaseConnection) {
    server::demo::load(db, common::structure_only())
        .await
        .unwrap();
    let app = app(db);
    let deputy = login(&app, "deputy", "demo").await;
    let (code, _, _) = download(&app, "/api/procedures/tasks-template", None).await;
    assert_eq!(code, StatusCode::UNAUTHORIZED);
    let (code, kind, template) =
        download(&app, "/api/procedures/tasks-template", Some(&deputy)).await;
    assert_eq!(code, StatusCode::OK);
    assert!(kind.contains("spreadsheetml"), "{kind}");
    let (code, text) = call_json(
        &app,
        "procedures/tasks-file",
        &upload("шаблон.xlsx", &template),
        &deputy,
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let read: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(read["tasks"][1]["label"], "9.1");
    assert_eq!(read["tasks"][1]["advanced"], true);

    let csv = "Номер;Макс. балл;Уровень;Тема\n1;2;Б;Дроби\n1;1;Б;\n2;0;П;\n3;1;Х;\n";
    let (code, text) = call_json(
        &app,
        "procedures/tasks-file",
        &upload("задания.csv", csv.as_bytes()),
        &deputy,
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let read: Value = serde_json::from_str(&text).unwrap();
    let rows: Vec<i64> = read["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["row"].as_i64().unwrap())
        .collect();
    assert_eq!(rows, [3, 4, 5], "{text}");
    assert_eq!(read["tasks"], json!([]));

    let xlsx = common::files::xlsx(&[("A1", "№"), ("B1", "Максимальный балл"), ("C1", "Код")]);
    let (_, text) = call_json(
        &app,
        "procedures/tasks-file",
        &upload("пусто.xlsx", &xlsx),
        &deputy,
    )
    .await;
    assert!(text.contains("ни одного задания"), "{text}");

    let admin = login(&app, "admin", "demo").await;
    let (code, _) = call_json(
        &app,
        "procedures/tasks-file",
        &upload("задания.csv", csv.as_bytes()),
        &admin,
    )
    .await;
    assert_eq!(code, StatusCode::FORBIDDEN, "the admin makes no papers");
}

both_engines!(tasks_come_from_a_spreadsheet, tasks_from_a_spreadsheet);

/// An ОГЭ with its primary → test score table: a table that falls is refused, a sound one reaches
/// the sheet the tablet keeps.
async fn test_scores_of_an_exam(db: &DatabaseConnection) {
    school_with_staff(db).await;
    let app = app(db);
    let deputy = login(&app, "zavuch", "пароль школы").await;
    let class_4a = class_4a_with_its_teacher(db, &app, &deputy).await;
    let russian = subject_id(db, "Русский язык").await;
    let exam = |table: Value| {
        let mut d = draft(
            "Oge",
            russian,
            class_4a,
            json!({ "tasks": [task("1", 2), task("2", 1)], "test_scores": table,
                "scale": { "mark3_from": 1, "mark4_from": 2, "mark5_from": 3 } }),
        );
        d["draft"]["held_on"] = json!("2027-05-25");
        d
    };
    let (code, text) = call_json(
        &app,
        "procedures/create",
        &exam(json!([0, 40, 30, 100])),
        &deputy,
    )
    .await;
    assert_eq!(code, StatusCode::BAD_REQUEST, "{text}");
    assert!(text.contains("Таблица перевода"), "{text}");
    let (code, text) = call_json(
        &app,
        "procedures/create",
        &exam(json!([0, 33, 67, 100])),
        &deputy,
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let sheet = form(&[("procedure_id", text.trim())]);
    let (code, _, text) = call(&app, "procedure/sheet", &sheet, Some(&deputy)).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    assert!(text.contains(r#""test_scores":[0,33,67,100]"#), "{text}");
}

both_engines!(an_exam_keeps_its_score_table, test_scores_of_an_exam);
