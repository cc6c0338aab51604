//! «Коды участников» of a ВПР in a school started from the console: codes issued in the ФИС ОКО
//! convention with each class's ordinal, fixed once given; a school's own list loaded instead,
//! every broken row named and nothing written; the printable list downloaded; only the deputy and
//! the director see which code is whose.

mod common;

use axum::http::StatusCode;
use base64::Engine as _;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use serde_json::{json, Value};

use backend::entity::participant_code;
use common::api::{app, call, call_json, download, form, login};
use common::school::{class_4a_with_its_teacher, school_with_staff, subject_id};

fn encoded(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text)
}

async fn codes_of_a_vpr(db: &DatabaseConnection) {
    school_with_staff(db).await;
    let app = app(db);
    let deputy = login(&app, "zavuch", "пароль школы").await;
    let teacher = login(&app, "uchitel", "пароль школы").await;
    let class_4a = class_4a_with_its_teacher(db, &app, &deputy).await;
    let (code, _, text) = call(
        &app,
        "classes/create",
        &form(&[("grade", "4"), ("letter", "Б")]),
        Some(&deputy),
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let list = "ФИО;Класс\nАкимова Анна;4А\nБелов Борис;4А\nВолкова Вера;4Б\n";
    let upload = json!({ "file_name": "4.csv", "data": encoded(list) });
    let (code, text) = call_json(&app, "students/import", &upload, &deputy).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let (_, _, text) = call(&app, "procedures/setup", "", Some(&deputy)).await;
    let setup: Value = serde_json::from_str(&text).unwrap();
    let class_4b = setup["classes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "4Б")
        .unwrap()["id"]
        .clone();
    let paper = json!({ "tasks": [{ "label": "1", "max_score": 5, "advanced": false, "topic": "", "skill_code": "" }],
        "scale": { "mark3_from": 2, "mark4_from": 3, "mark5_from": 5 } });
    let make = |kind: &str, classes: Value, title: &str| {
        json!({ "draft": { "kind": kind, "stage": null, "subject_id": 0, "grade": 4,
            "class_ids": classes, "held_on": "2027-04-20", "title": title, "paper": paper.clone(), "source": null } })
    };
    let russian = subject_id(db, "Русский язык").await;
    let mut ids = Vec::new();
    for (kind, classes, title) in [
        (
            "Vpr",
            json!([class_4a, class_4b]),
            "ВПР. Русский язык, 4 класс",
        ),
        ("Vpr", json!([class_4a]), "ВПР. Математика, 4 класс"),
        ("Control", json!([class_4a]), "Контрольная"),
    ] {
        let mut d = make(kind, classes, title);
        d["draft"]["subject_id"] = json!(russian);
        let (code, text) = call_json(&app, "procedures/create", &d, &deputy).await;
        assert_eq!(code, StatusCode::OK, "{text}");
        ids.push(text.trim().parse::<i32>().unwrap());
    }
    let (vpr, own_list, control) = (ids[0], ids[1], ids[2]);
    let of = |id: i32| form(&[("procedure_id", &id.to_string())]);

    let (code, _, text) = call(&app, "participant-codes", &of(vpr), Some(&deputy)).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let before: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(before["missing"], 3);
    let (code, _, text) = call(&app, "participant-codes/issue", &of(vpr), Some(&deputy)).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let issued: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(issued["missing"], 0);
    let classes: Vec<(String, i64, Vec<String>)> = issued["classes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let codes = c["pupils"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["code"].as_str().unwrap().to_string())
                .collect();
            (
                c["name"].as_str().unwrap().to_string(),
                c["ordinal"].as_i64().unwrap(),
                codes,
            )
        })
        .collect();
    assert_eq!(
        classes,
        [
            (
                "4А".to_string(),
                1,
                vec!["40001".to_string(), "40002".to_string()]
            ),
            ("4Б".to_string(), 2, vec!["40003".to_string()])
        ]
    );
    // Issuing again gives nothing new and changes nothing.
    let (_, _, again) = call(&app, "participant-codes/issue", &of(vpr), Some(&deputy)).await;
    assert_eq!(serde_json::from_str::<Value>(&again).unwrap(), issued);

    // Only the deputy and the director see which code is whose; only a ВПР has codes.
    let (code, _, _) = call(&app, "participant-codes", &of(vpr), Some(&teacher)).await;
    assert_eq!(code, StatusCode::FORBIDDEN);
    let (code, _, text) = call(&app, "participant-codes/issue", &of(control), Some(&deputy)).await;
    assert_eq!(code, StatusCode::BAD_REQUEST, "{text}");
    assert!(text.contains("только для ВПР"), "{text}");

    // The school's own list: a broken one names its rows and writes nothing.
    let count = || async { participant_code::Entity::find().count(db).await.unwrap() };
    let load = |text: &str| json!({ "procedure_id": own_list, "file_name": "коды.csv", "data": encoded(text) });
    let broken = "ФИО;Класс;Код участника\nАкимова Анна;4А;41001\nПетров Пётр;4А;41002\nБелов Борис;4А;41001\n";
    let (code, text) = call_json(&app, "participant-codes/load", &load(broken), &deputy).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let read: Value = serde_json::from_str(&text).unwrap();
    assert!(read["list"].is_null());
    let rows: Vec<i64> = read["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["row"].as_i64().unwrap())
        .collect();
    assert_eq!(rows, [4], "the repeated code: {text}");
    let unknown = "ФИО;Класс;Код участника\nАкимова Анна;4А;41001\nПетров Пётр;4А;41002\n";
    let (_, text) = call_json(&app, "participant-codes/load", &load(unknown), &deputy).await;
    assert!(
        text.contains("Петров Пётр (4А) нет среди учеников"),
        "{text}"
    );
    assert_eq!(count().await, 3, "nothing written");
    let good = "ФИО;Класс;Код участника\nакимова анна;4 а;41001\nБелов  Борис;4A;41002\n";
    let (_, text) = call_json(&app, "participant-codes/load", &load(good), &deputy).await;
    let read: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(read["list"]["missing"], 0, "{text}");
    assert_eq!(count().await, 5);
    let changed = "ФИО;Класс;Код участника\nАкимова Анна;4А;41009\n";
    let (_, text) = call_json(&app, "participant-codes/load", &load(changed), &deputy).await;
    assert!(text.contains("выданный код не меняется"), "{text}");

    // The organiser's printable list.
    let (code, kind, bytes) = download(&app, &format!("/api/code-list/{vpr}"), Some(&deputy)).await;
    assert_eq!(code, StatusCode::OK);
    assert!(kind.contains("spreadsheetml"), "{kind}");
    let rows = common::results::sheet_rows(bytes, "Коды участников");
    let text = format!("{rows:?}");
    assert!(
        text.contains("Волкова Вера") && text.contains("40003"),
        "{text}"
    );
    let (code, _, _) = download(&app, &format!("/api/code-list/{vpr}"), Some(&teacher)).await;
    assert_eq!(code, StatusCode::FORBIDDEN);
}

both_engines!(a_vpr_gets_its_participant_codes, codes_of_a_vpr);
