//! The runs: cases in lanes, each lane on a database of its own, and the figures summed.

use std::time::Instant;

use sea_orm::DatabaseConnection;

use crate::common;
use crate::figures::Figures;
use crate::school::{fixture, Fixture};
use crate::sim::Sim;

pub fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// Runs cases `lane`, `lane + lanes`, … on one database.
pub async fn lane(
    db: &DatabaseConnection,
    fx: &Fixture,
    engine: &str,
    (lane, lanes): (u64, u64),
    cases: u64,
    first_seed: u64,
) -> Figures {
    let mut total = Figures::default();
    for n in (lane..cases).step_by(lanes as usize) {
        let seed = first_seed.wrapping_add(n);
        let mut sim = match Sim::new(db, fx, seed).await {
            Ok(sim) => sim,
            Err(e) => panic!("{engine}, case {n}: setup failed: {e}"),
        };
        if let Err(e) = sim.play().await {
            panic!(
                "{engine}, case {n} failed: {e}\n  replay it alone: MERA_SIM_SEED={seed} MERA_SIM_CASES=1 cargo test -p server --test sync_sim -- --nocapture"
            );
        }
        total.add(&sim.f);
    }
    total
}

/// The cases run in lanes (`MERA_SIM_LANES`, default 2), each on a database of its own, so the
/// machine's cores share the work; the figures are summed into one table.
pub async fn simulate(engine: common::Engine, name: &'static str, cases: u64, first_seed: u64) {
    let started = Instant::now();
    let lanes = env_u64("MERA_SIM_LANES")
        .unwrap_or(2)
        .clamp(1, cases.max(1));
    let mut running = Vec::new();
    for n in 0..lanes {
        let Some(db) = common::TestDb::new(engine).await else {
            return;
        };
        let fx = fixture(&db.conn).await;
        running.push(tokio::spawn(async move {
            let figures = lane(&db.conn, &fx, name, (n, lanes), cases, first_seed).await;
            db.drop().await;
            figures
        }));
    }
    let mut total = Figures::default();
    for lane in running {
        match lane.await {
            Ok(figures) => total.add(&figures),
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            Err(e) => panic!("{name}: a lane did not finish: {e}"),
        }
    }
    let seeds = format!("{first_seed}..{}", first_seed.wrapping_add(cases));
    println!(
        "\nsync simulation, {name}:\n{}",
        total.table(name, &seeds, started.elapsed())
    );
    assert_eq!(total.cases, cases);
    assert_eq!(total.lost, 0);
    assert_eq!(total.diverged, 0);
    if cases >= 100 {
        // The faults and outcomes the simulation is for did occur.
        assert!(total.conflicts > 0 && total.duplicates > 0 && total.held > 0 && total.no_ops > 0);
        assert!(total.server_stops > 0 && total.responses_lost > 0 && total.delayed > 0);
        assert!(total.wipes > 0 && total.offline_periods > 0 && total.closed > 0);
        assert_eq!(total.rejected.len(), 3, "{:?}", total.rejected);
    }
}
