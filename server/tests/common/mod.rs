//! One test database per test, on SQLite (a temporary file) or PostgreSQL (a fresh database
//! created in the server named by `MERA_TEST_POSTGRES`, default the local `test` database).
//! With `CI=true` an unreachable PostgreSQL fails the test; elsewhere it is skipped loudly.
#![allow(dead_code)]

pub mod api;
pub mod files;
pub mod hostile;
pub mod people;
pub mod results;
pub mod school;
pub mod sync;
pub mod vpr;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use sea_orm::{ConnectionTrait, DatabaseConnection};

#[derive(Clone, Copy, Debug)]
pub enum Engine {
    Sqlite,
    Postgres,
}

pub struct TestDb {
    pub conn: DatabaseConnection,
    cleanup: Cleanup,
}

enum Cleanup {
    File(PathBuf),
    Database {
        admin: DatabaseConnection,
        name: String,
    },
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!(
        "{prefix}_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

pub fn postgres_admin_url() -> String {
    std::env::var("MERA_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

impl TestDb {
    /// A migrated, empty database; `None` only when PostgreSQL is absent outside CI.
    pub async fn new(engine: Engine) -> Option<TestDb> {
        let db = Self::empty(engine).await?;
        server::db::migrate(&db.conn, false)
            .await
            .expect("migrations apply");
        Some(db)
    }

    /// An empty database with no schema at all.
    pub async fn empty(engine: Engine) -> Option<TestDb> {
        match engine {
            Engine::Sqlite => {
                let path = std::env::temp_dir().join(format!("{}.db", unique("mera_test")));
                let conn = server::db::connect(&format!("sqlite://{}", path.display()))
                    .await
                    .expect("SQLite opens");
                Some(TestDb {
                    conn,
                    cleanup: Cleanup::File(path),
                })
            }
            Engine::Postgres => {
                let admin_url = postgres_admin_url();
                let admin = match server::db::connect(&admin_url).await {
                    Ok(admin) => admin,
                    Err(err) if std::env::var("CI").as_deref() != Ok("true") => {
                        eprintln!("SKIPPED: PostgreSQL at {admin_url} is unreachable ({err}); CI=true makes this a failure");
                        return None;
                    }
                    Err(err) => panic!("PostgreSQL at {admin_url} is required in CI: {err}"),
                };
                let name = unique("mera_test");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("test database is created");
                let base = admin_url.rsplit_once('/').expect("URL has a database").0;
                let conn = server::db::connect(&format!("{base}/{name}"))
                    .await
                    .expect("test database opens");
                Some(TestDb {
                    conn,
                    cleanup: Cleanup::Database { admin, name },
                })
            }
        }
    }

    pub async fn drop(self) {
        let _ = self.conn.close().await;
        match self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Database { admin, name } => {
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await
                    .expect("test database is dropped");
            }
        }
    }
}

/// Runs one async test body on both engines: `both_engines!(name, body_fn);` where
/// `body_fn(&DatabaseConnection)` is an async fn.
#[macro_export]
macro_rules! both_engines {
    ($name:ident, $body:path) => {
        mod $name {
            use super::*;

            #[tokio::test]
            async fn sqlite() {
                let db = common::TestDb::new(common::Engine::Sqlite).await.unwrap();
                $body(&db.conn).await;
                db.drop().await;
            }

            #[tokio::test]
            async fn postgres() {
                let Some(db) = common::TestDb::new(common::Engine::Postgres).await else {
                    return;
                };
                $body(&db.conn).await;
                db.drop().await;
            }
        }
    };
}

/// A built site with stand-in bytes, for tests of the HTTP surface that do not need the real
/// wasm bundle (the browser tests use the real one).
pub fn fake_site() -> PathBuf {
    let root = std::env::temp_dir().join(unique("mera_site"));
    std::fs::create_dir_all(root.join("pkg")).unwrap();
    std::fs::create_dir_all(root.join("icons")).unwrap();
    for (name, body) in [
        ("pkg/mera.js", "export default function init() {}"),
        ("pkg/mera.wasm", "\0asm"),
        ("pkg/mera.css", "body { color: black }"),
        ("manifest.webmanifest", r#"{"name":"Мера"}"#),
        ("icons/icon-192.png", "png192"),
        ("icons/icon-512.png", "png512"),
        ("icons/favicon.png", "png32"),
    ] {
        std::fs::write(root.join(name), body).unwrap();
    }
    root
}

/// The demo's structure without its journal and results: quick, for tests of access and setup.
pub fn structure_only() -> server::demo::Options {
    server::demo::Options {
        journal: false,
        ..Default::default()
    }
}
