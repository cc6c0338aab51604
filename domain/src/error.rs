//! The error a user can be shown. Every variant's text is a Russian sentence that says what to do;
//! internal details (SQL, paths) go to the server log and never into this type.

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(into = "Wire", from = "Wire")]
pub enum AppError {
    /// The server could not reach its database; the details are in the server log.
    #[error("Сервер временно не может прочитать данные. Повторите попытку через минуту.")]
    Database,
    /// The server is at capacity for the moment (its database connections all busy, as at the
    /// bell): retry in a few seconds; nothing is lost.
    #[error("Сервер сейчас занят: синхронизируется много устройств. Всё введённое сохранено на устройстве и уйдёт само через несколько секунд.")]
    Busy,
    /// The request never reached the server or its answer never came back.
    #[error("Нет связи с сервером. Всё, что вы ввели, сохранено на устройстве.")]
    Network,
    /// No session, or it expired or was ended.
    #[error("Нужно войти снова.")]
    NotSignedIn,
    /// The username or password is wrong; which of the two is not said.
    #[error("Неверное имя пользователя или пароль.")]
    WrongCredentials,
    /// Too many failed logins.
    #[error("Слишком много неудачных попыток входа. Подождите {0} минут и попробуйте снова.")]
    Throttled(i64),
    /// The user may not see or do this.
    #[error("У вас нет доступа к этим данным.")]
    Forbidden,
    /// Input that cannot be accepted; the text says what to correct.
    #[error("{0}")]
    Invalid(String),
    /// A sync from a device the server does not know (its database was replaced): the device
    /// registers again and resends its outbox.
    #[error("Сервер не узнал это устройство. Оно зарегистрируется заново; всё введённое сохранено и будет отправлено.")]
    UnknownDevice,
    /// A request larger than the server takes (a file over the upload limit).
    #[error("Запрос слишком большой: файл больше {0} МБ. Уменьшите его или разделите на части.")]
    TooLarge(usize),
    /// Anything else that went wrong while calling the server.
    #[error("Сервер не смог выполнить запрос. Повторите попытку; если ошибка повторится, сообщите администратору.")]
    Server,
}

impl AppError {
    /// Bad input, with the Russian sentence that says what is wrong.
    pub fn invalid(text: impl Into<String>) -> AppError {
        AppError::Invalid(text.into())
    }

    /// For a 503: when to try again, in seconds (the `Retry-After` header).
    pub fn retry_after(&self) -> Option<u32> {
        match self {
            AppError::Busy => Some(3),
            AppError::Database => Some(30),
            _ => None,
        }
    }

    /// The HTTP status a server function answers with when it fails this way.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::NotSignedIn | AppError::WrongCredentials => 401,
            AppError::Forbidden => 403,
            AppError::Throttled(_) => 429,
            AppError::Invalid(_) => 400,
            AppError::UnknownDevice => 409,
            AppError::TooLarge(_) => 413,
            AppError::Database | AppError::Busy => 503,
            AppError::Network | AppError::Server => 500,
        }
    }
}

/// How an error travels: a stable code for programs and the Russian sentence for people, so a
/// client other than the app (a script, curl) reads the same message the app shows.
#[derive(Serialize, Deserialize)]
struct Wire {
    error: String,
    message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    retry_in_minutes: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    limit_mb: Option<usize>,
}

impl From<AppError> for Wire {
    fn from(err: AppError) -> Wire {
        let error = match &err {
            AppError::Database => "database",
            AppError::Busy => "busy",
            AppError::Network => "network",
            AppError::NotSignedIn => "not_signed_in",
            AppError::WrongCredentials => "wrong_credentials",
            AppError::Throttled(_) => "throttled",
            AppError::Forbidden => "forbidden",
            AppError::Invalid(_) => "invalid",
            AppError::UnknownDevice => "unknown_device",
            AppError::TooLarge(_) => "too_large",
            AppError::Server => "server",
        };
        let retry_in_minutes = match &err {
            AppError::Throttled(minutes) => Some(*minutes),
            _ => None,
        };
        let limit_mb = match &err {
            AppError::TooLarge(mb) => Some(*mb),
            _ => None,
        };
        Wire {
            error: error.into(),
            message: err.to_string(),
            retry_in_minutes,
            limit_mb,
        }
    }
}

impl From<Wire> for AppError {
    fn from(wire: Wire) -> AppError {
        match wire.error.as_str() {
            "database" => AppError::Database,
            "busy" => AppError::Busy,
            "network" => AppError::Network,
            "not_signed_in" => AppError::NotSignedIn,
            "wrong_credentials" => AppError::WrongCredentials,
            "throttled" => AppError::Throttled(wire.retry_in_minutes.unwrap_or(15)),
            "forbidden" => AppError::Forbidden,
            "invalid" => AppError::Invalid(wire.message),
            "unknown_device" => AppError::UnknownDevice,
            "too_large" => AppError::TooLarge(wire.limit_mb.unwrap_or(16)),
            _ => AppError::Server,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) => AppError::Network,
            // The server could not read the arguments: the client's mistake, so a 400 that says
            // which field, never a 500 (the access log then tells the two apart).
            ServerFnErrorErr::Args(detail) | ServerFnErrorErr::MissingArg(detail) => {
                bad_request(&detail)
            }
            // On the server a body that does not decode is the request's (a JSON argument); on
            // the device it would be the server's answer, which stays a server failure.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(detail) => bad_request(&detail),
            _ => AppError::Server,
        }
    }
}

fn bad_request(detail: &str) -> AppError {
    #[cfg(feature = "ssr")]
    {
        // The server answers this error with its own status (400): `server::routes` sets the
        // status of every failed server function from the error's code.
        tracing::info!(%detail, "request arguments refused");
    }
    AppError::Invalid(bad_arguments(detail))
}

/// A Russian sentence for arguments the server could not read, from the decoder's words.
fn bad_arguments(detail: &str) -> String {
    let quoted = |marker: &str| {
        let start = detail.find(marker)? + marker.len();
        let rest = &detail[start..];
        let end = rest.find('`')?;
        Some(rest[..end].to_string())
    };
    if let Some(field) = quoted("missing field `") {
        return format!("Запрос составлен неверно: нет поля «{field}».");
    }
    if let Some(value) = quoted("unknown variant `") {
        return format!("Запрос составлен неверно: значения «{value}» нет среди допустимых.");
    }
    if let Some(field) = quoted("unknown field `") {
        return format!("Запрос составлен неверно: лишнее поле «{field}».");
    }
    let number = [
        "digit", "number", "integer", "i32", "i16", "i64", "u32", "float",
    ];
    if number.iter().any(|w| detail.contains(w)) {
        return "Запрос составлен неверно: номер или число в нём не число либо слишком велико."
            .into();
    }
    if !detail.contains(' ') && !detail.is_empty() {
        return format!("Запрос составлен неверно: нет поля «{detail}».");
    }
    "Запрос составлен неверно: проверьте его поля и формат.".into()
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        // Every connection taken for longer than the wait: load, not an outage.
        if matches!(
            err,
            sea_orm::DbErr::ConnectionAcquire(sea_orm::error::ConnAcquireErr::Timeout)
        ) {
            tracing::warn!(error = %err, "database busy");
            return AppError::Busy;
        }
        tracing::error!(error = %err, "database error");
        AppError::Database
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_server_says_when_to_come_back() {
        let wire = serde_json::to_string(&AppError::Busy).unwrap();
        assert!(wire.contains("\"error\":\"busy\""), "{wire}");
        assert_eq!(
            serde_json::from_str::<AppError>(&wire).unwrap(),
            AppError::Busy
        );
        assert_eq!(
            (AppError::Busy.status_code(), AppError::Busy.retry_after()),
            (503, Some(3))
        );
        assert_eq!(AppError::Invalid("x".into()).retry_after(), None);
    }

    #[test]
    fn a_lost_request_tells_the_user_their_work_is_kept() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Request("fetch failed".into()));
        assert_eq!(err, AppError::Network);
        assert!(err.to_string().contains("сохранено на устройстве"));
    }

    #[test]
    fn errors_travel_with_their_russian_message() {
        for err in [
            AppError::Forbidden,
            AppError::Throttled(12),
            AppError::invalid("Укажите ФИО."),
            AppError::NotSignedIn,
        ] {
            let json = serde_json::to_string(&err).unwrap();
            assert!(json.contains(&err.to_string()), "{json}");
            assert_eq!(serde_json::from_str::<AppError>(&json).unwrap(), err);
        }
    }

    #[test]
    fn unreadable_arguments_are_the_client_s_mistake() {
        let missing = AppError::from_server_fn_error(ServerFnErrorErr::Args(
            "missing field `class_id`".into(),
        ));
        assert_eq!(missing.status_code(), 400);
        assert!(missing.to_string().contains("«class_id»"), "{missing}");
        let large = AppError::from_server_fn_error(ServerFnErrorErr::Args(
            "number too large to fit in target type".into(),
        ));
        assert!(large.to_string().contains("число"), "{large}");
        let variant = AppError::from_server_fn_error(ServerFnErrorErr::Args(
            "unknown variant `Boss`, expected one of `Teacher`".into(),
        ));
        assert!(variant.to_string().contains("«Boss»"), "{variant}");
        let too_large = serde_json::to_string(&AppError::TooLarge(16)).unwrap();
        assert_eq!(
            serde_json::from_str::<AppError>(&too_large).unwrap(),
            AppError::TooLarge(16)
        );
    }

    #[test]
    fn server_failures_never_carry_internal_details() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::ServerError(
            "no such table: school".into(),
        ));
        assert!(!err.to_string().contains("table"));
    }
}
