//! The director's dashboard on the demo school: every figure the SQL aggregates give equals the
//! pure indicator functions over the raw rows, on SQLite and PostgreSQL; the demo's inflated
//! class is caught; the endpoints answer only those who may see them, and no child's name
//! reaches anyone outside the school's leadership.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use backend::dashboard::{objectivity, period, risk};
use backend::entity::{
    academic_year, attendance, class, journal_mark, procedure, procedure_result, term,
};
use common::api::{app, call, download, login};
use common::results::{main_school, marks_by_hand};
use domain::indicators::objectivity::Comparison;
use domain::indicators::TermSummary;

async fn objectivity_by_hand(db: &DatabaseConnection, school_id: i32) {
    let since = objectivity::since(db, school_id).await.unwrap().unwrap();
    let procedures = procedure::Entity::find()
        .filter(procedure::Column::SchoolId.eq(school_id))
        .filter(procedure::Column::HeldOn.gte(since))
        .all(db)
        .await
        .unwrap();
    let marks = marks_by_hand(db, &procedures).await;
    let years: Vec<i32> = academic_year::Entity::find()
        .filter(academic_year::Column::SchoolId.eq(school_id))
        .all(db)
        .await
        .unwrap()
        .iter()
        .map(|y| y.id)
        .collect();
    let terms = term::Entity::find()
        .filter(term::Column::AcademicYearId.is_in(years))
        .all(db)
        .await
        .unwrap();
    let term_marks: BTreeMap<(i32, i32, i32), i16> = journal_mark::Entity::find()
        .filter(journal_mark::Column::Kind.eq("term"))
        .filter(journal_mark::Column::TermId.is_in(terms.iter().map(|t| t.id)))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| ((m.student_id, m.subject_id, m.term_id.unwrap()), m.mark))
        .collect();
    let mut pairs: BTreeMap<(i32, i32), Vec<(i16, i16)>> = BTreeMap::new();
    for p in &procedures {
        // The last term that ended before the procedure.
        let Some(against) = terms
            .iter()
            .filter(|t| t.ends_on < p.held_on)
            .max_by_key(|t| t.ends_on)
        else {
            continue;
        };
        for r in procedure_result::Entity::find()
            .filter(procedure_result::Column::ProcedureId.eq(p.id))
            .all(db)
            .await
            .unwrap()
        {
            let (Some(mark), Some(journal)) = (
                marks.get(&r.id),
                term_marks.get(&(r.student_id, p.subject_id, against.id)),
            ) else {
                continue;
            };
            pairs
                .entry((p.id, r.class_id))
                .or_default()
                .push((*mark, *journal));
        }
    }
    let by_hand: BTreeMap<(i32, i32), Comparison> = pairs
        .into_iter()
        .map(|(key, pairs)| (key, Comparison::from_pairs(pairs)))
        .collect();
    let sql = objectivity::comparisons(db, school_id, since)
        .await
        .unwrap();
    assert!(
        by_hand.len() > 50,
        "the demo has procedures to compare: {}",
        by_hand.len()
    );
    assert_eq!(sql, by_hand);

    // The demo's 6Б of last year had its mathematics marks lifted by one: its ВПР is flagged.
    let report = objectivity::report(db, school_id, &Default::default())
        .await
        .unwrap();
    let vpr = report
        .iter()
        .find(|p| p.title == "ВПР. Математика, 6 класс")
        .expect("last spring's ВПР is compared");
    assert_eq!(vpr.against, "3 четверть 2025/2026");
    let inflated = vpr.classes.iter().find(|c| c.name == "6Б").unwrap();
    assert!(!inflated.flags.is_empty(), "{inflated:?}");
    assert!(
        inflated.comparison.lowered_share().unwrap() > 50.0,
        "{inflated:?}"
    );
    assert!(report[0].flagged(), "the flagged procedures come first");
}

async fn periods_by_hand(db: &DatabaseConnection, school_id: i32) {
    let terms = period::marked_terms(db, school_id).await.unwrap();
    let titles: Vec<&str> = terms.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "1 четверть 2026/2027",
            "4 четверть 2025/2026",
            "3 четверть 2025/2026",
            "2 четверть 2025/2026",
            "1 четверть 2025/2026"
        ]
    );
    for t in &terms[..2] {
        let marks = journal_mark::Entity::find()
            .filter(journal_mark::Column::Kind.eq("term"))
            .filter(journal_mark::Column::TermId.eq(t.term_id))
            .all(db)
            .await
            .unwrap();
        let pure = TermSummary::from_marks(
            &marks
                .iter()
                .map(|m| (m.student_id, m.mark))
                .collect::<Vec<_>>(),
        );
        let figures = period::figures(db, t).await.unwrap();
        assert_eq!(figures.summary, pure, "{}", t.title);
        let students: BTreeSet<i32> = marks.iter().map(|m| m.student_id).collect();
        let absent: Vec<attendance::Model> = attendance::Entity::find()
            .filter(attendance::Column::OnDate.between(t.starts_on, t.ends_on))
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .filter(|a| students.contains(&a.student_id))
            .collect();
        let missed: i64 = absent.iter().map(|a| i64::from(a.lessons_missed)).sum();
        let unexcused: i64 = absent
            .iter()
            .filter(|a| a.reason == "unexcused")
            .map(|a| i64::from(a.lessons_missed))
            .sum();
        assert!(missed > 0, "{}", t.title);
        assert_eq!(figures.absences.missed as i64, missed, "{}", t.title);
        assert_eq!(figures.absences.unexcused as i64, unexcused, "{}", t.title);
        assert_eq!(figures.absences.students as usize, students.len());
    }
}

async fn risk_by_hand(db: &DatabaseConnection, school_id: i32) {
    let year = backend::school::current_year(db, school_id)
        .await
        .unwrap()
        .unwrap();
    let terms = period::marked_terms(db, school_id).await.unwrap();
    let classes: BTreeSet<i32> = class::Entity::find()
        .filter(class::Column::AcademicYearId.eq(year.id))
        .all(db)
        .await
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    let mut expected = BTreeSet::new();
    for m in journal_mark::Entity::find()
        .filter(journal_mark::Column::TermId.eq(terms[0].term_id))
        .filter(journal_mark::Column::Kind.eq("term"))
        .all(db)
        .await
        .unwrap()
    {
        if m.mark <= 2 {
            expected.insert(m.student_id);
        }
    }
    let term_twos = expected.len();
    let mut unexcused: BTreeMap<i32, i64> = BTreeMap::new();
    for a in attendance::Entity::find()
        .filter(attendance::Column::ClassId.is_in(classes.clone()))
        .filter(attendance::Column::Reason.eq("unexcused"))
        .all(db)
        .await
        .unwrap()
    {
        *unexcused.entry(a.student_id).or_default() += i64::from(a.lessons_missed);
    }
    expected.extend(
        unexcused
            .iter()
            .filter(|(_, n)| **n >= risk::UNEXCUSED_LESSONS)
            .map(|(s, _)| *s),
    );
    let this_year = procedure::Entity::find()
        .filter(procedure::Column::AcademicYearId.eq(year.id))
        .all(db)
        .await
        .unwrap();
    let marks = marks_by_hand(db, &this_year).await;
    let mut failed: BTreeMap<i32, i64> = BTreeMap::new();
    for r in procedure_result::Entity::find()
        .filter(procedure_result::Column::Id.is_in(marks.keys().copied()))
        .all(db)
        .await
        .unwrap()
    {
        if marks[&r.id] == 2 {
            *failed.entry(r.student_id).or_default() += 1;
        }
    }
    expected.extend(
        failed
            .iter()
            .filter(|(_, n)| **n >= risk::FAILED_WORKS)
            .map(|(s, _)| *s),
    );
    let group = risk::members(db, &year, terms.first()).await.unwrap();
    let found: BTreeSet<i32> = group.students.iter().map(|s| s.student_id).collect();
    assert_eq!(found, expected);
    eprintln!(
        "risk group: {} (term «2»: {}, unexcused: {}, failed works: {})",
        found.len(),
        term_twos,
        unexcused
            .values()
            .filter(|n| **n >= risk::UNEXCUSED_LESSONS)
            .count(),
        failed
            .values()
            .filter(|n| **n >= risk::FAILED_WORKS)
            .count()
    );
    assert!(
        (10..=120).contains(&found.len()),
        "a believable risk group: {}",
        found.len()
    );
    assert!(group.students.iter().all(|s| !s.reasons.is_empty()));
}

async fn dashboard(db: &DatabaseConnection) {
    server::demo::load(db, Default::default()).await.unwrap();
    let school = main_school(db).await;
    periods_by_hand(db, school.id).await;
    objectivity_by_hand(db, school.id).await;
    risk_by_hand(db, school.id).await;

    let app = app(db);
    let director = login(&app, "director", "demo").await;
    let (status, _, text) = call(&app, "dashboard/director", "", Some(&director)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let body: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(body["now"]["title"], "1 четверть 2026/2027");
    assert_eq!(body["before"]["title"], "4 четверть 2025/2026");
    let kinds: Vec<&str> = body["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    for kind in ["Objectivity", "BelowMinimum", "RiskGroup", "LateMeasures"] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    for endpoint in [
        "dashboard/objectivity",
        "dashboard/minimum",
        "dashboard/risk-group",
    ] {
        let (status, _, text) = call(&app, endpoint, "", Some(&director)).await;
        assert_eq!(status, StatusCode::OK, "{endpoint}: {text}");
    }

    // A teacher, the admin and the municipal specialist see none of it; an МО head sees the
    // aggregates but not the names of the risk group.
    for who in ["teacher", "admin", "municipal"] {
        let cookie = login(&app, who, "demo").await;
        for endpoint in [
            "dashboard/director",
            "dashboard/objectivity",
            "dashboard/minimum",
            "dashboard/risk-group",
        ] {
            let (status, _, _) = call(&app, endpoint, "", Some(&cookie)).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{who} {endpoint}");
        }
        for name in ["objectivity", "minimum", "risk-group"] {
            let path = format!("/api/table-export/{name}");
            let (status, _, _) = download(&app, &path, Some(&cookie)).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{who} {path}");
        }
    }
    let mo_head = login(&app, "mo_head", "demo").await;
    let (status, _, _) = call(&app, "dashboard/director", "", Some(&mo_head)).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = call(&app, "dashboard/risk-group", "", Some(&mo_head)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = download(&app, "/api/table-export/risk-group", Some(&mo_head)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = download(&app, "/api/table-export/risk-group", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

both_engines!(the_dashboard_figures_equal_the_formulas, dashboard);
