//! Signing in and out through `POST /api/login` and `/api/logout`, on SQLite and PostgreSQL.

mod common;

use axum::http::{header, StatusCode};
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, IntoActiveModel, Set};

use backend::entity::session;
use common::api::{app, call, form, login, session_cookie};

async fn wrong_password(db: &DatabaseConnection) {
    server::demo::load(db, common::structure_only())
        .await
        .unwrap();
    let app = app(db);
    let body = form(&[("username", "teacher"), ("password", "wrong")]);
    let (status, headers, text) = call(&app, "login", &body, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(
        text.contains("Неверное имя пользователя или пароль"),
        "{text}"
    );
    assert!(session_cookie(&headers).is_none());
    let body = form(&[("username", "nobody"), ("password", "demo")]);
    let (status, _, unknown) = call(&app, "login", &body, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown, text, "an unknown user gets the same answer");
    // Upper case and spaces around the name are forgiven.
    login(&app, " Teacher ", "demo").await;
}
both_engines!(
    a_wrong_password_is_refused_with_a_russian_message,
    wrong_password
);

async fn throttling(db: &DatabaseConnection) {
    server::demo::load(db, common::structure_only())
        .await
        .unwrap();
    let app = app(db);
    let wrong = form(&[("username", "deputy"), ("password", "guess")]);
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(call(&app, "login", &wrong, None).await.0);
    }
    assert_eq!(statuses[..5], [StatusCode::UNAUTHORIZED; 5]);
    assert_eq!(statuses[5], StatusCode::TOO_MANY_REQUESTS);
    let right = form(&[("username", "deputy"), ("password", "demo")]);
    let (status, _, text) = call(&app, "login", &right, None).await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    assert!(text.contains("Подождите"), "{text}");
    // Another account from elsewhere is not locked out by these failures.
    login(&app, "teacher", "demo").await;
}
both_engines!(repeated_failures_are_slowed_then_refused, throttling);

async fn logout(db: &DatabaseConnection) {
    server::demo::load(db, common::structure_only())
        .await
        .unwrap();
    let app = app(db);
    let cookie = login(&app, "director", "demo").await;
    let (status, _, me) = call(&app, "me", "", Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(me.contains(r#""username":"director""#), "{me}");
    let (status, headers, _) = call(&app, "logout", "", Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
    let cleared = headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    let (status, _, text) = call(&app, "me", "", Some(&cookie)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the old cookie is dead");
    assert!(text.contains("Нужно войти снова"));
    assert_eq!(session::Entity::find().all(db).await.unwrap().len(), 0);
}
both_engines!(logout_ends_the_session_on_the_server, logout);

async fn expiry(db: &DatabaseConnection) {
    server::demo::load(db, common::structure_only())
        .await
        .unwrap();
    let app = app(db);
    let cookie = login(&app, "teacher", "demo").await;
    let row = session::Entity::find().one(db).await.unwrap().unwrap();
    assert!(
        row.expires_at - Utc::now() > Duration::days(90),
        "a tablet stays signed in for a term"
    );
    let mut row = row.into_active_model();
    row.expires_at = Set(Utc::now() - Duration::minutes(1));
    row.update(db).await.unwrap();
    let (status, _, _) = call(&app, "me", "", Some(&cookie)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
both_engines!(an_expired_session_is_refused, expiry);

async fn password_change(db: &DatabaseConnection) {
    server::demo::load(db, common::structure_only())
        .await
        .unwrap();
    let app = app(db);
    let tablet = login(&app, "teacher", "demo").await;
    let phone = login(&app, "teacher", "demo").await;
    let short = form(&[("current", "demo"), ("new", "short")]);
    let (status, _, text) = call(&app, "password", &short, Some(&tablet)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("не меньше 8"), "{text}");
    let wrong = form(&[("current", "nope"), ("new", "новый пароль 2026")]);
    let (status, _, _) = call(&app, "password", &wrong, Some(&tablet)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let good = form(&[("current", "demo"), ("new", "новый пароль 2026")]);
    let (status, _, _) = call(&app, "password", &good, Some(&tablet)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(call(&app, "me", "", Some(&tablet)).await.0, StatusCode::OK);
    assert_eq!(
        call(&app, "me", "", Some(&phone)).await.0,
        StatusCode::UNAUTHORIZED,
        "other devices are signed out"
    );
    let old = form(&[("username", "teacher"), ("password", "demo")]);
    assert_eq!(
        call(&app, "login", &old, None).await.0,
        StatusCode::UNAUTHORIZED
    );
    login(&app, "teacher", "новый пароль 2026").await;
}
both_engines!(
    changing_the_password_signs_out_other_devices,
    password_change
);
