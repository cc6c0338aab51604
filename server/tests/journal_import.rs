//! «Загрузка из журнала» for a school that starts with no demo: a class's first term comes in by
//! Mera's template (marks, «н/а», «осв», attendance) and a pupil's «Сетевой город» report, and
//! the director's dashboard shows the figures computed by hand from the files; the same files
//! again change nothing; a corrected file changes only its cells, and the audit says so; a file
//! with one bad row writes nothing; a subject nobody knows waits for the deputy's mapping, which
//! is remembered.

mod common;

use axum::http::StatusCode;
use base64::Engine as _;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use serde_json::{json, Value};

use backend::entity::{attendance, audit_log, journal_mark, journal_unmarked};
use common::api::{app, call, call_json, login};
use common::school::school_with_staff;
use domain::journal::netcity::{page, PageSubject};
use domain::plan::deadline::Day;

fn files(list: &[(&str, &str)]) -> Vec<Value> {
    list.iter()
        .map(|(name, text)| {
            json!({ "name": name, "data": base64::engine::general_purpose::STANDARD.encode(text) })
        })
        .collect()
}

fn body(list: &[(&str, &str)], choices: Value) -> Value {
    json!({ "files": files(list), "choices": choices })
}

const HEADER: &str = "ФИО;Класс;Предмет;Период;Отметка;Пропущено уроков;По уважительной;По болезни;Без уважительной\n";

/// 5А's first term: four pupils, two subjects (one as the journal abbreviates it).
fn term_file(akimova_math: &str) -> String {
    format!(
        "{HEADER}\
         Акимова Анна Сергеевна;5А;Математика;1 четверть;{akimova_math};;;;\n\
         Акимова Анна Сергеевна;5А;Рус. яз.;1 четверть;5;;;;\n\
         Белов Борис;5А;Математика;1 четверть;н/а;;;;\n\
         Белов Борис;5А;Рус. яз.;1 четверть;3;;;;\n\
         Волкова Вера;5А;Математика;1 четверть;4;;;;\n\
         Волкова Вера;5А;Рус. яз.;1 четверть;4;;;;\n\
         Гусев Глеб;5А;Математика;1 четверть;2;;;;\n\
         Гусев Глеб;5А;Физ-ра;1 четверть;осв;;;;\n\
         Гусев Глеб;5А;Рус. яз.;1 четверть;3;;;;\n\
         Белов Борис;5А;;1 четверть;;10;2;4;4\n"
    )
}

async fn preview(app: &axum::Router, deputy: &str, b: &Value) -> Value {
    let (code, text) = call_json(app, "journal/preview", b, deputy).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn load(app: &axum::Router, deputy: &str, b: &Value) -> Value {
    let (code, text) = call_json(app, "journal/load", b, deputy).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    serde_json::from_str(&text).unwrap()
}

fn counts(o: &Value) -> (i64, i64, i64, i64) {
    (
        o["added"].as_i64().unwrap(),
        o["changed"].as_i64().unwrap(),
        o["removed"].as_i64().unwrap(),
        o["same"].as_i64().unwrap(),
    )
}

async fn a_new_school_loads_its_first_term(db: &DatabaseConnection) {
    school_with_staff(db).await;
    let app = app(db);
    let deputy = login(&app, "zavuch", "пароль школы").await;
    common::school::class_with_pupils(
        &app,
        &deputy,
        "5",
        "А",
        "Акимова Анна Сергеевна;5А\nБелов Борис Ильич;5А\nВолкова Вера;5А\nГусев Глеб;5А\n",
    )
    .await;

    // Nothing is written by a preview; every row is placed; «Физ-ра» is the school's PE.
    let first = term_file("5");
    let b = body(&[("5А.csv", &first)], json!([]));
    let p = preview(&app, &deputy, &b).await;
    assert_eq!(p["unknown_subjects"], json!([]), "{p}");
    assert_eq!(p["files"][0]["problems"], json!([]), "{p}");
    assert_eq!(
        (
            p["files"][0]["pupils"].as_i64(),
            p["files"][0]["marks"].as_i64(),
            p["files"][0]["absences"].as_i64()
        ),
        (Some(4), Some(9), Some(1))
    );
    assert_eq!(journal_mark::Entity::find().count(db).await.unwrap(), 0);
    // 8 marks and «н/а», one «осв», three reasons of absence.
    assert_eq!(counts(&p), (12, 0, 0, 0), "{p}");

    let done = load(&app, &deputy, &b).await;
    assert_eq!(done["written"], true, "{done}");
    assert_eq!(journal_mark::Entity::find().count(db).await.unwrap(), 8);
    assert_eq!(journal_unmarked::Entity::find().count(db).await.unwrap(), 1);
    assert_eq!(attendance::Entity::find().count(db).await.unwrap(), 3);

    // By hand: Акимова 5,5 (отличница); Белов н/а,3 (fails); Волкова 4,4 (хорошистка); Гусев 2,3
    // (fails; «осв» is out). N = 4: успеваемость 2/4, качество 2/4; средний балл over the seven
    // marks (5+5+3+4+4+2+3)/7; СОУ (100 + 64 + 16 + 7) / 4 = 46.75 %.
    let (code, _, text) = call(&app, "dashboard/director", "", Some(&deputy)).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let d: Value = serde_json::from_str(&text).unwrap();
    let students = &d["now"]["summary"]["students"];
    assert_eq!(students["marks"], json!([0, 1, 0, 1, 1]), "{text}");
    assert_eq!(students["not_attested"], 1, "{text}");
    assert_eq!(d["now"]["summary"]["marks_sum"], 26);
    assert_eq!(d["now"]["summary"]["marks_count"], 7);
    assert_eq!(d["now"]["absences"]["missed"], 10, "{text}");
    assert_eq!(
        d["without_marks"],
        json!([]),
        "5А is the school's only class: {text}"
    );
    assert!(
        d["journal"]["files"].as_str().unwrap().contains("5А.csv"),
        "the dashboard says where its figures come from: {text}"
    );

    // The same file again changes nothing.
    let audits = audit_log::Entity::find().count(db).await.unwrap();
    let again = load(&app, &deputy, &b).await;
    assert_eq!(counts(&again), (0, 0, 0, 12), "{again}");
    assert_eq!(audit_log::Entity::find().count(db).await.unwrap(), audits);

    // Corrected: Акимова's mathematics is a 4. One cell changes, and the audit names it.
    let corrected = term_file("4");
    let fixed = load(
        &app,
        &deputy,
        &body(&[("5А исправленный.csv", &corrected)], json!([])),
    )
    .await;
    assert_eq!(counts(&fixed), (0, 1, 0, 11), "{fixed}");
    let change = audit_log::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.action == "replace")
        .expect("the audit says what changed");
    assert_eq!(
        change.entity_id.as_deref(),
        Some("5А · Математика · 1 четверть")
    );
    assert!(change
        .old_value
        .unwrap()
        .contains("Акимова Анна Сергеевна: 5"));
    assert!(change
        .new_value
        .unwrap()
        .contains("Акимова Анна Сергеевна: 4"));

    // One bad row: nothing written, the row named.
    let bad = format!("{corrected}Волкова Вера;5А;Математика;2 четверть;6;;;;\n");
    let refused = load(&app, &deputy, &body(&[("5А.csv", &bad)], json!([]))).await;
    assert_eq!(refused["written"], false);
    let problems = refused["files"][0]["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{refused}");
    assert_eq!(problems[0]["row"], 12);
    assert_eq!(journal_mark::Entity::find().count(db).await.unwrap(), 8);

    // A «Сетевой город» page of one pupil with a subject the school does not have: it waits for
    // the deputy's choice, which is remembered.
    let d = |m: u32, x: u32| Day::from_ymd(2026, m, x);
    let html = page(
        "Волкова Вера",
        "5А",
        d(9, 1),
        d(10, 26),
        "1 четверть",
        &[
            PageSubject {
                name: "Математика".into(),
                lessons: vec![(d(9, 3), "5 4".into()), (d(9, 10), "Б".into())],
                average: "4,5".into(),
                final_mark: "4".into(),
            },
            PageSubject {
                name: "Алгебра и геометрия".into(),
                lessons: vec![(d(9, 4), "3".into())],
                average: "3".into(),
                final_mark: String::new(),
            },
        ],
    );
    let b = body(&[("Волкова.html", &html)], json!([]));
    let p = preview(&app, &deputy, &b).await;
    assert_eq!(
        p["files"][0]["format"],
        "Сетевой город: отчёт об успеваемости и посещаемости ученика"
    );
    assert_eq!(
        p["unknown_subjects"][0]["name"], "Алгебра и геометрия",
        "{p}"
    );
    let refused = load(&app, &deputy, &b).await;
    assert_eq!(
        refused["written"], false,
        "an unmapped subject blocks the load"
    );
    let maths = common::school::subject_id(db, "Математика").await;
    let mapped = body(
        &[("Волкова.html", &html)],
        json!([{ "name": "Алгебра и геометрия", "subject_id": maths }]),
    );
    let done = load(&app, &deputy, &mapped).await;
    assert_eq!(done["written"], true, "{done}");
    // Three current marks and a day's illness added; her term mark is the same 4.
    assert_eq!(counts(&done), (4, 0, 0, 1), "{done}");
    let p = preview(&app, &deputy, &b).await;
    assert_eq!(
        p["unknown_subjects"],
        json!([]),
        "the mapping is remembered: {p}"
    );
    assert_eq!(counts(&p), (0, 0, 0, 5), "{p}");
}

both_engines!(
    journal_import_for_a_new_school,
    a_new_school_loads_its_first_term
);

async fn only_the_deputy_loads(db: &DatabaseConnection) {
    school_with_staff(db).await;
    let app = app(db);
    let teacher = login(&app, "uchitel", "пароль школы").await;
    let b = body(&[("5А.csv", &term_file("5"))], json!([]));
    let (code, _) = call_json(&app, "journal/load", &b, &teacher).await;
    assert_eq!(code, StatusCode::FORBIDDEN);
    let deputy = login(&app, "zavuch", "пароль школы").await;
    let empty = json!({ "files": [], "choices": [] });
    let (code, text) = call_json(&app, "journal/preview", &empty, &deputy).await;
    assert_eq!(code, StatusCode::BAD_REQUEST, "{text}");
    let junk = json!({ "files": [{ "name": "x.xlsx", "data": "UEsDBAo=" }], "choices": [] });
    let (code, text) = call_json(&app, "journal/preview", &junk, &deputy).await;
    assert_eq!(code, StatusCode::BAD_REQUEST, "{text}");
    assert!(text.contains("«x.xlsx»"), "{text}");
}

both_engines!(journal_import_is_the_deputys, only_the_deputy_loads);

fn bytes_body(list: &[(&str, Vec<u8>)]) -> Value {
    let files: Vec<Value> = list
        .iter()
        .map(|(name, b)| json!({ "name": name, "data": base64::engine::general_purpose::STANDARD.encode(b) }))
        .collect();
    json!({ "files": files, "choices": [] })
}

/// A journal's own tables, each told by content: an «Excel» export that is a web page, a legacy
/// XLS with the class in a column, a «Сводная ведомость» in Windows-1251 CSV with a row per term.
async fn tables_of_every_kind(db: &DatabaseConnection) {
    use common::files::{dimensions, label, xls};
    school_with_staff(db).await;
    let app = app(db);
    let deputy = login(&app, "zavuch", "пароль школы").await;
    common::school::class_with_pupils(&app, &deputy, "6", "Б", "Дёмина Дарья;6Б\nЕгоров Егор;6Б\n")
        .await;
    let page = "<html><body><h3>Итоговые отметки. Класс: 6Б. 1 четверть</h3><table>\
        <tr><th>№</th><th>ФИО</th><th>Рус. яз.</th><th>Математика</th></tr>\
        <tr><td>1</td><td>Дёмина Дарья</td><td>5</td><td>4</td></tr>\
        <tr><td>2</td><td>Егоров Егор</td><td>3</td><td>н/а</td></tr></table></body></html>";
    let mut records = vec![dimensions(0, 3, 0, 4)];
    for (r, cells) in [
        ["ФИО", "Класс", "Период", "История"],
        ["Дёмина Дарья", "6Б", "2 четверть", "5"],
        ["Егоров Егор", "6Б", "2 четверть", "4"],
    ]
    .iter()
    .enumerate()
    {
        for (c, t) in cells.iter().enumerate() {
            records.push(label(r as u16, c as u16, t));
        }
    }
    let vedomost = "Сводная ведомость 6Б класс\n№ п/п;ФИО ученика;;География;Решение педсовета\n\
        1;Дёмина Дарья;1 четв.;5;\n1;Дёмина Дарья;2 четв.;4;\n";
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(vedomost);
    let b = bytes_body(&[
        ("6Б итоги.xls", page.as_bytes().to_vec()),
        ("6Б история.xls", xls(&records)),
        ("ведомость.csv", cp1251.into_owned()),
    ]);
    let p = preview(&app, &deputy, &b).await;
    let formats: Vec<&str> = p["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["format"].as_str().unwrap())
        .collect();
    assert_eq!(
        formats,
        [
            "веб-страница журнала: ученики в строках, предметы в столбцах",
            "таблица журнала: ученики в строках, предметы в столбцах",
            "таблица журнала: ученики в строках, предметы в столбцах",
        ],
        "{p}"
    );
    assert!(
        p["files"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["problems"] == json!([])),
        "{p}"
    );
    assert_eq!(counts(&p), (8, 0, 0, 0), "{p}");
    let done = load(&app, &deputy, &b).await;
    assert_eq!(done["written"], true, "{done}");
    // Егоров's «н/а» in mathematics is a row of N that fails.
    assert_eq!(journal_mark::Entity::find().count(db).await.unwrap(), 8);
}

both_engines!(journal_tables_of_every_kind, tables_of_every_kind);

/// The import screen's example files, built from the demo school's journal: the template with one
/// «н/а» and one «осв» put in changes exactly those two marks; a pupil's «Сетевой город» report
/// made from what is stored loads as «no change». The template files are the deputy's only.
async fn the_demo_s_example_files(db: &DatabaseConnection) {
    use common::api::download;
    server::demo::load(
        db,
        server::demo::Options {
            schools: 1,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let app = app(db);
    let deputy = login(&app, "deputy", "demo").await;
    let teacher = login(&app, "teacher", "demo").await;
    let (code, _, _) = download(&app, "/api/journal-file/template.xlsx", Some(&teacher)).await;
    assert_eq!(code, StatusCode::FORBIDDEN);
    let (code, kind, xlsx) = download(&app, "/api/journal-file/template.xlsx", Some(&deputy)).await;
    assert_eq!(code, StatusCode::OK);
    assert!(kind.contains("spreadsheetml"));
    let rows = common::results::sheet_rows(xlsx, "Журнал");
    assert_eq!(
        rows[2][0].to_string(),
        "ФИО",
        "the header the reader looks for"
    );
    let fetch = |name: &'static str| {
        let app = app.clone();
        let deputy = deputy.clone();
        async move {
            let (code, _, bytes) =
                download(&app, &format!("/api/journal-file/{name}"), Some(&deputy)).await;
            assert_eq!(code, StatusCode::OK, "{}", String::from_utf8_lossy(&bytes));
            bytes
        }
    };
    let csv = fetch("example-template.csv").await;
    let b = bytes_body(&[("пример.csv", csv)]);
    let p = preview(&app, &deputy, &b).await;
    assert_eq!(p["files"][0]["problems"], json!([]), "{p}");
    let (added, changed, removed, same) = counts(&p);
    assert_eq!((added, changed, removed), (0, 2, 0), "{p}");
    assert!(same > 100, "a whole class's term: {p}");
    load(&app, &deputy, &b).await;
    assert_eq!(
        journal_unmarked::Entity::find().count(db).await.unwrap(),
        1,
        "the «осв»"
    );
    let html = fetch("example-netcity.html").await;
    let p = preview(&app, &deputy, &bytes_body(&[("отчёт.html", html)])).await;
    assert_eq!(p["files"][0]["problems"], json!([]), "{p}");
    let (added, changed, removed, same) = counts(&p);
    assert_eq!(
        (added, changed, removed),
        (0, 0, 0),
        "the report is what is stored: {p}"
    );
    assert!(same > 20, "{p}");
}

both_engines!(journal_example_files, the_demo_s_example_files);
