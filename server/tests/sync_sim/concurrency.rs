//! Concurrent writers and a reader: change numbers become visible in order.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use backend::entity::{change_log, procedure_result};
use backend::sync::{committed_change, records, run, SyncRequest};
use domain::policy::Principal;
use domain::sync::{ResultRecord, ScoreSet};

use crate::common::sync::new_mutation;
use crate::model::cells;
use crate::school::{fixture, new_procedure, origin, uuid, Class, Person};

/// One write per result, so a change the reader skipped would never be sent again.
#[derive(Clone, Copy, Debug)]
pub struct Target {
    pub procedure_id: i32,
    pub task_id: i32,
    pub student_id: i32,
    pub score: i16,
}

async fn writer(
    db: DatabaseConnection,
    who: Principal,
    targets: Vec<Target>,
    seed: u64,
) -> Result<usize, String> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let device = run(&db, &who, &origin(), SyncRequest::default())
        .await
        .map_err(|e| format!("registration: {e:?}"))?
        .device;
    let mut seq = 0;
    let mut requests = 0;
    for chunk in targets.chunks(rng.gen_range(1..=4)) {
        let mutations: Vec<_> = chunk
            .iter()
            .map(|t| {
                seq += 1;
                let payload = ScoreSet {
                    procedure_id: t.procedure_id,
                    student_id: t.student_id,
                    task_id: t.task_id,
                    score: Some(t.score),
                };
                new_mutation(uuid(&mut rng), seq, ScoreSet::KIND, &payload, None)
            })
            .collect();
        let n = mutations.len();
        let request = SyncRequest {
            device: Some(device.clone()),
            cursor: 0,
            last_seq_made: seq,
            mutations,
        };
        let r = if rng.gen_bool(0.25) {
            // The network delivers the request twice, at the same time.
            let from = origin();
            let (a, b) = tokio::join!(
                run(&db, &who, &from, request.clone()),
                run(&db, &who, &from, request)
            );
            let (a, b) = (
                a.map_err(|e| format!("a push failed: {e:?}"))?,
                b.map_err(|e| format!("a push failed: {e:?}"))?,
            );
            check!(
                (&a.applied, &a.rejected, &a.conflicts, a.acked_seq)
                    == (&b.applied, &b.rejected, &b.conflicts, b.acked_seq),
                "two copies of one request answered differently:\n{a:?}\n{b:?}"
            );
            requests += 1;
            a
        } else {
            run(&db, &who, &origin(), request)
                .await
                .map_err(|e| format!("a push failed: {e:?}"))?
        };
        check!(
            r.applied.len() == n && r.acked_seq == seq && r.conflicts.is_empty(),
            "a concurrent push was not applied whole: {r:?}"
        );
        requests += 1;
        tokio::task::yield_now().await;
    }
    Ok(requests)
}

pub async fn concurrent(db: &DatabaseConnection, engine: &str) {
    let started = Instant::now();
    let fx = fixture(db).await;
    let mut targets = Vec::new();
    for p in 0..4 {
        let (procedure_id, tasks) = new_procedure(db, &fx, &[3]).await;
        for (n, (student_id, class)) in fx.pupils.iter().enumerate() {
            targets.push((
                *class,
                p,
                Target {
                    procedure_id,
                    task_id: tasks[0],
                    student_id: *student_id,
                    score: (n % 4) as i16,
                },
            ));
        }
    }
    let pick = |f: &dyn Fn(Class, usize, usize) -> bool| -> Vec<Target> {
        targets
            .iter()
            .enumerate()
            .filter(|(n, (c, p, _))| f(*c, *p, *n))
            .map(|(_, (_, _, t))| *t)
            .collect()
    };
    let teacher = fx.people[&Person::Teacher].0.clone();
    let teacher2 = fx.people[&Person::Teacher2].0.clone();
    let deputy = fx.people[&Person::Deputy].0.clone();
    // Four writers on four devices, each with results of its own.
    let shares = [
        (
            teacher.clone(),
            pick(&|c, _, n| c == Class::B && n % 2 == 0),
        ),
        (
            teacher.clone(),
            pick(&|c, _, n| c == Class::B && n % 2 == 1),
        ),
        (teacher.clone(), pick(&|c, p, _| c == Class::A && p < 2)),
        (teacher2.clone(), pick(&|c, p, _| c == Class::A && p >= 2)),
    ];
    let written: usize = shares.iter().map(|s| s.1.len()).sum();
    assert_eq!(written, targets.len());
    let start = committed_change(db).await.unwrap();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));

    // The reader pulls as fast as it can while the writers write.
    let reader = {
        let db = db.clone();
        let done = done.clone();
        tokio::spawn(async move {
            let device = run(&db, &deputy, &origin(), SyncRequest::default())
                .await
                .unwrap()
                .device;
            let mut cursor = start;
            let mut seen: BTreeMap<(i32, i32), ResultRecord> = BTreeMap::new();
            let mut pulls = 0u64;
            let mut quiet = false;
            loop {
                let finished = done.load(std::sync::atomic::Ordering::SeqCst);
                let r = run(
                    &db,
                    &deputy,
                    &origin(),
                    SyncRequest {
                        device: Some(device.clone()),
                        cursor,
                        last_seq_made: 0,
                        mutations: vec![],
                    },
                )
                .await
                .unwrap();
                pulls += 1;
                assert!(r.cursor >= cursor, "the cursor went back");
                cursor = r.cursor;
                for rec in r.changes {
                    let key = (rec.procedure_id, rec.student_id);
                    if let Some(old) = seen.get(&key) {
                        let (old, new) = (
                            cells(std::slice::from_ref(old)),
                            cells(std::slice::from_ref(&rec)),
                        );
                        for (k, (_, v)) in old {
                            assert!(new.get(&k).is_some_and(|c| c.1 >= v), "a version went back");
                        }
                    }
                    seen.insert(key, rec);
                }
                // One more pull after the writers are done, and until nothing more comes.
                if finished && !r.more {
                    if quiet {
                        break;
                    }
                    quiet = true;
                }
            }
            (seen, pulls, cursor)
        })
    };
    let mut writers = Vec::new();
    for (n, (who, share)) in shares.into_iter().enumerate() {
        writers.push(tokio::spawn(writer(db.clone(), who, share, n as u64)));
    }
    let mut requests = 0;
    for w in writers {
        requests += w.await.unwrap().unwrap_or_else(|e| panic!("{engine}: {e}"));
    }
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let (seen, pulls, cursor) = reader.await.unwrap();

    // Change numbers are handed out without gaps, one per write.
    let end = committed_change(db).await.unwrap();
    assert_eq!(cursor, end, "{engine}: the reader caught up");
    let numbers: Vec<i64> = change_log::Entity::find()
        .filter(change_log::Column::No.gt(start))
        .order_by_asc(change_log::Column::No)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.no)
        .collect();
    assert_eq!(
        numbers,
        ((start + 1)..=end).collect::<Vec<_>>(),
        "{engine}: numbers without gaps"
    );
    assert_eq!(numbers.len(), written);
    // The reader missed nothing: every result written reached it, in its final state.
    let ids: Vec<i32> = procedure_result::Entity::find()
        .filter(
            procedure_result::Column::ProcedureId.is_in(
                targets
                    .iter()
                    .map(|t| t.2.procedure_id)
                    .collect::<BTreeSet<_>>(),
            ),
        )
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids.len(), written);
    let server = records(db, ids).await.unwrap();
    let mut want: Vec<ResultRecord> = server;
    want.sort_by_key(|r| (r.procedure_id, r.student_id));
    let got: Vec<ResultRecord> = seen.into_values().collect();
    assert_eq!(got.len(), written, "{engine}: the reader skipped a change");
    assert_eq!(got, want, "{engine}: the reader holds the server's state");
    println!(
        "\nconcurrent sync, {engine}: 4 writers, {requests} pushes, {written} changes; 1 reader, {pulls} pulls, none missed ({:.1} s)",
        started.elapsed().as_secs_f64()
    );
}
