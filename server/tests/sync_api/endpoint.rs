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
