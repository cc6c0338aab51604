//! What is not applied, and why: (d) a score out of range, (e) an edit without the right to it,
//! (i) an unknown kind, a broken payload and a closed procedure.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, Set,
};
use serde_json::json;

use backend::entity::{audit_log, procedure, task_score};
use domain::sync::Mutation;

use crate::common::sync::{last_audit_id, principal};
use crate::protocol::{counts, register, score, stored_mutation, sync};
use crate::world::{new_procedure, setting, world};

// ---------------------------------------------------------------------------------------------
// (d) A score out of range is rejected with a reason.

pub async fn out_of_range(db: &DatabaseConnection) {
    let (w, p, tasks, teacher, phone) = setting(db).await;
    let before = counts(db).await;
    let high = score(1, p, w.pupils_5a[0], tasks[1], Some(3), None);
    let low = score(2, p, w.pupils_5a[0], tasks[1], Some(-1), None);
    let r = sync(db, &teacher, &phone, 0, vec![high.clone(), low.clone()]).await;
    assert!(r.applied.is_empty());
    assert_eq!(r.rejected.len(), 2);
    for (rejected, m) in r.rejected.iter().zip([&high, &low]) {
        assert_eq!(rejected.id, m.id);
        assert!(
            rejected.reason.contains("от 0 до 2"),
            "a reason the teacher can act on: {}",
            rejected.reason
        );
    }
    assert_eq!(r.acked_seq, 2, "a rejected mutation is processed too");
    assert!(r.changes.is_empty());
    let after = counts(db).await;
    assert_eq!(after.change_log, before.change_log);
    assert_eq!(after.task_score, before.task_score);
    assert_eq!(after.cell, before.cell);
    assert_eq!(after.history, before.history);
    assert_eq!(
        after.mutation,
        before.mutation + 2,
        "stored with the outcome"
    );
    let stored = stored_mutation(db, &high.id).await;
    assert_eq!(stored.outcome, "rejected");
    assert_eq!(
        stored.reason.as_deref(),
        Some(r.rejected[0].reason.as_str())
    );
    // A task of another procedure is not a task of this one.
    let (_, foreign_tasks) = new_procedure(db, &w, w.math, &[w.c5a], &[5]).await;
    let m = score(3, p, w.pupils_5a[0], foreign_tasks[0], Some(1), None);
    let r = sync(db, &teacher, &phone, 0, vec![m]).await;
    assert_eq!(r.rejected.len(), 1);
    assert!(
        r.rejected[0].reason.contains("задания"),
        "{}",
        r.rejected[0].reason
    );
}

// ---------------------------------------------------------------------------------------------
// (e) Without the right to enter the class's results: rejected, nothing written, audited.

pub async fn without_the_right(db: &DatabaseConnection) {
    let w = world(db).await;
    let (p, tasks) = new_procedure(db, &w, w.math, &[w.c5a, w.c5b], &[1, 2, 3, 2]).await;
    let ct = principal(db, "class_teacher").await;
    assert!(
        !ct.teaching
            .iter()
            .any(|t| t.class_id == w.c5a && t.subject_id == w.math),
        "the demo's class teacher of 5А does not teach mathematics"
    );
    let teacher2 = principal(db, "teacher2").await;
    let deputy = principal(db, "deputy").await;
    let cases = [
        (&ct, w.pupils_5a[0], "class_teacher in 5А"),
        (&teacher2, w.pupils_5b[0], "teacher2 in 5Б"),
        (&deputy, w.pupils_5a[0], "the deputy"),
    ];
    for (who, student, what) in cases {
        let dev = register(db, who).await;
        let before = counts(db).await;
        let last_audit = last_audit_id(db).await.unwrap();
        let m = score(1, p, student, tasks[0], Some(1), None);
        let r = sync(db, who, &dev, 0, vec![m.clone()]).await;
        assert!(r.applied.is_empty(), "{what}: {r:?}");
        assert_eq!(r.rejected.len(), 1, "{what}");
        assert!(
            r.rejected[0].reason.contains("нет права"),
            "{what}: {}",
            r.rejected[0].reason
        );
        assert_eq!(r.acked_seq, 1);
        let after = counts(db).await;
        assert_eq!(
            (
                after.change_log,
                after.task_score,
                after.result,
                after.cell,
                after.history
            ),
            (
                before.change_log,
                before.task_score,
                before.result,
                before.cell,
                before.history
            ),
            "{what}: nothing written"
        );
        let denied = audit_log::Entity::find()
            .filter(audit_log::Column::Id.gt(last_audit))
            .all(db)
            .await
            .unwrap();
        assert_eq!(denied.len(), 1, "{what}: {denied:?}");
        assert_eq!(denied[0].outcome, "denied");
        assert_eq!(denied[0].account_id, Some(who.account_id));
        assert_eq!(denied[0].action, "edit");
        assert_eq!(denied[0].entity, "result");
        assert!(denied[0].device.as_deref().unwrap_or("").contains(&dev));
    }
    // The class teacher does enter Russian in her class.
    let (russian, rtasks) = new_procedure(db, &w, w.russian, &[w.c5a], &[2]).await;
    assert!(ct
        .teaching
        .iter()
        .any(|t| t.class_id == w.c5a && t.subject_id == w.russian));
    let dev = register(db, &ct).await;
    let m = score(1, russian, w.pupils_5a[0], rtasks[0], Some(2), None);
    let r = sync(db, &ct, &dev, 0, vec![m]).await;
    assert_eq!(r.applied.len(), 1, "{r:?}");
}

// ---------------------------------------------------------------------------------------------
// (i) A kind this server does not know, a broken payload, a closed procedure.

pub async fn unknown_kind(db: &DatabaseConnection) {
    let (w, p, tasks, teacher, phone) = setting(db).await;
    let before = counts(db).await;
    let newer = Mutation {
        kind: "result.score@9".into(),
        ..score(1, p, w.pupils_5a[0], tasks[0], Some(1), None)
    };
    let broken = Mutation {
        payload: json!({"procedure_id": p, "student": "?"}),
        ..score(2, p, w.pupils_5a[0], tasks[0], Some(1), None)
    };
    let r = sync(db, &teacher, &phone, 0, vec![newer.clone(), broken.clone()]).await;
    assert!(r.applied.is_empty());
    assert_eq!(r.rejected.len(), 2);
    assert_eq!(r.rejected[0].id, newer.id);
    assert!(
        r.rejected[0].reason.contains("result.score@9"),
        "the reason names the kind: {}",
        r.rejected[0].reason
    );
    assert!(!r.rejected[1].reason.is_empty());
    assert_eq!(r.acked_seq, 2);
    let after = counts(db).await;
    assert_eq!(
        (after.change_log, after.task_score),
        (before.change_log, before.task_score)
    );

    // A closed procedure keeps late edits for the deputy.
    let mut row = procedure::Entity::find_by_id(p)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    row.closed_at = Set(Some(Utc::now()));
    row.update(db).await.unwrap();
    let late = score(3, p, w.pupils_5a[0], tasks[0], Some(1), None);
    let r = sync(db, &teacher, &phone, 0, vec![late.clone()]).await;
    assert!(r.applied.is_empty() && r.rejected.is_empty());
    assert_eq!(r.held.len(), 1);
    assert_eq!(r.held[0].id, late.id);
    assert!(r.held[0].reason.contains("закрыта"), "{}", r.held[0].reason);
    assert_eq!(r.acked_seq, 3);
    let stored = stored_mutation(db, &late.id).await;
    assert_eq!(stored.outcome, "held");
    assert_eq!(
        task_score::Entity::find().count(db).await.unwrap(),
        before.task_score
    );
}
