//! A school's administrator backs the SQLite database up while the server runs, and puts the
//! copy back with one command each; a file that is no copy changes nothing. PostgreSQL is told
//! to use pg_dump, and `mera check` answers on both.

mod common;

use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};

use backend::entity::{procedure_result, student};
use server::backup;

#[tokio::test]
async fn a_sqlite_copy_made_online_comes_back_whole() {
    let dir = std::env::temp_dir().join(format!("mera-backup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/mera.db", dir.display());
    let conn = server::db::connect(&url).await.unwrap();
    server::db::migrate(&conn, false).await.unwrap();
    server::demo::load(&conn, Default::default()).await.unwrap();
    let pupils = student::Entity::find().count(&conn).await.unwrap();
    let results = procedure_result::Entity::find().count(&conn).await.unwrap();

    // While the database is open and in use.
    let copy = dir.join("copies/monday.db");
    backup::backup(&conn, &copy).await.unwrap();
    let again = backup::backup(&conn, &copy).await.unwrap_err().to_string();
    assert!(again.contains("уже есть"), "{again}");

    // Then something goes wrong: the results are lost.
    conn.execute_unprepared("DELETE FROM task_score")
        .await
        .unwrap();
    conn.execute_unprepared("DELETE FROM procedure_result")
        .await
        .unwrap();
    assert!(backup::check(&conn)
        .await
        .unwrap()
        .contains("результатов: 0"));
    conn.close().await.unwrap();

    // A file that is no copy is refused before anything moves.
    let junk = dir.join("junk.db");
    std::fs::write(&junk, b"not a database at all").unwrap();
    let refused = backup::restore(&url, &junk).await.unwrap_err().to_string();
    assert!(refused.contains("не резервная копия"), "{refused}");
    let still = server::db::connect(&url).await.unwrap();
    assert_eq!(
        procedure_result::Entity::find()
            .count(&still)
            .await
            .unwrap(),
        0
    );
    still.close().await.unwrap();

    let kept = backup::restore(&url, &copy).await.unwrap();
    assert!(
        kept.exists(),
        "the replaced database is kept: {}",
        kept.display()
    );
    let back = server::db::connect(&url).await.unwrap();
    assert_eq!(student::Entity::find().count(&back).await.unwrap(), pupils);
    assert_eq!(
        procedure_result::Entity::find().count(&back).await.unwrap(),
        results
    );
    let report = backup::check(&back).await.unwrap();
    assert!(report.starts_with("База отвечает. Схема: m"), "{report}");
    assert!(
        report.contains(&format!("результатов: {results}")),
        "{report}"
    );
    back.close().await.unwrap();
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn postgresql_is_backed_up_with_pg_dump_and_checked() {
    let Some(db) = common::TestDb::new(common::Engine::Postgres).await else {
        return;
    };
    let told = backup::backup(&db.conn, std::path::Path::new("x.db"))
        .await
        .unwrap_err()
        .to_string();
    assert!(told.contains("pg_dump --format=custom"), "{told}");
    assert!(backup::check(&db.conn).await.unwrap().contains("школ: 0"));
    db.drop().await;
}
