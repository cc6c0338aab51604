//! Dynamics compare like with like: in a school started from the console, the промежуточная
//! диагностика is set against the входная of the same classes, never against a контрольная of the
//! same subject that came between; the deputy may pick only among what pairs.

mod common;

use axum::http::StatusCode;
use sea_orm::DatabaseConnection;
use serde_json::{json, Value};

use common::api::{app, call, call_json, form, login};
use common::school::{
    class_4a_with_its_teacher, pupil, school_with_staff, subject_id, write_result,
};

async fn like_with_like(db: &DatabaseConnection) {
    school_with_staff(db).await;
    let app = app(db);
    let deputy = login(&app, "zavuch", "пароль школы").await;
    let class_4a = class_4a_with_its_teacher(db, &app, &deputy).await;
    common::school::import_students(
        &app,
        &deputy,
        "ФИО;Класс\nАкимова Анна;4А\nБелов Борис;4А\n",
    )
    .await;
    let russian = subject_id(db, "Русский язык").await;
    let year = {
        let (_, _, text) = call(&app, "schedule", "", Some(&deputy)).await;
        let s: Value = serde_json::from_str(&text).unwrap();
        s["weeks"][1].as_str().unwrap()[..4].parse::<i32>().unwrap()
    };
    let make = |kind: &str, stage: Option<&str>, on: String| {
        json!({ "draft": {
            "kind": kind, "stage": stage, "subject_id": russian, "grade": 4,
            "class_ids": [class_4a], "held_on": on, "title": "", "source": null,
            "paper": { "tasks": [{ "label": "1", "max_score": 4, "advanced": false, "topic": "", "skill_code": "" }],
                "scale": { "mark3_from": 2, "mark4_from": 3, "mark5_from": 4 } } }})
    };
    let mut ids = Vec::new();
    for (kind, stage, on) in [
        ("Diagnostic", Some("Entry"), format!("{year}-09-20")),
        ("Control", None, format!("{year}-11-10")),
        ("Diagnostic", Some("Midterm"), format!("{year}-12-15")),
    ] {
        let (code, text) =
            call_json(&app, "procedures/create", &make(kind, stage, on), &deputy).await;
        assert_eq!(code, StatusCode::OK, "{text}");
        ids.push(text.trim().parse::<i32>().unwrap());
    }
    let (entry, control, midterm) = (ids[0], ids[1], ids[2]);
    let (anna, boris) = (pupil(db, "Акимова").await, pupil(db, "Белов").await);
    // Входная: «5» and «2»; the контрольная: «2» and «2»; промежуточная: «5» and «4».
    for (id, scores) in [(entry, [4, 1]), (control, [0, 1]), (midterm, [4, 3])] {
        write_result(db, id, class_4a, anna, &scores[..1]).await;
        write_result(db, id, class_4a, boris, &scores[1..]).await;
    }
    let report = |id: i32| {
        let app = app.clone();
        let deputy = deputy.clone();
        async move {
            let (code, _, text) = call(
                &app,
                "report",
                &form(&[("procedure_id", &id.to_string())]),
                Some(&deputy),
            )
            .await;
            assert_eq!(code, StatusCode::OK, "{text}");
            serde_json::from_str::<Value>(&text).unwrap()
        }
    };
    let r = report(midterm).await;
    assert_eq!(r["earlier"]["id"], entry, "{}", r["earlier"]);
    assert_eq!(
        r["earlier"]["how"],
        "та же серия диагностик этого года, те же классы"
    );
    // Успеваемость 50 % → 100 %.
    assert_eq!(
        r["earlier"]["dynamics"]["success_rate"].as_f64(),
        Some(50.0)
    );
    let choices: Vec<i64> = r["earlier_choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(choices, [i64::from(entry)]);
    assert!(
        report(control).await["earlier"].is_null(),
        "a контрольная has no series before it"
    );

    let pick = |follows: i32| {
        form(&[
            ("procedure_id", &midterm.to_string()),
            ("follows_id", &follows.to_string()),
        ])
    };
    let (code, _, text) = call(&app, "report/follows", &pick(control), Some(&deputy)).await;
    assert_eq!(code, StatusCode::BAD_REQUEST, "{text}");
    assert!(text.contains("сравнивать нельзя"), "{text}");
    let (code, _, text) = call(&app, "report/follows", &pick(entry), Some(&deputy)).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    assert_eq!(report(midterm).await["earlier"]["chosen"], true);
    let teacher = login(&app, "uchitel", "пароль школы").await;
    let (code, _, _) = call(&app, "report/follows", &pick(entry), Some(&teacher)).await;
    assert_eq!(code, StatusCode::FORBIDDEN);
}

both_engines!(dynamics_compare_like_with_like, like_with_like);
