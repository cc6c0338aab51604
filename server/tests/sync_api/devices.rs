//! A device's identity and its seqs: (a) registration, (h) a device of another account,
//! (k) a late request, (l) an outbox restored from a file.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

use backend::entity::{audit_log, mutation, task_score};
use backend::sync::{run, SyncRequest, MAX_BATCH};
use domain::error::AppError;
use domain::sync::Mutation;

use crate::common::sync::{principal, request};
use crate::protocol::{counts, device_row, origin, register, score, try_sync};
use crate::world::{math_5a, setting, world};

// ---------------------------------------------------------------------------------------------
// (a) Registration.

pub async fn registration(db: &DatabaseConnection) {
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
    let row = device_row(db, &first.device).await;
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

// ---------------------------------------------------------------------------------------------
// (h) A device of another account is refused.

pub async fn foreign_device(db: &DatabaseConnection) {
    let w = world(db).await;
    let (p, tasks) = math_5a(db, &w).await;
    let teacher = principal(db, "teacher").await;
    let teacher2 = principal(db, "teacher2").await;
    let hers = register(db, &teacher).await;
    let before = counts(db).await;
    let m = score(1, p, w.pupils_5a[0], tasks[0], Some(1), None);
    let r = try_sync(db, &teacher2, &hers, 0, vec![m]).await;
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
    let row = device_row(db, &hers).await;
    assert_eq!((row.applied_seq, row.last_seq_made), (0, 0));
}

// ---------------------------------------------------------------------------------------------
// A request that arrives late does not take back what the device said it had made.

pub async fn late_request(db: &DatabaseConnection) {
    let (w, p, tasks, teacher, phone) = setting(db).await;
    let request = |last_seq_made: i64, mutations: Vec<Mutation>| SyncRequest {
        device: Some(phone.clone()),
        cursor: 0,
        last_seq_made,
        mutations,
    };
    let one = score(1, p, w.pupils_5a[0], tasks[0], Some(1), None);
    let two = score(2, p, w.pupils_5a[0], tasks[1], Some(1), None);
    // Sent when the device had made 3 (its outbox larger than one request), held up on the way.
    let early = request(3, vec![one.clone()]);
    // Sent later, when it had made 5, arrives first.
    let later = request(5, vec![one.clone(), two.clone()]);
    let r = run(db, &teacher, &origin(), later).await.unwrap();
    assert_eq!(r.acked_seq, 2);
    let r = run(db, &teacher, &origin(), early).await.unwrap();
    assert_eq!(r.applied, vec![one.id.clone()]);
    let row = device_row(db, &phone).await;
    assert_eq!(
        (row.applied_seq, row.last_seq_made),
        (2, 5),
        "the server still knows that seqs 3 to 5 have not arrived"
    );
}

// ---------------------------------------------------------------------------------------------
// An outbox saved to a file and restored on a wiped device goes through, even when part of it
// had reached the server before the wipe (the device never heard the answer).

pub async fn restored_outbox(db: &DatabaseConnection) {
    use domain::sync::outbox::DeviceState;
    let w = world(db).await;
    let (p, tasks) = math_5a(db, &w).await;
    let teacher = principal(db, "teacher").await;
    let body_request = |state: &DeviceState| request(state.body());
    let mut old = DeviceState::default();
    let r = run(db, &teacher, &origin(), body_request(&old))
        .await
        .unwrap();
    old.absorb(r, "now".into());
    for (task, value) in [(tasks[0], 1), (tasks[1], 2), (tasks[2], 3)] {
        let m = score(0, p, w.pupils_5a[0], task, Some(value), None);
        old.record(m.id, &m.kind, m.payload, None, m.at);
    }
    // The outbox reaches the server, the answer is lost; the teacher saves the outbox to a
    // file and the tablet is wiped.
    let r = run(db, &teacher, &origin(), body_request(&old))
        .await
        .unwrap();
    assert_eq!(r.applied.len(), 3);
    let saved = old.pending.clone();
    let m = score(0, p, w.pupils_5a[1], tasks[0], Some(1), None);
    let mut fresh = DeviceState::default();
    fresh.record(m.id, &m.kind, m.payload, None, m.at);
    assert_eq!(fresh.restore(saved), 3);
    let r = run(db, &teacher, &origin(), body_request(&fresh))
        .await
        .unwrap();
    fresh.absorb(r, "now".into());
    let r = run(db, &teacher, &origin(), body_request(&fresh))
        .await
        .unwrap();
    assert_eq!(r.applied.len(), 1, "the new edit is applied: {r:?}");
    assert_eq!(
        r.rejected.len(),
        3,
        "the copies are answered, not applied again: {r:?}"
    );
    assert!(r.rejected[0].reason.contains("другого устройства"));
    assert_eq!(
        r.acked_seq, 4,
        "the copies do not stop the device's later mutations"
    );
    fresh.absorb(r, "now".into());
    assert!(fresh.pending.is_empty());
    assert_eq!(
        fresh.attention.len(),
        3,
        "the user sees what happened to the copies"
    );
    assert_eq!(task_score::Entity::find().count(db).await.unwrap(), 4);
    // What the device sends next goes through.
    let m = score(0, p, w.pupils_5a[1], tasks[1], Some(2), None);
    fresh.record(m.id, &m.kind, m.payload, None, m.at);
    let r = run(db, &teacher, &origin(), body_request(&fresh))
        .await
        .unwrap();
    assert_eq!((r.applied.len(), r.acked_seq), (1, 5));
}

// ---------------------------------------------------------------------------------------------
// A device that made edits the server never gets: its outbox lost them. The deputy is told which
// device and teacher, with the gap, once it has lasted; it clears when the edits arrive.

pub async fn lost_edits(db: &DatabaseConnection) {
    use crate::common::api::{app, call, login};
    use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};

    let (w, p, tasks, teacher, phone) = setting(db).await;
    let request = |last_seq_made: i64, mutations: Vec<Mutation>| SyncRequest {
        device: Some(phone.clone()),
        cursor: 0,
        last_seq_made,
        mutations,
    };
    let one = score(1, p, w.pupils_5a[0], tasks[0], Some(1), None);
    let two = score(2, p, w.pupils_5a[0], tasks[1], Some(1), None);
    run(db, &teacher, &origin(), request(2, vec![one, two]))
        .await
        .unwrap();
    assert_eq!(device_row(db, &phone).await.gap_seen_at, None);
    // Three more typed, then the browser's storage wiped: it says it made 5 and sends nothing.
    run(db, &teacher, &origin(), request(5, vec![]))
        .await
        .unwrap();
    let first = device_row(db, &phone)
        .await
        .gap_seen_at
        .expect("the gap is seen");
    run(db, &teacher, &origin(), request(5, vec![]))
        .await
        .unwrap();
    assert_eq!(
        device_row(db, &phone).await.gap_seen_at,
        Some(first),
        "since the first time"
    );

    let app = app(db);
    let deputy = login(&app, "deputy", "demo").await;
    let lost = |app: axum::Router, deputy: String| async move {
        let (status, _, text) = call(&app, "devices/lost", "", Some(&deputy)).await;
        assert_eq!(status, axum::http::StatusCode::OK, "{text}");
        serde_json::from_str::<serde_json::Value>(&text).unwrap()
    };
    assert_eq!(
        lost(app.clone(), deputy.clone()).await,
        serde_json::json!([]),
        "not yet: it may be a request held up"
    );
    // Ten minutes on, and seen again since.
    let mut row = device_row(db, &phone).await.into_active_model();
    row.gap_seen_at = Set(Some(first - chrono::Duration::minutes(11)));
    row.update(db).await.unwrap();
    run(db, &teacher, &origin(), request(5, vec![]))
        .await
        .unwrap();
    let told = lost(app.clone(), deputy.clone()).await;
    assert_eq!(told.as_array().unwrap().len(), 1, "{told}");
    assert_eq!(
        (
            told[0]["first_missing"].as_i64(),
            told[0]["last_made"].as_i64()
        ),
        (Some(3), Some(5))
    );
    assert_eq!(told[0]["teacher"], teacher_name(db).await);

    // The edits turn up after all (a saved file restored): the notice goes.
    let three = score(3, p, w.pupils_5a[1], tasks[0], Some(1), None);
    let r = run(db, &teacher, &origin(), request(5, vec![three]))
        .await
        .unwrap();
    assert_eq!(r.acked_seq, 3);
    assert_eq!(device_row(db, &phone).await.gap_seen_at, None);
    assert_eq!(lost(app, deputy).await, serde_json::json!([]));
}

async fn teacher_name(db: &DatabaseConnection) -> String {
    crate::common::sync::account(db, "teacher").await.full_name
}
