//! The database suite, run on SQLite and on PostgreSQL alike.

mod common;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, PaginatorTrait, Set};

use backend::entity::{account, municipality, school};

async fn migrations_are_idempotent(db: &DatabaseConnection) {
    assert!(Migrator::get_pending_migrations(db)
        .await
        .unwrap()
        .is_empty());
    server::db::migrate(db, false)
        .await
        .expect("a second run changes nothing");
    let applied = Migrator::get_applied_migrations(db).await.unwrap();
    assert_eq!(applied.len(), Migrator::migrations().len());
    server::db::migrate(db, true)
        .await
        .expect("fresh rebuilds from nothing");
    assert_eq!(school::Entity::find().count(db).await.unwrap(), 0);
}
both_engines!(
    migrations_apply_and_are_idempotent,
    migrations_are_idempotent
);

async fn school_round_trip(db: &DatabaseConnection) {
    assert_eq!(backend::school::installation_name(db).await.unwrap(), None);
    let m = municipality::ActiveModel {
        name: Set("Тестовый район".into()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let new_school = |short: &str, shnor: bool| school::ActiveModel {
        municipality_id: Set(m.id),
        name: Set(format!("МБОУ «{short}»")),
        short_name: Set(short.to_string()),
        is_shnor: Set(shnor),
        is_shnsu: Set(false),
        timezone: Set("Asia/Yekaterinburg".into()),
        ..Default::default()
    };
    let first = new_school("Школа № 1", true).insert(db).await.unwrap();
    let read = school::Entity::find_by_id(first.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(read, first);
    assert!(read.is_shnor);
    assert_eq!(read.timezone, "Asia/Yekaterinburg");
    assert_eq!(
        backend::school::installation_name(db)
            .await
            .unwrap()
            .as_deref(),
        Some("Школа № 1")
    );
    new_school("Школа № 2", false).insert(db).await.unwrap();
    assert_eq!(
        backend::school::installation_name(db)
            .await
            .unwrap()
            .as_deref(),
        Some("Тестовый район"),
        "with several schools the installation is the municipality's"
    );
}
both_engines!(a_school_round_trips_through_sea_orm, school_round_trip);

async fn a_school_needs_its_municipality(db: &DatabaseConnection) {
    let orphan = school::ActiveModel {
        municipality_id: Set(9999),
        name: Set("Без округа".into()),
        short_name: Set("Без округа".into()),
        is_shnor: Set(false),
        is_shnsu: Set(false),
        timezone: Set("Europe/Moscow".into()),
        ..Default::default()
    };
    assert!(
        orphan.insert(db).await.is_err(),
        "foreign keys are enforced"
    );
}
both_engines!(foreign_keys_are_enforced, a_school_needs_its_municipality);

async fn accounts(db: &DatabaseConnection) {
    let created = server::account::add(db, " Ivanova ", "Иванова Мария Петровна", "пароль-учителя")
        .await
        .unwrap();
    assert_eq!(created.username, "ivanova");
    let stored = account::Entity::find_by_id(created.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(stored.password_hash.starts_with("$argon2id$"));
    assert!(backend::accounts::store::verify_password(
        "пароль-учителя",
        &stored.password_hash
    ));
    let again = server::account::add(db, "IVANOVA", "Другая", "другой-пароль").await;
    assert!(again.unwrap_err().to_string().contains("уже есть"));
    let short = server::account::add(db, "petrov", "Петров", "123").await;
    assert!(short.is_err());
    assert_eq!(
        account::Entity::find().count(db).await.unwrap(),
        1,
        "refused accounts leave nothing"
    );
}
both_engines!(accounts_are_created_once_with_argon2id, accounts);

async fn demo(db: &DatabaseConnection) {
    assert!(matches!(
        server::demo::load(db, Default::default()).await.unwrap(),
        server::demo::Outcome::Loaded
    ));
    let schools = school::Entity::find().all(db).await.unwrap();
    assert_eq!(schools.len(), 6);
    assert_eq!(schools.iter().filter(|s| s.is_shnor).count(), 2);
    assert!(matches!(
        server::demo::load(db, Default::default()).await.unwrap(),
        server::demo::Outcome::NotEmpty
    ));
    assert_eq!(
        school::Entity::find().count(db).await.unwrap(),
        6,
        "a second load adds nothing"
    );
}
both_engines!(the_demo_loads_once_into_an_empty_database, demo);
