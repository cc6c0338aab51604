//! The real router over a test database, and a small client that speaks to its server functions
//! the way the app does (form-encoded arguments, the `X-Requested-With: mera` header, cookies).

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use sea_orm::DatabaseConnection;
use tower::ServiceExt;

use server::config::Config;
use server::routes::{router, AppState};
use server::shell::Shell;

pub fn app(db: &DatabaseConnection) -> Router {
    let site_root = super::fake_site();
    let config = Config {
        database_url: String::new(),
        addr: "127.0.0.1:0".parse().unwrap(),
        site_root: site_root.clone(),
        secure_cookie: false,
    };
    router(AppState {
        db: db.clone(),
        shell: Arc::new(Shell::load(&site_root).unwrap()),
        config: Arc::new(config),
        batches: Default::default(),
    })
}

pub async fn send(app: &Router, req: Request<Body>) -> (StatusCode, HeaderMap, String) {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

pub fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

/// Percent-encodes form values (usernames and passwords in tests are ASCII, names are not).
pub fn form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| {
            let v: String = v
                .bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => {
                        (b as char).to_string()
                    }
                    _ => format!("%{b:02X}"),
                })
                .collect();
            format!("{k}={v}")
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// One server function call: `POST /api/{endpoint}`.
pub async fn call(
    app: &Router,
    endpoint: &str,
    body: &str,
    cookie: Option<&str>,
) -> (StatusCode, HeaderMap, String) {
    let mut req = Request::post(format!("/api/{endpoint}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("x-requested-with", "mera");
    if let Some(cookie) = cookie {
        req = req.header(header::COOKIE, cookie);
    }
    send(app, req.body(Body::from(body.to_string())).unwrap()).await
}

/// Signs in and returns the `name=value` of the session cookie.
pub async fn login(app: &Router, username: &str, password: &str) -> String {
    let body = form(&[("username", username), ("password", password)]);
    let (status, headers, text) = call(app, "login", &body, None).await;
    assert_eq!(status, StatusCode::OK, "{username} signs in: {text}");
    session_cookie(&headers).expect("a session cookie")
}

pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("mera_session=") && !v.starts_with("mera_session=;"))
        .map(|v| v.split(';').next().unwrap().to_string())
}

/// A server function that takes JSON (file uploads).
pub async fn call_json(
    app: &Router,
    endpoint: &str,
    body: &serde_json::Value,
    cookie: &str,
) -> (StatusCode, String) {
    call_json_text(app, endpoint, &body.to_string(), cookie).await
}

/// The same with the body as text, which need not be JSON at all.
pub async fn call_json_text(
    app: &Router,
    endpoint: &str,
    body: &str,
    cookie: &str,
) -> (StatusCode, String) {
    let req = Request::post(format!("/api/{endpoint}"))
        .header(header::CONTENT_TYPE, "application/json")
        .header("x-requested-with", "mera")
        .header(header::COOKIE, cookie)
        .body(Body::from(body.to_string()))
        .unwrap();
    let (status, _, text) = send(app, req).await;
    (status, text)
}

/// A plain `GET` of a file behind the session: status, content type, bytes.
pub async fn download(
    app: &Router,
    path: &str,
    cookie: Option<&str>,
) -> (StatusCode, String, Vec<u8>) {
    let mut req = Request::get(path);
    if let Some(cookie) = cookie {
        req = req.header(header::COOKIE, cookie);
    }
    let response = app
        .clone()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let kind = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, kind, bytes.to_vec())
}
