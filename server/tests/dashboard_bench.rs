//! Figures for `make bench` (ignored in `make test`): the director's dashboard server time, p50
//! and p95, for the demo school (about 600 students, a year and a term of journal) and for the
//! same school among 50 (`mera demo --schools 50`), on SQLite and PostgreSQL; beside it the plain
//! SQL aggregate queries for the same figures, and the ratio; and the municipal view (every
//! school's latest term).

mod common;

use std::time::{Duration, Instant};

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use backend::dashboard::{director_for, objectivity, period, risk};
use backend::entity::school;
use backend::term_results::per_student;
use common::{Engine, TestDb};

const RUNS: usize = 40;

fn quantiles(mut times: Vec<Duration>) -> (f64, f64) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |q: f64| ms(times[((times.len() as f64 * q).ceil() as usize).saturating_sub(1)]);
    (at(0.5), at(0.95))
}

/// The aggregate queries alone, as a hand-written report would run them.
async fn plain(db: &DatabaseConnection, school_id: i32) {
    let terms = period::marked_terms(db, school_id).await.unwrap();
    for t in &terms[..2] {
        let by_class = per_student(db, t.term_id).await.unwrap();
        let n = by_class.values().map(|v| v.len() as u32).sum();
        period::absences(db, t, n).await.unwrap();
    }
    let since = objectivity::since(db, school_id).await.unwrap().unwrap();
    objectivity::comparisons(db, school_id, since)
        .await
        .unwrap();
    let year = backend::school::current_year(db, school_id)
        .await
        .unwrap()
        .unwrap();
    risk::members(db, &year, terms.first()).await.unwrap();
}

async fn measure(db: &DatabaseConnection, label: &str) {
    let school_id = school::Entity::find()
        .filter(school::Column::ShortName.eq("Школа № 17"))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id;
    // Warm the caches once, as a running server has them.
    director_for(db, school_id).await.unwrap();
    plain(db, school_id).await;
    let (mut full, mut bare) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let start = Instant::now();
        director_for(db, school_id).await.unwrap();
        full.push(start.elapsed());
        let start = Instant::now();
        plain(db, school_id).await;
        bare.push(start.elapsed());
    }
    let (p50, p95) = quantiles(full);
    let (q50, q95) = quantiles(bare);
    println!(
        "{label:<34} dashboard p50 {p50:6.1} ms p95 {p95:6.1} ms | plain SQL p50 {q50:6.1} ms p95 {q95:6.1} ms | ratio p95 {:.2}",
        p95 / q95
    );
    // The municipal view: every school's latest term side by side.
    let municipality_id = school::Entity::find_by_id(school_id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .municipality_id;
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        backend::municipality::results::latest_terms(db, municipality_id)
            .await
            .unwrap();
        times.push(start.elapsed());
    }
    let (m50, m95) = quantiles(times);
    println!(
        "{:<34} municipal view p50 {m50:6.1} ms p95 {m95:6.1} ms",
        ""
    );
}

async fn run(engine: Engine, name: &str) {
    for schools in [6, 50] {
        let Some(db) = TestDb::new(engine).await else {
            println!("{name}: not available");
            return;
        };
        let options = server::demo::Options {
            schools,
            ..Default::default()
        };
        let start = Instant::now();
        server::demo::load(&db.conn, options).await.unwrap();
        let loaded = start.elapsed().as_secs_f64();
        measure(
            &db.conn,
            &format!("{name}, {schools} schools ({loaded:.0} s to load)"),
        )
        .await;
        db.drop().await;
    }
}

#[tokio::test]
#[ignore = "a benchmark: make bench"]
async fn director_dashboard_times() {
    println!("director dashboard, {RUNS} runs each (aim: p95 under 100 ms, within 1.5× of the plain queries)");
    run(Engine::Sqlite, "SQLite").await;
    run(Engine::Postgres, "PostgreSQL").await;
}
