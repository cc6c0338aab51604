//! The stable HTTP surface, through the real router and a real database.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use sea_orm::DatabaseConnection;

use common::api::{app, get, send};

async fn health(db: &DatabaseConnection) {
    let app = app(db);
    let (status, _, body) = send(&app, get("/healthz")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, r#"{"db":"ok","status":"ok"}"#);
    db.clone().close().await.unwrap();
    let (status, _, _) = send(&app, get("/healthz")).await;
    assert_eq!(
        status,
        StatusCode::SERVICE_UNAVAILABLE,
        "a closed database is reported"
    );
}
both_engines!(healthz_reports_the_database, health);

async fn shell(db: &DatabaseConnection) {
    let app = app(db);
    for path in ["/", "/classes/5a", "/plan"] {
        let (status, headers, body) = send(&app, get(path)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(body.contains(r#"<html lang="ru">"#));
        assert_eq!(
            headers[header::CACHE_CONTROL],
            "no-store",
            "html is not cached"
        );
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'"));
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(headers[header::REFERRER_POLICY], "same-origin");
    }
    let (status, _, _) = send(&app, get("/missing.png")).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "a missing file is not the app"
    );
}
both_engines!(
    every_route_gets_the_russian_shell_with_security_headers,
    shell
);

async fn assets(db: &DatabaseConnection) {
    let app = app(db);
    let (status, headers, body) = send(&app, get("/pkg/mera.js?v=0123abcd")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert!(body.contains("init"));
    let (_, headers, _) = send(&app, get("/pkg/mera.js")).await;
    assert_eq!(
        headers[header::CACHE_CONTROL],
        "no-cache",
        "unhashed URLs revalidate"
    );
    let (status, headers, body) = send(&app, get("/sw.js")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    assert!(body.contains("/pkg/mera.wasm?v="));
    let (status, headers, _) = send(&app, get("/manifest.webmanifest")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/manifest+json");
    let (status, headers, _) = send(&app, get("/icons/icon-192.png")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "image/png");
}
both_engines!(assets_are_cached_by_hash_and_the_worker_never, assets);

async fn csrf(db: &DatabaseConnection) {
    let app = app(db);
    let call = |marked: bool, origin: Option<&str>| {
        let mut req = Request::post("/api/installation")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if marked {
            req = req.header("x-requested-with", "mera");
        }
        if let Some(origin) = origin {
            req = req.header(header::ORIGIN, origin);
        }
        req.body(Body::empty()).unwrap()
    };
    let (status, _, body) = send(&app, call(false, None)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body.contains("Запрос отклонён"));
    let (status, _, _) = send(&app, call(true, Some("https://evil.example"))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, headers, body) = send(&app, call(true, Some("http://127.0.0.1:3000"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    assert_eq!(body, "null", "an empty database has no school to name");
    server::demo::load(db, common::structure_only())
        .await
        .unwrap();
    let (_, _, body) = send(&app, call(true, None)).await;
    assert_eq!(body, r#""Заречный муниципальный округ""#);
}
both_engines!(server_functions_require_the_app_header, csrf);
