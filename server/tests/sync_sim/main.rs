//! The sync simulation (docs/design.md §4): the real server code on a real database, and devices that
//! run the app's own outbox and replica logic (`domain::sync::outbox`, `domain::sync::replica`), over a
//! network that loses requests, loses responses after the server committed, duplicates requests,
//! delivers old requests after newer ones, and a server that stops in the middle of a batch.
//! Devices go offline for a while, edit the same cells, send scores out of range, kinds the
//! server does not know and edits they have no right to make; a tablet is now and then wiped
//! and its outbox restored from a saved file; the deputy sometimes closes the procedure.
//!
//! Every case is checked against a reference model of the server (`Oracle`, `Sim::verify`):
//! - every mutation made is processed exactly once (applied, rejected with the expected
//!   reason, or held) and none is pending once the network is quiet; a repeat gets the first
//!   outcome back, a restored copy is answered and not applied again;
//! - a replayed batch changes nothing, and a batch cut off by a server stop leaves nothing;
//! - each device's mutations are answered in seq order (1..n), change numbers rising with them;
//! - the final value of every cell is the last applied write, every overwritten value is in
//!   the cell history, and the conflicts are exactly those of the model's rule;
//! - nothing is applied without the right to it, and each refusal is audited;
//! - every device ends with the server's state of everything it may see, and nothing else, and
//!   its «требует внимания» list holds exactly its refused, held and conflicting edits.
//!
//! `MERA_SIM_CASES` (default 1000) cases run on SQLite and 15 % of that (at least 1; or
//! `MERA_SIM_PG_CASES`) on PostgreSQL; `MERA_SIM_SEED` is the first case's seed. A failing case
//! prints its seed: `MERA_SIM_SEED=<seed> MERA_SIM_CASES=1` runs exactly that case again. The
//! figures print with `--nocapture`.
//!
//! A second test runs writers concurrently (some requests delivered twice at once) while a
//! reader pulls, and checks that the reader never skips a change: change numbers become visible
//! in order.

#[path = "../common/mod.rs"]
mod common;

/// `check!(condition, message…)`: in a case, a failed check returns the message as its error.
// (Defined before the modules, so that they have it.)
macro_rules! check {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+));
        }
    };
}

fn db_err(e: impl std::fmt::Debug) -> String {
    format!("database error: {e:?}")
}

mod checks;
mod concurrency;
mod device;
mod figures;
mod model;
mod network;
mod runs;
mod school;
mod sim;

use concurrency::concurrent;
use runs::{env_u64, simulate};

fn sqlite_cases() -> u64 {
    env_u64("MERA_SIM_CASES").unwrap_or(1000)
}

fn first_seed() -> u64 {
    env_u64("MERA_SIM_SEED").unwrap_or(20_261_125)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simulation_sqlite() {
    simulate(
        common::Engine::Sqlite,
        "SQLite",
        sqlite_cases(),
        first_seed(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simulation_postgres() {
    let cases = env_u64("MERA_SIM_PG_CASES").unwrap_or((sqlite_cases() * 3 / 20).max(1));
    // Other seeds than SQLite's, unless one case is being replayed.
    let seed = if cases == 1 && sqlite_cases() == 1 {
        first_seed()
    } else {
        first_seed().wrapping_add(1_000_000)
    };
    simulate(common::Engine::Postgres, "PostgreSQL", cases, seed).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writers_sqlite() {
    let db = common::TestDb::new(common::Engine::Sqlite).await.unwrap();
    concurrent(&db.conn, "SQLite").await;
    db.drop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writers_postgres() {
    let Some(db) = common::TestDb::new(common::Engine::Postgres).await else {
        return;
    };
    concurrent(&db.conn, "PostgreSQL").await;
    db.drop().await;
}
