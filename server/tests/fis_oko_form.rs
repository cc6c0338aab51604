//! The ФИС ОКО «Форма сбора результатов» filled from what teachers typed: codes issued, scores
//! and an absence typed on a tablet through `/api/sync`, a journal mark for the last term, the
//! empty form (built as ФИС ОКО builds it: drop-downs from a hidden list sheet, a total formula
//! per prepared row, helper columns) filled, read back with calamine; drop-downs and formulas
//! still in place. The wrong file is a 400 with its sentence, a teacher a 403.

mod common;

use std::io::{Cursor, Read};

use axum::http::StatusCode;
use base64::Engine as _;
use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{DataValidation, Formula, Workbook};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde_json::{json, Value};

use backend::entity::{journal_mark, student, term};
use common::api::call_json;
use common::school::{pupil, subject_id};
use common::vpr::vpr_of_4a;

const PREPARED: u32 = 1499;

/// The empty form of a paper with these task headers, in the real layout (formats note §3).
fn empty_form(tasks: &[&str]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Протокол").unwrap();
    let mut header = vec!["Код участника", "Вариант"];
    header.extend(tasks);
    header.extend([
        "Порядковый номер класса",
        "Отметка за предыдущий триместр/ четверть/полугодие",
        "Итого баллов",
    ]);
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let n = tasks.len() as u16;
    let last_task = (b'C' + n as u8 - 1) as char;
    for r in 1..PREPARED {
        let sum = format!("=SUM(C{0}:{last_task}{0})", r + 1);
        sheet.write_formula(r, n + 4, Formula::new(sum)).unwrap();
        // Columns P–U: the form's helper values, to be left alone.
        sheet.write_number(r, 15, 1.0).unwrap();
    }
    let list = |range: &str| DataValidation::new().allow_list_formula(Formula::new(range));
    sheet
        .add_data_validation(1, 1, PREPARED - 1, 1, &list("=Служебный!$A$1:$A$3"))
        .unwrap();
    sheet
        .add_data_validation(1, 2, PREPARED - 1, n + 1, &list("=Служебный!$B$1:$B$7"))
        .unwrap();
    sheet
        .add_data_validation(
            1,
            n + 2,
            PREPARED - 1,
            n + 2,
            &list("='Порядковый номер класса'!$A$1:$A$50"),
        )
        .unwrap();
    sheet
        .add_data_validation(1, n + 3, PREPARED - 1, n + 3, &list("=Служебный!$F$1:$F$5"))
        .unwrap();
    let lists = book.add_worksheet();
    lists.set_name("Служебный").unwrap();
    for (r, v) in ["1", "2", "отсутствовал"].iter().enumerate() {
        lists.write_string(r as u32, 0, *v).unwrap();
    }
    for (r, v) in ["5", "4", "3", "2", "1", "0", "X"].iter().enumerate() {
        lists.write_string(r as u32, 1, *v).unwrap();
    }
    for (r, v) in ["5", "4", "3", "2", "нет отметки"].iter().enumerate() {
        lists.write_string(r as u32, 5, *v).unwrap();
    }
    lists.set_hidden(true);
    let ordinals = book.add_worksheet();
    ordinals.set_name("Порядковый номер класса").unwrap();
    for r in 0..50u32 {
        ordinals.write_number(r, 0, f64::from(r + 1)).unwrap();
    }
    book.save_to_buffer().unwrap()
}

fn upload(name: &str, bytes: &[u8], procedure_id: i32) -> Value {
    json!({ "procedure_id": procedure_id, "file_name": name,
        "data": base64::engine::general_purpose::STANDARD.encode(bytes) })
}

fn part(book: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(book)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn validations(sheet_xml: &str) -> String {
    let a = sheet_xml.find("<dataValidations").unwrap();
    let b = sheet_xml.find("</dataValidations>").unwrap();
    sheet_xml[a..b].to_string()
}

/// Анна's mark for the third term, as the journal import will bring it.
async fn term_mark(db: &DatabaseConnection, student_id: i32, mark: i16) {
    let s = student::Entity::find_by_id(student_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let third = term::Entity::find()
        .filter(term::Column::Number.eq(3))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    journal_mark::ActiveModel {
        student_id: Set(student_id),
        class_id: Set(s.class_id),
        subject_id: Set(subject_id(db, "Русский язык").await),
        kind: Set("term".into()),
        term_id: Set(Some(third.id)),
        on_date: Set(third.ends_on),
        mark: Set(mark),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
}

async fn filled(app: &axum::Router, cookie: &str, body: &Value) -> (Value, Vec<u8>) {
    let (code, text) = call_json(app, "fis-oko/form", body, cookie).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let answer: Value = serde_json::from_str(&text).unwrap();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(answer["data"].as_str().unwrap())
        .unwrap();
    (answer["summary"].clone(), bytes)
}

async fn the_form_carries_what_was_typed(db: &DatabaseConnection) {
    let mut vpr = vpr_of_4a(db).await;
    let (anna, boris) = (pupil(db, "Акимова").await, pupil(db, "Белов").await);
    // Анна wrote: 2 and 0, the last task left; Борис did not come.
    vpr.typed(&[
        vpr.score(anna, 0, 2),
        vpr.score(anna, 1, 0),
        vpr.absent(boris),
    ])
    .await;
    term_mark(db, anna, 4).await;
    let (app, deputy) = (vpr.app.clone(), vpr.deputy.clone());
    let template = empty_form(&["1 (2б)", "9.1 (1б)", "4К1 (2б)"]);
    let body = upload(
        "Форма сбора результатов Русский язык 4 класс ВПР 2027.xlsx",
        &template,
        vpr.id,
    );

    let (summary, book) = filled(&app, &deputy, &body).await;
    assert_eq!(
        summary,
        json!({ "participants": 2, "wrote": 1, "absent": 1, "not_entered": [],
            "without_variant": 1, "without_mark": 1 })
    );
    let mut read: Xlsx<_> = Xlsx::new(Cursor::new(book.clone())).unwrap();
    let cells = read.worksheet_range("Протокол").unwrap();
    let row = |r: u32| -> Vec<Data> {
        (0..8)
            .map(|c| cells.get_value((r, c)).cloned().unwrap_or(Data::Empty))
            .collect()
    };
    let (n, s) = (Data::Float, |t: &str| Data::String(t.into()));
    assert_eq!(
        row(1),
        vec![
            n(40001.0),
            Data::Empty,
            n(2.0),
            n(0.0),
            s("X"),
            n(1.0),
            n(4.0),
            n(2.0)
        ]
    );
    assert_eq!(
        row(2)[..7],
        [
            n(40002.0),
            s("отсутствовал"),
            Data::Empty,
            Data::Empty,
            Data::Empty,
            n(1.0),
            s("нет отметки")
        ]
    );
    assert_eq!(row(3)[..7], vec![Data::Empty; 7][..]);
    // The totals are still formulas, the helper column and the drop-downs as they were.
    let formulas = read.worksheet_formula("Протокол").unwrap();
    for r in [1u32, 2, 700, PREPARED - 1] {
        assert_eq!(
            formulas.get_value((r, 7)).cloned(),
            Some(format!("SUM(C{0}:E{0})", r + 1)),
            "row {r}"
        );
    }
    assert_eq!(cells.get_value((1, 15)), Some(&Data::Float(1.0)));
    let sheet = "xl/worksheets/sheet1.xml";
    assert_eq!(
        validations(&part(&template, sheet)),
        validations(&part(&book, sheet))
    );
    for hidden in ["xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"] {
        assert_eq!(part(&template, hidden), part(&book, hidden));
    }

    // The school's list gives Анна's variant; the form follows.
    let (code, text) = call_json(
        &app,
        "participant-codes/load",
        &upload(
            "коды.csv",
            "ФИО;Класс;Код;Вариант\nАкимова Анна;4А;40001;2\n".as_bytes(),
            vpr.id,
        ),
        &deputy,
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let (summary, book) = filled(&app, &deputy, &body).await;
    assert_eq!(summary["without_variant"], 0);
    let mut read: Xlsx<_> = Xlsx::new(Cursor::new(book)).unwrap();
    let cells = read.worksheet_range("Протокол").unwrap();
    assert_eq!(cells.get_value((1, 1)), Some(&Data::Float(2.0)));

    // Another paper's form, a Ф1 report, a CSV: each a sentence; a teacher may not fill it.
    let refusal = |name: &str, bytes: Vec<u8>| (name.to_string(), bytes);
    let mut f1 = Workbook::new();
    let f1_sheet = f1.add_worksheet();
    for (c, h) in ["Код участника", "Класс", "1 (2б)", "Первичный балл"]
        .iter()
        .enumerate()
    {
        f1_sheet.write_string(7, c as u16, *h).unwrap();
    }
    for ((name, bytes), says) in [
        (
            refusal("Форма.xlsx", empty_form(&["1 (2б)", "9.1 (1б)"])),
            "Задания формы не совпадают",
        ),
        (refusal("Ф1.xlsx", f1.save_to_buffer().unwrap()), "отчёт Ф1"),
        (
            refusal("форма.csv", "Код участника;Вариант\n".into()),
            ".xlsx",
        ),
    ] {
        let (code, text) = call_json(
            &app,
            "fis-oko/form",
            &upload(&name, &bytes, vpr.id),
            &deputy,
        )
        .await;
        assert_eq!(code, StatusCode::BAD_REQUEST, "{name}: {text}");
        assert!(text.contains(says), "{name}: {text}");
    }
    let (code, _) = call_json(&app, "fis-oko/form", &body, &vpr.teacher).await;
    assert_eq!(code, StatusCode::FORBIDDEN);
}

both_engines!(
    the_collection_form_is_filled_from_the_tablets,
    the_form_carries_what_was_typed
);
