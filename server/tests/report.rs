//! The analytical report of a procedure: its figures equal the pure functions over the raw
//! scores, on SQLite and PostgreSQL; the deputy's conclusions and decisions are kept, bad input
//! changes nothing, a decision becomes a plan measure; names only for those who may see them.

mod common;

use std::collections::BTreeMap;

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{json, Value};

use backend::entity::{
    journal_mark, plan_section, procedure, procedure_result, procedure_task, task_score, term,
};
use common::api::{app, call, call_json, download, login};
use common::results::{marks_by_hand, sheet_rows};
use domain::indicators::objectivity::{boundary_peaks, wide_gaps};
use domain::indicators::{solve_rate, MarkCounts};

async fn report(app: &axum::Router, cookie: &str, id: i32) -> (StatusCode, Value) {
    let (status, _, text) = call(app, "report", &format!("procedure_id={id}"), Some(cookie)).await;
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn figures_by_hand(db: &DatabaseConnection, p: &procedure::Model, r: &Value) {
    let results = procedure_result::Entity::find()
        .filter(procedure_result::Column::ProcedureId.eq(p.id))
        .all(db)
        .await
        .unwrap();
    assert_eq!(r["listed"], results.len());
    assert_eq!(r["absent"], results.iter().filter(|r| r.absent).count());
    let marks = marks_by_hand(db, std::slice::from_ref(p)).await;
    let counts = MarkCounts::from_marks(marks.values().copied());
    let school: MarkCounts = serde_json::from_value(r["school"].clone()).unwrap();
    assert_eq!(school, counts);
    assert_eq!(r["low_count"], counts.marks[1]);
    assert_eq!(r["high_count"], counts.marks[4]);
    let tasks = procedure_task::Entity::find()
        .filter(procedure_task::Column::ProcedureId.eq(p.id))
        .order_by_asc(procedure_task::Column::Position)
        .all(db)
        .await
        .unwrap();
    let written: Vec<i32> = results.iter().filter(|r| !r.absent).map(|r| r.id).collect();
    let scores = task_score::Entity::find()
        .filter(task_score::Column::ResultId.is_in(written))
        .all(db)
        .await
        .unwrap();
    let mut by_task: BTreeMap<i32, Vec<i16>> = BTreeMap::new();
    let mut totals: BTreeMap<i32, i16> = BTreeMap::new();
    for s in scores {
        by_task.entry(s.task_id).or_default().push(s.score);
        *totals.entry(s.result_id).or_default() += s.score;
    }
    // Boundary peaks of the totals, and students two marks or more off their journal mark
    // (the 3rd term of 2025/2026 for an April ВПР).
    let totals: Vec<i16> = totals.into_values().collect();
    let peaks = boundary_peaks(
        &totals,
        [p.mark3_from, p.mark4_from, p.mark5_from],
        &Default::default(),
    );
    assert_eq!(r["peaks"], serde_json::json!(peaks));
    let third = term::Entity::find()
        .filter(term::Column::Number.eq(3))
        .filter(term::Column::EndsOn.lt(p.held_on))
        .filter(term::Column::StartsOn.gt(p.held_on - chrono::Duration::days(120)))
        .all(db)
        .await
        .unwrap();
    let journal: BTreeMap<i32, i16> = journal_mark::Entity::find()
        .filter(journal_mark::Column::Kind.eq("term"))
        .filter(journal_mark::Column::SubjectId.eq(p.subject_id))
        .filter(journal_mark::Column::TermId.is_in(third.iter().map(|t| t.id)))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| (m.student_id, m.mark))
        .collect();
    let rows: Vec<(i32, i16, i16)> = results
        .iter()
        .filter_map(|r| {
            Some((
                r.student_id,
                *marks.get(&r.id)?,
                *journal.get(&r.student_id)?,
            ))
        })
        .collect();
    assert_eq!(r["wide_gap_count"], wide_gaps(&rows).len());
    let shown = r["tasks"].as_array().unwrap();
    assert_eq!(shown.len(), tasks.len());
    for (t, row) in tasks.iter().zip(shown) {
        let pure = solve_rate(&by_task[&t.id], t.max_score).unwrap();
        let sql = row["rate"].as_f64().unwrap();
        assert!(
            (pure - sql).abs() < 1e-9,
            "task {}: {pure} vs {sql}",
            t.label
        );
        assert_eq!(row["label"], t.label.as_str());
    }
}

async fn the_report(db: &DatabaseConnection) {
    server::demo::load(db, Default::default()).await.unwrap();
    let p = procedure::Entity::find()
        .filter(procedure::Column::Title.eq("ВПР. Русский язык, 4 класс"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let app = app(db);
    let deputy = login(&app, "deputy", "demo").await;
    let (status, r) = report(&app, &deputy, p.id).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    figures_by_hand(db, &p, &r).await;
    assert_eq!(r["kind"], "ВПР");
    assert_eq!(r["objectivity"]["against"], "3 четверть 2025/2026");
    assert_eq!(r["may_edit"], true);
    assert_eq!(
        r["low"].as_array().unwrap().len() as u64,
        r["low_count"].as_u64().unwrap()
    );

    // The tasks table as XLSX: the same rates as the screen; not for a teacher.
    let path = format!("/api/table-export/report-tasks-{}", p.id);
    let (status, _, bytes) = download(&app, &path, Some(&deputy)).await;
    assert_eq!(status, StatusCode::OK);
    let rows = sheet_rows(bytes, "Таблица");
    let tasks = r["tasks"].as_array().unwrap();
    assert_eq!(rows.len() - 3, tasks.len());
    for (row, t) in rows[3..].iter().zip(tasks) {
        assert_eq!(row[0].to_string(), t["label"].as_str().unwrap());
        let shown = t["rate"].as_f64().unwrap();
        assert!(matches!(row[4], calamine::Data::Float(x) if (x - shown).abs() < 1e-9));
    }
    let path = format!("/api/table-export/report-classes-{}", p.id);
    let (status, _, bytes) = download(&app, &path, Some(&deputy)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        sheet_rows(bytes, "Таблица")[3][1],
        calamine::Data::Float(
            r["school"]["marks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_f64().unwrap())
                .sum()
        )
    );
    let teacher = login(&app, "teacher", "demo").await;
    let (status, _, _) = download(&app, &path, Some(&teacher)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Conclusions and decisions; a decision too long is refused and nothing changes.
    let save = |conclusions: &str, decisions: Value| json!({"draft": {"procedure_id": p.id, "conclusions": conclusions, "decisions": decisions}});
    let long = "а".repeat(1001);
    let (status, text) = call_json(
        &app,
        "report/save",
        &save("Выводы", json!([[null, "Решение"], [null, long]])),
        &deputy,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("Решение № 2 длиннее"), "{text}");
    let (_, r) = report(&app, &deputy, p.id).await;
    assert_eq!(r["conclusions"], "");
    let body = save(
        "Пробелы в заданиях 9.2 и 10.2: морфология.",
        json!([
            [null, "Провести консультации по морфологии для 5-х классов"],
            [null, "Обсудить результаты на МО"]
        ]),
    );
    let (status, text) = call_json(&app, "report/save", &body, &deputy).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let (_, r) = report(&app, &deputy, p.id).await;
    assert_eq!(
        r["conclusions"],
        "Пробелы в заданиях 9.2 и 10.2: морфология."
    );
    let first = r["decisions"][0]["id"].as_i64().unwrap();
    assert_eq!(r["decisions"].as_array().unwrap().len(), 2);

    // The first decision becomes a measure of the school's plan and links to it.
    let section = plan_section::Entity::find().one(db).await.unwrap().unwrap();
    let measure = json!({"draft": {"measure_id": null, "section_id": section.id,
        "title": "Провести консультации по морфологии для 5-х классов", "period": null,
        "starts_on": null, "due_on": "2026-12-20", "responsible": [], "documents": ""}});
    let (status, text) = call_json(&app, "measure/save", &measure, &deputy).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let measure_id: i64 = serde_json::from_str(&text).unwrap();
    let link = format!("decision_id={first}&measure_id={measure_id}");
    let (status, _, _) = call(&app, "report/decision-measure", &link, Some(&teacher)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, text) = call(&app, "report/decision-measure", &link, Some(&deputy)).await;
    assert_eq!(status, StatusCode::OK, "{text}");

    // Editing keeps the first decision (and its link), drops the second, adds a third.
    let body = save(
        "Пробелы в заданиях 9.2 и 10.2.",
        json!([
            [first, "Провести консультации по морфологии для 5-х классов"],
            [null, "Повторная диагностика в декабре"]
        ]),
    );
    let (status, _) = call_json(&app, "report/save", &body, &deputy).await;
    assert_eq!(status, StatusCode::OK);
    let (_, r) = report(&app, &deputy, p.id).await;
    let decisions = r["decisions"].as_array().unwrap();
    assert_eq!(decisions.len(), 2);
    assert_eq!(decisions[0]["id"], first);
    assert_eq!(
        decisions[0]["measure"][1],
        "Провести консультации по морфологии для 5-х классов"
    );
    assert_eq!(decisions[1]["text"], "Повторная диагностика в декабре");

    // The МО head of mathematics reads no report of Russian (tests/scope.rs: her own МО's, without
    // names); others get nothing.
    let mo_head = login(&app, "mo_head", "demo").await;
    let (status, _) = report(&app, &mo_head, p.id).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = call_json(&app, "report/save", &save("x", json!([])), &mo_head).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    for who in ["teacher", "municipal", "admin"] {
        let cookie = login(&app, who, "demo").await;
        let (status, _) = report(&app, &cookie, p.id).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{who}");
    }
}
both_engines!(the_analytical_report, the_report);
