use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

use crate::routes::AppState;

/// `GET /healthz`: 200 `{"status":"ok","db":"ok"}` while the database answers, 503 otherwise.
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    if crate::db::ping(&state.db).await {
        (StatusCode::OK, Json(json!({"status": "ok", "db": "ok"})))
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"status": "unavailable", "db": "unreachable"})),
        )
    }
}
