//! Client mistakes are the client's: a non-numeric or out-of-range id, a missing field, an
//! unknown enum value, malformed JSON and a body over the limit answer 400 (413) with the JSON
//! error and a Russian sentence, never a 500; a panic in one request answers 500 and the server
//! goes on.

mod common;

use axum::http::StatusCode;
use axum::routing::get as route_get;
use axum::Router;
use sea_orm::DatabaseConnection;
use serde_json::Value;

use common::api::{app, call, call_json_text, get, login, send};

fn is_russian_error(body: &str, code: &str) -> bool {
    let Ok(json) = serde_json::from_str::<Value>(body) else {
        return false;
    };
    json["error"] == code
        && json["message"]
            .as_str()
            .is_some_and(|m| m.chars().any(|c| ('а'..='я').contains(&c)))
}

async fn mistakes(db: &DatabaseConnection) {
    server::demo::load(db, common::structure_only())
        .await
        .unwrap();
    let app = app(db);
    let deputy = login(&app, "deputy", "demo").await;
    let admin = login(&app, "admin", "demo").await;
    let form_cases: [(&str, &str, &str, &str); 7] = [
        ("a word for an id", "class", "class_id=abc", "deputy"),
        ("an id past i32", "class", "class_id=99999999999", "deputy"),
        ("a missing field", "class", "", "deputy"),
        (
            "a missing field among others",
            "students/move",
            "student_id=1",
            "deputy",
        ),
        (
            "an unknown role",
            "accounts/grant",
            "account_id=1&role=Boss",
            "admin",
        ),
        (
            "a negative grade past i16",
            "classes/create",
            "grade=70000&letter=A",
            "deputy",
        ),
        (
            "a flag that is not a flag",
            "procedure/close",
            "procedure_id=1&closed=maybe",
            "deputy",
        ),
    ];
    for (what, endpoint, body, who) in form_cases {
        let cookie = if who == "admin" { &admin } else { &deputy };
        let (status, _, text) = call(&app, endpoint, body, Some(cookie)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{what}: {text}");
        assert!(is_russian_error(&text, "invalid"), "{what}: {text}");
    }
    // An id that reads as a number but names nothing is not a server failure either.
    let (status, _, text) = call(&app, "class", "class_id=2147483647", Some(&deputy)).await;
    assert!(
        status.is_client_error(),
        "an unknown class: {status} {text}"
    );

    for (what, body) in [
        ("malformed JSON", "{not json"),
        ("JSON of the wrong shape", r#"{"request": 5}"#),
        ("an empty body", ""),
    ] {
        let (status, text) = call_json_text(&app, "sync", body, &deputy).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{what}: {text}");
        assert!(is_russian_error(&text, "invalid"), "{what}: {text}");
    }

    let huge = format!(
        r#"{{"file_name":"a.csv","data":"{}"}}"#,
        "A".repeat(17 << 20)
    );
    let (status, text) = call_json_text(&app, "students/preview", &huge, &deputy).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{text}");
    assert!(is_russian_error(&text, "too_large"), "{text}");
    let (health, _, _) = send(&app, get("/healthz")).await;
    assert_eq!(health, StatusCode::OK);
}
both_engines!(client_mistakes_are_400_with_a_russian_sentence, mistakes);

#[tokio::test]
async fn a_panic_fails_one_request_not_the_server() {
    async fn boom() -> &'static str {
        panic!("a bug in one request")
    }
    async fn fine() -> &'static str {
        "ok"
    }
    let app = server::routes::survive_panics(
        Router::new()
            .route("/boom", route_get(boom))
            .route("/fine", route_get(fine)),
    );
    let (status, _, body) = send(&app, get("/boom")).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(is_russian_error(&body, "server"), "{body}");
    let (status, _, body) = send(&app, get("/fine")).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "ok"));
}
