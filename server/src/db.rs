//! Connecting to SQLite or PostgreSQL and bringing the schema up to date.

use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};

/// Opens the database. For SQLite the file and its folder are created on first use, and the
/// connection is set up for a shared server: WAL, a busy timeout and enforced foreign keys.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let url = if url.starts_with("sqlite:") {
        prepare_sqlite(url)?
    } else {
        url.to_string()
    };
    let mut options = ConnectOptions::new(url);
    options
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    let conn = Database::connect(options).await?;
    if conn.get_database_backend() == DbBackend::Sqlite {
        for pragma in [
            "PRAGMA journal_mode = WAL",
            "PRAGMA busy_timeout = 5000",
            "PRAGMA foreign_keys = ON",
            "PRAGMA synchronous = NORMAL",
        ] {
            conn.execute_unprepared(pragma).await?;
        }
    }
    Ok(conn)
}

/// `sqlite://data/mera.db` → creates `data/` and asks sqlx to create the file (`mode=rwc`).
fn prepare_sqlite(url: &str) -> Result<String, DbErr> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path == ":memory:" || path.is_empty() {
        return Ok(url.to_string());
    }
    if let Some(dir) = std::path::Path::new(path).parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)
                .map_err(|e| DbErr::Custom(format!("cannot create {}: {e}", dir.display())))?;
        }
    }
    let query = if query.contains("mode=") {
        query.to_string()
    } else if query.is_empty() {
        "mode=rwc".to_string()
    } else {
        format!("{query}&mode=rwc")
    };
    Ok(format!("sqlite://{path}?{query}"))
}

pub async fn migrate(conn: &DatabaseConnection, fresh: bool) -> Result<(), DbErr> {
    if fresh {
        Migrator::fresh(conn).await
    } else {
        Migrator::up(conn, None).await
    }
}

/// `true` when the database answers a trivial query.
pub async fn ping(conn: &DatabaseConnection) -> bool {
    conn.ping().await.is_ok()
}

#[cfg(test)]
mod tests {
    use super::prepare_sqlite;

    #[test]
    fn sqlite_urls_are_created_on_first_use() {
        let dir = std::env::temp_dir().join(format!("mera-db-test-{}", std::process::id()));
        let url = format!("sqlite://{}/sub/mera.db", dir.display());
        let prepared = prepare_sqlite(&url).unwrap();
        assert!(prepared.ends_with("mera.db?mode=rwc"));
        assert!(dir.join("sub").is_dir());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn an_explicit_mode_is_kept() {
        let prepared = prepare_sqlite("sqlite://mera.db?mode=ro").unwrap();
        assert_eq!(prepared, "sqlite://mera.db?mode=ro");
        assert_eq!(
            prepare_sqlite("sqlite::memory:").unwrap(),
            "sqlite::memory:"
        );
    }
}
