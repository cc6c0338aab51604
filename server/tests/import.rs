//! Loading a student list and moving students, through the real router, on both engines: a
//! preview writes nothing; a list with any bad row writes nothing; a good list goes in whole.

mod common;

use axum::http::StatusCode;
use axum::Router;
use base64::Engine as _;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};

use backend::entity::{class, school, student};
use common::api::{app, call, call_json, login};

fn upload(name: &str, bytes: &[u8]) -> Value {
    json!({ "file_name": name, "data": base64::engine::general_purpose::STANDARD.encode(bytes) })
}

fn cp1251(text: &str) -> Vec<u8> {
    encoding_rs::WINDOWS_1251.encode(text).0.into_owned()
}

async fn students(db: &DatabaseConnection) -> u64 {
    student::Entity::find().count(db).await.unwrap()
}

async fn class_5a(db: &DatabaseConnection) -> class::Model {
    let main = school::Entity::find()
        .filter(school::Column::ShortName.eq("Школа № 17"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    class::Entity::find()
        .filter(class::Column::SchoolId.eq(main.id))
        .filter(class::Column::Grade.eq(5))
        .filter(class::Column::Letter.eq("А"))
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

async fn setup(db: &DatabaseConnection) -> (Router, String) {
    server::demo::load(db, common::structure_only())
        .await
        .unwrap();
    let app = app(db);
    let deputy = login(&app, "deputy", "demo").await;
    (app, deputy)
}

async fn good_list(db: &DatabaseConnection) {
    let (app, deputy) = setup(db).await;
    let c5a = class_5a(db).await;
    let pupil = student::Entity::find()
        .filter(student::Column::ClassId.eq(c5a.id))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let existing = format!(
        "{} {} {}",
        pupil.last_name,
        pupil.first_name,
        pupil.patronymic.unwrap()
    );
    let csv = format!(
        "ФИО;Класс;ОВЗ\r\nЩербакова Алёна Игоревна;5а;да\r\nЮсупов Тимур Ренатович;11А;\r\n\r\n{existing};5А;\r\nЭйхе Марк;1 Б;\r\n"
    );
    let before = students(db).await;
    let (status, body) = call_json(
        &app,
        "students/preview",
        &upload("список.csv", &cp1251(&csv)),
        &deputy,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let preview: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(preview["new"], 3);
    assert_eq!(preview["already_there"], 1);
    assert_eq!(preview["problems"], json!([]));
    assert_eq!(preview["rows"][0]["full_name"], "Щербакова Алёна Игоревна");
    assert_eq!(preview["rows"][0]["has_ovz"], true);
    assert_eq!(
        preview["rows"][2]["row"], 5,
        "rows are numbered as in Excel"
    );
    assert_eq!(students(db).await, before, "a preview writes nothing");

    let (status, body) = call_json(
        &app,
        "students/import",
        &upload("список.csv", &cp1251(&csv)),
        &deputy,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        json!({"added": 3, "already_there": 1})
    );
    assert_eq!(students(db).await, before + 3);
    let again = call_json(
        &app,
        "students/import",
        &upload("список.csv", csv.as_bytes()),
        &deputy,
    )
    .await;
    assert_eq!(
        again.1, r#"{"added":0,"already_there":4}"#,
        "loading the same list twice adds nobody"
    );
    assert_eq!(students(db).await, before + 3);
}
both_engines!(a_good_list_goes_in_whole_and_only_once, good_list);

async fn bad_lists(db: &DatabaseConnection) {
    let (app, deputy) = setup(db).await;
    let before = students(db).await;
    let csv = "Фамилия,Имя,Отчество,Класс\nИванов,Иван,Иванович,5Г\nПетрова,Ольга,,6А\nПетрова,Ольга,,6а\n,Без фамилии,,7А\n";
    let (status, body) = call_json(
        &app,
        "students/preview",
        &upload("a.csv", csv.as_bytes()),
        &deputy,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let preview: Value = serde_json::from_str(&body).unwrap();
    let rows: Vec<u64> = preview["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["row"].as_u64().unwrap())
        .collect();
    assert_eq!(rows, [2, 4, 5]);
    assert!(preview["problems"][0]["message"]
        .as_str()
        .unwrap()
        .contains("«5Г»"));
    let (status, body) = call_json(
        &app,
        "students/import",
        &upload("a.csv", csv.as_bytes()),
        &deputy,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("Список не загружен: ошибок — 3. Первая в строке 2"),
        "{body}"
    );
    assert_eq!(
        students(db).await,
        before,
        "nothing from a bad list is written"
    );

    let huge = vec![b'x'; 1024 * 1024 + 1];
    let cases: [(&str, &[u8], &str); 5] = [
        ("empty.csv", b"", "Файл пуст"),
        ("huge.csv", &huge, "больше 1 МБ"),
        (
            "photo.csv",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "не похож",
        ),
        ("list.xlsx", b"PK\x03\x04 not really a workbook", "Excel"),
        ("list.csv", "Иванов Иван;5А\n".as_bytes(), "заголовки"),
    ];
    for (name, bytes, expected) in cases {
        let (status, body) =
            call_json(&app, "students/import", &upload(name, bytes), &deputy).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name}");
        assert!(body.contains(expected), "{name}: {body}");
    }
    let broken = json!({ "file_name": "a.csv", "data": "***not base64***" });
    let (status, body) = call_json(&app, "students/import", &broken, &deputy).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("повреждён"), "{body}");
    assert_eq!(students(db).await, before);
}
both_engines!(bad_lists_are_explained_by_row_and_write_nothing, bad_lists);

async fn xlsx(db: &DatabaseConnection) {
    let (app, deputy) = setup(db).await;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in [
        ["№", "ФИО", "Класс"],
        ["1", "Андреева Ева Максимовна", "9Б"],
        ["2", "Борисов Глеб", "10А"],
    ]
    .iter()
    .enumerate()
    {
        for (c, text) in row.iter().enumerate() {
            match text.parse::<f64>() {
                Ok(n) => sheet.write_number(r as u32, c as u16, n).unwrap(),
                Err(_) => sheet.write_string(r as u32, c as u16, *text).unwrap(),
            };
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    let (status, body) = call_json(
        &app,
        "students/import",
        &upload("Список.xlsx", &bytes),
        &deputy,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, r#"{"added":2,"already_there":0}"#);
}
both_engines!(an_excel_list_is_read, xlsx);

/// Excel 97–2003, as regional systems still save: read through the same guard.
async fn old_excel(db: &DatabaseConnection) {
    let (app, deputy) = setup(db).await;
    let bytes = common::files::xls(&[
        common::files::dimensions(0, 3, 0, 2),
        common::files::label(0, 0, "ФИО"),
        common::files::label(0, 1, "Класс"),
        common::files::label(1, 0, "Андреева Ева Максимовна"),
        common::files::label(1, 1, "9Б"),
        common::files::label(2, 0, "Борисов Глеб"),
        common::files::label(2, 1, "10А"),
    ]);
    let (status, body) = call_json(
        &app,
        "students/import",
        &upload("Список.xls", &bytes),
        &deputy,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, r#"{"added":2,"already_there":0}"#);
}
both_engines!(an_old_excel_list_is_read, old_excel);

async fn who_may(db: &DatabaseConnection) {
    let (app, _) = setup(db).await;
    let list = upload("a.csv", "ФИО;Класс\nНовиков Лев;5А\n".as_bytes());
    for role in [
        "teacher",
        "class_teacher",
        "director",
        "municipal",
        "mo_head",
    ] {
        let cookie = login(&app, role, "demo").await;
        let (status, _) = call_json(&app, "students/import", &list, &cookie).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{role} loads no lists");
    }
    let admin = login(&app, "admin", "demo").await;
    let (status, _) = call_json(&app, "students/import", &list, &admin).await;
    assert_eq!(status, StatusCode::OK, "the administrator does");
}
both_engines!(only_the_deputy_and_admin_load_lists, who_may);

async fn moving(db: &DatabaseConnection) {
    let (app, deputy) = setup(db).await;
    let c5a = class_5a(db).await;
    let other = |grade: i16, letter: &'static str, school: i32| async move {
        class::Entity::find()
            .filter(class::Column::SchoolId.eq(school))
            .filter(class::Column::Grade.eq(grade))
            .filter(class::Column::Letter.eq(letter))
            .one(db)
            .await
            .unwrap()
            .unwrap()
    };
    let c5b = other(5, "Б", c5a.school_id).await;
    let foreign = class::Entity::find()
        .filter(class::Column::SchoolId.ne(c5a.school_id))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let pupil = student::Entity::find()
        .filter(student::Column::ClassId.eq(c5a.id))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let body = |to: i32| format!("student_id={}&class_id={to}", pupil.id);
    let class_teacher = login(&app, "class_teacher", "demo").await;
    assert_eq!(
        call(&app, "students/move", &body(c5b.id), Some(&class_teacher))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        call(&app, "students/move", &body(foreign.id), Some(&deputy))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let (status, _, text) = call(&app, "students/move", &body(c5a.id), Some(&deputy)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("уже в 5А"), "{text}");
    let (status, _, text) = call(&app, "students/move", &body(c5b.id), Some(&deputy)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let moved = student::Entity::find_by_id(pupil.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(moved.class_id, c5b.id);
    // The roster the deputy sees offers the move; the class teacher's does not.
    let (_, _, roster) = call(
        &app,
        "class",
        &format!("class_id={}", c5a.id),
        Some(&deputy),
    )
    .await;
    assert!(roster.contains(r#""name":"5Б""#));
    let (_, _, roster) = call(
        &app,
        "class",
        &format!("class_id={}", c5a.id),
        Some(&class_teacher),
    )
    .await;
    assert!(roster.contains(r#""move_to":[]"#), "{roster}");

    // The student leaves the school: off 5Б's list, not out of the database.
    let leave = format!("student_id={}", pupil.id);
    let (status, _, _) = call(&app, "students/leave", &leave, Some(&class_teacher)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, text) = call(&app, "students/leave", &leave, Some(&deputy)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let gone = student::Entity::find_by_id(pupil.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(gone.left_on.is_some());
    let (_, _, roster) = call(
        &app,
        "class",
        &format!("class_id={}", c5b.id),
        Some(&deputy),
    )
    .await;
    assert!(!roster.contains(&gone.full_name()), "{roster}");
    let (status, _, text) = call(&app, "students/leave", &leave, Some(&deputy)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("уже выбыл(а)"), "{text}");
}
both_engines!(the_deputy_moves_a_student_between_classes, moving);
