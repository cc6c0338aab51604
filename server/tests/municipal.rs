//! What reaches the municipality: no group of fewer than five children, directly or by
//! subtraction from a total, in every municipal answer (the JSON, the screen's table, the XLSX),
//! checked against each school's raw term marks on both engines.

mod common;

use std::collections::BTreeMap;

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::Value;

use backend::dashboard::period;
use backend::entity::{journal_mark, school};
use common::api::{call, download, login};
use common::results::sheet_rows;

const SMALLEST: u64 = 5;

fn small(n: u64) -> bool {
    n > 0 && n < SMALLEST
}

/// Students of a school by their lowest term mark: 5, 4, 3, 2 or lower.
async fn groups_by_hand(db: &DatabaseConnection, school_id: i32) -> [u64; 4] {
    let term = period::marked_terms(db, school_id).await.unwrap().remove(0);
    let mut lowest: BTreeMap<i32, i16> = BTreeMap::new();
    for m in journal_mark::Entity::find()
        .filter(journal_mark::Column::TermId.eq(term.term_id))
        .filter(journal_mark::Column::Kind.eq("term"))
        .all(db)
        .await
        .unwrap()
    {
        let low = lowest.entry(m.student_id).or_insert(m.mark);
        *low = (*low).min(m.mark);
    }
    let mut groups = [0u64; 4];
    for low in lowest.into_values() {
        groups[(5 - low.max(2)) as usize] += 1;
    }
    groups
}

async fn nothing_small(db: &DatabaseConnection) {
    server::demo::load(db, Default::default()).await.unwrap();
    let app = common::api::app(db);
    let municipal = login(&app, "municipal", "demo").await;
    let (status, _, body) = call(&app, "municipality", "", Some(&municipal)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let figures: Value = serde_json::from_str(&body).unwrap();
    let mut hidden_somewhere = false;
    for s in figures["schools"].as_array().unwrap() {
        let name = s["short_name"].as_str().unwrap();
        let id = school::Entity::find()
            .filter(school::Column::ShortName.eq(name))
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .id;
        assert!(!s["students"].as_u64().is_some_and(small), "{s}");
        let term = &s["term"];
        let truth = groups_by_hand(db, id).await;
        let n: u64 = truth.iter().sum();
        assert_eq!(term["students"].as_u64(), Some(n), "{name}");
        let shown: Vec<Option<u64>> = term["by_lowest"]
            .as_array()
            .unwrap()
            .iter()
            .map(Value::as_u64)
            .collect();
        let mut hidden = 0;
        for (cell, real) in shown.iter().zip(truth) {
            match cell {
                Some(v) => assert_eq!(*v, real, "{name}: a shown cell is true"),
                None => {
                    hidden += real;
                    hidden_somewhere = true;
                }
            }
        }
        assert!(
            shown.iter().flatten().all(|&v| !small(v)),
            "{name}: {shown:?}"
        );
        assert!(
            !small(hidden),
            "{name}: the hidden cells add up to {hidden}"
        );
        assert_eq!(
            term["success"].is_null(),
            shown[3].is_none(),
            "{name}: success is shown only with the group it comes from"
        );
        if term["quality"].is_number() {
            let known = matches!(
                shown[..],
                [Some(_), Some(_), _, _] | [_, _, Some(_), Some(_)]
            );
            assert!(known, "{name}: quality from hidden cells");
        }
    }
    assert!(hidden_somewhere, "the demo has a small group to hide");

    // The XLSX carries the same cells: every count is zero or five and more.
    let (status, _, bytes) =
        download(&app, "/api/table-export/municipality", Some(&municipal)).await;
    assert_eq!(status, StatusCode::OK);
    let rows = sheet_rows(bytes, "Таблица");
    let headers: Vec<String> = rows[2].iter().map(|c| c.to_string()).collect();
    let counted = [
        "Обучающихся",
        "N",
        "На «5»",
        "На «4» и «5»",
        "С «3»",
        "С «2»",
    ];
    for row in &rows[3..] {
        for (h, cell) in headers.iter().zip(row) {
            if let (true, calamine::Data::Float(v)) = (counted.contains(&h.as_str()), cell) {
                assert!(!small(*v as u64), "{h} = {v} in {row:?}");
            }
        }
    }
}
both_engines!(no_small_group_reaches_the_municipality, nothing_small);
