//! «График оценочных процедур» of a school started from the console: its own procedures on the
//! year's weeks, two in one day and a subject over 10 % of its lessons marked (not refused), the
//! lessons set by the deputy only, the schedule read by every member of staff and downloaded.

mod common;

use axum::http::StatusCode;
use sea_orm::DatabaseConnection;
use serde_json::{json, Value};

use common::api::{app, call, call_json, download, form, login};
use common::school::{class_4a_with_its_teacher, school_with_staff, subject_id};

fn draft(kind: &str, subject_id: i32, class_id: i32, on: &str, title: &str) -> Value {
    json!({ "draft": {
        "kind": kind, "stage": null, "subject_id": subject_id, "grade": 4,
        "class_ids": [class_id], "held_on": on, "title": title, "source": null,
        "paper": { "tasks": [{ "label": "1", "max_score": 5, "advanced": false, "topic": "", "skill_code": "" }],
            "scale": { "mark3_from": 2, "mark4_from": 3, "mark5_from": 5 } } }})
}

async fn schedule_of(app: &axum::Router, cookie: &str) -> Value {
    let (code, _, text) = call(app, "schedule", "", Some(cookie)).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn the_year_on_one_page(db: &DatabaseConnection) {
    school_with_staff(db).await;
    let app = app(db);
    let deputy = login(&app, "zavuch", "пароль школы").await;
    let teacher = login(&app, "uchitel", "пароль школы").await;
    let class_4a = class_4a_with_its_teacher(db, &app, &deputy).await;
    let russian = subject_id(db, "Русский язык").await;
    let maths = subject_id(db, "Математика").await;
    let empty = schedule_of(&app, &deputy).await;
    assert!(empty["breaches"].as_array().unwrap().is_empty());
    assert_eq!(empty["grades"][0]["classes"][0]["class"], "4А");

    let year_start = empty["weeks"][0].as_str().unwrap().to_string();
    let year: i32 = year_start[..4].parse().unwrap();
    let on = |m: u32, d: u32| {
        let y = if m >= 9 { year } else { year + 1 };
        format!("{y}-{m:02}-{d:02}")
    };
    for (kind, subject, date, title) in [
        ("Control", russian, on(10, 14), "Контрольный диктант"),
        ("Vpr", maths, on(10, 14), "ВПР по математике"),
        ("Control", russian, on(12, 9), "Изложение"),
        ("Olympiad", russian, on(12, 9), "Школьный этап ВсОШ"),
    ] {
        let (code, text) = call_json(
            &app,
            "procedures/create",
            &draft(kind, subject, class_4a, &date, title),
            &deputy,
        )
        .await;
        assert_eq!(code, StatusCode::OK, "{text}");
    }
    let s = schedule_of(&app, &teacher).await;
    assert_eq!(s["can_set_lessons"], false);
    let breaches: Vec<&str> = s["breaches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_str().unwrap())
        .collect();
    assert_eq!(
        breaches.len(),
        1,
        "the olympiad is not an assessment of the class: {breaches:?}"
    );
    assert!(breaches[0].starts_with("4А, 14.10.") && breaches[0].contains("2 работы в один день"));

    // 20 lessons of Russian a year allow 2 procedures; the third is over, and only the deputy sets
    // the lessons.
    let lessons = form(&[
        ("subject_id", &russian.to_string()),
        ("grade", "4"),
        ("lessons", "20"),
    ]);
    let (code, _, _) = call(&app, "schedule/lessons", &lessons, Some(&teacher)).await;
    assert_eq!(code, StatusCode::FORBIDDEN);
    let (code, _, text) = call(&app, "schedule/lessons", &lessons, Some(&deputy)).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let s = schedule_of(&app, &deputy).await;
    assert_eq!(s["can_set_lessons"], true);
    assert_eq!(
        s["breaches"].as_array().unwrap().len(),
        1,
        "2 of 20 is within 10 %"
    );
    let (code, text) = call_json(
        &app,
        "procedures/create",
        &draft("Diagnostic", russian, class_4a, &on(3, 3), "Итоговая"),
        &deputy,
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let s = schedule_of(&app, &deputy).await;
    let over = s["loads"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["subject_id"] == russian)
        .unwrap();
    assert_eq!(
        (over["procedures"].as_i64(), over["over"].as_bool()),
        (Some(3), Some(true))
    );
    assert!(
        s["breaches"].to_string().contains("3 работы при 20 уроках"),
        "{}",
        s["breaches"]
    );
    let bad = form(&[
        ("subject_id", &russian.to_string()),
        ("grade", "7"),
        ("lessons", "20"),
    ]);
    let (code, _, text) = call(&app, "schedule/lessons", &bad, Some(&deputy)).await;
    assert_eq!(code, StatusCode::BAD_REQUEST, "{text}");
    assert!(text.contains("нет классов 7-й параллели"), "{text}");

    // Downloaded as a list, a row per class and procedure, the breaches beside them.
    let (code, kind, bytes) = download(&app, "/api/table-export/schedule", Some(&teacher)).await;
    assert_eq!(code, StatusCode::OK);
    assert!(kind.contains("spreadsheetml"), "{kind}");
    let rows = common::results::sheet_rows(bytes, "Таблица");
    let text = format!("{rows:?}");
    assert!(
        text.contains("Контрольный диктант") && text.contains("Больше одной работы в день"),
        "{text}"
    );
    let (code, _, _) = download(&app, "/api/table-export/schedule", None).await;
    assert_eq!(code, StatusCode::UNAUTHORIZED);
}

both_engines!(a_schools_year_on_its_schedule, the_year_on_one_page);
