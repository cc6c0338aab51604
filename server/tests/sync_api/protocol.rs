//! Speaking the protocol: mutations, requests straight to `backend::sync::run`, and what an
//! answer and the database hold afterwards.

use std::sync::atomic::{AtomicU64, Ordering};

use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};

use backend::entity::{
    audit_log, cell_history, change_log, device, mutation, procedure_result, result_cell,
    task_score,
};
use backend::sync::{run, Origin, SyncRequest};
use domain::error::AppError;
use domain::policy::Principal;
use domain::sync::{
    AbsenceSet, Conflict, Mutation, Rejected, ResultRecord, ScoreSet, SyncResponse,
};

use crate::common::sync::new_mutation;

pub fn origin() -> Origin {
    Origin {
        address: Some("127.0.0.1".into()),
        user_agent: Some("sync_api".into()),
    }
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

fn new_id() -> String {
    let n = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    format!("5e5e5e5e-0000-4000-8000-{n:012x}")
}

pub fn score(
    seq: i64,
    procedure_id: i32,
    student_id: i32,
    task_id: i32,
    score: Option<i16>,
    base: Option<i64>,
) -> Mutation {
    let payload = ScoreSet {
        procedure_id,
        student_id,
        task_id,
        score,
    };
    new_mutation(new_id(), seq, ScoreSet::KIND, &payload, base)
}

pub fn absence(
    seq: i64,
    procedure_id: i32,
    student_id: i32,
    absent: bool,
    base: Option<i64>,
) -> Mutation {
    let payload = AbsenceSet {
        procedure_id,
        student_id,
        absent,
    };
    new_mutation(new_id(), seq, AbsenceSet::KIND, &payload, base)
}

/// The stored mutation with this id.
pub async fn stored_mutation(db: &DatabaseConnection, id: &str) -> mutation::Model {
    mutation::Entity::find_by_id(id.to_string())
        .one(db)
        .await
        .unwrap()
        .expect("the mutation is stored")
}

/// The server's row of this device.
pub async fn device_row(db: &DatabaseConnection, id: &str) -> device::Model {
    device::Entity::find_by_id(id.to_string())
        .one(db)
        .await
        .unwrap()
        .expect("the device is stored")
}

pub async fn register(db: &DatabaseConnection, who: &Principal) -> String {
    let r = run(db, who, &origin(), SyncRequest::default())
        .await
        .unwrap();
    assert!(!r.device.is_empty());
    r.device
}

pub async fn try_sync(
    db: &DatabaseConnection,
    who: &Principal,
    device: &str,
    cursor: i64,
    mutations: Vec<Mutation>,
) -> Result<SyncResponse, AppError> {
    let last_seq_made = mutations.iter().map(|m| m.seq).max().unwrap_or(0);
    run(
        db,
        who,
        &origin(),
        SyncRequest {
            device: Some(device.to_string()),
            cursor,
            last_seq_made,
            mutations,
        },
    )
    .await
}

pub async fn sync(
    db: &DatabaseConnection,
    who: &Principal,
    device: &str,
    cursor: i64,
    mutations: Vec<Mutation>,
) -> SyncResponse {
    try_sync(db, who, device, cursor, mutations).await.unwrap()
}

/// Rows of the tables a sync writes, to show that something wrote nothing.
#[derive(Debug, PartialEq, Eq)]
pub struct Counts {
    pub change_log: u64,
    pub task_score: u64,
    pub result: u64,
    pub cell: u64,
    pub history: u64,
    pub mutation: u64,
    pub audit: u64,
}

pub async fn counts(db: &DatabaseConnection) -> Counts {
    Counts {
        change_log: change_log::Entity::find().count(db).await.unwrap(),
        task_score: task_score::Entity::find().count(db).await.unwrap(),
        result: procedure_result::Entity::find().count(db).await.unwrap(),
        cell: result_cell::Entity::find().count(db).await.unwrap(),
        history: cell_history::Entity::find().count(db).await.unwrap(),
        mutation: mutation::Entity::find().count(db).await.unwrap(),
        audit: audit_log::Entity::find().count(db).await.unwrap(),
    }
}

pub fn record(
    changes: &[ResultRecord],
    procedure_id: i32,
    student_id: i32,
) -> Option<&ResultRecord> {
    changes
        .iter()
        .find(|r| r.procedure_id == procedure_id && r.student_id == student_id)
}

pub fn cell(r: &ResultRecord, task_id: i32) -> (Option<i16>, i64) {
    r.scores
        .iter()
        .find(|c| c.task_id == task_id)
        .map_or((None, 0), |c| (c.score, c.version))
}

type Outcomes = (
    Vec<String>,
    Vec<Rejected>,
    Vec<Conflict>,
    Vec<Rejected>,
    i64,
);

pub fn outcome_lists(r: &SyncResponse) -> Outcomes {
    (
        r.applied.clone(),
        r.rejected.clone(),
        r.conflicts.clone(),
        r.held.clone(),
        r.acked_seq,
    )
}
