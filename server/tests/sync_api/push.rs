//! Pushing: (b) a score is applied and pulled, (c) a repeated batch changes nothing, (f) a
//! conflict is applied, reported and kept, (g) a gap in seq stops the batch.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

use backend::entity::{account, cell_history, change_log, mutation, task_score};
use domain::sync::{Mutation, SyncResponse};

use crate::common::sync::principal;
use crate::protocol::{
    absence, cell, counts, device_row, outcome_lists, record, register, score, stored_mutation,
    sync,
};
use crate::world::{math_5a, setting, world};

// ---------------------------------------------------------------------------------------------
// (b) A score set is applied and pulled.

pub async fn push_and_pull(db: &DatabaseConnection) {
    let (w, p, tasks, teacher, phone) = setting(db).await;
    let s = w.pupils_5a[0];
    let m = score(1, p, s, tasks[2], Some(3), None);
    let r = sync(db, &teacher, &phone, 0, vec![m.clone()]).await;
    assert_eq!(r.applied, vec![m.id.clone()]);
    assert!(r.rejected.is_empty() && r.conflicts.is_empty() && r.held.is_empty());
    assert_eq!(r.acked_seq, 1);
    assert!(r.cursor >= 1);
    let own = record(&r.changes, p, s).expect("the device gets its own change back");
    let (value, version) = cell(own, tasks[2]);
    assert_eq!(value, Some(3));
    assert!(version > 0);

    let logged = change_log::Entity::find()
        .filter(change_log::Column::MutationId.eq(m.id.clone()))
        .all(db)
        .await
        .unwrap();
    assert_eq!(logged.len(), 1, "one change-log row per applied change");
    assert_eq!(
        logged[0].no, version,
        "a cell's version is its change number"
    );
    assert_eq!(logged[0].class_id, w.c5a);
    assert_eq!(logged[0].subject_id, w.math);
    let stored = stored_mutation(db, &m.id).await;
    assert_eq!((stored.outcome.as_str(), stored.seq), ("applied", 1));
    assert_eq!(stored.device_id, phone);

    // Another device of the same teacher pulls from the beginning.
    let tablet = register(db, &teacher).await;
    let pulled = sync(db, &teacher, &tablet, 0, vec![]).await;
    assert_eq!(pulled.changes.len(), 1, "{:?}", pulled.changes);
    let rec = &pulled.changes[0];
    assert_eq!((rec.procedure_id, rec.student_id), (p, s));
    assert_eq!(cell(rec, tasks[2]), (Some(3), version));
    assert!(!rec.absent);
    assert_eq!(rec.absent_version, 0);
    assert_eq!(pulled.cursor, r.cursor);
    // Nothing new since.
    let again = sync(db, &teacher, &tablet, pulled.cursor, vec![]).await;
    assert!(again.changes.is_empty());
    assert_eq!(again.cursor, pulled.cursor);

    // Absence and a cleared score: the flag and the cell keep their versions.
    let absent = absence(1, p, s, true, None);
    let clear = score(2, p, s, tasks[2], None, Some(version));
    let r = sync(db, &teacher, &tablet, pulled.cursor, vec![absent, clear]).await;
    assert_eq!(r.applied.len(), 2);
    assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
    let rec = record(&r.changes, p, s).unwrap();
    assert!(rec.absent);
    assert!(rec.absent_version > version);
    let (value, cleared) = cell(rec, tasks[2]);
    assert_eq!(value, None);
    assert!(cleared > rec.absent_version, "applied in seq order");
    assert_eq!(task_score::Entity::find().count(db).await.unwrap(), 0);
}

// ---------------------------------------------------------------------------------------------
// (c) A repeated batch gets the first outcomes and changes nothing.

pub async fn repeated_batch(db: &DatabaseConnection) {
    let w = world(db).await;
    let (p, tasks) = math_5a(db, &w).await;
    let teacher = principal(db, "teacher").await;
    let teacher2 = principal(db, "teacher2").await;
    let other = register(db, &teacher2).await;
    let first = score(1, p, w.pupils_5a[1], tasks[0], Some(1), None);
    sync(db, &teacher2, &other, 0, vec![first]).await;

    let phone = register(db, &teacher).await;
    let batch = vec![
        score(1, p, w.pupils_5a[0], tasks[0], Some(1), None),
        score(2, p, w.pupils_5a[0], tasks[1], Some(9), None),
        absence(3, p, w.pupils_5a[0], true, None),
        score(4, p, w.pupils_5a[1], tasks[0], Some(0), None),
    ];
    let once = sync(db, &teacher, &phone, 0, batch.clone()).await;
    assert_eq!(once.applied.len(), 3);
    assert_eq!(once.rejected.len(), 1);
    assert_eq!(
        once.conflicts.len(),
        1,
        "teacher2's 1 was overwritten unseen"
    );
    assert_eq!(once.acked_seq, 4);
    let before = counts(db).await;
    let twice = sync(db, &teacher, &phone, 0, batch.clone()).await;
    assert_eq!(
        outcome_lists(&twice),
        outcome_lists(&once),
        "the first outcomes again"
    );
    let sorted = |r: &SyncResponse| {
        let mut changes = r.changes.clone();
        changes.sort_by_key(|c| c.student_id);
        changes
    };
    assert_eq!(sorted(&twice), sorted(&once));
    assert_eq!(counts(db).await, before, "a repeat writes nothing");
    // A repeat of part of the batch, out of order, with a later cursor.
    let mut part = vec![batch[2].clone(), batch[0].clone()];
    part[0].at = "2000-01-01T00:00:00Z".into();
    let thrice = sync(db, &teacher, &phone, once.cursor, part).await;
    assert_eq!(
        thrice.applied,
        vec![batch[0].id.clone(), batch[2].id.clone()]
    );
    assert_eq!(thrice.acked_seq, 4);
    assert!(thrice.changes.is_empty());
    assert_eq!(counts(db).await, before);
    // The same id from another device is not applied again either.
    let copy = Mutation {
        seq: 2,
        ..batch[0].clone()
    };
    let stolen = sync(db, &teacher2, &other, 0, vec![copy]).await;
    assert!(stolen.applied.is_empty(), "{stolen:?}");
    assert_eq!(stolen.rejected.len(), 1, "{stolen:?}");
    assert_eq!(counts(db).await, before);
}

// ---------------------------------------------------------------------------------------------
// (f) Two teachers set one cell: the later sync wins, the other value is kept as a conflict.

pub async fn conflict(db: &DatabaseConnection) {
    let w = world(db).await;
    let (p, tasks) = math_5a(db, &w).await;
    let s = w.pupils_5a[2];
    let t = tasks[2];
    let teacher = principal(db, "teacher").await;
    let teacher2 = principal(db, "teacher2").await;
    let a = register(db, &teacher).await;
    let b = register(db, &teacher2).await;

    let first = score(1, p, s, t, Some(1), None);
    let ra = sync(db, &teacher, &a, 0, vec![first.clone()]).await;
    assert_eq!(ra.applied, vec![first.id.clone()]);
    assert!(ra.conflicts.is_empty());
    let v1 = cell(record(&ra.changes, p, s).unwrap(), t).1;

    let second = score(1, p, s, t, Some(2), Some(0));
    let rb = sync(db, &teacher2, &b, 0, vec![second.clone()]).await;
    assert_eq!(rb.applied, vec![second.id.clone()], "the later sync wins");
    assert_eq!(rb.conflicts.len(), 1);
    let c = &rb.conflicts[0];
    assert_eq!(c.id, second.id);
    assert_eq!((c.procedure_id, c.student_id, c.task_id), (p, s, t));
    assert_eq!(c.yours, "2");
    assert_eq!(c.theirs, "1");
    let teacher_name = account::Entity::find_by_id(teacher.account_id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .full_name;
    assert_eq!(c.theirs_by, teacher_name);
    let (value, v2) = cell(record(&rb.changes, p, s).unwrap(), t);
    assert_eq!(value, Some(2));
    assert!(v2 > v1);

    let history = cell_history::Entity::find()
        .filter(cell_history::Column::ReplacedBy.eq(second.id.clone()))
        .all(db)
        .await
        .unwrap();
    assert_eq!(history.len(), 1);
    let h = &history[0];
    assert!(h.conflict);
    assert_eq!(h.value.as_deref(), Some("1"));
    assert_eq!(h.version, v1);
    assert_eq!(h.device_id.as_deref(), Some(a.as_str()));
    assert_eq!(h.account_id, Some(teacher.account_id));
    assert!(h.resolved_at.is_none());
    let stored = stored_mutation(db, &second.id).await;
    assert_eq!(stored.outcome, "applied");
    assert!(
        stored.conflict.is_some(),
        "kept, so a repeat reports it again"
    );
    let repeat = sync(db, &teacher2, &b, 0, vec![second.clone()]).await;
    assert_eq!(repeat.conflicts, rb.conflicts);

    // The teacher has now seen 2 (version v2): her next edit is no conflict, but the value it
    // overwrites is still kept.
    let third = score(2, p, s, t, Some(3), Some(v2));
    let r = sync(db, &teacher, &a, ra.cursor, vec![third.clone()]).await;
    assert_eq!(r.applied, vec![third.id.clone()]);
    assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
    let kept = cell_history::Entity::find()
        .filter(cell_history::Column::ReplacedBy.eq(third.id.clone()))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(!kept.conflict);
    assert_eq!(kept.value.as_deref(), Some("2"));
    // A device overwriting its own last write is no conflict even from an old base.
    let fourth = score(3, p, s, t, Some(0), Some(0));
    let r = sync(db, &teacher, &a, 0, vec![fourth]).await;
    assert!(r.conflicts.is_empty());
    assert_eq!(
        cell_history::Entity::find()
            .filter(cell_history::Column::Conflict.eq(true))
            .count(db)
            .await
            .unwrap(),
        1
    );
    // The «не писал(а)» flag conflicts the same way.
    let away = absence(2, p, s, true, None);
    sync(db, &teacher2, &b, 0, vec![away]).await;
    let back = absence(4, p, s, false, None);
    let r = sync(db, &teacher, &a, 0, vec![back]).await;
    assert_eq!(r.conflicts.len(), 1);
    assert_eq!(r.conflicts[0].task_id, 0);
    assert_eq!(r.conflicts[0].theirs, "не писал(а)");
}

// ---------------------------------------------------------------------------------------------
// (g) A gap in seq stops the batch there.

pub async fn gap(db: &DatabaseConnection) {
    let (w, p, tasks, teacher, phone) = setting(db).await;
    let one = score(1, p, w.pupils_5a[0], tasks[0], Some(1), None);
    let two = score(2, p, w.pupils_5a[0], tasks[1], Some(1), None);
    let three = score(3, p, w.pupils_5a[0], tasks[2], Some(1), None);
    let r = sync(db, &teacher, &phone, 0, vec![three.clone(), one.clone()]).await;
    assert_eq!(r.applied, vec![one.id.clone()]);
    assert!(r.rejected.is_empty() && r.conflicts.is_empty() && r.held.is_empty());
    assert_eq!(r.acked_seq, 1);
    assert!(
        mutation::Entity::find_by_id(three.id.clone())
            .one(db)
            .await
            .unwrap()
            .is_none(),
        "nothing after the gap is stored"
    );
    let row = device_row(db, &phone).await;
    assert_eq!(row.applied_seq, 1);
    assert_eq!(row.last_seq_made, 3, "the server knows seq 2 is missing");
    // The device resends from acked_seq.
    let resent = vec![two.clone(), three.clone()];
    let r = sync(db, &teacher, &phone, r.cursor, resent).await;
    assert_eq!(r.applied, vec![two.id.clone(), three.id.clone()]);
    assert_eq!(r.acked_seq, 3);
    // A gap right at the start applies nothing.
    let other = register(db, &teacher).await;
    let m = score(2, p, w.pupils_5a[1], tasks[0], Some(1), None);
    let r = sync(db, &teacher, &other, 0, vec![m]).await;
    assert!(r.applied.is_empty() && r.rejected.is_empty());
    assert_eq!(r.acked_seq, 0);
}
