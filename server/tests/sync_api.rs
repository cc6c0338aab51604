//! `POST /api/sync` one rule at a time (DESIGN.md §4): registration, push and pull, repeats,
//! rejections with reasons, conflicts, gaps in seq, foreign devices, unknown kinds and what a
//! pull may show, on SQLite and PostgreSQL; and one round trip through the real router.
//! The randomised whole-protocol simulation is `sync_sim.rs`.

mod common;

use std::sync::atomic::{AtomicU64, Ordering};

use axum::http::StatusCode;
use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;

use app::error::AppError;
use app::policy::Principal;
use app::ssr::entity::{
    academic_year, account, audit_log, cell_history, change_log, class, device, mutation,
    procedure, procedure_class, procedure_result, procedure_task, result_cell, school, student,
    subject, task_score, teaching_assignment,
};
use app::ssr::sync::{run, Origin, SyncRequest, MAX_BATCH};
use app::sync::{AbsenceSet, Conflict, Mutation, Rejected, ResultRecord, ScoreSet, SyncResponse};
use common::api::{app, call_json, login};

// ---------------------------------------------------------------------------------------------
// The demo school, and procedures made for the test.

struct World {
    school_id: i32,
    year_id: i32,
    math: i32,
    russian: i32,
    c5a: i32,
    c5b: i32,
    pupils_5a: Vec<i32>,
    pupils_5b: Vec<i32>,
}

async fn world(db: &DatabaseConnection) -> World {
    server::demo::load(db, common::structure_only())
        .await
        .unwrap();
    let school = school::Entity::find()
        .filter(school::Column::ShortName.eq("Школа № 17"))
        .one(db)
        .await
        .unwrap()
        .expect("the main demo school");
    let year = academic_year::Entity::find()
        .filter(academic_year::Column::SchoolId.eq(school.id))
        .filter(academic_year::Column::Archived.eq(false))
        .one(db)
        .await
        .unwrap()
        .expect("the current year");
    let subject_id = |name: &'static str| async move {
        subject::Entity::find()
            .filter(subject::Column::SchoolId.eq(school.id))
            .filter(subject::Column::Name.eq(name))
            .one(db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("subject {name}"))
            .id
    };
    let math = subject_id("Математика").await;
    let russian = subject_id("Русский язык").await;
    let class_id = |letter: &'static str| async move {
        class::Entity::find()
            .filter(class::Column::SchoolId.eq(school.id))
            .filter(class::Column::AcademicYearId.eq(year.id))
            .filter(class::Column::Grade.eq(5))
            .filter(class::Column::Letter.eq(letter))
            .order_by_asc(class::Column::Id)
            .one(db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("class 5{letter}"))
            .id
    };
    let c5a = class_id("А").await;
    let c5b = class_id("Б").await;
    let pupils = |class_id: i32| async move {
        student::Entity::find()
            .filter(student::Column::ClassId.eq(class_id))
            .filter(student::Column::LeftOn.is_null())
            .order_by_asc(student::Column::Id)
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|s| s.id)
            .collect::<Vec<_>>()
    };
    let pupils_5a = pupils(c5a).await;
    let pupils_5b = pupils(c5b).await;
    assert!(pupils_5a.len() >= 6 && pupils_5b.len() >= 6);
    World {
        school_id: school.id,
        year_id: year.id,
        math,
        russian,
        c5a,
        c5b,
        pupils_5a,
        pupils_5b,
    }
}

/// A procedure of grade 5 in `subject`, written by `classes`, with tasks of these maxima.
async fn new_procedure(
    db: &DatabaseConnection,
    w: &World,
    subject_id: i32,
    classes: &[i32],
    maxima: &[i16],
) -> (i32, Vec<i32>) {
    let row = procedure::ActiveModel {
        school_id: Set(w.school_id),
        academic_year_id: Set(w.year_id),
        subject_id: Set(subject_id),
        kind: Set(app::assessment::ProcedureKind::Diagnostic.code().into()),
        stage: Set(None),
        title: Set("Проверочная работа для синхронизации".into()),
        grade: Set(5),
        held_on: Set(NaiveDate::from_ymd_opt(2026, 9, 15).unwrap()),
        mark3_from: Set(1),
        mark4_from: Set(3),
        mark5_from: Set(5),
        source: Set(None),
        closed_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    for &class_id in classes {
        procedure_class::ActiveModel {
            procedure_id: Set(row.id),
            class_id: Set(class_id),
        }
        .insert(db)
        .await
        .unwrap();
    }
    let mut tasks = Vec::new();
    for (i, &max) in maxima.iter().enumerate() {
        let task = procedure_task::ActiveModel {
            procedure_id: Set(row.id),
            position: Set(i as i16 + 1),
            label: Set(format!("{}", i + 1)),
            max_score: Set(max),
            level: Set(Some("base".into())),
            skill_code: Set(None),
            topic: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        tasks.push(task.id);
    }
    (row.id, tasks)
}

async fn account_id(db: &DatabaseConnection, username: &str) -> i32 {
    account::Entity::find()
        .filter(account::Column::Username.eq(username))
        .one(db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("demo account {username}"))
        .id
}

async fn principal(db: &DatabaseConnection, username: &str) -> Principal {
    app::ssr::principal::load(db, account_id(db, username).await)
        .await
        .unwrap()
}

// ---------------------------------------------------------------------------------------------
// Speaking the protocol.

fn origin() -> Origin {
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

fn score(
    seq: i64,
    procedure_id: i32,
    student_id: i32,
    task_id: i32,
    score: Option<i16>,
    base: Option<i64>,
) -> Mutation {
    Mutation {
        id: new_id(),
        seq,
        kind: ScoreSet::KIND.into(),
        payload: serde_json::to_value(ScoreSet {
            procedure_id,
            student_id,
            task_id,
            score,
        })
        .unwrap(),
        base,
        at: Utc::now().to_rfc3339(),
    }
}

fn absence(
    seq: i64,
    procedure_id: i32,
    student_id: i32,
    absent: bool,
    base: Option<i64>,
) -> Mutation {
    Mutation {
        id: new_id(),
        seq,
        kind: AbsenceSet::KIND.into(),
        payload: serde_json::to_value(AbsenceSet {
            procedure_id,
            student_id,
            absent,
        })
        .unwrap(),
        base,
        at: Utc::now().to_rfc3339(),
    }
}

async fn register(db: &DatabaseConnection, who: &Principal) -> String {
    let r = run(db, who, &origin(), SyncRequest::default())
        .await
        .unwrap();
    assert!(!r.device.is_empty());
    r.device
}

async fn try_sync(
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

async fn sync(
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
struct Counts {
    change_log: u64,
    task_score: u64,
    result: u64,
    cell: u64,
    history: u64,
    mutation: u64,
    audit: u64,
}

async fn counts(db: &DatabaseConnection) -> Counts {
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

fn record(changes: &[ResultRecord], procedure_id: i32, student_id: i32) -> Option<&ResultRecord> {
    changes
        .iter()
        .find(|r| r.procedure_id == procedure_id && r.student_id == student_id)
}

fn cell(r: &ResultRecord, task_id: i32) -> (Option<i16>, i64) {
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

fn outcome_lists(r: &SyncResponse) -> Outcomes {
    (
        r.applied.clone(),
        r.rejected.clone(),
        r.conflicts.clone(),
        r.held.clone(),
        r.acked_seq,
    )
}

// ---------------------------------------------------------------------------------------------
// (a) Registration.

async fn registration(db: &DatabaseConnection) {
    let _w = world(db).await;
    let teacher = principal(db, "teacher").await;
    let first = run(db, &teacher, &origin(), SyncRequest::default())
        .await
        .unwrap();
    assert!(!first.device.is_empty(), "a new device gets its id");
    assert_eq!(first.acked_seq, 0);
    assert!(first.applied.is_empty() && first.rejected.is_empty() && first.conflicts.is_empty());
    assert!(first.changes.is_empty(), "nothing has changed yet");
    assert!(!first.more);
    let row = device::Entity::find_by_id(first.device.clone())
        .one(db)
        .await
        .unwrap()
        .expect("the device is stored");
    assert_eq!(row.account_id, teacher.account_id);
    assert_eq!(row.applied_seq, 0);
    assert_eq!(row.user_agent.as_deref(), Some("sync_api"));
    assert!(row.last_sync_at.is_some());

    let second = register(db, &teacher).await;
    assert_ne!(second, first.device, "every device gets its own id");

    // A device with no id may not send mutations yet.
    let early = run(
        db,
        &teacher,
        &origin(),
        SyncRequest {
            device: None,
            cursor: 0,
            last_seq_made: 1,
            mutations: vec![score(1, 1, 1, 1, Some(1), None)],
        },
    )
    .await;
    assert!(matches!(early, Err(AppError::Invalid(_))), "{early:?}");
    // A device id the server never issued (its database was replaced).
    let unknown = try_sync(db, &teacher, "no-such-device", 0, vec![]).await;
    assert_eq!(unknown, Err(AppError::UnknownDevice));
    // Too many mutations in one request.
    let many = (1..=MAX_BATCH as i64 + 1)
        .map(|seq| score(seq, 1, 1, 1, Some(1), None))
        .collect();
    let too_many = try_sync(db, &teacher, &first.device, 0, many).await;
    assert!(
        matches!(too_many, Err(AppError::Invalid(_))),
        "{too_many:?}"
    );
    assert_eq!(
        mutation::Entity::find().count(db).await.unwrap(),
        0,
        "refused requests store nothing"
    );
}
both_engines!(a_first_sync_registers_the_device, registration);

// ---------------------------------------------------------------------------------------------
// (b) A score set is applied and pulled.

async fn push_and_pull(db: &DatabaseConnection) {
    let w = world(db).await;
    let (p, tasks) = new_procedure(db, &w, w.math, &[w.c5a], &[1, 2, 3, 2]).await;
    let s = w.pupils_5a[0];
    let teacher = principal(db, "teacher").await;
    let phone = register(db, &teacher).await;
    let m = score(1, p, s, tasks[2], Some(3), None);
    let r = sync(db, &teacher, &phone, 0, vec![m.clone()]).await;
    assert_eq!(r.applied, vec![m.id.clone()]);
    assert!(r.rejected.is_empty() && r.conflicts.is_empty() && r.held.is_empty());
    assert_eq!(r.acked_seq, 1);
    assert!(r.cursor >= 1);
    let own = record(&r.changes, p, s).expect("the device gets its own change back");
    let (value, version) = cell(own, tasks[2]);
    assert_eq!(value, Some(3));
    assert!(version > 0);

    let logged = change_log::Entity::find()
        .filter(change_log::Column::MutationId.eq(m.id.clone()))
        .all(db)
        .await
        .unwrap();
    assert_eq!(logged.len(), 1, "one change-log row per applied change");
    assert_eq!(
        logged[0].no, version,
        "a cell's version is its change number"
    );
    assert_eq!(logged[0].class_id, w.c5a);
    assert_eq!(logged[0].subject_id, w.math);
    let stored = mutation::Entity::find_by_id(m.id.clone())
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((stored.outcome.as_str(), stored.seq), ("applied", 1));
    assert_eq!(stored.device_id, phone);

    // Another device of the same teacher pulls from the beginning.
    let tablet = register(db, &teacher).await;
    let pulled = sync(db, &teacher, &tablet, 0, vec![]).await;
    assert_eq!(pulled.changes.len(), 1, "{:?}", pulled.changes);
    let rec = &pulled.changes[0];
    assert_eq!((rec.procedure_id, rec.student_id), (p, s));
    assert_eq!(cell(rec, tasks[2]), (Some(3), version));
    assert!(!rec.absent);
    assert_eq!(rec.absent_version, 0);
    assert_eq!(pulled.cursor, r.cursor);
    // Nothing new since.
    let again = sync(db, &teacher, &tablet, pulled.cursor, vec![]).await;
    assert!(again.changes.is_empty());
    assert_eq!(again.cursor, pulled.cursor);

    // Absence and a cleared score: the flag and the cell keep their versions.
    let absent = absence(1, p, s, true, None);
    let clear = score(2, p, s, tasks[2], None, Some(version));
    let r = sync(db, &teacher, &tablet, pulled.cursor, vec![absent, clear]).await;
    assert_eq!(r.applied.len(), 2);
    assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
    let rec = record(&r.changes, p, s).unwrap();
    assert!(rec.absent);
    assert!(rec.absent_version > version);
    let (value, cleared) = cell(rec, tasks[2]);
    assert_eq!(value, None);
    assert!(cleared > rec.absent_version, "applied in seq order");
    assert_eq!(task_score::Entity::find().count(db).await.unwrap(), 0);
}
both_engines!(b_a_score_is_applied_and_pulled, push_and_pull);

// ---------------------------------------------------------------------------------------------
// (c) A repeated batch gets the first outcomes and changes nothing.

async fn repeated_batch(db: &DatabaseConnection) {
    let w = world(db).await;
    let (p, tasks) = new_procedure(db, &w, w.math, &[w.c5a], &[1, 2, 3, 2]).await;
    let teacher = principal(db, "teacher").await;
    let teacher2 = principal(db, "teacher2").await;
    let other = register(db, &teacher2).await;
    let first = score(1, p, w.pupils_5a[1], tasks[0], Some(1), None);
    sync(db, &teacher2, &other, 0, vec![first]).await;

    let phone = register(db, &teacher).await;
    let batch = vec![
        score(1, p, w.pupils_5a[0], tasks[0], Some(1), None),
        score(2, p, w.pupils_5a[0], tasks[1], Some(9), None),
        absence(3, p, w.pupils_5a[0], true, None),
        score(4, p, w.pupils_5a[1], tasks[0], Some(0), None),
    ];
    let once = sync(db, &teacher, &phone, 0, batch.clone()).await;
    assert_eq!(once.applied.len(), 3);
    assert_eq!(once.rejected.len(), 1);
    assert_eq!(
        once.conflicts.len(),
        1,
        "teacher2's 1 was overwritten unseen"
    );
    assert_eq!(once.acked_seq, 4);
    let before = counts(db).await;
    let twice = sync(db, &teacher, &phone, 0, batch.clone()).await;
    assert_eq!(
        outcome_lists(&twice),
        outcome_lists(&once),
        "the first outcomes again"
    );
    assert_eq!(twice.changes, once.changes);
    assert_eq!(counts(db).await, before, "a repeat writes nothing");
    // A repeat of part of the batch, out of order, with a later cursor.
    let mut part = vec![batch[2].clone(), batch[0].clone()];
    part[0].at = "2000-01-01T00:00:00Z".into();
    let thrice = sync(db, &teacher, &phone, once.cursor, part).await;
    assert_eq!(
        thrice.applied,
        vec![batch[0].id.clone(), batch[2].id.clone()]
    );
    assert_eq!(thrice.acked_seq, 4);
    assert!(thrice.changes.is_empty());
    assert_eq!(counts(db).await, before);
    // The same id from another device is not applied again either.
    let stolen = sync(
        db,
        &teacher2,
        &other,
        0,
        vec![Mutation {
            seq: 2,
            ..batch[0].clone()
        }],
    )
    .await;
    assert!(stolen.applied.is_empty(), "{stolen:?}");
    assert_eq!(stolen.rejected.len(), 1, "{stolen:?}");
    assert_eq!(counts(db).await, before);
}
both_engines!(c_a_repeated_batch_changes_nothing, repeated_batch);

// ---------------------------------------------------------------------------------------------
// (d) A score out of range is rejected with a reason.

async fn out_of_range(db: &DatabaseConnection) {
    let w = world(db).await;
    let (p, tasks) = new_procedure(db, &w, w.math, &[w.c5a], &[1, 2, 3, 2]).await;
    let teacher = principal(db, "teacher").await;
    let phone = register(db, &teacher).await;
    let before = counts(db).await;
    let high = score(1, p, w.pupils_5a[0], tasks[1], Some(3), None);
    let low = score(2, p, w.pupils_5a[0], tasks[1], Some(-1), None);
    let r = sync(db, &teacher, &phone, 0, vec![high.clone(), low.clone()]).await;
    assert!(r.applied.is_empty());
    assert_eq!(r.rejected.len(), 2);
    for (rejected, m) in r.rejected.iter().zip([&high, &low]) {
        assert_eq!(rejected.id, m.id);
        assert!(
            rejected.reason.contains("от 0 до 2"),
            "a reason the teacher can act on: {}",
            rejected.reason
        );
    }
    assert_eq!(r.acked_seq, 2, "a rejected mutation is processed too");
    assert!(r.changes.is_empty());
    let after = counts(db).await;
    assert_eq!(after.change_log, before.change_log);
    assert_eq!(after.task_score, before.task_score);
    assert_eq!(after.cell, before.cell);
    assert_eq!(after.history, before.history);
    assert_eq!(
        after.mutation,
        before.mutation + 2,
        "stored with the outcome"
    );
    let stored = mutation::Entity::find_by_id(high.id.clone())
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.outcome, "rejected");
    assert_eq!(
        stored.reason.as_deref(),
        Some(r.rejected[0].reason.as_str())
    );
    // A task of another procedure is not a task of this one.
    let (_, foreign_tasks) = new_procedure(db, &w, w.math, &[w.c5a], &[5]).await;
    let r = sync(
        db,
        &teacher,
        &phone,
        0,
        vec![score(3, p, w.pupils_5a[0], foreign_tasks[0], Some(1), None)],
    )
    .await;
    assert_eq!(r.rejected.len(), 1);
    assert!(
        r.rejected[0].reason.contains("задания"),
        "{}",
        r.rejected[0].reason
    );
}
both_engines!(d_a_score_out_of_range_is_rejected, out_of_range);

// ---------------------------------------------------------------------------------------------
// (e) Without the right to enter the class's results: rejected, nothing written, audited.

async fn without_the_right(db: &DatabaseConnection) {
    let w = world(db).await;
    let (p, tasks) = new_procedure(db, &w, w.math, &[w.c5a, w.c5b], &[1, 2, 3, 2]).await;
    let ct = principal(db, "class_teacher").await;
    assert!(
        !ct.teaching
            .iter()
            .any(|t| t.class_id == w.c5a && t.subject_id == w.math),
        "the demo's class teacher of 5А does not teach mathematics"
    );
    let teacher2 = principal(db, "teacher2").await;
    let deputy = principal(db, "deputy").await;
    let cases = [
        (&ct, w.pupils_5a[0], "class_teacher in 5А"),
        (&teacher2, w.pupils_5b[0], "teacher2 in 5Б"),
        (&deputy, w.pupils_5a[0], "the deputy"),
    ];
    for (who, student, what) in cases {
        let dev = register(db, who).await;
        let before = counts(db).await;
        let last_audit = audit_log::Entity::find()
            .order_by_desc(audit_log::Column::Id)
            .one(db)
            .await
            .unwrap()
            .map_or(0, |a| a.id);
        let m = score(1, p, student, tasks[0], Some(1), None);
        let r = sync(db, who, &dev, 0, vec![m.clone()]).await;
        assert!(r.applied.is_empty(), "{what}: {r:?}");
        assert_eq!(r.rejected.len(), 1, "{what}");
        assert!(
            r.rejected[0].reason.contains("нет права"),
            "{what}: {}",
            r.rejected[0].reason
        );
        assert_eq!(r.acked_seq, 1);
        let after = counts(db).await;
        assert_eq!(
            (
                after.change_log,
                after.task_score,
                after.result,
                after.cell,
                after.history
            ),
            (
                before.change_log,
                before.task_score,
                before.result,
                before.cell,
                before.history
            ),
            "{what}: nothing written"
        );
        let denied = audit_log::Entity::find()
            .filter(audit_log::Column::Id.gt(last_audit))
            .all(db)
            .await
            .unwrap();
        assert_eq!(denied.len(), 1, "{what}: {denied:?}");
        assert_eq!(denied[0].outcome, "denied");
        assert_eq!(denied[0].account_id, Some(who.account_id));
        assert_eq!(denied[0].action, "edit");
        assert_eq!(denied[0].entity, "result");
        assert!(denied[0].device.as_deref().unwrap_or("").contains(&dev));
    }
    // The class teacher does enter Russian in her class.
    let (russian, rtasks) = new_procedure(db, &w, w.russian, &[w.c5a], &[2]).await;
    assert!(ct
        .teaching
        .iter()
        .any(|t| t.class_id == w.c5a && t.subject_id == w.russian));
    let dev = register(db, &ct).await;
    let r = sync(
        db,
        &ct,
        &dev,
        0,
        vec![score(1, russian, w.pupils_5a[0], rtasks[0], Some(2), None)],
    )
    .await;
    assert_eq!(r.applied.len(), 1, "{r:?}");
}
both_engines!(e_without_the_right_nothing_is_written, without_the_right);

// ---------------------------------------------------------------------------------------------
// (f) Two teachers set one cell: the later sync wins, the other value is kept as a conflict.

async fn conflict(db: &DatabaseConnection) {
    let w = world(db).await;
    let (p, tasks) = new_procedure(db, &w, w.math, &[w.c5a], &[1, 2, 3, 2]).await;
    let s = w.pupils_5a[2];
    let t = tasks[2];
    let teacher = principal(db, "teacher").await;
    let teacher2 = principal(db, "teacher2").await;
    let a = register(db, &teacher).await;
    let b = register(db, &teacher2).await;

    let first = score(1, p, s, t, Some(1), None);
    let ra = sync(db, &teacher, &a, 0, vec![first.clone()]).await;
    assert_eq!(ra.applied, vec![first.id.clone()]);
    assert!(ra.conflicts.is_empty());
    let v1 = cell(record(&ra.changes, p, s).unwrap(), t).1;

    let second = score(1, p, s, t, Some(2), Some(0));
    let rb = sync(db, &teacher2, &b, 0, vec![second.clone()]).await;
    assert_eq!(rb.applied, vec![second.id.clone()], "the later sync wins");
    assert_eq!(rb.conflicts.len(), 1);
    let c = &rb.conflicts[0];
    assert_eq!(c.id, second.id);
    assert_eq!((c.procedure_id, c.student_id, c.task_id), (p, s, t));
    assert_eq!(c.yours, "2");
    assert_eq!(c.theirs, "1");
    let teacher_name = account::Entity::find_by_id(teacher.account_id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .full_name;
    assert_eq!(c.theirs_by, teacher_name);
    let (value, v2) = cell(record(&rb.changes, p, s).unwrap(), t);
    assert_eq!(value, Some(2));
    assert!(v2 > v1);

    let history = cell_history::Entity::find()
        .filter(cell_history::Column::ReplacedBy.eq(second.id.clone()))
        .all(db)
        .await
        .unwrap();
    assert_eq!(history.len(), 1);
    let h = &history[0];
    assert!(h.conflict);
    assert_eq!(h.value.as_deref(), Some("1"));
    assert_eq!(h.version, v1);
    assert_eq!(h.device_id.as_deref(), Some(a.as_str()));
    assert_eq!(h.account_id, Some(teacher.account_id));
    assert!(h.resolved_at.is_none());
    let stored = mutation::Entity::find_by_id(second.id.clone())
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.outcome, "applied");
    assert!(
        stored.conflict.is_some(),
        "kept, so a repeat reports it again"
    );
    let repeat = sync(db, &teacher2, &b, 0, vec![second.clone()]).await;
    assert_eq!(repeat.conflicts, rb.conflicts);

    // The teacher has now seen 2 (version v2): her next edit is no conflict, but the value it
    // overwrites is still kept.
    let third = score(2, p, s, t, Some(3), Some(v2));
    let r = sync(db, &teacher, &a, ra.cursor, vec![third.clone()]).await;
    assert_eq!(r.applied, vec![third.id.clone()]);
    assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
    let kept = cell_history::Entity::find()
        .filter(cell_history::Column::ReplacedBy.eq(third.id.clone()))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(!kept.conflict);
    assert_eq!(kept.value.as_deref(), Some("2"));
    // A device overwriting its own last write is no conflict even from an old base.
    let fourth = score(3, p, s, t, Some(0), Some(0));
    let r = sync(db, &teacher, &a, 0, vec![fourth]).await;
    assert!(r.conflicts.is_empty());
    assert_eq!(
        cell_history::Entity::find()
            .filter(cell_history::Column::Conflict.eq(true))
            .count(db)
            .await
            .unwrap(),
        1
    );
    // The «не писал(а)» flag conflicts the same way.
    let away = absence(2, p, s, true, None);
    sync(db, &teacher2, &b, 0, vec![away]).await;
    let back = absence(4, p, s, false, None);
    let r = sync(db, &teacher, &a, 0, vec![back]).await;
    assert_eq!(r.conflicts.len(), 1);
    assert_eq!(r.conflicts[0].task_id, 0);
    assert_eq!(r.conflicts[0].theirs, "не писал(а)");
}
both_engines!(f_a_conflict_is_applied_reported_and_kept, conflict);

// ---------------------------------------------------------------------------------------------
// (g) A gap in seq stops the batch there.

async fn gap(db: &DatabaseConnection) {
    let w = world(db).await;
    let (p, tasks) = new_procedure(db, &w, w.math, &[w.c5a], &[1, 2, 3, 2]).await;
    let teacher = principal(db, "teacher").await;
    let phone = register(db, &teacher).await;
    let one = score(1, p, w.pupils_5a[0], tasks[0], Some(1), None);
    let two = score(2, p, w.pupils_5a[0], tasks[1], Some(1), None);
    let three = score(3, p, w.pupils_5a[0], tasks[2], Some(1), None);
    let r = sync(db, &teacher, &phone, 0, vec![three.clone(), one.clone()]).await;
    assert_eq!(r.applied, vec![one.id.clone()]);
    assert!(r.rejected.is_empty() && r.conflicts.is_empty() && r.held.is_empty());
    assert_eq!(r.acked_seq, 1);
    assert!(
        mutation::Entity::find_by_id(three.id.clone())
            .one(db)
            .await
            .unwrap()
            .is_none(),
        "nothing after the gap is stored"
    );
    let row = device::Entity::find_by_id(phone.clone())
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.applied_seq, 1);
    assert_eq!(row.last_seq_made, 3, "the server knows seq 2 is missing");
    // The device resends from acked_seq.
    let r = sync(
        db,
        &teacher,
        &phone,
        r.cursor,
        vec![two.clone(), three.clone()],
    )
    .await;
    assert_eq!(r.applied, vec![two.id.clone(), three.id.clone()]);
    assert_eq!(r.acked_seq, 3);
    // A gap right at the start applies nothing.
    let other = register(db, &teacher).await;
    let r = sync(
        db,
        &teacher,
        &other,
        0,
        vec![score(2, p, w.pupils_5a[1], tasks[0], Some(1), None)],
    )
    .await;
    assert!(r.applied.is_empty() && r.rejected.is_empty());
    assert_eq!(r.acked_seq, 0);
}
both_engines!(g_a_gap_in_seq_stops_the_batch, gap);

// ---------------------------------------------------------------------------------------------
// (h) A device of another account is refused.

async fn foreign_device(db: &DatabaseConnection) {
    let w = world(db).await;
    let (p, tasks) = new_procedure(db, &w, w.math, &[w.c5a], &[1, 2, 3, 2]).await;
    let teacher = principal(db, "teacher").await;
    let teacher2 = principal(db, "teacher2").await;
    let hers = register(db, &teacher).await;
    let before = counts(db).await;
    let r = try_sync(
        db,
        &teacher2,
        &hers,
        0,
        vec![score(1, p, w.pupils_5a[0], tasks[0], Some(1), None)],
    )
    .await;
    assert_eq!(r, Err(AppError::Forbidden));
    let r = try_sync(db, &teacher2, &hers, 0, vec![]).await;
    assert_eq!(r, Err(AppError::Forbidden), "not even a pull");
    let after = counts(db).await;
    assert_eq!(after.mutation, before.mutation);
    assert_eq!(after.change_log, before.change_log);
    assert_eq!(after.audit, before.audit + 2, "each refusal is audited");
    let denied = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq("device"))
        .all(db)
        .await
        .unwrap();
    assert_eq!(denied.len(), 2);
    assert!(denied.iter().all(|a| a.outcome == "denied"
        && a.account_id == Some(teacher2.account_id)
        && a.entity_id.as_deref() == Some(hers.as_str())));
    let row = device::Entity::find_by_id(hers)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((row.applied_seq, row.last_seq_made), (0, 0));
}
both_engines!(h_a_device_of_another_account_is_refused, foreign_device);

// ---------------------------------------------------------------------------------------------
// (i) A kind this server does not know, a broken payload, a closed procedure.

async fn unknown_kind(db: &DatabaseConnection) {
    let w = world(db).await;
    let (p, tasks) = new_procedure(db, &w, w.math, &[w.c5a], &[1, 2, 3, 2]).await;
    let teacher = principal(db, "teacher").await;
    let phone = register(db, &teacher).await;
    let before = counts(db).await;
    let newer = Mutation {
        kind: "result.score@9".into(),
        ..score(1, p, w.pupils_5a[0], tasks[0], Some(1), None)
    };
    let broken = Mutation {
        payload: json!({"procedure_id": p, "student": "?"}),
        ..score(2, p, w.pupils_5a[0], tasks[0], Some(1), None)
    };
    let r = sync(db, &teacher, &phone, 0, vec![newer.clone(), broken.clone()]).await;
    assert!(r.applied.is_empty());
    assert_eq!(r.rejected.len(), 2);
    assert_eq!(r.rejected[0].id, newer.id);
    assert!(
        r.rejected[0].reason.contains("result.score@9"),
        "the reason names the kind: {}",
        r.rejected[0].reason
    );
    assert!(!r.rejected[1].reason.is_empty());
    assert_eq!(r.acked_seq, 2);
    let after = counts(db).await;
    assert_eq!(
        (after.change_log, after.task_score),
        (before.change_log, before.task_score)
    );

    // A closed procedure keeps late edits for the deputy.
    let mut row = procedure::Entity::find_by_id(p)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    row.closed_at = Set(Some(Utc::now()));
    row.update(db).await.unwrap();
    let late = score(3, p, w.pupils_5a[0], tasks[0], Some(1), None);
    let r = sync(db, &teacher, &phone, 0, vec![late.clone()]).await;
    assert!(r.applied.is_empty() && r.rejected.is_empty());
    assert_eq!(r.held.len(), 1);
    assert_eq!(r.held[0].id, late.id);
    assert!(r.held[0].reason.contains("закрыта"), "{}", r.held[0].reason);
    assert_eq!(r.acked_seq, 3);
    let stored = mutation::Entity::find_by_id(late.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.outcome, "held");
    assert_eq!(
        task_score::Entity::find().count(db).await.unwrap(),
        before.task_score
    );
}
both_engines!(i_an_unknown_kind_is_rejected_with_a_reason, unknown_kind);

// ---------------------------------------------------------------------------------------------
// (j) A pull shows only what its user may see.

async fn visibility(db: &DatabaseConnection) {
    let w = world(db).await;
    let (math, mt) = new_procedure(db, &w, w.math, &[w.c5a, w.c5b], &[2, 2]).await;
    let (russian, rt) = new_procedure(db, &w, w.russian, &[w.c5a], &[2]).await;
    let names = [
        "teacher",
        "teacher2",
        "class_teacher",
        "deputy",
        "municipal",
    ];
    let mut who = Vec::new();
    for name in names {
        who.push(principal(db, name).await);
    }
    let [teacher, teacher2, ct, deputy, municipal] = &who[..] else {
        unreachable!()
    };
    let (s1, s2, s3, s4) = (
        w.pupils_5a[0],
        w.pupils_5b[0],
        w.pupils_5a[1],
        w.pupils_5a[2],
    );
    let dev = register(db, teacher).await;
    let r = sync(
        db,
        teacher,
        &dev,
        0,
        vec![
            score(1, math, s1, mt[0], Some(1), None),
            score(2, math, s2, mt[0], Some(2), None),
        ],
    )
    .await;
    assert_eq!(r.applied.len(), 2);
    let dev = register(db, teacher2).await;
    let r = sync(
        db,
        teacher2,
        &dev,
        0,
        vec![score(1, math, s3, mt[1], Some(1), None)],
    )
    .await;
    assert_eq!(r.applied.len(), 1);
    let dev = register(db, ct).await;
    let r = sync(
        db,
        ct,
        &dev,
        0,
        vec![score(1, russian, s4, rt[0], Some(2), None)],
    )
    .await;
    assert_eq!(r.applied.len(), 1);

    let expect: [(&Principal, &str, Vec<(i32, i32)>); 5] = [
        (teacher, "teacher", vec![(math, s1), (math, s2), (math, s3)]),
        (teacher2, "teacher2 (5А only)", vec![(math, s1), (math, s3)]),
        (
            ct,
            "class_teacher (5А, every subject)",
            vec![(math, s1), (math, s3), (russian, s4)],
        ),
        (
            deputy,
            "deputy (the whole school)",
            vec![(math, s1), (math, s2), (math, s3), (russian, s4)],
        ),
        (municipal, "municipal (no names, no results)", vec![]),
    ];
    for (p, what, mut want) in expect {
        let dev = register(db, p).await;
        let r = sync(db, p, &dev, 0, vec![]).await;
        let mut got: Vec<(i32, i32)> = r
            .changes
            .iter()
            .map(|c| (c.procedure_id, c.student_id))
            .collect();
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want, "{what} sees what the policy gives");
        assert!(!r.more);
        assert_eq!(
            r.cursor,
            app::ssr::sync::committed_change(db).await.unwrap(),
            "{what}: every change is passed"
        );
    }
    // Teaching assignments decide, not roles: the same teacher loses 5Б with its assignment.
    teaching_assignment::Entity::delete_many()
        .filter(teaching_assignment::Column::AccountId.eq(teacher.account_id))
        .filter(teaching_assignment::Column::ClassId.eq(w.c5b))
        .exec(db)
        .await
        .unwrap();
    let fewer = principal(db, "teacher").await;
    let dev = register(db, &fewer).await;
    let r = sync(db, &fewer, &dev, 0, vec![]).await;
    assert!(r.changes.iter().all(|c| c.student_id != s2));
}
both_engines!(j_a_pull_shows_only_what_its_user_may_see, visibility);

// ---------------------------------------------------------------------------------------------
// The endpoint: JSON in, JSON out, behind the session.

async fn over_http(db: &DatabaseConnection) {
    let w = world(db).await;
    let (p, tasks) = new_procedure(db, &w, w.math, &[w.c5a], &[1, 2, 3, 2]).await;
    let app = app(db);
    let teacher = login(&app, "teacher", "demo").await;
    let (status, body) = call_json(
        &app,
        "sync",
        &json!({"device": null, "cursor": 0, "last_seq_made": 0, "mutations": []}),
        &teacher,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let first: SyncResponse = serde_json::from_str(&body).unwrap();
    assert!(!first.device.is_empty());
    assert_eq!(first.acked_seq, 0);

    let m = score(1, p, w.pupils_5a[0], tasks[1], Some(2), None);
    let (status, body) = call_json(
        &app,
        "sync",
        &json!({"device": first.device, "cursor": first.cursor, "last_seq_made": 1, "mutations": [m]}),
        &teacher,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let r: SyncResponse = serde_json::from_str(&body).unwrap();
    assert_eq!(r.applied, vec![m.id.clone()]);
    assert_eq!(r.acked_seq, 1);
    let rec = record(&r.changes, p, w.pupils_5a[0]).expect("the change comes back");
    assert_eq!(cell(rec, tasks[1]).0, Some(2));
    let row = mutation::Entity::find_by_id(m.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.device_id, first.device);

    // Another user with this device id is refused; without a session nothing happens.
    let teacher2 = login(&app, "teacher2", "demo").await;
    let (status, body) = call_json(
        &app,
        "sync",
        &json!({"device": first.device, "cursor": 0, "last_seq_made": 0, "mutations": []}),
        &teacher2,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, _) = call_json(
        &app,
        "sync",
        &json!({"device": null, "cursor": 0, "last_seq_made": 0, "mutations": []}),
        "mera_session=none",
    )
    .await;
    assert_ne!(status, StatusCode::OK);
    assert_eq!(device::Entity::find().count(db).await.unwrap(), 1);
}
both_engines!(the_endpoint_speaks_json_behind_the_session, over_http);
