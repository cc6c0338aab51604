//! The HTTP surface: the app shell, its static files, `/healthz` and the server functions.

use std::sync::Arc;

use app::ssr::request::ServerSettings;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::provide_context;
use sea_orm::DatabaseConnection;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::config::Config;
use crate::shell::Shell;
use crate::{files, health, security};

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub shell: Arc<Shell>,
    pub config: Arc<Config>,
}

/// The largest request body a server function takes.
const API_BODY_LIMIT: usize = 16 * 1024 * 1024;

const NO_STORE: HeaderValue = HeaderValue::from_static("no-store");
const IMMUTABLE: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");
const REVALIDATE: HeaderValue = HeaderValue::from_static("no-cache");

pub fn router(state: AppState) -> Router {
    let site = &state.config.site_root;
    let csp = HeaderValue::from_str(&security::content_security_policy(
        &state.shell.boot_script_hash,
    ))
    .expect("the CSP is ASCII");

    // Server functions answer with personal data: never cached anywhere.
    let api = Router::new()
        .route("/api/evidence/{id}", get(files::evidence))
        .route("/api/plan-export/{id}", get(files::plan_export))
        .route("/api/table-export/{name}", get(files::table_export))
        .route("/api/{*name}", post(server_fn).get(server_fn))
        // An evidence file of up to 10 MB arrives base64-encoded in JSON (about 13.4 MB).
        .layer(DefaultBodyLimit::max(API_BODY_LIMIT))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            NO_STORE,
        ));
    let pkg = Router::new()
        .nest_service(
            "/pkg",
            ServeDir::new(site.join("pkg"))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(middleware::from_fn(cache_bundle));
    let static_files = Router::new()
        .route_service(
            "/manifest.webmanifest",
            ServeFile::new(site.join("manifest.webmanifest")),
        )
        .nest_service("/icons", ServeDir::new(site.join("icons")))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            REVALIDATE,
        ));

    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/sw.js", get(service_worker))
        .merge(api)
        .merge(pkg)
        .merge(static_files)
        .fallback(shell_page)
        .layer(middleware::from_fn(security::csrf))
        .layer(middleware::from_fn(move |req, next| {
            security::headers(csp.clone(), req, next)
        }))
        .layer(CompressionLayer::new())
        .with_state(state)
}

async fn server_fn(State(state): State<AppState>, req: Request<Body>) -> impl IntoResponse {
    let db = state.db.clone();
    let settings = ServerSettings {
        secure_cookie: state.config.secure_cookie,
    };
    leptos_axum::handle_server_fns_with_context(
        move || {
            provide_context(db.clone());
            provide_context(settings.clone());
        },
        req,
    )
    .await
}

/// Every app route gets the same page; a path that looks like a file and was not found above
/// is a plain 404, not the app.
async fn shell_page(State(state): State<AppState>, uri: Uri) -> Response {
    let last = uri.path().rsplit('/').next().unwrap_or("");
    if last.contains('.') || uri.path().starts_with("/api/") {
        return (StatusCode::NOT_FOUND, "Не найдено").into_response();
    }
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, NO_STORE),
        ],
        state.shell.html.clone(),
    )
        .into_response()
}

/// The worker script is checked by the browser on every navigation, so it must never be cached.
async fn service_worker(State(state): State<AppState>) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/javascript; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, REVALIDATE),
        ],
        state.shell.service_worker.clone(),
    )
        .into_response()
}

/// Bundle files asked for by their content hash (`?v=`) never change: cache them for a year.
async fn cache_bundle(req: Request, next: Next) -> Response {
    let hashed = req.uri().query().is_some_and(|q| q.starts_with("v="));
    let mut response = next.run(req).await;
    if response.status().is_success() {
        let value = if hashed { IMMUTABLE } else { REVALIDATE };
        response.headers_mut().insert(header::CACHE_CONTROL, value);
    }
    response
}
