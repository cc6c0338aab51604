//! Response headers every answer carries, and the CSRF check on every state-changing request.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use api::client::{CSRF_HEADER, CSRF_VALUE};

/// The Content-Security-Policy: nothing but this origin, wasm compilation, and the one inline
/// boot script named by its hash.
pub fn content_security_policy(boot_script_hash: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' '{boot_script_hash}'; \
         style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; \
         manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// Adds the security headers to every response that does not set its own.
pub async fn headers(csp: HeaderValue, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    let fixed: [(header::HeaderName, HeaderValue); 5] = [
        (header::CONTENT_SECURITY_POLICY, csp),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            header::HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("geolocation=(), microphone=(), payment=()"),
        ),
    ];
    for (name, value) in fixed {
        headers.entry(name).or_insert(value);
    }
    response
}

/// Refuses a state-changing request that lacks `X-Requested-With: mera` or that a browser
/// sent from another origin. Safe methods pass.
pub async fn csrf(req: Request, next: Next) -> Response {
    if is_safe(req.method()) || same_origin_app_request(req.headers()) {
        return next.run(req).await;
    }
    tracing::warn!(method = %req.method(), path = %req.uri().path(), "refused: CSRF check failed");
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        Body::from("Запрос отклонён: он отправлен не из приложения «Мера». Откройте Меру и повторите действие."),
    )
        .into_response()
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn same_origin_app_request(headers: &HeaderMap) -> bool {
    let marked = headers
        .get(CSRF_HEADER)
        .is_some_and(|v| v.as_bytes() == CSRF_VALUE.as_bytes());
    let origin_ok = match headers.get(header::ORIGIN) {
        None => true,
        Some(origin) => {
            let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
            let origin = origin.to_str().ok();
            match (origin, host) {
                (Some(origin), Some(host)) => origin
                    .split_once("://")
                    .is_some_and(|(_, origin_host)| origin_host == host),
                _ => false,
            }
        }
    };
    marked && origin_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn the_app_header_from_the_same_origin_passes() {
        let h = headers(&[
            ("x-requested-with", "mera"),
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000"),
        ]);
        assert!(same_origin_app_request(&h));
        assert!(same_origin_app_request(&headers(&[(
            "x-requested-with",
            "mera"
        )])));
    }

    #[test]
    fn a_missing_header_or_a_foreign_origin_is_refused() {
        assert!(!same_origin_app_request(&headers(&[(
            "host",
            "127.0.0.1:3000"
        )])));
        let foreign = headers(&[
            ("x-requested-with", "mera"),
            ("host", "127.0.0.1:3000"),
            ("origin", "http://evil.example"),
        ]);
        assert!(!same_origin_app_request(&foreign));
        let null_origin = headers(&[("x-requested-with", "mera"), ("origin", "null")]);
        assert!(!same_origin_app_request(&null_origin));
    }

    #[test]
    fn the_policy_allows_wasm_but_no_inline_code_but_the_boot_script() {
        let csp = content_security_policy("sha256-abc");
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(csp.contains("'sha256-abc'"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
        assert!(!csp.contains("'unsafe-eval'"));
    }
}
