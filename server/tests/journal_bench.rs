//! Figures for `make bench` (ignored in `make test`): a whole school's year of journal loaded
//! through «Загрузка из журнала» as the browser does it — 1,000 pupils (the demo school's, and
//! more in its classes), 20 subjects, four term marks and a year mark each, two current marks a
//! term and a year of absences, one template file per class sent into one batch and loaded in
//! one job — from «Загрузить» to written, on SQLite and PostgreSQL; beside it a plain batched
//! insert of the same rows through the same driver, and the ratio (aim: within 3×).

mod common;

use std::time::Instant;

use base64::Engine as _;
use chrono::{Datelike, Duration, NaiveDate};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set, TransactionTrait};
use serde_json::{json, Value};

use backend::entity::{attendance, class, journal_mark, student, subject, term};
use common::api::{app, call_json, login};
use common::{structure_only, Engine, TestDb};

/// Pupils in the school, as the figure asks.
const PUPILS: usize = 1000;

struct Year {
    /// One template file per class.
    files: Vec<(String, String)>,
    marks: Vec<journal_mark::ActiveModel>,
    absences: Vec<attendance::ActiveModel>,
}

async fn year(db: &sea_orm::DatabaseConnection) -> Year {
    let main = common::results::main_school(db).await;
    let year = backend::school::current_year(db, main.id)
        .await
        .unwrap()
        .unwrap();
    let terms = term::Entity::find()
        .filter(term::Column::AcademicYearId.eq(year.id))
        .all(db)
        .await
        .unwrap();
    let subjects: Vec<subject::Model> = subject::Entity::find()
        .filter(subject::Column::SchoolId.eq(main.id))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .take(20)
        .collect();
    let classes = class::Entity::find()
        .filter(class::Column::SchoolId.eq(main.id))
        .filter(class::Column::AcademicYearId.eq(year.id))
        .all(db)
        .await
        .unwrap();
    // The demo school's classes filled up to PUPILS, a few more in each.
    let have = student::Entity::find()
        .filter(student::Column::SchoolId.eq(main.id))
        .count(db)
        .await
        .unwrap() as usize;
    let extra: Vec<student::ActiveModel> = (have..PUPILS)
        .map(|n| student::ActiveModel {
            school_id: Set(main.id),
            class_id: Set(classes[n % classes.len()].id),
            last_name: Set("Добавочный".into()),
            first_name: Set(format!("Ученик{n}")),
            patronymic: Set(None),
            has_ovz: Set(false),
            left_on: Set(None),
            ..Default::default()
        })
        .collect();
    for chunk in extra.chunks(500) {
        student::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await
            .unwrap();
    }
    let mut out = Year {
        files: Vec::new(),
        marks: Vec::new(),
        absences: Vec::new(),
    };
    let header = "ФИО;Класс;Предмет;Период;Дата;Отметка;Пропущено уроков;По уважительной;По болезни;Без уважительной\n";
    for c in &classes {
        let mut text = String::from(header);
        let pupils = student::Entity::find()
            .filter(student::Column::ClassId.eq(c.id))
            .all(db)
            .await
            .unwrap();
        for (n, p) in pupils.iter().enumerate() {
            for (k, s) in subjects.iter().enumerate() {
                let mark = |i: usize| 2 + ((n * 7 + k * 3 + i) % 4) as i16;
                let row = |kind: &str, term_id: Option<i32>, on: NaiveDate, m: i16| {
                    journal_mark::ActiveModel {
                        student_id: Set(p.id),
                        class_id: Set(c.id),
                        subject_id: Set(s.id),
                        kind: Set(kind.into()),
                        term_id: Set(term_id),
                        on_date: Set(on),
                        mark: Set(m),
                        ..Default::default()
                    }
                };
                for t in &terms {
                    let m = mark(t.number as usize);
                    text.push_str(&format!(
                        "{};{};{};{} четверть;;{m};;;;\n",
                        p.full_name(),
                        c.name(),
                        s.name,
                        t.number
                    ));
                    out.marks.push(row("term", Some(t.id), t.ends_on, m));
                    // Two current marks a term, a week apart from the term's second week.
                    for i in 0..2 {
                        let on = t.starts_on + Duration::days(7 * (i + 1) + k as i64 % 5);
                        let m = mark(i as usize + 5);
                        text.push_str(&format!(
                            "{};{};{};;{:02}.{:02}.{};{m};;;;\n",
                            p.full_name(),
                            c.name(),
                            s.name,
                            on.day(),
                            on.month(),
                            on.year()
                        ));
                        out.marks.push(row("current", Some(t.id), on, m));
                    }
                }
                let m = mark(9);
                text.push_str(&format!(
                    "{};{};{};год;;{m};;;;\n",
                    p.full_name(),
                    c.name(),
                    s.name
                ));
                out.marks.push(row("year", None, year.ends_on, m));
            }
            // A day of illness a month.
            for month in 0..9 {
                let on = year.starts_on + Duration::days(30 * month + 3 + (n % 3) as i64);
                text.push_str(&format!(
                    "{};{};;;{:02}.{:02}.{};;4;;4;\n",
                    p.full_name(),
                    c.name(),
                    on.day(),
                    on.month(),
                    on.year()
                ));
                out.absences.push(attendance::ActiveModel {
                    student_id: Set(p.id),
                    class_id: Set(c.id),
                    on_date: Set(on),
                    lessons_missed: Set(4),
                    reason: Set("illness".into()),
                    ..Default::default()
                });
            }
        }
        out.files.push((format!("{}.csv", c.name()), text));
    }
    out
}

async fn measure(engine: Engine, name: &str) {
    let Some(db) = TestDb::new(engine).await else {
        println!("{name}: not available");
        return;
    };
    let options = server::demo::Options {
        schools: 1,
        ..structure_only()
    };
    server::demo::load(&db.conn, options).await.unwrap();
    let y = year(&db.conn).await;
    let app = app(&db.conn);
    let deputy = login(&app, "deputy", "demo").await;
    let start = Instant::now();
    let mut batch: Option<String> = None;
    for (n, t) in &y.files {
        let file =
            json!({ "name": n, "data": base64::engine::general_purpose::STANDARD.encode(t) });
        let (code, text) = call_json(
            &app,
            "journal/stage",
            &json!({ "batch": batch, "file": file }),
            &deputy,
        )
        .await;
        assert_eq!(code, 200, "{text}");
        batch = Some(serde_json::from_str(&text).unwrap());
    }
    let start_job = json!({ "batch": batch, "choices": [], "write": true });
    let (code, text) = call_json(&app, "journal/start", &start_job, &deputy).await;
    assert_eq!(code, 200, "{text}");
    let done = loop {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let (_, text) = call_json(&app, "journal/job", &json!({ "batch": batch }), &deputy).await;
        let job: Value = serde_json::from_str(&text).unwrap();
        if job["running"].is_null() {
            break job;
        }
    };
    let text = done.to_string();
    assert_eq!(
        done["outcome"]["written"],
        true,
        "{}",
        &text[..text.len().min(2000)]
    );
    let import = start.elapsed().as_secs_f64();
    let (marks, absences) = (y.marks.len(), y.absences.len());
    // The same rows, inserted plainly in one transaction after clearing them.
    journal_mark::Entity::delete_many()
        .exec(&db.conn)
        .await
        .unwrap();
    attendance::Entity::delete_many()
        .exec(&db.conn)
        .await
        .unwrap();
    let start = Instant::now();
    let txn = db.conn.begin().await.unwrap();
    let mut rows = y.marks.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(500).collect();
        journal_mark::Entity::insert_many(chunk)
            .exec(&txn)
            .await
            .unwrap();
    }
    let mut rows = y.absences.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(500).collect();
        attendance::Entity::insert_many(chunk)
            .exec(&txn)
            .await
            .unwrap();
    }
    txn.commit().await.unwrap();
    let plain = start.elapsed().as_secs_f64();
    println!(
        "{name:<11} {PUPILS} pupils, {} files, {marks} marks ({} current), {absences} absences: import {import:6.1} s | plain insert {plain:6.1} s | ratio {:.1} (aim ≤ 3)",
        y.files.len(),
        marks * 8 / 13,
        import / plain
    );
    db.drop().await;
}

#[tokio::test]
#[ignore = "a benchmark: make bench"]
async fn a_school_year_of_journal() {
    println!("a school's year of journal through «Загрузка из журнала»:");
    measure(Engine::Sqlite, "SQLite").await;
    measure(Engine::Postgres, "PostgreSQL").await;
}
