//! The deputy's analysis: term marks per subject and procedure marks per procedure from SQL
//! equal the pure count of the raw rows, on SQLite and PostgreSQL; an МО head sees the МО's
//! subjects only; the subjects table exports to XLSX with the same numbers.

mod common;

use std::collections::BTreeMap;

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::Value;

use backend::analysis::{procedure_counts, subject_counts};
use backend::dashboard::{objectivity, period};
use backend::entity::{journal_mark, procedure, school, subject, subject_group};
use common::api::{app, call, download, login};
use common::results::{main_school, marks_by_hand, sheet_rows};
use domain::indicators::{MarkCounts, TermSummary};

async fn sql_equals_pure(db: &DatabaseConnection) {
    server::demo::load(db, Default::default()).await.unwrap();
    let school_id = main_school(db).await.id;
    let term = period::marked_terms(db, school_id).await.unwrap().remove(0);
    let mut by_subject: BTreeMap<i32, Vec<i16>> = BTreeMap::new();
    for m in journal_mark::Entity::find()
        .filter(journal_mark::Column::TermId.eq(term.term_id))
        .filter(journal_mark::Column::Kind.eq("term"))
        .all(db)
        .await
        .unwrap()
    {
        by_subject.entry(m.subject_id).or_default().push(m.mark);
    }
    let pure: BTreeMap<i32, MarkCounts> = by_subject
        .into_iter()
        .map(|(s, marks)| (s, MarkCounts::from_marks(marks)))
        .collect();
    assert!(pure.len() >= 10, "the demo's subjects have term marks");
    assert_eq!(subject_counts(db, &term).await.unwrap(), pure);

    let since = objectivity::since(db, school_id).await.unwrap().unwrap();
    let procedures = procedure::Entity::find()
        .filter(procedure::Column::SchoolId.eq(school_id))
        .all(db)
        .await
        .unwrap();
    let marks = marks_by_hand(db, &procedures).await;
    let results = backend::entity::procedure_result::Entity::find()
        .filter(backend::entity::procedure_result::Column::Id.is_in(marks.keys().copied()))
        .all(db)
        .await
        .unwrap();
    let mut by_procedure: BTreeMap<i32, MarkCounts> = BTreeMap::new();
    for r in results {
        by_procedure
            .entry(r.procedure_id)
            .or_default()
            .add(marks[&r.id]);
    }
    assert_eq!(
        procedure_counts(db, school_id, since).await.unwrap(),
        by_procedure
    );

    // Through the HTTP surface: the deputy reads every subject; the МО head only the МО's.
    let app = app(db);
    let deputy = login(&app, "deputy", "demo").await;
    let (status, _, text) = call(&app, "analysis/school", "", Some(&deputy)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let all: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(all["narrowed"], false);
    assert_eq!(all["subjects"].as_array().unwrap().len(), pure.len());
    // An earlier term, chosen: last year's 4th; a term of another school shows nothing.
    let terms = period::marked_terms(db, school_id).await.unwrap();
    let body = format!("term_id={}", terms[1].term_id);
    let (status, _, text) = call(&app, "analysis/school", &body, Some(&deputy)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let earlier: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(earlier["term"], "4 четверть 2025/2026");
    let counts = subject_counts(db, &terms[1]).await.unwrap();
    for s in earlier["subjects"].as_array().unwrap() {
        let shown: MarkCounts = serde_json::from_value(s["counts"].clone()).unwrap();
        assert_eq!(shown, counts[&(s["subject_id"].as_i64().unwrap() as i32)]);
    }
    let other = school::Entity::find()
        .filter(school::Column::ShortName.eq("Школа № 3"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let foreign = period::marked_terms(db, other.id).await.unwrap()[0].term_id;
    let body = format!("term_id={foreign}");
    let (_, _, text) = call(&app, "analysis/school", &body, Some(&deputy)).await;
    let none: Value = serde_json::from_str(&text).unwrap();
    assert!(none["subjects"].as_array().unwrap().is_empty(), "{none}");

    let mo_head = login(&app, "mo_head", "demo").await;
    let (status, _, text) = call(&app, "analysis/school", "", Some(&mo_head)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let narrowed: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(narrowed["narrowed"], true);
    let names: Vec<&str> = narrowed["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(!names.is_empty() && names.len() < pure.len(), "{names:?}");
    let groups: BTreeMap<i32, String> = subject_group::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|g| (g.id, g.name))
        .collect();
    let subjects = subject::Entity::find()
        .filter(subject::Column::Name.is_in(names.clone()))
        .filter(subject::Column::SchoolId.eq(school_id))
        .all(db)
        .await
        .unwrap();
    let group_names: std::collections::BTreeSet<_> = subjects
        .iter()
        .map(|s| groups[&s.subject_group_id.unwrap()].clone())
        .collect();
    assert_eq!(group_names.len(), 1, "one МО: {group_names:?}");

    // A subject opens to its classes; the МО head cannot open another МО's subject.
    let other = subject::Entity::find()
        .filter(subject::Column::SchoolId.eq(school_id))
        .filter(subject::Column::Name.is_not_in(names))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let body = format!("subject_id={}", other.id);
    let (status, _, text) = call(&app, "analysis/subject", &body, Some(&deputy)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let classes: Value = serde_json::from_str(&text).unwrap();
    let sum: u64 = classes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            c["counts"]["marks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_u64().unwrap())
                .sum::<u64>()
        })
        .sum();
    assert_eq!(
        sum,
        u64::from(pure[&other.id].total()),
        "the classes add up to the subject"
    );
    let (status, _, _) = call(&app, "analysis/subject", &body, Some(&mo_head)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // The subjects table as XLSX: the same rows and numbers as the answer.
    let (status, _, bytes) = download(&app, "/api/table-export/subjects", Some(&deputy)).await;
    assert_eq!(status, StatusCode::OK);
    let rows = sheet_rows(bytes, "Таблица");
    assert_eq!(rows[2][1].to_string(), "N");
    for (row, s) in rows[3..].iter().zip(all["subjects"].as_array().unwrap()) {
        assert_eq!(row[0].to_string(), s["name"].as_str().unwrap());
        let counts: MarkCounts = serde_json::from_value(s["counts"].clone()).unwrap();
        assert_eq!(row[1], calamine::Data::Float(f64::from(counts.total())));
        let success = counts.success_rate().unwrap();
        assert!(matches!(row[6], calamine::Data::Float(x) if (x - success).abs() < 1e-9));
    }
    teachers_by_hand(db, &all, &term).await;
    for who in ["teacher", "municipal", "admin"] {
        let cookie = login(&app, who, "demo").await;
        let (status, _, _) = call(&app, "analysis/school", "", Some(&cookie)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{who}");
    }
    municipal_by_hand(db, &app).await;
    class_term(db, &app, &term).await;
}

/// A class's term by subject: the class teacher sees every subject, a teacher her own; the
/// counts are the class's raw term marks.
async fn class_term(db: &DatabaseConnection, app: &axum::Router, term: &period::Period) {
    let school_id = main_school(db).await.id;
    let year = backend::school::current_year(db, school_id)
        .await
        .unwrap()
        .unwrap();
    let c5a = backend::entity::class::Entity::find()
        .filter(backend::entity::class::Column::AcademicYearId.eq(year.id))
        .filter(backend::entity::class::Column::Grade.eq(5))
        .filter(backend::entity::class::Column::Letter.eq("А"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let marks = journal_mark::Entity::find()
        .filter(journal_mark::Column::TermId.eq(term.term_id))
        .filter(journal_mark::Column::Kind.eq("term"))
        .filter(journal_mark::Column::ClassId.eq(c5a.id))
        .all(db)
        .await
        .unwrap();
    let body = format!("class_id={}", c5a.id);
    let class_teacher = login(app, "class_teacher", "demo").await;
    let (status, _, text) = call(app, "class/term-marks", &body, Some(&class_teacher)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let all: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(all["term"], "1 четверть 2026/2027");
    let total: u64 = all["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            serde_json::from_value::<MarkCounts>(s["counts"].clone())
                .unwrap()
                .total() as u64
        })
        .sum();
    assert_eq!(total as usize, marks.len(), "every term mark of 5А, once");
    let below: Vec<i32> = marks
        .iter()
        .filter(|m| m.mark <= 2)
        .map(|m| m.student_id)
        .collect();
    let mut distinct = below.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(all["below"].as_array().unwrap().len(), distinct.len());

    let teacher = login(app, "teacher", "demo").await;
    let (status, _, text) = call(app, "class/term-marks", &body, Some(&teacher)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let own: Value = serde_json::from_str(&text).unwrap();
    let names: Vec<&str> = own["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Математика"]);
    // The class's term as XLSX: every subject for the class teacher, hers for a teacher.
    let path = format!("/api/table-export/class-term-{}", c5a.id);
    let every = all["subjects"].as_array().unwrap().len();
    for (cookie, subjects) in [(&class_teacher, every), (&teacher, 1)] {
        let (status, _, bytes) = download(app, &path, Some(cookie)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(sheet_rows(bytes, "Таблица").len() - 3, subjects);
    }
    let c11a = backend::entity::class::Entity::find()
        .filter(backend::entity::class::Column::AcademicYearId.eq(year.id))
        .filter(backend::entity::class::Column::Grade.eq(11))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let other = format!("class_id={}", c11a.id);
    let (status, _, _) = call(app, "class/term-marks", &other, Some(&teacher)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let path = format!("/api/table-export/class-term-{}", c11a.id);
    let (status, _, _) = download(app, &path, Some(&teacher)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// The teachers' table: each teacher's marks are those of the classes and subjects they teach.
async fn teachers_by_hand(db: &DatabaseConnection, all: &Value, term: &period::Period) {
    let teaching = backend::entity::teaching_assignment::Entity::find()
        .all(db)
        .await
        .unwrap();
    let marks = journal_mark::Entity::find()
        .filter(journal_mark::Column::TermId.eq(term.term_id))
        .filter(journal_mark::Column::Kind.eq("term"))
        .all(db)
        .await
        .unwrap();
    let mut pure: BTreeMap<i32, MarkCounts> = BTreeMap::new();
    for t in &teaching {
        for m in marks
            .iter()
            .filter(|m| m.class_id == t.class_id && m.subject_id == t.subject_id)
        {
            pure.entry(t.account_id).or_default().add(m.mark);
        }
    }
    let names = backend::platform::people::names(db, pure.keys().copied())
        .await
        .unwrap();
    let shown = all["teachers"].as_array().unwrap();
    assert_eq!(shown.len(), pure.len());
    for (id, counts) in &pure {
        let row = shown
            .iter()
            .find(|t| t["name"] == names[id].as_str())
            .unwrap();
        let sql: MarkCounts = serde_json::from_value(row["counts"].clone()).unwrap();
        assert_eq!(&sql, counts, "{}", names[id]);
    }
}

/// Each school's latest term, counted for the whole municipality in SQL, equals the pure count
/// of that school's raw term marks; the municipal account gets the figures, never a name.
async fn municipal_by_hand(db: &DatabaseConnection, app: &axum::Router) {
    let schools = school::Entity::find().all(db).await.unwrap();
    let sql = backend::municipality::results::latest_terms(db, schools[0].municipality_id)
        .await
        .unwrap();
    assert_eq!(
        sql.len(),
        schools.len(),
        "every demo school has a marked term"
    );
    for s in &schools {
        let term = period::marked_terms(db, s.id).await.unwrap().remove(0);
        let marks: Vec<(i32, i16)> = journal_mark::Entity::find()
            .filter(journal_mark::Column::TermId.eq(term.term_id))
            .filter(journal_mark::Column::Kind.eq("term"))
            .all(db)
            .await
            .unwrap()
            .iter()
            .map(|m| (m.student_id, m.mark))
            .collect();
        let (title, summary) = &sql[&s.id];
        assert_eq!(title, &term.title);
        assert_eq!(
            summary,
            &TermSummary::from_marks(&marks),
            "{}",
            s.short_name
        );
    }
    let municipal = login(app, "municipal", "demo").await;
    let (status, _, body) = call(app, "municipality", "", Some(&municipal)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let figures: Value = serde_json::from_str(&body).unwrap();
    for school in figures["schools"].as_array().unwrap() {
        assert_eq!(school["term"]["title"], "1 четверть 2026/2027", "{school}");
    }
    let names = backend::entity::student::Entity::find()
        .all(db)
        .await
        .unwrap();
    assert!(
        !names.iter().any(|n| body.contains(&n.full_name())),
        "no child's name"
    );
    let (status, _, bytes) =
        download(app, "/api/table-export/municipality", Some(&municipal)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(sheet_rows(bytes, "Таблица").len() - 3, schools.len());
    let deputy = login(app, "deputy", "demo").await;
    let (status, _, _) = download(app, "/api/table-export/municipality", Some(&deputy)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
both_engines!(the_analysis_adds_up, sql_equals_pure);
