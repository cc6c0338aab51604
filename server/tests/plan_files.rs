//! Evidence files of plan measures, on both engines: empty, foreign and oversized files are
//! refused with the reason and nothing is stored; a stored file is served only to those who may
//! see its measure, whatever URL a stranger tries.

mod common;

use axum::http::StatusCode;
use base64::Engine;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use serde_json::{json, Value};

use backend::entity::measure_evidence;
use common::api::{app, call, call_json, download, login};
use domain::plan::evidence_file::MAX_BYTES;

async fn evidence_files(db: &DatabaseConnection) {
    server::demo::load(db, common::structure_only())
        .await
        .unwrap();
    let app = app(db);
    let teacher = login(&app, "teacher", "demo").await;
    let (_, _, text) = call(&app, "measures/mine", "", Some(&teacher)).await;
    let mine: Value = serde_json::from_str(&text).unwrap();
    let measure_id = mine["measures"][0]["id"].as_i64().unwrap();
    let upload = |name: &str, bytes: &[u8]| {
        json!({"measure_id": measure_id, "name": name,
            "content_base64": base64::engine::general_purpose::STANDARD.encode(bytes)})
    };
    let stored = || async { measure_evidence::Entity::find().count(db).await.unwrap() };

    for (name, bytes, says) in [
        ("пусто.pdf", b"".to_vec(), "Файл пустой"),
        ("virus.pdf", b"MZ\x90\x00binary".to_vec(), "не принимается"),
        (
            "big.pdf",
            {
                let mut b = b"%PDF-".to_vec();
                b.resize(MAX_BYTES + 1, b'x');
                b
            },
            "больше 10 МБ",
        ),
    ] {
        let (status, text) =
            call_json(&app, "measure/evidence", &upload(name, &bytes), &teacher).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name}: {text}");
        assert!(text.contains(says), "{name}: {text}");
        assert_eq!(stored().await, 0, "{name}: nothing stored");
    }

    let pdf = b"%PDF-1.4\n% the order on the council\n".to_vec();
    let (status, text) = call_json(
        &app,
        "measure/evidence",
        &upload("Приказ о совете.pdf", &pdf),
        &teacher,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let id: String = serde_json::from_str(&text).unwrap();
    let (status, kind, bytes) =
        download(&app, &format!("/api/evidence/{id}"), Some(&teacher)).await;
    assert_eq!(
        (status, kind.as_str(), bytes),
        (StatusCode::OK, "application/pdf", pdf.clone())
    );
    let council = login(&app, "council", "demo").await;
    assert_eq!(
        download(&app, &format!("/api/evidence/{id}"), Some(&council))
            .await
            .0,
        StatusCode::OK
    );
    // Someone who may not see the plan gets nothing, even with the URL; nor does a stranger.
    let teacher2 = login(&app, "teacher2", "demo").await;
    let (status, _, bytes) = download(&app, &format!("/api/evidence/{id}"), Some(&teacher2)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!bytes.starts_with(b"%PDF"));
    let municipal = login(&app, "municipal", "demo").await;
    assert_eq!(
        download(&app, &format!("/api/evidence/{id}"), Some(&municipal))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        download(&app, &format!("/api/evidence/{id}"), None).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        download(&app, "/api/evidence/no-such-file", Some(&council))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    // teacher2 cannot attach to a measure she does not answer for.
    let (status, _) = call_json(&app, "measure/evidence", &upload("a.pdf", &pdf), &teacher2).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(stored().await, 1);
}
both_engines!(
    evidence_files_are_checked_and_served_only_to_those_who_may_see_them,
    evidence_files
);
