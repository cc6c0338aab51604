//! The demo school: deterministic from its seed, and shaped like a real school.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use app::ssr::entity::{account, class, role_assignment, school, student, teaching_assignment};
use common::{Engine, TestDb};

/// Everything a person would notice if it changed: names, classes, who teaches what.
async fn fingerprint(db: &DatabaseConnection) -> Vec<String> {
    let mut out = Vec::new();
    for s in student::Entity::find()
        .order_by_asc(student::Column::Id)
        .all(db)
        .await
        .unwrap()
    {
        out.push(format!(
            "{} {} {} {} {}",
            s.class_id,
            s.last_name,
            s.first_name,
            s.patronymic.unwrap_or_default(),
            s.has_ovz
        ));
    }
    for a in account::Entity::find()
        .order_by_asc(account::Column::Id)
        .all(db)
        .await
        .unwrap()
    {
        out.push(format!("{} {}", a.username, a.full_name));
    }
    for t in teaching_assignment::Entity::find()
        .order_by_asc(teaching_assignment::Column::Id)
        .all(db)
        .await
        .unwrap()
    {
        out.push(format!("{} {} {}", t.account_id, t.class_id, t.subject_id));
    }
    out
}

async fn loaded(engine: Engine, seed: u64) -> Option<TestDb> {
    let db = TestDb::new(engine).await?;
    let options = server::demo::Options { schools: 6, seed };
    server::demo::load(&db.conn, options).await.unwrap();
    Some(db)
}

#[tokio::test]
async fn the_same_seed_gives_the_same_school_on_both_engines() {
    let a = loaded(Engine::Sqlite, 7).await.unwrap();
    let b = loaded(Engine::Sqlite, 7).await.unwrap();
    let c = loaded(Engine::Sqlite, 8).await.unwrap();
    let first = fingerprint(&a.conn).await;
    assert_eq!(first, fingerprint(&b.conn).await);
    assert_ne!(
        first,
        fingerprint(&c.conn).await,
        "another seed, other people"
    );
    if let Some(pg) = loaded(Engine::Postgres, 7).await {
        assert_eq!(first, fingerprint(&pg.conn).await);
        pg.drop().await;
    }
    for db in [a, b, c] {
        db.drop().await;
    }
}

async fn invariants(db: &DatabaseConnection) {
    server::demo::load(db, Default::default()).await.unwrap();
    let main = school::Entity::find()
        .filter(school::Column::ShortName.eq("Школа № 17"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let classes = class::Entity::find()
        .filter(class::Column::SchoolId.eq(main.id))
        .all(db)
        .await
        .unwrap();
    assert_eq!(classes.len(), 25);
    let grades: BTreeSet<i16> = classes.iter().map(|c| c.grade).collect();
    assert_eq!(grades, (1..=11).collect());
    let students = student::Entity::find()
        .filter(student::Column::SchoolId.eq(main.id))
        .all(db)
        .await
        .unwrap();
    assert!(
        (550..=700).contains(&students.len()),
        "{} students",
        students.len()
    );
    for c in &classes {
        let n = students.iter().filter(|s| s.class_id == c.id).count();
        assert!(n >= 18, "{} has {n} students", c.name());
    }
    let grants = role_assignment::Entity::find().all(db).await.unwrap();
    let staff: BTreeSet<i32> = grants
        .iter()
        .filter(|g| g.school_id == Some(main.id))
        .map(|g| g.account_id)
        .collect();
    assert!((40..=60).contains(&staff.len()), "{} staff", staff.len());
    let roles: BTreeSet<&str> = grants.iter().map(|g| g.role.as_str()).collect();
    for role in app::policy::Role::ALL {
        assert!(roles.contains(role.code()), "someone is {}", role.title());
    }
    let teachers: BTreeSet<i32> = grants
        .iter()
        .filter(|g| g.role == "teacher")
        .map(|g| g.account_id)
        .collect();
    let teaching = teaching_assignment::Entity::find().all(db).await.unwrap();
    assert!(teaching.iter().all(|t| teachers.contains(&t.account_id)));
    // Every class has a class teacher and a teacher for each of its subjects.
    let led: BTreeMap<i32, usize> = grants
        .iter()
        .filter(|g| g.role == "class_teacher")
        .filter_map(|g| g.class_id)
        .fold(BTreeMap::new(), |mut m, id| {
            *m.entry(id).or_default() += 1;
            m
        });
    for c in &classes {
        assert_eq!(
            led.get(&c.id),
            Some(&1),
            "{} has one class teacher",
            c.name()
        );
        let subjects = teaching.iter().filter(|t| t.class_id == c.id).count();
        assert!(subjects >= 8, "{} has {subjects} subjects taught", c.name());
    }
    for (username, _) in server::demo::DEMO_ACCOUNTS {
        let found = account::Entity::find()
            .filter(account::Column::Username.eq(username))
            .one(db)
            .await
            .unwrap();
        assert!(found.is_some(), "{username}");
    }
}
both_engines!(the_demo_school_looks_like_a_school, invariants);

async fn bigger(db: &DatabaseConnection) {
    let options = server::demo::Options {
        schools: 12,
        seed: 1,
    };
    server::demo::load(db, options).await.unwrap();
    assert_eq!(school::Entity::find().all(db).await.unwrap().len(), 12);
}
both_engines!(more_schools_for_benchmarks, bigger);
