//! Term results: the SQL aggregate equals the pure indicator functions over the raw marks, and
//! only the leadership and МО heads receive them.

mod common;

use std::collections::BTreeMap;

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use backend::entity::{journal_mark, term};
use backend::term_results::per_student;
use common::api::{app, call, login};
use domain::indicators::TermSummary;

async fn sql_equals_pure(db: &DatabaseConnection) {
    server::demo::load(db, Default::default()).await.unwrap();
    let marks = journal_mark::Entity::find()
        .filter(journal_mark::Column::Kind.eq("term"))
        .all(db)
        .await
        .unwrap();
    assert!(marks.len() > 10_000, "the demo has a term's marks");
    let term_id = marks[0].term_id.unwrap();
    let mut raw: BTreeMap<i32, Vec<(i32, i16)>> = BTreeMap::new();
    for m in marks.iter().filter(|m| m.term_id == Some(term_id)) {
        raw.entry(m.class_id)
            .or_default()
            .push((m.student_id, m.mark));
    }
    let aggregated = per_student(db, term_id).await.unwrap();
    assert_eq!(aggregated.len(), raw.len());
    for (class_id, marks) in &raw {
        let pure = TermSummary::from_marks(marks);
        let sql = TermSummary::from_students(&aggregated[class_id]);
        assert_eq!(sql, pure, "class {class_id}");
        let (s, q) = (
            pure.students.success_rate().unwrap(),
            pure.students.quality().unwrap(),
        );
        assert!(q <= s && (0.0..=100.0).contains(&s));
    }

    // Through the HTTP surface: the director gets the table, others get 403.
    let app = app(db);
    let director = login(&app, "director", "demo").await;
    let (status, _, text) = call(&app, "school/term-results", "", Some(&director)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let body: serde_json::Value = serde_json::from_str(&text).unwrap();
    let first = term::Entity::find_by_id(term_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(body["term"], first.name);
    let classes = body["classes"].as_array().unwrap();
    assert!(
        classes.len() >= 20,
        "every class with marks: {}",
        classes.len()
    );
    let total: u64 = classes
        .iter()
        .map(|c| {
            c["summary"]["students"]["marks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_u64().unwrap())
                .sum::<u64>()
        })
        .sum();
    let school: u64 = body["school"]["students"]["marks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(total, school, "the school is the sum of its classes");
    for who in ["admin", "teacher", "municipal"] {
        let cookie = login(&app, who, "demo").await;
        let (status, _, _) = call(&app, "school/term-results", "", Some(&cookie)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{who}");
    }
}
both_engines!(term_results_from_sql_match_the_formulas, sql_equals_pure);
