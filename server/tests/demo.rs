//! The demo school: deterministic from its seed, and shaped like a real school.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use backend::entity::{
    academic_year, account, attendance, class, journal_mark, procedure, procedure_result,
    procedure_task, role_assignment, school, student, task_score, teaching_assignment,
};
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
    let marks = journal_mark::Entity::find().all(db).await.unwrap();
    out.push(format!(
        "{} marks, sum {}",
        marks.len(),
        marks.iter().map(|m| i64::from(m.mark)).sum::<i64>()
    ));
    let scores = task_score::Entity::find().all(db).await.unwrap();
    out.push(format!(
        "{} scores, sum {}",
        scores.len(),
        scores.iter().map(|s| i64::from(s.score)).sum::<i64>()
    ));
    out.push(format!(
        "{} absences",
        attendance::Entity::find().count(db).await.unwrap()
    ));
    out
}

async fn loaded(engine: Engine, seed: u64) -> Option<TestDb> {
    let db = TestDb::new(engine).await?;
    // Two schools are enough to show determinism and keep the suite quick.
    let options = server::demo::Options {
        schools: 2,
        seed,
        journal: true,
    };
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

/// This year's classes (last year's are there too, for last spring's ВПР).
async fn current_classes(db: &DatabaseConnection, school_id: i32) -> Vec<class::Model> {
    let year = academic_year::Entity::find()
        .filter(academic_year::Column::SchoolId.eq(school_id))
        .filter(academic_year::Column::Archived.eq(false))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    class::Entity::find()
        .filter(class::Column::AcademicYearId.eq(year.id))
        .all(db)
        .await
        .unwrap()
}

async fn invariants(db: &DatabaseConnection) {
    server::demo::load(db, common::structure_only())
        .await
        .unwrap();
    let main = school::Entity::find()
        .filter(school::Column::ShortName.eq("Школа № 17"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let classes = current_classes(db, main.id).await;
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
    for role in domain::policy::Role::ALL {
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
        journal: false,
    };
    server::demo::load(db, options).await.unwrap();
    assert_eq!(school::Entity::find().all(db).await.unwrap().len(), 12);
}
both_engines!(more_schools_for_benchmarks, bigger);

async fn journal_and_results(db: &DatabaseConnection) {
    server::demo::load(db, Default::default()).await.unwrap();
    let main = school::Entity::find()
        .filter(school::Column::ShortName.eq("Школа № 17"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let classes = current_classes(db, main.id).await;
    let grade_of: BTreeMap<i32, i16> = classes.iter().map(|c| (c.id, c.grade)).collect();
    let marks = journal_mark::Entity::find().all(db).await.unwrap();
    let main_marks: Vec<_> = marks
        .iter()
        .filter(|m| grade_of.contains_key(&m.class_id))
        .collect();
    assert!(main_marks.len() > 20_000, "{} marks", main_marks.len());
    assert!(main_marks.iter().all(|m| (2..=5).contains(&m.mark)));
    assert!(
        main_marks.iter().all(|m| grade_of[&m.class_id] >= 2),
        "first graders get no marks"
    );
    let share = |class: (i16, &str), mark: i16| {
        let id = classes
            .iter()
            .find(|c| (c.grade, c.letter.as_str()) == class)
            .unwrap()
            .id;
        let of: Vec<_> = main_marks
            .iter()
            .filter(|m| m.class_id == id && m.kind == "current")
            .collect();
        of.iter().filter(|m| m.mark == mark).count() as f64 / of.len() as f64
    };
    assert!(
        share((5, "А"), 5) > 2.0 * share((7, "В"), 5),
        "5А is strong, 7В weak"
    );
    assert!(share((7, "В"), 2) > share((5, "А"), 2));
    let terms = main_marks.iter().filter(|m| m.kind == "term").count();
    assert!(terms > 5000, "term marks for the first четверть: {terms}");

    let absences = attendance::Entity::find().all(db).await.unwrap();
    assert!(absences.iter().any(|a| a.reason == "unexcused"));
    assert!(absences.iter().all(|a| a.lessons_missed >= 1));

    let vpr = procedure::Entity::find()
        .filter(procedure::Column::SchoolId.eq(main.id))
        .filter(procedure::Column::Title.eq("ВПР. Русский язык, 4 класс"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (vpr.mark3_from, vpr.mark4_from, vpr.mark5_from),
        (10, 16, 21)
    );
    let tasks = procedure_task::Entity::find()
        .filter(procedure_task::Column::ProcedureId.eq(vpr.id))
        .all(db)
        .await
        .unwrap();
    assert_eq!(tasks.len(), 15);
    assert_eq!(
        tasks.iter().map(|t| i32::from(t.max_score)).sum::<i32>(),
        24
    );
    let results = procedure_result::Entity::find()
        .filter(procedure_result::Column::ProcedureId.eq(vpr.id))
        .all(db)
        .await
        .unwrap();
    let fifth_graders = student::Entity::find()
        .filter(
            student::Column::ClassId.is_in(classes.iter().filter(|c| c.grade == 5).map(|c| c.id)),
        )
        .count(db)
        .await
        .unwrap();
    assert_eq!(
        results.len() as u64,
        fifth_graders,
        "today's 5th graders wrote it in 4th grade"
    );
    assert!(
        results.iter().all(|r| !grade_of.contains_key(&r.class_id)),
        "in last year's classes"
    );
    let max: BTreeMap<i32, i16> = tasks.iter().map(|t| (t.id, t.max_score)).collect();
    let scores = task_score::Entity::find()
        .filter(task_score::Column::TaskId.is_in(max.keys().copied()))
        .all(db)
        .await
        .unwrap();
    assert!(scores
        .iter()
        .all(|s| (0..=max[&s.task_id]).contains(&s.score)));
    let present = results.iter().filter(|r| !r.absent).count();
    assert_eq!(
        scores.len(),
        present * 15,
        "every task of every present student"
    );

    // Every kind of work a school's year holds, each with results.
    let written = procedure::Entity::find()
        .filter(procedure::Column::SchoolId.eq(main.id))
        .all(db)
        .await
        .unwrap();
    for title in [
        "Входная диагностика. Русский язык, 2 класс",
        "Пробный ОГЭ. Русский язык, 9 класс",
        "Пробный ОГЭ. Математика, 9 класс",
        "Пробный ЕГЭ. Русский язык, 11 класс",
        "Пробный ЕГЭ. Математика, 11 класс",
        "Итоговая диагностика. Алгебра, 10 класс",
        "Итоговая диагностика. Математика, 3 класс",
    ] {
        let found = written.iter().find(|p| p.title == title);
        let found = found.unwrap_or_else(|| panic!("{title} is in the demo"));
        let results = procedure_result::Entity::find()
            .filter(procedure_result::Column::ProcedureId.eq(found.id))
            .count(db)
            .await
            .unwrap();
        assert!(results > 20, "{title}: {results} results");
        let this_year = grade_of.get(
            &procedure_result::Entity::find()
                .filter(procedure_result::Column::ProcedureId.eq(found.id))
                .one(db)
                .await
                .unwrap()
                .unwrap()
                .class_id,
        );
        assert_eq!(
            this_year.is_some(),
            !title.starts_with("Итоговая"),
            "{title}: the trial exams are this year's, the final diagnostics last May's"
        );
    }
    let kinds: BTreeSet<&str> = written.iter().map(|p| p.kind.as_str()).collect();
    assert_eq!(
        kinds,
        BTreeSet::from(["diagnostic", "trial_exam", "vpr"]),
        "{kinds:?}"
    );
}
both_engines!(
    the_journal_and_results_look_like_a_year,
    journal_and_results
);
