//! Connecting to SQLite or PostgreSQL and bringing the schema up to date.

use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

/// How long a SQLite writer waits for another's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Opens the database. For SQLite the file and its folder are created on first use, and every
/// connection of the pool is set up for a shared server (through the driver's connect options,
/// so a connection opened later gets them too): WAL, a busy timeout, enforced foreign keys and
/// `synchronous = NORMAL` (durable at each WAL checkpoint, safe against corruption).
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let url = if url.starts_with("sqlite:") {
        prepare_sqlite(url)?
    } else {
        url.to_string()
    };
    let mut options = ConnectOptions::new(url.clone());
    options
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .busy_timeout(BUSY_TIMEOUT)
                .foreign_keys(true)
                .synchronous(SqliteSynchronous::Normal)
        });
    if url.starts_with("sqlite:") {
        // SQLite takes one writer at a time: its pool is one connection (sea-orm's default for
        // SQLite, said here so it is not changed by accident).
        options.max_connections(1);
    }
    Database::connect(options).await
}

/// Opens a SQLite file only to read it (a backup being checked), changing nothing in it: not
/// even its journal mode.
pub async fn open_read_only(path: &std::path::Path) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(format!("sqlite://{}?mode=ro", path.display()));
    options.sqlx_logging(false).max_connections(1);
    Database::connect(options).await
}

/// The file of a SQLite URL (`sqlite://data/mera.db` → `data/mera.db`); `None` for another
/// engine or an in-memory database.
pub fn sqlite_path(url: &str) -> Option<std::path::PathBuf> {
    let rest = url.strip_prefix("sqlite:")?.trim_start_matches("//");
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then(|| std::path::PathBuf::from(path))
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
    use super::{connect, prepare_sqlite};
    use sea_orm::{ConnectionTrait, Statement, TransactionTrait};

    async fn pragma(conn: &impl ConnectionTrait, name: &str) -> String {
        let backend = conn.get_database_backend();
        let row = conn
            .query_one_raw(Statement::from_string(backend, format!("PRAGMA {name}")))
            .await
            .unwrap()
            .unwrap();
        row.try_get_by_index::<i64>(0)
            .map(|n| n.to_string())
            .or_else(|_| row.try_get_by_index::<String>(0))
            .unwrap()
    }

    #[tokio::test]
    async fn a_pooled_sqlite_connection_is_set_up() {
        let dir = std::env::temp_dir().join(format!("mera-pragma-{}", std::process::id()));
        let conn = connect(&format!("sqlite://{}/mera.db", dir.display()))
            .await
            .unwrap();
        // Asked inside a transaction and outside: the pool's connection, whichever it is.
        let txn = conn.begin().await.unwrap();
        assert_eq!(pragma(&txn, "journal_mode").await, "wal");
        assert_eq!(pragma(&txn, "busy_timeout").await, "5000");
        assert_eq!(pragma(&txn, "foreign_keys").await, "1");
        assert_eq!(pragma(&txn, "synchronous").await, "1", "NORMAL");
        drop(txn);
        assert_eq!(pragma(&conn, "journal_mode").await, "wal");
        conn.close().await.unwrap();
        std::fs::remove_dir_all(dir).unwrap();
    }

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
