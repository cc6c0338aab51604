//! The endpoint: JSON in, JSON out, behind the session.

use axum::http::StatusCode;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use serde_json::json;

use backend::entity::device;
use domain::sync::SyncResponse;

use crate::common::api::{app, call_json, login};
use crate::protocol::{cell, record, score, stored_mutation};
use crate::world::{math_5a, world};

// ---------------------------------------------------------------------------------------------
// The endpoint: JSON in, JSON out, behind the session.

pub async fn over_http(db: &DatabaseConnection) {
    let w = world(db).await;
    let (p, tasks) = math_5a(db, &w).await;
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
    let row = stored_mutation(db, &m.id).await;
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

// ---------------------------------------------------------------------------------------------
// The documented limits hold: 4 MB of payload a request; what is stored is what was understood.

pub async fn limits(db: &DatabaseConnection) {
    let w = world(db).await;
    let (p, tasks) = math_5a(db, &w).await;
    let app = app(db);
    let teacher = login(&app, "teacher", "demo").await;
    let (_, body) = call_json(
        &app,
        "sync",
        &json!({"device": null, "cursor": 0, "last_seq_made": 0, "mutations": []}),
        &teacher,
    )
    .await;
    let device = serde_json::from_str::<SyncResponse>(&body).unwrap().device;
    let before = device::Entity::find().count(db).await.unwrap();
    let mutations = backend::entity::mutation::Entity::find()
        .count(db)
        .await
        .unwrap();

    // A 15 MB body: refused whole, before anything is read into a mutation.
    let mut big = score(1, p, w.pupils_5a[0], tasks[1], Some(2), None);
    big.payload["padding"] = json!("x".repeat(15 * 1024 * 1024));
    let body = json!({"device": device, "cursor": 0, "last_seq_made": 1, "mutations": [big]});
    let (status, text) = call_json(&app, "sync", &body, &teacher).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{text}");
    assert!(text.contains("too_large"), "{text}");
    // Under the body's limit but over 4 MB of payload: refused too.
    let mut over = score(1, p, w.pupils_5a[0], tasks[1], Some(2), None);
    over.payload["padding"] = json!("y".repeat(4 * 1024 * 1024 + 10));
    let body = json!({"device": device, "cursor": 0, "last_seq_made": 1, "mutations": [over]});
    let (status, text) = call_json(&app, "sync", &body, &teacher).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{text}");
    assert_eq!(
        backend::entity::mutation::Entity::find()
            .count(db)
            .await
            .unwrap(),
        mutations,
        "nothing applied"
    );
    assert_eq!(device::Entity::find().count(db).await.unwrap(), before);

    // A payload with fields of its own: applied, and only the fields of its kind are kept.
    let mut extra = score(1, p, w.pupils_5a[0], tasks[1], Some(2), None);
    extra.payload["note"] = json!("что-то, чего сервер не знает");
    let body = json!({"device": device, "cursor": 0, "last_seq_made": 1, "mutations": [extra]});
    let (status, text) = call_json(&app, "sync", &body, &teacher).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let stored: serde_json::Value =
        serde_json::from_str(&stored_mutation(db, &extra.id).await.payload).unwrap();
    assert!(stored.get("note").is_none(), "{stored}");
    assert_eq!(stored["score"], 2);
}
