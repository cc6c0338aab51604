//! Files served outside the server functions, each behind the session and the policy:
//! `GET /api/evidence/{id}` (an evidence file of a plan measure, to those who may see the measure;
//! unknown and forbidden answer alike, so a guessed URL tells nothing) and
//! `GET /api/plan-export/{id}` (a plan as XLSX), `GET /api/table-export/{name}` (a dashboard
//! table as XLSX), `GET /api/journal-file/{name}` (the journal template and examples).

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use backend::plan::evidence::fetch;
use backend::plan::export;
use backend::platform::session::token_from_cookie_header;
use domain::error::AppError;

use crate::routes::AppState;

fn token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(token_from_cookie_header)
}

pub async fn evidence(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    match fetch(&state.db, token(&headers), &id).await {
        Ok(file) => {
            // Photos and PDFs open in the browser; office documents download.
            let shown =
                file.content_type.starts_with("image/") || file.content_type.ends_with("/pdf");
            file_response(file.bytes, &file.content_type, &file.name, shown)
        }
        Err(err) => failure(err),
    }
}

pub async fn plan_export(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    headers: HeaderMap,
) -> Response {
    match export::xlsx(&state.db, token(&headers), id).await {
        Ok(file) => file_response(file.bytes, XLSX, &file.file_name, false),
        Err(err) => failure(err),
    }
}

pub async fn table_export(
    State(state): State<AppState>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Response {
    match backend::table_export::xlsx(&state.db, token(&headers), &name).await {
        Ok(file) => file_response(file.bytes, XLSX, &file.file_name, false),
        Err(err) => failure(err),
    }
}

/// The spreadsheet «Новая работа» reads tasks from, to fill in.
pub async fn tasks_template(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let made = match backend::platform::principal::from_token(&state.db, token(&headers)).await {
        Ok(_) => backend::procedure_setup::tasks_file::template(),
        Err(err) => Err(err),
    };
    match made {
        Ok(bytes) => file_response(bytes, XLSX, "Шаблон заданий работы.xlsx", false),
        Err(err) => failure(err),
    }
}

/// «Список кодов участников» of a ВПР, for the deputy or the director.
pub async fn participant_codes(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    headers: HeaderMap,
) -> Response {
    match backend::participant_codes::workbook(&state.db, token(&headers), id).await {
        Ok((name, bytes)) => file_response(bytes, XLSX, &name, false),
        Err(err) => failure(err),
    }
}

/// «Загрузка из журнала»'s template and example files.
pub async fn journal_file(
    State(state): State<AppState>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Response {
    match backend::journal_import::sample::file(&state.db, token(&headers), &name).await {
        Ok(file) => file_response(file.bytes, file.content_type, &file.name, false),
        Err(err) => failure(err),
    }
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn file_response(bytes: Vec<u8>, content_type: &str, name: &str, inline: bool) -> Response {
    let disposition = format!(
        "{}; filename*=UTF-8''{}",
        if inline { "inline" } else { "attachment" },
        encode(name)
    );
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

fn failure(err: AppError) -> Response {
    let status =
        StatusCode::from_u16(err.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, err.to_string()).into_response()
}

/// RFC 5987 percent-encoding of a UTF-8 file name.
fn encode(name: &str) -> String {
    name.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_are_percent_encoded() {
        assert_eq!(
            super::encode("Приказ 1.pdf"),
            "%D0%9F%D1%80%D0%B8%D0%BA%D0%B0%D0%B7%201.pdf"
        );
    }
}
