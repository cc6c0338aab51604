//! The HTTP surface: the app shell, its static files, `/healthz` and the server functions.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use backend::platform::request::ServerSettings;
use domain::error::AppError;
use leptos::prelude::provide_context;
use sea_orm::DatabaseConnection;
use tower_http::catch_panic::CatchPanicLayer;
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
    /// Journal files held between choosing and loading (`journal/stage`).
    pub batches: backend::journal_import::Batches,
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
        .route("/api/procedures/tasks-template", get(files::tasks_template))
        .route("/api/code-list/{id}", get(files::participant_codes))
        .route("/api/journal-file/{name}", get(files::journal_file))
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

    let app = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/sw.js", get(service_worker))
        .merge(api)
        .merge(pkg)
        .merge(static_files)
        .fallback(shell_page)
        .layer(middleware::from_fn(security::csrf))
        .layer(middleware::from_fn(move |req, next| {
            security::headers(csp.clone(), req, next)
        }));
    survive_panics(app)
        .layer(middleware::from_fn(access_log))
        .layer(CompressionLayer::new())
        .with_state(state)
}

async fn server_fn(State(state): State<AppState>, req: Request<Body>) -> Response {
    // Read the body here, within the limit: the server functions read it raw, so the limit
    // would not hold otherwise, and a body over it is the client's 413, not a failed read.
    let (parts, body) = req.into_parts();
    // A sync carries at most 4 MB of payload (docs/sync.md); everything else up to 16 MB.
    let limit = if parts.uri.path() == "/api/sync" {
        domain::sync::MAX_SYNC_BODY
    } else {
        API_BODY_LIMIT
    };
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return too_large(limit);
    }
    let body = match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => bytes,
        Err(err) if over_limit(&err) => return too_large(limit),
        Err(err) => {
            tracing::info!(error = %err, "request body not read");
            return app_error(AppError::invalid(
                "Запрос пришёл не полностью. Повторите действие.",
            ));
        }
    };
    let req = Request::from_parts(parts, Body::from(body));
    let db = state.db.clone();
    let batches = state.batches.clone();
    let settings = ServerSettings {
        secure_cookie: state.config.secure_cookie,
    };
    let response = leptos_axum::handle_server_fns_with_context(
        move || {
            provide_context(db.clone());
            provide_context(settings.clone());
            provide_context(batches.clone());
        },
        req,
    )
    .await
    .into_response();
    status_from_error(response).await
}

/// A failed server function answers 500 with the error in its body, whether its body failed or
/// its arguments could not be read; the error's own status is the true one (401, 403, 400 for
/// the client's mistake, 429 …), so clients and the access log see whose mistake it was. The one
/// place every failed server function gets its status.
async fn status_from_error(response: Response) -> Response {
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return app_error(AppError::Server);
    };
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(err.status_code()) {
            parts.status = status;
        }
        if let Some(seconds) = err.retry_after() {
            parts.headers.insert(header::RETRY_AFTER, seconds.into());
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

fn over_limit(err: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = source {
        if e.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = e.source();
    }
    false
}

fn too_large(limit: usize) -> Response {
    app_error(AppError::TooLarge(limit.div_ceil(1024 * 1024)))
}

/// An error answered outside a server function, in the same JSON shape.
pub fn app_error(err: AppError) -> Response {
    let status =
        StatusCode::from_u16(err.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        serde_json::to_string(&err).unwrap_or_default(),
    )
        .into_response();
    if let Some(seconds) = err.retry_after() {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, seconds.into());
    }
    response
}

/// A panic in one request answers that request with a 500 and leaves the server serving.
pub fn survive_panics<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router.layer(CatchPanicLayer::custom(panicked))
}

fn panicked(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request panicked; answered 500, the server goes on");
    app_error(AppError::Server)
}

/// The access log: one line a request, its status saying whose mistake it was (4xx the
/// client's, 5xx the server's).
async fn access_log(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let started = std::time::Instant::now();
    let response = next.run(req).await;
    let status = response.status().as_u16();
    let ms = started.elapsed().as_millis() as u64;
    if status >= 500 {
        tracing::error!(target: "access", %method, %path, status, ms, "server error");
    } else if status >= 400 {
        tracing::info!(target: "access", %method, %path, status, ms, "client error");
    } else {
        tracing::debug!(target: "access", %method, %path, status, ms);
    }
    response
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
