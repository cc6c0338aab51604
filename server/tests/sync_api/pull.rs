//! Pulling: (j) a pull shows only what its user may see, (m) a long catch-up comes in pages.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use backend::entity::{change_log, teaching_assignment};

use crate::common::sync::principal;
use crate::protocol::{register, score, sync};
use crate::world::{new_procedure, setting, world};

// ---------------------------------------------------------------------------------------------
// (j) A pull shows only what its user may see.

pub async fn visibility(db: &DatabaseConnection) {
    let w = world(db).await;
    let (math, mt) = new_procedure(db, &w, w.math, &[w.c5a, w.c5b], &[2, 2]).await;
    let (russian, rt) = new_procedure(db, &w, w.russian, &[w.c5a], &[2]).await;
    let names = [
        "teacher",
        "teacher2",
        "class_teacher",
        "deputy",
        "municipal",
    ];
    let mut who = Vec::new();
    for name in names {
        who.push(principal(db, name).await);
    }
    let [teacher, teacher2, ct, deputy, municipal] = &who[..] else {
        unreachable!()
    };
    let (s1, s2, s3, s4) = (
        w.pupils_5a[0],
        w.pupils_5b[0],
        w.pupils_5a[1],
        w.pupils_5a[2],
    );
    let dev = register(db, teacher).await;
    let batch = vec![
        score(1, math, s1, mt[0], Some(1), None),
        score(2, math, s2, mt[0], Some(2), None),
    ];
    let r = sync(db, teacher, &dev, 0, batch).await;
    assert_eq!(r.applied.len(), 2);
    let dev = register(db, teacher2).await;
    let m = score(1, math, s3, mt[1], Some(1), None);
    let r = sync(db, teacher2, &dev, 0, vec![m]).await;
    assert_eq!(r.applied.len(), 1);
    let dev = register(db, ct).await;
    let m = score(1, russian, s4, rt[0], Some(2), None);
    let r = sync(db, ct, &dev, 0, vec![m]).await;
    assert_eq!(r.applied.len(), 1);

    let expect = [
        (teacher, "teacher", vec![(math, s1), (math, s2), (math, s3)]),
        (teacher2, "teacher2 (5А only)", vec![(math, s1), (math, s3)]),
        (
            ct,
            "class_teacher (5А, every subject)",
            vec![(math, s1), (math, s3), (russian, s4)],
        ),
        (
            deputy,
            "deputy (the whole school)",
            vec![(math, s1), (math, s2), (math, s3), (russian, s4)],
        ),
        (municipal, "municipal (no names, no results)", vec![]),
    ];
    for (p, what, mut want) in expect {
        let dev = register(db, p).await;
        let r = sync(db, p, &dev, 0, vec![]).await;
        let mut got: Vec<(i32, i32)> = r
            .changes
            .iter()
            .map(|c| (c.procedure_id, c.student_id))
            .collect();
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want, "{what} sees what the policy gives");
        assert!(!r.more);
        assert_eq!(
            r.cursor,
            backend::sync::committed_change(db).await.unwrap(),
            "{what}: every change is passed"
        );
    }
    // Teaching assignments decide, not roles: the same teacher loses 5Б with its assignment.
    teaching_assignment::Entity::delete_many()
        .filter(teaching_assignment::Column::AccountId.eq(teacher.account_id))
        .filter(teaching_assignment::Column::ClassId.eq(w.c5b))
        .exec(db)
        .await
        .unwrap();
    let fewer = principal(db, "teacher").await;
    let dev = register(db, &fewer).await;
    let r = sync(db, &fewer, &dev, 0, vec![]).await;
    assert!(r.changes.iter().all(|c| c.student_id != s2));
}

// ---------------------------------------------------------------------------------------------
// A long catch-up comes in pages: `more` says to sync again at once, and no change is skipped
// at a page's edge.

pub async fn paging(db: &DatabaseConnection) {
    use backend::entity::change_clock;
    let (w, p, tasks, teacher, phone) = setting(db).await;
    let m = score(1, p, w.pupils_5a[0], tasks[0], Some(1), None);
    let r = sync(db, &teacher, &phone, 0, vec![m.clone()]).await;
    let logged = change_log::Entity::find()
        .filter(change_log::Column::MutationId.eq(m.id.clone()))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    // 2,499 more changes of that result, as if a long day of entry had happened.
    let extra = 2499;
    let rows: Vec<change_log::ActiveModel> = (1..=extra)
        .map(|n| change_log::ActiveModel {
            no: Set(r.cursor + n),
            at: Set(Utc::now()),
            school_id: Set(logged.school_id),
            class_id: Set(logged.class_id),
            subject_id: Set(logged.subject_id),
            procedure_id: Set(p),
            result_id: Set(logged.result_id),
            mutation_id: Set(None),
        })
        .collect();
    for chunk in rows.chunks(500) {
        change_log::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await
            .unwrap();
    }
    let last = r.cursor + extra;
    change_clock::ActiveModel {
        id: Set(1),
        last_no: Set(last),
    }
    .update(db)
    .await
    .unwrap();

    let tablet = register(db, &teacher).await;
    let first = sync(db, &teacher, &tablet, 0, vec![]).await;
    assert!(first.more, "a page is full: more to come");
    assert_eq!(
        first.cursor, 2000,
        "the cursor stops at the page's last change"
    );
    assert_eq!(first.changes.len(), 1, "one result, sent once");
    let second = sync(db, &teacher, &tablet, first.cursor, vec![]).await;
    assert!(!second.more);
    assert_eq!(second.cursor, last);
    assert_eq!(second.changes.len(), 1);
    let done = sync(db, &teacher, &tablet, second.cursor, vec![]).await;
    assert!(done.changes.is_empty() && !done.more);
    // Someone who may see none of it pages through all the same, and learns nothing.
    let municipal = principal(db, "municipal").await;
    let dev = register(db, &municipal).await;
    let first = sync(db, &municipal, &dev, 0, vec![]).await;
    assert!(first.more && first.changes.is_empty());
    let second = sync(db, &municipal, &dev, first.cursor, vec![]).await;
    assert!(!second.more && second.changes.is_empty());
    assert_eq!(second.cursor, last);
}
