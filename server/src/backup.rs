//! `mera backup`, `mera restore` and `mera check`: a school's administrator copies the database
//! while the server runs, puts a copy back, and checks that a database answers. SQLite is copied
//! online and consistently with `VACUUM INTO`; PostgreSQL is backed up with its own `pg_dump`
//! (README, «Резервные копии»), and `mera check` tells that a restored one answers.

use std::path::{Path, PathBuf};

use chrono::Local;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use crate::db;
use crate::Error;

const PG_DUMP: &str = "Для PostgreSQL копию делает pg_dump: pg_dump --format=custom --file=КОПИЯ.dump \"$DATABASE_URL\"; \
восстановление — pg_restore --clean --if-exists --dbname=\"$DATABASE_URL\" КОПИЯ.dump, затем mera check (README, «Резервные копии»).";

/// Writes a consistent copy of the SQLite database to `file` (which must not exist yet), while the
/// server may go on serving, and checks the copy.
pub async fn backup(conn: &DatabaseConnection, file: &Path) -> Result<(), Error> {
    if conn.get_database_backend() != DbBackend::Sqlite {
        return Err(Error::Input(PG_DUMP.into()));
    }
    if file.exists() {
        return Err(Error::Input(format!(
            "Файл {} уже есть: резервная копия не пишется поверх, выберите другое имя.",
            file.display()
        )));
    }
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let target = file.to_string_lossy().replace('\'', "''");
    conn.execute_unprepared(&format!("VACUUM INTO '{target}'"))
        .await?;
    let copy = open_copy(file).await?;
    copy.close().await?;
    Ok(())
}

/// Puts the copy `file` in place of the database of `url` (the server stopped). The database it
/// replaces is kept beside it, renamed with the time; the copy is checked before anything moves,
/// and brought up to this version's schema after.
pub async fn restore(url: &str, file: &Path) -> Result<PathBuf, Error> {
    let Some(path) = db::sqlite_path(url) else {
        return Err(Error::Input(PG_DUMP.into()));
    };
    let copy = open_copy(file).await?;
    copy.close().await?;
    let kept = path.with_extension(format!(
        "before-restore-{}.db",
        Local::now().format("%Y%m%d-%H%M%S")
    ));
    if path.exists() {
        std::fs::rename(&path, &kept)?;
        // The write-ahead log belongs to the database it was written for: it goes with it.
        for suffix in ["-wal", "-shm"] {
            let side = sidecar(&path, suffix);
            if side.exists() {
                std::fs::rename(&side, sidecar(&kept, suffix))?;
            }
        }
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let partial = sidecar(&path, ".restoring");
    std::fs::copy(file, &partial)?;
    std::fs::rename(&partial, &path)?;
    let conn = db::connect(url).await?;
    db::migrate(&conn, false).await?;
    conn.close().await?;
    Ok(kept)
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Opens a copy read-only and checks that it is a whole SQLite database of Mera.
async fn open_copy(file: &Path) -> Result<DatabaseConnection, Error> {
    let mut head = [0u8; 16];
    let readable = std::fs::File::open(file)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head).map(|_| ()));
    if readable.is_err() || &head != b"SQLite format 3\0" {
        return Err(Error::Input(format!(
            "{} — не резервная копия Меры (не файл SQLite).",
            file.display()
        )));
    }
    let conn = db::open_read_only(file).await?;
    let integrity = text(&conn, "PRAGMA integrity_check").await?;
    if integrity.as_deref() != Some("ok") {
        return Err(Error::Input(format!(
            "Копия {} повреждена: {}.",
            file.display(),
            integrity.unwrap_or_default()
        )));
    }
    if text(&conn, "SELECT MAX(version) FROM seaql_migrations")
        .await
        .is_err()
    {
        return Err(Error::Input(format!(
            "{} — база SQLite, но не Меры: в ней нет схемы Меры.",
            file.display()
        )));
    }
    Ok(conn)
}

async fn text(conn: &DatabaseConnection, sql: &str) -> Result<Option<String>, sea_orm::DbErr> {
    let backend = conn.get_database_backend();
    let row = conn
        .query_one_raw(Statement::from_string(backend, sql.to_string()))
        .await?;
    Ok(row.and_then(|r| r.try_get_by_index::<Option<String>>(0).ok().flatten()))
}

/// What `mera check` prints: that the database answers, its schema version and what it holds.
pub async fn check(conn: &DatabaseConnection) -> Result<String, Error> {
    let version = text(conn, "SELECT MAX(version) FROM seaql_migrations")
        .await
        .map_err(|_| Error::Input("В базе нет схемы Меры: выполните mera migrate.".into()))?
        .unwrap_or_default();
    let mut lines = vec![format!("База отвечает. Схема: {version}.")];
    for (table, what) in [
        ("school", "школ"),
        ("account", "учётных записей"),
        ("student", "учеников"),
        ("procedure", "работ"),
        ("procedure_result", "результатов"),
        ("journal_mark", "отметок журнала"),
        ("measure", "мероприятий планов"),
    ] {
        let backend = conn.get_database_backend();
        let row = conn
            .query_one_raw(Statement::from_string(
                backend,
                format!("SELECT COUNT(*) FROM {table}"),
            ))
            .await?;
        let n: i64 = row.map(|r| r.try_get_by_index(0)).transpose()?.unwrap_or(0);
        lines.push(format!("  {what}: {n}"));
    }
    Ok(lines.join("\n"))
}
