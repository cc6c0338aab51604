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
use common::api::call_json;
use common::school::pupil;
use common::vpr::vpr_of_4a;

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

async fn f1_back_into_the_vpr(db: &DatabaseConnection) {
    let mut vpr = vpr_of_4a(db).await;
    let anna = pupil(db, "Акимова").await;
    // The teacher typed Анна's first two tasks: 2 and 0.
    vpr.typed(&[vpr.score(anna, 0, 2), vpr.score(anna, 1, 0)])
        .await;
    let (app, deputy, teacher, id) = (
        vpr.app.clone(),
        vpr.deputy.clone(),
        vpr.teacher.clone(),
        vpr.id,
    );

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
    let pulled = vpr.pull().await;
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
