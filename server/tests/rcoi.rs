//! An ОГЭ protocol from the РЦОИ, as the regional centre sends it (Excel 97–2003, spacer
//! columns, two exams in one file; invented names), loaded into a school's trial exam and its real
//! ОГЭ: the block of the procedure's subject taken, pupils matched by name and class, answer
//! strings turned into points; previewed, loaded all at once, loaded again with no change; a pupil
//! the school does not have refuses the file.

mod common;

use axum::http::StatusCode;
use base64::Engine as _;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use serde_json::{json, Value};

use backend::entity::task_score;
use common::api::{app, call, call_json, form, login};
use common::files::{dimensions, label, xls};
use common::school::{school_with_staff, subject_id};

/// The protocol: a title, an exam block of Обществознание and one of Математика, each with its
/// header (spacer columns as the flattened merged cells leave them) and participants.
fn protocol(pupils: &[(&str, &str, &str, &str, &str, &str)]) -> Vec<u8> {
    let mut records = vec![dimensions(0, 40, 0, 21)];
    let mut row = 0u16;
    let mut line = |cells: &[(u16, &str)]| {
        for (col, text) in cells {
            records.push(label(row, *col, text));
        }
        row += 1;
    };
    line(&[(0, "Протокол проверки результатов")]);
    line(&[(0, "99 - Тестовый регион")]);
    let header: Vec<(u16, &str)> = vec![
        (0, "№"),
        (1, "Код ОО"),
        (2, "Класс"),
        (4, "Код ППЭ"),
        (6, "Аудитория"),
        (8, "Код МСУ"),
        (10, "Фамилия"),
        (12, "Имя"),
        (13, "Отчество"),
        (14, "Задания с кратким ответом"),
        (17, "Задания с развёрнутым ответом"),
        (18, "Первичный балл"),
        (20, "Оценка"),
    ];
    for subject in [
        "12 - Обществознание 2027.06.03",
        "2 - Математика 2027.06.06",
    ] {
        line(&[(0, subject)]);
        line(&[]);
        line(&header);
        for (n, (last, first, middle, class, short, long)) in pupils.iter().enumerate() {
            let number = (n + 1).to_string();
            let total: i16 = short
                .chars()
                .map(|c| match c {
                    '+' => 1,
                    d if d.is_ascii_digit() => d as i16 - 48,
                    _ => 0,
                })
                .sum::<i16>()
                + long
                    .split(')')
                    .filter_map(|p| p.split('(').next()?.parse::<i16>().ok())
                    .sum::<i16>();
            let total = total.to_string();
            line(&[
                (0, &number),
                (1, "9306"),
                (2, class),
                (10, last),
                (12, first),
                (13, middle),
                (14, short),
                (17, long),
                (18, &total),
                (20, "4"),
            ]);
        }
        line(&[(0, "Средние")]);
    }
    xls(&records)
}

fn file(bytes: &[u8], procedure_id: i32) -> Value {
    json!({ "procedure_id": procedure_id, "file_name": "Протокол ОГЭ.xls",
        "data": base64::engine::general_purpose::STANDARD.encode(bytes) })
}

async fn protocols_fill_the_exams(db: &DatabaseConnection) {
    school_with_staff(db).await;
    let app = app(db);
    let deputy = login(&app, "zavuch", "пароль школы").await;
    common::school::class_with_pupils(
        &app,
        &deputy,
        "9",
        "А",
        "Акимова Анна Сергеевна;9А\nБелов Борис;9А\n",
    )
    .await;
    let (_, _, text) = call(&app, "procedures/setup", "", Some(&deputy)).await;
    let setup: Value = serde_json::from_str(&text).unwrap();
    let class_9a = setup["classes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "9А")
        .unwrap()["id"]
        .clone();
    // Four short tasks of a point, then two long ones of 2 and 3.
    let tasks: Vec<Value> = [("1", 1), ("2", 1), ("3", 1), ("4", 1), ("5", 2), ("6", 3)]
        .iter()
        .map(|(l, m)| json!({ "label": l, "max_score": m, "advanced": false, "topic": "", "skill_code": "" }))
        .collect();
    let mut ids = Vec::new();
    for (kind, on) in [("TrialExam", "2027-03-12"), ("Oge", "2027-06-03")] {
        let draft = json!({ "draft": { "kind": kind, "stage": null,
            "subject_id": subject_id(db, "Обществознание").await, "grade": 9, "class_ids": [class_9a],
            "held_on": on, "title": "", "source": null,
            "paper": { "tasks": tasks, "scale": { "mark3_from": 2, "mark4_from": 4, "mark5_from": 7 } } } });
        let (code, text) = call_json(&app, "procedures/create", &draft, &deputy).await;
        assert_eq!(code, StatusCode::OK, "{text}");
        ids.push(text.trim().parse::<i32>().unwrap());
    }
    let scores = || async { task_score::Entity::find().count(db).await.unwrap() };
    // Борис is written without his patronymic and with the class letter alone.
    let good = protocol(&[
        ("Акимова", "Анна", "Сергеевна", "9А", "++-+", "1(2)2(3)"),
        ("Белов", "Борис", "", "А", "+---", "0(2)3(3)"),
    ]);
    for id in &ids {
        let (code, text) = call_json(&app, "rcoi/preview", &file(&good, *id), &deputy).await;
        assert_eq!(code, StatusCode::OK, "{text}");
        let preview: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            (preview["participants"].as_i64(), preview["fills"].as_i64()),
            (Some(2), Some(12)),
            "{text}"
        );
        let (code, text) = call_json(&app, "rcoi/load", &file(&good, *id), &deputy).await;
        assert_eq!(code, StatusCode::OK, "{text}");
        assert_eq!(
            serde_json::from_str::<Value>(&text).unwrap()["written"],
            true
        );
    }
    assert_eq!(
        scores().await,
        24,
        "both pupils' six tasks in the trial and the real exam"
    );
    let report = form(&[("procedure_id", &ids[1].to_string())]);
    let (_, _, text) = call(&app, "report", &report, Some(&deputy)).await;
    let r: Value = serde_json::from_str(&text).unwrap();
    // Анна 3 + 3 = 6 is a «4», Борис 1 + 3 = 4 a «4».
    assert_eq!(r["school"]["marks"], json!([0, 0, 0, 2, 0]), "{text}");
    let (_, text) = call_json(&app, "rcoi/load", &file(&good, ids[1]), &deputy).await;
    assert_eq!(
        serde_json::from_str::<Value>(&text).unwrap()["fills"],
        0,
        "{text}"
    );
    assert_eq!(scores().await, 24);
    // The ОГЭ CSV export (UTF-8 with its BOM, «;»): the same results, nothing new to write.
    let csv = "\u{feff}SchoolCode;ClassCode;StationCode;AuditoriumCode;GovernmentCell;SurnameCell;NameCell;SecondNameCell;DocumentSeriesCode;DocumentNumberCode;TestResultBCell;TestResultCCell;PrimaryMark;Mark5\n\
        9306;9А;1201;0007;99;Акимова;Анна;Сергеевна;4511;000001;++-+;1(2)2(3);6;4\n";
    let body = json!({ "procedure_id": ids[1], "file_name": "12_2027.06.03.csv",
        "data": base64::engine::general_purpose::STANDARD.encode(csv) });
    let (code, text) = call_json(&app, "rcoi/preview", &body, &deputy).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let preview: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        (
            preview["participants"].as_i64(),
            preview["fills"].as_i64(),
            preview["same"].as_i64()
        ),
        (Some(1), Some(0), Some(6)),
        "{text}"
    );

    let stranger = protocol(&[("Волков", "Вадим", "", "9А", "++++", "2(2)3(3)")]);
    let (_, text) = call_json(&app, "rcoi/load", &file(&stranger, ids[0]), &deputy).await;
    assert!(
        text.contains("Волков Вадим (9А) нет среди учеников"),
        "{text}"
    );
    let wrong = protocol(&[("Акимова", "Анна", "Сергеевна", "9А", "++-", "1(2)2(3)")]);
    let (_, text) = call_json(&app, "rcoi/load", &file(&wrong, ids[0]), &deputy).await;
    assert!(text.contains("в работе 6 заданий"), "{text}");
    assert_eq!(scores().await, 24, "a refused file writes nothing");
}

both_engines!(rcoi_protocols_fill_the_exams, protocols_fill_the_exams);
