//! Figures for `make bench` (ignored in `make test`): how fast the sync applies a tablet's
//! mutations, on SQLite and PostgreSQL, beside a plain batched insert of the same rows through the
//! same driver. The sync does more per cell (the mutation and its outcome, the cell's version,
//! the change log, the audit row), so the ratio says what exactly-once costs.

mod common;

use std::time::Instant;

use chrono::{NaiveDate, Utc};
use sea_orm::{DatabaseConnection, EntityTrait, Set, TransactionTrait};

use backend::entity::{procedure_result, task_score};
use backend::sync::{run, Origin, SyncRequest};
use common::sync::{new_mutation, principal, pupils, DemoSchool, NewProcedure};
use domain::sync::ScoreSet;

const CELLS: usize = 2000;
/// Requests as large as a tablet sends them.
const BATCH: usize = domain::sync::outbox::BATCH;

struct Sheet {
    procedure_id: i32,
    tasks: Vec<i32>,
    /// (student, class)
    students: Vec<(i32, i32)>,
}

async fn sheet(db: &DatabaseConnection, school: &DemoSchool, title: &str) -> Sheet {
    let math = school.subject(db, "Математика").await;
    let classes = [
        school.class_5(db, "А").await,
        school.class_5(db, "Б").await,
        school.class_5(db, "В").await,
    ];
    let p = NewProcedure {
        subject_id: math,
        classes: &classes,
        title,
        held_on: NaiveDate::from_ymd_opt(2026, 11, 18).unwrap(),
        marks: [5, 10, 15],
        level: Some("base"),
    };
    let (procedure_id, tasks) = school.new_procedure(db, &p, &[2; 30]).await;
    let mut students = Vec::new();
    for class_id in classes {
        students.extend(
            pupils(db, class_id)
                .await
                .into_iter()
                .map(|s| (s, class_id)),
        );
    }
    assert!(students.len() * tasks.len() >= CELLS);
    Sheet {
        procedure_id,
        tasks,
        students,
    }
}

fn cells(sheet: &Sheet) -> impl Iterator<Item = (i32, i32, i32)> + '_ {
    sheet
        .students
        .iter()
        .flat_map(|&(s, c)| sheet.tasks.iter().map(move |&t| (s, c, t)))
        .take(CELLS)
}

/// Mutations per second through the sync, in requests as large as a tablet's.
async fn through_sync(db: &DatabaseConnection, sheet: &Sheet) -> f64 {
    let who = principal(db, "teacher").await;
    let origin = Origin {
        address: None,
        user_agent: None,
    };
    let device = run(db, &who, &origin, SyncRequest::default())
        .await
        .unwrap()
        .device;
    let mutations: Vec<_> = cells(sheet)
        .enumerate()
        .map(|(i, (student_id, _, task_id))| {
            let set = ScoreSet {
                procedure_id: sheet.procedure_id,
                student_id,
                task_id,
                score: Some(1),
            };
            new_mutation(
                uuid::Uuid::new_v4().to_string(),
                i as i64 + 1,
                ScoreSet::KIND,
                &set,
                None,
            )
        })
        .collect();
    let start = Instant::now();
    let mut cursor = 0;
    for chunk in mutations.chunks(BATCH) {
        let r = run(
            db,
            &who,
            &origin,
            SyncRequest {
                device: Some(device.clone()),
                cursor,
                last_seq_made: chunk.last().unwrap().seq,
                mutations: chunk.to_vec(),
            },
        )
        .await
        .unwrap();
        assert_eq!(r.applied.len(), chunk.len());
        cursor = r.cursor;
    }
    CELLS as f64 / start.elapsed().as_secs_f64()
}

/// Rows per second of the same results and scores, inserted in batches of the same size, in a transaction
/// each.
async fn plain_insert(db: &DatabaseConnection, sheet: &Sheet) -> f64 {
    let who = principal(db, "teacher").await;
    let start = Instant::now();
    let now = Utc::now();
    let mut results = Vec::new();
    for &(student_id, class_id) in &sheet.students {
        results.push(procedure_result::ActiveModel {
            procedure_id: Set(sheet.procedure_id),
            student_id: Set(student_id),
            class_id: Set(class_id),
            absent: Set(false),
            updated_by: Set(Some(who.account_id)),
            updated_at: Set(now),
            ..Default::default()
        });
    }
    let txn = db.begin().await.unwrap();
    procedure_result::Entity::insert_many(results)
        .exec(&txn)
        .await
        .unwrap();
    txn.commit().await.unwrap();
    let ids: std::collections::BTreeMap<i32, i32> = procedure_result::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.procedure_id == sheet.procedure_id)
        .map(|r| (r.student_id, r.id))
        .collect();
    let rows: Vec<_> = cells(sheet)
        .map(|(s, _, t)| task_score::ActiveModel {
            result_id: Set(ids[&s]),
            task_id: Set(t),
            score: Set(1),
        })
        .collect();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(BATCH).collect();
        let txn = db.begin().await.unwrap();
        task_score::Entity::insert_many(chunk)
            .exec(&txn)
            .await
            .unwrap();
        txn.commit().await.unwrap();
    }
    CELLS as f64 / start.elapsed().as_secs_f64()
}

async fn figures(engine: &str, db: &DatabaseConnection) {
    let school = DemoSchool::load(db).await;
    let synced = sheet(db, &school, "Замер: синхронизация").await;
    let plain = sheet(db, &school, "Замер: прямая вставка").await;
    let sync_rate = through_sync(db, &synced).await;
    let insert_rate = plain_insert(db, &plain).await;
    println!(
        "sync apply, {engine:<10} {CELLS} cells: {sync_rate:>8.0} mutations/s; plain batched insert {insert_rate:>8.0} rows/s; ratio {:.2} (aim ≥ 0.33)",
        sync_rate / insert_rate
    );
}

#[tokio::test]
#[ignore = "a figure for make bench"]
async fn sync_apply_throughput() {
    let db = common::TestDb::new(common::Engine::Sqlite).await.unwrap();
    figures("SQLite", &db.conn).await;
    db.drop().await;
    if let Some(db) = common::TestDb::new(common::Engine::Postgres).await {
        figures("PostgreSQL", &db.conn).await;
        db.drop().await;
    }
}
