//! Skill codes carry meaning: a school's paper with кодификатор elements, results in, and the
//! report's solve rates per element (an element checked by two tasks pooled, its gap named), the
//! same as the class sheet computes on the tablet from the sheet the server sends.

mod common;

use axum::http::StatusCode;
use sea_orm::DatabaseConnection;
use serde_json::{json, Value};

use common::api::{app, call, call_json, form, login};
use common::school::{
    class_4a_with_its_teacher, pupil, school_with_staff, subject_id, write_result,
};
use domain::sync::replica;
use domain::wire::result_sheet::ResultSheet;

fn task(label: &str, max: i16, code: &str) -> Value {
    json!({ "label": label, "max_score": max, "advanced": false, "topic": "", "skill_code": code })
}

async fn rates_per_element(db: &DatabaseConnection) {
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
    let draft = json!({ "draft": {
        "kind": "Control", "stage": null, "subject_id": subject_id(db, "Русский язык").await,
        "grade": 4, "class_ids": [class_4a], "held_on": "2026-10-20", "title": "", "source": null,
        "paper": { "tasks": [task("1", 2, "1.1"), task("2", 1, "2.1"), task("3", 2, "1.1; 3.2")],
            "scale": { "mark3_from": 2, "mark4_from": 3, "mark5_from": 5 } } }});
    let (code, text) = call_json(&app, "procedures/create", &draft, &deputy).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let id: i32 = text.trim().parse().unwrap();
    // Анна 2, 1, 0; Борис 0, 1, 1. Element 1.1 (tasks 1 and 3): 3 of 8; 2.1: 2 of 2; 3.2: 1 of 4.
    for (last_name, scores) in [("Акимова", [2, 1, 0]), ("Белов", [0, 1, 1])] {
        write_result(db, id, class_4a, pupil(db, last_name).await, &scores).await;
    }
    let (code, _, text) = call(
        &app,
        "report",
        &form(&[("procedure_id", &id.to_string())]),
        Some(&deputy),
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let report: Value = serde_json::from_str(&text).unwrap();
    let elements: Vec<(String, String, bool)> = report["elements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap().to_string(),
                format!("{:.1}", e["rate"].as_f64().unwrap()),
                e["gap"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        elements,
        [
            ("1.1".into(), "37.5".into(), true),
            ("2.1".into(), "100.0".into(), false),
            ("3.2".into(), "25.0".into(), true)
        ]
    );
    assert_eq!(report["tasks"][2]["skill_code"], "1.1; 3.2");

    // The tablet's class figures, from the sheet it is sent, say the same.
    let (code, _, text) = call(
        &app,
        "procedure/sheet",
        &form(&[("procedure_id", &id.to_string())]),
        Some(&deputy),
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let sheet: ResultSheet = serde_json::from_str(&text).unwrap();
    let on_device = replica::figures(&sheet, &replica::Edits::default(), None);
    let codes: Vec<(&str, bool)> = on_device
        .elements
        .iter()
        .map(|e| (e.code.as_str(), e.gap))
        .collect();
    assert_eq!(codes, [("1.1", true), ("2.1", false), ("3.2", true)]);
    assert!((on_device.elements[0].rate.unwrap() - 37.5).abs() < 1e-9);
}

both_engines!(solve_rates_per_codifier_element, rates_per_element);
